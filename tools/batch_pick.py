#!/usr/bin/env python
"""Which facts' examples of an admin batch to ship: each tried alone on the development sets.

    python tools/batch_pick.py eval/admin-batch-3.yaml
    python tools/batch_pick.py eval/admin-batch-3.yaml --knowledge DIR   # another base
    python tools/batch_pick.py eval/admin-batch-3.yaml --without cast    # leave a fact out

The batch (a YAML mapping of fact id to new example questions, as tools/steering.py
``--batch`` reads it) is first left without the examples `validate` warns about, as an admin
who reads the warnings would have it. Then each fact's examples are added alone to the base,
and kept when the development sets (tools/generalisation.py's DEV_SETS, and the questions of
eval/multi-blind.jsonl) get more right answers and no more false or wrong ones. The kept
facts' examples, left again without what `validate` then warns about, are the pick.

Printed: each fact's development counts (development data, so printed in full), and for the
base, the whole batch and the pick, `tools/pooled_sets.py`'s line (the sets kept for judging
as counts only) with the kept sets by kind, and each development set's right and false
answers. The seventeenth session (5 December 2026) shipped eval/admin-batch-3.yaml's pick
without cast's examples (a plain follow-up, "what about the cast", fell to a "did you mean"
with them): docs/measured.md. Run it against the base before that, the knowledge/ of
6113a09 (``git worktree add /tmp/w 6113a09``, then ``--knowledge /tmp/w/knowledge``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import generalisation as g  # noqa: E402
import multi_questions  # noqa: E402
import pooled_sets  # noqa: E402
from steering import heeded, new_warnings, with_examples  # noqa: E402

from bot.evaluation import evaluate, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

Batch = dict[str, list[str]]


def development(matcher: Matcher) -> tuple[int, int]:
    """(right answers, false and wrong answers) over the development sets and the questions
    of the development messages of several questions."""
    sets = [read_labelled(p) for p in g.DEV_SETS.values()]
    right, _, false, _ = pooled_sets.pooled(matcher, sets)
    _, multi_right, wrong, *_ = multi_questions.measure(matcher, g.MULTI_DEV["multi-blind"])["all"]
    return right + multi_right, false + wrong


def without_warned(base: Matcher, batch: Batch, knowledge: Path) -> Batch:
    """The batch without the examples `validate` warns about once it is in the base."""
    return heeded(batch, new_warnings(base, with_examples(batch, knowledge)))


def pick(base: Matcher, batch: Batch, knowledge: Path) -> Batch:
    """The facts' examples that, added alone, the development sets take well."""
    before = development(base)
    print(f"development, the base: {before[0]} right, {before[1]} false or wrong")
    kept: Batch = {}
    for fact, examples in batch.items():
        if not examples:
            continue
        after = development(with_examples({fact: examples}, knowledge))
        gain = after[0] >= before[0] and after[1] <= before[1] and after != before
        print(f"  {fact:24} {after[0]} right, {after[1]} false or wrong{'  kept' if gain else ''}")
        if gain:
            kept[fact] = examples
    return kept


def report(name: str, matcher: Matcher) -> None:
    print(f"{name}: {pooled_sets.line(matcher, False, None)}")
    print(f"  {pooled_sets.by_kind(matcher, [read_labelled(p) for p in g.FINAL_SETS.values()])}")
    each = []
    for set_name, path in g.DEV_SETS.items():
        r = evaluate(matcher, read_labelled(path))
        each.append(f"{set_name} {r.accuracy:.1%} / {r.false_answer_rate:.1%}")
    print(f"  development: {', '.join(each)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument("--without", action="append", default=[], metavar="FACT")
    args = parser.parse_args(argv)
    base = Matcher(load_knowledge(args.knowledge))
    batch = yaml.safe_load(args.batch.read_text(encoding="utf-8"))
    whole = without_warned(base, batch, args.knowledge)
    print(
        f"{args.batch.name}: {sum(map(len, batch.values()))} examples, "
        f"{sum(map(len, whole.values()))} as validate's warnings leave them"
    )
    picked = {
        fact: qs
        for fact, qs in pick(base, whole, args.knowledge).items()
        if fact not in args.without
    }
    picked = without_warned(base, picked, args.knowledge)
    print(f"picked: {sum(map(len, picked.values()))} examples of {', '.join(picked)}")
    report("the base", base)
    report("with the whole batch", with_examples(whole, args.knowledge))
    report("with the pick", with_examples(picked, args.knowledge))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
