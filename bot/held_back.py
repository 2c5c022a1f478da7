"""The rules that hold an answer back: a question sharing its facts' words but asking about
something else gets a "did you mean", not the answer (pure; bot.matching asks them).

Each rule compares what a question asks (its tense, the frames of its clauses, another show
it names, a time of day, a day, month or year) with what a fact answered says of itself (the
tense and frames its examples are asked in, the times its answer and examples name). What a
rule reads of a fact is worked out once, when a question first needs it (:class:`Profile`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from bot.cleaning import clean
from bot.frames import CLOCK_FRAMES, Frames
from bot.index import Index
from bot.knowledge import Fact
from bot.lexicon import Token
from bot.outcomes import MatchResult
from bot.text import words
from bot.times import says_time_of_day, time_kind, times_asked, times_named
from bot.vocabulary_tables import OTHER_TENSE, TENSE_TOKENS, VocabularyTables


class Profile:
    """What the rules that hold an answer back (HeldBack) read of one fact's
    answer and examples, each worked out once, when first needed: most questions are asked
    in no frame, at no time of day and in no day, month or year."""

    def __init__(self, fact: Fact, frames: Frames) -> None:
        self._fact = fact
        self._frames_of = frames.of

    @cached_property
    def frames(self) -> frozenset[str]:
        """The frames its examples are asked in, in any wording and whatever their gap opens
        with (the vocabulary's bot.frames.Frames)."""
        return frozenset().union(
            *(self._frames_of(words(clean(q)), any_gap=True) for q in self._fact.questions)
        )

    @cached_property
    def tells_time(self) -> bool:
        """Whether it answers a question asking for a time of day: its answer says one, or
        one of its examples asks so."""
        fact = self._fact
        return says_time_of_day(fact.answer) or any(
            CLOCK_FRAMES.of(words(clean(q)), any_gap=True) for q in fact.questions
        )

    @cached_property
    def times(self) -> frozenset[str]:
        """The days, months and years its answer and examples name."""
        return frozenset().union(
            times_named(self._fact.answer), *map(times_named, self._fact.questions)
        )


def _times_unsaid(asked: frozenset[str], said: frozenset[str]) -> bool:
    """Whether a question asks in a time (bot.times.times_asked) that a fact does not name
    where it names others of that kind (``said``: the fact's, bot.times.times_named): the
    July chart position asked "in september", a Monday-to-Friday rota asked "on sunday"; a
    time said relative to now ("last week", "this year") where the fact names a month or a
    year (a dated event). A fact that names no time of the kind is a policy and answers."""
    kinds = {time_kind(t) for t in said}
    for t in asked:
        if t in said:
            continue
        kind = time_kind(t)
        if kind == "relative" and kinds & {"month", "year"}:
            return True
        if kind != "relative" and kind in kinds:
            return True
    return False


class HeldBack:
    """The rules, over one base's index (see Index) and compiled vocabulary (its frames, other
    shows: bot.vocabulary_tables.VocabularyTables)."""

    def __init__(self, index: Index, vocabulary: VocabularyTables) -> None:
        self.index = index
        self.vocabulary = vocabulary
        # what the rules read of each fact (see Profile), worked out when a message those
        # rules read first gets that fact
        self._profiles: dict[str, Profile] = {}

    def __call__(
        self,
        result: MatchResult,
        said: Sequence[str],
        tokens: Sequence[Token],
        on_topic: bool,
        asks: frozenset[str] = frozenset(),
    ) -> MatchResult:
        """An answer, or a "did you mean" when the question shares its facts' words but asks
        about something else:
        * it is asked in one tense (``asks``: its question words) and a fact answered is
          asked in the other one by most of its examples and never in this one ("when will
          it drop" and "when did ballard premiere": what is to come, not what has been);
        * it is asked in frames (its clauses as ``said``: "how does nielsen measure
          streaming minutes", "what does a showrunner do"; bot.frames.Frames, the vocabulary's)
          and a fact answered has no example asked in one of them: it asks about that kind
          of thing in general;
        * it names another show, not this one (``on_topic``), that a fact answered does not
          explain ("where did reacher rank on the nielsen streaming chart"): it asks about
          that show; or, this one or not, another show that a fact answered explains only
          through an example of its own (IndexEntry.borrowed_shows: "did bosch: legacy get
          cancelled because of ballard?" of the spinoff, taught "is ballard a sequel to bosch:
          legacy…"): that example asked as written still gets it;
        * it asks for a time of day ("what time does it drop on prime") and a fact answered
          says none and has no example asked so (bot/data/clock_questions.txt): a release
          date is no release hour;
        * it asks "what", "how many"… in a day, month or year ("what was ballard's nielsen
          ranking in september") that a fact answered does not name where it names others
          (bot/data/time_words.txt, _times_unsaid): the July chart position is no answer
          about September, nor about "last week"."""
        named = (
            frozenset(t.text for t in tokens if self.vocabulary.is_other_show(t.text))
            if not on_topic or self.index.borrowed_shows
            else frozenset()
        )
        shows = frozenset() if on_topic else named
        borrowed = named & self.index.borrowed_shows  # named only by a fact's example
        frames = frozenset().union(*(self.vocabulary.frames.of(text.split()) for text in said))
        clock = any(CLOCK_FRAMES.of(text.split()) for text in said)
        times = frozenset().union(*map(times_asked, said))
        tenses = asks & TENSE_TOKENS
        if not frames and not shows and not borrowed and not tenses and not clock and not times:
            return result
        for fact in result.answers:
            profile = self._profile(fact)
            if times and _times_unsaid(times, profile.times):
                break
            if tenses and self._mistimed(fact, tenses):
                break
            if frames and profile.frames.isdisjoint(frames):
                break
            if clock and not profile.tells_time:
                break
            if shows and not shows <= self.index.entry(fact.id).vocab.keys():
                break
            if borrowed and not borrowed.isdisjoint(self.index.entry(fact.id).borrowed_shows):
                break
        else:
            return result
        return replace(result, outcome="suggest", answers=(), suggestions=result.answers)

    def _mistimed(self, fact: Fact, tenses: frozenset[str]) -> bool:
        """Whether a question asked in ``tenses`` asks a fact in the other tense from the
        one most of its examples are asked in (see IndexEntry.tense)."""
        own = self.index.entry(fact.id).tense
        return bool(own) and own.isdisjoint(tenses) and any(OTHER_TENSE[t] in tenses for t in own)

    def _profile(self, fact: Fact) -> Profile:
        profile = self._profiles.get(fact.id)
        if profile is None:
            profile = self._profiles[fact.id] = Profile(fact, self.vocabulary.frames)
        return profile
