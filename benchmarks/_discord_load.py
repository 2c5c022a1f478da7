"""Load generation for ``bench_discord.py``: the question mix, the stand-in's world, the two
load phases and their statistics.

Everything here runs in the benchmark process, next to the Discord stand-in; the bot under
test runs in a process of its own. Import the stand-in with the repository root on
``sys.path`` (``bench_discord.py`` does that).
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.standin import Channel, DiscordStandIn, Guild, Member, StoredMessage

APOLOGY_START = "Sorry, something went wrong"  # bot.client.APOLOGY
SUGGEST_START = "I'm not sure which of these you mean"  # bot.exts._replies.suggestion_reply

# Fans' questions as typed in a Discord channel (written for this benchmark, independent of
# the evaluation sets). Each one gets an answer from the shipped knowledge base.
ANSWERABLE: tuple[str, ...] = (
    # season 2
    "when does season 2 come out??",
    "any news on a release date for s2",
    "is ballard getting a second season",
    "did it get renewed or nah",
    "hype!! is there gonna be a season 2",
    "where are they filming season 2",
    "when do they start shooting the new season",
    "what will season 2 be about",
    "any idea what the story of s2 is",
    "how much did california pay for season 2 lol",
    "was the show almost cancelled?",
    # the show
    "what is ballard about",
    "is this just another cop show",
    "give me a quick summary of the show pls",
    "where can i watch ballard",
    "is it on netflix",
    "what app is it streaming on",
    "when did it first come out",
    "when did ballard premiere",
    "how did season 1 end",
    "that finale tho, how did s1 end",
    # bosch
    "is harry bosch in it",
    "does titus welliver show up",
    "is ballard a bosch spinoff",
    "is this connected to bosch at all",
    "is it part of the bosch universe",
    # people
    "who plays renee ballard",
    "who's the lead actress",
    "is maggie q the star",
    "who else is in the cast",
    "whos in the cast besides maggie q",
    "who are the showrunners",
    "who created the show",
    "who produces ballard",
    "is it based on the michael connelly books",
    "is the show based on a book",
    "what did michael connelly say about the show",
    # reception
    "how many people watched it",
    "was it a hit? how are the viewing numbers",
    "how did it do on the nielsen charts",
    "did it top the streaming ratings",
    "what do critics think of ballard",
    "is it any good? reviews?",
    "rotten tomatoes score?",
    "how did fans react to it",
    "do people actually like this show",
    "what did amazon say when they renewed it",
    # casual
    "wait is ballard on prime video",
    "ok but who is renee ballard",
    "can someone tell me if season two is confirmed",
)

# Messages the bot does not answer outright: known unknowns, off-topic chatter, vague
# questions ("did you mean ..." buttons). The bot still replies to each one, since it was
# mentioned.
DECLINED: tuple[str, ...] = (
    "how many episodes are there",
    "will there be a season 3",
    "is there a trailer yet",
    "how old is maggie q",
    "what order should i watch the bosch shows in",
    "is it ok for my 12 year old",
    "who sings the theme song",
    "what's the weather like in la today",
    "anything new?",
    # vague: "did you mean" buttons
    "numbers?",
    "what about the cast and crew",
    "is ballard tied to the bosch show",
    "yo bot where can i stream this",
)

# About one message in six is declined or gets "did you mean" buttons: roughly what an FAQ
# bot sees when fans ask it things in a busy server.
DECLINED_EVERY = 6


def question_mix(n: int) -> list[str]:
    """``n`` questions, cycling through the mix deterministically (no two neighbours alike)."""
    out: list[str] = []
    a = d = 0
    for i in range(n):
        if i % DECLINED_EVERY == DECLINED_EVERY - 1:
            out.append(DECLINED[d % len(DECLINED)])
            d += 1
        else:
            out.append(ANSWERABLE[(a * 7) % len(ANSWERABLE)])
            a += 1
    return out


def mention_forms(bot_id: int, question: str, i: int) -> str:
    """Where fans put the mention varies: first, after a greeting, or at the end."""
    form = i % 4
    if form == 0:
        return f"<@{bot_id}> {question}"
    if form == 1:
        return f"hey <@{bot_id}> {question}"
    if form == 2:
        return f"{question} <@{bot_id}>"
    return f"<@{bot_id}>  {question}"


# ---------------------------------------------------------------------------------------------
# the world


@dataclass
class World:
    guild: Guild
    channels: list[Channel]
    members: list[Member]
    moderator: Member


def build_world(
    standin: DiscordStandIn, *, channels: int, members: int, manage_guild: int
) -> World:
    """One busy fan server: ``channels`` text channels, ``members`` fans, one moderator."""
    guild = standin.add_guild("Ballard Fans")
    chans = [standin.add_text_channel(guild, f"ballard-chat-{i + 1}") for i in range(channels)]
    fans = [standin.add_member(guild, f"fan{i + 1:04d}") for i in range(members)]
    moderator = standin.add_member(guild, "moderator", permissions=manage_guild)
    return World(guild, chans, fans, moderator)


@dataclass(frozen=True)
class Planned:
    channel: Channel
    author: Member
    content: str
    question: str


def plan(world: World, bot_id: int, n: int, *, seed: int, offset: int = 0) -> list[Planned]:
    """``n`` messages spread round-robin over the channels, from random members."""
    rng = random.Random(seed)
    questions = question_mix(n + offset)[offset:]
    out = []
    for i, question in enumerate(questions):
        channel = world.channels[i % len(world.channels)]
        author = rng.choice(world.members)
        out.append(Planned(channel, author, mention_forms(bot_id, question, i), question))
    return out


# ---------------------------------------------------------------------------------------------
# driving the load


@dataclass
class PhaseRun:
    """What one phase sent, and the bounds it ran within."""

    name: str
    sent: list[StoredMessage] = field(default_factory=list)
    send_lag_ms: list[float] = field(default_factory=list)  # steady: late vs. the schedule
    started: float = 0.0  # perf_counter, before the first send
    sends_done: float = 0.0  # perf_counter, after the last send call returned
    bot_messages_before: int = 0  # len(standin.bot_messages) when the phase started
    waited_s: float = 0.0
    timed_out: bool = False


async def send_burst(standin: DiscordStandIn, planned: list[Planned]) -> PhaseRun:
    """Every message as fast as the stand-in dispatches them: each send returns once its
    MESSAGE_CREATE is written to the bot's socket, and the next one follows at once."""
    run = PhaseRun("burst", bot_messages_before=len(standin.bot_messages))
    run.started = time.perf_counter()
    for p in planned:
        run.sent.append(await standin.send_message(p.channel, p.author, p.content, wait=True))
    run.sends_done = time.perf_counter()
    return run


async def send_steady(standin: DiscordStandIn, planned: list[Planned], rate: float) -> PhaseRun:
    """Message ``i`` goes out at ``start + i / rate`` (an absolute schedule: a late send does
    not push the later ones back, the sender catches up)."""
    run = PhaseRun("steady", bot_messages_before=len(standin.bot_messages))
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.01
    run.started = time.perf_counter()
    for i, p in enumerate(planned):
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        run.send_lag_ms.append(max(0.0, loop.time() - due) * 1000)
        run.sent.append(await standin.send_message(p.channel, p.author, p.content, wait=False))
    run.sends_done = time.perf_counter()
    # every event written to the socket (so dispatched_at is set) before the phase is judged
    for msg in run.sent:
        if msg.event is not None:
            await msg.event.wait_sent()
    return run


async def wait_replies(
    standin: DiscordStandIn, run: PhaseRun, *, limit_s: float, settle: float
) -> None:
    """Wait until the bot posted as many messages as the phase sent (or ``limit_s`` seconds), then
    ``settle`` seconds more so that late duplicates are seen too."""
    want = run.bot_messages_before + len(run.sent)
    t0 = time.perf_counter()
    try:
        await standin.wait_until(
            lambda: True if len(standin.bot_messages) >= want else None,
            timeout=limit_s,
            what=f"{len(run.sent)} replies ({run.name})",
            poll=0.05,
        )
    except TimeoutError:  # StandinTimeout
        run.timed_out = True
    run.waited_s = time.perf_counter() - t0
    await asyncio.sleep(settle)


# ---------------------------------------------------------------------------------------------
# judging a phase


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def reply_kind(msg: StoredMessage) -> str:
    if msg.embeds:
        return "answer"
    if msg.content.startswith(APOLOGY_START):
        return "apology"
    if msg.content.startswith(SUGGEST_START):
        return "suggest"
    return "none"


def judge_phase(standin: DiscordStandIn, run: PhaseRun) -> dict[str, Any]:
    """Match each reply to its question by message_reference; count, time and classify."""
    sent_ids = {m.id for m in run.sent}
    missing = duplicates = answered = 0
    kinds: Counter[str] = Counter()
    latencies: list[float] = []
    first_dispatch = min(
        (m.dispatched_at for m in run.sent if m.dispatched_at is not None), default=run.started
    )
    last_reply = first_dispatch
    for msg in run.sent:
        replies = standin.replies_to(msg)
        if not replies:
            missing += 1
            continue
        if len(replies) > 1:
            duplicates += 1
        first = replies[0]
        kind = reply_kind(first)
        kinds[kind] += 1
        if kind == "apology":
            continue
        if len(replies) == 1:
            answered += 1
        if msg.dispatched_at is not None:
            latencies.append((first.received_at - msg.dispatched_at) * 1000)
        last_reply = max(last_reply, first.received_at)
    # bot messages of this phase that answer no question of it (stray or misrouted replies)
    stray = sum(
        1 for m in standin.bot_messages[run.bot_messages_before :] if m.reference_id not in sent_ids
    )
    latencies.sort()
    span = last_reply - first_dispatch
    dispatched = [m.dispatched_at for m in run.sent if m.dispatched_at is not None]
    dispatch_span = (max(dispatched) - min(dispatched)) if dispatched else math.nan
    return {
        "sent": len(run.sent),
        "answered_once": answered,
        "answered_share": answered / len(run.sent) if run.sent else 0.0,
        "missing": missing,
        "duplicates": duplicates,
        "stray_bot_messages": stray,
        "apologies": kinds.get("apology", 0),
        "reply_kinds": dict(kinds),
        "timed_out": run.timed_out,
        "span_s": span,
        "throughput_per_s": answered / span if span > 0 else math.nan,
        "dispatch_span_s": dispatch_span,
        "dispatch_rate_per_s": (len(dispatched) - 1) / dispatch_span
        if dispatch_span and dispatch_span > 0
        else math.nan,
        "latency_ms": {
            "p50": percentile(latencies, 50),
            "p90": percentile(latencies, 90),
            "p99": percentile(latencies, 99),
            "max": latencies[-1] if latencies else math.nan,
            "mean": sum(latencies) / len(latencies) if latencies else math.nan,
        },
        "send_lag_ms": {
            "p99": percentile(sorted(run.send_lag_ms), 99),
            "max": max(run.send_lag_ms),
        }
        if run.send_lag_ms
        else None,
    }
