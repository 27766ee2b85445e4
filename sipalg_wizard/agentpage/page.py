"""Assemble the agent's page: one HTML file with its data, script, style and pictures inline.

Why one file: agents open it from disk, a shared drive or any intranet server, next to their
ticket system, without installing anything; and nothing it shows can depend on a server. The
Content-Security-Policy (``default-src 'none'``, the script and style allowed by their hashes,
pictures only as ``data:``) makes the browser itself refuse any request the page might try.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sipalg_wizard import decodeview
from sipalg_wizard.agentpage.decoder import code_tables
from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.guides import ENGLISH, GENERIC_ID, Guide, GuideLibrary, find_guide
from sipalg_wizard.guides.model import KINDS, guide_phrase
from sipalg_wizard.guides.view import guide_views, read_picture
from sipalg_wizard.paths import resource
from sipalg_wizard.profile import Profile


@dataclass
class Page:
    html: str
    guides: int
    pictures: int
    problems: list[str] = field(default_factory=list)  # guide packs that could not be used

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))


def _best_guides(library: GuideLibrary) -> list:
    """One guide per id, the highest priority (a pack's) winning, as the wizard chooses."""
    return [library.get(gid) for gid in sorted({g.id for g in library.guides})]


# The labels the Fix page shows around a guide's steps (ui/pages/fix.py reads the same keys).
GUIDE_LABELS = ("step_label", "where_label", "afterwards_label", "notes_label", "admin_label",
                "picture_label")


def _css_width(guide: Guide, index: int, data: bytes) -> int | None:
    """The width to show a picture at: half its pixels for a ``@2x`` file (900 CSS pixels for the
    built-in 1800-pixel ones, as the Fix page and the report show them); None for any other
    picture (a pack's 1x screenshot is shown at its own size)."""
    sharp = guide.picture_path(index, scale=2)
    if sharp is None or not sharp.stem.endswith("@2x") or read_picture(sharp) is None:
        return None  # no @2x file, or too large and replaced by the plain one (view.picture_uri)
    width = int.from_bytes(data[16:20], "big")  # the PNG's IHDR width
    return width // 2 or None


def _view(view: dict, keys: list[str]) -> dict:
    """One language of a guide as the page's script reads it (``keys``: the picture per step)."""
    return {
        "language": view["language"], "title": view["title"], "summary": view["summary"],
        "admin_urls": view["admin_urls"], "login_hint": view["login_hint"],
        "reboot": view["reboot"],
        # the Fix page's "Good to know": how sure we are, then the first two quirks
        "notes": " ".join(n for n in (view["confidence_notice"], *view["quirks"][:2]) if n),
        "steps": [{"text": s["text"], "where": s["menu_path"], "warning": s["warning"],
                   "commands": s["commands"], "picture": key}
                  for s, key in zip(view["steps"], keys, strict=True)],
    }


def guide_data(library: GuideLibrary) -> tuple[list[dict], dict[str, str], dict[str, int],
                                               list[list[str]]]:
    """The guides as the Fix page shows them, in every language they have; their pictures as data
    URIs with the width to show each at; and the vendor list.

    The pictures are the sharp ``@2x`` ones the Fix page shows on a high-DPI screen and the HTML
    report embeds (``guides.view``), the same in every language (they show the router's own
    labels). They are keyed by their content's digest, so a picture two guides share is stored
    once. The vendor list pairs each vendor key that has a guide with the guide the wizard picks
    for it when it knows the maker only.
    """
    guides, pictures, widths = [], {}, {}
    for guide in _best_guides(library):
        views = guide_views(guide)
        keys = []
        for index, step in enumerate(views[ENGLISH]["steps"]):
            uri, key = step["picture"], ""
            if uri:
                key = hashlib.sha256(uri.encode("ascii")).hexdigest()[:16]
                pictures[key] = uri
                width = _css_width(guide, index, base64.b64decode(uri.split(",", 1)[1][:32]))
                if width:
                    widths[key] = width
            keys.append(key)
        guides.append({
            "id": guide.id, "title": guide.title, "vendors": list(guide.vendors),
            "kind": guide.kind, "kind_text": KINDS.get(guide.kind, ""), "origin": guide.origin,
            "languages": list(views), "views": {lang: _view(v, keys) for lang, v in views.items()},
        })
    vendors = []
    for vendor in supportcode.VENDORS:
        chosen = find_guide(library.guides, vendor)
        if vendor != "unknown" and chosen is not None and chosen.id != GENERIC_ID:
            vendors.append([vendor, chosen.id])
    return guides, pictures, widths, vendors


def guide_labels(languages) -> dict[str, dict[str, str]]:
    """The Fix page's labels around the steps, per language (``common.<lang>.toml``)."""
    return {lang: {key: guide_phrase(key, lang) for key in GUIDE_LABELS} for lang in languages}


def _script_json(value) -> str:
    """JSON safe inside a <script> element: no "<" at all, so no "</script>" or "<!--"."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def build_page(profile: Profile, library: GuideLibrary | None = None) -> Page:
    """The whole page for this profile (its branding and its guide packs)."""
    if library is None:
        library = GuideLibrary.load(profile.guide_packs)
    guides, pictures, widths, vendors = guide_data(library)
    # Every language any guide has, English first (a guide without one is shown in English,
    # under that language's labels, as the wizard's Fix page shows it to that customer).
    languages = [ENGLISH, *sorted({lang for g in guides for lang in g["languages"]} - {ENGLISH})]
    data = {"code": code_tables(decodeview.known_guides(library.guides)), "guides": guides,
            "pictures": pictures, "picture_widths": widths, "vendors": vendors,
            "languages": languages, "labels": guide_labels(languages)}
    folder = resource("agentpage")
    script = (folder / "agent.js").read_text(encoding="utf-8")
    style = (folder / "agent.css").read_text(encoding="utf-8")
    csp = ("default-src 'none'; img-src data:; "
           f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
           "base-uri 'none'; form-action 'none'")
    esc = html.escape
    product = profile.product_name or "SIP ALG Wizard"
    support = profile.support_name
    phone = f" · {profile.support_phone}" if profile.support_phone else ""
    values = {
        "CSP": esc(csp, quote=False),  # single quotes inside; the attribute is in double ones
        "STYLE": style, "SCRIPT": script, "DATA": _script_json(data),
        "PRODUCT": esc(product), "SUPPORT": esc(support + phone),
        "EXAMPLE": esc(decodeview.EXAMPLE_CODE), "LENGTH": str(supportcode.LENGTH),
    }
    template = (folder / "agent.html").read_text(encoding="utf-8")
    # One pass over the template only: a guide text that happens to contain "{{...}}" stays as is.
    text = re.sub(r"\{\{([A-Z]+)\}\}", lambda m: values[m.group(1)], template)
    return Page(text, len(guides), len(pictures), [str(p) for p in library.problems])


def write_page(output: str | Path, profile: Profile, library: GuideLibrary | None = None) -> Page:
    """Write the page to ``output`` (UTF-8) and return what was written."""
    page = build_page(profile, library)
    Path(output).write_text(page.html, encoding="utf-8")
    return page
