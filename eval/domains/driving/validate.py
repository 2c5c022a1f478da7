"""Check the driving evaluation set. Checks only: it generates nothing.

Usage: python3 validate.py [folder]

Exits 1 listing every problem found, or prints a summary.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
EXAMPLE_WORDS = (1, 30)
KEYWORD_EXAMPLES = (1, 2)
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
MAX_TWO_LABEL = 5


def normalise(text):
    """Lower-case, drop punctuation, squeeze spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def words(text):
    return len(text.split())


def load_jsonl(path, problems):
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        problems.append(f"{path.name}: cannot read ({err})")
        return rows
    for number, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"{path.name}:{number}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{path.name}:{number}: bad JSON ({err})")
            continue
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            problems.append(f"{path.name}:{number}: keys must be q, labels, kind")
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            problems.append(f"{path.name}:{number}: q must be a non-empty string")
            continue
        labels = row["labels"]
        if not isinstance(labels, list) or not labels:
            problems.append(f"{path.name}:{number}: labels must be a non-empty list")
            continue
        if len(set(labels)) != len(labels):
            problems.append(f"{path.name}:{number}: repeated label")
        row["line"] = number
        rows.append(row)
    return rows


def check_facts(folder, problems):
    path = folder / "knowledge.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        problems.append(f"knowledge.yaml: cannot load ({err})")
        return {}, {}
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, list):
        problems.append("knowledge.yaml: no top-level facts list")
        return {}, {}
    if len(facts) != N_FACTS:
        problems.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")
    ids = {}
    examples = {}
    for index, fact in enumerate(facts):
        if not isinstance(fact, dict):
            problems.append(f"knowledge.yaml: fact {index} is not a mapping")
            continue
        fid = fact.get("id")
        where = f"knowledge.yaml: fact {fid or index}"
        if set(fact) != {"id", "title", "answer", "questions"}:
            problems.append(f"{where}: keys must be id, title, answer, questions")
        for key in ("id", "title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                problems.append(f"{where}: {key} must be a non-empty string")
        if not isinstance(fid, str):
            continue
        if fid in ids:
            problems.append(f"{where}: duplicate id")
        ids[fid] = fact
        questions = fact.get("questions")
        if not isinstance(questions, list):
            problems.append(f"{where}: questions must be a list")
            continue
        if len(questions) != N_EXAMPLES:
            problems.append(f"{where}: {len(questions)} examples, expected {N_EXAMPLES}")
        keyword_style = 0
        for question in questions:
            if not isinstance(question, str) or not question.strip():
                problems.append(f"{where}: empty or non-string example")
                continue
            n = words(question)
            if not EXAMPLE_WORDS[0] <= n <= EXAMPLE_WORDS[1]:
                problems.append(f"{where}: example has {n} words: {question!r}")
            if not question.rstrip().endswith("?"):
                keyword_style += 1
            key = normalise(question)
            if key in examples:
                problems.append(f"{where}: example {question!r} repeats one in {examples[key]}")
            else:
                examples[key] = fid
        low, high = KEYWORD_EXAMPLES
        if not low <= keyword_style <= high:
            problems.append(f"{where}: {keyword_style} examples without '?', expected {low}-{high}")
    return ids, examples


def check_tests(rows, ids, examples, problems):
    per_fact = {fid: Counter() for fid in ids}
    two_label = 0
    for row in rows:
        where = f"test.jsonl:{row['line']}"
        labels = row["labels"]
        for label in labels:
            if label not in ids:
                problems.append(f"{where}: unknown label {label!r}")
        if len(labels) > 1:
            two_label += 1
        if len(labels) > 2:
            problems.append(f"{where}: more than two labels")
        kind = row["kind"]
        if kind not in TEST_KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        elif labels[0] in per_fact:
            per_fact[labels[0]][kind] += 1
        n = words(row["q"])
        if kind == "long" and not LONG_WORDS[0] <= n <= LONG_WORDS[1]:
            problems.append(f"{where}: long test has {n} words")
        if kind == "terse" and not TERSE_WORDS[0] <= n <= TERSE_WORDS[1]:
            problems.append(f"{where}: terse test has {n} words")
        key = normalise(row["q"])
        if key in examples:
            problems.append(f"{where}: same as an example of {examples[key]}")
    for fid, kinds in per_fact.items():
        total = sum(kinds.values())
        if total != len(TEST_KINDS) * PER_KIND:
            problems.append(f"test.jsonl: fact {fid} has {total} tests (first label)")
        for kind in TEST_KINDS:
            if kinds[kind] != PER_KIND:
                problems.append(f"test.jsonl: fact {fid} has {kinds[kind]} {kind}")
    if two_label > MAX_TWO_LABEL:
        problems.append(f"test.jsonl: {two_label} two-label tests, at most {MAX_TWO_LABEL}")
    return two_label


def check_oos(rows, examples, problems):
    kinds = Counter()
    for row in rows:
        where = f"oos.jsonl:{row['line']}"
        if row["labels"] != ["none"]:
            problems.append(f"{where}: labels must be ['none']")
        if row["kind"] not in OOS_KINDS:
            problems.append(f"{where}: unknown kind {row['kind']!r}")
        kinds[row["kind"]] += 1
        key = normalise(row["q"])
        if key in examples:
            problems.append(f"{where}: same as an example of {examples[key]}")
    for kind, expected in OOS_KINDS.items():
        if kinds[kind] != expected:
            problems.append(f"oos.jsonl: {kinds[kind]} {kind}, expected {expected}")
    return kinds


def check_repeats(tests, oos, problems):
    seen = {}
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        for row in rows:
            key = normalise(row["q"])
            here = f"{name}:{row['line']}"
            if key in seen:
                problems.append(f"{here}: repeats {seen[key]}")
            else:
                seen[key] = here


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    problems = []
    ids, examples = check_facts(folder, problems)
    tests = load_jsonl(folder / "test.jsonl", problems)
    oos = load_jsonl(folder / "oos.jsonl", problems)
    two_label = check_tests(tests, ids, examples, problems)
    oos_kinds = check_oos(oos, examples, problems)
    check_repeats(tests, oos, problems)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"OK: {folder}")
    print(f"  facts: {len(ids)}, examples: {len(examples)}")
    print(f"  test questions: {len(tests)} ({two_label} with two labels)")
    kinds = ", ".join(f"{kind} {oos_kinds[kind]}" for kind in OOS_KINDS)
    print(f"  oos: {len(oos)} ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
