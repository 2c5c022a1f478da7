#!/usr/bin/env python
"""How fast the question log takes many concurrent writes, on SQLite and PostgreSQL.

    python benchmarks/bench_storage.py                  # both backends, 3 runs each
    python benchmarks/bench_storage.py --backend sqlite --writes 5000 --runs 5

Each run opens a fresh database (a SQLite file in a temporary folder; a database of a
throwaway PostgreSQL server on 127.0.0.1, started here as the tests start theirs, with the
server's default durability) and logs ``--writes`` questions at once, as a burst of fans
would (``Storage.log_question`` from that many concurrent tasks), then checks that every
one was stored. Printed: microseconds a write, each run and the median, against the target
of at most 1,000 µs (1 ms) a write. The storage tests check the same burst for correctness
(tests/test_storage.py), not its speed: timings belong here. Nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.storage import Storage  # noqa: E402

TARGET_US = 1000.0  # a write, at most (a burst of fans must not queue behind the log)


async def burst(target: Path | str, writes: int) -> float:
    """Seconds a write, for ``writes`` concurrent writes into a fresh database."""
    storage = await Storage.open(target)
    try:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                storage.log_question(
                    guild_id=1,
                    channel_id=10,
                    user_id=i,
                    question=f"question {i}",
                    group_key=f"key {i % 7}",
                    outcome="none",
                    fact_ids=(),
                    confidence=0.5,
                    message_id=99,
                )
                for i in range(writes)
            )
        )
        per_write = (time.perf_counter() - started) / writes
        stored = sum(g.count for g in await storage.unanswered(1, limit=100))
        if stored != writes:
            raise SystemExit(f"error: {stored} of {writes} writes stored")
        return per_write
    finally:
        await storage.close()


def run_backend(kind: str, writes: int, runs: int) -> list[float]:
    workdir = Path(tempfile.mkdtemp(prefix="ballard-bench-storage-"))
    server = None
    try:
        if kind == "postgres":
            from tests.pgserver import PostgresServer, PostgresUnavailable

            try:
                server = PostgresServer.start(fast=False)
            except PostgresUnavailable as exc:
                print(f"postgres: skipped ({exc})")
                return []
        out = []
        for n in range(runs):
            target: Path | str = (
                server.create_database("bench") if server else workdir / f"bench-{n}.db"
            )
            out.append(asyncio.run(burst(target, writes)))
        return out
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if server is not None:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    kinds = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    for kind in kinds:
        times = run_backend(kind, args.writes, args.runs)
        if not times:
            continue
        runs = ", ".join(f"{t * 1e6:.0f}" for t in times)
        median = statistics.median(times) * 1e6
        verdict = "met" if median <= TARGET_US else "NOT met"
        print(
            f"{kind:8} {args.writes} concurrent writes: {median:.0f} µs a write "
            f"(median; runs {runs}); target <= {TARGET_US:.0f} µs: {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
