#!/usr/bin/env python3
"""Validator for the Swiftpost FAQ evaluation set."""

import json
import re
import sys
from collections import Counter

import yaml

BASE = "/work/domain-parcel/"
errors = []


def err(m):
    errors.append(m)


def norm(s):
    return re.sub(r"[\s.?!]+$", "", s.strip().lower())


# ---- knowledge.yaml ----
with open(BASE + "knowledge.yaml", encoding="utf-8") as f:
    kb = yaml.safe_load(f)
if not isinstance(kb, dict) or list(kb.keys()) != ["facts"]:
    err("top level must be exactly {facts: [...]}")
facts = kb.get("facts", [])
if len(facts) != 28:
    err(f"expected 28 facts, got {len(facts)}")
ids, example_owner = [], {}
for i, f in enumerate(facts):
    if set(f.keys()) != {"id", "title", "answer", "questions"}:
        err(f"fact {i}: keys {sorted(f.keys())}")
        continue
    fid = f["id"]
    ids.append(fid)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fid):
        err(f"bad id {fid}")
    if not isinstance(f["title"], str) or not f["title"].strip().endswith("?"):
        err(f"{fid}: title must be a question")
    ans = f["answer"]
    if not isinstance(ans, str) or not ans.strip():
        err(f"{fid}: empty answer")
    else:
        sents = [s for s in re.split(r"(?<=[.!?])[\"']?\s+(?=[A-Z\"'])", ans.strip()) if s.strip()]
        if not 1 <= len(sents) <= 3:
            err(f"{fid}: answer has {len(sents)} sentences")
    qs = f["questions"]
    if not isinstance(qs, list) or len(qs) != 10:
        err(f"{fid}: needs exactly 10 questions")
    if len({norm(q) for q in qs}) != len(qs):
        err(f"{fid}: duplicate questions within fact")
    for q in qs:
        if not isinstance(q, str) or not q.strip():
            err(f"{fid}: empty question")
        n = norm(q)
        if n in example_owner and example_owner[n] != fid:
            err(f"example in two facts: {q!r} ({example_owner[n]}, {fid})")
        example_owner[n] = fid
if len(set(ids)) != len(ids):
    err("duplicate fact ids")
idset = set(ids)


# ---- jsonl loader ----
def load(path):
    rows = []
    with open(BASE + path, encoding="utf-8") as f:
        lines = f.readlines()
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            err(f"{path}:{ln} blank line")
            continue
        try:
            o = json.loads(line)
        except Exception as e:
            err(f"{path}:{ln} invalid JSON {e}")
            continue
        if set(o.keys()) != {"q", "labels", "kind"}:
            err(f"{path}:{ln} keys {sorted(o.keys())}")
        if not isinstance(o.get("q"), str) or not o["q"].strip():
            err(f"{path}:{ln} empty q")
        if not isinstance(o.get("labels"), list) or not o["labels"]:
            err(f"{path}:{ln} bad labels")
        rows.append(o)
    return rows


test = load("test.jsonl")
oos = load("oos.jsonl")

# ---- test.jsonl ----
want = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
kc = Counter(o["kind"] for o in test)
if len(test) != 280:
    err(f"test: {len(test)} rows, want 280")
if dict(kc) != want:
    err(f"test kind counts {dict(kc)} != {want}")
first = Counter()
multi = 0
for o in test:
    q, labels, kind = o["q"], o["labels"], o["kind"]
    for label in labels:
        if label not in idset:
            err(f"test: unknown label {label} in {q!r}")
    if len(set(labels)) != len(labels):
        err(f"test: repeated label {q!r}")
    if len(labels) > 1:
        multi += 1
    first[labels[0]] += 1
    nw = len(q.split())
    if kind == "terse" and not 1 <= nw <= 4:
        err(f"terse has {nw} words: {q!r}")
    if kind == "long" and not 40 <= nw <= 80:
        err(f"long has {nw} words: {q!r}")
    if kind == "slang" and q != q.lower():
        err(f"slang not lowercase: {q!r}")
    if norm(q) in example_owner:
        err(f"test equals KB example: {q!r}")
for fid in ids:
    if first[fid] != 10:
        err(f"fact {fid} is first label of {first[fid]} messages")

# ---- oos.jsonl ----
wanto = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ko = Counter(o["kind"] for o in oos)
if len(oos) != 150:
    err(f"oos: {len(oos)} rows, want 150")
if dict(ko) != wanto:
    err(f"oos kind counts {dict(ko)} != {wanto}")
for o in oos:
    if o["labels"] != ["none"]:
        err(f"oos label not ['none']: {o['q']!r}")
    if norm(o["q"]) in example_owner:
        err(f"oos equals KB example: {o['q']!r}")

# ---- duplicates across everything ----
allq = Counter(norm(o["q"]) for o in test + oos)
for q, c in allq.items():
    if c > 1:
        err(f"duplicate message: {q!r} x{c}")

print(
    f"facts={len(facts)} examples={len(example_owner)} test={len(test)} {dict(kc)} "
    f"multi-label={multi} oos={len(oos)} {dict(ko)}"
)
if errors:
    print(f"FAILED with {len(errors)} error(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("PASSED: all checks OK")
