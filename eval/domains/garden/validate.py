# ruff: noqa: RUF005, RUF100, E501
"""Check the garden evaluation domain against the rules of eval/domains/README.md.

Usage:
    python validate.py             check knowledge.yaml, test.jsonl and oos.jsonl
    python validate.py --selftest  also check that every rule catches a broken copy

Rules checked:
  knowledge.yaml  parses; a mapping with a top-level `facts:` list of 28 facts; each fact
                  has exactly the keys id, title, answer, questions; ids are unique and
                  lower-case-with-hyphens; title and answer are non-empty strings;
                  exactly 10 example questions per fact, each a non-empty string; no
                  example repeated within a fact or across facts (after normalising
                  case, accents and punctuation).
  test.jsonl      every line parses as a JSON object with exactly the keys q, labels,
                  kind; 280 lines; every label is a fact id; kind is one of paraphrase,
                  long, typo, terse, slang; every fact has 10 tests and 2 of each kind;
                  long tests have 15-40 words, terse tests 1-4 words.
  oos.jsonl       every line parses; 150 lines; labels exactly ["none"]; kinds
                  near-miss 60, off-topic 40, chatter 30, unknown 20.
  all messages    no test or oos message equals an example question (normalised); no
                  message appears twice in test.jsonl and oos.jsonl together.
  README.md       exists and is not empty.
"""

import copy
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

N_FACTS = 28
N_EXAMPLES = 10
N_TESTS_PER_FACT = 10
TEST_KINDS = ("paraphrase", "long", "typo", "terse", "slang")
PER_KIND = 2
LONG_WORDS = (15, 40)
TERSE_WORDS = (1, 4)
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
FACT_KEYS = {"id", "title", "answer", "questions"}
LINE_KEYS = {"q", "labels", "kind"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise(text):
    """Lower-case, strip accents and punctuation, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def word_count(text):
    return len(text.split())


def load_data(folder):
    """Return (knowledge, tests, oos, readme_text, errors). Parse errors are reported."""
    errors = []
    knowledge = None
    tests = []
    oos = []
    try:
        knowledge = yaml.safe_load((folder / "knowledge.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        errors.append(f"knowledge.yaml: cannot load: {exc}")
    for name, target in (("test.jsonl", tests), ("oos.jsonl", oos)):
        try:
            lines = (folder / name).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            errors.append(f"{name}: cannot read: {exc}")
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                errors.append(f"{name}:{number}: blank line")
                continue
            try:
                target.append(json.loads(line))
            except json.JSONDecodeError as exc:
                errors.append(f"{name}:{number}: bad JSON: {exc}")
    try:
        readme = (folder / "README.md").read_text(encoding="utf-8")
    except OSError:
        readme = None
    return knowledge, tests, oos, readme, errors


def check_knowledge(knowledge):
    errors = []
    if not isinstance(knowledge, dict) or "facts" not in knowledge:
        return ["knowledge.yaml: needs a top-level `facts:` key"], []
    if set(knowledge) != {"facts"}:
        errors.append(
            f"knowledge.yaml: unexpected top-level keys {sorted(set(knowledge) - {'facts'})}"
        )
    facts = knowledge["facts"]
    if not isinstance(facts, list):
        return errors + ["knowledge.yaml: `facts` must be a list"], []
    if len(facts) != N_FACTS:
        errors.append(f"knowledge.yaml: {len(facts)} facts, expected {N_FACTS}")
    ids = []
    seen_examples = {}
    for index, fact in enumerate(facts):
        where = f"knowledge.yaml: fact #{index + 1}"
        if not isinstance(fact, dict):
            errors.append(f"{where}: not a mapping")
            continue
        if set(fact) != FACT_KEYS:
            errors.append(f"{where}: keys {sorted(fact)} should be {sorted(FACT_KEYS)}")
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            errors.append(f"{where}: bad id {fid!r}")
        else:
            where = f"knowledge.yaml: fact {fid}"
            ids.append(fid)
        for key in ("title", "answer"):
            if not isinstance(fact.get(key), str) or not fact.get(key).strip():
                errors.append(f"{where}: {key} must be a non-empty string")
        questions = fact.get("questions")
        if not isinstance(questions, list):
            errors.append(f"{where}: questions must be a list")
            continue
        if len(questions) != N_EXAMPLES:
            errors.append(f"{where}: {len(questions)} example questions, expected {N_EXAMPLES}")
        for question in questions:
            if not isinstance(question, str) or not normalise(question):
                errors.append(f"{where}: empty or non-string example {question!r}")
                continue
            key = normalise(question)
            if key in seen_examples:
                errors.append(f"{where}: example {question!r} repeats one in {seen_examples[key]}")
            else:
                seen_examples[key] = fid
    for fid, count in Counter(ids).items():
        if count > 1:
            errors.append(f"knowledge.yaml: duplicate fact id {fid!r}")
    return errors, ids


def check_lines(name, lines):
    """Shape of each line: a JSON object with q (non-empty string), labels (list), kind."""
    errors = []
    for number, line in enumerate(lines, 1):
        where = f"{name}:{number}"
        if not isinstance(line, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        if set(line) != LINE_KEYS:
            errors.append(f"{where}: keys {sorted(line)} should be {sorted(LINE_KEYS)}")
        if not isinstance(line.get("q"), str) or not normalise(line.get("q") or ""):
            errors.append(f"{where}: q must be a non-empty string")
        labels = line.get("labels")
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(x, str) for x in labels)
        ):
            errors.append(f"{where}: labels must be a non-empty list of strings")
        elif len(set(labels)) != len(labels):
            errors.append(f"{where}: repeated label in {labels}")
        if not isinstance(line.get("kind"), str):
            errors.append(f"{where}: kind must be a string")
    return errors


def good_lines(lines):
    return [
        line
        for line in lines
        if isinstance(line, dict)
        and isinstance(line.get("q"), str)
        and isinstance(line.get("labels"), list)
        and all(isinstance(x, str) for x in line["labels"])
        and isinstance(line.get("kind"), str)
    ]


def check_tests(tests, ids):
    errors = check_lines("test.jsonl", tests)
    tests = good_lines(tests)
    expected = N_FACTS * N_TESTS_PER_FACT
    if len(tests) != expected:
        errors.append(f"test.jsonl: {len(tests)} good lines, expected {expected}")
    idset = set(ids)
    per_fact = Counter()
    per_fact_kind = Counter()
    for number, line in enumerate(tests, 1):
        where = f"test.jsonl:{number}"
        kind = line["kind"]
        if kind not in TEST_KINDS:
            errors.append(f"{where}: kind {kind!r} not one of {TEST_KINDS}")
        for label in line["labels"]:
            if label not in idset:
                errors.append(f"{where}: label {label!r} is not a fact id")
            per_fact[label] += 1
            per_fact_kind[(label, kind)] += 1
        words = word_count(line["q"])
        if kind == "long" and not LONG_WORDS[0] <= words <= LONG_WORDS[1]:
            errors.append(
                f"{where}: long message has {words} words, needs {LONG_WORDS[0]}-{LONG_WORDS[1]}"
            )
        if kind == "terse" and not TERSE_WORDS[0] <= words <= TERSE_WORDS[1]:
            errors.append(
                f"{where}: terse message has {words} words, needs {TERSE_WORDS[0]}-{TERSE_WORDS[1]}"
            )
    for fid in ids:
        if per_fact[fid] != N_TESTS_PER_FACT:
            errors.append(
                f"test.jsonl: fact {fid} has {per_fact[fid]} tests, expected {N_TESTS_PER_FACT}"
            )
        for kind in TEST_KINDS:
            if per_fact_kind[(fid, kind)] != PER_KIND:
                errors.append(
                    f"test.jsonl: fact {fid} has {per_fact_kind[(fid, kind)]} {kind} tests, expected {PER_KIND}"
                )
    return errors


def check_oos(oos):
    errors = check_lines("oos.jsonl", oos)
    oos = good_lines(oos)
    expected = sum(OOS_KINDS.values())
    if len(oos) != expected:
        errors.append(f"oos.jsonl: {len(oos)} good lines, expected {expected}")
    kinds = Counter()
    for number, line in enumerate(oos, 1):
        where = f"oos.jsonl:{number}"
        if line["labels"] != ["none"]:
            errors.append(f"{where}: labels {line['labels']} should be ['none']")
        if line["kind"] not in OOS_KINDS:
            errors.append(f"{where}: kind {line['kind']!r} not one of {sorted(OOS_KINDS)}")
        kinds[line["kind"]] += 1
    for kind, count in OOS_KINDS.items():
        if kinds[kind] != count:
            errors.append(f"oos.jsonl: {kinds[kind]} {kind} messages, expected {count}")
    return errors


def check_messages(knowledge, tests, oos):
    """No message equals an example; no message appears twice across test and oos."""
    errors = []
    examples = {}
    if isinstance(knowledge, dict) and isinstance(knowledge.get("facts"), list):
        for fact in knowledge["facts"]:
            if isinstance(fact, dict) and isinstance(fact.get("questions"), list):
                for question in fact["questions"]:
                    if isinstance(question, str):
                        examples[normalise(question)] = fact.get("id")
    seen = {}
    for name, lines in (("test.jsonl", tests), ("oos.jsonl", oos)):
        for number, line in enumerate(lines, 1):
            if not isinstance(line, dict) or not isinstance(line.get("q"), str):
                continue
            where = f"{name}:{number}"
            key = normalise(line["q"])
            if key in examples:
                errors.append(f"{where}: {line['q']!r} equals an example of {examples[key]}")
            if key in seen:
                errors.append(f"{where}: {line['q']!r} duplicates {seen[key]}")
            else:
                seen[key] = where
    return errors


def validate(knowledge, tests, oos, readme):
    errors, ids = check_knowledge(knowledge)
    errors += check_tests(tests, ids)
    errors += check_oos(oos)
    errors += check_messages(knowledge, tests, oos)
    if not readme or not readme.strip():
        errors.append("README.md: missing or empty")
    return errors


def selftest(knowledge, tests, oos, readme):
    """Break a copy of the data in one way at a time; each must be caught."""
    failures = []

    assert normalise("Café menu!") == "cafe menu", normalise("Café menu!")
    assert normalise("  What's   ON? ") == "what s on"
    assert word_count("a b  c") == 3

    def first_fact(k):
        return k["facts"][0]

    def find(lines, kind):
        return next(i for i, line in enumerate(lines) if line["kind"] == kind)

    cases = []

    def case(description, expect, mutate):
        cases.append((description, expect, mutate))

    case("no facts key", "top-level `facts:`", lambda k, t, o, r: ({"items": k["facts"]}, t, o, r))
    case("bare list of facts", "top-level `facts:`", lambda k, t, o, r: (k["facts"], t, o, r))
    case(
        "27 facts",
        "facts, expected 28",
        lambda k, t, o, r: (k.__setitem__("facts", k["facts"][1:]) or k, t, o, r),
    )
    case(
        "fact missing title", "keys", lambda k, t, o, r: (first_fact(k).pop("title") and k, t, o, r)
    )
    case(
        "extra fact key",
        "keys",
        lambda k, t, o, r: (first_fact(k).__setitem__("tags", []) or k, t, o, r),
    )
    case(
        "bad id",
        "bad id",
        lambda k, t, o, r: (first_fact(k).__setitem__("id", "Opening Hours") or k, t, o, r),
    )
    case(
        "duplicate id",
        "duplicate fact id",
        lambda k, t, o, r: (k["facts"][1].__setitem__("id", k["facts"][0]["id"]) or k, t, o, r),
    )
    case(
        "empty answer",
        "answer must be",
        lambda k, t, o, r: (first_fact(k).__setitem__("answer", " ") or k, t, o, r),
    )
    case(
        "9 examples",
        "9 example questions",
        lambda k, t, o, r: (first_fact(k)["questions"].pop() and k, t, o, r),
    )
    case(
        "11 examples",
        "11 example questions",
        lambda k, t, o, r: (first_fact(k)["questions"].append("Brand new example?") or k, t, o, r),
    )
    case(
        "example repeated within a fact",
        "repeats",
        lambda k, t, o, r: (
            first_fact(k)["questions"].__setitem__(1, first_fact(k)["questions"][0].upper()) or k,
            t,
            o,
            r,
        ),
    )
    case(
        "example repeated across facts",
        "repeats",
        lambda k, t, o, r: (
            k["facts"][1]["questions"].__setitem__(0, k["facts"][0]["questions"][0] + "!") or k,
            t,
            o,
            r,
        ),
    )
    case(
        "example not a string",
        "non-string example",
        lambda k, t, o, r: (first_fact(k)["questions"].__setitem__(0, 7) or k, t, o, r),
    )
    case(
        "test line missing kind",
        "keys",
        lambda k, t, o, r: (k, t[:0] + [{"q": t[0]["q"], "labels": t[0]["labels"]}] + t[1:], o, r),
    )
    case(
        "test line extra key", "keys", lambda k, t, o, r: (k, [dict(t[0], note="x")] + t[1:], o, r)
    )
    case(
        "test label not a fact",
        "is not a fact id",
        lambda k, t, o, r: (k, [dict(t[0], labels=["no-such-fact"])] + t[1:], o, r),
    )
    case(
        "test labels empty",
        "non-empty list",
        lambda k, t, o, r: (k, [dict(t[0], labels=[])] + t[1:], o, r),
    )
    case(
        "test labels a string",
        "non-empty list",
        lambda k, t, o, r: (k, [dict(t[0], labels=t[0]["labels"][0])] + t[1:], o, r),
    )
    case(
        "test label repeated",
        "repeated label",
        lambda k, t, o, r: (k, [dict(t[0], labels=t[0]["labels"] * 2)] + t[1:], o, r),
    )
    case("test q empty", "q must be", lambda k, t, o, r: (k, [dict(t[0], q="?!")] + t[1:], o, r))
    case(
        "unknown test kind",
        "not one of",
        lambda k, t, o, r: (k, [dict(t[0], kind="question")] + t[1:], o, r),
    )
    case("one test missing", "expected 280", lambda k, t, o, r: (k, t[1:], o, r))
    case(
        "fact with 11 tests",
        "has 11 tests",
        lambda k, t, o, r: (k, t + [dict(t[0], q="an extra question about this")], o, r),
    )
    case(
        "kinds unbalanced",
        "paraphrase tests, expected 2",
        lambda k, t, o, r: (
            k,
            [
                dict(t[find(t, "typo")], kind="paraphrase") if i == find(t, "typo") else x
                for i, x in enumerate(t)
            ],
            o,
            r,
        ),
    )
    case(
        "long too short",
        "long message has",
        lambda k, t, o, r: (
            k,
            [
                dict(x, q="far too short for long") if i == find(t, "long") else x
                for i, x in enumerate(t)
            ],
            o,
            r,
        ),
    )
    case(
        "long too long",
        "long message has",
        lambda k, t, o, r: (
            k,
            [
                dict(x, q=" ".join(["word"] * 41)) if i == find(t, "long") else x
                for i, x in enumerate(t)
            ],
            o,
            r,
        ),
    )
    case(
        "terse too long",
        "terse message has",
        lambda k, t, o, r: (
            k,
            [
                dict(x, q="one two three four five") if i == find(t, "terse") else x
                for i, x in enumerate(t)
            ],
            o,
            r,
        ),
    )
    case(
        "test equals an example",
        "equals an example",
        lambda k, t, o, r: (
            k,
            [dict(t[0], q=k["facts"][0]["questions"][0].lower() + "??")] + t[1:],
            o,
            r,
        ),
    )
    case(
        "duplicate test messages",
        "duplicates",
        lambda k, t, o, r: (k, [t[0], dict(t[1], q=t[0]["q"].upper())] + t[2:], o, r),
    )
    case(
        "test duplicates oos",
        "duplicates",
        lambda k, t, o, r: (k, t, [dict(o[0], q=t[0]["q"])] + o[1:], r),
    )
    case(
        "oos equals an example",
        "equals an example",
        lambda k, t, o, r: (k, t, [dict(o[0], q=k["facts"][3]["questions"][2])] + o[1:], r),
    )
    case(
        "oos label not none",
        "should be ['none']",
        lambda k, t, o, r: (k, t, [dict(o[0], labels=[k["facts"][0]["id"]])] + o[1:], r),
    )
    case(
        "oos extra label",
        "should be ['none']",
        lambda k, t, o, r: (k, t, [dict(o[0], labels=["none", "dogs"])] + o[1:], r),
    )
    case(
        "oos unknown kind",
        "not one of",
        lambda k, t, o, r: (k, t, [dict(o[0], kind="other-domain")] + o[1:], r),
    )
    case(
        "oos kinds unbalanced",
        "near-miss messages, expected 60",
        lambda k, t, o, r: (k, t, [dict(o[-1], kind="near-miss")] + o[:-1], r),
    )
    case("149 oos", "expected 150", lambda k, t, o, r: (k, t, o[1:], r))
    case(
        "oos line not an object", "not a JSON object", lambda k, t, o, r: (k, t, ["hi"] + o[1:], r)
    )
    case("no README", "README.md", lambda k, t, o, r: (k, t, o, None))
    case("empty README", "README.md", lambda k, t, o, r: (k, t, o, "  \n"))

    for description, expect, mutate in cases:
        k, t, o, r = mutate(
            copy.deepcopy(knowledge), copy.deepcopy(tests), copy.deepcopy(oos), readme
        )
        try:
            errors = validate(k, t, o, r)
        except Exception as exc:  # a crash is a failure of the checker, not a catch
            failures.append(f"selftest '{description}': checker crashed: {exc!r}")
            continue
        if not any(expect in error for error in errors):
            failures.append(
                f"selftest '{description}': expected an error containing {expect!r}, got {errors[:3]}"
            )

    # Parse errors must be reported too (on a scratch folder).
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "knowledge.yaml").write_text("facts: [unclosed\n", encoding="utf-8")
        (scratch / "test.jsonl").write_text(
            '{"q": "ok", "labels": ["a"], "kind": "terse"}\nnot json\n', encoding="utf-8"
        )
        (scratch / "oos.jsonl").write_text("\n", encoding="utf-8")
        *_, parse_errors = load_data(scratch)
        for expect in (
            "knowledge.yaml: cannot load",
            "test.jsonl:2: bad JSON",
            "oos.jsonl:1: blank line",
        ):
            if not any(expect in error for error in parse_errors):
                failures.append(f"selftest parse: expected {expect!r}, got {parse_errors}")

    return failures, len(cases) + 3


def main(argv):
    knowledge, tests, oos, readme, errors = load_data(HERE)
    errors += validate(knowledge, tests, oos, readme)
    for error in errors:
        print(f"ERROR {error}")
    if not errors:
        facts = knowledge["facts"]
        kinds = Counter(line["kind"] for line in oos)
        print(
            f"ok: {len(facts)} facts, {sum(len(f['questions']) for f in facts)} examples, "
            f"{len(tests)} tests, {len(oos)} oos ({', '.join(f'{k} {kinds[k]}' for k in OOS_KINDS)})"
        )
    if "--selftest" in argv:
        if errors:
            print("selftest skipped: the data itself has errors")
            return 1
        failures, count = selftest(knowledge, tests, oos, readme)
        for failure in failures:
            print(f"FAIL {failure}")
        if failures:
            return 1
        print(f"selftest ok: {count} broken copies, each caught")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
