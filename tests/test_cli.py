"""The command line: what a fan sees, the JSON contract scripts rely on, validate and eval."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import CHAT_LEAVE, main
from bot.render import COURTESY_REPLIES, GREETING, HELP
from tests.conftest import KNOWLEDGE_DIR, ROOT, WriteKb, fact_yaml

JSON_KEYS = {
    "question",
    "id",
    "ids",
    "confidence",
    "answer",
    "suggestions",
    "outcome",
    "unknown",
    "parts",
    "unread_questions",
    "courtesy",
    "language",
    "facts",
}


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--knowledge", str(KNOWLEDGE_DIR), *argv], stdin=io.StringIO(stdin), out=out, err=err
    )
    return code, out.getvalue(), err.getvalue()


def test_ask_prints_answer_with_status_date_and_source() -> None:
    code, out, _ = run("--today", "2025-11-01", "ask", "who plays ballard?")
    assert code == 0
    assert "Maggie Q plays the lead" in out
    assert "✅ Official · as of 6 October 2025" in out
    assert "Source: “Ballard: Maggie Q-Starring" in out


def test_ask_says_when_an_answer_may_be_stale() -> None:
    _, fresh, _ = run("--today", "2025-11-01", "ask", "when does s2 come out")
    _, stale, _ = run("--today", "2026-11-22", "ask", "when does s2 come out")
    assert "may be out of date" not in fresh
    assert "may be out of date" in stale and "Hinted, not confirmed" in stale


def test_ask_unknown_says_so_plainly() -> None:
    code, out, _ = run("ask", "how many episodes are there")
    assert code == 0
    assert out.startswith("I don't know that yet.")
    assert "how many episodes" in out and "Try:" in out


def test_ask_thanks_gets_a_courtesy_not_i_dont_know() -> None:
    code, out, _ = run("ask", "-", stdin="ty bot!\nhi\nthanks! who plays ballard\n")
    assert code == 0
    thanks, hello, asked = out.strip().split("\n\n", 2)
    assert thanks == COURTESY_REPLIES["thanks"] and hello == GREETING
    assert asked.startswith("Maggie Q plays the lead")
    _, out, _ = run("ask", "--json", "thank you so much")
    row = json.loads(out)
    assert row["courtesy"] == "thanks" and row["outcome"] == "none" and row["answer"] is None
    _, out, _ = run("ask", "--json", "who plays ballard")
    assert json.loads(out)["courtesy"] is None


def test_ask_after_reads_a_reply_to_an_answer_as_discord_does() -> None:
    _, alone, _ = run("ask", "--json", "when does it come out?")
    assert json.loads(alone)["ids"] == ["season1-premiere"]
    code, out, _ = run("ask", "--json", "--after", "season2-renewal", "when does it come out?")
    assert code == 0 and json.loads(out)["ids"] == ["season2-release-date"]
    code, out, err = run("ask", "--after", "season-9", "when does it come out?")
    assert code == 1 and out == ""
    assert err == "error: --after names no fact of the knowledge base: season-9\n"


def test_ask_words_without_quotes_are_one_question() -> None:
    _, out, _ = run("ask", "--json", "who", "plays", "ballard")
    assert json.loads(out)["question"] == "who plays ballard"


def test_ask_json_from_stdin_one_object_per_line_in_order() -> None:
    questions = [
        "when does ballard s2 come out??",
        "lol",
        "who plays ballard and where can i watch it",
        "s2 info",
        "",
        "   ",
        "𝕨𝕙𝕠 𝕡𝕝𝕒𝕪𝕤 𝕓𝕒𝕝𝕝𝕒𝕣𝕕 @everyone",
    ]
    code, out, _ = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    # (a blank line asks nothing: no line for it)
    assert [r["question"] for r in rows] == [q for q in questions if q.strip()]
    for row in rows:
        assert set(row) == JSON_KEYS
        assert isinstance(row["confidence"], float) and 0 <= row["confidence"] <= 1
        assert isinstance(row["ids"], list) and isinstance(row["suggestions"], list)
        assert (row["id"] is None) == (row["ids"] == []) == (row["answer"] is None)
        assert row["id"] is None or row["id"] == row["ids"][0]
    release, chatter, double, close, fancy = rows
    assert release["id"] == "season2-release-date" and release["outcome"] == "answer"
    assert "No release date" in release["answer"]
    assert chatter["outcome"] == "none" and chatter["suggestions"] == []
    assert set(double["ids"]) == {"lead-actor", "where-to-watch"}
    assert close["outcome"] == "suggest" and close["id"] is None and close["suggestions"]
    assert fancy["id"] == "lead-actor"
    assert [f["id"] for f in double["facts"]] == double["ids"]
    assert chatter["facts"] == []


def test_ask_json_confidence_of_several_answers_is_the_least_sure() -> None:
    # the top-level confidence speaks for the whole reply: a sure answer does not lend its
    # confidence to a weaker one beside it (it had been the highest of them)
    _, out, _ = run(
        "ask", "--json", "Is Michael Connelly involved, and did the show come from his novels?"
    )
    row = json.loads(out)
    assert row["outcome"] == "answer" and set(row["ids"]) == {"producers", "source-books"}
    answered = [p["confidence"] for p in row["parts"] if p["outcome"] == "answer"]
    assert len(answered) == 2 and max(answered) > min(answered)
    assert row["confidence"] == min(answered)


def test_ask_json_counts_the_questions_past_the_first_ten() -> None:
    many = "? ".join(f"who plays ballard in episode {n}" for n in range(1, 14)) + "?"
    code, out, _ = run("ask", "--json", "-", stdin=f"{many}\nwho plays ballard\n")
    assert code == 0
    wall, one = (json.loads(line) for line in out.splitlines())
    assert wall["unread_questions"] == 3 and len(wall["parts"]) <= 10
    assert one["unread_questions"] == 0


def test_ask_json_carries_status_date_sources_and_staleness() -> None:
    questions = "what is the rotten tomatoes score\nwhen does s2 come out\n"
    _, fresh, _ = run("--today", "2025-11-01", "ask", "--json", "-", stdin=questions)
    _, later, _ = run("--today", "2026-05-01", "ask", "--json", "-", stdin=questions)
    reviews, release = (json.loads(line)["facts"][0] for line in fresh.splitlines())
    assert reviews == {
        "id": "reviews",
        "status": "reported",
        "as_of": "2025-10-04",
        "review_after": "2026-04-02",  # as_of + review_after_days (180) in sources.yaml
        "stale": False,
        "sources": [
            {
                "key": "ott-release-report",
                "title": reviews["sources"][0]["title"],
                "date": "2025-10-04",
                "outlet": reviews["sources"][0]["outlet"],
                "url": None,  # (the shipped sources give none)
            }
        ],
    }
    assert release["review_after"] == "2026-03-31"  # its own review_after wins
    reviews_later, release_later = (json.loads(line)["facts"][0] for line in later.splitlines())
    assert reviews_later["stale"] and release_later["stale"]


def test_the_rotten_tomatoes_answer_says_it_may_be_out_of_date() -> None:
    _, fresh, _ = run("--today", "2026-04-02", "ask", "what is the rotten tomatoes score")
    _, stale, _ = run("--today", "2026-04-03", "ask", "what is the rotten tomatoes score")
    assert "100% score on Rotten Tomatoes" in fresh and "may be out of date" not in fresh
    assert "may be out of date" in stale


def test_chat_answers_and_follows_up_on_suggestions() -> None:
    script = "s2 info\n2\nasdf qwerty\nlol\nquit\nnever read\n"
    code, out, _ = run("chat", stdin=script)
    assert code == 0
    assert "I'm not sure which of these you mean:" in out and "type a number" in out
    after_pick = out.split("you> 2", 1)[1]
    assert after_pick.lstrip().startswith("bot>") and "Source:" in after_pick
    assert "I don't know that yet." in out
    assert "you> lol\nbot> 🙂" in out  # a reaction gets one back
    assert "never read" not in out


def test_chat_reads_a_follow_up_in_the_light_of_the_answer_before_it() -> None:
    """ "is ballard renewed?", then "when does it come out?": season 2's date, as a
    follow-up in Discord gets; asked first, the premiere."""
    _, out, _ = run("chat", stdin="is ballard renewed?\nwhen does it come out?\nquit\n")
    follow_up = out.split("you> when does it come out?", 1)[1]
    assert "No release date for season 2" in follow_up
    _, out, _ = run("chat", stdin="when does it come out?\nquit\n")
    assert "premiered on Amazon Prime Video on 9 July 2025" in out


def test_chat_reads_a_follow_up_in_the_light_of_the_choice_picked() -> None:
    """ "s2 in cali or georgia?", "2" (California's tax credits, of season 2), then "when
    does it come out?": season 2's date, as in Discord; the pick had forgotten it (the
    premiere)."""
    script = "s2 in cali or georgia?\n2\nwhen does it come out?\nquit\n"
    _, out, _ = run("chat", stdin=script)
    picked = out.split("you> 2\n", 1)[1].split("you> when does it come out?", 1)[0]
    assert "California state tax credits" in picked
    follow_up = out.split("you> when does it come out?", 1)[1]
    assert "No release date for season 2" in follow_up, follow_up


def test_chat_gives_the_last_answers_sources_and_takes_remarks_as_a_terminal_can() -> None:
    """ "source?" after an answer had been offered "did you mean: Is Ballard based on the
    books?", and "thats wrong" told to press 👎, which the terminal does not have."""
    script = "who plays ballard\nsource?\nthats wrong\nthis is outdated\nquit\n"
    _, out, _ = run("chat", stdin=script)
    said = dict(
        (turn.split("\n", 1)[0], turn.split("\nbot> ", 1)[1]) for turn in out.split("you> ")[2:-1]
    )
    assert said["source?"].startswith("That answer comes from:\n     • "), said["source?"]
    assert "Hollywood Reporter" in said["source?"]
    for remark in ("thats wrong", "this is outdated"):
        assert "Press" not in said[remark] and "knowledge base" in said[remark], said[remark]
    _, out, _ = run("chat", stdin="source?\nquit\n")  # (no answer yet: asked as a question)
    assert "That answer comes from" not in out


@pytest.mark.parametrize("leave", ["/quit", "/exit", "/QUIT", "quit", "exit"])
def test_chat_leaves_on_quit_with_or_without_a_slash(leave: str) -> None:
    """ "/quit" had been asked as a question ("I don't know that yet"), a Discord habit (a
    QA tester)."""
    code, out, _ = run("chat", stdin=f"{leave}\nnever read\n")
    assert code == 0
    assert out.endswith(f"you> {leave}\n"), out


def test_chat_answers_a_slash_word_with_how_to_leave() -> None:
    """A slash word ("/help", "/start") is no question: it gets what the bot does and how to
    leave; a tone tag alone ("/j") is chat, read as before."""
    code, out, _ = run("chat", stdin="/help\n/start\n/j\nquit\n")
    assert code == 0
    said = f"bot> {HELP}\n     {CHAT_LEAVE}\n"
    assert f"you> /help\n{said}you> /start\n{said}you> /j\n" in out


def test_ctrl_c_in_chat_leaves_without_a_traceback() -> None:
    """Ctrl-C at chat's prompt had ended in a traceback (found fixing a QA tester's findings)."""
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot", "--knowledge", str(KNOWLEDGE_DIR), "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert chat.stdout is not None and chat.stdout.readline().startswith("Ballard FAQ bot")
    chat.send_signal(signal.SIGINT)  # (waiting for a line, as at the prompt)
    _, err = chat.communicate(timeout=60)
    assert chat.returncode == 130 and err == "\n", err


def test_validate_ok_prints_one_line_summary() -> None:
    code, out, _ = run("validate", str(KNOWLEDGE_DIR))
    assert code == 0
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("OK: ") and "facts" in summary and "example questions" in summary
    assert "synonyms" in summary


def test_validate_reports_every_error_and_fails(write_kb: WriteKb) -> None:
    bad = fact_yaml().replace("    questions:", "    question:").replace("official", "maybe")
    root = write_kb({"bad.yaml": bad})
    code, out, err = run("validate", str(root))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines == [
        "bad.yaml:2: fact 'a-fact' field 'questions': required field is missing",
        "bad.yaml:4: fact 'a-fact' field 'status': 'maybe' is not one of: official, reported, "
        "hinted",
        "bad.yaml:7: fact 'a-fact' field 'question': unknown field (did you mean 'questions'?); "
        "allowed: id, answer, questions, keywords, requires, sources, as_of, status, "
        "review_after, title",
        f"3 errors in the knowledge base at {root}.",
    ]


def test_validate_warns_of_an_example_written_twice_in_one_fact(write_kb: WriteKb) -> None:
    learned = "examples:\n  a-fact:\n    - any news\n    - Any news?\n"
    root = write_kb({"facts.yaml": fact_yaml(), "learned.yaml": learned})
    code, out, _ = run("validate", str(root))
    assert code == 0
    assert (
        "warning: learned.yaml:4: fact 'a-fact': example 'Any news?' is 'any news' written "
        "again in 'a-fact' (lines 3 and 4): the second does nothing; take it out"
    ) in out.splitlines()


def test_ask_with_a_broken_knowledge_base_explains_instead_of_crashing(write_kb: WriteKb) -> None:
    root = write_kb({"bad.yaml": "facts: [\n"})
    out, err = io.StringIO(), io.StringIO()
    code = main(["--knowledge", str(root), "ask", "hi"], out=out, err=err)
    assert code == 1 and "YAML syntax" in err.getvalue()


def test_eval_scores_a_labelled_file(tmp_path: Path) -> None:
    labelled = tmp_path / "set.jsonl"
    rows = [
        {"q": "who plays ballard", "labels": ["lead-actor"], "kind": "paraphrase"},
        {"q": "where can i watch it", "labels": ["cast"], "kind": "paraphrase"},
        {"q": "lol", "labels": ["none"], "kind": "out-of-scope"},
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = run("eval", str(labelled))
    assert code == 0
    assert "in-scope top-1 accuracy: 50.0% (1/2" in out
    assert "false answers on none:   0.0% (0/1)" in out
    assert "'where can i watch it': cast -> where-to-watch" in out


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a person's stderr is."""

    def isatty(self) -> bool:
        return True


LOO_FACTS = """\
facts:
  - id: cast
    answer: Maggie Q plays the lead.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [who plays the lead, who is the main actress, who stars in it]
  - id: where-to-watch
    answer: It streams on Prime Video.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [where can i watch it, where does it stream]
"""


def test_eval_loo_shows_its_progress_only_on_a_terminal(tmp_path: Path, write_kb: WriteKb) -> None:
    """`eval --loo` rebuilds the base once per example (about 30 s on the shipped one) and had
    said nothing until the end: at a terminal, stderr shows how far it is, on one line
    rewritten in place and erased at the end; piped or captured, nothing; stdout is the same
    either way."""
    root = write_kb({"facts.yaml": LOO_FACTS})
    labelled = tmp_path / "set.jsonl"
    labelled.write_text('{"q": "who plays the lead", "labels": ["cast"]}\n', encoding="utf-8")
    said = {}
    for err in (io.StringIO(), Terminal()):
        out = io.StringIO()
        argv = ["--knowledge", str(root), "eval", str(labelled), "--loo", "--quiet"]
        assert main(argv, out=out, err=err) == 0
        said[err.isatty()] = out.getvalue(), err.getvalue()
    assert said[True][0] == said[False][0]
    assert "leave-one-out: " in said[False][0] and said[False][1] == ""
    progress = said[True][1]
    label = "leave-one-out, example questions asked"
    assert progress.startswith(f"\r{label}: 1/5 (20%)")
    assert f"\r{label}: 5/5 (100%)" in progress
    assert progress.endswith("\r" + " " * len(f"{label}: 5/5 (100%)") + "\r")
    assert "\n" not in progress


def test_eval_rejects_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "x", "labels": ["none"]}\nnot json\n', encoding="utf-8")
    code, _, err = run("eval", str(bad))
    assert code == 1 and "bad.jsonl:2" in err


def test_terminal_commands_never_import_discord() -> None:
    argv = ["--knowledge", str(KNOWLEDGE_DIR), "ask", "who plays ballard"]
    script = (
        "import sys, io; from bot.cli import main; "
        f"main({argv!r}, out=io.StringIO()); "
        "print(' '.join(sorted(sys.modules)))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(proc.stdout.split())
    assert not {m for m in loaded if m == "discord" or m.startswith("discord.")}
    # `ask` starts fast: nothing of review, stats or the databases (asyncio, ruamel.yaml...)
    assert not loaded & {"bot.cli_review", "bot.learned", "bot.storage", "asyncio", "ruamel"}


@pytest.mark.parametrize("entry", [["-m", "bot"], ["-c", "from bot.__main__ import main; main()"]])
def test_python_dash_m_and_console_script_entry(entry: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, *entry, "ask", "--json", "where can i watch ballard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KNOWLEDGE_PATH": str(KNOWLEDGE_DIR)},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "where-to-watch"


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"ballard-bot {version('ballard-bot')}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["--knowledge", "{kb}", "--today", "2025-11-01", "ask", "who plays ballard"],
        ["ask", "--knowledge", "{kb}", "--today", "2025-11-01", "who plays ballard"],
        ["ask", "who plays ballard", "--knowledge", "{kb}", "--today", "2025-11-01"],
        ["--today", "2025-11-01", "ask", "--knowledge", "{kb}", "who plays ballard"],
        ["--knowledge", "/not/this/one", "ask", "--knowledge", "{kb}", "who plays ballard"],
    ],
)
def test_global_options_go_before_or_after_the_command(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main([a.format(kb=KNOWLEDGE_DIR) for a in argv], out=out, err=err)
    assert code == 0, err.getvalue()
    assert "Maggie Q plays the lead" in out.getvalue()
    if "2025-11-01" in argv:
        assert "may be out of date" not in out.getvalue()


@pytest.mark.parametrize("command", ["validate", "eval", "review", "stats", "chat", "run"])
def test_every_command_takes_the_global_options(command: str) -> None:
    from bot.cli import _parser

    argv = [command, "--knowledge", "K", "--today", "2025-11-01"]
    if command == "eval":
        argv.append("f.jsonl")
    args = _parser().parse_args(argv)
    assert (args.knowledge, str(args.today)) == ("K", "2025-11-01")


FORMAT_SPELLED_OUT = '{"q": "who plays ballard", "labels": ["lead-actor"]}'


@pytest.mark.parametrize("content", ["", "\n\n   \n"])
def test_eval_refuses_an_empty_file_instead_of_scoring_100_percent(
    tmp_path: Path, content: str
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text(content, encoding="utf-8")
    code, out, err = run("eval", str(empty))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {empty}: no labelled questions")
    said = err.replace(str(empty), "FILE")  # (the temporary path may hold "100")
    assert FORMAT_SPELLED_OUT in said and '["none"]' in said and "100" not in said


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("who plays ballard", "not JSON"),
        ('["who plays ballard", "lead-actor"]', "not a JSON object"),
        ('{"question": "who plays ballard", "labels": ["lead-actor"]}', 'no "q"'),
        ('{"q": "who plays ballard"}', 'no "labels"'),
        ('{"q": "who plays ballard", "labels": "lead-actor"}', '"labels" must be a list'),
        ('{"q": "who plays ballard", "labels": []}', '"labels" must be a list'),
        ('{"q": 42, "labels": ["lead-actor"]}', '"q" must be the question'),
    ],
)
def test_eval_refuses_a_malformed_line_with_the_format(tmp_path: Path, line: str, why: str) -> None:
    bad = tmp_path / "bad.jsonl"
    good = '{"q": "where can i watch it", "labels": ["where-to-watch"]}'
    bad.write_text(f"{good}\n{line}\n", encoding="utf-8")
    code, out, err = run("eval", str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {bad}:2: not a labelled question: {why}")
    assert FORMAT_SPELLED_OUT in err and err.count("\n") == 1


def test_eval_of_a_missing_or_binary_file_says_so(tmp_path: Path) -> None:
    code, _, err = run("eval", str(tmp_path / "nope.jsonl"))
    assert (
        code == 1
        and err == f"error: cannot read {tmp_path / 'nope.jsonl'}: No such file or directory\n"
    )
    binary = tmp_path / "chart.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    code, _, err = run("eval", str(binary))
    assert code == 1 and err.startswith(f"error: {binary}: not a text file (UTF-8)")


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    """``ballard-bot ask - < questions | head -1``: the pipe closes early, quietly."""
    questions = "who plays ballard\n" * 2000
    proc = subprocess.run(
        f"{sys.executable} -m bot ask - | head -c 10",
        shell=True,
        input=questions,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KNOWLEDGE_PATH": str(KNOWLEDGE_DIR)},
    )
    assert len(proc.stdout) == 10 and proc.stderr == ""


def test_validate_says_when_statements_are_taken_for_talk(write_kb: WriteKb) -> None:
    """A base whose examples are all questions reads a message that asks nothing as someone
    talking (Matcher.questions_only): validate says so, and how to change it; a base with
    statements among its examples gets no such note."""
    code, out, _ = run("validate", str(KNOWLEDGE_DIR))
    assert code == 0 and "note: nearly all your example questions are questions" in out
    assert out.strip().splitlines()[-1].startswith("OK: ")
    said = fact_yaml(question="lost my card") + fact_yaml(
        id="another-fact", question="card not working"
    ).replace("facts:\n", "")
    code, out, _ = run("validate", str(write_kb({"f.yaml": said})))
    assert code == 0 and "note: nearly all" not in out


def test_validate_names_files_that_hold_nothing_or_are_not_read(write_kb: WriteKb) -> None:
    """A file saved empty, or cut to its first line ("facts:"), and a file Notepad saved
    as "streaming.yaml.txt" (not read) had validate say OK; now each is named, before the
    facts due for review. "Show.YAML" is read, as .yaml is; a backup ("a.yaml~") is left
    alone. (Found by a helper session trying edits as an admin.)"""
    root = write_kb(
        {
            "a.yaml": fact_yaml(),
            "Show.YAML": fact_yaml("other-fact", question="another question"),
            "empty.yaml": "",
            "cut.yaml": "facts:\n",
            # emptied on purpose, as the README says (a file without facts): no warning
            "vocabulary.yaml": "removed: []\n",
            "streaming.yaml.txt": fact_yaml("third-fact"),
            "a.yaml~": fact_yaml(),
        }
    )
    out, err = io.StringIO(), io.StringIO()
    code = main(["--knowledge", str(root), "validate"], out=out, err=err)
    assert code == 0, err.getvalue()
    warnings = [line for line in out.getvalue().splitlines() if line.startswith("warning:")]
    assert warnings[:3] == [
        "warning: cut.yaml: holds nothing (no facts, known unknowns, sources…): if a save "
        "went wrong, restore it; if its facts were taken out on purpose, list their ids "
        "under `removed:` or delete the file",
        "warning: empty.yaml: holds nothing (no facts, known unknowns, sources…): if a save "
        "went wrong, restore it; if its facts were taken out on purpose, list their ids "
        "under `removed:` or delete the file",
        "warning: streaming.yaml.txt: is not read: only files ending in .yaml or .yml are; "
        "rename it if it holds knowledge",
    ]
    assert "a.yaml~" not in out.getvalue()
    assert "OK: 2 facts" in out.getvalue()


def test_validate_names_where_a_missing_path_was_given() -> None:
    """`validate PATH` with a path that does not exist says it was given to validate; it had
    said "given with --knowledge" (a helper session following the README)."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "/nonexistent/kb"], out=out, err=err) == 2
    assert err.getvalue() == (
        "error: the knowledge path /nonexistent/kb (given to validate) does not exist\n"
    )


def test_chat_asks_for_a_number_on_the_list_and_indents_the_answer_picked() -> None:
    """A number that is not on the "did you mean" list is answered with the list's range (it
    had been matched as a question: "I don't know that yet"); the answer picked is indented
    as every answer is (its lines had started at column 0). Both found by a helper session
    following the README."""
    code, out, _ = run("chat", stdin="ballard s2\n7\n2\nquit\n")
    assert code == 0
    assert "you> 7\nbot> pick a number from 1 to 3\nyou> 2\nbot> " in out
    picked = out.split("you> 2\n", 1)[1].split("you> quit", 1)[0]
    assert all(line.startswith(("bot> ", "     ")) for line in picked.splitlines()), picked


def test_chat_takes_a_pick_in_words_as_a_reply_in_discord_does() -> None:
    code, out, _ = run("chat", stdin="s2 info\nthe second one\nquit\n")
    assert code == 0
    offered = out.split("you> s2 info\n", 1)[1].split("you> the second one", 1)[0]
    second = offered.splitlines()[2].split("2. ", 1)[1]
    picked = out.split("you> the second one\n", 1)[1]
    assert picked.startswith("bot> ") and "I don't know" not in picked, picked
    assert second == "When does Ballard season 2 come out?"
    assert "No release date for season 2 has been announced yet" in picked
