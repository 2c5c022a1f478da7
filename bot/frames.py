"""Frames of a question about something other than what a base's facts say (pure).

A frame is a question's wording with a gap ("how do ... measure", "what's a ... for"):
bot/data/general_frames.txt holds those of a question about a kind of thing in general
(:data:`GENERAL_FRAMES`), a knowledge base's vocabulary adds its own ("which show"), and
bot/data/clock_questions.txt those asking for a time of day (:data:`CLOCK_FRAMES`).
:meth:`Frames.of` names the frames a question's words are asked in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot import wordlists
from bot.cleaning import clean
from bot.text import words

# Frames of a question about a kind of thing in general (bot/data/general_frames.txt):
# each a tuple of words, GAP ("...") standing for one to FRAME_GAP_WORDS words; OR ("|")
# between a frame's wordings.
GAP = "..."
OR = "|"
FRAME_GAP_WORDS = 8
# a gap opening so is about the asker or the base's own subject (general_frame_openers.txt)
_OWN_GAP_OPENERS = wordlists.word_set("general_frame_openers.txt")


def frame_words(frame: str | Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """A frame as written ("what's a ... for | what are ... for"), or as its list of
    words, in the wordings it has, each in words as :func:`bot.text.words` reads them with
    its gaps kept: (("what", "is", "a", "...", "for"), ("what", "are", "...", "for"))."""
    pieces = frame.split() if isinstance(frame, str) else frame
    out: list[tuple[str, ...]] = [()]
    for piece in pieces:
        if piece == OR:
            out.append(())
        else:
            out[-1] += (GAP,) if piece == GAP else tuple(words(clean(piece)))
    return tuple(wording for wording in out if wording)


class Frames:
    """Frames of a question about something other than what a base's facts say: those of
    bot/data/general_frames.txt, and a knowledge base's own (its vocabulary's ``frames``:
    "which show" in a base about one show). A frame is named by its first wording."""

    def __init__(self, frames: Iterable[tuple[tuple[str, ...], ...]]) -> None:
        self.frames = tuple(
            dict.fromkeys(f for f in frames if f and all(w and GAP not in (w[0], w[-1]) for w in f))
        )
        # (each wording's longest word, to look for first, the wording, its frame's name)
        self._wordings = tuple(
            (max((w for w in wording if w != GAP), key=len), wording, " ".join(frame[0]))
            for frame in self.frames
            for wording in frame
        )
        self._anchors = frozenset(anchor for anchor, _, _ in self._wordings)

    def adding(self, more: Iterable[tuple[tuple[str, ...], ...]]) -> Frames:
        """These frames and more."""
        return Frames((*self.frames, *more))

    def of(self, found: Sequence[str], *, any_gap: bool = False) -> frozenset[str]:
        """The frames that words (contractions expanded, as :func:`bot.text.words` gives
        them) are asked in, by name: "how does nielsen measure streaming minutes" is asked in
        "how do ... measure". A gap opening with a word of general_frame_openers.txt ("how do i get
        it to work", "how does it work") is about the asker or the base's own subject, no
        general frame, unless ``any_gap`` (an admin's example asked so makes the frame its
        fact's)."""
        if self._anchors.isdisjoint(found):
            return frozenset()  # (most messages: no frame's longest word)
        said = frozenset(found)
        out = set()
        for anchor, wording, name in self._wordings:
            if name in out or anchor not in said:
                continue
            first = wording[0]
            starts = (i for i, w in enumerate(found) if w == first)
            if any(_frame_at(found, wording, i, 0, any_gap) for i in starts):
                out.add(name)
        return frozenset(out)


def _frame_at(found: Sequence[str], frame: tuple[str, ...], i: int, j: int, any_gap: bool) -> bool:
    """Whether ``frame[j:]`` is said from ``found[i]`` on."""
    if j == len(frame):
        return True
    if frame[j] == GAP:
        if not any_gap and i < len(found) and found[i] in _OWN_GAP_OPENERS:
            return False
        last = min(len(found), i + FRAME_GAP_WORDS)
        return any(_frame_at(found, frame, k, j + 1, any_gap) for k in range(i + 1, last + 1))
    return (
        i < len(found) and found[i] == frame[j] and _frame_at(found, frame, i + 1, j + 1, any_gap)
    )


GENERAL_FRAMES = Frames(map(frame_words, wordlists.lines("general_frames.txt")))
# Questions asking for a time of day (clock_questions.txt; what says one in an answer:
# bot.times.says_time_of_day)
CLOCK_FRAMES = Frames(map(frame_words, wordlists.lines("clock_questions.txt")))
