"""Shared fixtures: the shipped knowledge base, a matcher over it, tiny test bases, and the
databases (SQLite, and a throwaway PostgreSQL server started once per session)."""

from __future__ import annotations

import importlib.util
import shutil
import textwrap
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.matching import Matcher
from bot.storage import Storage
from tests.backends import Backend, Clock
from tests.pgserver import PostgresServer, PostgresUnavailable

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"

SOURCE_YAML = """\
sources:
  article:
    title: An article
    date: 2025-10-06
"""

FACT_YAML = """\
facts:
  - id: {id}
    answer: {answer}
    status: official
    as_of: 2025-10-06
    sources: [article]
    questions:
      - {question}
"""


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


def shipped_with_examples(
    folder: Path, examples: dict[str, list[str]], file: str = "examples.yaml"
) -> Path:
    """A copy of the shipped knowledge base in ``folder`` with example questions added to
    facts or known unknowns (id -> questions) in a file of their own, as an admin or
    `/faq teach` (``learned.yaml``) adds them."""
    shutil.copytree(KNOWLEDGE_DIR, folder)
    (folder / file).write_text(yaml.safe_dump({"examples": examples}), encoding="utf-8")
    return folder


WriteKb = Callable[..., Path]


@pytest.fixture
def write_kb(tmp_path: Path) -> WriteKb:
    """Write YAML files (name -> text, dedented) into a fresh knowledge directory."""

    def write(files: dict[str, str], *, with_source: bool = True) -> Path:
        root = tmp_path / "knowledge"
        root.mkdir(exist_ok=True)
        if with_source:
            (root / "sources.yaml").write_text(SOURCE_YAML, encoding="utf-8")
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


def fact_yaml(id: str = "a-fact", answer: str = "An answer.", question: str = "a question") -> str:
    return FACT_YAML.format(id=id, answer=answer, question=question)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the whole session (skipped, saying why, when it
    cannot be started here)."""
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """A fresh, empty database of each kind: the storage tests run against both."""
    if request.param == "sqlite":
        # "data" does not exist yet: open() creates it
        return Backend("sqlite", tmp_path / "data" / "bot.sqlite3")
    server = request.getfixturevalue("postgres_server")
    return Backend("postgres", request.getfixturevalue("postgres_url"), server)


@pytest.fixture
def clock() -> Clock:
    """The storage's clock, moved by hand (starts at tests.backends.START)."""
    return Clock()


@pytest.fixture
async def storage(backend: Backend, clock: Clock) -> AsyncIterator[Storage]:
    """A Storage on each backend, opened with the test's clock, closed afterwards."""
    async with await backend.open(clock=clock) as opened:
        yield opened


TOOLS = Path(__file__).resolve().parent.parent / "tools"


def load_tool(name: str) -> ModuleType:
    """A script of tools/ (not a package) as a module, for its tests."""
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
