"""How answers look in Discord: embeds, feedback and "did you mean" buttons, /facts pages.

Buttons are ``DynamicItem``s: their state lives in the ``custom_id``, so they keep working
after a restart and the bot holds no per-message views in memory.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Collection, Iterable
from typing import Any

import discord

from bot.client import APOLOGY, send_ephemeral
from bot.exts._delivery import write_later
from bot.knowledge import Fact, KnowledgeBase
from bot.outcomes import MatchResult, Part
from bot.render import (
    TOPICS_HINT,
    RenderedAnswer,
    no_match_text,
    offered_parts,
    render_answer,
    unanswered_lines,
)
from bot.text import fit

log = logging.getLogger(__name__)

MAX_ANSWERS_PER_MESSAGE = 3  # embeds share a 6,000-character budget per message
EMBEDS_LIMIT = 6_000  # characters of all the embeds of one message together (Discord's)
MAX_PICKS = 25  # buttons in one message: Discord allows 5 rows of 5
MESSAGE_LIMIT = 2_000
FIELD_LIMIT = 1_024  # characters of an embed field's value
TITLE_LIMIT = 256  # characters of an embed's title (a fact's heading may be its question: 300)
FACTS_PER_PAGE = 8
# what "help" said to the bot in Discord gets after the help every front end gives
HELP_IN_DISCORD = "Mention me, reply to me or use `/ask`; `/facts` lists everything I know."
STATUS_COLOURS = {"official": 0x2ECC71, "reported": 0x3498DB, "hinted": 0xF1C40F}
FEEDBACK = {  # kind -> (label, emoji, thanks)
    "helpful": ("Helpful", "👍", "Thanks! Glad it helped."),
    "wrong": ("Wrong", "👎", "Thanks, a moderator will take a look at this answer."),
    "outdated": ("Outdated", "🕰️", "Thanks, we'll check whether this answer is out of date."),
}
NO_MENTIONS = discord.AllowedMentions.none()


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def answer_embed(kb: KnowledgeBase, fact: Fact, day: dt.date) -> discord.Embed:
    rendered = render_answer(kb, fact, day)
    embed = discord.Embed(
        title=fit(rendered.title, TITLE_LIMIT),
        description=rendered.body,
        colour=STATUS_COLOURS[fact.status],
    )
    embed.add_field(
        name="Source" + ("s" if len(rendered.sources) > 1 else ""),
        value=sources_field(rendered),
        inline=False,
    )
    if rendered.stale_note:  # a field of its own: the answer stays the admin's words
        embed.add_field(name="⚠️ May be out of date", value=rendered.stale_note, inline=False)
    embed.set_footer(text=rendered.footer)
    return embed


def sources_field(rendered: RenderedAnswer) -> str:
    """An answer's sources for its embed: each title a link to its url. Sources too long
    for a field together are their plain citations, cut (a link cut short would show its
    markdown, or lead nowhere)."""
    linked = "\n".join(rendered.linked_sources)
    if len(linked) <= FIELD_LIMIT:
        return linked
    return "\n".join(rendered.sources)[:FIELD_LIMIT]


def feedback_view(facts: list[Fact]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for row, fact in enumerate(facts[:5]):
        number = row + 1 if len(facts) > 1 else None  # rows follow the embeds' order
        for kind in FEEDBACK:
            view.add_item(FeedbackButton(kind, fact.id, row=row, number=number))
    view.stop()  # the dynamic items dispatch clicks; nothing to keep per message
    return view


def answer_reply(
    kb: KnowledgeBase,
    facts: list[Fact],
    result: MatchResult | None = None,
    asker: int | None = None,
) -> dict[str, Any]:
    """Keyword arguments for sending answers to one or more facts; with ``result``, also a
    line for each question of the message that got no answer (and its "did you mean")."""
    day = today()
    embeds: list[discord.Embed] = []
    for fact in facts[:MAX_ANSWERS_PER_MESSAGE]:
        embed = answer_embed(kb, fact, day)
        if embeds and sum(map(len, embeds)) + len(embed) > EMBEDS_LIMIT:
            break  # (long answers: Discord refuses the whole message past the budget)
        embeds.append(embed)
    shown = facts[: len(embeds)]
    view = feedback_view(shown)
    reply: dict[str, Any] = {"embeds": embeds, "view": view}
    lines = more_answers_lines(facts[len(shown) :])
    if result is not None:
        lines += unanswered_lines(result)
    if lines:
        reply["content"] = "\n".join(lines)[:MESSAGE_LIMIT]
    if result is not None and result.unanswered:
        offered = _suggested(result.unanswered, shown)
        for fact in offered[: 5 * (5 - len(shown))]:  # the rows the feedback buttons leave
            view.add_item(PickButton(fact, asker=asker))
    return reply


def _suggested(parts: Iterable[Part], shown: Collection[Fact] = ()) -> list[Fact]:
    """The facts the questions ``parts`` got as their "did you mean", in order, each once,
    but not those ``shown`` as answers."""
    offered: list[Fact] = []
    for part in parts:
        offered += [f for f in part.result.suggestions if f not in offered and f not in shown]
    return offered


def more_answers_lines(more: list[Fact]) -> list[str]:
    """A line naming the answers that did not fit in one message (MAX_ANSWERS_PER_MESSAGE
    embeds): none is dropped without a word."""
    if not more:
        return []
    names = ", ".join(f"“{f.heading}”" for f in more)
    return [f"I have more answers than fit in one message: ask me these on their own: {names}."]


def suggestion_reply(result: MatchResult, asker: int | None = None) -> dict[str, Any]:
    view = discord.ui.View(timeout=None)
    for fact in result.suggestions:
        view.add_item(PickButton(fact, asker=asker))
    view.stop()
    return {"content": "I'm not sure which of these you mean:", "view": view}


def no_match_reply(result: MatchResult, asker: int | None = None) -> dict[str, Any]:
    """ "I don't know" (with what the sources do not say), and a button for each "did you
    mean" another question of the message got."""
    content = no_match_text(result).replace("“", "`").replace("”", "`")
    if result.courtesy == "help":  # "what can you do?": and how to ask here
        content += f"\n{HELP_IN_DISCORD}"
    reply: dict[str, Any] = {"content": content}
    offered = _suggested(offered_parts(result))
    if offered:
        view = discord.ui.View(timeout=None)
        for fact in offered[:MAX_PICKS]:
            view.add_item(PickButton(fact, asker=asker))
        view.stop()
        reply["view"] = view
    return reply


def reply_for(kb: KnowledgeBase, result: MatchResult, asker: int | None = None) -> dict[str, Any]:
    """The whole reply to a message: answers, "did you mean" buttons (that ``asker`` may
    press to replace the message), or "I don't know"."""
    if result.outcome == "answer":
        return answer_reply(kb, list(result.answers), result, asker)
    if result.outcome == "suggest":
        return suggestion_reply(result, asker)
    return no_match_reply(result, asker)


def facts_page(kb: KnowledgeBase, page: int) -> dict[str, Any]:
    """One page of `/facts`: what the bot knows, with previous/next buttons."""
    pages = max(1, -(-len(kb.facts) // FACTS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = kb.facts[page * FACTS_PER_PAGE : (page + 1) * FACTS_PER_PAGE]
    lines = [f"• **{fact.heading}**" for fact in chunk]
    embed = discord.Embed(
        title="What I can answer about Ballard", description="\n".join(lines) + f"\n\n{TOPICS_HINT}"
    )
    embed.set_footer(text=f"Page {page + 1} of {pages} · ask with /ask or by mentioning me")
    view = discord.ui.View(timeout=None)
    view.add_item(FactsPageButton(page - 1, "◀ Previous", disabled=page == 0))
    view.add_item(FactsPageButton(page + 1, "Next ▶", disabled=page >= pages - 1))
    view.stop()
    return {"embed": embed, "view": view}


def _bot(interaction: discord.Interaction) -> Any:
    return interaction.client


FEEDBACK_ID = r"ballard:fb:(?P<kind>helpful|wrong|outdated):(?P<fact>[a-z0-9-]{1,64})"
PICK_ID = r"ballard:pick:(?P<fact>[a-z0-9-]{1,64})(?::(?P<asker>\d{1,20}))?"
_FEEDBACK = re.compile(FEEDBACK_ID)
_PICK = re.compile(PICK_ID)


def answered_facts(message: discord.Message) -> list[str]:
    """The facts a reply of the bot gave or offered, in order, as its feedback and "did
    you mean" buttons name them: what a fan replying to it asks about (Matcher.match's
    ``after``). Nothing is stored."""
    return _facts_named(message, (_FEEDBACK, _PICK))


def given_facts(message: discord.Message) -> list[str]:
    """The facts an answer of the bot gave, as its feedback buttons name them."""
    return _facts_named(message, (_FEEDBACK,))


def offered_facts(message: discord.Message) -> list[str]:
    """The facts a "did you mean" of the bot offered, in its buttons' order."""
    return _facts_named(message, (_PICK,))


def _facts_named(message: discord.Message, patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    facts: list[str] = []
    for row in message.components:
        for item in getattr(row, "children", (row,)):
            custom_id = getattr(item, "custom_id", None) or ""
            for pattern in patterns:
                found = pattern.fullmatch(custom_id)
                if found is not None and found["fact"] not in facts:
                    facts.append(found["fact"])
    return facts


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button], template=FEEDBACK_ID):
    """👍 / 👎 / 🕰️ under an answer; each click is stored (one vote per user per answer)."""

    def __init__(
        self, kind: str, fact_id: str, *, row: int | None = None, number: int | None = None
    ) -> None:
        label, emoji, _ = FEEDBACK[kind]
        super().__init__(
            discord.ui.Button(
                label=label if number is None else f"{label} ({number})",
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                custom_id=f"ballard:fb:{kind}:{fact_id}",
            ),
            row=row,
        )
        self.kind = kind
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FeedbackButton:
        return cls(match["kind"], match["fact"])

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            assert interaction.message is not None
            bot = _bot(interaction)
            vote = {
                "guild_id": interaction.guild_id,
                "message_id": interaction.message.id,
                "fact_id": self.fact_id,
                "user_id": interaction.user.id,
                "kind": self.kind,
            }
            await send_ephemeral(interaction, FEEDBACK[self.kind][2])
            write_later(bot, "feedback", lambda: bot.storage.record_feedback(**vote))
            log.info("feedback %s on %s from user %s", self.kind, self.fact_id, interaction.user.id)
        except Exception:
            log.exception("recording feedback failed")
            await send_ephemeral(interaction, APOLOGY)


class PickButton(discord.ui.DynamicItem[discord.ui.Button], template=PICK_ID):
    """A "did you mean" choice. The member who asked turns the message into that answer;
    anyone else gets the answer privately, so nobody's question is taken from them. Every
    press is recorded: it says which fact the question meant."""

    def __init__(
        self, fact: Fact | str, label: str | None = None, *, asker: int | None = None
    ) -> None:
        fact_id = fact if isinstance(fact, str) else fact.id
        text = label or (fact.heading if isinstance(fact, Fact) else fact_id)
        custom_id = f"ballard:pick:{fact_id}" + (f":{asker}" if asker is not None else "")
        super().__init__(
            discord.ui.Button(
                label=text[:80], style=discord.ButtonStyle.primary, custom_id=custom_id
            )
        )
        self.fact_id = fact_id
        self.asker = asker

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PickButton:
        asker = int(match["asker"]) if match["asker"] else None
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["fact"], label=label, asker=asker)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            bot = _bot(interaction)
            kb = bot.knowledge.kb
            try:
                fact = kb.fact(self.fact_id)
            except KeyError:
                await send_ephemeral(
                    interaction,
                    "That answer isn't in the knowledge base any more. Try asking again.",
                )
                return
            # Buttons from before askers were recorded: whoever presses first decides.
            by_asker = self.asker is None or interaction.user.id == self.asker
            reply = answer_reply(kb, [fact])
            # Under answers to a message's other questions, a choice is answered beside
            # them, never in their place.
            beside = interaction.message is not None and bool(interaction.message.embeds)
            if by_asker and not beside:
                await interaction.response.edit_message(
                    content=None, allowed_mentions=NO_MENTIONS, **reply
                )
            else:
                await interaction.response.send_message(
                    ephemeral=True, allowed_mentions=NO_MENTIONS, **reply
                )
            # (the member's last answer here: a follow-up is read in its light, as after a
            # choice picked by its number; the answers cog keeps it: on_answer_picked)
            bot.dispatch("answer_picked", interaction, self.fact_id)
            if interaction.message is not None:
                pick = {
                    "guild_id": interaction.guild_id,
                    "message_id": interaction.message.id,
                    "fact_id": self.fact_id,
                    "user_id": interaction.user.id,
                    "by_asker": by_asker,
                }
                write_later(bot, "pick", lambda: bot.storage.record_pick(**pick))
            log.info("pick %s by %s (asker: %s)", self.fact_id, interaction.user.id, by_asker)
        except Exception:
            log.exception("answering a 'did you mean' choice failed")
            await send_ephemeral(interaction, APOLOGY)


class FactsPageButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"ballard:facts:(?P<page>-?\d{1,4})"
):
    """Previous / next page of /facts."""

    def __init__(self, page: int, label: str = "", *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Page",
                style=discord.ButtonStyle.secondary,
                custom_id=f"ballard:facts:{page}",
                disabled=disabled,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FactsPageButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["page"]), label or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            page = facts_page(_bot(interaction).knowledge.kb, self.page)
            await interaction.response.edit_message(**page)
        except Exception:
            log.exception("paging /facts failed")
            await send_ephemeral(interaction, APOLOGY)


DYNAMIC_ITEMS = (FeedbackButton, PickButton, FactsPageButton)
