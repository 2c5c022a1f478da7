"""The cleaning of a raw message, before its words are read (pure).

:func:`clean` makes a message (or a knowledge base's text) lowercase plain text: Discord
markup, emoticons and tone tags dropped, words written in capitals read ("ID"), contractions
that need their apostrophe written out, the marks of a list of questions and other marks
between questions written as clause breaks, marks written as emoji read as marks, and
accents, zalgo and other scripts' marks folded (:class:`_CharFold`). Clause punctuation
stays: bot.text reads the clauses and words of the cleaned text. :func:`has_emoji` and
:func:`has_emoticon` tell whether a message holds what cleaning drops.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot import wordlists
from bot.word_classes import CLAUSE_OPENERS

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
# clause of its own, said after the question (on a line of its own: no list's mark, which
# would make the clause before it an item of a list, asked on its own)
_CLOSING_ASIDE = re.compile(r"\(([^()\n]{1,200})\)(?=[\s.!?]*$)")
# Emoticons written with a letter or digit (":D", ":P", ";p", ":3", "<3", "T_T", "o_O") and
# tone tags ("/j", "/s": bot/data/tone_tags.txt), between spaces: read as an emoji is, not
# as the rare words "d", "p", "3", "j" that sank the question beside them ("who plays
# ballard :D" got a "did you mean" at 0.08)
# (longest first, so that "/srs" is not taken for "/s")
_TONE_TAGS = "|".join(
    map(re.escape, sorted(wordlists.word_set("tone_tags.txt"), key=lambda t: (-len(t), t)))
)
# (each as the characters it begins with and the rest of it)
_EYES = ("[t0o]", "_+[t0o]")
_EMOTICONS = (
    ("[:;=]", "[-'^]?[dpo3xbs]+"),
    ("<", "/?3+"),
    _EYES,
    ("/", f"(?:{_TONE_TAGS})"),
    # ...and an emoji's shortcode typed or pasted as text (":pepe_think:", ":sob:")
    (":", r"(?=[\w+-]*[a-z])[\w+-]{2,32}:"),
)
# (NUL as a space: bot/_fastpath.py looks at texts joined by it)
_EMOTICON_END = r"(?![^\s.,!?;\0])"
_EMOTICON = re.compile(
    r"(?<![^\s\0])(?:"
    + "|".join(f"{first}{rest}" for first, rest in _EMOTICONS)
    + ")"
    + _EMOTICON_END,
    re.IGNORECASE,
)
# Whether a text holds one is looked for in two parts (see has_emoticon): the emoticons
# beginning with a mark, that mark matched before the look behind it for a space and the
# look at which emoticon it begins (a pattern beginning with a set of characters lets the
# scan skip to those: over a long text, such as a base's answers joined, several times
# faster than _EMOTICON, which tries its look behind at every character), and the eyes
# ("T_T"), only in a text holding "_".
_MARKED_EMOTICON = re.compile(
    r"[:;=</](?<![^\s\0].)(?:"
    + "|".join(f"(?<={first}){rest}" for first, rest in _EMOTICONS if (first, rest) != _EYES)
    + ")"
    + _EMOTICON_END,
    re.IGNORECASE,
)
_EYES_EMOTICON = re.compile(r"(?<![^\s\0])" + "".join(_EYES) + _EMOTICON_END, re.IGNORECASE)
# A dash between words of chat ("two things - is bosch in it", "paint -- is it", "paint—is
# it") marks a break as a colon does: clean() writes it as one, and clauses() (bot.text)
# ends a clause there only before a question (see COLON_QUESTION). A hyphen inside a word
# ("co-star", "10-12") is not one.
# Other marks fans put between questions or topics end a clause wherever they are (clean()
# writes them as ";", see _mark_break): a slash, bar, ampersand, plus, tilde, star or arrow
# between spaces ("who plays her / is it on prime", "rt score & nielsen ranking", a "* "
# bullet), and bullets and arrows wherever they are ("• is harry in it").
_MARK_BREAK = re.compile(
    r"(?<=\s)[-\u2013\u2014]+|[-\u2013\u2014]+(?=\s)|[\u2013\u2014]+|-{2,}"
    r"|(?<!\S)(?:=>|>>+|[/|&+~*]+)(?!\S)|[\u2022\u2023\u2043\u25aa\u25ba\u2192]"
)
# ...each of its matches begins with one of these (a text without any needs no scan)
_MARK_STARTS = frozenset("-/|&+~*=>\u2013\u2014\u2022\u2023\u2043\u25aa\u25ba\u2192")

# (a single space is left as it is: each word of a message would otherwise be a replacement)
# It is r"[^a-z0-9 .?!;:,\n]+", written to open with its set of characters, as bot.text's
# _CLAUSE_BREAK (3 times faster on long text).
_ASCII_JUNK = re.compile(r"[^a-z0-9 .?!;:,\n][^a-z0-9 .?!;:,\n]*")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")

CLEANED_KEPT = 8  # texts whose cleaning clean() keeps (see there)
ZERO_WIDTH_SPACE = "\u200b"  # dropped, as inside a word; see Matcher.match for between words
MAX_CHARS = 4_000  # longer messages are cut: Discord itself stops at 4,000 (Nitro)

# "ID" (not "id", a chat "I'd") -> "identification": see bot/data/capitals.txt
CAPITALS = {k: " ".join(v) for k, v in wordlists.table("capitals.txt").items()}
_CAPITAL_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, CAPITALS)) + r")\b")
# "we're" -> "we are": contractions that read as another word without their apostrophe
_WITH_APOSTROPHE = {k: " ".join(v) for k, v in wordlists.table("apostrophes.txt").items()}
_LETTERS = re.compile(r"[a-z]+")
_APOSTROPHE_HEADS = {k.partition("'")[0] for k in _WITH_APOSTROPHE}

# A colon before a question ends a clause ("two things: is bosch in it, and who plays
# renee"; "two things: whats the date"), and so does one after a phrase that announces a
# question (bot/data/announcers.txt: "quick q: cast list", whose "quick q" is then said
# before it, as "quick q, cast list" is); one before anything else does not ("bosch:
# legacy"): clauses() (bot.text) splits there.
_STARTER = "|".join(sorted(CLAUSE_OPENERS, key=len, reverse=True))
_ANNOUNCED = "".join(
    rf"|(?<=\b{re.escape(' '.join(phrase))}:)" for phrase in wordlists.lines("announcers.txt")
)
COLON_QUESTION = re.compile(rf":(?:(?=[ \t]*(?:{_STARTER})\b){_ANNOUNCED})")
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


# Discord's quotes: a line opening with "> " quotes that line, one opening with ">>> " quotes
# the rest of the message (someone else's words, or the fan's own said before)
_QUOTED_BLOCK = re.compile(r"^[ \t]*>>>[ \t].*\Z", re.MULTILINE | re.DOTALL)
_QUOTE_LINE = re.compile(r"^[ \t]*>[ \t][^\n]*(?:\n|\Z)", re.MULTILINE)
_WORDED = re.compile(r"[^\W_]")


def unquoted(text: str) -> str:
    """A message without the lines it quotes ("> s1 was so good" then the fan's question:
    what the fan asks is the rest), or the message as it is when it is all quote ("> who
    plays her", a question quoted to ask it again)."""
    if ">" not in text:
        return text
    rest = _QUOTE_LINE.sub("", _QUOTED_BLOCK.sub("", text))
    return rest if _WORDED.search(rest) else text


def quoted_lines(text: str) -> str:
    """The lines a message quotes, without their marks ("> is it renewed" then "when does
    it come out": "is it renewed"), or "" when it quotes none."""
    if ">" not in text:
        return ""
    found = [m[0] for m in _QUOTED_BLOCK.finditer(text)]
    found += [m[0] for m in _QUOTE_LINE.finditer(_QUOTED_BLOCK.sub("", text))]
    return "\n".join(line.lstrip(" \t>").rstrip("\n") for line in found)


@lru_cache(maxsize=CLEANED_KEPT)
def clean(text: str) -> str:
    """Lowercase plain text: Discord markup, accents, zalgo, emoji and zero-width marks removed.

    Clause punctuation (. ? ! ; : , newline) is kept so that :func:`bot.text.clauses` can work.
    (The last few texts cleaned are kept: a message is read by several of the matcher's
    steps, each from the message as sent.)
    """
    text = text[:MAX_CHARS]
    if may_hold_capitals(text):
        text = _read_capitals(text)
    if "<" in text or "@" in text or "http" in text:  # markup is rare: skip the regex
        text = _DISCORD_TOKENS.sub(" ", text)
    if "#" in text:
        text = _HASH_NUMBER.sub(r" number \1", _hash_marks(text))  # "#1 on prime" -> "number 1"
    if ")" in text:
        text = _CLOSING_ASIDE.sub(r"\n\1", text)
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
    # (U+0345, a combining mark like the accents dropped below, is the one that casefolds to a
    # letter, "ι": dropped first, so zalgo text's "seasonͅ" reads "season")
    text = unicodedata.normalize("NFKD", text).replace("\u0345", "").casefold()
    # (apostrophes first, as above: "1) who’s" reads as "1) whos" in either path)
    text = drop_apostrophes(_APOSTROPHES.sub("'", text))
    if not _MARK_STARTS.isdisjoint(text):  # (a scan of a long text is slow; a look is not)
        text = _MARK_BREAK.sub(_mark_break, text)
    text = _list_marks(text)
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
    return may_hold_emoticons(text) and (
        _MARKED_EMOTICON.search(text) is not None
        or ("_" in text and _EYES_EMOTICON.search(text) is not None)
    )


def may_hold_capitals(text: str) -> bool:
    """Whether ``text`` may hold a word of bot/data/capitals.txt written in capitals ("ID")."""
    return any(map(text.__contains__, CAPITALS))


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
        if (
            len(run) > 1
            and (
                all(m[4] is not None or m[1] or m[3] in _CLOSES_ITSELF for m in run)
                # ...or a list that opens the message, or a line, or follows a colon ("1.
                # premiere date 2. showrunners"): its items may be requests without a question
                or text[: run[0].start()].rstrip(" \t")[-1:] in ("", "\n", ":")
            )
        ):
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


def has_emoji(text: str) -> bool:
    """Whether a message holds an emoji or another symbol ("😍", "🔥", "♥"), or a Discord
    custom emoji: a reaction as much as words are. ("❓", "❗" are marks: see _EMOJI_MARKS.)"""
    if text.isascii():
        return "<" in text and _CUSTOM_EMOJI.search(text) is not None
    return any(unicodedata.category(ch) == "So" and ch not in _EMOJI_MARKS for ch in text) or (
        _CUSTOM_EMOJI.search(text) is not None
    )
