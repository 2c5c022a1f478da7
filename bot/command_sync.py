"""Register the slash commands with Discord only when their definitions changed.

Discord keeps an application's global commands until they are replaced, and rate-limits the
bulk replace (a bot restarted often would be refused). At start-up the bot compares a digest
of its command definitions (``to_dict`` of every command, as ``tree.sync()`` sends them), for
this application and this API, with the digest stored in ``DATA_DIR/slash-commands.json`` at
the last sync, and syncs only when they differ or nothing is stored. Deleting the file forces
a sync at the next start.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from discord import app_commands

log = logging.getLogger(__name__)

STATE_FILE = "slash-commands.json"
DISCORD = "discord"  # the API when no DISCORD_API_BASE is set


def definitions(tree: app_commands.CommandTree[Any]) -> list[dict[str, Any]]:
    """The global commands as ``tree.sync()`` sends them to Discord."""
    return [command.to_dict(tree) for command in tree.get_commands()]


def digest(application_id: int, api: str, commands: list[dict[str, Any]]) -> str:
    """One SHA-256 of the definitions, for this application at this API."""
    text = json.dumps(
        {"application_id": str(application_id), "api": api, "commands": commands},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_digest(data_dir: Path) -> str | None:
    """The digest saved at the last sync (None: never synced, or unreadable)."""
    try:
        state = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
        return str(state["sha256"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring %s (%s): the slash commands will be synced", STATE_FILE, exc)
        return None


def _save(data_dir: Path, state: dict[str, Any]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=f".{STATE_FILE}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(state, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, data_dir / STATE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


async def sync_if_changed(
    tree: app_commands.CommandTree[Any], application_id: int, data_dir: Path, api: str | None
) -> bool:
    """Sync the global commands if their definitions differ from the last sync's; True if
    synced. Logs which, with the number of commands."""
    commands = definitions(tree)
    names = sorted(c["name"] for c in commands)
    current = digest(application_id, api or DISCORD, commands)
    previous = stored_digest(data_dir)
    if previous == current:
        log.info("slash commands unchanged since the last sync (%d): not synced", len(commands))
        return False
    synced = await tree.sync()
    why = "first sync" if previous is None else "definitions changed"
    log.info("registered %d slash commands (%s)", len(synced), why)
    state = {
        "note": "The slash commands last synced with Discord; delete this file to sync again.",
        "sha256": current,
        "application_id": str(application_id),
        "api": api or DISCORD,
        "synced_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "commands": names,
    }
    try:
        _save(data_dir, state)
    except OSError as exc:  # the commands are synced; the next start merely syncs again
        log.warning("could not save %s in %s: %s", STATE_FILE, data_dir, exc.strerror or exc)
    return True
