"""bot.exts._delivery.retried: the retry schedule of replies and background writes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.exts import _delivery
from bot.exts._delivery import retried


class Flaky:
    """Fails ``failures`` times with ``error``, then returns "done"; counts the calls."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures = failures
        self.error = error
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "done"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between tries, recorded instead of slept."""
    seen: list[float] = []

    async def sleep(seconds: float, result: Any = None) -> Any:
        seen.append(seconds)
        return result

    monkeypatch.setattr(_delivery.asyncio, "sleep", sleep)
    return seen


async def test_the_first_success_ends_it(waits: list[float]) -> None:
    attempt = Flaky(0, OSError())
    assert await retried(attempt, attempts=5) == "done"
    assert attempt.calls == 1 and waits == []


async def test_transient_errors_are_tried_again_with_doubling_waits(waits: list[float]) -> None:
    attempt = Flaky(4, OSError("reset"))
    assert await retried(attempt, attempts=5) == "done"
    assert attempt.calls == 5 and waits == [0.5, 1.0, 2.0, 4.0]


async def test_the_last_error_is_raised_after_the_last_attempt(waits: list[float]) -> None:
    attempt = Flaky(10, OSError("still down"))
    with pytest.raises(OSError, match="still down"):
        await retried(attempt, attempts=7)
    assert attempt.calls == 7 and waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


async def test_an_error_that_is_not_transient_is_raised_at_once(waits: list[float]) -> None:
    attempt = Flaky(1, ValueError("bad request"))
    with pytest.raises(ValueError):
        await retried(attempt, attempts=5, transient=lambda e: isinstance(e, OSError))
    assert attempt.calls == 1 and waits == []


async def test_no_try_starts_after_the_deadline(
    waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    loop = asyncio.get_running_loop()
    now = [loop.time()]
    monkeypatch.setattr(loop, "time", lambda: now[0])

    async def slow() -> str:
        now[0] += 20  # each try takes 20 s
        raise TimeoutError

    with pytest.raises(TimeoutError):
        await retried(slow, attempts=5, deadline=30)
    assert waits == [0.5]  # tried at 0 and 20.5 s; at 40.5 s the deadline had passed
