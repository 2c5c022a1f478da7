"""The lines of `/faq stats` and ``ballard-bot stats`` (pure: no Discord, no database)."""

from __future__ import annotations

from bot.stats_report import StatsReport
from bot.storage import Stats


def stats(**figures: object) -> Stats:
    base: dict[str, object] = {
        "questions": 0,
        "answered": 0,
        "suggested": 0,
        "unanswered": 0,
        "answer_rate": 0.0,
        "top_facts": [],
        "feedback": {},
    }
    return Stats(**{**base, **figures})  # type: ignore[arg-type]


def test_one_day_and_one_question_read_as_english():
    """The report had said "Last 1 days"."""
    report = StatsReport(1, stats(questions=1, answered=1, answer_rate=1.0), ())
    assert report.lines() == [
        "Last 1 day: 1 question, 1 answered (100%), 0 'did you mean', 0 unanswered."
    ]
    assert StatsReport(2, stats(), ()).lines()[0].startswith("Last 2 days: 0 questions,")
