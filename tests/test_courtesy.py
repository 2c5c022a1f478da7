"""Courtesies said to the bot ("ty bot!", "hi", "good bot") get a courtesy back, and nothing
that asks something is ever taken for one."""

from __future__ import annotations

import json

import pytest

from bot.courtesy import PRIORITY, REACTION, courtesy
from bot.knowledge import load_knowledge
from bot.matching import Matcher
from bot.render import COURTESY_REPLIES, GREETING, no_match_text
from bot.text import words
from bot.wordlists import lines
from tests.conftest import KNOWLEDGE_DIR, ROOT


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
    assert set(COURTESY_REPLIES) == {*PRIORITY, REACTION}
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


def test_chatter_that_is_a_courtesy_still_gets_no_fact(matcher: Matcher) -> None:
    chatter = (ROOT / "tests" / "data" / "chatter.txt").read_text(encoding="utf-8")
    polite = [t for t in chatter.splitlines()[1:] if t.strip() and courtesy(t)]
    assert len(polite) > 30  # the corpus's thanks and greetings
    for text in polite:
        result = matcher.match(text)
        assert result.outcome == "none" and result.courtesy == courtesy(text), text
