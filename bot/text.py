"""Language-level text normalisation shared by the knowledge base and fans' questions (pure).

Everything here is about English and Discord, not about Ballard: the show's own vocabulary
(synonyms, misspelled names, other shows) lives in the knowledge base's YAML and is applied by
:mod:`bot.matching`. Both sides of a match go through the same functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import snowballstemmer

# Discord markup that carries no words: user/role/channel mentions, custom emoji, timestamps,
# slash-command mentions, links, @everyone/@here.
_DISCORD_TOKENS = re.compile(
    r"<a?:\w{1,64}:\d{1,25}>"  # custom emoji <:name:id>, <a:name:id>
    r"|<(?:@[!&]?|#)\d{1,25}>"  # <@123>, <@!123>, <@&123>, <#123>
    r"|<t:-?\d{1,20}(?::[a-zA-Z])?>"  # <t:1700000000:R>
    r"|</[\w -]{1,100}:\d{1,25}>"  # </ask:123>
    r"|https?://\S{1,2000}"
    r"|@(?:everyone|here)\b"
)
_HASH_NUMBER = re.compile(r"#(\d{1,3})\b")
_ASCII_JUNK = re.compile(r"[^a-z0-9.?!;:,\n]+")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
# Sentence and clause punctuation survives cleaning so messages can be split into questions.
_CLAUSE_BREAK = re.compile(r"([.?!;\n]+|,(?=\s))")  # not ":" ("Bosch: Legacy")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"\d++(?:\.\d++)?(?:st|nd|rd|th)?(?![^\W\d_])|\d+|[^\W\d_]+")

MAX_CHARS = 4_000  # longer messages are cut: Discord itself stops at 4,000 (Nitro)

# Contractions written with or without the apostrophe (apostrophes are dropped before this).
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "whats": ("what", "is"),
    "whos": ("who", "is"),
    "wheres": ("where", "is"),
    "whens": ("when", "is"),
    "hows": ("how", "is"),
    "whys": ("why", "is"),
    "whatd": ("what", "did"),
    "whod": ("who", "did"),
    "whered": ("where", "did"),
    "howd": ("how", "did"),
    "whatre": ("what", "are"),
    "whore": ("who", "are"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "doesnt": ("does", "not"),
    "dont": ("do", "not"),
    "didnt": ("did", "not"),
    "hasnt": ("has", "not"),
    "havent": ("have", "not"),
    "hadnt": ("had", "not"),
    "wont": ("will", "not"),
    "cant": ("can", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "wouldnt": ("would", "not"),
    "aint": ("is", "not"),
    "its": ("it", "is"),
    "thats": ("that", "is"),
    "theres": ("there", "is"),
    "heres": ("here", "is"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "id": ("i", "would"),
    "ill": ("i", "will"),
    "youre": ("you", "are"),
    "theyre": ("they", "are"),
    "theyll": ("they", "will"),
    "theyve": ("they", "have"),
    "weve": ("we", "have"),
    "shes": ("she", "is"),
    "hes": ("he", "is"),
    "gonna": ("going", "to"),
    "gotta": ("got", "to"),
    "wanna": ("want", "to"),
    "lemme": ("let", "me"),
    "gimme": ("give", "me"),
    "dunno": ("do", "not", "know"),
}

NUMBER_WORDS: dict[str, str] = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}
ORDINALS: dict[str, str] = {
    "first": "1",
    "1st": "1",
    "second": "2",
    "2nd": "2",
    "third": "3",
    "3rd": "3",
    "fourth": "4",
    "4th": "4",
    "fifth": "5",
    "5th": "5",
    "sixth": "6",
    "6th": "6",
}
_SEASON_WORDS = frozenset({"season", "seasons", "szn", "series", "sezon"})
_SEASON_SHORT = re.compile(r"(?:s|szn|season)(\d{1,2})")
FOLD_STARTS = _SEASON_WORDS | ORDINALS.keys() | {"s"}  # words that may begin a season

# Function words: they never decide which fact a question is about.
STOPWORDS = frozenset(
    """a an the and or but if then so than that this these those there here of to in on at by for
    from with as into onto over under up out off again further once just also too very is am are
    was were be been being do does did doing done have has had having will would shall should
    can could may might must i me my mine myself we us our ours you your yours he him his she
    her hers it its they them their theirs what which who whom whose when where why how all any
    both each few more most other some such no nor not only own same s t now get got getting
    going go goes gonna let give gives giving thing things stuff really actually even still
    yet well oh ok okay yes yeah yep nope like know tell think want need wondering wonder anyone
    anybody someone somebody something anything everyone guys guy question ask asking please
    thanks thank one ones much many lot lots another besides except exact exactly else two three
    four five six seven eight nine ten""".split()
)
# Question words stay visible to the matcher as weak signals ("when" points at dates, "who" at
# people) even though they are stopwords for everything else.
QUESTION_WORDS = frozenset({"who", "what", "when", "where", "why", "how", "which"})

_stemmer = snowballstemmer.stemmer("english")


# The recent words: chat's common ones stay; the rare ones of a long-running bot (65,536 held
# ~13 MB) are cheap to stem again. 16,384 still holds every word of a 10,000-fact base's
# index (~11,000: at 8,192 the index stemmed 6,500 words twice, ~30 ms).
@lru_cache(maxsize=16_384)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lowercase word; digits and joined tokens are left alone."""
    if not word.isalpha():
        return word
    return _stemmer.stemWord(word)


def clean(text: str) -> str:
    """Lowercase plain text: Discord markup, accents, zalgo, emoji and zero-width marks removed.

    Clause punctuation (. ? ! ; : , newline) is kept so that :func:`split_clauses` can work.
    """
    text = text[:MAX_CHARS]
    if "<" in text or "@" in text or "http" in text:  # markup is rare: skip the regex
        text = _DISCORD_TOKENS.sub(" ", text)
    if "#" in text:
        text = _HASH_NUMBER.sub(r" number \1", text)  # "#1 on prime" -> "number 1"
    if text.isascii():  # the common case, and the fast one
        return _ASCII_JUNK.sub(" ", _APOSTROPHES.sub("", text.lower()))
    # NFKC folds compatibility forms (full-width letters, ligatures, superscripts); NFD then
    # splits accents off so they can be dropped. NFD(NFKC(x)) is NFKD(x), which is far faster
    # to compute on long text (no recomposition); casefold can undo the decomposition of a few
    # letters, hence the second, usually instant, NFD.
    text = unicodedata.normalize("NFKD", text).casefold()
    text = _APOSTROPHES.sub("", text)
    return unicodedata.normalize("NFD", text).translate(_FOLD)


class _CharFold(dict[int, str]):
    """clean()'s table for ``str.translate`` on decomposed text, filled as characters are met:
    accents, zalgo stacks, zero-width and bidi marks vanish; other scripts' letters and
    digits stay; emoji and other symbols become spaces."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii():
            out = ch if ch.isalnum() or ch in ".?!;:,\n" else " "
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            out = ""
        else:
            out = ch if ch.isalnum() else " "
        if len(self) < 50_000:  # bounded: a flood of rare characters cannot grow it forever
            self[code] = out
        return out


_FOLD = _CharFold()


def split_clauses(cleaned: str) -> list[tuple[str, bool]]:
    """Split cleaned text at clause punctuation into (clause, ends with "?") pairs."""
    parts = _CLAUSE_BREAK.split(cleaned)
    out: list[tuple[str, bool]] = []
    for i in range(0, len(parts), 2):
        clause = parts[i].strip()
        if clause:
            sep = parts[i + 1] if i + 1 < len(parts) else ""
            out.append((clause, "?" in sep))
    return out


def words(cleaned: str) -> list[str]:
    """The word and number tokens of cleaned text, contractions expanded."""
    found = _WORD.findall(cleaned)
    if CONTRACTIONS.keys().isdisjoint(found):
        return found
    out: list[str] = []
    for tok in found:
        out.extend(CONTRACTIONS.get(tok, (tok,)))
    return out


# clause_words' fast path reads plain ASCII text as is: a comma followed by a character that
# clean() would blank is a clause break there; a clause never holds "." so numbers are whole.
_RAW_CLAUSE_BREAK = re.compile(r"[.?!;\n]+|,(?=[^a-z0-9.?!;:,\n])")
_RAW_WORD = re.compile(r"\d++(?:st|nd|rd|th)?(?![a-z])|\d+|[a-z]+")


def is_plain_ascii(text: str) -> bool:
    """ASCII without Discord markup or links, within MAX_CHARS: clean() then only lowercases
    it, drops apostrophes, turns "#1" into "number 1" and blanks every other symbol, one
    character at a time (the fast paths of the loader and the index rely on this)."""
    return len(text) <= MAX_CHARS and _plain_characters(text)


def _plain_characters(text: str) -> bool:
    """ASCII without Discord markup or links (is_plain_ascii without the length limit)."""
    return text.isascii() and not ("<" in text or "@" in text or "http" in text)


def clause_words(text: str) -> list[list[str]]:
    """The words of each clause of a text: ``[words(c) for c, _ in split_clauses(clean(text))]``
    (maybe with some empty lists more), in one pass for the common case of plain ASCII."""
    if not is_plain_ascii(text) or "#" in text:
        return [words(c) for c, _ in split_clauses(clean(text))]
    low = text.lower()
    if "'" in low or "`" in low:
        low = _APOSTROPHES.sub("", low)
    out = []
    for clause in _RAW_CLAUSE_BREAK.split(low):
        found = _RAW_WORD.findall(clause)
        if not CONTRACTIONS.keys().isdisjoint(found):
            found = [w for tok in found for w in CONTRACTIONS.get(tok, (tok,))]
        out.append(found)
    return out


# word_streams' tokens: a word of clause_words' fast path or a clause break. The two never
# share a character, so one scan finds the words that splitting at the breaks first would.
# (The lookahead up front lets the scan skip blanks quickly, and letters are tried first:
# the alternatives begin with different characters, so their order changes nothing else.)
_RAW_TOKENS = re.compile(
    rf"(?=[a-z0-9.?!;\n,])(?:[a-z]+|{_RAW_WORD.pattern}|{_RAW_CLAUSE_BREAK.pattern})"
)
_TEXT_SEPARATOR = "\0"


def is_clause_break(token: str) -> bool:
    """Whether a token of :func:`word_streams` is a clause break ("?", "...", ",", "\\n")."""
    return token[:1] in ".?!;\n,"


def word_streams(texts: Sequence[str]) -> list[list[str] | None]:
    """For each text, the words of each of its clauses as :func:`clause_words` finds them
    (contractions expanded) in one flat list, each clause break kept in its place as a token
    of its own ("?", ".", ","...): splitting the list at its breaks gives clause_words(text),
    maybe with some empty lists more or fewer. None for a text that is not plain ASCII (see
    is_plain_ascii) or holds "#" or NUL.

    The knowledge base's own text is analysed in bulk from these streams
    (:meth:`bot.lexicon.Lexicon.analyse_own_many`): the plain texts are lowercased all at
    once, joined by NUL, and each is scanned once, not once per clause.
    """
    joined = _TEXT_SEPARATOR.join(texts)
    if (
        _plain_characters(joined)  # NUL splits "http", so one look covers every text
        and "#" not in joined
        and joined.count(_TEXT_SEPARATOR) == len(texts) - 1
        and max(map(len, texts), default=0) <= MAX_CHARS
    ):
        plain = list(range(len(texts)))  # the usual case: every text is plain
    else:
        plain = [
            i
            for i, t in enumerate(texts)
            if is_plain_ascii(t) and "#" not in t and _TEXT_SEPARATOR not in t
        ]
        joined = _TEXT_SEPARATOR.join(texts[i] for i in plain)
    out: list[list[str] | None] = [None] * len(texts)
    if not plain:
        return out
    low = joined.lower()
    if "'" in low or "`" in low:  # the only apostrophes of ASCII text
        low = low.replace("'", "").replace("`", "")
    for i, text in zip(plain, low.split(_TEXT_SEPARATOR), strict=True):
        # only letters and spaces (as most questions): the words are what is between spaces
        found = text.split() if text.replace(" ", "").isalpha() else _RAW_TOKENS.findall(text)
        if not CONTRACTIONS.keys().isdisjoint(found):
            found = [w for tok in found for w in CONTRACTIONS.get(tok, (tok,))]
        out[i] = found
    return out


_S_NUMBER = re.compile(r"(?:^| )s\S*\d(?= |$)")  # a token such as "s2", "szn2", "season2"


def may_start_season(tok: str) -> bool:
    """Whether a token could start a season reference (fold_seasons leaves all others)."""
    return tok in FOLD_STARTS or (tok[:1] == "s" and tok[-1:].isdecimal())


def fold_seasons(tokens: list[str]) -> list[str]:
    """Rewrite season references as one token: "season two", "s2", "2nd season" -> "season_2"."""
    if FOLD_STARTS.isdisjoint(tokens) and not _S_NUMBER.search(" ".join(tokens)):
        return tokens  # the common case: nothing to fold
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not may_start_season(tok):
            out.append(tok)  # most words start no season reference
            i += 1
            continue
        nxt = tokens[i + 1] if i + 1 < n else ""
        nxt_num = NUMBER_WORDS.get(nxt, nxt)
        short = _SEASON_SHORT.fullmatch(tok)
        if short:
            out.append(f"season_{int(short.group(1))}")
            i += 1
        # isdecimal, not isdigit: "❸" or "²" pass isdigit() but int() refuses them
        elif tok in _SEASON_WORDS and nxt_num.isdecimal() and len(nxt_num) <= 2:
            out.append(f"season_{int(nxt_num)}")
            i += 2
        elif tok in ORDINALS and nxt in _SEASON_WORDS:
            out.append(f"season_{ORDINALS[tok]}")
            i += 2
        elif tok == "s" and nxt.isdecimal() and len(nxt) <= 2:
            out.append(f"season_{int(nxt)}")
            i += 2
        else:
            out.append(tok)
            i += 1
    return out


def is_number(token: str) -> bool:
    """True for tokens such as "14", "14.85"."""
    return token[:1].isdecimal() and _NUMBER.fullmatch(token) is not None


def normalise_phrase(text: str) -> list[str]:
    """The stemmed tokens of a short phrase, as used for vocabulary entries and keywords."""
    return [stem(t) for t in fold_seasons(words(clean(text)))]


def load_common_words() -> dict[str, float]:
    """Common English words mapped to their Zipf frequency (see tools/make_common_words.py)."""
    table: dict[str, float] = {}
    text = resources.files("bot").joinpath("data/common_words.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            zipf, _, group = line.partition("\t")
            table.update(dict.fromkeys(group.split(), float(zipf)))
    return table
