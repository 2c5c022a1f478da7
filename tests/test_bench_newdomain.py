"""The BANKING77 new-domain benchmark's pieces (benchmarks/_newdomain.py) on hand-made data.

Nothing here needs the benchmark's optional baselines (the ``bench`` extra): the tests that
use scikit-learn or rank-bm25 are skipped without them. The real BANKING77 files are used
only where they are present (they live in shared/, beside the repository).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _newdomain as nd  # noqa: E402
import bench_newdomain  # noqa: E402

Item, Pred = nd.Item, nd.Pred

TOPICS = {
    "card_arrival": "where is my new card, it has not come in the post",
    "Refund_not_showing_up": "my refund from the shop is missing from my statement",
    "reverted_card_payment?": "a card payment was taken back and then reverted",
}


def _rows(n: int, offset: int = 0) -> list[Item]:
    """n distinct questions per intent, numbered so that no two are alike."""
    return [
        Item(f"{text} ({i + offset}) #{intent[:3]}: 'really'?", nd.fact_id(intent))
        for intent, text in TOPICS.items()
        for i in range(n)
    ]


def test_ids_and_titles_follow_the_knowledge_base_schema() -> None:
    assert nd.fact_id("Refund_not_showing_up") == "refund-not-showing-up"
    assert nd.fact_id("reverted_card_payment?") == "reverted-card-payment"
    assert nd.humanise("card_arrival") == "card arrival"


def test_the_built_knowledge_base_loads_as_an_admins_files_do(tmp_path: Path) -> None:
    candidates = {
        "card-arrival": ["yes", "1234", 'my "card": not here # yet', "- where is it"],
        "refund-not-showing-up": ["no refund?", "refund: where", "it's 'missing'", "null"],
    }
    built = nd.build(candidates, 3, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.yaml", "sources.yaml"]
    again = load_knowledge(tmp_path)  # the files on disk are a valid knowledge base
    for kb in (built.kb, again):
        assert [f.id for f in kb.facts] == ["card-arrival", "refund-not-showing-up"]
        assert kb.facts[0].questions == ["yes", "1234", 'my "card": not here # yet']
        assert kb.facts[1].title == "refund not showing up"
        assert not kb.vocabulary.synonyms and not kb.unknowns
        assert all(not f.keywords and f.status == "official" for f in kb.facts)
    assert built.refused == [] and built.short == []
    assert "*id" not in (tmp_path / "facts.yaml").read_text()  # dates written out, no aliases


def test_a_question_refused_as_another_facts_example_is_replaced_by_the_next_draw() -> None:
    candidates = {
        "top-up-failed": ["How do I top up?", "my top up failed", "top up broken"],
        "topping-up-by-card": ["how do i top up", "top up with a card", "card top up"],
    }
    built = nd.build(candidates, 2)
    assert built.refused == [("topping-up-by-card", "how do i top up")]
    assert built.examples["topping-up-by-card"] == ["top up with a card", "card top up"]
    assert built.kb.fact("top-up-failed").questions == ["How do I top up?", "my top up failed"]


def test_an_intent_short_of_candidates_is_noted() -> None:
    built = nd.build({"a": ["one question here"], "b": ["another question", "and more"]}, 2)
    assert built.short == ["a"]


def test_splits_are_disjoint_and_seeded() -> None:
    train = _rows(12)
    test = [*_rows(2, offset=100), Item(train[0].text.upper(), train[0].gold)]
    draw = nd.draw(train, test, seed=1, val_per_intent=3)
    assert draw.excluded_in_test == 1  # a training row that is also a test question
    test_texts = {nd.norm(it.text) for it in test}
    val_texts = {nd.norm(it.text) for it in draw.validation}
    assert len(draw.validation) == 3 * len(TOPICS)
    for k in (2, 5):
        built = nd.build(draw.candidates, k)
        examples = {nd.norm(q) for f in built.kb.facts for q in f.questions}
        assert len(examples) == k * len(TOPICS)
        assert not examples & test_texts
        assert not examples & val_texts
    assert nd.draw(train, test, seed=1, val_per_intent=3) == draw
    assert nd.draw(train, test, seed=2, val_per_intent=3).validation != draw.validation


def test_the_threshold_chooser_picks_the_lowest_threshold_meeting_the_rate() -> None:
    oos = [0.9, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.0, 0.0, 0.0]  # 10 out-of-scope scores
    in_scope = [0.95, 0.7, 0.55, 0.45, 0.35]
    candidates = oos + in_scope
    # 10 %: one false answer allowed, so anything above 0.5: 0.55 is the lowest seen
    assert nd.choose_threshold(oos, candidates, 0.10) == 0.55
    # 20 %: two allowed (0.9 and 0.5), so anything above 0.4
    assert nd.choose_threshold(oos, candidates, 0.20) == 0.45
    assert nd.choose_threshold(oos, candidates, 0.0) == 0.95
    assert nd.choose_threshold(oos, oos, 0.0) == float("inf")  # nothing above 0.9 was seen
    assert nd.choose_threshold(oos, candidates, 1.0) == 0.0


def test_the_scorer_counts_right_wrong_and_false_answers() -> None:
    items = [
        Item("a1", "a"),  # right, above the threshold
        Item("a2", "a"),  # right top-1 but below the threshold: not answered
        Item("b1", "b"),  # wrong, above: a wrong answer
        Item("b2", "b"),  # nothing ranked at all
        Item("x1", None),  # out of scope, above: a false answer
        Item("x2", None),  # out of scope, below
    ]
    preds = [
        Pred("a", 0.9, answered="a"),
        Pred("a", 0.3, answered="a"),
        Pred("a", 0.8),
        Pred(None, 0.0),
        Pred("b", 0.7),
        Pred("a", 0.2, answered="b"),
    ]
    at = nd.count(items, preds, 0.5)
    assert (at.n_in, at.n_oos, at.right, at.wrong, at.false, at.top1) == (4, 2, 1, 1, 1, 2)
    assert at.rates() == {"right": 25.0, "wrong": 25.0, "false": 50.0, "top1": 50.0}
    shipped = nd.count(items, preds, None)  # the matcher's own decision: Pred.answered
    assert (shipped.right, shipped.wrong, shipped.false) == (2, 0, 1)
    # read off the items' own curve: at 0 % false answers the threshold goes above 0.7
    assert nd.right_at_rate(items, preds, 0.0) == 25.0


def test_out_of_scope_file_kinds_and_hash_split(tmp_path: Path) -> None:
    path = tmp_path / "oos.txt"
    path.write_text("# header\n# kind: chatter\n## greetings\nhello\n\nlol\n# kind: near\ntax?\n")
    items = nd.read_oos(path)
    assert [(it.text, it.gold, it.kind) for it in items] == [
        ("hello", None, "chatter"),
        ("lol", None, "chatter"),
        ("tax?", None, "near"),
    ]
    real = nd.read_oos(nd.DEFAULT_OOS)
    assert 380 <= len(real) <= 420
    assert len({it.text for it in real}) == len(real)
    assert {it.kind for it in real} == {"chatter", "other-domain", "near-domain"}
    val, test = nd.split_oos(real)
    assert abs(len(val) - len(test)) <= 1
    assert not {it.text for it in val} & {it.text for it in test}
    assert nd.split_oos(list(reversed(real))) == (val, test)  # by hash, not by order
    assert {it.kind for it in val} == {it.kind for it in test}


def _write_csv(path: Path, items: list[Item]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "category"])
        writer.writerows([it.text, it.gold] for it in items)


def test_the_script_runs_end_to_end_without_the_baselines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_csv(tmp_path / "train.csv", _rows(10))
    _write_csv(tmp_path / "test.csv", _rows(3, offset=50))
    (tmp_path / "oos.txt").write_text("# kind: chatter\nhello\nlol\nwhat's the weather\nbye\n")
    argv = ["--matcher-only", "--seeds", "2", "--k", "2,4", "--val-per-intent", "3"]
    argv += ["--data", str(tmp_path), "--oos", str(tmp_path / "oos.txt")]
    assert bench_newdomain.main([*argv, "--breakdown", "--show-misses", "2"]) == 0
    out = capsys.readouterr().out
    assert "k = 2 examples per intent" in out and "k = 4 examples per intent" in out
    assert "matcher as shipped" in out and "words no example uses" in out
    assert bench_newdomain.main([*argv, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    figures = doc["results"]["4"]["matcher"]
    assert set(figures) >= {"threshold", "right", "wrong", "false", "top1"}
    assert 0 <= figures["right"]["min"] <= figures["right"]["max"] <= 100


def test_missing_baselines_give_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(nd, "missing_baseline_modules", lambda: ["scikit-learn"])
    assert bench_newdomain.main(["--seeds", "1"]) == 2
    assert "pip install -e '.[bench]'" in capsys.readouterr().err


def test_baselines_find_the_nearest_example() -> None:
    pytest.importorskip("sklearn")
    pytest.importorskip("rank_bm25")
    examples = {
        "card-arrival": ["where is my card", "my card has not arrived"],
        "exchange-rate": ["what exchange rate do you use", "is the exchange rate fair"],
        "change-pin": ["how do i change my pin", "new pin please"],
    }
    texts = ["my card still has not arrived", "your exchange rate", "🙂"]
    for method in (nd.TfidfNearest(examples), nd.BM25Nearest(examples)):
        (preds,) = method.predict(texts).values()
        assert [p.top for p in preds[:2]] == ["card-arrival", "exchange-rate"]
        assert preds[2].top is None and preds[2].score == 0.0


@pytest.mark.skipif(
    not (nd.DEFAULT_DATA / "train.csv").is_file(), reason="BANKING77 not beside the repo"
)
def test_the_real_banking77_builds_into_77_facts() -> None:
    train = nd.read_rows(nd.DEFAULT_DATA / "train.csv")
    test = nd.read_rows(nd.DEFAULT_DATA / "test.csv")
    draw = nd.draw(train, test, seed=0, val_per_intent=10)
    built = nd.build(draw.candidates, 10)
    assert len(built.kb.facts) == 77 and built.kb.question_count == 770
    examples = {nd.norm(q) for f in built.kb.facts for q in f.questions}
    assert not examples & {nd.norm(it.text) for it in test}
    assert not examples & {nd.norm(it.text) for it in draw.validation}
