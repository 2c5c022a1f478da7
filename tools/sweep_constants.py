"""Sweep the matcher's scoring constants and print quality on every labelled set (a dev tool).

For each combination it rebuilds the matcher on the shipped knowledge base and prints in-scope
top-1 accuracy / false answers on `none` / wrong fact on in-scope for the development set and
our two extra sets, and how many of the knowledge base's example questions leave-one-out finds:

    python tools/sweep_constants.py '{"CLOSENESS_FLOOR": [0.45, 0.55, 0.65],
                                      "ANSWER_CREDIT": [0.4, 0.6, 0.8]}'

Any module-level constant of the matcher's modules (bot.matching, bot.several, bot.index,
bot.candidates, bot.ranking, bot.deciding, bot.outcomes, bot.example_lint) can be swept (a
set as a JSON list), the decision thresholds (ANSWER_THRESHOLD, SUGGEST_THRESHOLD,
ANSWER_MARGIN, UNKNOWN_MARGIN, CLAUSE_THRESHOLD) included: Thresholds() reads them when a
matcher is made. A constant is set in every one of those modules that has it: where it is
defined and where it is imported (QUESTION_WORD_WEIGHT is bot.index's, and bot.ranking's
scoring reads it too). A labelled set that cannot be found (the development set lives beside
the repository, in ../shared/eval/dev.jsonl) is named on stderr before and after the sweep,
and marked on every line, never skipped silently; exit status 1 then. Nothing is written.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import bot.candidates  # noqa: E402
import bot.deciding  # noqa: E402
import bot.example_lint  # noqa: E402
import bot.index  # noqa: E402
import bot.matching as matching  # noqa: E402
import bot.outcomes  # noqa: E402
import bot.ranking  # noqa: E402
import bot.several  # noqa: E402
from bot.evaluation import evaluate, leave_one_out, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402

SETS = {
    "dev": REPO.parent / "shared" / "eval" / "dev.jsonl",
    "blind-2": REPO / "eval" / "blind-2.jsonl",
    "proxy": REPO / "eval" / "proxy-holdout.jsonl",
}


# the modules whose constants decide what the matcher does
MODULES: tuple[ModuleType, ...] = (
    matching,
    bot.several,
    bot.index,
    bot.candidates,
    bot.ranking,
    bot.deciding,
    bot.outcomes,
    bot.example_lint,
)


def holders(name: str) -> list[ModuleType]:
    """The matcher's modules that have a constant of this name (defined or imported)."""
    return [module for module in MODULES if hasattr(module, name)]


@contextmanager
def swept(setting: dict[str, Any]) -> Iterator[None]:
    """The matcher's constants set to ``setting`` in every module that has them (JSON lists
    become sets where the constant is a set), and put back afterwards."""
    saved = {(module, name): getattr(module, name) for name in setting for module in holders(name)}
    try:
        for (module, name), old in saved.items():
            value = setting[name]
            if isinstance(old, frozenset):  # JSON has lists, not sets
                value = frozenset(value)
            setattr(module, name, value)
        yield
    finally:
        for (module, name), old in saved.items():
            setattr(module, name, old)


def missing_sets(sets: dict[str, Path]) -> list[str]:
    """One line for each labelled set that cannot be found."""
    return [
        f"sweep_constants: labelled set {name!r} not found at {path}: it is left out"
        for name, path in sets.items()
        if not path.exists()
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("grid", help='JSON: {"CONSTANT": [value, ...], ...}')
    args = parser.parse_args(argv)
    try:
        grid: dict[str, list[Any]] = json.loads(args.grid)
    except json.JSONDecodeError as exc:
        parser.error(
            f"the grid is not JSON ({exc}); for example '{{\"ANSWER_MARGIN\": [0, 0.02]}}'"
        )
    if not isinstance(grid, dict) or not all(isinstance(v, list) for v in grid.values()):
        parser.error(
            'the grid maps constant names to lists of values: {"ANSWER_MARGIN": [0, 0.02]}'
        )
    for name in grid:
        if not holders(name):
            print(f"the matcher has no constant {name!r}", file=sys.stderr)
            return 2
    missing = missing_sets(SETS)
    for line in missing:
        print(line, file=sys.stderr)
    kb = load_knowledge(REPO / "knowledge")
    sets = {name: read_labelled(path) for name, path in SETS.items() if path.exists()}
    gone = " ".join(f"{name} MISSING" for name, path in SETS.items() if not path.exists())
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        with swept(setting):
            matcher = matching.Matcher(kb)
            figures = []
            for name, items in sets.items():
                r = evaluate(matcher, items)
                figures.append(
                    f"{name} {r.accuracy:.1%}/{r.false_answer_rate:.1%}/{r.wrong_answer_rate:.1%}"
                )
            loo = leave_one_out(kb)
        figures += [gone] if gone else []
        print(setting, " ".join(figures), f"loo {loo.found}/{loo.total}", flush=True)
    for line in missing:
        print(line, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
