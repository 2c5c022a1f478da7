"""The garbage-collector settings used while building a knowledge base."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from bot import evaluation
from bot._gc import paused_gc
from bot.knowledge import KnowledgeBase
from bot.matching import Matcher


def test_paused_gc_pauses_and_leaves_what_was_built_in_the_oldest_generation() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        built = [[i] for i in range(50_000)]  # far past the youngest generation's threshold
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # moved on, not frozen for good
    # what was built is not left young for the next allocation to walk
    newest = built[-1]
    assert any(obj is newest for obj in gc.get_objects(generation=2))


def test_paused_gc_restores_a_disabled_collector() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_leave_one_out_frees_each_rebuild_as_it_goes(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """paused_gc leaves every build unwalked in the oldest generation, where the collector's
    own rule never looks, so leave-one-out (a rebuild per example) collects as it goes: no
    more rebuilt matchers stay alive than it makes between two collections."""
    kb = replace(kb, facts=kb.facts[:3])
    monkeypatch.setattr(evaluation, "COLLECT_EVERY", 3)
    gc.collect()
    before = _matchers()
    result = evaluation.leave_one_out(kb)
    assert result.total > 3 * 3
    assert _matchers() - before < 3


def _matchers() -> int:
    return sum(isinstance(obj, Matcher) for obj in gc.get_objects())
