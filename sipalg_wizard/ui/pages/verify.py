"""Step 7: test again after the change and show before / after.

The second test runs the same probe (same router, same test server) in a worker and compares
with ``sipalg_wizard.verify.compare_runs``, whose wording says what to do next, including the
"restart the router, then test again" that a Linux router's hour-long memory of calls needs.
"""

from __future__ import annotations

from html import escape

from sipalg_wizard.ui.core_words import translate
from sipalg_wizard.ui.icons import outcome_state, state_icon
from sipalg_wizard.ui.pages.base import (
    WorkerPage,
    beside,
    big_label,
    button_row,
    error_detail,
    icon_label,
    make_button,
    progress_bar,
    text_label,
)
from sipalg_wizard.ui.qt import QtWidgets, Signal

STATUS_ICON = {"fixed": "ok", "clean": "ok", "still_there": "warning", "changed": "warning",
               "new": "warning", "inconclusive": "pending"}


class VerifyPage(WorkerPage):
    verified = Signal(object)  # VerifyResult

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_page")
        self.result = None
        layout, footer = self.make_body()
        self.intro = self.make_description("")
        layout.addWidget(self.intro)
        self.restarted = QtWidgets.QCheckBox(self.tr("I have &restarted the router since the change"))
        self.restarted.setObjectName("verify_restarted")
        self.restarted.setAccessibleName(self.tr("I have restarted the router since the change"))
        layout.addWidget(self.restarted)

        self.progress = progress_bar("verify_progress", self.tr("Progress of the second test"),
                                     self.tr("%v of %m tests done"))
        self.status = text_label("verify_status")
        layout.addLayout(beside(self.progress, stretch=0))
        layout.addWidget(self.status)

        compare = QtWidgets.QGroupBox(self.tr("Before and after"))
        compare.setObjectName("verify_compare")
        grid = QtWidgets.QFormLayout(compare)
        self.before, self.after = text_label("verify_before"), text_label("verify_after")
        for label in (self.before, self.after):
            label.setText("\u2014")
        grid.addRow(self.tr("Before the change:"), self.before)
        grid.addRow(self.tr("After the change:"), self.after)
        layout.addWidget(compare)
        self.icon = icon_label()
        self.headline = big_label(name="verify_headline", extra_pt=4)
        self.headline.setAccessibleName(self.tr("Result of the second test"))
        layout.addLayout(beside(self.icon, self.headline))
        self.advice = text_label("verify_advice", rich=True)
        layout.addWidget(self.advice)
        layout.addStretch(1)

        self.run_button = self.start_button = make_button(
            self.tr("&Test again"), "verify_run", self.tr("Test again"), self.start)
        self.stop_button = make_button(self.tr("&Stop"), "verify_stop",
                                       self.tr("Stop the second test"), self.stop)
        self.stop_button.setEnabled(False)
        footer.addLayout(button_row(self.run_button, self.stop_button))

    def heading(self) -> str:
        return self.tr("Check the fix")

    def summary(self) -> str:
        return self.tr("After the change we test again and show you before and after.")

    def isComplete(self) -> bool:
        return not self.running

    def initializePage(self) -> None:
        wizard = self.wizard()
        verdict = wizard.diagnosis.verdict if wizard.diagnosis is not None else "inconclusive"
        self.before.setText(self._verdict_text(verdict))
        if verdict == "alg_detected":
            self.intro.setText(self.tr(
                "When you have turned SIP ALG off and saved, restart the router, wait until the "
                "internet works again, then press Test again."))
        elif verdict == "no_alg_detected":
            self.intro.setText(self.tr(
                "Nothing needs checking: there was nothing to fix. If you changed something on "
                "your router anyway, press Test again to compare."))
        else:
            self.intro.setText(self.tr(
                "The first test could not finish. If you followed the steps, restart the router, "
                "wait until the internet works again, then press Test again."))
        can_test = bool(self._options().reflector or self._options().sip_server
                        or self._options().ttl_target)
        self.run_button.setEnabled(can_test)
        if not can_test:
            self.status.setText(self.tr("No test server is set up, so we cannot test again."))

    def _options(self):
        """The same witnesses, with the same targets, as the Probe page ran."""
        from sipalg_wizard import pipeline
        from sipalg_wizard.ui import core as corefns

        wizard = self.wizard()
        return pipeline.Options(reflector=wizard.reflector, sip_server=wizard.sip_server,
                                ttl_target=getattr(wizard.profile, "ttl_target", "") or None,
                                timeout=corefns.PROBE_TIMEOUT)

    def _verdict_text(self, verdict: str) -> str:
        return {"alg_detected": self.tr("the router changed call messages"),
                "no_alg_detected": self.tr("call messages arrived unchanged"),
                "inconclusive": self.tr("the test could not finish")}.get(verdict, verdict)

    def start(self) -> None:
        wizard = self.wizard()
        self.stop()
        from sipalg_wizard.ui import core as corefns

        before = wizard.diagnosis
        options = self._options()
        if before is None or not (options.reflector or options.sip_server or options.ttl_target):
            return
        self.result = None
        # Our test server's tests fill the bar; without it the other witnesses only say "busy".
        self.progress.setRange(0, len(corefns.probe_plan()) if options.reflector else 0)
        self.progress.setValue(0)
        self._done: set[str] = set()
        self.after.setText(self.tr("testing\u2026"))
        self.headline.clear()
        self.icon.clear()
        self.advice.clear()
        self.status.setText(self.tr("Testing through your router again\u2026"))
        self.buttons_working()
        runners, network, router = corefns.witnesses(wizard.core), wizard.network, wizard.router
        guide_id = wizard.guide.id if wizard.guide is not None else None
        after_restart = self.restarted.isChecked()
        local = network.ipv4.local_address if network is not None and network.ipv4 else None

        def work(cancel, progress):
            from sipalg_wizard import pipeline, supportcode
            from sipalg_wizard.verify import compare_runs

            result = pipeline.run_probes(options, local, lambda step, message: None, cancel,
                                         test_progress=lambda n, s: progress((n, s)),
                                         runners=runners)
            after = pipeline.assemble(network, router, result)
            stage = "verify_after_restart" if after_restart else "verify"
            after.support_code = supportcode.code_for(after, guide_id, stage)
            return compare_runs(before, after, after_restart=after_restart)

        self.run_work(work, "verify", self._on_result, self._on_error,
                      lambda: self._idle(self.tr("Stopped. Press Test again.")),
                      on_progress=self._on_progress)

    def _on_progress(self, value) -> None:
        name, state = value
        if outcome_state(state) not in ("pending", "running"):
            self._done.add(name)
            self.progress.setValue(len(self._done))

    def _on_result(self, result) -> None:
        self.result = result
        self.wizard().verification = result
        self.wizard().update_code()
        self.progress.setRange(0, self.progress.maximum() or 1)
        self.progress.setValue(self.progress.maximum())
        self.after.setText(self._verdict_text(result.after_verdict))
        self.icon.setPixmap(state_icon(STATUS_ICON.get(result.status, "pending")).pixmap(36, 36))
        self.headline.setText(translate(result.headline))
        self.advice.setText("<ul>" + "".join(f"<li>{escape(translate(a))}</li>" for a in result.advice)
                            + "</ul>" if result.advice else "")
        self._idle(self.tr("Done. Press Next for your report and support code."))
        self.verified.emit(result)

    def _on_error(self, exc: BaseException) -> None:
        self.after.setText(self.tr("the test went wrong"))
        self._idle(self.tr("The second test went wrong: {detail}. Press Test again.").format(
            detail=error_detail(exc)))

    def _idle(self, message: str) -> None:
        if self.progress.maximum() == 0:  # "busy" ends with the run
            self.progress.setRange(0, 1)
        self.status.setText(message)
        self.buttons_idle()
