"""The curation loop, end to end: moderators teach the bot from what fans asked, review the
queue (grouped, DMs included, dismiss, proposals from "did you mean" picks), see stale facts
and a stats chart. Everything goes through the Discord stand-in as people would use it."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import yaml

from bot.charts import PNG_SIGNATURE, png_size
from bot.curation import what_it_gets
from bot.knowledge import load_knowledge
from bot.learned import LEARNED_FILE
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    MakeSettings,
    World,
    running,
    title,
    wait_logged,
)
from tests.standin import DiscordStandIn, StoredMessage

# a "did you mean" ("s2 filming in cali or somewhere else?" until the second admin batch)
Q_FILMING = "s2 in cali or georgia?"
REFUSAL = "You need the **Manage Server** permission to use this command."


async def ask_and_wait(
    standin: DiscordStandIn, world: World, question: str, member: Any = None
) -> StoredMessage:
    return await standin.wait_for_reply(await world.ask(question, author=member or world.fan))


def learned(kb_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((kb_dir / LEARNED_FILE).read_text(encoding="utf-8")) or {}


async def test_a_moderator_teaches_an_unanswered_question_and_the_next_fan_gets_the_fact(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, kb_dir: Path
):
    question = "is ballard streaming on my tv box"
    async with running(standin, make_settings()) as bot:
        await world.cooldowns_off()
        before = await ask_and_wait(standin, world, question)
        assert not before.embeds or before.embeds[0]["title"] != title("where-to-watch")

        # autocomplete offers the likely facts first, named by title and id
        handle = await standin.autocomplete(
            world.guild,
            world.general,
            world.mod,
            ["faq", "teach"],
            {"question": question, "fact": ""},
            focused="fact",
        )
        choices = await handle.wait_choices()
        assert 0 < len(choices) <= 25
        assert "where-to-watch" in [c["value"] for c in choices[:5]]
        typed = await standin.autocomplete(
            world.guild,
            world.general,
            world.mod,
            ["faq", "teach"],
            {"question": question, "fact": "trailer"},
            focused="fact",
        )
        [trailer] = await typed.wait_choices()  # known unknowns are offered too
        assert trailer["value"] == "trailer" and trailer["name"].startswith("don't know: trailers")

        generation = bot.knowledge.generation
        reply = await world.faq_text("teach", {"question": question, "fact": "where-to-watch"})
        assert reply.content.startswith(
            f"✅ Taught “{question}” as an example of **{title('where-to-watch')}** "
            f"(`where-to-watch`) in `learned.yaml`."
        ), reply.content
        assert f"Now answered with “{title('where-to-watch')}”." in reply.content
        assert bot.knowledge.generation == generation + 1  # reloaded at once

        after = await ask_and_wait(standin, world, question, world.fan2)
        assert after.embeds and after.embeds[0]["title"] == title("where-to-watch")

        # the file is plain YAML with who and when, and the whole folder validates
        text = (kb_dir / LEARNED_FILE).read_text(encoding="utf-8")
        assert f"    - {question}  # taught by mod ({world.mod.user.id}) on " in text
        assert learned(kb_dir)["examples"] == {"where-to-watch": [question]}
        assert question in load_knowledge(kb_dir).fact("where-to-watch").questions

    # ...and survives a restart
    async with running(standin, make_settings()) as bot:
        again = await ask_and_wait(standin, world, question)
        assert again.embeds and again.embeds[0]["title"] == title("where-to-watch")

        # /faq forget takes it out again (autocomplete from the learned file)
        handle = await standin.autocomplete(
            world.guild,
            world.general,
            world.mod,
            ["faq", "forget"],
            {"question": "tv"},
            focused="question",
        )
        [choice] = await handle.wait_choices()
        assert choice["value"] == question
        gone = await world.faq_text("forget", {"question": question})
        assert gone.content.startswith(f"✅ Forgot “{question}” (it was an example of")
        # what fans now get, in plain words ("It now gets: suggest." had been the matcher's)
        now = bot.knowledge.matcher.match(question)
        assert gone.content.endswith(f"It now gets {what_it_gets(now)}."), gone.content
        assert "It now gets “" in gone.content
        assert "examples" not in learned(kb_dir)


async def test_a_fan_cannot_teach(standin: DiscordStandIn, world: World, bot, kb_dir: Path):
    for sub, options in [
        ("teach", {"question": "is it on hulu", "fact": "where-to-watch"}),
        ("unknown", {"question": "who made the music", "about": "the soundtrack"}),
        ("forget", {"question": "is it on hulu"}),
        ("stale", {}),
    ]:
        refused = await world.faq_text(sub, options, member=world.fan)
        assert refused.content == REFUSAL
    assert not (kb_dir / LEARNED_FILE).exists()


async def test_a_teaching_that_conflicts_with_another_facts_example_is_refused(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    generation = bot.knowledge.generation
    reply = await world.faq_text("teach", {"question": "who plays ballard", "fact": "cast"})
    assert reply.content == (
        "❌ “who plays ballard” is already an example of 'lead-actor' (people.yaml:11): a "
        "question is an example of one fact only; teach another wording, or `/faq forget` it "
        "there first if it was taught."
    )
    unknown_id = await world.faq_text("teach", {"question": "is it good", "fact": "nope"})
    assert unknown_id.content.startswith("❌ No fact or known unknown is called 'nope'")
    assert not (kb_dir / LEARNED_FILE).exists()
    assert bot.knowledge.generation == generation  # nothing reloaded


async def test_a_moderator_teaching_a_question_that_names_another_show_is_warned(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """The example makes the cast explain "abbott elementary": the moderator hears that
    questions about that show may now get it, and how to undo it. (Written for this test.)"""
    question = "anyone from abbott elementary in this?"
    reply = await world.faq_text("teach", {"question": question, "fact": "cast"})
    assert reply.content.startswith(f"✅ Taught “{question}” as an example of"), reply.content
    assert "⚠️ It names abbott elementary, which the answer does not mention" in reply.content
    assert "`/faq forget`" in reply.content
    assert learned(kb_dir)["examples"] == {"cast": [question]}


async def test_a_question_marked_as_known_unknown_gets_i_dont_know(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    await world.cooldowns_off()
    reply = await world.faq_text(
        "unknown",
        {"question": "who composed the score", "about": "the soundtrack and its composer"},
    )
    assert reply.content.startswith(
        "✅ Added the known unknown `the-soundtrack-and-its-composer` to `learned.yaml`"
    ), reply.content
    [entry] = learned(kb_dir)["unknowns"]
    assert entry["note"] == "the soundtrack and its composer"
    answer = await ask_and_wait(standin, world, "who composed the score")
    assert "My sources don't say anything yet about the soundtrack and its composer" in (
        answer.content
    )


async def open_queue(world: World, days: int | None = None) -> StoredMessage:
    return await world.faq_text("unanswered", {"days": days} if days else {})


async def test_the_queue_groups_wordings_includes_dms_and_remembers_dismissals(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, kb_dir: Path
):
    async with running(standin, make_settings()) as bot:
        await world.cooldowns_off()
        for n, (member, q) in enumerate(
            [
                (world.fan, "what's the theme song?"),
                (world.fan2, "who sings the theme song"),
                (world.fan, "theme song name?"),
                (world.fan2, "is ballard dubbed in french"),
            ],
            1,
        ):
            await ask_and_wait(standin, world, q, member)
            await wait_logged(standin, bot.settings.data_dir, world.guild.id, n)
        dm = await standin.send_dm(world.fan.user, "theme song name??")
        await standin.wait_for_reply(dm)
        await standin.wait_until(
            lambda: True if _logged_dms(bot) >= 1 else None,
            timeout=ANSWER_TIMEOUT,
            what="the DM to be logged",
        )

        queue = await open_queue(world)
        lines = queue.content.splitlines()
        assert "2 unanswered questions asked 5 times" in lines[0], queue.content
        assert lines[1].startswith("**1.** 4× “")  # three wordings in the server, one in a DM
        assert "1 in DMs" in queue.content
        assert str(world.fan.user.id) not in queue.content  # who asked in a DM is never shown
        assert "**2.** 1× “is ballard dubbed in french”" in queue.content

        dubbed = [c for c in queue.custom_ids() if c.startswith("ballard:rq:dis:")][1]
        pressed = await standin.click_button(queue, dubbed, world.mod)
        shown = await pressed.wait_message(ANSWER_TIMEOUT)
        assert shown.content.startswith("🗑️ Dismissed “is ballard dubbed in french” (1×).")
        assert "dubbed" not in shown.content.split("\n", 1)[1]

    # dismissed stays dismissed after a restart, and a fan can't press the buttons
    async with running(standin, make_settings()):
        fresh = await open_queue(world)
        assert "dubbed" not in fresh.content
        assert "1 unanswered question asked 4 times" in fresh.content
        # the buttons of the message shown before the restart still work
        teach = next(c for c in queue.custom_ids() if c.startswith("ballard:rq:teach:"))
        refused = await standin.select_menu(queue, teach, world.fan, ["music-and-crew"])
        assert (await refused.wait_message(ANSWER_TIMEOUT)).content == REFUSAL

        # teaching from the queue: its most asked wording goes into the learned file
        await standin.select_menu(queue, teach, world.mod, ["music-and-crew"])
        shown = await standin.wait_until(  # the message is edited a second time
            lambda: queue if queue.content.startswith("✅") else None,
            timeout=ANSWER_TIMEOUT,
            what="the queue to show the teaching",
        )
        assert shown.content.startswith("✅ Taught “theme song name??” as an example of"), (
            shown.content
        )
        assert "Now answered with “I don't know that yet” about music" in shown.content
        assert learned(kb_dir)["examples"] == {"music-and-crew": ["theme song name??"]}


def _logged_dms(bot: Any) -> int:
    import sqlite3

    from bot.client import DATABASE_NAME

    path = bot.settings.data_dir / DATABASE_NAME
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
        [(n,)] = db.execute("SELECT COUNT(*) FROM questions WHERE guild_id IS NULL")
    return n


async def test_did_you_mean_picks_become_a_proposal_to_accept(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    await world.cooldowns_off()
    fans = [world.fan, world.fan2, world.mod]
    for member in fans:
        reply = await ask_and_wait(standin, world, Q_FILMING, member)
        pick = f"ballard:pick:season2-production:{member.user.id}"
        assert pick in reply.custom_ids(), reply.custom_ids()
        pressed = await standin.click_button(reply, pick, member)
        await pressed.wait_response()
    await standin.wait_until(
        lambda: True if _picks(bot) >= 3 else None, timeout=ANSWER_TIMEOUT, what="3 picks"
    )

    queue = await open_queue(world)
    expected = (
        f"**💡 1.** Add “{Q_FILMING}” as an example of **{title('season2-production')}**? "
        f"3 fans who asked “{Q_FILMING}” picked “{title('season2-production')}”"
    )
    assert expected in queue.content, queue.content
    accept = next(c for c in queue.custom_ids() if c.startswith("ballard:rq:acc:"))
    pressed = await standin.click_button(queue, accept, world.mod)
    shown = await pressed.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith(f"✅ Taught “{Q_FILMING}” as an example of"), shown.content
    assert learned(kb_dir)["examples"] == {"season2-production": [Q_FILMING]}
    # now answered: neither a proposal nor an unanswered group any more
    assert shown.content.endswith(
        "No unanswered questions in the last 30 days. "
        "(3 questions asked earlier are answered now) 🎉"
    ), shown.content
    answer = await ask_and_wait(standin, world, Q_FILMING, world.fan)
    assert answer.embeds and answer.embeds[0]["title"] == title("season2-production")


def _picks(bot: Any, table: str = "picks") -> int:
    import sqlite3

    from bot.client import DATABASE_NAME

    path = bot.settings.data_dir / DATABASE_NAME
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
        [(n,)] = db.execute(f"SELECT COUNT(*) FROM {table}")
    return n


async def test_a_thumbs_down_then_asking_again_becomes_a_proposal(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    await world.cooldowns_off()
    first = await ask_and_wait(standin, world, "who's in it")
    assert first.embeds[0]["title"] == title("cast")
    voted = await standin.click_button(first, "ballard:fb:wrong:cast", world.fan)
    await voted.wait_message(ANSWER_TIMEOUT)
    await standin.wait_until(
        lambda: True if _picks(bot, "feedback") else None, timeout=ANSWER_TIMEOUT, what="the vote"
    )
    again = await ask_and_wait(standin, world, "who plays ballard")  # what they meant
    assert again.embeds[0]["title"] == title("lead-actor")
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 2)

    queue = await open_queue(world)
    assert (
        f"**💡 1.** Add “who's in it” as an example of **{title('lead-actor')}**? 1 fan voted 👎 "
        f"on the answer to “who's in it” and, asking again, got “{title('lead-actor')}”"
    ) in queue.content.replace("\\'", "'"), queue.content
    reject = next(c for c in queue.custom_ids() if c.startswith("ballard:rq:rej:"))
    pressed = await standin.click_button(queue, reject, world.mod)
    shown = await pressed.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith("✖️ Rejected “who")
    assert "No unanswered questions" in shown.content
    assert "💡" not in (await open_queue(world)).content  # rejected for good
    assert not (kb_dir / LEARNED_FILE).exists()


async def test_stale_facts_are_listed_and_flagged_in_answers(
    standin: DiscordStandIn, world: World, bot
):
    stale = await world.faq_text("stale")
    assert stale.content.startswith("**23 of 23 facts may be out of date** (reviewed 180 days")
    assert "• `reviews`: as of 2025-10-04, due 2026-04-02 (reception.yaml)" in stale.content
    reply = await ask_and_wait(standin, world, "what is the rotten tomatoes score")
    [embed] = reply.embeds
    assert "100% score on Rotten Tomatoes" in embed["description"]
    assert "⚠️ May be out of date" in [f["name"] for f in embed["fields"]]


async def test_stats_come_with_a_chart(standin: DiscordStandIn, world: World, bot):
    await world.cooldowns_off()
    for q in ("who plays ballard?", "s2 info", "what's the theme song?"):
        await ask_and_wait(standin, world, q)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 3)
    handle = await world.faq("stats", {"days": 14})
    text = await handle.wait_message(ANSWER_TIMEOUT)
    assert text.content.startswith("**Last 14 days**: 3 questions, 1 answered")
    reply = await handle.wait_followup(1, timeout=ANSWER_TIMEOUT * 6)  # drawn in a child
    assert reply.ephemeral and reply.content == "📈 The last 14 days"
    [upload] = [f for r in standin.requests if r.files for f in r.files]
    assert upload.filename == "stats.png"
    assert upload.data.startswith(PNG_SIGNATURE)
    assert png_size(upload.data) == (1200, 800)
    assert reply.attachments and reply.attachments[0]["filename"] == "stats.png"


async def test_a_group_becomes_a_known_unknown_from_the_queue(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    await world.cooldowns_off()
    await ask_and_wait(standin, world, "is there a ballard board game")
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    queue = await open_queue(world)
    button = next(c for c in queue.custom_ids() if c.startswith("ballard:rq:unk:"))
    opened = await standin.click_button(queue, button, world.mod)
    await opened.wait_response()
    assert opened.modal is not None
    submitted = await standin.submit_modal(opened, {"about": "games and merchandise"})
    shown = await submitted.wait_message(ANSWER_TIMEOUT)
    assert shown.ephemeral
    assert shown.content.startswith(
        "✅ Added the known unknown `games-and-merchandise` to `learned.yaml`"
    ), shown.content
    [entry] = learned(kb_dir)["unknowns"]
    assert entry["questions"] == ["is there a ballard board game"]
    again = await ask_and_wait(standin, world, "is there a ballard board game", world.fan2)
    assert "My sources don't say anything yet about games and merchandise" in again.content


async def test_a_fact_can_be_named_by_its_title(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    reply = await world.faq_text(
        "teach", {"question": "can i stream it on a plane", "fact": title("where-to-watch")}
    )
    assert reply.content.startswith("✅ Taught “can i stream it on a plane”"), reply.content
    assert learned(kb_dir)["examples"] == {"where-to-watch": ["can i stream it on a plane"]}


# a fan's question longer than a taught question may be (300 characters)
LONG_QUESTION = (
    "ok so me and my sister have been arguing about this for like a week now and neither of us "
    "can find it anywhere online, we watched the whole first season twice over the holidays and "
    "we both noticed that the house renee stays at near the beach looks really familiar, does "
    "anyone know what the actual address is or whether it is a real house you can visit?? "
    "we would love to drive past it when we visit california next summer"
)


async def test_a_long_question_in_the_queue_is_shortened_before_it_is_taught(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """The queue offered Teach and "Known unknown…" for a fan's question over 300
    characters, and both always failed ("❌ The question is longer than 300 characters").
    Each now asks for a shorter wording first, in a form holding its first 300 characters."""
    await world.cooldowns_off()
    assert len(LONG_QUESTION) > 300
    await ask_and_wait(standin, world, LONG_QUESTION)
    await ask_and_wait(standin, world, "so is the police station in the show a real place " * 7)
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 2)
    queue = await open_queue(world)
    teach = [c for c in queue.custom_ids() if c.startswith("ballard:rq:teach:")]
    unknown = [c for c in queue.custom_ids() if c.startswith("ballard:rq:unk:")]
    first = 0 if "the house renee" in queue.content.split("**2.**")[0] else 1

    opened = await standin.select_menu(queue, teach[first], world.mod, ["character-details"])
    await opened.wait_response()
    assert opened.modal is not None, "no form to shorten the question"
    [field] = _text_inputs(opened.modal)
    assert field["value"] == LONG_QUESTION[:300] and field["max_length"] == 300
    shorter = "is renee's beach house a real house you can visit"
    submitted = await standin.submit_modal(opened, {field["custom_id"]: shorter})
    shown = await submitted.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith(f"✅ Taught “{shorter}” as an example of"), shown.content
    assert learned(kb_dir)["examples"] == {"character-details": [shorter]}

    opened = await standin.click_button(queue, unknown[1 - first], world.mod)
    await opened.wait_response()
    fields = {f["custom_id"]: f for f in _text_inputs(opened.modal)}
    assert (
        fields["question"]["value"]
        == ("so is the police station in the show a real place " * 7)[:300].strip()
    )
    submitted = await standin.submit_modal(
        opened, {"question": "is the police station a real place", "about": "filming places"}
    )
    shown = await submitted.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith("✅ Added the known unknown `filming-places`"), shown.content
    assert learned(kb_dir)["unknowns"][0]["questions"] == ["is the police station a real place"]


def _text_inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
    """The text inputs of a form, as Discord received it (in rows, or in labels)."""
    found = []
    for row in modal.get("components", []):
        for item in row.get("components", []) or [row.get("component") or {}]:
            if item.get("type") == 4:
                found.append(item)
    return found


async def test_a_queued_question_can_be_taught_to_a_known_unknown_the_base_has(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """From the queue, a question could not go to a known unknown it did not already hit:
    the Teach menu listed facts only, and "Known unknown…" naming an existing one was told
    "teach the question to `music-and-crew` instead", which the menu did not offer."""
    await world.cooldowns_off()
    await ask_and_wait(standin, world, "does maggie q have kids")
    await ask_and_wait(standin, world, "who does the voice over")
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 2)
    queue = await open_queue(world)
    menus = [
        c
        for row in queue.payload["components"]
        for c in row["components"]
        if c["custom_id"].startswith("ballard:rq:teach:")
    ]
    kids = 0 if "maggie q have kids" in queue.content.split("**2.**")[0] else 1
    offered = [o["value"] for o in menus[kids]["options"]]
    assert "actors-personal" in offered, offered  # the known unknown the matcher ranks
    voice = [c for c in queue.custom_ids() if c.startswith("ballard:rq:unk:")][1 - kids]
    opened = await standin.click_button(queue, voice, world.mod)
    await opened.wait_response()
    submitted = await standin.submit_modal(opened, {"about": "music and crew"})
    shown = await submitted.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith("✅ Taught “who does the voice over” as an example of"), (
        shown.content
    )
    assert learned(kb_dir)["examples"] == {"music-and-crew": ["who does the voice over"]}
