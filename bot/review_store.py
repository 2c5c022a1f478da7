"""The review queue's and the stats chart's queries over the bot's database (pure: no Discord).

Same database and rules as :mod:`bot.storage` (one statement per write, autocommit; SQL that
both backends of :mod:`bot.database` speak); kept
apart so that each module stays readable. ``scope`` is a server's id, or 0 for the terminal's
``ballard-bot review`` run without ``--guild``. A ``guild_id`` of None means every server.
Direct messages (``guild_id IS NULL`` in the log) belong to every server's queue: a DM is
nobody's server, and its askers are never shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.curation import RETRY_MINUTES, Asked, Evidence, Queue, group_questions, proposals
from bot.database import Database
from bot.matching import Matcher
from bot.storage import ANSWERED

Clock = Callable[[], datetime]
TOP_FACTS = 8


@dataclass(frozen=True)
class Day:
    """One day of questions, for the chart."""

    day: date
    answered: int
    suggested: int
    unanswered: int
    held: int  # held back (asking too fast), whatever the outcome


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _where_guild(column: str, guild_id: int | None, *, dms: bool = True) -> tuple[str, tuple]:
    if guild_id is None:
        return "TRUE", ()
    if dms:
        return f"({column} = ? OR {column} IS NULL)", (guild_id,)
    return f"{column} = ?", (guild_id,)


class ReviewStore:
    """Queries for the review queue and the charts; get one from ``Storage.review``."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _since(self, days: int) -> str:
        if days < 1:
            raise ValueError(f"days must be at least 1, not {days}")
        return _ts(self._clock() - timedelta(days=days))

    # -- the queue -----------------------------------------------------------------------

    async def queue(self, matcher: Matcher, guild_id: int | None, days: int, scope: int) -> Queue:
        """The review queue against the knowledge base ``matcher`` reads, as `/faq unanswered`
        and ``ballard-bot review`` list it: a server's questions and DMs (every server's with
        None), less what ``scope`` dismissed or rejected."""
        groups, now_answered = group_questions(
            matcher, await self.unanswered(guild_id, days), dismissed=await self.dismissed(scope)
        )
        evidence = await self.evidence(guild_id, days) + await self.retries(guild_id, days)
        props = proposals(matcher, evidence, rejected=await self.rejected(scope))
        return Queue(tuple(groups), tuple(props), now_answered)

    async def unanswered(self, guild_id: int | None, days: int) -> list[Asked]:
        """Questions not answered outright (any delivery), in this server and in DMs."""
        where, args = _where_guild("guild_id", guild_id)
        rows = await self._db.fetchall(
            "SELECT question, asked_at, guild_id FROM questions"
            f" WHERE {where} AND asked_at >= ? AND outcome IN ('none', 'suggest')"
            " ORDER BY asked_at",
            (*args, self._since(days)),
        )
        return [Asked(q, datetime.fromisoformat(at), g) for q, at, g in rows]

    async def evidence(self, guild_id: int | None, days: int) -> list[Evidence]:
        """ "Did you mean" choices pressed by the member who asked; see also :meth:`retries`."""
        where, args = _where_guild("p.guild_id", guild_id)
        rows = await self._db.fetchall(
            "SELECT MIN(q.question), p.fact_id, p.user_id, p.picked_at"
            " FROM picks AS p JOIN questions AS q ON q.message_id = p.message_id"
            f" WHERE {where} AND p.picked_at >= ? AND p.by_asker = 1 AND q.outcome = 'suggest'"
            " GROUP BY p.message_id, p.user_id, p.fact_id",
            (*args, self._since(days)),
        )
        return [Evidence(q, f, u, datetime.fromisoformat(at), "pick") for q, f, u, at in rows]

    async def retries(self, guild_id: int | None, days: int) -> list[Evidence]:
        """A member voted 👎 on the answer to their question and, within a few minutes, asked
        again and got another fact: evidence their first wording meant that fact."""
        where, args = _where_guild("f.guild_id", guild_id)
        votes = await self._db.fetchall(
            "SELECT MIN(q.question), f.fact_id, f.user_id, f.voted_at"
            " FROM feedback AS f JOIN questions AS q ON q.message_id = f.message_id"
            f" WHERE {where} AND f.voted_at >= ? AND f.kind = 'wrong' AND q.user_id = f.user_id"
            " GROUP BY f.message_id, f.fact_id, f.user_id",
            (*args, self._since(days)),
        )
        out = []
        for question, judged, user, voted_at in votes:
            when = datetime.fromisoformat(voted_at)
            later = await self._db.fetchall(
                "SELECT asked_at, fact_ids FROM questions WHERE user_id = ? AND asked_at > ?"
                " AND asked_at <= ? AND outcome = 'answer' ORDER BY asked_at",
                (user, voted_at, _ts(when + timedelta(minutes=RETRY_MINUTES))),
            )
            for at, fact_ids in later:
                other = [f for f in json.loads(fact_ids) if f != judged]
                if other:
                    out.append(
                        Evidence(question, other[0], user, datetime.fromisoformat(at), "retry")
                    )
                    break
        return out

    async def servers(self) -> list[int]:
        """The servers that have questions logged, those with most first."""
        rows = await self._db.fetchall(
            "SELECT guild_id FROM questions WHERE guild_id IS NOT NULL"
            " GROUP BY guild_id ORDER BY COUNT(*) DESC, guild_id"
        )
        return [guild for (guild,) in rows]

    async def dismissed(self, scope: int) -> set[str]:
        rows = await self._db.fetchall(
            "SELECT group_key FROM dismissed_groups WHERE scope = ?", (scope,)
        )
        return {key for (key,) in rows}

    async def dismiss(self, scope: int, keys: Iterable[str], by: int | None) -> None:
        """Dismiss a group of questions for good (its wordings' group keys)."""
        now = _ts(self._clock())
        for key in sorted(keys):
            await self._db.execute(
                "INSERT INTO dismissed_groups VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (scope, key, by, now),
            )

    async def rejected(self, scope: int) -> set[tuple[str, str]]:
        rows = await self._db.fetchall(
            "SELECT group_key, fact_id FROM rejected_proposals WHERE scope = ?", (scope,)
        )
        return {(key, fact_id) for key, fact_id in rows}

    async def reject(self, scope: int, key: str, fact_id: str, by: int | None) -> None:
        """Reject a proposed example for good."""
        await self._db.execute(
            "INSERT INTO rejected_proposals VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (scope, key, fact_id, by, _ts(self._clock())),
        )

    # -- charts --------------------------------------------------------------------------

    async def days(self, guild_id: int | None, days: int) -> list[Day]:
        """Questions per day (UTC) in the window, every day present (zeros included)."""
        where, args = _where_guild("guild_id", guild_id, dms=False)
        rows = await self._db.fetchall(
            f"SELECT substr(asked_at, 1, 10) AS day, COUNT(*) FILTER (WHERE {ANSWERED}),"
            " COUNT(*) FILTER (WHERE outcome = 'suggest'),"
            " COUNT(*) FILTER (WHERE outcome = 'none'),"
            " COUNT(*) FILTER (WHERE delivery = 'held')"
            f" FROM questions WHERE {where} AND asked_at >= ? GROUP BY day",
            (*args, self._since(days)),
        )
        found = {r[0]: r[1:] for r in rows}
        today = self._clock().astimezone(UTC).date()
        out = []
        for n in range(days - 1, -1, -1):
            day = today - timedelta(days=n)
            a, s, u, h = found.get(day.isoformat(), (0, 0, 0, 0))
            out.append(Day(day, a, s, u, h))
        return out

    async def chart(self, guild_id: int | None, days: int, title: str) -> dict[str, Any]:
        """What :mod:`bot.charts` draws for a server (None: every server), as plain data."""
        where, args = _where_guild("q.guild_id", guild_id, dms=False)
        since = self._since(days)
        top = await self._db.fetchall(
            "SELECT f.value, COUNT(DISTINCT q.id) AS n"
            f" FROM questions AS q, {self._db.EACH_FACT_ID}"
            f" WHERE {where} AND q.asked_at >= ? AND q.outcome = 'answer'"
            " GROUP BY f.value ORDER BY n DESC, f.value LIMIT ?",
            (*args, since, TOP_FACTS),
        )
        where, args = _where_guild("guild_id", guild_id, dms=False)
        votes = dict.fromkeys(("helpful", "wrong", "outdated"), 0)
        for kind, n in await self._db.fetchall(
            f"SELECT kind, COUNT(*) FROM feedback WHERE {where} AND voted_at >= ? GROUP BY kind",
            (*args, since),
        ):
            votes[kind] = n
        per_day = await self.days(guild_id, days)
        return {
            "title": title,
            "days": [d.day.isoformat() for d in per_day],
            "answered": [d.answered for d in per_day],
            "suggested": [d.suggested for d in per_day],
            "unanswered": [d.unanswered for d in per_day],
            "held": [d.held for d in per_day],
            "top_facts": [[fid, n] for fid, n in top],
            "feedback": votes,
        }
