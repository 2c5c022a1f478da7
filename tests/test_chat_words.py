"""A clear question keeps its answer whatever chat word comes before or after it.

A sweep of chat words around four clear questions (written on 4 December 2026, before
looking at the bot's answers) found 145 of 728 messages answered with a "did you mean" or
nothing: a greeting, laugh or tag that is no word of bot/data/ ("yikes", "jeez", "sup",
"lolol", ":D", "<3", "/j") weighed as a rare word no fact explains, or stopped the words
after it from reading as a question. Words of address that may be the subject of a
sentence ("chat", "bot", "mods", "right") are not in bot/data/interjections.txt, since
"chat is dead" is no question: "chat is bosch in it" gets a "did you mean" without its "?".
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher

QUESTIONS = {
    "is bosch in it": "bosch-appearance",
    "when does season 2 come out": "season2-release-date",
    "who plays ballard": "lead-actor",
    "where can i watch it": "where-to-watch",
}
BEFORE = """ok okay so hey hi yo sup hmm ugh ahh oh ohh omg lmao bruh bro fam dude guys y'all pls
please quick-q real-quick random-q serious-q honest-q genuine-question question sorry wait welp
yikes jeez gosh geez dang whoa wow hiya heya howdy alright well also and but anyway anyways btw
fyi psa lowkey highkey ngl tbh imo fr deadass honestly seriously genuinely legit actually
basically like um uh er erm ah eh huh ooh oop aye ayy oi folks people everyone okok kk k ty
thx gm hellooo heyyy yooo soooo omgggg ok-so ok-but hey-guys hello-everyone lolol hahahaha
hehe xd yay damn oof sheesh""".split()
AFTER = """lol lmao 😭 pls plz please thx ty tho fr frfr ngl tbh btw rn asap again anyone?
someone? guys y'all bro bruh fam lowkey idk imo haha xd 💀 👀 🙏 ? ?? ?! !! ... :) :( :D ;) <3
xD ^^ -_- T_T uwu owo lolz lulz kek hahah hehe teehee jk smh ikr istg ong fs ty! thanks!
plsss pleaseee 🥺 🤔 😂😂 (asking-for-a-friend) (no-spoilers) /s /j lolol hahahaha :P""".split()


@pytest.mark.parametrize(("question", "fact"), QUESTIONS.items())
def test_a_chat_word_before_or_after_a_question_keeps_its_answer(
    matcher: Matcher, question: str, fact: str
) -> None:
    messages = [f"{w.replace('-', ' ')} {question}" for w in BEFORE]
    messages += [f"{question} {w.replace('-', ' ')}" for w in AFTER]
    missed = [(m, matcher.match(m).outcome) for m in messages if matcher.match(m).ids != [fact]]
    assert missed == []
