"""How well each entry of a base explains a message, and the evidence about the best (pure).

The matcher (bot.matching) reads a message into weighted tokens; the :class:`Ranker` scores
the entries that share a token with it (bot.index finds them) on **coverage** (the share of
the message's weight an entry explains) and **closeness** to the entry's nearest example
question, ``confidence = coverage * (CLOSENESS_FLOOR + (1 - CLOSENESS_FLOOR) * closeness)``;
and gathers, for the best fact, the :class:`~bot.outcomes.Evidence` the calibrated
confidence reads (bot/confidence.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from operator import itemgetter

from bot._fastpath import example_overlaps as fast_overlaps
from bot._fastpath import nearest_closeness as fast_closeness
from bot._fastpath import rounded
from bot.index import (
    ANSWER_CREDIT,
    EXPLAINED_SHOW_FACTOR,
    FITTED_EXAMPLES,
    QUESTION_WORD_WEIGHT,
    SPECIFIC_QUESTION_WORDS,
    Index,
    IndexEntry,
    common_words,
)
from bot.lexicon import Token
from bot.outcomes import Evidence, Scored
from bot.text import stem
from bot.vocabulary_tables import OTHER_TENSE, TENSE_TOKENS, VocabularyTables
from bot.wordlists import word_set

CLOSENESS_FLOOR = 0.55  # share of confidence that coverage alone can give
MIN_EVIDENCE = 0.45  # a fact must explain at least this much weight ("work" alone is not enough)
TOPIC_EVIDENCE = 0.2  # naming the show counts as this much evidence ("is ballard good")
# The decision reads the best this many facts (a "did you mean" offers as many at most):
# closeness is worked out only where it can change them
MAX_SUGGESTIONS = 3
# The confidence's "top3": the mean closeness of a fact's NEAREST_EXAMPLES nearest examples,
# or of that share of FITTED_EXAMPLES for a fact with more (see Ranker.evidence)
NEAREST_EXAMPLES = 3
NAME_TOKENS = 4  # a message naming a fact as written ("maggie q") has at most this many tokens
# A word said only around a message's questions (its situation: "my dog Biscuit starts at the
# hospital at 7:45. when do you open?") counts this share of its weight against a fact that
# does not explain it; all of it for a fact that does (see Ranker.score's ``aside``)
ASIDE_FACTOR = 0.5

# Scored(...) and Evidence(...) as the tuple constructor makes them, from all their fields in
# order, without the named tuples' own __new__, a Python function: a judgement makes a dozen
# of the one and one of the other (as bot.lexicon makes its tokens)
_make_scored = _make_evidence = tuple.__new__
# (the fields in the order Ranker.score and Ranker.evidence give them: one added to either
# named tuple must be given there too)
assert Scored._fields == (
    "entry_id",
    "confidence",
    "fact",
    "unknown",
    "coverage",
    "closeness",
    "explained",
    "own_words",
)
assert Evidence._fields == (
    "score",
    "runner_up",
    "unknown",
    "coverage",
    "known_coverage",
    "closeness",
    "top3",
    "recall",
    "central",
    "idf_mass",
    "unknown_share",
    "tokens",
    "asked",
    "question",
    "own_words",
    "on_topic",
    "closeness_exact",
    "swapped",
    "bare_example",
    "named",
    "smalltalk",
    "explained",
)


@cache
def smalltalk() -> frozenset[str]:
    """Stems of the words of small talk (bot/data/smalltalk.txt), but not a stem that is
    another everyday word: "tired" is small talk, its stem "tire" is not ("flat tire"),
    nor "wonder" ("wonderful"), "die" ("dying") or "fact" ("facts")."""
    words = word_set("smalltalk.txt")
    common = common_words()
    return frozenset(s for w in words if (s := stem(w)) == w or s in words or s not in common)


class Ranker:
    """Scores messages' tokens against one base's index (built once per base, with it)."""

    def __init__(self, index: Index, vocabulary: VocabularyTables) -> None:
        self.index = index
        self.vocabulary = vocabulary
        # the tokens of question words and tenses (see _bare_example)
        self._asking = vocabulary.question_words | TENSE_TOKENS
        self._bare: dict[str, frozenset[frozenset[str]]] = {}  # each entry's, when needed

    def score(
        self,
        summed: dict[str, float],
        plain_q: dict[str, float],
        question_words: frozenset[str],
        *,
        on_topic: bool = False,
        context: frozenset[str] = frozenset(),
        aside: frozenset[str] = frozenset(),
    ) -> list[Scored]:
        """Confidence of the candidate entries that can change the decision, best first, for
        a message's tokens as :func:`message_weights` sums them up.

        ``context`` holds the tokens of the whole message: a fact's ``requires`` may be met
        anywhere in it ("i loved season 1. when is the next season? is there a date?").
        ``aside`` holds the tokens said only outside the message's questions (see
        :func:`aside_tokens`): the situation a question is asked in, which a fact need not
        explain. Each counts ASIDE_FACTOR of its weight against a fact that does not explain
        it, and all of it, as far as it does, for a fact that does (as the base's own names
        count where explained). Another show's name counts in full wherever it is said, and
        a fact that does not explain it gets no such allowance: the message is about that
        show ("starting abbott elementary next. is it on hulu?").
        """
        if not summed:
            return []
        texts = summed.keys() | context
        is_show = self.vocabulary.is_other_show
        total_all = sum(summed.values())
        candidates = self.index.candidates(summed)
        # (word, its weight, how many entries explain it), of the words some entry explains:
        # an entry's vocabulary has no other (a long message says many)
        postings = self.index.postings
        items = [(text, w, len(postings[text])) for text, w in summed.items() if text in postings]
        shows = {text for text in summed if is_show(text)}
        plain_total = sum(plain_q.values())
        subjects = self.index.subjects.intersection(summed)
        unnamed = sum(summed[t] for t in subjects)  # the base's names count where explained
        if aside:
            aside = aside.intersection(summed).difference(subjects, shows)
        # (what the situation around the questions counts less: against a fact that explains
        # every other show the message names; one that does not is not what it asks about)
        set_aside = (1 - ASIDE_FACTOR) * sum(summed[t] for t in aside)
        # (what the loop asks of every entry about the message alone, asked once)
        topic = TOPIC_EVIDENCE * on_topic
        specific = question_words & SPECIFIC_QUESTION_WORDS
        tenses = question_words & TENSE_TOKENS
        # First coverage, which is cheap and bounds the confidence from above.
        covered: list[tuple[float, float, IndexEntry, dict[str, float], float, bool]] = []
        said: frozenset[str] | None = None  # the message's words, if a fact requires others
        for pos in candidates:
            entry = self.index.entries[pos]
            if entry.requires and not (entry.requires & texts):
                if said is None:
                    said = frozenset(summed)
                if said not in entry.unrequired:  # unless it is an example without them
                    continue
            vocab = entry.vocab
            matched = distinct = 0.0
            own = False
            total = total_all - unnamed
            aside_here = aside if not shows or shows <= vocab.keys() else frozenset()
            if aside_here:
                total -= set_aside
            q_weights = plain_q
            for text, w, df in items:
                credit = vocab.get(text)
                if not credit:
                    continue
                if text in subjects:
                    total += w * credit  # (as far as it explains it: never against the fact)
                elif text in aside_here:
                    total += (1 - ASIDE_FACTOR) * w * credit  # (in full, as far as explained)
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
            evidence = matched + QUESTION_WORD_WEIGHT * len(asked) + topic
            if evidence < MIN_EVIDENCE:
                continue
            unanswered = specific - entry.question_words
            for tense in tenses:  # a fact asked in the other tense
                if OTHER_TENSE[tense] in entry.tense:
                    unanswered = unanswered | {tense}
            matched += QUESTION_WORD_WEIGHT * len(asked)
            total += QUESTION_WORD_WEIGHT * (len(asked) + len(unanswered))
            q_total = plain_total if q_weights is plain_q else sum(q_weights.values())
            covered.append((matched / total, distinct / total, entry, q_weights, q_total, own))
        # Then closeness, best coverage first, only where it can still change the decision:
        # the decision reads the best MAX_SUGGESTIONS facts and the best unknown, and no
        # entry's confidence exceeds its coverage.
        covered.sort(key=itemgetter(0), reverse=True)  # (stable, as ascending is)
        scored: list[Scored] = []
        best_facts: list[float] = []  # the best MAX_SUGGESTIONS fact confidences so far
        best_unknown = 0.0
        for coverage, distinctive, entry, q_weights, q_total, own in covered:
            # (the bound is the coverage rounded as confidences are; a coverage at least a
            # confidence so rounded rounds to at least it, so only a smaller one is rounded)
            if entry.fact is None:
                if coverage < best_unknown and rounded(coverage, 4) < best_unknown:
                    continue
            elif (
                len(best_facts) == MAX_SUGGESTIONS
                and coverage < best_facts[-1]
                and rounded(coverage, 4) < best_facts[-1]
            ):
                continue
            # Closeness: like an example question, or explained by words few entries use.
            # (as max(nearest, distinctive), and the best facts as sorted(…)[:MAX_SUGGESTIONS],
            # without the calls: a judgement scores a dozen entries)
            closeness = fast_closeness(entry.examples, q_weights, q_total)
            if closeness is None:  # (a message of more than two tokens)
                closeness = nearest_closeness(entry, q_weights, q_total)
            if distinctive > closeness:
                closeness = distinctive
            confidence = rounded(
                coverage * (CLOSENESS_FLOOR + (1 - CLOSENESS_FLOOR) * closeness), 4
            )
            if entry.fact is None:
                if confidence > best_unknown:
                    best_unknown = confidence
            elif len(best_facts) < MAX_SUGGESTIONS:
                best_facts.append(confidence)
                best_facts.sort(reverse=True)
            elif confidence > best_facts[-1]:
                best_facts[-1] = confidence
                best_facts.sort(reverse=True)
            scored.append(
                _make_scored(  # Scored(entry.id, confidence, ...), all its fields
                    Scored,
                    (
                        entry.id,
                        confidence,
                        entry.fact,
                        entry.unknown,
                        rounded(coverage, 3),
                        rounded(closeness, 3),
                        frozenset(entry.vocab.keys() & texts),
                        own,
                    ),
                )
            )
        # best first, ties by id: sorted by id (Scored's first field), then by confidence (its
        # second; a stable sort keeps the ids' order among equal confidences, reversed too)
        scored.sort(key=itemgetter(0))
        scored.sort(key=itemgetter(1), reverse=True)
        return scored

    def evidence(
        self,
        ranked: list[Scored],
        summed: dict[str, float],
        q_weights: dict[str, float],
        question_words: frozenset[str],
        *,
        on_topic: bool,
        question: bool,
    ) -> Evidence | None:
        """The features of the best fact of a ranking (None when no fact is ranked), for a
        message's tokens as :func:`message_weights` sums them up."""
        facts = [s for s in ranked if s.fact is not None]
        if not facts:
            return None
        best = facts[0]
        entry = self.index.entry(best.entry_id)
        total = sum(summed.values())
        index = self.index.postings
        # (lists, not generators, in the sums below: the same sums, in the same order)
        known = sum([w for t, w in summed.items() if t in index])
        explained = {t: w * entry.vocab[t] for t, w in summed.items() if t in entry.vocab}
        matched = sum(explained.values())
        # Closeness to the examples, with question words weighing as in _score.
        q_total = sum(q_weights.values())
        overlaps = fast_overlaps(entry.examples, q_weights, q_total, explained)
        if overlaps is None:  # (a message of more than two tokens)
            overlaps = example_overlaps(entry.examples, q_weights, q_total, explained)
        dices, recall, uses = overlaps
        dices.sort(reverse=True)
        n_examples = max(1, len(entry.examples))
        # the agreement of its nearest examples: three, or 3 in 10 of a fact with more than
        # the confidence was fitted on (5 to 10): the nearest 3 of 20 are closer to any
        # message than the nearest 3 of 10 (an admin's batch of examples)
        nearest = max(NEAREST_EXAMPLES, NEAREST_EXAMPLES * len(dices) // FITTED_EXAMPLES)
        central = (
            sum([w * uses.get(t, 0) / n_examples for t, w in explained.items()]) / matched
            if matched
            else 0.0
        )
        n_entries = len(self.index.entries)
        # rarity across entries, 1 for a word only this entry uses, whatever the base's size
        idf_mass = sum(
            [w * math.log((n_entries + 1) / len(index.get(t, ()))) for t, w in explained.items()]
        ) / math.log(n_entries + 1)
        runner_up = facts[1].confidence if len(facts) > 1 else 0.0
        unknown = max([s.confidence for s in ranked if s.unknown is not None], default=0.0)
        talk = smalltalk().intersection(summed)
        if question:
            # a word of small talk the fact's examples use is the fact's word in a question:
            # "how much for a night of boarding?" asks what "price per night" does
            talk = talk.difference(uses)  # (walks talk, mostly empty; not uses)
        return _make_evidence(  # Evidence(...), all its fields in order
            Evidence,
            (
                best.confidence,  # score
                runner_up,
                unknown,
                best.coverage,  # coverage
                matched / known if known else 0.0,  # known_coverage
                best.closeness,  # closeness
                sum(dices[:nearest]) / nearest,  # top3
                recall,
                central,
                math.log1p(max(0.0, idf_mass)),  # idf_mass
                (total - known) / total if total else 0.0,  # unknown_share
                len(summed),  # tokens
                not TENSE_TOKENS.issuperset(question_words),  # asked
                question,
                best.own_words,  # own_words
                on_topic,
                dices[0] if dices else 0.0,  # closeness_exact
                self._swapped(q_weights, entry),  # swapped
                self._says_bare(q_weights, best, ranked),  # bare_example
                bool(summed) and entry.named.issuperset(summed),  # named
                len(talk) / len(summed) if summed else 0.0,  # smalltalk
                len(explained),  # explained
            ),
        )

    def _says_bare(self, q_weights: dict[str, float], best: Scored, ranked: list[Scored]) -> bool:
        """Whether a message of a few words, asking no question word of its own, says the
        words of one of the best entry's examples and of no other ranked entry's ("hours?":
        "What are your hours?")."""
        if not 0 < len(q_weights) <= NAME_TOKENS or not self._asking.isdisjoint(q_weights):
            return False
        said = frozenset(q_weights)
        entry = self.index.entry
        return self._bare_example(said, entry(best.entry_id)) and not any(
            self._bare_example(said, entry(s.entry_id)) for s in ranked if s is not best
        )

    def _bare_example(self, said: frozenset[str], entry: IndexEntry) -> bool:
        """Whether one of the entry's examples says these words (a message's, asking no
        question word of its own), maybe with question words besides ("hours?" and "What are
        your hours?")."""
        bare = self._bare.get(entry.id)
        if bare is None:
            asking = self._asking
            bare = self._bare[entry.id] = frozenset(
                frozenset(ex.keys() - asking) for ex, _, _ in entry.examples
            )
        return said in bare

    def _swapped(self, q_weights: dict[str, float], entry: IndexEntry) -> bool:
        """Whether a message is an example question of the entry with one or two of its words
        changed for one or two words only its answer names, and no other entry uses ("do you
        accept paypal" beside "do you accept american express", the answer listing PayPal;
        "do u deliver to harrow hill" beside "can you deliver to ashby cross"): the admin's
        question about another of the things the answer lists."""
        if len(q_weights) < 2:
            return False
        index = self.index.postings
        named = [w for w in q_weights if entry.vocab.get(w) == ANSWER_CREDIT]
        if not 1 <= len(named) <= 2 or any(len(index.get(w, ())) != 1 for w in named):
            return False
        rest = q_weights.keys() - set(named)
        return any(
            len(rest) < len(ex_weights) <= len(rest) + 2 and rest <= ex_weights.keys()
            for ex_weights, _, _ in entry.examples
        )


def aside_tokens(tokens: Sequence[Token], question_clauses: frozenset[int]) -> frozenset[str]:
    """The tokens a message says only outside its question clauses (``question_clauses``:
    their numbers), when it asks in some clauses and not in others: "my dog *biscuit* is *3*,
    i *start* a new *job* at the *hospital*" before "when do you open and close?". None in a
    message of one clause or of questions only, nor when its questions say no word of their
    own ("…, what could it be?"): what it says is then what it asks about."""
    if not question_clauses:
        return frozenset()
    asked = {t.text for t in tokens if t.clause in question_clauses}
    if not asked:  # "my dog keeps scratching his ears, what could it be": what is said is
        return frozenset()  # what is asked about (a near miss as often as not)
    return frozenset(t.text for t in tokens if t.clause not in question_clauses) - asked


def message_weights(
    tokens: Sequence[Token], weights: Sequence[float], question_words: frozenset[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """What scoring reads of a message's tokens, once for each distinct word: its total
    weight; and its largest weight, with the question words' (for closeness)."""
    summed: dict[str, float] = {}
    largest: dict[str, float] = {}
    total_of, largest_of = summed.get, largest.get  # (a long message has hundreds of tokens)
    for t, w in zip(tokens, weights, strict=True):
        text = t.text
        summed[text] = total_of(text, 0.0) + w
        most = largest_of(text, 0.0)
        largest[text] = w if w > most else most  # max(most, w), without the call
    for wh in question_words - TENSE_TOKENS:
        largest[wh] = QUESTION_WORD_WEIGHT
    return summed, largest


def nearest_closeness(entry: IndexEntry, q_weights: dict[str, float], q_total: float) -> float:
    """Weighted Dice overlap between the message and the entry's closest example question
    (``q_total``: the sum of ``q_weights``). The reference: the ranking reads
    bot._fastpath.nearest_closeness, held equal to it by tests/test_fastpath.py."""
    best = 0.0
    for ex_weights, ex_total, _ in entry.examples:
        shared = 0.0  # as shared_weight(ex_weights, q_weights), which this is the hot path of
        for k in ex_weights:
            if k in q_weights:
                w, q = ex_weights[k], q_weights[k]
                shared += q if q < w else w
        if shared:
            dice = 2 * shared / (q_total + ex_total)
            if dice > best:
                best = dice
    return best


def example_overlaps(
    examples: Sequence[tuple[dict[str, float], float, str]],
    q_weights: dict[str, float],
    q_total: float,
    explained: dict[str, float],
) -> tuple[list[float], float, dict[str, int]]:
    """What Ranker.evidence reads of the best fact's examples: each one's weighted Dice
    overlap with the message, in their order; the largest share of an example the message
    says (its recall); and how many examples use each of the message's words the fact
    explains (``explained``). The reference: Ranker.evidence reads
    bot._fastpath.example_overlaps, held equal to it by tests/test_fastpath.py."""
    dices: list[float] = []
    recall = 0.0
    uses: dict[str, int] = {}
    add_dice = dices.append
    for ex_weights, ex_total, _ in examples:
        shared = 0.0  # as shared_weight(ex_weights, q_weights), inline: the hot path
        for k in ex_weights:
            if k in q_weights:
                w, q = ex_weights[k], q_weights[k]
                shared += q if q < w else w
            if k in explained:
                uses[k] = uses.get(k, 0) + 1
        add_dice(2 * shared / (q_total + ex_total) if q_total + ex_total else 0.0)
        if ex_total and shared / ex_total > recall:  # (max(recall, …) without the call)
            recall = shared / ex_total
    return dices, recall, uses
