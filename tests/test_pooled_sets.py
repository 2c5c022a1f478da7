"""tools/pooled_sets.py: the pooled counts by kind (counts only, never a mistake)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.evaluation import Labelled, left_out_folds, read_labelled
from bot.knowledge import KnowledgeBase
from bot.matching import Matcher
from tests.conftest import load_tool


def test_by_kind_sums_each_kind_over_the_sets(matcher: Matcher) -> None:
    pooled_sets = load_tool("pooled_sets")
    first = [
        Labelled("who plays ballard", frozenset({"lead-actor"}), "terse", 1),
        Labelled("what is the capital of france", frozenset({"none"}), "near-miss", 2),
    ]
    second = [
        Labelled("where can i watch ballard", frozenset({"where-to-watch"}), "terse", 1),
        Labelled("who plays ballard", frozenset({"cast"}), "slang", 2),  # the wrong fact
    ]
    assert pooled_sets.by_kind(matcher, [first, second]) == ("near-miss 1/1, slang 0/1, terse 2/2")


def test_unused_words_splits_every_development_domain_question(matcher: Matcher) -> None:
    """Every in-scope question of the development domains is counted once, with or without a
    word no entry of its base uses; and the former are answered right less often."""
    pooled_sets = load_tool("pooled_sets")
    said = pooled_sets.unused_words(matcher.thresholds, None)
    counts = [tuple(map(int, m.split("/"))) for m in re.findall(r"\d+/\d+", said)]
    (right_with, with_one), (right_without, without) = counts
    dev = Path(__file__).resolve().parent.parent / "eval" / "domains-dev"
    asked = sum(len(read_labelled(path)) for path in dev.glob("*/test.jsonl"))
    assert with_one + without == asked
    assert right_with / with_one < right_without / without


def test_offered_counts_terse_statements_the_statement_threshold_held_back(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--offered` counts the domains' right facts offered as "did you mean" at or above the
    answer threshold, statements apart: with the statement rule kept for every statement
    (the search exemption off), the ferry base of questions alone offers its terse requests
    ("missed departure") instead of answering them."""
    pooled_sets = load_tool("pooled_sets")
    g = pooled_sets.g
    only = Path(__file__).resolve().parent / "data" / "offered"
    monkeypatch.setattr(g, "DEV_DOMAINS", only / "dev")
    monkeypatch.setattr(g, "DOMAINS", only / "kept")

    def statements() -> int:
        said = pooled_sets.offered(matcher.thresholds, None)
        return int(re.search(r"domains-dev (\d+) statements", said)[1])  # type: ignore[index]

    assert statements() == 0
    monkeypatch.setattr("bot.matching._searched", lambda *_: False)
    assert statements() > 0


def test_domain_kinds_pools_every_domains_messages_by_kind(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--domain-kinds` counts each domain's test questions and out-of-scope messages once,
    by kind, pooled over the domains of each root: a question asked as an example is right,
    chatter is not answered."""
    pooled_sets = load_tool("pooled_sets")
    g = pooled_sets.g
    ferry = Path(__file__).resolve().parent / "data" / "offered" / "dev" / "ferry"
    for root in ("dev", "kept"):
        for name in ("one", "two"):
            folder = tmp_path / root / name
            folder.mkdir(parents=True)
            (folder / "knowledge.yaml").write_text(
                (ferry / "knowledge.yaml").read_text(encoding="utf-8"), encoding="utf-8"
            )
            (folder / "test.jsonl").write_text(
                '{"q": "What happens if I miss my departure?", "labels": ["missed-sailing"],'
                ' "kind": "paraphrase"}\n',
                encoding="utf-8",
            )
            (folder / "oos.jsonl").write_text(
                '{"q": "lol", "labels": ["none"], "kind": "chatter"}\n'
                '{"q": "good morning all", "labels": ["none"], "kind": "chatter"}\n',
                encoding="utf-8",
            )
    monkeypatch.setattr(g, "DEV_DOMAINS", tmp_path / "dev")
    monkeypatch.setattr(g, "DOMAINS", tmp_path / "kept")
    said = pooled_sets.domain_kinds(matcher.thresholds, None).splitlines()
    assert said == [
        "domains-dev by kind (right, or `none` not answered): chatter 4/4, paraphrase 2/2",
        "domains by kind (right, or `none` not answered): chatter 4/4, paraphrase 2/2",
    ]


def test_left_out_folds_asks_each_example_once_without_it(kb: KnowledgeBase) -> None:
    """Each example of a fact of at least ``folds`` examples is left out in exactly one fold,
    asked of a base that lacks it and keeps every other fact's other examples; a fact of
    fewer examples is never left out nor changed."""
    folds = 4
    asked: list[tuple[str, str]] = []
    for questions, without in left_out_folds(kb, folds):
        by_id = {fact.id: fact for fact in without.facts}
        assert [f.id for f in without.facts] == [f.id for f in kb.facts]
        for question, fact_id in questions:
            assert question not in by_id[fact_id].questions
        asked += questions
    expected = [(q, f.id) for f in kb.facts if len(f.questions) >= folds for q in f.questions]
    assert sorted(asked) == sorted(expected)
    assert len(asked) == len(set(asked)) > 0
    for questions, without in left_out_folds(kb, folds):
        for before, after in zip(kb.facts, without.facts, strict=True):
            if len(before.questions) < folds:
                assert after is before
            else:
                kept = set(after.questions)
                assert kept | {q for q, f in questions if f == before.id} == set(before.questions)


def test_folds_line_counts_every_domain_example(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--folds` asks every example of every domain's base once, pooled per root: right,
    asked and wrong fact answered, counts only."""
    pooled_sets = load_tool("pooled_sets")
    g = pooled_sets.g
    ferry = Path(__file__).resolve().parent / "data" / "offered" / "dev" / "ferry"
    for root in ("dev", "kept"):
        folder = tmp_path / root / "ferry"
        folder.mkdir(parents=True)
        (folder / "knowledge.yaml").write_text(
            (ferry / "knowledge.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    monkeypatch.setattr(g, "DEV_DOMAINS", tmp_path / "dev")
    monkeypatch.setattr(g, "DOMAINS", tmp_path / "kept")
    kb = g.domain_kb(tmp_path / "dev" / "ferry")
    examples = sum(len(f.questions) for f in kb.facts if len(f.questions) >= 2)
    said = pooled_sets.folds_line(2, Matcher(kb).thresholds, None)
    found = re.findall(r"(domains(?:-dev)?) examples left out (\d+)/(\d+) right (\d+) wrong", said)
    assert [(name, int(n)) for name, _, n, _ in found] == [
        ("domains-dev", examples),
        ("domains", examples),
    ]
    right, wrong = int(found[0][1]), int(found[0][3])
    assert 0 < right + wrong <= examples
