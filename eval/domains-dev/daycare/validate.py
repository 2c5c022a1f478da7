#!/usr/bin/env python3
# ruff: noqa: E501  (a data checker written by the helper session that wrote the set; kept as written)
"""Validator for the Waggleworth Dog Daycare & Grooming FAQ evaluation set.

Usage: python3 validate.py [DATA_DIR]   (default: directory of this script)
Uses only the standard library plus PyYAML. Prints every problem found and
finishes with ALL CHECKS PASSED (exit 0) or N PROBLEM(S) FOUND (exit 1).
"""

import json
import os
import re
import sys
from collections import Counter

import yaml

N_FACTS = 28
N_EXAMPLES = 10
N_TEST = 280
N_OOS = 150
TEST_KINDS = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
MAX_MULTI = 5
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

STOP = set(
    """
a an the and or but if so of to in on at by for from with about as into onto over under up down out off
than then too very just also only still even again back there here this that these those it its it's
i me my mine we us our ours you your yours he him his she her hers they them their theirs
is am are was were be been being do does did done doing have has had having
can could would should will shall may might must
what when where which who whom whose why how
not no nor any some all each every both either neither such own same other another
much many more most few lot lots really quite bit
get got getting gets
yes yeah ok okay please pls thanks thank hi hello hey
s t d ll m re ve
""".split()
)

problems = []


def err(msg):
    problems.append(msg)


def norm(text):
    """Normalise for duplicate detection: case, punctuation, whitespace."""
    t = text.lower().replace("\u2019", "'")
    t = t.replace("'", "")
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


def tokens(text):
    return norm(text).split()


def stem(w):
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content(text):
    return {stem(w) for w in tokens(text) if w not in STOP}


def n_words(text):
    return len(text.split())


def count_sentences(text):
    parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip()) if p]
    return len(parts)


FIRST_PERSON = {"i", "im", "ive", "id", "my", "we", "were", "our", "us", "weve", "ill"}


def load_jsonl(path, name):
    rows = []
    if not os.path.exists(path):
        err(f"{name}: file missing")
        return rows
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{name}:{n}: blank line")
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                err(f"{name}:{n}: invalid JSON ({e})")
    return rows


def main(base):
    # ---------------- knowledge.yaml ----------------
    kpath = os.path.join(base, "knowledge.yaml")
    with open(kpath, encoding="utf-8") as fh:
        kb = yaml.safe_load(fh)
    if not isinstance(kb, dict) or set(kb) != {"facts"}:
        err("knowledge.yaml: top level must be a mapping with the single key 'facts'")
        return
    facts = kb["facts"]
    if not isinstance(facts, list) or len(facts) != N_FACTS:
        err(
            f"knowledge.yaml: expected {N_FACTS} facts, found {len(facts) if isinstance(facts, list) else 'non-list'}"
        )
        if not isinstance(facts, list):
            return
    ids = []
    examples = {}  # id -> list of example questions
    seen_norm = {}  # normalised text -> where it occurs
    kb_tokens = set()
    for i, f in enumerate(facts):
        where = f"knowledge.yaml fact #{i + 1}"
        if not isinstance(f, dict):
            err(f"{where}: not a mapping")
            continue
        if set(f) != {"id", "title", "answer", "questions"}:
            err(f"{where}: keys must be exactly id,title,answer,questions (got {sorted(f)})")
        fid = f.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            err(f"{where}: bad id {fid!r}")
            continue
        where = f"knowledge.yaml [{fid}]"
        if fid in ids:
            err(f"{where}: duplicate id")
        ids.append(fid)
        kb_tokens.update(tokens(fid))
        title, answer, qs = f.get("title"), f.get("answer"), f.get("questions")
        if not isinstance(title, str) or not title.strip():
            err(f"{where}: empty title")
        else:
            kb_tokens.update(tokens(title))
        if not isinstance(answer, str) or not answer.strip():
            err(f"{where}: empty answer")
        else:
            kb_tokens.update(tokens(answer))
            ns = count_sentences(answer)
            if not 1 <= ns <= 3:
                err(f"{where}: answer has {ns} sentences (need 1-3)")
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            err(f"{where}: need exactly {N_EXAMPLES} questions")
            qs = qs if isinstance(qs, list) else []
        n_terse = n_first = 0
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                err(f"{where}: empty/non-string question {q!r}")
                continue
            if len(q) >= 150:
                err(f"{where}: question of {len(q)} chars (must be < 150): {q!r}")
            key = norm(q)
            if key in seen_norm:
                err(f"{where}: duplicate example {q!r} (also {seen_norm[key]})")
            seen_norm[key] = f"example of {fid}"
            kb_tokens.update(tokens(q))
            if n_words(q) <= 4 and not q.rstrip().endswith("?"):
                n_terse += 1
            if FIRST_PERSON & set(tokens(q)):
                n_first += 1
        examples[fid] = [q for q in qs if isinstance(q, str)]
        if not 2 <= n_terse <= 3:
            err(
                f"{where}: {n_terse} terse keyword examples (want 2-3: <=4 words, no question mark)"
            )
        if n_first < 2:
            err(f"{where}: only {n_first} first-person examples (want >= 2)")
    idset = set(ids)

    # ---------------- test.jsonl ----------------
    test = load_jsonl(os.path.join(base, "test.jsonl"), "test.jsonl")
    if len(test) != N_TEST:
        err(f"test.jsonl: expected {N_TEST} lines, found {len(test)}")
    kinds = Counter()
    per_fact = Counter()
    multi = 0
    non_typo_tokens = set()
    typo_rows = []
    for n, r in test:
        where = f"test.jsonl:{n}"
        if not isinstance(r, dict) or set(r) != {"q", "labels", "kind"}:
            err(f"{where}: keys must be exactly q,labels,kind")
            continue
        q, labels, kind = r["q"], r["labels"], r["kind"]
        if not isinstance(q, str) or not q.strip():
            err(f"{where}: empty q")
            continue
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(x, str) for x in labels)
        ):
            err(f"{where}: labels must be a non-empty list of strings")
            continue
        if len(set(labels)) != len(labels):
            err(f"{where}: repeated label")
        for lab in labels:
            if lab not in idset:
                err(f"{where}: unknown label {lab!r}")
        if len(labels) > 2:
            err(f"{where}: more than two labels")
        if len(labels) == 2:
            multi += 1
        per_fact[labels[0]] += 1
        if kind not in TEST_KINDS:
            err(f"{where}: bad kind {kind!r}")
            continue
        kinds[kind] += 1
        w = n_words(q)
        if kind == "terse" and not 1 <= w <= 4:
            err(f"{where}: terse line has {w} words")
        elif kind == "long" and not 25 <= w <= 70:
            err(f"{where}: long line has {w} words")
        elif kind not in ("terse", "long") and w > 24:
            err(f"{where}: {kind} line has {w} words (max 24)")
        if kind == "slang" and q != q.lower():
            err(f"{where}: slang line is not all lowercase")
        key = norm(q)
        if key in seen_norm:
            err(f"{where}: duplicates {seen_norm[key]}: {q!r}")
        seen_norm[key] = f"test.jsonl:{n}"
        # overlap limit against examples of every label on the line
        cq = content(q)
        for lab in labels:
            for ex in examples.get(lab, []):
                ce = content(ex)
                if not ce:
                    continue
                inter = len(cq & ce)
                if len(ce) >= 4:
                    if inter / len(ce) > 0.75:
                        err(
                            f"{where}: reuses {inter}/{len(ce)} content words of example {ex!r} ({lab})"
                        )
                else:
                    jac = inter / len(cq | ce)
                    if jac > 0.6:
                        err(f"{where}: Jaccard {jac:.2f} > 0.6 with short example {ex!r} ({lab})")
        if kind == "typo":
            typo_rows.append((where, q))
        else:
            non_typo_tokens.update(tokens(q))
    for k, want in TEST_KINDS.items():
        if kinds[k] != want:
            err(f"test.jsonl: kind {k} has {kinds[k]} lines, want {want}")
    for fid in ids:
        if per_fact[fid] != N_EXAMPLES:
            err(
                f"test.jsonl: fact {fid} has {per_fact[fid]} lines by first label, want {N_EXAMPLES}"
            )
    if multi > MAX_MULTI:
        err(f"test.jsonl: {multi} multi-label lines (max {MAX_MULTI})")
    known = kb_tokens | non_typo_tokens
    for where, q in typo_rows:
        novel = [t for t in tokens(q) if t not in known]
        if not novel:
            err(
                f"{where}: typo line has no misspelt token (every token occurs in knowledge.yaml or a non-typo test line): {q!r}"
            )

    # ---------------- oos.jsonl ----------------
    oos = load_jsonl(os.path.join(base, "oos.jsonl"), "oos.jsonl")
    if len(oos) != N_OOS:
        err(f"oos.jsonl: expected {N_OOS} lines, found {len(oos)}")
    okinds = Counter()
    for n, r in oos:
        where = f"oos.jsonl:{n}"
        if not isinstance(r, dict) or set(r) != {"q", "labels", "kind"}:
            err(f"{where}: keys must be exactly q,labels,kind")
            continue
        q = r["q"]
        if r["labels"] != ["none"]:
            err(f'{where}: labels must be ["none"]')
        if r["kind"] not in OOS_KINDS:
            err(f"{where}: bad kind {r['kind']!r}")
        okinds[r["kind"]] += 1
        if not isinstance(q, str) or not q.strip():
            err(f"{where}: empty q")
            continue
        if n_words(q) > 24:
            err(f"{where}: {n_words(q)} words (max 24)")
        key = norm(q)
        if not key:
            key = "emoji:" + q.strip()  # emoji-only lines: compare raw
        if key in seen_norm:
            err(f"{where}: duplicates {seen_norm[key]}: {q!r}")
        seen_norm[key] = f"oos.jsonl:{n}"
    for k, want in OOS_KINDS.items():
        if okinds[k] != want:
            err(f"oos.jsonl: kind {k} has {okinds[k]} lines, want {want}")


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    try:
        main(base)
    except (OSError, yaml.YAMLError) as e:
        err(f"could not read data: {e}")
    for p in problems:
        print("FAIL:", p)
    if problems:
        print(f"{len(problems)} PROBLEM(S) FOUND")
        sys.exit(1)
    print("ALL CHECKS PASSED")
