"""The line-recording YAML loader: what yaml.safe_load builds, plus lines and duplicate keys."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import _yaml


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2.5, true, null, ~, '', 0x1F, .inf, 2025-10-06, 2025-10-06 10:00:00]\n",
        "a: &x {b: [1, 2]}\nc: *x\nd: [*x, *x]\n",  # aliases
        "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  z: 3\n",  # merge key
        "b1: &b1 {x: 1}\nb2: &b2 {y: 1}\no: {<<: [*b1, *b2], z: 1}\n",
        "a: !!set {x, y}\nb: !!omap [x: 1, y: {z: [1, 2]}]\nc: !!pairs [x: 1, x: 2]\n",
        "a: !!binary aGVsbG8=\nb: !!str 12\nc: !!int '12'\nd: !!float 1\ne: !!map {x: 1}\n",
        "%TAG !y! tag:yaml.org,2002:\n---\na: !y!int '7'\n",
        "? [1, 2]\n: x\n",  # a list as a key is unhashable: an error either way
        "- a\n- [b, {c: d}]\n",
        "plain text\n",
        "",
    ],
)
def test_builds_what_safe_load_builds(text: str) -> None:
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        with pytest.raises(type(exc)):
            _yaml.load(text)
    else:
        assert _yaml.load(text) == expected


def test_lists_and_mappings_know_their_lines() -> None:
    text = textwrap.dedent(
        """\
        defaults: &d
          status: official
        facts:
          - id: one
            questions:
              - first
              - second
          - <<: *d
            id: two
        """
    )
    doc = _yaml.load(text)
    assert isinstance(doc, _yaml.LineDict) and doc.line == 1
    assert doc.key_lines == {"defaults": 1, "facts": 3}
    facts = doc["facts"]
    assert isinstance(facts, _yaml.LineList) and facts.item_lines == [4, 8]
    assert facts[0].key_lines == {"id": 4, "questions": 5}
    assert facts[0]["questions"].item_lines == [6, 7]
    assert facts[1] == {"status": "official", "id": "two"}
    assert facts[1].key_lines == {"status": 2, "id": 9}  # a merged key keeps its own line


def test_maps_and_lists_inside_other_safe_tags_know_their_lines() -> None:
    doc = _yaml.load("pairs: !!omap\n  - a: [x]\n  - b: {c: 1}\n")
    (_, a), (_, b) = doc["pairs"]
    assert isinstance(a, _yaml.LineList) and a.item_lines == [2]
    assert isinstance(b, _yaml.LineDict) and b.key_lines == {"c": 3}


def test_an_impossible_date_is_kept_as_text() -> None:
    assert _yaml.load("a: 2025-13-01\nb: 2025-10-06\n") == {
        "a": "2025-13-01",
        "b": dt.date(2025, 10, 6),
    }


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}( [0-9]{1,2}:[0-9]{2}:[0-9]{2})?", fullmatch=True)
)
def test_a_date_is_what_safe_load_makes_of_it(value: str) -> None:
    """Or its text where safe_load finds no such date."""
    text = f"a: {value}\nb: !!timestamp '{value}'\n"
    try:
        expected = yaml.safe_load(text)
    except ValueError:
        expected = {"a": value, "b": value}
    found = _yaml.load(text)
    assert found == expected
    assert [type(v) for v in found.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, "found duplicate key 'c'"),
        ("b: &b {x: 1}\no:\n  <<: *b\n  x: 2\n", 4, "found duplicate key 'x'"),
        ("a: !!python/object/apply:os.system ['true']\n", 1, "could not determine a constructor"),
        ("a: !!python/name:os.system\n", 1, "could not determine a constructor"),
        ("x: &a {y: *a}\n", 1, "found unconstructable recursive node"),
        ("a: !!map abc\n", 1, "expected a mapping node, but found scalar"),
        ("a: !!seq abc\n", 1, "expected a sequence node, but found scalar"),
        ("o: {<<: 5}\n", 1, "expected a mapping or list of mappings for merging"),
    ],
)
def test_errors_say_where(text: str, line: int, message: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        _yaml.load(text)
    assert info.value.problem_mark is not None
    assert info.value.problem_mark.line + 1 == line
    assert message in str(info.value.problem)


def test_the_document_may_contain_itself_as_in_safe_load() -> None:
    doc = _yaml.load("&a {x: 1, me: *a}\n")
    assert doc["me"] is doc
