"""Checks for the Brightwell Energy evaluation set. Standard library plus pyyaml."""

import json
import os
import re
import sys
from collections import Counter

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["paraphrase", "long", "typo", "terse", "slang"]
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
errors = []


def norm(text):
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def load_jsonl(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{n}: bad JSON ({e})")
    return rows


with open(os.path.join(HERE, "knowledge.yaml"), encoding="utf-8") as f:
    kb = yaml.safe_load(f)
facts = kb["facts"]
tests = load_jsonl("test.jsonl")
oos = load_jsonl("oos.jsonl")

# facts and examples
ids = [fact["id"] for fact in facts]
if len(facts) != 28:
    errors.append(f"expected 28 facts, found {len(facts)}")
for fid, c in Counter(ids).items():
    if c > 1:
        errors.append(f"duplicate fact id {fid}")
examples = {}
for fact in facts:
    for key in ("id", "title", "answer", "questions"):
        if not fact.get(key):
            errors.append(f"fact {fact.get('id')}: missing {key}")
    qs = fact.get("questions") or []
    if len(qs) != 10:
        errors.append(f"fact {fact['id']}: {len(qs)} examples, expected 10")
    for q in qs:
        if not isinstance(q, str):
            errors.append(f"fact {fact['id']}: example is not a string: {q!r}")
            continue
        key = norm(q)
        if key in examples:
            errors.append(f"example repeated: {q!r} ({examples[key]} and {fact['id']})")
        examples[key] = fact["id"]

# tests
per_fact = {fid: Counter() for fid in ids}
two_label = 0
for t in tests:
    q, labels, kind = t.get("q"), t.get("labels"), t.get("kind")
    if not isinstance(q, str) or not q.strip():
        errors.append(f"test without text: {t}")
        continue
    if not isinstance(labels, list) or not labels:
        errors.append(f"test without labels: {q!r}")
        continue
    if len(labels) != 1:
        two_label += 1
        errors.append(f"test must have exactly one label: {q!r}")
    for label in labels:
        if label not in per_fact:
            errors.append(f"unknown label {label!r} on test {q!r}")
    if kind not in KINDS:
        errors.append(f"unknown kind {kind!r} on test {q!r}")
    for label in labels:
        if label in per_fact:
            per_fact[label][kind] += 1
    words = len(q.split())
    if kind == "long" and not 15 <= words <= 40:
        errors.append(f"long test has {words} words: {q!r}")
    if kind == "terse" and not 1 <= words <= 4:
        errors.append(f"terse test has {words} words: {q!r}")
    if norm(q) in examples:
        errors.append(f"test equals an example: {q!r}")
for fid, counts in per_fact.items():
    if sum(counts.values()) != 10:
        errors.append(f"fact {fid}: {sum(counts.values())} tests, expected 10")
    for kind in KINDS:
        if counts[kind] != 2:
            errors.append(f"fact {fid}: {counts[kind]} {kind} tests, expected 2")

# out of scope
oos_counts = Counter()
for o in oos:
    q = o.get("q")
    if not isinstance(q, str) or not q.strip():
        errors.append(f"oos without text: {o}")
        continue
    if o.get("labels") != ["none"]:
        errors.append(f"oos label must be ['none']: {q!r}")
    if o.get("kind") not in OOS_KINDS:
        errors.append(f"unknown oos kind {o.get('kind')!r}: {q!r}")
    oos_counts[o.get("kind")] += 1
    if norm(q) in examples:
        errors.append(f"oos equals an example: {q!r}")
for kind, want in OOS_KINDS.items():
    if oos_counts[kind] != want:
        errors.append(f"oos {kind}: {oos_counts[kind]}, expected {want}")
if len(oos) != 150:
    errors.append(f"expected 150 oos messages, found {len(oos)}")

if errors:
    for e in errors:
        print("ERROR:", e)
    sys.exit(1)
kind_counts = Counter(t["kind"] for t in tests)
print(
    f"OK: {len(facts)} facts, {len(examples)} examples, {len(tests)} tests "
    f"({', '.join(f'{k} {kind_counts[k]}' for k in KINDS)}), {two_label} two-label tests, "
    f"{len(oos)} oos ({', '.join(f'{k} {oos_counts[k]}' for k in OOS_KINDS)})"
)
