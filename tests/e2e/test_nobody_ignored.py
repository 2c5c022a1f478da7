"""Nobody who asks is ignored: follow-ups, crowds, floods, quiet channels, failures.

An explicit question is answered, or gets a visible sign (⏳ / 🔕 reaction, one short notice
per window) and a log row; a busy channel queues answers within Discord's limit (5 per 5 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.client import APOLOGY, DATABASE_NAME
from bot.cooldowns import CHANNEL_BURST, CHANNEL_WINDOW, MEMBER_BURST
from bot.exts.answers import FAILED, HELD, QUIET, QUIET_HERE
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    World,
    assert_silent,
    explode_matching,
    title,
    wait_logged,
    wait_reacted,
)
from tests.standin import DiscordStandIn

REPLY_POSTS = re.compile(r"^/channels/\d+/messages$")
LEAD_ACTOR = title("lead-actor")


def deliveries(data_dir: Path, guild_id: int) -> list[tuple[str, str]]:
    """(trigger, delivery) of every logged question in a server, oldest first."""
    with contextlib.closing(sqlite3.connect(data_dir / DATABASE_NAME, timeout=5)) as db:
        return db.execute(
            "SELECT trigger, delivery FROM questions WHERE guild_id = ? ORDER BY id", (guild_id,)
        ).fetchall()


def bot_posts(standin: DiscordStandIn, channel_id: int) -> list[Any]:
    return [
        r
        for r in standin.requests_matching("POST", f"/channels/{channel_id}/messages")
        if r.status == 200
    ]


async def test_a_follow_up_question_right_after_an_answer_is_answered(
    standin: DiscordStandIn, world: World, bot
):
    first = await world.ask("who plays renee ballard?")
    assert (await standin.wait_for_reply(first)).embeds[0]["title"] == LEAD_ACTOR
    second = await world.ask("and where can i watch it?")
    assert (await standin.wait_for_reply(second)).embeds[0]["title"] == title("where-to-watch")
    third = await world.ask("is there going to be a season 2?")
    assert (await standin.wait_for_reply(third)).embeds


async def test_seven_fans_at_once_all_get_answers_within_discords_limit(
    standin: DiscordStandIn, world: World, bot
):
    crowd = [standin.add_member(world.guild, f"fan-{n}") for n in range(7)]
    asked = await asyncio.gather(
        *(world.ask("who plays ballard?", author=member) for member in crowd)
    )
    replies = await asyncio.gather(
        *(standin.wait_for_reply(m, timeout=CHANNEL_WINDOW + ANSWER_TIMEOUT) for m in asked)
    )
    assert all(r.embeds[0]["title"] == LEAD_ACTOR for r in replies)
    times = sorted(r.received_at for r in bot_posts(standin, world.general.id))
    assert len(times) == 7
    for i, start in enumerate(times):  # never more than 5 in any 5 s
        assert len([t for t in times[i:] if t < start + CHANNEL_WINDOW - 0.05]) <= CHANNEL_BURST
    assert times[-1] - times[0] >= CHANNEL_WINDOW - 0.1  # the last two waited their turn


async def test_a_flooding_member_is_held_visibly_and_logged(
    standin: DiscordStandIn, world: World, bot
):
    questions = ["who plays ballard?", "where can i watch it?", "who created ballard?"] * 3
    asked = []
    for question in questions[:MEMBER_BURST]:  # a burst is normal: all answered
        asked.append(await world.ask(question))
        assert (await standin.wait_for_reply(asked[-1])).embeds
    asked += [await world.ask(q) for q in questions[MEMBER_BURST:]]
    notice = await standin.wait_for_reply(asked[MEMBER_BURST])  # one short notice...
    assert notice.content.startswith("You're asking quickly! Give me ")
    assert notice.allowed_mentions == {"parse": [], "replied_user": False}
    for message in asked[MEMBER_BURST + 1 :]:  # ...then a reaction on each
        await wait_reacted(standin, message, HELD)
    await assert_silent(standin, notice)
    assert len(standin.bot_messages_in(world.general)) == MEMBER_BURST + 1

    data_dir = bot.settings.data_dir
    await wait_logged(standin, data_dir, world.guild.id, len(questions))
    assert deliveries(data_dir, world.guild.id) == [("mention", "sent")] * MEMBER_BURST + [
        ("mention", "held")
    ] * (len(questions) - MEMBER_BURST)
    stats = await world.faq_text("stats")
    assert "Not answered in the channel: 6 held back (asked too fast)" in stats.content

    # others are not held up by one member's flood
    other = await world.ask("who plays ballard?", author=world.fan2)
    assert (await standin.wait_for_reply(other)).embeds
    # /ask while flooding: told privately, logged
    slash = await standin.invoke_slash(
        world.guild, world.general, world.fan, "ask", {"question": "who plays ballard"}
    )
    slow = await slash.wait_message(ANSWER_TIMEOUT)
    assert slow.ephemeral and slow.content.startswith("You're asking quickly!")
    await wait_logged(standin, data_dir, world.guild.id, len(questions) + 2)
    assert deliveries(data_dir, world.guild.id)[-1] == ("slash", "held")


async def test_a_held_member_learns_why_once_the_channel_has_room(
    standin: DiscordStandIn, world: World, bot
):
    """The channel's 5 messages in 5 s spent (a greeting, three answers, a courtesy), the
    notice for a member asking too fast has no room: a ⏳, and the next held question gets
    the notice (it had been used up unsent, so the member only ever saw ⏳; a helper session
    testing as fans)."""
    for text in ["hi", "who plays ballard?", "where can i watch it?", "who created it?"]:
        assert await standin.wait_for_reply(await world.ask(text))
    thanks = await world.ask("thank you!")
    assert (await standin.wait_for_reply(thanks)).content
    held = await world.ask("is bosch in it?")
    await wait_reacted(standin, held, HELD)
    assert standin.replies_to(held) == []
    await asyncio.sleep(CHANNEL_WINDOW)  # the channel has room again
    again = await world.ask("is it on prime?")
    notice = await standin.wait_for_reply(again)
    assert notice.content.startswith("You're asking quickly! Give me ")


async def test_a_quiet_channel_gets_a_sign_and_ask_answers_privately(
    standin: DiscordStandIn, world: World, bot
):
    reply = await world.faq_text("quiet", {"channel": world.offtopic, "enabled": True})
    assert reply.content.startswith(f"OK: I won't answer in <#{world.offtopic.id}>")
    first = await world.ask("who plays ballard?", channel=world.offtopic)
    notice = await standin.wait_for_reply(first)
    assert notice.content == QUIET_HERE
    await wait_reacted(standin, first, QUIET)
    second = await world.ask("where can i watch it?", channel=world.offtopic)
    await wait_reacted(standin, second, QUIET)
    await assert_silent(standin, notice)  # one notice per member per window

    slash = await standin.invoke_slash(
        world.guild, world.offtopic, world.fan, "ask", {"question": "who plays ballard"}
    )
    private = await slash.wait_message(ANSWER_TIMEOUT)
    assert private.ephemeral and private.embeds[0]["title"] == LEAD_ACTOR
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 3)
    assert deliveries(bot.settings.data_dir, world.guild.id) == [
        ("mention", "muted"),
        ("mention", "muted"),
        ("slash", "sent"),
    ]
    # /faq stats counts as answered only the answer the asker got (it had said 3, 100%)
    stats = await world.faq_text("stats")
    assert stats.content.splitlines()[:2] == [
        "**Last 30 days**: 3 questions, 1 answered (33%), 0 'did you mean', 0 unanswered.",
        "Not answered in the channel: 2 in quiet channels",
    ]
    # switched back on
    await world.faq_text("quiet", {"channel": world.offtopic, "enabled": False})
    again = await world.ask("who plays ballard?", channel=world.offtopic, author=world.fan2)
    assert (await standin.wait_for_reply(again)).embeds


async def test_a_bare_mention_in_a_quiet_channel_gets_the_sign_not_a_greeting(
    standin: DiscordStandIn, world: World, bot
):
    """A bare "@Ballard Bot" in a quiet channel had been greeted publicly ("Hi! Ask me
    anything about Ballard...") where "@Ballard Bot hi" and every question get a 🔕: it gets
    the 🔕 too, and the word of where to ask (once a minute)."""
    await world.faq_text("quiet", {"channel": world.offtopic, "enabled": True})
    bare = await world.ask("", channel=world.offtopic)
    notice = await standin.wait_for_reply(bare)
    assert notice.content == QUIET_HERE
    await wait_reacted(standin, bare, QUIET)
    again = await world.ask("", channel=world.offtopic)
    await wait_reacted(standin, again, QUIET)
    await assert_silent(standin, notice)


async def test_did_you_mean_pressed_by_another_member_answers_them_privately(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("s2 info")
    offer = await standin.wait_for_reply(asked)
    pick = f"ballard:pick:season2-release-date:{world.fan.user.id}"
    assert pick in offer.custom_ids()

    other = await standin.click_button(offer, pick, world.fan2)
    private = await other.wait_message(ANSWER_TIMEOUT)
    assert private.ephemeral and private.embeds[0]["title"] == title("season2-release-date")
    assert offer.embeds == [] and offer.content.startswith("I'm not sure")  # untouched

    mine = await standin.click_button(offer, pick, world.fan)
    assert (await mine.wait_message(ANSWER_TIMEOUT)) is offer
    assert offer.embeds[0]["title"] == title("season2-release-date")

    def picks() -> list[tuple[int, str, int]] | None:
        path = bot.settings.data_dir / DATABASE_NAME
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
            rows = db.execute("SELECT user_id, fact_id, by_asker FROM picks").fetchall()
        return sorted(rows) if len(rows) == 2 else None

    rows = await standin.wait_until(picks, timeout=ANSWER_TIMEOUT, what="two picks recorded")
    assert rows == sorted(
        [
            (world.fan.user.id, "season2-release-date", 1),
            (world.fan2.user.id, "season2-release-date", 0),
        ]
    )
    stats = await world.faq_text("stats")
    assert "'Did you mean' choices pressed: 2" in stats.content


async def test_a_failing_handler_apologises_once_per_window_never_a_flood(
    standin: DiscordStandIn, world: World, bot, monkeypatch: pytest.MonkeyPatch
):
    log_reply = await world.faq_text("logchannel", {"channel": world.offtopic})
    assert log_reply.content.startswith("OK: I'll post knowledge-base reloads and errors")
    explode_matching(monkeypatch, bot)
    asked = [await world.ask(f"explode {n}: who plays ballard?") for n in range(10)]
    apology = await standin.wait_for_reply(asked[0])
    assert apology.content == APOLOGY
    for message in asked[1:]:
        await wait_reacted(standin, message, FAILED)
    await assert_silent(standin, apology)
    public = [m for m in standin.bot_messages_in(world.general) if not m.ephemeral]
    assert [m.content for m in public] == [APOLOGY]
    notices = [m for m in standin.bot_messages_in(world.offtopic) if m.content.startswith("⚠️")]
    assert len(notices) == 1 and "RuntimeError" in notices[0].content
    again = await world.ask("who plays ballard?", author=world.fan2)
    assert (await standin.wait_for_reply(again)).embeds[0]["title"] == LEAD_ACTOR


async def test_a_mention_edited_in_whose_answer_fails_gets_the_apology(
    standin: DiscordStandIn, world: World, bot, monkeypatch: pytest.MonkeyPatch
):
    """A question asked by editing the bot's mention in, whose answering fails, had got
    nothing at all (an edit's failure was only logged): it gets the apology a question sent
    so gets. A question that had its reply gets none when its edit fails."""
    explode_matching(monkeypatch, bot)
    plain = await standin.send_message(world.general, world.fan, "explode: who plays ballard?")
    await assert_silent(standin, plain)
    await standin.edit_message(plain, f"{world.me} explode: who plays ballard?")
    apology = await standin.wait_for_reply(plain)
    assert apology.content == APOLOGY
    answered = await world.ask("who plays ballard?", author=world.fan2)
    reply = await standin.wait_for_reply(answered)
    await standin.edit_message(answered, f"{world.me} explode: who plays ballard?")
    await assert_silent(standin, reply)
    assert FAILED not in answered.reactions


async def test_a_locked_database_costs_no_answer_and_no_apology(
    standin: DiscordStandIn, world: World, bot
):
    data_dir = bot.settings.data_dir
    warm = await world.ask("who plays ballard?")  # the server's settings are now cached
    await standin.wait_for_reply(warm)
    await wait_logged(standin, data_dir, world.guild.id, 1)

    locker = sqlite3.connect(data_dir / DATABASE_NAME, timeout=5, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock...
        asked = await world.ask("where can i watch it?", author=world.fan2)
        reply = await standin.wait_for_reply(asked)
        assert reply.embeds[0]["title"] == title("where-to-watch")  # ...answered anyway
        await asyncio.sleep(6)  # longer than the database's 5 s busy timeout
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    await wait_logged(standin, data_dir, world.guild.id, 2)  # written once the lock went
    await assert_silent(standin, reply)  # no "Sorry, something went wrong"


async def test_a_full_disk_costs_no_answer(
    standin: DiscordStandIn,
    world: World,
    bot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.WARNING)

    async def full(**_: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bot.storage, "log_question", full)
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked)
    assert reply.embeds[0]["title"] == LEAD_ACTOR
    await standin.wait_until(
        lambda: (
            True if any("question not saved" in r.getMessage() for r in caplog.records) else None
        ),
        timeout=20,
        what="the dropped write's warning",
    )
    await assert_silent(standin, reply)


async def test_a_503_on_the_reply_is_retried_and_sent_once(
    standin: DiscordStandIn, world: World, bot
):
    fault = standin.fail_next(REPLY_POSTS, status=503, count=2, method="POST")
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked, timeout=10)
    assert reply.embeds[0]["title"] == LEAD_ACTOR and len(fault.hits) == 2
    assert standin.replies_to(asked) == [reply]
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    assert deliveries(bot.settings.data_dir, world.guild.id) == [("mention", "sent")]


async def test_five_502s_in_a_row_still_deliver_the_reply(
    standin: DiscordStandIn, world: World, bot, monkeypatch: pytest.MonkeyPatch
):
    # discord.py itself retries a 502 four times, sleeping 1, 3, 5 and 7 s: shortened here.
    real_sleep = asyncio.sleep

    class QuickAsyncio:
        def __getattr__(self, name: str) -> Any:
            return getattr(asyncio, name)

        @staticmethod
        async def sleep(seconds: float, result: Any = None) -> Any:
            return await real_sleep(min(seconds, 0.05), result)

    monkeypatch.setattr(discord.http, "asyncio", QuickAsyncio())
    fault = standin.fail_next(REPLY_POSTS, status=502, count=5, method="POST")
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked, timeout=10)
    assert reply.embeds[0]["title"] == LEAD_ACTOR and len(fault.hits) == 5
    assert standin.replies_to(asked) == [reply]
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)


async def test_a_reply_discord_never_takes_is_logged_as_failed(
    standin: DiscordStandIn, world: World, bot
):
    await world.faq_text("logchannel", {"channel": world.offtopic})
    standin.fail_next(
        REPLY_POSTS,
        status=403,
        method="POST",
        body={"code": 50013, "message": "Missing Permissions"},
    )
    asked = await world.ask("who plays ballard?")
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    assert deliveries(bot.settings.data_dir, world.guild.id) == [("mention", "failed")]
    assert [m for m in standin.bot_messages_in(world.general) if not m.ephemeral] == []
    # the member sees they were heard (they had seen nothing), the moderators why
    await wait_reacted(standin, asked, FAILED)
    notice = await standin.wait_for_message(
        world.offtopic.id, predicate=lambda m: m.content.startswith("⚠️"), timeout=5.0
    )
    assert f"could not post an answer in <#{world.general.id}>" in notice.content


async def test_a_payload_discord_py_cannot_parse_is_skipped(
    standin: DiscordStandIn, world: World, bot, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.ERROR, logger="bot")
    await standin.dispatch_raw(
        "MESSAGE_CREATE",
        {
            "id": "1",
            "channel_id": str(world.general.id),
            "guild_id": str(world.guild.id),
            "content": "no author",
        },
        guild_id=world.guild.id,
    )
    asked = await world.ask("who plays ballard?")
    assert (await standin.wait_for_reply(asked)).embeds[0]["title"] == LEAD_ACTOR
    assert not bot.is_closed()
    assert any("skipped a gateway payload" in r.getMessage() for r in caplog.records)


async def test_a_moderator_role_may_use_faq_without_manage_server(
    standin: DiscordStandIn, world: World, bot
):
    mods = standin.add_role(world.guild, "FAQ mods", 0)
    helper = standin.add_member(world.guild, "helper", roles=[mods])
    refused = await world.faq_text("settings", member=helper)
    assert refused.content == "You need the **Manage Server** permission to use this command."

    done = await world.faq_text("modrole", {"role": mods})
    assert done.content.startswith(f"OK: members with <@&{mods.id}> may use /faq")
    shown = await world.faq_text("settings", member=helper)
    assert f"• Moderator role: <@&{mods.id}> (besides Manage Server)" in shown.content
    assert (await world.faq_text("cooldown", {"seconds": 20}, member=helper)).content.startswith(
        "OK"
    )
    refused = await world.faq_text("settings", member=world.fan)
    assert refused.content == (
        f"You need the **Manage Server** permission or the <@&{mods.id}> role to use this command."
    )
    assert refused.allowed_mentions == {"parse": []}
    # the role's members may not change who counts as a moderator (they could clear it)
    for options in ({}, {"role": world.guild.everyone_role}):
        kept = await world.faq_text("modrole", options, member=helper)
        assert kept.content == (
            "❌ Only members with the **Manage Server** permission can change the moderator role."
        )
    assert (await bot.storage.guild_settings(world.guild.id)).moderator_role_id == mods.id
    # Manage Server keeps working, and the role can be cleared again
    cleared = await world.faq_text("modrole")
    assert cleared.content == "OK: only members with Manage Server may use /faq."
    again = await world.faq_text("settings", member=helper)
    assert again.content.startswith("You need the **Manage Server** permission")


async def test_a_moderator_role_everyone_has_or_nobody_can_have_is_refused(
    standin: DiscordStandIn, world: World, bot
):
    """/faq modrole had taken @everyone (fans were then refused "You need ... or the
    @everyone role", a role they have) and the bot's own role, which no person can hold."""
    everyone = await world.faq_text("modrole", {"role": world.guild.everyone_role})
    assert everyone.content == (
        "❌ Every member has @everyone, so it can't be the moderator role: pick a role that "
        "only your moderators have."
    )
    own = standin.bot_role(world.guild)
    managed = await world.faq_text("modrole", {"role": own})
    assert managed.content == (
        f"❌ <@&{own.id}> belongs to a bot or an integration: nobody can be given it, so it "
        "can't be the moderator role. Pick a role that your moderators have."
    )
    assert (await bot.storage.guild_settings(world.guild.id)).moderator_role_id is None


async def test_faq_settings_shows_everything_in_force(standin: DiscordStandIn, world: World, bot):
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    await world.faq_text("quiet", {"channel": world.offtopic, "enabled": True})
    await world.faq_text("cooldown", {"seconds": 20})
    await world.faq_text("logchannel", {"channel": world.general})
    shown = await world.faq_text("settings")
    kb = bot.knowledge.kb.summary()
    assert shown.content.splitlines() == [
        "**Settings in this server**",
        f"• Auto-answer channels: <#{world.questions.id}>",
        f"• Quiet channels (no answers): <#{world.offtopic.id}>",
        f"• Per member: {MEMBER_BURST} questions in a row, then one every 20 s",
        "• Per channel: at most 5 answers every 5 s (Discord's limit); more wait their turn",
        "• Moderator role: none (besides Manage Server)",
        f"• Log channel: <#{world.general.id}>",
        f"• Knowledge base: {kb}",
    ]
    posted = [m for m in standin.bot_messages_in(world.general) if not m.ephemeral]
    assert posted[-1].content.startswith("📋 I'll post knowledge-base reloads and errors here")


async def test_votes_are_shown_with_the_question_they_judged(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("who plays renee?")
    answer = await standin.wait_for_reply(asked)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    vote = await standin.click_button(answer, "ballard:fb:wrong:lead-actor", world.fan2)
    await vote.wait_message(ANSWER_TIMEOUT)

    for _ in range(50):  # the vote is written in the background
        stats = await world.faq_text("stats")
        if "Latest 👎" in stats.content:
            break
        await asyncio.sleep(0.1)
    assert "• wrong on lead-actor: “who plays renee?”" in stats.content


async def test_a_mention_of_the_bots_own_role_is_a_question(
    standin: DiscordStandIn, world: World, bot
):
    role = standin.bot_role(world.guild)
    asked = await standin.send_message(
        world.general, world.fan, f"{role.mention} who plays ballard?"
    )
    assert (await standin.wait_for_reply(asked)).embeds[0]["title"] == LEAD_ACTOR
    other = standin.add_role(world.guild, "Fans", 0)  # another role's mention asks nothing
    chatter = await standin.send_message(
        world.general, world.fan, f"{other.mention} who plays ballard?"
    )
    await assert_silent(standin, chatter)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    assert deliveries(bot.settings.data_dir, world.guild.id) == [("role", "sent")]


async def test_threads_and_forum_posts_follow_their_parent_channel(
    standin: DiscordStandIn, world: World, bot
):
    forum = standin.add_forum_channel(world.guild, "ballard-questions")
    on = await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    assert "and its threads" in on.content
    on = await world.faq_text("autoanswer", {"channel": forum, "enabled": True})
    assert on.content.startswith(f"OK: I will now answer questions in <#{forum.id}>")

    thread = standin.add_thread(world.questions, "s2 talk", owner=world.fan)
    asked = await standin.send_message(thread, world.fan, "who plays ballard?")  # unmentioned
    reply = await standin.wait_for_reply(asked)
    assert reply.channel_id == thread.id and reply.embeds[0]["title"] == LEAD_ACTOR
    chatter = await standin.send_message(thread, world.fan, "lol that finale")
    await assert_silent(standin, chatter)

    post, starter = standin.add_forum_post(forum, world.fan2, "Question", "where can i watch it?")
    # a post made while the bot is connected arrives as THREAD_CREATE + MESSAGE_CREATE
    answer = await standin.wait_for_reply(starter)
    assert answer.channel_id == post.id and answer.embeds[0]["title"] == title("where-to-watch")

    # a mention in a thread of an ordinary channel is answered there too
    elsewhere = standin.add_thread(world.offtopic, "chat", owner=world.fan)
    mentioned = await world.ask("who plays ballard?", channel=elsewhere, author=world.fan2)
    assert (await standin.wait_for_reply(mentioned)).channel_id == elsewhere.id

    # /faq autoanswer accepts a single thread; quiet follows the parent as well
    single = await world.faq_text("autoanswer", {"channel": elsewhere, "enabled": True})
    assert single.content.startswith(
        f"OK: I will now answer questions in <#{elsewhere.id}> without"
    )
    await world.faq_text("quiet", {"channel": world.questions, "enabled": True})
    muted = await world.ask("where can i watch it?", channel=thread, author=world.mod)
    await wait_reacted(standin, muted, QUIET)


async def test_gateway_frames_discord_py_cannot_parse_are_skipped(
    standin: DiscordStandIn, world: World, bot, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.ERROR, logger="bot")
    await standin.send_raw_frame("{this is not json")
    await standin.dispatch_raw(
        "GUILD_ROLE_UPDATE",
        {
            "guild_id": str(world.guild.id),
            "role": {
                "id": str(standin.bot_role(world.guild).id),
                "name": "x",
                "permissions": "abc",
            },
        },
        guild_id=world.guild.id,
    )
    asked = await world.ask("who plays ballard?")
    assert (await standin.wait_for_reply(asked)).embeds[0]["title"] == LEAD_ACTOR
    assert not bot.is_closed()
    skipped = [
        r.getMessage() for r in caplog.records if "skipped a gateway payload" in r.getMessage()
    ]
    assert len(skipped) == 2 and "GUILD_ROLE_UPDATE" in skipped[1]


async def test_a_reply_whose_answer_was_lost_is_not_posted_twice(
    standin: DiscordStandIn, world: World, bot
):
    # Discord posts the message but the 503 reaches the bot: the retry carries the same
    # nonce, so Discord hands back the message it made instead of a second one.
    fault = standin.fail_next(REPLY_POSTS, status=503, method="POST", after=True)
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked, timeout=10)
    await standin.wait_until(lambda: True if len(fault.hits) == 1 else None, timeout=5)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    assert [r.status for r in bot_posts(standin, world.general.id)] == [200]  # the retry
    assert standin.replies_to(asked) == [reply]
    assert deliveries(bot.settings.data_dir, world.guild.id) == [("mention", "sent")]
