"""Where the bot's state lives: an embedded SQLite file, or a shared PostgreSQL database.

Pure core: no Discord import. :mod:`bot.storage` and :mod:`bot.review_store` write their SQL
once, with ``?`` placeholders, in the part of SQL both backends speak (``ON CONFLICT``,
``COUNT(*) FILTER (WHERE ...)``, window functions); a :class:`Database` runs it. The one
query that cannot be shared, reading the JSON list of fact ids, is :attr:`Database.EACH_FACT_ID`.

Rule for both: every write is a single statement committed before its coroutine returns (a
``kill -9`` after the ``await`` loses nothing), and no explicit transaction is opened after
``open`` (on a shared connection another coroutine's write would join it). Opening creates
the schema or migrates it, one process at a time, and refuses a schema newer than this bot.

The backends' modules (:mod:`bot._sqlite`, :mod:`bot._postgres`) are imported only when used:
a bot on SQLite never loads the PostgreSQL driver.

Why not SQLAlchemy Core (async): measured in a process that already holds discord.py and
aiosqlite, importing ``sqlalchemy.ext.asyncio`` with both dialects adds 22.6 MB of RSS and
about 0.35 s; asyncpg alone adds 3.8 MB and 25 ms. The bot has a 120 MB budget and ran at
86-97 MB, and the two dialects differ in one query: two small drivers under one SQL serve
it better than a toolkit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")


class SchemaError(RuntimeError):
    """The database was written by a newer version of the bot than this one."""


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or used (a refused connection, bad credentials, no
    such database...); the message is the reason, in one line, without the password."""


class Database(ABC):
    """One backend: runs the shared SQL with ``?`` placeholders and returns rows as tuples."""

    dialect: str
    # A table source for a FROM list that yields each fact id of ``q.fact_ids`` as ``f.value``.
    EACH_FACT_ID: str

    def __init__(self, name: str) -> None:
        self.name = name  # how messages name it: a path, or a URL without its password
        self._closed = False

    @abstractmethod
    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        """Run one statement (committed when this returns)."""

    @abstractmethod
    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one query; every row as a tuple."""

    @abstractmethod
    async def _close(self) -> None: ...

    async def close(self) -> None:
        """Close the connection(s); safe to call twice."""
        if not self._closed:
            self._closed = True
            await self._close()

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"the database {self.name} is closed")


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.split(":", 1)[0].lower() in POSTGRES_SCHEMES


async def open_database(target: str | Path) -> Database:
    """Open (creating and migrating if needed) a SQLite file at a path, or a PostgreSQL
    database at a ``postgresql://`` URL."""
    if is_postgres_url(target):
        from bot._postgres import PostgresDatabase

        return await PostgresDatabase.open(str(target))
    from bot._sqlite import SQLiteDatabase

    return await SQLiteDatabase.open(Path(target))


def redact(url: str) -> str:
    """The URL with its password (in the authority or a ``password=`` parameter) masked."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":***"
            netloc = f"{userinfo}@{host}"
        query = urlencode(
            [
                (k, "***" if k.lower() == "password" else v)
                for k, v in parse_qsl(parts.query, keep_blank_values=True)
            ],
            safe="/*",
        )
        # Not urlunsplit: it drops the "//" of an empty host (postgresql:///db?host=/run/...).
        shown = f"{parts.scheme}://{netloc}{parts.path}"
        return (
            shown
            + (f"?{query}" if query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
    except ValueError:  # unreadable: say nothing of what it holds
        return f"{url.split(':', 1)[0]}://(a URL that cannot be read)"
