"""What the bot last answered each member in each channel: the light a follow-up is read in.

A fan who asked "is it renewed?" and got the renewal's answer, then types "when does it come
out?" a few seconds later without replying to it, asks when season 2 comes out, as the same
words in a reply to the answer do (bot.matching.Matcher.match, ``after``). Within
FOLLOW_UP_WINDOW of the question answered, in the same channel, from the same member: another
member's question, a later one, or the answered question edited, is read on its own. Only the
last MAX_REMEMBERED answers are kept, in memory (a few ids each).
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
