"""tools/miss_kinds.py: where the misses are, counted (never printed)."""

from __future__ import annotations

from bot.evaluation import Labelled
from bot.matching import Matcher
from tests.conftest import load_tool


def test_each_miss_is_counted_by_what_the_matcher_did(matcher: Matcher) -> None:
    miss_kinds = load_tool("miss_kinds")
    items = [
        Labelled("who plays ballard", frozenset({"lead-actor"}), "terse", 1),  # right
        Labelled("who plays ballard", frozenset({"cast"}), "slang", 2),  # another fact
        Labelled("qzxv plmk", frozenset({"cast"}), "typo", 3),  # nothing ranked
        Labelled("will there be a season 3", frozenset({"cast"}), "terse", 4),  # unknown
        Labelled("who plays ballard", frozenset({"none"}), "near-miss", 5),  # a false answer
        Labelled("hello everyone", frozenset({"none"}), "chatter", 6),  # no answer: fine
    ]
    misses, false = miss_kinds.count(matcher, items)
    assert misses == {
        ("answered another fact", "slang"): 1,
        ("nothing ranked", "typo"): 1,
        ("known unknown", "terse"): 1,
    }
    [(band, kind)] = false
    assert kind == "near-miss" and band == "0.95-1.00"


def test_a_right_fact_answered_second_is_its_own_kind_of_miss(matcher: Matcher) -> None:
    miss_kinds = load_tool("miss_kinds")
    both = matcher.match("who plays her and where can i watch it")
    assert both.ids == ["lead-actor", "where-to-watch"]
    assert miss_kinds.miss_kind(both, frozenset({"where-to-watch"})) == (
        "answered, right fact not first"
    )
    assert miss_kinds.miss_kind(both, frozenset({"lead-actor"})) is None
    assert [miss_kinds.band(c) for c in (0.97, 0.9, 0.81, 0.75, 0.7)] == [
        "0.95-1.00",
        "0.90-0.95",
        "0.80-0.90",
        "0.75-0.80",
        "0.00-0.75",
    ]
