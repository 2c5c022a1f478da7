"""Checks for the clothing (Threadline) evaluation set.

Checks only: it changes nothing."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def read_jsonl(name, errors):
    rows = []
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{name}:{number}: bad JSON ({exc})")
    return rows


def main():
    errors = []
    data = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
    facts = data["facts"]
    ids = [fact["id"] for fact in facts]
    if len(facts) != 28:
        errors.append(f"expected 28 facts, found {len(facts)}")
    for fact_id, count in Counter(ids).items():
        if count > 1:
            errors.append(f"duplicate fact id {fact_id}")
    fact_ids = set(ids)

    seen_examples = {}
    for fact in facts:
        if not ID_RE.match(fact["id"]):
            errors.append(f"fact id not lowercase-hyphen: {fact['id']}")
        for key in ("title", "answer"):
            if not str(fact.get(key, "")).strip():
                errors.append(f"{fact['id']}: empty {key}")
        questions = fact.get("questions", [])
        if len(questions) != 10:
            errors.append(f"{fact['id']}: {len(questions)} examples, expected 10")
        for question in questions:
            key = norm(question)
            if key in seen_examples:
                first = seen_examples[key]
                errors.append(f"example repeated: {question!r} ({first} and {fact['id']})")
            seen_examples[key] = fact["id"]

    tests = read_jsonl("test.jsonl", errors)
    oos = read_jsonl("oos.jsonl", errors)
    if len(tests) != 280:
        errors.append(f"expected 280 tests, found {len(tests)}")
    if len(oos) != 150:
        errors.append(f"expected 150 oos messages, found {len(oos)}")

    per_fact = Counter()
    per_fact_kind = Counter()
    for row in tests:
        labels = row["labels"]
        for label in labels:
            if label not in fact_ids:
                errors.append(f"test label not a fact id: {label} ({row['q']!r})")
            per_fact[label] += 1
            per_fact_kind[(label, row["kind"])] += 1
        if row["kind"] not in TEST_KINDS:
            errors.append(f"unknown test kind {row['kind']!r}: {row['q']!r}")
        words = len(row["q"].split())
        if row["kind"] == "long" and not 15 <= words <= 40:
            errors.append(f"long test has {words} words: {row['q']!r}")
        if row["kind"] == "terse" and not 1 <= words <= 4:
            errors.append(f"terse test has {words} words: {row['q']!r}")
    for fact_id in ids:
        if per_fact[fact_id] != 10:
            errors.append(f"{fact_id}: {per_fact[fact_id]} tests, expected 10")
        for kind in TEST_KINDS:
            if per_fact_kind[(fact_id, kind)] != 2:
                found = per_fact_kind[(fact_id, kind)]
                errors.append(f"{fact_id}: {found} {kind} tests, expected 2")

    oos_kinds = Counter()
    for row in oos:
        if row["labels"] != ["none"]:
            errors.append(f"oos label is not ['none']: {row['q']!r}")
        oos_kinds[row["kind"]] += 1
    for kind, expected in OOS_KINDS.items():
        if oos_kinds[kind] != expected:
            errors.append(f"oos kind {kind}: {oos_kinds[kind]}, expected {expected}")
    for kind in set(oos_kinds) - set(OOS_KINDS):
        errors.append(f"unknown oos kind {kind!r}")

    seen_messages = {}
    for row in tests + oos:
        key = norm(row["q"])
        if not key:
            errors.append(f"message empty after normalising: {row['q']!r}")
        if key in seen_examples:
            owner = seen_examples[key]
            errors.append(f"message equals an example of {owner}: {row['q']!r}")
        if key in seen_messages:
            errors.append(f"message repeated: {row['q']!r} and {seen_messages[key]!r}")
        seen_messages[key] = row["q"]

    for error in errors:
        print("FAIL", error)
    print(
        f"facts {len(facts)}, examples {len(seen_examples)}, tests {len(tests)}, "
        f"oos {len(oos)} ({', '.join(f'{k} {oos_kinds[k]}' for k in OOS_KINDS)})"
    )
    if errors:
        print(f"{len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
