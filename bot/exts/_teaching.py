"""Teaching the bot from Discord: `/faq teach`, `/faq unknown`, `/faq forget` and the review
queue's buttons all change ``learned.yaml`` through here (helpers of the moderation cog; the
file is :mod:`bot.learned`). Every change reloads the knowledge base at once and says what
the question gets now."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from bot.curation import (
    entry_name,
    entry_named,
    explain,
    idle_example,
    taken_from,
    what_it_gets,
)
from bot.exts._moderators import _fit, _quote
from bot.knowledge import Fact, Unknown
from bot.learned import LEARNED_FILE, Change, Refused
from bot.matching import Matcher

log = logging.getLogger(__name__)

MAX_OPTIONS = 25  # Discord's limit for a select and for autocomplete
MAX_CHOICE_CHARS = 100
LONG_MARK = "…#"  # a long taught question's choice value: its start, this, a digest


def who(user: discord.abc.User) -> str:
    """How a moderator is named in the learned file's comments."""
    return f"{user.name} ({user.id})"


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


# ------------------------------------------------------------------------------


async def _change(bot: Any, method: Callable[..., Change], *args: Any) -> Change | str:
    """Make one change to the learned file and reload at once; a str says why not."""
    pending = bot.knowledge.pending
    if pending is not None:
        return (
            f"⏸️ Not now: a knowledge reload is held ({pending.losses()}). Run `/faq reload` "
            "first, then try again."
        )
    try:
        change = await bot.learned.run(method, *args)
    except Refused as exc:
        return f"❌ {exc}"
    # (the base the change was checked with is served as it is, not read and indexed again)
    result = await bot.knowledge.reload(trigger="command", prepared=bot.learned.take_prepared())
    if not result.applied:
        return f"⚠️ Written to `{LEARNED_FILE}`, but the reload did not apply:\n{result.describe()}"
    log.info("learned file: %s %r (%s)", change.kind, change.question, change.entry_id)
    return change


async def teach(bot: Any, question: str, entry_id: str, user: discord.abc.User) -> str:
    """Teach ``question`` as an example of a fact or known unknown; the reply to show."""
    try:
        entry_id = entry_named(bot.knowledge.kb, entry_id)
    except Refused as exc:
        return f"❌ {exc}"
    before: Matcher = bot.knowledge.matcher  # (what fans got before: see taken_from)
    done = await _change(
        bot, bot.learned.teach, question, entry_id, who(user), _today(), idle_example
    )
    if isinstance(done, str):
        return done
    matcher: Matcher = bot.knowledge.matcher
    entry = matcher.kb.entry(done.entry_id)
    taken = taken_from(before, done.question, entry.id)
    return (
        f"✅ Taught “{_quote(done.question, 200)}” as an example of **{entry_name(entry)}** "
        f"(`{entry.id}`) in `{LEARNED_FILE}`.\n{explain(matcher, done.question, entry.id)}"
        + (f"\n{taken}" if taken else "")
    )


async def mark_unknown(bot: Any, question: str, note: str, user: discord.abc.User) -> str:
    """Add a known unknown about ``note`` with ``question`` as its example; the reply (one
    the base has already, "Trailers" beside `trailer`, is refused by the learned file:
    bot.learned.repeated_unknown)."""
    done = await _change(
        bot,
        bot.learned.add_unknown,
        question,
        note,
        who(user),
        _today(),
        bot.knowledge.kb.ids,
        idle_example,
    )
    if isinstance(done, str):
        return done
    matcher: Matcher = bot.knowledge.matcher
    return (
        f"✅ Added the known unknown `{done.entry_id}` to `{LEARNED_FILE}`, with "
        f"“{_quote(done.question, 200)}” as its example.\n"
        f"{explain(matcher, done.question, done.entry_id)}"
    )


async def forget(bot: Any, question: str) -> str:
    done = await _change(bot, bot.learned.forget, _taught_question(bot, question))
    if isinstance(done, str):
        return done
    result = bot.knowledge.matcher.match(done.question)
    return (
        f"✅ Forgot “{_quote(done.question, 200)}” (it was an example of `{done.entry_id}`). "
        f"It now gets {what_it_gets(result)}."
    )


def entry_choices(matcher: Matcher, current: str, question: str) -> list[app_commands.Choice]:
    """Autocomplete for a fact: those the matcher ranks highest for the question first, then
    every fact and known unknown whose id or name holds what was typed."""
    kb = matcher.kb
    ordered: dict[str, Fact | Unknown] = {}
    if question.strip():
        for s in matcher.match(question[:300]).ranked:
            entry = s.fact or s.unknown
            if entry is not None:
                ordered.setdefault(entry.id, entry)
    for e in kb.entries():
        ordered.setdefault(e.id, e)
    typed = current.casefold().strip()
    choices = []
    for entry in ordered.values():
        label = f"{entry_name(entry)} ({entry.id})"
        if typed and typed not in label.casefold():
            continue
        choices.append(app_commands.Choice(name=_fit(label, MAX_CHOICE_CHARS), value=entry.id))
        if len(choices) == MAX_OPTIONS:
            break
    return choices


def taught_choices(bot: Any, current: str) -> list[app_commands.Choice]:
    """Autocomplete for `/faq forget`: the questions in the learned file."""
    try:
        taught = bot.learned.taught()
    except Refused:
        return []
    typed = current.casefold().strip()
    choices = []
    for t in taught:
        if typed and typed not in t.question.casefold():
            continue
        label = _fit(f"{t.question} → {t.entry_id}", MAX_CHOICE_CHARS)
        choices.append(app_commands.Choice(name=label, value=choice_value(t.question)))
        if len(choices) == MAX_OPTIONS:
            break
    return choices


def choice_value(question: str) -> str:
    """A taught question as an autocomplete choice's value, which holds MAX_CHOICE_CHARS:
    itself, or, when longer (a question may hold 300), its start and a digest of the whole
    ("so i was wondering…#1a2b3c4d"), which /faq forget reads back (_taught_question)."""
    if len(question) <= MAX_CHOICE_CHARS:
        return question
    digest = hashlib.blake2b(question.encode(), digest_size=4).hexdigest()
    return f"{question[: MAX_CHOICE_CHARS - len(LONG_MARK) - len(digest)]}{LONG_MARK}{digest}"


def _taught_question(bot: Any, value: str) -> str:
    """The taught question a /faq forget value names: a long one picked from the list
    (choice_value) is read back into the whole; anything else is as typed."""
    if LONG_MARK not in value:
        return value
    try:
        taught = bot.learned.taught()
    except Refused:
        return value
    return next((t.question for t in taught if choice_value(t.question) == value), value)
