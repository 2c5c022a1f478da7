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
    entry_named,
    explain,
    idle_example,
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


SHOWN_SERVERS = 3  # servers named when --guild names none that has questions


async def _check_server(storage: Storage, guild: int | None, err: TextIO) -> None:
    """Warn when --guild names a server with no question logged (a mistyped id had got an
    empty queue or zero figures without a word); the command goes on."""
    if guild is None:
        return
    servers = await storage.review.servers()
    if guild in servers:
        return
    said = f"warning: no questions logged for server {guild}"
    if servers:
        more = len(servers) - SHOWN_SERVERS
        said += "; servers with questions: " + ", ".join(map(str, servers[:SHOWN_SERVERS]))
        said += f" and {more} more" if more > 0 else ""
    print(said, file=err)


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
            await _check_server(storage, args.guild, err)
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
    known = "".join(f", {said}" for said in item.status())
    likely = ", ".join(f.id for f in item.likely[:3]) or "none"
    return (
        f"{n:>3}. [{item.id}] {item.count}× “{fit(item.question, SHOWN_CHARS)}”{also}: first "
        f"{item.first:%Y-%m-%d}, last {item.last:%Y-%m-%d}{dms}{known}; likely facts: {likely}"
    )


class _Session:
    """One run of ``review``: the queue and the changes to it, each against the knowledge base
    as the change before left it (read again after each, as a running bot's reload does)."""

    def __init__(self, storage: Storage, knowledge: Path, kb: Any, args: argparse.Namespace):
        self.storage = storage
        self.knowledge = knowledge
        self.matcher = Matcher(kb)
        self.guild: int | None = args.guild
        self.days: int = args.days
        self.scope: int = args.guild or 0  # (0: the terminal's own dismissals, every server)
        self.learned = LearnedFile(knowledge)
        self.who = f"{getpass.getuser()} (terminal)"
        self.today = dt.date.today()

    async def queue(self) -> tuple[Queue, list[Group | Proposal]]:
        """The queue as `/faq unanswered` lists it, and its items as numbered here."""
        queue = await self.storage.review.queue(self.matcher, self.guild, self.days, self.scope)
        return queue, [*queue.proposals, *queue.groups]

    def forget(self, question: str) -> str:
        """Take a taught question out of learned.yaml; what it gets then (as /faq forget)."""
        done = self.learned.forget(question)
        self.matcher = Matcher(load_knowledge(self.knowledge))
        return (
            f"Forgot “{done.question}” (it was an example of {done.entry_id}). It now gets "
            f"{what_it_gets(self.matcher.match(done.question))}."
        )

    async def act(self, verb: str, item: Group | Proposal, value: str) -> str:
        """Do one action on an item of the queue; what was done (Refused: why not)."""
        if verb in ("accept", "reject") and not isinstance(item, Proposal):
            raise Refused("that is a group of questions, not a proposal: use --teach")
        if verb in ("teach", "unknown", "dismiss") and not isinstance(item, Group):
            raise Refused("that is a proposal: use --accept or --reject")
        if verb == "reject":
            assert isinstance(item, Proposal)
            await self.storage.review.reject(self.scope, item.key, item.fact.id, None)
            return f"Rejected “{item.question}” for {item.fact.id}."
        if verb == "dismiss":
            assert isinstance(item, Group)
            await self.storage.review.dismiss(self.scope, item.keys, None)
            return f"Dismissed “{item.question}”."
        if verb == "accept":
            assert isinstance(item, Proposal)
            change = self.learned.teach(
                item.question, item.fact.id, self.who, self.today, idle_example
            )
        elif verb == "teach":
            assert isinstance(item, Group)
            entry = entry_named(self.matcher.kb, value)
            change = self.learned.teach(item.question, entry, self.who, self.today, idle_example)
        else:
            assert isinstance(item, Group)
            ids = self.matcher.kb.ids  # (a repeat of one of them is refused: see add_unknown)
            change = self.learned.add_unknown(
                item.question, value, self.who, self.today, ids, idle_example
            )
        prepared = self.learned.take_prepared()  # (what the change was checked with)
        self.matcher = (
            prepared.matcher if prepared is not None else Matcher(load_knowledge(self.knowledge))
        )
        return (
            f"Wrote “{change.question}” into {LEARNED_FILE} ({change.entry_id}). "
            f"{explain(self.matcher, change.question, change.entry_id)}"
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

    async def run() -> int:
        async with await Storage.open(path) as storage:
            await _check_server(storage, args.guild, err)
            session = _Session(storage, knowledge, kb, args)
            queue, items = await session.queue()
            actions, wrong = _actions(args)
            for problem in wrong:
                print(f"error: {problem}", file=err)
            if not actions and not wrong and not args.forget and stdin.isatty():
                _list(queue, items, args.days, out)
                await _ask(session, items, stdin, out)
                return EXIT_OK
            status = EXIT_ERRORS if wrong else EXIT_OK
            for question in args.forget:  # (no item of the queue: a taught question)
                try:
                    print(session.forget(question), file=out)
                except Refused as exc:
                    print(f"error: {exc}", file=err)
                    status = EXIT_ERRORS
            done: set[tuple[str, str, str]] = set()
            for verb, which, value in actions:
                found = _item(items, which)  # (as numbered in the listing before these)
                if isinstance(found, str):
                    print(f"error: {found}", file=err)
                    status = EXIT_ERRORS
                    continue
                n, item = found
                if (verb, item.id, value) in done:  # (named twice, by number or by id)
                    continue
                done.add((verb, item.id, value))
                try:
                    print(await session.act(verb, item, value), file=out)
                except Refused as exc:
                    print(f"{n}: not done: {exc}", file=err)
                    status = EXIT_ERRORS
            if actions or args.forget:
                # (what is left: listed before the actions, it showed what they had just
                # taught or dismissed, numbered as it no longer was)
                queue, items = await session.queue()
            _list(queue, items, args.days, out)
            return status

    status = _run(run(), path, err)
    return EXIT_ERRORS if status is None else status


def _list(queue: Queue, items: list[Group | Proposal], days: int, out: TextIO) -> None:
    print(
        f"Review queue, last {counted(days, 'day')}: "
        f"{counted(len(queue.proposals), 'proposed example')}, "
        f"{counted(len(queue.groups), 'group')} of unanswered questions"
        + (f"; {queue.now_answered_words()}" if queue.now_answered else "")
        + ".",
        file=out,
    )
    for n, item in enumerate(items, 1):
        print(_describe(n, item), file=out)


def _item(items: list[Group | Proposal], which: str) -> tuple[int, Group | Proposal] | str:
    """The item a moderator named: its id as the queue shows it (or the id's first four
    characters or more), which names the same item whatever fans asked since; or its number
    in this listing, which may name another item once fans ask again. Else what is wrong."""
    which = which.strip().strip("[]")
    found = [(n, item) for n, item in enumerate(items, 1) if item.id.startswith(which)]
    if which.isdecimal():
        n = int(which)
        if 1 <= n <= len(items):
            return n, items[n - 1]
        if len(which) < MIN_ID_CHARS or not found:  # (else an id of digits: "1360128117")
            return f"there is no item {n}"
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


async def _ask(
    session: _Session, items: list[Group | Proposal], stdin: TextIO, out: TextIO
) -> None:
    """One prompt per item at a terminal, each answer done at once and said under it; an
    answer that cannot be done (a mistyped fact id...) is said, and the item asked again."""
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
        while True:  # (asked again until the answer is one of the choices, and done)
            print(prompt, end="", file=out, flush=True)
            line = stdin.readline()
            verb, _, value = line.strip().partition(" ")
            letter = verb[:1].lower()
            if letter == "q" or not line:
                return
            if not letter or letter == "s":  # (an empty answer skips, as "s" does)
                break
            if letter in ("t", "u") and letter in letters and not value.strip():
                what = "the fact's id" if letter == "t" else "what it is about"
                print(f"  give {what} after the letter: {letter} …", file=out)
                continue
            if letter not in letters:
                print(f"  type one of {', '.join(letters)} or q", file=out)
                continue
            try:
                print(f"  ✅ {await session.act(names[letter], item, value.strip())}", file=out)
            except Refused as exc:
                print(f"  ❌ not done: {exc}", file=out)
                continue
            break
