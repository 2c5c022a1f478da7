"""Check the Brookside Pharmacy evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Run from anywhere: python validate.py. Prints PASS or a list of problems.
"""

import json
import re
import string
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FACT_COUNT = 28
EXAMPLES_PER_FACT = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
TESTS_PER_KIND = 2
OOS_COUNTS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUNCT_TABLE = str.maketrans("", "", string.punctuation)


def normalise(text):
    """Lowercase, drop ASCII punctuation and collapse whitespace."""
    return " ".join(text.lower().translate(PUNCT_TABLE).split())


def load_jsonl(path, problems):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            problems.append(f"{path.name}:{number}: bad JSON ({error})")
    return rows


def check_facts(facts, problems):
    if len(facts) != FACT_COUNT:
        problems.append(f"expected {FACT_COUNT} facts, found {len(facts)}")
    ids = [fact.get("id") for fact in facts]
    for fact_id, count in Counter(ids).items():
        if count > 1:
            problems.append(f"duplicate fact id {fact_id}")
    seen_examples = {}
    for fact in facts:
        fact_id = fact.get("id")
        if not isinstance(fact_id, str) or not ID_PATTERN.match(fact_id):
            problems.append(f"bad fact id {fact_id!r}")
        for field in ("title", "answer"):
            if not isinstance(fact.get(field), str) or not fact[field].strip():
                problems.append(f"{fact_id}: missing {field}")
        questions = fact.get("questions") or []
        if len(questions) != EXAMPLES_PER_FACT:
            problems.append(f"{fact_id}: {len(questions)} examples, not {EXAMPLES_PER_FACT}")
        for question in questions:
            key = normalise(question)
            if key in seen_examples:
                problems.append(
                    f"example repeated: {question!r} ({seen_examples[key]} and {fact_id})"
                )
            else:
                seen_examples[key] = fact_id
    return set(ids), seen_examples


def check_tests(tests, fact_ids, examples, problems):
    per_fact = {fact_id: Counter() for fact_id in fact_ids}
    seen = set()
    for row in tests:
        question, labels, kind = row.get("q"), row.get("labels"), row.get("kind")
        if not isinstance(question, str) or not question.strip():
            problems.append(f"test without text: {row}")
            continue
        if kind not in TEST_KINDS:
            problems.append(f"test with unknown kind {kind!r}: {question!r}")
        if not isinstance(labels, list) or not labels:
            problems.append(f"test without labels: {question!r}")
            continue
        for label in labels:
            if label not in fact_ids:
                problems.append(f"test label {label!r} is not a fact id: {question!r}")
            else:
                per_fact[label][kind] += 1
        key = normalise(question)
        if key in examples:
            problems.append(f"test copies an example of {examples[key]}: {question!r}")
        if key in seen:
            problems.append(f"test repeated: {question!r}")
        seen.add(key)
        word_total = len(question.split())
        if kind == "long" and not 15 <= word_total <= 40:
            problems.append(f"long test has {word_total} words: {question!r}")
        if kind == "terse" and not 1 <= word_total <= 4:
            problems.append(f"terse test has {word_total} words: {question!r}")
    for fact_id, kinds in sorted(per_fact.items()):
        for kind in TEST_KINDS:
            if kinds[kind] != TESTS_PER_KIND:
                problems.append(f"{fact_id}: {kinds[kind]} {kind} tests, not {TESTS_PER_KIND}")
    return seen


def check_oos(oos_rows, examples, test_keys, problems):
    kinds = Counter()
    seen = set()
    for row in oos_rows:
        question = row.get("q")
        if not isinstance(question, str) or not question.strip():
            problems.append(f"oos row without text: {row}")
            continue
        if row.get("labels") != ["none"]:
            problems.append(f"oos label is not ['none']: {question!r}")
        kinds[row.get("kind")] += 1
        key = normalise(question)
        if key in examples:
            problems.append(f"oos copies an example of {examples[key]}: {question!r}")
        if key in test_keys:
            problems.append(f"oos copies a test question: {question!r}")
        if key in seen:
            problems.append(f"oos repeated: {question!r}")
        seen.add(key)
    if dict(kinds) != OOS_COUNTS:
        problems.append(f"oos kinds {dict(kinds)} differ from {OOS_COUNTS}")


def main():
    problems = []
    try:
        knowledge = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        print(f"FAIL: knowledge.yaml does not parse ({error})")
        return 1
    facts = knowledge.get("facts") if isinstance(knowledge, dict) else None
    if not isinstance(facts, list):
        print("FAIL: knowledge.yaml has no list under 'facts'")
        return 1
    fact_ids, examples = check_facts(facts, problems)
    tests = load_jsonl(HERE / "test.jsonl", problems)
    oos_rows = load_jsonl(HERE / "oos.jsonl", problems)
    test_keys = check_tests(tests, fact_ids, examples, problems)
    check_oos(oos_rows, examples, test_keys, problems)
    if problems:
        for problem in problems:
            print(problem)
        print(f"FAIL ({len(problems)} problems)")
        return 1
    print(
        f"PASS: {len(facts)} facts, {len(examples)} examples, "
        f"{len(tests)} tests, {len(oos_rows)} oos"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
