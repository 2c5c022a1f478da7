"""Exceptions of the Discord stand-in."""

from __future__ import annotations


class StandinError(Exception):
    """A test asked the stand-in for something impossible (unknown option, no session...)."""


class StandinTimeout(TimeoutError):
    """A wait_for_* ran out of time."""


class BotStopped(RuntimeError):
    """A watched bot task ended (usually with an exception) while a test was waiting."""
