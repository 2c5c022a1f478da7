#!/usr/bin/env python
"""Can a base's own examples set its confidence? Two development-time experiments over the
development bases (the bot does not use them).

    python tools/base_probe.py      # ~2.5 minutes on 2 cores; needs '.[bench]' (scikit-learn)

The calibrated confidence (bot/confidence.py) is one logistic model for every base, so the
share of out-of-scope messages a new base answers varies from base to base (0.7 to 5.3 % on
the development domains). Both experiments ask whether what an admin wrote, the base's
example questions, tells the model or the threshold where a base stands. Each example is
asked of the base without it (leave-one-out, as ``bot.evaluation.left_out`` builds it), over
the eight domains of eval/domains-dev/ and the shipped Ballard base with its development sets
(tools/generalisation.py DEV_SETS), whose mistakes may be read.

1. **Features normalised by the base.** The matcher's evidence features (bot.confidence
   ``features``) of each labelled message, with each base left out in turn: a logistic model
   fitted on the other bases, over the raw features, then with them centred or z-scored by
   the base's leave-one-out examples' means (and spreads), or with those means as features
   of their own. Printed: the share of the left-out base's in-scope messages whose best
   fact is right and scored above the best threshold for at most 2 % false answers (an upper
   bound), and the right / false answers at the threshold that gives 2 % over the other
   bases; then the shipped model's upper bound and the shipped decisions.
2. **Near misses made from the base's examples.** Each example with its rarest word
   (absent from or rarest in bot/data/common_words.txt, not a stopword) replaced by a random
   everyday word (Zipf 3.5 to 5), asked of the base without that example: the share the
   matcher answers, beside the base's real out-of-scope messages answered. A base whose
   made-up near misses are answered more often would be one to answer more carefully, if
   the two rose together.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import generalisation as g  # noqa: E402
from semantic_probe import right_at  # noqa: E402  (the same measure as the other probes')

from bot.cleaning import clean  # noqa: E402
from bot.confidence import features, shipped_model  # noqa: E402
from bot.evaluation import left_out, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.text import words  # noqa: E402

MAX_FALSE = 0.02
VARIANTS = ("raw", "centred", "z-scored", "base means")
EVERYDAY_ZIPF = (3.5, 5.0)  # the words a made-up near miss swaps in
RARE_ZIPF = 4.5  # a word rarer than this in English (or absent) may be the one swapped out


@dataclass
class Base:
    name: str
    x: np.ndarray  # features of each labelled message (zeros where nothing was ranked)
    ranked: np.ndarray  # something was ranked
    right: np.ndarray  # in scope, and the best-ranked fact is right
    oos: np.ndarray  # out of scope
    shipped: np.ndarray  # the shipped model's probability
    answered_right: int  # shipped decisions
    answered_oos: int
    loo: np.ndarray  # features of each example asked without it
    made_up: list[bool] = field(default_factory=list)  # made-up near miss answered


def common() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in (REPO / "bot" / "data" / "common_words.txt").read_text().splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        zipf, listed = line.split("\t", 1)
        out.update(dict.fromkeys(listed.split(), float(zipf)))
    return out


def bases():
    for folder in sorted(p for p in g.DEV_DOMAINS.iterdir() if p.is_dir()):
        items = read_labelled(folder / "test.jsonl") + read_labelled(folder / "oos.jsonl")
        yield folder.name, g.domain_kb(folder), items
    kb = load_knowledge(REPO / "knowledge")
    items = [i for path in g.DEV_SETS.values() if path.exists() for i in read_labelled(path)]
    yield "ballard", kb, items


def collect() -> list[Base]:
    everyday = common()
    pool = sorted(
        w
        for w, z in everyday.items()
        if EVERYDAY_ZIPF[0] <= z <= EVERYDAY_ZIPF[1] and w.isalpha() and len(w) >= 4
    )
    stop = set((REPO / "bot" / "data" / "stopwords.txt").read_text().split())
    model = shipped_model()
    out = []
    for name, kb, items in bases():
        matcher = Matcher(kb)
        names = None
        x, ranked, right, oos, shipped = [], [], [], [], []
        answered_right = answered_oos = 0
        for it in items:
            best, ev = matcher.evidence(it.question)
            result = matcher.match(it.question)
            answered = result.outcome == "answer"
            answered_right += answered and result.id in it.labels
            answered_oos += answered and not it.in_scope
            f = features(ev) if ev is not None else None
            names = names or (list(f) if f else None)
            x.append(list(f.values()) if f else None)
            ranked.append(f is not None)
            right.append(it.in_scope and best in it.labels)
            oos.append(not it.in_scope)
            shipped.append(model.probability(ev) if ev is not None else 0.0)
        width = len(names or [])
        rows = np.array([r if r is not None else [0.0] * width for r in x])
        rng = random.Random(name)
        loo, made_up = [], []
        for question, _fact_id, without in left_out(kb):
            m = Matcher(without)
            _, ev = m.evidence(question)
            if ev is not None:
                loo.append(list(features(ev).values()))
            said = words(clean(question))
            rare = [w for w in said if w not in stop and everyday.get(w, 0.0) < RARE_ZIPF]
            if rare:
                swapped = min(rare, key=lambda w: (everyday.get(w, 0.0), -len(w)))
                text = " ".join(rng.choice(pool) if w == swapped else w for w in said)
                made_up.append(m.match(text).outcome == "answer")
        out.append(
            Base(
                name,
                rows,
                np.array(ranked),
                np.array(right),
                np.array(oos),
                np.array(shipped),
                answered_right,
                answered_oos,
                np.array(loo),
                made_up,
            )
        )
        print(f"  {name}: {len(items)} messages, {len(loo)} examples left out", flush=True)
    return out


def design(base: Base, variant: str) -> np.ndarray:
    mean, spread = base.loo.mean(0), base.loo.std(0) + 1e-6
    if variant == "raw":
        return base.x
    if variant == "centred":
        return np.hstack([base.x, base.x - mean])
    if variant == "z-scored":
        return np.hstack([base.x, (base.x - mean) / spread])
    return np.hstack([base.x, np.tile(mean, (len(base.x), 1))])


def scores(fitted, base: Base, variant: str) -> np.ndarray:
    scaler, model = fitted
    return np.where(
        base.ranked, model.predict_proba(scaler.transform(design(base, variant)))[:, 1], 0
    )


def normalised(all_bases: list[Base]) -> None:
    print(
        "\n1. features normalised by the base: right at <= 2 % false (best threshold) | "
        "at the other bases' 2 % threshold, right / false %"
    )
    print("   " + "".join(f"{b.name[:11]:>12}" for b in all_bases) + "   domains' mean")
    for variant in VARIANTS:
        bound, fixed = [], []
        for held in all_bases:
            rest = [b for b in all_bases if b is not held]
            xs = np.vstack([design(b, variant)[b.ranked] for b in rest])
            ys = np.concatenate([b.right[b.ranked] for b in rest])
            scaler = StandardScaler().fit(xs)
            fitted = (scaler, LogisticRegression(max_iter=2000).fit(scaler.transform(xs), ys))
            s = scores(fitted, held, variant)
            bound.append(right_at(list(s), list(held.right), list(held.oos), MAX_FALSE))
            pooled = np.concatenate([scores(fitted, b, variant)[b.oos] for b in rest])
            threshold = np.quantile(pooled, 1 - MAX_FALSE)
            answered = s > threshold
            fixed.append(
                (
                    (answered & held.right & ~held.oos).sum() / (~held.oos).sum(),
                    (answered & held.oos).sum() / held.oos.sum(),
                )
            )
        mean = np.mean(bound[:-1])  # the domains, Ballard apart
        print(
            f"   {variant:<11}" + "".join(f"{100 * v:11.1f} " for v in bound) + f"{100 * mean:9.1f}"
        )
        print(f"   {'':<11}" + "".join(f"{100 * r:6.0f}/{100 * f:4.1f}" for r, f in fixed))
    bound = [right_at(list(b.shipped), list(b.right), list(b.oos), MAX_FALSE) for b in all_bases]
    print(
        f"   {'shipped':<11}"
        + "".join(f"{100 * v:11.1f} " for v in bound)
        + f"{100 * np.mean(bound[:-1]):9.1f}"
    )
    print(
        f"   {'decisions':<11}"
        + "".join(
            f"{100 * b.answered_right / n_in:6.0f}/{100 * b.answered_oos / n_out:4.1f}"
            for b in all_bases
            for n_in, n_out in [((~b.oos).sum(), b.oos.sum())]
        )
    )


def made_up(all_bases: list[Base]) -> None:
    print(
        "\n2. near misses made from the base's examples, answered, beside its real "
        "out-of-scope messages answered (%)"
    )
    for b in all_bases:
        share = 100 * sum(b.made_up) / max(1, len(b.made_up))
        real = 100 * b.answered_oos / b.oos.sum()
        print(
            f"   {b.name:<14} made up {share:5.1f} of {len(b.made_up):>4}"
            f"   real {real:5.1f} of {b.oos.sum()}"
        )
    pairs = np.array(
        [(sum(b.made_up) / max(1, len(b.made_up)), b.answered_oos / b.oos.sum()) for b in all_bases]
    )
    print(f"   correlation over the {len(all_bases)} bases: {np.corrcoef(pairs.T)[0, 1]:.2f}")


def main() -> int:
    print("collecting (each example asked of its base without it)...")
    all_bases = collect()
    normalised(all_bases)
    made_up(all_bases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
