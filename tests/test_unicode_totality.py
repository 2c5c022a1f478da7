"""Text can never crash anything: the matcher, the loader and the command line are total over
Unicode, including every character that ``str.isnumeric()`` accepts but ``int()`` refuses."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import cli
from bot.knowledge import KnowledgeBaseError, load_knowledge
from bot.matching import Matcher
from tests.conftest import WriteKb

# Every numeric character (1,800-odd): superscripts, circled and dingbat digits, fractions,
# Roman numerals, CJK numerals... Each goes through the places that read numbers: after
# "season", "s", "#", alone, and glued to letters.
NUMERIC = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isnumeric()]
TEMPLATES = ("season {}", "s{}", "s {}", "szn {}", "#{}", "{}", "{} season", "is ballard {}?")

any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


def test_there_are_numeric_characters_int_refuses() -> None:
    refused = [c for c in NUMERIC if not c.isdecimal()]
    assert "❸" in refused and "²" in refused and len(refused) > 1_000


def test_every_numeric_character_is_matched_without_raising(matcher: Matcher) -> None:
    for template in TEMPLATES:
        # one message per template holding them all would hide which one failed: batch by 64
        for start in range(0, len(NUMERIC), 64):
            for ch in NUMERIC[start : start + 64]:
                result = matcher.match(template.format(ch))
                assert result.outcome in ("answer", "suggest", "none"), (template, ch)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(["season", "s", "szn", "2nd", "#", "", "when is season"]),
    numeric=st.sampled_from(NUMERIC),
    rest=any_text,
)
def test_numbers_of_any_script_after_season_words_never_raise(
    matcher: Matcher, prefix: str, numeric: str, rest: str
) -> None:
    result = matcher.match(f"{prefix} {numeric}{rest}")
    assert 0.0 <= result.confidence <= 1.0


def test_ask_json_goes_on_past_a_numeric_character(kb_dir_shipped: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    lines = "season ❸\nwho plays ballard\ns² when\n"
    code = cli.main(
        ["--knowledge", str(kb_dir_shipped), "ask", "--json", "-"],
        stdin=io.StringIO(lines),
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [a["question"] for a in answers] == ["season ❸", "who plays ballard", "s² when"]
    assert answers[1]["id"] == "lead-actor"


@pytest.fixture
def kb_dir_shipped() -> Path:
    from tests.conftest import KNOWLEDGE_DIR

    return KNOWLEDGE_DIR


FIELDS_WITH_TEXT = ("id", "answer", "question", "keyword", "title")


def _knowledge_with(field: str, text: str) -> str:
    values = {"id": "a-fact", "answer": "An answer.", "question": "a question", "title": "T"}
    if field != "keyword":
        values[field] = text
    keyword = json.dumps(text) if field == "keyword" else '"word"'
    # JSON strings are valid YAML scalars: any text, quoted safely
    return (
        "facts:\n"
        f"  - id: {json.dumps(values['id'])}\n"
        f"    title: {json.dumps(values['title'])}\n"
        f"    answer: {json.dumps(values['answer'])}\n"
        "    status: official\n"
        "    as_of: 2025-10-06\n"
        "    sources: [article]\n"
        f"    questions: [{json.dumps(values['question'])}]\n"
        f"    keywords: [{keyword}]\n"
    )


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS_WITH_TEXT), text=any_text | st.sampled_from(NUMERIC))
def test_the_validator_reports_or_loads_any_text_in_any_field(
    write_kb: WriteKb, field: str, text: str
) -> None:
    root = write_kb({"facts.yaml": _knowledge_with(field, text)})
    try:
        kb = load_knowledge(root)
    except KnowledgeBaseError as exc:
        assert exc.problems and all(p.file and p.line for p in exc.problems)
    else:
        Matcher(kb).match(text)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_validator_reports_any_bytes_as_a_problem(write_kb: WriteKb, raw: bytes) -> None:
    root = write_kb({})
    (root / "facts.yaml").write_bytes(raw)
    try:
        load_knowledge(root)
    except KnowledgeBaseError as exc:
        assert exc.problems
