"""Language-level text normalisation shared by the knowledge base and fans' questions (pure).

Everything here is about English and Discord, not about Ballard. The English it knows is
data (bot/data/*.txt, read by bot/wordlists.py); the show's own vocabulary (synonyms,
misspelled names, other shows, numbered terms such as "season 2") lives in the knowledge
base's YAML: :class:`NumberedTerms` folds the terms it is given, :mod:`bot.lexicon` applies
the rest. Both sides of a match go through the same functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import snowballstemmer

from bot import wordlists

_CUSTOM_EMOJI_PATTERN = r"<a?:\w{1,64}:\d{1,25}>"  # custom emoji <:name:id>, <a:name:id>
_CUSTOM_EMOJI = re.compile(_CUSTOM_EMOJI_PATTERN)
# Discord markup that carries no words: user/role/channel mentions, custom emoji, timestamps,
# slash-command mentions, links, @everyone/@here.
_DISCORD_TOKENS = re.compile(
    _CUSTOM_EMOJI_PATTERN + r"|<(?:@[!&]?|#)\d{1,25}>"  # <@123>, <@!123>, <@&123>, <#123>
    r"|<t:-?\d{1,20}(?::[a-zA-Z])?>"  # <t:1700000000:R>
    r"|</[\w -]{1,100}:\d{1,25}>"  # </ask:123>
    r"|https?://\S{1,2000}"
    r"|@(?:everyone|here)\b"
    r"|(?<!\S)@\w{1,32}"  # a name typed after "@" ("@Trish you were right", "@Ballard Bot")
)
_HASH_NUMBER = re.compile(r"#(\d{1,3})\b")
# An aside in brackets closing a message ("who plays ballard (asking for my mom)") is a
# clause of its own, said after the question
_CLOSING_ASIDE = re.compile(r"\(([^()\n]{1,200})\)(?=[\s.!?]*$)")
# Emoticons written with a letter or digit (":D", ":P", ";p", ":3", "<3", "T_T", "o_O") and
# tone tags ("/j", "/s": bot/data/tone_tags.txt), between spaces: read as an emoji is, not
# as the rare words "d", "p", "3", "j" that sank the question beside them ("who plays
# ballard :D" got a "did you mean" at 0.08)
# (longest first, so that "/srs" is not taken for "/s")
_TONE_TAGS = "|".join(
    map(re.escape, sorted(wordlists.word_set("tone_tags.txt"), key=lambda t: (-len(t), t)))
)
_EMOTICON = re.compile(
    rf"(?<![^\s\0])(?:[:;=][-'^]?[dpo3xbs]+|</?3+|[t0o]_+[t0o]|/(?:{_TONE_TAGS})"
    # ...and an emoji's shortcode typed or pasted as text (":pepe_think:", ":sob:")
    r"|:(?=[\w+-]*[a-z])[\w+-]{2,32}:)"
    r"(?![^\s.,!?;\0])",  # (NUL as a space: bot/_fastpath.py looks at texts joined by it)
    re.IGNORECASE,
)
# A dash between words of chat ("two things - is bosch in it", "paint -- is it", "paint—is
# it") marks a break as a colon does: clean() writes it as one, and clauses() ends a clause
# there only before a question (see _COLON_QUESTION). A hyphen inside a word ("co-star",
# "10-12") is not one.
# Other marks fans put between questions or topics end a clause wherever they are (clean()
# writes them as ";", see _mark_break): a slash, bar, ampersand, plus, tilde, star or arrow
# between spaces ("who plays her / is it on prime", "rt score & nielsen ranking", a "* "
# bullet), and bullets and arrows wherever they are ("• is harry in it").
_MARK_BREAK = re.compile(
    r"(?<=\s)[-\u2013\u2014]+|[-\u2013\u2014]+(?=\s)|[\u2013\u2014]+|-{2,}"
    r"|(?<!\S)(?:=>|>>+|[/|&+~*]+)(?!\S)|[\u2022\u2023\u2043\u25aa\u25ba\u2192]"
)

# (a single space is left as it is: each word of a message would otherwise be a replacement)
# It is r"[^a-z0-9 .?!;:,\n]+", written to open with its set of characters, as _CLAUSE_BREAK
# below (3 times faster on long text).
_ASCII_JUNK = re.compile(r"[^a-z0-9 .?!;:,\n][^a-z0-9 .?!;:,\n]*")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A word: letters, or a number ("14.85", "2nd"). Sentence and clause punctuation survives
# cleaning so that messages can be split into questions: a clause token is a word or a
# clause break, and a clause never holds ".", so its numbers have no decimals.
_WORD = re.compile(r"\d++(?:\.\d++)?(?:st|nd|rd|th)?(?![^\W\d_])|\d+|[^\W\d_]+")
# A clause break (kept by split) and a clause's words: a word never holds a break character,
# so a clause's words are found within it as in the whole text. A break is a run of
# ". ? ! ;" and newlines, or a comma before a space, but never a "." between two digits
# ("charged $1.55. can i get it back", "open till 5.30"): CLAUSE_BREAK_PLAIN. It is written
# to open with one set of characters: then the regex engine skips to the next of them
# quickly, instead of trying both alternatives at every character (3-4 times faster on long
# text; tests/test_text.py holds the two spellings equal).
CLAUSE_BREAK_PLAIN = r"(?:[?!;\n]|(?<!\d)\.|\.(?!\d))[.?!;\n]*|,(?=\s)"
_CLAUSE_BREAK = re.compile(r"([.?!;\n,](?:(?<=,)(?=\s)|(?<!,)(?:(?<!\d\.)|(?!\d))[.?!;\n]*))")
# words opening a relative clause after a comma (bot/data/relative_pronouns.txt)
_RELATIVES = wordlists.word_set("relative_pronouns.txt")
RELATIVE = "that"  # what such a word is read as: a relative pronoun that asks nothing
_CLAUSE_WORD = re.compile(r"[^\W\d_]+|\d++(?:st|nd|rd|th)?(?![^\W\d_])|\d+")

MAX_CHARS = 4_000  # longer messages are cut: Discord itself stops at 4,000 (Nitro)

# English, from bot/data/ (see bot/wordlists.py).
# chat abbreviations ("rly" -> "really"), written out as contractions are
CHAT_ABBREVIATIONS = wordlists.table("chat_abbreviations.txt")
CONTRACTIONS = {
    **wordlists.table("contractions.txt"),  # "whats" -> ("what", "is")
    **CHAT_ABBREVIATIONS,
}
# "id" and "ill": the contraction only before "love", "be"... (contractions_before.txt)
_BEFORE_ENTRIES = wordlists.lines("contractions_before.txt")
AMBIGUOUS_SPELLINGS = {e[1]: tuple(e[2:]) for e in _BEFORE_ENTRIES if e[0] == "spelling"}
# the words before which a spelling is its contraction: its own ("r before you"), or the
# list shared by the spellings without one ("before love")
_SHARED_BEFORE = frozenset(e[1] for e in _BEFORE_ENTRIES if e[0] == "before")
_SPELLED_BEFORE = {
    spelling: frozenset(e[2] for e in _BEFORE_ENTRIES if e[0] == spelling and e[1] == "before")
    or _SHARED_BEFORE
    for spelling in AMBIGUOUS_SPELLINGS
}
# "ID" (not "id", a chat "I'd") -> "identification": see bot/data/capitals.txt
CAPITALS = {k: " ".join(v) for k, v in wordlists.table("capitals.txt").items()}
_CAPITAL_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, CAPITALS)) + r")\b")
# "we're" -> "we are": contractions that read as another word without their apostrophe
_WITH_APOSTROPHE = {k: " ".join(v) for k, v in wordlists.table("apostrophes.txt").items()}
_LETTERS = re.compile(r"[a-z]+")
# A letter held for emphasis, three times or more in a row ("sooo", "lmaooo", "ughhh")
HELD_LETTERS = re.compile(r"([a-z])\1\1+")
_APOSTROPHE_HEADS = {k.partition("'")[0] for k in _WITH_APOSTROPHE}
# A laugh with its syllable repeated ("lolol", "hahahaha"; bot/data/laughs.txt), as written
# in the lists: the laugh, then its syllable again and again, maybe with its first letter
_LAUGHS = {
    laugh: re.compile(rf"{re.escape(laugh)}(?:{re.escape(syllable)})*{re.escape(syllable[0])}?")
    for laugh, syllable in wordlists.lines("laughs.txt")
}
NUMBER_WORDS = wordlists.number_table("number_words.txt")  # "two" -> "2"
ORDINALS = wordlists.number_table("ordinals.txt")  # "second", "2nd" -> "2"

# Function words: they never decide which fact a question is about.
STOPWORDS = wordlists.word_set("stopwords.txt")
# Leaders open a clause without changing whether it is a question ("and does it..."); the
# interjections and words of address are said before one ("guys is it out"): bot.reading
# reads both, and a relative pronoun never follows them (see clauses)
LEADERS = wordlists.word_set("leaders.txt")
INTERJECTIONS = wordlists.word_set("interjections.txt")
# a clause of these words only, before another, is said before it ("oh wait | how do i…")
SAID_BEFORE = LEADERS | INTERJECTIONS
# words a relative clause does not say more about (a greeting, "ok", "guys", "question")
_NOT_NAMING = STOPWORDS | SAID_BEFORE
# Question words stay visible to the matcher as weak signals ("when" points at dates, "who" at
# people) even though they are stopwords for everything else.
QUESTION_WORDS = wordlists.word_set("question_words.txt")
# Words that open a question ("is it out"), besides the question words.
QUESTION_STARTERS = QUESTION_WORDS | wordlists.word_set("question_starters.txt")
# ...and as cleaned text writes them, before contractions are expanded ("whats", "isnt")
CLAUSE_OPENERS = QUESTION_STARTERS | {
    word
    for word, expanded in CONTRACTIONS.items()
    if expanded[:1] and expanded[0] in QUESTION_STARTERS
}
# A colon before a question ends a clause ("two things: is bosch in it, and who plays
# renee"; "two things: whats the date"), one before anything else does not ("bosch: legacy").
_STARTER = "|".join(sorted(CLAUSE_OPENERS, key=len, reverse=True))
_COLON_QUESTION = re.compile(rf":(?=[ \t]*(?:{_STARTER})\b)")
# The mark of a list of questions ends a clause too (clean() writes it as ";"): a digit in
# brackets before a question ("1) is bosch in it 2) who plays renee", "(2) who…"), and marks
# numbered from 1 or lettered from a, in order: "1. is bosch in it 2. who plays renee", "a)
# rt score b) nielsen", "q1: … q2: …", "1️⃣ … 2️⃣ …", "1/ … 2/ …", "1 - … 2 - …" (the dash
# is a colon by then). A mark with a dot, a slash or a colon opens a question ("season 1:
# loved it" is no list); a lone "2." or "2️⃣" stays ("who plays ballard 2. is it out" and
# "season 2️⃣ when" may be about season 2). Groups: q, the number or letter, what closes
# it, and whether a question starter follows.
_LIST_MARK = re.compile(
    rf"(?<![\w.])\(?(q?)([1-9]|[a-e])([.)/]|[ \t]*:|\ufe0f?\u20e3)"
    rf"(?=([ \t]*(?:{_STARTER})\b)?)"
)
# "#1 who plays her #2 is it out": numbered with "#", from 1, in order, each before a
# question (a "#1" alone is a chart's: "was ballard #1 on prime")
_HASH_MARK = re.compile(rf"(?<![\w#])#([1-9])[.):]?(?=[ \t]*(?:{_STARTER})\b)", re.IGNORECASE)
_KEYCAP = "\u20e3"  # "1️⃣" is "1", an emoji variation selector and this
# (how a mark closes, when it needs no question after it in a run: "a) …", "1️⃣ …")
_CLOSES_ITSELF = (")", "\u20e3", "\ufe0f\u20e3")

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


def fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut (for text
    shown back to people: problems, fans' questions)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean(text: str) -> str:
    """Lowercase plain text: Discord markup, accents, zalgo, emoji and zero-width marks removed.

    Clause punctuation (. ? ! ; : , newline) is kept so that :func:`clauses` can work.
    """
    text = text[:MAX_CHARS]
    if may_hold_capitals(text):
        text = _read_capitals(text)
    if "<" in text or "@" in text or "http" in text:  # markup is rare: skip the regex
        text = _DISCORD_TOKENS.sub(" ", text)
    if "#" in text:
        text = _HASH_NUMBER.sub(r" number \1", _hash_marks(text))  # "#1 on prime" -> "number 1"
    if ")" in text:
        text = _CLOSING_ASIDE.sub(r"; \1", text)
    if may_hold_emoticons(text):
        text = _EMOTICON.sub(" ", text)
    if text.isascii():  # the common case, and the fast one
        text = text.lower()
        if "'" in text or "`" in text:  # the only apostrophes of ASCII text
            text = drop_apostrophes(text)
        if may_hold_marks(text):
            text = _MARK_BREAK.sub(_mark_break, text)
        return _ASCII_JUNK.sub(" ", _list_marks(text))
    # NFKC folds compatibility forms (full-width letters, ligatures, superscripts); NFD then
    # splits accents off so they can be dropped. NFD(NFKC(x)) is NFKD(x), which is far faster
    # to compute on long text (no recomposition); casefold can undo the decomposition of a few
    # letters, hence the second, usually instant, NFD.
    text = unicodedata.normalize("NFKD", text).casefold()
    # (apostrophes first, as above: "1) who’s" reads as "1) whos" in either path)
    text = drop_apostrophes(_APOSTROPHES.sub("'", text))
    text = _list_marks(_MARK_BREAK.sub(_mark_break, text))
    return unicodedata.normalize("NFD", text).translate(_FOLD)


def _mark_break(found: re.Match[str]) -> str:
    """What a mark between words becomes: a dash a colon (a clause ends there only before a
    question: "two things - is bosch in it", not "bosch - legacy"); a slash, bar, ampersand,
    plus, bullet or arrow a clause break, as fans line up topics with them ("s2 plot & s1
    ending", "fan reaction • review score • season 3?")."""
    return ":" if found.group()[0] in "-\u2013\u2014" else ";"


def drop_apostrophes(text: str) -> str:
    """Lowercased ``text`` without its apostrophes ("'" and "`"), the contractions that need
    theirs written out first ("we're both hooked" -> "we are both hooked", not "were...")."""
    if "`" in text:
        text = text.replace("`", "'")
    if "'" not in text:
        return text
    # Each apostrophe in turn (a knowledge base's text holds a few thousand in millions of
    # characters, which a regex for the listed words would scan position by position).
    pieces = text.split("'")
    for n in range(1, len(pieces)):
        before, after = pieces[n - 1], pieces[n]
        head_at = len(before)
        while head_at and before[head_at - 1].isalpha():
            head_at -= 1
        head = before[head_at:]
        if head_at and _is_word_char(before[head_at - 1]):
            continue
        if len(head) == 1 and after[:1] == "s" and not _is_word_char(after[1:2]):
            # a letter's possessive ("maggie q's role") is the letter: "qs" would be a rare
            # word of its own, as the stemmer leaves words of two letters alone
            pieces[n] = after[1:]
            continue
        if head not in _APOSTROPHE_HEADS:
            continue
        tail = _LETTERS.match(after)
        if tail is None:
            continue
        rest = tail.end()
        words = _WITH_APOSTROPHE.get(f"{head}'{tail.group()}")
        if words and not _is_word_char(after[rest : rest + 1]):
            pieces[n - 1] = before[:head_at] + words
            pieces[n] = after[rest:]
    return "".join(pieces)


def laugh(word: str) -> str | None:
    """The laugh of bot/data/laughs.txt that ``word`` writes with its syllable repeated
    ("lolol" -> "lol", "hahahah" -> "haha"), or None."""
    for written, pattern in _LAUGHS.items():
        if word.startswith(written) and len(word) > len(written) and pattern.fullmatch(word):
            return written
    return None


def _is_word_char(char: str) -> bool:
    """Whether a character (or "" at an end) continues a word, as regular expressions'
    ``\\w`` reads it."""
    return bool(char) and (char.isalnum() or char == "_")


def may_hold_emoticons(text: str) -> bool:
    """Whether ``text`` may hold an emoticon or tone tag that clean() blanks (":D", "<3",
    "T_T", "/j"): a quick look for their marks before the regex's scan."""
    return ":" in text or ";" in text or "=" in text or "<3" in text or "_" in text or "/" in text


def has_emoticon(text: str) -> bool:
    """Whether ``text`` holds an emoticon or tone tag that clean() blanks."""
    return may_hold_emoticons(text) and _EMOTICON.search(text) is not None


def may_hold_capitals(text: str) -> bool:
    """Whether ``text`` may hold a word of bot/data/capitals.txt written in capitals ("ID")."""
    return any(word in text for word in CAPITALS)


def _read_capitals(text: str) -> str:
    """``text`` with the words of bot/data/capitals.txt written in capitals read as what they
    stand for ("photo ID" -> "photo identification"), unless the whole text shouts in
    capitals ("WHAT ID DO I NEED", "ID LOVE THAT"): the word after "id" tells then
    (bot/data/contractions_before.txt)."""
    rest = _CAPITAL_WORDS.sub("", text)
    if rest.isupper() and len(rest.strip(" ?!.,")) > 2:
        return text
    return _CAPITAL_WORDS.sub(lambda found: CAPITALS[found.group()], text)


def may_hold_marks(text: str) -> bool:
    """Whether ASCII ``text`` holds a character _MARK_BREAK may begin with: a text without
    one needs no substitution. (Quick looks, far cheaper than a regex's scan.)"""
    return (
        "-" in text
        or "/" in text
        or "|" in text
        or "&" in text
        or "+" in text
        or "~" in text
        or "*" in text
        or "=" in text
        or ">" in text
    )


def may_hold_list_marks(text: str) -> bool:
    """Whether lowercased ``text`` may hold the marks of a list (see _list_marks): a run of
    them starts with "1." "a." "1)" "a)" "1/" "1️⃣" or one closed by a colon, and a lone one
    is a digit in brackets. (Quick looks that spare most texts the regex.)"""
    return (
        ")" in text
        or ":" in text
        or "1." in text
        or "a." in text
        or "1/" in text
        or _KEYCAP in text
    )


def _hash_marks(text: str) -> str:
    """``text`` with the marks of a list numbered with "#" (see _HASH_MARK) written as
    clause breaks (";"), when there is a run of them in order from #1."""
    run: list[re.Match[str]] = []
    for mark in _HASH_MARK.finditer(text):
        if int(mark[1]) == len(run) + 1:
            run.append(mark)
    return _as_breaks(text, run) if len(run) > 1 else text


def _as_breaks(text: str, marks: list[re.Match[str]]) -> str:
    """``text`` with each of ``marks`` (in order, not overlapping) written as a clause
    break (";")."""
    pieces: list[str] = []
    at = 0
    for mark in marks:
        pieces += (text[at : mark.start()], ";")
        at = mark.end()
    pieces.append(text[at:])
    return "".join(pieces)


def _lone_mark(mark: re.Match[str]) -> bool:
    """Whether a list's mark counts on its own: a digit in brackets before a question ("2)
    who plays her")."""
    return mark[4] is not None and mark[3] == ")" and mark[2].isdecimal()


def _list_marks(text: str) -> str:
    """``text`` with the marks of a list of questions (see _LIST_MARK) written as clause
    breaks (";")."""
    if not may_hold_list_marks(text):
        return text
    kept: list[re.Match[str]] = []
    run: list[re.Match[str]] = []

    def end_run() -> None:
        if len(run) > 1 and all(m[4] is not None or m[1] or m[3] in _CLOSES_ITSELF for m in run):
            kept.extend(run)  # marks in order, each before a question unless "a)", "q1:", "1️⃣"
        else:
            kept.extend(filter(_lone_mark, run))

    for mark in _LIST_MARK.finditer(text):
        if mark[2] in "1a":
            end_run()
            run = [mark]
        elif run and ord(mark[2]) == ord(run[-1][2]) + 1:
            run.append(mark)
        elif _lone_mark(mark):
            kept.append(mark)
    end_run()
    return _as_breaks(text, sorted(kept, key=lambda m: m.start())) if kept else text


# Question and exclamation marks written as emoji ("❓", "❔", "❗", "❕")
_EMOJI_MARKS = {"\u2753": "?", "\u2754": "?", "\u2757": "!", "\u2755": "!"}


class _CharFold(dict[int, str]):
    """clean()'s table for ``str.translate`` on decomposed text, filled as characters are met:
    accents, zalgo stacks, zero-width and bidi marks vanish; other scripts' letters and
    digits stay; emoji and other symbols end a clause; other marks become spaces."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii():
            out = ch if ch.isalnum() or ch in ".?!;:,\n" else " "
        elif ch.isalnum():  # (a letter or digit of another script: no mark or symbol is)
            out = ch
        else:
            category = unicodedata.category(ch)
            if category in ("Mn", "Me", "Cf"):
                out = ""
            elif ch in _EMOJI_MARKS:
                out = _EMOJI_MARKS[ch]  # "cast list❓" asks as "cast list?" does
            elif category == "So":
                out = "\n"  # an emoji or other symbol ends what came before, as a full stop does
            else:
                out = " "
        if len(self) < 50_000:  # bounded: a flood of rare characters cannot grow it forever
            self[code] = out
        return out


_FOLD = _CharFold()


def clauses(cleaned: str) -> list[tuple[list[str], bool, bool]]:
    """The words of each clause of cleaned text (as :func:`words` finds them), whether the
    clause ends with "?", and whether it is an item of a list (";", which clean() also
    writes for a list's marks and for marks such as " • " or " / " between words, comes
    right before or after it: "rt score • nielsen ranking"). Clauses end at ". ? ! ;", a
    newline, a comma before a space, or a colon before a question starter ("two things: is
    bosch in it"; not "Bosch: Legacy"); a clause without words is left out. A clause
    written twice is read once: its two entries share one list, not to be changed."""
    out: list[tuple[list[str], bool, bool]] = []
    if ":" in cleaned:
        cleaned = _COLON_QUESTION.sub("\n", cleaned)
    pieces = _CLAUSE_BREAK.split(cleaned)  # a clause, a break, a clause, ..., a clause
    last = len(pieces) - 1
    find = _CLAUSE_WORD.findall
    seen: dict[str, list[str]] = {}  # a clause written again is read once (the same list)
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        found = seen.get(piece)
        if found is None:
            found = seen[piece] = expand_contractions(find(piece))
        if found:
            after = pieces[i + 1] if i < last else ""
            before = pieces[i - 1] if i else ""
            if (
                out
                and found[0] in _RELATIVES
                and before.strip() == ","
                and out[-1][0][-1] not in _NOT_NAMING
                and out[-1][0][0] not in SAID_BEFORE  # (nor a clause they open: "hi sarah")
                and _stated(pieces, i)
            ):
                # "my partner, who is hard of hearing too." says more about the partner: one
                # clause, its relative pronoun read as "that" (no question word); not after
                # a greeting or a word of chat ("hi, who plays ballard.", "hi sarah, who
                # plays ballard.": a question)
                said, _, listed = out[-1]
                out[-1] = ([*said, RELATIVE, *found[1:]], "?" in after, listed or ";" in after)
                continue
            out.append((found, "?" in after, ";" in after or ";" in before))
    return out


def _stated(pieces: list[str], at: int) -> bool:
    """Whether the sentence holding the clause ``pieces[at]`` closes with "." or "!" (its
    first break that is not a comma), not with "?" nor with the end of the message."""
    for brk in pieces[at + 1 :: 2]:
        if brk.strip() != ",":
            return "?" not in brk and ("." in brk or "!" in brk)
    return False


def words(cleaned: str) -> list[str]:
    """The word and number tokens of cleaned text, contractions expanded."""
    return expand_contractions(_WORD.findall(cleaned))


def expand_contractions(found: list[str]) -> list[str]:
    """Words with each contraction or chat spelling written out as its words ("whats" ->
    "what is", "wat" -> "what"); one that is also a word ("id", "ill") only before a word
    that follows it as a contraction ("id love to know", not "verify my id")."""
    if CONTRACTIONS.keys().isdisjoint(found):
        return found
    out: list[str] = []
    last = len(found) - 1
    for i, tok in enumerate(found):
        if tok in AMBIGUOUS_SPELLINGS and (i == last or found[i + 1] not in _SPELLED_BEFORE[tok]):
            out.extend(AMBIGUOUS_SPELLINGS[tok])
        else:
            out.extend(CONTRACTIONS.get(tok, (tok,)))
    return out


# Frames of a question about a kind of thing in general (bot/data/general_frames.txt):
# each a tuple of words, GAP ("...") standing for one to FRAME_GAP_WORDS words; OR ("|")
# between a frame's wordings.
GAP = "..."
OR = "|"
FRAME_GAP_WORDS = 8
# a gap opening so is about the asker or the base's own subject (general_frame_openers.txt)
_OWN_GAP_OPENERS = wordlists.word_set("general_frame_openers.txt")


def frame_words(frame: str | Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """A frame as written ("what's a ... for | what are ... for"), or as its list of
    words, in the wordings it has, each in words as :func:`words` reads them with its gaps
    kept: (("what", "is", "a", "...", "for"), ("what", "are", "...", "for"))."""
    pieces = frame.split() if isinstance(frame, str) else frame
    out: list[tuple[str, ...]] = [()]
    for piece in pieces:
        if piece == OR:
            out.append(())
        else:
            out[-1] += (GAP,) if piece == GAP else tuple(words(clean(piece)))
    return tuple(wording for wording in out if wording)


class Frames:
    """Frames of a question about something other than what a base's facts say: those of
    bot/data/general_frames.txt, and a knowledge base's own (its vocabulary's ``frames``:
    "which show" in a base about one show). A frame is named by its first wording."""

    def __init__(self, frames: Iterable[tuple[tuple[str, ...], ...]]) -> None:
        self.frames = tuple(
            dict.fromkeys(f for f in frames if f and all(w and GAP not in (w[0], w[-1]) for w in f))
        )
        # (each wording's longest word, to look for first, the wording, its frame's name)
        self._wordings = tuple(
            (max((w for w in wording if w != GAP), key=len), wording, " ".join(frame[0]))
            for frame in self.frames
            for wording in frame
        )
        self._anchors = frozenset(anchor for anchor, _, _ in self._wordings)

    def adding(self, more: Iterable[tuple[tuple[str, ...], ...]]) -> Frames:
        """These frames and more."""
        return Frames((*self.frames, *more))

    def of(self, found: Sequence[str], *, any_gap: bool = False) -> frozenset[str]:
        """The frames that words (contractions expanded, as :func:`words` gives them) are
        asked in, by name: "how does nielsen measure streaming minutes" is asked in "how do
        ... measure". A gap opening with a word of general_frame_openers.txt ("how do i get
        it to work", "how does it work") is about the asker or the base's own subject, no
        general frame, unless ``any_gap`` (an admin's example asked so makes the frame its
        fact's)."""
        if self._anchors.isdisjoint(found):
            return frozenset()  # (most messages: no frame's longest word)
        said = frozenset(found)
        out = set()
        for anchor, wording, name in self._wordings:
            if name in out or anchor not in said:
                continue
            first = wording[0]
            starts = (i for i, w in enumerate(found) if w == first)
            if any(_frame_at(found, wording, i, 0, any_gap) for i in starts):
                out.add(name)
        return frozenset(out)


GENERAL_FRAMES = Frames(map(frame_words, wordlists.lines("general_frames.txt")))
# Questions asking for a time of day, and what says one in an answer (clock_questions.txt)
CLOCK_FRAMES = Frames(map(frame_words, wordlists.lines("clock_questions.txt")))
_CLOCK_WORDS = wordlists.word_set("clock_words.txt")
# "9am", "5.30 p.m.", "09:00", and "24/7" (open at any time of day)
_CLOCK_TIME = re.compile(r"\d\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\b24/7\b")


class _Calendar(NamedTuple):
    """bot/data/time_words.txt, read: each day or month form's stem -> (its kind, its place
    in the calendar), for the forms that are always a time (``always``) and for those that
    are one only beside another (``beside``: "sat" in "Mon-Sat"); each kind's full names in
    calendar order (stems); the words that name several days at once ("daily"); the times
    said relative to now ("last week" -> "last_week"); and the words joining a range."""

    always: dict[str, tuple[str, int]]
    beside: dict[str, tuple[str, int]]
    in_order: dict[str, list[str]]
    spans: dict[tuple[str, ...], frozenset[str]]
    relative: dict[tuple[str, ...], str]
    range_words: frozenset[str]


def _read_calendar() -> _Calendar:
    cal = _Calendar({}, {}, {}, {}, {}, frozenset())
    range_words: set[str] = set()
    for kind, *forms in wordlists.lines("time_words.txt"):
        if kind == "range":
            range_words.update(map(stem, forms))
        elif kind == "relative":
            cal.relative.update((tuple(map(stem, f.split("_"))), f) for f in forms)
        elif kind == "span":
            cal.spans[tuple(map(stem, forms[0].split("_")))] = frozenset(map(stem, forms[1:]))
        else:
            order = cal.in_order.setdefault(kind, [])
            order.append(stem(forms[0].rstrip("?")))
            for form in forms:
                table = cal.beside if form.endswith("?") else cal.always
                table[stem(form.rstrip("?"))] = (kind, len(order) - 1)
    return cal._replace(range_words=frozenset(range_words))


_CAL = _read_calendar()
_FULL_NAMES = frozenset(name for order in _CAL.in_order.values() for name in order)
_SPAN_SIZES = sorted({len(key) for key in _CAL.spans}, reverse=True)
_YEAR = re.compile(r"(?:19|20)\d\d")


def times_named(text: str, *, beside: bool = True) -> frozenset[str]:
    """The days, months and years a text names, and the times it says relative to now
    ("last week"): each day or month by its full name's stem, with every one between two
    joined as a range ("Monday to Friday", "Mon-Fri", "June to August"), the days a word
    names at once ("daily", "weekends", "every day"), and years as written ("2024").
    ``beside``: also the short forms ("Mon-Fri"), the forms that are a time only beside
    another of their kind ("Mon-Sat") and the words naming several days; not in a question,
    where "may" is a verb, "mon" may be a friend and "at weekends" asks about no day the
    answer must name."""
    said = [stem(w) for w in words(clean(text))]
    found: set[str] = set()
    times: list[tuple[int, str, int]] = []  # (position, kind, place) of each day or month
    for i, s in enumerate(said):
        if _YEAR.fullmatch(s):
            found.add(s)
        elif s in _CAL.always and (beside or s in _FULL_NAMES):
            times.append((i, *_CAL.always[s]))
        elif beside and s in _CAL.beside:
            kind = _CAL.beside[s][0]
            near = said[max(0, i - 2) : i] + said[i + 1 : i + 3]
            if any(_CAL.always.get(n, ("",))[0] == kind for n in near):
                times.append((i, *_CAL.beside[s]))
        for size in _SPAN_SIZES if beside else ():
            named = _CAL.spans.get(tuple(said[i : i + size]))
            if named is not None:
                found.update(named)
                break
    for pair in pairwise(said):
        if pair in _CAL.relative:
            found.add(_CAL.relative[pair])
    for n, (i, kind, place) in enumerate(times):
        found.add(_CAL.in_order[kind][place])
        if n + 1 < len(times):
            j, other, end = times[n + 1]
            between = said[i + 1 : j]
            if other == kind and end > place and all(w in _CAL.range_words for w in between):
                found.update(_CAL.in_order[kind][place + 1 : end])
    return frozenset(found)


def time_kind(named: str) -> str:
    """What a time times_named gives is: "day", "month", "year" or "relative" ("last_week")."""
    if _YEAR.fullmatch(named):
        return "year"
    kind = _CAL.always.get(named) or _CAL.beside.get(named)  # ("may", "march")
    return kind[0] if kind else "relative"


def times_asked(clause: str) -> frozenset[str]:
    """The days, months and years a question opening with its question word names ("what
    was the ranking *in september*", "how many minutes the week of *august* 4"), as
    times_named gives them; none for a question asked yes or no ("did it chart in
    september?"), which the fact's own time answers. ``clause``: a clause's words as the
    lexicon cleaned them."""
    said = clause.split()
    if not said or said[0] not in QUESTION_WORDS:
        return frozenset()
    return times_named(" ".join(said[1:]), beside=False)


def says_time_of_day(text: str) -> bool:
    """Whether a text (an answer) says a time of day: "from 9am", "at 7 p.m.", "at 09:00",
    "at midnight", "open 24/7" (not "on 21 July" nor "at 2.5 billion minutes")."""
    return bool(_CLOCK_TIME.search(text.lower())) or not _CLOCK_WORDS.isdisjoint(words(clean(text)))


def _frame_at(found: Sequence[str], frame: tuple[str, ...], i: int, j: int, any_gap: bool) -> bool:
    """Whether ``frame[j:]`` is said from ``found[i]`` on."""
    if j == len(frame):
        return True
    if frame[j] == GAP:
        if not any_gap and i < len(found) and found[i] in _OWN_GAP_OPENERS:
            return False
        last = min(len(found), i + FRAME_GAP_WORDS)
        return any(_frame_at(found, frame, k, j + 1, any_gap) for k in range(i + 1, last + 1))
    return (
        i < len(found) and found[i] == frame[j] and _frame_at(found, frame, i + 1, j + 1, any_gap)
    )


class NumberedTerms:
    """Terms written with a number, each folded into one token: with ``{"season": ["szn",
    "s"]}`` (the vocabulary's ``numbered``), "season 2", "season two", "szn 2", "2nd season",
    "second szn", "s2" and "s 2" all become ``season_2``.

    A term or a spelling of two letters or more counts before a number (one or two digits,
    or a number word: number_words.txt) or after an ordinal (ordinals.txt); a spelling of one
    letter ("s") only before one or two digits. A term and its spellings are single words;
    the loader refuses others, and they are left out here.
    """

    def __init__(self, terms: Mapping[str, Iterable[str]] | None = None) -> None:
        self._words: dict[str, str] = {}  # a spelling (the term's own too) -> the term
        self._letters: dict[str, str] = {}  # ...of one letter
        for term, spellings in (terms or {}).items():
            name = one_word(term)
            if not name:
                continue
            for spelling in (term, *spellings):
                word = one_word(spelling)
                if word:
                    (self._letters if len(word) == 1 else self._words).setdefault(word, name)
        # The words that may begin a numbered term, and every word folding reads.
        self.starts = frozenset(self._words.keys() | self._letters.keys())
        if self._words:
            self.starts |= ORDINALS.keys()
        self.reads = self.starts | NUMBER_WORDS.keys() if self.starts else frozenset()
        # The tokens' beginnings ("season_"): a numbered term is a concept.
        terms_made = {*self._words.values(), *self._letters.values()}
        self.prefixes = tuple(sorted(f"{name}_" for name in terms_made))

    def fold(self, tokens: list[str]) -> list[str]:
        """The tokens with each numbered term folded into one: "szn", "two" -> "season_2"."""
        starts = self.starts
        if starts.isdisjoint(tokens):
            return tokens  # the common case: nothing to fold
        if (
            ORDINALS.keys().isdisjoint(tokens)
            and NUMBER_WORDS.keys().isdisjoint(tokens)
            and not any(map(str.isdecimal, tokens))
        ):
            return tokens  # a term with no number after it and no ordinal before it
        spelled, letters = self._words, self._letters
        out: list[str] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            if tok not in starts:
                out.append(tok)  # most words begin no numbered term
                i += 1
                continue
            nxt = tokens[i + 1] if i + 1 < n else ""
            number = NUMBER_WORDS.get(nxt, nxt)
            # isdecimal, not isdigit: "❸" or "²" pass isdigit() but int() refuses them
            if (
                tok in spelled
                and number.isdecimal()
                and len(number) <= 2
                # "ballard one of connelly's creations": "one of" after another word for
                # the term is the pronoun ("season one of ballard" is still season 1)
                and not (
                    nxt == "one" and i + 2 < n and tokens[i + 2] == "of" and spelled[tok] != tok
                )
            ):
                out.append(f"{spelled[tok]}_{int(number)}")
                i += 2
            elif tok in ORDINALS and nxt in spelled:
                out.append(f"{spelled[nxt]}_{ORDINALS[tok]}")
                i += 2
            elif tok in letters and nxt.isdecimal() and len(nxt) <= 2:
                out.append(f"{letters[tok]}_{int(nxt)}")
                i += 2
            else:
                out.append(tok)
                i += 1
        return out


def one_word(text: str) -> str | None:
    """The one word of letters ``text`` is, as cleaned ("Season" -> "season"), or None."""
    found = words(clean(text))
    return found[0] if len(found) == 1 and found[0].isalpha() else None


NO_NUMBERED_TERMS = NumberedTerms()


def has_emoji(text: str) -> bool:
    """Whether a message holds an emoji or another symbol ("😍", "🔥", "♥"), or a Discord
    custom emoji: a reaction as much as words are. ("❓", "❗" are marks: see _EMOJI_MARKS.)"""
    if text.isascii():
        return "<" in text and _CUSTOM_EMOJI.search(text) is not None
    return any(unicodedata.category(ch) == "So" and ch not in _EMOJI_MARKS for ch in text) or (
        _CUSTOM_EMOJI.search(text) is not None
    )


def is_number(token: str) -> bool:
    """True for tokens such as "14", "14.85"."""
    return token[:1].isdecimal() and _NUMBER.fullmatch(token) is not None


def normalise_phrase(text: str, numbered: NumberedTerms = NO_NUMBERED_TERMS) -> list[str]:
    """The stemmed tokens of a short phrase, as used for vocabulary entries and keywords, and
    for the loader's duplicate questions: its words, numbered terms folded, stemmed."""
    return normalise_words(words(clean(text)), numbered)


def normalise_words(found: list[str], numbered: NumberedTerms = NO_NUMBERED_TERMS) -> list[str]:
    """:func:`normalise_phrase` of a phrase whose words are ``found``."""
    return list(map(stem, numbered.fold(found)))


def load_common_words() -> dict[str, float]:
    """Common English words mapped to their Zipf frequency (see tools/make_common_words.py)."""
    return {
        word: float(zipf) for zipf, *group in wordlists.lines("common_words.txt") for word in group
    }
