"""A fan's edited question: what the answers cog remembers of its replies to answer it again.

A member who fixes a typo after "I don't know that yet", or adds the question after a bare
"@bot", expects the bot's reply to follow (as good Discord bots do): within EDIT_WINDOW of the
question, the reply is edited in place, not posted again, so a channel never fills with
answers to drafts. Only the last MAX_REMEMBERED replies are remembered, in memory: a restart
forgets them, and an older question's edit is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import discord

from bot.exts._context import Recent
from bot.exts._delivery import NO_MENTIONS

EDIT_WINDOW = dt.timedelta(minutes=2)  # an edit this soon after the question is answered
MAX_REMEMBERED = 500
# What a "you're asking quickly" notice says, as remembered for the question it held back:
# edited after the wait, the question gets its answer in the notice's place
HELD_NOTICE: tuple[Any, ...] = ("held",)


def signature(reply: dict[str, Any]) -> tuple[str, bytes]:
    """What a reply says, as sent (its text, embeds and buttons: reply_for's keyword
    arguments), in 16 bytes: an edit whose reply would say the same leaves the reply as it
    is. Taken from what is rendered, not from the match, so that nothing the reply shows (a
    known unknown's note, a part's line, a courtesy) can change without changing it."""
    view = reply.get("view")
    embeds = [e.to_dict() for e in reply.get("embeds") or ()]
    if reply.get("embed") is not None:
        embeds.append(reply["embed"].to_dict())
    said = {
        "content": reply.get("content"),
        "embeds": embeds,
        "components": view.to_components() if view is not None else [],
    }
    text = json.dumps(said, sort_keys=True, ensure_ascii=False, default=str)
    return "reply", hashlib.blake2b(text.encode(), digest_size=16).digest()


class Replies:
    """The id of the bot's reply to each recent question, by the question's id, with its
    signature (a few bytes each, where a message object holds kilobytes)."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self._sent: Recent[int, tuple[int, tuple[Any, ...] | None]] = Recent(size)

    def remember(self, question_id: int, reply_id: int, said: tuple[Any, ...] | None) -> None:
        """``said``: the reply's signature, None for one that answers nothing (a greeting)."""
        self._sent.put(question_id, (reply_id, said))

    def get(self, question_id: int) -> tuple[int, tuple[Any, ...] | None] | None:
        return self._sent.get(question_id)


def recent(message: discord.Message, now: dt.datetime | None = None) -> bool:
    """Whether a question was sent within EDIT_WINDOW (its edits are answered)."""
    return (now or discord.utils.utcnow()) - message.created_at <= EDIT_WINDOW


def as_edit(reply: dict[str, Any]) -> dict[str, Any]:
    """A reply's keyword arguments for editing an earlier reply into it: what it does not
    set is cleared (an answer's embeds go when it becomes an "I don't know")."""
    return {"content": None, "embeds": [], "view": None, "allowed_mentions": NO_MENTIONS, **reply}
