"""Numbered terms ("season 2", "s2", "second szn" -> ``season_2``), and phrases normalised (pure).

The terms are the show's, not English: a knowledge base's vocabulary lists them
(``numbered``), and :class:`NumberedTerms` folds each into one token; the number words and
ordinals they are written with are English (bot.word_classes). :func:`normalise_phrase`
gives the stemmed tokens of a short phrase with its terms folded, as vocabulary entries,
keywords and the loader's duplicate questions are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.cleaning import clean
from bot.text import stem, words
from bot.word_classes import NUMBER_WORDS, ORDINALS


class NumberedTerms:
    """Terms written with a number, each folded into one token: with ``{"season": ["szn",
    "s"]}`` (the vocabulary's ``numbered``), "season 2", "season two", "szn 2", "2nd season",
    "second szn", "s2" and "s 2" all become ``season_2``.

    A term or a spelling of two letters or more counts before a number (one or two digits,
    or a number word: number_words.txt) or after an ordinal (ordinals.txt); a spelling of one
    letter ("s") only before one or two digits. A term and its spellings are single words;
    the loader refuses others, and they are left out here.
    """

    def __init__(self, terms: Mapping[str, Iterable[str]] | None = None) -> None:
        self._words: dict[str, str] = {}  # a spelling (the term's own too) -> the term
        self._letters: dict[str, str] = {}  # ...of one letter
        for term, spellings in (terms or {}).items():
            name = one_word(term)
            if not name:
                continue
            for spelling in (term, *spellings):
                word = one_word(spelling)
                if word:
                    (self._letters if len(word) == 1 else self._words).setdefault(word, name)
        # The words that may begin a numbered term, and every word folding reads.
        self.starts = frozenset(self._words.keys() | self._letters.keys())
        if self._words:
            self.starts |= ORDINALS.keys()
        self.reads = self.starts | NUMBER_WORDS.keys() if self.starts else frozenset()
        # The tokens' beginnings ("season_"): a numbered term is a concept.
        terms_made = {*self._words.values(), *self._letters.values()}
        self.prefixes = tuple(sorted(f"{name}_" for name in terms_made))

    def fold(self, tokens: list[str]) -> list[str]:
        """The tokens with each numbered term folded into one: "szn", "two" -> "season_2"."""
        starts = self.starts
        if starts.isdisjoint(tokens):
            return tokens  # the common case: nothing to fold
        if (
            ORDINALS.keys().isdisjoint(tokens)
            and NUMBER_WORDS.keys().isdisjoint(tokens)
            and not any(map(str.isdecimal, tokens))
        ):
            return tokens  # a term with no number after it and no ordinal before it
        spelled, letters = self._words, self._letters
        out: list[str] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            if tok not in starts:
                out.append(tok)  # most words begin no numbered term
                i += 1
                continue
            nxt = tokens[i + 1] if i + 1 < n else ""
            number = NUMBER_WORDS.get(nxt, nxt)
            # isdecimal, not isdigit: "❸" or "²" pass isdigit() but int() refuses them
            if (
                tok in spelled
                and number.isdecimal()
                and len(number) <= 2
                # "ballard one of connelly's creations": "one of" after another word for
                # the term is the pronoun ("season one of ballard" is still season 1)
                and not (
                    nxt == "one" and i + 2 < n and tokens[i + 2] == "of" and spelled[tok] != tok
                )
            ):
                out.append(f"{spelled[tok]}_{int(number)}")
                i += 2
            elif tok in ORDINALS and nxt in spelled:
                out.append(f"{spelled[nxt]}_{ORDINALS[tok]}")
                i += 2
            elif tok in letters and nxt.isdecimal() and len(nxt) <= 2:
                out.append(f"{letters[tok]}_{int(nxt)}")
                i += 2
            else:
                out.append(tok)
                i += 1
        return out


def one_word(text: str) -> str | None:
    """The one word of letters ``text`` is, as cleaned ("Season" -> "season"), or None."""
    found = words(clean(text))
    return found[0] if len(found) == 1 and found[0].isalpha() else None


NO_NUMBERED_TERMS = NumberedTerms()


def normalise_phrase(text: str, numbered: NumberedTerms = NO_NUMBERED_TERMS) -> list[str]:
    """The stemmed tokens of a short phrase, as used for vocabulary entries and keywords, and
    for the loader's duplicate questions: its words, numbered terms folded, stemmed."""
    return normalise_words(words(clean(text)), numbered)


def normalise_words(found: list[str], numbered: NumberedTerms = NO_NUMBERED_TERMS) -> list[str]:
    """:func:`normalise_phrase` of a phrase whose words are ``found``."""
    return list(map(stem, numbered.fold(found)))
