"""A real reflector process on loopback, on free high ports."""

from __future__ import annotations

import pytest
from reflector_helpers import start_reflector, started_reflectors


@pytest.fixture(scope="module")
def shared_reflector():
    """One reflector for a whole module of tests that do not change its state."""
    running = start_reflector("--rate-limit", "0")
    try:
        yield running
    finally:
        running.process.stop()


@pytest.fixture
def reflector_with():
    """Start a reflector with extra arguments; stopped at the end of the test."""
    yield from started_reflectors(start_reflector)
