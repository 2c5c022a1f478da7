"""The stats chart's axes: counts are whole numbers, and an empty period says so."""

from __future__ import annotations

import io
from typing import Any

import pytest

from bot import charts

pytest.importorskip("matplotlib")

DAYS = [f"2026-03-{d:02d}" for d in range(1, 8)]


def figures(answered: list[int], top: list[list[Any]], helpful: int) -> dict[str, Any]:
    return {
        "title": "a server: the last 7 days",
        "days": DAYS,
        "answered": answered,
        "suggested": [0] * 7,
        "unanswered": [0] * 7,
        "held": [0] * 7,
        "top_facts": top,
        "feedback": {"helpful": helpful, "wrong": 0, "outdated": 0},
    }


def drawn(data: dict[str, Any]) -> dict[str, tuple[list[float], list[str]]]:
    """Each panel's count axis: the ticks in view, and the panel's texts."""
    fig = charts.figure(data)
    fig.savefig(io.BytesIO(), format="png")  # (ticks and limits are settled when drawn)
    per_day, top, votes = fig.axes
    out = {}
    for name, axes, scale in (("per day", per_day, "y"), ("top", top, "x"), ("votes", votes, "y")):
        axis = axes.yaxis if scale == "y" else axes.xaxis
        low, high = sorted(axis.get_view_interval())
        ticks = [float(t) for t in axis.get_majorticklocs() if low <= t <= high]
        out[name] = ticks, [t.get_text() for t in axes.texts]
    return out


def test_an_empty_period_says_so_and_ticks_no_fractions() -> None:
    """A period without questions had drawn 0.00 to 0.05 in steps of 0.01 on every count
    axis: it says there is nothing to count, and counts nothing."""
    panels = drawn(figures([0] * 7, [], 0))
    assert panels == {
        "per day": ([], ["no questions in these 7 days"]),
        "top": ([], ["no answers in these 7 days"]),
        "votes": ([], ["no votes in these 7 days"]),
    }


def test_the_facts_panel_says_what_it_counts() -> None:
    """It counts the questions answered with each fact, whether or not the answer was
    delivered (held back, in a quiet channel), as the text report's "Most asked" does: the
    panel had been titled "Most answered facts"."""
    top = charts.figure(figures([1] * 7, [["lead-actor", 3]], 0)).axes[1]
    assert top.get_title() == "Most asked facts"


def test_counts_are_ticked_at_whole_numbers() -> None:
    """One question, one answered fact and one vote had been ticked 0.0, 0.2, ... 1.0 on the
    most answered facts' axis (the others already whole)."""
    panels = drawn(figures([0, 1, 0, 0, 0, 0, 0], [["lead-actor", 1]], 1))
    for name, (ticks, texts) in panels.items():
        assert ticks and all(t == int(t) for t in ticks), (name, ticks)
        assert texts == [], name
    busy = drawn(figures([3, 17, 40, 2, 0, 9, 11], [["lead-actor", 23], ["cast", 4]], 12))
    assert all(t == int(t) for ticks, _ in busy.values() for t in ticks)
