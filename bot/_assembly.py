"""The files of a knowledge base gathered into one: read, merged and checked across (pure).

:class:`Collector` reads each file and keeps its pieces, validated one by one
(:func:`bot._conversion.convert`); the ``merge_*`` functions put the pieces of every file
together (one vocabulary, one settings, the questions under ``examples:`` added to their
entries); :func:`cross_checks` finds what no file shows alone: a duplicate id, a question
asked for two entries, a source no file defines. Every problem is collected in
``Collector.problems``; :func:`bot.knowledge.read_knowledge` raises them all at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from itertools import chain
from typing import Any, TypeVar

import msgspec
import yaml
from yaml.reader import ReaderError

from bot import _fastpath, _yaml
from bot import _plain_errors as plain
from bot._conversion import convert
from bot._example_lines import AGAIN, QUESTIONS, SOURCES, ExampleLines
from bot._knowledge_files import KnowledgeFile, LoadedFile, TooBigError, as_text, read_bytes
from bot.entries import (
    ID_PATTERN,
    E,
    Fact,
    KnowledgeSettings,
    Source,
    Unknown,
    Vocabulary,
    phrase_problems,
)
from bot.numbered_terms import NumberedTerms, normalise_phrase, one_word
from bot.problems import Problem
from bot.text import counted, listed, stem

# An entry's fields that list texts, where a line indented under an item is read as its text
_LISTED_TEXTS = ("questions", "keywords", "requires")
TOP_LEVEL_KEYS = ("facts", "unknowns", "sources", "vocabulary", "removed", "examples", "settings")
_ID = re.compile(ID_PATTERN)


class Collector:
    """Accumulates the parsed pieces of every file and the problems found on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # what `validate` warns about but loads: an example written twice in one entry
        self.warnings: list[Problem] = []
        self.facts: list[Fact] = []
        self.unknowns: list[Unknown] = []
        self.sources: dict[str, tuple[Source, str, int]] = {}
        # the sources written with errors, by key: the file and line of the last of their
        # errors (which say what to fix), where the facts citing them are named after them
        self.broken_sources: dict[str, tuple[str, int]] = {}
        # each file's vocabulary, its file and line, and the line of each of its terms
        self.vocab_parts: list[tuple[Vocabulary, str, int, dict[str, int]]] = []
        self.removed: dict[str, tuple[str, int]] = {}
        # entry id -> [(question, file, line)] from ``examples:``
        self.examples: dict[str, list[tuple[str, str, int]]] = {}
        self.settings: list[tuple[KnowledgeSettings, str, int]] = []
        self.files: list[str] = []
        self.loaded: list[LoadedFile] = []
        # the files that could not be read (or parsed): what they define is unknown
        self.unread: list[str] = []
        # the ids of the entries written with errors (reported with them): questions added
        # to them under ``examples:`` are checked once they are fixed
        self.broken_entries: set[str] = set()
        # each file read, as ExampleLines finds it again once the base is loaded: the file
        # on disk, or the text given in its place (a preview of an edit)
        self.found: dict[str, bytes | KnowledgeFile] = {}

    @cached_property
    def example_lines(self) -> ExampleLines:
        """Where each example question is written in the files read (once all are)."""
        return ExampleLines({f.relative: f.data for f in self.loaded})

    def error(self, file: str, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))

    def read_file(self, file: KnowledgeFile, label: str, data: bytes | None = None) -> None:
        """Read and validate one file (``data``: its content as it would be, not as it is)."""
        self.files.append(label)
        self.found[file.relative] = file if data is None else data
        try:
            if data is None:
                data = read_bytes(file)
            text = as_text(data)
        except TooBigError as exc:
            self.error(label, 0, "", str(exc))
            self.unread.append(label)
            return
        except UnicodeDecodeError as exc:
            assert data is not None  # (read_bytes raises no UnicodeDecodeError)
            line, message = plain.not_utf8(exc, data)
            self.error(label, line, "", message)
            self.unread.append(label)
            return
        except OSError as exc:  # its strerror, not str(exc): that holds the server's full path
            self.error(label, 0, "", f"cannot read file: {exc.strerror or type(exc).__name__}")
            self.unread.append(label)
            return
        doc = self._parse(text, label)
        # (a `removed:` list, even `removed: []`, is the file emptied on purpose, as the
        # README says to: validate had still told its admin to do so)
        nothing = doc is None or (
            isinstance(doc, dict) and "removed" not in doc and not any(doc.values())
        )
        self.loaded.append(
            LoadedFile(file.relative, data, empty=doc is None, holds_nothing=nothing)
        )
        if doc is not None:
            self._read_doc(doc, label)

    def _parse(self, text: str, label: str) -> Any:
        try:
            return _yaml.load(text)  # None for an empty file (e.g. a topic file just created)
        except _yaml.MisreadError as exc:  # (its problem is in plain words)
            mark = exc.problem_mark
            self.error(label, mark.line + 1 if mark else 0, "YAML", exc.problem or "")
        except yaml.MarkedYAMLError as exc:
            line, message = plain.yaml_syntax(exc, text)
            self.error(label, line, "YAML syntax", message)
        except ReaderError as exc:
            line, message = plain.unreadable_character(exc, text)
            self.error(label, line, "", message)
        except yaml.YAMLError as exc:
            self.error(label, 0, "YAML syntax", str(exc))
        else:
            return None  # (an empty file)
        self.unread.append(label)
        return None

    def _read_doc(self, doc: Any, label: str) -> None:
        if not isinstance(doc, _yaml.LineDict):
            self.error(
                label, 1, "", "the file must be a mapping with keys " + ", ".join(TOP_LEVEL_KEYS)
            )
            return
        for key in doc:
            if key not in TOP_LEVEL_KEYS:
                self.error(
                    label,
                    doc.key_lines.get(key, 0),
                    f"top-level key '{key}'",
                    "unknown key (expected one of: " + ", ".join(TOP_LEVEL_KEYS) + ")",
                )
        facts, unknowns = len(self.facts), len(self.unknowns)
        self._read_entries(doc, "facts", label, Fact, self.facts)
        self._read_entries(doc, "unknowns", label, Unknown, self.unknowns)
        # (a list item indented under the one before is read as part of its text, a dash
        # between them: looked for only where some text of the file's entries holds one)
        added: list[Fact | Unknown] = [*self.facts[facts:], *self.unknowns[unknowns:]]
        texts = chain.from_iterable(
            (*e.questions, *e.keywords, *getattr(e, "requires", ())) for e in added
        )
        if _yaml.may_hold_folded_items("\0".join(texts)):
            self._folded_entries(doc, label)
        self._read_sources(doc, label)
        self._read_vocabulary(doc, label)
        self._read_removed(doc, label)
        self._read_examples(doc, label)
        self._read_settings(doc, label)

    def _read_examples(self, doc: _yaml.LineDict, label: str) -> None:
        raw = doc.get("examples")
        if raw is None:
            return
        if not isinstance(raw, _yaml.LineDict):
            self.error(
                label,
                doc.key_lines.get("examples", 0),
                "'examples'",
                "must be a mapping of fact id -> list of questions, "
                "e.g. examples: {where-to-watch: [is it on hulu]}",
            )
            return
        for ident, questions in raw.items():
            line = raw.key_lines.get(ident, 0)
            if not isinstance(ident, str) or not _ID.match(ident):
                written = raw.source(ident, of_key=True)
                where = f"examples for '{written if written is not None else ident}'"
                self.error(label, line, where, plain.not_an_id(ident, written))
                continue
            where = f"examples for '{ident}'"
            if not isinstance(questions, _yaml.LineList) or not questions:
                self.error(label, line, where, "must be a list of example questions")
                continue
            self._folded(questions, label, where)
            for i, question in enumerate(questions):
                q_line = questions.item_lines[i]
                if not isinstance(question, str) or not question.strip():
                    message = plain.read_as(question, questions.source(i))
                    self.error(
                        label, q_line, f"{where}[{i}]", message or "must be a question (text)"
                    )
                    continue
                for _, message in phrase_problems("questions", [question]):
                    self.error(label, q_line, f"{where}[{i}]", message)
                self.examples.setdefault(ident, []).append((question, label, q_line))

    def _folded_entries(self, doc: _yaml.LineDict, label: str) -> None:
        """An error for each list item of an entry's texts that holds the next item too."""
        for key in ("facts", "unknowns"):
            entries = doc.get(key)
            for i, raw in enumerate(entries if isinstance(entries, _yaml.LineList) else ()):
                if isinstance(raw, dict):
                    ident = raw.get("id")
                    what = f"{key[:-1]} '{ident}'" if isinstance(ident, str) else f"{key}[{i}]"
                    for field in _LISTED_TEXTS:
                        self._folded(raw.get(field), label, f"{what} field '{field}", "'")

    def _folded(self, items: Any, label: str, where: str, closing: str = "") -> None:
        """An error for each item of a list that holds the next item too, indented under it
        (see bot._yaml.folded_items): "where[i]closing" names it."""
        if isinstance(items, _yaml.LineList):
            for i in _yaml.folded_items(items):
                self.error(
                    label, items.item_lines[i], f"{where}[{i}]{closing}", plain.folded(items[i])
                )

    def _read_settings(self, doc: _yaml.LineDict, label: str) -> None:
        raw = doc.get("settings")
        if raw is None:
            return
        line = doc.key_lines.get("settings", 0)
        if not isinstance(raw, dict):
            self.error(
                label,
                line,
                "'settings'",
                "must be a mapping, e.g. settings: {review_after_days: 180}",
            )
            return
        found, problems = convert(raw, KnowledgeSettings, label, "settings")
        self.problems.extend(problems)
        if found is not None:
            self.settings.append((found, label, line))

    def _read_removed(self, doc: _yaml.LineDict, label: str) -> None:
        ids = doc.get("removed")
        if ids is None:
            return
        if not isinstance(ids, _yaml.LineList):
            self.error(
                label,
                doc.key_lines.get("removed", 0),
                "'removed'",
                "must be a list of ids, e.g. removed: [old-fact, other-fact]",
            )
            return
        for i, ident in enumerate(ids):
            line = ids.item_lines[i]
            if not isinstance(ident, str) or not _ID.match(ident):
                self.error(label, line, f"removed[{i}]", plain.not_an_id(ident, ids.source(i)))
            else:
                self.removed.setdefault(ident, (label, line))

    def _read_entries(
        self, doc: _yaml.LineDict, key: str, label: str, model: type[E], out: list[E]
    ) -> None:
        entries = doc.get(key)
        if entries is None:
            return
        if not isinstance(entries, _yaml.LineList):
            self.error(label, doc.key_lines.get(key, 0), f"'{key}'", "must be a list of entries")
            return
        kind = key[:-1]
        for i, raw in enumerate(entries):
            line = entries.item_lines[i]
            if not isinstance(raw, dict):
                self.error(label, line, f"{key}[{i}]", "each entry must be a mapping")
                continue
            ident = raw.get("id")
            what = f"{kind} '{ident}'" if isinstance(ident, str) else f"{key}[{i}]"
            obj, problems = convert(raw, model, label, what, {"file": label, "line": line})
            self.problems.extend(problems)
            if obj is not None:
                out.append(obj)
            elif isinstance(ident, str):
                self.broken_entries.add(ident)

    def _read_sources(self, doc: _yaml.LineDict, label: str) -> None:
        sources = doc.get("sources")
        if sources is None:
            return
        if not isinstance(sources, _yaml.LineDict):
            self.error(
                label,
                doc.key_lines.get("sources", 0),
                "'sources'",
                "must be a mapping of key -> {title, date, outlet}",
            )
            return
        for key, raw in sources.items():
            line = sources.key_lines.get(key, 0)
            if key in self.sources:
                _, other_file, other_line = self.sources[key]
                self.error(
                    label,
                    line,
                    f"source '{key}'",
                    f"duplicate source key (also at {other_file}:{other_line})",
                )
                continue
            if not isinstance(raw, dict):
                self.error(label, line, f"source '{key}'", "must be a mapping with title and date")
                self.broken_sources.setdefault(key, (label, line))
                continue
            src, problems = convert(raw, Source, label, f"source '{key}'", {"key": key})
            self.problems.extend(problems)
            if src is not None:
                self.sources[key] = (src, label, line)
            else:
                self.broken_sources.setdefault(key, (label, max(p.line for p in problems)))

    def _read_vocabulary(self, doc: _yaml.LineDict, label: str) -> None:
        raw = doc.get("vocabulary")
        if raw is None:
            return
        line = doc.key_lines.get("vocabulary", 0)
        if not isinstance(raw, dict):
            self.error(label, line, "'vocabulary'", "must be a mapping")
            return
        vocab, problems = convert(raw, Vocabulary, label, "vocabulary")
        self.problems.extend(problems)
        if vocab is not None:
            lines: dict[str, int] = {}  # (a term's line: where a clash is named)
            for kind in ("numbered", "synonyms"):
                terms = raw.get(kind)
                if isinstance(terms, _yaml.LineDict):
                    lines.update((str(k), n) for k, n in terms.key_lines.items())
            self.vocab_parts.append((vocab, label, line, lines))


def _merge_numbered(col: Collector) -> dict[str, list[str]]:
    """The numbered terms of every vocabulary part; a way of writing one listed under two
    terms is an error."""
    numbered: dict[str, list[str]] = {}
    # a spelling, as cleaned -> its term as cleaned, as written, and where
    owner: dict[str, tuple[str, str, str, int]] = {}
    for vocab, label, line, lines in col.vocab_parts:
        for term, spellings in vocab.numbered.items():
            numbered.setdefault(term, []).extend(spellings)
            name = one_word(term)
            at = lines.get(term, line)
            for spelling in (term, *spellings):
                word = one_word(spelling)
                prev = owner.get(word) if word else None
                if prev and prev[0] != name:
                    col.error(
                        label,
                        at,
                        f"vocabulary numbered term '{spelling}'",
                        f"listed under both '{prev[1]}' and '{term}' "
                        f"(first at {prev[2]}:{prev[3]})",
                    )
                if word and name:
                    owner.setdefault(word, (name, term, label, at))
    return numbered


def merge_vocabulary(col: Collector) -> Vocabulary:
    """The vocabulary of every file as one; a phrase listed under two synonyms is an error."""
    numbered = _merge_numbered(col)
    terms = NumberedTerms(numbered)
    synonyms: dict[str, list[str]] = {}
    owner: dict[tuple[str, ...], tuple[str, str, int]] = {}  # normalised variant -> canonical
    lists: dict[str, list[str]] = {"topic_words": [], "other_shows": [], "filler": [], "frames": []}
    for vocab, label, line, lines in col.vocab_parts:
        for canonical, variants in vocab.synonyms.items():
            synonyms.setdefault(canonical, []).extend(variants)
            at = lines.get(canonical, line)
            for phrase in (canonical, *variants):
                norm = tuple(normalise_phrase(phrase, terms))
                prev = owner.get(norm)
                if prev and prev[0] != canonical:
                    col.error(
                        label,
                        at,
                        f"vocabulary synonym '{phrase}'",
                        f"listed under both '{prev[0]}' and '{canonical}' "
                        f"(first at {prev[1]}:{prev[2]})",
                    )
                owner.setdefault(norm, (canonical, label, at))
        for name in lists:
            lists[name].extend(getattr(vocab, name))
    return Vocabulary(synonyms=synonyms, numbered=numbered, **lists)


def merge_settings(col: Collector) -> KnowledgeSettings:
    """The settings, given in one file at most (a second file giving them is an error)."""
    if not col.settings:
        return KnowledgeSettings()
    first, label, line = col.settings[0]
    for _, other_label, other_line in col.settings[1:]:
        col.error(
            other_label,
            other_line,
            "'settings'",
            f"settings are already given at {label}:{line}: keep them in one file",
        )
    return first


def merge_examples(col: Collector) -> dict[tuple[str, str], tuple[str, int]]:
    """Add the questions under ``examples:`` to their entries; where each came from."""
    if not col.examples:
        return {}
    taught: dict[tuple[str, str], tuple[str, int]] = {}
    _add_examples(col, col.facts, taught)
    _add_examples(col, col.unknowns, taught)
    known = {f.id for f in col.facts} | {u.id for u in col.unknowns}
    missing = {
        ident: extra
        for ident, extra in col.examples.items()
        if ident not in known and ident not in col.broken_entries
    }
    if col.unread:
        # A file that could not be read may define them: told once for each file adding
        # questions to them (a tab in people.yaml had made every fact of it taught in
        # learned.yaml an error of its own, listed before the tab)
        by_file: dict[str, list[tuple[str, int]]] = {}
        for ident, extra in missing.items():
            _, label, line = extra[0]
            by_file.setdefault(label, []).append((ident, line))
        for label, found in by_file.items():
            ids = [ident for ident, _ in found]
            col.error(
                label,
                found[0][1],
                f"examples for {_listed(ids)}",
                f"no file read has a fact or known unknown with "
                f"{'this id' if len(ids) == 1 else 'these ids'}: {_may_define(col, len(ids))}",
            )
        return taught
    for ident, extra in missing.items():
        _, label, line = extra[0]
        close = closest_id(ident, known)
        hint = f" (did you mean '{close}'?)" if close else ""
        col.error(
            label,
            line,
            f"examples for '{ident}'",
            f"no fact or known unknown has the id '{ident}'{hint}",
        )
    return taught


def closest_id(ident: str, known: Iterable[str]) -> str | None:
    """The id of ``known`` closest to a mistyped one ("cats": "cast"), or None."""
    close = difflib.get_close_matches(ident, sorted(known), n=1)
    return close[0] if close else None


_FactOrUnknown = TypeVar("_FactOrUnknown", Fact, Unknown)


def _add_examples(
    col: Collector,
    entries: list[_FactOrUnknown],
    taught: dict[tuple[str, str], tuple[str, int]],
) -> None:
    """Replace each of ``entries`` that has questions under ``examples:`` with itself with
    them added; record in ``taught`` where each came from."""
    for i, entry in enumerate(entries):
        extra = col.examples.get(entry.id)
        if not extra:
            continue
        questions = list(entry.questions)
        for question, label, line in extra:
            if question in questions:
                if (entry.id, question) in taught:  # (twice under `examples:`)
                    _repeated(col, entry, question, taught[entry.id, question], (label, line))
                    continue
                written, at = _question_at(col, taught, entry, question)
                col.error(
                    label,
                    line,
                    f"examples for '{entry.id}'",
                    f"{question!r} is already an example of '{entry.id}' ({written}:{at})",
                )
                continue
            questions.append(question)
            taught[(entry.id, question)] = (label, line)
        entries[i] = msgspec.structs.replace(entry, questions=questions)


def question_keys(
    questions: Sequence[str], numbered: NumberedTerms, said: Iterable[list[str]] | None = None
) -> Iterator[tuple[str, ...]]:
    """How the duplicate-question check sees each question in turn: ``normalise_phrase
    (question, numbered)``, with the numbered terms of the whole base's vocabulary.
    ``said``: each question's words (``bot.text.words(clean(question))``), if read already."""
    stem_of = _Stems().__getitem__  # (as normalise_words stems them, each word once)
    starts, fold = numbered.starts, numbered.fold
    for found in _fastpath.words_many(questions) if said is None else said:
        # (folded only where a numbered term may begin: most questions hold none)
        yield tuple(map(stem_of, found if starts.isdisjoint(found) else fold(found)))


class _Stems(dict[str, str]):
    """Each word's stem (bot.text.stem), worked out when first asked for: a base's questions
    say the same few thousand words again and again."""

    def __missing__(self, word: str) -> str:
        self[word] = found = stem(word)
        return found


def _question_at(
    col: Collector,
    taught: dict[tuple[str, str], tuple[str, int]],
    entry: Fact | Unknown,
    question: str,
) -> tuple[str, int]:
    """The file and line of an entry's example question: where ``examples:`` added it, else
    its own line in its entry (as KnowledgeBase.example_at; read only to name a clash)."""
    if (entry.id, question) in taught:
        return taught[entry.id, question]
    return entry.file, col.example_lines.line(entry.file, entry.line, question) or entry.line


def cross_checks(
    col: Collector, numbered: NumberedTerms, taught: dict[tuple[str, str], tuple[str, int]]
) -> _fastpath.QuestionStreams:
    """Duplicate ids, removed ids still defined, questions of two entries, unknown sources.
    Returns the word streams of every entry's questions, read for the question check, which
    the base's index may take (see bot._fastpath.QuestionStreams)."""
    entries: list[Fact | Unknown] = [*col.facts, *col.unknowns]
    seen: dict[str, Fact | Unknown] = {}
    for entry in entries:
        prev = seen.get(entry.id)
        if prev is not None:
            col.error(
                entry.file,
                entry.line,
                f"id '{entry.id}'",
                f"duplicate id (also at {prev.file}:{prev.line})",
            )
        else:
            seen[entry.id] = entry
    for ident, (label, line) in col.removed.items():
        if (defined := seen.get(ident)) is not None:
            # Contradictory, and a stale acknowledgement would later let this fact vanish
            # in a bad save without anyone being asked: an error, not a warning.
            col.error(
                label,
                line,
                f"removed '{ident}'",
                f"is listed as removed but is still defined at {defined.file}:{defined.line}: "
                "take it off the list, or delete it",
            )
    asked: dict[tuple[str, ...], tuple[Fact | Unknown, str]] = {}
    # The questions written with the entries first, then those added under ``examples:``, so
    # that a clash is reported where the example was added (a teaching, usually).
    pairs = [(e, q) for e in entries for q in e.questions]
    streams = _fastpath.QuestionStreams([q for _, q in pairs])  # (in the index's order)
    keyed: Iterable[tuple[tuple[Fact | Unknown, str], tuple[str, ...]]] = zip(
        pairs, question_keys([q for _, q in pairs], numbered, streams.words()), strict=True
    )
    if taught:
        keyed = sorted(keyed, key=lambda pair_key: (pair_key[0][0].id, pair_key[0][1]) in taught)
    again: set[tuple[str, str]] = set()  # (an entry's example written again: told once)
    for (entry, q), asked_as in keyed:
        seen_as = asked.get(asked_as)
        if seen_as is None:
            asked[asked_as] = (entry, q)  # the first one stays
            continue
        prev, prev_q = seen_as
        if prev is entry and (entry.id, q) not in again:
            if q == prev_q:  # (the same text in its own list: its line is the second's)
                at = col.example_lines.line(entry.file, entry.line, q, AGAIN + QUESTIONS)
                if at is not None:
                    again.add((entry.id, q))
                    _repeated(col, entry, q, _question_at(col, taught, entry, q), (entry.file, at))
            else:
                again.add((entry.id, q))
                written = _question_at(col, taught, prev, prev_q)
                _repeated(col, entry, q, written, _question_at(col, taught, entry, q), prev_q)
        elif prev.id != entry.id:
            file, line = _question_at(col, taught, entry, q)
            other = "{}:{}".format(*_question_at(col, taught, prev, prev_q))
            col.error(
                file,
                line,
                f"'{entry.id}' question {q!r}",
                f"the same question is also an example of '{prev.id}' ({prev_q!r}, {other}): "
                "keep it under one of them",
            )
    # A source written with errors is reported with them, once: the facts citing it are not
    # told "unknown source" each (a bad date had buried its one error under one per fact).
    citing: dict[str, list[str]] = {}
    # ...and a source that may be written in a file that could not be read is told once,
    # at the first fact citing it (a typo in sources.yaml had given every fact its own)
    unread: dict[str, list[Fact]] = {}
    for fact in col.facts:
        for key in fact.sources:
            if key in col.sources:
                continue
            if key in col.broken_sources:
                citing.setdefault(key, []).append(fact.id)
                continue
            if col.unread:
                unread.setdefault(key, []).append(fact)
                continue
            known = ", ".join(sorted(col.sources)) or "none defined"
            col.error(
                fact.file,
                # (at the key as written, not the fact's first line, which may be 30 above it)
                col.example_lines.line(fact.file, fact.line, key, SOURCES) or fact.line,
                f"fact '{fact.id}' field 'sources'",
                f"unknown source '{key}' (known: {known})",
            )
    for key, facts in unread.items():
        first = facts[0]
        col.error(
            first.file,
            col.example_lines.line(first.file, first.line, key, SOURCES) or first.line,
            f"fact '{first.id}' field 'sources'",
            f"unknown source '{key}', cited by {_facts([f.id for f in facts])}: "
            + _may_define(col, 1),
        )
    for key, ids in citing.items():
        label, line = col.broken_sources[key]
        col.error(
            label,
            line,
            f"source '{key}'",
            f"cited by {_facts(ids)}, which cannot be checked until this source is fixed",
        )
    return streams


def _repeated(
    col: Collector,
    entry: Fact | Unknown,
    question: str,
    first: tuple[str, int],
    second: tuple[str, int],
    first_question: str | None = None,
) -> None:
    """A warning at an example written a second time in one entry (as ``first_question``,
    written otherwise, if given): it does nothing the first does not."""
    kind = "fact" if isinstance(entry, Fact) else "unknown"
    where = (
        f"lines {first[1]} and {second[1]}"
        if first[0] == second[0]
        else f"{first[0]}:{first[1]} and {second[0]}:{second[1]}"
    )
    said = (
        f"is written twice in '{entry.id}' ({where})"
        if first_question is None
        else f"is {first_question!r} written again in '{entry.id}' ({where})"
    )
    col.warnings.append(
        Problem(
            *second,
            f"{kind} '{entry.id}'",
            f"example {question!r} {said}: the second does nothing; take it out",
        )
    )


# How many facts citing a source with errors are named (the others are counted)
_FACTS_NAMED = 3


def _listed(ids: list[str]) -> str:
    """ "'a', 'b', 'c' and 1 more"."""
    return listed([f"'{i}'" for i in ids], _FACTS_NAMED)


def _facts(ids: list[str]) -> str:
    """ "1 fact ('a')", "4 facts ('a', 'b', 'c' and 1 more)"."""
    return f"{counted(len(ids), 'fact')} ({_listed(ids)})"


def _may_define(col: Collector, things: int) -> str:
    """Why something is not found while some files could not be read: "sources.yaml could
    not be read and may define it; fix it first" (``things``: how many are not found)."""
    files = " and ".join(col.unread)
    return (
        f"{files} could not be read and may define {'it' if things == 1 else 'them'}; "
        f"fix {'it' if len(col.unread) == 1 else 'them'} first"
    )
