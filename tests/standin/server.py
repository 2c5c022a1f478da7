"""A local stand-in for Discord (REST API + gateway) that the real discord.py client can
connect to on 127.0.0.1.

    async with DiscordStandIn() as standin:
        guild = standin.add_guild(name="Ballard Fans")
        general = standin.add_text_channel(guild, "general")
        fan = standin.add_member(guild, "fan")
        async with run_bot(standin, bot):          # points discord.py here, starts, waits ready
            msg = await standin.send_message(general, fan, "!ping")
            reply = await standin.wait_for_reply(msg)

See README.md beside this file for the whole API.
"""

# The public API takes timeout= arguments on purpose: every wait races the bot's task.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web

from ._gateway import (
    OP_IDENTIFY,
    OP_INVALID_SESSION,
    OP_RECONNECT,
    OP_RESUME,
    GatewayConnection,
    GatewaySession,
    needs_content_stripping,
    strip_message_content,
    websocket_handler,
)
from ._models import (
    ATTACHMENT_SIZE_LIMIT,
    CHANNEL_DM,
    CHANNEL_TEXT,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    JSON,
    MENTION_EVERYONE,
    MESSAGE_CHAT_INPUT_COMMAND,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    PRIVILEGED_INTENTS,
    Channel,
    EventRecord,
    GatewayFrame,
    Guild,
    InteractionCallback,
    InteractionHandle,
    Member,
    RecordedRequest,
    Role,
    SnowflakeGenerator,
    StoredMessage,
    User,
    attachment_payload,
    message_payload,
)
from ._rest import ApiError, Fault, RestAPI, form_error, validate_message

if TYPE_CHECKING:
    import discord

T = TypeVar("T")

DEFAULT_TOKEN = "standin.bot.token"
REJECTED_TOKEN = "standin.rejected.token"

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


class StandinError(Exception):
    """A test asked the stand-in for something impossible (unknown option, no session...)."""


class StandinTimeout(TimeoutError):
    """A wait_for_* ran out of time."""


class BotStopped(RuntimeError):
    """A watched bot task ended (usually with an exception) while a test was waiting."""


Sendable = User | Member


def _user_of(who: Sendable) -> User:
    return who.user if isinstance(who, Member) else who


class DiscordStandIn:
    """Fake Discord: REST on ``api_base``, gateway on ``gateway_url`` (both 127.0.0.1)."""

    def __init__(
        self,
        *,
        token: str | None = DEFAULT_TOKEN,
        rejected_token: str = REJECTED_TOKEN,
        bot_name: str = "Ballard Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        shard_count: int = 1,
        heartbeat_interval: float = 41.25,
        ratelimit_headers: bool = True,
        ratelimit_limit: int = 50,
        ratelimit_window: float = 1.0,
        enforce_ratelimits: bool = False,
        enforce_intents: bool = True,
        allowed_privileged_intents: int = PRIVILEGED_INTENTS,
        validate_payloads: bool = True,
        interaction_deadline: float | None = 3.0,
        echo_bot_messages: bool = True,
        replay_buffer: int = 100_000,
    ) -> None:
        """
        token: the bot token accepted; None accepts any token except ``rejected_token``.
        rejected_token: always answered with 401 on REST and 4004 on the gateway.
        shard_count: what GET /gateway/bot recommends (AutoShardedBot uses it).
        ratelimit_headers: send X-RateLimit-* headers (a bucket of ``ratelimit_limit``
            requests per ``ratelimit_window`` s per route+major id); the client then
            throttles itself. ``enforce_ratelimits`` answers 429 once a bucket is empty.
        enforce_intents: apply GUILD_MESSAGES / DIRECT_MESSAGES / MESSAGE_CONTENT intents
            to message events like Discord does.
        allowed_privileged_intents: the privileged intents "enabled in the portal";
            IDENTIFY asking for others is closed with 4014.
        validate_payloads: reject messages over Discord's limits (2000 chars, embeds...).
        interaction_deadline: seconds within which an interaction must get its initial
            response (Discord: 3 s), None for no limit.
        echo_bot_messages: dispatch MESSAGE_CREATE/UPDATE/DELETE for the bot's own messages.
        """
        self.host = host
        self._port = port
        self._token = token
        self.rejected_token = rejected_token
        self.shard_count = shard_count
        self.heartbeat_interval = heartbeat_interval
        self.ratelimit_headers = ratelimit_headers
        self.ratelimit_limit = ratelimit_limit
        self.ratelimit_window = ratelimit_window
        self.enforce_ratelimits = enforce_ratelimits
        self.enforce_intents = enforce_intents
        self.allowed_privileged_intents = allowed_privileged_intents
        self.validate_payloads = validate_payloads
        self.interaction_deadline = interaction_deadline
        self.echo_bot_messages = echo_bot_messages
        self.replay_buffer = replay_buffer

        self._ids = SnowflakeGenerator()
        self.bot_user = User(id=self._ids.next(), name=bot_name, bot=True)
        self.application_id = self.bot_user.id
        self.owner = User(id=self._ids.next(), name="app-owner")

        # the world
        self.users: dict[int, User] = {self.bot_user.id: self.bot_user, self.owner.id: self.owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self._dm_channels: dict[int, Channel] = {}
        self._roles: dict[int, Role] = {}

        # what happened
        self.messages: dict[int, StoredMessage] = {}
        self._channel_messages: dict[int, list[StoredMessage]] = defaultdict(list)
        self.bot_messages: list[StoredMessage] = []
        self.user_messages: list[StoredMessage] = []
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.errors: list[str] = []
        self.dispatched: list[EventRecord] = []
        self.filtered_events: list[tuple[str, JSON]] = []
        self.gateway_received: list[GatewayFrame] = []
        self.interactions: list[InteractionHandle] = []
        self._interactions_by_token: dict[str, InteractionHandle] = {}
        self.global_commands: dict[str, JSON] = {}
        self.guild_commands: dict[int, dict[str, JSON]] = {}
        self._fabricated_command_ids: dict[str, int] = {}
        self.presence: Any = None
        self.identify_count = 0
        self.resume_count = 0

        # machinery
        self._faults: list[Fault] = []
        self._sessions: dict[str, GatewaySession] = {}
        self._shard_sessions: dict[tuple[int, int], GatewaySession] = {}
        self._connections: set[GatewayConnection] = set()
        self._background: set[asyncio.Task[Any]] = set()
        self._waiters: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._reply_waiters: dict[int, list[asyncio.Future[StoredMessage]]] = defaultdict(list)
        self._channel_reply_waiters: dict[int, deque[tuple[StoredMessage, asyncio.Future[Any]]]]
        self._channel_reply_waiters = defaultdict(deque)
        self._replies: dict[int, list[StoredMessage]] = defaultdict(list)
        self._claimed: set[int] = set()
        self._watched: list[asyncio.Task[Any]] = []
        self._rest = RestAPI(self)
        self._runner: web.AppRunner | None = None

    # =====================================================================================
    # lifecycle
    # =====================================================================================
    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/ws", self._ws_handler)
        app.router.add_route("*", "/{tail:.*}", self._rest.handle)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._port)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        for conn in list(self._connections):
            conn.abort()
        for task in list(self._background):
            task.cancel()
        for _check, fut in self._waiters:
            if not fut.done():
                fut.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _ws_handler(self, request: web.Request) -> web.StreamResponse:
        return await websocket_handler(self, request)

    @property
    def port(self) -> int:
        return self._port

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE`` (and the bot's DISCORD_API_BASE)."""
        return f"http://{self.host}:{self._port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (and DISCORD_GATEWAY_URL)."""
        return f"ws://{self.host}:{self._port}/ws"

    @property
    def token(self) -> str:
        """A token the stand-in accepts."""
        return self._token if self._token is not None else DEFAULT_TOKEN

    def _token_ok(self, token: str | None) -> bool:
        if token is None or token == self.rejected_token:
            return False
        return self._token is None or token == self._token

    # =====================================================================================
    # the world
    # =====================================================================================
    def add_user(self, name: str, *, bot: bool = False, global_name: str | None = None) -> User:
        user = User(id=self._ids.next(), name=name, bot=bot, global_name=global_name)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str = "Ballard Fans",
        *,
        owner: User | None = None,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS,
        shard: tuple[int, int] | None = None,
    ) -> Guild:
        """A guild the bot is in. ``shard=(id, count)`` picks an id on that shard."""
        guild_id = self._ids.next_for_shard(*shard) if shard else self._ids.next()
        owner = owner or self.owner
        everyone = Role(id=guild_id, guild_id=guild_id, name="@everyone", permissions=0)
        everyone.permissions = everyone_permissions
        guild = Guild(
            id=guild_id, name=name, owner_id=owner.id, everyone_role=everyone, roles=[everyone]
        )
        bot_role = Role(
            id=self._ids.next(),
            guild_id=guild_id,
            name=self.bot_user.name,
            permissions=bot_permissions,
            position=1,
            managed=True,
            bot_id=self.bot_user.id,
        )
        guild.roles.append(bot_role)
        guild.bot_role = bot_role
        self._roles[everyone.id] = everyone
        self._roles[bot_role.id] = bot_role
        guild.members[self.bot_user.id] = Member(user=self.bot_user, guild=guild, roles=[bot_role])
        guild.members[owner.id] = Member(user=owner, guild=guild)
        self.guilds[guild.id] = guild
        self._dispatch_world(guild.id, "GUILD_CREATE", lambda: guild.payload(unavailable=None))
        return guild

    def add_role(self, guild: Guild, name: str, permissions: int = 0) -> Role:
        role = Role(
            id=self._ids.next(),
            guild_id=guild.id,
            name=name,
            permissions=permissions,
            position=len(guild.roles),
        )
        guild.roles.append(role)
        self._roles[role.id] = role
        self._dispatch_world(
            guild.id,
            "GUILD_ROLE_CREATE",
            lambda: {"guild_id": str(guild.id), "role": role.payload()},
        )
        return role

    def add_text_channel(self, guild: Guild, name: str, *, topic: str | None = None) -> Channel:
        channel = Channel(
            id=self._ids.next(),
            name=name,
            type=CHANNEL_TEXT,
            guild=guild,
            position=len(guild.channels),
            topic=topic,
        )
        guild.channels.append(channel)
        self.channels[channel.id] = channel
        self._dispatch_world(guild.id, "CHANNEL_CREATE", channel.payload)
        return channel

    def add_member(
        self,
        guild: Guild,
        user: str | User,
        *,
        permissions: int = 0,
        roles: Sequence[Role] = (),
        nick: str | None = None,
    ) -> Member:
        """Add a user (new if ``user`` is a name) to ``guild``. ``permissions`` (an int
        bitfield such as ``discord.Permissions(manage_guild=True).value``) is granted
        through a role of its own, on top of @everyone."""
        if isinstance(user, str):
            user = self.add_user(user)
        member_roles = list(roles)
        if permissions:
            member_roles.append(self.add_role(guild, f"{user.name}-perms", permissions))
        member = Member(user=user, guild=guild, roles=member_roles, nick=nick)
        guild.members[user.id] = member
        self._dispatch_world(
            guild.id,
            "GUILD_MEMBER_ADD",
            lambda: member.payload() | {"guild_id": str(guild.id)},
        )
        return member

    def dm_channel(self, user: User | Member) -> Channel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        user = _user_of(user)
        channel = self._dm_channels.get(user.id)
        if channel is None:
            channel = Channel(id=self._ids.next(), name="", type=CHANNEL_DM, recipient=user)
            self._dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def role(self, role_id: int) -> Role:
        return self._roles[role_id]

    # =====================================================================================
    # gateway dispatch
    # =====================================================================================
    def _session_for(self, guild_id: int | None) -> GatewaySession | None:
        for session in self._shard_sessions.values():
            if session.invalidated:
                continue
            if guild_id is None:
                if session.shard_id == 0:
                    return session
            elif session.covers_guild(guild_id):
                return session
        return None

    @property
    def sessions(self) -> list[GatewaySession]:
        """Live (not invalidated) gateway sessions, one per shard."""
        return [s for s in self._shard_sessions.values() if not s.invalidated]

    def _dispatch(
        self, guild_id: int | None, event: str, data: JSON, *, required: bool
    ) -> EventRecord | None:
        session = self._session_for(guild_id)
        if session is None:
            if required:
                raise StandinError(
                    f"no gateway session to deliver {event} (guild {guild_id}): "
                    "is the bot connected (and identified for that shard)?"
                )
            return None
        if not session.wants(event, data):
            self.filtered_events.append((event, data))
            return None
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and needs_content_stripping(
            session, data, self.bot_user.id
        ):
            data = strip_message_content(data)
        return session.dispatch(event, data)

    def _dispatch_world(self, guild_id: int, event: str, build: Callable[[], JSON]) -> None:
        """World changes made while the bot is connected reach it as gateway events."""
        if self._session_for(guild_id) is not None:
            self._dispatch(guild_id, event, build(), required=False)

    async def dispatch_raw(
        self, event: str, data: JSON, *, guild_id: int | None = None
    ) -> EventRecord:
        """Send any dispatch event (for events the stand-in has no helper for)."""
        record = self._dispatch(guild_id, event, data, required=True)
        assert record is not None
        await self._wait_sent(record)
        return record

    async def _wait_sent(self, record: EventRecord | None) -> None:
        if record is None:
            return
        session = self._sessions.get(record.session_id)
        if session is not None and session.connected:
            await record.wait_sent()

    # =====================================================================================
    # acting as users
    # =====================================================================================
    async def send_message(
        self,
        channel: Channel,
        author: Sendable,
        content: str = "",
        *,
        mentions: Sequence[Sendable] = (),
        reference: StoredMessage | int | None = None,
        mention_author: bool = True,
        embeds: Sequence[JSON] = (),
        wait: bool = True,
    ) -> StoredMessage:
        """Post ``content`` as ``author`` and dispatch MESSAGE_CREATE.

        ``<@id>`` in the content and ``mentions`` fill the mentions array; ``reference``
        makes it a reply (with ``referenced_message``; ``mention_author`` pings the
        replied-to author as Discord does by default). With ``wait`` the call returns once
        the event is written to the bot's socket (``msg.dispatched_at`` set)."""
        user = _user_of(author)
        guild = channel.guild
        member = guild.member(user) if guild is not None else None
        if guild is not None and member is None:
            raise StandinError(f"{user.name} is not a member of {guild.name}")
        message_id = self._ids.next()
        mentioned: dict[int, User] = {}
        for match in _USER_MENTION.finditer(content):
            found = self.users.get(int(match.group(1)))
            if found is not None:
                mentioned.setdefault(found.id, found)
        for who in mentions:
            u = _user_of(who)
            mentioned.setdefault(u.id, u)
        message_reference: JSON | None = None
        referenced: JSON | bool | None = False
        message_type = MESSAGE_DEFAULT
        if reference is not None:
            ref_msg = reference if isinstance(reference, StoredMessage) else None
            ref_id = reference.id if isinstance(reference, StoredMessage) else int(reference)
            ref_msg = ref_msg or self.messages.get(ref_id)
            message_reference = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": str(channel.id),
            }
            if guild is not None:
                message_reference["guild_id"] = str(guild.id)
            referenced = _without_reference(ref_msg.payload) if ref_msg else None
            message_type = MESSAGE_REPLY
            if ref_msg is not None and mention_author:
                mentioned.setdefault(ref_msg.author.id, ref_msg.author)
        role_ids = [int(m) for m in _ROLE_MENTION.findall(content)]
        payload = message_payload(
            message_id=message_id,
            channel=channel,
            author=user,
            member=member,
            content=content,
            embeds=list(embeds),
            mentions=[self._mention_payload(u, guild) for u in mentioned.values()],
            mention_roles=[r for r in role_ids if r in self._roles],
            mention_everyone=("@everyone" in content or "@here" in content)
            and bool(member is not None and member.permissions & MENTION_EVERYONE),
            message_type=message_type,
            message_reference=message_reference,
            referenced_message=referenced,
            nonce=str(message_id),
        )
        msg = StoredMessage(
            id=message_id,
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=user,
            content=content,
            payload=payload,
            created_at=time.perf_counter(),
            embeds=list(embeds),
            message_reference=message_reference,
            _standin=self,
        )
        record = self._dispatch(channel.guild_id, "MESSAGE_CREATE", payload, required=True)
        msg.event = record
        self._store(msg)
        if wait:
            await self._wait_sent(record)
        return msg

    async def send_dm(self, user: Sendable, content: str, **kwargs: Any) -> StoredMessage:
        """``user`` writes to the bot in their DM channel."""
        return await self.send_message(self.dm_channel(user), user, content, **kwargs)

    def _mention_payload(self, user: User, guild: Guild | None) -> JSON:
        data = user.payload()
        if guild is not None:
            member = guild.member(user)
            if member is not None:
                data["member"] = member.payload(with_user=False)
        return data

    # -- interactions ---------------------------------------------------------------------
    async def invoke_slash(
        self,
        guild: Guild | None,
        channel: Channel,
        user: Sendable,
        name: str | Sequence[str],
        options: Mapping[str, Any] | None = None,
        *,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """A user runs ``/name`` (``["faq", "autoanswer"]`` or ``"faq autoanswer"`` for
        subcommands, three parts for a group). Uses the ids the bot registered by sync,
        or made-up ids if it did not. Option types come from the registered definition,
        else from the Python values (str, int, float, bool, User/Member, Channel, Role)."""
        data = self._command_data(guild, name, options or {}, focused=None)
        return await self._interact(2, guild, channel, user, data, locale=locale)

    async def autocomplete(
        self,
        guild: Guild | None,
        channel: Channel,
        user: Sendable,
        name: str | Sequence[str],
        options: Mapping[str, Any],
        focused: str,
        *,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Autocomplete (type 4) while the user types option ``focused``; await
        ``handle.wait_choices()`` for the choices."""
        if focused not in options:
            raise StandinError(f"focused option {focused!r} must be in options")
        data = self._command_data(guild, name, options, focused=focused)
        return await self._interact(4, guild, channel, user, data, locale=locale)

    async def click_button(
        self, message: StoredMessage | int, custom_id: str, user: Sendable
    ) -> InteractionHandle:
        """Click the button ``custom_id`` on a message the bot posted."""
        msg = self._resolve_message(message)
        component = msg.find_component(custom_id)
        if component is None:
            raise StandinError(
                f"message {msg.id} has no component {custom_id!r}: {msg.custom_ids()}"
            )
        if component.get("type") != 2:
            raise StandinError(f"{custom_id!r} is not a button (type {component.get('type')})")
        if component.get("disabled"):
            raise StandinError(f"button {custom_id!r} is disabled")
        data: JSON = {"custom_id": custom_id, "component_type": 2}
        if component.get("id") is not None:
            data["id"] = component["id"]
        return await self._component_interaction(msg, user, data)

    async def select_menu(
        self, message: StoredMessage | int, custom_id: str, user: Sendable, values: Sequence[str]
    ) -> InteractionHandle:
        """Pick ``values`` in the select menu ``custom_id`` (string selects)."""
        msg = self._resolve_message(message)
        component = msg.find_component(custom_id)
        if component is None or component.get("type") not in (3, 5, 6, 7, 8):
            raise StandinError(f"message {msg.id} has no select menu {custom_id!r}")
        data: JSON = {
            "custom_id": custom_id,
            "component_type": component["type"],
            "values": [str(v) for v in values],
        }
        return await self._component_interaction(msg, user, data)

    async def submit_modal(
        self, opened_by: InteractionHandle, values: Mapping[str, str], user: Sendable | None = None
    ) -> InteractionHandle:
        """Submit the modal the bot opened (callback type 9) in answer to ``opened_by``,
        filling text inputs by custom_id."""
        modal = opened_by.modal
        if modal is None:
            raise StandinError(f"interaction {opened_by.id} was not answered with a modal")
        components = [_modal_answer(c, values) for c in modal.get("components", [])]
        data = {"custom_id": modal["custom_id"], "components": components}
        channel = self.channels[opened_by.channel_id]
        guild = channel.guild
        return await self._interact(5, guild, channel, user or opened_by.user, data)

    def _resolve_message(self, message: StoredMessage | int) -> StoredMessage:
        if isinstance(message, StoredMessage):
            return message
        try:
            return self.messages[int(message)]
        except KeyError:
            raise StandinError(f"unknown message {message}") from None

    async def _component_interaction(
        self, msg: StoredMessage, user: Sendable, data: JSON
    ) -> InteractionHandle:
        if msg.deleted:
            raise StandinError(f"message {msg.id} was deleted")
        channel = self.channels[msg.channel_id]
        return await self._interact(3, channel.guild, channel, user, data, message=msg)

    async def _interact(
        self,
        itype: int,
        guild: Guild | None,
        channel: Channel,
        who: Sendable,
        data: JSON,
        *,
        message: StoredMessage | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        user = _user_of(who)
        if guild is not None and channel.guild is not guild:
            raise StandinError(f"channel {channel.name} is not in guild {guild.name}")
        guild = channel.guild
        interaction_id = self._ids.next()
        token = "standin." + secrets.token_urlsafe(32)
        channel_payload = channel.payload()
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "token": token,
            "version": 1,
            "channel_id": str(channel.id),
            "channel": channel_payload,
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if guild is not None:
            member = guild.member(user)
            if member is None:
                raise StandinError(f"{user.name} is not a member of {guild.name}")
            bot_member = guild.member(self.bot_user)
            channel_payload["permissions"] = str(member.permissions)
            payload["guild_id"] = str(guild.id)
            payload["guild"] = {"id": str(guild.id), "locale": "en-US", "features": []}
            payload["guild_locale"] = "en-US"
            payload["member"] = member.payload(with_permissions=True)
            payload["app_permissions"] = str(bot_member.permissions if bot_member else 0)
            payload["authorizing_integration_owners"] = {"0": str(guild.id)}
            payload["context"] = 0
        else:
            payload["user"] = user.payload()
            payload["app_permissions"] = str(DEFAULT_BOT_PERMISSIONS)
            payload["authorizing_integration_owners"] = {"0": "0", "1": str(user.id)}
            payload["context"] = 1
        if message is not None:
            payload["message"] = message.payload
        handle = InteractionHandle(
            id=interaction_id,
            token=token,
            type=itype,
            payload=payload,
            channel_id=channel.id,
            guild_id=channel.guild_id,
            user=user,
            _standin=self,
        )
        self.interactions.append(handle)
        self._interactions_by_token[token] = handle
        record = self._dispatch(channel.guild_id, "INTERACTION_CREATE", payload, required=True)
        handle.event = record
        await self._wait_sent(record)
        return handle

    def _command_data(
        self,
        guild: Guild | None,
        name: str | Sequence[str],
        options: Mapping[str, Any],
        *,
        focused: str | None,
    ) -> JSON:
        parts = name.split() if isinstance(name, str) else list(name)
        if not 1 <= len(parts) <= 3:
            raise StandinError(f"bad command path {name!r}")
        root = parts[0]
        command: JSON | None = None
        scope_guild: int | None = None
        if guild is not None and root in self.guild_commands.get(guild.id, {}):
            command = self.guild_commands[guild.id][root]
            scope_guild = guild.id
        elif root in self.global_commands:
            command = self.global_commands[root]
        registered = command is not None
        if command is None:
            fake_id = self._fabricated_command_ids.setdefault(root, self._ids.next())
            command = {"id": str(fake_id), "name": root, "type": 1, "options": []}
        definitions: list[JSON] | None = list(command.get("options") or []) if registered else None
        for depth, part in enumerate(parts[1:], start=1):
            if definitions is None:
                continue
            want = 1 if depth == len(parts) - 1 else 2
            found = next(
                (o for o in definitions if o.get("name") == part and o.get("type") == want), None
            )
            if found is None:
                raise StandinError(f"/{' '.join(parts[:depth])} has no subcommand {part!r}")
            definitions = list(found.get("options") or [])
        resolved: JSON = {}
        leaf = [
            self._option(key, value, definitions, guild, resolved, focused == key)
            for key, value in options.items()
        ]
        if definitions is not None and focused is None:
            missing = [
                o["name"]
                for o in definitions
                if o.get("required") and o.get("type", 3) not in (1, 2) and o["name"] not in options
            ]
            if missing:
                raise StandinError(f"/{' '.join(parts)}: required option(s) missing: {missing}")
        nested: list[JSON] = leaf
        for depth in range(len(parts) - 1, 0, -1):
            kind = 1 if depth == len(parts) - 1 else 2
            nested = [{"type": kind, "name": parts[depth], "options": nested}]
        data: JSON = {"id": str(command["id"]), "name": root, "type": 1, "options": nested}
        if resolved:
            data["resolved"] = resolved
        if scope_guild is not None:
            data["guild_id"] = str(scope_guild)
        return data

    def _option(
        self,
        key: str,
        value: Any,
        definitions: list[JSON] | None,
        guild: Guild | None,
        resolved: JSON,
        focused: bool,
    ) -> JSON:
        otype: int | None = None
        if definitions is not None:
            definition = next((o for o in definitions if o.get("name") == key), None)
            if definition is None:
                known = [o.get("name") for o in definitions]
                raise StandinError(f"unknown option {key!r}; the command has {known}")
            otype = int(definition.get("type", 3))
        if otype is None:
            otype = _infer_option_type(value)
        option: JSON = {"name": key, "type": otype}
        if focused:
            option["focused"] = True
            option["value"] = value if isinstance(value, str) else str(value)
            return option
        if otype in (6, 7, 8, 9):
            option["value"] = str(self._resolve_option_object(value, otype, guild, resolved))
        elif otype == 4:
            option["value"] = int(value)
        elif otype == 10:
            option["value"] = float(value)
        elif otype == 5:
            option["value"] = bool(value)
        else:
            option["value"] = str(value)
        return option

    def _resolve_option_object(
        self, value: Any, otype: int, guild: Guild | None, resolved: JSON
    ) -> int:
        if isinstance(value, (User, Member)):
            obj: Any = _user_of(value)
        elif isinstance(value, (Channel, Role)):
            obj = value
        else:
            obj_id = int(value)
            obj = self.users.get(obj_id) or self.channels.get(obj_id) or self._roles.get(obj_id)
            if obj is None:
                raise StandinError(f"unknown user/channel/role id {obj_id}")
        if isinstance(obj, User):
            resolved.setdefault("users", {})[str(obj.id)] = obj.payload()
            member = guild.member(obj) if guild is not None else None
            if member is not None:
                resolved.setdefault("members", {})[str(obj.id)] = member.payload(
                    with_user=False, with_permissions=True
                )
        elif isinstance(obj, Channel):
            entry: JSON = {
                "id": str(obj.id),
                "name": obj.name,
                "type": obj.type,
                "permissions": str(DEFAULT_EVERYONE_PERMISSIONS),
                "parent_id": None,
            }
            if obj.guild is not None:
                entry["guild_id"] = str(obj.guild.id)
            resolved.setdefault("channels", {})[str(obj.id)] = entry
        elif isinstance(obj, Role):
            resolved.setdefault("roles", {})[str(obj.id)] = obj.payload()
        return obj.id

    # =====================================================================================
    # bot-side message bookkeeping (called by the REST handlers)
    # =====================================================================================
    def _validate_message(self, body: JSON, files: list[Any], *, partial: bool = False) -> None:
        if self.validate_payloads:
            validate_message(body, files, partial=partial)

    def _store(self, msg: StoredMessage) -> None:
        self.messages[msg.id] = msg
        self._channel_messages[msg.channel_id].append(msg)
        channel = self.channels.get(msg.channel_id)
        if channel is not None:
            channel.last_message_id = msg.id
        if msg.from_bot:
            self.bot_messages.append(msg)
            self._route_reply(msg)
        else:
            self.user_messages.append(msg)
        self._notify()

    def _create_bot_message(
        self,
        channel: Channel,
        body: JSON,
        rec: RecordedRequest,
        *,
        interaction: InteractionHandle | None = None,
        followup: bool = False,
        echo: bool = True,
    ) -> StoredMessage:
        guild = channel.guild
        flags = int(body.get("flags") or 0)
        content = "" if body.get("content") is None else str(body["content"])
        embeds = list(body.get("embeds") or ([body["embed"]] if body.get("embed") else []))
        components = list(body.get("components") or [])
        allowed_mentions = body.get("allowed_mentions")
        message_reference: JSON | None = None
        referenced: JSON | bool | None = False
        message_type = MESSAGE_DEFAULT
        if interaction is not None and interaction.type in (2, 4):
            message_type = MESSAGE_CHAT_INPUT_COMMAND
        ref = body.get("message_reference")
        if ref and interaction is None and ref.get("type", 0) == 0:
            ref_id = int(ref["message_id"])
            target = self.messages.get(ref_id)
            if target is None or target.channel_id != channel.id:
                if ref.get("fail_if_not_exists", True):
                    raise form_error(
                        "message_reference",
                        "REPLIES_UNKNOWN_MESSAGE",
                        "Unknown message",
                    )
            else:
                message_reference = {
                    "type": 0,
                    "message_id": str(ref_id),
                    "channel_id": str(channel.id),
                }
                if guild is not None:
                    message_reference["guild_id"] = str(guild.id)
                referenced = _without_reference(target.payload)
                message_type = MESSAGE_REPLY
        attachments = self._attachments(body, rec)
        mentions = self._bot_mentions(content, allowed_mentions, referenced, guild)
        interaction_metadata = None
        if interaction is not None:
            interaction_metadata = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": interaction.user.payload(),
                "authorizing_integration_owners": interaction.payload.get(
                    "authorizing_integration_owners", {}
                ),
            }
        message_id = self._ids.next()
        payload = message_payload(
            message_id=message_id,
            channel=channel,
            author=self.bot_user,
            member=guild.member(self.bot_user) if guild is not None else None,
            content=content,
            embeds=embeds,
            components=components,
            attachments=attachments,
            mentions=mentions,
            flags=flags,
            tts=bool(body.get("tts")),
            message_type=message_type,
            message_reference=message_reference,
            referenced_message=referenced,
            webhook_id=self.application_id if interaction is not None else None,
            application_id=self.application_id if interaction is not None else None,
            nonce=body.get("nonce"),
            interaction_metadata=interaction_metadata,
        )
        msg = StoredMessage(
            id=message_id,
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=self.bot_user,
            content=content,
            payload=payload,
            created_at=time.perf_counter(),
            embeds=embeds,
            components=components,
            attachments=attachments,
            files=list(rec.files),
            flags=flags,
            allowed_mentions=allowed_mentions,
            message_reference=message_reference,
            from_bot=True,
            request=rec,
            interaction_id=interaction.id if interaction is not None else None,
            _standin=self,
        )
        self._store(msg)
        if echo and self.echo_bot_messages and not msg.ephemeral:
            self._dispatch(channel.guild_id, "MESSAGE_CREATE", payload, required=False)
        return msg

    def _attachments(self, body: JSON, rec: RecordedRequest) -> list[JSON]:
        meta = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
        out: list[JSON] = []
        for index, upload in enumerate(rec.files):
            m = re.match(r"files\[(\d+)\]", upload.field_name)
            key = m.group(1) if m else str(index)
            description = (meta.get(key) or {}).get("description")
            out.append(attachment_payload(self._ids.next(), upload, description))
        return out

    def _bot_mentions(
        self,
        content: str,
        allowed: JSON | None,
        referenced: JSON | bool | None,
        guild: Guild | None,
    ) -> list[JSON]:
        ids: list[int] = []
        parse = None if allowed is None else set(allowed.get("parse") or [])
        explicit = None if allowed is None else {int(u) for u in allowed.get("users") or []}
        for match in _USER_MENTION.finditer(content):
            uid = int(match.group(1))
            if parse is None or "users" in parse or (explicit and uid in explicit):
                ids.append(uid)
        if isinstance(referenced, dict):
            replied = allowed is None or bool(allowed.get("replied_user", False))
            if replied:
                ids.append(int(referenced["author"]["id"]))
        out: list[JSON] = []
        seen: set[int] = set()
        for uid in ids:
            user = self.users.get(uid)
            if user is not None and uid not in seen:
                seen.add(uid)
                out.append(self._mention_payload(user, guild))
        return out

    def _edit_message(self, msg: StoredMessage, body: JSON, rec: RecordedRequest) -> None:
        was_loading = bool(msg.flags & FLAG_LOADING)
        payload = msg.payload
        if "content" in body:
            msg.content = "" if body["content"] is None else str(body["content"])
            payload["content"] = msg.content
        if "embeds" in body:
            msg.embeds = list(body["embeds"] or [])
            payload["embeds"] = msg.embeds
        if "components" in body:
            msg.components = list(body["components"] or [])
            payload["components"] = msg.components
        if "allowed_mentions" in body:
            msg.allowed_mentions = body["allowed_mentions"]
        if "attachments" in body or rec.files:
            keep = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in msg.attachments if a["id"] in keep]
            msg.attachments = kept + self._attachments(body, rec)
            msg.files = msg.files + list(rec.files)
            payload["attachments"] = msg.attachments
        if body.get("flags") is not None:
            msg.flags = (msg.flags & FLAG_EPHEMERAL) | int(body["flags"])
        msg.flags &= ~FLAG_LOADING
        payload["flags"] = msg.flags
        if not was_loading:
            payload["edited_timestamp"] = _now_iso()
        msg.edits.append(body)
        msg.edited_at = rec.received_at
        if self.echo_bot_messages and not msg.ephemeral:
            event = "MESSAGE_CREATE" if was_loading else "MESSAGE_UPDATE"
            self._dispatch(msg.guild_id, event, payload, required=False)
        self._notify()

    def _delete_message(self, msg: StoredMessage) -> None:
        msg.deleted = True
        if self.echo_bot_messages and not msg.ephemeral:
            data: JSON = {"id": str(msg.id), "channel_id": str(msg.channel_id)}
            if msg.guild_id is not None:
                data["guild_id"] = str(msg.guild_id)
            self._dispatch(msg.guild_id, "MESSAGE_DELETE", data, required=False)
        self._notify()

    # =====================================================================================
    # observing
    # =====================================================================================
    def messages_in(self, channel: Channel | int) -> list[StoredMessage]:
        """Every message (users' and the bot's, not deleted) in the channel, in order."""
        channel_id = channel if isinstance(channel, int) else channel.id
        return [m for m in self._channel_messages.get(channel_id, []) if not m.deleted]

    def bot_messages_in(self, channel: Channel | int) -> list[StoredMessage]:
        return [m for m in self.messages_in(channel) if m.from_bot]

    def replies_to(self, message: StoredMessage | int) -> list[StoredMessage]:
        """Bot messages whose message_reference points at ``message``."""
        message_id = message if isinstance(message, int) else message.id
        return list(self._replies.get(message_id, []))

    def requests_matching(
        self, method: str | None = None, pattern: str | re.Pattern[str] = "*"
    ) -> list[RecordedRequest]:
        """Recorded REST requests; ``pattern`` as in :meth:`rate_limit_next`."""
        probe = Fault(pattern=pattern, method=method, status=0, count=1)
        return [r for r in self.requests if r.method != "WS" and probe.matches(r.method, r.path)]

    def gateway_ops(self) -> list[int]:
        """Opcodes the bot sent on the gateway, in order (2 identify, 6 resume...)."""
        return [f.op for f in self.gateway_received]

    def assert_clean(self) -> None:
        """Fail if any request hit no route or any handler of the stand-in crashed."""
        problems = [f"unhandled {r.method} {r.path} {r.json!r}" for r in self.unhandled]
        problems += [f"stand-in error: {e}" for e in self.errors]
        if problems:
            raise AssertionError("Discord stand-in saw problems:\n" + "\n".join(problems))

    # -- waiting --------------------------------------------------------------------------
    def watch(self, task: asyncio.Task[Any]) -> None:
        """Tie every wait to ``task`` (the bot's start task): if it ends while a test
        waits, the wait raises BotStopped with its exception instead of timing out."""
        self._watched.append(task)

    def _check_watched(self) -> None:
        for task in self._watched:
            if task.done():
                exc = None if task.cancelled() else task.exception()
                raise BotStopped(f"the bot task {task.get_name()} ended: {exc!r}") from exc

    async def _await(self, fut: asyncio.Future[T], timeout: float, what: str) -> T:
        self._check_watched()
        watched = [t for t in self._watched if not t.done()]
        try:
            done, _ = await asyncio.wait(
                [fut, *watched], timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        except BaseException:
            fut.cancel()
            raise
        if fut in done:
            return fut.result()
        fut.cancel()
        self._check_watched()
        raise StandinTimeout(f"timed out after {timeout}s waiting for {what}{self._hint()}")

    def _hint(self) -> str:
        notes = []
        if self.unhandled:
            notes.append(f"unhandled requests: {[f'{r.method} {r.path}' for r in self.unhandled]}")
        if self.errors:
            notes.append(f"stand-in errors: {self.errors[-3:]}")
        failed = [r for r in self.requests if r.status is not None and r.status >= 400]
        if failed:
            notes.append(
                "failed requests: "
                + ", ".join(f"{r.method} {r.path} -> {r.status} {r.response}" for r in failed[-5:])
            )
        if self.filtered_events:
            notes.append(f"{len(self.filtered_events)} event(s) filtered out by intents")
        return ("; " + "; ".join(notes)) if notes else ""

    def _notify(self) -> None:
        if not self._waiters:
            return
        still: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        for check, fut in self._waiters:
            if fut.done():
                continue
            try:
                value = check()
            except Exception as exc:
                fut.set_exception(exc)
                continue
            if value is not None:
                fut.set_result(value)
            else:
                still.append((check, fut))
        self._waiters = still

    async def wait_until(
        self,
        check: Callable[[], T | None],
        *,
        timeout: float = 5.0,
        what: str = "condition",
        poll: float | None = 0.02,
    ) -> T:
        """Wait until ``check()`` returns something other than None. It is re-checked
        whenever a request, message, interaction response or gateway frame arrives, and
        every ``poll`` seconds (for conditions on the bot's own state)."""
        value = check()
        if value is not None:
            return value
        fut: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiters.append((check, fut))
        poller = asyncio.create_task(_poll(check, fut, poll)) if poll else None
        try:
            return await self._await(fut, timeout, what)
        finally:
            if poller is not None:
                poller.cancel()

    async def wait_for_message(
        self,
        channel: Channel | int | None = None,
        *,
        predicate: Callable[[StoredMessage], bool] | None = None,
        timeout: float = 5.0,
        after: float | StoredMessage | None = None,
    ) -> StoredMessage:
        """The first bot message (in arrival order, already there or still to come) in
        ``channel`` matching ``predicate``; ``after`` (perf_counter time or a message)
        ignores earlier ones."""
        channel_id = channel.id if isinstance(channel, Channel) else channel
        since = _since(after)
        start = 0

        def check() -> StoredMessage | None:
            nonlocal start
            msgs = self.bot_messages
            for i in range(start, len(msgs)):
                m = msgs[i]
                if channel_id is not None and m.channel_id != channel_id:
                    continue
                if since is not None and m.received_at < since:
                    continue
                if predicate is None or predicate(m):
                    return m
            start = len(msgs)
            return None

        return await self.wait_until(check, timeout=timeout, what=f"a bot message in {channel_id}")

    async def wait_for_messages(
        self,
        count: int,
        channel: Channel | int | None = None,
        *,
        predicate: Callable[[StoredMessage], bool] | None = None,
        timeout: float = 10.0,
        after: float | StoredMessage | None = None,
    ) -> list[StoredMessage]:
        """Wait until ``count`` matching bot messages exist; returns the first ``count``."""
        channel_id = channel.id if isinstance(channel, Channel) else channel
        since = _since(after)
        found: list[StoredMessage] = []
        start = 0

        def check() -> list[StoredMessage] | None:
            nonlocal start
            msgs = self.bot_messages
            for i in range(start, len(msgs)):
                m = msgs[i]
                if channel_id is not None and m.channel_id != channel_id:
                    continue
                if since is not None and m.received_at < since:
                    continue
                if predicate is None or predicate(m):
                    found.append(m)
            start = len(msgs)
            return found[:count] if len(found) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"{count} bot messages")

    async def wait_for_reply(
        self, message: StoredMessage, *, timeout: float = 5.0
    ) -> StoredMessage:
        """The bot's answer to a user message: the first bot message whose
        message_reference points at it; failing that, the first bot message in the same
        channel, arrived after it was dispatched, that references nothing and that no
        other wait_for_reply has taken. Cheap enough for thousands of concurrent waits."""
        replies = self._replies.get(message.id)
        if replies:
            return replies[0]
        for m in self._channel_messages.get(message.channel_id, []):
            if self._is_unclaimed_answer(m, message):
                self._claimed.add(m.id)
                return m
        fut: asyncio.Future[StoredMessage] = asyncio.get_running_loop().create_future()
        self._reply_waiters[message.id].append(fut)
        self._channel_reply_waiters[message.channel_id].append((message, fut))
        return await self._await(fut, timeout, f"a reply to message {message.id}")

    def _is_unclaimed_answer(self, m: StoredMessage, to: StoredMessage) -> bool:
        return (
            m.from_bot
            and m.reference_id is None
            and m.interaction_id is None
            and m.id not in self._claimed
            and m.received_at >= (to.dispatched_at or to.created_at)
        )

    def _route_reply(self, msg: StoredMessage) -> None:
        ref = msg.reference_id
        if ref is not None:
            self._replies[ref].append(msg)
            for fut in self._reply_waiters.pop(ref, []):
                if not fut.done():
                    fut.set_result(msg)
            return
        if msg.interaction_id is not None:
            return
        waiters = self._channel_reply_waiters.get(msg.channel_id)
        while waiters:
            asked, fut = waiters.popleft()
            if fut.done():
                continue
            if msg.received_at < (asked.dispatched_at or asked.created_at):
                waiters.appendleft((asked, fut))
                return
            self._claimed.add(msg.id)
            fut.set_result(msg)
            return

    async def wait_for_interaction_response(
        self, interaction: InteractionHandle, timeout: float = 5.0
    ) -> InteractionCallback:
        return await interaction.wait_response(timeout)

    async def wait_for_request(
        self,
        method: str | None,
        pattern: str | re.Pattern[str],
        *,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 5.0,
        count: int = 1,
    ) -> RecordedRequest:
        """Wait until ``count`` matching requests were received; return the last of them."""

        def check() -> RecordedRequest | None:
            found = [
                r
                for r in self.requests_matching(method, pattern)
                if r.status is not None and (predicate is None or predicate(r))
            ]
            return found[count - 1] if len(found) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"{method} {pattern}")

    async def wait_for_gateway_op(
        self, op: int, *, count: int = 1, timeout: float = 5.0
    ) -> GatewayFrame:
        """Wait until the bot sent opcode ``op`` ``count`` times; return the last frame."""

        def check() -> GatewayFrame | None:
            frames = [f for f in self.gateway_received if f.op == op]
            return frames[count - 1] if len(frames) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"gateway op {op} x{count}")

    async def wait_for_identify(self, *, count: int = 1, timeout: float = 5.0) -> GatewayFrame:
        return await self.wait_for_gateway_op(OP_IDENTIFY, count=count, timeout=timeout)

    async def wait_for_resume(self, *, count: int = 1, timeout: float = 5.0) -> GatewayFrame:
        """Wait until ``count`` RESUMEs were accepted (events replayed, RESUMED sent)."""
        await self.wait_until(
            lambda: True if self.resume_count >= count else None,
            timeout=timeout,
            what=f"{count} accepted RESUME(s)",
        )
        return [f for f in self.gateway_received if f.op == OP_RESUME][-1]

    # =====================================================================================
    # fault injection
    # =====================================================================================
    def rate_limit_next(
        self,
        path_pattern: str | re.Pattern[str],
        count: int = 1,
        retry_after: float = 0.05,
        *,
        method: str | None = None,
        is_global: bool = False,
    ) -> Fault:
        """Answer the next ``count`` matching requests with a Discord-like 429 (Via
        header, JSON retry_after/global, X-RateLimit-*); discord.py sleeps and retries.

        ``path_pattern`` is a glob over the path without /api/v10 (``"/channels/*/messages"``)
        or a compiled regex (searched). The returned Fault's ``hits`` lists the requests."""
        fault = Fault(
            pattern=path_pattern,
            method=method,
            status=429,
            count=count,
            retry_after=retry_after,
            is_global=is_global,
        )
        self._faults.append(fault)
        return fault

    def fail_next(
        self,
        path_pattern: str | re.Pattern[str],
        status: int = 500,
        count: int = 1,
        *,
        method: str | None = None,
        body: JSON | None = None,
    ) -> Fault:
        """Answer the next ``count`` matching requests with ``status`` (discord.py retries
        500/502/504/524 after 1 s, 3 s...; 4xx raise in the bot)."""
        fault = Fault(pattern=path_pattern, method=method, status=status, count=count, body=body)
        self._faults.append(fault)
        return fault

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, path):
                fault.count -= 1
                if fault.exhausted:
                    self._faults.remove(fault)
                return fault
        return None

    def _target_sessions(self, shard_id: int | None) -> list[GatewaySession]:
        sessions = [s for s in self.sessions if shard_id is None or s.shard_id == shard_id]
        if not sessions:
            raise StandinError(f"no live gateway session (shard {shard_id})")
        return sessions

    async def drop_gateway(
        self, resume: bool = True, *, shard_id: int | None = None, code: int | None = None
    ) -> None:
        """Cut the bot's gateway connection(s). ``code=None`` aborts the TCP connection
        (the client sees 1006); otherwise a close frame with ``code`` is sent. With
        ``resume`` the session stays resumable (events dispatched meanwhile are replayed
        after RESUME); without, it is forgotten and the RESUME gets op 9 → IDENTIFY."""
        for session in self._target_sessions(shard_id):
            if not resume:
                session.invalidated = True
            conn = session.conn
            if conn is None:
                continue
            if code is None:
                conn.abort()
            else:
                await conn.close(code)

    async def invalidate_session(
        self, resumable: bool = False, *, shard_id: int | None = None
    ) -> None:
        """Send op 9 (INVALID_SESSION). Not resumable: the client IDENTIFYs again (note
        discord.py's before_identify_hook sleeps 5 s for a non-initial IDENTIFY)."""
        for session in self._target_sessions(shard_id):
            if not resumable:
                session.invalidated = True
            if session.conn is not None:
                session.conn.send_op(OP_INVALID_SESSION, resumable)

    async def request_reconnect(self, *, shard_id: int | None = None) -> None:
        """Send op 7 (RECONNECT): the client closes and RESUMEs."""
        for session in self._target_sessions(shard_id):
            if session.conn is not None:
                session.conn.send_op(OP_RECONNECT, None)


# =========================================================================================
# discord.py wiring
# =========================================================================================


@contextlib.contextmanager
def point_discord_py_at(standin: DiscordStandIn) -> Iterator[None]:
    """Set discord.py's REST base and default gateway to the stand-in; restore after."""
    import discord.gateway
    import discord.http
    import yarl

    route = discord.http.Route
    ws_cls = discord.gateway.DiscordWebSocket
    old_base, old_gateway = route.BASE, ws_cls.DEFAULT_GATEWAY
    route.BASE = standin.api_base
    ws_cls.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    try:
        yield
    finally:
        route.BASE = old_base
        ws_cls.DEFAULT_GATEWAY = old_gateway


class BotRun:
    """A bot started by :func:`run_bot`."""

    def __init__(self, bot: discord.Client, task: asyncio.Task[None]) -> None:
        self.bot = bot
        self.task = task

    def check(self) -> None:
        """Raise if the bot's start task has ended."""
        if self.task.done():
            exc = None if self.task.cancelled() else self.task.exception()
            raise BotStopped(f"bot.start() ended: {exc!r}") from exc


@contextlib.asynccontextmanager
async def run_bot(
    standin: DiscordStandIn,
    bot: discord.Client,
    *,
    token: str | None = None,
    ready_timeout: float = 15.0,
    point: bool = True,
    wait_ready: bool = True,
) -> AsyncIterator[BotRun]:
    """Start ``bot.start(token)`` against the stand-in, wait for on_ready (failing at once,
    with the bot's own exception, if start() dies), yield, then close the bot.

    ``point=False`` leaves discord.py's URLs alone (for a bot that sets them itself from
    DISCORD_API_BASE / DISCORD_GATEWAY_URL)."""
    ctx = point_discord_py_at(standin) if point else contextlib.nullcontext()
    with ctx:
        task = asyncio.create_task(bot.start(token or standin.token), name="bot.start")
        standin.watch(task)
        run = BotRun(bot, task)
        try:
            if wait_ready:
                ready = asyncio.create_task(bot.wait_until_ready())
                done, _ = await asyncio.wait(
                    {task, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
                )
                if task in done:
                    ready.cancel()
                    run.check()
                if ready not in done:
                    ready.cancel()
                    raise StandinTimeout(f"bot not ready after {ready_timeout}s{standin._hint()}")
            yield run
        finally:
            await bot.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait({task}, timeout=5.0)
            if not task.done():
                task.cancel()
            if task in standin._watched:
                standin._watched.remove(task)
            # A task that failed was already reported by the waits; retrieve to silence.
            if task.done() and not task.cancelled():
                task.exception()


# =========================================================================================
# helpers
# =========================================================================================


async def _poll(check: Callable[[], Any], fut: asyncio.Future[Any], interval: float) -> None:
    while not fut.done():
        await asyncio.sleep(interval)
        if fut.done():
            return
        try:
            value = check()
        except Exception as exc:
            fut.set_exception(exc)
            return
        if value is not None:
            fut.set_result(value)
            return


def _since(after: float | StoredMessage | None) -> float | None:
    if after is None:
        return None
    if isinstance(after, StoredMessage):
        return after.dispatched_at or after.created_at
    return after


def _without_reference(payload: JSON) -> JSON:
    return {k: v for k, v in payload.items() if k != "referenced_message"}


def _now_iso() -> str:
    import datetime as dt

    return dt.datetime.now(tz=dt.UTC).isoformat()


def _infer_option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    if isinstance(value, (User, Member)):
        return 6
    if isinstance(value, Channel):
        return 7
    if isinstance(value, Role):
        return 8
    return 3


def _modal_answer(component: JSON, values: Mapping[str, str]) -> JSON:
    ctype = component.get("type")
    if ctype == 1:
        return {
            "type": 1,
            "components": [_modal_answer(c, values) for c in component.get("components", [])],
        }
    if ctype == 18:
        inner = component.get("component") or {}
        out: JSON = {"type": 18, "component": _modal_answer(inner, values)}
        if component.get("id") is not None:
            out["id"] = component["id"]
        return out
    answer: JSON = {"type": ctype, "custom_id": component.get("custom_id")}
    if component.get("id") is not None:
        answer["id"] = component["id"]
    value = values.get(str(component.get("custom_id")))
    if ctype == 4:
        answer["value"] = value if value is not None else component.get("value") or ""
    elif ctype in (3, 5, 6, 7, 8):
        answer["values"] = (
            list(value) if isinstance(value, (list, tuple)) else ([value] if value else [])
        )
    return answer


__all__ = [
    "DEFAULT_TOKEN",
    "REJECTED_TOKEN",
    "ApiError",
    "BotRun",
    "BotStopped",
    "DiscordStandIn",
    "StandinError",
    "StandinTimeout",
    "point_discord_py_at",
    "run_bot",
]
