"""tools/pooled_sets.py: the pooled counts by kind (counts only, never a mistake)."""

from __future__ import annotations

from bot.evaluation import Labelled
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
