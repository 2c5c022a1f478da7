"""A knowledge base's vocabulary compiled into the tables its text is read with (pure).

:class:`VocabularyTables` holds what :meth:`bot.lexicon.Lexicon.analyse` looks words up in:

* each phrase's canonical token: the YAML synonyms, longest phrase first (``amazon prime
  video`` -> ``prime_video``), other shows' names, the show's own names (one topic marker),
  chat filler and requests' openings (dropped), the phrases asking for a quantity, about a
  topic or in a tense (bot/data/quantity_questions.txt, topic_questions.txt, tenses.txt),
  one-word variants of a phrase's words, and a verb's particle where the base's examples
  tell two verbs apart by it (``check in``, ``check out``);
* the kinds of canonical tokens that say nothing of what is asked (stopwords, question
  words, the topic marker);
* each token's weight: how much it tells about the question (rare words say more than
  common ones).

The words the vocabulary writes are where the lexicon's spelling correction starts from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable, Sequence
from functools import cache
from itertools import accumulate, pairwise, product

from bot import _fastpath, wordlists
from bot.cleaning import clean
from bot.frames import GENERAL_FRAMES, Frames, frame_words
from bot.knowledge import Vocabulary
from bot.numbered_terms import NumberedTerms, normalise_phrase, normalise_words
from bot.reading import _REQUESTS
from bot.spelling import MAX_REMEMBERED_LEN, remember
from bot.text import is_number, stem, words
from bot.word_classes import QUESTION_WORDS, STOPWORDS

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

OTHER_SHOW_PREFIX = "~"  # canonical tokens of other shows start with this
TOPIC_TOKEN = "<topic>"  # what the show's own names become
_FILLER_PHRASES = [" ".join(p) for p in wordlists.lines("filler_phrases.txt")]  # every base
_HEDGES = wordlists.word_set("hedges.txt")  # "definitely", "honestly": no part of what is asked
_PARTICLES = wordlists.word_set("particles.txt")
DETERMINERS = wordlists.word_set("determiners.txt")
# A word and its particle ("check in") as a token of its own: the word, this, the particle.
PARTICLE_JOIN = "+"
# A pair's weight beside its word's: enough to tell "check in" from "check out", too little to
# outweigh the word itself.
PARTICLE_WEIGHT_FACTOR = 0.5
# (a cheap test first: a particle hyphened, or ending a clause, or before a function word
# that opens no noun phrase; VocabularyTables.contrast_particles reads the texts that hold
# one. One pattern for each particle, its word boundary looked behind for after its first
# letter, "in(?<!\win)" for "\bin": a pattern beginning with a word lets the scan skip to
# where the word is, several times faster over all the questions of a base than one
# pattern of them all; what may follow a particle is one pattern, matched where each
# particle ends, as it holds every function word: compiled once, not once a particle.)
_HYPHENED_PARTICLE = re.compile(r"-(?:{})\b".format("|".join(sorted(_PARTICLES))))
_PARTICLE_WORDS = tuple(re.compile(rf"{p}(?<!\w{p})\b") for p in sorted(_PARTICLES))
_AFTER_PARTICLE = re.compile(
    r"\s*(?:[^\w\s]|$)|\s+(?:{})\b".format(
        "|".join(sorted(STOPWORDS - DETERMINERS, key=lambda w: (-len(w), w)))
    )
)  # (lowercase)


def holding_particles(lowered: Sequence[str]) -> set[int]:
    """The positions of the lowercase texts that hold a particle that may be a verb's: one
    hyphened, or ending a clause, or before a function word that opens no noun phrase (the
    cheap test VocabularyTables.contrast_particles reads the texts that pass). In one scan
    of the texts joined by NUL, which reads as the end of the first: a mark, which no match
    reaches over."""
    starts = list(accumulate((len(text) + 1 for text in lowered), initial=0))
    joined = "\0".join(lowered)
    follows = _AFTER_PARTICLE.match
    holding = {
        bisect_right(starts, found.start()) - 1 for found in _HYPHENED_PARTICLE.finditer(joined)
    }
    holding.update(
        bisect_right(starts, found.start()) - 1
        for pattern in _PARTICLE_WORDS
        for found in pattern.finditer(joined)
        if follows(joined, found.end())
    )
    return holding


_HYPHENED = re.compile(r"\b([^\W\d_]+)-(" + "|".join(sorted(_PARTICLES)) + r")\b")


# A question's "be" before its subject ("when *is* it out"): see VocabularyTables.uninverted
_COPULAS = wordlists.word_set("copulas.txt")
_BE = "be"
MAX_INVERTED_SUBJECT = 4  # words between "be" and its phrase's end ("is the new season out")

# Kinds of canonical tokens that are not content words (VocabularyTables.kinds).
_QUESTION, _TOPIC, _IGNORED = "question word", "topic", "ignored"


@cache
def faq_synonyms() -> tuple[tuple[tuple[str, str], ...], ...]:
    """The groups of everyday words of customer-service questions that mean the same
    (bot/data/faq_synonyms.txt), as VocabularyTables.fill_in_synonyms reads them: each
    one-word member and its stem, read once a process (every base reads the same list; a
    lone word folds into no numbered term)."""
    out = []
    for group in wordlists.groups("faq_synonyms.txt"):
        found = (words(clean(member)) for member in group)
        out.append(tuple((m, stem(w[0])) for m, w in zip(group, found, strict=True) if len(w) == 1))
    return tuple(out)


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
# ...and a phrase asking about the topic named after it ("what about the cast") is "what"
TOPIC_QUESTIONS = frozenset(
    tuple(map(stem, phrase)) for phrase in wordlists.lines("topic_questions.txt")
)


class VocabularyTables:
    """The compiled vocabulary: each phrase's canonical token, the kinds of tokens that are
    no content, and each token's weight (see the module). A :class:`bot.lexicon.Lexicon`
    has one, its ``vocabulary``, and analyses text with it; the matcher's rules ask it
    what a token is (another show's name, a numbered term, a question word...).

    Its tables are public for the analysis and its bulk fast path (bot/_fastpath.py) to
    read, and are changed only by its own methods: ``phrases`` (stems -> token),
    ``phrase_sizes``, ``openings``, ``also``, ``kinds`` and ``weight_memo``."""

    def __init__(self, vocabulary: Vocabulary, common_words: dict[str, float]) -> None:
        self._common = common_words
        self.phrases: dict[tuple[str, ...], str] = {}
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
        # frames of a question about something else (bot.frames.Frames), the base's own too
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
            self.phrases[key] = target
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
                self.phrases[tuple(surface_words(phrase))] = target

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
                self.phrases[key] = ""
        # Topic phrases ("the show", "the maggie q show") all become one marker token; a
        # synonym's canonical term listed as a topic word ("ballard") is a marker too.
        self._topic = {TOPIC_TOKEN}
        # "it" may stand for the subject (a base that names none has none for it to be)
        self.names_subject = bool(vocabulary.topic_words)
        for phrase in vocabulary.topic_words:
            key = tuple(surface_words(phrase))
            taken = self.phrases.get(key)
            if taken:
                self._topic.add(taken)
            else:
                self.phrases[key] = TOPIC_TOKEN
        self._question_words = {stem(w) for w in QUESTION_WORDS}
        for quantity in QUANTITY_QUESTIONS:
            if self.phrases.setdefault(quantity, COUNT_TOKEN) == COUNT_TOKEN:  # not taken
                self._question_words.add(COUNT_TOKEN)
        for topic_question in TOPIC_QUESTIONS:
            self.phrases.setdefault(topic_question, stem("what"))
        for key, tense in _TENSE_PHRASES:
            if self.phrases.setdefault(key, tense) == tense:
                self._question_words.add(tense)
        # What a canonical token that is not content is, in one look-up (a stopword, a
        # question word or the topic marker; the analysis reads it for each token).
        self.kinds: dict[str, str] = dict.fromkeys(self._ignore, _IGNORED)
        self.kinds.update(dict.fromkeys(self._topic, _TOPIC))
        # the stems that alone are a topic word ("ballard")
        self.topic_stems = frozenset(
            key[0]
            for key, target in self.phrases.items()
            if len(key) == 1 and target in self._topic
        )
        self.kinds.update(dict.fromkeys(self._question_words, _QUESTION))
        self._add_word_variants()
        # A synonym's question words still ask: "who is in it" (under "cast") is a "who"
        # question about the cast, as "who is in the cast" is. (Not another show's name.)
        # Tokens a phrase gives besides its target: a synonym's question words, and a
        # particle's pair token (see contrast_particles).
        self.also: dict[tuple[str, ...], tuple[str, ...]] = {
            key: self._question_words_of(key)
            for key, target in self.phrases.items()
            if len(key) > 1
            and target
            and target not in self.kinds
            and target not in self._other_shows
            and not self._question_words.isdisjoint(key)
        }
        # the weights worked out so far, by token and spelling (see weight; Lexicon._read_part
        # looks a token up here before it calls weight)
        self.weight_memo: dict[tuple[str, str], float] = {}
        # a particle's pair token -> its word's token and spelling
        self._pair_heads: dict[str, tuple[str, str]] = {}
        self._filled: dict[tuple[str, ...], str] = {}  # see fill_in_synonyms
        self._index_phrases()
        # the words the vocabulary writes: the spelling-correction targets to start from (a
        # Lexicon hands them to its Spelling, whose targets grow them as the base's text is
        # learned)
        self.written_words = surface

    def _index_phrases(self) -> None:
        # Phrase sizes by first word, longest first: most words start no phrase at all.
        sizes: dict[str, set[int]] = {}
        for key in self.phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self.phrase_sizes = {first: sorted(n, reverse=True) for first, n in sizes.items()}
        # The first two words of each phrase of several words, and the one-word phrases.
        self.openings = frozenset(key[:2] for key in self.phrases if len(key) > 1)
        self._one_word = {key[0]: target for key, target in self.phrases.items() if len(key) == 1}
        # The phrases of "be" ("be out"): their words after it, longest first, and the last
        # words they end with (see uninverted)
        self._be_tails = sorted(
            (key[1:] for key, target in self.phrases.items() if len(key) > 1 and key[0] == _BE),
            key=len,
            reverse=True,
        )
        self.be_tail_ends = frozenset(tail[-1] for tail in self._be_tails)

    def uninverted(self, stems: list[str], said: list[str]) -> tuple[list[str], list[str]]:
        """A question's stems (and ``said``, its words, as many) with "be" put back before
        the end of a phrase of "be" ("be out"), when the question opens (after its question
        words) with a form of "be" before its subject (bot/data/copulas.txt) and ends with
        the phrase's other words, 1 to MAX_INVERTED_SUBJECT words of subject between: "when
        is it out" reads as "when is it be out", as "when will it be out" reads. Anything
        else comes back as it was."""
        n = len(stems)
        kinds = self.kinds
        at = 0
        while at < n and kinds.get(stems[at]) is _QUESTION:
            at += 1
        if at == n or stems[at] not in _COPULAS:
            return stems, said
        for tail in self._be_tails:
            end = n - len(tail)
            if 0 < end - at - 1 <= MAX_INVERTED_SUBJECT and tuple(stems[end:]) == tail:
                return (
                    [*stems[:end], _BE, *stems[end:]],
                    [*said[:end], _BE, *said[end:]],
                )
        return stems, said

    def fill_in_synonyms(
        self, groups: Iterable[Sequence[tuple[str, str]]], used: Container[str]
    ) -> dict[str, str]:
        """Read the one-word members of each group of words that mean the same
        (bot/data/faq_synonyms.txt, as faq_synonyms reads them: each member and its stem) as
        the base's own word of that group: the group's only
        content token the base uses (``used``: the tokens of its entries), when the base
        uses none of the other members. A member is read so only where nothing else reads
        it now: no vocabulary phrase, stopword or question word, and no token the base
        uses. So the base's own text reads as it did, a word the base uses keeps its own
        meaning, and a group whose members the base uses for two things is left alone
        ("reimburse" as "refund" in a base that says "refund" and not "reimburse"). Call it
        once the base's text is indexed; a second call undoes the first. Returns what it
        added: each member read so, as the list writes it, and the base's token it is read as."""
        undone = bool(self._filled)
        for key in self._filled:
            del self.phrases[key]
        self._filled = {}
        read_as: dict[str, str] = {}  # each member read so, as written -> the base's token
        for group in groups:  # (each one-word member with its stem: see faq_synonyms)
            keys = [(member, (token,)) for member, token in group]
            # the tokens the base uses, each member read as written: a vocabulary synonym
            # gives another sense ("trash" as "good" in a base of reviews), not this group's
            targets = {
                k[0]
                for _, k in keys
                if k[0] in used and self.phrases.get(k, k[0]) == k[0] and k[0] not in self.kinds
            }
            if len(targets) != 1:
                continue
            (target,) = targets
            for member, key in keys:
                if key[0] in used or key[0] in self.kinds:
                    continue
                if key not in self.phrases:
                    self.phrases[key] = self._filled[key] = target
                if self._filled.get(key) == target:  # (or another member of its stem did)
                    read_as[member] = target
        if self._filled or undone:
            self._index_phrases()
        return read_as

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
        # (a cheap test first, in one pass over all the examples: most hold no particle
        # that may be a verb's)
        lowered = [question.lower() for _, question in owners]
        holding = sorted(holding_particles(lowered))
        # (their clauses' words read in bulk: see bot._fastpath.clause_words)
        read = _fastpath.clause_words([owners[i][1] for i in holding])
        for i, clause_words in zip(holding, read, strict=True):
            entry_id = owners[i][0]
            hyphened = set(_HYPHENED.findall(lowered[i]))
            for found in clause_words:
                for at, (word, particle) in enumerate(pairwise(found)):
                    if particle not in _PARTICLES:
                        continue
                    head = stem(word)
                    if head in self.kinds or not head.isalpha():
                        continue
                    # a verb's particle ends the clause or comes before a function
                    # word ("when do i check out", "check in to my room") or is
                    # hyphened ("check-in time"); a preposition governs a noun phrase
                    # ("songs on spotify", "tickets on the day")
                    after = found[at + 2 : at + 3]
                    if (
                        after
                        and (after[0] in DETERMINERS or stem(after[0]) not in self.kinds)
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
            target = self.phrases.get((head,), head)
            if not target or target in self.kinds:
                continue
            for particle in sorted(contrasted):
                key = (head, particle)
                if key in self.phrases:
                    continue  # a phrase of the vocabulary's own
                pair = f"{target}{PARTICLE_JOIN}{particle}"
                self.phrases[key] = target
                self.also[key] = (pair,)
                self._pair_heads[pair] = (target, spelled[head])
                added = True
        if added:
            self._index_phrases()

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
        for key, target in self.phrases.items():
            one_word = len(key) == 1 and target and key[0] != target
            if one_word and self.phrases.get((target,)) == target:
                variants.setdefault(target, []).append(key[0])
        for key, target in list(self.phrases.items()):
            if len(key) < 2 or variants.keys().isdisjoint(key):
                continue
            for spelled in product(*([w, *variants.get(w, ())] for w in key)):
                self.phrases.setdefault(spelled, target)

    def is_content(self, token: str) -> bool:
        """Whether a canonical token says what is asked: no stopword, question word or topic
        marker."""
        return token not in self.kinds

    # -- canonical tokens -----------------------------------------------------------------

    def canonical(self, stems: list[str]) -> list[str]:
        """Replace synonym phrases (longest first) by their canonical token."""
        sizes = self.phrase_sizes
        if sizes.keys().isdisjoint(stems):
            return stems  # most text: no word starts a phrase
        if self.openings.isdisjoint(pairwise(stems)):  # no phrase of several words
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
                target = self.phrases.get(key)
                if target is not None:
                    also = self.also.get(key)
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
        found = self.weight_memo.get(key)
        if found is None:
            found = self._weight(token, surface)
            # bounded like the corrections: fans' junk must not grow it without limit
            if len(surface) <= MAX_REMEMBERED_LEN:
                remember(self.weight_memo, key, found)
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
