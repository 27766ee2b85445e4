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

from sipalg_wizard import decodeview, supportcode
from sipalg_wizard.agentpage.decoder import code_tables
from sipalg_wizard.guides import GENERIC_ID, GuideLibrary, find_guide
from sipalg_wizard.guides.model import KINDS
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


def guide_data(library: GuideLibrary) -> tuple[list[dict], dict[str, str], list[list[str]]]:
    """The guides as the Fix page shows them, their pictures as data URIs, and the vendor list.

    Pictures are keyed by their content's digest, so a picture two guides share is stored once.
    The vendor list pairs each vendor key that has a guide with the guide the wizard picks for it
    when it knows the maker only.
    """
    guides, pictures = [], {}
    for guide in _best_guides(library):
        steps = []
        for index, step in enumerate(guide.steps):
            key = ""
            path = guide.picture_path(index) if step.picture else None
            if path is not None and path.is_file():
                data = path.read_bytes()
                key = hashlib.sha256(data).hexdigest()[:16]
                pictures[key] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            steps.append({"text": step.text, "where": list(step.menu_path),
                          "warning": step.warning, "commands": list(step.commands),
                          "picture": key})
        guides.append({
            "id": guide.id, "title": guide.title, "vendors": list(guide.vendors),
            "kind": guide.kind, "kind_text": KINDS.get(guide.kind, ""), "summary": guide.summary,
            "admin_urls": list(guide.admin_urls), "login_hint": guide.login_hint,
            "reboot": guide.reboot, "origin": guide.origin,
            # the Fix page's "Good to know": how sure we are, then the first two quirks
            "notes": " ".join(n for n in (guide.confidence_notice, *guide.quirks[:2]) if n),
            "steps": steps,
        })
    vendors = []
    for vendor in supportcode.VENDORS:
        chosen = find_guide(library.guides, vendor)
        if vendor != "unknown" and chosen is not None and chosen.id != GENERIC_ID:
            vendors.append([vendor, chosen.id])
    return guides, pictures, vendors


def _script_json(value) -> str:
    """JSON safe inside a <script> element: no "<" at all, so no "</script>" or "<!--"."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def build_page(profile: Profile, library: GuideLibrary | None = None) -> Page:
    """The whole page for this profile (its branding and its guide packs)."""
    if library is None:
        library = GuideLibrary.load(profile.guide_packs)
    guides, pictures, vendors = guide_data(library)
    data = {"code": code_tables(decodeview.known_guides(library.guides)), "guides": guides,
            "pictures": pictures, "vendors": vendors}
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
