"""Checks for the leisure-centre evaluation set (Ashcombe Active).

Run: python3 validate.py   (exit code 0 and "OK" when every check passes)
"""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ["paraphrase", "long", "typo", "terse", "slang"]
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

errors = []


def err(msg):
    errors.append(msg)


def norm(text):
    text = text.lower()
    text = re.sub(r"[^\w\s£]", " ", text)
    return " ".join(text.split())


def load_jsonl(name):
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{name}:{n}: blank line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{name}:{n}: bad JSON: {e}")
                continue
            if set(row) != {"q", "labels", "kind"}:
                err(f"{name}:{n}: keys {sorted(row)}")
            if not isinstance(row.get("q"), str) or not row["q"].strip():
                err(f"{name}:{n}: empty q")
            if not isinstance(row.get("labels"), list) or not row["labels"]:
                err(f"{name}:{n}: labels must be a non-empty list")
            rows.append((n, row))
    return rows


# knowledge.yaml
with open(HERE / "knowledge.yaml", encoding="utf-8") as fh:
    kb = yaml.safe_load(fh)
if not isinstance(kb, dict) or list(kb) != ["facts"]:
    err("knowledge.yaml: top level must be a mapping with only the key 'facts'")
facts = kb.get("facts", []) if isinstance(kb, dict) else []
if len(facts) != 28:
    err(f"knowledge.yaml: {len(facts)} facts, expected 28")

ids = []
examples = {}  # normalised example -> fact id
for f in facts:
    if set(f) != {"id", "title", "answer", "questions"}:
        err(f"fact {f.get('id')}: keys {sorted(f)}")
    fid = f.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        err(f"bad fact id {fid!r}")
    ids.append(fid)
    for key in ("title", "answer"):
        if not isinstance(f.get(key), str) or not f[key].strip():
            err(f"fact {fid}: empty {key}")
    qs = f.get("questions") or []
    if len(qs) != 10:
        err(f"fact {fid}: {len(qs)} example questions, expected 10")
    for q in qs:
        if not isinstance(q, str) or not q.strip():
            err(f"fact {fid}: empty example")
            continue
        k = norm(q)
        if k in examples:
            err(f"example repeated ({examples[k]} / {fid}): {q!r}")
        examples[k] = fid
dups = [i for i, c in Counter(ids).items() if c > 1]
if dups:
    err(f"duplicate fact ids: {dups}")
idset = set(ids)

# test.jsonl
tests = load_jsonl("test.jsonl")
per_fact = Counter()
per_fact_kind = defaultdict(Counter)
seen_tests = {}
for n, row in tests:
    labels = row.get("labels", [])
    for lab in labels:
        if lab not in idset:
            err(f"test.jsonl:{n}: unknown label {lab!r}")
    kind = row.get("kind")
    if kind not in KINDS:
        err(f"test.jsonl:{n}: bad kind {kind!r}")
    q = row.get("q", "")
    k = norm(q)
    if k in examples:
        err(f"test.jsonl:{n}: equals an example of {examples[k]}: {q!r}")
    if k in seen_tests:
        err(f"test.jsonl:{n}: repeats test line {seen_tests[k]}: {q!r}")
    seen_tests[k] = n
    words = len(q.split())
    if kind == "long" and not 15 <= words <= 40:
        err(f"test.jsonl:{n}: long question has {words} words")
    if kind == "terse" and not 1 <= words <= 4:
        err(f"test.jsonl:{n}: terse question has {words} words")
    for lab in labels:
        per_fact[lab] += 1
        per_fact_kind[lab][kind] += 1
for fid in ids:
    if per_fact[fid] != 10:
        err(f"fact {fid}: {per_fact[fid]} tests, expected 10")
    for kind in KINDS:
        if per_fact_kind[fid][kind] != 2:
            err(f"fact {fid}: {per_fact_kind[fid][kind]} tests of kind {kind}, expected 2")

# oos.jsonl
oos = load_jsonl("oos.jsonl")
oos_kinds = Counter()
seen_oos = {}
for n, row in oos:
    if row.get("labels") != ["none"]:
        err(f"oos.jsonl:{n}: labels must be ['none']")
    kind = row.get("kind")
    if kind not in OOS_KINDS:
        err(f"oos.jsonl:{n}: bad kind {kind!r}")
    oos_kinds[kind] += 1
    q = row.get("q", "")
    k = norm(q)
    if k in examples:
        err(f"oos.jsonl:{n}: equals an example of {examples[k]}: {q!r}")
    if k in seen_tests:
        err(f"oos.jsonl:{n}: equals test line {seen_tests[k]}: {q!r}")
    if k in seen_oos:
        err(f"oos.jsonl:{n}: repeats oos line {seen_oos[k]}: {q!r}")
    seen_oos[k] = n
if len(oos) != 150:
    err(f"oos.jsonl: {len(oos)} messages, expected 150")
for kind, want in OOS_KINDS.items():
    if oos_kinds[kind] != want:
        err(f"oos.jsonl: {oos_kinds[kind]} {kind}, expected {want}")

print(
    f"facts {len(facts)}, examples {sum(len(f.get('questions') or []) for f in facts)}, "
    f"tests {len(tests)}, oos {len(oos)} {dict(oos_kinds)}"
)
if errors:
    print(f"{len(errors)} problem(s):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK")
