"""Per-user and per-channel cooldowns, so nobody can make the bot flood a channel (pure)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

# However a server sets its per-user cooldown, one channel gets at most this many answers in
# this many seconds: a crowd asking at once cannot push the bot into Discord's rate limits
# (5 messages per 5 s per channel). A cooldown of 0 switches both limits off.
CHANNEL_BURST = 5
CHANNEL_WINDOW = 5.0
MAX_TRACKED = 50_000  # forget the oldest entries beyond this, so memory stays bounded


@dataclass
class Cooldowns:
    """Decides whether the bot may answer now, and remembers that it did."""

    clock: Callable[[], float] = time.monotonic
    _users: dict[tuple[int, int], float] = field(default_factory=dict)  # (channel, user) -> last
    _channels: dict[int, list[float]] = field(default_factory=dict)  # channel -> recent answers

    def try_acquire(self, channel_id: int, user_id: int, user_cooldown: float) -> bool:
        """True (and recorded) if this user may get an answer in this channel now."""
        if user_cooldown <= 0:
            return True
        now = self.clock()
        last = self._users.get((channel_id, user_id))
        if last is not None and now - last < user_cooldown:
            return False
        recent = [t for t in self._channels.get(channel_id, ()) if now - t < CHANNEL_WINDOW]
        if len(recent) >= CHANNEL_BURST:
            self._channels[channel_id] = recent
            return False
        recent.append(now)
        self._channels[channel_id] = recent
        self._users[(channel_id, user_id)] = now
        self._forget_old(now, user_cooldown)
        return True

    def _forget_old(self, now: float, user_cooldown: float) -> None:
        if len(self._users) > MAX_TRACKED:
            self._users = {k: t for k, t in self._users.items() if now - t < user_cooldown}
        if len(self._channels) > MAX_TRACKED:
            self._channels = {
                k: v for k, v in self._channels.items() if v and now - v[-1] < CHANNEL_WINDOW
            }
