"""A real reflector process on loopback, on free high ports."""

from __future__ import annotations

import pytest
from reflector_helpers import start_reflector, started_reflectors


def _time_limit(seconds: float) -> float:
    import os

    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return seconds * max(1.0, load)


@pytest.fixture
def time_limit():
    """A wall-clock limit scaled by how busy the machine is (a shared 2-core box running other
    suites gives each process a fraction of a core); on an idle machine or CI it is the limit."""
    return _time_limit


@pytest.fixture
def reflector_on():
    """Start a reflector on another loopback address (e.g. ``::1``); stopped after the test."""
    yield from started_reflectors(lambda host: start_reflector("--rate-limit", "0", host=host))
