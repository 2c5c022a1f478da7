"""The end-to-end load benchmark's pieces (benchmarks/_discord_load.py) on hand-made data:
the channel-limit check, the soak's plan and its fans' wording. The benchmark itself runs
the real bot for minutes and is not run here."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.standin import DiscordStandIn, RecordedRequest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _discord_load as load  # noqa: E402


def _post(channel: int, at: float, method: str = "POST") -> RecordedRequest:
    return RecordedRequest(
        method=method,
        path=f"/channels/{channel}/messages",
        query={},
        json=None,
        files=[],
        headers={},
        received_at=at,
    )


def test_channel_posts_are_the_message_posts_by_channel_in_time_order() -> None:
    requests = [
        _post(1, 2.0),
        _post(2, 0.5),
        _post(1, 1.0),
        _post(1, 3.0, method="GET"),
        RecordedRequest("POST", "/channels/1/messages/9/reactions", {}, None, [], {}, 0.1),
    ]
    assert load.channel_posts(requests) == {1: [1.0, 2.0], 2: [0.5]}


@pytest.mark.parametrize(
    ("times", "most", "over"),
    [
        ([0.0, 0.1, 0.2, 0.3, 0.4], 5, 0),  # one burst: at the limit
        ([0.0, 0.1, 0.2, 0.3, 0.4, 5.0, 6.0], 5, 0),  # the 6th 5 s after the 1st: fine
        ([0.0, 1.0, 2.0, 3.0, 4.0, 4.99], 6, 1),  # the 6th within 5 s: over
        ([0.0, 2.0, 4.0, 6.0, 8.0], 3, 0),  # steady, one every 2 s
    ],
)
def test_busiest_windows_counts_messages_in_any_window(
    times: list[float], most: int, over: int
) -> None:
    got = load.busiest_windows({7: times}, window=5.0, start=0.0, end=10.0, limit=5)
    assert (got["max_in_window"], got["channels_over_limit"]) == (most, over)


def test_busiest_windows_only_start_windows_inside_the_phase() -> None:
    posts = {1: [0.0, 1.0, 2.0, 3.0, 4.0, 4.5], 2: [20.0]}
    # a window starting before the phase is not counted; one reaching into it is
    got = load.busiest_windows(posts, window=5.0, start=4.0, end=30.0, limit=5)
    assert got == {
        "window_s": 5.0,
        "limit": 5,
        "channels_posted_in": 2,
        "max_in_window": 2,
        "channels_over_limit": 0,
    }


async def test_the_soak_asks_every_channel_and_member_once_per_round() -> None:
    async with DiscordStandIn() as standin:
        world = load.build_world(standin, channels=10, members=25, manage_guild=0)
        planned = load.plan_soak(world, standin.bot_user.id, 100, seed=3)
    assert len(planned) == 100
    for start in range(0, 100, 10):  # rounds of channels
        assert len({p.channel.id for p in planned[start : start + 10]}) == 10
    for start in range(0, 100, 25):  # rounds of members
        assert len({p.author.id for p in planned[start : start + 25]}) == 25
    assert all(f"<@{standin.bot_user.id}>" in p.content for p in planned)
    assert Counter(p.channel.id for p in planned) == Counter({c.id: 10 for c in world.channels})


def test_fans_wording_keeps_the_question_and_varies_around_it() -> None:
    fans = load.FanChat({"the": 7.7, "show": 5.0, "tonight": 4.5}, random.Random(1))
    question = "when does season 2 come out"
    texts = [fans.message(question) for _ in range(400)]
    assert len(set(texts)) > 100
    with_chat = [t for t in texts if t.count(" ") > question.count(" ") + 2]
    assert 0.3 < len(with_chat) / len(texts) < 0.8
    # typos only touch words of 4 letters or more: the short ones stay
    for text in texts:
        assert {"2", "out"} <= set(text.replace(",", " ").replace(".", " ").split())
    assert load.typo("season", random.Random(2)) != "season"
    assert len(load.typo("season", random.Random(2))) in (5, 6, 7)
