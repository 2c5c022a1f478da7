"""Tests of the storage: settings, question log, feedback, stats, migrations, durability.

Every test that takes ``backend`` runs twice: on SQLite and on PostgreSQL (a throwaway server
the session starts; skipped, saying why, when PostgreSQL is not installed).
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import migrations
from bot._sqlite import _statements
from bot.database import DatabaseUnavailable, redact
from bot.migrations import POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS
from bot.storage import (
    DEFAULT_COOLDOWN_SECONDS,
    MAX_QUESTION_CHARS,
    SETTINGS_TTL,
    GuildSettings,
    SchemaError,
    Stats,
    Storage,
    UnansweredGroup,
)
from tests.backends import START, Backend, Clock

ROOT = Path(__file__).resolve().parent.parent
GUILD, OTHER_GUILD = 1001, 2002
NO_VOTES = {"helpful": 0, "wrong": 0, "outdated": 0}


MIGRATIONS = len(SQLITE_MIGRATIONS)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Backend:
    """SQLite only: for what only SQLite has (pragmas, the file's bytes, the WAL)."""
    return Backend("sqlite", tmp_path / "data" / "bot.sqlite3")


@pytest.fixture
def db_path(sqlite_db: Backend) -> Path:
    assert isinstance(sqlite_db.target, Path)
    return sqlite_db.target


async def log(
    storage: Storage,
    question: str,
    *,
    key: str | None = None,
    outcome: str = "none",
    facts: tuple[str, ...] = (),
    guild_id: int | None = GUILD,
    user_id: int = 1,
) -> None:
    await storage.log_question(
        guild_id=guild_id,
        channel_id=10,
        user_id=user_id,
        question=question,
        group_key=question.lower() if key is None else key,
        outcome=outcome,
        fact_ids=facts,
        confidence=0.5,
        message_id=99,
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file in ``directory`` with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


# -- opening, closing, pragmas ---------------------------------------------------------------


async def test_open_creates_directory_and_configures_connection(db_path: Path) -> None:
    async with await Storage.open(db_path) as storage:
        conn = storage._db.conn  # type: ignore[attr-defined]
        pragmas = {
            name: next(iter(await conn.execute_fetchall(f"PRAGMA {name}")))[0]
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
        assert (storage.backend, storage.name) == ("sqlite", str(db_path))
    assert "bot.sqlite3" in snapshot(db_path.parent)
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }
    assert await Backend("sqlite", db_path).version() == MIGRATIONS


async def test_open_creates_the_schema(backend: Backend) -> None:
    async with await backend.open() as storage:
        assert storage.backend == backend.kind
    assert await backend.version() == MIGRATIONS
    assert {"guild_settings", "questions", "feedback", "picks"} <= await backend.tables()


async def test_close_is_idempotent_and_closed_storage_refuses_writes(backend: Backend) -> None:
    storage = await backend.open()
    await storage.close()
    await storage.close()
    with pytest.raises(ValueError, match="closed"):
        await log(storage, "too late")


# -- settings per server ---------------------------------------------------------------------


async def test_default_settings(storage: Storage) -> None:
    settings = await storage.guild_settings(GUILD)
    assert settings == GuildSettings(autoanswer_channels=frozenset(), cooldown_seconds=10)
    assert settings.cooldown_seconds == DEFAULT_COOLDOWN_SECONDS


async def test_autoanswer_per_channel_and_per_guild(storage: Storage) -> None:
    await storage.set_autoanswer(GUILD, 10, True)
    await storage.set_autoanswer(GUILD, 11, True)
    await storage.set_autoanswer(GUILD, 11, True)  # twice is the same as once
    await storage.set_autoanswer(OTHER_GUILD, 10, True)
    await storage.set_autoanswer(GUILD, 10, False)
    await storage.set_autoanswer(GUILD, 12, False)  # never enabled: nothing to do
    assert (await storage.guild_settings(GUILD)).autoanswer_channels == {11}
    assert (await storage.guild_settings(OTHER_GUILD)).autoanswer_channels == {10}
    assert (await storage.guild_settings(3003)).autoanswer_channels == frozenset()


async def test_discord_ids_are_64_bit(storage: Storage) -> None:
    big = 2**63 - 1  # snowflakes use all 64 bits of a signed integer before 2084
    await storage.set_autoanswer(big, big - 1, True)
    await storage.set_log_channel(big, big - 2)
    await storage.log_question(
        guild_id=big, channel_id=big, user_id=big, question="q", group_key="q",
        outcome="none", fact_ids=[], confidence=0.0, message_id=big,
    )  # fmt: skip
    assert await storage.guild_settings(big) == GuildSettings(
        autoanswer_channels=frozenset({big - 1}), log_channel_id=big - 2
    )
    assert (await storage.unanswered(big))[0].example == "q"


@pytest.mark.parametrize("seconds", [0, 1, 600, 3600])
async def test_cooldown_accepts_zero_to_an_hour(storage: Storage, seconds: int) -> None:
    await storage.set_cooldown(GUILD, seconds)
    assert (await storage.guild_settings(GUILD)).cooldown_seconds == seconds


@pytest.mark.parametrize("seconds", [-1, 3601, 10**9])
async def test_cooldown_out_of_range_is_refused(storage: Storage, seconds: int) -> None:
    await storage.set_cooldown(GUILD, 30)
    with pytest.raises(ValueError, match="0 to 3600"):
        await storage.set_cooldown(GUILD, seconds)
    assert (await storage.guild_settings(GUILD)).cooldown_seconds == 30


async def test_settings_persist_across_reopen(backend: Backend) -> None:
    async with await backend.open() as storage:
        await storage.set_cooldown(GUILD, 45)
        await storage.set_autoanswer(GUILD, 10, True)
        await storage.set_autoanswer(GUILD, 11, True)
        await storage.set_autoanswer(GUILD, 11, False)
        await storage.set_cooldown(OTHER_GUILD, 0)
    async with await backend.open() as storage:
        assert await storage.guild_settings(GUILD) == GuildSettings(frozenset({10}), 45)
        assert await storage.guild_settings(OTHER_GUILD) == GuildSettings(frozenset(), 0)


def count_statements(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the storage sends to its database from now on."""
    sent: list[str] = []
    db = storage._db
    execute, fetchall = db.execute, db.fetchall

    async def spy_execute(sql: str, args: Any = ()) -> None:
        sent.append(sql)
        await execute(sql, args)

    async def spy_fetchall(sql: str, args: Any = ()) -> list[tuple]:
        sent.append(sql)
        return await fetchall(sql, args)

    monkeypatch.setattr(db, "execute", spy_execute)
    monkeypatch.setattr(db, "fetchall", spy_fetchall)
    return sent


async def test_settings_reads_after_the_first_do_not_touch_the_database(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = count_statements(storage, monkeypatch)
    first = await storage.guild_settings(GUILD)
    loads = len(sent)
    assert loads > 0
    for _ in range(1000):
        assert await storage.guild_settings(GUILD) is first
    assert len(sent) == loads


async def test_settings_writes_update_the_cache(backend: Backend, storage: Storage) -> None:
    assert (await storage.guild_settings(GUILD)).cooldown_seconds == 10  # now cached
    await storage.set_cooldown(GUILD, 20)
    await storage.set_autoanswer(GUILD, 10, True)
    assert await storage.guild_settings(GUILD) == GuildSettings(frozenset({10}), 20)
    # what the cache says is what the database says
    assert await backend.rows("SELECT cooldown_seconds FROM guild_settings") == [(20,)]
    assert await backend.rows("SELECT guild_id, channel_id FROM autoanswer_channels") == [
        (GUILD, 10)
    ]


async def test_concurrent_settings_reads_and_writes_agree_with_the_database(
    backend: Backend,
) -> None:
    async with await backend.open() as storage:
        calls: list[Coroutine[Any, Any, object]] = []
        for channel in range(40):
            calls.append(storage.guild_settings(GUILD))
            calls.append(storage.set_autoanswer(GUILD, channel, True))
            calls.append(storage.set_autoanswer(GUILD, channel, channel % 3 != 0))
            calls.append(storage.set_cooldown(GUILD, channel))
        await asyncio.gather(*calls)
        cached = await storage.guild_settings(GUILD)
    assert cached == GuildSettings(frozenset(c for c in range(40) if c % 3 != 0), 39)
    async with await backend.open() as storage:
        assert await storage.guild_settings(GUILD) == cached


# -- settings shared by several processes ----------------------------------------------------


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_change_made_through_another_process_is_seen_after_the_ttl(
    backend: Backend,
) -> None:
    ticks = Ticks()
    async with await backend.open() as here, await backend.open() as there:
        here._monotonic = ticks
        assert (await here.guild_settings(GUILD)).cooldown_seconds == DEFAULT_COOLDOWN_SECONDS
        await there.set_cooldown(GUILD, 0)
        await there.set_autoanswer(GUILD, 10, True)
        ticks.now += SETTINGS_TTL - 1
        assert (await here.guild_settings(GUILD)).cooldown_seconds == DEFAULT_COOLDOWN_SECONDS
        ticks.now += 1
        assert await here.guild_settings(GUILD) == GuildSettings(frozenset({10}), 0)


async def test_a_server_that_becomes_available_is_read_fresh(backend: Backend) -> None:
    # A reshard moved the server here from the process where its moderators changed it.
    async with await backend.open() as here, await backend.open() as there:
        await here.guild_settings(GUILD)
        await here.guild_settings(OTHER_GUILD)
        await there.set_cooldown(GUILD, 5)
        await there.set_cooldown(OTHER_GUILD, 6)
        here.forget_settings(GUILD)
        assert (await here.guild_settings(GUILD)).cooldown_seconds == 5
        assert (await here.guild_settings(OTHER_GUILD)).cooldown_seconds == 10  # still cached
        here.forget_settings()
        assert (await here.guild_settings(OTHER_GUILD)).cooldown_seconds == 6


async def test_a_change_here_does_not_undo_one_made_through_another_process(
    backend: Backend,
) -> None:
    async with await backend.open() as here, await backend.open() as there:
        await here.guild_settings(GUILD)  # cached: cooldown 10, no channels
        await there.set_cooldown(GUILD, 0)
        await there.set_moderator_role(GUILD, 77)
        await here.set_autoanswer(GUILD, 10, True)  # re-reads the whole server after writing
        expected = GuildSettings(frozenset({10}), 0, moderator_role_id=77)
        assert await here.guild_settings(GUILD) == expected
        there.forget_settings()
        assert await there.guild_settings(GUILD) == expected


# -- question log and unanswered questions ---------------------------------------------------


async def test_unanswered_groups_by_key_most_frequent_first(storage: Storage, clock: Clock) -> None:
    await log(storage, "when is season 2?", key="season 2 date")
    clock.advance(minutes=1)
    await log(storage, "Who plays Ballard?", key="cast ballard", outcome="suggest")
    clock.advance(minutes=1)
    await log(storage, "season 2 when??", key="season 2 date", outcome="suggest")
    clock.advance(minutes=1)
    await log(storage, "is there a trailer", key="trailer")
    clock.advance(minutes=1)
    await log(storage, "When is season two", key="season 2 date")
    last_season_question = clock.now
    clock.advance(minutes=1)
    await log(storage, "who plays ballard", key="cast ballard")
    # not unanswered: answered outright, another server, a direct message
    await log(storage, "season 2 date", key="season 2 date", outcome="answer", facts=("s2",))
    await log(storage, "when is season 2", key="season 2 date", guild_id=OTHER_GUILD)
    await log(storage, "when is season 2", key="season 2 date", guild_id=None)

    groups = await storage.unanswered(GUILD)
    assert groups == [
        UnansweredGroup("When is season two", 3, last_season_question),
        UnansweredGroup("who plays ballard", 2, clock.now),  # same count: more recent first
        UnansweredGroup("is there a trailer", 1, START + timedelta(minutes=3)),
    ]
    assert groups[0].last_asked.tzinfo is not None
    assert await storage.unanswered(GUILD, limit=1) == groups[:1]
    assert await storage.unanswered(3003) == []


async def test_unanswered_only_counts_the_last_days(storage: Storage, clock: Clock) -> None:
    await log(storage, "old question", key="old")
    await log(storage, "recurring, old wording", key="recurring")
    clock.advance(days=20)
    await log(storage, "recurring, newer wording", key="recurring")
    clock.advance(days=15)  # the first two are now 35 days old
    await log(storage, "new question", key="new")

    recent = await storage.unanswered(GUILD, days=30)
    assert [(g.example, g.count) for g in recent] == [
        ("new question", 1),
        ("recurring, newer wording", 1),
    ]
    everything = await storage.unanswered(GUILD, days=40)
    assert [(g.example, g.count) for g in everything] == [
        ("recurring, newer wording", 2),
        ("new question", 1),
        ("old question", 1),
    ]
    with pytest.raises(ValueError, match="days"):
        await storage.unanswered(GUILD, days=0)
    with pytest.raises(ValueError, match="limit"):
        await storage.unanswered(GUILD, limit=-1)


async def test_log_question_validates_its_arguments(storage: Storage) -> None:
    with pytest.raises(ValueError, match="outcome"):
        await log(storage, "q", outcome="answered")
    with pytest.raises(TypeError, match="fact_ids"):
        await storage.log_question(
            guild_id=GUILD,
            channel_id=1,
            user_id=1,
            question="q",
            group_key="q",
            outcome="answer",
            fact_ids="season-2-date",
            confidence=1.0,
        )
    assert (await storage.stats(GUILD)).questions == 0


async def test_log_question_stores_every_field(backend: Backend, storage: Storage) -> None:
    await storage.log_question(
        guild_id=None,
        channel_id=5,
        user_id=6,
        question="Is Ballard renewed?",
        group_key="ballard renewed",
        outcome="answer",
        fact_ids=["renewal", "season-2"],
        confidence=0.87,
        message_id=7,
        trigger="dm",
    )
    assert await backend.rows("SELECT * FROM questions") == [
        (
            1,
            "2025-10-06T12:00:00.000000+00:00",
            None,
            5,
            6,
            7,
            "Is Ballard renewed?",
            "ballard renewed",
            "answer",
            '["renewal", "season-2"]',
            0.87,
            "dm",
            "sent",
        )
    ]


HOSTILE = {
    "longest": ("Ballard é🕵️‍♀️ " * 500)[:MAX_QUESTION_CHARS],
    "quotes": "it's \"Ballard\" isn't it? `'` \\' \\\" ''",
    "injection": "'); DROP TABLE questions; --",
    "injection2": "\"; DELETE FROM feedback WHERE 1=1; SELECT '",
    "emoji": "👩🏽‍⚖️🚓🇺🇸 who plays Renée Ballard? 🤔",
    "scripts": "Кто играет Баллард? バラードは誰？ من يلعب دور بالارد؟ 발라드",
    "combining": "Ba\u0301lla\u0308rd\u200b\u200d\u2028\u2029\ufeff",
    "sql_wildcards": "100% of _ballard_ [fans] %s {0} ?1 :name",
    "whitespace": "\t\n  \r\n",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
async def test_hostile_text_round_trips_unchanged(
    backend: Backend, storage: Storage, text: str
) -> None:
    await log(storage, text, key=text)
    await storage.record_feedback(
        guild_id=GUILD, message_id=1, fact_id=text, user_id=1, kind="wrong"
    )
    [group] = await storage.unanswered(GUILD)
    assert group.example == text
    assert (await storage.stats(GUILD)).feedback == {text: {**NO_VOTES, "wrong": 1}}
    assert await backend.rows("SELECT group_key FROM questions") == [(text,)]
    # every table is still there and still takes writes
    await log(storage, "still working?")
    assert (await storage.stats(GUILD)).questions == 2


async def test_overlong_and_unencodable_text_is_kept_not_refused(storage: Storage) -> None:
    await log(storage, "x" * (MAX_QUESTION_CHARS + 500), key="long")
    await log(storage, "lone surrogate \ud800 here", key="surrogate")
    await log(storage, "a NUL \x00 here", key="nul \x00")  # PostgreSQL text cannot hold one
    examples = {g.example for g in await storage.unanswered(GUILD)}
    assert examples == {"x" * MAX_QUESTION_CHARS, "lone surrogate ? here", "a NUL \ufffd here"}


# -- feedback --------------------------------------------------------------------------------


async def test_feedback_one_vote_per_user_latest_wins(storage: Storage) -> None:
    async def vote(user_id: int, kind: str, fact_id: str = "s2", message_id: int = 500) -> dict:
        return await storage.record_feedback(
            guild_id=GUILD, message_id=message_id, fact_id=fact_id, user_id=user_id, kind=kind
        )

    assert await vote(1, "helpful") == {**NO_VOTES, "helpful": 1}
    assert await vote(2, "wrong") == {**NO_VOTES, "helpful": 1, "wrong": 1}
    assert await vote(1, "wrong") == {**NO_VOTES, "wrong": 2}  # user 1 changed their mind
    assert await vote(1, "wrong") == {**NO_VOTES, "wrong": 2}  # clicking again changes nothing
    assert await vote(3, "outdated") == {"helpful": 0, "wrong": 2, "outdated": 1}
    # another fact in the same message, and the same fact in another message, count apart
    assert await vote(1, "helpful", fact_id="cast") == {**NO_VOTES, "helpful": 1}
    assert await vote(1, "helpful", message_id=501) == {**NO_VOTES, "helpful": 1}
    assert (await storage.stats(GUILD)).feedback == {
        "cast": {**NO_VOTES, "helpful": 1},
        "s2": {"helpful": 1, "wrong": 2, "outdated": 1},
    }


@pytest.mark.parametrize("kind", ["Helpful", "like", "", "helpful "])
async def test_feedback_kind_is_validated(storage: Storage, kind: str) -> None:
    with pytest.raises(ValueError, match="kind"):
        await storage.record_feedback(
            guild_id=GUILD, message_id=1, fact_id="s2", user_id=1, kind=kind
        )


async def test_feedback_in_direct_messages(storage: Storage) -> None:
    counts = await storage.record_feedback(
        guild_id=None, message_id=1, fact_id="s2", user_id=1, kind="helpful"
    )
    assert counts == {**NO_VOTES, "helpful": 1}
    assert (await storage.stats(GUILD)).feedback == {}


# -- stats -----------------------------------------------------------------------------------


async def test_stats_on_a_known_data_set(storage: Storage, clock: Clock) -> None:
    # 40 days ago: outside the default window
    await log(storage, "old", outcome="answer", facts=("f1",))
    await storage.record_feedback(
        guild_id=GUILD, message_id=1, fact_id="f1", user_id=1, kind="wrong"
    )
    clock.advance(days=40)
    answered = {"f1": 4, "f2": 3, "f3": 3, "f4": 2, "f5": 1, "f6": 1}  # f5 < f6 by name
    for fact_id, times in answered.items():
        for _ in range(times):
            await log(storage, f"about {fact_id}", outcome="answer", facts=(fact_id,))
    await log(storage, "about two", outcome="answer", facts=("f6", "f6"))  # counted once
    await log(storage, "maybe", outcome="suggest", facts=("f1", "f2"))  # suggestions don't count
    await log(storage, "maybe again", outcome="suggest", facts=("f1",))
    for _ in range(3):
        await log(storage, "no idea", outcome="none")
    await log(storage, "elsewhere", outcome="answer", facts=("f1",), guild_id=OTHER_GUILD)
    await log(storage, "in a DM", outcome="answer", facts=("f1",), guild_id=None)
    for user_id, kind in [(1, "helpful"), (2, "helpful"), (3, "outdated")]:
        await storage.record_feedback(
            guild_id=GUILD, message_id=2, fact_id="f1", user_id=user_id, kind=kind
        )
    await storage.record_feedback(
        guild_id=GUILD, message_id=3, fact_id="f2", user_id=1, kind="wrong"
    )
    await storage.record_feedback(
        guild_id=OTHER_GUILD, message_id=4, fact_id="f2", user_id=1, kind="helpful"
    )

    assert await storage.stats(GUILD) == Stats(
        questions=20,
        answered=15,
        suggested=2,
        unanswered=3,
        answer_rate=0.75,
        top_facts=[("f1", 4), ("f2", 3), ("f3", 3), ("f4", 2), ("f6", 2)],
        feedback={
            "f1": {"helpful": 2, "wrong": 0, "outdated": 1},
            "f2": {"helpful": 0, "wrong": 1, "outdated": 0},
        },
    )
    wider = await storage.stats(GUILD, days=60)
    assert (wider.questions, wider.answered, wider.top_facts[0]) == (21, 16, ("f1", 5))
    assert wider.feedback["f1"] == {"helpful": 2, "wrong": 1, "outdated": 1}


async def test_stats_of_every_server_count_every_server_and_the_dms(storage: Storage) -> None:
    """`ballard-bot stats` without --guild reads the figures of /faq stats over every server
    and the DMs (None), by the same query."""
    await log(storage, "who plays ballard", outcome="answer", facts=("lead-actor",))
    await log(storage, "where to watch", outcome="answer", facts=("where-to-watch",), guild_id=None)
    await log(storage, "huh", outcome="none", guild_id=OTHER_GUILD)
    await storage.record_feedback(
        guild_id=OTHER_GUILD, message_id=99, fact_id="lead-actor", user_id=1, kind="wrong"
    )
    every = await storage.stats(None)
    assert (every.questions, every.answered, every.unanswered) == (3, 2, 1)
    assert every.top_facts == [("lead-actor", 1), ("where-to-watch", 1)]
    assert every.feedback == {"lead-actor": {**NO_VOTES, "wrong": 1}}
    assert [(v.kind, v.fact_id) for v in await storage.recent_votes(None)] == [
        ("wrong", "lead-actor")
    ]
    assert (await storage.stats(GUILD)).questions == 1
    assert await storage.recent_votes(GUILD) == []


async def test_stats_with_no_questions(storage: Storage) -> None:
    assert await storage.stats(GUILD) == Stats(0, 0, 0, 0, 0.0, [], {})


async def test_stats_count_questions_held_back_and_picks(storage: Storage) -> None:
    for delivery in ("sent", "held", "held", "muted", "failed"):
        await storage.log_question(
            guild_id=GUILD,
            channel_id=10,
            user_id=1,
            question="who plays ballard",
            group_key="k",
            outcome="answer",
            fact_ids=["lead-actor"],
            confidence=0.9,
            delivery=delivery,
        )
    await storage.record_pick(guild_id=GUILD, message_id=5, fact_id="f", user_id=1, by_asker=True)
    await storage.record_pick(  # the same member pressing twice counts once
        guild_id=GUILD, message_id=5, fact_id="f", user_id=1, by_asker=True
    )
    await storage.record_pick(guild_id=GUILD, message_id=5, fact_id="f", user_id=2, by_asker=False)
    stats = await storage.stats(GUILD)
    assert stats.questions == 5  # every question received, including those held back
    assert stats.deliveries == {"held": 2, "muted": 1, "failed": 1}
    # answered: the asker got the answer (it had counted all five: "5 answered (100%)")
    assert (stats.answered, stats.answer_rate) == (1, 0.2)
    assert stats.picks == 2
    with pytest.raises(ValueError, match="delivery"):
        await storage.log_question(
            guild_id=GUILD,
            channel_id=1,
            user_id=1,
            question="q",
            group_key="q",
            outcome="none",
            fact_ids=[],
            confidence=0.0,
            delivery="lost",
        )


async def test_votes_are_traceable_to_the_question_asked(storage: Storage, clock: Clock) -> None:
    await storage.log_question(
        guild_id=GUILD,
        channel_id=10,
        user_id=1,
        question="who plays renee?",
        group_key="k",
        outcome="answer",
        fact_ids=["lead-actor"],
        confidence=0.9,
        message_id=77,
    )
    await storage.record_feedback(
        guild_id=GUILD, message_id=77, fact_id="lead-actor", user_id=2, kind="wrong"
    )
    clock.advance(minutes=1)
    await storage.record_feedback(  # an answer the log does not know (logged before upgrade)
        guild_id=GUILD, message_id=78, fact_id="cast", user_id=2, kind="outdated"
    )
    await storage.record_feedback(
        guild_id=GUILD, message_id=77, fact_id="lead-actor", user_id=3, kind="helpful"
    )
    votes = await storage.recent_votes(GUILD)
    assert [(v.kind, v.fact_id, v.question) for v in votes] == [
        ("outdated", "cast", None),
        ("wrong", "lead-actor", "who plays renee?"),
    ]


async def test_moderator_role_log_channel_and_quiet_channels(backend: Backend) -> None:
    async with await backend.open() as storage:
        await storage.set_cooldown(GUILD, 30)
        await storage.set_moderator_role(GUILD, 555)
        await storage.set_log_channel(GUILD, 66)
        await storage.set_log_channel(OTHER_GUILD, 77)  # a server with no other setting
        await storage.set_quiet(GUILD, 10, True)
        await storage.set_quiet(GUILD, 11, True)
        await storage.set_quiet(GUILD, 11, False)
        await storage.set_log_channel(OTHER_GUILD, None)
    async with await backend.open() as storage:  # from the database, not the cache
        assert await storage.guild_settings(GUILD) == GuildSettings(
            cooldown_seconds=30,
            quiet_channels=frozenset({10}),
            moderator_role_id=555,
            log_channel_id=66,
        )
        assert await storage.guild_settings(OTHER_GUILD) == GuildSettings()
        assert await storage.log_channels() == {GUILD: 66}


async def test_a_threads_own_setting_wins_over_its_channels(backend: Backend) -> None:
    async with await backend.open() as storage:
        await storage.set_autoanswer(GUILD, 10, True)
        await storage.set_quiet(GUILD, 20, True)
        await storage.set_ordinary(GUILD, 11, True)  # a thread of 10, set apart
        await storage.set_ordinary(GUILD, 12, True)
        await storage.set_ordinary(GUILD, 12, False)
        await storage.set_autoanswer(GUILD, 21, True)  # a thread of 20, answering
    async with await backend.open() as storage:  # from the database, not the cache
        settings = await storage.guild_settings(GUILD)
    assert settings.ordinary_channels == {11}
    assert [settings.mode(c, 10) for c in (11, 12)] == ["ordinary", "auto"]
    assert [settings.mode(c, 20) for c in (21, 22)] == ["auto", "quiet"]
    assert [settings.mode(c) for c in (10, 20, 30)] == ["auto", "quiet", "ordinary"]


# -- migrations ------------------------------------------------------------------------------


def first_migration(backend: Backend) -> str:
    return (SQLITE_MIGRATIONS if backend.kind == "sqlite" else POSTGRES_MIGRATIONS)[0]


async def test_version_1_database_is_upgraded_in_place(backend: Backend) -> None:
    await backend.build(
        1,
        first_migration(backend),
        f"INSERT INTO guild_settings VALUES ({GUILD}, 25);"
        f"INSERT INTO autoanswer_channels VALUES ({GUILD}, 10);"
        "INSERT INTO questions (asked_at, guild_id, channel_id, user_id, question, group_key,"
        " outcome, fact_ids, confidence)"
        f" VALUES ('{START.isoformat(timespec='microseconds')}', {GUILD}, 10, 1, 'old one',"
        " 'old', 'none', '[]', 0);",
    )

    async with await backend.open(clock=lambda: START) as storage:
        assert await storage.guild_settings(GUILD) == GuildSettings(frozenset({10}), 25)
        [(trigger, delivery)] = await backend.rows("SELECT trigger, delivery FROM questions")
        assert (trigger, delivery) == ("", "sent")  # migration 3's defaults for old rows
        assert [g.example for g in await storage.unanswered(GUILD)] == ["old one"]
        counts = await storage.record_feedback(  # the table migration 2 added
            guild_id=GUILD, message_id=1, fact_id="f", user_id=1, kind="helpful"
        )
        assert counts["helpful"] == 1
        await log(storage, "new one")  # the identity column goes on after the old row
    assert await backend.version() == MIGRATIONS
    assert await backend.rows("SELECT id FROM questions ORDER BY id") == [(1,), (2,)]


async def test_newer_database_is_refused_and_left_untouched(backend: Backend) -> None:
    await backend.build(MIGRATIONS + 1, "CREATE TABLE from_the_future (x INTEGER)")
    tables = await backend.tables()
    before = snapshot(backend.target.parent) if isinstance(backend.target, Path) else None

    with pytest.raises(SchemaError, match=f"version {MIGRATIONS + 1} is newer"):
        await backend.open()
    assert await backend.tables() == tables
    assert await backend.version() == MIGRATIONS + 1
    if isinstance(backend.target, Path):
        # same bytes, and no -wal or -shm file appeared
        assert snapshot(backend.target.parent) == before


async def test_failed_migration_rolls_back_and_keeps_earlier_ones(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "CREATE TABLE half_done (x INTEGER); CREATE TABLE broken (;"
    name = "SQLITE_MIGRATIONS" if backend.kind == "sqlite" else "POSTGRES_MIGRATIONS"
    monkeypatch.setattr(migrations, name, (first_migration(backend), broken))
    with pytest.raises((sqlite3.OperationalError, DatabaseUnavailable), match="syntax error"):
        await backend.open()
    assert await backend.version() == 1
    assert "half_done" not in await backend.tables()

    monkeypatch.undo()
    async with await backend.open():
        pass
    assert await backend.version() == MIGRATIONS


async def test_processes_starting_at_once_migrate_once(backend: Backend) -> None:
    # Each open is a connection of its own, as each process would have: the lock (SQLite's
    # BEGIN IMMEDIATE, PostgreSQL's advisory lock) lets one migrate; the others find it done.
    opened = await asyncio.gather(*(backend.open() for _ in range(4)))
    try:
        await asyncio.gather(*(s.set_cooldown(GUILD, n) for n, s in enumerate(opened)))
    finally:
        for storage in opened:
            await storage.close()
    assert await backend.version() == MIGRATIONS


async def test_processes_opening_a_new_sqlite_file_at_once_all_start(tmp_path: Path) -> None:
    # Switching a new file to WAL needs it to itself, and SQLite says "database is locked"
    # at once (no busy timeout) to the others switching it too: they must try again, not
    # fail to start. Without that retry this test failed in each of three runs.
    for round_ in range(30):
        path = tmp_path / f"new-{round_}.sqlite3"
        opened = await asyncio.gather(*(Storage.open(path) for _ in range(6)))
        for storage in opened:
            await storage.close()


def test_both_backends_have_every_migration() -> None:
    # A migration is written for both: the same version means the same tables and columns
    # (test_both_backends_build_the_same_schema checks that on real databases).
    assert len(SQLITE_MIGRATIONS) == len(POSTGRES_MIGRATIONS)


async def test_both_backends_build_the_same_schema(tmp_path: Path, postgres_url: str) -> None:
    async def columns(storage: Storage, sql: str) -> set[tuple[str, str]]:
        return {tuple(row) for row in await storage._db.fetchall(sql)}

    async with await Storage.open(tmp_path / "bot.sqlite3") as lite:
        in_sqlite = await columns(
            lite,
            "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
            " WHERE m.type = 'table'",
        )
    async with await Storage.open(postgres_url) as pg:
        in_postgres = await columns(
            pg,
            "SELECT table_name::text, column_name::text FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name != 'schema_version'",
        )
    assert in_sqlite == in_postgres


def test_migration_scripts_split_on_statement_boundaries_only() -> None:
    script = """
        CREATE TABLE t (x TEXT DEFAULT ';');  -- a comment; with a semicolon
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;
    """
    statements = _statements(script)
    assert len(statements) == 2
    assert statements[1].strip().endswith("END;")


# -- PostgreSQL: connecting ------------------------------------------------------------------


async def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    url = f"postgresql://bot:s3cret@127.0.0.1:{port}/ballard"
    with pytest.raises(DatabaseUnavailable, match="connection refused") as caught:
        await Storage.open(url)
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("nobody@127.0.0.1:{port}/postgres", 'role "nobody" does not exist'),
        ("ballard@127.0.0.1:{port}/nowhere", 'database "nowhere" does not exist'),
    ],
)
async def test_the_server_refusing_says_why(postgres_server, path: str, reason: str) -> None:
    url = "postgresql://" + path.format(port=postgres_server.port)
    with pytest.raises(DatabaseUnavailable, match=reason):
        await Storage.open(url)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://bot:s3cret@db:5432/ballard", "postgresql://bot:***@db:5432/ballard"),
        ("postgres://bot@db/ballard", "postgres://bot@db/ballard"),
        ("postgresql://:s3cret@db/b", "postgresql://:***@db/b"),
        (
            "postgresql://db/b?user=bot&password=s3cret&sslmode=require",
            "postgresql://db/b?user=bot&password=***&sslmode=require",
        ),
        ("postgresql://bot:p%40ss:w@db/b", "postgresql://bot:***@db/b"),
        ("postgresql:///b?host=/run/postgresql", "postgresql:///b?host=/run/postgresql"),
    ],
)
def test_urls_are_shown_without_their_password(url: str, shown: str) -> None:
    assert redact(url) == shown


# -- durability and concurrency --------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from bot.storage import Storage

    async def main() -> None:
        storage = await Storage.open(sys.argv[1])  # a path, or a postgresql:// URL
        await storage.set_cooldown(1, 42)
        await storage.set_autoanswer(1, 7, True)
        await asyncio.gather(*(
            storage.log_question(
                guild_id=1, channel_id=7, user_id=i, question=f"question {i}",
                group_key=f"key {i % 10}", outcome="none", fact_ids=[], confidence=0.0,
            )
            for i in range(200)
        ))
        await storage.record_feedback(
            guild_id=1, message_id=1, fact_id="f", user_id=1, kind="outdated"
        )
        print("ok", flush=True)
        await asyncio.sleep(60)  # killed here, never closed

    asyncio.run(main())
    """
)


def kill_writer_after_its_writes(target: str) -> int:
    """Run WRITER on `target`, SIGKILL it once it says its writes are done; its return code.

    A plain Popen, reaped only by itself: asyncio's threaded child watcher can lose a killed
    child's status to a race (CPython gh-86276) and report 255 instead of -SIGKILL.
    """
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, target],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            line = process.stdout.readline()  # EOF if the writer fails
            if line != b"ok\n":
                process.wait(timeout=30)
                pytest.fail(process.stderr.read().decode())
            assert process.poll() is None
            process.send_signal(signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    return process.returncode


async def test_writes_survive_sigkill(backend: Backend) -> None:
    returncode = await asyncio.wait_for(
        asyncio.to_thread(kill_writer_after_its_writes, str(backend.target)), timeout=60
    )
    assert returncode == -signal.SIGKILL
    if isinstance(backend.target, Path):
        # the writes are still in the write-ahead log, never checkpointed: recovery finds them
        assert snapshot(backend.target.parent)["bot.sqlite3-wal"]

    async with await backend.open() as storage:
        assert await storage.guild_settings(1) == GuildSettings(frozenset({7}), 42)
        assert (await storage.stats(1)).questions == 200
        assert sum(g.count for g in await storage.unanswered(1, limit=100)) == 200
        assert (await storage.stats(1)).feedback == {"f": {**NO_VOTES, "outdated": 1}}


async def test_2000_concurrent_writes_are_all_stored(backend: Backend) -> None:
    """Every write of a burst is stored, once (how fast: benchmarks/bench_storage.py)."""
    writes = 2000
    async with await backend.open() as storage:
        await asyncio.gather(
            *(log(storage, f"question {i}", key=f"key {i % 7}", user_id=i) for i in range(writes))
        )
        groups = await storage.unanswered(GUILD)
        votes = await asyncio.gather(
            *(
                storage.record_feedback(
                    guild_id=GUILD, message_id=1, fact_id="f", user_id=i % 100, kind="helpful"
                )
                for i in range(300)
            )
        )
        stored = (await storage.stats(GUILD)).feedback
    assert sum(g.count for g in groups) == writes
    assert await backend.rows("SELECT COUNT(DISTINCT user_id) FROM questions") == [(writes,)]
    # one vote a member, however many times each clicked; each click's own tally is what its
    # transaction saw (concurrent ones may not see each other yet on PostgreSQL)
    assert stored == {"f": {**NO_VOTES, "helpful": 100}}
    assert all(1 <= v["helpful"] <= 100 for v in votes)


async def test_ties_sort_byte_by_byte_whatever_the_servers_locale(storage: Storage) -> None:
    # The test PostgreSQL databases use a linguistic locale (en-US: "alpha" before "Zed");
    # both backends order ties as SQLite does, by bytes ("Zed" before "alpha").
    for fact_id in ("alpha", "Zed", "a-b", "ab"):
        await log(storage, f"about {fact_id}", key=fact_id, outcome="answer", facts=(fact_id,))
        await log(storage, f"not {fact_id}", key=fact_id)
    assert [f for f, _ in (await storage.stats(GUILD)).top_facts] == ["Zed", "a-b", "ab", "alpha"]
    assert [g.example for g in await storage.unanswered(GUILD)] == [
        "not Zed",
        "not a-b",
        "not ab",
        "not alpha",
    ]
    figures = await storage.review.chart(GUILD, 1, "t")
    assert [f for f, _ in figures["top_facts"]] == ["Zed", "a-b", "ab", "alpha"]
