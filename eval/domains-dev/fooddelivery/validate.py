#!/usr/bin/env python3
"""Validate the Hopplate FAQ evaluation data set.

Usage: python3 validate.py [DATA_DIR]
DATA_DIR defaults to the folder containing this script. Exits 0 and prints
"ALL CHECKS PASSED" when every check passes, otherwise exits 1.
"""

import json
import os
import re
import sys
from collections import Counter

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

N_FACTS = 28
N_EXAMPLES = 10
N_TEST_PER_FACT = 10
TEST_KINDS = {"paraphrase": 79, "typo": 56, "slang": 55, "terse": 55, "long": 35}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
LONG_MIN, LONG_MAX = 25, 70
OVERLAP_LIMIT = 0.75  # share of an example's words a test line may reuse
STOP = set(
    "a an the i my me is it to of for do does can you your on in at and or "
    "be are was what how with this that".split()
)

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + (f" -- {detail}" if detail and not ok else ""))
    return ok


def norm(s):
    low = s.lower()
    t = " ".join(re.sub(r"[^\w\s]", " ", low).split())
    # emoji/punctuation-only messages ("👍", "???") keep their raw form
    return t if t else " ".join(low.split())


# ---------------------------------------------------------------- knowledge
def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return json.loads(v)
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def small_yaml(text):
    """Parser for exactly the knowledge.yaml layout (used without PyYAML)."""
    facts, cur, in_q = [], None, False
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.strip() == "facts:":
            continue
        m = re.match(r"^  - id:\s*(.+)$", line)
        if m:
            cur = {"id": unquote(m.group(1)), "questions": []}
            facts.append(cur)
            in_q = False
            continue
        m = re.match(r"^    (title|answer):\s*(.+)$", line)
        if m and cur is not None:
            cur[m.group(1)] = unquote(m.group(2))
            in_q = False
            continue
        if re.match(r"^    questions:\s*$", line) and cur is not None:
            in_q = True
            continue
        m = re.match(r"^      - (.+)$", line)
        if m and in_q:
            cur["questions"].append(unquote(m.group(1)))
            continue
        raise ValueError(f"unexpected line: {raw!r}")
    return {"facts": facts}


def load_knowledge(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        import yaml  # type: ignore

        return yaml.safe_load(text), "PyYAML"
    except ImportError:
        return small_yaml(text), "built-in parser"


def sentences(text):
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9$(])", text.strip())
    return [p for p in parts if p.strip()]


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rows.append(json.loads(line))
    return rows


try:
    kb, parser = load_knowledge(os.path.join(DIR, "knowledge.yaml"))
    facts = kb["facts"]
    check(f"knowledge.yaml parses ({parser})", isinstance(facts, list))
except Exception as e:
    check("knowledge.yaml parses", False, repr(e))
    print("SOME CHECKS FAILED")
    sys.exit(1)


def parsed_jsonl(name):
    """The rows of a JSONL file of this folder, checked to parse ([] if it does not)."""
    try:
        rows = load_jsonl(os.path.join(DIR, name))
    except Exception as e:
        check(f"{name} parses", False, repr(e))
        return []
    check(f"{name} parses", True)
    return rows


test = parsed_jsonl("test.jsonl")
oos = parsed_jsonl("oos.jsonl")

with open(os.path.join(DIR, "knowledge.yaml"), encoding="utf-8") as f:
    first = f.readline()
check(
    "knowledge.yaml starts with '# <name> — FAQ'", bool(re.match(r"^# .+ — FAQ\s*$", first)), first
)

ids = [f.get("id") for f in facts]
check(f"{N_FACTS} facts", len(facts) == N_FACTS, f"got {len(facts)}")
check(
    "fact ids unique", len(set(ids)) == len(ids), str([i for i, c in Counter(ids).items() if c > 1])
)
bad_ids = [
    i for i in ids if not (isinstance(i, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i))
]
check("fact ids are kebab-case", not bad_ids, str(bad_ids))
check(
    "every fact has title, answer, questions",
    all(
        isinstance(f.get("title"), str)
        and isinstance(f.get("answer"), str)
        and isinstance(f.get("questions"), list)
        for f in facts
    ),
)

bad = [f["id"] for f in facts if len(f.get("questions", [])) != N_EXAMPLES]
check(f"exactly {N_EXAMPLES} examples per fact", not bad, str(bad))
bad = [
    f["id"]
    for f in facts
    if len({norm(q) for q in f.get("questions", [])}) != len(f.get("questions", []))
]
check("examples distinct within each fact", not bad, str(bad))
bad = [
    (f["id"], len(sentences(f.get("answer", ""))))
    for f in facts
    if not 1 <= len(sentences(f.get("answer", ""))) <= 4
]
check("answers are 1-4 sentences", not bad, str(bad))

owner = {}
clash = []
for f in facts:
    for q in f.get("questions", []):
        n = norm(q)
        if n in owner and owner[n] != f["id"]:
            clash.append((q, owner[n], f["id"]))
        owner.setdefault(n, f["id"])
check("no example question in two facts", not clash, str(clash))

# ---------------------------------------------------------------- test
idset = set(ids)
bad = [r for r in test if not r.get("labels") or any(label not in idset for label in r["labels"])]
check("every test label is a fact id", not bad, str(bad[:5]))
bad = [r for r in test if len(r.get("labels", [])) != len(set(r.get("labels", [])))]
check("no repeated label within a test line", not bad, str(bad[:5]))
firsts = Counter(r["labels"][0] for r in test if r.get("labels"))
bad = {i: firsts.get(i, 0) for i in ids if firsts.get(i, 0) != N_TEST_PER_FACT}
check(f"each fact is first label of exactly {N_TEST_PER_FACT} test lines", not bad, str(bad))
multi = sum(1 for r in test if len(r.get("labels", [])) > 1)
check("only a few test lines carry a second label (<= 15)", multi <= 15, f"{multi}")
check(
    f"test.jsonl has {N_FACTS * N_TEST_PER_FACT} lines",
    len(test) == N_FACTS * N_TEST_PER_FACT,
    f"{len(test)}",
)

kinds = Counter(r.get("kind") for r in test)
check(f"test kind counts {TEST_KINDS}", dict(kinds) == TEST_KINDS, str(dict(kinds)))
bad = [
    (len(r["q"].split()), r["q"][:50])
    for r in test
    if r.get("kind") == "long" and not LONG_MIN <= len(r["q"].split()) <= LONG_MAX
]
check(f"long lines are {LONG_MIN}-{LONG_MAX} words", not bad, str(bad))
bad = [r["q"] for r in test if r.get("kind") == "terse" and not 1 <= len(r["q"].split()) <= 3]
check("terse lines are 1-3 words", not bad, str(bad))

# ---------------------------------------------------------------- oos
bad = [r for r in oos if r.get("labels") != ["none"]]
check('every oos label is ["none"]', not bad, str(bad[:5]))
okinds = Counter(r.get("kind") for r in oos)
check(f"oos kind counts {OOS_KINDS}", dict(okinds) == OOS_KINDS, str(dict(okinds)))

# ---------------------------------------------------------------- cross-file
bad = [r["q"] for r in test + oos if not isinstance(r.get("q"), str) or not r["q"].strip()]
check("every line has a non-empty q", not bad, str(bad[:5]))
bad = [r["q"] for r in test + oos if norm(r["q"]) in owner]
check("no test/oos line equals an example (case/punct ignored)", not bad, str(bad))
c = Counter(norm(r["q"]) for r in test + oos)
bad = [q for q, n in c.items() if n > 1]
check("no duplicate lines across test and oos", not bad, str(bad))


def words(s):
    return [w for w in norm(s).split() if w not in STOP]


over = []
for r in test:
    tw = set(words(r["q"]))
    for q in owner:
        ew = set(words(q))
        if len(ew) >= 3 and len(ew & tw) / len(ew) > OVERLAP_LIMIT:
            over.append((r["q"], q))
check(
    f"no test line reuses > {int(OVERLAP_LIMIT * 100)}% of an example's content words",
    not over,
    str(over[:10]),
)

print()
if all(results):
    print(f"{len(results)} checks run.")
    print("ALL CHECKS PASSED")
    sys.exit(0)
print(f"{results.count(False)} of {len(results)} checks failed.")
print("SOME CHECKS FAILED")
sys.exit(1)
