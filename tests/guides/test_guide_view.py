"""guide_view(): the guide as plain data for the agent page and the HTML report."""

from __future__ import annotations

import base64
import struct

from sipalg_wizard.guides import GuideLibrary, load_guide
from sipalg_wizard.guides import view as view_module
from sipalg_wizard.guides.view import guide_view, guide_views, read_picture


def _size(uri: str) -> tuple[int, int]:
    data = base64.b64decode(uri.split(",", 1)[1])
    return struct.unpack(">II", data[16:24])


def test_view_is_localized_and_carries_the_sharp_pictures():
    guide = GuideLibrary.load().get("tp-link")
    es = guide_view(guide, ["es-AR", "en"])
    assert es["language"] == "es" and es["languages"] == ["en", "es"]
    assert es["title"] == guide.localized("es").title != guide.title
    assert [s["menu_path"] for s in es["steps"]] == [list(s.menu_path) for s in guide.steps]
    assert es["steps"][1]["controls"][0]["label"] == "SIP ALG"  # the router's own label
    assert all(_size(s["picture"]) == (1800, 1120) for s in es["steps"])
    assert es["picture_width"] == 900
    plain = guide_view(guide, "en", scale=1)
    assert plain["language"] == "en" and _size(plain["steps"][0]["picture"]) == (900, 560)


def test_views_in_every_language_share_one_set_of_pictures():
    views = guide_views(GuideLibrary.load().get("generic"))
    assert set(views) == {"en", "es"}
    assert all(s["picture"] for s in views["en"]["steps"])
    assert not any(s["picture"] for s in views["es"]["steps"])


def test_a_pack_picture_too_large_falls_back_or_is_left_out(tmp_path, copy_guide, monkeypatch):
    folder = copy_guide("tp-link", tmp_path)
    guide = load_guide(folder)
    limit = (folder / "step-1.png").stat().st_size + 10  # the 1x fits, the @2x does not
    monkeypatch.setattr(view_module, "MAX_PICTURE_BYTES", limit)
    monkeypatch.setattr(view_module.read_picture, "__defaults__", (limit,))
    assert _size(guide_view(guide)["steps"][0]["picture"]) == (900, 560)
    monkeypatch.setattr(view_module.read_picture, "__defaults__", (100,))
    assert guide_view(guide)["steps"][0]["picture"] is None


def test_read_picture_refuses_what_is_not_a_png(tmp_path):
    fake = tmp_path / "step-1.png"
    fake.write_bytes(b"<svg>not a png</svg>")
    assert read_picture(fake) is None and read_picture(tmp_path / "missing.png") is None
