"""A fan's texted spellings written out, and abbreviations kept, before correction (pure).

:meth:`bot.lexicon.Lexicon.analyse` reads a fan's whole message with these before any word
of it is corrected (bot/spelling.py): its texted spellings are written out (``b4``, ``how 2
watch``: :func:`written_out`, on the cleaned text) and two letters written in capitals kept
as they are (:func:`abbreviations`, on the text as written).
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot import wordlists

_TEXTING = wordlists.table("texting.txt")  # "b4" -> ("before",)
# A digit beside a letter as in some texted spelling ("b4", "2m"), in the cleaned (lowercase)
# text: looked for first, with a few substring scans in C, cheaper than any regular
# expression over a long text; most messages have none.
_TEXTED_PAIRS = frozenset(
    a + b for spelt in _TEXTING for a, b in pairwise(spelt) if a.isdigit() != b.isdigit()
)
# ...then the words holding both a digit and a letter, each looked up in texting.txt
_TEXTED = re.compile(r"\b(?=[a-z]*[0-9])(?=[0-9]*[a-z])[a-z0-9]+\b")


def _texted_digits() -> tuple[dict[str, str], dict[str, re.Pattern[str]]]:
    """bot/data/texted_digits.txt: the word each digit is texted for, and a pattern of the
    digit beside its words (group "before": the word before it, when that places it)."""
    said: dict[str, str] = {}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for digit, word, side, *beside in wordlists.lines("texted_digits.txt"):
        said[digit] = word
        (after if side == "after" else before).setdefault(digit, []).extend(beside)
    never = ["(?!)"]
    return said, {
        digit: re.compile(
            rf"\b(?:(?P<before>{'|'.join(after.get(digit, never))}) {digit}\b"
            rf"|\b{digit}(?= (?:{'|'.join(before.get(digit, never))})\b))"
        )
        for digit in said
    }


# A lone digit texted for a word ("how 2 watch", "any news 4 s2"), only beside the words
# listed for it; " 2 " and " 4 " are looked for first, as the pairs above are
_DIGIT_WORDS, _TEXTED_DIGITS = _texted_digits()


def _digit_word(found: re.Match[str]) -> str:
    """The word a lone texted digit stands for, after the word before it that placed it."""
    word = _DIGIT_WORDS[found[0][-1]]
    return f"{found['before']} {word}" if found["before"] else word


def _texted(found: re.Match[str]) -> str:
    """The word a texted spelling stands for (bot/data/texting.txt), or the word as typed."""
    spelt = _TEXTING.get(found[0])
    return found[0] if spelt is None else " ".join(spelt)


def written_out(cleaned: str) -> str:
    """A fan's cleaned text with its texted spellings written out: "b4", "2moro" as what
    they spell (bot/data/texting.txt), a lone digit texted for a word as that word ("how 2
    watch": "how to watch", bot/data/texted_digits.txt)."""
    if any(pair in cleaned for pair in _TEXTED_PAIRS) and not _TEXTING.keys().isdisjoint(
        _TEXTED.findall(cleaned)
    ):
        cleaned = _TEXTED.sub(_texted, cleaned)  # a fan's "b4", "2moro": what it spells
    for digit, where in _TEXTED_DIGITS.items():
        if f" {digit} " in cleaned:  # "how 2 watch": "how to watch"
            cleaned = where.sub(_digit_word, cleaned)
    return cleaned


_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_CAPITALS = re.compile(r"(?<![^\W\d_])[A-Z]{2}(?![^\W\d_])")  # "GP", not "GPs" or "aGP"


def abbreviations(text: str) -> set[str]:
    """The words of two letters a text writes in capitals ("GP", "ER"), lowercase: they are
    abbreviations, never typos; unless the whole text shouts in capitals ("WEN DID SEASON
    ONE COME OT": its capitals tell nothing)."""
    if not _TWO_CAPITALS.search(text):  # (the cheap test first)
        return set()
    found = _CAPITALS.findall(text)
    rest = _CAPITALS.sub("", text)
    if found and rest.isupper() and len(rest.strip(" ?!.,")) > 2:
        return set()
    return {w.lower() for w in found}
