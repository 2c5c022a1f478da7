# ruff: noqa: UP031, RUF100, E501, E741
"""Check the zoo evaluation set (Harrowby Zoo & Aquarium, invented).

    python validate.py             check knowledge.yaml, test.jsonl and oos.jsonl
    python validate.py --selftest  break good data in known ways and check each is caught

Checks (from eval/domains/README.md, plus the brief for this set):
- knowledge.yaml parses; its top level is a mapping with the single key `facts`, a list;
- 28 facts, each with non-empty string `id`, `title`, `answer`, unique ids, and exactly
  10 example `questions` (non-empty strings);
- no example question appears twice (within or across facts) after normalising case and
  punctuation;
- test.jsonl: every line parses, has exactly `q`, `labels`, `kind`; every label is a fact
  id; 280 lines, 10 per fact, 2 of each kind per fact (paraphrase, long, typo, terse,
  slang); `long` has 15-40 words, `terse` 1-4 words; no test equals an example or another
  test after normalising;
- oos.jsonl: every line parses, has exactly `q`, `labels`, `kind`; labels are ["none"];
  150 lines: near-miss 60, off-topic 40, chatter 30, unknown 20; no message equals an
  example, a test or another oos message after normalising;
- phone numbers starting 01632 are in the drama range 01632 960xxx and every email address
  ends in `.example`;
- the folder holds only knowledge.yaml, test.jsonl, oos.jsonl, validate.py, README.md.
"""

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
ALLOWED_FILES = {"knowledge.yaml", "test.jsonl", "oos.jsonl", "validate.py", "README.md"}


def norm(text):
    """Lower-case, punctuation to spaces, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def words(text):
    return len(text.split())


def check_contacts(name, text, errors):
    for m in re.finditer(r"01632\s?(\d{6})", text):
        if not m.group(1).startswith("960"):
            errors.append("%s: phone %s is not in 01632 960xxx" % (name, m.group(0)))
    for m in re.finditer(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)*)", text):
        if not m.group(1).endswith(".example") and m.group(1) != "example":
            errors.append("%s: email %s is not on a .example domain" % (name, m.group(0)))


def parse_jsonl(name, text, errors):
    rows = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            errors.append("%s:%d: blank line" % (name, i))
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            errors.append("%s:%d: bad JSON (%s)" % (name, i, exc))
            continue
        if not isinstance(row, dict) or set(row) != {"q", "labels", "kind"}:
            errors.append("%s:%d: keys must be exactly q, labels, kind" % (name, i))
            continue
        if not isinstance(row["q"], str) or not row["q"].strip():
            errors.append("%s:%d: q must be a non-empty string" % (name, i))
            continue
        if not isinstance(row["labels"], list) or not row["labels"]:
            errors.append("%s:%d: labels must be a non-empty list" % (name, i))
            continue
        rows.append((i, row))
    return rows


def validate(knowledge_text, test_text, oos_text, files=None):
    errors = []

    # knowledge.yaml
    try:
        data = yaml.safe_load(knowledge_text)
    except yaml.YAMLError as exc:
        return ["knowledge.yaml: does not parse (%s)" % exc]
    if not isinstance(data, dict) or list(data) != ["facts"]:
        return ["knowledge.yaml: top level must be a mapping with the single key 'facts'"]
    facts = data["facts"]
    if not isinstance(facts, list):
        return ["knowledge.yaml: 'facts' must be a list"]
    if len(facts) != N_FACTS:
        errors.append("knowledge.yaml: %d facts, want %d" % (len(facts), N_FACTS))
    ids = []
    example_owner = {}
    for n, fact in enumerate(facts, 1):
        if not isinstance(fact, dict) or set(fact) != {"id", "title", "answer", "questions"}:
            errors.append(
                "knowledge.yaml: fact %d must have exactly id, title, answer, questions" % n
            )
            continue
        for key in ("id", "title", "answer"):
            if not isinstance(fact[key], str) or not fact[key].strip():
                errors.append("knowledge.yaml: fact %d: %s must be a non-empty string" % (n, key))
        fid = fact["id"]
        if fid in ids:
            errors.append("knowledge.yaml: duplicate id %r" % fid)
        ids.append(fid)
        qs = fact["questions"]
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            errors.append("knowledge.yaml: %s: want exactly %d questions" % (fid, N_EXAMPLES))
            qs = qs if isinstance(qs, list) else []
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                errors.append("knowledge.yaml: %s: empty or non-string question" % fid)
                continue
            key = norm(q)
            if key in example_owner:
                errors.append(
                    "knowledge.yaml: example %r in %s repeats one in %s"
                    % (q, fid, example_owner[key])
                )
            else:
                example_owner[key] = fid
    check_contacts("knowledge.yaml", knowledge_text, errors)
    fact_ids = set(ids)

    # test.jsonl
    seen_tests = {}
    counts = {}
    tests = parse_jsonl("test.jsonl", test_text, errors)
    for i, row in tests:
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if len(set(labels)) != len(labels):
            errors.append("test.jsonl:%d: repeated label" % i)
        for label in labels:
            if label not in fact_ids:
                errors.append("test.jsonl:%d: label %r is not a fact id" % (i, label))
            counts[(label, kind)] = counts.get((label, kind), 0) + 1
        if kind not in TEST_KINDS:
            errors.append("test.jsonl:%d: kind %r not one of %s" % (i, kind, ", ".join(TEST_KINDS)))
        if kind == "long" and not 15 <= words(q) <= 40:
            errors.append("test.jsonl:%d: long has %d words, want 15-40" % (i, words(q)))
        if kind == "terse" and not 1 <= words(q) <= 4:
            errors.append("test.jsonl:%d: terse has %d words, want 1-4" % (i, words(q)))
        key = norm(q)
        if key in example_owner:
            errors.append("test.jsonl:%d: %r is an example of %s" % (i, q, example_owner[key]))
        if key in seen_tests:
            errors.append("test.jsonl:%d: repeats test line %d" % (i, seen_tests[key]))
        seen_tests.setdefault(key, i)
    if len(tests) != N_FACTS * N_EXAMPLES:
        errors.append("test.jsonl: %d valid lines, want %d" % (len(tests), N_FACTS * N_EXAMPLES))
    for fid in ids:
        for kind in TEST_KINDS:
            got = counts.get((fid, kind), 0)
            if got != PER_KIND:
                errors.append(
                    "test.jsonl: %s has %d %s tests, want %d" % (fid, got, kind, PER_KIND)
                )
    check_contacts("test.jsonl", test_text, errors)

    # oos.jsonl
    seen_oos = {}
    oos_counts = {}
    oos = parse_jsonl("oos.jsonl", oos_text, errors)
    for i, row in oos:
        q, labels, kind = row["q"], row["labels"], row["kind"]
        if labels != ["none"]:
            errors.append('oos.jsonl:%d: labels must be ["none"]' % i)
        if kind not in OOS_KINDS:
            errors.append("oos.jsonl:%d: kind %r not one of %s" % (i, kind, ", ".join(OOS_KINDS)))
        oos_counts[kind] = oos_counts.get(kind, 0) + 1
        key = norm(q) or q.strip()
        if norm(q) and norm(q) in example_owner:
            errors.append("oos.jsonl:%d: %r is an example of %s" % (i, q, example_owner[norm(q)]))
        if norm(q) and norm(q) in seen_tests:
            errors.append("oos.jsonl:%d: %r is test line %d" % (i, q, seen_tests[norm(q)]))
        if key in seen_oos:
            errors.append("oos.jsonl:%d: repeats oos line %d" % (i, seen_oos[key]))
        seen_oos.setdefault(key, i)
    if len(oos) != sum(OOS_KINDS.values()):
        errors.append("oos.jsonl: %d valid lines, want %d" % (len(oos), sum(OOS_KINDS.values())))
    for kind, want in OOS_KINDS.items():
        if oos_counts.get(kind, 0) != want:
            errors.append("oos.jsonl: %d %s, want %d" % (oos_counts.get(kind, 0), kind, want))
    check_contacts("oos.jsonl", oos_text, errors)

    if files is not None:
        extra = set(files) - ALLOWED_FILES
        missing = ALLOWED_FILES - set(files)
        if extra:
            errors.append("folder: unexpected files %s" % ", ".join(sorted(extra)))
        if missing:
            errors.append("folder: missing files %s" % ", ".join(sorted(missing)))
    return errors


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def load():
    return read("knowledge.yaml"), read("test.jsonl"), read("oos.jsonl")


def selftest():
    """Each mutation of the real data must be caught; the real data must pass."""
    kn, te, oo = load()
    facts = yaml.safe_load(kn)["facts"]
    test_lines = te.splitlines()
    oos_lines = oo.splitlines()

    def dump(fs):
        return yaml.safe_dump({"facts": fs}, allow_unicode=True, sort_keys=False)

    def fact_copy():
        return [dict(f, questions=list(f["questions"])) for f in facts]

    def with_test(i, **change):
        lines = list(test_lines)
        row = json.loads(lines[i])
        row.update(change)
        lines[i] = json.dumps(row, ensure_ascii=False)
        return "\n".join(lines) + "\n"

    def with_oos(i, **change):
        lines = list(oos_lines)
        row = json.loads(lines[i])
        row.update(change)
        lines[i] = json.dumps(row, ensure_ascii=False)
        return "\n".join(lines) + "\n"

    first_long = next(i for i, l in enumerate(test_lines) if json.loads(l)["kind"] == "long")
    first_terse = next(i for i, l in enumerate(test_lines) if json.loads(l)["kind"] == "terse")

    cases = []
    cases.append(("bare list, no facts key", (yaml.safe_dump(facts, allow_unicode=True), te, oo)))
    cases.append(
        (
            "extra top-level key",
            (yaml.safe_dump({"facts": facts, "x": 1}, allow_unicode=True), te, oo),
        )
    )
    cases.append(("broken yaml", ("facts: [\n", te, oo)))
    fs = fact_copy()
    fs.pop()
    cases.append(("27 facts", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[0]["questions"].pop()
    cases.append(("9 examples", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[1]["questions"][0] = fs[0]["questions"][0].upper().rstrip("?") + "!!"
    cases.append(("example repeated across facts", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[1]["id"] = fs[0]["id"]
    cases.append(("duplicate id", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[2]["answer"] = ""
    cases.append(("empty answer", (dump(fs), te, oo)))
    fs = fact_copy()
    del fs[3]["title"]
    cases.append(("missing title", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[4]["answer"] += " Call 01632 123456."
    cases.append(("phone outside drama range", (dump(fs), te, oo)))
    fs = fact_copy()
    fs[4]["answer"] += " Email help@harrowbyzoo.com."
    cases.append(("email not .example", (dump(fs), te, oo)))
    cases.append(("test label not a fact", (kn, with_test(0, labels=["nope"]), oo)))
    cases.append(("test kind unknown", (kn, with_test(0, kind="question"), oo)))
    cases.append(("test kind count off", (kn, with_test(0, kind="slang"), oo)))
    cases.append(
        ("long too short", (kn, with_test(first_long, q="when do you open today please"), oo))
    )
    cases.append(("long too long", (kn, with_test(first_long, q=" ".join(["word"] * 41)), oo)))
    cases.append(
        ("terse too long", (kn, with_test(first_terse, q="what are your opening hours today"), oo))
    )
    cases.append(
        (
            "test equals example",
            (kn, with_test(0, q=facts[0]["questions"][0].lower().rstrip("?")), oo),
        )
    )
    cases.append(("test repeated", (kn, with_test(1, q=json.loads(test_lines[0])["q"]), oo)))
    cases.append(("test line dropped", (kn, "\n".join(test_lines[1:]) + "\n", oo)))
    cases.append(("test bad json", (kn, te + "{not json\n", oo)))
    cases.append(("test extra key", (kn, with_test(0, note="x"), oo)))
    cases.append(("oos wrong label", (kn, te, with_oos(0, labels=["opening-hours"]))))
    cases.append(("oos wrong kind", (kn, te, with_oos(0, kind="other-domain"))))
    cases.append(("oos kind count off", (kn, te, with_oos(0, kind="chatter"))))
    cases.append(("oos equals example", (kn, te, with_oos(0, q=facts[5]["questions"][2]))))
    cases.append(("oos equals test", (kn, te, with_oos(0, q=json.loads(test_lines[5])["q"]))))
    cases.append(("oos repeated", (kn, te, with_oos(1, q=json.loads(oos_lines[0])["q"]))))
    cases.append(("oos line dropped", (kn, te, "\n".join(oos_lines[1:]) + "\n")))

    failed = 0
    if validate(kn, te, oo):
        print("selftest FAIL: the real data does not pass")
        failed += 1
    for name, args in cases:
        errs = validate(*args)
        if errs:
            print("caught  %-32s %s" % (name, errs[0]))
        else:
            print("MISSED  %s" % name)
            failed += 1
    files_errs = validate(kn, te, oo, files=sorted(ALLOWED_FILES | {"notes.txt"}))
    if files_errs:
        print("caught  %-32s %s" % ("stray file in folder", files_errs[0]))
    else:
        print("MISSED  stray file in folder")
        failed += 1
    total = len(cases) + 2
    if failed:
        print("selftest FAILED: %d of %d" % (failed, total))
        return 1
    print("selftest OK: %d of %d" % (total, total))
    return 0


def main(argv):
    if "--selftest" in argv:
        return selftest()
    files = [f for f in os.listdir(HERE) if f != "__pycache__"]
    errors = validate(*load(), files=files)
    for e in errors:
        print(e)
    if errors:
        print("FAILED: %d problem(s)" % len(errors))
        return 1
    data = yaml.safe_load(read("knowledge.yaml"))["facts"]
    n_ex = sum(len(f["questions"]) for f in data)
    n_te = len(read("test.jsonl").splitlines())
    n_oo = len(read("oos.jsonl").splitlines())
    print("OK: %d facts, %d examples, %d tests, %d out-of-scope" % (len(data), n_ex, n_te, n_oo))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
