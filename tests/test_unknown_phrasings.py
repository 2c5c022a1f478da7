"""Questions about what the articles do not say get no fact: a known unknown's "I don't know
that yet", or a "did you mean" at most, never a confident answer.

Written on 4 December 2026 (seventh session) before looking at the bot's answers, one to
three phrasings of each known unknown of knowledge/unknowns.yaml (episodes, trailer, season
3, spoilers, age rating, home media, crew, the actors' private lives, characters, new cast,
release format, opinions, watch order, awards, Prime Video accounts). A fortieth, "do i
need prime to watch it", is left out: the where-to-watch answer (Prime Video) answers it.
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher

ABOUT_UNKNOWNS = [
    "how many episodes are in season 1",
    "how many eps does s1 have",
    "how long is each episode",
    "whats the runtime per ep",
    "is there a trailer for s2 yet",
    "any s2 teaser out",
    "when is season 3 coming",
    "will there be a s3",
    "who is the killer in season 1",
    "who dies in the finale",
    "whats the age rating",
    "is it ok for kids",
    "is it rated r",
    "is ballard on blu ray",
    "can i buy it on dvd",
    "are there subtitles in spanish",
    "is it dubbed in french",
    "who composed the music",
    "whats the theme song called",
    "who directed the pilot",
    "who wrote episode 3",
    "how old is maggie q",
    "is maggie q married",
    "does titus welliver have instagram",
    "who plays ballards partner",
    "does renee have a dog",
    "what happened to renees dad",
    "is mickey haller in it",
    "who else is joining the cast for s2",
    "any new cast members for season 2",
    "will the episodes drop weekly",
    "are all episodes out at once",
    "is ballard better than bosch",
    "what should i watch after ballard",
    "in what order should i watch the bosch shows",
    "how much is prime video a month",
    "did ballard win any awards",
    "was it nominated for an emmy",
    "is it free with an amazon account",
]


@pytest.mark.parametrize("question", ABOUT_UNKNOWNS)
def test_a_question_about_a_known_unknown_gets_no_fact(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).outcome != "answer"


def test_most_of_them_are_told_which_unknown(matcher: Matcher) -> None:
    """The fan hears "I don't know that yet" about the very topic, not a bare "no idea"."""
    told = [q for q in ABOUT_UNKNOWNS if matcher.match(q).unknown is not None]
    assert len(told) >= len(ABOUT_UNKNOWNS) * 8 // 10
