"""Screenshots of the support agent's page for the README (docs/screenshots/agent-page*.png).

Writes the page with the default profile, opens it in Debian's Chromium (headless, through
Playwright, with no network and a throw-away profile) with a code in the address's fragment,
and saves a desktop-width and a phone-width picture. The code is the README's running example:
a NETGEAR router whose ALG rewrites Via, Contact and the SDP address.

    .venv/bin/python scripts/agentpage_screenshot.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sipalg_wizard import supportcode
from sipalg_wizard.agentpage import write_page
from sipalg_wizard.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (scripts/install-system-deps.sh installs it)", file=sys.stderr)
        return 1
    code = supportcode.encode("alg_detected", ["via_rewritten", "contact_rewritten",
                                               "sdp_connection_rewritten"], "netgear", "netgear")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_file = Path(tmp) / "agent.html"
        written = write_page(page_file, load_profile(None))
        context = playwright.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path=chromium, headless=True, args=ARGS)
        tab = context.new_page()
        for name, width, height in (("agent-page.png", 1280, 900), ("agent-page-narrow.png", 390, 844)):
            tab.set_viewport_size({"width": width, "height": height})
            tab.goto(f"{page_file.as_uri()}#{code}")
            tab.wait_for_selector("#guide img")
            tab.screenshot(path=str(OUT / name))
            print(f"{OUT / name}")
        context.close()
    print(f"page: {written.size} bytes, {written.guides} guides, {written.pictures} pictures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
