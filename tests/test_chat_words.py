"""A clear question keeps its answer whatever chat word comes before or after it
(tools/chat_sweep.py).

The sweep was written on 4 December 2026 before looking at the bot's answers. Its first
family, chat words around four questions (728 messages), had 145 answered with a "did you
mean" or nothing when written: a greeting, laugh or tag that is no
word of bot/data/ ("yikes", "jeez", "sup", "lolol", ":D", "<3", "/j") weighed as a rare word
no fact explains, or stopped the words after it from reading as a question. What is left
(KNOWN) are "right" before a question, a tag in brackets, and doubt ("idk if bosch is in
it"). The server's words of address ("chat", "mods", "bot", "bestie") had been kept out of
bot/data/interjections.txt because they may be a sentence's subject ("chat is dead"); since
5 December 2026 (fourteenth session) they are in it: skipped only before a question starter,
they cost no answer on any set and gained some on the sets kept for judging.
The frames around questions asked indirectly, 58 of 256 missed on 4 December 2026 (the sweep
copied into a worktree of f10890a): "whether" weighed as a word of its own, and "any idea",
"has anyone heard", "would love to know", "trying to figure out" did not announce the
question after them.
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from tests.conftest import load_tool

KNOWN = {
    "right",
    "[serious]",
    # doubt, which a question beside it may follow ("not sure if i like it", "idk if i'll
    # watch it"): bot/data/indirect_askers.txt leaves it out on purpose
    "not sure {q}, anyone?",
    "idk {q}",
    # as an announcer, "confused about" made "i'm confused about how nielsen measures
    # streaming" (a near miss of blind-4) the Nielsen ranking
    "so confused about {q}",
    # chat spellings left out of bot/data/contractions.txt ("da" may be a district attorney,
    # "r" rated, "2" a number), a statement ("they renew it"), an English word ("rote")
    "r they makin a s2",
    "dey renewin it or nah",
    "wher 2 watch ballard",
    "whats da plot",
    "who rote the books",
    "hows da rotten tomatoes score",
    # chat that names a fact gets it beside the question's answer ("... huge bosch fan ...
    # did it get renewed?"), and a run-on question whose subject is a name
    "my dad is a huge bosch fan and keeps asking me stuff i cant answer 😅",
    "honestly the acting is so good and the cases are really interesting",
}


# A question the chat around it does not change: since the second admin batch (5 December
# 2026) "where can i stream it?" is answered at 0.71 said alone (0.81 before), the Nielsen
# ranking's "streaming originals" example making it a runner-up, and some chat around it
# sinks it to a "did you mean".
# And since a short message naming another entry's keyword is offered, not answered (bot.
# matching.Matcher._named_elsewhere, 8 December 2026): "wat day does s2 come out" says "day",
# a keyword of the premiere, which season 2's date does not use; it is offered with the
# premiere.
KNOWN_QUESTIONS = ("where can i stream it", "where cn i stream it", "wat day does s2 come out")


def test_a_chat_word_before_or_after_a_question_keeps_its_answer(matcher: Matcher) -> None:
    missed = load_tool("chat_sweep").misses(matcher)
    assert [
        (text, outcome)
        for text, word, outcome in missed
        if word not in KNOWN and not any(q in text for q in KNOWN_QUESTIONS)
    ] == []


# Over the development domains' bases (no vocabulary): "fs" (for sure, rare) and a doubled
# "wait wait" (its second "wait" read as the waitlist) besides the words of address above;
# a question run on after four words of chat ("couldnt find it can i…": five are needed, see
# bot.reading._CHAT_BEFORE), and a question after chat that says what it is for.
KNOWN_IN_DOMAINS = KNOWN | {
    "fs",
    "wait-wait",
    "i tried looking on the website but couldnt find it",
    "my friend told me to ask you guys.",
}


def test_chat_words_keep_the_answer_in_bases_without_vocabulary() -> None:
    """The same chat words around four plain questions of each development domain (tools/
    chat_sweep.py --domains, written on 4 December 2026, eighth session, before asking
    those bases): 156 of 3,458 missed when written, 97 once "bro", "fam", "dude", "bestie",
    "besties" and "rn" were stopwords and "brb", "gtg", "ttyl", "afk" interjections (never
    a typo: "napping brb" had made "brb" the stopword "bro", and the venue base answered
    "napping" as vaping). The questions inside sentences of chat (608 more), written the
    same day: 19 missed, 11 once a laugh before a question ended the chat before it. 107 of
    the 4,066 in all on 5 December 2026, 34 once the server's words of address ("chat",
    "mods", "bot", "bestie") were interjections."""
    missed, asked, _ = load_tool("chat_sweep").domain_misses()
    assert asked == 3458 + 608
    assert {word for _, word, _ in missed} <= KNOWN_IN_DOMAINS
    assert len(missed) <= 34


def test_lmk_after_a_question_is_let_me_know(matcher: Matcher) -> None:
    """ "lmk" ("let me know") after a question asks it, and is no word of it (a "did you
    mean" for "is bosch in it lmk" before it was written out)."""
    assert matcher.match("is bosch in it lmk").ids == ["bosch-appearance"]
    assert matcher.match("when does season 2 come out lmk").ids == ["season2-release-date"]


@pytest.mark.parametrize(
    "message",
    [
        "who plays ballard tia",
        "where can i watch it tysm",
        "is bosch in it tyvm",
        "who plays ballard ty in advance",
        "who plays ballard :pepe_think:",
        "hii is bosch in it",
        "help pls who plays ballard",
        "aight so did it get renewed",
        "who plays ballard xoxo",
        "is bosch in it ily",
        "where can i watch it much love",
        "@Ballard Bot who plays ballard",  # a name typed after "@", not a mention
        "who plays ballard (asking for my mom)",  # an aside in brackets closing it
        # ...after a question that ends with a clause of its own: the aside is no list's
        # mark, and that clause no item of a list ("according to maggie" had been asked on
        # its own, and got the lead actor)
        "how have people been reacting to it, according to maggie? (asking for a friend)",
        "is bosch in it </3",
    ],
)
def test_thanks_signed_off_and_emoji_shortcodes_are_no_words_of_the_question(
    matcher: Matcher, message: str
) -> None:
    """Thanks written short after a question ("tia", "tysm", "tyvm", "ty in advance"), an
    emoji's shortcode typed as text, a greeting's held letter, a name typed after "@", an
    aside in brackets at the end and a broken heart say nothing of what is asked: each had
    sunk a plain question to a "did you mean" or nothing (questions of my own, 5 December
    2026)."""
    result = matcher.match(message)
    assert result.outcome == "answer"
    assert len(result.ids) == 1, result.ids


def test_am_is_no_opener_a_typo_is_read_as(matcher: Matcher) -> None:
    """ "am" opens a question ("am i…") but is no opener a typo or a name is read as, glued
    or misspelt: "ambt" is "abt" misspelt, not "am bt" (a seeded typo of a development
    question, `tools/typo_examples.py --labelled`), and "amy" stays a name."""
    assert matcher.match("wat's s2 gonna be ambt").ids == ["season2-story"]
    said = matcher.lexicon.analyse("amy said it got renewed lol").clause_texts
    assert said == ("amy said it got renewed lol",)


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("whoplays ballard", "lead-actor"),
        ("wherecan i watch it", "where-to-watch"),
        ("isit renewed", "season2-renewal"),
        ("can i cancell my order", None),  # (a typo is mended first: no "can cell")
    ],
)
def test_a_question_opener_glued_to_the_next_word_is_read_apart(
    matcher: Matcher, message: str, fact: str | None
) -> None:
    """A missed space after a question's opener ("whoplays ballard") leaves a word no base
    uses: read as the opener and the word after it, where the rest is a word of the base
    or of everyday English and no word of the base is a typo away (questions of my own,
    5 December 2026; no labelled figure moved)."""
    if fact is None:
        assert "cell" not in [t.text for t in matcher.lexicon.analyse(message).tokens]
    else:
        assert matcher.match(message).ids == [fact]
