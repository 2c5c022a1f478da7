"""Validation messages in plain words for admins (pure).

msgspec says "Invalid RFC3339 encoded date" or "Expected `str` matching regex ..."; an admin
editing YAML needs "use a date written YYYY-MM-DD" or "ids are lowercase words joined by
hyphens". YAML 1.1 reads ``no``, ``yes``, ``on`` and ``off`` as booleans, so ``id: no``
arrives as False: the message names the word as written and says to quote it.

:func:`plain` turns one msgspec message about one value into such words; the loader gives it
the value and the text the value was written as.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# The words PyYAML (YAML 1.1) reads as true or false when they are not in quotes.
YAML_BOOL_WORDS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split()
)
ID_RULE = "ids are lowercase words joined by hyphens, like season2-release-date"
DATE_RULE = "use a date written YYYY-MM-DD, like 2025-10-06"
LIST_RULE = "must be a list: [first, second], or one `- item` per line"

_EXPECTED = re.compile(r"^Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`$")
_REGEX = re.compile(r"^Expected `(?P<want>[^`]+)` matching regex '(?P<regex>.*)'$")
_LENGTH = re.compile(r"^Expected `(?P<want>[^`]+)` of length (?P<op>[<>]=?) (?P<n>\d+)$")
_BOUND = re.compile(r"^Expected `(?P<want>[^`]+)` (?P<op>[<>]=?) (?P<n>-?\d+)$")
_BAD_DATE = re.compile(r"^Invalid RFC3339 encoded (date|datetime)$")
_ENUM = re.compile(r"^Invalid enum value ")


def _base(kind: str) -> str:
    """ "str | null" -> "str": a value that is there is judged by its type."""
    kinds = [k.strip() for k in kind.split("|") if k.strip() != "null"]
    return kinds[0] if len(kinds) == 1 else kind


def _written(value: Any, source: str | None) -> str:
    """How the value was written in the file, for quoting back to the admin."""
    return source if source is not None else str(value)


def read_as(value: Any, source: str | None) -> str | None:
    """What YAML made of an unquoted word that was meant as text, and how to keep it text:
    "`no` is read as false: put it in quotes ('no')"; None if it is not such a case."""
    text = _written(value, source)
    if isinstance(value, bool):
        if source is not None and source not in YAML_BOOL_WORDS:
            return None
        return f"`{text}` is read as {str(value).lower()}: put it in quotes ('{text}')"
    if isinstance(value, int | float):
        return f"`{text}` is read as a number: put it in quotes ('{text}') to use it as text"
    if type(value).__name__ in ("date", "datetime"):
        return f"`{text}` is read as a date: put it in quotes ('{text}') to use it as text"
    return None


def not_an_id(value: Any, source: str | None) -> str:
    """The message for something written where an id belongs."""
    if isinstance(value, str):
        return f"{value!r} is not an id: {ID_RULE}"
    return read_as(value, source) or f"{_written(value, source)!r} is not an id: {ID_RULE}"


def _expected(want: str, got: str, value: Any, source: str | None) -> str | None:
    if want == "str":
        if got in ("bool", "int", "float", "date", "datetime"):
            return read_as(value, source)
        if got == "null":
            return "has no value: write one, or remove the line"
        if got == "array":
            return "must be text, not a list"
        if got == "object":
            return "must be text, not a mapping (text with `: ` in it needs quotes)"
    if want == "array":
        if got == "null":
            return "is empty: list at least one item, or remove the line"
        if got == "object":
            return "must be a list, not a mapping"
        return LIST_RULE
    if want == "object":
        return "must be a mapping (`key: value` lines)"
    if want == "date":
        if got == "datetime":
            return f"{DATE_RULE}, without a time"
        if got == "null":
            return f"has no value: {DATE_RULE}"
        return f"`{_written(value, source)}` is not a date: {DATE_RULE}"
    if want == "int":
        return f"must be a whole number, not `{_written(value, source)}`"
    return None


def plain(
    message: str, value: Any, source: str | None = None, allowed: list[str] | None = None
) -> str:
    """msgspec's ``message`` about ``value`` (written as ``source``) in plain words.

    ``allowed``: the values a field of fixed choices takes (status: official, reported...).
    A message this does not know stays as msgspec wrote it.
    """
    choices = ", ".join(allowed or [])
    said: str | None = None
    if match := _EXPECTED.match(message):
        said = _expected(_base(match["want"]), match["got"], value, source)
    elif match := _REGEX.match(message):
        said = not_an_id(value, source)
    elif match := _LENGTH.match(message):
        n, op, want = int(match["n"]), match["op"], _base(match["want"])
        if want == "str":
            if op.startswith(">"):
                said = "must not be empty" if n == 1 else f"must be at least {n:,} characters"
            else:
                size = f" (this one has {len(value):,})" if isinstance(value, str) else ""
                said = f"must be at most {n:,} characters{size}"
        elif want == "array":
            items = "one item" if n == 1 else f"{n} items"
            said = f"needs at least {items}" if op.startswith(">") else f"may hold at most {items}"
    elif match := _BOUND.match(message):
        n, op = int(match["n"]), match["op"]
        said = f"must be at least {n:,}" if op.startswith(">") else f"must be at most {n:,}"
    elif _BAD_DATE.match(message):
        said = f"{_written(value, source)!r} is not a date: {DATE_RULE}"
    elif _ENUM.match(message) and choices:
        return f"{_written(value, source)!r} is not one of: {choices}"
    said = said or message
    return f"{said} (allowed: {choices})" if choices else said


def folded(value: str) -> str:
    """The message for a list item that YAML read together with the line after it, indented
    more and starting with "- " (see bot._yaml.folded_items)."""
    return (
        f"a line starting with '-' is indented more than the item above it, so both are read "
        f"as one text ({value!r}): line it up with the items above"
    )


# libyaml's words for a file it cannot read (its problem, and what it was doing) -> plain
# words, and whether the line to name is where it was doing that (a quote or a list left
# open, a field name without its colon) rather than where it gave up. The first that fits.
_SYNTAX: tuple[tuple[str, str, str, bool], ...] = (
    ("tab character", "", "a tab character: indent with spaces, never tabs", False),
    (
        "expected ':'",
        "simple key",
        "this line is neither `field: value` nor part of the text "
        "above it: write ': ' (a colon and a space) after the field's name, or indent the line "
        "as the text it belongs to",
        True,
    ),
    (
        "expected alphabetic or numeric",
        "",
        "'*' or '&' at the start of a text is read as a "
        "YAML alias or anchor: put the whole text in quotes",
        False,
    ),
    (
        "end of stream",
        "quoted scalar",
        "a text opened with a quote here is never closed: end it with the same quote mark",
        True,
    ),
    (
        "expected ',' or ']'",
        "",
        "a list opened with '[' here is not closed with ']' (items "
        "are separated by commas; a text with a comma or a colon in it needs quotes)",
        True,
    ),
    (
        "expected ',' or '}'",
        "",
        "a mapping opened with '{' here is not closed with '}' (a "
        "text with a comma or a colon in it needs quotes)",
        True,
    ),
    (
        "mapping values are not allowed",
        "",
        "a ': ' inside a text, or a line indented more "
        "than the field above it: put the whole text in quotes, or line the line up",
        False,
    ),
    (
        "expected '-' indicator",
        "",
        "this line is not lined up with the list above it: indent it as the lines it belongs with",
        False,
    ),
    (
        "expected key",
        "",
        "this line is not lined up with the fields above it, or a text "
        "goes on after its closing quote: indent fields alike, and put a text with quotes "
        "inside it in the other kind of quotes",
        False,
    ),
    (
        "block end",
        "",
        "this line is indented differently from the lines around it: line it "
        "up with the field or list item it belongs to",
        False,
    ),
    (
        "comment or line break",
        "block scalar",
        "'|' or '>' at the start of a text begins a "
        "block of text on the next lines: put the text in quotes, or start it on the next "
        "line, indented",
        False,
    ),
)


def yaml_syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line (1-based) and the plain words for a file libyaml cannot read, with libyaml's
    own words after them ("(YAML: could not find expected ':')")."""
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    said = f"{problem} {context}".strip()
    lines = text.split("\n")
    for words, doing, message, at_context in _SYNTAX:
        if words in problem and doing in context:
            if at_context and exc.context_mark is not None:
                mark = exc.context_mark
            if mark is not None and mark.line < len(lines):
                said_there = lines[mark.line].lstrip()
                if _DASH_GLUED.match(said_there):  # "-who plays her"
                    message = "a list item needs a space after its '-'"
            return (mark.line + 1 if mark else 0), f"{message} (YAML: {said})"
    if mark is not None and "cannot start any token" in problem and mark.line < len(lines):
        first = lines[mark.line][mark.column : mark.column + 1]
        if first == "\t":
            return mark.line + 1, f"{_SYNTAX[0][2]} (YAML: {said})"
        if first:
            return mark.line + 1, (
                f"a text cannot begin with {first!r}: put the whole text in quotes (YAML: {said})"
            )
    return (mark.line + 1 if mark else 0), said


_DASH_GLUED = re.compile(r"-[^\s-]")
