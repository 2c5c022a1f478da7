"""bot.exts._edits: which edited questions are answered again, and what is remembered."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from bot.exts._edits import EDIT_WINDOW, Replies, as_edit, recent, signature
from bot.exts._replies import reply_for
from bot.matching import Matcher
from tests.e2e.conftest import shipped


def _message(sent: dt.datetime) -> Any:
    return SimpleNamespace(created_at=sent)


def test_only_an_edit_soon_after_the_question_is_answered_again() -> None:
    now = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
    assert recent(_message(now - EDIT_WINDOW), now)
    assert not recent(_message(now - EDIT_WINDOW - dt.timedelta(seconds=1)), now)


def test_the_replies_remembered_are_the_latest_few() -> None:
    replies = Replies(size=2)
    for question in (1, 2, 3):
        replies.remember(question, question * 10, ("answer",))
    assert replies.get(1) is None
    assert [replies.get(q) for q in (2, 3)] == [(20, ("answer",)), (30, ("answer",))]


def test_an_edit_clears_what_the_new_reply_does_not_say() -> None:
    edit = as_edit({"content": "I don't know that yet."})
    assert edit["content"] == "I don't know that yet." and edit["embeds"] == []
    assert edit["view"] is None and edit["allowed_mentions"].users is False


def test_a_reply_is_known_by_everything_it_shows() -> None:
    kb = shipped()
    lead = reply_for(kb, Matcher(kb).match("who plays ballard"), asker=1)
    assert signature(lead) == signature(reply_for(kb, Matcher(kb).match("Who plays Ballard?"), 1))
    # the same outcome, facts and "did you mean": only the line about what is not known differs
    both = reply_for(kb, Matcher(kb).match("who plays ballard? will there be a season 3?"), 1)
    assert signature(both) != signature(lead)
    assert signature({"content": "I don't know that yet."}) != signature({"content": "Hi!"})
