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

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from aiohttp import web

from ._errors import BotStopped, StandinError, StandinTimeout
from ._gateway import (
    OP_INVALID_SESSION,
    OP_RECONNECT,
    GatewayConnection,
    GatewaySession,
    needs_content_stripping,
    strip_message_content,
    websocket_handler,
)
from ._interactions import InteractionsMixin
from ._messages import ROLE_MENTION, USER_MENTION, MessagesMixin, _without_reference
from ._models import (
    CHANNEL_DM,
    CHANNEL_FORUM,
    CHANNEL_PRIVATE_THREAD,
    CHANNEL_PUBLIC_THREAD,
    CHANNEL_TEXT,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    JSON,
    MENTION_EVERYONE,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    PRIVILEGED_INTENTS,
    Channel,
    EventRecord,
    GatewayFrame,
    Guild,
    InteractionHandle,
    Member,
    RawFrame,
    RecordedRequest,
    Role,
    SnowflakeGenerator,
    StoredMessage,
    User,
    message_payload,
    now_iso,
    user_of,
)
from ._observe import ObserveMixin
from ._rest import Fault, RestAPI
from ._runner import BotRun, point_discord_py_at, run_bot
from ._validation import ApiError

DEFAULT_TOKEN = "standin.bot.token"
REJECTED_TOKEN = "standin.rejected.token"

Sendable = User | Member


class DiscordStandIn(MessagesMixin, InteractionsMixin, ObserveMixin):
    """Fake Discord: REST on ``api_base``, gateway on ``gateway_url`` (both 127.0.0.1).

    World building and gateway dispatch live here; user actions through interactions in
    ``_interactions.InteractionsMixin``, the bot's messages in ``_messages.MessagesMixin``,
    observing and waiting in ``_observe.ObserveMixin``, the REST routes in ``_rest``."""

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
        shard_count: what GET /gateway/bot recommends (AutoShardedBot uses it); may be
            changed at any time, the next GET /gateway/bot answers with the new value.
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
        self._channel_messages = defaultdict(list)
        self.bot_messages: list[StoredMessage] = []
        self.user_messages: list[StoredMessage] = []
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.errors: list[str] = []
        self.dispatched: list[EventRecord] = []
        self.raw_frames: list[RawFrame] = []
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
        self._reply_waiters = defaultdict(list)
        self._channel_reply_waiters = defaultdict(deque)
        self._replies = defaultdict(list)
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
    def _netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self._port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE`` (and the bot's DISCORD_API_BASE)."""
        return f"http://{self._netloc}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (and DISCORD_GATEWAY_URL)."""
        return f"ws://{self._netloc}/ws"

    @property
    def token(self) -> str:
        """A token the stand-in accepts."""
        return self._token if self._token is not None else DEFAULT_TOKEN

    def environ(self, *, token_var: str = "DISCORD_TOKEN") -> dict[str, str]:
        """Environment for a bot process that reads its endpoints from settings."""
        return {
            "DISCORD_API_BASE": self.api_base,
            "DISCORD_GATEWAY_URL": self.gateway_url,
            token_var: self.token,
        }

    def _token_ok(self, token: str | None) -> bool:
        if token is None or token == self.rejected_token:
            return False
        return self._token is None or token == self._token

    @property
    def shard_count(self) -> int:
        """The shard count GET /gateway/bot recommends (what SHARD_COUNT=auto reads)."""
        return self._shard_count

    @shard_count.setter
    def shard_count(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise StandinError(f"shard_count must be a positive int, not {value!r}")
        self._shard_count = value

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

    def bot_role(self, guild: Guild) -> Role:
        """The role Discord makes for the bot when it joins: named after the bot, managed,
        tagged with the bot's id, held by the bot's member; ``add_guild(bot_permissions=)``."""
        assert guild.bot_role is not None
        return guild.bot_role

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
        self._check_roles(guild, member_roles)
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

    def set_member_roles(self, member: Member, roles: Sequence[Role]) -> None:
        """Replace the member's roles (@everyone stays implicit) and dispatch
        GUILD_MEMBER_UPDATE. Like Discord, it reaches only a bot with the GUILD_MEMBERS
        intent, unless the member is the bot itself."""
        guild = member.guild
        new_roles = list(roles)
        self._check_roles(guild, new_roles)
        member.roles = new_roles
        self._dispatch_world(
            guild.id,
            "GUILD_MEMBER_UPDATE",
            lambda: member.payload() | {"guild_id": str(guild.id)},
        )

    def _check_roles(self, guild: Guild, roles: Sequence[Role]) -> None:
        for role in roles:
            if role.guild_id != guild.id:
                raise StandinError(f"role {role.name!r} is not a role of guild {guild.name!r}")
            if role is guild.everyone_role:
                raise StandinError("@everyone is implicit; members do not list it")

    def add_thread(
        self,
        parent: Channel,
        name: str,
        *,
        owner: Sendable | None = None,
        private: bool = False,
    ) -> Channel:
        """A thread (type 11, or 12 if ``private``) in a text channel, started by ``owner``
        (default: the guild's owner) without a starter message. Reaches a connected bot
        as THREAD_CREATE, else in GUILD_CREATE's ``threads``."""
        guild = parent.guild
        if guild is None or parent.type != CHANNEL_TEXT:
            raise StandinError(
                f"threads are started in guild text channels, not {parent.name!r} (type "
                f"{parent.type}); use add_forum_post for a forum"
            )
        owner_user = user_of(owner) if owner is not None else self.users[guild.owner_id]
        if guild.member(owner_user) is None:
            raise StandinError(f"{owner_user.name} is not a member of {guild.name}")
        thread_type = CHANNEL_PRIVATE_THREAD if private else CHANNEL_PUBLIC_THREAD
        return self._new_thread(self._ids.next(), parent, name, owner_user, thread_type)

    def _new_thread(
        self, thread_id: int, parent: Channel, name: str, owner: User, thread_type: int
    ) -> Channel:
        guild = parent.guild
        assert guild is not None
        thread = Channel(
            id=thread_id,
            name=name,
            type=thread_type,
            guild=guild,
            parent=parent,
            owner_id=owner.id,
            member_ids={owner.id},
        )
        guild.threads.append(thread)
        self.channels[thread.id] = thread
        self._dispatch_world(
            guild.id, "THREAD_CREATE", lambda: thread.payload() | {"newly_created": True}
        )
        return thread

    def add_forum_channel(self, guild: Guild, name: str, *, topic: str | None = None) -> Channel:
        """A forum channel (type 15); its posts come from :meth:`add_forum_post`."""
        forum = Channel(
            id=self._ids.next(),
            name=name,
            type=CHANNEL_FORUM,
            guild=guild,
            position=len(guild.channels),
            topic=topic,
        )
        guild.channels.append(forum)
        self.channels[forum.id] = forum
        self._dispatch_world(guild.id, "CHANNEL_CREATE", forum.payload)
        return forum

    def add_forum_post(
        self,
        forum: Channel,
        author: Sendable,
        title: str,
        content: str,
        *,
        embeds: Sequence[JSON] = (),
    ) -> tuple[Channel, StoredMessage]:
        """``author`` posts in a forum: a thread (type 11, parent the forum, named ``title``)
        and its starter message, whose id is the thread's id as on Discord. A connected bot
        gets THREAD_CREATE then MESSAGE_CREATE; returns ``(thread, starter_message)``."""
        if not forum.is_forum:
            raise StandinError(f"{forum.name!r} is not a forum channel (type {forum.type})")
        guild = forum.guild
        assert guild is not None
        user = user_of(author)
        member = guild.member(user)
        if member is None:
            raise StandinError(f"{user.name} is not a member of {guild.name}")
        thread_id = self._ids.next()
        thread = self._new_thread(thread_id, forum, title, user, CHANNEL_PUBLIC_THREAD)
        forum.last_message_id = thread.id  # a forum's "last message" is its newest post
        payload, message_reference = self._user_message_payload(
            thread_id, thread, user, member, content, embeds=embeds
        )
        msg = self._new_user_message(payload, thread, user, content, embeds, message_reference)
        if self._session_for(guild.id) is not None:
            msg.event = self._dispatch(guild.id, "MESSAGE_CREATE", payload, required=False)
        self._store(msg)
        return thread, msg

    def dm_channel(self, user: User | Member) -> Channel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        user = user_of(user)
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
        return self._deliver(session, event, data)

    def _deliver(self, session: GatewaySession, event: str, data: Any) -> EventRecord | None:
        """Queue a dispatch on ``session`` after intent filtering and content stripping."""
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
        self,
        event: str,
        data: Any,
        *,
        guild_id: int | None = None,
        shard_id: int | None = None,
    ) -> EventRecord:
        """Send any dispatch event, to the shard of ``guild_id`` (or ``shard_id``; neither:
        shard 0). ``data`` is sent as given, never checked or completed, so it may be
        deliberately broken (no ``author``, ``permissions: "abc"``, not even an object).
        Intents still filter and strip well-formed message and member events; a filtered
        event raises StandinError. The frame sent is ``record.frame``."""
        if shard_id is not None:
            session = next((s for s in self.sessions if s.shard_id == shard_id), None)
            if session is None:
                raise StandinError(f"no gateway session for shard {shard_id}")
            record = self._deliver(session, event, data)
        else:
            record = self._dispatch(guild_id, event, data, required=True)
        if record is None:
            raise StandinError(f"{event} was filtered out by the bot's intents")
        await self._wait_sent(record)
        return record

    async def send_raw_frame(self, text: str, shard_id: int | None = None) -> list[RawFrame]:
        """Write ``text`` as one websocket text frame, byte for byte (not JSON, not a valid
        payload, anything), on the connection of shard ``shard_id`` (None: every connected
        shard). No sequence number, never replayed after RESUME. Returns once written; the
        frames are also kept in ``standin.raw_frames``."""
        sessions = [s for s in self._target_sessions(shard_id) if s.connected]
        if not sessions:
            raise StandinError(f"no connected gateway session (shard {shard_id})")
        frames: list[RawFrame] = []
        for session in sessions:
            assert session.conn is not None
            frame = RawFrame(
                frame=text,
                session_id=session.id,
                shard=session.shard,
                created_at=time.perf_counter(),
            )
            self.raw_frames.append(frame)
            frames.append(frame)
            session.conn.enqueue(frame)
        for frame in frames:
            await frame.wait_sent()
        return frames

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

        ``<@id>`` in the content and ``mentions`` fill the mentions array, ``<@&id>`` the
        mention_roles; ``reference`` makes it a reply (with ``referenced_message``;
        ``mention_author`` pings the replied-to author as Discord does by default). The
        channel may be a thread. With ``wait`` the call returns once the event is written to
        the bot's socket (``msg.dispatched_at`` set)."""
        user = user_of(author)
        guild = channel.guild
        member = guild.member(user) if guild is not None else None
        if guild is not None and member is None:
            raise StandinError(f"{user.name} is not a member of {guild.name}")
        if channel.is_forum:
            raise StandinError(f"{channel.name!r} is a forum: post with add_forum_post")
        payload, message_reference = self._user_message_payload(
            self._ids.next(),
            channel,
            user,
            member,
            content,
            mentions=mentions,
            reference=reference,
            mention_author=mention_author,
            embeds=embeds,
        )
        msg = self._new_user_message(payload, channel, user, content, embeds, message_reference)
        record = self._dispatch(channel.guild_id, "MESSAGE_CREATE", payload, required=True)
        msg.event = record
        self._store(msg)
        if wait:
            await self._wait_sent(record)
        return msg

    def _new_user_message(
        self,
        payload: JSON,
        channel: Channel,
        user: User,
        content: str,
        embeds: Sequence[JSON],
        message_reference: JSON | None,
    ) -> StoredMessage:
        return StoredMessage(
            id=int(payload["id"]),
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

    def _user_message_payload(
        self,
        message_id: int,
        channel: Channel,
        user: User,
        member: Member | None,
        content: str,
        *,
        mentions: Sequence[Sendable] = (),
        reference: StoredMessage | int | None = None,
        mention_author: bool = True,
        embeds: Sequence[JSON] = (),
    ) -> tuple[JSON, JSON | None]:
        """The MESSAGE_CREATE payload of a user's message, and its message_reference."""
        guild = channel.guild
        extra = [user_of(who) for who in mentions]
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
                extra.append(ref_msg.author)
        payload = message_payload(
            message_id=message_id,
            channel=channel,
            author=user,
            member=member,
            content=content,
            embeds=list(embeds),
            message_type=message_type,
            message_reference=message_reference,
            referenced_message=referenced,
            nonce=str(message_id),
        )
        payload.update(self._user_mentions(content, guild, member, extra))
        return payload, message_reference

    def _user_mentions(
        self, content: str, guild: Guild | None, member: Member | None, extra: Sequence[User]
    ) -> JSON:
        """``mentions`` (users only), ``mention_roles`` and ``mention_everyone`` of a user's
        message, recomputed from its content as Discord does on create and on edit."""
        mentioned: dict[int, User] = {}
        for match in USER_MENTION.finditer(content):
            found = self.users.get(int(match.group(1)))
            if found is not None:
                mentioned.setdefault(found.id, found)
        for user in extra:
            mentioned.setdefault(user.id, user)
        role_ids: list[str] = []
        for match in ROLE_MENTION.finditer(content):
            role = self._roles.get(int(match.group(1)))
            # A role of another guild renders as "@deleted-role" and pings nobody.
            if role is None or guild is None or role.guild_id != guild.id:
                continue
            if str(role.id) not in role_ids:
                role_ids.append(str(role.id))
        return {
            "mentions": [self._mention_payload(u, guild) for u in mentioned.values()],
            "mention_roles": role_ids,
            "mention_everyone": ("@everyone" in content or "@here" in content)
            and bool(member is not None and member.permissions & MENTION_EVERYONE),
        }

    async def edit_message(
        self, message: StoredMessage, content: str, *, wait: bool = True
    ) -> StoredMessage:
        """The author of a user message edits it: new content, ``edited_timestamp`` set,
        mentions, mention_roles and mention_everyone recomputed from the new content (a
        reply keeps pinging the replied-to author if it did), then MESSAGE_UPDATE with the
        whole message. Bot messages are edited by the bot itself, through REST."""
        if message.from_bot:
            raise StandinError("bot messages are edited by the bot (PATCH), not by the test")
        if message.deleted:
            raise StandinError(f"message {message.id} was deleted")
        channel = self.channels[message.channel_id]
        guild = channel.guild
        member = guild.member(message.author) if guild is not None else None
        payload = message.payload
        extra: list[User] = []
        ref = payload.get("referenced_message")
        if isinstance(ref, dict):
            replied_id = str(ref["author"]["id"])
            if any(m["id"] == replied_id for m in payload["mentions"]):
                extra.append(self.users[int(replied_id)])
        message.content = content
        payload["content"] = content
        payload["edited_timestamp"] = now_iso()
        payload.update(self._user_mentions(content, guild, member, extra))
        message.edits.append({"content": content})
        message.edited_at = time.perf_counter()
        record = self._dispatch(channel.guild_id, "MESSAGE_UPDATE", dict(payload), required=True)
        self._notify()
        if wait:
            await self._wait_sent(record)
        return message

    async def send_dm(self, user: Sendable, content: str, **kwargs: Any) -> StoredMessage:
        """``user`` writes to the bot in their DM channel."""
        return await self.send_message(self.dm_channel(user), user, content, **kwargs)

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
        body: JSON | str | None = None,
        headers: Mapping[str, str] | None = None,
        after: bool = False,
    ) -> Fault:
        """Answer the next ``count`` matching requests with ``status``.

        ``after=True`` carries each request out first (the message is posted) and only
        then answers with the fault: Discord did the work but its answer was lost, so a
        client that retries must not post twice (a message POST with ``enforce_nonce``
        and the same ``nonce`` returns the message already made, as on Discord).

        ``body``: None gives Discord's JSON error shape; a dict is sent as JSON; a str as
        text/plain (what a proxy in front of Discord answers, e.g. "upstream connect
        error"), which discord.py keeps as the exception's ``text``. ``headers`` are added
        (e.g. ``{"Retry-After": "2"}``); none are by default. discord.py's REST client
        retries 500/502/504/524 after 1 s, 3 s... and raises DiscordServerError at once
        on other 5xx; its webhook client (interaction callbacks, followups) retries every
        5xx. 4xx raise in the bot."""
        fault = Fault(
            pattern=path_pattern,
            method=method,
            status=status,
            count=count,
            body=body,
            headers=dict(headers or {}),
            after=after,
        )
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
