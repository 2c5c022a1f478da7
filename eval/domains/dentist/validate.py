"""Check the dental evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python3 validate.py             # check the files; exit 1 on any fault
    python3 validate.py --selftest  # also show that altered copies (in memory) fail

Checks: every file parses; the YAML top level is a mapping with a `facts` list; each
fact has id (kebab-case, unique), title, answer and exactly 10 example questions; no
example is repeated (after normalising case and punctuation); every test label is a
fact id; each fact has 10 tests, 2 of each kind; `long` tests have 15-40 words and
`terse` tests 1-4; oos messages are labelled ["none"] with 60 near-miss, 40 off-topic,
30 chatter and 20 unknown; no test or oos message equals an example after normalising;
no test or oos message is repeated.
"""

import copy
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ("paraphrase", "long", "typo", "terse", "slang")
OOS_COUNTS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
N_FACTS = 28
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    """Lower-case, drop punctuation, collapse spaces."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def load():
    """Return (knowledge, tests, oos) parsed from the files; raise on a parse error."""
    knowledge = yaml.safe_load((HERE / "knowledge.yaml").read_text(encoding="utf-8"))
    tests = [
        json.loads(line)
        for line in (HERE / "test.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    oos = [
        json.loads(line)
        for line in (HERE / "oos.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return knowledge, tests, oos


def check(knowledge, tests, oos):
    """Return a list of fault messages (empty when the set is sound)."""
    faults = []
    if not isinstance(knowledge, dict) or not isinstance(knowledge.get("facts"), list):
        return ["knowledge.yaml: top level must be a mapping with a 'facts' list"]
    facts = knowledge["facts"]
    if len(facts) != N_FACTS:
        faults.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")

    ids = []
    example_owner = {}
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            faults.append(f"fact #{i}: not a mapping")
            continue
        if set(fact) != {"id", "title", "answer", "questions"}:
            faults.append(f"fact #{i}: keys {sorted(fact)}")
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            faults.append(f"fact #{i}: bad id {fid!r}")
        ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact.get(key).strip():
                faults.append(f"{fid}: empty or missing {key}")
        questions = fact.get("questions")
        if not isinstance(questions, list) or len(questions) != 10:
            n = len(questions) if isinstance(questions, list) else "no"
            faults.append(f"{fid}: {n} example questions, expected 10")
            questions = questions if isinstance(questions, list) else []
        for q in questions:
            if not isinstance(q, str) or not q.strip():
                faults.append(f"{fid}: empty or non-string example {q!r}")
                continue
            key = norm(q)
            if key in example_owner:
                faults.append(f"{fid}: example {q!r} repeats one in {example_owner[key]}")
            else:
                example_owner[key] = fid
    dup_ids = [k for k, n in Counter(ids).items() if n > 1]
    if dup_ids:
        faults.append(f"duplicate fact ids: {dup_ids}")
    id_set = set(ids)

    per_fact = {fid: Counter() for fid in ids}
    seen_messages = {}
    for n, row in enumerate(tests, 1):
        where = f"test.jsonl line {n}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            faults.append(f"{where}: keys must be q, labels, kind")
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            faults.append(f"{where}: empty q")
            continue
        if kind not in KINDS:
            faults.append(f"{where}: unknown kind {kind!r}")
        if not isinstance(labels, list) or not labels:
            faults.append(f"{where}: labels must be a non-empty list")
            labels = []
        for label in labels:
            if label not in id_set:
                faults.append(f"{where}: label {label!r} is not a fact id")
            else:
                per_fact[label][kind] += 1
        words = len(q.split())
        if kind == "long" and not 15 <= words <= 40:
            faults.append(f"{where}: long message has {words} words: {q!r}")
        if kind == "terse" and not 1 <= words <= 4:
            faults.append(f"{where}: terse message has {words} words: {q!r}")
        key = norm(q)
        if key in example_owner:
            faults.append(f"{where}: {q!r} equals an example of {example_owner[key]}")
        if key in seen_messages:
            faults.append(f"{where}: {q!r} repeats {seen_messages[key]}")
        seen_messages[key] = where

    for fid, counts in per_fact.items():
        total = sum(counts.values())
        if total != 10:
            faults.append(f"{fid}: {total} tests, expected 10")
        for kind in KINDS:
            if counts[kind] != 2:
                faults.append(f"{fid}: {counts[kind]} {kind} tests, expected 2")

    oos_counts = Counter()
    for n, row in enumerate(oos, 1):
        where = f"oos.jsonl line {n}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            faults.append(f"{where}: keys must be q, labels, kind")
            continue
        q = row["q"]
        if not isinstance(q, str) or not q.strip():
            faults.append(f"{where}: empty q")
            continue
        if row["labels"] != ["none"]:
            faults.append(f"{where}: labels must be ['none'], got {row['labels']!r}")
        if row["kind"] not in OOS_COUNTS:
            faults.append(f"{where}: unknown oos kind {row['kind']!r}")
        oos_counts[row["kind"]] += 1
        key = norm(q)
        if key and key in example_owner:
            faults.append(f"{where}: {q!r} equals an example of {example_owner[key]}")
        key = key or q.strip()  # all-punctuation or emoji: compare as typed
        if key in seen_messages:
            faults.append(f"{where}: {q!r} repeats {seen_messages[key]}")
        seen_messages[key] = where
    for kind, expected in OOS_COUNTS.items():
        if oos_counts[kind] != expected:
            faults.append(f"oos: {oos_counts[kind]} {kind}, expected {expected}")
    return faults


def selftest(knowledge, tests, oos):
    """Alter copies in memory and confirm that check() reports each fault."""
    cases = []

    k = copy.deepcopy(knowledge)
    k["facts"][0]["questions"].pop()
    cases.append(("fact with 9 examples", k, tests, oos))

    k = copy.deepcopy(knowledge)
    k["facts"][1]["questions"][0] = k["facts"][0]["questions"][0].upper() + "!!"
    cases.append(("example repeated in another fact", k, tests, oos))

    k = copy.deepcopy(knowledge)
    k["facts"][2]["id"] = "Parking Access"
    cases.append(("fact id not kebab-case", k, tests, oos))

    t = copy.deepcopy(tests)
    t[0]["labels"] = ["no-such-fact"]
    cases.append(("test label not a fact id", knowledge, t, oos))

    t = copy.deepcopy(tests)
    t[0]["kind"] = "slang"
    cases.append(("wrong kind split for a fact", knowledge, t, oos))

    t = copy.deepcopy(tests)
    long_row = next(r for r in t if r["kind"] == "long")
    long_row["q"] = "Too short to be long."
    cases.append(("long test under 15 words", knowledge, t, oos))

    t = copy.deepcopy(tests)
    terse_row = next(r for r in t if r["kind"] == "terse")
    terse_row["q"] = "this terse one has far too many words"
    cases.append(("terse test over 4 words", knowledge, t, oos))

    t = copy.deepcopy(tests)
    t[0]["q"] = "  what are your OPENING hours "
    cases.append(("test equals an example after normalising", knowledge, t, oos))

    t = copy.deepcopy(tests)
    t.pop()
    cases.append(("fact with 9 tests", knowledge, t, oos))

    o = copy.deepcopy(oos)
    o.pop(0)
    cases.append(("59 near-miss oos", knowledge, tests, o))

    o = copy.deepcopy(oos)
    o[0]["labels"] = ["opening-hours"]
    cases.append(("oos labelled with a fact", knowledge, tests, o))

    o = copy.deepcopy(oos)
    o[5]["q"] = "How do I book an appointment"
    cases.append(("oos equals an example", knowledge, tests, o))

    cases.append(("top level not a mapping", knowledge["facts"], tests, oos))

    all_caught = True
    broken = [
        ("broken JSON line", json.loads, '{"q": "hi", "labels": ['),
        ("broken YAML", yaml.safe_load, "facts:\n  - id: x\n   title: [unclosed"),
    ]
    for name, parse, text in broken:
        try:
            parse(text)
            print(f"selftest MISSED: {name}: parsed without error")
            all_caught = False
        except (ValueError, yaml.YAMLError) as exc:
            first = str(exc).splitlines()[0]
            print(f"selftest caught: {name}: parse error, e.g. {first}")
    for name, k, t, o in cases:
        faults = check(k, t, o)
        status = "caught" if faults else "MISSED"
        all_caught &= bool(faults)
        first = faults[0] if faults else "-"
        print(f"selftest {status}: {name}: {len(faults)} fault(s), e.g. {first}")
    return all_caught


def main():
    try:
        knowledge, tests, oos = load()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"FAIL: could not parse: {exc}")
        return 1
    faults = check(knowledge, tests, oos)
    for fault in faults:
        print(f"FAULT: {fault}")
    ok = not faults
    if "--selftest" in sys.argv[1:]:
        ok &= selftest(knowledge, tests, oos)
    if ok:
        n_ex = sum(len(f["questions"]) for f in knowledge["facts"])
        print(
            f"OK: {len(knowledge['facts'])} facts, {n_ex} examples, "
            f"{len(tests)} tests, {len(oos)} oos"
        )
        return 0
    print(f"FAIL: {len(faults)} fault(s)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
