"""The last good knowledge base, kept on disk so that a restart with broken files still starts
(pure: no Discord).

Each time the bot starts serving a knowledge base it copies the files it was read from, byte
for byte and with their paths inside the knowledge folder, into
``DATA_DIR/knowledge-last-good/``, beside ``last-good.json``: when it was saved, from which
folder, what it held (summary, ids) and each file's size and SHA-256. An admin can read the
copy, diff it with the folder, or copy it back.

The copy is written in full into a new directory that then takes the old one's place
(two renames), so a crash leaves the old copy or the new one, never a mix: a directory
counts only once its ``last-good.json``, written last, is there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.knowledge import LoadedFile, LoadedKnowledge

log = logging.getLogger(__name__)

SNAPSHOT_DIR = "knowledge-last-good"
MANIFEST = "last-good.json"
_NEW = ".knowledge-last-good.new"  # being written
_OLD = ".knowledge-last-good.old"  # being replaced
NOTE = (
    "The knowledge files of the last knowledge base the bot served. The bot starts from them "
    "when the knowledge folder has errors at start-up. To restore them, copy them back into "
    "the knowledge folder."
)


@dataclass(frozen=True)
class Snapshot:
    """A last good copy on disk, as its ``last-good.json`` describes it."""

    path: Path  # the directory holding the files
    saved_at: dt.datetime  # UTC
    source: str  # the knowledge folder it was read from (absolute)
    summary: str
    fingerprint: str
    ids: frozenset[str]  # of its facts and known unknowns
    nonempty: frozenset[str]  # files (relative paths) that held something

    @property
    def when(self) -> str:
        """2026-11-29 10:31:02 UTC"""
        return self.saved_at.strftime("%Y-%m-%d %H:%M:%S UTC")


def fingerprint(files: Iterable[LoadedFile]) -> str:
    """One digest of what the files hold and where: equal fingerprints, same knowledge files."""
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.relative):
        digest.update(file.relative.encode() + b"\0" + hashlib.sha256(file.data).digest())
    return digest.hexdigest()


def _safe_relative(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"not a path inside the knowledge folder: {relative!r}")
    return path


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not every system lets a directory be opened; the renames are still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save(
    data_dir: Path, loaded: LoadedKnowledge, source: Path, now: dt.datetime | None = None
) -> Snapshot:
    """Keep ``loaded``'s files as the last good copy (unless it already holds exactly them)."""
    digest = fingerprint(loaded.files)
    source_text = str(source.resolve())
    folder = source.resolve()
    if source.is_dir() and (data_dir / SNAPSHOT_DIR).resolve().is_relative_to(folder):
        raise ValueError(
            f"DATA_DIR ({data_dir}) is inside the knowledge folder ({folder}): a copy of the "
            "knowledge files there would be read as knowledge files too; move DATA_DIR out of it"
        )
    new, old, final = data_dir / _NEW, data_dir / _OLD, data_dir / SNAPSHOT_DIR
    current = _read(final)
    if current is not None and current.fingerprint == digest and current.source == source_text:
        return current
    saved_at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir()
    files = {}
    for file in loaded.files:
        _write(new / _safe_relative(file.relative), file.data)
        files[file.relative] = {
            "bytes": len(file.data),
            "sha256": hashlib.sha256(file.data).hexdigest(),
            "empty": file.empty,
        }
    manifest = {
        "note": NOTE,
        "saved_at": saved_at.isoformat(),
        "source": source_text,
        "summary": loaded.kb.summary(),
        "fingerprint": digest,
        "files": files,
        "ids": sorted(loaded.kb.ids),
    }
    _write(new / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    _fsync_dir(new)
    if final.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(final, old)
    # else an old copy, if any, is the one find() uses until the new one is in place
    os.replace(new, final)
    _fsync_dir(data_dir)
    shutil.rmtree(old, ignore_errors=True)
    snapshot = _read(final)
    assert snapshot is not None
    return snapshot


def find(data_dir: Path | None) -> Snapshot | None:
    """The last good copy in ``data_dir``, if one was saved (and finished)."""
    if data_dir is None:
        return None
    # The old copy counts only when a crash came between the two renames of save().
    for directory in (data_dir / SNAPSHOT_DIR, data_dir / _OLD):
        snapshot = _read(directory)
        if snapshot is not None:
            return snapshot
    return None


def _read(directory: Path) -> Snapshot | None:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        return Snapshot(
            path=directory,
            saved_at=dt.datetime.fromisoformat(manifest["saved_at"]),
            source=str(manifest["source"]),
            summary=str(manifest["summary"]),
            fingerprint=str(manifest["fingerprint"]),
            ids=frozenset(manifest["ids"]),
            nonempty=frozenset(name for name, info in files.items() if not info["empty"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning(
            "ignoring the last good copy in %s: %s cannot be read (%s)", directory, MANIFEST, exc
        )
        return None
