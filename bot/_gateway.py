"""Gateway payloads discord.py cannot parse are logged and skipped, not fatal.

discord.py decodes each gateway frame and hands dispatch events to its parsers inside
``DiscordWebSocket.received_message``. An exception there (a frame that is not JSON, a
MESSAGE_CREATE without ``author``, a role whose ``permissions`` is not a number) escapes its
connection loop and ends the client, so one bad payload would take the bot down. The guard
wraps that method once per process, for clients that set ``skip_bad_gateway_payloads``
(other discord.py clients in the process keep the library's behaviour): control-flow
exceptions (reconnect, close) pass through; anything else is logged with the event's name
and the frame is skipped. The sequence number
has already been stored by then, so a RESUME does not replay the bad frame.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from discord.errors import ConnectionClosed
from discord.gateway import DiscordWebSocket, ReconnectWebSocket

log = logging.getLogger(__name__)

_PASS_THROUGH = (ReconnectWebSocket, ConnectionClosed)


def guard_gateway() -> None:
    """Install the guard (idempotent)."""
    original = DiscordWebSocket.received_message
    if getattr(original, "_ballard_guard", False):
        return

    @functools.wraps(original)
    async def received_message(self: DiscordWebSocket, msg: Any, /) -> None:
        try:
            await original(self, msg)
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            client = getattr(self._dispatch, "__self__", None)  # ws._dispatch = client.dispatch
            if not getattr(client, "skip_bad_gateway_payloads", False):
                raise
            log.error(
                "skipped a gateway payload discord.py could not handle (shard %s, %s): %r",
                self.shard_id,
                _describe(msg),
                exc,
            )

    received_message._ballard_guard = True  # type: ignore[attr-defined]
    DiscordWebSocket.received_message = received_message  # type: ignore[method-assign]


def _describe(msg: Any) -> str:
    """The event name if the frame has one, else its first characters (never the whole)."""
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes | bytearray) else str(msg)
    marker = '"t":"'
    at = text.replace(" ", "").find(marker)
    if at >= 0:
        squeezed = text.replace(" ", "")
        return "event " + squeezed[at + len(marker) :].split('"', 1)[0][:40]
    return f"{len(text)} characters starting {text[:40]!r}"
