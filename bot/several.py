"""A message of several clauses, read clause by clause (pure: no Discord).

The matcher (bot/matching.py) scores a message as a whole. A message of several clauses that
asks something is also scored question by question, so that "who plays her and where can i
watch it" gets two answers and a question after some chat is found (:meth:`Several.read`);
one that asks nothing may be a list of requests, each answered ("cast + premiere date":
:meth:`Several.listed`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.courtesy import polls_channel
from bot.deciding import TERSE_WORDS
from bot.held_back import HeldBack
from bot.index import SPECIFIC_QUESTION_WORDS, Index
from bot.knowledge import Fact, Unknown
from bot.lexicon import Analysis, Token
from bot.outcomes import MAX_QUESTIONS, MatchResult, Part
from bot.ranking import MAX_SUGGESTIONS
from bot.vocabulary_tables import OTHER_TENSE, VocabularyTables
from bot.wordlists import lines, word_set

# One question's tokens judged with their own words' weights (Matcher._judge_question): the
# tokens, its question words, whether it is on topic, the message's words and the owners it
# names.
JudgeQuestion = Callable[
    [Sequence[Token], frozenset[str], bool, frozenset[str], frozenset[str]], MatchResult
]


class Several:
    """Reads a message of several clauses for one matcher: ``judge_question`` reads a
    question's tokens (Matcher._judge_question), ``match`` a clause as a message of its own
    (Matcher._match), and each question must be ``clause_threshold`` sure on its own
    (Thresholds.clause). Made once per matcher (Matcher._several), and again for a matcher
    copied with other thresholds (Matcher.with_thresholds), which then reads with its own."""

    def __init__(
        self,
        judge_question: JudgeQuestion,
        match: Callable[[str], MatchResult],
        vocabulary: VocabularyTables,
        index: Index,
        held_back: HeldBack,
        clause_threshold: float,
    ) -> None:
        self.judge_question = judge_question
        self.match = match
        self.vocabulary = vocabulary
        self.index = index
        self.held_back = held_back
        self.clause_threshold = clause_threshold
        self._numbered_of: dict[str, frozenset[str]] = {}  # see _numbered

    def read(
        self,
        analysis: Analysis,
        whole: MatchResult,
        owners: frozenset[str],
        after: frozenset[str] = frozenset(),
    ) -> MatchResult:
        """A message of several clauses asking something, each question scored on its own
        too (``whole``: what the message as a whole got; ``owners``: the other companies it
        names as owners, see bot.elsewhere; ``after``: the numbered terms of the answer it
        replies to, see _agree): the reply put together."""
        context = frozenset(t.text for t in analysis.tokens)
        parts: list[Part] = []
        held: set[str] = set()  # facts a question of it was held back from (see HeldBack)
        # "X or Y" asks X: Y is a guess at the answer ("is she in it or is she imagining
        # things", "did it get renewed or is that a rumour"), a part of X's message but never
        # a question of its own.
        carried = carried_terms(analysis, self.vocabulary)
        shows = self._shows_named(analysis) if analysis.pronoun_clauses else ()
        asked, unread = _questions(analysis)
        for clause, tokens in asked:
            decided, held_back = self._question(
                analysis,
                clause,
                tokens,
                whole,
                carried=carried,
                shows=shows,
                context=context,
                owners=owners,
                alone=len(asked) == 1,
            )
            held |= held_back
            parts.append(Part(analysis.clause_texts[clause], decided))
        if not carried:
            self._agree(analysis, asked, parts, context, owners, after)
        if (
            whole.outcome != "none"
            and parts
            and all(p.result.outcome != "answer" and p.result.unknown is not None for p in parts)
        ):
            # every question asks about something the base knows it does not know ("the
            # s1 ending was such a cliffhanger!! what song was playing in the last scene"):
            # the fact the message as a whole got (or offers) comes from the chat around
            # them, which is not what was asked; the fan is told what is not known instead
            whole = replace(
                whole,
                outcome="none",
                answers=(),
                suggestions=(),
                confidence=max(p.result.confidence for p in parts),
            )
        # Questions are accounted for one by one only when there are several of them; a
        # single question inside chatter is the message's question.
        kept = (
            tuple(
                p
                for (clause, tokens), p in zip(asked, parts, strict=True)
                if self._asks(analysis, clause, tokens, p)
            )
            if len(parts) > 1
            else ()
        )
        return self._answers(analysis, whole, parts, kept, held, unread)

    def _asks(self, analysis: Analysis, clause: int, tokens: Sequence[Token], part: Part) -> bool:
        """Whether a question of a message of several is accounted for on its own (an answer,
        or an "I don't know" or "did you mean" of its own): answered; else, neither asked for
        effect ("who cares?": bot/data/rhetorical_questions.txt) nor of the channel ("who
        else thinks she's amazing?", "did you watch it yet?": bot.courtesy.polls_channel),
        and about something the base knows (_asks_something) or an open question about
        something it has no word for (_opens)."""
        if part.result.outcome == "answer":
            return True
        text = analysis.clause_texts[clause]
        said = text.split()
        if any(tuple(said[: len(p)]) == p for p in RHETORICAL):
            return False
        if not (_asks_something(part) or self._opens(analysis, clause, said, tokens)):
            return False
        # "…who else thinks she's amazing?" asks the channel
        return not polls_channel(said, members=True)

    def _opens(
        self, analysis: Analysis, clause: int, said: list[str], tokens: Sequence[Token]
    ) -> bool:
        """Whether a question (``said``: its words; ``tokens``: its tokens) is an open
        question about something the base has no word for, worth an "I don't know" of its
        own though it ranks no fact: a whole sentence ending with "?" that opens with a word
        of bot/data/open_questions.txt, says a word no fact uses or one of
        bot/data/beyond_words.txt ("who plays ballard? who beat it?", "…what else was she
        in?"; not "…how cool is that?")."""
        if clause not in analysis.whole_asked:
            return False
        if len(said) < OPEN_WORDS or said[0] not in OPEN_QUESTIONS:
            return False
        postings = self.index.postings
        return not BEYOND_WORDS.isdisjoint(said) or any(t.text not in postings for t in tokens)

    def _numbers(self, result: MatchResult) -> frozenset[str]:
        """The numbered terms ("season_2") the fact a question was answered with is about
        in full, if it was answered."""
        if result.outcome != "answer":
            return frozenset()
        return self.numbers_of([result.answers[0].id])

    def _agree(
        self,
        analysis: Analysis,
        asked: list[tuple[int, tuple[Token, ...]]],
        parts: list[Part],
        context: frozenset[str],
        owners: frozenset[str],
        after: frozenset[str],
    ) -> None:
        """A question about "it" answered with a fact about a numbered term ("season 1")
        while the message's other questions were answered with facts about another of its
        kind ("season 2"), and about no other, asks about that one, in a message that does
        not say which it means (carried_terms: it names none, or several): "is it renewed?
        when does it come out?" asks when season 2 comes out, not when season 1 did. So do
        the statements around it ("it got renewed!") and the answer the message replies to
        (``after``, see numbers_of). Such a question is read again (see reread; in
        ``parts``, in place)."""
        numbers = [self._numbers(p.result) for p in parts]
        told: list[frozenset[str]] | None = None  # what the message's statements are about
        for n, ((clause, tokens), part) in enumerate(zip(asked, parts, strict=True)):
            if len(numbers[n]) != 1 or not self._rereadable(analysis, clause, tokens):
                continue
            if told is None:
                told = [after, *self._told(analysis, context, owners)]
            others = frozenset().union(*numbers[:n], *numbers[n + 1 :], *told)
            again = self.reread(analysis, clause, tokens, part.result, others, context, owners)
            if again is not part.result:
                parts[n] = Part(part.text, again)

    def reread(
        self,
        analysis: Analysis,
        clause: int,
        tokens: Sequence[Token],
        result: MatchResult,
        others: frozenset[str],
        context: frozenset[str],
        owners: frozenset[str],
        *,
        replying: bool = False,
    ) -> MatchResult:
        """What a question about "it" (``clause``, its ``tokens``) gets read with the numbered
        term the rest of the message and its context are about (``others``: the numbered
        terms of their facts), when it was answered (``result``) with a fact about another
        of its kind and they are about that one alone: an answer about it, sure enough for
        a question of several, or else ``result`` itself. (Asked in the past, it asks what
        has been: "is it renewed? when did it come out?" asks the premiere.) A message
        ``replying`` to an answer continues it: a question that names no numbered term is
        about the answer's, whatever its subject ("release date" in reply to a "did you
        mean" of season 2's facts), and one that names nothing asks its question word of it
        ("when?" in reply to the renewal: season 2's date)."""
        if replying:
            if PAST in analysis.clause_question_words[clause] or self._names_term(tokens):
                return result
        elif not self._rereadable(analysis, clause, tokens):
            return result
        asks = analysis.clause_question_words[clause]
        mine = self._numbers(result)
        if replying and not tokens and not mine and not SPECIFIC_QUESTION_WORDS.isdisjoint(asks):
            # "when?" in reply to the renewal: when season 2 comes out ("where?": where it is
            # filmed; "who?": who is in it, a known unknown, said so)
            if len(others) != 1:
                return result
            (term,) = others
            again = self._with_term(analysis, clause, tokens, term, context, owners)
            return again if self._about(again, term) or again.unknown is not None else result
        if len(mine) != 1:
            return result
        kind = _kind(next(iter(mine)))
        theirs = {t for t in others if _kind(t) == kind}
        if len(theirs) != 1 or theirs == mine:
            return result
        (term,) = theirs
        again = self._with_term(analysis, clause, tokens, term, context, owners)
        return again if self._about(again, term) else result

    def _with_term(
        self,
        analysis: Analysis,
        clause: int,
        tokens: Sequence[Token],
        term: str,
        context: frozenset[str],
        owners: frozenset[str],
    ) -> MatchResult:
        """A question judged again with a numbered term said in it."""
        carried = Token(term, self.vocabulary.weight(term, term), clause)
        asks = analysis.clause_question_words[clause]
        return self.judge_question((*tokens, carried), asks, analysis.on_topic, context, owners)

    def _about(self, result: MatchResult, term: str) -> bool:
        """Whether a question was answered with a fact about a numbered term, sure enough
        for a question of several."""
        return (
            result.outcome == "answer"
            and result.confidence >= self.clause_threshold
            and term in self._numbers(result)
        )

    def _rereadable(self, analysis: Analysis, clause: int, tokens: Sequence[Token]) -> bool:
        """Whether a question may be read again with another numbered term: it names none of
        its own and is not asked in the past ("is it renewed? when does it come out", "is it
        renewed? release date?", "what did amazon say about the renewal also when is the
        release date"; it had to be about "it" or ask with no question word)."""
        return PAST not in analysis.clause_question_words[clause] and not self._names_term(tokens)

    def _names_term(self, tokens: Sequence[Token]) -> bool:
        """Whether a question names a numbered term of its own ("season 1")."""
        return any(self.vocabulary.is_numbered(t.text) for t in tokens)

    def numbers_of(self, fact_ids: Sequence[str]) -> frozenset[str]:
        """The numbered terms the facts of an answer are about in full (those of the base)."""
        return frozenset().union(*(self._numbered(i) for i in fact_ids))

    def _numbered(self, entry_id: str) -> frozenset[str]:
        """The numbered terms one entry is about in full, worked out once (a fact's
        vocabulary is read for it only when a question about "it" needs it)."""
        found = self._numbered_of.get(entry_id)
        if found is None:
            found = frozenset()
            if entry_id in self.index.position:
                vocab = self.index.entry(entry_id).vocab
                is_numbered = self.vocabulary.is_numbered
                found = frozenset(t for t, c in vocab.items() if c == 1.0 and is_numbered(t))
            self._numbered_of[entry_id] = found  # (one per entry of the base at most)
        return found

    def _told(
        self, analysis: Analysis, context: frozenset[str], owners: frozenset[str]
    ) -> list[frozenset[str]]:
        """The numbered terms each statement of a message is about, read on its own as a
        question would be ("it got renewed!": season 2's renewal)."""
        by_clause: dict[int, list[Token]] = {}
        for t in analysis.tokens:
            if t.clause not in analysis.question_clauses:
                by_clause.setdefault(t.clause, []).append(t)
        told = []
        for tokens in by_clause.values():
            said = self.judge_question(tokens, frozenset(), analysis.on_topic, context, owners)
            if said.confidence >= self.clause_threshold:
                told.append(self._numbers(said))
        return told

    def _question(
        self,
        analysis: Analysis,
        clause: int,
        tokens: tuple[Token, ...],
        whole: MatchResult,
        *,
        carried: tuple[Token, ...],
        shows: Sequence[Token],
        context: frozenset[str],
        owners: frozenset[str],
        alone: bool,
    ) -> tuple[MatchResult, frozenset[str]]:
        """What one question of a message of several gets on its own (``whole``: what the
        message as a whole got; ``carried``: the terms a question about "it" asks about;
        ``shows``: the other shows the message names; ``alone``: the message's one question),
        and the facts the held-back rules kept from it."""
        held: frozenset[str] = frozenset()
        bare = tokens
        on_topic = analysis.on_topic
        if clause in analysis.back_clauses or (
            not tokens and not carried and clause in analysis.pronoun_clauses
        ):
            # "just found out it's a bosch spinoff. is that official?": "that" is what
            # the message said before, asked about with the question's own words; so is
            # "it" in a question with no word of its own and no season named before it
            # ("heard california gave them money to film. how much was it?")
            before = tuple(
                t._replace(clause=clause)
                for t in analysis.tokens
                if t.clause < clause and t.clause not in analysis.question_clauses
            )
            tokens = (*before, *tokens)
        if shows and clause in analysis.pronoun_clauses:
            # "I'm starting abbott elementary next. is it on hulu?": "it" is the other
            # show named before it, in a message that never names this one
            named = [t for t in shows if t.clause < clause]
            if named and not any(self.vocabulary.is_other_show(t.text) for t in tokens):
                tokens = (*tokens, named[-1]._replace(clause=clause))
                on_topic = False
        own = tokens
        if (
            carried
            and (
                clause in analysis.pronoun_clauses
                or clause in analysis.back_clauses  # "what about season 2, when's that out"
                # "…s2 start filming and when will we get it": a question word and no
                # word of its own asks about what the message names
                or (
                    not tokens
                    and not SPECIFIC_QUESTION_WORDS.isdisjoint(
                        analysis.clause_question_words[clause]
                    )
                )
            )
            and not any(self.vocabulary.is_numbered(t.text) for t in tokens)
        ):
            # named before it: "is it on prime? when does season 2 drop" asks where
            # the show is, not season 2
            before = tuple(t._replace(clause=clause) for t in carried if t.clause < clause)
            tokens = (*tokens, *before)
        asks = analysis.clause_question_words[clause]
        decided = self.judge_question(tokens, asks, on_topic, context, owners)
        if (
            decided.outcome != "answer"
            and decided.unknown is None  # (not a question about a known unknown: see read)
            and own is tokens
            and bare
            and clause > 0
        ):
            # "…don't have a helmet with me. Can I borrow one from you?": a question
            # that says too little on its own is read with the sentence just before it
            # (when that is no question), kept when it then answers the fact the
            # message as a whole ranks first: two readings agreeing
            before = tuple(
                t._replace(clause=clause)
                for t in analysis.tokens
                if t.clause == clause - 1 and t.clause not in analysis.question_clauses
            )
            if before and whole.ranked_first is not None:
                joined = self.judge_question((*before, *tokens), asks, on_topic, context, owners)
                if joined.outcome == "answer" and joined.id == whole.ranked_first:
                    decided = joined
        if decided.outcome == "answer":
            # (another show named in this question, not this one nor "it", is its subject)
            its_own = clause in analysis.topic_clauses or clause in analysis.pronoun_clauses
            asked_as = [analysis.clause_texts[clause]]
            kept_back = self.held_back(decided, asked_as, own, its_own, asks)
            if kept_back is not decided:
                held = frozenset(f.id for f in decided.answers)
                decided = kept_back
        if own is not tokens and (
            decided.outcome != "answer" or decided.confidence < self.clause_threshold
        ):
            # ...unless "it" is the show after all: "when does season 2 come out and is
            # it based on a book" asks about the books, which say nothing of season 2
            plain = self.judge_question(own, asks, on_topic, context, owners)
            said = {t.text for t in tokens} - {t.text for t in own}
            if plain.outcome == "answer" and all(
                said.isdisjoint(self.index.entry(f.id).vocab) for f in plain.answers
            ):
                decided = plain
        if (
            decided.outcome == "answer"
            and decided.confidence < self.clause_threshold
            and not (alone and whole.ranked_first == decided.answers[0].id)
        ):
            # not sure enough on its own: a "did you mean" for this question (unless it
            # is the message's one question and the message as a whole ranks the same
            # fact first: read both ways, it asks that fact)
            decided = replace(decided, outcome="suggest", answers=(), suggestions=decided.answers)
        return decided, held

    def _answers(
        self,
        analysis: Analysis,
        whole: MatchResult,
        parts: list[Part],
        kept: tuple[Part, ...],
        held: set[str],
        unread: int,
    ) -> MatchResult:
        """The reply to a message of several clauses: its questions' answers and the message's
        as a whole (none of a fact ``held`` back from one of its questions), in order; or,
        with none, the known unknown or the "did you mean" its questions got. ``kept``: the
        questions to account for one by one (see _asks)."""
        found: dict[str, tuple[float, Fact]] = {}
        # The message as a whole mixes its questions' words: its answer is kept for what
        # the questions alone may miss, not when the message is all questions and each of
        # them got its own ("is ballard renewed? who plays ballard?" is not a question
        # about harry bosch).
        each_answered = (
            len(parts) > 1
            and len(analysis.question_clauses) == analysis.clause_count
            and all(p.result.outcome == "answer" for p in parts)
        )
        if whole.outcome == "answer" and not each_answered:
            found = {f.id: (whole.confidence, f) for f in whole.answers if f.id not in held}
        for part in parts:
            if part.result.outcome == "answer":
                fact = part.result.answers[0]
                if fact.id not in found or found[fact.id][0] < part.result.confidence:
                    found[fact.id] = (part.result.confidence, fact)
        if not found:
            unknown = _unknown(whole, parts)
            if unknown is not None:
                # "long week lol. will there be a season 3?": the chat sinks the message,
                # its question alone is a known unknown, which the fan is told about
                return replace(whole, unknown=unknown, parts=kept, unread=unread)
            offered = _offered(whole, parts)
            if offered:
                # "…chat… besides maggie q who are the other main actors? …chat…": the
                # chat sinks the message as a whole, its question alone is a "did you mean";
                # the fan gets that rather than "I don't know".
                return MatchResult(
                    "suggest",
                    max(p.result.confidence for p in parts if p.result.outcome == "suggest"),
                    suggestions=offered,
                    ranked=whole.ranked,
                    parts=kept,
                    unread=unread,
                )
            return replace(whole, parts=kept, unread=unread)
        # In the message's order: its questions' answers, then (if it was not one of them)
        # the answer to the message as a whole. But where the message mixes its questions
        # with chat about what the base knows, which may read as a question too ("my dad
        # has all the connelly paperbacks lol… did it get renewed??"; not "two things:" or
        # "sorry if this was asked"), the surest answer first.
        order = {p.result.id: n for n, p in enumerate(parts) if p.result.outcome == "answer"}
        chat = not analysis.question_clauses.issuperset(
            t.clause for t in analysis.tokens if t.text in self.index.postings
        )
        ordered = sorted(
            found.values(),
            key=lambda cf: (-cf[0] if chat else 0.0, order.get(cf[1].id, len(order)), -cf[0]),
        )
        return MatchResult(
            "answer",
            # how sure the bot is of every answer it gives: the least sure of them (an
            # auto-answer channel hears the message only when each answer is sure)
            min(c for c, _ in ordered),
            answers=tuple(f for _, f in ordered),
            ranked=whole.ranked,
            parts=kept,
            unread=unread,
        )

    def listed(self, analysis: Analysis, whole: MatchResult) -> MatchResult | None:
        """A list of requests, asked without a question ("s2 plot & s1 ending", "cast +
        premiere date"): each clause of a few words, and each, read on its own, answered
        with a fact of its own. Their answers, in order; else None."""
        texts = analysis.clause_texts
        if any(len(t.split()) > TERSE_WORDS for t in texts):
            return None
        parts = []
        for text in texts:
            result = self.match(text)
            if result.outcome != "answer" or len(result.answers) != 1:
                return None
            parts.append(Part(text, result))
        facts = [p.result.answers[0] for p in parts]
        if len({f.id for f in facts}) != len(facts):
            return None
        return MatchResult(
            "answer",
            min(p.result.confidence for p in parts),
            answers=tuple(facts),
            ranked=whole.ranked,
            parts=tuple(parts),
        )

    def _shows_named(self, analysis: Analysis) -> list[Token]:
        """The other shows a message names that no entry is about ("abbott elementary", even
        if an example question mentions it; not "bosch", whom keywords name), in order, when
        it never names this one: what "it" in its questions may stand for."""
        if analysis.topic_clauses:
            return []
        about, is_show = self.index.shows_about, self.vocabulary.is_other_show
        return [t for t in analysis.tokens if is_show(t.text) and t.text not in about]


def _questions(analysis: Analysis) -> tuple[list[tuple[int, tuple[Token, ...]]], int]:
    """The question clauses of a message to answer one by one, in order, with their
    tokens, and how many more it asks: a question asked twice is answered once ("who
    plays her?? who plays her"), a guess after "or" is no question of its own, and past
    MAX_QUESTIONS the rest are only counted."""
    # A clause written the same way as an earlier one is the same question: its tokens
    # come from its text alone.
    texts = analysis.clause_texts
    first: dict[str, int] = {}
    for clause in sorted(analysis.question_clauses - analysis.alternatives):
        first.setdefault(texts[clause], clause)
    wanted = set(first.values())
    last = max(wanted, default=-1)
    by_clause: dict[int, list[Token]] = {}
    for t in analysis.tokens:
        if t.clause > last:
            break  # the tokens come in clause order: the rest are later clauses'
        if t.clause in wanted:
            by_clause.setdefault(t.clause, []).append(t)
    seen: set[tuple[frozenset[str], tuple[str, ...]]] = set()
    distinct: list[tuple[int, tuple[Token, ...]]] = []
    for clause in first.values():
        tokens = tuple(by_clause.get(clause, ()))
        key = (analysis.clause_question_words[clause], tuple(t.text for t in tokens))
        if key not in seen:
            seen.add(key)
            distinct.append((clause, tokens))
    return distinct[:MAX_QUESTIONS], max(0, len(distinct) - MAX_QUESTIONS)


# An open question told "I don't know" on its own (Several._opens): its opening word, a word
# asking beyond what the message names, and its fewest words ("who beat it?"; not "who
# cares?").
OPEN_QUESTIONS = word_set("open_questions.txt")
BEYOND_WORDS = word_set("beyond_words.txt")
OPEN_WORDS = 3
RHETORICAL = tuple(tuple(phrase) for phrase in lines("rhetorical_questions.txt"))

PAST = OTHER_TENSE["<future>"]  # the past tense's token


def _kind(term: str) -> str:
    """A numbered term's kind: "season" of "season_2"."""
    return term.rpartition("_")[0]


def carried_terms(analysis: Analysis, vocabulary: VocabularyTables) -> tuple[Token, ...]:
    """The message's numbered terms ("season 2"), when it names one of each kind: a
    question of the message that names none and whose subject is a pronoun is about it
    ("anything on season 2? when does it come out" asks when season 2 comes out; "who
    plays ballard and will there be a season 3" does not ask who plays in season 3)."""
    found: dict[str, Token] = {}
    for t in analysis.tokens:
        if vocabulary.is_numbered(t.text):
            kind = _kind(t.text)
            if kind in found and found[kind].text != t.text:
                return ()  # "season 1" and "season 2": which one a question means is unsaid
            found.setdefault(kind, t)
    return tuple(found.values())


def _unknown(whole: MatchResult, parts: list[Part]) -> Unknown | None:
    """The known unknown to name for a message none of whose questions got an answer: the
    first its questions are about, when the message as a whole got nothing."""
    if whole.outcome != "none" or whole.unknown is not None:
        return None
    return next((p.result.unknown for p in parts if p.result.unknown is not None), None)


def _offered(whole: MatchResult, parts: list[Part]) -> tuple[Fact, ...]:
    """The facts to offer as a "did you mean" for a message none of whose questions got an
    answer (nor is about a known unknown: see _unknown, asked first): its questions' own
    suggestions, in order, when the message as a whole got nothing."""
    if whole.outcome != "none" or whole.unknown is not None:
        return ()
    offered: list[Fact] = []
    for part in parts:
        if part.result.outcome == "suggest":
            offered += [f for f in part.result.suggestions if f not in offered]
    return tuple(offered[:MAX_SUGGESTIONS])


def _asks_something(part: Part) -> bool:
    """Whether a question of a message is worth an answer of its own: it names something the
    knowledge base knows (a fact or a known unknown ranks for it), not "is that weird"."""
    return bool(part.result.ranked) or part.result.unknown is not None
