"""Check the cinema (Lantern Picturehouses) evaluation set.

Standard library plus pyyaml. Run from anywhere: python validate.py
Exits 1 and lists every problem if a check fails.
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
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

errors = []


def err(msg):
    errors.append(msg)


def norm(text):
    text = text.lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


def load_jsonl(name):
    rows = []
    path = HERE / name
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{name}:{n}: blank line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                err(f"{name}:{n}: bad JSON: {exc}")
                continue
            if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
                err(f"{name}:{n}: keys must be q, labels, kind")
                continue
            if not isinstance(row["q"], str) or not row["q"].strip():
                err(f"{name}:{n}: empty q")
            if not isinstance(row["labels"], list):
                err(f"{name}:{n}: labels must be a list")
                continue
            rows.append((n, row))
    return rows


# knowledge.yaml
with open(HERE / "knowledge.yaml", encoding="utf-8") as fh:
    kb = yaml.safe_load(fh)
facts = kb.get("facts") if isinstance(kb, dict) else None
if not isinstance(facts, list):
    err("knowledge.yaml: no facts list")
    facts = []
if len(facts) != N_FACTS:
    err(f"knowledge.yaml: {len(facts)} facts, want {N_FACTS}")

fact_ids = []
example_owner = {}
for i, fact in enumerate(facts):
    if not isinstance(fact, dict):
        err(f"fact {i}: not a mapping")
        continue
    fid = fact.get("id")
    for key in ("id", "title", "answer"):
        if not isinstance(fact.get(key), str) or not fact[key].strip():
            err(f"fact {i} ({fid}): missing {key}")
    if isinstance(fid, str) and not ID_RE.match(fid):
        err(f"fact {fid}: id not lowercase-hyphenated")
    fact_ids.append(fid)
    answer = fact.get("answer", "") or ""
    n_sent = len([s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if s])
    if not 1 <= n_sent <= 3:
        err(f"fact {fid}: answer has {n_sent} sentences, want 1-3")
    qs = fact.get("questions")
    if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
        err(f"fact {fid}: {len(qs) if isinstance(qs, list) else 'no'} examples, want {N_EXAMPLES}")
        qs = qs if isinstance(qs, list) else []
    for q in qs:
        if not isinstance(q, str) or not q.strip():
            err(f"fact {fid}: empty example")
            continue
        key = norm(q)
        if key in example_owner:
            err(f"example repeated: {q!r} in {example_owner[key]} and {fid}")
        else:
            example_owner[key] = fid

dupe_ids = [k for k, v in Counter(fact_ids).items() if v > 1]
if dupe_ids:
    err(f"duplicate fact ids: {dupe_ids}")
id_set = set(fact_ids)

# test.jsonl
tests = load_jsonl("test.jsonl")
per_fact_kind = defaultdict(Counter)
seen_tests = {}
for n, row in tests:
    labels = row["labels"]
    q = row["q"]
    if len(labels) != 1:
        err(f"test.jsonl:{n}: {len(labels)} labels, want exactly 1")
    for lab in labels:
        if lab not in id_set:
            err(f"test.jsonl:{n}: unknown label {lab!r}")
    kind = row["kind"]
    if kind not in TEST_KINDS:
        err(f"test.jsonl:{n}: bad kind {kind!r}")
    if labels:
        per_fact_kind[labels[0]][kind] += 1
    w = words(q)
    if kind == "long" and not 15 <= w <= 40:
        err(f"test.jsonl:{n}: long test has {w} words, want 15-40")
    if kind == "terse" and not 1 <= w <= 4:
        err(f"test.jsonl:{n}: terse test has {w} words, want 1-4")
    key = norm(q)
    if key in example_owner:
        err(f"test.jsonl:{n}: same as an example of {example_owner[key]}: {q!r}")
    if key in seen_tests:
        err(f"test.jsonl:{n}: repeats test line {seen_tests[key]}")
    seen_tests[key] = n

for fid in fact_ids:
    counts = per_fact_kind.get(fid, Counter())
    total = sum(counts.values())
    if total != len(TEST_KINDS) * PER_KIND:
        err(f"fact {fid}: {total} tests, want {len(TEST_KINDS) * PER_KIND}")
    for kind in TEST_KINDS:
        if counts[kind] != PER_KIND:
            err(f"fact {fid}: {counts[kind]} {kind} tests, want {PER_KIND}")

# oos.jsonl
oos = load_jsonl("oos.jsonl")
oos_kinds = Counter()
seen_oos = {}
for n, row in oos:
    if row["labels"] != ["none"]:
        err(f"oos.jsonl:{n}: labels must be ['none']")
    kind = row["kind"]
    if kind not in OOS_KINDS:
        err(f"oos.jsonl:{n}: bad kind {kind!r}")
    oos_kinds[kind] += 1
    key = norm(row["q"])
    if key in example_owner:
        err(f"oos.jsonl:{n}: same as an example of {example_owner[key]}: {row['q']!r}")
    if key in seen_tests:
        err(f"oos.jsonl:{n}: same as test line {seen_tests[key]}")
    if key in seen_oos:
        err(f"oos.jsonl:{n}: repeats oos line {seen_oos[key]}")
    seen_oos[key] = n
for kind, want in OOS_KINDS.items():
    if oos_kinds[kind] != want:
        err(f"oos.jsonl: {oos_kinds[kind]} {kind}, want {want}")
if len(oos) != sum(OOS_KINDS.values()):
    err(f"oos.jsonl: {len(oos)} messages, want {sum(OOS_KINDS.values())}")

if errors:
    print(f"FAILED: {len(errors)} problem(s)")
    for e in errors:
        print(" -", e)
    sys.exit(1)

print(
    f"OK: {len(facts)} facts, {len(example_owner)} examples, {len(tests)} tests "
    f"({', '.join(f'{k} {PER_KIND * len(facts)}' for k in TEST_KINDS)}), "
    f"{len(oos)} oos ({', '.join(f'{k} {oos_kinds[k]}' for k in OOS_KINDS)})"
)
