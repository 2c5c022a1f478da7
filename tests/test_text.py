"""Normalisation: the same text pipeline runs on the knowledge base and on fans' messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import (
    clause_words,
    clean,
    fold_seasons,
    is_clause_break,
    is_plain_ascii,
    normalise_phrase,
    split_clauses,
    word_streams,
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


def test_split_clauses_marks_questions() -> None:
    assert split_clauses(clean("ok two things: is it out? and who plays her")) == [
        ("ok two things: is it out", True),
        ("and who plays her", False),
    ]


def test_normalise_phrase_stems_both_sides_alike() -> None:
    assert normalise_phrase("Renewed seasons") == normalise_phrase("renew season")


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet="abz XYZ 0129 .?!;:,\n'`_-()\t\r\"&*é@<#", max_size=40)
    | st.lists(st.sampled_from(["2nd", "s2", "whats", "dont", "14.5", ", ", "?!", "ok"])).map(
        " ".join
    )
)
def test_clause_words_is_words_of_each_clause(text: str) -> None:
    """The indexing fast path splits and tokenises exactly as clean/split_clauses/words."""
    expected = [words(c) for c, _ in split_clauses(clean(text))]
    assert [w for w in clause_words(text) if w] == [w for w in expected if w]


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.text(alphabet="abz XYZ 0129 .?!;:,\n'`_-()\t\r\"&*é@<#\x00", max_size=30)
        | st.lists(
            st.sampled_from(["2nd", "s2", "whats", "dont", "14.5", ", ", "?!", "ok", "http", "x,"])
        ).map(" ".join),
        max_size=6,
    )
)
def test_word_streams_are_clause_words(texts: list[str]) -> None:
    """The bulk path's streams cut at their breaks are clause_words, text by text, whatever
    other texts share the batch; only text that is not plain ASCII gets no stream."""
    streams = word_streams(texts)
    assert len(streams) == len(texts)
    for text, stream in zip(texts, streams, strict=True):
        if stream is None:
            assert not is_plain_ascii(text) or "#" in text or "\x00" in text
            continue
        clauses: list[list[str]] = [[]]
        for token in stream:
            if is_clause_break(token):
                clauses.append([])
            else:
                clauses[-1].append(token)
        assert [c for c in clauses if c] == [c for c in clause_words(text) if c]


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
