"""Moderator commands: `/faq ...`, for members with Manage Server or the moderator role."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cooldowns import CHANNEL_BURST, CHANNEL_WINDOW, MEMBER_BURST
from bot.exts._delivery import guild_settings, post_to_log_channel
from bot.storage import MAX_COOLDOWN_SECONDS, GuildSettings

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2_000
NO_MENTIONS = discord.AllowedMentions.none()

ANY_CHANNEL = discord.TextChannel | discord.Thread | discord.ForumChannel
DELIVERY_WORDS = {
    "held": "held back (asked too fast)",
    "muted": "in quiet channels",
    "failed": "not delivered",
}


class NotModerator(app_commands.CheckFailure):
    """The member has neither Manage Server nor the server's moderator role."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message  # what the error handler shows the member


async def _is_moderator(interaction: discord.Interaction) -> bool:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if interaction.permissions.manage_guild:
        return True
    settings = await guild_settings(interaction.client, interaction.guild_id)  # type: ignore[arg-type]
    role_id = settings.moderator_role_id
    member = interaction.user
    if role_id is not None and isinstance(member, discord.Member) and member.get_role(role_id):
        return True
    extra = f" or the <@&{role_id}> role" if role_id is not None else ""
    raise NotModerator(f"You need the **Manage Server** permission{extra} to use this command.")


# Two layers: Discord hides the group from members without Manage Server (a server admin can
# show it to the moderator role in Server Settings -> Integrations), and every command checks
# here: Manage Server, or the moderator role set with /faq modrole.
moderator = app_commands.check(_is_moderator)


def _fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str, limit: int = 80) -> str:
    """User text shown back to moderators: one line, no markdown or mentions can leak."""
    flat = " ".join(text.split())
    flat = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return discord.utils.escape_mentions(discord.utils.escape_markdown(flat))


def describe_settings(settings: GuildSettings, knowledge: str) -> str:
    """Everything in force in a server, as /faq settings shows it."""

    def channels(ids: frozenset[int]) -> str:
        return ", ".join(f"<#{c}>" for c in sorted(ids)) or "none"

    cooldown = settings.cooldown_seconds
    rate = (
        f"{MEMBER_BURST} questions in a row, then one every {cooldown} s"
        if cooldown
        else "no limit per member"
    )
    role = f"<@&{settings.moderator_role_id}>" if settings.moderator_role_id else "none"
    log_channel = f"<#{settings.log_channel_id}>" if settings.log_channel_id else "none"
    return "\n".join(
        [
            "**Settings in this server**",
            f"• Auto-answer channels: {channels(settings.autoanswer_channels)}",
            f"• Quiet channels (no answers): {channels(settings.quiet_channels)}",
            f"• Per member: {rate}",
            f"• Per channel: at most {CHANNEL_BURST} answers every {CHANNEL_WINDOW:g} s "
            "(Discord's limit); more wait their turn",
            f"• Moderator role: {role} (besides Manage Server)",
            f"• Log channel: {log_channel}",
            f"• Knowledge base: {knowledge}",
        ]
    )


class Moderation(commands.Cog):
    """`/faq reload | autoanswer | quiet | cooldown | modrole | logchannel | settings |
    unanswered | stats`."""

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
    @moderator
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
    @moderator
    async def autoanswer(
        self, interaction: discord.Interaction, channel: ANY_CHANNEL, enabled: bool
    ) -> None:
        """Let the bot answer questions in a channel without being mentioned (or stop it)."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_autoanswer(interaction.guild_id, channel.id, enabled)
        settings = await self.bot.storage.guild_settings(interaction.guild_id)
        where = ", ".join(f"<#{c}>" for c in sorted(settings.autoanswer_channels)) or "none"
        state = "will now answer" if enabled else "will no longer answer"
        also = "" if isinstance(channel, discord.Thread) else " and its threads"
        await self._reply(
            interaction,
            f"OK: I {state} questions in {channel.mention}{also} without a "
            f"mention (when I'm confident).\nAuto-answer channels: "
            f"{where}",
        )

    @faq.command(name="quiet")
    @app_commands.describe(
        channel="The channel to change",
        enabled="True: don't answer there (askers get a 🔕 and /ask answers privately)",
    )
    @moderator
    async def quiet(
        self, interaction: discord.Interaction, channel: ANY_CHANNEL, enabled: bool
    ) -> None:
        """Switch the bot's answers off in a channel (or on again)."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_quiet(interaction.guild_id, channel.id, enabled)
        settings = await self.bot.storage.guild_settings(interaction.guild_id)
        where = ", ".join(f"<#{c}>" for c in sorted(settings.quiet_channels)) or "none"
        text = (
            f"OK: I won't answer in {channel.mention}. Members who ask there get a 🔕 "
            "reaction, and /ask answers them privately."
            if enabled
            else f"OK: I answer in {channel.mention} again."
        )
        await self._reply(interaction, f"{text}\nQuiet channels: {where}")

    @faq.command(name="modrole")
    @app_commands.describe(role="Members with this role may use /faq (leave empty to clear)")
    @moderator
    async def modrole(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        """Let a moderator role use /faq without the Manage Server permission."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_moderator_role(interaction.guild_id, role.id if role else None)
        text = (
            f"OK: members with {role.mention} may use /faq. Discord still hides /faq from "
            "them until a server admin allows the role in Server Settings -> Integrations."
            if role
            else "OK: only members with Manage Server may use /faq."
        )
        await self._reply(interaction, text)

    @faq.command(name="logchannel")
    @app_commands.describe(
        channel="Where to post knowledge reloads and errors (leave empty to stop posting)"
    )
    @moderator
    async def logchannel(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """Choose a channel where the bot tells moderators about reloads and errors."""
        assert interaction.guild_id is not None
        if channel is None:
            await self.bot.storage.set_log_channel(interaction.guild_id, None)
            await self._reply(interaction, "OK: I won't post reloads and errors any more.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        posted = await post_to_log_channel(
            self.bot,
            channel.id,
            "📋 I'll post knowledge-base reloads and errors here "
            f"(set by <@{interaction.user.id}>).",
        )
        if not posted:
            text = (
                f"❌ I can't post in {channel.mention}: give me the Send Messages permission "
                "there and try again."
            )
        else:
            await self.bot.storage.set_log_channel(interaction.guild_id, channel.id)
            text = f"OK: I'll post knowledge-base reloads and errors in {channel.mention}."
        await interaction.followup.send(_fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @faq.command(name="settings")
    @moderator
    async def settings(self, interaction: discord.Interaction) -> None:
        """Show every setting in force in this server."""
        assert interaction.guild_id is not None
        current = await self.bot.storage.guild_settings(interaction.guild_id)
        await self._reply(interaction, describe_settings(current, self.bot.knowledge.kb.summary()))

    @faq.command(name="cooldown")
    @app_commands.describe(
        seconds="After 3 questions in a row, seconds between a member's answers (0: no limit)"
    )
    @moderator
    async def cooldown(
        self,
        interaction: discord.Interaction,
        seconds: app_commands.Range[int, 0, MAX_COOLDOWN_SECONDS],
    ) -> None:
        """Set how often one member can get an answer once they have asked a few in a row."""
        assert interaction.guild_id is not None
        await self.bot.storage.set_cooldown(interaction.guild_id, seconds)
        text = (
            f"OK: a member may ask {MEMBER_BURST} questions in a row, then gets one answer "
            f"every {seconds} s. Faster questions get a ⏳ and are logged."
            if seconds
            else "OK: cooldowns are off in this server (each channel still gets at most "
            f"{CHANNEL_BURST} answers every {CHANNEL_WINDOW:g} s; more wait their turn)."
        )
        await self._reply(interaction, text)

    @faq.command(name="unanswered")
    @app_commands.describe(days="How many days back to look (default 30)")
    @moderator
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
    @moderator
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
        if s.deliveries:
            lines.append(
                "Not answered in the channel: "
                + ", ".join(f"{n} {DELIVERY_WORDS[k]}" for k, n in sorted(s.deliveries.items()))
            )
        if s.picks:
            lines.append(f"'Did you mean' choices pressed: {s.picks}")
        if s.top_facts:
            lines.append("Most asked: " + ", ".join(f"{fid} ({n})" for fid, n in s.top_facts))
        if s.feedback:
            lines.append("Feedback:")
            for fact_id, counts in sorted(s.feedback.items()):
                votes = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
                lines.append(f"• {fact_id}: {votes}")
            votes = await self.bot.storage.recent_votes(interaction.guild_id, days=days)
            if votes:
                lines.append("Latest 👎 / 🕰️ votes:")
                for vote in votes:
                    asked = _quote(vote.question, 60) if vote.question else "(question not logged)"
                    lines.append(f"• {vote.kind} on {vote.fact_id}: “{asked}”")
        await self._reply(interaction, "\n".join(lines))


async def setup(bot: BallardBot) -> None:
    await bot.add_cog(Moderation(bot))
