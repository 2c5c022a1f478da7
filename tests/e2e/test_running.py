"""Running it: `ballard-bot run` as an operator starts it, with good and bad tokens."""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

from tests.e2e.conftest import KNOWLEDGE_DIR, BotProcess, World, bot_environ, child_environ
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
