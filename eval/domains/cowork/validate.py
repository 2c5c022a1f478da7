"""Checks knowledge.yaml, test.jsonl and oos.jsonl; prints counts. Exit code 1 on any error."""

import json
import re
import sys
from collections import Counter, defaultdict

import yaml

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    return re.sub(r"\s+", " ", s.strip().lower())


# ---------- knowledge.yaml ----------
with open(f"{HERE}/knowledge.yaml", encoding="utf-8") as f:
    kb = yaml.safe_load(f)

if not isinstance(kb, dict) or list(kb.keys()) != ["facts"]:
    err("knowledge.yaml must have exactly one top-level key: facts")
facts = kb.get("facts", []) if isinstance(kb, dict) else []
if len(facts) != 28:
    err(f"expected 28 facts, got {len(facts)}")

ids = []
example_owner = {}
for i, fact in enumerate(facts):
    for key in ("id", "title", "answer", "questions"):
        if key not in fact:
            err(f"fact #{i} missing {key}")
    if set(fact) - {"id", "title", "answer", "questions"}:
        err(f"fact #{i} has extra keys {set(fact) - {'id', 'title', 'answer', 'questions'}}")
    fid = fact.get("id", "")
    ids.append(fid)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fid):
        err(f"bad id format: {fid!r}")
    title = fact.get("title", "")
    if not title.strip().endswith("?"):
        err(f"{fid}: title is not a question: {title!r}")
    answer = fact.get("answer", "")
    # rough sentence count: split on . ! ? followed by space + capital, ignoring decimals
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z£'])", answer.strip()) if s]
    if not 1 <= len(sentences) <= 3:
        err(f"{fid}: answer has {len(sentences)} sentences (want 1-3)")
    qs = fact.get("questions", [])
    if len(qs) != 10:
        err(f"{fid}: expected 10 questions, got {len(qs)}")
    if len({norm(q) for q in qs}) != len(qs):
        err(f"{fid}: duplicate example question inside fact")
    for q in qs:
        if not isinstance(q, str) or not q.strip():
            err(f"{fid}: empty/non-string example {q!r}")
            continue
        n = norm(q)
        if n in example_owner and example_owner[n] != fid:
            err(f"example {q!r} appears in {example_owner[n]} and {fid}")
        example_owner[n] = fid

dup_ids = [k for k, v in Counter(ids).items() if v > 1]
if dup_ids:
    err(f"duplicate fact ids: {dup_ids}")
id_set = set(ids)


# ---------- jsonl helpers ----------
def load_jsonl(name):
    rows = []
    with open(f"{HERE}/{name}", encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                err(f"{name}:{ln}: blank line")
                continue
            try:
                rows.append((ln, json.loads(line)))
            except json.JSONDecodeError as e:
                err(f"{name}:{ln}: bad JSON ({e})")
    return rows


def words(s):
    return len(s.split())


# ---------- test.jsonl ----------
TEST_KINDS = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
test = load_jsonl("test.jsonl")
if len(test) != 280:
    err(f"test.jsonl: expected 280 lines, got {len(test)}")
kind_count = Counter()
per_fact = Counter()
primary_per_fact = Counter()
multi = 0
seen_q = {}
example_hits = []
per_fact_kinds = defaultdict(Counter)
for ln, row in test:
    if set(row) != {"q", "labels", "kind"}:
        err(f"test.jsonl:{ln}: keys {sorted(row)} != ['kind','labels','q']")
    q, labels, kind = row.get("q", ""), row.get("labels", []), row.get("kind", "")
    kind_count[kind] += 1
    if kind not in TEST_KINDS:
        err(f"test.jsonl:{ln}: unknown kind {kind!r}")
    if not isinstance(labels, list) or not 1 <= len(labels) <= 2 or len(set(labels)) != len(labels):
        err(f"test.jsonl:{ln}: labels must be 1-2 distinct ids: {labels!r}")
    for lab in labels:
        if lab not in id_set:
            err(f"test.jsonl:{ln}: unknown label {lab!r}")
        per_fact[lab] += 1
        per_fact_kinds[lab][kind] += 1
    if labels:
        primary_per_fact[labels[0]] += 1
    if len(labels) == 2:
        multi += 1
    n = norm(q)
    if n in seen_q:
        err(f"test.jsonl:{ln}: duplicate of line {seen_q[n]}: {q!r}")
    seen_q[n] = ln
    if n in example_owner:
        example_hits.append((ln, q))
    w = words(q)
    if kind == "terse" and not 1 <= w <= 4:
        err(f"test.jsonl:{ln}: terse has {w} words")
    if kind == "long" and not 40 <= w <= 80:
        err(f"test.jsonl:{ln}: long has {w} words")
    if kind == "slang" and q != q.lower():
        err(f"test.jsonl:{ln}: slang not lowercase: {q!r}")
    if kind == "paraphrase" and w < 5:
        err(f"test.jsonl:{ln}: paraphrase suspiciously short: {q!r}")

for k, want in TEST_KINDS.items():
    if kind_count[k] != want:
        err(f"test.jsonl: kind {k} has {kind_count[k]}, want {want}")
for fid in ids:
    if not 9 <= primary_per_fact[fid] <= 11:
        err(
            f"test.jsonl: fact {fid} has {primary_per_fact[fid]} primary-labelled messages"
            " (want ~10)"
        )
if example_hits:
    for ln, q in example_hits:
        err(f"test.jsonl:{ln}: identical to a KB example: {q!r}")

# ---------- oos.jsonl ----------
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
oos = load_jsonl("oos.jsonl")
if len(oos) != 150:
    err(f"oos.jsonl: expected 150 lines, got {len(oos)}")
oos_count = Counter()
for ln, row in oos:
    if set(row) != {"q", "labels", "kind"}:
        err(f"oos.jsonl:{ln}: keys {sorted(row)} != ['kind','labels','q']")
    if row.get("labels") != ["none"]:
        err(f"oos.jsonl:{ln}: labels must be ['none'], got {row.get('labels')!r}")
    kind = row.get("kind", "")
    oos_count[kind] += 1
    if kind not in OOS_KINDS:
        err(f"oos.jsonl:{ln}: unknown kind {kind!r}")
    n = norm(row.get("q", ""))
    if not n:
        err(f"oos.jsonl:{ln}: empty q")
    if n in seen_q:
        err(f"oos.jsonl:{ln}: duplicate text (also at {seen_q[n]}): {row.get('q')!r}")
    seen_q[n] = f"oos:{ln}"
    if n in example_owner:
        err(f"oos.jsonl:{ln}: identical to KB example of {example_owner[n]}")
for k, want in OOS_KINDS.items():
    if oos_count[k] != want:
        err(f"oos.jsonl: kind {k} has {oos_count[k]}, want {want}")

# ---------- report ----------
print(
    f"facts: {len(facts)}  examples: {sum(len(f.get('questions', [])) for f in facts)} "
    f"(unique: {len(example_owner)})"
)
print(f"test.jsonl: {len(test)} lines, two-label: {multi}")
for k in TEST_KINDS:
    print(f"  {k:<11} {kind_count[k]}")
print("  per fact (all labels / primary):")
for fid in ids:
    kinds = " ".join(f"{k[:4]}={per_fact_kinds[fid][k]}" for k in TEST_KINDS)
    print(f"    {fid:<27} {per_fact[fid]:>2} / {primary_per_fact[fid]:>2}   {kinds}")
print(f"oos.jsonl: {len(oos)} lines")
for k in OOS_KINDS:
    print(f"  {k:<11} {oos_count[k]}")

if errors:
    print(f"\nFAILED with {len(errors)} error(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nOK: all checks passed")
