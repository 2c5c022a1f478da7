"""The world every end-to-end test starts from: a Discord stand-in, a server with channels, a
fan and a moderator, and the production bot (``create_bot``) connected to it.

The bot points discord.py at the stand-in itself, from its settings (``point=False``), exactly
as ``ballard-bot run`` does with DISCORD_API_BASE / DISCORD_GATEWAY_URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import shutil
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import discord
import discord.gateway
import discord.http
import pytest
from discord.ext import commands

from bot.client import DATABASE_NAME, create_bot
from bot.knowledge import Fact, KnowledgeBase, load_knowledge
from bot.settings import Settings
from tests.standin import (
    Channel,
    DiscordStandIn,
    Guild,
    InteractionHandle,
    Member,
    StandinTimeout,
    StoredMessage,
    User,
    run_bot,
)

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = ROOT / "knowledge"
MANAGE_SERVER = discord.Permissions(manage_guild=True).value
QUIET = 0.5  # how long "the bot says nothing" is watched for
ANSWER_TIMEOUT = 5.0  # generous upper bound; answers normally arrive in milliseconds


@functools.cache
def shipped() -> KnowledgeBase:
    """The knowledge base the bot ships with (tests copy it): titles come from here, so the
    tests follow edits of its wording."""
    return load_knowledge(KNOWLEDGE_DIR)


def fact(fact_id: str) -> Fact:
    return shipped().fact(fact_id)


def title(fact_id: str) -> str:
    """The title of a fact's answer embed."""
    return fact(fact_id).heading


async def _no_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps 5 s before every IDENTIFY but the first; tests need not wait."""


class World:
    """A server with channels, a fan, a second fan and a moderator (Manage Server)."""

    def __init__(self, standin: DiscordStandIn) -> None:
        self.standin = standin
        self.guild: Guild = standin.add_guild("Ballard Fans")
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.questions: Channel = standin.add_text_channel(self.guild, "ask-ballard")
        self.offtopic: Channel = standin.add_text_channel(self.guild, "off-topic")
        self.fan: Member = standin.add_member(self.guild, "fan")
        self.fan2: Member = standin.add_member(self.guild, "fan2")
        self.mod: Member = standin.add_member(self.guild, "mod", permissions=MANAGE_SERVER)

    @property
    def me(self) -> str:
        return self.standin.bot_user.mention

    async def ask(
        self,
        text: str,
        *,
        channel: Channel | None = None,
        author: Member | User | None = None,
        **kwargs: Any,
    ) -> StoredMessage:
        """A member asks the bot by mentioning it."""
        return await self.standin.send_message(
            channel or self.general, author or self.fan, f"{self.me} {text}", **kwargs
        )

    async def faq(
        self, sub: str, options: dict[str, Any] | None = None, *, member: Member | None = None
    ) -> InteractionHandle:
        """``/faq <sub>`` in #general, by the moderator unless told otherwise."""
        return await self.standin.invoke_slash(
            self.guild, self.general, member or self.mod, ["faq", sub], options or {}
        )

    async def faq_text(
        self, sub: str, options: dict[str, Any] | None = None, *, member: Member | None = None
    ) -> StoredMessage:
        """The (ephemeral) answer to ``/faq <sub>``."""
        handle = await self.faq(sub, options, member=member)
        reply = await handle.wait_message(ANSWER_TIMEOUT)
        assert reply.ephemeral, f"/faq {sub} answered publicly: {reply.content!r}"
        return reply

    async def cooldowns_off(self) -> None:
        """``/faq cooldown seconds:0``, so one member may ask several questions in a row."""
        reply = await self.faq_text("cooldown", {"seconds": 0})
        assert reply.content.startswith("OK: cooldowns are off in this server")


async def assert_silent(
    standin: DiscordStandIn, after: StoredMessage, channel: Channel | None = None
) -> None:
    """Nothing is posted after ``after`` (in its channel, or ``channel``) for QUIET seconds."""
    channel_id = channel.id if channel is not None else after.channel_id
    with pytest.raises(StandinTimeout):
        got = await standin.wait_for_message(channel_id, after=after, timeout=QUIET)
        pytest.fail(f"the bot should have stayed silent but said {got.text!r}")
    since = after.dispatched_at or after.created_at
    posts = [
        r
        for r in standin.requests_matching("POST", f"/channels/{channel_id}/messages")
        if r.received_at >= since
    ]
    assert posts == [], "the bot tried to post"


async def wait_reacted(standin: DiscordStandIn, message: StoredMessage, emoji: str) -> None:
    """The bot reacts to ``message`` with ``emoji`` (a sign it heard: ⏳, 🔕, 👍...)."""
    await standin.wait_until(
        lambda: True if emoji in message.reactions else None,
        timeout=ANSWER_TIMEOUT,
        what=f"{emoji} on {message.content!r}",
    )


def explode_matching(monkeypatch: pytest.MonkeyPatch, bot: Any) -> None:
    """Make the running bot's matcher raise on any message saying "explode" (the others are
    matched as before): a failing handler, for the tests of what a fan sees then."""
    matcher = bot.knowledge.matcher
    real_match = matcher.match

    def exploding(text: str, **kwargs: Any) -> Any:
        if "explode" in text:
            raise RuntimeError("the matcher exploded")
        return real_match(text, **kwargs)

    monkeypatch.setattr(matcher, "match", exploding)


def logged_questions(data_dir: Path, guild_id: int) -> int:
    """Questions in the bot's log for a server, read from its SQLite file as anyone could."""
    path = data_dir / DATABASE_NAME
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
        [(count,)] = db.execute("SELECT COUNT(*) FROM questions WHERE guild_id = ?", (guild_id,))
    return count


async def wait_logged(standin: DiscordStandIn, data_dir: Path, guild_id: int, count: int) -> None:
    """The bot logs a question just after sending its answer: wait until ``count`` are in."""
    await standin.wait_until(
        lambda: True if logged_questions(data_dir, guild_id) >= count else None,
        timeout=ANSWER_TIMEOUT,
        what=f"{count} logged question(s)",
    )


@pytest.fixture(autouse=True)
def _restore_discord_urls() -> Iterator[None]:
    """The bot sets discord.py's REST base and gateway at login (process-wide): put them back."""
    route, ws = discord.http.Route, discord.gateway.DiscordWebSocket
    saved = route.BASE, ws.DEFAULT_GATEWAY
    yield
    route.BASE, ws.DEFAULT_GATEWAY = saved


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


@pytest.fixture
def world(standin: DiscordStandIn) -> World:
    return World(standin)


def bot_environ(
    standin: DiscordStandIn, kb_dir: Path, data_dir: Path, **extra: str
) -> dict[str, str]:
    """The environment ``ballard-bot run`` needs to serve the stand-in's world."""
    return {
        **standin.environ(),
        "KNOWLEDGE_PATH": str(kb_dir),
        "DATA_DIR": str(data_dir),
        "WATCH_KNOWLEDGE": "false",
        **extra,
    }


class BotProcess:
    """``python -m bot run`` in a child process, its stdout and stderr going to a file."""

    def __init__(self, proc: asyncio.subprocess.Process, log: Path) -> None:
        self.proc = proc
        self.log = log

    @classmethod
    async def start(cls, env: dict[str, str], cwd: Path, log: Path) -> BotProcess:
        # A file, not a pipe: nobody has to keep reading for the child to keep writing.
        with log.open("ab") as out:
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=cwd,  # no stray .env
                env=child_environ(env),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )
        return cls(proc, log)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def stop(self, grace: float = 15.0) -> int:
        """SIGTERM, as a service manager stops it: the gateway and the database close cleanly."""
        if self.proc.returncode is None:
            self.proc.terminate()
        try:
            return await asyncio.wait_for(self.proc.wait(), grace)
        except TimeoutError:
            return await self.kill()

    async def kill(self) -> int:
        """SIGKILL: no shutdown code runs at all."""
        if self.proc.returncode is None:
            self.proc.kill()
        return await self.proc.wait()


def child_environ(env: dict[str, str]) -> dict[str, str]:
    """What a child needs from this process's environment, plus ``env``."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "VIRTUAL_ENV")
    base = {k: os.environ[k] for k in keep if k in os.environ}
    return {**base, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **env}


MakeSettings = Callable[..., Settings]


@pytest.fixture
def make_settings(standin: DiscordStandIn, kb_dir: Path, data_dir: Path) -> MakeSettings:
    """Settings exactly as ``Settings.from_env()`` builds them for ``ballard-bot run``."""

    def make(**extra: str) -> Settings:
        env = bot_environ(standin, kb_dir, data_dir, **extra)
        return Settings.from_env(env, env_file=None)

    return make


@contextlib.asynccontextmanager
async def running(standin: DiscordStandIn, settings: Settings) -> AsyncIterator[Any]:
    """The production bot for ``settings``, connected to the stand-in until the block ends."""
    bot = create_bot(settings, guild_ready_timeout=0.05)
    if isinstance(bot, commands.AutoShardedBot):
        bot.before_identify_hook = _no_identify_wait  # type: ignore[method-assign]
    async with run_bot(standin, bot, token=settings.discord_token, point=False):
        yield bot


@pytest.fixture
async def bot(standin: DiscordStandIn, world: World, make_settings: MakeSettings) -> Any:
    """The production bot, ready, in ``world``; the stand-in must end clean."""
    async with running(standin, make_settings()) as started:
        yield started
    standin.assert_clean()
