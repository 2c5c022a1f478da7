#!/usr/bin/env python3
"""Check the storage evaluation set (standard library plus PyYAML only).

Usage:
    python validate.py             # check the files next to this script
    python validate.py --selftest  # check that the checks catch broken data

Checks: every file parses; every label is a fact id (or "none" in oos.jsonl);
28 facts with exactly 10 example questions each; unique fact ids; no example
question repeated (within or across facts); 10 tests per fact, 2 of each kind;
long tests have 15-40 words and terse tests 1-4 words; oos counts per kind; no
test or oos message equal to an example (or to another message) after
normalising case and punctuation.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = {"paraphrase": 2, "long": 2, "typo": 2, "terse": 2, "slang": 2}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}


def norm(text):
    """Lower case, drop punctuation, collapse spaces."""
    text = text.lower()
    text = re.sub(r"[^\w\s]", " ", text)
    text = text.replace("_", " ")
    return " ".join(text.split())


def facts_of(data):
    """Accept a top-level `facts:` list or a bare list of facts."""
    if isinstance(data, dict) and "facts" in data:
        return data["facts"]
    return data


def parse_jsonl(text, name, errors):
    rows = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{name}:{i}: bad JSON: {exc}")
    return rows


def check(
    facts, tests, oos, n_facts=N_FACTS, n_examples=N_EXAMPLES, test_kinds=None, oos_kinds=None
):
    """Return a list of error strings (empty when everything is fine)."""
    test_kinds = TEST_KINDS if test_kinds is None else test_kinds
    oos_kinds = OOS_KINDS if oos_kinds is None else oos_kinds
    errors = []

    if not isinstance(facts, list):
        return ["knowledge.yaml: facts are not a list"]
    if len(facts) != n_facts:
        errors.append(f"knowledge.yaml: {len(facts)} facts, expected {n_facts}")

    ids = []
    example_owner = {}
    for k, fact in enumerate(facts):
        if not isinstance(fact, dict):
            errors.append(f"fact #{k}: not a mapping")
            continue
        for field in ("id", "title", "answer", "questions"):
            if not fact.get(field):
                errors.append(f"fact #{k}: missing or empty {field!r}")
        fid = fact.get("id")
        ids.append(fid)
        questions = fact.get("questions") or []
        if len(questions) != n_examples:
            errors.append(f"fact {fid}: {len(questions)} examples, expected {n_examples}")
        for q in questions:
            if not isinstance(q, str) or not q.strip():
                errors.append(f"fact {fid}: empty or non-string example {q!r}")
                continue
            key = norm(q)
            if key in example_owner:
                errors.append(f"example repeated: {q!r} in {example_owner[key]} and {fid}")
            else:
                example_owner[key] = fid
    for fid, n in Counter(ids).items():
        if n > 1:
            errors.append(f"fact id {fid!r} used {n} times")
    id_set = set(ids)

    seen_msgs = {}
    per_fact = {fid: Counter() for fid in id_set}
    for i, row in enumerate(tests, 1):
        where = f"test.jsonl:{i}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            errors.append(f"{where}: keys must be q, labels, kind")
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty question")
            continue
        if not isinstance(labels, list) or len(labels) != 1:
            errors.append(f"{where}: labels must be a list of one fact id")
            continue
        if labels[0] not in id_set:
            errors.append(f"{where}: unknown label {labels[0]!r}")
            continue
        if kind not in test_kinds:
            errors.append(f"{where}: unknown kind {kind!r}")
            continue
        per_fact[labels[0]][kind] += 1
        words = len(q.split())
        if kind == "long" and not 15 <= words <= 40:
            errors.append(f"{where}: long test has {words} words (15-40)")
        if kind == "terse" and not 1 <= words <= 4:
            errors.append(f"{where}: terse test has {words} words (1-4)")
        key = norm(q)
        if key in example_owner:
            errors.append(f"{where}: same as an example of {example_owner[key]}: {q!r}")
        if key in seen_msgs:
            errors.append(f"{where}: same as {seen_msgs[key]}: {q!r}")
        seen_msgs[key] = where
    for fid in sorted(id_set, key=str):
        counts = per_fact[fid]
        for kind, want in test_kinds.items():
            if counts[kind] != want:
                errors.append(f"fact {fid}: {counts[kind]} {kind} tests, expected {want}")

    oos_counts = Counter()
    for i, row in enumerate(oos, 1):
        where = f"oos.jsonl:{i}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            errors.append(f"{where}: keys must be q, labels, kind")
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty message")
            continue
        if labels != ["none"]:
            errors.append(f"{where}: labels must be ['none'], got {labels!r}")
        if kind not in oos_kinds:
            errors.append(f"{where}: unknown kind {kind!r}")
        oos_counts[kind] += 1
        key = norm(q)
        if key in example_owner:
            errors.append(f"{where}: same as an example of {example_owner[key]}: {q!r}")
        if key in seen_msgs:
            errors.append(f"{where}: same as {seen_msgs[key]}: {q!r}")
        seen_msgs[key] = where
    for kind, want in oos_kinds.items():
        if oos_counts[kind] != want:
            errors.append(f"oos.jsonl: {oos_counts[kind]} {kind}, expected {want}")
    return errors


def load(folder):
    errors = []
    facts, tests, oos = [], [], []
    try:
        data = yaml.safe_load((folder / "knowledge.yaml").read_text(encoding="utf-8"))
        facts = facts_of(data)
    except (OSError, yaml.YAMLError) as exc:
        errors.append(f"knowledge.yaml: cannot parse: {exc}")
    for name in ("test.jsonl", "oos.jsonl"):
        try:
            text = (folder / name).read_text(encoding="utf-8")
        except OSError as exc:
            errors.append(f"{name}: cannot read: {exc}")
            continue
        rows = parse_jsonl(text, name, errors)
        if name == "test.jsonl":
            tests = rows
        else:
            oos = rows
    return facts, tests, oos, errors


def selftest():
    """Build a small valid set, then break it in each way and expect an error."""
    small = {
        "n_facts": 2,
        "n_examples": 2,
        "test_kinds": {"paraphrase": 1, "terse": 1, "long": 1},
        "oos_kinds": {"near-miss": 1, "chatter": 1},
    }

    def good():
        facts = [
            {
                "id": "a",
                "title": "A",
                "answer": "Answer A.",
                "questions": ["What is A?", "Tell me about A."],
            },
            {
                "id": "b",
                "title": "B",
                "answer": "Answer B.",
                "questions": ["What is B?", "Tell me about B."],
            },
        ]
        long_q = (
            "this is a long question with enough words in it to pass the fifteen word rule about {}"
        )
        tests = []
        for fid in ("a", "b"):
            tests.append({"q": f"explain {fid} please", "labels": [fid], "kind": "paraphrase"})
            tests.append({"q": f"{fid}?", "labels": [fid], "kind": "terse"})
            tests.append({"q": long_q.format(fid), "labels": [fid], "kind": "long"})
        oos = [
            {"q": "what is c?", "labels": ["none"], "kind": "near-miss"},
            {"q": "hello", "labels": ["none"], "kind": "chatter"},
        ]
        return facts, tests, oos

    failures = []
    errs = check(*good(), **small)
    if errs:
        failures.append(f"valid set reported errors: {errs}")

    def expect(name, mutate, needle):
        facts, tests, oos = good()
        mutate(facts, tests, oos)
        errs = check(facts, tests, oos, **small)
        if not any(needle in e for e in errs):
            failures.append(f"{name}: expected an error containing {needle!r}, got {errs}")

    expect("too few facts", lambda f, t, o: f.pop(), "facts, expected")
    expect("too few examples", lambda f, t, o: f[0]["questions"].pop(), "examples, expected")
    expect("missing answer", lambda f, t, o: f[0].pop("answer"), "missing or empty 'answer'")
    expect("duplicate id", lambda f, t, o: f[1].update(id="a"), "used 2 times")
    expect(
        "repeated example",
        lambda f, t, o: f[1]["questions"].__setitem__(0, "what is a"),
        "example repeated",
    )
    expect("unknown label", lambda f, t, o: t[0].update(labels=["zzz"]), "unknown label")
    expect("unknown kind", lambda f, t, o: t[0].update(kind="poem"), "unknown kind")
    expect("kind count", lambda f, t, o: t.pop(0), "paraphrase tests, expected")
    expect(
        "test equals example", lambda f, t, o: t[0].update(q="WHAT is A!!"), "same as an example"
    )
    expect(
        "oos equals example", lambda f, t, o: o[0].update(q="tell me about b"), "same as an example"
    )
    expect("oos label", lambda f, t, o: o[0].update(labels=["a"]), "labels must be ['none']")
    expect("oos count", lambda f, t, o: o.pop(), "chatter, expected")
    expect("long too short", lambda f, t, o: t[2].update(q="short long one"), "long test has")
    expect(
        "terse too long", lambda f, t, o: t[1].update(q="one two three four five"), "terse test has"
    )
    expect(
        "repeated message",
        lambda f, t, o: o[1].update(q="Explain a, please."),
        "same as test.jsonl",
    )
    expect("bad keys", lambda f, t, o: t[0].pop("kind"), "keys must be")

    parse_errors = []
    parse_jsonl('{"q": "ok"}\n{not json}\n', "x.jsonl", parse_errors)
    if not parse_errors:
        failures.append("bad JSON line not reported")
    if norm("Hello, World!  ") != "hello world":
        failures.append("norm() does not drop case and punctuation")
    if facts_of({"facts": [1]}) != [1] or facts_of([1]) != [1]:
        failures.append("facts_of() does not accept both layouts")

    if failures:
        print("SELFTEST FAILED")
        for f in failures:
            print("  " + f)
        return 1
    print("selftest passed")
    return 0


def main(argv):
    if "--selftest" in argv:
        return selftest()
    facts, tests, oos, errors = load(HERE)
    if not errors:
        errors = check(facts, tests, oos)
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    n_examples = sum(len(f["questions"]) for f in facts)
    print(
        f"OK: {len(facts)} facts, {n_examples} examples, {len(tests)} tests, "
        f"{len(oos)} oos {dict(Counter(r['kind'] for r in oos))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
