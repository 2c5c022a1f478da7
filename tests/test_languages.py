"""bot.languages: a message in another language is told the bot reads English only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import wordlists
from bot.languages import DATA, UNREADABLE_WORDS, other_language, unreadable
from bot.matching import Matcher
from bot.render import ENGLISH_ONLY, no_match_text
from bot.text import words

EVAL = Path(__file__).resolve().parent.parent / "eval"


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("¿cuándo sale la temporada 2 de ballard?", "es"),
        ("quand est-ce que la saison 2 sort ?", "fr"),
        ("wann kommt staffel 2 von ballard?", "de"),
        ("quando sai a segunda temporada de ballard?", "pt"),
        ("quando esce la stagione 2 di ballard?", "it"),
        # (a QA session's: each had got a plain "I don't know", or a "did you mean" of what
        # its number and look-alike words found, without a word of the language)
        ("quand sort la saison 2", "fr"),
        ("qui joue ballard", "fr"),
        ("dónde puedo ver ballard", "es"),
        ("quién interpreta a ballard", "es"),
        ("wo kann ich ballard sehen", "de"),
    ],
)
def test_a_question_in_another_language_is_told_the_bot_reads_english(
    matcher: Matcher, said: str, code: str
) -> None:
    assert other_language(said) == code
    result = matcher.match(said)
    assert result.outcome == "none" and result.language == code
    assert no_match_text(result).startswith(f"I don't know that yet. {ENGLISH_ONLY}")


def test_english_with_a_foreign_title_is_english(matcher: Matcher) -> None:
    for said in ("la la land", "el camino and la casa de papel are great", "who plays ballard"):
        assert other_language(said) is None, said
    assert matcher.match("what is the meaning of life").language is None
    # the development set and the chatter corpus: no message taken for another language
    dev = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
    texts = [line for f in EVAL.glob("chatter-*.txt") for line in f.read_text().splitlines()]
    if dev.exists():
        texts += [json.loads(line)["q"] for line in dev.read_text().splitlines() if line.strip()]
    assert [t for t in texts if other_language(t)] == []


def test_no_labelled_question_reads_as_another_language() -> None:
    """No message of the evaluation sets that a fact answers is told the bot reads English
    only (the words of other languages grew on 7 December 2026: "puedo ver", "wo kann ich")."""
    found = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            labels = row.get("labels") or [id_ for q in row["questions"] for id_ in q]
            if set(labels) != {"none"} and other_language(row["q"]):
                found.append(path.name)
    assert found == []


def test_the_data_file_is_written_as_messages_are_read() -> None:
    entries = wordlists.lines(DATA)
    assert {code for code, *_ in entries} == {"es", "fr", "de", "pt", "it"}
    for _, *said in entries:
        assert said and words(" ".join(said)) == said


def test_a_long_message_in_other_scripts_is_not_read(matcher: Matcher) -> None:
    # (seeded random code points, as benchmarks/bench_matching.py's hostile input: it had got
    # "I don't know" about the music, from a word of its 280 no entry uses)
    import random

    rng = random.Random(7)
    junk = "".join(chr(rng.choice([rng.randrange(0x4E00, 0x9FFF), 0x20])) for _ in range(2_000))
    assert unreadable(junk)
    assert matcher.match(junk) == matcher.match("")
    russian = " ".join(["сезон"] * UNREADABLE_WORDS)
    assert unreadable(russian) and not unreadable(russian[: len(russian) // 2])


def test_what_the_bot_may_read_is_read() -> None:
    # accents and full-width letters are the Latin alphabet; zalgo's marks are no words;
    # a question in English among as many words of another script is read
    many = UNREADABLE_WORDS * 2
    assert not unreadable(" ".join(["temporada"] * many))
    assert not unreadable(" ".join(["Ｗｈｅｎ"] * many))
    assert not unreadable(" ".join(["b\u0337\u0322a\u0336l\u0335"] * many))
    assert not unreadable(" ".join(["сезон", "ballard"] * many))
    # every message of the evaluation sets and the chatter corpus is read
    texts = [line for f in EVAL.glob("chatter-*.txt") for line in f.read_text().splitlines()]
    for f in EVAL.glob("*.jsonl"):
        texts += [json.loads(line)["q"] for line in f.read_text().splitlines() if line.strip()]
    assert texts and [t for t in texts if unreadable(t)] == []
