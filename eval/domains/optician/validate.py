"""Check the optician evaluation set: knowledge.yaml, test.jsonl and oos.jsonl.

Usage: python3 validate.py [folder]   (default: the folder this file is in)
Prints every problem found and exits 1 if there is any, else prints a summary.
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
TERSE_WORDS = (1, 4)
LONG_WORDS = (15, 40)


def normalise(text):
    """Lower-case, drop punctuation, collapse spaces.

    A message that is nothing but punctuation or emoji ("?", a thumbs-up) is kept
    as it is, so that two such messages do not count as the same.
    """
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return " ".join(words) or text.strip()


def load_facts(path, errors):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        errors.append(f"{path.name}: does not parse: {exc}")
        return []
    if isinstance(data, dict):
        data = data.get("facts")
    if not isinstance(data, list):
        errors.append(f"{path.name}: expected a list of facts (or a 'facts' key)")
        return []
    return data


def check_facts(facts, errors):
    """Return {fact id: [examples]} and report malformed facts."""
    examples = {}
    seen = {}
    for n, fact in enumerate(facts, 1):
        where = f"knowledge.yaml fact {n}"
        if not isinstance(fact, dict):
            errors.append(f"{where}: not a mapping")
            continue
        fid = fact.get("id")
        if not isinstance(fid, str) or not fid:
            errors.append(f"{where}: missing id")
            continue
        if fid in examples:
            errors.append(f"{where}: duplicate id {fid}")
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                errors.append(f"{fid}: missing or empty {key}")
        questions = fact.get("questions")
        if not isinstance(questions, list) or not all(
            isinstance(q, str) and q.strip() for q in questions
        ):
            errors.append(f"{fid}: questions must be a list of non-empty strings")
            questions = []
        if len(questions) != N_EXAMPLES:
            errors.append(f"{fid}: {len(questions)} examples, expected {N_EXAMPLES}")
        for q in questions:
            key = normalise(q)
            if key in seen:
                errors.append(f"{fid}: example {q!r} repeats one in {seen[key]}")
            seen[key] = fid
        examples[fid] = questions
    if len(examples) != N_FACTS:
        errors.append(f"knowledge.yaml: {len(examples)} facts, expected {N_FACTS}")
    return examples, seen


def load_jsonl(path, errors):
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        errors.append(f"{path.name}: cannot read: {exc}")
        return rows
    for n, line in enumerate(lines, 1):
        if not line.strip():
            errors.append(f"{path.name}:{n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{n}: does not parse: {exc}")
            continue
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            errors.append(f"{path.name}:{n}: keys must be exactly q, labels, kind")
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            errors.append(f"{path.name}:{n}: q must be a non-empty string")
            continue
        if not isinstance(row["labels"], list) or not row["labels"]:
            errors.append(f"{path.name}:{n}: labels must be a non-empty list")
            continue
        rows.append((n, row))
    return rows


def check_tests(rows, examples, seen, errors):
    per_fact = {fid: Counter() for fid in examples}
    asked = set()
    for n, row in rows:
        where = f"test.jsonl:{n}"
        q, labels, kind = row["q"], row["labels"], row["kind"]
        for label in labels:
            if label not in examples:
                errors.append(f"{where}: label {label!r} is not a fact id")
            else:
                per_fact[label][kind] += 1
        if kind not in TEST_KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
        words = len(q.split())
        if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
            errors.append(f"{where}: terse has {words} words: {q!r}")
        if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
            errors.append(f"{where}: long has {words} words: {q!r}")
        key = normalise(q)
        if key in seen:
            errors.append(f"{where}: {q!r} equals an example of {seen[key]}")
        if key in asked:
            errors.append(f"{where}: {q!r} repeats another test question")
        asked.add(key)
    for fid, kinds in per_fact.items():
        total = sum(kinds.values())
        if total != N_EXAMPLES:
            errors.append(f"{fid}: {total} tests, expected {N_EXAMPLES}")
        for kind in TEST_KINDS:
            if kinds[kind] != PER_KIND:
                errors.append(f"{fid}: {kinds[kind]} {kind} tests, expected {PER_KIND}")
    return asked


def check_oos(rows, seen, asked, errors):
    kinds = Counter()
    mine = set()
    for n, row in rows:
        where = f"oos.jsonl:{n}"
        q = row["q"]
        if row["labels"] != ["none"]:
            errors.append(f"{where}: labels must be ['none']")
        kinds[row["kind"]] += 1
        key = normalise(q)
        if key in seen:
            errors.append(f"{where}: {q!r} equals an example of {seen[key]}")
        if key in asked:
            errors.append(f"{where}: {q!r} equals a test question")
        if key in mine:
            errors.append(f"{where}: {q!r} repeats another oos message")
        mine.add(key)
    for kind in kinds:
        if kind not in OOS_KINDS:
            errors.append(f"oos.jsonl: unknown kind {kind!r}")
    for kind, want in OOS_KINDS.items():
        if kinds[kind] != want:
            errors.append(f"oos.jsonl: {kinds[kind]} {kind}, expected {want}")
    return kinds


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    errors = []
    facts = load_facts(folder / "knowledge.yaml", errors)
    examples, seen = check_facts(facts, errors)
    tests = load_jsonl(folder / "test.jsonl", errors)
    asked = check_tests(tests, examples, seen, errors)
    oos = load_jsonl(folder / "oos.jsonl", errors)
    kinds = check_oos(oos, seen, asked, errors)
    if errors:
        for line in errors:
            print("FAIL", line)
        print(f"{len(errors)} problem(s)")
        return 1
    n_examples = sum(len(q) for q in examples.values())
    print(
        f"OK: {len(examples)} facts, {n_examples} examples, {len(tests)} tests, "
        f"{len(oos)} oos ({', '.join(f'{k} {v}' for k, v in kinds.items())})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
