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

from bot.curation import Group, Proposal, Queue, explain, group_questions, proposals
from bot.database import DatabaseUnavailable, SchemaError, redact
from bot.knowledge import load_knowledge
from bot.learned import LEARNED_FILE, LearnedFile, Refused
from bot.matching import Matcher
from bot.settings import DATABASE_NAME
from bot.storage import Storage

EXIT_OK, EXIT_ERRORS = 0, 1


def _database(data_dir: Path, err: TextIO, database_url: str | None) -> Path | str | None:
    if database_url:  # the PostgreSQL database every shard shares (DATABASE_URL)
        return database_url
    path = data_dir / DATABASE_NAME
    if not path.is_file():
        print(f"error: no database at {path} (pass the bot's DATA_DIR with --data-dir)", file=err)
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

    async def figures() -> dict:
        async with await Storage.open(path) as storage:
            where = f"server {args.guild}" if args.guild else "all servers"
            return await storage.review.chart(
                args.guild, args.days, f"{where}: the last {args.days} days"
            )

    data = _run(figures(), path, err)
    if data is None:
        return EXIT_ERRORS
    total = sum(data["answered"]) + sum(data["suggested"]) + sum(data["unanswered"])
    print(
        f"Last {args.days} days: {total} questions, {sum(data['answered'])} answered, "
        f"{sum(data['suggested'])} 'did you mean', {sum(data['unanswered'])} unanswered, "
        f"{sum(data['held'])} held back.",
        file=out,
    )
    if args.plot:
        from bot.charts import draw, png_size

        png = draw(data)
        try:
            args.plot.write_bytes(png)
        except OSError as exc:
            print(f"error: cannot write the chart to {args.plot}: {exc.strerror or exc}", file=err)
            return EXIT_ERRORS
        width, height = png_size(png)
        print(f"Wrote {args.plot} ({width}×{height} PNG).", file=out)
    return EXIT_OK


def _describe(n: int, item: Group | Proposal) -> str:
    if isinstance(item, Proposal):
        return f"{n:>3}. proposal: add “{item.question}” to {item.fact.id}? {item.evidence()}"
    others = len(item.wordings) - 1
    also = f" (+{others} other wording{'s' if others > 1 else ''})" if others else ""
    dms = f", {item.dms} in DMs" if item.dms else ""
    known = f", already a known unknown: {item.unknown.id}" if item.unknown else ""
    likely = ", ".join(f.id for f in item.likely[:3]) or "none"
    return (
        f"{n:>3}. {item.count}× “{item.question}”{also}: first {item.first:%Y-%m-%d}, "
        f"last {item.last:%Y-%m-%d}{dms}{known}; likely facts: {likely}"
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
                f"Review queue, last {args.days} days: {len(props)} proposed example(s), "
                f"{len(groups)} group(s) of unanswered questions"
                + (f"; {answered} asked earlier are answered now" if answered else "")
                + ".",
                file=out,
            )
            for n, item in enumerate(items, 1):
                print(_describe(n, item), file=out)
            actions = _actions(args)
            if not actions and stdin.isatty() and items:
                actions = _ask(items, stdin, out)
            status = EXIT_OK
            for verb, n, value in actions:
                if not 1 <= n <= len(items):
                    print(f"error: there is no item {n}", file=err)
                    status = EXIT_ERRORS
                    continue
                item = items[n - 1]
                try:
                    print(await _act(storage, verb, item, value), file=out)
                except Refused as exc:
                    print(f"{n}: not done: {exc}", file=err)
                    status = EXIT_ERRORS
            return status

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
            change = learned.add_unknown(item.question, value, who, today, matcher.kb.ids)
        after = Matcher(load_knowledge(knowledge))
        return (
            f"Wrote “{change.question}” into {LEARNED_FILE} ({change.entry_id}). "
            f"{explain(after, change.question, change.entry_id)}"
        )

    status = _run(run(), path, err)
    return EXIT_ERRORS if status is None else status


def _actions(args: argparse.Namespace) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    for verb in ("accept", "reject", "dismiss"):
        out += [(verb, n, "") for n in getattr(args, verb)]
    for verb in ("teach", "unknown"):
        for spec in getattr(args, verb):
            number, _, value = spec.partition("=")
            out.append((verb, int(number) if number.strip().isdecimal() else 0, value.strip()))
    return out


def _ask(items: list[Group | Proposal], stdin: TextIO, out: TextIO) -> list[tuple[str, int, str]]:
    """One prompt per item at a terminal."""
    chosen: list[tuple[str, int, str]] = []
    for n, item in enumerate(items, 1):
        if isinstance(item, Proposal):
            prompt = f"{n}. [a]ccept, [r]eject, [s]kip, [q]uit? "
        else:
            prompt = f"{n}. [t]each FACT-ID, [u]nknown NOTE, [d]ismiss, [s]kip, [q]uit? "
        print(prompt, end="", file=out, flush=True)
        answer = stdin.readline().strip()
        verb, _, value = answer.partition(" ")
        letter = verb[:1].lower()
        if letter == "q" or (not answer and not stdin):
            break
        names = {"a": "accept", "r": "reject", "t": "teach", "u": "unknown", "d": "dismiss"}
        if letter in names:
            chosen.append((names[letter], n, value.strip()))
    return chosen
