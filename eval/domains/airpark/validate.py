"""Check the airpark evaluation set: knowledge.yaml, test.jsonl and oos.jsonl.

Usage: python validate.py [folder]   (default: the folder this file is in)
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
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise(text):
    """Lower-case, drop punctuation and collapse whitespace."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def word_count(text):
    return len(text.split())


def load_jsonl(path, problems):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
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
        if not isinstance(row["labels"], list) or not row["labels"]:
            problems.append(f"{path.name}:{number}: labels must be a non-empty list")
            continue
        row["line"] = number
        rows.append(row)
    return rows


def check_knowledge(folder, problems):
    path = folder / "knowledge.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        problems.append(f"knowledge.yaml: bad YAML ({err})")
        return [], {}
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        problems.append("knowledge.yaml: needs a top-level 'facts' list")
        return [], {}
    facts = data["facts"]
    if len(facts) != N_FACTS:
        problems.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")
    ids = []
    examples = {}
    for index, fact in enumerate(facts):
        where = f"knowledge.yaml fact #{index + 1}"
        if not isinstance(fact, dict):
            problems.append(f"{where}: not a mapping")
            continue
        missing = {"id", "title", "answer", "questions"} - set(fact)
        if missing:
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        fid = fact["id"]
        where = f"knowledge.yaml {fid}"
        if not isinstance(fid, str) or not ID_RE.match(fid):
            problems.append(f"{where}: id is not kebab-case")
        ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact[key], str) or not fact[key].strip():
                problems.append(f"{where}: {key} must be a non-empty string")
        questions = fact["questions"]
        if not isinstance(questions, list) or len(questions) != N_EXAMPLES:
            problems.append(f"{where}: needs exactly {N_EXAMPLES} questions")
            continue
        for question in questions:
            if not isinstance(question, str) or not question.strip():
                problems.append(f"{where}: empty or non-string question")
                continue
            key = normalise(question)
            if key in examples:
                problems.append(f"{where}: example {question!r} repeats one in {examples[key]}")
            else:
                examples[key] = fid
    for fid, count in Counter(ids).items():
        if count > 1:
            problems.append(f"knowledge.yaml: id {fid} used {count} times")
    return ids, examples


def check_tests(folder, ids, examples, problems, seen):
    rows = load_jsonl(folder / "test.jsonl", problems)
    per_fact = {fid: Counter() for fid in ids}
    for row in rows:
        where = f"test.jsonl:{row['line']}"
        kind = row["kind"]
        if kind not in TEST_KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        for label in row["labels"]:
            if label not in per_fact:
                problems.append(f"{where}: label {label!r} is not a fact id")
            else:
                per_fact[label][kind] += 1
        words = word_count(row["q"])
        if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
            problems.append(f"{where}: long test has {words} words")
        if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
            problems.append(f"{where}: terse test has {words} words")
        check_message(row, where, examples, problems, seen)
    for fid, kinds in per_fact.items():
        total = sum(kinds.values())
        if total != len(TEST_KINDS) * PER_KIND:
            problems.append(f"test.jsonl: {fid} has {total} tests, expected 10")
        for kind in TEST_KINDS:
            if kinds[kind] != PER_KIND:
                problems.append(
                    f"test.jsonl: {fid} has {kinds[kind]} {kind} tests, expected {PER_KIND}"
                )
    return rows


def check_oos(folder, examples, problems, seen):
    rows = load_jsonl(folder / "oos.jsonl", problems)
    kinds = Counter()
    for row in rows:
        where = f"oos.jsonl:{row['line']}"
        if row["labels"] != ["none"]:
            problems.append(f"{where}: labels must be ['none']")
        if row["kind"] not in OOS_KINDS:
            problems.append(f"{where}: unknown kind {row['kind']!r}")
        kinds[row["kind"]] += 1
        check_message(row, where, examples, problems, seen)
    for kind, expected in OOS_KINDS.items():
        if kinds[kind] != expected:
            problems.append(f"oos.jsonl: {kinds[kind]} {kind}, expected {expected}")
    if len(rows) != sum(OOS_KINDS.values()):
        problems.append(f"oos.jsonl: {len(rows)} messages, expected 150")
    return rows


def check_message(row, where, examples, problems, seen):
    key = normalise(row["q"])
    if key in examples:
        problems.append(f"{where}: {row['q']!r} equals an example of {examples[key]}")
    if key in seen:
        problems.append(f"{where}: {row['q']!r} repeats {seen[key]}")
    else:
        seen[key] = where


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    problems = []
    ids, examples = check_knowledge(folder, problems)
    seen = {}
    tests = check_tests(folder, ids, examples, problems, seen)
    oos = check_oos(folder, examples, problems, seen)
    if problems:
        for problem in problems:
            print(problem)
        print(f"FAILED: {len(problems)} problem(s)")
        return 1
    print(f"OK: {len(ids)} facts, {len(examples)} examples, {len(tests)} tests, {len(oos)} oos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
