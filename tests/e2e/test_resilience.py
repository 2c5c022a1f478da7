"""Resilience: rate limits, server errors, lost connections, restarts, crashes, sharding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from discord.ext import commands

from bot.settings import Settings
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    BotProcess,
    MakeSettings,
    World,
    assert_silent,
    bot_environ,
    logged_questions,
    running,
    title,
    wait_logged,
)
from tests.standin import DiscordStandIn

REPLY_POSTS = re.compile(r"^/channels/\d+/messages$")
LEAD_ACTOR = title("lead-actor")


def posts_in(standin: DiscordStandIn, channel_id: int) -> list[int | None]:
    return [r.status for r in standin.requests_matching("POST", f"/channels/{channel_id}/messages")]


async def test_a_rate_limited_reply_is_retried_and_sent_once(
    standin: DiscordStandIn, world: World, bot
):
    fault = standin.rate_limit_next(REPLY_POSTS, retry_after=0.1, method="POST")
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked)
    assert reply.embeds[0]["title"] == LEAD_ACTOR
    assert len(fault.hits) == 1
    assert posts_in(standin, world.general.id) == [429, 200]
    await assert_silent(standin, reply)
    assert standin.replies_to(asked) == [reply]


@pytest.mark.parametrize("status", [500, 502])
async def test_a_server_error_on_the_reply_is_retried(
    standin: DiscordStandIn, world: World, bot, status: int
):
    fault = standin.fail_next(REPLY_POSTS, status=status, method="POST")
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked)  # discord.py retries 5xx after 1 s
    assert reply.embeds[0]["title"] == LEAD_ACTOR and len(fault.hits) == 1
    assert posts_in(standin, world.general.id) == [status, 200]
    assert standin.replies_to(asked) == [reply]
    # and the bot is fine afterwards
    again = await world.ask("where can i watch it?", author=world.fan2)
    assert (await standin.wait_for_reply(again)).embeds


async def test_a_dropped_gateway_is_resumed_and_nothing_is_lost(
    standin: DiscordStandIn, world: World, bot
):
    await standin.drop_gateway(resume=True)
    asked = await world.ask("who plays ballard?")  # sent while the bot is disconnected
    await standin.wait_for_resume()
    reply = await standin.wait_for_reply(asked)
    assert reply.embeds[0]["title"] == LEAD_ACTOR
    ops = standin.gateway_ops()
    assert ops.count(2) == 1, "reconnected with a new IDENTIFY instead of a RESUME"
    assert ops.count(6) == 1
    assert bot.is_ready() and not bot.is_closed()
    # slash commands work over the resumed session too
    handle = await standin.invoke_slash(
        world.guild, world.general, world.fan2, "ask", {"question": "where can i watch it"}
    )
    assert (await handle.wait_message(ANSWER_TIMEOUT)).embeds


async def test_settings_and_the_log_survive_a_restart(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, data_dir: Path
):
    async with running(standin, make_settings()):
        await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
        await world.cooldowns_off()
        replies = [
            await standin.wait_for_reply(await world.ask(question))
            for question in ("who plays ballard?", "s2 info", "is there a season 3?")
        ]
        await wait_logged(standin, data_dir, world.guild.id, 3)

    async with running(standin, make_settings()) as again:
        settings = await again.storage.guild_settings(world.guild.id)
        assert settings.autoanswer_channels == {world.questions.id}
        assert settings.cooldown_seconds == 0
        # auto-answer, with no cooldown: two questions in a row, unasked, both answered
        for question in ("who plays ballard?", "where can i watch it?"):
            asked = await standin.send_message(world.questions, world.fan, question)
            assert (await standin.wait_for_reply(asked)).embeds
        await wait_logged(standin, data_dir, world.guild.id, 5)

        # buttons on messages the first bot posted still work (their state is in custom_id)
        vote = await standin.click_button(replies[0], "ballard:fb:helpful:lead-actor", world.fan)
        assert (await vote.wait_message(ANSWER_TIMEOUT)).content.startswith("Thanks")
        pick = await standin.click_button(
            replies[1], f"ballard:pick:season2-renewal:{world.fan.user.id}", world.fan
        )
        await pick.wait_message(ANSWER_TIMEOUT)
        assert replies[1].embeds[0]["title"] == title("season2-renewal")

        stats = await world.faq_text("stats")
        assert stats.content.splitlines() == [
            "**Last 30 days**: 5 questions, 3 answered (60%), 1 'did you mean', 1 unanswered.",
            "'Did you mean' choices pressed: 1",
            "Most asked: lead-actor (2), where-to-watch (1)",
            "Feedback:",
            "• lead-actor: helpful 1",
        ]
    standin.assert_clean()


async def test_a_killed_bot_process_loses_nothing(
    standin: DiscordStandIn, world: World, kb_dir: Path, data_dir: Path, tmp_path: Path
):
    env = bot_environ(standin, kb_dir, data_dir)
    first = await BotProcess.start(env, tmp_path, tmp_path / "first.log")
    try:
        await standin.wait_for_identify(count=1, timeout=15)
        asked = await world.ask("who plays ballard?")
        assert (await standin.wait_for_reply(asked, timeout=10)).embeds
        await wait_logged(standin, data_dir, world.guild.id, 1)
        await world.cooldowns_off()
        on = await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
        assert on.content.startswith("OK: I will now answer")
    finally:
        assert await first.kill() == -9

    second = await BotProcess.start(env, tmp_path, tmp_path / "second.log")
    try:
        await standin.wait_for_identify(count=2, timeout=15)
        stats = await world.faq_text("stats")
        assert stats.content.startswith("**Last 30 days**: 1 question, 1 answered (100%)")
        # the settings survived: auto-answer is on and cooldowns are off
        for question in ("who plays ballard?", "where can i watch it?"):
            asked = await standin.send_message(world.questions, world.fan, question)
            assert (await standin.wait_for_reply(asked, timeout=10)).embeds
        await wait_logged(standin, data_dir, world.guild.id, 3)
    finally:
        await second.kill()
    assert logged_questions(data_dir, world.guild.id) == 3
    assert "Traceback" not in first.output() + second.output()
    standin.assert_clean()


@pytest.mark.parametrize("shard_count", ["2", "auto"])
async def test_two_shards_answer_in_guilds_on_both(kb_dir: Path, data_dir: Path, shard_count: str):
    # auto: the bot asks GET /gateway/bot, where the stand-in recommends 2 shards
    async with DiscordStandIn(shard_count=2) as standin:
        guilds = [standin.add_guild(f"Ballard Fans {n}", shard=(n, 2)) for n in (0, 1)]
        channels = [standin.add_text_channel(g, "general") for g in guilds]
        fan = standin.add_member(guilds[0], "fan")
        standin.add_member(guilds[1], fan.user)
        helpers = [standin.add_member(g, f"helper-{n}") for n, g in enumerate(guilds)]
        env = bot_environ(standin, kb_dir, data_dir, SHARD_COUNT=shard_count)
        async with running(standin, Settings.from_env(env, env_file=None)) as bot:
            assert isinstance(bot, commands.AutoShardedBot)
            assert bot.shard_count == 2 and set(bot.shards) == {0, 1}
            identified = sorted(tuple(f.d["shard"]) for f in standin.gateway_received if f.op == 2)
            assert identified == [(0, 2), (1, 2)]
            for shard, (guild, channel, helper) in enumerate(
                zip(guilds, channels, helpers, strict=True)
            ):
                assert bot.get_guild(guild.id).shard_id == shard
                asked = await standin.send_message(
                    channel, fan, f"{standin.bot_user.mention} who plays ballard?"
                )
                reply = await standin.wait_for_reply(asked)
                assert reply.embeds[0]["title"] == LEAD_ACTOR
                handle = await standin.invoke_slash(
                    guild, channel, helper, "ask", {"question": "where can i watch it"}
                )
                assert (await handle.wait_message(ANSWER_TIMEOUT)).embeds
            dm = await standin.send_dm(fan, "when does season 2 come out?")  # shard 0
            assert (await standin.wait_for_reply(dm)).embeds
        standin.assert_clean()
