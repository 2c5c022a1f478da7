"""Moderators: `/faq reload | autoanswer | cooldown | unanswered | stats`, Manage Server only."""

from __future__ import annotations

import asyncio
import logging
import re

import discord
import pytest

from bot.exts.answers import QUIET
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    MANAGE_SERVER,
    World,
    assert_silent,
    running,
    wait_logged,
    wait_reacted,
)
from tests.standin import DiscordStandIn

REFUSAL = "You need the **Manage Server** permission to use this command."
RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


async def test_faq_is_hidden_from_members_by_default(standin: DiscordStandIn, world: World, bot):
    faq = standin.global_commands["faq"]
    assert int(faq["default_member_permissions"]) == MANAGE_SERVER
    assert faq.get("contexts") == [0] or faq.get("dm_permission") is False  # servers only
    subcommands = {o["name"] for o in faq["options"] if o["type"] == 1}
    assert subcommands == {
        "reload",
        "autoanswer",
        "quiet",
        "cooldown",
        "modrole",
        "logchannel",
        "settings",
        "unanswered",
        "teach",
        "unknown",
        "forget",
        "stale",
        "stats",
    }
    # fans' commands are for everyone
    assert standin.global_commands["ask"].get("default_member_permissions") is None


SUBCOMMANDS = {
    "reload": ({}, "✅ Reloaded: "),
    "autoanswer": ({"enabled": True}, "OK: I will now answer questions in"),
    "cooldown": ({"seconds": 30}, "OK: a member may ask 3 questions in a row, then gets one"),
    "unanswered": ({}, "No unanswered questions in the last 30 days."),
    "stats": ({}, "**Last 30 days**: 0 questions"),
}


@pytest.mark.parametrize("sub", list(SUBCOMMANDS))
async def test_faq_subcommand_needs_manage_server(
    standin: DiscordStandIn, world: World, bot, sub: str
):
    options, expected = SUBCOMMANDS[sub]
    if sub == "autoanswer":
        options = {"channel": world.questions, **options}
    generation = bot.knowledge.generation

    # Discord hides /faq from members, but a server admin can show it: the bot checks again.
    refused = await world.faq_text(sub, options, member=world.fan)
    assert refused.content == REFUSAL
    assert refused.allowed_mentions == {"parse": []}
    settings = await bot.storage.guild_settings(world.guild.id)
    assert settings.autoanswer_channels == frozenset() and settings.cooldown_seconds == 10
    assert bot.knowledge.generation == generation  # no reload happened

    allowed = await world.faq_text(sub, options)
    assert allowed.content.startswith(expected), allowed.content
    if sub == "autoanswer":
        settings = await bot.storage.guild_settings(world.guild.id)
        assert settings.autoanswer_channels == {world.questions.id}
    elif sub == "cooldown":
        assert (await bot.storage.guild_settings(world.guild.id)).cooldown_seconds == 30
    elif sub == "reload":
        assert bot.knowledge.generation == generation + 1
    standin.assert_clean()


async def test_autoanswer_can_be_turned_off_again(standin: DiscordStandIn, world: World, bot):
    on = await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    assert on.content.endswith(f"Auto-answer channels: <#{world.questions.id}>")
    also = await world.faq_text("autoanswer", {"channel": world.offtopic, "enabled": True})
    assert f"<#{world.questions.id}>, <#{world.offtopic.id}>" in also.content
    off = await world.faq_text("autoanswer", {"channel": world.questions, "enabled": False})
    assert off.content.startswith("OK: I will no longer answer questions in")
    assert off.content.endswith(f"Auto-answer channels: <#{world.offtopic.id}>")
    settings = await bot.storage.guild_settings(world.guild.id)
    assert settings.autoanswer_channels == {world.offtopic.id}


async def test_a_channel_is_either_auto_answer_or_quiet(standin: DiscordStandIn, world: World, bot):
    """/faq autoanswer then /faq quiet had left a channel both (quiet won without a word)."""
    where = world.questions
    await world.faq_text("autoanswer", {"channel": where, "enabled": True})
    quiet = await world.faq_text("quiet", {"channel": where, "enabled": True})
    assert quiet.content.splitlines() == [
        f"OK: I won't answer in <#{where.id}>. Members who ask there get a 🔕 reaction, and "
        "/ask answers them privately. (It was an auto-answer channel: no longer.)",
        f"Quiet channels: <#{where.id}>",
    ]
    settings = await bot.storage.guild_settings(world.guild.id)
    assert (settings.autoanswer_channels, settings.quiet_channels) == (set(), {where.id})

    auto = await world.faq_text("autoanswer", {"channel": where, "enabled": True})
    assert auto.content.splitlines() == [
        f"OK: I will now answer questions in <#{where.id}> and its threads without a mention "
        "(when I'm confident). (It was a quiet channel: no longer.)",
        f"Auto-answer channels: <#{where.id}>",
    ]
    shown = await world.faq_text("settings")
    assert f"• Auto-answer channels: <#{where.id}>" in shown.content.splitlines()
    assert "• Quiet channels (no answers): none" in shown.content.splitlines()
    # turning one off leaves the other alone, and says nothing of it
    off = await world.faq_text("quiet", {"channel": where, "enabled": False})
    assert off.content == f"OK: I answer in <#{where.id}> again.\nQuiet channels: none"
    settings = await bot.storage.guild_settings(world.guild.id)
    assert settings.autoanswer_channels == {where.id}


async def test_a_threads_own_setting_wins_over_its_channels(
    standin: DiscordStandIn, world: World, bot
):
    """A thread's setting used to add to its channel's: "/faq autoanswer #thread False" under
    an auto-answer channel said "OK" and the thread kept answering every question, and a
    thread of a quiet channel stayed quiet whatever was set for it. Its own setting wins."""
    await world.cooldowns_off()
    carved = standin.add_thread(world.general, "no bot please", owner=world.fan)
    await world.faq_text("autoanswer", {"channel": world.general, "enabled": True})
    off = await world.faq_text("autoanswer", {"channel": carved, "enabled": False})
    assert off.content.splitlines() == [
        f"OK: I will no longer answer questions in <#{carved.id}> without a mention (when "
        f"I'm confident), although <#{world.general.id}> is an auto-answer channel.",
        f"Auto-answer channels: <#{world.general.id}>",
    ]
    unasked = await standin.send_message(carved, world.fan, "who plays ballard?")
    await assert_silent(standin, unasked)
    asked = await world.ask("who plays ballard?", channel=carved)
    assert (await standin.wait_for_reply(asked)).channel_id == carved.id
    unasked = await standin.send_message(world.general, world.fan, "who plays ballard?")
    assert (await standin.wait_for_reply(unasked)).channel_id == world.general.id

    # under a quiet channel: one thread answers every question, another when asked
    loud = standin.add_thread(world.questions, "s2 talk", owner=world.fan)
    plain = standin.add_thread(world.questions, "cast talk", owner=world.fan)
    await world.faq_text("quiet", {"channel": world.questions, "enabled": True})
    auto = await world.faq_text("autoanswer", {"channel": loud, "enabled": True})
    assert auto.content.splitlines()[0] == (
        f"OK: I will now answer questions in <#{loud.id}> without a mention (when I'm "
        f"confident). (It was quiet, as <#{world.questions.id}> is: no longer.)"
    )
    unquiet = await world.faq_text("quiet", {"channel": plain, "enabled": False})
    assert unquiet.content.splitlines() == [
        f"OK: I answer in <#{plain.id}> again, although <#{world.questions.id}> is quiet.",
        f"Quiet channels: <#{world.questions.id}>",
    ]
    unasked = await standin.send_message(loud, world.fan, "who plays ballard?")
    assert (await standin.wait_for_reply(unasked)).channel_id == loud.id
    asked = await world.ask("who plays ballard?", channel=plain)
    assert (await standin.wait_for_reply(asked)).channel_id == plain.id
    muted = await world.ask("who plays ballard?", channel=world.questions)
    await wait_reacted(standin, muted, QUIET)
    shown = (await world.faq_text("settings")).content.splitlines()
    assert f"• Auto-answer channels: <#{world.general.id}>, <#{loud.id}>" in shown
    assert f"• Quiet channels (no answers): <#{world.questions.id}>" in shown
    assert (
        f"• Threads answering only when asked, whatever their channel: <#{carved.id}>, "
        f"<#{plain.id}>"
    ) in shown

    # turned off again, a thread follows its channel once more, and says so
    back = await world.faq_text("autoanswer", {"channel": loud, "enabled": False})
    assert back.content.splitlines()[0] == (
        f"OK: I will no longer answer questions in <#{loud.id}> without a mention (when I'm "
        f"confident). It follows <#{world.questions.id}>, a quiet channel."
    )
    muted = await world.ask("who plays ballard?", channel=loud)
    await wait_reacted(standin, muted, QUIET)


async def test_auto_answer_and_quiet_warn_where_the_bot_cannot_post_or_react(
    standin: DiscordStandIn, world: World, bot
):
    """/faq autoanswer had said "OK" for a channel the bot cannot post in (fans' questions
    there then went unanswered without a word), /faq quiet for one it cannot react in. Both
    keep the setting and say what permission to give, as /faq logchannel does."""
    view_only = discord.Permissions(view_channel=True, read_message_history=True).value
    guild = standin.add_guild(
        "Other Server", bot_permissions=view_only, everyone_permissions=view_only
    )
    general = standin.add_text_channel(guild, "general")
    mod = standin.add_member(guild, "othermod", permissions=MANAGE_SERVER)
    await standin.wait_until(lambda: bot.get_guild(guild.id), timeout=ANSWER_TIMEOUT)

    async def faq(sub: str, options: dict) -> str:
        handle = await standin.invoke_slash(guild, general, mod, ["faq", sub], options)
        return (await handle.wait_message(ANSWER_TIMEOUT)).content

    auto = await faq("autoanswer", {"channel": general, "enabled": True})
    assert auto.splitlines() == [
        f"OK: I will now answer questions in <#{general.id}> and its threads without a "
        "mention (when I'm confident).",
        f"⚠️ I can't post in <#{general.id}> yet: give me the Send Messages and Embed Links "
        "permissions there, or fans who ask there get no answer.",
        f"Auto-answer channels: <#{general.id}>",
    ]
    quiet = await faq("quiet", {"channel": general, "enabled": True})
    assert quiet.splitlines()[1:] == [
        f"⚠️ I can't react in <#{general.id}> yet: give me the Add Reactions permission "
        "there, or members who ask there see no 🔕.",
        f"Quiet channels: <#{general.id}>",
    ]
    # switching off needs nothing of the bot: no warning
    off = await faq("autoanswer", {"channel": general, "enabled": False})
    assert "⚠️" not in off


async def test_cooldown_is_validated(standin: DiscordStandIn, world: World, bot):
    faq = standin.global_commands["faq"]["options"]
    [option] = next(o for o in faq if o["name"] == "cooldown")["options"]
    # Discord itself refuses values outside the range the bot registered
    assert (option["name"], option["type"], option["required"]) == ("seconds", 4, True)
    assert (option["min_value"], option["max_value"]) == (0, 3600)

    most = await world.faq_text("cooldown", {"seconds": 3600})
    assert most.content == (
        "OK: a member may ask 3 questions in a row, then gets one answer every 3600 s. "
        "Faster questions get a ⏳ and are logged."
    )

    # a value that slips past Discord anyway changes nothing
    for bad in (-1, 3601):
        refused = await world.faq_text("cooldown", {"seconds": bad})
        assert refused.content == f"❌ `seconds` must be from 0 to 3600 (not {bad}).", bad
        assert (await bot.storage.guild_settings(world.guild.id)).cooldown_seconds == 3600

    off = await world.faq_text("cooldown", {"seconds": 0})
    assert off.content == (
        "OK: cooldowns are off in this server (each channel still gets at most 5 answers "
        "every 5 s; more wait their turn)."
    )
    asked = [await world.ask(q) for q in ("who plays ballard?", "where can i watch it?") * 2]
    for question in asked:  # more than the 3 in a row a cooldown allows
        assert (await standin.wait_for_reply(question)).embeds


@pytest.mark.parametrize(
    ("sub", "days"), [("stats", 0), ("stats", 366), ("unanswered", -5), ("unanswered", 366)]
)
async def test_days_out_of_range_are_refused_with_the_range(
    standin: DiscordStandIn, world: World, bot, caplog: pytest.LogCaptureFixture, sub, days
):
    """/faq stats days:0 and /faq unanswered days:-5 had crashed ("Sorry, something went
    wrong", a traceback in the log), days:366 had been counted. Discord refuses them; one that
    slips past gets the range the command registered."""
    caplog.set_level(logging.ERROR, logger="bot")
    [option] = next(o for o in standin.global_commands["faq"]["options"] if o["name"] == sub)[
        "options"
    ]
    assert (option["name"], option["min_value"], option["max_value"]) == ("days", 1, 365)
    refused = await world.faq_text(sub, {"days": days})
    assert refused.content == f"❌ `days` must be from 1 to 365 (not {days})."
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_unanswered_lists_grouped_questions_and_never_pings(
    standin: DiscordStandIn, world: World, bot
):
    empty = await world.faq_text("unanswered")
    assert empty.content == "No unanswered questions in the last 30 days. 🎉"

    role = standin.add_role(world.guild, "Moderators")
    bait = f"@everyone @here {role.mention} <@{world.fan.user.id}>"
    questions = [
        (world.fan, world.general, "is there a season 3?"),
        (world.fan2, world.general, "will there be a season 3"),
        (world.fan2, world.offtopic, f"{bait} **wifi**?"),
        (world.mod, world.general, "s2 info"),  # a "did you mean" is not an answer
        (world.mod, world.offtopic, "who plays ballard?"),
        (world.fan, world.offtopic, "Is there a SEASON 3??"),
    ]
    for n, (member, channel, question) in enumerate(questions, 1):
        await standin.wait_for_reply(await world.ask(question, author=member, channel=channel))
        await wait_logged(
            standin, bot.settings.data_dir, world.guild.id, n
        )  # one after the other: "latest" is defined

    report = await world.faq_text("unanswered")
    lines = report.content.splitlines()
    assert lines[0] == (
        "**Review queue, last 30 days** (this server and DMs): 3 unanswered questions asked "
        "5 times, 0 proposed examples. Page 1 of 2."
    )
    # questions the bot can do something about first; what it says it doesn't know after
    assert lines[1] == "**1.** 1× “s2 info”"
    escaped = (
        f"@\u200beveryone @\u200bhere <@\u200b&{role.id}> <@\u200b{world.fan.user.id}> "
        "\\*\\*wifi\\*\\*?"
    )
    assert lines[3] == f"**2.** 1× “{escaped}”"
    assert "who plays" not in report.content
    page = await standin.click_button(report, "ballard:rq:page:30:1", world.mod)
    shown = await page.wait_message(ANSWER_TIMEOUT)
    assert "Page 2 of 2." in shown.content, shown.content
    assert "**3.** 3× “Is there a SEASON 3??”" in shown.content  # most asked, latest wording
    assert "   also asked as “will there be a season 3”, “is there a season 3?”" in shown.content
    assert "already a known unknown: `season-3`" in shown.content
    for message in (report, shown):
        assert message.allowed_mentions == {"parse": []}
        assert message.payload["mentions"] == [] and message.payload["mention_roles"] == []
        assert not RAW_MENTION.search(message.content)


async def test_stats_figures(standin: DiscordStandIn, world: World, bot):
    asked = [
        await world.ask("who plays ballard?"),
        await world.ask("who plays ballard and where can i watch it", author=world.fan2),
        await world.ask("s2 info", author=world.mod),
        await world.ask("is there a season 3?", channel=world.offtopic),
    ]
    for message in asked:
        await standin.wait_for_reply(message)
    slash = await standin.invoke_slash(
        world.guild, world.offtopic, world.fan2, "ask", {"question": "where can i watch it"}
    )
    await slash.wait_message(ANSWER_TIMEOUT)
    dm = await standin.send_dm(world.fan, "who plays ballard?")  # not this server's figure
    await standin.wait_for_reply(dm)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 5)

    stats = await world.faq_text("stats")
    assert stats.content.splitlines() == [
        "**Last 30 days**: 5 questions, 3 answered (60%), 1 'did you mean', 1 unanswered.",
        "Most asked: lead-actor (2), where-to-watch (2)",
    ]
    week = await world.faq_text("stats", {"days": 7})
    assert week.content.startswith("**Last 7 days**: 5 questions, 3 answered (60%)")


async def test_a_question_told_i_dont_know_beside_an_answer_is_in_the_queue(
    standin: DiscordStandIn, world: World, bot
):
    """ "who plays ballard? what else was she in?" gets the lead actor and, for its second
    question, "I don't know": that question went unanswered, and moderators see it in
    /faq unanswered (to teach it), and in the stats as a question of its own."""
    asked = await world.ask("who plays ballard? what else was she in?")
    reply = await standin.wait_for_reply(asked)
    assert "Maggie Q" in reply.text
    assert "About “what else was she in”: I don't know that yet." in reply.text
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 2)
    report = await world.faq_text("unanswered")
    assert "1 unanswered question asked 1 time" in report.content, report.content
    assert "**1.** 1× “what else was she in”" in report.content
    assert "who plays" not in report.content
    stats = await world.faq_text("stats")
    assert stats.content.splitlines()[0] == (
        "**Last 30 days**: 2 questions, 1 answered (50%), 0 'did you mean', 1 unanswered."
    )


async def test_a_member_with_manage_server_through_any_role_is_a_moderator(
    standin: DiscordStandIn, world: World, bot
):
    admins = standin.add_role(world.guild, "Admins", discord.Permissions(administrator=True).value)
    admin = standin.add_member(world.guild, "admin", roles=[admins])
    reply = await world.faq_text("cooldown", {"seconds": 5}, member=admin)
    assert reply.content.startswith("OK: a member may ask 3 questions in a row, then gets one")


async def test_a_chart_asked_for_as_the_bot_stops_never_outlives_the_database(
    standin: DiscordStandIn, world: World, make_settings, caplog: pytest.LogCaptureFixture
):
    """/faq stats answering just as the bot stopped had started its chart after close()
    cancelled the background tasks: the chart then read the closed database ("background task
    stats-chart failed ... the database ... is closed"). Once closing, nothing new starts."""
    caplog.set_level(logging.ERROR, logger="bot")
    async with running(standin, make_settings()) as bot:
        stats = await world.faq_text("stats")  # the bot is up and its database open
        assert stats.content.startswith("**Last 30 days**: 0 questions")

        async def chart_later() -> None:  # as /faq stats's chart, spawned a moment too late
            await asyncio.sleep(0.3)
            await bot.storage.review.chart(world.guild.id, 30, "the last 30 days")

        closing = asyncio.create_task(bot.close())
        await asyncio.sleep(0)  # close() has begun
        late = bot.spawn(chart_later(), name="stats-chart")
        await closing
        await asyncio.wait({late}, timeout=2)
        assert late.done()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
