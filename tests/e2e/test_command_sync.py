"""Slash commands are synced with Discord only when their definitions changed: a bot restarted
often is not rate-limited for replacing its commands with the same ones."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from bot.command_sync import STATE_FILE
from tests.e2e.conftest import MakeSettings, World, running
from tests.standin import DiscordStandIn

COMMANDS = re.compile(r"^/applications/\d+/commands$")


def syncs(standin: DiscordStandIn) -> int:
    return len(standin.requests_matching("PUT", COMMANDS))


async def test_the_first_start_syncs_and_a_restart_with_the_same_commands_does_not(
    standin: DiscordStandIn,
    world: World,
    make_settings: MakeSettings,
    data_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.command_sync")
    async with running(standin, make_settings()):
        assert syncs(standin) == 1
        [put] = standin.requests_matching("PUT", COMMANDS)
        assert f"/applications/{standin.application_id}/commands" == put.path
        assert {c["name"] for c in put.json} == {"ask", "faq", "facts"}
    state = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
    assert state["application_id"] == str(standin.application_id)
    assert state["commands"] == ["ask", "facts", "faq"]
    assert "registered 3 slash commands (first sync)" in caplog.text

    caplog.clear()
    async with running(standin, make_settings()):
        assert syncs(standin) == 1  # no second PUT
        # the commands Discord kept from the first start still work
        reply = await world.faq_text("settings")
        assert "Settings in this server" in reply.content
    assert "slash commands unchanged since the last sync (3): not synced" in caplog.text
    standin.assert_clean()


async def test_changed_definitions_are_synced_again(
    standin: DiscordStandIn,
    world: World,
    make_settings: MakeSettings,
    data_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.command_sync")
    async with running(standin, make_settings()):
        pass
    # as an older version of the bot, with other definitions, would have left it
    state = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
    (data_dir / STATE_FILE).write_text(json.dumps({**state, "sha256": "0" * 64}), "utf-8")
    async with running(standin, make_settings()):
        assert syncs(standin) == 2
    assert "registered 3 slash commands (definitions changed)" in caplog.text

    (data_dir / STATE_FILE).unlink()  # what an admin does to force a sync
    async with running(standin, make_settings()):
        assert syncs(standin) == 3
    standin.assert_clean()
