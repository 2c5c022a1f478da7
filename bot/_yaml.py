"""Safe YAML loading that remembers where every mapping key and list item came from.

PyYAML's safe loader (libyaml-accelerated when available) with two additions that admins need
for readable errors: mappings and lists carry the line of each key/item, and a key repeated in
one mapping is an error instead of silently keeping the last value. Only the standard safe tags
are constructed: ``!!python/...`` tags are rejected exactly as ``yaml.safe_load`` rejects them.
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A list that knows the 1-based line of itself and of each of its items."""

    line: int = 0
    item_lines: list[int]


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A key appears twice in the same mapping."""


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: Any, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
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
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: Any, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    # "2025-13-01" looks like a date to the resolver but is not one: keep the text so the
    # validator can report it with its field and line instead of aborting the whole file.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load(text: str) -> Any:
    """Parse one YAML document with safe tags only; mappings/lists come back as Line* types."""
    loader = _LineLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
