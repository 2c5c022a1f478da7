"""Running it: `ballard-bot run` as an operator starts it, with good and bad tokens."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import signal
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    KNOWLEDGE_DIR,
    BotProcess,
    World,
    bot_environ,
    child_environ,
    logged_questions,
)
from tests.standin import DiscordStandIn

PROCESS_TIMEOUT = 20  # an upper bound: it exits in about a second
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A made-up token shaped like a real one (id.timestamp.hmac), joined at run time so that no
# token-shaped string is committed for secret scanners to flag.
SECRET = ".".join(["MTQ0NzI1ODM2OTEyMzQ1Njc4OQ", "GabcDE", "s3cr3t-t0ken-n0t-f0r-l0gs_0123456789"])


def ballard_bot() -> list[str]:
    """The console script installed beside this Python (``python -m bot`` otherwise)."""
    script = Path(sys.executable).with_name("ballard-bot")
    if script.exists():
        return [str(script)]
    found = shutil.which("ballard-bot")
    return [found] if found else [sys.executable, "-m", "bot"]


async def run_cli(env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *ballard_bot(),
        "run",
        cwd=cwd,
        env=child_environ(env),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), PROCESS_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return proc.returncode, out.decode(), ANSI.sub("", err.decode())


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


async def test_run_without_a_token_exits_2_with_one_line(tmp_path: Path):
    env = {"KNOWLEDGE_PATH": str(KNOWLEDGE_DIR), "DATA_DIR": str(tmp_path / "data")}
    code, out, err = await run_cli(env, tmp_path)
    assert code == 2
    assert out == ""
    [line] = lines(err)
    assert line.startswith("error: DISCORD_TOKEN is not set")
    assert "Traceback" not in err


async def test_a_rejected_token_exits_2_without_leaking_it(
    standin: DiscordStandIn, kb_dir: Path, data_dir: Path, tmp_path: Path
):
    env = bot_environ(standin, kb_dir, data_dir, DISCORD_TOKEN=standin.rejected_token)
    code, out, err = await run_cli(env, tmp_path)
    assert code == 2
    assert "Traceback" not in out + err
    assert standin.rejected_token not in out + err
    error_lines = [line for line in lines(err) if "error" in line.lower()]
    assert error_lines == [
        "error: Discord rejected the token in DISCORD_TOKEN; check it in the developer "
        "portal (Bot -> Reset Token)."
    ]
    assert lines(err)[-1] == error_lines[0]
    assert [r.status for r in standin.requests] == [401]
    standin.assert_clean()


async def test_a_rejected_token_prints_exactly_one_line(
    standin: DiscordStandIn, kb_dir: Path, data_dir: Path, tmp_path: Path
):
    env = bot_environ(standin, kb_dir, data_dir, DISCORD_TOKEN=standin.rejected_token)
    code, out, err = await run_cli(env, tmp_path)
    assert code == 2
    assert lines(out + err) == [
        "error: Discord rejected the token in DISCORD_TOKEN; check it in the developer "
        "portal (Bot -> Reset Token)."
    ]


async def test_the_token_never_appears_in_debug_logs(kb_dir: Path, data_dir: Path, tmp_path: Path):
    async with DiscordStandIn(token=SECRET) as standin:
        world = World(standin)
        env = bot_environ(standin, kb_dir, data_dir, LOG_LEVEL="DEBUG")
        assert env["DISCORD_TOKEN"] == SECRET
        process = await BotProcess.start(env, tmp_path, tmp_path / "bot.log")
        try:
            await standin.wait_for_identify(timeout=15)
            asked = await world.ask("who plays ballard?")
            assert (await standin.wait_for_reply(asked, timeout=10)).embeds
            handle = await standin.invoke_slash(
                world.guild, world.general, world.fan2, "ask", {"question": "where to watch"}
            )
            assert (await handle.wait_message(10)).embeds
            await standin.drop_gateway(resume=True)  # RESUME sends the token again
            await standin.wait_for_resume(timeout=10)
            again = await world.ask("where can i watch it?", author=world.mod)
            assert (await standin.wait_for_reply(again, timeout=10)).embeds
        finally:
            await process.kill()
        # the client really did use it (the stand-in accepts this token only), on REST and
        # on the gateway
        assert (standin.requests[0].path, standin.requests[0].status) == ("/users/@me", 200)
        assert any(f.op == 2 and f.d.get("token") == SECRET for f in standin.gateway_received)
        standin.assert_clean()
    log = ANSI.sub("", process.output())
    assert " DEBUG " in log and "has sent the IDENTIFY payload" in log  # DEBUG was on
    assert SECRET not in log
    assert SECRET.split(".")[-1] not in log  # not even its last part
    assert "Traceback" not in log


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_for_output(process: BotProcess, needle: str, count: int = 1) -> None:
    for _ in range(400):  # 20 s
        if process.output().count(needle) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{needle!r} x{count} not in the output:\n{process.output()}")


async def test_sigterm_closes_the_gateway_and_the_database_cleanly(
    standin: DiscordStandIn, kb_dir: Path, data_dir: Path, tmp_path: Path
):
    world = World(standin)
    env = bot_environ(standin, kb_dir, data_dir)
    process = await BotProcess.start(env, tmp_path, tmp_path / "bot.log")
    try:
        await standin.wait_for_identify(timeout=15)
        asked = await world.ask("who plays ballard?")
        assert (await standin.wait_for_reply(asked, timeout=10)).embeds
        process.proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.proc.wait(), PROCESS_TIMEOUT)
    finally:
        await process.kill()
    output = ANSI.sub("", process.output())
    assert code == 0, output
    assert "SIGTERM: closing the gateway and the database" in output
    assert "Traceback" not in output
    # the bot hung up its gateway connection itself (the stand-in keeps open ones here)
    await standin.wait_until(lambda: True if not standin._connections else None, timeout=5)
    # the question was logged, and SQLite's write-ahead log was folded back on close
    assert logged_questions(data_dir, world.guild.id) == 1
    assert not (data_dir / "ballard.sqlite3-wal").exists()


def _newer_schema(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")


def _corrupt(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, it only has its name " * 100)


def _data_dir_is_a_file(path: Path) -> None:
    path.parent.write_text("DATA_DIR should be a folder")


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (_newer_schema, "database schema version 99 is newer than this bot knows"),
        (_corrupt, "restore a backup or move it away"),
        (_data_dir_is_a_file, "cannot create or open the database"),
    ],
    ids=["newer schema", "corrupt", "data dir is a file"],
)
async def test_storage_problems_at_start_up_are_one_line_and_exit_2(
    standin: DiscordStandIn, kb_dir: Path, tmp_path: Path, break_it, expected: str
):
    data_dir = tmp_path / "data"
    path = data_dir / "ballard.sqlite3"
    break_it(path)
    env = bot_environ(standin, kb_dir, data_dir)
    code, out, err = await run_cli(env, tmp_path)
    assert code == 2, err
    [line] = lines(out + err)
    assert line.startswith("error: ") and expected in line and str(path) in line, line
    assert standin.requests == []  # it stopped before connecting


async def test_discord_unreachable_at_start_up_is_retried_until_it_answers(
    kb_dir: Path, data_dir: Path, tmp_path: Path
):
    port = free_port()  # nothing listens there yet
    env = {
        "DISCORD_TOKEN": "any-token",
        "DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10",
        "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/ws",
        "KNOWLEDGE_PATH": str(kb_dir),
        "DATA_DIR": str(data_dir),
        "WATCH_KNOWLEDGE": "false",
    }
    process = await BotProcess.start(env, tmp_path, tmp_path / "bot.log")
    try:
        await wait_for_output(process, "cannot reach Discord", count=2)
        assert process.proc.returncode is None  # still trying, not exited
        async with DiscordStandIn(token=None, port=port) as standin:
            world = World(standin)
            await standin.wait_for_identify(timeout=20)
            asked = await world.ask("who plays ballard?")
            assert (await standin.wait_for_reply(asked, timeout=10)).embeds
    finally:
        await process.kill()
    output = ANSI.sub("", process.output())
    assert "Traceback" not in output
    tries = [line for line in output.splitlines() if "cannot reach Discord" in line]
    assert all(f"127.0.0.1:{port}" in line and "trying again in" in line for line in tries)
