"""Fixtures for router identification (helpers live in identify_helpers.py)."""

from __future__ import annotations

import pytest
from identify_helpers import Imitation


@pytest.fixture
def imitation():
    """``imitation(profile)`` -> (running ImitationRouter, Sources pointing at it, NetworkInfo)."""
    made = Imitation()
    try:
        yield made
    finally:
        made.close()
