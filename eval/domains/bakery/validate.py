#!/usr/bin/env python3
# ruff: noqa: UP031, RUF100, E501
"""Checks for the bakery (Crumb & Co) blind evaluation set.

    python3 validate.py             check knowledge.yaml, test.jsonl and oos.jsonl
    python3 validate.py --selftest  show that every check can fail

Needs only PyYAML and the standard library. Imports nothing from the project.
"""

import copy
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND_PER_FACT = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
FACT_KEYS = {"id", "title", "answer", "questions"}
ROW_KEYS = {"q", "labels", "kind"}


def norm(text):
    """Lower case, punctuation dropped, whitespace collapsed."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def n_words(text):
    return len(text.split())


# ---------------------------------------------------------------- parsing


def parse_yaml(text):
    """Return (facts, errors)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return None, ["knowledge.yaml: does not parse: %s" % exc]
    if isinstance(data, dict) and set(data) == {"facts"}:
        data = data["facts"]  # the loader's form: the list under a top-level "facts:" key
    if not isinstance(data, list):
        return None, ["knowledge.yaml: top level is not a list of facts"]
    errors = []
    for i, fact in enumerate(data):
        if not isinstance(fact, dict):
            errors.append("knowledge.yaml: item %d is not a mapping" % i)
            continue
        if set(fact) != FACT_KEYS:
            errors.append("knowledge.yaml: item %d has keys %s" % (i, sorted(fact)))
            continue
        for key in ("id", "title", "answer"):
            if not isinstance(fact[key], str) or not fact[key].strip():
                errors.append("knowledge.yaml: item %d: %s empty or not text" % (i, key))
        qs = fact["questions"]
        if not isinstance(qs, list) or not all(isinstance(q, str) and q.strip() for q in qs):
            errors.append("knowledge.yaml: item %d: questions is not a list of text" % i)
    return (data if not errors else None), errors


def parse_jsonl(text, name):
    """Return (rows, errors)."""
    rows, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            errors.append("%s:%d: blank line" % (name, n))
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append("%s:%d: does not parse: %s" % (name, n, exc))
            continue
        if not isinstance(row, dict) or set(row) != ROW_KEYS:
            errors.append("%s:%d: keys must be exactly q, labels, kind" % (name, n))
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            errors.append("%s:%d: q empty or not text" % (name, n))
            continue
        if not isinstance(row["labels"], list) or not row["labels"]:
            errors.append("%s:%d: labels is not a non-empty list" % (name, n))
            continue
        if not isinstance(row["kind"], str):
            errors.append("%s:%d: kind is not text" % (name, n))
            continue
        row["_line"] = n
        rows.append(row)
    return rows, errors


# ---------------------------------------------------------------- checks


def check_facts(facts):
    errors = []
    if len(facts) != N_FACTS:
        errors.append("facts: %d, expected %d" % (len(facts), N_FACTS))
    ids = [f["id"] for f in facts]
    dup_ids = sorted({i for i in ids if ids.count(i) > 1})
    if dup_ids:
        errors.append("facts: repeated ids %s" % dup_ids)
    if "none" in ids:
        errors.append("facts: 'none' may not be a fact id")
    for f in facts:
        if len(f["questions"]) != N_EXAMPLES:
            errors.append(
                "fact %s: %d examples, expected %d" % (f["id"], len(f["questions"]), N_EXAMPLES)
            )
    return errors


def check_example_repeats(facts):
    errors, seen = [], {}
    for f in facts:
        for q in f["questions"]:
            key = norm(q)
            if key in seen:
                errors.append("example repeated: %r in %s and %s" % (q, seen[key], f["id"]))
            else:
                seen[key] = f["id"]
    return errors


def check_test_labels(tests, facts):
    ids = {f["id"] for f in facts}
    errors = []
    for r in tests:
        for lab in r["labels"]:
            if lab not in ids:
                errors.append("test.jsonl:%d: label %r is not a fact id" % (r["_line"], lab))
        if len(set(r["labels"])) != len(r["labels"]):
            errors.append("test.jsonl:%d: repeated label" % r["_line"])
        if r["kind"] not in TEST_KINDS:
            errors.append("test.jsonl:%d: kind %r not in %s" % (r["_line"], r["kind"], TEST_KINDS))
    return errors


def check_test_counts(tests, facts):
    errors = []
    expected_total = len(facts) * len(TEST_KINDS) * PER_KIND_PER_FACT
    if len(tests) != expected_total:
        errors.append("test.jsonl: %d rows, expected %d" % (len(tests), expected_total))
    for f in facts:
        for kind in TEST_KINDS:
            n = sum(1 for r in tests if r["labels"][0] == f["id"] and r["kind"] == kind)
            if n != PER_KIND_PER_FACT:
                errors.append(
                    "test.jsonl: fact %s has %d %s, expected %d"
                    % (f["id"], n, kind, PER_KIND_PER_FACT)
                )
    return errors


def check_oos(oos):
    errors = []
    for r in oos:
        if r["labels"] != ["none"]:
            errors.append('oos.jsonl:%d: labels must be ["none"]' % r["_line"])
        if r["kind"] not in OOS_KINDS:
            errors.append(
                "oos.jsonl:%d: kind %r not in %s" % (r["_line"], r["kind"], sorted(OOS_KINDS))
            )
    for kind, want in OOS_KINDS.items():
        n = sum(1 for r in oos if r["kind"] == kind)
        if n != want:
            errors.append("oos.jsonl: %d %s, expected %d" % (n, kind, want))
    total = sum(OOS_KINDS.values())
    if len(oos) != total:
        errors.append("oos.jsonl: %d rows, expected %d" % (len(oos), total))
    return errors


def check_no_copies(facts, tests, oos):
    """No test or oos message equals an example; no message repeated across test and oos."""
    examples = {norm(q): f["id"] for f in facts for q in f["questions"]}
    errors, seen = [], {}
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        for r in rows:
            key = norm(r["q"])
            if key in examples:
                errors.append(
                    "%s:%d: %r copies an example of %s" % (name, r["_line"], r["q"], examples[key])
                )
            where = "%s:%d" % (name, r["_line"])
            if key in seen:
                errors.append("%s: %r repeats %s" % (where, r["q"], seen[key]))
            else:
                seen[key] = where
    return errors


def check_lengths(tests):
    errors = []
    for r in tests:
        n = n_words(r["q"])
        if r["kind"] == "long" and not LONG_WORDS[0] <= n <= LONG_WORDS[1]:
            errors.append(
                "test.jsonl:%d: long has %d words, expected %d-%d" % (r["_line"], n, *LONG_WORDS)
            )
        if r["kind"] == "terse" and not TERSE_WORDS[0] <= n <= TERSE_WORDS[1]:
            errors.append(
                "test.jsonl:%d: terse has %d words, expected %d-%d" % (r["_line"], n, *TERSE_WORDS)
            )
    return errors


def check_all(facts, tests, oos):
    errors = []
    errors += check_facts(facts)
    errors += check_example_repeats(facts)
    errors += check_test_labels(tests, facts)
    if not errors:  # counting needs valid labels
        errors += check_test_counts(tests, facts)
    errors += check_oos(oos)
    errors += check_no_copies(facts, tests, oos)
    errors += check_lengths(tests)
    return errors


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def load_all():
    errors = []
    facts, e = parse_yaml(read("knowledge.yaml"))
    errors += e
    tests, e = parse_jsonl(read("test.jsonl"), "test.jsonl")
    errors += e
    oos, e = parse_jsonl(read("oos.jsonl"), "oos.jsonl")
    errors += e
    return facts, tests, oos, errors


def main():
    facts, tests, oos, errors = load_all()
    if not errors:
        errors = check_all(facts, tests, oos)
    for e in errors:
        print("FAIL", e)
    if errors:
        print("%d problem(s)" % len(errors))
        return 1
    n_ex = sum(len(f["questions"]) for f in facts)
    print(
        "OK: %d facts, %d examples, %d test questions, %d out-of-scope"
        % (len(facts), n_ex, len(tests), len(oos))
    )
    for kind in TEST_KINDS:
        print("  test %-10s %d" % (kind, sum(1 for r in tests if r["kind"] == kind)))
    for kind in OOS_KINDS:
        print("  oos  %-10s %d" % (kind, sum(1 for r in oos if r["kind"] == kind)))
    return 0


# ---------------------------------------------------------------- selftest


def selftest():
    facts, tests, oos, errors = load_all()
    if errors or check_all(facts, tests, oos):
        print("selftest needs the real files to pass first")
        return 1

    cases = []

    def case(name, fn):
        cases.append((name, fn))

    # parsing
    case("yaml does not parse", lambda: parse_yaml("- id: [unclosed\n")[1])
    case("yaml top level not a list", lambda: parse_yaml("facts: 3\n")[1])
    case("yaml fact missing a key", lambda: parse_yaml("- id: a\n  title: t\n  answer: x\n")[1])
    case(
        "yaml fact with extra key",
        lambda: parse_yaml("- id: a\n  title: t\n  answer: x\n  questions: [q]\n  extra: 1\n")[1],
    )
    case(
        "yaml empty answer",
        lambda: parse_yaml("- id: a\n  title: t\n  answer: ''\n  questions: [q]\n")[1],
    )
    case(
        "yaml questions not a list",
        lambda: parse_yaml("- id: a\n  title: t\n  answer: x\n  questions: q\n")[1],
    )
    case(
        "jsonl does not parse",
        lambda: parse_jsonl('{"q": "x", "labels": ["a"], "kind": "typo"\n', "t")[1],
    )
    case("jsonl blank line", lambda: parse_jsonl("\n", "t")[1])
    case("jsonl missing kind", lambda: parse_jsonl('{"q": "x", "labels": ["a"]}\n', "t")[1])
    case(
        "jsonl empty labels",
        lambda: parse_jsonl('{"q": "x", "labels": [], "kind": "typo"}\n', "t")[1],
    )
    case(
        "jsonl empty q",
        lambda: parse_jsonl('{"q": " ", "labels": ["a"], "kind": "typo"}\n', "t")[1],
    )

    # facts
    def too_few_facts():
        return check_facts(facts[:-1])

    case("fact count", too_few_facts)

    def dup_id():
        f = copy.deepcopy(facts)
        f[1]["id"] = f[0]["id"]
        return check_facts(f)

    case("repeated fact id", dup_id)

    def nine_examples():
        f = copy.deepcopy(facts)
        f[3]["questions"].pop()
        return check_facts(f)

    case("9 examples", nine_examples)

    def eleven_examples():
        f = copy.deepcopy(facts)
        f[3]["questions"].append("An extra example question?")
        return check_facts(f)

    case("11 examples", eleven_examples)

    def example_repeated():
        f = copy.deepcopy(facts)
        f[5]["questions"][0] = f[2]["questions"][4].upper() + "!!"
        return check_example_repeats(f)

    case("example repeated across facts", example_repeated)

    def example_repeated_within():
        f = copy.deepcopy(facts)
        f[5]["questions"][1] = f[5]["questions"][0]
        return check_example_repeats(f)

    case("example repeated within a fact", example_repeated_within)

    # labels
    def bad_label():
        t = copy.deepcopy(tests)
        t[7]["labels"] = ["no-such-fact"]
        return check_test_labels(t, facts)

    case("test label not a fact", bad_label)

    def none_label_in_test():
        t = copy.deepcopy(tests)
        t[7]["labels"] = ["none"]
        return check_test_labels(t, facts)

    case("test labelled none", none_label_in_test)

    def bad_kind():
        t = copy.deepcopy(tests)
        t[0]["kind"] = "question"
        return check_test_labels(t, facts)

    case("test kind unknown", bad_kind)

    def oos_bad_label():
        o = copy.deepcopy(oos)
        o[0]["labels"] = [facts[0]["id"]]
        return check_oos(o)

    case("oos label not none", oos_bad_label)

    def oos_bad_kind():
        o = copy.deepcopy(oos)
        o[0]["kind"] = "other-domain"
        return check_oos(o)

    case("oos kind unknown", oos_bad_kind)

    # counts
    def test_row_missing():
        return check_test_counts(tests[1:], facts)

    case("test row missing", test_row_missing)

    def kind_swapped():
        t = copy.deepcopy(tests)
        first_kind = next(r for r in t if r["kind"] == "typo")
        first_kind["kind"] = "slang"
        return check_test_counts(t, facts)

    case("kinds per fact unbalanced", kind_swapped)

    def label_moved():
        t = copy.deepcopy(tests)
        t[0]["labels"] = [facts[-1]["id"]]
        return check_test_counts(t, facts)

    case("tests per fact unbalanced", label_moved)

    def oos_missing():
        return check_oos(oos[1:])

    case("oos row missing", oos_missing)

    def oos_kind_moved():
        o = copy.deepcopy(oos)
        next(r for r in o if r["kind"] == "chatter")["kind"] = "unknown"
        return check_oos(o)

    case("oos kinds unbalanced", oos_kind_moved)

    # copies
    def test_copies_example():
        t = copy.deepcopy(tests)
        t[10]["q"] = "  " + facts[0]["questions"][0].lower().rstrip("?") + " ?? "
        return check_no_copies(facts, t, oos)

    case("test copies an example", test_copies_example)

    def oos_copies_example():
        o = copy.deepcopy(oos)
        o[3]["q"] = facts[9]["questions"][2].upper()
        return check_no_copies(facts, tests, o)

    case("oos copies an example", oos_copies_example)

    def test_repeated():
        t = copy.deepcopy(tests)
        t[20]["q"] = t[21]["q"] + "!"
        return check_no_copies(facts, t, oos)

    case("test message repeated", test_repeated)

    def oos_repeats_test():
        o = copy.deepcopy(oos)
        o[0]["q"] = tests[0]["q"]
        return check_no_copies(facts, tests, o)

    case("oos repeats a test message", oos_repeats_test)

    # lengths
    def long_too_short():
        t = copy.deepcopy(tests)
        next(r for r in t if r["kind"] == "long")["q"] = (
            "Are you open on Sundays at Brookend please?"
        )
        return check_lengths(t)

    case("long under 15 words", long_too_short)

    def long_too_long():
        t = copy.deepcopy(tests)
        next(r for r in t if r["kind"] == "long")["q"] = " ".join(["word"] * 41)
        return check_lengths(t)

    case("long over 40 words", long_too_long)

    def terse_too_long():
        t = copy.deepcopy(tests)
        next(r for r in t if r["kind"] == "terse")["q"] = "opening times on a sunday"
        return check_lengths(t)

    case("terse over 4 words", terse_too_long)

    def terse_empty():
        t = copy.deepcopy(tests)
        next(r for r in t if r["kind"] == "terse")["q"] = "   "
        return check_lengths(t)

    case("terse with no words", terse_empty)

    # whole pipeline still catches a mutation
    def pipeline():
        t = copy.deepcopy(tests)
        t[0]["labels"] = ["ghost"]
        return check_all(facts, t, oos)

    case("check_all catches a bad label", pipeline)

    failed = 0
    for name, fn in cases:
        errs = fn()
        ok = bool(errs)
        failed += not ok
        print(
            "%s %-36s %s"
            % ("ok  " if ok else "MISS", name, errs[0] if errs else "(no error raised)")
        )
    print("%d of %d checks shown to fail" % (len(cases) - failed, len(cases)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(selftest() if "--selftest" in sys.argv[1:] else main())
