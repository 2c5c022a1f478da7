"""Who may curate: the moderator check every `/faq` command and review button uses, and how
user text is shown back to moderators. Shared by the moderation cog and its review helpers."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.exts._delivery import guild_settings
from bot.text import fit

MESSAGE_LIMIT = 2_000


class NotModerator(app_commands.CheckFailure):
    """The member has neither Manage Server nor the server's moderator role."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message  # what the error handler shows the member


async def is_moderator(interaction: discord.Interaction) -> bool:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if interaction.permissions.manage_guild:
        return True
    settings = await guild_settings(interaction.client, interaction.guild_id)  # type: ignore[arg-type]
    role_id = settings.moderator_role_id
    member = interaction.user
    if role_id is not None and isinstance(member, discord.Member) and member.get_role(role_id):
        return True
    extra = f" or the <@&{role_id}> role" if role_id is not None else ""
    raise NotModerator(f"You need the **Manage Server** permission{extra} to use this command.")


async def may_moderate(interaction: discord.Interaction) -> bool:
    """Whether the member may use `/faq` (:func:`is_moderator` without its refusal): what
    an autocomplete asks before it lists facts and taught questions."""
    try:
        return await is_moderator(interaction)
    except app_commands.CheckFailure:
        return False


# Two layers: Discord hides the group from members without Manage Server (a server admin can
# show it to the moderator role in Server Settings -> Integrations), and every command checks
# here: Manage Server, or the moderator role set with /faq modrole.
moderator = app_commands.check(is_moderator)


def _fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    return fit(text, limit)


def _quote(text: str, limit: int = 80) -> str:
    """User text shown back to moderators: one line, no markdown or mentions can leak."""
    flat = " ".join(text.split())
    flat = fit(flat, limit)
    return discord.utils.escape_mentions(discord.utils.escape_markdown(flat))
