"""The matcher, table-driven: what must match, what must not, and that it never breaks."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot import ranking, reading
from bot.courtesy import REACTION
from bot.knowledge import KnowledgeBase, Vocabulary, load_knowledge
from bot.lexicon import Lexicon
from bot.matching import (
    ANSWER_THRESHOLD,
    LONG_STATEMENT_TOKENS,
    STATEMENT_CONFIDENCE,
    Matcher,
    Thresholds,
)
from bot.outcomes import MatchResult, Part
from bot.ranking import aside_tokens
from bot.several import carried_terms
from bot.text import load_common_words, stem
from bot.vocabulary_tables import COUNT_TOKEN
from tests.conftest import KNOWLEDGE_DIR, TOOLS, WriteKb, fact_yaml, shipped_with_examples

# (message, the fact that must answer it). Written for these tests, not taken from eval sets.
ANSWERS = [
    ("when does ballard s2 come out??", "season2-release-date"),
    ("when does ballard 2 drop", "season2-release-date"),  # the show's name and a number
    ("release date for the new season?", "season2-release-date"),
    ("is ballard getting a second season", "season2-renewal"),
    ("did they cancel ballard 😢", "season2-renewal"),
    ("where r they filming szn two", "season2-production"),
    ("how much did california pay in tax breaks", "season2-tax-credit"),
    ("whats the plot of season 2 gonna be", "season2-story"),
    ("when did the first season premiere", "season1-premiere"),
    ("what streaming service has ballard", "where-to-watch"),
    ("is it on hulu", "where-to-watch"),
    ("does s1 end on a cliffhangar", "season1-ending"),
    ("wat is the show about", "premise"),
    ("who plays renee ballard", "lead-actor"),
    ("is MAGGIE Q the lead???", "lead-actor"),
    ("whos in the cast", "cast"),
    ("does titus welliver show up", "bosch-appearance"),
    ("is this a bosch spin off", "bosch-spinoff"),
    ("is it based on the connelly novels", "source-books"),
    ("who are the showrunners", "showrunners"),
    ("who are the exec producers", "producers"),
    ("how many minutes have people watched", "viewership"),
    ("where did it land on nielsen's top 10", "nielsen-ranking"),
    ("whats the rotten tomatoes score", "reviews"),
    ("what did the amazon exec say about the renewal", "studio-statement"),
    ("how did the fans react", "fan-response"),
    ("how many ppl have watched ballard", "viewership"),
    ("how do i watch ballard", "where-to-watch"),
    ("was ballard ever at risk of getting axed", "renewal-uncertainty"),
    # Discord markup and noise around a real question
    ("<@123456789012345678> who plays ballard", "lead-actor"),
    ("@everyone **where can i watch it**", "where-to-watch"),
    ("||no spoilers|| does season 1 end on a cliffhanger", "season1-ending"),
    ("ＷＨＥＮ ＤＯＥＳ Ｓ２ ＣＯＭＥ ＯＵＴ", "season2-release-date"),
    ("w\u200bhen does s\u200b2 come out", "season2-release-date"),
    ("hey guys quick question, who plays the lead in ballard? thanks!!", "lead-actor"),
]

# Messages that must get no fact: chatter, other shows, and Ballard questions the articles
# cannot answer. Written for these tests, not taken from eval sets.
NO_ANSWER = [
    "lol",
    "ballard 10/10 would watch again",  # a rating, not a tenth season
    "good morning everyone",
    "whats up people",  # a greeting, not a question about people
    "is this the right channel",  # Discord's channels, not TV channels
    "brb getting pizza",
    "what time is it in tokyo",
    "can you recommend a good book",
    "is the new iphone worth it",
    "when does reacher season 3 come out",
    "who plays harry bosch in bosch legacy",
    "when did bosch season 2 premiere",
    "how do i cancel prime video",
    "how many episodes are in season 2",
    "how many?",  # a question word alone
    "how many seasons of bosch are there",
    "will there be a season 3",
    "is there a trailer yet",
    "who dies at the end of season 1",
    "how old is maggie q",
    "how old is renee in the show",
    "is it ok for kids",
    "what song plays in the finale",
    "ballard locks opening hours",
    "",
    "😭😭😭",
    "<@123456789012345678>",
]


@pytest.mark.parametrize(("message", "fact_id"), ANSWERS)
def test_answers(matcher: Matcher, message: str, fact_id: str) -> None:
    result = matcher.match(message)
    assert result.outcome == "answer", (result.outcome, result.ranked[:3])
    assert result.id == fact_id
    assert ANSWER_THRESHOLD <= result.confidence <= 1.0


@pytest.mark.parametrize("message", NO_ANSWER)
def test_no_answer(matcher: Matcher, message: str) -> None:
    result = matcher.match(message)
    assert result.id is None, (result.ids, result.confidence)
    assert result.answers == ()


def test_known_unknowns_are_named(matcher: Matcher) -> None:
    result = matcher.match("how many episodes does season 1 have")
    assert result.outcome == "none"
    assert result.unknown is not None and result.unknown.id == "episode-count"


def test_two_questions_get_two_answers(matcher: Matcher) -> None:
    result = matcher.match("who plays ballard and where can i watch it")
    assert result.outcome == "answer"
    assert set(result.ids) == {"lead-actor", "where-to-watch"}


@pytest.mark.parametrize(
    ("message", "facts"),
    [
        (
            "two things: is harry bosch in ballard, and who plays renee? sorry if this was asked",
            ["bosch-appearance", "lead-actor"],
        ),
        (
            "i have a couple of questions: is harry bosch in it, and is there going to be a "
            "second season? thanks!!",
            ["bosch-appearance", "season2-renewal"],
        ),
        ("quick q for planning: when did s1 release and is s2 confirmed?", None),
        (
            "two things - is harry bosch in ballard, and who plays renee",
            ["bosch-appearance", "lead-actor"],
        ),
        (
            "two things — is harry bosch in ballard? who plays renee",
            ["bosch-appearance", "lead-actor"],
        ),
        ("1) is harry bosch in ballard 2) who plays renee", ["bosch-appearance", "lead-actor"]),
        (
            "quick question is harry bosch in ballard and who plays renee",
            ["bosch-appearance", "lead-actor"],
        ),
        (
            "so i was wondering is harry bosch in ballard and who plays renee",
            ["bosch-appearance", "lead-actor"],
        ),
    ],
)
def test_a_question_after_a_colon_or_an_announcement_is_a_question_of_its_own(
    matcher: Matcher, message: str, facts: list[str] | None
) -> None:
    """ "two things: is X, and Y" (or "two things - is X", "1) is X 2) Y", "quick question is
    X and Y"): the first question is not swallowed by what comes before it."""
    result = matcher.match(message)
    assert result.outcome == "answer"
    if facts is None:
        assert result.ids[:2] == ["season1-premiere", "season2-renewal"]
    else:
        assert result.ids == facts


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("wher can i watch it", "where-to-watch"),  # a question word misspelled
        ("whre can i watch it", "where-to-watch"),
    ],
)
def test_a_misspelled_question_word_still_asks(matcher: Matcher, message: str, fact: str) -> None:
    assert matcher.match(message).id == fact


def test_a_misspelled_question_opening_still_starts_a_question(matcher: Matcher) -> None:
    """Spelling is corrected before a message is split into questions: "doees" opens the
    second question as "does" would."""
    result = matcher.match("how many episodes are in season 1? and doees bosch pop up at all??")
    assert [p.text for p in result.parts] == [
        "how many episodes are in season 1",
        "does bosch pop up at all",
    ]
    assert result.ids == ["bosch-appearance"]


def test_a_terse_question_before_another_is_a_question_of_its_own(matcher: Matcher) -> None:
    """ "rotten tomatoes score? how many minutes watched?" asks two things: the first had
    been read as the second's topic and dropped without a word (a helper session writing
    fans' messages found it). A terse question is that second question's topic when the
    question points back at it ("season 2? when does it come out"), and a reaction ending
    with "?" ("that ending?? who are the producers") is no question beside another."""
    result = matcher.match("rotten tomatoes score? how many minutes watched?")
    assert result.ids == ["reviews", "viewership"]
    assert [p.text for p in result.parts] == ["rotten tomatoes score", "how many minutes watched"]
    topic = matcher.match("season 2? when does it come out")
    assert topic.ids == ["season2-release-date"] and not topic.parts
    reacting = matcher.match("that ending?? who are the producers")
    assert reacting.ids == ["producers"]
    assert "season1-ending" not in [f.id for f in reacting.suggestions]


def test_a_word_corrected_into_a_chat_spelling_reads_as_what_it_stands_for(
    matcher: Matcher,
) -> None:
    """Spelling is corrected after contractions and chat spellings are written out, so a
    typo corrected into one ("waht" into "wat", a way of writing "what"; "gonnna" into
    "gonna") is written out too: it asks, and is no unknown word weighing on the message."""
    asked = matcher.lexicon.analyse("waht is ballard about")
    assert "what" in asked.question_words
    assert [t.text for t in asked.tokens] == [
        t.text for t in matcher.lexicon.analyse("what is ballard about").tokens
    ]
    assert matcher.match("waht is ballard about").id == "premise"
    going = matcher.lexicon.analyse("where r they gonnna shoot s2")
    assert going.tokens == matcher.lexicon.analyse("where r they gonna shoot s2").tokens


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("wha is ballard about", "premise"),
        ("dd it do well on prime video", "viewership"),
        ("cas i stream it on hulu", "where-to-watch"),
        ("dose harry bosh show up", "bosch-appearance"),
        ("si ballard renewed", "season2-renewal"),
        ("wil ther be a seson 2", "season2-renewal"),
    ],
)
def test_a_misspelt_question_opener_still_opens_a_question(
    matcher: Matcher, message: str, fact: str
) -> None:
    """A clause's first word one letter from a question opener ("wha", "dd", "cas",
    "dose") opens the question that opener would, though it is too short to correct or
    an English word of its own."""
    assert matcher.lexicon.analyse(message).question_clauses
    result = matcher.match(message)
    assert (result.outcome, result.id) == ("answer", fact)


@pytest.mark.parametrize(
    "message",
    ["wow that ending was wild", "so that ending was wild", "ho ho ho merry christmas"],
)
def test_a_common_word_that_opens_a_clause_is_no_misspelt_opener(
    matcher: Matcher, message: str
) -> None:
    """ "wow" and "so" are one letter from "how" and "do", but English words too common to be
    typos of them: the statement stays a statement ("ho" is rarer, but "ho ho ho" is no
    question either: its clause reads as one once "ho" is "how", and no fact is about it)."""
    result = matcher.match(message)
    assert result.outcome == "none"
    if not message.startswith("ho"):
        assert not matcher.lexicon.analyse(message).question_clauses


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("which app hs ballard", "which app has ballard"),
        ("wen did season one come ot", "wen did season one come out"),
    ],
)
def test_a_misspelt_function_word_weighs_nothing(matcher: Matcher, typed: str, meant: str) -> None:
    """A word of two letters that no base uses and English rarely does, one letter from a
    function word ("hs", "ot") and from no word of the base, is that function word: it
    weighs nothing, where it weighed as a rare word no fact explains and sank the
    question."""
    lexicon = matcher.lexicon
    assert lexicon.analyse(typed).tokens == lexicon.analyse(meant).tokens
    assert matcher.match(typed).outcome == "answer"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whats the reasn ballard got renewed", "whats the reason ballard got renewed"),
        ("did ballard get renewed yesterdya", "did ballard get renewed yesterday"),
    ],
)
def test_a_misspelt_everyday_word_weighs_as_that_word(
    matcher: Matcher, typed: str, meant: str
) -> None:
    """A word no English list and no base knows, one letter from an everyday English word
    and from no word of the base, is that word: no fact uses it, but it no longer weighs
    as a rare word and sinks the question. (Written for this test.)"""
    lexicon = matcher.lexicon
    assert lexicon.analyse(typed).tokens == lexicon.analyse(meant).tokens
    assert matcher.match(typed).confidence == matcher.match(meant).confidence


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wheres the cast lsit", "wheres the cast list"),  # not "lit": a swap keeps letters
        ("who plays baalrd", "who plays ballard"),  # a word of the base, the same way
        ("any nwes on season 2", "any news on season 2"),  # not "nes"
        ("is ballard renewd", "is ballard renewed"),  # a dropped letter still wins
        ("is ballard baed on a book", "is ballard based on a book"),  # not "bad"
    ],
)
def test_two_letters_swapped_are_read_as_the_word_they_spell(
    matcher: Matcher, typed: str, meant: str
) -> None:
    """Of corrections one edit away, two neighbouring letters swapped counts as one letter
    moved, as a dropped one does (it counted as two, so "lsit" became "lit" rather than
    "list"), and a letter the typo added as one and a half ("baed" had become "bad"). Written
    for this test (and tools/typo_examples.py's misses); tools/typo_examples.py measures it."""
    lexicon = matcher.lexicon
    assert lexicon.analyse(typed).tokens == lexicon.analyse(meant).tokens


@pytest.mark.parametrize(
    ("message", "word"),
    [
        ("how do I book an appointment with my GP", "gp"),  # capitals: an abbreviation
        ("what do i owe for season 2", "owe"),  # an English word, however short
        ("is there a cash isa", "isa"),
        ("is ballard on uk netflix", "uk"),  # a common word of two letters
        ("did the show get a ax credit", "ax"),  # one letter from "tax" too
    ],
)
def test_a_short_word_that_means_something_is_kept(
    matcher: Matcher, message: str, word: str
) -> None:
    assert word in [t.text for t in matcher.lexicon.analyse(message).tokens]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("omg is it renewed", "season2-renewal"),
        ("lol is it on prime", "where-to-watch"),
        ("yall is it on netflix", "where-to-watch"),
        ("wait is bosch in it", "bosch-appearance"),
    ],
)
def test_an_interjection_before_a_question_leaves_it_a_question(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ "omg", "lol", "yall", "wait" before a question starter (bot/data/interjections.txt)
    are skipped as "so" and "ok" are; before anything else they stay ("lol that ending")."""
    assert matcher.lexicon.analyse(message).question_clauses
    assert matcher.match(message).id == fact
    assert not matcher.lexicon.analyse("lol that ending was wild").question_clauses


@pytest.mark.parametrize(
    ("held", "written"),
    [
        ("sooo is there gonna be more ballard or nah", "so is there gonna be more ballard or nah"),
        ("omggg is it renewed", "omg is it renewed"),
        ("is it renewedddd", "is it renewed"),
        ("whyyy did it end like that", "why did it end like that"),
    ],
)
def test_a_letter_held_for_emphasis_reads_as_the_word(
    matcher: Matcher, held: str, written: str
) -> None:
    """ "sooo", "omggg", "renewedddd": a letter written three times or more is the word
    written with it once or twice, whichever the base or English knows."""
    result, expected = matcher.match(held), matcher.match(written)
    assert expected.outcome == "answer"
    assert (result.outcome, result.ids) == (expected.outcome, expected.ids)


def test_question_after_chatter_is_found(matcher: Matcher) -> None:
    message = (
        "ok so i binged the whole thing this weekend and i cannot stop thinking about it. "
        "anyway, is there going to be a season 2?"
    )
    assert matcher.match(message).id == "season2-renewal"


# Indirect questions: "if" or "whether" after words that ask opens a question of its own.
# (Written for these tests, not taken from eval sets.)
@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("my mom wants to know if it got renewed", "season2-renewal"),
        ("i was wondering if there will be a season 2", "season2-renewal"),
        ("can someone tell me if the show is based on a book", "source-books"),
        ("my dad is curious if it's a spinoff of bosch", "bosch-spinoff"),
        # (the one asked between: "asking me whether"; twelfth session)
        ("my sister keeps asking me whether ballard is on prime", "where-to-watch"),
    ],
)
def test_an_indirect_question_is_a_question(matcher: Matcher, message: str, fact: str) -> None:
    assert matcher.is_question(message)
    assert matcher.match(message).id == fact


@pytest.mark.parametrize(
    "message",
    [
        "not sure if i like the show yet, the pilot was slow",
        "idk if i should start bosch first",
        "let me know if you want to watch it together tonight",
        "i dont know if it got renewed",
        "if it gets renewed i will rewatch everything",
    ],
)
def test_doubt_or_an_offer_with_if_is_not_a_question(matcher: Matcher, message: str) -> None:
    assert not matcher.is_question(message)


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("isnt it on prime", True),
        ("wasnt there a trailer", True),
        ("didnt they renew it", True),
        ("dont want to spoil it for my sister", False),
        ("didnt like the ending much", False),
    ],
)
def test_a_negative_question_asks(matcher: Matcher, message: str, asks: bool) -> None:
    """ "isnt it…" (a verb, "not", its subject) asks; "dont want…" (a verb, "not", another
    verb) does not."""
    assert matcher.is_question(message) is asks


@pytest.mark.parametrize(
    "message",
    [
        "am i supposed to watch bosch first",
        "am i able to watch it in canada",
        "shall i start with season 1 or the books",
    ],
)
def test_am_and_shall_open_a_question(matcher: Matcher, message: str) -> None:
    """ "am i…" and "shall i…" ask as "is it…" and "will it…" do (bot/data/
    question_starters.txt): written without a question mark, they had read as statements,
    which the calibrated confidence trusts less. ("am i the only one who…" still polls the
    channel: bot.courtesy.without_polls.) (Written for this test.)"""
    assert matcher.is_question(message)


def test_anyone_asking_opens_an_indirect_question(matcher: Matcher) -> None:
    """ "anyone know if…" asks, as "wants to know if…" does, and "we're" says: it is no
    "were" opening a question. (Written for this test.)"""
    message = (
        "hey all, first time posting. we finished ballard last night and we're both hooked. "
        "anyone know if it got renewed?"
    )
    analysis = matcher.lexicon.analyse(message)
    assert [analysis.clause_texts[c] for c in analysis.question_clauses] == ["if it got renewed"]
    assert matcher.match(message).ids == ["season2-renewal"]


def test_a_letters_possessive_is_the_name(matcher: Matcher) -> None:
    """ "maggie q's role" is Maggie Q's role: "q's" had read as the rare word "qs", which no
    fact explains, so the question got the known unknown about the actors' private lives.
    (Found by probing with questions of my own.)"""
    texts = [t.text for t in matcher.lexicon.analyse("what's maggie q's role").tokens]
    assert texts == [t.text for t in matcher.lexicon.analyse("what's maggie q role").tokens]
    assert matcher.match("what is maggie q's role in ballard").ids == ["lead-actor"]


@pytest.mark.parametrize("said", ["lolol", "lololol", "hahahaha", "hehehehe"])
def test_a_long_laugh_does_not_sink_a_question(matcher: Matcher, said: str) -> None:
    """ "lolol" is "lol": it had been a rare word no fact explains, and "who plays ballard
    lolol" got a "did you mean" at 0.08 where "who plays ballard lol" gets the lead at 0.95.
    (Found by probing with messages of my own.)"""
    assert matcher.match(f"who plays ballard {said}").ids == ["lead-actor"]
    assert matcher.match(f"{said} is it renewed").ids == ["season2-renewal"]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("pls tell me the release date for season 2", "season2-release-date"),
        ("give me the cast list", "cast"),
        ("looking for the season 2 release date", "season2-release-date"),
        ("omg show me where to watch it", "where-to-watch"),
    ],
)
def test_a_request_asks_as_a_question_does(matcher: Matcher, message: str, fact: str) -> None:
    """ "tell me…", "give me…" (bot/data/request_openers.txt) ask: in an auto-answer
    channel the bot answers them when sure, as it does a question. (Written for this test.)"""
    assert matcher.is_question(message)
    assert matcher.match(message).ids == [fact]
    assert matcher.speaks_unasked(message)


@pytest.mark.parametrize("message", ["i need a minute", "need a new show lol", "explained"])
def test_a_need_is_no_request(matcher: Matcher, message: str) -> None:
    assert not matcher.is_question(message)


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("who dat playin ballard", "lead-actor"),
        ("how much $ did cali give em", "season2-tax-credit"),
        ("hu plays ballard", "lead-actor"),
    ],
)
def test_chat_spellings_of_function_words(matcher: Matcher, message: str, fact: str) -> None:
    """ "dat", "em", "hu" (bot/data/contractions.txt) had been rare words no fact explains,
    or spelling corrections ("hu" -> "huh"). (Written before looking at the answers.)"""
    assert matcher.match(message).ids == [fact]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        (
            "honestly the acting is so good and the cases are really interesting did it get "
            "renewed?",
            "season2-renewal",
        ),
        ("my brother and i binged the whole thing last weekend is it on prime", "where-to-watch"),
    ],
)
def test_a_question_run_on_after_chat_is_found(matcher: Matcher, message: str, fact: str) -> None:
    """A verb and its subject after a few words of chat start a question of their own, as a
    question word does ("... really interesting did it get renewed?"). (Written before
    looking at the answers.)"""
    assert matcher.match(message).ids == [fact]


def test_a_condition_before_a_question_stays_with_it(matcher: Matcher) -> None:
    """ "if i ... will they ..." is one question: the condition is no chat before it."""
    analysis = matcher.lexicon.analyse("if i miss the premiere night will they show it again?")
    assert analysis.clause_texts == ("if i miss the premiere night will they show it again",)


@pytest.mark.parametrize("message", ["cast list❓", "s2 release date❔", "bosch in it❓"])
def test_a_question_mark_written_as_an_emoji_asks(matcher: Matcher, message: str) -> None:
    """ "❓" is "?": "cast list❓" had been no question, so an auto-answer channel left it
    alone. (Found by probing with messages of my own.)"""
    assert matcher.is_question(message) and matcher.speaks_unasked(message)


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("it got renewed right?", "season2-renewal"),
        ("maggie q plays ballard right?", "lead-actor"),
        ("bosch is in it innit?", "bosch-appearance"),
    ],
)
def test_a_question_tag_is_no_word_of_the_question(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ "right?" at a question's end (bot/data/tags.txt) asks to agree: it had weighed as a
    word no fact explains ("it got renewed right?" got a "did you mean" at 0.43); anywhere
    else it is a word. (Found by probing with messages of my own.)"""
    assert matcher.match(message).ids == [fact]
    assert "right" in [t.text for t in matcher.lexicon.analyse("is this the right one").tokens]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("it got renewed, right?", "season2-renewal"),
        ("bosch is in it, yeah?", "bosch-appearance"),
        ("its on prime, innit?", "where-to-watch"),
        ("it got renewed. right?", "season2-renewal"),
    ],
)
def test_a_question_tag_asked_as_a_clause_asks_the_clause_before(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ ", right?" after a statement is that statement's question mark: the comma had made
    "right" a question of its own and the statement before it chat ("it got renewed,
    right?" had a "did you mean" at 0.43). A tag alone is nothing asked. (Found by probing
    with messages of my own, 4 December 2026, eighth session.)"""
    assert matcher.match(message).ids == [fact]
    analysis = matcher.lexicon.analyse(message)
    assert analysis.clause_count == 1 and analysis.question_clauses == {0}
    assert matcher.match("right?").ids == []


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("is it true it got renewed", "season2-renewal"),
        ("is it true bosch is in it", "bosch-appearance"),
        ("i heard it got renewed, is that true?", "season2-renewal"),
        ("someone said bosch is in it, is that true", "bosch-appearance"),
        ("is it true its on prime", "where-to-watch"),
    ],
)
def test_asking_whether_something_heard_is_so_asks_it(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ "is it true…", "i heard…", "is that true?" (bot/data/filler_phrases.txt) say
    nothing about what is asked: "true" and "heard" had weighed as words no fact explains
    ("is it true it got renewed" got a "did you mean" at 0.51). Found by probing with
    messages of my own (tools/probes.py, 5 of 16 right before, 13 after)."""
    assert matcher.match(message).ids == [fact]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("what about the cast", "cast"),
        ("what about the books", "source-books"),
        ("what about bosch, is he in it", "bosch-appearance"),
        ("what about season 3", None),
        ("what is ballard about", "premise"),
    ],
)
def test_what_about_asks_about_the_topic_after_it(
    matcher: Matcher, message: str, fact: str | None
) -> None:
    """ "what about the cast" is a follow-up asking about the cast (bot/data/
    topic_questions.txt: "what about" is the question word "what"); "about" had weighed as a
    word of the question ("what is it about") and it got a "did you mean" at 0.38 where "the
    cast?" got the cast. "what is ballard about" still asks the premise. Found by probing
    with follow-ups of my own (tools/probes.py, 9 of 12 right before, 11 after)."""
    assert matcher.match(message).ids == ([fact] if fact else [])


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("not sure who plays ballard", "lead-actor"),
        ("not sure when season 2 is coming out", "season2-release-date"),
        ("unsure where to watch it", "where-to-watch"),
        ("not sure if i like it", None),
        ("not sure about this show tbh", None),
    ],
)
def test_not_knowing_before_a_question_word_asks_it(
    matcher: Matcher, message: str, fact: str | None
) -> None:
    """ "not sure who plays ballard" asks who plays her: "sure" and "unsure" are stopwords
    (it had weighed as a word of the question, a "did you mean" at 0.22). Doubt is still no
    question ("not sure if i like it"). Found by probing with messages of my own
    (tools/probes.py, "not knowing, said instead of asked", 7 of 14 before, 9 after)."""
    assert matcher.match(message).ids == ([fact] if fact else [])


def test_a_close_call_goes_to_the_fact_the_message_names() -> None:
    """An example that names a person (the producers' "is connelly also an exec producer
    on it", of the second admin batch) ties "who's michael connelly?" between the producers
    and the books, whose keyword names him: the message names the books as their admin wrote
    it, so it gets the books (a "did you mean" at 0.06 without the tie-break)."""
    shipped = load_knowledge(KNOWLEDGE_DIR)  # (the example shipped since 5 December 2026)
    assert "is connelly also an exec producer on it" in shipped.fact("producers").questions
    matcher = Matcher(shipped)
    result = matcher.match("who's michael connelly?")
    assert result.ranked[0].confidence == result.ranked[1].confidence  # the tie
    assert result.ids == ["source-books"]
    assert matcher.match("who is henrik bastin").ids == ["producers"]


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("who is titus welliver", "bosch-appearance"),
        ("who is maggie q", "lead-actor"),
        ("who's michael connelly?", "source-books"),
        ("who is the villain in season 2", None),
    ],
)
def test_who_is_and_a_name_is_that_name(matcher: Matcher, message: str, fact: str | None) -> None:
    """ "who is titus welliver" says a name of the fact Titus Welliver is a keyword of, as
    "titus welliver?" does: a question word and its verb before nothing but a name (a "did
    you mean" at 0.59 before). Found by probing with questions of my own (tools/probes.py,
    "who is a person named in the articles", 5 of 10 before, 8 after)."""
    assert matcher.match(message).ids == ([fact] if fact else [])


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("any chance it got renewed?", "season2-renewal"),
        ("any chance of a season 2?", "season2-renewal"),
        ("just wanted to check who plays ballard", "lead-actor"),
        ("i would like to know where to watch it", "where-to-watch"),
        ("need help with the release date for season 2", "season2-release-date"),
    ],
)
def test_a_customers_polite_frame_is_chat(matcher: Matcher, message: str, fact: str) -> None:
    """ "any chance…" (bot/data/filler_phrases.txt) and "just wanted to check" before a
    question word (announcers.txt) say that something is asked, not what: "chance" and
    "check" had weighed as words of the question (a "did you mean" at 0.14-0.31). Found by
    probing the development domains' bases with customers' frames of my own (tools/probes.py
    --domains, "customer chat frames")."""
    assert matcher.match(message).ids == [fact]


def test_supposed_to_says_that_something_is_asked_not_what(matcher: Matcher) -> None:
    """ "where am i supposed to watch it" asks where to watch it: "supposed" is a stopword, a
    modal as "able" is (a "did you mean" at 0.08 before). Found by probing with long messages
    of my own (tools/probes.py, 9 of 12 before, 10 after)."""
    assert matcher.match("where am i supposed to watch it").ids == ["where-to-watch"]


def test_waiting_until_says_when_not_what(matcher: Matcher) -> None:
    """ "how long until season 2": "until", "till" and "til" are stopwords, as other
    prepositions are; "until" had weighed as a word of the question that no fact explains (a
    "did you mean" at 0.62). Found by probing with questions of my own (tools/probes.py, "how
    + adjective or adverb", 8 of 12 before, 9 after)."""
    for asked in ("how long until season 2", "how long till s2", "how long til season 2"):
        assert matcher.match(asked).ids == ["season2-release-date"], asked


def test_please_after_words_asks_for_them(matcher: Matcher) -> None:
    """ "cast list pls" asks for the cast list: "please", "pls", "plz" ending a part of more
    words make it a request (bot/data/request_words.txt; a "did you mean" at 0.47 before),
    not "please" opening one ("please someone tell me they're making more" asks what follows
    it). Found by probing the development domains' bases with terse requests of my own
    (tools/probes.py --domains: "timetable please" got a "did you mean" at 0.35)."""
    assert matcher.match("cast list pls").ids == ["cast"]
    assert matcher.match("nielsen ranking please").ids == ["nielsen-ranking"]
    assert matcher.match("no spoilers pls").ids == []
    assert matcher.match("pls").ids == []
    # ...and so do the nouns that name what is asked for (a "did you mean" before)
    assert matcher.match("cast list").ids == ["cast"]
    # ...with thanks after it too: the message asks when its core does (it had read as a
    # statement and only offered its fact)
    assert matcher.match("cast list thanks!").ids == ["cast"]
    assert matcher.match("nielsen ranking please, thanks in advance").ids == ["nielsen-ranking"]
    # "pls" after a question asked with "?" asks it still: the part it ends is asked with
    # what ends with "?" (it had been the only part asked: a "did you mean" for "y/n")
    assert matcher.match("titus in ballard? y/n pls").ids == ["bosch-appearance"]
    # ...and with "asap" after it, said around the request (bot/data/request_wrappers.txt)
    assert matcher.match("cast asap").ids == ["cast"]
    # ...and after a phrase announcing it with a colon ("quick q: cast list")
    assert matcher.match("quick q: cast list").ids == ["cast"]
    assert matcher.match("who plays her? cast list pls").ids == ["lead-actor", "cast"]
    for alone in ("list", "info", "details", "so many details"):
        assert matcher.match(alone).outcome != "answer", alone


def test_leaders_before_a_question_do_not_count_as_chat_before_a_question_word(
    matcher: Matcher,
) -> None:
    """ "ok so does the actor who played bosch…": five words before "who" had made it open a
    question of its own (after that much chat, "finished it in two nights anyway where can i
    watch it" asks again), and "does the actor" was asked alone: the cast. The leaders that
    open the message are no chat. (Found with tools/invariance.py, "ok so ...": 2 right
    answers became wrong ones.)"""
    said = "does the actor who played Bosch reprise the role here?"
    assert matcher.match(said).ids == ["bosch-appearance"]
    for lead in ("ok so ", "so basically ", "and "):
        assert matcher.match(lead + said).ids == ["bosch-appearance"], lead
    clauses = matcher.lexicon.analyse("finished it in two nights anyway where can i watch it")
    assert clauses.clause_count == 2
    # ...nor keep its misspelt opener from being read as one ("ok so dose titus appear in
    # it": "does", as without "ok so"; a "did you mean" before)
    for lead in ("", "ok so ", "yo ", "and "):
        assert matcher.match(lead + "dose titus appear in it").ids == ["bosch-appearance"], lead


def test_the_lines_a_message_quotes_are_not_what_it_asks(matcher: Matcher) -> None:
    """Discord's "> " quotes a line (someone else's, or said before): "> s1 was so good"
    then "ballard plot" asks for the plot, as "ballard plot" does; it had been read with the
    quote, its "s1" pulling toward the season 1 facts. A message all quote is read as it is
    (a question quoted to ask it again). (tools/invariance.py, "> quoted reply, then ...":
    287 development messages' decisions had changed.)"""
    assert matcher.match("ballard plot").ids == ["premise"]
    assert matcher.match("> s1 was so good\nballard plot").ids == ["premise"]
    assert matcher.match("> s1 was so good\nballard cast").ids == ["cast"]
    assert matcher.match("> who plays ballard").ids == ["lead-actor"]
    assert matcher.match(">>> who plays ballard\nwho is she?").ids == ["lead-actor"]


def test_a_question_about_nothing_but_the_quote_asks_the_quote(matcher: Matcher) -> None:
    """ "> when is season 2 coming out" then "anyone know?": what the fan writes under the
    quote asks, about nothing of its own, so the quote is what is asked; it had got nothing
    (a helper session writing fans' messages found it). Chat under a quote ("lol same")
    asks nothing, and stays a reaction."""
    assert matcher.match("when is season 2 coming out").ids == ["season2-release-date"]
    for under in ("anyone know?", "this ^^^ someone answer pls"):
        said = f"> when is season 2 coming out\n{under}"
        assert matcher.match(said).ids == ["season2-release-date"], under
    chat = matcher.match("> season 2 is coming\nlol same")
    assert (chat.outcome, chat.courtesy) == ("none", "reaction")


def test_a_question_about_it_under_a_quote_is_about_what_the_quote_asks(
    matcher: Matcher,
) -> None:
    """ "> is it renewed" then "when does it come out": the quote asks about season 2, so
    "it" is season 2, as it is in a reply to the bot's answer about the renewal; it had got
    the season 1 premiere. A quote that asks nothing leaves "it" the show."""
    for said in (
        "> is it renewed\nwhen does it come out",
        "> did it get renewed?\nyes it is. when does it come out then",
    ):
        assert matcher.match(said).ids[:1] == ["season2-release-date"], said
    assert matcher.match("when does it come out").ids == ["season1-premiere"]
    assert matcher.match("> s1 was so good\nwhen does it come out").ids == ["season1-premiere"]
    # ...and a quote that asks nothing but names a season says which one "it" is
    said = "> ballard s2 is gonna be wild\nwhen does it come out"
    assert matcher.match(said).ids == ["season2-release-date"]


def test_asking_not_to_be_spoiled_is_chat(matcher: Matcher) -> None:
    """ "without spoiling anything" says what not to answer, not what is asked, as "no
    spoilers" does (bot/data/filler_phrases.txt); it had read as asking for spoilers (0.06).
    Found by probing with messages of my own (tools/probes.py, 7 of 8 before, 8 after)."""
    assert matcher.match("can you tell me the premise without spoiling anything").ids == ["premise"]
    assert matcher.match("who dies in season 1, without spoilers").ids == []


def test_a_question_word_that_ends_a_message_starts_no_question(matcher: Matcher) -> None:
    """ "… the name rings a bell but i can not remember from where", "ballard s2 release date
    when": a question word after chat that nothing follows asks nothing of its own; it had
    split off a question without a word, and the chat before it was left as no question.
    And "right" after its verb ("who is right") is what is said, no question tag. (Found
    reading how the development sets' long messages split, 4 December 2026, eighth
    session.)"""
    lexicon = matcher.lexicon
    assert (
        lexicon.analyse("the name rings a bell but i can not remember from where").clause_count == 1
    )
    said = "and yo ballard s2 release date when 👀"
    assert matcher.match(said).ids == ["season2-release-date"]
    assert "right" in [t.text for t in lexicon.analyse("so who is right").tokens]
    assert "right" not in [t.text for t in lexicon.analyse("it got renewed right").tokens]


def test_everyday_words_are_not_read_as_others(matcher: Matcher) -> None:
    """Two readings of real words found by listing what spelling correction does to the
    development sets' words: chat's dropped g made "thin" *thing* (a word as common as
    CHAT_FORM_ZIPF is one of its own), and the doer/action relation made "adorable" (stem
    "ador") the base's "ad" (both words of the relation need MIN_RELATED_LEN letters)."""
    correct = matcher.lexicon.spelling.correct
    assert (correct("thin"), correct("adorable")) == ("thin", "adorable")
    assert (correct("goin"), correct("comin"), correct("acting")) == ("going", "coming", "actor")


def test_a_hedge_is_no_part_of_the_question(matcher: Matcher) -> None:
    """ "definitely", "honestly"… say how sure the fan is, not what they ask; the words
    sharing their stem still count. (Written for this test.)"""
    assert matcher.match("is there definitely gonna be a season 2").ids == ["season2-renewal"]
    assert matcher.match("is bosch ever in it").ids == ["bosch-appearance"]  # (eighth session)
    assert matcher.match("how many people watched it overall").ids == ["viewership"]
    assert matcher.match("is there def gonna be a season 2").ids == ["season2-renewal"]
    # ("is it possible to…" asks; "possible" is a stopword)
    assert [t.text for t in matcher.lexicon.analyse("is it possible, am i able").tokens] == []
    # (a stopword, the guess beside a question: "… or just a rumor")
    assert matcher.match("is it true bosch is in it or just a rumor").ids == ["bosch-appearance"]
    assert matcher.match("honestly who plays ballard").ids == ["lead-actor"]
    texts = [t.text for t in matcher.lexicon.analyse("totally the total budget").tokens]
    assert texts == [stem("total"), stem("budget")]


def test_an_indirect_question_is_a_part_of_its_own(matcher: Matcher) -> None:
    """From its "if" on, with "it" as its subject: the chat before it is not the question."""
    analysis = matcher.lexicon.analyse("my mom wants to know if it got renewed")
    assert analysis.clause_texts == ("my mom wants to know", "if it got renewed")
    assert analysis.question_clauses == {1}
    assert analysis.pronoun_clauses == {1}


def test_a_second_question_asked_indirectly_after_a_joiner_is_a_part_of_its_own(
    matcher: Matcher,
) -> None:
    """ "we were wondering how many episodes there are and whether amazon renewed it" asks
    two things: "and whether…" had stayed in the first question, whose known unknown (the
    episode count) and the renewal's words then sank each other, and the renewal went
    unasked."""
    said = "we were wondering how many episodes there are in total and whether it got renewed"
    analysis = matcher.lexicon.analyse(said)
    assert analysis.clause_texts[-2:] == (
        "how many episodes there are in total",
        "whether it got renewed",
    )
    result = matcher.match(said)
    assert result.ids == ["season2-renewal"]
    assert [p.result.unknown.id for p in result.parts if p.result.unknown] == ["episode-count"]
    said = "can you tell me who plays her and if she was in bosch"
    assert matcher.match(said).ids == ["lead-actor", "bosch-appearance"]
    # ...but "or whether" is another alternative of the same question, and "if" after
    # chat no condition of a question
    for said in (
        "is it renewed or whether it is cancelled",
        "i loved it and if it comes back i will cry",
    ):
        assert len(matcher.lexicon.analyse(said).clause_texts) == 1, said


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("can you find out if it got renewed", "season2-renewal"),
        ("could someone help me figure out if it got renewed", "season2-renewal"),
        ("can you help me find where to watch it", "where-to-watch"),
        ("can anyone tell me if it got renewed", "season2-renewal"),
    ],
)
def test_asking_someone_to_find_out_is_no_question_of_its_own(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ "can you find out | if it got renewed": the words before an indirect question (its
    "if", or a question word after words that ask) only ask it. They had been a question of
    their own: "find" got where to watch it beside the renewal, and "could someone help me
    figure out" was told "I don't know that yet" under the answer."""
    result = matcher.match(message)
    assert result.ids == [fact] and result.unanswered == ()
    # the chat before an indirect question that asks nothing is still read as chat
    analysis = matcher.lexicon.analyse("my mom wants to know if it got renewed")
    assert analysis.clause_count == 2 and analysis.question_clauses == {1}


def test_a_question_word_after_chat_in_a_stated_sentence_asks_nothing(
    matcher: Matcher,
) -> None:
    """ "ballard got like billions of minutes watched which is insane. how long is each
    episode though?": "which is insane" had been a question of its own, read with the chat
    before it, and answered the viewership; the sentence ends with "." before a sentence
    that ends with "?", so it says more about the chat, and the question is about what the
    base knows it does not know."""
    said = (
        "ballard got like billions of minutes watched which is insane. "
        "how long is each episode though?"
    )
    result = matcher.match(said)
    assert result.outcome == "none" and result.unknown is not None
    assert result.unknown.id == "episode-count"
    # ...or opens with a question, without "?" (long-blind-1, a development set: "when the
    # next season isnt out" had added season 2's date)
    said = (
        "about to start ep 1 but i hate shows that leave you hanging when the next season isnt "
        "even out yet. does s1 wrap up the main case or is there a big cliffhanger at the end"
    )
    assert matcher.match(said).ids == ["season1-ending"]
    # ...while such a question, last or asked with "?", or after words that ask, still asks
    for said, fact in (
        ("finished it in two nights lol. anyway where can i watch it again", "where-to-watch"),
        ("finished it in two nights anyway where can i watch it again?", "where-to-watch"),
        ("i was wondering who plays ballard. is it on netflix?", "lead-actor"),
        ("is it renewed?? lol and uhh what's s2 gonna be about", "season2-story"),
    ):
        assert fact in matcher.match(said).ids, said


def test_a_relative_clause_is_no_question_of_its_own(matcher: Matcher) -> None:
    """ "my uncle, who got me into bosch." says more about the uncle: it had been read as a
    question of its own ("who got me into bosch"), whose answer (Harry Bosch in the show)
    led the reply to the message's real question."""
    analysis = matcher.lexicon.analyse("my uncle, who got me into bosch. is it renewed?")
    assert analysis.question_clauses == {1}
    assert matcher.match("my uncle, who got me into bosch. is it renewed?").ids[0] == (
        "season2-renewal"
    )


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("My mom, who loves Bosch, wants to know who plays Ballard.", "lead-actor"),
        ("Hi, who plays Ballard.", "lead-actor"),  # a question, however it ends
        ("Hi Sarah, who plays Ballard.", "lead-actor"),
        ("Hey guys, who runs the show.", "showrunners"),
        ("Quick question, which platform is it on.", "where-to-watch"),
    ],
)
def test_who_after_a_greeting_still_asks(matcher: Matcher, message: str, fact: str) -> None:
    """After a greeting or a word of chat, "who" or "which" opens a question, even one a fan
    ends with a full stop: the first reading of relative clauses had left these unanswered."""
    result = matcher.match(message)
    assert result.ids == [fact] and result.unanswered == ()


def test_a_question_word_with_no_word_of_its_own_asks_about_what_the_message_names(
    matcher: Matcher,
) -> None:
    """ "…when does s2 start filming and when will we actually get it": the second question
    names nothing (not even "it" as its subject), so it asks about season 2, as a question
    about "it" would; it had been dropped without a word. A question of no question word
    ("anything?", "any news") still gets nothing of the season it does not ask about."""
    result = matcher.match("ok but when does s2 start filming and when will we actually get it")
    assert set(result.ids) == {"season2-production", "season2-release-date"}
    assert result.unanswered == ()
    assert matcher.match("s2 plot leaks? anything?").ids == ["season2-story"]


def test_a_misspelt_first_word_before_a_verb_is_the_question_word(matcher: Matcher) -> None:
    """ "wer can i wach balard": "wer" is one letter from "were", but "were can i…" is two
    verbs in a row; read as the question word it is as near ("where"), it is answered (it
    had been a "did you mean" of the viewership first). A real word is left as written."""
    assert matcher.match("wer can i wach balard").ids == ["where-to-watch"]
    assert matcher.lexicon.analyse("wer is it streaming").clause_texts == ("where is it streaming",)
    assert matcher.lexicon.analyse("were you able to watch it").clause_texts[0].startswith("were")


def test_a_question_asked_in_a_day_or_month_needs_a_fact_that_names_it(
    matcher: Matcher, write_kb: WriteKb
) -> None:
    """ "what was ballard's nielsen ranking in september": the ranking fact names July's week
    only, so it is offered, not answered; asked in July, or yes or no, it is the fact's. A
    fact whose answer names the day in a range answers a question asked in it, one that
    names other days does not. (Written for this test.)"""
    september = matcher.match("what was ballard's nielsen ranking in september")
    assert september.outcome == "suggest" and september.suggestions[0].id == "nielsen-ranking"
    july = matcher.match("how many minutes did ballard get the week of july 21")
    assert july.ids == ["nielsen-ranking"]
    rows = [
        (
            "nail-clipping",
            "Walk-in nail clipping runs on Saturdays for £8.",
            ["how much is nail clipping", "nail clipping price", "can you clip his nails"],
        ),
        (
            "opening-hours",
            "We are open Monday to Friday, 7am to 7pm.",
            ["what are your opening hours", "when do you open", "opening times"],
        ),
    ]
    daycare = _facts_matcher(write_kb, rows)
    assert daycare.match("how much is nail clipping on saturday mornings").ids == ["nail-clipping"]
    assert daycare.match("how much is nail clipping on a sunday").outcome == "suggest"
    assert daycare.match("what are your opening hours on wednesday").ids == ["opening-hours"]
    assert daycare.match("what are your opening hours on sunday").outcome == "suggest"
    # a fact naming no day is a policy: it answers a question asked in one, or "this week"
    assert daycare.match("can you clip his nails on tuesday").ids == ["nail-clipping"]
    assert daycare.match("what are your opening hours this week").ids == ["opening-hours"]
    # ...where a dated event is no answer about "last week"
    last_week = matcher.match("what was ballard's nielsen ranking last week")
    assert last_week.outcome == "suggest"
    assert matcher.match("how many people watched ballard in its first week").outcome == "suggest"


def test_a_known_unknown_that_explains_only_another_shows_name_is_not_named(
    matcher: Matcher,
) -> None:
    """ "is bosch legacy getting another season" shares only Bosch: Legacy's name with the
    known unknown about comparisons ("is it as good as bosch legacy"): the fan is told "I
    don't know that yet", not that the sources say nothing about which show is better. A
    comparison is still told so."""
    other = matcher.match("is bosch legacy getting another season")
    assert other.outcome == "none" and other.unknown is None
    compared = matcher.match("is ballard better than bosch legacy")
    assert compared.unknown is not None and compared.unknown.id == "opinions"


def test_a_did_you_mean_of_a_fact_the_reply_answers_leaves_no_question_over() -> None:
    """A question of a message whose "did you mean" offers only facts the reply answers
    got them: no line under the answers offers them again."""
    fact = load_knowledge(KNOWLEDGE_DIR).facts[0]
    offered = MatchResult("suggest", 0.5, suggestions=(fact,))
    nothing = MatchResult("none", 0.0)
    parts = (Part("can you help me find", offered), Part("where to watch it", nothing))
    result = MatchResult("answer", 0.9, answers=(fact,), parts=parts)
    assert result.unanswered == (parts[1],)
    other = replace(offered, suggestions=(fact, load_knowledge(KNOWLEDGE_DIR).facts[1]))
    assert replace(result, parts=(Part("x", other),)).unanswered == (Part("x", other),)


# A question inside chat that is a "did you mean" on its own, while the chat around it sinks
# the message as a whole: the fan gets the "did you mean", not "I don't know". (Written for
# these tests, not taken from eval sets. "…did amazon say when season 2 comes out?…" was
# the case until the second admin batch's examples made it an answer, 5 December 2026.)
@pytest.mark.parametrize(
    ("message", "fact"),
    [
        (
            "ok random but my book club just picked the late show. what's the latest on "
            "more episodes? we want to time it right",
            "season2-release-date",
        ),
    ],
)
def test_a_question_in_chat_keeps_its_did_you_mean(
    matcher: Matcher, message: str, fact: str
) -> None:
    result = matcher.match(message)
    assert result.outcome == "suggest"
    assert fact in [f.id for f in result.suggestions]


def test_a_question_in_chat_about_a_known_unknown_is_told_so(matcher: Matcher) -> None:
    # the known unknown's "my sources don't say" is the better reply than a "did you mean"
    result = matcher.match(
        "long week at work, finally have time to watch tv lol. will there be a season 3? "
        "my dad only watches for harry"
    )
    assert result.outcome == "none" and result.unknown is not None


# Chat that names what a fact is about, then a question about something the base knows it
# does not know: the fact came from the chat, the question is what was asked. (Written for
# this test after the rule, not taken from eval sets.)
@pytest.mark.parametrize(
    ("message", "unknown"),
    [
        # the message as a whole had got the season 1 ending, from the chat
        ("that s1 finale was such a cliffhanger!! what song plays in the final scene", "music"),
        # ...and Harry Bosch's appearance
        ("loved titus welliver showing up as bosch. how old is he these days?", "actors"),
        # ...and a "did you mean" of the cast
        ("the cast is stacked, john carroll lynch especially. how tall is maggie q?", "actors"),
    ],
)
def test_chat_lends_no_fact_to_a_question_about_a_known_unknown(
    matcher: Matcher, message: str, unknown: str
) -> None:
    result = matcher.match(message)
    assert result.outcome == "none" and result.ids == [] and result.suggestions == ()
    assert result.unknown is not None and result.unknown.id.startswith(unknown)


def test_chat_still_answers_a_question_that_says_too_little_alone(matcher: Matcher) -> None:
    # the rule above leaves the reading with the sentence before to questions about no
    # known unknown: "is that official?" asks about what the chat said
    result = matcher.match("just found out it's a bosch spinoff. is that official?")
    assert result.outcome == "answer" and result.ids == ["bosch-spinoff"]


# "X or Y": the fan asks X and guesses Y; Y's words must neither sink X nor be answered.
# (Written for these tests after the mechanism, not taken from eval sets.)
@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("is john carroll lynch in ballard or is my brother making stuff up again", "cast"),
        ("does titus welliver show up or is it only maggie q", "bosch-appearance"),
        ("did ballard get renewed or is everyone just guessing", "season2-renewal"),
        ("who plays ballard or is that a secret lol", "lead-actor"),
    ],
)
def test_the_question_before_or_is_the_question(matcher: Matcher, message: str, fact: str) -> None:
    result = matcher.match(message)
    assert result.outcome == "answer" and result.ids == [fact]
    assert result.parts == ()  # one question, not two


def test_the_guess_after_or_is_not_a_question_of_its_own(matcher: Matcher) -> None:
    # asked alone, "is it only maggie q" is about the lead; after "or" it is a guess
    assert matcher.match("is it only maggie q").ids == ["lead-actor"]
    result = matcher.match("does titus welliver show up or is it only maggie q")
    assert "lead-actor" not in result.ids
    # "and" still joins two questions
    two = matcher.match("does titus welliver show up and is it only maggie q")
    assert set(two.ids) == {"bosch-appearance", "lead-actor"}


def test_alternatives_are_marked_by_the_analysis(matcher: Matcher) -> None:
    analyse = matcher.lexicon.analyse
    assert analyse("is she in it or is she imagining things").alternatives == {1}
    assert analyse("who plays her and where can i watch it").alternatives == frozenset()
    assert analyse("is it good or bad").alternatives == frozenset()  # no question after "or"


def test_it_at_the_head_of_a_question_is_the_show(matcher: Matcher) -> None:
    # asked of a bot about one show, "is it any good" is "is ballard any good"
    assert matcher.match("is it any good").ids == matcher.match("is ballard any good").ids
    assert matcher.match("is it any good").ids == ["reviews"]
    analyse = matcher.lexicon.analyse
    assert analyse("is it any good").on_topic and analyse("when does it come back").on_topic
    # not "it" anywhere: "shazam didn't catch it" is not about the show
    assert not analyse("shazam didnt catch it").on_topic
    assert not analyse("lol i love it").on_topic
    assert matcher.match("shazam didnt catch it").outcome == "none"


def test_it_stands_for_nothing_in_a_base_without_a_subject() -> None:
    # a base that names no subject (no topic words): "is it possible..." is not about one
    plain = Lexicon(Vocabulary(), load_common_words())
    assert not plain.analyse("is it any good").on_topic


# A question of a message that names no season is about the season the message names.
# (Written for these tests after the mechanism.)
@pytest.mark.parametrize(
    "message",
    [
        "anything new on season 2? when does it come out",
        "whats the trailer for s2 like and when does it come out",
        "hyped for the second season. when does it come out",
    ],
)
def test_a_question_without_a_season_is_about_the_one_the_message_names(
    matcher: Matcher, message: str
) -> None:
    assert matcher.match("when does it come out").ids == ["season1-premiere"]  # alone
    assert matcher.match(message).ids == ["season2-release-date"]


def test_a_season_named_after_a_question_is_not_what_its_it_stands_for(
    matcher: Matcher,
) -> None:
    # "it" points back: a season named only in a later question is that question's own
    assert matcher.match("is it on prime? when does season 2 drop?").ids[:1] == ["where-to-watch"]
    assert matcher.match("when did it premiere and is there a season 2?").ids == [
        "season1-premiere",
        "season2-renewal",
    ]


def test_it_is_the_show_when_no_fact_of_its_question_says_the_season(matcher: Matcher) -> None:
    """ "when does season 2 come out and is it based on a book": read as "is season 2 based
    on a book", the second question was a "did you mean" (0.73); the books say nothing of
    season 2, so "it" is the show, as alone ("is it based on a book" 1.0). tools/probes.py,
    two questions joined: 725 -> 750 of 750."""
    for message in (
        "when does season 2 come out and is it based on a book",
        "when does season 2 come out? is it based on a book?",
        "when does season 2 come out + is it based on a book",
    ):
        assert matcher.match(message).ids == ["season2-release-date", "source-books"], message
    # the season still carries where a fact says it ("when does it come out" alone is the
    # premiere)
    assert matcher.match("anything on season 2? when does it come out").ids == [
        "season2-release-date"
    ]


@pytest.mark.parametrize(
    "message",
    ["is it renewed? when does it come out?", "is it renewed when does it come out"],
)
def test_it_is_the_season_the_other_questions_were_answered_about(
    matcher: Matcher, message: str
) -> None:
    """No season named, but the other question was answered with a fact about season 2:
    "it" is season 2, not the first season's premiere (a fan's message: the second question
    had been answered "Ballard premiered on 9 July 2025" at 0.99)."""
    assert matcher.match(message).ids == ["season2-renewal", "season2-release-date"]
    # ...and so with what the message tells around its question (a fan's message: "the
    # premiere" at 0.99)
    for said in (
        "ok so it's renewed, but when does it come out?",
        "it got renewed! when does it come out",
    ):
        assert matcher.match(said).ids == ["season2-release-date"], said
    # ...asked in the past, it asks what has been
    assert matcher.match("is it renewed? when did it come out?").ids == [
        "season2-renewal",
        "season1-premiere",
    ]
    # ...and a question that names a season, or a subject of its own, keeps its reading
    assert matcher.match("is it renewed? when did season 1 come out?").ids[-1:] == [
        "season1-premiere"
    ]
    assert matcher.match("did season 1 end on a cliffhanger? when does it come out?").ids[-1:] == [
        "season1-premiere"
    ]


def test_a_question_that_names_no_season_is_about_the_one_the_others_were_answered_about(
    matcher: Matcher,
) -> None:
    """ "what did amazon say about the renewal also when is the release date": no "it", but
    no season named either, and the other question was answered about season 2 alone: the
    release date is season 2's (it had got the premiere). Only questions about "it" or with
    no question word had been read so."""
    said = "what did amazon say about the renewal also when is the release date"
    assert matcher.match(said).ids == ["studio-statement", "season2-release-date"]
    assert matcher.match("when is the release date").ids == ["season1-premiere"]


def test_a_follow_up_in_a_few_words_after_a_question_is_a_question_of_its_own(
    matcher: Matcher,
) -> None:
    """ "is it renewed? release date?" asks two things: its second question, in two words
    and no question word, had been dropped without a word (only a "?" before a question
    counted). It is about what the message is about (season 2), as a question about "it"
    is; a follow-up naming its own season keeps it."""
    assert matcher.match("is it renewed? release date?").ids == [
        "season2-renewal",
        "season2-release-date",
    ]
    assert matcher.match("is bosch in it? showrunners?").ids == ["bosch-appearance", "showrunners"]
    assert matcher.match("is it renewed? s1 release date?").ids == [
        "season2-renewal",
        "season1-premiere",
    ]
    # ...not a guess after a comma, nor a long statement that ends with "?"
    assert matcher.match("who wrote the books, michael connelly?").ids == ["source-books"]
    said = "is bosch in it? i read the books last summer and loved the two of them together?"
    assert matcher.match(said).ids == ["bosch-appearance"]


def test_a_question_in_a_few_words_before_one_asked_of_the_channel_is_asked(
    matcher: Matcher,
) -> None:
    """ "season 2 release date? also does anyone know if they are filming in LA" asks two
    things: its first question had been dropped without a word, since the question right
    after it ("does anyone know") says nothing of its own. The next question that says
    something is the one that tells whether a "?" before it asks."""
    said = (
        "long time lurker first time poster. season 2 release date? also does anyone know "
        "if they are filming in LA again or somewhere else?"
    )
    result = matcher.match(said)
    assert result.ids[:1] == ["season2-release-date"]
    assert [p.text for p in result.parts][:1] == ["season 2 release date"]
    # ...while a channel asked with nothing after it still reads the message as one question
    assert matcher.match("season 2 release date? does anyone know?").ids == ["season2-release-date"]
    # ...and a reaction before the questions is still no question of its own
    assert matcher.match("that ending?? does anyone know who plays ballard").ids == ["lead-actor"]


def test_that_in_a_question_is_the_season_the_message_names(matcher: Matcher) -> None:
    """ "what about season 2, when's that out": "that" is season 2, which the message
    names, as "it" would be (the second question, read as a release since "when's that
    out" reads the vocabulary's "be out", had added the premiere)."""
    assert matcher.match("what about season 2, when's that out").ids == ["season2-release-date"]


def test_zero_width_spaces_typed_between_words_are_spaces(matcher: Matcher) -> None:
    """A zero-width space inside a word is dropped ("w\u200bhen", typed to dodge a filter);
    a fan who typed them between the words got nothing: the message is then read with them
    as spaces."""
    assert matcher.match("who\u200bplays\u200bballard").ids == ["lead-actor"]
    assert matcher.match("is\u200bit\u200bon\u200bnetflix?").ids == ["where-to-watch"]
    assert matcher.match("w\u200bhen does s\u200b2 come out").ids == ["season2-release-date"]
    assert matcher.match("the\u200bcast\u200bwas\u200bgreat\u200blol").outcome != "answer"


def test_a_question_with_be_before_its_subject_reads_the_vocabularys_phrase_of_be(
    matcher: Matcher,
) -> None:
    """The vocabulary says "be out" is a release; a question puts the "be" before its
    subject ("when is it out"), so the phrase is read as written around the subject. A
    fan's "is it renewed? when's it out?" had its second question dropped without a word,
    and "when is ballard out" got "I don't know that yet"."""
    assert matcher.match("is it renewed? when's it out?").ids == [
        "season2-renewal",
        "season2-release-date",
    ]
    for message in ("when is season 2 out", "is the new season out", "is s2 out yet"):
        assert matcher.match(message).ids == ["season2-release-date"], message
    # (as "when does it come out" alone asks of the show: its premiere)
    assert matcher.match("when is ballard out").ids == ["season1-premiere"]
    tokens = [t.text for t in matcher.lexicon.analyse("when was it out").tokens]
    assert tokens == [stem("release")]
    assert "<past>" in matcher.lexicon.analyse("when was it out").question_words  # "was" kept
    # ...only in a question that opens with its "be", the phrase's other words at its end
    for said in ("it is out", "is it out of the top 10", "check it out", "is out"):
        assert stem("release") not in {t.text for t in matcher.lexicon.analyse(said).tokens}


def test_a_reply_to_an_answer_about_season_2_asks_about_season_2(matcher: Matcher) -> None:
    """A fan replying to the bot's answer asks in its light (``after``: its facts, which the
    Discord layer reads off the answer's buttons): "when does it come out?" in reply to the
    renewal asks season 2's date, not the premiere's."""
    renewal = ["season2-renewal"]
    assert matcher.match("when does it come out?").ids == ["season1-premiere"]
    assert matcher.match("when does it come out?", after=renewal).ids == ["season2-release-date"]
    assert matcher.match("ok and when does it come out? where can i watch it", after=renewal).ids[
        :1
    ] == ["season2-release-date"]
    # ...not a question asked in the past, nor one naming its season, nor one about
    # something else; and an answer about no season, or a fact no longer in the base, is
    # no context
    # a reply continues the answer: a question naming no season is about the answer's
    # ("release date" in reply to a "did you mean" of season 2's facts)
    offered = ["season2-renewal", "season2-release-date", "season2-story"]
    assert matcher.match("release date").ids == ["season1-premiere"]
    assert matcher.match("release date", after=offered).ids == ["season2-release-date"]
    # ...and a question that names nothing asks its question word of the answer's season
    assert matcher.match("when?").outcome == "none"
    assert matcher.match("when?", after=renewal).ids == ["season2-release-date"]
    who = matcher.match("who?", after=renewal)  # who is in season 2: not known yet, said so
    assert who.outcome == "none" and who.unknown is not None and who.unknown.id == "season2-cast"
    assert matcher.match("why?", after=renewal).outcome == "none"
    for question, after in (
        ("release date", ["season1-premiere"]),
        ("when did it come out?", renewal),
        ("when does season 1 come out?", renewal),
        ("who plays her?", renewal),
        ("when does it come out?", ["lead-actor"]),
        ("when does it come out?", ["removed-since"]),
    ):
        assert matcher.match(question, after=after).ids == matcher.match(question).ids, question


def test_it_after_another_show_is_that_show(matcher: Matcher) -> None:
    # "it" points back at another show the message names, one no fact is about
    for message in ("im starting the rookie tonight. is it on hulu?",):
        assert matcher.match(message).outcome != "answer", message
    # ...not at one the facts are about ("is bosch in it": "it" is this show), nor when
    # the message names this show too
    assert matcher.match("is bosch in it? also is it based on a book?").ids == [
        "bosch-appearance",
        "source-books",
    ]
    assert matcher.match("started watching ballard, is it on prime?").ids == ["where-to-watch"]


def test_it_after_a_show_an_example_only_mentions_is_still_that_show(tmp_path: Path) -> None:
    """An admin's example naming another show ("anyone from abbott elementary in this?",
    taught to the cast) does not make the facts about it: "it" after it is still that
    show. (Written for this test.)"""
    message = "gonna start abbott elementary next. is it on hulu?"
    root = shipped_with_examples(
        tmp_path / "knowledge", {"cast": ["anyone from abbott elementary in this?"]}, "learned.yaml"
    )
    taught = Matcher(load_knowledge(root))
    assert taught.match("anyone from abbott elementary in this?").ids == ["cast"]
    assert taught.match(message).outcome != "answer"


def test_another_show_only_a_taught_example_names_is_no_word_of_its_fact(tmp_path: Path) -> None:
    """A fan's message taught as written to the spinoff fact names another show its answer
    does not ("is ballard a sequel to bosch: legacy…"): asked as written, or with a typo, it
    gets its fact; a question about that show does not ("did bosch: legacy get cancelled
    because of ballard?" had got the spinoff: `python tools/steering.py --seed 2` counts it).
    (A fan's message of eval/dev-2.jsonl, taught by the steering tool's runs.)"""
    taught_as = (
        "Is Ballard a sequel to Bosch: Legacy or its own separate thing? I'm trying to work "
        "out a watch order for my girlfriend who's never seen any of them and has 2 weeks off"
    )
    root = shipped_with_examples(tmp_path / "knowledge", {"bosch-spinoff": [taught_as]})
    taught = Matcher(load_knowledge(root))
    assert taught.match(taught_as).ids == ["bosch-spinoff"]
    assert taught.match(taught_as.replace("separate", "seperate")).ids == ["bosch-spinoff"]
    about_the_show = (
        "Did Bosch: Legacy get cancelled because of Ballard? my theory is Amazon only wants "
        "one Bosch show running at a time, but my friend Sam thinks that's dumb"
    )
    assert taught.match(about_the_show).outcome != "answer"
    # its answer names Bosch, not Bosch: Legacy, which only the taught example does
    (borrowed,) = taught.index.entry("bosch-spinoff").borrowed_shows
    assert borrowed.startswith("~bosch_")
    assert taught.lexicon.vocabulary.show_name(borrowed) == "bosch legacy"


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("who ae the supporting actors", "cast"),  # "who are the supporting actors"
        ("were can i wacth ballard", "where-to-watch"),  # "where can i watch ballard"
        ("s2 whee", "season2-release-date"),  # "s2 when" (the production's at 0.73 before)
        ("does barry show up at all", "bosch-appearance"),  # "does harry show up at all"
    ],
)
def test_an_example_with_a_typo_in_a_word_or_two_is_that_example(
    matcher: Matcher, message: str, fact: str
) -> None:
    """An example question is the admin's word for its fact, however a word of it is
    misspelt, a function word or a name included (tools/typo_examples.py: the shipped base's
    examples with one typo 316 / 310 / 324 of 347 right before, 343 / 338 / 344 after)."""
    result = matcher.match(message)
    assert result.ids == [fact]
    assert result.confidence >= 0.95


def test_a_number_is_never_a_typo_of_an_examples_number(matcher: Matcher) -> None:
    """ "how did season 2 end" is one character from the example "how did season 1 end",
    and asks about another season: no typo."""
    assert matcher.match("how did season 1 end").ids == ["season1-ending"]
    assert matcher.match("how did season 2 end").ids != ["season1-ending"]


def test_the_chat_around_a_taught_question_is_not_its_facts_words(tmp_path: Path) -> None:
    """A fan's long message taught as written (`/faq teach` keeps it whole) makes its question
    an example of the fact, but the chat around the question says nothing of the fact: a word
    only that chat says explains as little as a word of the answer does, so another fan's
    chat with the same words gets no answer ("anyone else in denver with no wifi for weeks?"
    had the renewal at 0.77). The message taught, and with typos, still gets its fact.
    (Written for this test.)"""
    taught = (
        "been totally out of the loop since july, moved to denver and had no wifi for weeks"
        " lol. did it get renewed?"
    )
    root = shipped_with_examples(
        tmp_path / "knowledge", {"season2-renewal": [taught]}, "learned.yaml"
    )
    matcher = Matcher(load_knowledge(root))
    assert matcher.match(taught).ids == ["season2-renewal"]
    typed = "been out of the loop since july, moved to denvr, no wifi for weeks. did it get renewd?"
    assert matcher.match(typed).ids == ["season2-renewal"]
    assert matcher.match("anyone else in denver with no wifi for weeks?").outcome != "answer"
    entry = matcher.index.entry("season2-renewal")
    assert entry.vocab["denver"] < 1.0
    assert entry.vocab["renew"] == 1.0


def test_a_known_unknowns_example_question_gets_it_word_for_word(tmp_path: Path) -> None:
    """An example question is the admin's word, for a known unknown as for a fact: "what
    else has maggie q been in", taught to the actors' private lives and other work, says
    nothing but a name the lead actor's fact explains too, and had got a "did you mean" of
    the lead actor. Word for word (or with a typo) it now gets the unknown; the lead actor's
    own questions keep their fact."""
    taught = "what else has maggie q been in"
    assert Matcher(load_knowledge(KNOWLEDGE_DIR)).match(taught).unknown is None
    root = shipped_with_examples(
        tmp_path / "knowledge", {"actors-personal": [taught]}, "learned.yaml"
    )
    matcher = Matcher(load_knowledge(root))
    for said in (taught, "What else has Maggie Q been in?", "what else has magie q been in"):
        result = matcher.match(said)
        assert result.outcome == "none" and result.unknown is not None, said
        assert result.unknown.id == "actors-personal", said
    assert matcher.match("who plays ballard").ids == ["lead-actor"]
    assert matcher.match("maggie q").ids == ["lead-actor"]


def test_a_known_unknowns_example_of_several_clauses_is_not_read_clause_by_clause(
    tmp_path: Path,
) -> None:
    """Taught to the spoilers' known unknown, a fan's long question (a QA session's) still got
    the producers' answer, confidently, and `/faq teach` refused it as doing nothing: its
    clauses were read one by one ("…the people who make the show…"). The message is the
    unknown's example, the admin's word for all of it, as a fact's example is."""
    long = (
        "is there any chance at all that the people who make the show will tell us who the "
        "voice on the phone in the last episode was"
    )
    root = shipped_with_examples(tmp_path / "knowledge", {"spoilers": [long]}, "learned.yaml")
    result = Matcher(load_knowledge(root)).match(long)
    assert result.outcome == "none" and result.unknown is not None
    assert (result.unknown.id, result.parts) == ("spoilers", ())


def test_no_season_is_carried_when_the_message_names_two(matcher: Matcher) -> None:
    analyse, vocabulary = matcher.lexicon.analyse, matcher.lexicon.vocabulary
    two = analyse("loved season 1. is season 2 coming? when is it out")
    assert carried_terms(two, vocabulary) == ()
    one = analyse("is season 2 coming? when does it come out")
    assert [t.text for t in carried_terms(one, vocabulary)] == ["season_2"]
    assert one.pronoun_clauses == {1}  # only a question whose subject is "it" takes it


def test_a_question_about_it_with_no_word_of_its_own_is_read_with_what_was_said(
    matcher: Matcher,
) -> None:
    """ "how much was it" after a statement about money asks about that, and is accounted
    for as a question of its own. (Written for this test.)"""
    result = matcher.match(
        "heard california gave them a ton of tax money to film there. how much was it? "
        "also who plays ballard"
    )
    asked = {p.text: p.result.ids for p in result.parts}
    assert asked["how much was it"] == ["season2-tax-credit"]
    # (the surest first, as in any message whose chat is about the base)
    assert sorted(result.ids) == ["lead-actor", "season2-tax-credit"]


@pytest.mark.parametrize("mark", [" • ", " | ", " / ", " + ", " & "])
def test_a_list_of_topics_beside_a_question_gets_each_its_answer(
    matcher: Matcher, mark: str
) -> None:
    """Topics lined up with marks beside a question (or a topic marked "?") are each asked;
    a list with no question in it is praise as often as not, and gets no fact for its
    items. (Written for this test.)"""
    mixed = matcher.match(f"rt score{mark}who plays ballard{mark}full cast list")
    assert mixed.ids == ["reviews", "lead-actor", "cast"]
    assert matcher.match(f"renewed?{mark}full cast list?").ids == ["season2-renewal", "cast"]
    assert matcher.match(f"fan reaction{mark}rt score{mark}season 3?").ids == [
        "fan-response",
        "reviews",
    ]
    for praise in (f"so good{mark}the cast{mark}wow", f"maggie q 😍{mark}bosch 🔥"):
        assert matcher.match(praise).outcome != "answer", praise


def test_a_question_about_what_was_just_said_is_read_with_it(matcher: Matcher) -> None:
    """ "is that official" asks about the statement before it, not about renewals (its one
    word a fact uses); "it" still stands for the show, and a first clause has nothing
    before it. (Written for this test, not taken from eval sets.)"""
    analyse = matcher.lexicon.analyse
    said = "my friend told me ballard is set in the bosch universe. is that official?"
    assert analyse(said).back_clauses == {1}
    assert analyse("loved it. is it official?").back_clauses == frozenset()
    assert analyse("is that official? loved it").back_clauses == frozenset()
    assert matcher.match(said).ids == ["bosch-spinoff"]


def test_a_question_with_no_word_of_its_own_takes_the_words_after_its_comma(
    matcher: Matcher,
) -> None:
    """ "who are they though, the two people running the show?": the words after the comma
    say what the question asks about (a helper's blind set had this one). After a question
    with words of its own, such words are a guess at the answer and stay where they are; a
    clause after a question that ends with "?" is no part of it, nor one opening with a
    joiner, nor a question of its own."""
    analyse = matcher.lexicon.analyse

    def clauses_of(text: str) -> dict[str, int]:
        return {t.text: t.clause for t in analyse(text).tokens}

    assert clauses_of("who are they though, the two people running the show?") == {
        "peopl": 0,
        "showrunn": 0,
    }
    assert clauses_of("who plays ballard again, the nikita girl??")["~nikita"] == 1
    assert clauses_of("who are they? the showrunners?")["showrunn"] == 1
    # the words after the comma say what "that" is: no need to read the clauses before it
    said = analyse("i heard something about california. what was that, the tax credit thing?")
    assert said.back_clauses == frozenset()
    assert {t.clause for t in said.tokens if t.text == "tax_credit"} == {1}
    assert clauses_of("where, is it la again?")["california"] == 1
    said = (
        "I loved their statement about getting another season, it felt really sincere. "
        "Who are they though, the two people running the show? I keep forgetting their "
        "names and I want to follow them"
    )
    assert matcher.match(said).ids == ["showrunners"]  # (had got nothing)
    long = (
        "honestly I loved the look of the city in season 1. where is it, the filming for "
        "season 2? hoping they keep the same vibe"
    )
    assert matcher.match(long).confidence > 0.95  # (0.73: a guess at it, written for this test)


def test_a_copy_with_other_thresholds_reads_several_questions_with_its_own(
    matcher: Matcher,
) -> None:
    """The reading of a message of several questions is made once per matcher: a copy made
    with another clause threshold reads each question with that one, and the original
    keeps its own. (A message written for this test.)"""
    asked = "who plays ballard and where can i watch it"
    strict = matcher.with_thresholds(Thresholds(clause=1.0))
    assert [p.result.outcome for p in strict.match(asked).parts] == ["suggest", "suggest"]
    assert matcher.match(asked).ids == ["lead-actor", "where-to-watch"]


def test_a_long_messages_one_question_is_answered_when_the_whole_message_agrees(
    matcher: Matcher,
) -> None:
    """A question inside chat must be surer on its own than a message (the clause
    threshold), unless it is the message's one question and the message read as a whole
    ranks the same fact first. With the clause threshold out of reach, only agreement
    answers. (Messages written for this test.)"""
    strict = matcher.with_thresholds(Thresholds(clause=1.0))
    agreeing = "just finished the finale and now im curious if harry bosch ever shows up"
    assert strict.match(agreeing).ids == ["bosch-appearance"]
    assert matcher.match(agreeing).ids == ["bosch-appearance"]  # (0.73: had been a suggestion)
    chat = (
        "long week at work, finally have time to watch tv lol. does harry bosch show up "
        "at some point? my dad only watches for him"
    )
    assert matcher.match(chat).ids == ["bosch-appearance"]  # (had been a suggestion)
    # the message as a whole is about the cold case unit: the question alone must be sure
    # ("…who plays ballard?" until the second admin batch: the cold case unit is now the
    # premise's too, and the message as a whole answers both; 5 December 2026)
    disagreeing = "i love the cold case unit stuff. who plays her?"
    assert strict.match(disagreeing).outcome == "suggest"
    assert matcher.match(disagreeing).ids == ["lead-actor"]
    # several questions: each one on its own
    several = "just finished the finale. is harry bosch in it? who plays ballard?"
    assert [p.result.outcome for p in strict.match(several).parts] == ["suggest", "suggest"]


def test_a_question_naming_its_subject_keeps_it(matcher: Matcher) -> None:
    # "who plays ballard" is about the lead, whatever else the message asks
    result = matcher.match("who plays ballard and will there be a season 3")
    assert result.ids == ["lead-actor"]
    # "i" is the subject of "where can i watch it": where to watch, whatever the season
    result = matcher.match("where can i watch it? whats the deal with season 2?")
    assert result.ids == ["where-to-watch"]
    assert matcher.match("any news on s2? who is in the cast").ids[-1] == "cast"


def test_close_call_suggests(matcher: Matcher) -> None:
    result = matcher.match("s2 info")
    assert result.outcome == "suggest"
    assert 2 <= len(result.suggestions) <= 3
    assert all(f.id.startswith("season2") for f in result.suggestions)
    assert result.confidence < ANSWER_THRESHOLD


def test_word_order_does_not_matter(matcher: Matcher) -> None:
    assert (
        matcher.match("ballard s2 release date").id == matcher.match("release date s2 ballard").id
    )


def test_synonyms_come_from_the_yaml(write_kb: WriteKb) -> None:
    """An admin adds a synonym in YAML and the matcher uses it, no code change."""
    facts = fact_yaml("streaming", "On Prime Video.", "where can i stream it")
    root = write_kb({"f.yaml": facts})
    assert Matcher(load_knowledge(root)).match("where can i glorp it").id is None
    vocab = "vocabulary:\n  synonyms:\n    stream: [glorp]\n"
    root = write_kb({"f.yaml": facts, "v.yaml": vocab})
    assert Matcher(load_knowledge(root)).match("where can i glorp it").id == "streaming"


def test_chat_tags_say_nothing_in_a_base_without_vocabulary(write_kb: WriteKb) -> None:
    """A base an admin builds from example questions alone has no vocabulary, yet "or nah",
    "fr", "tho", "lowkey" around a question say nothing there either (bot/data/stopwords.txt):
    "fr" and "nah" had weighed as rare words no fact uses and made "can i bring my dog"
    a "did you mean". (Written for this test.)"""
    facts = fact_yaml("pets", "Dogs are welcome on board.", "can i bring my dog")
    lexicon = Matcher(load_knowledge(write_kb({"f.yaml": facts}))).lexicon

    def read(text: str) -> list[tuple[str, float]]:
        return [(t.text, t.weight) for t in lexicon.analyse(text).tokens]

    plain = read("can i bring my dog")
    for said in (
        "can i bring my dog or nah",
        "yo can i bring my dog fr",
        "lowkey can i bring my dog tho",
        "hmm can i bring my dog lol",
        "can i bring my dog? thanks in advance",  # phrases: bot/data/filler_phrases.txt
        "no spoilers but can i bring my dog",
        "asking for a friend, can i bring my dog",
    ):
        assert read(said) == plain, said


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("could somebody explain what ballard is about", "premise"),
        ("could you explain the premise", "premise"),
        ("remind me when s2 comes out", "season2-release-date"),
    ],
)
def test_a_requests_opening_words_say_nothing_of_what_is_asked(
    matcher: Matcher, message: str, fact: str
) -> None:
    """ "explain…", "remind me…" (bot/data/request_openers.txt) say that something is asked,
    not what: "explain" had weighed as a word no fact explains ("could somebody explain
    what ballard is about" got a "did you mean" at 0.10). Found by probing with messages of
    my own (tools/probes.py, 4 December 2026, eighth session)."""
    assert matcher.match(message).ids == [fact]
    assert [t.text for t in matcher.lexicon.analyse("explain the premise").tokens] == ["plot"]


def test_r_for_are_is_read_in_a_base_without_vocabulary(write_kb: WriteKb) -> None:
    """ "r u open on sunday" asks what "are you open on sunday" asks: "r" had weighed as a
    rare word no fact uses, and a base built from example questions alone gave a "did you
    mean" for what it answered written out (found by probing the dental base, 4 December
    2026, eighth session)."""
    files = {
        "a.yaml": fact_yaml("hours", "Open 9 to 5, Monday to Saturday.", "are you open on sunday"),
        "b.yaml": fact_yaml("parking", "Free parking behind the building.", "where can i park"),
    }
    matcher = Matcher(load_knowledge(write_kb(files)))
    assert matcher.match("r u open on sunday").ids == ["hours"]


def test_a_laugh_before_a_question_ends_the_chat_before_it(write_kb: WriteKb) -> None:
    """ "not sure who to ask about this lol can i bring my dog on the ferry?": a laugh or an
    exclamation (the markers of bot/data/reactions.txt) right before a question's first
    word ends what came before, as an emoji does; the chat had sunk the question into a
    "did you mean" (found by asking the development domains' bases chat of my own, 4
    December 2026, eighth session)."""
    files = {
        "a.yaml": fact_yaml("pets", "Dogs are welcome on board.", "can i bring my dog"),
        "b.yaml": fact_yaml("parking", "Park at the terminal.", "where can i park"),
    }
    matcher = Matcher(load_knowledge(write_kb(files)))
    said = "not sure who to ask about this and my sister is confused omg can i bring my dog?"
    assert matcher.match(said).ids == ["pets"]
    clauses = matcher.lexicon.analyse(said).clause_texts
    assert clauses[-1] == "can i bring my dog"
    # (a laugh that ends a message, or comes before no question, is left where it is)
    assert matcher.lexicon.analyse("lol this is so good").clause_count == 1


def test_chat_phrases_words_are_no_spelling_targets(write_kb: WriteKb) -> None:
    """The words of the built-in chat phrases (bot/data/filler_phrases.txt) are dropped with
    their phrase, never a correction a typo is bent onto: with "is it true" and "i heard"
    there, "tre trip" had become "true trip" and "saig" "said" in a ferry base built from
    example questions (tools/typo_examples.py --domains: ferry lost 3 typo'd examples).
    A word the base uses is still one."""
    files = {
        "a.yaml": fact_yaml("crossing", "About 40 minutes.", "how long is the trip"),
        "b.yaml": fact_yaml("sundays", "We sail every day.", "do you sail on sundays"),
    }
    spelling = Matcher(load_knowledge(write_kb(files))).lexicon.spelling
    assert spelling.correct("saig") == "sail"
    assert spelling.correct("trup") == "trip"
    assert "true" not in {spelling.correct(w) for w in ("tre", "trie", "tru")}


_FERRY = """\
facts:
{facts}
"""
_FERRY_FACT = """\
  - id: {id}
    answer: {answer}
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [{questions}]
"""


def _facts_matcher(write_kb: WriteKb, rows: Iterable[tuple[str, str, list[str]]]) -> Matcher:
    """A matcher over a base of these facts alone (id, answer, example questions), as an
    admin writes one without a vocabulary."""
    facts = "".join(
        _FERRY_FACT.format(id=id, answer=answer, questions=", ".join(questions))
        for id, answer, questions in rows
    )
    return Matcher(load_knowledge(write_kb({"f.yaml": _FERRY.format(facts=facts)})))


def test_a_terse_request_in_one_facts_words_is_answered(write_kb: WriteKb) -> None:
    """A base built from example questions alone has no keyword to name a fact: "child
    fare", every word of one fact's examples and one of them no everyday English word, is
    that fact, asked or not; "long day", everyday words both, is chat whatever fact says
    them, and a word no entry uses ("child discount"), or words that another fact says as
    well ("fare price"), keep the confidence as it is. (Written for this test: a ferry
    operator's FAQ.)"""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "foot-fares",
                "An adult return is 12 pounds, a child's 6.",
                [
                    "how much is a foot passenger ticket",
                    "what is the child fare",
                    "price of an adult return",
                    "do children pay less",
                ],
            ),
            (
                "commuter-passes",
                "A pass for 10 crossings is 90 pounds.",
                [
                    "do you sell a pass for a long day",
                    "is there a day ticket",
                    "how much is a commuter pass",
                    "can i buy ten crossings at once",
                ],
            ),
            (
                "vehicle-fares",
                "A car return is 40 pounds.",
                [
                    "how much is it to take a car",
                    "what is the fare for a van",
                    "car price",
                    "do motorbikes pay less than cars",
                ],
            ),
        ),
    )
    for asked in ("child fare", "child fare?", "Child fare pls"):
        result = matcher.match(asked)
        assert (result.outcome, result.id) == ("answer", "foot-fares"), asked
    assert matcher.match("long day").outcome != "answer"  # everyday words
    # ...with a typo too: a word is as rare as the word it is read as (a misspelling is rare
    # in English), and a typo of the rare word is still that word
    for typed in ("lnog day", "long dya"):
        assert matcher.match(typed).outcome != "answer", typed
    assert matcher.match("chlid fare").id == "foot-fares"
    assert matcher.match("child discount").outcome != "answer"  # "discount": no entry's word
    assert matcher.match("fare price").outcome != "answer"  # two facts say both words


def test_a_greeting_or_thanks_around_a_request_changes_nothing(write_kb: WriteKb) -> None:
    """ "child fare" is a terse request in one fact's words, and a message that is an
    example question gets its fact: so do both said with a greeting before them, thanks
    after them or a request's emoji, where only the whole message had been compared with
    the admin's words ("hi, child fare" got a "did you mean"). An emoji showing a feeling
    still makes a bare name a reaction. (A ferry operator's FAQ, written for this test.)"""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "foot-fares",
                "An adult return is 12 pounds, a child's 6.",
                ["how much is a foot passenger ticket", "what is the child fare"],
            ),
            ("vehicle-fares", "A car return is 40 pounds.", ["how much is it to take a car"]),
            ("timetable", "Sailings leave every hour from 7am.", ["when is the first sailing"]),
        ),
    )
    assert matcher.match("child fare").id == "foot-fares"
    for text in (
        "hi, child fare",
        "hey guys quick question, child fare",
        "child fare thanks!",
        "child fare thanks in advance",
        "child fare 🙏",
        "does anyone know child fare",  # (asking the channel: bot/data/request_wrappers.txt)
        "child fare pls",
        "child fare asap",
    ):
        result = matcher.match(text)
        assert (result.outcome, result.id) == ("answer", "foot-fares"), text
    asked = matcher.match("hello! how much is it to take a car? thank you so much")
    assert (asked.outcome, asked.id, asked.verbatim_example) == ("answer", "vehicle-fares", True)
    asked = matcher.match("does anyone know how much is it to take a car")
    assert (asked.outcome, asked.id, asked.verbatim_example) == ("answer", "vehicle-fares", True)
    # ...and the bot's mention before an example with a typo (as Discord sends it)
    asked = matcher.match("<@123456789012345678> how mcuh is it to take a car")
    assert (asked.outcome, asked.id, asked.verbatim_example) == ("answer", "vehicle-fares", True)
    assert matcher.match("child fare 😍").outcome != "answer"
    # ...but a feeling beside a question keeps it asked: "fares?" is a one-word request
    for text in ("fares?", "fares? 😭"):
        result = matcher.match(text)
        assert (result.outcome, result.id) == ("answer", "foot-fares"), text


def test_an_example_ending_as_filler_does_is_still_the_example(write_kb: WriteKb) -> None:
    """An example question that ends with words said around a request ("no spoilers") is
    compared as it is, typo and all, as well as without them (see the test above)."""
    facts = fact_yaml(
        "holidays", "No sailings on 25 December.", "do boats run on xmas day, no spoilers"
    )
    facts += fact_yaml("fares", "A return is 12 pounds.", "what is the child fare").replace(
        "facts:\n", ""
    )
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    typed = matcher.match("do boats rum on xmas day, no spoilers")
    assert (typed.outcome, typed.id, typed.verbatim_example) == ("answer", "holidays", True)


def test_the_bases_own_name_does_not_sink_a_question(write_kb: WriteKb) -> None:
    """ "does zorbanet have a data cap" asks what "do you have a data cap" asks: a word no
    everyday English uses that the text of at least 3 in 10 of the facts says is the base's
    own name (Index._subject_names), and it counts only for a fact that explains it. A
    name fewer facts say ("gigawave", a plan) is no such name. (A base of
    examples alone has no vocabulary to list its names as topic words; in the development
    domains "Brightwave", "Hopplate", "Ardmore" had sunk clear questions.)"""
    rows = [
        ("data-caps", "Zorbanet plans have no data cap.", ["is there a data cap", "data limit"]),
        ("outages", "Check zorbanet.example/status.", ["is the internet down", "outage map"]),
        ("static-ip", "A static IP costs 5 a month with Zorbanet.", ["can i get a static ip"]),
        ("plans", "Zorbanet Gigawave is 900 Mbps.", ["what plans are there", "gigawave price"]),
        ("router", "Your Zorbanet router is in the box.", ["how do i set up the router"]),
        ("bills", "Pay your Zorbanet bill online.", ["how do i pay my bill"]),
        ("install", "An engineer installs it.", ["when is my installation"]),
        ("contact", "Call us from 8 to 8.", ["what is your phone number"]),
    ]
    matcher = _facts_matcher(
        write_kb,
        rows,
    )
    assert matcher.match("does zorbanet have a data cap").ids == ["data-caps"]
    assert matcher.match("is the zorbanet internet down").ids == ["outages"]
    assert matcher.match("zorbanet").ids == []  # the name alone asks nothing
    assert matcher.index.subjects == {"zorbanet"}  # not "gigawave", which 1 fact in 8 says


def test_one_rare_word_asked_is_the_one_fact_that_says_it(write_kb: WriteKb) -> None:
    """ "motorbike?" asks about the one fact whose text says "motorbike" at all: a terse
    request of one word, when it is asked ("waitlist?", "cigna?" in a dental base: a "did
    you mean" at 0.45-0.5 before). Not when another fact says the word, even in its answer
    only ("Millbrook?" in a food-delivery base had got the fees, where the delivery area was
    asked), and not unasked ("motorbike" alone may be chat)."""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "vehicle-fares",
                "A car return is 40 pounds.",
                ["how much is it to take a car", "what does a motorbike cost", "van fare"],
            ),
            (
                "foot-fares",
                "An adult return is 12 pounds; children under 5 go free.",
                ["how much is a foot passenger ticket", "what is the child fare"],
            ),
            (
                "bikes-on-board",
                "Bicycles travel free; a tandem counts as a motorbike.",
                ["can i bring a bicycle", "do bikes go free", "tandem rules"],
            ),
        ),
    )
    assert (matcher.match("van?").outcome, matcher.match("van?").id) == ("answer", "vehicle-fares")
    assert matcher.match("van").outcome != "answer"  # not asked
    assert matcher.match("motorbike?").outcome != "answer"  # another fact's answer says it


def test_a_phrase_written_with_a_one_word_variant_is_still_the_phrase(write_kb: WriteKb) -> None:
    """With "w" listed under "with", "came up w" is the synonym "came up with"; a phrase
    the admin wrote keeps its own meaning over a variant made this way."""
    facts = fact_yaml("origin", "Michael Connelly created her.", "who created the character")
    vocab = (
        "vocabulary:\n  synonyms:\n    create: [came up with]\n    with: [w]\n"
        "    glorp: [came up w the]\n"
    )
    kb = load_knowledge(write_kb({"f.yaml": facts, "v.yaml": vocab}))
    vocabulary = Matcher(kb).lexicon.vocabulary
    assert vocabulary.phrase("came up w") == vocabulary.phrase("came up with") == ["creat"]
    assert vocabulary.phrase("came up w the") == ["glorp"]
    assert Matcher(kb).match("who came up w her character").id == "origin"


def test_a_synonym_phrase_keeps_its_question_words(write_kb: WriteKb) -> None:
    """With "who is in it" and "how many eps" listed as synonyms, the phrases still ask
    "who" and "how many": a vocabulary entry never erases a question word."""
    facts = fact_yaml("cast", "Maggie Q leads the cast.", "who is in the cast")
    vocab = (
        "vocabulary:\n  synonyms:\n    cast: [who is in it]\n    episode count: [how many eps]\n"
    )
    lexicon = Matcher(load_knowledge(write_kb({"f.yaml": facts, "v.yaml": vocab}))).lexicon
    asked = lexicon.analyse("who is in it")
    assert [t.text for t in asked.tokens] == ["cast"] and asked.question_words == {"who"}
    counted = lexicon.analyse("how many eps")
    assert counted.question_words == {COUNT_TOKEN}
    plain = lexicon.analyse("who is in the cast")
    assert (asked.tokens, asked.question_words) == (plain.tokens, plain.question_words)


def test_how_much_asks_for_a_quantity(write_kb: WriteKb) -> None:
    """ "how much" is no "how" followed by a stopword: a price question is not a how-to one
    (bot/data/quantity_questions.txt). (A bike-share base written for this test.)"""
    unlock = fact_yaml("unlock", "Scan the QR code.", "how do i unlock a bike")
    price = fact_yaml("price", "$1.25 to unlock.", "how much is it to unlock a bike")
    matcher = Matcher(load_knowledge(write_kb({"a.yaml": unlock, "b.yaml": price})))
    assert matcher.lexicon.analyse("how much to unlock one").question_words == {COUNT_TOKEN}
    assert matcher.match("how much to unlock a bike").ids == ["price"]
    assert matcher.match("how do i unlock a bike?").ids == ["unlock"]


def test_an_example_asked_word_for_word_breaks_a_tie(write_kb: WriteKb) -> None:
    """Two facts whose examples read the same (their words differ only in stopwords): each
    example, asked as written, gets its own fact; asked otherwise, "did you mean"."""
    cancel = fact_yaml("cancel", "Cancel in the app.", "How do I cancel my plan?")
    stop = fact_yaml("pause", "Pause it in the app.", "how can i cancel my plan")
    matcher = Matcher(load_knowledge(write_kb({"a.yaml": cancel, "b.yaml": stop})))
    assert matcher.match("how do i cancel my plan").ids == ["cancel"]
    assert matcher.match("How can I cancel my plan??").ids == ["pause"]
    assert matcher.match("how to cancel my plan").outcome == "suggest"


def test_how_many_is_a_question_word_a_yes_no_fact_does_not_answer(write_kb: WriteKb) -> None:
    yes_no = fact_yaml("on-prime", "Yes, it streams on Prime Video.", "is it on prime video")
    count = fact_yaml(
        "audience", "2.5 billion minutes.", "how many people watched it on prime video"
    )
    kb = load_knowledge(write_kb({"a.yaml": yes_no, "b.yaml": count}))
    matcher = Matcher(kb)
    analysis = matcher.lexicon.analyse("how many on prime video")
    assert analysis.question_words == {COUNT_TOKEN}
    assert [t.text for t in analysis.tokens] == ["prime", "video"]
    counted = matcher.match("how many on prime video")  # a count, never the yes/no fact
    assert counted.id != "on-prime" and (counted.answers or counted.suggestions)[0].id == "audience"
    assert matcher.match("is it on prime video?").id == "on-prime"


def test_a_word_only_in_the_answer_can_suggest_a_fact_but_not_answer(write_kb: WriteKb) -> None:
    facts = fact_yaml("premise", "Ballard runs a new cold case unit.", "what is the show about")
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    assert matcher.match("what is the show about").id == "premise"
    result = matcher.match("what's new")
    assert result.outcome != "answer", (result.outcome, result.ranked)
    assert [s.entry_id for s in result.ranked] == ["premise"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_near_words_are_what_a_full_edit_distance_scan_finds(
    matcher: Matcher, data: st.DataObject
) -> None:
    """CorrectionTargets.near scans with a cheaper distance first; it must miss nothing."""
    targets = matcher.lexicon.spelling.targets
    pools = targets.correction_pools()
    word = data.draw(st.sampled_from(sorted(w for pool in pools.values() for w in pool)))
    for _ in range(data.draw(st.integers(0, 3))):  # typos: drop, add, change or swap letters
        if len(word) < 3:
            break
        i = data.draw(st.integers(0, len(word) - 2))
        letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
        word = data.draw(
            st.sampled_from(
                [
                    word[:i] + word[i + 1 :],
                    word[:i] + letter + word[i:],
                    word[:i] + letter + word[i + 1 :],
                    word[:i] + word[i + 1] + word[i] + word[i + 2 :],
                ]
            )
        )
    for max_dist in (1, 2):
        every = [
            w
            for n in range(len(word) - max_dist, len(word) + max_dist + 1)
            for w in pools.get(n, ())
        ]
        expected = [w for w in every if OSA.distance(word, w) <= max_dist]
        assert sorted(targets.near(word, max_dist)) == sorted(expected)


def test_misspellings_are_corrected_only_towards_knowledge(matcher: Matcher) -> None:
    spelling = matcher.lexicon.spelling
    assert spelling.correct("showrnner") == "showrunner"
    assert spelling.correct("nielsn") == "nielsen"
    assert spelling.correct("goin") == "going"  # chat's dropped g
    assert spelling.correct("cost") == "cost"  # a real word, never "cast"
    assert spelling.correct("zzqx") == "zzqx"


def test_lint_flags_indistinct_examples_and_useless_keywords(write_kb: WriteKb) -> None:
    a = fact_yaml("first", question="when is the new season out")
    b = fact_yaml("second", question="new season when").replace("facts:\n", "facts:\n", 1)
    b += "    keywords: [the, and]\n"
    kb = load_knowledge(write_kb({"a.yaml": a, "b.yaml": b}))
    messages = [p.message for p in Matcher(kb).lint()]
    assert any("looks the same to the matcher" in m and "'first'" in m for m in messages)
    assert any("keyword 'the, and'" in m or "'the'" in m for m in messages)


def test_shipped_knowledge_base_has_no_lint(matcher: Matcher) -> None:
    assert [str(p) for p in matcher.lint()] == []


unicode_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=10_000
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=unicode_text)
def test_never_raises_or_hangs_on_any_unicode(matcher: Matcher, text: str) -> None:
    start = time.perf_counter()
    result = matcher.match(text)
    assert time.perf_counter() - start < 0.5
    assert result.outcome in ("answer", "suggest", "none")
    assert 0.0 <= result.confidence <= 1.0
    assert (result.outcome == "answer") == bool(result.answers)


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["ballard", "s2", "when", "@everyone", "<@1>", "🔥", "season", "z̷", "?"]),
        max_size=2_000,
    )
)
def test_long_repetitive_messages_stay_fast(matcher: Matcher, words: list[str]) -> None:
    start = time.perf_counter()
    matcher.match(" ".join(words))
    assert time.perf_counter() - start < 0.5


# -- the candidate index is exact at scale ------------------------------------------------------

_BIG_WORDS = [f"w{c}{d}" for c in "abcdefgh" for d in "abcdefgh"]  # 64 made-up words


@pytest.fixture(scope="module")
def big_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """300 facts over 64 words drawn unevenly, so that common words have long postings."""
    import random

    from tests.conftest import SOURCE_YAML

    rng = random.Random(4)
    weights = [1 / (i + 1) for i in range(len(_BIG_WORDS))]  # Zipf-like: a few words everywhere
    lines = ["facts:"]
    for i in range(300):
        questions = {" ".join(rng.choices(_BIG_WORDS, weights, k=4)) + f" x{i}" for _ in range(3)}
        lines += [
            f"  - id: fact-{i}",
            f"    answer: Answer {i}.",
            "    status: official",
            "    as_of: 2025-10-06",
            "    sources: [article]",
            "    questions:",
            *(f"      - {q}" for q in sorted(questions)),
        ]
    root = tmp_path_factory.mktemp("big")
    (root / "sources.yaml").write_text(SOURCE_YAML, encoding="utf-8")
    (root / "facts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Matcher(load_knowledge(root))


@settings(max_examples=300, deadline=None)
@given(
    said=st.lists(
        st.sampled_from(
            ["quick", "question", "q", "hey", "guys", "ballard", "so", "ok", "random", "who"]
            + [word for phrase in sorted(reading._ANNOUNCERS) for word in phrase]
        ),
        max_size=8,
    )
)
def test_announces_only_reads_the_leaders_then_a_phrase(said: list[str]) -> None:
    """announces_only (its last word looked at first) is: leaders and fillers, then one
    phrase of announcers.txt."""
    from bot.courtesy import filler_words

    start = 0
    while start < len(said) and (
        said[start] in reading.SAID_BEFORE or said[start] in filler_words()
    ):
        start += 1
    assert reading.announces_only(said) == (tuple(said[start:]) in reading._ANNOUNCERS)


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=20_000),
    picks=st.lists(st.floats(min_value=0.0, max_value=1.0, exclude_max=True), max_size=200),
    sorted_=st.booleans(),
)
def test_bit_set_sets_the_bit_of_each_position(
    size: int, picks: list[float], sorted_: bool
) -> None:
    """bit_set (bytes packed a bit at a time) is the int with bit ``i`` set for each
    position ``i``, in any order and with repeats (a posting's entries, a message's found
    entries)."""
    from bot.candidates import _bit_positions, bit_set

    positions = [int(p * size) for p in picks]
    if sorted_:
        positions.sort()
    expected = sum(1 << p for p in set(positions))
    assert bit_set(positions, size) == expected
    assert bit_set(dict.fromkeys(positions), size) == expected
    assert sorted(_bit_positions(bit_set(positions, size))) == sorted(set(positions))


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(_BIG_WORDS), min_size=1, max_size=12))
def test_candidates_are_the_best_by_shared_weight(big_matcher: Matcher, words: list[str]):
    """The pruned candidate search returns entries no other entry beats (ties aside)."""
    from bot.index import MAX_CANDIDATES

    analysis = big_matcher.lexicon.analyse(" ".join(words))
    weights: dict[str, float] = {}
    for t in analysis.tokens:
        weights[t.text] = weights.get(t.text, 0.0) + t.weight
    brute: dict[int, float] = {}
    for text, w in weights.items():
        for pos in big_matcher.index.postings.get(text, ()):
            brute[pos] = brute.get(pos, 0.0) + w
    found = big_matcher.index.candidates(weights)
    assert len(found) == min(len(brute), MAX_CANDIDATES) == len(set(found))
    weakest_found = min(brute[pos] for pos in found)
    strongest_left = max((s for pos, s in brute.items() if pos not in found), default=0.0)
    assert strongest_left <= weakest_found + 1e-9


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_BIG_WORDS), min_size=1, max_size=12),
    weights=st.lists(st.sampled_from([0.25, 0.35, 0.5, 1.0, 1.5, 2.5]), min_size=12, max_size=12),
)
def test_candidates_break_ties_as_found(
    big_matcher: Matcher, words: list[str], weights: list[float]
) -> None:
    """The candidates are those of scoring every entry one by one, rarest token first, with
    ties going to the entry found first (in its posting's order)."""
    from bot.index import MAX_CANDIDATES

    given = dict(zip(words, weights, strict=False))
    scores: dict[int, float] = {}
    index = big_matcher.index.postings
    for text, w in sorted(given.items(), key=lambda p: len(index.get(p[0], ()))):
        for pos in index.get(text, ()):
            scores[pos] = scores.get(pos, 0.0) + w
    ranked = sorted(scores.items(), key=lambda p: -p[1])  # stable: found first, first
    expected = {pos for pos, _ in ranked[:MAX_CANDIDATES]}
    found = big_matcher.index.candidates(given)
    assert len(found) == len(set(found)) and set(found) == expected


# -- the knowledge base's own text goes through the same analysis as messages -----------------


def test_the_bases_own_words_become_correction_targets(write_kb: WriteKb) -> None:
    """Indexing reads every example question, keyword and answer with the reference analysis
    (no correction) and learns their words, so a fan's typo of any of them is corrected."""
    facts = fact_yaml("glorp", "The zorblax premieres soon.", "when does the quintaly start")
    facts += "    keywords: [flumbergast]\n"
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    spelling = matcher.lexicon.spelling
    assert spelling.correct("quintaley") == "quintaly"  # an example question's word
    assert spelling.correct("flumbergst") == "flumbergast"  # a keyword's
    assert spelling.correct("zorblx") == "zorblax"  # an answer's
    assert matcher.match("when does the quintaley start").id == "glorp"


def test_agreement_of_examples_is_a_share_of_a_large_facts_examples(write_kb: WriteKb) -> None:
    """The confidence reads how close a fact's three nearest examples are to the message,
    fitted on facts of 5 to 10 examples; a fact an admin has given many more reads the
    nearest 3 in 10 of them, so that more examples alone do not make it closer to every
    message that shares a word with three of them."""
    close = ["what is the refund policy", "refund policy please", "how does the refund policy work"]
    other = [f"how do i book room {n}" for n in range(7)]
    more = [f"can i park near gate {n}" for n in range(10)]
    base = fact_yaml("other", "Ask at the desk.", "where is the desk").replace("facts:\n", "")

    def top3(questions: list[str]) -> float:
        facts = fact_yaml("refunds", "Within 14 days.", questions[0])
        facts += "".join(f"      - {q}\n" for q in questions[1:])
        root = write_kb({"f.yaml": facts + base})
        _, ev = Matcher(load_knowledge(root)).evidence("what is your refund policy on tickets")
        assert ev is not None
        return ev.top3

    ten = top3(close + other)
    twenty = top3(close + other + more)
    assert twenty < ten  # the nearest 6 of 20: the three close ones and three others
    assert twenty == pytest.approx(ten / 2, abs=0.05)


def test_a_doer_and_the_action_are_one_word_to_the_matcher(write_kb: WriteKb) -> None:
    """An agent noun in "-or" and its action are the same word: "who is acting in it" asks
    about the actors, "is there an editor" about editing, whichever of them the base uses."""
    facts = fact_yaml("cast", "Ana Lima and Bo Chen.", "who are the actors")
    facts += fact_yaml("editing", "Any member can.", "can i edit my post").replace("facts:\n", "")
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    assert matcher.lexicon.spelling.correct("acting") == "actors"
    assert matcher.match("who is acting in it").id == "cast"
    assert matcher.match("is there an editor for posts").id == "editing"
    # "-er" is no doer ("older", "larger"), and a word the base uses keeps its own meaning
    assert matcher.lexicon.spelling.correct("editing") == "editing"  # same stem as "edit"
    assert matcher.lexicon.spelling.correct("poster") == "poster"


def test_an_id_in_capitals_is_the_document_not_a_chat_i_would(write_kb: WriteKb) -> None:
    """An admin's "ID needed" is a question about identity documents (it had no word left:
    "id" is a chat "I'd"), and so is a customer's "photo ID"."""
    facts = fact_yaml("id-requirements", "A passport or a driving licence.", "ID needed")
    facts += fact_yaml("bags", "Small bags only.", "can i bring a bag").replace("facts:\n", "")
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    assert matcher.match("ID needed").id == "id-requirements"
    assert matcher.match("do you accept a photo ID?").ranked_first == "id-requirements"


def test_a_word_the_base_uses_is_never_read_as_its_doer(write_kb: WriteKb) -> None:
    facts = fact_yaml("acts", "Three acts.", "how many acts are there")
    facts += fact_yaml("cast", "Ana Lima.", "who are the actors").replace("facts:\n", "")
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    assert matcher.lexicon.spelling.correct("acting") == "acting"  # "act" is a word of the base
    assert matcher.match("how many acts are there").id == "acts"


def test_learning_new_words_forgets_the_corrections_made_without_them(matcher: Matcher) -> None:
    from bot.index import common_words
    from bot.lexicon import lexicon_for

    lexicon = lexicon_for(matcher.kb, common_words())
    assert lexicon.spelling.correct("zorblx") == "zorblx"
    tokens = lexicon.analyse("the zorblax", correct=False, learn=True).tokens
    assert [t.text for t in tokens] == ["zorblax"]
    assert lexicon.spelling.correct("zorblx") == "zorblax"
    assert lexicon.analyse("the zorblx").tokens[0].text == "zorblax"


def test_caches_keep_no_long_junk_words(matcher: Matcher) -> None:
    """A hostile message's giant words are not remembered by the spelling and weight caches."""
    from bot.spelling import MAX_REMEMBERED_LEN

    matcher.match("q" * 1_000 + " who plays " + "zx" * 30 + " ballard")
    lexicon = matcher.lexicon
    assert all(len(word) <= MAX_REMEMBERED_LEN for word in lexicon.spelling._corrections)
    assert all(len(surface) <= MAX_REMEMBERED_LEN for _, surface in lexicon.vocabulary.weight_memo)
    assert lexicon.spelling._corrections.get("plays") == "plays"  # ordinary words are remembered


def test_word_memos_stay_bounded_and_forgetting_changes_no_answer(
    monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    """A long-running bot meets new words all the time: the spelling and weight memos keep
    at most MAX_REMEMBERED_WORDS each (then the older half goes), the stem cache is a
    fixed-size LRU, and a matcher that keeps forgetting answers exactly like one that never
    does."""
    import random

    from bot import spelling as spelling_module
    from bot.text import load_common_words, stem

    assert stem.cache_info().maxsize == 16_384
    rng = random.Random(5)
    common = sorted(load_common_words())
    messages = []
    for fact in kb.facts:
        for question in fact.questions[:4]:
            chat = " ".join(rng.choice(common) for _ in range(8))
            typo = "".join(c for i, c in enumerate(question) if i != len(question) // 2)
            messages += [question, f"{chat}, {question}", f"{typo}?", f"{question} {chat}"]

    def decisions(m: Matcher) -> list[tuple[object, ...]]:
        out = []
        for text in messages:
            r = m.match(text)
            out.append((r.outcome, r.ids, r.confidence, m.is_question(text), m.group_key(text)))
        return out

    expected = decisions(Matcher(kb))
    monkeypatch.setattr(spelling_module, "MAX_REMEMBERED_WORDS", 32)
    forgetful = Matcher(kb)
    assert decisions(forgetful) == expected
    assert 0 < len(forgetful.lexicon.spelling._corrections) <= 32
    assert 0 < len(forgetful.lexicon.vocabulary.weight_memo) <= 32


# -- a message of many questions ---------------------------------------------------------------

_TWELVE = (
    "who plays ballard? where can i watch it? when does season 2 come out? is bosch in it? "
    "who are the showrunners? what is it about? how did season 1 end? who else is in the cast? "
    "where do they film season 2? what books is it based on? how many people watched it? "
    "what did the critics say?"
)


def test_a_message_of_many_questions_answers_the_first_ten_and_counts_the_rest(
    matcher: Matcher,
) -> None:
    from bot.outcomes import MAX_QUESTIONS
    from bot.render import render_text

    assert MAX_QUESTIONS == 10
    result = matcher.match(_TWELVE)
    assert [p.text for p in result.parts][:2] == ["who plays ballard", "where can i watch it"]
    assert len(result.parts) <= MAX_QUESTIONS and result.unread == 2
    assert result.ids[:2] == ["lead-actor", "where-to-watch"]
    text = render_text(matcher.kb, result, dt.date(2026, 12, 3))
    assert text.endswith("Ask me the other 2 questions in another message.")
    assert matcher.match("who plays ballard? where can i watch it").unread == 0


def test_a_question_asked_twice_is_answered_once(matcher: Matcher) -> None:
    calls = []
    judge = matcher._judge

    def counting(*args, **kwargs):
        calls.append(args)
        return judge(*args, **kwargs)

    matcher._judge = counting  # type: ignore[method-assign]
    try:
        result = matcher.match("who plays ballard?? " * 120)
    finally:
        del matcher._judge
    assert result.ids == ["lead-actor"] and result.parts == () and result.unread == 0
    assert len(calls) == 2  # the whole message, and its one question


def test_an_announced_question_is_a_question_and_other_mentions_of_one_are_not(
    matcher: Matcher,
) -> None:
    assert matcher.is_question("quick question is it on prime")
    assert matcher.is_question("i was wondering does harry bosch show up")
    assert not matcher.is_question("i have a question about the cast")
    assert not matcher.is_question("great question lol")


# However a fan lines up two questions, each gets its answer. (Written for these tests before
# eval/multi-blind.jsonl was read, not taken from it.)
@pytest.mark.parametrize(
    "message",
    [
        "who plays ballard where can i watch it",  # run-on: a question word and its verb
        "who plays ballard btw where can i watch it",
        "who plays ballard then where can i watch it",
        "who plays ballard / where can i watch it",
        "who plays ballard | where can i watch it",
        "who plays ballard & where can i watch it",
        "who plays ballard + where can i watch it",
        "• who plays ballard • where can i watch it",
        "* who plays ballard\n* where can i watch it",
        "1. who plays ballard 2. where can i watch it",
        "a) who plays ballard b) where can i watch it",
        "a. who plays ballard b. where can i watch it",
        "Q1: who plays ballard Q2: where can i watch it",
        "1 - who plays ballard 2 - where can i watch it",
        "#1 who plays ballard #2 where can i watch it",  # not "ballard was #1"
        "first q who plays ballard, second q where can i watch it",
        # an announcing phrase after a question announces the next one
        "who plays ballard quick question where can i watch it",
        "first question who plays ballard second question where can i watch it",
    ],
)
def test_questions_lined_up_any_way_are_answered_one_by_one(matcher: Matcher, message: str) -> None:
    result = matcher.match(message)
    assert result.ids == ["lead-actor", "where-to-watch"], message
    assert len(result.parts) == 2


@pytest.mark.parametrize(
    ("message", "facts"),
    [
        ("is harry bosch in it is it on prime", ["bosch-appearance", "where-to-watch"]),
        ("when did it premiere is there a season 2", ["season1-premiere", "season2-renewal"]),
        ("ok so is titus welliver in it is he still playing bosch", ["bosch-appearance"]),
    ],
)
def test_a_verb_and_its_subject_after_a_question_with_its_verb_ask_again(
    matcher: Matcher, message: str, facts: list[str]
) -> None:
    result = matcher.match(message)
    assert result.ids == facts and len(result.parts) == 2


def test_a_verb_and_its_subject_inside_a_question_go_on_it(matcher: Matcher) -> None:
    # the question's own verb is still to come ("what day of the week is it released"), or
    # the verb has no subject after it ("…if it is renewed")
    for one in ("what day of the week is it released", "did they say if it is renewed"):
        assert matcher.match(one).parts == (), one


def test_who_and_an_auxiliary_after_a_question_ask_again(matcher: Matcher) -> None:
    """ "who does…", "who else…" after a question with its verb is a question of its own;
    "who is…" may be a relative clause and goes on. (Written for this test.)"""
    result = matcher.match("did fans like it who does renee end up dating")
    assert [p.text for p in result.parts] == [
        "did fans like it",
        "who does renee end up dating",
    ]
    assert result.ids == ["fan-response"]
    split = matcher.lexicon.analyse("who are the showrunners who else works on it")
    assert split.clause_texts == ("who are the showrunners", "who else works on it")


def test_who_after_a_question_goes_on_the_same_question(matcher: Matcher) -> None:
    # "who" and "which" start relative clauses as often as questions: no run-on split
    result = matcher.match("who plays the lieutenant who is always yelling at renee")
    assert result.parts == ()
    # and a question word with no verb after it is part of the question ("where i live")
    assert matcher.match("is it on prime where i live").parts == ()


def test_a_message_of_questions_each_answered_gets_no_answer_for_their_mix(
    matcher: Matcher,
) -> None:
    # the message as a whole ("renewed", "plays", "ballard") reads as a harry bosch question
    assert matcher.match("did ballard get renewed? who plays ballard?").ids == [
        "season2-renewal",
        "lead-actor",
    ]
    # with chat beside the questions, the whole message's answer still counts
    result = matcher.match(
        "ballard cold case unit premise. hey when does s2 come out and is bosch gonna be in it??"
    )
    assert result.ids == ["season2-release-date", "bosch-appearance", "premise"]


def test_warming_up_at_build_changes_no_decision(kb: KnowledgeBase) -> None:
    """The made-up message a matcher asks itself when built only fills caches: a matcher
    built without it decides every message the same, even the first one it is asked."""
    messages = [
        "wil ther be a seson 2",
        "hey! who plays ballard? and wher can i wach it 🙂",
        "ballad season 2",
        "is harry bosh in balard",
        "lol",
        "thanks bot",
    ]
    warmed = Matcher(kb)
    original = Matcher._warm_up
    try:
        Matcher._warm_up = lambda self: None  # type: ignore[method-assign]
        cold = Matcher(kb)
    finally:
        Matcher._warm_up = original  # type: ignore[method-assign]
    for message in messages:
        assert cold.match(message) == warmed.match(message), message


def test_a_message_taught_word_for_word_gets_its_fact_alone(tmp_path: Path) -> None:
    """A fan's message of several clauses taught as an example of a fact (as `/faq teach`
    does) is the admin's word for what it asks: asked again word for word, it gets that
    fact, not also what one of its clauses gets on its own ("what did they actually say?"
    asks about the reaction: the fans' response). (Written for this test; its question
    said "what did they actually say?" until the third admin batch's examples made the
    studio's statement its answer untaught.)"""
    message = (
        "i saw a headline that amazon was happy with how ballard did. what did they actually "
        "say about the reaction? like the official quote"
    )
    before = Matcher(load_knowledge(KNOWLEDGE_DIR))
    assert before.match(message).ids == ["fan-response"]  # (its question's answer)
    root = shipped_with_examples(
        tmp_path / "knowledge", {"studio-statement": [message]}, "learned.yaml"
    )
    taught = Matcher(load_knowledge(root))
    assert taught.match(message).ids == ["studio-statement"]
    assert taught.match(message.upper()).ids == ["studio-statement"]  # whatever its case


def test_a_particle_tells_two_verbs_apart(write_kb: WriteKb) -> None:
    """ "check in" and "check out" are two facts of a hotel's base, told apart only by the
    particle, a stopword: "check out time" had got the check-in time at 0.95 (a wrong fact)
    and "what time is check out?" a tie of the two. Where the examples say one word with two
    particles, in different facts, the pair counts beside the word; a particle the base never
    contrasts stays a stopword ("sign in" below)."""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "check-in-time",
                "Check-in opens at 15:00.",
                ["what time is check-in", "when can i check in to my room", "check in hours"],
            ),
            (
                "check-out-time",
                "Check-out is by 11:00.",
                ["what time is check-out", "when do i have to check out", "check out hours"],
            ),
            (
                "guest-wifi",
                "Sign in to HarbourGuest with your room number.",
                ["how do i sign in to the wifi", "wifi password", "is the wifi free"],
            ),
        ),
    )
    for message, fact in (
        ("check out time", "check-out-time"),
        ("what time is check out?", "check-out-time"),
        ("what time is check in?", "check-in-time"),
        ("when are we checking out", "check-out-time"),
        ("check in time pls", "check-in-time"),
    ):
        result = matcher.match(message)
        assert (result.outcome, result.id) == ("answer", fact), message
    assert [t.text for t in matcher.lexicon.analyse("check out").tokens] == ["check+out", "check"]
    assert [t.text for t in matcher.lexicon.analyse("sign in").tokens] == ["sign"]


def test_a_word_the_base_hyphens_may_be_glued(write_kb: WriteKb) -> None:
    """ "xrays" is what the base writes "X-rays" ("how offten are xrays reccomended" got a
    "did you mean" in a dental base, "checkin" was bent into another word): a message's word
    that glues one the base hyphens is read as its two words, unless the base uses the
    glued word too."""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "xrays",
                "We take X-rays every two years; they are very low dose.",
                ["how often do i need X-rays", "are x-rays safe", "dental x-ray cost"],
            ),
            (
                "check-ups",
                "A check-up is free with the membership plan.",
                ["how much is a check-up", "how often should i come in", "checkup price"],
            ),
        ),
    )
    result = matcher.match("how offten are xrays reccomended")
    assert (result.outcome, result.id) == ("answer", "xrays")
    assert [t.text for t in matcher.lexicon.analyse("xray safe").tokens] == ["x", "ray", "safe"]
    # the base writes "checkup" as well as "check-up": the word stays as it is
    assert "checkup" in [t.text for t in matcher.lexicon.analyse("checkup").tokens]


def test_a_clause_of_interjections_before_a_question_says_nothing(write_kb: WriteKb) -> None:
    """ "wait, how do i buy tickets" and "oh wait how do i buy tickets" (a part of its own
    before the question starter) got the waitlist at 0.99 in a venue's base, which has no
    vocabulary to call "wait" chat: a clause or part made only of interjections and leaders,
    with another after it, is no part of what is asked. Alone it is still read ("wait")."""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "buying-tickets",
                "Tickets are sold on our website and at the box office.",
                ["how do i buy tickets", "where can i get tickets", "box office hours"],
            ),
            (
                "waitlist",
                "When a show sells out, join the waitlist on its page.",
                [
                    "is there a waitlist",
                    "the show is sold out, can i still buy tickets",
                    "how long is the wait for sold out shows",
                ],
            ),
        ),
    )
    for message in ("wait, where do i buy tickets", "oh wait where do i buy tickets"):
        said = [t.text for t in matcher.lexicon.analyse(message).tokens]
        assert said == ["buy", "ticket"], message
        assert matcher.match(message).ranked_first == "buying-tickets", message
    assert [t.text for t in matcher.lexicon.analyse("wait").tokens] == ["wait"]


@pytest.mark.parametrize(
    "message", ["what a cliffhanger", "what a day", "what a finale", "what an episode omg"]
)
def test_an_exclamation_is_a_reaction_not_a_question(matcher: Matcher, message: str) -> None:
    """ "what a cliffhanger" had got the season's ending at 0.99 and "what a day" the
    premiere ("what day did it start streaming"): a fan's clause that opens "what a" or
    "what an" without "?" is an exclamation, which gets a reaction back, never a fact."""
    result = matcher.match(message)
    assert (result.outcome, result.courtesy) == ("none", REACTION)
    # asked, or asked beside it, it is read
    assert matcher.match("what a cliffhanger. when is season 2 out?").ids == [
        "season2-release-date"
    ]
    assert matcher.match("what day did it come out").ids == ["season1-premiere"]


def test_validate_names_the_example_that_makes_chat_get_a_fact(write_kb: WriteKb) -> None:
    """`validate` asks a base everyday chat that asks nothing (bot/data/chatter_check.txt)
    and names the example of each fact that gets some, closest to it: a hotel's "Is there a
    gym?" made "just got back from the gym" get the gym's opening hours. (It found "what a
    day" getting the shipped base's premiere.)"""
    matcher = _facts_matcher(
        write_kb,
        (
            (
                "gym",
                "The gym is open 24 hours with your key card.",
                ["Is there a gym?", "gym hours", "can i use the gym"],
            ),
            (
                "parking",
                "Parking is 12 pounds a day behind the hotel.",
                ["how much is parking", "where do i park"],
            ),
            ("pool", "The pool is open 7 to 21.", ["is there a pool", "pool hours"]),
        ),
    )
    caught = matcher.chatter_caught()
    assert "just got back from the gym" in caught[("gym", "Is there a gym?")]
    assert {fact for fact, _ in caught} == {"gym"}
    warned = [p for p in matcher.lint() if "asks nothing" in p.message]
    assert len(warned) == 1 and "'Is there a gym?'" in warned[0].message
    assert "just got back from the gym" in warned[0].message


@pytest.mark.parametrize(
    "message, fact_id",
    [
        ("how does the california film tax credit actually work", "season2-tax-credit"),
        ("what does a showrunner even do", "showrunners"),
        ("how do nielsen ratings work for streaming", "nielsen-ranking"),
    ],
)
def test_a_question_about_a_kind_of_thing_in_general_is_offered_not_answered(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    """ "how does the california film tax credit actually work" got the season's tax credit
    at 0.87, "what does a showrunner even do" the showrunners at 0.99: asked in a frame of
    bot/data/general_frames.txt that none of the fact's examples is asked in, the question is
    about that kind of thing in general. The fact is offered ("did you mean"), not answered;
    asked about the show, it is answered."""
    result = matcher.match(message)
    assert result.outcome == "suggest", message
    assert fact_id in [f.id for f in result.suggestions]
    assert matcher.match("who is the showrunner").ids == ["showrunners"]
    assert matcher.match("how did ballard do on nielsen").ids == ["nielsen-ranking"]
    assert matcher.match("how does season 1 end").ids == ["season1-ending"]


def test_only_the_question_asked_in_general_of_a_message_is_held_back(matcher: Matcher) -> None:
    """The other questions of the message are answered."""
    result = matcher.match("who plays ballard and how does nielsen measure streaming minutes")
    assert result.ids == ["lead-actor"]
    assert [p.result.outcome for p in result.parts] == ["answer", "suggest"]


def test_a_facts_examples_make_a_general_frame_its_own(write_kb: WriteKb) -> None:
    """Whether a frame asks in general is the admin's call: a fact with an example asked in
    it ("how does the trial day work") answers questions asked so; another fact does not."""
    rows = [
        (
            "trial-day",
            "A first visit is a free half-day trial with a keeper.",
            ["how does the trial day work", "is the first day free", "can we try a day"],
        ),
        (
            "group-play",
            "Dogs play in groups of up to eight, sorted by size.",
            [
                "how big are the play groups",
                "are big and small dogs together in play groups",
                "what are play groups",
            ],
        ),
    ]
    matcher = _facts_matcher(write_kb, rows)
    assert matcher.match("how does the free trial day work for puppies").ids == ["trial-day"]
    assert matcher.match("how do play groups work").outcome == "suggest"
    rows[1][2].append("how do the play groups work")
    assert _facts_matcher(write_kb, rows).match("how do play groups work").ids == ["group-play"]
    # an example asked so about the base's own subject counts too ("how does it work")
    rows.append(
        (
            "boarding",
            "Overnight boarding is 40 pounds a night, in a quiet room.",
            ["can she stay overnight", "how much is boarding", "never boarded, how does it work"],
        )
    )
    assert _facts_matcher(write_kb, rows).match("how does overnight boarding work").ids == [
        "boarding"
    ]


def test_a_question_asking_for_a_time_of_day_needs_a_fact_that_says_one(
    matcher: Matcher, write_kb: WriteKb
) -> None:
    """ "what time does s2 drop" asks for an hour, which season 2's date does not give: the
    fact is offered, not answered, while the other question of the message is answered. A
    fact whose answer says a time of day ("9am", "17:30", "midnight"), or one of whose
    examples asks so, answers such a question. (Written for this test.)"""
    result = matcher.match("who plays ballard and what time does s2 drop")
    assert result.ids == ["lead-actor"]
    assert [p.result.outcome == "answer" for p in result.parts] == [True, False]
    assert matcher.match("when does s2 drop").ids == ["season2-release-date"]
    rows = [
        (
            "opening-hours",
            "The terminal opens at 5am and closes after the last sailing, at 23:30.",
            ["when does the terminal open", "is the terminal open early", "terminal hours"],
        ),
        (
            "timetable",
            "The summer timetable starts on 1 May and runs to 30 September.",
            [
                "when does the summer timetable start",
                "is the summer timetable out",
                "summer timetable dates",
            ],
        ),
    ]
    ferry = _facts_matcher(write_kb, rows)
    assert ferry.match("what time does the terminal open").ids == ["opening-hours"]
    assert ferry.match("what time does the summer timetable start").outcome == "suggest"
    rows[1][2].append("what time does the summer timetable begin")
    taught = _facts_matcher(write_kb, rows)
    assert taught.match("what time does the summer timetable start").ids == ["timetable"]


def test_a_real_word_with_two_letters_swapped_is_read_when_nothing_else_is_found(
    matcher: Matcher,
) -> None:
    """Spelling correction never touches a real word ("cost" is no "cast"), so "who is in
    the cats of ballard" found nothing. When nothing is found, an everyday word that is two
    neighbouring letters swapped of exactly one word of the base is read as that word, and
    the message answered if it then is; chat that says it ("my cats love ballard", "i love
    cats") stays chat. (Written for this test, after a development set's typo.)"""
    assert matcher.match("who is in the cats of ballard").ids == ["cast"]
    assert matcher.match("Who's in the Cats?").ids == ["cast"]
    for chat in ("my cats love ballard", "i love cats", "the cats"):
        assert matcher.match(chat).outcome == "none", chat
    assert matcher.lexicon.spelling.unswapped("who is in the Cats of Ballard?") == (
        "who is in the cast of Ballard?"
    )
    assert matcher.lexicon.spelling.unswapped("nothing to see here") is None


def test_a_word_that_sounds_like_one_of_the_bases_is_read_so_when_offered(
    write_kb: WriteKb,
) -> None:
    """Spelling correction never touches a real word, so "are pets aloud on board" was only
    offered the pets fact (at 0.41): "aloud" weighed as a word no fact uses. A word of
    bot/data/confusables.txt (written blind) that no text of the base uses, in a group of
    which the base uses one member and that member is commoner in English, is read as it
    when the message as typed was offered, and the message answered if it then is. Chat
    that says it stays chat, a commoner word is meant as itself ("wait" is no "weight"), and
    a word the base uses is never read as another. (Written for this test: a ferry's FAQ.)"""
    rows = [
        (
            "pets",
            "Pets are welcome on the outer deck, on a lead.",
            ["are pets allowed on board", "can i bring my dog", "is my cat welcome on the ferry"],
        ),
        (
            "luggage",
            "Each passenger may bring two bags of up to 20 kg.",
            ["what is the luggage weight limit", "how many bags can i take"],
        ),
        (
            "sailings",
            "The first sailing leaves at 07:15; the crossing takes 50 minutes.",
            ["when is the first sailing", "how long is the crossing", "timetable"],
        ),
    ]
    ferry = _facts_matcher(write_kb, rows)
    confused = ferry.lexicon.spelling.targets.confused_words()
    assert confused["aloud"] == "allowed"
    assert "wait" not in confused  # (commoner than the base's "weight")
    for asked in ("are pets aloud on board", "is my cat aloud on board"):
        result = ferry.match(asked)
        assert (result.outcome, result.id) == ("answer", "pets"), asked
    assert ferry.lexicon.spelling.sound_alike("Are pets ALOUD on board?") == (
        "Are pets allowed on board?"
    )
    for chat in ("i read it aloud", "wait what", "how long is the wait"):
        assert ferry.match(chat).outcome != "answer", chat
    # a base whose text says "aloud" reads it as itself
    rows.append(("story-time", "We read aloud to children on Saturdays.", ["story time"]))
    assert "aloud" not in _facts_matcher(write_kb, rows).lexicon.spelling.targets.confused_words()


def test_a_question_naming_only_another_show_is_offered_not_answered(matcher: Matcher) -> None:
    """ "where did reacher rank on the nielsen streaming chart" got Ballard's Nielsen ranking
    at 0.89: its chart words outweighed the other show's name. A question that names another
    show and not this one, which the fact does not explain, asks about that show: the fact
    is offered, not answered. Named beside this one, or explained by the fact ("does bosch
    show up"), the question is answered."""
    result = matcher.match("where did reacher rank on the nielsen streaming chart")
    assert result.outcome == "suggest"
    assert [f.id for f in result.suggestions] == ["nielsen-ranking"]
    assert matcher.match("where did ballard rank on the nielsen streaming chart").ids == [
        "nielsen-ranking"
    ]
    assert matcher.match("does bosch show up").ids == ["bosch-appearance"]
    both = matcher.match("who plays ballard? where did reacher rank on the nielsen chart")
    assert both.ids == ["lead-actor"]


def test_a_bases_own_frames_hold_back_a_question_about_something_else(matcher: Matcher) -> None:
    """The shipped vocabulary's frames ("what show | which show"): "what show was number one
    on nielsen last week" asks which show, and got Ballard's Nielsen ranking at 0.94. A fact
    with an example asked in any wording of the frame ("what show is ballard spun off from")
    keeps answering it."""
    result = matcher.match("what show was number one on nielsen last week")
    assert result.outcome == "suggest" and result.suggestions[0].id == "nielsen-ranking"
    assert matcher.match("which show is it a spinoff of").ids == ["bosch-spinoff"]
    assert matcher.match("what was ballard's best week on nielsen").ids == ["nielsen-ranking"]
    # a chart's leader asked for ("what topped nielsen in july", "who was number one on the
    # streaming charts") is another show, not Ballard's place: the second frame; "was
    # ballard number one on nielsen" asks Ballard's (offered beside the viewership, whose
    # keyword "number one" the Nielsen ranking does not use: see test_the_ballard_book_…)
    for asked in ("what topped nielsen in july", "who was number one on the streaming charts"):
        assert matcher.match(asked).outcome == "suggest", asked
    ballards = matcher.match("was ballard number one on nielsen")
    assert [f.id for f in ballards.suggestions] == ["nielsen-ranking", "viewership"]


def test_the_shows_name_inside_a_phrase_is_read_apart_from_it(matcher: Matcher) -> None:
    """A fan's "new ballard episodes" says the vocabulary's "new episodes" (season 2) around
    the show's name, "pick ballard up" its "pick up" (renewed): "any idea when new ballard
    episodes will be available" had no season 2 in it and got nothing (0.13)."""
    assert matcher.match("any idea when new ballard episodes will be out").ids == [
        "season2-release-date"
    ]
    assert matcher.match("did they pick ballard up again").ids == ["season2-renewal"]
    analysis = matcher.lexicon.analyse("when do new ballard eps drop")
    assert "season_2" in [t.text for t in analysis.tokens] and analysis.on_topic
    # the knowledge base's own text is read as written
    own = matcher.lexicon.analyse("when do new ballard eps drop", correct=False)
    assert "season_2" not in [t.text for t in own.tokens]


def test_an_example_of_numbers_only_is_answered_as_written(write_kb: WriteKb) -> None:
    """A message of numbers only asks nothing ("5", "24/7"), unless an admin wrote it as an
    example question: "Is it 24/7?" is the opening hours' (found by `python
    tools/typo_examples.py --domains`: the one example of a base not answered as written)."""
    matcher = _facts_matcher(
        write_kb,
        (
            ("opening-hours", "Open 7:00 to 22:00 every day.", ["Is it 24/7?", "opening hours"]),
            ("day-pass", "A day pass is 20 pounds.", ["how much is a day pass", "day pass price"]),
        ),
    )
    assert matcher.match("is it 24/7").ids == ["opening-hours"]
    assert matcher.match("24/7").outcome == "none"
    assert matcher.match("7").outcome == "none"


@pytest.mark.parametrize(
    "message, fact_id",
    [
        ("what is ballard about in one sentence", "premise"),
        ("the renewal news, long story short?", "season2-renewal"),
    ],
)
def test_how_to_answer_is_no_part_of_what_is_asked(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    """ "in one sentence", "long story short" say how to answer, as "in a nutshell" does
    (filler_phrases.txt): "what is ballard about in one sentence" got a "did you mean" at
    0.07."""
    assert matcher.match(message).ids == [fact_id]


@pytest.mark.parametrize(
    "message, fact_id",
    [
        ("when is the upcoming season out", "season2-release-date"),
        ("whats the plot of the next installment", "season2-story"),
    ],
)
def test_the_shipped_vocabulary_names_the_next_season_many_ways(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    """knowledge/vocabulary.yaml's season 2: "upcoming season", "next installment"..."""
    assert matcher.match(message).ids == [fact_id]


def test_a_question_is_read_in_its_tense(matcher: Matcher) -> None:
    """ "will", "going to" ask about what is to come, "did", "was" about what has been
    (bot/data/tenses.txt); a tense before the question word is the reporting verb's ("did
    amazon say when season 2 comes out" asks in the present), and a tense word alone makes no
    statement a question."""
    tenses = {"<future>", "<past>"}

    def tense(text: str) -> set[str]:
        return set(matcher.lexicon.analyse(text).question_words) & tenses

    assert tense("when will it drop") == {"<future>"}
    assert tense("when is it gonna come out") == {"<future>"}
    assert tense("when did it premiere") == {"<past>"}
    assert tense("when does it come out") == set()
    assert tense("did amazon say when season 2 comes out") == set()
    assert tense("has amazon said when the next season will be released") == {"<future>"}
    assert not matcher.lexicon.analyse("i will watch it tonight").question_clauses


def test_a_question_in_the_other_tense_from_a_facts_examples_is_offered(matcher: Matcher) -> None:
    """ "when will it drop?" got the season 1 premiere at 0.99 ("when did ballard premiere",
    "when was the show released": the same words once "will" and "did" are dropped as
    stopwords). A fact most of whose examples are asked in the past, and none in the future,
    is offered to a question about what is to come, not answered; asked in the past, or in
    both tenses, it is answered."""
    result = matcher.match("when will it drop?")
    assert result.outcome != "answer" or result.ids != ["season1-premiere"]
    assert matcher.match("when did it drop?").ids == ["season1-premiere"]
    both = matcher.match("when did s1 come out and when will s2 come out")
    assert set(both.ids) == {"season1-premiere", "season2-release-date"}
    # a fact asked in both tenses ("did prime video renew", "is there going to be a season 2")
    assert matcher.match("will ballard be renewed").ids == ["season2-renewal"]
    # the tense of chat around the question is not the question's
    plain = matcher.match("when does it come out?")
    chat = matcher.match("i'm going to binge it tonight. when does it come out?")
    assert (
        (chat.outcome, chat.ids) == (plain.outcome, plain.ids) == ("answer", ["season1-premiere"])
    )


def test_the_tense_of_a_facts_examples_ranks_a_question(write_kb: WriteKb) -> None:
    """On a base of example questions only, two facts sharing their words apart from their
    tense: a question asked in one tense gets the fact asked in it."""
    rows = [
        (
            "card-delivery",
            "New cards arrive within 5 working days of ordering.",
            [
                "when will my card arrive",
                "how long will my new card take to come",
                "will my card be delivered this week",
                "when is my card going to get here",
            ],
        ),
        (
            "card-dispatched",
            "You can see when your card was posted under Cards > Delivery.",
            [
                "when was my card sent",
                "did you post my card yet",
                "was my new card dispatched",
                "when did my card get sent out",
            ],
        ),
    ]
    matcher = _facts_matcher(write_kb, rows)
    assert matcher.match("when will my card get here").ids == ["card-delivery"]
    assert matcher.match("when did my card get posted").ids == ["card-dispatched"]
    assert matcher.match("was my card sent out").ids == ["card-dispatched"]
    late = matcher.match("when will my card be sent")
    assert late.ids != ["card-dispatched"]


def test_a_fan_talking_about_the_show_is_not_answered_unless_sure(matcher: Matcher) -> None:
    """In a base whose examples are questions (the shipped one: 5 statements of 182), a
    message that asks nothing is a fan talking about the show ("titus as harry in this
    spinoff is perfect" got the spinoff's fact at 0.73): its fact is offered, not answered,
    below the statement threshold (0.90 since 5 December, fourteenth session: at 0.80,
    "california tax credit money well spent tbh" got the tax credits at 0.86). Asked, the same
    words get the fact; a terse request that names a fact plainly ("season 2 release date") is
    sure enough."""
    said = matcher.match("titus as harry in this spinoff is perfect")
    assert said.outcome == "suggest"
    assert "bosch-spinoff" in [f.id for f in said.suggestions]
    for talk, fact in (
        ("california tax credit money well spent tbh", "season2-tax-credit"),
        ("retired harry + ballard is the dynamic i didn't know i needed", "bosch-appearance"),
    ):
        said = matcher.match(talk)
        assert said.outcome == "suggest", talk
        assert fact in [f.id for f in said.suggestions]
        assert 0.80 <= said.confidence < 0.90  # (what the threshold decides)
    assert matcher.match("is this a bosch spinoff?").ids == ["bosch-spinoff"]
    assert matcher.match("season 2 release date").ids == ["season2-release-date"]


def test_a_long_statement_is_a_fan_talking_however_sure(matcher: Matcher) -> None:
    """A message that asks nothing and says LONG_STATEMENT_TOKENS words of content or more is
    a fan talking, in a base of questions, however plainly it names a fact: offered, never
    answered. Both had their fact answered at 0.98 and 0.99 before (twenty-third session).
    A short request typed without a question, or one opening as a request, is still
    answered; asked, the same words get their fact. (Written for this test.)"""
    for talk, fact in (
        (
            "2.5 billion minutes watched is wild for a show my coworkers said would flop",
            "viewership",
        ),
        (
            "told my whole family ballard would make the nielsen top 10 and now they owe me dinner",
            "nielsen-ranking",
        ),
    ):
        said = matcher.match(talk)
        assert len(matcher.lexicon.analyse(talk).tokens) >= LONG_STATEMENT_TOKENS
        assert said.outcome == "suggest", talk
        assert [f.id for f in said.suggestions][:1] == [fact]
        assert said.confidence >= STATEMENT_CONFIDENCE  # (the length decides, not the threshold)
    assert matcher.match("season 2 renewal confirmed by prime video").ids == ["season2-renewal"]
    looking = "looking for the ballard season 2 release date and where to stream it"
    assert matcher.match(looking).ids[:1] == ["season2-release-date"]
    asked = "did ballard make the nielsen top 10? my whole family says it did"
    assert matcher.match(asked).ids == ["nielsen-ranking"]


def test_a_large_facts_one_example_asking_where_makes_it_no_where_fact(matcher: Matcher) -> None:
    """Of a fact with more examples than the confidence was fitted on (the Nielsen ranking's
    16, since the second admin batch), one example asking "where" ("where did it peak on
    nielsen") does not make it a fact that answers "where": "where can i stream it?" had
    it as a near runner-up and got a "did you mean" (0.65). That example, asked as written,
    still gets its fact; so does every example whose question word its fact asks once
    ("who is renee ballard", the premise's: an example is the admin's word)."""
    assert matcher.match("where can i stream it?").ids == ["where-to-watch"]
    assert matcher.match("where did it peak on nielsen").ids == ["nielsen-ranking"]
    assert matcher.match("who is renee ballard").ids == ["premise"]


def test_do_you_happen_to_know_asks_what_follows(matcher: Matcher) -> None:
    """ "do you happen to know" is a polite frame: the question is what follows it, and
    "happen" is no word of it (it had added the renewal's "season 2 happening" to the
    premiere). "what will happen to renee" still asks about happening."""
    assert matcher.match("do you happen to know when it premiered").ids == ["season1-premiere"]
    assert matcher.match("would u happen to know who plays ballard").ids == ["lead-actor"]
    assert "happen" in [t.text for t in matcher.lexicon.analyse("what will happen to renee").tokens]


def test_a_request_by_its_facts_keywords_alone_is_a_request(matcher: Matcher) -> None:
    """A message that asks nothing but says, in one clause, no more than three words, every
    one a word of the answered fact's keywords, is a request by the fact's name, not a fan
    talking ("ballard plot": the premise's "plot"; 0.797 since the second admin batch, under
    the statement threshold, and a "did you mean"). A fan exclaiming it twice is not."""
    assert matcher.match("ballard plot").ids == ["premise"]
    assert matcher.match("lol ballard synopsis anyone").ids == ["premise"]
    assert matcher.match("THE FINALE. THE FINALE.").outcome != "answer"
    # (the rule itself, as it reads an answer below the statement threshold: on the base
    # before the second admin batch the exclamation had 0.72)
    ending = MatchResult("answer", 0.72, answers=(matcher.kb.fact("season1-ending"),))
    assert matcher._keyword_request(matcher.lexicon.analyse("the finale"), ending)
    assert not matcher._keyword_request(matcher.lexicon.analyse("THE FINALE. THE FINALE."), ending)


def test_a_statement_is_a_request_where_the_admin_writes_statements(write_kb: WriteKb) -> None:
    """Where an admin writes statements as examples ("lost my wallet on the ferry"), a
    customer's statement is a request: "my phone is lost somewhere on the boat" gets lost
    property at the usual threshold. The same base with its examples asked as questions (one
    statement in twelve) offers it instead. (Written for this test: a ferry's FAQ.)"""
    asked = [
        (
            "foot-fares",
            "An adult return is 12 pounds, a child's 6.",
            [
                "how much is a foot passenger ticket",
                "what is the child fare",
                "price of an adult return?",
                "do children pay less",
            ],
        ),
        (
            "lost-property",
            "Lost items are kept at the Harbour office for 30 days.",
            [
                "where is lost property",
                "i left my bag on the boat",
                "how do i get back something i lost",
                "did anyone hand in a phone",
            ],
        ),
        (
            "delays",
            "Delays are posted on the departures board and the app.",
            [
                "is the ferry running late",
                "how do i know about delays",
                "what happens if my crossing is delayed",
                "are sailings on time today",
            ],
        ),
    ]
    said = [
        (id_, answer, [*questions, statement])
        for (id_, answer, questions), statement in zip(
            asked, ["child fare", "lost my wallet on the ferry", "ferry delayed again"], strict=True
        )
    ]
    message = "my phone is lost somewhere on the boat"
    assert _facts_matcher(write_kb, said).match(message).ids == ["lost-property"]
    offered = _facts_matcher(write_kb, asked).match(message)
    assert offered.outcome == "suggest"
    assert [f.id for f in offered.suggestions][:1] == ["lost-property"]


def _domain(monkeypatch: pytest.MonkeyPatch, name: str) -> Matcher:
    """A development domain's base (eval/domains-dev/NAME) as tools/generalisation.py builds
    it: facts of example questions alone, no vocabulary."""
    monkeypatch.syspath_prepend(str(TOOLS))  # (the tool imports its neighbours, as run)
    generalisation = importlib.import_module("generalisation")
    return Matcher(generalisation.domain_kb(generalisation.DEV_DOMAINS / name))


def test_a_terse_request_is_no_statement_in_a_base_of_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a base whose examples are all questions, a message that asks nothing is a fan
    talking and needs 0.90; but "missed departure", "car prices" are requests typed as into
    a search box (they had got a "did you mean" at 0.75): two words of content at most, not
    exclaimed ("missed departure!" is a reaction)."""
    monkeypatch.syspath_prepend(str(TOOLS))
    generalisation = importlib.import_module("generalisation")
    ferry = Matcher(generalisation.domain_kb(generalisation.DEV_DOMAINS / "ferry", True))
    assert ferry.questions_only()
    for said, fact in (("missed departure", "missed-sailing"), ("car prices", "vehicle-fares")):
        result = ferry.match(said)
        assert (result.outcome, result.id) == ("answer", fact), said
    assert ferry.match("missed departure!").outcome == "suggest"


def test_a_statement_is_weighed_as_a_question_where_the_examples_make_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The calibrated confidence was fitted where a statement is mostly a fan talking; in a
    base whose admin writes requests as statements ("my ride is still running"), a message
    of three words of content or more that asks nothing is weighed as a question is ("my
    kid needs a helmet for riding" had got a "did you mean" at 0.64). In the same facts with
    only their questions it is still a statement."""
    monkeypatch.syspath_prepend(str(TOOLS))
    generalisation = importlib.import_module("generalisation")
    folder = generalisation.DEV_DOMAINS / "bikeshare"
    said = Matcher(generalisation.domain_kb(folder))
    asked = Matcher(generalisation.domain_kb(folder, True))
    assert not said.questions_only() and asked.questions_only()
    message = "my kid needs a helmet for riding"
    result = said.match(message)
    assert (result.outcome, result.id) == ("answer", "helmets")
    offered = asked.match(message)
    assert offered.outcome == "suggest"
    assert [f.id for f in offered.suggestions][:1] == ["helmets"]
    # asked, it was answered before as now
    assert said.match("my kid needs a helmet for riding?").id == "helmets"


def test_two_words_naming_a_term_of_the_vocabulary_are_a_fan_talking(tmp_path: Path) -> None:
    """A term of the vocabulary is what fans talk about: "maggie q ate" (she performed
    well) stays a statement, though a fan's "ngl who's the main girl she ate every scene"
    taught to the lead actor makes both its words the fact's (the steering runs over
    eval/blind-6.jsonl had answered it at 0.75)."""
    taught = {
        "lead-actor": ["ngl who's the main girl she ate every scene"],
        "source-books": ["I've read half of the Harry Bosch novels. Is Ballard a Connelly one?"],
    }
    m = Matcher(load_knowledge(shipped_with_examples(tmp_path / "kb", taught)))
    assert m.lexicon.vocabulary.is_concept("maggi_q")  # (stemmed, as tokens are)
    assert m.match("maggie q ate").outcome != "answer"
    # two words of content in a sentence of five are no search either
    assert m.match("reading a book for once").outcome != "answer"


def test_a_word_before_is_and_an_ing_word_is_its_subject(tmp_path: Path) -> None:
    """ "bot is cooking" had dropped "bot" as a word of address and read "is cooking?" as a
    question: once an admin taught a fan's "is ballard cooked or did it get renewed 😭", it
    got the renewal at 0.75 (the steering runs over eval/dev-2.jsonl, seeds 1 and 2). An
    auxiliary and one word in "-ing" with nothing after has no subject to ask about."""
    taught = {"season2-renewal": ["is ballard cooked or did it get renewed 😭"]}
    m = Matcher(load_knowledge(shipped_with_examples(tmp_path / "kb", taught)))
    for said in ("bot is cooking", "chat is cooking"):
        assert not m.lexicon.analyse(said).question_clauses, said
        assert m.match(said).outcome != "answer", said
    for asked in ("bot is it renewed", "wait is filming starting", "lol is it coming back"):
        assert m.lexicon.analyse(asked).question_clauses, asked


def test_one_of_after_the_shows_name_is_no_season() -> None:
    """ "Is Ballard one of Connelly's creations?" had read "ballard one" as season 1 (the
    show's name is a way to write a season: "ballard 2"), so an admin who taught that
    question made "which connelly book is season 1 adapted from" the books' answer at 0.93
    (the steering runs over eval/blind-6.jsonl, seeds 1 and 2)."""
    m = Matcher(load_knowledge(KNOWLEDGE_DIR))
    read = {t.text for t in m.lexicon.analyse("Is Ballard one of Connelly's creations?").tokens}
    assert "season_1" not in read
    assert "season_1" in {t.text for t in m.lexicon.analyse("when did ballard one drop").tokens}


def test_an_example_asked_without_its_question_words_gets_the_fact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The admin asked "What are your hours?": "hours?" is that question, tersely (it had got
    a "did you mean" at 0.68, "hour" being a word of two other facts' examples too). Only a
    message of a few words that asks with no question word of its own ("when are your
    hours" asks its own), said by no other entry's example, and asked or of two words at
    least: "hours" alone is chat as often as not."""
    bikes = _domain(monkeypatch, "bikeshare")
    for asked in ("hours?", "your hours?"):
        result = bikes.match(asked)
        assert (result.outcome, result.id) == ("answer", "service-hours"), asked
    assert bikes.match("hours").outcome != "answer"
    _, ev = bikes.evidence("when are your hours")
    assert ev is not None and not ev.bare_example
    dental = _domain(monkeypatch, "dental")
    result = dental.match("prices?")  # "What are your prices?"
    assert (result.outcome, result.id) == ("answer", "checkup-cost")


def test_an_example_with_a_word_changed_for_one_its_answer_lists_gets_the_fact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The admin asked "Do you accept American Express?" and "Can I pay with cash?"; the
    answer lists PayPal and contactless: "do you acept paypal" and "can i pay by contactles"
    are those examples about another thing the answer names (they had got a "did you mean"
    at 0.47 and 0.34). A word the answer does not name is no such change ("bitcoin"), nor a
    word another fact uses too."""
    ferry = _domain(monkeypatch, "ferry")
    for asked in ("do you acept paypal", "can i pay by contactles"):
        result = ferry.match(asked)
        assert (result.outcome, result.id) == ("answer", "payment-methods"), asked
    assert ferry.match("can i pay by bitcoin").outcome != "answer"
    best, ev = ferry.evidence("do you accept paypal")
    assert best == "payment-methods" and ev is not None and ev.swapped
    # a name of two words for one of two ("Can you deliver to Ashby Cross?", the answer
    # listing Harrow Hill)
    food = _domain(monkeypatch, "fooddelivery")
    result = food.match("do u deliever to harow hill")
    assert (result.outcome, result.id) == ("answer", "delivery-area")
    _, ev = ferry.evidence("do you accept bitcoin")
    assert ev is None or not ev.swapped


def test_a_list_of_requests_gets_each_answer() -> None:
    """ "s2 plot & s1 ending" asks two things without a question mark: it had got one "did
    you mean" at 0.83, as a fan's statement. Clauses of a few words, each answered on its own
    with a fact of its own, are a list of requests: each gets its answer, in order, as parts
    of the message. A list with a clause the base cannot answer, or two for one fact, is read
    as before."""
    m = Matcher(load_knowledge(KNOWLEDGE_DIR))
    for asked, facts in (
        ("s2 plot & s1 ending", ["season2-story", "season1-ending"]),
        ("cast + premiere date", ["cast", "season1-premiere"]),
    ):
        result = m.match(asked)
        assert (result.outcome, result.ids) == ("answer", facts), asked
        assert [p.result.ids for p in result.parts] == [[f] for f in facts], asked
    assert m.match("lol, nice cast").outcome != "answer"
    result = m.match("cast + soundtrack")  # the music is a known unknown
    assert result.outcome == "none" and not result.parts
    assert not m.match("plot, premise").parts  # one fact twice: read as one request


def test_another_companys_thing_gets_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "How do I reset my Instagram password?" asked of a food-delivery app whose base never
    names Instagram is about Instagram's password: it had got the app's login answer at
    0.88. A well-known company's name (bot/data/other_brands.txt) right before a word the
    best fact explains makes it a "did you mean" at most; without the name, or with a name
    the base uses, the fact answers, and a name said as where a fan read something is no
    such thing."""
    food = _domain(monkeypatch, "fooddelivery")
    for asked, fact in (
        ("How do I reset my Instagram password?", "login-problems"),
        ("How do I delete my Facebook account?", "delete-account"),
    ):
        result = food.match(asked)
        assert result.outcome != "answer", asked
        assert [f.id for f in result.suggestions][:1] == [fact], asked
        plain = food.match(asked.replace("Instagram ", "").replace("Facebook ", ""))
        assert (plain.outcome, plain.id) == ("answer", fact), asked
    ballard = Matcher(load_knowledge(KNOWLEDGE_DIR))
    assert "instagram" not in ballard.index.brands  # a keyword of a known unknown names it
    assert "reddit" in ballard.index.brands
    result = ballard.match("someone on reddit said ballard got renewed, is it true")
    assert result.outcome == "answer"


def test_a_question_saying_too_little_is_read_with_the_sentence_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A question that says too little on its own ("…don't have a helmet with me. Can I
    borrow one from you…?": only "borrow", in a message mostly of chat) is read with the
    sentence just before it, and then asks the fact the whole message ranks first (two
    readings agreeing). A question with no word of its own ("…scratching his ears, what
    could it be") is not read so: it is a near miss. (From development domains written
    blind, eval/domains-dev/.)"""
    bikes = _domain(monkeypatch, "bikeshare")
    said = (
        "I'm visiting next week and don't have a helmet with me. Can I borrow one from you "
        "or do I need to buy one somewhere in Harbourton?"
    )
    result = bikes.match(said)
    assert (result.outcome, result.id) == ("answer", "helmets")
    dogs = _domain(monkeypatch, "daycare")
    assert dogs.match("my dog keeps scratching his ears, what could it be").outcome != "answer"


def test_a_question_after_chat_is_read_with_its_sentence(matcher: Matcher) -> None:
    """The same in the shipped base: the cast question's own words are few, the sentence
    before it says "cast". (dev-2, a development set.)"""
    said = (
        "quick cast question before I start tonight — besides Maggie Q who are the other "
        "main actors? want to know if there's anyone I'd recognise from Shameless or "
        "Snowfall, those are my comfort shows"
    )
    result = matcher.match(said)
    assert (result.outcome, result.id) == ("answer", "cast")


def test_a_letter_no_text_of_the_base_uses_is_no_word(
    monkeypatch: pytest.MonkeyPatch, write_kb: WriteKb
) -> None:
    """Chat shorthand ("r u insured n stuff", "b4", "w/o") and a number's unit ("2x a day")
    leave single letters that no fact uses; weighed as rare words no fact explains, they
    sank clear questions ("r u lot insured n stuff" got a "did you mean"). A letter the
    base's own text uses is a word as any other ("plan b"). (From development domains
    written blind, eval/domains-dev/.)"""
    dogs = _domain(monkeypatch, "daycare")
    assert {t.text for t in dogs.lexicon.analyse("r u lot insured n stuff").tokens}.isdisjoint(
        {"r", "n"}
    )
    result = dogs.match("r u lot insured n stuff")
    assert (result.outcome, result.id) == ("answer", "insurance-and-licence")
    facts = fact_yaml("plan-b", "Plan B is the backup route.", "what is plan b")
    lexicon = Matcher(load_knowledge(write_kb({"f.yaml": facts}))).lexicon
    assert "b" in {t.text for t in lexicon.analyse("tell me about plan b").tokens}
    assert "x" not in {t.text for t in lexicon.analyse("plan b 2x a day").tokens}


def test_a_texted_spelling_is_the_word_it_spells(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "b4", "2moro", "l8", "every1" (bot/data/texting.txt) are words in a fan's message,
    not a letter and a number read apart. (From development domains written blind.)"""
    dogs = _domain(monkeypatch, "daycare")
    read = {t.text for t in dogs.lexicon.analyse("cancel 2moro b4 noon, im l8").tokens}
    assert {stem("tomorrow"), stem("late")} <= read
    assert read.isdisjoint({"2", "4", "8", "b", "l", "moro"})
    result = dogs.match("hv to cancel 2moro sorry 😢 will i still get charged")
    assert (result.outcome, result.id) == ("answer", "cancellations")
    # a number beside a word is still a number ("2 dogs", "4 nights")
    assert "2" in {t.text for t in dogs.lexicon.analyse("price for 2 dogs").tokens}


def test_a_lone_digit_texted_for_a_word_is_that_word() -> None:
    """ "how 2 watch ballard" asks how to watch it: the "2" had been read as a number and
    got the viewership fact (2.5 billion minutes) at 0.97, confidently wrong. A lone "2" or
    "4" is "to" or "for" only beside the words bot/data/texted_digits.txt lists; a number
    anywhere else stays a number."""
    m = Matcher(load_knowledge(KNOWLEDGE_DIR))
    for asked in ("how 2 watch ballard", "where 2 watch ballard"):
        result = m.match(asked)
        assert (result.outcome, result.id) == ("answer", "where-to-watch"), asked
    assert m.match("is this connected 2 bosch at all").id == "bosch-spinoff"
    assert m.match("any news 4 s2").outcome == "answer"
    # beside a number's own words it stays a number
    assert m.match("will season 2 be out in 2026").id == "season2-release-date"
    assert m.match("was it ranked 4 on nielsen").id == "nielsen-ranking"
    read = {t.text for t in m.lexicon.analyse("how 2 watch ballard").tokens}
    assert "2" not in read


def test_a_shouted_question_is_corrected_as_it_is_in_lowercase(matcher: Matcher) -> None:
    """Two letters in capitals are an abbreviation, never a typo ("my GP"), unless the whole
    message shouts in capitals: "WEN DID SEASON ONE COME OT" is "wen did season one come ot"."""
    for text in ("WEN DID SEASON ONE COME OT", "wen did season one come ot"):
        result = matcher.match(text)
        assert (result.outcome, result.id) == ("answer", "season1-premiere"), text


def test_the_situation_around_a_question_is_said_aside(matcher: Matcher) -> None:
    """The words a message says only outside its questions are its situation; none in a
    message of one clause or of questions only, nor when its questions say no word of their
    own (what it says is then what it asks about)."""
    said = "my dog biscuit starts at the hospital on monday. when do you open?"
    analysis = matcher.lexicon.analyse(said)
    aside = aside_tokens(analysis.tokens, analysis.question_clauses)
    assert {"dog", "biscuit", "hospit", "monday"} <= aside
    assert "open" not in aside
    for alone in (
        "when do you open",
        "who plays her? where can i watch it?",
        "love this show",
        "my dog keeps scratching his ears, what could it be",
    ):
        analysis = matcher.lexicon.analyse(alone)
        assert not aside_tokens(analysis.tokens, analysis.question_clauses), alone


@pytest.mark.parametrize(
    ("domain", "message", "fact"),
    [
        (
            "ferry",
            "We're catching the 07:15 from Kelby to Port Sallow with two small children and "
            "won't have time for breakfast beforehand. Will we be able to get something hot to "
            "eat once we're on board?",
            "food-and-drink",
        ),
        (
            "daycare",
            "We picked up Clover, our golden retriever pup, on 2nd February at 8 weeks old. She "
            "had her first jab on the 9th and the second is booked for the 23rd. When's the "
            "soonest she could start your puppy mornings?",
            "puppy-club",
        ),
    ],
)
def test_a_question_asked_after_its_situation_is_answered(
    monkeypatch: pytest.MonkeyPatch, domain: str, message: str, fact: str
) -> None:
    """A long message telling the asker's situation, then asking: the situation's words
    ("kelby", "children", "breakfast"; "clover", "jab", "february") are not what is asked,
    and count half against a fact that does not explain them (ASIDE_FACTOR). In full they
    had sunk both questions, whose fact was ranked first, to a "did you mean" (0.64, 0.29).
    (Development domains without vocabulary, eval/domains-dev/.)"""
    base = _domain(monkeypatch, domain)
    result = base.match(message)
    assert (result.outcome, result.ids) == ("answer", [fact])
    monkeypatch.setattr(ranking, "ASIDE_FACTOR", 1.0)
    assert base.match(message).outcome == "suggest"


def test_a_situation_naming_another_show_is_not_set_aside(matcher: Matcher) -> None:
    """Another show named around a question ("start abbott elementary after this") says what
    the question is about: a fact that does not explain the show gets no allowance for the
    words around it, so "is it on hulu or max?" is not the show's own streaming answer."""
    said = (
        "I'm planning to start Abbott Elementary after this. Is it on Hulu or Max? I can never "
        "keep track."
    )
    assert matcher.match(said).outcome != "answer"
    # ...while the same situation around a question about Ballard is set aside
    ours = (
        "I'm planning to start it after this. where can i stream ballard? I can never keep track."
    )
    assert matcher.match(ours).ids == ["where-to-watch"]


def test_a_question_answered_on_its_own_gets_no_answer_of_its_situation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The situation around a question is set aside only when neither the message nor its
    questions alone got an answer: "can i get a refund?" is answered on its own, and the
    fact that "long day at work" happens to name (postponed shows, refunded "within 10
    working days", "how long") is no second answer (it was, set aside at once)."""
    venue = _domain(monkeypatch, "venue")
    said = "long day at work and my brain is fried. can i get a refund? cheers"
    assert venue.match(said).ids == ["refunds"]


def test_a_question_about_a_known_unknown_keeps_its_situation(matcher: Matcher) -> None:
    """A question the base knows it cannot answer is accounted for ("I don't know that
    yet"): the chat around it is not read again as a situation to find a fact in (the bet
    about Bosch had got the spinoff fact instead of the trailer's known unknown)."""
    said = (
        "long time lurker here, sorry if this is a dumb question but me and my mom have a bet "
        "going about whether harry bosch shows up in ballard at all, she says yes i say no, "
        "also does anyone know if there is a trailer for the second season, thanks in advance"
    )
    result = matcher.match(said)
    assert result.outcome != "answer"
    assert result.unknown is not None and result.unknown.id == "trailer"


@pytest.mark.parametrize(
    ("message", "clauses"),
    [
        ("how do i get tickets when they go on sale", 1),
        ("who plays her where can i watch it", 2),
        ("finished it in two nights anyway where can i watch it again", 2),
        ("loved every episode of it honestly when it comes back i am there", 2),
    ],
)
def test_a_question_word_and_its_subject_go_on_the_question_before(
    matcher: Matcher, message: str, clauses: int
) -> None:
    """After a question that opens with a question word and has words of its own, a
    question word followed by its subject ("… when they go on sale") says when the question
    happens, and goes on it; followed by its verb ("… where can i watch it") it starts a
    question of its own, and after chat it still may. (Written for this test.)"""
    analysis = matcher.lexicon.analyse(message)
    assert analysis.clause_count == clauses, analysis.clause_texts


def test_a_when_clause_is_no_question_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "How do I redirect my post when I move house?" asks about the post, not about moving:
    its "when i move house" had been read as a question of its own and got the broadband
    provider's moving-house fact at 0.98 (a development domain's near miss,
    eval/domains-dev/isp)."""
    base = _domain(monkeypatch, "isp")
    message = "How do I redirect my post when I move house?"
    assert base.match(message).outcome != "answer"
    monkeypatch.setattr(reading, "_CLAUSE_SUBJECTS", frozenset())
    base = _domain(monkeypatch, "isp")
    assert base.match(message).ids == ["moving-house"]


@pytest.mark.parametrize(
    ("message", "clauses"),
    [
        ("when does season 2 come out because i need to plan my weekend", 2),
        ("could you tell me where to watch it so i can start tonight", 2),
        ("is it so good that everyone talks about it", 1),
        ("what is the cause of the delay", 1),
        ("i started it because my wife loves bosch", 1),
    ],
)
def test_why_a_question_is_asked_is_a_part_of_its_own(
    matcher: Matcher, message: str, clauses: int
) -> None:
    """After a question that has its verb, "because …" (bot/data/reason_openers.txt) or
    "so" and a subject (purpose_openers.txt) says why it is asked: a part of its own, not a
    question, so that its words are the asker's situation. Not after a statement, nor "so"
    before anything else. (Written for this test.)"""
    analysis = matcher.lexicon.analyse(message)
    assert analysis.clause_count == clauses, analysis.clause_texts
    if clauses == 2:  # (the question, then why it is asked, which asks nothing)
        assert analysis.question_clauses == {0}


def test_why_a_question_is_asked_is_set_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Could you tell me when you open and close each day so I can plan around it?", after
    the asker's shifts and dog: "so i can plan around it" is why it is asked, set aside with
    the rest of the situation, and the opening hours are answered (a "did you mean" at 0.31
    while it was read as words of the question; a development domain, eval/domains-dev/)."""
    message = (
        "Hi, I've just started a new job at the hospital in Hollowmere and my shifts begin at "
        "7:45 on weekdays, occasionally Saturdays too. Biscuit is a 3 year old collie. Could "
        "you tell me when you open and close each day so I can plan around it?"
    )
    assert _domain(monkeypatch, "daycare").match(message).ids == ["opening-hours"]
    monkeypatch.setattr(reading, "_PURPOSE_OPENERS", frozenset())
    assert _domain(monkeypatch, "daycare").match(message).outcome == "suggest"


def test_a_fact_whose_answer_states_a_price_explains_the_words_asking_one(
    write_kb: WriteKb,
) -> None:
    """An admin asks a price "how much is it for my dog?" ("how much" is a question word,
    which explains no word), a fan types "dog fee?": the fee was a word only another fact's
    examples use, so "dog fee" got nothing, that other fact ranked first. A fact whose answer
    states a price (bot.prices) explains the words a question asks one with
    (bot/data/price_questions.txt) as its answer's other words do. (Written for this test: a
    ferry's FAQ.)"""
    rows = [
        (
            "pets",
            "Dogs and cats are welcome on the outer deck for £5 per pet per crossing.",
            ["can i bring my dog", "are pets allowed on board", "how much is it for my dog"],
        ),
        (
            "assistance-dogs",
            "Assistance dogs travel with their owner anywhere on board.",
            ["can my guide dog come in the lounge", "assistance dogs on board"],
        ),
        (
            "change-booking",
            "You can change a booking online up to 24 hours before you sail.",
            ["is there a fee to change my booking", "how do i change my booking"],
        ),
        (
            "sailings",
            "The first sailing leaves at 07:15; the crossing takes 50 minutes.",
            ["when is the first sailing", "how long is the crossing"],
        ),
    ]
    ferry = _facts_matcher(write_kb, rows)
    for asked in ("dog fee?", "what does it cost to bring a dog", "price for a dog"):
        result = ferry.match(asked)
        assert result.ranked[0].entry_id == "pets", asked
        assert result.outcome != "none", asked
    # ...but not where the answer states none: the booking fee stays the booking's
    assert ferry.match("booking fee").ranked[0].entry_id == "change-booking"
    # and the fee of a thing no fact is about is no question of the pets fact's
    assert ferry.match("fee").outcome != "answer"


_BAKERY = """\
facts:
  - id: opening-hours
    answer: We open at 7am every day but Sunday, and close at 6pm.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [when do you open, what time do you open on saturday, are you open on sundays,
                what are your opening hours]
    keywords: [hours, opening times]
  - id: cafe-menu
    answer: Our cafe serves coffee, tea and the day's pastries until 5pm.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [do you serve coffee, can i sit down and eat, what drinks do you have]
    keywords: [cafe, coffee, drinks]
"""


def test_a_short_question_naming_another_entrys_keyword_is_offered(write_kb: WriteKb) -> None:
    """An admin's keyword names its entry's topic: "when does the ballard book come out" got
    the premiere at 0.83, whose examples explain all of it but "book", a keyword of the
    books' fact; "are you open on sundays for coffee" (the hours at 0.82) is as much about
    the cafe as about the hours. A short question saying, in words its best fact does not
    use, another entry's keyword is offered with that entry, not answered
    (Matcher._named_elsewhere). Written for this test: a bakery's FAQ."""
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": _BAKERY})))
    plain = matcher.match("what time do you open")
    assert (plain.outcome, plain.ids) == ("answer", ["opening-hours"])
    named = matcher.match("are you open on sundays for coffee")
    assert named.outcome == "suggest"
    assert [f.id for f in named.suggestions] == ["opening-hours", "cafe-menu"]
    # a word both facts use names neither against the other
    assert matcher.match("what are your opening hours").ids == ["opening-hours"]


def test_the_ballard_book_is_not_the_premiere(matcher: Matcher) -> None:
    """The QA session of 7 December 2026: "when does the ballard book come out" was told the
    season 1 premiere at 0.83 ("book" is a keyword of the books' fact)."""
    book = matcher.match("when does the ballard book come out")
    assert book.outcome == "suggest"
    assert {f.id for f in book.suggestions} >= {"season1-premiere", "source-books"}
    assert matcher.match("when did ballard come out").ids == ["season1-premiere"]
