"""The smoke-test hooks: the screenshot hook with stand-in Qt objects, and the self-check."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from sipalg_wizard import smoke


class FakePixmap:
    def __init__(self, ok: bool):
        self.ok = ok
        self.saved_to: str | None = None

    def save(self, path: str) -> bool:
        self.saved_to = path
        if self.ok:
            Path(path).write_bytes(b"\x89PNG\r\n\x1a\nfake")
        return self.ok


class FakeWindow:
    def __init__(self, ok: bool = True):
        self.pixmap = FakePixmap(ok)

    def grab(self) -> FakePixmap:
        return self.pixmap

    def windowTitle(self) -> str:
        return "Wizard"


class FakeApp:
    exit_code: int | None = None

    def exit(self, code: int) -> None:
        self.exit_code = code


@pytest.fixture(autouse=True)
def _disarmed(monkeypatch):
    monkeypatch.setattr(smoke, "_armed", False)


def test_arm_does_nothing_without_the_variable(monkeypatch):
    monkeypatch.delenv(smoke.SCREENSHOT_ENV, raising=False)
    calls = []
    assert smoke.arm(FakeWindow(), FakeApp(), lambda ms, fn: calls.append(ms)) is False
    assert calls == [] and not smoke.is_armed()


@pytest.mark.expect_log("qt.qpa.fonts")  # logged on purpose below
@pytest.mark.parametrize("ok", [True, False])
def test_arm_saves_writes_facts_and_quits(monkeypatch, tmp_path: Path, ok: bool):
    shot = tmp_path / "shot.png"
    monkeypatch.setenv(smoke.SCREENSHOT_ENV, str(shot))
    monkeypatch.setenv(smoke.DELAY_ENV, "250")
    scheduled = []
    window, app = FakeWindow(ok), FakeApp()
    assert smoke.arm(window, app, lambda ms, fn: scheduled.append((ms, fn))) is True
    assert smoke.arm(window, app, lambda ms, fn: scheduled.append((ms, fn))) is False  # once only
    [(delay, shoot)] = scheduled
    assert delay == 250
    logging.getLogger("qt.qpa.fonts").warning("Cannot find font directory")
    shoot()
    assert window.pixmap.saved_to == str(shot)
    assert app.exit_code == (0 if ok else 1)
    facts = json.loads((tmp_path / "shot.png.json").read_text())
    assert facts["saved"] is ok and facts["window_title"] == "Wizard"
    assert facts["frozen"] is False and Path(facts["resources_dir"]).is_dir()
    # what Qt logged while the window painted is kept for the smoke test to read
    assert facts["log_warnings"] == ["qt.qpa.fonts: Cannot find font directory"]


def test_selfcheck_passes_in_the_source_tree():
    result = subprocess.run([sys.executable, "-c", "from sipalg_wizard.smoke import selfcheck; "
                             "raise SystemExit(selfcheck())"],
                            capture_output=True, text=True, timeout=60)
    report = json.loads(result.stdout)
    assert result.returncode == 0, report
    assert report["checks"]["oui"]["value"].lower().startswith("netgear")
    assert "scapy-GPL-2.0.txt" in report["checks"]["licences"]["value"]


def test_selfcheck_fails_when_data_is_missing(monkeypatch, capsys):
    def missing() -> Path:
        raise FileNotFoundError("The program's resources folder is missing")

    monkeypatch.setattr("sipalg_wizard.paths.resources_dir", missing)
    monkeypatch.setattr("sipalg_wizard.profile.resource", lambda *parts: missing())
    assert smoke.selfcheck() == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["checks"]["profile"]["ok"] is False
