"""tools/decision_changes.py: what two runs of tools/decisions.py decide differently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import load_tool


def _row(src: str, q: str, outcome: str, ids: list[str], confidence: float) -> dict:
    return {"src": src, "q": q, "outcome": outcome, "ids": ids, "confidence": confidence}


def test_changed_decisions_are_printed_and_judging_ones_only_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = load_tool("decision_changes")
    before = [
        _row("shipped:eval/dev-2.jsonl", "where 2 watch ballard", "suggest", [], 0.6),
        _row("shipped:eval/blind-8.jsonl", "a judged message", "none", [], 0.1),
        _row("shipped:chatter", "lol", "none", [], 0.01),
        _row("banking77:mix", "same", "answer", ["a"], 0.9),
    ]
    after = [
        _row("shipped:eval/dev-2.jsonl", "where 2 watch ballard", "answer", ["viewership"], 0.8),
        _row("shipped:eval/blind-8.jsonl", "a judged message", "answer", ["cast"], 0.9),
        _row("shipped:chatter", "lol", "none", [], 0.02),
        _row("banking77:mix", "same", "answer", ["a"], 0.9),
    ]
    paths = []
    for name, rows in (("before", before), ("after", after)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        paths.append(str(path))
    assert tool.main(paths) == 0
    out = capsys.readouterr().out
    assert "where 2 watch ballard" in out and "suggest [] -> answer ['viewership']" in out
    assert "a judged message" not in out  # a set kept for judging: counted, never shown
    assert out.splitlines()[-1] == (
        "1 development decisions changed, 1 of the sets kept for judging (not shown); "
        "1 more moved in confidence only"
    )


def test_runs_of_different_inputs_are_refused(tmp_path: Path) -> None:
    tool = load_tool("decision_changes")
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    one.write_text(json.dumps(_row("s", "a", "none", [], 0.0)) + "\n", encoding="utf-8")
    two.write_text(json.dumps(_row("s", "b", "none", [], 0.0)) + "\n", encoding="utf-8")
    assert tool.main([str(one), str(two)]) == 2
