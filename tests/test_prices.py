"""Whether an answer states a price (bot.prices): read from the answer's text alone."""

from __future__ import annotations

import pytest

from bot.prices import PRICE_QUESTION_WORDS, states_price
from tests.conftest import WriteKb
from tests.test_cli import run as run_cli
from tests.test_faq_synonyms import SHOP


@pytest.mark.parametrize(
    "answer",
    [
        "Dogs travel for £5 per pet per crossing.",
        "A day pass costs $25.",
        "Calls cost 20p a minute.",
        "The deposit is 50 pounds, refunded on return.",
        "A locker is 3.50 euros a day.",
        "Wifi is free on every sailing.",
        "Parking is FREE for blue badge holders.",
        "€ 12 for adults",
    ],
)
def test_an_answer_with_an_amount_of_money_or_free_states_a_price(answer: str) -> None:
    assert states_price(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Up to 2 pets per booking, on a lead.",
        "Doors open at 5 p.m. and the show starts at 7 pm.",
        "There are 4 sailings a day from 07:15.",
        "The hall holds up to 500 people.",
        "Earn 100 points for every night you stay.",
        "",
    ],
)
def test_counts_times_and_points_state_no_price(answer: str) -> None:
    assert not states_price(answer)


def test_the_price_words_are_the_list_as_written() -> None:
    assert set(PRICE_QUESTION_WORDS.split()) >= {"fee", "cost", "price", "charge"}


def test_validate_lists_the_facts_whose_answer_states_a_price(write_kb: WriteKb) -> None:
    """`validate --synonyms` lists, beside the words read as the base's, the facts whose
    answer states a price and so explain "fee", "cost"…; the shipped base's tax credit
    ("$…") is one of them."""
    code, out, _ = run_cli("validate", "--synonyms", str(write_kb({"shop.yaml": SHOP})))
    assert code == 0
    (note,) = [line for line in out.splitlines() if "bot/prices.py" in line]
    assert note.startswith("note: 1 fact states a price") and "fee" in note
    assert "  delivery-price: states a price" in out.splitlines()
    assert "  refunds: states a price" not in out.splitlines()
    code, out, _ = run_cli("validate", "--synonyms", "knowledge")
    assert code == 0 and "  season2-tax-credit: states a price" in out.splitlines()
