"""Courtesies said to the bot: thanks, praise, a greeting, a goodbye, "what can you do?" (pure).

"@Ballard thanks!" asks nothing, yet was asked of the bot: it deserves "You're welcome!",
not "I don't know that yet"; so does "@Ballard 👍". A message is a courtesy when it is made
only of the wordings of ``bot/data/courtesy.txt`` and of its filler words ("thanks so much
bot", "hi there", "good bot lol"); anything else in it ("thanks! when is season 2 out?")
makes it a message to match as usual. The kinds and wordings are data, not Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from bot.cleaning import clean, has_emoji
from bot.text import HELD_LETTERS, laugh, stem, word_spans, words
from bot.word_classes import CONTRACTIONS
from bot.wordlists import lines, word_set

DATA = "courtesy.txt"
REACTIONS = "reactions.txt"
POLLS = "channel_polls.txt"
WRAPPERS = "request_wrappers.txt"
FILLER = "filler"
REACTION = "reaction"  # only emoji ("👍", "🙏", a custom emoji): no words to read
# a question announced, not yet asked ("can i ask you something"; "quick question", "i have
# a question" as bot.reading.announces_only reads them, which the matcher tells): the bot says
# to go ahead
ANNOUNCED = "announced"
# when a message holds several kinds ("hi, thanks!"), the one answered
PRIORITY = ("wrong", "doubt", "thanks", "praise", "bye", "help", "announced", "greeting", "ack")
MAX_WORDS = 12  # a longer message is not a courtesy, whatever its words
MAX_CHARS = 200  # ...nor a longer text (read before cleaning it)
# where a sentence ends in cleaned text, the mark kept with the sentence before it
_SENTENCES = re.compile(r"(?<=[.?!\n])")


@cache
def _wordings() -> tuple[dict[tuple[str, ...], str], tuple[int, ...]]:
    """Each wording's words -> its kind, and the wordings' lengths, longest first."""
    table: dict[tuple[str, ...], str] = {}
    for kind, *wording in lines(DATA):
        if not wording:
            raise ValueError(f"bot/data/{DATA}: kind {kind!r} with no wording")
        table[tuple(wording)] = kind
    kinds = set(table.values()) - {FILLER}
    if kinds - set(PRIORITY):
        raise ValueError(f"bot/data/{DATA}: unknown kinds {sorted(kinds - set(PRIORITY))}")
    return table, tuple(sorted({len(w) for w in table}, reverse=True))


def courtesy(text: str) -> str | None:
    """The kind of courtesy a message is ("thanks", "praise", "bye", "greeting", "help" for
    "what can you do?", "ack" for "ok" or "got it", "wrong" for "that's wrong", "doubt" for
    "are you sure?", "reaction" for emoji alone), or None
    when it says anything else (or nothing)."""
    table, sizes = _wordings()  # (read on the first call: the matcher makes it at build)
    if len(text) > MAX_CHARS:
        return None
    said = words(clean(text))
    if not said:
        return REACTION if has_emoji(text) else None
    if len(said) > MAX_WORDS:  # (before the laughs are read: a long message is no courtesy)
        return None
    said = [laugh(w) or w for w in said]  # ("thanks lolol": a laugh)
    found: set[str] = set()
    i = 0
    while i < len(said):
        for size in sizes:
            kind = table.get(tuple(said[i : i + size]))
            if kind is not None:
                found.add(kind)
                i += size
                break
        else:
            return None  # a word no courtesy uses: the message says something else
    return next((kind for kind in PRIORITY if kind in found), None)


def reaction_markers() -> frozenset[str]:
    """The markers of bot/data/reactions.txt: laughs and exclamations ("lol", "omg")."""
    return _reaction_words()[0]


@cache
def _reaction_words() -> tuple[frozenset[str], frozenset[str]]:
    """The markers and the request words of bot/data/reactions.txt."""
    kinds: dict[str, set[str]] = {"marker": set(), "request": set()}
    for kind, *said in lines(REACTIONS):
        if kind not in kinds or len(said) != 1:
            raise ValueError(f"bot/data/{REACTIONS}: expected 'marker WORD' or 'request WORD'")
        kinds[kind].add(said[0])
    return frozenset(kinds["marker"]), frozenset(kinds["request"])


@cache
def _poll_words() -> tuple[
    tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], frozenset[str], frozenset[str]
]:
    """The polls' and the member questions' openings and the "asks" words of
    bot/data/channel_polls.txt, and the words that may come before an opening (leaders and
    interjections: "ok", "lol", "guys")."""
    openings: dict[str, list[tuple[str, ...]]] = {"poll": [], "member": []}
    asks: set[str] = set()
    for kind, *said in lines(POLLS):
        if kind in openings and said:
            openings[kind].append(tuple(said))
        elif kind == "asks" and len(said) == 1:
            asks.add(stem(said[0]))  # in any of its forms: "know", "knows"
        else:
            raise ValueError(
                f"bot/data/{POLLS}: expected 'poll WORDS', 'member WORDS' or 'asks WORD'"
            )
    before = word_set("leaders.txt") | word_set("interjections.txt")
    return tuple(openings["poll"]), tuple(openings["member"]), frozenset(asks), before


def without_polls(text: str, *, members: bool = False) -> str:
    """A message without its sentences that poll the people in a channel rather than ask for
    a fact ("am i the only one who thinks...", "is it just me or...", "is everyone ok after
    that finale": bot/data/channel_polls.txt), and with ``members`` those that ask another
    member about themself ("did you watch it on prime video?"), cleaned; the message itself
    when it has none."""
    sentences = _SENTENCES.split(clean(text))
    kept = [s for s in sentences if not polls_channel(words(s), members=members)]
    return text if len(kept) == len(sentences) else " ".join(kept)


def polls_channel(said: Sequence[str], *, members: bool = False) -> bool:
    """Whether a sentence (``said``: its words, as bot.text.words gives them) polls the people
    in a channel rather than asks for a fact, and with ``members`` whether it asks another
    member about themself (see without_polls)."""
    polls, member_questions, asks, before = _poll_words()
    openings = polls + member_questions if members else polls
    start = 0
    while start < len(said) and said[start] in before:
        start += 1
    opening = said[start:]
    polls_them = any(tuple(opening[: len(p)]) == p for p in openings)
    return polls_them and asks.isdisjoint(map(stem, said))


def _unheld(word: str) -> tuple[str, ...]:
    """A word as written, with each held letter once, and twice ("lmaooo": lmao, lmaoo), or
    a laugh as long as it lasts as the laugh ("lolol": lol)."""
    held = laugh(word)
    if held is not None:
        return word, held
    if HELD_LETTERS.search(word) is None:
        return (word,)
    return word, HELD_LETTERS.sub(r"\1", word), HELD_LETTERS.sub(r"\1\1", word)


def reacts(text: str) -> bool:
    """Whether a short message says a reaction marker of bot/data/reactions.txt (a laugh,
    "tho", an emoji) and no request word: "lmao the cliffhanger tho 💀" reacts, "cast list
    pls 🙏" and "ugh my card got declined" ask. Whether it asks a question is the caller's
    to check ("cliffhanger? lol" asks)."""
    markers, requests = _reaction_words()
    if len(text) > MAX_CHARS:
        return False
    written = words(clean(text))
    if len(written) > MAX_WORDS:
        return False  # a longer message says something, whatever marks it carries
    said = {form for w in written for form in _unheld(w)}
    if said & requests or any(ch in requests for ch in text if not ch.isascii()):
        return False
    return bool(said & markers) or has_emoji(text)


# The wordings that wrap a request without saying anything of it: a greeting before it
# ("hi, synopsis", "hey guys quick question, premiere date"), thanks after it ("synopsis
# thanks!", "premiere date thanks in advance"), each with the filler words said with them.
_WRAPPING_KINDS = ("greeting", "thanks")


class _Wrappers(NamedTuple):
    wraps: frozenset[tuple[str, ...]]  # the greeting and thanks wordings
    fillers: frozenset[str]  # the filler words ("guys", "so", "bot")
    # what may come before a request: a phrase announcing a question (bot/data/announcers.txt),
    # a leader ("so", "ok") or a phrase of request_wrappers.txt ("does anyone know")
    before: frozenset[tuple[str, ...]]
    # what may close one: bot/data/filler_phrases.txt, request_wrappers.txt ("please")
    after: frozenset[tuple[str, ...]]
    longest: int  # the most words of any of them
    opening: frozenset[str]  # the first words of what may come before a request
    closing: frozenset[str]  # the last words of what may come after one, and the fillers


@cache
def _wrappers() -> _Wrappers:
    table, _ = _wordings()
    wraps = frozenset(w for w, kind in table.items() if kind in _WRAPPING_KINDS)
    fillers = frozenset(w[0] for w, kind in table.items() if kind == FILLER and len(w) == 1)
    wrappers: dict[str, set[tuple[str, ...]]] = {"before": set(), "after": set()}
    for kind, *said in lines(WRAPPERS):
        if kind not in wrappers or not said:
            raise ValueError(f"bot/data/{WRAPPERS}: expected 'before WORDS' or 'after WORDS'")
        wrappers[kind].add(tuple(said))
    before = frozenset(wrappers["before"]) | {tuple(p) for p in lines("announcers.txt")}
    before |= {(w,) for w in word_set("leaders.txt")}
    after = frozenset(wrappers["after"]) | {tuple(p) for p in lines("filler_phrases.txt")}
    longest = max(map(len, wraps | before | after))
    opening = frozenset(w[0] for w in wraps | before)
    closing = frozenset(w[-1] for w in wraps | after) | fillers
    return _Wrappers(wraps, fillers, before, after, longest, opening, closing)


def filler_words() -> frozenset[str]:
    """The filler words of bot/data/courtesy.txt ("guys", "all", "so", "bot"), said around a
    courtesy or a question."""
    return _wrappers().fillers


def _wrapping_at(said: list[str], i: int, wordings: frozenset[tuple[str, ...]], most: int) -> int:
    """How many words of one of ``wordings`` start at ``said[i]`` (the longest, of ``most``
    words at most; 0 if none)."""
    for size in range(min(most, len(said) - i), 0, -1):
        if tuple(said[i : i + size]) in wordings:
            return size
    return 0


def _wrapping_to(said: list[str], j: int, wordings: frozenset[tuple[str, ...]], most: int) -> int:
    """How many words of one of ``wordings`` end right before ``said[j]`` (of ``most`` words
    at most; 0 if none)."""
    for size in range(min(most, j), 0, -1):
        if tuple(said[j - size : j]) in wordings:
            return size
    return 0


def _as_one_word(word: str) -> str:
    """A word as bot.text.words() reads it when it reads it as one word ("pls": "please"),
    else as written ("whats": the wordings hold no contraction)."""
    read = CONTRACTIONS.get(word)
    return read[0] if read is not None and len(read) == 1 else word


def unwrapped(text: str) -> str | None:
    """A message, cleaned, without the greeting or announcement before its request and the
    thanks after it ("hey guys quick question, premiere date" -> "premiere date"; "synopsis
    thanks!" -> "synopsis"; "hi! snow day!" -> "snow day!") or the Discord mention before it
    ("<@123> cast list" -> "cast list"), or None when nothing wraps it,
    nothing else is said or it is longer than a courtesy is read (MAX_CHARS: what it says is
    compared with names and example questions, which are short). The wordings are matched
    with the words as written, those read as one other word read ("pls": "please")."""
    if len(text) > MAX_CHARS:
        return None
    wraps, fillers, before, after, most, opening, closing = _wrappers()
    cleaned = clean(text)
    spans = word_spans(cleaned)
    # (Discord markup, which cleaning drops: "<@123> where can i watch it" says the rest)
    markup = "<" in text or "@" in text
    if not spans or (
        not markup
        and _as_one_word(spans[0].group()) not in opening
        and _as_one_word(spans[-1].group()) not in closing
    ):
        return None  # (most messages: a look at their ends)
    said = [_as_one_word(m.group()) for m in spans]
    i, j = 0, len(said)
    while i < j:
        n = _wrapping_at(said, i, wraps, most)
        if n:
            i += n
            while i < j and said[i] in fillers:  # "hey guys", "hi all"
                i += 1
            continue
        n = _wrapping_at(said, i, before, most)
        if not n:
            break
        i += n
    while i < j:
        k, n = j, _wrapping_to(said, j, wraps, most)
        while not n and k > i and said[k - 1] in fillers:  # "thanks so much bot"
            k -= 1
            n = _wrapping_to(said, k, wraps, most)
        if n:
            j = k - n
            continue
        n = _wrapping_to(said, j, after, most)
        if not n:
            break
        j -= n
    if i >= j:
        return None
    if i == 0 and j == len(said):
        return cleaned.strip() if markup else None
    # (with the marks after its last word, up to the thanks: "snow day!" is exclaimed)
    end = spans[j].start() if j < len(spans) else len(cleaned)
    return cleaned[spans[i].start() : end].strip()


def shows_feeling(text: str) -> bool:
    """Whether a message holds an emoji that is no request's ("MAGGIE Q 😍" shows a feeling;
    "cast list 🙏", "s2 news 👀" ask: bot/data/reactions.txt's request emoji)."""
    if text.isascii():
        return has_emoji(text)  # (a custom emoji: the request emoji are not ASCII)
    return has_emoji(text.translate(_request_emoji()))


@cache
def _request_emoji() -> dict[int, None]:
    """A table for str.translate that drops the request emoji of bot/data/reactions.txt."""
    _, requests = _reaction_words()
    return {ord(ch): None for ch in requests if len(ch) == 1 and not ch.isascii()}
