"""The English word lists of bot/data/ are well-formed, and every problem is reported at once."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from bot import wordlists
from bot.frames import CLOCK_FRAMES, GAP, GENERAL_FRAMES, OR, Frames, frame_words
from bot.reading import _ALTERNATIVES, _JOINERS, _RUNON_OPENERS
from bot.text import _RELATIVES, RELATIVE, words
from bot.vocabulary_tables import _PARTICLES, DETERMINERS
from bot.word_classes import (
    CONTRACTIONS,
    LEADERS,
    NUMBER_WORDS,
    ORDINALS,
    QUESTION_STARTERS,
    QUESTION_WORDS,
    STOPWORDS,
)

DATA = Path(wordlists.__file__).parent / "data"
WORD_LISTS = [
    "stopwords.txt",
    "question_words.txt",
    "question_starters.txt",
    "leaders.txt",
    "interjections.txt",
    "joiners.txt",
    "alternatives.txt",
    "subject_pronouns.txt",
    "back_pronouns.txt",
    "hedges.txt",
    "smalltalk.txt",
    "runon_openers.txt",
    "runon_subjects.txt",
    "clause_subjects.txt",
    "reason_openers.txt",
    "purpose_openers.txt",
    "unguessed_openers.txt",
    "indirect_openers.txt",
    "tags.txt",
    "tone_tags.txt",
    "request_words.txt",
    "particles.txt",
    "copulas.txt",
    "demonstratives.txt",
    "determiners.txt",
    "general_frame_openers.txt",
    "other_brands.txt",
    "clock_words.txt",
    "relative_pronouns.txt",
    "price_questions.txt",
    "currencies.txt",
    "no_charge.txt",
    "pick_words.txt",
    "open_questions.txt",
    "beyond_words.txt",
]
TABLES = [
    "contractions.txt",
    "chat_abbreviations.txt",
    "apostrophes.txt",
    "number_words.txt",
    "ordinals.txt",
    "runon_who.txt",
    "laughs.txt",
]
OWN_CHECKS = [
    "courtesy.txt",  # kinds of wordings: tests/test_courtesy.py checks it
    "reactions.txt",  # kinds of words: tests/test_courtesy.py checks it
    "channel_polls.txt",  # kinds of phrases: tests/test_courtesy.py checks it
    "capitals.txt",  # words in capitals: tests/test_text.py checks it
    "contractions_before.txt",  # kinds of words: tests/test_text.py checks it
    "filler_phrases.txt",  # phrases: checked below
    "announcers.txt",  # phrases: checked below
    "request_wrappers.txt",  # kinds of phrases: checked below
    "request_openers.txt",  # phrases: checked below
    "indirect_askers.txt",  # phrases: checked below
    "quantity_questions.txt",  # phrases: checked below
    "topic_questions.txt",  # phrases: checked below
    "tenses.txt",  # a tense and its phrases: checked below
    "exclamations.txt",  # phrases: checked below
    "rhetorical_questions.txt",  # phrases: checked below
    "general_frames.txt",  # frames: checked below
    "clock_questions.txt",  # frames: checked below
    "chatter_check.txt",  # chat lines: checked below
    "texting.txt",  # texted spellings (letters and digits): checked below
    "texted_digits.txt",  # a digit, its word, a side and words: checked below
    "time_words.txt",  # days and months in order, and spans: checked below
    "faq_synonyms.txt",  # groups of words: tests/test_faq_synonyms.py checks it
    "confusables.txt",  # groups of words: checked below
    "other_languages.txt",  # a language and its words: tests/test_languages.py checks it
    "source_requests.txt",  # phrases: tests/test_picking.py checks it
    "answer_remarks.txt",  # kinds of phrases: tests/test_picking.py checks it
]
_WORD = re.compile(r"[a-z]+|[0-9]+(?:st|nd|rd|th)?")


def test_every_list_is_known_here() -> None:
    """A new list gets its checks: every data file but the generated one is listed above."""
    found = {p.name for p in DATA.glob("*.txt")} - {"common_words.txt"}
    assert found == set(WORD_LISTS + TABLES + OWN_CHECKS)


@pytest.mark.parametrize("name", WORD_LISTS + TABLES)
def test_each_list_is_one_entry_a_line_under_a_header(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("# "), "a list starts with a # header saying what it is"
    problems = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = line.split()
        if name in WORD_LISTS and len(entry) != 1:
            problems.append(f"{name}:{number}: one word a line")
        if name in TABLES and len(entry) < 2:
            problems.append(f"{name}:{number}: a word, then what it stands for")
        # (a contraction of apostrophes.txt is written with its apostrophe)
        plain = [w.replace("'", "") if name == "apostrophes.txt" else w for w in entry]
        bad = [w for w in plain if not _WORD.fullmatch(w)]
        if bad:
            problems.append(f"{name}:{number}: not lowercase letters or digits: {bad}")
        if entry[0] in seen:
            problems.append(f"{name}:{number}: {entry[0]!r} is listed twice")
        seen.add(entry[0])
        if name in ("number_words.txt", "ordinals.txt") and not (
            len(entry) == 2 and entry[1].isdecimal()
        ):
            problems.append(f"{name}:{number}: the number in digits")
    assert problems == []


def test_the_lists_are_what_the_pipeline_reads() -> None:
    assert CONTRACTIONS["whats"] == ("what", "is") and CONTRACTIONS["dunno"] == (
        "do",
        "not",
        "know",
    )
    assert NUMBER_WORDS["two"] == "2" and ORDINALS["2nd"] == ORDINALS["second"] == "2"
    assert {"the", "is", "who"} <= STOPWORDS and "cast" not in STOPWORDS
    assert QUESTION_WORDS <= STOPWORDS and "who" in QUESTION_WORDS
    # a relative pronoun after a comma is read as "that": a stopword that asks nothing
    assert "who" in _RELATIVES and RELATIVE in STOPWORDS and RELATIVE not in QUESTION_STARTERS
    assert QUESTION_WORDS < QUESTION_STARTERS and "is" in QUESTION_STARTERS
    assert _JOINERS <= LEADERS and "and" in _JOINERS
    # a run-on opener is a question word, and never one that starts a relative clause
    assert wordlists.word_set("runon_openers.txt") == _RUNON_OPENERS < QUESTION_WORDS
    assert _RUNON_OPENERS.isdisjoint({"who", "which"})
    # an alternative is a joiner that offers another possibility ("... or is it ...")
    assert wordlists.word_set("alternatives.txt") == _ALTERNATIVES == {"or"} < _JOINERS
    # a particle is a stopword (a content word tells verbs apart already), and so is a
    # determiner, which makes one a preposition (VocabularyTables.contrast_particles)
    assert {"in", "out"} <= _PARTICLES <= STOPWORDS and DETERMINERS <= STOPWORDS


def test_announcers_are_phrases_as_words_reads_them() -> None:
    phrases = [tuple(entry) for entry in wordlists.lines("announcers.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    # a phrase must not start with a question starter: "is it" would be dropped as one
    assert [p for p in phrases if p[0] in QUESTION_STARTERS] == []


def test_request_wrappers_are_kinds_of_phrases_as_words_reads_them() -> None:
    entries = [tuple(entry) for entry in wordlists.lines("request_wrappers.txt")]
    assert len(set(entries)) == len(entries), "one line per phrase"
    assert {e[0] for e in entries} == {"before", "after"}
    phrases = [e[1:] for e in entries]
    assert [p for p in phrases if not p or tuple(words(" ".join(p))) != p] == []


def test_request_openers_are_phrases_as_words_reads_them() -> None:
    phrases = [tuple(entry) for entry in wordlists.lines("request_openers.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    # a need is no request ("i need a minute" is chatter) unless it says it is help
    assert [p for p in phrases if "need" in p and "help" not in p] == []


def test_indirect_askers_are_phrases_as_words_reads_them() -> None:
    phrases = [tuple(entry) for entry in wordlists.lines("indirect_askers.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    # doubt is not a question ("not sure if i like it"): no phrase ends with "sure"
    openers = wordlists.word_set("indirect_openers.txt")
    assert [p for p in phrases if p[-1] == "sure" or p[-1] in openers] == []


def test_quantity_questions_are_two_words_a_question_word_first() -> None:
    """Each is read as one question word where its two stems meet ("how much")."""
    phrases = [tuple(entry) for entry in wordlists.lines("quantity_questions.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if len(p) != 2 or p[0] not in QUESTION_WORDS] == []
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []


def test_tenses_are_future_or_past_and_stopwords_as_words_reads_them() -> None:
    """Each line: "future" or "past", then a phrase of stopwords as words() reads it (a word
    of content would be lost to every base that uses it, read as a tense); each phrase once,
    and both tenses said (each is the other's opposite)."""
    entries = wordlists.lines("tenses.txt")
    assert {e[0] for e in entries} == {"future", "past"}
    phrases = [tuple(e[1:]) for e in entries]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if not p or tuple(words(" ".join(p))) != p] == []
    assert [p for p in phrases if not STOPWORDS.issuperset(p)] == []
    assert [p for p in phrases if not QUESTION_WORDS.isdisjoint(p)] == []


def test_topic_questions_are_phrases_of_a_question_word_and_more() -> None:
    """Each is read as the question word "what" ("what about the cast"): a phrase of several
    words that opens with a question word, as words() reads it."""
    phrases = [tuple(entry) for entry in wordlists.lines("topic_questions.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if len(p) < 2 or p[0] not in QUESTION_WORDS] == []
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []


@pytest.mark.parametrize(
    "name, frames",
    [("general_frames.txt", GENERAL_FRAMES), ("clock_questions.txt", CLOCK_FRAMES)],
)
def test_frames_are_phrases_as_words_reads_them_with_gaps_inside(name: str, frames: Frames) -> None:
    """A frame is matched against words() as written out: each wording's words as words()
    reads them, "..." (a gap) only between two words, never two gaps in a row; every
    wording is read (none dropped by bot.frames.Frames)."""
    lines = wordlists.lines(name)
    wordings = [w for line in lines for w in frame_words(line)]
    assert len(set(wordings)) == len(wordings), "each wording once"
    assert len(wordings) == sum(line.count(OR) + 1 for line in lines)
    said = [tuple(w for w in f if w != GAP) for f in wordings]
    assert [f for f in said if tuple(words(" ".join(f))) != f] == []
    assert [f for f in wordings if GAP in (f[0], f[-1])] == []
    assert [f for f in wordings if any(a == b == GAP for a, b in pairwise(f))] == []
    assert len(frames.frames) == len(lines)


def test_filler_phrases_are_phrases_of_several_words_as_words_reads_them() -> None:
    """Single words of that kind belong in stopwords.txt; a question word in a filler
    phrase would be dropped with it."""
    phrases = [tuple(entry) for entry in wordlists.lines("filler_phrases.txt")]
    assert len(set(phrases)) == len(phrases), "one line per phrase"
    assert [p for p in phrases if len(p) < 2] == []
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    assert [p for p in phrases if not QUESTION_WORDS.isdisjoint(p)] == []


def test_exclamations_open_with_a_question_word() -> None:
    """ "what a": the question word an exclamation opens with is dropped (Lexicon.analyse)."""
    phrases = [tuple(entry) for entry in wordlists.lines("exclamations.txt")]
    assert len(set(phrases)) == len(phrases) and phrases, "one line per phrase"
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    assert all(len(p) == 2 and p[0] in QUESTION_WORDS for p in phrases)


def test_open_questions_and_questions_asked_for_effect_open_with_a_question_word() -> None:
    """bot.several reads a question's first word: the open questions' words are question
    words, and each question asked for effect opens with one, as words() reads it."""
    assert wordlists.word_set("open_questions.txt") <= QUESTION_WORDS
    phrases = [tuple(entry) for entry in wordlists.lines("rhetorical_questions.txt")]
    assert len(set(phrases)) == len(phrases) and phrases, "one line per phrase"
    assert [p for p in phrases if tuple(words(" ".join(p))) != p] == []
    assert [p for p in phrases if len(p) < 2 or p[0] not in QUESTION_WORDS] == []


def test_the_chat_validate_asks_asks_nothing() -> None:
    """bot/data/chatter_check.txt: chat lines, each once, that no fact should answer,
    written apart from the corpus the tests and tools measure chatter with
    (tests/data/chatter.txt; the shortest lines, "lol", "ty", are in both)."""
    chat = [" ".join(entry) for entry in wordlists.lines("chatter_check.txt")]
    assert len(chat) >= 300
    assert len({c.lower() for c in chat}) == len(chat)
    measured = (Path(__file__).parent / "data" / "chatter.txt").read_text(encoding="utf-8")
    both = {c.lower() for c in chat} & set(measured.lower().splitlines())
    assert all(len(c.split()) <= 2 for c in both)


def test_a_texted_spelling_has_a_digit_and_spells_words() -> None:
    """texting.txt: each texted spelling mixes letters and a digit ("b4", "2moro"), and
    stands for lowercase words; none is listed twice."""
    entries = wordlists.lines("texting.txt")
    problems = [
        " ".join(entry)
        for entry in entries
        if len(entry) < 2
        or not re.fullmatch(r"[a-z0-9]*[0-9][a-z0-9]*", entry[0])
        or not re.search("[a-z]", entry[0])
        or not all(re.fullmatch("[a-z]+", w) for w in entry[1:])
    ]
    assert problems == []
    spellings = [entry[0] for entry in entries]
    assert len(spellings) == len(set(spellings))


def test_a_texted_digit_names_its_word_a_side_and_the_words_beside_it() -> None:
    """texted_digits.txt: a lone digit, the lowercase word it is texted for, "after" or
    "before", then lowercase words; no word is listed twice for one digit and side."""
    problems = []
    seen: set[tuple[str, str, str]] = set()
    for entry in wordlists.lines("texted_digits.txt"):
        digit, word, side, *beside = entry + ["", "", ""][: max(0, 3 - len(entry))]
        if not (re.fullmatch("[0-9]", digit) and re.fullmatch("[a-z]+", word)):
            problems.append(" ".join(entry))
        if side not in ("after", "before") or not beside:
            problems.append(" ".join(entry))
        for w in beside:
            if not re.fullmatch("[a-z0-9]+", w) or (digit, side, w) in seen:
                problems.append(f"{digit} {side} {w}")
            seen.add((digit, side, w))
    assert problems == []


def test_the_calendar_is_in_order_and_every_span_names_days_it_has() -> None:
    """time_words.txt: seven days and twelve months, each once, in calendar order (a range
    "Monday to Friday" names the days between by it), and each span names days of it."""
    entries = wordlists.lines("time_words.txt")
    names = {
        kind: [forms[0].rstrip("?") for k, *forms in entries if k == kind]
        for kind in ("day", "month")
    }
    assert names["day"][0] == "monday" and len(names["day"]) == 7
    assert names["month"][0] == "january" and len(names["month"]) == 12
    assert names["month"][4] == "may" and names["day"][6] == "sunday"
    forms = [f.rstrip("?") for kind, *fs in entries if kind in ("day", "month") for f in fs]
    assert len(forms) == len(set(forms)) and all(_WORD.fullmatch(f) for f in forms)
    spans = [fs for kind, *fs in entries if kind == "span"]
    assert spans and all(set(days) <= set(names["day"]) for _, *days in spans)
    relative = [f for kind, *fs in entries if kind == "relative" for f in fs]
    assert relative and all(len(f.split("_")) == 2 for f in relative)
    assert {kind for kind, *_ in entries} == {"day", "month", "relative", "range", "span"}


def test_confusables_are_groups_of_content_words_each_in_one_group() -> None:
    """bot/data/confusables.txt (words typed for one that sounds alike, shipped as written):
    each group has two members or more, each member one lowercase word in one group only.
    (A member the pipeline reads as a function word, "need", is left out where it is read:
    CorrectionTargets.confused_words.)"""
    text = (DATA / "confusables.txt").read_text(encoding="utf-8")
    assert text.startswith("# ")
    problems = []
    seen: set[str] = set()
    groups = wordlists.groups("confusables.txt")
    for group in groups:
        if len(group) < 2:
            problems.append(f"{group}: fewer than two members")
        for member in group:
            if not re.fullmatch(r"[a-z]+", member):
                problems.append(f"{member!r}: not one lowercase word")
            if member in seen:
                problems.append(f"{member!r}: in two groups")
            seen.add(member)
    assert problems == []
    assert ("aloud", "allowed") in groups
