"""``ballard-bot invite``: the link with exactly the permissions the bot uses."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.cli import main
from tests.standin import DiscordStandIn

# Discord's permission bits (https://discord.com/developers/docs/topics/permissions), written
# out here rather than taken from discord.py, so that a permission added by mistake shows.
EXPECTED = {
    "ADD_REACTIONS": 1 << 6,  # ⏳ 🔕 ⚠️ on questions
    "VIEW_CHANNEL": 1 << 10,
    "SEND_MESSAGES": 1 << 11,
    "EMBED_LINKS": 1 << 14,  # answers are embeds
    "ATTACH_FILES": 1 << 15,  # the /faq stats chart
    "READ_MESSAGE_HISTORY": 1 << 16,  # answers reply to the question
    "SEND_MESSAGES_IN_THREADS": 1 << 38,
}


def invite(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["invite", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISCORD_TOKEN", "DISCORD_API_BASE"):
        monkeypatch.delenv(name, raising=False)


def test_the_link_asks_for_exactly_the_permissions_the_bot_uses() -> None:
    code, out, err = invite("--client-id", "123456789012345678")
    assert code == 0, err
    url, what = out.splitlines()
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "discord.com", "/oauth2/authorize")
    query = parse_qs(parts.query)
    assert query == {
        "client_id": ["123456789012345678"],
        "permissions": [str(sum(EXPECTED.values()))],
        "scope": ["bot applications.commands"],
    }
    assert query["permissions"] == ["274878024768"]
    assert what.startswith("permissions 274878024768: View Channels, Send Messages")
    assert "Manage" not in what and "Administrator" not in what


def test_without_an_id_or_a_token_it_says_what_to_pass() -> None:
    code, out, err = invite()
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert "--client-id" in line and "DISCORD_TOKEN" in line


@pytest.mark.parametrize("bad", ["abc", "0", "-5"])
def test_a_client_id_must_be_an_id(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["invite", "--client-id", bad])
    assert info.value.code == 2
    assert "is not an id" in capsys.readouterr().err


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s


async def test_with_the_token_the_id_is_asked_of_discord(
    standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", standin.token)
    monkeypatch.setenv("DISCORD_API_BASE", standin.api_base)
    code, out, err = await asyncio.to_thread(invite)
    assert code == 0, err
    assert f"client_id={standin.application_id}&" in out.splitlines()[0]
    assert standin.requests_matching("GET", "/oauth2/applications/@me")


async def test_a_rejected_token_is_one_line(
    standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", standin.rejected_token)
    monkeypatch.setenv("DISCORD_API_BASE", standin.api_base)
    code, out, err = await asyncio.to_thread(invite)
    assert (code, out) == (2, "")
    assert err.startswith("error: Discord rejected the token") and err.count("\n") == 1
