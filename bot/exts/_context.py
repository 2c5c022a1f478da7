"""What the bot remembers of each member's conversation with it in each channel.

**The light a follow-up is read in** (LastAnswers).
A fan who asked "is it renewed?" and got the renewal's answer, then types "when does it come
out?" a few seconds later without replying to it, asks when season 2 comes out, as the same
words in a reply to the answer do (bot.matching.Matcher.match, ``after``). Within
FOLLOW_UP_WINDOW of the question answered, in the same channel, from the same member: another
member's question, a later one, or the answered question edited, is read on its own. Only the
last MAX_REMEMBERED answers are kept, in memory (a few ids each).

**A call with nothing asked** (Calls): a member who sends a bare "@bot" (or "@bot hi", "@bot
quick question"), is answered, and asks in the next message without calling it again
("@Ballard Bot", then "who plays ballard?") asks the bot that message, within
FOLLOW_UP_WINDOW: it had been ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence
from typing import TypeVar

FOLLOW_UP_WINDOW = dt.timedelta(minutes=2)
MAX_REMEMBERED = 1_000

K = TypeVar("K")
V = TypeVar("V")


class Recent(OrderedDict[K, V]):
    """A mapping that keeps only its ``size`` most recently stored keys (in memory only: a
    restart forgets them)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: K, value: V) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


def _soon_after(before: dt.datetime, at: dt.datetime) -> bool:
    """Whether ``at`` is at most FOLLOW_UP_WINDOW after ``before`` (and not before it)."""
    return dt.timedelta(0) <= at - before <= FOLLOW_UP_WINDOW


class LastAnswers:
    """The facts of the bot's last answer to each (channel, member), with the question it
    answered: when it was asked, and its id."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self._last: Recent[tuple[int, int], tuple[dt.datetime, int, tuple[str, ...]]]
        self._last = Recent(size)

    def remember(
        self,
        channel_id: int,
        member_id: int,
        question_id: int,
        asked: dt.datetime,
        facts: Sequence[str],
    ) -> None:
        self._last.put((channel_id, member_id), (asked, question_id, tuple(facts)))

    def revise(
        self,
        channel_id: int,
        member_id: int,
        question_id: int,
        asked: dt.datetime,
        facts: Sequence[str],
    ) -> None:
        """A question edited, and its reply with it: what it answers now (``facts``, none
        for an "I don't know") is the member's last answer, unless they have had another
        since (answering a later question)."""
        key = (channel_id, member_id)
        found = self._last.get(key)
        if found is not None and found[1] != question_id and found[0] > asked:
            return  # (a later question's answer stays the light follow-ups are read in)
        if facts:
            self.remember(channel_id, member_id, question_id, asked, facts)
        elif found is not None and found[1] == question_id:
            del self._last[key]

    def facts(
        self, channel_id: int, member_id: int, question_id: int, asked: dt.datetime
    ) -> list[str]:
        """The facts of the member's last answer in the channel, when it answered another
        question, asked at most FOLLOW_UP_WINDOW before this one (``question_id``, ``asked``):
        an edited question is not read in the light of its own answer."""
        found = self._last.get((channel_id, member_id))
        if found is None:
            return []
        before, answered, facts = found
        if answered == question_id or not _soon_after(before, asked):
            return []
        return list(facts)


class Calls:
    """The members who called the bot with nothing asked, by channel, and when: their next
    message there is for the bot (taken once)."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self._called: Recent[tuple[int, int], tuple[dt.datetime, int]] = Recent(size)

    def remember(self, channel_id: int, member_id: int, call_id: int, at: dt.datetime) -> None:
        self._called.put((channel_id, member_id), (at, call_id))

    def answered(self, channel_id: int, member_id: int, message_id: int, at: dt.datetime) -> None:
        """The member asked the bot something in the channel (``message_id``, sent ``at``):
        a call made before it, or the call itself edited into a question, has had its
        question, and their next message is theirs again ("@bot", then "@bot who plays
        her?": the chat after it is not for the bot)."""
        key = (channel_id, member_id)
        found = self._called.get(key)
        if found is not None and (found[1] == message_id or found[0] <= at):
            del self._called[key]

    def take(self, channel_id: int, member_id: int, message_id: int, at: dt.datetime) -> bool:
        """Whether a message (``message_id``, sent ``at``) follows the member's call in the
        channel within FOLLOW_UP_WINDOW; the call is then answered (taken)."""
        key = (channel_id, member_id)
        found = self._called.get(key)
        if found is None or found[1] == message_id or not _soon_after(found[0], at):
            return False
        del self._called[key]
        return True
