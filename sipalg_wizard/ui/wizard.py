"""The wizard window: the steps in order, numbered "Step N of M", with large readable text."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sipalg_wizard.profile import Profile
from sipalg_wizard.ui import i18n
from sipalg_wizard.ui.core import Core
from sipalg_wizard.ui.pages.base import StepPage
from sipalg_wizard.ui.pages.welcome import WelcomePage
from sipalg_wizard.ui.pages.widgets import copy_text
from sipalg_wizard.ui.qt import QtCore, QtGui, QtWidgets, Signal, set_properties
from sipalg_wizard.ui.settings import Settings

if TYPE_CHECKING:
    from sipalg_wizard.ui.pages.diagnosis import DiagnosisPage
    from sipalg_wizard.ui.pages.finish import FinishPage
    from sipalg_wizard.ui.pages.fix import FixPage
    from sipalg_wizard.ui.pages.network import Discover, NetworkPage
    from sipalg_wizard.ui.pages.probe import ProbePage
    from sipalg_wizard.ui.pages.router import RouterPage
    from sipalg_wizard.ui.pages.verify import VerifyPage

# How much bigger than the body text the page title and subtitle are (points).
TITLE_EXTRA_PT = 7
SUBTITLE_EXTRA_PT = 1
DEFAULT_SIZE = QtCore.QSize(840, 640)

# The steps after Welcome, in order: (attribute, module, class). Only the Welcome page is built
# before the window shows; these (and their modules' imports) are built once the first page is
# on screen, or at once when something needs one sooner (see ``_build_pages``).
LATER_PAGES = (
    ("network_page", "sipalg_wizard.ui.pages.network", "NetworkPage"),
    ("router_page", "sipalg_wizard.ui.pages.router", "RouterPage"),
    ("probe_page", "sipalg_wizard.ui.pages.probe", "ProbePage"),
    ("diagnosis_page", "sipalg_wizard.ui.pages.diagnosis", "DiagnosisPage"),
    ("fix_page", "sipalg_wizard.ui.pages.fix", "FixPage"),
    ("verify_page", "sipalg_wizard.ui.pages.verify", "VerifyPage"),
    ("finish_page", "sipalg_wizard.ui.pages.finish", "FinishPage"),
)


def _later_page(attribute: str):
    """A property that builds the later pages on first use, so callers never see them missing."""
    def get(wizard: Wizard):
        wizard._build_pages()
        return wizard._pages[attribute]
    return property(get)


class Wizard(QtWidgets.QWizard):
    """Holds the pages and what they learn for the pages that come after: ``network``,
    ``router`` (as identified or chosen), ``diagnosis``, ``guide``, ``verification``.

    The core functions come from ``core`` (injectable); the reflector is, in order, the one
    given (``--reflector``), the one in the settings, the profile's first; the phone provider's
    SIP server the one in the settings, then the profile's.
    """

    # The first page is on screen: the paint pass that drew it (children too) has finished.
    # For the start-up measurement and the work that waits for the window (the log file).
    first_painted = Signal()

    def __init__(self, profile: Profile, reflector: str | None = None,
                 discover: Discover | None = None, core: Core | None = None,
                 settings: Settings | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wizard")
        self.profile = profile
        self.core = core or Core()
        if discover is not None:
            self.core.discover = discover
        self.settings = settings or Settings.memory()
        self.reflector = (reflector or self.settings.reflector
                          or (profile.reflectors[0] if profile.reflectors else None))
        self.sip_server = self.settings.sip_server or profile.sip_server or None
        self.network = None
        self.router = None
        self.library = None
        self.vendor_choices: list[tuple[str, str]] = []
        self.diagnosis = None
        self._localized: tuple = (None, (), None)  # (chosen guide, languages, localized guide)
        self.verification = None
        self.support_code = ""
        self.setWindowTitle(profile.product_name)
        self.setAccessibleName(profile.product_name)
        self.setWizardStyle(QtWidgets.QWizard.WizardStyle.ModernStyle)
        self.setOption(QtWidgets.QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QtWidgets.QWizard.WizardOption.NoDefaultButton, False)
        # Small enough for a 1366x768 laptop at 125 % scaling; pages scroll rather than clip.
        self.setMinimumSize(680, 520)
        self.resize(DEFAULT_SIZE)

        self._pages: dict[str, StepPage] = {}
        self._painted = False
        self.welcome_page = WelcomePage(profile)
        self.addPage(self.welcome_page)
        self.setOption(QtWidgets.QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QtWidgets.QWizard.WizardOption.HaveCustomButton2, True)
        self.customButtonClicked.connect(self._custom_button)
        self._label_buttons()
        self.renumber()
        self._title_label: QtWidgets.QLabel | None = None
        self._subtitle_label: QtWidgets.QLabel | None = None
        self.currentIdChanged.connect(self._style_header)

    network_page: NetworkPage = _later_page("network_page")
    router_page: RouterPage = _later_page("router_page")
    probe_page: ProbePage = _later_page("probe_page")
    diagnosis_page: DiagnosisPage = _later_page("diagnosis_page")
    fix_page: FixPage = _later_page("fix_page")
    verify_page: VerifyPage = _later_page("verify_page")
    finish_page: FinishPage = _later_page("finish_page")

    def _build_pages(self) -> None:
        """Build the steps after Welcome (once). Called when the first page has been painted, and
        before anything that needs them: a property above, Next (``validateCurrentPage``)."""
        if self._pages:
            return
        for attribute, module, name in LATER_PAGES:
            page_class = getattr(importlib.import_module(module), name)
            page = (page_class(discover=self.core.discover) if attribute == "network_page"
                    else page_class())
            self._pages[attribute] = page
            self.addPage(page)
        self._pages["network_page"].network_found.connect(self._remember_network)
        self._pages["probe_page"].finished.connect(self._diagnosed)
        self.renumber()
        self.welcome_page.list_steps()

    def steps(self) -> list[StepPage]:
        """The pages built so far, in order (Welcome alone until the later ones are built)."""
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, StepPage)]

    def renumber(self) -> None:
        """Give every page its "Step N of M: heading" title (call again after adding pages)."""
        total = 1 + len(LATER_PAGES)
        for number, page in enumerate(self.steps(), start=1):
            page.setTitle(self.tr("Step {number} of {total}: {heading}").format(
                number=number, total=total, heading=page.heading()))
            page.setSubTitle(self.header_line())

    def nextId(self) -> int:
        # Until the later pages exist, Welcome still leads somewhere: the button reads "Next".
        if not self._pages and self.currentPage() is self.welcome_page:
            return 1
        return super().nextId()

    def validateCurrentPage(self) -> bool:
        self._build_pages()  # Next was pressed before the idle build: build now, then go on
        return super().validateCurrentPage()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The page and its labels paint after this (the window's own) paintEvent, and the
            # frame reaches the screen after all of them: a zero timer runs once that is done.
            QtCore.QTimer.singleShot(0, self._first_frame_shown)

    def _first_frame_shown(self) -> None:
        self.first_painted.emit()
        QtCore.QTimer.singleShot(0, self._build_pages)  # the later pages, in idle time

    def header_line(self) -> str:
        """The short line under every title: the product and, if the profile has one, the
        support number, so it is in sight whenever the customer needs it."""
        phone = self.profile.support_phone.strip()
        line = self.profile.product_name
        if phone:
            line = self.tr("{product} \u2014 help: {phone}").format(
                product=self.profile.product_name, phone=phone)
        if self.support_code:
            line += self.tr("  \u2014  support code: {code}").format(code=self.support_code)
        return line

    @property
    def guide(self):
        """The fix guide for the router as identified or chosen (the generic one otherwise): the
        core's one choice (``pipeline.choose_guide``, with the profile's packs), made when the
        diagnosis is assembled, shown in the customer's language where the guide has it (English
        otherwise), for the Fix page and the report alike; None before the test."""
        chosen = self.diagnosis.fix_guide if self.diagnosis is not None else None
        if chosen is None or not hasattr(chosen, "localized"):
            return chosen
        languages = tuple(i18n.content_languages())
        if self._localized[0] is not chosen or self._localized[1] != languages:
            self._localized = (chosen, languages, chosen.localized(list(languages)))
        return self._localized[2]

    def probe_options(self):
        """The witnesses' options for the test and the re-test alike: the test server, the phone
        provider's server, the profile's default TTL target and guide packs."""
        from sipalg_wizard.diagnosis import pipeline
        from sipalg_wizard.ui.core import PROBE_TIMEOUT

        return pipeline.Options(reflector=self.reflector, sip_server=self.sip_server,
                                ttl_target=getattr(self.profile, "ttl_target", "") or None,
                                timeout=PROBE_TIMEOUT, guide_packs=tuple(self.profile.guide_packs))

    def report_guide(self):
        """The guide a report names: the one shown, unless there was nothing to fix."""
        if self.guide is None or self.diagnosis is None or self.diagnosis.verdict == "no_alg_detected":
            return None
        return self.guide

    def current_code(self) -> str:
        """The support code as of now: the diagnosis, the guide shown and the Verify stage."""
        from sipalg_wizard.diagnosis import supportcode

        if self.diagnosis is None:
            return ""
        guide = self.report_guide()
        return supportcode.code_for(self.diagnosis, guide.id if guide is not None else None,
                                    supportcode.stage_for(self.verification))

    def update_code(self) -> None:
        self.support_code = self.current_code()
        self.refresh_header()

    def refresh_header(self) -> None:
        """Show the support code in every page's header once it is known."""
        for page in self.steps():
            page.setSubTitle(self.header_line())
        if self._subtitle_label is not None:
            self._subtitle_label.setText(self.currentPage().subTitle())

    def _diagnosed(self, diagnosis) -> None:
        # The diagnosis chose the guide, so the code read out from here on already names it.
        self.verification = None
        self.update_code()

    def _custom_button(self, which: int) -> None:
        if which == QtWidgets.QWizard.WizardButton.CustomButton1.value:
            self.open_settings()
        elif which == QtWidgets.QWizard.WizardButton.CustomButton2.value:
            self.copy_details()

    def copy_details(self) -> str:
        """Put the report so far and the log tail on the clipboard (any step; for the agent)."""
        text = self.finish_page.details_text()
        copy_text(text)
        return text

    def open_settings(self):
        """The Settings dialog (test server, SIP server, router maker, language); returns it (tests)."""
        from sipalg_wizard.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.vendor_choices, self)
        dialog.accepted.connect(lambda: self._settings_changed(dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _settings_changed(self, values: dict) -> None:
        if values.get("reflector"):
            self.reflector = values["reflector"]
            self.probe_page.server.setText(self.reflector)
        if values.get("sip_server"):
            self.sip_server = values["sip_server"]
            self.probe_page.sip_server.setText(self.sip_server)

    def _label_buttons(self) -> None:
        W = QtWidgets.QWizard.WizardButton
        texts = {
            W.BackButton: (self.tr("< &Back"), self.tr("Back to the previous step")),
            W.NextButton: (self.tr("&Next >"), self.tr("Next step")),
            W.CommitButton: (self.tr("&Continue"), self.tr("Continue")),
            W.FinishButton: (self.tr("&Finish"), self.tr("Finish and close")),
            W.CancelButton: (self.tr("Cancel"), self.tr("Cancel and close the wizard")),
            W.HelpButton: (self.tr("&Help"), self.tr("Help")),
            W.CustomButton2: (self.tr("Cop&y details"), self.tr("Copy the details and the log for "
                                                           "your support agent")),
            W.CustomButton1: (self.tr("Se&ttings\u2026"), self.tr("Settings: test server, router "
                                                              "maker, language")),
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
        # isAncestorOf rather than walking parentWidget(): a method returning a plain QWidget
        # makes PySide load every widget class it might be (see base.make_body).
        return any(page.isAncestorOf(widget) for page in self.steps())

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
        # Make QWizard lay its header out again for the new fonts: setting the title format (to
        # Qt's default, which we keep) relayouts. By name, so the Qt enums wait (ui/qt.py).
        set_properties(self, titleFormat="AutoText")

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._style_header()

    def done(self, result: int) -> None:
        for page in self.steps():
            page.shutdown()
        super().done(result)

