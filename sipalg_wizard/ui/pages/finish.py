"""Step 8: the support code in large type, and the report to save, open or copy.

The code carries the verdict, the findings, the maker, the guide shown and the stage (diagnosis or
verify), so an agent can decode it over the phone. The report is saved as JSON and HTML by
``sipalg_wizard.reportstore``; "Copy details" puts the report and the log tail on the clipboard.
"""

from __future__ import annotations

import json
from html import escape

from sipalg_wizard.ui import i18n, logs
from sipalg_wizard.ui.core_words import translate
from sipalg_wizard.ui.pages.base import StepPage, big_label, button_row, copy_text, make_button, text_label
from sipalg_wizard.ui.qt import Qt, QtCore, QtGui, QtWidgets

CODE_EXTRA_PT = 14


class FinishPage(StepPage):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finish_page")
        self.saved = None
        self.code = ""
        layout, _footer = self.make_body()
        layout.addWidget(self.make_description(self.tr(
            "If you talk to your support agent, read out this code. It tells them what we found.")))
        self.code_label = big_label(name="finish_code", extra_pt=CODE_EXTRA_PT)
        self.code_label.setAccessibleName(self.tr("Support code"))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.code_label.setMinimumHeight(90)
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.code_label)
        self.summary_label = text_label("finish_summary")
        layout.addWidget(self.summary_label)

        report_box = QtWidgets.QGroupBox(self.tr("Your report"))
        report_box.setObjectName("finish_report")
        box = QtWidgets.QVBoxLayout(report_box)
        explain_label = text_label()
        explain_label.setText(self.tr(
            "A report with all the details, for you or your support agent. It stays on this "
            "computer unless you send it."))
        box.addWidget(explain_label)
        self.redact = QtWidgets.QCheckBox(self.tr("&Hide my internet address in the report"))
        self.redact.setObjectName("finish_redact")
        self.redact.setAccessibleName(self.tr("Hide my internet address in the report"))
        box.addWidget(self.redact)
        self.save_button = make_button(self.tr("&Save report"), "finish_save",
                                       self.tr("Save the report on this computer"), self.save)
        self.open_button = make_button(self.tr("&Open report"), "finish_open",
                                       self.tr("Open the saved report in your web browser"),
                                       self.open_report)
        self.copy_button = make_button(
            self.tr("&Copy details"), "finish_copy",
            self.tr("Copy the report and the log for your support agent"), self.copy_details)
        box.addLayout(button_row(self.save_button, self.open_button, self.copy_button))
        self.saved_label = text_label("finish_saved")
        self.saved_label.setAccessibleName(self.tr("Where the report was saved"))
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path must not widen the page: it may be cut off, the tooltip has it whole.
        self.saved_label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                       QtWidgets.QSizePolicy.Policy.Preferred)
        box.addWidget(self.saved_label)
        layout.addWidget(report_box)
        self.thanks = text_label("finish_thanks")
        layout.addWidget(self.thanks)
        layout.addStretch(1)
        self.redact.toggled.connect(self._forget_saved)

    def heading(self) -> str:
        return self.tr("Your support code and report")

    def summary(self) -> str:
        return self.tr("You get a short support code to read out, and a report to save.")

    # --- content ----------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._forget_saved()
        doc = self.document()
        self.code = doc.get("support_code", "")
        self.code_label.setText(self.code or "\u2014")
        wizard = self.wizard()
        wizard.support_code = self.code
        wizard.refresh_header()
        headline = (doc.get("explanation") or {}).get("headline", "")
        verification = doc.get("verification") or {}
        if verification.get("headline"):
            headline = verification["headline"]
        self.summary_label.setText(translate(headline))
        phone = wizard.profile.support_phone.strip()
        self.thanks.setText(self.tr("Need help? Call {name} on {phone}.").format(
            name=wizard.profile.support_name, phone=phone) if phone else "")
        self.thanks.setVisible(bool(phone))

    def document(self, redact: bool | None = None) -> dict:
        """The report's JSON document as it would be saved (with explanation, guide, verify)."""
        from sipalg_wizard.reportstore import build_document

        wizard = self.wizard()
        if wizard.diagnosis is None:
            return {}
        redact = self.redact.isChecked() if redact is None else redact
        diagnosis = wizard.diagnosis
        if wizard.router is not None:
            diagnosis.router = wizard.router  # the customer's choice is what the report records
        return build_document(diagnosis, redact=redact, guide=self._guide_ref(),
                              verified=wizard.verification)

    def _guide_ref(self):
        return self.wizard().report_guide()

    def _forget_saved(self) -> None:
        self.saved = None
        self.open_button.setEnabled(False)
        self.saved_label.clear()

    # --- actions ----------------------------------------------------------------------------
    def save(self):
        from sipalg_wizard.reportstore import save_report

        wizard = self.wizard()
        if wizard.diagnosis is None:
            return None
        try:
            self.saved = save_report(wizard.diagnosis, base_dir=wizard.core.reports_dir,
                                     redact=self.redact.isChecked(), guide=self._guide_ref(),
                                     verified=wizard.verification,
                                     product_name=wizard.profile.product_name,
                                     translate=translate, language=i18n.ui_language())
        except OSError as exc:
            self.saved_label.setText(self.tr("Could not save the report: {detail}. Use Copy "
                                             "details instead.").format(detail=exc))
            return None
        self.saved_label.setText(self.tr("Saved as {name} in {folder}").format(
            name=self.saved.html_path.name, folder=str(self.saved.html_path.parent)))
        self.saved_label.setToolTip(str(self.saved.html_path))
        self.open_button.setEnabled(True)
        return self.saved

    def open_report(self) -> bool:
        if self.saved is None:
            return False
        url = QtCore.QUrl.fromLocalFile(str(self.saved.html_path))
        opener = self.wizard().core.open_url
        if opener is not None:
            return bool(opener(url.toString()))
        return QtGui.QDesktopServices.openUrl(url)

    def details_text(self) -> str:
        """The report (or, before the test, what is known so far) and the log tail."""
        wizard = self.wizard()
        doc = self.document()
        if not doc:
            from dataclasses import asdict

            doc = {"network": asdict(wizard.network) if wizard.network is not None else None,
                   "router": wizard.router.to_dict() if wizard.router is not None else None,
                   "reflector": wizard.reflector}
        explanation = doc.get("explanation") or {}
        heading, code_label = self.tr("details for support"), self.tr("Support code")
        lines = [f"{wizard.profile.product_name} \u2014 {heading}",
                 f"{code_label}: {doc.get('support_code', '')}",
                 explanation.get("headline", ""), "",
                 json.dumps(doc, indent=1, ensure_ascii=False, default=str), "",
                 "--- log ---", logs.tail().text()]
        return "\n".join(lines)

    def copy_details(self) -> None:
        copy_text(self.details_text())
        self.saved_label.setText(escape(self.tr("Copied. You can paste it into an e-mail or chat.")))
