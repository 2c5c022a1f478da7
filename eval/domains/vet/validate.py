#!/usr/bin/env python3
"""Checker for the Pawsworth Veterinary Clinic blind FAQ evaluation set.

Usage: python3 validate.py [DIR]   (DIR defaults to the folder of this script)
Uses only the standard library and PyYAML. Prints ALL CHECKS PASSED or a list of errors.
"""

import json
import os
import re
import string
import sys

import yaml

N_FACTS = 28
N_EXAMPLES = 10
PER_FACT_TEST = 10
TEST_KINDS = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
MAX_MULTI = 5
MAX_EXAMPLE_CHARS = 150
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

STOPWORDS = set(
    """
a an the and or but if so of to in on at by for with from into onto about as than then
is am are was were be been being do does did doing done have has had having get got
i me my mine myself we us our ours you your yours u ur he him his she her hers it its
they them their this that these those there here what whats which who whom whose when
where why how hows can could would should will shall may might must cant couldnt wont
wouldnt shouldnt dont doesnt didnt isnt arent wasnt im ive id ill youre youve theyre
thats theres heres its lets not no yes any some all just also too very really much many
more most one up out off over again please pls plz hi hey hiya hello thanks ok okay
r ya yo oh lol like need want go going gonna wanna let tell know
""".split()
)

errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    """Lower-case, drop punctuation, collapse spaces (emoji are kept)."""
    s = s.lower().replace("\u2019", "'")
    s = s.translate(str.maketrans({c: " " for c in string.punctuation + "\u00a3"}))
    s = " ".join(s.split())
    return s if s else "<empty>"


def tokens(s):
    s = s.lower().replace("\u2019", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", s)


def content(s):
    return {t for t in tokens(s) if t not in STOPWORDS and len(t) > 1}


def nwords(s):
    return sum(1 for w in s.split() if re.search(r"[A-Za-z0-9]", w))


def n_sentences(s):
    return len([p for p in re.split(r"[.!?](?:\s+|$)", s.strip()) if p.strip()])


def load_jsonl(path, name):
    rows = []
    if not os.path.exists(path):
        err(f"{name}: file missing")
        return rows
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{name}:{i}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{name}:{i}: bad JSON ({e})")
                continue
            if not isinstance(obj, dict) or set(obj) != {"q", "labels", "kind"}:
                err(f"{name}:{i}: keys must be exactly q, labels, kind")
                continue
            if not isinstance(obj["q"], str) or not obj["q"].strip():
                err(f"{name}:{i}: q must be a non-empty string")
                continue
            if (
                not isinstance(obj["labels"], list)
                or not obj["labels"]
                or not all(isinstance(x, str) for x in obj["labels"])
            ):
                err(f"{name}:{i}: labels must be a non-empty list of strings")
                continue
            if len(set(obj["labels"])) != len(obj["labels"]):
                err(f"{name}:{i}: repeated label")
            obj["_line"] = i
            rows.append(obj)
    return rows


def main(base):
    # ---------------- knowledge.yaml ----------------
    with open(os.path.join(base, "knowledge.yaml"), encoding="utf-8") as fh:
        kb = yaml.safe_load(fh)
    if not isinstance(kb, dict) or set(kb) != {"facts"}:
        err("knowledge.yaml: top level must be exactly {facts}")
        return
    facts = kb["facts"]
    if not isinstance(facts, list) or len(facts) != N_FACTS:
        err(
            f"knowledge.yaml: need exactly {N_FACTS} facts, found "
            f"{len(facts) if isinstance(facts, list) else 'non-list'}"
        )
        if not isinstance(facts, list):
            return
    ids, examples = [], {}  # examples: id -> list of questions
    seen_ex = {}
    for n, f in enumerate(facts):
        where = f"fact #{n + 1}"
        if not isinstance(f, dict) or set(f) != {"id", "title", "answer", "questions"}:
            err(f"{where}: keys must be exactly id, title, answer, questions")
            continue
        fid = f["id"]
        where = f"fact {fid!r}"
        if not isinstance(fid, str) or not ID_RE.match(fid):
            err(f"{where}: id must be lowercase-with-dashes")
        if fid in ids:
            err(f"{where}: duplicate id")
        ids.append(fid)
        if not isinstance(f["title"], str) or not f["title"].strip():
            err(f"{where}: empty title")
        ans = f["answer"]
        if not isinstance(ans, str) or not ans.strip():
            err(f"{where}: empty answer")
        elif not 1 <= n_sentences(ans) <= 3:
            err(f"{where}: answer has {n_sentences(ans)} sentences (need 1-3)")
        qs = f["questions"]
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            err(f"{where}: need exactly {N_EXAMPLES} questions")
            continue
        terse = first_person = 0
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                err(f"{where}: empty/non-string question")
                continue
            if len(q) >= MAX_EXAMPLE_CHARS:
                err(f"{where}: question too long ({len(q)} chars): {q!r}")
            k = norm(q)
            if k in seen_ex:
                err(f"{where}: duplicate example {q!r} (also in {seen_ex[k]})")
            seen_ex[k] = fid
            if nwords(q) <= 4 and "?" not in q:
                terse += 1
            if set(tokens(q)) & {"i", "my", "im", "ive", "id", "me"}:
                first_person += 1
        if not 2 <= terse <= 3:
            err(f"{where}: {terse} terse keyword examples (need 2-3)")
        if first_person < 1:
            err(f"{where}: no first-person example")
        examples[fid] = qs
    idset = set(ids)

    # ---------------- test.jsonl ----------------
    test = load_jsonl(os.path.join(base, "test.jsonl"), "test.jsonl")
    oos = load_jsonl(os.path.join(base, "oos.jsonl"), "oos.jsonl")
    if len(test) != N_FACTS * PER_FACT_TEST:
        err(f"test.jsonl: {len(test)} lines, need {N_FACTS * PER_FACT_TEST}")
    if len(oos) != sum(OOS_KINDS.values()):
        err(f"oos.jsonl: {len(oos)} lines, need {sum(OOS_KINDS.values())}")

    kinds = {k: 0 for k in TEST_KINDS}
    per_fact = {i: 0 for i in ids}
    multi = 0
    for r in test:
        where = f"test.jsonl:{r['_line']}"
        if r["kind"] not in TEST_KINDS:
            err(f"{where}: unknown kind {r['kind']!r}")
        else:
            kinds[r["kind"]] += 1
        bad = [lab for lab in r["labels"] if lab not in idset]
        if bad:
            err(f"{where}: unknown labels {bad}")
            continue
        per_fact[r["labels"][0]] += 1
        if len(r["labels"]) > 1:
            multi += 1
        if len(r["labels"]) > 2:
            err(f"{where}: more than two labels")
    for k, want in TEST_KINDS.items():
        if kinds[k] != want:
            err(f"test.jsonl: kind {k} has {kinds[k]} lines, need {want}")
    for fid, c in per_fact.items():
        if c != PER_FACT_TEST:
            err(f"test.jsonl: fact {fid} has {c} lines by first label, need {PER_FACT_TEST}")
    if multi > MAX_MULTI:
        err(f"test.jsonl: {multi} multi-label lines (max {MAX_MULTI})")

    # ---------------- oos.jsonl ----------------
    okinds = {k: 0 for k in OOS_KINDS}
    for r in oos:
        where = f"oos.jsonl:{r['_line']}"
        if r["labels"] != ["none"]:
            err(f'{where}: labels must be ["none"]')
        if r["kind"] not in OOS_KINDS:
            err(f"{where}: unknown kind {r['kind']!r}")
        else:
            okinds[r["kind"]] += 1
    for k, want in OOS_KINDS.items():
        if okinds[k] != want:
            err(f"oos.jsonl: kind {k} has {okinds[k]} lines, need {want}")

    # ---------------- word lengths ----------------
    for name, rows in (("test.jsonl", test), ("oos.jsonl", oos)):
        for r in rows:
            w = nwords(r["q"])
            where = f"{name}:{r['_line']}"
            if r["kind"] == "terse" and not 1 <= w <= 4:
                err(f"{where}: terse line has {w} words")
            elif r["kind"] == "long" and not 25 <= w <= 70:
                err(f"{where}: long line has {w} words")
            elif (
                r["kind"] not in ("terse", "long")
                and not 1 <= w <= 24
                and not (w == 0 and r["kind"] == "chatter")
            ):
                err(f"{where}: {r['kind']} line has {w} words (max 24)")

    # ---------------- duplicates ----------------
    seen = dict((k, f"example of {v}") for k, v in seen_ex.items())
    for name, rows in (("test.jsonl", test), ("oos.jsonl", oos)):
        for r in rows:
            k = norm(r["q"])
            where = f"{name}:{r['_line']}"
            if k in seen:
                err(f"{where}: duplicates {seen[k]}: {r['q']!r}")
            else:
                seen[k] = where

    # ---------------- overlap with own examples ----------------
    for r in test:
        if not all(lab in examples for lab in r["labels"]):
            continue
        tc = content(r["q"])
        for lab in r["labels"]:
            for ex in examples[lab]:
                ec = content(ex)
                if len(ec) >= 4:
                    ratio = len(ec & tc) / len(ec)
                    if ratio > 0.75:
                        err(
                            f"test.jsonl:{r['_line']}: reuses {ratio:.0%} of content words "
                            f"of example {ex!r}: {r['q']!r}"
                        )
                elif ec:
                    jac = len(ec & tc) / len(ec | tc)
                    if jac > 0.6:
                        err(
                            f"test.jsonl:{r['_line']}: Jaccard {jac:.2f} with short "
                            f"example {ex!r}: {r['q']!r}"
                        )

    # ---------------- typo lines need a genuinely misspelt token ----------------
    vocab = set()
    for f in facts:
        if isinstance(f, dict):
            for key in ("id", "title", "answer"):
                vocab |= set(tokens(str(f.get(key, ""))))
            for q in f.get("questions") or []:
                vocab |= set(tokens(str(q)))
    for r in test:
        if r["kind"] != "typo":
            vocab |= set(tokens(r["q"]))
    for r in test:
        if r["kind"] == "typo":
            novel = [t for t in tokens(r["q"]) if t not in vocab]
            if not novel:
                err(
                    f"test.jsonl:{r['_line']}: typo line has no unseen (misspelt) token: {r['q']!r}"
                )


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    try:
        main(base)
    except (OSError, yaml.YAMLError) as e:
        err(f"could not read input: {e}")
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s) found")
        sys.exit(1)
    print("ALL CHECKS PASSED")
