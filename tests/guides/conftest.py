"""Helpers for the guide tests: a minimal valid guide, and copying guides into temp packs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sipalg_wizard.paths import resource


@pytest.fixture
def minimal_guide() -> dict:
    return {
        "schema": 1,
        "id": "acme",
        "title": "Turn off SIP ALG on an Acme router",
        "vendors": ["netgear"],
        "kind": "gui",
        "confidence": "unverified",
        "summary": "Acme hides it on the NAT page.",
        "look": {"logo": "ACME"},
        "steps": [
            {
                "text": "Untick Enable SIP ALG.",
                "menu_path": ["Advanced", "NAT"],
                "controls": [{"label": "Enable SIP ALG", "type": "checkbox", "set": "unticked"}],
            }
        ],
    }


@pytest.fixture
def copy_guide():
    """Copy a built-in guide folder to ``dest/<new_id>`` and rewrite its id (and title)."""

    def copy(guide_id: str, dest: Path, new_id: str | None = None, title: str | None = None) -> Path:
        target = dest / (new_id or guide_id)
        shutil.copytree(resource("guides", guide_id), target)
        toml = target / "guide.toml"
        text = toml.read_text(encoding="utf-8")
        if new_id:
            text = text.replace(f'id = "{guide_id}"', f'id = "{new_id}"', 1)
        if title:
            lines = [f'title = "{title}"' if line.startswith("title = ") else line
                     for line in text.splitlines()]
            text = "\n".join(lines) + "\n"
        toml.write_text(text, encoding="utf-8")
        return target

    return copy
