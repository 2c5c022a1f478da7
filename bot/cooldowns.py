"""Rate limits that never ignore a person (pure: asyncio and the clock, no Discord).

Bursts are normal (a fan asks two or three things in a row); floods are not.

* :class:`MemberLimits`: each member of a server (or a DM) may ask ``MEMBER_BURST`` questions
  back to back, then one more every ``cooldown`` seconds (a token bucket). A member past it is
  *held*, never silently dropped: the caller shows a sign (a reaction, at most one short
  notice per :data:`NOTICE_WINDOW`) and logs the question.
* :class:`ChannelPacer`: a channel gets at most ``CHANNEL_BURST`` messages per
  ``CHANNEL_WINDOW`` seconds, Discord's own limit, whatever the member cooldown is (0
  included). Replies past it wait their turn, up to ``MAX_QUEUE_WAIT`` seconds, instead of
  being dropped; only a queue longer than that is held back.
* :class:`OncePer`: "at most once per key per window", for notices and apologies.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field

MEMBER_BURST = 3  # questions a member may ask back to back before the cooldown counts
CHANNEL_BURST = 5  # Discord lets a bot post 5 messages per 5 s in one channel
CHANNEL_WINDOW = 5.0
MAX_QUEUE_WAIT = 30.0  # a reply later than this is no longer an answer to a conversation
NOTICE_WINDOW = 60.0  # one written "you're asking quickly" per member and channel per minute
MAX_TRACKED = 50_000  # beyond this many keys, forget the settled ones: memory stays bounded

Clock = Callable[[], float]


@dataclass
class MemberLimits:
    """Token buckets per (scope, member); scope is the server, or the DM channel."""

    clock: Clock = time.monotonic
    burst: int = MEMBER_BURST
    _buckets: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)

    def try_acquire(self, scope: int, member: int, cooldown: float) -> bool:
        """True (and a question counted) if this member may get an answer now."""
        if cooldown <= 0:
            return True
        now = self.clock()
        tokens = self._tokens((scope, member), now, cooldown)
        if tokens < 1.0:
            return False
        self._buckets.pop((scope, member), None)  # re-inserted last: the dict is oldest first
        self._buckets[(scope, member)] = (tokens - 1.0, now)
        if len(self._buckets) > MAX_TRACKED:
            self._forget(now, cooldown)
        return True

    def retry_after(self, scope: int, member: int, cooldown: float) -> float:
        """Seconds until this member may ask again (0 if now)."""
        if cooldown <= 0:
            return 0.0
        tokens = self._tokens((scope, member), self.clock(), cooldown)
        return max(0.0, (1.0 - tokens) * cooldown)

    def _tokens(self, key: tuple[int, int], now: float, cooldown: float) -> float:
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - last) / cooldown)

    def _forget(self, now: float, cooldown: float) -> None:
        # A full bucket is the same as no bucket: dropping it changes no decision. If that is
        # not enough (a crowd of new members within one cooldown), the least recently active
        # half goes: they get a fresh burst, which is the lesser harm than unbounded memory.
        kept = {
            key: (tokens, last)
            for key, (tokens, last) in self._buckets.items()
            if tokens + (now - last) / cooldown < self.burst
        }
        if len(kept) > MAX_TRACKED // 2:
            kept = dict(list(kept.items())[-(MAX_TRACKED // 2) :])
        self._buckets = kept


@dataclass
class ChannelPacer:
    """Spaces a channel's messages to Discord's limit; callers wait for their slot."""

    clock: Clock = time.monotonic
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep
    burst: int = CHANNEL_BURST
    window: float = CHANNEL_WINDOW
    max_wait: float = MAX_QUEUE_WAIT
    _slots: dict[int, deque[float]] = field(default_factory=dict)

    def reserve(self, channel_id: int) -> float | None:
        """Book the channel's next free slot: seconds to wait for it, or None (not booked)
        when it is more than ``max_wait`` away."""
        now = self.clock()
        slots = self._slots.get(channel_id)
        if slots is None:
            if len(self._slots) >= MAX_TRACKED:
                self._forget_idle(now)
            slots = self._slots[channel_id] = deque(maxlen=self.burst)
        # The last `burst` slots are kept in order: a new one may come `window` after the
        # oldest of them, so that no window ever holds more than `burst`.
        at = now if len(slots) < self.burst else max(now, slots[0] + self.window)
        if at - now > self.max_wait:
            return None
        slots.append(at)
        return at - now

    def try_now(self, channel_id: int) -> bool:
        """Book a slot only if one is free right now (for messages that may be skipped)."""
        slots = self._slots.get(channel_id)
        if slots is not None and len(slots) == self.burst and self.clock() < slots[0] + self.window:
            return False
        return self.reserve(channel_id) == 0.0

    async def wait(self, channel_id: int) -> bool:
        """Wait for this channel's next slot; False when the queue is too long to join."""
        delay = self.reserve(channel_id)
        if delay is None:
            return False
        if delay > 0:
            await self.sleep(delay)
        return True

    def _forget_idle(self, now: float) -> None:
        self._slots = {c: s for c, s in self._slots.items() if s and now - s[-1] < self.window}


@dataclass
class OncePer:
    """True the first time a key is seen in each ``window`` seconds."""

    window: float
    clock: Clock = time.monotonic
    _seen: dict[Hashable, float] = field(default_factory=dict)

    def first(self, key: Hashable) -> bool:
        now = self.clock()
        last = self._seen.get(key)
        if last is not None and now - last < self.window:
            return False
        self._seen[key] = now
        if len(self._seen) > MAX_TRACKED:
            self._seen = {k: t for k, t in self._seen.items() if now - t < self.window}
        return True

    def forget(self, key: Hashable) -> None:
        """Take back a ``first``: what it allowed did not happen (a notice the channel had
        no room for), so the next time is the first again."""
        self._seen.pop(key, None)
