# ruff: noqa: RUF005, RUF100, E501, UP031
"""Check the florist evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python validate.py             check the files next to this script
    python validate.py --selftest  check that the checker catches broken inputs

Only the standard library and PyYAML are used.
"""

import json
import os
import re
import string
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("paraphrase", "long", "typo", "terse", "slang")
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
N_FACTS = 28
N_EXAMPLES = 10
PER_KIND = 2
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUNCT = str.maketrans({c: " " for c in string.punctuation + "\u2018\u2019\u201c\u201d"})


def normalise(text):
    """Lower-case, drop punctuation, collapse spaces."""
    return " ".join(text.lower().translate(PUNCT).split())


def load_yaml(path, errors):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        errors.append("%s: cannot parse: %s" % (os.path.basename(path), e))
        return None


def load_jsonl(path, errors):
    rows = []
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    errors.append("%s:%d: blank line" % (name, n))
                    continue
                try:
                    rows.append((n, json.loads(line)))
                except json.JSONDecodeError as e:
                    errors.append("%s:%d: bad JSON: %s" % (name, n, e))
    except OSError as e:
        errors.append("%s: cannot read: %s" % (name, e))
        return None
    return rows


def check_knowledge(data, errors, n_facts=N_FACTS, n_examples=N_EXAMPLES):
    """Return {fact id: [example questions]}; add problems to errors."""
    facts = {}
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        errors.append("knowledge.yaml: top level must be a mapping with a 'facts' list")
        return facts
    seen_examples = {}
    for i, fact in enumerate(data["facts"]):
        if not isinstance(fact, dict):
            errors.append("fact #%d: not a mapping" % i)
            continue
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            errors.append("fact #%d: id %r is not kebab-case" % (i, fid))
            continue
        if fid in facts:
            errors.append("fact %s: duplicate id" % fid)
            continue
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact[key].strip():
                errors.append("fact %s: missing %s" % (fid, key))
        qs = fact.get("questions")
        if not isinstance(qs, list) or not all(isinstance(q, str) and q.strip() for q in qs):
            errors.append("fact %s: questions must be a list of non-empty strings" % fid)
            qs = [q for q in qs if isinstance(q, str)] if isinstance(qs, list) else []
        if len(qs) != n_examples:
            errors.append("fact %s: %d examples, want %d" % (fid, len(qs), n_examples))
        for q in qs:
            key = normalise(q)
            if key in seen_examples:
                errors.append(
                    "fact %s: example %r repeats one of fact %s" % (fid, q, seen_examples[key])
                )
            else:
                seen_examples[key] = fid
        facts[fid] = qs
    if len(facts) != n_facts:
        errors.append("knowledge.yaml: %d facts, want %d" % (len(facts), n_facts))
    return facts


def _check_row(name, n, row, errors):
    if not isinstance(row, dict):
        errors.append("%s:%d: not an object" % (name, n))
        return False
    if set(row) != {"q", "labels", "kind"}:
        errors.append("%s:%d: keys must be q, labels, kind (got %s)" % (name, n, sorted(row)))
        return False
    if not isinstance(row["q"], str) or not row["q"].strip():
        errors.append("%s:%d: empty q" % (name, n))
        return False
    if not isinstance(row["labels"], list) or not row["labels"]:
        errors.append("%s:%d: labels must be a non-empty list" % (name, n))
        return False
    return True


def check_tests(rows, facts, errors, per_kind=PER_KIND):
    examples = {normalise(q) for qs in facts.values() for q in qs}
    counts = {fid: {k: 0 for k in KINDS} for fid in facts}
    seen = set()
    for n, row in rows:
        if not _check_row("test.jsonl", n, row, errors):
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if kind not in KINDS:
            errors.append("test.jsonl:%d: unknown kind %r" % (n, kind))
            continue
        bad = [lab for lab in labels if lab not in facts]
        if bad:
            errors.append("test.jsonl:%d: labels not fact ids: %s" % (n, bad))
            continue
        key = normalise(q)
        if key in examples:
            errors.append("test.jsonl:%d: %r equals an example" % (n, q))
        if key in seen:
            errors.append("test.jsonl:%d: %r repeats another test" % (n, q))
        seen.add(key)
        words = len(q.split())
        if kind == "long" and not 15 <= words <= 40:
            errors.append("test.jsonl:%d: long question has %d words (15-40)" % (n, words))
        if kind == "terse" and not 1 <= words <= 4:
            errors.append("test.jsonl:%d: terse question has %d words (1-4)" % (n, words))
        for lab in labels:
            counts[lab][kind] += 1
    for fid, by_kind in counts.items():
        for kind, c in by_kind.items():
            if c != per_kind:
                errors.append("fact %s: %d %s tests, want %d" % (fid, c, kind, per_kind))
    return seen


def check_oos(rows, facts, errors, oos_kinds=None, tests_seen=()):
    oos_kinds = OOS_KINDS if oos_kinds is None else oos_kinds
    examples = {normalise(q) for qs in facts.values() for q in qs}
    counts = {k: 0 for k in oos_kinds}
    seen = set(tests_seen)
    for n, row in rows:
        if not _check_row("oos.jsonl", n, row, errors):
            continue
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if labels != ["none"]:
            errors.append("oos.jsonl:%d: labels must be ['none']" % n)
        if kind not in counts:
            errors.append("oos.jsonl:%d: unknown kind %r" % (n, kind))
            continue
        counts[kind] += 1
        key = normalise(q)
        if key in examples:
            errors.append("oos.jsonl:%d: %r equals an example" % (n, q))
        if key in seen:
            errors.append("oos.jsonl:%d: %r repeats another message" % (n, q))
        seen.add(key)
    for kind, want in oos_kinds.items():
        if counts[kind] != want:
            errors.append("oos.jsonl: %d %s, want %d" % (counts[kind], kind, want))


def validate(folder, n_facts=N_FACTS, n_examples=N_EXAMPLES, per_kind=PER_KIND, oos_kinds=None):
    """Return the list of problems found in folder (empty if all is well)."""
    errors = []
    data = load_yaml(os.path.join(folder, "knowledge.yaml"), errors)
    tests = load_jsonl(os.path.join(folder, "test.jsonl"), errors)
    oos = load_jsonl(os.path.join(folder, "oos.jsonl"), errors)
    if data is None or tests is None or oos is None:
        return errors
    facts = check_knowledge(data, errors, n_facts, n_examples)
    seen = check_tests(tests, facts, errors, per_kind)
    check_oos(oos, facts, errors, oos_kinds, seen)
    return errors


# ---------------------------------------------------------------- self-test


def _small_set():
    """A valid miniature set: 2 facts x 2 examples, 1 test per kind, 1 oos per kind."""
    knowledge = {
        "facts": [
            {
                "id": "fact-a",
                "title": "A",
                "answer": "Answer A.",
                "questions": ["Alpha one?", "Alpha two?"],
            },
            {
                "id": "fact-b",
                "title": "B",
                "answer": "Answer B.",
                "questions": ["Beta one?", "Beta two?"],
            },
        ]
    }
    long_q = (
        "this is a long question with quite a few words in it so that it passes the length rule %s"
    )
    tests = []
    for fid in ("fact-a", "fact-b"):
        tests += [
            {"q": "paraphrase of %s" % fid, "labels": [fid], "kind": "paraphrase"},
            {"q": long_q % fid, "labels": [fid], "kind": "long"},
            {"q": "tpyo %s" % fid, "labels": [fid], "kind": "typo"},
            {"q": "terse %s" % fid, "labels": [fid], "kind": "terse"},
            {"q": "slangy %s innit" % fid, "labels": [fid], "kind": "slang"},
        ]
    oos = [{"q": "oos %s" % k, "labels": ["none"], "kind": k} for k in OOS_KINDS]
    return knowledge, tests, oos


def _write(folder, knowledge, tests, oos, raw=None):
    raw = raw or {}
    with open(os.path.join(folder, "knowledge.yaml"), "w", encoding="utf-8") as f:
        f.write(raw.get("knowledge.yaml") or yaml.safe_dump(knowledge, allow_unicode=True))
    for name, rows in (("test.jsonl", tests), ("oos.jsonl", oos)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(raw.get(name) or "".join(json.dumps(r) + "\n" for r in rows))


def _run_small(mutate=None, raw=None):
    knowledge, tests, oos = _small_set()
    if mutate:
        mutate(knowledge, tests, oos)
    with tempfile.TemporaryDirectory() as d:
        _write(d, knowledge, tests, oos, raw)
        return validate(d, n_facts=2, n_examples=2, per_kind=1, oos_kinds={k: 1 for k in OOS_KINDS})


def selftest():
    def setq(lst, i, **kw):
        lst[i].update(kw)

    cases = [
        ("bad yaml", None, {"knowledge.yaml": "facts: [unclosed\n"}, "cannot parse"),
        ("bad json", None, {"test.jsonl": "{not json}\n"}, "bad JSON"),
        ("no facts key", lambda k, t, o: k.pop("facts"), None, "'facts' list"),
        ("bad id", lambda k, t, o: k["facts"][0].update(id="Fact A"), None, "kebab-case"),
        ("duplicate id", lambda k, t, o: k["facts"][1].update(id="fact-a"), None, "duplicate id"),
        ("missing answer", lambda k, t, o: k["facts"][0].pop("answer"), None, "missing answer"),
        (
            "too few examples",
            lambda k, t, o: k["facts"][0]["questions"].pop(),
            None,
            "examples, want",
        ),
        (
            "repeated example",
            lambda k, t, o: k["facts"][1]["questions"].__setitem__(0, "alpha ONE"),
            None,
            "repeats one of fact",
        ),
        (
            "too many facts",
            lambda k, t, o: k["facts"].append(
                {
                    "id": "fact-c",
                    "title": "C",
                    "answer": "C.",
                    "questions": ["Gamma?", "Gamma two?"],
                }
            ),
            None,
            "facts, want",
        ),
        ("unknown label", lambda k, t, o: setq(t, 0, labels=["fact-z"]), None, "not fact ids"),
        ("unknown kind", lambda k, t, o: setq(t, 0, kind="weird"), None, "unknown kind"),
        (
            "kind count",
            lambda k, t, o: setq(t, 0, kind="typo", q="another typo"),
            None,
            "typo tests, want",
        ),
        (
            "test equals example",
            lambda k, t, o: setq(t, 0, q="Alpha, one!"),
            None,
            "equals an example",
        ),
        (
            "repeated test",
            lambda k, t, o: setq(t, 5, q=t[0]["q"].upper()),
            None,
            "repeats another test",
        ),
        (
            "long too short",
            lambda k, t, o: setq(t, 1, q="not long at all"),
            None,
            "long question has",
        ),
        (
            "terse too long",
            lambda k, t, o: setq(t, 3, q="this has far too many words"),
            None,
            "terse question has",
        ),
        ("extra key", lambda k, t, o: setq(t, 0, extra=1), None, "keys must be"),
        ("oos label", lambda k, t, o: setq(o, 0, labels=["fact-a"]), None, "must be ['none']"),
        ("oos kind count", lambda k, t, o: setq(o, 0, kind="chatter"), None, "near-miss, want"),
        ("oos equals example", lambda k, t, o: setq(o, 0, q="beta two"), None, "equals an example"),
        (
            "oos repeats test",
            lambda k, t, o: setq(o, 0, q="terse fact-a"),
            None,
            "repeats another message",
        ),
    ]
    failures = 0
    clean = _run_small()
    if clean:
        print("FAIL clean miniature set reported: %s" % clean)
        failures += 1
    else:
        print("ok   clean miniature set passes")
    for name, mutate, raw, expect in cases:
        errs = _run_small(mutate, raw)
        if any(expect in e for e in errs):
            print("ok   %s" % name)
        else:
            print("FAIL %s: expected %r, got %s" % (name, expect, errs))
            failures += 1
    if normalise("  What's   THE time?! ") != "what s the time":
        print("FAIL normalise")
        failures += 1
    print("selftest: %d cases, %d failures" % (len(cases) + 2, failures))
    return failures == 0


def main(argv):
    if "--selftest" in argv:
        return 0 if selftest() else 1
    errors = validate(HERE)
    for e in errors:
        print(e)
    if errors:
        print("FAILED: %d problems" % len(errors))
        return 1
    print(
        "OK: %d facts x %d examples, %d tests (%d per kind per fact), %d oos %s"
        % (
            N_FACTS,
            N_EXAMPLES,
            N_FACTS * len(KINDS) * PER_KIND,
            PER_KIND,
            sum(OOS_KINDS.values()),
            OOS_KINDS,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
