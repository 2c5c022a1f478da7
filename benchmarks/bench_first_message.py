#!/usr/bin/env python
"""A fan's first message after the bot starts: how long it takes, against the same message
asked again, with and without the matcher's warm-up (``Matcher._warm_up``).

    python benchmarks/bench_first_message.py            # 5 fresh processes each way

Each run is a new ``python`` that loads and indexes the shipped base (as the bot does at a
start or a reload), then times four fans' messages in turn, three passes: the first pass is
what the first fans after a start wait for. Printed: the median over the runs of each
message's time in each pass, in ms. Nothing here uses the network.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MESSAGES = ("who plays her", "ballad season 2", "magie q age", "wil ther be a seson 2")
PASSES = 3


def worker(warm_up: bool) -> list[list[float]]:
    sys.path.insert(0, str(REPO))
    from bot._gc import collect_after_build
    from bot.knowledge import load_knowledge
    from bot.matching import Matcher

    if not warm_up:
        Matcher._warm_up = lambda self: None  # type: ignore[method-assign]
    matcher = Matcher(load_knowledge(REPO / "knowledge"))
    collect_after_build()  # as the bot does after every load
    passes = []
    for _ in range(PASSES):
        row = []
        for message in MESSAGES:
            start = time.perf_counter_ns()
            matcher.match(message)
            row.append((time.perf_counter_ns() - start) / 1e6)
        passes.append(row)
    return passes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", choices=["warm", "cold"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker == "warm")))
        return 0
    for mode in ("cold", "warm"):
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--worker", mode],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(args.runs)
        ]
        label = "with the warm-up" if mode == "warm" else "without it"
        print(f"{label} (median of {args.runs} fresh processes, ms; passes 1, 2, 3):")
        for i, message in enumerate(MESSAGES):
            medians = [statistics.median(run[p][i] for run in runs) for p in range(PASSES)]
            print(f"  {message:24}" + "".join(f"{m:8.3f}" for m in medians))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
