"""The deployment files: the systemd unit is valid and says what docs/deploy.md says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNIT = ROOT / "deploy" / "ballard-bot.service"
DOCS = ROOT / "docs" / "deploy.md"


def settings(path: Path) -> dict[str, list[str]]:
    """Every ``key=value`` of the unit, by key (a key may come more than once)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_runs_the_bot_as_its_own_user_and_restarts_it_on_failure() -> None:
    unit = settings(UNIT)
    assert unit["User"] == ["ballard"] and unit["WorkingDirectory"] == ["/srv/ballard-bot"]
    assert unit["EnvironmentFile"] == ["/etc/ballard-bot/ballard-bot.env"]
    assert unit["ExecStart"] == ["/opt/ballard-bot/venv/bin/ballard-bot run"]
    assert unit["Restart"] == ["on-failure"] and unit["RestartPreventExitStatus"] == ["2"]
    assert unit["KillSignal"] == ["SIGTERM"]
    assert unit["ReadWritePaths"] == ["/srv/ballard-bot"] and unit["ProtectSystem"] == ["strict"]
    environment = " ".join(unit["Environment"])
    assert "KNOWLEDGE_PATH=/srv/ballard-bot/knowledge" in environment
    assert "DATA_DIR=/srv/ballard-bot/data" in environment


def test_the_config_exit_status_the_unit_does_not_restart_is_the_bot_s() -> None:
    from bot.cli import EXIT_CONFIG
    from bot.client import EXIT_CONFIG as RUN_EXIT_CONFIG

    assert EXIT_CONFIG == RUN_EXIT_CONFIG == int(settings(UNIT)["RestartPreventExitStatus"][0])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is missing")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    """``systemd-analyze verify`` with ExecStart pointed at this environment's ballard-bot (it
    checks that the program exists): no error, and no warning either."""
    installed = Path(sys.executable).parent / "ballard-bot"
    if not installed.exists():
        pytest.skip("no ballard-bot script beside this Python (pip install -e . first)")
    copy = tmp_path / "ballard-bot.service"
    text = UNIT.read_text(encoding="utf-8")
    copy.write_text(text.replace("/opt/ballard-bot/venv/bin/ballard-bot", str(installed)))
    proc = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_the_docs_cover_backups_and_upgrades_and_are_linked() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert ".backup" in docs and "sqlite3 /srv/ballard-bot/data/ballard.sqlite3" in docs
    assert "pg_dump" in docs and "pip install --upgrade" in docs
    assert "knowledge-last-good" in docs and "../deploy/ballard-bot.service" in docs
    assert "(docs/deploy.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
