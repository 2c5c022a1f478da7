"""Getting replies out and questions logged, whatever Discord or the disk is doing.

Shared by the cogs. A reply is retried through Discord's 5xx errors and lost connections
(with a nonce, so a retry of a message Discord did create is not posted twice); a question
is logged in the background with retries, so a slow or failing database never delays or
costs an answer; reactions and log-channel posts are best effort.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
)

from bot.storage import GuildSettings

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
SEND_ATTEMPTS = 5
SEND_DEADLINE = 30.0  # seconds: past this a reply would answer a conversation long gone
WRITE_ATTEMPTS = 4  # the database's own busy timeout (5 s) comes on top of each wait
DEFAULT_SETTINGS = GuildSettings()


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
    try:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=wait_exponential(multiplier=0.5, max=8),
            stop=stop_after_attempt(SEND_ATTEMPTS) | stop_after_delay(SEND_DEADLINE),
            reraise=True,
        ):
            with attempt:
                # The question's id as nonce: Discord returns the first message instead of
                # posting a second one when a retry repeats a send that did go through.
                return await message.channel.send(
                    reference=reference, mention_author=False, nonce=message.id, **kwargs
                )
    except discord.HTTPException as exc:
        log.warning(
            "could not reply in channel %s (HTTP %s): %s", message.channel.id, exc.status, exc
        )
    except Exception as exc:  # transient errors that outlasted every retry
        log.warning("could not reply in channel %s: %r", message.channel.id, exc)
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


def write_later(bot: BallardBot, what: str, write: Callable[[], Awaitable[object]]) -> None:
    """Run a database write in the background, retrying a busy or failing database; a write
    that still fails is dropped with a warning, never at the cost of an answer."""

    async def run() -> None:
        try:
            async for attempt in AsyncRetrying(
                wait=wait_exponential(multiplier=0.5, max=8),
                stop=stop_after_attempt(WRITE_ATTEMPTS),
                reraise=True,
            ):
                with attempt:
                    await write()
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


async def report_error(bot: BallardBot, guild_id: int | None, text: str) -> None:
    """Tell a server's moderators (in its log channel, if set) that something failed; at
    most once per server per ERROR_REPORT_WINDOW, so a broken handler never floods it."""
    if guild_id is None or not bot.error_reports.first(guild_id):
        return
    settings = await guild_settings(bot, guild_id)
    if settings.log_channel_id is not None:
        await post_to_log_channel(bot, settings.log_channel_id, f"⚠️ {text}")
