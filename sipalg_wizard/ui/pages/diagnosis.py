"""Step 5: the verdict in plain words, the symptoms it explains, and the evidence for the agent.

The sentences come from ``sipalg_wizard.explain`` (one table of customer wording); the rewritten
fields are shown side by side, what was sent and what arrived, grouped by field.
"""

from __future__ import annotations

from html import escape

from sipalg_wizard.ui import core as corefns
from sipalg_wizard.ui.core_words import translate
from sipalg_wizard.ui.icons import state_icon
from sipalg_wizard.ui.pages.base import (
    Expander,
    StepPage,
    beside,
    big_label,
    code_view,
    icon_label,
    mono_font,
    text_label,
)
from sipalg_wizard.ui.pages.probe import method_detail
from sipalg_wizard.ui.qt import Qt, QtCore, QtWidgets

VERDICT_ICON = {"alg_detected": "warning", "no_alg_detected": "ok", "inconclusive": "pending"}


def workaround_html(widget, explanation) -> str:
    """The way round the ALG that the probe just measured (another port, TLS), as a paragraph
    in the UI's language, or "" when the measurement offers none (see explain.measured_workaround)."""
    steps = [s for s in explanation.next_steps if s.kind == "workaround"]
    if not steps:
        return ""
    label = QtCore.QCoreApplication.translate("Workaround", "Another way round it:")
    return f"<p><b>{escape(label)}</b> {escape(translate(steps[0].text))}</p>"


def explain_for(wizard):
    """The explanation of the wizard's diagnosis, naming the router as the customer knows it."""
    from sipalg_wizard.explain import explain

    identity = wizard.router
    router = None
    if identity is not None:
        router = identity.to_dict()
        name = corefns.describe_router(identity)
        router.update({"vendor": name or None, "model": None})
    return explain(wizard.diagnosis, router=router, guide=wizard.guide)


class DiagnosisPage(StepPage):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosis_page")
        self.explanation = None
        layout, _footer = self.make_body()
        self.icon = icon_label()
        self.headline = big_label(name="diagnosis_headline", extra_pt=5)
        self.headline.setAccessibleName(self.tr("Result"))
        layout.addLayout(beside(self.icon, self.headline))
        self.confidence = text_label("diagnosis_confidence")
        italic = self.confidence.font()
        italic.setItalic(True)
        self.confidence.setFont(italic)
        layout.addWidget(self.confidence)
        self.body = text_label("diagnosis_text", rich=True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAccessibleName(self.tr("What this means"))
        layout.addWidget(self.body)

        self.rewrites = QtWidgets.QTableWidget(0, 4)
        self.rewrites.setObjectName("diagnosis_rewrites")
        self.rewrites.setAccessibleName(self.tr("Fields the router changed: sent and received"))
        self.rewrites.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Direction"),
                                                 self.tr("We sent"), self.tr("It arrived as")])
        self.rewrites.verticalHeader().hide()
        self.rewrites.horizontalHeader().setAccessibleName(self.tr("Column headings"))
        self.rewrites.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rewrites.setWordWrap(True)
        self.rewrites.setMinimumHeight(180)
        header = self.rewrites.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.evidence_section = Expander(self.tr("Show what the router changed"), self.rewrites,
                                         "diagnosis_evidence")
        layout.addWidget(self.evidence_section)

        self.agent = code_view("diagnosis_agent", self.tr("Technical details for the support agent"))
        self.agent.setMinimumHeight(160)
        self.agent_section = Expander(self.tr("Technical details for the support agent"),
                                      self.agent, "diagnosis_agent_section")
        layout.addWidget(self.agent_section)
        layout.addStretch(1)

    def heading(self) -> str:
        return self.tr("What we found")

    def summary(self) -> str:
        return self.tr("We explain the result in plain words, and what it means for your calls.")

    def initializePage(self) -> None:
        wizard = self.wizard()
        if wizard.diagnosis is None:
            return
        wizard.choose_guide()
        ex = self.explanation = explain_for(wizard)
        self.icon.setPixmap(state_icon(VERDICT_ICON.get(ex.verdict, "pending")).pixmap(40, 40))
        self.headline.setText(translate(ex.headline))
        self.confidence.setText(translate(ex.confidence_text))
        parts = [f"<p>{escape(translate(p))}</p>" for p in ex.paragraphs]
        if ex.symptoms:
            explains = self.tr("This explains:")
            parts.append(f"<p><b>{escape(explains)}</b></p><ul>"
                         + "".join(f"<li>{escape(translate(s))}</li>" for s in ex.symptoms)
                         + "</ul>")
        workaround = workaround_html(self, ex)
        if workaround and ex.verdict == "alg_detected":  # measured now: part of what we found
            parts.append(workaround)
        if ex.next_steps and ex.verdict != "alg_detected":  # the next step shows the guide
            what_to_do = self.tr("What to do:")
            parts.append(f"<p><b>{escape(what_to_do)}</b></p><ol>"
                         + "".join(f"<li>{escape(translate(s.text))}</li>" for s in ex.next_steps)
                         + "</ol>")
        self.body.setText("".join(parts))
        self._fill_rewrites(wizard.diagnosis)
        self.evidence_section.setVisible(self.rewrites.rowCount() > 0)
        methods = wizard.diagnosis.probe.methods if wizard.diagnosis.probe is not None else []
        self.agent.setPlainText("\n".join(ex.agent.lines() + [method_detail(m) for m in methods]))

    def _fill_rewrites(self, diagnosis) -> None:
        groups: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
        tests = diagnosis.probe.tests if diagnosis.probe is not None else []
        for test in tests:
            for r in test.rewrites:
                key = (r.direction, r.field)
                if key not in groups:
                    groups[key] = (r.sent, r.received, [])
                groups[key][2].append(test.name)
        order = sorted(groups, key=lambda k: k[0] != "outbound")
        self.rewrites.setRowCount(len(order))
        mono = mono_font()
        arrows = {"outbound": self.tr("computer \u2192 server"),
                  "inbound": self.tr("server \u2192 computer")}
        for row, key in enumerate(order):
            sent, received, names = groups[key]
            cells = [key[1], arrows.get(key[0], key[0]), sent, received]
            for column, value in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(value)
                if column >= 2:
                    item.setFont(mono)
                    item.setToolTip(value)
                if column == 0:
                    item.setToolTip(self.tr("Seen in: {tests}").format(tests=", ".join(names)))
                self.rewrites.setItem(row, column, item)
        self.rewrites.resizeRowsToContents()
