import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_samples import PRIVATE, PUBLIC, alg_diagnosis, clean_diagnosis, inconclusive_diagnosis

from sipalg_wizard import verify
from sipalg_wizard.explain import GuideRef
from sipalg_wizard.htmlreport import diff_html, render_html
from sipalg_wizard.probe.models import Finding, Rewrite

HOSTILE = ('<script>alert(1)</script><img src=x onerror=alert(2)>"\'><a href="http://evil.example/">'
           "x</a><style>body{display:none}</style>")


class Collector(HTMLParser):
    """Every start tag and attribute the browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Collector:
    c = Collector()
    c.feed(page)
    c.close()
    return c


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3",
                "div", "span", "p", "strong", "small", "ul", "ol", "li", "section", "table", "tr",
                "th", "td", "del", "ins", "br", "footer"}


def hostile_diagnosis():
    d = alg_diagnosis()
    d.router.vendor = HOSTILE
    d.router.evidence[1] = type(d.router.evidence[1])("http_server", HOSTILE, vendor=HOSTILE)
    test = d.probe.tests[1]
    test.rewrites.append(Rewrite("inbound", HOSTILE, f"a {HOSTILE}", f"b {HOSTILE}"))
    test.detail = HOSTILE
    d.findings.append(Finding("message_mangled", HOSTILE))
    d.support_code = HOSTILE
    return d


def test_hostile_text_from_the_network_cannot_inject_markup():
    page = render_html(hostile_diagnosis(), guide={"id": HOSTILE, "title": HOSTILE})
    seen = parse(page)
    assert set(seen.tags) <= ALLOWED_TAGS, set(seen.tags) - ALLOWED_TAGS
    assert seen.tags.count("style") == 1 and "script" not in seen.tags
    assert not any(name.startswith("on") or name in ("src", "href") for name, _ in seen.attrs)
    # ...and the hostile text is still shown, as text, for the agent to read.
    assert any("<script>alert(1)</script>" in t for t in seen.text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_in_any_field_stays_text(value):
    d = alg_diagnosis()
    d.probe.tests[0].rewrites = [Rewrite("outbound", value, value, value + "<x>")]
    d.router.model = value
    seen = parse(render_html(d))
    assert set(seen.tags) <= ALLOWED_TAGS


def test_page_is_self_contained_and_printable():
    page = render_html(alg_diagnosis())
    assert not re.search(r"(?i)<script|<link|<img|<iframe|@import|url\(|https?://", page)
    assert "@media print" in page and "default-src 'none'" in page


def test_page_shows_verdict_explanation_code_rewrites_and_tests():
    d = alg_diagnosis()
    page = render_html(d, guide=GuideRef("netgear", "NETGEAR routers: turn off SIP ALG"))
    text = " ".join(parse(page).text)
    assert "SIP ALG interference detected" in text
    assert "Your router rewrites the addresses inside your phone's call set-up messages." in text
    assert d.support_code in text and 'class="code"' in page
    assert "NETGEAR routers: turn off SIP ALG" in text and "[netgear]" in text
    assert "NETGEAR R7000" in text and "192.168.77.1" in text
    # The rewritten audio address: sent and received side by side, the address marked on each side.
    assert f"IN IP4 <del>{PRIVATE}</del>" in page and f"IN IP4 <ins>{PUBLIC}</ins>" in page
    for name in ("udp_options", "udp_invite_large", "tcp_invite", "udp_control"):
        assert name in text
    assert "Before and after" not in text


def test_before_and_after_is_shown_when_verified():
    result = verify.compare_runs(alg_diagnosis(), clean_diagnosis())
    page = render_html(clean_diagnosis(), verified=result)
    text = " ".join(parse(page).text)
    assert "Before and after the change" in text
    assert "Before: SIP ALG interference detected" in text and "After: No SIP ALG interference seen" in text
    assert text.count("Fixed") >= 5
    assert page.index("Before and after") < page.index("What this means")


def test_inconclusive_page_says_what_to_check():
    text = " ".join(parse(render_html(inconclusive_diagnosis())).text)
    assert "We could not finish the test yet." in text
    assert "Check that the internet works" in text


def test_diff_marks_only_what_changed():
    left, right = diff_html("SIP/2.0/UDP 192.168.77.10:5060;rport", "SIP/2.0/UDP 203.0.113.1:5060;rport")
    assert left == "SIP/2.0/UDP <del>192.168.77.10</del>:5060;rport"
    assert right == "SIP/2.0/UDP <ins>203.0.113.1</ins>:5060;rport"
    assert diff_html("<a>", "<b>") == ("&lt;<del>a</del>&gt;", "&lt;<ins>b</ins>&gt;")
    assert diff_html("same", "same") == ("same", "same")


@pytest.mark.slow
def test_page_renders_in_headless_chromium(tmp_path):
    """Render the page as a picture, as a person would see it: the red verdict banner is there and
    nothing runs off the right edge (the page is laid out for 1000 px and wraps long values)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("chromium is not installed (apt install chromium)")
    qtgui = pytest.importorskip("PySide6.QtGui")
    page = tmp_path / "report.html"
    page.write_text(render_html(hostile_diagnosis()), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    "--window-size=1000,1200", page.as_uri()],
                   capture_output=True, timeout=90, check=False)
    image = qtgui.QImage(str(shot))
    assert not image.isNull() and image.width() == 1000
    banner = sum(1 for x in range(0, 1000, 4) for y in range(0, 400, 4)
                 if image.pixelColor(x, y).name() == "#fdecea")
    assert banner > 500  # the verdict box's background
    # Nothing overflows: the bottom scroll bar would be drawn over the last rows of pixels.
    assert image.pixelColor(500, image.height() - 3).name() == "#ffffff"


def test_rewrites_are_grouped_by_field_and_direction():
    d = alg_diagnosis()
    page = render_html(d)
    # Via and Contact were rewritten in two tests each: one row each, naming both tests.
    assert page.count("<strong>Via</strong>") == 1 and page.count("<strong>Contact</strong>") == 1
    assert "udp_options, udp_invite" in page
    d.probe.tests[1].rewrites.append(Rewrite("outbound", "Via", "SIP/2.0/UDP 10.0.0.2", "SIP/2.0/UDP x"))
    assert "+1 more in the JSON" in render_html(d)


def test_the_guide_steps_come_in_the_customers_language_with_the_sharp_pictures():
    from sipalg_wizard.guides import GuideLibrary

    guide = GuideLibrary.load().get("tp-link")
    page = render_html(alg_diagnosis(), guide=guide.localized("es"),
                       translate=lambda s: "«" + s + "»")
    seen = parse(page)
    assert set(seen.tags) <= ALLOWED_TAGS | {"section", "h4", "img", "div", "p"}
    sources = [value for name, value in seen.attrs if name == "src"]
    assert len(sources) == len(guide.steps)
    assert all(src.startswith("data:image/png;base64,") for src in sources)
    assert "img-src data:" in page and "default-src 'none'" in page
    text = " ".join(seen.text)
    assert "Paso 2 de 2" in text and 'DESMARQUE "SIP ALG"' in text and 'lang="es"' in page
    assert "Advanced › NAT Forwarding › ALG" in text  # the router's labels, as it shows them
    assert "«Your router rewrites the addresses" in text  # the UI's translate() was applied
    # a guide reference (no steps) adds no pictures, as before
    assert "<img" not in render_html(alg_diagnosis(), guide=GuideRef("tp-link", "TP-Link"))
