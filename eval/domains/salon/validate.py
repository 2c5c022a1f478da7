#!/usr/bin/env python3
# ruff: noqa: UP031  (the checker as written blind: printf-style messages)
"""Check the salon evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python3 validate.py              check the files next to this script
    python3 validate.py DIR          check the files in DIR
    python3 validate.py --selftest   break copies in a temp dir and show each fault is caught

Exits 0 when every check passes and 1 otherwise.
"""

import copy
import json
import os
import re
import shutil
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SENTENCE_END = re.compile(r"[.!?](\s|$)")


def normalise(text):
    """Lower-case, drop punctuation and collapse spaces."""
    text = re.sub(r"[^\w\s]|_", " ", text.lower())
    return " ".join(text.split())


def dup_key(text):
    """Key for duplicate checks: the normalised text, or the raw text if that is empty."""
    return normalise(text) or text.strip()


def load_jsonl(path, errors):
    rows = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    errors.append(
                        "%s line %d does not parse: %s" % (os.path.basename(path), number, exc)
                    )
    except OSError as exc:
        errors.append(f"cannot read {path}: {exc}")
    return rows


def load(directory, errors):
    facts = None
    path = os.path.join(directory, "knowledge.yaml")
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if isinstance(data, dict) and isinstance(data.get("facts"), list):
            facts = data["facts"]
        else:
            errors.append("knowledge.yaml has no top-level 'facts' list")
    except (OSError, yaml.YAMLError) as exc:
        errors.append(f"knowledge.yaml does not parse: {exc}")
    tests = load_jsonl(os.path.join(directory, "test.jsonl"), errors)
    oos = load_jsonl(os.path.join(directory, "oos.jsonl"), errors)
    return facts, tests, oos


def check_facts(facts, errors):
    """Check the facts; return {normalised example: fact id}."""
    examples = {}
    ids = set()
    if len(facts) != N_FACTS:
        errors.append("expected %d facts, found %d" % (N_FACTS, len(facts)))
    for index, fact in enumerate(facts):
        if not isinstance(fact, dict):
            errors.append("fact %d is not a mapping" % index)
            continue
        fid = fact.get("id")
        name = fid if isinstance(fid, str) else "fact %d" % index
        for field in ("id", "title", "answer"):
            if not isinstance(fact.get(field), str) or not fact[field].strip():
                errors.append(f"{name}: missing or empty {field}")
        if isinstance(fid, str):
            if not ID_RE.match(fid):
                errors.append(f"{fid}: id is not kebab-case")
            if fid in ids:
                errors.append(f"duplicate fact id {fid}")
            ids.add(fid)
        answer = fact.get("answer")
        if isinstance(answer, str):
            sentences = len(SENTENCE_END.findall(answer.strip()))
            if not 1 <= sentences <= 3:
                errors.append("%s: answer has %d sentences, not 1-3" % (name, sentences))
        questions = fact.get("questions")
        if not isinstance(questions, list):
            errors.append(f"{name}: questions is not a list")
            continue
        if len(questions) != N_EXAMPLES:
            errors.append("%s: expected %d examples, found %d" % (name, N_EXAMPLES, len(questions)))
        keywords = 0
        for question in questions:
            if not isinstance(question, str) or not question.strip():
                errors.append(f"{name}: empty or non-string example")
                continue
            if "?" not in question and len(question.split()) <= 4:
                keywords += 1
            key = normalise(question)
            if key in examples:
                errors.append(f"repeated example {question!r} ({examples[key]} and {name})")
            else:
                examples[key] = name
        if keywords != 1:
            errors.append("%s: expected 1 keyword-style example, found %d" % (name, keywords))
    return ids, examples


def check_messages(name, rows, errors):
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            errors.append("%s row %d is not an object" % (name, number))
            continue
        if set(row) != {"q", "labels", "kind"}:
            errors.append("%s row %d: keys are %s, not q/labels/kind" % (name, number, sorted(row)))
        if not isinstance(row.get("q"), str) or not row["q"].strip():
            errors.append("%s row %d: empty or non-string q" % (name, number))
        labels = row.get("labels")
        if not isinstance(labels, list) or not labels:
            errors.append("%s row %d: labels is not a non-empty list" % (name, number))
            row["labels"] = []
    return [row for row in rows if isinstance(row, dict) and isinstance(row.get("q"), str)]


def check_tests(tests, ids, errors):
    counts = {}
    for row in tests:
        kind = row.get("kind")
        if kind not in TEST_KINDS:
            errors.append("test {!r}: unknown kind {!r}".format(row["q"], kind))
        for label in row["labels"]:
            if label not in ids:
                errors.append("test {!r}: label {!r} is not a fact id".format(row["q"], label))
            counts.setdefault(label, {}).setdefault(kind, 0)
            counts[label][kind] += 1
        words = len(row["q"].split())
        if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
            errors.append(
                "long test %r has %d words, not %d-%d"
                % (row["q"], words, LONG_WORDS[0], LONG_WORDS[1])
            )
        if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
            errors.append(
                "terse test %r has %d words, not %d-%d"
                % (row["q"], words, TERSE_WORDS[0], TERSE_WORDS[1])
            )
    for fid in sorted(ids):
        by_kind = counts.get(fid, {})
        total = sum(by_kind.values())
        if total != len(TEST_KINDS) * PER_KIND:
            errors.append(
                "%s: expected %d tests, found %d" % (fid, len(TEST_KINDS) * PER_KIND, total)
            )
        for kind in TEST_KINDS:
            if by_kind.get(kind, 0) != PER_KIND:
                errors.append(
                    "%s: expected %d %s tests, found %d"
                    % (fid, PER_KIND, kind, by_kind.get(kind, 0))
                )


def check_oos(oos, errors):
    counts = {}
    for row in oos:
        if row["labels"] != ["none"]:
            errors.append("oos {!r}: labels are {!r}, not ['none']".format(row["q"], row["labels"]))
        kind = row.get("kind")
        if kind not in OOS_KINDS:
            errors.append("oos {!r}: unknown kind {!r}".format(row["q"], kind))
        counts[kind] = counts.get(kind, 0) + 1
    for kind, wanted in OOS_KINDS.items():
        if counts.get(kind, 0) != wanted:
            errors.append("oos: expected %d %s, found %d" % (wanted, kind, counts.get(kind, 0)))


def check_overlaps(tests, oos, examples, errors):
    seen = {}
    for name, rows in (("test", tests), ("oos", oos)):
        for row in rows:
            text = row["q"]
            if normalise(text) and normalise(text) in examples:
                errors.append(f"{name} {text!r} equals an example of {examples[normalise(text)]}")
            key = dup_key(text)
            if key in seen:
                errors.append(f"duplicate message {text!r} ({seen[key]} and {name})")
            else:
                seen[key] = name


def validate(directory):
    """Return the list of problems found in directory (empty when all is well)."""
    errors = []
    facts, tests, oos = load(directory, errors)
    if facts is None:
        return errors
    ids, examples = check_facts(facts, errors)
    tests = check_messages("test.jsonl", tests, errors)
    oos = check_messages("oos.jsonl", oos, errors)
    check_tests(tests, ids, errors)
    check_oos(oos, errors)
    check_overlaps(tests, oos, examples, errors)
    return errors


# ---------------------------------------------------------------- self-test


def read_all(directory):
    with open(os.path.join(directory, "knowledge.yaml"), encoding="utf-8") as handle:
        facts = yaml.safe_load(handle)["facts"]
    rows = {}
    for name in ("test.jsonl", "oos.jsonl"):
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            rows[name] = [json.loads(line) for line in handle if line.strip()]
    return facts, rows["test.jsonl"], rows["oos.jsonl"]


def write_all(directory, facts, tests, oos):
    with open(os.path.join(directory, "knowledge.yaml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump({"facts": facts}, handle, allow_unicode=True, sort_keys=False)
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def first_of(rows, kind):
    return next(row for row in rows if row["kind"] == kind)


def break_yaml(d, facts, tests, oos):
    with open(os.path.join(d, "knowledge.yaml"), "a", encoding="utf-8") as handle:
        handle.write("  - id: [unclosed\n")


def break_json(d, facts, tests, oos):
    with open(os.path.join(d, "test.jsonl"), "a", encoding="utf-8") as handle:
        handle.write('{"q": "broken", "labels": \n')


def drop_fact(d, facts, tests, oos):
    del facts[-1]


def nine_examples(d, facts, tests, oos):
    facts[0]["questions"].pop()


def duplicate_id(d, facts, tests, oos):
    facts[1]["id"] = facts[0]["id"]


def bad_id(d, facts, tests, oos):
    facts[2]["title"] = ""
    facts[2]["id"] = "Not_Kebab"


def long_answer(d, facts, tests, oos):
    facts[3]["answer"] = "One. Two. Three. Four."


def no_keyword(d, facts, tests, oos):
    facts[4]["questions"][-1] = "Is this now a full question?"


def repeat_example(d, facts, tests, oos):
    facts[5]["questions"][0] = facts[6]["questions"][0].upper()


def unknown_label(d, facts, tests, oos):
    tests[0]["labels"] = ["no-such-fact"]


def wrong_kind_count(d, facts, tests, oos):
    first_of(tests, "typo")["kind"] = "slang"


def missing_test(d, facts, tests, oos):
    tests.pop()


def short_long(d, facts, tests, oos):
    first_of(tests, "long")["q"] = "Far too short to count as a long question here."


def long_terse(d, facts, tests, oos):
    first_of(tests, "terse")["q"] = "this terse one has six words"


def test_is_example(d, facts, tests, oos):
    tests[3]["q"] = facts[0]["questions"][2].lower().rstrip("?") + "!!"


def oos_is_example(d, facts, tests, oos):
    oos[0]["q"] = facts[7]["questions"][1]


def duplicate_test(d, facts, tests, oos):
    tests[5]["q"] = tests[4]["q"] + "?"


def duplicate_across(d, facts, tests, oos):
    oos[1]["q"] = tests[10]["q"]


def oos_label(d, facts, tests, oos):
    oos[2]["labels"] = [facts[0]["id"]]


def oos_kind_count(d, facts, tests, oos):
    first_of(oos, "chatter")["kind"] = "near-miss"


def missing_field(d, facts, tests, oos):
    del tests[6]["kind"]


FAULTS = [
    (break_yaml, "knowledge.yaml does not parse"),
    (break_json, "does not parse"),
    (drop_fact, "expected 28 facts"),
    (nine_examples, "expected 10 examples"),
    (duplicate_id, "duplicate fact id"),
    (bad_id, "not kebab-case"),
    (bad_id, "missing or empty title"),
    (long_answer, "sentences, not 1-3"),
    (no_keyword, "keyword-style example"),
    (repeat_example, "repeated example"),
    (unknown_label, "is not a fact id"),
    (wrong_kind_count, "typo tests, found 1"),
    (missing_test, "expected 10 tests, found 9"),
    (short_long, "long test"),
    (long_terse, "terse test"),
    (test_is_example, "equals an example"),
    (oos_is_example, "equals an example"),
    (duplicate_test, "duplicate message"),
    (duplicate_across, "duplicate message"),
    (oos_label, "not ['none']"),
    (oos_kind_count, "expected 30 chatter, found 29"),
    (missing_field, "not q/labels/kind"),
]


def selftest():
    clean = validate(HERE)
    if clean:
        print("selftest: the real data must pass first:")
        for error in clean:
            print("  " + error)
        return 1
    facts, tests, oos = read_all(HERE)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for number, (fault, expected) in enumerate(FAULTS, 1):
            d = os.path.join(tmp, "%02d-%s" % (number, fault.__name__))
            os.mkdir(d)
            f2, t2, o2 = copy.deepcopy(facts), copy.deepcopy(tests), copy.deepcopy(oos)
            write_all(d, f2, t2, o2)
            if fault.__name__ in ("break_yaml", "break_json"):
                fault(d, f2, t2, o2)
            else:
                fault(d, f2, t2, o2)
                write_all(d, f2, t2, o2)
            errors = validate(d)
            caught = [error for error in errors if expected in error]
            status = "caught" if caught else "MISSED"
            shown = caught[0] if caught else "; ".join(errors[:3]) or "no error"
            print("%-7s %-18s %s" % (status, fault.__name__, shown[:70]))
            if not caught:
                failures += 1
        d = os.path.join(tmp, "unchanged")
        os.mkdir(d)
        write_all(d, facts, tests, oos)
        if validate(d):
            print("MISSED  a rewritten but unchanged copy should pass")
            failures += 1
        shutil.rmtree(d)
    if failures:
        print("selftest FAILED: %d fault(s) not caught" % failures)
        return 1
    print("selftest passed: %d faults caught, unchanged copy passes" % len(FAULTS))
    return 0


def main(argv):
    if argv[1:] == ["--selftest"]:
        return selftest()
    directory = argv[1] if len(argv) > 1 else HERE
    errors = validate(directory)
    for error in errors:
        print(error)
    if errors:
        print("FAILED: %d problem(s)" % len(errors))
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
