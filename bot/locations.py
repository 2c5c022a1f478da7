"""Where the knowledge base is: the one configured, ./knowledge, or the copy the package ships.

The order, first found wins:

1. ``--knowledge PATH`` or ``KNOWLEDGE_PATH``: what the admin chose, used even if it does not
   exist (the error then names it: falling back to another base would hide a typo);
2. ``./knowledge`` in the working directory (a checkout, or a deployment's own folder);
3. the knowledge base shipped with the package (``bot/shipped_knowledge`` in an installed
   wheel, mapped there from the repository's ``knowledge/`` by pyproject.toml), or the
   checkout's ``knowledge/`` for an editable install run from another directory.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_FOLDER = Path("knowledge")
SHIPPED_PACKAGE_DIR = "shipped_knowledge"  # inside bot/, in a wheel (see pyproject.toml)


class KnowledgeNotFound(LookupError):
    """No knowledge base is configured or found; the message is one line that says what to do."""


def shipped_knowledge(package_dir: Path | None = None) -> Path | None:
    """The knowledge base that came with the package, if this installation has one."""
    here = package_dir or Path(__file__).resolve().parent
    installed = here / SHIPPED_PACKAGE_DIR
    if installed.is_dir():
        return installed
    checkout = here.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / DEFAULT_FOLDER).is_dir():
        return checkout / DEFAULT_FOLDER  # an editable install: the repository's own folder
    return None


def find_knowledge(
    configured: Path | str | None, *, cwd: Path | None = None, shipped: Path | None = None
) -> Path:
    """The knowledge path to use (see the module's docstring for the order).

    ``shipped`` replaces :func:`shipped_knowledge` (tests); :class:`KnowledgeNotFound` when
    nothing is configured and neither ``./knowledge`` nor a shipped copy exists.
    """
    if configured is not None and str(configured).strip():
        return Path(configured)
    local = (cwd / DEFAULT_FOLDER) if cwd is not None else DEFAULT_FOLDER
    if local.exists():
        return local
    copy = shipped if shipped is not None else shipped_knowledge()
    if copy is not None and copy.exists():
        return copy
    raise KnowledgeNotFound(
        "no knowledge base found: ./knowledge does not exist and this installation ships none; "
        "set KNOWLEDGE_PATH or pass --knowledge DIR"
    )


def is_shipped(path: Path) -> bool:
    """True if ``path`` is the copy installed with the package (editing it is pointless: the
    next upgrade replaces it)."""
    copy = Path(__file__).resolve().parent / SHIPPED_PACKAGE_DIR
    try:
        return path.resolve() == copy.resolve()
    except OSError:
        return False
