"""The command line's output survives Windows code pages: JSON is UTF-8 even when redirected,
and text never raises UnicodeEncodeError for a character the code page lacks (a router's
Japanese page title, a Cyrillic adapter name). Simulated here with cp1252 streams, which is what
Python gives a redirected stdout on a Western Windows."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from sipalg_wizard import cli

TITLE = "ルーター → Маршрутизатор"  # none of it is in cp1252


def _cp1252_stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="strict")


def test_json_goes_out_as_utf8(monkeypatch):
    out = _cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", _cp1252_stream())
    cli._safe_streams(json_out=True)
    print(json.dumps({"title": TITLE}, ensure_ascii=False))
    out.flush()
    assert json.loads(out.buffer.getvalue().decode("utf-8"))["title"] == TITLE


def test_text_never_raises(monkeypatch):
    out, err = _cp1252_stream(), _cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    cli._safe_streams(json_out=False)
    print(f"Router: {TITLE} (café)")
    print(f"… {TITLE}", file=sys.stderr)
    out.flush()
    err.flush()
    text = out.buffer.getvalue().decode("cp1252")
    assert text.startswith("Router: \\u30eb") and "(café)" in text  # é is in cp1252: kept as is
    assert err.buffer.getvalue().startswith(b"\x85 ")  # "…" in cp1252


def test_no_streams_is_fine(monkeypatch):
    """The windowed Windows executable has sys.stdout = None."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    cli._safe_streams(json_out=True)


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_decode_through_a_windows_code_page(encoding):
    """The real CLI in a child whose streams are in a Windows code page (PYTHONIOENCODING)."""
    result = subprocess.run([sys.executable, "-m", "sipalg_wizard", "decode", "A000-0000-000M"],
                            capture_output=True, timeout=60,
                            env={**os.environ, "PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert b"Verdict:" in result.stdout
