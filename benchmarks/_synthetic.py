"""A deterministic synthetic knowledge base for the benchmarks (seeded; no network).

``generate(out_dir, n_facts)`` writes YAML files in the shipped knowledge base's schema:

* the shipped ``knowledge/*.yaml`` files are copied in unchanged (vocabulary, sources, the
  real facts and known unknowns), so real fans' questions still find real answers;
* ``synthetic-NN.yaml`` files hold generated facts up to ``n_facts`` facts in total.

Each generated fact is about an invented entity of the show's world (a character, a place,
an organisation, an episode) and one kind of question about it (who plays them, their
backstory, a case, a filming location, a song...). Its 5-8 example questions are rendered
from that kind's templates; the templates it did *not* use are kept as held-out paraphrases
for the benchmark's question mix. Entities and topic words are drawn with Zipf-like weights,
so a few main characters and common words recur across many facts while most occur in a
handful, as in a real fan wiki.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.numbered_terms import NumberedTerms, normalise_phrase
from bot.text import load_common_words
from bot.word_classes import STOPWORDS

SEED = 20251006
FACTS_PER_FILE = 500
ZIPF_EXPONENT = 1.07

_ONSETS = ("b br c ch d dr f fl g gr h j k kr l m n p pr r s sh st t tr v w z th sl").split()
_VOWELS = "a e i o u a e i o ai ea ou y ie".split()
_CODAS = ["", "", "", "n", "r", "l", "s", "th", "x", "ck", "m", "nd", "rt", "ll", "ss", "v"]

# Topic words of a crime drama's fan wiki (real English, common and rare).
TOPIC_NOUNS = """
case murder body warrant precinct suspect alibi evidence motive partner lieutenant badge
archive autopsy witness courtroom apartment beach van tent dog podcast surfboard gun
shooting fire bomb robbery kidnapping ransom heist scandal conspiracy informant confession
interrogation funeral wedding divorce custody daughter son sister brother mother father
uncle cousin mentor rival captain sergeant detective chief mayor senator judge lawyer
prosecutor reporter journalist doctor nurse coroner priest pastor bartender dealer gang
cartel union council hotel motel diner bar club restaurant warehouse harbor pier marina
canyon desert freeway tunnel bridge rooftop basement garage ranch farm cabin trailer
school college university hospital clinic prison jail station lab office studio church
cemetery park museum library casino stadium arena mall airport bus train truck car
motorcycle boat helicopter phone laptop diary letter photo tape recording video camera
necklace ring watch knife rifle pistol bullet blood fingerprint dna hair fiber shoe
jacket hat wallet key safe locker map file folder notebook badge code password money
cash check debt loan insurance will inheritance estate painting statue coin record
guitar song album concert festival parade protest riot earthquake storm flood wildfire
drought blackout accident crash explosion overdose poison disease cancer surgery coma
amnesia nightmare flashback memory secret lie betrayal revenge redemption promotion
demotion suspension transfer retirement resignation election campaign trial verdict
appeal sentence parole escape manhunt stakeout raid ambush chase standoff hostage
negotiation deal bribe blackmail fraud embezzlement laundering smuggling trafficking
""".split()
TOPIC_VERBS = """
find hide steal kill shoot arrest chase follow visit call text meet lose save leave
betray trust forgive confront question search open burn bury sell buy rent borrow
""".split()
ADJECTIVES = """
cold dark silent broken hidden last first lost red black blue golden empty burning
long quiet final bitter crooked hollow late early secret open
""".split()
PLACE_SUFFIXES = """
Heights Pier Canyon Beach Park Boulevard Street Hills Valley Ranch Motel Hotel Harbor
Point Terrace Bridge Plaza Court Lane Drive Station
""".split()
ORG_SUFFIXES = "Holdings Group Foundation Security Partners Industries Brothers Trust".split()
RELATIONS = "sister brother cousin father mother ex partner mentor daughter son".split()
REAL_PLACES = "hollywood venice malibu pasadena burbank downtown la santa monica long beach".split()

# kind -> question templates. Slots: {c} full name, {f}/{l} first/last name, {c2}/{f2}/{l2}
# another character, {a} the actor, {p} a place, {o} an organisation, {t} an episode title,
# {n}/{n2} topic nouns, {d} a detail word (real English, by real frequency), {v} a verb,
# {rel} a relation, {rp} a real place. "[a|b|c]" picks one wording per question, the first
# most often, so template words spread over many forms as fans' wording does.
TEMPLATES: dict[str, list[str]] = {
    "actor": [
        "who [plays|portrays|is playing] {c}",
        "who is the [actor|actress|person] [playing|that plays|who plays] {c}",
        "{f} {l} [actor|actress|cast]",
        "who [was cast as|got cast as|landed the role of] {c}",
        "is {c} played by {a}",
        "what else has the [actor|actress] who plays {f} {l} been in",
        "[name of|whats the name of] the [actor|actress] [that plays|playing] {c}",
        "who [portrays|plays] {c} in [ballard|the show|season {season}]",
        "is {a} in [the show|ballard|season {season}]",
        "who did they get to play {c}",
        "what [character|role] does {a} play",
        "did {a} [train|prepare|research] for the {d} scenes",
    ],
    "backstory": [
        "what is {c}s [backstory|back story|history|origin story]",
        "where did {f} {l} grow up",
        "what happened to {c}s {n}",
        "why does {f} {l} care so much about the {n}",
        "is {c} [from|originally from] {p}",
        "what is the deal with {c} and the {n}",
        "how did {c} end up in the {n} [business|game|world]",
        "does {c} have a {rel}",
        "what do we know about {c}s [past|childhood|family]",
        "was {c} ever a {n2}",
        "why is {c} so [obsessed with|into|hung up on] {d}",
    ],
    "relationship": [
        "are {f} {l} and {f2} {l2} [related|family|siblings]",
        "how does {c} know {c2}",
        "did {c} and {c2} [date|hook up|ever date]",
        "what is the [relationship|connection|history] between {c} and {c2}",
        "why do {f} {l} and {f2} {l2} [hate|dislike|resent] each other",
        "is {c2} the {rel} of {c}",
        "when did {c} first meet {c2}",
        "do {c} and {c2} [work together|get along|end up together]",
        "what [happened|went down] between {c} and {c2} at {p}",
        "do {f} and {f2} ever talk about {d}",
    ],
    "case": [
        "who [killed|shot|attacked] the {n2} at {p}",
        "what [happened|went down] in the {p} {n} case",
        "who was behind the {p} {n}",
        "was {c} involved in the {n} at {p}",
        "how was the {p} {n} case [solved|cracked|closed]",
        "what did {c} find at {p}",
        "why did {c} {v} the {n2}",
        "who is the [main|prime|top] suspect in the {p} {n}",
        "is the {p} {n} based on a [real|true] [case|story]",
        "what was the [motive|reason] [in|behind] the {p} {n}",
        "did they ever [close|solve] the {p} {n} case",
        "what does the {d} have to do with the {p} {n}",
    ],
    "location": [
        "where is {p}",
        "is {p} a real place",
        "where was the {p} scene [filmed|shot]",
        "can you [visit|go to] {p}",
        "what is at {p} in the show",
        "is {p} in {rp}",
        "where did they [shoot|film] the {p} scenes",
        "what [happened|went down] at {p}",
        "why does {c} keep going to {p}",
        "is the {d} at {p} real",
    ],
    "episode": [
        "what happens in [the episode|episode] {t}",
        "who directed {t}",
        "what song plays at the end of {t}",
        "when did {t} [come out|air|drop]",
        "[recap of|summary of|explain] {t}",
        "who dies in {t}",
        "who wrote [the episode|] {t}",
        "is {t} the best episode",
        "what was the {n} in {t}",
        "which episode is {t}",
        "what does the {d} mean in {t}",
    ],
    "organisation": [
        "what is {o}",
        "who [runs|owns|is in charge of] {o}",
        "is {o} a real [company|business|thing]",
        "how is {c} connected to {o}",
        "what does {o} want with the {n}",
        "who works for {o}",
        "is {o} behind the {n}",
        "where is the {o} [office|headquarters|building]",
        "did {o} pay off {c}",
        "why does {o} care about {d}",
    ],
    "prop": [
        "what is the {n} {f} {l} always carries",
        "what kind of {n2} does {c} [drive|use|have]",
        "where can i [buy|get|find] the {n} from the {p} scene",
        "what brand is {c}s {n}",
        "why does {c} keep the {n}",
        "what is written on the {n} in {t}",
        "who gave {c} the {n}",
        "is the {n} {c} uses real",
        "what is the {d} on {c}s {n}",
    ],
    "music": [
        "what song plays when {f} {l} finds the {n}",
        "who sings the song in the {p} scene",
        "[song|music|track] from the {p} {n} scene",
        "what music is playing in {t} at {p}",
        "name of the [track|song] when {c} is at {p}",
        "is the {p} song on [spotify|youtube|apple music]",
        "who did the [music|score|soundtrack] for {t}",
        "what is the song at the end of the {p} {n} scene",
        "what is the {d} song {c} listens to",
    ],
}
ANSWERS: dict[str, str] = {
    "actor": "{C} is played by {A}, who joined the cast in {year}. {A} previously appeared "
    "in several crime dramas and was cast after a chemistry read with Maggie Q.",
    "backstory": "{C} grew up near {P}. The show reveals in a flashback that the {n} shaped "
    "{F}'s choices, and that {F} has a {rel} who still lives in {RP}.",
    "relationship": "{C} and {C2} first met at {P}. They are not related; {F2} was {F}'s "
    "{rel} for a while, and the {n} case pushed them apart.",
    "case": "The {p} {n} case is solved in a later episode: {C} traces the {n2} back to "
    "{P}. The show does not say whether it is based on a real case.",
    "location": "{P} is a fictional place in the show; its scenes were filmed in {RP}. "
    "{C} goes there because of the {n}.",
    "episode": "{T} is an episode of season {season}. In it {C} follows the {n} to {P}; "
    "it was directed by {A}.",
    "organisation": "{O} is a fictional company run by {C}. It wants the {n} and pays "
    "people at {P} to keep quiet.",
    "prop": "The {n} belongs to {C}; it was given to {F} by a {rel} and appears again in "
    "{T}. Prop makers built it for the show.",
    "music": "The song in the {p} {n} scene is an original track by {A}, written for the "
    "show; it is not on streaming services yet.",
}
# Extra sentences, one of them in some answers (varied: a boilerplate sentence in every
# answer would put the same few words in thousands of facts).
ANSWER_EXTRAS = [
    " The {d} in that scene has not been explained yet.",
    " Eagle-eyed viewers spotted the {d} in the background.",
    " {A} talked about the {d} in an interview.",
    " A later episode returns to the {d}.",
    " The writers confirmed the {d} was intentional.",
    " Season {season} leaves the {d} open.",
    " It ties in with the {n2} storyline.",
    " {F} mentions the {d} only once.",
]
KEYWORDS: dict[str, list[str]] = {
    "actor": ["{a}", "{f} actor", "actor", "cast"],
    "backstory": ["{f} backstory", "{n}", "past", "childhood"],
    "relationship": ["{f} and {f2}", "relationship", "{rel}"],
    "case": ["{p} {n}", "{n} case", "{n2}", "suspect"],
    "location": ["{p}", "filming location", "{rp}"],
    "episode": ["{t}", "episode", "season {season}"],
    "organisation": ["{o}", "company", "{n}"],
    "prop": ["{f} {n}", "{n}", "prop"],
    "music": ["{p} song", "soundtrack", "music", "song"],
}
# How common each kind is (characters are asked about most).
KIND_WEIGHTS = {
    "actor": 10,
    "backstory": 14,
    "relationship": 12,
    "case": 18,
    "location": 10,
    "episode": 10,
    "organisation": 7,
    "prop": 9,
    "music": 10,
}
_SLUG = re.compile(r"[^a-z0-9]+")
_CHOICE = re.compile(r"\[([^\]]*)\]")


@dataclass
class SyntheticFact:
    id: str
    kind: str
    questions: list[str]  # its example questions
    held_out: list[str]  # rendered templates it does not use: paraphrases for the mix
    keywords: list[str]


@dataclass
class SyntheticKB:
    path: Path
    n_facts: int  # total, shipped facts included
    shipped_facts: int
    facts: list[SyntheticFact] = field(default_factory=list)  # the generated ones
    files: int = 0
    retries: int = 0  # questions re-drawn because another fact already used them
    word_stats: dict[str, object] = field(default_factory=dict)


class _Zipf:
    """Draws items with weight 1/rank**s (the order is shuffled first, by the seed)."""

    def __init__(self, items: list[str], rng: random.Random, s: float = ZIPF_EXPONENT) -> None:
        self.items = list(items)
        rng.shuffle(self.items)
        weights = [1 / (r + 1) ** s for r in range(len(self.items))]
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.rng = rng

    def __call__(self) -> str:
        return self.rng.choices(self.items, cum_weights=self.cum)[0]


def _invent_word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )


def _invent_names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        word = _invent_word(rng, rng.choice((1, 2, 2, 2, 3)))
        if 3 <= len(word) <= 11 and word not in taken:
            taken.add(word)
            out.append(word)
    return out


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _render(template: str, slots: dict[str, object], rng: random.Random) -> str:
    """Fill the slots and pick one wording for each "[a|b|c]" (the first most often)."""

    def pick(match: re.Match[str]) -> str:
        options = match.group(1).split("|")
        return rng.choices(options, weights=[1 / (i + 1) for i in range(len(options))])[0]

    return " ".join(_CHOICE.sub(pick, template).format(**slots).split())


def _detail_words(rng: random.Random) -> Callable[[], str]:
    """Real English words drawn by their real frequency (the bot's own Zipf word list)."""
    table = load_common_words()
    items = sorted(
        w for w in table if w.isalpha() and w.isascii() and 4 <= len(w) <= 12 and w not in STOPWORDS
    )
    weights = [10 ** table[w] for w in items]
    cum = list(itertools.accumulate(weights))
    return lambda: rng.choices(items, cum_weights=cum)[0]


def _shipped_source_keys(shipped: Path) -> list[str]:
    keys: list[str] = []
    for file in sorted(shipped.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        keys.extend((doc.get("sources") or {}).keys())
    return keys


def _shipped_numbered(shipped: Path) -> NumberedTerms:
    """The shipped vocabulary's numbered terms ("season 2" = "s2"): the loader tells example
    questions apart with them, and so must the generator."""
    terms: dict[str, list[str]] = {}
    for file in sorted(shipped.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for term, spellings in ((doc.get("vocabulary") or {}).get("numbered") or {}).items():
            terms.setdefault(term, []).extend(spellings)
    return NumberedTerms(terms)


def _shipped_questions(shipped: Path, numbered: NumberedTerms) -> tuple[int, set[tuple[str, ...]]]:
    facts = 0
    seen: set[tuple[str, ...]] = set()
    for file in sorted(shipped.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        facts += len(doc.get("facts") or [])
        for entry in (doc.get("facts") or []) + (doc.get("unknowns") or []):
            for q in entry.get("questions") or []:
                seen.add(tuple(normalise_phrase(str(q), numbered)))
    return facts, seen


def generate(
    out_dir: Path, n_facts: int = 10_000, *, seed: int = SEED, shipped: Path | None = None
) -> SyntheticKB:
    """Write a knowledge base of ``n_facts`` facts (shipped ones included) into ``out_dir``."""
    shipped = shipped or Path(__file__).resolve().parent.parent / "knowledge"
    out_dir.mkdir(parents=True, exist_ok=True)
    for file in sorted(shipped.glob("*.yaml")):
        shutil.copyfile(file, out_dir / file.name)
    numbered = _shipped_numbered(shipped)
    shipped_facts, seen = _shipped_questions(shipped, numbered)
    source_keys = _shipped_source_keys(shipped)
    if not source_keys:
        raise RuntimeError(f"no sources in {shipped}: the synthetic facts need one to cite")
    rng = random.Random(seed)

    taken: set[str] = set()
    firsts = _invent_names(rng, 1_500, taken)
    lasts = _invent_names(rng, 2_500, taken)
    stems = _invent_names(rng, 1_500, taken)
    characters = sorted({(rng.choice(firsts), rng.choice(lasts)) for _ in range(6_000)})
    char_pick = _Zipf([f"{first} {last}" for first, last in characters], rng, s=1.0)
    actor_pick = _Zipf([f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(4_000)], rng)
    places = sorted(
        {f"{rng.choice(stems)} {rng.choice(PLACE_SUFFIXES).lower()}" for _ in range(2_500)}
    )
    place_pick = _Zipf(places, rng)
    orgs = sorted({f"{rng.choice(stems)} {rng.choice(ORG_SUFFIXES).lower()}" for _ in range(800)})
    org_pick = _Zipf(orgs, rng)
    noun_pick = _Zipf(TOPIC_NOUNS, rng)
    detail_pick = _detail_words(rng)
    titles = sorted(
        {
            f"the {rng.choice(ADJECTIVES)} {rng.choice(TOPIC_NOUNS)}"
            if rng.random() < 0.6
            else f"the {rng.choice(TOPIC_NOUNS)} of {rng.choice(stems)}"
            for _ in range(3_000)
        }
    )
    title_pick = _Zipf(titles, rng)
    kinds = list(KIND_WEIGHTS)
    kind_weights = [KIND_WEIGHTS[k] for k in kinds]
    start = dt.date(2025, 1, 1)

    kb = SyntheticKB(path=out_dir, n_facts=n_facts, shipped_facts=shipped_facts)
    to_make = max(0, n_facts - shipped_facts)
    entries: list[dict[str, object]] = []
    doc_freq: Counter[str] = Counter()
    serial = 0
    while len(entries) < to_make:
        serial += 1
        kind = rng.choices(kinds, weights=kind_weights)[0]
        c = char_pick()
        c2 = char_pick()
        while c2 == c:
            c2 = char_pick()
        n = noun_pick()
        n2 = noun_pick()
        while n2 == n:
            n2 = noun_pick()
        slots = {
            "c": c,
            "f": c.split()[0],
            "l": c.split()[1],
            "c2": c2,
            "f2": c2.split()[0],
            "l2": c2.split()[1],
            "a": actor_pick(),
            "p": place_pick(),
            "o": org_pick(),
            "t": title_pick(),
            "n": n,
            "n2": n2,
            "v": rng.choice(TOPIC_VERBS),
            "rel": rng.choice(RELATIONS),
            "rp": rng.choice(REAL_PLACES),
            "d": detail_pick(),
            "season": rng.choice((1, 1, 1, 2)),
            "year": rng.choice((2024, 2025)),
        }
        rendered = [_render(t, slots, rng) for t in TEMPLATES[kind]]
        rng.shuffle(rendered)
        want = rng.randint(5, 8)
        questions: list[str] = []
        held_out: list[str] = []
        mine: set[tuple[str, ...]] = set()
        for q in rendered:
            norm = tuple(normalise_phrase(q, numbered))
            if len(questions) < want and norm not in seen and norm not in mine:
                questions.append(q)
                mine.add(norm)
            elif norm not in seen and norm not in mine:
                held_out.append(q)
            else:
                kb.retries += 1
        if len(questions) < 5:
            continue  # this entity/kind pair is already covered; draw another
        seen |= mine
        caps = {k.upper(): str(v).title() for k, v in slots.items() if isinstance(v, str)}
        answer = ANSWERS[kind].format(**slots, **caps)
        if rng.random() < 0.4:
            answer += rng.choice(ANSWER_EXTRAS).format(**slots, **caps)
        keywords = list(dict.fromkeys(k.format(**slots) for k in KEYWORDS[kind]))
        fact_id = f"{kind}-{_slug(c if kind != 'location' else slots['p'])}-{serial}"
        as_of = start + dt.timedelta(days=rng.randint(0, 270))
        entry: dict[str, object] = {
            "id": fact_id,
            "answer": answer,
            "status": rng.choice(("official", "reported", "reported", "hinted")),
            "as_of": as_of,
            "sources": rng.sample(source_keys, k=min(len(source_keys), rng.choice((1, 1, 2)))),
            "questions": questions,
            "keywords": keywords,
        }
        if rng.random() < 0.3:
            entry["review_after"] = as_of + dt.timedelta(days=rng.randint(30, 400))
        entries.append(entry)
        kb.facts.append(SyntheticFact(fact_id, kind, questions, held_out, keywords))
        doc_freq.update({w for q in questions for w in q.split() if w not in STOPWORDS})

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for i in range(0, len(entries), FACTS_PER_FILE):
        chunk = entries[i : i + FACTS_PER_FILE]
        text = yaml.dump({"facts": chunk}, Dumper=dumper, sort_keys=False, width=100)
        header = f"# Generated by benchmarks/_synthetic.py (seed {seed}); do not edit.\n"
        (out_dir / f"synthetic-{i // FACTS_PER_FILE:02d}.yaml").write_text(
            header + text, encoding="utf-8"
        )
        kb.files += 1
    if doc_freq:
        counts = sorted(doc_freq.values(), reverse=True)
        top_word, top = doc_freq.most_common(1)[0]
        kb.word_stats = {
            "distinct_words": len(counts),
            "top_word": top_word,
            "top_word_fact_share": top / len(entries),
            "median_word_facts": counts[len(counts) // 2],
            "words_in_one_fact": sum(1 for c in counts if c == 1) / len(counts),
        }
    return kb


# -- messy versions of questions, for the benchmark's question mix ----------------------------

_NEIGHBOURS = {
    "a": "qsz",
    "e": "wrd",
    "i": "uok",
    "o": "ipl",
    "u": "yij",
    "s": "adw",
    "r": "etf",
    "t": "ryg",
    "n": "bm",
    "l": "kp",
    "h": "gj",
    "d": "sf",
}
_PREFIXES = ["", "", "", "yo ", "hey ", "quick q ", "ok so ", "lol ", "wait ", "guys "]
_SUFFIXES = ["", "", "", "?", "??", " lol", " 👀", " pls", " thx", " 🙏", " ???", " anyone"]
_SLANG = [("what is", "whats"), ("you", "u"), (" are ", " r "), ("does", "dose"), ("the ", "")]


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a dropped, swapped, doubled or neighbouring letter."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == 2:
        return word[:i] + word[i] + word[i:]
    near = _NEIGHBOURS.get(word[i])
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else word[:i] + word[i + 1 :]


def messy(question: str, rng: random.Random, typo_rate: float = 0.15) -> str:
    """A question as typed in chat: typos, slang, no capitals, filler and emoji."""
    text = question
    for old, new in _SLANG:
        if old in text and rng.random() < 0.4:
            text = text.replace(old, new, 1)
    text = " ".join(typo(w, rng) if rng.random() < typo_rate else w for w in text.split())
    if rng.random() < 0.2:
        text = text.capitalize()
    return rng.choice(_PREFIXES) + text + rng.choice(_SUFFIXES)
