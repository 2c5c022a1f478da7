#!/usr/bin/env python
"""The decisions two runs of tools/decisions.py differ on: outcome or answered facts, not
confidence alone.

    python tools/decisions.py --synthetic DIR --banking > before.jsonl
    ...change...
    python tools/decisions.py --synthetic DIR --banking > after.jsonl
    python tools/decision_changes.py before.jsonl after.jsonl

Each changed decision of a development input is printed (its source, the message, the
outcome and facts before and after); the inputs of the sets kept for judging (blind-3,
blind-5, blind-7 to blind-45, long-blind-2, multi-blind-2 to -7,
statements-blind)
are only counted, so that their mistakes are never read. A confidence that moved without
changing the decision is counted, not printed: `cmp` says whether anything moved at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

# the sets kept for judging (tools/generalisation.py's FINAL_SETS and MULTI_FINAL)
JUDGING: tuple[str, ...] = ("blind-3.jsonl", "blind-5.jsonl", "blind-7.jsonl", "blind-8.jsonl")
JUDGING += ("blind-9.jsonl", "blind-10.jsonl", "blind-11.jsonl", "blind-12.jsonl", "blind-13.jsonl")
JUDGING += ("blind-14.jsonl", "multi-blind-5.jsonl", "blind-15.jsonl", "multi-blind-6.jsonl")
JUDGING += ("multi-blind-7.jsonl",)
JUDGING += ("blind-16.jsonl", "blind-17.jsonl", "blind-18.jsonl", "blind-19.jsonl")
JUDGING += ("blind-20.jsonl", "blind-21.jsonl", "blind-22.jsonl", "blind-23.jsonl")
JUDGING += ("blind-24.jsonl", "blind-25.jsonl", "blind-26.jsonl", "blind-27.jsonl")
JUDGING += (
    "blind-28.jsonl",
    "blind-29.jsonl",
    "blind-30.jsonl",
    "blind-31.jsonl",
    "blind-32.jsonl",
    "blind-33.jsonl",
    "blind-34.jsonl",
    "blind-35.jsonl",
    "blind-36.jsonl",
    "blind-37.jsonl",
    "blind-38.jsonl",
    "blind-39.jsonl",
    "blind-40.jsonl",
    "blind-41.jsonl",
    "blind-42.jsonl",
    "blind-43.jsonl",
    "blind-44.jsonl",
    "blind-45.jsonl",
    "long-blind-2.jsonl",
)
JUDGING += ("statements-blind.jsonl",)
JUDGING += ("multi-blind-2.jsonl", "multi-blind-3.jsonl", "multi-blind-4.jsonl")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def changes(before: list[dict], after: list[dict]) -> tuple[list[str], int, int]:
    """The printed lines of changed development decisions, how many judging decisions
    changed, and how many decisions only moved in confidence."""
    if len(before) != len(after):
        raise ValueError(f"the runs differ in length: {len(before)} and {len(after)} lines")
    lines: list[str] = []
    judging = moved = 0
    for old, new in zip(before, after, strict=True):
        if old.get("q") != new.get("q"):
            raise ValueError(f"the runs differ in their inputs: {old.get('q')!r}")
        decided = (old.get("outcome"), old.get("ids"))
        if decided == (new.get("outcome"), new.get("ids")):
            moved += old.get("confidence") != new.get("confidence")
            continue
        if any(name in old.get("src", "") for name in JUDGING):
            judging += 1
            continue
        lines.append(
            f"{old.get('src')}: {old.get('q')!r}\n"
            f"    {old.get('outcome')} {old.get('ids')} -> {new.get('outcome')} {new.get('ids')}"
        )
    return lines, judging, moved


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    try:
        lines, judging, moved = changes(read(args.before), read(args.after))
    except ValueError as error:
        print(f"decision_changes: {error}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    print(
        f"{len(lines)} development decisions changed, {judging} of the sets kept for judging "
        f"(not shown); {moved} more moved in confidence only"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
