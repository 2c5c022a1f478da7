"""What an edit changes, before it ships: `eval --compare` and the warnings of `validate`."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot import cli
from bot.knowledge import Problem, load_knowledge
from bot.matching import Matcher
from tests.conftest import KNOWLEDGE_DIR, WriteKb, fact_yaml, shipped_with_examples

EXTRA = """\
facts:
  - id: bot-thanks
    answer: You're welcome!
    status: official
    as_of: 2025-10-06
    sources: [renewal-announcement]
    questions:
      - good bot
      - who plays ballard in the show
"""


def edited(tmp_path: Path) -> Path:
    new = tmp_path / "new"
    shutil.copytree(KNOWLEDGE_DIR, new)
    (new / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    return new


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdin=io.StringIO(), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_compare_lists_what_an_edit_breaks_worse_first(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {"q": "who is playing ballard", "labels": ["lead-actor"]},
                {"q": "where can i watch it", "labels": ["where-to-watch"]},
                {"q": "good bot", "labels": ["none"]},
            ]
        ),
        encoding="utf-8",
    )
    listed = tmp_path / "asked.txt"
    listed.write_text("# fans' questions\nwhere can i watch it\ngood bot\n", encoding="utf-8")
    code, out, err = run(
        "eval", "--compare", str(KNOWLEDGE_DIR), str(edited(tmp_path)), str(labelled), str(listed)
    )
    assert code == 0, err
    added, *lines = out.splitlines()
    assert added == "1 fact added: bot-thanks"
    assert lines[0] == (
        "2 of 3 questions change: 2 worse, 0 better, 0 changed (not labelled, or no better nor "
        "worse)."
    )
    assert lines[1] == "Worse (labelled, right before):"
    assert (
        "'who is playing ballard' [lead-actor] (labelled.jsonl:1): answer lead-actor -> did you"
        in (lines[2])
    )
    assert "'good bot' [none] (labelled.jsonl:3): don't know -> answer bot-thanks" in lines[3]
    assert len(lines) == 4  # "where can i watch it" is unchanged, and asked once


def test_compare_reads_the_bots_question_log(tmp_path: Path) -> None:
    db = tmp_path / "ballard.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE questions (question TEXT, asked_at TEXT)")
        conn.executemany(
            "INSERT INTO questions VALUES (?, ?)",
            [("who is playing ballard", "2026-01-01"), ("who is playing ballard", "2026-01-02")],
        )
    code, out, _ = run("eval", "--compare", str(KNOWLEDGE_DIR), str(edited(tmp_path)), str(db))
    assert code == 0
    _, head, title, change = out.splitlines()  # (after "1 fact added: bot-thanks")
    assert head.startswith("1 of 1 questions change: 0 worse, 0 better, 1 changed")
    assert title == "Changed:"
    assert change.startswith(
        "  'who is playing ballard' (log (2x)): answer lead-actor -> did you mean"
    )
    assert {"lead-actor", "bot-thanks"} <= set(change.split(" mean ")[1].split(", "))


def test_compare_names_the_question_of_a_message_that_changed(tmp_path: Path) -> None:
    """A known unknown added for the second question of a message changes only that
    question's decision: the message's line had said "answer lead-actor -> answer
    lead-actor", a change an admin could not see; the question that changed is named."""
    new = tmp_path / "new"
    shutil.copytree(KNOWLEDGE_DIR, new)
    (new / "extra.yaml").write_text(
        "unknowns:\n  - id: breakfast\n    note: what the actors eat\n    questions:\n"
        "      - what does she eat for breakfast\n      - what is her favourite food\n",
        encoding="utf-8",
    )
    asked = tmp_path / "asked.txt"
    asked.write_text("who plays ballard? what does maggie eat for breakfast\n", encoding="utf-8")
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(new), str(asked))
    assert code == 0, err
    *_, message, question = out.splitlines()
    assert message.endswith(": answer lead-actor -> answer lead-actor")
    assert question.startswith("      its question 'what does maggie eat for breakfast': did")
    assert question.endswith(" -> don't know (breakfast)")


@pytest.mark.parametrize("damaged", [False, True])
def test_compare_names_an_sqlite_file_that_is_not_the_bots_log(
    tmp_path: Path, damaged: bool
) -> None:
    """Another program's SQLite file, or a copy of the bot's cut short, given as FILE had
    ended in a traceback (sqlite3.OperationalError: no such table: questions)."""
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 500,)] * 50)
    conn.close()
    if damaged:
        db.write_bytes(db.read_bytes()[:1024])
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(KNOWLEDGE_DIR), str(db))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {db} is an SQLite file but its questions cannot be read (")
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("name", ["labelled.jsonl", "labelled.txt", "asked.txt"])
def test_files_saved_with_a_byte_order_mark_are_read(tmp_path: Path, name: str) -> None:
    """A file of questions saved by Notepad (a byte order mark first, CRLF line ends): a
    labelled file had been refused ("not JSON (Unexpected UTF-8 BOM (decode using
    utf-8-sig) at character 1)"), and one not named .jsonl asked as a question of its own
    line, JSON and all."""
    rows = [
        '{"q": "who plays ballard", "labels": ["lead-actor"]}',
        '{"q": "good bot", "labels": ["none"]}',
    ]
    if name == "asked.txt":
        rows = ["who plays ballard", "good bot"]
    given = tmp_path / name
    given.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n")
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(edited(tmp_path)), str(given))
    assert code == 0, err
    assert "2 questions change" in out.splitlines()[1]
    assert f"'good bot'{' [none]' if name != 'asked.txt' else ''} ({name}:2): don't know" in out
    if name == "labelled.jsonl":
        code, out, err = run("eval", str(given))
        assert (code, err, out.splitlines()[0]) == (
            0,
            "",
            "questions: 2 (1 in scope, 1 labelled none)",
        )


def test_compare_reads_a_renamed_fact_as_the_same_fact(tmp_path: Path) -> None:
    """Renaming `lead-actor` (nothing else of it changed) had listed as changed every
    question it answered, and as worse those labelled with it (10 of eval/dev-2.jsonl's),
    though fans read the same answer: it is said to be renamed, and its old id in a label
    or a decision is read as its new one."""
    new = tmp_path / "new"
    shutil.copytree(KNOWLEDGE_DIR, new)
    people = new / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("- id: lead-actor\n", "- id: lead-actress\n"),
        encoding="utf-8",
    )
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        '{"q": "who plays ballard", "labels": ["lead-actor"]}\n'
        '{"q": "who is playing ballard", "labels": ["lead-actor"]}\n',
        encoding="utf-8",
    )
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(new), str(labelled))
    assert code == 0, err
    assert out.splitlines() == [
        "1 fact renamed, its answer unchanged: lead-actor -> lead-actress (labels naming the "
        "old id count as the new)",
        "0 of 2 questions change: 0 worse, 0 better, 0 changed (not labelled, or no better nor "
        "worse).",
    ]
    # ...and a question the edit does move is still worse
    (new / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(new), str(labelled))
    assert out.splitlines()[2].startswith("1 of 2 questions change: 1 worse"), out
    assert "'who is playing ballard' [lead-actor] (labelled.jsonl:2): answer lead-actor" in out


def test_compare_names_the_facts_and_unknowns_an_edit_removes_or_adds(tmp_path: Path) -> None:
    """A file emptied in NEW had given "0 of 9 questions change" when the questions given
    asked none of its facts: the facts and known unknowns that go, or come, are listed
    first, whatever the questions ask."""
    old, new = load_knowledge(KNOWLEDGE_DIR), tmp_path / "new"
    shutil.copytree(KNOWLEDGE_DIR, new)
    gone = [f.id for f in old.facts if f.file == "people.yaml"]
    unknowns = [u.id for u in old.unknowns if u.file == "unknowns.yaml"]
    assert gone and unknowns
    (new / "people.yaml").write_text("", encoding="utf-8")
    (new / "unknowns.yaml").write_text("", encoding="utf-8")
    (new / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    asked = tmp_path / "asked.txt"
    asked.write_text("when does season 2 come out\n", encoding="utf-8")
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(new), str(asked))
    assert code == 0, err
    assert out.splitlines()[:3] == [
        f"{len(gone)} facts removed: {', '.join(gone)}: the questions they answered get "
        "something else now",
        "1 fact added: bot-thanks",
        f"{len(unknowns)} known unknowns removed: {', '.join(unknowns)}: questions about them "
        'may get a fact now instead of "I don\'t know"',
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("people.yaml", "facts:\n  - id: cast\n    answer: Maggie Q.\n"),
        ("people.YML", "facts: []\n"),
        ("questions.txt", "# what fans asked\nexamples:\n  cast:\n    - who else is in it\n"),
    ],
)
def test_compare_refuses_a_knowledge_file_given_as_the_questions(
    tmp_path: Path, name: str, text: str
) -> None:
    """`eval --compare OLD NEW FILE`: a knowledge file given as FILE (people.yaml beside
    the bases) had each of its lines asked as a question ("0 of 168 questions change")."""
    given = tmp_path / name
    given.write_text(text, encoding="utf-8")
    code, out, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(KNOWLEDGE_DIR), str(given))
    assert (code, out) == (1, "")
    assert err == (
        f"error: {given} is a knowledge file (YAML), not a file of questions: FILE is the "
        "questions to ask both bases: labelled JSONL, a text file of questions (one a line) or "
        "the bot's database; the bases are OLD and NEW (eval --compare OLD NEW FILE...)\n"
    )


def test_compare_refuses_a_folder_given_as_the_questions() -> None:
    code, _, err = run(
        "eval", "--compare", str(KNOWLEDGE_DIR), str(KNOWLEDGE_DIR), str(KNOWLEDGE_DIR)
    )
    assert code == 1
    assert err.startswith(f"error: {KNOWLEDGE_DIR} is a folder, not a file of questions: FILE")


def test_compare_names_a_broken_knowledge_base(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(KNOWLEDGE_DIR, broken)
    (broken / "extra.yaml").write_text("facts: [", encoding="utf-8")
    code, _, err = run("eval", "--compare", str(KNOWLEDGE_DIR), str(broken), str(broken))
    assert code == 1 and "extra.yaml" in err


def test_validate_warns_about_examples_fans_would_not_get(tmp_path: Path) -> None:
    matcher = Matcher(load_knowledge(edited(tmp_path)))
    messages = [p.message for p in matcher.lint()]
    assert any("'good bot' reads as praise for the bot, not a question" in m for m in messages)
    # the two facts' examples look alike: both are flagged, whichever wins the tie
    assert any("looks the same to the matcher as 'bot-thanks'" in m for m in messages)
    pulled = [m for m in messages if m.startswith("example 'who plays ballard")]
    assert any("'bot-thanks'" in m or "'lead-actor'" in m for m in pulled), messages


def _warnings(tmp_path: Path, examples: dict[str, list[str]], saying: str) -> list[str]:
    """validate's warnings that say ``saying``, about the shipped base with examples added."""
    new = shipped_with_examples(tmp_path / "new", examples)
    return [p.message for p in Matcher(load_knowledge(new)).lint() if saying in p.message]


def test_validate_warns_about_an_example_that_is_chat(tmp_path: Path) -> None:
    """An example that asks nothing (thanks, a greeting, a number alone, a reaction) is chat
    the bot never answers with a fact; written as an example, a courtesy or a number gets
    its fact every time it is said (the example is the admin's word) and a reaction never
    does, nor does a courtesy with no word a fact could use ("thanks" alone). validate
    says which, and each claim is what the bot then does. "What can you do?", a question
    an admin's fact about the bot may answer, and a terse request ("cast list") are no
    warning. (Found trying `validate` as an admin on 7 December 2026: "thanks bot", "2" and
    "lol" taught to the cast went unremarked; then a helper trying edits found "thanks"
    said to get the fact while the bot said "You're welcome!".)"""
    taught = ["thanks bot", "good morning everyone", "2", "lol", "thanks", "what can you do?"]
    new = shipped_with_examples(tmp_path / "new", {"cast": [*taught, "cast list"]})
    matcher = Matcher(load_knowledge(new))
    flagged = [p.message for p in matcher.lint() if "not a question" in p.message]
    answered = "as an example it gets this fact every time a fan says it; write what fans ask"
    ignored = (
        "the bot never answers it with a fact, so as an example it does nothing; write what "
        "fans ask"
    )
    assert flagged == [
        f"example 'thanks bot' reads as thanks to the bot, not a question: {answered}",
        f"example 'good morning everyone' reads as a greeting, not a question: {answered}",
        f"example '2' reads as a number alone, not a question: {answered}",
        f"example 'lol' reads as a fan reacting, not a question: {ignored}",
        f"example 'thanks' reads as thanks to the bot, not a question: {ignored}",
    ]
    for wording in taught[:3]:
        assert matcher.match(wording).ids == ["cast"], wording
    for wording in taught[3:5]:
        assert matcher.match(wording).outcome == "none", wording
    # the same chat, not taught, gets no fact
    shipped = Matcher(load_knowledge(KNOWLEDGE_DIR))
    assert all(shipped.match(wording).outcome == "none" for wording in taught[:5])
    assert not any("not a question" in p.message for p in shipped.lint())


def test_validate_warns_about_an_example_without_what_its_fact_requires(tmp_path: Path) -> None:
    """An example that does not say what its fact requires is answered only as written."""
    flagged = _warnings(
        tmp_path,
        {"season2-release-date": ["when is the sophomore outing of ballard slated to debut"]},
        "sophomore outing",
    )
    assert flagged == [
        "example 'when is the sophomore outing of ballard slated to debut' says none of "
        "'season 2' (the fact requires one): fans get this fact asking it as written, never "
        "in other words without them"
    ]
    shipped = Matcher(load_knowledge(KNOWLEDGE_DIR)).lint()
    assert not any("says none of" in p.message for p in shipped)


def test_a_keyword_of_only_ignored_words_is_warned_about_at_its_own_line(
    write_kb: WriteKb,
) -> None:
    """A keyword the matcher reads as nothing ("the show", filler) is warned about at the
    keyword's own line (it had named the fact's first line, leaving the admin to find which
    keyword of a long list was meant), in a block list or a flow list over several lines."""
    text = (
        fact_yaml(
            "filming",
            question="where is it filmed\n      - where do they shoot\n"
            "      - what city is it filmed in",
        )
        + "    keywords:\n      - location\n      - and so\n"
        + fact_yaml(
            "cast", question="who is in it\n      - who stars\n      - who acts in it"
        ).replace("facts:\n", "")
        + "    keywords: [actors,\n               of the,\n               stars]\n"
    )
    folder = write_kb({"f.yaml": text})
    warnings = [
        p
        for p in Matcher(load_knowledge(folder)).lint()
        if "only words the matcher ignores" in p.message
    ]
    lines = (folder / "f.yaml").read_text(encoding="utf-8").splitlines()
    assert [(w.where, lines[w.line - 1].strip()) for w in warnings] == [
        ("fact 'filming'", "- and so"),
        ("fact 'cast'", "of the,"),
    ]


def test_a_fact_of_one_or_two_examples_is_warned_about(write_kb: WriteKb) -> None:
    """A new fact with one example question (a helper session trying edits as an admin:
    "where is it filmed", alone, and "what city do they film in" got nothing) is warned
    about; three examples are no warning."""
    few = fact_yaml("filming-location", question="where is it filmed")
    enough = fact_yaml("other", question="a\n      - b\n      - c").replace("facts:\n", "")
    messages = [
        p.message for p in Matcher(load_knowledge(write_kb({"f.yaml": few + enough}))).lint()
    ]
    assert (
        "has only 1 example question: fans who ask in other words may not get it; add a few "
        "more, each worded differently"
    ) in messages
    assert sum("has only" in m for m in messages) == 1


def test_a_requirement_no_example_says_is_one_warning(tmp_path: Path) -> None:
    """A term mistyped in `requires` ("seasn 2") is said by none of the fact's examples: one
    warning says so, where there had been one for each of its examples (a helper session
    trying edits as an admin: 19 warnings for one typo)."""
    new = shipped_with_examples(tmp_path / "new", {})
    path = new / "season2.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("requires: [season 2]") == 1
    path.write_text(text.replace("requires: [season 2]", "requires: [seasn 2]"), encoding="utf-8")
    kb = load_knowledge(new)
    examples = len(kb.fact("season2-release-date").questions)
    flagged = [p.message for p in Matcher(kb).lint() if "seasn 2" in p.message]
    assert flagged == [
        f"none of its {examples} examples says 'seasn 2' (the fact requires one): is it "
        "written as fans write it? Fans get this fact only asking an example as written"
    ]


def test_validate_warns_about_an_example_naming_another_show(tmp_path: Path) -> None:
    """An example that names another show the answer does not mention ("anyone from abbott
    elementary in this?" taught to the cast) made questions about that show get the fact ("is
    courtney taylor still on abbott elementary"); they get it as a "did you mean" at most
    since bot.held_back reads such a show (IndexEntry.borrowed_shows), and only the example
    as written gets the fact: validate says so. A show the answer mentions (Bosch, in the
    spinoff's) is no warning. (Written for this test.)"""
    flagged = _warnings(
        tmp_path,
        {
            "cast": ["anyone from abbott elementary in this?"],
            "bosch-spinoff": ["is this the bosch spinoff everyone talks about"],
        },
        "names another show",
    )
    assert flagged == [
        "example 'anyone from abbott elementary in this?' names another show (abbott "
        "elementary) that the answer does not mention: only this wording gets the fact, other "
        'questions naming that show get it as a "did you mean" at most; ask it without the '
        "show's name if the answer is not about it"
    ]


def test_validate_warns_about_an_example_saying_a_known_unknowns_word(tmp_path: Path) -> None:
    """An example whose weighty word fans ask a known unknown with, and that nothing else of
    its fact says ("when did episode 1 hit prime" taught to the premiere: "episode" is the
    episode count's), pulls questions about the unknown to the fact: validate says so. A
    word the fact's other examples or answer say is no warning, nor an everyday word.
    Heeding it (tools/steering.py --heed), the second admin batch's false answers on
    blind-4's `none` questions went 13 -> 17 of 165 without it, 13 -> 14 with it."""
    flagged = _warnings(
        tmp_path,
        {
            "season1-premiere": ["when did episode 1 hit prime", "when did it first air"],
            "lead-actor": ["who is the star of ballard"],
        },
        "a word fans ask the known unknown",
    )
    assert flagged == [
        "example 'when did episode 1 hit prime' says 'episode', a word fans ask the known "
        "unknown 'episode-count', 'music-and-crew' with, and nothing else of this fact says "
        "it: questions about that may get this fact; reword the example without it if the "
        "answer is not about that"
    ]
    shipped = Matcher(load_knowledge(KNOWLEDGE_DIR)).lint()
    assert not any("a word fans ask the known unknown" in p.message for p in shipped)


def test_validate_warns_about_an_example_that_reads_as_another_facts_question(
    tmp_path: Path,
) -> None:
    """An example whose words are all words another fact is asked with, and that nothing
    else of its fact says, is that fact's question to the matcher: "should i give it a shot"
    taught to the reviews reads as "film" (a shot is filmed), and "filming?" got the reviews
    (the second admin batch, 5 December 2026). validate says so; an example with a word of
    its own fact ("is it worth a shot") is no warning, nor one whose word the fact's answer
    writes ("is ballard on amazon": "Amazon Prime Video" reads as one name)."""
    flagged = _warnings(
        tmp_path,
        {"reviews": ["should i give it a shot"]},
        "reads as",
    )
    assert flagged == [
        "example 'should i give it a shot' reads as 'film' only, words fans ask "
        "'season2-production' with, and nothing else of this fact says them: fans asking "
        "that may get this fact; reword the example with what it asks"
    ]
    assert not _warnings(tmp_path / "worth", {"reviews": ["is it worth a shot"]}, "reads as")
    shipped = Matcher(load_knowledge(KNOWLEDGE_DIR)).lint()
    assert not any("reads as" in p.message for p in shipped)
    taught = Matcher(
        load_knowledge(
            shipped_with_examples(tmp_path / "taught", {"reviews": ["should i give it a shot"]})
        )
    )
    assert taught.match("filming?").id == "reviews"  # what the warning is about
    assert Matcher(load_knowledge(KNOWLEDGE_DIR)).match("filming?").id == "season2-production"


def test_a_warning_about_a_taught_example_names_where_it_was_taught(tmp_path: Path) -> None:
    """An example added under `examples:` (learned.yaml, as /faq teach writes it) is named
    there, at its line, not at its fact's first line in another file (a helper session
    curating as a moderator: validate cited people.yaml for a question it taught)."""
    new = shipped_with_examples(tmp_path / "new", {"cast": ["thanks bot"]}, "learned.yaml")
    [warning] = [p for p in Matcher(load_knowledge(new)).lint() if "'thanks bot'" in p.message]
    lines = (new / "learned.yaml").read_text(encoding="utf-8").splitlines()
    assert warning.file == "learned.yaml"
    assert "thanks bot" in lines[warning.line - 1]


def shipped_with_own_examples(folder: Path, examples: dict[str, list[str]]) -> Path:
    """A copy of the shipped knowledge base in ``folder`` with example questions written in
    their facts' own `questions:` lists (after the first), as an admin adds them."""
    shutil.copytree(KNOWLEDGE_DIR, folder)
    for path in sorted(folder.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for ident, wordings in examples.items():
            if f"  - id: {ident}\n" not in lines:
                continue
            at = lines.index(f"  - id: {ident}\n")
            listed = next(i for i in range(at, len(lines)) if lines[i].strip() == "questions:")
            first = lines[listed + 1]
            indent = first[: len(first) - len(first.lstrip())]
            lines[listed + 2 : listed + 2] = [f"{indent}- {wording}\n" for wording in wordings]
        path.write_text("".join(lines), encoding="utf-8")
    return folder


# (a fact, an example written in it, and what validate's warning about the example says)
OWN_EXAMPLE_WARNINGS = [
    ("cast", "thanks bot", "reads as thanks to the bot, not a question"),
    ("cast", "anyone from abbott elementary in this?", "names another show"),
    ("cast", "who is playing ballard", "looks the same to the matcher as 'lead-actor'"),
    ("cast", "i love this cast so much", "reads as small talk"),
    ("cast", "laundry day send help", "is the closest to chat that asks nothing"),
    (
        "season2-release-date",
        "when is the sophomore outing of ballard slated to debut",
        "says none of",
    ),
    ("season1-premiere", "when did episode 1 hit prime", "a word fans ask the known unknown"),
    ("reviews", "should i give it a shot", "reads as 'film' only"),
]


@pytest.fixture(scope="module")
def own_examples_lint(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Problem]]:
    examples: dict[str, list[str]] = {}
    for fact, wording, _ in OWN_EXAMPLE_WARNINGS:
        examples.setdefault(fact, []).append(wording)
    new = shipped_with_own_examples(tmp_path_factory.mktemp("kb") / "new", examples)
    return new, Matcher(load_knowledge(new)).lint()


@pytest.mark.parametrize(("fact", "wording", "saying"), OWN_EXAMPLE_WARNINGS)
def test_a_warning_about_an_example_names_its_own_line(
    own_examples_lint: tuple[Path, list[Problem]], fact: str, wording: str, saying: str
) -> None:
    """A warning about an example written in its fact's `questions:` names the example's
    own line, as one about an example added under `examples:` does; each had named the
    fact's first line (`- id: cast`), leaving the admin to find which of its 40 examples
    was meant. The lines are read from the file only when a warning names one
    (bot._example_lines), so loading costs nothing more."""
    folder, warnings = own_examples_lint
    [warning] = [
        p for p in warnings if p.message.startswith(f"example {wording!r}") and saying in p.message
    ]
    assert warning.where == f"fact '{fact}'"
    lines = (folder / warning.file).read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1].strip() == f"- {wording}"
