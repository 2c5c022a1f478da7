#!/usr/bin/env python3
"""Check the plumbing evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

    python3 validate.py             check the files; exit 1 on any fault
    python3 validate.py --selftest  alter in-memory copies and show that each check
                                    reports its fault; exit 1 if one does not

Standalone: needs only Python 3 and PyYAML. Reads only files in this folder.
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
PER_KIND = 2
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text):
    """Lower case, punctuation to spaces, whitespace collapsed."""
    text = text.lower()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


def sentences(text):
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return len([p for p in parts if p.strip()])


def load():
    with open(os.path.join(HERE, "knowledge.yaml"), encoding="utf-8") as f:
        knowledge = yaml.safe_load(f)
    data = {"knowledge": knowledge, "test": [], "oos": [], "parse_errors": []}
    for name in ("test", "oos"):
        path = os.path.join(HERE, name + ".jsonl")
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    data["parse_errors"].append(f"{name}.jsonl line {n}: blank line")
                    continue
                try:
                    data[name].append(json.loads(line))
                except json.JSONDecodeError as e:
                    data["parse_errors"].append(f"{name}.jsonl line {n}: bad JSON ({e})")
    return data


def check(data):
    """Return a list of fault strings, each starting with a tag in [brackets]."""
    errs = []
    add = errs.append
    for e in data.get("parse_errors", []):
        add(f"[parse] {e}")

    # ---- knowledge.yaml ----
    kn = data["knowledge"]
    if not isinstance(kn, dict) or set(kn) != {"facts"} or not isinstance(kn.get("facts"), list):
        add("[knowledge-shape] knowledge.yaml must be a mapping with only a 'facts' list")
        return errs
    facts = kn["facts"]
    if len(facts) != N_FACTS:
        add(f"[fact-count] {len(facts)} facts, expected {N_FACTS}")
    ids = []
    example_owner = {}
    for i, fact in enumerate(facts):
        where = f"fact #{i + 1}"
        if not isinstance(fact, dict):
            add(f"[fact-shape] {where} is not a mapping")
            continue
        if set(fact) != {"id", "title", "answer", "questions"}:
            add(f"[fact-shape] {where} keys {sorted(fact)} != id,title,answer,questions")
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            add(f"[fact-id] {where} id {fid!r} is not kebab-case")
        else:
            where = fid
        ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact.get(key).strip():
                add(f"[fact-text] {where}: empty or missing {key}")
        ans = fact.get("answer")
        if isinstance(ans, str) and ans.strip() and not 1 <= sentences(ans) <= 3:
            add(f"[answer-length] {where}: answer has {sentences(ans)} sentences, expected 1-3")
        qs = fact.get("questions")
        if not isinstance(qs, list):
            add(f"[example-count] {where}: questions is not a list")
            continue
        if len(qs) != N_EXAMPLES:
            add(f"[example-count] {where}: {len(qs)} examples, expected {N_EXAMPLES}")
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                add(f"[example-text] {where}: empty or non-string example {q!r}")
                continue
            key = norm(q)
            if key in example_owner:
                add(f"[example-repeat] {q!r} in {where} repeats an example of {example_owner[key]}")
            else:
                example_owner[key] = where
    dup_ids = sorted({i for i in ids if ids.count(i) > 1 and i is not None})
    for d in dup_ids:
        add(f"[fact-id-repeat] id {d!r} used more than once")
    id_set = {i for i in ids if isinstance(i, str)}

    # ---- test.jsonl ----
    tests = data["test"]
    if len(tests) != N_FACTS * N_EXAMPLES:
        add(f"[test-count] {len(tests)} test questions, expected {N_FACTS * N_EXAMPLES}")
    per_fact = {}
    seen_tests = {}
    for n, t in enumerate(tests, 1):
        where = f"test line {n}"
        if not isinstance(t, dict) or set(t) != {"q", "labels", "kind"}:
            add(f"[test-shape] {where}: keys must be q, labels, kind")
            continue
        q, labels, kind = t["q"], t["labels"], t["kind"]
        if not isinstance(q, str) or not q.strip():
            add(f"[test-text] {where}: empty q")
            continue
        if not isinstance(labels, list) or len(labels) != 1:
            add(f"[test-labels] {where}: labels must be a list of exactly one fact id")
            continue
        label = labels[0]
        if label not in id_set:
            add(f"[test-label-unknown] {where}: label {label!r} is not a fact id")
        if kind not in TEST_KINDS:
            add(f"[test-kind] {where}: kind {kind!r} not in {TEST_KINDS}")
        per_fact.setdefault(label, {}).setdefault(kind, 0)
        per_fact[label][kind] += 1
        nw = words(q)
        if kind == "long" and not LONG_WORDS[0] <= nw <= LONG_WORDS[1]:
            add(
                f"[test-long-length] {where}: long question has {nw} words, "
                f"expected {LONG_WORDS[0]}-{LONG_WORDS[1]}"
            )
        if kind == "terse" and not TERSE_WORDS[0] <= nw <= TERSE_WORDS[1]:
            add(
                f"[test-terse-length] {where}: terse question has {nw} words, "
                f"expected {TERSE_WORDS[0]}-{TERSE_WORDS[1]}"
            )
        key = norm(q)
        if key in example_owner:
            add(f"[test-equals-example] {where}: {q!r} equals an example of {example_owner[key]}")
        if key in seen_tests:
            add(f"[test-repeat] {where}: {q!r} repeats test line {seen_tests[key]}")
        else:
            seen_tests[key] = n
    for fid in sorted(id_set):
        kinds = per_fact.get(fid, {})
        total = sum(kinds.values())
        if total != N_EXAMPLES:
            add(f"[test-per-fact] {fid}: {total} test questions, expected {N_EXAMPLES}")
        for kind in TEST_KINDS:
            if kinds.get(kind, 0) != PER_KIND:
                add(f"[test-per-kind] {fid}: {kinds.get(kind, 0)} {kind}, expected {PER_KIND}")

    # ---- oos.jsonl ----
    oos = data["oos"]
    expected_oos = sum(OOS_KINDS.values())
    if len(oos) != expected_oos:
        add(f"[oos-count] {len(oos)} oos messages, expected {expected_oos}")
    oos_kinds = {}
    seen_oos = {}
    for n, o in enumerate(oos, 1):
        where = f"oos line {n}"
        if not isinstance(o, dict) or set(o) != {"q", "labels", "kind"}:
            add(f"[oos-shape] {where}: keys must be q, labels, kind")
            continue
        q = o["q"]
        if not isinstance(q, str) or not q.strip():
            add(f"[oos-text] {where}: empty q")
            continue
        if o["labels"] != ["none"]:
            add(f"[oos-labels] {where}: labels {o['labels']!r}, expected ['none']")
        if o["kind"] not in OOS_KINDS:
            add(f"[oos-kind] {where}: kind {o['kind']!r} not in {sorted(OOS_KINDS)}")
        oos_kinds[o["kind"]] = oos_kinds.get(o["kind"], 0) + 1
        key = norm(q)
        if key and key in example_owner:
            add(f"[oos-equals-example] {where}: {q!r} equals an example of {example_owner[key]}")
        if key and key in seen_tests:
            add(f"[oos-equals-test] {where}: {q!r} equals test line {seen_tests[key]}")
        # emoji-only messages normalise to ''; compare them raw
        key = key or q.strip()
        if key in seen_oos:
            add(f"[oos-repeat] {where}: {q!r} repeats oos line {seen_oos[key]}")
        else:
            seen_oos[key] = n
    for kind, want in OOS_KINDS.items():
        if oos_kinds.get(kind, 0) != want:
            add(f"[oos-kind-split] {kind}: {oos_kinds.get(kind, 0)}, expected {want}")
    return errs


# ---- self-test: each mutation must make check() report the given tag ----


def _facts(d):
    return d["knowledge"]["facts"]


def _find_test(d, kind):
    return next(t for t in d["test"] if t["kind"] == kind)


MUTATIONS = [
    ("parse", lambda d: d["parse_errors"].append("test.jsonl line 1: bad JSON (simulated)")),
    ("knowledge-shape", lambda d: d.__setitem__("knowledge", {"facts": None})),
    ("fact-count", lambda d: _facts(d).pop()),
    ("fact-shape", lambda d: _facts(d)[0].__setitem__("extra", 1)),
    ("fact-id", lambda d: _facts(d)[0].__setitem__("id", "Not Kebab")),
    ("fact-id-repeat", lambda d: _facts(d)[1].__setitem__("id", _facts(d)[0]["id"])),
    ("fact-text", lambda d: _facts(d)[0].__setitem__("title", "")),
    ("answer-length", lambda d: _facts(d)[0].__setitem__("answer", "One. Two. Three. Four.")),
    ("example-count", lambda d: _facts(d)[0]["questions"].pop()),
    ("example-text", lambda d: _facts(d)[0]["questions"].__setitem__(0, "")),
    (
        "example-repeat",
        lambda d: _facts(d)[1]["questions"].__setitem__(
            0, _facts(d)[0]["questions"][0].upper() + "!"
        ),
    ),
    ("test-count", lambda d: d["test"].pop()),
    ("test-shape", lambda d: d["test"][0].pop("kind")),
    ("test-text", lambda d: d["test"][0].__setitem__("q", "  ")),
    (
        "test-labels",
        lambda d: d["test"][0].__setitem__("labels", [d["test"][0]["labels"][0], "guarantee"]),
    ),
    ("test-label-unknown", lambda d: d["test"][0].__setitem__("labels", ["no-such-fact"])),
    ("test-kind", lambda d: d["test"][0].__setitem__("kind", "rude")),
    ("test-per-fact", lambda d: d["test"][0].__setitem__("labels", [d["test"][-1]["labels"][0]])),
    (
        "test-per-kind",
        lambda d: d["test"][0].__setitem__(
            "kind", "slang" if d["test"][0]["kind"] != "slang" else "typo"
        ),
    ),
    ("test-long-length", lambda d: _find_test(d, "long").__setitem__("q", "too short to be long")),
    (
        "test-terse-length",
        lambda d: _find_test(d, "terse").__setitem__("q", "this is far too many words for terse"),
    ),
    (
        "test-equals-example",
        lambda d: d["test"][0].__setitem__("q", _facts(d)[3]["questions"][2].lower().rstrip("?")),
    ),
    ("test-repeat", lambda d: d["test"][1].__setitem__("q", d["test"][0]["q"])),
    ("oos-count", lambda d: d["oos"].pop()),
    ("oos-shape", lambda d: d["oos"][0].__setitem__("extra", 1)),
    ("oos-text", lambda d: d["oos"][0].__setitem__("q", "")),
    ("oos-labels", lambda d: d["oos"][0].__setitem__("labels", ["guarantee"])),
    ("oos-kind", lambda d: d["oos"][0].__setitem__("kind", "other-domain")),
    (
        "oos-kind-split",
        lambda d: d["oos"][0].__setitem__(
            "kind", "chatter" if d["oos"][0]["kind"] != "chatter" else "unknown"
        ),
    ),
    ("oos-equals-example", lambda d: d["oos"][0].__setitem__("q", _facts(d)[5]["questions"][1])),
    ("oos-equals-test", lambda d: d["oos"][0].__setitem__("q", d["test"][7]["q"].upper())),
    ("oos-repeat", lambda d: d["oos"][1].__setitem__("q", d["oos"][0]["q"])),
]


def selftest(data):
    ok = True
    base = check(data)
    if base:
        print(f"selftest: the unaltered data already has {len(base)} fault(s); fix those first")
        for e in base:
            print("  " + e)
        return False
    for tag, mutate in MUTATIONS:
        d = copy.deepcopy(data)
        mutate(d)
        errs = check(d)
        hit = [e for e in errs if e.startswith(f"[{tag}]")]
        if hit:
            print(f"ok    {tag:22s} -> {hit[0]}")
        else:
            ok = False
            print(f"FAIL  {tag:22s} not reported (got: {errs[:2]})")
    print(f"selftest: {len(MUTATIONS)} mutations, {'all reported' if ok else 'SOME NOT REPORTED'}")
    return ok


def main(argv):
    try:
        data = load()
    except (OSError, yaml.YAMLError) as e:
        print(f"[parse] {e}")
        return 1
    if "--selftest" in argv:
        return 0 if selftest(data) else 1
    errs = check(data)
    for e in errs:
        print(e)
    facts = data["knowledge"]["facts"] if isinstance(data["knowledge"], dict) else []
    if errs:
        print(f"FAILED: {len(errs)} fault(s)")
        return 1
    kinds = {}
    for o in data["oos"]:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    print(
        f"OK: {len(facts)} facts, {sum(len(f['questions']) for f in facts)} examples, "
        f"{len(data['test'])} test questions, {len(data['oos'])} oos "
        f"({', '.join(f'{k} {v}' for k, v in kinds.items())})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
