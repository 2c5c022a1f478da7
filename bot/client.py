"""The discord.py bot: settings in, extensions loaded, errors contained.

``create_bot(settings)`` is the one factory production and the end-to-end tests use. Discord
code stays thin: answering, moderation and knowledge admin live in ``bot/exts`` as cogs over
the pure core (:mod:`bot.service`, :mod:`bot.matching`, :mod:`bot.storage`).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.cooldowns import Cooldowns
from bot.service import KnowledgeService
from bot.settings import Settings
from bot.storage import Storage

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.exts.answers",
    "bot.exts.moderation",
    "bot.exts.knowledge_admin",
)
DATABASE_NAME = "ballard.sqlite3"
MESSAGE_CACHE = 200  # discord.py keeps recent messages; a small cache keeps memory low
APOLOGY = "Sorry, something went wrong on my side while answering that. Please try again."
EXIT_CONFIG = 2


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
    storage: Storage
    cooldowns: Cooldowns

    def _init_services(self, settings: Settings) -> None:
        self.settings = settings
        # discord.py warns at construction that PyNaCl and davey are missing, i.e. that voice
        # won't work; a text-only bot never joins voice, so the warnings only alarm operators.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        self.knowledge = KnowledgeService(
            settings.knowledge_path,
            settings.data_dir,
            settle_seconds=settings.knowledge_settle_seconds,
        )
        self.cooldowns = Cooldowns()
        self._background: set[asyncio.Task[Any]] = set()

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
        # With broken files the service starts from the last good copy, and says so loudly.
        await self.knowledge.reload(trigger="startup")
        if not self.knowledge.serving:
            raise RuntimeError(
                f"the knowledge base at {self.settings.knowledge_path} has errors and there is "
                "no last good copy to start from; run `ballard-bot validate` to see them"
            )
        self.storage = await Storage.open(self.settings.data_dir / DATABASE_NAME)
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        synced = await bot.tree.sync()
        log.info("registered %d slash commands", len(synced))

    def spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        """Run a background task that is kept referenced and logged if it fails."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._background.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._background.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background task %s failed", name, exc_info=t.exception())

        task.add_done_callback(done)
        return task

    async def close(self) -> None:
        for task in list(self._background):
            task.cancel()
        await super().close()  # type: ignore[misc]
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
        if isinstance(error, app_commands.MissingPermissions):
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

    def __init__(self, settings: Settings, **options: Any) -> None:
        self._init_services(settings)
        super().__init__(**_bot_options(options))


class ShardedBallardBot(_BallardMixin, commands.AutoShardedBot):
    """Auto-sharded: how a large deployment spreads across processes and machines."""

    def __init__(self, settings: Settings, **options: Any) -> None:
        self._init_services(settings)
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
    """The bot for these settings: auto-sharded when SHARD_COUNT or SHARD_IDS is set."""
    if settings.shard_count is not None or settings.shard_ids is not None:
        return ShardedBallardBot(settings, **options)
    return BallardBot(settings, **options)


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
    if not settings.discord_token:
        print(
            "error: DISCORD_TOKEN is not set: put it in the environment or in .env "
            "(see .env.example). `ballard-bot chat` works without one.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    from bot.service import check_before_start
    from bot.snapshot import SNAPSHOT_DIR

    problems, last_good = check_before_start(settings.knowledge_path, settings.data_dir)
    if problems and last_good is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"error: the knowledge base at {settings.knowledge_path} has {len(problems)} "
            f"error(s) and there is no last good copy in {settings.data_dir / SNAPSHOT_DIR} to "
            "start from; fix them (`ballard-bot validate`) and start again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    # With problems and a last good copy, the bot starts from the copy: setup_hook logs both.
    setup_logging(settings.log_level)

    async def main() -> None:
        async with create_bot(settings) as bot:
            await bot.start(settings.discord_token or "")

    try:
        asyncio.run(main())
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
