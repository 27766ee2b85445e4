"""Drive the real wizard inside the lab's LAN namespace and print what each page showed (JSON).

Run by ``test_ui_lab.py`` as ``ip netns exec <lan> python lab_driver.py REFLECTOR REPORTS_DIR``.
Everything is real: discovery of this namespace's routes, identification of the lab router, the
probe through its NAT (and kernel SIP ALG) to the reflector in the WAN namespace, the guides, the
saved report. One JSON object per line on standard output; after the Fix page the driver waits
for a line on standard input (the test turns the ALG off meanwhile), then runs Verify.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sipalg_wizard.profile import Profile
from sipalg_wizard.ui import workers
from sipalg_wizard.ui.app import create_application, create_wizard
from sipalg_wizard.ui.core import Core
from sipalg_wizard.ui.qt import Qt, QtCore

WAIT_MS = 60_000


def emit(page: str, **values) -> None:
    print(json.dumps({"page": page, **values}), flush=True)


def wait(signal, start) -> None:
    """Call ``start`` and wait for ``signal`` (bounded)."""
    loop = QtCore.QEventLoop()
    signal.connect(loop.quit)
    timer = QtCore.QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(WAIT_MS)
    start()
    if timer.isActive():
        loop.exec()
    signal.disconnect(loop.quit)


def main() -> int:
    from PySide6.QtTest import QTest

    reflector, reports = sys.argv[1], Path(sys.argv[2])
    create_application([sys.argv[0]])
    if reflector.startswith("sip-server="):  # no test server of ours: Probe page only
        return probe_with_sip_server_only(reflector.split("=", 1)[1], reports, QTest)
    if reflector == "default-profile":  # nothing configured at all: Probe page only
        return probe_with_the_default_profile(reports, QTest)
    wizard = create_wizard(Profile(), reflector=reflector,
                           core=Core(reports_dir=reports, open_url=lambda url: True))
    wizard.show()
    click_next = next_clicker(wizard, QTest)
    emit("welcome", title=wizard.currentPage().title())
    settle_like_a_person(wizard, QTest)
    started = time.monotonic()
    wait(wizard.network_page.settled, click_next)
    net = wizard.network
    emit("network", seconds=round(time.monotonic() - started, 3),
         title=wizard.currentPage().title(), gateway=net.gateway_ipv4,
         maker=wizard.network_page.values["maker"].text(), advice=[a.code for a in
                                                                   wizard.network_page.advice])
    wait(wizard.router_page.settled, click_next)
    emit("router", title=wizard.currentPage().title(), headline=wizard.router_page.headline.text(),
         vendor=wizard.router.vendor, confidence=wizard.router.confidence)
    started = time.monotonic()
    wait(wizard.probe_page.settled, click_next)
    seconds = round(time.monotonic() - started, 3)
    methods = {m["method"]: [m["status"], m.get("duration_ms")]
               for m in wizard.probe_page.result.methods}
    emit("probe", title=wizard.currentPage().title(), states=wizard.probe_page.states,
         seconds=seconds, methods=methods,
         lines={m: wizard.probe_page.method_text(m) for m in methods},
         progress=[wizard.probe_page.progress.value(), wizard.probe_page.progress.maximum()],
         verdict=wizard.diagnosis.verdict, findings=[f.code for f in wizard.diagnosis.findings],
         notice=wizard.probe_page.notice.codes)
    click_next()
    page = wizard.diagnosis_page
    emit("diagnosis", title=wizard.currentPage().title(), headline=page.headline.text(),
         rewrites=[[page.rewrites.item(r, c).text() for c in range(4)]
                   for r in range(page.rewrites.rowCount())],
         code=wizard.support_code)
    click_next()
    fix = wizard.fix_page
    emit("fix", title=wizard.currentPage().title(), guide=fix.guide.id if fix.guide else None,
         counter=fix.counter.text(), steps_visible=fix.steps_box.isVisibleTo(fix),
         admin=fix.admin_url)
    sys.stdin.readline()  # the test turns the ALG off and "restarts" the router
    click_next()
    verify = wizard.verify_page
    verify.restarted.setChecked(True)
    wait(verify.settled, lambda: QTest.mouseClick(verify.run_button, Qt.MouseButton.LeftButton))
    result = verify.result
    emit("verify", title=wizard.currentPage().title(), headline=verify.headline.text(),
         status=result.status if result else None,
         before=verify.before.text(), after=verify.after.text())
    click_next()
    finish = wizard.finish_page
    saved = finish.save()
    emit("finish", title=wizard.currentPage().title(), code=finish.code_label.text(),
         header=wizard.currentPage().subTitle(), report=str(saved.json_path) if saved else None)
    wizard.close()
    workers.shutdown(3000)
    return 0


def settle_like_a_person(wizard, QTest) -> None:
    """Let the window paint and build its later steps in idle time, as it does while a person
    reads the Welcome page; a click before that would time the build, not the step."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(wizard.pageIds()) < 8 and time.monotonic() < deadline:
        QTest.qWait(10)


def next_clicker(wizard, QTest):
    """A function that clicks the wizard's Next button as a user would."""
    return lambda: QTest.mouseClick(wizard.button(wizard.WizardButton.NextButton),
                                    Qt.MouseButton.LeftButton)


def through_the_probe(wizard, QTest) -> float:
    """Show the wizard, press Next through the Network and Router steps, then through the Probe
    step; the Probe step's seconds from the click to its verdict."""
    wizard.show()
    click_next = next_clicker(wizard, QTest)
    wait(wizard.network_page.settled, click_next)
    wait(wizard.router_page.settled, click_next)
    started = time.monotonic()
    wait(wizard.probe_page.settled, click_next)
    return round(time.monotonic() - started, 3)


def probe_with_sip_server_only(sip_server: str, reports: Path, QTest) -> int:
    """No reflector; the phone provider's SIP server is set (profile): the TTL probe towards it
    and the provider mirror must reach the verdict on their own."""
    wizard = create_wizard(Profile(sip_server=sip_server),
                           core=Core(reports_dir=reports, open_url=lambda url: True))
    seconds = through_the_probe(wizard, QTest)
    page = wizard.probe_page
    emit("probe", seconds=seconds, verdict=wizard.diagnosis.verdict,
         findings={f.code: f.method for f in wizard.diagnosis.findings},
         methods={m["method"]: [m["status"], m.get("duration_ms")] for m in page.result.methods},
         lines={m["method"]: page.method_text(m["method"]) for m in page.result.methods},
         states=sorted(set(page.states.values())), status=page.status.text())
    wizard.close()
    workers.shutdown(3000)
    return 0


def probe_with_the_default_profile(reports: Path, QTest) -> int:
    """The generic install: the bundled default profile (no reflector, no SIP server), so the
    TTL witness aims at its ``ttl_target`` (which the lab's WAN host holds)."""
    from sipalg_wizard.profile import load_profile

    profile = load_profile()
    wizard = create_wizard(profile, core=Core(reports_dir=reports, open_url=lambda url: True))
    seconds = through_the_probe(wizard, QTest)
    page = wizard.probe_page
    emit("probe", seconds=seconds, verdict=wizard.diagnosis.verdict,
         uid=os.geteuid(), source=profile.source, ttl_target=profile.ttl_target,
         findings={f.code: f.method for f in wizard.diagnosis.findings},
         methods={m["method"]: [m["status"], m.get("reason")] for m in page.result.methods},
         lines={m["method"]: page.method_text(m["method"]) for m in page.result.methods},
         notice=page.notice.codes, notice_text=page.notice.plain(),
         fields_visible=page.server.isVisible() and page.sip_server.isVisible(),
         deeper_visible=page.deeper_button.isVisible(), status=page.status.text())
    if sys.stdin.readline().strip() == "verify":  # the test turned the ALG off meanwhile
        click_next = next_clicker(wizard, QTest)
        click_next()
        click_next()
        click_next()
        verify = wizard.verify_page
        verify.restarted.setChecked(True)
        wait(verify.settled, lambda: QTest.mouseClick(verify.run_button,
                                                       Qt.MouseButton.LeftButton))
        emit("verify", status=verify.result.status if verify.result else None,
             headline=verify.headline.text(), after=verify.after.text())
    wizard.close()
    workers.shutdown(3000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
