"""tools/steering.py adds example questions to a copy of the shipped base, as an admin would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import load_tool


def test_a_batch_of_examples_reaches_facts_and_known_unknowns() -> None:
    steering = load_tool("steering")
    question = "which streaming platform carries the detective drama with the surfer cop"
    unknown_question = "any idea what the pilot's soundtrack artist is called"
    before = steering.with_examples({})
    after = steering.with_examples(
        {"where-to-watch": [question], "music-and-crew": [unknown_question]}
    )
    assert before.match(question).id != "where-to-watch"
    assert after.match(question).id == "where-to-watch"
    result = after.match(unknown_question)
    assert result.outcome == "none" and result.unknown is not None
    assert result.unknown.id == "music-and-crew"


def batch_args(tmp_path: Path, rows: list[dict], batch: dict[str, list[str]]) -> list[str]:
    """tools/steering.py's arguments for a labelled set of these rows and this batch."""
    labelled = tmp_path / "set.jsonl"
    labelled.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    written = tmp_path / "batch.yaml"
    written.write_text(yaml.safe_dump(batch), encoding="utf-8")
    return ["--set", str(labelled), "--batch", str(written)]


def test_batch_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {
            "q": "which streaming platform carries the detective drama with the surfer cop",
            "labels": ["where-to-watch"],
            "kind": "paraphrase",
        },
        {"q": "who plays ballard", "labels": ["lead-actor"], "kind": "terse"},
        {"q": "whats the weather in la", "labels": ["none"], "kind": "near-miss"},
    ]
    batch = {
        "where-to-watch": [
            "which streaming platform carries the detective drama with the surfer cop"
        ],
        "viewership": ["how well did ballard do"],
    }
    assert load_tool("steering").main(batch_args(tmp_path, rows, batch)) == 0
    out = capsys.readouterr().out
    assert "2 examples of 2 facts" in out
    assert "in scope, answered right:             1 -> 2 of 2" in out
    assert "...of those the base missed:          0 -> 1 of 1" in out
    assert "false answers on the set's none:      0 -> 0 of 1" in out
    # the vague example is pointed out, as `ballard-bot validate` would
    assert "validate's warnings about examples:   0 -> 1" in out
    assert "example 'how well did ballard do' is too vague" in out


def test_batch_report_heeding_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--heed: the batch again without the examples validate warns about, as an admin who
    reads the warnings would ship it. "should i give it a shot", taught to the reviews, reads
    as "film" only, the production's word, and takes "filming?" from it; "anyone from abbott
    elementary in this?", taught to the cast, names another show its answer does not: warned
    about, but no longer a false answer for questions about that show (bot.held_back).
    (Written for this test.)"""
    rows = [
        {"q": "is courtney taylor still on abbott elementary", "labels": ["none"], "kind": "x"},
        {"q": "filming?", "labels": ["season2-production"], "kind": "terse"},
        {"q": "who plays ballard", "labels": ["lead-actor"], "kind": "terse"},
    ]
    batch = {
        "reviews": ["should i give it a shot", "do critics like it"],
        "cast": ["anyone from abbott elementary in this?"],
    }
    assert load_tool("steering").main([*batch_args(tmp_path, rows, batch), "--heed"]) == 0
    out = capsys.readouterr().out
    warned, heeded = out.split("the batch without the 2 examples validate warns about:")
    assert "names another show (abbott elementary)" in warned
    assert "in scope, answered right:             2 -> 1 of 2" in warned
    assert "in scope, answered right:             2 -> 2 of 2" in heeded
    assert "false answers on the set's none:      0 -> 0 of 1" in warned
    assert "false answers on the set's none:      0 -> 0 of 1" in heeded


@pytest.mark.parametrize(
    ("batch", "most"),
    [
        # 315 examples; "reading a book for once" gets the books, whose new examples say
        # "read" and "book" twice
        ("admin-batch.yaml", 1),
        ("admin-batch-2.yaml", 0),  # 184 examples
    ],
)
def test_an_admins_batch_of_examples_leaves_the_chatter_corpus_alone(batch: str, most: int) -> None:
    """The issue's steering target: a batch of new examples catches no chatter. Both batches
    were written blind, by helper sessions that read the articles and knowledge/ only (see
    their data cards in eval/); tests/data/chatter.txt's 624 lines, asked of the shipped base
    with the batch added, get at most this many facts (the base alone: none)."""
    repo = Path(__file__).parent.parent
    added = yaml.safe_load((repo / "eval" / batch).read_text(encoding="utf-8"))
    matcher = load_tool("steering").with_examples(added)
    lines = (Path(__file__).parent / "data" / "chatter.txt").read_text(encoding="utf-8")
    chatter = [t for t in lines.splitlines() if t.strip() and not t.startswith("#")]
    assert len(chatter) > 600
    answered = [t for t in chatter if matcher.match(t).outcome == "answer"]
    assert len(answered) <= most, answered


def test_an_admin_who_heeds_validate_keeps_false_answers_within_the_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The second batch, heeded (its examples validate warns about left out), raises false
    answers on blind-4's `none` questions (a development set) by at most 1 % of them: 13 ->
    17 of 165 before validate warned about an example's word that fans ask a known unknown
    with, 13 -> 14 after (4 December 2026, eighth session; the first batch is still at 13 ->
    16, see docs/measured.md)."""
    repo = Path(__file__).parent.parent
    args = ["--set", str(repo / "eval" / "blind-4.jsonl")]
    args += ["--batch", str(repo / "eval" / "admin-batch-2.yaml"), "--heed"]
    assert load_tool("steering").main(args) == 0
    heeded = capsys.readouterr().out.split("validate warns about:")[1]
    line = next(x for x in heeded.splitlines() if x.startswith("false answers on the set"))
    before, after = (int(n) for n in line.split(":")[1].split(" of ")[0].split("->"))
    assert after - before <= 165 // 100


def test_a_vocabulary_batch_is_measured_without_what_validate_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--vocabulary FILE` adds synonyms as a vocabulary file of their own; a phrase the
    loader refuses ("canned", read as "can") is named, and the figures are for the rest."""
    steering = load_tool("steering")
    rows = [
        {"q": "did they axe ballard", "labels": ["season2-renewal"], "kind": "slang"},
        {"q": "can i watch ballard in canada", "labels": ["none"], "kind": "near-miss"},
    ]
    args = batch_args(tmp_path, rows, {"cancel": ["canned", "got the chop"]})
    assert args[2] == "--batch"
    args[2] = "--vocabulary"
    assert steering.main(args) == 0
    out = capsys.readouterr().out
    assert "2 synonyms of 1 terms added" in out and "validate refuses 1:" in out
    assert "'canned' is read as 'can'" in out
    assert "without them (1 synonyms):" in out
    assert "false answers on the set's none:      0 -> 0 of 1" in out
    matcher, refused = steering.with_vocabulary({"cancel": ["got the chop"]})
    assert refused == [] and matcher is not None
    assert "cancel" in [t.text for t in matcher.lexicon.analyse("ballard got the chop").tokens]


def test_a_question_too_long_to_teach_is_left_out_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/faq teach refuses a question longer than an example may be (300 characters): the
    run teaches the rest and says how many were left out, instead of failing to load."""
    long = (
        "so i have been thinking about this lately, " * 7
        + "which platform carries the surfer cop drama"
    )
    rows = [
        {"q": long, "labels": ["where-to-watch"], "kind": "long"},
        {"q": "what carries the detective drama with the surfer cop", "labels": ["where-to-watch"]},
        {"q": "whats the weather in la", "labels": ["none"], "kind": "near-miss"},
    ]
    labelled = tmp_path / "set.jsonl"
    labelled.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    steering = load_tool("steering")
    before = steering.with_examples({})
    assert len(long) > 300 and before.match(long).id != "where-to-watch"
    talk = ["lol", "good bot"]
    for seed in range(4):  # whichever half the long one falls in
        run = steering.teach(before, steering.read_labelled(labelled), seed, talk)
        assert run.taught + run.too_long + run.held == run.misses
    seen = set()
    for seed in range(8):
        assert steering.main(["--set", str(labelled), "--seed", str(seed)]) == 0
        seen.add("(1 too long to teach)" in capsys.readouterr().out)
    assert seen == {True, False}
