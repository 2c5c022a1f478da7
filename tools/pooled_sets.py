#!/usr/bin/env python
"""Pooled counts over the labelled sets, to compare two matchers in one line each.

    python tools/pooled_sets.py                          # the shipped base and model
    python tools/pooled_sets.py --knowledge DIR          # another knowledge base
    python tools/pooled_sets.py --model FILE             # another confidence model
    python tools/pooled_sets.py --statement 0.8 --answer 0.74
    python tools/pooled_sets.py --domains                # also the domains' bases
    python tools/pooled_sets.py --kinds                  # then the kept sets by kind
    python tools/pooled_sets.py --unused-words           # ...a word no entry uses or not
    python tools/pooled_sets.py --offered                # ..."did you mean" above 0.70
    python tools/pooled_sets.py --domain-kinds           # ...the domains by kind
    python tools/pooled_sets.py --folds 10               # ...leave-one-out, domains

One line: right answers / in-scope questions, wrong facts answered to in-scope questions,
and false answers / `none` questions, summed over the Ballard sets kept for judging (blind-3,
-5, -7 to -45) and over the development sets (the shared dev set, blind-2, proxy, dev-2,
blind-4, blind-6); chatter-2 and chatter-3 lines answered; questions of the messages of
several questions kept for judging right, and wrong answers (multi-blind-2 to -7); with
``--domains``, the development domains and the domains written blind pooled the same way.
Counts only: no mistake of a set kept for judging is printed. `python tools/generalisation.py
--final` gives the same sets one by one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py, multi_questions.py

import generalisation as g  # noqa: E402
import multi_questions  # noqa: E402

from bot.confidence import Model  # noqa: E402
from bot.evaluation import Labelled, evaluate, left_out_folds, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher, Thresholds  # noqa: E402


def domain_bases(
    root: Path, thresholds: Thresholds, model: Model | None
) -> Iterator[tuple[Path, Matcher]]:
    """Each domain of ``root`` (eval/domains-dev or eval/domains) with a matcher of its base."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        yield folder, Matcher(g.domain_kb(folder), thresholds=thresholds, model=model)


def domain_labelled(folder: Path) -> list[Labelled]:
    """A domain's test questions and out-of-scope messages."""
    return read_labelled(folder / "test.jsonl") + read_labelled(folder / "oos.jsonl")


def pooled(matcher: Matcher, items: Sequence[Sequence[Labelled]]) -> tuple[int, int, int, int]:
    """(right, in scope, false answers, none) summed over labelled sets."""
    right, in_scope, _, false, nones = counted(matcher, items)
    return right, in_scope, false, nones


def counted(
    matcher: Matcher, items: Sequence[Sequence[Labelled]]
) -> tuple[int, int, int, int, int]:
    """(right, in scope, wrong facts answered in scope, false answers, none) summed over
    labelled sets."""
    right = in_scope = wrong = false = nones = 0
    for labelled in items:
        report = evaluate(matcher, labelled)
        right += round(report.accuracy * len(report.in_scope))
        in_scope += len(report.in_scope)
        wrong += round(report.wrong_answer_rate * len(report.in_scope))
        false += round(report.false_answer_rate * len(report.out_of_scope))
        nones += len(report.out_of_scope)
    return right, in_scope, wrong, false, nones


def by_kind(matcher: Matcher, items: Sequence[Sequence[Labelled]]) -> str:
    """Right (in scope) or not answered (`none`) / questions, by kind, summed over sets."""
    totals: dict[str, list[int]] = {}
    count_kinds(matcher, items, totals)
    return kinds_text(totals)


def count_kinds(
    matcher: Matcher, items: Sequence[Sequence[Labelled]], totals: dict[str, list[int]]
) -> None:
    """Add the sets' right (in scope) or not answered (`none`) and questions to ``totals``,
    by kind."""
    for labelled in items:
        for kind, (correct, total) in evaluate(matcher, labelled).by_kind().items():
            row = totals.setdefault(kind, [0, 0])
            row[0] += correct
            row[1] += total


def kinds_text(totals: dict[str, list[int]]) -> str:
    return ", ".join(f"{kind} {c}/{t}" for kind, (c, t) in sorted(totals.items()))


def domain_kinds(thresholds: Thresholds, model: Model | None) -> str:
    """The development domains and the domains written blind, each pooled by kind: right
    (in scope) or not answered (out of scope) / questions (counts only)."""
    out = []
    for name, root in (("domains-dev", g.DEV_DOMAINS), ("domains", g.DOMAINS)):
        totals: dict[str, list[int]] = {}
        for folder, m in domain_bases(root, thresholds, model):
            count_kinds(m, [domain_labelled(folder)], totals)
        out.append(f"{name} by kind (right, or `none` not answered): {kinds_text(totals)}")
    return "\n".join(out)


def unused_words(thresholds: Thresholds, model: Model | None) -> str:
    """The development domains' in-scope questions answered right, apart as they hold a word
    no entry of their base uses (a name, a date, a word the admin never wrote) or not."""
    counts = {True: [0, 0], False: [0, 0]}
    for folder, m in domain_bases(g.DEV_DOMAINS, thresholds, model):
        for item in read_labelled(folder / "test.jsonl"):
            tokens = m.lexicon.analyse(item.question).tokens
            unused = any(t.text not in m.index.postings for t in tokens)  # (as the matcher weighs)
            counts[unused][0] += m.match(item.question).id in item.labels
            counts[unused][1] += 1
    (r1, n1), (r0, n0) = counts[True], counts[False]
    return (
        f"development domains, in scope: with a word no entry uses {r1}/{n1} right "
        f"({r1 / n1:.1%}), without {r0}/{n0} ({r0 / n0:.1%})"
    )


def offered(thresholds: Thresholds, model: Model | None) -> str:
    """In-scope questions of the development domains and of the domains written blind that
    get a "did you mean" with their fact first although its confidence reaches the answer
    threshold, as statements (no question clause: the statement threshold held them back)
    and as questions (a close call, or several questions). Counts only."""
    out = []
    for name, root in (("domains-dev", g.DEV_DOMAINS), ("domains", g.DOMAINS)):
        counts = {True: 0, False: 0}
        for folder, m in domain_bases(root, thresholds, model):
            for item in read_labelled(folder / "test.jsonl"):
                result = m.match(item.question)
                if (
                    result.outcome == "suggest"
                    and result.confidence >= m.thresholds.answer
                    and result.suggestions[0].id in item.labels
                ):
                    counts[bool(m.lexicon.analyse(item.question).question_clauses)] += 1
        out.append(f"{name} {counts[False]} statements, {counts[True]} questions")
    return "offered at the answer threshold or above, right fact first: " + "; ".join(out)


def folds_line(folds: int, thresholds: Thresholds, model: Model | None) -> str:
    """Leave-one-out over the domains' own example questions, ``folds`` rebuilds a base
    (bot.evaluation.left_out_folds): each example asked of its base without it (and without
    a tenth of the other facts' examples, with 10 folds). Counts only: the examples of the
    domains written blind are not printed."""
    out = []
    for name, root in (("domains-dev", g.DEV_DOMAINS), ("domains", g.DOMAINS)):
        right = wrong = asked = 0
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            for questions, without in left_out_folds(g.domain_kb(folder), folds):
                matcher = Matcher(without, thresholds=thresholds, model=model)
                for question, fact_id in questions:
                    answered = matcher.match(question).id
                    asked += 1
                    right += answered == fact_id
                    wrong += answered is not None and answered != fact_id
        out.append(f"{name} examples left out {right}/{asked} right {wrong} wrong")
    return f"leave-one-out ({folds} folds): " + " | ".join(out)


def line(matcher: Matcher, domains: bool, model: Model | None) -> str:
    out = []
    for name, sets in (("kept", g.FINAL_SETS), ("development", g.DEV_SETS)):
        right, n, wrong, false, nones = counted(matcher, [read_labelled(p) for p in sets.values()])
        out.append(f"{name} {right}/{n} right {wrong} wrong {false}/{nones} false")
    talk = 0
    for path in (g.CHATTER_2, g.CHATTER_3):
        talk += sum(matcher.match(t).outcome == "answer" for t in g.talk_lines(path))
    out.append(f"chatter-2/3 {talk} answered")
    asked = right = wrong = 0
    for path in g.MULTI_FINAL.values():
        n, r, w, *_ = multi_questions.measure(matcher, path)["all"]
        asked, right, wrong = asked + n, right + r, wrong + w
    out.append(f"multi {right}/{asked} right {wrong} wrong")
    if domains:
        for name, root in (("domains-dev", g.DEV_DOMAINS), ("domains", g.DOMAINS)):
            totals = [
                counted(m, [domain_labelled(folder)])
                for folder, m in domain_bases(root, matcher.thresholds, model)
            ]
            r, n, w, f, nn = (sum(t[i] for t in totals) for i in range(5))
            out.append(f"{name} {r}/{n} right {w} wrong {f}/{nn} false")
    return " | ".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument(
        "--model", type=Path, help="a confidence model (tools/train_confidence.py --out)"
    )
    parser.add_argument("--statement", type=float, help="the statement threshold")
    parser.add_argument("--answer", type=float, help="the answer threshold")
    parser.add_argument("--domains", action="store_true", help="also the domains' bases")
    parser.add_argument(
        "--kinds", action="store_true", help="then the kept Ballard sets by kind (counts only)"
    )
    parser.add_argument(
        "--unused-words",
        action="store_true",
        help="then the development domains with and without a word no entry uses",
    )
    parser.add_argument(
        "--offered",
        action="store_true",
        help='then the domains\' in-scope questions offered as "did you mean" above the '
        "answer threshold, statements and questions (counts only)",
    )
    parser.add_argument(
        "--domain-kinds",
        action="store_true",
        help="then the development domains and the domains written blind by kind (counts only)",
    )
    parser.add_argument(
        "--folds",
        type=int,
        metavar="N",
        help="then leave-one-out over the domains' example questions in N rebuilds a base",
    )
    args = parser.parse_args(argv)
    model = Model.from_json(args.model.read_text(encoding="utf-8")) if args.model else None
    changed = {k: v for k, v in (("statement", args.statement), ("answer", args.answer)) if v}
    matcher = Matcher(load_knowledge(args.knowledge), thresholds=Thresholds(**changed), model=model)
    print(line(matcher, args.domains, model))
    if args.kinds:
        kept = [read_labelled(p) for p in g.FINAL_SETS.values()]
        print(f"kept by kind (right, or `none` not answered): {by_kind(matcher, kept)}")
    if args.unused_words:
        print(unused_words(matcher.thresholds, model))
    if args.offered:
        print(offered(matcher.thresholds, model))
    if args.domain_kinds:
        print(domain_kinds(matcher.thresholds, model))
    if args.folds:
        print(folds_line(args.folds, matcher.thresholds, model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
