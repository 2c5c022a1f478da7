"""Turn text into weighted canonical tokens using the knowledge base's vocabulary (pure).

The same :class:`Lexicon` analyses the knowledge base's example questions at load time and
fans' messages at question time, so both sides are normalised identically:

1. :func:`bot.text.clean` and :func:`bot.text.words` (markup, Unicode, contractions);
2. spelling correction of words that are neither known to the knowledge base nor common
   English (``magie`` -> ``maggie``, but ``cost`` never becomes ``cast``), with rapidfuzz;
3. season folding (``szn two`` -> ``season_2``) and stemming;
4. the YAML synonyms, longest phrase first (``amazon prime video`` -> ``prime_video``);
5. stopwords and chat filler dropped; every remaining token gets a weight saying how much
   it tells about the question (rare words say more than common ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice, pairwise, product
from typing import NamedTuple, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot.knowledge import KnowledgeBase, Vocabulary
from bot.text import (
    CONTRACTIONS,
    FOLD_STARTS,
    NUMBER_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    clause_words,
    clean,
    fold_seasons,
    is_clause_break,
    is_number,
    may_start_season,
    split_clauses,
    stem,
    word_streams,
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
MAX_REMEMBERED = 100_000  # words of the base's own text remembered while indexing, at most
MAX_REMEMBERED_LEN = 40  # no memo keeps a word longer than this
# Spelling corrections and word weights of fans' words remembered, at most; when a memo is
# full its older half is forgotten (see remember). Chat follows Zipf's law, so the common words
# come straight back; the rare ones are what made these memos grow all the time (~7 MB after
# 60,000 varied questions, towards ~25 MB at the earlier bound of 100,000 each). At 8,192 the
# matcher spends ~5 % more time on such a stream.
MAX_REMEMBERED_WORDS = 8_192
MAX_TOKENS = 400  # a message is cut after this many words: enough for any real question

OTHER_SHOW_PREFIX = "~"  # canonical tokens of other shows start with this
TOPIC_TOKEN = "<topic>"  # what the show's own names become
QUESTION_STARTERS = QUESTION_WORDS | frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "has",
        "have",
        "any",
    ]
)
_JOINERS = frozenset({"and", "also", "plus"})
# Words that open a clause without changing whether it is a question ("and does it...").
_LEADERS = frozenset(
    {
        "and",
        "also",
        "plus",
        "but",
        "so",
        "or",
        "ok",
        "okay",
        "well",
        "then",
        "oh",
        "like",
        "anyway",
        "btw",
        "hey",
        "yo",
    }
)


# Kinds of canonical tokens that are not content words (Lexicon._kinds).
_QUESTION, _TOPIC, _IGNORED = "question word", "topic", "ignored"


class Token(NamedTuple):
    """A canonical token of an analysed text, with its weight and clause. (A named tuple:
    a long message makes hundreds of them, and tuples are the cheapest to make.)"""

    text: str
    weight: float
    clause: int
    common: bool = False  # written as an everyday English word (not a name, typo or concept)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one message."""

    tokens: tuple[Token, ...]  # content tokens (no stopwords, filler, topic or question words)
    clause_question_words: tuple[frozenset[str], ...]  # "who", "when"... of each clause
    on_topic: bool  # the message names the show ("ballard", "the show", ...)
    clause_count: int
    question_clauses: frozenset[int]  # clauses that look like questions

    def clause_tokens(self, clause: int) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.clause == clause)

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


def canonical_name(phrase_tokens: Iterable[str]) -> str:
    """The token a multi-word canonical term becomes: "season 2" -> "season_2"."""
    return "_".join(phrase_tokens)


# "how many" asks for a number: a question word of its own, as weak as the others ("how
# many?" alone is no viewership question), not "how" followed by a stopword.
COUNT_QUESTION = (stem("how"), stem("many"))
COUNT_TOKEN = canonical_name(COUNT_QUESTION)


class Lexicon:
    """The compiled vocabulary: synonyms, corrections, stopwords and weights."""

    def __init__(self, vocabulary: Vocabulary, common_words: dict[str, float]) -> None:
        self._common = common_words
        self._phrases: dict[tuple[str, ...], str] = {}
        self._other_shows: set[str] = set()
        self._canonical_surface: dict[str, str] = {}  # one-word canonical token -> its word
        surface: set[str] = set(STOPWORDS) | set(QUESTION_WORDS) | set(CONTRACTIONS)

        def surface_words(text: str) -> list[str]:
            found = words(clean(text))
            surface.update(w for w in found if w.isalpha())
            return [stem(t) for t in fold_seasons(found)]

        for show in vocabulary.other_shows:
            key = tuple(surface_words(show))
            target = OTHER_SHOW_PREFIX + canonical_name(key)
            self._phrases[key] = target
            self._other_shows.add(target)
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
        for phrase in vocabulary.filler:
            key = tuple(surface_words(phrase))
            if len(key) == 1:
                self._ignore.add(key[0])
            else:
                self._phrases[key] = ""
        # Topic phrases ("the show", "the maggie q show") all become one marker token; a
        # synonym's canonical term listed as a topic word ("ballard") is a marker too.
        self._topic = {TOPIC_TOKEN}
        for phrase in vocabulary.topic_words:
            key = tuple(surface_words(phrase))
            target = self._phrases.get(key)
            if target:
                self._topic.add(target)
            else:
                self._phrases[key] = TOPIC_TOKEN
        self._question_words = {stem(w) for w in QUESTION_WORDS}
        if self._phrases.setdefault(COUNT_QUESTION, COUNT_TOKEN) == COUNT_TOKEN:  # not taken
            self._question_words.add(COUNT_TOKEN)
        # What a canonical token that is not content is, in one look-up.
        self._kinds: dict[str, str] = dict.fromkeys(self._ignore, _IGNORED)
        self._kinds.update(dict.fromkeys(self._topic, _TOPIC))
        self._kinds.update(dict.fromkeys(self._question_words, _QUESTION))
        self._add_word_variants()
        self._surface = surface  # grows as the knowledge base's own text is analysed
        self._weights: dict[tuple[str, str], float] = {}
        # Phrase sizes by first word, longest first: most words start no phrase at all.
        sizes: dict[str, set[int]] = {}
        for key in self._phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self._phrase_sizes = {first: sorted(n, reverse=True) for first, n in sizes.items()}
        # For analyse_own: what each word of the base's own text becomes on its own.
        self._multi_starts = frozenset(k[0] for k in self._phrases if len(k) > 1)
        self._phrase_openings = frozenset(k[:2] for k in self._phrases if len(k) > 1)
        self._own_words: dict[str, tuple[str, str | None, float]] = {}

        # For analyse_own_many: the words analyse_own may drop (a leader such as "so" at the
        # start of a part, the "and" before a joined question) whose dropping could change
        # the result. Nearly all are stopwords that become nothing and start no season; a
        # text holding one of the others is analysed alone.
        def dropping_matters(word: str) -> bool:
            kind = self._kinds.get(self._phrases.get((stem(word),), stem(word)))
            return kind in (None, _QUESTION) or may_start_season(word) or word in NUMBER_WORDS

        self._drop_matters = frozenset(filter(dropping_matters, _LEADERS | _JOINERS))
        # ...and, when phrases are replaced (own_token_texts_many), the dropped words that a
        # phrase of several words could reach: a leader (dropped at a clause's start) that
        # begins one ("or" if "or nah" is a phrase), a joiner (dropped before a question
        # starter) that ends one or comes before a question starter in one.
        starters = {stem(w) for w in QUESTION_STARTERS}
        begin, end, before_starter = set(), set(), set()
        for key in self._phrases:
            if len(key) > 1:
                begin.add(key[0])
                end.add(key[-1])
                before_starter.update(a for a, b in pairwise(key) if b in starters)
        self._drop_matters_in_phrases = self._drop_matters | {
            w
            for w in _LEADERS | _JOINERS
            if (w in _LEADERS and stem(w) in begin)
            or (w in _JOINERS and (stem(w) in end or stem(w) in before_starter))
        }
        self._by_len: dict[int, list[str]] | None = None  # built at the first correction
        self._corrections: dict[str, str] = {}

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

    def prepare_corrections(self) -> None:
        """Build the spelling-correction index now (once the knowledge base is analysed), so
        that the first message does not pay for it. The per-word memo of the base's own
        text is dropped: it only speeds up indexing."""
        self._own_words.clear()
        self._correction_pools()

    def _correction_pools(self) -> dict[int, list[str]]:
        """Correction candidates bucketed by length: a typo is within 2 letters of its word."""
        if self._by_len is None:
            self._by_len = {}
            for w in sorted(self._surface):
                if len(w) >= MIN_CORRECTABLE_LEN and w.isalpha():
                    self._by_len.setdefault(len(w), []).append(w)
        return self._by_len

    # -- spelling -------------------------------------------------------------------------

    def correct(self, word: str) -> str:
        """The knowledge-base word a misspelled ``word`` stands for, or ``word`` itself."""
        zipf = self._common.get(word)
        if zipf is not None and word.endswith("in"):  # chat's dropped g: "goin", "doin"
            full = self._common.get(word + "g", 0.0)
            return word + "g" if full > zipf + 1 else word
        if (
            len(word) < MIN_CORRECTABLE_LEN
            or word in self._surface
            or word in self._common
            or not (word.isalpha() and word.isascii())  # the base's words are cleaned ASCII
        ):
            self._remember(word, word)  # so that analyse finds it at once next time
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        hits = self.near(word, 1 if len(word) <= 5 else 2)
        best = word
        if hits:
            # Fewest edits first; then fewest insertions/deletions (dropped letters are the
            # commonest typo), then a kept first letter, then the more common word.
            best = min(
                hits,
                key=lambda c: (
                    OSA.distance(word, c),
                    Indel.distance(word, c),
                    c[0] != word[0],
                    -self._common.get(c, 0.0),
                    c,
                ),
            )
        elif word.endswith("in") and self._common.get(word + "g", 0.0):
            best = word + "g"  # a dropped g: "watchin", "comin"
        self._remember(word, best)
        return best

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
                target = self._phrases.get(tuple(stems[i : i + size]))
                if target is not None:
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
        if token in self._other_shows:
            return OTHER_SHOW_WEIGHT
        if token in self._concepts or token.startswith("season_"):
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

    def is_other_show(self, token: str) -> bool:
        return token in self._other_shows

    def phrase(self, text: str) -> list[str]:
        """Canonical content tokens of a vocabulary phrase or keyword (no correction)."""
        stems = [stem(t) for t in fold_seasons(words(clean(text)))]
        return [t for t in self.canonical(stems) if t not in self._ignore]

    # -- analysis ---------------------------------------------------------------------------

    def _own_word(self, word: str) -> tuple[str, str | None, float]:
        """(stem, token, weight) of a word of the base's own text (seasons already folded),
        as it would be on its own: the token is None for ignored words and a question word
        has weight 0."""
        s = stem(word)
        tok = self._phrases.get((s,), s)  # a one-word synonym: "actress" -> "cast"
        kind = self._kinds.get(tok)
        if kind is None:
            # A renamed token is a canonical term, weighed by its own spelling whatever the
            # word it came from (see _weight).
            info = (s, tok, self.weight(tok, word if tok == s else tok))
        else:
            info = (s, tok if kind is _QUESTION else None, 0.0)
        if len(self._own_words) < MAX_REMEMBERED:
            self._own_words[word] = info
        return info

    def _independent(self, part: list[str], stems: list[str]) -> bool:
        """Whether the words of a part become tokens one by one: no phrase of several words
        is in it, and no two different words share a stem."""
        if len(set(stems)) != len(set(part)):
            return False
        if self._phrase_openings.isdisjoint(pairwise(stems)):
            return True
        multi = self._multi_starts
        n = len(stems)
        phrases = self._phrases
        for i, s in enumerate(stems):
            if s in multi:
                for size in self._phrase_sizes[s]:
                    if 1 < size <= n - i and tuple(stems[i : i + size]) in phrases:
                        return False
        return True

    def analyse_own(self, text: str) -> tuple[list[tuple[str, float]], set[str]]:
        """The content tokens (with weights) and question words of the knowledge base's own
        text: what ``analyse(text, correct=False)`` finds, without the clause bookkeeping
        that only fans' messages need. Its words become spelling-correction targets.

        This runs on every example question, keyword and answer when a base is indexed
        (about 100,000 texts at 10,000 facts), so it is written for speed.
        """
        tokens: list[tuple[str, float]] = []
        question_words: set[str] = set()
        surface = self._surface
        known = len(surface)
        kinds = self._kinds
        budget = MAX_TOKENS
        memo_get = self._own_words.get
        own_word = self._own_word
        for found in clause_words(text):
            raw = found[:budget]
            budget -= len(raw)
            surface.update(filter(str.isalpha, raw))
            for part in _split_on_joiners(raw):
                while part and part[0] in _LEADERS:
                    part = part[1:]
                if not part:
                    continue
                folded = fold_seasons(part)
                infos = [memo_get(w) or own_word(w) for w in folded]
                stems = [i[0] for i in infos]
                # Word by word is exact unless a phrase of several words is in the part or
                # two different words share a stem (the weight reads the last one's spelling).
                if self._independent(folded, stems):
                    for _, tok, w in infos:
                        if w:
                            tokens.append((tok, w))  # type: ignore[arg-type]
                        elif tok:
                            question_words.add(tok)
                    continue
                surface_of = dict(zip(stems, folded, strict=True))
                for tok in self.canonical(stems):
                    kind = kinds.get(tok)
                    if kind is None:
                        tokens.append((tok, self.weight(tok, surface_of.get(tok, tok))))
                    elif kind is _QUESTION:
                        question_words.add(tok)
            if budget <= 0:
                break
        if len(surface) != known:
            self._by_len = None
            self._corrections.clear()
        return tokens, question_words

    # -- the knowledge base's own text in bulk ----------------------------------------------
    #
    # Indexing a base analyses every example question and answer, and most of analyse_own's
    # time goes on its work per clause and per part. The two methods below read each text as
    # one flat stream of words and clause breaks (bot.text.word_streams), look each distinct
    # word up once (_StreamWords), and settle most texts with a few whole-text checks, each
    # one pass in C over the stream. Why the stream stands for the text's parts:
    #
    # * the words analyse_own drops (leaders such as "so" at the start of a part, the "and"
    #   before a joined question) become nothing and start no season; a text holding one
    #   that could matter (self._drop_matters...) is left to analyse_own;
    # * season folding and synonym phrases never reach across a clause break (the breaks
    #   are tokens of the stream that are in no phrase and no season), nor across a dropped
    #   word, so folding or replacing phrases in the whole stream does it part by part;
    # * the word-by-word analysis is exact for a part with no phrase of several words and
    #   no two words sharing a stem (see _independent); a text without either has no part
    #   with either.
    #
    # Tests hold both methods equal to analyse_own on texts made to hit every case.

    def analyse_own_many(
        self, texts: Sequence[str]
    ) -> Iterator[tuple[list[tuple[str, float]], set[str]]]:
        """``self.analyse_own(text)`` for each text in turn, several times faster on a base's
        example questions (see the comment above). Texts with a phrase of several words or
        two words sharing a stem are left to analyse_own."""
        found = _StreamWords(self)
        pair_of, asked_of, stem_of = found.pair.get, found.asked.get, found.stem.__getitem__
        shared, openings = found.shared_stem, found.openings
        for chunk, streams in self._streams(texts, self._drop_matters, found):
            for text, stream in zip(chunk, streams, strict=True):
                if (
                    stream is not None
                    and (
                        openings.isdisjoint(pairwise(stream)) or not self._has_phrase(stream, found)
                    )
                    and (
                        len(sharing := shared.intersection(stream)) < 2
                        or len(set(map(stem_of, sharing))) == len(sharing)
                    )
                ):
                    tokens = list(filter(None, map(pair_of, stream)))
                    yield tokens, set(filter(None, map(asked_of, stream)))
                else:
                    yield self.analyse_own(text)

    def _has_phrase(self, stream: list[str], found: _StreamWords) -> bool:
        """Whether a phrase of several words is anywhere in a stream (as _independent looks)."""
        stem_of = found.stem.__getitem__
        n = len(stream)
        for i in compress(count(), map(found.openings.__contains__, pairwise(stream))):
            for size in self._phrase_sizes[stem_of(stream[i])]:
                if 1 < size <= n - i and tuple(map(stem_of, stream[i : i + size])) in self._phrases:
                    return True
        return False

    def own_token_texts_many(self, texts: Sequence[str]) -> Iterator[list[str]]:
        """``[tok for tok, _ in self.analyse_own(text)[0]]`` for each text in turn: the
        content tokens without their weights (all an answer gives the index), faster. Without
        the weights, neither phrases nor shared stems need analyse_own: the canonical tokens
        of the stream are those of the text's parts (see the comment above)."""
        found = _StreamWords(self)
        token_of, may_begin = found.token.get, found.openings.__contains__
        for chunk, streams in self._streams(texts, self._drop_matters_in_phrases, found):
            for text, stream in zip(chunk, streams, strict=True):
                if stream is None:
                    yield [tok for tok, _ in self.analyse_own(text)[0]]
                    continue
                # Where a phrase of several words may begin (most answers have a few)
                starts = list(compress(count(), map(may_begin, pairwise(stream))))
                if not starts:
                    yield list(filter(None, map(token_of, stream)))
                else:
                    yield self._stream_phrases(stream, starts, found)

    def _stream_phrases(
        self, stream: list[str], starts: list[int], found: _StreamWords
    ) -> list[str]:
        """The content tokens of a word stream with phrases of several words in it:
        ``canonical()`` of its stems, kept if they are content, but looking for phrases only
        at ``starts`` (elsewhere a word becomes its own token, as in canonical)."""
        token_of, stem_of = found.token.get, found.stem.__getitem__
        phrases, kinds = self._phrases, self._kinds
        out: list[str] = []
        done = 0  # the stream is read up to here
        n = len(stream)
        for i in starts:
            if i < done:
                continue  # inside the phrase just found
            for size in self._phrase_sizes[stem_of(stream[i])]:  # longest first, as canonical
                if size < 2:
                    break
                if size > n - i:
                    continue
                target = phrases.get(tuple(map(stem_of, stream[i : i + size])))
                if target is not None:
                    out.extend(filter(None, map(token_of, stream[done:i])))
                    if target and target not in kinds:
                        out.append(target)
                    done = i + size
                    break
        out.extend(filter(None, map(token_of, stream[done:])))
        return out

    def _streams(
        self, texts: Sequence[str], sticky: frozenset[str], found: _StreamWords
    ) -> Iterator[tuple[Sequence[str], list[list[str] | None]]]:
        """The texts a chunk at a time (so that a large base's streams are never all in
        memory at once), each chunk with the folded word stream of each text, or None if
        analyse_own must read it (not plain ASCII, near the word budget, or holding a
        ``sticky`` word); ``found`` learns the streams' words first. The words become
        spelling-correction targets, as in analyse_own."""
        for at in range(0, len(texts), _CHUNK):
            chunk = texts[at : at + _CHUNK]
            streams = [
                s if s is not None and len(s) <= MAX_TOKENS and sticky.isdisjoint(s) else None
                for s in word_streams(chunk)
            ]
            tokens = set().union(*filter(None, streams))
            known = len(self._surface)
            self._surface.update(filter(str.isalpha, tokens))
            if len(self._surface) != known:
                self._by_len = None
                self._corrections.clear()
            # The stream's words are letters only or start with a digit ("s2" is "s", "2"), so
            # only the words in FOLD_STARTS may begin a season, and fold_seasons changes
            # nothing before the first of them nor after the word following the last.
            may_fold = FOLD_STARTS.__contains__
            for i, stream in enumerate(streams):
                if stream is not None and not FOLD_STARTS.isdisjoint(stream):
                    where = list(compress(count(), map(may_fold, stream)))
                    first, end = where[0], where[-1] + 2
                    folded = fold_seasons(stream[first:end])
                    tokens.update(folded)
                    streams[i] = stream[:first] + folded + stream[end:]
            found.learn(tokens)
            yield chunk, streams

    def analyse(self, text: str, *, correct: bool = True) -> Analysis:
        """Canonical weighted tokens of a message, split into clauses.

        ``correct=False`` reads text as the knowledge base's own, without spelling correction;
        the matcher indexes the base with :meth:`analyse_own`, which gives the same tokens
        faster (tests hold the two together).
        """
        tokens: list[Token] = []
        clause_question_words: list[frozenset[str]] = []
        on_topic = False
        question_clauses: set[int] = set()
        marked_only: set[int] = set()
        clause = 0
        budget = MAX_TOKENS
        corrected = self._corrections.get
        kinds, weights, common = self._kinds, self._weights, self._common
        for piece, asked in split_clauses(clean(text)):
            raw = words(piece)[:budget]
            budget -= len(raw)
            for part in _split_on_joiners(raw):
                while part and part[0] in _LEADERS:
                    part = part[1:]
                if not part:
                    continue
                starts = part[0] in QUESTION_STARTERS and part[1:2] != ["not"]  # "dont want..."
                if starts or not QUESTION_WORDS.isdisjoint(part):
                    question_clauses.add(clause)
                elif asked:  # "that ending??" is a question only if nothing else is
                    marked_only.add(clause)
                fixed = [corrected(w) or self.correct(w) for w in part] if correct else part
                folded = fold_seasons(fixed)
                stems = list(map(stem, folded))
                # Remember one surface word per stem so weights can use word frequency.
                surface_of = dict(zip(stems, folded, strict=True))
                question_words: set[str] = set()
                for tok in self.canonical(stems):
                    kind = kinds.get(tok)
                    if kind is None:
                        surface = surface_of.get(tok, tok)
                        w = weights.get((tok, surface)) or self.weight(tok, surface)
                        tokens.append(Token(tok, w, clause, surface in common))
                    elif kind is _QUESTION:
                        question_words.add(tok)
                    elif kind is _TOPIC:
                        on_topic = True
                clause_question_words.append(frozenset(question_words))
                clause += 1
            if budget <= 0:
                break
        return Analysis(
            tokens=tuple(tokens),
            clause_question_words=tuple(clause_question_words),
            on_topic=on_topic,
            clause_count=clause,
            question_clauses=frozenset(question_clauses or marked_only),
        )


class _StreamWords:
    """What each word of some word streams is on its own (Lexicon._own_word), in the forms
    analyse_own_many and own_token_texts_many look up, learned a chunk of streams at a time.
    A clause break is its own stem and becomes nothing."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.stem: dict[str, str] = {}
        self.pair: dict[str, tuple[str, float]] = {}  # content word -> (token, weight)
        self.token: dict[str, str] = {}  # content word -> token
        self.asked: dict[str, str] = {}  # question word -> token
        self.shared_stem: set[str] = set()  # words sharing their stem with another word
        self.openings: set[tuple[str, str]] = set()  # word pairs that may begin a phrase
        self._lexicon = lexicon
        self._by_stem: dict[str, list[str]] = {}
        self._seconds: dict[str, list[str]] = {}  # a phrase's first stem -> its second ones
        self._firsts: dict[str, list[str]] = {}  # and the other way round
        for first, second in lexicon._phrase_openings:
            self._seconds.setdefault(first, []).append(second)
            self._firsts.setdefault(second, []).append(first)

    def learn(self, words: Iterable[str]) -> None:
        """Learn the words not known yet (the words of a chunk of streams, maybe with some
        that folding took away)."""
        memo_get, own_word = self._lexicon._own_words.get, self._lexicon._own_word
        by_stem = self._by_stem
        for word in set(words).difference(self.stem):
            if is_clause_break(word):
                s, tok, w = word, None, 0.0
            else:
                s, tok, w = memo_get(word) or own_word(word)
            self.stem[word] = s
            if w:
                self.pair[word] = (tok, w)  # type: ignore[assignment]
                self.token[word] = tok  # type: ignore[assignment]
            elif tok:
                self.asked[word] = tok
            same = by_stem.setdefault(s, [])
            same.append(word)
            if len(same) > 1:
                self.shared_stem.update(same)
            for second in self._seconds.get(s, ()):
                self.openings.update((word, b) for b in by_stem.get(second, ()))
            for first in self._firsts.get(s, ()):
                self.openings.update((a, word) for a in by_stem.get(first, ()))


# Texts analysed in bulk a chunk at a time: enough for speed, few enough for memory.
_CHUNK = 1_000


def _split_on_joiners(tokens: list[str]) -> list[list[str]]:
    """Split "who plays her and where can i watch it" before a joined second question."""
    if _JOINERS.isdisjoint(tokens):
        return [tokens]
    parts: list[list[str]] = [[]]
    for i, tok in enumerate(tokens):
        if i > 0 and tokens[i - 1] in _JOINERS and tok in QUESTION_STARTERS and len(parts[-1]) > 2:
            parts[-1].pop()  # drop the joiner
            parts.append([])
        parts[-1].append(tok)
    return parts


def lexicon_for(kb: KnowledgeBase, common_words: dict[str, float]) -> Lexicon:
    """The lexicon of a knowledge base's vocabulary. The words its entries use are learned
    as the matcher analyses them (:meth:`Lexicon.analyse_own`), before any message."""
    return Lexicon(kb.vocabulary, common_words)
