"""Score the matcher on labelled questions (pure; used by `ballard-bot eval` and the tests).

A labelled file has one JSON object per line: ``{"q": question, "labels": [fact ids], "kind":
style}``; the label ``none`` means the bot must not answer with any fact (LABELLED_FORMAT, and
the README's "Labelled question files"). An empty or malformed file is refused, not scored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from bot._gc import collect_after_build
from bot.knowledge import KnowledgeBase
from bot.matching import Matcher, Thresholds
from bot.outcomes import MatchResult

NONE_LABEL = "none"
# Leave-one-out rebuilds the base once per example: a full garbage collection after this
# many of them. Each build waits, unwalked, in the oldest generation for a full collection
# that the collector's own rule never starts (bot/_gc.py); without one, the shipped base's
# 396 rebuilds grew `ballard-bot eval --loo` to 845 MB.
COLLECT_EVERY = 10


@dataclass(frozen=True)
class Labelled:
    """One labelled question."""

    question: str
    labels: frozenset[str]
    kind: str = ""
    line: int = 0

    @property
    def in_scope(self) -> bool:
        return NONE_LABEL not in self.labels


@dataclass(frozen=True)
class Outcome:
    """How the matcher did on one labelled question."""

    item: Labelled
    result: MatchResult

    @property
    def correct(self) -> bool:
        if self.item.in_scope:
            return self.result.id in self.item.labels
        return self.result.id is None


@dataclass(frozen=True)
class Report:
    """Accuracy figures for a labelled set."""

    outcomes: tuple[Outcome, ...]

    def _share(self, items: list[Outcome]) -> float:
        return sum(o.correct for o in items) / len(items) if items else 1.0

    @property
    def in_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.in_scope]

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.item.in_scope]

    @property
    def accuracy(self) -> float:
        """In-scope top-1 accuracy: the first answered fact is one of the labels."""
        return self._share(self.in_scope)

    @property
    def false_answer_rate(self) -> float:
        """Share of `none` questions that got a fact anyway."""
        return 1.0 - self._share(self.out_of_scope) if self.out_of_scope else 0.0

    @property
    def wrong_answer_rate(self) -> float:
        """Share of in-scope questions answered with a fact none of the labels allow."""
        items = self.in_scope
        wrong = sum(o.result.outcome == "answer" and not o.correct for o in items)
        return wrong / len(items) if items else 0.0

    @property
    def overall(self) -> float:
        return self._share(list(self.outcomes))

    @property
    def suggest_rate(self) -> float:
        """Share of in-scope questions that got "did you mean" instead of an answer."""
        items = self.in_scope
        return sum(o.result.outcome == "suggest" for o in items) / len(items) if items else 0.0

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (correct, total)."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            totals[o.item.kind][0] += o.correct
            totals[o.item.kind][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(totals.items())}

    def mistakes(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]

    def format(self, show_mistakes: bool = True) -> str:
        """A readable report: headline figures, per kind, then every mistake."""
        lines = [
            f"questions: {len(self.outcomes)} ({len(self.in_scope)} in scope, "
            f"{len(self.out_of_scope)} labelled none)",
            f"in-scope top-1 accuracy: {self.accuracy:.1%} "
            f"({sum(o.correct for o in self.in_scope)}/{len(self.in_scope)}; "
            f"{self.suggest_rate:.1%} got 'did you mean' instead)",
            f"false answers on none:   {self.false_answer_rate:.1%} "
            f"({sum(not o.correct for o in self.out_of_scope)}/{len(self.out_of_scope)})",
            f"wrong fact on in-scope:  {self.wrong_answer_rate:.1%}",
            f"overall:                 {self.overall:.1%}",
            "by kind: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in self.by_kind().items()),
        ]
        if show_mistakes and self.mistakes():
            lines.append("mistakes (expected -> got):")
            for o in self.mistakes():
                r = o.result
                got = ",".join(r.ids) or (
                    "suggest:" + ",".join(f.id for f in r.suggestions)
                    if r.outcome == "suggest"
                    else "none"
                )
                lines.append(
                    f"  [{o.item.kind}] {o.item.question!r}: {'/'.join(sorted(o.item.labels))}"
                    f" -> {got} ({r.confidence:.2f})"
                )
        return "\n".join(lines)


LABELLED_FORMAT = (
    'one JSON object per line: {"q": "who plays ballard", "labels": ["lead-actor"]}, where '
    '"labels" lists the ids of the facts that answer the question, or ["none"] if no fact '
    'should; "kind" (a word to group the results by, e.g. "typo") may be added'
)


class LabelledFileError(ValueError):
    """A labelled file that cannot be scored; the message names the file (and the line) and
    spells out the expected format."""


def _row_problem(line: str) -> tuple[str | None, dict | None]:
    """(what is wrong with one line, in plain words, or None; the row if it is fine)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg} at character {exc.pos + 1})", None
    if not isinstance(row, dict):
        return "not a JSON object ({...})", None
    question, labels = row.get("q"), row.get("labels")
    if "q" not in row:
        return 'no "q" (the question)', None
    if not isinstance(question, str) or not question.strip():
        return '"q" must be the question, as text', None
    if "labels" not in row:
        return 'no "labels" (fact ids, or ["none"])', None
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        return '"labels" must be a list of fact ids (or ["none"]), at least one', None
    return None, row


def read_labelled(path: str | Path) -> list[Labelled]:
    """Read a labelled JSONL file (see LABELLED_FORMAT); :class:`LabelledFileError` naming
    the line of a bad row, or the file when it holds no labelled question."""
    try:
        # (utf-8-sig: the byte order mark Notepad writes at the start had made line 1 "not
        # JSON (Unexpected UTF-8 BOM ...)", as the knowledge files read it)
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LabelledFileError(f"{path}: not a text file (UTF-8): {LABELLED_FORMAT}") from None
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        problem, row = _row_problem(line)
        if problem is not None or row is None:
            raise LabelledFileError(
                f"{path}:{n}: not a labelled question: {problem}. Expected {LABELLED_FORMAT}"
            )
        items.append(Labelled(row["q"], frozenset(row["labels"]), str(row.get("kind", "")), n))
    if not items:
        raise LabelledFileError(
            f"{path}: no labelled questions (the file is empty). Expected {LABELLED_FORMAT}"
        )
    return items


def unknown_labels(kb: KnowledgeBase, items: Iterable[Labelled]) -> set[str]:
    """Labels that are neither `none` nor a fact id of the knowledge base."""
    ids = {f.id for f in kb.facts} | {NONE_LABEL}
    return {label for item in items for label in item.labels} - ids


def evaluate(matcher: Matcher, items: Iterable[Labelled]) -> Report:
    """Run every labelled question through the matcher."""
    return Report(tuple(Outcome(item, matcher.match(item.question)) for item in items))


def threshold_curve(
    kb: KnowledgeBase,
    items: list[Labelled],
    values: Iterable[float],
    set_threshold: Callable[[Thresholds, float], Thresholds],
) -> list[tuple[float, Report]]:
    """Reports for a range of one threshold (the others as shipped), for choosing it."""
    base = Matcher(kb)
    out = []
    for value in values:
        matcher = base.with_thresholds(set_threshold(base.thresholds, value))
        out.append((value, evaluate(matcher, items)))
    return out


def answer_threshold(t: Thresholds, v: float) -> Thresholds:
    return replace(t, answer=v)


@dataclass(frozen=True)
class LeaveOneOut:
    """How many of the knowledge base's own example questions still find their fact when
    left out of it."""

    found: int
    total: int
    misses: tuple[tuple[str, str, str | None], ...]  # (question, fact id, what it got)

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0


def left_out(kb: KnowledgeBase) -> Iterator[tuple[str, str, KnowledgeBase]]:
    """Each example question of a fact that has others, with its fact's id and the base
    without it: (question, fact id, base) for leave-one-out. The matchers a caller built
    from the bases before are collected every COLLECT_EVERY bases."""
    given = 0
    for i, fact in enumerate(kb.facts):
        if len(fact.questions) < 2:
            continue
        for j, question in enumerate(fact.questions):
            if given and given % COLLECT_EVERY == 0:
                collect_after_build()
            given += 1
            rest = fact.questions[:j] + fact.questions[j + 1 :]
            facts = (
                *kb.facts[:i],
                msgspec.structs.replace(fact, questions=rest),
                *kb.facts[i + 1 :],
            )
            yield question, fact.id, replace(kb, facts=facts)


def left_out_folds(
    kb: KnowledgeBase, folds: int
) -> Iterator[tuple[list[tuple[str, str]], KnowledgeBase]]:
    """Leave-one-out in ``folds`` rebuilds instead of one per example: in fold k every fact
    of ``folds`` examples or more loses its examples k, k + folds, k + 2 × folds…, and those
    are asked of the base without them. Yields (the left-out questions with their fact's
    id, the base without them) for each fold that leaves anything out. Each example is left
    out exactly once (of a fact with at least ``folds`` examples), like :func:`left_out`
    but with the rest of the base missing a few examples too. What an earlier call's bases
    were built into is collected first (see COLLECT_EVERY)."""
    collect_after_build()
    for k in range(folds):
        asked: list[tuple[str, str]] = []
        facts = []
        for fact in kb.facts:
            if len(fact.questions) < max(2, folds):
                facts.append(fact)
                continue
            out = fact.questions[k::folds]
            asked.extend((question, fact.id) for question in out)
            rest = [q for j, q in enumerate(fact.questions) if j % folds != k]
            facts.append(msgspec.structs.replace(fact, questions=rest))
        if asked:
            yield asked, replace(kb, facts=tuple(facts))


def leave_one_out(
    kb: KnowledgeBase, progress: Callable[[int, int], None] | None = None
) -> LeaveOneOut:
    """Remove each example question in turn, rebuild, and ask it. ``progress`` is told
    (questions asked, questions to ask) after each: a rebuild per example takes a while."""
    planned = sum(len(fact.questions) for fact in kb.facts if len(fact.questions) >= 2)
    found = total = 0
    misses = []
    for question, fact_id, without in left_out(kb):
        result = Matcher(without).match(question)
        total += 1
        if result.id == fact_id:
            found += 1
        else:
            misses.append((question, fact_id, result.id))
        if progress is not None:
            progress(total, planned)
    return LeaveOneOut(found, total, tuple(misses))
