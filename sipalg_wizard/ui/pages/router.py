"""Step 3: which router this is, in big plain words, with the evidence and a way to correct it.

Identification (and loading the fix guides) runs in a worker. The customer or the agent can pick
the maker from a list when we are unsure or wrong; the choice flows into the guide and the report.
"""

from __future__ import annotations

from sipalg_wizard.identify.models import RouterIdentity
from sipalg_wizard.ui import core as corefns
from sipalg_wizard.ui.pages.base import WorkerPage
from sipalg_wizard.ui.pages.widgets import (
    Expander,
    Notice,
    beside,
    big_label,
    busy_bar,
    button_row,
    error_detail,
    list_view,
    make_button,
    text_label,
)
from sipalg_wizard.ui.qt import QtWidgets, Signal

SURE = 0.6  # from this confidence on we say "looks like" without "probably"
UNKNOWN_KEY = "unknown"


class RouterPage(WorkerPage):
    identified = Signal(object)  # the effective RouterIdentity

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("router_page")
        self._for_network = None
        self.detected: RouterIdentity | None = None
        self.identity: RouterIdentity | None = None
        layout, footer = self.make_body()
        layout.addWidget(self.make_description(self.tr(
            "We ask your router who it is, the way a web browser would. Nothing is changed.")))

        self.headline = big_label(name="router_headline")
        self.headline.setAccessibleName(self.tr("Your router"))
        layout.addWidget(self.headline)
        self.confidence = text_label("router_confidence")
        layout.addWidget(self.confidence)
        self.busy = busy_bar("router_busy", self.tr("Working"))
        self.status = text_label("router_status")
        layout.addLayout(beside(self.busy, self.status))

        self.notice = Notice("router_notice", self.tr("Problems found and what to do"))
        layout.addWidget(self.notice)

        chooser_box = QtWidgets.QGroupBox(self.tr("Not right? Choose your router's maker"))
        chooser_box.setObjectName("router_chooser_box")
        chooser_col = QtWidgets.QVBoxLayout(chooser_box)
        chooser_row = QtWidgets.QHBoxLayout()
        chooser_label = QtWidgets.QLabel(self.tr("&Maker:"))
        self.chooser = QtWidgets.QComboBox()
        self.chooser.setObjectName("router_chooser")
        self.chooser.setAccessibleName(self.tr("Router maker"))
        self.chooser.setMinimumContentsLength(24)
        chooser_label.setBuddy(self.chooser)
        self.chooser.activated.connect(self._on_chosen)
        chooser_row.addWidget(chooser_label)
        chooser_row.addWidget(self.chooser, 1)
        hint = QtWidgets.QLabel(self.tr("The maker's name is usually on a sticker under the router."))
        hint.setWordWrap(True)
        chooser_col.addLayout(chooser_row)
        chooser_col.addWidget(hint)
        layout.addWidget(chooser_box)
        self.chooser_box = chooser_box

        self.evidence = list_view("router_evidence", self.tr("How we recognised the router"),
                                  [self.tr("Where we looked"), self.tr("What we saw"),
                                   self.tr("Points to")], self.tr("Column headings"))
        self.evidence.setWordWrap(True)
        self.evidence.setMinimumHeight(140)
        self.evidence_section = Expander(self.tr("Show how we recognised it"), self.evidence,
                                         "router_evidence_section")
        layout.addWidget(self.evidence_section)
        layout.addStretch(1)

        self.retry_button = self.start_button = make_button(
            self.tr("&Retry"), "router_retry", self.tr("Retry: ask the router again"), self.start)
        footer.addLayout(button_row(self.retry_button))

    # --- StepPage ---------------------------------------------------------------------------
    def heading(self) -> str:
        return self.tr("Your router")

    def summary(self) -> str:
        return self.tr("We find out which router you have, so we can show the right steps.")

    def initializePage(self) -> None:
        wizard = self.wizard()
        if wizard.network is not self._for_network or self.identity is None:
            self.start()

    def isComplete(self) -> bool:
        return self.identity is not None and not self.running

    # --- work -------------------------------------------------------------------------------
    def start(self) -> None:
        wizard = self.wizard()
        self.stop()
        self._for_network = network = wizard.network
        self.detected = self.identity = None
        self.headline.setText(self.tr("Asking your router\u2026"))
        self.confidence.clear()
        self.notice.show_items([])
        self.status.setText(self.tr("This takes a few seconds."))
        self.busy.show()
        self.buttons_working()
        core = wizard.core
        packs = list(wizard.profile.guide_packs)
        need_library = wizard.library is None

        def work(cancel, progress):
            library = core.guides(packs) if need_library else None
            choices = corefns.vendor_choices(library) if library is not None else None
            identity = RouterIdentity()
            if network is not None and (network.gateway_ipv4 or network.gateway_ipv6):
                identity = core.identify(network, cancel)
            return identity, library, choices

        self.run_work(work, "identify", self._on_result, self._on_error,
                      lambda: self._settle(self.tr("Stopped.")))

    def _on_result(self, value) -> None:
        identity, library, choices = value
        wizard = self.wizard()
        if library is not None:
            wizard.library = library
            wizard.vendor_choices = choices or []
        self._fill_chooser()
        self.detected = identity
        detected_name = corefns.describe_router(identity)
        if detected_name:
            self.chooser.setItemText(0, self.tr("As detected ({name})").format(name=detected_name))
        override = wizard.settings.vendor_override
        if override and override in {k for k, _ in wizard.vendor_choices}:
            self._apply_choice(override)
        else:
            self._set_identity(identity)
        self._settle(self.tr("Press Next to continue."))

    def _on_error(self, exc: BaseException) -> None:
        self.detected = RouterIdentity()
        self._set_identity(self.detected)
        self.notice.show_items([("identify_failed", self.tr("We could not ask the router."),
                                 self.tr("You can go on: choose the maker below if you know it. "
                                         "Details: {detail}").format(detail=error_detail(exc)))])
        self._settle(self.tr("Press Next to continue."))

    def _settle(self, message: str) -> None:
        self.busy.hide()
        self.status.setText(message)
        if self.identity is None:
            self.identity = self.detected or RouterIdentity()
        self.buttons_idle()

    # --- the chooser ------------------------------------------------------------------------
    def _fill_chooser(self) -> None:
        wizard = self.wizard()
        self.chooser.clear()
        self.chooser.addItem(self.tr("As detected"), "")
        for key, name in wizard.vendor_choices:
            self.chooser.addItem(name, key)
        self.chooser.addItem(self.tr("Another maker / I don't know"), UNKNOWN_KEY)

    def choose(self, vendor_key: str) -> None:
        """Pick a maker ("" = as detected); what the chooser does, callable from tests."""
        index = self.chooser.findData(vendor_key)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
        self._apply_choice(vendor_key)

    def _on_chosen(self, index: int) -> None:
        self._apply_choice(self.chooser.itemData(index) or "")

    def _apply_choice(self, key: str) -> None:
        base = self.detected or RouterIdentity()
        if not key:
            identity = base
        elif key == UNKNOWN_KEY:
            identity = RouterIdentity(evidence=list(base.evidence), chosen_by_user=True)
        else:
            try:
                identity = corefns.choose_vendor(base, key)
            except ValueError:
                identity = base
        index = self.chooser.findData(key)
        if index >= 0 and self.chooser.currentIndex() != index:
            self.chooser.setCurrentIndex(index)
        self._set_identity(identity)

    # --- showing ----------------------------------------------------------------------------
    def _set_identity(self, identity: RouterIdentity) -> None:
        self.identity = identity
        name = corefns.describe_router(identity)
        if identity.chosen_by_user and name:
            self.headline.setText(self.tr("Your router: {name}").format(name=name))
            self.confidence.setText(self.tr("You chose this maker."))
        elif identity.chosen_by_user:
            self.headline.setText(self.tr("Your router's maker is not known"))
            self.confidence.setText(self.tr("You chose \u201canother maker\u201d: we will show "
                                            "general steps that work on most routers."))
        elif name and identity.confidence >= SURE:
            self.headline.setText(self.tr("Your router looks like a {name}").format(name=name))
            self.confidence.setText(self.tr("We are fairly sure ({percent}%).").format(
                percent=round(identity.confidence * 100)))
        elif name:
            self.headline.setText(self.tr("Your router is probably a {name}").format(name=name))
            self.confidence.setText(self.tr("We are not sure ({percent}%). If you know better, "
                                            "choose the maker below.").format(
                percent=round(identity.confidence * 100)))
        else:
            self.headline.setText(self.tr("We could not tell which router you have"))
            self.confidence.setText(self.tr("That is fine: choose the maker below if you know it, "
                                            "or just press Next for general steps."))
        self._show_evidence(identity)
        self._show_portal(identity)
        self.wizard().router = identity
        self.identified.emit(identity)
        self.completeChanged.emit()

    def _show_evidence(self, identity: RouterIdentity) -> None:
        self.evidence.clear()
        sources = {"oui": self.tr("Hardware address (MAC)"), "user": self.tr("Your choice"),
                   "http_server": self.tr("Web page: server name"),
                   "http_title": self.tr("Web page: title"), "upnp": self.tr("UPnP description"),
                   "tls_cert": self.tr("Web page: certificate")}
        for item in identity.evidence:
            what = corefns.describe_router(RouterIdentity(item.vendor, item.model)) \
                if item.vendor else (item.model or self.tr("(nothing)"))
            row = QtWidgets.QTreeWidgetItem([sources.get(item.source, item.source),
                                             item.observed[:160], what])
            if item.note:
                row.setToolTip(1, item.note)
            self.evidence.addTopLevelItem(row)
        if not identity.evidence:
            self.evidence.addTopLevelItem(QtWidgets.QTreeWidgetItem(
                [self.tr("Nothing"), self.tr("The router did not tell us anything."), ""]))
        for column in range(2):
            self.evidence.resizeColumnToContents(column)

    def _show_portal(self, identity: RouterIdentity) -> None:
        """A captive portal or login page: the router's web page sends us to another host."""
        portal = next((e for e in identity.evidence if e.source == "http_location"
                       and "refused redirect" in (e.note or "")), None)
        if portal is not None:
            self.notice.show_items([("captive_portal", self.tr(
                "Your network sends web pages to a sign-in page ({where})."
            ).format(where=portal.observed[:80]), self.tr(
                "You may be on a hotel, shop or guest network that needs a sign-in first. Open a "
                "website, sign in, then press Retry. The test needs a home or office router."))])
        else:
            self.notice.show_items([])
