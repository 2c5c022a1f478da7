"""Check the campsite evaluation set: structure, counts, labels and overlaps.

Usage: python validate.py [folder]   (defaults to the folder holding this file)
Exits 0 and prints "OK" when every check passes, otherwise prints each problem
and exits 1.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = {"paraphrase": 2, "long": 2, "typo": 2, "terse": 2, "slang": 2}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    """Lower-case, drop punctuation, squeeze spaces."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def words(text):
    return len(text.split())


def load_jsonl(path, errors):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"{path.name}:{n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{n}: bad JSON: {exc}")
            continue
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            errors.append(f"{path.name}:{n}: keys must be q, labels, kind")
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            errors.append(f"{path.name}:{n}: empty or non-string q")
            continue
        if not isinstance(row["labels"], list) or not row["labels"]:
            errors.append(f"{path.name}:{n}: labels must be a non-empty list")
            continue
        row["_line"] = n
        rows.append(row)
    return rows


def check(folder):
    errors = []
    folder = Path(folder)

    # knowledge.yaml
    try:
        data = yaml.safe_load((folder / "knowledge.yaml").read_text(encoding="utf-8"))
    except Exception as exc:
        return [f"knowledge.yaml does not parse: {exc}"]
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return ["knowledge.yaml: top-level key 'facts' must hold a list"]
    facts = data["facts"]
    if len(facts) != N_FACTS:
        errors.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")

    ids = []
    examples = {}  # normalised example -> fact id
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            errors.append(f"fact #{i}: not a mapping")
            continue
        fid = fact.get("id")
        for key in ("id", "title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                errors.append(f"fact #{i} ({fid}): missing or empty {key}")
        if isinstance(fid, str) and not ID_RE.match(fid):
            errors.append(f"fact {fid}: id is not kebab-case")
        ids.append(fid)
        qs = fact.get("questions")
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            n = len(qs) if isinstance(qs, list) else 0
            errors.append(f"fact {fid}: {n} examples, expected {N_EXAMPLES}")
            qs = qs if isinstance(qs, list) else []
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append(f"fact {fid}: empty or non-string example")
                continue
            key = norm(q)
            if key in examples:
                errors.append(f"example repeated: {q!r} in {fid} and {examples[key]}")
            else:
                examples[key] = fid
    dup_ids = [k for k, v in Counter(ids).items() if v > 1]
    if dup_ids:
        errors.append(f"duplicate fact ids: {dup_ids}")
    id_set = set(ids)

    # test.jsonl
    tests = load_jsonl(folder / "test.jsonl", errors)
    per_fact = {fid: Counter() for fid in id_set}
    seen = {}
    for row in tests:
        where = f"test.jsonl:{row['_line']}"
        q, kind = row["q"], row["kind"]
        if kind not in TEST_KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
        bad = [lab for lab in row["labels"] if lab not in id_set]
        if bad:
            errors.append(f"{where}: labels not fact ids: {bad}")
        for lab in row["labels"]:
            if lab in per_fact:
                per_fact[lab][kind] += 1
        key = norm(q)
        if key in examples:
            errors.append(f"{where}: equals an example of {examples[key]}: {q!r}")
        if key in seen:
            errors.append(f"{where}: repeats test line {seen[key]}: {q!r}")
        seen[key] = row["_line"]
        if kind == "long" and not 15 <= words(q) <= 40:
            errors.append(f"{where}: long test has {words(q)} words: {q!r}")
        if kind == "terse" and not 1 <= words(q) <= 4:
            errors.append(f"{where}: terse test has {words(q)} words: {q!r}")
    for fid, counts in sorted(per_fact.items(), key=lambda kv: str(kv[0])):
        if sum(counts.values()) != sum(TEST_KINDS.values()):
            errors.append(f"fact {fid}: {sum(counts.values())} tests, expected 10")
        for kind, want in TEST_KINDS.items():
            if counts[kind] != want:
                errors.append(f"fact {fid}: {counts[kind]} {kind} tests, expected {want}")

    # oos.jsonl
    oos = load_jsonl(folder / "oos.jsonl", errors)
    kinds = Counter()
    for row in oos:
        where = f"oos.jsonl:{row['_line']}"
        if row["labels"] != ["none"]:
            errors.append(f"{where}: labels must be ['none'], got {row['labels']}")
        if row["kind"] not in OOS_KINDS:
            errors.append(f"{where}: unknown kind {row['kind']!r}")
        kinds[row["kind"]] += 1
        key = norm(row["q"])
        if key and key in examples:
            errors.append(f"{where}: equals an example of {examples[key]}")
        if key and key in seen:
            errors.append(f"{where}: repeats a test or oos message: {row['q']!r}")
        seen[key] = row["_line"]
    if len(oos) != sum(OOS_KINDS.values()):
        errors.append(f"oos.jsonl: {len(oos)} messages, expected 150")
    for kind, want in OOS_KINDS.items():
        if kinds[kind] != want:
            errors.append(f"oos.jsonl: {kinds[kind]} {kind}, expected {want}")

    return errors


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent
    errors = check(folder)
    if errors:
        for err in errors:
            print("FAIL:", err)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
