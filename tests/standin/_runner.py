"""Wiring discord.py to the stand-in and running a bot against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

from ._errors import BotStopped, StandinTimeout

if TYPE_CHECKING:
    import discord

    from .server import DiscordStandIn


@contextlib.contextmanager
def point_discord_py_at(standin: DiscordStandIn) -> Iterator[None]:
    """Set discord.py's REST base and default gateway to the stand-in; restore after."""
    import discord.gateway
    import discord.http
    import yarl

    route = discord.http.Route
    ws_cls = discord.gateway.DiscordWebSocket
    old_base, old_gateway = route.BASE, ws_cls.DEFAULT_GATEWAY
    route.BASE = standin.api_base
    ws_cls.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    try:
        yield
    finally:
        route.BASE = old_base
        ws_cls.DEFAULT_GATEWAY = old_gateway


class BotRun:
    """A bot started by :func:`run_bot`."""

    def __init__(self, bot: discord.Client, task: asyncio.Task[None]) -> None:
        self.bot = bot
        self.task = task

    def check(self) -> None:
        """Raise if the bot's start task has ended."""
        if self.task.done():
            exc = None if self.task.cancelled() else self.task.exception()
            raise BotStopped(f"bot.start() ended: {exc!r}") from exc


@contextlib.asynccontextmanager
async def run_bot(
    standin: DiscordStandIn,
    bot: discord.Client,
    *,
    token: str | None = None,
    ready_timeout: float = 15.0,
    point: bool = True,
    wait_ready: bool = True,
) -> AsyncIterator[BotRun]:
    """Start ``bot.start(token)`` against the stand-in, wait for on_ready (failing at once,
    with the bot's own exception, if start() dies), yield, then close the bot.

    ``point=False`` leaves discord.py's URLs alone (for a bot that sets them itself from
    DISCORD_API_BASE / DISCORD_GATEWAY_URL)."""
    ctx = point_discord_py_at(standin) if point else contextlib.nullcontext()
    with ctx:
        task = asyncio.create_task(bot.start(token or standin.token), name="bot.start")
        standin.watch(task)
        run = BotRun(bot, task)
        try:
            if wait_ready:
                ready = asyncio.create_task(bot.wait_until_ready())
                done, _ = await asyncio.wait(
                    {task, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
                )
                if task in done:
                    ready.cancel()
                    run.check()
                if ready not in done:
                    ready.cancel()
                    raise StandinTimeout(f"bot not ready after {ready_timeout}s{standin._hint()}")
            yield run
        finally:
            await bot.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait({task}, timeout=5.0)
            if not task.done():
                task.cancel()
            if task in standin._watched:
                standin._watched.remove(task)
            # A task that failed was already reported by the waits; retrieve to silence.
            if task.done() and not task.cancelled():
                task.exception()
