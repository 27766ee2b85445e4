"""A guide as plain data for pages outside the wizard: the HTML report and the agent page.

``guide_view(guide, languages)`` gives the guide in the customer's language (English where it has
none) with each step's picture as a ``data:`` URI of the sharp ``@2x`` file where the guide has
one: both pages are single self-contained HTML files viewed on screens of any density, and a
browser shows a 1800-pixel picture at 900 CSS pixels crisply on a 2x screen and no worse on a 1x
one. Pictures are read with a byte cap, because a guide pack's "real screenshots" may be any size.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path

from sipalg_wizard.guides.model import ENGLISH, Guide

MAX_PICTURE_BYTES = 2 * 1024 * 1024  # per picture; a larger one is left out, never half-embedded
PICTURE_WIDTH = 900  # the CSS width of the built-in pictures (their 1x size)


def read_picture(path: Path | None, limit: int = MAX_PICTURE_BYTES) -> bytes | None:
    """The PNG's bytes, or None when missing, unreadable, not a PNG or larger than ``limit``."""
    if path is None:
        return None
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError:
        return None
    if len(data) > limit or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    return data


def picture_uri(guide: Guide, index: int, scale: float = 2) -> str | None:
    """Step ``index``'s picture as a ``data:image/png;base64,...`` URI (sharp when available)."""
    path = guide.picture_path(index, scale=scale) if guide.steps[index].picture else None
    data = read_picture(path)
    if data is None and path is not None and scale > 1:  # the @2x one too big: the plain one
        data = read_picture(guide.picture_path(index))
    return f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}" if data else None


def guide_view(guide: Guide, languages: Iterable[str] | str | None = None, *,
               pictures: bool = True, scale: float = 2) -> dict:
    """The guide as JSON-able data, in the first of ``languages`` it has (else English).

    Router labels (menu path, control labels and states) stay as the router shows them.
    """
    shown = guide.localized(languages) if languages else guide
    steps = []
    for index, step in enumerate(shown.steps):
        steps.append({
            "number": index + 1,
            "text": step.text,
            "warning": step.warning,
            "menu_path": list(step.menu_path),
            "page": step.page,
            "commands": list(step.commands),
            "controls": [{"label": c.label, "type": c.type, "set": c.set, "note": c.note}
                         for c in step.controls if c.change],
            "picture": picture_uri(shown, index, scale) if pictures else None,
        })
    return {
        "id": shown.id,
        "title": shown.title,
        "language": shown.language,
        "languages": list(guide.languages),
        "kind": shown.kind,
        "confidence": shown.confidence,
        "confidence_notice": shown.confidence_notice,
        "summary": shown.summary,
        "admin_urls": list(shown.admin_urls),
        "login_hint": shown.login_hint,
        "reboot": shown.reboot,
        "quirks": list(shown.quirks),
        "origin": shown.origin,
        "picture_width": PICTURE_WIDTH,
        "steps": steps,
    }


def guide_views(guide: Guide, *, pictures: bool = True) -> dict[str, dict]:
    """Every language of ``guide`` (for a page that switches language without reloading).

    Pictures are the same in every language (they show the router's own labels), so only the
    English view carries them; the others refer to it by step number.
    """
    views = {ENGLISH: guide_view(guide, ENGLISH, pictures=pictures)}
    for language in guide.translations:
        views[language] = guide_view(guide, language, pictures=False)
    return views
