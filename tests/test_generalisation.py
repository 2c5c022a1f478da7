"""tools/generalisation.py: its counts of a set of messages that ask nothing, by length."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from bot.matching import Matcher
from tests.conftest import TOOLS


def test_statements_counts_requests_and_talk_by_length(
    matcher: Matcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests answered right and talk answered, each in the length bucket of its words;
    a request answered with another fact is not right, nor offered; one offered with its
    fact first is counted so. (Written for this test.)"""
    rows = [
        ("season 2 release date", ["season2-release-date"]),  # 4 words, answered
        ("season 2 release date", ["cast"]),  # answered, not with its label
        ("ok", ["none"]),
        (
            "2.5 billion minutes watched is wild for a show my coworkers said would flop",
            ["none"],  # 14 words: a long statement, offered, never answered
        ),
        ("when does season 2 come out for my watch party", ["none"]),
        (
            "told my whole family ballard would make the nielsen top 10 and now they owe me dinner",
            ["nielsen-ranking"],  # 17 words, asking nothing: offered, its fact first
        ),
    ]
    path = tmp_path / "statements.jsonl"
    path.write_text(
        "\n".join(json.dumps({"q": q, "labels": labels, "kind": "x"}) for q, labels in rows),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(TOOLS))  # (the tool imports its neighbours, as run)
    generalisation = importlib.import_module("generalisation")
    line = generalisation.statements(matcher, "set", path)
    assert line.name == "ballard set"
    figures = line.figures
    assert figures["1-5 words right"] == "1/2"
    assert figures["1-5 false"] == "0/1"
    assert figures["13+ words right"] == "0/1"
    assert figures["13+ false"] == "0/1"
    assert figures["6-12 false"] == "1/1"  # a question, labelled as talk here: answered
    assert figures["missed, offered first"] == "1/2"  # (not the one answered wrong)
    assert figures["in-scope top-1"] == "33.3%"
