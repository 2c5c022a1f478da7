"""A conversation with the bot: replies to its answers, and questions edited after it spoke.

A reply to the bot is said to it, and is never met with silence: it is answered as a mention
is, or told which button under the answer says what it says, or (asking nothing: "thanks!")
gets a reaction. An edited question is answered in place of the reply it had.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.exts.answers import HELD, SEEN
from bot.render import COURTESY_REPLIES, NO_MATCH, REMARK_REPLIES
from tests.e2e.conftest import QUIET, World, assert_silent, shipped, title, wait_reacted
from tests.standin import DiscordStandIn, StoredMessage


def unknown_note(unknown_id: str) -> str:
    """What "I don't know that yet" says is not known, for a known unknown of the base."""
    [unknown] = [u for u in shipped().unknowns if u.id == unknown_id]
    return unknown.note or ""


async def renewal_answer(world: World) -> StoredMessage:
    answer = await (await world.ask("is ballard renewed?", author=world.mod)).wait_reply()
    assert [e["title"] for e in answer.embeds] == [title("season2-renewal")]
    return answer


@pytest.mark.parametrize(
    ("text", "unknown_id"),
    [
        ("no i meant season 3", "season-3"),
        ("i meant season 3", "season-3"),
        ("no, season 3", "season-3"),
        ("no i meant the trailer", "trailer"),
    ],
)
async def test_a_reply_correcting_the_bot_is_answered_as_a_mention_is(
    standin: DiscordStandIn, world: World, bot, text: str, unknown_id: str
):
    """ "no i meant season 3" in reply to the answer that season 2 is renewed (no mention,
    no ping) is said to the bot: it gets what the same words get as a mention, here that
    the sources say nothing of season 3 (a helper session testing as fans had got silence:
    a reply that was no question was only answered when the bot was sure of a fact)."""
    await world.cooldowns_off()
    answer = await renewal_answer(world)
    reply = await standin.send_message(
        world.general, world.fan, text, reference=answer, mention_author=False
    )
    told = await standin.wait_for_reply(reply)
    note = unknown_note(unknown_id)
    assert told.content.startswith(f"{NO_MATCH} My sources don't say anything yet about {note}")
    mention = await (await world.ask(text, author=world.fan2)).wait_reply()
    assert mention.content == told.content


async def test_a_reply_that_asks_nothing_gets_a_reaction(
    standin: DiscordStandIn, world: World, bot
):
    """Chat under an answer ("thanks!", "lol ok") is said to the bot but asks nothing: it
    gets a reaction, no message (never silence, never "I don't know that yet")."""
    await world.cooldowns_off()
    answer = await renewal_answer(world)
    for text in ["thanks!", "lol ok", "thanks, loved titus welliver in it"]:
        chat = await standin.send_message(
            world.general, world.fan, text, reference=answer, mention_author=False
        )
        await wait_reacted(standin, chat, SEEN)
        await assert_silent(standin, chat)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("this is outdated", "outdated"),
        ("that's out of date", "outdated"),
        ("old info", "outdated"),
        ("that's old news", "outdated"),
        ("this info is from 2025", "outdated"),
        ("that's not what i asked", "missed"),
        ("wait really?", "doubt"),
    ],
)
async def test_a_remark_on_an_answer_is_told_its_button(
    standin: DiscordStandIn, world: World, bot, text: str, kind: str
):
    """ "this is outdated" in reply to an answer is told to press 🕰️ Outdated under it, as
    "that's wrong" is told 👎 Wrong (a helper session testing as fans had got silence, or
    "I don't know that yet" for "that's not what i asked" and "wait really?"); said again
    within the minute, it gets a reaction."""
    answer = await renewal_answer(world)
    remark = await standin.send_message(
        world.general, world.fan, text, reference=answer, mention_author=False
    )
    told = await standin.wait_for_reply(remark)
    assert told.content == REMARK_REPLIES[kind]
    assert {"outdated": "🕰️ Outdated", "missed": "👎 Wrong", "doubt": "👎 Wrong"}[kind] in (
        told.content
    )
    again = await standin.send_message(
        world.general, world.fan, text, reference=answer, mention_author=False
    )
    await wait_reacted(standin, again, SEEN)
    await assert_silent(standin, again)


async def test_how_do_you_know_in_reply_gets_the_answers_sources(
    standin: DiscordStandIn, world: World, bot
):
    """ "how do you know" under an answer asks where it comes from, as "source?" does (it
    had got "I don't know that yet")."""
    answer = await renewal_answer(world)
    asked = await standin.send_message(
        world.general, world.fan, "how do you know", reference=answer, mention_author=False
    )
    reply = await standin.wait_for_reply(asked)
    assert reply.content.splitlines()[0] == "That answer comes from:"
    assert COURTESY_REPLIES["doubt"] != reply.content


async def test_a_question_taken_back_by_an_edit_leaves_the_answer(
    standin: DiscordStandIn, world: World, bot
):
    """ "@bot who plays ballard?", the answer, then the question edited into "nvm figured it
    out": the answer stays as it was (it had been edited into "I don't know that yet"). An
    edit that no longer asks anything (thanks, a retraction, a laugh: a courtesy or a
    reaction, as the matcher reads them) says nothing new to answer: the answer was right
    for what was asked, others in the channel may still read it and vote on it, and taking
    it away or replacing it with "I don't know" would read as if it had been wrong (a
    deleted question's reply is not taken away either)."""
    await world.cooldowns_off()
    for text in ["nvm figured it out", "nvm", "never mind, found it", "lol"]:
        asked = await world.ask("who plays ballard?")
        answer = await standin.wait_for_reply(asked)
        await standin.edit_message(asked, f"{world.me} {text}")
        await asyncio.sleep(QUIET)
        assert answer.edits == [], f"{text!r} edited the answer"
        assert [e["title"] for e in answer.embeds] == [title("lead-actor")]
        assert standin.replies_to(asked) == [answer]


async def test_a_held_question_edited_after_the_wait_is_answered_in_the_notices_place(
    standin: DiscordStandIn, world: World, bot
):
    """After three answers, a fourth question gets "You're asking quickly! Give me N
    seconds"; edited before those seconds it is still held (⏳), and edited after them it
    gets its answer in the notice's place (a helper session testing as fans had got nothing:
    the answer went out with the question's nonce, which Discord took for the notice's). The
    answer costs no question: it adds no message to the channel, and the member did what the
    notice asked; their next question is answered (it had been held)."""
    cooldown = 2
    await world.faq_text("cooldown", {"seconds": cooldown})
    for text in ["who plays ballard", "is it renewed", "where can i watch it"]:
        assert (await (await world.ask(text)).wait_reply()).embeds
    held = await world.ask("is there a trailer")
    notice = await standin.wait_for_reply(held)
    wait = re.fullmatch(
        r"You're asking quickly! Give me (\d+) seconds? and ask again\.", notice.content
    )
    assert wait is not None and int(wait.group(1)) <= cooldown
    await standin.edit_message(held, f"{world.me} is there a trailer?")
    await wait_reacted(standin, held, HELD)
    assert notice.edits == []
    await asyncio.sleep(cooldown + 0.2)
    await standin.edit_message(held, f"{world.me} is there a trailer yet?")

    def edited() -> StoredMessage | None:
        return notice if notice.edits else None

    await standin.wait_until(edited, timeout=10, what="the notice edited")
    note = unknown_note("trailer")
    assert notice.content.startswith(f"{NO_MATCH} My sources don't say anything yet about {note}")
    assert standin.replies_to(held) == [notice]
    following = await world.ask("who is the showrunner")
    reply = await standin.wait_for_reply(following, timeout=10)
    assert reply.embeds and HELD not in following.reactions
