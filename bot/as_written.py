"""Whether a message says an example question or a name of a fact as its admin wrote it.

An admin's example question is the admin's word for what it asks: a message that is one,
word for word (whatever its case, spacing and closing marks) or with a typo in one or two
of its words, gets that fact, and so does a message saying one of a fact's names (its
examples of one word, its keywords of several) as written (pure; bot.matching asks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from operator import eq

from rapidfuzz.distance import OSA

from bot.cleaning import clean
from bot.index import Index, IndexEntry, digits, verbatim
from bot.outcomes import Scored
from bot.ranking import MAX_SUGGESTIONS
from bot.text import words
from bot.word_classes import QUESTION_WORDS, STOPWORDS

# A message of as many words as an example question, at least TYPED_MIN_WORDS, with a typo
# in at most TYPED_WORDS of them (and one word at least as written), is that example too
TYPED_MIN_WORDS = 2

TYPED_WORDS = 2

# A message as it is compared with names: its words, them without their one function word
# (or None), its digits (see name_forms).
Forms = tuple[str, str | None, str]

_SAID = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _said(text: str) -> tuple[str, ...]:
    """A message's or an example question's words as written, as AsWritten.is_example compares
    them (its case and punctuation aside)."""
    return tuple(_SAID.findall(text.casefold()))


@lru_cache(maxsize=16)
def _message_said(message: str) -> tuple[str, ...]:
    """_said of a message, read once however many facts it is compared with."""
    return _said(message)


@lru_cache(maxsize=16)
def _message_verbatim(message: str) -> str:
    """verbatim() of a message, worked out once however many facts it is compared with (a
    long one takes a while: 4 comparisons of a 500-word message, ~80 us each)."""
    return verbatim(message)


def _by_length(worded: Iterable[tuple[str, ...]]) -> dict[int, list[tuple[str, ...]]]:
    by: dict[int, list[tuple[str, ...]]] = {}
    for said in worded:
        if len(said) >= TYPED_MIN_WORDS:
            by.setdefault(len(said), []).append(said)
    return by


def _typed(said: tuple[str, ...], example: tuple[str, ...]) -> bool:
    """Whether words are an example's with a typo in one or two of them, the others the
    same. A typo is one letter added, dropped, changed or two swapped, in a word of three
    letters or more ("were can i wacth ballard"), never in a number ("season 2" is no typo
    of "season 3")."""
    same = sum(map(eq, said, example))  # (most examples differ in most words: a C loop)
    if not 0 < len(said) - same <= TYPED_WORDS or not same:
        return False
    differ = [(a, b) for a, b in zip(said, example, strict=True) if a != b]
    return all(
        a.isalpha() and b.isalpha() and max(len(a), len(b)) >= 3 and OSA.distance(a, b) == 1
        for a, b in differ
    )


def name_forms(message: str) -> Forms:
    """A message as its words are compared with names (see AsWritten.says_name): its words;
    them without their one function word ("is"), if they have exactly one; its digits."""
    said = words(clean(message))
    written = " ".join(said)
    kept = [w for w in said if w not in STOPWORDS or w in QUESTION_WORDS]
    bare = " ".join(kept) if len(kept) == len(said) - 1 else None
    if (
        len(said) > 2
        and said[0] in QUESTION_WORDS
        and said[1] in STOPWORDS
        and not STOPWORDS.intersection(said[2:])
    ):
        bare = " ".join(said[2:])  # "who is titus welliver": a question word, its verb, a name
    return written, bare, digits(written)


class AsWritten:
    """Compares messages with one base's examples and names as written (see Index)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._every_example: frozenset[str] | None = None  # see is_any_example
        # each entry's example questions as verbatim writes them, worked out when a message
        # is first compared with them (see is_example: at 10,000 facts, writing them all at
        # load took ~1.4 % of loading and indexing, for the few entries messages rank)
        self._verbatim: dict[int, frozenset[str]] = {}
        # each entry's example questions' words by how many there are, worked out when a
        # message is first compared with them (see is_example)
        self._worded: dict[int, dict[int, list[tuple[str, ...]]]] = {}

    def is_example(self, message: str, entry_id: str) -> bool:
        """Whether a message is one of the entry's example questions word for word (as
        `/faq teach` adds a fan's message), whatever its case and spacing, or with a typo in
        one or two of its words ("who ae the supporting actors", "s2 whee"): the admin's
        word for it, however a function word or a name is misspelt."""
        position = self.index.position[entry_id]
        entry = self.index.entries[position]
        if _message_verbatim(message) in self._verbatim_of(position, entry):
            return True
        if len(message) > self.index.longest_example:  # (no typo makes a question this long)
            return False
        worded = self._worded.get(position)
        if worded is None:
            worded = self._worded[position] = _by_length(_said(p) for _, _, p in entry.examples)
        said = _message_said(message)
        examples = worded.get(len(said))  # (most lengths have none: no generator made)
        return examples is not None and any(_typed(said, example) for example in examples)

    def _verbatim_of(self, position: int, entry: IndexEntry) -> frozenset[str]:
        """The entry's example questions as verbatim writes them (a message saying one word
        for word is that example)."""
        found = self._verbatim.get(position)
        if found is None:
            found = self._verbatim[position] = frozenset(
                map(verbatim, [phrase for _, _, phrase in entry.examples])
            )
        return found

    def is_any_example(self, message: str) -> bool:
        """Whether a message is some entry's example question word for word (the set of
        them is made when first needed: few messages are numbers only)."""
        if self._every_example is None:
            self._every_example = frozenset().union(
                *(self._verbatim_of(n, e) for n, e in enumerate(self.index.entries))
            )
        return verbatim(message) in self._every_example

    def names(self, written: str | None, entry_id: str, forms: Forms | None) -> bool:
        """Whether a message (as written, when it is short enough to be a name) names the
        entry (see says_name)."""
        return written is not None and self.says_name(written, entry_id, forms=forms)

    def says_name(
        self,
        message: str,
        entry_id: str,
        *,
        phrases: bool = False,
        forms: Forms | None = None,
    ) -> bool:
        """Whether a message, as written, is one of the entry's names (its examples of one
        word, its keywords of several or of one rare word: see Index.written), or it with a typo
        (a letter missing, added, changed or swapped for every 8; a name of one word of
        fewer than 8 letters only as written: "end" is not "ends", nor "play" "plays"; no
        number is a typo: "season 3" is not "season 2"). A name of several words may come
        with one function word ("is season 2 happening" says "season 2 happening").
        ``phrases``: names of several words only; ``forms``: the message's name_forms."""
        examples = self.index.written.get(entry_id)
        if not examples:
            return False
        written, bare, digits = forms or name_forms(message)
        for name in examples:
            if (phrases and not name.several) or name.digits != digits:
                continue
            typos = name.typos
            if OSA.distance(written, name.text, score_cutoff=typos) <= typos:
                return True
            if name.several and bare and OSA.distance(bare, name.text, score_cutoff=typos) <= typos:
                return True
        return False

    def said_first(
        self, ranked: list[Scored], written: str
    ) -> tuple[list[Scored], bool, Forms | None]:
        """The ranking with first the fact whose name of several words the message says
        (see says_name), when that is not the best-ranked fact but one of the next few:
        "season 2 happening?" names the renewal, though the plot's examples ("what happens
        in the next season") are closer to its stemmed words. (True: a fact was moved up;
        and the message's name_forms, if they were needed.)"""
        facts = [s for s in ranked if s.fact is not None][:MAX_SUGGESTIONS]
        if len(facts) < 2 or not any(s.entry_id in self.index.written for s in facts[1:]):
            return ranked, False, None  # (most messages: no name to compare with)
        forms = name_forms(written)
        for other in facts[1:]:  # (a fact it may name is among the closest)
            if self.says_name(written, other.entry_id, phrases=True, forms=forms):
                if self.says_name(written, facts[0].entry_id, forms=forms):
                    break  # the best-ranked fact has that name too
                return [other, *(s for s in ranked if s is not other)], True, forms
        return ranked, False, forms
