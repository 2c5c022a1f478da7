"""benchmarks/bench_storage.py times a burst of concurrent writes to the question log (the
storage tests check the same burst for correctness only: timings belong in benchmarks)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_storage.py"


def test_it_prints_a_write_s_time_for_sqlite() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--backend", "sqlite", "--writes", "200", "--runs", "2"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    line = re.fullmatch(
        r"sqlite +200 concurrent writes: (\d+) µs a write \(median; runs (\d+), (\d+)\); "
        r"target <= 1000 µs: (met|NOT met)\n",
        out,
    )
    assert line is not None, out
    assert all(int(v) > 0 for v in line.groups()[:3])
