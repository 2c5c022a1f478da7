"""Admins edit the knowledge YAML while the bot runs: good edits are served, bad ones are not,
and no edit loses facts silently (a half-written file, an emptied one, a restart while broken)."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.render import NO_MATCH
from bot.service import ReloadResult
from bot.snapshot import SNAPSHOT_DIR
from bot.text import counted
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    BotProcess,
    MakeSettings,
    World,
    bot_environ,
    fact,
    running,
    shipped,
    title,
)
from tests.e2e.test_running import ANSI, run_cli
from tests.standin import DiscordStandIn

OLD_ANSWER = fact("where-to-watch").answer
NEW_ANSWER = "Ballard streams on Amazon Prime Video in more than 240 countries."
THEME_SONG = """
  - id: theme-song
    title: "What is the theme song?"
    answer: >-
      The opening theme is an instrumental piece written for the show.
    status: reported
    as_of: 2025-10-06
    sources: [renewal-announcement]
    questions:
      - what is the theme song
      - who sings the opening song
    keywords: [theme song, opening song, intro music]
"""


@pytest.fixture
async def watching(standin: DiscordStandIn, world: World, make_settings: MakeSettings) -> Any:
    """The bot with WATCH_KNOWLEDGE on, over a copy of the knowledge base."""
    async with running(standin, make_settings(WATCH_KNOWLEDGE="true")) as started:
        yield started
    standin.assert_clean()


def field_line(lines: list[str], fact_id: str, field: str) -> int:
    """Index of ``field:`` in the fact ``fact_id`` of a knowledge file's lines."""
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {fact_id}")
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith("- id:"):
            break
        if stripped.startswith(f"{field}:"):
            return i
    raise AssertionError(f"fact {fact_id!r} has no {field!r} line")


def with_answer(text: str, fact_id: str, answer: str) -> str:
    """The file with the fact's answer replaced, however the YAML wraps it."""
    lines = text.splitlines(keepends=True)
    at = field_line(lines, fact_id, "answer")
    indent = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    lines[at:end] = [f"{' ' * indent}answer: {json.dumps(answer)}\n"]
    return "".join(lines)


def broken(text: str, fact_id: str, kind: str) -> tuple[str, range]:
    """A bad edit of ``kind`` in the fact, and the lines its error may be reported on."""
    lines = text.splitlines(keepends=True)
    at = field_line(lines, fact_id, "answer")
    if kind == "yaml-syntax":  # an unclosed flow list: PyYAML notices on the next line
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines.insert(at, f"{indent}keywords: [unclosed, list\n")
        return "".join(lines), range(at + 1, at + 3)
    assert kind == "typo"
    lines[at] = lines[at].replace("answer:", "anwser:", 1)
    return "".join(lines), range(at + 1, at + 2)


def rewrite(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the edit changed nothing"
    path.write_text(changed, encoding="utf-8")


async def edit(standin: DiscordStandIn, bot: Any, path: Path, change: Callable[[str], str]) -> None:
    """Edit a knowledge file as an admin would and wait until the watcher has reloaded it."""
    before = bot.knowledge.generation
    rewrite(path, change)
    await standin.wait_until(
        lambda: True if bot.knowledge.generation > before else None,
        timeout=ANSWER_TIMEOUT,
        what="the knowledge watcher to reload",
    )


async def answer_to(standin: DiscordStandIn, world: World, question: str, member) -> str:
    reply = await standin.wait_for_reply(await world.ask(question, author=member))
    return reply.embeds[0]["description"] if reply.embeds else reply.content


async def test_a_good_edit_is_served_after_the_watcher_reloads(
    standin: DiscordStandIn, world: World, watching, kb_dir: Path
):
    await world.cooldowns_off()
    assert await answer_to(standin, world, "where can i watch it?", world.fan) == OLD_ANSWER
    assert (await answer_to(standin, world, "what's the theme song?", world.fan)).startswith(
        NO_MATCH
    )

    await edit(
        standin,
        watching,
        kb_dir / "show.yaml",
        lambda text: with_answer(text, "where-to-watch", NEW_ANSWER) + THEME_SONG,
    )
    assert watching.knowledge.last_result.ok

    assert await answer_to(standin, world, "where can i watch it?", world.fan) == NEW_ANSWER
    assert await answer_to(standin, world, "what's the theme song?", world.fan) == (
        "The opening theme is an instrumental piece written for the show."
    )
    handle = await standin.invoke_slash(world.guild, world.general, world.fan, "facts")
    page = await handle.wait_message(ANSWER_TIMEOUT)
    pages = page.embeds[0]["footer"]["text"].split(" · ")[0]
    assert pages == f"Page 1 of {-(-len(watching.knowledge.kb.facts) // 8)}"


def located(problems: list[str], path: Path, lines: range, words: str) -> bool:
    """Some problem names the file (by its path in the knowledge folder), a line in ``lines``
    and ``words``."""
    pattern = re.compile(rf"(?<![\w/.]){re.escape(path.name)}:(\d+): [^;]*?{re.escape(words)}")
    return any(int(m.group(1)) in lines for p in problems for m in pattern.finditer(p))


BAD_EDITS = {"yaml-syntax": "YAML syntax", "typo": "did you mean 'answer'"}


@pytest.mark.parametrize("kind", list(BAD_EDITS))
async def test_a_bad_edit_keeps_the_last_good_knowledge(
    standin: DiscordStandIn,
    world: World,
    watching,
    kb_dir: Path,
    caplog: pytest.LogCaptureFixture,
    kind: str,
):
    caplog.set_level(logging.INFO, logger="bot")
    await world.faq_text("logchannel", {"channel": world.offtopic})
    words = BAD_EDITS[kind]
    show = kb_dir / "show.yaml"
    serving = watching.knowledge.kb.summary()
    good_text = show.read_text(encoding="utf-8")
    bad_text, lines = broken(good_text, "where-to-watch", kind)

    await edit(standin, watching, show, lambda _: bad_text)
    result = watching.knowledge.last_result
    assert not result.ok and result.summary == serving
    assert located([str(p) for p in result.problems], show, lines, words), result.problems

    # fans still get the last good answers
    assert await answer_to(standin, world, "where can i watch it?", world.fan) == OLD_ANSWER

    # the log names the file and the line
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert located(errors, show, lines, words), errors
    assert any("knowledge base not reloaded" in e and "still serving" in e for e in errors)

    # /faq reload shows the same errors to a moderator, and still serves the good base
    reload = await world.faq_text("reload")
    assert reload.content.startswith("❌ The knowledge base has ")
    assert f"still serving the last good one ({serving})" in reload.content
    bullets = [line for line in reload.content.splitlines() if line.startswith("• `")]
    assert bullets and located(bullets, show, lines, words), reload.content
    # ...and so does the log channel: with paths inside the knowledge folder, not the server's
    [posted] = await standin.wait_until(
        lambda: (
            [
                m.content
                for m in standin.bot_messages_in(world.offtopic)
                if m.content.startswith("📚 Knowledge base (watch): ❌")
            ]
            or None
        ),
        timeout=ANSWER_TIMEOUT,
    )
    assert located(posted.splitlines(), show, lines, words), posted
    assert str(kb_dir) not in reload.content and str(kb_dir) not in posted
    assert await answer_to(standin, world, "where can i watch it?", world.fan2) == OLD_ANSWER
    # /faq settings says so too (it had shown the knowledge base's counts alone)
    n = len(watching.knowledge.last_result.problems)
    errors = "1 error (run /faq reload to see it)" if n == 1 else f"{n} errors (run /faq"
    trouble = (await world.faq_text("settings")).content.splitlines()[-1]
    assert trouble.startswith(
        f"  ❌ Still serving the last good knowledge base: the folder has {errors}"
    ), trouble

    # fixing the file brings the watcher back to serving edits
    await edit(
        standin, watching, show, lambda _: with_answer(good_text, "where-to-watch", NEW_ANSWER)
    )
    assert watching.knowledge.last_result.ok
    assert await answer_to(standin, world, "where can i watch it?", world.mod) == NEW_ANSWER
    ok = await world.faq_text("reload")
    assert ok.content == f"✅ Reloaded: {watching.knowledge.kb.summary()}."


async def test_faq_reload_applies_an_edit_without_the_watcher(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    assert not bot.settings.watch_knowledge
    offer = await standin.wait_for_reply(await world.ask("s2 info"))
    assert f"ballard:pick:season2-release-date:{world.fan.user.id}" in offer.custom_ids()

    # an admin renames the fact, then reloads by hand
    rewrite(
        kb_dir / "season2.yaml",
        lambda t: t.replace("id: season2-release-date", "id: season2-release"),
    )
    rewrite(kb_dir / "show.yaml", lambda t: with_answer(t, "where-to-watch", NEW_ANSWER))
    generation = bot.knowledge.generation
    reload = await world.faq_text("reload")
    assert reload.content.splitlines() == [  # a renamed fact: its old id goes
        f"✅ Reloaded: {bot.knowledge.kb.summary()}.",
        "🗑️ Removed 1 fact: season2-release-date.",
    ]
    assert bot.knowledge.generation == generation + 1
    assert await answer_to(standin, world, "where can i watch it?", world.fan2) == NEW_ANSWER

    # a "did you mean" button for the old id explains instead of failing
    click = await standin.click_button(
        offer, f"ballard:pick:season2-release-date:{world.fan.user.id}", world.fan
    )
    gone = await click.wait_message(ANSWER_TIMEOUT)
    assert gone.ephemeral and "isn't in the knowledge base any more" in gone.content
    assert offer.edits == []


async def test_faq_reload_names_a_broken_file_before_what_follows_from_it(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """A tab in people.yaml had given one error for each of its facts taught in
    learned.yaml ("no fact or known unknown has the id 'lead-actor'"), shown before the tab:
    the tab comes first, the taught ids once after it."""
    (kb_dir / "learned.yaml").write_text(
        "examples:\n  lead-actor:\n    - who is the star here\n  cast:\n    - who else acts\n",
        encoding="utf-8",
    )
    rewrite(kb_dir / "people.yaml", lambda t: t.replace("    answer:", "\tanswer:", 1))
    reload = await world.faq_text("reload")
    assert reload.content.startswith("❌ The knowledge base has 2 errors;"), reload.content
    tab, taught = [line for line in reload.content.splitlines() if line.startswith("• `")]
    assert tab.startswith("• `people.yaml:") and "a tab character" in tab
    assert taught == (
        "• `learned.yaml:3: examples for 'lead-actor', 'cast': no file read has a fact or "
        "known unknown with these ids: people.yaml could not be read and may define them; fix "
        "it first`"
    )


# --------------------------------------------------------------------------------------------
# No edit loses facts silently

PEOPLE_IDS = sorted(f.id for f in shipped().facts if f.file.endswith("people.yaml"))
LEAD_ACTOR = title("lead-actor")


async def embed_title(standin: DiscordStandIn, world: World, question: str, member) -> str | None:
    reply = await standin.wait_for_reply(await world.ask(question, author=member))
    return reply.embeds[0]["title"] if reply.embeds else None


async def test_an_emptied_file_is_held_until_faq_reload(
    standin: DiscordStandIn,
    world: World,
    watching,
    kb_dir: Path,
    caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.INFO, logger="bot")
    await world.cooldowns_off()
    await world.faq_text("logchannel", {"channel": world.offtopic})
    results: list[ReloadResult] = []
    watching.knowledge.add_listener(results.append)
    assert "lead-actor" in PEOPLE_IDS and len(PEOPLE_IDS) > 1

    await edit(standin, watching, kb_dir / "people.yaml", lambda _: "")
    [held] = results
    assert held.held and held.trigger == "watch" and watching.knowledge.pending is held
    assert list(held.removed) == PEOPLE_IDS and held.emptied == ("people.yaml",)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("knowledge base not reloaded: people.yaml is now empty, and ")
        and ", ".join(PEOPLE_IDS) in w
        for w in warnings
    ), warnings
    # fans still get the lead-actor fact
    assert await embed_title(standin, world, "who plays ballard?", world.fan) == LEAD_ACTOR
    # /faq settings says so (it had shown the knowledge base's counts alone)
    settings = (await world.faq_text("settings")).content.splitlines()
    assert settings[-2] == f"• Knowledge base: {watching.knowledge.kb.summary()}"
    assert settings[-1] == (
        f"  ⏸️ A reload is held since {held.at:%H:%M} UTC: {held.losses()}. Run /faq reload to "
        "apply, or list the ids under `removed:` in a knowledge file."
    )

    # a moderator applies it, and is told what went and that the watcher had held it
    reload = await world.faq_text("reload")
    lines = reload.content.splitlines()
    assert lines[0] == f"✅ Reloaded: {watching.knowledge.kb.summary()}."
    assert lines[1] == f"🗑️ Removed {len(PEOPLE_IDS)} facts: {', '.join(PEOPLE_IDS)}."
    assert lines[2].startswith("(The automatic reload at ") and "had held this back: " in lines[2]
    assert [r.kind for r in results] == ["held", "applied"]
    assert watching.knowledge.pending is None
    settings = (await world.faq_text("settings")).content.splitlines()
    assert settings[-1] == f"• Knowledge base: {watching.knowledge.kb.summary()}"
    assert PEOPLE_IDS[0] not in {f.id for f in watching.knowledge.kb.facts}
    assert await embed_title(standin, world, "who plays ballard?", world.fan2) != LEAD_ACTOR

    # the moderators' log channel was told both times, with the ids
    def posts() -> list[str] | None:
        found = [
            m.content
            for m in standin.bot_messages_in(world.offtopic)
            if m.content.startswith("📚 Knowledge base")
        ]
        return found if len(found) == 2 else None

    held_post, applied_post = await standin.wait_until(posts, timeout=ANSWER_TIMEOUT)
    assert held_post.startswith("📚 Knowledge base (watch): ⏸️ Not reloaded: people.yaml is now")
    assert ", ".join(PEOPLE_IDS) in held_post and "Run /faq reload to apply" in held_post
    assert applied_post.startswith("📚 Knowledge base (command): ✅ Reloaded: ")
    assert f"🗑️ Removed {len(PEOPLE_IDS)} facts: {', '.join(PEOPLE_IDS)}." in applied_post


async def test_a_file_saved_slowly_in_chunks_is_served_only_once_complete(
    standin: DiscordStandIn, world: World, watching, kb_dir: Path
):
    await world.cooldowns_off()
    results: list[ReloadResult] = []
    watching.knowledge.add_listener(results.append)
    people = kb_dir / "people.yaml"
    full = (people.read_text(encoding="utf-8") + THEME_SONG).encode()
    size = -(-len(full) // 5)

    async def save_slowly() -> None:  # 5 chunks 300 ms apart, whatever the questions take
        loop = asyncio.get_running_loop()
        start = loop.time()
        with people.open("wb") as f:  # truncated first, as editors that write in place do
            for i in range(5):
                await asyncio.sleep(max(0.0, start + 0.3 * i - loop.time()))
                f.write(full[i * size : (i + 1) * size])
                f.flush()

    saving = asyncio.create_task(save_slowly())
    members = [world.fan, world.fan2, world.mod]
    asked = 0
    while not saving.done():  # while the file is half written, fans keep getting its facts
        got = await embed_title(standin, world, "who plays ballard?", members[asked % 3])
        assert got == LEAD_ACTOR, f"question {asked + 1}"
        asked += 1
        await asyncio.sleep(0.1)
    await saving
    assert asked >= 2
    await standin.wait_until(
        lambda: True if results else None, timeout=ANSWER_TIMEOUT, what="the watcher to reload"
    )
    [result] = results  # one reload, of the complete file: never a partial one
    assert result.applied and result.removed == ()
    ids = {f.id for f in watching.knowledge.kb.facts}
    assert "theme-song" in ids and set(PEOPLE_IDS) <= ids
    assert await answer_to(standin, world, "what's the theme song?", world.fan) == (
        "The opening theme is an instrumental piece written for the show."
    )
    assert results == [result]


async def test_a_restart_with_a_broken_file_starts_from_the_last_good_copy(
    standin: DiscordStandIn,
    world: World,
    make_settings: MakeSettings,
    kb_dir: Path,
    data_dir: Path,
    tmp_path: Path,
):
    async with running(standin, make_settings()):  # serves the folder, and keeps a copy
        assert await embed_title(standin, world, "who plays ballard?", world.fan) == LEAD_ACTOR
        await world.faq_text("logchannel", {"channel": world.offtopic})
    copy = data_dir / SNAPSHOT_DIR
    assert (copy / "people.yaml").read_bytes() == (kb_dir / "people.yaml").read_bytes()

    people = kb_dir / "people.yaml"
    bad_text, lines = broken(people.read_text(encoding="utf-8"), "lead-actor", "typo")
    people.write_text(bad_text, encoding="utf-8")
    restarted = await BotProcess.start(
        bot_environ(standin, kb_dir, data_dir), tmp_path, tmp_path / "restart.log"
    )
    try:
        await standin.wait_for_identify(count=2, timeout=15)
        asked = await world.ask("who plays ballard?", author=world.fan2)
        reply = await standin.wait_for_reply(asked, timeout=10)
        assert reply.embeds[0]["title"] == LEAD_ACTOR
        # the moderators' log channel is told once the bot is ready
        told = await standin.wait_for_message(
            world.offtopic,
            predicate=lambda m: m.content.startswith("📚 Knowledge base (startup)"),
            timeout=10,
        )
        # and /faq settings says so for as long as it lasts (it had shown the counts alone)
        settings = (await world.faq_text("settings")).content.splitlines()
    finally:
        await restarted.kill()
    log = ANSI.sub("", restarted.output())
    [loud] = [line for line in log.splitlines() if "STARTING FROM THE LAST GOOD" in line]
    assert " ERROR " in loud and f"in {copy}" in loud
    [listing] = [line for line in log.splitlines() if f"knowledge base at {kb_dir} has" in line]
    assert " ERROR " in listing and located([listing], people, lines, "did you mean 'answer'")
    assert "Traceback" not in log
    assert "started from the last good copy saved at" in told.content
    assert "people.yaml" in told.content
    when = re.search(r"saved at (.+? UTC)", told.content)[1]  # type: ignore[index]
    assert settings[-1] == (
        f"  ⚠️ Serving the last good copy saved at {when}, not the knowledge folder: the folder "
        "has 2 errors (run /faq reload to see them)."
    ), settings
    standin.assert_clean()


async def test_a_start_with_a_broken_file_and_no_copy_exits_2(
    standin: DiscordStandIn, kb_dir: Path, data_dir: Path, tmp_path: Path
):
    people = kb_dir / "people.yaml"
    bad_text, lines = broken(people.read_text(encoding="utf-8"), "lead-actor", "yaml-syntax")
    people.write_text(bad_text, encoding="utf-8")
    code, out, err = await run_cli(bot_environ(standin, kb_dir, data_dir), tmp_path)
    assert code == 2 and out == ""
    *problems, last = [line for line in err.splitlines() if line.strip()]
    assert problems and located(problems, people, lines, "YAML syntax")
    assert last.startswith(
        f"error: the knowledge base at {kb_dir} has {counted(len(problems), 'error')} and"
    )
    assert f"no last good copy in {data_dir / SNAPSHOT_DIR}" in last
    assert standin.identify_count == 0
