"""The figures of `/faq stats` and ``ballard-bot stats`` as lines of text (pure: no Discord).

Both read them here, so the terminal tells a moderator what Discord tells one: the questions
and their outcomes, the questions not answered in the channel, the "did you mean" presses, the
most asked facts and the feedback with its latest 👎 / 🕰️ votes. Only the markup differs:
the cog makes the heading bold and escapes what fans wrote; the terminal prints plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.storage import Stats, Storage, Vote
from bot.text import counted, fit

DELIVERY_WORDS = {
    "held": "held back (asked too fast)",
    "muted": "in quiet channels",
    "failed": "not delivered",
}
QUOTED_CHARS = 60  # a judged question is cut to this many characters


def plain_quote(text: str, limit: int = QUOTED_CHARS) -> str:
    """A fan's question on one line, cut to ``limit`` characters (the terminal's quoting)."""
    return fit(" ".join(text.split()), limit)


@dataclass(frozen=True)
class StatsReport:
    """What `/faq stats` and ``ballard-bot stats`` say about a period."""

    days: int
    stats: Stats
    votes: tuple[Vote, ...]  # the latest 👎 / 🕰️, each with the question it judged

    def lines(
        self,
        *,
        heading: Callable[[str], str] = str,
        quote: Callable[[str, int], str] = plain_quote,
    ) -> list[str]:
        """The report, one line each; ``heading`` marks up "Last N days" (Discord: bold),
        ``quote`` shows a fan's words (Discord: escaped, so no markdown or mention leaks)."""
        s = self.stats
        asked = counted(s.questions, "question")
        period = heading(f"Last {counted(self.days, 'day')}")
        lines = [
            f"{period}: {asked}, {s.answered} "
            f"answered ({s.answer_rate:.0%}), {s.suggested} 'did you mean', "
            f"{s.unanswered} unanswered.",
        ]
        if s.deliveries:
            lines.append(
                "Not answered in the channel: "
                + ", ".join(f"{n} {DELIVERY_WORDS[k]}" for k, n in sorted(s.deliveries.items()))
            )
        if s.picks:
            lines.append(f"'Did you mean' choices pressed: {s.picks}")
        if s.top_facts:
            lines.append("Most asked: " + ", ".join(f"{fid} ({n})" for fid, n in s.top_facts))
        if s.feedback:
            lines.append("Feedback:")
            for fact_id, counts in sorted(s.feedback.items()):
                tally = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
                lines.append(f"• {fact_id}: {tally}")
            if self.votes:
                lines.append("Latest 👎 / 🕰️ votes:")
                for vote in self.votes:
                    asked = (
                        quote(vote.question, QUOTED_CHARS)
                        if vote.question
                        else "(question not logged)"
                    )
                    lines.append(f"• {vote.kind} on {vote.fact_id}: “{asked}”")
        return lines


async def stats_report(storage: Storage, guild_id: int | None, days: int) -> StatsReport:
    """The report of one server (None: every server and the DMs) over the last ``days``."""
    stats = await storage.stats(guild_id, days=days)
    # (the votes are named only beside the feedback they are part of)
    votes = await storage.recent_votes(guild_id, days=days) if stats.feedback else []
    return StatsReport(days, stats, tuple(votes))
