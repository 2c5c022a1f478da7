"""Slash command options whose limits the bot checks again after Discord: a client or a
server admin's tool can send values outside the range the bot registered."""

from __future__ import annotations

import discord
from discord import app_commands


class OutOfRange(app_commands.AppCommandError):
    """An option's value is outside the range the command registered."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message  # what the error handler shows the member


class Within(app_commands.Transformer):
    """A whole number from ``low`` to ``high``: registered as the option's range, so Discord
    refuses others, and refused here with the range if one slips past."""

    def __init__(self, name: str, low: int, high: int) -> None:
        self.name = name
        self.low = low
        self.high = high

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return self.low

    @property
    def max_value(self) -> int:
        return self.high

    async def transform(self, interaction: discord.Interaction, value: int) -> int:
        if not self.low <= value <= self.high:
            raise OutOfRange(
                f"❌ `{self.name}` must be from {self.low} to {self.high} (not {value})."
            )
        return value
