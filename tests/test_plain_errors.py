"""Admins read validation errors in plain words: no library jargon, YAML's yes/no/on/off
named, sorted by file and line, with paths inside the knowledge folder."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge import KnowledgeBaseError, Problem, load_knowledge
from tests.conftest import KNOWLEDGE_DIR, WriteKb, fact_yaml

JARGON = ("Expected `", "RFC3339", "regex", "Invalid enum", "got `", "$[")


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(path)
    return info.value.problems


def edited(old: str, new: str) -> str:
    text = fact_yaml()
    assert old in text
    return text.replace(old, new)


# (what is written, the line it is on, where, the message): one per kind of message
CASES = {
    "bad date": (
        edited("as_of: 2025-10-06", "as_of: 2025-13-01"),
        5,
        "field 'as_of'",
        "'2025-13-01' is not a date: use a date written YYYY-MM-DD, like 2025-10-06",
    ),
    "date in words": (
        edited("as_of: 2025-10-06", "as_of: last tuesday"),
        5,
        "field 'as_of'",
        "'last tuesday' is not a date: use a date written YYYY-MM-DD, like 2025-10-06",
    ),
    "year alone": (
        edited("as_of: 2025-10-06", "as_of: 2025"),
        5,
        "field 'as_of'",
        "`2025` is not a date: use a date written YYYY-MM-DD, like 2025-10-06",
    ),
    "date and time": (
        edited("as_of: 2025-10-06", "as_of: 2025-10-06 10:00:00"),
        5,
        "field 'as_of'",
        "use a date written YYYY-MM-DD, like 2025-10-06, without a time",
    ),
    "id not lowercase-with-hyphens": (
        edited("id: a-fact", "id: Season2_Release"),
        2,
        "field 'id'",
        "'Season2_Release' is not an id: ids are lowercase words joined by hyphens, like "
        "season2-release-date",
    ),
    "id too long": (
        edited("id: a-fact", "id: " + "-".join(["word"] * 14)),
        2,
        "field 'id'",
        "must be at most 64 characters (this one has 69)",
    ),
    "id: no": (
        edited("id: a-fact", "id: no"),
        2,
        "field 'id'",
        "`no` is read as false: put it in quotes ('no')",
    ),
    "id: yes": (
        edited("id: a-fact", "id: yes"),
        2,
        "field 'id'",
        "`yes` is read as true: put it in quotes ('yes')",
    ),
    "question: on": (
        edited("- a question", "- On"),
        8,
        "field 'questions[0]'",
        "`On` is read as true: put it in quotes ('On')",
    ),
    "keyword: off": (
        edited("questions:", "keywords: [off]\n    questions:"),
        7,
        "field 'keywords[0]'",
        "`off` is read as false: put it in quotes ('off')",
    ),
    "a number for text": (
        edited("- a question", "- 24"),
        8,
        "field 'questions[0]'",
        "`24` is read as a number: put it in quotes ('24') to use it as text",
    ),
    "nothing written": (
        edited("id: a-fact", "id:"),
        2,
        "field 'id'",
        "has no value: write one",
    ),
    "empty text": (
        edited("answer: An answer.", "answer: ''"),
        3,
        "field 'answer'",
        "must not be empty",
    ),
    "text with a colon": (
        edited("- a question", "- who is: ballard"),
        8,
        "field 'questions[0]'",
        "must be text, not a mapping (text with `: ` in it needs quotes)",
    ),
    "a list for text": (
        edited("answer: An answer.", "answer: [one, two]"),
        3,
        "field 'answer'",
        "must be text, not a list",
    ),
    "text for a list": (
        edited("sources: [article]", "sources: article"),
        6,
        "field 'sources'",
        "must be a list: [first, second], or one `- item` per line",
    ),
    "empty list": (
        edited("sources: [article]", "sources: []"),
        6,
        "field 'sources'",
        "needs at least one item",
    ),
    "a choice not offered": (
        edited("status: official", "status: rumoured"),
        4,
        "field 'status'",
        "'rumoured' is not one of: official, reported, hinted",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_kind_of_message_is_in_plain_words(write_kb: WriteKb, kind: str) -> None:
    text, line, where, message = CASES[kind]
    [problem] = problems_of(write_kb({"f.yaml": text}))
    assert (problem.file, problem.line, problem.message) == ("f.yaml", line, message)
    assert problem.where.endswith(where)
    assert not any(word in str(problem) for word in JARGON)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("settings: {review_after_days: 0}\n", "must be at least 1"),
        ("settings: {review_after_days: 99999}\n", "must be at most 36,500"),
        ("settings: {review_after_days: soon}\n", "must be a whole number, not `soon`"),
        # a list or a mapping where one value belongs is named so, not in Python's notation
        # ("`[datetime.date(2025, 10, 6)]` is not a date", "\"{'a': 1}\" is not an id")
        ("settings: {review_after_days: [180]}\n", "must be a whole number, not a list"),
        ("sources:\n  s:\n    title: T\n    date: [2025-10-06]\n", "must be one date, not a list"),
        ("sources:\n  s:\n    title: T\n    date: {on: 2025-10-06}\n", "must be one date, not a"),
        ("removed: [{a-fact: gone}]\n", "must be an id, not a mapping: ids are lowercase"),
        ("vocabulary: {synonyms: [a, b]}\n", "must be a mapping (`key: value` lines)"),
        ("vocabulary:\n  synonyms:\n    yes: [yeah]\n", "`yes` is read as true: put it in quotes"),
        ("removed: [no]\n", "`no` is read as false: put it in quotes ('no')"),
        ("examples:\n  a-fact: [yes]\n", "`yes` is read as true: put it in quotes ('yes')"),
        ("examples:\n  off: [a b c]\n", "`off` is read as false: put it in quotes ('off')"),
    ],
)
def test_settings_vocabulary_and_lists_too(write_kb: WriteKb, text: str, message: str) -> None:
    [problem] = problems_of(write_kb({"f.yaml": fact_yaml(), "x.yaml": text}))
    assert problem.file == "x.yaml" and problem.message.startswith(message)
    assert not any(word in str(problem) for word in JARGON)


def test_a_quoted_no_is_text(write_kb: WriteKb) -> None:
    kb = load_knowledge(write_kb({"f.yaml": edited("- a question", "- 'no'\n      - 'on'")}))
    assert kb.fact("a-fact").questions == ["no", "on"]


def test_every_bad_item_of_a_list_is_reported_with_its_line(write_kb: WriteKb) -> None:
    text = edited("- a question", "- yes\n      - a question\n      - no\n      - 7")
    problems = problems_of(write_kb({"f.yaml": text}))
    assert [(p.line, p.where.split()[-1]) for p in problems] == [
        (8, "'questions[0]'"),
        (10, "'questions[2]'"),
        (11, "'questions[3]'"),
    ]


def test_errors_are_sorted_by_file_and_line(write_kb: WriteKb) -> None:
    """An unknown source in a.yaml is found after every file is read (b.yaml's errors come
    first), and still comes first."""
    bad = edited("status: official", "status: nope").replace("as_of: 2025-10-06", "as_of: soon")
    root = write_kb(
        {
            "b.yaml": bad,
            "a.yaml": fact_yaml("other-fact", question="another question").replace(
                "sources: [article]", "sources: [nowhere]"
            ),
            "topics/c.yaml": "facts: 3\n",
        }
    )
    problems = problems_of(root)
    assert [(p.file, p.line) for p in problems] == [
        ("a.yaml", 6),  # (the unknown source's own line)
        ("b.yaml", 4),
        ("b.yaml", 5),
        ("topics/c.yaml", 1),
    ]
    assert "unknown source 'nowhere'" in problems[0].message


def test_paths_are_inside_the_knowledge_folder(write_kb: WriteKb, tmp_path: Path) -> None:
    root = write_kb(
        {
            "topics/season.yaml": edited("id: a-fact", "id: no"),
            "a.yaml": fact_yaml("b-fact", question="q two"),
        }
    )
    [problem] = problems_of(root)
    assert str(problem).startswith("topics/season.yaml:2: facts[0] field 'id': `no` is read as")
    assert str(tmp_path) not in str(problem)
    # the same names in duplicate-id messages ("also at ..."), and for a single file
    dup = write_kb(
        {
            "a.yaml": fact_yaml("b-fact", question="q two"),
            "topics/season.yaml": fact_yaml("b-fact", question="q three"),
        }
    )
    [problem] = problems_of(dup)
    assert str(problem) == "topics/season.yaml:2: id 'b-fact': duplicate id (also at a.yaml:2)"
    [single] = problems_of(dup / "topics" / "season.yaml")
    assert single.file == "season.yaml"


def test_validate_prints_paths_inside_the_folder_and_names_the_folder_once(
    write_kb: WriteKb, tmp_path: Path
) -> None:
    root = write_kb({"f.yaml": edited("as_of: 2025-10-06", "as_of: 2025-13-01")})
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(root)], out=out, err=err) == 1
    first, last = err.getvalue().splitlines()
    assert first.startswith("f.yaml:5: fact 'a-fact' field 'as_of': '2025-13-01' is not a date")
    assert last == f"1 error in the knowledge base at {root}."


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (  # Notepad's "ANSI": Windows-1252
            edited("An answer.", "Renée answers.").encode("cp1252"),
            3,
            "is not UTF-8 text (column 16 cannot be read, perhaps 'é' saved in another "
            "encoding): save the file as UTF-8",
        ),
        (  # Windows line ends, a quote mark from a word processor
            edited("a question", "who’s in it").replace("\n", "\r\n").encode("cp1252"),
            8,
            "is not UTF-8 text (column 12 cannot be read, perhaps '’' saved in another "
            "encoding): save the file as UTF-8",
        ),
        (  # old Mac line ends; the column counts the UTF-8 characters before it as one each
            edited("An answer.", "Über Renée ~")
            .replace("\n", "\r")
            .encode()
            .replace(b"~", b"\x81"),
            3,
            "is not UTF-8 text (column 24 cannot be read): save the file as UTF-8",
        ),
        (
            fact_yaml().encode("utf-16"),
            0,
            'is UTF-16 text (Notepad\'s "Unicode"), not UTF-8: save the file as UTF-8',
        ),
    ],
)
def test_a_file_not_in_utf8_is_named_at_its_line_and_column(
    write_kb: WriteKb, data: bytes, line: int, message: str
) -> None:
    """ "show.yaml: is not UTF-8 text (byte 194 cannot be read)" left an admin counting bytes;
    the line and column of the first character that cannot be read are named now."""
    root = write_kb({})
    (root / "f.yaml").write_bytes(data)
    [problem] = problems_of(root)
    assert (problem.file, problem.line, problem.where, problem.message) == (
        "f.yaml",
        line,
        "",
        message,
    )


def test_validate_names_the_line_of_a_latin1_character_in_a_shipped_file(tmp_path: Path) -> None:
    """The QA session's steps: "Renée" saved as Latin-1 in a copy of knowledge/show.yaml."""
    root = tmp_path / "k"
    shutil.copytree(KNOWLEDGE_DIR, root)
    text = (root / "show.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[5].startswith("      Ballard follows detective Renee Ballard")
    (root / "show.yaml").write_bytes(text.replace("Renee", "Renée", 1).encode("latin-1"))
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(root)], out=out, err=err) == 1
    assert (
        "show.yaml:6: is not UTF-8 text (column 36 cannot be read, perhaps 'é' saved in another "
        "encoding): save the file as UTF-8"
    ) in out.getvalue() + err.getvalue()
