#!/usr/bin/env python3
# ruff: noqa: UP031
"""Check the removals blind evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

    python3 validate.py             check the files next to this script
    python3 validate.py DIR         check the files in DIR
    python3 validate.py --selftest  build a synthetic passing set and many broken
                                    variants, and assert every break is caught

Exit status 0 when everything passes, 1 otherwise.
"""

import copy
import json
import os
import re
import sys
import tempfile

import yaml

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_MIN, LONG_MAX = 15, 40
TERSE_MIN, TERSE_MAX = 1, 4
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def normalise(text):
    """Lower case, punctuation to spaces, whitespace collapsed."""
    text = text.lower()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


# ---------------------------------------------------------------- loading


def load_dir(folder):
    """Return (facts, tests, oos, errors). Parse failures go into errors."""
    errors = []
    facts = tests = oos = None

    kpath = os.path.join(folder, "knowledge.yaml")
    try:
        with open(kpath, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        if not isinstance(data, dict) or "facts" not in data:
            errors.append("knowledge.yaml: no top-level 'facts:' key")
        else:
            facts = data["facts"]
    except OSError as exc:
        errors.append("knowledge.yaml: cannot read (%s)" % exc)
    except yaml.YAMLError as exc:
        errors.append("knowledge.yaml: YAML does not parse (%s)" % exc)

    def read_jsonl(name):
        rows = []
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        errors.append("%s line %d: JSON does not parse (%s)" % (name, n, exc))
                        return None
        except OSError as exc:
            errors.append("%s: cannot read (%s)" % (name, exc))
            return None
        return rows

    tests = read_jsonl("test.jsonl")
    oos = read_jsonl("oos.jsonl")
    return facts, tests, oos, errors


# ---------------------------------------------------------------- checks


def check_facts(facts, errors):
    """Check facts; return (set of ids, {normalised example: fact id})."""
    ids = set()
    examples = {}
    if not isinstance(facts, list):
        errors.append("facts: not a list")
        return ids, examples
    if len(facts) != N_FACTS:
        errors.append("facts: %d facts, expected %d" % (len(facts), N_FACTS))
    for i, fact in enumerate(facts):
        where = "fact #%d" % (i + 1)
        if not isinstance(fact, dict):
            errors.append("%s: not a mapping" % where)
            continue
        fid = fact.get("id")
        if not isinstance(fid, str) or not fid:
            errors.append("%s: missing id" % where)
        else:
            where = "fact %s" % fid
            if not ID_RE.match(fid):
                errors.append("%s: id is not kebab-case" % where)
            if fid in ids:
                errors.append("%s: duplicate id" % where)
            ids.add(fid)
        for key in ("title", "answer"):
            val = fact.get(key)
            if not isinstance(val, str) or not val.strip():
                errors.append("%s: missing or empty %s" % (where, key))
        qs = fact.get("questions")
        if not isinstance(qs, list):
            errors.append("%s: questions is not a list" % where)
            continue
        if len(qs) != N_EXAMPLES:
            errors.append("%s: %d example questions, expected %d" % (where, len(qs), N_EXAMPLES))
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append("%s: empty or non-text example" % where)
                continue
            key = normalise(q)
            if key in examples:
                errors.append("%s: example %r repeats one in %s" % (where, q, examples[key]))
            else:
                examples[key] = fid
    return ids, examples


def check_messages(rows, name, errors):
    """Shape of each row; return only the well-formed ones."""
    good = []
    if not isinstance(rows, list):
        errors.append("%s: not loaded" % name)
        return good
    for n, row in enumerate(rows, 1):
        where = "%s row %d" % (name, n)
        if not isinstance(row, dict):
            errors.append("%s: not an object" % where)
            continue
        q, labels, kind = row.get("q"), row.get("labels"), row.get("kind")
        if not isinstance(q, str) or not q.strip():
            errors.append("%s: q missing or empty" % where)
            continue
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(x, str) for x in labels)
        ):
            errors.append("%s: labels must be a non-empty list of strings" % where)
            continue
        if not isinstance(kind, str):
            errors.append("%s: kind missing" % where)
            continue
        good.append(row)
    return good


def check(facts, tests, oos):
    errors = []
    ids, examples = check_facts(facts, errors)

    tests_ok = check_messages(tests, "test.jsonl", errors)
    oos_ok = check_messages(oos, "oos.jsonl", errors)

    # test.jsonl
    if isinstance(tests, list) and len(tests) != N_FACTS * N_EXAMPLES:
        errors.append("test.jsonl: %d rows, expected %d" % (len(tests), N_FACTS * N_EXAMPLES))
    per_fact = {fid: {k: 0 for k in TEST_KINDS} for fid in ids}
    for row in tests_ok:
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if len(set(labels)) != len(labels):
            errors.append("test %r: repeated label" % q)
        for lab in labels:
            if lab not in ids:
                errors.append("test %r: label %r is not a fact id" % (q, lab))
        if kind not in TEST_KINDS:
            errors.append("test %r: unknown kind %r" % (q, kind))
            continue
        for lab in labels:
            if lab in per_fact:
                per_fact[lab][kind] += 1
        n = words(q)
        if kind == "long" and not LONG_MIN <= n <= LONG_MAX:
            errors.append("test %r: long message has %d words (%d-%d)" % (q, n, LONG_MIN, LONG_MAX))
        if kind == "terse" and not TERSE_MIN <= n <= TERSE_MAX:
            errors.append(
                "test %r: terse message has %d words (%d-%d)" % (q, n, TERSE_MIN, TERSE_MAX)
            )
    for fid in sorted(per_fact):
        counts = per_fact[fid]
        total = sum(counts.values())
        if total != N_EXAMPLES:
            errors.append("fact %s: %d tests, expected %d" % (fid, total, N_EXAMPLES))
        for kind in TEST_KINDS:
            if counts[kind] != PER_KIND:
                errors.append(
                    "fact %s: %d %s tests, expected %d" % (fid, counts[kind], kind, PER_KIND)
                )

    # oos.jsonl
    want_oos = sum(OOS_KINDS.values())
    if isinstance(oos, list) and len(oos) != want_oos:
        errors.append("oos.jsonl: %d rows, expected %d" % (len(oos), want_oos))
    oos_counts = {k: 0 for k in OOS_KINDS}
    for row in oos_ok:
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if labels != ["none"]:
            errors.append("oos %r: labels must be exactly ['none'], got %r" % (q, labels))
        if kind not in OOS_KINDS:
            errors.append("oos %r: unknown kind %r" % (q, kind))
        else:
            oos_counts[kind] += 1
    for kind, want in OOS_KINDS.items():
        if oos_counts[kind] != want:
            errors.append("oos.jsonl: %d %s, expected %d" % (oos_counts[kind], kind, want))

    # overlaps: examples vs messages, and messages with each other
    seen = {}
    for name, rows in (("test", tests_ok), ("oos", oos_ok)):
        for row in rows:
            key = normalise(row["q"])
            if key in examples:
                errors.append("%s %r: same as an example of %s" % (name, row["q"], examples[key]))
            if key in seen:
                errors.append("%s %r: same message as %s %r" % (name, row["q"], *seen[key]))
            else:
                seen[key] = (name, row["q"])
    return errors


# ---------------------------------------------------------------- selftest


def synthetic():
    """A small synthetic set that passes every check."""
    facts, tests, oos = [], [], []
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(N_FACTS):
        fid = "fact-%s%s" % (letters[i // 26], letters[i % 26])
        facts.append(
            {
                "id": fid,
                "title": "Title %d" % i,
                "answer": "Answer one for %d. Answer two." % i,
                "questions": ["example %d question %d?" % (i, j) for j in range(N_EXAMPLES)],
            }
        )
        for k in range(PER_KIND):
            tag = "f%dk%d" % (i, k)
            tests.append({"q": "paraphrase %s?" % tag, "labels": [fid], "kind": "paraphrase"})
            tests.append(
                {
                    "q": "long message %s " % tag + " ".join(["word"] * 18),
                    "labels": [fid],
                    "kind": "long",
                }
            )
            tests.append({"q": "tpyo %s" % tag, "labels": [fid], "kind": "typo"})
            tests.append({"q": "terse %s" % tag, "labels": [fid], "kind": "terse"})
            tests.append({"q": "slangy %s innit" % tag, "labels": [fid], "kind": "slang"})
    for kind, n in OOS_KINDS.items():
        for j in range(n):
            oos.append({"q": "oos %s number %d" % (kind, j), "labels": ["none"], "kind": kind})
    return facts, tests, oos


def _first(rows, kind):
    return next(r for r in rows if r["kind"] == kind)


def mutations():
    """(name, function(facts, tests, oos)) pairs; each must cause an error."""
    m = []

    def add(name):
        def deco(fn):
            m.append((name, fn))
            return fn

        return deco

    @add("27 facts")
    def _(f, t, o):
        f.pop()

    @add("29 facts")
    def _(f, t, o):
        extra = copy.deepcopy(f[0])
        extra["id"] = "extra-fact"
        extra["questions"] = ["extra %d" % j for j in range(N_EXAMPLES)]
        f.append(extra)

    @add("facts not a list")
    def _(f, t, o):
        f.clear()
        f.append("not a mapping")

    @add("9 examples")
    def _(f, t, o):
        f[3]["questions"].pop()

    @add("11 examples")
    def _(f, t, o):
        f[3]["questions"].append("one more example?")

    @add("questions not a list")
    def _(f, t, o):
        f[4]["questions"] = "just a string"

    @add("empty example")
    def _(f, t, o):
        f[4]["questions"][0] = "   "

    @add("missing id")
    def _(f, t, o):
        del f[5]["id"]

    @add("missing title")
    def _(f, t, o):
        del f[5]["title"]

    @add("missing answer")
    def _(f, t, o):
        del f[5]["answer"]

    @add("empty answer")
    def _(f, t, o):
        f[5]["answer"] = ""

    @add("id with capitals and underscore")
    def _(f, t, o):
        old = f[6]["id"]
        f[6]["id"] = "Fact_Six"
        for r in t:
            if r["labels"] == [old]:
                r["labels"] = ["Fact_Six"]

    @add("id with trailing hyphen")
    def _(f, t, o):
        old = f[6]["id"]
        f[6]["id"] = old + "-"
        for r in t:
            if r["labels"] == [old]:
                r["labels"] = [old + "-"]

    @add("duplicate id")
    def _(f, t, o):
        f[7]["id"] = f[8]["id"]

    @add("example repeated within a fact, case and punctuation differ")
    def _(f, t, o):
        f[9]["questions"][1] = f[9]["questions"][0].upper().rstrip("?") + "!!"

    @add("example repeated across facts")
    def _(f, t, o):
        f[10]["questions"][0] = "  " + f[11]["questions"][5].replace("?", ".")

    @add("test label not a fact id")
    def _(f, t, o):
        t[0]["labels"] = ["no-such-fact"]

    @add("test with an extra unknown label")
    def _(f, t, o):
        t[0]["labels"] = t[0]["labels"] + ["ghost"]

    @add("test labels empty")
    def _(f, t, o):
        t[1]["labels"] = []

    @add("test labels a string")
    def _(f, t, o):
        t[1]["labels"] = t[1]["labels"][0]

    @add("test q empty")
    def _(f, t, o):
        t[2]["q"] = ""

    @add("test q not text")
    def _(f, t, o):
        t[2]["q"] = 42

    @add("test kind missing")
    def _(f, t, o):
        del t[2]["kind"]

    @add("test row not an object")
    def _(f, t, o):
        t[3] = ["q", "labels"]

    @add("oos label a fact id")
    def _(f, t, o):
        o[0]["labels"] = [f[0]["id"]]

    @add("oos label none plus another")
    def _(f, t, o):
        o[0]["labels"] = ["none", "other"]

    @add("oos label 'None'")
    def _(f, t, o):
        o[1]["labels"] = ["None"]

    @add("fact with 9 tests")
    def _(f, t, o):
        t.pop(0)

    @add("fact with 11 tests, other fact 9")
    def _(f, t, o):
        t[0]["labels"] = [f[1]["id"]]

    @add("kinds 3/1 inside a fact")
    def _(f, t, o):
        _first(t, "paraphrase")["kind"] = "typo"

    @add("unknown test kind")
    def _(f, t, o):
        _first(t, "slang")["kind"] = "sarcasm"

    @add("long too short")
    def _(f, t, o):
        _first(t, "long")["q"] = "this long message has only ten words in it really"

    @add("long too long")
    def _(f, t, o):
        _first(t, "long")["q"] = " ".join("w%d" % j for j in range(45))

    @add("long 14 words")
    def _(f, t, o):
        _first(t, "long")["q"] = " ".join("x%d" % j for j in range(14))

    @add("long 41 words")
    def _(f, t, o):
        _first(t, "long")["q"] = " ".join("y%d" % j for j in range(41))

    @add("terse 5 words")
    def _(f, t, o):
        _first(t, "terse")["q"] = "one two three four five"

    @add("oos 149 rows")
    def _(f, t, o):
        o.pop()

    @add("oos kinds 59/41")
    def _(f, t, o):
        _first(o, "near-miss")["kind"] = "off-topic"

    @add("oos chatter 31 unknown 19")
    def _(f, t, o):
        _first(o, "unknown")["kind"] = "chatter"

    @add("unknown oos kind")
    def _(f, t, o):
        _first(o, "chatter")["kind"] = "other-domain"

    @add("test equals an example after normalising")
    def _(f, t, o):
        t[5]["q"] = f[0]["questions"][0].upper().replace("?", " !")

    @add("oos equals an example after normalising")
    def _(f, t, o):
        o[5]["q"] = "  " + f[2]["questions"][3].rstrip("?") + "..."

    @add("same message in test and oos")
    def _(f, t, o):
        o[7]["q"] = t[8]["q"].upper()

    @add("same message twice in test")
    def _(f, t, o):
        t[12]["q"] = t[11]["q"] + "?!"

    @add("same message twice in oos")
    def _(f, t, o):
        o[20]["q"] = o[21]["q"]

    @add("test 279 rows")
    def _(f, t, o):
        t.pop()

    return m


def selftest():
    facts, tests, oos = synthetic()
    errs = check(facts, tests, oos)
    assert not errs, "synthetic set should pass: %s" % errs[:5]

    failures = []
    cases = mutations()
    for name, fn in cases:
        f, t, o = copy.deepcopy((facts, tests, oos))
        fn(f, t, o)
        if not check(f, t, o):
            failures.append(name)

    # file-level breaks, written to a temporary folder
    def write(folder, knowledge, test_text, oos_text):
        with open(os.path.join(folder, "knowledge.yaml"), "w", encoding="utf-8") as fh:
            fh.write(knowledge)
        with open(os.path.join(folder, "test.jsonl"), "w", encoding="utf-8") as fh:
            fh.write(test_text)
        with open(os.path.join(folder, "oos.jsonl"), "w", encoding="utf-8") as fh:
            fh.write(oos_text)

    good_k = yaml.safe_dump({"facts": facts}, allow_unicode=True)
    good_t = "".join(json.dumps(r) + "\n" for r in tests)
    good_o = "".join(json.dumps(r) + "\n" for r in oos)
    file_cases = [
        ("good files", good_k, good_t, good_o, False),
        ("YAML does not parse", "facts: [unclosed\n  - : :", good_t, good_o, True),
        ("YAML bare list, no facts key", yaml.safe_dump(facts), good_t, good_o, True),
        ("YAML empty", "", good_t, good_o, True),
        ("test line not JSON", good_k, good_t + "{not json}\n", good_o, True),
        ("oos line not JSON", good_k, good_t, '{"q": "x", "labels": ["none"]\n' + good_o, True),
    ]
    file_total = len(file_cases) + 1
    with tempfile.TemporaryDirectory() as tmp:
        for name, k, t_text, o_text, should_fail in file_cases:
            write(tmp, k, t_text, o_text)
            f, t, o, errs = load_dir(tmp)
            errs = errs + check(f, t, o)
            if bool(errs) != should_fail:
                failures.append("file: " + name + (" (errors: %s)" % errs[:3] if errs else ""))
        os.remove(os.path.join(tmp, "oos.jsonl"))
        f, t, o, errs = load_dir(tmp)
        if not (errs + check(f, t, o)):
            failures.append("file: oos.jsonl missing")

    if failures:
        print("SELFTEST FAILED, not caught:")
        for name in failures:
            print("  -", name)
        return 1
    print(
        "selftest ok: synthetic set passes; %d broken variants and %d file cases all behave"
        % (len(cases), file_total)
    )
    return 0


# ---------------------------------------------------------------- main


def main(argv):
    if "--selftest" in argv:
        return selftest()
    folder = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    facts, tests, oos, errors = load_dir(folder)
    errors += check(facts, tests, oos)
    if errors:
        print("%d problem(s):" % len(errors))
        for e in errors:
            print("  -", e)
        return 1
    kinds = {}
    for row in oos:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    print(
        "ok: %d facts, %d examples, %d tests, %d oos (%s)"
        % (
            len(facts),
            sum(len(x["questions"]) for x in facts),
            len(tests),
            len(oos),
            ", ".join("%s %d" % (k, kinds.get(k, 0)) for k in OOS_KINDS),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
