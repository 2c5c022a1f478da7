"""Checks for the carhire evaluation set (stand-alone, reads only this folder)."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = {"paraphrase", "long", "typo", "terse", "slang"}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
errors = []


def norm(text):
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def load_jsonl(name):
    rows = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{name}:{n}: bad JSON ({exc})")
    return rows


kb = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
facts = kb["facts"]
ids = [f["id"] for f in facts]
if len(facts) != 28:
    errors.append(f"expected 28 facts, got {len(facts)}")
for fid, c in Counter(ids).items():
    if c > 1:
        errors.append(f"duplicate fact id {fid}")
examples = {}
for f in facts:
    for key in ("id", "title", "answer", "questions"):
        if not f.get(key):
            errors.append(f"fact {f.get('id')}: missing {key}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f["id"]):
        errors.append(f"bad id {f['id']}")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", f["answer"].strip()) if s]
    if not 1 <= len(sentences) <= 3:
        errors.append(f"fact {f['id']}: answer has {len(sentences)} sentences")
    if len(f["questions"]) != 10:
        errors.append(f"fact {f['id']}: {len(f['questions'])} examples")
    for q in f["questions"]:
        k = norm(q)
        if k in examples:
            errors.append(f"repeated example {q!r} ({examples[k]} / {f['id']})")
        examples[k] = f["id"]

tests = load_jsonl("test.jsonl")
if len(tests) != 280:
    errors.append(f"expected 280 tests, got {len(tests)}")
per_fact = Counter()
per_fact_kind = Counter()
seen = {}
for t in tests:
    for lab in t["labels"]:
        if lab not in ids:
            errors.append(f"test label {lab!r} not a fact id: {t['q']!r}")
        per_fact[lab] += 1
        per_fact_kind[(lab, t["kind"])] += 1
    if t["kind"] not in KINDS:
        errors.append(f"bad kind {t['kind']!r}: {t['q']!r}")
    k = norm(t["q"])
    if k in examples:
        errors.append(f"test equals example: {t['q']!r}")
    if k in seen:
        errors.append(f"repeated test: {t['q']!r}")
    seen[k] = True
    words = len(t["q"].split())
    if t["kind"] == "long" and not 15 <= words <= 40:
        errors.append(f"long test has {words} words: {t['q']!r}")
    if t["kind"] == "terse" and not 1 <= words <= 4:
        errors.append(f"terse test has {words} words: {t['q']!r}")
for fid in ids:
    if per_fact[fid] != 10:
        errors.append(f"fact {fid}: {per_fact[fid]} tests")
    for kind in KINDS:
        if per_fact_kind[(fid, kind)] != 2:
            errors.append(f"fact {fid}: {per_fact_kind[(fid, kind)]} {kind} tests")

oos = load_jsonl("oos.jsonl")
if len(oos) != 150:
    errors.append(f"expected 150 oos, got {len(oos)}")
oos_kinds = Counter()
for o in oos:
    if o["labels"] != ["none"]:
        errors.append(f"oos label not none: {o['q']!r}")
    oos_kinds[o["kind"]] += 1
    k = norm(o["q"])
    if k and k in examples:
        errors.append(f"oos equals example: {o['q']!r}")
    if k and k in seen:
        errors.append(f"repeated test/oos message: {o['q']!r}")
    seen[k] = True
for kind, n in OOS_KINDS.items():
    if oos_kinds[kind] != n:
        errors.append(f"oos kind {kind}: {oos_kinds[kind]} (want {n})")
for kind in oos_kinds:
    if kind not in OOS_KINDS:
        errors.append(f"unexpected oos kind {kind}")

for e in errors:
    print("ERROR", e)
print(
    f"facts {len(facts)}, examples {sum(len(f['questions']) for f in facts)}, "
    f"tests {len(tests)}, oos {len(oos)} {dict(oos_kinds)}"
)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
