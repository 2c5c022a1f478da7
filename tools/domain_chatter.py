#!/usr/bin/env python
"""Our chatter corpora asked of every domain's base: how many lines get an answer.

    python tools/domain_chatter.py          # counts per corpus, development and kept domains
    python tools/domain_chatter.py --show   # ...and the lines the development bases answer

A base built from example questions alone (eval/domains-dev/, eval/domains/, as
tools/generalisation.py builds them) must not answer chatter, whatever its facts: each line
of tests/data/chatter.txt, tools/data/chatter-train.txt, eval/chatter-2.txt and
eval/chatter-3.txt (fans talking, reactions, greetings; none of them a question to an FAQ)
is asked of each base, and the lines answered are counted, summed over the development
domains and over the domains kept for judging. Only the development domains' answered lines
can be printed: the kept domains are judged on, never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py

import generalisation  # noqa: E402

from bot.matching import Matcher  # noqa: E402


def corpora() -> dict[str, list[str]]:
    """The chatter corpora by name (tests/data/chatter.txt without its header line)."""
    return {
        "chatter": generalisation.chatter(),
        "chatter-train": generalisation.talk_lines(REPO / "tools" / "data" / "chatter-train.txt"),
        "chatter-2": generalisation.talk_lines(generalisation.CHATTER_2),
        "chatter-3": generalisation.talk_lines(generalisation.CHATTER_3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the development bases' lines")
    args = parser.parse_args(argv)
    lines = corpora()
    print(", ".join(f"{name} {len(ls)} lines" for name, ls in lines.items()))
    roots = ((generalisation.DEV_DOMAINS, "development"), (generalisation.DOMAINS, "kept"))
    for root, label in roots:
        folders = sorted(p for p in root.iterdir() if p.is_dir())
        answered: Counter[str] = Counter()
        for folder in folders:
            matcher = Matcher(generalisation.domain_kb(folder))
            for name, corpus in lines.items():
                for line in corpus:
                    result = matcher.match(line)
                    if result.outcome != "answer":
                        continue
                    answered[name] += 1
                    if args.show and root == generalisation.DEV_DOMAINS:
                        print(f"  {folder.name}: {line!r} -> {result.id} {result.confidence:.2f}")
        total = sum(answered.values())
        each = ", ".join(f"{name} {answered[name]}" for name in lines)
        print(f"{label} domains ({len(folders)} bases): {total} answered ({each})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
