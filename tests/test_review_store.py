"""The review queue's storage: DMs in every server's queue, dismissals and rejections kept,
"did you mean" picks and 👎-then-ask-again as evidence, questions per day for the chart; on
SQLite and on PostgreSQL (``backend``, see tests/conftest.py)."""

from __future__ import annotations

from datetime import date

from bot.storage import Storage
from tests.backends import Backend, Clock
from tests.test_storage import GUILD, OTHER_GUILD


async def log(storage: Storage, question: str, **kw) -> None:
    await storage.log_question(
        guild_id=kw.get("guild_id", GUILD),
        channel_id=10,
        user_id=kw.get("user_id", 1),
        question=question,
        group_key=question,
        outcome=kw.get("outcome", "none"),
        fact_ids=kw.get("facts", ()),
        confidence=0.5,
        message_id=kw.get("message_id"),
        delivery=kw.get("delivery", "sent"),
    )


async def test_the_queue_holds_this_servers_questions_and_dms(storage: Storage) -> None:
    await log(storage, "mine")
    await log(storage, "a dm", guild_id=None)
    await log(storage, "elsewhere", guild_id=OTHER_GUILD)
    await log(storage, "answered", outcome="answer", facts=("cast",))
    await log(storage, "held", outcome="suggest", delivery="held")
    asked = await storage.review.unanswered(GUILD, 30)
    assert sorted((a.question, a.guild_id or 0) for a in asked) == [
        ("a dm", 0),
        ("held", GUILD),
        ("mine", GUILD),
    ]
    assert len(await storage.review.unanswered(None, 30)) == 4  # the terminal: everything


async def test_dismissals_and_rejections_are_kept_per_server(
    backend: Backend, clock: Clock
) -> None:
    async with await backend.open(clock=clock) as first:
        await first.review.dismiss(GUILD, {"trailer", "teaser"}, by=7)
        await first.review.dismiss(GUILD, {"trailer"}, by=8)  # twice is fine
        await first.review.reject(GUILD, "s2 info", "season2-story", by=7)
    async with await backend.open(clock=clock) as again:
        assert await again.review.dismissed(GUILD) == {"trailer", "teaser"}
        assert await again.review.dismissed(OTHER_GUILD) == set()
        assert await again.review.rejected(GUILD) == {("s2 info", "season2-story")}


async def test_picks_and_asking_again_after_a_thumbs_down_are_evidence(
    storage: Storage,
    clock: Clock,
) -> None:
    await log(storage, "s2 info", outcome="suggest", message_id=500, user_id=1)
    await storage.record_pick(
        guild_id=GUILD, message_id=500, fact_id="season2-story", user_id=1, by_asker=True
    )
    await storage.record_pick(  # someone else's press says less: not counted
        guild_id=GUILD, message_id=500, fact_id="cast", user_id=2, by_asker=False
    )
    [pick] = await storage.review.evidence(GUILD, 30)
    assert (pick.question, pick.fact_id, pick.user_id, pick.how) == (
        "s2 info",
        "season2-story",
        1,
        "pick",
    )

    await log(
        storage, "who is in it", outcome="answer", facts=("lead-actor",), message_id=600, user_id=3
    )
    await storage.record_feedback(
        guild_id=GUILD, message_id=600, fact_id="lead-actor", user_id=3, kind="wrong"
    )
    clock.advance(minutes=2)
    await log(
        storage,
        "who else is in the cast",
        outcome="answer",
        facts=("cast",),
        message_id=601,
        user_id=3,
    )
    [retry] = await storage.review.retries(GUILD, 30)
    assert (retry.question, retry.fact_id, retry.how) == ("who is in it", "cast", "retry")

    # too late to count as asking again
    await log(
        storage, "who plays her", outcome="answer", facts=("cast",), message_id=700, user_id=4
    )
    await storage.record_feedback(
        guild_id=GUILD, message_id=700, fact_id="cast", user_id=4, kind="wrong"
    )
    clock.advance(minutes=6)
    await log(storage, "who plays renee", outcome="answer", facts=("lead-actor",), user_id=4)
    assert len(await storage.review.retries(GUILD, 30)) == 1


async def test_questions_per_day_for_the_chart(storage: Storage, clock: Clock) -> None:
    await log(storage, "a", outcome="answer", facts=("cast",))
    await log(storage, "b", outcome="suggest")
    clock.advance(days=1)
    await log(storage, "c", delivery="held")
    # an answer the asker never got is not drawn as answered (/faq stats does not count it)
    await log(storage, "d", outcome="answer", facts=("cast",), delivery="failed")
    figures = await storage.review.chart(GUILD, 3, "t")
    assert figures["days"] == ["2025-10-05", "2025-10-06", "2025-10-07"]
    assert (figures["answered"], figures["suggested"], figures["unanswered"], figures["held"]) == (
        [0, 1, 0],
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 1],
    )
    assert figures["top_facts"] == [["cast", 2]]  # the most asked
    assert [d.day for d in await storage.review.days(GUILD, 2)] == [
        date(2025, 10, 6),
        date(2025, 10, 7),
    ]
