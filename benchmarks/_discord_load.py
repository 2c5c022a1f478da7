"""Load generation for ``bench_discord.py``: the question mix, the stand-in's world, the load
phases (burst, steady, soak) and their statistics.

Everything here runs in the benchmark process, next to the Discord stand-in; the bot under
test runs in a process of its own. Import the stand-in with the repository root on
``sys.path`` (``bench_discord.py`` does that).
"""

from __future__ import annotations

import asyncio
import bisect
import math
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from bot.cleaning import clean
from bot.text import load_common_words, words
from tests.standin import (
    Channel,
    DiscordStandIn,
    Guild,
    Member,
    RecordedRequest,
    StoredMessage,
)

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


# How fans' messages vary in a real server over hours (the soak phase): chat around the
# question, in words drawn by their real frequency in English (bot/data/common_words.txt, the
# matcher's own list of 24,000 words), a filler before or after, typos, and now and then a
# word no dictionary has (a name, slang). So, as in production, the matcher keeps meeting new
# words: what it remembers about words grows with them, up to its bounds.
FILLERS_BEFORE: tuple[str, ...] = (
    "lol ",
    "ok so ",
    "quick q: ",
    "guys ",
    "hey ",
    "sorry if this was asked already but ",
    "random question, ",
    "idk if anyone knows but ",
    "welp ",
    "omg ",
)
FILLERS_AFTER: tuple[str, ...] = (
    " thx",
    " ty",
    " 🙏",
    " ??",
    " lol",
    " (asking for a friend)",
    " :)",
    " <:ballard_hype:123456789012345678>",
    " anyone?",
    " 😅",
)
CHAT_SHARE = 0.45  # messages with a clause of chat around the question
CHAT_WORDS = (3, 12)  # its length in words
TYPO_SHARE = 0.03  # words of 4 letters or more typed wrong
NEW_WORD_SHARE = 0.08  # a word in no list (a name, slang): in 8 % of all messages through
# their chat clause (0.08 / 0.45 of the clauses), and in 8 % of those without one: 12.4 % in all
_SYLLABLES = (*(c + v for c in "bdfghklmnprstvz" for v in "aeiou"), "ch", "sh", "th")


def distinct_words(texts: Iterable[str]) -> int:
    """How many different words (as the matcher splits them) the texts hold."""
    seen: set[str] = set()
    for text in texts:
        seen.update(words(clean(text)))
    return len(seen)


def typo(word: str, rng: random.Random) -> str:
    """One typing slip in ``word``: a letter dropped, doubled, or swapped with the next."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


class FanChat:
    """Rewords questions as fans type them in a busy server, from a seeded random source."""

    def __init__(self, common_words: dict[str, float], rng: random.Random) -> None:
        self.rng = rng
        self.words = list(common_words)
        self.cum_weights = list(accumulate(10**z for z in common_words.values()))

    def new_word(self) -> str:
        return "".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 4)))

    def chat(self) -> str:
        n = self.rng.randint(*CHAT_WORDS)
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum_weights, k=n))

    def message(self, question: str) -> str:
        rng = self.rng
        text = question
        if rng.random() < CHAT_SHARE:
            chat = self.chat()
            if rng.random() < NEW_WORD_SHARE / CHAT_SHARE:
                chat += " " + self.new_word()
            text = f"{chat}. {text}" if rng.random() < 0.5 else f"{text}, {chat}"
        elif rng.random() < NEW_WORD_SHARE:
            text = f"{text} {self.new_word()}"
        words = [
            typo(w, rng) if len(w) >= 4 and w.isalpha() and rng.random() < TYPO_SHARE else w
            for w in text.split()
        ]
        before = rng.choice(FILLERS_BEFORE) if rng.random() < 0.25 else ""
        after = rng.choice(FILLERS_AFTER) if rng.random() < 0.25 else ""
        return before + " ".join(words) + after


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
    """One big fan server: ``channels`` text channels, ``members`` fans, one moderator."""
    guild = standin.add_guild("Ballard Fans")
    chans = [standin.add_text_channel(guild, f"ballard-chat-{i + 1}") for i in range(channels)]
    fans = [standin.add_member(guild, f"fan{i + 1:05d}") for i in range(members)]
    moderator = standin.add_member(guild, "moderator", permissions=manage_guild)
    return World(guild, chans, fans, moderator)


@dataclass(frozen=True)
class Planned:
    channel: Channel
    author: Member
    content: str
    question: str


def plan(
    world: World,
    bot_id: int,
    n: int,
    *,
    seed: int,
    offset: int = 0,
    channels: Sequence[Channel] | None = None,
) -> list[Planned]:
    """``n`` messages spread round-robin over ``channels`` (default: all of the world's),
    from random members: message ``i`` goes to channel ``i % len(channels)``."""
    rng = random.Random(seed)
    chans = list(world.channels if channels is None else channels)
    questions = question_mix(n + offset)[offset:]
    out = []
    for i, question in enumerate(questions):
        channel = chans[i % len(chans)]
        author = rng.choice(world.members)
        out.append(Planned(channel, author, mention_forms(bot_id, question, i), question))
    return out


def plan_soak(world: World, bot_id: int, n: int, *, seed: int, offset: int = 0) -> list[Planned]:
    """``n`` messages as fans type them (:class:`FanChat`) over all channels and members, in
    rounds: each
    round of channels (and of members) is a new shuffle of all of them, so every channel and
    every member asks once per round, in a different order each time. At ``r`` messages a
    second a channel then gets at most 2 messages in ``len(channels) / r`` seconds and a member
    at most 2 in ``len(members) / r`` seconds (both across a round's boundary)."""
    rng = random.Random(seed)
    fans = FanChat(load_common_words(), rng)
    questions = question_mix(n + offset)[offset:]
    channel_order: list[Channel] = []
    member_order: list[Member] = []
    out = []
    for i, question in enumerate(questions):
        if not channel_order:
            channel_order = rng.sample(world.channels, len(world.channels))
        if not member_order:
            member_order = rng.sample(world.members, len(world.members))
        text = fans.message(question)
        out.append(
            Planned(channel_order.pop(), member_order.pop(), mention_forms(bot_id, text, i), text)
        )
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
    held_s: float = 0.0  # steady with max_outstanding: time the sender waited for the bot


async def send_burst(standin: DiscordStandIn, planned: list[Planned]) -> PhaseRun:
    """Every message as fast as the stand-in dispatches them: each send returns once its
    MESSAGE_CREATE is written to the bot's socket, and the next one follows at once."""
    run = PhaseRun("burst", bot_messages_before=len(standin.bot_messages))
    run.started = time.perf_counter()
    for p in planned:
        run.sent.append(await standin.send_message(p.channel, p.author, p.content, wait=True))
    run.sends_done = time.perf_counter()
    return run


async def send_steady(
    standin: DiscordStandIn,
    planned: list[Planned],
    rate: float,
    *,
    name: str = "steady",
    max_outstanding: int | None = None,
) -> PhaseRun:
    """Message ``i`` goes out at ``start + i / rate`` (an absolute schedule: a late send does
    not push the later ones back, the sender catches up).

    With ``max_outstanding``, the sender also waits while that many messages await their
    reply, and the schedule moves on by the time it waited (no catching up after it): so a
    bot slowed down by other load on the machine is not buried under a backlog that would
    measure the backlog instead of the bot. ``run.held_s`` is the time waited."""
    run = PhaseRun(name, bot_messages_before=len(standin.bot_messages))
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.01
    run.started = time.perf_counter()
    for i, p in enumerate(planned):
        if max_outstanding is not None:
            waiting = i - (len(standin.bot_messages) - run.bot_messages_before)
            if waiting >= max_outstanding:
                held = loop.time()
                await standin.wait_until(
                    lambda i=i: (
                        True
                        if i - (len(standin.bot_messages) - run.bot_messages_before)
                        < max_outstanding
                        else None
                    ),
                    timeout=60,
                    what=f"the bot to catch up ({name})",
                    poll=0.01,
                )
                run.held_s += loop.time() - held
                start += loop.time() - held
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

_CHANNEL_POST = re.compile(r"^/channels/(\d+)/messages$")


def channel_posts(requests: Iterable[RecordedRequest]) -> dict[int, list[float]]:
    """The times (``received_at``) of the bot's message POSTs, by channel id, in order: what
    Discord counts against its per-channel limit (failed attempts included)."""
    by_channel: defaultdict[int, list[float]] = defaultdict(list)
    for r in requests:
        if r.method == "POST" and (m := _CHANNEL_POST.match(r.path)):
            by_channel[int(m[1])].append(r.received_at)
    for times in by_channel.values():
        times.sort()
    return dict(by_channel)


def busiest_windows(
    posts: dict[int, list[float]], *, window: float, start: float, end: float, limit: int
) -> dict[str, Any]:
    """The most bot messages one channel got within ``window`` seconds, over windows that start
    at a post made in ``[start, end]`` (all posts count, also earlier or later ones), and how
    many channels got more than ``limit`` in some window."""
    most = 0
    over: set[int] = set()
    channels = 0
    for channel_id, times in posts.items():
        first = bisect.bisect_left(times, start)
        last = bisect.bisect_right(times, end)
        if first < last:
            channels += 1
        for i in range(first, last):
            inside = bisect.bisect_left(times, times[i] + window) - i
            most = max(most, inside)
            if inside > limit:
                over.add(channel_id)
    return {
        "window_s": window,
        "limit": limit,
        "channels_posted_in": channels,
        "max_in_window": most,
        "channels_over_limit": len(over),
    }


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
        "sender_held_s": run.held_s,
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
