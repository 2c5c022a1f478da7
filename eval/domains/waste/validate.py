#!/usr/bin/env python3
"""Check the waste domain evaluation set (standard library plus pyyaml).

Run from anywhere: python3 validate.py
Exits 0 and prints "OK" with counts if every check passes, else lists the problems.
"""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
N_FACTS = 28
N_EXAMPLES = 10
N_TESTS = 10
TEST_KINDS = {"paraphrase": 2, "long": 2, "typo": 2, "terse": 2, "slang": 2}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

errors = []


def err(msg):
    errors.append(msg)


def norm(text):
    """Lower case, drop punctuation, collapse spaces."""
    text = text.lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


def load_jsonl(name):
    rows = []
    path = HERE / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        err(f"{name}: cannot read: {e}")
        return rows
    for i, line in enumerate(lines, 1):
        if not line.strip():
            err(f"{name}:{i}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"{name}:{i}: bad JSON: {e}")
            continue
        if not isinstance(row, dict):
            err(f"{name}:{i}: not an object")
            continue
        if set(row) != {"q", "labels", "kind"}:
            err(f"{name}:{i}: keys should be q, labels, kind: {sorted(row)}")
        if not isinstance(row.get("q"), str) or not row.get("q", "").strip():
            err(f"{name}:{i}: q must be a non-empty string")
            continue
        if not isinstance(row.get("labels"), list):
            err(f"{name}:{i}: labels must be a list")
            continue
        row["_line"] = i
        rows.append(row)
    return rows


# ---- knowledge.yaml
try:
    kb = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
except (OSError, yaml.YAMLError) as e:
    print(f"knowledge.yaml: cannot parse: {e}")
    sys.exit(1)

facts = kb.get("facts") if isinstance(kb, dict) else None
if not isinstance(facts, list):
    print("knowledge.yaml: no facts list")
    sys.exit(1)
if len(facts) != N_FACTS:
    err(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")

fact_ids = []
example_owner = {}  # normalised example -> fact id
for n, fact in enumerate(facts, 1):
    if not isinstance(fact, dict):
        err(f"fact #{n}: not a mapping")
        continue
    fid = fact.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        err(f"fact #{n}: bad id {fid!r}")
        continue
    if set(fact) != {"id", "title", "answer", "questions"}:
        err(f"{fid}: keys should be id, title, answer, questions: {sorted(fact)}")
    fact_ids.append(fid)
    for key in ("title", "answer"):
        if not isinstance(fact.get(key), str) or not fact[key].strip():
            err(f"{fid}: {key} must be a non-empty string")
    answer = fact.get("answer") or ""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if s]
    if not 1 <= len(sentences) <= 3:
        err(f"{fid}: answer has {len(sentences)} sentences, expected 1-3")
    qs = fact.get("questions")
    if not isinstance(qs, list):
        err(f"{fid}: questions must be a list")
        continue
    if len(qs) != N_EXAMPLES:
        err(f"{fid}: {len(qs)} example questions, expected {N_EXAMPLES}")
    for q in qs:
        if not isinstance(q, str) or not q.strip():
            err(f"{fid}: empty or non-string example {q!r}")
            continue
        key = norm(q)
        if key in example_owner:
            err(f"{fid}: example repeated (also in {example_owner[key]}): {q!r}")
        else:
            example_owner[key] = fid

dupe_ids = [i for i, c in Counter(fact_ids).items() if c > 1]
if dupe_ids:
    err(f"knowledge.yaml: duplicate fact ids {dupe_ids}")
id_set = set(fact_ids)

# ---- test.jsonl
tests = load_jsonl("test.jsonl")
per_fact_kinds = defaultdict(Counter)
seen_tests = {}
for row in tests:
    where = f"test.jsonl:{row['_line']}"
    q, labels, kind = row["q"], row["labels"], row.get("kind")
    if len(labels) != 1:
        err(f"{where}: expected exactly one label, got {labels}")
    for lab in labels:
        if lab not in id_set:
            err(f"{where}: label {lab!r} is not a fact id")
    if kind not in TEST_KINDS:
        err(f"{where}: bad kind {kind!r}")
    if kind == "long" and not 15 <= words(q) <= 40:
        err(f"{where}: long test has {words(q)} words (15-40): {q!r}")
    if kind == "terse" and not 1 <= words(q) <= 4:
        err(f"{where}: terse test has {words(q)} words (1-4): {q!r}")
    key = norm(q)
    if key in example_owner:
        err(f"{where}: test equals an example of {example_owner[key]}: {q!r}")
    if key in seen_tests:
        err(f"{where}: test repeats line {seen_tests[key]}: {q!r}")
    else:
        seen_tests[key] = row["_line"]
    if labels and labels[0] in id_set:
        per_fact_kinds[labels[0]][kind] += 1

for fid in fact_ids:
    kinds = per_fact_kinds.get(fid, Counter())
    total = sum(kinds.values())
    if total != N_TESTS:
        err(f"{fid}: {total} tests, expected {N_TESTS}")
    for kind, want in TEST_KINDS.items():
        if kinds.get(kind, 0) != want:
            err(f"{fid}: {kinds.get(kind, 0)} {kind} tests, expected {want}")

# ---- oos.jsonl
oos = load_jsonl("oos.jsonl")
oos_kinds = Counter()
seen_oos = {}
for row in oos:
    where = f"oos.jsonl:{row['_line']}"
    q, labels, kind = row["q"], row["labels"], row.get("kind")
    if labels != ["none"]:
        err(f"{where}: labels must be ['none'], got {labels}")
    if kind not in OOS_KINDS:
        err(f"{where}: bad kind {kind!r}")
    oos_kinds[kind] += 1
    key = norm(q)
    if key and key in example_owner:
        err(f"{where}: oos message equals an example of {example_owner[key]}: {q!r}")
    if key and key in seen_tests:
        err(f"{where}: oos message equals test line {seen_tests[key]}: {q!r}")
    if key and key in seen_oos:
        err(f"{where}: oos message repeats line {seen_oos[key]}: {q!r}")
    elif key:
        seen_oos[key] = row["_line"]

for kind, want in OOS_KINDS.items():
    if oos_kinds.get(kind, 0) != want:
        err(f"oos.jsonl: {oos_kinds.get(kind, 0)} {kind}, expected {want}")
if len(oos) != sum(OOS_KINDS.values()):
    err(f"oos.jsonl: {len(oos)} messages, expected {sum(OOS_KINDS.values())}")

if errors:
    for e in errors:
        print("FAIL", e)
    print(f"{len(errors)} problem(s)")
    sys.exit(1)

print(
    f"OK: {len(facts)} facts, {len(example_owner)} examples, {len(tests)} tests "
    f"({dict(sum(per_fact_kinds.values(), Counter()))}), {len(oos)} oos "
    f"({dict(oos_kinds)})"
)
