"""tools/typo_examples.py asks a base's own example questions with seeded typos."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import load_tool


def test_a_typo_changes_one_letter_of_a_word() -> None:
    typos = load_tool("typo_examples")
    rng = random.Random(0)
    for _ in range(200):
        word = "season"
        typed = typos.typo(word, rng)
        assert typed != word or len(set(word)) < len(word)  # (a swap of equal letters)
        assert abs(len(typed) - len(word)) <= 1


def test_typos_go_to_distinct_long_words() -> None:
    typos = load_tool("typo_examples")
    question = "who is in the cast of ballard"
    typed = typos.misspelt(question, 2, random.Random(3))
    assert typed is not None
    changed = [a for a, b in zip(question.split(), typed.split(), strict=True) if a != b]
    assert len(changed) == 2
    assert all(len(w) >= 3 for w in changed)
    assert typos.misspelt("is it on", 1, random.Random(3)) is None  # no word of 3 letters


def test_the_shipped_base_mostly_survives_one_typo(capsys: pytest.CaptureFixture[str]) -> None:
    typos = load_tool("typo_examples")
    assert typos.main(["--seeds", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("knowledge") and "0 typo(s)" in lines[0]
    right, asked = map(int, lines[0].split("typo(s): ")[1].split()[0].split("/"))
    assert right == asked > 150  # every example asked as written gets its fact
    assert lines[1].startswith("knowledge") and "1 typo(s)" in lines[1]
    right, asked = map(int, lines[1].split("typo(s): ")[1].split()[0].split("/"))
    assert asked > 150 and right / asked > 0.9


def test_labelled_questions_are_asked_again_with_a_typo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typos = load_tool("typo_examples")
    labelled = tmp_path / "set.jsonl"
    labelled.write_text(
        '{"q": "who plays ballard", "labels": ["lead-actor"]}\n'
        '{"q": "is it any good", "labels": ["none"]}\n',
        encoding="utf-8",
    )
    assert typos.main(["--seeds", "1", "--labelled", str(labelled)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("labelled, right before") and "/1 (" in last
