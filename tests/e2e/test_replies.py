"""A conversation with the bot: replies to its answers, and questions edited after it spoke.

A reply to the bot is said to it, and is never met with silence: it is answered as a mention
is, or told which button under the answer says what it says, or (asking nothing: "thanks!")
gets a reaction. An edited question is answered in place of the reply it had.
"""

from __future__ import annotations

import asyncio

from tests.e2e.conftest import QUIET, World, shipped, title
from tests.standin import DiscordStandIn, StoredMessage


def unknown_note(unknown_id: str) -> str:
    """What "I don't know that yet" says is not known, for a known unknown of the base."""
    [unknown] = [u for u in shipped().unknowns if u.id == unknown_id]
    return unknown.note or ""


async def renewal_answer(world: World) -> StoredMessage:
    answer = await (await world.ask("is ballard renewed?", author=world.mod)).wait_reply()
    assert [e["title"] for e in answer.embeds] == [title("season2-renewal")]
    return answer


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
