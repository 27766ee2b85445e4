"""Step 4: send real test call messages through the router and watch each test live.

The witnesses run as ``diagnose`` runs them (``pipeline.run_probes``, with the wizard's injected
core functions): our test server (the reflector), the TTL-limited probe (the first router past
the customer's quotes what left it; with nothing configured it aims at the profile's default
``ttl_target``) and the phone provider's SIP server as a mirror. The worker's
progress ``(test name, state)`` of the reflector's tests arrives on the GUI thread and updates the
list and the overall bar; "How we tested" then says in one plain line per witness what it saw.
Stop takes effect at once (the worker's cancel event also stops the witnesses themselves).

The page never dead-ends: when nothing could test, one sentence says why and what to do (type the
server the provider gave, which the fields right above take, or call support). Where the TTL
witness needs administrator rights (Windows, macOS), one optional button runs the deeper test: only
that witness is relaunched through the system's permission prompt (``elevation``); a "No" there is
an ordinary outcome with its own words.
"""

from __future__ import annotations

import dataclasses

from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.probe.models import ProbeResult
from sipalg_wizard.ui import core as corefns
from sipalg_wizard.ui.core_words import words
from sipalg_wizard.ui.icons import outcome_state, state_icon
from sipalg_wizard.ui.pages.base import WorkerPage
from sipalg_wizard.ui.pages.widgets import (
    Notice,
    beside,
    button_row,
    error_detail,
    list_view,
    make_button,
    progress_bar,
    text_label,
)
from sipalg_wizard.ui.qt import Qt, QtCore, QtWidgets, Signal


class ProbePage(WorkerPage):
    finished = Signal(object)  # the Diagnosis

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probe_page")
        self._ran_for = None
        self.result: ProbeResult | None = None
        self.states: dict[str, str] = {}
        layout, footer = self.make_body()
        layout.addWidget(self.make_description(self.tr(
            "We send test call messages through your router and compare what arrives with what "
            "was sent. It takes a few seconds.")))

        fields = QtWidgets.QFormLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.setVerticalSpacing(6)
        self.server, self.sip_server = QtWidgets.QLineEdit(), QtWidgets.QLineEdit()
        for field, name, label, accessible, placeholder in (
                (self.server, "probe_server", self.tr("&Test server:"),
                 self.tr("Test server address"),
                 self.tr("address your support gives you, e.g. test.example.net")),
                (self.sip_server, "probe_sip_server", self.tr("&Phone provider's server:"),
                 self.tr("Your phone provider's SIP server"),
                 self.tr("optional, e.g. sip.yourprovider.com"))):
            field.setObjectName(name)
            field.setAccessibleName(accessible)
            field.setPlaceholderText(placeholder)
            field.returnPressed.connect(self.start)  # Enter starts the test
            fields.addRow(label, field)
        layout.addLayout(fields)
        # The mapping (binding) check: offered every time (the wizard does not ask for symptoms),
        # off by default because it makes the test a minute longer; Stop cancels it at once.
        self.binding_check = QtWidgets.QCheckBox(self.tr(
            "Also check that &incoming calls can reach you (1 more minute)"))
        self.binding_check.setObjectName("probe_binding_check")
        self.binding_check.setAccessibleName(self.tr("Also check that incoming calls can reach you"))
        self.binding_check.setToolTip(self.tr(
            "Your computer stays quiet for {seconds} seconds, then our test server tries to reach "
            "it, as a call to your phone would. Some routers forget the phone by then."
        ).format(seconds=int(corefns.BINDING_CHECK)))
        layout.addWidget(self.binding_check)

        self.tests = list_view("probe_tests", self.tr("Tests and their results"),
                               [self.tr("Test"), self.tr("Result")], self.tr("Column headings"))
        self.tests.setUniformRowHeights(True)
        self.tests.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tests.setIconSize(QtCore.QSize(16, 16))
        self.tests.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._rows: dict[str, QtWidgets.QTreeWidgetItem] = {}
        layout.addWidget(self.tests, 1)
        after = QtWidgets.QVBoxLayout()  # progress, status and "How we tested" close together
        after.setSpacing(6)

        self.progress = progress_bar("probe_progress", self.tr("Overall progress"),
                                     self.tr("%v of %m tests done"))
        self.status = text_label("probe_status", bold=True)
        after.addLayout(beside(self.progress, stretch=0))
        after.addWidget(self.status)

        self.methods_box = QtWidgets.QWidget()
        self.methods_box.setObjectName("probe_methods")
        self.methods_box.setAccessibleName(self.tr("How we tested"))
        methods_layout = QtWidgets.QVBoxLayout(self.methods_box)
        methods_layout.setContentsMargins(0, 0, 0, 0)
        methods_layout.setSpacing(2)
        methods_title = QtWidgets.QLabel(self.tr("How we tested"))
        methods_title.setFont(self.status.font())  # bold
        methods_layout.addWidget(methods_title)
        self.method_grid = QtWidgets.QGridLayout()
        self.method_grid.setColumnStretch(1, 1)
        self.method_grid.setHorizontalSpacing(8)
        self.method_grid.setVerticalSpacing(1)
        methods_layout.addLayout(self.method_grid)
        self.method_lines: dict[str, tuple[QtWidgets.QLabel, QtWidgets.QLabel]] = {}
        self._method_words: dict[str, str] = {}
        self.methods_box.hide()
        after.addWidget(self.methods_box)
        layout.addLayout(after)
        self.notice = Notice("probe_notice", self.tr("Problems found and what to do"))
        layout.addWidget(self.notice)
        # In the footer beside Start/Stop, so it is in sight whatever the page scrolls to.
        self.deeper_button = make_button(
            self.tr("Run the &deeper test — your computer will ask for permission"),
            "probe_deeper", self.tr("Run the deeper test (your computer will ask for permission)"),
            lambda: self.start(elevated=True))
        self.deeper_button.hide()

        self.start_button = make_button(self.tr("&Start the test"), "probe_start",
                                        self.tr("Start the test (again)"), self.start)
        self.stop_button = make_button(self.tr("&Stop"), "probe_stop", self.tr("Stop the test"),
                                       self.stop)
        footer.addLayout(button_row(self.start_button, self.stop_button, self.deeper_button))
        self.stop_button.setEnabled(False)

    # --- StepPage ---------------------------------------------------------------------------
    def heading(self) -> str:
        return self.tr("Test your router")

    def summary(self) -> str:
        return self.tr("We send test call messages through your router and check what arrives.")

    def test_names(self) -> dict[str, str]:
        return {
            "udp_options": self.tr("Basic check (OPTIONS over UDP)"),
            "udp_register": self.tr("Phone sign-in (REGISTER over UDP)"),
            "udp_invite": self.tr("Call set-up (INVITE over UDP)"),
            "udp_invite_large": self.tr("Large call set-up (INVITE over UDP, 2.6 KB)"),
            "udp_phone_port": self.tr("Call set-up from the phone's own port (5060)"),
            "tcp_invite": self.tr("Call set-up over TCP"),
            "control_udp_invite": self.tr("Comparison: call set-up on another port (UDP)"),
            "control_tcp_invite": self.tr("Comparison: call set-up on another port (TCP)"),
            "tls_invite": self.tr("Comparison: encrypted call set-up (TLS)"),
            "udp_binding": self.tr("Incoming calls can reach you (after a quiet minute)"),
            "control_udp_binding": self.tr("Comparison: incoming calls on another port"),
        }

    def state_text(self, state: str) -> str:
        return {
            "pending": self.tr("Waiting"), "running": self.tr("Running\u2026"),
            "ok": self.tr("Arrived unchanged"), "rewritten": self.tr("Changed on the way"),
            "mangled": self.tr("Damaged on the way"), "dropped": self.tr("Lost on the way"),
            "skipped": self.tr("Not run"), "error": self.tr("Could not run"),
            "intercepted": self.tr("Answered by the router, not the server"),
        }.get(state, self.tr("Failed ({state})").format(state=state))

    def method_names(self) -> dict[str, str]:
        return {"reflector": self.tr("Our test server"),
                "ttl": self.tr("The first router past yours"),
                "provider": self.tr("Your phone provider's server")}

    def method_words(self, summary: dict) -> tuple[str, str]:
        """(icon state, what this witness saw in plain words) for one ``probe.methods`` entry."""
        method, status = summary.get("method"), summary.get("status")
        changed = any(BY_CODE[c].alg for c in summary.get("findings", []) if c in BY_CODE)
        if status == "unavailable":
            if summary.get("reason") == "refused":
                return "skipped", self.tr("not run: you did not give permission")
            return "skipped", self.tr("not available on this computer: {reason}").format(
                reason=self._unavailable_reason(summary))
        if status != "answered":
            return "error", self.tr("no answer")
        if method == "ttl":
            if changed:
                return "warning", self.tr("saw your call message as it left your router: changed")
            if summary.get("vouches_no_alg"):
                return "ok", self.tr("saw your call message exactly as it left your router: "
                                     "unchanged")
            return "ok", self.tr("saw only the start of your call message: no change there")
        if method == "provider":
            if changed:
                return "warning", self.tr("answered, and saw that your router changed your call "
                                          "messages")
            return "ok", self.tr("answered, and saw no change (it cannot see every kind)")
        if changed:
            return "warning", self.tr("saw that your router changed your call messages")
        return "ok", self.tr("saw your call messages arrive unchanged")

    def _unavailable_reason(self, summary: dict) -> str:
        reason = summary.get("reason") or ""
        if reason == "needs_admin":
            return self.tr("it needs your permission here")
        if reason == "no_route":
            return self.tr("no internet connection over IPv4")
        if reason == "cancelled":
            return self.tr("stopped")
        if reason == "elevation_failed":
            return self.tr("the deeper test could not start")
        return self.tr("the system does not allow it")

    def _set_method(self, method: str, state: str, text: str, detail: str = "") -> None:
        if method not in self.method_lines:
            row = len(self.method_lines)
            icon, words = QtWidgets.QLabel(), QtWidgets.QLabel()
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            words.setObjectName(f"probe_method_{method}")
            words.setWordWrap(True)
            words.setTextFormat(Qt.TextFormat.PlainText)
            self.method_grid.addWidget(icon, row, 0)
            self.method_grid.addWidget(words, row, 1)
            self.method_lines[method] = (icon, words)
        icon, words = self.method_lines[method]
        icon.setPixmap(state_icon(state).pixmap(16, 16))
        line = self.tr("{method}: {what}").format(method=self.method_names().get(method, method),
                                                   what=text)
        self._method_words[method] = text
        words.setText(line)
        words.setAccessibleName(line)
        words.setToolTip(detail)
        self.methods_box.show()

    def _clear_methods(self) -> None:
        while self.method_grid.count():
            item = self.method_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.method_lines.clear()
        self._method_words.clear()
        self.methods_box.hide()

    def method_text(self, method: str) -> str:
        """What the "How we tested" line of ``method`` says it saw ("" when it has no line)."""
        return self._method_words.get(method, "")

    def initializePage(self) -> None:
        wizard = self.wizard()
        if not self.server.text():
            self.server.setText(wizard.reflector or "")
        if not self.sip_server.text():
            self.sip_server.setText(wizard.sip_server or "")
        if self.running:
            return
        if self._ran_for is not wizard.network:
            self._ran_for = wizard.network
            self.start()
        elif self.result is not None and wizard.diagnosis is not None \
                and wizard.diagnosis.router is not wizard.router:
            # Only the router's maker changed (Back, another choice): the test result stands;
            # the diagnosis, guide and support code follow the new choice.
            self._conclude(self.result)

    def isComplete(self) -> bool:
        return not self.running and self.wizard() is not None and self.wizard().diagnosis is not None

    # --- work -------------------------------------------------------------------------------
    def _reset_rows(self) -> None:
        self.tests.clear()
        self._rows.clear()
        self.states.clear()
        names = self.test_names()
        for name, transport, method, _control in corefns.probe_plan(
                self.binding_check.isChecked()):
            item = QtWidgets.QTreeWidgetItem([names.get(name, f"{method} / {transport}"),
                                              self.state_text("pending")])
            item.setIcon(0, state_icon("pending"))
            self.tests.addTopLevelItem(item)
            self._rows[name] = item
            self.states[name] = "pending"
        self.tests.resizeColumnToContents(0)
        rows = max(1, len(self._rows))  # tall enough for every test, no taller
        self.tests.setMinimumHeight(self.tests.header().sizeHint().height() + 2 * self.tests.frameWidth()
                                    + rows * self.tests.sizeHintForRow(0) + 2)
        self.progress.setRange(0, len(self._rows))
        self.progress.setValue(0)

    def start(self, elevated: bool = False) -> None:
        """Run the probe (also "Start the test"); with nothing to aim at, explain what to do.
        ``elevated``: the deeper test (the TTL witness through the permission prompt)."""
        wizard = self.wizard()
        self.stop()
        self.deeper_button.hide()
        wizard.diagnosis = None
        self.result = None
        self._reset_rows()
        self._clear_methods()
        self.progress.show()
        reflector = self.server.text().strip()
        sip_server = self.sip_server.text().strip()
        wizard.reflector = reflector or None
        wizard.sip_server = sip_server or None
        network = wizard.network
        ttl_target = getattr(wizard.profile, "ttl_target", "") or None
        # Our test server's tests show only when it is set; otherwise the other witnesses decide
        # and their "How we tested" lines (and what to do) get the room.
        self.tests.setVisible(bool(reflector))
        if not reflector and not sip_server and not ttl_target:
            self._finish_without_probe()
            return
        from sipalg_wizard.diagnosis import pipeline

        # The mapping check only where our test server can call back, and only when asked for.
        binding = corefns.BINDING_CHECK if reflector and self.binding_check.isChecked() else 0.0
        options = dataclasses.replace(wizard.probe_options(), binding_check=binding)
        for method in pipeline.plan_witnesses(options):
            self._set_method(method, "running", self.state_text("running"))
        if not reflector:
            self._mark_rows_not_run()
            self.progress.setRange(0, 0)
        self.notice.show_items(self._network_warnings())
        if elevated:
            self.status.setText(self.tr("Waiting for your permission, then testing\u2026"))
        elif binding:
            self.status.setText(self.tr("Testing through your router\u2026 The check for incoming "
                                        "calls takes about a minute; Stop ends it."))
        else:
            self.status.setText(self.tr("Testing through your router\u2026"))
        self.buttons_working()
        self.binding_check.setEnabled(False)  # the run's plan is fixed until it ends
        runners = corefns.witnesses(wizard.core, elevated=elevated)
        local = network.ipv4.local_address if network is not None and network.ipv4 else None

        def work(cancel, progress):
            return pipeline.run_probes(options, local, lambda step, message: None, cancel,
                                       test_progress=lambda name, state: progress((name, state)),
                                       runners=runners)

        self.run_work(work, "probe", self._on_result, self._on_error, self._on_cancelled,
                      on_progress=self._on_progress)

    def _on_progress(self, value) -> None:
        name, state = value
        item = self._rows.get(name)
        if item is None:
            return
        self.states[name] = state
        item.setIcon(0, state_icon(outcome_state(state)))
        item.setText(1, self.state_text(state))
        self.progress.setValue(sum(1 for s in self.states.values() if s not in ("pending", "running")))

    def _on_result(self, result: ProbeResult) -> None:
        self.result = result
        for test in result.tests:
            self._on_progress((test.name, test.outcome))
            item = self._rows.get(test.name)
            if item is not None and test.detail:
                item.setToolTip(1, test.detail)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, len(self._rows))
        else:
            self.progress.setValue(self.progress.maximum())
        for summary in result.methods:
            state, text = self.method_words(summary)
            self._set_method(summary.get("method", "?"), state, text, method_detail(summary))
        self._conclude(result)

    def _on_error(self, exc: BaseException) -> None:
        if self.progress.maximum() == 0:
            self.progress.setRange(0, len(self._rows))
        if isinstance(exc, PermissionError):
            item = ("not_permitted", self.tr("Your computer did not allow the test to send."),
                    self.tr("A security program or firewall blocked it. If it asked, allow "
                            "\u201c{product}\u201d, then press Start the test.").format(
                        product=self.wizard().profile.product_name))
        else:
            item = ("probe_failed", self.tr("The test went wrong."),
                    self.tr("Press Start the test. If it happens again, tell your support agent: "
                            "{detail}").format(detail=error_detail(exc)))
        self.notice.show_items([item], "critical")
        self._conclude(None, failed=True)

    def _on_cancelled(self) -> None:
        for name, state in self.states.items():
            if state in ("pending", "running"):
                self._on_progress((name, "skipped"))
        for method in self.method_lines:
            self._set_method(method, "skipped", self.state_text("skipped"))
        if self.progress.maximum() == 0:
            self.progress.setRange(0, len(self._rows))
        self.status.setText(self.tr("Stopped. Press Start the test to run it again."))
        self._idle()

    def _idle(self) -> None:
        # Done: the list shows every test's result; the room goes to "How we tested".
        self.progress.setVisible(not self.method_lines)
        self.binding_check.setEnabled(True)
        self.buttons_idle()

    def _finish_without_probe(self) -> None:
        self.notice.show_items([("no_reflector", self.tr("No test server is set up."),
                                 self._what_to_do())], "info")
        self.status.setText(self.tr("Waiting for a test server address."))
        self._mark_rows_not_run()
        self._conclude(None, quiet=True)
        self.server.setFocus()

    def _what_to_do(self, deeper: bool = False) -> str:
        """The one way forward when nothing could test: the deeper test where it is offered
        (the button below), the fields above, or a call."""
        profile = self.wizard().profile
        if profile.support_phone:
            call = self.tr("or call {name} on {phone}").format(name=profile.support_name,
                                                               phone=profile.support_phone)
        else:
            call = self.tr("or call {name}").format(name=profile.support_name)
        fields = self.tr("Type the test server or phone-provider server address your provider gave "
                         "you above, and press Start the test \u2014 {call}. You can also press "
                         "Next: you will get a support code without a test result.").format(call=call)
        if deeper:
            return self.tr("Press \u201cRun the deeper test\u201d below: your computer will ask "
                           "for your permission. Or: {fields}").format(fields=fields)
        return fields

    def _dead_end(self, result: ProbeResult | None) -> tuple[str, str] | None:
        """``(code, sentence why)`` when no witness could test at all; None when one answered.
        The reason is the core's (``explain.witness_reasons_of``, as the Diagnosis page and the
        reports tell it), and so are its words."""
        from sipalg_wizard.diagnosis.explain import Said, witness_reasons_of

        reasons = witness_reasons_of(result.methods if result is not None else [])
        if not reasons:
            return None
        return reasons[0], words(Said.of(f"why.{reasons[0]}"))

    def _mark_rows_not_run(self) -> None:
        """Our test server's tests will not run (no address for it): every row says "Not run"."""
        for item in self._rows.values():
            item.setText(1, self.state_text("skipped"))
            item.setIcon(0, state_icon("skipped"))

    def _conclude(self, result: ProbeResult | None, failed: bool = False, quiet: bool = False) -> None:
        from sipalg_wizard.diagnosis import pipeline

        wizard = self.wizard()
        from sipalg_wizard.identify.models import RouterIdentity
        from sipalg_wizard.net.models import NetworkInfo

        diagnosis = pipeline.assemble(wizard.network or NetworkInfo(),
                                      wizard.router or RouterIdentity(), result,
                                      guide_packs=tuple(wizard.profile.guide_packs),
                                      library=wizard.library)
        wizard.diagnosis = diagnosis
        if not quiet and not failed:
            items = self._network_warnings()
            unreachable = next((f for f in diagnosis.findings
                                if f.code == "reflector_unreachable"), None)
            if unreachable is not None:
                items.insert(0, ("reflector_unreachable",
                                 self.tr("We could not reach the test server ({server}).").format(
                                     server=wizard.reflector),
                                 self.tr("Check that the internet works (open a website) and that "
                                         "the address is right, then press Start the test. A "
                                         "firewall or security program may also block it.")))
            dead_end = self._dead_end(result) if diagnosis.verdict == "inconclusive" else None
            if dead_end is not None:
                code, why = dead_end
                deeper = code == "ttl_needs_admin" and wizard.core.can_elevate()
                if unreachable is None:  # else the unreachable server's item says what to do
                    items.insert(0, (code, why, self._what_to_do(deeper)))
                self.deeper_button.setVisible(deeper)
            self.notice.show_items(items, "critical" if unreachable else "warning")
            done = {"alg_detected": self.tr("Done: your router changed some test messages. "
                                            "Press Next to see what that means."),
                    "no_alg_detected": self.tr("Done: the test messages arrived unchanged. "
                                               "Press Next."),
                    "inconclusive": self.tr("The test could not finish. See below, or press Next "
                                            "for a support code.")}
            self.status.setText(done.get(diagnosis.verdict, ""))
        elif failed:
            self.status.setText(self.tr("The test went wrong. See below."))
        self._idle()
        self.finished.emit(diagnosis)

    def _network_warnings(self) -> list[tuple[str, str, str]]:
        network = self.wizard().network
        out: list[tuple[str, str, str]] = []
        if network is None:
            return out
        if network.vpn_active:
            out.append(("vpn_active", self.tr("A VPN is switched on."),
                        self.tr("The test then goes through the VPN, not straight through your "
                                "router. Turn the VPN off, then press Start the test.")))
        if network.ipv4 is None and network.ipv6 is None:
            out.append(("no_gateway", self.tr("This computer is not connected to a router."),
                        self.tr("Connect to your network, go back to step 2 and press Retry.")))
        return out


def method_detail(summary: dict) -> str:
    """One technical line about a witness for the agent (tooltips, the Diagnosis page's details):
    method, status, target, time, findings and the core's note. Not translated."""
    parts = [f"method {summary.get('method')}: {summary.get('status')}",
             f"target {summary.get('target') or '-'}"]
    if summary.get("duration_ms") is not None:
        parts.append(f"{summary['duration_ms']:.0f} ms")
    if summary.get("witness_hop"):
        parts.append(f"witness hop {summary['witness_hop']} (gateway hops "
                     f"{summary.get('gateway_hops')})")
    if summary.get("public_address"):
        parts.append(f"public address {summary['public_address']}")
    if summary.get("confidence"):
        parts.append(f"confidence {summary['confidence']}")
    parts.append("findings " + (", ".join(summary.get("findings") or []) or "none"))
    line = "; ".join(parts)
    return f"{line} — {summary['note']}" if summary.get("note") else line
