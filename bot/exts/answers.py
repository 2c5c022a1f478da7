"""Answering fans: mentions (of the bot or its role), replies, DMs, auto-answer channels and
threads, /ask and /facts.

Nobody who asks is ignored: an explicit question (mention, reply, DM, role mention, the bot's
name typed after "@" without picking it from Discord's list, /ask) is
answered, or, when the member is flooding or the channel's queue is full, gets a visible sign
(a ⏳ reaction, one short notice per window) and a log row. Every question is logged with its
trigger and delivery, including those held back.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import APOLOGY, send_ephemeral
from bot.cooldowns import NOTICE_WINDOW, OncePer
from bot.courtesy import ANNOUNCED, REACTION
from bot.exts._asking import MessageReader
from bot.exts._context import Calls, LastAnswers
from bot.exts._delivery import (
    edit_reply,
    guild_settings,
    mode_in,
    react,
    record_question,
    report_error,
    send_reply,
)
from bot.exts._edits import HELD_NOTICE, Replies, as_edit, recent, signature
from bot.exts._replies import (
    DYNAMIC_ITEMS,
    NO_MENTIONS,
    facts_page,
    reply_for,
)
from bot.outcomes import MatchResult
from bot.render import GREETING, REMARK_REPLIES
from bot.storage import GuildSettings

if TYPE_CHECKING:
    from bot.client import BallardBot

log = logging.getLogger(__name__)

Trigger = Literal["dm", "mention", "role", "typed", "reply", "called", "auto"]
EXPLICIT: frozenset[str] = frozenset({"dm", "mention", "role", "typed", "reply", "called", "slash"})
# ...of which those that call the bot by name, in reply to any message
SUMMONS: frozenset[str] = frozenset({"mention", "role", "typed"})
# courtesies that call the bot with the question still to come ("@bot hi", "@bot quick q")
CALLS: frozenset[str] = frozenset({"greeting", ANNOUNCED})
# courtesies that close a conversation: said in reply to the bot ("thanks!" under an answer),
# they get a reaction, not a message of their own
CLOSINGS: frozenset[str] = frozenset({"thanks", "praise", "bye", "ack", REACTION})
SLOW_DOWN = "You're asking quickly! Give me {wait} and ask again."
QUIET_HERE = "I don't answer in this channel. Ask me with /ask (only you will see it) or in DMs."
HELD = "⏳"  # the question was heard; the answer is held back (flood or a full queue)
QUIET = "🔕"  # heard, but moderators switched answers off in this channel
FAILED = "⚠️"  # heard, but something went wrong (after the one apology per window)
SEEN = "👍"  # a reply to the bot that asks nothing ("thanks!", "lol ok"): heard
APOLOGY_WINDOW = 60.0


def wait_words(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"{whole} second{'s' if whole != 1 else ''}"


class Answers(commands.Cog):
    """Answers questions wherever a fan asks the bot."""

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot
        self.notices = OncePer(NOTICE_WINDOW)
        self.courtesies = OncePer(NOTICE_WINDOW)  # one "You're welcome!" a minute per kind
        self.apologies = OncePer(APOLOGY_WINDOW)
        self.replies = Replies()  # to recent questions, answered again when edited
        self.last_answers = LastAnswers()  # the light a member's follow-up is read in
        self.calls = Calls()  # members greeted after calling the bot with nothing asked
        self.reader = MessageReader(bot)  # what each message asks it (bot.exts._asking)

    # -- messages -------------------------------------------------------------------------

    async def _trigger(self, message: discord.Message) -> tuple[Trigger | None, GuildSettings]:
        me = self.bot.user
        if message.guild is None:
            return "dm", await guild_settings(self.bot, None)
        settings = await guild_settings(self.bot, message.guild.id)
        if me is None:
            return None, settings
        # Only an @mention written in the text asks the bot: Discord also puts the bot in
        # `mentions` of any reply to it that pings (the default), and "thanks!" asks nothing.
        if me.id in message.raw_mentions and any(u.id == me.id for u in message.mentions):
            return "mention", settings
        # Discord's @-autocomplete often offers the bot's own (managed) role before the bot.
        role = message.guild.self_role
        if role is not None and role.id in message.raw_role_mentions:
            return "role", settings
        typed = self.reader.typed_name_here(message)
        if typed is not None and typed.search(message.content):
            return "typed", settings
        if self.reader.bots_replied(message) is not None:
            return "reply", settings
        if self.calls.take(message.channel.id, message.author.id, message.id, message.created_at):
            return "called", settings  # "@bot", greeted, then the question: see _context
        if mode_in(settings, message.channel) == "auto":
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
        except Exception as exc:
            log.exception("answering message %s failed", message.id)
            if trigger in EXPLICIT:
                await self._apologise(message)
            await report_error(
                self.bot,
                message.guild.id if message.guild else None,
                f"Answering a question in <#{message.channel.id}> failed: "
                f"{type(exc).__name__}. The bot's log has the details; more errors in the next "
                "5 minutes are only logged.",
            )

    async def _answer_message(
        self, message: discord.Message, trigger: Trigger, settings: GuildSettings
    ) -> None:
        started = time.perf_counter()
        question = self.reader.question_of(message, summoned=trigger in SUMMONS)
        explicit = trigger != "auto"
        if not question.strip():
            if explicit and mode_in(settings, message.channel) == "quiet":
                await self._muted(message)  # (no greeting where moderators want no answers)
                return
            if explicit and await self._paced(message):
                greeting = await self._say(message, None, content=GREETING)
                if greeting is not None and trigger in SUMMONS:
                    self._called(message)
            return
        # (a call of theirs here is answered by this question: see bot.exts._context.Calls)
        self.calls.answered(message.channel.id, message.author.id, message.id, message.created_at)
        # the answer the member just got here: the light a follow-up is read in, and what
        # "@bot source?" said without replying asks about
        followed = self._followed(message)
        recent = followed if trigger in EXPLICIT else []
        sources = self.reader.sources_asked(message, question, recent)
        if sources is not None:
            # "source?" in reply to an answer: where it comes from (no question of the
            # member's: it costs none of their cooldown, and is not logged as one)
            if await self._paced(message):
                await self._say(message, None, content=sources)
            return
        said = self.reader.remark(message, question, recent)
        if said is not None:
            # "this is outdated", "that's not what i asked" in reply to an answer: told which
            # button says so (no question either), once a minute, and else seen
            await self._tell(message, said, REMARK_REPLIES[said])
            return
        asked = self.bot.knowledge.matcher.is_question(question, unasked=trigger == "auto")
        if trigger == "auto" and not asked:
            # "lol that finale": talk about the show, not a question to anyone; "did you
            # watch it on prime?": a question to another member
            return
        result = self._decide(message, question, followed)
        # Unasked (an auto-answer channel): speak only when sure (an answer, or a known
        # unknown asked plainly: MatchResult.sure_unasked), never a bare "I don't know"
        passive = trigger == "auto"
        if passive and not result.sure_unasked:
            return
        if self._chat_in_reply(trigger, asked, result):
            # "thanks!", "lol ok", "thanks, loved titus welliver in it" under the bot's reply:
            # said to the bot, but asking nothing it could answer: heard, with a reaction
            await react(message, SEEN)
            return

        def record(delivery: str, message_id: int | None = None) -> None:
            self._log(
                message.guild,
                message.channel.id,
                message.author.id,
                question,
                result,
                trigger=trigger,
                delivery=delivery,
                message_id=message_id,
            )

        if mode_in(settings, message.channel) == "quiet":
            if not passive:
                await self._muted(message)
                record("muted")
            return
        if result.courtesy is not None:
            # "thanks!" asks nothing: it costs no question of the member's cooldown, and a
            # member saying it again and again gets one courtesy a minute, then silence
            key = (message.channel.id, message.author.id, result.courtesy)
            if trigger in SUMMONS and result.courtesy in CALLS:
                self._called(message)  # "@bot hi", "@bot quick question": the question to come
            if self.courtesies.first(key) and await self._paced(message):
                await self._say(message, None, **reply_for(self.bot.knowledge.kb, result))
            elif trigger == "reply":
                await react(message, SEEN)  # (said again within the minute, to the bot)
            return
        scope = message.guild.id if message.guild else message.channel.id
        cooldown = settings.cooldown_seconds
        if not self.bot.limits.try_acquire(scope, message.author.id, cooldown):
            if not passive:  # someone who asked sees they were heard
                wait = self.bot.limits.retry_after(scope, message.author.id, cooldown)
                await self._hold(message, SLOW_DOWN.format(wait=wait_words(wait)))
            record("held")
            log.info("held %s's question in %s (flooding)", message.author.id, message.channel.id)
            return
        if not await self._paced(message):
            if not passive:
                await react(message, HELD)
            record("held")
            log.warning("channel %s is too busy: held a question", message.channel.id)
            return
        reply = reply_for(self.bot.knowledge.kb, result, asker=message.author.id)
        sent = await self._say(message, signature(reply), **reply)
        record("sent" if sent else "failed", sent.id if sent else None)
        if sent is None and not passive:
            # (Discord would not take the reply, a permission missing here most often: the
            # member sees they were heard, and the moderators' log channel why)
            await react(message, FAILED)
            await report_error(
                self.bot,
                message.guild.id if message.guild else None,
                f"I could not post an answer in <#{message.channel.id}>: check that I have "
                "the Send Messages (in threads: Send Messages in Threads), Embed Links and "
                "Read Message History permissions there. More errors in the next 5 minutes "
                "are only logged.",
            )
        if sent is not None and result.outcome == "answer":
            self.last_answers.remember(
                message.channel.id,
                message.author.id,
                message.id,
                message.created_at,
                result.ids,
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

    @commands.Cog.listener()
    async def on_answer_picked(self, interaction: discord.Interaction, fact_id: str) -> None:
        """A "did you mean" choice pressed (bot.exts._replies.PickButton) is the member's
        last answer in the channel, as one picked by its number is: "s2 in cali or
        georgia?", "When and where is season 2 filmed?" pressed, then "when does it come
        out?" asks about season 2."""
        shown = interaction.message
        if interaction.channel_id is None or shown is None:
            return
        # (the question the choices were offered for: edited, it is read on its own)
        asked = shown.reference.message_id if shown.reference is not None else None
        self.last_answers.remember(
            interaction.channel_id,
            interaction.user.id,
            asked or shown.id,
            interaction.created_at,
            [fact_id],
        )

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        """A question edited soon after it was sent is answered again: the bot's reply to it
        is edited in place (a typo fixed after "I don't know that yet", a question added
        after a bare mention), or, if the bot had said nothing to it (its mention added,
        chat edited into a question in an auto-answer channel), it is answered as a new
        question. Edits that change nothing the bot reads (Discord's link previews) and
        older questions are left alone."""
        if after.author.bot or after.webhook_id is not None or before.content == after.content:
            return
        if not recent(after):
            return
        trigger: Trigger | None = None
        earlier = self.replies.get(after.id)
        try:
            trigger, settings = await self._trigger(after)
            if trigger is None:
                return  # (its mention taken out: the reply stays what it was)
            if earlier is None:
                # (nothing said to it yet: a mention edited in, "hmm" edited into a question
                # in an auto-answer channel; a held question is held again, by the same rules)
                await self._answer_message(after, trigger, settings)
                return
            await self._answer_again(after, trigger, settings, *earlier)
        except Exception:
            log.exception("answering the edited message %s failed", after.id)
            if earlier is None and trigger in EXPLICIT:
                # (asked for the first time by this edit, a mention edited in: heard, as a
                # question sent so is; one that had its reply gets no apology)
                await self._apologise(after)

    async def _answer_again(
        self,
        message: discord.Message,
        trigger: Trigger,
        settings: GuildSettings,
        reply_id: int,
        said: tuple[Any, ...] | None,
    ) -> None:
        """The reply to an edited question, edited into what the question now gets."""
        if isinstance(message.channel, discord.GroupChannel):
            return  # (never: a bot is in no group DM)
        question = self.reader.question_of(message, summoned=trigger in SUMMONS)
        if not question.strip() or mode_in(settings, message.channel) == "quiet":
            return
        if self.reader.sources_asked(message, question) or self.reader.remark(message, question):
            return  # (said of the answer it replies to, not asked anew)
        result = self._decide(message, question, self._followed(message))
        asked = self.bot.knowledge.matcher.is_question(question, unasked=trigger == "auto")
        passive = trigger == "auto"
        if (
            result.courtesy is not None
            or (passive and not (asked and result.sure_unasked))
            or self._chat_in_reply(trigger, asked, result)
        ):
            # ("thanks", "nvm", "lol" edited in: it asks nothing any more, and the reply stays
            # what it was; or an unasked edit the bot is not sure of, or one that is chat or
            # a question to another member)
            return
        # (a bare call edited into a question has had it)
        self.calls.answered(message.channel.id, message.author.id, message.id, message.created_at)
        if said == HELD_NOTICE and self._held(message, settings):
            await react(message, HELD)  # (edited before the wait the notice gave was over)
            return
        now = reply_for(self.bot.knowledge.kb, result, message.author.id)
        if signature(now) == said or not await self._paced(message):
            return
        reply = message.channel.get_partial_message(reply_id)
        edited = await edit_reply(reply, **as_edit(now))
        if edited is not None:
            self.replies.remember(message.id, reply_id, signature(now))
            # (what the reply says now is the light the member's follow-ups are read in)
            facts = result.ids if result.outcome == "answer" else []
            self.last_answers.revise(
                message.channel.id, message.author.id, message.id, message.created_at, facts
            )
            log.info("answered the edited message %s again: %s", message.id, result.outcome)

    async def _say(
        self, message: discord.Message, said: tuple[Any, ...] | None, **reply: Any
    ) -> discord.Message | None:
        """Reply to a message, and remember the reply with what it says (``said``: its
        signature, None for one that answers nothing): an edit of the message edits that
        reply, never posts another (Discord would take a second reply with the message's
        nonce for the first: see send_reply)."""
        sent = await send_reply(message, **reply)
        if sent is not None:
            self.replies.remember(message.id, sent.id, said)
        return sent

    async def _tell(self, message: discord.Message, kind: str, text: str) -> None:
        """A reply to what a member said of an answer ("this is outdated"): once a minute
        for each kind, else a reaction (said again, it was heard all the same)."""
        key = (message.channel.id, message.author.id, kind)
        if self.courtesies.first(key) and await self._paced(message):
            await self._say(message, None, content=text)
        else:
            await react(message, SEEN)

    async def _muted(self, message: discord.Message) -> None:
        """Asked in a quiet channel: a 🔕, and once a minute a word of where to ask instead."""
        await react(message, QUIET)
        if self.notices.first(("quiet", message.channel.id, message.author.id)):
            sent = await self._notice(message, QUIET_HERE)
            if sent is not None:
                self.replies.remember(message.id, sent.id, None)

    def _chat_in_reply(self, trigger: Trigger, asked: bool, result: MatchResult) -> bool:
        """Whether a reply to the bot asks nothing it can answer: no question, and nothing
        in it the bot knows or knows it does not know ("thanks!", "lol ok", "thanks, loved
        titus welliver in it"). A reply is said to the bot, and is read as a mention is:
        "no i meant season 3" under an answer gets that season 3 is not known, and "season 2
        release date" its answer."""
        return (
            trigger == "reply"
            and not asked
            and result.outcome == "none"
            and result.unknown is None
            and result.language is None
            and (result.courtesy is None or result.courtesy in CLOSINGS)
        )

    def _held(self, message: discord.Message, settings: GuildSettings) -> bool:
        """Whether the member must still wait before another answer (without counting one)."""
        scope = message.guild.id if message.guild else message.channel.id
        wait = self.bot.limits.retry_after(scope, message.author.id, settings.cooldown_seconds)
        return wait > 0

    async def _paced(self, message: discord.Message) -> bool:
        """Wait for the channel's next free slot (Discord's 5 per 5 s); False if too busy."""
        return await self.bot.pacer.wait(message.channel.id)

    async def _hold(self, message: discord.Message, notice: str) -> None:
        """A flooding member's question: one short notice per window, else a reaction."""
        key = ("held", message.channel.id, message.author.id)
        if self.notices.first(key):
            sent = await self._notice(message, notice)
            if sent is not None:
                # (edited once the wait is over, the question gets its answer in the notice's
                # place: see _answer_again)
                self.replies.remember(message.id, sent.id, HELD_NOTICE)
                return
            # (not sent, the channel being busy: the member's next held question tries again,
            # or a member held while others' answers fill the channel never learns why)
            self.notices.forget(key)
        await react(message, HELD)

    async def _notice(self, message: discord.Message, text: str) -> discord.Message | None:
        if not self.bot.pacer.try_now(message.channel.id):
            return None  # the channel is busy: a notice must not delay anyone's answer
        return await send_reply(message, content=text)

    def _decide(self, message: discord.Message, question: str, followed: list[str]) -> MatchResult:
        """What a message gets: the choice it picks off a "did you mean" it replies to, or
        the matcher's answer, read in the light of the answer it replies to (or else of
        ``followed``: the member's last answer here, shortly before: _followed)."""
        matcher = self.bot.knowledge.matcher
        picked = self.reader.picked(message, question)
        if picked is not None:
            return picked
        result = matcher.match(question, after=self.reader.replied_to(message) or followed)
        return matcher.quoted(question, result)  # (its questions quoted as written)

    def _called(self, message: discord.Message) -> None:
        """The member called the bot with nothing asked: their next message here is for it
        (see bot.exts._context.Calls)."""
        self.calls.remember(message.channel.id, message.author.id, message.id, message.created_at)

    def _followed(self, message: discord.Message) -> list[str]:
        """The facts of the bot's last answer to the member in this channel, if it came
        shortly before this message ("is it renewed?", the answer, then "when does it come
        out?": see bot.exts._context)."""
        channel, member = message.channel.id, message.author.id
        return self.last_answers.facts(channel, member, message.id, message.created_at)

    async def _apologise(self, message: discord.Message) -> None:
        """Once per member per window; later failures get a reaction, never a flood."""
        try:
            if (
                self.apologies.first(message.author.id)
                and await self._paced(message)
                # (remembered: the question edited gets its answer in the apology's place,
                # not a second reply that Discord would take for the apology again)
                and await self._say(message, None, content=APOLOGY) is not None
            ):
                return
            await react(message, FAILED)
        except Exception:
            log.warning("could not apologise in channel %s", message.channel.id, exc_info=True)

    def _log(
        self,
        guild: discord.Guild | None,
        channel_id: int,
        user_id: int,
        question: str,
        result: MatchResult,
        *,
        trigger: str,
        delivery: str,
        message_id: int | None = None,
    ) -> None:
        if result.courtesy is not None:
            return  # "thanks!" asked nothing: not a question for moderators' lists or stats
        matcher = self.bot.knowledge.matcher
        where = {"guild_id": guild.id if guild else None, "channel_id": channel_id}
        record_question(
            self.bot,
            **where,
            user_id=user_id,
            question=question,
            group_key=matcher.group_key(question),
            outcome=result.outcome,
            fact_ids=result.ids or [f.id for f in result.suggestions],
            confidence=result.confidence,
            message_id=message_id,
            trigger=trigger,
            delivery=delivery,
        )
        for part in result.unanswered:
            if part.result.outcome == "answer":
                continue  # (answered, with a fact the reply leaves to another question)
            # "who plays ballard? what else was she in?": the question the reply told "I
            # don't know" is a question of its own for /faq unanswered and the stats (no
            # message id: the reply's buttons and votes are its answered question's)
            record_question(
                self.bot,
                **where,
                user_id=user_id,
                question=part.quoted,
                group_key=matcher.group_key(part.text),
                outcome=part.result.outcome,
                fact_ids=[f.id for f in part.result.suggestions],
                confidence=part.result.confidence,
                trigger=trigger,
                delivery=delivery,
            )

    # -- slash commands -------------------------------------------------------------------

    @app_commands.command(name="ask")
    @app_commands.describe(question="Your question about Ballard, e.g. when does season 2 come out")
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 4000]
    ) -> None:
        """Ask a question about the TV series Ballard."""
        settings = await guild_settings(self.bot, interaction.guild_id)
        channel = interaction.channel
        channel_id = interaction.channel_id or 0
        scope = interaction.guild_id or channel_id
        member, asked_at = interaction.user.id, interaction.created_at
        # (read in the light of the member's last answer here, as a mention is: "/ask is it
        # renewed?", then "/ask when does it come out?" asks about season 2)
        followed = self.last_answers.facts(channel_id, member, interaction.id, asked_at)
        result = self.bot.knowledge.matcher.match(question, after=followed)
        # a courtesy ("/ask thanks") costs no question, as a mention's does not
        if result.courtesy is None and not self.bot.limits.try_acquire(
            scope, interaction.user.id, settings.cooldown_seconds
        ):
            wait = self.bot.limits.retry_after(
                scope, interaction.user.id, settings.cooldown_seconds
            )
            await send_ephemeral(interaction, SLOW_DOWN.format(wait=wait_words(wait)))
            self._log(
                interaction.guild,
                channel_id,
                interaction.user.id,
                question,
                result,
                trigger="slash",
                delivery="held",
            )
            return
        # Only the asker sees "I don't know", and everything in a channel set to quiet.
        private = result.outcome == "none" or (
            channel is not None and mode_in(settings, channel) == "quiet"
        )
        result = self.bot.knowledge.matcher.quoted(question, result)
        reply: dict[str, Any] = reply_for(self.bot.knowledge.kb, result, asker=interaction.user.id)
        await interaction.response.send_message(
            **reply, ephemeral=private, allowed_mentions=NO_MENTIONS
        )
        if result.outcome == "answer":
            self.last_answers.remember(channel_id, member, interaction.id, asked_at, result.ids)
        message_id = None
        if result.outcome != "none":
            message_id = (await interaction.original_response()).id
        self._log(
            interaction.guild,
            channel_id,
            interaction.user.id,
            question,
            result,
            trigger="slash",
            delivery="sent",
            message_id=message_id,
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
