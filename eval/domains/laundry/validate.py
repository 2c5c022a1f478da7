#!/usr/bin/env python3
# ruff: noqa: UP031, RUF100, E501  (the checker as written blind: printf-style messages)
"""Check the laundry evaluation set (knowledge.yaml, test.jsonl, oos.jsonl).

Usage:
    python3 validate.py             # check the files next to this script
    python3 validate.py --selftest  # check that every check catches a broken small set

Standard library only; PyYAML is used when installed, otherwise a small parser for the
subset of YAML that knowledge.yaml uses.
"""

import copy
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

KINDS = ("paraphrase", "long", "typo", "terse", "slang")
FULL = {
    "facts": 28,
    "examples": 10,
    "per_kind": 2,  # tests of each kind per fact, so 10 per fact
    "oos": {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20},
}
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def normalise(text):
    """Lower case, punctuation dropped, spaces collapsed."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def words(text):
    return len(text.split())


# ---------------------------------------------------------------- parsing


def _unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value)
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if value[:1] in ("[", "{", '"', "'", "&", "*", "!", "|", ">"):
        raise ValueError("unsupported or broken value %r" % value)
    return value


def _mini_yaml(text):
    """Parse the subset used here: `facts:` then a list of mappings whose values are
    scalars on one line or a list of one-line scalars."""
    facts = None
    bare = []
    cur = None
    cur_list = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith('- "') else raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if indent == 0 and body == "facts:":
            facts = []
            continue
        target = facts if facts is not None else bare
        m = re.match(r"^- (\w+):\s*(.*)$", body)
        if m and (cur is None or indent <= cur["_indent"]):
            cur = {"_indent": indent}
            target.append(cur)
            key, val = m.groups()
            cur[key] = _unquote(val) if val else []
            cur_list = cur[key] if not val else None
            continue
        m = re.match(r"^(\w+):\s*(.*)$", body)
        if m and cur is not None:
            key, val = m.groups()
            cur[key] = _unquote(val) if val else []
            cur_list = cur[key] if not val else None
            continue
        if body.startswith("- ") and cur_list is not None:
            cur_list.append(_unquote(body[2:]))
            continue
        raise ValueError("line %d: cannot parse %r" % (lineno, raw))
    out = facts if facts is not None else bare
    for f in out:
        f.pop("_indent", None)
    return out


def load_yaml(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        data = _mini_yaml(text)
    else:
        data = yaml.safe_load(text)
    if isinstance(data, dict) and "facts" in data:
        data = data["facts"]
    if not isinstance(data, list):
        raise ValueError("knowledge.yaml: expected a `facts:` list or a bare list")
    return data


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError("%s line %d: %s" % (os.path.basename(path), lineno, exc)) from exc
    return rows


def load_files(folder):
    """Return (facts, tests, oos, errors); errors holds ('parse', message) tuples."""
    errors = []
    facts = tests = oos = None
    try:
        facts = load_yaml(os.path.join(folder, "knowledge.yaml"))
    except Exception as exc:  # noqa: BLE001
        errors.append(("parse", "knowledge.yaml: %s" % exc))
    try:
        tests = load_jsonl(os.path.join(folder, "test.jsonl"))
    except Exception as exc:  # noqa: BLE001
        errors.append(("parse", "test.jsonl: %s" % exc))
    try:
        oos = load_jsonl(os.path.join(folder, "oos.jsonl"))
    except Exception as exc:  # noqa: BLE001
        errors.append(("parse", "oos.jsonl: %s" % exc))
    return facts, tests, oos, errors


# ---------------------------------------------------------------- checks


def check(facts, tests, oos, cfg=FULL):
    """Return a list of (check name, message)."""
    errs = []

    def err(name, msg):
        errs.append((name, msg))

    # facts: fields, ids
    ids = []
    for i, f in enumerate(facts):
        if not isinstance(f, dict):
            err("fact-fields", "fact %d is not a mapping" % i)
            continue
        for key in ("id", "title", "answer", "questions"):
            if key not in f:
                err("fact-fields", "fact %d lacks %r" % (i, key))
        for key in ("id", "title", "answer"):
            if key in f and (not isinstance(f[key], str) or not f[key].strip()):
                err("fact-fields", "fact %d: %r must be a non-empty string" % (i, key))
        fid = f.get("id")
        if isinstance(fid, str):
            ids.append(fid)
            if not ID_RE.match(fid):
                err("id-format", "fact id %r is not kebab-case" % fid)
    seen = set()
    for fid in ids:
        if fid in seen:
            err("ids-unique", "fact id %r appears twice" % fid)
        seen.add(fid)
    id_set = set(ids)
    if len(facts) != cfg["facts"]:
        err("fact-count", "%d facts, expected %d" % (len(facts), cfg["facts"]))

    # examples
    example_norm = {}
    for f in facts:
        if not isinstance(f, dict):
            continue
        qs = f.get("questions")
        if not isinstance(qs, list) or not all(isinstance(q, str) and q.strip() for q in qs):
            err("fact-fields", "fact %r: questions must be a list of strings" % f.get("id"))
            continue
        if len(qs) != cfg["examples"]:
            err(
                "examples-per-fact",
                "fact %r has %d examples, expected %d" % (f.get("id"), len(qs), cfg["examples"]),
            )
        for q in qs:
            n = normalise(q)
            if n in example_norm:
                err(
                    "example-repeated",
                    "example %r (fact %r) repeats %r (fact %r)"
                    % (q, f.get("id"), example_norm[n][0], example_norm[n][1]),
                )
            else:
                example_norm[n] = (q, f.get("id"))

    # tests
    per_fact = {fid: {k: 0 for k in KINDS} for fid in ids}
    for i, t in enumerate(tests):
        if not isinstance(t, dict) or not isinstance(t.get("q"), str) or not t["q"].strip():
            err("row-fields", "test row %d needs a non-empty string q" % (i + 1))
            continue
        labels = t.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            err("test-label", "test %r must have exactly one label" % t["q"])
        if isinstance(labels, list):
            for lab in labels:
                if lab not in id_set:
                    err("test-label", "test %r: label %r is not a fact id" % (t["q"], lab))
        kind = t.get("kind")
        if kind not in KINDS:
            err("test-kind", "test %r: kind %r not one of %s" % (t["q"], kind, ", ".join(KINDS)))
        elif isinstance(labels, list) and len(labels) == 1 and labels[0] in per_fact:
            per_fact[labels[0]][kind] += 1
        n = words(t["q"])
        if kind == "long" and not LONG_WORDS[0] <= n <= LONG_WORDS[1]:
            err("long-length", "long test has %d words: %r" % (n, t["q"]))
        if kind == "terse" and not TERSE_WORDS[0] <= n <= TERSE_WORDS[1]:
            err("terse-length", "terse test has %d words: %r" % (n, t["q"]))
    for fid, counts in per_fact.items():
        total = sum(counts.values())
        if total != cfg["per_kind"] * len(KINDS):
            err(
                "tests-per-fact",
                "fact %r has %d tests, expected %d" % (fid, total, cfg["per_kind"] * len(KINDS)),
            )
        for kind, c in counts.items():
            if c != cfg["per_kind"]:
                err(
                    "tests-per-kind",
                    "fact %r has %d %s tests, expected %d" % (fid, c, kind, cfg["per_kind"]),
                )

    # oos
    oos_counts = {k: 0 for k in cfg["oos"]}
    for i, o in enumerate(oos):
        if not isinstance(o, dict) or not isinstance(o.get("q"), str) or not o["q"].strip():
            err("row-fields", "oos row %d needs a non-empty string q" % (i + 1))
            continue
        if o.get("labels") != ["none"]:
            err("oos-label", "oos %r must be labelled ['none'], not %r" % (o["q"], o.get("labels")))
        kind = o.get("kind")
        if kind not in oos_counts:
            err("oos-kind", "oos %r: kind %r not one of %s" % (o["q"], kind, ", ".join(cfg["oos"])))
        else:
            oos_counts[kind] += 1
    for kind, want in cfg["oos"].items():
        if oos_counts[kind] != want:
            err(
                "oos-counts",
                "oos kind %r has %d messages, expected %d" % (kind, oos_counts[kind], want),
            )

    # messages against examples and each other
    msg_norm = {}
    for name, rows in (("test", tests), ("oos", oos)):
        for r in rows:
            if not isinstance(r, dict) or not isinstance(r.get("q"), str):
                continue
            n = normalise(r["q"])
            if n in example_norm:
                err(
                    "copy-of-example",
                    "%s %r equals example %r" % (name, r["q"], example_norm[n][0]),
                )
            if n in msg_norm:
                err(
                    "message-repeated",
                    "%s %r repeats %s %r" % (name, r["q"], msg_norm[n][0], msg_norm[n][1]),
                )
            else:
                msg_norm[n] = (name, r["q"])
    return errs


# ---------------------------------------------------------------- self-test


def _small_set():
    cfg = {
        "facts": 2,
        "examples": 2,
        "per_kind": 1,
        "oos": {"near-miss": 1, "off-topic": 1, "chatter": 1, "unknown": 1},
    }
    facts = [
        {
            "id": "opening-hours",
            "title": "Hours",
            "answer": "Open 9 to 5.",
            "questions": ["What are your hours?", "When do you open?"],
        },
        {
            "id": "refunds",
            "title": "Refunds",
            "answer": "Ask at the counter.",
            "questions": ["Can I get a refund?", "How long does a refund take?"],
        },
    ]
    long_q = (
        "I would really like to know what time the shop opens on a normal weekday morning please"
    )
    tests = [
        {"q": "what time do you shut", "labels": ["opening-hours"], "kind": "paraphrase"},
        {"q": long_q, "labels": ["opening-hours"], "kind": "long"},
        {"q": "opneing tims", "labels": ["opening-hours"], "kind": "typo"},
        {"q": "hours", "labels": ["opening-hours"], "kind": "terse"},
        {"q": "u open rn", "labels": ["opening-hours"], "kind": "slang"},
        {"q": "how do I get my money back", "labels": ["refunds"], "kind": "paraphrase"},
        {
            "q": "the machine took my money and did not start so how do I go about getting that money refunded to my card",
            "labels": ["refunds"],
            "kind": "long",
        },
        {"q": "refnd", "labels": ["refunds"], "kind": "typo"},
        {"q": "money back", "labels": ["refunds"], "kind": "terse"},
        {"q": "want me cash back innit", "labels": ["refunds"], "kind": "slang"},
    ]
    oos = [
        {"q": "how do I fix my own washer", "labels": ["none"], "kind": "near-miss"},
        {"q": "what is the capital of France", "labels": ["none"], "kind": "off-topic"},
        {"q": "hello", "labels": ["none"], "kind": "chatter"},
        {"q": "are you hiring", "labels": ["none"], "kind": "unknown"},
    ]
    return facts, tests, oos, cfg


def _breakers():
    """(check name expected to fire, function that breaks a small set in place)."""

    def set_(path, value):
        def f(facts, tests, oos):
            obj = {"facts": facts, "tests": tests, "oos": oos}
            for key in path[:-1]:
                obj = obj[key]
            obj[path[-1]] = value

        return f

    return [
        ("fact-fields", lambda fa, te, oo: fa[0].pop("answer")),
        ("fact-fields", set_(("facts", 1, "title"), "")),
        ("fact-fields", set_(("facts", 1, "questions"), "not a list")),
        ("id-format", set_(("facts", 0, "id"), "Opening_Hours")),
        ("ids-unique", set_(("facts", 1, "id"), "opening-hours")),
        (
            "fact-count",
            lambda fa, te, oo: fa.append(
                copy.deepcopy(fa[0]) | {"id": "extra-fact", "questions": ["x one", "x two"]}
            ),
        ),
        ("examples-per-fact", lambda fa, te, oo: fa[0]["questions"].append("Are you open late?")),
        ("examples-per-fact", lambda fa, te, oo: fa[1]["questions"].pop()),
        ("example-repeated", set_(("facts", 1, "questions", 0), "what are your HOURS!!")),
        ("example-repeated", set_(("facts", 0, "questions", 1), "What are your hours")),
        ("test-label", set_(("tests", 0, "labels"), ["no-such-fact"])),
        ("test-label", set_(("tests", 0, "labels"), ["opening-hours", "refunds"])),
        ("test-label", set_(("tests", 0, "labels"), [])),
        ("test-kind", set_(("tests", 0, "kind"), "question")),
        ("tests-per-fact", lambda fa, te, oo: te.pop(0)),
        (
            "tests-per-fact",
            lambda fa, te, oo: te.append(
                {"q": "shut when", "labels": ["opening-hours"], "kind": "terse"}
            ),
        ),
        ("tests-per-kind", set_(("tests", 0, "kind"), "typo")),
        ("long-length", set_(("tests", 1, "q"), "a long question that is much too short")),
        ("long-length", set_(("tests", 1, "q"), " ".join(["word"] * 41))),
        ("terse-length", set_(("tests", 3, "q"), "what are the opening hours")),
        ("row-fields", set_(("tests", 2, "q"), "")),
        ("row-fields", lambda fa, te, oo: oo[0].pop("q")),
        ("oos-label", set_(("oos", 0, "labels"), ["refunds"])),
        ("oos-label", set_(("oos", 0, "labels"), [])),
        ("oos-kind", set_(("oos", 1, "kind"), "offtopic")),
        ("oos-counts", lambda fa, te, oo: oo.pop()),
        ("oos-counts", set_(("oos", 1, "kind"), "chatter")),
        ("copy-of-example", set_(("tests", 0, "q"), "WHEN do you open")),
        ("copy-of-example", set_(("oos", 2, "q"), "can i get a refund")),
        ("message-repeated", set_(("tests", 5, "q"), "What time do you shut?")),
        ("message-repeated", set_(("oos", 2, "q"), "Money back!")),
        ("message-repeated", set_(("oos", 3, "q"), "hello.")),
    ]


def selftest():
    failures = 0
    facts, tests, oos, cfg = _small_set()
    base = check(facts, tests, oos, cfg)
    if base:
        print("selftest: the unbroken small set fails: %s" % base)
        failures += 1
    fired = set()
    for name, breaker in _breakers():
        fa, te, oo = copy.deepcopy(facts), copy.deepcopy(tests), copy.deepcopy(oos)
        breaker(fa, te, oo)
        names = {n for n, _ in check(fa, te, oo, cfg)}
        if name not in names:
            print("selftest: check %r missed a broken set (got %s)" % (name, sorted(names)))
            failures += 1
        else:
            fired.add(name)

    # the full-size counts: the small set must fail them
    names = {n for n, _ in check(facts, tests, oos, FULL)}
    for name in (
        "fact-count",
        "examples-per-fact",
        "tests-per-fact",
        "tests-per-kind",
        "oos-counts",
    ):
        if name not in names:
            print("selftest: full-size check %r missed the small set" % name)
            failures += 1

    # parsing: broken files on disk, plus both yaml shapes and the fallback parser
    with tempfile.TemporaryDirectory() as tmp:

        def write(name, text):
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as fh:
                fh.write(text)

        good_yaml = "facts:\n" + "".join(
            '  - id: %s\n    title: "%s"\n    answer: "%s"\n    questions:\n%s'
            % (
                f["id"],
                f["title"],
                f["answer"],
                "".join('      - "%s"\n' % q for q in f["questions"]),
            )
            for f in facts
        )
        bare_yaml = good_yaml.replace("facts:\n", "").replace("\n  ", "\n")[2:]
        jl = lambda rows: "".join(json.dumps(r) + "\n" for r in rows)  # noqa: E731
        write("test.jsonl", jl(tests))
        write("oos.jsonl", jl(oos))
        for label, text in (("facts list", good_yaml), ("bare list", bare_yaml)):
            write("knowledge.yaml", text)
            fa, te, oo, errs = load_files(tmp)
            if errs or check(fa, te, oo, cfg):
                print("selftest: a good %s does not load cleanly: %s" % (label, errs))
                failures += 1
            if _mini_yaml(text) != fa:
                print("selftest: the fallback YAML parser disagrees on the %s" % label)
                failures += 1
        cases = (
            ("knowledge.yaml", "facts:\n  - id: [unclosed\n"),
            ("knowledge.yaml", "just a string\n"),
            ("test.jsonl", jl(tests) + '{"q": "broken", "labels": [\n'),
            ("oos.jsonl", "not json at all\n"),
        )
        for name, text in cases:
            write("knowledge.yaml", good_yaml)
            write("test.jsonl", jl(tests))
            write("oos.jsonl", jl(oos))
            write(name, text)
            _, _, _, errs = load_files(tmp)
            if not any(n == "parse" for n, _ in errs):
                print("selftest: parse check missed a broken %s" % name)
                failures += 1
            else:
                fired.add("parse")

    all_checks = {n for n, _ in _breakers()} | {"parse"}
    if fired != all_checks:
        print("selftest: checks never shown to fire: %s" % sorted(all_checks - fired))
        failures += 1
    if failures:
        print("selftest FAILED (%d problems)" % failures)
        return 1
    print(
        "selftest passed: %d broken sets, %d checks each caught their breakage (%s)"
        % (len(_breakers()) + len(cases), len(all_checks), ", ".join(sorted(all_checks)))
    )
    return 0


def main(argv):
    if "--selftest" in argv:
        return selftest()
    facts, tests, oos, errs = load_files(HERE)
    if not errs:
        errs = check(facts, tests, oos, FULL)
    if errs:
        for name, msg in errs:
            print("FAIL [%s] %s" % (name, msg))
        print("%d problems" % len(errs))
        return 1
    kinds = {}
    for o in oos:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    print(
        "OK: %d facts, %d examples, %d tests (%s each per fact), %d oos (%s)"
        % (
            len(facts),
            sum(len(f["questions"]) for f in facts),
            len(tests),
            FULL["per_kind"],
            len(oos),
            ", ".join("%s %d" % (k, kinds.get(k, 0)) for k in FULL["oos"]),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
