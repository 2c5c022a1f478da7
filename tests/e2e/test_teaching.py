"""Teaching from Discord, as a moderator uses it (`/faq teach`, `/faq unknown`, the review
queue's "Known unknown…"): what would be useless or a duplicate is refused before anything is
written, saying why; what is written reads back as written. (Found by a QA session acting
as a moderator, 7 December 2026.)"""

from __future__ import annotations

from pathlib import Path

from bot.learned import LEARNED_FILE
from tests.e2e.conftest import ANSWER_TIMEOUT, World, title, wait_logged
from tests.e2e.test_curation import ask_and_wait, learned, open_queue
from tests.standin import DiscordStandIn


async def test_what_would_do_nothing_or_is_taught_already_is_not_written(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    generation = bot.knowledge.generation
    # a greeting, and a question word in markup: the example would change nothing
    greeting = await world.faq_text("teach", {"question": "hi there", "fact": "cast"})
    assert greeting.content == (
        "❌ Not taught: even as an example of 'cast', “hi there” would get the bot's courtesy "
        "reply (it reads as a greeting, which never gets a fact), so it would do nothing "
        "there: teach a wording that asks it as fans would."
    )
    for markup in ("*who", "{who}", "[who]", ">who"):
        vague = await world.faq_text("teach", {"question": markup, "fact": "lead-actor"})
        assert vague.content.startswith(
            f"❌ Not taught: even as an example of 'lead-actor', “{markup}” would get “I "
            "don't know that yet” (it reads as chatter or is too vague"
        ), vague.content
    # /faq unknown for a known unknown's example says what it gets, where it is
    music = await world.faq_text(
        "unknown", {"question": "who composed the music", "about": "the soundtrack"}
    )
    assert music.content == (
        "❌ “who composed the music” is already an example of the known unknown "
        "`music-and-crew` (unknowns.yaml:124): it already gets “I don't know that yet”."
    )
    assert not (kb_dir / LEARNED_FILE).exists()
    assert bot.knowledge.generation == generation  # nothing reloaded

    # a fact named in capitals, with a space for its hyphen, or by its title in lower case
    for n, named in enumerate(("LEAD ACTOR", " lead-actor ", "who plays renee ballard")):
        question = f"who is the boss lady {n}"
        taught = await world.faq_text("teach", {"question": question, "fact": named})
        assert taught.content.startswith(
            f"✅ Taught “{question}” as an example of **{title('lead-actor')}** (`lead-actor`)"
        ), taught.content
    wrong = await world.faq_text("teach", {"question": "who is the boss", "fact": "lead actors"})
    assert wrong.content == (
        "❌ No fact or known unknown is called 'lead actors'. Did you mean `lead-actor`?"
    )
    # the same question in other words is an example already, as the shipped ones are
    again = await world.faq_text("teach", {"question": "Who is the boss lady 0?", "fact": "cast"})
    assert again.content.startswith(
        "❌ “Who is the boss lady 0?” is already an example of 'lead-actor' as “who is the "
        "boss lady 0” (learned.yaml:"
    ), again.content
    assert learned(kb_dir)["examples"] == {
        "lead-actor": [f"who is the boss lady {n}" for n in range(3)]
    }


async def test_words_yaml_reads_as_true_or_false_are_taught_as_written(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """`/faq unknown about:off` had been refused: "`off` is read as false: put it in quotes"."""
    reply = await world.faq_text(
        "unknown", {"question": "is there a ballard podcast", "about": "off"}
    )
    assert reply.content.startswith("✅ Added the known unknown `off` to `learned.yaml`"), (
        reply.content
    )
    [entry] = learned(kb_dir)["unknowns"]
    assert (entry["id"], entry["note"]) == ("off", "off")


async def test_a_known_unknown_made_from_the_queue_takes_a_close_call_from_the_facts(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """ "what else has maggie q been in" gets a "did you mean" of the lead actor, whose fact
    explains the name and nothing else. Made a known unknown from the queue, it had been
    refused as doing nothing (the fact kept it): a known unknown's example question is now
    the moderator's word, as a fact's is, so it is written, fans asking it are told what is
    not known, and it leaves the queue. (Before, a greeting-free, all-names question taught
    to a known unknown stayed a "did you mean" for good.)"""
    await world.cooldowns_off()
    asked = "what else has maggie q been in"
    first = await ask_and_wait(standin, world, asked)
    assert first.content.startswith("I'm not sure which of these you mean"), first.content
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    queue = await open_queue(world)
    button = next(c for c in queue.custom_ids() if c.startswith("ballard:rq:unk:"))
    opened = await standin.click_button(queue, button, world.mod)
    await opened.wait_response()
    submitted = await standin.submit_modal(opened, {"about": "maggie q's other roles"})
    shown = await submitted.wait_message(ANSWER_TIMEOUT)
    assert shown.content.startswith(
        "✅ Added the known unknown `maggie-q-s-other-roles` to `learned.yaml`"
    ), shown.content
    [entry] = learned(kb_dir)["unknowns"]
    assert entry["questions"] == [asked]
    again = await ask_and_wait(standin, world, "What else has Maggie Q been in?", world.fan2)
    assert "My sources don't say anything yet about maggie q's other roles" in again.content
    # the lead actor's own questions keep their fact
    lead = await ask_and_wait(standin, world, "who plays ballard", world.fan2)
    assert lead.embeds and lead.embeds[0]["title"] == title("lead-actor")


async def test_unknown_names_the_known_unknown_a_note_repeats_and_keeps_emoji_apart(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """`about:"Trailers"` and `about:"the trailers"` had added `trailers` and `the-trailers`
    beside the shipped `trailer`; `about:"🎮"` had made the id `unknown`, and "🎲" and "漫画"
    were then refused as it (a QA session). The first two are refused naming `trailer`;
    each emoji or CJK note gets a known unknown, and id, of its own."""
    for about in ("Trailers", "the trailers"):
        reply = await world.faq_text(
            "unknown", {"question": "any sneak peek clips for s2", "about": about}
        )
        assert reply.content == (
            "❌ A known unknown about trailers, teasers and first looks (`trailer`) exists: "
            "teach the question to `trailer` instead."
        ), reply.content
    assert not (kb_dir / LEARNED_FILE).exists()
    made = []
    for about, thing in (("🎮", "video game"), ("🎲", "board game"), ("漫画", "comic")):
        question = f"is there a ballard {thing}"
        reply = await world.faq_text("unknown", {"question": question, "about": about})
        assert reply.content.startswith("✅ Added the known unknown `unknown-"), reply.content
        made.append(reply.content.split("`")[1])
    assert len(set(made)) == 3
    assert [e["note"] for e in learned(kb_dir)["unknowns"]] == ["🎮", "🎲", "漫画"]
    again = await world.faq_text("unknown", {"question": "any ballard dice game", "about": "🎲"})
    assert again.content == (
        f"❌ A known unknown about 🎲 (`{made[1]}`) exists: teach the question to "
        f"`{made[1]}` instead."
    )


async def test_forget_finds_a_question_in_the_wording_teaching_refused(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """/faq teach refuses "Who is the boss lady?" beside the taught "who is the boss lady";
    /faq forget had said it "is not in learned.yaml" (a QA session). It forgets that line,
    and says it as written."""
    await world.faq_text("teach", {"question": "who is the boss lady", "fact": "lead-actor"})
    again = await world.faq_text("teach", {"question": "Who is the boss lady?", "fact": "cast"})
    assert again.content.startswith("❌ “Who is the boss lady?” is already an example of")
    gone = await world.faq_text("forget", {"question": "Who is the boss lady?"})
    assert gone.content.startswith(
        "✅ Forgot “who is the boss lady” (it was an example of `lead-actor`)."
    ), gone.content
    assert "boss lady" not in (kb_dir / LEARNED_FILE).read_text(encoding="utf-8")


async def test_a_long_taught_question_picked_from_autocomplete_is_forgotten(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """A choice's value holds 100 characters: a taught question longer than that, picked
    from /faq forget's list, had been sent cut and refused ("… is not in learned.yaml")."""
    start = "so i was wondering whether the streaming platform that carries ballard in my country "
    long = [
        start + "also offers the show dubbed in spanish for my grandmother who does not read well",
        start + "also offers the show dubbed in spanish for my grandfather who does not read well",
    ]
    for question in long:
        taught = await world.faq_text("teach", {"question": question, "fact": "where-to-watch"})
        assert taught.content.startswith("✅"), taught.content
    listed = await standin.autocomplete(
        world.guild,
        world.general,
        world.mod,
        ["faq", "forget"],
        {"question": "grandfather"},
        focused="question",
    )
    [choice] = await listed.wait_choices()
    assert len(choice["value"]) <= 100 and len(choice["name"]) <= 100
    gone = await world.faq_text("forget", {"question": choice["value"]})
    assert gone.content.startswith(f"✅ Forgot “{long[1][:150]}"), gone.content
    assert learned(kb_dir)["examples"]["where-to-watch"] == [long[0]]


async def test_autocomplete_lists_nothing_to_a_fan(
    standin: DiscordStandIn, world: World, bot, kb_dir: Path
):
    """A fan typing `/faq teach` or `/faq forget` had got the list of facts and every taught
    question with its fact (the command itself refuses them)."""
    taught = await world.faq_text("teach", {"question": "is it on hulu", "fact": "where-to-watch"})
    assert taught.content.startswith("✅"), taught.content
    for member, expected in ((world.fan, False), (world.mod, True)):
        facts = await standin.autocomplete(
            world.guild,
            world.general,
            member,
            ["faq", "teach"],
            {"question": "is it on tubi", "fact": ""},
            focused="fact",
        )
        questions = await standin.autocomplete(
            world.guild,
            world.general,
            member,
            ["faq", "forget"],
            {"question": ""},
            focused="question",
        )
        assert bool(await facts.wait_choices()) is expected
        assert bool(await questions.wait_choices()) is expected


async def test_teaching_a_question_another_fact_answered_says_so(
    standin: DiscordStandIn, world: World, bot
):
    """ "is it on prime" taught to the cast (a slip of autocomplete): the reply says fans got
    where to watch before, and how to undo it."""
    taught = await world.faq_text("teach", {"question": "is it on prime", "fact": "cast"})
    assert taught.content.startswith("✅ Taught “is it on prime” as an example of"), taught.content
    assert (
        "⚠️ Before, it was answered with “Where can I watch Ballard?”. If that answer was "
        "right, `/faq forget` this question."
    ) in taught.content
    forgot = await world.faq_text("forget", {"question": "is it on prime"})
    assert forgot.content.startswith("✅ Forgot “is it on prime”")
    assert "It now gets “Where can I watch Ballard?”." in forgot.content
