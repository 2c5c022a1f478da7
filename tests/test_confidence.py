"""Confidence that comes from the admin's examples: examples are authoritative, noise gets no
fact whatever facts exist, and every question of a message is accounted for."""

from __future__ import annotations

import datetime as dt
import math
import random
import typing
from pathlib import Path

import pytest

from bot.confidence import Model, features, shipped_model
from bot.deciding import EXAMPLE_CONFIDENCE
from bot.knowledge import load_knowledge
from bot.matching import ANSWER_THRESHOLD, Matcher
from bot.outcomes import Evidence
from bot.render import NO_MATCH, render_text
from tests.conftest import KNOWLEDGE_DIR, WriteKb

CHATTER = Path(__file__).parent / "data" / "chatter.txt"

# What the issue names as noise, and a few more of each kind
NOISE = [
    "2", "5", "100", "2025", "10/10", "3", "#1",
    "😂", "🔥", "👀", "😭😭", "🙏", "❤️",
    "ty bot", "thanks bot", "good bot", "bad bot", "thx", "thank you!!", "ok", "lol", "k",
    "hi", "hello", "hey there", "gm", "good night", "yo", "sup",
    "tell me a joke", "why did the chicken cross the road", "knock knock",
]  # fmt: skip


def chatter() -> list[str]:
    lines = CHATTER.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if line.strip()]


def _new_fact_base(write_kb: WriteKb) -> Matcher:
    """The shipped base plus a fact an admin adds with five examples: what the bot can do
    (the kind of fact that started answering thanks and greetings addressed to the bot)."""
    root = write_kb({}, with_source=False)
    for path in KNOWLEDGE_DIR.glob("*.yaml"):
        (root / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "bot.yaml").write_text(
        """\
facts:
  - id: bot-help
    answer: I answer questions about Ballard from news articles.
    status: official
    as_of: 2025-10-06
    sources: [renewal-announcement]
    questions:
      - what can this bot do
      - what can you do bot
      - how does this bot work
      - what do you know
      - can you help me
""",
        encoding="utf-8",
    )
    return Matcher(load_knowledge(root))


@pytest.mark.parametrize("message", NOISE)
def test_noise_gets_no_fact(matcher: Matcher, message: str) -> None:
    assert matcher.match(message).outcome != "answer"


def test_noise_gets_no_fact_from_a_new_fact_about_the_bot(write_kb: WriteKb) -> None:
    matcher = _new_fact_base(write_kb)
    assert matcher.match("what can this bot do").id == "bot-help"  # its own question
    answered = [m for m in NOISE if matcher.match(m).outcome == "answer"]
    assert answered == []


def test_the_chatter_corpus_gets_almost_no_fact(matcher: Matcher, write_kb: WriteKb) -> None:
    """624 chatter messages written blind (tests/data/chatter.txt). The matcher before the
    calibrated confidence answered 22 of them with a fact; at most 1 % may slip through."""
    lines = chatter()
    assert len(lines) > 500
    for base in (matcher, _new_fact_base(write_kb)):
        answered = [t for t in lines if base.match(t).outcome == "answer"]
        assert len(answered) <= len(lines) // 100, answered


def test_an_auto_answer_channel_leaves_a_fan_servers_chatter_alone(matcher: Matcher) -> None:
    """eval/chatter-2.txt: 398 lines of a fan server's chatter written blind (reactions that
    name facts, polls of the channel, plans, theories). Unasked, in an auto-answer channel,
    the bot speaks only to a question it is sure of: at most 2 % of them (6 when written,
    9 before channel polls were told apart)."""
    path = Path(__file__).parent.parent / "eval" / "chatter-2.txt"
    lines = [t for t in path.read_text(encoding="utf-8").splitlines() if t and t[0] != "#"]
    assert len(lines) > 350
    spoken = [text for text in lines if matcher.speaks_unasked(text)]
    assert len(spoken) <= len(lines) * 2 // 100, spoken


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("how many episodes are there?", True),  # (a known unknown, asked plainly)
        ("is there a season 3?", True),
        ("lol season 3 when", False),  # (below PASSIVE_THRESHOLD)
        ("what ep are you all on", False),  # (three known unknowns close together)
        ("anybody home?", False),  # (a greeting, not the characters' homes)
    ],
)
def test_unasked_the_bot_says_what_it_knows_it_does_not_know_only_when_sure(
    matcher: Matcher, text: str, said: bool
) -> None:
    """In an auto-answer channel a fan's plain question about a known unknown had got
    silence, as chatter does (a QA session found it): the known unknown is said when it
    ranks as surely as an answer must, clear of the rest."""
    result = matcher.match(text)
    assert result.sure_unasked is said and matcher.speaks_unasked(text) is said
    if said:
        assert result.outcome == "none" and result.unknown is not None


def test_every_example_question_gets_its_fact(kb, matcher: Matcher) -> None:
    """An example question is authoritative: asked as written, it is answered with its fact
    (unless two facts share its words, which `validate` warns about)."""
    wrong = [
        (q, fact.id, matcher.match(q).ids)
        for fact in kb.facts
        for q in fact.questions
        if matcher.match(q).id != fact.id
    ]
    assert wrong == []


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word[:i] + word[i + 1 :], word[:i] + word[i + 1] + word[i] + word[i + 2 :]])


def test_an_example_question_with_a_typo_gets_its_fact(kb, matcher: Matcher) -> None:
    rng = random.Random(7)
    misses = []
    total = 0
    for fact in kb.facts:
        for q in fact.questions:
            words = q.split()
            long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
            if not long:
                continue
            i = rng.choice(long)
            words[i] = _typo(words[i], rng)
            typed = " ".join(words)
            total += 1
            if matcher.match(typed).id != fact.id:
                misses.append((typed, fact.id))
    assert total > 60
    assert len(misses) <= total // 10, misses  # nine in ten at least


def test_confidence_is_a_probability_from_named_features(matcher: Matcher) -> None:
    model = shipped_model()
    best, ev = matcher.evidence("who plays renee ballard")
    assert best == "lead-actor" and ev is not None
    assert set(features(ev)) == set(model.names)
    p = model.probability(ev)
    assert 0.0 < p < 1.0
    again = Model.from_json(model.to_json())
    assert again.probability(ev) == pytest.approx(p)


def test_each_feature_is_read_from_the_evidence_under_its_own_name(matcher: Matcher) -> None:
    """The model's inputs are a tuple read by position (bot.confidence.feature_values, for
    speed), named by FEATURE_NAMES: a value written in another's place would be weighed
    silently with the wrong weight. Each name against the evidence, written out."""
    for message in (
        "who plays renee ballard",
        "my grandma asked where she can stream the maggie q cop show",
        "is it true bosch shows up in season 2 of ballard lol",
        "how many minutes did ballard get on nielsen last summer",
    ):
        _, ev = matcher.evidence(message)
        assert ev is not None
        question = float(ev.question)
        expected = {
            "score": ev.score,
            "runner_up": ev.runner_up,
            "margin": ev.score - ev.runner_up,
            "unknown_gap": ev.unknown - ev.score,
            "coverage": ev.coverage,
            "known_coverage": ev.known_coverage,
            "closeness": ev.closeness,
            "top3": ev.top3,
            "recall": ev.recall,
            "central": ev.central,
            "idf_mass": ev.idf_mass,
            "unknown_share": ev.unknown_share,
            "log_tokens": math.log1p(ev.tokens),
            "asked": float(ev.asked),
            "question": question,
            "own_words": float(ev.own_words),
            "on_topic": float(ev.on_topic),
            "short_question": question / max(1, ev.tokens),
            "short_statement": (1.0 - question) / max(1, ev.tokens),
            "named": float(ev.named),
            "smalltalk": ev.smalltalk,
        }
        assert features(ev) == expected, message


def test_the_evidence_is_built_with_each_value_in_its_own_field(matcher: Matcher) -> None:
    """Ranker.evidence builds Evidence by position (for speed): a value written in another
    field's place would go unnoticed by the type checker. Each field holds a value of its
    declared type, and the fields that repeat the best fact's ranking hold its values."""
    for message in (
        "who plays renee ballard",
        "my grandma asked where she can stream the maggie q cop show",
        "how many minutes did ballard get on nielsen last summer",
    ):
        best, ev = matcher.evidence(message)
        assert ev is not None
        for name, kind in typing.get_type_hints(Evidence).items():
            value = getattr(ev, name)
            wanted = kind
            assert type(value) is wanted, (message, name, value)
        [top] = [s for s in matcher.match(message).ranked if s.entry_id == best][:1]
        assert (ev.score, ev.coverage, ev.closeness, ev.own_words) == (
            top.confidence,
            top.coverage,
            top.closeness,
            top.own_words,
        ), message
        assert ev.explained == len(top.explained)


def test_every_question_of_a_message_is_accounted_for(matcher: Matcher) -> None:
    result = matcher.match("who plays ballard and will there be a season 3")
    assert result.outcome == "answer" and result.ids == ["lead-actor"]
    [unknown] = result.unanswered
    assert unknown.text == "will there be a season 3"
    assert unknown.result.unknown is not None and unknown.result.unknown.id == "season-3"
    both = matcher.match("who plays her and where can i watch it")
    assert both.ids == ["lead-actor", "where-to-watch"]  # in the message's order
    assert [p.text for p in both.parts] == ["who plays her", "where can i watch it"]
    assert both.unanswered == ()


@pytest.mark.parametrize(
    "message, told",
    [
        # "else" asks beyond the answer; "beat" and "narrator" are words no fact uses
        ("who plays ballard? what else was she in?", "what else was she in"),
        ("how did ballard do in the charts? who beat it?", "who beat it"),
        (
            "is ballard renewed? who's the voice of the narrator?",
            "who is the voice of the narrator",
        ),
    ],
)
def test_an_open_question_about_something_unknown_is_told_i_dont_know(
    matcher: Matcher, message: str, told: str
) -> None:
    """Nothing a fan asks is dropped without a word: an open question ranking no fact, beside
    one the bot answers, gets its own "I don't know" (bot.several.Several._opens)."""
    result = matcher.quoted(message, matcher.match(message))
    assert result.outcome == "answer"
    [unanswered] = result.unanswered
    assert unanswered.text == told and unanswered.result.outcome == "none"
    text = render_text(matcher.kb, result, dt.date(2026, 12, 7))
    assert f"About “{unanswered.quoted}”: {NO_MATCH}" in text


def test_a_question_told_i_dont_know_is_quoted_as_the_fan_wrote_it(matcher: Matcher) -> None:
    """ "who plays ballard? wat about s3??" had been told 'About “what about s 3”': the
    words as read. A clause that reads as the question alone is quoted as written; one
    holding Discord markup is quoted as read (a QA session, 7 December 2026)."""
    asked = "Who plays Ballard?? wat about S3?? What's her Instagram??"
    assert [p.quoted for p in matcher.match(asked).unanswered] == [
        "what about s 3",
        "what is her instagram",
    ]  # (quoted as written only for a reply about to be written: Matcher.quoted)
    result = matcher.quoted(asked, matcher.match(asked))
    assert [(p.text, p.quoted) for p in result.unanswered] == [
        ("what about s 3", "wat about S3"),
        ("what is her instagram", "What's her Instagram"),
    ]
    text = render_text(matcher.kb, result, dt.date(2026, 12, 7))
    assert "About “wat about S3”:" in text and "About “What's her Instagram”:" in text
    marked = matcher.quoted(
        "who plays ballard? **wat about s3**??",
        matcher.match("who plays ballard? **wat about s3**??"),
    )
    assert [p.quoted for p in marked.unanswered] == ["what about s 3"]


@pytest.mark.parametrize(
    "message",
    [
        "is ballard renewed? who even cares?",  # asked for effect
        "is it renewed? who would've thought?",
        "when's s2 out? what a time to be alive?",
        "when did it premiere? where does the time go?",
        "who plays ballard? who else thinks she's amazing?",  # asks the channel
        "who plays ballard? did you guys watch it yet?",
        "where can i watch ballard? how cool is that?",  # "how" exclaims as often
        "who are the showrunners? who are they?",  # no word of its own: the answer's subject
    ],
)
def test_a_question_asked_for_effect_or_of_the_channel_gets_no_line(
    matcher: Matcher, message: str
) -> None:
    result = matcher.match(message)
    assert result.outcome == "answer" and len(result.ids) == 1
    assert result.unanswered == (), [p.text for p in result.unanswered]


def test_where_chat_reads_as_a_question_the_surest_answer_leads(matcher: Matcher) -> None:
    # "which made me super nervous" reads as a question about the renewal's uncertainty;
    # the fan's question is the one after it, which the bot is surest of
    mixed = matcher.match(
        "Maggie Q said in some interview there was no guarantee they'd get renewed which made "
        "me super nervous, but my coworker Dev swears it got announced in October. which one "
        "is it, is s2 actually confirmed or not?"
    )
    assert mixed.outcome == "answer" and mixed.ids[0] == "season2-renewal"
    surest = max(mixed.parts, key=lambda p: p.result.confidence)
    assert surest.result.ids == ["season2-renewal"]
    # (the reply's confidence is its least sure answer's, here the message's as a whole,
    # which brought the second answer: see bot.several)
    assert len(mixed.ids) == 2 and mixed.confidence < surest.result.confidence
    # a message of questions only keeps their order, whatever the bot is surest of
    listed = matcher.match("1) what will season 2 be about 2) when will it come out pls")
    assert listed.ids == ["season2-story", "season2-release-date"]


def test_a_question_inside_chatter_is_found(matcher: Matcher) -> None:
    result = matcher.match(
        "ok so i just finished the whole thing in two nights and my sister keeps texting me "
        "about it 😭 anyway where can i watch ballard again, my prime trial ran out"
    )
    assert result.id == "where-to-watch" and result.confidence >= ANSWER_THRESHOLD


def test_a_word_no_fact_uses_does_not_sink_a_clear_question(write_kb: WriteKb) -> None:
    facts = """\
facts:
  - id: card-arrival
    answer: Cards arrive within 5 working days.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - when will my card arrive
      - my card has not arrived yet
      - how long does the card take to come
      - where is my new card
  - id: card-pin
    answer: Your PIN is in the app.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - where do i find my pin
      - i forgot my card pin
      - how do i see my pin
"""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": facts})))
    assert matcher.match("when will my card arrive in lisbon").id == "card-arrival"
    assert matcher.match("my card from 14 march has not arrived yet").id == "card-arrival"


def test_chat_spellings_are_understood_in_a_base_without_vocabulary(write_kb: WriteKb) -> None:
    """A new domain's admin writes no vocabulary: "u", "mins", "yrs" still mean what they say
    (bot/data/contractions.txt), and chat filler ("tbh", "ngl") says nothing."""
    facts = """\
facts:
  - id: ride-time
    answer: A ride can last 45 minutes.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - how many minutes can i ride
      - how long can a ride last
      - what is the time limit for one ride
  - id: age-limit
    answer: Riders must be 16 years or older.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - how old do i have to be to ride
      - what is the minimum age for riders
      - can a 14 year old ride
"""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": facts})))
    assert matcher.match("how many mins can u ride").id == "ride-time"
    assert matcher.match("can a 14 yr old ride tbh").id == "age-limit"
    assert matcher.match("ngl idk tbh").outcome == "none"
    # "pls" is "please", a stopword: not a word of its own that sinks a terse request
    for message in ["ride time limit pls", "min age plz"]:
        said = matcher.match(message)
        spelt = matcher.match(message.replace("pls", "please").replace("plz", "please"))
        assert (said.outcome, said.ids, said.confidence) == (
            spelt.outcome,
            spelt.ids,
            spelt.confidence,
        )


@pytest.mark.parametrize(
    "message",
    [
        "I lost my member key somewhere in the park yesterday. What should I do?",
        "lost my member key on the bus this morning, ugh. what now?",
        "my member key is missing since the weekend. can you help?",
    ],
)
def test_a_question_that_points_back_is_about_what_the_message_says(
    write_kb: WriteKb, message: str
) -> None:
    """ "what should i do" asks about what the rest of the message says: those words count
    as much as the question's own."""
    facts = """\
facts:
  - id: lost-key
    answer: Report a lost member key in the app; a new one costs 5.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - i lost my member key
      - what happens if my key gets lost
      - how do i replace a lost member key
      - my member key is missing
  - id: opening-hours
    answer: We are open from 6 to 22.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - when are you open
      - what are your opening hours
      - are you open on sundays
"""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": facts})))
    result = matcher.match(message)
    assert result.outcome == "answer" and result.id == "lost-key"


def test_the_shipped_model_file_names_its_training_command() -> None:
    import json
    from importlib import resources

    data = json.loads(resources.files("bot").joinpath("data/confidence.json").read_text())
    assert data["about"]["command"].startswith("python tools/train_confidence.py")
    assert data["about"]["rows"] > 5000


TAUGHT = {  # wordings a moderator teaches, as /faq teach will
    "lead-actor": ["which actress is the woman playing the detective"],
    "where-to-watch": ["is it on amazon's streaming thing or somewhere else"],
    "season2-renewal": ["did the network order more episodes of this"],
    "reviews": ["what do the professional critics make of it"],
    # season 2's facts require "season 2" in a question; a taught example that does not say
    # it is still the admin's word for its fact
    "season2-release-date": ["when is the sophomore outing of ballard slated to debut"],
    "season2-story": ["have the creators disclosed the arc for the follow-up"],
    # examples of one word, not asked as questions
    "season1-premiere": ["premiere date"],
    "producers": ["michael connelly"],
}


def _taught_base(write_kb: WriteKb) -> Matcher:
    import yaml

    root = write_kb({}, with_source=False)
    for path in KNOWLEDGE_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        doc = yaml.safe_load(text) or {}
        for fact in doc.get("facts", []):
            fact["questions"] += TAUGHT.get(fact["id"], [])
        (root / path.name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return Matcher(load_knowledge(root))


def test_taught_examples_are_answered_and_false_answers_do_not_rise(
    matcher: Matcher, write_kb: WriteKb
) -> None:
    from bot.evaluation import read_labelled

    taught = _taught_base(write_kb)
    rng = random.Random(3)
    for fact_id, wordings in TAUGHT.items():
        for wording in wordings:
            assert taught.match(wording).id == fact_id
            long = max(wording.split(), key=len)
            assert taught.match(wording.replace(long, _typo(long, rng))).id == fact_id
    nones = [
        it.question
        for it in read_labelled(Path(__file__).parent.parent / "eval" / "blind-2.jsonl")
        if not it.in_scope
    ] + chatter()
    before = sum(matcher.match(q).outcome == "answer" for q in nones)
    after = sum(taught.match(q).outcome == "answer" for q in nones)
    assert after - before <= len(nones) // 100


def test_a_taught_example_that_does_not_say_what_its_fact_requires_is_only_itself(
    write_kb: WriteKb,
) -> None:
    taught = _taught_base(write_kb)
    assert taught.match("when is the sophomore outing of ballard slated to debut").id == (
        "season2-release-date"
    )
    # other questions without "season 2" are about season 1, as before
    assert taught.match("when is the sophomore outing of ballard").id != "season2-release-date"
    assert taught.match("when does it come out").id == "season1-premiere"


@pytest.mark.parametrize("message", ["premiere date", "Premiere date!", "premire date"])
def test_a_one_word_example_asked_as_written_gets_its_fact(write_kb: WriteKb, message: str) -> None:
    assert _taught_base(write_kb).match(message).id == "season1-premiere"


@pytest.mark.parametrize("message", ["premiere dates were a mess lol", "date"])
def test_a_message_sharing_a_one_word_examples_word_is_not_that_example(
    write_kb: WriteKb, message: str
) -> None:
    taught = _taught_base(write_kb)
    assert taught.match(message).outcome != "answer"


NAMED_FACTS = """\
facts:
  - id: day-pass
    answer: A day pass costs $12 and lasts 24 hours.
    status: official
    as_of: 2025-10-06
    sources: [article]
    keywords: [harbour pass, day ticket, how long, come from, pass]
    questions:
      - how much is a pass for one day
      - what does a 24 hour ticket cost
      - can i ride all day on one ticket
  - id: annual-pass
    answer: The annual membership costs $90.
    status: official
    as_of: 2025-10-06
    sources: [article]
    keywords: [yearly membership, membership]
    questions:
      - how much is a membership for a year
      - what does the annual plan cost
      - is there a yearly subscription
"""


@pytest.mark.parametrize("message", ["harbour pass", "Harbour pass!", "harbor pass", "day ticket"])
def test_a_message_saying_only_a_keyword_name_gets_its_fact(
    write_kb: WriteKb, message: str
) -> None:
    """A keyword of several words is a name the admin gave the fact: said alone, as written
    or with a typo, it asks for that fact, as an example question would."""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": NAMED_FACTS})))
    result = matcher.match(message)
    assert (result.outcome, result.id) == ("answer", "day-pass")


@pytest.mark.parametrize(
    "message",
    [
        "how long",  # a keyword with a function or question word is said in passing
        "come from",
        "pass",  # a keyword of one common word is a word, not a name
        "harbour pass was so fun today lol",  # more than the name
    ],
)
def test_a_keyword_said_in_passing_is_not_a_name(write_kb: WriteKb, message: str) -> None:
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": NAMED_FACTS})))
    assert matcher.match(message).confidence < EXAMPLE_CONFIDENCE


@pytest.mark.parametrize("message", ["membership", "Membership?", "membrship"])
def test_a_keyword_of_one_rare_word_said_alone_is_a_name(write_kb: WriteKb, message: str) -> None:
    """A keyword of one word rarer in English than RARE_NAME_ZIPF ("membership", 4.5) names
    its fact said alone, as written or with a typo; "pass" (5.0) does not (above)."""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": NAMED_FACTS})))
    result = matcher.match(message)
    assert (result.outcome, result.id) == ("answer", "annual-pass")
    assert result.confidence >= EXAMPLE_CONFIDENCE


@pytest.mark.parametrize(
    "message", ["season 2 happening", "Season 2 happening??", "is season 2 happening"]
)
def test_a_name_gets_its_fact_even_when_another_ranks_first(matcher: Matcher, message: str) -> None:
    """The renewal's keyword "season 2 happening": the plot's examples ("what happens in the
    next season") share its stemmed words and rank first, but the name the admin gave wins,
    said alone or with one function word."""
    result = matcher.match(message)
    assert (result.outcome, result.id) == ("answer", "season2-renewal")
    assert result.confidence >= EXAMPLE_CONFIDENCE


@pytest.mark.parametrize("message", ["season 3 happening", "is season 3 happening"])
def test_a_number_in_a_name_takes_no_typo(matcher: Matcher, message: str) -> None:
    """The message "season 3 happening" is one letter from the renewal's name "season 2
    happening", but a number is not misspelt: it is the known unknown about season 3, at
    its own confidence."""
    result = matcher.match(message)
    assert result.outcome == "none"
    assert result.unknown is not None and result.unknown.id == "season-3"
    assert result.confidence < EXAMPLE_CONFIDENCE


@pytest.mark.parametrize(
    "message", ["long day", "is there more coming", "ngl ballard slaps, is there more coming"]
)
def test_a_piece_of_a_keyword_said_in_passing_names_nothing(matcher: Matcher, message: str) -> None:
    """ "how long" and "come from" are keywords of the premiere and the source books, but
    "long" and "come" alone are everyday words: a message made of them is no more about
    those facts than any other, where it had got them at 0.88 and 0.95."""
    assert matcher.match(message).outcome != "answer"


def test_shipped_names_said_alone_get_their_fact(matcher: Matcher) -> None:
    for message, fact_id in [
        ("maggie q", "lead-actor"),
        ("rotten tomatoes", "reviews"),
        ("titus welliver", "bosch-appearance"),
        ("executive producer", "producers"),
        ("viewership", "viewership"),  # keywords of one rare word
        ("cast", "cast"),
        ("synopsis", "premise"),
    ]:
        assert matcher.match(message).id == fact_id, message
    # ...not keywords of one common word ("good" is a keyword of the reviews)
    for word in ["good", "love", "money", "phone"]:
        assert matcher.match(word).outcome != "answer", word
    # a keyword said in passing is no name: answered, if at all, only as confidently as the
    # calibrated confidence says
    assert matcher.match("since when").confidence < EXAMPLE_CONFIDENCE
    # nor is a name said with an emoji: a fan's reaction, not a request
    for reaction in ["MAGGIE Q 😍", "maggie q <:heart:123456789>", "rotten tomatoes 🍅"]:
        assert matcher.match(reaction).outcome != "answer", reaction


def test_a_small_talk_words_stem_that_is_another_word_is_not_small_talk(
    write_kb: WriteKb,
) -> None:
    """Small talk is read by stems: "tired" stems to "tire", which is another everyday
    word, so "tire" is not small talk (nor are "wonder", "die" or "fact", through
    "wonderful", "dying" or "facts"); "happy" still is."""
    facts = """\
facts:
  - id: flat-tire
    answer: Dock the bike and report it in the app.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - what do i do if my tire is flat
      - the bike has a puncture
"""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": facts})))
    _best, tire = matcher.evidence("bike tire broke")
    _best, happy = matcher.evidence("so happy with this bike")
    assert tire is not None and happy is not None
    assert tire.smalltalk == 0.0
    assert happy.smalltalk > 0.0


def test_a_small_talk_word_the_facts_examples_use_is_its_word_in_a_question(
    write_kb: WriteKb,
) -> None:
    """ "night" is small talk in "good night" but the fact's own word in "how much for a
    night of boarding?" when its examples say it: in a question, a word of small talk that
    the best fact's examples use is not counted as small talk. A message that asks nothing
    keeps it ("miss you guys" is no question about missing a sailing)."""
    facts = """\
facts:
  - id: boarding-prices
    answer: Boarding is 45 pounds a night.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - how much does boarding cost per night
      - boarding prices
  - id: missed-sailing
    answer: Show your ticket at the desk and we rebook you on the next sailing.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - what happens if i miss my sailing
      - i missed the ferry
"""
    matcher = Matcher(load_knowledge(write_kb({"facts.yaml": facts})))
    _best, asked = matcher.evidence("how much for a night of boarding?")
    _best, greeting = matcher.evidence("good night all")
    _best, said = matcher.evidence("miss you guys")
    assert asked is not None and greeting is not None and said is not None
    assert asked.smalltalk == 0.0
    assert greeting.smalltalk > 0.0  # "good" no example uses; no question
    assert said.smalltalk > 0.0  # "miss" an example uses, but nothing is asked
