"""The discord.py bot: settings in, extensions loaded, errors contained.

``create_bot(settings)`` is the one factory production and the end-to-end tests use. Discord
code stays thin: answering, moderation and knowledge admin live in ``bot/exts`` as cogs over
the pure core (:mod:`bot.service`, :mod:`bot.matching`, :mod:`bot.storage`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import signal
import sqlite3
import sys
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential

from bot._gateway import guard_gateway
from bot.command_sync import sync_if_changed
from bot.cooldowns import ChannelPacer, MemberLimits, OncePer
from bot.database import DatabaseUnavailable, redact
from bot.learned import LearnedFile
from bot.locations import find_knowledge, is_shipped
from bot.service import KnowledgeService
from bot.settings import DATABASE_NAME, Settings
from bot.storage import SchemaError, Storage
from bot.text import counted

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.exts.answers",
    "bot.exts.moderation",
    "bot.exts.knowledge_admin",
)
MESSAGE_CACHE = 200  # discord.py keeps recent messages; a small cache keeps memory low
APOLOGY = "Sorry, something went wrong on my side while answering that. Please try again."
EXIT_CONFIG = 2
LOGIN_MAX_WAIT = 60.0  # seconds between tries when Discord cannot be reached
CLOSE_GRACE = 10.0  # seconds that pending database writes get to finish when the bot stops
ERROR_REPORT_WINDOW = 300.0  # one error notice per server's log channel per 5 minutes


class StartupError(RuntimeError):
    """The bot cannot start; the message is one line naming the cause and the path."""


def intents() -> discord.Intents:
    """Only what the bot needs: guilds, messages (with content, to answer passively), DMs."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = True
    return wanted


class _BallardMixin:
    """Shared by the plain and the auto-sharded bot."""

    settings: Settings
    knowledge: KnowledgeService
    learned: LearnedFile
    storage: Storage
    limits: MemberLimits
    pacer: ChannelPacer
    error_reports: OncePer
    skip_bad_gateway_payloads = True  # see bot._gateway

    def _init_services(self, settings: Settings, storage: Storage | None = None) -> None:
        self.settings = settings
        # discord.py warns at construction that PyNaCl and davey are missing, i.e. that voice
        # won't work; a text-only bot never joins voice, so the warnings only alarm operators.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        guard_gateway()
        knowledge_path = settings.knowledge_path or find_knowledge(None)
        self.knowledge = KnowledgeService(
            knowledge_path,
            settings.data_dir,
            settle_seconds=settings.knowledge_settle_seconds,
        )
        self.learned = LearnedFile(knowledge_path)
        if storage is not None:
            self.storage = storage
        self.limits = MemberLimits()
        self.pacer = ChannelPacer()
        self.error_reports = OncePer(ERROR_REPORT_WINDOW)
        self._background: set[asyncio.Task[Any]] = set()
        self._kept: set[asyncio.Task[Any]] = set()  # writes that close() lets finish
        self._closing = False

    async def login(self, token: str) -> None:
        # Point discord.py at a Discord-compatible server when configured (self-hosted, or
        # the test stand-in); otherwise leave Discord's own endpoints alone.
        if self.settings.discord_api_base:
            discord.http.Route.BASE = self.settings.discord_api_base.rstrip("/")
        if self.settings.discord_gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
                self.settings.discord_gateway_url
            )
        await super().login(token)  # type: ignore[misc]

    async def setup_hook(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        # login() calls this just after Discord accepted the token: say whose token it is.
        if bot.user is not None:
            log.info("logged in to Discord as %s (id %s)", bot.user, bot.user.id)
        # login() may be tried again after a network error: every step here is idempotent.
        # With broken files the service starts from the last good copy, and says so loudly.
        if not self.knowledge.serving:
            await self.knowledge.reload(trigger="startup")
        if not self.knowledge.serving:
            raise StartupError(
                f"the knowledge base at {self.knowledge.path} has errors and there is "
                "no last good copy to start from; run `ballard-bot validate` to see them"
            )
        if getattr(self, "storage", None) is None:
            self.storage = await open_storage(self.settings)
        for extension in EXTENSIONS:
            if extension not in bot.extensions:
                await bot.load_extension(extension)
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        if bot.application_id is None:
            raise StartupError("Discord gave no application id for this bot's token")
        await sync_if_changed(
            bot.tree, bot.application_id, self.settings.data_dir, self.settings.discord_api_base
        )

    def spawn(self, coro: Any, name: str, *, keep_on_close: bool = False) -> asyncio.Task[Any]:
        """Run a background task that is kept referenced and logged if it fails. On close,
        tasks are cancelled, except ``keep_on_close`` ones (writes), which may finish."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        if self._closing and not keep_on_close:
            # a command that finishes while the bot closes (/faq stats's chart) starts
            # nothing that would run on after the database has closed
            task.cancel()
        tasks = self._kept if keep_on_close else self._background
        tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background task %s failed", name, exc_info=t.exception())

        task.add_done_callback(done)
        return task

    async def close(self) -> None:
        """Close the gateway, let pending writes finish (briefly), then close the database."""
        self._closing = True
        cancelled = list(self._background)
        for task in cancelled:
            task.cancel()
        if cancelled:  # a moment to clean up (a chart's child process is ended, not left)
            await asyncio.wait(cancelled, timeout=2)
        await super().close()  # type: ignore[misc]
        if self._kept:
            _, late = await asyncio.wait(list(self._kept), timeout=CLOSE_GRACE)
            for task in late:
                task.cancel()
            if late:
                log.warning("closing: %d database write(s) did not finish in time", len(late))
        storage = getattr(self, "storage", None)
        if storage is not None:
            await storage.close()

    async def on_message(self, message: discord.Message, /) -> None:
        """Run no prefix commands (the bot has none); the Answers cog listens to messages."""
        # commands.Bot's default would parse every mention as a prefix command and log a
        # CommandNotFound ERROR for each question asked.

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        # An exception in any event handler is logged; the bot stays up.
        log.exception("unhandled error in %s", event_method)

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Refusals get their own message; anything else is logged and apologised for."""
        # a refusal that says why: not a moderator, an option's value out of range...
        if getattr(error, "user_message", None):
            message = error.user_message  # type: ignore[attr-defined]
        elif isinstance(error, app_commands.MissingPermissions):
            message = "You need the **Manage Server** permission to use this command."
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = "This command only works in a server."
        elif isinstance(error, app_commands.CheckFailure):
            message = "You can't use this command here."
        else:
            log.error(
                "slash command %s failed",
                getattr(interaction.command, "qualified_name", "?"),
                exc_info=error,
            )
            message = APOLOGY
        await send_ephemeral(interaction, message)


async def send_ephemeral(interaction: discord.Interaction, content: str) -> None:
    """Answer an interaction privately, whether or not it was already responded to."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                content, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("could not send an ephemeral reply", exc_info=True)


class BallardBot(_BallardMixin, commands.Bot):
    """One process, one connection: the usual small-server bot."""

    def __init__(
        self, settings: Settings, *, storage: Storage | None = None, **options: Any
    ) -> None:
        self._init_services(settings, storage)
        super().__init__(**_bot_options(options))


class ShardedBallardBot(_BallardMixin, commands.AutoShardedBot):
    """Auto-sharded: how a large deployment spreads across processes and machines."""

    def __init__(
        self, settings: Settings, *, storage: Storage | None = None, **options: Any
    ) -> None:
        self._init_services(settings, storage)
        # None (SHARD_COUNT=auto): discord.py asks Discord for its recommended count.
        options.setdefault("shard_count", settings.shard_count)
        options.setdefault("shard_ids", list(settings.shard_ids) if settings.shard_ids else None)
        super().__init__(**_bot_options(options))


def _bot_options(options: dict[str, Any]) -> dict[str, Any]:
    # Required by commands.Bot but never consulted: on_message processes no commands.
    options.setdefault("command_prefix", commands.when_mentioned)
    options.setdefault("intents", intents())
    options.setdefault("help_command", None)
    options.setdefault("max_messages", MESSAGE_CACHE)
    options.setdefault("allowed_mentions", discord.AllowedMentions.none())
    options.setdefault("chunk_guilds_at_startup", False)
    return options


def create_bot(settings: Settings, **options: Any) -> BallardBot | ShardedBallardBot:
    """The bot for these settings: auto-sharded when SHARD_COUNT is set (a number or auto)."""
    if settings.sharded:
        return ShardedBallardBot(settings, **options)
    return BallardBot(settings, **options)


async def open_storage(settings: Settings) -> Storage:
    """The bot's database; a StartupError naming it (never with its password) if it cannot
    be used."""
    if settings.database_url:
        name = redact(settings.database_url)
        try:
            storage = await Storage.open(settings.database_url)
        except SchemaError as exc:
            raise StartupError(f"the database {name} cannot be used: {exc}") from None
        except DatabaseUnavailable as exc:
            raise StartupError(f"cannot use the database {name}: {exc}") from None
        log.info("database: %s (PostgreSQL)", name)
        return storage
    path = settings.data_dir / DATABASE_NAME
    try:
        return await Storage.open(path)
    except SchemaError as exc:
        raise StartupError(f"the database {path} cannot be used: {exc}") from None
    except sqlite3.DatabaseError as exc:  # not a database, corrupt, locked for good...
        raise StartupError(
            f"the database {path} cannot be used ({exc}); restore a backup or move it away"
        ) from None
    except OSError as exc:
        raise StartupError(
            f"cannot create or open the database {path}: {exc.strerror or exc}"
        ) from None


async def _serve(settings: Settings, token: str) -> None:
    """Open the database, log in (waiting for Discord if it is unreachable) and serve until
    the gateway closes or SIGTERM / SIGINT asks the bot to stop cleanly."""
    storage = await open_storage(settings)
    async with create_bot(settings, storage=storage) as bot:
        loop = asyncio.get_running_loop()
        closing: list[asyncio.Task[None]] = []

        def stop(signum: int) -> None:
            if not closing:
                log.info("%s: closing the gateway and the database", signal.Signals(signum).name)
                closing.append(loop.create_task(bot.close()))

        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop, signum)
        await login_with_retry(bot, token)
        await bot.connect(reconnect=True)
        if closing:
            await closing[0]


def _unreachable(exc: BaseException) -> bool:
    return isinstance(
        exc, aiohttp.ClientConnectionError | OSError | TimeoutError | discord.DiscordServerError
    )


async def login_with_retry(bot: discord.Client, token: str) -> None:
    """Log in; while Discord cannot be reached, try again with back-off (one line a try)."""

    def say(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0
        log.warning("cannot reach Discord (%s); trying again in %.0f s", _reason(exc), wait)

    async for attempt in AsyncRetrying(
        retry=retry_if_exception(_unreachable),
        wait=wait_exponential(multiplier=1, min=1, max=LOGIN_MAX_WAIT),
        before_sleep=say,
        reraise=True,
    ):
        with attempt:
            await bot.login(token)


def _reason(exc: BaseException | None) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"HTTP {exc.status}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"{exc.host}:{exc.port}: {exc.os_error.strerror or exc.os_error}"
    return f"{type(exc).__name__}: {exc}" if exc else "?"


def setup_logging(level_name: str) -> None:
    """Log to stderr in discord.py's format at LOG_LEVEL (`run` only; tests keep pytest's)."""
    level = getattr(logging, level_name)
    discord.utils.setup_logging(level=level, root=True)
    if level == logging.INFO:
        # discord.client's one INFO line, "logging in using static token", comes before Discord
        # has checked the token, so a rejected token would print it above the error; setup_hook
        # logs who the bot is once the token is accepted instead. DEBUG keeps it.
        logging.getLogger("discord.client").setLevel(logging.WARNING)


def run_bot(settings: Settings) -> int:
    """`ballard-bot run`: connect and serve until stopped; returns the exit status."""
    token = settings.discord_token
    if not token:
        print(
            "error: DISCORD_TOKEN is not set: put it in the environment or in .env "
            "(see .env.example). `ballard-bot chat` works without one.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    from bot.service import check_before_start
    from bot.snapshot import SNAPSHOT_DIR

    knowledge_path = settings.knowledge_path or find_knowledge(None)
    settings = dataclasses.replace(settings, knowledge_path=knowledge_path)
    problems, last_good = check_before_start(knowledge_path, settings.data_dir)
    if problems and last_good is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"error: the knowledge base at {knowledge_path} has {counted(len(problems), 'error')}"
            f" and there is no last good copy in {settings.data_dir / SNAPSHOT_DIR} to "
            f"start from; fix {'it' if len(problems) == 1 else 'them'} (`ballard-bot validate`)"
            " and start again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    # With problems and a last good copy, the bot starts from the copy: setup_hook logs both.
    setup_logging(settings.log_level)
    if is_shipped(knowledge_path):
        log.warning(
            "serving the knowledge base installed with the package (%s): an upgrade replaces "
            "it, teachings included; copy it to a folder of your own and set KNOWLEDGE_PATH",
            knowledge_path,
        )

    try:
        asyncio.run(_serve(settings, token))
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except discord.LoginFailure:
        print(
            "error: Discord rejected the token in DISCORD_TOKEN; check it in the developer "
            "portal (Bot -> Reset Token).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except discord.PrivilegedIntentsRequired:
        print(
            "error: enable the Message Content intent for this bot in the developer portal "
            "(Bot -> Privileged Gateway Intents).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except KeyboardInterrupt:
        pass
    return 0
