#!/usr/bin/env python
"""What `validate`'s check of everyday chat does for an admin who heeds it.

    python tools/chatter_lint.py

For each base built from example questions alone (eval/domains-dev/ and eval/domains/, as
tools/generalisation.py builds them) and the shipped base: how many messages of the chatter
corpus (tests/data/chatter.txt, which `validate` never reads: it asks
bot/data/chatter_check.txt) get a fact; how many examples `validate` says make chat get a
fact; and, with those examples left out as an admin reading the warnings would, the chatter
corpus again and the base's own test questions (in-scope right, false answers on its
out-of-scope messages). Counts only: no message of a set kept for judging is printed.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import msgspec

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from generalisation import DEV_DOMAINS, DOMAINS, chatter, domain_kb  # noqa: E402

from bot.evaluation import evaluate, read_labelled  # noqa: E402
from bot.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402


def warned_examples(matcher: Matcher) -> dict[str, set[str]]:
    """The examples `validate` says make chat get a fact, by fact id."""
    out: dict[str, set[str]] = {}
    for fact_id, example in matcher.chatter_caught():
        out.setdefault(fact_id, set()).add(example)
    return out


def heeded(kb: KnowledgeBase, warned: dict[str, set[str]]) -> KnowledgeBase:
    facts = tuple(
        msgspec.structs.replace(f, questions=[q for q in f.questions if q not in warned[f.id]])
        if f.id in warned
        else f
        for f in kb.facts
    )
    return dataclasses.replace(kb, facts=facts)


def main() -> int:
    talk = chatter()
    bases: list[tuple[str, KnowledgeBase, Path | None]] = [
        ("shipped", load_knowledge(REPO / "knowledge"), None)
    ]
    for root in (DEV_DOMAINS, DOMAINS):
        for place in sorted(p for p in root.iterdir() if p.is_dir()):
            bases.append((f"{root.name}/{place.name}", domain_kb(place), place))
    for name, kb, folder in bases:
        matcher = Matcher(kb)
        said = sum(matcher.match(t).outcome == "answer" for t in talk)
        warned = warned_examples(matcher)
        n_warned = sum(map(len, warned.values()))
        line = f"{name:22} chatter answered {said:2}/{len(talk)}  warned examples {n_warned:2}"
        after = Matcher(heeded(kb, warned)) if warned else matcher
        said_after = sum(after.match(t).outcome == "answer" for t in talk)
        line += f"  heeded: chatter answered {said_after:2}"
        if folder is not None:
            items = read_labelled(folder / "test.jsonl") + read_labelled(folder / "oos.jsonl")
            for label, m in (("before", matcher), ("heeded", after)):
                r = evaluate(m, items)
                line += f"  {label} right {r.accuracy:.1%} false {r.false_answer_rate:.1%}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
