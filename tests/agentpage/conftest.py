"""The agent's page under test: one page built for the session, support codes made by the Python
side, and Debian's Chromium driven headless by Playwright (never a browser of Playwright's own).

Off CI, the browser tests skip with a reason when Chromium or Playwright is missing; in CI
(``CI`` set) they fail instead, because CI installs both (scripts/install-system-deps.sh, the
``test`` extra).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sipalg_wizard import decodeview
from sipalg_wizard.agentpage import build_page
from sipalg_wizard.guides import GuideLibrary
from sipalg_wizard.profile import Profile

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions",
                 "--disable-dev-shm-usage"]  # containers often have a tiny /dev/shm


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> GuideLibrary:
    """The built-in guides only (no user packs from this machine's data folder)."""
    return GuideLibrary.load((), packs_dir=tmp_path_factory.mktemp("no-packs"))


@pytest.fixture(scope="session")
def known(library) -> dict:
    """What decode knows of the guides (id -> GuideRef), as the CLI builds it."""
    return decodeview.known_guides(library.guides)


@pytest.fixture(scope="session")
def page(library):
    return build_page(Profile(product_name="Acme Fibre Helper", support_name="Acme Fibre support",
                              support_phone="0800 123 456"), library)


@pytest.fixture(scope="session")
def page_file(page, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("agentpage") / "agent.html"
    path.write_text(page.html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Debian Chromium with a fresh profile; skipped off CI when not installed."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = ("Chromium (apt install chromium)" if executable is None else
               "Playwright (pip install playwright)" if sync_playwright is None else "")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is missing in CI: scripts/install-system-deps.sh and the "
                        "test extra install it")
        pytest.skip(f"{missing} is not installed")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable,
            headless=True, args=CHROMIUM_ARGS, service_workers="block")
        try:
            yield context
        finally:
            context.close()
