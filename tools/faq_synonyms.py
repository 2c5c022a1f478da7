#!/usr/bin/env python
"""Check bot/data/faq_synonyms.txt, or derive it from the lists as written.

    python tools/faq_synonyms.py                 # check the shipped list (exit 1 on a problem)
    python tools/faq_synonyms.py --derive        # print the list derived from the five as
                                                 # written (docs/faq_synonyms/as-written*.txt)

The five lists as written (docs/faq_synonyms/README.md says by whom and how), one after
the other, are shipped without:

* a one-word member whose stem is shared by a more common English word that is neither a
  member of its group nor an inflection of one ("goods", whose stem is "good": "all good"
  would be read as the base's "item"; "terminate" and "terminal"). The matcher compares
  words by their stems, so such a member would bring the other word along;
* members their writers flagged as reading wrongly in some businesses (HAND_DROPPED);
* a member an earlier group already holds (the fifth list was written without seeing the
  others, so it repeats some of their words); but a group whose first member (its plain
  word) an earlier group holds adds its other members to that group ("cancel, cxl": "cxl"
  joins the group of "cancel");
* a group left with fewer than two members.

The check: every group has two members or more, no member is in two groups, members are
lowercase ASCII, and no one-word member is dropped by the first rule above.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.cleaning import clean  # noqa: E402
from bot.index import common_words  # noqa: E402
from bot.text import stem, words  # noqa: E402

AS_WRITTEN = (
    REPO / "docs" / "faq_synonyms" / "as-written.txt",
    REPO / "docs" / "faq_synonyms" / "as-written-2.txt",  # new groups only, written after
    REPO / "docs" / "faq_synonyms" / "as-written-3.txt",  # and more, after the second
    REPO / "docs" / "faq_synonyms" / "as-written-4.txt",  # casual words, after the third
    REPO / "docs" / "faq_synonyms" / "as-written-5.txt",  # chat slang, written seeing none
)
SHIPPED = REPO / "bot" / "data" / "faq_synonyms.txt"
# flagged by the lists' writers (docs/faq_synonyms/README.md, "Judgement calls"): "min" is
# "minutes" in chat ("20 mins late"), "store" a verb ("store my luggage"), "lab" a Labrador
# at a vet's or a dog daycare, "std" a disease at a clinic's
HAND_DROPPED = frozenset({"min", "store", "lab", "std"})
HEADER = """\
# Everyday words of customer-service questions that mean the same, one group a line, its
# members separated by commas: where a knowledge base uses one member of a group (and no
# other), the others are read as that one ("reimburse" as the base's "refund"; see
# VocabularyTables.fill_in_synonyms). Only one-word members are read so. Written blind by
# five helper sessions that saw no project code and no knowledge base or evaluation set (the
# second to fourth read only the list before them, the fifth, chat slang, nothing:
# docs/faq_synonyms/README.md), derived by
# `python tools/faq_synonyms.py --derive`; `python tools/faq_synonyms.py` checks it.
"""


def inflections(word: str) -> set[str]:
    """Regular inflections of a word (a rough list: enough to tell "tips" from "goods")."""
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "er"}
    out.add(word + "ers")
    if word.endswith("e"):
        out |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


@cache
def _by_stem() -> dict[str, list[tuple[float, str]]]:
    found: dict[str, list[tuple[float, str]]] = {}
    for word, zipf in common_words().items():
        found.setdefault(stem(word), []).append((zipf, word))
    return found


def rival(member: str, group: list[str]) -> str | None:
    """The more common English word a one-word member's stem would bring along, if any."""
    found = words(clean(member))
    if len(found) != 1:
        return None
    word = found[0]
    said = {w for m in group for w in words(clean(m))}
    allowed = set().union(*(inflections(w) for w in said))
    zipf = common_words().get(word, 0.0)
    others = [
        (z, other)
        for z, other in _by_stem().get(stem(word), [])
        if other not in said and other not in allowed and z > zipf
    ]
    return max(others)[1] if others else None


def read(path: Path) -> list[tuple[str, list[str]]]:
    """Each line: ("#" lines and blank ones as ("line", [])), groups as ("", members)."""
    out: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            out.append((line, []))
        else:
            out.append(("", [m.strip() for m in line.split(",") if m.strip()]))
    return out


def derive(paths: tuple[Path, ...] = AS_WRITTEN) -> str:
    """The shipped list's text, derived from the lists as written, one after the other (the
    comment lines before each one's first blank line, its own header, give way to HEADER).
    A group whose first member an earlier group already holds joins that group (its members
    no group holds yet are added to it); any other member an earlier group holds is left out."""
    body: list[str | list[str]] = []
    holder: dict[str, list[str]] = {}  # each member kept -> the group that holds it
    for path in paths:
        lines = read(path)
        first_blank = next(n for n, (line, group) in enumerate(lines) if not group and not line)
        for line, group in lines[first_blank:]:
            if not group:
                body.append(line)
                continue
            kept = [m for m in group if m not in HAND_DROPPED and rival(m, group) is None]
            new = [m for m in kept if m not in holder]
            joined = holder.get(group[0])
            if joined is not None:
                joined.extend(new)
                holder.update(dict.fromkeys(new, joined))
            elif len(new) >= 2:
                body.append(new)
                holder.update(dict.fromkeys(new, new))
        body.append("")
    text = "\n".join(", ".join(item) if isinstance(item, list) else item for item in body)
    return HEADER + text.rstrip("\n") + "\n"


def problems(path: Path = SHIPPED) -> list[str]:
    """What is wrong with a list (nothing, for the shipped one)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for n, (_, group) in enumerate(read(path), 1):
        if not group:
            continue
        if len(group) < 2:
            out.append(f"line {n}: a group of one ({group[0]!r})")
        for member in group:
            if not member.isascii() or member != member.lower():
                out.append(f"line {n}: {member!r} is not lowercase ASCII")
            if member in seen:
                out.append(f"line {n}: {member!r} is in two groups (line {seen[member]} too)")
            seen.setdefault(member, n)
            if (other := rival(member, group)) is not None:
                out.append(f"line {n}: {member!r} shares its stem with the commoner {other!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--derive", action="store_true", help="print the derived list")
    args = parser.parse_args()
    if args.derive:
        sys.stdout.write(derive())
        return 0
    found = problems()
    for problem in found:
        print(problem)
    print(f"{len(found)} problems" if found else "bot/data/faq_synonyms.txt: no problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
