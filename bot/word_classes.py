"""English word classes and contractions, from bot/data/ (read by bot/wordlists.py) (pure).

Contractions and chat spellings ("whats", "rly") and how they are written out
(:func:`expand_contractions`), number words and ordinals, function words (stopwords),
leaders and interjections, question words and the words that open a question. The cleaning
of a message (bot.cleaning: a list's marks count before a question) and the reading of its
words and clauses (bot.text) both build on them, so they sit below both.
"""

from __future__ import annotations

from bot import wordlists

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
NUMBER_WORDS = wordlists.number_table("number_words.txt")  # "two" -> "2"
ORDINALS = wordlists.number_table("ordinals.txt")  # "second", "2nd" -> "2"

# Function words: they never decide which fact a question is about.
STOPWORDS = wordlists.word_set("stopwords.txt")
# Leaders open a clause without changing whether it is a question ("and does it..."); the
# interjections and words of address are said before one ("guys is it out"): bot.reading
# reads both, and a relative pronoun never follows them (see bot.text.clauses)
LEADERS = wordlists.word_set("leaders.txt")
INTERJECTIONS = wordlists.word_set("interjections.txt")
# a clause of these words only, before another, is said before it ("oh wait | how do i…")
SAID_BEFORE = LEADERS | INTERJECTIONS
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
