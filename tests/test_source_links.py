"""A source's `url`, shown to fans under an answer: in plain text, in the Discord embed and in
`ask --json`; validate refuses one that is not a web address. (The shipped sources give no
url: the articles give none, so these bases are written for the tests.)"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from bot import cli
from bot.exts._replies import FIELD_LIMIT, answer_embed, sources_field
from bot.knowledge import KnowledgeBaseError, load_knowledge
from bot.render import render_answer
from tests.conftest import WriteKb, fact_yaml

DAY = dt.date(2025, 11, 1)
URL = "https://www.example.com/ballard-renewed"
SOURCES = f"""\
sources:
  article:
    title: Ballard renewed
    outlet: Example News
    date: 2025-10-06
    url: {URL}
  bare:
    title: "[Update] Ballard (the spinoff) explained"
    date: 2025-10-04
    url: https://en.example.org/wiki/Ballard_(TV_series)
  no-link:
    title: A printed interview
    date: 2025-10-01
"""


def _base(
    write_kb: WriteKb, sources: str = SOURCES, cited: str = "[article, bare, no-link]"
) -> Path:
    text = fact_yaml(question="who plays ballard").replace(
        "sources: [article]", f"sources: {cited}"
    )
    return write_kb({"sources.yaml": sources, "f.yaml": text}, with_source=False)


def test_the_plain_answer_gives_the_url_in_angle_brackets(write_kb: WriteKb) -> None:
    """`Source: outlet, “title” (date) <url>`: the angle brackets keep Discord from making a
    preview card of the article under a plain message; a source without a url is as it was."""
    kb = load_knowledge(_base(write_kb))
    lines = render_answer(kb, kb.fact("a-fact"), DAY).text().splitlines()
    assert lines[-3:] == [
        f"Source: Example News, “Ballard renewed” (2025-10-06) <{URL}>",
        "Source: “[Update] Ballard (the spinoff) explained” (2025-10-04) "
        "<https://en.example.org/wiki/Ballard_(TV_series)>",
        "Source: “A printed interview” (2025-10-01)",
    ]


def test_the_embed_links_each_title_to_its_url(write_kb: WriteKb) -> None:
    """In the embed, the title is a masked link to the url; brackets in a title and
    parentheses in a url are escaped so that neither ends the link early."""
    kb = load_knowledge(_base(write_kb))
    embed = answer_embed(kb, kb.fact("a-fact"), DAY)
    assert embed.fields[0].name == "Sources"
    assert str(embed.fields[0].value).splitlines() == [
        f"Example News, [“Ballard renewed”]({URL}) (2025-10-06)",
        r"[“\[Update\] Ballard (the spinoff) explained”]"
        "(https://en.example.org/wiki/Ballard_%28TV_series%29) (2025-10-04)",
        "“A printed interview” (2025-10-01)",
    ]


def test_sources_too_long_for_a_field_are_cut_as_plain_text(write_kb: WriteKb) -> None:
    """A link cut at the field's 1,024 characters would show its markdown: sources too long
    together are their plain citations, cut."""
    long_url = "https://www.example.com/" + "a" * 1_100
    kb = load_knowledge(_base(write_kb, SOURCES.replace(URL, long_url)))
    value = sources_field(render_answer(kb, kb.fact("a-fact"), DAY))
    assert len(value) == FIELD_LIMIT and value.startswith("Example News, “Ballard renewed”")


def test_ask_json_gives_each_sources_url(write_kb: WriteKb) -> None:
    root = _base(write_kb)
    out = io.StringIO()
    argv = ["--knowledge", str(root), "--today", "2025-11-01", "ask", "--json", "who plays ballard"]
    assert cli.main(argv, stdin=io.StringIO(), out=out, err=io.StringIO()) == 0
    [fact] = json.loads(out.getvalue())["facts"]
    assert fact["sources"][0] == {
        "key": "article",
        "title": "Ballard renewed",
        "date": "2025-10-06",
        "outlet": "Example News",
        "url": URL,
    }
    assert fact["sources"][2]["url"] is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://example.com/article", "is not a web address: write it starting with https://"),
        ("www.example.com/article", "is not a web address"),
        ("javascript:alert(1)", "is not a web address"),
        ("https://example.com/an article", "has a space, a quote or an angle bracket in it"),
        ("https://", "names no site after the //"),
    ],
)
def test_a_url_that_is_not_a_web_address_is_refused(write_kb: WriteKb, url: str, says: str) -> None:
    """Named at its file, line and field, in plain words; the facts citing the source are
    told so once (not "unknown source" each)."""
    root = _base(write_kb, SOURCES.replace(URL, url), cited="[article]")
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(root)
    own, citing = info.value.problems
    assert (own.file, own.line, own.where) == ("sources.yaml", 6, "source 'article' field 'url'")
    assert own.message.startswith(f"{url!r} {says}")
    assert own.message.endswith("(like https://www.example.com/article)")
    assert citing.message.startswith("cited by 1 fact ('a-fact')")
