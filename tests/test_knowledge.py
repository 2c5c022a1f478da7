"""Loading and validating the knowledge base: every kind of bad edit gets file, line and field."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import _assembly, _fastpath
from bot.knowledge import (
    MAX_ANSWER_CHARS,
    KnowledgeBaseError,
    Problem,
    future_dates,
    load_knowledge,
    stale_facts,
)
from bot.numbered_terms import NumberedTerms, normalise_phrase
from bot.render import render_answer
from tests.conftest import WriteKb, fact_yaml

REVIEW_AFTER = "as_of: 2025-10-06\n    review_after: {}"
SEASONS = NumberedTerms({"season": ["seasons", "szn", "series", "sezon", "s"]})


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(path)
    return info.value.problems


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_good_base_loads(write_kb: WriteKb) -> None:
    kb = load_knowledge(write_kb({"facts.yaml": fact_yaml()}))
    fact = kb.fact("a-fact")
    assert fact.answer == "An answer."
    assert fact.as_of == dt.date(2025, 10, 6)
    assert kb.sources_of(fact)[0].title == "An article"
    assert fact.file.endswith("facts.yaml") and fact.line == 2


def test_files_are_merged_and_can_be_split_by_topic(write_kb: WriteKb) -> None:
    root = write_kb(
        {
            "a.yaml": fact_yaml("first-fact", question="first question"),
            "sub/b.yml": fact_yaml("second-fact", question="second question"),
            "empty.yaml": "",
        }
    )
    kb = load_knowledge(root)
    assert [f.id for f in kb.facts] == ["first-fact", "second-fact"]
    assert len(kb.files) == 4


def test_yaml_syntax_error_names_file_and_line(write_kb: WriteKb) -> None:
    root = write_kb(
        {"bad.yaml": "facts:\n  - id: x\n    answer: [unclosed\n    status: official\n"}
    )
    problem = only_problem(root)
    assert problem.file.endswith("bad.yaml")
    assert problem.line in (3, 4, 5)
    assert "YAML syntax" in str(problem)


def test_typo_in_a_field_name_is_not_ignored(write_kb: WriteKb) -> None:
    text = fact_yaml().replace("    questions:", "    question:")
    problems = problems_of(write_kb({"f.yaml": text}))
    messages = [str(p) for p in problems]
    typo = next(p for p in problems if "'question'" in p.where)
    assert typo.line == 7
    assert "did you mean 'questions'" in typo.message
    assert any("'questions'" in m and "required field is missing" in m for m in messages)


def test_missing_field(write_kb: WriteKb) -> None:
    text = fact_yaml().replace("    status: official\n", "")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 2 and "'status'" in problem.where
    assert "required field is missing" in problem.message


def test_wrong_type_names_the_item_line(write_kb: WriteKb) -> None:
    text = fact_yaml() + "      - 42\n"
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 9
    assert "questions[1]" in problem.where
    assert problem.message == "`42` is read as a number: put it in quotes ('42') to use it as text"


def test_bad_status(write_kb: WriteKb) -> None:
    text = fact_yaml().replace("status: official", "status: rumoured")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 4 and "'status'" in problem.where
    assert "official" in problem.message  # lists the allowed values


@pytest.mark.parametrize("bad", ["2025-13-01", "last tuesday", "2025"])
def test_bad_date(write_kb: WriteKb, bad: str) -> None:
    text = fact_yaml().replace("as_of: 2025-10-06", f"as_of: {bad}")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 5 and "'as_of'" in problem.where


@pytest.mark.parametrize("review_after", ["2025-01-01", "2025-10-06"])
def test_review_after_must_follow_as_of(write_kb: WriteKb, review_after: str) -> None:
    text = fact_yaml().replace(
        "as_of: 2025-10-06", f"as_of: 2025-10-06\n    review_after: {review_after}"
    )
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 6 and "later than as_of" in problem.message


def test_review_after_the_day_after_as_of_is_fine(write_kb: WriteKb) -> None:
    text = fact_yaml().replace(
        "as_of: 2025-10-06", "as_of: 2025-10-06\n    review_after: 2025-10-07"
    )
    assert load_knowledge(write_kb({"f.yaml": text})).facts[0].review_after == dt.date(2025, 10, 7)


def test_empty_answer(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": fact_yaml(answer='"   "')}))
    assert problem.line == 3 and "'answer'" in problem.where


def test_over_long_answer(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": fact_yaml(answer="x" * (MAX_ANSWER_CHARS + 1))}))
    assert problem.line == 3
    assert (
        problem.message == f"must be at most {MAX_ANSWER_CHARS:,} characters (this one has 1,501)"
    )


def test_question_without_usable_words(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": fact_yaml(question='"😭😭 ??"')}))
    assert problem.line == 8 and "questions[0]" in problem.where


def test_bad_id(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": fact_yaml(id="Season 2!")}))
    assert problem.line == 2 and "'id'" in problem.where


def test_duplicate_ids_across_files(write_kb: WriteKb) -> None:
    root = write_kb(
        {"a.yaml": fact_yaml(question="one question"), "b.yaml": fact_yaml(question="another")}
    )
    problem = only_problem(root)
    assert problem.file.endswith("b.yaml") and problem.line == 2
    assert "duplicate id" in problem.message and "a.yaml:2" in problem.message


def test_same_example_question_under_two_facts(write_kb: WriteKb) -> None:
    root = write_kb(
        {
            "a.yaml": fact_yaml("first", question="When does it come out?"),
            "b.yaml": fact_yaml("second", question="when does it come out"),
        }
    )
    problem = only_problem(root)
    assert problem.file.endswith("b.yaml") and "also an example of 'first'" in problem.message
    # at the question's own line, naming the other's (the entry's first line had been named)
    assert problem.line == 8 and "a.yaml:8): keep it under one of them" in problem.message


def test_a_first_item_without_a_space_after_its_dash_is_named(write_kb: WriteKb) -> None:
    """A "-who plays her" on a list's first item makes YAML read the items as one text: "must
    be a list" alone did not say why."""
    text = fact_yaml().replace("      - a question\n", "      -a question\n      - another\n")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert (problem.line, problem.where) == (7, "fact 'a-fact' field 'questions'")
    assert problem.message.startswith(
        "its first item needs a space after its '-', or YAML reads all its items as one text "
        "('-a question - another'): must be a list"
    )


def test_unknown_source(write_kb: WriteKb) -> None:
    text = fact_yaml().replace("sources: [article]", "sources: [artcle]")
    problem = only_problem(write_kb({"f.yaml": text}))
    # at the line of the key as written (the fact's first line, 2, had been named)
    assert problem.line == 6 and "unknown source 'artcle'" in problem.message
    text = fact_yaml().replace("sources: [article]", "sources:\n      - article\n      - artcle")
    assert only_problem(write_kb({"f.yaml": text})).line == 8


def test_a_source_listed_twice_is_cited_once(write_kb: WriteKb) -> None:
    text = fact_yaml().replace("sources: [article]", "sources: [article, article]")
    kb = load_knowledge(write_kb({"f.yaml": text}))
    fact = kb.fact("a-fact")
    assert [s.title for s in kb.sources_of(fact)] == ["An article"]
    assert render_answer(kb, fact, dt.date(2025, 10, 7)).text().count("Source:") == 1


@pytest.mark.parametrize(
    ("written", "line", "field", "says"),
    [
        ("    title: An article\n    date: 2025-13-06\n", 4, "date", "2025-13-06"),
        ("    date: 2025-10-06\n", 3, "title", "required field is missing"),
        ("    - An article\n", 2, "", "must be a mapping"),
    ],
)
def test_a_source_with_errors_is_reported_once_not_at_every_fact_citing_it(
    write_kb: WriteKb, written: str, line: int, field: str, says: str
) -> None:
    """A source written with an error (a bad date, no title) is that error, at its file,
    line and field, and one line naming the facts that cite it; each of them had also been
    told "unknown source 'article'", burying the one thing to fix under one message a fact
    (a helper session trying edits as an admin)."""
    facts = "".join(
        fact_yaml(f"fact-{n}", question=f"question {n}").replace("facts:\n", "")
        for n in range(1, 6)
    )
    root = write_kb(
        {"sources.yaml": "sources:\n  article:\n" + written, "f.yaml": "facts:\n" + facts},
        with_source=False,
    )
    problems = problems_of(root)
    assert not any("unknown source" in p.message for p in problems), [str(p) for p in problems]
    own, knock_on = problems
    assert (own.file, own.line) == ("sources.yaml", line) and says in own.message
    assert own.where == (f"source 'article' field '{field}'" if field else "source 'article'")
    assert str(knock_on) == (
        f"sources.yaml:{line}: source 'article': cited by 5 facts ('fact-1', 'fact-2', "
        "'fact-3' and 2 more), which cannot be checked until this source is fixed"
    )


def test_sources_a_file_that_cannot_be_read_may_define_are_told_once_each(
    write_kb: WriteKb,
) -> None:
    """A syntax error in sources.yaml had given every fact citing its sources "unknown
    source" (34 errors for one missing "]" in the shipped base): the file's error, and one
    line for each source it may define, at the first fact citing it, after the file's
    error (which had come last, sorted by file name)."""
    facts = "".join(
        fact_yaml(f"fact-{n}", question=f"question {n}").replace("facts:\n", "")
        for n in range(1, 6)
    )
    root = write_kb(
        {
            "sources.yaml": "sources:\n  article:\n    title: T\n    date: [2025-10-06\n",
            "f.yaml": "facts:\n" + facts,
        },
        with_source=False,
    )
    problems = problems_of(root)
    syntax, told = problems
    assert syntax.file == "sources.yaml" and syntax.where == "YAML syntax"
    assert str(told) == (
        "f.yaml:6: fact 'fact-1' field 'sources': unknown source 'article', cited by 5 facts "
        "('fact-1', 'fact-2', 'fact-3' and 2 more): sources.yaml could not be read and may "
        "define it; fix it first"
    )
    # with every file read, a source nobody defines is told at each fact, as before
    other = "sources:\n  other:\n    title: T\n    date: 2025-10-06\n"
    root = write_kb({"sources.yaml": other}, with_source=False)
    assert sum("unknown source 'article'" in p.message for p in problems_of(root)) == 5


def test_duplicate_key_in_one_mapping(write_kb: WriteKb) -> None:
    text = fact_yaml().replace(
        "    status: official\n", "    status: official\n    status: hinted\n"
    )
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 5 and "duplicate key 'status'" in problem.message


MERGED_ENTRY = """\
facts:
  - &base
    id: merge-test
    answer: An answer.
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions: [what is merge test one]
  - <<: *base
    id: merge-test-2
    questions: [what is merge test two]
"""


def test_an_entry_may_merge_another_and_override_its_fields(write_kb: WriteKb) -> None:
    """`- <<: *base` then `id: merge-test-2` was refused with "a second 'id' in one entry: a
    new entry starts with '- '", though YAML reads it: a field written overrides one merged."""
    kb = load_knowledge(write_kb({"f.yaml": MERGED_ENTRY}))
    first, second = kb.facts
    assert (first.id, second.id) == ("merge-test", "merge-test-2")
    assert second.answer == first.answer and second.status == "official"
    assert list(second.questions) == ["what is merge test two"]
    assert (first.line, second.line) == (2, 9)


def test_a_field_written_twice_beside_a_merge_is_still_an_error(write_kb: WriteKb) -> None:
    text = MERGED_ENTRY.replace("    id: merge-test-2\n", "    id: merge-test-2\n    id: other\n")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 11 and "a second 'id' in one entry" in problem.message
    twice = "    status: hinted\n" * 2
    text = MERGED_ENTRY.replace("    questions: [what is merge test two]\n", twice)
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 12 and "'status' is written twice in the mapping" in problem.message


def test_unknown_top_level_key(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": fact_yaml() + "fact:\n  - id: oops\n"}))
    assert problem.line == 9 and "unknown key" in problem.message


def test_file_that_is_not_a_mapping(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({"f.yaml": "- just\n- a list\n"}))
    assert "must be a mapping" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("facts: !!omap\n  - a: 1\n", "'facts': must be a list of entries"),
        ("removed: !!pairs\n  - a: 1\n", "'removed': must be a list of ids"),
        ("examples:\n  a-fact: !!omap\n    - x: y\n", "must be a list of example questions"),
    ],
)
def test_a_list_of_pairs_where_a_list_belongs(write_kb: WriteKb, text: str, message: str) -> None:
    """!!omap and !!pairs build plain lists of pairs, which know no lines: a problem to
    report where the list was expected, not a crash."""
    problem = only_problem(write_kb({"f.yaml": fact_yaml(), "g.yaml": text}))
    assert problem.file == "g.yaml" and message in str(problem)


def test_python_tags_are_rejected(write_kb: WriteKb, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = f'facts: !!python/object/apply:os.system ["touch {marker}"]\n'
    problem = only_problem(write_kb({"evil.yaml": evil}))
    assert problem.line == 1 and not marker.exists()


def test_synonym_listed_under_two_terms(write_kb: WriteKb) -> None:
    """ "s2" and "szn 2" are the same phrase once the vocabulary folds numbered seasons."""
    vocab = "vocabulary:\n  synonyms:\n    season 2: [s2]\n    sequel: [szn 2]\n"
    load_knowledge(write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab}))  # without: two phrases
    numbered = "vocabulary:\n  numbered:\n    season: [szn, s]\n"
    root = write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab, "n.yaml": numbered})
    problem = only_problem(root)
    assert problem.file.endswith("v.yaml") and "'season 2' and 'sequel'" in problem.message


def test_numbered_terms_make_one_question_of_two_spellings(write_kb: WriteKb) -> None:
    facts = {
        "a.yaml": fact_yaml("first", question="when does season two come out"),
        "b.yaml": fact_yaml("second", question="when does s2 come out"),
    }
    assert len(load_knowledge(write_kb(facts)).facts) == 2  # no numbered terms: two questions
    numbered = "vocabulary:\n  numbered:\n    Season: [szn, s]\n"
    problem = only_problem(write_kb({**facts, "v.yaml": numbered}))
    assert problem.file.endswith("b.yaml") and "also an example of 'first'" in problem.message


def test_numbered_terms_are_single_words(write_kb: WriteKb) -> None:
    vocab = """\
        vocabulary:
          numbered:
            season: [szn, s]
            top ten: [t]
            episode:
              - ep
              - second
              - e p
              - "#"
        """
    problems = problems_of(write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab}))
    assert [(p.line, p.where) for p in problems] == [
        (4, "vocabulary field 'numbered['top ten']'"),
        (7, "vocabulary field 'numbered.episode[1]'"),
        (8, "vocabulary field 'numbered.episode[2]'"),
        (9, "vocabulary field 'numbered.episode[3]'"),
    ]
    assert "not one word of letters" in problems[0].message
    assert "is a number or an ordinal" in problems[1].message


def test_a_frame_has_words_and_gaps_between_them(write_kb: WriteKb) -> None:
    """A vocabulary frame ("which show | what show", "how do ... work") names the file, the
    line and the frame when it is one a matcher cannot read."""
    vocab = """\
        vocabulary:
          frames:
            - what show | which show
            - how do ... work
            - ... show
            - how do ... ... work
            - "?!"
        """
    problems = problems_of(write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab}))
    assert [(p.file, p.line, p.where) for p in problems] == [
        ("v.yaml", 5, "vocabulary field 'frames[2]'"),
        ("v.yaml", 6, "vocabulary field 'frames[3]'"),
        ("v.yaml", 7, "vocabulary field 'frames[4]'"),
    ]
    assert "'...' stands for words between two others" in problems[0].message
    assert "no words the matcher can use" in problems[2].message


def test_a_synonym_read_as_a_function_word_is_refused(write_kb: WriteKb) -> None:
    """An admin's "canned" (for cancelled) is read as "can" by its stem: every "can i watch
    it" would have been about cancelling (found measuring eval/admin-vocab.yaml, a batch of
    synonyms written blind: that one word made all of its false answers). The file, line and
    field are named; "got canned", "the mays" and the function words themselves are fine."""
    vocab = """\
        vocabulary:
          synonyms:
            cancel: [axed, canned, got canned]
          other_shows: [whose, the mays, mays]
        """
    problems = problems_of(write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab}))
    assert [(p.file, p.line, p.where) for p in problems] == [
        ("v.yaml", 3, "vocabulary field 'synonyms.cancel[1]'"),
        ("v.yaml", 4, "vocabulary field 'other_shows[2]'"),
    ]
    assert "'canned' is read as 'can'" in problems[0].message
    assert "'mays' is read as 'may'" in problems[1].message


def test_a_function_word_listed_as_a_synonym_of_a_term_is_refused(write_kb: WriteKb) -> None:
    """ "out" listed under "release" made every question saying it about the release ("who
    stands out in the cast" lost its "did you mean" of the cast; 5 of eval/dev-2.jsonl's
    questions moved, 2 of them worse), as "canned" (read as "can") had; a function word's
    own spellings ("u" for "you", "wat" for "what") are fine."""
    vocab = """\
        vocabulary:
          synonyms:
            release: [be out, out, drop]
            you: [u, yu]
            what: [wat]
        """
    problem = only_problem(write_kb({"f.yaml": fact_yaml(), "v.yaml": vocab}))
    assert (problem.file, problem.line, problem.where) == (
        "v.yaml",
        3,
        "vocabulary field 'synonyms.release[1]'",
    )
    assert problem.message.startswith(
        "'out' is a word nearly every question says: listed under 'release' it would make them "
        "all about it"
    )


def test_a_spelling_under_two_numbered_terms(write_kb: WriteKb) -> None:
    one = "vocabulary:\n  numbered:\n    season: [szn, s]\n"
    two = "vocabulary:\n  numbered:\n    series: [s]\n"
    problem = only_problem(write_kb({"f.yaml": fact_yaml(), "a.yaml": one, "b.yaml": two}))
    assert problem.file.endswith("b.yaml") and problem.line == 3  # (the term's own line)
    assert "'s'" in problem.where and "'season' and 'series'" in problem.message
    assert "a.yaml:3" in problem.message


def test_all_errors_are_reported_at_once(write_kb: WriteKb) -> None:
    bad_one = fact_yaml("one", question="first").replace("status: official", "status: nope")
    bad_two = fact_yaml("two", question="second").replace("as_of: 2025-10-06", "as_of: soon")
    root = write_kb({"a.yaml": bad_one, "b.yaml": bad_two, "c.yaml": "facts: [\n"})
    problems = problems_of(root)
    assert len(problems) == 3
    assert {Path(p.file).name for p in problems} == {"a.yaml", "b.yaml", "c.yaml"}
    # ...and every message says where: "file:line: what: message"
    assert all(str(p).startswith(p.file + ":") for p in problems)


def test_empty_directory(tmp_path: Path) -> None:
    problem = only_problem(tmp_path)
    assert "no .yaml files" in problem.message


def test_directory_without_facts(write_kb: WriteKb) -> None:
    problem = only_problem(write_kb({}))
    assert "holds no facts" in problem.message


def test_missing_path(tmp_path: Path) -> None:
    assert only_problem(tmp_path / "nope").message == "the knowledge folder does not exist"


def test_stale_facts_are_warned_about(write_kb: WriteKb) -> None:
    text = fact_yaml().replace(
        "as_of: 2025-10-06", "as_of: 2025-10-06\n    review_after: 2026-01-01"
    )
    kb = load_knowledge(write_kb({"f.yaml": text}))
    assert stale_facts(kb, dt.date(2025, 12, 31)) == []
    (warning,) = stale_facts(kb, dt.date(2026, 1, 2))
    assert warning.line == 2 and "review_after 2026-01-01 has passed" in warning.message
    assert kb.fact("a-fact").is_stale(dt.date(2026, 1, 2))


def test_dates_after_today_are_warned_about(write_kb: WriteKb) -> None:
    """A year mistyped ("as_of: 2027-10-06") would be shown to fans under the answer as "as
    of 6 October 2027": validate warns (found trying edits as an admin on 7 December 2026:
    it said OK). Today itself is no warning."""
    text = fact_yaml().replace("as_of: 2025-10-06", "as_of: 2027-10-06")
    kb = load_knowledge(write_kb({"f.yaml": text}))
    warnings = [str(p) for p in future_dates(kb, dt.date(2026, 12, 7))]
    assert warnings == [
        "f.yaml:2: fact 'a-fact': as_of 2027-10-06 is after today (2026-12-07): fans would "
        "read the answer as true as of 6 October 2027; check the date"
    ]
    # a source published after today (its date, 2025-10-06, seen the day before)
    assert [str(p) for p in future_dates(kb, dt.date(2025, 10, 5))][1] == (
        "source 'article': date 2025-10-06 is after today (2025-10-05): fans would read it "
        "in the citation under the answer; check the date"
    )
    assert future_dates(kb, dt.date(2027, 10, 6)) == []


def test_every_mistake_in_one_entry_is_reported(write_kb: WriteKb) -> None:
    text = (
        fact_yaml()
        .replace("status: official", "status: nope")
        .replace("as_of: 2025-10-06", "as_of: soon")
        .replace("sources: [article]", "sources: [article]\n    colour: blue")
        .replace("- a question", "- 42")
    )
    problems = problems_of(write_kb({"f.yaml": text}))
    assert [(p.line, p.where) for p in problems] == [
        (4, "fact 'a-fact' field 'status'"),
        (5, "fact 'a-fact' field 'as_of'"),
        (7, "fact 'a-fact' field 'colour'"),
        (9, "fact 'a-fact' field 'questions[0]'"),
    ]


@pytest.mark.parametrize("internal", ["file: x.yaml", "line: 7"])
def test_fields_the_loader_sets_cannot_be_written(write_kb: WriteKb, internal: str) -> None:
    text = fact_yaml().replace("status: official", f"status: official\n    {internal}")
    problem = only_problem(write_kb({"f.yaml": text}))
    assert problem.line == 5 and "unknown field" in problem.message


def test_loading_leaves_nothing_behind(write_kb: WriteKb, tmp_path: Path) -> None:
    good = write_kb({"f.yaml": fact_yaml()})
    load_knowledge(good)
    assert gc.isenabled()
    bad = tmp_path / "bad.yaml"
    bad.write_text(fact_yaml(), encoding="utf-8")  # its source is missing
    assert "unknown source" in only_problem(bad).message
    assert gc.isenabled()
    gc.disable()
    try:
        load_knowledge(good)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


# Pieces that exercise every step of normalise_phrase: contractions with and without
# apostrophes, season references the folding joins across words, numbers and ordinals,
# markup and "#1" that clean() rewrites, accents, other scripts, fullwidth and odd spacing.
_KEY_PIECES = [
    *"what's whats who’s don't dont it`s im i'm y'all o'brien ain't".split(),
    *"season seasons szn series sezon s s2 S2 s02 s10 s123 szn3 season2 seasonn".split(),
    *"one two three ten first second 2nd third 3rd 4th 5th 6th 7th 1st 21st".split(),
    *"0 1 2 12 123 1.5 2.0 14.85 3. .5 1,000 2nd. 3rd? 4th!".split(),
    *"renewed renewal running runs plays played actress ballard bosch harry".split(),
    *"<@123> <#99> <:e:1> @everyone @here http://x.y/z https://a #1 #12 a#b".split(),
    *"Renée ÇA ß İstanbul сезон ２ Ｓ２ ﬁnal ʼ ´ ‘ résumé naïve 😭 🔥 \u200b".split(),
    *"WHO WHATS Season SEASON Two 2ND".split(),
    *"? ! . , ; : - _ ( ) / & ' ` \" ** || ~~ > <".split(),
    "a-b",
    "re-run",
    "s-2",
    "s.2",
    "season-two",
    "x_y",
    "q&a",
    "</ask me:123>",
    "</x y z:1>",  # slash-command mentions may hold spaces
]
_KEY_SPACES = [
    " ",
    " ",
    "  ",
    "'",
    " ' ",
    "`",
    "’",
    "\t",
    "\n",
    " \r\n",
    "",
    ", ",
    "? ",
    "\u00a0",
    "\u2003",
    "\x0c",
    "\x1f",
]


@pytest.mark.parametrize(
    "question",
    [
        "What's the 2nd season about?",
        "whens season two out",
        "is s2 happening",
        "s 2 when",
        "SEASON   2!!",
        "first season recap",
        "<@123> is s2 out",
        "was it #1 on prime",
        "Renée Ballard’s partner",
        "Ｂａｌｌａｒｄ ｓ２",
        "see https://example.com/x?y=1 pls",
        "use </ask me:123> for season two",
        "who plays\tharry bosch\n",
        "isn't it",
        "",
        "   ",
        "!!!",
        "x" * 5000,
        "season " * 700 + "two",
    ],
)
def test_a_question_has_words_exactly_when_its_key_is_not_empty(question: str) -> None:
    """The loader checks that an example question has words before it knows the numbered
    terms (they may come from a later file); its duplicate key, with them, is then never
    empty (folding never makes a token out of nothing nor folds one away)."""
    (key,) = _assembly.question_keys([question], SEASONS)
    assert key == tuple(normalise_phrase(question, SEASONS))
    assert bool(key) == _fastpath.has_words(question)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_KEY_PIECES), st.sampled_from(_KEY_SPACES)), max_size=12
    ).map(lambda parts: "".join(p + s for p, s in parts))
    | st.text(max_size=40)
    | st.text(st.characters(max_codepoint=127), max_size=40)
)
def test_a_question_has_words_exactly_when_its_key_is_not_empty_on_any_text(
    question: str,
) -> None:
    (key,) = _assembly.question_keys([question], SEASONS)
    assert bool(key) == _fastpath.has_words(question)


LEARNED = """\
examples:
  a-fact:
    - another way to ask   # taught by mod on 2026-12-03
  an-unknown:
    - nobody knows this yet
"""
UNKNOWN_YAML = """\
unknowns:
  - id: an-unknown
    questions: [what nobody knows]
"""


def test_examples_add_questions_to_facts_and_unknowns(write_kb: WriteKb) -> None:
    root = write_kb({"facts.yaml": fact_yaml() + UNKNOWN_YAML, "learned.yaml": LEARNED})
    kb = load_knowledge(root)
    assert kb.fact("a-fact").questions == ["a question", "another way to ask"]
    assert kb.entry("an-unknown").questions == ["what nobody knows", "nobody knows this yet"]
    file, line = kb.taught[("a-fact", "another way to ask")]
    assert file.endswith("learned.yaml") and line == 3


def test_examples_for_an_id_that_does_not_exist_name_it(write_kb: WriteKb) -> None:
    text = LEARNED.replace("  a-fact:", "  a-fakt:")
    problem = only_problem(write_kb({"facts.yaml": fact_yaml() + UNKNOWN_YAML, "l.yaml": text}))
    assert problem.file.endswith("l.yaml") and problem.line == 3
    assert (
        problem.message == "no fact or known unknown has the id 'a-fakt' (did you mean 'a-fact'?)"
    )


def test_examples_for_ids_a_file_that_cannot_be_read_may_define_are_told_once_after_it(
    write_kb: WriteKb,
) -> None:
    """A tab in people.yaml had made each id taught in learned.yaml an error of its own
    ("no fact or known unknown has the id 'a-fact'"), listed before the tab: the file that
    cannot be read comes first, then one line for the ids it may define."""
    broken = (fact_yaml() + UNKNOWN_YAML).replace("    status:", "\tstatus:")
    root = write_kb({"people.yaml": broken, "learned.yaml": LEARNED})
    assert [str(p) for p in problems_of(root)] == [
        "people.yaml:4: YAML syntax: a tab character: indent with spaces, never tabs (YAML: "
        "found a tab character that violates indentation while scanning a plain scalar)",
        "learned.yaml:3: examples for 'a-fact', 'an-unknown': no file read has a fact or known "
        "unknown with these ids: people.yaml could not be read and may define them; fix it "
        "first",
    ]


def test_examples_for_a_fact_written_with_errors_are_checked_once_it_is_fixed(
    write_kb: WriteKb,
) -> None:
    """A fact with a bad date is not one the base has, but its examples in learned.yaml
    are no error of their own: its date is."""
    broken = fact_yaml().replace("as_of: 2025-10-06", "as_of: 10/06/2025") + UNKNOWN_YAML
    problem = only_problem(write_kb({"facts.yaml": broken, "learned.yaml": LEARNED}))
    assert problem.where == "fact 'a-fact' field 'as_of'"


def test_a_file_too_big_to_read_comes_first_and_may_define_what_is_missing(
    write_kb: WriteKb,
) -> None:
    root = write_kb({"a.yaml": fact_yaml("other-fact"), "learned.yaml": LEARNED})
    with (root / "people.yaml").open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    first, told = problems_of(root)
    assert str(first) == (
        "people.yaml: is 3.0 MB; a knowledge file may be at most 2 MB: split it into several files"
    )
    assert told.file == "learned.yaml" and "people.yaml could not be read" in told.message


def test_an_example_written_twice_in_one_entry_is_a_warning_at_the_second(
    write_kb: WriteKb,
) -> None:
    """Four lines added to an entry's examples had counted as one, without a word: the same
    text written twice in a list, or a question the matcher reads as one written before
    ("A question?" after "a question"), is warned about at its own line, and loads."""
    text = fact_yaml().replace("      - a question\n", "      - a question\n      - other\n" * 2)
    learned = "examples:\n  a-fact:\n    - A question?\n    - more\n    - more\n"
    kb = load_knowledge(write_kb({"facts.yaml": text, "learned.yaml": learned}))
    assert [str(p) for p in kb.load_warnings] == [
        "facts.yaml:10: fact 'a-fact': example 'a question' is written twice in 'a-fact' "
        "(lines 8 and 10): the second does nothing; take it out",
        "facts.yaml:11: fact 'a-fact': example 'other' is written twice in 'a-fact' "
        "(lines 9 and 11): the second does nothing; take it out",
        "learned.yaml:3: fact 'a-fact': example 'A question?' is 'a question' written again "
        "in 'a-fact' (facts.yaml:8 and learned.yaml:3): the second does nothing; take it out",
        "learned.yaml:5: fact 'a-fact': example 'more' is written twice in 'a-fact' "
        "(lines 4 and 5): the second does nothing; take it out",
    ]
    assert not load_knowledge(
        write_kb({"facts.yaml": fact_yaml(), "learned.yaml": ""})
    ).load_warnings


def test_an_example_that_another_fact_has_is_refused_where_it_was_taught(
    write_kb: WriteKb,
) -> None:
    other = fact_yaml("other-fact", question="Another way to ask?").replace("facts:\n", "")
    root = write_kb({"facts.yaml": fact_yaml() + other + UNKNOWN_YAML, "learned.yaml": LEARNED})
    problem = only_problem(root)
    assert problem.file.endswith("learned.yaml") and problem.line == 3
    assert "also an example of 'other-fact'" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("examples: [a-fact]\n", "must be a mapping of fact id -> list of questions"),
        ("examples:\n  a-fact: a question\n", "must be a list of example questions"),
        ("examples:\n  a-fact: [42]\n", "`42` is read as a number: put it in quotes ('42')"),
        ("examples:\n  a-fact: ['']\n", "must be a question (text)"),
        ("examples:\n  a-fact: ['?!']\n", "has no words the matcher can use"),
        ("examples:\n  a-fact: [a question]\n", "is already an example of 'a-fact'"),
        ("settings: {review_after_days: 0}\n", "review_after_days': must be at least 1"),
        ("settings: {review_after: 10}\n", "unknown field"),
        ("settings: 180\n", "must be a mapping"),
    ],
)
def test_bad_examples_and_settings_are_reported(write_kb: WriteKb, text: str, message: str) -> None:
    problem = only_problem(write_kb({"facts.yaml": fact_yaml(), "x.yaml": text}))
    assert problem.file.endswith("x.yaml") and problem.line >= 1
    assert message in str(problem)


def test_settings_in_two_files_are_an_error(write_kb: WriteKb) -> None:
    setting = "settings: {review_after_days: 30}\n"
    problem = only_problem(write_kb({"a.yaml": fact_yaml() + setting, "b.yaml": setting}))
    assert problem.file.endswith("b.yaml") and "already given at" in problem.message


def test_a_default_review_period_makes_old_facts_stale(write_kb: WriteKb) -> None:
    own = fact_yaml("own-date", question="second question").replace("facts:\n", "")
    own = own.replace("as_of: 2025-10-06", "as_of: 2025-10-06\n    review_after: 2027-01-01")
    text = fact_yaml() + own + "settings:\n  review_after_days: 30\n"
    kb = load_knowledge(write_kb({"f.yaml": text}))
    assert kb.settings.review_after_days == 30
    assert kb.review_date(kb.fact("a-fact")) == dt.date(2025, 11, 5)
    assert stale_facts(kb, dt.date(2025, 11, 5)) == []
    (warning,) = stale_facts(kb, dt.date(2025, 11, 6))
    assert warning.where == "fact 'a-fact'"
    assert "as_of 2025-10-06 is more than 30 days ago" in warning.message
    assert not kb.is_stale(kb.fact("own-date"), dt.date(2026, 12, 31))  # review_after wins
    assert kb.is_stale(kb.fact("own-date"), dt.date(2027, 1, 2))


def test_a_review_date_past_the_calendar_is_never(write_kb: WriteKb) -> None:
    """An ``as_of`` the review period takes past 9999-12-31 (an admin's "never" date) is
    never due for review: adding the period had raised OverflowError in `validate` and at
    every answer of the fact."""
    text = fact_yaml().replace("as_of: 2025-10-06", "as_of: 9999-10-06")
    kb = load_knowledge(write_kb({"f.yaml": text + "settings:\n  review_after_days: 180\n"}))
    assert kb.review_date(kb.fact("a-fact")) is None
    assert not kb.is_stale(kb.fact("a-fact"), dt.date(2026, 1, 1))
    assert stale_facts(kb, dt.date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # the answer stops at a comment glued to it
        (
            ("    answer: An answer.\n", "    answer: Ranked #1 on Prime.\n"),
            "facts.yaml:3: YAML: '#1' starts a comment here, so the text ends before it "
            "('Ranked'): if the # belongs to the text, put the whole text in quotes (a comment "
            "is '# ' and words)",
        ),
        # ...and "# 1" with a space (a helper session trying edits as an admin)
        (
            ("    answer: An answer.\n", "    answer: Ranked # 1 on Prime.\n"),
            "facts.yaml:3: YAML: '# 1' starts a comment here, so the text ends before it "
            "('Ranked'): if the # belongs to the text, put the whole text in quotes (a comment "
            "is '# ' and words)",
        ),
        # the answer is only what follows an anchor
        (
            ("    answer: An answer.\n", "    answer: &more answers here.\n"),
            "facts.yaml:3: YAML: '&more' at the start of a text is read as a YAML anchor, not "
            "as text, so the text is only what follows it ('answers here.'): put the whole "
            "text in quotes",
        ),
        # two example questions read as one
        (
            ("      - a question\n", "      - a question\n       - another question\n"),
            "facts.yaml:8: fact 'a-fact' field 'questions[0]': a line starting with '-' is "
            "indented more than the item above it, so both are read as one text ('a question "
            "- another question'): line it up with the items above",
        ),
        # ...and with the dash a word processor typed (a helper session trying edits)
        (
            ("      - a question\n", "      - a question\n        \u2013 another question\n"),
            "facts.yaml:8: fact 'a-fact' field 'questions[0]': a line starting with '\u2013', "
            "not '-', is read as part of the item above it ('a question \u2013 another "
            "question'): a list item starts with '- ', lined up with the items above",
        ),
    ],
)
def test_text_yaml_would_misread_is_an_error(
    write_kb: WriteKb, edit: tuple[str, str], message: str
) -> None:
    """Edits YAML reads without an error, as something other than the file shows (found
    trying edits as an admin on 7 December 2026: validate said OK, and the answer or the
    examples were not what the admin wrote). Each is an error naming the file, the line and
    what to do; the bot keeps the base it has."""
    text = fact_yaml().replace(*edit)
    assert text != fact_yaml()
    assert str(only_problem(write_kb({"facts.yaml": text}))) == message


@pytest.mark.parametrize(
    ("edit", "line", "words"),
    [
        (("    status: official\n", "\tstatus: official\n"), 4, "a tab character: indent with"),
        (("    status: official\n", "    status official\n"), 4, "write ': ' (a colon and"),
        (("    status: official\n", "    status:official\n"), 4, "write ': ' (a colon and"),
        (("An answer.", "Note: an answer."), 3, "a ': ' inside a text"),
        (("An answer.", '"An answer.'), 3, "a text opened with a quote here is never closed"),
        (("[article]", "[article"), 6, "a list opened with '[' here is not closed with ']'"),
        # ...and at the end of the file, which libyaml's words alone had named at no line
        (
            ("      - a question\n", "      - a question\n    keywords: [stream, netflix,\n"),
            9,
            "a list opened with '[' here is not closed with ']'",
        ),
        (
            ("      - a question\n", "      - a question\n    keywords: {stream: x,\n"),
            9,
            "a mapping opened with '{' here is not closed with '}'",
        ),
        (("[article]", "[article,, other]"), 6, "two commas with no item between them"),
        (("[article]", "[article, - other]"), 6, "an item of a list in [ ] cannot start with '-'"),
        (("An answer.", "@maggieq answers."), 3, "a text cannot begin with '@': put the whole"),
        (("An answer.", "*An* answer."), 3, "'*' or '&' at the start of a text is read as"),
        (("An answer.", "| An answer."), 3, "'|' or '>' at the start of a text begins a block"),
        (
            ("      - a question\n", "      - a question\n      -another\n"),
            9,
            "needs a space after",
        ),
        (("    status: official\n", "   status: official\n"), 4, "not lined up with the list"),
        # ...and on a list's first item, where libyaml stumbles only lines later (a ': '
        # inside a text at line 3; the fields above a comment among the items, at line 11)
        (("  - id: a-fact\n", "  -id: a-fact\n"), 2, "a list item needs a space after its '-'"),
        (
            ("      - a question\n", "      -a question\n      - b\n      # c\n      - d\n"),
            8,
            "a list item needs a space after its '-'",
        ),
        # (the cases below were found by a helper session trying edits as an admin)
        (("      - a question", "      - a\n      \u2013 b"), 9, "starts with '\u2013', not '-'"),
        (("      - a question", "\u00a0     - a question"), 8, "holds a non-breaking space"),
        (("      - a question", "      - a\n      question b"), 9, "start it with '- '"),
        (("An answer.", "\u201cNote: an answer.\u201d"), 3, "curly quotes \u201c \u201d"),
        (("An answer.", "[Prime](https://x.y) has it."), 3, "starts with '[' or '{' is read"),
        (("  - id: a-fact\n", "    id: a-fact\n    id: b\n"), 3, "a second 'id' in one entry"),
        (
            ("    as_of: 2025-10-06\n", "    as_of: 2025-10-06\n    as_of: 2025-10-07\n"),
            6,
            "'as_of' is written twice in the mapping that starts on line 2: keep one",
        ),
        (
            ("      - a question\n", "      - a question\n---\nfacts: []\n"),
            9,
            "a second YAML document starts here ('---'): one file holds one document; move it "
            "to a file of its own (YAML: expected a single document in the stream, but found "
            "another document)",
        ),
    ],
)
def test_yaml_syntax_errors_are_in_plain_words(
    write_kb: WriteKb, edit: tuple[str, str], line: int, words: str
) -> None:
    """The mistakes an admin makes editing YAML by hand, each named at its line in plain
    words (libyaml's own after them): "found character that cannot start any token" told
    an admin nothing about the tab or the '@' at the start of a text."""
    text = fact_yaml().replace(*edit)
    assert text != fact_yaml()
    problem = only_problem(write_kb({"facts.yaml": text}))
    assert (problem.file, problem.line, problem.where) == ("facts.yaml", line, "YAML syntax")
    assert words in problem.message, problem.message
    assert "(YAML: " in problem.message


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\0", "a NUL character (an invisible control character)"),
        ("\x07", "an invisible control character (U+0007)"),
    ],
)
def test_a_character_yaml_does_not_read_is_named_at_its_line_and_column(
    write_kb: WriteKb, char: str, name: str
) -> None:
    """A NUL byte had given libyaml's words without a line ("unacceptable character
    #x0000: control characters are not allowed in "<unicode string>", position 318")."""
    text = fact_yaml(answer="Café olé.").replace("a question", "a ques" + char + "tion")
    problem = only_problem(write_kb({"facts.yaml": text}))
    assert str(problem) == f"facts.yaml:8: {name} at column 15: delete it"


def test_a_field_indented_into_the_text_above_is_named(write_kb: WriteKb) -> None:
    """ "status: official" indented like the answer's block of text above it becomes the
    answer's last words, and the fact has no status: the error says where the field went
    (a helper session trying edits as an admin got only "required field is missing")."""
    text = fact_yaml().replace(
        "    answer: An answer.\n    status: official\n",
        "    answer: >-\n      An answer.\n      status: official\n",
    )
    assert str(only_problem(write_kb({"f.yaml": text}))) == (
        "f.yaml:2: fact 'a-fact' field 'status': required field is missing: 'status: …' is "
        "inside the text of 'answer' (indented like it): line it up with the other fields"
    )


def test_an_optional_field_indented_into_the_text_above_is_named(write_kb: WriteKb) -> None:
    """`keywords:` and `requires:` indented like a `>-` answer's text became its last words
    ("… for the show. keywords: [theme song, …] requires: [theme]"), and `validate` said OK
    (a QA session): an optional field is not missing, so only `status:` had been caught.
    Each is named at its own line, as `status:` is."""
    text = fact_yaml().replace(
        "    answer: An answer.\n",
        "    answer: >-\n      An answer.\n      keywords: [theme song]\n      requires: [theme]\n",
    )
    problems = problems_of(write_kb({"f.yaml": text}))
    assert [str(p) for p in problems] == [
        f"f.yaml:{line}: fact 'a-fact' field '{name}': '{name}: …' is inside the text of "
        "'answer' (indented like it): line it up with the other fields"
        for line, name in ((5, "keywords"), (6, "requires"))
    ]


@pytest.mark.parametrize(
    ("entries", "name", "inside", "line"),
    [
        # a known unknown's note, a literal block (`|`) this time
        (
            "unknowns:\n  - id: an-unknown\n    questions: [a question]\n    note: |\n"
            "      what is not known\n      keywords: [teaser]\n",
            "unknown 'an-unknown' field 'keywords'",
            "note",
            6,
        ),
        # a source's title: its outlet went into it
        (
            "sources:\n  other:\n    date: 2025-10-06\n    title: >\n      A title\n"
            "      outlet: Example News\n",
            "source 'other' field 'outlet'",
            "title",
            6,
        ),
        # a fact's title, the answer's field under it
        (
            fact_yaml().replace(
                "    answer: An answer.\n",
                "    title: >-\n      What is it?\n      review_after: 2026-01-01\n"
                "    answer: An answer.\n",
            ),
            "fact 'a-fact' field 'review_after'",
            "title",
            5,
        ),
    ],
)
def test_any_field_indented_into_any_text_is_named(
    write_kb: WriteKb, entries: str, name: str, inside: str, line: int
) -> None:
    """The fields of facts, known unknowns and sources alike, in any of their texts."""
    problem = only_problem(write_kb({"f.yaml": entries}))
    field = name.rsplit("'", 2)[1]
    assert str(problem) == (
        f"f.yaml:{line}: {name}: '{field}: …' is inside the text of '{inside}' (indented like "
        "it): line it up with the other fields"
    )


@pytest.mark.parametrize(
    "answer",
    [
        # a field's name and a colon inside a line of the text, not at its start
        ">-\n      The renewal status: not announced. Its keywords: none yet.",
        # at a line's start, but not a field's name as YAML reads keys (another case)
        "|\n      Status: official.\n      Keywords: none",
        # a field the fact has: YAML would have refused it twice, so it is text
        ">-\n      An answer that says\n      status: official, as the studio put it.",
        # a field's name with no colon after it
        ">-\n      An answer about its\n      keywords and what fans call it.",
    ],
)
def test_a_field_name_said_in_a_text_is_not_refused(write_kb: WriteKb, answer: str) -> None:
    kb = load_knowledge(write_kb({"f.yaml": fact_yaml(answer=answer)}))
    assert kb.fact("a-fact").answer.startswith(("The", "Status", "An"))


def test_a_quote_left_open_is_named_where_it_opens(write_kb: WriteKb) -> None:
    """A title whose closing quote is missing runs on, as YAML allows a quoted text over
    lines, to the next quote mark (the next fact's title), and YAML stumbles there: the
    error named that later line (33 and 73 lines off for a helper session trying edits as
    an admin). It names the line that opened the quote."""
    first = fact_yaml("first", question="first question").replace(
        "    answer:", '    title: "Is it out?\n    answer:'
    )
    second = (
        fact_yaml("second", question="second question")
        .replace("facts:\n", "")
        .replace("    answer:", '    title: "What is it?"\n    answer:')
    )
    problem = only_problem(write_kb({"f.yaml": first + second}))
    assert (problem.line, problem.where) == (3, "YAML syntax")
    assert problem.message.startswith(
        "a text opened with a quote on this line is not closed on it, so YAML reads on to "
        "line 11: end the text with the same quote mark"
    ), problem.message


def test_a_way_of_writing_two_terms_is_named_at_its_term(write_kb: WriteKb) -> None:
    """A synonym (or a numbered term's spelling) listed under two terms is an error named
    at the term's own line, with the terms as written; both had been named at the
    vocabulary's first line, a numbered term as the matcher spells it ("top10" for "top
    10"; a helper session trying edits as an admin)."""
    vocabulary = (
        "vocabulary:\n"
        "  numbered:\n"
        "    season: [seasons, s]\n"
        "    series: [s]\n"
        "  synonyms:\n"
        "    nielsen: [neilsen, top 10]\n"
        "    top 10: [top ten]\n"
    )
    problems = problems_of(write_kb({"a.yaml": fact_yaml(), "vocabulary.yaml": vocabulary}))
    said = [str(p) for p in problems]
    assert (
        "vocabulary.yaml:4: vocabulary numbered term 's': listed under both 'season' and "
        "'series' (first at vocabulary.yaml:3)"
    ) in said, said
    assert (
        "vocabulary.yaml:7: vocabulary synonym 'top 10': listed under both 'nielsen' and "
        "'top 10' (first at vocabulary.yaml:6)"
    ) in said, said


def test_a_base_finds_its_examples_lines_on_disk_and_keeps_no_copy(write_kb: WriteKb) -> None:
    """A loaded base keeps no copy of its files (7 MB at 10,000 facts): an example's line is
    read from its file when asked, if the file is still what was loaded; changed since, the
    line may be another's, and the entry's own line is given."""
    root = write_kb({"f.yaml": fact_yaml(question="a question")})
    kb = load_knowledge(root)
    fact = kb.facts[0]
    assert not any(isinstance(v, bytes) for v in kb.example_lines._texts.values())
    file, line = kb.example_at(fact, "a question")
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].strip() == "- a question" and line != fact.line
    again = load_knowledge(root)
    (root / "f.yaml").write_text("# moved down\n" + (root / "f.yaml").read_text())
    assert again.example_at(again.facts[0], "a question") == (file, fact.line)


def test_the_summary_counts_in_words(write_kb: WriteKb) -> None:
    """/faq settings and /faq reload show the summary: "1 source in 2 file(s)" had read
    oddly, and "1 facts" wrongly."""
    kb = load_knowledge(write_kb({"facts.yaml": fact_yaml()}))
    assert kb.summary() == (
        "1 fact, 1 example question, 0 known unknowns, 0 synonyms, 1 source in 2 files"
    )
