#!/usr/bin/env python3
"""Validate the Harbour Lights Hotel FAQ evaluation set.

Checks knowledge.yaml, test.jsonl and oos.jsonl (same folder as this script)
and prints "ALL CHECKS PASSED" when every check passes; otherwise it lists the
failures and exits with status 1.  Needs only the standard library and PyYAML.
"""

import json
import os
import re
import sys
from collections import Counter

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

N_FACTS = 28
N_EXAMPLES = 10
MAX_EXAMPLE_CHARS = 149  # "under 150 characters"
TEST_PER_FACT = 10
TEST_KINDS = {"paraphrase": 80, "typo": 55, "slang": 55, "terse": 55, "long": 35}
OOS_KINDS = {"near-miss": 60, "off-topic": 40, "chatter": 30, "unknown": 20}
MAX_MULTI_LABEL = 5
MAX_LABELS = 2
TERSE_WORDS = (1, 4)
LONG_WORDS = (25, 70)
OTHER_TEST_WORDS = (1, 24)  # paraphrase / typo / slang are not "long"
MAX_Q_CHARS = 500
# Overlap limit between a test line and the examples of its own fact(s):
#  * example with >= 4 content words: the test line may reuse at most 75% of them;
#  * example with 1-3 content words ("car park", "Do you have parking?"): containment
#    is meaningless, so the content-word Jaccard similarity must be <= 0.6
#    (i.e. the test line may not be the same few keywords, or those keywords + one).
CONTAINMENT_LIMIT = 0.75
SHORT_EXAMPLE_WORDS = 3
SHORT_JACCARD_LIMIT = 0.6

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

STOPWORDS = set(
    """
a an the and or but if so as than then too very also just only even still
i me my mine myself we us our ours you your yours u ur he him his she her it its
they them their this that these those there here
is are am was were be been being do does did doing done have has had having
can could would will should shall may might must cant wont dont doesnt isnt arent
im ive id ill were weve youre whats wheres whens hows its thats theres
to of in on at for with from by about into onto over under after before until till
up down off out
what when where which who whom whose how why
any some all each every no not yes
please pls plz hi hello hey thanks thank
much many more most get got go going
""".split()
)
# note: "out" is kept as a stopword so that "check in" / "check out" both reduce
# to "check" and the overlap check stays conservative (stricter) for those facts.


def norm_token(tok):
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
        tok = tok[:-1]
    return tok


def tokens(text):
    text = text.lower().replace("'", "").replace("\u2019", "")
    return [norm_token(t) for t in re.findall(r"[a-z0-9£]+", text)]


def content_words(text):
    return {t for t in tokens(text) if t not in STOPWORDS}


def norm_text(text):
    return " ".join(re.findall(r"[a-z0-9£]+", text.lower().replace("'", "").replace("\u2019", "")))


def n_words(text):
    return len(text.split())


def sentences(text):
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9£'\"(])", text.strip())
    return [p for p in parts if p.strip()]


def main():
    errors = []
    err = errors.append

    # ------------------------------------------------------------ knowledge
    with open(os.path.join(HERE, "knowledge.yaml"), encoding="utf-8") as f:
        kb = yaml.safe_load(f)
    if not isinstance(kb, dict) or set(kb) != {"facts"}:
        err("knowledge.yaml: top level must be a mapping with the single key 'facts'")
        facts = []
    else:
        facts = kb["facts"]
    if len(facts) != N_FACTS:
        err(f"knowledge.yaml: expected {N_FACTS} facts, found {len(facts)}")

    ids = []
    examples = {}  # id -> list of example questions
    all_examples_norm = {}  # normalised example -> id
    for i, fact in enumerate(facts):
        where = f"knowledge.yaml fact #{i + 1}"
        if not isinstance(fact, dict):
            err(f"{where}: not a mapping")
            continue
        if set(fact) != {"id", "title", "answer", "questions"}:
            err(f"{where}: keys must be id, title, answer, questions (got {sorted(fact)})")
        fid = fact.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            err(f"{where}: bad id {fid!r}")
            continue
        where = f"knowledge.yaml [{fid}]"
        if fid in ids:
            err(f"{where}: duplicate id")
        ids.append(fid)
        title = fact.get("title")
        if not isinstance(title, str) or not title.strip():
            err(f"{where}: empty title")
        answer = fact.get("answer")
        if not isinstance(answer, str) or not answer.strip():
            err(f"{where}: empty answer")
        else:
            ns = len(sentences(answer))
            if not 1 <= ns <= 3:
                err(f"{where}: answer has {ns} sentences (want 1-3)")
            if not answer.rstrip().endswith((".", "!", "?", ")")):
                err(f"{where}: answer does not end with punctuation")
        qs = fact.get("questions")
        if not isinstance(qs, list) or len(qs) != N_EXAMPLES:
            err(f"{where}: expected exactly {N_EXAMPLES} questions")
            qs = qs if isinstance(qs, list) else []
        examples[fid] = []
        for q in qs:
            if not isinstance(q, str) or not q.strip():
                err(f"{where}: empty/non-string example {q!r}")
                continue
            if len(q) > MAX_EXAMPLE_CHARS:
                err(f"{where}: example longer than {MAX_EXAMPLE_CHARS} chars: {q!r}")
            key = norm_text(q)
            if key in all_examples_norm:
                err(f"{where}: example duplicates one in [{all_examples_norm[key]}]: {q!r}")
            all_examples_norm[key] = fid
            examples[fid].append(q)
    id_set = set(ids)
    example_cw = {fid: [(q, content_words(q)) for q in qs] for fid, qs in examples.items()}

    # ------------------------------------------------------------ helpers
    def load_jsonl(name):
        rows = []
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    err(f"{name}:{n}: blank line")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    err(f"{name}:{n}: invalid JSON ({e})")
                    continue
                if not isinstance(obj, dict) or set(obj) != {"q", "labels", "kind"}:
                    err(f"{name}:{n}: keys must be exactly q, labels, kind")
                    continue
                if not isinstance(obj["q"], str) or not obj["q"].strip():
                    err(f"{name}:{n}: empty q")
                    continue
                if obj["q"] != obj["q"].strip():
                    err(f"{name}:{n}: q has leading/trailing whitespace")
                if len(obj["q"]) > MAX_Q_CHARS:
                    err(f"{name}:{n}: q longer than {MAX_Q_CHARS} chars")
                if (
                    not isinstance(obj["labels"], list)
                    or not obj["labels"]
                    or not all(isinstance(x, str) for x in obj["labels"])
                ):
                    err(f"{name}:{n}: labels must be a non-empty list of strings")
                    continue
                rows.append((n, obj))
        return rows

    seen_q = {}

    def check_not_duplicate(name, n, q):
        key = norm_text(q) or q.strip()
        if norm_text(q) and norm_text(q) in all_examples_norm:
            err(f"{name}:{n}: duplicates an example of [{all_examples_norm[norm_text(q)]}]: {q!r}")
        if key in seen_q:
            err(f"{name}:{n}: duplicates {seen_q[key]}: {q!r}")
        seen_q[key] = f"{name}:{n}"

    # ------------------------------------------------------------ test set
    test = load_jsonl("test.jsonl")
    if len(test) != sum(TEST_KINDS.values()):
        err(f"test.jsonl: expected {sum(TEST_KINDS.values())} lines, found {len(test)}")
    kind_counts = Counter()
    per_fact = Counter()
    multi = 0
    worst = (0.0, None, None)
    for n, obj in test:
        q, labels, kind = obj["q"], obj["labels"], obj["kind"]
        kind_counts[kind] += 1
        if kind not in TEST_KINDS:
            err(f"test.jsonl:{n}: unknown kind {kind!r}")
        if len(labels) > MAX_LABELS or len(set(labels)) != len(labels):
            err(f"test.jsonl:{n}: labels must be 1-{MAX_LABELS} distinct ids")
        bad = [x for x in labels if x not in id_set]
        if bad:
            err(f"test.jsonl:{n}: unknown label(s) {bad}")
            continue
        if len(labels) > 1:
            multi += 1
        per_fact[labels[0]] += 1
        w = n_words(q)
        lo, hi = {"terse": TERSE_WORDS, "long": LONG_WORDS}.get(kind, OTHER_TEST_WORDS)
        if not lo <= w <= hi:
            err(f"test.jsonl:{n}: kind {kind} wants {lo}-{hi} words, has {w}: {q!r}")
        check_not_duplicate("test.jsonl", n, q)
        tcw = content_words(q)
        for fid in labels:
            for ex, ecw in example_cw[fid]:
                if not ecw:
                    continue
                inter = len(tcw & ecw)
                if len(ecw) > SHORT_EXAMPLE_WORDS:
                    score, limit, how = inter / len(ecw), CONTAINMENT_LIMIT, "reuses"
                else:
                    score, limit, how = inter / len(tcw | ecw), SHORT_JACCARD_LIMIT, "jaccard"
                if score > limit:
                    err(
                        f"test.jsonl:{n}: {how} {score:.2f} > {limit} of example {ex!r} "
                        f"[{fid}]: {q!r}"
                    )
                if score / limit > worst[0]:
                    worst = (score / limit, q, ex)
    for k, want in TEST_KINDS.items():
        if kind_counts[k] != want:
            err(f"test.jsonl: kind {k}: expected {want}, found {kind_counts[k]}")
    for fid in ids:
        if per_fact[fid] != TEST_PER_FACT:
            err(
                f"test.jsonl: fact [{fid}] has {per_fact[fid]} lines (by first label), "
                f"want {TEST_PER_FACT}"
            )
    if multi > MAX_MULTI_LABEL:
        err(f"test.jsonl: {multi} multi-label lines (max {MAX_MULTI_LABEL})")

    # typo lines should contain at least one token that is not used anywhere
    # else in the data (a crude "there is a misspelling" check)
    vocab = set()
    for fact in facts:
        if isinstance(fact, dict):
            parts = [fact.get("title", ""), fact.get("answer", ""), *(fact.get("questions") or [])]
            for part in parts:
                vocab.update(tokens(str(part)))
    for _n, obj in test:
        if obj["kind"] != "typo":
            vocab.update(tokens(obj["q"]))
    for n, obj in test:
        if obj["kind"] == "typo" and not (set(tokens(obj["q"])) - vocab):
            err(
                f"test.jsonl:{n}: typo line has no token outside the rest of the vocabulary: "
                f"{obj['q']!r}"
            )

    # ------------------------------------------------------------ oos set
    oos = load_jsonl("oos.jsonl")
    if len(oos) != sum(OOS_KINDS.values()):
        err(f"oos.jsonl: expected {sum(OOS_KINDS.values())} lines, found {len(oos)}")
    okinds = Counter()
    for n, obj in oos:
        okinds[obj["kind"]] += 1
        if obj["kind"] not in OOS_KINDS:
            err(f"oos.jsonl:{n}: unknown kind {obj['kind']!r}")
        if obj["labels"] != ["none"]:
            err(f"oos.jsonl:{n}: labels must be ['none']")
        if n_words(obj["q"]) > LONG_WORDS[1]:
            err(f"oos.jsonl:{n}: more than {LONG_WORDS[1]} words")
        check_not_duplicate("oos.jsonl", n, obj["q"])
    for k, want in OOS_KINDS.items():
        if okinds[k] != want:
            err(f"oos.jsonl: kind {k}: expected {want}, found {okinds[k]}")

    # ------------------------------------------------------------ report
    print(f"facts: {len(ids)}  examples: {sum(len(v) for v in examples.values())}")
    print(f"test lines: {len(test)}  kinds: {dict(kind_counts)}  multi-label: {multi}")
    print(f"oos lines: {len(oos)}  kinds: {dict(okinds)}")
    if worst[1] is not None:
        print(f"closest test/example pair: {worst[0]:.2f} of limit: {worst[1]!r} ~ {worst[2]!r}")
    if errors:
        print(f"\n{len(errors)} CHECK(S) FAILED:")
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("ALL CHECKS PASSED")


if __name__ == "__main__":
    main()
