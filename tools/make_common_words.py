"""Regenerate bot/data/common_words.txt from the wordfreq package (a development-time tool).

The matcher uses the list for two things: a word on it is a real English word, so it is never
"corrected" into a knowledge-base word (``cost`` must not become ``cast``), and its frequency
says how specific a word is (``instagram`` says more about a question than ``thing``).

    pip install wordfreq && python tools/make_common_words.py
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 3.2  # below this, wordfreq's lists hold too many typos ("cst", "bok") to trust
OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "common_words.txt"


def main() -> None:
    """Write common lowercase English words grouped by Zipf frequency (one decimal).

    Each line is ``zipf<TAB>word word ...``, most frequent first: grouping keeps loading fast.
    """
    groups: dict[float, list[str]] = {}
    for word in top_n_list("en", 200_000):
        if not re.fullmatch(r"[a-z]{2,}", word):
            continue
        zipf = zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        groups.setdefault(round(zipf, 1), []).append(word)
    lines = [
        "# Common English words by Zipf frequency (log10 of uses per billion words).",
        "# Derived from wordfreq (https://github.com/rspeer/wordfreq), data CC BY-SA 4.0,",
        "# by tools/make_common_words.py. Do not edit by hand.",
    ]
    lines += [
        f"{zipf:.1f}\t{' '.join(words)}" for zipf, words in sorted(groups.items(), reverse=True)
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {sum(map(len, groups.values()))} words to {OUT}")


if __name__ == "__main__":
    main()
