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
import unicodedata
from typing import Any

import yaml
from yaml.reader import ReaderError

from bot._yaml import TYPED_DASHES
from bot.text import fit

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


# How a list or a mapping written where one value belongs is named, by msgspec's word for
# it: quoting it back had shown Python's own notation ("[datetime.date(2025, 10, 6)]")
_COLLECTIONS = {"array": "a list", "object": "a mapping"}


def not_an_id(value: Any, source: str | None) -> str:
    """The message for something written where an id belongs."""
    if isinstance(value, str):
        return f"{value!r} is not an id: {ID_RULE}"
    if isinstance(value, list | dict):
        kind = _COLLECTIONS["array" if isinstance(value, list) else "object"]
        return f"must be an id, not {kind}: {ID_RULE}"
    return read_as(value, source) or f"{_written(value, source)!r} is not an id: {ID_RULE}"


def _expected(want: str, got: str, value: Any, source: str | None) -> str | None:
    if want == "str":
        if got in ("bool", "int", "float", "date", "datetime"):
            return read_as(value, source)
        if got == "null":
            return "has no value: write one"  # (a field that may be left out takes null)
        if got == "array":
            return "must be text, not a list"
        if got == "object":
            return "must be text, not a mapping (text with `: ` in it needs quotes)"
    if want == "array":
        if got == "null":
            return "is empty: list at least one item, or remove the line"
        if got == "object":
            return "must be a list, not a mapping"
        if isinstance(value, str) and _DASH_GLUED.match(value):  # ("-who plays her\n- who…")
            return (
                "its first item needs a space after its '-', or YAML reads all its items as "
                f"one text ({fit(value, 60)!r}): {LIST_RULE}"
            )
        return LIST_RULE
    if want == "object":
        return "must be a mapping (`key: value` lines)"
    if want == "date" and got in _COLLECTIONS:
        return f"must be one date, not {_COLLECTIONS[got]}: {DATE_RULE}"
    if want == "int" and got in _COLLECTIONS:
        return f"must be a whole number, not {_COLLECTIONS[got]}"
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
    dash = next((d for d in TYPED_DASHES if f" {d} " in value), "-")
    if dash != "-":
        return (
            f"a line starting with {dash!r}, not '-', is read as part of the item above it "
            f"({value!r}): a list item starts with '- ', lined up with the items above"
        )
    return (
        f"a line starting with '-' is indented more than the item above it, so both are read "
        f"as one text ({value!r}): line it up with the items above"
    )


# libyaml's words for a file it cannot read (its problem, and what it was doing) -> plain
# words, and whether the line to name is where it was doing that (a quote or a list left
# open, a field name without its colon) rather than where it gave up. The first that fits.
TAB = "a tab character: indent with spaces, never tabs"
LIST_LEFT_OPEN = (
    "a list opened with '[' here is not closed with ']' (items are separated by commas; a "
    "text with a comma or a colon in it needs quotes)"
)
MAPPING_LEFT_OPEN = (
    "a mapping opened with '{' here is not closed with '}' (a text with a comma or a colon "
    "in it needs quotes)"
)
_SYNTAX: tuple[tuple[str, str, str, bool], ...] = (
    ("tab character", "", TAB, False),
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
    ("expected ',' or ']'", "", LIST_LEFT_OPEN, True),
    ("expected ',' or '}'", "", MAPPING_LEFT_OPEN, True),
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
        "another document",
        "single document",
        "a second YAML document starts here: one file holds one document; move it to a file "
        "of its own",
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
    own words after them ("(YAML: could not find expected ':')"): what the line itself shows
    first (a typographic dash, a non-breaking space, curly quotes, a quote left open on a
    line above), else what libyaml's words mean."""
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    # ("expected a single document in the stream, but found another document")
    said = f"{context}, {problem}" if problem.startswith("but ") else f"{problem} {context}".strip()
    lines = text.split("\n")
    message = None
    for words, doing, meaning, at_context in _SYNTAX:
        if words in problem and doing in context:
            if at_context and exc.context_mark is not None:
                mark = exc.context_mark
            message = meaning
            break
    duplicate = _DUPLICATE.match(problem)
    if duplicate:
        message = _duplicated(duplicate["key"], exc)
    if "expected node content" in problem and "flow node" in context and mark is not None:
        # (an item of a [ ] or { } list that cannot start so, or the file ending in the list)
        flow = _flow_item(text, lines, mark)
        if flow is not None:
            return flow[0] + 1, f"{flow[1]} (YAML: {said})"
    if mark is None or mark.line >= len(lines):
        return 0, f"{message} (YAML: {said})" if message else said
    line = mark.line
    there = lines[line]
    shown = there.lstrip(" \t")
    if "cannot start any token" in problem:
        first = there[mark.column : mark.column + 1]
        if first == "\t":
            message = TAB
        elif first:
            message = f"a text cannot begin with {first!r}: put the whole text in quotes"
    if message is not None and shown.startswith("---") and "another document" in problem:
        message = message.replace("starts here", "starts here ('---')")
    if not duplicate:
        opened = _open_quote_above(lines, line) if not context.endswith("quoted scalar") else None
        if opened is not None:
            line, message = (
                opened,
                (
                    f"a text opened with a quote on this line is not closed on it, so YAML reads "
                    f"on to line {mark.line + 1}: end the text with the same quote mark"
                ),
            )
        elif "\u00a0" in there:
            message = (
                "this line holds a non-breaking space (pasted from a web page or a document?), "
                "which YAML does not take for a space: retype the spaces"
            )
        elif shown and shown[0] in TYPED_DASHES:
            message = f"this line starts with {shown[0]!r}, not '-': a list item starts with '- '"
        elif _DASH_GLUED.match(shown):  # "-who plays her"
            message = "a list item needs a space after its '-'"
        elif (glued := _glued_dash_above(lines, line)) is not None:
            line, message = glued, "a list item needs a space after its '-'"
        elif _CURLY_QUOTES.search(there) and message is not None:
            message += " (curly quotes “ ” ‘ ’ are text to YAML, not quotes: use \" or ')"
        elif _FLOW_TEXT.match(shown):
            message = (
                "a text that starts with '[' or '{' is read as a list or a mapping: put the "
                "whole text in quotes"
            )
        elif context.endswith("simple key") and _after_list_item(lines, line):
            message = (
                "this line is no `field: value`: if it is another item of the list above, "
                "start it with '- '"
            )
    return line + 1, f"{message} (YAML: {said})" if message else said


def _flow_item(text: str, lines: list[str], mark: yaml.Mark) -> tuple[int, str] | None:
    """The line (0-based) and the words for a list written in [ ] (or a mapping in { })
    where libyaml found no item: the file ends inside it ("keywords: [stream, netflix," on
    a file's last line had been named at no line, in libyaml's words only), or an item
    starts with what cannot start one ("[stream, , netflix]", "[a, - b]")."""
    if all(not rest.strip() or rest.lstrip().startswith("#") for rest in lines[mark.line :]):
        opened: list[tuple[int, str]] = []  # (line, LIST_LEFT_OPEN or MAPPING_LEFT_OPEN)
        try:
            for token in yaml.scan(text, Loader=yaml.SafeLoader):
                if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                    words = LIST_LEFT_OPEN
                    if isinstance(token, yaml.FlowMappingStartToken):
                        words = MAPPING_LEFT_OPEN
                    opened.append((token.start_mark.line, words))
                elif opened and isinstance(
                    token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken
                ):
                    opened.pop()
        except yaml.YAMLError:
            pass
        return opened[-1] if opened else None
    first = lines[mark.line][mark.column : mark.column + 1]
    if first == ",":
        return mark.line, "two commas with no item between them: remove one"
    if first:
        return mark.line, f"an item of a list in [ ] cannot start with {first!r}: put it in quotes"
    return None


_DASH_GLUED = re.compile(r"-[^\s-]")
_CURLY_QUOTES = re.compile("[\u201c\u201d\u2018\u2019]")
# a field's value that YAML reads as a list or a mapping and then finds text after it
_FLOW_TEXT = re.compile(r"(?:-\s+)?[^\s:#][^:]*:\s+[\[{][^\]}]*[\]}]\s*[^\s#,\]}]")
_DUPLICATE = re.compile(r"found duplicate key '?(?P<key>[^']*)'?$")
# a value that opens a quote: after "field: " or "- "
_OPENING = re.compile(r"^\s*(?:-\s+|[^\s:#'\"][^:]*:\s+)(?P<q>[\"'])")


def _open_quote_above(lines: list[str], line: int) -> int | None:
    """The line above ``line`` (0-based) whose value opens a quote it does not close, where
    no line between holds that quote mark and ``line`` does: a quoted text may go on over
    lines, so YAML read on to the next such mark, on ``line``, and stumbled after it. Else
    None."""
    between: set[str] = set()  # the quote marks of the lines between
    for n in range(line - 1, -1, -1):
        found = _OPENING.match(lines[n])
        quote = found["q"] if found is not None else None
        rest = lines[n][found.end() :] if found is not None else ""
        if (
            quote is not None
            and quote not in rest.replace(quote * 2, "")
            and quote not in between
            and quote in lines[line]
        ):
            return n
        between.update(q for q in "\"'" if q in lines[n])
        if len(between) == 2:
            return None
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _glued_dash_above(lines: list[str], line: int) -> int | None:
    """The line above ``line`` (0-based) that starts a list's first item with no space
    after its '-', where libyaml stumbled only later: "-id: premise" on a file's first
    fact made its fields a mapping of their own ("a ': ' inside a text" at the fact's next
    line), and "-what is ballard about" on a list's first item read the items under it as
    its text, up to the first comment among them. Else None."""
    indent = _indent(lines[line])
    for n in range(line - 1, -1, -1):
        above = lines[n].lstrip(" ")
        if not above or above.startswith("#"):
            continue
        if _indent(lines[n]) == indent and above.startswith("- "):
            continue  # (another item of the list the glued one starts)
        if _DASH_GLUED.match(above) and _indent(lines[n]) <= indent:
            return n
        return None
    return None


def _after_list_item(lines: list[str], line: int) -> bool:
    """Whether the line before ``line`` (0-based) is a list item indented as it is."""
    if line == 0:
        return False
    before, this = lines[line - 1], lines[line]
    indent = len(this) - len(this.lstrip(" "))
    return before.lstrip(" ").startswith("- ") and len(before) - len(before.lstrip(" ")) == indent


def _duplicated(key: str, exc: yaml.MarkedYAMLError) -> str:
    """The words for a key written twice in one mapping."""
    first = exc.context_mark.line + 1 if exc.context_mark is not None else 0
    if key == "id":
        return (
            "a second 'id' in one entry: a new entry starts with '- ' (write '- id: …', "
            "lined up with the other entries' dashes)"
        )
    if exc.problem_mark is not None and exc.problem_mark.column == 0:  # (a top-level key)
        return f"'{key}:' is written twice in this file: keep one and put all of them under it"
    return f"'{key}' is written twice in the mapping that starts on line {first}: keep one"


def unreadable_character(exc: ReaderError, text: str) -> tuple[int, str]:
    """The line (1-based) and the plain words for a character YAML does not read at all
    (a NUL byte, another invisible control character), where it is: "unacceptable character
    #x0000 … position 318" told an admin neither the line nor what to do."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    code = f"U+{ord(char):04X}" if len(char) == 1 else repr(char)
    if char == "\0":
        name = "a NUL character (an invisible control character)"
    elif len(char) == 1 and unicodedata.category(char) == "Cc":
        name = f"an invisible control character ({code})"
    else:
        name = f"a character YAML does not read ({code})"
    # (libyaml gives the position in bytes, PyYAML's reader in characters: the first such
    # character is the one it stopped at)
    at = text.find(char)
    if at < 0:
        return 0, f"{name}: delete it"
    column = at - text.rfind("\n", 0, at)
    return text.count("\n", 0, at) + 1, f"{name} at column {column}: delete it"


def not_utf8(exc: UnicodeDecodeError, data: bytes) -> tuple[int, str]:
    """The line (1-based; 0 for the file as a whole) and the plain words for a file that is
    not UTF-8 text: "byte 194 cannot be read" told an admin neither the line nor the column
    (Notepad's "ANSI" saves "Renée" as Windows-1252, its "Unicode" a whole file as UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 0, 'is UTF-16 text (Notepad\'s "Unicode"), not UTF-8: save the file as UTF-8'
    start = data.rfind(b"\n", 0, exc.start) + 1  # (a lone "\r" ends a line too: see as_text)
    start = max(start, data.rfind(b"\r", 0, exc.start) + 1)
    before = data[start : exc.start].decode("utf-8")  # (all read up to the byte that is not)
    line = data.count(b"\n", 0, start) + data.count(b"\r", 0, start) - data.count(b"\r\n", 0, start)
    return line + 1, (
        f"is not UTF-8 text (column {len(before) + 1} cannot be read{_as_written(data, exc)}): "
        "save the file as UTF-8"
    )


def _as_written(data: bytes, exc: UnicodeDecodeError) -> str:
    """What the byte that cannot be read is in Windows-1252, if a letter or a sign: most such
    files are ("é", "’")."""
    try:
        char = data[exc.start : exc.start + 1].decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if unicodedata.category(char)[0] not in "LPS":
        return ""
    return f", perhaps {char!r} saved in another encoding"
