"""tools/invariance.py: what chat wrapped around a message changes, counted."""

from __future__ import annotations

from bot.matching import Matcher
from tests.conftest import load_tool


def test_each_changed_decision_is_counted_by_wrapping(matcher: Matcher) -> None:
    invariance = load_tool("invariance")
    items = [
        ("cast", frozenset({"cast"})),  # right, and stays right greeted or thanked
        ("qzxv plmk", frozenset({"cast"})),  # a miss, whatever wraps it
        ("hello everyone", None),  # chatter, never answered
    ]
    found = list(invariance.changes(matcher, items))
    # (a bare request with a laugh or an emoji of feeling after it is a reaction, by design)
    assert ("... lol", "right -> none", "cast lol") in found
    assert ("... 😭", "right -> none", "cast 😭") in found
    wrapped = {(name, text) for name, _, text in found}
    for name in ("hi, ...", "... thanks!", "... thanks in advance", "... 🙏"):
        assert not any(n == name for n, _ in wrapped), name
    assert not any(change == "none -> answer" for _, change, _ in found)


def test_a_wrapping_that_leaves_a_message_as_it_is_is_skipped(matcher: Matcher) -> None:
    invariance = load_tool("invariance")
    # "without ?" leaves a message with no "?" as it is: nothing to compare
    found = list(invariance.changes(matcher, [("cast", frozenset({"cast"}))]))
    assert not any(name == "without ?" for name, _, _ in found)
    assert invariance.WRAPPINGS["with ?"]("cast!") == "cast?"
