"""Bookkeeping of the messages the bot creates, edits and deletes through REST (and their
echo on the gateway). Mixed into DiscordStandIn."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ._models import (
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    JSON,
    MESSAGE_CHAT_INPUT_COMMAND,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    Channel,
    EventRecord,
    Guild,
    InteractionHandle,
    RecordedRequest,
    SnowflakeGenerator,
    StoredMessage,
    User,
    attachment_payload,
    message_payload,
)
from ._validation import form_error, validate_message

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


class MessagesMixin:
    # state owned by DiscordStandIn
    _ids: SnowflakeGenerator
    application_id: int
    bot_user: User
    users: dict[int, User]
    channels: dict[int, Channel]
    messages: dict[int, StoredMessage]
    _channel_messages: defaultdict[int, list[StoredMessage]]
    bot_messages: list[StoredMessage]
    user_messages: list[StoredMessage]
    validate_payloads: bool
    echo_bot_messages: bool

    if TYPE_CHECKING:

        def _dispatch(
            self, guild_id: int | None, event: str, data: JSON, *, required: bool
        ) -> EventRecord | None: ...

        def _notify(self) -> None: ...

        def _route_reply(self, msg: StoredMessage) -> None: ...

    def _mention_payload(self, user: User, guild: Guild | None) -> JSON:
        data = user.payload()
        if guild is not None:
            member = guild.member(user)
            if member is not None:
                data["member"] = member.payload(with_user=False)
        return data

    # -- interactions ---------------------------------------------------------------------

    def _validate_message(self, body: JSON, files: list[Any], *, partial: bool = False) -> None:
        if self.validate_payloads:
            validate_message(body, files, partial=partial)

    def _store(self, msg: StoredMessage) -> None:
        self.messages[msg.id] = msg
        in_channel = self._channel_messages[msg.channel_id]
        msg._index = len(in_channel)
        in_channel.append(msg)
        channel = self.channels.get(msg.channel_id)
        if channel is not None:
            channel.last_message_id = msg.id
            if channel.is_thread and not msg.ephemeral:
                channel.total_message_sent += 1
                if msg.id != channel.id:  # a forum post's starter message is not counted
                    channel.message_count += 1
                channel.member_ids.add(msg.author.id)
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
        mention_roles = self._bot_role_mentions(content, allowed_mentions, guild)
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
            mention_roles=mention_roles,
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
            _standin=self,  # type: ignore[arg-type]
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
        for match in USER_MENTION.finditer(content):
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

    def _bot_role_mentions(
        self, content: str, allowed: JSON | None, guild: Guild | None
    ) -> list[int]:
        """Roles of this guild mentioned in the bot's content that allowed_mentions lets
        ping (all of them when the bot sends no allowed_mentions)."""
        if guild is None:
            return []
        parse = None if allowed is None else set(allowed.get("parse") or [])
        explicit = set() if allowed is None else {int(r) for r in allowed.get("roles") or []}
        out: list[int] = []
        for match in ROLE_MENTION.finditer(content):
            role_id = int(match.group(1))
            if role_id in out or role_id not in {r.id for r in guild.roles}:
                continue
            if parse is None or "roles" in parse or role_id in explicit:
                out.append(role_id)
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


def _without_reference(payload: JSON) -> JSON:
    return {k: v for k, v in payload.items() if k != "referenced_message"}


def _now_iso() -> str:
    return dt.datetime.now(tz=dt.UTC).isoformat()
