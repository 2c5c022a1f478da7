"""Match a fan's message to the facts that answer it, or to nothing (pure: no Discord).

Each fact's example questions, keywords and answer are analysed once, at load, by the same
:class:`~bot.lexicon.Lexicon` that analyses fans' messages. A message is then scored against
the facts that share a token with it (an inverted index keeps this fast at 10,000 facts):

* **coverage**: the share of the message's token weight the fact explains. Words no fact
  explains ("how *tall* is maggie q", "when does *bosch legacy* s3 come out") pull it down,
  which is what keeps unanswerable questions from getting the nearest fact;
* **closeness**: how near the message is to the fact's closest example question
  (a weighted Dice overlap of their tokens).

``confidence = coverage * (CLOSENESS_FLOOR + (1 - CLOSENESS_FLOOR) * closeness)``; the
thresholds below turn it into one of three outcomes: answer, suggest ("did you mean"), none.
Messages with several questions are also scored clause by clause, so each gets its answer.
"""

from __future__ import annotations

import copy
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Literal

from bot import _fastpath
from bot._gc import paused_gc
from bot.knowledge import Fact, KnowledgeBase, Problem, Unknown, as_question
from bot.lexicon import (
    CONCEPT_WEIGHT,
    COUNT_TOKEN,
    OTHER_SHOW_WEIGHT,
    Analysis,
    Lexicon,
    Token,
    lexicon_for,
)
from bot.text import load_common_words

# Thresholds, chosen from the curves `ballard-bot eval --curve` prints on the dev set
# (see README, "How the thresholds were chosen").
ANSWER_THRESHOLD = 0.58  # at or above: answer
SUGGEST_THRESHOLD = 0.40  # at or above (but below ANSWER): "did you mean"
ANSWER_MARGIN = 0.02  # a best fact within this of the next is a close call: "did you mean"
UNKNOWN_MARGIN = 0.0  # a known unknown scoring at least the best fact + this means "I don't know"
UNKNOWN_CLEAR_WIN = 0.1  # ...or this far above it even without words of its own
CLAUSE_THRESHOLD = 0.60  # each extra question in a message must be this sure on its own
MAX_SUGGESTIONS = 3
SUGGEST_SPREAD = 0.2  # suggestions are within this much of the best

# Scoring weights.
CLOSENESS_FLOOR = 0.55  # share of confidence that coverage alone can give
ANSWER_CREDIT = 0.6  # a word found only in a fact's answer explains this much of its weight
QUESTION_WORD_WEIGHT = 0.35  # "who", "when"... count when the fact's examples use them
# ...and these also count against a fact whose examples never ask them: a "when" or "how
# many" question is not answered by a yes/no fact. ("what", "how", "which" are too general.)
SPECIFIC_QUESTION_WORDS = frozenset({"who", "when", "where", COUNT_TOKEN})
CONTEXT_WEIGHT = 0.4  # words outside the question clauses of a long message count this much
LONG_MESSAGE_TOKENS = 7  # a message with this many meaningful words is "long"...
LONG_CHATTER_WEIGHT = 0.5  # ...and its everyday words that no entry uses count this much
MAX_CANDIDATES = 40
MIN_EVIDENCE = 0.45  # a fact must explain at least this much weight ("work" alone is not enough)
TOPIC_EVIDENCE = 0.2  # naming the show counts as this much evidence ("is ballard good")
# Another show's name weighs OTHER_SHOW_WEIGHT where a fact does not explain it, but only a
# concept's weight where it does ("is bosch in it" is an ordinary bosch-appearance question).
EXPLAINED_SHOW_FACTOR = CONCEPT_WEIGHT / OTHER_SHOW_WEIGHT


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


@dataclass(frozen=True, slots=True)
class Scored:
    """A fact (or known unknown) with its confidence for one message."""

    entry_id: str
    confidence: float
    fact: Fact | None
    unknown: Unknown | None
    coverage: float = 0.0
    closeness: float = 0.0
    explained: frozenset[str] = frozenset()  # the message's tokens this entry explains
    own_words: bool = True  # whether its questions or keywords explain any word of the message


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

    @property
    def id(self) -> str | None:
        """The best answered fact's id, or None."""
        return self.answers[0].id if self.answers else None

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.answers]


@dataclass(slots=True)
class _Entry:
    id: str
    fact: Fact | None
    unknown: Unknown | None
    vocab: dict[str, float]  # token -> how much of its weight this entry explains (0..1)
    question_words: frozenset[str]
    examples: list[tuple[dict[str, float], float, str]]  # token weights, their total, wording
    requires: frozenset[str]


@cache
def _common_words() -> dict[str, float]:
    return load_common_words()


class Matcher:
    """Scores messages against a knowledge base; build once per knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        with paused_gc():
            self._build(kb, lexicon, thresholds)

    def _build(
        self, kb: KnowledgeBase, lexicon: Lexicon | None, thresholds: Thresholds | None
    ) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self.lexicon = lexicon or lexicon_for(kb, _common_words())
        self._entries: list[_Entry] = []
        self._index: dict[str, list[int] | frozenset[int]] = {}
        self._titles: list[str] = []  # example questions for autocomplete, built on first use
        self._shows = self.lexicon.other_shows
        # The base's own text is analysed in bulk, which is several times faster than text
        # by text and gives exactly the same (see bot/_fastpath.py): every answer, every
        # example question, and each keyword wording once (keywords recur across facts).
        lex = self.lexicon
        entries = (*kb.facts, *kb.unknowns)
        answers = _fastpath.token_texts_many(lex, [fact.answer for fact in kb.facts])
        questions = _fastpath.analyse_many(lex, [q for e in entries for q in e.questions])
        wordings = list(dict.fromkeys(k for entry in entries for k in entry.keywords))
        self._keywords: dict[str, tuple[dict[str, float], set[str]]] = {
            wording: (dict.fromkeys((t for t, _ in tokens), 1.0), asked)
            for wording, (tokens, asked) in zip(
                wordings, _fastpath.analyse_many(lex, wordings), strict=True
            )
        }
        for fact, tokens in zip(kb.facts, answers, strict=True):
            self._add(
                fact.id, fact, None, fact.questions, questions, fact.keywords, tokens, fact.requires
            )
        for unknown in kb.unknowns:
            self._add(
                unknown.id, None, unknown, unknown.questions, questions, unknown.keywords, (), ()
            )
        del self._keywords, self._shows
        self.lexicon.prepare_corrections()
        # Long postings as sets, so that a common word can be added to the candidates already
        # found without walking every entry that uses it (see _candidates).
        for tok, entries in self._index.items():
            if len(entries) > MAX_CANDIDATES:
                self._index[tok] = frozenset(entries)

    def with_thresholds(self, thresholds: Thresholds) -> Matcher:
        """A matcher sharing this one's index but deciding with other thresholds."""
        other = copy.copy(self)
        other.thresholds = thresholds
        return other

    def _add(
        self,
        entry_id: str,
        fact: Fact | None,
        unknown: Unknown | None,
        questions: Sequence[str],
        analysed: Iterator[tuple[list[tuple[str, float]], set[str]]],
        keywords: Sequence[str],
        answer_tokens: Sequence[str],
        requires: Iterable[str],
    ) -> None:
        """Index an entry: ``analysed`` yields the analyses of its example ``questions`` (in
        order: their tokens with weights, and question words); ``answer_tokens`` are its
        answer's content tokens."""
        vocab = dict.fromkeys(answer_tokens, ANSWER_CREDIT)
        examples = []
        question_words: set[str] = set()
        shows = self._shows
        # Example questions set closeness; keywords only widen what the fact explains.
        for phrase in questions:
            tokens, asked = next(analysed)
            weights = dict(tokens)
            vocab.update(dict.fromkeys(weights, 1.0))
            if not shows.isdisjoint(weights):
                for tok in shows.intersection(weights):
                    weights[tok] *= EXPLAINED_SHOW_FACTOR
            if asked:
                question_words |= asked
                weights.update(dict.fromkeys(asked, QUESTION_WORD_WEIGHT))
            if weights:
                examples.append((weights, sum(weights.values()), phrase))
        for phrase in keywords:
            found = self._keywords[phrase]
            vocab.update(found[0])
            question_words |= found[1]
        required = frozenset(t for r in requires for t in self.lexicon.phrase(r))
        position = len(self._entries)
        self._entries.append(
            _Entry(entry_id, fact, unknown, vocab, frozenset(question_words), examples, required)
        )
        index = self._index
        for tok in vocab:  # (not setdefault: that makes a new empty list for every token)
            posting = index.get(tok)
            if posting is None:
                index[tok] = [position]
            else:
                posting.append(position)  # type: ignore[union-attr]

    # -- helpers for the Discord layer -------------------------------------------------------

    def is_question(self, text: str) -> bool:
        """Whether a message reads as a question ("thanks!" does not; "who plays her" does)."""
        return bool(self.lexicon.analyse(text).question_clauses)

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

    def lint(self) -> list[Problem]:
        """Warnings about knowledge the matcher cannot use well (for `ballard-bot validate`)."""
        problems: list[Problem] = []
        owners: dict[frozenset[str], tuple[_Entry, str]] = {}
        for entry in self._entries:
            source = entry.fact or entry.unknown
            assert source is not None
            kind = "fact" if entry.fact else "unknown"
            for keyword in source.keywords:
                if not self.lexicon.phrase(keyword):
                    problems.append(
                        Problem(
                            source.file,
                            source.line,
                            f"{kind} '{entry.id}'",
                            f"keyword {keyword!r} is only words the matcher "
                            "ignores (stopwords or filler): it has no effect",
                        )
                    )
            for weights, _, wording in entry.examples:
                key = frozenset(weights)
                other = owners.get(key)
                if other is not None and other[0].id != entry.id:
                    problems.append(
                        Problem(
                            source.file,
                            source.line,
                            f"{kind} '{entry.id}'",
                            f"example {wording!r} looks the same to the matcher as "
                            f"'{other[0].id}' example {other[1]!r} ({' '.join(sorted(key))}): "
                            "reword one so they can be told apart",
                        )
                    )
                owners.setdefault(key, (entry, wording))
        return problems

    # -- scoring ----------------------------------------------------------------------------

    def _score(
        self,
        tokens: Sequence[Token],
        question_words: frozenset[str],
        weights: Sequence[float],
        *,
        on_topic: bool = False,
        context: frozenset[str] = frozenset(),
    ) -> list[Scored]:
        """Confidence of the candidate entries that can change the decision, best first.

        ``context`` holds the tokens of the whole message: a fact's ``requires`` may be met
        anywhere in it ("i loved season 1. when is the next season? is there a date?").
        """
        if not tokens:
            return []
        texts = {t.text for t in tokens} | context
        is_show = self.lexicon.is_other_show
        # What does not depend on the entry, once for each distinct word of the message: its
        # total weight and how many entries use it, and its largest weight (for closeness).
        summed: dict[str, float] = {}
        plain_q: dict[str, float] = {}
        for t, w in zip(tokens, weights, strict=True):
            summed[t.text] = summed.get(t.text, 0.0) + w
            plain_q[t.text] = max(plain_q.get(t.text, 0.0), w)
        total_all = sum(summed.values())
        candidates = self._candidates(summed)
        # (word, its weight, how many entries explain it)
        items = [(text, w, len(self._index.get(text, ())) or 1) for text, w in summed.items()]
        shows = {text for text in summed if is_show(text)}
        for wh in question_words:
            plain_q[wh] = QUESTION_WORD_WEIGHT
        # First coverage, which is cheap and bounds the confidence from above.
        covered: list[tuple[float, float, _Entry, dict[str, float], bool]] = []
        for pos in candidates:
            entry = self._entries[pos]
            if entry.requires and not (entry.requires & texts):
                continue
            vocab = entry.vocab
            matched = distinct = 0.0
            own = False
            total = total_all
            q_weights = plain_q
            for text, w, df in items:
                credit = vocab.get(text)
                if not credit:
                    continue
                if text in shows:  # "bosch" is only alarming where unexplained
                    total -= w * (1 - EXPLAINED_SHOW_FACTOR)
                    w *= EXPLAINED_SHOW_FACTOR
                    if q_weights is plain_q:
                        q_weights = dict(plain_q)
                    q_weights[text] *= EXPLAINED_SHOW_FACTOR
                matched += w * credit
                distinct += w * credit / df
                own = own or credit == 1.0
            asked = question_words & entry.question_words
            evidence = matched + QUESTION_WORD_WEIGHT * len(asked) + TOPIC_EVIDENCE * on_topic
            if evidence < MIN_EVIDENCE:
                continue
            unanswered = (question_words & SPECIFIC_QUESTION_WORDS) - entry.question_words
            matched += QUESTION_WORD_WEIGHT * len(asked)
            total += QUESTION_WORD_WEIGHT * (len(asked) + len(unanswered))
            covered.append((matched / total, distinct / total, entry, q_weights, own))
        # Then closeness, best coverage first, only where it can still change the decision:
        # the decision reads the best MAX_SUGGESTIONS facts and the best unknown, and no
        # entry's confidence exceeds its coverage.
        covered.sort(key=lambda c: -c[0])
        scored: list[Scored] = []
        best_facts: list[float] = []  # the best MAX_SUGGESTIONS fact confidences so far
        best_unknown = 0.0
        for coverage, distinctive, entry, q_weights, own in covered:
            bound = round(coverage, 4)
            if entry.fact is None:
                if bound < best_unknown:
                    continue
            elif len(best_facts) == MAX_SUGGESTIONS and bound < best_facts[-1]:
                continue
            # Closeness: like an example question, or explained by words few entries use.
            closeness = max(_closeness(entry, q_weights), distinctive)
            confidence = coverage * (CLOSENESS_FLOOR + (1 - CLOSENESS_FLOOR) * closeness)
            rounded = round(confidence, 4)
            if entry.fact is None:
                best_unknown = max(best_unknown, rounded)
            else:
                best_facts = sorted([*best_facts, rounded], reverse=True)[:MAX_SUGGESTIONS]
            scored.append(
                Scored(
                    entry.id,
                    rounded,
                    entry.fact,
                    entry.unknown,
                    round(coverage, 3),
                    round(closeness, 3),
                    frozenset(entry.vocab.keys() & texts),
                    own,
                )
            )
        scored.sort(key=lambda s: (-s.confidence, s.entry_id))
        return scored

    def _candidates(self, weights: dict[str, float]) -> list[int]:
        """The MAX_CANDIDATES entries sharing the most token weight with the message.

        Exact, but fast at 10,000 facts (max-score pruning): tokens are taken rarest first,
        and once no entry still missing could reach the current top MAX_CANDIDATES on the
        weight of the tokens left, a common token only adds to the entries already found.
        Ties go to the entry found first.
        """
        postings = sorted(
            ((self._index.get(text, ()), w) for text, w in weights.items()),
            key=lambda p: len(p[0]),
        )
        left = sum(w for _, w in postings)
        scores: dict[int, float] = {}
        get = scores.get
        closed = False  # no newcomer can make the cut any more
        for entries, w in postings:
            # Once closed, the cut stays closed: what is left only shrinks, and the weakest
            # score of the top MAX_CANDIDATES only grows. (max() first: when even the best
            # score so far is within reach of a newcomer, the cut is too, and the costlier
            # nlargest is not needed to know it.)
            if (
                not closed
                and isinstance(entries, frozenset)
                and len(scores) >= MAX_CANDIDATES
                and left < max(scores.values())
            ):
                closed = left < heapq.nlargest(MAX_CANDIDATES, scores.values())[-1]
            if closed:  # a newcomer could not make the cut: update the entries found
                if isinstance(entries, frozenset):
                    for pos in entries.intersection(scores):
                        scores[pos] += w
                else:
                    for pos in entries:
                        if pos in scores:
                            scores[pos] += w
                left -= w
                continue
            for pos in entries:
                scores[pos] = get(pos, 0.0) + w
            left -= w
        if len(scores) <= MAX_CANDIDATES:
            return list(scores)
        return [pos for pos, _ in heapq.nlargest(MAX_CANDIDATES, scores.items(), key=itemgetter(1))]

    # -- decisions --------------------------------------------------------------------------

    def _decide(self, ranked: list[Scored]) -> MatchResult:
        th = self.thresholds
        facts = [s for s in ranked if s.fact is not None]
        unknowns = [s for s in ranked if s.unknown is not None]
        top_unknown = unknowns[0] if unknowns else None
        if not facts:
            return MatchResult(
                "none",
                0.0,
                unknown=top_unknown.unknown if top_unknown else None,
                ranked=tuple(ranked),
            )
        best = facts[0]
        runner_up = facts[1].confidence if len(facts) > 1 else 0.0
        # A known unknown wins when it scores at least as well *and* explains part of the
        # question the fact does not ("how *tall* is maggie q" is not a lead-actor question),
        # or when it is clearly the closer match.
        if (
            top_unknown is not None
            and top_unknown.confidence >= th.suggest
            and top_unknown.confidence >= best.confidence + th.unknown_margin
            and (
                top_unknown.explained - best.explained
                or top_unknown.confidence >= best.confidence + UNKNOWN_CLEAR_WIN
            )
        ):
            return MatchResult(
                "none", best.confidence, unknown=top_unknown.unknown, ranked=tuple(ranked)
            )
        # A fact is answered only if its questions or keywords explain a word of the message:
        # words found only in its answer ("what's *new*" vs "the LAPD's *new* cold case unit")
        # can suggest it, never answer with it.
        if (
            best.confidence >= th.answer
            and best.confidence - runner_up >= th.margin
            and best.own_words
        ):
            assert best.fact is not None
            return MatchResult(
                "answer", best.confidence, answers=(best.fact,), ranked=tuple(ranked)
            )
        if best.confidence >= th.suggest:
            floor = max(th.suggest, best.confidence - SUGGEST_SPREAD)
            close = tuple(
                s.fact
                for s in facts[:MAX_SUGGESTIONS]
                if s.fact is not None and s.confidence >= floor
            )
            return MatchResult("suggest", best.confidence, suggestions=close, ranked=tuple(ranked))
        return MatchResult("none", best.confidence, ranked=tuple(ranked))

    def match(self, text: str) -> MatchResult:
        """Decide how to answer one message (possibly holding several questions)."""
        analysis = self.lexicon.analyse(text)
        whole = self._decide(
            self._score(
                analysis.tokens,
                analysis.question_words,
                self._weights(analysis),
                on_topic=analysis.on_topic,
            )
        )
        if analysis.clause_count < 2 or not analysis.question_clauses:
            return whole
        # Several clauses: each question is also scored on its own, so "who plays her and
        # where can i watch it" gets two answers and a question after some chat is found.
        found: dict[str, tuple[float, Fact]] = {}
        context = frozenset(t.text for t in analysis.tokens)
        if whole.outcome == "answer":
            found = {f.id: (whole.confidence, f) for f in whole.answers}
        for clause in sorted(analysis.question_clauses):
            tokens = analysis.clause_tokens(clause)
            part = self._decide(
                self._score(
                    tokens,
                    analysis.clause_question_words[clause],
                    [t.weight for t in tokens],
                    on_topic=analysis.on_topic,
                    context=context,
                )
            )
            if part.outcome == "answer" and part.confidence >= self.thresholds.clause:
                fact = part.answers[0]
                if fact.id not in found or found[fact.id][0] < part.confidence:
                    found[fact.id] = (part.confidence, fact)
        if not found:
            return whole
        # The whole message's own answer (its main question) leads, then the clauses' answers.
        ordered = sorted(found.values(), key=lambda cf: -cf[0])
        if whole.outcome == "answer":
            lead = whole.answers[0]
            ordered.sort(key=lambda cf: cf[1].id != lead.id)
        return MatchResult(
            "answer", ordered[0][0], answers=tuple(f for _, f in ordered), ranked=whole.ranked
        )

    def _weights(self, analysis: Analysis) -> list[float]:
        """Token weights for the whole message.

        In a message of several clauses, words outside the question clauses count less; in a
        long message, everyday words that no fact or unknown uses at all ("saw", "real",
        "obsessed") are chat around the question and count less too.
        """
        long = len(analysis.tokens) >= LONG_MESSAGE_TOKENS
        clauses = analysis.question_clauses if analysis.clause_count > 1 else frozenset()
        weights = []
        for t in analysis.tokens:
            w = t.weight
            if clauses and t.clause not in clauses:
                w *= CONTEXT_WEIGHT
            if long and t.common and t.text not in self._index:
                w *= LONG_CHATTER_WEIGHT
            weights.append(w)
        return weights


def _closeness(entry: _Entry, q_weights: dict[str, float]) -> float:
    """Weighted Dice overlap between the message and the entry's closest example question."""
    q_total = sum(q_weights.values())
    best = 0.0
    for ex_weights, ex_total, _ in entry.examples:
        # an example has a few words, a message may have hundreds: walk the example
        shared = sum(min(w, q_weights[k]) for k, w in ex_weights.items() if k in q_weights)
        if shared:
            best = max(best, 2 * shared / (q_total + ex_total))
    return best
