"""tools/sweep_constants.py sweeps what it says it sweeps, and says which sets it is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bot.matching as matching
from bot.evaluation import LeaveOneOut
from bot.knowledge import KnowledgeBase
from bot.matching import Matcher, Thresholds
from tests.conftest import load_tool

SHIPPED = matching.ANSWER_THRESHOLD
QUESTION = "does titus welliver show up"  # answered with confidence 0.86 as shipped


def test_thresholds_read_the_constants_when_they_are_made(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Matcher(kb).match(QUESTION).outcome == "answer"
    monkeypatch.setattr(matching, "ANSWER_THRESHOLD", 0.99)
    assert Thresholds().answer == 0.99
    assert Matcher(kb).match(QUESTION).outcome == "suggest"


def test_a_swept_threshold_changes_a_decision_and_is_put_back(kb: KnowledgeBase) -> None:
    import bot.several

    tool = load_tool("sweep_constants")
    with tool.swept({"ANSWER_THRESHOLD": 0.99, "SPECIFIC_QUESTION_WORDS": ["who"]}):
        assert frozenset({"who"}) == bot.several.SPECIFIC_QUESTION_WORDS
        assert Matcher(kb).match(QUESTION).outcome == "suggest"
    assert matching.ANSWER_THRESHOLD == SHIPPED
    assert Matcher(kb).match(QUESTION).outcome == "answer"


def test_the_sweep_prints_each_setting_and_names_missing_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = load_tool("sweep_constants")
    labelled = tmp_path / "set.jsonl"
    labelled.write_text(json.dumps({"q": QUESTION, "labels": ["bosch-appearance"]}) + "\n")
    missing = tmp_path / "shared" / "eval" / "dev.jsonl"
    monkeypatch.setattr(tool, "SETS", {"dev": missing, "mine": labelled})
    monkeypatch.setattr(tool, "leave_one_out", lambda kb: LeaveOneOut(0, 0, ()))
    code = tool.main([json.dumps({"ANSWER_THRESHOLD": [SHIPPED, 0.99]})])
    out, err = capsys.readouterr()
    assert code == 1
    low, high = out.splitlines()
    assert "mine 100.0%" in low and "mine 0.0%" in high  # 0.99: a "did you mean", not right
    assert "dev MISSING" in low and "dev MISSING" in high
    assert err.count(f"labelled set 'dev' not found at {missing}") == 2  # before and after
    assert matching.ANSWER_THRESHOLD == SHIPPED


def test_a_grid_that_is_not_json_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    tool = load_tool("sweep_constants")
    with pytest.raises(SystemExit) as exit_:
        tool.main(["ANSWER_MARGIN=0"])
    assert exit_.value.code == 2
    assert "the grid is not JSON" in capsys.readouterr().err


def test_a_constant_is_swept_wherever_the_matcher_reads_it(kb: KnowledgeBase) -> None:
    import bot.index
    import bot.outcomes
    import bot.ranking

    tool = load_tool("sweep_constants")
    shipped = bot.index.QUESTION_WORD_WEIGHT
    assert Matcher(kb).match(QUESTION).sure_unasked  # 0.86, said where nobody asked too
    # bot.index defines the question words' weight and bot.ranking's scoring reads it too;
    # where nobody asked, the threshold is bot.outcomes'
    with tool.swept({"QUESTION_WORD_WEIGHT": 0.9, "PASSIVE_THRESHOLD": 0.99}):
        assert bot.index.QUESTION_WORD_WEIGHT == bot.ranking.QUESTION_WORD_WEIGHT == 0.9
        assert bot.outcomes.PASSIVE_THRESHOLD == 0.99
        assert not Matcher(kb).match(QUESTION).sure_unasked
    assert bot.index.QUESTION_WORD_WEIGHT == bot.ranking.QUESTION_WORD_WEIGHT == shipped
    assert Matcher(kb).match(QUESTION).sure_unasked


def test_a_name_no_module_of_the_matcher_has_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tool = load_tool("sweep_constants")
    assert tool.main([json.dumps({"NO_SUCH_CONSTANT": [1]})]) == 2
    assert "the matcher has no constant 'NO_SUCH_CONSTANT'" in capsys.readouterr().err


def test_the_decisions_constants_are_swept_where_they_are_read() -> None:
    import bot.deciding
    import bot.several

    tool = load_tool("sweep_constants")
    assert tool.holders("EXAMPLE_CONFIDENCE") == [bot.deciding]
    # (the statement rules and the lists of requests read it too)
    assert tool.holders("TERSE_WORDS") == [matching, bot.several, bot.deciding]
    with tool.swept({"TERSE_WORDS": 1}):
        assert matching.TERSE_WORDS == bot.several.TERSE_WORDS == bot.deciding.TERSE_WORDS == 1
    assert matching.TERSE_WORDS == bot.several.TERSE_WORDS == bot.deciding.TERSE_WORDS == 3
