"""The pieces of the BANKING77 new-domain benchmark (see bench_newdomain.py).

* reading BANKING77 and the hand-written out-of-scope messages;
* the seeded draw of example questions and validation questions per intent;
* the knowledge-base builder: YAML files in a folder, loaded with ``load_knowledge`` exactly
  as an admin's files are, with draws the validator refuses replaced by the next ones;
* the methods (the matcher, TF-IDF and BM25 nearest example), each giving a top-1 fact and a
  score per question;
* the threshold chooser and the scorer.

Only the matcher's public API is used (``load_knowledge``, ``KnowledgeBaseError``,
``Matcher.match`` and its ``MatchResult``, ``Matcher.thresholds``). scikit-learn and
rank-bm25 (the ``bench`` extra) are imported only when a baseline is built, so the rest runs,
and is tested, without them.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import importlib.util
import random
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import snowballstemmer
import yaml

from bot.knowledge import MAX_QUESTION_CHARS, KnowledgeBase, KnowledgeBaseError, load_knowledge
from bot.matching import Matcher

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "banking77"
DEFAULT_OOS = HERE / "data" / "banking77_oos.txt"
SOURCE_KEY = "banking77"
AS_OF = dt.date(2020, 3, 1)  # BANKING77's first public release (Casanueva et al., 2020)
BASELINE_MODULES = {"sklearn": "scikit-learn", "rank_bm25": "rank-bm25"}


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Item:
    """A question with its expected fact id (None: out of scope) and a kind (OOS only)."""

    text: str
    gold: str | None
    kind: str = ""


def fact_id(intent: str) -> str:
    """ "Refund_not_showing_up" -> "refund-not-showing-up", "reverted_card_payment?" ->
    "reverted-card-payment" (ids are lowercase words joined by hyphens)."""
    words = re.findall(r"[a-z0-9]+", intent.lower())
    return "-".join(words)


def humanise(intent: str) -> str:
    """ "card_arrival" -> "card arrival" """
    return fact_id(intent).replace("-", " ")


def read_rows(path: Path) -> list[Item]:
    """BANKING77's ``text,category`` CSV as items whose gold is the fact id."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Item(row["text"], fact_id(row["category"])) for row in csv.DictReader(f)]


def read_oos(path: Path) -> list[Item]:
    """The out-of-scope file: one message a line, ``# kind: NAME`` lines set the kind."""
    items: list[Item] = []
    kind = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# kind:"):
            kind = line.removeprefix("# kind:").strip()
        elif line.strip() and not line.startswith("#"):
            items.append(Item(line.strip(), None, kind))
    return items


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_oos(items: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """Half validation, half test, by a hash of the text (not by kind, not by order)."""
    ordered = sorted(items, key=lambda it: _hash(it.text))
    half = (len(ordered) + 1) // 2
    return ordered[:half], ordered[half:]


def norm(text: str) -> str:
    """Case and spacing folded: how two BANKING77 rows are seen as the same text."""
    return " ".join(text.lower().split())


def words_of(text: str) -> list[str]:
    """Word tokens (lowercase letters and digits), as BM25 sees them."""
    return re.findall(r"[a-z0-9]+", text.lower())


_stemmer = snowballstemmer.stemmer("english")


def stems_of(text: str) -> set[str]:
    """The Snowball stems of a text's words: "a word no example uses" in the breakdown is a
    stem no example question has ("cards" is not new where an example says "card")."""
    return set(_stemmer.stemWords(words_of(text)))


# --------------------------------------------------------------------------------------------
# The draw: example candidates and validation questions per intent


@dataclass
class Draw:
    """One seed's draw from the training set."""

    seed: int
    candidates: dict[str, list[str]]  # fact id -> example candidates, in drawn order
    validation: list[Item]
    excluded_in_test: int = 0  # training rows whose text is also a test question
    excluded_too_long: int = 0  # longer than the validator allows for an example


def draw(train: Sequence[Item], test: Sequence[Item], seed: int, val_per_intent: int) -> Draw:
    """Shuffle each intent's training questions with a seeded RNG; the last
    ``val_per_intent`` are validation, the rest (in order) are example candidates.

    Training rows whose text is also in the test set are left out of both (so no test
    question is ever an example), and so are exact repeats within an intent. Rows longer than
    the validator accepts for an example question may still be validation questions.
    """
    test_texts = {norm(it.text) for it in test}
    by_intent: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    in_test = 0
    for it in train:
        assert it.gold is not None
        key = (it.gold, norm(it.text))
        if key[1] in test_texts:
            in_test += 1
            continue
        if key in seen:
            continue
        seen.add(key)
        by_intent.setdefault(it.gold, []).append(it.text)
    candidates: dict[str, list[str]] = {}
    validation: list[Item] = []
    too_long = 0
    for intent in sorted(by_intent):
        pool = list(by_intent[intent])
        random.Random(f"{seed}:{intent}").shuffle(pool)
        cut = len(pool) - val_per_intent
        validation.extend(Item(text, intent) for text in pool[cut:])
        fitting = [q for q in pool[:cut] if len(q) <= MAX_QUESTION_CHARS]
        too_long += cut - len(fitting)
        candidates[intent] = fitting
    return Draw(seed, candidates, validation, in_test, too_long)


# --------------------------------------------------------------------------------------------
# The knowledge base, as an admin would write it


@dataclass
class Built:
    """A knowledge base built from one draw with ``k`` examples per intent."""

    k: int
    kb: KnowledgeBase
    examples: dict[str, list[str]]  # fact id -> its example questions
    refused: list[tuple[str, str]] = field(default_factory=list)  # (fact id, question)
    short: list[str] = field(default_factory=list)  # intents that ran out of candidates


def answer_text(intent: str) -> str:
    """A neutral answer naming the intent: BANKING77 has no answers, so this is all there is.
    Apart from the intent's name it is only stopwords."""
    return f"This is {humanise(intent)}."


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper, without anchors and aliases (``as_of: *id001``): admins
    write every date out."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_knowledge(folder: Path, examples: dict[str, list[str]]) -> None:
    """``sources.yaml`` and ``facts.yaml`` in the shipped schema (no vocabulary, keywords or
    unknowns), written by PyYAML's safe dumper so quotes, colons and '#' in questions survive."""
    sources = {
        "sources": {
            SOURCE_KEY: {
                "title": "BANKING77 intent detection dataset",
                "date": AS_OF,
                "outlet": "PolyAI (Casanueva et al., 2020)",
            }
        }
    }
    facts = [
        {
            "id": intent,
            "title": humanise(intent),
            "answer": answer_text(intent),
            "status": "official",
            "as_of": AS_OF,
            "sources": [SOURCE_KEY],
            "questions": questions,
        }
        for intent, questions in examples.items()
    ]
    for name, doc in (("sources.yaml", sources), ("facts.yaml", {"facts": facts})):
        text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
        (folder / name).write_text(text, encoding="utf-8")


_DUPLICATE_WHERE = re.compile(r"^'(?P<id>[a-z0-9-]+)' question (?P<q>(['\"]).*\3)$", re.DOTALL)


def _refused_examples(error: KnowledgeBaseError) -> list[tuple[str, str]]:
    """(fact id, question) of each example refused as "the same question is also an example
    of" another fact; any other problem is raised again (the builder must not make them)."""
    refused = []
    for problem in error.problems:
        found = _DUPLICATE_WHERE.match(problem.where)
        if not found or "is also an example of" not in problem.message:
            raise error
        refused.append((found["id"], ast.literal_eval(found["q"])))
    return refused


def build(candidates: dict[str, list[str]], k: int, folder: Path | None = None) -> Built:
    """Load a knowledge base with the first ``k`` candidates of each intent as its examples.

    When the validator refuses an example as the same question as another fact's (it keeps
    the first fact's), that draw is skipped and the intent's next candidate is taken; the
    knowledge base is then written and loaded again.
    """
    refused: set[tuple[str, str]] = set()
    refused_order: list[tuple[str, str]] = []
    while True:
        examples: dict[str, list[str]] = {}
        short = []
        for intent, pool in candidates.items():
            chosen = [q for q in pool if (intent, q) not in refused][:k]
            if len(chosen) < k:
                short.append(intent)
            examples[intent] = chosen
        with tempfile.TemporaryDirectory(prefix="banking77-kb-") as tmp:
            target = folder or Path(tmp)
            target.mkdir(parents=True, exist_ok=True)
            write_knowledge(target, examples)
            try:
                kb = load_knowledge(target)
            except KnowledgeBaseError as exc:
                new = [r for r in _refused_examples(exc) if r not in refused]
                if not new:
                    raise
                refused.update(new)
                refused_order.extend(new)
                continue
        return Built(k, kb, examples, refused_order, short)


# --------------------------------------------------------------------------------------------
# Methods: each gives, per question, a top-1 fact id (or None) and a score


@dataclass(frozen=True)
class Pred:
    """One method's view of one question."""

    top: str | None
    score: float
    answered: str | None = None  # the matcher as shipped: the fact it answers with, if any
    outcome: str = ""


class MatcherMethod:
    """The bot's matcher. Top-1 is the answered fact, else the best ranked one. It gives two
    scores (see ``predict``): its confidence, and its confidence behind its own gates."""

    name = "matcher"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.matcher = Matcher(kb)
        self.shipped_threshold = self.matcher.thresholds.answer
        # Every rule of the shipped decision but the answer threshold: the margin over the
        # runner-up, words of the fact's own examples, known unknowns, clauses.
        self.ungated = self.matcher.with_thresholds(replace(self.matcher.thresholds, answer=0.0))

    def predict(self, texts: Iterable[str]) -> dict[str, list[Pred]]:
        """``matcher``: the score is ``MatchResult.confidence``, and ``answered`` is the
        shipped decision. ``matcher gated``: the score is the confidence when the matcher
        would answer at an answer threshold of 0, and the confidence - 1 otherwise, so that a
        threshold on it applies the matcher's other rules too (at the shipped threshold it
        gives nearly the shipped decision)."""
        plain, gated = [], []
        for text in texts:
            result = self.matcher.match(text)
            top = result.id or result.ranked_first
            answered = result.id if result.outcome == "answer" else None
            plain.append(Pred(top, float(result.confidence), answered, result.outcome))
            other = self.ungated.match(text)
            if other.outcome == "answer":
                gated.append(Pred(other.id, float(other.confidence), answered, result.outcome))
            else:
                gated.append(Pred(top, float(other.confidence) - 1, answered, result.outcome))
        return {"matcher": plain, "matcher gated": gated}


def missing_baseline_modules() -> list[str]:
    """The pip names of the baseline libraries that are not installed."""
    return [pip for mod, pip in BASELINE_MODULES.items() if importlib.util.find_spec(mod) is None]


class TfidfNearest:
    """scikit-learn TF-IDF over character n-grams within word boundaries, sublinear tf; the
    nearest example question by cosine gives the fact and the score."""

    def __init__(self, examples: dict[str, list[str]], ngrams: tuple[int, int] = (2, 4)) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.name = f"tf-idf char {ngrams[0]}-{ngrams[1]}"
        self.ids = [intent for intent, qs in examples.items() for _ in qs]
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=ngrams, sublinear_tf=True, lowercase=True
        )
        self.matrix = self.vectorizer.fit_transform([q for qs in examples.values() for q in qs])

    def predict(self, texts: Iterable[str]) -> dict[str, list[Pred]]:
        sims = (self.vectorizer.transform(list(texts)) @ self.matrix.T).toarray()
        best = sims.argmax(axis=1)
        preds = [
            Pred(self.ids[b] if sims[i, b] > 0 else None, float(sims[i, b]))
            for i, b in enumerate(best)
        ]
        return {self.name: preds}


class BM25Nearest:
    """rank-bm25's BM25Okapi (k1 1.5, b 0.75) over lowercase word tokens, each example
    question a document; the best-scoring example gives the fact and the (raw) score."""

    name = "bm25 words"

    def __init__(self, examples: dict[str, list[str]]) -> None:
        from rank_bm25 import BM25Okapi

        self.ids = [intent for intent, qs in examples.items() for _ in qs]
        self.bm25 = BM25Okapi([words_of(q) for qs in examples.values() for q in qs])

    def predict(self, texts: Iterable[str]) -> dict[str, list[Pred]]:
        out = []
        for text in texts:
            scores = self.bm25.get_scores(words_of(text))
            b = int(scores.argmax())
            out.append(Pred(self.ids[b] if scores[b] > 0 else None, float(scores[b])))
        return {self.name: out}


# --------------------------------------------------------------------------------------------
# Thresholds and scores


def false_answer_rate(oos_scores: Sequence[float], threshold: float) -> float:
    return sum(s >= threshold for s in oos_scores) / len(oos_scores) if oos_scores else 0.0


def choose_threshold(
    oos_scores: Sequence[float], candidates: Iterable[float], max_rate: float
) -> float:
    """The lowest candidate threshold at which at most ``max_rate`` of the out-of-scope scores
    reach it (a question is answered when its score >= the threshold). The candidates are the
    scores seen on validation; +inf (answer nothing) when none meets the rate."""
    for t in sorted(set(candidates)):
        if false_answer_rate(oos_scores, t) <= max_rate:
            return t
    return float("inf")


@dataclass(frozen=True)
class Counts:
    """How a method did on one set of questions."""

    n_in: int
    n_oos: int
    right: int  # in-scope, answered with the right fact
    wrong: int  # in-scope, answered with another fact
    false: int  # out of scope, answered
    top1: int  # in-scope, right fact ranked first (whatever the score)

    def rates(self) -> dict[str, float]:
        """Percentages: answered right, answered wrong, false answers, top-1."""
        return {
            "right": 100 * self.right / self.n_in if self.n_in else 0.0,
            "wrong": 100 * self.wrong / self.n_in if self.n_in else 0.0,
            "false": 100 * self.false / self.n_oos if self.n_oos else 0.0,
            "top1": 100 * self.top1 / self.n_in if self.n_in else 0.0,
        }


def count(items: Sequence[Item], preds: Sequence[Pred], threshold: float | None) -> Counts:
    """Right, wrong and false answers when answering at ``threshold``; ``None`` means the
    matcher's own decision as shipped (``Pred.answered``)."""
    right = wrong = false = top1 = n_in = 0
    for item, pred in zip(items, preds, strict=True):
        if threshold is None:
            answer = pred.answered
        else:
            answer = pred.top if pred.score >= threshold else None
        if item.gold is None:
            false += answer is not None
            continue
        n_in += 1
        top1 += pred.top == item.gold
        if answer is not None:
            right += answer == item.gold
            wrong += answer != item.gold
    return Counts(n_in, len(items) - n_in, right, wrong, false, top1)


def right_at_rate(items: Sequence[Item], preds: Sequence[Pred], max_rate: float) -> float:
    """Answered-right % at the lowest threshold whose false-answer rate on these very items is
    at most ``max_rate`` (read from their own curve: for comparing methods, not for tuning)."""
    oos = [p.score for it, p in zip(items, preds, strict=True) if it.gold is None]
    t = choose_threshold(oos, [p.score for p in preds], max_rate)
    return count(items, preds, t).rates()["right"]
