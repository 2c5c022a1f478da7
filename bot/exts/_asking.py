"""What a message asks the bot, as the answering cog reads it (a private helper of
bot/exts/answers.py): its text without the bot's mention or typed name, a forum post's title,
the other member's message it calls the bot under, and what it says of the bot's message it
replies to (the sources asked for, a remark on an answer, a "did you mean" choice picked)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import discord

from bot.exts._replies import answered_facts, given_facts, offered_facts
from bot.knowledge import Fact
from bot.outcomes import MatchResult
from bot.picking import asks_for_sources
from bot.picking import picked as picked_number
from bot.picking import remark as said_of_answer
from bot.render import sources_text

if TYPE_CHECKING:
    from bot.client import BallardBot


@lru_cache(maxsize=64)  # (one set of names a server: built once, not for every message)
def typed_name(names: tuple[str | None, ...]) -> re.Pattern[str] | None:
    """The bot's names written after "@" as plain text ("@Ballard Bot who plays her", when
    the member did not pick the bot from Discord's autocomplete, which would have sent a
    real mention): any of ``names`` (its user name, display name, nickname, role), in any
    case and spacing, not run on into a longer word."""
    forms = sorted(
        {" ".join(name.split()).lower() for name in names if name and name.strip()},
        key=lambda n: (-len(n), n),
    )
    if not forms:
        return None
    spelt = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w@])@\s?(?:{spelt})(?!\w)", re.IGNORECASE)


def _replied(message: discord.Message) -> discord.Message | None:
    """The message this one replies to, as Discord sent it with it (None if none, or gone)."""
    ref = message.reference
    return ref.resolved if ref is not None and isinstance(ref.resolved, discord.Message) else None


def _with_post_title(message: discord.Message, question: str) -> str:
    """A forum post's first message with the post's title as its first line: the title is
    often the question ("Season 2 release date?" over "been waiting forever lol"), or says
    what the message asks about ("Ballard S2" over "when does it come out?")."""
    post = message.channel
    if not (
        isinstance(post, discord.Thread)
        and post.id == message.id  # (a post's first message has the post's id)
        and isinstance(post.parent, discord.ForumChannel)
        and post.name
    ):
        return question
    if " ".join(post.name.lower().split()) in " ".join(question.lower().split()):
        return question  # (the title said again in the message)
    return f"{post.name}\n{question}"


class MessageReader:
    """Reads messages for one bot: what each asks it, and what it says of the bot's own."""

    def __init__(self, bot: BallardBot) -> None:
        self.bot = bot

    def question_of(self, message: discord.Message, *, summoned: bool) -> str:
        """What a message asks the bot: its text, with the message it replies to when it
        calls the bot by name (``summoned``: see with_their_question)."""
        question = _with_post_title(message, self.question_text(message))
        return self.with_their_question(message, question) if summoned else question

    def with_their_question(self, message: discord.Message, question: str) -> str:
        """A member calling the bot in reply to another member's message ("@bot" under "when
        is s2 coming out?", "@bot is that true?") asks it that message: it is the question,
        or quoted above theirs (what a question under a quote asks of it, see Matcher.match)."""
        replied = _replied(message)
        if replied is None or replied.author.bot:
            return question
        theirs = self.question_text(replied)
        if not theirs:
            return question
        if not question:
            return theirs
        return "\n".join(f"> {line}" for line in theirs.splitlines()) + "\n" + question

    def sources_asked(
        self, message: discord.Message, question: str, recent: list[str] | None = None
    ) -> str | None:
        """The sources of the bot's answer a message replies to, if it asks for them; not
        replying, of the answer the member just got here (``recent``: its facts, see
        bot.exts._context), as "@bot source?" asks of it."""
        if not asks_for_sources(question):
            return None
        facts = self.facts(self._answer_of(message, recent))
        return sources_text(self.bot.knowledge.kb, facts) if facts else None

    def remark(
        self, message: discord.Message, question: str, recent: list[str] | None = None
    ) -> str | None:
        """What a message says of the bot's answer it replies to ("this is outdated": see
        bot.picking.remark), if it says only that; not replying, of the answer the member
        just got here (``recent``, as for sources_asked)."""
        if not self._answer_of(message, recent):
            return None
        return said_of_answer(question)

    def _answer_of(self, message: discord.Message, recent: list[str] | None) -> list[str]:
        """The facts of the answer a message speaks of: the bot's message it replies to (none
        if that gave no answer), else those of ``recent``."""
        replied = self.bots_replied(message)
        if replied is not None:
            return given_facts(replied)
        return list(recent or ())

    def picked(self, message: discord.Message, question: str) -> MatchResult | None:
        """A reply to the bot's "did you mean" that picks one of its choices by number ("2",
        "the first one"): that answer, as its button gives it."""
        replied = self.bots_replied(message)
        offered = offered_facts(replied) if replied is not None else []
        number = picked_number(question, len(offered)) if offered else None
        chosen = self.facts(offered[number - 1 : number]) if number else []
        return MatchResult("answer", 1.0, answers=(chosen[0],)) if chosen else None

    def replied_to(self, message: discord.Message) -> list[str]:
        """The facts of the bot's answer the message replies to, if it replies to one."""
        replied = self.bots_replied(message)
        return answered_facts(replied) if replied is not None else []

    def bots_replied(self, message: discord.Message) -> discord.Message | None:
        """The bot's own message this one replies to, if it replies to one."""
        replied, me = _replied(message), self.bot.user
        if replied is None or me is None or replied.author.id != me.id:
            return None
        return replied

    def facts(self, fact_ids: list[str]) -> list[Fact]:
        """The facts of the base by these ids, in order (one removed since, by a reload, left
        out)."""
        by_id = {fact.id: fact for fact in self.bot.knowledge.kb.facts}
        return [by_id[i] for i in fact_ids if i in by_id]

    def question_text(self, message: discord.Message) -> str:
        # The matcher ignores mentions anyway; drop the bot's own so the log reads well.
        text = message.content
        forms = []
        if self.bot.user is not None:
            forms += [f"<@{self.bot.user.id}>", f"<@!{self.bot.user.id}>"]
        if message.guild is not None and message.guild.self_role is not None:
            forms.append(f"<@&{message.guild.self_role.id}>")
        for form in forms:
            text = text.replace(form, " ")
        typed = self.typed_name_here(message)
        if typed is not None:
            text = typed.sub(" ", text)
        # (its lines stay lines: a quoted line is what is quoted, a line of its own a
        # question of its own; "@bot" then "> renewed?" on the next line is a quote)
        lines = (" ".join(line.split()) for line in text.splitlines())
        return "\n".join(line for line in lines if line)

    def typed_name_here(self, message: discord.Message) -> re.Pattern[str] | None:
        """The bot's names as a member may type them after "@" here (see typed_name)."""
        me = self.bot.user
        if me is None:
            return None
        names: tuple[str | None, ...] = (me.name, me.global_name)
        guild = message.guild
        if guild is not None:
            role = guild.self_role
            names += (
                guild.me.display_name if guild.me else None,
                role.name if role is not None else None,
            )
        return typed_name(names)
