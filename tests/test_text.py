"""Normalisation: the same text pipeline runs on the knowledge base and on fans' messages."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import (
    clauses,
    clean,
    fold_seasons,
    normalise_phrase,
    words,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("WHEN does Ballard come out", "when does ballard come out"),
        ("Ｂａｌｌａｒｄ ｓ２", "ballard s2"),  # fullwidth (NFKC)
        ("Renée Ballárd", "renee ballard"),  # accents
        ("b̷̢a̶l̵l̸a̷r̷d̴ ̸r̵e̵n̶e̴w̷e̶d̵", "ballard renewed"),  # zalgo marks
        ("bal\u200bla\u200drd", "ballard"),  # zero-width space and joiner
        ("s2 when 😭🔥", "s2 when"),  # emoji
        ("who's the show-runner?!", "whos the show runner?!"),  # apostrophe, hyphen
        ("<@123456789012345678> when is s2", "when is s2"),  # user mention
        ("<@!1234> <@&5678> <#9012> hi", "hi"),  # nick mention, role, channel
        ("<:pepe:123456> <a:dance:99> yo", "yo"),  # custom emoji
        ("@everyone @here is it out", "is it out"),  # mass mentions
        ("`code` ||spoiler|| **bold** __under__ ~~strike~~", "code spoiler bold under strike"),
        ("> quoted\n# heading", "quoted\n heading"),
        ("see https://example.com/x?y=1 pls", "see pls"),
        ("<t:1700000000:R> when", "when"),
        ("was it #1 on prime", "was it number 1 on prime"),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert " ".join(clean(raw).split(" ")).split() == expected.split()


def test_clean_keeps_clause_punctuation_and_other_scripts() -> None:
    assert clean("a? b. c!") == "a? b. c!"
    assert "сезон" in clean("Когда СЕЗОН 2?")


def test_clean_cuts_very_long_text() -> None:
    assert len(clean("a" * 50_000)) <= 4_000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("whats up", ["what", "is", "up"]),
        ("who's in it", ["who", "is", "in", "it"]),
        ("dont know", ["do", "not", "know"]),
        ("it isn't out", ["it", "is", "not", "out"]),
        ("gonna watch", ["going", "to", "watch"]),
        ("$14.85 million", ["14.85", "million"]),
    ],
)
def test_words_expand_contractions(raw: str, expected: list[str]) -> None:
    assert words(clean(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("season 2", ["season_2"]),
        ("season two", ["season_2"]),
        ("szn 2", ["season_2"]),
        ("s2", ["season_2"]),
        ("s 2", ["season_2"]),
        ("second season", ["season_2"]),
        ("2nd season", ["season_2"]),
        ("series 3", ["season_3"]),
        ("the first season", ["the", "season_1"]),
        ("one two", ["one", "two"]),  # number words alone stay words
    ],
)
def test_fold_seasons(raw: str, expected: list[str]) -> None:
    assert fold_seasons(words(clean(raw))) == expected


def test_clauses_mark_questions() -> None:
    assert clauses(clean("ok two things: is it out? and who plays her")) == [
        (["ok", "two", "things", "is", "it", "out"], True),
        (["and", "who", "plays", "her"], False),
    ]


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet="abz XYZ 0129 .?!;:,\n'`_-()\t\r\"&*é@<#²٢", max_size=40)
    | st.lists(st.sampled_from(["2nd", "s2", "whats", "dont", "14.5", ", ", "?!", "ok"])).map(
        " ".join
    )
    | st.text(max_size=30)
)
def test_clauses_are_the_words_between_clause_breaks(text: str) -> None:
    """clauses() reads its text in one scan; it is what splitting at the breaks (". ? ! ;",
    newline, a comma before a space) and reading each piece's words gives."""
    cleaned = clean(text)
    parts = re.split(r"([.?!;\n]+|,(?=\s))", cleaned)
    expected = []
    for i in range(0, len(parts), 2):
        found = words(parts[i])
        if found:
            expected.append((found, i + 1 < len(parts) and "?" in parts[i + 1]))
    assert clauses(cleaned) == expected


def test_normalise_phrase_stems_both_sides_alike() -> None:
    assert normalise_phrase("Renewed seasons") == normalise_phrase("renew season")


@given(
    tokens=st.lists(
        st.sampled_from(["s", "s2", "szn2", "season10", "sx", "2", "two", "season", "first", "so"])
        | st.text(alphabet="sz2a", min_size=1, max_size=4)
    )
)
def test_fold_seasons_fast_path_misses_nothing(tokens: list[str]) -> None:
    """The early return for text with no season in it never skips one ("s2", "szn2")."""
    import re

    folded = fold_seasons(tokens)
    for tok in tokens:
        short = re.fullmatch(r"(?:s|szn|season)(\d{1,2})", tok)
        if short:
            assert f"season_{int(short.group(1))}" in folded
    if not any(t in ("s", "szn", "season", "first", "two") or t[:1] == "s" for t in tokens):
        assert folded == tokens
