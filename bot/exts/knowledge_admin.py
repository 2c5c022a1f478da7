"""Knowledge admin: watch the YAML files and reload on every edit, never going down on a bad one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

if TYPE_CHECKING:
    from bot.client import BallardBot


class KnowledgeAdmin(commands.Cog):
    """Runs the file watcher; `/faq reload` (in moderation) reloads on demand."""

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        # The service logs every reload with its errors (file:line) and keeps the last good
        # knowledge base; the watcher only triggers reloads. It stops when the bot closes.
        if self.bot.settings.watch_knowledge:
            self.bot.spawn(self.bot.knowledge.watch(), name="knowledge-watch")


async def setup(bot: BallardBot) -> None:
    await bot.add_cog(KnowledgeAdmin(bot))
