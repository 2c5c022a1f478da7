#!/usr/bin/env python
"""Print the matcher's full decision for a fixed list of inputs, one JSON object a line.

A refactoring of the text pipeline must leave this output byte-identical: save it before the
change, diff after it::

    python tools/decisions.py --synthetic /tmp/frozen/synth > /tmp/frozen/before.jsonl
    ...change...
    python tools/decisions.py --synthetic /tmp/frozen/synth > /tmp/after.jsonl
    cmp /tmp/frozen/before.jsonl /tmp/after.jsonl

A change meant to move decisions: ``python tools/decision_changes.py BEFORE AFTER`` lists the
development decisions it changed (outcome or facts) and only counts those of the sets kept
for judging.

Each line holds the input's source, its text and the decision: outcome, answered ids,
confidence (4 places), suggested ids and the known unknown. The inputs, in order:

* on the shipped knowledge base: every question of ``eval/*.jsonl`` and of the development
  set (``../shared/eval/dev.jsonl``; a line ``{"missing": path}`` says when it is absent),
  ``tests/data/chatter.txt``, every example question, keyword and answer of the base, the
  benchmark's fans' messages and hostile inputs, hand-written messages that exercise the
  text pipeline (Unicode, Discord markup, "#1", season references, contractions, clause
  breaks, long chatter), and a few hundred seeded messages made from all of those (typos,
  slang, pieces glued together);
* with ``--synthetic DIR``: the benchmark's 10,000-fact base (generated into DIR the first
  time, with the messages to ask it; the shipped files in it are refreshed from knowledge/
  on every run) and its messages;
* with ``--banking``: a BANKING77 base (seed 0, 10 examples an intent, no vocabulary) and its
  validation and out-of-scope messages (skipped, with a ``missing`` line, when the data set
  is not in ../shared/eval/banking77).

``--index`` prints instead each base's index (every entry's tokens, question words and
examples with their weights, and the spelling-correction targets): the analysis of the
knowledge base's own text, in full.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bot.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

SHARED = REPO.parent / "shared" / "eval"
DEV = SHARED / "dev.jsonl"
BANKING = SHARED / "banking77"
CHATTER = REPO / "tests" / "data" / "chatter.txt"
SYNTHETIC_FACTS = 10_000

# Messages that exercise each step of the text pipeline.
HANDWRITTEN = [
    "was it #1 on prime",
    "was it #1 on prime?? #12 #123 #1234 a#b #",
    "is ballard #1",
    "did it hit number one",
    "no 1 on the top 10?",
    "szn two when",
    "szn 2 when",
    "szn2 when",
    "season2 when",
    "season 02 when",
    "s02 when",
    "s 2 when",
    "s two when",
    "s10 s123 s 123",
    "2nd season when",
    "second season when",
    "the second seasons",
    "2nd szn",
    "3rd series",
    "series 3",
    "series2",
    "sezon 2",
    "sezon2",
    "seasons 2 and 3",
    "season ٢",
    "season ２",
    "season ❸",
    "s² when",
    "first season ending",
    "1st season ending",
    "7th season",
    "season one recap",
    "season ten",
    "season eleven",
    "season 100",
    "season. 2",
    "season, 2?",
    "so season 2",
    "and season 2",
    "one two",
    "whats up",
    "what's up",
    "whos in it",
    "who’s in it",
    "who`s in it",
    "dont know",
    "i dunno when s2 is",
    "gonna be a s2?",
    "isnt it out yet",
    "aint nobody got time",
    "y'all know when s2 drops",
    "its out",
    "it's out",
    "im so hyped, whens it out",
    "Ｗｈｅｎ ｄｏｅｓ Ｓ２ ｃｏｍｅ ｏｕｔ",
    "Renée Ballárd season deux",
    "b̷̢a̶l̵l̸a̷r̷d̴ ̸r̵e̵n̶e̴w̷e̶d̵",
    "bal\u200bla\u200drd s\u200b2",
    "s2 when 😭🔥",
    "Когда СЕЗОН 2?",
    "バラード シーズン2",
    "<@123456789012345678> who plays ballard",
    "<@!1234> <@&5678> <#9012> when is s2",
    "<:pepe:123456> <a:dance:99> yo when s2",
    "@everyone @here is it out",
    "`code` ||spoiler|| **is it out** __under__ ~~strike~~",
    "> quoted\n# heading\nwho plays ballard",
    "see https://example.com/x?y=1 pls, when is s2",
    "<t:1700000000:R> when",
    "</ask:123> who plays her",
    "who plays her and where can i watch it",
    "who plays her. where can i watch it",
    "who plays her; where can i watch it? and when is s2",
    "ok two things: is it out? and who plays her",
    "plus who is in it",
    "so who plays her and also where",
    "or nah",
    "did well or nah",
    "law and order and is it good",
    "is it good according to critics",
    "came up w the idea",
    "who came up with ballard",
    "how many episodes",
    "how many?",
    "how many people watched",
    "$14.85 million tax credit",
    "14.5 million minutes",
    "1,000 viewers",
    "is it ok for kids",
    "ok so i binged the whole thing this weekend and i cannot stop thinking about it. "
    "anyway, is there going to be a season 2?",
    "long time lurker here, sorry if this is a dumb question but me and my mom have a bet "
    "going about whether harry bosch shows up in ballard at all, she says yes i say no, "
    "also does anyone know if there is a trailer for the second season, thanks in advance",
    "lol " * 50 + "when is season two",
    "ballard " * 450 + "when",
    "directed direct",
    "stars and who starring",
    "actress cast",
    "is harry bosch in rotten tomatoes",
    "s2, 2nd season, season two and s 2",
    "whats it, dont know",
    "Who's maggie q’s partner",
    "ride, ride",
    "a-b re-run s-2 s.2 season-two x_y q&a",
    "",
    "   ",
    "!!!",
    "?",
    "😭😭😭",
    "\x00 season 2 \x00",
]

# Pieces the seeded messages are glued from (besides the examples and eval questions).
PIECES = [
    *"who what when where why how which is did does the and also so like plus or well".split(),
    *"anyway hey btw okay then but , , ; ! ... ?! \n ?".split(" "),
    *"season seasons szn series sezon s s2 S2 s02 s10 szn3 season2 two 2 second 2nd".split(),
    *"first 1st third 3rd 4th 7th one ten #1 #12 number".split(),
    *"ballard ballards maggie q actress actor cast renew renewed amazon prime pv".split(),
    *"bosch netflix dont whats its cant gonna premiere zzyzx café Renée Ｓ２ 😭 <@1>".split(),
    *"directed direct stars starring loved love ended ending ride riding rides".split(),
    *"magie showrnner nielsn goin watchin cost balard renewd seson".split(),
    "the show",
    "harry bosch",
    "bosch legacy",
    "titus welliver",
    "michael connelly",
    "prime video",
    "amazon prime video",
    "rotten tomatoes",
    "top 10",
    "come out",
    "release date",
    "season two",
    "2nd season",
    "or nah",
    "did well",
    "law and order",
    "came up w",
    "how many",
    "according to",
    "@everyone",
    "http://x.y",
    "y'all",
    "who’s",
]


def decision(source: str, text: str, matcher: Matcher) -> str:
    r = matcher.match(text)
    return json.dumps(
        {
            "src": source,
            "q": text,
            "outcome": r.outcome,
            "ids": r.ids,
            "confidence": round(r.confidence, 4),
            "suggestions": [f.id for f in r.suggestions],
            "unknown": r.unknown.id if r.unknown else None,
        },
        ensure_ascii=False,
    )


def labelled(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def chatter() -> list[str]:
    lines = CHATTER.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def seeded_messages(corpus: list[str], n: int, seed: int) -> list[str]:
    """Messages as fans type them: examples and questions with typos and slang, several
    glued together with breaks and joiners, and salads of the pieces above."""
    import _synthetic

    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            out.append(_synthetic.messy(rng.choice(corpus), rng, typo_rate=0.3))
        elif kind == 1:
            glue = rng.choice([" and ", ". ", "? ", ", also ", " plus ", "\n", "; so "])
            out.append(rng.choice(corpus) + glue + _synthetic.messy(rng.choice(corpus), rng))
        elif kind == 2:
            seps = [" ", " ", " ", "", "-", "\n", "'"]
            out.append(
                "".join(rng.choice(PIECES) + rng.choice(seps) for _ in range(rng.randint(1, 14)))
            )
        else:
            text = rng.choice(corpus)
            for old, new in (
                ("season 2", rng.choice(["szn two", "s2", "2nd season", "s 2"])),
                ("what is", "whats"),
                ("do not", "dont"),
                ("number one", "#1"),
            ):
                text = text.replace(old, new)
            out.append(text.upper() if rng.random() < 0.2 else text)
    return out


def shipped_inputs(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    import bench_matching

    for path in sorted((REPO / "eval").glob("*.jsonl")):
        for q in labelled(path):
            yield f"eval/{path.name}", q
    if DEV.exists():
        for q in labelled(DEV):
            yield "shared/dev", q
    else:
        yield "missing", str(DEV)
    for q in chatter():
        yield "chatter", q
    for entry in (*kb.facts, *kb.unknowns):
        for q in entry.questions:
            yield f"example:{entry.id}", q
        for k in entry.keywords:
            yield f"keyword:{entry.id}", k
    for fact in kb.facts:
        yield f"answer:{fact.id}", fact.answer
    for q in bench_matching.FAN_QUESTIONS:
        yield "bench-fan", q
    for label, q in bench_matching.hostile_inputs():
        yield f"hostile:{label}", q
    for q in HANDWRITTEN:
        yield "handwritten", q
    corpus = [q for path in sorted((REPO / "eval").glob("*.jsonl")) for q in labelled(path)]
    corpus += [q for e in kb.facts for q in e.questions] + list(bench_matching.FAN_QUESTIONS)
    corpus += HANDWRITTEN
    for q in seeded_messages(corpus, 400, seed=2026):
        yield "seeded", q


def synthetic(folder: Path) -> tuple[Path, list[str]]:
    """The 10,000-fact base in ``folder``/kb (generated the first time) and its messages."""
    import _synthetic
    import bench_matching

    kb_dir, messages = folder / "kb", folder / "messages.json"
    if not messages.exists():
        kb = _synthetic.generate(kb_dir, SYNTHETIC_FACTS)
        mix = [m["text"] for m in bench_matching.synthetic_mix(kb, n=400)]
        rng = random.Random(7)
        for fact in rng.sample(kb.facts, 200):
            mix += fact.held_out[:1] + fact.questions[:1]
        messages.write_text(json.dumps(mix, ensure_ascii=False), encoding="utf-8")
    for file in sorted((REPO / "knowledge").glob("*.yaml")):  # the shipped files as they are now
        shutil.copyfile(file, kb_dir / file.name)
    return kb_dir, json.loads(messages.read_text(encoding="utf-8"))


def banking() -> tuple[KnowledgeBase, list[str]] | None:
    import _newdomain as nd

    if not (BANKING / "train.csv").exists():
        return None
    train, test = nd.read_rows(BANKING / "train.csv"), nd.read_rows(BANKING / "test.csv")
    drawn = nd.draw(train, test, seed=0, val_per_intent=10)
    built = nd.build(drawn.candidates, 10)
    oos = [it.text for it in nd.read_oos(nd.DEFAULT_OOS)]
    return built.kb, [it.text for it in drawn.validation] + oos + chatter()


def index_lines(name: str, matcher: Matcher) -> Iterator[str]:
    """Every entry of the matcher's index, as it was built from the base's own text."""
    for entry in matcher.index.entries:
        yield json.dumps(
            {
                "base": name,
                "id": entry.id,
                "vocab": sorted(entry.vocab.items()),
                "question_words": sorted(entry.question_words),
                "examples": [(sorted(w.items()), round(t, 12), q) for w, t, q in entry.examples],
                "requires": sorted(entry.requires),
            },
            ensure_ascii=False,
        )
    postings = {tok: sorted(p) for tok, p in matcher.index.postings.items()}
    yield json.dumps({"base": name, "index": sorted(postings.items())}, ensure_ascii=False)
    pools = matcher.lexicon.spelling.targets.correction_pools()
    targets = sorted(w for pool in pools.values() for w in pool)
    yield json.dumps({"base": name, "correction_targets": targets}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=Path, help="folder of the 10,000-fact base")
    parser.add_argument("--banking", action="store_true", help="also a BANKING77 base")
    parser.add_argument("--index", action="store_true", help="print the indexes instead")
    args = parser.parse_args(argv)

    def run(name: str, kb: KnowledgeBase, inputs: Iterator[tuple[str, str]]) -> None:
        matcher = Matcher(kb)
        if args.index:
            for line in index_lines(name, matcher):
                print(line)
            return
        for source, text in inputs:
            if source == "missing":
                print(json.dumps({"missing": text}))
                print(f"decisions: {text} is missing: its questions are left out", file=sys.stderr)
            else:
                print(decision(f"{name}:{source}", text, matcher))

    shipped = load_knowledge(REPO / "knowledge")
    run("shipped", shipped, shipped_inputs(shipped))
    if args.synthetic:
        kb_dir, messages = synthetic(args.synthetic)
        run("synthetic", load_knowledge(kb_dir), (("mix", m) for m in messages))
    if args.banking:
        found = banking()
        if found is None:
            print(json.dumps({"missing": str(BANKING)}))
            print(f"decisions: {BANKING} is missing: BANKING77 left out", file=sys.stderr)
        else:
            kb, messages = found
            run("banking77", kb, (("mix", m) for m in messages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
