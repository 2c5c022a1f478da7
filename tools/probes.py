#!/usr/bin/env python
"""Families of questions of my own, each with the facts that may answer it ("none": no fact
may), asked of the shipped base: how many each family gets right.

    python tools/probes.py               # a line per family
    python tools/probes.py --misses      # ...and the questions each misses

Written on 4 December 2026 (seventh session) before looking at the bot's answers, to find
how text is read rather than to tune: names spelt several ways, names and places around a
question, slang, typos in question words, terse topics, near misses about other shows and
the real world, and messages about the bot itself or insults (tools/data/probes.json). A
question is right when the bot answers it with one of its facts alone, or, for "none",
answers it with no fact. Two families more: messages of two questions joined 25 ways
(both facts must be answered, and only they), generated here. Families were added the same
way on 4 December (eighth session) and 5 December 2026 (checking a detail, follow-ups, why
questions, "how" with an adjective, questions addressed to someone else).

``--domains`` asks instead families of the same kinds of three development domains' bases
(eval/domains-dev/: dental, ferry, venue; tools/data/probes_domains.json), written on 5
December 2026 after the changes they check and before asking: whether a way of reading
text found on the Ballard base carries over to a base built from example questions alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from itertools import permutations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py, also when a test loads this file

from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

DATA = REPO / "tools" / "data" / "probes.json"
DOMAIN_DATA = REPO / "tools" / "data" / "probes_domains.json"
PAIRS = {
    "is bosch in it": "bosch-appearance",
    "when does season 2 come out": "season2-release-date",
    "who plays ballard": "lead-actor",
    "where can i watch it": "where-to-watch",
    "is it based on a book": "source-books",
    "whats the rotten tomatoes score": "reviews",
}
JOINS = [
    *["{a} and {b}", "{a}? {b}?", "{a}, {b}", "{a}. also {b}", "{a} & {b}", "{a} + {b}"],
    *["{a} plus {b}", "{a} / {b}", "{a} btw {b}", "{a} oh and {b}", "{a}, and {b}", "{a}; {b}"],
    *["{a}\n{b}", "{a} - {b}", "1) {a} 2) {b}", "{a}?? also {b}??", "{a} and also {b}"],
    *["{a} lol and {b}", "{a} and {b}?", "two things: {a} and {b}", "{a} also {b}"],
    *["{a}, also {b}", "{a}... {b}", "{a} 😭 {b}", "{a}?{b}?"],
]


def families() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each family's (question, the facts that may answer it alone, or "none")."""
    loaded = json.loads(DATA.read_text(encoding="utf-8"))
    out = {name: [(q, frozenset(ok)) for q, ok in rows] for name, rows in loaded.items()}
    joined = [
        (join.format(a=a, b=b), frozenset({fa, fb}))
        for (a, fa), (b, fb) in permutations(PAIRS.items(), 2)
        for join in JOINS
    ]
    out["two questions joined (both answered)"] = joined
    return out


def right(matcher: Matcher, family: str, question: str, ok: frozenset[str]) -> bool:
    ids = matcher.match(question).ids
    if family.startswith("two questions"):
        return set(ids) == ok
    if ok == {"none"}:
        return not ids
    return (len(ids) == 1 and ids[0] in ok) or (not ids and "none" in ok)


def domain_families() -> dict[str, dict[str, list[tuple[str, frozenset[str]]]]]:
    """For each development domain: its families' (question, the facts that may answer it)."""
    loaded = json.loads(DOMAIN_DATA.read_text(encoding="utf-8"))
    return {
        domain: {name: [(q, frozenset(ok)) for q, ok in rows] for name, rows in fams.items()}
        for domain, fams in loaded.items()
    }


def domain_matcher(domain: str) -> Matcher:
    """A matcher over a development domain's base, built as tools/generalisation.py does."""
    import generalisation  # (beside this file; it imports the benchmarks' helpers: only here)

    return Matcher(generalisation.domain_kb(generalisation.DEV_DOMAINS / domain))


def report(matcher: Matcher, fams: dict, misses: bool, label: str = "") -> None:
    got = asked = 0  # over the families but the pairs of questions joined
    for family, rows in fams.items():
        missed = [q for q, ok in rows if not right(matcher, family, q, ok)]
        print(f"{label}{family:40s} {len(rows) - len(missed)} of {len(rows)} right")
        if not family.startswith("two questions"):
            got, asked = got + len(rows) - len(missed), asked + len(rows)
        if misses:
            for q in missed:
                print(f"    {q!r}: {matcher.match(q).outcome} {matcher.match(q).ids}")
    print(f"{label}{'every family but the pairs':40s} {got} of {asked} right")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--domains", action="store_true", help="the development domains' families")
    args = parser.parse_args(argv)
    if args.domains:
        for domain, fams in domain_families().items():
            report(domain_matcher(domain), fams, args.misses, f"{domain:8s} ")
        return 0
    report(Matcher(load_knowledge(REPO / "knowledge")), families(), args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
