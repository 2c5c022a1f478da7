"""The stand-in's threads and forum channels, driven by a small real discord.py bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from discord.ext import commands

from tests.standin import (
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    Channel,
    DiscordStandIn,
    Guild,
    Member,
    StandinError,
    run_bot,
)

IN_THREADS = discord.Permissions(send_messages_in_threads=True).value


def describe(channel: object) -> str:
    """What the bot sees of a channel, in one comparable line."""
    if isinstance(channel, discord.Thread):
        parent = channel.parent.name if channel.parent is not None else None
        return f"Thread {channel.id} {channel.type.name} parent={channel.parent_id} ({parent})"
    return f"{type(channel).__name__} {getattr(channel, 'id', None)}"


class ThreadBot(commands.Bot):
    """Answers "!where" and a few slash commands with what it sees of the channel."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
        self.created: list[discord.Thread] = []
        self.messages: list[discord.Message] = []

    async def setup_hook(self) -> None:
        @self.command()
        async def where(ctx: commands.Context) -> None:
            await ctx.reply(describe(ctx.channel), mention_author=False)

        @self.tree.command(name="where", description="Where am I?")
        async def where_slash(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(describe(interaction.channel))

        @self.tree.command(description="Follow a thread")
        async def follow(interaction: discord.Interaction, thread: discord.Thread) -> None:
            await interaction.response.send_message(f"following {describe(thread)}")

        @self.tree.command(description="Watch a forum")
        async def watch(interaction: discord.Interaction, forum: discord.ForumChannel) -> None:
            await interaction.response.send_message(f"watching {describe(forum)}")

        @self.tree.command(description="Where to answer")
        async def answerin(
            interaction: discord.Interaction, target: discord.TextChannel | discord.Thread
        ) -> None:
            await interaction.response.send_message(f"answering in {describe(target)}")

        await self.tree.sync()

    async def on_thread_create(self, thread: discord.Thread) -> None:
        self.created.append(thread)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.messages.append(message)
        await self.process_commands(message)


class World:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.guild: Guild = standin.add_guild("Ballard Fans")
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.fan: Member = standin.add_member(self.guild, "fan")
        self.help: Channel = standin.add_text_channel(self.guild, "help")
        # Before the bot connects: these come in GUILD_CREATE (channels and threads).
        self.episode: Channel = standin.add_thread(self.general, "episode 3", owner=self.fan)
        self.staff: Channel = standin.add_thread(self.help, "staff only", private=True)
        self.forum: Channel = standin.add_forum_channel(self.guild, "theories")
        self.post, self.starter = standin.add_forum_post(
            self.forum, self.fan, "Season 3?", "Will there be a season 3?"
        )


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


@pytest.fixture
def world(standin: DiscordStandIn) -> World:
    return World(standin)


@pytest.fixture
async def bot(standin: DiscordStandIn, world: World) -> AsyncIterator[ThreadBot]:
    threads = ThreadBot()
    async with run_bot(standin, threads):
        yield threads
    standin.assert_clean()


async def test_threads_and_forums_come_in_guild_create(
    standin: DiscordStandIn, world: World, bot: ThreadBot
):
    created = next(r for r in standin.dispatched if r.type == "GUILD_CREATE").data
    assert [t["id"] for t in created["threads"]] == [
        str(world.episode.id),
        str(world.staff.id),
        str(world.post.id),
    ]
    assert str(world.forum.id) in {c["id"] for c in created["channels"]}
    assert not {str(t.id) for t in (world.episode, world.post)} & {
        c["id"] for c in created["channels"]
    }

    guild = bot.get_guild(world.guild.id)
    episode = guild.get_thread(world.episode.id)
    assert describe(episode) == (
        f"Thread {world.episode.id} public_thread parent={world.general.id} (general)"
    )
    assert episode.owner_id == world.fan.id
    assert guild.get_thread(world.staff.id).type is discord.ChannelType.private_thread
    forum = guild.get_channel(world.forum.id)
    assert isinstance(forum, discord.ForumChannel) and forum.name == "theories"
    post = guild.get_thread(world.post.id)
    assert post.parent is forum and post.name == "Season 3?"
    assert bot.created == []  # threads that already existed are not "created"

    # the starter message of a forum post has the thread's id, and lives in the thread
    assert world.starter.id == world.post.id and world.starter.channel_id == world.post.id
    starter = await post.fetch_message(post.id)  # GET /channels/{thread}/messages/{id}
    assert starter.content == "Will there be a season 3?" and starter.channel == post
    fetched = await bot.fetch_channel(world.post.id)  # GET /channels/{id}
    assert isinstance(fetched, discord.Thread) and fetched.parent_id == world.forum.id
    assert isinstance(await bot.fetch_channel(world.forum.id), discord.ForumChannel)
    assert {t.id for t in await guild.active_threads()} == {
        world.episode.id,
        world.staff.id,
        world.post.id,
    }


async def test_messages_and_replies_in_threads(
    standin: DiscordStandIn, world: World, bot: ThreadBot
):
    asked = await standin.send_message(world.episode, world.fan, "!where")
    assert asked.payload["channel_id"] == str(world.episode.id)
    assert asked.payload["guild_id"] == str(world.guild.id)
    reply = await asked.wait_reply()
    assert reply.channel_id == world.episode.id  # POST /channels/{thread_id}/messages
    assert reply.content == (
        f"Thread {world.episode.id} public_thread parent={world.general.id} (general)"
    )
    seen = bot.messages[-1]
    assert isinstance(seen.channel, discord.Thread) and seen.channel.parent_id == world.general.id
    assert [m.id for m in standin.messages_in(world.episode)] == [asked.id, reply.id]
    assert standin.messages_in(world.general) == []
    fetched = await bot.get_channel(world.episode.id).fetch_message(reply.id)
    assert fetched.content == reply.content
    assert world.episode.payload()["message_count"] == 2

    private = await standin.send_message(world.staff, world.fan, "!where")
    assert "private_thread" in (await private.wait_reply()).content

    in_post = await standin.send_message(world.post, world.fan, "!where")
    assert in_post.payload["position"] == 1  # the starter message is 0
    assert (await in_post.wait_reply()).content == (
        f"Thread {world.post.id} public_thread parent={world.forum.id} (theories)"
    )

    # a forum holds posts, not messages
    with pytest.raises(StandinError, match="forum"):
        await standin.send_message(world.forum, world.fan, "hello")
    route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=world.forum.id)
    with pytest.raises(discord.HTTPException) as info:
        await bot.http.request(route, json={"content": "hello"})
    assert info.value.status == 400 and info.value.code == 50008


async def test_threads_and_posts_created_while_connected(
    standin: DiscordStandIn, world: World, bot: ThreadBot
):
    live = standin.add_thread(world.general, "live chat", owner=world.fan)
    record = next(r for r in standin.dispatched if r.type == "THREAD_CREATE")
    assert record.data["newly_created"] is True
    assert record.data["parent_id"] == str(world.general.id)
    await standin.wait_until(lambda: bot.created or None)
    assert bot.created[0].id == live.id and bot.created[0].parent_id == world.general.id

    post, starter = standin.add_forum_post(world.forum, world.fan, "Renée", "!where")
    assert [r.type for r in standin.dispatched[-2:]] == ["THREAD_CREATE", "MESSAGE_CREATE"]
    reply = await starter.wait_reply()
    assert reply.channel_id == post.id
    assert reply.content == f"Thread {post.id} public_thread parent={world.forum.id} (theories)"
    seen = bot.messages[-1]
    assert seen.id == post.id and seen.channel.id == post.id
    assert bot.get_channel(world.forum.id).last_message_id == post.id


async def test_slash_commands_in_threads_and_thread_options(
    standin: DiscordStandIn, world: World, bot: ThreadBot
):
    handle = await standin.invoke_slash(world.guild, world.episode, world.fan, "where")
    assert handle.payload["channel_id"] == str(world.episode.id)
    assert handle.payload["channel"]["type"] == 11
    assert handle.payload["channel"]["parent_id"] == str(world.general.id)
    answer = await handle.wait_message()
    assert answer.channel_id == world.episode.id
    assert answer.content == (
        f"Thread {world.episode.id} public_thread parent={world.general.id} (general)"
    )

    follow = await standin.invoke_slash(
        world.guild, world.general, world.fan, "follow", {"thread": world.staff}
    )
    entry = follow.payload["data"]["resolved"]["channels"][str(world.staff.id)]
    assert entry["type"] == 12 and entry["parent_id"] == str(world.help.id)
    assert (await follow.wait_message()).content == (
        f"following Thread {world.staff.id} private_thread parent={world.help.id} (help)"
    )

    watch = await standin.invoke_slash(
        world.guild, world.post, world.fan, "watch", {"forum": world.forum}
    )
    assert watch.payload["data"]["resolved"]["channels"][str(world.forum.id)]["type"] == 15
    assert (await watch.wait_message()).content == f"watching ForumChannel {world.forum.id}"

    # the synced definition says which channel types the option takes
    types = standin.global_commands["answerin"]["options"][0]["channel_types"]
    assert 11 in types and 15 not in types
    answer_in = await standin.invoke_slash(
        world.guild, world.general, world.fan, "answerin", {"target": world.post}
    )
    assert "parent=" in (await answer_in.wait_message()).content
    with pytest.raises(StandinError, match="channel types"):
        await standin.invoke_slash(
            world.guild, world.general, world.fan, "answerin", {"target": world.forum}
        )


async def test_sending_in_threads_needs_its_own_permission(standin: DiscordStandIn):
    guild = standin.add_guild(
        bot_permissions=DEFAULT_BOT_PERMISSIONS & ~IN_THREADS,
        everyone_permissions=DEFAULT_EVERYONE_PERMISSIONS & ~IN_THREADS,
    )
    general = standin.add_text_channel(guild, "general")
    thread = standin.add_thread(general, "no bots here")
    threads = ThreadBot()
    async with run_bot(standin, threads):
        await threads.get_channel(general.id).send("fine here")
        with pytest.raises(discord.Forbidden) as info:
            await threads.get_guild(guild.id).get_thread(thread.id).send("not here")
        assert info.value.code == 50013
    standin.assert_clean()
