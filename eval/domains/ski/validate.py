#!/usr/bin/env python3
"""Checks for the ski-resort (Pinecrest Mountain Resort) evaluation set.

Prints PASS or the problems."""

import json
import re
import string
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ["paraphrase", "long", "typo", "terse", "slang"]
OOS_COUNTS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
errors = []


def norm(s):
    s = s.lower()
    s = "".join(
        ch for ch in s if ch not in string.punctuation and ch not in "\u2018\u2019\u201c\u201d"
    )
    return re.sub(r"\s+", " ", s).strip()


def load_jsonl(name):
    rows = []
    for i, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"{name}:{i}: bad JSON: {e}")
    return rows


# knowledge.yaml
kb = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
facts = kb.get("facts") if isinstance(kb, dict) else None
if not isinstance(facts, list):
    errors.append("knowledge.yaml: no list under 'facts'")
    facts = []
if len(facts) != 28:
    errors.append(f"knowledge.yaml: {len(facts)} facts, expected 28")
ids = [f.get("id") for f in facts]
for fid, n in Counter(ids).items():
    if n > 1:
        errors.append(f"duplicate fact id {fid}")
examples = {}
for f in facts:
    fid = f.get("id")
    if not isinstance(fid, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fid):
        errors.append(f"id not kebab-case: {fid!r}")
    for key in ("title", "answer"):
        if not isinstance(f.get(key), str) or not f[key].strip():
            errors.append(f"{fid}: missing {key}")
    qs = f.get("questions") or []
    if len(qs) != 10:
        errors.append(f"{fid}: {len(qs)} example questions, expected 10")
    for q in qs:
        k = norm(q)
        if k in examples:
            errors.append(f"example repeated: {q!r} in {fid} and {examples[k]}")
        examples[k] = fid
idset = set(ids)

# test.jsonl
tests = load_jsonl("test.jsonl")
if len(tests) != 280:
    errors.append(f"test.jsonl: {len(tests)} rows, expected 280")
per_fact = {fid: Counter() for fid in ids}
seen = {}
for t in tests:
    q, labels, kind = t.get("q"), t.get("labels"), t.get("kind")
    if not isinstance(q, str) or not q.strip():
        errors.append(f"test: empty q in {t}")
        continue
    if not isinstance(labels, list) or not labels or any(lab not in idset for lab in labels):
        errors.append(f"test: bad labels {labels} for {q!r}")
        continue
    if kind not in KINDS:
        errors.append(f"test: bad kind {kind!r} for {q!r}")
    for lab in labels:
        per_fact[lab][kind] += 1
    if norm(q) in examples:
        errors.append(f"test equals an example: {q!r}")
    if norm(q) in seen:
        errors.append(f"test repeated: {q!r}")
    seen[norm(q)] = "test"
    n = len(q.split())
    if kind == "long" and not 15 <= n <= 40:
        errors.append(f"long test has {n} words: {q!r}")
    if kind == "terse" and not 1 <= n <= 4:
        errors.append(f"terse test has {n} words: {q!r}")
for fid, c in per_fact.items():
    if sum(c.values()) != 10 or any(c[k] != 2 for k in KINDS):
        errors.append(f"{fid}: test kinds {dict(c)}, expected 2 of each of {KINDS}")

# oos.jsonl
oos = load_jsonl("oos.jsonl")
oc = Counter()
for o in oos:
    q = o.get("q")
    if o.get("labels") != ["none"]:
        errors.append(f"oos: labels must be ['none']: {o}")
    if o.get("kind") not in OOS_COUNTS:
        errors.append(f"oos: bad kind {o.get('kind')!r}")
    oc[o.get("kind")] += 1
    if not isinstance(q, str) or not q.strip():
        errors.append(f"oos: empty q in {o}")
        continue
    if norm(q) in examples:
        errors.append(f"oos equals an example: {q!r}")
    if norm(q) in seen:
        errors.append(f"oos repeats another message: {q!r}")
    seen[norm(q)] = "oos"
if dict(oc) != OOS_COUNTS:
    errors.append(f"oos kinds {dict(oc)}, expected {OOS_COUNTS}")
if len(oos) != 150:
    errors.append(f"oos.jsonl: {len(oos)} rows, expected 150")

if errors:
    print("\n".join(errors))
    print(f"FAIL ({len(errors)} problems)")
    sys.exit(1)
print(
    f"facts {len(facts)}, examples {sum(len(f['questions']) for f in facts)}, "
    f"tests {len(tests)}, oos {len(oos)} {dict(oc)}"
)
print("PASS")
