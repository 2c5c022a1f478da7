"""Check the halls evaluation set: python3 validate.py [folder]. Exit 1 on any problem."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
TESTS_PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise(text):
    """Lower-case and drop punctuation; keep the raw text if nothing is left (emoji, '?')."""
    words = re.findall(r"[^\W_]+", text.lower())
    return " ".join(words) if words else text.strip()


def n_words(text):
    return len(text.split())


def load_jsonl(path, problems):
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        problems.append(f"{path.name}: cannot read ({exc})")
        return rows
    for number, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"{path.name}:{number}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: bad JSON ({exc})")
            continue
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            problems.append(f"{path.name}:{number}: keys must be exactly q, labels, kind")
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            problems.append(f"{path.name}:{number}: q must be a non-empty string")
            continue
        labels = row["labels"]
        if not isinstance(labels, list) or len(labels) != 1:
            problems.append(f"{path.name}:{number}: labels must be a list of one label")
            continue
        rows.append((number, row))
    return rows


def check_facts(folder, problems):
    """Return {fact id: [examples]} and {normalised example: fact id}."""
    path = folder / "knowledge.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"knowledge.yaml: cannot parse ({exc})")
        return {}, {}
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, list):
        problems.append("knowledge.yaml: no 'facts' list")
        return {}, {}
    if len(facts) != N_FACTS:
        problems.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")
    examples_by_id = {}
    seen_examples = {}
    for index, fact in enumerate(facts):
        where = f"knowledge.yaml fact #{index + 1}"
        if not isinstance(fact, dict):
            problems.append(f"{where}: not a mapping")
            continue
        fact_id = fact.get("id")
        if not isinstance(fact_id, str) or not fact_id:
            problems.append(f"{where}: missing id")
            continue
        if not KEBAB.match(fact_id):
            problems.append(f"{where}: id {fact_id!r} is not kebab-case")
        where = f"knowledge.yaml {fact_id}"
        if fact_id in examples_by_id:
            problems.append(f"{where}: duplicate id")
        for field in ("title", "answer"):
            if not isinstance(fact.get(field), str) or not fact[field].strip():
                problems.append(f"{where}: missing {field}")
        questions = fact.get("questions")
        if not isinstance(questions, list) or not all(
            isinstance(q, str) and q.strip() for q in questions
        ):
            problems.append(f"{where}: questions must be a list of non-empty strings")
            examples_by_id[fact_id] = []
            continue
        if len(questions) != N_EXAMPLES:
            problems.append(f"{where}: {len(questions)} examples, expected {N_EXAMPLES}")
        keyword_style = [q for q in questions if not q.rstrip().endswith("?")]
        if len(keyword_style) != 1 or n_words(keyword_style[0]) > 4:
            problems.append(
                f"{where}: expected 9 full questions and 1 keyword example "
                f"(no '?', at most 4 words), got {keyword_style}"
            )
        for question in questions:
            key = normalise(question)
            if key in seen_examples:
                problems.append(
                    f"{where}: example {question!r} repeats one in {seen_examples[key]}"
                )
            else:
                seen_examples[key] = fact_id
        examples_by_id[fact_id] = questions
    return examples_by_id, seen_examples


def check_messages(folder, fact_ids, seen_examples, problems):
    tests = load_jsonl(folder / "test.jsonl", problems)
    oos = load_jsonl(folder / "oos.jsonl", problems)
    seen_messages = {}
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        for number, row in rows:
            key = normalise(row["q"])
            where = f"{name}:{number}"
            if key in seen_examples:
                problems.append(f"{where}: {row['q']!r} equals an example of {seen_examples[key]}")
            if key in seen_messages:
                problems.append(f"{where}: {row['q']!r} repeats {seen_messages[key]}")
            else:
                seen_messages[key] = where

    per_fact = {fact_id: Counter() for fact_id in fact_ids}
    for number, row in tests:
        where = f"test.jsonl:{number}"
        label, kind = row["labels"][0], row["kind"]
        if not per_fact:
            break
        if label not in per_fact:
            problems.append(f"{where}: label {label!r} is not a fact id")
            continue
        if kind not in TEST_KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
            continue
        per_fact[label][kind] += 1
        words = n_words(row["q"])
        if kind == "long" and not 15 <= words <= 40:
            problems.append(f"{where}: long test has {words} words (15-40)")
        if kind == "terse" and not 1 <= words <= 4:
            problems.append(f"{where}: terse test has {words} words (1-4)")
    expected_tests = N_FACTS * len(TEST_KINDS) * TESTS_PER_KIND
    if len(tests) != expected_tests:
        problems.append(f"test.jsonl: {len(tests)} tests, expected {expected_tests}")
    for fact_id, kinds in per_fact.items():
        for kind in TEST_KINDS:
            if kinds[kind] != TESTS_PER_KIND:
                problems.append(
                    f"test.jsonl: {fact_id} has {kinds[kind]} {kind} tests, "
                    f"expected {TESTS_PER_KIND}"
                )

    oos_kinds = Counter()
    for number, row in oos:
        where = f"oos.jsonl:{number}"
        if row["labels"] != ["none"]:
            problems.append(f"{where}: label must be ['none'], got {row['labels']}")
        if row["kind"] not in OOS_KINDS:
            problems.append(f"{where}: unknown kind {row['kind']!r}")
        oos_kinds[row["kind"]] += 1
    for kind, count in OOS_KINDS.items():
        if oos_kinds[kind] != count:
            problems.append(f"oos.jsonl: {oos_kinds[kind]} {kind}, expected {count}")
    expected_oos = sum(OOS_KINDS.values())
    if len(oos) != expected_oos:
        problems.append(f"oos.jsonl: {len(oos)} messages, expected {expected_oos}")
    return len(tests), len(oos)


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    problems = []
    examples_by_id, seen_examples = check_facts(folder, problems)
    if not examples_by_id:
        problems.append("no facts loaded: test labels not checked")
    n_tests, n_oos = check_messages(folder, set(examples_by_id), seen_examples, problems)
    for problem in problems:
        print(problem)
    n_examples = sum(len(q) for q in examples_by_id.values())
    summary = f"{len(examples_by_id)} facts, {n_examples} examples, {n_tests} tests, {n_oos} oos"
    if problems:
        print(f"FAIL: {len(problems)} problem(s); {summary}")
        sys.exit(1)
    print(f"OK: {summary}")


if __name__ == "__main__":
    main()
