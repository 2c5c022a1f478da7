"""Calibrated confidence: how likely the best fact is the right answer (pure).

The matcher ranks facts by how much of a message their example questions and keywords
explain (:mod:`bot.matching`). Whether to *answer* is a different question: "i need a
minute" is fully explained by the one word it shares with "how many minutes have been
watched", yet nobody asked about viewership. The answer depends on what the admin's
examples say about the match (:class:`~bot.outcomes.Evidence`): how much of an example the
message repeats, whether the words it shares are the ones most of the fact's examples use,
how rare they are across facts, how far ahead of the next fact it is, how much of the
message no entry knows at all, whether it reads as a question.

A logistic model turns those features into a probability. Its weights are data
(``bot/data/confidence.json``), fitted by ``tools/train_confidence.py`` on questions of two
unrelated domains (the shipped Ballard base and BANKING77 bases built only from example
questions), and checked on domains it never saw; they do not depend on any fact or word.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.outcomes import Evidence

MODEL_FILE = "data/confidence.json"


def features(ev: Evidence) -> dict[str, float]:
    """The model's inputs, by name (derived from the evidence, all roughly 0..1 or small)."""
    return {
        "score": ev.score,
        "runner_up": ev.runner_up,
        "margin": ev.score - ev.runner_up,
        "unknown_gap": ev.unknown - ev.score,
        "coverage": ev.coverage,
        "known_coverage": ev.known_coverage,
        "closeness": ev.closeness,
        "top3": ev.top3,
        "recall": ev.recall,
        "central": ev.central,
        "idf_mass": ev.idf_mass,
        "unknown_share": ev.unknown_share,
        "log_tokens": math.log1p(ev.tokens),
        "asked": float(ev.asked),
        "question": float(ev.question),
        "own_words": float(ev.own_words),
        "on_topic": float(ev.on_topic),
        # a few words are a terse question when asked, chatter when not ("cast?" / "lol ok")
        "short_question": float(ev.question) / max(1, ev.tokens),
        "short_statement": float(not ev.question) / max(1, ev.tokens),
        "named": float(ev.named),
        "smalltalk": ev.smalltalk,
    }


@dataclass(frozen=True)
class Model:
    """A logistic model over standardised features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, ev: Evidence) -> float:
        x = features(ev)
        z = self.bias + sum(
            [  # (a list, not a generator: the same sum, in the same order, made at once)
                w * (x[name] - m) / s
                for name, m, s, w in zip(
                    self.names, self.mean, self.scale, self.weights, strict=True
                )
            ]
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self, **about: object) -> str:
        return json.dumps(
            {
                "about": about,
                "features": {
                    name: {"mean": m, "scale": s, "weight": w}
                    for name, m, s, w in zip(
                        self.names, self.mean, self.scale, self.weights, strict=True
                    )
                },
                "bias": self.bias,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        table = data["features"]
        names = tuple(table)
        return cls(
            names=names,
            mean=tuple(float(table[n]["mean"]) for n in names),
            scale=tuple(float(table[n]["scale"]) for n in names),
            weights=tuple(float(table[n]["weight"]) for n in names),
            bias=float(data["bias"]),
        )


@cache
def shipped_model() -> Model:
    """The model shipped in bot/data/confidence.json."""
    text = resources.files("bot").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(text)
