"""Safety: nobody gets pinged, odd text is survived, no loops, cooldowns, contained errors."""

from __future__ import annotations

import asyncio
import logging
import re

import discord
import pytest

from bot.client import APOLOGY
from bot.render import NO_MATCH
from tests.e2e.conftest import ANSWER_TIMEOUT, World, assert_silent, explode_matching, title
from tests.standin import DiscordStandIn, StoredMessage

NO_PINGS = {"parse": [], "replied_user": False}
RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


def pings(reply: StoredMessage) -> list[str]:
    """Whatever Discord would notify for this bot message."""
    payload = reply.payload
    found = [m["id"] for m in payload["mentions"]] + list(payload["mention_roles"])
    return found + (["@everyone"] if payload["mention_everyone"] else [])


def bot_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_mass_mentions_in_a_question_ping_nobody(standin: DiscordStandIn, world: World, bot):
    role = standin.add_role(world.guild, "Moderators")
    # someone whose @everyone really is live
    announcer = standin.add_member(
        world.guild, "announcer", permissions=discord.Permissions(mention_everyone=True).value
    )
    bait = f"@everyone @here {role.mention} {world.fan2.user.mention}"
    asked = await world.ask(f"{bait} who plays ballard?", author=announcer)
    assert asked.payload["mention_everyone"] and asked.payload["mention_roles"]
    reply = await standin.wait_for_reply(asked)
    assert reply.embeds[0]["title"] == title("lead-actor")
    assert reply.allowed_mentions == NO_PINGS
    assert pings(reply) == [] and not RAW_MENTION.search(reply.text)

    # "I don't know" does not echo the question either
    unknown = await world.ask(f"{bait} what's the wifi password", author=world.fan2)
    reply = await standin.wait_for_reply(unknown)
    assert reply.content.startswith(NO_MATCH)
    assert reply.allowed_mentions == NO_PINGS
    assert pings(reply) == [] and not RAW_MENTION.search(reply.text)

    # nor /ask (the interaction answer carries no mentions either)
    handle = await standin.invoke_slash(
        world.guild, world.general, world.mod, "ask", {"question": f"{bait} where to watch"}
    )
    reply = await handle.wait_message(ANSWER_TIMEOUT)
    assert reply.allowed_mentions == {"parse": []}
    assert pings(reply) == [] and not RAW_MENTION.search(reply.text)


def mixed_unicode(length: int) -> str:
    """Zalgo, emoji with joiners, right-to-left text, zero-width and control characters."""
    pieces = [
        "b\u0337\u031b\u0326a\u0336\u0353l\u0338\u0354l\u0335a\u0334r\u0337d\u0336",  # zalgo
        "🔥🎬👮‍♀️🏳️‍🌈",
        "\u202eمرحبا بالعالم\u202c",  # RTL override + Arabic
        "שלום",
        "\u200b\u200c\u200d\ufeff\u2060",  # zero-width
        "𝕨𝕙𝕠 𝕡𝕝𝕒𝕪𝕤",
        "\u0000\u0007\t\r\n",
        "Ｂａｌｌａｒｄ ",
    ]
    text = ""
    while len(text) < length:
        text += pieces[len(text) % len(pieces)]
    return text[:length]


async def test_a_4000_character_unicode_message_is_survived(
    standin: DiscordStandIn, world: World, bot, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.ERROR, logger="bot")
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    prefix = f"{world.me} "
    asked = await world.ask(mixed_unicode(4000 - len(prefix)))
    assert len(asked.content) == 4000
    reply = await standin.wait_for_reply(asked)  # asked directly: it replies, within limits
    assert reply.content.startswith(NO_MATCH) or reply.embeds

    # unasked, in an auto-answer channel, the same noise gets nothing
    noise = await standin.send_message(world.questions, world.fan2, mixed_unicode(4000))
    await assert_silent(standin, noise)

    # and the bot still answers
    after = await world.ask("who plays ballard?", author=world.mod)
    reply = await standin.wait_for_reply(after)
    assert reply.embeds[0]["title"] == title("lead-actor")
    assert [r for r in bot_errors(caplog) if r.name.startswith("bot")] == []


async def test_other_bots_and_its_own_messages_are_ignored(
    standin: DiscordStandIn, world: World, bot
):
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    other = standin.add_member(world.guild, standin.add_user("another-bot", bot=True))
    asked = await standin.send_message(world.questions, world.fan, "who plays ballard?")
    answer = await standin.wait_for_reply(asked)  # comes back to the bot as MESSAGE_CREATE

    await standin.send_message(world.questions, other, f"{world.me} who plays ballard?")
    await standin.send_message(world.questions, other, "where can i watch it?")
    await standin.send_message(world.questions, standin.bot_user, f"{world.me} who is in the cast?")
    await standin.send_dm(other.user, "when does season 2 come out?")
    await standin.send_message(world.questions, other, "reply", reference=answer)
    await assert_silent(standin, answer)
    assert standin.bot_messages_in(world.questions) == [answer]
    assert standin.bot_messages_in(standin.dm_channel(other.user)) == []


async def test_a_failing_handler_apologises_and_the_bot_carries_on(
    standin: DiscordStandIn,
    world: World,
    bot,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
):
    caplog.set_level(logging.ERROR, logger="bot")
    explode_matching(monkeypatch, bot)
    asked = await world.ask("explode: who plays ballard?")
    reply = await standin.wait_for_reply(asked)
    assert reply.content == APOLOGY and reply.allowed_mentions == NO_PINGS
    [record] = [r for r in bot_errors(caplog) if r.name == "bot.exts.answers"]
    assert f"answering message {asked.id} failed" in record.getMessage()
    assert isinstance(record.exc_info[1], RuntimeError)

    again = await world.ask("who plays ballard?")
    assert (await standin.wait_for_reply(again)).embeds[0]["title"] == title("lead-actor")

    # the question edited (the failure gone): the apology is edited into the answer, never
    # a second reply (it had been posted anew, and Discord took it for the apology again)
    await standin.edit_message(asked, f"{world.me} where can i watch it?")
    edited = await standin.wait_until(
        lambda: reply if reply.edits and reply.embeds else None, timeout=ANSWER_TIMEOUT
    )
    assert [e["title"] for e in edited.embeds] == [title("where-to-watch")]
    await asyncio.sleep(0.3)  # (time for a second reply, were one to come)
    assert standin.replies_to(asked) == [reply]


async def test_answering_a_mention_logs_no_error(
    standin: DiscordStandIn, world: World, bot, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING)
    asked = await world.ask("who plays ballard?")
    await standin.wait_for_reply(asked)
    await asyncio.sleep(0.05)  # let the command machinery finish its own task
    assert [r.getMessage() for r in bot_errors(caplog)] == []
