"""What a fan's reply to the bot's own reply asks of it, as typed rather than pressed (pure).

A pick from a "did you mean" list: "2", "the first one", "number 2 pls", "option three", one
number or ordinal (bot/data/ordinals.txt, number_words.txt) among the words of
bot/data/pick_words.txt. The sources of an answer: "source?", "got a link?", "source pls"
(bot/data/source_requests.txt). A remark on an answer: "this is outdated", "that's not what i
asked", "wait really?" (bot/data/answer_remarks.txt).
"""

from __future__ import annotations

from functools import cache

from bot import wordlists
from bot.cleaning import clean
from bot.text import words
from bot.word_classes import NUMBER_WORDS, ORDINALS

PICK_WORDS = wordlists.word_set("pick_words.txt")
_SOURCES = wordlists.lines("source_requests.txt")
SOURCE_REQUESTS = frozenset(tuple(said) for kind, *said in _SOURCES if kind == "request")
_AROUND = frozenset(said[0] for kind, *said in _SOURCES if kind == "around")
REMARKS = "answer_remarks.txt"
YEAR = "YEAR"  # a year in a remark's wording ("from YEAR": "this info is from 2025")
MAX_REMARK_WORDS = 12  # a longer reply says more than a remark on the answer


def picked(text: str, choices: int) -> int | None:
    """The choice (1 to ``choices``) a message picks, or None if it is not a pick of one."""
    said = [w for w in words(clean(text)) if w not in PICK_WORDS]
    if len(said) != 1:
        return None
    number = ORDINALS.get(said[0]) or NUMBER_WORDS.get(said[0]) or said[0]
    if number.isdecimal() and 1 <= int(number) <= choices:
        return int(number)
    return None


def asks_for_sources(text: str) -> bool:
    """Whether a reply to an answer asks where it comes from ("source?", "got a link?")."""
    said = tuple(w for w in words(clean(text)) if w not in _AROUND)
    return said in SOURCE_REQUESTS


def remark(text: str) -> str | None:
    """What a reply to an answer says of it, when it says only that: "outdated" ("this is
    outdated", "that's old news"), "missed" ("that's not what i asked"), "doubt" ("wait
    really?"), as bot/data/answer_remarks.txt words them; None for anything else."""
    wordings, around, sizes, order = _remarks()
    said = [YEAR if _a_year(w) else w for w in words(clean(text))]
    if not said or len(said) > MAX_REMARK_WORDS:
        return None
    found: set[str] = set()
    i = 0
    while i < len(said):
        size = next((n for n in sizes if tuple(said[i : i + n]) in wordings), 0)
        if size:
            found.add(wordings[tuple(said[i : i + size])])
            i += size
        elif said[i] in around:
            i += 1
        else:
            return None  # a word no remark uses: the reply says something else
    return next((kind for kind in order if kind in found), None)


def _a_year(word: str) -> bool:
    return len(word) == 4 and word.isdecimal() and word[:2] in ("19", "20")


@cache
def _remarks() -> tuple[dict[tuple[str, ...], str], frozenset[str], tuple[int, ...], list[str]]:
    """Each remark's words -> its kind; the words said around them; the wordings' lengths,
    longest first; the kinds in the order of their first line."""
    wordings: dict[tuple[str, ...], str] = {}
    around: set[str] = set()
    order: list[str] = []
    for kind, *said in wordlists.lines(REMARKS):
        if kind == "around" and len(said) == 1:
            around.add(said[0])
        elif kind != "around" and said:
            wordings[tuple(said)] = kind
            if kind not in order:
                order.append(kind)
        else:
            raise ValueError(f"bot/data/{REMARKS}: expected 'KIND WORDS' or 'around WORD'")
    sizes = tuple(sorted({len(w) for w in wordings}, reverse=True))
    return wordings, frozenset(around), sizes, order
