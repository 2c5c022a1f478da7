"""The package as users install it: every import declared, every module and the knowledge base
in the wheel, and the installed command answering from any directory."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml

from tests.conftest import KNOWLEDGE_DIR, ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# What a build reads: pyproject.toml names the readme and the license files; the rest is code
# and data. Building from a copy of just these keeps setuptools' build/ folder out of it.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "NOTICE", "bot", "knowledge")
BUILD_TIMEOUT = 300  # seconds; building and installing takes ~20 s on this machine


def _name(requirement: str) -> str:
    """ "discord.py>=2.6,<3" -> "discord-py" (PEP 503 normalised)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """The top-level names a module imports: at module level, and inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    eager: set[str] = set()
    lazy: set[str] = set()
    module_level = {id(node) for node in tree.body}
    module_level |= {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If | ast.Try)
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        (eager if id(node) in module_level else lazy).update(n.split(".")[0] for n in names)
    return eager, lazy


def test_every_module_bot_imports_is_declared() -> None:
    """A module imported at the top of a bot/ module is a dependency; one imported inside a
    function (matplotlib, drawn in a child process) may come from an extra instead."""
    core = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = {
        _name(r) for reqs in PYPROJECT["project"]["optional-dependencies"].values() for r in reqs
    }
    dists = packages_distributions()
    problems = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        eager, lazy = _imports(path)
        for module, declared in [(m, core) for m in eager] + [(m, core | extras) for m in lazy]:
            if module in sys.stdlib_module_names or module in ("bot", "__future__"):
                continue
            owners = {_name(d) for d in dists.get(module, [])}
            if not owners & declared:
                where = path.relative_to(ROOT)
                problems.append(f"{where} imports {module} (from {owners or 'nothing installed'})")
    assert problems == []


def test_a_module_imported_only_through_another_package_is_caught(tmp_path: Path) -> None:
    """The check above sees what it must: ``import aiohttp`` at the top of a module."""
    module = tmp_path / "m.py"
    module.write_text("import aiohttp\nimport os\n\ndef f():\n    import matplotlib\n")
    assert _imports(module) == ({"aiohttp", "os"}, {"matplotlib"})


def test_every_package_of_bot_is_in_the_wheel_list() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "bot").rglob("__init__.py")
    }
    assert found <= listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["bot.shipped_knowledge"] == "knowledge"


def test_the_tools_of_pre_commit_are_those_of_the_tests() -> None:
    """ruff, mypy and mypy's stubs: the hooks install the very versions of the test extra."""
    test = [r.replace(" ", "") for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
    ruff = [r for r in test if _name(r) == "ruff"]
    mypy = [r for r in test if _name(r) == "mypy" or _name(r).startswith("types-")]
    assert len(ruff) == 1 and len(mypy) >= 2 and all("==" in r for r in ruff + mypy)
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff-check"]["additional_dependencies"] == ruff
    assert hooks["ruff-format"]["additional_dependencies"] == ruff
    assert hooks["mypy"]["additional_dependencies"] == mypy
    assert hooks["ruff-check"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"].startswith("ruff format")
    # mypy over bot/, as .ci/run runs it
    assert hooks["mypy"]["entry"].startswith("mypy ") and hooks["mypy"]["entry"].endswith(" bot/")
    assert hooks["mypy"]["pass_filenames"] is False
    assert ".venv/bin/mypy bot/\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_license_and_the_notice_for_the_word_list_are_there() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "bot/data/common_words.txt" in notice and "wordfreq" in notice
    assert "CC BY-SA 4.0" in notice
    assert PYPROJECT["project"]["license-files"] == ["LICENSE", "NOTICE"]


# --------------------------------------------------------------------------------------------
# The wheel, built once per session and installed into a fresh virtual environment


def _unavailable(output: str) -> bool:
    """True if pip failed for want of a package index (offline), not because of the project."""
    signs = ("No matching distribution found", "Could not find a version", "NewConnectionError")
    return any(sign in output for sign in signs)


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    unset = ("PYTHONPATH", "VIRTUAL_ENV", "KNOWLEDGE_PATH", "DATA_DIR")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        check=False,
        timeout=BUILD_TIMEOUT,
        env={**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtual environment with the built wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    source, dist, venv = work / "source", work / "dist", work / "venv"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".*")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(dist)]
    )
    if built.returncode != 0:
        if _unavailable(built.stdout + built.stderr):
            pytest.skip(f"cannot build the wheel offline: {built.stderr.strip()[-300:]}")
        pytest.fail(f"building the wheel failed:\n{built.stdout}\n{built.stderr}")
    [wheel] = dist.glob("ballard_bot-*.whl")
    created = _run([sys.executable, "-m", "venv", str(venv)])
    assert created.returncode == 0, created.stderr
    pip = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)])
    if pip.returncode != 0:
        if _unavailable(pip.stdout + pip.stderr):
            pytest.skip(f"cannot install the dependencies offline: {pip.stderr.strip()[-300:]}")
        pytest.fail(f"installing the wheel failed:\n{pip.stdout}\n{pip.stderr}")
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory with no knowledge folder and no .env."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_the_installed_command_answers_from_another_directory(
    installed: Path, elsewhere: Path
) -> None:
    proc = _run([str(installed / "ballard-bot"), "ask", "who plays ballard"], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert "Maggie Q plays the lead" in proc.stdout


def test_the_installed_command_uses_the_copy_in_the_package(
    installed: Path, elsewhere: Path
) -> None:
    script = "from bot.locations import find_knowledge; print(find_knowledge(None).resolve())"
    proc = _run([str(installed / "python"), "-c", script], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    found = Path(proc.stdout.strip())
    assert found.parts[-3:] == ("site-packages", "bot", "shipped_knowledge")
    shipped = sorted(p.relative_to(found).as_posix() for p in found.rglob("*.yaml"))
    assert shipped == sorted(
        p.relative_to(KNOWLEDGE_DIR).as_posix() for p in KNOWLEDGE_DIR.rglob("*.yaml")
    )


def test_the_installed_command_validates_its_copy_and_knows_its_version(
    installed: Path, elsewhere: Path
) -> None:
    validate = _run([str(installed / "ballard-bot"), "validate"], cwd=elsewhere)
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.splitlines()[-1].startswith("OK: ")
    version = _run([str(installed / "ballard-bot"), "--version"], cwd=elsewhere)
    assert version.stdout == f"ballard-bot {PYPROJECT['project']['version']}\n"


def test_the_installed_package_holds_every_module_and_data_file(installed: Path) -> None:
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    for path in (ROOT / "bot").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert (site / path.relative_to(ROOT)).is_file(), path.relative_to(ROOT)
    licenses = next(site.glob("ballard_bot-*.dist-info")) / "licenses"
    assert sorted(p.name for p in licenses.iterdir()) == ["LICENSE", "NOTICE"]
