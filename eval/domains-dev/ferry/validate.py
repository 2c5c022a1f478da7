#!/usr/bin/env python3
"""Validate the Northwind Ferries evaluation set. Exit code 1 on any error."""
import json, os, re, sys, collections, unicodedata
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
errors, warnings = [], []

def norm(s):
    s = unicodedata.normalize("NFKC", s).lower()
    t = " ".join(re.sub(r"[^\w\s]", " ", s).split())  # drop punctuation and emoji
    return t or s.strip()                   # emoji-only text: keep it as is

def load_jsonl(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"{name}:{i} blank line"); continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{i} bad JSON: {e}"); continue
            if set(r) != {"q", "labels", "kind"} or not isinstance(r["labels"], list) or not r["q"].strip():
                errors.append(f"{name}:{i} bad shape: {r}")
            rows.append((i, r, line.rstrip("\n")))
    return rows

# --- knowledge.yaml
kb = yaml.safe_load(open(os.path.join(HERE, "knowledge.yaml"), encoding="utf-8"))
facts = kb["facts"]
ids = [f["id"] for f in facts]
for k, n in collections.Counter(ids).items():
    if n > 1: errors.append(f"duplicate fact id {k}")
example_owner = {}
for f in facts:
    for key in ("id", "title", "answer", "questions"):
        if not f.get(key): errors.append(f"{f.get('id')}: missing {key}")
    qs = f["questions"]
    if len(qs) != 10: errors.append(f"{f['id']}: {len(qs)} examples, want 10")
    if len({norm(q) for q in qs}) != len(qs): errors.append(f"{f['id']}: examples not distinct")
    for q in qs:
        n = norm(q)
        if n in example_owner and example_owner[n] != f["id"]:
            errors.append(f"example in two facts ({example_owner[n]}, {f['id']}): {q}")
        example_owner[n] = f["id"]
idset = set(ids)

# --- test.jsonl / oos.jsonl
test, oos = load_jsonl("test.jsonl"), load_jsonl("oos.jsonl")
for i, r, _ in test:
    for lab in r["labels"]:
        if lab not in idset: errors.append(f"test.jsonl:{i} unknown label {lab}")
    if len(set(r["labels"])) != len(r["labels"]): errors.append(f"test.jsonl:{i} repeated label")
for i, r, _ in oos:
    if r["labels"] != ["none"]: errors.append(f"oos.jsonl:{i} label must be ['none']")

seen_line, seen_q = {}, {}
for name, rows in (("test.jsonl", test), ("oos.jsonl", oos)):
    for i, r, raw in rows:
        n = norm(r["q"])
        if n in example_owner:
            errors.append(f"{name}:{i} equals an example of {example_owner[n]}: {r['q']}")
        if raw in seen_line: errors.append(f"{name}:{i} duplicate line of {seen_line[raw]}")
        seen_line[raw] = f"{name}:{i}"
        if n in seen_q: errors.append(f"{name}:{i} duplicate question of {seen_q[n]}: {r['q']}")
        seen_q[n] = f"{name}:{i}"

# --- soft check: test questions that are near-copies of an example (token Jaccard >= 0.7)
ex_tokens = [(set(q.split()), q, o) for q, o in example_owner.items()]
for name, rows in (("test.jsonl", test), ("oos.jsonl", oos)):
    for i, r, _ in rows:
        t = set(norm(r["q"]).split())
        for et, eq, owner in ex_tokens:
            if t and len(t & et) / len(t | et) >= 0.7:
                warnings.append(f"{name}:{i} near an example of {owner}: '{r['q']}' ~ '{eq}'")

# --- report
print(f"facts: {len(facts)}   examples: {sum(len(f['questions']) for f in facts)}")
print(f"test.jsonl: {len(test)} lines, kinds {dict(collections.Counter(r['kind'] for _, r, _ in test))}")
print(f"  multi-label lines: {sum(len(r['labels']) > 1 for _, r, _ in test)}")
per = collections.Counter(l for _, r, _ in test for l in r["labels"])
print(f"  label mentions per fact: min {min(per[i] for i in ids)}, max {max(per[i] for i in ids)}")
print(f"oos.jsonl: {len(oos)} lines, kinds {dict(collections.Counter(r['kind'] for _, r, _ in oos))}")
for w in warnings: print("WARN", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
