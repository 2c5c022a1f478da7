#!/usr/bin/env python
"""What chat around a message changes: each development question said again with a greeting
before it, thanks after it, an emoji or a laugh, and whether its decision holds.

    python tools/invariance.py            # counts by wrapping (~45 s)
    python tools/invariance.py --show 5   # and up to 5 messages of each change

Over the development data only, whose messages may be read: the shipped base with the
Ballard development sets (tools/generalisation.py's DEV_SETS) and the eight development
domains (eval/domains-dev/) with their test and out-of-scope messages. For each message and
each wrapping (a message the wrapping leaves as it is is skipped), counted:

* ``right -> suggest`` / ``right -> none`` / ``right -> other``: a message answered with
  its fact is no longer;
* ``none -> answer``: a `none` message that was not answered is;
* ``miss -> right``: a message not answered right is.

A fan's "hi, synopsis" asks what "synopsis" does, and "synopsis thanks!" too: the first
counts are what the reading of such wrappings should keep at zero. Some wrappings change
what is said on purpose: a laugh after a bare request ("tax credit lol") is a fan reacting
(bot/data/reactions.txt), an emoji of feeling after one too ("ballard cast 😭"), and a
message without its "?" may be a fan talking; they are printed so that what they change is
seen, not as errors. A name typed after "@" is dropped as a mention, but only its first word
("@Ballard Bot cast" leaves "bot", a word no fact uses): see docs/measured.md, "The
twenty-eighth session", for why "bot" is left to weigh. The bot's own names typed so are
dropped before matching by the answers cog, which knows them (bot/exts/answers.py,
``typed_name``); the matcher alone, measured here, does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))  # generalisation.py

import generalisation  # noqa: E402

from bot.evaluation import read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

# Chat fans wrap a question in, written for this probe (general, not from any set's misses).
WRAPPINGS: dict[str, Callable[[str], str]] = {
    "hi, ...": lambda q: "hi, " + q,
    "hey guys quick question, ...": lambda q: "hey guys quick question, " + q,
    "... thanks!": lambda q: q + " thanks!",
    "... thanks in advance": lambda q: q + " thanks in advance",
    "... 🙏": lambda q: q + " 🙏",
    "... pls": lambda q: q + " pls",
    "does anyone know ...": lambda q: "does anyone know " + q[:1].lower() + q[1:],
    "... lol": lambda q: q + " lol",
    "without ?": lambda q: q.rstrip("?"),
    "with ?": lambda q: q.rstrip("?.!") + "?",
    "UPPER CASE": str.upper,
    "<@mention> ...": lambda q: "<@123456789012345678> " + q,
    "@Ballard Bot ...": lambda q: "@Ballard Bot " + q,
    "ok so ...": lambda q: "ok so " + q,
    "btw ...": lambda q: "btw " + q,
    "... ??": lambda q: q.rstrip("?.!") + "??",
    "... 😭": lambda q: q + " 😭",
    "... 😂": lambda q: q + " 😂",
    # (added 6 December 2026, twenty-ninth session, before running them)
    "**...** (bold)": lambda q: f"**{q}**",
    "> quoted reply, then ...": lambda q: "> s1 was so good\n" + q,
    "lower case": str.lower,
    "... ?!": lambda q: q.rstrip("?.!") + "?!",
    "hello bot, ...": lambda q: "hello bot, " + q,
    "quick q: ...": lambda q: "quick q: " + q,
    "yo ...": lambda q: "yo " + q,
    "... ty": lambda q: q + " ty",
    "... asap": lambda q: q + " asap",
    "... (asking for a friend)": lambda q: q + " (asking for a friend)",
    "... 👀": lambda q: q + " 👀",
}

# (message, its labels, or None for a `none` message)
Item = tuple[str, frozenset[str] | None]


def bases() -> Iterator[tuple[str, Matcher, list[Item]]]:
    """Each development base with its messages."""
    items: list[Item] = []
    for path in generalisation.DEV_SETS.values():
        if path.exists():  # (../shared may be missing: dev.jsonl is then left out)
            items += [
                (it.question, it.labels if it.in_scope else None) for it in read_labelled(path)
            ]
    yield "ballard", Matcher(load_knowledge(REPO / "knowledge")), items
    for folder in sorted(p for p in generalisation.DEV_DOMAINS.iterdir() if p.is_dir()):
        items = []
        for name in ("test.jsonl", "oos.jsonl"):
            for line in (folder / name).read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                labels = frozenset(row["labels"])
                items.append((row["q"], None if labels == {"none"} else labels))
        yield folder.name, Matcher(generalisation.domain_kb(folder)), items


def changes(matcher: Matcher, items: list[Item]) -> Iterator[tuple[str, str, str]]:
    """(wrapping, change, the wrapped message) for every decision a wrapping changes."""
    for question, labels in items:
        before = matcher.match(question)
        right = before.outcome == "answer" and labels is not None and before.id in labels
        if labels is None and before.outcome == "answer":
            continue  # (a false answer already)
        for name, wrap in WRAPPINGS.items():
            wrapped = wrap(question)
            if wrapped == question:
                continue
            after = matcher.match(wrapped)
            if labels is None:
                if after.outcome == "answer":
                    yield name, "none -> answer", wrapped
            elif right:
                if not (after.outcome == "answer" and after.id in labels):
                    outcome = "other" if after.outcome == "answer" else after.outcome
                    yield name, f"right -> {outcome}", wrapped
            elif after.outcome == "answer" and after.id in labels:
                yield name, "miss -> right", wrapped


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="messages to print of each change")
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, str]] = Counter()
    shown: dict[tuple[str, str], list[str]] = {}
    for base, matcher, items in bases():
        for name, change, wrapped in changes(matcher, items):
            counts[name, change] += 1
            shown.setdefault((name, change), []).append(f"{base}: {wrapped!r}")
    for name in WRAPPINGS:
        row = {c: n for (w, c), n in counts.items() if w == name}
        said = ", ".join(f"{c} {n}" for c, n in sorted(row.items())) or "nothing changed"
        print(f"{name:30} {said}")
        for change in sorted(row):
            for line in shown[name, change][: args.show]:
                print(f"    [{change}] {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
