"""The times a text names: days, months, years, and times said relative to now (pure).

:func:`times_named` reads the days, months and years an answer (or a question) names, with
the ranges and spans they say ("Mon-Fri", "weekends"; bot/data/time_words.txt),
:func:`times_asked` those a question asks in, :func:`time_kind` what kind each is, and
:func:`says_time_of_day` whether an answer says a time of day. bot.held_back holds an
answer back by them: a question asked in a time its fact does not name, or asking for a
time of day its fact does not say.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from bot import wordlists
from bot.cleaning import clean
from bot.text import stem, words
from bot.word_classes import QUESTION_WORDS

# Words that say a time of day in an answer ("noon", "midnight": clock_words.txt; the
# questions asking for one are bot.frames.CLOCK_FRAMES)
_CLOCK_WORDS = wordlists.word_set("clock_words.txt")
# "9am", "5.30 p.m.", "09:00", and "24/7" (open at any time of day)
_CLOCK_TIME = re.compile(r"\d\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\b24/7\b")


class _Calendar(NamedTuple):
    """bot/data/time_words.txt, read: each day or month form's stem -> (its kind, its place
    in the calendar), for the forms that are always a time (``always``) and for those that
    are one only beside another (``beside``: "sat" in "Mon-Sat"); each kind's full names in
    calendar order (stems); the words that name several days at once ("daily"); the times
    said relative to now ("last week" -> "last_week"); and the words joining a range."""

    always: dict[str, tuple[str, int]]
    beside: dict[str, tuple[str, int]]
    in_order: dict[str, list[str]]
    spans: dict[tuple[str, ...], frozenset[str]]
    relative: dict[tuple[str, ...], str]
    range_words: frozenset[str]


def _read_calendar() -> _Calendar:
    cal = _Calendar({}, {}, {}, {}, {}, frozenset())
    range_words: set[str] = set()
    for kind, *forms in wordlists.lines("time_words.txt"):
        if kind == "range":
            range_words.update(map(stem, forms))
        elif kind == "relative":
            cal.relative.update((tuple(map(stem, f.split("_"))), f) for f in forms)
        elif kind == "span":
            cal.spans[tuple(map(stem, forms[0].split("_")))] = frozenset(map(stem, forms[1:]))
        else:
            order = cal.in_order.setdefault(kind, [])
            order.append(stem(forms[0].rstrip("?")))
            for form in forms:
                table = cal.beside if form.endswith("?") else cal.always
                table[stem(form.rstrip("?"))] = (kind, len(order) - 1)
    return cal._replace(range_words=frozenset(range_words))


_CAL = _read_calendar()
_FULL_NAMES = frozenset(name for order in _CAL.in_order.values() for name in order)
_SPAN_SIZES = sorted({len(key) for key in _CAL.spans}, reverse=True)
_YEAR = re.compile(r"(?:19|20)\d\d")


def times_named(text: str, *, beside: bool = True) -> frozenset[str]:
    """The days, months and years a text names, and the times it says relative to now
    ("last week"): each day or month by its full name's stem, with every one between two
    joined as a range ("Monday to Friday", "Mon-Fri", "June to August"), the days a word
    names at once ("daily", "weekends", "every day"), and years as written ("2024").
    ``beside``: also the short forms ("Mon-Fri"), the forms that are a time only beside
    another of their kind ("Mon-Sat") and the words naming several days; not in a question,
    where "may" is a verb, "mon" may be a friend and "at weekends" asks about no day the
    answer must name."""
    said = [stem(w) for w in words(clean(text))]
    found: set[str] = set()
    times: list[tuple[int, str, int]] = []  # (position, kind, place) of each day or month
    for i, s in enumerate(said):
        if _YEAR.fullmatch(s):
            found.add(s)
        elif s in _CAL.always and (beside or s in _FULL_NAMES):
            times.append((i, *_CAL.always[s]))
        elif beside and s in _CAL.beside:
            kind = _CAL.beside[s][0]
            near = said[max(0, i - 2) : i] + said[i + 1 : i + 3]
            if any(_CAL.always.get(n, ("",))[0] == kind for n in near):
                times.append((i, *_CAL.beside[s]))
        for size in _SPAN_SIZES if beside else ():
            named = _CAL.spans.get(tuple(said[i : i + size]))
            if named is not None:
                found.update(named)
                break
    for pair in pairwise(said):
        if pair in _CAL.relative:
            found.add(_CAL.relative[pair])
    for n, (i, kind, place) in enumerate(times):
        found.add(_CAL.in_order[kind][place])
        if n + 1 < len(times):
            j, other, end = times[n + 1]
            between = said[i + 1 : j]
            if other == kind and end > place and all(w in _CAL.range_words for w in between):
                found.update(_CAL.in_order[kind][place + 1 : end])
    return frozenset(found)


def time_kind(named: str) -> str:
    """What a time times_named gives is: "day", "month", "year" or "relative" ("last_week")."""
    if _YEAR.fullmatch(named):
        return "year"
    kind = _CAL.always.get(named) or _CAL.beside.get(named)  # ("may", "march")
    return kind[0] if kind else "relative"


# (a message's question is asked of the rules whole and again alone, and a flood of questions
# repeats a few: the last clauses read are kept, a few hundred short strings)
@lru_cache(maxsize=256)
def times_asked(clause: str) -> frozenset[str]:
    """The days, months and years a question opening with its question word names ("what
    was the ranking *in september*", "how many minutes the week of *august* 4"), as
    times_named gives them; none for a question asked yes or no ("did it chart in
    september?"), which the fact's own time answers. ``clause``: a clause's words as the
    lexicon cleaned them."""
    said = clause.split()
    if not said or said[0] not in QUESTION_WORDS:
        return frozenset()
    return times_named(" ".join(said[1:]), beside=False)


def says_time_of_day(text: str) -> bool:
    """Whether a text (an answer) says a time of day: "from 9am", "at 7 p.m.", "at 09:00",
    "at midnight", "open 24/7" (not "on 21 July" nor "at 2.5 billion minutes")."""
    return bool(_CLOCK_TIME.search(text.lower())) or not _CLOCK_WORDS.isdisjoint(words(clean(text)))
