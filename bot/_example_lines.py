"""Where each example question (or keyword) of an entry is written, found only when a
message names one.

An entry keeps the line it starts at (``Fact.line``), not the line of each of its example
questions: a 10,000-fact base has some 100,000 of them, and every load (each reload of the
bot) would pay to keep lines that only a warning or an error about one example ever names.
So a file's text is read again here the first time a message asks where one of its examples
is: libyaml composes its node tree (nothing is built from it), the line of each question of
each entry is taken from the nodes, and kept for the next message about that file. Pure: no
Discord, no disk (the texts are those the base was loaded from, so the lines are theirs).
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bot import _yaml
from bot._gc import paused_gc
from bot._knowledge_files import KnowledgeFile, as_text, read_bytes

# The top-level keys whose entries hold example questions, and the fields whose items a
# warning may name: the examples, the keywords, and the sources a fact cites
_ENTRY_LISTS = ("facts", "unknowns")
QUESTIONS, KEYWORDS, SOURCES = "questions", "keywords", "sources"
_FIELDS = (QUESTIONS, KEYWORDS, SOURCES)
# Before a field's name: the line of a text written a second time in one entry's list
AGAIN = "again "


def _key(node: yaml.Node) -> object:
    return node.value if isinstance(node, ScalarNode) else None


def question_lines(text: str) -> dict[int, dict[tuple[str, str], int]]:
    """By the line each entry of ``facts:`` and ``unknowns:`` starts at (1-based, as
    ``Fact.line``), the line of each of its example questions and keywords, by field and
    text (the first, if one is written twice; the second under ``AGAIN + field``):
    ``("questions", "who plays her")``. {} for a text that is not a mapping (or not YAML)."""
    # (a file's node tree is some hundred thousand objects, made and dropped while the whole
    # base is in memory, which each collection they set off would walk: `validate` of the
    # 10,000-fact base, 5,379 warnings about examples, took 3 to 5 s longer without this)
    with paused_gc():
        loader = _yaml._LineLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.YAMLError:
            return {}  # (never, for a text the base was loaded from)
        finally:
            loader.dispose()
        return _lines(root)


def _lines(root: yaml.Node | None) -> dict[int, dict[tuple[str, str], int]]:
    found: dict[int, dict[tuple[str, str], int]] = {}
    if not isinstance(root, MappingNode):
        return found
    for key_node, entries in root.value:
        if _key(key_node) not in _ENTRY_LISTS or not isinstance(entries, SequenceNode):
            continue
        for entry in entries.value:
            if not isinstance(entry, MappingNode):
                continue
            lines = found.setdefault(entry.start_mark.line + 1, {})
            for field, items in entry.value:
                name = _key(field)
                if name in _FIELDS and isinstance(items, SequenceNode):
                    for item in items.value:
                        if isinstance(item, ScalarNode):
                            key = (name, item.value)
                            if key in lines:
                                key = (AGAIN + name, item.value)
                            lines.setdefault(key, item.start_mark.line + 1)
    return found


class ExampleLines:
    """The line of an entry's example question in the file it is written in, each file read
    the first time it is asked about: from its text, or, for a base kept after its load, from
    its file on disk if it is still what was loaded (a ``KnowledgeFile``: the same size and
    modification time), so a base keeps no copy of its files (7 MB at 10,000 facts)."""

    def __init__(self, texts: Mapping[str, bytes | KnowledgeFile] | None = None) -> None:
        self._texts = dict(texts or {})
        self._files: dict[str, dict[int, dict[tuple[str, str], int]]] = {}

    def kept(self, files: Mapping[str, bytes | KnowledgeFile]) -> ExampleLines:
        """These lines for a base that outlives its load: the files as ``files`` finds them
        (their texts only where they are not on disk), the lines already read kept."""
        lines = ExampleLines(files)
        lines._files = self._files
        return lines

    def line(self, file: str, entry_line: int, question: str, field: str = QUESTIONS) -> int | None:
        """The line of ``question`` (or of a keyword or a source, with ``field="keywords"``
        or ``"sources"``) in the entry starting at ``entry_line`` of ``file``; None if it is
        not written there (added under ``examples:``, or no text is known)."""
        lines = self._files.get(file)
        if lines is None:
            data = _text(self._texts.get(file))
            lines = {} if data is None else question_lines(as_text(data))
            self._files[file] = lines
        return lines.get(entry_line, {}).get((field, question))


def _text(found: bytes | KnowledgeFile | None) -> bytes | None:
    """A file's text, if it is still what was loaded."""
    if found is None or isinstance(found, bytes):
        return found
    try:
        stat = found.path.stat()
        if (stat.st_size, stat.st_mtime_ns) != (found.size, found.mtime_ns):
            return None  # (changed since: its lines may be others)
        return read_bytes(found)
    except OSError:
        return None
