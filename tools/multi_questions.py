#!/usr/bin/env python
"""How the matcher answers messages of several questions: eval/multi-blind.jsonl (written
blind on 3 December 2026, see eval/README-multi-blind.md), by how the questions are lined
up ("1. … 2. …", "a) … b) …", run-on, " / ", newlines, chat…).

    python tools/multi_questions.py               # figures by shape
    python tools/multi_questions.py --mistakes    # ...and each message not fully right
    python tools/multi_questions.py eval/multi-blind-2.jsonl   # kept for judging (as
    python tools/multi_questions.py eval/multi-blind-3.jsonl   # -3): their mistakes are
                                                               # not to be read

Each line of the set is ``{"q": message, "questions": [[fact ids or "none"], ...], "shape":
...}``. A question in scope is answered right when one of the message's answers is one of
its ids; a *wrong answer* is an answer that is none of the message's questions' ids. A
question out of scope (``none``) is *told* when the reply accounts for it: the message as a
whole got no answer (the fan is told "I don't know" or offered a "did you mean"), or as many
of its questions were told "I don't know" or a "did you mean" on their own as it asks out of
scope (parts are not matched to questions one by one: a count).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

SET = REPO / "eval" / "multi-blind.jsonl"


def measure(matcher: Matcher, path: Path, mistakes: bool = False) -> dict[str, list[int]]:
    """shape ("all" for every message) -> [questions in scope, answered right, wrong
    answers, messages, messages fully right, questions out of scope, told]; with
    ``mistakes``, each message not fully right is printed."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        result = matcher.match(item["q"])
        got = set(result.ids)
        asked = [set(q) for q in item["questions"]]
        in_scope = [q for q in asked if q != {"none"}]
        allowed = set().union(*asked) - {"none"}
        right = sum(bool(got & q) for q in in_scope)
        wrong = sorted(got - allowed)
        out_of_scope = len(asked) - len(in_scope)
        if result.outcome != "answer":
            told = out_of_scope
        else:
            told = min(out_of_scope, sum(p.result.outcome != "answer" for p in result.parts))
        shape = item.get("shape", "-")  # (multi-blind-3.jsonl names no shapes)
        for row in (rows[shape], rows["all"]) if shape != "-" else (rows["all"],):
            row[0] += len(in_scope)
            row[1] += right
            row[2] += len(wrong)
            row[3] += 1
            row[4] += right == len(in_scope) and not wrong
            row[5] += out_of_scope
            row[6] += told
        if mistakes and (right < len(in_scope) or wrong):
            print(f"  [{shape}] {item['q']!r}: {item['questions']} -> {result.ids}")
    return dict(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mistakes", action="store_true")
    parser.add_argument("file", nargs="?", type=Path, default=SET)
    args = parser.parse_args(argv)
    rows = measure(Matcher(load_knowledge(REPO / "knowledge")), args.file, args.mistakes)
    heads = ("questions answered right", "wrong answers", "messages right", "out of scope told")
    print(f"{'shape':10} {heads[0]:>26} {heads[1]:>14} {heads[2]:>15} {heads[3]:>18}")
    for shape in sorted(rows, key=lambda s: (s == "all", s)):
        n, right, wrong, messages, full, none, told = rows[shape]
        share = f"{right}/{n} ({right / n:.1%})" if n else "-"
        print(
            f"{shape:10} {share:>26} {wrong:>14} {f'{full}/{messages}':>15} {f'{told}/{none}':>18}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
