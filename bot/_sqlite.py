"""The embedded backend: one aiosqlite connection to a file in DATA_DIR.

WAL mode and autocommit, so every write is a single statement committed by SQLite before its
coroutine returns. aiosqlite runs all statements on one worker thread in the order they were
queued, which is what lets many concurrent writers share the connection. Several processes
on one machine may share the file (SQLite locks it), not processes on several machines.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite
from tenacity import AsyncRetrying, retry_if_exception, stop_after_delay, wait_random_exponential

from bot import migrations
from bot.database import Database, SchemaError

BUSY_TIMEOUT_MS = 5000


class SQLiteDatabase(Database):
    dialect = "sqlite"
    EACH_FACT_ID = "json_each(q.fact_ids) AS f"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        super().__init__(str(path))
        self.conn = conn

    @classmethod
    async def open(cls, path: Path) -> SQLiteDatabase:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: sqlite3 opens no implicit transactions, each statement commits.
        conn = await aiosqlite.connect(path, isolation_level=None)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await _schema_version(conn)  # refuse a newer file before changing anything in it
            await _use_wal(conn)
            # NORMAL in WAL mode: a commit survives a process crash; only power loss may drop
            # the last few, and it never corrupts the file.
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await _migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        self._check_open()
        await self.conn.execute(sql, tuple(args))

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._check_open()
        return list(await self.conn.execute_fetchall(sql, tuple(args)))  # type: ignore[arg-type]

    async def _close(self) -> None:
        await self.conn.close()


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


async def _use_wal(conn: aiosqlite.Connection) -> None:
    """Put the file in WAL mode (it stays so). Switching needs the file to itself, and SQLite
    answers "database is locked" at once, without its busy timeout, while another
    connection is switching it too or reading it: several processes starting on a new file
    try again for as long as the busy timeout."""
    [(mode,)] = await conn.execute_fetchall("PRAGMA journal_mode")
    if str(mode).lower() == "wal":
        return
    async for attempt in AsyncRetrying(
        retry=retry_if_exception(_locked),
        stop=stop_after_delay(BUSY_TIMEOUT_MS / 1000),
        wait=wait_random_exponential(multiplier=0.01, max=0.25),
        reraise=True,
    ):
        with attempt:
            await conn.execute("PRAGMA journal_mode = WAL")


async def _schema_version(conn: aiosqlite.Connection) -> int:
    [(version,)] = await conn.execute_fetchall("PRAGMA user_version")
    known = len(migrations.SQLITE_MIGRATIONS)  # read at call time: tests swap in others
    if version > known:
        raise SchemaError(
            f"database schema version {version} is newer than this bot knows"
            f" ({known}); run a newer version of the bot or restore a backup"
        )
    return version


async def _migrate(conn: aiosqlite.Connection) -> None:
    """Apply the migrations the database has not had yet, each in its own transaction."""
    for target in range(await _schema_version(conn) + 1, len(migrations.SQLITE_MIGRATIONS) + 1):
        # IMMEDIATE takes the write lock before the version is re-read, so two processes
        # starting at once cannot both run the same migration.
        await conn.execute("BEGIN IMMEDIATE")
        try:
            if await _schema_version(conn) < target:
                for statement in _statements(migrations.SQLITE_MIGRATIONS[target - 1]):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {target}")
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
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
