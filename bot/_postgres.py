"""The shared backend: a small asyncpg pool to one PostgreSQL database (DATABASE_URL).

For deployments that outgrow one process: every shard process (on any machine) reads and
writes the same database, so a server's settings, questions and feedback follow it when the
shard count changes. Each statement runs on a pooled connection outside any transaction, so
it is committed when its ``await`` returns, as with SQLite.

Migrations: a session advisory lock (:data:`MIGRATION_LOCK`) is held while the version is
read again and the missing migrations run, each in its own transaction with the version row
(DDL is transactional in PostgreSQL: a failed migration leaves nothing behind). Two processes
starting at once: the second waits, then finds nothing left to do.
"""

from __future__ import annotations

import asyncio
import functools
import socket
from collections.abc import Sequence
from typing import Any

import asyncpg

from bot import migrations
from bot.database import Database, DatabaseUnavailable, SchemaError, redact

POOL_SIZE = 8  # connections per bot process; statements are short
CONNECT_TIMEOUT = 10.0  # seconds: a server that does not answer is reported, not waited for
CLOSE_TIMEOUT = 10.0
MIGRATION_LOCK = 0x62616C6C61726400  # pg_advisory_lock key ("ballard\0"), per database
VERSION_TABLE = "schema_version"
_CANNOT_CONNECT = (OSError, TimeoutError, ValueError, asyncpg.PostgresError, asyncpg.InterfaceError)


class PostgresDatabase(Database):
    dialect = "postgres"
    # Fact ids byte-ordered like SQLite's text (see bot.migrations).
    EACH_FACT_ID = (
        'LATERAL (SELECT value COLLATE "C" AS value'
        " FROM jsonb_array_elements_text(q.fact_ids::jsonb)) AS f"
    )

    def __init__(self, pool: asyncpg.Pool, name: str) -> None:
        super().__init__(name)
        self.pool = pool

    @classmethod
    async def open(cls, url: str) -> PostgresDatabase:
        name = redact(url)
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=1,
                max_size=POOL_SIZE,
                timeout=CONNECT_TIMEOUT,
                server_settings={"application_name": "ballard-bot"},
            )
        except _CANNOT_CONNECT as exc:
            raise DatabaseUnavailable(_reason(exc)) from exc
        try:
            async with pool.acquire() as conn:
                await _migrate(conn)
        except BaseException as exc:
            pool.terminate()
            if isinstance(exc, _CANNOT_CONNECT):
                raise DatabaseUnavailable(_reason(exc)) from exc
            raise
        return cls(pool, name)

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        self._check_open()
        await self.pool.execute(_numbered(sql), *args)

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._check_open()
        return [tuple(row) for row in await self.pool.fetch(_numbered(sql), *args)]

    async def _close(self) -> None:
        try:
            await asyncio.wait_for(self.pool.close(), CLOSE_TIMEOUT)
        except TimeoutError:
            self.pool.terminate()


@functools.lru_cache(maxsize=512)
def _numbered(sql: str) -> str:
    """``?`` placeholders as PostgreSQL's ``$1, $2...`` (none occur inside our literals)."""
    out, n, quoted = [], 0, False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        elif ch == "?" and not quoted:
            n += 1
            out.append(f"${n}")
            continue
        out.append(ch)
    return "".join(out)


async def _version(conn: asyncpg.Connection) -> int:
    if await conn.fetchval("SELECT to_regclass($1)", VERSION_TABLE) is None:
        return 0
    version = await conn.fetchval(f"SELECT version FROM {VERSION_TABLE}")
    known = len(migrations.POSTGRES_MIGRATIONS)  # read at call time: tests swap in others
    if version is not None and version > known:
        raise SchemaError(
            f"database schema version {version} is newer than this bot knows ({known}); "
            "run a newer version of the bot or restore a backup"
        )
    return version or 0


async def _migrate(conn: asyncpg.Connection) -> None:
    """Create or migrate the schema; refuse a newer one before changing anything."""
    if await _version(conn) == len(migrations.POSTGRES_MIGRATIONS):
        return  # the usual start: nothing to do, no lock taken
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await conn.execute(
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
            " one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)"
        )
        for target in range(await _version(conn) + 1, len(migrations.POSTGRES_MIGRATIONS) + 1):
            async with conn.transaction():
                await conn.execute(migrations.POSTGRES_MIGRATIONS[target - 1])
                await conn.execute(
                    f"INSERT INTO {VERSION_TABLE} (version) VALUES ($1)"
                    " ON CONFLICT (one) DO UPDATE SET version = excluded.version",
                    target,
                )
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)


def _reason(exc: BaseException) -> str:
    """One line on why the database cannot be used; never the URL (it may hold a password)."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused: is PostgreSQL running there, on that port?"
    if isinstance(exc, socket.gaierror):
        return "unknown host"
    if isinstance(exc, TimeoutError):
        return f"no answer within {CONNECT_TIMEOUT:g} s"
    if isinstance(exc, asyncpg.PostgresError):  # the server's own words
        return str(exc.args[0]) if exc.args else type(exc).__name__
    if isinstance(exc, ValueError):
        return "the URL cannot be read: use postgresql://user:password@host:5432/database"
    return (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).splitlines()[0]
