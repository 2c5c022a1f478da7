"""The decision for one ranking: answer, "did you mean", or nothing (pure; bot.matching asks).

The calibrated confidence (bot/confidence.py) reads the evidence about the best fact; the
admin's word raises it (a message that is one of the fact's examples, names it as written,
is a terse request in its words, or an example with a word swapped or its question words
left out); a known unknown that explains more of the question wins; and the thresholds
(bot.matching.Thresholds) turn what is left into the outcome (bot/outcomes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot._fastpath import rounded
from bot.as_written import AsWritten, Forms
from bot.cleaning import clean
from bot.confidence import Model
from bot.index import is_rare
from bot.outcomes import Evidence, MatchResult, Scored
from bot.ranking import MAX_SUGGESTIONS
from bot.text import is_number, words
from bot.vocabulary_tables import VocabularyTables

if TYPE_CHECKING:
    from bot.matching import Thresholds

# a message EXAMPLE_MATCH close to an example question (bot.outcomes) is that question...
EXAMPLE_CONFIDENCE = 0.95  # ...and answered with its fact at least this confidently
# A terse message of at most this many words, all of them words of one fact's examples or
# keywords and one of them rarer in English than RARE_NAME_ZIPF (bot.index: "child fare",
# "pet policy"), clear of the other facts and not all of them words of another fact, is
# answered at least this confidently (see Decider._terse)
TERSE_WORDS = 3
TERSE_CONFIDENCE = 0.75
# A message that is one of a fact's examples with one word changed for a word only its
# answer names ("do you accept paypal": "do you accept american express", PayPal in the
# answer) is answered this sure at least
SWAPPED_CONFIDENCE = 0.75
# ...and one that says an example's words without its question words ("hours?": "What are
# your hours?"), when no other entry's example says them
BARE_EXAMPLE_CONFIDENCE = 0.75
# In a base whose examples make requests as statements ("lost my card", "I docked the bike
# but my ride is still running": bot.matching.Matcher.questions_only is false), a message
# that asks nothing but says at least this many content words is weighed by the calibrated
# confidence as a question is (see Decider.decide's ``statement_requests``). Fewer are the
# terse rule's (TERSE_WORDS, Decider._terse), which asks for a word rarer than everyday
# English: two everyday words ("long day", "lunch time") are chat as often as not
STATEMENT_REQUEST_TOKENS = TERSE_WORDS
# A known unknown this far above the best fact wins even without words of its own
UNKNOWN_CLEAR_WIN = 0.1
SUGGEST_SPREAD = 0.2  # suggestions are within this much of the best


class Decider:
    """Decides for one base: its examples and names as written, its compiled vocabulary
    (the other shows), the calibrated confidence and its spelling correction (``read``: the
    word a message's word is read as)."""

    def __init__(
        self,
        as_written: AsWritten,
        vocabulary: VocabularyTables,
        model: Model,
        read: Callable[[str], str],
    ) -> None:
        self.as_written = as_written
        self.vocabulary = vocabulary
        self.model = model
        self.read = read

    def decide(
        self,
        ranked: list[Scored],
        ev: Evidence | None,
        thresholds: Thresholds,
        written: str | None = None,
        message: str | None = None,
        *,
        unwrapped: str | None = None,
        said: bool = False,
        forms: Forms | None = None,
        elsewhere: bool = False,
        statement_requests: Callable[[], bool] | None = None,
    ) -> MatchResult:
        """The decision for a ranking and the evidence about its best fact (``written``,
        ``message``, ``unwrapped``: see bot.matching.Matcher._judge; ``said``: the best fact
        was put first because the message says its name; ``elsewhere``: the message asks
        about another company, see bot.elsewhere; ``statement_requests``: whether the base's
        examples make requests as statements, so that a message that asks nothing may be one,
        asked only of such a message)."""
        th = thresholds
        facts = [s for s in ranked if s.fact is not None]
        # (a known unknown that explains only another show's name says nothing of what is
        # asked: "is bosch legacy getting another season" is not about "which show is better")
        unknowns = [
            s
            for s in ranked
            if s.unknown is not None
            and not (s.explained and all(map(self.vocabulary.is_other_show, s.explained)))
        ]
        top_unknown = unknowns[0] if unknowns else None
        if not facts or ev is None:
            return MatchResult(
                "none",
                0.0,
                unknown=top_unknown.unknown if top_unknown else None,
                ranked=tuple(ranked),
            )
        if message is not None and len(facts) > 1 and not said:
            # The fact the message says is the admin's word for what it asks: the one fact
            # it is an example question of, word for word, wherever that fact ranks ("who is
            # renee ballard" is the premise's, though "who" is no question its other
            # examples ask); of several, the one in a close call with the best ("how do i
            # unlock a bike" is unlock-bike's, "how much is it to unlock a bike" another
            # fact's); else, in a close call, the one it names as its admin wrote it, a
            # keyword ("who's michael connelly?": the books' name, and a word of a
            # producers example).
            tied = [s for s in facts if facts[0].confidence - s.confidence < th.margin]
            sayers = [s for s in facts if self._says_example(message, unwrapped, s.entry_id)]
            if len(sayers) > 1:
                sayers = [s for s in sayers if any(s is t for t in tied)]
            if len(sayers) != 1 and len(tied) > 1:
                sayers = [s for s in tied if self.as_written.names(written, s.entry_id, forms)]
            if len(sayers) == 1 and (len(tied) > 1 or sayers[0] is not facts[0]):
                facts.remove(sayers[0])
                facts.insert(0, sayers[0])
                said = True
        best = facts[0]
        runner_up = facts[1].confidence if len(facts) > 1 else 0.0
        if ev.small_talk:
            return MatchResult("none", 0.0, ranked=tuple(ranked))
        if (
            not ev.question
            and ev.tokens >= STATEMENT_REQUEST_TOKENS
            and statement_requests is not None
            and statement_requests()
        ):
            # The confidence was fitted where a statement is mostly a fan talking (the
            # shipped base's examples are questions); where the admin's examples say "lost my
            # card", a message that says so is asked as much as "how do i report my lost
            # card?" is. (Only the confidence reads it so: small talk is still small talk.)
            ev = ev._replace(question=True)
        probability = rounded(self.model.probability(ev), 4)
        # (a fact moved up because the message says its name is clear of the rest)
        margin = said or best.confidence - runner_up >= th.margin
        verbatim = (
            margin and message is not None and self._says_example(message, unwrapped, best.entry_id)
        )
        if verbatim or (
            (ev.example or self.as_written.names(written, best.entry_id, forms)) and margin
        ):
            probability = max(probability, EXAMPLE_CONFIDENCE)  # an admin's example question
        elif (
            margin
            and best.own_words
            and (len(facts) < 2 or facts[1].coverage < 1.0)  # no other fact says it all
            and self._terse(written, ev, others=len(facts) - 1)
        ):
            probability = max(probability, TERSE_CONFIDENCE)  # "child fare": the fact's words
        elif (
            margin
            and best.own_words
            and written is not None  # the whole message, a few words
            and ev.bare_example
            and (ev.question or ev.tokens > 1)
        ):
            probability = max(probability, BARE_EXAMPLE_CONFIDENCE)  # "hours?"
        elif margin and best.own_words and ev.swapped:
            probability = max(probability, SWAPPED_CONFIDENCE)  # "do you accept paypal"
        # A known unknown wins when it scores at least as well *and* explains part of the
        # question the fact does not ("how *tall* is maggie q" is not a lead-actor question),
        # or when it is clearly the closer match.
        # ...and, as a fact does, when the message is one of its example questions, word for
        # word (taught with /faq unknown: "what else has maggie q been in" says nothing but a
        # name the lead actor's fact explains too)
        # (the best one, and those that explain the whole message, as an example's entry
        # does: comparing a message with every known unknown's examples cost ~5 % of
        # matching)
        said_unknown = (
            next(
                (
                    s
                    for s in unknowns
                    if (s is unknowns[0] or s.coverage >= 1.0)
                    and self._says_example(message, unwrapped, s.entry_id)
                ),
                None,
            )
            if not verbatim and message is not None and unknowns
            else None
        )
        if said_unknown is not None:
            top_unknown = said_unknown
        if top_unknown is not None and (
            said_unknown is not None
            or (
                top_unknown.confidence >= th.unknown_floor
                and top_unknown.confidence >= best.confidence + th.unknown_margin
                and (
                    top_unknown.explained - best.explained
                    or top_unknown.confidence >= best.confidence + UNKNOWN_CLEAR_WIN
                )
            )
        ):
            return MatchResult(
                "none",
                probability,
                unknown=top_unknown.unknown,
                ranked=tuple(ranked),
                # (the admin's word for the whole message, whatever its clauses would get)
                verbatim_example=said_unknown is not None,
            )
        # A fact is answered only if its questions or keywords explain a word of the message:
        # words found only in its answer ("what's *new*" vs "the LAPD's *new* cold case unit")
        # can suggest it, never answer with it.
        if probability >= th.answer and margin and best.own_words and not elsewhere:
            assert best.fact is not None
            return MatchResult(
                "answer",
                probability,
                answers=(best.fact,),
                ranked=tuple(ranked),
                verbatim_example=verbatim,
            )
        if best.confidence >= th.suggest and probability >= th.suggest_floor:
            floor = max(th.suggest, best.confidence - SUGGEST_SPREAD)
            close = tuple(
                s.fact
                for s in facts[:MAX_SUGGESTIONS]
                if s.fact is not None and s.confidence >= floor
            )
            return MatchResult("suggest", probability, suggestions=close, ranked=tuple(ranked))
        return MatchResult("none", probability, ranked=tuple(ranked))

    def _says_example(self, message: str, unwrapped: str | None, entry_id: str) -> bool:
        """Whether a message is one of an entry's example questions (maybe with a typo or
        two): as sent, or without the greeting and thanks around it (``unwrapped``: see
        bot.courtesy.unwrapped; "hi! where can i watch it", but "how does it end, no
        spoilers" is an example as it is)."""
        is_example = self.as_written.is_example
        return is_example(message, entry_id) or (
            unwrapped is not None and is_example(unwrapped, entry_id)
        )

    def _terse(self, written: str | None, ev: Evidence, others: int = 0) -> bool:
        """Whether a message (as written, when it is short enough to be a name) is a terse
        request in its best fact's own words: at most TERSE_WORDS words, asked or not ("child
        fare", "pet policy?": a fan's two-word query, where a base built from example questions
        alone has no keyword to name its fact), every word of it a word of that fact's
        examples or keywords (none found only in its answer, none that no entry uses), and one
        of them rarer in English than RARE_NAME_ZIPF (see is_rare) or a number: "long day" is
        everyday chat, whatever fact says "long" and "day". One word is a request only when
        it is asked ("waitlist?") and no other fact says it at all (``others``: how many
        other facts were ranked: "Millbrook?", a town one fact's answer names and another's
        example, asks either)."""
        one_word = ev.tokens == 1 and ev.question and not others
        if written is None or not (one_word or 2 <= ev.tokens <= TERSE_WORDS):
            return False
        if ev.coverage < 1.0 or ev.unknown_share > 0.0:
            return False
        said = words(clean(written))
        # (a number the fact's examples use is as telling: "under 16 alone"; a word is as rare
        # as the word it is read as: a typo is rare in English, "rewatch time" is "watch time")
        read = self.read
        return len(said) <= TERSE_WORDS and any(is_rare(read(w)) or is_number(w) for w in said)
