"""Moderator commands: `/faq ...`, for members with Manage Server or the moderator role."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import charts
from bot.cooldowns import CHANNEL_BURST, CHANNEL_WINDOW, MEMBER_BURST
from bot.exts import _teaching as teaching
from bot.exts._delivery import (
    ANSWERING,
    REACTING,
    missing_permissions,
    parent_of,
    post_to_log_channel,
)
from bot.exts._moderators import _fit, _quote, may_moderate, moderator
from bot.exts._options import Within
from bot.exts._review import REVIEW_ITEMS, queue_page
from bot.reloads import standing
from bot.stats_report import stats_report
from bot.storage import MAX_COOLDOWN_SECONDS, ChannelMode, GuildSettings
from bot.text import counted

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2_000
CHART_NAME = "stats.png"
MAX_STALE_SHOWN = 20  # lines of /faq stale (a message holds 2,000 characters)
NO_MENTIONS = discord.AllowedMentions.none()
DAYS = Within("days", 1, 365)  # how far back /faq unanswered and /faq stats look

ANY_CHANNEL = discord.TextChannel | discord.Thread | discord.ForumChannel


def describe_settings(settings: GuildSettings, knowledge: str, troubles: Sequence[str] = ()) -> str:
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
    apart = (
        [
            "• Threads answering only when asked, whatever their channel: "
            + channels(settings.ordinary_channels)
        ]
        if settings.ordinary_channels
        else []
    )
    return "\n".join(
        [
            "**Settings in this server**",
            f"• Auto-answer channels: {channels(settings.autoanswer_channels)}",
            f"• Quiet channels (no answers): {channels(settings.quiet_channels)}",
            *apart,
            f"• Per member: {rate}",
            f"• Per channel: at most {CHANNEL_BURST} answers every {CHANNEL_WINDOW:g} s "
            "(Discord's limit); more wait their turn",
            f"• Moderator role: {role} (besides Manage Server)",
            f"• Log channel: {log_channel}",
            f"• Knowledge base: {knowledge}",
            *(f"  {trouble}" for trouble in troubles),
        ]
    )


MODE_WORDS = {"auto": "auto-answer", "quiet": "quiet"}


def _was(settings: GuildSettings, channel: ANY_CHANNEL, other: ChannelMode) -> str:
    """What a channel turned auto-answer or quiet had been, if it was the ``other``: " (It
    was a quiet channel: no longer.)", or for a thread that followed its channel, " (It was
    quiet, as <#channel> is: no longer.)"."""
    own, parent = settings.own_mode(channel.id), parent_of(channel)
    if settings.mode(channel.id, parent) != other:
        return ""
    if own is None and parent is not None:
        return f" (It was {MODE_WORDS[other]}, as <#{parent}> is: no longer.)"
    return f" (It was {'an' if other == 'auto' else 'a'} {MODE_WORDS[other]} channel: no longer.)"


def _beside_parent(channel: ANY_CHANNEL, mode: ChannelMode, settings: GuildSettings) -> str:
    """What a thread's setting, just turned off, means beside its channel's: ", although
    <#channel> is quiet" (the thread is set apart), ". It follows <#channel>, a quiet
    channel" (it has no setting of its own any more); "" when it is not a thread, or its
    channel answers when asked."""
    parent = parent_of(channel)
    if parent is None or (kept := settings.mode(parent)) == "ordinary":
        return ""
    own = settings.own_mode(channel.id)
    if own == "ordinary" and kept == mode:
        return f", although <#{parent}> is " + (
            "an auto-answer channel" if kept == "auto" else "quiet"
        )
    if own is None:
        return f". It follows <#{parent}>, " + (
            "an auto-answer channel" if kept == "auto" else "a quiet channel"
        )
    return ""


def _modrole_refusal(interaction: discord.Interaction, role: discord.Role | None) -> str:
    """Why /faq modrole may not set ``role`` ("" if it may)."""
    if not interaction.permissions.manage_guild:
        # else a role's members could hand /faq to anyone, or take it from each other
        return (
            "❌ Only members with the **Manage Server** permission can change the moderator role."
        )
    if role is not None and role.is_default():
        return (
            "❌ Every member has @everyone, so it can't be the moderator role: pick a role "
            "that only your moderators have."
        )
    if role is not None and role.managed:
        return (
            f"❌ {role.mention} belongs to a bot or an integration: nobody can be given it, so "
            "it can't be the moderator role. Pick a role that your moderators have."
        )
    return ""


class Moderation(commands.Cog):
    """`/faq reload | autoanswer | quiet | cooldown | modrole | logchannel | settings |
    unanswered | teach | unknown | forget | stale | stats`."""

    faq = app_commands.Group(
        name="faq",
        description="Manage the Ballard FAQ bot in this server",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        """A server is (again) on this process's gateway: after a reshard it may come from
        another process, where its moderators changed its settings. Read them afresh."""
        self.bot.storage.forget_settings(guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.bot.storage.forget_settings(guild.id)

    async def _reply(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(
            _fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def _switch(
        self, guild_id: int, channel: ANY_CHANNEL, mode: ChannelMode, enabled: bool
    ) -> tuple[GuildSettings, GuildSettings]:
        """Turn auto-answer or quiet (``mode``) on or off in a channel. A channel is one or the
        other: turning one on turns the other off. A thread's own setting wins over its
        channel's: turned off in a thread that would still have it from its channel, the
        thread is set apart (ordinary: it answers when asked). The settings before, and now."""
        storage = self.bot.storage
        before = await storage.guild_settings(guild_id)
        was = before.own_mode(channel.id)
        if enabled and was is not None and was != mode:
            clear = {
                "auto": storage.set_autoanswer,
                "quiet": storage.set_quiet,
                "ordinary": storage.set_ordinary,
            }[was]
            await clear(guild_id, channel.id, False)
        switch = storage.set_autoanswer if mode == "auto" else storage.set_quiet
        await switch(guild_id, channel.id, enabled)
        after = await storage.guild_settings(guild_id)
        if not enabled and after.mode(channel.id, parent_of(channel)) == mode:
            await storage.set_ordinary(guild_id, channel.id, True)
            after = await storage.guild_settings(guild_id)
        return before, after

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
        before, settings = await self._switch(interaction.guild_id, channel, "auto", enabled)
        where = ", ".join(f"<#{c}>" for c in sorted(settings.autoanswer_channels)) or "none"
        state = "will now answer" if enabled else "will no longer answer"
        also = "" if isinstance(channel, discord.Thread) else " and its threads"
        beside = "" if enabled else _beside_parent(channel, "auto", settings)
        was = _was(before, channel, "quiet") if enabled else ""
        lacking = missing_permissions(channel, ANSWERING) if enabled else ""
        warning = (
            f"\n⚠️ I can't post in {channel.mention} yet: give me {lacking} there, or fans "
            "who ask there get no answer."
            if lacking
            else ""
        )
        await self._reply(
            interaction,
            f"OK: I {state} questions in {channel.mention}{also} without a "
            f"mention (when I'm confident){beside}.{was}{warning}\nAuto-answer channels: "
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
        before, settings = await self._switch(interaction.guild_id, channel, "quiet", enabled)
        where = ", ".join(f"<#{c}>" for c in sorted(settings.quiet_channels)) or "none"
        was = _was(before, channel, "auto") if enabled else ""
        text = (
            f"OK: I won't answer in {channel.mention}. Members who ask there get a 🔕 "
            f"reaction, and /ask answers them privately.{was}"
            if enabled
            else f"OK: I answer in {channel.mention} again"
            f"{_beside_parent(channel, 'quiet', settings)}."
        )
        lacking = missing_permissions(channel, REACTING) if enabled else ""
        if lacking:
            text += (
                f"\n⚠️ I can't react in {channel.mention} yet: give me {lacking} there, or "
                "members who ask there see no 🔕."
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
        refusal = _modrole_refusal(interaction, role)
        if refusal:
            await self._reply(interaction, refusal)
            return
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
        knowledge = self.bot.knowledge
        troubles = standing(knowledge.last_result, knowledge.pending, knowledge.serving_copy)
        await self._reply(interaction, describe_settings(current, knowledge.kb.summary(), troubles))

    @faq.command(name="cooldown")
    @app_commands.describe(
        seconds="After 3 questions in a row, seconds between a member's answers (0: no limit)"
    )
    @moderator
    async def cooldown(
        self,
        interaction: discord.Interaction,
        seconds: app_commands.Transform[int, Within("seconds", 0, MAX_COOLDOWN_SECONDS)],
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
        self, interaction: discord.Interaction, days: app_commands.Transform[int, DAYS] = 30
    ) -> None:
        """Review what fans asked that the bot could not answer: teach, mark unknown, dismiss."""
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        page = await queue_page(self.bot, interaction.guild_id, days, 0)
        if page["view"] is None:
            del page["view"]
        await interaction.followup.send(ephemeral=True, allowed_mentions=NO_MENTIONS, **page)

    @faq.command(name="teach")
    @app_commands.describe(
        question="A question fans ask, as they ask it",
        fact="The fact (or known unknown) that answers it",
    )
    @moderator
    async def teach(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 300],
        fact: app_commands.Range[str, 1, 64],
    ) -> None:
        """Teach the bot a question as an example of a fact (written to learned.yaml)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = await teaching.teach(self.bot, question, fact, interaction.user)
        await interaction.followup.send(_fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @teach.autocomplete("fact")
    async def teach_fact(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not await may_moderate(interaction):  # (a fan had got the list of facts)
            return []
        question = getattr(interaction.namespace, "question", None) or ""
        return teaching.entry_choices(self.bot.knowledge.matcher, current[:100], str(question))

    @faq.command(name="unknown")
    @app_commands.describe(
        question="A question fans ask that the sources cannot answer yet",
        about="What it is about, in a few words (e.g. the soundtrack)",
    )
    @moderator
    async def unknown(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 300],
        about: app_commands.Range[str, 1, 100],
    ) -> None:
        """Mark a question as a known unknown: the bot says it doesn't know yet."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = await teaching.mark_unknown(self.bot, question, about, interaction.user)
        await interaction.followup.send(_fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @faq.command(name="forget")
    @app_commands.describe(question="A question taught earlier (from learned.yaml)")
    @moderator
    async def forget(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 300]
    ) -> None:
        """Take a taught question out of learned.yaml."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = await teaching.forget(self.bot, question)
        await interaction.followup.send(_fit(text), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @forget.autocomplete("question")
    async def forget_question(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not await may_moderate(interaction):  # (a fan had got every taught question)
            return []
        return teaching.taught_choices(self.bot, current[:100])

    @faq.command(name="stale")
    @moderator
    async def stale(self, interaction: discord.Interaction) -> None:
        """Facts that may be out of date: past their review date."""
        kb = self.bot.knowledge.kb
        today = dt.datetime.now(dt.UTC).date()
        found = [f for f in kb.facts if kb.is_stale(f, today)]
        period = kb.settings.review_after_days
        rule = f"{period} days after their as-of date" if period else "their review_after date"
        if not found:
            await self._reply(interaction, f"No fact is past its review date ({rule}). ✅")
            return
        lines = [
            f"**{len(found)} of {len(kb.facts)} facts may be out of date** (reviewed {rule}, "
            "unless a fact sets its own review_after):"
        ]
        for fact in found[:MAX_STALE_SHOWN]:
            due = kb.review_date(fact)
            lines.append(
                f"• `{fact.id}`: as of {fact.as_of}, due {due} ({fact.file.rsplit('/', 1)[-1]})"
            )
        if len(found) > MAX_STALE_SHOWN:
            lines.append(
                f"…and {len(found) - MAX_STALE_SHOWN} more (`ballard-bot validate` lists all)."
            )
        lines.append("Check each answer, then update its `as_of` (or `review_after`).")
        await self._reply(interaction, "\n".join(lines))

    @faq.command(name="stats")
    @app_commands.describe(days="How many days back to count (default 30)")
    @moderator
    async def stats(
        self, interaction: discord.Interaction, days: app_commands.Transform[int, DAYS] = 30
    ) -> None:
        """Questions asked, answer rate, most asked facts and feedback, with a chart."""
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await stats_report(self.bot.storage, interaction.guild_id, days)
        lines = report.lines(heading=lambda text: f"**{text}**", quote=_quote)
        await interaction.followup.send(
            _fit("\n".join(lines)), ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        # The chart follows as a second message: drawing it takes a moment (a child process).
        self.bot.spawn(self._send_chart(interaction, days), name="stats-chart")

    async def _send_chart(self, interaction: discord.Interaction, days: int) -> None:
        assert interaction.guild_id is not None
        try:
            guild = interaction.guild.name if interaction.guild else "this server"
            figures = await self.bot.storage.review.chart(
                interaction.guild_id, days, f"{guild}: the last {counted(days, 'day')}"
            )
            png = await charts.render(figures)
        except charts.ChartError as exc:
            log.warning("/faq stats: %s", exc)
            await interaction.followup.send(
                f"(No chart this time: {exc}.)", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        await interaction.followup.send(
            f"📈 The last {counted(days, 'day')}",
            file=discord.File(io.BytesIO(png), filename=CHART_NAME),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: BallardBot) -> None:
    bot.add_dynamic_items(*REVIEW_ITEMS)
    await bot.add_cog(Moderation(bot))
