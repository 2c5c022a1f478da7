"""A knowledge base's entries as the matcher reads them, indexed once per base (pure).

Each fact's and known unknown's example questions, keywords and answer are analysed by the
base's :class:`~bot.lexicon.Lexicon` (in bulk: bot/_fastpath.py) into an :class:`IndexEntry`: the
words it explains and how much, its examples' token weights, the question words it is asked
with. An inverted index (token -> entries) and bit sets of its long postings let the matcher
find the entries a message shares words with fast at 10,000 facts (bot.candidates).
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, repeat
from typing import NamedTuple

from bot import _fastpath
from bot.candidates import MAX_CANDIDATES, bit_set, top_candidates
from bot.cleaning import clean
from bot.knowledge import Fact, KnowledgeBase, Unknown
from bot.lexicon import Lexicon
from bot.prices import PRICE_QUESTION_WORDS, states_price
from bot.text import load_common_words, stem, words
from bot.vocabulary_tables import (
    CONCEPT_WEIGHT,
    COUNT_TOKEN,
    OTHER_SHOW_WEIGHT,
    OTHER_TENSE,
    TENSE_TOKENS,
)
from bot.word_classes import QUESTION_WORDS, STOPWORDS
from bot.wordlists import word_set

# How an entry explains a message's words (bot.matching's scoring reads these too).
ANSWER_CREDIT = 0.6  # a word found only in a fact's answer explains this much of its weight
# ...and a word only the chat around an example's question says ("been out of the loop since
# july, moved to denver. did it get renewed?", a fan's message taught as it was written)
CHAT_CREDIT = 0.6
QUESTION_WORD_WEIGHT = 0.35  # "who", "when"... count when the fact's examples use them
# ...and these also count against a fact whose examples never ask them: a "when" or "how
# many" question is not answered by a yes/no fact. ("what", "how", "which" are too general.)
SPECIFIC_QUESTION_WORDS = frozenset({"who", "when", "where", COUNT_TOKEN})
LONG_MESSAGE_TOKENS = 7  # a message with this many meaningful words is "long"
# Another show's name weighs OTHER_SHOW_WEIGHT where a fact does not explain it, but only a
# concept's weight where it does ("is bosch in it" is an ordinary bosch-appearance question).
EXPLAINED_SHOW_FACTOR = CONCEPT_WEIGHT / OTHER_SHOW_WEIGHT
FITTED_EXAMPLES = 10  # the most examples a fact has in the confidence's training bases
SUBJECT_SHARE = 0.3  # a word no everyday English uses, in this share of the facts' text...
SUBJECT_MIN_FACTS = 3  # ...and in at least this many, is the base's own name
SUBJECT_MIN_LEN = 3  # (letters: "e", "x" of "e-bike", "x-ray" are no names)
# A keyword of one word names its fact said alone if it is rarer in English than this (Zipf
# frequency: 5.0 is 100 uses per million words; "cast" 4.8, "money" 5.6)
RARE_NAME_ZIPF = 5.0


@cache
def common_words() -> dict[str, float]:
    return load_common_words()


@cache
def other_brands() -> frozenset[str]:
    """Names of well-known companies and apps other than a base's own business
    (bot/data/other_brands.txt)."""
    return word_set("other_brands.txt")


@dataclass(slots=True)
class IndexEntry:
    """One fact or known unknown as the matcher reads it (built by Index._add)."""

    id: str
    fact: Fact | None
    unknown: Unknown | None
    vocab: dict[str, float]  # token -> how much of its weight this entry explains (0..1)
    question_words: frozenset[str]
    examples: list[tuple[dict[str, float], float, str]]  # token weights, their total, wording
    requires: frozenset[str]
    named: frozenset[str] = frozenset()  # the tokens of its title and of its keywords that name
    # the words of its example questions that name none of ``requires``: asked as written,
    # such an example still gets its fact (the admin's word for it)
    unrequired: frozenset[frozenset[str]] = frozenset()
    # the tense most of its example questions are asked in, if any ("<past>": "when did
    # ballard premiere", "what was the release date"), and never the other one
    tense: frozenset[str] = frozenset()
    keyworded: frozenset[str] = frozenset()  # the tokens of its keywords
    # other shows its examples name and nothing else of it does (its answer, title or
    # keywords: `validate` warns of them), as a fan's message taught as written may: "is
    # ballard a sequel to bosch: legacy…" taught to the spinoff (see HeldBack)
    borrowed_shows: frozenset[str] = frozenset()


class Keyword(NamedTuple):
    """One keyword wording of a base, as indexing reads it."""

    vocab: dict[str, float]  # its tokens, each explaining all of its weight
    asked: set[str]  # its question words
    # its words as written if it names its fact (several words, or one rare word: "maggie
    # q", "viewership": a message saying just that names the fact), else None; worked out
    # once for all the facts it is a keyword of
    written: Name | None
    # whether its words name what the fact is about: a keyword of one word, a name of
    # several, or a term of the vocabulary ("number one"); not "come from" or "how long",
    # said in passing as often as asked
    names: bool


class Name(NamedTuple):
    """A fact's name as written (see Index.written), with what comparing a message with
    it reads, worked out once at load."""

    text: str
    several: bool  # of several words
    typos: int  # how many it takes (a letter for every 8; see AsWritten.says_name)
    digits: str  # its digits, which take no typo


def name_of(text: str) -> Name:
    several = " " in text
    typos = max(1, len(text) // 8) if several else len(text) // 8
    return Name(text, several, typos, digits(text))


def is_name(written: list[str]) -> bool:
    """Whether a keyword's words name something ("maggie q", "tax credit"): several words,
    none of them a function or question word ("how long", "come from", "set in" are said in
    passing as often as they are asked)."""
    return len(written) > 1 and STOPWORDS.isdisjoint(written) and QUESTION_WORDS.isdisjoint(written)


def is_rare_name(written: list[str]) -> bool:
    """Whether a keyword of one word names its fact when said alone: a word rarer in
    English than RARE_NAME_ZIPF ("viewership", "cast", "synopsis"), not a number; not
    "good", "love" or "money", which are said in passing."""
    return len(written) == 1 and is_rare(written[0])


def is_rare(word: str) -> bool:
    """Whether a word says what is asked by itself: a word rarer in English than
    RARE_NAME_ZIPF ("viewership", "fare"), not a number, a function or a question word."""
    return (
        word.isalpha()
        and word not in STOPWORDS
        and word not in QUESTION_WORDS
        and common_words().get(word, 0.0) < RARE_NAME_ZIPF
    )


def breaks(phrase: str) -> bool:
    """Whether an example question has a mark inside it that may end a sentence or clause
    (its chat and its question are then read apart: see Index._chat_words)."""
    inside = phrase.rstrip("?!. \n")
    return any(mark in inside for mark in ".?!;,:\n")


def verbatim(text: str) -> str:
    """A message or an example question as it is compared word for word: its case, spacing
    and closing marks aside ("How do I unlock a bike?" is "how do i unlock a bike")."""
    return " ".join(text.casefold().split()).rstrip("?!. ")


def digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


class Index:
    """A base's entries, the postings of their tokens, and what the matcher's rules read of
    the base as a whole (its own names, the other shows its facts are about, other brands)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary = lexicon.vocabulary
        self.entries: list[IndexEntry] = []
        # each fact's names as written: its example questions of one word or none, and its
        # keywords of several words. Asked as written (or with a typo), "premiere date" is
        # that example and "maggie q" names the lead actor; "and i oop" only has a word of one
        self.written: dict[str, list[Name]] = {}
        self.longest_example = 2 * max(
            map(len, chain.from_iterable(e.questions for e in kb.entries())), default=0
        )
        self._postings: defaultdict[str, list[int]] = defaultdict(list)  # becomes postings
        self._shows = vocabulary.other_shows
        # The base's own text is analysed in bulk, which is several times faster than text
        # by text and gives exactly the same (see bot/_fastpath.py): every answer, every
        # example question, and each keyword wording once (keywords recur across facts).
        lex = lexicon
        entries = tuple(kb.entries())
        found = _fastpath.StreamWords(lex.vocabulary)  # (the words read so far, for all three)
        answers = _fastpath.token_texts_many(lex, [fact.answer for fact in kb.facts], found)
        # An answer that states a price explains the words a question asks one with, as its
        # own words do: "dog fee?" of "… £5 per pet …", asked "how much…" (bot.prices).
        # (Read, not learned: they are no words of the base's to correct typos towards.)
        price_words = list(
            dict.fromkeys(t.text for t in lex.analyse(PRICE_QUESTION_WORDS, correct=False).tokens)
        )
        # each fact whose answer states a price: the price words its answer does not say
        self.priced: dict[str, list[str]] = {}
        # (their word streams as the load read them, if it did: see _fastpath.QuestionStreams)
        asked = [q for e in entries for q in e.questions]
        known = None if kb.question_streams is None else kb.question_streams.take(asked)
        questions = _fastpath.analyse_many(lex, asked, found, known)
        wordings = list(dict.fromkeys(k for entry in entries for k in entry.keywords))
        # what each keyword wording is (see Keyword)
        self._keywords: dict[str, Keyword] = {
            wording: Keyword(
                vocab=dict.fromkeys((t for t, _ in tokens), 1.0),
                asked=asked,
                written=name_of(" ".join(written))
                if is_name(written) or is_rare_name(written)
                else None,
                names=len(written) <= 1
                or is_name(written)
                or (len(tokens) == 1 and "_" in tokens[0][0]),  # (see canonical_name)
            )
            for wording, (tokens, asked), written in zip(
                wordings,
                _fastpath.analyse_many(lex, wordings, found),
                _fastpath.words_many(wordings),
                strict=True,
            )
        }
        for fact, tokens in zip(kb.facts, answers, strict=True):
            if states_price(fact.answer):
                self.priced[fact.id] = [t for t in price_words if t not in tokens]
                tokens = [*tokens, *self.priced[fact.id]]
            self._add(
                fact.id, fact, None, fact.questions, questions, fact.keywords, tokens, fact.requires
            )
        for unknown in kb.unknowns:
            self._add(
                unknown.id, None, unknown, unknown.questions, questions, unknown.keywords, (), ()
            )
        # Long postings as sets, so that a common word can be added to the candidates already
        # found without walking every entry that uses it (see candidates).
        self.postings: dict[str, list[int] | frozenset[int]] = {
            tok: frozenset(posting) if len(posting) > MAX_CANDIDATES else posting
            for tok, posting in self._postings.items()
        }
        # ...and as bit sets, for the set operations of candidates
        self.bits = {
            tok: bit_set(posting, len(self.entries))
            for tok, posting in self.postings.items()
            if isinstance(posting, frozenset)
        }
        # the other shows that facts are about (their keywords or titles name them: "bosch"),
        # not those an example question only mentions ("anyone from abbott elementary in this")
        self.shows_about = frozenset(
            show for entry in self.entries for show in self._shows.intersection(entry.named)
        )
        self.subjects = self._subject_names(len(kb.facts))
        # other companies' names that no text of the base uses, and their tokens (see
        # bot.elsewhere.asks_elsewhere)
        self.brands = {
            name: token
            for name in sorted(other_brands())
            for token in vocabulary.phrase(name)
            if token not in self.postings
        }
        self.brand_tokens = frozenset(self.brands.values())
        # The tokens the base's own text uses: not a price word only an answer's stated
        # price adds (what faq_synonyms.txt reads as the base's word goes by these)
        self.own_tokens = frozenset(self.postings.keys()) - {
            tok
            for tok in price_words
            if all(
                tok in self.priced.get(self.entries[i].id, ())
                and self.entries[i].vocab.get(tok) == ANSWER_CREDIT
                for i in self.postings.get(tok, ())
            )
        }
        del self._keywords, self._shows, self._postings
        self.position = {entry.id: i for i, entry in enumerate(self.entries)}
        # every entry's borrowed shows: none in most bases, where no message is read for them
        self.borrowed_shows = frozenset().union(*(e.borrowed_shows for e in self.entries))

    def entry(self, entry_id: str) -> IndexEntry:
        """The entry of a fact or known unknown, by id."""
        return self.entries[self.position[entry_id]]

    def candidates(self, weights: dict[str, float]) -> list[int]:
        """The MAX_CANDIDATES entries sharing the most token weight with the message, in no
        particular order (see bot.candidates.top_candidates)."""
        return top_candidates(self.postings, self.bits, len(self.entries), weights)

    def _add(
        self,
        entry_id: str,
        fact: Fact | None,
        unknown: Unknown | None,
        questions: Sequence[str],
        analysed: Iterator[tuple[list[tuple[str, float]], set[str]]],
        keywords: Sequence[str],
        answer_tokens: Sequence[str],
        requires: Sequence[str],
    ) -> None:
        """Index an entry: ``analysed`` yields the analyses of its example ``questions`` (in
        order: their tokens with weights, and question words); ``answer_tokens`` are its
        answer's content tokens."""
        vocab = dict.fromkeys(answer_tokens, ANSWER_CREDIT)
        chatted: dict[str, float] = {}  # words only the chat around an example's question says
        examples = []
        # (most entries require nothing: no generator made for them)
        required = (
            frozenset(t for r in requires for t in self.vocabulary.phrase(r))
            if requires
            else frozenset()
        )
        unrequired: set[frozenset[str]] = set()  # the words of examples without them
        question_words: set[str] = set()
        tensed: list[set[str]] = []  # the tenses each example is asked in, if any
        asks: list[set[str]] = []  # the question words each example asks, if any
        shows = self._shows
        named_shows: set[str] = set()  # other shows its examples name
        said: list[str] = []  # the tokens its examples explain in full, in order
        # Example questions set closeness; keywords only widen what the fact explains.
        for phrase in questions:
            tokens, asked = next(analysed)
            if not TENSE_TOKENS.isdisjoint(asked):  # its tense: the fact's, not a word of it
                tensed.append(asked & TENSE_TOKENS)
                asked = asked - TENSE_TOKENS
            weights = dict(tokens)
            if required and required.isdisjoint(weights):
                unrequired.add(frozenset(weights))
            if len(weights) < 2 and not asked and fact is not None:
                self.written.setdefault(entry_id, []).append(
                    name_of(" ".join(words(clean(phrase))))
                )
            chat = (
                self._chat_words(phrase, weights)
                if len(weights) >= LONG_MESSAGE_TOKENS and breaks(phrase)
                else ()
            )
            if chat:
                said += weights.keys() - chat
                chatted.update(dict.fromkeys(chat, CHAT_CREDIT))
            else:
                said += weights
            if not shows.isdisjoint(weights):
                for tok in shows.intersection(weights):
                    weights[tok] *= EXPLAINED_SHOW_FACTOR
                    named_shows.add(tok)
            if asked:
                asks.append(asked)
                weights.update(dict.fromkeys(asked, QUESTION_WORD_WEIGHT))
            if weights:
                examples.append((weights, sum(weights.values()), phrase))
        vocab.update(dict.fromkeys(said, 1.0))  # (all at once, as each example in turn would)
        # how many examples are asked in each tense (a tense or two, if any: counted in a
        # loop, cheaper than a Counter)
        tenses: dict[str, int] = {}
        for tense in chain.from_iterable(tensed):
            tenses[tense] = tenses.get(tense, 0) + 1
        # The questions it answers: what its examples ask; of a fact of more examples than
        # the confidence was fitted on, a "who", "when", "where" or "how many" only if two
        # of them ask it ("where did it peak on nielsen", one of the Nielsen ranking's 16, is
        # no "where" question: "where can i stream it?" is not the ranking's). (Counted once
        # for the entry, and only for such a fact: a Counter costs more than the counting.)
        if len(examples) > FITTED_EXAMPLES:
            asking = Counter(chain.from_iterable(asks))  # how many ask each question word
            question_words.update(
                w for w, n in asking.items() if n >= 2 or w not in SPECIFIC_QUESTION_WORDS
            )
        else:  # (every word an example asks, in the order the count would give them)
            question_words.update(chain.from_iterable(asks))
        for tok, credit in chatted.items():  # (empty but for a long example with chat)
            if vocab.get(tok, 0.0) < credit:
                vocab[tok] = credit
        named: set[str] = set()
        keyworded: set[str] = set()
        for phrase in keywords:
            found = self._keywords[phrase]
            vocab.update(found.vocab)
            keyworded.update(found.vocab)
            if found.names:
                named.update(found.vocab)
            question_words |= found.asked
            if found.written is not None and fact is not None:
                self.written.setdefault(entry_id, []).append(found.written)
        if fact is not None and fact.title:
            named.update(self.vocabulary.phrase(fact.title))
        borrowed = named_shows.difference(answer_tokens, keyworded, named)
        # (each tense an example is asked in is a question word of the fact, and the tense
        # most of them are asked in, and none in the other, is its own: see bot.held_back)
        question_words.update(tenses)
        mostly = frozenset(
            t for t, n in tenses.items() if 2 * n > len(questions) and OTHER_TENSE[t] not in tenses
        )
        position = len(self.entries)
        self.entries.append(
            IndexEntry(
                entry_id,
                fact,
                unknown,
                vocab,
                frozenset(question_words),
                examples,
                required,
                frozenset(named),
                frozenset(unrequired),
                mostly,
                frozenset(keyworded),
                frozenset(borrowed),
            )
        )
        # (each of its tokens' postings gets it, in one pass in C: ~230,000 at 10,000 facts)
        deque(map(list.append, map(self._postings.__getitem__, vocab), repeat(position)), maxlen=0)

    def _chat_words(self, phrase: str, weights: dict[str, float]) -> frozenset[str]:
        """The words of a long example question that only the chat around its question says
        (none if it asks nothing, or nothing but its question): what a fan's message taught
        as it was written says of the fan, not of the fact."""
        analysis = self.lexicon.analyse(phrase, correct=False)
        asked = analysis.question_clauses
        if not asked or len(asked) == analysis.clause_count:
            return frozenset()
        said = {t.text for t in analysis.tokens if t.clause in asked}
        if not said:  # a question with no word of its own asks about what was said before
            return frozenset()  # it ("lost my card yesterday. what do i do?")
        return frozenset(t.text for t in analysis.tokens if t.text not in said) & weights.keys()

    def _subject_names(self, n_facts: int) -> frozenset[str]:
        """The base's own names ("brightsmile", "cycleloop", "ardmore"): a word of one token,
        no everyday English word, that the text of at least SUBJECT_SHARE of its facts (and
        SUBJECT_MIN_FACTS) uses. A question naming the business asks what a question without
        the name asks ("does brightsmile take cigna" is "do you take cigna"): unexplained, the
        name does not count against a fact."""
        need = max(SUBJECT_MIN_FACTS, SUBJECT_SHARE * n_facts)
        frequent = [
            tok
            for tok, posting in self._postings.items()
            if len(posting) >= need
            and tok.isalpha()
            and len(tok) >= SUBJECT_MIN_LEN
            and self.vocabulary.is_content(tok)
        ]
        if not frequent:
            return frozenset()
        common = common_words()
        written = self.lexicon.spelling.targets.base_words  # the base's words as written
        names = set()
        for tok in frequent:  # (a few words: their spellings in the base's text, by stem)
            spelt = [w for w in written if w[:3] == tok[:3] and stem(w) == tok]
            if spelt and not any(w in common for w in spelt):
                names.add(tok)
        return frozenset(names)


def shared_weight(ex_weights: dict[str, float], q_weights: dict[str, float]) -> float:
    """The weight an example question shares with the message: the smaller of the two
    weights of each of its tokens the message has, added up in the example's order."""
    # an example has a few words, a message may have hundreds: walk the example
    shared = 0.0
    for k in ex_weights:
        if k in q_weights:
            w, q = ex_weights[k], q_weights[k]
            shared += q if q < w else w
    return shared
