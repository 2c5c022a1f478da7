"""Sweep the matcher's scoring constants and print quality on every labelled set (a dev tool).

For each combination it rebuilds the matcher on the shipped knowledge base and prints in-scope
top-1 accuracy / false answers on `none` / wrong fact on in-scope for the development set and
our two extra sets, and how many of the knowledge base's example questions leave-one-out finds:

    python tools/sweep_constants.py '{"CLOSENESS_FLOOR": [0.45, 0.55, 0.65],
                                      "ANSWER_CREDIT": [0.4, 0.6, 0.8]}'

Any module-level constant of bot.matching can be swept (a set as a JSON list). Nothing is
written.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import bot.matching as matching
from bot.evaluation import evaluate, leave_one_out, read_labelled
from bot.knowledge import load_knowledge

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "dev": REPO.parent / "shared" / "eval" / "dev.jsonl",
    "blind-2": REPO / "eval" / "blind-2.jsonl",
    "proxy": REPO / "eval" / "proxy-holdout.jsonl",
}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    grid: dict[str, list[float]] = json.loads(argv[0])
    for name in grid:
        if not hasattr(matching, name):
            print(f"bot.matching has no constant {name!r}", file=sys.stderr)
            return 2
    kb = load_knowledge(REPO / "knowledge")
    sets = {name: read_labelled(path) for name, path in SETS.items() if path.exists()}
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        for name, value in setting.items():
            if isinstance(getattr(matching, name), frozenset):  # JSON has lists, not sets
                value = frozenset(value)
            setattr(matching, name, value)
        matcher = matching.Matcher(kb)
        figures = []
        for name, items in sets.items():
            r = evaluate(matcher, items)
            figures.append(
                f"{name} {r.accuracy:.1%}/{r.false_answer_rate:.1%}/{r.wrong_answer_rate:.1%}"
            )
        loo = leave_one_out(kb)
        print(setting, " ".join(figures), f"loo {loo.found}/{loo.total}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
