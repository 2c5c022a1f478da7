"""Whether a message is written in another language than English (pure).

The bot reads English only; a message in Spanish or German that gets "I don't know that yet"
is told so, rather than left to wonder (bot/data/other_languages.txt: words that write a
question in each of a few languages, and are no English word).
"""

from __future__ import annotations

from functools import cache

from bot import wordlists
from bot.cleaning import clean
from bot.text import words

DATA = "other_languages.txt"
MIN_WORDS = 2  # a language's words a message must hold to be written in it
SHARE = 4  # ...and at least one of each SHARE of its words


@cache
def _languages() -> dict[str, frozenset[str]]:
    return {code: frozenset(said) for code, *said in wordlists.lines(DATA)}


def other_language(text: str) -> str | None:
    """The code of the language a message is written in ("es"), if it is not English: two
    or more of its words, one of each SHARE words of the message at least."""
    said = words(clean(text))
    for code, known in _languages().items():
        found = sum(map(known.__contains__, said))  # (a word at a time in C: 500-word floods)
        if found >= MIN_WORDS and found * SHARE >= len(said):
            return code
    return None
