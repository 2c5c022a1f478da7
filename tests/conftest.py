"""Shared fixtures: the shipped knowledge base, a matcher over it, and tiny test bases."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.matching import Matcher

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
