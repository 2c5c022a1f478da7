"""Typed settings, read once in ``main()`` from the environment and an optional ``.env`` file.

Nothing is read at import time. The environment wins over ``.env``. The Discord token and the
database URL (it may hold a password) are kept out of ``repr`` and logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.database import is_postgres_url

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DATABASE_NAME = "ballard.sqlite3"  # the SQLite file in DATA_DIR when DATABASE_URL is empty


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Every setting the bot reads (see .env.example for each one's meaning)."""

    discord_token: str | None = field(default=None, repr=False)
    knowledge_path: Path | None = None  # None: not configured, found by bot.locations
    data_dir: Path = Path("data")
    database_url: str | None = field(default=None, repr=False)  # None: SQLite in data_dir
    log_level: str = "INFO"
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    shard_count: int | None = None  # None with sharded=True: ask Discord (SHARD_COUNT=auto)
    shard_ids: tuple[int, ...] | None = None
    sharded: bool = False
    watch_knowledge: bool = True
    knowledge_settle_seconds: float = 1.0

    @property
    def database(self) -> Path | str:
        """What Storage.open takes: the PostgreSQL URL, or the SQLite file in DATA_DIR."""
        return self.database_url or self.data_dir / DATABASE_NAME

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Build settings from ``environ`` (default ``os.environ``) over ``env_file``."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            from dotenv import dotenv_values

            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = values.get(name, "").strip()
            return value or None

        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
        raw_count = get("SHARD_COUNT")
        auto = raw_count is not None and raw_count.lower() == "auto"
        shard_count = None if auto else _int(raw_count, "SHARD_COUNT", minimum=1)
        shard_ids = None
        if raw_ids := get("SHARD_IDS"):
            shard_ids = tuple(
                _int(p.strip(), "SHARD_IDS", minimum=0) or 0
                for p in raw_ids.split(",")
                if p.strip()
            )
            if auto:
                raise SettingsError(
                    "SHARD_IDS needs a number in SHARD_COUNT (the total across all processes), "
                    "not auto"
                )
            if shard_count is None:
                raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
            if any(i >= shard_count for i in shard_ids):
                raise SettingsError(f"SHARD_IDS must be below SHARD_COUNT ({shard_count})")
        database_url = get("DATABASE_URL")
        if database_url is not None and not is_postgres_url(database_url):
            raise SettingsError(
                "DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host:5432/"
                "database), or empty for SQLite in DATA_DIR"
            )
        return cls(
            discord_token=get("DISCORD_TOKEN"),
            knowledge_path=Path(raw_path) if (raw_path := get("KNOWLEDGE_PATH")) else None,
            data_dir=Path(get("DATA_DIR") or "data"),
            database_url=database_url,
            log_level=level,
            discord_api_base=get("DISCORD_API_BASE"),
            discord_gateway_url=get("DISCORD_GATEWAY_URL"),
            shard_count=shard_count,
            shard_ids=shard_ids,
            sharded=auto or shard_count is not None,
            watch_knowledge=(get("WATCH_KNOWLEDGE") or "true").lower() not in ("0", "false", "no"),
            knowledge_settle_seconds=_seconds(get("KNOWLEDGE_SETTLE_SECONDS"), 1.0),
        )


def _int(raw: str | None, name: str, minimum: int) -> int | None:
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        hint = " or auto" if name == "SHARD_COUNT" else ""
        raise SettingsError(f"{name} must be a whole number{hint}, not {raw!r}") from None
    if value < minimum:  # "auto" is read before this, where it is allowed
        raise SettingsError(f"{name} must be at least {minimum}")
    return value


def _seconds(raw: str | None, default: float) -> float:
    name = "KNOWLEDGE_SETTLE_SECONDS"
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 <= value <= 60:
        raise SettingsError(f"{name} must be between 0 and 60 seconds")
    return value
