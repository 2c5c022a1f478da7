"""What a knowledge-base edit changes: every question whose decision differs between two
versions of the base (pure; `ballard-bot eval --compare OLD NEW FILE...`).

Questions come from labelled files (JSONL, as `eval` reads them), plain text files (one
question a line) or the bot's own question log (its SQLite database), so an admin can see
what an edit breaks, on what fans really asked, before shipping it.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot._assembly import TOP_LEVEL_KEYS
from bot._knowledge_files import is_knowledge_name
from bot.evaluation import Labelled, read_labelled
from bot.knowledge import KnowledgeBase
from bot.matching import Matcher
from bot.outcomes import MatchResult
from bot.text import counted, listed

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_LOGGED = 20_000  # the most recent questions read from a log
MAX_IDS = 20  # the ids of the facts added or removed named (the others counted)
# What FILE is (the usage's words): said when a file given as one is something else
QUESTION_FILES = (
    "FILE is the questions to ask both bases: labelled JSONL, a text file of questions (one "
    "a line) or the bot's database; the bases are OLD and NEW (eval --compare OLD NEW FILE...)"
)
# A line starting a knowledge file's part ("facts:", "examples:"), which no question does
_TOP_LEVEL_LINE = re.compile(rf"^(?:{'|'.join(TOP_LEVEL_KEYS)}):[ \t]*(?:#.*)?$", re.MULTILINE)


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
    renamed: Mapping[str, str] = field(default_factory=dict)  # see renamed()

    @property
    def verdict(self) -> str:
        """better / worse / changed (not labelled, or right or wrong both times)."""
        if self.asked.labels is None:
            return "changed"
        # (a label naming a fact by the id it had names it by its new id too)
        labels = self.asked.labels | {
            self.renamed[i] for i in self.asked.labels & self.renamed.keys()
        }
        was, now = _right(labels, self.old), _right(labels, self.new)
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


def _key(result: MatchResult, renamed: Mapping[str, str] | None = None) -> tuple[object, ...]:
    """The decision, for comparing; ids an edit renamed (see renamed()) read as their new."""
    new = renamed or {}
    unknown = result.unknown.id if result.unknown else None
    return (
        result.outcome,
        tuple(new.get(i, i) for i in result.ids),
        tuple(new.get(f.id, f.id) for f in result.suggestions),
        new.get(unknown, unknown) if unknown is not None else None,
        tuple((p.text, _key(p.result, renamed)) for p in result.parts),
    )


def renamed(old: KnowledgeBase, new: KnowledgeBase) -> dict[str, str]:
    """The facts and known unknowns an edit gave another id and nothing else fans read (a
    fact's answer, a known unknown's note, the same): the id that went -> the id that came.
    Renaming `lead-actor` had listed every question it answered as changed, those labelled
    with it as worse, though fans got the same answer."""
    pairs = {}
    for before, after, said in (
        (old.facts, new.facts, lambda e: e.answer),
        (old.unknowns, new.unknowns, lambda e: e.note),
    ):
        kept, had = {e.id for e in after}, {e.id for e in before}
        came: dict[object, list[str]] = {}
        for entry in after:
            if entry.id not in had:
                came.setdefault(said(entry), []).append(entry.id)
        gone: dict[object, list[str]] = {}
        for entry in before:
            if entry.id not in kept:
                gone.setdefault(said(entry), []).append(entry.id)
        for text, ids in gone.items():
            if text is not None and len(ids) == 1 and len(came.get(text, ())) == 1:
                pairs[ids[0]] = came[text][0]
    return pairs


def read_questions(path: Path) -> list[Asked]:
    """The questions of a labelled JSONL file, a text file or the bot's SQLite log
    (ValueError naming the file for a folder or a knowledge file, given where questions
    belong: each line of people.yaml had been asked as a question)."""
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a file of questions: {QUESTION_FILES}")
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return _logged(path)
    text = path.read_text(encoding="utf-8-sig")  # (as read_labelled: Notepad's BOM)
    if is_knowledge_name(path.name) or _TOP_LEVEL_LINE.search(text):
        raise ValueError(
            f"{path} is a knowledge file (YAML), not a file of questions: {QUESTION_FILES}"
        )
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
    """The questions of the bot's log (ValueError naming the file for an SQLite file that
    is not the bot's database, or is damaged: they had ended in a traceback)."""
    uri = f"file:{path}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            rows = db.execute(
                "SELECT question, COUNT(*) FROM questions GROUP BY question"
                " ORDER BY MAX(asked_at) DESC LIMIT ?",
                (MAX_LOGGED,),
            ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise ValueError(
            f"{path} is an SQLite file but its questions cannot be read ({exc}): give the "
            "bot's database (DATA_DIR/ballard.sqlite3), or a copy of it made with sqlite3's "
            ".backup"
        ) from exc
    return [Asked(q, None, f"log ({n}x)") for q, n in rows]


def compare(old: Matcher, new: Matcher, asked: Iterable[Asked]) -> tuple[int, list[Change]]:
    """How many questions were compared, and those whose decision differs (a fact only
    renamed gives the same decision: see renamed())."""
    seen: set[str] = set()
    changes = []
    count = 0
    names = renamed(old.kb, new.kb)
    for item in asked:
        if item.question in seen:
            continue
        seen.add(item.question)
        count += 1
        before, after = old.match(item.question), new.match(item.question)
        if _key(before, names) != _key(after):
            changes.append(Change(item, before, after, names))
    return count, changes


# What a removed fact or known unknown means for fans: said of one, said of several
_REMOVED_MEANS = {
    "fact": (
        "the questions it answered get something else now",
        "the questions they answered get something else now",
    ),
    "known unknown": (
        'questions about it may get a fact now instead of "I don\'t know"',
        'questions about them may get a fact now instead of "I don\'t know"',
    ),
}


# What fans read of a fact, of a known unknown: said of one, said of several
_SAID = {"fact": ("answer", "answers"), "known unknown": ("note", "notes")}


def entry_changes(old: KnowledgeBase, new: KnowledgeBase) -> list[str]:
    """The facts and known unknowns an edit adds and removes, a line each: a removed fact's
    questions get something else, whether or not the questions compared ask them."""
    lines = []
    names = renamed(old, new)
    for noun, before, after in (
        ("fact", old.facts, new.facts),
        ("known unknown", old.unknowns, new.unknowns),
    ):
        was, now = [e.id for e in before], [e.id for e in after]
        kept, had = set(now), set(was)
        gone = [i for i in was if i not in kept and i not in names]
        came = [i for i in now if i not in had and i not in names.values()]
        moved = [f"{i} -> {names[i]}" for i in was if i in names]
        if moved:
            said = ("its " if len(moved) == 1 else "their ") + _SAID[noun][len(moved) > 1]
            lines.append(
                f"{counted(len(moved), noun)} renamed, {said} unchanged: "
                f"{listed(moved, MAX_IDS)} (labels naming the old id count as the new)"
            )
        if gone:
            means = _REMOVED_MEANS[noun][len(gone) > 1]
            lines.append(f"{counted(len(gone), noun)} removed: {listed(gone, MAX_IDS)}: {means}")
        if came:
            lines.append(f"{counted(len(came), noun)} added: {listed(came, MAX_IDS)}")
    return lines


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
            lines += _parts_changed(c)
    return "\n".join(lines)


def _parts_changed(change: Change) -> list[str]:
    """The questions of a message of several whose decision differs, a line each: the
    message's own line said "answer lead-actor -> answer lead-actor" when only the "don't
    know" of its other question had changed."""
    old = {p.text: p.result for p in change.old.parts}
    new = {p.text: p.result for p in change.new.parts}
    lines = []
    for text in dict.fromkeys([*old, *new]):
        was, now = old.get(text), new.get(text)
        if was is not None and now is not None and _key(was) == _key(now):
            continue
        before = describe(was) if was is not None else "not a question of its own"
        after = describe(now) if now is not None else "not a question of its own"
        lines.append(f"      its question {text!r}: {before} -> {after}")
    return lines
