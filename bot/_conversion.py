"""One YAML mapping -> one entry, with every problem in plain words and on its line (pure).

msgspec checks a mapping's types and constraints in one go. When it finds anything wrong, each
field is checked again on its own (each item of a list, each key and value of a mapping) so
that every mistake is reported, not only the first; the message is put in plain words by
:mod:`bot._plain_errors` and located with the lines :mod:`bot._yaml` keeps.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec

from bot import _plain_errors as plain
from bot import _yaml
from bot.entries import E, Entry, Loc
from bot.problems import Problem

_INTERNAL_FIELDS = ("file", "line", "key")  # set by the loader, never written in YAML
_AT_PATH = re.compile(r" - at `.*`$", re.DOTALL)  # msgspec's "- at `$[0]`", "- at `key` in `$`"


def _line_of(raw: Any, loc: Iterable[Any]) -> int:
    """The line of the deepest element of ``raw`` that ``loc`` (a field path) reaches."""
    line = getattr(raw, "line", 0)
    node = raw
    for part in loc:
        if isinstance(node, _yaml.LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, _yaml.LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _field_name(loc: Loc) -> str:
    """("synonyms", "season 2", 0) -> "synonyms['season 2'][0]" (a key YAML read as true or
    false is left out: the message quotes it as written)."""
    out = ""
    for part in loc:
        if isinstance(part, bool):
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        elif not out:
            out = str(part)
        else:
            out += f".{part}" if str(part).isidentifier() else f"[{str(part)!r}]"
    return out


def _source(raw: Any, loc: Loc, *, of_key: bool = False) -> str | None:
    """The text the value at ``loc`` (or its key) was written as in the file, if a scalar."""
    node = raw
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(node, _yaml.LineDict) and part in node:
            if last:
                return node.source(part, of_key=of_key)
            node = node[part]
        elif isinstance(node, _yaml.LineList) and isinstance(part, int) and part < len(node):
            if last:
                return node.source(part)
            node = node[part]
        else:
            return None
    return None


def _container(tp: Any) -> tuple[str, Any] | None:
    """("list", item type) or ("dict", value type) for a list or dict field, through
    Annotated and Optional; None for any other type."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _container(get_args(tp)[0])
    if origin in (Union, UnionType):
        present = [arg for arg in get_args(tp) if arg is not type(None)]
        return _container(present[0]) if len(present) == 1 else None
    if origin is list:
        return "list", get_args(tp)[0]
    if origin is dict:
        return "dict", get_args(tp)[1]
    return None


def _value_problems(
    raw: Any, loc: Loc, value: Any, tp: Any, allowed: list[str]
) -> Iterator[tuple[Loc, str]]:
    """Every problem of one value as ``tp``, in plain words: each item of a list and each key
    and value of a mapping on its own, so that all are reported, each with its line."""
    try:
        msgspec.convert(value, tp)
        return
    except msgspec.ValidationError as exc:
        text = str(exc)
    container = _container(tp)
    if _AT_PATH.search(text) and container is not None:  # the error is inside the value
        kind, inner = container
        if kind == "list" and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _value_problems(raw, (*loc, i), item, inner, allowed)
            return
        if kind == "dict" and isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    written = _source(raw, (*loc, key), of_key=True)
                    yield (*loc, key), plain.read_as(key, written) or "keys must be text"
                else:
                    yield from _value_problems(raw, (*loc, key), item, inner, allowed)
            return
    message = _AT_PATH.sub("", text)
    yield loc, plain.plain(message, value, _source(raw, loc), allowed)


def _literal_values(tp: Any) -> list[str]:
    """The allowed values of a Literal type (or of a Literal inside Optional)."""
    if get_origin(tp) is Literal:
        return [str(v) for v in get_args(tp)]
    return [v for arg in get_args(tp) for v in _literal_values(arg)]


@cache
def _fields(cls: type[Entry]) -> dict[str, msgspec.structs.FieldInfo]:
    """The fields of ``cls`` that YAML may set, by name (msgspec works them out anew each call)."""
    return {f.name: f for f in msgspec.structs.fields(cls) if f.name not in _INTERNAL_FIELDS}


def _convert_whole(raw: Any, cls: type[E], extra: dict[str, Any] | None) -> E | None:
    """``raw`` as ``cls`` in one go (nearly every entry), or None if anything is wrong with it."""
    if not _fields(cls).keys() >= raw.keys():
        return None  # an unknown field, or an internal one written in the YAML
    try:
        return msgspec.convert(raw | extra if extra else raw, cls)
    except msgspec.ValidationError:
        return None


def _field_problems(
    raw: Any, cls: type[Entry], swallowed: dict[str, tuple[str, int]]
) -> Iterator[tuple[Loc, str]]:
    """Every unknown, missing or invalid field of ``raw``, each field checked on its own
    (``swallowed``: see _swallowed)."""
    fields = _fields(cls)
    for key in raw:
        if key not in fields:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield (key,), f"unknown field{hint}; allowed: {', '.join(fields)}"
    for name, info in fields.items():
        if name not in raw:
            if info.required:
                inside = swallowed.get(name)
                hint = f": {_inside(name, inside[0])}" if inside else ""
                yield (name,), "required field is missing" + hint
            continue
        yield from _value_problems(raw, (name,), raw[name], info.type, _literal_values(info.type))


@cache
def _field_lines(cls: type[Entry]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A field of ``cls`` and a colon, as a text read may hold it (a line joined to the one
    before by a space, in a folded block of text), and as a line written starts with it."""
    names = "|".join(map(re.escape, _fields(cls)))
    return (
        re.compile(rf"(?:^|\s)(?:{names}):(?:\s|$)"),
        re.compile(rf"[ \t]*({names}):(?:[ \t]|$)"),
    )


def _swallowed(raw: Any, cls: type[Entry]) -> dict[str, tuple[str, int]]:
    """The fields of ``cls`` that ``raw`` lacks because they are written inside the text of
    another field, each with that field's name and the line: "keywords: [...]" indented
    like a `>-` answer's text above it becomes the answer's last words. Only a line of the
    text that starts with a field's name and a colon, as the key would, is one ("the
    renewal status: unknown" is text); a field ``raw`` has is text too (written twice, YAML
    would have refused it). (Every entry of the base is looked at: at 10,000 facts, texts
    without a colon are passed over as cheaply as can be, and lists of texts as a whole.)"""
    if not isinstance(raw, _yaml.LineDict):
        return {}
    found: dict[str, tuple[str, int]] = {}
    for key, value in raw.items():
        if value.__class__ is str:
            if ":" in value:
                _look(raw, cls, found, str(key), value, raw, key)
        elif value.__class__ is _yaml.LineList and _holds_colon(value):
            for i, item in enumerate(value):
                _look(raw, cls, found, f"{key}[{i}]", item, value, i)
    return found


def _look(
    raw: _yaml.LineDict,
    cls: type[Entry],
    found: dict[str, tuple[str, int]],
    name: str,
    text: Any,
    owner: _yaml.LineDict | _yaml.LineList,
    at: Any,
) -> None:
    """A field of ``cls`` that ``raw`` lacks, written inside ``text`` (the value of ``name``,
    ``owner``'s at ``at``), into ``found`` (see _swallowed)."""
    said, starts = _field_lines(cls)
    if isinstance(text, str) and ":" in text and said.search(text):
        for line, written in owner.later_lines(at):
            field = starts.match(written)
            if field is not None and field[1] not in raw:
                found.setdefault(field[1], (name, line))


def _holds_colon(items: list[Any]) -> bool:
    """Whether a list may hold a text with a colon (one join in C, not a call an item)."""
    try:
        return ":" in "\n".join(items)
    except TypeError:  # (not only texts: each is looked at)
        return True


def _inside(name: str, key: str) -> str:
    """What to do about a field written inside the text of ``key`` (see _swallowed)."""
    return (
        f"'{name}: …' is inside the text of '{key}' (indented like it): line it up with the "
        "other fields"
    )


def convert(
    raw: Any, cls: type[E], file: str, what: str, extra: dict[str, Any] | None = None
) -> tuple[E | None, list[Problem]]:
    """Validate one YAML mapping as ``cls``, reporting every problem, each with its line.

    msgspec checks the types and constraints. An entry it accepts in one go only gets the
    checks beyond types; otherwise each field is checked on its own so that one entry with
    three mistakes gets three messages, not one.
    """
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(
            Problem(file, _line_of(raw, loc), f"{what} field '{_field_name(loc)}'", message)
        )

    swallowed = _swallowed(raw, cls)
    for name, (key, line) in swallowed.items():
        if not _fields(cls)[name].required:  # (a required one is said missing, below)
            problems.append(Problem(file, line, f"{what} field '{name}'", _inside(name, key)))
    obj = None if problems else _convert_whole(raw, cls, extra)
    if obj is None:
        for loc, message in _field_problems(raw, cls, swallowed):
            add(loc, message)
        if problems:
            return None, problems
        fields = _fields(cls)
        obj = msgspec.convert({k: v for k, v in raw.items() if k in fields} | (extra or {}), cls)
    for loc, message in obj.problems():
        add(loc, message)
    return (None if problems else obj), problems
