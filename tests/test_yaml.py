"""The line-recording YAML loader: what yaml.safe_load builds, plus lines and duplicate keys."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import _yaml
from bot._example_lines import ExampleLines, question_lines


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2.5, true, null, ~, '', 0x1F, .inf, 2025-10-06, 2025-10-06 10:00:00]\n",
        "a: &x {b: [1, 2]}\nc: *x\nd: [*x, *x]\n",  # aliases
        "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  z: 3\n",  # merge key
        "b1: &b1 {x: 1}\nb2: &b2 {y: 1}\no: {<<: [*b1, *b2], z: 1}\n",
        # a key written beside "<<" overrides the merged one; of two merged, the first wins
        "b: &b {x: 1, y: 2}\no:\n  <<: *b\n  x: 3\n",
        "b1: &b1 {x: 1, y: 1}\nb2: &b2 {x: 2, z: 2}\no: {x: 3, <<: [*b1, *b2]}\n",
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


def test_a_key_written_beside_a_merge_overrides_it_and_keeps_its_own_line() -> None:
    """`- <<: *base` then `id: merge-test-2` was "found duplicate key 'id'" (told the admin
    as "a second 'id' in one entry"), though YAML reads it: the key written wins."""
    text = textwrap.dedent(
        """\
        facts:
          - &base
            id: merge-test
            status: official
            questions: [one]
          - <<: *base
            id: merge-test-2
            questions: [two]
        """
    )
    assert _yaml.load(text) == yaml.safe_load(text)
    base, other = _yaml.load(text)["facts"]
    assert other == {"id": "merge-test-2", "status": "official", "questions": ["two"]}
    assert other.key_lines == {"id": 7, "status": 4, "questions": 8}
    assert other.source("id") == "merge-test-2"
    assert other["questions"].item_lines == [8]
    assert base.key_lines == {"id": 3, "status": 4, "questions": 5}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mapping merged is what it reads as (b2's x is 2), as in PyYAML 5
        ("b1: &b1 {x: 1}\nb2: &b2 {<<: *b1, x: 2}\no: {<<: *b2, y: 3}\n", {"x": 2, "y": 3}),
        # of two mappings merged, the first listed wins, whatever the key's length
        ("b1: &b1 {x: 1}\nb2: &b2 {x: 2, z: 2}\no: {<<: [*b1, *b2]}\n", {"x": 1, "z": 2}),
        ("b1: &b1 {xylo: 1}\nb2: &b2 {xylo: 2}\no: {<<: [*b1, *b2]}\n", {"xylo": 1}),
        ("o: {<<: [{a: 1, <<: {a: 2, b: 2}}, {b: 3, c: 3}], c: 4}\n", {"a": 1, "b": 2, "c": 4}),
    ],
)
def test_merge_keys_follow_yamls_rules(text: str, expected: dict) -> None:
    """(PyYAML 6 keeps the pair whose key's string object it met first: "x" is one object
    wherever written, "xylo" is not, so `<<: [*b1, *b2]` took b1's x but b2's xylo.)"""
    assert _yaml.load(text)["o"] == expected


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
        ("b: &b {x: 1}\no:\n  <<: *b\n  x: 2\n  x: 3\n", 5, "found duplicate key 'x'"),
        ("b: &b {x: 1}\no:\n  x: 2\n  <<: *b\n  x: 3\n", 5, "found duplicate key 'x'"),
        ("a: !!python/object/apply:os.system ['true']\n", 1, "could not determine a constructor"),
        ("a: !!python/name:os.system\n", 1, "could not determine a constructor"),
        ("x: &a {y: *a}\n", 1, "found unconstructable recursive node"),
        ("a: !!map abc\n", 1, "expected a mapping node, but found scalar"),
        ("a: !!seq abc\n", 1, "expected a sequence node, but found scalar"),
        ("o: {<<: 5}\n", 1, "expected a mapping or list of mappings for merging"),
        ("o: {<<: [{a: 1}, 5]}\n", 1, "expected a mapping for merging, but found scalar"),
        ("x: &a {<<: *a}\n", 1, "found unconstructable recursive node"),
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


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # a comment glued to a text: the text stops before it
        (
            "a: ok\nanswer: Ballard was #1 on Prime\n",
            2,
            "'#1' starts a comment here, so the text ends before it ('Ballard was'): if the # "
            "belongs to the text, put the whole text in quotes (a comment is '# ' and words)",
        ),
        ("q:\n  - is it the #1 show\n", 2, "'#1' starts a comment here"),
        # an anchor before a text that no alias uses: the text is what follows it
        (
            "title: &more stars\n",
            1,
            "'&more' at the start of a text is read as a YAML anchor, not as text, so the "
            "text is only what follows it ('stars'): put the whole text in quotes",
        ),
    ],
)
def test_text_yaml_reads_as_something_else_is_an_error(text: str, line: int, message: str) -> None:
    """YAML reads these without an error of its own, as something the admin did not write
    (found trying edits as an admin on 7 December 2026: validate said OK, and the answer,
    the title or the two examples were not what the file showed)."""
    assert yaml.safe_load(text) is not None  # (YAML itself finds nothing wrong)
    with pytest.raises(_yaml.MisreadError) as info:
        _yaml.load(text)
    assert info.value.problem_mark is not None
    assert info.value.problem_mark.line + 1 == line
    assert message in str(info.value.problem)


@pytest.mark.parametrize(
    "text",
    [
        "answer: >-\n  Ballard was #1 on Prime, &more\n  - and a dash\n",  # a block of text
        "answer: 'Ballard was #1' \nb: \"x #2\"\n",  # quoted
        "q:\n  - who plays ballard  # taught by a mod\n",  # a comment with its space
        "sources: [a, b] #main\n",  # a comment after a list, not a text
        "as_of: &d 2025-10-06\nreview: *d\n",  # an anchor an alias uses
        "a: &x {b: 1}\nc: &y\n  - 1\n",  # anchors of a mapping and of a list
        "answer: Ballard stars\n  Maggie Q and others\n",  # a text over two lines
        "questions:\n  - who plays her\n   - who else is in it\n",  # (see folded_items)
        "facts:\n  - id: x\n    questions:\n      - a\n      - b\n",
        "- questions: who\n- b\n",
        "a: AT&T and B&Q # c\n",
    ],
)
def test_text_that_reads_as_written_is_no_error(text: str) -> None:
    assert _yaml.load(text) == yaml.safe_load(text)


def test_a_list_item_indented_under_the_one_before_is_found() -> None:
    """YAML reads "- a" then "   - b", indented more, as the one item "a - b"; folded_items
    finds it (the loader reports it: tests/test_knowledge.py). An item with " - " written
    on one line, or quoted over two, is what it says."""
    items = _yaml.load(
        textwrap.dedent(
            """\
            - who plays her
               - who else is in it
            - season 2 - when
            - "two
              - lines"
            - last
            """
        )
    )
    assert items == ["who plays her - who else is in it", "season 2 - when", "two - lines", "last"]
    assert _yaml.folded_items(items) == [0]


def test_question_lines_are_each_questions_own_line() -> None:
    """bot._example_lines reads where each example question of a fact or known unknown is
    written, by the line its entry starts at, from the text alone: quoted, folded over two
    lines or in a flow list, as the loader reads the question."""
    text = textwrap.dedent(
        """\
        facts:
          - id: a-fact
            answer: An answer.
            questions:
              - who plays her
              - 'is it on "prime"?'
              - when does it
                come out
        unknowns:
          - id: an-unknown
            questions: [how many episodes, is there a trailer]
            keywords: [trailer,
                       teaser]
        sources: {}
        """
    )
    assert question_lines(text) == {
        2: {
            ("questions", "who plays her"): 5,
            ("questions", 'is it on "prime"?'): 6,
            ("questions", "when does it come out"): 7,
        },
        10: {
            ("questions", "how many episodes"): 11,
            ("questions", "is there a trailer"): 11,
            ("keywords", "trailer"): 12,
            ("keywords", "teaser"): 13,
        },
    }
    lines = ExampleLines({"f.yaml": text.encode()})
    assert lines.line("f.yaml", 2, "when does it come out") == 7
    # (added under `examples:`, or a file not read: the caller names the entry's own line)
    assert lines.line("f.yaml", 2, "not written there") is None
    assert lines.line("other.yaml", 2, "who plays her") is None
    # ...and each keyword's (a warning about a keyword had named its entry's first line)
    assert lines.line("f.yaml", 10, "teaser", "keywords") == 13
    assert lines.line("f.yaml", 10, "teaser") is None  # (no example question)
