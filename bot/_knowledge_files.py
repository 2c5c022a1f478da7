"""Finding and reading the knowledge files: inside the folder only, within size limits (pure).

The loader (:mod:`bot.knowledge`) validates what these functions read; the service
(:mod:`bot.service`) uses :func:`signature` alone to see whether files are still being written.

* A knowledge path is a directory, searched recursively for ``*.yaml`` / ``*.yml`` files, or
  one file. Hidden files and folders (names starting with ".") inside it are not read.
* A link (to a file or a directory) is followed only if what it points to is inside the
  knowledge folder; one pointing outside is refused, so that the bot never serves (or copies
  into its data directory) a file nobody meant to publish. A file reached twice, through a
  link and directly, is read once.
* Sizes are checked with ``stat`` before anything is read: a 50 MB file would take seconds
  and most of a gigabyte to validate. Reading stops at the limit as well, in case the file
  grew in between.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024  # one file; the largest file of a 10,000-fact base is ~0.4 MB
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all files; a 10,000-fact base is ~7 MB
SUFFIXES = (".yaml", ".yml")
# Names of files an editor or an admin keeps beside the knowledge files on purpose
_KEPT_ASIDE = ("~", ".bak", ".orig", ".swp", ".swx", ".tmp", ".old")
NAME_NOT_READ = (
    "is not read: only files ending in .yaml or .yml are; rename it if it holds knowledge"
)
HIDDEN_NOT_READ = (
    'is not read: hidden files (names starting with ".") are not; rename it if it holds knowledge'
)


def is_knowledge_name(name: str) -> bool:
    """Whether a file of this name (or path) is a knowledge file: it ends in .yaml or .yml,
    in any case ("Show.YAML", as some editors save it)."""
    return name.lower().endswith(SUFFIXES)


def is_hidden(name: str) -> bool:
    """Whether a file or folder of this name is hidden ("._show.yaml", as macOS leaves beside a
    file copied to a USB stick, ".show-draft.yaml", ".git"): never read, nor watched."""
    return name.startswith(".")


def is_read_path(path: str | Path, root: Path) -> bool:
    """Whether the loader reads a file at ``path`` under the knowledge path ``root``, by its
    name alone: .yaml or .yml, and neither it nor a folder between it and ``root`` hidden (the
    watcher's filter: a hidden file saved is no edit)."""
    file = Path(path)
    if not is_knowledge_name(file.name):
        return False
    parts: tuple[str, ...] = (file.name,)
    for base in (root, root.resolve()):
        if file.is_relative_to(base):
            parts = file.relative_to(base).parts
            break
    return not any(is_hidden(part) for part in parts)


def unread_files(root: Path) -> list[tuple[str, str]]:
    """Files under the knowledge folder whose name says YAML but that are not read, each by
    its path inside the folder and why, in plain words: "streaming.yaml.txt", as Notepad saves
    a file, and a hidden ".show-draft.yaml" (a backup, "show.yaml~", "show.yaml.bak", an
    editor's lock and whatever is in a hidden folder are left alone)."""
    if not root.is_dir():
        return []
    found = []
    for directory, folders, files in os.walk(root):
        folders[:] = [f for f in folders if not is_hidden(f)]
        for name in files:
            lowered = name.lower()
            if is_hidden(name):
                if not is_knowledge_name(name) or not os.path.isfile(Path(directory) / name):
                    continue  # (".learned.yaml.lock"; ".#show.yaml", a link to nothing)
                why = HIDDEN_NOT_READ
            elif (
                (".yaml" in lowered or ".yml" in lowered)
                and not is_knowledge_name(name)
                and not lowered.endswith(_KEPT_ASIDE)
            ):
                why = NAME_NOT_READ
            else:
                continue
            found.append(((Path(directory) / name).relative_to(root).as_posix(), why))
    return sorted(found)


@dataclass(frozen=True)
class KnowledgeFile:
    """A knowledge file found under the knowledge path."""

    path: Path  # where it was found: the label errors use
    relative: str  # its path inside the knowledge folder, "/"-separated
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class LoadedFile:
    """One knowledge file as it was read and validated (the service keeps a copy on disk)."""

    relative: str  # its path inside the knowledge folder, "/"-separated
    data: bytes
    empty: bool  # nothing but whitespace and comments
    # ...or only top-level keys with nothing under them ("facts:"): `validate` warns
    holds_nothing: bool = False


@dataclass(frozen=True)
class Refusal:
    """A file or link that is not read, and why, in plain words."""

    path: Path
    message: str


class TooBigError(OSError):
    """A file is over :data:`MAX_FILE_BYTES` (it grew after it was found)."""


def megabytes(size: int) -> str:
    """47 185 920 -> "45.0 MB" (binary megabytes, as the limits are written)."""
    return f"{size / (1024 * 1024):.1f} MB"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def find_files(root: Path) -> tuple[list[KnowledgeFile], list[Refusal]]:
    """The knowledge files under ``root`` in path order, and the links refused (not followed).

    ``root`` itself may be a link (the admin chose it); what is inside it may not lead out.
    """
    if root.is_file():
        st = root.stat()
        return [KnowledgeFile(root, root.name, st.st_size, st.st_mtime_ns)], []
    folder = root.resolve()
    candidates: list[Path] = []
    refused: list[Refusal] = []
    _walk(root, folder, {folder}, candidates, refused)
    found: list[KnowledgeFile] = []
    seen: set[Path] = set()
    for path in sorted(candidates, key=str):
        real = path.resolve()
        if real in seen:
            continue  # the same file through a link: read it once, under its first name
        seen.add(real)
        try:
            st = path.stat()
        except OSError:
            continue  # deleted since the walk: as if it had never been there
        relative = path.relative_to(root).as_posix()
        found.append(KnowledgeFile(path, relative, st.st_size, st.st_mtime_ns))
    refused.sort(key=lambda r: str(r.path))
    return found, refused


def _walk(
    directory: Path,
    folder: Path,
    visiting: set[Path],
    out: list[Path],
    refused: list[Refusal],
) -> None:
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return  # unreadable or gone: the files that could be read still are
    for entry in entries:
        path = directory / entry.name
        try:
            if is_hidden(entry.name):
                continue  # a hidden file or folder: never meant to be served
            is_dir = entry.is_dir()  # follows links
            is_file = not is_dir and entry.is_file()
            if not (is_dir or (is_file and is_knowledge_name(entry.name))):
                continue  # another kind of file, or a link to nothing (an editor's lock)
            if entry.is_symlink():
                target = path.resolve()
                if not _inside(target, folder):
                    what = "folder" if is_dir else "file"
                    # Where it leads is left out: moderators see this in Discord, and the
                    # server's paths are none of their business (`ls -l` shows it to admins).
                    refused.append(
                        Refusal(
                            path,
                            f"is a link to a {what} outside the knowledge folder; knowledge "
                            f"files must be inside it: move the {what} in or remove the link",
                        )
                    )
                    continue
        except OSError:
            continue
        if is_dir:
            real = path.resolve()
            if real in visiting:
                continue  # a link back up the tree
            _walk(path, folder, visiting | {real}, out, refused)
        else:
            out.append(path)


def within_limits(found: list[KnowledgeFile]) -> tuple[list[KnowledgeFile], list[Refusal]]:
    """The files of at most :data:`MAX_FILE_BYTES`, and a refusal for each larger one."""
    kept: list[KnowledgeFile] = []
    refused: list[Refusal] = []
    for file in found:
        if file.size > MAX_FILE_BYTES:
            refused.append(
                Refusal(
                    file.path,
                    f"is {megabytes(file.size)}; a knowledge file may be at "
                    f"most {MAX_FILE_BYTES // (1024 * 1024)} MB: split it into several files",
                )
            )
        else:
            kept.append(file)
    return kept, refused


def read_bytes(file: KnowledgeFile) -> bytes:
    """The file's bytes; :class:`TooBigError` if it has grown past the limit since found."""
    with file.path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise TooBigError(
            f"grew past {MAX_FILE_BYTES // (1024 * 1024)} MB while being read; "
            "a knowledge file may be at most that: split it into several files"
        )
    return data


def as_text(data: bytes) -> str:
    """The bytes as text, as ``Path.read_text(encoding="utf-8")`` reads them (newlines as \\n)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the files under ``root`` look like from outside: (relative path, size, mtime).

    Two equal signatures taken a moment apart mean nobody wrote in between (as far as the
    file system's clock can tell).
    """
    try:
        files, refused = find_files(root)
    except OSError:
        return ()
    # a link that appears or goes is a change too
    links = tuple((str(r.path), -1, 0) for r in refused)
    return tuple((f.relative, f.size, f.mtime_ns) for f in files) + links
