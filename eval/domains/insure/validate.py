#!/usr/bin/env python3
"""Validate the Wayfarer Cover FAQ knowledge base and evaluation sets.

Usage: python3 validate.py [folder]   (defaults to the folder holding this script)
Exits 0 when every check passes, 1 otherwise.
"""

import json
import os
import re
import sys
from collections import Counter

import yaml

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    """Case-insensitive, whitespace-collapsed, final punctuation ignored."""
    s = " ".join(s.strip().lower().split())
    return s.rstrip(" .?!,;:")


def count_sentences(text):
    # A sentence ends with . ! or ? followed by whitespace or end of text.
    return len(re.findall(r"[.!?](?=\s|$)", text.strip()))


def words(s):
    return len(s.split())


# ---------- knowledge.yaml ----------
with open(os.path.join(HERE, "knowledge.yaml"), encoding="utf-8") as f:
    kb = yaml.safe_load(f)

if not isinstance(kb, dict) or list(kb.keys()) != ["facts"]:
    err("knowledge.yaml must have exactly one top-level key 'facts'")
    facts = []
else:
    facts = kb["facts"]
if not isinstance(facts, list):
    err("'facts' must be a list")
    facts = []
if len(facts) != N_FACTS:
    err(f"expected {N_FACTS} facts, found {len(facts)}")

ids = []
example_owner = {}
for i, fact in enumerate(facts):
    where = f"fact #{i + 1}"
    if not isinstance(fact, dict):
        err(f"{where}: not a mapping")
        continue
    if set(fact.keys()) != {"id", "title", "answer", "questions"}:
        err(f"{where}: keys must be id, title, answer, questions (got {sorted(fact.keys())})")
    fid = fact.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        err(f"{where}: bad id {fid!r}")
    else:
        where = f"fact {fid}"
    ids.append(fid)
    title = fact.get("title")
    if not isinstance(title, str) or not title.strip().endswith("?"):
        err(f"{where}: title must be a question ending with '?'")
    answer = fact.get("answer")
    if not isinstance(answer, str) or not answer.strip():
        err(f"{where}: answer missing")
    else:
        n = count_sentences(answer)
        if not 1 <= n <= 3:
            err(f"{where}: answer has {n} sentences (need 1-3)")
    qs = fact.get("questions")
    if not isinstance(qs, list) or not all(isinstance(q, str) and q.strip() for q in qs):
        err(f"{where}: questions must be a list of non-empty strings")
        continue
    if len(qs) != N_EXAMPLES:
        err(f"{where}: {len(qs)} questions (need {N_EXAMPLES})")
    normed = [norm(q) for q in qs]
    if len(set(normed)) != len(normed):
        err(f"{where}: duplicate example questions")
    for q, nq in zip(qs, normed, strict=True):
        if nq in example_owner and example_owner[nq] != fid:
            err(f"example {q!r} appears in both {example_owner[nq]} and {fid}")
        example_owner.setdefault(nq, fid)

dup_ids = [k for k, v in Counter(ids).items() if v > 1]
if dup_ids:
    err(f"duplicate fact ids: {dup_ids}")
valid_ids = set(i for i in ids if isinstance(i, str))


# ---------- JSONL ----------
def load_jsonl(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                err(f"{name}:{ln}: blank line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{name}:{ln}: invalid JSON ({e})")
                continue
            if not isinstance(row, dict) or set(row.keys()) != {"q", "labels", "kind"}:
                err(f"{name}:{ln}: keys must be exactly q, labels, kind")
                continue
            if not isinstance(row["q"], str) or not row["q"].strip():
                err(f"{name}:{ln}: q must be a non-empty string")
                continue
            if (
                not isinstance(row["labels"], list)
                or not row["labels"]
                or not all(isinstance(x, str) for x in row["labels"])
            ):
                err(f"{name}:{ln}: labels must be a non-empty list of strings")
                continue
            if not isinstance(row["kind"], str):
                err(f"{name}:{ln}: kind must be a string")
                continue
            row["_ln"] = ln
            rows.append(row)
    return rows


test = load_jsonl("test.jsonl")
oos = load_jsonl("oos.jsonl")

if len(test) != sum(TEST_KINDS.values()):
    err(f"test.jsonl: {len(test)} rows (need {sum(TEST_KINDS.values())})")
if len(oos) != sum(OOS_KINDS.values()):
    err(f"oos.jsonl: {len(oos)} rows (need {sum(OOS_KINDS.values())})")

tk = Counter(r["kind"] for r in test)
if dict(tk) != TEST_KINDS:
    err(f"test.jsonl kind counts {dict(tk)} != {TEST_KINDS}")
ok = Counter(r["kind"] for r in oos)
if dict(ok) != OOS_KINDS:
    err(f"oos.jsonl kind counts {dict(ok)} != {OOS_KINDS}")

first = Counter()
multi = 0
for r in test:
    where = f"test.jsonl:{r['_ln']}"
    labels = r["labels"]
    bad = [x for x in labels if x not in valid_ids]
    if bad:
        err(f"{where}: unknown labels {bad}")
    if len(set(labels)) != len(labels):
        err(f"{where}: repeated label")
    if len(labels) > 1:
        multi += 1
    first[labels[0]] += 1
    q, kind = r["q"], r["kind"]
    if kind == "terse" and not 1 <= words(q) <= 4:
        err(f"{where}: terse message has {words(q)} words")
    if kind == "long" and not 40 <= words(q) <= 80:
        err(f"{where}: long message has {words(q)} words")
    if kind == "slang" and q != q.lower():
        err(f"{where}: slang message not all lowercase")

for fid in valid_ids:
    if first[fid] != 10:
        err(f"test.jsonl: fact {fid} is first label of {first[fid]} messages (need 10)")

for r in oos:
    if r["labels"] != ["none"]:
        err(f"oos.jsonl:{r['_ln']}: labels must be ['none']")

seen = {}
for name, rows in (("test.jsonl", test), ("oos.jsonl", oos)):
    for r in rows:
        n = norm(r["q"])
        here = f"{name}:{r['_ln']}"
        if n in seen:
            err(f"{here}: duplicate of {seen[n]}")
        else:
            seen[n] = here
        if n in example_owner:
            err(f"{here}: equals an example of {example_owner[n]}")

# ---------- report ----------
n_examples = sum(len(f.get("questions", [])) for f in facts if isinstance(f, dict))
print(f"facts: {len(facts)}, examples: {n_examples}")
print(f"test: {len(test)} rows, kinds {dict(tk)}, two-label rows {multi}")
print(f"oos: {len(oos)} rows, kinds {dict(ok)}")
if errors:
    print(f"FAILED: {len(errors)} problem(s)")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("PASSED: all checks")
