"""benchmarks/bench_first_message.py times fans' first messages in fresh processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_first_message.py"


def test_it_prints_each_message_s_three_passes_both_ways() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "1"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    lines = out.splitlines()
    assert lines[0].startswith("without it (median of 1 fresh processes")
    assert lines[5].startswith("with the warm-up (median of 1 fresh processes")
    for line in lines[1:5] + lines[6:10]:
        times = [float(t) for t in line.split()[-3:]]
        assert len(times) == 3 and all(t > 0 for t in times), line
