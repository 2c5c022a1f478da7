"""tools/batch_pick.py keeps a fact's examples of an admin batch only when the development
sets take them well."""

from __future__ import annotations

import pytest

from tests.conftest import load_tool


def test_a_facts_examples_are_kept_only_for_a_gain(monkeypatch: pytest.MonkeyPatch) -> None:
    batch_pick = load_tool("batch_pick")
    steering = load_tool("steering")
    good, worse, same = "the good example", "the worse example", "the same example"

    def development(matcher):  # (right, false or wrong), as the examples in the base make it
        said = {q for f in matcher.kb.facts for q in f.questions}
        return 100 + (good in said) + (worse in said), 10 + (worse in said)

    monkeypatch.setattr(batch_pick, "development", development)
    base = steering.with_examples({})
    batch = {"cast": [good], "premise": [worse], "reviews": [same], "lead-actor": []}
    assert batch_pick.pick(base, batch, batch_pick.REPO / "knowledge") == {"cast": [good]}
