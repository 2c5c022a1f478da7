"""Gateway side of the stand-in: one websocket per bot connection (``GatewayConnection``)
and the resumable sessions they belong to (``GatewaySession``).

Dispatches are queued synchronously (sequence number assigned, frame serialised, kept in
the session's replay buffer) and written by one writer task per connection, so the order
of events always matches the order of the calls that produced them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from ._models import (
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    JSON,
    PRIVILEGED_INTENTS,
    EventRecord,
    GatewayFrame,
    RawFrame,
    RecordedRequest,
)

if TYPE_CHECKING:
    from .server import DiscordStandIn

log = logging.getLogger("tests.standin.gateway")

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE_UPDATE = 3
OP_VOICE_STATE_UPDATE = 4
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_GUILD_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_INVALID_SHARD = 4010
CLOSE_INVALID_INTENTS = 4013
CLOSE_DISALLOWED_INTENTS = 4014

_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

_MESSAGE_EVENTS = frozenset({"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"})
_MEMBER_EVENTS = frozenset({"GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE"})


def _shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % shard_count


class GatewaySession:
    """A session created by IDENTIFY; survives its connection so it can be RESUMEd."""

    def __init__(
        self,
        standin: DiscordStandIn,
        *,
        shard: tuple[int, int] | None,
        intents: int,
        replay_limit: int,
    ) -> None:
        self.standin = standin
        self.id = secrets.token_hex(16)
        self.shard = shard
        self.intents = intents
        self.seq = 0
        self.buffer: deque[EventRecord] = deque(maxlen=replay_limit)
        self.conn: GatewayConnection | None = None
        self.invalidated = False
        self.identified_at = time.perf_counter()
        self.resumes = 0

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0

    @property
    def shard_count(self) -> int:
        return self.shard[1] if self.shard else 1

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.closed

    def covers_guild(self, guild_id: int) -> bool:
        return _shard_of(guild_id, self.shard_count) == self.shard_id

    def wants(self, event: str, data: Any) -> bool:
        """Intent filtering as Discord does it, for message and guild member events."""
        # Deliberately broken data (dispatch_raw) is sent as it is.
        if not self.standin.enforce_intents or not isinstance(data, dict):
            return True
        if event in _MESSAGE_EVENTS:
            needed = INTENT_GUILD_MESSAGES if "guild_id" in data else INTENT_DIRECT_MESSAGES
            return bool(self.intents & needed)
        if event in _MEMBER_EVENTS and not self.intents & INTENT_GUILD_MEMBERS:
            # Without GUILD_MEMBERS Discord still tells an app about its own member.
            user = data.get("user")
            own_id = str(self.standin.bot_user.id)
            return (
                event == "GUILD_MEMBER_UPDATE"
                and isinstance(user, dict)
                and str(user.get("id")) == own_id
            )
        return True

    def dispatch(self, event: str, data: Any) -> EventRecord:
        self.seq += 1
        frame = _dumps({"op": OP_DISPATCH, "t": event, "s": self.seq, "d": data})
        record = EventRecord(
            seq=self.seq,
            type=event,
            data=data,
            frame=frame,
            session_id=self.id,
            created_at=time.perf_counter(),
        )
        self.buffer.append(record)
        self.standin.dispatched.append(record)
        if self.conn is not None and not self.conn.closed:
            self.conn.enqueue(record)
        return record

    def attach(self, conn: GatewayConnection) -> None:
        old = self.conn
        if old is not None and old is not conn and not old.closed:
            old.abort()
        self.conn = conn
        conn.session = self

    def detach(self, conn: GatewayConnection) -> None:
        if self.conn is conn:
            self.conn = None


class GatewayConnection:
    """One websocket connection from the bot."""

    def __init__(self, standin: DiscordStandIn, ws: web.WebSocketResponse, request: web.Request):
        self.standin = standin
        self.ws = ws
        self.request = request
        self.query = dict(request.query)
        self.session: GatewaySession | None = None
        self.closed = False
        self.opened_at = time.perf_counter()
        self.heartbeats = 0
        self._queue: asyncio.Queue[EventRecord | RawFrame | str | None] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None

    # -- outbound ---------------------------------------------------------------------
    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_loop(), name="standin-gateway-writer")

    def enqueue(self, item: EventRecord | RawFrame | str) -> None:
        if not self.closed:
            self._queue.put_nowait(item)

    def send_op(self, op: int, d: Any) -> None:
        self.enqueue(_dumps({"op": op, "d": d, "s": None, "t": None}))

    async def _write_loop(self) -> None:
        queue = self._queue
        ws = self.ws
        perf = time.perf_counter
        try:
            while True:
                item = await queue.get()
                if item is None:
                    return
                if isinstance(item, str):
                    await ws.send_str(item)
                else:
                    item.mark_sent(perf())
                    await ws.send_str(item.frame)
        except (ConnectionError, RuntimeError) as exc:  # peer went away mid-write
            log.debug("gateway writer stopped: %r", exc)
        finally:
            self._release_pending()

    def _release_pending(self) -> None:
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if isinstance(item, (EventRecord, RawFrame)):
                item.release()

    # -- closing ----------------------------------------------------------------------
    def _mark_closed(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.session is not None:
            self.session.detach(self)
        if self._writer is not None:
            self._writer.cancel()
        self._release_pending()

    def abort(self) -> None:
        """Drop the TCP connection without a close frame (the client sees 1006)."""
        self._mark_closed()
        transport = self.request.transport
        if transport is not None:
            transport.abort()

    async def close(self, code: int, message: str = "") -> None:
        """Send a close frame with ``code`` (after frames already queued) and hang up."""
        if self.closed:
            return
        self._queue.put_nowait(None)
        if self._writer is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(asyncio.shield(self._writer), timeout=1.0)
        self._mark_closed()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(code=code, message=message.encode()), 2.0)
        if not self.ws.closed:
            self.abort()

    def close_soon(self, code: int, message: str = "") -> None:
        task = asyncio.create_task(self.close(code, message))
        self.standin._background.add(task)
        task.add_done_callback(self.standin._background.discard)

    # -- inbound ----------------------------------------------------------------------
    async def run(self) -> None:
        self.start()
        self.send_op(OP_HELLO, {"heartbeat_interval": int(self.standin.heartbeat_interval * 1000)})
        try:
            async for msg in self.ws:
                if msg.type is WSMsgType.TEXT:
                    self._handle_text(msg.data)
                elif msg.type is WSMsgType.BINARY:
                    self._record_unhandled("binary frame", msg.data[:200])
                elif msg.type is WSMsgType.ERROR:
                    break
        finally:
            self._mark_closed()

    def _record_unhandled(self, what: str, data: Any) -> None:
        self.standin.unhandled.append(
            RecordedRequest(
                method="WS",
                path=what,
                query={},
                json=data,
                files=[],
                headers={},
                received_at=time.perf_counter(),
                status=None,
            )
        )

    def _handle_text(self, text: str) -> None:
        try:
            payload = json.loads(text)
            op = payload["op"]
            d = payload.get("d")
        except (ValueError, KeyError, TypeError):
            self._record_unhandled("malformed frame", text[:500])
            self.close_soon(4002, "Error while decoding payload.")
            return
        session = self.session
        frame = GatewayFrame(
            op=op,
            d=d,
            received_at=time.perf_counter(),
            session_id=session.id if session else None,
            shard=session.shard if session else None,
        )
        self.standin.gateway_received.append(frame)
        if op == OP_HEARTBEAT:
            self.heartbeats += 1
            self.send_op(OP_HEARTBEAT_ACK, None)
        elif op == OP_IDENTIFY:
            self._identify(d)
        elif op == OP_RESUME:
            self._resume(d)
        elif op == OP_REQUEST_GUILD_MEMBERS:
            self._request_members(d)
        elif op == OP_PRESENCE_UPDATE:
            self.standin.presence = d
        elif op == OP_VOICE_STATE_UPDATE:
            pass
        else:
            self._record_unhandled(f"op {op}", d)
        self.standin._notify()

    def _identify(self, d: JSON) -> None:
        standin = self.standin
        if not standin._token_ok(d.get("token")):
            self.close_soon(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return
        shard: tuple[int, int] | None = None
        if d.get("shard") is not None:
            shard_id, shard_count = (int(x) for x in d["shard"])
            if shard_count < 1 or not 0 <= shard_id < shard_count:
                self.close_soon(CLOSE_INVALID_SHARD, "Invalid shard.")
                return
            shard = (shard_id, shard_count)
        intents = d.get("intents")
        if not isinstance(intents, int):
            self.close_soon(CLOSE_INVALID_INTENTS, "Invalid intent(s).")
            return
        if intents & PRIVILEGED_INTENTS & ~standin.allowed_privileged_intents:
            self.close_soon(CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).")
            return
        key = shard or (0, 1)
        old = standin._shard_sessions.get(key)
        if old is not None:
            old.invalidated = True
            if old.conn is not None and old.conn is not self:
                old.conn.abort()
        session = GatewaySession(
            standin, shard=shard, intents=intents, replay_limit=standin.replay_buffer
        )
        standin._sessions[session.id] = session
        standin._shard_sessions[key] = session
        session.attach(self)
        guilds = [g for g in standin.guilds.values() if session.covers_guild(g.id)]
        ready: JSON = {
            "v": 10,
            "user": standin.bot_user.payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": standin.gateway_url,
            "application": {"id": str(standin.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "_trace": ["standin"],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        session.dispatch("READY", ready)
        for guild in guilds:
            session.dispatch("GUILD_CREATE", guild.payload(unavailable=False))
        standin.identify_count += 1

    def _resume(self, d: JSON) -> None:
        standin = self.standin
        session = standin._sessions.get(str(d.get("session_id")))
        if session is None or session.invalidated or not standin._token_ok(d.get("token")):
            self.send_op(OP_INVALID_SESSION, False)
            return
        session.attach(self)
        last_seq = d.get("seq") or 0
        for record in session.buffer:
            if record.seq > last_seq:
                self.enqueue(record)
        session.dispatch("RESUMED", {"_trace": ["standin"]})
        session.resumes += 1
        standin.resume_count += 1

    def _request_members(self, d: JSON) -> None:
        session = self.session
        if session is None:
            self.close_soon(4003, "Not authenticated.")
            return
        guild_ids = d.get("guild_id")
        if not isinstance(guild_ids, list):
            guild_ids = [guild_ids]
        query = (d.get("query") or "").lower()
        limit = d.get("limit") or 0
        user_ids = d.get("user_ids")
        if user_ids is not None and not isinstance(user_ids, list):
            user_ids = [user_ids]
        wanted = None if user_ids is None else {int(u) for u in user_ids}
        for raw_id in guild_ids:
            guild = self.standin.guilds.get(int(raw_id))
            if guild is None:
                continue
            members = list(guild.members.values())
            if wanted is not None:
                members = [m for m in members if m.id in wanted]
            elif query:
                members = [m for m in members if m.name.lower().startswith(query)]
            if limit:
                members = members[:limit]
            chunk: JSON = {
                "guild_id": str(guild.id),
                "members": [m.payload() for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
            }
            if wanted is not None:
                found = {m.id for m in members}
                chunk["not_found"] = [str(u) for u in wanted - found]
            if d.get("presences"):
                chunk["presences"] = []
            if d.get("nonce") is not None:
                chunk["nonce"] = d["nonce"]
            session.dispatch("GUILD_MEMBERS_CHUNK", chunk)


def strip_message_content(data: JSON) -> JSON:
    """What an app without the MESSAGE_CONTENT intent receives."""
    stripped = dict(data)
    stripped["content"] = ""
    stripped["embeds"] = []
    stripped["attachments"] = []
    stripped["components"] = []
    stripped.pop("poll", None)
    return stripped


def needs_content_stripping(session: GatewaySession, data: Any, bot_id: int) -> bool:
    if not session.standin.enforce_intents or session.intents & INTENT_MESSAGE_CONTENT:
        return False
    # Deliberately broken data (dispatch_raw) is sent as it is.
    if not isinstance(data, dict) or "guild_id" not in data:  # DMs keep their content
        return False
    author = data.get("author")
    if isinstance(author, dict) and str(author.get("id")) == str(bot_id):
        return False
    mentions = data.get("mentions")
    if not isinstance(mentions, list):
        return True
    return not any(isinstance(m, dict) and str(m.get("id")) == str(bot_id) for m in mentions)


async def websocket_handler(standin: DiscordStandIn, request: web.Request) -> web.StreamResponse:
    ws = web.WebSocketResponse(max_msg_size=0, compress=False, autoping=True, heartbeat=None)
    await ws.prepare(request)
    conn = GatewayConnection(standin, ws, request)
    standin._connections.add(conn)
    try:
        await conn.run()
    finally:
        standin._connections.discard(conn)
        standin._notify()
    return ws
