"""benchmarks/bench_instructions.py counts matching's instructions under callgrind; its
worker (what callgrind runs) is checked here without valgrind, which is slow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "bench_instructions.py"


def _worker(*extra: str) -> int:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--worker", "--repo", str(REPO), *extra],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return int(out.strip())


def test_the_worker_reads_the_same_messages_whether_it_matches_them_or_not() -> None:
    matched = _worker()
    assert matched > 100  # the fans' messages and the hostile inputs
    assert _worker("--load-only") == matched


def test_the_worker_loads_another_base_when_given_one(tmp_path: Path) -> None:
    broken = tmp_path / "kb"
    broken.mkdir()
    (broken / "facts.yaml").write_text("facts: [", encoding="utf-8")
    # (the base given is the one read: a broken one fails the run)
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--worker",
            "--repo",
            str(REPO),
            "--load-only",
            "--knowledge",
            str(broken),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "facts.yaml" in done.stderr
    assert _worker("--load-only", "--knowledge", str(REPO / "knowledge")) > 100
