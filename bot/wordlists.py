"""Read the English word lists of bot/data/ (pure).

The language the text pipeline knows is data, not Python: each list is a text file in
``bot/data/`` with a ``#`` header saying what it is, then one entry a line (blank lines and
``#`` lines are skipped). A list of words is one word a line; a table is a word followed by
what it stands for (``whats what is``); groups of words that mean the same are one group a
line, comma-separated (``faq_synonyms.txt``). The show's own words are not here: they are the
knowledge base's vocabulary (knowledge/vocabulary.yaml).
"""

from __future__ import annotations

from importlib import resources


def _entries(name: str) -> list[str]:
    """The lines of ``bot/data/<name>`` that are entries (not blank, not ``#``)."""
    text = resources.files("bot").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and line[:1] != "#"]


def lines(name: str) -> list[list[str]]:
    """The entries of ``bot/data/<name>``, each cut at whitespace."""
    return [line.split() for line in _entries(name)]


def word_set(name: str) -> frozenset[str]:
    """A list of words, one a line."""
    return frozenset(word for entry in lines(name) for word in entry)


def table(name: str) -> dict[str, tuple[str, ...]]:
    """A table: each line's first word mapped to the words after it."""
    return {entry[0]: tuple(entry[1:]) for entry in lines(name)}


def groups(name: str) -> list[tuple[str, ...]]:
    """Groups of words or phrases, one group a line, its members separated by commas."""
    return [
        tuple(member.strip() for member in line.split(",") if member.strip())
        for line in _entries(name)
    ]


def number_table(name: str) -> dict[str, str]:
    """A table of words and the number (in digits) each one stands for."""
    return {word: digits for word, (digits,) in table(name).items()}
