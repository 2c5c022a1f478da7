"""The entries of the knowledge base as typed, frozen objects (pure: no Discord).

:class:`Fact`, :class:`Unknown` (a known unknown), :class:`Source`, :class:`Vocabulary` and
:class:`KnowledgeSettings` are what the top-level keys of a knowledge file hold (see
:mod:`bot.knowledge`). msgspec checks their types and constraints; each entry's
:meth:`~Entry.problems` makes the checks beyond types (a question with no words the matcher
can use, a frame with '...' at its start). :mod:`bot._conversion` turns what either finds into
plain words with the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

import msgspec

from bot import _fastpath
from bot.cleaning import clean
from bot.frames import GAP, frame_words
from bot.numbered_terms import one_word
from bot.text import stem, words
from bot.word_classes import NUMBER_WORDS, ORDINALS, QUESTION_WORDS, STOPWORDS

# An answer is sent as one Discord message together with its status and source line; Discord
# allows 2,000 characters per message (4,096 per embed description), so keep room for those.
MAX_ANSWER_CHARS = 1_500
MAX_QUESTION_CHARS = 300
STATUSES = ("official", "reported", "hinted")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

MAX_ID_CHARS = 64  # ids travel in Discord buttons' custom_id (100 characters in all)
Id = Annotated[
    str,
    msgspec.Meta(
        pattern=ID_PATTERN, max_length=MAX_ID_CHARS, description="lowercase words joined by hyphens"
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Loc = tuple[str | int, ...]


class Entry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What every kind of entry shares: frozen, and no field that is not declared."""

    def problems(self) -> Iterator[tuple[Loc, str]]:
        """Checks beyond types: (field path, message) for each problem."""
        return iter(())


E = TypeVar("E", bound=Entry)


def _phrases_fine(values: list[str]) -> bool:
    """True if phrase_problems finds nothing, as it nearly never does: one pass settles it."""
    return _fastpath.all_have_words(values) and (
        not values or max(map(len, values)) <= MAX_QUESTION_CHARS
    )


def phrase_problems(name: str, values: list[str]) -> Iterator[tuple[tuple[str, int], str]]:
    """Each of ``values`` (questions, keywords...) too long or with no words the matcher can use."""
    if _phrases_fine(values):
        return
    for i, value in enumerate(values):
        if len(value) > MAX_QUESTION_CHARS:
            yield (name, i), f"longer than {MAX_QUESTION_CHARS} characters"
        elif not _fastpath.has_words(value):
            yield (name, i), f"{value!r} has no words the matcher can use"


# A source's url, as validate asks for it
_URL_EXAMPLE = "like https://www.example.com/article"


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a web address fans can open, in plain words; None if it is one.
    Only http(s): an ``ftp:``, ``file:`` or ``javascript:`` link has no place under an
    answer; a space, a quote or an angle bracket would end the link where Discord shows it."""
    if not re.match(r"https?://", url, re.IGNORECASE):
        return (
            f"{url!r} is not a web address: write it starting with https:// or http:// "
            f"({_URL_EXAMPLE})"
        )
    if re.search(r"[\s<>\"]", url):
        return (
            f"{url!r} has a space, a quote or an angle bracket in it: write the address alone "
            f"({_URL_EXAMPLE})"
        )
    try:
        host = urlsplit(url).hostname
    except ValueError:  # ("http://[::1": an address of brackets left open)
        host = None
    if not host:
        return f"{url!r} names no site after the //: write the whole address ({_URL_EXAMPLE})"
    return None


class Source(Entry, frozen=True, kw_only=True):
    """An article a fact comes from."""

    key: str = ""
    title: Text
    date: dt.date
    outlet: Text | None = None
    url: Text | None = None

    def problems(self) -> Iterator[tuple[Loc, str]]:
        if self.url is not None and (problem := url_problem(self.url)) is not None:
            yield ("url",), problem

    def citation(self) -> str:
        """One-line citation: outlet, “title”, date, and the url in angle brackets, which
        Discord shows as a link without a preview card of the article."""
        url = f" <{self.url}>" if self.url else ""
        return f"{self._outlet()}“{self.title}” ({self.date.isoformat()}){url}"

    def linked_citation(self) -> str:
        """The citation in Discord's markdown (an embed's): the title a link to the url."""
        if not self.url:
            return self.citation()
        # (brackets in the title would end the link's text, parentheses in the url its
        # address: both escaped, the address as the same address)
        title = re.sub(r"([\[\]])", r"\\\1", self.title)
        url = self.url.replace("(", "%28").replace(")", "%29")
        return f"{self._outlet()}[“{title}”]({url}) ({self.date.isoformat()})"

    def _outlet(self) -> str:
        return f"{self.outlet}, " if self.outlet else ""


class Fact(Entry, frozen=True, kw_only=True):
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
            # (its three lists in one look: each is fine exactly when all of them are)
            and _phrases_fine([*self.questions, *self.keywords, *self.requires])
            and (self.review_after is None or self.review_after > self.as_of)
        ):
            return iter(())  # nearly every fact, settled without generators
        return self._problems()

    def _problems(self) -> Iterator[tuple[Loc, str]]:
        if not self.answer.strip():
            yield ("answer",), "the answer is blank"
        for name in ("questions", "keywords", "requires"):
            yield from phrase_problems(name, getattr(self, name))
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


class Unknown(Entry, frozen=True, kw_only=True):
    """A question the sources cannot answer; matching it means "I don't know that yet"."""

    id: Id
    questions: Annotated[list[Text], msgspec.Meta(min_length=1)]
    keywords: list[Text] = []
    note: Text | None = None
    file: str = ""
    line: int = 0

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for name in ("questions", "keywords"):
            yield from phrase_problems(name, getattr(self, name))


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


def _function_word(phrase: str) -> str | None:
    """The function word (a stopword or a question word) a one-word phrase is; else None."""
    found = words(clean(phrase))
    if len(found) == 1 and (found[0] in STOPWORDS or found[0] in QUESTION_WORDS):
        return found[0]
    return None


def _function_synonym_message(phrase: str, under: str) -> str:
    """A function word listed as a way of writing a term of content ("out" under
    "release": "who stands out in the cast" was about the release); a function word's own
    spellings ("u" for "you") are fine."""
    return (
        f"{phrase!r} is a word nearly every question says: listed under {under!r} it would "
        'make them all about it; write it with the words fans say beside it ("be out", '
        'not "out")'
    )


class Vocabulary(Entry, frozen=True, kw_only=True):
    """Words the matcher treats specially; phrases are normalised like questions."""

    synonyms: dict[str, list[Text]] = {}
    topic_words: list[Text] = []
    other_shows: list[Text] = []
    filler: list[Text] = []
    numbered: dict[str, list[Text]] = {}  # "season": ["szn", "s"]: see bot.numbered_terms
    # frames of a question about something else than the base's facts ("which show", in a
    # base about one show), beside bot/data/general_frames.txt: see bot.frames.Frames
    frames: list[Text] = []

    def problems(self) -> Iterator[tuple[Loc, str]]:
        for name in ("topic_words", "other_shows", "filler"):
            yield from phrase_problems(name, getattr(self, name))
        for name in ("topic_words", "other_shows"):
            for i, phrase in enumerate(getattr(self, name)):
                if (said := _read_as_function_word(phrase)) is not None:
                    yield (name, i), _function_word_message(phrase, said, name.replace("_", " "))
        for canonical, variants in self.synonyms.items():
            for (_, i), message in phrase_problems("", [canonical, *variants]):
                loc: Loc = ("synonyms", canonical) if i == 0 else ("synonyms", canonical, i - 1)
                yield loc, message
            content = _function_word(canonical) is None
            for i, phrase in enumerate(variants):
                if (said := _read_as_function_word(phrase)) is not None:
                    yield (
                        ("synonyms", canonical, i),
                        _function_word_message(phrase, said, repr(canonical)),
                    )
                elif content and _function_word(phrase) is not None:
                    yield ("synonyms", canonical, i), _function_synonym_message(phrase, canonical)
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


class KnowledgeSettings(Entry, frozen=True, kw_only=True):
    """Settings for the whole knowledge base (``settings:`` in any one file)."""

    # A fact without ``review_after`` is flagged as possibly out of date this many days after
    # its ``as_of`` date (None: never).
    review_after_days: Annotated[int, msgspec.Meta(ge=1, le=36_500)] | None = None
    # Everyday words of customer-service questions (bot/data/faq_synonyms.txt) read as the
    # base's own word of their group where the base uses one and not the word itself
    # ("reimburse" as the base's "refund"): see VocabularyTables.fill_in_synonyms. A base
    # whose words have other senses than a shop's or a clinic's turns it off.
    faq_synonyms: bool = True
