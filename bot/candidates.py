"""The entries of a base that share the most token weight with a message (pure).

The matcher scores in full only the MAX_CANDIDATES best of them (bot.ranking); this finds
them exactly, and fast at 10,000 facts, from the base's postings (bot.index).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, islice, repeat
from operator import add

# Entries scored in full per question, the best by shared token weight. The decision reads
# the best MAX_SUGGESTIONS facts and the best unknown. At 20 instead of 40, every set of
# tools/generalisation.py --final decides the same but one BANKING77 question of one seed,
# and a question costs less at 10,000 facts (benchmarks/bench_matching.py). A posting of
# more entries is kept as a set (and a bit set).
MAX_CANDIDATES = 20


def bit_set(positions: Iterable[int], size: int) -> int:
    """The entries at ``positions`` (of ``size`` entries) as a bit set: an int with bit ``i``
    set for entry ``i``. A long posting's set operations on ints of 10,000 bits are a few
    machine words each, where a frozenset's walk its entries. (Eight entries a byte, the
    bytes read as one int: a position at a time costs less than writing and reading a
    character for every entry of the base, for all but the longest postings; loading and
    indexing the 10,000-fact base, `bench_instructions.py --knowledge`: 17,853 M -> 17,679 M
    instructions.)"""
    packed = bytearray((size + 7) >> 3)
    for pos in positions:
        packed[pos >> 3] |= _BIT[pos & 7]
    return int.from_bytes(packed, "little")


_BIT = (1, 2, 4, 8, 16, 32, 64, 128)  # each bit of a byte, by its place


def top_candidates(
    postings: dict[str, list[int] | frozenset[int]],
    bits: dict[str, int],
    n_entries: int,
    weights: dict[str, float],
) -> list[int]:
    """The MAX_CANDIDATES entries sharing the most token weight with the message, in no
    particular order: ``postings`` maps a token to its entries (a list of MAX_CANDIDATES at
    most, a frozenset when longer), ``bits`` a long posting's token to its bit set, of
    ``n_entries`` entries.

    Exact, but fast at 10,000 facts (max-score pruning): tokens are taken rarest first,
    and once no entry still missing could reach the current top MAX_CANDIDATES on the
    weight of the tokens left, a common token only adds to the entries already found.
    Ties go to the entry found first (a posting's entries are found in its order).

    The entries a long posting brings are not scored one by one: they are kept as groups
    of one score, first found at the same token, and each later long posting splits a
    group into the entries it holds (their score grows by its weight) and the others,
    with the postings' bit sets (see bit_set). The scores are the same sums, added in
    the same order, as one by one. A group that cannot reach the current top
    MAX_CANDIDATES any more is dropped.
    """
    # (lists, not generators, here and below: the same items, in the same order, made at once)
    ranked = sorted(
        [(postings.get(text, ()), w, text) for text, w in weights.items()],
        key=lambda p: len(p[0]),
    )
    left = sum([w for _, w, _ in ranked])
    # Short postings (lists) come first: their entries are scored one by one.
    scores: dict[int, float] = {}
    get = scores.get
    short = 0
    for entries, w, _ in ranked:
        if isinstance(entries, frozenset):
            break
        for pos in entries:
            scores[pos] = get(pos, 0.0) + w
        left -= w
        short += 1
    # The rest are the long postings (a list holds MAX_CANDIDATES entries at most, a
    # frozenset more).
    long = [
        (entries, w, bits[text])
        for entries, w, text in ranked[short:]
        if isinstance(entries, frozenset)
    ]
    # (the long posting where they were found, their score, the entries, how many)
    groups: list[tuple[int, float, int, int]] = []
    seen = bit_set(scores, n_entries) if long else 0  # entries found so far
    closed = False  # no newcomer can make the cut any more
    for step, (entries, w, held_bits) in enumerate(long):
        cut = None
        if not closed and len(scores) + sum(g[3] for g in groups) >= MAX_CANDIDATES:
            # Once closed, the cut stays closed: what is left only shrinks, and the
            # weakest score of the top MAX_CANDIDATES only grows.
            cut = _cut(scores, groups)
            closed = left < cut
        found = entries.intersection(scores)
        if found:
            scores.update(
                zip(found, map(add, map(scores.__getitem__, found), repeat(w)), strict=True)
            )
        left -= w
        split: list[tuple[int, float, int, int]] = []
        for first, score, group, size in groups:
            inside = group & held_bits
            if not inside:
                split.append((first, score, group, size))
                continue
            held = inside.bit_count()
            if held < size:
                split.append((first, score, group ^ inside, size - held))
            split.append((first, score + w, inside, held))
        if not closed:
            fresh = (held_bits | seen) ^ seen
            if fresh:
                seen |= held_bits
                split.append((step, w, fresh, fresh.bit_count()))
        if cut is not None:  # (a margin for the sums' rounding)
            split = [g for g in split if g[1] + left >= cut - 1e-9]
        groups = split
    if len(scores) + sum(g[3] for g in groups) <= MAX_CANDIDATES:
        return [*scores, *(pos for g in groups for pos in _bit_positions(g[2]))]
    cut = _cut(scores, groups)
    best = [pos for pos, score in scores.items() if score > cut]
    for _, score, group, _ in groups:
        if score > cut:
            best += _bit_positions(group)
    # The ties at the cut, in the order they were found: the short postings' first, then
    # each long posting's newcomers in its order.
    need = MAX_CANDIDATES - len(best)
    tied = [pos for pos, score in scores.items() if score == cut][:need]
    best += tied
    need -= len(tied)
    for step in sorted({first for first, score, _, _ in groups if score == cut}):
        if need <= 0:
            break
        members = 0
        for first, score, group, _ in groups:
            if first == step and score == cut:
                members |= group
        if members.bit_count() <= need:
            best += _bit_positions(members)
            need -= members.bit_count()
        else:
            # one byte an entry, 1 for a member, read in the posting's order
            flags = format(members, "b")[::-1].encode().translate(_BIT_BYTES)
            flags += bytes(n_entries - len(flags))
            entries = long[step][0]
            best.extend(islice(compress(entries, map(flags.__getitem__, entries)), need))
            need = 0
    return best


def _cut(scores: dict[int, float], groups: list[tuple[int, float, int, int]]) -> float:
    """The MAX_CANDIDATES-th best score of the entries and groups (a group counts each of its
    entries), for at least that many entries."""
    counts = [(score, 1) for score in scores.values()]
    counts += [(score, size) for _, score, _, size in groups]
    counts.sort(key=lambda c: -c[0])
    n = 0
    for score, k in counts:
        n += k
        if n >= MAX_CANDIDATES:
            return score
    raise ValueError("fewer than MAX_CANDIDATES entries")


# '0' and '1' to the bytes 0 and 1 (see Index.candidates)
_BIT_BYTES = bytes.maketrans(b"01", b"\x00\x01")


def _bit_positions(bits: int) -> list[int]:
    """The entries of a small bit set (see bit_set)."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found
