"""The fast path of indexing (bot/_fastpath.py) gives exactly what the reference analysis,
``Lexicon.analyse(text, correct=False, learn=True)``, gives: tokens, weights, question words
and the spelling-correction targets it learns; the loader's words of example questions are
exactly ``words(clean(text))``; and its rounding is exactly round()'s."""

from __future__ import annotations

import dataclasses
import math
import re
import struct
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot import _fastpath
from bot.cleaning import _MARK_BREAK, _list_marks, clean
from bot.index import common_words
from bot.knowledge import KnowledgeBase, Vocabulary, load_knowledge
from bot.lexicon import Lexicon, lexicon_for
from bot.text import clauses, words
from bot.word_classes import AMBIGUOUS_SPELLINGS
from tests.conftest import KNOWLEDGE_DIR

_SHIPPED: list[KnowledgeBase] = []


def _shipped_kb() -> KnowledgeBase:
    if not _SHIPPED:
        _SHIPPED.append(load_knowledge(KNOWLEDGE_DIR))
    return _SHIPPED[0]


def _reference(lexicon: Lexicon, text: str) -> tuple[list[tuple[str, float]], set[str]]:
    analysis = lexicon.analyse(text, correct=False, learn=True)
    return [(t.text, t.weight) for t in analysis.tokens], set(analysis.question_words)


# -- word streams: the text's clauses in one flat list ----------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.text(alphabet="abz XYZ 0129 .?!;:,\n'`_-()\t\r\"&*é@<#\x00", max_size=30)
        | st.lists(
            st.sampled_from(
                [
                    *["2nd", "s2", "whats", "dont", "14.5", ", ", "?!", "ok", "http", "x,"],
                    *["ID", "IDEA", "id", "ill", "love", "be"],
                    *[":D", "<3", "T_T", "/j", ":p", "x:D", "10:30", "a/s", ";3"],  # emoticons
                ]
            )
        ).map(" ".join)
        # a colon, a dash or another mark between words ends a clause before a question
        # word ("- is", " / is"), and so do the marks of a list ("1. is it 2. who")
        | st.lists(
            st.sampled_from(
                [
                    *"a is who - -- : 1) (2) . 1. 2. b) a) q1: q2 / | & + ~ * -> =>".split(),
                    *"// >> 1/ 2/".split(),
                    *" \t'",
                ]
            )
        ).map("".join),
        max_size=6,
    )
)
@example(texts=["two things: is it out", "a - is it", "a--who", "1) is it 2) who"])
@example(texts=["x:*is it", "x: is_it", "a,: who", "10:30 x", "x:\twhos", "x :who", "x:"])
@example(texts=["1. is it 2. who", "a) x b) y", "q1: x q2: y", "x / is it", "x & who", "* is"])
def test_word_streams_are_the_clauses_of_each_text(texts: list[str]) -> None:
    """A text's stream cut at its breaks is its clauses' words, whatever other texts share
    the batch; only text that is not plain ASCII gets no stream."""
    streams = _fastpath.word_streams(texts)
    assert len(streams) == len(texts)
    for text, stream in zip(texts, streams, strict=True):
        if stream is None:
            assert (
                not _fastpath.is_plain_ascii(text)
                or "\x00" in text
                or _MARK_BREAK.search(low := text.lower().replace("'", "").replace("`", ""))
                is not None
                or _list_marks(low) != low
                # "id" is a word or "I'd" by the word after it: the reference reads it
                or not AMBIGUOUS_SPELLINGS.keys().isdisjoint(re.findall(r"[a-z]+", low))
                # ", who…": a relative clause may go on the clause before it
                or _fastpath._COMMA_WH.search(low) is not None
            )
            continue
        cut: list[list[str]] = [[]]
        for token in stream:
            if _fastpath.is_clause_break(token):
                cut.append([])
            else:
                cut[-1].append(token)
        assert [c for c in cut if c] == [found for found, *_ in clauses(clean(text))]
    # ...and so are the clauses' words clause_words cuts from them (or reads)
    assert list(_fastpath.clause_words(texts)) == [
        [found for found, *_ in clauses(clean(text))] for text in texts
    ]


# Pieces where words() and a word stream differ (numbers with decimals, however split or
# joined by the apostrophes clean() drops) or where clean() is not plain (markup, "#1").
_WORD_PIECES = [
    *"2nd s2 whats dont 14.5 1.2.3 1'.5 3 .5 4..5 1.5th ? , ?! ok http x, #1 <@1> café ' .".split(),
    *"ID IDs id IDEA ill love be".split(),
    *":D <3 T_T /j :p x:D 10:30 a/s ;3 o_o".split(),  # emoticons and what only looks like them
    "\x00",
]
_WORD_TEXTS = st.text(
    alphabet="abz XYZ 0129 .?!;:,\n'`_-()\t\r\"&*é@<#\x00", max_size=30
) | st.lists(st.sampled_from(_WORD_PIECES)).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_WORD_TEXTS, max_size=6))
@example(texts=["14.85 or 1'.5 and 1.`5", "a1.5th", "1 . 5", "x" * 4001, "", "?!"])
@example(texts=["who", " ", "is it"])
@example(texts=["who", "is it", "?"])
@example(texts=["", "who"])
@example(texts=["who", "it\n"])
def test_words_many_are_the_words_of_each_text(texts: list[str]) -> None:
    """The loader's words of example questions, in bulk and one by one, are the reference's;
    chunks (here of 2 texts) change nothing."""
    expected = [words(clean(text)) for text in texts]
    with patch.object(_fastpath, "_CHUNK", 2):
        assert list(_fastpath.words_many(texts)) == expected
    assert [_fastpath.has_words(text) for text in texts] == [bool(e) for e in expected]
    assert _fastpath.all_have_words(texts) == all(expected)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_WORD_TEXTS, max_size=6))
@example(texts=["whos there", "id love it", "who plays ballard", "is it out?", "14.5", ""])
@example(texts=["dont id go", "ill be there", "whats up", "a,b", "x - y", "   "])
def test_question_streams_are_the_words_and_streams_of_each_text(texts: list[str]) -> None:
    """The streams the loader reads once for its question check and the index: their words
    are the reference's, as words_many finds them, and what the index takes is word_streams
    a chunk at a time (here of 2 texts), once, and only for the same texts."""
    with patch.object(_fastpath, "_CHUNK", 2):
        memo = _fastpath.QuestionStreams(texts)
        assert list(memo.words()) == [words(clean(text)) for text in texts]
        assert _fastpath.QuestionStreams(texts).take([*texts, "x"]) is None
        taken = memo.take(list(texts))
        assert taken is not None
        assert [s for chunk in taken for s in chunk] == _fastpath.word_streams(texts)
        assert memo.take(list(texts)) is None  # (taken already: it keeps nothing)


def test_the_index_is_the_same_with_or_without_the_streams_of_the_load() -> None:
    """The index takes the streams its base's load read (and they are gone then); a base
    made otherwise (dataclasses.replace) has none, and its index reads the same."""
    from bot.matching import Matcher

    kb = load_knowledge(KNOWLEDGE_DIR)
    other = dataclasses.replace(kb)
    assert kb.question_streams is not None and other.question_streams is None
    asked = [q for entry in kb.entries() for q in entry.questions]
    took = []
    take = _fastpath.QuestionStreams.take

    def spied(self: _fastpath.QuestionStreams, texts: list[str]) -> object:
        took.append(found := take(self, texts))
        return found

    with patch.object(_fastpath.QuestionStreams, "take", spied):
        taken = Matcher(kb).index
    assert len(took) == 1 and took[0] is not None  # (the load's streams were the index's)
    assert kb.question_streams.take(asked) is None  # (taken: it keeps nothing)
    made = Matcher(other).index
    assert [(e.id, e.vocab, e.examples, e.question_words, e.tense) for e in taken.entries] == [
        (e.id, e.vocab, e.examples, e.question_words, e.tense) for e in made.entries
    ]
    assert taken.postings == made.postings and taken.written == made.written


# -- the bulk analysis ---------------------------------------------------------------------------

# Words and phrases whose analysis depends on their neighbours: synonym phrases, numbered
# terms, contractions, joiners, clause breaks, and words sharing a stem but not a weight;
# the words the reference drops (leaders, interjections, joiners) where it matters and where
# it does not
# ("plus" is a token, "or" begins "or nah", "and" is inside "law and order", "well" ends "did
# well"), words sharing a stem across texts, breaks of every kind, and text that is not plain
# ASCII.
_PIECES = [
    *"who what when where is did does the and also so like , ? . ! ;".split(),
    *"season seasons szn two 2 s2 second 2nd first series episode eps ep".split(),
    *"ballard ballards maggie actress actor cast renew renewed amazon prime pv".split(),
    *"bosch netflix dont whats its cant gonna premiere zzyzx café".split(),
    *"directed direct stars starring loved love ended ending".split(),
    *"plus or well anyway hey btw okay then but , , ; ! ... ?! \n".split(" "),
    *"wait man honestly lol guys yes".split(),  # interjections, dropped before a starter
    *"people help sorry pls thx".split(),  # ...and kept inside a part
    *"we're We'll she`d were well shed we".split(),  # contractions that need the apostrophe
    *"definitely definition totally total finally finale".split(),  # hedges, read as written
    *"right innit amirite yeah no".split(),  # question tags, dropped at a part's end
    *"Who's DONT 2nd 3rd 14.5 #1 @here <@1> http://x.y s 2 sx s10 ride riding rides".split(),
    "the show",
    "maggie q",
    "harry bosch",
    "bosch legacy",
    "titus welliver",
    "michael connelly",
    "prime video",
    "amazon prime video",
    "rotten tomatoes",
    "los angeles",
    "top 10",
    "come out",
    "release date",
    "season two",
    "2nd season",
    "or nah",
    "did well",
    "law and order",
    "and who",
    "and is",
    "in a",
    "streaming services",
    "so who",
    "maggie q’s",
    "\x00",
    "ride, ride",
    "quick question",
    "i was wondering",
    "1)",
    ":",
    "1.",
    "2.",
    "a)",
    "b)",
    "q1:",
    "/",
    "&",
    "first q",
    "quick q",
    "another thing",
    "wants to know",
    "wondering",
    "asked",
    "if",
    "whether",
    "photo ID",
    "id",
    "ID",
    "ill",
    "love",
    "be",
    ":D",
    "<3",
    "/j",
    # a word and its particles, told apart by the examples of _contrasting (as "check in"
    # and "check out" are in a hotel's base)
    "check",
    "checking",
    "in",
    "out",
    "check-in",
    "sign up",
    "signed in",
]
_text = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", " ", " ", "", "-", "\n"])),
    max_size=14,
).map(lambda pieces: "".join(p + sep for p, sep in pieces))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_text, max_size=8))
@example(texts=["the show and who plays her", "did well or nah", "law and order and is it"])
@example(texts=["plus who is in it", "so who plays her and also where", "ride riding. rides?"])
@example(texts=["season two, 2nd season s2 and s 2", "whats it, dont know", "Who's maggie q’s"])
@example(texts=["cast " * 399 + "ballard", "actress " * 401 + "ballard", ""])
@example(texts=["directed direct", "stars starring"])  # one stem, two weights
@example(texts=["is harry bosch in rotten tomatoes", "actress cast", "stars and who starring"])
@example(texts=["quick question is it out", "so i was wondering who plays her", "cast - is it"])
@example(texts=["who plays her where can i watch it", "1. is it out 2. who", "a) cast b) ride"])
@example(texts=["cast / is it out", "first q who plays her then is it out btw where"])
@example(texts=["my mom wants to know if it got renewed", "wondering whether maggie q is in it"])
@example(texts=["two things: so who plays her", "ballard: who plays her", "10:30: is it out"])
@example(texts=["cast:who", "cast:*is it out", "cast: is_it", "season 2: the show, : and is it"])
@example(texts=["wait is it out", "man who plays her", "honestly is bosch in it", "wait what"])
@example(texts=["ID needed", "photo ID?", "WHAT ID DO I NEED", "id love to know who plays her"])
@example(texts=["verify my id", "ill be there, id card", "my son is ill", "id"])
@example(texts=["omg wait is it out", "lol ok so wait who plays her", "good but is it out"])
@example(texts=["quick q: wait is it out", "welp does bosch show up", "omg wait"])
@example(texts=["it got renewed right", "is bosch in it innit", "the right channel", "right"])
@example(texts=["wait, is it out", "oh jeez\nwho plays her", "gosh gosh who plays her"])
@example(texts=["did amazon say when it drops", "when did it drop", "did well who", "was it out"])
@example(texts=["did they say who. when will it drop", "will it drop and when", "who was it"])
@example(texts=["Is Ballard one of Connelly's creations?", "ballard one of", "season one of it"])
# a hedge is dropped once numbered terms are folded, before phrases are read
@example(texts=["season definitely 2", "definitely season 2", "maggie totally q", "totally"])
@example(texts=["law and finally order", "come definitely out", "the show finally", "finally"])
@example(texts=["so definitely who plays her", "a b c d definitely so who plays her"])
@example(texts=["cast definitely and who plays her", "honestly who plays her", "or totally nah"])
@example(texts=["check definitely in", "is it definitely out right", "two definitely seasons"])
# phrases read in bulk, with their weights: a phrase's token that is a word's stem too, a
# tense before or after the last question word, a question word inside a phrase
@example(texts=["who stars as renee ballard", "signed in", "sign in", "is maggie q the star"])
@example(texts=["did amazon say when it will come out", "when did it come out", "did it come out"])
@example(texts=["was it going to come out", "what was the release date", "how many did well"])
@example(texts=["did maggie q say who", "maggie q did who", "who is maggie q. did it come out"])
@example(texts=["is bosch legacy or nah", "did well or nah who", "the show and who was in it"])
# a word dropped only at a part's start, inside a part and at its start
@example(texts=["it pays people at the show", "people who plays her", "ok people is it out"])
@example(texts=["so people is it out", "cast. people is it out", "the cast help is it out"])
@example(texts=["wait people who plays her", "she is, people who", "thx in advance who is it"])
@example(texts=["i love it thx who plays her", "it is thx fr", "who plays her sorry is it out"])
# a relative clause after a comma, which the reference may join to the clause before it
@example(texts=["maggie q, who plays her.", "the cast, who else.", "season two, who plays her!"])
@example(texts=["i read, which is odd.", "is it true, which is odd.", "ballard one, whose cast."])
@example(texts=["x, who is in it.", "the show, whom i love, who.", "she is , who cares?"])
# a question that puts "be" before its subject and ends with a phrase of "be" ("be out")
@example(texts=["when is it out", "is season two out", "was the show out. who", "is it out"])
@example(texts=["is it out and who plays her", "when is maggie q out", "it is out", "is out"])
def test_bulk_analysis_is_the_reference(texts: list[str]) -> None:
    """Analysing a base's texts in bulk gives, text by text, exactly what the reference
    gives: the same tokens, weights and question words, and the same correction targets
    (with the shipped base's lexicon, and with one that reads particles' pair tokens)."""
    kb = _shipped_kb()
    for lexicon_of in (lambda: lexicon_for(kb, common_words()), _contrasting):
        one_by_one = lexicon_of()
        expected = [_reference(one_by_one, text) for text in texts]
        with patch.object(_fastpath, "_CHUNK", 3):  # chunks of 3 texts: words met earlier
            bulk = lexicon_of()
            assert list(_fastpath.analyse_many(bulk, texts)) == expected
            assert _learned(bulk) == _learned(one_by_one)
            tokens_only = lexicon_of()
            found = list(_fastpath.token_texts_many(tokens_only, texts))
            assert found == [[t for t, _ in e[0]] for e in expected]
            assert _learned(tokens_only) == _learned(one_by_one)


def _learned(lexicon: Lexicon) -> set[str]:
    """The spelling-correction targets a lexicon has learned (and started with)."""
    return lexicon.spelling.targets.base_words


def _contrasting() -> Lexicon:
    """The shipped base's lexicon, reading "check in", "check out", "sign up" and "sign in"
    as pair tokens beside their words (see VocabularyTables.contrast_particles)."""
    lexicon = lexicon_for(_shipped_kb(), common_words())
    lexicon.vocabulary.contrast_particles(
        [("a", ["what time is check-in", "sign up"]), ("b", ["when do i check out?", "sign in"])]
    )
    assert lexicon.analyse("checking out", correct=False).tokens[0].text == "check+out"
    return lexicon


def test_bulk_analysis_with_phrases_over_dropped_words() -> None:
    """The reference drops a leader at a clause's start and the joiner before a second
    question; a phrase that begins with such a leader, ends with such a joiner or holds one
    before a question starter must not be found over the dropped word in bulk either, nor a
    numbered term that is such a word."""
    vocabulary = Vocabulary(
        synonyms={
            "so called": ["like new"],
            "pros and": [],
            "salt and is": [],
            "know if": ["kif"],  # reaches over the break before an indirect question
        },
        filler=["or else"],
        numbered={"so": [], "episode": ["ep", "e"]},  # "so" is a leader and a stopword
    )
    texts = [
        "so 2 who plays her",
        "so so two and is it out",
        "a b c so who plays her, second so",
        "ep 2 and is it good? 3rd episode or e 4",
        "so called ballard, like new",
        "so so called",
        "is it like new or else",
        "or else what",
        "a b pros and who plays her",
        "x y salt and is it good",
        "pros and cons",
        "salt and is",
        "my mom wants to know if it is out",
        "i know if it is out",
    ]
    one_by_one = Lexicon(vocabulary, common_words())
    expected = [_reference(one_by_one, text) for text in texts]
    bulk = Lexicon(vocabulary, common_words())
    assert list(_fastpath.analyse_many(bulk, texts)) == expected
    tokens_only = _fastpath.token_texts_many(Lexicon(vocabulary, common_words()), texts)
    assert list(tokens_only) == [[t for t, _ in e[0]] for e in expected]


# -- rounding -----------------------------------------------------------------------------------


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


@settings(max_examples=2000, deadline=None)
@given(
    x=st.floats(allow_nan=False)
    | st.floats(min_value=0.0, max_value=1.0)
    | st.floats(min_value=0.0, max_value=1000.0)
    # a decimal of ``places`` digits, and one half a unit above it (a tie, as written),
    # and the floats either side of them
    | st.tuples(st.integers(0, 10**9), st.integers(0, 6), st.sampled_from([0.0, 0.5])).map(
        lambda t: (t[0] + t[2]) / 10 ** t[1]
    ),
    places=st.integers(0, 6),
    step=st.sampled_from([0, 1, -1]),
)
@example(x=0.0, places=4, step=0)
@example(x=-0.0, places=4, step=0)
@example(x=0.00005, places=4, step=0)
@example(x=0.00015, places=4, step=0)
@example(x=2.675, places=2, step=0)
@example(x=999.9999999, places=6, step=0)
@example(x=1000.0, places=3, step=-1)
@example(x=math.inf, places=3, step=0)
def test_rounded_is_round(x: float, places: int, step: int) -> None:
    if step:
        x = math.nextafter(x, math.inf * step)
    assert _bits(_fastpath.rounded(x, places)) == _bits(round(x, places))


def test_rounded_nan_is_nan() -> None:
    assert math.isnan(_fastpath.rounded(math.nan, 4))


# -- closeness ----------------------------------------------------------------------------------

_TOKENS = st.sampled_from(["renew", "maggi_q", "releas", "when", "who", "season_2", "cast"])
_WEIGHTS = st.sampled_from([0.0, 0.1, 0.175, 0.35, 0.5, 0.7, 1.0, 1.3, 2.0, 1 / 3, 2.5e-5])


@settings(max_examples=500, deadline=None)
@given(
    examples=st.lists(st.dictionaries(_TOKENS, _WEIGHTS, max_size=6), max_size=12),
    q_weights=st.dictionaries(_TOKENS, _WEIGHTS, max_size=5),
)
def test_nearest_closeness_is_the_reference(
    examples: list[dict[str, float]], q_weights: dict[str, float]
) -> None:
    """The ranking's closeness, with a message of one or two tokens looked for in each
    example, is bot.ranking.nearest_closeness to the bit."""
    from types import SimpleNamespace

    from bot.ranking import nearest_closeness

    entry = SimpleNamespace(examples=[(ex, sum(ex.values()), "") for ex in examples])
    q_total = sum(q_weights.values())
    expected = nearest_closeness(entry, q_weights, q_total)  # type: ignore[arg-type]
    found = _fastpath.nearest_closeness(entry.examples, q_weights, q_total)
    if not 0 < len(q_weights) <= 2:
        assert found is None  # (the reference reads it)
        return
    assert found is not None and _bits(found) == _bits(expected)


@settings(max_examples=500, deadline=None)
@given(
    examples=st.lists(st.dictionaries(_TOKENS, _WEIGHTS, max_size=6), max_size=12),
    q_weights=st.dictionaries(_TOKENS, _WEIGHTS, max_size=5),
    credits=st.lists(st.sampled_from([None, 0.6, 1.0]), min_size=7, max_size=7),
    stray=st.booleans(),
)
def test_example_overlaps_are_the_reference(
    examples: list[dict[str, float]],
    q_weights: dict[str, float],
    credits: list[float | None],
    stray: bool,
) -> None:
    """What the evidence reads of the best fact's examples, with a message of one or two
    tokens looked for in each example, is bot.ranking.example_overlaps to the bit (the
    counts as a dict: their order aside); ``stray``: a word explained that the message does
    not say, which the ranking never asks about, reads as the reference does too."""
    from bot.ranking import example_overlaps

    written = [(ex, sum(ex.values()), "") for ex in examples]
    q_total = sum(q_weights.values())
    explained = {
        t: w * c for (t, w), c in zip(q_weights.items(), credits, strict=False) if c is not None
    }
    if stray:
        explained["cast"] = 0.6
    fast = _fastpath.example_overlaps(written, q_weights, q_total, explained)
    if not 0 < len(q_weights) <= 2 or not explained.keys() <= q_weights.keys():
        assert fast is None  # (the reference reads it)
        return
    assert fast is not None
    dices, recall, uses = fast
    want_dices, want_recall, want_uses = example_overlaps(written, q_weights, q_total, explained)
    assert list(map(_bits, dices)) == list(map(_bits, want_dices))
    assert _bits(recall) == _bits(want_recall)
    assert uses == want_uses
