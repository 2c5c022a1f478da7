"""Observing what the bot did, and waiting for it. Mixed into DiscordStandIn."""

from __future__ import annotations

# The public API takes timeout= arguments on purpose: every wait races the bot's task.
# ruff: noqa: ASYNC109
import asyncio
import re
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any, TypeVar

from ._errors import BotStopped, StandinTimeout
from ._gateway import OP_IDENTIFY, OP_RESUME
from ._models import (
    Channel,
    EventRecord,
    GatewayFrame,
    InteractionCallback,
    InteractionHandle,
    RecordedRequest,
    StoredMessage,
)
from ._rest import Fault

T = TypeVar("T")


class ObserveMixin:
    # state owned by DiscordStandIn
    messages: dict[int, StoredMessage]
    _channel_messages: defaultdict[int, list[StoredMessage]]
    bot_messages: list[StoredMessage]
    requests: list[RecordedRequest]
    unhandled: list[RecordedRequest]
    errors: list[str]
    dispatched: list[EventRecord]
    filtered_events: list[tuple[str, Any]]
    gateway_received: list[GatewayFrame]
    resume_count: int
    _waiters: list[tuple[Callable[[], Any], asyncio.Future[Any]]]
    _reply_waiters: defaultdict[int, list[asyncio.Future[StoredMessage]]]
    _channel_reply_waiters: defaultdict[int, deque[tuple[StoredMessage, asyncio.Future[Any]]]]
    _replies: defaultdict[int, list[StoredMessage]]
    _claimed: set[int]
    _watched: list[asyncio.Task[Any]]

    def messages_in(self, channel: Channel | int) -> list[StoredMessage]:
        """Every message (users' and the bot's, not deleted) in the channel, in order."""
        channel_id = channel if isinstance(channel, int) else channel.id
        return [m for m in self._channel_messages.get(channel_id, []) if not m.deleted]

    def bot_messages_in(self, channel: Channel | int) -> list[StoredMessage]:
        return [m for m in self.messages_in(channel) if m.from_bot]

    def replies_to(self, message: StoredMessage | int) -> list[StoredMessage]:
        """Bot messages whose message_reference points at ``message``."""
        message_id = message if isinstance(message, int) else message.id
        return list(self._replies.get(message_id, []))

    def requests_matching(
        self, method: str | None = None, pattern: str | re.Pattern[str] = "*"
    ) -> list[RecordedRequest]:
        """Recorded REST requests; ``pattern`` as in :meth:`rate_limit_next`."""
        probe = Fault(pattern=pattern, method=method, status=0, count=1)
        return [r for r in self.requests if r.method != "WS" and probe.matches(r.method, r.path)]

    def gateway_ops(self) -> list[int]:
        """Opcodes the bot sent on the gateway, in order (2 identify, 6 resume...)."""
        return [f.op for f in self.gateway_received]

    def assert_clean(self) -> None:
        """Fail if any request hit no route or any handler of the stand-in crashed."""
        problems = [f"unhandled {r.method} {r.path} {r.json!r}" for r in self.unhandled]
        problems += [f"stand-in error: {e}" for e in self.errors]
        if problems:
            raise AssertionError("Discord stand-in saw problems:\n" + "\n".join(problems))

    # -- waiting --------------------------------------------------------------------------
    def watch(self, task: asyncio.Task[Any]) -> None:
        """Tie every wait to ``task`` (the bot's start task): if it ends while a test
        waits, the wait raises BotStopped with its exception instead of timing out."""
        self._watched.append(task)

    def _check_watched(self) -> None:
        for task in self._watched:
            if task.done():
                exc = None if task.cancelled() else task.exception()
                raise BotStopped(f"the bot task {task.get_name()} ended: {exc!r}") from exc

    async def _await(self, fut: asyncio.Future[T], timeout: float, what: str) -> T:
        self._check_watched()
        watched = [t for t in self._watched if not t.done()]
        try:
            done, _ = await asyncio.wait(
                [fut, *watched], timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        except BaseException:
            fut.cancel()
            raise
        if fut in done:
            return fut.result()
        fut.cancel()
        self._check_watched()
        raise StandinTimeout(f"timed out after {timeout}s waiting for {what}{self._hint()}")

    def _hint(self) -> str:
        notes = []
        if self.unhandled:
            notes.append(f"unhandled requests: {[f'{r.method} {r.path}' for r in self.unhandled]}")
        if self.errors:
            notes.append(f"stand-in errors: {self.errors[-3:]}")
        failed = [r for r in self.requests if r.status is not None and r.status >= 400]
        if failed:
            notes.append(
                "failed requests: "
                + ", ".join(f"{r.method} {r.path} -> {r.status} {r.response}" for r in failed[-5:])
            )
        if self.filtered_events:
            notes.append(f"{len(self.filtered_events)} event(s) filtered out by intents")
        return ("; " + "; ".join(notes)) if notes else ""

    def _notify(self) -> None:
        if not self._waiters:
            return
        still: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        for check, fut in self._waiters:
            if fut.done():
                continue
            try:
                value = check()
            except Exception as exc:
                fut.set_exception(exc)
                continue
            if value is not None:
                fut.set_result(value)
            else:
                still.append((check, fut))
        self._waiters = still

    async def wait_until(
        self,
        check: Callable[[], T | None],
        *,
        timeout: float = 5.0,
        what: str = "condition",
        poll: float | None = 0.02,
    ) -> T:
        """Wait until ``check()`` returns something other than None. It is re-checked
        whenever a request, message, interaction response or gateway frame arrives, and
        every ``poll`` seconds (for conditions on the bot's own state)."""
        value = check()
        if value is not None:
            return value
        fut: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiters.append((check, fut))
        poller = asyncio.create_task(_poll(check, fut, poll)) if poll else None
        try:
            return await self._await(fut, timeout, what)
        finally:
            if poller is not None:
                poller.cancel()

    async def wait_for_message(
        self,
        channel: Channel | int | None = None,
        *,
        predicate: Callable[[StoredMessage], bool] | None = None,
        timeout: float = 5.0,
        after: float | StoredMessage | None = None,
    ) -> StoredMessage:
        """The first bot message (in arrival order, already there or still to come) in
        ``channel`` matching ``predicate``; ``after`` (perf_counter time or a message)
        ignores earlier ones."""
        channel_id = channel.id if isinstance(channel, Channel) else channel
        since = _since(after)
        start = 0

        def check() -> StoredMessage | None:
            nonlocal start
            msgs = self.bot_messages
            for i in range(start, len(msgs)):
                m = msgs[i]
                if channel_id is not None and m.channel_id != channel_id:
                    continue
                if since is not None and m.received_at < since:
                    continue
                if predicate is None or predicate(m):
                    return m
            start = len(msgs)
            return None

        return await self.wait_until(check, timeout=timeout, what=f"a bot message in {channel_id}")

    async def wait_for_messages(
        self,
        count: int,
        channel: Channel | int | None = None,
        *,
        predicate: Callable[[StoredMessage], bool] | None = None,
        timeout: float = 10.0,
        after: float | StoredMessage | None = None,
    ) -> list[StoredMessage]:
        """Wait until ``count`` matching bot messages exist; returns the first ``count``."""
        channel_id = channel.id if isinstance(channel, Channel) else channel
        since = _since(after)
        found: list[StoredMessage] = []
        start = 0

        def check() -> list[StoredMessage] | None:
            nonlocal start
            msgs = self.bot_messages
            for i in range(start, len(msgs)):
                m = msgs[i]
                if channel_id is not None and m.channel_id != channel_id:
                    continue
                if since is not None and m.received_at < since:
                    continue
                if predicate is None or predicate(m):
                    found.append(m)
            start = len(msgs)
            return found[:count] if len(found) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"{count} bot messages")

    async def wait_for_reply(
        self, message: StoredMessage, *, timeout: float = 5.0
    ) -> StoredMessage:
        """The bot's answer to a user message: the first bot message whose
        message_reference points at it; failing that, the first bot message in the same
        channel, arrived after it was dispatched, that references nothing and that no
        other wait_for_reply has taken. Cheap enough for thousands of concurrent waits."""
        replies = self._replies.get(message.id)
        if replies:
            return replies[0]
        in_channel = self._channel_messages.get(message.channel_id, [])
        for i in range(max(message._index + 1, 0), len(in_channel)):
            m = in_channel[i]
            if self._is_unclaimed_answer(m, message):
                self._claimed.add(m.id)
                return m
        fut: asyncio.Future[StoredMessage] = asyncio.get_running_loop().create_future()
        self._reply_waiters[message.id].append(fut)
        self._channel_reply_waiters[message.channel_id].append((message, fut))
        return await self._await(fut, timeout, f"a reply to message {message.id}")

    def _is_unclaimed_answer(self, m: StoredMessage, to: StoredMessage) -> bool:
        return (
            m.from_bot
            and m.reference_id is None
            and m.interaction_id is None
            and m.id not in self._claimed
            and m.received_at >= (to.dispatched_at or to.created_at)
        )

    def _route_reply(self, msg: StoredMessage) -> None:
        ref = msg.reference_id
        if ref is not None:
            self._replies[ref].append(msg)
            for fut in self._reply_waiters.pop(ref, []):
                if not fut.done():
                    fut.set_result(msg)
            return
        if msg.interaction_id is not None:
            return
        waiters = self._channel_reply_waiters.get(msg.channel_id)
        while waiters:
            asked, fut = waiters.popleft()
            if fut.done():
                continue
            if msg.received_at < (asked.dispatched_at or asked.created_at):
                waiters.appendleft((asked, fut))
                return
            self._claimed.add(msg.id)
            fut.set_result(msg)
            return

    async def wait_for_interaction_response(
        self, interaction: InteractionHandle, timeout: float = 5.0
    ) -> InteractionCallback:
        return await interaction.wait_response(timeout)

    async def wait_for_request(
        self,
        method: str | None,
        pattern: str | re.Pattern[str],
        *,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 5.0,
        count: int = 1,
    ) -> RecordedRequest:
        """Wait until ``count`` matching requests were received; return the last of them."""

        def check() -> RecordedRequest | None:
            found = [
                r
                for r in self.requests_matching(method, pattern)
                if r.status is not None and (predicate is None or predicate(r))
            ]
            return found[count - 1] if len(found) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"{method} {pattern}")

    async def wait_for_gateway_op(
        self, op: int, *, count: int = 1, timeout: float = 5.0
    ) -> GatewayFrame:
        """Wait until the bot sent opcode ``op`` ``count`` times; return the last frame."""

        def check() -> GatewayFrame | None:
            frames = [f for f in self.gateway_received if f.op == op]
            return frames[count - 1] if len(frames) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"gateway op {op} x{count}")

    async def wait_for_identify(self, *, count: int = 1, timeout: float = 5.0) -> GatewayFrame:
        return await self.wait_for_gateway_op(OP_IDENTIFY, count=count, timeout=timeout)

    async def wait_for_resume(self, *, count: int = 1, timeout: float = 5.0) -> GatewayFrame:
        """Wait until ``count`` RESUMEs were accepted (events replayed, RESUMED sent)."""
        await self.wait_until(
            lambda: True if self.resume_count >= count else None,
            timeout=timeout,
            what=f"{count} accepted RESUME(s)",
        )
        return [f for f in self.gateway_received if f.op == OP_RESUME][-1]


async def _poll(check: Callable[[], Any], fut: asyncio.Future[Any], interval: float) -> None:
    while not fut.done():
        await asyncio.sleep(interval)
        if fut.done():
            return
        try:
            value = check()
        except Exception as exc:
            fut.set_exception(exc)
            return
        if value is not None:
            fut.set_result(value)
            return


def _since(after: float | StoredMessage | None) -> float | None:
    if after is None:
        return None
    if isinstance(after, StoredMessage):
        return after.dispatched_at or after.created_at
    return after
