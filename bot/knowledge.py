"""Load and validate the YAML knowledge base into typed, frozen objects (pure: no Discord).

A knowledge path is a directory of ``*.yaml`` files (or one file). Each file is a mapping with
any of these top-level keys, merged across files:

``facts``       answers fans can get, each with example questions, sources and dates;
``unknowns``    questions fans ask that the sources cannot answer yet ("how many episodes"):
                the bot says it does not know instead of offering the nearest fact;
``sources``     the articles facts come from, by key;
``vocabulary``  synonyms, topic words, other shows' names and chat filler for the matcher.

Every problem is collected (not just the first) and names the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic import Strict as _Strict

from bot import _yaml
from bot.text import normalise_phrase

# An answer is sent as one Discord message together with its status and source line; Discord
# allows 2,000 characters per message (4,096 per embed description), so keep room for those.
MAX_ANSWER_CHARS = 1_500
MAX_QUESTION_CHARS = 300
STATUSES = ("official", "reported", "hinted")
TOP_LEVEL_KEYS = ("facts", "unknowns", "sources", "vocabulary")

Id = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Date = Annotated[dt.date, _Strict()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_phrases(values: list[str], limit: int = MAX_QUESTION_CHARS) -> list[str]:
    for value in values:
        if len(value) > limit:
            raise ValueError(f"{value[:40]!r}... is longer than {limit} characters")
        if not normalise_phrase(value):
            raise ValueError(f"{value!r} has no words the matcher can use")
    return values


class Source(_Model):
    """An article a fact comes from."""

    key: Id
    title: Text
    date: Date
    outlet: Text | None = None
    url: Text | None = None

    def citation(self) -> str:
        """One-line citation: outlet, “title”, date."""
        outlet = f"{self.outlet}, " if self.outlet else ""
        return f"{outlet}“{self.title}” ({self.date.isoformat()})"


class Fact(_Model):
    """One answer with the example questions that should lead to it."""

    id: Id
    answer: Annotated[Text, StringConstraints(max_length=MAX_ANSWER_CHARS)]
    questions: Annotated[list[Text], Field(min_length=1)]
    keywords: list[Text] = []
    requires: list[Text] = []
    sources: Annotated[list[Id], Field(min_length=1)]
    as_of: Date
    status: Literal["official", "reported", "hinted"]
    review_after: Date | None = None
    file: str = ""
    line: int = 0

    _phrases = field_validator("questions", "keywords", "requires")(_check_phrases)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Fact:
        if self.review_after is not None and self.review_after <= self.as_of:
            raise ValueError("review_after must be later than as_of")
        return self

    @property
    def title(self) -> str:
        """The first example question, shown on "did you mean" buttons and in /facts."""
        q = self.questions[0].strip()
        return q[0].upper() + q[1:] + ("" if q.endswith("?") else "?")

    def is_stale(self, today: dt.date) -> bool:
        """True once ``review_after`` has passed: the answer may be out of date."""
        return self.review_after is not None and today > self.review_after


class Unknown(_Model):
    """A question the sources cannot answer; matching it means "I don't know that yet"."""

    id: Id
    questions: Annotated[list[Text], Field(min_length=1)]
    keywords: list[Text] = []
    note: Text | None = None
    file: str = ""
    line: int = 0

    _phrases = field_validator("questions", "keywords")(_check_phrases)


class Vocabulary(_Model):
    """Words the matcher treats specially; phrases are normalised like questions."""

    synonyms: dict[Text, list[Text]] = {}
    topic_words: list[Text] = []
    other_shows: list[Text] = []
    filler: list[Text] = []

    _lists = field_validator("topic_words", "other_shows", "filler")(_check_phrases)

    @field_validator("synonyms")
    @classmethod
    def _synonyms(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for canonical, variants in value.items():
            _check_phrases([canonical, *variants])
        return value


@dataclass(frozen=True)
class Problem:
    """One validation error or warning, located in a file."""

    file: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        return f"{loc}: {self.where}: {self.message}" if self.where else f"{loc}: {self.message}"


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

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id (KeyError if none)."""
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

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


def _yaml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _line_of(raw: Any, loc: Iterable[Any]) -> int:
    """The line of the deepest element of ``raw`` that ``loc`` (a pydantic error path) reaches."""
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


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _validation_problems(
    err: ValidationError, raw: Any, file: str, what: str, extra_loc: tuple = ()
) -> Iterator[Problem]:
    for e in err.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = "unknown field (a typo?)"
        elif e["type"] == "missing":
            msg = "required field is missing"
        elif e["type"] == "string_type":
            msg = f"{msg}, got {type(e['input']).__name__} {e['input']!r} (put it in quotes)"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        name = _field_name(extra_loc + loc) or "(entry)"
        yield Problem(file, _line_of(raw, loc), f"{what} field '{name}'", msg)


class _Collector:
    """Accumulates the parsed pieces of every file and the problems found on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.facts: list[Fact] = []
        self.unknowns: list[Unknown] = []
        self.sources: dict[str, tuple[Source, str, int]] = {}
        self.vocab_parts: list[tuple[Vocabulary, str, int]] = []
        self.files: list[str] = []

    def error(self, file: str, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))

    def read_file(self, path: Path, label: str) -> None:
        self.files.append(label)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(label, 0, "", f"cannot read file: {exc}")
            return
        try:
            doc = _yaml.load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            problem = exc.problem or "invalid YAML"
            self.error(label, line, "YAML syntax", f"{problem} {exc.context or ''}".strip())
            return
        except yaml.YAMLError as exc:
            self.error(label, 0, "YAML syntax", str(exc))
            return
        if doc is None:
            return  # an empty file is allowed (e.g. a topic file an admin just created)
        if not isinstance(doc, dict):
            self.error(label, 1, "", "the file must be a mapping with keys " + ", ".join(TOP_LEVEL_KEYS))
            return
        for key in doc:
            if key not in TOP_LEVEL_KEYS:
                self.error(label, doc.key_lines.get(key, 0), f"top-level key '{key}'",
                           "unknown key (expected one of: " + ", ".join(TOP_LEVEL_KEYS) + ")")
        self._read_entries(doc, "facts", label, Fact, self.facts)
        self._read_entries(doc, "unknowns", label, Unknown, self.unknowns)
        self._read_sources(doc, label)
        self._read_vocabulary(doc, label)

    def _read_entries(self, doc: Any, key: str, label: str, model: type, out: list) -> None:
        entries = doc.get(key)
        if entries is None:
            return
        if not isinstance(entries, list):
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
            data = {k: v for k, v in raw.items() if k not in ("file", "line")}
            for bad in set(raw) & {"file", "line"}:
                self.error(label, raw.key_lines[bad], f"{what} field '{bad}'", "unknown field")
            try:
                out.append(model.model_validate({**data, "file": label, "line": line}))
            except ValidationError as err:
                self.problems.extend(_validation_problems(err, raw, label, what))

    def _read_sources(self, doc: Any, label: str) -> None:
        sources = doc.get("sources")
        if sources is None:
            return
        if not isinstance(sources, dict):
            self.error(label, doc.key_lines.get("sources", 0), "'sources'",
                       "must be a mapping of key -> {title, date, outlet}")
            return
        for key, raw in sources.items():
            line = sources.key_lines.get(key, 0)
            if key in self.sources:
                _, other_file, other_line = self.sources[key]
                self.error(label, line, f"source '{key}'",
                           f"duplicate source key (also at {other_file}:{other_line})")
                continue
            if not isinstance(raw, dict):
                self.error(label, line, f"source '{key}'", "must be a mapping with title and date")
                continue
            try:
                src = Source.model_validate({**raw, "key": key})
            except ValidationError as err:
                self.problems.extend(_validation_problems(err, raw, label, f"source '{key}'"))
                continue
            self.sources[key] = (src, label, line)

    def _read_vocabulary(self, doc: Any, label: str) -> None:
        raw = doc.get("vocabulary")
        if raw is None:
            return
        line = doc.key_lines.get("vocabulary", 0)
        if not isinstance(raw, dict):
            self.error(label, line, "'vocabulary'", "must be a mapping")
            return
        try:
            self.vocab_parts.append((Vocabulary.model_validate(raw), label, line))
        except ValidationError as err:
            self.problems.extend(_validation_problems(err, raw, label, "vocabulary"))


def _merge_vocabulary(col: _Collector) -> Vocabulary:
    synonyms: dict[str, list[str]] = {}
    owner: dict[tuple[str, ...], tuple[str, str, int]] = {}  # normalised variant -> canonical
    lists: dict[str, list[str]] = {"topic_words": [], "other_shows": [], "filler": []}
    for vocab, label, line in col.vocab_parts:
        for canonical, variants in vocab.synonyms.items():
            synonyms.setdefault(canonical, []).extend(variants)
            for phrase in (canonical, *variants):
                norm = tuple(normalise_phrase(phrase))
                prev = owner.get(norm)
                if prev and prev[0] != canonical:
                    col.error(label, line, f"vocabulary synonym '{phrase}'",
                              f"listed under both '{prev[0]}' and '{canonical}' "
                              f"(first at {prev[1]}:{prev[2]})")
                owner.setdefault(norm, (canonical, label, line))
        for name in lists:
            lists[name].extend(getattr(vocab, name))
    return Vocabulary(synonyms=synonyms, **lists)


def _cross_checks(col: _Collector) -> None:
    seen: dict[str, Fact | Unknown] = {}
    for entry in [*col.facts, *col.unknowns]:
        prev = seen.get(entry.id)
        if prev is not None:
            col.error(entry.file, entry.line, f"id '{entry.id}'",
                      f"duplicate id (also at {prev.file}:{prev.line})")
        else:
            seen[entry.id] = entry
    asked: dict[tuple[str, ...], tuple[str, str]] = {}
    for entry in [*col.facts, *col.unknowns]:
        for q in entry.questions:
            norm = tuple(normalise_phrase(q))
            prev_q = asked.get(norm)
            if prev_q and prev_q[0] != entry.id:
                col.error(entry.file, entry.line, f"'{entry.id}' question {q!r}",
                          f"the same question is also an example of '{prev_q[0]}' ({prev_q[1]!r})")
            asked.setdefault(norm, (entry.id, q))
    for fact in col.facts:
        for key in fact.sources:
            if key not in col.sources:
                known = ", ".join(sorted(col.sources)) or "none defined"
                col.error(fact.file, fact.line, f"fact '{fact.id}' field 'sources'",
                          f"unknown source '{key}' (known: {known})")


def load_knowledge(path: str | Path) -> KnowledgeBase:
    """Load every YAML file under ``path``; raise :class:`KnowledgeBaseError` listing all errors."""
    root = Path(path)
    if not root.exists():
        raise KnowledgeBaseError([Problem(str(root), 0, "", "no such file or directory")])
    files = _yaml_files(root)
    if not files:
        raise KnowledgeBaseError([Problem(str(root), 0, "", "no .yaml files found")])
    col = _Collector()
    for file in files:
        col.read_file(file, str(file))
    vocabulary = _merge_vocabulary(col)
    _cross_checks(col)
    if not col.facts and not col.problems:
        col.error(str(root), 0, "", "the knowledge base holds no facts")
    if col.problems:
        raise KnowledgeBaseError(col.problems)
    return KnowledgeBase(
        facts=tuple(col.facts),
        unknowns=tuple(col.unknowns),
        sources={k: v[0] for k, v in col.sources.items()},
        vocabulary=vocabulary,
        files=tuple(col.files),
    )


# --------------------------------------------------------------------------------------------
# Warnings (reported by `validate`, never fatal)


def stale_facts(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """Facts whose ``review_after`` date has passed."""
    return [
        Problem(f.file, f.line, f"fact '{f.id}'",
                f"review_after {f.review_after} has passed: check the answer is still true")
        for f in kb.facts
        if f.is_stale(today)
    ]


_SIMILAR_QUESTIONS = 90.0  # rapidfuzz token_sort_ratio at which two facts' examples blur


def similar_questions(kb: KnowledgeBase, threshold: float = _SIMILAR_QUESTIONS) -> list[Problem]:
    """Example questions of different facts that are too alike for the matcher to tell apart."""
    from rapidfuzz import fuzz, process

    owners: list[tuple[Fact, str]] = []
    texts: list[str] = []
    for fact in kb.facts:
        for q in fact.questions:
            owners.append((fact, q))
            texts.append(" ".join(normalise_phrase(q)))
    problems = []
    for i, text in enumerate(texts):
        # Only later questions, so each pair is reported once.
        for _, score, j in process.extract(text, texts[i + 1 :], scorer=fuzz.token_sort_ratio,
                                           score_cutoff=threshold, limit=None):
            (fact_i, q_i), (fact_j, q_j) = owners[i], owners[i + 1 + j]
            if fact_i.id != fact_j.id:
                problems.append(Problem(
                    fact_j.file, fact_j.line, f"fact '{fact_j.id}'",
                    f"example {q_j!r} is very close to '{fact_i.id}' example {q_i!r} "
                    f"({score:.0f}% alike)"))
    return problems
