"""Courtesies said to the bot ("ty bot!", "hi", "good bot") get a courtesy back, and nothing
that asks something is ever taken for one."""

from __future__ import annotations

import json

import pytest

from bot.courtesy import (
    ANNOUNCED,
    PRIORITY,
    REACTION,
    _reaction_words,
    courtesy,
    reacts,
    shows_feeling,
    unwrapped,
    without_polls,
)
from bot.knowledge import load_knowledge
from bot.matching import Matcher
from bot.render import COURTESY_REPLIES, GREETING, no_match_text
from bot.text import words
from bot.wordlists import lines, word_set
from tests.conftest import KNOWLEDGE_DIR, ROOT, WriteKb, fact_yaml


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_knowledge(KNOWLEDGE_DIR))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("thanks!! 🙏", "thanks"),
        ("ty bot <3", "thanks"),
        ("Thank you so much :)", "thanks"),
        ("THANK YOU!!!!", "thanks"),
        ("tysm 💙", "thanks"),
        ("<:pepelove:1234567890> thanks", "thanks"),
        ("ok cool, thanks for the help", "thanks"),
        ("hi there, thanks!", "thanks"),  # thanks outrank a greeting
        ("good bot", "praise"),
        ("you're the best bot", "praise"),
        ("nice one lol", "praise"),
        ("hi", "greeting"),
        ("hello?", "greeting"),
        ("hey everyone", "greeting"),
        ("gm gm", "greeting"),
        ("good night everyone", "bye"),
        ("cya", "bye"),
        ("ok", "ack"),
        ("ok got it, cool", "ack"),
        ("ok thanks", "thanks"),  # thanks outrank an acknowledgement
        ("help", "help"),
        ("@Ballard help pls", "help"),
        ("what can you do?", "help"),
        ("hi! what can u do", "help"),  # asking what it does outranks a greeting
        ("how does this bot work", "help"),
        ("thanks lolol", "thanks"),  # a laugh as long as it lasts (bot/data/laughs.txt)
        ("nice one hahahahah", "praise"),
        ("👍", "reaction"),
        ("🙏🙏 ", "reaction"),
        ("<:pepelove:1234567890>", "reaction"),
    ],
)
def test_courtesies_by_kind(text: str, kind: str) -> None:
    assert courtesy(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "...",
        "2",
        "2 👍",
        "lol",
        "the answer",  # only filler: says nothing
        "thanks! when is s2 out?",
        "hi when does season 2 come out",
        "hey is it out yet",
        "thanks for nothing",
        "no thanks",
        "who are you",
        "can you help me find where to watch it",  # a request, not asking what it does
        "what do you know about season 2",
        "good bot? who plays ballard",
        "thanks " * 40,  # a wall of it is not a courtesy
    ],
)
def test_anything_else_is_not_a_courtesy(text: str) -> None:
    assert courtesy(text) is None


def test_the_data_file_has_only_known_kinds_and_every_kind_a_reply() -> None:
    entries = lines("courtesy.txt")
    wordings = [tuple(wording) for _, *wording in entries]
    assert all(wordings) and len(set(wordings)) == len(wordings), "one line per wording"
    # written as bot.text.words() reads a message, or a wording could never match
    assert [w for w in wordings if words(" ".join(w)) != list(w)] == []
    kinds = {kind for kind, *_ in entries}
    assert kinds == {*PRIORITY, "filler"}
    assert set(COURTESY_REPLIES) == {*PRIORITY, REACTION} and ANNOUNCED in PRIORITY
    assert COURTESY_REPLIES["greeting"] == GREETING


def test_no_labelled_question_is_taken_for_a_courtesy() -> None:
    """Every question of the evaluation sets that a fact answers is matched as usual."""
    asked = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            # (multi-blind.jsonl labels each question of a message: "questions")
            labels = row.get("labels") or [id_ for q in row["questions"] for id_ in q]
            if set(labels) != {"none"}:
                asked.append(row["q"])
    assert len(asked) > 800
    assert [q for q in asked if courtesy(q) is not None] == []


def test_the_matcher_marks_a_courtesy_and_answers_a_question_beside_it(
    matcher: Matcher,
) -> None:
    thanks = matcher.match("ty bot!")
    assert (thanks.outcome, thanks.courtesy) == ("none", "thanks")
    assert no_match_text(thanks) == COURTESY_REPLIES["thanks"]
    asked = matcher.match("thanks! when does season 2 come out")
    assert asked.outcome == "answer" and asked.courtesy is None
    assert asked.id == "season2-release-date"
    # what the sources do not say is still said plainly, never taken for a courtesy
    assert matcher.match("how many episodes are there").courtesy is None


def test_a_courtesy_is_one_whatever_fact_shares_its_words(write_kb: WriteKb) -> None:
    """ "can you hear me?" checks the bot is there; a fact about hearing support shares its
    word, but the message is made only of a greeting's words, so it gets the greeting. An
    example question that is a courtesy's words is still its fact's."""
    facts = fact_yaml("hearing", "A hearing loop covers the hall.", "can i hear the band well")
    facts += fact_yaml("hours", "Doors open at 7pm.", "good morning").replace("facts:\n", "")
    matcher = Matcher(load_knowledge(write_kb({"f.yaml": facts})))
    assert matcher.match("can i hear the band well with a hearing aid").id == "hearing"
    result = matcher.match("can you hear me?")
    assert result.outcome == "none" and result.courtesy == "greeting"
    assert matcher.match("good morning").id == "hours"  # its example, word for word


@pytest.mark.parametrize(("text", "kind"), [("bad bot", "wrong"), ("good bot", "praise")])
def test_a_courtesy_is_one_whatever_known_unknown_shares_its_words(
    matcher: Matcher, text: str, kind: str
) -> None:
    """ "bad bot" (a QA session's) got "I don't know that yet… about plot twists", the
    spoilers' known unknown explaining "bad" (its "bad guy"), where "good bot" got thanks: a
    message made only of a courtesy's words is that courtesy, whatever entry shares them."""
    result = matcher.match(text)
    assert (result.outcome, result.unknown, result.courtesy) == ("none", None, kind)
    assert matcher.match("is the bad guy caught").unknown is not None  # (asked, it still is)


# (The Discord benchmark's fan messages: a reaction marker or emoji in a question that its
# opening words hid had cost it its answer, and its row in the question log.)
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("omg wait is ballard on prime video", "where-to-watch"),
        ("lol ok so wait who plays ballard", "lead-actor"),
        ("welp does titus welliver show up 😅", "bosch-appearance"),
        ("sorry if this was asked already but is it on netflix 😅", "where-to-watch"),
        ("quick q: wait is ballard on prime video lol", "where-to-watch"),
        ("ngl the show is mid but is it doing well", "viewership"),
    ],
)
def test_a_question_behind_interjections_is_answered_not_reacted_to(
    matcher: Matcher, text: str, fact: str
) -> None:
    result = matcher.match(text)
    assert result.courtesy is None and result.id == fact


@pytest.mark.parametrize("text", ["lol the showrunners", "it was good but slow lol", "omg wait"])
def test_a_reaction_with_interjections_is_still_a_reaction(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).courtesy == REACTION


def test_chatter_that_is_a_courtesy_still_gets_no_fact(matcher: Matcher) -> None:
    chatter = (ROOT / "tests" / "data" / "chatter.txt").read_text(encoding="utf-8")
    polite = [t for t in chatter.splitlines()[1:] if t.strip() and courtesy(t)]
    assert len(polite) > 30  # the corpus's thanks and greetings
    for text in polite:
        result = matcher.match(text)
        assert result.outcome == "none" and result.courtesy == courtesy(text), text


@pytest.mark.parametrize(
    "text",
    [
        "lmao the cliffhanger tho 💀💀",
        "that cliffhanger 😭",
        "ugh cliffhangers",
        "lol the showrunners",
        "nielsen lol",
        "haha the tax credit",
        "100% on rotten tomatoes lol",
        "the writers room 🔥",
        "lmaooo the cliffhanger",
        "hi everyone, new here from the bosch server 👋",
    ],
)
def test_a_reaction_that_names_a_fact_gets_a_reaction_not_the_fact(
    matcher: Matcher, text: str
) -> None:
    """A fan reacting to the show ("lol", "tho", an emoji) asks nothing, however plainly the
    message names a fact; said to the bot, it gets a reaction back (written blind, before
    looking at the bot's answers: "lol the showrunners" had got the showrunners at 0.98)."""
    result = matcher.match(text)
    assert (result.outcome, result.courtesy) == ("none", REACTION)
    assert no_match_text(result) == COURTESY_REPLIES[REACTION]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("cliffhanger? lol", "season1-ending"),  # asked
        ("lol who plays ballard", "lead-actor"),
        ("cliffhanger", "season1-ending"),  # a name alone, no reaction marker
        ("lol ballard synopsis anyone", "premise"),  # "X anyone" asks
    ],
)
def test_a_question_or_request_with_a_reaction_marker_is_answered(
    matcher: Matcher, text: str, fact: str
) -> None:
    result = matcher.match(text)
    assert (result.outcome, result.id, result.courtesy) == ("answer", fact, None)


@pytest.mark.parametrize(
    ("text", "reacting"),
    [
        ("that finale tho", True),
        ("omggg", True),
        ("lololol the cliffhanger", True),  # a laugh as long as it lasts
        ("hahahahaha that finale", True),
        ("cast list pls 🙏", False),  # a request word or emoji
        ("s2 news 👀", False),
        ("s2 happening or nah 😭", False),
        ("ugh my card got declined", False),  # a word about oneself: a problem reported
        ("delete this account!", False),  # "!" is no marker
        ("lol " + "word " * 20, False),  # long: says something, whatever it carries
        ("", False),
    ],
)
def test_what_reacts(text: str, reacting: bool) -> None:
    assert reacts(text) is reacting


def test_no_labelled_question_is_taken_for_a_reaction(matcher: Matcher) -> None:
    """Every message of the evaluation sets that a fact answers and that does not read as a
    question ("ballard cast pls 🙏") is matched as usual."""
    unasked = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            labels = row.get("labels") or [id_ for q in row["questions"] for id_ in q]
            if set(labels) != {"none"} and not matcher.is_question(row["q"]):
                unasked.append(row["q"])
    assert len(unasked) > 50
    assert [q for q in unasked if reacts(q)] == []


# (Written for these tests; the list's openings are general English, see channel_polls.txt.)
@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("am i the only one who thinks bosch should have been in it more?", False),
        ("is it just me or did ep 5 hit different", False),
        ("lol is everyone ok after that finale", False),
        ("ok am i crazy or was the pilot slow?", False),
        ("is it just me or is s2 taking forever? when does it come out", True),
        ("guys is it just me. who plays ballard", True),
        ("does anyone else know when season 2 drops", True),  # it asks after all
        # (in any form of the word that asks: "who here" polls, "knows" asks; twelfth session)
        ("who here knows when season 2 drops", True),
        ("does anybody else knows where to stream it", True),
        ("who else is in the cast?", True),
        ("anyone else in the unit with her?", True),
        # (a verb of what a fan did or felt after "who else" polls: eighth session)
        ("ok who else caught all the bosch easter eggs?", False),
        ("anyone else think the finale was rushed?", False),
        ("who else plays in it?", True),
        ("is it on prime?", True),
    ],
)
def test_a_poll_of_the_channel_asks_the_bot_nothing(
    matcher: Matcher, text: str, asks: bool
) -> None:
    """A question that polls the people in a channel ("am i the only one who...") is not one
    the bot answers unasked; a real question beside it still is."""
    assert matcher.is_question(text) is asks


def test_without_polls_keeps_a_message_with_none() -> None:
    text = "Who plays Ballard?"
    assert without_polls(text) is text
    assert without_polls("is it just me or is s2 late? when does it come out").split() == [
        "when",
        "does",
        "it",
        "come",
        "out",
    ]


def test_no_labelled_question_is_taken_for_a_poll(matcher: Matcher) -> None:
    """Every message of the evaluation sets that a fact answers and that reads as a question
    still does once its polls of the channel are left out, and, unasked, once its questions
    to another member are too ("did you watch it on prime?" in an auto-answer channel)."""
    polled = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            labels = row.get("labels") or [id_ for q in row["questions"] for id_ in q]
            text = row["q"]
            asks = matcher.lexicon.analyse(text).question_clauses
            if set(labels) != {"none"} and asks and not matcher.is_question(text, unasked=True):
                polled.append(text)
    assert polled == []


def test_the_polls_file_has_only_known_kinds_written_as_words_reads_them() -> None:
    entries = lines("channel_polls.txt")
    assert {kind for kind, *_ in entries} == {"poll", "member", "asks"}
    for kind, *said in entries:
        assert said and words(" ".join(said)) == said, (kind, said)
        assert kind != "asks" or len(said) == 1, (kind, said)


def test_the_reactions_file_has_only_known_kinds_one_word_each() -> None:
    entries = lines("reactions.txt")
    assert {kind for kind, *_ in entries} == {"marker", "request"}
    assert all(len(entry) == 2 for entry in entries)
    for kind, word in entries:
        if word.isascii():  # (an emoji is kept as it is)
            assert words(word) == [word], (kind, word)


def test_every_reaction_marker_word_is_an_interjection_before_a_question() -> None:
    """A word that marks a reaction ("hehe that ending") may also lead a question ("hehe is
    bosch in it"): each is in bot/data/interjections.txt, or the question got a reaction
    back and no answer (it did for nine of them until 4 December 2026)."""
    markers, _ = _reaction_words()
    interjections = word_set("interjections.txt")
    assert {m for m in markers if m.isalpha()} - interjections == set()


@pytest.mark.parametrize("said", ["hehe", "xd", "yay", "damn", "oof", "sheesh", "lolol"])
def test_a_question_after_a_reaction_word_is_answered(matcher: Matcher, said: str) -> None:
    assert matcher.match(f"{said} is bosch in it").ids == ["bosch-appearance"]


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("hi, synopsis", "synopsis"),
        ("Hey guys! quick question: premiere date", "premiere date"),
        ("synopsis thanks!", "synopsis"),
        ("premiere date thanks in advance", "premiere date"),
        ("cast list pls thank you so much bot!!", "cast list"),
        ("car and trailer plz", "car and trailer"),
        ("anyone know the rt score?", "the rt score?"),
        ("ok so who plays her", "who plays her"),
        ("hello all, is bosch in it? thx", "is bosch in it?"),
        ("hi! snow day!", "snow day!"),  # (exclaimed: a fan talking, see _searched)
        ("<@123456789012345678> where can i watch it", "where can i watch it"),
        ("<@123> hi, cast list", "cast list"),
    ],
)
def test_a_request_without_its_greeting_and_thanks(text: str, core: str) -> None:
    """What a message asks, cleaned, without the greeting or announcement before it and
    the thanks after it (courtesy.txt's greetings and thanks with their filler words,
    announcers.txt, leaders.txt, filler_phrases.txt)."""
    assert unwrapped(text) == core


@pytest.mark.parametrize(
    "text",
    [
        "who plays ballard",  # nothing wraps it
        "thanks so much bot",  # nothing else is said
        "hi",
        "bosch or btw",  # a leader closes nothing
        "the cast thanks to whom it works",  # thanks inside, not after
        "hi " + "cast " * 100,  # longer than a courtesy is read
    ],
)
def test_a_message_nothing_wraps_stays_as_it_is(text: str) -> None:
    assert unwrapped(text) is None


def test_a_request_emoji_shows_no_feeling() -> None:
    assert not shows_feeling("cast list 🙏") and not shows_feeling("s2 news 👀")
    assert shows_feeling("MAGGIE Q 😍") and shows_feeling("cast list 🙏😍")
    assert not shows_feeling("cast list")


def test_telling_the_bot_it_is_wrong_is_a_courtesy_of_its_own() -> None:
    for said in ("that's wrong", "wrong!", "that is not true", "incorrect bot"):
        assert courtesy(said) == "wrong", said
    assert courtesy("what went wrong in the finale") is None


def test_asking_the_bot_if_it_is_sure_is_a_courtesy_of_its_own() -> None:
    for said in ("are you sure?", "really?", "u sure bot?", "for real??"):
        assert courtesy(said) == "doubt", said
    assert courtesy("wait really? when did they announce that") is None


@pytest.mark.parametrize(
    "said",
    ["quick question", "hey quick question", "i have a question", "can i ask you something"],
)
def test_a_question_announced_is_told_to_go_ahead(matcher: Matcher, said: str) -> None:
    """ "@bot quick question" announces the question to come: it had been told "I don't know
    that yet". The announcement before a question is still dropped, the question answered."""
    result = matcher.match(said)
    assert (result.outcome, result.courtesy) == ("none", ANNOUNCED)
    assert matcher.match(f"{said}, who plays ballard?").ids == ["lead-actor"]
