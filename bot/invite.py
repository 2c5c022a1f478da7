"""``ballard-bot invite``: the link that adds the bot to a server, with exactly the permissions
it uses.

Each permission is asked for because the code uses it:

* **View Channels**: see the channels where fans ask;
* **Send Messages**: answers, notices and posts in a log channel;
* **Send Messages in Threads**: the same in threads and forum posts;
* **Embed Links**: answers are embeds;
* **Attach Files**: the chart of ``/faq stats`` (a PNG);
* **Add Reactions**: ⏳ (asked too fast), 🔕 (quiet channel), ⚠️ (answering failed);
* **Read Message History**: answers are replies to the question, which Discord allows only
  with it.

The scopes are ``bot`` and ``applications.commands`` (the slash commands). The application id
comes from ``--client-id``, or from Discord with the token (``GET /oauth2/applications/@me``).
"""

from __future__ import annotations

import asyncio
from typing import TextIO
from urllib.parse import urlencode

import aiohttp
import discord

SCOPES = ("bot", "applications.commands")
DISCORD_API = "https://discord.com/api/v10"
AUTHORIZE = "https://discord.com/oauth2/authorize"
REQUEST_TIMEOUT = 15.0  # seconds
PERMISSION_NAMES = (  # discord.Permissions flags, in the order the developer portal lists them
    ("view_channel", "View Channels"),
    ("send_messages", "Send Messages"),
    ("send_messages_in_threads", "Send Messages in Threads"),
    ("embed_links", "Embed Links"),
    ("attach_files", "Attach Files"),
    ("read_message_history", "Read Message History"),
    ("add_reactions", "Add Reactions"),
)


class InviteError(RuntimeError):
    """The application id could not be found; the message says why in one line."""


def permissions() -> discord.Permissions:
    """The permissions the bot needs, and no others (see the module's docstring)."""
    return discord.Permissions(**{flag: True for flag, _ in PERMISSION_NAMES})


def invite_url(client_id: int) -> str:
    """The OAuth2 link that adds the application as a bot with its slash commands."""
    query = {
        "client_id": str(client_id),
        "permissions": str(permissions().value),
        "scope": " ".join(SCOPES),
    }
    return f"{AUTHORIZE}?{urlencode(query)}"


async def application_id(token: str, api_base: str | None = None) -> int:
    """The application id of the bot whose token this is, asked of Discord (or of the
    Discord-compatible server at ``api_base``)."""
    url = f"{(api_base or DISCORD_API).rstrip('/')}/oauth2/applications/@me"
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(url, headers={"Authorization": f"Bot {token}"}) as response,
        ):
            if response.status == 401:
                raise InviteError(
                    "Discord rejected the token in DISCORD_TOKEN; check it, or pass --client-id"
                )
            if response.status != 200:
                raise InviteError(
                    f"Discord answered HTTP {response.status} when asked for the application "
                    "id; pass --client-id"
                )
            data = await response.json()
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
        raise InviteError(f"cannot reach Discord ({reason}); pass --client-id") from None
    try:
        return int(data["id"])
    except (KeyError, TypeError, ValueError):
        raise InviteError("Discord's answer holds no application id; pass --client-id") from None


def cmd_invite(
    client_id: int | None, token: str | None, api_base: str | None, out: TextIO, err: TextIO
) -> int:
    """Print the invite link and what it asks for; 0, or 2 with one line on ``err``."""
    if client_id is None:
        if not token:
            print(
                "error: pass --client-id ID (the Application ID on the developer portal's "
                "General Information page) or set DISCORD_TOKEN to ask Discord for it",
                file=err,
            )
            return 2
        try:
            client_id = asyncio.run(application_id(token, api_base))
        except InviteError as exc:
            print(f"error: {exc}", file=err)
            return 2
    print(invite_url(client_id), file=out)
    names = ", ".join(name for _, name in PERMISSION_NAMES)
    print(
        f"permissions {permissions().value}: {names}; scopes: {' '.join(SCOPES)}",
        file=out,
    )
    return 0
