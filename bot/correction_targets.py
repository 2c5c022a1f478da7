"""The words spelling correction corrects towards, and the indexes over them (pure).

:class:`CorrectionTargets` holds one knowledge base's words as written (with the function
and question words) and what :class:`bot.spelling.Spelling`, which has them as its
``targets``, searches them with: the words bucketed by length
(:meth:`CorrectionTargets.near`), everyday English by first letter and length
(:meth:`~CorrectionTargets.english_pools`), the doers and actions of the base's words
(``acting`` for ``actors``: :meth:`~CorrectionTargets.related_words`) and the base's words by
their letters (:meth:`~CorrectionTargets.anagrams`, for ``Spelling.unswapped``). They are
built once, at load (:meth:`~CorrectionTargets.prepare`), and again when the base has learned
more words.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot import wordlists
from bot.text import stem
from bot.word_classes import STOPWORDS

MIN_CORRECTABLE_LEN = 3
# a stopword that is no everyday English word is a correction target from this length on
# ("lowkey", "deadass"; not "oop", "ngl", "istg": see CorrectionTargets.correction_pools)
CHAT_TARGET_LEN = 5
MIN_RELATED_LEN = 3  # letters of the shorter of two related words ("act", "actor")


@cache
def confusables() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Groups of everyday words typed for one another (bot/data/confusables.txt), each
    member with its stem (stemmed once a process, not at each base's load)."""
    return tuple(tuple((m, stem(m)) for m in g) for g in wordlists.groups("confusables.txt"))


class CorrectionTargets:
    """One knowledge base's spelling-correction targets: the words corrected towards (the
    base's own, as written) and the indexes over them."""

    def __init__(
        self, base_words: set[str], common_words: dict[str, float], no_content: Container[str]
    ) -> None:
        # the words corrected towards: the knowledge base's own words as written, grown as
        # its text is learned (see learn), and the function and question words
        self.base_words = base_words
        self._common = common_words
        # the stems that say nothing of what is asked (stopwords, question words, the show's
        # names): no doer nor action of the base's words (see related_words)
        self._no_content = no_content
        self._by_len: dict[int, list[str]] | None = None  # built at the first correction
        self._english_by: dict[tuple[str, int], list[str]] | None = None  # english_pools
        self._relatives: dict[str, str] | None = None  # see related_words
        self._anagram_index: dict[str, list[str]] | None = None  # see anagrams
        self._confused: dict[str, str] | None = None  # see confused_words

    def learn(self, words: Iterable[str]) -> bool:
        """Make these words (those made of letters) spelling-correction targets: the words
        of the knowledge base's own text. Whether any of them is new (the indexes over the
        words are then out of date, and so are the corrections made with them)."""
        known = len(self.base_words)
        self.base_words.update(filter(str.isalpha, words))
        if len(self.base_words) == known:
            return False
        self._forget()
        return True

    def _forget(self) -> None:
        """Drop the indexes over the words, out of date once more words are learned."""
        self._by_len = None
        self._relatives = None
        self._anagram_index = None
        self._confused = None

    def prepare(self) -> None:
        """Build the spelling-correction index now (once the knowledge base is analysed), so
        that the first message does not pay for it."""
        self.correction_pools()
        self.english_pools()
        self.related_words()
        self.confused_words()
        self.anagrams()

    def correction_pools(self) -> dict[int, list[str]]:
        """Correction candidates bucketed by length: a typo is within 2 letters of its word."""
        if self._by_len is None:
            by_len: dict[int, list[str]] = {}
            common = self._common
            for w in sorted(self.base_words):
                # (chat's short stopwords, "ngl", "oop", "istg", are known words but no words a
                # typo is bent onto: "boop" is no "oop", "pasf" no "asf"; a longer one is,
                # "lowey" is "lowkey")
                if (
                    len(w) >= MIN_CORRECTABLE_LEN
                    and w.isalpha()
                    and (w in common or w not in STOPWORDS or len(w) >= CHAT_TARGET_LEN)
                ):
                    by_len.setdefault(len(w), []).append(w)
            # Each pool's words copied next to each other in memory: a correction reads
            # thousands of them, and scattered over the heap (where the knowledge base's
            # text left them) each costs a cache miss, which about doubles its time.
            self._by_len = {n: " ".join(pool).split(" ") for n, pool in by_len.items()}
        return self._by_len

    def related_words(self) -> dict[str, str]:
        """Words no text of the base uses, by stem, that name the doer of one of its words'
        action or the action of one of its doers (an agent noun in "-or": "acting" for
        "actors", "director" for "directed", "visit" for "visitors"), mapped to that word of
        the base: the same word to the matcher. ("-er" is left alone: "older", "larger" and
        "timer" are no doers of "old", "large" and "time".)"""
        if self._relatives is None:
            kinds = self._no_content
            own = [(w, s) for w in self.base_words if w.isalpha() and (s := stem(w)) not in kinds]
            stems = {s for _, s in own}
            found: dict[str, str] = {}
            for w, s in own:
                other = s[:-2] if s.endswith("or") else s + "or"
                # (both of MIN_RELATED_LEN letters or more: "ad" and "ador", the stem of
                # "adorable", are no action and doer)
                if min(len(other), len(s)) >= MIN_RELATED_LEN and other not in stems:
                    known = found.get(other)
                    if known is None or w < known:  # (the first in order: any run, the same)
                        found[other] = w
            self._relatives = found
        return self._relatives

    def confused_words(self) -> dict[str, str]:
        """Everyday words typed for another that sounds alike (bot/data/confusables.txt:
        "aloud" for "allowed", "brake" for "break"), mapped to the base's word they stand
        for: where the base's text uses one member of a group (by stem) and no other, each
        other member rarer in English than that one is read as it. A word the base uses is
        never read as another, and a commoner one is meant as itself more often than not
        ("wait" is no "weight", "sea" no "see")."""
        if self._confused is None:
            kinds = self._no_content
            # (a function word is never read as another, nor another as it: "need")
            groups = [[(m, s) for m, s in g if s not in kinds] for g in confusables()]
            wanted = {s for group in groups for _, s in group}
            used: dict[str, str] = {}  # each wanted stem the base uses: its first word
            for w in self.base_words:
                s = stem(w)
                if s in wanted and (s not in used or w < used[s]):
                    used[s] = w
            found: dict[str, str] = {}
            common = self._common
            for group in groups:
                own = {s for _, s in group} & used.keys()
                if len(own) != 1:
                    continue
                (mine,) = own
                theirs = [m for m, s in group if s == mine]
                meant = max(common.get(m, 0.0) for m in theirs)
                # (read as the member as the base writes it, if it does: "allowed")
                read = next((m for m in theirs if m in self.base_words), used[mine])
                for member, s in group:
                    if s != mine and common.get(member, 0.0) < meant:
                        found[member] = read
            self._confused = found
        return self._confused

    def english_pools(self) -> dict[tuple[str, int], list[str]]:
        """The English words Spelling._english compares a word with, by the word's first
        letter and length: those of that first letter and a length at most one apart (built
        once, at load: prepare)."""
        if self._english_by is None:
            by: dict[tuple[str, int], list[str]] = {}
            for w in self._common:
                if w.isalpha():
                    by.setdefault((w[0], len(w)), []).append(w)
            self._english_by = {
                (first, n): [w for m in (n - 1, n, n + 1) for w in by.get((first, m), ())]
                for first, length in by
                for n in (length - 1, length, length + 1)
            }
        return self._english_by

    def anagrams(self) -> dict[str, list[str]]:
        """The base's words by their letters in order ("acst": "cast"), for
        Spelling.unswapped (made with the correction index, and again when the base has
        learned more words)."""
        if self._anagram_index is None:
            index: dict[str, list[str]] = {}
            for w in self.base_words:
                index.setdefault("".join(sorted(w)), []).append(w)
            self._anagram_index = index
        return self._anagram_index

    def near(self, word: str, max_dist: int) -> list[str]:
        """The base's words within ``max_dist`` OSA edits of ``word`` (letters inserted,
        deleted, changed or swapped with a neighbour), in no particular order."""
        pool: list[str] = []
        pools = self.correction_pools()
        for n in range(len(word) - max_dist, len(word) + max_dist + 1):
            pool.extend(pools.get(n, ()))
        # Indel distance is cheaper to scan with, and never more than twice the OSA distance
        # (a change or a swap is a deletion plus an insertion), so this scan finds every word
        # within reach, and a few more that the OSA check then drops.
        found = process.extract(
            word, pool, scorer=Indel.distance, score_cutoff=2 * max_dist, limit=None
        )
        return [w for w, _, _ in found if OSA.distance(word, w) <= max_dist]
