"""tools/multi_questions.py scores messages of several questions as its docstring says."""

from __future__ import annotations

import json
from pathlib import Path

from bot.matching import Matcher
from tests.conftest import load_tool


def test_each_question_is_scored_and_a_wrong_answer_counted(
    matcher: Matcher, tmp_path: Path
) -> None:
    rows = [
        # both right: the message is right
        {
            "q": "who plays ballard? where can i watch it?",
            "questions": [["lead-actor"], ["where-to-watch"]],
            "shape": "punct",
        },
        # the second is labelled with a fact the bot does not give: one right of two
        {
            "q": "who plays ballard? is bosch in it?",
            "questions": [["lead-actor"], ["cast"]],
            "shape": "punct",
        },
        # a question out of scope, and its answer counted wrong (no shape: only "all")
        {"q": "who plays ballard? is bosch in it?", "questions": [["lead-actor"], ["none"]]},
        # questions out of scope: one told "I don't know" on its own, one dropped
        {"q": "who plays ballard? how old is she?", "questions": [["lead-actor"], ["none"]]},
        {"q": "who plays ballard? is there merch?", "questions": [["lead-actor"], ["none"]]},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert matcher.match(rows[1]["q"]).ids == ["lead-actor", "bosch-appearance"]
    assert [p.result.outcome for p in matcher.match(rows[3]["q"]).parts] == ["answer", "none"]
    assert [p.result.outcome for p in matcher.match(rows[4]["q"]).parts] == ["answer"]
    got = load_tool("multi_questions").measure(matcher, path)
    # [questions in scope, answered right, wrong answers, messages, messages fully right,
    # questions out of scope, told]
    assert got["punct"] == [4, 3, 1, 2, 1, 0, 0]
    assert got["all"] == [7, 6, 2, 5, 3, 3, 1]
