"""The bot's persistent state: per-server settings, the question log and feedback.

Pure core: no Discord import. The SQL is written once and runs on either backend of
:mod:`bot.database`: an embedded SQLite file (the default) or a PostgreSQL database shared by
every shard process (DATABASE_URL). Every write is a single statement committed before its
coroutine returns: a ``kill -9`` after the ``await`` loses nothing.

Rule: no explicit transaction after ``open()``. On a shared connection another coroutine's
write would join it, and its ``await`` would return before the transaction commits.

Settings are cached per server for :data:`SETTINGS_TTL` seconds. A server's settings are
changed by moderators through the process whose shard holds it, and that process re-reads them
from the database after each change. When a server moves to another process (the shard count
or the shard ids change), the process that gains it forgets what it had cached when the
server becomes available on its gateway (``forget_settings``, called by the moderation cog),
and reads it fresh. The TTL bounds what is left: two processes holding one shard for a moment
during a rolling restart, or a change made with another tool, is seen within 30 s.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal, Self

from bot.database import Database, SchemaError, open_database

if TYPE_CHECKING:
    from bot.review_store import ReviewStore

DEFAULT_COOLDOWN_SECONDS = 10
MAX_COOLDOWN_SECONDS = 3600
MAX_QUESTION_CHARS = 4000  # Discord's longest message (with Nitro)
SETTINGS_TTL = 30.0  # seconds a server's cached settings are trusted (see above)
OUTCOMES = ("answer", "suggest", "none")
# sent: the reply went out; held: the member was asking faster than the rate limit (they got a
# reaction or a notice); muted: asked in a channel where the bot does not answer; failed:
# Discord would not take the reply.
DELIVERIES = ("sent", "held", "muted", "failed")
# answered: the bot had an answer and the asker got it (not held back, muted or undelivered)
ANSWERED = "outcome = 'answer' AND delivery = 'sent'"
FEEDBACK_KINDS = ("helpful", "wrong", "outdated")
TOP_FACTS = 5

Clock = Callable[[], datetime]

__all__ = ["SchemaError", "Storage"]  # SchemaError: a newer schema, from bot.database


ChannelMode = Literal["auto", "quiet", "ordinary"]


@dataclass(frozen=True)
class GuildSettings:
    """One server's settings."""

    autoanswer_channels: frozenset[int] = frozenset()
    cooldown_seconds: int = DEFAULT_COOLDOWN_SECONDS
    quiet_channels: frozenset[int] = frozenset()
    moderator_role_id: int | None = None
    log_channel_id: int | None = None
    # threads set apart from their channel's auto-answer or quiet setting
    ordinary_channels: frozenset[int] = frozenset()

    def own_mode(self, channel_id: int) -> ChannelMode | None:
        """What a channel was set to itself (None: nothing, it follows its parent's)."""
        if channel_id in self.quiet_channels:
            return "quiet"
        if channel_id in self.autoanswer_channels:
            return "auto"
        if channel_id in self.ordinary_channels:
            return "ordinary"
        return None

    def mode(self, channel_id: int, parent_id: int | None = None) -> ChannelMode:
        """What the bot does in a channel: auto-answer, stay quiet, or answer when asked
        (ordinary). A thread's or forum post's own setting wins over its parent's
        (``parent_id``), which it follows otherwise."""
        own = self.own_mode(channel_id)
        if own is None and parent_id is not None:
            own = self.own_mode(parent_id)
        return own or "ordinary"


@dataclass(frozen=True)
class UnansweredGroup:
    """Similar questions the bot could not answer, grouped by their normalised key."""

    example: str  # the most recent wording
    count: int
    last_asked: datetime


@dataclass(frozen=True)
class Stats:
    """How the bot did in one server over a window of days."""

    questions: int
    answered: int  # the bot had an answer and the asker got it
    suggested: int
    unanswered: int
    answer_rate: float
    top_facts: list[tuple[str, int]]
    feedback: dict[str, dict[str, int]]
    deliveries: dict[str, int] = field(default_factory=dict)  # held, muted, failed: how many
    picks: int = 0  # "did you mean" choices pressed


@dataclass(frozen=True)
class Vote:
    """A feedback vote, with the question whose answer it was about."""

    kind: str
    fact_id: str
    question: str | None  # None when the answer's message is not in the question log
    voted_at: datetime


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Storage:
    """The bot's state; create with ``await Storage.open(path_or_url)``."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        # Held while a guild's settings are loaded or changed, so a slow first load can never
        # overwrite a newer value in the cache.
        self._settings_lock = asyncio.Lock()
        # Every message reads its server's settings; after the first read they come from here,
        # with the monotonic time they were read (see the module's docstring).
        self._settings: dict[int, tuple[GuildSettings, float]] = {}
        self._monotonic: Callable[[], float] = time.monotonic

    @classmethod
    async def open(cls, target: Path | str, *, clock: Clock = _utcnow) -> Storage:
        """Open (creating and migrating if needed) the SQLite file at a path, or the
        PostgreSQL database at a ``postgresql://`` URL."""
        return cls(await open_database(target), clock)

    @property
    def name(self) -> str:
        """The database, as messages may name it: a path, or a URL with its password masked."""
        return self._db.name

    @property
    def backend(self) -> str:
        """The backend: sqlite or postgres."""
        return self._db.dialect

    @property
    def review(self) -> ReviewStore:
        """The review queue's and the charts' queries (:mod:`bot.review_store`)."""
        from bot.review_store import ReviewStore

        return ReviewStore(self._db, self._clock)

    async def close(self) -> None:
        """Close the connection; safe to call twice."""
        await self._db.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- settings per server -------------------------------------------------------------

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """This server's settings, from memory for SETTINGS_TTL seconds after a read."""
        if (cached := self._cached(guild_id)) is not None:
            return cached
        async with self._settings_lock:
            # Another waiter may have loaded the guild meanwhile.
            return self._cached(guild_id) or await self._read_settings(guild_id)

    def forget_settings(self, guild_id: int | None = None) -> None:
        """Read this server's settings (None: every server's) from the database next time:
        it has just become available here, and may have been changed through another process."""
        if guild_id is None:
            self._settings.clear()
        else:
            self._settings.pop(guild_id, None)

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        """Turn answering every question on or off in one channel."""
        if enabled:
            sql = "INSERT INTO autoanswer_channels VALUES (?, ?) ON CONFLICT DO NOTHING"
        else:
            sql = "DELETE FROM autoanswer_channels WHERE guild_id = ? AND channel_id = ?"
        await self._change(guild_id, sql, (guild_id, channel_id))

    async def set_cooldown(self, guild_id: int, seconds: int) -> None:
        """Set the per-user cooldown between answers (0 to 3,600 seconds)."""
        if not 0 <= seconds <= MAX_COOLDOWN_SECONDS:
            raise ValueError(f"cooldown must be 0 to {MAX_COOLDOWN_SECONDS} seconds, not {seconds}")
        await self._change(
            guild_id,
            "INSERT INTO guild_settings (guild_id, cooldown_seconds) VALUES (?, ?)"
            " ON CONFLICT (guild_id)"
            " DO UPDATE SET cooldown_seconds = excluded.cooldown_seconds",
            (guild_id, int(seconds)),
        )

    async def set_quiet(self, guild_id: int, channel_id: int, quiet: bool) -> None:
        """Stop (or resume) answering in one channel."""
        if quiet:
            sql = "INSERT INTO quiet_channels VALUES (?, ?) ON CONFLICT DO NOTHING"
        else:
            sql = "DELETE FROM quiet_channels WHERE guild_id = ? AND channel_id = ?"
        await self._change(guild_id, sql, (guild_id, channel_id))

    async def set_ordinary(self, guild_id: int, channel_id: int, ordinary: bool) -> None:
        """Set a thread apart from its channel's auto-answer or quiet setting (or not): it
        answers only when asked."""
        if ordinary:
            sql = "INSERT INTO ordinary_channels VALUES (?, ?) ON CONFLICT DO NOTHING"
        else:
            sql = "DELETE FROM ordinary_channels WHERE guild_id = ? AND channel_id = ?"
        await self._change(guild_id, sql, (guild_id, channel_id))

    async def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        """The role whose members may use /faq besides those with Manage Server (None: none)."""
        await self._set_column(guild_id, "moderator_role_id", role_id)

    async def set_log_channel(self, guild_id: int, channel_id: int | None) -> None:
        """The channel where the bot posts reloads and errors for moderators (None: none)."""
        await self._set_column(guild_id, "log_channel_id", channel_id)

    async def _set_column(self, guild_id: int, column: str, value: int | None) -> None:
        assert column in ("moderator_role_id", "log_channel_id")  # never from user input
        # A server with no row yet has the default cooldown: the new row keeps it.
        await self._change(
            guild_id,
            f"INSERT INTO guild_settings (guild_id, cooldown_seconds, {column})"
            f" VALUES (?, ?, ?) ON CONFLICT (guild_id)"
            f" DO UPDATE SET {column} = excluded.{column}",
            (guild_id, DEFAULT_COOLDOWN_SECONDS, value),
        )

    async def _change(self, guild_id: int, sql: str, args: tuple) -> None:
        # One statement, then the whole of the server's settings read back: the cache then
        # holds what the database holds, including changes made through another process.
        async with self._settings_lock:
            await self._db.execute(sql, args)
            await self._read_settings(guild_id)

    async def log_channels(self) -> dict[int, int]:
        """Every server's log channel: guild id -> channel id."""
        rows = await self._db.fetchall(
            "SELECT guild_id, log_channel_id FROM guild_settings WHERE log_channel_id IS NOT NULL"
        )
        return {guild_id: channel_id for guild_id, channel_id in rows}

    def _cached(self, guild_id: int) -> GuildSettings | None:
        entry = self._settings.get(guild_id)
        if entry is not None and self._monotonic() - entry[1] < SETTINGS_TTL:
            return entry[0]
        return None

    async def _read_settings(self, guild_id: int) -> GuildSettings:
        # Caller holds the lock.
        read_at = self._monotonic()
        row = await self._db.fetchall(
            "SELECT cooldown_seconds, moderator_role_id, log_channel_id FROM guild_settings"
            " WHERE guild_id = ?",
            (guild_id,),
        )
        cooldown, role_id, log_channel_id = next(iter(row), (DEFAULT_COOLDOWN_SECONDS, None, None))
        channels = await self._db.fetchall(
            "SELECT channel_id FROM autoanswer_channels WHERE guild_id = ?", (guild_id,)
        )
        quiet = await self._db.fetchall(
            "SELECT channel_id FROM quiet_channels WHERE guild_id = ?", (guild_id,)
        )
        ordinary = await self._db.fetchall(
            "SELECT channel_id FROM ordinary_channels WHERE guild_id = ?", (guild_id,)
        )
        settings = GuildSettings(
            autoanswer_channels=frozenset(r[0] for r in channels),
            cooldown_seconds=cooldown,
            quiet_channels=frozenset(r[0] for r in quiet),
            moderator_role_id=role_id,
            log_channel_id=log_channel_id,
            ordinary_channels=frozenset(r[0] for r in ordinary),
        )
        self._settings[guild_id] = (settings, read_at)
        return settings

    # -- question log --------------------------------------------------------------------

    async def log_question(
        self,
        *,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        question: str,
        group_key: str,
        outcome: str,
        fact_ids: Sequence[str],
        confidence: float,
        message_id: int | None = None,
        trigger: str = "",
        delivery: str = "sent",
    ) -> None:
        """Record a question, what the bot made of it ("answer", "suggest" or "none") and
        whether the reply went out (see DELIVERIES)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
        if delivery not in DELIVERIES:
            raise ValueError(f"delivery must be one of {', '.join(DELIVERIES)}, not {delivery!r}")
        if isinstance(fact_ids, str):  # a str is a Sequence[str] too: "abc" -> a, b, c
            raise TypeError("fact_ids must be a sequence of fact ids, not one string")
        await self._db.execute(
            "INSERT INTO questions (asked_at, guild_id, channel_id, user_id, message_id,"
            " question, group_key, outcome, fact_ids, confidence, trigger, delivery)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._now(),
                guild_id,
                channel_id,
                user_id,
                message_id,
                _clean(question),
                _clean(group_key),
                outcome,
                json.dumps(list(fact_ids)),
                float(confidence),
                trigger,
                delivery,
            ),
        )

    async def unanswered(
        self, guild_id: int, *, limit: int = 10, days: int = 30
    ) -> list[UnansweredGroup]:
        """Questions not answered outright in the last ``days``, grouped, most frequent first."""
        if limit < 1:  # SQLite reads a negative LIMIT as "no limit"
            raise ValueError(f"limit must be at least 1, not {limit}")
        # Each group's most recent wording (the latest row; the last logged on a tie).
        rows = await self._db.fetchall(
            "SELECT question, n, last FROM ("
            " SELECT question, group_key, COUNT(*) OVER g AS n, MAX(asked_at) OVER g AS last,"
            " ROW_NUMBER() OVER (PARTITION BY group_key ORDER BY asked_at DESC, id DESC) AS r"
            " FROM questions"
            " WHERE guild_id = ? AND asked_at >= ? AND outcome IN ('none', 'suggest')"
            " WINDOW g AS (PARTITION BY group_key)"
            ") AS latest WHERE r = 1 ORDER BY n DESC, last DESC, group_key LIMIT ?",
            (guild_id, self._since(days), limit),
        )
        return [
            UnansweredGroup(example=q, count=n, last_asked=datetime.fromisoformat(last))
            for q, n, last in rows
        ]

    # -- feedback ------------------------------------------------------------------------

    async def record_feedback(
        self, *, guild_id: int | None, message_id: int, fact_id: str, user_id: int, kind: str
    ) -> dict[str, int]:
        """Record one user's vote on an answer (replacing their earlier one); return the counts."""
        if kind not in FEEDBACK_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FEEDBACK_KINDS)}, not {kind!r}")
        await self._db.execute(
            "INSERT INTO feedback (message_id, fact_id, user_id, guild_id, kind, voted_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, fact_id, user_id)"
            " DO UPDATE SET kind = excluded.kind, voted_at = excluded.voted_at",
            (message_id, fact_id, user_id, guild_id, kind, self._now()),
        )
        rows = await self._db.fetchall(
            "SELECT kind, COUNT(*) FROM feedback WHERE message_id = ? AND fact_id = ?"
            " GROUP BY kind",
            (message_id, fact_id),
        )
        counts = dict.fromkeys(FEEDBACK_KINDS, 0)
        counts.update((kind, count) for kind, count in rows)
        return counts

    async def record_pick(
        self, *, guild_id: int | None, message_id: int, fact_id: str, user_id: int, by_asker: bool
    ) -> None:
        """Record a "did you mean" choice: implicit feedback on which fact was meant."""
        await self._db.execute(
            "INSERT INTO picks (message_id, user_id, fact_id, guild_id, by_asker, picked_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, user_id, fact_id)"
            " DO UPDATE SET picked_at = excluded.picked_at",
            (message_id, user_id, fact_id, guild_id, int(by_asker), self._now()),
        )

    async def recent_votes(
        self,
        guild_id: int | None,
        *,
        kinds: Sequence[str] = ("wrong", "outdated"),
        limit: int = 5,
        days: int = 30,
    ) -> list[Vote]:
        """The latest votes of these kinds, each with the question whose answer it judged
        (``guild_id`` None: in every server and in direct messages)."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        marks = ", ".join("?" for _ in kinds)
        where, args = _in_guild("f.guild_id", guild_id)
        rows = await self._db.fetchall(
            "SELECT f.kind, f.fact_id, MIN(q.question), f.voted_at FROM feedback AS f"
            " LEFT JOIN questions AS q ON q.message_id = f.message_id"
            f" WHERE {where} AND f.voted_at >= ? AND f.kind IN ({marks})"
            " GROUP BY f.message_id, f.fact_id, f.user_id"
            " ORDER BY f.voted_at DESC LIMIT ?",
            (*args, self._since(days), *kinds, limit),
        )
        return [
            Vote(kind=k, fact_id=f, question=q, voted_at=datetime.fromisoformat(at))
            for k, f, q, at in rows
        ]

    # -- reports -------------------------------------------------------------------------

    async def stats(self, guild_id: int | None, *, days: int = 30) -> Stats:
        """Questions, outcomes, most asked facts (answered with, delivered or not) and feedback
        in the last ``days``, in one server (None: in every server and in direct messages, as
        ``ballard-bot stats`` without ``--guild`` counts them)."""
        since = self._since(days)
        where, args = _in_guild("guild_id", guild_id)
        [(questions, answered, suggested, unanswered)] = await self._db.fetchall(
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {ANSWERED}),"
            " COUNT(*) FILTER (WHERE outcome = 'suggest'),"
            " COUNT(*) FILTER (WHERE outcome = 'none')"
            f" FROM questions WHERE {where} AND asked_at >= ?",
            (*args, since),
        )
        in_q, q_args = _in_guild("q.guild_id", guild_id)
        top_facts = await self._db.fetchall(
            "SELECT f.value, COUNT(DISTINCT q.id) AS n"
            f" FROM questions AS q, {self._db.EACH_FACT_ID}"
            f" WHERE {in_q} AND q.asked_at >= ? AND q.outcome = 'answer'"
            " GROUP BY f.value ORDER BY n DESC, f.value LIMIT ?",
            (*q_args, since, TOP_FACTS),
        )
        deliveries = dict(
            await self._db.fetchall(
                f"SELECT delivery, COUNT(*) FROM questions WHERE {where} AND asked_at >= ?"
                " AND delivery != 'sent' GROUP BY delivery",
                (*args, since),
            )
        )
        [(picks,)] = await self._db.fetchall(
            f"SELECT COUNT(*) FROM picks WHERE {where} AND picked_at >= ?", (*args, since)
        )
        feedback: dict[str, dict[str, int]] = {}
        for fact_id, kind, count in await self._db.fetchall(
            f"SELECT fact_id, kind, COUNT(*) FROM feedback WHERE {where} AND voted_at >= ?"
            " GROUP BY fact_id, kind ORDER BY fact_id",
            (*args, since),
        ):
            feedback.setdefault(fact_id, dict.fromkeys(FEEDBACK_KINDS, 0))[kind] = count
        return Stats(
            questions=questions,
            answered=answered,
            suggested=suggested,
            unanswered=unanswered,
            answer_rate=answered / questions if questions else 0.0,
            top_facts=[(fact_id, n) for fact_id, n in top_facts],
            feedback=feedback,
            deliveries=deliveries,
            picks=picks,
        )

    def _now(self) -> str:
        return _timestamp(self._clock())

    def _since(self, days: int) -> str:
        if days < 1:
            raise ValueError(f"days must be at least 1, not {days}")
        return _timestamp(self._clock() - timedelta(days=days))


def _in_guild(column: str, guild_id: int | None) -> tuple[str, tuple[int, ...]]:
    """SQL keeping one server's rows, or (None) every row: every server's and the DMs'."""
    if guild_id is None:
        return "TRUE", ()
    return f"{column} = ?", (guild_id,)


def _timestamp(moment: datetime) -> str:
    # One fixed format (UTC, microseconds) so that comparing the text compares the times.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _clean(text: str) -> str:
    # A log entry must never make answering fail: cut to Discord's limit, replace lone
    # surrogates (a JSON "\ud800" escape decodes to one), which cannot be encoded as UTF-8,
    # and NUL, which PostgreSQL text cannot hold.
    text = text[:MAX_QUESTION_CHARS].encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "\ufffd")
