"""Check the langschool evaluation set.

Usage:
    python3 validate.py             check the files next to this script; exit 1 on any fault
    python3 validate.py --selftest  also show that altered in-memory copies are rejected
"""

import copy
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_COUNTS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    """Lower-case, drop punctuation, collapse spaces."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path.name} line {n}: {exc}") from exc
    return rows


def load(folder=HERE):
    with open(folder / "knowledge.yaml", encoding="utf-8") as fh:
        kb = yaml.safe_load(fh)
    return kb, load_jsonl(folder / "test.jsonl"), load_jsonl(folder / "oos.jsonl")


def check(kb, tests, oos):
    """Return a list of fault messages (empty when the data is fine)."""
    faults = []
    if not isinstance(kb, dict) or not isinstance(kb.get("facts"), list):
        return ["knowledge.yaml: top level must be a mapping with a 'facts' list"]
    facts = kb["facts"]
    if len(facts) != N_FACTS:
        faults.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")

    ids = []
    example_owner = {}
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            faults.append(f"fact #{i}: not a mapping")
            continue
        missing = {"id", "title", "answer", "questions"} - set(fact)
        if missing:
            faults.append(f"fact #{i}: missing keys {sorted(missing)}")
            continue
        fid = fact["id"]
        if not isinstance(fid, str) or not KEBAB.match(fid):
            faults.append(f"fact #{i}: id {fid!r} is not kebab-case")
        if fid in ids:
            faults.append(f"fact {fid}: duplicate id")
        ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact[key], str) or not fact[key].strip():
                faults.append(f"fact {fid}: empty {key}")
        qs = fact["questions"]
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            n = len(qs) if isinstance(qs, list) else "no"
            faults.append(f"fact {fid}: {n} example questions, expected {N_EXAMPLES}")
            qs = qs if isinstance(qs, list) else []
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                faults.append(f"fact {fid}: empty or non-text example {q!r}")
                continue
            key = norm(q)
            if key in example_owner:
                faults.append(f"example repeated: {q!r} in {example_owner[key]} and {fid}")
            else:
                example_owner[key] = fid
    id_set = set(ids)

    per_fact = {fid: {k: 0 for k in TEST_KINDS} for fid in ids}
    seen_tests = set()
    for n, row in enumerate(tests, 1):
        where = f"test.jsonl line {n}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            faults.append(f"{where}: needs exactly the keys q, labels, kind")
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            faults.append(f"{where}: empty q")
            continue
        if kind not in TEST_KINDS:
            faults.append(f"{where}: unknown kind {kind!r}")
        if not isinstance(labels, list) or not labels:
            faults.append(f"{where}: labels must be a non-empty list")
            labels = []
        for lab in labels:
            if lab not in id_set:
                faults.append(f"{where}: label {lab!r} is not a fact id")
        if len(labels) == 1 and labels[0] in per_fact and kind in TEST_KINDS:
            per_fact[labels[0]][kind] += 1
        words = len(q.split())
        if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
            faults.append(f"{where}: long question has {words} words")
        if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
            faults.append(f"{where}: terse question has {words} words")
        key = norm(q)
        if key in example_owner:
            faults.append(f"{where}: equals an example of {example_owner[key]}: {q!r}")
        if key in seen_tests:
            faults.append(f"{where}: repeated test question {q!r}")
        seen_tests.add(key)
    for fid, kinds in per_fact.items():
        total = sum(kinds.values())
        if total != N_EXAMPLES:
            faults.append(f"fact {fid}: {total} test questions, expected {N_EXAMPLES}")
        for kind, count in kinds.items():
            if count != PER_KIND:
                faults.append(f"fact {fid}: {count} {kind} tests, expected {PER_KIND}")

    oos_counts = {k: 0 for k in OOS_COUNTS}
    seen_oos = set()
    for n, row in enumerate(oos, 1):
        where = f"oos.jsonl line {n}"
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            faults.append(f"{where}: needs exactly the keys q, labels, kind")
            continue
        q = row["q"]
        if not isinstance(q, str) or not q.strip():
            faults.append(f"{where}: empty q")
            continue
        if row["labels"] != ["none"]:
            faults.append(f"{where}: labels must be ['none']")
        if row["kind"] in oos_counts:
            oos_counts[row["kind"]] += 1
        else:
            faults.append(f"{where}: unknown kind {row['kind']!r}")
        key = norm(q)
        if key in example_owner:
            faults.append(f"{where}: equals an example of {example_owner[key]}: {q!r}")
        if key in seen_tests:
            faults.append(f"{where}: equals a test question: {q!r}")
        if key in seen_oos:
            faults.append(f"{where}: repeated message {q!r}")
        seen_oos.add(key)
    for kind, want in OOS_COUNTS.items():
        if oos_counts[kind] != want:
            faults.append(f"oos.jsonl: {oos_counts[kind]} {kind}, expected {want}")
    return faults


def selftest(kb, tests, oos):
    """Alter in-memory copies one way at a time; each must produce a fault."""

    def drop_example(k, t, o):
        k["facts"][0]["questions"].pop()

    def bad_label(k, t, o):
        t[0]["labels"] = ["no-such-fact"]

    def test_copies_example(k, t, o):
        t[5]["q"] = k["facts"][3]["questions"][2].upper() + "!!"

    def oos_copies_example(k, t, o):
        o[0]["q"] = k["facts"][7]["questions"][0].rstrip("?")

    def repeated_example(k, t, o):
        k["facts"][1]["questions"][0] = k["facts"][2]["questions"][0]

    def long_too_short(k, t, o):
        row = next(r for r in t if r["kind"] == "long")
        row["q"] = "Too short to count as long."

    def terse_too_long(k, t, o):
        row = next(r for r in t if r["kind"] == "terse")
        row["q"] = "this has far too many words for terse"

    def wrong_kind_mix(k, t, o):
        row = next(r for r in t if r["kind"] == "slang")
        row["kind"] = "paraphrase"

    def oos_count_off(k, t, o):
        o.pop()

    def oos_bad_label(k, t, o):
        o[3]["labels"] = [k["facts"][0]["id"]]

    def fact_missing_answer(k, t, o):
        del k["facts"][4]["answer"]

    def missing_test(k, t, o):
        t.pop()

    cases = [
        drop_example,
        bad_label,
        test_copies_example,
        oos_copies_example,
        repeated_example,
        long_too_short,
        terse_too_long,
        wrong_kind_mix,
        oos_count_off,
        oos_bad_label,
        fact_missing_answer,
        missing_test,
    ]
    ok = True
    for case in cases:
        k, t, o = copy.deepcopy(kb), copy.deepcopy(tests), copy.deepcopy(oos)
        case(k, t, o)
        faults = check(k, t, o)
        status = "caught" if faults else "MISSED"
        ok &= bool(faults)
        first = faults[0] if faults else "-"
        print(f"  selftest {case.__name__:22s} {status}: {len(faults)} fault(s), e.g. {first}")
    return ok


def main():
    try:
        kb, tests, oos = load()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"FAIL: could not parse: {exc}")
        return 1
    faults = check(kb, tests, oos)
    for f in faults:
        print("FAULT:", f)
    n_ex = sum(len(f.get("questions", [])) for f in kb.get("facts", []) if isinstance(f, dict))
    print(f"facts {len(kb.get('facts', []))}, examples {n_ex}, tests {len(tests)}, oos {len(oos)}")
    rc = 1 if faults else 0
    if "--selftest" in sys.argv[1:]:
        print("selftest on altered in-memory copies:")
        if not selftest(kb, tests, oos):
            rc = 1
    print("OK" if rc == 0 else "FAILED")
    return rc


if __name__ == "__main__":
    sys.exit(main())
