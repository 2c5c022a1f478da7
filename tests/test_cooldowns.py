"""Rate limits: bursts pass, floods are held (never dropped unseen), channels are paced."""

from __future__ import annotations

import asyncio

import pytest

from bot.cooldowns import (
    CHANNEL_BURST,
    CHANNEL_WINDOW,
    MAX_QUEUE_WAIT,
    MEMBER_BURST,
    ChannelPacer,
    MemberLimits,
    OncePer,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_questions_passes_then_one_per_cooldown() -> None:
    clock = Clock()
    limits = MemberLimits(clock=clock)
    assert [limits.try_acquire(1, 7, 10) for _ in range(MEMBER_BURST)] == [True] * MEMBER_BURST
    assert not limits.try_acquire(1, 7, 10)  # the fourth in a row is held
    assert limits.retry_after(1, 7, 10) == pytest.approx(10)
    clock.now += 4
    assert not limits.try_acquire(1, 7, 10)
    assert limits.retry_after(1, 7, 10) == pytest.approx(6)
    clock.now += 6
    assert limits.try_acquire(1, 7, 10)
    assert not limits.try_acquire(1, 7, 10)


def test_members_and_servers_have_their_own_buckets() -> None:
    limits = MemberLimits(clock=Clock())
    for _ in range(MEMBER_BURST):
        limits.try_acquire(1, 7, 10)
    assert not limits.try_acquire(1, 7, 10)
    assert limits.try_acquire(1, 8, 10)  # another member
    assert limits.try_acquire(2, 7, 10)  # the same member in another server


def test_cooldown_zero_lifts_the_member_limit() -> None:
    limits = MemberLimits(clock=Clock())
    assert all(limits.try_acquire(1, 7, 0) for _ in range(100))
    assert limits.retry_after(1, 7, 0) == 0


def test_a_quiet_member_gets_the_whole_burst_back() -> None:
    clock = Clock()
    limits = MemberLimits(clock=clock)
    for _ in range(MEMBER_BURST):
        limits.try_acquire(1, 7, 10)
    clock.now += 1000
    assert [limits.try_acquire(1, 7, 10) for _ in range(MEMBER_BURST + 1)] == [True] * (
        MEMBER_BURST
    ) + [False]


def test_memory_stays_bounded_and_forgetting_changes_no_decision(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot import cooldowns

    monkeypatch.setattr(cooldowns, "MAX_TRACKED", 100)
    clock = Clock()
    limits = MemberLimits(clock=clock)
    for member in range(1, 500):  # members asking once each, a minute apart
        limits.try_acquire(1, member, 10)
        if member % 50 == 0:  # member 0 floods now and then...
            for _ in range(MEMBER_BURST):
                limits.try_acquire(1, 0, 10)
            clock.now += 1
            for other in range(member + 1, member + 40):  # ...while 40 others ask once...
                limits.try_acquire(2, other, 10)
            assert not limits.try_acquire(1, 0, 10)  # ...and stays held: that bucket was kept
        assert len(limits._buckets) <= 101
        clock.now += 60
    # a crowd within one cooldown: the oldest half is forgotten, memory stays bounded
    for member in range(1000, 1500):
        limits.try_acquire(1, member, 10)
        assert len(limits._buckets) <= 101


def test_a_channel_gets_its_burst_at_once_and_the_rest_is_queued() -> None:
    clock = Clock()
    pacer = ChannelPacer(clock=clock)
    delays = [pacer.reserve(5) for _ in range(CHANNEL_BURST + 3)]
    assert delays[:CHANNEL_BURST] == [0.0] * CHANNEL_BURST
    assert delays[CHANNEL_BURST:] == [CHANNEL_WINDOW] * 3  # the next window, not dropped
    assert pacer.reserve(6) == 0.0  # other channels are not held up


def test_no_window_ever_holds_more_than_the_burst() -> None:
    clock = Clock()
    pacer = ChannelPacer(clock=clock)
    sent = []
    for step in range(60):
        clock.now += 0.3 if step % 3 else 0.0
        delay = pacer.reserve(5)
        if delay is not None:
            sent.append(clock.now + delay)
    sent.sort()
    for i, start in enumerate(sent):
        in_window = [t for t in sent[i:] if t < start + CHANNEL_WINDOW]
        assert len(in_window) <= CHANNEL_BURST


def test_a_queue_longer_than_the_wait_limit_is_refused_not_booked() -> None:
    clock = Clock()
    pacer = ChannelPacer(clock=clock)
    delays = []
    while (delay := pacer.reserve(5)) is not None:
        delays.append(delay)
    assert max(delays) <= MAX_QUEUE_WAIT
    assert len(delays) == CHANNEL_BURST * (1 + int(MAX_QUEUE_WAIT // CHANNEL_WINDOW))
    clock.now += CHANNEL_WINDOW  # time passes: room again
    assert pacer.reserve(5) is not None


def test_try_now_books_only_a_free_slot() -> None:
    clock = Clock()
    pacer = ChannelPacer(clock=clock)
    assert all(pacer.try_now(5) for _ in range(CHANNEL_BURST))
    assert not pacer.try_now(5)
    # try_now booked nothing when refused: the next window still has all its slots
    assert [pacer.reserve(5) for _ in range(CHANNEL_BURST)] == [CHANNEL_WINDOW] * CHANNEL_BURST
    clock.now += CHANNEL_WINDOW
    assert not pacer.try_now(5)  # the queued replies have those slots


async def test_wait_sleeps_for_the_slot() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    pacer = ChannelPacer(clock=Clock(), sleep=sleep)
    results = await asyncio.gather(*(pacer.wait(5) for _ in range(CHANNEL_BURST + 1)))
    assert results == [True] * (CHANNEL_BURST + 1)
    assert slept == [CHANNEL_WINDOW]


def test_once_per_window() -> None:
    clock = Clock()
    once = OncePer(60, clock=clock)
    assert once.first("a") and not once.first("a") and once.first("b")
    clock.now += 59
    assert not once.first("a")
    clock.now += 1
    assert once.first("a")


def test_a_first_taken_back_is_first_again() -> None:
    once = OncePer(60, clock=Clock())
    assert once.first("a")
    once.forget("a")  # (what it allowed did not happen)
    assert once.first("a") and not once.first("a")
    once.forget("never seen")
