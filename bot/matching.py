"""Match a fan's message to the facts that answer it, or to nothing (pure: no Discord).

Each fact's example questions, keywords and answer are analysed once, at load, by the same
:class:`~bot.lexicon.Lexicon` that analyses fans' messages, and indexed (bot/index.py). A
message is then scored against the facts that share a token with it (bot/ranking.py):

* **coverage**: the share of the message's token weight the fact explains. Words no fact
  explains ("how *tall* is maggie q", "when does *bosch legacy* s3 come out") pull it down,
  which is what keeps unanswerable questions from getting the nearest fact;
* **closeness**: how near the message is to the fact's closest example question
  (a weighted Dice overlap of their tokens).

The calibrated confidence (bot/confidence.py) reads the evidence about the best fact, and
the thresholds below, with the rules of this module, turn it into one of three outcomes
(bot/outcomes.py): answer, suggest ("did you mean"), none. Messages with several questions
are also scored clause by clause, so each gets its answer (bot/several.py).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from bot._gc import paused_gc
from bot.as_written import AsWritten
from bot.cleaning import ZERO_WIDTH_SPACE, clean, quoted_lines, unquoted
from bot.confidence import Model, shipped_model
from bot.courtesy import (
    ANNOUNCED,
    REACTION,
    courtesy,
    polls_channel,
    reacts,
    shows_feeling,
    unwrapped,
    without_polls,
)
from bot.deciding import TERSE_WORDS, Decider
from bot.elsewhere import asks_elsewhere, owners_named
from bot.example_lint import ExampleLint
from bot.held_back import HeldBack
from bot.index import LONG_MESSAGE_TOKENS, Index, common_words
from bot.knowledge import Fact, KnowledgeBase, Problem, as_question
from bot.languages import other_language, unreadable
from bot.lexicon import Analysis, Lexicon, Token, lexicon_for
from bot.outcomes import NUMBER, Evidence, MatchResult, Scored
from bot.ranking import (
    MAX_SUGGESTIONS,
    NAME_TOKENS,
    Ranker,
    aside_tokens,
    message_weights,
    smalltalk,
)
from bot.reading import announces_only
from bot.several import Several, carried_terms
from bot.text import CLAUSE_BREAK_PLAIN, is_number, message_words, stem, words
from bot.vocabulary_tables import TENSE_TOKENS, VocabularyTables, faq_synonyms

# Thresholds, chosen from the curves `ballard-bot eval --curve` prints on the dev set
# (see README, "How the thresholds were chosen").
ANSWER_THRESHOLD = 0.70  # calibrated confidence at or above: answer
# (where nobody asked the bot, PASSIVE_THRESHOLD: see bot.outcomes)
# Below that, "did you mean" when the best facts rank at least this high (facts the message
# is about, where the confidence says which one is unsure)...
SUGGEST_THRESHOLD = 0.40
SUGGEST_FLOOR = 0.04  # ...unless the calibrated confidence says it is noise
UNKNOWN_FLOOR = 0.40  # a known unknown must rank at least this high to say "I don't know"
# (a message naming a fact as written has at most NAME_TOKENS tokens, bot.ranking; a keyword
# of one word names its fact said alone if rarer in English than RARE_NAME_ZIPF, bot.index)
# (the answer's floors for a message that is an example, a terse request, a swapped or bare
# example, and a terse request's most words, TERSE_WORDS: see bot.deciding)
# A message that asks nothing (no question clause), in a base whose example questions are
# nearly all questions (fewer than STATEMENT_SHARE statements among its first
# STATEMENT_SAMPLE), is a fan talking about the show ("nielsen top 10 for weeks, called it"),
# not a request: its fact is answered only this sure, and offered below it. (A base whose
# admin writes statements as examples, "lost my card", takes statements as requests.)
# Chosen on the development sets: 0.80 at first; 0.90 since a request by a fact's keywords
# is exempt (see _keyword_request), the highest that costs none of their right answers.
STATEMENT_CONFIDENCE = 0.90
# ...but a message of at most this many words of content, not exclaimed ("snow day!") and
# naming no term of the vocabulary ("maggie q ate"), is a request typed as a search ("ski
# rental price", "lift pass refund"), not a fan talking: the answer threshold decides it
# (see _searched). `python tools/generalisation.py --questions-only`: the rule had cost the
# development domains' bases of questions alone 2.9 to 10.7 points of right answers, 0 to
# 3.2 since, false answers the same; at 3 words two more of a fan's statements in
# chatter-2/3 got a fact.
TERSE_STATEMENT_TOKENS = 2
# ...and a message that asks nothing with at least this many words of content is a fan
# talking whatever its confidence ("2.5 billion minutes is insane for a show some people
# said nobody would watch lol"): offered, never answered. A request typed without a
# question is short ("season 2 release date") or opens as one ("looking for…", "tell me…":
# bot/data/request_openers.txt). Chosen on the development sets: at 4 words a
# development set lost a right answer, at 8 two more of chatter-2/3's statements got a fact.
LONG_STATEMENT_TOKENS = 6
STATEMENT_SHARE = 0.1
STATEMENT_SAMPLE = 300
ANSWER_MARGIN = 0.02  # a best fact within this of the next is a close call: "did you mean"
UNKNOWN_MARGIN = 0.0  # a known unknown scoring at least the best fact + this means "I don't know"
# (or UNKNOWN_CLEAR_WIN above it even without words of its own: see bot.deciding)
CLAUSE_THRESHOLD = 0.75  # each question of a message of several clauses must be this sure on
# its own (but its one question, when the message as a whole ranks the same fact first)
MAX_LISTED = 4  # requests a message may list without asking ("cast + premiere date")

# (how an entry explains a message's words, the question words' weight and which count
# against a fact never asked them, what makes a message long: see bot.index)
LONG_CHATTER_WEIGHT = 0.5  # a long message's everyday words that no entry uses count this much
UNUSED_WORD_FACTOR = 0.5  # any word no entry uses counts this share of its weight


@dataclass(frozen=True)
class Thresholds:
    """The decision thresholds (`eval --curve` varies them). Each defaults to its module
    constant as it is when the thresholds are made, not when this class was: a tool that
    sets ``bot.matching.ANSWER_THRESHOLD`` (tools/sweep_constants.py) changes the decisions."""

    answer: float = field(default_factory=lambda: ANSWER_THRESHOLD)
    suggest: float = field(default_factory=lambda: SUGGEST_THRESHOLD)
    margin: float = field(default_factory=lambda: ANSWER_MARGIN)
    unknown_margin: float = field(default_factory=lambda: UNKNOWN_MARGIN)
    clause: float = field(default_factory=lambda: CLAUSE_THRESHOLD)
    unknown_floor: float = field(default_factory=lambda: UNKNOWN_FLOOR)
    suggest_floor: float = field(default_factory=lambda: SUGGEST_FLOOR)
    statement: float = field(default_factory=lambda: STATEMENT_CONFIDENCE)


# A message's clauses as written, for quoting its questions back (Matcher.quoted); a
# clause longer than this is quoted as read
CLAUSE_BREAK = re.compile(CLAUSE_BREAK_PLAIN)
MAX_QUOTED = 300
MARKUP = re.compile(r"[<>*_`|~#\[\]\\@]|://")  # (Discord's markup, mentions and links)


class Matcher:
    """Scores messages against a knowledge base; build once per knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon | None = None,
        thresholds: Thresholds | None = None,
        model: Model | None = None,
    ) -> None:
        self.model = model or shipped_model()
        with paused_gc():
            self._build(kb, lexicon, thresholds)

    def _build(
        self, kb: KnowledgeBase, lexicon: Lexicon | None, thresholds: Thresholds | None
    ) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self.lexicon = lexicon or lexicon_for(kb, common_words())
        vocabulary = self.lexicon.vocabulary  # (the rules ask it what a token is)
        self.index = Index(kb, self.lexicon)
        # everyday words read as the base's (after its own text is read: see the method)
        self.faq_synonyms: dict[str, str] = (
            vocabulary.fill_in_synonyms(faq_synonyms(), self.index.own_tokens)
            if kb.settings.faq_synonyms
            else {}
        )
        self.ranker = Ranker(self.index, vocabulary)
        self.as_written = AsWritten(self.index)
        self.held_back = HeldBack(self.index, vocabulary)
        self.several = self._several()
        self.decider = Decider(
            self.as_written, vocabulary, self.model, self.lexicon.spelling.correct
        )
        self._titles: list[str] = []  # example questions for autocomplete, built on first use
        self._questions_only: bool | None = None  # see questions_only (read when first needed)
        self.lexicon.spelling.targets.prepare()  # (so that the first message does not pay)
        smalltalk()  # read now, so that the first message does not pay for it
        courtesy("")  # (and the courtesies' wordings, read on the first call)
        polls_channel(())  # (and the channel polls' openings: see Several._asks)
        other_language("")  # (and the words of the languages it does not read)
        self._warm_up()

    def questions_only(self) -> bool:
        """Whether the base's examples are questions: fewer than STATEMENT_SHARE of its first
        STATEMENT_SAMPLE ask nothing (no question clause: "lost my card", "check out time")
        as a message is read. If so, a message that asks nothing is offered, not answered,
        below the statement threshold (`validate` says so); if not, one of three words or
        more is weighed as a question is (see bot.deciding.STATEMENT_REQUEST_TOKENS). Worked
        out when a statement first needs it (~10 ms for the shipped base: not at load, as
        most messages are questions)."""
        if self._questions_only is None:
            sample = [q for fact in self.kb.facts for q in fact.questions][:STATEMENT_SAMPLE]
            analyse = self.lexicon.analyse
            said = sum(not analyse(q, correct=False).question_clauses for q in sample)
            self._questions_only = said < STATEMENT_SHARE * len(sample)
        return self._questions_only

    def _statements_ask(self) -> bool:
        """Whether a message that asks nothing may be a request: the base's examples make
        requests as statements (see questions_only)."""
        return not self.questions_only()

    def _warm_up(self) -> None:
        """Match one made-up message of two of the base's example questions, one with a typo,
        so that the first fans' messages after a start or a reload do not pay for the
        interpreter's first run through each step (about 0.1 ms of the first one's 0.3-0.4
        ms: benchmarks/bench_first_message.py). Only caches change; no decision does."""
        examples = list(islice((q for entry in self.kb.entries() for q in entry.questions), 2))
        if not examples:
            return
        first, last = examples[0], examples[-1]
        found = [w for w in last.split() if len(w) >= 5 and w.isalpha()]
        if found:
            word = max(found, key=len)
            last = last.replace(word, word[0] + word[2:], 1)  # a letter dropped
        self.match(f"hey! {first}? and {last} 🙂")

    def with_thresholds(self, thresholds: Thresholds) -> Matcher:
        """A matcher sharing this one's index but deciding with other thresholds."""
        other = copy.copy(self)
        other.thresholds = thresholds
        other.several = other._several()  # (reads its clause threshold and its methods)
        return other

    # -- helpers for the Discord layer -------------------------------------------------------

    def is_question(self, text: str, *, unasked: bool = False) -> bool:
        """Whether a message asks something of whoever reads it ("thanks!" does not; "who
        plays her" does; "am i the only one who cried at the finale?" polls the channel, and
        only that, so it does not: see bot.courtesy.without_polls). ``unasked``: nobody
        addressed it to the bot, so a question to another member about themself ("did you
        watch it on prime video?") is not one either."""
        if not self.lexicon.analyse(text).question_clauses:
            return False
        rest = without_polls(text, members=unasked)
        return rest is text or bool(self.lexicon.analyse(rest).question_clauses)

    def speaks_unasked(self, text: str) -> bool:
        """Whether the bot answers a message nobody addressed to it (an auto-answer channel):
        a question (is_question) whose answer is sure (MatchResult.sure_unasked)."""
        return self.is_question(text, unasked=True) and self.match(text).sure_unasked

    def group_key(self, text: str) -> str:
        """A key under which rewordings of one question group together (for /faq unanswered)."""
        analysis = self.lexicon.analyse(text)
        key = sorted({t.text for t in analysis.tokens} | analysis.question_words)
        return " ".join(key)[:200] or " ".join(text.lower().split())[:200]

    def complete(self, text: str, limit: int = 25) -> list[str]:
        """Example questions closest to what a fan has typed so far (for autocomplete)."""
        from rapidfuzz import fuzz, process, utils

        if not self._titles:
            self._titles = sorted(
                {f.heading for f in self.kb.facts}
                | {as_question(q) for f in self.kb.facts for q in f.questions}
            )
        query = text.strip()
        if not query:
            return [f.heading for f in self.kb.facts][:limit]
        hits = process.extract(
            query,
            self._titles,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=50,
        )
        return [title for title, _, _ in hits]

    # -- lint -------------------------------------------------------------------------------

    def chat_kind(self, text: str) -> str | None:
        """What a message asking nothing is, as match() reads it when it is no example
        question: a courtesy's kind ("thanks", "praise", "greeting", "bye", "ack"; see
        bot.courtesy), NUMBER for numbers alone ("2", "10/10"), REACTION for a fan reacting
        ("lol", "omg yes", "😂"); else None. (Not "help": "what can you do?" is a question an
        admin's fact about the bot may answer.) An example question is the admin's word, so
        as written a courtesy or a number gets its fact all the same; a reaction never does.
        For `validate` (see bot.example_lint)."""
        text = unquoted(text)
        kind = courtesy(text)
        if kind is not None and kind != "help":
            return kind
        analysis = self.lexicon.analyse(text)
        if analysis.question_clauses:
            return None
        if _only_numbers(analysis):
            return NUMBER
        if analysis.exclaims or reacts(text):
            return REACTION
        return None

    def lint(self) -> list[Problem]:
        """Warnings about knowledge the matcher cannot use well (for `ballard-bot validate`)."""
        return ExampleLint(self).problems()

    def chatter_caught(self) -> dict[tuple[str, str], list[str]]:
        """Everyday chat that gets a fact, by the fact's id and its example closest to the
        chat (see ExampleLint.chatter_caught)."""
        return ExampleLint(self).chatter_caught()

    def faq_synonyms_as_written(self) -> dict[str, str]:
        """The everyday words read as the base's own (``faq_synonyms``: each word and the
        token it is read as), each with that token as the base writes it (the shortest of its
        words of that stem), for `validate`."""
        tokens = set(self.faq_synonyms.values())
        spelt: dict[str, str] = {}
        for word in sorted(self.lexicon.spelling.targets.base_words, key=lambda w: (len(w), w)):
            if (key := stem(word)) in tokens:
                spelt.setdefault(key, word)
        return {word: spelt.get(token, token) for word, token in self.faq_synonyms.items()}

    def shows_unexplained(self, fact: Fact, wording: str) -> list[str]:
        """The other shows an example question of ``fact`` names that its answer, title and
        keywords do not (see ExampleLint.shows_unexplained)."""
        return ExampleLint(self).shows_unexplained(fact, wording)

    # -- scoring ----------------------------------------------------------------------------

    # -- evidence ---------------------------------------------------------------------------

    def evidence(self, text: str) -> tuple[str | None, Evidence | None]:
        """The best fact for a whole message and its evidence (for training the calibrated
        confidence, see tools/train_confidence.py)."""
        analysis = self.lexicon.analyse(text)
        asks = _asks(analysis)
        summed, q_weights = message_weights(analysis.tokens, self._weights(analysis), asks)
        ranked = self.ranker.score(summed, q_weights, asks, on_topic=analysis.on_topic)
        ev = self.ranker.evidence(
            ranked,
            summed,
            q_weights,
            asks,
            on_topic=analysis.on_topic,
            question=bool(analysis.question_clauses),
        )
        best = next((s.entry_id for s in ranked if s.fact is not None), None)
        return best, ev

    # -- decisions --------------------------------------------------------------------------

    def _keyword_request(self, analysis: Analysis, result: MatchResult) -> bool:
        """Whether a message that asks nothing is a request by its answer's keywords alone:
        one clause of at most TERSE_WORDS words, each a word of the answered fact's keywords
        ("ballard plot", "lol ballard synopsis anyone": the premise's "plot"; not "THE
        FINALE. THE FINALE.", a fan exclaiming)."""
        tokens = analysis.tokens
        if (
            len(result.answers) != 1
            or analysis.clause_count != 1
            or not 0 < len(tokens) <= TERSE_WORDS
        ):
            return False
        keyworded = self.index.entry(result.answers[0].id).keyworded
        return all(t.text in keyworded for t in tokens)

    def _judge_question(
        self,
        tokens: Sequence[Token],
        question_words: frozenset[str],
        on_topic: bool,
        context: frozenset[str],
        owners: frozenset[str] = frozenset(),
    ) -> MatchResult:
        """One question of a message of several, read with its own words' weights."""
        return self._judge(
            tokens,
            question_words,
            self._own_weights(tokens),
            on_topic=on_topic,
            question=True,
            context=context,
            owners=owners,
        )

    def _judge(
        self,
        tokens: Sequence[Token],
        question_words: frozenset[str],
        weights: Sequence[float],
        *,
        on_topic: bool,
        question: bool,
        context: frozenset[str] = frozenset(),
        written: str | None = None,
        message: str | None = None,
        core: str | None = None,
        owners: frozenset[str] = frozenset(),
        aside: frozenset[str] = frozenset(),
    ) -> MatchResult:
        """Rank the entries for some tokens and decide (``written``: the message, when they
        are all of its few tokens: it may say one of a fact's names as written; ``message``:
        the message, when they are all of its tokens: it may be an example word for word,
        as sent or as its ``core``, without its greeting and thanks: bot.courtesy.unwrapped;
        ``owners``: other companies the message names as owners, see bot.elsewhere;
        ``aside``: the tokens said only around its questions, see Ranker.score)."""
        summed, q_weights = message_weights(tokens, weights, question_words)
        ranked = self.ranker.score(
            summed, q_weights, question_words, on_topic=on_topic, context=context, aside=aside
        )
        said = False
        forms = None
        if written is not None and len(summed) > 1:
            # (a name of one token, "season 1", is a topic several facts may share)
            ranked, said, forms = self.as_written.said_first(ranked, written)
        ev = self.ranker.evidence(
            ranked, summed, q_weights, question_words, on_topic=on_topic, question=question
        )
        elsewhere = bool(owners) and asks_elsewhere(tokens, ranked, owners, self.index)
        result = self.decider.decide(
            ranked,
            ev,
            self.thresholds,
            written,
            message,
            unwrapped=core,
            said=said,
            forms=forms,
            elsewhere=elsewhere,
            # (a base of questions reads a statement as a fan talking: see questions_only,
            # worked out only when a statement can need it)
            statement_requests=self._statements_ask,
        )
        if (
            result.outcome == "answer"
            and not result.verbatim_example
            and len(tokens) < LONG_MESSAGE_TOKENS
        ):
            named = self._named_elsewhere(ranked, summed, result.answers[0].id)
            if named:
                # "when does the ballard book come out": the premiere's examples explain all
                # but "book", which the admin wrote as the name of another entry's topic
                # (a keyword of the books' fact): the question may be about that, so the
                # fan is offered both rather than told the premiere
                offered = (*result.answers, *named)[:MAX_SUGGESTIONS]
                return replace(result, outcome="suggest", answers=(), suggestions=offered)
        return result

    def _named_elsewhere(
        self, ranked: Sequence[Scored], summed: dict[str, float], answer: str
    ) -> tuple[Fact, ...] | None:
        """Whether a message says, in words its answer's entry does not use, a keyword of
        another ranked entry (IndexEntry.keyworded: an admin's word for that entry's topic;
        a base built from example questions alone has none): the facts among those entries,
        best first (maybe none: known unknowns only), or None."""
        mine = self.index.entry(answer).vocab
        found = False
        facts: list[Fact] = []
        for s in ranked:
            if s.entry_id == answer:
                continue
            other = self.index.entry(s.entry_id)
            if any(t in summed and t not in mine for t in s.explained & other.keyworded):
                found = True
                if s.fact is not None:
                    facts.append(s.fact)
        return tuple(facts) if found else None

    def match(self, text: str, *, after: Sequence[str] = ()) -> MatchResult:
        """Decide how to answer one message (possibly holding several questions); ``after``:
        the facts of the bot's answer the message replies to, if any ("is it renewed?", the
        answer, then a reply "when does it come out?" asks when season 2 does)."""
        if unreadable(text):  # written at length in scripts the bot cannot read
            return MatchResult("none", 0.0)
        said = unquoted(text)  # (the lines a message quotes are not what it asks)
        terms = self.several.numbers_of(after) if after else frozenset()
        if not terms and said != text:
            terms = self._quoted_terms(quoted_lines(text))
        result = self._match(said, terms)
        if _found_nothing(result) and ZERO_WIDTH_SPACE in said:
            # clean() drops a zero-width space, as typed inside a word to dodge a filter
            # ("w\u200bhen"); typed between words instead of spaces, it is the space it
            # stands for ("who\u200bplays\u200bballard"), answered if it then is
            result = self._answered_as(said.replace(ZERO_WIDTH_SPACE, " "), result, terms)
        if _found_nothing(result):
            # nothing found: a real word may be a typo after all, two letters swapped of a
            # word of the base ("who is in the cats of ballard"), answered if it then is
            result = self._answered_as(self.lexicon.spelling.unswapped(said), result, terms)
        if said != text and _found_nothing(result) and self.lexicon.analyse(said).question_clauses:
            # ...unless what the fan writes under them asks about nothing but them ("> when
            # is season 2 coming out", then "anyone know?"): the quote is what is asked
            quoted = self._match(text, terms)
            if quoted.outcome != "none" or quoted.unknown is not None:
                result = quoted
        text = said
        if result.outcome == "suggest" and result.unknown is None and result.courtesy is None:
            # offered as typed: a real word may stand for one of the base's that sounds
            # alike ("are pets *aloud* on board": allowed), answered if it then is
            result = self._answered_as(self.lexicon.spelling.sound_alike(text), result, terms)
        if not result.verbatim_example:
            # a message made only of a courtesy's words ("thanks!", "can you hear me?") is
            # that courtesy, whatever fact or known unknown shares a word with it ("hearing
            # support"; "bad bot" and the spoilers' "bad guy")
            kind = courtesy(text)
            if kind is None and result.outcome == "none" and announces_only(message_words(text)):
                kind = ANNOUNCED  # "quick question": the question is still to come
            if kind is not None:
                if result.outcome != "none" or result.unknown is not None:
                    result = MatchResult("none", 0.0, ranked=result.ranked)
                return replace(result, courtesy=kind)
        if result.outcome != "answer" and result.unknown is None:
            # "¿cuándo sale la temporada 2?": told the bot reads English only (rather than
            # offered what its numbers and look-alike words find: "quand sort la saison 2")
            language = other_language(text)
            if language is not None:
                return MatchResult("none", 0.0, ranked=result.ranked, language=language)
        return result

    def quoted(self, text: str, result: MatchResult) -> MatchResult:
        """``result`` (what ``text`` got) with the questions a reply quotes back ("About “…”:
        I don't know that yet") as the fan wrote them: each one that a clause of the message,
        read alone, reads as ("who plays ballard? wat about s3??" quotes "wat about s3", not
        "what about s 3"), unless the clause holds Discord markup (a mention, a link,
        formatting), quoted as read. For a reply about to be written (each clause is read
        again: ~0.1 ms each), not for every match."""
        if not result.unanswered:
            return result
        wanted = {p.text for p in result.unanswered}
        written: dict[str, str] = {}
        pieces = dict.fromkeys(" ".join(piece.split()) for piece in CLAUSE_BREAK.split(text))
        for piece in pieces:  # (each once: a flood repeats its questions)
            if not piece or len(piece) > MAX_QUOTED or MARKUP.search(piece) is not None:
                continue
            read = self.lexicon.analyse(piece).clause_texts
            if len(read) == 1 and read[0] in wanted:
                written.setdefault(read[0], piece)
                if len(written) == len(wanted):
                    break
        if not written:
            return result
        parts = tuple(replace(p, said=written.get(p.text, "")) for p in result.parts)
        return replace(result, parts=parts)

    def _quoted_terms(self, quote: str) -> frozenset[str]:
        """The numbered terms the lines a message quotes are about: "> is it renewed" then
        "when does it come out" asks about season 2, what the quote is answered with (as the
        bot's answer is to a reply); "> ballard s2" (a forum post's title) the season it
        names."""
        answered = self._match(quote)
        if answered.outcome == "answer":
            return self.several.numbers_of(answered.ids)
        named = carried_terms(self.lexicon.analyse(quote), self.lexicon.vocabulary)
        return frozenset(t.text for t in named)

    def _answered_as(
        self, reading: str | None, result: MatchResult, after: frozenset[str]
    ) -> MatchResult:
        """What another reading of a message gets if it is an answer, else ``result``."""
        if reading is None:
            return result
        again = self._match(reading, after)
        return again if again.outcome == "answer" else result

    def _match(self, text: str, after: frozenset[str] = frozenset()) -> MatchResult:
        """One reading of a message (``after``: the numbered terms of the answer it replies
        to, see Several.numbers_of)."""
        analysis = self.lexicon.analyse(text)
        if _only_numbers(analysis) and not self.as_written.is_any_example(text):
            # "2", "100", "2025": nobody asked anything (unless an admin wrote the message
            # as an example question: "is it 24/7?" asks the opening hours)
            return MatchResult("none", 0.0)
        if not analysis.question_clauses and (analysis.exclaims or reacts(text)):
            # "lmao the cliffhanger tho 💀", "bosch!!!": a fan reacting, however plainly the
            # message names a fact, gets a reaction back (asked, "cliffhanger?!" is read)
            return MatchResult("none", 0.0, courtesy=REACTION)
        asks = _asks(analysis)
        owners = owners_named(analysis, self.index)
        # (what the message says as written, without the greeting before it or the thanks
        # after it: "hi, synopsis" names the premise as "synopsis" does)
        core = unwrapped(text)
        said = core or text
        # ...and asks if its core asks ("cast list thanks!" as "cast list" does)
        asked = bool(analysis.question_clauses) or (
            core is not None and bool(self.lexicon.analyse(core).question_clauses)
        )
        written = (
            said
            if len(analysis.tokens) <= NAME_TOKENS
            # (a name said with an emoji, "MAGGIE Q 😍", is a reaction, not a request; "cast
            # list 🙏" asks)
            and (analysis.question_clauses or not shows_feeling(text))
            else None
        )
        weights = self._weights(analysis)

        def judged(aside: frozenset[str]) -> MatchResult:
            """What the message as a whole gets (``aside``: see Ranker.score)."""
            whole = self._judge(
                analysis.tokens,
                asks,
                weights,
                on_topic=analysis.on_topic,
                question=asked,
                written=written,
                message=text,
                core=core,
                owners=owners,
                aside=aside,
            )
            if (
                whole.outcome == "answer"
                and not asked
                and (
                    whole.confidence < self.thresholds.statement
                    or len(analysis.tokens) >= LONG_STATEMENT_TOKENS
                )
                and not whole.verbatim_example
                and not self._keyword_request(analysis, whole)
                and not _searched(analysis, said, self.lexicon.vocabulary)
                and self.questions_only()
            ):
                # a fan saying something about the show, in a base of questions: offered
                whole = replace(whole, outcome="suggest", answers=(), suggestions=whole.answers)
            if whole.outcome == "answer" and not whole.verbatim_example:
                asked_in = analysis.question_clauses or range(analysis.clause_count)
                texts = [analysis.clause_texts[c] for c in asked_in]
                whole = self.held_back(whole, texts, analysis.tokens, analysis.on_topic, asks)
            return whole

        whole = judged(frozenset())
        if (
            not analysis.question_clauses
            and 2 <= analysis.clause_count <= MAX_LISTED
            and not whole.verbatim_example
        ):
            listed = self.several.listed(analysis, whole)
            if listed is not None:
                return listed
        if analysis.clause_count < 2 or not analysis.question_clauses or whole.verbatim_example:
            # (a message taught as an example gets its fact, not its clauses' answers)
            if after and analysis.clause_count == 1 and not whole.verbatim_example:
                # a question about "it" in reply to an answer about season 2 asks about it
                context = frozenset(t.text for t in analysis.tokens)
                whole = self.several.reread(
                    analysis, 0, analysis.tokens, whole, after, context, owners, replying=True
                )
            return whole
        # Several clauses: each question is also scored on its own, so "who plays her and
        # where can i watch it" gets two answers and a question after some chat is found.
        result = self.several.read(analysis, whole, owners, after)
        if result.outcome != "answer" and result.unknown is None:
            # Neither the message nor its questions alone got an answer (nor are they about
            # something the base knows it does not know: that is said): the situation told
            # around the questions is read as such ("we're catching the 07:15 with two small
            # children… will we be able to get something hot to eat on board?"), its words
            # counting less against a fact that does not explain them. Only then: a question
            # answered on its own is what was asked, and a fact the situation's words happen
            # to name is no second answer ("long day at work… can i get a refund?").
            aside = aside_tokens(analysis.tokens, analysis.question_clauses)
            if aside:
                again = judged(aside)
                if again.outcome == "answer":
                    result = self.several.read(analysis, again, owners, after)
        return result

    def _several(self) -> Several:
        """The reading of a message of several clauses, with this matcher's judge, index and
        clause threshold (see bot.several.Several): made at load, and again for a copy with
        other thresholds."""
        return Several(
            self._judge_question,
            self._match,
            self.lexicon.vocabulary,
            self.index,
            self.held_back,
            self.thresholds.clause,
        )

    def _weights(self, analysis: Analysis) -> list[float]:
        """Token weights for the whole message: in a long message, everyday words that no fact
        or unknown uses at all ("saw", "real", "obsessed") are chat around the question and
        count less. Words outside the question clauses count as much as the question's own:
        the question often points back at them ("i lost my member key yesterday. what should
        i do"; docs/measured.md, for what down-weighting them cost).
        """
        tokens = analysis.tokens
        if len(tokens) < LONG_MESSAGE_TOKENS:
            return self._own_weights(tokens)
        # As _own_weights, with the everyday words no entry uses counting less again (in one
        # pass: a long message may have hundreds of tokens).
        index = self.index.postings
        weights: list[float] = []
        add = weights.append
        for t in tokens:
            w = t.weight
            if t.text not in index:
                w *= UNUSED_WORD_FACTOR
                if t.common:
                    w *= LONG_CHATTER_WEIGHT
            add(w)
        return weights

    def _own_weights(self, tokens: Sequence[Token]) -> list[float]:
        """Token weights before the context: a word no entry uses at all (a name, a place,
        a detail of the asker's situation, a typo) counts less than the words that say
        what is asked, so that it cannot sink a clear question on its own."""
        index = self.index.postings
        return [t.weight if t.text in index else t.weight * UNUSED_WORD_FACTOR for t in tokens]


def _searched(analysis: Analysis, text: str, vocabulary: VocabularyTables) -> bool:
    """Whether a message that asks nothing is typed as into a search box ("car prices",
    "missed departure"): at most TERSE_STATEMENT_TOKENS words of content and TERSE_WORDS
    words in all, none of them a term of the vocabulary ("maggie q ate" is a fan talking
    about her), and not exclaimed ("snow day!")."""
    return (
        len(analysis.tokens) <= TERSE_STATEMENT_TOKENS
        and "!" not in text
        and not any(vocabulary.is_concept(t.text) for t in analysis.tokens)
        and len(words(clean(text))) <= TERSE_WORDS  # not "reading a book for once"
    )


def _asks(analysis: Analysis) -> frozenset[str]:
    """The question words of a message as a whole, with a tense only as its questions say it
    ("i will binge it tonight. when does it come out" is asked in the present)."""
    asks = analysis.question_words
    if TENSE_TOKENS.isdisjoint(asks) or not analysis.question_clauses:
        return asks
    said = frozenset().union(
        *(analysis.clause_question_words[c] for c in analysis.question_clauses)
    )
    return (asks - TENSE_TOKENS) | (said & TENSE_TOKENS)


def _found_nothing(result: MatchResult) -> bool:
    """Whether a message got nothing at all: no answer, no known unknown, no courtesy, no
    fact ranked for it."""
    return (
        result.outcome == "none"
        and result.unknown is None
        and result.courtesy is None
        and not any(s.fact is not None for s in result.ranked)
    )


def _only_numbers(analysis: Analysis) -> bool:
    """A message whose only words are numbers, with no question word ("5", "10/10")."""
    return (
        bool(analysis.tokens)
        and TENSE_TOKENS.issuperset(analysis.question_words)
        and all(is_number(t.text) for t in analysis.tokens)
    )
