#!/usr/bin/env python3
"""Render the step pictures of every guide: schematic screenshots of the router's admin page.

We have no real screenshots, so each step is drawn from the guide data: a browser window with the
router's admin address, a header in the vendor's colour with its logo text, the vendor's menu
layout (left sidebar, top bar with tabs, phone app or SSH terminal), the menu path highlighted
with numbered red badges, the page with its exact labels, and the control to change drawn in its
*desired* state, circled in red with a callout ("TICK this box", "Disable"). CLI steps show a
terminal with the commands. The output is deterministic (no clock, no randomness) and optimised:
an 8-bit palette PNG of 900x560, usually 15-35 kB, and the same picture drawn at twice the pixels
(``step-N@2x.png``, 1800x1120) for high-DPI screens: Qt picks it by device pixel ratio, the HTML
report and the agent page use it too. The 1x file does not depend on the 2x one (same bytes as
before the 2x pictures existed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_guide_pictures.py [GUIDE_ID ...]
    ... --check     re-render in memory and fail if a committed picture is missing or differs in size

Qt is fine here (a developer script); the core package ``sipalg_wizard.guides`` never imports it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import textwrap
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sipalg_wizard.guides.loader import load_guide  # noqa: E402
from sipalg_wizard.guides.model import Control, Guide, Step  # noqa: E402
from sipalg_wizard.guides.schema import GuideError  # noqa: E402

WIDTH, HEIGHT = 900, 560
CHROME_H = 36
HEADER_H = 54
RED = QColor("#e0201b")
SANS = ["Liberation Sans", "DejaVu Sans", "Arial", "Helvetica"]
MONO = ["DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Courier New"]
# PySide6 6.12 under Python 3.11 drops a reference to None on every void call (setPen, drawLine...),
# which aborts the interpreter ("none_dealloc") after a few thousand calls: None is only immortal
# from Python 3.12 on. We measure the loss around each picture and give the references back for good.
def _repay_none(before: int) -> None:
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


DEFAULT_MENU = ("Home", "Internet", "Wireless", "Network", "Security", "Advanced", "System")


def font(size: int, bold: bool = False, mono: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(MONO if mono else SANS)
    f.setPixelSize(size)
    f.setBold(bold)
    f.setHintingPreference(QFont.PreferFullHinting)
    return f


def lighter(colour: str, factor: int = 180) -> QColor:
    return QColor(colour).lighter(factor)


def is_dark(colour: str) -> bool:
    c = QColor(colour)
    return 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() < 110


def state_text(control: Control) -> str:
    if control.note:
        return control.note
    return {
        "ticked": "TICK this box",
        "unticked": "UNTICK this box",
        "on": "Switch ON",
        "off": "Switch OFF",
        "click": f"Click {control.label}",
    }.get(control.set, f"Choose: {control.set}")


class Canvas:
    """One picture: a QImage and the painter helpers shared by every layout."""

    def __init__(self, guide: Guide, step: Step, number: int, scale: int = 1):
        self.guide, self.step, self.number = guide, step, number
        self.look = guide.look
        # Every coordinate below is in 900x560 logical pixels; at scale 2 the painter draws them
        # (text, lines, rings) with four times the pixels instead of an enlarged 1x raster.
        self.image = QImage(WIDTH * scale, HEIGHT * scale, QImage.Format_RGB32)
        if scale != 1:
            self.image.setDevicePixelRatio(scale)
        self.image.fill(QColor(self.look.background))
        self.p = QPainter(self.image)
        self.p.setRenderHint(QPainter.Antialiasing, True)
        self.p.setRenderHint(QPainter.TextAntialiasing, True)
        self.path_rects: list[QRectF] = []  # where each menu-path item was drawn, in click order
        self.drawn_right = 0.0  # right edge of everything the last control drew (radio options)

    # --- primitives -------------------------------------------------------------------------
    def text(self, x: float, y: float, s: str, size: int = 13, colour: str | QColor = "#222222",
             bold: bool = False, mono: bool = False, width: float = 0, align=Qt.AlignLeft) -> QRectF:
        self.p.setFont(font(size, bold, mono))
        self.p.setPen(QColor(colour))
        metrics = QFontMetrics(self.p.font())
        if width:
            s = metrics.elidedText(s, Qt.ElideRight, int(width))
        w = width or metrics.horizontalAdvance(s) + 2
        rect = QRectF(x, y, w, metrics.height())
        self.p.drawText(rect, align | Qt.AlignVCenter, s)
        if align == Qt.AlignLeft:  # report the ink, not the box, so rings and arrows hug the text
            rect.setWidth(min(w, metrics.horizontalAdvance(s) + 2))
        return rect

    def box(self, rect: QRectF, fill: str | QColor, border: str | QColor | None = None,
            radius: float = 0, width: float = 1) -> None:
        self.p.setBrush(QBrush(QColor(fill)))
        self.p.setPen(QPen(QColor(border), width) if border else Qt.NoPen)
        self.p.drawRoundedRect(rect, radius, radius)

    def badge(self, x: float, y: float, label: str) -> None:
        """A red numbered circle: the order in which to click."""
        self.box(QRectF(x, y, 20, 20), RED, "#ffffff", 10, 1.5)
        self.p.setFont(font(12, True))
        self.p.setPen(QColor("#ffffff"))
        self.p.drawText(QRectF(x, y, 20, 20), Qt.AlignCenter, label)

    def ring(self, rect: QRectF) -> None:
        """The red ring around a control."""
        grown = rect.adjusted(-10, -8, 10, 8)
        self.p.setBrush(Qt.NoBrush)
        for colour, width in ((QColor(255, 255, 255, 200), 6.5), (RED, 3.2)):  # halo, then ink
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.RoundCap)
            self.p.setPen(pen)
            radius = grown.height() / 2  # a stadium: hugs wide label+control pairs, unlike an ellipse
            self.p.drawRoundedRect(grown, radius, radius)

    def callout(self, target: QRectF, message: str, where: QPointF) -> None:
        """A red label at ``where`` with an arrow pointing at ``target``."""
        self.p.setFont(font(15, True))
        metrics = QFontMetrics(self.p.font())
        lines = message.split("\n")
        w = max(metrics.horizontalAdvance(line) for line in lines) + 20
        h = metrics.height() * len(lines) + 10
        x = min(max(where.x(), 8), WIDTH - w - 8)
        y = min(max(where.y(), CHROME_H + 4), HEIGHT - h - 6)
        label = QRectF(x, y, w, h)
        mid_y, mid_x = label.center().y(), label.center().x()
        if label.left() >= target.right():
            start, end = QPointF(label.left(), mid_y), QPointF(target.right() + 16, target.center().y())
        elif label.right() <= target.left():
            start, end = QPointF(label.right(), mid_y), QPointF(target.left() - 16, target.center().y())
        elif label.top() >= target.bottom():
            start, end = QPointF(mid_x, label.top()), QPointF(target.center().x(), target.bottom() + 11)
        else:
            start, end = QPointF(mid_x, label.bottom()), QPointF(target.center().x(), target.top() - 11)
        self.arrow(start, end)
        self.box(label, "#fff4f3", RED, 5, 2)
        for i, line in enumerate(lines):
            self.text(x + 10, y + 5 + i * metrics.height(), line, 15, RED, True)

    def arrow(self, start: QPointF, end: QPointF) -> None:
        self.p.setPen(QPen(QColor(255, 255, 255, 200), 5.5))
        self.p.drawLine(start, end)
        self.p.setPen(QPen(RED, 2.6))
        self.p.drawLine(start, end)
        direction = end - start
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1)
        ux, uy = direction.x() / length, direction.y() / length
        tip = QPolygonF([end, QPointF(end.x() - 11 * ux + 6 * uy, end.y() - 11 * uy - 6 * ux),
                         QPointF(end.x() - 11 * ux - 6 * uy, end.y() - 11 * uy + 6 * ux)])
        self.p.setBrush(RED)
        self.p.drawPolygon(tip)

    # --- browser and header ----------------------------------------------------------------
    def browser(self) -> None:
        self.box(QRectF(0, 0, WIDTH, CHROME_H), "#dfe1e5")
        for i, colour in enumerate(("#ff5f57", "#febc2e", "#28c840")):
            self.box(QRectF(12 + i * 18, 12, 12, 12), colour, None, 6)
        self.box(QRectF(78, 6, WIDTH - 92, 24), "#ffffff", "#c8cacf", 12)
        url = self.guide.admin_urls[0] if self.guide.admin_urls else "http://192.168.1.1"
        self.text(96, 9, url, 13, "#3c4043", width=WIDTH - 130)

    def header(self, top: float = CHROME_H) -> None:
        self.box(QRectF(0, top, WIDTH, HEADER_H), self.look.header)
        self.text(22, top + 12, self.look.logo, 24, self.look.header_text, True, width=420)
        self.text(WIDTH - 220, top + 18, "Logout", 13, self.look.header_text, width=200,
                  align=Qt.AlignRight)

    def menu_items(self) -> list[str]:
        items = list(self.look.menu or DEFAULT_MENU)
        path = self.step.menu_path
        if path and path[0] not in items:
            items.insert(min(len(items), 5), path[0])
        return items

    # --- content ------------------------------------------------------------------------------
    def content(self, left: float, top: float, right: float) -> None:
        step = self.step
        title = step.page or (step.menu_path[-1] if step.menu_path else self.guide.title)
        ink = "#f2f2f2" if is_dark(self.look.background) else "#1d1d1f"
        self.text(left, top, title, 21, ink, True, width=right - left)
        y = top + 38
        self.p.setPen(QPen(QColor("#d6d8dc"), 1))
        self.p.drawLine(QPointF(left, y - 6), QPointF(right, y - 6))
        panel_top = y
        # a context entry equal to a control's label puts that control there, in the page's order
        by_label = {c.label: c for c in step.controls}
        rows: list[tuple[str, object]] = [
            ("control", by_label.pop(c)) if c in by_label else ("context", c) for c in step.context
        ]
        rows += [("control", c) for c in step.controls if c.label in by_label]
        if not rows and step.commands:
            rows = [("context", "Commands to enter:")] + [("command", c) for c in step.commands]
        skeleton = not rows  # a page we know nothing about: grey placeholder lines, like loading
        if skeleton:
            rows = [("skeleton", i) for i in range(4)]
        saves = any(c.type not in ("button", "link") for c in step.controls)
        room = HEIGHT - panel_top - 44 - (54 if saves else 0)
        plain_rows = sum(1 for k, i in rows if not (k == "control" and i.type == "radio"))
        radio_h = sum(12 + 30 * max(1, len(i.options[:4])) for k, i in rows
                      if k == "control" and i.type == "radio")
        pitch = max(32, min(42, (room - radio_h) // max(plain_rows, 1)))  # squeeze long pages

        def row_height(kind: str, item: object) -> int:
            if kind == "control" and item.type == "radio":  # type: ignore[union-attr]
                return 12 + 30 * max(1, len(item.options[:4]))  # type: ignore[union-attr]
            return pitch

        height = max(60, 20 + sum(row_height(k, i) for k, i in rows) + (54 if saves else 0))
        height = min(height, HEIGHT - panel_top - 10)
        self.box(QRectF(left, panel_top, right - left, height), "#ffffff", "#d6d8dc", 4)
        y = panel_top + 14
        label_w = min(300, (right - left) * 0.48)
        changed: list[tuple[QRectF, Control]] = []
        for kind, item in rows:
            if y > HEIGHT - 70:
                break
            if kind == "context":
                label, _, value = str(item).partition(":")
                if value.strip() in ("[ ]", "[x]"):
                    ticked = "ticked" if value.strip() == "[x]" else "unticked"
                    self.control(Control(label=label.strip(), type="checkbox", set=ticked),
                                 left + 18, y, label_w, right, muted=True)
                elif value:
                    self.text(left + 18, y + 6, label.strip(), 14, "#333333", width=label_w - 10)
                    self.text(left + 18 + label_w, y + 6, value.strip(), 14, "#555555",
                              width=right - left - label_w - 40)
                else:
                    self.text(left + 18, y + 6, label.strip(), 15, "#1d1d1f", True,
                              width=right - left - 36)
            elif kind == "skeleton":
                widths = (0.55, 0.4, 0.62, 0.33)
                bar_w = (right - left - 60) * widths[int(item) % 4]
                self.box(QRectF(left + 18, y + 10, min(bar_w, label_w - 20), 12), "#e3e6ea", None, 6)
                self.box(QRectF(left + 18 + label_w, y + 8, 150, 16), "#eceef1", None, 4)
            elif kind == "command":
                self.text(left + 18, y + 6, str(item), 14, "#0b3d91", mono=True, width=right - left - 36)
            else:
                control: Control = item  # type: ignore[assignment]
                self.drawn_right = 0.0
                rect = self.control(control, left + 18, y, label_w, right)
                if control.change:
                    changed.append((rect, control, self.drawn_right))
            y += row_height(kind, item)
        saving = any(c.type not in ("button", "link") for c in step.controls)
        if saving:
            bw = max(118, QFontMetrics(font(14, True)).horizontalAdvance(self.look.save_label) + 32)
            button = QRectF(right - bw - 22, panel_top + height - 48, bw, 32)
            self.box(button, self.look.accent, None, 4)
            self.text(button.left(), button.top() + 7, self.look.save_label, 14, "#ffffff", True,
                      width=button.width(), align=Qt.AlignHCenter)
            if changed:
                self.ring(button.adjusted(4, 2, -4, -2))
                self.callout(button, f"then click {self.look.save_label}",
                             QPointF(button.left() - 250, button.top() - 2))
        for i, (rect, control, drawn_right) in enumerate(changed):
            self.ring(rect)
            offset = 0 if len(changed) == 1 else (i * 2 - 1) * 12
            x = max(rect.right() + 40, drawn_right + 24)  # clear of the other radio options
            self.callout(rect, state_text(control), QPointF(x, rect.top() - 8 + offset))

    def control(self, control: Control, x: float, y: float, label_w: float, right: float,
                muted: bool = False) -> QRectF:
        """Draw one labelled control in its desired state; return the rectangle to circle."""
        accent = "#9aa0a8" if muted else self.look.accent
        if control.type == "checkbox":
            box = QRectF(x, y + 6, 18, 18)
            ticked = control.set == "ticked"
            self.box(box, accent if ticked else "#ffffff", accent if ticked else "#8a8f98", 3, 1.5)
            if ticked:
                pen = QPen(QColor("#ffffff"), 2.6)
                self.p.setPen(pen)
                self.p.drawPolyline(QPolygonF([QPointF(x + 4, y + 15), QPointF(x + 8, y + 19),
                                               QPointF(x + 15, y + 10)]))
            label = self.text(x + 28, y + 6, control.label, 14 if muted else 15,
                              "#333333" if muted else "#1d1d1f", not muted, width=right - x - 60)
            return QRectF(box.left(), box.top(), label.right() - box.left(), box.height())
        cx = x + label_w  # a button carries its own label, so the label column stays empty
        label = self.text(x, y + 6, "" if control.type in ("button", "link") else control.label, 15,
                          "#1d1d1f", True, width=label_w - 12)
        if control.type == "toggle":
            on = control.set == "on"
            track = QRectF(cx, y + 5, 46, 22)
            self.box(track, accent if on else "#b9bcc2", None, 11)
            knob_x = cx + (26 if on else 2)
            self.box(QRectF(knob_x, y + 7, 18, 18), "#ffffff", None, 9)
            self.text(cx + 56, y + 6, "On" if on else "Off", 14, "#333333")
            return QRectF(label.left(), track.top(), cx + 80 - label.left(), track.height())
        if control.type == "dropdown":
            w = 180
            field = QRectF(cx, y + 2, w, 28)
            self.box(field, "#ffffff", "#8a8f98", 3)
            self.text(cx + 10, y + 7, control.set, 14, "#1d1d1f", width=w - 34)
            self.p.setBrush(QColor("#555555"))
            self.p.setPen(Qt.NoPen)
            self.p.drawPolygon(QPolygonF([QPointF(cx + w - 20, y + 13), QPointF(cx + w - 10, y + 13),
                                          QPointF(cx + w - 15, y + 19)]))
            return field
        if control.type == "radio":  # options stacked, as most router pages do
            options = control.options or (control.set,)
            chosen = QRectF(cx, y + 6, 18, 18)
            for row, option in enumerate(options[:4]):
                selected = option == control.set
                oy = y + row * 30
                dot = QRectF(cx, oy + 7, 16, 16)
                self.box(dot, "#ffffff", "#8a8f98", 8, 1.5)
                if selected:
                    self.box(dot.adjusted(4, 4, -4, -4), accent, None, 4)
                t = self.text(cx + 22, oy + 6, option, 14, "#1d1d1f", selected)
                if selected:
                    chosen = QRectF(dot.left(), dot.top(), t.right() - dot.left(), dot.height())
            return chosen
        if control.type in ("button", "link"):
            w = QFontMetrics(font(14, True)).horizontalAdvance(control.label) + 28
            button = QRectF(cx, y + 2, w, 28)
            if control.type == "button":
                self.box(button, "#eef0f3", "#8a8f98", 4)
                self.text(cx, y + 7, control.label, 14, "#1d1d1f", True, width=w, align=Qt.AlignHCenter)
            else:
                self.text(cx, y + 7, control.label, 14, accent, True)
            label.setWidth(0)
            return button
        # field
        field = QRectF(cx, y + 2, 180, 28)
        self.box(field, "#ffffff", "#8a8f98", 3)
        self.text(cx + 8, y + 7, control.set, 14, "#1d1d1f", width=164)
        return field

    # --- layouts -------------------------------------------------------------------------------
    def left_layout(self) -> None:
        self.browser()
        self.header()
        top = CHROME_H + HEADER_H
        dark = is_dark(self.look.background)
        self.box(QRectF(0, top, 200, HEIGHT - top), "#1f2428" if dark else "#ffffff")
        self.p.setPen(QPen(QColor("#3a4148" if dark else "#dcdfe3"), 1))
        self.p.drawLine(QPointF(200, top), QPointF(200, HEIGHT))
        path = list(self.step.menu_path)
        plain = "#d8dde2" if dark else "#333333"
        y = top + 12
        for item in self.menu_items():
            in_path = bool(path) and item == path[0]
            rect = QRectF(8, y, 184, 30)
            if in_path:
                self.box(rect, self.look.accent, None, 3)
                self.path_rects.append(rect)
            self.text(22, y + 6, item, 14, "#ffffff" if in_path else plain, in_path, width=150)
            if in_path:
                self.badge(166, y + 5, "1")
            y += 34
            if in_path:
                for depth, sub in enumerate(path[1:], start=1):
                    last = depth == len(path) - 1
                    sub_rect = QRectF(8 + 12 * depth, y, 184 - 12 * depth, 28)
                    self.box(sub_rect, lighter(self.look.accent, 175) if last else "#f1f3f5", None, 3)
                    self.path_rects.append(sub_rect)
                    self.text(26 + 12 * depth, y + 5, sub, 13, "#111111", last, width=130 - 12 * depth)
                    self.badge(166, y + 4, str(depth + 1))
                    y += 31
        self.content(224, top + 18, WIDTH - 24)
        if not self.step.controls and path:
            self.nav_callout()

    def top_layout(self, tabs: bool) -> None:
        self.browser()
        self.header()
        top = CHROME_H + HEADER_H
        self.box(QRectF(0, top, WIDTH, 38), lighter(self.look.header, 125))
        path = list(self.step.menu_path)
        x = 16.0
        for item in self.menu_items():
            selected = bool(path) and item == path[0]
            w = QFontMetrics(font(14, selected)).horizontalAdvance(item) + 26
            if x + w > WIDTH - 10:
                break
            if selected:
                self.box(QRectF(x, top + 4, w, 30), self.look.accent, None, 3)
                self.path_rects.append(QRectF(x, top + 4, w, 30))
                self.badge(x + w - 12, top - 4, "1")
            self.text(x + 13, top + 10, item, 14, "#ffffff" if selected else self.look.header_text,
                      selected)
            x += w + 4
        top += 38
        subs = path[1:]
        if subs:
            self.box(QRectF(0, top, WIDTH, 36), "#ffffff")
            self.p.setPen(QPen(QColor("#dcdfe3"), 1))
            self.p.drawLine(QPointF(0, top + 36), QPointF(WIDTH, top + 36))
            x = 20.0
            for depth, sub in enumerate(subs, start=2):
                last = depth == len(path)
                w = QFontMetrics(font(13, last)).horizontalAdvance(sub) + 24
                rect = QRectF(x, top + 4, w, 28)
                self.path_rects.append(rect)
                self.box(rect, lighter(self.look.accent, 175) if last else "#f1f3f5",
                         self.look.accent if tabs else None, 3)
                self.text(x + 12, top + 9, sub, 13, "#111111", last)
                self.badge(x + w - 10, top - 2, str(depth))
                x += w + (8 if tabs else 26)
                if not tabs and depth < len(path):
                    self.text(x - 20, top + 9, "›", 15, "#777777", True)
            top += 36
        self.content(40, top + 16, WIDTH - 40)
        if not self.step.controls and path:
            self.nav_callout()

    def nav_callout(self) -> None:
        """Ring the last menu item to click and point at it with the whole path spelled out."""
        path = " › ".join(self.step.menu_path)
        if not self.path_rects:
            return
        target = self.path_rects[-1]
        self.ring(target.adjusted(6, 2, -6, -2))
        if self.look.layout == "left":  # sidebar: label in the free space at the bottom
            where = QPointF(target.right() + 50, HEIGHT - 100)
        else:  # top bar / tabs: label to the lower right
            where = QPointF(target.right() + 110, target.bottom() + 26)
        self.callout(target, f"Click: {path}"[:72], where)

    def app_layout(self) -> None:
        """A phone app (eero, Google Home): a handset frame with list rows and switches."""
        self.image.fill(QColor("#e9ebef"))
        phone = QRectF(300, 14, 300, HEIGHT - 28)
        self.box(phone, "#111111", None, 34)
        screen = phone.adjusted(12, 14, -12, -14)
        self.box(screen, "#ffffff", None, 24)
        self.box(QRectF(screen.left(), screen.top(), screen.width(), 64), self.look.header, None, 24)
        self.box(QRectF(screen.left(), screen.top() + 40, screen.width(), 24), self.look.header)
        self.text(screen.left() + 18, screen.top() + 20, self.look.logo, 20, self.look.header_text, True,
                  width=screen.width() - 36)
        y = screen.top() + 78
        path = list(self.step.menu_path)
        for depth, item in enumerate(path, start=1):
            row = QRectF(screen.left() + 8, y, screen.width() - 16, 40)
            last = depth == len(path)
            self.box(row, lighter(self.look.accent, 175) if last else "#f4f5f7", None, 8)
            self.text(row.left() + 12, y + 10, item, 14, "#111111", last, width=row.width() - 60)
            self.text(row.right() - 22, y + 9, "›", 17, "#888888", True)
            self.badge(row.right() - 50, y + 10, str(depth))
            y += 46
        for context in self.step.context:
            self.text(screen.left() + 20, y + 8, context, 13, "#555555", width=screen.width() - 40)
            y += 30
        changed = []
        for control in self.step.controls:
            row = QRectF(screen.left() + 8, y, screen.width() - 16, 46)
            self.box(row, "#ffffff", "#e1e3e8", 8)
            self.text(row.left() + 12, y + 13, control.label, 15, "#111111", True, width=170)
            on = control.set in ("on", "ticked")
            track = QRectF(row.right() - 62, y + 12, 46, 22)
            self.box(track, self.look.accent if on else "#b9bcc2", None, 11)
            self.box(QRectF(track.left() + (26 if on else 2), y + 14, 18, 18), "#ffffff", None, 9)
            if control.change:
                changed.append((track, control))
            y += 54
        for track, control in changed:
            self.ring(track)
            self.callout(track, state_text(control), QPointF(track.right() + 60, track.top() - 40))
        if not changed and path:
            self.callout(QRectF(screen.right() - 10, screen.top() + 100, 1, 1),
                         "Tap in this order", QPointF(screen.right() + 40, screen.top() + 90))

    def terminal_layout(self) -> None:
        self.image.fill(QColor("#d7dae0"))
        window = QRectF(28, 22, WIDTH - 56, HEIGHT - 44)
        self.box(window, "#1e1f22", "#5f6368", 8)
        self.box(QRectF(window.left(), window.top(), window.width(), 30), "#3c3f44", None, 8)
        self.box(QRectF(window.left(), window.top() + 20, window.width(), 10), "#3c3f44")
        for i, colour in enumerate(("#ff5f57", "#febc2e", "#28c840")):
            self.box(QRectF(window.left() + 12 + i * 18, window.top() + 9, 12, 12), colour, None, 6)
        host = self.guide.admin_urls[0] if self.guide.admin_urls else "192.168.1.1"
        host = host.split("//")[-1].rstrip("/")
        self.text(window.left() + 80, window.top() + 7, f"ssh admin@{host}  —  {self.look.logo}", 13,
                  "#d0d3d8", width=window.width() - 160)
        x, y = window.left() + 18, window.top() + 44
        line_h = 21
        self.text(x, y, f"# {self.step.page or self.guide.title}", 14, "#8ab4f8", mono=True,
                  width=window.width() - 36)
        y += line_h
        for line in textwrap.wrap(self.step.text, 92)[:3]:  # the instruction, as a shell comment
            self.text(x, y, f"# {line}", 14, "#7f8790", mono=True, width=window.width() - 36)
            y += line_h
        y += line_h * 0.5
        block_top = y
        prompt = self.look.prompt
        for command in self.step.commands:
            if y > window.bottom() - 60:
                break
            comment = command.lstrip().startswith(("#", "!"))
            if comment:
                self.text(x, y, command, 14, "#7f8790", mono=True, width=window.width() - 36)
            else:
                p = self.text(x, y, prompt + " ", 14, "#7ee787", True, mono=True)
                self.text(p.right(), y, command, 14, "#f5f5f5", True, mono=True,
                          width=window.right() - p.right() - 24)
            y += line_h
        block = QRectF(x - 6, block_top - 4, window.width() - 24, y - block_top + 6)
        if self.step.commands:
            pen = QPen(RED, 3)
            self.p.setPen(pen)
            self.p.setBrush(Qt.NoBrush)
            self.p.drawRoundedRect(block, 6, 6)
            self.callout(block, "Type these lines (or paste them)",
                         QPointF(window.right() - 340, min(y + 24, window.bottom() - 60)))
        for control in self.step.controls:
            self.text(x, y + 40, f"{control.label}: {control.set}", 14, "#f5f5f5", mono=True)

    def render(self) -> QImage:
        layout = self.look.layout
        if layout == "terminal" or (self.step.commands and not self.step.controls
                                    and self.guide.kind == "cli"):
            self.terminal_layout()
        elif layout == "app":
            self.app_layout()
        elif layout in ("top", "tabs"):
            self.top_layout(tabs=layout == "tabs")
        else:
            self.left_layout()
        if self.step.warning:
            self.warning_banner()
        self.watermark()
        self.p.end()
        return self.image

    def watermark(self) -> None:
        """Say what the picture is: drawn, not captured (and unconfirmed labels when unverified)."""
        note = "Schematic picture, not a screenshot"
        if self.guide.confidence == "unverified":
            note += " · labels not confirmed"
        y = HEIGHT - (48 if self.step.warning else 19)
        self.text(WIDTH - 420, y, note, 11, "#8a8f98", width=410, align=Qt.AlignRight)

    def warning_banner(self) -> None:
        rect = QRectF(0, HEIGHT - 30, WIDTH, 30)
        self.box(rect, "#fff3cd")
        self.text(14, HEIGHT - 26, "⚠ " + self.step.warning, 14, "#7a4b00", True, width=WIDTH - 28)


def to_palette_png(image: QImage) -> bytes:
    """Quantise to at most 256 colours (the most frequent ones; all else maps to the nearest)."""
    rgb = image.convertToFormat(QImage.Format_RGB32)
    pixels = memoryview(bytes(rgb.constBits())).cast("I")  # 0xffRRGGBB, native order
    counts = Counter(pixels)
    table = [px | 0xFF000000 for px, _ in counts.most_common(256)]
    indexed = rgb.convertToFormat(QImage.Format_Indexed8, table,
                                  Qt.ThresholdDither | Qt.AvoidDither | Qt.ColorOnly)
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.WriteOnly)
    indexed.save(device, "PNG", 0)  # quality 0 = highest zlib compression
    device.close()
    return bytes(buffer.data())


SCALES = (1, 2)


def render_guide(folder: Path, write: bool = True, scales: tuple[int, ...] = SCALES
                 ) -> list[tuple[Path, int]]:
    """Render (and with ``write``, save where changed) each step's picture at each scale."""
    guide = load_guide(folder, check_pictures=False)
    results = []
    for number, step in enumerate(guide.steps, start=1):
        for scale in scales:
            before = sys.getrefcount(None)
            png = to_palette_png(Canvas(guide, step, number, scale).render())
            _repay_none(before)
            target = folder / step.picture
            if scale != 1:
                target = target.with_name(f"{target.stem}@{scale}x{target.suffix}")
            if write and (not target.exists() or target.read_bytes() != png):
                target.write_bytes(png)
            results.append((target, len(png)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("guides", nargs="*", help="guide ids (default: all)")
    parser.add_argument("--root", type=Path, default=ROOT / "resources" / "guides")
    parser.add_argument("--check", action="store_true", help="render without writing; report missing")
    parser.add_argument("--scale", type=int, action="append", choices=SCALES,
                        help="render only this scale (repeatable; default: 1 and 2)")
    args = parser.parse_args(argv)
    scales = tuple(args.scale) if args.scale else SCALES
    QGuiApplication.instance() or QGuiApplication(["render"])
    folders = [args.root / g for g in args.guides] if args.guides else sorted(
        p for p in args.root.iterdir() if (p / "guide.toml").is_file())
    failures = 0
    for folder in folders:
        try:
            for target, size in render_guide(folder, write=not args.check, scales=scales):
                missing = args.check and not target.exists()
                failures += missing
                print(f"{'MISSING ' if missing else ''}{target.relative_to(args.root)}  {size / 1024:.1f} kB")
        except GuideError as exc:
            failures += 1
            print(f"INVALID {exc}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
