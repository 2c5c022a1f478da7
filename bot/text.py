"""Words, clauses and stems of cleaned text, read alike on both sides of a match (pure).

A message, or a knowledge base's text, is cleaned first (:mod:`bot.cleaning`); this module
reads the cleaned text: its clauses (:func:`clauses`), its words with contractions written
out (:func:`words`), their stems (:func:`stem`). Everything here is about English and
Discord, not about Ballard. The English it knows is data (bot/data/*.txt, read by
bot/wordlists.py; its word classes are :mod:`bot.word_classes`); the show's own vocabulary
(synonyms, misspelled names, other shows, numbered terms such as "season 2") lives in the
knowledge base's YAML: :mod:`bot.numbered_terms` folds the terms it is given,
:mod:`bot.lexicon` applies the rest. Beside this module, on the same words:
:mod:`bot.frames` (frames of a question about something else) and :mod:`bot.times` (the
days, months and years a text names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

from bot import wordlists
from bot.cleaning import CLEANED_KEPT, COLON_QUESTION, clean
from bot.word_classes import SAID_BEFORE, STOPWORDS, expand_contractions

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A word: letters, or a number ("14.85", "2nd"). Sentence and clause punctuation survives
# cleaning so that messages can be split into questions: a clause token is a word or a
# clause break, and a clause never holds ".", so its numbers have no decimals.
_WORD = re.compile(r"\d++(?:\.\d++)?(?:st|nd|rd|th)?(?![^\W\d_])|\d+|[^\W\d_]+")
# A clause break (kept by split) and a clause's words: a word never holds a break character,
# so a clause's words are found within it as in the whole text. A break is a run of
# ". ? ! ;" and newlines, or a comma before a space, but never a "." between two digits
# ("charged $1.55. can i get it back", "open till 5.30"): CLAUSE_BREAK_PLAIN. It is written
# to open with one set of characters: then the regex engine skips to the next of them
# quickly, instead of trying both alternatives at every character (3-4 times faster on long
# text; tests/test_text.py holds the two spellings equal).
CLAUSE_BREAK_PLAIN = r"(?:[?!;\n]|(?<!\d)\.|\.(?!\d))[.?!;\n]*|,(?=\s)"
_CLAUSE_BREAK = re.compile(r"([.?!;\n,](?:(?<=,)(?=\s)|(?<!,)(?:(?<!\d\.)|(?!\d))[.?!;\n]*))")
# words opening a relative clause after a comma (bot/data/relative_pronouns.txt)
_RELATIVES = wordlists.word_set("relative_pronouns.txt")
RELATIVE = "that"  # what such a word is read as: a relative pronoun that asks nothing
_CLAUSE_WORD = re.compile(r"[^\W\d_]+|\d++(?:st|nd|rd|th)?(?![^\W\d_])|\d+")
# words a relative clause does not say more about (a greeting, "ok", "guys", "question")
_NOT_NAMING = STOPWORDS | SAID_BEFORE

# A letter held for emphasis, three times or more in a row ("sooo", "lmaooo", "ughhh")
HELD_LETTERS = re.compile(r"([a-z])\1\1+")
# A laugh with its syllable repeated ("lolol", "hahahaha"; bot/data/laughs.txt), as written
# in the lists: the laugh, then its syllable again and again, maybe with its first letter
_LAUGHS = {
    laugh: re.compile(rf"{re.escape(laugh)}(?:{re.escape(syllable)})*{re.escape(syllable[0])}?")
    for laugh, syllable in wordlists.lines("laughs.txt")
}

_LAUGH_STARTS = tuple(_LAUGHS)  # (a word writes a laugh only if it starts with one)

_stemmer = snowballstemmer.stemmer("english")


# The recent words: chat's common ones stay; the rare ones of a long-running bot (65,536 held
# ~13 MB) are cheap to stem again. 16,384 still holds every word of a 10,000-fact base's
# index (~11,000: at 8,192 the index stemmed 6,500 words twice, ~30 ms).
@lru_cache(maxsize=16_384)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lowercase word; digits and joined tokens are left alone."""
    if not word.isalpha():
        return word
    return _stemmer.stemWord(word)


def fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut (for text
    shown back to people: problems, fans' questions)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def counted(n: int, word: str) -> str:
    """ "1 question", "3 questions": a count shown to people, with its noun."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def listed(names: Sequence[str], most: int) -> str:
    """ "a, b, c and 2 more": the first ``most`` names, the others counted."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def laugh(word: str) -> str | None:
    """The laugh of bot/data/laughs.txt that ``word`` writes with its syllable repeated
    ("lolol" -> "lol", "hahahah" -> "haha"), or None."""
    if not word.startswith(_LAUGH_STARTS):  # (nearly every word: one look)
        return None
    for written, pattern in _LAUGHS.items():
        if word.startswith(written) and len(word) > len(written) and pattern.fullmatch(word):
            return written
    return None


def clauses(cleaned: str) -> list[tuple[list[str], bool, bool]]:
    """The words of each clause of cleaned text (as :func:`words` finds them), whether the
    clause ends with "?", and whether it is an item of a list (";", which clean() also
    writes for a list's marks and for marks such as " • " or " / " between words, comes
    right before or after it: "rt score • nielsen ranking"). Clauses end at ". ? ! ;", a
    newline, a comma before a space, or a colon before a question starter ("two things: is
    bosch in it"; not "Bosch: Legacy"); a clause without words is left out. A clause
    written twice is read once: its two entries share one list, not to be changed."""
    out: list[tuple[list[str], bool, bool]] = []
    if ":" in cleaned:
        cleaned = COLON_QUESTION.sub("\n", cleaned)
    pieces = _CLAUSE_BREAK.split(cleaned)  # a clause, a break, a clause, ..., a clause
    last = len(pieces) - 1
    find = _CLAUSE_WORD.findall
    seen: dict[str, list[str]] = {}  # a clause written again is read once (the same list)
    found_in: list[list[str]] = []  # each clause's words (none: a space or an emoji alone)
    for piece in pieces[::2]:
        found = seen.get(piece)
        if found is None:
            found = seen[piece] = expand_contractions(find(piece))
        found_in.append(found)
    for at, found in enumerate(found_in):
        if found:
            i = at * 2
            after = _breaks_after(pieces, found_in, at) if i < last else ""
            before = _breaks_before(pieces, found_in, at) if i else ""
            if (
                out
                and found[0] in _RELATIVES
                and before == ","
                and out[-1][0][-1] not in _NOT_NAMING
                and out[-1][0][0] not in SAID_BEFORE  # (nor a clause they open: "hi sarah")
                and _stated(pieces, i)
            ):
                # "my partner, who is hard of hearing too." says more about the partner: one
                # clause, its relative pronoun read as "that" (no question word); not after
                # a greeting or a word of chat ("hi, who plays ballard.", "hi sarah, who
                # plays ballard.": a question)
                said, _, listed = out[-1]
                out[-1] = ([*said, RELATIVE, *found[1:]], "?" in after, listed or ";" in after)
                continue
            out.append((found, "?" in after, ";" in after or ";" in before))
    return out


def _breaks_after(pieces: list[str], found_in: list[list[str]], at: int) -> str:
    """The breaks after clause ``at`` (``pieces[2 * at]``) up to the next clause with words:
    "renewed? • cast list" is "renewed ? ; cast list", its "?" and its list's mark split by a
    space (the breaks only, without what lies between them). ``found_in``: each clause's
    words."""
    after = pieces[at * 2 + 1]
    for k in range(at + 1, len(found_in) - 1):
        if found_in[k]:
            break
        after += pieces[k * 2 + 1]
    return after


def _breaks_before(pieces: list[str], found_in: list[list[str]], at: int) -> str:
    """The breaks before clause ``at`` back to the clause with words before it (without what
    lies between them: a space, an emoji)."""
    before = pieces[at * 2 - 1]
    for k in range(at - 1, 0, -1):
        if found_in[k]:
            break
        before = pieces[k * 2 - 1] + before
    return before


def _stated(pieces: list[str], at: int) -> bool:
    """Whether the sentence holding the clause ``pieces[at]`` closes with "." or "!" (its
    first break that is not a comma), not with "?" nor with the end of the message."""
    for brk in pieces[at + 1 :: 2]:
        if brk.strip() != ",":
            return "?" not in brk and ("." in brk or "!" in brk)
    return False


def words(cleaned: str) -> list[str]:
    """The word and number tokens of cleaned text, contractions expanded."""
    return expand_contractions(_WORD.findall(cleaned))


@lru_cache(maxsize=CLEANED_KEPT)
def message_words(text: str) -> tuple[str, ...]:
    """:func:`words` of a text as sent, cleaned. (The last few are kept, as clean() keeps
    their cleaning: a message that gets nothing is read word by word by several of the
    matcher's steps, each from the message as sent; a 500-word flood takes ~0.2 ms each.)"""
    return tuple(words(clean(text)))


def word_spans(cleaned: str) -> list[re.Match[str]]:
    """The word and number tokens of cleaned text as found, with where each is (contractions
    as written)."""
    return list(_WORD.finditer(cleaned))


def is_number(token: str) -> bool:
    """True for tokens such as "14", "14.85"."""
    return token[:1].isdecimal() and _NUMBER.fullmatch(token) is not None


def load_common_words() -> dict[str, float]:
    """Common English words mapped to their Zipf frequency (see tools/make_common_words.py)."""
    return {
        word: float(zipf) for zipf, *group in wordlists.lines("common_words.txt") for word in group
    }
