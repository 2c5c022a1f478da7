"""What a fan sees: answers with status, as-of date and sources (pure; CLI and Discord share it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge import Fact, KnowledgeBase, Source
from bot.outcomes import MAX_QUESTIONS, MatchResult, Part
from bot.text import fit

STATUS_LABELS = {
    "official": "✅ Official",
    "reported": "📰 Reported",
    "hinted": "💭 Hinted, not confirmed",
}
NO_MATCH = "I don't know that yet."
# ...to a message in another language (bot/languages.py)
ENGLISH_ONLY = "I only read English for now: ask me in English and I'll do my best."
TOPICS_HINT = (
    "I can answer questions about Ballard: season 2 (renewal, release date, filming, story), "
    "where to watch, the cast and crew, and how the show has done."
)
EXAMPLE_QUESTION = "when does season 2 come out?"
GREETING = f"Hi! Ask me anything about Ballard. {TOPICS_HINT}"
# what "help" or "what can you do?" said to the bot gets back
HELP = (
    f"{TOPICS_HINT} Ask me in plain words, one question or several: "
    f"“{EXAMPLE_QUESTION}”, “who plays Ballard?”. Each answer says where it comes from and "
    "how recent it is; if my sources don't say, I tell you so."
)
# what a courtesy said to the bot gets back (bot/courtesy.py)
COURTESY_REPLIES = {
    "thanks": "You're welcome! 🙂",
    "praise": "Thank you! 😊",
    "greeting": GREETING,
    "help": HELP,
    "bye": "Bye! 👋",
    "ack": "👍",  # "ok", "got it"
    # "that's wrong": how to tell a moderator (the vote is stored with the answer it judges)
    "wrong": "Sorry about that! Press 👎 Wrong under the answer, and a moderator will check it.",
    "doubt": (
        "That's what my sources say, as of the date under the answer. If you know it's wrong, "
        "press 👎 Wrong under it, and a moderator will check it."
    ),
    "reaction": "🙂",  # emoji alone
    "announced": f"Sure, go ahead! {TOPICS_HINT}",  # "quick question", "i have a question"
}
# what a remark in reply to an answer gets back (bot.picking.remark): which button says so
REMARK_REPLIES = {
    "outdated": (
        "Thanks for the heads-up! Press 🕰️ Outdated under the answer, and a moderator will check it."
    ),
    "missed": (
        "Sorry about that! Press 👎 Wrong under the answer, and try asking again in other words."
    ),
    "doubt": COURTESY_REPLIES["doubt"],
}


def human_date(day: dt.date) -> str:
    """6 October 2025."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class RenderedAnswer:
    """The parts of one answer, for a plain-text line or a Discord embed."""

    fact_id: str
    title: str
    body: str
    status: str
    as_of: str
    sources: tuple[str, ...]  # each source's citation, its url in <> (Source.citation)
    stale_note: str | None
    # the same in Discord's markdown, for an embed: each title a link to its url
    linked_sources: tuple[str, ...] = ()

    @property
    def footer(self) -> str:
        return f"{self.status} · as of {self.as_of}"

    def text(self) -> str:
        """Plain text as the terminal (and a plain Discord message) shows it."""
        lines = [self.body]
        if self.stale_note:
            lines.append(f"⚠️ {self.stale_note}")
        lines.append(self.footer)
        lines.extend(f"Source: {s}" for s in self.sources)
        return "\n".join(lines)


def render_answer(kb: KnowledgeBase, fact: Fact, today: dt.date) -> RenderedAnswer:
    """The answer to one fact, with its status, as-of date and sources."""
    stale = None
    if kb.is_stale(fact, today):
        stale = (
            f"This may be out of date: it was true as of {human_date(fact.as_of)} "
            "and hasn't been re-checked since."
        )
    return RenderedAnswer(
        fact_id=fact.id,
        title=fact.heading,
        body=fact.answer,
        status=STATUS_LABELS[fact.status],
        as_of=human_date(fact.as_of),
        sources=tuple(s.citation() for s in kb.sources_of(fact)),
        stale_note=stale,
        linked_sources=tuple(s.linked_citation() for s in kb.sources_of(fact)),
    )


def no_match_text(result: MatchResult) -> str:
    """What the bot says when it cannot answer (or, to a courtesy, what it says back)."""
    if result.courtesy is not None:
        return COURTESY_REPLIES[result.courtesy]
    if result.unknown is not None and result.unknown.note:
        head = f"{NO_MATCH} My sources don't say anything yet about {result.unknown.note}."
    elif result.language is not None:
        head = f"{NO_MATCH} {ENGLISH_ONLY}"
    else:
        head = NO_MATCH
    return "\n".join([head, *offered_lines(result), f"{TOPICS_HINT} Try: “{EXAMPLE_QUESTION}”"])


QUOTE_MAX = 80  # characters of a fan's question quoted back, at most


def unanswered_lines(result: MatchResult) -> list[str]:
    """One line for each question of a message that got no answer while others did, and
    one for the questions past the first MAX_QUESTIONS: nothing a fan asked is dropped
    without a word."""
    lines = []
    for part in result.unanswered:
        about = f"About “{fit(part.quoted, QUOTE_MAX)}”:"
        decided = part.result
        if decided.outcome == "suggest" and decided.suggestions:
            lines.append(_did_you_mean(part))
        elif decided.unknown is not None and decided.unknown.note:
            lines.append(
                f"{about} {NO_MATCH} My sources don't say anything yet about "
                f"{decided.unknown.note}."
            )
        else:
            lines.append(f"{about} {NO_MATCH}")
    if result.unread:
        more = "question" if result.unread == 1 else f"{result.unread} questions"
        lines.append(
            f"That's a lot of questions at once: I read the first {MAX_QUESTIONS}. "
            f"Ask me the other {more} in another message."
        )
    return lines


def offered_parts(result: MatchResult) -> list[Part]:
    """The questions of a message answered "I don't know" (one of them is about a known
    unknown) that got a "did you mean" of their own: "when was the premiere date? how long
    is each episode?" is told both."""
    if result.outcome != "none":
        return []
    return [p for p in result.parts if p.result.outcome == "suggest" and p.result.suggestions]


def offered_lines(result: MatchResult) -> list[str]:
    return [_did_you_mean(part) for part in offered_parts(result)]


def _did_you_mean(part: Part) -> str:
    names = " or ".join(f"“{f.heading}”" for f in part.result.suggestions)
    return f"About “{fit(part.quoted, QUOTE_MAX)}”: did you mean {names}?"


def sources_text(kb: KnowledgeBase, facts: Iterable[Fact]) -> str:
    """Where an answer's facts come from, each source once: what "source?" in reply to the
    answer gets (bot.picking.asks_for_sources)."""
    sources: list[Source] = []
    for fact in facts:
        sources += [s for s in kb.sources_of(fact) if s not in sources]
    return "\n".join(["That answer comes from:", *(f"• {s.citation()}" for s in sources)])


def suggestion_text(result: MatchResult) -> str:
    lines = ["I'm not sure which of these you mean:"]
    lines.extend(f"{n}. {fact.heading}" for n, fact in enumerate(result.suggestions, 1))
    return "\n".join(lines)


def render_text(kb: KnowledgeBase, result: MatchResult, today: dt.date) -> str:
    """The whole reply to a message as plain text."""
    if result.outcome == "answer":
        parts = [render_answer(kb, fact, today).text() for fact in result.answers]
        parts += unanswered_lines(result)
        return "\n\n".join(parts)
    if result.outcome == "suggest":
        return suggestion_text(result)
    return no_match_text(result)
