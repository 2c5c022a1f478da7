#!/usr/bin/env python
"""New-domain benchmark: the matcher on BANKING77, beside TF-IDF and BM25 nearest example.

Run from the repository root with the project's virtualenv active (the baselines need the
``bench`` extra: ``pip install -e '.[bench]'``)::

    python benchmarks/bench_newdomain.py                  # the table (~45 s on 2 cores)
    python benchmarks/bench_newdomain.py --breakdown      # + the matcher's test figures split
    python benchmarks/bench_newdomain.py --show-misses 20 # + a sample of validation misses
    python benchmarks/bench_newdomain.py --json           # the same figures as one JSON object

For each seed, BANKING77's training questions are shuffled per intent: the last few are
validation questions, and the first k are the example questions of a knowledge base with one
fact per intent, no vocabulary, no keywords and no unknowns, written as YAML and loaded with
``load_knowledge`` as an admin's files are. The out-of-scope messages are our own
(benchmarks/data/banking77_oos.txt), half for validation and half for test. Each method's
answer threshold is the lowest at which at most 2 % of the out-of-scope validation messages
are answered; the figures are on BANKING77's test set and the other half of the out-of-scope
messages. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _newdomain as nd

MATCHER = "matcher"
GATED = "matcher gated"
SHIPPED = "matcher as shipped"
ORDER = {MATCHER: 0, GATED: 1, SHIPPED: 2}  # then the baselines
CURVE_RATES = (0.01, 0.02)  # answered right at these false-answer rates, read off the test curve
LENGTHS = (("<=6 words", 0, 6), ("7-12 words", 7, 12), ("13+ words", 13, 10**9))


@dataclass
class Row:
    """One method on one (seed, k): its threshold and figures."""

    method: str
    seed: int
    k: int
    threshold: float | None  # None: the matcher's own decision
    test: dict[str, float]
    val_false: float
    at_rate: dict[str, float]


@dataclass
class Run:
    """Everything one (seed, k) produced."""

    seed: int
    k: int
    refused: int
    short: int
    rows: list[Row] = field(default_factory=list)
    test_preds: dict[str, list[nd.Pred]] = field(default_factory=dict)
    val_preds: dict[str, list[nd.Pred]] = field(default_factory=dict)
    thresholds: dict[str, float | None] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--seeds", type=int, default=3, help="draws of example questions (default 3)")
    p.add_argument("--k", default="5,10", help="examples per intent, comma-separated (5,10)")
    p.add_argument("--val-per-intent", type=int, default=10, help="validation questions (10)")
    p.add_argument("--max-false", type=float, default=0.02, help="false-answer rate (0.02)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")
    p.add_argument("--breakdown", action="store_true", help="split the matcher's test figures")
    p.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="N of the matcher's misses on validation (first seed)",
    )
    p.add_argument("--matcher-only", action="store_true", help="skip the baselines")
    p.add_argument("--data", type=Path, default=nd.DEFAULT_DATA, help="BANKING77 folder")
    p.add_argument("--oos", type=Path, default=nd.DEFAULT_OOS, help="out-of-scope messages")
    p.add_argument("--keep", type=Path, help="keep the first seed's knowledge bases here")
    args = p.parse_args(argv)
    args.ks = sorted({int(k) for k in args.k.split(",")})
    return args


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Running


def run_one(
    args: argparse.Namespace,
    draw: nd.Draw,
    k: int,
    test: list[nd.Item],
    oos_val: list[nd.Item],
    oos_test: list[nd.Item],
    timing: dict[str, float],
) -> Run:
    keep = args.keep / f"k{k}" if args.keep and draw.seed == 0 else None
    started = time.perf_counter()
    built = nd.build(draw.candidates, k, keep)
    timing["build knowledge base"] += time.perf_counter() - started
    run = Run(draw.seed, k, len(built.refused), len(built.short))
    run.vocabulary = {w for qs in built.examples.values() for q in qs for w in nd.stems_of(q)}
    val = draw.validation + oos_val
    tst = test + oos_test
    makers: list[tuple[str, Callable[[], Any]]] = [(MATCHER, lambda: nd.MatcherMethod(built.kb))]
    if not args.matcher_only:
        makers += [
            ("tf-idf", lambda: nd.TfidfNearest(built.examples)),
            ("bm25", lambda: nd.BM25Nearest(built.examples)),
        ]
    shipped_t = None
    for label, make in makers:
        started = time.perf_counter()
        method = make()
        shipped_t = getattr(method, "shipped_threshold", shipped_t)
        run.val_preds.update(method.predict(it.text for it in val))
        run.test_preds.update(method.predict(it.text for it in tst))
        timing[label] += time.perf_counter() - started
    for name in list(run.val_preds):
        vp, tp = run.val_preds[name], run.test_preds[name]
        oos_scores = [p.score for it, p in zip(val, vp, strict=True) if it.gold is None]
        t = nd.choose_threshold(oos_scores, [p.score for p in vp], args.max_false)
        run.thresholds[name] = t
        run.rows.append(row(name, run, t, val, vp, tst, tp))
        if name == MATCHER:  # the shipped decision reads the same predictions
            run.thresholds[SHIPPED] = None
            run.rows.append(row(SHIPPED, run, None, val, vp, tst, tp, shipped_t))
    return run


def row(
    name: str,
    run: Run,
    t: float | None,
    val: list[nd.Item],
    vp: list[nd.Pred],
    tst: list[nd.Item],
    tp: list[nd.Pred],
    shown_t: float | None = None,
) -> Row:
    """The figures of one method at threshold ``t`` (None: the matcher's own decision)."""
    return Row(
        name,
        run.seed,
        run.k,
        t if t is not None else shown_t,
        nd.count(tst, tp, t).rates(),
        nd.count(val, vp, t).rates()["false"],
        # the shipped decision is one point, not a curve
        {} if t is None else {f"{r:.0%}": nd.right_at_rate(tst, tp, r) for r in CURVE_RATES},
    )


# --------------------------------------------------------------------------------------------
# Reporting


def spread(values: Sequence[float]) -> dict[str, float]:
    return {"mean": statistics.fmean(values), "min": min(values), "max": max(values)}


def aggregate(runs: list[Run]) -> dict[int, dict[str, dict[str, Any]]]:
    """k -> method -> figure -> mean/min/max over seeds."""
    out: dict[int, dict[str, dict[str, Any]]] = {}
    by: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for run in runs:
        for r in run.rows:
            by[(r.k, r.method)].append(r)
    for (k, method), rows in by.items():
        figures: dict[str, Any] = {
            "threshold": spread([r.threshold for r in rows]),  # type: ignore[misc]
            "validation false answers": spread([r.val_false for r in rows]),
        }
        for key in rows[0].test:
            figures[key] = spread([r.test[key] for r in rows])
        for key in rows[0].at_rate:  # (none for the shipped decision)
            figures[f"right at {key} false (test curve)"] = spread([r.at_rate[key] for r in rows])
        out.setdefault(k, {})[method] = figures
    return out


def fmt(s: dict[str, float], digits: int = 1) -> str:
    if s["max"] - s["min"] < 10**-digits / 2:
        return f"{s['mean']:.{digits}f}"
    return f"{s['mean']:.{digits}f} ({s['min']:.{digits}f}-{s['max']:.{digits}f})"


def fmt_t(s: dict[str, float]) -> str:
    if s["max"] - s["min"] < 5e-4 * max(1.0, abs(s["mean"])):
        return f"{s['mean']:.3g}"
    return f"{s['mean']:.3g} ({s['min']:.3g}-{s['max']:.3g})"


def table(agg: dict[str, dict[str, Any]]) -> list[str]:
    head = ["method", "threshold", "right", "wrong", "false ans.", "top-1"]
    head += [f"right@{r:.0%}FA" for r in CURVE_RATES]
    lines = []
    for method, f in sorted(agg.items(), key=lambda mf: ORDER.get(mf[0], len(ORDER))):
        curve = [f.get(f"right at {r:.0%} false (test curve)") for r in CURVE_RATES]
        lines.append(
            [
                method,
                fmt_t(f["threshold"]) + (" rule" if method == SHIPPED else ""),
                fmt(f["right"]),
                fmt(f["wrong"]),
                fmt(f["false"]),
                fmt(f["top1"]),
                *(fmt(c) if c else "-" for c in curve),
            ]
        )
    widths = [max(len(str(r[i])) for r in [head, *lines]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(head), line(["-" * w for w in widths]), *(line(r) for r in lines)]


def bucket_of(item: nd.Item, vocabulary: set[str]) -> dict[str, str]:
    words = nd.words_of(item.text)
    n = len(item.text.split())
    length = next(name for name, lo, hi in LENGTHS if lo <= n <= hi)
    unseen = len(nd.stems_of(item.text) - vocabulary)
    return {
        "length": length,
        "words no example uses": "none" if unseen == 0 else ("1" if unseen == 1 else "2+"),
        "has a number": "yes" if any(any(c.isdigit() for c in w) for w in words) else "no",
    }


def breakdown(runs: list[Run], test: list[nd.Item], oos_test: list[nd.Item]) -> dict:
    """k -> split -> bucket -> figures, pooled over seeds (counts added up)."""
    out: dict[int, dict[str, Any]] = {}
    tst = test + oos_test
    for run in runs:
        per_k = out.setdefault(
            run.k,
            {
                "in scope": defaultdict(lambda: defaultdict(int)),
                "out of scope": defaultdict(lambda: defaultdict(int)),
            },
        )
        plain, gated = run.test_preds[MATCHER], run.test_preds[GATED]
        t_plain, t_gated = run.thresholds[MATCHER], run.thresholds[GATED]
        for item, p, g in zip(tst, plain, gated, strict=True):
            answers = {
                "conf": p.top if p.score >= t_plain else None,  # type: ignore[operator]
                "gated": g.top if g.score >= t_gated else None,  # type: ignore[operator]
                "shipped": p.answered,
            }
            if item.gold is None:
                cell = per_k["out of scope"][item.kind]
                cell["n"] += 1
                for how, a in answers.items():
                    cell[f"false {how}"] += a is not None
                continue
            for split, bucket in bucket_of(item, run.vocabulary).items():
                cell = per_k["in scope"][f"{split}: {bucket}"]
                cell["n"] += 1
                cell["top1"] += p.top == item.gold
                for how, a in answers.items():
                    cell[f"right {how}"] += a == item.gold
                    cell[f"wrong {how}"] += a is not None and a != item.gold
    return out


def breakdown_lines(bd: dict, seeds: int) -> list[str]:
    lines = []
    for k, parts in bd.items():
        lines.append(
            f"k = {k}: the matcher on test, by question (pooled over {seeds} seed(s);"
            " % of the bucket)"
        )
        head = (
            "bucket",
            "n/seed",
            "top-1",
            "right conf-t",
            "right gated-t",
            "right shipped",
            "wrong shipped",
        )
        rows = []
        order = sorted(parts["in scope"], key=lambda b: (b.split(":")[0], _bucket_rank(b)))
        for b in order:
            c = parts["in scope"][b]
            rows.append((b, f"{c['n'] / seeds:.0f}", *(_pct(c, x) for x in IN_SCOPE_CELLS)))
        lines += _columns(head, rows)
        lines.append(f"k = {k}: false answers on out-of-scope test messages, by kind")
        head2 = ("kind", "n", "conf-t", "gated-t", "shipped")
        rows2 = []
        for kind, c in sorted(parts["out of scope"].items()):
            rows2.append((kind, f"{c['n'] / seeds:.0f}", *(_pct(c, x) for x in OOS_CELLS)))
        lines += _columns(head2, rows2)
        lines.append("")
    return lines


IN_SCOPE_CELLS = ("top1", "right conf", "right gated", "right shipped", "wrong shipped")
OOS_CELLS = ("false conf", "false gated", "false shipped")


def _pct(cell: dict[str, int], key: str) -> str:
    return f"{100 * cell[key] / cell['n']:.1f}"


def _bucket_rank(b: str) -> int:
    value = b.split(": ", 1)[1]
    order = ["<=6 words", "7-12 words", "13+ words", "none", "1", "2+", "no", "yes"]
    return order.index(value) if value in order else 99


def _columns(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "  " + "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(head), *(line(r) for r in rows)]


def misses(run: Run, draw: nd.Draw, oos_val: list[nd.Item], n: int) -> list[str]:
    """A seeded sample of the shipped decision's misses on validation (never on test)."""
    val = draw.validation + oos_val
    preds = run.val_preds[MATCHER]
    wrong = [
        (it, p)
        for it, p in zip(val, preds, strict=True)
        if (it.gold is None and p.answered) or (it.gold and p.answered != it.gold)
    ]
    sample = random.Random(run.seed).sample(wrong, min(n, len(wrong)))
    kinds = Counter(
        "false answer" if it.gold is None else ("wrong answer" if p.answered else p.outcome)
        for it, p in wrong
    )
    lines = [
        f"k = {run.k}, seed {run.seed}: {len(wrong)} of {len(val)} validation questions"
        " missed by the matcher as shipped ("
        + ", ".join(f"{kinds[x]} {x}" for x in ("wrong answer", "suggest", "none", "false answer"))
        + f"); {len(sample)} of them:"
    ]
    for it, p in sample:
        got = f"{p.outcome} {p.answered or p.top or '-'} ({p.score:.2f})"
        text = it.text if len(it.text) <= 90 else it.text[:87] + "..."
        lines.append(f"  {text!r}\n      expected {it.gold or 'nothing'}; got {got}")
    return lines


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    wall = time.perf_counter()
    if not args.matcher_only and (missing := nd.missing_baseline_modules()):
        log(
            f"bench_newdomain: the baselines need {' and '.join(missing)}, which are not "
            "installed. Install the bench extra: pip install -e '.[bench]'"
            " (or run with --matcher-only)."
        )
        return 2
    if not (args.data / "train.csv").is_file() or not (args.data / "test.csv").is_file():
        log(f"bench_newdomain: no BANKING77 train.csv/test.csv in {args.data} (use --data DIR)")
        return 2
    train = nd.read_rows(args.data / "train.csv")
    test = nd.read_rows(args.data / "test.csv")
    oos_val, oos_test = nd.split_oos(nd.read_oos(args.oos))
    timing: dict[str, float] = defaultdict(float)
    runs: list[Run] = []
    draws = []
    for seed in range(args.seeds):
        draw = nd.draw(train, test, seed, args.val_per_intent)
        draws.append(draw)
        for k in args.ks:
            log(f"seed {seed}, k = {k}...")
            runs.append(run_one(args, draw, k, test, oos_val, oos_test, timing))
    agg = aggregate(runs)
    bd = breakdown(runs, test, oos_test) if args.breakdown else None
    wall = time.perf_counter() - wall
    info = {
        "date": dt.date.today().isoformat(),
        "command": " ".join(["python", "benchmarks/bench_newdomain.py", *sys.argv[1:]])
        if argv is None
        else "main(" + repr(list(argv)) + ")",
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "seeds": args.seeds,
        "k": args.ks,
        "max false-answer rate": args.max_false,
        "intents": len({it.gold for it in train}),
        "validation in scope": len(draws[0].validation),
        "validation out of scope": len(oos_val),
        "test in scope": len(test),
        "test out of scope": len(oos_test),
        "training rows left out (text also in test)": draws[0].excluded_in_test,
        "training rows left out as examples (over 300 characters)": draws[0].excluded_too_long,
        "draws refused as another intent's example, per run": {
            f"seed {r.seed} k {r.k}": r.refused for r in runs
        },
        "intents short of k candidates": sum(r.short for r in runs),
        "seconds": {"total": wall, **timing},
    }
    if args.json:
        doc = {
            "info": info,
            "results": {str(k): v for k, v in agg.items()},
            "runs": [asdict(r) for run in runs for r in run.rows],
        }
        if bd is not None:
            doc["breakdown"] = {
                str(k): {s: {b: dict(c) for b, c in v.items()} for s, v in parts.items()}
                for k, parts in bd.items()
            }
        print(json.dumps(doc, indent=1))
        return 0
    refused = sum(r.refused for r in runs)
    print(
        f"BANKING77 new domain: {info['intents']} intents, one fact each, no vocabulary;"
        f" {info['date']}, Python {info['python']}, {info['cores']} cores"
    )
    print(
        f"validation: {info['validation in scope']} in scope ({args.val_per_intent} per"
        f" intent, unused training questions) + {len(oos_val)} out of scope;"
        f" test: {len(test)} in scope (test.csv) + {len(oos_test)} out of scope"
    )
    print(
        f"thresholds: the lowest with <= {args.max_false:.0%} false answers on validation;"
        f" figures on test, mean (min-max) over {args.seeds} seed(s), % of in-scope questions"
        " (false answers: % of out-of-scope ones); right@N%FA: at N % false answers,"
        " read off each method's test curve"
    )
    print(
        f"example draws refused by the validator (same question as another intent's):"
        f" {refused} in {len(runs)} knowledge bases; training rows never used as examples:"
        f" {info['training rows left out (text also in test)']} also in test,"
        f" {info['training rows left out as examples (over 300 characters)']} over 300"
        " characters (seed 0)"
    )
    for k, methods in agg.items():
        print()
        print(f"k = {k} examples per intent ({k * info['intents']} example questions)")
        for line in table(methods):
            print("  " + line)
    if bd is not None:
        print()
        print("\n".join(breakdown_lines(bd, args.seeds)).rstrip())
    if args.show_misses:
        print()
        for run in runs:
            if run.seed == 0:
                print("\n".join(misses(run, draws[0], oos_val, args.show_misses)))
    print()
    secs = ", ".join(f"{name} {s:.1f} s" for name, s in timing.items())
    print(f"time: {wall:.1f} s in all ({secs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
