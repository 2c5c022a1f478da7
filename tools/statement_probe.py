#!/usr/bin/env python
"""Statements and questions in the development domains: what the matcher does with each.

    python tools/statement_probe.py

Each message of the development domains (eval/domains-dev/: test and out-of-scope
messages, development data) is matched against its base as tools/generalisation.py builds
it, and counted by whether the whole message reads as a question (the evidence about its
best fact, bot.outcomes.Evidence.question) and by what it got: in scope, answered right,
offered with the right fact ranked first ("did you mean", or nothing), or anything else;
out of scope with a fact ranked, answered (a false answer) or not. In bases whose examples
make requests as statements, a statement in scope is as often right as a question, and out
of scope statements are rare: the count behind bot.deciding.STATEMENT_REQUEST_TOKENS.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py

import generalisation  # noqa: E402

from bot.evaluation import read_labelled  # noqa: E402
from bot.matching import Matcher  # noqa: E402

IN_SCOPE = ("right", "offered, right first", "other")
OUT_OF_SCOPE = ("answered", "not answered")


def main() -> int:
    counts: Counter[tuple[str, str]] = Counter()
    folders = sorted(p for p in generalisation.DEV_DOMAINS.iterdir() if p.is_dir())
    for folder in folders:
        matcher = Matcher(generalisation.domain_kb(folder))
        for name in ("test.jsonl", "oos.jsonl"):
            for item in read_labelled(folder / name):
                result = matcher.match(item.question)
                _, ev = matcher.evidence(item.question)
                if ev is None:  # no fact ranked
                    continue
                form = "question" if ev.question else "statement"
                if "none" in item.labels:
                    got = "answered" if result.id is not None else "not answered"
                elif result.id in item.labels:
                    got = "right"
                elif result.id is None and result.ranked_first in item.labels:
                    got = "offered, right first"
                else:
                    got = "other"
                counts[(form, got)] += 1
    print(f"development domains ({len(folders)} bases), messages with a fact ranked:")
    for form in ("question", "statement"):
        inside = ", ".join(f"{got} {counts[(form, got)]}" for got in IN_SCOPE)
        outside = ", ".join(f"{got} {counts[(form, got)]}" for got in OUT_OF_SCOPE)
        print(f"  {form}s: in scope {inside}; out of scope {outside}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
