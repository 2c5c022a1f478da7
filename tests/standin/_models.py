"""Data model of the Discord stand-in: the "world" (users, guilds, channels, roles,
members), what the bot did (stored messages, recorded requests, interaction handles) and
the builders of the JSON payloads discord.py reads.

Payload builders emit every key discord.py 2.7 reads with ``data[...]`` (and most of the
optional ones), so a payload never ends ``bot.start()`` with a ``KeyError``.
"""

# The public API takes timeout= arguments on purpose: every wait races the bot's task.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import DiscordStandIn

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000

# --- permission bits (discord.Permissions values) -------------------------------------
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 53) - 1

#: What @everyone may do in a freshly made guild.
DEFAULT_EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)
#: What the bot's managed role grants by default (a typical FAQ bot invite).
DEFAULT_BOT_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)

# --- gateway intents -------------------------------------------------------------------
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# --- channel / message constants -------------------------------------------------------
CHANNEL_TEXT = 0
CHANNEL_DM = 1
CHANNEL_NEWS = 5
CHANNEL_NEWS_THREAD = 10
CHANNEL_PUBLIC_THREAD = 11
CHANNEL_PRIVATE_THREAD = 12
CHANNEL_FORUM = 15
THREAD_TYPES = frozenset({CHANNEL_NEWS_THREAD, CHANNEL_PUBLIC_THREAD, CHANNEL_PRIVATE_THREAD})
MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19
MESSAGE_CHAT_INPUT_COMMAND = 20
MESSAGE_COMPONENT_TYPE = 0  # messages answering a component interaction are type 0/19
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class SnowflakeGenerator:
    """Real-looking snowflakes whose timestamp part strictly increases.

    Every id gets its own millisecond, so ``(id >> 22) % shard_count`` varies from one id
    to the next and :meth:`next_for_shard` finds an id for a given shard in a few steps.
    """

    def __init__(self) -> None:
        self._last_ms = 0
        self._increment = 0

    def next(self) -> int:
        now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        ms = max(now_ms, self._last_ms + 1)
        self._last_ms = ms
        self._increment = (self._increment + 1) & 0xFFF
        return (ms << 22) | (1 << 17) | self._increment

    def next_for_shard(self, shard_id: int, shard_count: int) -> int:
        while True:
            value = self.next()
            if (value >> 22) % shard_count == shard_id:
                return value


def snowflake_time(snowflake: int) -> dt.datetime:
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def iso_time(snowflake: int) -> str:
    return snowflake_time(snowflake).isoformat()


def now_iso() -> str:
    return dt.datetime.now(tz=dt.UTC).isoformat()


# =========================================================================================
# The world
# =========================================================================================


@dataclass(eq=False)
class User:
    id: int
    name: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False
    bot_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass(eq=False)
class Channel:
    """A guild text or forum channel, a thread, or a DM channel."""

    id: int
    name: str
    type: int = CHANNEL_TEXT
    guild: Guild | None = field(default=None, repr=False)
    position: int = 0
    topic: str | None = None
    recipient: User | None = None  # DM channels only
    last_message_id: int | None = None
    parent: Channel | None = field(default=None, repr=False)  # threads: text channel or forum
    owner_id: int | None = None  # threads: who started it
    message_count: int = 0  # threads: messages, not counting a forum post's starter
    total_message_sent: int = 0  # threads: every message ever sent in it
    member_ids: set[int] = field(default_factory=set, repr=False)  # threads: who took part

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    @property
    def guild_id(self) -> int | None:
        return self.guild.id if self.guild is not None else None

    @property
    def parent_id(self) -> int | None:
        return self.parent.id if self.parent is not None else None

    @property
    def is_dm(self) -> bool:
        return self.type == CHANNEL_DM

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    @property
    def is_forum(self) -> bool:
        return self.type == CHANNEL_FORUM

    def payload(self) -> JSON:
        if self.type == CHANNEL_DM:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": CHANNEL_DM,
                "recipients": [self.recipient.payload()],
                "last_message_id": _opt_str(self.last_message_id),
                "flags": 0,
            }
        if self.is_thread:
            return self._thread_payload()
        assert self.guild is not None
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild.id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": self.topic,
            "last_message_id": _opt_str(self.last_message_id),
            "rate_limit_per_user": 0,
            "parent_id": None,
            "default_auto_archive_duration": 1440,
            "flags": 0,
        }
        if self.is_forum:
            data.update(
                available_tags=[],
                default_reaction_emoji=None,
                default_sort_order=None,
                default_forum_layout=0,
                default_thread_rate_limit_per_user=0,
            )
        return data

    def _thread_payload(self) -> JSON:
        assert self.guild is not None and self.parent is not None and self.owner_id is not None
        metadata: JSON = {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": iso_time(self.id),
            "locked": False,
            "create_timestamp": iso_time(self.id),
        }
        if self.type == CHANNEL_PRIVATE_THREAD:
            metadata["invitable"] = True
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild.id),
            "parent_id": str(self.parent.id),
            "owner_id": str(self.owner_id),
            "name": self.name,
            "last_message_id": _opt_str(self.last_message_id),
            "rate_limit_per_user": 0,
            "message_count": self.message_count,
            # Discord stops counting at 50.
            "member_count": min(len(self.member_ids), 50),
            "total_message_sent": self.total_message_sent,
            "flags": 0,
            "thread_metadata": metadata,
        }
        if self.parent.is_forum:
            data["applied_tags"] = []
        return data


@dataclass(eq=False)
class Member:
    user: User
    guild: Guild = field(repr=False)
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=now_iso)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def mention(self) -> str:
        return f"<@{self.user.id}>"

    @property
    def permissions(self) -> int:
        """Guild-level permissions: @everyone plus every role; ADMINISTRATOR means all."""
        value = self.guild.everyone_role.permissions
        for role in self.roles:
            value |= role.permissions
        if value & ADMINISTRATOR or self.guild.owner_id == self.user.id:
            return ALL_PERMISSIONS
        return value

    def payload(self, *, with_user: bool = True, with_permissions: bool = False) -> JSON:
        data: JSON = {
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(role.id) for role in self.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if with_permissions:
            data["permissions"] = str(self.permissions)
        return data


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    everyone_role: Role = field(repr=False)
    roles: list[Role] = field(default_factory=list, repr=False)  # includes @everyone
    channels: list[Channel] = field(default_factory=list, repr=False)  # text and forum
    threads: list[Channel] = field(default_factory=list, repr=False)  # all active
    members: dict[int, Member] = field(default_factory=dict, repr=False)
    bot_role: Role | None = field(default=None, repr=False)
    joined_at: str = field(default_factory=now_iso)

    def member(self, user: User | int) -> Member | None:
        user_id = user if isinstance(user, int) else user.id
        return self.members.get(user_id)

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(f"no channel named {name!r} in guild {self.name!r}")

    def payload(self, *, unavailable: bool | None = False) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [role.payload() for role in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(self.channels[0].id) if self.channels else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_presences": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "joined_at": self.joined_at,
            "large": len(self.members) >= 250,
            "lazy": True,
            "member_count": len(self.members),
            "members": [member.payload() for member in self.members.values()],
            "channels": [channel.payload() for channel in self.channels],
            "threads": [thread.payload() for thread in self.threads],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
        if unavailable is not None:
            data["unavailable"] = unavailable
        return data


# =========================================================================================
# What happened
# =========================================================================================


@dataclass
class UploadedFile:
    field_name: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request the bot made (or one gateway frame nobody handles, method ``WS``)."""

    method: str
    path: str  # without the ``/api/v10`` prefix
    query: dict[str, str]
    json: Any
    files: list[UploadedFile]
    headers: dict[str, str]
    received_at: float  # time.perf_counter()
    route: str | None = None  # e.g. "POST /channels/{channel_id}/messages"
    status: int | None = None
    response: Any = None
    fault: str | None = None  # "429" / "500" ... when an injected fault answered it


@dataclass
class GatewayFrame:
    """A frame the bot sent on the gateway."""

    op: int
    d: Any
    received_at: float
    session_id: str | None
    shard: tuple[int, int] | None


class _WriteTracked:
    """Something queued for a gateway connection's writer; it tells when it was written."""

    frame: str
    sent_at: float | None
    _sent: asyncio.Future[None] | None

    async def wait_sent(self) -> None:
        if self.sent_at is not None:
            return
        if self._sent is None:
            self._sent = asyncio.get_running_loop().create_future()
        await self._sent

    def mark_sent(self, when: float) -> None:
        self.sent_at = when
        if self._sent is not None and not self._sent.done():
            self._sent.set_result(None)

    def release(self) -> None:
        """Wake anybody waiting although the frame was not written (connection lost)."""
        if self._sent is not None and not self._sent.done():
            self._sent.set_result(None)


@dataclass(eq=False)
class EventRecord(_WriteTracked):
    """A dispatch (op 0) frame the stand-in queued for a gateway session."""

    seq: int
    type: str
    data: Any = field(repr=False)  # a JSON object, unless a test sent broken data on purpose
    frame: str = field(repr=False)
    session_id: str
    created_at: float
    sent_at: float | None = None
    _sent: asyncio.Future[None] | None = field(default=None, repr=False)


@dataclass(eq=False)
class RawFrame(_WriteTracked):
    """A text frame sent as is by ``send_raw_frame`` (no sequence number, never replayed)."""

    frame: str
    session_id: str
    shard: tuple[int, int] | None
    created_at: float
    sent_at: float | None = None
    _sent: asyncio.Future[None] | None = field(default=None, repr=False)


@dataclass(eq=False)
class StoredMessage:
    """A message in the stand-in: sent by a (fake) user or posted by the bot."""

    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str
    payload: JSON = field(repr=False)  # the full Discord message object
    created_at: float  # perf_counter when the message came into being
    embeds: list[JSON] = field(default_factory=list)
    components: list[JSON] = field(default_factory=list)
    attachments: list[JSON] = field(default_factory=list)
    files: list[UploadedFile] = field(default_factory=list, repr=False)
    flags: int = 0
    allowed_mentions: JSON | None = None
    message_reference: JSON | None = None
    from_bot: bool = False
    request: RecordedRequest | None = field(default=None, repr=False)  # REST request (bot msgs)
    interaction_id: int | None = None  # set on interaction responses and followups
    event: EventRecord | None = field(default=None, repr=False)  # MESSAGE_CREATE (user msgs)
    edits: list[JSON] = field(default_factory=list, repr=False)  # PATCH bodies, in order
    edited_at: float | None = None
    deleted: bool = False
    reactions: list[str] = field(default_factory=list)
    _standin: DiscordStandIn | None = field(default=None, repr=False)
    _index: int = field(default=-1, repr=False)  # position in its channel's message list

    @property
    def received_at(self) -> float:
        """For bot messages: perf_counter when the creating request arrived."""
        return self.request.received_at if self.request is not None else self.created_at

    @property
    def dispatched_at(self) -> float | None:
        """For user messages: perf_counter when MESSAGE_CREATE was written to the socket."""
        return self.event.sent_at if self.event is not None else None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def reference_id(self) -> int | None:
        ref = self.message_reference
        if ref is None or ref.get("message_id") is None:
            return None
        return int(ref["message_id"])

    @property
    def embed_texts(self) -> list[str]:
        """Titles, descriptions, field names/values and footers of every embed."""
        out: list[str] = []
        for embed in self.embeds:
            for key in ("title", "description"):
                if embed.get(key):
                    out.append(str(embed[key]))
            for fld in embed.get("fields", []) or []:
                out.extend(str(fld.get(k, "")) for k in ("name", "value"))
            footer = embed.get("footer") or {}
            if footer.get("text"):
                out.append(str(footer["text"]))
        return out

    @property
    def text(self) -> str:
        """Content plus all embed text, for loose assertions."""
        return "\n".join([self.content, *self.embed_texts]).strip()

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]

    def find_component(self, custom_id: str) -> JSON | None:
        for component in iter_components(self.components):
            if component.get("custom_id") == custom_id:
                return component
        return None

    async def wait_reply(self, timeout: float = 5.0) -> StoredMessage:
        """The bot's reply to this (user) message; see DiscordStandIn.wait_for_reply."""
        assert self._standin is not None
        return await self._standin.wait_for_reply(self, timeout=timeout)


def user_of(who: User | Member) -> User:
    return who.user if isinstance(who, Member) else who


def iter_components(components: list[JSON]) -> Any:
    """Walk a component tree (action rows, v2 containers, sections' accessories)."""
    stack = list(reversed(components))
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        yield component
        children = list(component.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                children.append(component[key])
        stack.extend(reversed(children))


@dataclass
class InteractionCallback:
    """The bot's answer at POST /interactions/{id}/{token}/callback."""

    type: int
    data: JSON | None
    received_at: float
    request: RecordedRequest = field(repr=False)

    @property
    def ephemeral(self) -> bool:
        return bool((self.data or {}).get("flags", 0) & FLAG_EPHEMERAL)


CALLBACK_PONG = 1
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE = 8
CALLBACK_MODAL = 9


@dataclass(eq=False)
class InteractionHandle:
    """An interaction the stand-in dispatched; await its methods for the bot's answers."""

    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete, 5 modal submit
    payload: JSON = field(repr=False)
    channel_id: int
    guild_id: int | None
    user: User
    event: EventRecord | None = field(default=None, repr=False)
    created_at: float = field(default_factory=time.perf_counter)
    callback: InteractionCallback | None = None
    original: StoredMessage | None = None  # the message the response created or updated
    followups: list[StoredMessage] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list, repr=False)  # all for it
    _standin: DiscordStandIn | None = field(default=None, repr=False)
    _waiters: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = field(
        default_factory=list, repr=False
    )

    @property
    def dispatched_at(self) -> float | None:
        return self.event.sent_at if self.event is not None else None

    @property
    def responded(self) -> bool:
        return self.callback is not None

    @property
    def choices(self) -> list[JSON] | None:
        """Autocomplete choices (callback type 8), else None."""
        if self.callback is None or self.callback.type != CALLBACK_AUTOCOMPLETE:
            return None
        return list((self.callback.data or {}).get("choices", []))

    @property
    def modal(self) -> JSON | None:
        if self.callback is None or self.callback.type != CALLBACK_MODAL:
            return None
        return self.callback.data

    @property
    def messages(self) -> list[StoredMessage]:
        """Original response (if any) followed by the followups."""
        out = [self.original] if self.original is not None else []
        return out + list(self.followups)

    def _notify(self) -> None:
        still: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        for check, fut in self._waiters:
            if fut.done():
                continue
            value = check()
            if value is not None:
                fut.set_result(value)
            else:
                still.append((check, fut))
        self._waiters = still

    async def _wait(self, check: Callable[[], Any], timeout: float, what: str) -> Any:
        value = check()
        if value is not None:
            return value
        assert self._standin is not None
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiters.append((check, fut))
        return await self._standin._await(fut, timeout, f"{what} for interaction {self.id}")

    async def wait_response(self, timeout: float = 5.0) -> InteractionCallback:
        """The initial response (any callback type)."""
        return await self._wait(lambda: self.callback, timeout, "initial response")

    async def wait_message(self, timeout: float = 5.0) -> StoredMessage:
        """The first message with something visible in it: the type 4 response, the
        deferred response once edited, the updated message (type 7) or a followup."""

        def check() -> StoredMessage | None:
            orig = self.original
            if orig is not None and not (orig.flags & FLAG_LOADING):
                if self.callback is not None and self.callback.type == CALLBACK_DEFERRED_UPDATE:
                    if orig.edits:
                        return orig
                else:
                    return orig
            return self.followups[0] if self.followups else None

        return await self._wait(check, timeout, "a response message")

    async def wait_followup(self, index: int = 0, timeout: float = 5.0) -> StoredMessage:
        return await self._wait(
            lambda: self.followups[index] if len(self.followups) > index else None,
            timeout,
            f"followup #{index}",
        )

    async def wait_choices(self, timeout: float = 5.0) -> list[JSON]:
        await self.wait_response(timeout)
        choices = self.choices
        if choices is None:
            assert self.callback is not None
            raise AssertionError(f"expected autocomplete result, got callback {self.callback.type}")
        return choices


# =========================================================================================
# Payload helpers
# =========================================================================================


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)


def message_payload(
    *,
    message_id: int,
    channel: Channel,
    author: User,
    member: Member | None,
    content: str,
    embeds: list[JSON] | None = None,
    components: list[JSON] | None = None,
    attachments: list[JSON] | None = None,
    mentions: list[JSON] | None = None,
    mention_roles: list[int] | None = None,
    mention_everyone: bool = False,
    flags: int = 0,
    tts: bool = False,
    message_type: int = MESSAGE_DEFAULT,
    message_reference: JSON | None = None,
    referenced_message: JSON | bool | None = False,  # False: key absent
    webhook_id: int | None = None,
    application_id: int | None = None,
    nonce: Any = None,
    interaction_metadata: JSON | None = None,
) -> JSON:
    data: JSON = {
        "id": str(message_id),
        "channel_id": str(channel.id),
        "author": author.payload(),
        "content": content,
        "timestamp": iso_time(message_id),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": mentions or [],
        "mention_roles": [str(r) for r in (mention_roles or [])],
        "mention_channels": [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "reactions": [],
        "pinned": False,
        "type": message_type,
        "flags": flags,
        "components": components or [],
        "sticker_items": [],
    }
    if channel.is_thread:
        # Discord numbers a thread's messages; a forum post's starter message is 0.
        data["position"] = channel.total_message_sent
    if channel.guild is not None:
        data["guild_id"] = str(channel.guild.id)
        if member is not None:
            data["member"] = member.payload(with_user=False)
    if message_reference is not None:
        data["message_reference"] = message_reference
    if referenced_message is not False:
        data["referenced_message"] = referenced_message
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if nonce is not None:
        data["nonce"] = nonce
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data


def attachment_payload(attachment_id: int, upload: UploadedFile, description: str | None) -> JSON:
    url = f"https://cdn.discordapp.invalid/attachments/{attachment_id}/{upload.filename}"
    return {
        "id": str(attachment_id),
        "filename": upload.filename,
        "description": description,
        "content_type": upload.content_type,
        "size": len(upload.data),
        "url": url,
        "proxy_url": url,
        "height": None,
        "width": None,
        "ephemeral": False,
        "flags": 0,
    }
