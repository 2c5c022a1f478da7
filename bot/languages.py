"""Whether a message is written in another language than English (pure).

The bot reads English only; a message in Spanish or German that gets "I don't know that yet"
is told so, rather than left to wonder (bot/data/other_languages.txt: words that write a
question in each of a few languages, and are no English word). A long message written in
other scripts altogether is not read at all (:func:`unreadable`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot import wordlists
from bot.cleaning import MAX_CHARS
from bot.text import message_words

DATA = "other_languages.txt"
MIN_WORDS = 2  # a language's words a message must hold to be written in it
SHARE = 4  # ...and at least one of each SHARE of its words
# A message with at least this many words in other scripts than the Latin alphabet...
UNREADABLE_WORDS = 100
# ...and fewer than one word of each UNREADABLE_SHARE in it is not read (see unreadable).
UNREADABLE_SHARE = 10
# a run of letters and digits (as str.isalnum() reads them): a word, or several of a script
# written without spaces
_RUN = re.compile(r"[^\W_]+")


@cache
def _languages() -> dict[str, frozenset[str]]:
    return {code: frozenset(said) for code, *said in wordlists.lines(DATA)}


def other_language(text: str) -> str | None:
    """The code of the language a message is written in ("es"), if it is not English: two
    or more of its words, one of each SHARE words of the message at least."""
    said = message_words(text)
    for code, known in _languages().items():
        found = sum(map(known.__contains__, said))  # (a word at a time in C: 500-word floods)
        if found >= MIN_WORDS and found * SHARE >= len(said):
            return code
    return None


def unreadable(text: str) -> bool:
    """Whether a message is written at length in scripts the bot cannot read: at least
    UNREADABLE_WORDS of its words (runs of letters and digits) outside the Latin alphabet,
    accents and full-width forms folded into it, and fewer than one in UNREADABLE_SHARE of
    its words in it. No word of such a message is a word of the base; as words no entry
    uses they would outweigh any it knows, so it can get nothing, and reading it word by
    word (4,000 characters of random Unicode: ~7 ms) is saved. The longest message in
    another script of the development and evaluation sets has 17 letters ("Когда СЕЗОН 2?",
    "バラード シーズン2"): far from it."""
    if len(text) < UNREADABLE_WORDS or text.isascii():  # (most messages: no need to look)
        return False
    runs = _RUN.findall(unicodedata.normalize("NFKD", text[:MAX_CHARS]))
    latin = sum(map(str.isascii, runs))
    return len(runs) - latin >= UNREADABLE_WORDS and latin * UNREADABLE_SHARE < len(runs)
