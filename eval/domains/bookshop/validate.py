# ruff: noqa: RUF005, RUF100, E501, UP031
"""Check the bookshop evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python validate.py             check the files next to this script
    python validate.py --selftest  run the checker on a valid miniature set and
                                   on broken variants of it (each must fail)

Standard library plus PyYAML only.
"""

import copy
import json
import os
import re
import sys
import tempfile

import yaml

TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")

FULL = {
    "n_facts": 28,
    "n_examples": 10,
    "per_kind": 2,  # tests of each kind per fact
    "oos": {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20},
}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    """Lower case, drop punctuation, collapse spaces."""
    text = text.lower()
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def n_words(text):
    return len(text.split())


def load_jsonl(path, errors):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append("%s:%d: blank line" % (os.path.basename(path), lineno))
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append("%s:%d: bad JSON (%s)" % (os.path.basename(path), lineno, exc))
                continue
            if not isinstance(row, dict):
                errors.append("%s:%d: not an object" % (os.path.basename(path), lineno))
                continue
            rows.append((lineno, row))
    return rows


def check(folder, spec):
    """Return a list of error strings (empty when the set is valid)."""
    errors = []

    # ---- knowledge.yaml -------------------------------------------------
    try:
        with open(os.path.join(folder, "knowledge.yaml"), encoding="utf-8") as fh:
            kb = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        return ["knowledge.yaml: cannot load (%s)" % exc]
    if not isinstance(kb, dict) or "facts" not in kb:
        return ["knowledge.yaml: no top-level 'facts' key"]
    facts = kb["facts"]
    if not isinstance(facts, list):
        return ["knowledge.yaml: 'facts' is not a list"]
    if len(facts) != spec["n_facts"]:
        errors.append("knowledge.yaml: %d facts, expected %d" % (len(facts), spec["n_facts"]))

    ids = []
    example_owner = {}  # normalised example -> fact id
    for i, fact in enumerate(facts):
        where = "knowledge.yaml fact #%d" % (i + 1)
        if not isinstance(fact, dict):
            errors.append("%s: not a mapping" % where)
            continue
        extra = set(fact) - {"id", "title", "answer", "questions"}
        if extra:
            errors.append("%s: unexpected keys %s" % (where, sorted(extra)))
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            errors.append("%s: bad id %r" % (where, fid))
            continue
        where = "knowledge.yaml %s" % fid
        if fid in ids:
            errors.append("%s: duplicate id" % where)
        ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                errors.append("%s: missing or empty %s" % (where, key))
        qs = fact.get("questions")
        if not isinstance(qs, list):
            errors.append("%s: questions is not a list" % where)
            continue
        if len(qs) != spec["n_examples"]:
            errors.append("%s: %d examples, expected %d" % (where, len(qs), spec["n_examples"]))
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append("%s: empty or non-string example %r" % (where, q))
                continue
            key = norm(q)
            if key in example_owner:
                errors.append("%s: example %r repeats one in %s" % (where, q, example_owner[key]))
            else:
                example_owner[key] = fid
    id_set = set(ids)

    # ---- test.jsonl ---------------------------------------------------------
    seen = {}  # normalised message -> "file:line"
    test_rows = load_jsonl(os.path.join(folder, "test.jsonl"), errors)
    counts = {fid: {k: 0 for k in TEST_KINDS} for fid in ids}
    for lineno, row in test_rows:
        where = "test.jsonl:%d" % lineno
        if set(row) != {"q", "labels", "kind"}:
            errors.append("%s: keys must be q, labels, kind (got %s)" % (where, sorted(row)))
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            errors.append("%s: empty q" % where)
            continue
        if kind not in TEST_KINDS:
            errors.append("%s: unknown kind %r" % (where, kind))
            continue
        if (
            not isinstance(labels, list)
            or not labels
            or len(set(labels)) != len(labels)
            or any(lab not in id_set for lab in labels)
        ):
            errors.append("%s: bad labels %r" % (where, labels))
            continue
        for lab in labels:
            counts[lab][kind] += 1
        words = n_words(q)
        if kind == "long" and not 15 <= words <= 40:
            errors.append("%s: long message has %d words (15-40)" % (where, words))
        if kind == "terse" and not 1 <= words <= 4:
            errors.append("%s: terse message has %d words (1-4)" % (where, words))
        key = norm(q)
        if key in example_owner:
            errors.append("%s: %r copies an example of %s" % (where, q, example_owner[key]))
        if key in seen:
            errors.append("%s: %r repeats %s" % (where, q, seen[key]))
        else:
            seen[key] = where
    for fid in ids:
        total = sum(counts[fid].values())
        want_total = spec["per_kind"] * len(TEST_KINDS)
        if total != want_total:
            errors.append("test.jsonl: %s has %d tests, expected %d" % (fid, total, want_total))
        for kind in TEST_KINDS:
            if counts[fid][kind] != spec["per_kind"]:
                errors.append(
                    "test.jsonl: %s has %d %s tests, expected %d"
                    % (fid, counts[fid][kind], kind, spec["per_kind"])
                )

    # ---- oos.jsonl ----------------------------------------------------------
    oos_rows = load_jsonl(os.path.join(folder, "oos.jsonl"), errors)
    oos_counts = {k: 0 for k in spec["oos"]}
    for lineno, row in oos_rows:
        where = "oos.jsonl:%d" % lineno
        if set(row) != {"q", "labels", "kind"}:
            errors.append("%s: keys must be q, labels, kind (got %s)" % (where, sorted(row)))
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if not isinstance(q, str) or not q.strip():
            errors.append("%s: empty q" % where)
            continue
        if labels != ["none"]:
            errors.append('%s: labels must be ["none"], got %r' % (where, labels))
        if kind not in oos_counts:
            errors.append("%s: unknown kind %r" % (where, kind))
        else:
            oos_counts[kind] += 1
        key = norm(q)
        if key in example_owner:
            errors.append("%s: %r copies an example of %s" % (where, q, example_owner[key]))
        if key in seen:
            errors.append("%s: %r repeats %s" % (where, q, seen[key]))
        else:
            seen[key] = where
    for kind, want in spec["oos"].items():
        if oos_counts[kind] != want:
            errors.append("oos.jsonl: %d %s messages, expected %d" % (oos_counts[kind], kind, want))

    return errors


# ---- self-test ------------------------------------------------------------------

MINI_SPEC = {
    "n_facts": 2,
    "n_examples": 3,
    "per_kind": 1,
    "oos": {"near-miss": 2, "off-topic": 1, "chatter": 1, "unknown": 1},
}

MINI_KB = {
    "facts": [
        {
            "id": "opening-hours",
            "title": "Opening hours",
            "answer": "Nine to six.",
            "questions": ["When do you open?", "What time do you close?", "Are you open Sundays?"],
        },
        {
            "id": "gift-cards",
            "title": "Gift cards",
            "answer": "From five pounds.",
            "questions": [
                "Do you sell gift cards?",
                "Do gift cards expire?",
                "Can I top up a card?",
            ],
        },
    ]
}

MINI_TEST = [
    {"q": "what hours are you open", "labels": ["opening-hours"], "kind": "paraphrase"},
    {
        "q": "I want to come in after work on a weekday evening, how late do you stay open in the week?",
        "labels": ["opening-hours"],
        "kind": "long",
    },
    {"q": "wat tiem u open", "labels": ["opening-hours"], "kind": "typo"},
    {"q": "hours", "labels": ["opening-hours"], "kind": "terse"},
    {"q": "u lot open sun?", "labels": ["opening-hours"], "kind": "slang"},
    {"q": "can I buy a voucher", "labels": ["gift-cards"], "kind": "paraphrase"},
    {
        "q": "My sister loves reading so I'd like to buy her one of your gift cards, what amounts can I choose from?",
        "labels": ["gift-cards"],
        "kind": "long",
    },
    {"q": "gift crads", "labels": ["gift-cards"], "kind": "typo"},
    {"q": "gift card", "labels": ["gift-cards"], "kind": "terse"},
    {"q": "giftcard 4 my mate?", "labels": ["gift-cards"], "kind": "slang"},
]

MINI_OOS = [
    {"q": "how do I return a book to another shop", "labels": ["none"], "kind": "near-miss"},
    {"q": "who wrote Emma", "labels": ["none"], "kind": "near-miss"},
    {"q": "what's the weather", "labels": ["none"], "kind": "off-topic"},
    {"q": "hello", "labels": ["none"], "kind": "chatter"},
    {"q": "are you hiring", "labels": ["none"], "kind": "unknown"},
]


def write_set(folder, kb, tests, oos, raw_test=None):
    with open(os.path.join(folder, "knowledge.yaml"), "w", encoding="utf-8") as fh:
        if isinstance(kb, str):
            fh.write(kb)
        else:
            yaml.safe_dump(kb, fh, allow_unicode=True, sort_keys=False)
    with open(os.path.join(folder, "test.jsonl"), "w", encoding="utf-8") as fh:
        for row in tests:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        if raw_test:
            fh.write(raw_test)
    with open(os.path.join(folder, "oos.jsonl"), "w", encoding="utf-8") as fh:
        for row in oos:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def selftest():
    def variant(name, mutate):
        kb, tests, oos = copy.deepcopy(MINI_KB), copy.deepcopy(MINI_TEST), copy.deepcopy(MINI_OOS)
        extra = mutate(kb, tests, oos)
        return name, kb, tests, oos, extra

    def m_dup_example(kb, t, o):
        kb["facts"][1]["questions"][0] = "When do you open?!"

    def m_nine_examples(kb, t, o):
        kb["facts"][0]["questions"].pop()

    def m_dup_id(kb, t, o):
        kb["facts"][1]["id"] = "opening-hours"

    def m_no_answer(kb, t, o):
        kb["facts"][0]["answer"] = ""

    def m_bad_label(kb, t, o):
        t[0]["labels"] = ["opening-times"]

    def m_bad_kind(kb, t, o):
        t[0]["kind"] = "rephrase"

    def m_kind_count(kb, t, o):
        t[2]["kind"] = "slang"

    def m_short_long(kb, t, o):
        t[1]["q"] = "how late are you open on weekdays"

    def m_long_terse(kb, t, o):
        t[3]["q"] = "what are your hours please"

    def m_copy_example(kb, t, o):
        t[0]["q"] = "when do YOU open"

    def m_dup_test(kb, t, o):
        t[5]["q"] = "What hours are you open?"

    def m_missing_test(kb, t, o):
        t.pop()

    def m_oos_label(kb, t, o):
        o[0]["labels"] = ["gift-cards"]

    def m_oos_kind(kb, t, o):
        o[0]["kind"] = "other-domain"

    def m_oos_count(kb, t, o):
        o.pop()

    def m_oos_copy(kb, t, o):
        o[4]["q"] = "Do gift cards expire"

    def m_oos_repeats_test(kb, t, o):
        o[3]["q"] = "gift card"

    def m_no_facts_key(kb, t, o):
        facts = kb.pop("facts")
        kb["items"] = facts

    def m_bad_json(kb, t, o):
        return '{"q": "broken", "labels": ["gift-cards"], "kind": "terse"\n'

    def m_extra_key(kb, t, o):
        t[0]["note"] = "x"

    broken = [
        variant("duplicate example across facts", m_dup_example),
        variant("fact short of examples", m_nine_examples),
        variant("duplicate fact id", m_dup_id),
        variant("empty answer", m_no_answer),
        variant("unknown test label", m_bad_label),
        variant("unknown test kind", m_bad_kind),
        variant("wrong kind counts", m_kind_count),
        variant("long test too short", m_short_long),
        variant("terse test too long", m_long_terse),
        variant("test copies an example", m_copy_example),
        variant("test repeated", m_dup_test),
        variant("missing test", m_missing_test),
        variant("oos label not none", m_oos_label),
        variant("oos unknown kind", m_oos_kind),
        variant("oos count short", m_oos_count),
        variant("oos copies an example", m_oos_copy),
        variant("oos repeats a test", m_oos_repeats_test),
        variant("no facts key", m_no_facts_key),
        variant("bad JSON line", m_bad_json),
        variant("extra key in test row", m_extra_key),
    ]

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        write_set(tmp, MINI_KB, MINI_TEST, MINI_OOS)
        errs = check(tmp, MINI_SPEC)
        if errs:
            failures += 1
            print("FAIL valid miniature set reported errors:")
            for e in errs:
                print("   ", e)
        else:
            print("ok   valid miniature set passes")
        for name, kb, tests, oos, extra in broken:
            with tempfile.TemporaryDirectory() as tmp2:
                write_set(tmp2, kb, tests, oos, raw_test=extra)
                errs = check(tmp2, MINI_SPEC)
            if errs:
                print("ok   %s -> %s" % (name, errs[0]))
            else:
                failures += 1
                print("FAIL %s was not detected" % name)
    # the real spec must also reject the miniature set
    with tempfile.TemporaryDirectory() as tmp:
        write_set(tmp, MINI_KB, MINI_TEST, MINI_OOS)
        if check(tmp, FULL):
            print("ok   miniature set fails the full-size spec")
        else:
            failures += 1
            print("FAIL miniature set passed the full-size spec")
    if failures:
        print("selftest: %d failure(s)" % failures)
        return 1
    print("selftest: all %d cases behaved" % (len(broken) + 2))
    return 0


def main(argv):
    if "--selftest" in argv[1:]:
        return selftest()
    folder = os.path.dirname(os.path.abspath(__file__))
    errors = check(folder, FULL)
    if errors:
        for e in errors:
            print(e)
        print("%d error(s)" % len(errors))
        return 1
    with open(os.path.join(folder, "knowledge.yaml"), encoding="utf-8") as fh:
        kb = yaml.safe_load(fh)
    n_facts = len(kb["facts"])
    n_ex = sum(len(f["questions"]) for f in kb["facts"])
    with open(os.path.join(folder, "test.jsonl"), encoding="utf-8") as fh:
        n_test = sum(1 for line in fh if line.strip())
    with open(os.path.join(folder, "oos.jsonl"), encoding="utf-8") as fh:
        n_oos = sum(1 for line in fh if line.strip())
    print(
        "ok: %d facts, %d examples, %d test questions, %d out-of-scope messages"
        % (n_facts, n_ex, n_test, n_oos)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
