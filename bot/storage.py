"""The bot's persistent state in SQLite: per-server settings, the question log and feedback.

Pure core: no Discord import. One aiosqlite connection in WAL mode and autocommit, so every
write is a single statement committed by SQLite before its coroutine returns: a ``kill -9``
after the ``await`` loses nothing. aiosqlite runs all statements on one worker thread in the
order they were queued, which is what lets many concurrent writers share the connection.

Rule: no explicit transaction after ``open()``. On a shared connection another coroutine's
write would join it, and its ``await`` would return before the transaction commits.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

import aiosqlite

if TYPE_CHECKING:
    from bot.review_store import ReviewStore

DEFAULT_COOLDOWN_SECONDS = 10
MAX_COOLDOWN_SECONDS = 3600
MAX_QUESTION_CHARS = 4000  # Discord's longest message (with Nitro)
BUSY_TIMEOUT_MS = 5000
OUTCOMES = ("answer", "suggest", "none")
# sent: the reply went out; held: the member was asking faster than the rate limit (they got a
# reaction or a notice); muted: asked in a channel where the bot does not answer; failed:
# Discord would not take the reply.
DELIVERIES = ("sent", "held", "muted", "failed")
FEEDBACK_KINDS = ("helpful", "wrong", "outdated")
TOP_FACTS = 5

Clock = Callable[[], datetime]

# Append only: never edit a shipped migration, databases in the wild have already run it.
# MIGRATIONS[n] takes a database from ``PRAGMA user_version`` n to n + 1.
MIGRATIONS: tuple[str, ...] = (
    # 1: settings per server and the question log
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        cooldown_seconds INTEGER NOT NULL
    );
    CREATE TABLE autoanswer_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    ) WITHOUT ROWID;
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,  -- ISO 8601 UTC, fixed width: text order is time order
        guild_id INTEGER,        -- NULL in direct messages
        channel_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        message_id INTEGER,
        question TEXT NOT NULL,
        group_key TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answer', 'suggest', 'none')),
        fact_ids TEXT NOT NULL,  -- JSON array, read back with json_each()
        confidence REAL NOT NULL
    );
    CREATE INDEX questions_by_guild_time ON questions (guild_id, asked_at);
    """,
    # 2: votes on answers, one per (message, fact, user)
    """
    CREATE TABLE feedback (
        message_id INTEGER NOT NULL,
        fact_id TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('helpful', 'wrong', 'outdated')),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (message_id, fact_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX feedback_by_guild_time ON feedback (guild_id, voted_at);
    """,
    # 3: a moderator role and a log channel per server, channels where the bot stays quiet,
    # how each question was triggered and delivered, and "did you mean" picks
    """
    ALTER TABLE guild_settings ADD COLUMN moderator_role_id INTEGER;
    ALTER TABLE guild_settings ADD COLUMN log_channel_id INTEGER;
    CREATE TABLE quiet_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    ) WITHOUT ROWID;
    ALTER TABLE questions ADD COLUMN trigger TEXT NOT NULL DEFAULT '';
    ALTER TABLE questions ADD COLUMN delivery TEXT NOT NULL DEFAULT 'sent'
        CHECK (delivery IN ('sent', 'held', 'muted', 'failed'));
    CREATE INDEX questions_by_message ON questions (message_id);
    CREATE TABLE picks (
        message_id INTEGER NOT NULL,  -- the "did you mean" message
        user_id INTEGER NOT NULL,
        fact_id TEXT NOT NULL,
        guild_id INTEGER,
        by_asker INTEGER NOT NULL,    -- 1 when the member who asked picked it
        picked_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_id, fact_id)
    ) WITHOUT ROWID;
    CREATE INDEX picks_by_guild_time ON picks (guild_id, picked_at);
    """,
    # 4: the review queue: groups of questions dismissed and proposals rejected, per server
    # (scope 0: the terminal's `ballard-bot review` without --guild); a member's questions in
    # time order (asking again after a 👎)
    """
    CREATE TABLE dismissed_groups (
        scope INTEGER NOT NULL,
        group_key TEXT NOT NULL,
        dismissed_by INTEGER,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (scope, group_key)
    ) WITHOUT ROWID;
    CREATE TABLE rejected_proposals (
        scope INTEGER NOT NULL,
        group_key TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        rejected_by INTEGER,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (scope, group_key, fact_id)
    ) WITHOUT ROWID;
    CREATE INDEX questions_by_user_time ON questions (user_id, asked_at);
    """,
)


class SchemaError(RuntimeError):
    """The database file was written by a newer version of the bot than this one."""


@dataclass(frozen=True)
class GuildSettings:
    """One server's settings."""

    autoanswer_channels: frozenset[int] = frozenset()
    cooldown_seconds: int = DEFAULT_COOLDOWN_SECONDS
    quiet_channels: frozenset[int] = frozenset()
    moderator_role_id: int | None = None
    log_channel_id: int | None = None


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
    answered: int
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
    """The bot's SQLite state; create with ``await Storage.open(path)``."""

    def __init__(self, db: aiosqlite.Connection, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        # Held while a guild's settings are loaded or changed, so a slow first load can never
        # overwrite a newer value in the cache.
        self._settings_lock = asyncio.Lock()
        # Every message reads its server's settings; after the first read they come from here.
        # This assumes one writer per server: the process whose shard holds it.
        self._settings: dict[int, GuildSettings] = {}

    @classmethod
    async def open(cls, path: Path, *, clock: Clock = _utcnow) -> Storage:
        """Open (creating and migrating if needed) the database at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: sqlite3 opens no implicit transactions, each statement commits.
        db = await aiosqlite.connect(path, isolation_level=None)
        try:
            await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await _schema_version(db)  # refuse a newer file before changing anything in it
            await db.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a commit survives a process crash; only power loss may drop
            # the last few, and it never corrupts the file.
            await db.execute("PRAGMA synchronous = NORMAL")
            await db.execute("PRAGMA foreign_keys = ON")
            await _migrate(db)
        except BaseException:
            await db.close()
            raise
        return cls(db, clock)

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
        """This server's settings, from memory after the first read."""
        if (cached := self._settings.get(guild_id)) is not None:
            return cached
        async with self._settings_lock:
            return await self._load_settings(guild_id)

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        """Turn answering every question on or off in one channel."""
        async with self._settings_lock:
            current = await self._load_settings(guild_id)
            if enabled:
                sql = "INSERT OR IGNORE INTO autoanswer_channels VALUES (?, ?)"
                channels = current.autoanswer_channels | {channel_id}
            else:
                sql = "DELETE FROM autoanswer_channels WHERE guild_id = ? AND channel_id = ?"
                channels = current.autoanswer_channels - {channel_id}
            await self._db.execute(sql, (guild_id, channel_id))
            self._settings[guild_id] = replace(current, autoanswer_channels=channels)

    async def set_cooldown(self, guild_id: int, seconds: int) -> None:
        """Set the per-user cooldown between answers (0 to 3,600 seconds)."""
        if not 0 <= seconds <= MAX_COOLDOWN_SECONDS:
            raise ValueError(f"cooldown must be 0 to {MAX_COOLDOWN_SECONDS} seconds, not {seconds}")
        async with self._settings_lock:
            current = await self._load_settings(guild_id)
            await self._db.execute(
                "INSERT INTO guild_settings (guild_id, cooldown_seconds) VALUES (?, ?)"
                " ON CONFLICT (guild_id)"
                " DO UPDATE SET cooldown_seconds = excluded.cooldown_seconds",
                (guild_id, int(seconds)),
            )
            self._settings[guild_id] = replace(current, cooldown_seconds=int(seconds))

    async def set_quiet(self, guild_id: int, channel_id: int, quiet: bool) -> None:
        """Stop (or resume) answering in one channel."""
        async with self._settings_lock:
            current = await self._load_settings(guild_id)
            if quiet:
                sql = "INSERT OR IGNORE INTO quiet_channels VALUES (?, ?)"
                channels = current.quiet_channels | {channel_id}
            else:
                sql = "DELETE FROM quiet_channels WHERE guild_id = ? AND channel_id = ?"
                channels = current.quiet_channels - {channel_id}
            await self._db.execute(sql, (guild_id, channel_id))
            self._settings[guild_id] = replace(current, quiet_channels=channels)

    async def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        """The role whose members may use /faq besides those with Manage Server (None: none)."""
        await self._set_column(guild_id, "moderator_role_id", role_id)

    async def set_log_channel(self, guild_id: int, channel_id: int | None) -> None:
        """The channel where the bot posts reloads and errors for moderators (None: none)."""
        await self._set_column(guild_id, "log_channel_id", channel_id)

    async def _set_column(self, guild_id: int, column: str, value: int | None) -> None:
        assert column in ("moderator_role_id", "log_channel_id")  # never from user input
        async with self._settings_lock:
            current = await self._load_settings(guild_id)
            await self._db.execute(
                f"INSERT INTO guild_settings (guild_id, cooldown_seconds, {column})"
                f" VALUES (?, ?, ?) ON CONFLICT (guild_id)"
                f" DO UPDATE SET {column} = excluded.{column}",
                (guild_id, current.cooldown_seconds, value),
            )
            self._settings[guild_id] = replace(current, **{column: value})

    async def log_channels(self) -> dict[int, int]:
        """Every server's log channel: guild id -> channel id."""
        rows = await self._db.execute_fetchall(
            "SELECT guild_id, log_channel_id FROM guild_settings WHERE log_channel_id IS NOT NULL"
        )
        return {guild_id: channel_id for guild_id, channel_id in rows}

    async def _load_settings(self, guild_id: int) -> GuildSettings:
        # Caller holds the lock; another waiter may have loaded the guild meanwhile.
        if (cached := self._settings.get(guild_id)) is not None:
            return cached
        row = await self._db.execute_fetchall(
            "SELECT cooldown_seconds, moderator_role_id, log_channel_id FROM guild_settings"
            " WHERE guild_id = ?",
            (guild_id,),
        )
        cooldown, role_id, log_channel_id = next(iter(row), (DEFAULT_COOLDOWN_SECONDS, None, None))
        channels = await self._db.execute_fetchall(
            "SELECT channel_id FROM autoanswer_channels WHERE guild_id = ?", (guild_id,)
        )
        quiet = await self._db.execute_fetchall(
            "SELECT channel_id FROM quiet_channels WHERE guild_id = ?", (guild_id,)
        )
        settings = GuildSettings(
            autoanswer_channels=frozenset(r[0] for r in channels),
            cooldown_seconds=cooldown,
            quiet_channels=frozenset(r[0] for r in quiet),
            moderator_role_id=role_id,
            log_channel_id=log_channel_id,
        )
        self._settings[guild_id] = settings
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
        # With a single max() in the query, SQLite takes the bare column `question` from the
        # row that holds the maximum: the most recent wording of each group.
        rows = await self._db.execute_fetchall(
            "SELECT question, COUNT(*) AS n, MAX(asked_at) AS last FROM questions"
            " WHERE guild_id = ? AND asked_at >= ? AND outcome IN ('none', 'suggest')"
            " GROUP BY group_key ORDER BY n DESC, last DESC, group_key LIMIT ?",
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
        rows = await self._db.execute_fetchall(
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
        guild_id: int,
        *,
        kinds: Sequence[str] = ("wrong", "outdated"),
        limit: int = 5,
        days: int = 30,
    ) -> list[Vote]:
        """The latest votes of these kinds, each with the question whose answer it judged."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        marks = ", ".join("?" for _ in kinds)
        rows = await self._db.execute_fetchall(
            "SELECT f.kind, f.fact_id, q.question, f.voted_at FROM feedback AS f"
            " LEFT JOIN questions AS q ON q.message_id = f.message_id"
            f" WHERE f.guild_id = ? AND f.voted_at >= ? AND f.kind IN ({marks})"
            " GROUP BY f.message_id, f.fact_id, f.user_id"
            " ORDER BY f.voted_at DESC LIMIT ?",
            (guild_id, self._since(days), *kinds, limit),
        )
        return [
            Vote(kind=k, fact_id=f, question=q, voted_at=datetime.fromisoformat(at))
            for k, f, q, at in rows
        ]

    # -- reports -------------------------------------------------------------------------

    async def stats(self, guild_id: int, *, days: int = 30) -> Stats:
        """Questions, outcomes, most answered facts and feedback in the last ``days``."""
        since = self._since(days)
        [(questions, answered, suggested, unanswered)] = await self._db.execute_fetchall(
            "SELECT COUNT(*), COALESCE(SUM(outcome = 'answer'), 0),"
            " COALESCE(SUM(outcome = 'suggest'), 0), COALESCE(SUM(outcome = 'none'), 0)"
            " FROM questions WHERE guild_id = ? AND asked_at >= ?",
            (guild_id, since),
        )
        top_facts = await self._db.execute_fetchall(
            "SELECT f.value, COUNT(DISTINCT q.id) AS n"
            " FROM questions AS q, json_each(q.fact_ids) AS f"
            " WHERE q.guild_id = ? AND q.asked_at >= ? AND q.outcome = 'answer'"
            " GROUP BY f.value ORDER BY n DESC, f.value LIMIT ?",
            (guild_id, since, TOP_FACTS),
        )
        deliveries = dict(
            await self._db.execute_fetchall(
                "SELECT delivery, COUNT(*) FROM questions WHERE guild_id = ? AND asked_at >= ?"
                " AND delivery != 'sent' GROUP BY delivery",
                (guild_id, since),
            )
        )
        [(picks,)] = await self._db.execute_fetchall(
            "SELECT COUNT(*) FROM picks WHERE guild_id = ? AND picked_at >= ?", (guild_id, since)
        )
        feedback: dict[str, dict[str, int]] = {}
        for fact_id, kind, count in await self._db.execute_fetchall(
            "SELECT fact_id, kind, COUNT(*) FROM feedback WHERE guild_id = ? AND voted_at >= ?"
            " GROUP BY fact_id, kind ORDER BY fact_id",
            (guild_id, since),
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


def _timestamp(moment: datetime) -> str:
    # One fixed format (UTC, microseconds) so that comparing the text compares the times.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _clean(text: str) -> str:
    # A log entry must never make answering fail: cut to Discord's limit and replace lone
    # surrogates (a JSON "\ud800" escape decodes to one), which cannot be encoded as UTF-8.
    return text[:MAX_QUESTION_CHARS].encode("utf-8", "replace").decode("utf-8")


async def _schema_version(db: aiosqlite.Connection) -> int:
    [(version,)] = await db.execute_fetchall("PRAGMA user_version")
    if version > len(MIGRATIONS):
        raise SchemaError(
            f"database schema version {version} is newer than this bot knows"
            f" ({len(MIGRATIONS)}); run a newer version of the bot or restore a backup"
        )
    return version


async def _migrate(db: aiosqlite.Connection) -> None:
    """Apply the migrations the database has not had yet, each in its own transaction."""
    for target in range(await _schema_version(db) + 1, len(MIGRATIONS) + 1):
        # IMMEDIATE takes the write lock before the version is re-read, so two processes
        # starting at once cannot both run the same migration.
        await db.execute("BEGIN IMMEDIATE")
        try:
            if await _schema_version(db) < target:
                for statement in _statements(MIGRATIONS[target - 1]):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {target}")
            await db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                await db.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript() would commit our transaction)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        # complete_statement() is false for a ';' inside quotes, comments or a trigger body.
        if sqlite3.complete_statement(pending):
            if pending.strip("; \t\r\n"):
                statements.append(pending)
            pending = ""
    return statements
