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
                its own ``review_after`` is flagged as possibly out of date.

Every problem is collected (not just the first) and names the file, the line and the field.
Files are found and read by :mod:`bot._knowledge_files` (inside the folder, within size limits).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, pairwise
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import msgspec
import yaml

from bot import _fastpath, _yaml
from bot import _plain_errors as plain
from bot._gc import paused_gc
from bot._knowledge_files import (
    MAX_TOTAL_BYTES,
    KnowledgeFile,
    TooBigError,
    as_text,
    find_files,
    megabytes,
    read_bytes,
    within_limits,
)
from bot.text import (
    GAP,
    NUMBER_WORDS,
    ORDINALS,
    QUESTION_WORDS,
    STOPWORDS,
    NumberedTerms,
    clean,
    frame_words,
    normalise_phrase,
    normalise_words,
    one_word,
    stem,
    words,
)

# An answer is sent as one Discord message together with its status and source line; Discord
# allows 2,000 characters per message (4,096 per embed description), so keep room for those.
MAX_ANSWER_CHARS = 1_500
MAX_QUESTION_CHARS = 300
STATUSES = ("official", "reported", "hinted")
TOP_LEVEL_KEYS = ("facts", "unknowns", "sources", "vocabulary", "removed", "examples", "settings")
_INTERNAL_FIELDS = ("file", "line", "key")  # set by the loader, never written in YAML
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)

MAX_ID_CHARS = 64  # ids travel in Discord buttons' custom_id (100 characters in all)
Id = Annotated[
    str,
    msgspec.Meta(
        pattern=ID_PATTERN, max_length=MAX_ID_CHARS, description="lowercase words joined by hyphens"
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Loc = tuple[str | int, ...]


class _Entry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    def problems(self) -> Iterator[tuple[Loc, str]]:
        """Checks beyond types: (field path, message) for each problem."""
        return iter(())


def _question_keys(questions: Sequence[str], numbered: NumberedTerms) -> Iterator[tuple[str, ...]]:
    """How the duplicate-question check sees each question in turn: ``normalise_phrase
    (question, numbered)``, with the numbered terms of the whole base's vocabulary."""
    for found in _fastpath.words_many(questions):
        yield tuple(normalise_words(found, numbered))


def _phrases_fine(values: list[str]) -> bool:
    """True if _phrase_problems finds nothing, as it nearly never does: one pass settles it."""
    return _fastpath.all_have_words(values) and (
        not values or max(map(len, values)) <= MAX_QUESTION_CHARS
    )


def _phrase_problems(name: str, values: list[str]) -> Iterator[tuple[tuple[str, int], str]]:
    if _phrases_fine(values):
        return
    for i, value in enumerate(values):
        if len(value) > MAX_QUESTION_CHARS:
            yield (name, i), f"longer than {MAX_QUESTION_CHARS} characters"
        elif not _fastpath.has_words(value):
            yield (name, i), f"{value!r} has no words the matcher can use"


class Source(_Entry, frozen=True, kw_only=True):
    """An article a fact comes from."""

    key: str = ""
    title: Text
    date: dt.date
    outlet: Text | None = None
    url: Text | None = None

    def citation(self) -> str:
        """One-line citation: outlet, “title”, date."""
        outlet = f"{self.outlet}, " if self.outlet else ""
        return f"{outlet}“{self.title}” ({self.date.isoformat()})"


class Fact(_Entry, frozen=True, kw_only=True):
    """One answer with the example questions that should lead to it."""

    id: Id
    answer: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ANSWER_CHARS)]
    questions: Annotated[list[Text], msgspec.Meta(min_length=1)]
    keywords: list[Text] = []
    requires: list[Text] = []
    sources: Annotated[list[Id], msgspec.Meta(min_length=1)]
    as_of: dt.date
    status: Literal["official", "reported", "hinted"]
    review_after: dt.date | None = None
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=80)] | None = None
    file: str = ""
    line: int = 0

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if (
            self.answer.strip()
            and _phrases_fine(self.questions)
            and _phrases_fine(self.keywords)
            and _phrases_fine(self.requires)
            and (self.review_after is None or self.review_after > self.as_of)
        ):
            return iter(())  # nearly every fact, settled without generators
        return self._problems()

    def _problems(self) -> Iterator[tuple[Loc, str]]:
        if not self.answer.strip():
            yield ("answer",), "the answer is blank"
        for name in ("questions", "keywords", "requires"):
            yield from _phrase_problems(name, getattr(self, name))
        if self.review_after is not None and self.review_after <= self.as_of:
            yield ("review_after",), f"must be later than as_of ({self.as_of})"

    @property
    def heading(self) -> str:
        """How the fact is named to fans (buttons, /facts, embed titles): ``title``, or the
        first example question."""
        return self.title or as_question(self.questions[0])

    def is_stale(self, today: dt.date) -> bool:
        """True once ``review_after`` has passed: the answer may be out of date."""
        return self.review_after is not None and today > self.review_after


def as_question(text: str) -> str:
    """ "who plays ballard" -> "Who plays ballard?" """
    q = text.strip()
    return q[:1].upper() + q[1:] + ("" if q.endswith("?") else "?")


class Unknown(_Entry, frozen=True, kw_only=True):
    """A question the sources cannot answer; matching it means "I don't know that yet"."""

    id: Id
    questions: Annotated[list[Text], msgspec.Meta(min_length=1)]
    keywords: list[Text] = []
    note: Text | None = None
    file: str = ""
    line: int = 0

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for name in ("questions", "keywords"):
            yield from _phrase_problems(name, getattr(self, name))


# Function words (stopwords and question words), by their stems: a one-word synonym the
# stemmer reads as one ("canned" as "can") would be said by nearly every question.
_FUNCTION_STEMS = {stem(w): w for w in sorted(STOPWORDS | QUESTION_WORDS)}


def _read_as_function_word(phrase: str) -> str | None:
    """The function word a one-word phrase is read as, when it is not one itself but its
    stem is one's ("canned" is read as "can"); else None."""
    found = words(clean(phrase))
    if len(found) != 1 or found[0] in STOPWORDS or found[0] in QUESTION_WORDS:
        return None
    return _FUNCTION_STEMS.get(stem(found[0]))


def _function_word_message(phrase: str, said: str, under: str) -> str:
    return (
        f"{phrase!r} is read as {said!r} (words are compared by their stems), a word nearly "
        f"every question says: listed under {under} it would make them all about it; write it "
        f'with a word beside it ("got {phrase}")'
    )


class Vocabulary(_Entry, frozen=True, kw_only=True):
    """Words the matcher treats specially; phrases are normalised like questions."""

    synonyms: dict[str, list[Text]] = {}
    topic_words: list[Text] = []
    other_shows: list[Text] = []
    filler: list[Text] = []
    numbered: dict[str, list[Text]] = {}  # "season": ["szn", "s"]: see bot.text.NumberedTerms
    # frames of a question about something else than the base's facts ("which show", in a
    # base about one show), beside bot/data/general_frames.txt: see bot.text.Frames
    frames: list[Text] = []

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for name in ("topic_words", "other_shows", "filler"):
            yield from _phrase_problems(name, getattr(self, name))
        for name in ("topic_words", "other_shows"):
            for i, phrase in enumerate(getattr(self, name)):
                if (said := _read_as_function_word(phrase)) is not None:
                    yield (name, i), _function_word_message(phrase, said, name.replace("_", " "))
        for canonical, variants in self.synonyms.items():
            for (_, i), message in _phrase_problems("", [canonical, *variants]):
                loc: Loc = ("synonyms", canonical) if i == 0 else ("synonyms", canonical, i - 1)
                yield loc, message
            for i, phrase in enumerate(variants):
                if (said := _read_as_function_word(phrase)) is not None:
                    yield (
                        ("synonyms", canonical, i),
                        _function_word_message(phrase, said, repr(canonical)),
                    )
        for term, spellings in self.numbered.items():
            for i, spelling in enumerate((term, *spellings)):
                loc = ("numbered", term) if i == 0 else ("numbered", term, i - 1)
                word = one_word(spelling)
                if word is None:
                    yield (
                        loc,
                        (
                            f"{spelling!r} is not one word of letters: a numbered term and each "
                            "way of writing it are single words (season: [szn, s])"
                        ),
                    )
                elif word in NUMBER_WORDS or word in ORDINALS:
                    yield loc, f"{spelling!r} is a number or an ordinal: it cannot name a term"
        for i, frame in enumerate(self.frames):
            wordings = frame_words(frame)
            if not any(w != GAP for wording in wordings for w in wording):
                yield ("frames", i), f"{frame!r} has no words the matcher can use"
            elif any(
                GAP in (w[0], w[-1]) or any(a == b == GAP for a, b in pairwise(w)) for w in wordings
            ):
                yield (
                    ("frames", i),
                    (
                        f"{frame!r}: '...' stands for words between two others, once at a "
                        "time (how do ... work), never at a frame's start or end"
                    ),
                )


class KnowledgeSettings(_Entry, frozen=True, kw_only=True):
    """Settings for the whole knowledge base (``settings:`` in any one file)."""

    # A fact without ``review_after`` is flagged as possibly out of date this many days after
    # its ``as_of`` date (None: never).
    review_after_days: Annotated[int, msgspec.Meta(ge=1, le=36_500)] | None = None


E = TypeVar("E", bound=_Entry)
_AT_PATH = re.compile(r" - at `.*`$", re.DOTALL)  # msgspec's "- at `$[0]`", "- at `key` in `$`"


FOLDER = ""  # the file of a problem with the knowledge folder as a whole


@dataclass(frozen=True)
class Problem:
    """One validation error or warning, located in a file."""

    file: str  # its path inside the knowledge folder, "/"-separated; FOLDER for the whole
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{loc}: {text}" if loc else text


class KnowledgeBaseError(Exception):
    """The knowledge base has errors; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} error(s) in the knowledge base:\n{lines}")


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

    def review_date(self, fact: Fact) -> dt.date | None:
        """When the fact should be checked again: its ``review_after``, else ``as_of`` plus
        the base's ``review_after_days`` (None: never)."""
        if fact.review_after is not None:
            return fact.review_after
        days = self.settings.review_after_days
        return None if days is None else fact.as_of + dt.timedelta(days=days)

    def is_stale(self, fact: Fact, today: dt.date) -> bool:
        """True once the fact's review date (see :meth:`review_date`) has passed."""
        due = self.review_date(fact)
        return due is not None and today > due

    def sources_of(self, fact: Fact) -> list[Source]:
        """The fact's sources, in the order the fact lists them."""
        return [self.sources[key] for key in fact.sources]

    @property
    def question_count(self) -> int:
        return sum(len(f.questions) for f in self.facts)

    @property
    def synonym_count(self) -> int:
        return sum(len(v) for v in self.vocabulary.synonyms.values())

    def summary(self) -> str:
        """One line: how much the knowledge base holds."""
        return (
            f"{len(self.facts)} facts, {self.question_count} example questions, "
            f"{len(self.unknowns)} known unknowns, {self.synonym_count} synonyms, "
            f"{len(self.sources)} sources in {len(self.files)} file(s)"
        )


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class LoadedFile:
    """One knowledge file as it was read and validated (the service keeps a copy on disk)."""

    relative: str  # its path inside the knowledge folder, "/"-separated
    data: bytes
    empty: bool  # nothing but whitespace and comments


@dataclass(frozen=True)
class LoadedKnowledge:
    """A validated knowledge base and the files it was read from."""

    kb: KnowledgeBase
    files: tuple[LoadedFile, ...]


def _line_of(raw: Any, loc: Iterable[Any]) -> int:
    """The line of the deepest element of ``raw`` that ``loc`` (a field path) reaches."""
    line = getattr(raw, "line", 0)
    node = raw
    for part in loc:
        if isinstance(node, _yaml.LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, _yaml.LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _field_name(loc: Loc) -> str:
    """("synonyms", "season 2", 0) -> "synonyms['season 2'][0]" (a key YAML read as true or
    false is left out: the message quotes it as written)."""
    out = ""
    for part in loc:
        if isinstance(part, bool):
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        elif not out:
            out = str(part)
        else:
            out += f".{part}" if str(part).isidentifier() else f"[{str(part)!r}]"
    return out


def _source(raw: Any, loc: Loc, *, of_key: bool = False) -> str | None:
    """The text the value at ``loc`` (or its key) was written as in the file, if a scalar."""
    node = raw
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(node, _yaml.LineDict) and part in node:
            if last:
                return node.source(part, of_key=of_key)
            node = node[part]
        elif isinstance(node, _yaml.LineList) and isinstance(part, int) and part < len(node):
            if last:
                return node.source(part)
            node = node[part]
        else:
            return None
    return None


def _container(tp: Any) -> tuple[str, Any] | None:
    """("list", item type) or ("dict", value type) for a list or dict field, through
    Annotated and Optional; None for any other type."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _container(get_args(tp)[0])
    if origin in (Union, UnionType):
        present = [arg for arg in get_args(tp) if arg is not type(None)]
        return _container(present[0]) if len(present) == 1 else None
    if origin is list:
        return "list", get_args(tp)[0]
    if origin is dict:
        return "dict", get_args(tp)[1]
    return None


def _value_problems(
    raw: Any, loc: Loc, value: Any, tp: Any, allowed: list[str]
) -> Iterator[tuple[Loc, str]]:
    """Every problem of one value as ``tp``, in plain words: each item of a list and each key
    and value of a mapping on its own, so that all are reported, each with its line."""
    try:
        msgspec.convert(value, tp)
        return
    except msgspec.ValidationError as exc:
        text = str(exc)
    container = _container(tp)
    if _AT_PATH.search(text) and container is not None:  # the error is inside the value
        kind, inner = container
        if kind == "list" and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _value_problems(raw, (*loc, i), item, inner, allowed)
            return
        if kind == "dict" and isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    written = _source(raw, (*loc, key), of_key=True)
                    yield (*loc, key), plain.read_as(key, written) or "keys must be text"
                else:
                    yield from _value_problems(raw, (*loc, key), item, inner, allowed)
            return
    message = _AT_PATH.sub("", text)
    yield loc, plain.plain(message, value, _source(raw, loc), allowed)


def _literal_values(tp: Any) -> list[str]:
    """The allowed values of a Literal type (or of a Literal inside Optional)."""
    if get_origin(tp) is Literal:
        return [str(v) for v in get_args(tp)]
    return [v for arg in get_args(tp) for v in _literal_values(arg)]


@cache
def _fields(cls: type[_Entry]) -> dict[str, msgspec.structs.FieldInfo]:
    """The fields of ``cls`` that YAML may set, by name (msgspec works them out anew each call)."""
    return {f.name: f for f in msgspec.structs.fields(cls) if f.name not in _INTERNAL_FIELDS}


def _convert_whole(raw: Any, cls: type[E], extra: dict[str, Any] | None) -> E | None:
    """``raw`` as ``cls`` in one go (nearly every entry), or None if anything is wrong with it."""
    if not _fields(cls).keys() >= raw.keys():
        return None  # an unknown field, or an internal one written in the YAML
    try:
        return msgspec.convert(raw | extra if extra else raw, cls)
    except msgspec.ValidationError:
        return None


def _field_problems(raw: Any, cls: type[_Entry]) -> Iterator[tuple[Loc, str]]:
    """Every unknown, missing or invalid field of ``raw``, each field checked on its own."""
    fields = _fields(cls)
    for key in raw:
        if key not in fields:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield (key,), f"unknown field{hint}; allowed: {', '.join(fields)}"
    for name, info in fields.items():
        if name not in raw:
            if info.required:
                yield (name,), "required field is missing"
            continue
        yield from _value_problems(raw, (name,), raw[name], info.type, _literal_values(info.type))


def convert(
    raw: Any, cls: type[E], file: str, what: str, extra: dict[str, Any] | None = None
) -> tuple[E | None, list[Problem]]:
    """Validate one YAML mapping as ``cls``, reporting every problem, each with its line.

    msgspec checks the types and constraints. An entry it accepts in one go only gets the
    checks beyond types; otherwise each field is checked on its own so that one entry with
    three mistakes gets three messages, not one.
    """
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(
            Problem(file, _line_of(raw, loc), f"{what} field '{_field_name(loc)}'", message)
        )

    obj = _convert_whole(raw, cls, extra)
    if obj is None:
        for loc, message in _field_problems(raw, cls):
            add(loc, message)
        if problems:
            return None, problems
        fields = _fields(cls)
        obj = msgspec.convert({k: v for k, v in raw.items() if k in fields} | (extra or {}), cls)
    for loc, message in obj.problems():
        add(loc, message)
    return (None if problems else obj), problems


class _Collector:
    """Accumulates the parsed pieces of every file and the problems found on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.facts: list[Fact] = []
        self.unknowns: list[Unknown] = []
        self.sources: dict[str, tuple[Source, str, int]] = {}
        self.vocab_parts: list[tuple[Vocabulary, str, int]] = []
        self.removed: dict[str, tuple[str, int]] = {}
        # entry id -> [(question, file, line)] from ``examples:``
        self.examples: dict[str, list[tuple[str, str, int]]] = {}
        self.settings: list[tuple[KnowledgeSettings, str, int]] = []
        self.files: list[str] = []
        self.loaded: list[LoadedFile] = []

    def error(self, file: str, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))

    def read_file(self, file: KnowledgeFile, label: str, data: bytes | None = None) -> None:
        """Read and validate one file (``data``: its content as it would be, not as it is)."""
        self.files.append(label)
        try:
            if data is None:
                data = read_bytes(file)
            text = as_text(data)
        except TooBigError as exc:
            self.error(label, 0, "", str(exc))
            return
        except UnicodeDecodeError as exc:
            self.error(
                label,
                0,
                "",
                f"is not UTF-8 text (byte {exc.start + 1} cannot be read): save it as UTF-8",
            )
            return
        except OSError as exc:  # its strerror, not str(exc): that holds the server's full path
            self.error(label, 0, "", f"cannot read file: {exc.strerror or type(exc).__name__}")
            return
        doc = self._parse(text, label)
        self.loaded.append(LoadedFile(file.relative, data, empty=doc is None))
        if doc is not None:
            self._read_doc(doc, label)

    def _parse(self, text: str, label: str) -> Any:
        try:
            return _yaml.load(text)  # None for an empty file (e.g. a topic file just created)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            problem = exc.problem or "invalid YAML"
            self.error(label, line, "YAML syntax", f"{problem} {exc.context or ''}".strip())
        except yaml.YAMLError as exc:
            self.error(label, 0, "YAML syntax", str(exc))
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
        self._read_entries(doc, "facts", label, Fact, self.facts)
        self._read_entries(doc, "unknowns", label, Unknown, self.unknowns)
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
            for i, question in enumerate(questions):
                q_line = questions.item_lines[i]
                if not isinstance(question, str) or not question.strip():
                    message = plain.read_as(question, questions.source(i))
                    self.error(
                        label, q_line, f"{where}[{i}]", message or "must be a question (text)"
                    )
                    continue
                for _, message in _phrase_problems("questions", [question]):
                    self.error(label, q_line, f"{where}[{i}]", message)
                self.examples.setdefault(ident, []).append((question, label, q_line))

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
                continue
            src, problems = convert(raw, Source, label, f"source '{key}'", {"key": key})
            self.problems.extend(problems)
            if src is not None:
                self.sources[key] = (src, label, line)

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
            self.vocab_parts.append((vocab, label, line))


def _merge_numbered(col: _Collector) -> dict[str, list[str]]:
    """The numbered terms of every vocabulary part; a way of writing one listed under two
    terms is an error."""
    numbered: dict[str, list[str]] = {}
    owner: dict[str, tuple[str, str, int]] = {}  # a spelling, as cleaned -> its term
    for vocab, label, line in col.vocab_parts:
        for term, spellings in vocab.numbered.items():
            numbered.setdefault(term, []).extend(spellings)
            name = one_word(term)
            for spelling in (term, *spellings):
                word = one_word(spelling)
                prev = owner.get(word) if word else None
                if prev and prev[0] != name:
                    col.error(
                        label,
                        line,
                        f"vocabulary numbered term '{spelling}'",
                        f"listed under both '{prev[0]}' and '{name}' "
                        f"(first at {prev[1]}:{prev[2]})",
                    )
                if word and name:
                    owner.setdefault(word, (name, label, line))
    return numbered


def _merge_vocabulary(col: _Collector) -> Vocabulary:
    numbered = _merge_numbered(col)
    terms = NumberedTerms(numbered)
    synonyms: dict[str, list[str]] = {}
    owner: dict[tuple[str, ...], tuple[str, str, int]] = {}  # normalised variant -> canonical
    lists: dict[str, list[str]] = {"topic_words": [], "other_shows": [], "filler": [], "frames": []}
    for vocab, label, line in col.vocab_parts:
        for canonical, variants in vocab.synonyms.items():
            synonyms.setdefault(canonical, []).extend(variants)
            for phrase in (canonical, *variants):
                norm = tuple(normalise_phrase(phrase, terms))
                prev = owner.get(norm)
                if prev and prev[0] != canonical:
                    col.error(
                        label,
                        line,
                        f"vocabulary synonym '{phrase}'",
                        f"listed under both '{prev[0]}' and '{canonical}' "
                        f"(first at {prev[1]}:{prev[2]})",
                    )
                owner.setdefault(norm, (canonical, label, line))
        for name in lists:
            lists[name].extend(getattr(vocab, name))
    return Vocabulary(synonyms=synonyms, numbered=numbered, **lists)


def _merge_settings(col: _Collector) -> KnowledgeSettings:
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


def _merge_examples(col: _Collector) -> dict[tuple[str, str], tuple[str, int]]:
    """Add the questions under ``examples:`` to their entries; where each came from."""
    if not col.examples:
        return {}
    taught: dict[tuple[str, str], tuple[str, int]] = {}
    _add_examples(col, col.facts, taught)
    _add_examples(col, col.unknowns, taught)
    known = {f.id for f in col.facts} | {u.id for u in col.unknowns}
    for ident, extra in col.examples.items():
        if ident not in known:
            _, label, line = extra[0]
            close = difflib.get_close_matches(ident, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            col.error(
                label,
                line,
                f"examples for '{ident}'",
                f"no fact or known unknown has the id '{ident}'{hint}",
            )
    return taught


_FactOrUnknown = TypeVar("_FactOrUnknown", Fact, Unknown)


def _add_examples(
    col: _Collector,
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
                if (entry.id, question) not in taught:
                    col.error(
                        label,
                        line,
                        f"examples for '{entry.id}'",
                        f"{question!r} is already an example of '{entry.id}' "
                        f"({entry.file}:{entry.line})",
                    )
                continue
            questions.append(question)
            taught[(entry.id, question)] = (label, line)
        entries[i] = msgspec.structs.replace(entry, questions=questions)


def _cross_checks(
    col: _Collector, numbered: NumberedTerms, taught: dict[tuple[str, str], tuple[str, int]]
) -> None:
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
    asked: dict[tuple[str, ...], tuple[str, str]] = {}
    # The questions written with the entries first, then those added under ``examples:``, so
    # that a clash is reported where the example was added (a teaching, usually).
    pairs = [(e, q) for e in entries for q in e.questions]
    if taught:
        pairs.sort(key=lambda pair: (pair[0].id, pair[1]) in taught)
    keys = _question_keys([q for _, q in pairs], numbered)
    for (entry, q), asked_as in zip(pairs, keys, strict=True):
        ident = entry.id
        prev_q = asked.setdefault(asked_as, (ident, q))  # the first one stays
        if prev_q[0] != ident:
            file, line = taught.get((ident, q), (entry.file, entry.line))
            col.error(
                file,
                line,
                f"'{entry.id}' question {q!r}",
                f"the same question is also an example of '{prev_q[0]}' ({prev_q[1]!r})",
            )
    for fact in col.facts:
        for key in fact.sources:
            if key not in col.sources:
                known = ", ".join(sorted(col.sources)) or "none defined"
                col.error(
                    fact.file,
                    fact.line,
                    f"fact '{fact.id}' field 'sources'",
                    f"unknown source '{key}' (known: {known})",
                )


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


def _sorted(problems: list[Problem]) -> list[Problem]:
    """By file, then line (the folder's own problems first)."""
    return sorted(problems, key=lambda p: (p.file, p.line))


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
    col = _Collector()
    for refusal in [*links, *too_big]:
        col.error(_inside_folder(refusal.path, root), 0, "", refusal.message)
    total = sum(f.size for f in found)
    if total > MAX_TOTAL_BYTES:  # checked before reading anything
        col.error(
            FOLDER,
            0,
            "",
            f"the knowledge files add up to {megabytes(total)}; together they may be at most "
            f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB",
        )
        raise KnowledgeBaseError(_sorted(col.problems))
    for file in files:
        data = candidate[1] if candidate and file.relative == candidate[0] else None
        col.read_file(file, file.relative, data)
    vocabulary = _merge_vocabulary(col)
    settings = _merge_settings(col)
    taught = _merge_examples(col)
    _cross_checks(col, NumberedTerms(vocabulary.numbered), taught)
    if not col.facts and not col.problems:
        col.error(FOLDER, 0, "", "the knowledge base holds no facts")
    if col.problems:
        raise KnowledgeBaseError(_sorted(col.problems))
    kb = KnowledgeBase(
        facts=tuple(col.facts),
        unknowns=tuple(col.unknowns),
        sources={k: v[0] for k, v in col.sources.items()},
        vocabulary=vocabulary,
        files=tuple(col.files),
        removed=col.removed,
        settings=settings,
        taught=taught,
    )
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


def stale_reason(kb: KnowledgeBase, fact: Fact) -> str:
    """Why a fact is due for review, in plain words."""
    if fact.review_after is not None:
        return f"review_after {fact.review_after} has passed"
    return (
        f"as_of {fact.as_of} is more than {kb.settings.review_after_days} days ago "
        "(review_after_days in settings)"
    )
