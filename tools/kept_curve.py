#!/usr/bin/env python
"""The sets kept for judging, pooled, across answer thresholds: right / false answers only.

    python tools/kept_curve.py                      # blind-3, -5, -7 to -12 (as in 2026-12-05)
    python tools/kept_curve.py blind-13             # other sets of eval/ by name

For comparing two versions of the knowledge base or the matcher at equal false answers (run
it in a worktree of each): a change that only moves along this curve is a threshold, not a
better separation. Counts only, so that the sets' mistakes are never read. The statement
threshold follows the answer threshold where it is higher (see bot.matching.Thresholds).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.evaluation import read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import STATEMENT_CONFIDENCE, Matcher, Thresholds  # noqa: E402

DEFAULT_SETS = [f"blind-{i}" for i in (3, 5, 7, 8, 9, 10, 11, 12)]
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", default=DEFAULT_SETS, help="names of eval/ sets")
    args = parser.parse_args(argv)
    items = [it for name in args.sets for it in read_labelled(REPO / "eval" / f"{name}.jsonl")]
    asked = [it for it in items if it.in_scope]
    none = [it for it in items if not it.in_scope]
    kb = load_knowledge(REPO / "knowledge")
    print(f"{', '.join(args.sets)}: {len(asked)} in scope, {len(none)} none")
    for t in THRESHOLDS:
        m = Matcher(kb, thresholds=Thresholds(answer=t, statement=max(t, STATEMENT_CONFIDENCE)))
        right = sum(m.match(it.question).id in it.labels for it in asked)
        false = sum(m.match(it.question).outcome == "answer" for it in none)
        print(f"{t:.2f}  right {right / len(asked):6.1%}  false {false / len(none):5.1%} ({false})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
