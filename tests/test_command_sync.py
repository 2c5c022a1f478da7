"""The digest that decides whether the slash commands are synced again."""

from __future__ import annotations

from pathlib import Path

import discord
from discord import app_commands

from bot.command_sync import STATE_FILE, definitions, digest, stored_digest


def tree_with(description: str, option: str = "question") -> app_commands.CommandTree:
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))

    @tree.command(name="ask", description=description)
    @app_commands.rename(question=option)
    async def ask(interaction: discord.Interaction, question: str) -> None: ...

    return tree


def test_the_same_definitions_give_the_same_digest() -> None:
    first = digest(1, "discord", definitions(tree_with("Ask a question")))
    assert first == digest(1, "discord", definitions(tree_with("Ask a question")))


def test_a_changed_description_or_option_changes_it() -> None:
    base = digest(1, "discord", definitions(tree_with("Ask a question")))
    assert base != digest(1, "discord", definitions(tree_with("Ask the bot a question")))
    assert base != digest(1, "discord", definitions(tree_with("Ask a question", "text")))


def test_another_application_or_api_changes_it() -> None:
    commands = definitions(tree_with("Ask a question"))
    base = digest(1, "discord", commands)
    assert base != digest(2, "discord", commands)
    assert base != digest(1, "http://127.0.0.1:8080/api/v10", commands)


def test_a_missing_or_broken_state_file_means_sync(tmp_path: Path) -> None:
    assert stored_digest(tmp_path) is None
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert stored_digest(tmp_path) is None
    (tmp_path / STATE_FILE).write_text('{"sha256": "abc"}', encoding="utf-8")
    assert stored_digest(tmp_path) == "abc"
