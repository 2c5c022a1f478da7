"""Whether an answer states a price (pure).

An admin's examples ask a price as "how much is it for a dog?" ("how much" is a question
word, which explains no word of a message), while fans type "dog fee?" or "what does it cost
to bring the dog". A fact whose answer states a price ("£5 per pet", "20p", "5 pounds",
"free") is read as explaining the words a question asks one with
(bot/data/price_questions.txt) as it explains its answer's other words (bot.index.Index,
at ANSWER_CREDIT): a question about the price of what a fact is about finds that fact.
"""

from __future__ import annotations

import re

from bot import wordlists


def _either(words: frozenset[str]) -> str:
    """A regular expression for any of these words (longest first)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# The words a question asks for a price with, as written (the index reads them as tokens)
PRICE_QUESTION_WORDS = " ".join(sorted(wordlists.word_set("price_questions.txt")))
_SIGNS = "£$€¥₹"
# a currency sign before an amount: "£5", "$ 25", "€3.50"
_SIGNED_AMOUNT = re.compile(rf"[{re.escape(_SIGNS)}]\s?\d")
# an amount with a currency word right after it, in lowercase: "20p", "5 pounds", "3.50
# euros" (not the "p" of "5 p.m.")
_AMOUNT_WORD = re.compile(
    rf"[0-9][ \u00a0]?(?:{_either(wordlists.word_set('currencies.txt'))})\b(?!\.m\b)"
)
# a word saying there is nothing to pay, in lowercase: "free"
_NO_CHARGE = wordlists.word_set("no_charge.txt")
_NO_CHARGE_WORD = re.compile(rf"\b(?:{_either(_NO_CHARGE)})\b")


def states_price(answer: str) -> bool:
    """Whether an answer states a price: an amount with a currency sign before it or a
    currency word after it, or a word that says there is none to pay ("free"). (Each
    pattern is looked for only where a cheap look finds what it needs: most answers of a
    large base state no price.)"""
    if any(sign in answer for sign in _SIGNS) and _SIGNED_AMOUNT.search(answer):
        return True
    lowered = answer.lower()
    if _AMOUNT_WORD.search(lowered):
        return True
    return any(word in lowered for word in _NO_CHARGE) and bool(_NO_CHARGE_WORD.search(lowered))
