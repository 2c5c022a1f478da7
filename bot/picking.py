"""What a fan's reply to the bot's own reply asks of it, as typed rather than pressed (pure).

A pick from a "did you mean" list: "2", "the first one", "number 2 pls", "option three", one
number or ordinal (bot/data/ordinals.txt, number_words.txt) among the words of
bot/data/pick_words.txt. The sources of an answer: "source?", "got a link?", "source pls"
(bot/data/source_requests.txt).
"""

from __future__ import annotations

from bot import wordlists
from bot.cleaning import clean
from bot.text import words
from bot.word_classes import NUMBER_WORDS, ORDINALS

PICK_WORDS = wordlists.word_set("pick_words.txt")
_SOURCES = wordlists.lines("source_requests.txt")
SOURCE_REQUESTS = frozenset(tuple(said) for kind, *said in _SOURCES if kind == "request")
_AROUND = frozenset(said[0] for kind, *said in _SOURCES if kind == "around")


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
