"""Load and validate the YAML knowledge base into typed, frozen objects (pure: no Discord).

A knowledge path is a directory of ``*.yaml`` files (or one file). Each file is a mapping with
any of these top-level keys, merged across files:

``facts``       answers fans can get, each with example questions, sources and dates;
``unknowns``    questions fans ask that the sources cannot answer yet ("how many episodes"):
                the bot says it does not know instead of offering the nearest fact;
``sources``     the articles facts come from, by key;
``vocabulary``  synonyms, topic words, other shows' names, chat filler, numbered terms
                ("season 2", "s2", "2nd season") and frames of questions about something
                else ("which show") for the matcher;
``removed``     ids of facts (or unknowns) deleted on purpose: an automatic reload that makes
                them disappear applies at once instead of waiting for ``/faq reload``;
``examples``    more example questions for facts or known unknowns defined anywhere, by id
                (what moderators teach from Discord goes to ``learned.yaml`` this way);
``settings``    knowledge-base-wide settings: ``review_after_days``, after which a fact without
                its own ``review_after`` is flagged as possibly out of date; ``faq_synonyms``
                (default true), whether customers' everyday words are read as the base's
                own word of their group (bot/data/faq_synonyms.txt).

Every problem is collected (not just the first) and names the file, the line and the field.
The loading is done in steps, each in its own module: files are found and read by
:mod:`bot._knowledge_files` (inside the folder, within size limits); each entry is validated
by :mod:`bot._conversion` into the types of :mod:`bot.entries`; the files' pieces are merged
and checked across files by :mod:`bot._assembly`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from bot._assembly import (
    Collector,
    cross_checks,
    merge_examples,
    merge_settings,
    merge_vocabulary,
    question_keys,
)
from bot._conversion import convert
from bot._example_lines import KEYWORDS, ExampleLines
from bot._fastpath import QuestionStreams
from bot._gc import paused_gc
from bot._knowledge_files import (
    MAX_TOTAL_BYTES,
    KnowledgeFile,
    LoadedFile,
    find_files,
    megabytes,
    unread_files,
    within_limits,
)
from bot.entries import (
    MAX_ANSWER_CHARS,
    MAX_ID_CHARS,
    MAX_QUESTION_CHARS,
    Fact,
    KnowledgeSettings,
    Source,
    Unknown,
    Vocabulary,
    as_question,
)
from bot.numbered_terms import NumberedTerms
from bot.problems import FOLDER, KnowledgeBaseError, Problem
from bot.text import counted

__all__ = [
    "FOLDER",
    "MAX_ANSWER_CHARS",
    "MAX_ID_CHARS",
    "MAX_QUESTION_CHARS",
    "Fact",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "KnowledgeSettings",
    "LoadedFile",
    "LoadedKnowledge",
    "Problem",
    "Source",
    "Unknown",
    "Vocabulary",
    "as_question",
    "convert",
    "file_problems",
    "future_dates",
    "load_knowledge",
    "read_knowledge",
    "stale_facts",
    "stale_reason",
]


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated, merged knowledge base."""

    facts: tuple[Fact, ...]
    unknowns: tuple[Unknown, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    files: tuple[str, ...] = ()
    # ids listed under ``removed:`` (deleted on purpose) -> where they are listed (file, line)
    removed: dict[str, tuple[str, int]] = field(default_factory=dict)
    settings: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    # (entry id, question) -> (file, line) of each question added under ``examples:``
    taught: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # the line of each example question in its file, read from the files' texts only when
    # a warning names one (see example_at)
    example_lines: ExampleLines = field(default_factory=ExampleLines, compare=False, repr=False)
    # what `validate` warns about as it loads: an example written twice in one entry
    load_warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)
    # the word streams of its example questions as its load read them, for its index to take
    # rather than read them again: an optimisation only, and none in a base made otherwise
    # (dataclasses.replace copies no streams) or once indexed (see bot._fastpath.QuestionStreams)
    question_streams: QuestionStreams | None = field(
        default=None, init=False, compare=False, repr=False
    )

    def entries(self) -> Iterator[Fact | Unknown]:
        """Every fact, then every known unknown."""
        return chain(self.facts, self.unknowns)

    @property
    def ids(self) -> frozenset[str]:
        """The ids of every fact and known unknown."""
        return frozenset(e.id for e in self.entries())

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id (KeyError if none)."""
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def entry(self, ident: str) -> Fact | Unknown:
        """The fact or known unknown with this id (KeyError if none)."""
        for e in self.entries():
            if e.id == ident:
                return e
        raise KeyError(ident)

    def example_at(self, entry: Fact | Unknown, question: str) -> tuple[str, int]:
        """The file and line of an entry's example question: where ``examples:`` added it,
        else its own line in its entry (its entry's first line if that cannot be found)."""
        taught = self.taught.get((entry.id, question))
        if taught is not None:
            return taught
        return entry.file, self.example_lines.line(entry.file, entry.line, question) or entry.line

    def examples_like(self, questions: Sequence[str]) -> list[tuple[Fact | Unknown, str] | None]:
        """For each question, the entry that has it as an example already and that example as
        written (the question itself first), or None: "the same question" as the loader's
        duplicate check reads it, the same words ("Who plays Ballard?" is "who plays
        ballard")."""
        pairs = [(e, q) for e in self.entries() for q in e.questions]
        numbered = NumberedTerms(self.vocabulary.numbered)
        keys = list(question_keys([*questions, *(q for _, q in pairs)], numbered))
        by_key: dict[tuple[str, ...], list[tuple[Fact | Unknown, str]]] = {}
        for pair, key in zip(pairs, keys[len(questions) :], strict=True):
            by_key.setdefault(key, []).append(pair)
        found: list[tuple[Fact | Unknown, str] | None] = []
        for question, key in zip(questions, keys, strict=False):
            same = by_key.get(key, [])
            found.append(next((p for p in same if p[1] == question), same[0] if same else None))
        return found

    def keyword_at(self, entry: Fact | Unknown, keyword: str) -> tuple[str, int]:
        """The file and line of one of an entry's keywords (its entry's first line if that
        cannot be found: a file changed since it was loaded)."""
        line = self.example_lines.line(entry.file, entry.line, keyword, KEYWORDS)
        return entry.file, line or entry.line

    def review_date(self, fact: Fact) -> dt.date | None:
        """When the fact should be checked again: its ``review_after``, else ``as_of`` plus
        the base's ``review_after_days`` (None: never, as for a date past the calendar's last:
        ``as_of: 9999-12-31`` had raised at every answer of its fact)."""
        if fact.review_after is not None:
            return fact.review_after
        days = self.settings.review_after_days
        if days is None or fact.as_of > dt.date.max - dt.timedelta(days=days):
            return None
        return fact.as_of + dt.timedelta(days=days)

    def is_stale(self, fact: Fact, today: dt.date) -> bool:
        """True once the fact's review date (see :meth:`review_date`) has passed."""
        due = self.review_date(fact)
        return due is not None and today > due

    def sources_of(self, fact: Fact) -> list[Source]:
        """The fact's sources, in the order the fact lists them, each once (a key listed
        twice, `sources: [a, a]`, had cited the article twice under every answer)."""
        return [self.sources[key] for key in dict.fromkeys(fact.sources)]

    @property
    def question_count(self) -> int:
        return sum(len(f.questions) for f in self.facts)

    @property
    def synonym_count(self) -> int:
        return sum(len(v) for v in self.vocabulary.synonyms.values())

    def summary(self) -> str:
        """One line: how much the knowledge base holds."""
        return (
            f"{counted(len(self.facts), 'fact')}, "
            f"{counted(self.question_count, 'example question')}, "
            f"{counted(len(self.unknowns), 'known unknown')}, "
            f"{counted(self.synonym_count, 'synonym')}, "
            f"{counted(len(self.sources), 'source')} in {counted(len(self.files), 'file')}"
        )


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class LoadedKnowledge:
    """A validated knowledge base and the files it was read from."""

    kb: KnowledgeBase
    files: tuple[LoadedFile, ...]


def load_knowledge(path: str | Path) -> KnowledgeBase:
    """Load every YAML file under ``path``; raise :class:`KnowledgeBaseError` listing all errors."""
    return read_knowledge(path).kb


def read_knowledge(path: str | Path, candidate: tuple[str, bytes] | None = None) -> LoadedKnowledge:
    """:func:`load_knowledge`, with the bytes of the files that were validated.

    ``candidate`` (a file's path inside the folder, its new content) validates the folder as
    it would be with that file written, without writing it.
    """
    with paused_gc():
        return _load(Path(path), candidate)


def _with_candidate(
    root: Path, found: list[KnowledgeFile], candidate: tuple[str, bytes]
) -> list[KnowledgeFile]:
    relative, data = candidate
    kept = [f for f in found if f.relative != relative]
    kept.append(KnowledgeFile(root / relative, relative, len(data), 0))
    return sorted(kept, key=lambda f: str(f.path))


def _inside_folder(path: Path, root: Path) -> str:
    """How problems name a file: its path inside the knowledge folder (never the server's
    absolute path, which moderators see in Discord)."""
    if root.is_file() or not path.is_relative_to(root):
        return path.name
    return path.relative_to(root).as_posix()


def _sorted(col: Collector, problems: list[Problem] | None = None) -> list[Problem]:
    """By file, then line: the folder's own problems first, then those of the files that
    could not be read, which may be the cause of others ("unknown source" for a source of
    a sources.yaml holding a tab had come before the tab)."""
    unread = set(col.unread)
    return sorted(
        col.problems if problems is None else problems,
        key=lambda p: (p.file != FOLDER, p.file not in unread, p.file, p.line),
    )


def _load(root: Path, candidate: tuple[str, bytes] | None = None) -> LoadedKnowledge:
    if not root.exists():
        raise KnowledgeBaseError([Problem(FOLDER, 0, "", "the knowledge folder does not exist")])
    found, links = find_files(root)
    if candidate is not None:
        found = _with_candidate(root, found, candidate)
    files, too_big = within_limits(found)
    if not found and not links:
        raise KnowledgeBaseError(
            [Problem(FOLDER, 0, "", "the knowledge folder has no .yaml files")]
        )
    col = Collector()
    for refusal in [*links, *too_big]:
        label = _inside_folder(refusal.path, root)
        col.error(label, 0, "", refusal.message)
        col.unread.append(label)
    total = sum(f.size for f in found)
    if total > MAX_TOTAL_BYTES:  # checked before reading anything
        col.error(
            FOLDER,
            0,
            "",
            f"the knowledge files add up to {megabytes(total)}; together they may be at most "
            f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB",
        )
        raise KnowledgeBaseError(_sorted(col))
    for file in files:
        data = candidate[1] if candidate and file.relative == candidate[0] else None
        col.read_file(file, file.relative, data)
    vocabulary = merge_vocabulary(col)
    settings = merge_settings(col)
    taught = merge_examples(col)
    streams = cross_checks(col, NumberedTerms(vocabulary.numbered), taught)
    if not col.facts and not col.problems:
        col.error(FOLDER, 0, "", "the knowledge base holds no facts")
    if col.problems:
        raise KnowledgeBaseError(_sorted(col))
    kb = KnowledgeBase(
        facts=tuple(col.facts),
        unknowns=tuple(col.unknowns),
        sources={k: v[0] for k, v in col.sources.items()},
        vocabulary=vocabulary,
        files=tuple(col.files),
        removed=col.removed,
        settings=settings,
        taught=taught,
        example_lines=col.example_lines.kept(col.found),
        load_warnings=tuple(_sorted(col, col.warnings)),
    )
    object.__setattr__(kb, "question_streams", streams)  # (a field no copy of it carries)
    return LoadedKnowledge(kb, tuple(col.loaded))


# --------------------------------------------------------------------------------------------
# Warnings (reported by `validate`, never fatal)


def stale_facts(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """Facts whose review date has passed: their own ``review_after``, or the base's
    ``review_after_days`` after their ``as_of``."""
    return [
        Problem(
            f.file,
            f.line,
            f"fact '{f.id}'",
            stale_reason(kb, f) + ": check the answer is still true",
        )
        for f in kb.facts
        if kb.is_stale(f, today)
    ]


def file_problems(loaded: LoadedKnowledge, root: Path) -> list[Problem]:
    """Files read that hold nothing (empty, only comments, or only keys with nothing under
    them: a save gone wrong, or facts deleted that `removed:` should list), and files whose
    name says YAML but that are not read ("streaming.yaml.txt", ".show-draft.yaml")."""
    problems = [
        Problem(
            f.relative,
            0,
            "",
            "holds nothing (no facts, known unknowns, sources…): if a save went wrong, "
            "restore it; if its facts were taken out on purpose, list their ids under "
            "`removed:` or delete the file",
        )
        for f in loaded.files
        if f.holds_nothing
    ]
    return problems + [Problem(name, 0, "", why) for name, why in unread_files(Path(root))]


def future_dates(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """Facts true "as of" a day after ``today``, and sources published after it: a year
    mistyped ("as_of: 2027-10-06"), which fans would read under the answer."""
    problems = [
        Problem(
            f.file,
            f.line,
            f"fact '{f.id}'",
            f"as_of {f.as_of} is after today ({today}): fans would read the answer as true "
            f"as of {f.as_of.day} {f.as_of:%B %Y}; check the date",
        )
        for f in kb.facts
        if f.as_of > today
    ]
    return problems + [
        Problem(
            FOLDER,
            0,
            f"source '{key}'",
            f"date {source.date} is after today ({today}): fans would read it in the "
            "citation under the answer; check the date",
        )
        for key, source in sorted(kb.sources.items())
        if source.date > today
    ]


def stale_reason(kb: KnowledgeBase, fact: Fact) -> str:
    """Why a fact is due for review, in plain words."""
    if fact.review_after is not None:
        return f"review_after {fact.review_after} has passed"
    return (
        f"as_of {fact.as_of} is more than {kb.settings.review_after_days} days ago "
        "(review_after_days in settings)"
    )
