"""The stand-in's roles, role mentions and users' message edits, driven by a real
discord.py bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.standin import (
    Channel,
    DiscordStandIn,
    Guild,
    Member,
    Role,
    StandinError,
    run_bot,
)

MANAGE_GUILD = discord.Permissions(manage_guild=True).value
NO_PINGS = discord.AllowedMentions.none()


class RoleBot(commands.Bot):
    """Answers when pinged by user or by its managed role; keeps what it saw."""

    def __init__(self, *, members: bool = False) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        intents.members = members
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
        self.edits: list[discord.Message] = []
        self.member_updates: list[discord.Member] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def setup_hook(self) -> None:
        @self.command()
        async def roles(ctx: commands.Context) -> None:
            names = sorted(role.name for role in ctx.author.roles if not role.is_default())
            await ctx.send(f"roles: {', '.join(names)}", allowed_mentions=NO_PINGS)

        @self.command()
        async def say(ctx: commands.Context, *, text: str) -> None:
            await ctx.send(text)  # no allowed_mentions: Discord's default pings all

        @self.tree.command(description="Toggle automatic answers")
        @app_commands.checks.has_permissions(manage_guild=True)
        async def autoanswer(interaction: discord.Interaction, enabled: bool) -> None:
            await interaction.response.send_message(f"autoanswer={enabled}")

        @autoanswer.error
        async def denied(interaction: discord.Interaction, error: Exception) -> None:
            await interaction.response.send_message("You need Manage Server.")

        await self.tree.sync()

    def pinged(self, message: discord.Message) -> bool:
        own_role = message.guild.self_role if message.guild is not None else None
        return self.user in message.mentions or own_role in message.role_mentions

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        if self.pinged(message) and not message.content.startswith("!"):
            await message.channel.send("You rang?")
        await self.process_commands(message)

    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        self.edits.append(after)
        if self.pinged(after) and not self.pinged(before):
            await after.channel.send(f"You rang (edited at {after.edited_at:%H:%M})?")

    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        self.member_updates.append(after)


class World:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.guild: Guild = standin.add_guild("Ballard Fans")
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.mods: Role = standin.add_role(self.guild, "mods", MANAGE_GUILD)
        self.fan: Member = standin.add_member(self.guild, "fan")
        self.mod: Member = standin.add_member(self.guild, "mod", roles=(self.mods,))


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


@pytest.fixture
def world(standin: DiscordStandIn) -> World:
    return World(standin)


@pytest.fixture
async def bot(standin: DiscordStandIn, world: World) -> AsyncIterator[RoleBot]:
    roles = RoleBot()
    async with run_bot(standin, roles):
        yield roles
    standin.assert_clean()


async def test_the_bot_has_its_managed_role(standin: DiscordStandIn, world: World, bot: RoleBot):
    own = standin.bot_role(world.guild)
    assert own.name == standin.bot_user.name and own.managed
    assert own.payload()["tags"] == {"bot_id": str(standin.bot_user.id)}
    assert world.guild.member(standin.bot_user).roles == [own]

    guild = bot.get_guild(world.guild.id)
    seen = guild.self_role
    assert seen is not None and seen.id == own.id and seen.is_bot_managed()
    assert seen.tags.bot_id == bot.user.id and seen.managed
    assert seen in guild.me.roles


async def test_role_mentions_fill_mention_roles(
    standin: DiscordStandIn, world: World, bot: RoleBot
):
    own = standin.bot_role(world.guild)
    asked = await standin.send_message(world.general, world.fan, f"{own.mention} season 3?")
    assert asked.payload["mention_roles"] == [str(own.id)]
    assert asked.payload["mentions"] == []  # users only
    assert (await asked.wait_reply()).content == "You rang?"

    elsewhere = standin.add_guild("Elsewhere")
    foreign = standin.add_role(elsewhere, "foreign")
    mixed = await standin.send_message(
        world.general,
        world.fan,
        f"{world.mods.mention} {world.mod.mention} {world.mods.mention} {foreign.mention}",
    )
    assert mixed.payload["mention_roles"] == [str(world.mods.id)]  # once; this guild's only
    assert [m["id"] for m in mixed.payload["mentions"]] == [str(world.mod.id)]

    # the bot's own messages: allowed_mentions decides which role mentions ping
    quiet = await standin.send_message(world.general, world.fan, "!roles")
    assert (await quiet.wait_reply()).payload["mention_roles"] == []
    loud = await standin.send_message(world.general, world.fan, f"!say hi {world.mods.mention}")
    assert (await loud.wait_reply()).payload["mention_roles"] == [str(world.mods.id)]


async def test_member_roles_and_permissions(standin: DiscordStandIn, world: World, bot: RoleBot):
    asked = await standin.send_message(world.general, world.mod, "!roles")
    assert asked.payload["member"]["roles"] == [str(world.mods.id)]
    assert (await asked.wait_reply()).content == "roles: mods"

    allowed = await standin.invoke_slash(
        world.guild, world.general, world.mod, "autoanswer", {"enabled": True}
    )
    assert allowed.payload["member"]["roles"] == [str(world.mods.id)]
    assert int(allowed.payload["member"]["permissions"]) & MANAGE_GUILD
    assert (await allowed.wait_message()).content == "autoanswer=True"

    denied = await standin.invoke_slash(
        world.guild, world.general, world.fan, "autoanswer", {"enabled": True}
    )
    assert not int(denied.payload["member"]["permissions"]) & MANAGE_GUILD
    assert (await denied.wait_message()).content == "You need Manage Server."

    # roles change: the next interaction carries the new roles and permissions
    standin.set_member_roles(world.fan, [world.mods])
    promoted = await standin.invoke_slash(
        world.guild, world.general, world.fan, "autoanswer", {"enabled": False}
    )
    assert (await promoted.wait_message()).content == "autoanswer=False"
    standin.set_member_roles(world.fan, [])
    demoted = await standin.invoke_slash(
        world.guild, world.general, world.fan, "autoanswer", {"enabled": False}
    )
    assert (await demoted.wait_message()).content == "You need Manage Server."

    with pytest.raises(StandinError, match="not a role of guild"):
        standin.set_member_roles(world.fan, [standin.add_role(standin.add_guild(), "other")])


async def test_member_updates_follow_the_members_intent(standin: DiscordStandIn, world: World):
    plain = RoleBot()  # no GUILD_MEMBERS intent
    async with run_bot(standin, plain):
        standin.set_member_roles(world.fan, [world.mods])
        assert standin.filtered_events[-1][0] == "GUILD_MEMBER_UPDATE"
        # ... but Discord always tells the bot about its own member
        helper = standin.add_role(world.guild, "helpers")
        me = world.guild.member(standin.bot_user)
        standin.set_member_roles(me, [standin.bot_role(world.guild), helper])
        await standin.wait_until(lambda: plain.member_updates or None)
        assert {r.name for r in plain.get_guild(world.guild.id).me.roles} >= {"helpers"}

    members = RoleBot(members=True)
    async with run_bot(standin, members):
        standin.set_member_roles(world.fan, [world.mods, helper])
        await standin.wait_until(lambda: members.member_updates or None)
        updated = members.member_updates[-1]
        assert updated.id == world.fan.id
        assert {r.name for r in updated.roles} == {"@everyone", "mods", "helpers"}
    standin.assert_clean()


async def test_users_edit_their_messages(standin: DiscordStandIn, world: World, bot: RoleBot):
    msg = await standin.send_message(world.general, world.fan, "who plays ballard?")
    assert msg.payload["edited_timestamp"] is None
    edited = await standin.edit_message(msg, f"{standin.bot_user.mention} who plays ballard?")
    assert edited is msg and msg.content.startswith("<@")
    update = standin.dispatched[-1]
    assert update.type == "MESSAGE_UPDATE" and update.data["id"] == str(msg.id)
    assert update.data["edited_timestamp"] is not None
    assert [m["id"] for m in update.data["mentions"]] == [str(standin.bot_user.id)]
    answer = await standin.wait_for_message(world.general, after=msg)
    assert answer.content.startswith("You rang (edited at")
    assert bot.edits[-1].content == msg.content and bot.edits[-1].edited_at is not None
    assert msg.edits == [{"content": msg.content}]

    # mentions are recomputed from the new content; a reply keeps pinging its author
    reply = await standin.send_message(world.general, world.mod, "+1", reference=answer)
    assert [m["id"] for m in reply.payload["mentions"]] == [str(standin.bot_user.id)]
    await standin.edit_message(reply, f"+1 {world.mods.mention} @everyone")
    assert [m["id"] for m in reply.payload["mentions"]] == [str(standin.bot_user.id)]
    assert reply.payload["mention_roles"] == [str(world.mods.id)]
    assert reply.payload["mention_everyone"] is False  # mod lacks MENTION_EVERYONE
    await standin.edit_message(msg, "never mind")
    assert msg.payload["mentions"] == []
    await standin.wait_until(lambda: bot.edits[-1].content == "never mind" or None)

    with pytest.raises(StandinError, match="edited by the bot"):
        await standin.edit_message(answer, "hacked")
