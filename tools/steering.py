#!/usr/bin/env python
"""Admin steering: what teaching the bot missed questions does, as an admin would do it.

    python tools/steering.py                      # eval/dev-2.jsonl, seed 0
    python tools/steering.py --set eval/blind-2.jsonl --seed 1

The in-scope questions of a labelled set that the shipped base does not answer right are
split in two at random (by seed): one half is added to the knowledge base as example
questions of their (first) labelled fact, in a file of its own, as `/faq teach` would; the
other half is kept to see whether teaching generalises (a taught question longer than an
example may be, which `/faq teach` refuses, is left out and counted). Printed:

* the taught questions, and the same with a typo, answered with their fact (before/after);
* the held-back half of the misses answered right (before/after): recall on unseen wording;
* false answers on the set's `none` questions and on the chatter corpus (before/after):
  the target is that they rise by at most 1 % of those questions.

With ``--batch FILE`` (a YAML mapping of fact or known-unknown id to new example questions,
such as eval/admin-batch.yaml), the batch is added instead, as an admin adding examples
would, and the set's in-scope questions answered right are printed before and after, with
its false answers and the chatter's. With ``--heed`` as well, the batch's examples that
`validate` warns about are then left out, as an admin who reads its warnings would, and
the same figures are printed for the rest of the batch. (An example is left out wherever a
new warning names it, also as the second of two examples that look the same: before 5
December 2026, twelfth session, only where it was named first.)

With ``--vocabulary FILE`` (a YAML mapping of the shipped vocabulary's synonym terms to new
phrases, such as eval/admin-vocab.yaml), the phrases are added as a vocabulary file of
their own: what `validate` refuses is printed, and the same figures for the batch without
the refused phrases, as an admin who fixes what it names would have it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot._gc import collect_after_build  # noqa: E402
from bot.evaluation import read_labelled  # noqa: E402
from bot.knowledge import MAX_QUESTION_CHARS, load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

CHATTER = REPO / "tests" / "data" / "chatter.txt"
KEPT_SEEDS = (0, 1, 2)


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1 :]
    return " ".join(words)


def with_examples(by_id: dict[str, list[str]], base: Path = REPO / "knowledge") -> Matcher:
    """A matcher over a copy of a base (the shipped one unless said) with example questions
    added to facts or known unknowns (id -> questions), in the files where they live."""
    collect_after_build()  # (the matchers of earlier runs wait, unwalked, for one: bot/_gc.py)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "knowledge"
        shutil.copytree(base, root)
        for path in root.glob("*.yaml"):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            changed = False
            for entry in [*doc.get("facts", []), *doc.get("unknowns", [])]:
                added = [q for q in by_id.get(entry["id"], ()) if q not in entry["questions"]]
                if added:
                    entry["questions"] = [*entry["questions"], *added]
                    changed = True
            if changed:
                path.write_text(yaml.safe_dump(doc, sort_keys=False, width=1000), "utf-8")
        return Matcher(load_knowledge(root))


def new_warnings(before: Matcher, after: Matcher) -> list[str]:
    """What `ballard-bot validate` says of the examples of ``after`` and not of ``before``'s
    (lines move: the wordings are compared)."""
    old = {f"{p.where}: {p.message}" for p in before.lint()}
    return [w for w in (f"{p.where}: {p.message}" for p in after.lint()) if w not in old]


def heeded(batch: dict[str, list[str]], warnings: list[str]) -> dict[str, list[str]]:
    """The batch without the examples these warnings name, as an admin who reads them would
    have it (an example is left out wherever a warning names it)."""
    return {
        entry: [q for q in qs if not any(repr(q) in w for w in warnings)]
        for entry, qs in batch.items()
    }


def with_vocabulary(by_term: dict[str, list[str]]) -> tuple[Matcher | None, list[str]]:
    """A matcher over a copy of the shipped base with synonyms added (term -> phrases) in a
    vocabulary file of their own, and what loading it refuses (then no matcher)."""
    from bot.knowledge import KnowledgeBaseError

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "knowledge"
        shutil.copytree(REPO / "knowledge", root)
        doc = {"vocabulary": {"synonyms": {t: list(p) for t, p in by_term.items() if p}}}
        (root / "vocabulary-batch.yaml").write_text(
            yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000), "utf-8"
        )
        try:
            return Matcher(load_knowledge(root)), []
        except KnowledgeBaseError as error:
            return None, [f"{p.where}: {p.message}" for p in error.problems]


def chatter() -> list[str]:
    """The chatter corpus (tests/data/chatter.txt, after its header line)."""
    return [t for t in CHATTER.read_text(encoding="utf-8").splitlines()[1:] if t.strip()]


def right(m: Matcher, qs: list) -> int:
    """How many labelled questions the matcher answers with one of their facts."""
    return sum(m.match(it.question).id in it.labels for it in qs)


def answered(m: Matcher, texts: list[str]) -> int:
    """How many of the texts get a fact."""
    return sum(m.match(t).outcome == "answer" for t in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=REPO / "eval" / "dev-2.jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=Path, help="add these example questions instead")
    parser.add_argument(
        "--heed", action="store_true", help="then leave out the examples validate warns about"
    )
    parser.add_argument(
        "--vocabulary", type=Path, help="add these synonyms (term -> phrases) instead"
    )
    parser.add_argument(
        "--kept", action="store_true", help="each set kept for judging, seeds 0-2 (counts only)"
    )
    args = parser.parse_args(argv)
    talk = chatter()
    if args.kept:
        return steer_kept(talk)
    items = read_labelled(args.set)
    before = Matcher(load_knowledge(REPO / "knowledge"))
    nones = [it.question for it in items if not it.in_scope]

    def report_false(after: Matcher) -> None:
        fb_none, fb_talk = answered(before, nones), answered(before, talk)
        fa_none, fa_talk = answered(after, nones), answered(after, talk)
        print(f"false answers on the set's none:      {fb_none} -> {fa_none} of {len(nones)}")
        print(f"false answers on the chatter corpus:  {fb_talk} -> {fa_talk} of {len(talk)}")

    if args.vocabulary:
        wanted = yaml.safe_load(args.vocabulary.read_text(encoding="utf-8"))
        listed = before.kb.vocabulary.synonyms
        new = {t: [p for p in ps if p not in listed.get(t, ())] for t, ps in wanted.items()}
        after, refused = with_vocabulary(new)
        print(
            f"{args.set.name} with {sum(map(len, new.values()))} synonyms of {len(new)} terms "
            f"added ({args.vocabulary.name}); validate refuses {len(refused)}:"
        )
        for problem in refused:
            print(f"  {problem}")
        if refused:
            kept = {
                t: [p for p in ps if not any(f"{p!r} " in r for r in refused)]
                for t, ps in new.items()
            }
            after, _ = with_vocabulary(kept)
            print(f"without them ({sum(map(len, kept.values()))} synonyms):")
        assert after is not None
        in_scope = [it for it in items if it.in_scope]
        print(
            f"in scope, answered right:             {right(before, in_scope)} -> "
            f"{right(after, in_scope)} of {len(in_scope)}"
        )
        report_false(after)
        return 0
    if args.batch:
        batch = yaml.safe_load(args.batch.read_text(encoding="utf-8"))
        after = with_examples(batch)
        in_scope = [it for it in items if it.in_scope]
        missed = [it for it in in_scope if before.match(it.question).id not in it.labels]
        print(
            f"{args.set.name} with {sum(map(len, batch.values()))} examples of "
            f"{len(batch)} facts and known unknowns added ({args.batch.name})"
        )

        def report_right(after: Matcher) -> None:
            print(
                f"in scope, answered right:             {right(before, in_scope)} -> "
                f"{right(after, in_scope)} of {len(in_scope)}"
            )

        report_right(after)
        print(f"...of those the base missed:          0 -> {right(after, missed)} of {len(missed)}")
        report_false(after)
        added = new_warnings(before, after)
        print(f"validate's warnings about examples:   {len(before.lint())} -> {len(after.lint())}")
        for warning in added:
            print(f"  {warning}")
        if args.heed:
            kept = heeded(batch, added)
            dropped = sum(map(len, batch.values())) - sum(map(len, kept.values()))
            print(f"the batch without the {dropped} examples validate warns about:")
            after = with_examples(kept)
            report_right(after)
            report_false(after)
        return 0

    taught_run = teach(before, items, args.seed, talk)
    print(
        f"{args.set.name}: {taught_run.misses} in-scope questions the base misses; "
        f"{taught_run.taught} taught, {taught_run.held} held back"
        + (f" ({taught_run.too_long} too long to teach)" if taught_run.too_long else "")
    )
    for label, (b, a, n) in taught_run.rows.items():
        print(f"{label + ':':38}{b} -> {a} of {n}")
    return 0


class Taught(NamedTuple):
    """What teaching half of a set's misses did (see teach)."""

    misses: int
    taught: int
    held: int
    too_long: int
    rows: dict[str, tuple[int, int, int]]  # what: (before, after, out of)


def teach(before: Matcher, items: list, seed: int, talk: list[str]) -> Taught:
    """Teach half of the set's misses (by seed) as /faq teach would, and count."""
    rng = random.Random(seed)
    ids = {f.id for f in before.kb.facts}
    misses = [
        it
        for it in items
        if it.in_scope and before.match(it.question).id not in it.labels and it.labels & ids
    ]
    rng.shuffle(misses)
    taught, held = misses[: len(misses) // 2], misses[len(misses) // 2 :]
    # `/faq teach` refuses a question longer than an example may be: the admin teaches the rest
    too_long = [it for it in taught if len(it.question) > MAX_QUESTION_CHARS]
    taught = [it for it in taught if len(it.question) <= MAX_QUESTION_CHARS]
    by_fact: dict[str, list[str]] = {}
    for it in taught:
        by_fact.setdefault(sorted(it.labels & ids)[0], []).append(it.question)
    after = with_examples(by_fact)
    typed = [type(it)(typo(it.question, rng), it.labels, it.kind, it.line) for it in taught]
    nones = [it.question for it in items if not it.in_scope]
    rows = {
        label: (count(before, asked), count(after, asked), len(asked))
        for label, count, asked in (
            ("taught, answered with their fact", right, taught),
            ("taught with a typo", right, typed),
            ("held back (unseen wording)", right, held),
            ("false answers on the set's none", answered, nones),
            ("false answers on the chatter corpus", answered, talk),
        )
    }
    return Taught(len(misses), len(taught), len(held), len(too_long), rows)


def steer_kept(talk: list[str]) -> int:
    """Teaching each set kept for judging, seeds 0-2: counts only (their questions are
    never printed). The rise of false answers on each set's `none` (and the counts before
    and after teaching) and on the chatter."""
    import generalisation

    before = Matcher(load_knowledge(REPO / "knowledge"))
    total_none = total_talk = 0
    for name, path in generalisation.FINAL_SETS.items():
        items = read_labelled(path)
        rises = []
        counts = []
        for seed in KEPT_SEEDS:
            run = teach(before, items, seed, talk)
            b, a, n = run.rows["false answers on the set's none"]
            tb, ta, _ = run.rows["false answers on the chatter corpus"]
            rises.append(f"{a - b:+d}")
            counts.append(f"{b} → {a}")
            total_none += a - b
            total_talk += ta - tb
        rose = " / ".join(rises)
        print(
            f"{name:10} false answers on its {n} none after teaching, seeds 0-2: {rose}"
            f"  ({', '.join(counts)})"
        )
    print(f"all: none {total_none:+d}, chatter corpus {total_talk:+d} over {len(KEPT_SEEDS)} seeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
