#!/usr/bin/env python
"""How long a moderator's `/faq teach` takes on a large knowledge base, as the bot does it.

    python benchmarks/bench_teaching.py                 # the 10,000-fact synthetic base
    python benchmarks/bench_teaching.py --facts 2000 --runs 3

What the bot does for one `/faq teach` (bot/exts/_teaching.py): the learned file's change is
checked (bot.learned.LearnedFile.teach with bot.curation.idle_example: the folder read as it
is, read again with the change, indexed, and the question matched), written, then the live
knowledge base is reloaded (bot.service.KnowledgeService.reload). The reload is timed twice
a run: serving the base the change was checked with (``prepared``, what the bot does), and
reading and indexing the folder again (what it did before 7 December 2026, and what it still
does when a knowledge file was written meanwhile). Each run teaches a new question to the
lead actor's fact in a fresh copy of the base. Nothing leaves this machine; the synthetic
base is generated (seeded) in a temporary folder, as benchmarks/bench_matching.py does.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import _synthetic  # noqa: E402

from bot.curation import idle_example  # noqa: E402
from bot.learned import LearnedFile  # noqa: E402
from bot.service import KnowledgeService  # noqa: E402

DAY = dt.date(2026, 12, 7)


async def one_run(base: Path, work: Path, n: int) -> tuple[float, float, float]:
    """Seconds to check and write the change, to reload serving it, and to reload reading
    the folder again."""
    root = work / f"run-{n}"
    shutil.copytree(base, root)
    service = KnowledgeService(root, None, settle_seconds=0)
    assert service.load().applied
    learned = LearnedFile(root)
    started = time.perf_counter()
    await learned.run(
        learned.teach, f"who is the boss lady {n}", "lead-actor", "mod", DAY, idle_example
    )
    checked = time.perf_counter()
    prepared = learned.take_prepared()
    assert prepared is not None, "the change was not prepared"
    assert (await service.reload(prepared=prepared)).applied
    served = time.perf_counter()
    assert service.matcher is prepared.matcher
    assert (await service.reload()).applied
    again = time.perf_counter()
    assert service.matcher.match(f"who is the boss lady {n}").ids == ["lead-actor"]
    shutil.rmtree(root)
    return checked - started, served - checked, again - served


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="size of the synthetic base")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ballard-teach-"))
    try:
        base = work / "base"
        print(f"generating a {args.facts:,}-fact knowledge base in {base}...", flush=True)
        _synthetic.generate(base, args.facts)
        runs = [asyncio.run(one_run(base, work, n)) for n in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check, served, again = (statistics.median(r[i] for r in runs) for i in range(3))
    rows = [
        ("the change checked and written", check),
        ("the reload, serving what was checked", served),
        ("the reload, reading the folder again", again),
        ("teaching, as the bot does it", check + served),
    ]
    print(f"/faq teach on {args.facts:,} facts, median of {args.runs} runs:")
    for label, seconds in rows:
        print(f"  {label:38}{seconds:6.2f} s")
    print(f"  (reading the folder again after the change: {check + again:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
