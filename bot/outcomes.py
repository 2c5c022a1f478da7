"""What the matcher decides for a message, and the evidence it decides on (pure data).

:class:`MatchResult` is what every caller reads (the answering cog, the CLI, `eval`); each
question of a message of several gets a :class:`Part` of its own. :class:`Scored` is one
ranked fact or known unknown, and :class:`Evidence` what the admin's examples say about the
best fact: the features the calibrated confidence reads (bot/confidence.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from bot.knowledge import Fact, Unknown

# Where nobody asked the bot (an auto-answer channel), it speaks only when it is surer
PASSIVE_THRESHOLD = 0.75
PASSIVE_MARGIN = 0.1  # ...and a known unknown said unasked is this far ahead of the rest
EXAMPLE_MATCH = 0.98  # a message this close to an example question is that question
SMALL_TALK_SHARE = 0.3  # a statement this much small talk, about one word of a fact, is chatter
NUMBER = "number"  # a message of numbers alone, as Matcher.chat_kind says
# Questions of one message answered one by one, at most: a message of more (a wall of
# "who? when? why?" or pasted spam) gets answers to these and a word about the rest, so that
# no message can hold the bot for long (each question is scored on its own).
MAX_QUESTIONS = 10


class Scored(NamedTuple):
    """A fact (or known unknown) with its confidence for one message. (A named tuple: the
    ranking makes dozens a message, and a frozen dataclass sets each field through
    object.__setattr__, ~3 % of matching.)"""

    entry_id: str
    confidence: float
    fact: Fact | None
    unknown: Unknown | None
    coverage: float = 0.0
    closeness: float = 0.0
    explained: frozenset[str] = frozenset()  # the message's tokens this entry explains
    own_words: bool = True  # whether its questions or keywords explain any word of the message


@dataclass(frozen=True)
class Part:
    """One question of a message of several, and what was decided for it on its own."""

    text: str  # the question's words, cleaned ("will there be a season 3")
    result: MatchResult
    # the question as the fan wrote it (cleaned: no markup, lower case), when one clause of
    # the message reads as it alone ("wat about s3", read "what about s 3"); "" if none
    said: str = ""

    @property
    def quoted(self) -> str:
        """The question as a reply quotes it back: as written, else as read."""
        return self.said or self.text


class Evidence(NamedTuple):
    """What the admin's examples say about the best fact for one message: the features the
    calibrated confidence reads (see bot/confidence.py and tools/train_confidence.py). (A
    named tuple, as Scored: made for every judgement, its 22 fields set at once.)"""

    score: float  # the ranking score of the best fact (coverage and closeness)
    runner_up: float  # the next fact's ranking score
    unknown: float  # the best known unknown's ranking score
    coverage: float  # share of the message's weight the fact explains
    known_coverage: float  # ...of the weight of the words the knowledge base uses at all
    closeness: float  # Dice overlap with its nearest example question
    top3: float  # mean Dice overlap with its three nearest examples (3 in 10 of more)
    recall: float  # largest share of one example's weight found in the message
    central: float  # how many of its examples use the words it explains (weighted share)
    idf_mass: float  # log(1 + rarity across entries of the words it explains, weighted)
    unknown_share: float  # share of the message's weight in words no entry uses
    tokens: int  # content words in the message
    asked: bool  # the message uses a question word
    question: bool  # the message reads as a question
    own_words: bool  # its questions or keywords (not only its answer) explain a word
    on_topic: bool  # the message names the subject of the knowledge base

    @property
    def small_talk(self) -> bool:
        """Praise, thanks or a greeting around one word a fact uses ("good bot", "i love
        this bot", "nice cast"): not a question, nobody asked for a fact."""
        return not self.question and self.smalltalk >= SMALL_TALK_SHARE and self.explained <= 1

    @property
    def example(self) -> bool:
        """The message asks one of the fact's example questions, as the matcher reads it (the
        same words, whatever the spelling, punctuation or typos): the admin's word for it.
        A lone word that is not asked ("this show is so *good*" has the words of "is the show
        good") is chatter as often as not: the calibrated confidence decides it."""
        return (self.question or self.tokens > 1) and self.closeness_exact >= EXAMPLE_MATCH

    closeness_exact: float = 0.0  # Dice overlap with the nearest example, words only
    # one of its examples with one word changed for a word only its answer names
    swapped: bool = False
    # one of its examples' words, question words aside, and no other entry's example's
    bare_example: bool = False
    named: bool = False  # every word of the message is a word of its keywords or title
    # share of the message's words that are small talk ("good"), but in a question not those
    # the best fact's examples use ("a *night* of boarding", "price per night")
    smalltalk: float = 0.0
    explained: int = 0  # how many of the message's words the fact explains


@dataclass(frozen=True)
class MatchResult:
    """What the matcher decided for one message."""

    outcome: Literal["answer", "suggest", "none"]
    confidence: float
    answers: tuple[Fact, ...] = ()  # best first
    suggestions: tuple[Fact, ...] = ()
    unknown: Unknown | None = None  # the known-unknown topic the question is about, if any
    # the entries that could change the decision, best first (for debugging)
    ranked: tuple[Scored, ...] = field(default=(), repr=False)
    # In a message of several questions, what was decided for each (in the message's order);
    # empty for a message of one question.
    parts: tuple[Part, ...] = ()
    unread: int = 0  # questions of the message after the first MAX_QUESTIONS, not answered
    # a message that asks nothing but thanks, praises, greets or says goodbye to the bot
    # ("ty bot!"): the kind (bot/courtesy.py), answered with a courtesy, not "I don't know"
    courtesy: str | None = None
    # a message the bot knows nothing of, written in another language than English: its
    # code ("es"), so that the fan is told the bot reads English only (bot/languages.py)
    language: str | None = None
    # the message is one of its fact's example questions word for word (as `/faq teach`
    # adds a fan's message): the admin's word for what it asks, whatever its clauses would
    # get on their own
    verbatim_example: bool = field(default=False, repr=False)

    @property
    def sure_unasked(self) -> bool:
        """Whether the bot says this reply to a message nobody addressed to it (an
        auto-answer channel): an answer at PASSIVE_THRESHOLD or more, or what the base knows
        it does not know, its known unknown ranked at PASSIVE_THRESHOLD or more and clear of
        the rest by PASSIVE_MARGIN ("how many episodes are there?" had got silence)."""
        if self.outcome == "answer":
            return self.confidence >= PASSIVE_THRESHOLD
        if self.outcome != "none" or self.unknown is None or self.courtesy is not None:
            return False
        mine = [s.confidence for s in self.ranked if s.unknown is self.unknown]
        rest = [s.confidence for s in self.ranked if s.unknown is not self.unknown]
        sure = max(mine, default=0.0)
        return sure >= PASSIVE_THRESHOLD and max(rest, default=0.0) <= sure - PASSIVE_MARGIN

    @property
    def unanswered(self) -> tuple[Part, ...]:
        """The questions of a message that got an answer for others but none of their own
        (a "did you mean" only of facts the reply answers is no question left: "can you help
        me find… where to watch it" got where to watch it)."""
        if self.outcome != "answer":
            return ()
        answered = set(self.ids)
        return tuple(
            p
            for p in self.parts
            if (
                p.result.id not in answered
                if p.result.outcome == "answer"
                else p.result.outcome != "suggest"
                or not answered.issuperset(f.id for f in p.result.suggestions)
            )
        )

    @property
    def id(self) -> str | None:
        """The best answered fact's id, or None."""
        return self.answers[0].id if self.answers else None

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.answers]

    @property
    def ranked_first(self) -> str | None:
        """The id of the best-ranked fact, answered or not, or None."""
        return next((s.entry_id for s in self.ranked if s.fact is not None), None)
