"""bot.picking: a "did you mean" choice as a fan types it."""

from __future__ import annotations

import pytest

from bot.picking import picked


@pytest.mark.parametrize(
    ("said", "choice"),
    [
        ("2", 2),
        ("the first one", 1),
        ("number 2 pls", 2),
        ("option three", 3),
        ("#2", 2),
        ("i meant the second", 2),
        ("2nd one", 2),
        ("First!", 1),
    ],
)
def test_a_pick_is_its_one_number_or_ordinal(said: str, choice: int) -> None:
    assert picked(said, 3) == choice


@pytest.mark.parametrize("said", ["4", "0", "season 2", "one", "1 and 2", "who plays her", ""])
def test_anything_else_is_no_pick(said: str) -> None:
    assert picked(said, 3) is None
