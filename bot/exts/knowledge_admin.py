"""Knowledge admin: watch the YAML files, reload on every edit, never going down on a bad one,
and tell moderators in their log channels what each reload did."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands

from bot.exts._delivery import post_to_log_channel
from bot.reloads import ReloadResult

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)


class KnowledgeAdmin(commands.Cog):
    """Runs the file watcher and posts reload results; `/faq reload` is in moderation."""

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot
        self._told_startup = False

    async def cog_load(self) -> None:
        # The service logs every reload with its errors (file:line), keeps the last good
        # knowledge base and holds reloads that would lose facts; the watcher only triggers
        # reloads. It stops when the bot closes.
        self.bot.knowledge.add_listener(self.announce)
        if self.bot.settings.watch_knowledge:
            self.bot.spawn(self.bot.knowledge.watch(), name="knowledge-watch")

    async def cog_unload(self) -> None:
        self.bot.knowledge.remove_listener(self.announce)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # The start-up load ran before this cog and before any server was known: a start
        # from the last good copy, or with a change held back, is told once connected.
        result = self.bot.knowledge.last_result
        if self._told_startup or result is None or result.trigger != "startup":
            return
        self._told_startup = True
        if result.kind != "applied" or result.started_from is not None or result.warnings:
            await self.announce(result)

    async def announce(self, result: ReloadResult) -> None:
        """Post a reload's result in the log channel of every server this process holds."""
        try:
            channels = await self.bot.storage.log_channels()
        except Exception:
            log.warning("could not read the log channels to announce a reload", exc_info=True)
            return
        text = f"📚 Knowledge base ({result.trigger}): {result.describe()}"
        for guild_id, channel_id in channels.items():
            if self.bot.get_guild(guild_id) is None:
                continue  # another shard's (or process's) server
            if await self.bot.pacer.wait(channel_id):
                await post_to_log_channel(self.bot, channel_id, text)


async def setup(bot: BallardBot) -> None:
    await bot.add_cog(KnowledgeAdmin(bot))
