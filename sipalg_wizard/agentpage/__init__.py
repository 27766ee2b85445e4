"""The support agent's page: one self-contained HTML file that decodes support codes in the browser.

``sipalg-wizard agent-page --output FILE [--profile FILE]`` writes it. The agent opens it (from
disk or any static server), types the code the customer reads out, or links ``FILE#CODE`` from a
ticket; the page says what ``sipalg-wizard decode`` says and shows the guide the customer sees,
step by step with the same pictures. Nothing leaves the browser. No Qt here.
"""

from sipalg_wizard.agentpage.page import Page, build_page, write_page

__all__ = ["Page", "build_page", "write_page"]
