"""The storage tests run against both backends: an object per backend that opens a database,
reads it as a second process would, and writes one by hand as an older or newer bot left it."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.storage import Storage
from tests.pgserver import PostgresServer

START = datetime(2025, 10, 6, 12, 0, tzinfo=UTC)  # when the storage tests' clock starts


class Clock:
    """A clock the test moves by hand (the storage's ``clock``)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Backend:
    """A fresh, empty database: a SQLite file that does not exist yet, or a PostgreSQL one."""

    kind: str  # "sqlite" or "postgres"
    target: Path | str  # what Storage.open takes
    server: PostgresServer | None = None

    async def open(self, **kwargs: Any) -> Storage:
        return await Storage.open(self.target, **kwargs)

    async def rows(self, sql: str) -> list[tuple]:
        """Read with a connection of its own, as another process would."""
        if isinstance(self.target, Path):
            with contextlib.closing(sqlite3.connect(self.target)) as db:
                return db.execute(sql).fetchall()
        import asyncpg

        conn = await asyncpg.connect(self.target)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()

    async def version(self) -> int:
        """The schema version the database says it has."""
        if self.kind == "sqlite":
            [(version,)] = await self.rows("PRAGMA user_version")
            return version
        [(version,)] = await self.rows("SELECT version FROM schema_version")
        return version

    async def tables(self) -> set[str]:
        if self.kind == "sqlite":
            found = await self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            found = await self.rows(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        return {name for (name,) in found}

    async def build(self, version: int, *scripts: str) -> None:
        """Write a database by hand, as an older or newer bot would have left it."""
        if isinstance(self.target, Path):
            self.target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.closing(sqlite3.connect(self.target, isolation_level=None)) as db:
                for script in scripts:
                    db.executescript(script)
                db.execute(f"PRAGMA user_version = {version}")
            return
        import asyncpg

        conn = await asyncpg.connect(self.target)
        try:
            for script in scripts:
                await conn.execute(script)
            await conn.execute(
                "CREATE TABLE schema_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),"
                " version INTEGER NOT NULL)"
            )
            await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", version)
        finally:
            await conn.close()
