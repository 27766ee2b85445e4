"""Step 1: what the wizard is for, what will happen (numbered), and whom to call."""

from __future__ import annotations

from html import escape

from sipalg_wizard.profile import Profile
from sipalg_wizard.ui.pages.base import StepPage
from sipalg_wizard.ui.qt import QtWidgets, set_properties


class WelcomePage(StepPage):
    def __init__(self, profile: Profile, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self._profile = profile
        layout, _footer = self.make_body()
        layout.setSpacing(14)
        self.description = self.make_description(self.tr(
            "This checks whether your router changes the signalling of your internet phone calls "
            "(a router feature called \u201cSIP ALG\u201d) and, if it does, shows you how to turn it off."))
        layout.addWidget(self.description)
        self.intro = QtWidgets.QLabel(self.tr("What will happen:"))
        self.intro.setObjectName("welcome_intro")
        bold = self.intro.font()
        bold.setBold(True)
        self.intro.setFont(bold)
        self.steps = QtWidgets.QLabel()
        self.steps.setObjectName("welcome_steps")
        set_properties(self.steps, textFormat="RichText")  # by name: ui/qt.py
        self.steps.setWordWrap(True)
        self.reassurance = QtWidgets.QLabel(self.tr(
            "Nothing on your computer or your router is changed by this program. "
            "It takes about a minute."))
        self.reassurance.setWordWrap(True)
        self.support = QtWidgets.QLabel()
        self.support.setObjectName("welcome_support")
        self.support.setWordWrap(True)
        set_properties(self.support, textInteractionFlags="TextSelectableByMouse")
        self.support.setAccessibleName(self.tr("Support phone number"))
        self.begin = QtWidgets.QLabel()
        self.begin.setObjectName("welcome_begin")
        set_properties(self.begin, textFormat="RichText")
        for widget in (self.intro, self.steps, self.reassurance, self.begin):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.support)
        self._fill_support()

    def heading(self) -> str:
        return self.tr("Welcome to {product}").format(product=self._profile.product_name)

    def _fill_support(self) -> None:
        phone = self._profile.support_phone.strip()
        if phone:
            self.support.setText(self.tr("Need help? Call {name} on {phone}.").format(
                name=self._profile.support_name, phone=phone))
        self.support.setVisible(bool(phone))

    def initializePage(self) -> None:
        self.list_steps()
        self.begin.setText(self.tr("Press <b>Next</b> to begin."))

    def list_steps(self) -> None:
        """List the steps with the same numbers as their titles ("Step 2 of N"), so the customer
        and the agent on the phone count the same way. The wizard calls this again once the later
        pages are built (just after the window shows)."""
        wizard = self.wizard()
        rows = []
        steps = [p for p in (wizard.page(i) for i in wizard.pageIds())
                 if isinstance(p, StepPage)] if wizard is not None else []
        for number, page in enumerate(steps, start=1):
            if page is not self and page.summary():
                rows.append(
                    "<tr><td style='padding: 3px 12px 3px 0'><b>{step}</b></td>"
                    "<td style='padding: 3px 0'>{text}</td></tr>".format(
                        step=escape(self.tr("Step {number}").format(number=number)),
                        text=escape(page.summary())))
        self.steps.setText(f"<table>{''.join(rows)}</table>")
