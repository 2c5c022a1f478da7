#!/usr/bin/env python3
# ruff: noqa: UP031, RUF100, E501  (the checker as written blind: printf-style messages)
"""Check the taxi (Pipit Cars) evaluation set.

    python3 validate.py              check the files next to this script
    python3 validate.py --selftest   check the files, then break copies of them in
                                     several ways and make sure each copy fails

Checks: every file parses (YAML / JSON lines); 28 facts, unique ids, each with a title,
an answer and exactly 10 example questions; no example repeated (within or across facts);
test.jsonl has 10 questions per fact, 2 of each kind (paraphrase, long, terse, typo,
slang), labels are fact ids, long is 15-40 words, terse 1-4 words; oos.jsonl has 150
messages labelled ["none"], kinds near-miss 60, off-topic 40, chatter 30, unknown 20;
no test or oos message equals an example after normalising case and punctuation, and no
message appears twice across test and oos.
"""

import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}


def norm(text):
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


def load_jsonl(path, errors):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                errors.append("%s:%d: blank line" % (os.path.basename(path), n))
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append("%s:%d: bad JSON (%s)" % (os.path.basename(path), n, exc))
                continue
            if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
                errors.append("%s:%d: keys must be q, labels, kind" % (os.path.basename(path), n))
                continue
            if not isinstance(row["q"], str) or not row["q"].strip():
                errors.append("%s:%d: empty q" % (os.path.basename(path), n))
                continue
            if not isinstance(row["labels"], list) or not row["labels"]:
                errors.append(
                    "%s:%d: labels must be a non-empty list" % (os.path.basename(path), n)
                )
                continue
            rows.append((n, row))
    return rows


def check(folder):
    errors = []

    # knowledge.yaml
    try:
        with open(os.path.join(folder, "knowledge.yaml"), encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        return ["knowledge.yaml: does not parse (%s)" % exc]
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return ["knowledge.yaml: needs a top-level facts: list"]
    facts = data["facts"]
    if len(facts) != N_FACTS:
        errors.append("knowledge.yaml: %d facts, want %d" % (len(facts), N_FACTS))
    ids = []
    example_owner = {}
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            errors.append("fact %d: not a mapping" % i)
            continue
        fid = fact.get("id")
        for key in ("id", "title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                errors.append("fact %d (%s): missing %s" % (i, fid, key))
        ids.append(fid)
        qs = fact.get("questions")
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            errors.append(
                "fact %s: %s examples, want %d"
                % (fid, len(qs) if isinstance(qs, list) else "no", N_EXAMPLES)
            )
            continue
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append("fact %s: empty example" % fid)
                continue
            key = norm(q)
            if key in example_owner:
                errors.append("example repeated: %r in %s and %s" % (q, example_owner[key], fid))
            else:
                example_owner[key] = fid
    dup_ids = [k for k, v in Counter(ids).items() if v > 1]
    if dup_ids:
        errors.append("fact ids repeated: %s" % dup_ids)
    id_set = set(ids)

    # test.jsonl
    seen_msgs = {}
    tests = load_jsonl(os.path.join(folder, "test.jsonl"), errors)
    per_fact = Counter()
    per_fact_kind = Counter()
    for n, row in tests:
        where = "test.jsonl:%d" % n
        for lab in row["labels"]:
            if lab not in id_set:
                errors.append("%s: label %r is not a fact id" % (where, lab))
        if row["kind"] not in TEST_KINDS:
            errors.append("%s: kind %r not one of %s" % (where, row["kind"], TEST_KINDS))
        for lab in row["labels"]:
            per_fact[lab] += 1
            per_fact_kind[(lab, row["kind"])] += 1
        w = words(row["q"])
        if row["kind"] == "long" and not 15 <= w <= 40:
            errors.append("%s: long question has %d words" % (where, w))
        if row["kind"] == "terse" and not 1 <= w <= 4:
            errors.append("%s: terse question has %d words" % (where, w))
        key = norm(row["q"])
        if key in example_owner:
            errors.append("%s: equals an example of %s: %r" % (where, example_owner[key], row["q"]))
        if key in seen_msgs:
            errors.append("%s: same message as %s" % (where, seen_msgs[key]))
        seen_msgs[key] = where
    for fid in ids:
        if per_fact[fid] != N_EXAMPLES:
            errors.append(
                "test.jsonl: fact %s has %d tests, want %d" % (fid, per_fact[fid], N_EXAMPLES)
            )
        for kind in TEST_KINDS:
            if per_fact_kind[(fid, kind)] != PER_KIND:
                errors.append(
                    "test.jsonl: fact %s has %d %s tests, want %d"
                    % (fid, per_fact_kind[(fid, kind)], kind, PER_KIND)
                )
    if len(tests) != N_FACTS * N_EXAMPLES:
        errors.append("test.jsonl: %d rows, want %d" % (len(tests), N_FACTS * N_EXAMPLES))

    # oos.jsonl
    oos = load_jsonl(os.path.join(folder, "oos.jsonl"), errors)
    kinds = Counter()
    for n, row in oos:
        where = "oos.jsonl:%d" % n
        if row["labels"] != ["none"]:
            errors.append('%s: labels must be ["none"], got %r' % (where, row["labels"]))
        if row["kind"] not in OOS_KINDS:
            errors.append("%s: kind %r not one of %s" % (where, row["kind"], sorted(OOS_KINDS)))
        kinds[row["kind"]] += 1
        key = norm(row["q"])
        if key in example_owner:
            errors.append("%s: equals an example of %s: %r" % (where, example_owner[key], row["q"]))
        if key in seen_msgs:
            errors.append("%s: same message as %s" % (where, seen_msgs[key]))
        seen_msgs[key] = where
    for kind, want in OOS_KINDS.items():
        if kinds[kind] != want:
            errors.append("oos.jsonl: %d %s, want %d" % (kinds[kind], kind, want))
    if len(oos) != sum(OOS_KINDS.values()):
        errors.append("oos.jsonl: %d rows, want %d" % (len(oos), sum(OOS_KINDS.values())))

    return errors


def report(folder):
    errors = check(folder)
    for e in errors:
        print("ERROR", e)
    return errors


# Each breaker changes one file of a copy; the copy must then fail.
def _edit(name, fn):
    def breaker(folder):
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(fn(text))

    return breaker


def _jsonl(fn):
    def edit(text):
        rows = [json.loads(x) for x in text.splitlines() if x.strip()]
        rows = fn(rows)
        return "".join(json.dumps(r) + "\n" for r in rows)

    return edit


def _yaml(fn):
    def edit(text):
        data = yaml.safe_load(text)
        fn(data)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    return edit


def _set(rows, i, **kw):
    rows[i] = dict(rows[i], **kw)
    return rows


def _first_example_of_second_fact_into_first(data):
    data["facts"][0]["questions"][0] = data["facts"][1]["questions"][0]


def _drop_an_example(data):
    data["facts"][3]["questions"].pop()


def _drop_a_fact(data):
    data["facts"].pop()


def _test_copy_of_example(rows):
    return _set(rows, 5, q="  " + BROKEN_EXAMPLE.upper() + "!!")


BROKEN_EXAMPLE = "How do I book a taxi?"

BREAKERS = {
    "yaml does not parse": _edit("knowledge.yaml", lambda t: t + "\n  - id: [unclosed\n"),
    "example repeated across facts": _edit(
        "knowledge.yaml", _yaml(_first_example_of_second_fact_into_first)
    ),
    "fact with 9 examples": _edit("knowledge.yaml", _yaml(_drop_an_example)),
    "27 facts": _edit("knowledge.yaml", _yaml(_drop_a_fact)),
    "test line not JSON": _edit("test.jsonl", lambda t: t + "{not json\n"),
    "test label not a fact": _edit(
        "test.jsonl", _jsonl(lambda r: _set(r, 0, labels=["no-such-fact"]))
    ),
    "test kind wrong": _edit("test.jsonl", _jsonl(lambda r: _set(r, 0, kind="paraphrase2"))),
    "test kind count off": _edit("test.jsonl", _jsonl(lambda r: _set(r, 2, kind="paraphrase"))),
    "test equals an example": _edit("test.jsonl", _jsonl(_test_copy_of_example)),
    "test row missing": _edit("test.jsonl", _jsonl(lambda r: r[1:])),
    "long too short": _edit(
        "test.jsonl",
        _jsonl(lambda r: [dict(x, q="far too short") if x["kind"] == "long" else x for x in r][:]),
    ),
    "terse too long": _edit(
        "test.jsonl",
        _jsonl(
            lambda r: [
                dict(x, q=x["q"] + " with some extra words here") if x["kind"] == "terse" else x
                for x in r
            ]
        ),
    ),
    "oos label not none": _edit("oos.jsonl", _jsonl(lambda r: _set(r, 0, labels=["book-ride"]))),
    "oos kind wrong": _edit("oos.jsonl", _jsonl(lambda r: _set(r, 0, kind="other-domain"))),
    "oos equals an example": _edit(
        "oos.jsonl", _jsonl(lambda r: _set(r, 0, q="how do i book a TAXI"))
    ),
    "oos row missing": _edit("oos.jsonl", _jsonl(lambda r: r[:-1])),
    "oos duplicates a test": _edit(
        "oos.jsonl",
        _jsonl(
            lambda r: _set(
                r, 3, q="What's the best way to get one of your cars to come and collect me?"
            )
        ),
    ),
}


def selftest():
    ok = True
    if report(HERE):
        print("selftest: the real files must pass first")
        return False
    for name, breaker in BREAKERS.items():
        tmp = tempfile.mkdtemp(prefix="taxi-selftest-")
        try:
            for f in ("knowledge.yaml", "test.jsonl", "oos.jsonl"):
                shutil.copy(os.path.join(HERE, f), tmp)
            breaker(tmp)
            errors = check(tmp)
        finally:
            shutil.rmtree(tmp)
        if errors:
            print("selftest ok   %-32s -> %d error(s), e.g. %s" % (name, len(errors), errors[0]))
        else:
            print("selftest FAIL %-32s -> broken copy passed" % name)
            ok = False
    return ok


def main(argv):
    if "--selftest" in argv:
        ok = selftest()
        print("selftest passed" if ok else "selftest FAILED")
        return 0 if ok else 1
    errors = report(HERE)
    if errors:
        print("%d error(s)" % len(errors))
        return 1
    print(
        "ok: %d facts x %d examples, %d tests (2 per kind per fact), %d oos (%s)"
        % (
            N_FACTS,
            N_EXAMPLES,
            N_FACTS * N_EXAMPLES,
            sum(OOS_KINDS.values()),
            ", ".join("%s %d" % kv for kv in OOS_KINDS.items()),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
