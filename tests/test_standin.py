"""Tests of the Discord stand-in itself, driven by a minimal real discord.py bot."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from tests.standin import (
    BotStopped,
    Channel,
    DiscordStandIn,
    Guild,
    Member,
    StandinTimeout,
    point_discord_py_at,
    run_bot,
)

REPLY_MENTIONS = discord.AllowedMentions(
    everyone=False, users=True, roles=False, replied_user=False
)


# ---------------------------------------------------------------------------------------
# a minimal bot
# ---------------------------------------------------------------------------------------
class ClickView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=30)
        self.clicked_by: list[int] = []

    @discord.ui.button(label="Helpful", custom_id="faq:helpful", style=discord.ButtonStyle.success)
    async def helpful(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.clicked_by.append(interaction.user.id)
        await interaction.response.send_message("Thanks for the feedback!", ephemeral=True)

    @discord.ui.button(label="Dismiss", custom_id="faq:dismiss")
    async def dismiss(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="(dismissed)", view=None)
        self.stop()

    @discord.ui.select(
        custom_id="faq:topic",
        options=[discord.SelectOption(label="Cast"), discord.SelectOption(label="Episodes")],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.send_message(f"topic={select.values[0]}", ephemeral=True)


class SuggestModal(discord.ui.Modal, title="Suggest a FAQ entry"):
    question: discord.ui.TextInput = discord.ui.TextInput(label="Question", custom_id="q")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        await interaction.edit_original_response(content=f"Suggested: {self.question.value}")


class MiniBot(commands.Bot):
    """What the real FAQ bot does, in miniature."""

    def __init__(self, **kwargs: object) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(
            command_prefix="!",
            intents=intents,
            guild_ready_timeout=0.05,  # discord.py waits this long after the last guild
            **kwargs,  # type: ignore[arg-type]
        )
        self.views: list[ClickView] = []
        self.seen: list[str] = []
        self.resumed = asyncio.Event()
        self.sync_guild: discord.abc.Snowflake | None = None

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py sleeps 5 s before every non-initial IDENTIFY

    async def setup_hook(self) -> None:
        @self.command()
        async def ping(ctx: commands.Context) -> None:
            await ctx.reply("pong", allowed_mentions=REPLY_MENTIONS)

        @self.command()
        async def dmme(ctx: commands.Context) -> None:
            await ctx.author.send("Here is the FAQ, privately.")

        @self.command()
        async def feedback(ctx: commands.Context) -> None:
            view = ClickView()
            self.views.append(view)
            await ctx.send("Was this helpful?", view=view)

        @self.tree.command(description="Ask a question about Ballard")
        @app_commands.describe(question="Your question")
        async def ask(interaction: discord.Interaction, question: str, detailed: bool = False):
            await interaction.response.send_message(f"Q: {question} (detailed={detailed})")

        @ask.autocomplete("question")
        async def ask_auto(interaction: discord.Interaction, current: str):
            topics = ["Who is Renée Ballard?", "When is season 2?", "Where is it set?"]
            return [
                app_commands.Choice(name=t, value=t) for t in topics if current.lower() in t.lower()
            ]

        faq = app_commands.Group(name="faq", description="FAQ settings")
        auto = app_commands.Group(name="auto", description="Auto answers", parent=faq)

        @faq.command(name="autoanswer", description="Toggle automatic answers")
        @app_commands.checks.has_permissions(manage_guild=True)
        async def autoanswer(interaction: discord.Interaction, enabled: bool) -> None:
            await interaction.response.send_message(f"autoanswer={enabled}", ephemeral=True)

        @autoanswer.error
        async def autoanswer_error(interaction: discord.Interaction, error: Exception) -> None:
            await interaction.response.send_message("You need Manage Server.", ephemeral=True)

        @auto.command(name="channel", description="Channel for auto answers")
        async def auto_channel(interaction: discord.Interaction, where: discord.TextChannel):
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(f"auto answers in {where.mention}")

        @self.tree.command(description="Suggest a new FAQ entry")
        async def suggest(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(SuggestModal())

        self.tree.add_command(faq)
        await self.tree.sync()
        if self.sync_guild is not None:  # guild-scoped copy, as during development
            self.tree.copy_global_to(guild=self.sync_guild)
            await self.tree.sync(guild=self.sync_guild)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message.content)
        if self.user in message.mentions and not message.content.startswith("!"):
            await message.channel.send(f"You rang, {message.author.display_name}?")
        await self.process_commands(message)

    async def on_resumed(self) -> None:
        self.resumed.set()


# ---------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------
class World:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.standin = standin
        self.guild: Guild = standin.add_guild("Ballard Fans")
        self.general: Channel = standin.add_text_channel(self.guild, "general")
        self.spoilers: Channel = standin.add_text_channel(self.guild, "spoilers")
        self.fan: Member = standin.add_member(self.guild, "fan")
        self.mod: Member = standin.add_member(
            self.guild, "mod", permissions=discord.Permissions(manage_guild=True).value
        )


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


@pytest.fixture
def world(standin: DiscordStandIn) -> World:
    return World(standin)


@pytest.fixture
async def bot(standin: DiscordStandIn, world: World) -> AsyncIterator[MiniBot]:
    mini = MiniBot()
    async with run_bot(standin, mini):
        yield mini
    standin.assert_clean()


# ---------------------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------------------
async def test_bot_connects_and_sees_the_world(standin: DiscordStandIn, world: World, bot):
    assert bot.user is not None and bot.user.id == standin.bot_user.id
    guild = bot.get_guild(world.guild.id)
    assert guild is not None and guild.name == "Ballard Fans"
    assert {c.name for c in guild.text_channels} == {"general", "spoilers"}
    assert guild.me is not None
    assert (
        guild.member_count == 4
    )  # bot, owner, fan, mod (members aren't cached without the intent)
    assert standin.gateway_ops().count(2) == 1
    login = [r.path for r in standin.requests[:2]]
    assert login == ["/users/@me", "/oauth2/applications/@me"]

    # the world can change while the bot is connected
    late = standin.add_guild("Late Guild")
    news = standin.add_text_channel(late, "news")
    newcomer = standin.add_member(late, "newcomer", permissions=8)
    msg = await standin.send_message(news, newcomer, "!ping")
    assert (await msg.wait_reply()).content == "pong"
    assert bot.get_guild(late.id).get_channel(news.id).name == "news"


async def test_reply_with_allowed_mentions(standin: DiscordStandIn, world: World, bot):
    msg = await standin.send_message(world.general, world.fan, "!ping")
    assert msg.dispatched_at is not None
    reply = await standin.wait_for_reply(msg)
    assert reply.content == "pong"
    assert reply.reference_id == msg.id
    assert reply.allowed_mentions == REPLY_MENTIONS.to_dict()
    assert reply.received_at >= msg.dispatched_at
    assert standin.messages_in(world.general) == [msg, reply]


async def test_mention_and_dm(standin: DiscordStandIn, world: World, bot):
    msg = await standin.send_message(world.spoilers, world.fan, f"hey {standin.bot_user.mention}")
    reply = await msg.wait_reply()
    assert reply.content == "You rang, fan?"
    assert reply.reference_id is None and reply.channel_id == world.spoilers.id

    # replying to the bot's message pings it (mention_author) like Discord's client does
    again = await standin.send_message(world.spoilers, world.mod, "and again", reference=reply)
    assert again.payload["referenced_message"]["id"] == str(reply.id)
    assert (await again.wait_reply()).content == "You rang, mod?"

    dm = await standin.send_dm(world.fan, "!ping")
    dm_reply = await standin.wait_for_reply(dm)
    assert dm_reply.guild_id is None and dm_reply.content == "pong"

    # the bot opens the DM itself (POST /users/@me/channels)
    ask = await standin.send_message(world.general, world.fan, "!dmme")
    private = await standin.wait_for_message(standin.dm_channel(world.fan), after=ask)
    assert private.content == "Here is the FAQ, privately."
    assert standin.requests_matching("POST", "/users/@me/channels")[0].json == {
        "recipient_id": world.fan.id
    }


async def test_slash_commands_synced_and_invoked(standin: DiscordStandIn, world: World, bot):
    assert set(standin.global_commands) == {"ask", "faq", "suggest"}
    handle = await standin.invoke_slash(
        world.guild, world.general, world.fan, "ask", {"question": "Who plays Ballard?"}
    )
    assert handle.payload["data"]["id"] == standin.global_commands["ask"]["id"]
    answer = await handle.wait_message()
    assert answer.content == "Q: Who plays Ballard? (detailed=False)"
    assert handle.callback is not None and handle.callback.type == 4

    # subcommand + has_permissions reads the member permissions in the payload
    denied = await standin.invoke_slash(
        world.guild, world.general, world.fan, ["faq", "autoanswer"], {"enabled": True}
    )
    assert (await denied.wait_message()).content == "You need Manage Server."
    allowed = await standin.invoke_slash(
        world.guild, world.general, world.mod, "faq autoanswer", {"enabled": True}
    )
    reply = await allowed.wait_message()
    assert reply.content == "autoanswer=True" and reply.ephemeral

    # group/subcommand, channel option, deferred response + followup
    deferred = await standin.invoke_slash(
        world.guild, world.general, world.mod, ["faq", "auto", "channel"], {"where": world.spoilers}
    )
    callback = await deferred.wait_response()
    assert callback.type == 5
    followup = await deferred.wait_followup()
    assert followup.content == f"auto answers in <#{world.spoilers.id}>"


async def test_guild_sync_and_modal(standin: DiscordStandIn, world: World):
    mini = MiniBot()
    mini.sync_guild = discord.Object(world.guild.id)
    async with run_bot(standin, mini):
        guild_cmds = standin.guild_commands[world.guild.id]
        assert set(guild_cmds) == {"ask", "faq", "suggest"}
        handle = await standin.invoke_slash(world.guild, world.general, world.fan, "suggest")
        assert handle.payload["data"]["guild_id"] == str(world.guild.id)
        assert handle.payload["data"]["id"] == guild_cmds["suggest"]["id"]
        opened = await handle.wait_response()
        assert opened.type == 9 and handle.modal["title"] == "Suggest a FAQ entry"
        submitted = await standin.submit_modal(handle, {"q": "Is there a season 3?"})
        done = await submitted.wait_message()
        assert done.content == "Suggested: Is there a season 3?" and done.ephemeral
        assert submitted.callback.type == 5
        assert [r.method for r in submitted.requests] == ["POST", "PATCH"]
    standin.assert_clean()


async def test_autocomplete(standin: DiscordStandIn, world: World, bot):
    handle = await standin.autocomplete(
        world.guild, world.general, world.fan, "ask", {"question": "season"}, focused="question"
    )
    choices = await handle.wait_choices()
    assert choices == [{"name": "When is season 2?", "value": "When is season 2?"}]


async def test_button_click_reaches_view(standin: DiscordStandIn, world: World, bot):
    msg = await standin.send_message(world.general, world.fan, "!feedback")
    posted = await standin.wait_for_message(world.general, after=msg)
    assert posted.custom_ids() == ["faq:helpful", "faq:dismiss", "faq:topic"]
    handle = await standin.click_button(posted, "faq:helpful", world.fan)
    thanks = await handle.wait_message()
    assert thanks.content == "Thanks for the feedback!" and thanks.ephemeral
    assert bot.views[0].clicked_by == [world.fan.id]

    picked = await standin.select_menu(posted, "faq:topic", world.mod, ["Cast"])
    assert (await picked.wait_message()).content == "topic=Cast"

    dismissed = await standin.click_button(posted, "faq:dismiss", world.fan)
    updated = await dismissed.wait_message()
    assert dismissed.callback.type == 7 and updated is posted
    assert posted.content == "(dismissed)" and posted.components == []
    assert posted.edits and posted.edits[-1]["content"] == "(dismissed)"


async def test_rate_limited_request_is_retried_once(standin: DiscordStandIn, world: World, bot):
    fault = standin.rate_limit_next("/channels/*/messages", retry_after=0.05, method="POST")
    msg = await standin.send_message(world.general, world.fan, "!ping")
    reply = await standin.wait_for_reply(msg)
    assert reply.content == "pong"
    posts = standin.requests_matching("POST", f"/channels/{world.general.id}/messages")
    assert [r.status for r in posts] == [429, 200]
    assert len(fault.hits) == 1
    assert posts[1].received_at - posts[0].received_at >= 0.05
    await asyncio.sleep(0.05)
    assert standin.bot_messages_in(world.general) == [reply]


async def test_server_error_is_retried(standin: DiscordStandIn, world: World, bot):
    standin.fail_next(re.compile(r"/channels/\d+/messages$"), status=502)
    msg = await standin.send_message(world.general, world.fan, "!ping")
    reply = await standin.wait_for_reply(msg, timeout=5)  # discord.py waits 1 s on 5xx
    assert reply.content == "pong"
    statuses = [r.status for r in standin.requests_matching("POST", "/channels/*/messages")]
    assert statuses == [502, 200]


async def test_dropped_gateway_is_resumed(standin: DiscordStandIn, world: World, bot):
    await standin.drop_gateway(resume=True)
    # Sent while the bot is disconnected: buffered and replayed after RESUME.
    msg = await standin.send_message(world.general, world.fan, "!ping")
    await standin.wait_for_resume()
    reply = await standin.wait_for_reply(msg)
    assert reply.content == "pong"
    ops = standin.gateway_ops()
    assert ops.count(2) == 1, "reconnected with a new IDENTIFY instead of RESUME"
    assert ops.count(6) == 1
    await asyncio.wait_for(bot.resumed.wait(), 2)
    assert bot.seen == ["!ping"]


async def test_close_code_and_invalid_session(standin: DiscordStandIn, world: World, bot):
    await standin.drop_gateway(resume=True, code=4000)
    await standin.wait_for_resume()
    await standin.invalidate_session(resumable=False)
    await standin.wait_for_identify(count=2)
    msg = await standin.send_message(world.general, world.fan, "!ping")
    assert (await standin.wait_for_reply(msg)).content == "pong"


async def test_auto_sharded_bot(world: World):
    async with DiscordStandIn(shard_count=2) as standin:
        g0 = standin.add_guild("shard zero", shard=(0, 2))
        g1 = standin.add_guild("shard one", shard=(1, 2))
        c1 = standin.add_text_channel(g1, "general")
        fan = standin.add_member(g1, "fan")
        standin.add_member(g0, fan.user)

        class ShardedMiniBot(commands.AutoShardedBot):
            async def before_identify_hook(self, shard_id, *, initial=False):
                return None

        intents = discord.Intents.default()
        intents.message_content = True
        sharded = ShardedMiniBot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)

        @sharded.command()
        async def ping(ctx: commands.Context) -> None:
            await ctx.reply(f"pong from shard {ctx.guild.shard_id}")

        async with run_bot(standin, sharded):
            assert sharded.shard_count == 2 and set(sharded.shards) == {0, 1}
            assert sharded.get_guild(g0.id).shard_id == 0
            assert sharded.get_guild(g1.id).shard_id == 1
            shards = sorted(tuple(f.d["shard"]) for f in standin.gateway_received if f.op == 2)
            assert shards == [(0, 2), (1, 2)]
            assert len(standin.requests_matching("GET", "/gateway/bot")) == 1
            msg = await standin.send_message(c1, fan, "!ping")
            assert (await msg.wait_reply()).content == "pong from shard 1"
        standin.assert_clean()


async def test_rejected_token_gives_login_failure(standin: DiscordStandIn, world: World):
    client = MiniBot()
    with point_discord_py_at(standin), pytest.raises(discord.LoginFailure):
        await client.start(standin.rejected_token)
    await client.close()
    assert standin.requests[0].status == 401


async def test_start_failure_surfaces_loudly(world: World):
    # The "portal" has no privileged intents enabled: IDENTIFY is closed with 4014.
    async with DiscordStandIn(allowed_privileged_intents=0) as standin:
        with pytest.raises(BotStopped) as info:
            async with run_bot(standin, MiniBot(), ready_timeout=5):
                pass
        assert isinstance(info.value.__cause__, discord.PrivilegedIntentsRequired)


async def test_message_content_intent_is_enforced(standin: DiscordStandIn, world: World):
    intents = discord.Intents.default()  # no message_content
    plain = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    seen: list[str] = []

    @plain.event
    async def on_message(message: discord.Message) -> None:
        seen.append(message.content)

    async with run_bot(standin, plain):
        await standin.send_message(world.general, world.fan, "!ping")
        await standin.send_message(world.general, world.fan, f"{standin.bot_user.mention} hi")
        await standin.wait_until(lambda: True if len(seen) == 2 else None)
    assert seen == ["", f"{standin.bot_user.mention} hi"]


async def test_environ_for_a_bot_that_configures_itself(standin: DiscordStandIn, world: World):
    env = standin.environ()
    assert env["DISCORD_API_BASE"] == standin.api_base.rstrip("/")
    assert env["DISCORD_GATEWAY_URL"] == standin.gateway_url

    class SelfConfiguringBot(MiniBot):  # what the production bot does with its settings
        async def login(self, token: str) -> None:
            discord.http.Route.BASE = env["DISCORD_API_BASE"]
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(env["DISCORD_GATEWAY_URL"])
            await super().login(token)

    old = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        async with run_bot(standin, SelfConfiguringBot(), token=env["DISCORD_TOKEN"], point=False):
            msg = await standin.send_message(world.general, world.fan, "!ping")
            assert (await msg.wait_reply()).content == "pong"
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old


async def test_unknown_routes_and_limits_are_reported(standin: DiscordStandIn, world: World, bot):
    channel = bot.get_channel(world.general.id)
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("x" * 2001)
    assert info.value.status == 400 and info.value.code == 50035
    with pytest.raises(discord.NotFound):
        await bot.http.request(discord.http.Route("GET", "/no/such/route"))
    assert [r.path for r in standin.unhandled] == ["/no/such/route"]
    with pytest.raises(AssertionError, match="unhandled GET /no/such/route"):
        standin.assert_clean()
    standin.unhandled.clear()
    with pytest.raises(StandinTimeout):
        await standin.wait_for_message(world.spoilers, timeout=0.05)
