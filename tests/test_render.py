"""What the bot says beside its answers about the other questions of a message (pure)."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase
from bot.outcomes import MatchResult, Part
from bot.render import QUOTE_MAX, no_match_text, unanswered_lines


def _answered(kb: KnowledgeBase, *, parts: tuple[Part, ...] = (), unread: int = 0) -> MatchResult:
    fact = kb.facts[0]
    return MatchResult("answer", 0.9, answers=(fact,), parts=parts, unread=unread)


def test_a_long_question_is_quoted_back_shortened(kb: KnowledgeBase) -> None:
    question = "is it true that " + "really " * 30 + "they filmed it in a castle"
    line, *_ = unanswered_lines(_answered(kb, parts=(Part(question, MatchResult("none", 0.0)),)))
    quoted = line.split("“")[1].split("”")[0]
    assert len(quoted) <= QUOTE_MAX and quoted.endswith("…")
    assert question.startswith(quoted[:-1])
    short = unanswered_lines(
        _answered(kb, parts=(Part("is it filmed in a castle", MatchResult("none", 0.0)),))
    )
    assert short[0].startswith("About “is it filmed in a castle”:")


def test_the_questions_past_the_first_ten_get_a_word(kb: KnowledgeBase) -> None:
    assert unanswered_lines(_answered(kb)) == []
    [one] = unanswered_lines(_answered(kb, unread=1))
    assert one.endswith("Ask me the other question in another message.")
    [three] = unanswered_lines(_answered(kb, unread=3))
    assert "I read the first 10" in three and "the other 3 questions" in three


def test_i_dont_know_names_the_did_you_mean_of_the_other_questions(kb: KnowledgeBase) -> None:
    """A message none of whose questions got an answer, one about a known unknown: the fan
    is told that, and the "did you mean" another question got."""
    unknown = kb.unknowns[0]
    offered = Part(
        "what was the premiere date", MatchResult("suggest", 0.6, suggestions=(kb.facts[0],))
    )
    result = MatchResult("none", 0.1, unknown=unknown, parts=(offered,))
    lines = no_match_text(result).splitlines()
    assert lines[0].startswith("I don't know that yet.")
    assert lines[1] == f"About “what was the premiere date”: did you mean “{kb.facts[0].heading}”?"
    assert no_match_text(MatchResult("none", 0.0)).count("did you mean") == 0
