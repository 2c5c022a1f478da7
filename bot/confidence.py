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
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.outcomes import Evidence

MODEL_FILE = "data/confidence.json"


# The model's inputs, in the order feature_values gives them (see features)
FEATURE_NAMES = (
    "score",
    "runner_up",
    "margin",
    "unknown_gap",
    "coverage",
    "known_coverage",
    "closeness",
    "top3",
    "recall",
    "central",
    "idf_mass",
    "unknown_share",
    "log_tokens",
    "asked",
    "question",
    "own_words",
    "on_topic",
    "short_question",
    "short_statement",
    "named",
    "smalltalk",
)


def feature_values(ev: Evidence) -> tuple[float, ...]:
    """The model's inputs (derived from the evidence, all roughly 0..1 or small), in the
    order of FEATURE_NAMES. (A tuple: Model.probability reads it for every judgement.)"""
    return (
        ev.score,
        ev.runner_up,
        ev.score - ev.runner_up,
        ev.unknown - ev.score,
        ev.coverage,
        ev.known_coverage,
        ev.closeness,
        ev.top3,
        ev.recall,
        ev.central,
        ev.idf_mass,
        ev.unknown_share,
        math.log1p(ev.tokens),
        float(ev.asked),
        float(ev.question),
        float(ev.own_words),
        float(ev.on_topic),
        # a few words are a terse question when asked, chatter when not ("cast?" / "lol ok")
        float(ev.question) / max(1, ev.tokens),
        float(not ev.question) / max(1, ev.tokens),
        float(ev.named),
        ev.smalltalk,
    )


def features(ev: Evidence) -> dict[str, float]:
    """The model's inputs, by name (see feature_values)."""
    return dict(zip(FEATURE_NAMES, feature_values(ev), strict=True))


@dataclass(frozen=True)
class Model:
    """A logistic model over standardised features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, ev: Evidence) -> float:
        x = feature_values(ev)
        z = self.bias + sum(
            [  # (a list, not a generator: the same sum, in the same order, made at once)
                w * (x[at] - m) / s for at, m, s, w in self._terms
            ]
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @cached_property
    def _terms(self) -> tuple[tuple[int, float, float, float], ...]:
        """Each of the model's features, in its order: where feature_values gives it, its
        mean, scale and weight (worked out once; a frozen dataclass without slots keeps it)."""
        at = {name: n for n, name in enumerate(FEATURE_NAMES)}
        return tuple(
            zip(
                [at[name] for name in self.names],
                self.mean,
                self.scale,
                self.weights,
                strict=True,
            )
        )

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
