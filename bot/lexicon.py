"""Turn text into weighted canonical tokens using the knowledge base's vocabulary (pure).

One reference analysis, :meth:`Lexicon.analyse`, turns fans' messages (at question time)
and the knowledge base's own text (at load time, without spelling correction) into tokens,
so both sides are normalised identically:

1. :func:`bot.cleaning.clean` and :func:`bot.text.clauses` (markup, Unicode, clauses,
   contractions);
2. in a fan's message, clause by clause, spelling correction (bot/spelling.py: words that
   are neither known to the knowledge base nor common English, ``magie`` -> ``maggie``, but
   ``cost`` never becomes ``cast``; texted spellings, held letters, misspelt openers and
   function words, glued words);
3. each clause read into its parts (bot/reading.py): the question check, a split before a
   joined or run-on second question, leaders, interjections before a question starter
   (``omg is it out``) and phrases announcing a question dropped;
4. the vocabulary's numbered terms folded (``szn two`` -> ``season_2``), and stemming;
5. the YAML synonyms, longest phrase first (``amazon prime video`` -> ``prime_video``);
6. stopwords and chat filler dropped; every remaining token gets a weight saying how much
   it tells about the question (rare words say more than common ones).

Indexing a large base runs the same analysis in bulk: bot/_fastpath.py, held equal to it by
tests/test_fastpath.py.

A :class:`Lexicon` has the two objects it reads with: its ``vocabulary``, the tables
compiled from the knowledge base's vocabulary (bot/vocabulary_tables.py: each phrase's
canonical token, the tokens that are no content, the weights), which the matcher's rules
also ask what a token is; and its ``spelling`` (bot/spelling.py), which corrects a fan's
words towards the base's and learns the base's words as its text is analysed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from bot import wordlists
from bot.cleaning import clean
from bot.knowledge import KnowledgeBase, Vocabulary
from bot.reading import (
    announces_only,
    appositions,
    asked_clauses,
    asks_plainly,
    clause_parts,
    ends_with_request,
    subject_is_pronoun,
    subject_points_back,
    tags_asking,
    without_tag,
)
from bot.spelling import Spelling
from bot.text import clauses, stem
from bot.texting import abbreviations, written_out
from bot.vocabulary_tables import (
    _HEDGES,
    _QUESTION,
    _TENSE_OPENERS,
    _TENSE_PHRASES,
    _TOPIC,
    TENSE_TOKENS,
    VocabularyTables,
)
from bot.word_classes import QUESTION_WORDS, SAID_BEFORE

MAX_TOKENS = 400  # a message is cut after this many words: enough for any real question
# "what a day": an exclamation's opening (its first word is no question word there)
_EXCLAMATIONS = frozenset(tuple(entry) for entry in wordlists.lines("exclamations.txt"))
_DEMONSTRATIVES = wordlists.word_set("demonstratives.txt")  # see _points
# "is it renewed? release date?": a follow-up after a question, in this many words of
# content at most ("I read the books and loved it?" is no question of its own)
FOLLOW_UP_TOKENS = 2
POINTED_WORDS = 3  # "that last big scene": a reaction ends with a phrase this long at most


class Token(NamedTuple):
    """A canonical token of an analysed text, with its weight and clause. (A named tuple:
    a long message makes hundreds of them, and tuples are the cheapest to make.)"""

    text: str
    weight: float
    clause: int
    common: bool = False  # written as an everyday English word (not a name, typo or concept)


# Token(text, weight, clause, common) as the tuple constructor makes it, without the named
# tuple's own __new__, a Python function: a long message makes hundreds of tokens.
_make_token = tuple.__new__


class _Part(NamedTuple):
    """What one part of a clause says (see Lexicon._read_part)."""

    question: bool  # it reads as a question
    # ...only by its last word ("the cast list", "got a lil terrier pls"): asked beside what
    # ends with "?" when nothing else is a question
    request: bool
    about_it: bool  # a question whose subject is a pronoun ("is it any good")
    # a question whose subject points back at what was just said ("is that true", "is that
    # official"): it asks about the clauses before it
    refers_back: bool
    on_topic: bool  # it names the show
    tokens: list[tuple[str, float, bool]]  # content tokens: text, weight, common
    question_words: frozenset[str]
    text: str  # its words, cleaned and spelling-corrected


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one message."""

    tokens: tuple[Token, ...]  # content tokens (no stopwords, filler, topic or question words)
    clause_question_words: tuple[frozenset[str], ...]  # "who", "when"... of each clause
    on_topic: bool  # the message names the show ("ballard", "the show", ...)
    clause_count: int
    question_clauses: frozenset[int]  # clauses that look like questions
    clause_texts: tuple[str, ...] = ()  # each clause's words, as written (cleaned)
    # clauses that offer another alternative of the clause before them ("... or is it ...")
    alternatives: frozenset[int] = frozenset()
    # questions whose subject is a pronoun ("when does it come out"): they refer to what the
    # rest of the message (or, failing that, the knowledge base) is about
    pronoun_clauses: frozenset[int] = frozenset()
    topic_clauses: frozenset[int] = frozenset()  # clauses that name the show by a topic word
    # questions whose subject points back at the clauses before them ("just found out it's
    # a bosch spinoff. is that official?"): they are read with those clauses
    back_clauses: frozenset[int] = frozenset()
    # clauses that are a whole sentence ending with "?" (not a part split off one)
    whole_asked: frozenset[int] = frozenset()
    exclaims: bool = False  # a clause of it opens as an exclamation ("what a cliffhanger")

    @property
    def question_words(self) -> frozenset[str]:
        return frozenset().union(*self.clause_question_words)


_QUESTION_STEMS = frozenset(map(stem, QUESTION_WORDS))


def _reported_tenses(stems: Sequence[str]) -> frozenset[str]:
    """The tenses a part's words say only before its last question word: they belong to a
    verb reporting the question, not to it ("did amazon say *when* season 2 comes out" asks
    when season 2 comes out, in the present; "when did it premiere" is asked in the past)."""
    last = max((i for i, s in enumerate(stems) if s in _QUESTION_STEMS), default=-1)
    before: set[str] = set()
    after: set[str] = set()
    for i, s in enumerate(stems):
        if s in _TENSE_OPENERS:
            for key, tense in _TENSE_PHRASES:
                if tuple(stems[i : i + len(key)]) == key:
                    (before if i < last else after).add(tense)
    return frozenset(before - after)


class Lexicon:
    """The analysis of text: with its ``vocabulary``, the compiled vocabulary
    (bot.vocabulary_tables.VocabularyTables: synonyms, stopwords and weights), and its
    ``spelling``, the spelling correction (bot.spelling.Spelling)."""

    def __init__(self, vocabulary: Vocabulary, common_words: dict[str, float]) -> None:
        self.vocabulary = tables = VocabularyTables(vocabulary, common_words)
        # spelling correction towards the words the vocabulary writes, which grow as the
        # knowledge base's own text is learned
        self.spelling = Spelling(tables.written_words, common_words, tables.kinds)
        self._common = common_words  # everyday English: a token written so is common

    def analyse(self, text: str, *, correct: bool = True, learn: bool = False) -> Analysis:
        """Canonical weighted tokens of a message, split into clauses: the one way text
        becomes tokens, for fans' messages and the knowledge base's own text alike.

        ``correct=False`` reads text as the knowledge base's own, without spelling correction;
        ``learn=True`` also makes its words spelling-correction targets (the matcher indexes
        the base's example questions, keywords and answers this way, before any message).
        """
        tokens: list[Token] = []
        clause_question_words: list[frozenset[str]] = []
        clause_texts: list[str] = []
        on_topic = False
        question_clauses: set[int] = set()
        marked_only: set[int] = set()
        marked_last: set[int] = set()  # ...the last part of what a "?" ends
        whole_asked: set[int] = set()  # ...and is all of its sentence
        ends_asking: set[int] = set()  # the last part of what a "?" ends, question or not
        request_clauses: set[int] = set()
        listed_clauses: set[int] = set()
        alternatives: set[int] = set()
        pronoun_clauses: set[int] = set()
        back_clauses: set[int] = set()
        topic_clauses: set[int] = set()
        marked: list[bool] = []  # each clause: it ends with "?"
        # questions split off chat in a sentence ended by something else than "?" before
        # another ("… minutes watched which is insane. how long is each episode?"): no
        # questions where another sentence ends with "?" or opens with a question ("…leave
        # you hanging when the next season isnt out yet. does s1 wrap up the main case")
        stated_splits: set[int] = set()
        asking_sentence = False  # a sentence after the first opens with a question
        exclaims = False
        clause = 0
        budget = MAX_TOKENS
        # A clause met again in the same text ("who plays her?? who plays her") reads the
        # same: it is corrected, split and read once.
        read: dict[tuple[str, ...], list[tuple[_Part, bool, bool]]] = {}
        spelling = self.spelling
        add_token = tokens.append
        cleaned = clean(text)
        kept: set[str] = set()
        if correct:
            # two letters written in capitals are an abbreviation ("GP", "ER"), never a typo
            kept = abbreviations(text)
            cleaned = written_out(cleaned)  # a fan's "b4", "2moro", "how 2 watch"
        found_clauses = tags_asking(clauses(cleaned))
        last = len(found_clauses) - 1
        for at, (found, asked, listed) in enumerate(found_clauses):
            raw = found if len(found) <= budget else found[:budget]  # (only read, never changed)
            budget -= len(raw)
            if learn:
                spelling.learn(raw)
            if correct and not asked and tuple(raw[:2]) in _EXCLAMATIONS:
                raw = raw[1:]  # a fan's "what a cliffhanger": a reaction, not a question
                exclaims = True
            if at < last and SAID_BEFORE.issuperset(found):
                continue  # "wait, how do i buy tickets": said before what is asked
            if correct and at < last and announces_only(found):
                continue  # "quick question, helmet rules": announces what follows
            words_of = tuple(raw)
            parts = read.get(words_of)
            if parts is None:
                if correct:  # before the split: a misspelled "doees" still opens a question
                    raw = spelling.correct_clause(raw, kept)
                parts = read[words_of] = self._read_clause(raw, fans=correct)
            # (a part's fields unpacked at once: a question flood repeats this loop ~100 times)
            last_part = len(parts) - 1
            for n, (
                (
                    question,
                    request,
                    about_it,
                    back,
                    names_show,
                    rows,
                    asks,
                    said,
                ),
                alternative,
                off_chat,
            ) in enumerate(parts):
                if alternative and clause:
                    alternatives.add(clause)
                if asked and n == last_part:  # (a "?" right after it: see _asked_after)
                    ends_asking.add(clause)
                    if last_part == 0:
                        whole_asked.add(clause)
                if request:  # (asked below, with what ends with "?" or the questions)
                    request_clauses.add(clause)
                elif question:
                    question_clauses.add(clause)
                    if off_chat and not asked and at < last:
                        stated_splits.add(clause)
                    elif n == 0 and at > 0:
                        asking_sentence = True
                else:
                    # "that ending??" is a question only if nothing else is, "rt score?" also
                    # before a question of its own (see _asked_before)
                    if asked:
                        marked_only.add(clause)
                        if n == last_part:  # (the "?" right after it: see _asked_before)
                            marked_last.add(clause)
                    if listed:  # an item of a list: "rt score • who plays ballard • cast list"
                        listed_clauses.add(clause)
                if back and clause:
                    back_clauses.add(clause)
                if about_it:
                    pronoun_clauses.add(clause)
                    # "is it any good" asks about the show, as "is ballard any good" does (a
                    # base that names no subject of its own has none for "it" to stand for)
                    on_topic = on_topic or self.vocabulary.names_subject
                if names_show:
                    on_topic = True
                    topic_clauses.add(clause)
                for tok, w, plain in rows:  # Token(tok, w, clause, plain), made faster
                    add_token(_make_token(Token, (tok, w, clause, plain)))
                clause_question_words.append(asks)
                clause_texts.append(said)
                marked.append(asked)
                clause += 1
            if budget <= 0:
                break
        if stated_splits and (any(marked) or asking_sentence):
            question_clauses -= stated_splits
        if request_clauses:
            # a request by its last word is asked with the questions ("is it out? cast list
            # pls"), or with what ends with "?" when there is none: "titus in ballard? y/n
            # pls" asks about titus, as it does without "pls" ("that ending?? who plays her"
            # still asks only who plays her)
            question_clauses = (question_clauses or marked_only) | request_clauses
        if question_clauses and any(marked):
            worded = {t.clause for t in tokens}
            moved = appositions(question_clauses, worded, marked, listed_clauses)
            if moved:
                tokens = [t._replace(clause=moved.get(t.clause, t.clause)) for t in tokens]
                # ("what was that, the tax credit thing?" says what "that" is)
                back_clauses.difference_update(moved.values())
        return Analysis(
            tokens=tuple(tokens),
            clause_question_words=tuple(clause_question_words),
            on_topic=on_topic,
            clause_count=clause,
            question_clauses=frozenset(
                asked_clauses(
                    question_clauses
                    | _asked_before(
                        marked_last,
                        question_clauses,
                        pronoun_clauses | back_clauses,
                        tokens,
                        clause_texts,
                    )
                    | _asked_after(
                        marked_last,
                        question_clauses,
                        pronoun_clauses | back_clauses,
                        tokens,
                        ends_asking,
                    )
                    if question_clauses
                    else marked_only,
                    listed_clauses,
                )
            ),
            clause_texts=tuple(clause_texts),
            alternatives=frozenset(alternatives),
            pronoun_clauses=frozenset(pronoun_clauses),
            topic_clauses=frozenset(topic_clauses),
            back_clauses=frozenset(back_clauses),
            exclaims=exclaims,
            whole_asked=frozenset(whole_asked),
        )

    def _read_clause(self, raw: list[str], *, fans: bool = False) -> list[tuple[_Part, bool, bool]]:
        """A clause's parts (bot.reading.clause_parts) as :meth:`analyse` reads them
        (``raw``: its words, spelling corrected), each with whether it is another alternative
        of the part before it and whether it opens with a question word right after words of
        chat; a part met again in the clause is read once (``fans``: a fan's message, see
        _read_part)."""
        out: list[tuple[_Part, bool, bool]] = []
        read: dict[tuple[tuple[str, ...], bool], _Part] = {}
        for part, alternative, indirect, off_chat in clause_parts(raw, fans=fans):
            key = (tuple(part), indirect)
            got = read.get(key)
            if got is None:
                got = read[key] = self._read_part(part, indirect, fans=fans)
            out.append((got, alternative, off_chat))
        return out

    def _read_part(self, part: list[str], indirect: bool = False, *, fans: bool = False) -> _Part:
        """One part of a clause, as :meth:`analyse` reads it: its tokens, and whether it asks
        (bot.reading) (``part``: its words, spelling corrected, leaders dropped; ``indirect``:
        it is an indirect question, opening with "if" or "whether" after words that ask, see
        bot.reading.clause_parts; ``fans``: a fan's message, not the base's own text, which is
        read as written)."""
        plainly = asks_plainly(part, indirect)
        by_last_word = not plainly and ends_with_request(part)  # "cast list", "… pls"
        starts = plainly or by_last_word
        vocabulary = self.vocabulary
        kinds, weights, common = vocabulary.kinds, vocabulary.weight_memo, self._common
        own = self.spelling.targets.base_words
        part = without_tag(part)  # "it got renewed right?"
        folded = vocabulary.numbered.fold(part)
        if not _HEDGES.isdisjoint(folded):
            folded = [w for w in folded if w not in _HEDGES]
        stems = list(map(stem, folded))
        if stems and stems[-1] in vocabulary.be_tail_ends:  # "when is it out"
            stems, folded = vocabulary.uninverted(stems, folded)
        # Remember one surface word per stem so weights can use word frequency.
        surface_of = dict(zip(stems, folded, strict=True))
        tokens: list[tuple[str, float, bool]] = []
        question_words: set[str] = set()
        on_topic = False
        canonical = vocabulary.canonical(stems)
        topic_stems = vocabulary.topic_stems
        if fans and len(stems) > 2 and not topic_stems.isdisjoint(stems[1:-1]):
            # a fan's "new ballard episodes" says the phrase "new episodes" around the show's
            # name: the name is read apart from it (the knowledge base's own text is not)
            inner = [s for s in stems[1:-1] if s not in topic_stems]
            folded_around = vocabulary.canonical([stems[0], *inner, stems[-1]])
            if len(folded_around) < len(canonical) - (len(stems) - 2 - len(inner)):
                canonical = folded_around
                on_topic = True
        for tok in canonical:
            kind = kinds.get(tok)
            if kind is None:
                surface = surface_of.get(tok, tok)
                if fans and len(surface) == 1 and surface.isalpha() and surface not in own:
                    # a letter no text of the base uses is no word of the question: chat
                    # shorthand ("r u insured n stuff", "b4", "w/o") or a number's unit
                    # ("2x a day"), which had weighed as a rare word no fact uses
                    continue
                w = weights.get((tok, surface)) or vocabulary.weight(tok, surface)
                tokens.append((tok, w, surface in common))
            elif kind is _QUESTION:
                question_words.add(tok)
            elif kind is _TOPIC:
                on_topic = True
        if not _TENSE_OPENERS.isdisjoint(stems) and not TENSE_TOKENS.isdisjoint(question_words):
            question_words.difference_update(_reported_tenses(stems))
        asks = (
            # also a question word written another way ("wher", listed under "where")
            not TENSE_TOKENS.issuperset(question_words) or not QUESTION_WORDS.isdisjoint(part)
        )
        return _Part(
            question=starts or asks,
            request=by_last_word and not asks,
            about_it=starts and subject_is_pronoun(part, indirect),
            refers_back=starts and subject_points_back(part),
            on_topic=on_topic,
            tokens=tokens,
            question_words=frozenset(question_words),
            text=" ".join(part),
        )


def lexicon_for(kb: KnowledgeBase, common_words: dict[str, float]) -> Lexicon:
    """The lexicon of a knowledge base's vocabulary. The words its entries use are learned
    as the matcher analyses them (``Lexicon.analyse(text, correct=False, learn=True)``),
    before any message."""
    lexicon = Lexicon(kb.vocabulary, common_words)
    lexicon.vocabulary.contrast_particles((entry.id, entry.questions) for entry in kb.entries())
    lexicon.spelling.learn_compounds(
        chain(
            (fact.answer for fact in kb.facts),
            (q for entry in kb.entries() for q in (*entry.questions, *entry.keywords)),
        )
    )
    return lexicon


def _asked_before(
    marked: set[int],
    questions: set[int],
    pointing: set[int],
    tokens: list[Token],
    texts: list[str],
) -> set[int]:
    """The clauses ending with "?" (``marked``) that ask a question of their own before the
    message's ``questions``: they have words of their own, do not end pointing at something
    just seen ("that ending?? who plays her", "i finished it and that ending?? when is s2":
    a reaction), and the next
    question has words of its own and does not point back at them (``pointing``: "rotten
    tomatoes score? how many minutes watched?" asks two things; "season 2? when does it
    come out" one, about season 2)."""
    if not marked:  # (most messages: nothing to look at)
        return set()
    worded = {t.clause for t in tokens}
    asked = set()
    for clause in marked:
        # (the next question that says something: "does anyone know" before "if they are
        # filming in la" only asks the channel)
        after = min((q for q in questions if q > clause and q in worded), default=None)
        if (
            clause in worded
            and not _points(texts[clause])
            and after is not None
            and after not in pointing
        ):
            asked.add(clause)
    return asked


def _asked_after(
    marked: set[int],
    questions: set[int],
    pointing: set[int],
    tokens: list[Token],
    ends_asking: set[int],
) -> set[int]:
    """The clauses a "?" ends (``marked``: the last part of each, not reading as questions)
    that ask a question of their own right after a question that a "?" ends too
    (``ends_asking``: the last part of what each "?" ends): in 1 to FOLLOW_UP_TOKENS words
    of content, as typed into a search box, after a question with words of its own, and
    not pointing back ("is it renewed? release date?" asks two things; its second question
    had been dropped without a word). Not a guess after a comma ("who wrote the books,
    connelly?"), nor what follows a joiner in the same sentence ("can i cancel because the
    price went up?"). (A guess asked on its own, "who plays her? maggie q?", gets the same
    fact, answered once.)"""
    if not marked:
        return set()
    worded = Counter(t.clause for t in tokens)
    return {
        clause
        for clause in marked
        if clause - 1 in questions
        and clause - 1 in ends_asking
        and 0 < worded[clause] <= FOLLOW_UP_TOKENS
        and clause - 1 in worded
        and clause not in pointing
    }


def _points(text: str) -> bool:
    """Whether a clause ends with a phrase that points at something just seen: a word of
    demonstratives.txt and at most POINTED_WORDS words after it ("that ending", "and this
    last scene")."""
    said = text.split()
    at = max((n for n, word in enumerate(said) if word in _DEMONSTRATIVES), default=-1)
    return at >= 0 and len(said) - at - 1 <= POINTED_WORDS
