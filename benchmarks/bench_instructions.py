#!/usr/bin/env python
"""What matching costs in CPU instructions, which unlike seconds do not move with the
machine's load: for comparing two versions of the matcher on a busy machine.

    python benchmarks/bench_instructions.py              # this checkout
    python benchmarks/bench_instructions.py --repo DIR   # another checkout (git worktree)
    python benchmarks/bench_instructions.py --knowledge DIR   # only load and index that base
        # (the 10,000-fact base, say: `python tools/decisions.py --synthetic DIR` writes it
        # to DIR/kb; a run takes a few minutes)

Runs ``valgrind --tool=callgrind`` (Debian package valgrind) on a fresh ``python`` twice,
with PYTHONHASHSEED=0: once loading and indexing the shipped base and matching the
benchmark's fans' messages and hostile inputs (benchmarks/bench_matching.py), once only
loading and indexing. Prints both counts and their difference, the instructions of
matching alone. Each run takes about ten seconds. Nothing here uses the network.

Compare matching alone between two checkouts (two git worktrees, say). Byte-code is written
and read whatever PYTHONDONTWRITEBYTECODE says, so that no run compiles what it imports.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def messages(repo: Path) -> list[str]:
    sys.path.insert(0, str(repo / "benchmarks"))
    import bench_matching as bm

    return [m["text"] for m in bm.fan_mix()] + [text for _, text in bm.hostile_inputs()]


def worker(repo: Path, match: bool, knowledge: Path | None = None) -> int:
    """Load and index the shipped base of ``repo`` (its own ``bot``), or ``knowledge``, then
    match the messages if asked to; print how many were matched."""
    sys.path.insert(0, str(repo))
    from bot.knowledge import load_knowledge
    from bot.matching import Matcher

    texts = messages(repo)  # (read in both runs, so that only matching differs)
    matcher = Matcher(load_knowledge(knowledge or repo / "knowledge"))
    for text in texts if match else []:
        matcher.match(text)
    print(len(texts))
    return 0


def _env() -> dict[str, str]:
    """The environment of every run: hashing fixed, and byte-code written and read, as on a
    normal machine (PYTHONDONTWRITEBYTECODE, set in some sandboxes, would have every run
    compile the modules it imports, and a module first imported while matching would count
    as matching)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONHASHSEED": "0"}


def count(repo: Path, match: bool, knowledge: Path | None = None) -> int:
    """Instructions of one worker run under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        argv = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={Path(tmp) / 'out'}",
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "--repo",
            str(repo),
        ]
        if not match:
            argv.append("--load-only")
        if knowledge is not None:
            argv += ["--knowledge", str(knowledge)]
        done = subprocess.run(argv, capture_output=True, text=True, env=_env(), check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--knowledge", type=Path, help="count only loading and indexing this knowledge base"
    )
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    knowledge = args.knowledge.resolve() if args.knowledge else None
    if args.worker:
        return worker(repo, not args.load_only, knowledge)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    # A first run compiles the checkout's modules, which would otherwise count once.
    subprocess.run(
        [sys.executable, __file__, "--worker", "--repo", str(repo)],
        check=True,
        capture_output=True,
        env=_env(),
    )
    if knowledge is not None:
        print(f"checkout: {repo}")
        print(f"load and index {knowledge}: {count(repo, False, knowledge):,} instructions")
        return 0
    total = count(repo, match=True)
    load = count(repo, match=False)
    n = len(messages(repo))
    print(f"checkout: {repo}")
    print(f"load, index and match {n} messages: {total:,} instructions")
    print(f"load and index only:            {load:,} instructions")
    print(f"matching alone:                 {total - load:,} ({(total - load) / n:,.0f} a message)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
