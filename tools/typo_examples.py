#!/usr/bin/env python
"""Example questions asked with typos: how often a knowledge base's own examples, each
misspelt, still get their fact (the issue: "an example question is authoritative: the same
question, or it with a typo or two, gets that fact").

    python tools/typo_examples.py                  # the shipped base, seeds 1-3, 1 and 2 typos
    python tools/typo_examples.py --mistakes       # ...and list the ones that miss
    python tools/typo_examples.py --domains        # also the new domains' bases (counts only)
    python tools/typo_examples.py --labelled eval/dev-2.jsonl eval/blind-4.jsonl
        # ...and the in-scope questions of labelled sets that the shipped base answers right,
        # asked again with one typo: how many it still answers right

"0 typos" asks each example as written (one count: the seed changes nothing).

Each example question gets the typos in distinct words of 3 letters or more, drawn with a
seeded generator: two neighbouring letters swapped, a letter dropped, added or changed (the
typos of tools/steering.py's "taught with a typo"). It is asked of the whole base, which
holds the example as written. Printed for each seed: answered with its fact, of all, and
(in brackets) how many got another fact's answer instead.
The new domains' bases (eval/domains-dev/, and eval/domains/ which are kept for judging)
are built as tools/generalisation.py builds them; their test questions are not used.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bot.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

SEEDS = (1, 2, 3)


def typo(word: str, rng: random.Random) -> str:
    """One typo in a word of 3 letters or more."""
    i = rng.randrange(len(word))
    kind = rng.randrange(4)
    if kind == 0 and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i:]
    return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]


def misspelt(question: str, typos: int, rng: random.Random) -> str | None:
    """The question with ``typos`` typos in distinct words, or None if it has too few
    words of 3 letters or more."""
    words = question.split()
    where = [i for i, w in enumerate(words) if len(w) >= 3 and w.isalpha()]
    if len(where) < typos:
        return None
    for i in rng.sample(where, typos):
        words[i] = typo(words[i], rng)
    return " ".join(words)


def measure(
    kb: KnowledgeBase, typos: int, seed: int
) -> tuple[int, int, int, list[tuple[str, str, str, str]]]:
    """(answered with their fact, answered with another fact only, asked, misses as (fact,
    example, asked, outcome))."""
    matcher = Matcher(kb)
    rng = random.Random(seed)
    right = wrong = asked = 0
    misses = []
    for fact in kb.facts:
        for question in fact.questions:
            text = misspelt(question, typos, rng)
            if text is None:
                continue
            asked += 1
            result = matcher.match(text)
            if result.outcome == "answer" and fact.id in result.ids:
                right += 1
            else:
                wrong += result.outcome == "answer"
                got = ",".join(result.ids or [f.id for f in result.suggestions]) or "-"
                misses.append((fact.id, question, text, f"{result.outcome}:{got}"))
    return right, wrong, asked, misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--mistakes", action="store_true", help="list the misses (shipped)")
    parser.add_argument("--domains", action="store_true", help="also the new domains' bases")
    parser.add_argument(
        "--labelled", type=Path, nargs="+", default=[], help="labelled sets to ask again"
    )
    args = parser.parse_args(argv)
    bases: list[tuple[str, KnowledgeBase, bool]] = [
        (
            str(
                args.knowledge.relative_to(REPO)
                if args.knowledge.is_relative_to(REPO)
                else args.knowledge
            ),
            load_knowledge(args.knowledge),
            args.mistakes,
        )
    ]
    if args.domains:
        import generalisation

        for root in (generalisation.DEV_DOMAINS, generalisation.DOMAINS):
            for folder in sorted(p for p in root.iterdir() if p.is_dir()):
                bases.append(
                    (f"{root.name}/{folder.name}", generalisation.domain_kb(folder), False)
                )
    for name, kb, show in bases:
        for typos in (0, 1, 2):
            cells = []
            for seed in args.seeds if typos else args.seeds[:1]:
                right, wrong, asked, misses = measure(kb, typos, seed)
                cells.append(f"{right}/{asked} ({wrong} wrong)")
                if show:
                    for miss in misses:
                        print(f"  [{typos} typo(s), seed {seed}] {miss}")
            print(f"{name:24} {typos} typo(s): " + "  ".join(cells))
    if args.labelled:
        cells = []
        for seed in args.seeds:
            kept, asked, wrong = labelled_again(bases[0][1], args.labelled, seed)
            cells.append(f"{kept}/{asked} ({wrong} wrong)")
        print(f"{'labelled, right before':24} 1 typo(s): " + "  ".join(cells))
    return 0


def labelled_again(kb: KnowledgeBase, files: Sequence[Path], seed: int) -> tuple[int, int, int]:
    """The in-scope questions of ``files`` the base answers right, each asked again with one
    seeded typo: (still right, asked, answered with another fact)."""
    from bot.evaluation import read_labelled

    matcher = Matcher(kb)
    rng = random.Random(seed)
    kept = asked = wrong = 0
    for path in files:
        for item in read_labelled(path):
            if not item.in_scope or matcher.match(item.question).id not in item.labels:
                continue
            text = misspelt(item.question, 1, rng)
            if text is None:
                continue
            asked += 1
            again = matcher.match(text)
            if again.id in item.labels:
                kept += 1
            elif again.outcome == "answer":
                wrong += 1
    return kept, asked, wrong


if __name__ == "__main__":
    raise SystemExit(main())
