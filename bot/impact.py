"""What a knowledge-base edit changes: every question whose decision differs between two
versions of the base (pure; `ballard-bot eval --compare OLD NEW FILE...`).

Questions come from labelled files (JSONL, as `eval` reads them), plain text files (one
question a line) or the bot's own question log (its SQLite database), so an admin can see
what an edit breaks, on what fans really asked, before shipping it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import Labelled, read_labelled
from bot.matching import Matcher
from bot.outcomes import MatchResult

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_LOGGED = 20_000  # the most recent questions read from a log


@dataclass(frozen=True)
class Asked:
    """A question to compare on, with its labels when it is labelled."""

    question: str
    labels: frozenset[str] | None  # None: not labelled (a logged or listed question)
    source: str


@dataclass(frozen=True)
class Change:
    asked: Asked
    old: MatchResult
    new: MatchResult

    @property
    def verdict(self) -> str:
        """better / worse / changed (not labelled, or right or wrong both times)."""
        if self.asked.labels is None:
            return "changed"
        was, now = _right(self.asked.labels, self.old), _right(self.asked.labels, self.new)
        if was == now:
            return "changed"
        return "better" if now else "worse"


def _right(labels: frozenset[str], result: MatchResult) -> bool:
    if "none" in labels:
        return result.outcome != "answer"
    return result.outcome == "answer" and result.id in labels


def describe(result: MatchResult) -> str:
    """A decision in one short phrase: "answer lead-actor", "did you mean a, b", "none"."""
    if result.outcome == "answer":
        return "answer " + ", ".join(result.ids)
    if result.outcome == "suggest":
        return "did you mean " + ", ".join(f.id for f in result.suggestions)
    if result.unknown is not None:
        return f"don't know ({result.unknown.id})"
    return "don't know"


def _key(result: MatchResult) -> tuple[object, ...]:
    return (
        result.outcome,
        tuple(result.ids),
        tuple(f.id for f in result.suggestions),
        result.unknown.id if result.unknown else None,
        tuple((p.text, _key(p.result)) for p in result.parts),
    )


def read_questions(path: Path) -> list[Asked]:
    """The questions of a labelled JSONL file, a text file or the bot's SQLite log."""
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return _logged(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl" or text.lstrip().startswith("{"):
        return [_labelled(item, path) for item in read_labelled(path)]
    return [
        Asked(line.strip(), None, f"{path.name}:{n}")
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def _labelled(item: Labelled, path: Path) -> Asked:
    return Asked(item.question, item.labels, f"{path.name}:{item.line}")


def _logged(path: Path) -> list[Asked]:
    uri = f"file:{path}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
        rows = db.execute(
            "SELECT question, COUNT(*) FROM questions GROUP BY question"
            " ORDER BY MAX(asked_at) DESC LIMIT ?",
            (MAX_LOGGED,),
        ).fetchall()
    return [Asked(q, None, f"log ({n}x)") for q, n in rows]


def compare(old: Matcher, new: Matcher, asked: Iterable[Asked]) -> tuple[int, list[Change]]:
    """How many questions were compared, and those whose decision differs."""
    seen: set[str] = set()
    changes = []
    count = 0
    for item in asked:
        if item.question in seen:
            continue
        seen.add(item.question)
        count += 1
        before, after = old.match(item.question), new.match(item.question)
        if _key(before) != _key(after):
            changes.append(Change(item, before, after))
    return count, changes


def report(count: int, changes: Sequence[Change]) -> str:
    """The changes, worse first, for an admin to read before shipping an edit."""
    by = {v: [c for c in changes if c.verdict == v] for v in ("worse", "better", "changed")}
    lines = [
        f"{len(changes)} of {count} questions change: {len(by['worse'])} worse, "
        f"{len(by['better'])} better, {len(by['changed'])} changed (not labelled, or no "
        "better nor worse)."
    ]
    titles = {
        "worse": "Worse (labelled, right before):",
        "better": "Better (labelled, right now):",
        "changed": "Changed:",
    }
    for verdict, items in by.items():
        if not items:
            continue
        lines.append(titles[verdict])
        for c in items:
            labels = f" [{'/'.join(sorted(c.asked.labels))}]" if c.asked.labels else ""
            lines.append(
                f"  {c.asked.question!r}{labels} ({c.asked.source}): "
                f"{describe(c.old)} -> {describe(c.new)}"
            )
    return "\n".join(lines)
