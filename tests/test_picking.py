"""bot.picking: a "did you mean" choice as a fan types it."""

from __future__ import annotations

import pytest

from bot import wordlists
from bot.picking import SOURCE_REQUESTS, YEAR, asks_for_sources, picked, remark
from bot.text import words


@pytest.mark.parametrize(
    ("said", "choice"),
    [
        ("2", 2),
        ("the first one", 1),
        ("number 2 pls", 2),
        ("option three", 3),
        ("#2", 2),
        ("i meant the second", 2),
        ("2nd one", 2),
        ("First!", 1),
    ],
)
def test_a_pick_is_its_one_number_or_ordinal(said: str, choice: int) -> None:
    assert picked(said, 3) == choice


@pytest.mark.parametrize("said", ["4", "0", "season 2", "one", "1 and 2", "who plays her", ""])
def test_anything_else_is_no_pick(said: str) -> None:
    assert picked(said, 3) is None


@pytest.mark.parametrize(
    "said", ["source?", "sources pls", "got a link?", "Where did you get that??", "how do you know"]
)
def test_a_reply_asking_where_an_answer_comes_from(said: str) -> None:
    assert asks_for_sources(said)


@pytest.mark.parametrize("said", ["source material?", "is it based on a book", "link to bosch?"])
def test_a_question_about_sources_of_the_show_is_no_such_request(said: str) -> None:
    assert not asks_for_sources(said)


def test_the_requests_are_written_as_messages_are_read() -> None:
    entries = wordlists.lines("source_requests.txt")
    assert {kind for kind, *_ in entries} == {"request", "around"}
    assert all(len(said) == 1 for kind, *said in entries if kind == "around")
    assert SOURCE_REQUESTS and all(words(" ".join(w)) == list(w) for w in SOURCE_REQUESTS)


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("this is outdated", "outdated"),
        ("that's out of date", "outdated"),
        ("no, that's old news lol", "outdated"),
        ("this info is from 2025", "outdated"),
        ("that's not what i asked", "missed"),
        ("wait really?", "doubt"),
        ("no way", "doubt"),
        ("old news, and not what i asked", None),  # ("and": more than a remark)
    ],
)
def test_a_remark_on_an_answer_is_its_kind(said: str, kind: str | None) -> None:
    assert remark(said) == kind


@pytest.mark.parametrize(
    "said",
    [
        "no i meant season 3",
        "is there a trailer",
        "how old is maggie q",
        "is it out in 2026",
        "lol",
        "",
    ],
)
def test_anything_else_is_no_remark(said: str) -> None:
    assert remark(said) is None


def test_the_remarks_are_written_as_messages_are_read() -> None:
    entries = wordlists.lines("answer_remarks.txt")
    assert {kind for kind, *_ in entries} == {"outdated", "missed", "doubt", "around"}
    assert all(len(said) == 1 for kind, *said in entries if kind == "around")
    for _, *said in entries:
        plain = [w for w in said if w != YEAR]
        assert words(" ".join(plain)) == plain, said
