"""The garbage-collector settings used while building a knowledge base."""

from __future__ import annotations

import gc

from bot._gc import paused_gc


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
