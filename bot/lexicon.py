"""Turn text into weighted canonical tokens using the knowledge base's vocabulary (pure).

One reference analysis, :meth:`Lexicon.analyse`, turns fans' messages (at question time)
and the knowledge base's own text (at load time, without spelling correction) into tokens,
so both sides are normalised identically:

1. :func:`bot.text.clean` and :func:`bot.text.clauses` (markup, Unicode, clauses,
   contractions), then, clause by clause, the question check and a split before a joined
   second question;
2. spelling correction of words that are neither known to the knowledge base nor common
   English (``magie`` -> ``maggie``, but ``cost`` never becomes ``cast``), with rapidfuzz;
   a letter held for emphasis let go (``sooo`` -> ``so``), a rare short word one letter from
   a function word read as it (``hs`` -> ``has``), a clause's first word one letter from a
   question opener read as it (``dose`` -> ``does``), and a chat spelling a word was
   corrected into written out (``waht`` -> ``wat`` -> ``what``); interjections before a
   question starter (``omg is it out``) skipped as leaders are; an English word no text of
   the base uses read as the base's word it is the doer in "-or" of, or the action of
   (``acting`` -> ``actors``);
3. the vocabulary's numbered terms folded (``szn two`` -> ``season_2``), and stemming;
4. the YAML synonyms, longest phrase first (``amazon prime video`` -> ``prime_video``);
5. stopwords and chat filler dropped; every remaining token gets a weight saying how much
   it tells about the question (rare words say more than common ones).

Indexing a large base runs the same analysis in bulk: bot/_fastpath.py, held equal to it by
tests/test_fastpath.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, islice, pairwise, product
from typing import NamedTuple, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot import wordlists
from bot.courtesy import reaction_markers
from bot.knowledge import KnowledgeBase, Vocabulary
from bot.text import (
    CONTRACTIONS,
    GENERAL_FRAMES,
    HELD_LETTERS,
    INTERJECTIONS,
    LEADERS,
    QUESTION_STARTERS,
    QUESTION_WORDS,
    SAID_BEFORE,
    STOPWORDS,
    Frames,
    NumberedTerms,
    clauses,
    clean,
    expand_contractions,
    frame_words,
    is_number,
    laugh,
    normalise_phrase,
    normalise_words,
    stem,
    words,
)

# Token weights. A token's weight is how much it says about what the question asks; the
# matcher compares the weight a fact explains with the weight of the whole question.
CONCEPT_WEIGHT = 1.0  # a canonical term from the synonyms ("season_2", "prime_video")
OTHER_SHOW_WEIGHT = 2.5  # another show's name: a strong sign the question is not about Ballard
NUMBER_WEIGHT = 0.6
UNKNOWN_WORD_WEIGHT = 1.5  # a word neither in the knowledge base nor common English
MIN_WORD_WEIGHT = 0.25
MAX_WORD_WEIGHT = 1.5
# Rarity from wordfreq's Zipf scale: "the" ~7.7, "cast" ~4.8, "nielsen" ~3.5.
ZIPF_CEILING = 7.0
ZIPF_SPAN = 2.5

MIN_CORRECTABLE_LEN = 3
# a stopword that is no everyday English word is a correction target from this length on
# ("lowkey", "deadass"; not "oop", "ngl", "istg": see _correction_pools)
CHAT_TARGET_LEN = 5
# an everyday English word at least this common is a word of its own, never chat's "-in"
# for "-ing" ("thin" is no "thing")
CHAT_FORM_ZIPF = 4.3
MIN_RELATED_LEN = 3  # letters of the shorter of two related words ("act", "actor")
# A clause's first word one letter from a question opener ("wha", "dd", "cas", "dose") is
# that opener, if it is rarer in English than this ("dose" 4.2; not "wow" 5.0 or "yo" 4.5)
# and neither a word of the base nor a chat spelling (see Lexicon._opener).
OPENER_TYPO_ZIPF = 4.3
# a word no English list nor base knows, this long or longer, one letter from an English
# word is that word misspelt (shorter ones are function words' typos or chat spellings)
ENGLISH_TYPO_LEN = 4
MAX_REMEMBERED_LEN = 40  # no memo keeps a word longer than this
GLUED_REST_LEN = 2  # a question's opener glued to a word of at least this many letters
# Spelling corrections and word weights of fans' words remembered, at most; when a memo is
# full its older half is forgotten (see remember). Chat follows Zipf's law, so the common words
# come straight back; the rare ones are what made these memos grow all the time (~7 MB after
# 60,000 varied questions, towards ~25 MB at the earlier bound of 100,000 each). At 8,192 the
# matcher spends ~5 % more time on such a stream.
MAX_REMEMBERED_WORDS = 8_192
MAX_TOKENS = 400  # a message is cut after this many words: enough for any real question

OTHER_SHOW_PREFIX = "~"  # canonical tokens of other shows start with this
TOPIC_TOKEN = "<topic>"  # what the show's own names become
# Joiners, which begin a second question before a question starter (bot.text's
# QUESTION_STARTERS: "... and where can i watch it"); and leaders, which open a clause
# without changing whether it is a question ("and does it...").
_JOINERS = wordlists.word_set("joiners.txt")
_ALTERNATIVES = wordlists.word_set("alternatives.txt") & _JOINERS
_FILLER_PHRASES = [" ".join(p) for p in wordlists.lines("filler_phrases.txt")]  # every base
_HEDGES = wordlists.word_set("hedges.txt")  # "definitely", "honestly": no part of what is asked
_TAGS = wordlists.word_set("tags.txt")  # "right?" at a question's end asks to agree
_TEXTING = wordlists.table("texting.txt")  # "b4" -> ("before",)
# A digit beside a letter as in some texted spelling ("b4", "2m"), in the cleaned (lowercase)
# text: looked for first, with a few substring scans in C, cheaper than any regular
# expression over a long text; most messages have none.
_TEXTED_PAIRS = frozenset(
    a + b for spelt in _TEXTING for a, b in pairwise(spelt) if a.isdigit() != b.isdigit()
)
# ...then the words holding both a digit and a letter, each looked up in texting.txt
_TEXTED = re.compile(r"\b(?=[a-z]*[0-9])(?=[0-9]*[a-z])[a-z0-9]+\b")


def _texted_digits() -> tuple[dict[str, str], dict[str, re.Pattern[str]]]:
    """bot/data/texted_digits.txt: the word each digit is texted for, and a pattern of the
    digit beside its words (group "before": the word before it, when that places it)."""
    said: dict[str, str] = {}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for digit, word, side, *beside in wordlists.lines("texted_digits.txt"):
        said[digit] = word
        (after if side == "after" else before).setdefault(digit, []).extend(beside)
    never = ["(?!)"]
    return said, {
        digit: re.compile(
            rf"\b(?:(?P<before>{'|'.join(after.get(digit, never))}) {digit}\b"
            rf"|\b{digit}(?= (?:{'|'.join(before.get(digit, never))})\b))"
        )
        for digit in said
    }


# A lone digit texted for a word ("how 2 watch", "any news 4 s2"), only beside the words
# listed for it; " 2 " and " 4 " are looked for first, as the pairs above are
_DIGIT_WORDS, _TEXTED_DIGITS = _texted_digits()


def _digit_word(found: re.Match[str]) -> str:
    """The word a lone texted digit stands for, after the word before it that placed it."""
    word = _DIGIT_WORDS[found[0][-1]]
    return f"{found['before']} {word}" if found["before"] else word


# A laugh or exclamation (the markers of reactions.txt) ends what came before it when a
# question starts right after it, as an emoji does ("not sure who to ask lol can i bring my
# dog"): written without a full stop, it is one
_REACTION_MARKERS = reaction_markers()
# the words after which a question starter begins a question of its own (the word dropped)
_BREAKS_BEFORE_QUESTION = _JOINERS | _REACTION_MARKERS
# Phrases announcing a question ("quick question", "i was wondering"), dropped before one.
_ANNOUNCERS = frozenset(tuple(entry) for entry in wordlists.lines("announcers.txt"))
# "please", "pls" ending a part of more words make it a request ("timetable please")
_REQUEST_WORDS = wordlists.word_set("request_words.txt")
# "what a day": an exclamation's opening (its first word is no question word there)
_EXCLAMATIONS = frozenset(tuple(entry) for entry in wordlists.lines("exclamations.txt"))
_PARTICLES = wordlists.word_set("particles.txt")
DETERMINERS = wordlists.word_set("determiners.txt")
# A word and its particle ("check in") as a token of its own: the word, this, the particle.
PARTICLE_JOIN = "+"
# A pair's weight beside its word's: enough to tell "check in" from "check out", too little to
# outweigh the word itself.
PARTICLE_WEIGHT_FACTOR = 0.5
# (cheap tests first: a particle at all, then one hyphened, or ending a clause, or before a
# function word that opens no noun phrase; Lexicon.contrast_particles reads the texts that
# hold one)
_ANY_PARTICLE = re.compile(r"\b(?:" + "|".join(sorted(_PARTICLES)) + r")\b")  # (lowercase)
_A_PARTICLE = re.compile(
    r"-(?:{p})\b|\b(?:{p})\b(?:\s*(?:[^\w\s]|$)|\s+(?:{f})\b)".format(
        p="|".join(sorted(_PARTICLES)),
        f="|".join(sorted(STOPWORDS - DETERMINERS, key=lambda w: (-len(w), w))),
    )
)  # (lowercase)
# the words before and after a hyphen ("check-in"): letters, with no letter or digit beside
_WORD_END = re.compile(r"(?<![^\W_])([^\W\d_]+)\Z")
_WORD_START = re.compile(r"([^\W\d_]+)(?![^\W_])")
_HYPHENED = re.compile(r"\b([^\W\d_]+)-(" + "|".join(sorted(_PARTICLES)) + r")\b")
# "tell me…", "give me…": a request opens a question as a question word does
_REQUESTS = frozenset(tuple(entry) for entry in wordlists.lines("request_openers.txt"))
_REQUEST_SIZES = sorted({len(phrase) for phrase in _REQUESTS}, reverse=True)
_REQUEST_FIRSTS = frozenset(phrase[0] for phrase in _REQUESTS)  # (the cheap test first)
# the last word of each: a text holds a phrase only if it holds that word ("question")
_ANNOUNCER_WORDS = frozenset(phrase[-1] for phrase in _ANNOUNCERS)
_ANNOUNCER_SIZES = sorted({len(phrase) for phrase in _ANNOUNCERS}, reverse=True)
_SUBJECT_PRONOUNS = wordlists.word_set("subject_pronouns.txt")
_BACK_PRONOUNS = wordlists.word_set("back_pronouns.txt")
# Question words that start a question of their own before a verb ("… where can i watch it")
_RUNON_OPENERS = wordlists.word_set("runon_openers.txt") & QUESTION_WORDS
# ..."who" and "which" only before the words listed for them ("… who does she end up with")
_RUNON_WHO = {
    opener: frozenset(after)
    for opener, after in wordlists.table("runon_who.txt").items()
    if opener in QUESTION_WORDS
}
_RUNON_VERBS = QUESTION_STARTERS - QUESTION_WORDS  # "is", "can", "does"...
# Words a misspelt first word of a clause may stand for (see Lexicon._opener): the question
# starters but "any", which opens statements as often ("amy" is a name)
_OPENERS = tuple(sorted(QUESTION_STARTERS - {"any"}))
_QUESTION_OPENERS = tuple(sorted(QUESTION_WORDS & QUESTION_STARTERS))
# ...and those a missed space may glue to the next word, longest first ("whoplays")
_GLUED_OPENERS = sorted(_OPENERS, key=len, reverse=True)
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_ELONGATED = re.compile(r"([a-z])\1\1")  # a letter three times in a row
_MAX_HELD_RUNS = 4  # (a word with more runs of held letters is left as it is)
_CAPITALS = re.compile(r"(?<![^\W\d_])[A-Z]{2}(?![^\W\d_])")  # "GP", not "GPs" or "aGP"
# Words a misspelt short word may stand for (see Lexicon._function_word)
_FUNCTION_WORDS = tuple(sorted(w for w in STOPWORDS if len(w) > 1 and w.isalpha()))
_FUNCTION_WORD_SET = frozenset(_FUNCTION_WORDS)
# ...by the length of the words they may be one letter from
_FUNCTION_WORDS_BY_LEN = {
    n: tuple(w for w in _FUNCTION_WORDS if abs(len(w) - n) <= 1) for n in range(2, 5)
}
# ...and the subjects after a verb that start one after a question with its verb already
_RUNON_SUBJECTS = wordlists.word_set("runon_subjects.txt")
_SUBJECT_WITHIN = 3  # a question's subject pronoun comes within its first words
# "if" and "whether" after these open an indirect question ("… wants to know if it got
# renewed"); a phrase's last word is what a text must hold for the phrase to be in it
_INDIRECT_OPENERS = wordlists.word_set("indirect_openers.txt")
_INDIRECT_ASKERS = frozenset(tuple(entry) for entry in wordlists.lines("indirect_askers.txt"))
_INDIRECT_ASKER_WORDS = frozenset(phrase[-1] for phrase in _INDIRECT_ASKERS)
_INDIRECT_ASKER_SIZES = sorted({len(phrase) for phrase in _INDIRECT_ASKERS}, reverse=True)
_PRONOUN_HEADS = [[word] for word in _SUBJECT_PRONOUNS]  # (part[1:2] of "if it …")
_SUBJECT_HEADS = [[word] for word in _RUNON_SUBJECTS]  # (part[2:3] of "is not it …")


# Kinds of canonical tokens that are not content words (Lexicon._kinds).
_QUESTION, _TOPIC, _IGNORED = "question word", "topic", "ignored"


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
    exclaims: bool = False  # a clause of it opens as an exclamation ("what a cliffhanger")

    @property
    def question_words(self) -> frozenset[str]:
        return frozenset().union(*self.clause_question_words)


_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V) -> None:
    """Store in a memo of at most MAX_REMEMBERED_WORDS entries: once it is full, the older
    half (the first stored) is forgotten, in place. A memo only saves work: what it forgets
    is worked out again, the same."""
    if len(memo) >= MAX_REMEMBERED_WORDS:
        for old in list(islice(memo, len(memo) // 2)):
            del memo[old]
    memo[key] = value


def _texted(found: re.Match[str]) -> str:
    """The word a texted spelling stands for (bot/data/texting.txt), or the word as typed."""
    spelt = _TEXTING.get(found[0])
    return found[0] if spelt is None else " ".join(spelt)


def _without_leaders(part: list[str]) -> list[str]:
    """A part without the leaders that open it ("so", "and"), nor the interjections before
    a question ("wait is it out", "omg wait is it out"; not "lol that ending")."""
    while part and (part[0] in LEADERS or (part[0] in INTERJECTIONS and _asks_after(part))):
        part = part[1:]
    return part


def _requests(part: list[str]) -> bool:
    """Whether a part opens with a request of bot/data/request_openers.txt ("tell me…")."""
    return (
        bool(part)
        and part[0] in _REQUEST_FIRSTS
        and any(tuple(part[:n]) in _REQUESTS for n in _REQUEST_SIZES)
    )


def _asks_after(part: list[str]) -> bool:
    """Whether the words after a part's opening interjections (and leaders) open a question
    or a request: "wait is it out", "omg wait is it on prime", "lol ok so who plays her",
    "please tell me the date"."""
    for at, word in enumerate(part[1:], 1):
        if word in QUESTION_STARTERS and part[at + 1 :] and _progressive(part[at:]):
            return False  # "bot is cooking", "chat is buzzing": the word before is its subject
        if word in QUESTION_STARTERS or _requests(part[at:]):
            return True
        if word not in INTERJECTIONS and word not in LEADERS:
            return False
    return False


def _progressive(part: list[str]) -> bool:
    """Whether a part is an auxiliary and one word in "-ing" and nothing else ("is cooking"):
    no subject to ask about, so whatever came before it is its subject."""
    return (
        len(part) == 2
        and part[0] in _RUNON_VERBS
        and part[1].endswith("ing")
        and len(part[1]) > len("ing") + 2
    )


def canonical_name(phrase_tokens: Iterable[str]) -> str:
    """The token a multi-word canonical term becomes: "season 2" -> "season_2"."""
    return "_".join(phrase_tokens)


# "how many" asks for a number: a question word of its own, as weak as the others ("how
# many?" alone is no viewership question), not "how" followed by a stopword.
COUNT_QUESTION = (stem("how"), stem("many"))
COUNT_TOKEN = canonical_name(COUNT_QUESTION)
# ...and every phrase asking for a quantity ("how much") is that question word
QUANTITY_QUESTIONS = frozenset(
    tuple(map(stem, phrase)) for phrase in wordlists.lines("quantity_questions.txt")
)
# The tense a question is asked in ("will", "going to": future; "did": past), a question
# word of its own that never makes a clause a question (bot/data/tenses.txt), and the other
# tense of each
_TENSE_PHRASES = [(tuple(map(stem, e[1:])), f"<{e[0]}>") for e in wordlists.lines("tenses.txt")]
TENSE_TOKENS = frozenset(tense for _, tense in _TENSE_PHRASES)
OTHER_TENSE = {"<future>": "<past>", "<past>": "<future>"}
_TENSE_OPENERS = frozenset(key[0] for key, _ in _TENSE_PHRASES)
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


# ...and a phrase asking about the topic named after it ("what about the cast") is "what"
TOPIC_QUESTIONS = frozenset(
    tuple(map(stem, phrase)) for phrase in wordlists.lines("topic_questions.txt")
)


class Lexicon:
    """The compiled vocabulary: synonyms, corrections, stopwords and weights."""

    def __init__(self, vocabulary: Vocabulary, common_words: dict[str, float]) -> None:
        self._common = common_words
        self._phrases: dict[tuple[str, ...], str] = {}
        self._other_shows: set[str] = set()
        self._show_names: dict[str, str] = {}  # another show's token -> its name, as listed
        self._canonical_surface: dict[str, str] = {}  # one-word canonical token -> its word
        # (no spelling of contractions.txt or chat_abbreviations.txt is a correction target:
        # they are written out before any word is corrected, and as targets typos were bent
        # onto them: `python tools/typo_examples.py --domains` kept more typo'd examples
        # without them on five bases, and lost none)
        surface: set[str] = set(STOPWORDS) | set(QUESTION_WORDS) | _HEDGES
        # "season 2", "szn two", "2nd season" -> "season_2" (the vocabulary's numbered terms)
        self.numbered = numbered = NumberedTerms(vocabulary.numbered)
        # frames of a question about something else (bot.text.Frames), the base's own too
        self.frames: Frames = (
            GENERAL_FRAMES.adding(map(frame_words, vocabulary.frames))
            if vocabulary.frames
            else GENERAL_FRAMES
        )

        def surface_words(text: str, *, target: bool = True) -> list[str]:
            found = words(clean(text))
            if target:
                surface.update(w for w in found if w.isalpha())
            return normalise_words(found, numbered)

        for show in vocabulary.other_shows:
            key = tuple(surface_words(show))
            target = OTHER_SHOW_PREFIX + canonical_name(key)
            self._phrases[key] = target
            self._other_shows.add(target)
            self._show_names.setdefault(target, " ".join(show.split()))
        # A multi-word canonical term is a concept of its own; a one-word one ("cast") is
        # weighed like the word. Synonyms of another show's name ("harry bosch" under
        # "bosch") become that show's token.
        self._concepts: set[str] = set()
        for canonical, variants in vocabulary.synonyms.items():
            key = tuple(surface_words(canonical))
            target = canonical_name(key)
            if OTHER_SHOW_PREFIX + target in self._other_shows:
                target = OTHER_SHOW_PREFIX + target
            if len(key) > 1:
                self._concepts.add(target)
            else:
                self._canonical_surface[target] = words(clean(canonical))[0]
            for phrase in (canonical, *variants):
                self._phrases[tuple(surface_words(phrase))] = target

        # Words that never decide anything. Filler phrases are mapped to a marker and dropped.
        self._ignore: set[str] = {stem(w) for w in STOPWORDS} - {stem(w) for w in QUESTION_WORDS}
        # A request's opening words ("explain…", "remind me…") say that something is asked,
        # as a question word does, not what: they are chat words too.
        requests = [" ".join(r) for r in sorted(_REQUESTS)]
        # (the words of English chat's phrases are no spelling-correction targets: "tre" is
        # no "true" in "how long is tre trip", unless the base uses the word; a vocabulary's
        # own filler is the base's words)
        fillers = [(p, False) for p in (*_FILLER_PHRASES, *requests)]
        fillers += [(p, True) for p in vocabulary.filler]
        for phrase, learned in fillers:
            key = tuple(surface_words(phrase, target=learned))
            if len(key) == 1:
                self._ignore.add(key[0])
            else:
                self._phrases[key] = ""
        # Topic phrases ("the show", "the maggie q show") all become one marker token; a
        # synonym's canonical term listed as a topic word ("ballard") is a marker too.
        self._topic = {TOPIC_TOKEN}
        self._names_subject = bool(vocabulary.topic_words)  # "it" may stand for the subject
        for phrase in vocabulary.topic_words:
            key = tuple(surface_words(phrase))
            taken = self._phrases.get(key)
            if taken:
                self._topic.add(taken)
            else:
                self._phrases[key] = TOPIC_TOKEN
        self._question_words = {stem(w) for w in QUESTION_WORDS}
        for quantity in QUANTITY_QUESTIONS:
            if self._phrases.setdefault(quantity, COUNT_TOKEN) == COUNT_TOKEN:  # not taken
                self._question_words.add(COUNT_TOKEN)
        for topic_question in TOPIC_QUESTIONS:
            self._phrases.setdefault(topic_question, stem("what"))
        for key, tense in _TENSE_PHRASES:
            if self._phrases.setdefault(key, tense) == tense:
                self._question_words.add(tense)
        # What a canonical token that is not content is, in one look-up.
        self._kinds: dict[str, str] = dict.fromkeys(self._ignore, _IGNORED)
        self._kinds.update(dict.fromkeys(self._topic, _TOPIC))
        # the stems that alone are a topic word ("ballard")
        self._topic_stems = frozenset(
            key[0]
            for key, target in self._phrases.items()
            if len(key) == 1 and target in self._topic
        )
        self._kinds.update(dict.fromkeys(self._question_words, _QUESTION))
        self._add_word_variants()
        # A synonym's question words still ask: "who is in it" (under "cast") is a "who"
        # question about the cast, as "who is in the cast" is. (Not another show's name.)
        # Tokens a phrase gives besides its target: a synonym's question words, and a
        # particle's pair token (see contrast_particles).
        self._also: dict[tuple[str, ...], tuple[str, ...]] = {
            key: self._question_words_of(key)
            for key, target in self._phrases.items()
            if len(key) > 1
            and target
            and target not in self._kinds
            and target not in self._other_shows
            and not self._question_words.isdisjoint(key)
        }
        self._surface = surface  # grows as the knowledge base's own text is learned
        self._anagram_index: dict[str, list[str]] | None = None  # see _anagrams
        self._weights: dict[tuple[str, str], float] = {}
        # a particle's pair token -> its word's token and spelling
        self._pair_heads: dict[str, tuple[str, str]] = {}
        self._glued: dict[str, tuple[str, str]] = {}  # see learn_compounds
        self._index_phrases()
        self._by_len: dict[int, list[str]] | None = None  # built at the first correction
        self._corrections: dict[str, str] = {}
        self._openers: dict[str, str | None] = {}  # see _opener
        self._english_by: dict[tuple[str, int], list[str]] | None = None  # _english_pools
        self._relatives: dict[str, str] | None = None  # see _related_words

    def _index_phrases(self) -> None:
        # Phrase sizes by first word, longest first: most words start no phrase at all.
        sizes: dict[str, set[int]] = {}
        for key in self._phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self._phrase_sizes = {first: sorted(n, reverse=True) for first, n in sizes.items()}
        # The first two words of each phrase of several words, and the one-word phrases.
        self._openings = frozenset(key[:2] for key in self._phrases if len(key) > 1)
        self._one_word = {key[0]: target for key, target in self._phrases.items() if len(key) == 1}

    def contrast_particles(self, examples: Iterable[tuple[str, Iterable[str]]]) -> None:
        """Read a word and its particle as a weak token of their own beside the word ("check
        in": "check" and "check+in") where the base's example questions (``examples``: each
        entry's id and its questions) tell two verbs apart by their particles: the word with
        two particles, each said by an entry that does not say the other ("check in" for
        check-in, "check out" for check-out). Elsewhere a particle stays a stopword. Call it
        before the base's text is analysed."""
        said: dict[tuple[str, str], set[str]] = {}
        spelled: dict[str, str] = {}  # a word's stem -> its first spelling
        owners = [
            (entry_id, question) for entry_id, questions in examples for question in questions
        ]
        # (cheap tests first, in one pass over all the examples: most hold no particle)
        lowered = [question.lower() for _, question in owners]
        starts = list(accumulate((len(text) + 1 for text in lowered), initial=0))
        holding = {
            bisect_right(starts, found.start()) - 1
            for found in _ANY_PARTICLE.finditer("\0".join(lowered))
        }
        for i in sorted(holding):
            entry_id, question = owners[i]
            if _A_PARTICLE.search(lowered[i]):
                hyphened = set(_HYPHENED.findall(lowered[i]))
                for found, _, _ in clauses(clean(question)):
                    for at, (word, particle) in enumerate(pairwise(found)):
                        if particle not in _PARTICLES:
                            continue
                        head = stem(word)
                        if head in self._kinds or not head.isalpha():
                            continue
                        # a verb's particle ends the clause or comes before a function
                        # word ("when do i check out", "check in to my room") or is
                        # hyphened ("check-in time"); a preposition governs a noun phrase
                        # ("songs on spotify", "tickets on the day")
                        after = found[at + 2 : at + 3]
                        if (
                            after
                            and (after[0] in DETERMINERS or stem(after[0]) not in self._kinds)
                            and (word, particle) not in hyphened
                        ):
                            continue
                        said.setdefault((head, particle), set()).add(entry_id)
                        spelled.setdefault(head, word)
        by_head: dict[str, list[tuple[str, set[str]]]] = {}
        for (head, particle), ids in said.items():
            by_head.setdefault(head, []).append((particle, ids))
        added = False
        for head, particles in by_head.items():
            contrasted = {
                p for p, ids in particles for _, other in particles if ids - other and other - ids
            }
            target = self._phrases.get((head,), head)
            if not target or target in self._kinds:
                continue
            for particle in sorted(contrasted):
                key = (head, particle)
                if key in self._phrases:
                    continue  # a phrase of the vocabulary's own
                pair = f"{target}{PARTICLE_JOIN}{particle}"
                self._phrases[key] = target
                self._also[key] = (pair,)
                self._pair_heads[pair] = (target, spelled[head])
                added = True
        if added:
            self._index_phrases()

    def learn_compounds(self, texts: Iterable[str]) -> None:
        """Read a word the base writes hyphened as the base writes it when a message glues
        it ("checkin", "xray", "signup" for "check-in", "X-ray", "sign-up"), unless the base
        also uses the glued word itself. ``texts``: the base's own text."""
        # (split at the hyphens: a regular expression for two words around one tries every
        # letter of a large base's text, ~10 times slower)
        for before, after in pairwise("\n".join(texts).lower().split("-")):
            first = _WORD_END.search(before, max(0, len(before) - MAX_REMEMBERED_LEN))
            second = _WORD_START.match(after)
            if first and second:
                self._glued.setdefault(first[1] + second[1], (first[1], second[1]))

    def _question_words_of(self, stems: tuple[str, ...]) -> tuple[str, ...]:
        """The question words of a phrase's stems, "how many" (and "how much") as one."""
        found: list[str] = []
        i = 0
        while i < len(stems):
            if (
                tuple(stems[i : i + 2]) in QUANTITY_QUESTIONS
                and COUNT_TOKEN in self._question_words
            ):
                found.append(COUNT_TOKEN)
                i += 2
                continue
            if stems[i] in self._question_words:
                found.append(stems[i])
            i += 1
        return tuple(found)

    def _add_word_variants(self) -> None:
        """Let a phrase be written with one-word variants of its words: "came up w" is
        "came up with" when "w" is listed under "with". (Phrases are looked for before
        one-word synonyms are applied, so without this the slang spelling hides the phrase.)
        A phrase an admin wrote always wins over a variant made here."""
        variants: dict[str, list[str]] = {}
        for key, target in self._phrases.items():
            one_word = len(key) == 1 and target and key[0] != target
            if one_word and self._phrases.get((target,)) == target:
                variants.setdefault(target, []).append(key[0])
        for key, target in list(self._phrases.items()):
            if len(key) < 2 or variants.keys().isdisjoint(key):
                continue
            for spelled in product(*([w, *variants.get(w, ())] for w in key)):
                self._phrases.setdefault(spelled, target)

    def learn(self, words: Iterable[str]) -> None:
        """Make these words (those made of letters) spelling-correction targets: the words
        of the knowledge base's own text."""
        known = len(self._surface)
        self._surface.update(filter(str.isalpha, words))
        if len(self._surface) != known:  # the pools and the corrections made are out of date
            self._by_len = None
            self._relatives = None
            self._anagram_index = None
            self._corrections.clear()
            self._openers.clear()

    def is_content(self, token: str) -> bool:
        """Whether a canonical token says what is asked: no stopword, question word or topic
        marker."""
        return token not in self._kinds

    def learned_words(self) -> frozenset[str]:
        """The words of the knowledge base's own text as written (see learn)."""
        return frozenset(self._surface)

    def prepare_corrections(self) -> None:
        """Build the spelling-correction index now (once the knowledge base is analysed), so
        that the first message does not pay for it."""
        self._correction_pools()
        self._english_pools()
        self._related_words()
        self._anagrams()

    def _correction_pools(self) -> dict[int, list[str]]:
        """Correction candidates bucketed by length: a typo is within 2 letters of its word."""
        if self._by_len is None:
            by_len: dict[int, list[str]] = {}
            common = self._common
            for w in sorted(self._surface):
                # (chat's short stopwords, "ngl", "oop", "istg", are known words but no words a
                # typo is bent onto: "boop" is no "oop", "pasf" no "asf"; a longer one is,
                # "lowey" is "lowkey")
                if (
                    len(w) >= MIN_CORRECTABLE_LEN
                    and w.isalpha()
                    and (w in common or w not in STOPWORDS or len(w) >= CHAT_TARGET_LEN)
                ):
                    by_len.setdefault(len(w), []).append(w)
            # Each pool's words copied next to each other in memory: a correction reads
            # thousands of them, and scattered over the heap (where the knowledge base's
            # text left them) each costs a cache miss, which about doubles its time.
            self._by_len = {n: " ".join(pool).split(" ") for n, pool in by_len.items()}
        return self._by_len

    # -- spelling -------------------------------------------------------------------------

    def correct(self, word: str) -> str:
        """The knowledge-base word a misspelled ``word`` stands for, or ``word`` itself."""
        held = laugh(word)
        if held is not None:  # a laugh as long as it lasts: "lolol" is "lol"
            self._remember(word, held)
            return held
        if word in self._glued and word not in self._surface:  # split in analyse
            self._remember(word, word)
            return word
        if word in INTERJECTIONS:  # chat, no typo: "oof" is not "off", "sheesh" not "shes"
            self._remember(word, word)
            return word
        if _ELONGATED.search(word) and word.isascii() and word not in self._surface:
            # a letter held for emphasis: "sooo", "whyyy", "renewedddd"
            best = self._shortened(word)
            self._remember(word, best)
            return best
        zipf = self._common.get(word)
        if zipf is not None and word.endswith("in"):  # chat's dropped g: "goin", "doin"
            full = self._common.get(word + "g", 0.0)
            # (not a word as common as CHAT_FORM_ZIPF: "thin" is no "thing")
            return word + "g" if full > zipf + 1 and zipf < CHAT_FORM_ZIPF else word
        if word not in self._surface and word in self._common and word.isalpha():
            related = self._related_words().get(stem(word))
            if related is not None:
                self._remember(word, related)
                return related
        if (
            len(word) < MIN_CORRECTABLE_LEN
            or word in self._surface
            or word in self._common
            or not (word.isalpha() and word.isascii())  # the base's words are cleaned ASCII
        ):
            # (a short or common word is no typo of the base's words; it may be one of a
            # function word: "th", "hs", "bee")
            best = word if word in self._surface else self._function_word(word) or word
            self._remember(word, best)  # so that analyse finds it at once next time
            return best
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        hits = self.near(word, 1 if len(word) <= 5 else 2)
        opened = None if hits else self._opener_glued(word)
        if opened is not None:  # "whoplays", "wherecan": split in analyse
            self._glued[word] = opened
            self._remember(word, word)
            return word
        best = word
        if hits:
            # Fewest edits first; then fewest letters moved (see _moves), then a kept first
            # letter, then the more common word.
            best = min(
                hits,
                key=lambda c: (
                    OSA.distance(word, c),
                    _moves(word, c),
                    c[0] != word[0],
                    -self._common.get(c, 0.0),
                    c,
                ),
            )
        elif word.endswith("in") and self._common.get(word + "g", 0.0):
            best = word + "g"  # a dropped g: "watchin", "comin"
        else:
            best = self._function_word(word) or self._english(word) or word
        self._remember(word, best)
        return best

    def _opener_glued(self, word: str) -> tuple[str, str] | None:
        """A question's opener glued to the word after it by a missed space ("whoplays",
        "wherecan", "isit"): the two words, when the rest is a word of the base or of
        everyday English of GLUED_REST_LEN letters or more; else None."""
        for opener in _GLUED_OPENERS:
            if word.startswith(opener):
                rest = word[len(opener) :]
                if len(rest) >= GLUED_REST_LEN and (rest in self._surface or rest in self._common):
                    return opener, rest
        return None

    def _related_words(self) -> dict[str, str]:
        """Words no text of the base uses, by stem, that name the doer of one of its words'
        action or the action of one of its doers (an agent noun in "-or": "acting" for
        "actors", "director" for "directed", "visit" for "visitors"), mapped to that word of
        the base: the same word to the matcher. ("-er" is left alone: "older", "larger" and
        "timer" are no doers of "old", "large" and "time".)"""
        if self._relatives is None:
            kinds = self._kinds
            own = [(w, s) for w in self._surface if w.isalpha() and (s := stem(w)) not in kinds]
            stems = {s for _, s in own}
            found: dict[str, str] = {}
            for w, s in own:
                other = s[:-2] if s.endswith("or") else s + "or"
                # (both of MIN_RELATED_LEN letters or more: "ad" and "ador", the stem of
                # "adorable", are no action and doer)
                if min(len(other), len(s)) >= MIN_RELATED_LEN and other not in stems:
                    known = found.get(other)
                    if known is None or w < known:  # (the first in order: any run, the same)
                        found[other] = w
            self._relatives = found
        return self._relatives

    def _english(self, word: str) -> str | None:
        """The everyday English word that a word of at least ENGLISH_TYPO_LEN letters, no
        English word and one letter from no word of the base, stands for misspelt by one
        letter ("reasn", "yesterdya", "wrapepd"), or None. No fact uses it either, but as a
        rare unknown word it weighed most of the message and sank a question whose intent
        is clear; read as what it stands for, it weighs as little as that word does. The
        nearest, by the same order as corrections."""
        if len(word) < ENGLISH_TYPO_LEN or not (word.isalpha() and word.isascii()):
            return None
        # (among the words of its first letter and a length one apart, as typos mostly keep
        # the first letter; and its first two letters swapped: "ilkely". Generating every
        # string one edit away and looking each up cost several times more, cold.)
        near = [
            w
            for w, _, _ in process.extract(
                word,
                self._english_pools().get((word[0], len(word)), ()),
                scorer=OSA.distance,
                score_cutoff=1,
                limit=None,
            )
        ]
        swapped = word[1] + word[0] + word[2:]
        if swapped in self._common:
            near.append(swapped)
        return self._nearest(word, near) if near else None

    def _english_pools(self) -> dict[tuple[str, int], list[str]]:
        """The English words _english compares a word with, by the word's first letter and
        length: those of that first letter and a length at most one apart (built once, at
        load: prepare_corrections)."""
        if self._english_by is None:
            by: dict[tuple[str, int], list[str]] = {}
            for w in self._common:
                if w.isalpha():
                    by.setdefault((w[0], len(w)), []).append(w)
            self._english_by = {
                (first, n): [w for m in (n - 1, n, n + 1) for w in by.get((first, m), ())]
                for first, length in by
                for n in (length - 1, length, length + 1)
            }
        return self._english_by

    def _function_word(self, word: str) -> str | None:
        """The function word ("the", "has", "are"…) that a word no base uses stands for,
        misspelt by one letter, or None: for a word of 2 letters rarer in English than
        OPENER_TYPO_ZIPF and one letter from no word of the base ("hs", "ot"; not "tv",
        "uk" or "la", nor "ax", which may be "tax"), or of 3 or 4 letters that is no
        English word ("ahs", "teh"; not "owe", "isa"), and not a chat spelling. A
        function word weighs nothing, where the misspelt one weighed as a rare word that no
        fact explains. The nearest, by the same order as corrections."""
        zipf = self._common.get(word)
        if (
            not (word.isalpha() and word.isascii())
            or word in CONTRACTIONS
            or not (
                (len(word) == 2 and (zipf or 0.0) < OPENER_TYPO_ZIPF)
                or (len(word) in (3, 4) and zipf is None)
            )
        ):
            return None
        if len(word) == 2 and any(
            c not in _FUNCTION_WORD_SET and c not in CONTRACTIONS for c in self.near(word, 1)
        ):
            return None  # as near a word of the base: "ax" may be "tax" as well as "as"
        pool = _FUNCTION_WORDS_BY_LEN.get(len(word), ())
        near = [
            w
            for w, _, _ in process.extract(
                word, pool, scorer=OSA.distance, score_cutoff=1, limit=None
            )
        ]
        return self._nearest(word, near) if near else None

    def _nearest(self, word: str, candidates: Iterable[str]) -> str:
        """Of words as near ``word`` as each other (one letter, mostly), the likeliest:
        fewest letters moved (see _moves), then a kept first letter, then the more common in
        English."""
        return min(
            candidates,
            key=lambda c: (_moves(word, c), c[0] != word[0], -self._common.get(c, 0.0), c),
        )

    def _shortened(self, word: str) -> str:
        """A word with a letter held for emphasis (three times or more) as it is written
        without: each such run kept once or twice, whichever makes a word of the base (or a
        function word) or else the commoner English word ("sooo" -> "so", "omggg" -> "omg",
        "pleeease" -> "please"); else the runs kept twice, corrected as any word."""
        pieces = HELD_LETTERS.split(word)  # text, held letter, text, held letter, text...
        texts, letters = pieces[0::2], pieces[1::2]
        if len(letters) > _MAX_HELD_RUNS:
            return word
        options = []
        for times in product((1, 2), repeat=len(letters)):
            out = [texts[0]]
            for letter, n, text in zip(letters, times, texts[1:], strict=True):
                out += [letter * n, text]
            options.append("".join(out))
        known = [w for w in options if w in self._surface]
        if known:
            return min(known, key=len)
        common = [w for w in options if w in self._common]
        if common:
            return max(common, key=lambda w: (self._common[w], -len(w)))
        return self.correct(options[-1])

    def _question_word(self, word: str) -> str | None:
        """The question word ("where", "what"…) a misspelt word is one or two letters from
        ("wer"), the nearest by the same order as spelling correction's, or None."""
        near = {o: OSA.distance(word, o, score_cutoff=2) for o in _QUESTION_OPENERS}
        nearest = min(near.values())
        if nearest > 2:
            return None
        return self._nearest(word, (o for o, d in near.items() if d == nearest))

    def _opener(self, word: str) -> str | None:
        """The question opener ("what", "did", "can"…) that the first word of a clause of
        three words or more stands for, misspelt by one letter ("wha is ballard about", "dd
        it do well", "cas i stream it", "dose bosch show up"), or None. Not a word of the
        base, a chat spelling, an interjection ("whoa") or an English word as common as
        OPENER_TYPO_ZIPF ("wow", "so", "now" start sentences of their own); the nearest
        opener, by the same order as spelling correction's, then the commoner."""
        found = self._openers.get(word, "")
        if found != "":
            return found
        best = None
        if (
            len(word) > 1
            and word.isalpha()
            and word.isascii()
            and word not in self._surface
            and word not in CONTRACTIONS
            and word not in INTERJECTIONS  # ("whoa where can i watch it": not "who")
            and self._common.get(word, 0.0) < OPENER_TYPO_ZIPF
        ):
            near = [o for o in _OPENERS if OSA.distance(word, o, score_cutoff=1) <= 1]
            if near:
                best = self._nearest(word, near)
        if len(word) <= MAX_REMEMBERED_LEN:
            remember(self._openers, word, best)
        return best

    def unswapped(self, text: str) -> str | None:
        """The text with each everyday English word that is no word of the base but two
        neighbouring letters swapped of exactly one ("who is in the *cats* of ballard": the
        *cast*), read as that word; None when it has none. Spelling correction never touches
        a real word (`correct`): this is for a message in which nothing else was found."""
        swaps: dict[str, str] = {}
        for word in set(words(clean(text))):
            if (
                len(word) < MIN_CORRECTABLE_LEN
                or word in self._surface
                or word not in self._common
                or not (word.isalpha() and word.isascii())
            ):
                continue
            hits = [
                w
                for w in self._anagrams().get("".join(sorted(word)), ())
                if OSA.distance(word, w) == 1
            ]
            if len(hits) == 1:
                swaps[word] = hits[0]
        if not swaps:
            return None
        found = re.compile(r"\b(" + "|".join(map(re.escape, swaps)) + r")\b", re.IGNORECASE)
        read = found.sub(lambda m: swaps[m[0].lower()], text)
        return read if read != text else None  # (a word cleaning changed: "cäts" is left)

    def _anagrams(self) -> dict[str, list[str]]:
        """The base's words by their letters in order ("acst": "cast"), for unswapped (made
        with the correction index, and again when the base has learned more words)."""
        if self._anagram_index is None:
            index: dict[str, list[str]] = {}
            for w in self._surface:
                index.setdefault("".join(sorted(w)), []).append(w)
            self._anagram_index = index
        return self._anagram_index

    def near(self, word: str, max_dist: int) -> list[str]:
        """The base's words within ``max_dist`` OSA edits of ``word`` (letters inserted,
        deleted, changed or swapped with a neighbour), in no particular order."""
        pool: list[str] = []
        pools = self._correction_pools()
        for n in range(len(word) - max_dist, len(word) + max_dist + 1):
            pool.extend(pools.get(n, ()))
        # Indel distance is cheaper to scan with, and never more than twice the OSA distance
        # (a change or a swap is a deletion plus an insertion), so this scan finds every word
        # within reach, and a few more that the OSA check then drops.
        found = process.extract(
            word, pool, scorer=Indel.distance, score_cutoff=2 * max_dist, limit=None
        )
        return [w for w, _, _ in found if OSA.distance(word, w) <= max_dist]

    def _remember(self, word: str, best: str) -> None:
        # Bounded in count and word length: fans' junk must not grow it without limit.
        if len(word) <= MAX_REMEMBERED_LEN:
            remember(self._corrections, word, best)

    # -- canonical tokens -----------------------------------------------------------------

    def canonical(self, stems: list[str]) -> list[str]:
        """Replace synonym phrases (longest first) by their canonical token."""
        sizes = self._phrase_sizes
        if sizes.keys().isdisjoint(stems):
            return stems  # most text: no word starts a phrase
        if self._openings.isdisjoint(pairwise(stems)):  # no phrase of several words
            one_word = self._one_word
            return [target for target in map(one_word.get, stems, stems) if target]
        out: list[str] = []
        i = 0
        n = len(stems)
        while i < n:
            if stems[i] not in sizes:
                out.append(stems[i])
                i += 1
                continue
            for size in sizes[stems[i]]:
                if size > n - i:
                    continue
                key = tuple(stems[i : i + size])
                target = self._phrases.get(key)
                if target is not None:
                    also = self._also.get(key)
                    if also:
                        out.extend(also)
                    if target:
                        out.append(target)
                    i += size
                    break
            else:
                out.append(stems[i])
                i += 1
        return out

    def weight(self, token: str, surface: str) -> float:
        """How much a token says about a question (see the module's weight constants)."""
        key = (token, surface)
        found = self._weights.get(key)
        if found is None:
            found = self._weight(token, surface)
            # bounded like the corrections: fans' junk must not grow it without limit
            if len(surface) <= MAX_REMEMBERED_LEN:
                remember(self._weights, key, found)
        return found

    def _weight(self, token: str, surface: str) -> float:
        head = self._pair_heads.get(token)
        if head is not None:
            return PARTICLE_WEIGHT_FACTOR * self.weight(*head)
        if token in self._other_shows:
            return OTHER_SHOW_WEIGHT
        if token in self._concepts or token.startswith(self.numbered.prefixes):
            return CONCEPT_WEIGHT
        if is_number(token):
            return NUMBER_WEIGHT
        zipf = self._common.get(self._canonical_surface.get(token, surface))
        if zipf is None:
            return UNKNOWN_WORD_WEIGHT
        rarity = (ZIPF_CEILING - zipf) / ZIPF_SPAN
        return min(MAX_WORD_WEIGHT, max(MIN_WORD_WEIGHT, rarity))

    @property
    def other_shows(self) -> frozenset[str]:
        """The canonical tokens of other shows' names."""
        return frozenset(self._other_shows)

    def is_concept(self, token: str) -> bool:
        """Whether a token is a term of several words of the vocabulary ("maggie_q") or one
        of its numbered terms ("season_2"): something the base's own words name."""
        return token in self._concepts or token.startswith(self.numbered.prefixes)

    def is_numbered(self, token: str) -> bool:
        """Whether a token is one of the vocabulary's numbered terms ("season_2")."""
        return token.startswith(self.numbered.prefixes)  # no terms: () starts nothing

    def is_other_show(self, token: str) -> bool:
        return token in self._other_shows

    def show_name(self, token: str) -> str:
        """Another show's name as the vocabulary lists it first, for its token."""
        return self._show_names[token]

    def phrase(self, text: str) -> list[str]:
        """Canonical content tokens of a vocabulary phrase or keyword (no correction)."""
        stems = normalise_phrase(text, self.numbered)
        return [t for t in self.canonical(stems) if t not in self._ignore]

    @property
    def question_words(self) -> frozenset[str]:
        """The tokens of the question words ("who", "how many"...), as analyse gives them."""
        return frozenset(self._question_words)

    # -- analysis ---------------------------------------------------------------------------

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
        listed_clauses: set[int] = set()
        alternatives: set[int] = set()
        pronoun_clauses: set[int] = set()
        back_clauses: set[int] = set()
        topic_clauses: set[int] = set()
        marked: list[bool] = []  # each clause: it ends with "?"
        exclaims = False
        clause = 0
        budget = MAX_TOKENS
        # A clause met again in the same text ("who plays her?? who plays her") reads the
        # same: it is corrected, split and read once.
        read: dict[tuple[str, ...], list[tuple[_Part, bool]]] = {}
        corrected = self._corrections.get
        glued = self._glued
        add_token = tokens.append
        # two letters written in capitals are an abbreviation ("GP", "ER"), never a typo
        kept = (
            {w.lower() for w in _CAPITALS.findall(text)}
            if correct and _TWO_CAPITALS.search(text)  # (the cheap test first)
            else ()
        )
        cleaned = clean(text)
        if correct:
            if any(pair in cleaned for pair in _TEXTED_PAIRS) and not _TEXTING.keys().isdisjoint(
                _TEXTED.findall(cleaned)
            ):
                cleaned = _TEXTED.sub(_texted, cleaned)  # a fan's "b4", "2moro": what it spells
            for digit, where in _TEXTED_DIGITS.items():
                if f" {digit} " in cleaned:  # "how 2 watch": "how to watch"
                    cleaned = where.sub(_digit_word, cleaned)
        found_clauses = _tags_asking(clauses(cleaned))
        last = len(found_clauses) - 1
        for at, (found, asked, listed) in enumerate(found_clauses):
            raw = found if len(found) <= budget else found[:budget]  # (only read, never changed)
            budget -= len(raw)
            if learn:
                self.learn(raw)
            if correct and not asked and tuple(raw[:2]) in _EXCLAMATIONS:
                raw = raw[1:]  # a fan's "what a cliffhanger": a reaction, not a question
                exclaims = True
            if at < last and SAID_BEFORE.issuperset(found):
                continue  # "wait, how do i buy tickets": said before what is asked
            words_of = tuple(raw)
            parts = read.get(words_of)
            if parts is None:
                if correct:  # before the split: a misspelled "doees" still opens a question
                    fixed = [w if w in kept else corrected(w) or self.correct(w) for w in raw]
                    # a misspelt opener, unless the base knows the word or corrects it into
                    # one of its own ("si", not read as the function word "six")
                    if (
                        len(raw) > 2
                        and fixed[0] not in QUESTION_STARTERS
                        and (fixed[0] == raw[0] or fixed[0] in _FUNCTION_WORD_SET)
                        and (opener := self._opener(raw[0]))
                    ):
                        fixed[0] = opener
                    elif (
                        len(raw) > 2
                        and fixed[0] != raw[0]
                        and fixed[0] in _RUNON_VERBS
                        and fixed[1] in _RUNON_VERBS
                        and (wh_word := self._question_word(raw[0]))
                    ):
                        # "wer can i wach it": not "were can…", two verbs in a row, but
                        # the question word the typo is as near ("where can…")
                        fixed[0] = wh_word
                    if glued and not glued.keys().isdisjoint(fixed):  # "checkin": "check in"
                        fixed = [
                            part
                            for w in fixed
                            for part in (
                                glued[w] if w in glued and w not in self._surface else (w,)
                            )
                        ]
                    # (a word corrected into a chat spelling is written out as that spelling
                    # typed would be: "waht" -> "wat" -> "what")
                    raw = expand_contractions(fixed)
                parts = read[words_of] = self._read_clause(raw, fans=correct)
            # (a part's fields unpacked at once: a question flood repeats this loop ~100 times)
            for (question, about_it, back, names_show, rows, asks, said), alternative in parts:
                if alternative and clause:
                    alternatives.add(clause)
                if question:
                    question_clauses.add(clause)
                else:
                    if asked:  # "that ending??" is a question only if nothing else is
                        marked_only.add(clause)
                    if listed:  # an item of a list: "rt score • who plays ballard • cast list"
                        listed_clauses.add(clause)
                if back and clause:
                    back_clauses.add(clause)
                if about_it:
                    pronoun_clauses.add(clause)
                    # "is it any good" asks about the show, as "is ballard any good" does (a
                    # base that names no subject of its own has none for "it" to stand for)
                    on_topic = on_topic or self._names_subject
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
        if question_clauses and any(marked):
            worded = {t.clause for t in tokens}
            moved = _appositions(question_clauses, worded, marked, listed_clauses)
            if moved:
                tokens = [t._replace(clause=moved.get(t.clause, t.clause)) for t in tokens]
                # ("what was that, the tax credit thing?" says what "that" is)
                back_clauses.difference_update(moved.values())
        return Analysis(
            tokens=tuple(tokens),
            clause_question_words=tuple(clause_question_words),
            on_topic=on_topic,
            clause_count=clause,
            question_clauses=frozenset(_asked(question_clauses or marked_only, listed_clauses)),
            clause_texts=tuple(clause_texts),
            alternatives=frozenset(alternatives),
            pronoun_clauses=frozenset(pronoun_clauses),
            topic_clauses=frozenset(topic_clauses),
            back_clauses=frozenset(back_clauses),
            exclaims=exclaims,
        )

    def _read_clause(self, raw: list[str], *, fans: bool = False) -> list[tuple[_Part, bool]]:
        """A clause's parts as :meth:`analyse` reads them (``raw``: its words, spelling
        corrected), each with whether it is another alternative of the part before it; a
        part met again in the clause is read once (``fans``: a fan's message, see
        _read_part)."""
        out: list[tuple[_Part, bool]] = []
        read: dict[tuple[tuple[str, ...], bool], _Part] = {}
        parts = _split_on_joiners(raw)
        last = len(parts) - 1
        for at, (part, alternative, indirect) in enumerate(parts):
            if at < last and SAID_BEFORE.issuperset(part):
                continue  # "oh wait | how do i buy tickets": said before a question
            if (
                fans
                and at < last
                and parts[at + 1][2]
                and part
                and part[0] in QUESTION_STARTERS
                and _asks_indirectly(part)
            ):
                # "can you find out | if it got renewed", "could someone help me figure
                # out | who plays her": asked only to ask the indirect question after it,
                # no question of its own ("find" is no question about where to watch it)
                continue
            part = _without_leaders(part)
            if not _ANNOUNCER_WORDS.isdisjoint(part[: _ANNOUNCER_SIZES[0]]):
                part = _after_announcer(part)
            if not part:
                continue
            key = (tuple(part), indirect)
            got = read.get(key)
            if got is None:
                got = read[key] = self._read_part(part, indirect, fans=fans)
            out.append((got, alternative))
        return out

    def _read_part(self, part: list[str], indirect: bool = False, *, fans: bool = False) -> _Part:
        """One part of a clause, as :meth:`analyse` reads it (``part``: its words, spelling
        corrected, leaders dropped; ``indirect``: it is an indirect question, opening with
        "if" or "whether" after words that ask, see _split_on_joiners; ``fans``: a fan's
        message, not the base's own text, which is read as written)."""
        starts = (
            indirect
            or _requests(part)
            or (len(part) > 1 and part[-1] in _REQUEST_WORDS)
            or (
                part[0] in QUESTION_STARTERS
                # "dont want to…" is no question; "isnt it on prime", "wasnt there…" are
                and (part[1:2] != ["not"] or part[2:3] in _SUBJECT_HEADS)
            )
        )
        kinds, weights, common, own = self._kinds, self._weights, self._common, self._surface
        if len(part) > 2 and part[-1] in _TAGS and part[-2] not in QUESTION_STARTERS:
            # "it got renewed right?": a tag, not a word of the question (but not after its
            # verb, "who is right": what is said of the subject)
            part = part[:-1]
        folded = self.numbered.fold(part)
        if not _HEDGES.isdisjoint(folded):
            folded = [w for w in folded if w not in _HEDGES]
        stems = list(map(stem, folded))
        # Remember one surface word per stem so weights can use word frequency.
        surface_of = dict(zip(stems, folded, strict=True))
        tokens: list[tuple[str, float, bool]] = []
        question_words: set[str] = set()
        on_topic = False
        canonical = self.canonical(stems)
        if fans and len(stems) > 2 and not self._topic_stems.isdisjoint(stems[1:-1]):
            # a fan's "new ballard episodes" says the phrase "new episodes" around the show's
            # name: the name is read apart from it (the knowledge base's own text is not)
            inner = [s for s in stems[1:-1] if s not in self._topic_stems]
            folded_around = self.canonical([stems[0], *inner, stems[-1]])
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
                w = weights.get((tok, surface)) or self.weight(tok, surface)
                tokens.append((tok, w, surface in common))
            elif kind is _QUESTION:
                question_words.add(tok)
            elif kind is _TOPIC:
                on_topic = True
        if not _TENSE_OPENERS.isdisjoint(stems) and not TENSE_TOKENS.isdisjoint(question_words):
            question_words.difference_update(_reported_tenses(stems))
        return _Part(
            # also a question word written another way ("wher", listed under "where")
            question=starts
            or not TENSE_TOKENS.issuperset(question_words)
            or not QUESTION_WORDS.isdisjoint(part),
            # ("if it got renewed": the subject right after the opening word)
            about_it=starts
            and (_asks_about_it(part) or (indirect and part[1:2] in _PRONOUN_HEADS)),
            refers_back=starts and _asks_about_it(part, _BACK_PRONOUNS),
            on_topic=on_topic,
            tokens=tokens,
            question_words=frozenset(question_words),
            text=" ".join(part),
        )


def _tags_asking(found: list[tuple[list[str], bool, bool]]) -> list[tuple[list[str], bool, bool]]:
    """Clauses (as bot.text.clauses gives them) with a question tag asked as a clause of its
    own after another ("it got renewed, right?", "bosch is in it, yeah?") read as that
    clause's question mark: the clause before it is asked, the tag is no clause."""
    if len(found) < 2:
        return found
    out = found[:1]
    for clause in found[1:]:
        said, asked, _ = clause
        if asked and len(said) == 1 and said[0] in _TAGS:
            before, _, listed = out[-1]
            out[-1] = (before, True, listed)
        else:
            out.append(clause)
    return out


def _after_announcer(part: list[str]) -> list[str]:
    """A part without the phrase announcing its question ("quick question is it out" -> "is
    it out", "quick q: wait is it on prime" -> "is it on prime"), or the part as it is when
    no question starter follows the phrase."""
    for size in _ANNOUNCER_SIZES:
        if tuple(part[:size]) in _ANNOUNCERS:
            rest = _without_leaders(part[size:])
            if rest and rest[0] in QUESTION_STARTERS:
                return rest
    return part


def _asks_about_it(part: list[str], pronouns: frozenset[str] = _SUBJECT_PRONOUNS) -> bool:
    """Whether a question's subject is one of ``pronouns`` right after its opening words
    ("is it good", "when does it come out", "where can i watch it" is not: "i" is its
    subject)."""
    head = part[: _SUBJECT_WITHIN + 1]
    return any(
        word in pronouns and head[i - 1] in QUESTION_STARTERS for i, word in enumerate(head) if i
    )


def _split_on_joiners(tokens: list[str]) -> list[tuple[list[str], bool, bool]]:
    """Split "who plays her and where can i watch it" before a joined second question,
    "finished it in two nights anyway where can i watch it again" before a question word
    that follows a few words of chat, and run-on questions before a question word and its
    verb ("who plays her where can i watch it") or, after a question that has its verb, a
    verb and its subject ("is bosch in it is it on prime"). The words stay the same, only
    their clauses change. An indirect question ("my mom wants to know if it got renewed")
    is a part of its own from its "if" or "whether" on. Each part comes with whether it is
    another alternative of the part before it ("is she in it or is she imagining things")
    and whether it is an indirect question."""
    if (
        _BREAKS_BEFORE_QUESTION.isdisjoint(tokens)
        and _ANNOUNCER_WORDS.isdisjoint(tokens)
        and _INDIRECT_OPENERS.isdisjoint(tokens)
        and QUESTION_WORDS.isdisjoint(tokens[_RUNON_AFTER:])
        # (a verb and its subject come after a question of at least three words)
        and (
            _RUNON_SUBJECTS.isdisjoint(tokens[_RUNON_AFTER + 2 :])
            or _RUNON_VERBS.isdisjoint(tokens[_RUNON_AFTER + 1 :])
        )
    ):
        return [(tokens, False, False)]
    parts: list[tuple[list[str], bool, bool]] = [([], False, False)]
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        joiner = tokens[i - 1] if i > 0 else ""
        if joiner in _BREAKS_BEFORE_QUESTION and tok in QUESTION_STARTERS and len(parts[-1][0]) > 2:
            # a joiner, or a laugh that ends the chat before it ("… about this lol can i
            # bring my dog"), dropped
            parts[-1][0].pop()
            parts.append(([], joiner in _ALTERNATIVES, False))
        elif tok in _INDIRECT_OPENERS and i < last and _asks_indirectly(parts[-1][0]):
            # "my mom wants to know if it got renewed": an indirect question, from "if" on
            parts.append(([], False, True))
        elif tok in QUESTION_STARTERS and (size := _announced(parts[-1][0])):
            # "who plays ballard quick question is it on prime": the phrase announces the
            # next question, as a joiner would (and is dropped, as at a part's start)
            del parts[-1][0][-size:]
            parts.append(([], False, False))
        elif (
            (
                tok in QUESTION_WORDS
                and i < last  # (a question word that ends the text asks nothing: "… from where")
                and (
                    len(parts[-1][0]) >= _CHAT_BEFORE
                    # "who plays her where can i watch it": a question word and its verb
                    or (
                        len(parts[-1][0]) >= _RUNON_AFTER
                        and tok in _RUNON_OPENERS
                        and i < last
                        and tokens[i + 1] in _RUNON_VERBS
                    )
                )
            )
            or (
                # "did fans like it who does she end up with": "who" and an auxiliary after a
                # question that has its own verb
                tok in _RUNON_WHO
                and i < last
                and tokens[i + 1] in _RUNON_WHO[tok]
                and _has_asked(parts[-1][0])
            )
            or (
                # "is bosch in it is it a spinoff": a verb and its subject after a question
                # that has its own verb
                tok in _RUNON_VERBS
                and i < last
                and tokens[i + 1] in _RUNON_SUBJECTS
                and (
                    _has_asked(parts[-1][0])
                    # ...or after a few words of chat: not a condition of it ("if i come
                    # 25 minutes late will you still see me" is one question), nor the start
                    # of a question still without its verb ("what day of the week is it")
                    or (
                        len(parts[-1][0]) >= _CHAT_BEFORE
                        and parts[-1][0][0] not in QUESTION_STARTERS
                        and parts[-1][0][0] not in _INDIRECT_OPENERS
                    )
                )
            )
        ):
            # (after words that ask, "can you help me find | where to watch it", a
            # question word opens an indirect question, as "if" does)
            parts.append(([], False, tok in QUESTION_WORDS and _asks_indirectly(parts[-1][0])))
        parts[-1][0].append(tok)
    return parts


def _ending(
    part: list[str],
    phrases: frozenset[tuple[str, ...]],
    last_words: frozenset[str],
    sizes: list[int],
    before: int = 0,
) -> int:
    """How many words of one of ``phrases`` (their last words, their sizes longest first)
    end a part's words so far, with at least ``before`` words of the part before them, or 0."""
    if not part or part[-1] not in last_words:
        return 0
    for size in sizes:
        if size + before <= len(part) and tuple(part[-size:]) in phrases:
            return size
    return 0


def _moves(word: str, other: str) -> float:
    """How far a typo moved ``other`` into ``word``: the letters dropped or added between
    them (Indel), but one for two neighbouring letters swapped, which keeps every letter
    ("lsit" is "list" more likely than "lit"), and one and a half for a letter the typo
    added ("baed" is "based" more likely than "bad": a dropped letter is the commonest
    typo)."""
    moved = Indel.distance(word, other)
    if moved == 2 and len(word) == len(other) and sorted(word) == sorted(other):
        return 1  # (one edit apart, same letters: a swap)
    if moved == 1 and len(other) < len(word):
        return 1.5  # a letter added by the typo
    return moved


def _appositions(
    questions: set[int], worded: set[int], marked: list[bool], listed: set[int]
) -> dict[int, int]:
    """The clauses that say what the question before them asks about, by its clause: a
    clause ending with "?" that asks nothing itself, right after a question with no word of
    its own that does not end with one ("who are they though, the two people running the
    show?", "what was that about, something with tax credits?"). Its words are the
    question's. (After a question with words of its own, such a clause is a guess at the
    answer as often as not: "who plays ballard again, the nikita girl??") Not an item of a
    list. ``worded``: the clauses with words of their own."""
    return {
        q + 1: q
        for q in questions - worded
        if q + 1 < len(marked)
        and marked[q + 1]
        and not marked[q]
        and q + 1 not in questions
        and q + 1 not in listed
    }


def _asked(questions: set[int], listed: set[int]) -> set[int]:
    """The clauses of a message that are asked: its questions (or, if none reads as one,
    those ending with "?"), and the items of a list beside them ("rt score • who plays
    ballard • cast list"; "renewed? | release date?"). Items alone are no questions: "so
    good • the cast • wow" is praise, not a question about the cast."""
    return questions | listed if questions else questions


def _asks_indirectly(part: list[str]) -> bool:
    """Whether the words of a part so far end with words that ask ("my mom wants to know",
    "i was wondering"): an "if" or "whether" after them opens an indirect question."""
    return bool(_ending(part, _INDIRECT_ASKERS, _INDIRECT_ASKER_WORDS, _INDIRECT_ASKER_SIZES))


def _announced(part: list[str]) -> int:
    """How many words of a phrase announcing a question end a part's words so far, after
    some words of their own ("who plays ballard quick question"), or 0."""
    return _ending(part, _ANNOUNCERS, _ANNOUNCER_WORDS, _ANNOUNCER_SIZES, before=1)


def _has_asked(part: list[str]) -> bool:
    """Whether the words of a part so far are a question with its verb and a few words
    after it: "is bosch in it", "how did season 1 end" (not "what day of the week", whose
    verb is still to come, nor "is it")."""
    start = 0
    while start < len(part) and part[start] in LEADERS:
        start += 1
    if start < len(part) and part[start] in QUESTION_WORDS:
        start += 1  # "how did…": the verb comes right after the question word
    return start < len(part) and part[start] in _RUNON_VERBS and len(part) - start > 2


_CHAT_BEFORE = 5  # words of chat before a question word that starts a question of its own
_RUNON_AFTER = 2  # ...and words before a question word and its verb ("… where can i …")


def lexicon_for(kb: KnowledgeBase, common_words: dict[str, float]) -> Lexicon:
    """The lexicon of a knowledge base's vocabulary. The words its entries use are learned
    as the matcher analyses them (``Lexicon.analyse(text, correct=False, learn=True)``),
    before any message."""
    lexicon = Lexicon(kb.vocabulary, common_words)
    lexicon.contrast_particles((entry.id, entry.questions) for entry in kb.entries())
    lexicon.learn_compounds(
        chain(
            (fact.answer for fact in kb.facts),
            (q for entry in kb.entries() for q in (*entry.questions, *entry.keywords)),
        )
    )
    return lexicon
