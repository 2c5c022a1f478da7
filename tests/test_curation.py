"""The review queue's grouping and proposals, on realistic wordings (pure: no Discord)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.curation import (
    Asked,
    Evidence,
    Queue,
    entry_named,
    explain,
    group_questions,
    idle_example,
    proposals,
    taken_from,
)
from bot.knowledge import load_knowledge
from bot.learned import LEARNED_FILE, LearnedFile, Refused, repeated_unknown
from bot.matching import Matcher
from tests.conftest import KNOWLEDGE_DIR, shipped_with_examples

T0 = datetime(2026, 12, 1, tzinfo=UTC)
DAY = T0.date()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target, ignore=shutil.ignore_patterns(LEARNED_FILE))
    return target


def asked(*questions: str, guild: int | None = 1) -> list[Asked]:
    return [Asked(q, T0 + timedelta(minutes=n), guild) for n, q in enumerate(questions)]


def groups_of(matcher: Matcher, *questions: str) -> list[set[str]]:
    found, _ = group_questions(matcher, asked(*questions), keep_answered=True)
    return [{w for w, _ in g.wordings} for g in found]


@pytest.mark.parametrize(
    "wordings",
    [
        ("is there a trailer", "trailer when??", "any teaser for s2"),
        ("what's the theme song?", "who sings the theme song", "theme song name?"),
        ("how tall is maggie q", "how old is maggie q"),
        ("s2 info", "season 2 info??"),
        ("Is there a SEASON 3??", "will there be a season 3", "is there a season 3?"),
    ],
)
def test_wordings_of_one_question_form_one_group(matcher: Matcher, wordings: tuple[str, ...]):
    assert groups_of(matcher, *wordings) == [set(wordings)]


@pytest.mark.parametrize(
    "questions",
    [
        ("who plays ballard", "where to watch"),
        ("any teaser for s2", "s2 info"),  # a known unknown and a close call share "s2"
        ("is there a trailer", "what's the theme song?"),
        ("will bosch legacy be back", "how tall is maggie q"),
    ],
)
def test_different_questions_stay_apart(matcher: Matcher, questions: tuple[str, ...]):
    assert sorted(map(sorted, groups_of(matcher, *questions))) == sorted([q] for q in questions)


def test_counts_dates_dms_and_the_most_asked_wording(matcher: Matcher):
    log = [
        *asked("trailer when??", "is there a trailer", guild=1),
        Asked("is there a trailer", T0 + timedelta(days=2), None),
        Asked("any teaser for s2", T0 + timedelta(days=1), 1),
    ]
    [group], answered = group_questions(matcher, log)
    assert answered == 0
    assert (group.count, group.dms) == (4, 1)
    assert group.question == "is there a trailer" and group.wordings[0] == ("is there a trailer", 2)
    assert (group.first, group.last) == (T0, T0 + timedelta(days=2))
    assert group.unknown is not None and group.unknown.id == "trailer"
    # its id comes from its first wording: it stays as new wordings join
    soon = Asked("trailer soon?", T0 + timedelta(days=3), 1)
    [later], _ = group_questions(matcher, [*log, soon])
    assert later.id == group.id and later.count == 5


def test_what_is_answered_now_drops_out_and_dismissed_wordings_stay_out(matcher: Matcher):
    found, answered = group_questions(
        matcher, asked("who plays ballard", "where can i watch it", "is there a trailer", "s2 info")
    )
    assert answered == 2
    assert [g.question for g in found] == ["s2 info", "is there a trailer"]  # unknowns last
    s2 = found[0]
    assert [f.id for f in s2.likely][:3] == [
        "season2-renewal",
        "season2-release-date",
        "season2-story",
    ]
    rest, _ = group_questions(matcher, asked("s2 info", "is there a trailer"), dismissed=s2.keys)
    assert [g.question for g in rest] == ["is there a trailer"]


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, ""),
        (1, "1 question asked earlier is answered now"),
        (3, "3 questions asked earlier are answered now"),
    ],
)
def test_the_questions_answered_now_are_counted_in_words(n: int, words: str):
    """The queue had said "1 asked earlier are answered now"."""
    assert Queue(now_answered=n).now_answered_words() == words


def test_picks_and_retries_become_proposals_with_their_evidence(matcher: Matcher):
    # a "did you mean" ("s2 filming in cali or somewhere else?" until the second admin batch)
    q = "s2 in cali or georgia?"
    evidence = [Evidence(q, "season2-production", user, T0, "pick") for user in (1, 2, 2, 3)] + [
        Evidence(q.upper(), "season2-production", 4, T0 + timedelta(hours=1), "retry"),
        Evidence("who plays ballard", "cast", 5, T0, "pick"),  # another fact's example
        Evidence(q, "gone-fact", 6, T0, "pick"),
    ]
    [proposal] = proposals(matcher, evidence)
    assert (proposal.fact.id, proposal.picks, proposal.retries) == ("season2-production", 3, 1)
    assert proposal.evidence() == (
        f"3 fans who asked “{q}” picked “{proposal.fact.heading}”; 1 fan voted 👎 on the "
        f"answer to “{q}” and, asking again, got “{proposal.fact.heading}”"
    )
    assert proposals(matcher, evidence, rejected={(proposal.key, "season2-production")}) == []
    # what the knowledge base already answers with that fact is not proposed
    assert proposals(matcher, [Evidence("who plays ballard", "lead-actor", 1, T0, "pick")]) == []


def test_explain_says_what_a_taught_question_gets(matcher: Matcher):
    assert explain(matcher, "who plays ballard", "lead-actor") == (
        f"Now answered with “{matcher.kb.fact('lead-actor').heading}”."
    )
    assert explain(matcher, "is there a trailer", "trailer").startswith(
        "Now answered with “I don't know that yet” about trailers"
    )
    closer = explain(matcher, "who plays ballard", "cast")
    assert closer.startswith("Still not answered with 'cast': it gets “Who plays Renee Ballard?”")
    assert closer.endswith("(another entry's example or keywords are closer).")
    assert "close call" in explain(matcher, "s2 info", "season2-story")


def test_explain_warns_when_a_taught_question_names_another_show(tmp_path: Path) -> None:
    """Taught "anyone from abbott elementary in this?", the cast now explains that show's
    name: the moderator is told, as `validate` tells an admin. (Written for this test.)"""
    question = "anyone from abbott elementary in this?"
    root = shipped_with_examples(tmp_path / "knowledge", {"cast": [question]}, "learned.yaml")
    taught = Matcher(load_knowledge(root))
    said = explain(taught, question, "cast")
    assert said.startswith(f"Now answered with “{taught.kb.fact('cast').heading}”. ⚠️ ")
    assert "It names abbott elementary, which the answer does not mention" in said
    assert "`/faq forget`" in said
    # a show the answer is about is no warning
    assert "⚠️" not in explain(taught, "is bosch in ballard", "bosch-appearance")


def test_teaching_says_what_it_took_from_another_fact(matcher: Matcher) -> None:
    """ "is it on prime" taught to the cast (a slip of autocomplete) had been told only "Now
    answered with the cast", while fans asking where to watch it now got the cast. The reply
    says which answer it took the question from."""
    assert taken_from(matcher, "is it on prime", "cast") == (
        "⚠️ Before, it was answered with “Where can I watch Ballard?”. If that answer was "
        "right, `/faq forget` this question."
    )
    # taught to the fact it already got, or a question nothing answered: nothing taken
    assert taken_from(matcher, "who plays ballard", "lead-actor") == ""
    assert taken_from(matcher, "what is the weather", "cast") == ""


def test_explain_warns_when_a_taught_question_is_chat(tmp_path: Path) -> None:
    """Taught "thanks bot", the cast answers every member who thanks the bot that way: the
    moderator is told, as `validate` tells an admin; taught "lol", a reaction the bot never
    answers, nothing changes, and the moderator is told why. (Found trying `validate` as
    an admin on 7 December 2026.)"""
    root = shipped_with_examples(
        tmp_path / "knowledge", {"cast": ["thanks bot", "lol"]}, "learned.yaml"
    )
    taught = Matcher(load_knowledge(root))
    said = explain(taught, "thanks bot", "cast")
    assert said == (
        f"Now answered with “{taught.kb.fact('cast').heading}”. ⚠️ It reads as thanks to "
        "the bot, not a question: every member who says it now gets this answer. `/faq "
        "forget` it if that is not what you meant."
    )
    assert explain(taught, "lol", "cast") == (
        "Still not answered with 'cast': it gets the bot's courtesy reply (it reads as a fan "
        "reacting, which never gets a fact)."
    )
    # a question taught is no warning
    assert "⚠️" not in explain(taught, "who is in the cast", "cast")


@pytest.mark.parametrize(
    ("question", "entry", "gets"),
    [
        # a greeting: the bot's courtesy reply whatever its examples say
        ("hi there", "cast", "the bot's courtesy reply (it reads as a greeting, which never"),
        # a question word alone between markup: nothing the matcher can read
        ("*who", "lead-actor", "“I don't know that yet” (it reads as chatter or is too vague"),
        ("{who}", "lead-actor", "“I don't know that yet” (it reads as chatter or is too vague"),
        # a new known unknown's example that reads as a greeting
        ("hi there", "maggie-q-s-pets", "the bot's courtesy reply (it reads as a greeting, which"),
    ],
)
def test_an_example_that_would_do_nothing_is_not_written(
    folder: Path, question: str, entry: str, gets: str
) -> None:
    """Taught, these had been written, and the reply said "Still not answered … `/faq
    forget` it" (a QA session found it): the check runs before writing, and says why."""
    learned = LearnedFile(folder)
    with pytest.raises(Refused) as info:
        if entry == "maggie-q-s-pets":
            learned.add_unknown(question, "maggie q's pets", "mod", DAY, (), idle_example)
        else:
            learned.teach(question, entry, "mod", DAY, idle_example)
    said = str(info.value)
    assert said.startswith(
        f"Not taught: even as an example of '{entry}', “{question}” would get {gets}"
    ), said
    assert "so it would do nothing there: " in said and "\n" not in said
    assert not (folder / LEARNED_FILE).exists()
    # what an example does is written, and the check keeps out of the way
    assert learned.teach("who is the boss lady", "lead-actor", "mod", DAY, idle_example)
    assert learned.add_unknown(
        "is there a ballard board game", "games", "mod", DAY, (), idle_example
    )


@pytest.mark.parametrize(
    "given",
    [
        "lead-actor",
        "LEAD-ACTOR",
        " lead-actor ",
        "lead actor",
        "Who plays Renee Ballard?",
        "who plays renee ballard",
        "Who plays Renee Ballard? (lead-actor)",
    ],
)
def test_a_fact_is_named_whatever_the_case_and_spaces(matcher: Matcher, given: str) -> None:
    """`/faq teach` had written what it was given as an id ("LEAD-ACTOR", "lead actor", the
    title in lower case), refused by the loader as "not an id" (a QA session found it)."""
    assert entry_named(matcher.kb, given) == "lead-actor"


def test_a_name_that_is_no_entry_suggests_the_closest(matcher: Matcher) -> None:
    assert entry_named(matcher.kb, "don't know: trailers, teasers and first looks") == "trailer"
    with pytest.raises(Refused) as info:
        entry_named(matcher.kb, "lead actors")
    assert str(info.value) == (
        "No fact or known unknown is called 'lead actors'. Did you mean `lead-actor`?"
    )
    with pytest.raises(Refused) as info:
        entry_named(matcher.kb, "zzz")
    assert str(info.value) == (
        "No fact or known unknown is called 'zzz': name one by its id or its title."
    )


def test_a_known_unknown_the_base_has_is_not_made_again(matcher: Matcher) -> None:
    """A note that names a known unknown of the base ("trailer") makes no second one
    ("trailer-2", as a helper session curating as a moderator made); another note does."""
    assert repeated_unknown(matcher.kb, "Trailer") == (
        "A known unknown about trailers, teasers and first looks (`trailer`) exists: teach "
        "the question to `trailer` instead."
    )
    assert repeated_unknown(matcher.kb, "the dog's voice actor") is None


@pytest.mark.parametrize("note", ["where to watch", "Where-To-Watch", "Where can I watch Ballard?"])
def test_a_note_naming_a_fact_makes_no_known_unknown(matcher: Matcher, note: str) -> None:
    """A note naming a fact (its id or its title) had made the known unknown
    `where-to-watch-2` (`ballard-bot review --unknown N="where to watch"`), and the question
    taught to it was told "I don't know that yet" about where to watch, beside the fact that
    says it: refused, naming the fact to teach it to."""
    assert repeated_unknown(matcher.kb, note) == (
        "`where-to-watch` is a fact (“Where can I watch Ballard?”), not something the sources "
        "do not say: teach the question to `where-to-watch` instead, or say what it asks that "
        "the fact does not answer."
    )
    assert repeated_unknown(matcher.kb, "where to watch it dubbed") is None


@pytest.mark.parametrize(
    ("note", "same"),
    [
        # in another case, the plural, after an article or a determiner (a QA session had
        # made `trailers` and `the-trailers` beside `trailer`)
        ("Trailers", "trailer"),
        ("the trailers", "trailer"),
        ("  THE  Trailer. ", "trailer"),
        ("any awards", "awards"),
        # an unknown's note, not only its id, as it is written
        ("Awards and nominations", "awards"),
        ("trailer music", None),
    ],
)
def test_a_note_naming_a_known_unknown_in_other_words_is_refused(
    matcher: Matcher, note: str, same: str | None
) -> None:
    said = repeated_unknown(matcher.kb, note)
    if same is None:
        assert said is None
    else:
        unknown = matcher.kb.entry(same)
        assert said == (
            f"A known unknown about {unknown.note} (`{same}`) exists: teach the question to "
            f"`{same}` instead."
        )


def test_notes_with_no_latin_letters_are_compared_as_written(tmp_path: Path) -> None:
    """ "🎮" had made the id `unknown`, and then "🎲" and "漫画" were refused as that one (a
    QA session): each is its own known unknown; the same note again is refused."""
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder, ignore=shutil.ignore_patterns(LEARNED_FILE))
    learned = LearnedFile(folder)
    made = []
    for note, question in (
        ("🎮", "is there a ballard video game"),
        ("🎲", "is there a ballard board game"),
        ("漫画", "is there a ballard comic"),
    ):
        matcher = Matcher(load_knowledge(folder))
        assert repeated_unknown(matcher.kb, note) is None, note
        made.append(learned.add_unknown(question, note, "mod", DAY, matcher.kb.ids).entry_id)
    kb = load_knowledge(folder)
    assert len(set(made)) == 3 and [kb.entry(i).note for i in made] == ["🎮", "🎲", "漫画"]
    said = repeated_unknown(kb, " 🎲 ")
    assert said is not None and f"(`{made[1]}`) exists" in said


def test_explain_warns_when_a_taught_question_says_a_known_unknowns_word(
    tmp_path: Path,
) -> None:
    """Taught "who plays the dog", the cast took "dog", a word fans ask the known unknown
    about the characters with: "what is the dog's name" left it for the cast (a helper
    session curating as a moderator). validate said so; the reply to /faq teach says so."""
    root = shipped_with_examples(
        tmp_path / "knowledge", {"cast": ["who plays the dog"]}, "learned.yaml"
    )
    said = explain(Matcher(load_knowledge(root)), "who plays the dog", "cast")
    assert said.endswith(
        "⚠️ It says 'dog', a word fans ask the known unknown 'character-details' with, and "
        "nothing else of this fact says it: questions about that may get this fact; reword "
        "the example without it if the answer is not about that."
    ), said


THEME_SONG = (
    "what's the theme song?",
    "who sings the theme song",
    "theme song name?",
    "what is the theme song called",
)


def test_one_known_unknown_does_not_group_unrelated_questions(matcher: Matcher):
    """ "where was the beach scene filmed" is read as the same known unknown as the theme
    song's wordings (music-and-crew, by "scene" and "filmed"), but asks about a beach, which
    that known unknown does not explain, and shares no word with them: it had been grouped
    with them, so teaching or dismissing the theme song acted on the beach too."""
    beach = "where was the beach scene filmed"
    unknowns = [matcher.match(q).unknown for q in (*THEME_SONG, beach)]
    assert {u.id if u else None for u in unknowns} == {"music-and-crew"}
    assert sorted(map(sorted, groups_of(matcher, *THEME_SONG, beach))) == sorted(
        [sorted(THEME_SONG), [beach]]
    )


def test_wordings_a_known_unknown_wholly_explains_go_together(matcher: Matcher):
    """ "any teaser for s2" shares no word with "is there a trailer", but the known unknown
    they are both read as says every word of each (its keywords: trailer, teaser): one
    question, one group."""
    found, _ = group_questions(matcher, asked("is there a trailer", "any teaser for s2"))
    [group] = found
    assert group.unknown is not None and group.unknown.id == "trailer"
    assert {w for w, _ in group.wordings} == {"is there a trailer", "any teaser for s2"}


def test_a_group_taught_to_its_known_unknown_reads_as_taught_in_discord(folder: Path):
    """The queue in Discord said "still not answered" of a question taught to the known
    unknown it now gets, as if teaching had failed; one taught that still gets something else
    is still said so."""
    from bot.exts._review import group_text

    (folder / LEARNED_FILE).write_text(
        "examples:\n  trailer:\n    - trailer news\n    - hi there\n", encoding="utf-8"
    )
    groups, _ = group_questions(Matcher(load_knowledge(folder)), asked("trailer news", "hi there"))
    by_question = {g.question: g for g in groups}
    taught = by_question["trailer news"]
    assert taught.taught_unknown
    assert "· already a known unknown: `trailer` · taught to it (learned.yaml:3)" in (
        group_text(1, taught)
    )
    missed = by_question["hi there"]  # (a greeting: the courtesy reply)
    assert not missed.taught_unknown
    assert "· an example of `trailer` (learned.yaml:4), still not answered" in group_text(2, missed)
