"""Acting as users through interactions: slash commands, autocomplete, buttons, selects,
modals. Mixed into DiscordStandIn."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._errors import StandinError
from ._models import (
    ATTACHMENT_SIZE_LIMIT,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    JSON,
    Channel,
    EventRecord,
    Guild,
    InteractionHandle,
    Member,
    Role,
    SnowflakeGenerator,
    StoredMessage,
    User,
    user_of,
)

if TYPE_CHECKING:
    from ._gateway import GatewaySession  # noqa: F401

Sendable = User | Member


class InteractionsMixin:
    # state owned by DiscordStandIn
    _ids: SnowflakeGenerator
    application_id: int
    bot_user: User
    users: dict[int, User]
    channels: dict[int, Channel]
    messages: dict[int, StoredMessage]
    _roles: dict[int, Role]
    interactions: list[InteractionHandle]
    _interactions_by_token: dict[str, InteractionHandle]
    global_commands: dict[str, JSON]
    guild_commands: dict[int, dict[str, JSON]]
    _fabricated_command_ids: dict[str, int]

    if TYPE_CHECKING:

        def _dispatch(
            self, guild_id: int | None, event: str, data: JSON, *, required: bool
        ) -> EventRecord | None: ...

        async def _wait_sent(self, record: EventRecord | None) -> None: ...

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
        data = self._command_data(guild, user, name, options or {}, focused=None)
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
        data = self._command_data(guild, user, name, options, focused=focused)
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
        user = user_of(who)
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
            _standin=self,  # type: ignore[arg-type]
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
        who: Sendable,
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
        member = guild.member(user_of(who)) if guild is not None else None
        leaf = [
            self._option(key, value, definitions, guild, member, resolved, focused == key)
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
        member: Member | None,
        resolved: JSON,
        focused: bool,
    ) -> JSON:
        otype: int | None = None
        definition: JSON | None = None
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
            obj_id = self._resolve_option_object(value, otype, guild, member, resolved)
            allowed = (definition or {}).get("channel_types")
            channel = self.channels.get(obj_id)
            if otype == 7 and allowed and channel is not None and channel.type not in allowed:
                # Discord's client only offers channels of the types the command accepts.
                raise StandinError(
                    f"option {key!r} accepts channel types {allowed}, not {channel.name!r} "
                    f"(type {channel.type})"
                )
            option["value"] = str(obj_id)
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
        self, value: Any, otype: int, guild: Guild | None, member: Member | None, resolved: JSON
    ) -> int:
        if isinstance(value, (User, Member)):
            obj: Any = user_of(value)
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
            # The invoking member's permissions (overwrites are not modelled).
            perms = member.permissions if member is not None else DEFAULT_EVERYONE_PERMISSIONS
            entry: JSON
            if obj.is_thread:
                # discord.py's AppCommandThread reads the thread fields, metadata included.
                entry = obj.payload()
            else:
                entry = {"id": str(obj.id), "name": obj.name, "type": obj.type, "parent_id": None}
                if obj.guild is not None:
                    entry["guild_id"] = str(obj.guild.id)
            entry["permissions"] = str(perms)
            resolved.setdefault("channels", {})[str(obj.id)] = entry
        elif isinstance(obj, Role):
            resolved.setdefault("roles", {})[str(obj.id)] = obj.payload()
        return obj.id


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
