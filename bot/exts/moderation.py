"""Moderator commands: `/faq ...`, for members with Manage Server only."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.storage import MAX_COOLDOWN_SECONDS

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2_000
NO_MENTIONS = discord.AllowedMentions.none()

# Two layers: Discord hides the group from members without Manage Server (a server admin can
# change that in the integration settings), and every command checks it again here.
manage_server = app_commands.checks.has_permissions(manage_guild=True)


def _fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str, limit: int = 80) -> str:
    """User text shown back to moderators: one line, no markdown or mentions can leak."""
    flat = " ".join(text.split())
    flat = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return discord.utils.escape_mentions(discord.utils.escape_markdown(flat))


class Moderation(commands.Cog):
    """`/faq reload | autoanswer | cooldown | unanswered | stats`."""

    faq = app_commands.Group(
        name="faq",
        description="Manage the Ballard FAQ bot in this server",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot

    async def _reply(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(
            _fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @faq.command(name="reload")
    @manage_server
    async def reload(self, interaction: discord.Interaction) -> None:
        """Reload the knowledge base now, removals included, and show its counts or its errors."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        held = self.bot.knowledge.pending  # an automatic reload waiting for this command
        result = await self.bot.knowledge.reload(trigger="command")
        text = result.describe()
        if held is not None and result.applied:
            text += (
                f"\n(The automatic reload at {held.at:%H:%M} UTC had held this back: "
                f"{held.losses()}.)"
            )
        log.info("/faq reload by %s: %s", interaction.user.id, result.kind)
        await interaction.followup.send(_fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @faq.command(name="autoanswer")
    @app_commands.describe(
        channel="The channel to change",
        enabled="Answer confident questions there without being mentioned",
    )
    @manage_server
    async def autoanswer(
        self, interaction: discord.Interaction, channel: discord.TextChannel, enabled: bool
    ) -> None:
        """Let the bot answer questions in a channel without being mentioned (or stop it)."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_autoanswer(interaction.guild_id, channel.id, enabled)
        settings = await self.bot.storage.guild_settings(interaction.guild_id)
        where = ", ".join(f"<#{c}>" for c in sorted(settings.autoanswer_channels)) or "none"
        state = "will now answer" if enabled else "will no longer answer"
        await self._reply(
            interaction,
            f"OK: I {state} questions in {channel.mention} without a "
            f"mention (when I'm confident).\nAuto-answer channels: "
            f"{where}",
        )

    @faq.command(name="cooldown")
    @app_commands.describe(
        seconds="Seconds between answers to the same member in a channel (0 turns cooldowns off)"
    )
    @manage_server
    async def cooldown(
        self,
        interaction: discord.Interaction,
        seconds: app_commands.Range[int, 0, MAX_COOLDOWN_SECONDS],
    ) -> None:
        """Set how often one member can get an answer in a channel."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_cooldown(interaction.guild_id, seconds)
        text = (
            f"OK: a member gets at most one answer every {seconds} s in a channel."
            if seconds
            else "OK: cooldowns are off in this server."
        )
        await self._reply(interaction, text)

    @faq.command(name="unanswered")
    @app_commands.describe(days="How many days back to look (default 30)")
    @manage_server
    async def unanswered(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 365] = 30
    ) -> None:
        """Recent questions the bot could not answer, grouped, most asked first."""
        assert interaction.guild_id is not None
        groups = await self.bot.storage.unanswered(interaction.guild_id, limit=15, days=days)
        if not groups:
            await self._reply(interaction, f"No unanswered questions in the last {days} days. 🎉")
            return
        lines = [f"**Unanswered in the last {days} days** (times asked · latest wording):"]
        lines += [f"{g.count}× {_quote(g.example)}" for g in groups]
        lines.append("Add an answer to the knowledge base, or an entry to knowledge/unknowns.yaml.")
        await self._reply(interaction, "\n".join(lines))

    @faq.command(name="stats")
    @app_commands.describe(days="How many days back to count (default 30)")
    @manage_server
    async def stats(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 365] = 30
    ) -> None:
        """Questions asked, answer rate, most asked facts and feedback."""
        assert interaction.guild_id is not None
        s = await self.bot.storage.stats(interaction.guild_id, days=days)
        lines = [
            f"**Last {days} days**: {s.questions} questions, {s.answered} answered "
            f"({s.answer_rate:.0%}), {s.suggested} 'did you mean', {s.unanswered} unanswered.",
        ]
        if s.top_facts:
            lines.append("Most asked: " + ", ".join(f"{fid} ({n})" for fid, n in s.top_facts))
        if s.feedback:
            lines.append("Feedback:")
            for fact_id, counts in sorted(s.feedback.items()):
                votes = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
                lines.append(f"• {fact_id}: {votes}")
        await self._reply(interaction, "\n".join(lines))


async def setup(bot: BallardBot) -> None:
    await bot.add_cog(Moderation(bot))
