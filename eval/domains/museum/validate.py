"""Checks for the museum evaluation set (knowledge.yaml, test.jsonl, oos.jsonl)."""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TEST_KINDS = ["paraphrase", "long", "typo", "terse", "slang"]
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}

errors = []


def norm(text):
    text = text.lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def load_jsonl(name):
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                errors.append(f"{name}:{n}: bad JSON: {exc}")
    return rows


kb = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
facts = kb["facts"]
ids = [f["id"] for f in facts]
if len(facts) != 28:
    errors.append(f"expected 28 facts, got {len(facts)}")
for i, c in Counter(ids).items():
    if c > 1:
        errors.append(f"duplicate fact id {i}")
examples = {}
for f in facts:
    for key in ("id", "title", "answer", "questions"):
        if key not in f:
            errors.append(f"fact {f.get('id')} missing {key}")
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", f["id"]):
        errors.append(f"bad id {f['id']}")
    qs = f["questions"]
    if len(qs) != 10:
        errors.append(f"fact {f['id']} has {len(qs)} examples")
    for q in qs:
        k = norm(q)
        if k in examples:
            errors.append(f"repeated example {q!r} ({examples[k]} / {f['id']})")
        examples[k] = f["id"]

tests = load_jsonl("test.jsonl")
per_fact = defaultdict(Counter)
seen = {}
for t in tests:
    if set(t) != {"q", "labels", "kind"}:
        errors.append(f"test keys {sorted(t)}")
    for lab in t["labels"]:
        if lab not in ids:
            errors.append(f"test label {lab!r} not a fact id: {t['q']!r}")
        per_fact[lab][t["kind"]] += 1
    if t["kind"] not in TEST_KINDS:
        errors.append(f"bad test kind {t['kind']!r}")
    k = norm(t["q"])
    if not k:
        errors.append(f"empty after normalising: {t['q']!r}")
    if k in examples:
        errors.append(f"test equals example: {t['q']!r}")
    if k in seen:
        errors.append(f"repeated test: {t['q']!r}")
    seen[k] = "test"
    words = len(t["q"].split())
    if t["kind"] == "long" and not 15 <= words <= 40:
        errors.append(f"long test has {words} words: {t['q']!r}")
    if t["kind"] == "terse" and not 1 <= words <= 4:
        errors.append(f"terse test has {words} words: {t['q']!r}")
for i in ids:
    total = sum(per_fact[i].values())
    if total != 10:
        errors.append(f"fact {i} has {total} tests")
    for kind in TEST_KINDS:
        if per_fact[i][kind] != 2:
            errors.append(f"fact {i} has {per_fact[i][kind]} {kind} tests")

oos = load_jsonl("oos.jsonl")
oos_kinds = Counter()
for o in oos:
    if o["labels"] != ["none"]:
        errors.append(f"oos label {o['labels']}: {o['q']!r}")
    oos_kinds[o["kind"]] += 1
    k = norm(o["q"])
    if not k:
        errors.append(f"empty after normalising: {o['q']!r}")
    if k in examples:
        errors.append(f"oos equals example: {o['q']!r}")
    if k in seen:
        errors.append(f"oos repeats a test/oos message: {o['q']!r}")
    seen[k] = "oos"
if len(oos) != 150:
    errors.append(f"expected 150 oos, got {len(oos)}")
for kind, n in OOS_KINDS.items():
    if oos_kinds[kind] != n:
        errors.append(f"oos kind {kind}: {oos_kinds[kind]} (want {n})")
for kind in oos_kinds:
    if kind not in OOS_KINDS:
        errors.append(f"bad oos kind {kind!r}")

if errors:
    print("\n".join(errors))
    print(f"FAILED: {len(errors)} problem(s)")
    sys.exit(1)
print(
    f"OK: {len(facts)} facts, {len(examples)} examples, {len(tests)} tests, "
    f"{len(oos)} oos {dict(oos_kinds)}"
)
