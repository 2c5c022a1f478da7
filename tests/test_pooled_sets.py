"""tools/pooled_sets.py: the pooled counts by kind (counts only, never a mistake)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.evaluation import Labelled, read_labelled
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
