"""Getting replies out and questions logged, whatever Discord or the disk is doing.

Shared by the cogs. A reply is retried through Discord's 5xx errors and lost connections
(with a nonce, so a retry of a message Discord did create is not posted twice); a question
is logged in the background with retries, so a slow or failing database never delays or
costs an answer; reactions and log-channel posts are best effort.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import discord

from bot.storage import ChannelMode, GuildSettings

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
SEND_ATTEMPTS = 5
SEND_DEADLINE = 30.0  # seconds: past this a reply would answer a conversation long gone
WRITE_ATTEMPTS = 4  # the database's own busy timeout (5 s) comes on top of each wait
FIRST_WAIT = 0.5  # seconds before the second try; each later wait doubles...
MAX_WAIT = 8.0  # ...up to this
DEFAULT_SETTINGS = GuildSettings()

T = TypeVar("T")


async def retried(
    attempt: Callable[[], Awaitable[T]],
    *,
    attempts: int,
    deadline: float = math.inf,
    transient: Callable[[BaseException], bool] = lambda _: True,
) -> T:
    """``attempt()``, tried again after a ``transient`` error, at most ``attempts`` times in
    all and not once ``deadline`` seconds have passed since the first; waits 0.5, 1, 2, 4, 8 s
    between tries. The last error is raised.

    Written out rather than with tenacity, whose retry state costs ~3 KB a call: a burst of
    questions keeps thousands of replies and writes pending at once, and that memory, once
    taken, stays with the process (8-9 MB of peak RSS in bench_discord.py's burst)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    for tried in range(1, attempts + 1):
        try:
            return await attempt()
        except Exception as exc:
            if tried == attempts or not transient(exc) or loop.time() - started >= deadline:
                raise
        await asyncio.sleep(min(MAX_WAIT, FIRST_WAIT * 2 ** (tried - 1)))
    raise AssertionError("attempts must be at least 1")


def is_transient(exc: BaseException) -> bool:
    """Errors worth another try: Discord's 5xx, a dropped connection, a timeout."""
    return isinstance(
        exc, discord.DiscordServerError | aiohttp.ClientError | TimeoutError | OSError
    )


async def send_reply(message: discord.Message, **kwargs: Any) -> discord.Message | None:
    """Reply to ``message`` (pinging nobody); retried through transient errors. None if
    Discord would not take it (logged)."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    # Still posted (not as a reply) if the question was deleted meanwhile.
    reference = message.to_reference(fail_if_not_exists=False)

    def post() -> Awaitable[discord.Message]:
        # The question's id as nonce: Discord returns the first message instead of posting a
        # second one when a retry repeats a send that did go through.
        return message.channel.send(
            reference=reference, mention_author=False, nonce=message.id, **kwargs
        )

    return await _delivered(post, f"reply in channel {message.channel.id}")


async def edit_reply(
    reply: discord.Message | discord.PartialMessage, **kwargs: Any
) -> discord.Message | None:
    """Edit one of the bot's replies (see bot.exts._edits.as_edit); retried through
    transient errors. None if Discord would not take it (logged)."""
    return await _delivered(lambda: reply.edit(**kwargs), f"edit reply {reply.id}")


async def _delivered(
    call: Callable[[], Awaitable[discord.Message]], what: str
) -> discord.Message | None:
    try:
        return await retried(
            call, attempts=SEND_ATTEMPTS, deadline=SEND_DEADLINE, transient=is_transient
        )
    except discord.HTTPException as exc:
        log.warning("could not %s (HTTP %s): %s", what, exc.status, exc)
    except Exception as exc:  # transient errors that outlasted every retry
        log.warning("could not %s: %r", what, exc)
    return None


async def react(message: discord.Message, emoji: str) -> bool:
    """Add a reaction as a sign the bot heard (best effort: missing permissions are fine)."""
    try:
        await message.add_reaction(emoji)
    except (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        log.warning("could not react in channel %s: %r", message.channel.id, exc)
        return False
    return True


async def guild_settings(bot: BallardBot, guild_id: int | None) -> GuildSettings:
    """A server's settings; the defaults in DMs, or (logged) if the database fails."""
    if guild_id is None:
        return DEFAULT_SETTINGS
    try:
        return await bot.storage.guild_settings(guild_id)
    except Exception:
        log.warning("could not read the settings of server %s; using defaults", guild_id)
        return DEFAULT_SETTINGS


def parent_of(channel: Any) -> int | None:
    """A thread's or forum post's channel, whose setting it follows unless it has its own."""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return channel.parent_id
    return None


def mode_in(settings: GuildSettings, channel: Any) -> ChannelMode:
    """What the bot does in a channel (auto-answer, quiet, ordinary): its own setting, else,
    in a thread, its channel's (GuildSettings.mode)."""
    return settings.mode(channel.id, parent_of(channel))


def write_later(bot: BallardBot, what: str, write: Callable[[], Awaitable[object]]) -> None:
    """Run a database write in the background, retrying a busy or failing database; a write
    that still fails is dropped with a warning, never at the cost of an answer."""

    async def run() -> None:
        try:
            await retried(write, attempts=WRITE_ATTEMPTS)
        except Exception as exc:
            log.warning(
                "%s not saved (the database failed %d times): %r", what, WRITE_ATTEMPTS, exc
            )

    bot.spawn(run(), name=f"write-{what}", keep_on_close=True)


def record_question(bot: BallardBot, **row: Any) -> None:
    """Log a question (see Storage.log_question) in the background, with retries."""
    write_later(bot, "question", lambda: bot.storage.log_question(**row))


async def post_to_log_channel(bot: BallardBot, channel_id: int, text: str) -> bool:
    """Post a notice for moderators in a server's log channel (best effort)."""
    channel = bot.get_channel(channel_id)
    try:
        if channel is None:
            channel = await bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            return False
        await channel.send(text[:2000], allowed_mentions=NO_MENTIONS)
    except (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        log.warning("could not post in log channel %s: %r", channel_id, exc)
        return False
    return True


# What the bot needs in a channel to answer there, and to react there (answers are embeds,
# replies need the history; a thread, or a forum's post, takes Send Messages in Threads)
ANSWERING = ("view_channel", "send_messages", "embed_links", "read_message_history")
REACTING = ("view_channel", "read_message_history", "add_reactions")
PERMISSION_NAMES = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "send_messages_in_threads": "Send Messages in Threads",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
    "add_reactions": "Add Reactions",
}


def missing_permissions(
    channel: discord.abc.GuildChannel | discord.Thread, needs: tuple[str, ...]
) -> str:
    """ "the Send Messages permission", "the Embed Links and Add Reactions permissions": what
    the bot lacks of ``needs`` in ``channel`` ("" if nothing, or if it cannot tell)."""
    me = channel.guild.me
    if me is None:
        return ""
    threads = isinstance(channel, discord.Thread | discord.ForumChannel)
    needs = tuple(
        "send_messages_in_threads" if threads and n == "send_messages" else n for n in needs
    )
    have = channel.permissions_for(me)
    lacking = [PERMISSION_NAMES[n] for n in needs if not getattr(have, n)]
    if not lacking:
        return ""
    names = ", ".join(lacking[:-1]) + " and " + lacking[-1] if len(lacking) > 1 else lacking[0]
    return f"the {names} permission{'s' if len(lacking) > 1 else ''}"


async def report_error(bot: BallardBot, guild_id: int | None, text: str) -> None:
    """Tell a server's moderators (in its log channel, if set) that something failed; at
    most once per server per ERROR_REPORT_WINDOW, so a broken handler never floods it."""
    if guild_id is None or not bot.error_reports.first(guild_id):
        return
    settings = await guild_settings(bot, guild_id)
    if settings.log_channel_id is not None:
        await post_to_log_channel(bot, settings.log_channel_id, f"⚠️ {text}")
