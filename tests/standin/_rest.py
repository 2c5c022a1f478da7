"""REST side of the stand-in: one catch-all aiohttp handler, a small router, fault
injection, rate-limit headers, and the endpoint handlers discord.py's bots use."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from ._models import (
    ADMINISTRATOR,
    CALLBACK_AUTOCOMPLETE,
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_DEFERRED_UPDATE,
    CALLBACK_MESSAGE,
    CALLBACK_MODAL,
    CALLBACK_PONG,
    CALLBACK_UPDATE_MESSAGE,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    JSON,
    SEND_MESSAGES,
    SEND_MESSAGES_IN_THREADS,
    VIEW_CHANNEL,
    Channel,
    InteractionCallback,
    InteractionHandle,
    RecordedRequest,
    StoredMessage,
    UploadedFile,
)
from ._validation import ApiError, form_error

if TYPE_CHECKING:
    from .server import DiscordStandIn

_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

#: The Via header Discord's edge adds; discord.py only retries a 429 that carries one.
VIA = "1.1 google"


@dataclass
class Fault:
    """An injected failure: answers the next ``count`` matching requests."""

    pattern: str | re.Pattern[str]
    method: str | None
    status: int
    count: int
    retry_after: float = 0.0
    is_global: bool = False
    body: JSON | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    after: bool = False  # carry the request out, then answer with the fault
    hits: list[RecordedRequest] = field(default_factory=list)

    def matches(self, method: str, path: str) -> bool:
        if self.count <= 0:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        if isinstance(self.pattern, re.Pattern):
            return self.pattern.search(path) is not None
        return fnmatch.fnmatchcase(path, self.pattern)

    @property
    def exhausted(self) -> bool:
        return self.count <= 0


@dataclass
class _Bucket:
    reset_at: float
    used: int = 0


Handler = Callable[..., Awaitable[Any]]


@dataclass
class _Route:
    method: str
    template: str
    regex: re.Pattern[str]
    handler: Handler
    auth: bool
    major: tuple[str, ...]


def _compile(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
    return re.compile(f"^{pattern}$")


_API_PREFIX = re.compile(r"^/api(?:/v\d+)?")


class RestAPI:
    def __init__(self, standin: DiscordStandIn) -> None:
        self.standin = standin
        self._routes: list[_Route] = []
        self._buckets: dict[str, _Bucket] = {}
        s = self
        r = self._add
        r("GET", "/users/@me", s.get_me)
        r("GET", "/oauth2/applications/@me", s.get_application)
        r("GET", "/applications/@me", s.get_application)
        r("GET", "/gateway", s.get_gateway, auth=False)
        r("GET", "/gateway/bot", s.get_gateway_bot)
        r("POST", "/users/@me/channels", s.create_dm)
        r("GET", "/users/{user_id}", s.get_user)
        r("GET", "/channels/{channel_id}", s.get_channel)
        r("POST", "/channels/{channel_id}/messages", s.create_message)
        r("GET", "/channels/{channel_id}/messages", s.get_messages)
        r("GET", "/channels/{channel_id}/messages/{message_id}", s.get_message)
        r("PATCH", "/channels/{channel_id}/messages/{message_id}", s.edit_message)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}", s.delete_message)
        r("POST", "/channels/{channel_id}/typing", s.typing)
        r("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", s.react)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", s.unreact)
        r("GET", "/guilds/{guild_id}", s.get_guild)
        r("GET", "/guilds/{guild_id}/channels", s.get_guild_channels)
        r("GET", "/guilds/{guild_id}/roles", s.get_roles)
        r("GET", "/guilds/{guild_id}/members/{user_id}", s.get_member)
        r("GET", "/guilds/{guild_id}/threads/active", s.get_active_threads)
        for scope in ("/applications/{app_id}", "/applications/{app_id}/guilds/{guild_id}"):
            r("GET", scope + "/commands", s.get_commands)
            r("PUT", scope + "/commands", s.put_commands)
            r("POST", scope + "/commands", s.post_command)
            r("GET", scope + "/commands/{command_id}", s.get_command)
            r("PATCH", scope + "/commands/{command_id}", s.patch_command)
            r("DELETE", scope + "/commands/{command_id}", s.delete_command)
        r("POST", "/interactions/{interaction_id}/{token}/callback", s.callback, auth=False)
        r("POST", "/webhooks/{app_id}/{token}", s.followup, auth=False)
        r("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", s.wh_get, auth=False)
        r("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", s.wh_edit, auth=False)
        r("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", s.wh_delete, auth=False)

    def _add(self, method: str, template: str, handler: Handler, *, auth: bool = True) -> None:
        major = tuple(
            name
            for name in ("channel_id", "guild_id", "interaction_id", "token")
            if "{" + name + "}" in template
        )
        self._routes.append(_Route(method, template, _compile(template), handler, auth, major))

    def _match(self, method: str, path: str) -> tuple[_Route, dict[str, str]] | None:
        for route in self._routes:
            if route.method != method:
                continue
            m = route.regex.match(path)
            if m is not None:
                return route, m.groupdict()
        return None

    # ---------------------------------------------------------------------------------
    # entry point
    # ---------------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        received = time.perf_counter()
        standin = self.standin
        method = request.method
        path = _API_PREFIX.sub("", request.path) or "/"
        body: Any = None
        files: list[UploadedFile] = []
        try:
            body, files = await _read_body(request)
        except ValueError as exc:
            rec = self._record(request, method, path, None, [], received)
            return self._finish(rec, 400, {"message": f"400: Bad Request ({exc})", "code": 50109})
        rec = self._record(request, method, path, body, files, received)

        fault = standin._take_fault(method, path)
        if fault is not None and not fault.after:
            fault.hits.append(rec)
            rec.fault = str(fault.status)
            return self._fault_response(rec, fault)

        found = self._match(method, path)
        if found is None:
            standin.unhandled.append(rec)
            return self._finish(rec, 404, {"message": "404: Not Found", "code": 0})
        route, params = found
        rec.route = f"{method} {route.template}"

        if route.auth and not standin._token_ok(_bot_token(request)):
            return self._finish(rec, 401, {"message": "401: Unauthorized", "code": 0})

        headers: dict[str, str] = {}
        if standin.ratelimit_headers:
            key = route.template + ":" + ":".join(params.get(k, "") for k in route.major)
            limited = self._ratelimit(key, route.template, headers)
            if limited is not None:
                rec.fault = "429"
                return self._finish(rec, 429, limited, headers | {"Via": VIA})
        try:
            result = await route.handler(rec, **params)
        except ApiError as exc:
            return self._finish(rec, exc.status, exc.body(), headers)
        except Exception as exc:  # a bug in the stand-in: answer 500, record it loudly
            standin.errors.append(f"{rec.route}: {exc!r}\n{traceback.format_exc()}")
            return self._finish(
                rec, 500, {"message": f"stand-in error: {exc!r}", "code": 0}, headers
            )
        if fault is not None:  # after=True: the request took effect, its answer is lost
            fault.hits.append(rec)
            rec.fault = str(fault.status)
            return self._fault_response(rec, fault)
        if result is None:
            return self._finish(rec, 204, None, headers)
        return self._finish(rec, 200, result, headers)

    def _record(
        self,
        request: web.Request,
        method: str,
        path: str,
        body: Any,
        files: list[UploadedFile],
        received: float,
    ) -> RecordedRequest:
        rec = RecordedRequest(
            method=method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
            received_at=received,
        )
        self.standin.requests.append(rec)
        return rec

    def _finish(
        self,
        rec: RecordedRequest,
        status: int,
        body: Any,
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        rec.status = status
        rec.response = body
        self.standin._notify()
        if body is None:
            return web.Response(status=status, headers=headers)
        if isinstance(body, str):  # injected non-JSON error page
            return web.Response(
                status=status, text=body, content_type="text/plain", headers=headers
            )
        # discord.py only parses JSON when Content-Type is *exactly* application/json.
        hdrs = {"Content-Type": "application/json"}
        if headers:
            hdrs.update(headers)
        return web.Response(status=status, body=_dumps(body).encode(), headers=hdrs)

    def _fault_response(self, rec: RecordedRequest, fault: Fault) -> web.Response:
        if fault.status == 429:
            reset_after = f"{fault.retry_after:.3f}"
            headers = {
                "Via": VIA,
                "Retry-After": str(max(1, int(fault.retry_after + 0.999))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + fault.retry_after:.3f}",
                "X-RateLimit-Reset-After": reset_after,
                "X-RateLimit-Bucket": _bucket_hash("injected"),
                "X-RateLimit-Scope": "global" if fault.is_global else "user",
            }
            if fault.is_global:
                headers["X-RateLimit-Global"] = "true"
            headers.update(fault.headers)
            body = fault.body
            if body is None:
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": fault.retry_after,
                    "global": fault.is_global,
                    "code": 0,
                }
            return self._finish(rec, 429, body, headers)
        body = fault.body
        if body is None:
            body = {"message": f"{fault.status}: Injected failure", "code": 0}
        return self._finish(rec, fault.status, body, dict(fault.headers))

    def _ratelimit(self, key: str, template: str, headers: dict[str, str]) -> JSON | None:
        standin = self.standin
        now = time.monotonic()
        bucket = self._buckets.get(key)
        if bucket is None or now >= bucket.reset_at:
            bucket = self._buckets[key] = _Bucket(reset_at=now + standin.ratelimit_window)
        bucket.used += 1
        limit = standin.ratelimit_limit
        reset_after = max(bucket.reset_at - now, 0.0)
        headers["X-RateLimit-Limit"] = str(limit)
        headers["X-RateLimit-Remaining"] = str(max(limit - bucket.used, 0))
        headers["X-RateLimit-Reset"] = f"{time.time() + reset_after:.3f}"
        headers["X-RateLimit-Reset-After"] = f"{reset_after:.3f}"
        headers["X-RateLimit-Bucket"] = _bucket_hash(template)
        if standin.enforce_ratelimits and bucket.used > limit:
            headers["X-RateLimit-Scope"] = "user"
            headers["Retry-After"] = str(max(1, int(reset_after + 0.999)))
            return {
                "message": "You are being rate limited.",
                "retry_after": round(reset_after, 3),
                "global": False,
                "code": 0,
            }
        return None

    # ---------------------------------------------------------------------------------
    # identity, gateway
    # ---------------------------------------------------------------------------------
    async def get_me(self, rec: RecordedRequest) -> JSON:
        data = self.standin.bot_user.payload()
        data.update(verified=True, mfa_enabled=False, locale="en-US", email=None)
        return data

    async def get_application(self, rec: RecordedRequest) -> JSON:
        s = self.standin
        return {
            "id": str(s.application_id),
            "name": s.bot_user.name,
            "icon": None,
            "description": "Discord stand-in application",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": s.bot_user.payload(),
            "owner": s.owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "summary": "",
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "approximate_guild_count": len(s.guilds),
        }

    async def get_gateway(self, rec: RecordedRequest) -> JSON:
        return {"url": self.standin.gateway_url}

    async def get_gateway_bot(self, rec: RecordedRequest) -> JSON:
        s = self.standin
        return {
            "url": s.gateway_url,
            "shards": s.shard_count,
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000,
                "reset_after": 86_400_000,
                "max_concurrency": 16,
            },
        }

    # ---------------------------------------------------------------------------------
    # users, channels, guilds
    # ---------------------------------------------------------------------------------
    async def get_user(self, rec: RecordedRequest, user_id: str) -> JSON:
        user = self.standin.users.get(_int(user_id))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user.payload()

    async def create_dm(self, rec: RecordedRequest) -> JSON:
        body = rec.json or {}
        user = self.standin.users.get(_int(body.get("recipient_id")))
        if user is None:
            raise form_error("recipient_id", "NUMBER_TYPE_COERCE", "Value is not a snowflake.")
        if user.bot:
            raise ApiError(400, 50007, "Cannot send messages to this user")
        return self.standin.dm_channel(user).payload()

    def _channel(self, channel_id: str) -> Channel:
        channel = self.standin.channels.get(_int(channel_id))
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _message(self, channel: Channel, message_id: str) -> StoredMessage:
        msg = self.standin.messages.get(_int(message_id))
        if msg is None or msg.channel_id != channel.id or msg.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def _check_bot_can_send(self, channel: Channel) -> None:
        if channel.guild is None:
            return
        me = channel.guild.member(self.standin.bot_user)
        perms = me.permissions if me is not None else 0
        if perms & ADMINISTRATOR:
            return
        if not perms & VIEW_CHANNEL:
            raise ApiError(403, 50001, "Missing Access")
        # In a thread it is SEND_MESSAGES_IN_THREADS that counts, not SEND_MESSAGES.
        needed = SEND_MESSAGES_IN_THREADS if channel.is_thread else SEND_MESSAGES
        if not perms & needed:
            raise ApiError(403, 50013, "Missing Permissions")

    async def get_channel(self, rec: RecordedRequest, channel_id: str) -> JSON:
        return self._channel(channel_id).payload()

    async def create_message(self, rec: RecordedRequest, channel_id: str) -> JSON:
        channel = self._channel(channel_id)
        if channel.is_forum:  # a forum holds posts (threads), not messages
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
        self._check_bot_can_send(channel)
        body = rec.json or {}
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            # Discord: the same nonce from the same author within a few minutes returns the
            # message already created instead of posting it twice.
            nonce = str(body["nonce"])
            for earlier in reversed(self.standin.bot_messages_in(channel)):
                if str(earlier.payload.get("nonce")) == nonce and not earlier.ephemeral:
                    return earlier.payload
        self.standin._validate_message(body, rec.files)
        msg = self.standin._create_bot_message(channel, body, rec)
        return msg.payload

    async def get_messages(self, rec: RecordedRequest, channel_id: str) -> list[JSON]:
        channel = self._channel(channel_id)
        limit = min(int(rec.query.get("limit", 50)), 100)
        msgs = [m for m in self.standin.messages_in(channel) if not m.ephemeral]
        if "before" in rec.query:
            msgs = [m for m in msgs if m.id < int(rec.query["before"])]
        if "after" in rec.query:
            msgs = [m for m in msgs if m.id > int(rec.query["after"])]
            msgs = msgs[:limit]
        else:
            msgs = msgs[-limit:]
        return [m.payload for m in reversed(msgs)]

    async def get_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> JSON:
        return self._message(self._channel(channel_id), message_id).payload

    async def edit_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> JSON:
        msg = self._message(self._channel(channel_id), message_id)
        if not msg.from_bot:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = rec.json or {}
        self.standin._validate_message(body, rec.files, partial=True)
        self.standin._edit_message(msg, body, rec)
        return msg.payload

    async def delete_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> None:
        msg = self._message(self._channel(channel_id), message_id)
        self.standin._delete_message(msg)

    async def typing(self, rec: RecordedRequest, channel_id: str) -> None:
        self._channel(channel_id)

    async def react(
        self, rec: RecordedRequest, channel_id: str, message_id: str, emoji: str
    ) -> None:
        msg = self._message(self._channel(channel_id), message_id)
        msg.reactions.append(emoji)

    async def unreact(
        self, rec: RecordedRequest, channel_id: str, message_id: str, emoji: str
    ) -> None:
        msg = self._message(self._channel(channel_id), message_id)
        if emoji in msg.reactions:
            msg.reactions.remove(emoji)

    def _guild(self, guild_id: str) -> Any:
        guild = self.standin.guilds.get(_int(guild_id))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, rec: RecordedRequest, guild_id: str) -> JSON:
        data = self._guild(guild_id).payload(unavailable=None)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            data.pop(key, None)
        return data

    async def get_guild_channels(self, rec: RecordedRequest, guild_id: str) -> list[JSON]:
        return [c.payload() for c in self._guild(guild_id).channels]

    async def get_roles(self, rec: RecordedRequest, guild_id: str) -> list[JSON]:
        return [r.payload() for r in self._guild(guild_id).roles]

    async def get_active_threads(self, rec: RecordedRequest, guild_id: str) -> JSON:
        guild = self._guild(guild_id)
        return {"threads": [t.payload() for t in guild.threads], "members": []}

    async def get_member(self, rec: RecordedRequest, guild_id: str, user_id: str) -> JSON:
        member = self._guild(guild_id).member(_int(user_id))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return member.payload()

    # ---------------------------------------------------------------------------------
    # application commands
    # ---------------------------------------------------------------------------------
    def _scope(self, app_id: str, guild_id: str | None) -> dict[str, JSON]:
        s = self.standin
        if _int(app_id) != s.application_id:
            raise ApiError(403, 50001, "Missing Access")
        if guild_id is None:
            return s.global_commands
        guild = self._guild(guild_id)
        return s.guild_commands.setdefault(guild.id, {})

    async def get_commands(
        self, rec: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> list[JSON]:
        return list(self._scope(app_id, guild_id).values())

    async def put_commands(
        self, rec: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> list[JSON]:
        scope = self._scope(app_id, guild_id)
        body = rec.json or []
        if not isinstance(body, list):
            raise form_error("_root", "LIST_TYPE_CONVERT", "Must be an array.")
        new: dict[str, JSON] = {}
        for raw in body:
            cmd = self._command(raw, scope, guild_id)
            new[cmd["name"]] = cmd
        scope.clear()
        scope.update(new)
        return list(new.values())

    async def post_command(
        self, rec: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> JSON:
        scope = self._scope(app_id, guild_id)
        cmd = self._command(rec.json or {}, scope, guild_id)
        scope[cmd["name"]] = cmd
        return cmd

    def _find_command(self, scope: dict[str, JSON], command_id: str) -> JSON:
        for cmd in scope.values():
            if cmd["id"] == command_id:
                return cmd
        raise ApiError(404, 10063, "Unknown application command")

    async def get_command(
        self, rec: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> JSON:
        return self._find_command(self._scope(app_id, guild_id), command_id)

    async def patch_command(
        self, rec: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> JSON:
        scope = self._scope(app_id, guild_id)
        old = self._find_command(scope, command_id)
        merged = old | (rec.json or {})
        del scope[old["name"]]
        cmd = self._command(merged, scope, guild_id)
        scope[cmd["name"]] = cmd
        return cmd

    async def delete_command(
        self, rec: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> None:
        scope = self._scope(app_id, guild_id)
        old = self._find_command(scope, command_id)
        del scope[old["name"]]

    def _command(self, raw: JSON, scope: dict[str, JSON], guild_id: str | None) -> JSON:
        name = raw.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 32:
            raise form_error("name", "APPLICATION_COMMAND_INVALID_NAME", "Invalid name")
        ctype = raw.get("type", 1)
        if ctype == 1 and not (raw.get("description") or ""):
            raise form_error("description", "BASE_TYPE_REQUIRED", "This field is required")
        if len(raw.get("description") or "") > 100:
            raise form_error("description", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer.")
        if len(raw.get("options") or []) > 25:
            raise form_error("options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        existing = scope.get(name)
        s = self.standin
        cmd = dict(raw)
        cmd.setdefault("type", 1)
        cmd.setdefault("description", "")
        cmd.setdefault("options", [])
        cmd.setdefault("default_member_permissions", None)
        cmd.setdefault("dm_permission", True)
        cmd.setdefault("nsfw", False)
        cmd.setdefault("contexts", None)
        cmd.setdefault("integration_types", [0])
        cmd["id"] = existing["id"] if existing else str(s._ids.next())
        cmd["application_id"] = str(s.application_id)
        cmd["version"] = str(s._ids.next())
        if guild_id is not None:
            cmd["guild_id"] = str(guild_id)
        else:
            cmd.pop("guild_id", None)
        return cmd

    # ---------------------------------------------------------------------------------
    # interactions
    # ---------------------------------------------------------------------------------
    def _interaction(self, interaction_id: str | None, token: str) -> InteractionHandle:
        handle = self.standin._interactions_by_token.get(token)
        if handle is None or (interaction_id is not None and str(handle.id) != interaction_id):
            raise ApiError(404, 10062, "Unknown interaction")
        return handle

    async def callback(self, rec: RecordedRequest, interaction_id: str, token: str) -> JSON:
        s = self.standin
        handle = self._interaction(interaction_id, token)
        handle.requests.append(rec)
        if handle.callback is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        dispatched = handle.dispatched_at or handle.created_at
        deadline = s.interaction_deadline
        if deadline is not None and rec.received_at - dispatched > deadline:
            raise ApiError(404, 10062, "Unknown interaction")
        body = rec.json or {}
        ctype = body.get("type")
        data = body.get("data")
        allowed = {CALLBACK_PONG} if handle.type == 1 else set()
        if handle.type == 2:
            allowed = {CALLBACK_MESSAGE, CALLBACK_DEFERRED_MESSAGE, CALLBACK_MODAL}
        elif handle.type == 3:
            allowed = {
                CALLBACK_MESSAGE,
                CALLBACK_DEFERRED_MESSAGE,
                CALLBACK_DEFERRED_UPDATE,
                CALLBACK_UPDATE_MESSAGE,
                CALLBACK_MODAL,
            }
        elif handle.type == 4:
            allowed = {CALLBACK_AUTOCOMPLETE}
        elif handle.type == 5:
            allowed = {
                CALLBACK_MESSAGE,
                CALLBACK_DEFERRED_MESSAGE,
                CALLBACK_DEFERRED_UPDATE,
                CALLBACK_UPDATE_MESSAGE,
            }
        if ctype not in allowed:
            raise form_error("type", "INTERACTION_CALLBACK_TYPE_INVALID", "Invalid callback type")
        channel = s.channels[handle.channel_id]
        resource: JSON = {"type": ctype}
        message: StoredMessage | None = None
        if ctype == CALLBACK_MESSAGE:
            s._validate_message(data or {}, rec.files)
            message = s._create_bot_message(channel, data or {}, rec, interaction=handle)
            handle.original = message
        elif ctype == CALLBACK_DEFERRED_MESSAGE:
            flags = int((data or {}).get("flags", 0)) & FLAG_EPHEMERAL
            message = s._create_bot_message(
                channel,
                {"content": "", "flags": flags | FLAG_LOADING},
                rec,
                interaction=handle,
                echo=False,
            )
            handle.original = message
        elif ctype in (CALLBACK_DEFERRED_UPDATE, CALLBACK_UPDATE_MESSAGE):
            target = self._component_message(handle)
            if ctype == CALLBACK_UPDATE_MESSAGE:
                s._validate_message(data or {}, rec.files, partial=True)
                s._edit_message(target, data or {}, rec)
            handle.original = target
            message = target
        elif ctype == CALLBACK_AUTOCOMPLETE:
            choices = (data or {}).get("choices")
            if not isinstance(choices, list) or len(choices) > 25:
                raise form_error("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer.")
            for i, choice in enumerate(choices):
                if not 1 <= len(str(choice.get("name", ""))) <= 100:
                    raise form_error(
                        f"data.choices.{i}.name", "BASE_TYPE_BAD_LENGTH", "Must be 1-100 long."
                    )
        elif ctype == CALLBACK_MODAL and not (
            (data or {}).get("custom_id") and (data or {}).get("title")
        ):
            raise form_error("data", "BASE_TYPE_REQUIRED", "custom_id and title required")
        handle.callback = InteractionCallback(
            type=ctype, data=data, received_at=rec.received_at, request=rec
        )
        if message is not None and ctype != CALLBACK_DEFERRED_UPDATE:
            resource["message"] = message.payload
        handle._notify()
        s._notify()
        interaction: JSON = {
            "id": str(handle.id),
            "type": handle.type,
            "response_message_loading": ctype == CALLBACK_DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(message is not None and message.ephemeral),
        }
        if message is not None:
            interaction["response_message_id"] = str(message.id)
        return {"interaction": interaction, "resource": resource}

    def _component_message(self, handle: InteractionHandle) -> StoredMessage:
        raw = handle.payload.get("message")
        if raw is None:
            raise form_error("type", "INTERACTION_CALLBACK_TYPE_INVALID", "No message to update")
        msg = self.standin.messages.get(int(raw["id"]))
        if msg is None:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def _webhook_handle(self, app_id: str, token: str) -> InteractionHandle:
        if _int(app_id) != self.standin.application_id:
            raise ApiError(404, 10015, "Unknown Webhook")
        handle = self.standin._interactions_by_token.get(token)
        if handle is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        if handle.callback is None:
            # Discord refuses followups before the initial response.
            raise ApiError(404, 10015, "Unknown Webhook")
        return handle

    def _webhook_message(self, handle: InteractionHandle, message_id: str) -> StoredMessage:
        if message_id == "@original":
            if handle.original is None or handle.original.deleted:
                raise ApiError(404, 10008, "Unknown Message")
            return handle.original
        for msg in handle.followups:
            if str(msg.id) == message_id and not msg.deleted:
                return msg
        raise ApiError(404, 10008, "Unknown Message")

    async def followup(self, rec: RecordedRequest, app_id: str, token: str) -> JSON | None:
        s = self.standin
        handle = self._webhook_handle(app_id, token)
        handle.requests.append(rec)
        body = rec.json or {}
        s._validate_message(body, rec.files)
        channel = s.channels[handle.channel_id]
        msg = s._create_bot_message(channel, body, rec, interaction=handle, followup=True)
        handle.followups.append(msg)
        handle._notify()
        if rec.query.get("wait", "").lower() in ("1", "true"):
            return msg.payload
        return None

    async def wh_get(self, rec: RecordedRequest, app_id: str, token: str, message_id: str) -> JSON:
        handle = self._webhook_handle(app_id, token)
        handle.requests.append(rec)
        return self._webhook_message(handle, message_id).payload

    async def wh_edit(self, rec: RecordedRequest, app_id: str, token: str, message_id: str) -> JSON:
        s = self.standin
        handle = self._webhook_handle(app_id, token)
        handle.requests.append(rec)
        msg = self._webhook_message(handle, message_id)
        body = rec.json or {}
        s._validate_message(body, rec.files, partial=True)
        s._edit_message(msg, body, rec)
        handle._notify()
        return msg.payload

    async def wh_delete(
        self, rec: RecordedRequest, app_id: str, token: str, message_id: str
    ) -> None:
        handle = self._webhook_handle(app_id, token)
        handle.requests.append(rec)
        self.standin._delete_message(self._webhook_message(handle, message_id))
        handle._notify()


# =========================================================================================
# helpers
# =========================================================================================


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise form_error("id", "NUMBER_TYPE_COERCE", f"Value {value!r} is not snowflake.") from None


def _bot_token(request: web.Request) -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bot "):
        return auth[4:]
    return None


def _bucket_hash(template: str) -> str:
    return hashlib.sha1(template.encode()).hexdigest()[:16]


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    if not request.body_exists:
        return None, []
    ctype = request.content_type
    if ctype.startswith("multipart/"):
        body: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            name = part.name or ""
            data = await part.read()
            if name == "payload_json":
                body = json.loads(data.decode())
            else:
                files.append(
                    UploadedFile(
                        field_name=name,
                        filename=part.filename or name,
                        content_type=part.headers.get("Content-Type"),
                        data=bytes(data),
                    )
                )
        return body, files
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError as exc:
        raise ValueError(f"body is not JSON: {exc}") from None
