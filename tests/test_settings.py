"""Settings from the environment and .env: typed, validated, one message naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def settings(**env: str) -> Settings:
    return Settings.from_env(env, env_file=None)


def test_defaults() -> None:
    s = settings()
    assert (s.discord_token, s.knowledge_path, s.data_dir) == (
        None,
        None,  # not configured: bot.locations finds it
        Path("data"),
    )
    assert (s.shard_count, s.shard_ids, s.sharded, s.watch_knowledge) == (None, None, False, True)


def test_the_token_stays_out_of_repr() -> None:
    assert "s3cret" not in repr(settings(DISCORD_TOKEN="s3cret"))


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SHARD_COUNT": "4"}, (4, None, True)),
        ({"SHARD_COUNT": "auto"}, (None, None, True)),
        ({"SHARD_COUNT": "AUTO"}, (None, None, True)),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "0, 2"}, (4, (0, 2), True)),
        ({}, (None, None, False)),
    ],
)
def test_sharding(env: dict[str, str], expected: tuple) -> None:
    s = settings(**env)
    assert (s.shard_count, s.shard_ids, s.sharded) == expected


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SHARD_COUNT": "many"}, "SHARD_COUNT must be a whole number or auto, not 'many'"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be at least 1"),
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_COUNT": "auto", "SHARD_IDS": "0"}, "SHARD_IDS needs a number in SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "SHARD_IDS must be below SHARD_COUNT (2)"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        settings(**env)


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("DATA_DIR=from-file\nLOG_LEVEL=debug\n", encoding="utf-8")
    s = Settings.from_env({"DATA_DIR": "from-env"}, env_file=dotenv)
    assert s.data_dir == Path("from-env") and s.log_level == "DEBUG"


def test_the_database_is_sqlite_in_data_dir_unless_a_postgresql_url_is_given() -> None:
    assert settings(DATA_DIR="/srv/bot").database == Path("/srv/bot/ballard.sqlite3")
    url = "postgresql://ballard:s3cret@db:5432/ballard"
    shared = settings(DATABASE_URL=f"  {url} ")
    assert shared.database == shared.database_url == url
    assert "s3cret" not in repr(shared)
    assert settings(DATABASE_URL="postgres://db/ballard").database == "postgres://db/ballard"


@pytest.mark.parametrize("url", ["sqlite:///data/ballard.sqlite3", "mysql://db/x", "db:5432"])
def test_a_database_url_that_is_not_postgresql_is_refused(url: str) -> None:
    with pytest.raises(SettingsError, match="DATABASE_URL must be a PostgreSQL URL"):
        settings(DATABASE_URL=url)


def test_every_setting_is_in_env_example() -> None:
    listed = Path(__file__).resolve().parent.parent.joinpath(".env.example").read_text()
    for name in ("DATABASE_URL", "DATA_DIR", "SHARD_COUNT", "SHARD_IDS"):
        assert f"\n{name}=" in listed
