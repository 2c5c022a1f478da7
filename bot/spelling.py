"""Spelling correction of fans' words towards the knowledge base's own words (pure).

:class:`Spelling` has one base's correction targets (its ``targets``: the words corrected
towards and the indexes over them, bot/correction_targets.py) and holds what it has corrected
so far;
:meth:`bot.lexicon.Lexicon.analyse` hands it each clause of a fan's message
(:meth:`Spelling.correct_clause`), and never the base's own text, which is read as written:

* a word that is neither known to the knowledge base nor common English is corrected with
  rapidfuzz (``magie`` -> ``maggie``, but ``cost`` never becomes ``cast``);
* a letter held for emphasis is let go (``sooo`` -> ``so``), a rare short word one letter
  from a function word is read as it (``hs`` -> ``has``), a clause's first word one letter
  from a question opener is read as it (``dose`` -> ``does``), and a chat spelling a word
  was corrected into is written out (``waht`` -> ``wat`` -> ``what``);
* an English word no text of the base uses is read as the base's word it is the doer in
  "-or" of, or the action of (``acting`` -> ``actors``);
* a word the base writes hyphened, or a question's opener, glued to the next word is read
  apart (``checkin``, ``whoplays``);
* before all that, a fan's texted spellings are written out (``b4``, ``how 2 watch``:
  :func:`bot.texting.written_out`) and two letters written in capitals kept as they are
  (:func:`bot.texting.abbreviations`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from itertools import islice, pairwise, product
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot import wordlists
from bot.correction_targets import MIN_CORRECTABLE_LEN, CorrectionTargets
from bot.reading import _RUNON_VERBS
from bot.text import HELD_LETTERS, laugh, message_words, stem
from bot.word_classes import (
    CONTRACTIONS,
    INTERJECTIONS,
    LEADERS,
    QUESTION_STARTERS,
    QUESTION_WORDS,
    STOPWORDS,
    expand_contractions,
)

# an everyday English word at least this common is a word of its own, never chat's "-in"
# for "-ing" ("thin" is no "thing")
CHAT_FORM_ZIPF = 4.3
# A clause's first word one letter from a question opener ("wha", "dd", "cas", "dose") is
# that opener, if it is rarer in English than this ("dose" 4.2; not "wow" 5.0 or "yo" 4.5)
# and neither a word of the base nor a chat spelling (see Spelling._opener).
OPENER_TYPO_ZIPF = 4.3
# a word no English list nor base knows, this long or longer, one letter from an English
# word is that word misspelt (shorter ones are function words' typos or chat spellings)
ENGLISH_TYPO_LEN = 4
MAX_REMEMBERED_LEN = 40  # no memo keeps a word longer than this
GLUED_REST_LEN = 2  # a question's opener glued to a word of at least this many letters
# Spelling corrections and word weights of fans' words remembered, at most; when a memo is
# full its older half is forgotten (see remember). Chat follows Zipf's law, so the common words
# come straight back; the rare ones are what made these memos grow all the time (~7 MB after
# 60,000 varied questions, towards ~25 MB at the earlier bound of 100,000 each). At 8,192 the
# matcher spends ~5 % more time on such a stream.
MAX_REMEMBERED_WORDS = 8_192

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V) -> None:
    """Store in a memo of at most MAX_REMEMBERED_WORDS entries: once it is full, the older
    half (the first stored) is forgotten, in place. A memo only saves work: what it forgets
    is worked out again, the same."""
    if len(memo) >= MAX_REMEMBERED_WORDS:
        for old in list(islice(memo, len(memo) // 2)):
            del memo[old]
    memo[key] = value


# Words a misspelt first word of a clause may stand for (see Spelling._opener): the question
# starters but those of bot/data/unguessed_openers.txt ("any", "am")
_OPENERS = tuple(sorted(QUESTION_STARTERS - wordlists.word_set("unguessed_openers.txt")))
_QUESTION_OPENERS = tuple(sorted(QUESTION_WORDS & QUESTION_STARTERS))
# ...and those a missed space may glue to the next word, longest first ("whoplays")
_GLUED_OPENERS = sorted(_OPENERS, key=len, reverse=True)
_ELONGATED = re.compile(r"([a-z])\1\1")  # a letter three times in a row
_MAX_HELD_RUNS = 4  # (a word with more runs of held letters is left as it is)
# Words a misspelt short word may stand for (see Spelling._function_word)
_FUNCTION_WORDS = tuple(sorted(w for w in STOPWORDS if len(w) > 1 and w.isalpha()))
_FUNCTION_WORD_SET = frozenset(_FUNCTION_WORDS)
# ...by the length of the words they may be one letter from
_FUNCTION_WORDS_BY_LEN = {
    n: tuple(w for w in _FUNCTION_WORDS if abs(len(w) - n) <= 1) for n in range(2, 5)
}
# the words before and after a hyphen ("check-in"): letters, with no letter or digit beside
_WORD_END = re.compile(r"(?<![^\W_])([^\W\d_]+)\Z")
_WORD_START = re.compile(r"([^\W\d_]+)(?![^\W_])")


def _opening(raw: list[str]) -> int:
    """Where a clause's words start after the leaders and interjections that open it."""
    at = 0
    while at < len(raw) and (raw[at] in LEADERS or raw[at] in INTERJECTIONS):
        at += 1
    return at if at < len(raw) else 0


class Spelling:
    """One knowledge base's spelling correction: its ``targets``, the words it corrects
    towards (the base's own, as written) and the indexes over them
    (bot.correction_targets.CorrectionTargets), and the corrections made so far."""

    def __init__(
        self, base_words: set[str], common_words: dict[str, float], no_content: Container[str]
    ) -> None:
        self.targets = CorrectionTargets(base_words, common_words, no_content)
        self._common = common_words
        self._glued: dict[str, tuple[str, str]] = {}  # see learn_compounds
        self._corrections: dict[str, str] = {}
        self._openers: dict[str, str | None] = {}  # see _opener

    def learn(self, words: Iterable[str]) -> None:
        """Make these words (those made of letters) spelling-correction targets: the words
        of the knowledge base's own text (see CorrectionTargets.learn)."""
        if self.targets.learn(words):
            # (the corrections made are out of date too)
            self._corrections.clear()
            self._openers.clear()

    def learn_compounds(self, texts: Iterable[str]) -> None:
        """Read a word the base writes hyphened as the base writes it when a message glues
        it ("checkin", "xray", "signup" for "check-in", "X-ray", "sign-up"), unless the base
        also uses the glued word itself. ``texts``: the base's own text."""
        # (split at the hyphens: a regular expression for two words around one tries every
        # letter of a large base's text, ~10 times slower)
        for before, after in pairwise("\n".join(texts).lower().split("-")):
            first = _WORD_END.search(before, max(0, len(before) - MAX_REMEMBERED_LEN))
            second = _WORD_START.match(after)
            if first and second:
                self._glued.setdefault(first[1] + second[1], (first[1], second[1]))

    def correct_clause(self, raw: list[str], kept: Container[str]) -> list[str]:
        """A clause of a fan's message (``raw``: its words) with each word corrected but those
        of ``kept`` (see bot.texting.abbreviations), a misspelt question opener first read as
        that opener, words glued together read apart, and contractions written out."""
        corrected = self._corrections.get
        fixed = [w if w in kept else corrected(w) or self.correct(w) for w in raw]
        # a misspelt opener, unless the base knows the word or corrects it into one of its
        # own ("si", not read as the function word "six"); after the leaders that open the
        # clause ("ok so wil you still see me": "will")
        at = _opening(raw)
        if (
            len(raw) - at > 2
            and fixed[at] not in QUESTION_STARTERS
            and (fixed[at] == raw[at] or fixed[at] in _FUNCTION_WORD_SET)
            and (opener := self._opener(raw[at]))
        ):
            fixed[at] = opener
        elif (
            len(raw) > 2
            and fixed[0] != raw[0]
            and fixed[0] in _RUNON_VERBS
            and fixed[1] in _RUNON_VERBS
            and (wh_word := self._question_word(raw[0]))
        ):
            # "wer can i wach it": not "were can…", two verbs in a row, but the question word
            # the typo is as near ("where can…")
            fixed[0] = wh_word
        glued = self._glued
        if glued and not glued.keys().isdisjoint(fixed):  # "checkin": "check in"
            own = self.targets.base_words
            fixed = [
                part for w in fixed for part in (glued[w] if w in glued and w not in own else (w,))
            ]
        # (a word corrected into a chat spelling is written out as that spelling typed would
        # be: "waht" -> "wat" -> "what")
        return expand_contractions(fixed)

    def correct(self, word: str) -> str:
        """The knowledge-base word a misspelled ``word`` stands for, or ``word`` itself."""
        targets = self.targets
        own = targets.base_words
        held = laugh(word)
        if held is not None:  # a laugh as long as it lasts: "lolol" is "lol"
            self._remember(word, held)
            return held
        if word in self._glued and word not in own:  # split in correct_clause
            self._remember(word, word)
            return word
        if word in INTERJECTIONS:  # chat, no typo: "oof" is not "off", "sheesh" not "shes"
            self._remember(word, word)
            return word
        if _ELONGATED.search(word) and word.isascii() and word not in own:
            # a letter held for emphasis: "sooo", "whyyy", "renewedddd"
            best = self._shortened(word)
            self._remember(word, best)
            return best
        zipf = self._common.get(word)
        if zipf is not None and word.endswith("in"):  # chat's dropped g: "goin", "doin"
            full = self._common.get(word + "g", 0.0)
            # (not a word as common as CHAT_FORM_ZIPF: "thin" is no "thing")
            return word + "g" if full > zipf + 1 and zipf < CHAT_FORM_ZIPF else word
        if word not in own and word in self._common and word.isalpha():
            related = targets.related_words().get(stem(word))
            if related is not None:
                self._remember(word, related)
                return related
        if (
            len(word) < MIN_CORRECTABLE_LEN
            or word in own
            or word in self._common
            or not (word.isalpha() and word.isascii())  # the base's words are cleaned ASCII
        ):
            # (a short or common word is no typo of the base's words; it may be one of a
            # function word: "th", "hs", "bee")
            best = word if word in own else self._function_word(word) or word
            self._remember(word, best)  # so that correct_clause finds it at once next time
            return best
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        hits = targets.near(word, 1 if len(word) <= 5 else 2)
        opened = None if hits else self._opener_glued(word)
        if opened is not None:  # "whoplays", "wherecan": split in correct_clause
            self._glued[word] = opened
            self._remember(word, word)
            return word
        best = word
        if hits:
            # Fewest edits first; then fewest letters moved (see _moves), then a kept first
            # letter, then the more common word.
            best = min(
                hits,
                key=lambda c: (
                    OSA.distance(word, c),
                    _moves(word, c),
                    c[0] != word[0],
                    -self._common.get(c, 0.0),
                    c,
                ),
            )
        elif word.endswith("in") and self._common.get(word + "g", 0.0):
            best = word + "g"  # a dropped g: "watchin", "comin"
        else:
            best = self._function_word(word) or self._english(word) or word
        self._remember(word, best)
        return best

    def _opener_glued(self, word: str) -> tuple[str, str] | None:
        """A question's opener glued to the word after it by a missed space ("whoplays",
        "wherecan", "isit"): the two words, when the rest is a word of the base or of
        everyday English of GLUED_REST_LEN letters or more; else None."""
        for opener in _GLUED_OPENERS:
            if word.startswith(opener):
                rest = word[len(opener) :]
                if len(rest) >= GLUED_REST_LEN and (
                    rest in self.targets.base_words or rest in self._common
                ):
                    return opener, rest
        return None

    def _english(self, word: str) -> str | None:
        """The everyday English word that a word of at least ENGLISH_TYPO_LEN letters, no
        English word and one letter from no word of the base, stands for misspelt by one
        letter ("reasn", "yesterdya", "wrapepd"), or None. No fact uses it either, but as a
        rare unknown word it weighed most of the message and sank a question whose intent
        is clear; read as what it stands for, it weighs as little as that word does. The
        nearest, by the same order as corrections."""
        if len(word) < ENGLISH_TYPO_LEN or not (word.isalpha() and word.isascii()):
            return None
        # (among the words of its first letter and a length one apart, as typos mostly keep
        # the first letter; and its first two letters swapped: "ilkely". Generating every
        # string one edit away and looking each up cost several times more, cold.)
        near = [
            w
            for w, _, _ in process.extract(
                word,
                self.targets.english_pools().get((word[0], len(word)), ()),
                scorer=OSA.distance,
                score_cutoff=1,
                limit=None,
            )
        ]
        swapped = word[1] + word[0] + word[2:]
        if swapped in self._common:
            near.append(swapped)
        return self._nearest(word, near) if near else None

    def _function_word(self, word: str) -> str | None:
        """The function word ("the", "has", "are"…) that a word no base uses stands for,
        misspelt by one letter, or None: for a word of 2 letters rarer in English than
        OPENER_TYPO_ZIPF and one letter from no word of the base ("hs", "ot"; not "tv",
        "uk" or "la", nor "ax", which may be "tax"), or of 3 or 4 letters that is no
        English word ("ahs", "teh"; not "owe", "isa"), and not a chat spelling. A
        function word weighs nothing, where the misspelt one weighed as a rare word that no
        fact explains. The nearest, by the same order as corrections."""
        zipf = self._common.get(word)
        if (
            not (word.isalpha() and word.isascii())
            or word in CONTRACTIONS
            or not (
                (len(word) == 2 and (zipf or 0.0) < OPENER_TYPO_ZIPF)
                or (len(word) in (3, 4) and zipf is None)
            )
        ):
            return None
        if len(word) == 2 and any(
            c not in _FUNCTION_WORD_SET and c not in CONTRACTIONS
            for c in self.targets.near(word, 1)
        ):
            return None  # as near a word of the base: "ax" may be "tax" as well as "as"
        pool = _FUNCTION_WORDS_BY_LEN.get(len(word), ())
        near = [
            w
            for w, _, _ in process.extract(
                word, pool, scorer=OSA.distance, score_cutoff=1, limit=None
            )
        ]
        return self._nearest(word, near) if near else None

    def _nearest(self, word: str, candidates: Iterable[str]) -> str:
        """Of words as near ``word`` as each other (one letter, mostly), the likeliest:
        fewest letters moved (see _moves), then a kept first letter, then the more common in
        English."""
        return min(
            candidates,
            key=lambda c: (_moves(word, c), c[0] != word[0], -self._common.get(c, 0.0), c),
        )

    def _shortened(self, word: str) -> str:
        """A word with a letter held for emphasis (three times or more) as it is written
        without: each such run kept once or twice, whichever makes a word of the base (or a
        function word) or else the commoner English word ("sooo" -> "so", "omggg" -> "omg",
        "pleeease" -> "please"); else the runs kept twice, corrected as any word."""
        pieces = HELD_LETTERS.split(word)  # text, held letter, text, held letter, text...
        texts, letters = pieces[0::2], pieces[1::2]
        if len(letters) > _MAX_HELD_RUNS:
            return word
        options = []
        for times in product((1, 2), repeat=len(letters)):
            out = [texts[0]]
            for letter, n, text in zip(letters, times, texts[1:], strict=True):
                out += [letter * n, text]
            options.append("".join(out))
        known = [w for w in options if w in self.targets.base_words]
        if known:
            return min(known, key=len)
        common = [w for w in options if w in self._common]
        if common:
            return max(common, key=lambda w: (self._common[w], -len(w)))
        return self.correct(options[-1])

    def _question_word(self, word: str) -> str | None:
        """The question word ("where", "what"…) a misspelt word is one or two letters from
        ("wer"), the nearest by the same order as spelling correction's, or None."""
        near = {o: OSA.distance(word, o, score_cutoff=2) for o in _QUESTION_OPENERS}
        nearest = min(near.values())
        if nearest > 2:
            return None
        return self._nearest(word, (o for o, d in near.items() if d == nearest))

    def _opener(self, word: str) -> str | None:
        """The question opener ("what", "did", "can"…) that the first word of a clause of
        three words or more stands for, misspelt by one letter ("wha is ballard about", "dd
        it do well", "cas i stream it", "dose bosch show up"), or None. Not a word of the
        base, a chat spelling, an interjection ("whoa") or an English word as common as
        OPENER_TYPO_ZIPF ("wow", "so", "now" start sentences of their own); the nearest
        opener, by the same order as spelling correction's, then the commoner."""
        found = self._openers.get(word, "")
        if found != "":
            return found
        best = None
        if (
            len(word) > 1
            and word.isalpha()
            and word.isascii()
            and word not in self.targets.base_words
            and word not in CONTRACTIONS
            and word not in INTERJECTIONS  # ("whoa where can i watch it": not "who")
            and self._common.get(word, 0.0) < OPENER_TYPO_ZIPF
        ):
            near = [o for o in _OPENERS if OSA.distance(word, o, score_cutoff=1) <= 1]
            if near:
                best = self._nearest(word, near)
        if len(word) <= MAX_REMEMBERED_LEN:
            remember(self._openers, word, best)
        return best

    def unswapped(self, text: str) -> str | None:
        """The text with each everyday English word that is no word of the base but two
        neighbouring letters swapped of exactly one ("who is in the *cats* of ballard": the
        *cast*), read as that word; None when it has none. Spelling correction never touches
        a real word (`correct`): this is for a message in which nothing else was found."""
        swaps: dict[str, str] = {}
        own = self.targets.base_words
        for word in set(message_words(text)):
            if (
                len(word) < MIN_CORRECTABLE_LEN
                or word in own
                or word not in self._common
                or not (word.isalpha() and word.isascii())
            ):
                continue
            hits = [
                w
                for w in self.targets.anagrams().get("".join(sorted(word)), ())
                if OSA.distance(word, w) == 1
            ]
            if len(hits) == 1:
                swaps[word] = hits[0]
        return _read_as(text, swaps)  # (a word cleaning changed, "cäts", is left as it is)

    def sound_alike(self, text: str) -> str | None:
        """The text with each everyday word that no text of the base uses read as the word
        of the base it sounds like ("are pets *aloud* on board": *allowed*; see
        CorrectionTargets.confused_words); None when it has none. A real word is what it
        says as often as not: this is for a message that got no answer as it was typed."""
        confused = self.targets.confused_words()  # (none of them a word the base uses)
        swaps = {w: confused[w] for w in set(message_words(text)) if w in confused}
        return _read_as(text, swaps)

    def _remember(self, word: str, best: str) -> None:
        # Bounded in count and word length: fans' junk must not grow it without limit.
        if len(word) <= MAX_REMEMBERED_LEN:
            remember(self._corrections, word, best)


def _read_as(text: str, swaps: dict[str, str]) -> str | None:
    """The text with each word of ``swaps`` (a cleaned word: its reading) read so, whatever
    its case, or None when that changes nothing (Spelling.unswapped, Spelling.sound_alike)."""
    if not swaps:
        return None
    found = re.compile(r"\b(" + "|".join(map(re.escape, swaps)) + r")\b", re.IGNORECASE)
    read = found.sub(lambda m: swaps[m[0].lower()], text)
    return read if read != text else None


def _moves(word: str, other: str) -> float:
    """How far a typo moved ``other`` into ``word``: the letters dropped or added between
    them (Indel), but one for two neighbouring letters swapped, which keeps every letter
    ("lsit" is "list" more likely than "lit"), and one and a half for a letter the typo
    added ("baed" is "based" more likely than "bad": a dropped letter is the commonest
    typo)."""
    moved = Indel.distance(word, other)
    if moved == 2 and len(word) == len(other) and sorted(word) == sorted(other):
        return 1  # (one edit apart, same letters: a swap)
    if moved == 1 and len(other) < len(word):
        return 1.5  # a letter added by the typo
    return moved
