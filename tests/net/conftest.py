"""Helpers for the network-discovery tests: reading the recorded OS outputs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def recorded(os_outputs: Path):
    """``recorded("linux/ip-route__1.txt")`` -> the file's text exactly as stored (CRLF kept)."""

    def read(name: str) -> str:
        return (os_outputs / name).read_bytes().decode("utf-8")

    return read
