"""Answering fans: mentions, replies, DMs, auto-answer channels, /ask and /facts."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import APOLOGY, send_ephemeral
from bot.exts._replies import DYNAMIC_ITEMS, NO_MENTIONS, facts_page, reply_for
from bot.matching import MatchResult
from bot.render import TOPICS_HINT
from bot.storage import GuildSettings

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

Trigger = Literal["dm", "mention", "reply", "auto"]
# In auto-answer channels nobody asked the bot, so it speaks only when it is sure.
PASSIVE_THRESHOLD = 0.75
GREETING = f"Hi! Ask me anything about Ballard. {TOPICS_HINT}"
SLOW_DOWN = "You're asking quickly! Give me a few seconds and ask again."
DM_SETTINGS = GuildSettings()  # direct messages use the defaults


class Answers(commands.Cog):
    """Answers questions wherever a fan asks the bot."""

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot

    # -- messages -------------------------------------------------------------------------

    async def _trigger(self, message: discord.Message) -> tuple[Trigger | None, GuildSettings]:
        me = self.bot.user
        if message.guild is None:
            return "dm", DM_SETTINGS
        settings = await self.bot.storage.guild_settings(message.guild.id)
        # Only an @mention written in the text asks the bot: Discord also puts the bot in
        # `mentions` of any reply to it that pings (the default), and "thanks!" asks nothing.
        if (
            me is not None
            and me.id in message.raw_mentions
            and any(user.id == me.id for user in message.mentions)
        ):
            return "mention", settings
        ref = message.reference
        if (
            me is not None
            and ref is not None
            and isinstance(ref.resolved, discord.Message)
            and ref.resolved.author.id == me.id
        ):
            return "reply", settings
        if message.channel.id in settings.autoanswer_channels:
            return "auto", settings
        return None, settings

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None:
            return  # never answer bots, including itself: no loops
        trigger: Trigger | None = None
        try:
            trigger, settings = await self._trigger(message)
            if trigger is not None:
                await self._answer_message(message, trigger, settings)
        except Exception:
            log.exception("answering message %s failed", message.id)
            if trigger not in (None, "auto"):
                await self._apologise(message)

    async def _answer_message(
        self, message: discord.Message, trigger: Trigger, settings: GuildSettings
    ) -> None:
        started = time.perf_counter()
        question = self._question_text(message)
        if not question.strip():
            if trigger != "auto":
                await message.reply(GREETING, mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        matcher = self.bot.knowledge.matcher
        asked = matcher.is_question(question)
        if trigger == "auto" and not asked:
            return  # "lol that finale": talk about the show, not a question to anyone
        result = matcher.match(question)
        # Unasked, or a reply to the bot that asks nothing ("thanks!", but also "season 2
        # release date"): speak only when sure, and never to say "I don't know".
        if (trigger == "auto" or (trigger == "reply" and not asked)) and not (
            result.outcome == "answer" and result.confidence >= PASSIVE_THRESHOLD
        ):
            return
        if not self.bot.cooldowns.try_acquire(
            message.channel.id, message.author.id, settings.cooldown_seconds
        ):
            log.debug("cooldown: not answering %s in %s", message.author.id, message.channel.id)
            return
        kb = self.bot.knowledge.kb
        sent = await message.reply(
            **reply_for(kb, result), mention_author=False, allowed_mentions=NO_MENTIONS
        )
        await self._log(
            message.guild, message.channel.id, message.author.id, question, result, sent.id
        )
        log.info(
            "answered %s in channel %s (%s): %s %s %.2f in %.1f ms",
            message.author.id,
            message.channel.id,
            trigger,
            result.outcome,
            ",".join(result.ids) or "-",
            result.confidence,
            (time.perf_counter() - started) * 1000,
        )

    def _question_text(self, message: discord.Message) -> str:
        # The matcher ignores mentions anyway; drop the bot's own so the log reads well.
        text = message.content
        if self.bot.user is not None:
            for form in (f"<@{self.bot.user.id}>", f"<@!{self.bot.user.id}>"):
                text = text.replace(form, " ")
        return " ".join(text.split())

    async def _apologise(self, message: discord.Message) -> None:
        try:
            await message.reply(APOLOGY, mention_author=False, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not apologise in channel %s", message.channel.id, exc_info=True)

    async def _log(
        self,
        guild: discord.Guild | None,
        channel_id: int,
        user_id: int,
        question: str,
        result: MatchResult,
        message_id: int | None,
    ) -> None:
        matcher = self.bot.knowledge.matcher
        await self.bot.storage.log_question(
            guild_id=guild.id if guild else None,
            channel_id=channel_id,
            user_id=user_id,
            question=question,
            group_key=matcher.group_key(question),
            outcome=result.outcome,
            fact_ids=result.ids or [f.id for f in result.suggestions],
            confidence=result.confidence,
            message_id=message_id,
        )

    # -- slash commands -------------------------------------------------------------------

    @app_commands.command(name="ask")
    @app_commands.describe(question="Your question about Ballard, e.g. when does season 2 come out")
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 4000]
    ) -> None:
        """Ask a question about the TV series Ballard."""
        settings = (
            await self.bot.storage.guild_settings(interaction.guild_id)
            if interaction.guild_id
            else DM_SETTINGS
        )
        channel_id = interaction.channel_id or 0
        if not self.bot.cooldowns.try_acquire(
            channel_id, interaction.user.id, settings.cooldown_seconds
        ):
            await send_ephemeral(interaction, SLOW_DOWN)
            return
        result = self.bot.knowledge.matcher.match(question)
        reply: dict[str, Any] = reply_for(self.bot.knowledge.kb, result)
        await interaction.response.send_message(
            **reply, ephemeral=result.outcome == "none", allowed_mentions=NO_MENTIONS
        )
        message_id = None
        if result.outcome != "none":
            message_id = (await interaction.original_response()).id
        await self._log(
            interaction.guild, channel_id, interaction.user.id, question, result, message_id
        )

    @ask.autocomplete("question")
    async def ask_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        titles = self.bot.knowledge.matcher.complete(current[:200], limit=25)
        return [app_commands.Choice(name=t[:100], value=t[:100]) for t in titles]

    @app_commands.command(name="facts")
    @app_commands.describe(page="Which page to show (starts at 1)")
    async def facts(
        self, interaction: discord.Interaction, page: app_commands.Range[int, 1, 1000] = 1
    ) -> None:
        """Browse what the bot knows about Ballard."""
        await interaction.response.send_message(
            **facts_page(self.bot.knowledge.kb, page - 1), ephemeral=True
        )


async def setup(bot: BallardBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(Answers(bot))
