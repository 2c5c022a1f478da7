# ruff: noqa: UP031
#!/usr/bin/env python3
"""Check the mechanic evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python3 validate.py             check the files next to this script
    python3 validate.py --selftest  check that each rule catches a broken set
"""

import copy
import json
import os
import re
import sys

import yaml

N_FACTS = 28
N_EXAMPLES = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)


def norm(text):
    """Lower case, drop punctuation and symbols, squeeze spaces."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    text = text.replace("_", " ")
    return " ".join(text.split())


def load(folder):
    with open(os.path.join(folder, "knowledge.yaml"), encoding="utf-8") as f:
        kb = yaml.safe_load(f)
    tests = []
    oos = []
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    raise ValueError("%s line %d is blank" % (name, n))
                rows.append(json.loads(line))
    return kb, tests, oos


def check(kb, tests, oos):
    """Return a list of error strings (empty when the set is good)."""
    errors = []
    if not isinstance(kb, dict) or not isinstance(kb.get("facts"), list):
        return ["knowledge.yaml: no top-level 'facts:' list"]
    facts = kb["facts"]
    if len(facts) != N_FACTS:
        errors.append("knowledge.yaml: %d facts, want %d" % (len(facts), N_FACTS))

    ids = []
    examples = {}  # normalised example -> fact id
    for i, fact in enumerate(facts):
        if not isinstance(fact, dict):
            errors.append("fact %d is not a mapping" % i)
            continue
        fid = fact.get("id")
        for key in ("id", "title", "answer"):
            if not isinstance(fact.get(key), str) or not fact.get(key).strip():
                errors.append("fact %d (%s): missing or empty %s" % (i, fid, key))
        if isinstance(fid, str) and not ID_RE.match(fid):
            errors.append("fact %d: id %r is not kebab-case" % (i, fid))
        ids.append(fid)
        qs = fact.get("questions")
        if not isinstance(qs, list):
            errors.append("fact %s: no questions list" % fid)
            continue
        if len(qs) != N_EXAMPLES:
            errors.append("fact %s: %d examples, want %d" % (fid, len(qs), N_EXAMPLES))
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append("fact %s: empty or non-string example %r" % (fid, q))
                continue
            key = norm(q)
            if key in examples:
                errors.append("example repeated: %r (%s and %s)" % (q, examples[key], fid))
            else:
                examples[key] = fid
    dup_ids = sorted({x for x in ids if ids.count(x) > 1}, key=str)
    if dup_ids:
        errors.append("duplicate fact ids: %s" % dup_ids)
    idset = set(ids)

    seen = {}  # normalised message -> where
    per_fact = {fid: {k: 0 for k in TEST_KINDS} for fid in idset}
    for n, row in enumerate(tests, 1):
        where = "test.jsonl line %d" % n
        if not isinstance(row, dict):
            errors.append("%s: not an object" % where)
            continue
        q, labels, kind = row.get("q"), row.get("labels"), row.get("kind")
        if set(row) != {"q", "labels", "kind"}:
            errors.append("%s: keys %s, want q, labels, kind" % (where, sorted(row)))
        if not isinstance(q, str) or not q.strip():
            errors.append("%s: empty q" % where)
            continue
        if not isinstance(labels, list) or not 1 <= len(labels) <= 2:
            errors.append("%s: labels must be a list of 1 or 2 fact ids" % where)
            continue
        if len(set(labels)) != len(labels):
            errors.append("%s: repeated label" % where)
        for lab in labels:
            if lab not in idset:
                errors.append("%s: label %r is not a fact id" % (where, lab))
        if kind not in TEST_KINDS:
            errors.append("%s: kind %r not one of %s" % (where, kind, TEST_KINDS))
        else:
            for lab in labels:
                if lab in per_fact:
                    per_fact[lab][kind] += 1
            words = len(q.split())
            if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
                errors.append("%s: long message has %d words" % (where, words))
            if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
                errors.append("%s: terse message has %d words" % (where, words))
        key = norm(q)
        if key in examples:
            errors.append("%s: %r equals an example of %s" % (where, q, examples[key]))
        if key in seen:
            errors.append("%s: %r duplicates %s" % (where, q, seen[key]))
        else:
            seen[key] = where
    for fid in sorted(idset, key=str):
        counts = per_fact[fid]
        total = sum(counts.values())
        if total != N_EXAMPLES:
            errors.append("fact %s: %d tests, want %d" % (fid, total, N_EXAMPLES))
        for kind in TEST_KINDS:
            if counts[kind] != PER_KIND:
                errors.append("fact %s: %d %s tests, want %d" % (fid, counts[kind], kind, PER_KIND))

    oos_counts = {k: 0 for k in OOS_KINDS}
    for n, row in enumerate(oos, 1):
        where = "oos.jsonl line %d" % n
        if not isinstance(row, dict):
            errors.append("%s: not an object" % where)
            continue
        q, labels, kind = row.get("q"), row.get("labels"), row.get("kind")
        if set(row) != {"q", "labels", "kind"}:
            errors.append("%s: keys %s, want q, labels, kind" % (where, sorted(row)))
        if not isinstance(q, str) or not q.strip():
            errors.append("%s: empty q" % where)
            continue
        if labels != ["none"]:
            errors.append("%s: labels %r, want ['none']" % (where, labels))
        if kind in oos_counts:
            oos_counts[kind] += 1
        else:
            errors.append("%s: kind %r not one of %s" % (where, kind, list(OOS_KINDS)))
        key = norm(q)
        if key in examples:
            errors.append("%s: %r equals an example of %s" % (where, q, examples[key]))
        if key in seen:
            errors.append("%s: %r duplicates %s" % (where, q, seen[key]))
        else:
            seen[key] = where
    for kind, want in OOS_KINDS.items():
        if oos_counts[kind] != want:
            errors.append("oos.jsonl: %d %s, want %d" % (oos_counts[kind], kind, want))
    return errors


def summary(kb, tests, oos):
    facts = kb["facts"]
    two = sum(1 for r in tests if len(r["labels"]) == 2)
    kinds = {k: sum(1 for r in oos if r["kind"] == k) for k in OOS_KINDS}
    return "facts %d, examples %d, tests %d (two-label %d), oos %d (%s)" % (
        len(facts),
        sum(len(f["questions"]) for f in facts),
        len(tests),
        two,
        len(oos),
        ", ".join("%s %d" % kv for kv in kinds.items()),
    )


def _good_set():
    """A synthetic set that passes every rule (for the self-test only)."""
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
    facts, tests = [], []
    for i in range(N_FACTS):
        fid = "fact-%d" % i
        qs = ["example %d %s" % (i, w) for w in words]
        facts.append({"id": fid, "title": "T%d" % i, "answer": "A%d." % i, "questions": qs})
        for kind in TEST_KINDS:
            for j in range(PER_KIND):
                if kind == "long":
                    q = "long %d %d " % (i, j) + " ".join(["word"] * 16)
                elif kind == "terse":
                    q = "terse %d %d" % (i, j)
                else:
                    q = "%s message %d %d" % (kind, i, j)
                tests.append({"q": q, "labels": [fid], "kind": kind})
    oos = []
    for kind, n in OOS_KINDS.items():
        for j in range(n):
            oos.append({"q": "%s oos %d" % (kind, j), "labels": ["none"], "kind": kind})
    return {"facts": facts}, tests, oos


def selftest():
    kb, tests, oos = _good_set()
    assert check(kb, tests, oos) == [], check(kb, tests, oos)

    def broken(mutate, expect):
        k, t, o = copy.deepcopy(kb), copy.deepcopy(tests), copy.deepcopy(oos)
        mutate(k, t, o)
        errs = check(k, t, o)
        assert any(expect in e for e in errs), (expect, errs)
        return expect

    cases = [
        (lambda k, t, o: k["facts"].pop(), "facts, want"),
        (lambda k, t, o: k["facts"][0]["questions"].pop(), "examples, want"),
        (lambda k, t, o: k["facts"][1].update(id="fact-0"), "duplicate fact ids"),
        (lambda k, t, o: k["facts"][1].update(id="Fact_One"), "kebab-case"),
        (lambda k, t, o: k["facts"][2].update(answer=""), "missing or empty answer"),
        (
            lambda k, t, o: k["facts"][3]["questions"].__setitem__(
                0, k["facts"][4]["questions"][0].upper() + "?"
            ),
            "example repeated",
        ),
        (lambda k, t, o: t[0].update(labels=["no-such-fact"]), "is not a fact id"),
        (lambda k, t, o: t.pop(), "tests, want"),
        (lambda k, t, o: t[0].update(kind="slang"), "paraphrase tests, want"),
        (lambda k, t, o: t[0].update(kind="shouting"), "not one of"),
        (lambda k, t, o: t[2].update(q="too short for long"), "long message has"),
        (lambda k, t, o: t[6].update(q="one two three four five"), "terse message has"),
        (
            lambda k, t, o: t[0].update(q=k["facts"][0]["questions"][0] + "!!"),
            "equals an example",
        ),
        (lambda k, t, o: t[1].update(q=t[0]["q"].upper()), "duplicates"),
        (lambda k, t, o: o[0].update(q=t[0]["q"]), "duplicates"),
        (
            lambda k, t, o: o[0].update(q=k["facts"][5]["questions"][2]),
            "equals an example",
        ),
        (lambda k, t, o: o[0].update(labels=["fact-0"]), "want ['none']"),
        (lambda k, t, o: o[0].update(kind="off-topic"), "near-miss, want"),
        (lambda k, t, o: o[0].update(kind="other-domain"), "not one of"),
        (lambda k, t, o: t[0].update(extra=1), "want q, labels, kind"),
        (lambda k, t, o: k.pop("facts"), "no top-level"),
    ]
    for mutate, expect in cases:
        broken(mutate, expect)
    assert norm("Can I pay by card?") == norm("can i pay by CARD")
    assert norm("What\u2019s up") == norm("what's up")
    print("selftest ok: %d broken sets caught, good set passes" % len(cases))


def main(argv):
    if "--selftest" in argv:
        selftest()
        return 0
    folder = os.path.dirname(os.path.abspath(__file__))
    try:
        kb, tests, oos = load(folder)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print("FAIL: could not parse: %s" % exc)
        return 1
    errors = check(kb, tests, oos)
    if errors:
        for e in errors:
            print("FAIL:", e)
        print("%d problem(s)" % len(errors))
        return 1
    print("OK:", summary(kb, tests, oos))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
