#!/usr/bin/env python
"""Chat words around clear questions: does the question keep its answer?

    python tools/chat_sweep.py              # counts, and the messages that miss
    python tools/chat_sweep.py --knowledge K
    python tools/chat_sweep.py --domains    # the development domains' bases instead

Fans wrap questions in greetings, laughs, tags and emoticons ("yikes who plays ballard",
"is bosch in it lolol", "where can i watch it :D"), and ask them indirectly ("any idea who
plays ballard"). Each chat word of BEFORE is put before, and each of AFTER after, four clear
questions of the shipped base, each frame of FRAMES around eight questions asked
indirectly, 40 questions in chat spellings (SPELLED), and six questions inside sentences of
chat (CHAT, INSIDE, CHAT_AFTER); a message misses when it is not answered with the
question's fact alone. The words were written on 4 December 2026, before
looking at the bot's answers (general English chat, not any evaluation set's). Printed:
the misses, then how many of all. tests/test_chat_words.py holds the misses to KNOWN.

With ``--domains``, the chat words of BEFORE and AFTER go around four plain questions of
each development domain's base (eval/domains-dev/: built from example questions alone, no
vocabulary), and each question goes inside the sentences of DOMAIN_CHAT, all written on 4
December 2026 (eighth session) before asking those bases: what an admin's new base makes
of chat. A plain question its base does not answer as it is
written is left out (and printed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from bot.knowledge import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402

QUESTIONS = {
    "is bosch in it": "bosch-appearance",
    "when does season 2 come out": "season2-release-date",
    "who plays ballard": "lead-actor",
    "where can i watch it": "where-to-watch",
}
# one a word; "-" stands for a space ("quick-q": "quick q")
BEFORE = """ok okay so hey hi yo sup hmm ugh ahh oh ohh omg lmao bruh bro fam dude guys y'all pls
please quick-q real-quick random-q serious-q honest-q genuine-question question sorry wait welp
yikes jeez gosh geez dang whoa wow yo-yo hiya heya howdy alright right well also and but anyway
anyways btw fyi psa lowkey highkey ngl tbh imo fr deadass honestly seriously genuinely legit
actually basically like um uh er erm ah eh huh ooh oop aye ayy oi bestie besties chat folks
people everyone mods bot hey-bot yo-bot okok kk k ty thx gm hellooo heyyy yooo soooo omgggg
wait-wait ok-so so-like ok-but hey-guys hi-all hello-everyone""".split()
AFTER = """lol lmao 😭 pls plz please thx ty tho fr frfr ngl tbh btw rn asap again anyone?
someone? guys y'all bro bruh fam lowkey idk imo haha xd 💀 👀 🙏 ? ?? ?! !! ... :) :( :D ;) <3
xD ^^ -_- T_T uwu owo lolz lulz kek hahah hehe teehee jk smh ikr istg ong fs ty! thanks!
plsss pleaseee 🥺 🤔 😂😂 ‼️ ⁉️ (asking-for-a-friend) (no-spoilers) [serious] /s /j""".split()


# Questions asked indirectly ("any idea who plays ballard"): each frame around each
# question as a clause of its own
EMBEDDED = {
    "when season 2 comes out": "season2-release-date",
    "who plays ballard": "lead-actor",
    "where i can watch it": "where-to-watch",
    "if bosch is in it": "bosch-appearance",
    "if it is based on a book": "source-books",
    "what the rotten tomatoes score is": "reviews",
    "whether it got renewed": "season2-renewal",
    "who the showrunners are": "showrunners",
}
FRAMES = [
    *["does anyone know {q}", "do you know {q}", "any idea {q}", "anyone know {q}"],
    *["can someone tell me {q}", "i wonder {q}", "im curious {q}", "i was wondering {q}"],
    *["quick question, {q}?", "just wondering {q}", "does anybody know {q}?", "do we know {q}"],
    *["has anyone heard {q}", "i'd like to know {q}", "i want to know {q}", "i wanna know {q}"],
    *["trying to figure out {q}", "can anyone tell me {q}?", "could someone tell me {q}"],
    *["hey guys, does anyone know {q}?", "not sure {q}, anyone?", "im trying to find out {q}"],
    *["would love to know {q}", "need to know {q}", "tell me {q}", "idk {q}"],
    *["so confused about {q}", "can u tell me {q}", "cn u tell me {q}", "sb know {q}?"],
    *["somebody know {q}?", "do any of you know {q}"],
]


# Questions in chat spellings ("wen is s2 comin out", "whos da main actress"), written on 4
# December 2026 (seventh session) before looking at the answers
SPELLED = [
    ("wen is s2 comin out", "season2-release-date"),
    ("wen r they droppin s2", "season2-release-date"),
    ("whens s2", "season2-release-date"),
    ("wat day does s2 come out", "season2-release-date"),
    ("wut is da release date 4 s2", "season2-release-date"),
    ("r they makin a s2", "season2-renewal"),
    ("is der gonna b a season 2", "season2-renewal"),
    ("is ther gonna be a s2", "season2-renewal"),
    ("dey renewin it or nah", "season2-renewal"),
    ("who dat playin ballard", "lead-actor"),
    ("whos da main actress", "lead-actor"),
    ("hu plays ballard", "lead-actor"),
    ("who plyas ballard", "lead-actor"),
    ("wher can i wach it", "where-to-watch"),
    ("where cn i stream it", "where-to-watch"),
    ("wher 2 watch ballard", "where-to-watch"),
    ("iz it on prime", "where-to-watch"),
    ("is it on amazn prime", "where-to-watch"),
    ("is bosh in it", "bosch-appearance"),
    ("does harrry bosch show up", "bosch-appearance"),
    ("is titus welliver in dis", "bosch-appearance"),
    ("wat is it abt", "premise"),
    ("whats da plot", "premise"),
    ("wats ballard about", "premise"),
    ("is it basd on a book", "source-books"),
    ("who rote the books", "source-books"),
    ("wat did critics think", "reviews"),
    ("hows da rotten tomatoes score", "reviews"),
    ("wat r the reviews like", "reviews"),
    ("how many ppl watchd it", "viewership"),
    ("how many mins did ppl watch", "viewership"),
    ("did it chart on nielson", "nielsen-ranking"),
    ("whos da showrunner", "showrunners"),
    ("who r the producers", "producers"),
    ("how did s1 end", "season1-ending"),
    ("wen did s1 come out", "season1-premiere"),
    ("wen did it premeire", "season1-premiere"),
    ("wher r they filmin s2", "season2-production"),
    ("how much $ did cali give em", "season2-tax-credit"),
    ("wat happens in s2", "season2-story"),
]


# A question inside chat: a sentence of chat before it (its "word" here), and one after it
# or none ("... last night. who plays the main character? thanks in advance!")
CHAT = [
    "just finished the whole season last night and im still thinking about it.",
    "ok so my roommate got me into this show and now im obsessed lol.",
    "long time lurker, first post here!",
    "sorry if this has been asked a million times already.",
    "i was at my cousins place this weekend and we binged like five episodes straight.",
    "honestly the acting is so good and the cases are really interesting",  # (run on)
    "my dad is a huge bosch fan and keeps asking me stuff i cant answer 😅",
    "so i have a long flight coming up and need something to watch.",
]
INSIDE = {
    "who plays the main character?": "lead-actor",
    "when is season 2 coming out?": "season2-release-date",
    "is harry bosch actually in it?": "bosch-appearance",
    "where can i stream it?": "where-to-watch",
    "is it based on one of the books?": "source-books",
    "did it get renewed?": "season2-renewal",
}
CHAT_AFTER = ["", "thanks in advance!", "would appreciate any info 🙏", "anyway back to it lol"]

# Chat of any base around a question, a sentence of it before and a word of thanks after (or
# none), for the development domains' plain questions (see --domains)
DOMAIN_CHAT = [
    "long day at work and my brain is fried.",
    "sorry if this was asked before!",
    "first time messaging here, hope this is the right place.",
    "ok so i have kind of a weird situation.",
    "my friend told me to ask you guys.",
    "i tried looking on the website but couldnt find it",  # (run on)
    "hi, hope you're all having a good week.",
    "not sure who to ask about this lol",  # (run on, after a laugh)
]
DOMAIN_CHAT_AFTER = ["", "thanks so much!", "any help appreciated", "cheers"]

# Plain questions of the development domains (see --domains)
DOMAIN_QUESTIONS = {
    "bikeshare": {
        "how do i unlock a bike": "unlock-bike",
        "how much is a day pass": "day-pass",
        "what do i do if the dock is full": "dock-full",
        "how do i cancel my membership": "cancel-membership",
    },
    "dental": {
        "how do i book an appointment": "book-appointment",
        "what are your opening hours": "opening-hours",
        "do you take my insurance": "insurance-accepted",
        "do you see children": "children-dentistry",
    },
    "ferry": {
        "how do i book a ticket": "book-a-ticket",
        "can i bring my dog on the ferry": "pets-on-board",
        "how long is the crossing": "crossing-duration",
        "where do i park at the terminal": "parking-at-terminal",
    },
    "isp": {
        "how do i reset my wifi password": "wifi-password",
        "is there an outage in my area": "outages-status",
        "how do i cancel my contract": "cancel-contract",
        "how do i set up my router": "router-setup",
    },
    "venue": {
        "how do i buy tickets": "buying-tickets",
        "what time do doors open": "doors-set-times",
        "is there a cloakroom": "coat-check",
        "can i get a refund": "refunds",
    },
}


def messages() -> list[tuple[str, str, str]]:
    """(message, its chat word or frame, the fact it asks) for every chat word and question,
    and every frame and embedded question."""
    out = []
    out += wrapped(QUESTIONS)
    for question, fact in EMBEDDED.items():
        out += [(frame.format(q=question), frame, fact) for frame in FRAMES]
    out += [(text, text, fact) for text, fact in SPELLED]
    for chat in CHAT:
        for question, fact in INSIDE.items():
            out += [(f"{chat} {question} {after}".strip(), chat, fact) for after in CHAT_AFTER]
    return out


def wrapped(questions: dict[str, str]) -> list[tuple[str, str, str]]:
    """(message, its chat word, the fact it asks): each chat word around each question."""
    out = []
    for question, fact in questions.items():
        out += [(f"{w.replace('-', ' ')} {question}", w, fact) for w in BEFORE]
        out += [(f"{question} {w.replace('-', ' ')}", w, fact) for w in AFTER]
    return out


def inside_chat(questions: dict[str, str]) -> list[tuple[str, str, str]]:
    """(message, its chat sentence, the fact it asks): each question inside DOMAIN_CHAT."""
    return [
        (f"{chat} {question}? {after}".strip(), chat, fact)
        for question, fact in questions.items()
        for chat in DOMAIN_CHAT
        for after in DOMAIN_CHAT_AFTER
    ]


def misses(
    matcher: Matcher, asked: list[tuple[str, str, str]] | None = None
) -> list[tuple[str, str, str]]:
    """(message, chat word, outcome) of the messages not answered with their fact."""
    out = []
    for text, word, fact in messages() if asked is None else asked:
        result = matcher.match(text)
        if result.ids != [fact]:
            out.append((text, word, f"{result.outcome} {','.join(result.ids)}".strip()))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument("--domains", action="store_true", help="the development domains")
    args = parser.parse_args(argv)
    if args.domains:
        return sweep_domains()
    missed = misses(Matcher(load_knowledge(args.knowledge)))
    for text, _, outcome in missed:
        print(f"  {text!r}: {outcome}")
    print(f"{len(missed)} of {len(messages())} messages miss their question's answer")
    return 0


def domain_misses() -> tuple[list[tuple[str, str, str]], int, list[str]]:
    """The misses over the development domains, how many messages were asked, and the plain
    questions left out (their base does not answer them as written)."""
    import generalisation

    missed: list[tuple[str, str, str]] = []
    asked = 0
    left_out: list[str] = []
    for name, questions in DOMAIN_QUESTIONS.items():
        matcher = Matcher(generalisation.domain_kb(generalisation.DEV_DOMAINS / name))
        plain = {q: f for q, f in questions.items() if matcher.match(q).ids == [f]}
        left_out += [f"{name}: {q!r}" for q in questions if q not in plain]
        messages_of = wrapped(plain) + inside_chat(plain)
        asked += len(messages_of)
        missed += [(f"{name}: {t}", w, o) for t, w, o in misses(matcher, messages_of)]
    return missed, asked, left_out


def sweep_domains() -> int:
    missed, asked, left_out = domain_misses()
    for text, _, outcome in missed:
        print(f"  {text!r}: {outcome}")
    for question in left_out:
        print(f"left out, not answered as written: {question}")
    print(f"{len(missed)} of {asked} messages miss their question's answer")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
