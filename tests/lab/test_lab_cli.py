"""``sipalg-wizard lab``: the listing, the refusals, a whole run, and teardown when stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from sipalg_wizard.cli import main
from sipalg_wizard.lab.netns import lab_available


def test_list_needs_no_root(capsys):
    assert main(["lab", "--list"]) == 0
    out = capsys.readouterr().out
    assert "kernel_alg" in out and "block_udp" in out and "expected diagnosis: alg_detected" in out


def test_refuses_clearly_without_root(monkeypatch, capsys):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert main(["lab", "--profile", "full"]) == 1
    assert "needs root" in capsys.readouterr().err


def test_refuses_clearly_off_linux(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert main(["lab"]) == 1
    assert "Linux only" in capsys.readouterr().err


def test_gui_without_a_display_is_refused(monkeypatch, capsys):
    if not lab_available()[0]:
        pytest.skip(lab_available()[1])
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["lab", "--gui"]) == 1
    assert "DISPLAY" in capsys.readouterr().err


def _namespaces() -> str:
    return subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout


def _removed(out: str) -> list[str]:
    match = re.search(r"Removed the lab \(([^)]*)\)", out)
    assert match, out
    return match.group(1).split(", ")


@pytest.mark.lab
def test_a_whole_run_diagnoses_the_alg_and_cleans_up():
    if not lab_available()[0]:
        pytest.skip(lab_available()[1])
    proc = subprocess.run([sys.executable, "-m", "sipalg_wizard", "lab", "--profile", "contact_only",
                           "--timeout", "4"], capture_output=True, text=True, timeout=90)
    assert proc.returncode == 3, proc.stdout + proc.stderr  # diagnose's "ALG detected"
    assert "SIP ALG interference detected" in proc.stdout
    assert "The zoo expects: alg_detected with contact_rewritten" in proc.stdout
    assert "changed Contact" in proc.stdout  # what the emulator says it did
    names = _removed(proc.stdout)
    assert len(names) == 3 and not set(names) & set(_namespaces().split())


@pytest.mark.lab
def test_sigterm_during_the_run_still_tears_everything_down():
    if not lab_available()[0]:
        pytest.skip(lab_available()[1])
    proc = subprocess.Popen([sys.executable, "-m", "sipalg_wizard", "lab", "--profile", "full"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = ""
    deadline = time.monotonic() + 30
    while "Running 'sipalg-wizard diagnose'" not in out and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        out += line
    proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=30)
    out += rest
    assert proc.returncode == 143, out
    names = _removed(out)
    assert len(names) == 3 and not set(names) & set(_namespaces().split())


def test_an_unknown_router_is_a_usage_error(capsys):
    assert main(["lab", "--profile", "no_such_router"]) == 2
    assert "kernel_alg" in capsys.readouterr().err
