"""Fans ask about Ballard: mentions, replies, DMs, /ask, /facts, buttons, auto-answer."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.exts.answers import SEEN
from bot.render import (
    COURTESY_REPLIES,
    ENGLISH_ONLY,
    GREETING,
    NO_MATCH,
    REMARK_REPLIES,
    STATUS_LABELS,
    TOPICS_HINT,
    human_date,
)
from tests.e2e.conftest import (
    ANSWER_TIMEOUT,
    MakeSettings,
    World,
    assert_silent,
    fact,
    logged_questions,
    running,
    title,
    wait_logged,
    wait_reacted,
)
from tests.standin import DiscordStandIn, Member, StandinTimeout, StoredMessage

NO_PINGS = {"parse": [], "replied_user": False}
LEAD_ACTOR = title("lead-actor")


def feedback_ids(fact_id: str) -> list[str]:
    return [f"ballard:fb:{kind}:{fact_id}" for kind in ("helpful", "wrong", "outdated")]


def assert_answer(reply: StoredMessage, title: str, fact_id: str) -> None:
    """One answer embed (title, text, source, status and as-of) with its feedback buttons,
    pinging nobody."""
    assert reply.content == ""
    [embed] = reply.embeds
    assert embed["title"] == title
    assert embed["description"].strip()
    # the source, and (once past its review date) a note that it may be out of date
    source, *stale = embed["fields"]
    assert source["name"] in ("Source", "Sources") and source["value"].strip()
    assert [f["name"] for f in stale] in ([], ["⚠️ May be out of date"])
    assert " · as of " in embed["footer"]["text"]
    assert reply.custom_ids() == feedback_ids(fact_id)
    assert reply.allowed_mentions is not None and reply.allowed_mentions["parse"] == []
    assert not reply.allowed_mentions.get("replied_user")


async def test_mention_is_answered_with_an_embed(standin: DiscordStandIn, world: World, bot):
    asked = await world.ask("who plays ballard?")
    reply = await standin.wait_for_reply(asked)
    assert_answer(reply, LEAD_ACTOR, "lead-actor")
    assert reply.allowed_mentions == NO_PINGS
    assert reply.reference_id == asked.id and reply.channel_id == world.general.id
    lead = fact("lead-actor")
    assert reply.embeds[0]["description"].startswith(lead.answer)
    footer = f"{STATUS_LABELS[lead.status]} · as of {human_date(lead.as_of)}"
    assert reply.embeds[0]["footer"]["text"] == footer
    assert standin.replies_to(asked) == [reply]


async def test_the_bots_name_typed_after_an_at_sign_asks_it(
    standin: DiscordStandIn, world: World, bot
):
    # Typed without picking the bot from Discord's autocomplete: plain text, no mention.
    asked = await standin.send_message(world.general, world.fan, "@Ballard Bot who plays ballard?")
    assert asked.payload["mentions"] == []
    assert_answer(await standin.wait_for_reply(asked), LEAD_ACTOR, "lead-actor")
    # in any case and place, and the name is not read as part of the question
    later = await standin.send_message(
        world.general, world.fan2, "when does season 2 come out @ballard bot"
    )
    [embed] = (await standin.wait_for_reply(later)).embeds
    assert embed["title"] == title("season2-release-date")
    # another name, or the bot's run on into a longer word, asks nobody
    other = await standin.send_message(world.general, world.fan, "@fan2 who plays ballard?")
    longer = await standin.send_message(world.general, world.fan, "@Ballard Botanist who?")
    await assert_silent(standin, other)
    assert standin.replies_to(longer) == []


async def test_reply_to_the_bot_is_answered(standin: DiscordStandIn, world: World, bot):
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    # A plain reply (no ping): the bot is not in the mentions, the reply alone triggers it.
    follow_up = await standin.send_message(
        world.general, world.fan2, "where can i watch it?", reference=answer, mention_author=False
    )
    assert follow_up.payload["mentions"] == []
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("where-to-watch"), "where-to-watch")
    assert reply.reference_id == follow_up.id


async def test_a_reply_to_an_answer_asks_in_its_light(standin: DiscordStandIn, world: World, bot):
    """ "when does it come out?" alone is the premiere; replying to the renewal's answer, it
    asks when season 2 comes out (the answer's feedback buttons say what it answered)."""
    answer = await (await world.ask("is ballard renewed?")).wait_reply()
    assert_answer(answer, title("season2-renewal"), "season2-renewal")
    follow_up = await standin.send_message(
        world.general, world.fan2, "when does it come out?", reference=answer, mention_author=False
    )
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    # (asked by a member the bot has not just answered: see bot/exts/_context.py)
    alone = await (await world.ask("when does it come out?", author=world.mod)).wait_reply()
    assert_answer(alone, title("season1-premiere"), "season1-premiere")


async def test_a_reply_to_a_did_you_mean_asks_in_its_light(
    standin: DiscordStandIn, world: World, bot
):
    """ "release date" alone is the premiere's; replying to a "did you mean" that offered
    season 2's facts (its buttons say which), it is season 2's (a helper session testing as
    fans had got the premiere)."""
    offer = await (await world.ask("s2 info")).wait_reply()
    assert "season2-release-date" in " ".join(offer.custom_ids())
    follow_up = await standin.send_message(
        world.general, world.fan, "release date", reference=offer, mention_author=False
    )
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")


async def test_calling_the_bot_under_a_members_question_asks_it_that(
    standin: DiscordStandIn, world: World, bot
):
    """ "@bot" in reply to another member's question asks the bot that question, and "@bot
    any idea?" asks it as quoted (a helper session testing as fans had got the greeting)."""
    theirs = await standin.send_message(world.general, world.fan2, "when is s2 coming out?")
    await assert_silent(standin, theirs)  # (not asked of the bot)
    called = await standin.send_message(
        world.general, world.fan, f"{world.me}", reference=theirs, mention_author=False
    )
    reply = await standin.wait_for_reply(called)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    asking = await standin.send_message(
        world.general, world.fan, f"{world.me} any idea?", reference=theirs, mention_author=False
    )
    reply = await standin.wait_for_reply(asking)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    # ...and the member's own question is theirs to ask
    own = await standin.send_message(
        world.general, world.fan, f"{world.me} who plays ballard?", reference=theirs
    )
    assert_answer(await standin.wait_for_reply(own), LEAD_ACTOR, "lead-actor")


async def test_a_question_about_it_under_a_members_question_asks_in_its_light(
    standin: DiscordStandIn, world: World, bot
):
    """ "@bot when does it come out then" in reply to a member's "is ballard renewed?" asks
    when season 2 comes out (the member's question is quoted above it, and what the quote
    is answered with says what "it" is); it had got the season 1 premiere."""
    theirs = await standin.send_message(world.general, world.fan2, "is ballard renewed?")
    await assert_silent(standin, theirs)  # (not asked of the bot)
    asking = await standin.send_message(
        world.general,
        world.fan,
        f"{world.me} when does it come out then",
        reference=theirs,
        mention_author=False,
    )
    reply = await standin.wait_for_reply(asking)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")


async def test_a_forum_posts_title_is_read_with_its_first_message(
    standin: DiscordStandIn, world: World, bot
):
    """A forum post's title is often the question ("Season 2 release date?" over "been
    waiting forever lol"), or says what the post asks about ("Ballard S2" over "when does it
    come out?"): the bot had read the first message alone, and stayed silent on the first
    and answered the premiere to the second. Later messages in the post are read alone."""
    forum = standin.add_forum_channel(world.guild, "ballard-questions")
    await world.faq_text("autoanswer", {"channel": forum, "enabled": True})
    for heading, first in (
        ("Season 2 release date?", "been waiting forever lol"),
        ("Ballard S2", "when does it come out?"),
    ):
        post, starter = standin.add_forum_post(forum, world.fan2, heading, first)
        answer = await standin.wait_for_reply(starter)
        assert answer.channel_id == post.id
        assert_answer(answer, title("season2-release-date"), "season2-release-date")
    # ...a title that says nothing of its own changes nothing
    post, starter = standin.add_forum_post(forum, world.fan2, "Question", "where can i watch it?")
    answer = await standin.wait_for_reply(starter)
    assert_answer(answer, title("where-to-watch"), "where-to-watch")
    # ...and a later message of the post is read on its own ("ballard s2" is not said again)
    later = await standin.send_message(post, world.fan, "when does it come out?")
    reply = await standin.wait_for_reply(later)
    assert_answer(reply, title("season1-premiere"), "season1-premiere")
    # ...and a post asking what the base knows it does not know is told so (it had got
    # silence: a QA session found it)
    post, starter = standin.add_forum_post(forum, world.fan, "Question", "is there a trailer")
    told = await standin.wait_for_reply(starter)
    assert told.channel_id == post.id and "trailers, teasers and first looks" in told.content


async def test_that_is_wrong_in_reply_to_an_answer_is_told_how_to_report_it(
    standin: DiscordStandIn, world: World, bot
):
    """ "that's wrong" in reply to an answer is said to the bot (a helper session testing as
    fans had got silence): it is told about the 👎 button, once a minute."""
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    wrong = await standin.send_message(
        world.general, world.fan2, "that's wrong", reference=answer, mention_author=False
    )
    told = await standin.wait_for_reply(wrong)
    assert told.content == COURTESY_REPLIES["wrong"] and "👎" in told.content
    again = await standin.send_message(
        world.general, world.fan2, "not true", reference=answer, mention_author=False
    )
    await wait_reacted(standin, again, SEEN)  # (told once a minute; heard all the same)
    await assert_silent(standin, again)
    # "are you sure?" is asked: told what the answer rests on, and the same button
    sure = await standin.send_message(
        world.general, world.fan, "are you sure?", reference=answer, mention_author=False
    )
    told = await standin.wait_for_reply(sure)
    assert told.content == COURTESY_REPLIES["doubt"] and "👎" in told.content


async def test_a_did_you_mean_answered_by_its_number_gets_that_answer(
    standin: DiscordStandIn, world: World, bot
):
    """ "the second one" in reply to a "did you mean" is its second choice, as its button
    is (a helper session testing as fans had got silence)."""
    offer = await (await world.ask("s2 info")).wait_reply()
    second = [i for i in offer.custom_ids() if i.startswith("ballard:pick:")][1]
    fact_id = second.split(":")[2]
    pick = await standin.send_message(
        world.general, world.fan, "the second one", reference=offer, mention_author=False
    )
    assert_answer(await standin.wait_for_reply(pick), title(fact_id), fact_id)


async def test_source_in_reply_to_an_answer_gets_where_it_comes_from(
    standin: DiscordStandIn, world: World, bot
):
    """ "source?" in reply to an answer gets its sources, each once (a helper session
    testing as fans had got a "did you mean" about the books)."""
    answer = await (await world.ask("who plays ballard and where can i watch it")).wait_reply()
    asked = await standin.send_message(
        world.general, world.fan2, "source?", reference=answer, mention_author=False
    )
    reply = await standin.wait_for_reply(asked)
    kb = bot.knowledge.kb
    cited = {
        s.citation() for f in ("lead-actor", "where-to-watch") for s in kb.sources_of(kb.fact(f))
    }
    lines = reply.content.splitlines()
    assert lines[0] == "That answer comes from:"
    assert sorted(lines[1:]) == sorted(f"• {c}" for c in cited) and not reply.embeds


async def test_source_or_a_remark_said_right_after_an_answer_is_of_that_answer(
    standin: DiscordStandIn, world: World, bot
):
    """ "@bot source?" or "@bot this is outdated" said right after an answer, without
    replying to it, speak of it as a reply does (they had gone to the matcher as questions
    of their own: a helper session left it); another member's, about no answer of theirs,
    is a question."""
    await world.cooldowns_off()
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    assert answer.embeds
    asked = await world.ask("source?")
    reply = await standin.wait_for_reply(asked)
    kb = bot.knowledge.kb
    cited = sorted(f"• {s.citation()}" for s in kb.sources_of(kb.fact("lead-actor")))
    first, *lines = reply.content.splitlines()
    assert first == "That answer comes from:" and sorted(lines) == cited
    remark = await world.ask("this is outdated")
    told = await standin.wait_for_reply(remark)
    assert told.content == REMARK_REPLIES["outdated"]
    theirs = await world.ask("source?", author=world.fan2)
    assert (await standin.wait_for_reply(theirs)).content != reply.content


async def test_thanks_in_reply_to_an_answer_gets_a_reaction_not_an_answer(
    standin: DiscordStandIn, world: World, bot
):
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    thanks = await standin.send_message(
        world.general, world.fan2, "thanks!", reference=answer, mention_author=False
    )
    await wait_reacted(standin, thanks, SEEN)
    await assert_silent(standin, thanks)


async def test_thanks_in_a_pinging_reply_gets_a_reaction_not_an_answer(
    standin: DiscordStandIn, world: World, bot
):
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    # Discord's client pings the author of the message replied to unless the user turns
    # it off, so the bot is in `mentions` of nearly every reply it gets.
    thanks = await standin.send_message(world.general, world.fan2, "thanks!", reference=answer)
    assert [m["id"] for m in thanks.payload["mentions"]] == [str(standin.bot_user.id)]
    await wait_reacted(standin, thanks, SEEN)
    await assert_silent(standin, thanks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("season 2 release date", "season2-release-date"),
        ("thanks, loved titus welliver in it", None),
    ],
)
async def test_a_reply_that_is_not_a_question_gets_what_it_names_or_a_reaction(
    standin: DiscordStandIn, world: World, bot, text: str, expected: str | None
):
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    follow_up = await standin.send_message(world.general, world.fan2, text, reference=answer)
    if expected is None:
        await wait_reacted(standin, follow_up, SEEN)
        await assert_silent(standin, follow_up)
    else:
        reply = await standin.wait_for_reply(follow_up)
        assert_answer(reply, title(expected), expected)


async def test_direct_message_is_answered(standin: DiscordStandIn, world: World, bot):
    asked = await standin.send_dm(world.fan, "when does season 2 come out?")
    reply = await standin.wait_for_reply(asked)
    assert reply.guild_id is None and reply.channel_id == standin.dm_channel(world.fan).id
    assert_answer(reply, title("season2-release-date"), "season2-release-date")


async def test_a_bare_mention_gets_a_greeting(standin: DiscordStandIn, world: World, bot):
    reply = await standin.wait_for_reply(await world.ask(""))
    assert reply.content.startswith("Hi! Ask me anything about Ballard.")
    assert TOPICS_HINT in reply.content and reply.allowed_mentions == NO_PINGS


async def test_thanks_and_hello_said_to_the_bot_get_a_courtesy_and_stay_off_the_log(
    standin: DiscordStandIn, world: World, bot
):
    said = {
        "thanks so much!! 🙏": COURTESY_REPLIES["thanks"],
        "good bot": COURTESY_REPLIES["praise"],
        "hi there": GREETING,
        "👍": COURTESY_REPLIES["reaction"],
    }
    for text, expected in said.items():
        reply = await standin.wait_for_reply(await world.ask(text))
        assert reply.content == expected and reply.allowed_mentions == NO_PINGS
        assert NO_MATCH not in reply.content
    # "what can you do?" gets the help, and how to ask in Discord
    reply = await standin.wait_for_reply(await world.ask("what can you do?"))
    assert reply.content.startswith(TOPICS_HINT) and "`/ask`" in reply.content
    assert "`/facts`" in reply.content and NO_MATCH not in reply.content
    # the same courtesy again within a minute: heard once is enough, no flood of replies
    await assert_silent(standin, await world.ask("thanks!"))
    dm = await standin.send_dm(world.fan2, "ty!")
    assert (await standin.wait_for_reply(dm)).content == COURTESY_REPLIES["thanks"]
    # courtesies cost no question: the member's three questions in a row are all answered,
    # and logged, while the courtesies before them never were
    for question in ("is there a season 3?", "who plays ballard?", "where can i watch it?"):
        reply = await standin.wait_for_reply(await world.ask(question))
        assert "asking quickly" not in reply.content
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 3)
    assert logged_questions(bot.settings.data_dir, world.guild.id) == 3
    report = await world.faq_text("unanswered")
    assert "season 3" in report.content
    assert not any(word in report.content for word in ("thanks", "good bot", "hi there"))


async def test_a_reaction_that_names_a_fact_gets_a_reaction_back(
    standin: DiscordStandIn, world: World, bot
):
    """ "@bot lol the showrunners" reacts to the show, it asks nothing: a 🙂, not the
    showrunners' answer, and nothing for the unanswered list; a question with the same
    laugh is answered."""
    reply = await standin.wait_for_reply(await world.ask("lol the showrunners 💀"))
    assert reply.content == COURTESY_REPLIES["reaction"] and reply.embeds == []
    asked = await world.ask("lol who are the showrunners?", author=world.fan2)
    answer = await standin.wait_for_reply(asked)
    assert_answer(answer, title("showrunners"), "showrunners")
    await wait_logged(standin, bot.settings.data_dir, world.guild.id, 1)
    assert logged_questions(bot.settings.data_dir, world.guild.id) == 1


async def test_two_questions_in_one_message_get_two_answers(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("who plays ballard and where can i watch it")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds] == [LEAD_ACTOR, title("where-to-watch")]
    # one row of feedback buttons per answer, numbered like the embeds
    assert [len(row["components"]) for row in reply.components] == [3, 3]
    assert reply.custom_ids() == feedback_ids("lead-actor") + feedback_ids("where-to-watch")
    labels = [b["label"] for row in reply.components for b in row["components"]]
    assert labels[0] == "Helpful (1)" and labels[3] == "Helpful (2)"
    assert len(standin.bot_messages_in(world.general)) == 1


async def test_a_question_the_sources_cannot_answer_is_not_dropped_beside_an_answer(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("who plays ballard and will there be a season 3")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds] == [LEAD_ACTOR]
    assert reply.content == (
        "About “will there be a season 3”: I don't know that yet. My sources don't say "
        "anything yet about a third season."
    )
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}


async def test_a_list_of_questions_and_a_run_on_get_an_answer_each(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("1. who plays ballard\n2. where can i watch it\n3. is there a season 3")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds] == [LEAD_ACTOR, title("where-to-watch")]
    assert reply.content.startswith("About “is there a season 3”: I don't know that yet.")

    run_on = await world.ask("is bosch in it is it on prime", author=world.fan2)
    reply = await standin.wait_for_reply(run_on)
    assert [e["title"] for e in reply.embeds] == [
        title("bosch-appearance"),
        title("where-to-watch"),
    ]


async def test_a_message_keeps_its_lines(standin: DiscordStandIn, world: World, bot):
    """A fan's lines stay lines (the mention taken out had joined them into one): each
    question on a line of its own is one, and a quoted line is a quote (a helper session
    testing as fans: the premiere had been neither answered nor mentioned)."""
    asked = await world.ask("\nwho plays ballard\nwhen did it premiere\nwho produces it")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds] == [
        LEAD_ACTOR,
        title("season1-premiere"),
        title("producers"),
    ]
    quoting = await world.ask("\n> when is season 2 coming out\nanyone know?", author=world.fan2)
    reply = await standin.wait_for_reply(quoting)
    assert [e["title"] for e in reply.embeds] == [title("season2-release-date")]


async def test_a_wall_of_questions_gets_answers_to_the_first_and_a_word_about_the_rest(
    standin: DiscordStandIn, world: World, bot
):
    questions = [
        "who plays ballard",
        "where can i watch it",
        "when does season 2 come out",
        "is bosch in it",
        "who are the showrunners",
        "what is it about",
        "how did season 1 end",
        "who else is in the cast",
        "where do they film season 2",
        "what books is it based on",
        "how many people watched it",
        "what did the critics say",
    ]
    asked = await world.ask("? ".join(questions) + "?")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds][:2] == [LEAD_ACTOR, title("where-to-watch")]
    assert len(reply.embeds) == 3  # Discord's budget for one message
    # the answers past the third are named, and the questions past the tenth counted
    first, *_, last = reply.content.splitlines()
    assert first.startswith("I have more answers than fit in one message: ask me these on")
    assert "“Who are the showrunners?”" in first and "“Who plays Renee Ballard?”" not in first
    assert last.endswith("Ask me the other 2 questions in another message.")
    assert len(standin.bot_messages_in(world.general)) == 1


LONG_ANSWER = ("Maggie Q leads the cast as Renee Ballard. " * 40)[:1490]
ARTICLE = "https://www.example.com/news/tv/ballard-season-2-renewed-maggie-q-bosch-spinoff-prime"


def _lengthen(path: Path, fact_id: str) -> None:
    """A fact's answer made as long as validate allows (1,500 characters, nearly)."""
    text = path.read_text(encoding="utf-8")
    entry = rf"(  - id: {fact_id}\n(?:    (?!answer).*\n)*    answer: >-\n)(?:      .*\n)+"
    text, found = re.subn(entry, lambda m: f"{m[1]}      {LONG_ANSWER}\n", text)
    assert found == 1, fact_id
    path.write_text(text, encoding="utf-8")


async def test_long_answers_to_several_questions_fit_in_one_message(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, kb_dir: Path
):
    """Three answers of nearly 1,500 characters, citing sources with their links, had made
    a reply over Discord's 6,000 characters for a message's embeds together: Discord
    refused it, and the fan asking three questions got no answer at all. The answers that
    fit are sent, and the others named, to ask on their own."""
    _lengthen(kb_dir / "people.yaml", "lead-actor")
    _lengthen(kb_dir / "people.yaml", "cast")
    _lengthen(kb_dir / "show.yaml", "where-to-watch")
    sources = kb_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    for day in ("2025-10-06", "2025-10-04"):
        text = text.replace(f"    date: {day}", f"    date: {day}\n    url: {ARTICLE}/{day}")
    sources.write_text(text, encoding="utf-8")
    async with running(standin, make_settings()):
        asked = await world.ask("who plays ballard? who else is in the cast? where can i watch it?")
        reply = await standin.wait_for_reply(asked)
        assert [e["title"] for e in reply.embeds] == [LEAD_ACTOR, title("cast")]
        assert reply.content == (
            "I have more answers than fit in one message: ask me these on their own: "
            f"“{title('where-to-watch')}”."
        )
    standin.assert_clean()


async def test_a_fact_named_by_a_long_question_is_answered(
    standin: DiscordStandIn, world: World, make_settings: MakeSettings, kb_dir: Path
):
    """A fact without a title is named by its first example question, which may hold 300
    characters: one over 256 made every answer's embed title longer than Discord takes, and
    Discord refused each answer to that fact (validate had said OK). The title is cut."""
    people = kb_dir / "people.yaml"
    long = (
        "so i was wondering, and please bear with me here because i have been thinking about "
        "this for a really long time after binge watching the whole first season twice over "
        "the holidays with my family, who exactly is the actress that plays detective renee "
        "ballard in the series"
    )
    text = people.read_text(encoding="utf-8").replace(f'    title: "{LEAD_ACTOR}"\n', "", 1)
    text = text.replace(
        "      - who plays ballard\n", f"      - {long}\n      - who plays ballard\n"
    )
    people.write_text(text, encoding="utf-8")
    async with running(standin, make_settings()):
        reply = await standin.wait_for_reply(await world.ask("who plays ballard?"))
        [embed] = reply.embeds
        assert len(embed["title"]) == 256 and embed["title"].endswith("…")
        assert embed["description"] == fact("lead-actor").answer
    standin.assert_clean()


async def test_a_close_call_beside_an_answer_offers_its_choices_and_keeps_the_answer(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("where can i watch it? whats the deal with season 2?")
    reply = await standin.wait_for_reply(asked)
    assert [e["title"] for e in reply.embeds] == [title("where-to-watch")]
    assert reply.content.startswith("About “whats the deal with season 2”: did you mean ")
    picks = [c for c in reply.custom_ids() if c.startswith("ballard:pick:")]
    assert picks and all(c.endswith(f":{world.fan.user.id}") for c in picks)
    clicked = await standin.click_button(reply, picks[0], world.fan)
    private = await clicked.wait_message(ANSWER_TIMEOUT)
    assert private.ephemeral and private.embeds  # answered beside, not in place of, the answer
    assert [e["title"] for e in reply.embeds] == [title("where-to-watch")]


async def test_a_close_call_beside_a_question_the_sources_cannot_answer_is_offered(
    standin: DiscordStandIn, world: World, bot
):
    # neither question gets an answer: the fan hears about both, and can pick the first's
    # ("what was the premiere date? …" until the second admin batch made it an answer)
    asked = await world.ask("when did season 1 land? how long are the episodes?")
    reply = await standin.wait_for_reply(asked)
    first, second = reply.content.splitlines()[:2]
    assert first.startswith("I don't know that yet. My sources don't say anything yet about")
    assert second.startswith("About `when did season 1 land`: did you mean ")
    picks = [c for c in reply.custom_ids() if c.startswith("ballard:pick:season1-premiere")]
    assert picks and all(c.endswith(f":{world.fan.user.id}") for c in picks)
    clicked = await standin.click_button(reply, picks[0], world.fan)
    assert (await clicked.wait_message(ANSWER_TIMEOUT)).embeds


async def test_close_call_offers_choices_and_a_click_answers(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("s2 info")
    offer = await standin.wait_for_reply(asked)
    assert offer.content == "I'm not sure which of these you mean:" and offer.embeds == []
    picks = offer.custom_ids()
    assert 2 <= len(picks) <= 3 and all(p.startswith("ballard:pick:season2-") for p in picks)
    assert f"ballard:pick:season2-release-date:{world.fan.user.id}" in picks

    clicked = await standin.click_button(
        offer, f"ballard:pick:season2-release-date:{world.fan.user.id}", world.fan
    )
    updated = await clicked.wait_message(ANSWER_TIMEOUT)
    assert clicked.callback.type == 7  # the message itself turns into the answer
    assert updated is offer
    assert_answer(offer, title("season2-release-date"), "season2-release-date")
    assert len(standin.bot_messages_in(world.general)) == 1


async def test_a_question_wrapped_in_chat_gets_its_did_you_mean_or_its_unknown(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask(  # ("…did amazon say when season 2 comes out?…" until the
        # second admin batch made it an answer)
        "ok random but my book club just picked the late show. what's the latest on more "
        "episodes? we want to time it right"
    )
    offer = await standin.wait_for_reply(asked)
    assert offer.content == "I'm not sure which of these you mean:" and offer.embeds == []
    assert f"ballard:pick:season2-release-date:{world.fan.user.id}" in offer.custom_ids()

    unknown = await world.ask(
        "long week at work lol. will there be a season 3? my dad only watches for harry",
        author=world.fan2,
    )
    reply = await standin.wait_for_reply(unknown)
    assert reply.content.startswith(NO_MATCH) and "a third season" in reply.content


async def test_out_of_scope_says_what_it_can_answer(standin: DiscordStandIn, world: World, bot):
    asked = await world.ask("is there a season 3?")
    reply = await standin.wait_for_reply(asked)
    assert reply.content.startswith(NO_MATCH)
    assert "a third season" in reply.content  # the known unknown's note
    assert TOPICS_HINT in reply.content
    assert reply.embeds == [] and reply.components == []
    assert reply.allowed_mentions == NO_PINGS

    weather = await world.ask("what's the weather like today?", author=world.fan2)
    reply = await standin.wait_for_reply(weather)
    assert reply.content.startswith(NO_MATCH) and TOPICS_HINT in reply.content


async def test_auto_answer_channel_answers_confident_questions_only(
    standin: DiscordStandIn, world: World, bot
):
    done = await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    assert done.content.startswith("OK: I will now answer questions in")
    assert f"<#{world.questions.id}>" in done.content

    asked = await standin.send_message(world.questions, world.fan, "who plays ballard?")
    reply = await standin.wait_for_reply(asked)
    assert_answer(reply, LEAD_ACTOR, "lead-actor")

    # chatter and a close call (not confident enough to speak unasked): nothing at all
    chatter = await standin.send_message(world.questions, world.fan2, "haha great show")
    await standin.send_message(world.questions, world.fan2, "anyone watching tonight?")
    await standin.send_message(world.questions, world.mod, "s2 info")
    await standin.send_message(world.questions, world.fan2, "lol season 3 when")
    await assert_silent(standin, chatter)
    assert len(standin.bot_messages_in(world.questions)) == 1

    # what the base knows it does not know, asked plainly: said so (it had been silent, as
    # if nobody had asked; a QA session found it)
    unknown = await standin.send_message(world.questions, world.fan2, "is there a season 3?")
    reply = await standin.wait_for_reply(unknown)
    assert reply.content.startswith(f"{NO_MATCH} My sources don't say anything yet about")

    # other channels are not auto-answer channels
    elsewhere = await standin.send_message(world.offtopic, world.fan2, "who plays ballard?")
    with pytest.raises(StandinTimeout):
        await standin.wait_for_message(world.offtopic, after=elsewhere, timeout=0.1)


async def test_auto_answer_channel_ignores_statements_about_the_show(
    standin: DiscordStandIn, world: World, bot
):
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    first = await standin.send_message(world.questions, world.fan, "lol that finale though")
    await standin.send_message(world.questions, world.fan2, "i just finished season 1")
    # a question to the people in the channel, not for a fact (bosch is in it, asked)
    await standin.send_message(
        world.questions, world.fan, "am i the only one who thinks bosch should've been in it more?"
    )
    await assert_silent(standin, first)
    asked = await standin.send_message(
        world.questions, world.fan2, "is it just me or is s2 taking forever? is bosch in it"
    )
    reply = await standin.wait_for_reply(asked)
    assert_answer(reply, title("bosch-appearance"), "bosch-appearance")


async def test_auto_answer_channel_stays_out_of_fans_asking_each_other(
    standin: DiscordStandIn, world: World, bot
):
    """Fans talking in an auto-answer channel: "did you watch it on prime video?" had got
    the where-to-watch answer, "have you read the ballard books" the books' (a QA session
    found it). Questions to another member about themself are theirs to answer; asked of
    the bot, or of the room ("do you guys know…"), they are answered."""
    await world.cooldowns_off()
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    first = await standin.send_message(world.questions, world.fan, "just finished ep 10!!")
    for who, said in (
        (world.fan2, "did you watch it on prime video?"),
        (world.fan, "yeah. do u have prime"),
        (world.fan2, "lol have you read the ballard books"),
        (world.fan, "are you excited for season 2"),
    ):
        await standin.send_message(world.questions, who, said)
    await assert_silent(standin, first)
    assert standin.bot_messages_in(world.questions) == []
    room = await standin.send_message(
        world.questions, world.fan2, "do you guys know when s2 comes out?"
    )
    reply = await standin.wait_for_reply(room)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    asked = await standin.send_message(
        world.questions, world.fan, f"{world.me} did you watch it on prime video?"
    )
    assert_answer(await standin.wait_for_reply(asked), title("where-to-watch"), "where-to-watch")


async def test_chatter_in_a_normal_channel_is_ignored(standin: DiscordStandIn, world: World, bot):
    first = await standin.send_message(world.general, world.fan, "who plays ballard?")
    await standin.send_message(world.general, world.fan2, "anyone watching tonight?")
    await standin.send_dm(world.fan2, "hi")  # (a DM is always for the bot: answered elsewhere)
    await assert_silent(standin, first)
    assert standin.bot_messages_in(world.general) == []


async def test_slash_ask_answers(standin: DiscordStandIn, world: World, bot):
    handle = await standin.invoke_slash(
        world.guild, world.general, world.fan, "ask", {"question": "where can i watch ballard"}
    )
    reply = await handle.wait_message(ANSWER_TIMEOUT)
    assert handle.callback.type == 4 and not reply.ephemeral
    assert [e["title"] for e in reply.embeds] == [title("where-to-watch")]
    assert reply.custom_ids() == feedback_ids("where-to-watch")
    assert reply.allowed_mentions == {"parse": []}

    # out of scope: only the asker sees "I don't know"
    handle = await standin.invoke_slash(
        world.guild, world.general, world.fan2, "ask", {"question": "what's for dinner"}
    )
    reply = await handle.wait_message(ANSWER_TIMEOUT)
    assert reply.ephemeral and reply.content.startswith(NO_MATCH)

    # thanks: a courtesy, privately
    handle = await standin.invoke_slash(
        world.guild, world.general, world.fan2, "ask", {"question": "thanks!"}
    )
    reply = await handle.wait_message(ANSWER_TIMEOUT)
    assert reply.ephemeral and reply.content == COURTESY_REPLIES["thanks"]


async def test_a_follow_up_after_slash_ask_asks_in_its_light(
    standin: DiscordStandIn, world: World, bot
):
    """/ask's answer is the member's last answer here, as a mention's is: "/ask is ballard
    renewed?", then "when does it come out?" (by /ask or a mention) had got the season 1
    premiere; it now asks about season 2. Another member's question is read on its own."""
    await world.cooldowns_off()

    async def ask(question: str, member: Member) -> StoredMessage:
        options = {"question": question}
        handle = await standin.invoke_slash(world.guild, world.general, member, "ask", options)
        return await handle.wait_message(ANSWER_TIMEOUT)

    assert_answer(
        await ask("is ballard renewed?", world.fan), title("season2-renewal"), "season2-renewal"
    )
    follow_up = await ask("when does it come out?", world.fan)
    assert_answer(follow_up, title("season2-release-date"), "season2-release-date")
    mentioned = await (await world.ask("when does it come out?")).wait_reply()
    assert_answer(mentioned, title("season2-release-date"), "season2-release-date")
    theirs = await ask("when does it come out?", world.fan2)
    assert_answer(theirs, title("season1-premiere"), "season1-premiere")


async def test_slash_ask_works_in_direct_messages(standin: DiscordStandIn, world: World, bot):
    assert standin.global_commands["ask"]["dm_permission"] is True
    dm = standin.dm_channel(world.fan)
    handle = await standin.invoke_slash(None, dm, world.fan, "ask", {"question": "who plays her"})
    reply = await handle.wait_message(ANSWER_TIMEOUT)
    assert reply.guild_id is None and not reply.ephemeral
    assert_answer(reply, LEAD_ACTOR, "lead-actor")


async def test_ask_autocomplete_offers_knowledge_base_questions(
    standin: DiscordStandIn, world: World, bot
):
    kb = bot.knowledge.kb
    known = {f.heading for f in kb.facts} | {
        q.strip().rstrip("?").lower() for f in kb.facts for q in f.questions
    }

    def in_kb(choice: str) -> bool:
        return choice in known or choice.rstrip("?").lower() in known

    handle = await standin.autocomplete(
        world.guild, world.general, world.fan, "ask", {"question": "season 2"}, focused="question"
    )
    choices = await handle.wait_choices(ANSWER_TIMEOUT)
    assert 1 <= len(choices) <= 25
    assert all(c["name"] == c["value"] and in_kb(c["value"]) for c in choices), choices
    assert any("season 2" in c["value"].lower() for c in choices)

    empty = await standin.autocomplete(
        world.guild, world.general, world.fan, "ask", {"question": ""}, focused="question"
    )
    headings = [c["value"] for c in await empty.wait_choices(ANSWER_TIMEOUT)]
    assert headings == [f.heading for f in kb.facts][:25]


async def test_facts_pages_forward_and_back(standin: DiscordStandIn, world: World, bot):
    facts = bot.knowledge.kb.facts
    pages = -(-len(facts) // 8)
    assert pages >= 3, "the shipped knowledge base should fill at least three pages"
    handle = await standin.invoke_slash(world.guild, world.general, world.fan, "facts")
    page = await handle.wait_message(ANSWER_TIMEOUT)
    assert page.ephemeral

    def shown() -> tuple[str, list[bool]]:
        [embed] = page.embeds
        buttons = [b.get("disabled", False) for row in page.components for b in row["components"]]
        return embed["footer"]["text"].split(" · ")[0], buttons

    assert shown() == (f"Page 1 of {pages}", [True, False])
    assert f"**{facts[0].heading}**" in page.embeds[0]["description"]

    for number in range(2, pages + 1):
        click = await standin.click_button(page, f"ballard:facts:{number - 1}", world.fan)
        assert await click.wait_message(ANSWER_TIMEOUT) is page and click.callback.type == 7
        assert shown() == (f"Page {number} of {pages}", [False, number == pages])
    assert f"**{facts[-1].heading}**" in page.embeds[0]["description"]

    back = await standin.click_button(page, f"ballard:facts:{pages - 2}", world.fan)
    await back.wait_message(ANSWER_TIMEOUT)
    assert shown() == (f"Page {pages - 1} of {pages}", [False, False])


async def test_feedback_buttons_store_votes(standin: DiscordStandIn, world: World, bot):
    answer = await (await world.ask("who plays ballard?")).wait_reply()
    votes = [
        (world.fan, "helpful"),
        (world.fan2, "wrong"),
        (world.mod, "helpful"),
        (world.fan2, "outdated"),  # changes fan2's vote: one vote per member and answer
    ]
    for member, kind in votes:
        click = await standin.click_button(answer, f"ballard:fb:{kind}:lead-actor", member)
        thanks = await click.wait_message(ANSWER_TIMEOUT)
        assert thanks.ephemeral and thanks.content.startswith("Thanks")
    assert answer.edits == []  # the answer itself is left alone

    stats = await world.faq_text("stats")
    assert "• lead-actor: helpful 2, outdated 1" in stats.content
    assert "wrong" not in stats.content
    s = await bot.storage.stats(world.guild.id)
    assert s.feedback == {"lead-actor": {"helpful": 2, "wrong": 0, "outdated": 1}}


async def _edited_into(standin: DiscordStandIn, reply: StoredMessage, edits: int) -> StoredMessage:
    """The bot's reply once it has been edited ``edits`` times."""

    def check() -> StoredMessage | None:
        return reply if len(reply.edits) >= edits else None

    return await standin.wait_until(check, timeout=5.0, what=f"edit {edits} of {reply.id}")


async def test_an_edited_question_gets_its_reply_edited(standin: DiscordStandIn, world: World, bot):
    """A fan fixing a question soon after asking gets the reply edited in place, never a
    second reply (a helper session testing as fans: edits had been ignored)."""
    asked = await world.ask("how many episodes are there")
    first = await standin.wait_for_reply(asked)
    assert first.content.startswith("I don't know that yet")
    await standin.edit_message(asked, f"{world.me} who plays ballard?")
    edited = await _edited_into(standin, first, 1)
    assert edited.content == "" and [e["title"] for e in edited.embeds] == [LEAD_ACTOR]
    assert edited.custom_ids() == feedback_ids("lead-actor")
    # an edit that changes nothing the bot reads (the same question, another case) costs
    # no edit; one that asks something else gets it
    await standin.edit_message(asked, f"{world.me} Who plays Ballard?")
    await standin.edit_message(asked, f"{world.me} where can i watch it?")
    edited = await _edited_into(standin, first, 2)
    assert [e["title"] for e in edited.embeds] == [title("where-to-watch")]
    await asyncio.sleep(0.3)  # (time for a second reply, were one to come)
    assert len(edited.edits) == 2 and standin.replies_to(asked) == [first]


async def test_an_edit_that_changes_only_what_is_not_known_gets_its_reply_edited(
    standin: DiscordStandIn, world: World, bot
):
    """The reply followed an edit only when its outcome, facts or "did you mean" changed: a
    known unknown edited into another (or into a plain "I don't know"), or an unknown
    question added beside an answer, left the reply saying what the first wording got."""
    await world.cooldowns_off()
    episodes = await world.ask("how many episodes are there")
    first = await standin.wait_for_reply(episodes)
    await standin.edit_message(episodes, f"{world.me} will there be a season 3")
    edited = await _edited_into(standin, first, 1)
    assert "about a third season" in edited.content and "episodes" not in edited.content

    weather = await world.ask("whats the wether")
    plain = await standin.wait_for_reply(weather)
    assert "My sources don't say" not in plain.content
    await standin.edit_message(weather, f"{world.me} whats the theme song")
    edited = await _edited_into(standin, plain, 1)
    assert "My sources don't say anything yet about" in edited.content

    lead = await world.ask("who plays ballard")
    answer = await standin.wait_for_reply(lead)
    await standin.edit_message(lead, f"{world.me} who plays ballard? and will there be a season 3?")
    edited = await _edited_into(standin, answer, 1)
    assert [e["title"] for e in edited.embeds] == [LEAD_ACTOR]
    assert "about a third season" in edited.content
    assert standin.replies_to(lead) == [answer]


async def test_a_follow_up_soon_after_an_answer_asks_in_its_light(
    standin: DiscordStandIn, world: World, bot
):
    """ "is ballard renewed?", the answer, then "when does it come out?" from the same fan,
    without replying to the answer: it asks when season 2 comes out, as the reply would (it
    had got the season 1 premiere). Another member's question, or the answered question
    edited, is read on its own."""
    renewed = await (await world.ask("is ballard renewed?")).wait_reply()
    assert_answer(renewed, title("season2-renewal"), "season2-renewal")
    follow_up = await world.ask("when does it come out?")
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    theirs = await world.ask("when does it come out?", author=world.fan2)
    assert_answer(
        await standin.wait_for_reply(theirs), title("season1-premiere"), "season1-premiere"
    )
    # ...in a DM as in a channel
    await standin.wait_for_reply(await standin.send_dm(world.mod, "is ballard renewed?"))
    in_dm = await standin.send_dm(world.mod, "when does it come out?")
    reply = await standin.wait_for_reply(in_dm)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    # ...and an answered question edited is read as if asked anew
    asked = await world.ask("is ballard renewed?", author=world.fan2)
    first = await standin.wait_for_reply(asked)
    assert_answer(first, title("season2-renewal"), "season2-renewal")
    await standin.edit_message(asked, f"{world.me} when does it come out?")
    edited = await _edited_into(standin, first, 1)
    assert [e["title"] for e in edited.embeds] == [title("season1-premiere")]


async def test_a_follow_up_after_an_edited_question_asks_in_its_new_answers_light(
    standin: DiscordStandIn, world: World, bot
):
    """A question edited, its reply edited with it: what the reply says now is the light a
    follow-up is read in. "who plays ballard?" edited into "is ballard renewed?", then "when
    does it come out?" had got the season 1 premiere (read in the cast's light); an answer
    edited into "I don't know" lends its facts to no follow-up."""
    await world.cooldowns_off()
    asked = await world.ask("who plays ballard?")
    first = await standin.wait_for_reply(asked)
    await standin.edit_message(asked, f"{world.me} is ballard renewed?")
    edited = await _edited_into(standin, first, 1)
    assert [e["title"] for e in edited.embeds] == [title("season2-renewal")]
    follow_up = await world.ask("when does it come out?")
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("season2-release-date"), "season2-release-date")
    # ...and the renewal edited into a question the bot cannot answer lends it nothing
    asked = await world.ask("is ballard renewed?", author=world.fan2)
    first = await standin.wait_for_reply(asked)
    await standin.edit_message(asked, f"{world.me} whats the wether")
    edited = await _edited_into(standin, first, 1)
    assert edited.content.startswith("I don't know that yet")
    follow_up = await world.ask("when does it come out?", author=world.fan2)
    reply = await standin.wait_for_reply(follow_up)
    assert_answer(reply, title("season1-premiere"), "season1-premiere")


async def test_a_follow_up_after_a_did_you_mean_picked_asks_in_its_light(
    standin: DiscordStandIn, world: World, bot
):
    """A "did you mean" choice pressed is the member's last answer, as one picked by its
    number is: "s2 in cali or georgia?", "When and where is season 2 filmed?" pressed, then
    "when does it come out?" asks about season 2 (it had got the season 1 premiere)."""
    await world.cooldowns_off()
    for member in (world.fan, world.fan2):  # the asker, and another member (answered privately)
        offer = await (await world.ask("s2 in cali or georgia?")).wait_reply()
        pick = f"ballard:pick:season2-production:{world.fan.user.id}"
        pressed = await standin.click_button(offer, pick, member)
        await pressed.wait_response()
        follow_up = await world.ask("when does it come out?", author=member)
        reply = await standin.wait_for_reply(follow_up)
        assert_answer(reply, title("season2-release-date"), "season2-release-date")


async def test_the_question_after_a_bare_mention_is_answered(
    standin: DiscordStandIn, world: World, bot
):
    """ "@Ballard Bot", the greeting, then "who plays ballard?" in a message of its own: the
    question is for the bot (it had been ignored). Only the next message of that member in
    that channel: another member's, or the one after, is not."""
    called = await world.ask("")
    assert (await standin.wait_for_reply(called)).content == GREETING
    theirs = await standin.send_message(world.general, world.fan2, "who plays ballard?")
    await assert_silent(standin, theirs)  # (another member: not asked of the bot)
    asked = await standin.send_message(world.general, world.fan, "who plays ballard?")
    assert_answer(await standin.wait_for_reply(asked), LEAD_ACTOR, "lead-actor")
    chat = await standin.send_message(world.general, world.fan, "cool thanks guys")
    await assert_silent(standin, chat)
    # ...and so is the question after "@bot quick question", told to go ahead
    announced = await world.ask("quick question", author=world.fan2)
    assert (await standin.wait_for_reply(announced)).content == COURTESY_REPLIES["announced"]
    asked = await standin.send_message(world.general, world.fan2, "is it on netflix?")
    assert_answer(await standin.wait_for_reply(asked), title("where-to-watch"), "where-to-watch")


async def test_a_call_answered_by_a_mention_or_an_edit_leaves_the_chat_after_it_alone(
    standin: DiscordStandIn, world: World, bot
):
    """ "@Ballard Bot", the greeting, then the question asked with a mention again, or the
    bare mention edited into the question: the call has had its question, and the member's
    chat after it is not for the bot (it had been told "I don't know that yet")."""
    await world.cooldowns_off()
    for member in (world.fan, world.fan2):
        called = await world.ask("", author=member)
        greeting = await standin.wait_for_reply(called)
        assert greeting.content == GREETING
        if member is world.fan:
            asked = await world.ask("who plays ballard?", author=member)
            assert_answer(await standin.wait_for_reply(asked), LEAD_ACTOR, "lead-actor")
        else:
            await standin.edit_message(called, f"{world.me} who plays ballard?")
            edited = await _edited_into(standin, greeting, 1)
            assert [e["title"] for e in edited.embeds] == [LEAD_ACTOR]
        chat = await standin.send_message(
            world.general, member, "my cat keeps sitting on the remote"
        )
        await assert_silent(standin, chat)


async def test_a_mention_edited_in_asks_and_a_bare_mention_edited_gets_the_answer(
    standin: DiscordStandIn, world: World, bot
):
    plain = await standin.send_message(world.general, world.fan, "who plays ballard?")
    await assert_silent(standin, plain)  # (not asked of the bot)
    await standin.edit_message(plain, f"{world.me} who plays ballard?")
    assert_answer(await standin.wait_for_reply(plain), LEAD_ACTOR, "lead-actor")
    await world.faq_text("autoanswer", {"channel": world.questions, "enabled": True})
    chat = await standin.send_message(world.questions, world.fan, "hmm")
    await assert_silent(standin, chat)
    await standin.edit_message(chat, "hmm where can i watch ballard?")
    assert_answer(await standin.wait_for_reply(chat), title("where-to-watch"), "where-to-watch")
    bare = await world.ask("", author=world.fan2)
    greeting = await standin.wait_for_reply(bare)
    await standin.edit_message(bare, f"{world.me} where can i watch it")
    edited = await _edited_into(standin, greeting, 1)
    assert [e["title"] for e in edited.embeds] == [title("where-to-watch")]


async def test_a_question_in_another_language_is_told_the_bot_reads_english(
    standin: DiscordStandIn, world: World, bot
):
    asked = await world.ask("¿cuándo sale la temporada 2 de ballard?")
    reply = await standin.wait_for_reply(asked)
    assert reply.content.startswith(f"{NO_MATCH} {ENGLISH_ONLY}")
