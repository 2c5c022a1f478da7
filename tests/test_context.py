"""The light a member's follow-up is read in (bot/exts/_context.py)."""

from __future__ import annotations

import datetime as dt

from bot.exts._context import FOLLOW_UP_WINDOW, Calls, LastAnswers

T0 = dt.datetime(2026, 12, 7, 18, 0, tzinfo=dt.UTC)


def test_a_follow_up_soon_after_gets_the_last_answers_facts() -> None:
    last = LastAnswers()
    last.remember(1, 10, 100, T0, ["season2-renewal"])
    assert last.facts(1, 10, 101, T0 + dt.timedelta(seconds=5)) == ["season2-renewal"]
    assert last.facts(1, 10, 101, T0 + FOLLOW_UP_WINDOW) == ["season2-renewal"]
    # ...not later, nor from another member or channel, nor the answered question itself
    assert last.facts(1, 10, 101, T0 + FOLLOW_UP_WINDOW + dt.timedelta(seconds=1)) == []
    assert last.facts(1, 11, 101, T0 + dt.timedelta(seconds=5)) == []
    assert last.facts(2, 10, 101, T0 + dt.timedelta(seconds=5)) == []
    assert last.facts(1, 10, 100, T0 + dt.timedelta(seconds=5)) == []
    # ...nor a question asked before the answered one (an older question edited)
    assert last.facts(1, 10, 99, T0 - dt.timedelta(seconds=5)) == []


def test_the_last_answer_counts_and_only_so_many_are_kept() -> None:
    last = LastAnswers(size=2)
    last.remember(1, 10, 100, T0, ["season2-renewal"])
    last.remember(1, 10, 102, T0 + dt.timedelta(seconds=10), ["lead-actor"])
    assert last.facts(1, 10, 103, T0 + dt.timedelta(seconds=20)) == ["lead-actor"]
    last.remember(1, 11, 104, T0, ["cast"])
    last.remember(1, 12, 105, T0, ["cast"])
    assert last.facts(1, 10, 106, T0 + dt.timedelta(seconds=20)) == []  # (forgotten)
    assert last.facts(1, 12, 106, T0 + dt.timedelta(seconds=20)) == ["cast"]


def test_an_edited_question_s_new_answer_is_the_last_unless_a_later_one_came() -> None:
    last = LastAnswers()
    last.remember(1, 10, 100, T0, ["lead-actor"])
    last.revise(1, 10, 100, T0, ["season2-renewal"])  # (the question edited)
    assert last.facts(1, 10, 101, T0 + dt.timedelta(seconds=5)) == ["season2-renewal"]
    last.revise(1, 10, 100, T0, [])  # (edited into "I don't know")
    assert last.facts(1, 10, 101, T0 + dt.timedelta(seconds=5)) == []
    # ...an older question edited leaves a later answer the light
    last.remember(1, 10, 102, T0 + dt.timedelta(seconds=10), ["cast"])
    last.revise(1, 10, 100, T0, ["season2-renewal"])
    last.revise(1, 10, 100, T0, [])
    assert last.facts(1, 10, 103, T0 + dt.timedelta(seconds=20)) == ["cast"]


def test_the_message_after_a_call_with_nothing_asked_is_for_the_bot_once() -> None:
    calls = Calls()
    calls.remember(1, 10, 100, T0)
    assert not calls.take(1, 10, 100, T0)  # (the call itself, edited)
    assert not calls.take(1, 11, 101, T0 + dt.timedelta(seconds=5))  # another member
    assert not calls.take(2, 10, 101, T0 + dt.timedelta(seconds=5))  # another channel
    assert not calls.take(1, 10, 99, T0 - dt.timedelta(seconds=5))  # an older message edited
    assert calls.take(1, 10, 101, T0 + dt.timedelta(seconds=5))
    assert not calls.take(1, 10, 102, T0 + dt.timedelta(seconds=6))  # (taken)
    calls.remember(1, 10, 103, T0)
    assert not calls.take(1, 10, 104, T0 + FOLLOW_UP_WINDOW + dt.timedelta(seconds=1))


def test_a_call_answered_by_a_question_is_taken() -> None:
    calls = Calls()
    calls.remember(1, 10, 100, T0)
    calls.answered(1, 10, 101, T0 + dt.timedelta(seconds=5))  # "@bot who plays her?"
    assert not calls.take(1, 10, 102, T0 + dt.timedelta(seconds=10))
    calls.remember(1, 10, 100, T0)
    calls.answered(1, 10, 100, T0)  # (the call itself edited into a question)
    assert not calls.take(1, 10, 102, T0 + dt.timedelta(seconds=10))
    # ...but an older question edited leaves a later call for the message after it
    calls.remember(1, 10, 103, T0 + dt.timedelta(seconds=20))
    calls.answered(1, 10, 101, T0 + dt.timedelta(seconds=5))
    assert calls.take(1, 10, 104, T0 + dt.timedelta(seconds=25))
