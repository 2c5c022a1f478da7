"""A database shared by several bot processes (DATABASE_URL): two shard processes against one
PostgreSQL and the stand-in, a setting made through one in force in the other after a
reshard, and both processes' questions and feedback in `/faq stats`; a server's settings read
afresh when it becomes available on a process's gateway."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import asyncpg
import pytest

from bot.storage import Storage
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    MANAGE_SERVER,
    BotProcess,
    MakeSettings,
    World,
    bot_environ,
    running,
    title,
)
from tests.e2e.test_running import lines, run_cli
from tests.pgserver import PostgresServer
from tests.standin import Channel, DiscordStandIn, Guild, Member, StandinTimeout, StoredMessage

LEAD_ACTOR = title("lead-actor")
START_TIMEOUT = 30.0  # two bot processes starting at once on a busy machine


async def logged(url: str, guild_id: int) -> int:
    """Questions logged for a server, read from PostgreSQL as anyone could."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval("SELECT COUNT(*) FROM questions WHERE guild_id = $1", guild_id)
    finally:
        await conn.close()


async def wait_logged(url: str, guild_id: int, count: int) -> None:
    """The bot logs a question just after sending its answer: wait until ``count`` are in."""
    deadline = time.monotonic() + ANSWER_TIMEOUT
    while (found := await logged(url, guild_id)) < count:
        assert time.monotonic() < deadline, f"{found} of {count} questions logged"
        await asyncio.sleep(0.05)


class Server:
    """One Discord server of the test: a channel to ask in, one for auto-answer, a moderator."""

    def __init__(self, standin: DiscordStandIn, n: int, fan: Member | None) -> None:
        self.standin = standin
        self.guild: Guild = standin.add_guild(f"Ballard Fans {n}", shard=(n, 2))
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.questions: Channel = standin.add_text_channel(self.guild, "ask-ballard")
        self.fan = standin.add_member(self.guild, fan.user if fan else "fan")
        self.mod = standin.add_member(self.guild, f"mod-{n}", permissions=MANAGE_SERVER)

    async def faq(self, sub: str, options: dict | None = None) -> StoredMessage:
        handle = await self.standin.invoke_slash(
            self.guild, self.general, self.mod, ["faq", sub], options or {}
        )
        return await handle.wait_message(ANSWER_TIMEOUT * 2)

    async def ask(
        self, text: str, channel: Channel | None = None, mention: bool = True
    ) -> StoredMessage:
        me = f"{self.standin.bot_user.mention} " if mention else ""
        asked = await self.standin.send_message(channel or self.general, self.fan, me + text)
        return await self.standin.wait_for_reply(asked, timeout=ANSWER_TIMEOUT * 2)


async def test_a_setting_made_through_one_process_is_in_force_in_another_after_a_reshard(
    kb_dir: Path, tmp_path: Path, postgres_url: str
) -> None:
    async with DiscordStandIn(shard_count=2) as standin:
        first = Server(standin, 0, None)  # shard 0 of 2
        second = Server(standin, 1, first.fan)  # shard 1 of 2

        def process(shard_ids: str, data: str) -> dict[str, str]:
            return bot_environ(
                standin,
                kb_dir,
                tmp_path / data,  # each process its own DATA_DIR, as on its own machine
                SHARD_COUNT="2",
                SHARD_IDS=shard_ids,
                DATABASE_URL=postgres_url,
            )

        # Before: process A holds shard 0 (the first server), process B shard 1.
        a = await BotProcess.start(process("0", "a"), tmp_path, tmp_path / "a.log")
        b = await BotProcess.start(process("1", "b"), tmp_path, tmp_path / "b.log")
        try:
            await standin.wait_for_identify(count=2, timeout=START_TIMEOUT)
            on = await first.faq("autoanswer", {"channel": first.questions, "enabled": True})
            assert on.content.startswith("OK: I will now answer"), on.content
            off = await first.faq("cooldown", {"seconds": 0})
            assert off.content.startswith("OK: cooldowns are off in this server"), off.content

            answer = await first.ask("who plays ballard?")  # answered and logged by A
            assert answer.embeds[0]["title"] == LEAD_ACTOR
            vote = await standin.click_button(answer, "ballard:fb:helpful:lead-actor", first.fan)
            assert (await vote.wait_message(ANSWER_TIMEOUT)).content.startswith("Thanks")

            other = await second.ask("who plays ballard?")  # answered and logged by B
            vote = await standin.click_button(other, "ballard:fb:wrong:lead-actor", second.fan)
            assert (await vote.wait_message(ANSWER_TIMEOUT)).content.startswith("Thanks")
            await second.ask("where can i watch it?")
            await wait_logged(postgres_url, first.guild.id, 1)
            await wait_logged(postgres_url, second.guild.id, 2)
        finally:
            assert await a.stop() == 0, a.output()
            assert await b.stop() == 0, b.output()

        # Reshard: the shard ids swap. The first server is now held by the process on B's
        # machine (B's DATA_DIR), which never held it: its settings, questions and feedback
        # can only come from the shared database.
        a2 = await BotProcess.start(process("1", "a"), tmp_path, tmp_path / "a2.log")
        b2 = await BotProcess.start(process("0", "b"), tmp_path, tmp_path / "b2.log")
        try:
            await standin.wait_for_identify(count=4, timeout=START_TIMEOUT)
            # auto-answer, set through A, in force in B: a question without a mention
            unasked = await first.ask("who plays ballard?", first.questions, mention=False)
            assert unasked.embeds[0]["title"] == LEAD_ACTOR
            settings = await first.faq("settings")
            assert f"<#{first.questions.id}>" in settings.content
            assert "no limit per member" in settings.content, settings.content
            await wait_logged(postgres_url, first.guild.id, 2)

            # the question log and feedback both processes wrote, in /faq stats of each server
            stats = await first.faq("stats")
            assert stats.content.splitlines()[0].startswith(
                "**Last 30 days**: 2 questions, 2 answered (100%)"
            ), stats.content
            assert "• lead-actor: helpful 1" in stats.content.splitlines()
            stats = await second.faq("stats")
            assert stats.content.splitlines()[0].startswith(
                "**Last 30 days**: 2 questions, 2 answered (100%)"
            ), stats.content
            assert "• lead-actor: wrong 1" in stats.content.splitlines()
            # the second server has no auto-answer: a question without a mention gets nothing
            # (checked last: it waits)
            quiet = await standin.send_message(second.questions, second.fan, "who plays ballard?")
            with pytest.raises(StandinTimeout):
                await standin.wait_for_reply(quiet, timeout=0.5)
        finally:
            assert await a2.stop() == 0, a2.output()
            assert await b2.stop() == 0, b2.output()
        for bot in (a, b, a2, b2):
            assert "Traceback" not in bot.output(), bot.output()
        assert "(PostgreSQL)" in a.output()
        standin.assert_clean()


async def test_a_server_that_becomes_available_again_is_read_fresh(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, data_dir: Path
) -> None:
    # A change made through another process (here a second Storage on the same database)
    # while this one had the server's settings cached: the cache would keep the old value for
    # SETTINGS_TTL; the server becoming available again on the gateway drops it at once.
    async with running(standin, make_settings()) as bot:
        assert (await bot.storage.guild_settings(world.guild.id)).autoanswer_channels == set()
        async with await Storage.open(data_dir / "ballard.sqlite3") as elsewhere:
            await elsewhere.set_autoanswer(world.guild.id, world.questions.id, True)
        unasked = await standin.send_message(world.questions, world.fan, "who plays ballard?")
        with pytest.raises(StandinTimeout):
            await standin.wait_for_reply(unasked, timeout=0.5)  # cached: not auto-answered

        await standin.drop_gateway(resume=False)  # a new session: GUILD_CREATE again
        await standin.wait_for_identify(count=2, timeout=10)
        await standin.wait_until(  # on_guild_available ran
            lambda: True if world.guild.id not in bot.storage._settings else None,
            timeout=ANSWER_TIMEOUT,
            what="the server's settings forgotten",
        )
        asked = await standin.send_message(world.questions, world.fan, "who plays ballard?")
        reply = await standin.wait_for_reply(asked, timeout=ANSWER_TIMEOUT)
        assert reply.embeds[0]["title"] == LEAD_ACTOR
    standin.assert_clean()


def _closed_port() -> int:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("ballard:s3cret@127.0.0.1:{closed}/ballard", "connection refused"),
        ("intruder:s3cret@127.0.0.1:{port}/postgres", 'role "intruder" does not exist'),
        ("ballard:s3cret@127.0.0.1:{port}/nowhere", 'database "nowhere" does not exist'),
        ("ballard:s3cret@127.0.0.1:{port}/{newer}", "schema version 99 is newer than this bot"),
    ],
    ids=["unreachable", "bad credentials", "no such database", "newer schema"],
)
async def test_database_problems_at_start_up_are_one_line_without_the_password(
    standin: DiscordStandIn,
    kb_dir: Path,
    tmp_path: Path,
    postgres_server: PostgresServer,
    postgres_url: str,
    where: str,
    expected: str,
) -> None:
    newer = postgres_url.rsplit("/", 1)[1]
    postgres_server.psql(
        "CREATE TABLE schema_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE, version INTEGER);"
        " INSERT INTO schema_version (version) VALUES (99)",
        newer,
    )
    url = "postgresql://" + where.format(
        closed=_closed_port(), port=postgres_server.port, newer=newer
    )
    env = bot_environ(standin, kb_dir, tmp_path / "data", DATABASE_URL=url)
    code, out, err = await run_cli(env, tmp_path)
    assert code == 2, err
    [line] = lines(out + err)
    shown = url.replace(":s3cret@", ":***@")
    assert line.startswith(f"error: cannot use the database {shown}: ") or line.startswith(
        f"error: the database {shown} cannot be used: "
    ), line
    assert expected in line and "s3cret" not in line, line
    assert standin.requests == []  # it stopped before connecting to Discord
