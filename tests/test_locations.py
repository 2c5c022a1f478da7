"""Where the knowledge base is found: configured, ./knowledge, the copy shipped with the package."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot import locations
from bot.cli import main
from bot.locations import KnowledgeNotFound, find_knowledge, shipped_knowledge
from tests.conftest import KNOWLEDGE_DIR, ROOT


def test_the_configured_path_wins_even_if_it_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    assert find_knowledge("elsewhere", cwd=tmp_path, shipped=KNOWLEDGE_DIR) == Path("elsewhere")


def test_then_the_working_directory_s_knowledge_folder(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    assert find_knowledge(None, cwd=tmp_path, shipped=KNOWLEDGE_DIR) == tmp_path / "knowledge"
    assert find_knowledge("  ", cwd=tmp_path, shipped=KNOWLEDGE_DIR) == tmp_path / "knowledge"


def test_then_the_copy_shipped_with_the_package(tmp_path: Path) -> None:
    assert find_knowledge(None, cwd=tmp_path, shipped=KNOWLEDGE_DIR) == KNOWLEDGE_DIR


def test_none_found_is_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeNotFound) as info:
        find_knowledge(None, cwd=tmp_path, shipped=tmp_path / "none")
    message = str(info.value)
    assert "\n" not in message and "validate" not in message
    assert "KNOWLEDGE_PATH" in message and "--knowledge" in message


def test_an_installed_package_finds_its_shipped_copy(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "bot"
    (package / "shipped_knowledge").mkdir(parents=True)
    assert shipped_knowledge(package) == package / "shipped_knowledge"
    (package / "shipped_knowledge").rmdir()
    assert shipped_knowledge(package) is None  # not a checkout either


def test_an_editable_install_ships_the_checkout_s_folder() -> None:
    assert shipped_knowledge(ROOT / "bot") == ROOT / "knowledge"


def test_the_command_line_says_plainly_when_there_is_no_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KNOWLEDGE_PATH", raising=False)
    monkeypatch.setattr(locations, "shipped_knowledge", lambda: None)
    out, err = io.StringIO(), io.StringIO()
    assert main(["ask", "who plays ballard"], out=out, err=err) == 2
    assert out.getvalue() == ""
    [line] = err.getvalue().splitlines()
    assert line.startswith("error: no knowledge base found") and "validate" not in line


@pytest.mark.parametrize("how", ["--knowledge", "KNOWLEDGE_PATH"])
def test_a_configured_path_that_does_not_exist_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = str(tmp_path / "typo")
    argv = ["ask", "who plays ballard"]
    if how == "KNOWLEDGE_PATH":
        monkeypatch.setenv("KNOWLEDGE_PATH", missing)
    else:
        argv += ["--knowledge", missing]
    err = io.StringIO()
    assert main(argv, out=io.StringIO(), err=err) == 2
    [line] = err.getvalue().splitlines()
    assert line == f"error: the knowledge path {missing} ({_origin(how)}) does not exist"


def _origin(how: str) -> str:
    return "given with --knowledge" if how == "--knowledge" else "set in KNOWLEDGE_PATH"


def test_without_configuration_the_command_line_uses_the_shipped_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KNOWLEDGE_PATH", raising=False)
    monkeypatch.setattr(locations, "shipped_knowledge", lambda: KNOWLEDGE_DIR)
    out = io.StringIO()
    assert main(["ask", "who plays ballard"], out=out, err=io.StringIO()) == 0
    assert "Maggie Q" in out.getvalue()
