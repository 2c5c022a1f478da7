"""``ballard-bot review`` and ``ballard-bot stats``: the review queue and the stats chart in the
terminal, for admins without Discord (no discord.py import). Their options are defined with the
others in :mod:`bot.cli`; this module is imported only when one of them runs.

``review`` lists the same queue as `/faq unanswered` (proposed examples, then groups of
unanswered questions), numbered, and acts on it: interactively at a terminal, or with flags
for scripts (``--accept 1 --reject 2 --teach 3=where-to-watch --unknown 4="the soundtrack"
--dismiss 5``). Teachings go into the same ``learned.yaml``; a running bot's watcher reloads it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import getpass
import sqlite3
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TextIO

from bot.curation import (
    Group,
    Proposal,
    Queue,
    explain,
    group_questions,
    proposals,
    repeated_unknown,
    what_it_gets,
)
from bot.database import DatabaseUnavailable, SchemaError, redact
from bot.knowledge import load_knowledge
from bot.learned import LEARNED_FILE, LearnedFile, Refused
from bot.matching import Matcher
from bot.settings import DATABASE_NAME
from bot.stats_report import StatsReport, stats_report
from bot.storage import Storage
from bot.text import counted, fit

EXIT_OK, EXIT_ERRORS = 0, 1


def _database(data_dir: Path, err: TextIO, database_url: str | None) -> Path | str | None:
    if database_url:  # the PostgreSQL database every shard shares (DATABASE_URL)
        return database_url
    path = data_dir / DATABASE_NAME
    if not path.is_file():
        print(
            f"error: no database at {path}: the bot makes it when it first runs "
            "(`ballard-bot run`); pass the bot's DATA_DIR with --data-dir if it is elsewhere",
            file=err,
        )
        return None
    return path


def _run(work: Coroutine[Any, Any, Any], path: Path | str, err: TextIO) -> Any:
    """Run the command's work; a database that cannot be used is one line (None)."""
    try:
        return asyncio.run(work)
    except (DatabaseUnavailable, SchemaError) as exc:
        print(f"error: cannot use the database {redact(str(path))}: {exc}", file=err)
        return None
    except sqlite3.DatabaseError as exc:  # not a database, corrupt... (as `run` says it)
        print(
            f"error: the database {path} cannot be used ({exc}); restore a backup or move it away",
            file=err,
        )
        return None


def cmd_stats(
    args: argparse.Namespace,
    data_dir: Path,
    out: TextIO,
    err: TextIO,
    database_url: str | None = None,
) -> int:
    path = _database(data_dir, err, database_url)
    if path is None:
        return EXIT_ERRORS

    async def figures() -> tuple[StatsReport, dict[str, Any] | None]:
        async with await Storage.open(path) as storage:
            # the same report as /faq stats, by the same function (every server without --guild)
            report = await stats_report(storage, args.guild, args.days)
            if not args.plot:
                return report, None
            where = f"server {args.guild}" if args.guild else "all servers"
            chart = await storage.review.chart(
                args.guild, args.days, f"{where}: the last {counted(args.days, 'day')}"
            )
            return report, chart

    found = _run(figures(), path, err)
    if found is None:
        return EXIT_ERRORS
    report, data = found
    for line in report.lines():
        print(line, file=out)
    if data is not None:
        from bot.charts import draw, png_size

        try:
            png = draw(data)
        except ImportError:  # (matplotlib is an extra: the bot runs without it)
            print(
                "error: the chart needs matplotlib: pip install -e '.[charts]' (the figures "
                "above need nothing more)",
                file=err,
            )
            return EXIT_ERRORS
        try:
            args.plot.write_bytes(png)
        except OSError as exc:
            print(f"error: cannot write the chart to {args.plot}: {exc.strerror or exc}", file=err)
            return EXIT_ERRORS
        width, height = png_size(png)
        print(f"Wrote {args.plot} ({width}×{height} PNG).", file=out)
    return EXIT_OK


SHOWN_WORDINGS = 3  # a group's other wordings listed, as /faq unanswered lists them
SHOWN_CHARS = 90  # ...each cut to this many characters, as Discord's queue cuts them
PROMPTED_CHARS = 60  # a question shown in a prompt is cut to this many characters
MIN_ID_CHARS = 4  # the fewest characters of an item's id a moderator may name it by


def _describe(n: int, item: Group | Proposal) -> str:
    """One line of the queue: its number (for this listing) and its id (for good)."""
    if isinstance(item, Proposal):
        return (
            f"{n:>3}. [{item.id}] proposal: add “{fit(item.question, SHOWN_CHARS)}” to "
            f"{item.fact.id}? {item.evidence()}"
        )
    others = [w for w, _ in item.wordings[1:]]
    also = ""
    if others:
        shown = ", ".join(f"“{fit(w, SHOWN_CHARS)}”" for w in others[:SHOWN_WORDINGS])
        more = len(others) - SHOWN_WORDINGS
        also = f" (also asked as {shown}{f' and {more} more' if more > 0 else ''})"
    dms = f", {item.dms} in DMs" if item.dms else ""
    known = f", already a known unknown: {item.unknown.id}" if item.unknown else ""
    likely = ", ".join(f.id for f in item.likely[:3]) or "none"
    return (
        f"{n:>3}. [{item.id}] {item.count}× “{fit(item.question, SHOWN_CHARS)}”{also}: first "
        f"{item.first:%Y-%m-%d}, last {item.last:%Y-%m-%d}{dms}{known}; likely facts: {likely}"
    )


def cmd_review(
    args: argparse.Namespace,
    knowledge: Path,
    data_dir: Path,
    stdin: TextIO,
    out: TextIO,
    err: TextIO,
    load: Callable[[Path, TextIO], object],
    database_url: str | None = None,
) -> int:
    path = _database(data_dir, err, database_url)
    kb = load(knowledge, err)
    if path is None or kb is None:
        return EXIT_ERRORS
    matcher = Matcher(kb)  # type: ignore[arg-type]
    scope = args.guild or 0
    learned = LearnedFile(knowledge)
    who = f"{getpass.getuser()} (terminal)"
    today = dt.date.today()

    async def run() -> int:
        async with await Storage.open(path) as storage:
            review = storage.review
            asked = await review.unanswered(args.guild, args.days)
            groups, answered = group_questions(
                matcher, asked, dismissed=await review.dismissed(scope)
            )
            evidence = await review.evidence(args.guild, args.days)
            evidence += await review.retries(args.guild, args.days)
            props = proposals(matcher, evidence, rejected=await review.rejected(scope))
            queue = Queue(tuple(groups), tuple(props), answered)
            items: list[Group | Proposal] = [*queue.proposals, *queue.groups]
            print(
                f"Review queue, last {counted(args.days, 'day')}: "
                f"{counted(len(props), 'proposed example')}, "
                f"{counted(len(groups), 'group')} of unanswered questions"
                + (f"; {queue.now_answered_words()}" if answered else "")
                + ".",
                file=out,
            )
            for n, item in enumerate(items, 1):
                print(_describe(n, item), file=out)
            actions, wrong = _actions(args)
            for problem in wrong:
                print(f"error: {problem}", file=err)
            status = EXIT_ERRORS if wrong else EXIT_OK
            for question in args.forget:  # (no item of the queue: a taught question)
                try:
                    print(_forget(question), file=out)
                except Refused as exc:
                    print(f"error: {exc}", file=err)
                    status = EXIT_ERRORS
            if not actions and not wrong and not args.forget and stdin.isatty() and items:
                actions = _ask(items, stdin, out)
            for verb, which, value in actions:
                found = _item(items, which)
                if isinstance(found, str):
                    print(f"error: {found}", file=err)
                    status = EXIT_ERRORS
                    continue
                n, item = found
                try:
                    print(await _act(storage, verb, item, value), file=out)
                except Refused as exc:
                    print(f"{n}: not done: {exc}", file=err)
                    status = EXIT_ERRORS
            return status

    def _forget(question: str) -> str:
        """Take a taught question out of learned.yaml; what it gets then (as /faq forget)."""
        done = learned.forget(question)
        now = Matcher(load_knowledge(knowledge)).match(done.question)
        return (
            f"Forgot “{done.question}” (it was an example of {done.entry_id}). It now gets "
            f"{what_it_gets(now)}."
        )

    async def _act(storage: Storage, verb: str, item: Group | Proposal, value: str) -> str:
        if verb in ("accept", "reject") and not isinstance(item, Proposal):
            raise Refused("that is a group of questions, not a proposal: use --teach")
        if verb in ("teach", "unknown", "dismiss") and not isinstance(item, Group):
            raise Refused("that is a proposal: use --accept or --reject")
        if verb == "reject":
            assert isinstance(item, Proposal)
            await storage.review.reject(scope, item.key, item.fact.id, None)
            return f"Rejected “{item.question}” for {item.fact.id}."
        if verb == "dismiss":
            assert isinstance(item, Group)
            await storage.review.dismiss(scope, item.keys, None)
            return f"Dismissed “{item.question}”."
        if verb == "accept":
            assert isinstance(item, Proposal)
            question, entry = item.question, item.fact.id
            change = learned.teach(question, entry, who, today)
        elif verb == "teach":
            assert isinstance(item, Group)
            change = learned.teach(item.question, value, who, today)
        else:
            assert isinstance(item, Group)
            repeated = repeated_unknown(matcher, value)
            if repeated is not None:
                raise Refused(repeated)
            change = learned.add_unknown(item.question, value, who, today, matcher.kb.ids)
        after = Matcher(load_knowledge(knowledge))
        return (
            f"Wrote “{change.question}” into {LEARNED_FILE} ({change.entry_id}). "
            f"{explain(after, change.question, change.entry_id)}"
        )

    status = _run(run(), path, err)
    return EXIT_ERRORS if status is None else status


def _item(items: list[Group | Proposal], which: str) -> tuple[int, Group | Proposal] | str:
    """The item a moderator named: its id as the queue shows it (or the id's first four
    characters or more), which names the same item whatever fans asked since; or its number
    in this listing, which may name another item once fans ask again. Else what is wrong."""
    which = which.strip().strip("[]")
    if which.isdecimal():
        n = int(which)
        return (n, items[n - 1]) if 1 <= n <= len(items) else f"there is no item {n}"
    found = [(n, item) for n, item in enumerate(items, 1) if item.id.startswith(which)]
    if len(which) >= MIN_ID_CHARS and len(found) == 1:
        return found[0]
    if not found:
        return f"no item has the id {which!r} (the queue lists them in [brackets])"
    return f"{which!r} is the start of several items' ids: give more of it"


def _actions(args: argparse.Namespace) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(verb, the item as named, value) for each action asked on the command line, and
    what is wrong with those that cannot be read."""
    out: list[tuple[str, str, str]] = []
    wrong: list[str] = []
    for verb, spec in getattr(args, "ordered", None) or []:  # (in the order typed)
        if verb not in ("teach", "unknown"):
            out.append((verb, spec, ""))
            continue
        which, equals, value = spec.partition("=")
        if not equals or not value.strip() or not which.strip():
            what = "FACT-ID" if verb == "teach" else "NOTE"
            wrong.append(f"--{verb} {spec!r}: write N={what}, or ID={what} with the id in [ ]")
            continue
        out.append((verb, which, value.strip()))
    return out, wrong


def _ask(items: list[Group | Proposal], stdin: TextIO, out: TextIO) -> list[tuple[str, str, str]]:
    """One prompt per item at a terminal."""
    chosen: list[tuple[str, str, str]] = []
    names = {"a": "accept", "r": "reject", "t": "teach", "u": "unknown", "d": "dismiss"}
    for n, item in enumerate(items, 1):
        said = f"{n}. “{fit(item.question, PROMPTED_CHARS)}”"
        if isinstance(item, Proposal):
            letters, prompt = (
                "ars",
                f"{said} for {item.fact.id}: [a]ccept, [r]eject, [s]kip, [q]uit? ",
            )
        else:
            letters, prompt = (
                "tuds",
                f"{said}: [t]each FACT-ID, [u]nknown NOTE, [d]ismiss, [s]kip, [q]uit? ",
            )
        while True:  # (asked again until the answer is one of the choices)
            print(prompt, end="", file=out, flush=True)
            line = stdin.readline()
            answer = line.strip()
            verb, _, value = answer.partition(" ")
            letter = verb[:1].lower()
            if letter == "q" or not line:
                return chosen
            if not letter:  # (an empty answer skips, as "s" does)
                break
            if letter in ("t", "u") and letter in letters and not value.strip():
                what = "the fact's id" if letter == "t" else "what it is about"
                print(f"  give {what} after the letter: {letter} …", file=out)
                continue
            if letter in letters:
                break
            print(f"  type one of {', '.join(letters)} or q", file=out)
        if letter in names:
            chosen.append((names[letter], item.id, value.strip()))
    return chosen
