"""The wizard window: the steps in order, numbered "Step N of M", with large readable text."""

from __future__ import annotations

from sipalg_wizard.profile import Profile
from sipalg_wizard.ui.pages.base import StepPage
from sipalg_wizard.ui.pages.network import Discover, NetworkPage
from sipalg_wizard.ui.pages.welcome import WelcomePage
from sipalg_wizard.ui.qt import QtCore, QtGui, QtWidgets

# How much bigger than the body text the page title and subtitle are (points).
TITLE_EXTRA_PT = 7
SUBTITLE_EXTRA_PT = 1
DEFAULT_SIZE = QtCore.QSize(840, 640)


class Wizard(QtWidgets.QWizard):
    """Holds the pages and what they learn (``network``) for the pages that come after."""

    def __init__(self, profile: Profile, reflector: str | None = None,
                 discover: Discover | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wizard")
        self.profile = profile
        self.reflector = reflector or (profile.reflectors[0] if profile.reflectors else None)
        self.network = None
        self.setWindowTitle(profile.product_name)
        self.setAccessibleName(profile.product_name)
        self.setWizardStyle(QtWidgets.QWizard.WizardStyle.ModernStyle)
        self.setOption(QtWidgets.QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QtWidgets.QWizard.WizardOption.NoDefaultButton, False)
        # Small enough for a 1366x768 laptop at 125 % scaling; pages scroll rather than clip.
        self.setMinimumSize(680, 520)
        self.resize(DEFAULT_SIZE)

        self.welcome_page = WelcomePage(profile)
        self.network_page = NetworkPage(discover=discover)
        self.network_page.network_found.connect(self._remember_network)
        for page in (self.welcome_page, self.network_page):
            self.addPage(page)
        self._label_buttons()
        self.renumber()
        self._title_label: QtWidgets.QLabel | None = None
        self._subtitle_label: QtWidgets.QLabel | None = None
        self.currentIdChanged.connect(self._style_header)

    def steps(self) -> list[StepPage]:
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, StepPage)]

    def renumber(self) -> None:
        """Give every page its "Step N of M: heading" title (call again after adding pages)."""
        steps = self.steps()
        for number, page in enumerate(steps, start=1):
            page.setTitle(self.tr("Step {number} of {total}: {heading}").format(
                number=number, total=len(steps), heading=page.heading()))
            page.setSubTitle(self.header_line())

    def header_line(self) -> str:
        """The short line under every title: the product and, if the profile has one, the
        support number, so it is in sight whenever the customer needs it."""
        phone = self.profile.support_phone.strip()
        if phone:
            return self.tr("{product} \u2014 help: {phone}").format(
                product=self.profile.product_name, phone=phone)
        return self.profile.product_name

    def _label_buttons(self) -> None:
        W = QtWidgets.QWizard.WizardButton
        texts = {
            W.BackButton: (self.tr("< &Back"), self.tr("Back to the previous step")),
            W.NextButton: (self.tr("&Next >"), self.tr("Next step")),
            W.CommitButton: (self.tr("&Continue"), self.tr("Continue")),
            W.FinishButton: (self.tr("&Finish"), self.tr("Finish and close")),
            W.CancelButton: (self.tr("Cancel"), self.tr("Cancel and close the wizard")),
            W.HelpButton: (self.tr("&Help"), self.tr("Help")),
        }
        for which, (text, accessible) in texts.items():
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(accessible)

    def _remember_network(self, network) -> None:
        self.network = network

    def _find_header_labels(self) -> None:
        """QWizard draws the title and subtitle in unnamed labels; find them once to enlarge them."""
        page = self.currentPage()
        if page is None:
            return
        for label in self.findChildren(QtWidgets.QLabel):
            if self._is_inside_page(label):
                continue
            if label.text() == page.title() and self._title_label is None:
                self._title_label = label
                label.setObjectName("wizard_title")
            elif label.text() == page.subTitle() and self._subtitle_label is None:
                self._subtitle_label = label
                label.setObjectName("wizard_subtitle")

    def _is_inside_page(self, widget: QtWidgets.QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if isinstance(parent, QtWidgets.QWizardPage):
                return True
            parent = parent.parentWidget()
        return False

    def _style_header(self, _id: int = -1) -> None:
        if self._title_label is None or self._subtitle_label is None:
            self._find_header_labels()
        base = self.font()
        if self._title_label is not None:
            font = QtGui.QFont(base)
            font.setPointSizeF(base.pointSizeF() + TITLE_EXTRA_PT)
            font.setBold(True)
            self._title_label.setFont(font)
            self._title_label.setWordWrap(True)
        if self._subtitle_label is not None:
            font = QtGui.QFont(base)
            font.setPointSizeF(base.pointSizeF() + SUBTITLE_EXTRA_PT)
            self._subtitle_label.setFont(font)
            self._subtitle_label.setWordWrap(True)
        # Make QWizard lay its header out again for the new fonts (setTitleFormat relayouts).
        self.setTitleFormat(self.titleFormat())

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._style_header()

    def done(self, result: int) -> None:
        for page in self.steps():
            page.shutdown()
        super().done(result)

