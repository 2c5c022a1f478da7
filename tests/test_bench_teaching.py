"""benchmarks/bench_teaching.py times `/faq teach` as the bot does it (the service tests check
that the reload serves what the change was checked with; timings belong in benchmarks)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_teaching.py"


def test_it_prints_each_step_s_time() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--facts", "100", "--runs", "1"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "/faq teach on 100 facts, median of 1 runs:" in out, out
    for label in (
        "the change checked and written",
        "the reload, serving what was checked",
        "the reload, reading the folder again",
        "teaching, as the bot does it",
    ):
        assert re.search(rf"^  {re.escape(label)} +\d+\.\d\d s$", out, re.M), (label, out)
