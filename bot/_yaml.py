"""Safe YAML loading that remembers where every mapping key and list item came from.

PyYAML's safe loader (libyaml-accelerated when available) with two additions that admins need
for readable errors: mappings and lists carry the line of each key/item, and a key repeated in
one mapping is an error instead of silently keeping the last value (a key written beside a
merge key, ``<<: *defaults``, overrides the merged one, as YAML says: see _flatten). Only the
standard safe tags are constructed: ``!!python/...`` tags are rejected exactly as
``yaml.safe_load`` rejects them.

Speed (a 10,000-fact base is ~7 MB of YAML): libyaml composes the node tree, then
:func:`_build` walks it with a fast path for the nodes a knowledge base is made of (plain
strings, dates, mappings and lists) and hands every other node to PyYAML's own constructors.
Lines are read from the nodes only when an error message asks for them.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from functools import cached_property
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE_TAGS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # see _flatten
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# The nodes the composer makes (an alias is the node of its anchor).
_Node = ScalarNode | SequenceNode | MappingNode


class LineDict(dict):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    _node: MappingNode
    _text = ""  # the text it was read from (load sets it)

    @cached_property
    def line(self) -> int:
        return self._node.start_mark.line + 1

    @cached_property
    def key_lines(self) -> dict[Any, int]:
        # The keys went in in the order of the node's (flattened) pairs and none is repeated
        # (that is an error), so keys and key nodes pair up one to one.
        return dict(zip(self, [k.start_mark.line + 1 for k, _ in self._node.value], strict=True))

    def source(self, key: Any, *, of_key: bool = False) -> str | None:
        """The text of ``key``'s value (or of the key itself) as written in the file, if it is
        a scalar: ``no`` for ``id: no``, which YAML reads as False (for error messages)."""
        for (key_node, value_node), k in zip(self._node.value, self, strict=True):
            if k == key and type(k) is type(key):
                return _scalar_text(key_node if of_key else value_node)
        return None

    def later_lines(self, key: Any) -> list[tuple[int, str]]:
        """The lines of ``key``'s value as written after its first, each with its 1-based
        line, if it is a text written over several lines (a block of text under ``>-`` or
        ``|``: the first is the ``>-``); else []."""
        for (_, value_node), k in zip(self._node.value, self, strict=True):
            if k == key and type(k) is type(key):
                return _later_lines(value_node, self._text)
        return []


class LineList(list):
    """A list that knows the 1-based line of itself and of each of its items."""

    _node: SequenceNode
    _text = ""  # the text it was read from (load sets it)

    @cached_property
    def line(self) -> int:
        return self._node.start_mark.line + 1

    @cached_property
    def item_lines(self) -> list[int]:
        return [child.start_mark.line + 1 for child in self._node.value]

    def source(self, index: int) -> str | None:
        """The text of an item as written in the file, if it is a scalar (see LineDict)."""
        nodes = self._node.value
        return _scalar_text(nodes[index]) if 0 <= index < len(nodes) else None

    def later_lines(self, index: int) -> list[tuple[int, str]]:
        """The lines of an item as written after its first (see LineDict.later_lines)."""
        nodes = self._node.value
        return _later_lines(nodes[index], self._text) if 0 <= index < len(nodes) else []


def _scalar_text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None


def _later_lines(node: yaml.Node, text: str) -> list[tuple[int, str]]:
    start, end = node.start_mark, node.end_mark
    if not isinstance(node, ScalarNode) or start.line == end.line or not text:
        return []
    written = text[start.index : end.index].split("\n")
    return [(start.line + 1 + n, line) for n, line in enumerate(written) if n]


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A key appears twice in the same mapping."""


class MisreadError(yaml.MarkedYAMLError):
    """Text that YAML reads, without an error, as something the admin did not write: a
    comment glued to it, an anchor before it, a list item indented under it (see
    _misreadings). Its ``problem`` is in plain words."""


# What YAML reads differently from what an admin meant, without an error of its own. The
# patterns find candidates in one scan of the text each, only of a text holding " #" or "&"
# (a base's text holds no candidate as a rule); the nodes say which are real (not inside a
# quoted text or a block of text, where "#" and "&" are text).
# "ranked #1 on prime": " #" starts a comment, so the text stops at "ranked"
# ("ranked # 1": a number after "# " is no comment's first word either)
_GLUED_COMMENT = re.compile(r"(?<=[ \t])#(?:\S+|[ \t]+[0-9]\S*)")
# "title: &more stars": "&more" is an anchor, so the text is "stars"
_INLINE_ANCHOR = re.compile(r"(&[^\s\[\]{},]+)[ \t]+[^\s#]")


class _LineLoader(_Base):
    # libyaml's composer calls these three for every node, so they are worth making cheap.
    # The two below only serve path resolvers, which neither this loader nor safe_load has.
    descend_resolver = staticmethod(operator.is_)  # (parent, index): a no-op in C
    ascend_resolver = staticmethod(tuple)  # (): a no-op in C
    # Whether the text may hold an anchor ("&name"), without which it holds no alias (an
    # alias of no anchor is an error): load() sets it
    anchored = True
    text = ""  # the text being read (load() sets it), for later_lines

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of an untagged node: Resolver.resolve without the path-resolver checks."""
        if kind is ScalarNode:
            if implicit[0]:  # plain scalar: "2025-10-06", "42", "yes", "~"...
                resolvers = _IMPLICIT.get(value[:1], _IMPLICIT_ANY)
                if resolvers:  # (most texts begin with a letter that none is for)
                    for tag, regexp in resolvers:
                        if regexp.match(value):
                            return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


assert not _LineLoader.yaml_path_resolvers
# The implicit resolvers by first character ("" for an empty scalar), each followed by those
# that apply whatever the first character (None; yaml registers none), as Resolver.resolve does.
_IMPLICIT_ANY = tuple(_LineLoader.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {
    first: (*resolvers, *_IMPLICIT_ANY)
    for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()
    if first is not None
}


def _build(loader: Any, node: _Node) -> Any:
    """Construct ``node`` as ``construct_object(node, deep=True)`` would, only faster."""
    cls = node.__class__
    tag = node.tag
    if cls is ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:
            assert isinstance(node, ScalarNode)  # cls is ScalarNode: this tells mypy
            return _construct_timestamp(loader, node)
    elif (cls is MappingNode and tag == _MAP) or (cls is SequenceNode and tag == _SEQ):
        if not loader.anchored:  # no alias either: each node is met once, in no other
            return (
                _construct_map(loader, node) if cls is MappingNode else _construct_seq(loader, node)
            )
        # The same bookkeeping as construct_object: an alias gets the object built for its
        # anchor (so "billion laughs" stays cheap), and a node inside itself is an error.
        built = loader.constructed_objects.get(node)
        if built is not None:
            return built
        if node in loader.recursive_objects:
            raise ConstructorError(
                None, None, "found unconstructable recursive node", node.start_mark
            )
        loader.recursive_objects[node] = None
        data = _construct_map(loader, node) if cls is MappingNode else _construct_seq(loader, node)
        loader.constructed_objects[node] = data
        del loader.recursive_objects[node]
        return data
    return loader.construct_object(node, deep=True)  # the other safe tags; others are errors


def _construct_map(loader: Any, node: _Node, data: LineDict | None = None) -> LineDict:
    if not isinstance(node, MappingNode):
        raise ConstructorError(
            None, None, f"expected a mapping node, but found {node.id}", node.start_mark
        )
    if data is None:
        data = LineDict()
    data._node = node
    data._text = loader.text
    pairs = node.value
    keys = [k.value for k, _ in pairs if k.__class__ is ScalarNode and k.tag == _STR]
    if len(keys) == len(pairs) and len(set(keys)) == len(keys):
        # Nearly every mapping: its keys are distinct strings (so none is a merge key), and
        # its values are built in order, as below.
        data.update(
            zip(
                keys,
                [
                    value.value
                    if value.__class__ is ScalarNode and value.tag == _STR
                    else _build(loader, value)
                    for _, value in pairs
                ],
                strict=True,
            )
        )
        return data
    for key_node, _ in pairs:
        if key_node.tag in _MERGE_TAGS:
            _flatten(node, set())  # "<<: *defaults"
            break
    for key_node, value_node in node.value:
        if key_node.__class__ is ScalarNode and key_node.tag == _STR:
            key = key_node.value
        else:
            key = _build(loader, key_node)
            try:
                hash(key)
            except TypeError:
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found an unhashable key",
                    key_node.start_mark,
                ) from None
        if key in data:
            raise DuplicateKeyError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        if value_node.__class__ is ScalarNode and value_node.tag == _STR:
            data[key] = value_node.value
        else:
            data[key] = _build(loader, value_node)
    return data


def _flatten(node: MappingNode, visiting: set[int]) -> None:
    """Put the pairs a mapping merges in ("<<: *defaults", "<<: [*a, *b]") in place of its
    "<<" keys, before its own pairs, each key once: a key the mapping writes itself overrides
    a merged one (so it is no key written twice) and of the mappings merged, the first listed
    wins, as YAML's merge key says. (PyYAML 6's flatten_mapping keeps a key written beside
    "<<" and the one merged, which this loader took for a key written twice, and of the merged
    pairs the first met of each key's string *object*: "x", one object wherever written, and
    "xylophone" were merged by different rules.)"""
    if id(node) in visiting:
        raise ConstructorError(None, None, "found unconstructable recursive node", node.start_mark)
    sources: list[MappingNode] = []
    written: list[tuple[Any, Any]] = []
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAGS[0]:
            subnodes = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for subnode in subnodes:
                if not isinstance(subnode, MappingNode):
                    alone = subnode is value_node  # (not in a list)
                    expected = "a mapping or list of mappings" if alone else "a mapping"
                    raise ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"expected {expected} for merging, but found {subnode.id}",
                        subnode.start_mark,
                    )
                sources.append(subnode)
        else:
            if key_node.tag == _MERGE_TAGS[1]:  # "=", the value key: a plain text key
                key_node.tag = _STR
            written.append((key_node, value_node))
    mine = {_key_of(key_node) for key_node, _ in written}
    merged: dict[Any, tuple[Any, Any]] = {}
    for subnode in reversed(sources):  # so that the first listed wins
        if any(key_node.tag in _MERGE_TAGS for key_node, _ in subnode.value):
            _flatten(subnode, visiting | {id(node)})
        for pair in subnode.value:
            key = _key_of(pair[0])
            if key not in mine:
                merged[key] = pair
    node.value = [*merged.values(), *written]


def _key_of(key_node: _Node) -> tuple[str, str] | int:
    """What tells keys apart before they are built: a scalar's tag and text, another node's
    identity."""
    return (key_node.tag, key_node.value) if isinstance(key_node, ScalarNode) else id(key_node)


def _construct_seq(loader: Any, node: _Node, data: LineList | None = None) -> LineList:
    if not isinstance(node, SequenceNode):
        raise ConstructorError(
            None, None, f"expected a sequence node, but found {node.id}", node.start_mark
        )
    if data is None:
        data = LineList()
    data._node = node
    data._text = loader.text
    data.extend(
        [
            child.value
            if child.__class__ is ScalarNode and child.tag == _STR
            else _build(loader, child)
            for child in node.value
        ]
    )
    return data


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    # "2025-13-01" looks like a date to the resolver but is not one: keep the text so the
    # validator can report it with its field and line instead of aborting the whole file.
    try:
        if node.__class__ is ScalarNode and _DATE.match(node.value):
            # a plain date, as nearly every one is: what construct_yaml_timestamp makes of it
            value = node.value
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


# Used when PyYAML constructs a node itself: a map or seq inside !!set, !!omap or !!pairs.
_LineLoader.add_constructor(_MAP, _construct_map)
_LineLoader.add_constructor(_SEQ, _construct_seq)
_LineLoader.add_constructor(_TIMESTAMP, _construct_timestamp)


def _scalars(root: _Node) -> list[ScalarNode]:
    """Every scalar node under ``root`` (each once: an alias is its anchor's node)."""
    found: list[ScalarNode] = []
    seen: set[int] = set()
    stack: list[_Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            found.append(node)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(part for pair in node.value for part in pair)
    return found


def _misreadings(text: str, root: _Node) -> None:
    """Raise MisreadError at the first place where YAML reads the text as something the
    admin did not mean: a comment glued to a text ("ranked #1" is "ranked"), an anchor
    before a text that no alias uses ("&more stars" is "stars"). (A list item indented
    under the one before, read as part of its text, is found from the items: see
    folded_items.)"""
    comments: list[tuple[int, int, str]] = []  # (where the text before ends, the #, the word)
    if " #" in text or "\t#" in text:
        for found in _GLUED_COMMENT.finditer(text):
            end = found.start() - 1
            while end > 0 and text[end - 1] in " \t":
                end -= 1
            if end > 0 and text[end - 1] != "\n":
                comments.append((end, found.start(), found.group()))
    anchors = []
    if "&" in text:
        anchors = [
            found
            for found in _INLINE_ANCHOR.finditer(text)
            if not found.start() or text[found.start() - 1] in " \t\n[{,"
        ]
    if not (comments or anchors):
        return
    scalars = _scalars(root)
    spans = [(n.start_mark.index, n.end_mark.index) for n in scalars]

    def inside(at: int, plain_only: bool = False) -> ScalarNode | None:
        for node, (start, end) in zip(scalars, spans, strict=True):
            if start <= at < end and not (plain_only and node.style):
                return node
        return None

    problems: list[tuple[int, str]] = []
    # (a plain text's node has style "" from libyaml, None from PyYAML's own parser)
    plain_ends = {end: n for n, (_, end) in zip(scalars, spans, strict=True) if not n.style}
    for end, at, word in comments:
        node = plain_ends.get(end)
        if node is not None and inside(at) is None:
            problems.append(
                (
                    at,
                    f"{word!r} starts a comment here, so the text ends before it "
                    f"({_quoted_end(node.value)}): if the # belongs to the text, put the whole "
                    "text in quotes (a comment is '# ' and words)",
                )
            )
    for found in anchors:
        at = found.start(1)
        name = re.escape(found.group(1)[1:])
        used = any(
            inside(alias.start()) is None
            for alias in re.finditer(r"\*" + name + r"(?![^\s\[\]{},])", text)
        )
        node = inside(at, plain_only=True)  # (an anchor's node begins at the anchor)
        if not used and node is not None and node.start_mark.index == at:
            problems.append(
                (
                    at,
                    f"{found.group(1)!r} at the start of a text is read as a YAML anchor, not "
                    f"as text, so the text is only what follows it ({_quoted_end(node.value)}): "
                    "put the whole text in quotes",
                )
            )
    if problems:
        at, problem = min(problems)
        line = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1)
        raise MisreadError(None, None, problem, yaml.Mark("", at, line, column, None, 0))


# The dashes a word processor types for a list item's "-": en and em dash, figure dash,
# minus sign, bullet (bot._plain_errors names them too)
TYPED_DASHES = "\u2013\u2014\u2012\u2212\u2022"
_FOLDED_DASHES = tuple(f" {dash} " for dash in "-" + TYPED_DASHES)


def may_hold_folded_items(text: str) -> bool:
    """Whether a text (the texts of a file's entries joined) may hold a list item that
    holds the next one too (see folded_items): a dash between spaces."""
    return any(dash in text for dash in _FOLDED_DASHES)


def folded_items(items: LineList) -> list[int]:
    """The items of a list that are one plain text over several lines with a dash between
    spaces in it: a list item indented more than the one before it is read as part of its
    text ("- who plays her" then "   - who else is in it" is the one item "who plays her -
    who else is in it"), as is a line starting with a dash a word processor typed ("–")."""
    nodes = items._node.value
    return [
        i
        for i, item in enumerate(items)
        if item.__class__ is str
        and may_hold_folded_items(item)
        and not nodes[i].style
        and nodes[i].start_mark.line != nodes[i].end_mark.line
    ]


def _quoted_end(value: str, size: int = 60) -> str:
    """How a misread text reads, shortened at its start: "…stars maggie q"."""
    return repr(value if len(value) <= size else "…" + value[-size:].lstrip())


def reads_as_written(text: str) -> bool:
    """Whether ``text``, written as a plain (unquoted) scalar, is read back as that very text:
    not ``no``, ``Off`` or ``1:20`` (YAML 1.1 reads them as false, false and 80), nor a text
    that YAML reads as something else or not at all ("a: b", "*who")."""
    try:
        return load(text) == text
    except yaml.YAMLError:
        return False


def load(text: str) -> Any:
    """Parse one YAML document with safe tags only; mappings/lists come back as Line* types."""
    loader = _LineLoader(text)
    loader.anchored = "&" in text
    loader.text = text
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _misreadings(text, node)
        # As in yaml.safe_load, the document itself exists before its contents are built, so
        # an alias inside it may point back at it; an alias to any other unfinished node is
        # an error (see _build).
        if node.__class__ is MappingNode and node.tag == _MAP:
            loader.constructed_objects[node] = mapping = LineDict()
            return _construct_map(loader, node, mapping)
        if node.__class__ is SequenceNode and node.tag == _SEQ:
            loader.constructed_objects[node] = sequence = LineList()
            return _construct_seq(loader, node, sequence)
        return _build(loader, node)
    finally:
        loader.dispose()
