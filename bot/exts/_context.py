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

FOLLOW_UP_WINDOW = dt.timedelta(minutes=2)
MAX_REMEMBERED = 1_000


class LastAnswers:
    """The facts of the bot's last answer to each (channel, member), with the question it
    answered: when it was asked, and its id."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self.size = size
        self._last: OrderedDict[tuple[int, int], tuple[dt.datetime, int, tuple[str, ...]]]
        self._last = OrderedDict()

    def remember(
        self,
        channel_id: int,
        member_id: int,
        question_id: int,
        asked: dt.datetime,
        facts: Sequence[str],
    ) -> None:
        key = (channel_id, member_id)
        self._last[key] = (asked, question_id, tuple(facts))
        self._last.move_to_end(key)
        while len(self._last) > self.size:
            self._last.popitem(last=False)

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
        if answered == question_id or not dt.timedelta(0) <= asked - before <= FOLLOW_UP_WINDOW:
            return []
        return list(facts)


class Calls:
    """The members who called the bot with nothing asked, by channel, and when: their next
    message there is for the bot (taken once)."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self.size = size
        self._called: OrderedDict[tuple[int, int], tuple[dt.datetime, int]] = OrderedDict()

    def remember(self, channel_id: int, member_id: int, call_id: int, at: dt.datetime) -> None:
        key = (channel_id, member_id)
        self._called[key] = (at, call_id)
        self._called.move_to_end(key)
        while len(self._called) > self.size:
            self._called.popitem(last=False)

    def take(self, channel_id: int, member_id: int, message_id: int, at: dt.datetime) -> bool:
        """Whether a message (``message_id``, sent ``at``) follows the member's call in the
        channel within FOLLOW_UP_WINDOW; the call is then answered (taken)."""
        key = (channel_id, member_id)
        found = self._called.get(key)
        if (
            found is None
            or found[1] == message_id
            or not dt.timedelta(0) <= at - found[0] <= FOLLOW_UP_WINDOW
        ):
            return False
        del self._called[key]
        return True
