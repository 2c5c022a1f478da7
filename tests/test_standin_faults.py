"""The stand-in's fault injection beyond rate limits: malformed gateway traffic, 5xx answers
on any route, and the shard count GET /gateway/bot recommends."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import discord
import pytest
from discord.ext import commands

from tests.standin import (
    BotStopped,
    Channel,
    DiscordStandIn,
    Guild,
    Member,
    StandinError,
    run_bot,
)


class PlainBot(commands.Bot):
    """Plain discord.py: no error handling of its own beyond recording on_error."""

    def __init__(self, **kwargs: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05, **kwargs)
        self.handler_errors: list[tuple[str, BaseException | None]] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def setup_hook(self) -> None:
        @self.command()
        async def ping(ctx: commands.Context) -> None:
            await ctx.send("pong")

        @self.tree.command(description="Takes its time")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer()
            await interaction.followup.send("done")

        await self.tree.sync()

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        self.handler_errors.append((event_method, sys.exc_info()[1]))


class World:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.standin = standin
        self.guild: Guild = standin.add_guild("Ballard Fans")
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.fan: Member = standin.add_member(self.guild, "fan")


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


@pytest.fixture
def world(standin: DiscordStandIn) -> World:
    return World(standin)


@pytest.fixture
async def bot(standin: DiscordStandIn, world: World) -> AsyncIterator[PlainBot]:
    plain = PlainBot()
    async with run_bot(standin, plain):
        yield plain
    standin.assert_clean()


# ---------------------------------------------------------------------------------------
# malformed gateway traffic
# ---------------------------------------------------------------------------------------
Send = Callable[[World], Awaitable[str]]  # sends something broken, returns the frame text


def raw(text: str) -> Send:
    async def send(world: World) -> str:
        frames = await world.standin.send_raw_frame(text)
        return frames[0].frame

    return send


def event(name: str, build: Callable[[World], Any]) -> Send:
    async def send(world: World) -> str:
        record = await world.standin.dispatch_raw(name, build(world), guild_id=world.guild.id)
        return record.frame

    return send


def message_without_author(world: World) -> dict[str, Any]:
    return {
        "id": "1",
        "channel_id": str(world.general.id),
        "guild_id": str(world.guild.id),
        "content": "no author",
        "type": 0,
    }


def role_with_bad_permissions(world: World) -> dict[str, Any]:
    role = world.standin.bot_role(world.guild).payload() | {"permissions": "abc"}
    return {"guild_id": str(world.guild.id), "role": role}


def guild_with_bad_permissions(world: World) -> dict[str, Any]:
    data = world.guild.payload(unavailable=False)
    data["roles"][0]["permissions"] = "abc"
    return data


# What plain discord.py 2.7 does with each: the exception that ends bot.start(), or None
# when the client keeps going. A crash is not caught anywhere in discord.py's gateway loop.
MALFORMED: dict[str, tuple[Send, type[BaseException] | None]] = {
    "not JSON": (raw("this is not JSON"), json.JSONDecodeError),
    "JSON, not an object": (raw("[1, 2, 3]"), AttributeError),
    "unknown opcode": (raw('{"op": 99, "d": null}'), None),
    "dispatch with d null": (raw('{"op":0,"t":"MESSAGE_CREATE","s":null,"d":null}'), TypeError),
    "unknown event": (event("NO_SUCH_EVENT", lambda w: {"x": 1}), None),
    # discord.py skips the missing key; the message reaches on_message without .author
    "MESSAGE_CREATE without author": (event("MESSAGE_CREATE", message_without_author), None),
    "MESSAGE_CREATE data not an object": (event("MESSAGE_CREATE", lambda w: "text"), TypeError),
    'GUILD_ROLE_UPDATE permissions "abc"': (
        event("GUILD_ROLE_UPDATE", role_with_bad_permissions),
        ValueError,
    ),
    'GUILD_CREATE role permissions "abc"': (
        event("GUILD_CREATE", guild_with_bad_permissions),
        ValueError,
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
async def test_malformed_gateway_traffic(standin: DiscordStandIn, world: World, case: str):
    send, crash = MALFORMED[case]
    plain = PlainBot()
    expect_crash = pytest.raises(BotStopped) if crash else contextlib.nullcontext()
    with expect_crash as info:
        async with run_bot(standin, plain):
            text = await send(world)
            # Frames are handled in order: an answer to this means the bad frame is behind.
            ping = await standin.send_message(world.general, world.fan, "!ping")
            assert (await standin.wait_for_reply(ping, timeout=3)).content == "pong"
    if crash is not None:
        assert isinstance(info.value.__cause__, crash)
    # the stand-in sent the frame as given, recorded it, and did not choke on it
    assert text in [f.frame for f in standin.raw_frames] + [r.frame for r in standin.dispatched]
    standin.assert_clean()
    if case == "MESSAGE_CREATE without author":
        assert plain.handler_errors and plain.handler_errors[0][0] == "on_message"
        assert isinstance(plain.handler_errors[0][1], AttributeError)


async def test_raw_frames_are_sent_as_given(standin: DiscordStandIn, world: World, bot):
    frames = await standin.send_raw_frame('{"op": 99, "d": "not a real opcode"}')
    assert len(frames) == 1 and frames[0].sent_at is not None
    assert frames[0].shard is None and standin.raw_frames == frames
    # no sequence number was used up: the next dispatch follows the last one
    before = standin.dispatched[-1].seq
    ping = await standin.send_message(world.general, world.fan, "!ping")
    assert ping.event is not None and ping.event.seq == before + 1
    with pytest.raises(StandinError):
        await standin.send_raw_frame("x", shard_id=3)


async def test_dispatch_raw_still_follows_intents(standin: DiscordStandIn, world: World):
    no_messages = discord.Intents.default()
    no_messages.guild_messages = False
    plain = commands.Bot(command_prefix="!", intents=no_messages, guild_ready_timeout=0.05)
    async with run_bot(standin, plain):
        with pytest.raises(StandinError, match="filtered"):
            await standin.dispatch_raw("MESSAGE_CREATE", message_without_author(world))
        record = await standin.dispatch_raw("NO_SUCH_EVENT", {"x": 1}, shard_id=0)
        assert record.type == "NO_SUCH_EVENT" and record.sent_at is not None


# ---------------------------------------------------------------------------------------
# 5xx answers
# ---------------------------------------------------------------------------------------
async def test_503_is_not_retried_by_the_rest_client(standin: DiscordStandIn, world: World, bot):
    channel = bot.get_channel(world.general.id)
    fault = standin.fail_next("/channels/*/messages", status=503, count=5, method="POST")
    for _ in range(5):
        with pytest.raises(discord.DiscordServerError) as info:
            await channel.send("hello")
        assert info.value.status == 503
    assert len(fault.hits) == 5 and fault.exhausted
    await channel.send("hello")  # the sixth gets through
    statuses = [r.status for r in standin.requests_matching("POST", "/channels/*/messages")]
    assert statuses == [503] * 5 + [200]
    assert [r.fault for r in fault.hits] == ["503"] * 5


async def test_5xx_bodies_and_headers(standin: DiscordStandIn, world: World, bot):
    channel = bot.get_channel(world.general.id)
    # what a proxy answers: plain text, no Retry-After, no JSON
    standin.fail_next("/channels/*/messages", status=503, body="upstream connect error")
    with pytest.raises(discord.DiscordServerError) as info:
        await channel.send("hello")
    assert info.value.text == "upstream connect error" and info.value.code == 0
    response = standin.requests[-1]
    assert response.response == "upstream connect error"

    standin.fail_next(
        "/channels/*/messages",
        status=507,
        body={"message": "Insufficient Storage", "code": 0},
        headers={"Retry-After": "7"},
    )
    with pytest.raises(discord.DiscordServerError) as info:
        await channel.send("hello")
    assert info.value.status == 507 and info.value.text == "Insufficient Storage"
    assert info.value.response.headers["Retry-After"] == "7"

    # 500 is one of the statuses discord.py retries (after 1 s)
    standin.fail_next(re.compile(r"/channels/\d+/messages$"), status=500)
    await channel.send("hello")
    assert [r.status for r in standin.requests[-2:]] == [500, 200]


async def test_5xx_on_reactions(standin: DiscordStandIn, world: World, bot):
    ping = await standin.send_message(world.general, world.fan, "!ping")
    pong = await ping.wait_reply()
    message = bot.get_channel(world.general.id).get_partial_message(pong.id)
    fault = standin.fail_next(
        "/channels/*/messages/*/reactions/*/@me", status=503, count=2, method="PUT"
    )
    for _ in range(2):
        with pytest.raises(discord.DiscordServerError):
            await message.add_reaction("✅")
    assert pong.reactions == [] and fault.hits[0].path.endswith("/reactions/✅/@me")
    await message.add_reaction("✅")
    assert pong.reactions == ["✅"]


async def test_5xx_on_interaction_callbacks_and_followups(
    standin: DiscordStandIn, world: World, bot
):
    # discord.py's webhook client (callbacks, followups) retries every 5xx, after 1 s
    callback = standin.fail_next("/interactions/*/*/callback", status=503)
    followup = standin.fail_next("/webhooks/*/*", status=502, method="POST")
    handle = await standin.invoke_slash(world.guild, world.general, world.fan, "slow")
    done = await handle.wait_followup(timeout=6)
    assert done.content == "done" and handle.callback is not None
    assert [r.status for r in handle.requests] == [200, 200]  # the faults answered first
    assert len(callback.hits) == 1 and len(followup.hits) == 1
    assert [r.status for r in standin.requests_matching("POST", "/interactions/*/*/callback")] == [
        503,
        200,
    ]


# ---------------------------------------------------------------------------------------
# GET /gateway/bot
# ---------------------------------------------------------------------------------------
async def test_recommended_shard_count_is_settable(standin: DiscordStandIn, world: World):
    assert standin.shard_count == 1
    standin.shard_count = 3  # after construction, e.g. for SHARD_COUNT=auto

    class ShardedBot(commands.AutoShardedBot):
        async def before_identify_hook(self, shard_id: int | None, *, initial=False) -> None:
            return None  # discord.py sleeps 5 s before each IDENTIFY after the first

    sharded = ShardedBot(
        command_prefix="!", intents=discord.Intents.default(), guild_ready_timeout=0.05
    )
    async with run_bot(standin, sharded):
        assert sharded.shard_count == 3 and set(sharded.shards) == {0, 1, 2}
        shards, _, _ = await sharded.http.get_bot_gateway()
        assert shards == 3
    answers = [r.response["shards"] for r in standin.requests_matching("GET", "/gateway/bot")]
    assert answers == [3, 3]
    with pytest.raises(StandinError):
        standin.shard_count = 0
