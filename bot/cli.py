"""The ``ballard-bot`` command line: run, ask, chat, validate, eval, review, stats, invite.

Only ``run`` and ``invite`` import discord.py; the others use the pure core and start fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.knowledge import (
    KnowledgeBase,
    KnowledgeBaseError,
    LoadedKnowledge,
    file_problems,
    future_dates,
    read_knowledge,
    stale_facts,
)
from bot.locations import KnowledgeNotFound, find_knowledge
from bot.settings import Settings, SettingsError
from bot.text import counted

EXIT_OK = 0
EXIT_ERRORS = 1  # bad knowledge base, bad input file, targets missed
EXIT_CONFIG = 2  # missing/invalid settings (e.g. no DISCORD_TOKEN for `run`)


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Options that go before or after the command (``ballard-bot --knowledge DIR ask`` and
    ``ballard-bot ask --knowledge DIR``): after it, they are left out of the result unless
    given (``default`` SUPPRESS), so that one given before it is not reset."""
    parser.add_argument(
        "--knowledge",
        metavar="PATH",
        default=default,
        help="knowledge directory or file (default: $KNOWLEDGE_PATH, else ./knowledge, else "
        "the one installed with the package)",
    )
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=default, help=argparse.SUPPRESS
    )


def version() -> str:
    """The installed package's version, from its metadata."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("ballard-bot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _snowflake(text: str) -> int:
    """A Discord id: a positive whole number."""
    if not text.isdecimal() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a positive whole number)")
    return int(text)


class _Version(argparse.Action):
    """``--version``: the version from the package's metadata, looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


MAX_DAYS = 365  # how far back review and stats look at most, as /faq unanswered and /faq stats


def _days(text: str) -> int:
    """--days: a whole number of days from 1 to MAX_DAYS (argparse says so, in one line)."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_DAYS}")
    return days


class _InOrder(argparse.Action):
    """An action of `review` that appends its value, as action="append" does, and also
    notes (option, value) in ``ordered``, so that the actions are done in the order typed
    ("--teach 1=cast --dismiss 1" teaches, then dismisses); they had been done by kind."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest, None) or []), values])
        namespace.ordered = [*(getattr(namespace, "ordered", None) or []), (self.dest, values)]


def _review_parsers(command: Callable[..., argparse.ArgumentParser]) -> None:
    """``review`` and ``stats`` (run by :mod:`bot.cli_review`, imported only for them: it
    brings the database, the review queue and the learned file's writer)."""
    review = command(
        "review",
        help="the review queue: teach, accept or reject proposed examples, dismiss",
        description="Without an action, list the review queue (at a terminal, then ask what "
        "to do with each item). An item is named by its number in that listing or by its id "
        "in [brackets], which stays the same as fans ask more (use ids in scripts). --forget "
        "is done first, then the other actions in the order given, each against the knowledge "
        "base as the one before left it; then the queue is listed again.",
    )
    review.add_argument("--data-dir", type=Path, help="the bot's DATA_DIR (default: $DATA_DIR)")
    review.add_argument("--guild", type=int, help="one server's queue (and DMs); default: all")
    review.add_argument("--days", type=_days, default=30, help="how far back (default 30)")
    # (each done in the order typed: see _InOrder; how items are named: the description)
    review.add_argument(
        "--accept",
        action=_InOrder,
        default=[],
        metavar="N|ID",
        help="add proposal N (or ID, shown in [brackets]) as an example of its fact",
    )
    review.add_argument(
        "--reject", action=_InOrder, default=[], metavar="N|ID", help="turn proposal N down"
    )
    review.add_argument(
        "--dismiss",
        action=_InOrder,
        default=[],
        metavar="N|ID",
        help="take group N off the queue without teaching it",
    )
    review.add_argument(
        "--teach",
        action=_InOrder,
        default=[],
        metavar="N=FACT",
        help="teach group N (or ID=FACT) to a fact or known unknown, by id or title",
    )
    review.add_argument(
        "--unknown",
        action=_InOrder,
        default=[],
        metavar="N=NOTE",
        help="make group N (or ID=NOTE) a new known unknown about NOTE",
    )
    review.add_argument(
        "--forget",
        action="append",
        default=[],
        metavar="QUESTION",
        help="take a taught question out of learned.yaml again (as /faq forget)",
    )

    stats = command("stats", help="questions, answers and feedback from the database")
    stats.add_argument("--plot", type=Path, metavar="FILE", help="write the chart as a PNG")
    stats.add_argument("--data-dir", type=Path, help="the bot's DATA_DIR (default: $DATA_DIR)")
    stats.add_argument("--guild", type=int, help="one server (default: all)")
    stats.add_argument("--days", type=_days, default=30, help="how far back (default 30)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ballard-bot",
        description="Answer fans' questions about the TV series Ballard from a curated "
        "knowledge base: in Discord (run) or in the terminal (ask, chat).",
    )
    parser.add_argument("--version", action=_Version)
    _global_options(parser, None)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], **kwargs)

    command("run", help="run the Discord bot (needs DISCORD_TOKEN)")

    invite = command("invite", help="print the link that adds the bot to a server")
    invite.add_argument(
        "--client-id",
        type=_snowflake,
        metavar="ID",
        help="the application id (default: asked of Discord with DISCORD_TOKEN)",
    )

    ask = command("ask", help="answer one question; '-' reads one question per line")
    ask.add_argument("question", nargs="+", help="the question, or '-' for standard input")
    ask.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per question (the stable scripting interface)",
    )
    ask.add_argument(
        "--after",
        action="append",
        default=[],
        metavar="FACT_ID",
        help="read it as a reply to the bot's answer with this fact, as a reply in Discord is"
        " (repeatable)",
    )

    command("chat", help="talk to the bot in the terminal")

    validate = command("validate", help="check the knowledge base and report every problem")
    validate.add_argument("path", nargs="?", help="knowledge directory or file")
    validate.add_argument(
        "--synonyms",
        action="store_true",
        help="also list every everyday word read as one of the base's (bot/data/faq_synonyms.txt, "
        "bot/data/confusables.txt)",
    )

    _review_parsers(command)

    ev = command(
        "eval",
        help="score the matcher on a labelled JSONL file, or compare two knowledge bases",
    )
    ev.add_argument(
        "file",
        type=Path,
        nargs="+",
        help="labelled JSONL (with --compare also "
        "text files, one question a line, or the bot's database)",
    )
    ev.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD", "NEW"),
        type=Path,
        help="list every question whose decision differs between two knowledge bases",
    )
    ev.add_argument(
        "--curve",
        action="store_true",
        help="also print accuracy / false answers across answer thresholds",
    )
    ev.add_argument(
        "--loo",
        action="store_true",
        help="also run leave-one-out over the knowledge base's own examples",
    )
    ev.add_argument("--quiet", action="store_true", help="do not list the mistakes")
    return parser


def _load(path: Path, err: TextIO, *, validating: bool = False) -> KnowledgeBase | None:
    loaded = _read(path, err, validating=validating)
    return loaded.kb if loaded is not None else None


def _read(path: Path, err: TextIO, *, validating: bool = False) -> LoadedKnowledge | None:
    try:
        return read_knowledge(path)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        then = "" if validating else ": fix them (`ballard-bot validate` checks again)"
        print(
            f"{counted(len(exc.problems), 'error')} in the knowledge base at {path}{then}.",
            file=err,
        )
        return None


def _decision(result) -> dict[str, object]:
    return {
        "id": result.id,
        "ids": result.ids,
        "confidence": round(result.confidence, 4),
        "suggestions": [f.id for f in result.suggestions],
        "outcome": result.outcome,
        "unknown": result.unknown.id if result.unknown is not None else None,
    }


def _fact_json(kb: KnowledgeBase, fact, today: dt.date) -> dict[str, object]:
    """What a script needs to judge an answer: how sure, how fresh, from where."""
    due = kb.review_date(fact)
    return {
        "id": fact.id,
        "status": fact.status,
        "as_of": fact.as_of.isoformat(),
        "review_after": due.isoformat() if due else None,
        "stale": kb.is_stale(fact, today),
        "sources": [
            {
                "key": s.key,
                "title": s.title,
                "date": s.date.isoformat(),
                "outlet": s.outlet,
                "url": s.url,
            }
            for s in kb.sources_of(fact)
        ],
    }


def _result_json(question: str, result, kb: KnowledgeBase, today: dt.date) -> str:
    answer = "\n\n".join(f.answer for f in result.answers) if result.answers else None
    decision = _decision(result)
    return json.dumps(
        {
            "question": question,
            **{k: decision[k] for k in ("id", "ids", "confidence")},
            "answer": answer,
            **{k: decision[k] for k in ("suggestions", "outcome", "unknown")},
            # a message of several questions: what was decided for each
            # (each as read, and as the reply quotes it: as written when it can)
            "parts": [
                {"question": p.text, "quoted": p.quoted, **_decision(p.result)}
                for p in result.parts
            ],
            # questions past the first MAX_QUESTIONS of the message, not answered
            "unread_questions": result.unread,
            # a courtesy said to the bot ("thanks!"): its kind, answered with a courtesy
            "courtesy": result.courtesy,
            # a message in another language, that got nothing: its code ("es")
            "language": result.language,
            # each fact answered: status, as-of date, sources and whether it may be stale
            "facts": [_fact_json(kb, f, today) for f in result.answers],
        },
        ensure_ascii=False,
    )


def cmd_ask(
    kb: KnowledgeBase,
    args: argparse.Namespace,
    today: dt.date,
    stdin: TextIO,
    out: TextIO,
    err: TextIO,
) -> int:
    from bot.matching import Matcher
    from bot.render import render_text

    matcher = Matcher(kb)
    known = {fact.id for fact in kb.facts}
    unknown = [fact_id for fact_id in args.after if fact_id not in known]
    if unknown:
        print(f"error: --after names no fact of the knowledge base: {', '.join(unknown)}", file=err)
        return EXIT_ERRORS
    questions: Iterator[str]
    if args.question == ["-"]:
        # (one question a line; a blank line asks nothing, and gets no line back)
        questions = (line.rstrip("\r\n") for line in stdin if line.strip())
    else:
        questions = iter([" ".join(args.question)])
    for question in questions:
        result = matcher.quoted(question, matcher.match(question, after=args.after))
        if args.json:
            print(_result_json(question, result, kb, today), file=out, flush=True)
        else:
            print(render_text(kb, result, today), file=out, flush=True)
            if args.question == ["-"]:
                print(file=out)
    return EXIT_OK


# what `chat` says where Discord would point at a button under the answer, which the
# terminal does not have: to the courtesies "that's wrong" and "are you sure?", and to a
# remark on the answer just given (bot.picking.remark)
CHAT_REMARKS = {
    "wrong": (
        "Sorry about that! Nothing is recorded here in the terminal: if the answer is wrong, "
        "fix its fact in the knowledge base (in Discord, 👎 Wrong under it tells a moderator)."
    ),
    "doubt": (
        "That's what my sources say, as of the date under the answer. If you know it's wrong, "
        "fix its fact in the knowledge base (in Discord, 👎 Wrong under it tells a moderator)."
    ),
    "outdated": (
        "Thanks for the heads-up! If it's out of date, update its fact in the knowledge base "
        "(in Discord, 🕰️ Outdated under it tells a moderator)."
    ),
    "missed": "Sorry about that! Try asking in other words.",
}
QUIT_WORDS = ("quit", "exit", "bye", ":q")  # what leaves `chat`, with or without a slash
# what `chat` says to a slash word ("/help"), after what the bot does (render.HELP)
CHAT_LEAVE = (
    "There are no slash commands here: to leave, type quit (or /quit, exit) or press Ctrl-D."
)


def cmd_chat(kb: KnowledgeBase, today: dt.date, stdin: TextIO, out: TextIO) -> int:
    from bot.knowledge import Fact
    from bot.matching import Matcher
    from bot.outcomes import MatchResult
    from bot.picking import asks_for_sources, picked, remark
    from bot.render import HELP, render_answer, render_text, sources_text
    from bot.wordlists import word_set

    matcher = Matcher(kb)
    print(
        f"Ballard FAQ bot ({len(kb.facts)} facts). Ask away; 'quit' or Ctrl-D to leave.", file=out
    )
    last: MatchResult | None = None  # what the last question got (its "did you mean")
    answered: tuple[Fact, ...] = ()  # the last answer's facts: what a follow-up asks about
    interactive = stdin.isatty()
    while True:
        if interactive:
            try:
                line = input("you> ")
            except EOFError:
                print(file=out)
                return EXIT_OK
        else:
            raw = stdin.readline()
            if not raw:
                return EXIT_OK
            line = raw.rstrip("\n")
            print(f"you> {line}", file=out)
        text = line.strip()
        word = text.lower().removeprefix("/")
        if word in QUIT_WORDS:  # ("/quit" too: a Discord habit)
            return EXIT_OK
        if not text:
            continue
        if text.startswith("/") and word.isalpha() and word not in word_set("tone_tags.txt"):
            # ("/help", "/start": no slash commands here, and no question either; "/j" alone
            # is a tone tag, chat as in Discord)
            print(f"bot> {HELP}\n     {CHAT_LEAVE}", file=out, flush=True)
            continue
        offered = last.suggestions if last is not None and last.outcome == "suggest" else ()
        pick = picked(text, len(offered)) if offered else None
        if offered and (pick is not None or text.isdecimal()):
            # ("2", "the first one": as a reply to a "did you mean" in Discord)
            if pick is not None:
                answered = (offered[pick - 1],)
                answer = render_answer(kb, answered[0], today).text()
                print("bot> " + answer.replace("\n", "\n     "), file=out)
                last = None
            else:  # (a number that is not on the list: said so, the list still offered)
                print(f"bot> pick a number from 1 to {len(offered)}", file=out)
            continue
        said = remark(text) if answered else None
        if answered and asks_for_sources(text):  # ("source?": the answer's, as in Discord)
            reply = sources_text(kb, answered)
        elif said is not None:  # ("this is outdated": said of the answer)
            reply = CHAT_REMARKS[said]
        else:
            # (a follow-up is read in the light of the answer before it, as in Discord: "is
            # it renewed?", then "when does it come out?" asks about season 2)
            last = matcher.quoted(text, matcher.match(text, after=[f.id for f in answered]))
            if last.outcome == "answer":
                answered = last.answers
            elif last.courtesy is None:  # ("thanks!" asks nothing: the light stays)
                answered = ()
            reply = CHAT_REMARKS.get(last.courtesy or "") or render_text(kb, last, today)
            if last.outcome == "suggest":
                reply += "\n(type a number to pick one)"
        print("bot> " + reply.replace("\n", "\n     "), file=out, flush=True)


# What validate tells an admin whose examples are all questions (see Matcher.questions_only)
STATEMENTS_NOTE = (
    "note: nearly all your example questions are questions, so a message that asks nothing "
    '("lost my card", "loved the finale") is taken for someone talking, not asking: its fact '
    'is offered as a "did you mean" unless the bot is sure. If your users state what they '
    "need, write some examples that way."
)


def faq_synonyms_note(read_as: dict[str, str], shown: int = 3) -> str:
    """What validate tells an admin of the everyday words read as the base's own (see
    VocabularyTables.fill_in_synonyms)."""
    examples = ", ".join(f'"{word}" as "{base}"' for word, base in list(read_as.items())[:shown])
    return (
        f"note: {len(read_as)} everyday word(s) of bot/data/faq_synonyms.txt are read as this "
        f"base's own word of their group ({examples}"
        f"{', ...' if len(read_as) > shown else ''}: `validate --synonyms` lists them all); "
        "settings: {faq_synonyms: false} turns this off."
    )


def cmd_validate(
    path: Path, today: dt.date, out: TextIO, err: TextIO, *, synonyms: bool = False
) -> int:
    loaded = _read(path, err, validating=True)
    if loaded is None:
        return EXIT_ERRORS
    from bot.matching import Matcher
    from bot.prices import PRICE_QUESTION_WORDS

    kb = loaded.kb
    matcher = Matcher(kb)
    # (what an edit may have got wrong first; facts due for review, which pile up, last)
    warnings = [
        *file_problems(loaded, path),
        *kb.load_warnings,
        *future_dates(kb, today),
        *matcher.lint(),
        *stale_facts(kb, today),
    ]
    for warning in warnings:
        print(f"warning: {warning}", file=out)
    if matcher.questions_only():
        print(STATEMENTS_NOTE, file=out)
    if matcher.faq_synonyms:
        read_as = matcher.faq_synonyms_as_written()
        print(faq_synonyms_note(read_as), file=out)
        if synonyms:
            for word, base in sorted(read_as.items()):
                print(f"  {word} -> {base}", file=out)
    elif synonyms:
        print(
            "note: no everyday word is read as one of this base's"
            + ("" if kb.settings.faq_synonyms else " (settings: faq_synonyms is false)"),
            file=out,
        )
    if synonyms:
        sound = matcher.lexicon.spelling.targets.confused_words()
        print(
            f"note: {len(sound)} everyday word(s) of bot/data/confusables.txt sound like one of "
            "this base's and are read as it when a message is otherwise only offered"
            + (":" if sound else ""),
            file=out,
        )
        for word, base in sorted(sound.items()):
            print(f"  {word} ~ {base}", file=out)
        priced = list(matcher.index.priced)  # (in the base's order)
        print(
            f"note: {counted(len(priced), 'fact')} state{'s' if len(priced) == 1 else ''} a "
            "price in their answer, so a question with "
            f"one of the words {', '.join(PRICE_QUESTION_WORDS.split())} counts toward them "
            "as their answer's words do (bot/prices.py)" + (":" if priced else ""),
            file=out,
        )
        for ident in priced:
            print(f"  {ident}: states a price", file=out)
    print(
        f"OK: {kb.summary()}" + (f" ({counted(len(warnings), 'warning')})" if warnings else ""),
        file=out,
    )
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from bot.impact import compare, entry_changes, read_questions, report
    from bot.matching import Matcher

    old_path, new_path = args.compare
    old, new = _load(old_path, err), _load(new_path, err)
    if old is None or new is None:
        return EXIT_ERRORS
    asked = []
    for path in args.file:
        try:
            asked += read_questions(path)
        except OSError as exc:
            print(f"error: cannot read {path}: {exc.strerror or exc}", file=err)
            return EXIT_ERRORS
        except UnicodeDecodeError:
            print(
                f"error: {path}: not a text file (UTF-8), a labelled JSONL file or the bot's "
                "database",
                file=err,
            )
            return EXIT_ERRORS
        except ValueError as exc:  # a labelled file: the message names it
            print(f"error: {exc}", file=err)
            return EXIT_ERRORS
    count, changes = compare(Matcher(old), Matcher(new), asked)
    for line in entry_changes(old, new):
        print(line, file=out)
    print(report(count, changes), file=out)
    return EXIT_OK


def cmd_eval(kb: KnowledgeBase, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from bot.evaluation import (
        answer_threshold,
        evaluate,
        leave_one_out,
        read_labelled,
        threshold_curve,
        unknown_labels,
    )
    from bot.matching import Matcher
    from bot.progress import ProgressLine

    if len(args.file) != 1:
        print("error: eval scores one labelled file at a time (or use --compare)", file=err)
        return EXIT_ERRORS
    try:
        items = read_labelled(args.file[0])
    except OSError as exc:
        print(f"error: cannot read {args.file[0]}: {exc.strerror or exc}", file=err)
        return EXIT_ERRORS
    except ValueError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_ERRORS
    if missing := unknown_labels(kb, items):
        print(f"warning: labels not in the knowledge base: {', '.join(sorted(missing))}", file=err)
    report = evaluate(Matcher(kb), items)
    print(report.format(show_mistakes=not args.quiet), file=out)
    if args.curve:
        print(
            "\nanswer threshold curve (threshold: in-scope accuracy, false answers, suggest)",
            file=out,
        )
        values = [round(0.40 + 0.02 * i, 2) for i in range(21)]
        for value, rep in threshold_curve(kb, items, values, answer_threshold):
            print(
                f"  {value:.2f}: {rep.accuracy:6.1%} {rep.false_answer_rate:6.1%} "
                f"{rep.suggest_rate:6.1%}",
                file=out,
            )
    if args.loo:
        progress = ProgressLine(err, "leave-one-out, example questions asked")
        try:
            loo = leave_one_out(kb, progress)
        finally:
            progress.close()
        print(
            f"\nleave-one-out: {loo.found}/{loo.total} = {loo.share:.1%} of the knowledge "
            "base's example questions find their fact without their own example",
            file=out,
        )
        for question, fact_id, got in loo.misses:
            print(f"  {question!r}: {fact_id} -> {got}", file=out)
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Entry point of ``ballard-bot`` and ``python -m bot``; returns the exit status."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_CONFIG
    today = args.today or dt.date.today()
    if args.command == "eval" and args.compare:
        return cmd_compare(args, out, err)
    if args.command == "invite":
        from bot.invite import cmd_invite

        token, api = settings.discord_token, settings.discord_api_base
        return cmd_invite(args.client_id, token, api, out, err)
    if args.command == "stats":
        from bot.cli_review import cmd_stats

        url = None if args.data_dir else settings.database_url  # --data-dir: that SQLite file
        return cmd_stats(args, args.data_dir or settings.data_dir, out, err, url)
    positional = getattr(args, "path", None)  # (validate PATH)
    path = _knowledge_path(
        positional or args.knowledge,
        settings,
        err,
        origin="given to validate" if positional else "given with --knowledge",
    )
    if path is None:
        return EXIT_CONFIG
    if args.command == "run":
        from bot.client import run_bot

        return run_bot(dataclasses.replace(settings, knowledge_path=path))
    if args.command == "review":
        from bot.cli_review import cmd_review

        url = None if args.data_dir else settings.database_url  # --data-dir: that SQLite file
        data_dir = args.data_dir or settings.data_dir
        return cmd_review(args, path, data_dir, stdin, out, err, _load, url)
    if args.command == "validate":
        return cmd_validate(path, today, out, err, synonyms=args.synonyms)
    kb = _load(path, err)
    if kb is None:
        return EXIT_ERRORS
    if args.command == "ask":
        return cmd_ask(kb, args, today, stdin, out, err)
    if args.command == "chat":
        return cmd_chat(kb, today, stdin, out)
    return cmd_eval(kb, args, out, err)


def _knowledge_path(
    given: str | None, settings: Settings, err: TextIO, origin: str = "given with --knowledge"
) -> Path | None:
    """The knowledge path to use (``given`` on the command line, as ``origin`` says, else
    the settings', else found: see bot.locations); None, with one line on ``err``, if there
    is none."""
    try:
        path = find_knowledge(given or settings.knowledge_path)
    except KnowledgeNotFound as exc:
        print(f"error: {exc}", file=err)
        return None
    if not path.exists():
        said = origin if given else "set in KNOWLEDGE_PATH"
        print(f"error: the knowledge path {path} ({said}) does not exist", file=err)
        return None
    return path
