"""Questions about another company's thing (pure: no Discord): "how do I reset my Instagram
password?" asked of a bank's base shares the words of its password fact, but it is
Instagram's question, not the bank's. The other companies are those of
bot/data/other_brands.txt that the base never mentions (Index.brands); bot.matching reads a
message's owners once and, for each ranking, whether it asks about one of their things
(bot.deciding then offers the fact at most).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bot.index import Index
from bot.lexicon import Analysis, Token
from bot.outcomes import Scored
from bot.vocabulary_tables import DETERMINERS


def owners_named(analysis: Analysis, index: Index) -> frozenset[str]:
    """The tokens of other companies' names (bot/data/other_brands.txt; those the base
    never mentions) that a message says as the owner of something: after a determiner
    ("my *instagram* password", "the *uber* app"), not as where a fan read something
    ("saw on *reddit* that…", "*twitter* says…")."""
    brands = index.brands
    if index.brand_tokens.isdisjoint(t.text for t in analysis.tokens):
        return frozenset()  # (most messages)
    found = [
        brands[word]
        for text in analysis.clause_texts
        for before, word in pairwise(text.split())
        if word in brands and before in DETERMINERS
    ]
    return frozenset(found)


def asks_elsewhere(
    tokens: Sequence[Token], ranked: list[Scored], owners: frozenset[str], index: Index
) -> bool:
    """Whether the tokens ask about another company's thing: one of ``owners`` right
    before a word the best fact explains ("reset my *Instagram password*", "delete my
    *Facebook account*"), in one clause. Such a question is that company's, not the
    fact's: it gets a "did you mean" at most."""
    best = next((s for s in ranked if s.fact is not None), None)
    if best is None:
        return False
    vocab = index.entry(best.entry_id).vocab
    return any(
        a.text in owners and a.clause == b.clause and b.text in vocab for a, b in pairwise(tokens)
    )
