"""Everyday words of customer-service questions read as the base's own word of their group
(bot/data/faq_synonyms.txt, VocabularyTables.fill_in_synonyms, the ``faq_synonyms`` setting),
and the list's own checks (tools/faq_synonyms.py). The shop base here is written for these
tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge import load_knowledge
from bot.matching import Matcher
from bot.problems import KnowledgeBaseError
from bot.vocabulary_tables import faq_synonyms
from tests.conftest import SOURCE_YAML, WriteKb, load_tool
from tests.test_cli import run as run_cli

faq_tool = load_tool("faq_synonyms")

SHOP = """\
facts:
  - id: refunds
    answer: Refunds go back to the card you paid with within 5 working days.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - How do I get a refund?
      - Can I get a refund on my order?
      - refund
  - id: delivery-price
    answer: Delivery is 3.95 and free on orders over 40.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - How much is delivery?
      - What does delivery cost?
  - id: opening-times
    answer: The shop opens 9 to 5, Monday to Saturday.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - When does the shop open?
      - What time do you close on Saturday?
"""

OFF = SOURCE_YAML + "settings:\n  faq_synonyms: false\n"


def _shop(write_kb: WriteKb, *, synonyms: bool = True) -> Matcher:
    files = {"shop.yaml": SHOP}
    if not synonyms:
        files["sources.yaml"] = OFF
    return Matcher(load_knowledge(write_kb(files)))


def _tokens(matcher: Matcher, text: str) -> list[str]:
    return [t.text for t in matcher.lexicon.analyse(text).tokens]


def test_a_customers_word_is_read_as_the_bases_word_of_its_group(write_kb: WriteKb) -> None:
    """ "reimbursed" is "refund" in a base that says "refund" and never "reimburse", and the
    question gets the refunds fact; with the setting off it is a word no fact uses."""
    on = _shop(write_kb)
    assert _tokens(on, "can i be reimbursed") == _tokens(on, "can i get a refund")
    assert on.match("how do i get reimbursed for my order").id == "refunds"
    off = _shop(write_kb, synonyms=False)
    assert "refund" not in _tokens(off, "can i be reimbursed")
    assert off.match("how do i get reimbursed for my order").id != "refunds"


def test_the_bases_own_text_reads_as_it_did(write_kb: WriteKb) -> None:
    """Filling in reads no word of the base differently: its entries' tokens and weights are
    the same with the setting on and off, and each example still gets its fact."""
    on, off = _shop(write_kb), _shop(write_kb, synonyms=False)
    assert on.index.postings.keys() == off.index.postings.keys()
    for entry in off.kb.facts:
        assert on.index.entry(entry.id).vocab == off.index.entry(entry.id).vocab
        for question in entry.questions:
            assert on.match(question).id == entry.id
    # "delivery" and "cost" are the base's words: neither is read as another member, nor
    # listed as read so...
    for word in ("delivery", "cost", "refund"):
        assert _tokens(on, word) == _tokens(off, word)
        assert word not in on.faq_synonyms
    # ...while "price" and "fee", of the group "cost" is in, are read as it
    assert _tokens(on, "price fee") == ["cost", "cost"] != _tokens(off, "price fee")


def test_a_word_the_base_uses_keeps_its_own_meaning(write_kb: WriteKb) -> None:
    """A group whose members the base uses for two things is left alone: with "price" in one
    fact and "cost" in another, "fee" is read as neither."""
    facts = SHOP.replace("How much is delivery?", "What is the price of delivery?")
    on = Matcher(load_knowledge(write_kb({"shop.yaml": facts})))
    added = on.lexicon.vocabulary.fill_in_synonyms(faq_synonyms(), on.index.own_tokens)
    assert added == on.faq_synonyms
    assert "fee" not in added and "price" not in added and "cost" not in added
    assert _tokens(on, "fee") == ["fee"]


def test_a_second_fill_in_undoes_the_first(write_kb: WriteKb) -> None:
    on = _shop(write_kb)
    tables = on.lexicon.vocabulary
    added = tables.fill_in_synonyms(faq_synonyms(), on.index.own_tokens)
    assert added.get("reimburse") == added.get("reimbursement") == "refund"
    assert added == on.faq_synonyms
    assert tables.fill_in_synonyms(faq_synonyms(), frozenset()) == {}
    assert ("reimburs",) not in tables.phrases
    assert _tokens(on, "reimbursed") != ["refund"]


def test_chatter_gets_no_fact_with_them(write_kb: WriteKb) -> None:
    """Our chatter corpus asks the shop base nothing, the everyday words read as its words or
    not."""
    lines = Path("tests/data/chatter.txt").read_text(encoding="utf-8").splitlines()
    chatter = [line for line in lines if line.strip() and not line.startswith("#")]
    on = _shop(write_kb)
    assert [c for c in chatter if on.match(c).outcome == "answer"] == []


def test_validate_tells_the_admin_which_words_are_read_so(write_kb: WriteKb) -> None:
    """`validate` says how many everyday words are read as the base's, with examples, and how
    to turn it off; the shipped base, which turns it off, gets no such note."""
    code, out, _ = run_cli("validate", str(write_kb({"shop.yaml": SHOP})))
    assert code == 0
    (note,) = [line for line in out.splitlines() if "faq_synonyms.txt" in line]
    assert note.startswith("note: ") and "faq_synonyms: false" in note
    assert '"reimburse" as "refund"' in note or "..." in note
    code, out, _ = run_cli("validate", "knowledge")
    assert code == 0 and "faq_synonyms.txt" not in out
    # --synonyms lists every one, word -> the base's word
    code, out, _ = run_cli("validate", "--synonyms", str(write_kb({"shop.yaml": SHOP})))
    listed = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert code == 0 and "reimburse -> refund" in listed and len(listed) > 3
    code, out, _ = run_cli("validate", "--synonyms", "knowledge")
    assert code == 0 and "faq_synonyms is false" in out
    # ...and the words that sound like one of the base's (read so only when offered)
    assert "bot/data/confusables.txt" in out
    assert "  brake ~ break" in out.splitlines()  # (the shipped base says "break", not "brake")


def test_the_setting_must_be_true_or_false(write_kb: WriteKb) -> None:
    maybe = SOURCE_YAML + "settings:\n  faq_synonyms: maybe\n"
    root = write_kb({"shop.yaml": SHOP, "sources.yaml": maybe})
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge(root)
    assert "sources.yaml" in str(raised.value) and "faq_synonyms" in str(raised.value)


def test_the_shipped_list_is_derived_as_documented_and_passes_its_checks() -> None:
    shipped = Path("bot/data/faq_synonyms.txt").read_text(encoding="utf-8")
    assert faq_tool.derive() == shipped
    assert faq_tool.problems() == []
    assert len(faq_synonyms()) > 300


def test_a_later_list_joins_the_group_of_its_plain_word_and_repeats_no_member(
    tmp_path: Path,
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("# header\n\ncancel, call off\nfree, complimentary\n", encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text(
        "# written without seeing the first\n\n"
        "cancel, cxl\n"  # joins the group of "cancel"
        "phone, fone, complimentary\n"  # "complimentary" is the first list's already
        "tea, complimentary\n",  # left with one member: no group
        encoding="utf-8",
    )
    derived = faq_tool.derive((first, later))
    groups = [line for line in derived.splitlines() if line and not line.startswith("#")]
    assert groups == ["cancel, call off, cxl", "free, complimentary", "phone, fone"]


def test_the_check_finds_a_member_that_brings_another_word_along(tmp_path: Path) -> None:
    """ "goods" shares its stem with "good": "all good" would be read as the base's "item"."""
    bad = tmp_path / "list.txt"
    bad.write_text("# a list\nitem, product, goods\nrefund, reimburse\nrefund, money back\n")
    found = faq_tool.problems(bad)
    assert any("'goods'" in p and "'good'" in p for p in found)
    assert any("'refund' is in two groups" in p for p in found)
    assert faq_tool.rival("reimburse", ["refund", "reimburse", "reimbursement"]) is None
    assert faq_tool.rival("tip", ["tip", "gratuity"]) is None  # "tips" is its own plural


@pytest.fixture(scope="module")
def shop_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    root = tmp_path_factory.mktemp("shop")
    (root / "sources.yaml").write_text(SOURCE_YAML, encoding="utf-8")
    (root / "shop.yaml").write_text(SHOP, encoding="utf-8")
    matcher = Matcher(load_knowledge(root))
    assert matcher.faq_synonyms  # (the words are read so: the test below goes through them)
    return matcher


_MEMBERS = sorted({m for group in faq_synonyms() for m, _ in group})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(_MEMBERS), min_size=1, max_size=6),
    rest=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
)
def test_any_text_with_the_lists_words_is_matched_without_raising(
    shop_matcher: Matcher, words: list[str], rest: str
) -> None:
    result = shop_matcher.match(" ".join(words) + rest)
    assert result.outcome in ("answer", "suggest", "none") and 0.0 <= result.confidence <= 1.0


def test_validate_names_the_bases_word_as_the_base_writes_it(write_kb: WriteKb) -> None:
    """A base that writes only "refunded" reads "reimburse" as that word's stem, and
    `validate --synonyms` shows it as the base writes it."""
    shop = (
        SHOP.replace("How do I get a refund?", "How do I get refunded?")
        .replace("Can I get a refund on my order?", "Can I be refunded for my order?")
        .replace("      - refund\n", "")
        .replace("Refunds go back to", "Orders are refunded to")
    )
    assert "refund " not in shop and "refund?" not in shop
    on = Matcher(load_knowledge(write_kb({"shop.yaml": shop})))
    assert on.faq_synonyms["reimburse"] == "refund"  # the token
    assert on.faq_synonyms_as_written()["reimburse"] == "refunded"
    code, out, _ = run_cli("validate", "--synonyms", str(write_kb({"shop.yaml": shop})))
    assert code == 0 and "reimburse -> refunded" in [line.strip() for line in out.splitlines()]
