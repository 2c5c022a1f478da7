"""The knowledge base's own text analysed in bulk: the fast path of loading and indexing (pure).

Indexing a base analyses every example question, keyword and answer (about 83,000 texts at
10,000 facts). The reference analysis, ``Lexicon.analyse(text, correct=False, learn=True)``,
does that text by text, with the clause and part bookkeeping fans' messages need;
:func:`analyse_many` and :func:`token_texts_many` give exactly its content tokens, weights,
question words and learned correction targets, several times faster, and hand every text
they cannot settle to it. The loader's checks of example questions (that each has words,
which are the same question) read their words with :func:`has_words`,
:func:`all_have_words` and :func:`words_many`, exactly as ``bot.text.words(clean(text))``;
the duplicate-question check reads them from the questions' word streams
(:class:`QuestionStreams`), which the index then takes rather than reading them again.
tests/test_fastpath.py holds them all equal to the reference on texts made to hit every case.

How: each text becomes one flat stream of words and clause breaks (:func:`word_streams`),
each distinct word is looked up once (:class:`StreamWords`), and most texts are settled
with a few whole-text checks, each one pass in C over the stream. Why the stream stands for
the text's parts:

* the words the reference drops (leaders such as "so" at the start of a part, the "and"
  before a joined question) become nothing and start no numbered term; a text holding one
  that could matter (see :class:`_Dropped`) goes to the reference;
* numbered terms ("season 2") and synonym phrases never reach across a clause break (the
  breaks are tokens of the stream that are in no phrase and no term), nor across a dropped
  word, so folding or replacing phrases in the whole stream does it part by part;
* word by word is exact for a part with no phrase of several words and no two words sharing
  a stem (the weight reads the last one's spelling); a text without either has no part with
  either;
* a phrase of several words is its canonical token, weighed as the reference weighs it by
  the spelling of its part's word of that stem, if any: where a word of the stream has that
  stem and its spelling would change the weight, the part is not known and the reference
  reads the text (see _phrase_analysis).

The ranking rounds a few dozen values a judgement; :func:`rounded` is exactly ``round(x,
places)`` at about 60 % of its cost (held equal by tests/test_fastpath.py too); and it reads
how close a message is to each candidate's examples: :func:`nearest_closeness` is exactly
``bot.ranking.nearest_closeness``, a message of one or two tokens looked for in each example
(as each question of a message of several is read on its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, count, groupby, pairwise, repeat
from operator import and_, not_
from typing import TYPE_CHECKING

from bot.cleaning import (
    _ASCII_JUNK,
    _MARK_BREAK,
    COLON_QUESTION,
    MAX_CHARS,
    _list_marks,
    clean,
    drop_apostrophes,
    has_emoticon,
    may_hold_capitals,
    may_hold_list_marks,
    may_hold_marks,
)
from bot.text import clauses, stem, words
from bot.word_classes import AMBIGUOUS_SPELLINGS, CONTRACTIONS

if TYPE_CHECKING:
    from bot.lexicon import Lexicon
    from bot.vocabulary_tables import VocabularyTables

# Texts analysed a chunk at a time: enough for speed, few enough for memory.
_CHUNK = 1_000

# The stream of plain ASCII text, read as is (clean() would only lowercase it, drop its
# apostrophes and blank every other symbol): a word, or a clause break. A comma followed by a
# character clean() would blank is a break; a "." between two digits is none ("1.55": two
# numbers of one clause, as clauses() reads them). (The lookahead up front lets the scan
# skip blanks quickly.)
_RAW_WORD = r"\d++(?:st|nd|rd|th)?(?![a-z])|\d+|[a-z]+"
_RAW_CLAUSE_BREAK = r"(?:[?!;\n]|(?<!\d)\.|\.(?!\d))[.?!;\n]*|,(?=[^a-z0-9.?!;:,\n])"
_RAW_TOKENS = re.compile(rf"(?=[a-z0-9.?!;\n,])(?:[a-z]+|{_RAW_WORD}|{_RAW_CLAUSE_BREAK})")
# A comma before a word that may be a relative pronoun ("…, who is…", "…, whos…"): the
# reference reads the text (clauses() may join a relative clause to the clause before it).
_COMMA_WH = re.compile(r",[^a-z0-9]*wh")
_TEXT_SEPARATOR = "\0"
_LETTER_OR_DIGIT = re.compile(r"[a-zA-Z0-9]")
# A text without a letter or a digit, in texts joined by NUL with NUL at both ends
_WORDLESS_TEXT = re.compile(r"\0[^a-zA-Z0-9\0]*(?=\0)")


def is_plain_ascii(text: str) -> bool:
    """ASCII without Discord markup, links, "#" or a word of capitals.txt ("ID"), within
    MAX_CHARS: clean() then only lowercases it, drops apostrophes and blanks every other
    symbol, one character at a time."""
    return len(text) <= MAX_CHARS and _plain_characters(text) and "#" not in text


def _plain_characters(text: str) -> bool:
    return (
        text.isascii()
        and not ("<" in text or "@" in text or "http" in text or ")" in text)
        and not may_hold_capitals(text)
        and not has_emoticon(text)
    )


def is_clause_break(token: str) -> bool:
    """Whether a token of :func:`word_streams` is a clause break ("?", "...", ",", "\\n")."""
    return token[:1] in ".?!;\n,"


def word_streams(texts: Sequence[str], *, relatives: bool = False) -> list[list[str] | None]:
    """For each text, the words of each of its clauses (``bot.text.clauses(clean(text))``,
    contractions expanded) in one flat list, each clause break kept in its place as a token
    of its own ("?", ".", ","...): splitting the list at its breaks gives those clauses,
    maybe with some empty ones more. None for a text that is not plain ASCII (see
    is_plain_ascii), holds NUL, or holds a dash or another mark between words, or what may be
    a list's mark (each may end a clause: see bot.cleaning.clean and bot.text.clauses; rare
    in a knowledge base's text), or a relative pronoun after a comma (clauses() may join
    its clause to the one before: with ``relatives``, the stream splits them all the same).
    A colon, common in answers, ends a clause where clauses() ends one. Each text is scanned
    once, not once per clause."""
    return _word_streams(texts, relatives)[0]


def _word_streams(
    texts: Sequence[str], relatives: bool
) -> tuple[list[list[str] | None], list[bool]]:
    """word_streams, and whether the stream of each text is ``bot.text.words(clean(text))``
    too: a text of only letters and spaces once lowercased without its apostrophes (its
    words, contractions written out as words() writes them; no clause break, no number).
    A text without a stream has False."""
    out: list[list[str] | None] = [None] * len(texts)
    bare = [False] * len(texts)
    for i, text in zip(*_lowered(texts), strict=True):
        if alpha := text.replace(" ", "").isalpha():
            # only letters and spaces (as most questions): no mark, comma or colon, and the
            # words are what is between spaces
            found = text.split()
        else:
            if (may_hold_marks(text) and _MARK_BREAK.search(text)) or (
                may_hold_list_marks(text) and _list_marks(text) != text
            ):
                continue  # the reference reads it (clean() writes such a mark as ":" or ";")
            if not relatives and "," in text and _COMMA_WH.search(text):
                continue  # the reference reads it (a relative clause after the comma, maybe)
            if ":" in text:
                # a colon ends a clause before a question starter, as clauses() reads the
                # text clean() makes, which is this one with its other symbols blanked
                text = COLON_QUESTION.sub("\n", _ASCII_JUNK.sub(" ", text))
            # (of a text the colon's break left only letters and spaces too, these are the
            # words between spaces)
            found = _RAW_TOKENS.findall(text)
        if not CONTRACTIONS.keys().isdisjoint(found):
            if not AMBIGUOUS_SPELLINGS.keys().isdisjoint(found):
                continue  # the reference reads it ("id" is a word or "I'd" by the next one)
            found = [w for tok in found for w in CONTRACTIONS.get(tok, (tok,))]
        out[i] = found
        bare[i] = alpha
    return out, bare


def clause_words(texts: Sequence[str]) -> Iterator[list[list[str]]]:
    """For each text in turn, the words of each of its clauses that has some: ``[found for
    found, *_ in bot.text.clauses(clean(text))]``, cut from its word stream at its breaks
    (see word_streams); a text without a stream is read by the reference."""
    for text, stream in zip(texts, word_streams(texts), strict=True):
        if stream is None:
            yield [found for found, *_ in clauses(clean(text))]
        else:
            yield [list(said) for brk, said in groupby(stream, is_clause_break) if not brk]


def _lowered(texts: Sequence[str]) -> tuple[list[int], list[str]]:
    """The positions of the plain texts (see is_plain_ascii; without NUL) and each of them
    lowercased without its apostrophes: as clean() makes it but for the other symbols,
    which it blanks. The texts are lowercased all at once, joined by NUL."""
    joined = _TEXT_SEPARATOR.join(texts)
    if (
        _plain_characters(joined)  # NUL splits "http", so one look covers every text
        and "#" not in joined
        and joined.count(_TEXT_SEPARATOR) == len(texts) - 1
        and max(map(len, texts), default=0) <= MAX_CHARS
    ):
        plain = list(range(len(texts)))  # the usual case: every text is plain
    else:
        plain = [i for i, t in enumerate(texts) if is_plain_ascii(t) and _TEXT_SEPARATOR not in t]
        joined = _TEXT_SEPARATOR.join(texts[i] for i in plain)
    if not plain:
        return [], []
    low = joined.lower()
    if "'" in low or "`" in low:  # the only apostrophes of ASCII text
        low = drop_apostrophes(low)
    return plain, low.split(_TEXT_SEPARATOR)


def has_words(text: str) -> bool:
    """Whether ``bot.text.words(clean(text))`` finds a word. In plain ASCII text (see
    is_plain_ascii) it does exactly when the text holds a letter or a digit: clean() keeps
    them, each run of them is a word, and no contraction stands for nothing."""
    if is_plain_ascii(text):
        return _LETTER_OR_DIGIT.search(text) is not None
    return bool(words(clean(text)))


def all_have_words(texts: Sequence[str]) -> bool:
    """Whether has_words holds for every text: for plain texts (see is_plain_ascii), whether
    each holds a letter or a digit, in one look at them all joined by NUL."""
    if not texts:
        return True
    joined = _TEXT_SEPARATOR + _TEXT_SEPARATOR.join(texts) + _TEXT_SEPARATOR
    if (
        _plain_characters(joined)
        and "#" not in joined
        and joined.count(_TEXT_SEPARATOR) == len(texts) + 1
        and max(map(len, texts)) <= MAX_CHARS
    ):
        return _WORDLESS_TEXT.search(joined) is None
    return all(map(has_words, texts))


def words_many(texts: Sequence[str]) -> Iterator[list[str]]:
    """For each text in turn, ``bot.text.words(clean(text))``, a chunk of texts at a time.
    The words of plain text (see is_plain_ascii) are those of the text lowercased without
    its apostrophes (_lowered): the symbols clean() would blank are no part of a word and
    never join two; other text is read by the reference."""
    for at in range(0, len(texts), _CHUNK):
        chunk = texts[at : at + _CHUNK]
        plain, lowered = _lowered(chunk)
        # The words of a text of only letters and spaces (as most questions) are what is
        # between spaces, if none is a contraction; words() reads the others. (Each test is
        # made of all the texts at once, in C: a loop text by text cost more than the tests.)
        split = list(map(str.split, lowered))
        letters = map(str.isalpha, map(str.replace, lowered, repeat(" "), repeat("")))
        uncontracted = map(CONTRACTIONS.keys().isdisjoint, split)
        for j in compress(count(), map(not_, map(and_, letters, uncontracted))):
            split[j] = words(lowered[j])
        if len(plain) == len(chunk):
            yield from split  # the usual case: every text is plain
            continue
        found: list[list[str] | None] = [None] * len(chunk)
        for i, said in zip(plain, split, strict=True):
            found[i] = said
        for text, known in zip(chunk, found, strict=True):
            yield words(clean(text)) if known is None else known


class QuestionStreams:
    """The word streams (:func:`word_streams`) of a base's example questions, read once as
    the base loads: the loader's duplicate-question check reads their words (:meth:`words`),
    and the index takes the streams (:meth:`take`) instead of reading the questions again.
    A memo only, of what each text alone decides: an index without one reads the questions
    itself and finds the same. Taken, it keeps nothing (a loaded and indexed base holds no
    streams); each chunk of them is let go once the index has read it. A word said in many
    questions is one string in all their streams (~9,000 strings at 10,000 facts, not
    ~500,000: ~30 MB less, kept until the index reads them)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts: list[str] | None = list(texts)
        self._chunks: list[list[list[str] | None]] = []
        self._bare: list[list[bool]] = []  # whether each stream is its text's words (words())
        first: dict[str, str] = {}  # each word's first string
        same = first.setdefault
        for at in range(0, len(texts), _CHUNK):
            streams, bare = _word_streams(texts[at : at + _CHUNK], False)
            self._chunks.append([None if s is None else list(map(same, s, s)) for s in streams])
            self._bare.append(bare)

    def words(self) -> Iterator[list[str]]:
        """For each text in turn, ``bot.text.words(clean(text))``, as words_many: the stream
        of a text of only letters and spaces (see _word_streams), which the index takes
        later (not to be changed); words_many reads the others. Not once taken."""
        texts = self._texts
        if texts is None:
            raise RuntimeError("the streams were taken")
        for at, streams, bare in zip(count(0, _CHUNK), self._chunks, self._bare, strict=False):
            # (bare: a text whose stream is its words; see _word_streams)
            chunk = texts[at : at + _CHUNK]
            others = words_many([t for t, b in zip(chunk, bare, strict=True) if not b])
            yield from [
                next(others) if s is None or not b else s
                for s, b in zip(streams, bare, strict=True)
            ]

    def take(self, texts: list[str]) -> Iterator[list[list[str] | None]] | None:
        """The streams of ``texts``, a chunk of _CHUNK texts at a time as _streams reads
        them (each chunk let go once the next is asked for), if they are those of this memo
        (the same texts in the same order); None if not, or if taken already. The memo keeps
        nothing afterwards either way."""
        mine, chunks = self._texts, self._chunks
        self._texts, self._chunks, self._bare = None, [], []
        if mine is None or mine != texts:
            return None
        return _popped(chunks)


def _popped(chunks: list[list[list[str] | None]]) -> Iterator[list[list[str] | None]]:
    """Each chunk in turn, the list holding it no longer holding it once it is given."""
    chunks.reverse()
    while chunks:
        yield chunks.pop()


def analyse_many(
    lexicon: Lexicon,
    texts: Sequence[str],
    found: StreamWords | None = None,
    known: Iterator[list[list[str] | None]] | None = None,
) -> Iterator[tuple[list[tuple[str, float]], set[str]]]:
    """For each text in turn, the content tokens with their weights and the question words
    of ``lexicon.analyse(text, correct=False, learn=True)``, and what it learns. Texts with
    two words sharing a stem go to the reference, and so do those with a phrase of several
    words that :func:`_phrase_analysis` cannot settle. ``found``: the words of the
    lexicon's other texts read so far (see StreamWords), if any; ``known``: the texts' word
    streams, if read already (QuestionStreams.take)."""
    from bot.vocabulary_tables import TENSE_TOKENS

    found = StreamWords(lexicon.vocabulary) if found is None else found
    pair_of, asked_of, stem_of = found.pair.get, found.asked.get, found.stem.__getitem__
    shared, openings = found.shared_stem, found.openings
    dropped = _Dropped(lexicon.vocabulary)
    # (a phrase may reach over a word the reference drops: see token_texts_many)
    reached = dropped.matters_in_phrases - dropped.matters
    for chunk, streams, flagged in _streams(
        lexicon, texts, dropped.matters, found, dropped, reached, known=known
    ):
        for text, stream, flag in zip(chunk, streams, flagged, strict=True):
            settled = None
            if stream is not None and (
                len(sharing := shared.intersection(stream)) < 2
                or len(set(map(stem_of, sharing))) == len(sharing)
            ):
                if openings.isdisjoint(pairwise(stream)) or not _has_phrase(stream, found):
                    # (a tense before a question word may be the reporting verb's, not its
                    # own)
                    if TENSE_TOKENS.isdisjoint(
                        asked := set(filter(None, map(asked_of, stream)))
                    ) or not _tense_before_question(stream, found):
                        settled = list(filter(None, map(pair_of, stream))), asked
                elif not flag:
                    settled = _phrase_analysis(stream, found)
            if settled is not None:
                yield settled
            else:
                analysis = lexicon.analyse(text, correct=False, learn=True)
                tokens = [(t.text, t.weight) for t in analysis.tokens]
                yield tokens, set(analysis.question_words)


def _phrase_analysis(
    stream: list[str], found: StreamWords
) -> tuple[list[tuple[str, float]], set[str]] | None:
    """The content tokens with their weights and the question words of a word stream with
    phrases of several words in it, as the reference reads them: each phrase is its
    canonical token (and a particle's pair token), weighed by its own spelling, and its
    words are no tokens or question words of their own. None where the reference must
    decide: a phrase's token that is also the stem of a word of the stream (the reference
    weighs it by that word's spelling, unless that changes nothing), or a tense said before
    a question word (see bot.lexicon._reported_tenses)."""
    pair_of, asked_of, stem_of = found.pair.get, found.asked.get, found.stem.__getitem__
    vocabulary = found.vocabulary
    kinds, weight = vocabulary.kinds, vocabulary.weight
    stems = list(map(stem_of, stream))
    spelled = dict(zip(stems, stream, strict=True))  # (one word a stem: see analyse_many)
    tokens: list[tuple[str, float]] = []
    asked: set[str] = set()

    def single(at: int, end: int) -> None:  # the words from ``at`` to ``end``, one by one
        for word in stream[at:end]:
            pair = pair_of(word)
            if pair is not None:
                tokens.append(pair)
            elif (question := asked_of(word)) is not None:
                asked.add(question)

    done = 0  # the stream is read up to here
    for at, done_next, key, target in _phrases(stream, found):
        single(done, at)
        for tok in (*vocabulary.also.get(key, ()), target):
            kind = kinds.get(tok)
            if kind is found.question_kind:
                asked.add(tok)
            elif kind is None and tok:
                w = weight(tok, tok)
                if tok in spelled and weight(tok, spelled[tok]) != w:
                    return None  # its part may weigh it by that word's spelling
                tokens.append((tok, w))
        done = done_next
    single(done, len(stream))
    if not found.tense_tokens.isdisjoint(asked):
        # a tense said before a question word may be the reporting verb's: the reference
        # decides (bot.lexicon._reported_tenses); one said after the last is the question's
        questions = found.question_stems
        last = max((i for i, s in enumerate(stems) if s in questions), default=-1)
        if last > 0 and not found.tense_openers.isdisjoint(stems[:last]):
            return None
    return tokens, asked


def _phrases(
    stream: list[str], found: StreamWords, starts: Iterable[int] | None = None
) -> Iterator[tuple[int, int, tuple[str, ...], str]]:
    """Each phrase of several words in a word stream, in order, as
    ``VocabularyTables.canonical()`` finds them (longest first where one may begin, the
    next looked for after it): where it begins and ends, its stems and its token. Phrases
    are looked for only at ``starts`` (default: wherever the stream's word pairs may begin
    one); elsewhere a word is its own."""
    stem_of = found.stem.__getitem__
    vocabulary = found.vocabulary
    phrases, sizes = vocabulary.phrases, vocabulary.phrase_sizes
    if starts is None:
        starts = compress(count(), map(found.openings.__contains__, pairwise(stream)))
    done = 0  # the stream is read up to here
    n = len(stream)
    for i in starts:
        if i < done:
            continue  # inside the phrase just found
        for size in sizes[stem_of(stream[i])]:  # longest first, as canonical
            if size < 2:
                break
            if size > n - i:
                continue
            key = tuple(map(stem_of, stream[i : i + size]))
            target = phrases.get(key)
            if target is not None:
                done = i + size
                yield i, done, key, target
                break


def _tense_before_question(stream: list[str], found: StreamWords) -> bool:
    """Whether a word of tense comes before the last question word of a stream: the
    reference then decides whether the tense is the question's (see
    bot.lexicon._reported_tenses)."""
    questions, tenses = found.question_words, found.tense_words
    for last in range(len(stream) - 1, 0, -1):
        if stream[last] in questions:
            return not tenses.isdisjoint(stream[:last])
    return False


def token_texts_many(
    lexicon: Lexicon, texts: Sequence[str], found: StreamWords | None = None
) -> Iterator[list[str]]:
    """For each text in turn, the content tokens (without weights: all an answer gives the
    index) of ``lexicon.analyse(text, correct=False, learn=True)``, and what it learns.
    Without the weights, neither phrases nor shared stems need the reference: the canonical
    tokens of the stream are those of the text's parts, and a relative clause the reference
    joins to the clause before it has the same tokens as the stream but where _Joins says.
    ``found``: as for analyse_many."""
    found = StreamWords(lexicon.vocabulary) if found is None else found
    token_of, may_begin = found.token.get, found.openings.__contains__
    dropped = _Dropped(lexicon.vocabulary)
    joins = _Joins(lexicon.vocabulary, found)
    sticky = dropped.matters_in_phrases
    for chunk, streams, _ in _streams(lexicon, texts, sticky, found, dropped, relatives=True):
        for text, stream in zip(chunk, streams, strict=True):
            if stream is not None and "," in stream and not joins.settle(stream):
                stream = None
            if stream is None:
                analysis = lexicon.analyse(text, correct=False, learn=True)
                yield [t.text for t in analysis.tokens]
                continue
            # Where a phrase of several words may begin (most answers have a few)
            starts = list(compress(count(), map(may_begin, pairwise(stream))))
            if not starts:
                yield list(filter(None, map(token_of, stream)))
            else:
                yield _stream_phrases(stream, starts, found)


class _Joins:
    """Whether the content tokens of a word stream holding a relative pronoun after a comma
    ("..., who joined the cast") are those of its text. The reference may join such a
    relative clause to the clause before it, its pronoun read as RELATIVE ("that", see
    bot.text.clauses), where the stream has a clause break and the pronoun: the tokens are
    the same either way unless the pronoun, RELATIVE or the words around the join are read
    together with their neighbours (a phrase, a numbered term)."""

    def __init__(self, vocabulary: VocabularyTables, found: StreamWords) -> None:
        from bot.text import _RELATIVES, RELATIVE

        numbered = vocabulary.numbered
        self.relatives = _RELATIVES
        self.reads = numbered.reads
        self.prefixes = numbered.prefixes
        self.found = found
        self.relative = relative = stem(RELATIVE)
        # RELATIVE itself reads as nothing on its own...
        self.possible = (
            _own_word(vocabulary, RELATIVE)[1:] == (None, 0.0) and RELATIVE not in numbered.reads
        )
        # ...and the phrases holding it are looked for around each join
        self.phrases = {key for key in vocabulary.phrases if len(key) > 1 and relative in key}
        self.longest = max(map(len, self.phrases), default=0)

    def settle(self, stream: list[str]) -> bool:
        """Whether the stream's tokens are its text's (False: the reference reads it)."""
        relatives, reads, prefixes = self.relatives, self.reads, self.prefixes
        openings = self.found.openings
        n = len(stream)
        for j in compress(count(), map(",".__eq__, stream)):
            if j + 1 == n or stream[j + 1] not in relatives:
                continue  # no relative clause there
            if not self.possible:
                return False
            # the pronoun begins no phrase, and no numbered term may read over the join
            if j + 2 < n and (stream[j + 1], stream[j + 2]) in openings:
                return False
            near = stream[max(0, j - 3) : j + 2]
            if not reads.isdisjoint(near) or any(w.startswith(prefixes) for w in near if prefixes):
                return False
            if self.longest and self._phrase_over(stream, j):
                return False
        return True

    def _phrase_over(self, stream: list[str], j: int) -> bool:
        """Whether a phrase holding RELATIVE would be read over the join at comma ``j``:
        in the words around it with the comma and the pronoun read as RELATIVE."""
        stem_of, longest = self.found.stem.__getitem__, self.longest
        before = list(map(stem_of, stream[max(0, j - longest + 1) : j]))
        after = list(map(stem_of, stream[j + 2 : j + 1 + longest]))
        window = [*before, self.relative, *after]
        at = len(before)  # where RELATIVE is
        return any(
            tuple(window[start : start + size]) in self.phrases
            for size in range(2, self.longest + 1)
            for start in range(max(0, at - size + 1), at + 1)
        )


def _has_phrase(stream: list[str], found: StreamWords) -> bool:
    """Whether a phrase of several words is anywhere in a stream."""
    return next(_phrases(stream, found), None) is not None


def _stream_phrases(stream: list[str], starts: list[int], found: StreamWords) -> list[str]:
    """The content tokens of a word stream with phrases of several words in it:
    ``VocabularyTables.canonical()`` of its stems, kept if they are content, but looking for
    phrases only at ``starts`` (elsewhere a word becomes its own token, as in canonical)."""
    token_of = found.token.get
    vocabulary = found.vocabulary
    kinds = vocabulary.kinds
    out: list[str] = []
    done = 0  # the stream is read up to here
    for at, done_next, key, target in _phrases(stream, found, starts):
        out.extend(filter(None, map(token_of, stream[done:at])))
        # (a particle's pair token, see VocabularyTables.contrast_particles)
        out.extend(t for t in vocabulary.also.get(key, ()) if t not in kinds)
        if target and target not in kinds:
            out.append(target)
        done = done_next
    out.extend(filter(None, map(token_of, stream[done:])))
    return out


def _streams(
    lexicon: Lexicon,
    texts: Sequence[str],
    sticky: frozenset[str],
    found: StreamWords,
    dropped: _Dropped,
    flag: frozenset[str] = frozenset(),
    *,
    relatives: bool = False,
    known: Iterator[list[list[str] | None]] | None = None,
) -> Iterator[tuple[Sequence[str], list[list[str] | None], list[bool]]]:
    """The texts a chunk at a time (so that a large base's streams are never all in memory
    at once), each chunk with the folded word stream of each text, or None if the reference
    must read it (not plain ASCII, near the word budget, holding a ``sticky`` word that
    ``dropped`` does not keep, or a phrase announcing a question), and without its hedges
    once folded (the reference drops them from a part then; a ``sticky`` one sends its text
    to the reference); ``found`` learns the streams' words first. The words become
    spelling-correction targets, as in the reference. Each chunk comes with whether each
    stream held a ``flag`` word before folding that ``dropped`` does not keep;
    ``relatives``: a stream may hold a relative pronoun after a comma (see word_streams and
    _Joins); ``known``: the texts' word streams a chunk at a time, if read already."""
    from bot.lexicon import MAX_TOKENS
    from bot.reading import _ANNOUNCER_WORDS as announcer_words
    from bot.vocabulary_tables import _COPULAS as copulas
    from bot.vocabulary_tables import _HEDGES as hedges

    spelling, numbered = lexicon.spelling, lexicon.vocabulary.numbered
    ends = lexicon.vocabulary.be_tail_ends
    starts = numbered.starts
    # Every word the steps below look for (most streams hold none: one look settles them,
    # and the steps read only the others)
    looked_for = sticky | announcer_words | flag | starts | hedges
    for at in range(0, len(texts), _CHUNK):
        chunk = texts[at : at + _CHUNK]
        streams = word_streams(chunk, relatives=relatives) if known is None else next(known)
        for i, stream in enumerate(streams):
            if stream is not None and len(stream) > MAX_TOKENS:
                streams[i] = None
        marked = [
            (i, s) for i, s in enumerate(streams) if s is not None and not looked_for.isdisjoint(s)
        ]
        # (whether each stream held a ``flag`` word before folding)
        flagged = [False] * len(streams)
        for i, s in marked:
            if (sticky.isdisjoint(s) or dropped.kept(s, sticky)) and (
                announcer_words.isdisjoint(s) or not _announces(s)
            ):
                flagged[i] = not flag.isdisjoint(s) and not dropped.kept(s, flag)
            else:
                streams[i] = None
        tokens = set().union(*filter(None, streams))
        spelling.learn(tokens.difference(found.stem))  # earlier chunks' words are learned
        # Folding changes nothing before the first word that may begin a numbered term nor
        # after the second word following the last (it reads "one of" in "ballard one of").
        may_fold = starts.__contains__
        for i, _ in marked:
            stream = streams[i]
            if stream is not None and not starts.isdisjoint(stream):
                where = list(compress(count(), map(may_fold, stream)))
                first, end = where[0], where[-1] + 3
                folded = numbered.fold(stream[first:end])
                tokens.update(folded)
                streams[i] = stream = stream[:first] + folded + stream[end:]
            if stream is not None and not hedges.isdisjoint(stream):
                streams[i] = [w for w in stream if w not in hedges]
        found.learn(tokens)
        if ends:
            # a question that may put "be" before its subject and end with a phrase of "be"
            # ("when is it out"): the reference reads it (see VocabularyTables.uninverted)
            # (the chunk's words of such an end's stem, found once: the streams hold no other)
            read = list(tokens)
            ending = set(compress(read, map(ends.__contains__, map(found.stem.__getitem__, read))))
            for i, stream in enumerate(streams):
                if (
                    stream is not None
                    and not copulas.isdisjoint(stream)
                    and not ending.isdisjoint(stream)
                ):
                    streams[i] = None
        yield chunk, streams, flagged


def _announces(stream: list[str]) -> bool:
    """Whether a word stream holds a phrase announcing a question ("quick q", "i was
    wondering"), which the reference drops before a question: its texts go to the
    reference. (Looked for as a phrase: "maggie q" holds the last word of "quick q".)"""
    from bot.reading import _ANNOUNCER_SIZES, _ANNOUNCER_WORDS, _ANNOUNCERS

    for i in compress(count(), map(_ANNOUNCER_WORDS.__contains__, stream)):
        for size in _ANNOUNCER_SIZES:
            if size <= i + 1 and tuple(stream[i + 1 - size : i + 1]) in _ANNOUNCERS:
                return True
    return False


class _Dropped:
    """The words the reference may drop (a leader such as "so" at the start of a part, an
    interjection such as "wait" before a question starter, the "and" before a joined
    question, a hedge such as "definitely" anywhere) whose dropping could change the
    result: a text holding one goes to the reference. Nearly all are stopwords that become
    nothing and start no numbered term."""

    def __init__(self, vocabulary: VocabularyTables) -> None:
        from bot.reading import _INDIRECT_OPENERS, _JOINERS, _TAGS
        from bot.vocabulary_tables import _HEDGES, _QUESTION
        from bot.word_classes import QUESTION_STARTERS, SAID_BEFORE

        def dropping_matters(word: str) -> bool:
            kind = vocabulary.kinds.get(vocabulary.phrases.get((stem(word),), stem(word)))
            return kind in (None, _QUESTION) or word in vocabulary.numbered.reads

        # (a phrase announcing a question may be dropped too: see _announces)
        # (an interjection is dropped before a question starter: "wait is it out")
        leading = self.said_before = SAID_BEFORE  # (the leaders and the interjections)
        # (a hedge is dropped wherever it is, "is it definitely out", after numbered terms
        # are folded and before phrases are read, as written, not by stem: _streams drops it
        # from the stream there too; but the reference reads a text holding a hedge that is
        # also a leader or an interjection, "honestly")
        self.matters = frozenset(filter(dropping_matters, leading | _JOINERS))
        self.matters |= _HEDGES & leading
        # (a question tag is dropped at a part's end, "it got renewed right": the stream
        # does not know where a part ends, so the reference reads every text holding one)
        self.matters |= frozenset(filter(dropping_matters, _TAGS))
        # An indirect question ("… wants to know if it got renewed") is a part of its own
        # from its "if" on: a phrase holding "if" could reach over that break in a stream.
        openers = {stem(w) for w in _INDIRECT_OPENERS}
        if any(len(key) > 1 and not openers.isdisjoint(key) for key in vocabulary.phrases) or (
            not _INDIRECT_OPENERS.isdisjoint(vocabulary.numbered.reads)
        ):
            self.matters |= _INDIRECT_OPENERS
        # ...and, when phrases are replaced (token_texts_many), the dropped words that a
        # phrase of several words could reach: a leader (dropped at a clause's start) that
        # begins one ("or" if "or nah" is a phrase), a joiner (dropped before a question
        # starter) that ends one or comes before a question starter in one.
        starters = {stem(w) for w in QUESTION_STARTERS}
        begin: set[str] = set()
        end: set[str] = set()
        before_starter: set[str] = set()
        for key in vocabulary.phrases:
            if len(key) > 1:
                begin.add(key[0])
                end.add(key[-1])
                before_starter.update(a for a, b in pairwise(key) if b in starters)
        self.matters_in_phrases = self.matters | {
            w
            for w in leading | _JOINERS
            if (w in leading and stem(w) in begin)
            or (w in _JOINERS and (stem(w) in end or stem(w) in before_starter))
        }
        # Of those, the words the reference drops only at a part's start (a leader, an
        # interjection), which no part begins with (a part begins at a question word, a
        # question starter or an indirect question's "if"; see
        # bot.reading._split_on_joiners) and which are nothing else it drops: right after a
        # word that is no clause break and no word said before a question, such a word is
        # inside a part and never dropped ("it wants the blood and pays people at…").
        from bot.reading import _BREAKS_BEFORE_QUESTION, _RUNON_WHO
        from bot.word_classes import QUESTION_WORDS

        self.inside = frozenset(
            self.matters_in_phrases
            & leading
            - _JOINERS
            - _BREAKS_BEFORE_QUESTION
            - _TAGS
            - _HEDGES
            - _INDIRECT_OPENERS
            - QUESTION_STARTERS
            - QUESTION_WORDS
            - _RUNON_WHO.keys()
        )

    def kept(self, stream: list[str], sticky: frozenset[str]) -> bool:
        """Whether no ``sticky`` word of a stream (before folding) can be dropped: each is
        one only a part's start drops, and is right after a word that is no clause break
        and no word said before a question."""
        said_before = self.said_before
        held = sticky.intersection(stream)
        if not held <= self.inside:
            return False
        return all(
            i and not is_clause_break(before := stream[i - 1]) and before not in said_before
            for i in compress(count(), map(held.__contains__, stream))
        )


def _own_word(vocabulary: VocabularyTables, word: str) -> tuple[str, str | None, float]:
    """(stem, token, weight) of a word of the base's own text (numbered terms already
    folded), as it would be on its own: the token is None for ignored words and a question
    word has weight 0."""
    from bot.vocabulary_tables import _QUESTION

    s = stem(word)
    tok = vocabulary.phrases.get((s,), s)  # a one-word synonym: "actress" -> "cast"
    kind = vocabulary.kinds.get(tok)
    if kind is None:
        # A renamed token is a canonical term, weighed by its own spelling whatever the
        # word it came from (see VocabularyTables._weight).
        return s, tok, vocabulary.weight(tok, word if tok == s else tok)
    return s, tok if kind is _QUESTION else None, 0.0


class StreamWords:
    """What each word of some word streams is on its own (_own_word), in the forms
    analyse_many and token_texts_many look up, learned a chunk of streams at a time. A
    clause break is its own stem and becomes nothing. One may serve all of a lexicon's texts
    (the ``found`` of analyse_many and token_texts_many), so that a word said in both
    answers and questions is looked up once: what a word is on its own does not depend on
    the text it is in, and the tests of a stream read only its own words' entries (whether
    two of them share a stem, whether two of them may begin a phrase)."""

    def __init__(self, vocabulary: VocabularyTables) -> None:
        self.stem: dict[str, str] = {}
        self.pair: dict[str, tuple[str, float]] = {}  # content word -> (token, weight)
        self.token: dict[str, str] = {}  # content word -> token
        self.asked: dict[str, str] = {}  # question word -> token
        self.tense_words: set[str] = set()  # the words of those that are a tense
        self.question_words: set[str] = set()  # ...and of the others
        self.shared_stem: set[str] = set()  # words sharing their stem with another word
        self.openings: set[tuple[str, str]] = set()  # word pairs that may begin a phrase
        self.vocabulary = vocabulary
        # (what _phrase_analysis reads of the reference's tables)
        from bot.lexicon import _QUESTION_STEMS
        from bot.vocabulary_tables import _QUESTION, _TENSE_OPENERS, TENSE_TOKENS

        self.question_kind = _QUESTION
        self.question_stems = _QUESTION_STEMS
        self.tense_openers = _TENSE_OPENERS
        self.tense_tokens = TENSE_TOKENS
        self._by_stem: dict[str, list[str]] = {}
        self._seconds: dict[str, list[str]] = {}  # a phrase's first stem -> its second ones
        self._firsts: dict[str, list[str]] = {}  # and the other way round
        for first, second in vocabulary.openings:
            self._seconds.setdefault(first, []).append(second)
            self._firsts.setdefault(second, []).append(first)

    def learn(self, words: Iterable[str]) -> None:
        """Learn the words not known yet (the words of a chunk of streams, maybe with some
        that folding took away)."""
        from bot.vocabulary_tables import TENSE_TOKENS

        vocabulary, by_stem = self.vocabulary, self._by_stem
        for word in set(words).difference(self.stem):
            if is_clause_break(word):
                s, tok, w = word, None, 0.0
            else:
                s, tok, w = _own_word(vocabulary, word)
            self.stem[word] = s
            if w:
                self.pair[word] = (tok, w)  # type: ignore[assignment]
                self.token[word] = tok  # type: ignore[assignment]
            elif tok:
                self.asked[word] = tok
                (self.tense_words if tok in TENSE_TOKENS else self.question_words).add(word)
            same = by_stem.setdefault(s, [])
            same.append(word)
            if len(same) > 1:
                self.shared_stem.update(same)
            for second in self._seconds.get(s, ()):
                self.openings.update((word, b) for b in by_stem.get(second, ()))
            for first in self._firsts.get(s, ()):
                self.openings.update((a, word) for a in by_stem.get(first, ()))


# -- rounding -------------------------------------------------------------------------------

# 10 ** places, for rounded()
_SCALES = (1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0)
# 1.5 * 2**52: a float below 2**51 added to it lands where floats are whole numbers, so the
# sum is rounded to one, and taking it away again leaves the whole number nearest the float
_TO_WHOLE = 6755399441055744.0


def rounded(x: float, places: int) -> float:
    """Exactly ``round(x, places)`` (``places``: 0 to 6), without round()'s trip through a
    decimal string (~2,700 instructions a call; this ~1,600).

    round() writes x correctly rounded to ``places`` decimals, then reads that decimal back
    as the float nearest it. For 0 < x < 1000, x * 10**places is below 2**30, so the float
    product is within 2**-24 of the exact one: when it is less than 0.49 from the whole
    number nearest it, that number is the one nearest the exact product too, the decimal
    rounding (no tie to break), and it divided by 10**places (both exact floats; the division
    is correctly rounded) is the float nearest the decimal. Any other x, and a product
    nearer a half, goes to round()."""
    if 0.0 < x < 1000.0:
        scale = _SCALES[places]
        scaled = x * scale
        whole = scaled + _TO_WHOLE - _TO_WHOLE
        if -0.49 < scaled - whole < 0.49:
            return whole / scale
    elif x == 0.0:
        return x  # (as round() does: a zero keeps its sign)
    return round(x, places)


# -- closeness ------------------------------------------------------------------------------


# A token no example says, standing for the second of a message of one token (so that one
# loop reads messages of one token and of two).
_NONE_SAID = "\x00"


def _two(q_weights: dict[str, float]) -> tuple[str, float, str, float]:
    """A message's one or two tokens and their weights, the second none for one token."""
    if len(q_weights) == 1:
        ((k1, q1),) = q_weights.items()
        return k1, q1, _NONE_SAID, 0.0
    (k1, q1), (k2, q2) = q_weights.items()
    return k1, q1, k2, q2


def nearest_closeness(
    examples: Sequence[tuple[dict[str, float], float, str]],
    q_weights: dict[str, float],
    q_total: float,
) -> float | None:
    """Exactly ``bot.ranking.nearest_closeness`` of an entry with these ``examples`` (the
    weighted Dice overlap between a message and its closest example), for a message of one
    or two tokens (each question of "is ballard renewed?? is maggie q coming back??", read on
    its own): they are looked for in each example, where the reference looks for each of
    the example's tokens in the message. The weight the two share is the same sum added in
    the message's order (adding two floats commutes, where three may not associate alike).
    None for a longer message, or none: the reference reads it."""
    if not 0 < len(q_weights) <= 2:
        return None
    k1, q1, k2, q2 = _two(q_weights)
    best = 0.0
    for ex_weights, ex_total, _ in examples:
        if k1 in ex_weights:
            w = ex_weights[k1]
            shared = q1 if q1 < w else w
            if k2 in ex_weights:
                w = ex_weights[k2]
                shared += q2 if q2 < w else w
        elif k2 in ex_weights:
            w = ex_weights[k2]
            shared = q2 if q2 < w else w
        else:
            continue
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
) -> tuple[list[float], float, dict[str, int]] | None:
    """Exactly ``bot.ranking.example_overlaps`` (each example's overlap with the message, the
    message's recall of the closest and how many examples use each word the fact explains),
    for a message of one or two tokens, looked for in each example as in nearest_closeness,
    when the words the fact explains are some of the message's (as they are). The counts
    come in another order, a dict's only (what reads them looks them up). None otherwise:
    the reference reads it."""
    if not 0 < len(q_weights) <= 2 or not explained.keys() <= q_weights.keys():
        return None
    k1, q1, k2, q2 = _two(q_weights)
    dices: list[float] = []
    recall = 0.0
    add_dice = dices.append
    n1 = n2 = 0
    for ex_weights, ex_total, _ in examples:
        if k1 in ex_weights:
            w = ex_weights[k1]
            shared = q1 if q1 < w else w
            n1 += 1
            if k2 in ex_weights:
                w = ex_weights[k2]
                shared += q2 if q2 < w else w
                n2 += 1
        elif k2 in ex_weights:
            w = ex_weights[k2]
            shared = q2 if q2 < w else w
            n2 += 1
        else:
            shared = 0.0
        add_dice(2 * shared / (q_total + ex_total) if q_total + ex_total else 0.0)
        if ex_total and shared / ex_total > recall:
            recall = shared / ex_total
    uses: dict[str, int] = {}
    if n1 and k1 in explained:
        uses[k1] = n1
    if n2 and k2 in explained:
        uses[k2] = n2
    return dices, recall, uses
