#!/usr/bin/env python
"""Where the misses are: the in-scope questions not answered right and the false answers,
counted by what the matcher did, over the Ballard sets kept for judging (counts only).

    python tools/miss_kinds.py          # blind-3, -5, -7 to the newest (generalisation.py)
    python tools/miss_kinds.py --dev    # the development sets instead
    python tools/miss_kinds.py blind-3 blind-5    # sets of eval/ by name

An in-scope question not answered right is one of:

* ``answered, right fact not first``: the reply's answers hold its fact, after another one;
* ``answered another fact``: none of the reply's answers is its fact;
* ``offered, best ranked right`` / ``nothing, best ranked right``: the ranking found its fact
  and the confidence did not answer ("did you mean" / nothing);
* ``offered, best ranked wrong`` / ``nothing, best ranked wrong``: the ranking put another
  fact first;
* ``nothing ranked``: no fact shares a word with it;
* ``known unknown``: it was told "I don't know that yet".

Each is counted by kind too. False answers (a `none` question answered) are counted by kind
and by the confidence they were answered at. Counts only: no message of a set kept for
judging is ever printed, so that a change is judged on them, not made from them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py

import generalisation  # noqa: E402

from bot.evaluation import Labelled, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.outcomes import MatchResult  # noqa: E402

BANDS = (0.95, 0.9, 0.8, 0.75, 0.0)  # false answers by confidence, at or above each


def miss_kind(result: MatchResult, labels: frozenset[str]) -> str | None:
    """What the matcher did with an in-scope question, or None when it answered it right."""
    if result.id in labels:
        return None
    if result.outcome == "answer":
        if labels.intersection(result.ids):
            return "answered, right fact not first"
        return "answered another fact"
    if result.unknown is not None:
        return "known unknown"
    first = result.ranked_first
    if first is None:
        return "nothing ranked"
    said = "offered" if result.outcome == "suggest" else "nothing"
    return f"{said}, best ranked {'right' if first in labels else 'wrong'}"


def band(confidence: float) -> str:
    """The confidence band a false answer falls in ("0.90-0.95")."""
    low = next(b for b in BANDS if confidence >= b)
    high = BANDS[BANDS.index(low) - 1] if low != BANDS[0] else 1.0
    return f"{low:.2f}-{high:.2f}"


def count(
    matcher: Matcher, items: Iterable[Labelled]
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(misses by (kind of miss, kind of question), false answers by (band, kind))."""
    misses: Counter[tuple[str, str]] = Counter()
    false: Counter[tuple[str, str]] = Counter()
    for item in items:
        result = matcher.match(item.question)
        if item.in_scope:
            kind = miss_kind(result, item.labels)
            if kind is not None:
                misses[kind, item.kind or "-"] += 1
        elif result.outcome == "answer":
            false[band(result.confidence), item.kind or "-"] += 1
    return misses, false


def report(title: str, counts: Counter[tuple[str, str]]) -> list[str]:
    """One line a first key, with its total and its counts by kind."""
    lines = [f"{title}: {sum(counts.values())}"]
    for key in sorted({k for k, _ in counts}, key=lambda k: -sum(counts[k, x] for _, x in counts)):
        kinds = sorted(((n, kind) for (k, kind), n in counts.items() if k == key), reverse=True)
        total = sum(n for n, _ in kinds)
        lines.append(f"  {key:32} {total:4}  ({', '.join(f'{k} {n}' for n, k in kinds)})")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help="names of eval/ sets (default: all kept)")
    parser.add_argument("--dev", action="store_true", help="the development sets instead")
    args = parser.parse_args(argv)
    sets = generalisation.DEV_SETS if args.dev else generalisation.FINAL_SETS
    if args.sets:
        sets = {name: REPO / "eval" / f"{name}.jsonl" for name in args.sets}
    matcher = Matcher(load_knowledge(REPO / "knowledge"))
    items = [it for path in sets.values() if path.exists() for it in read_labelled(path)]
    misses, false = count(matcher, items)
    print(f"{', '.join(name for name, p in sets.items() if p.exists())}")
    print("\n".join(report("in scope, not answered right", misses)))
    print("\n".join(report("false answers, by confidence", false)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
