"""ISP guide packs: a valid pack overrides the built-in guide, a broken one is reported and skipped."""

from __future__ import annotations

from sipalg_wizard.guides import GuideLibrary, load_builtin, load_pack


def test_valid_pack_in_data_dir_overrides_builtin(tmp_path, copy_guide):
    packs = tmp_path / "guide-packs"
    copy_guide("netgear", packs / "acme-isp", new_id="acme-netgear", title="Acme's own NETGEAR steps")
    library = GuideLibrary.load(packs_dir=packs)
    assert library.problems == []
    guide = library.for_vendor("netgear", "R7000")
    assert guide.id == "acme-netgear"
    assert guide.origin == "pack:acme-isp"
    assert guide.title == "Acme's own NETGEAR steps"
    assert guide.picture_path(0).is_file()
    # other vendors still get the built-in guides
    assert library.for_vendor("asus").origin == "built-in"


def test_pack_with_same_id_wins_over_builtin(tmp_path, copy_guide):
    packs = tmp_path / "guide-packs"
    copy_guide("tp-link", packs / "isp", title="ISP TP-Link")
    library = GuideLibrary.load(packs_dir=packs)
    assert library.get("tp-link").title == "ISP TP-Link"
    assert library.for_vendor("tp-link").title == "ISP TP-Link"


def test_model_specific_pack_does_not_hijack_other_models(tmp_path, copy_guide):
    packs = tmp_path / "guide-packs"
    folder = copy_guide("technicolor", packs / "isp", new_id="isp-tg789")
    toml = folder / "guide.toml"
    text = toml.read_text().replace('models = ["cga4131*", "cga4233*", "cga*"]', 'models = ["tg789*"]')
    toml.write_text(text.replace('product_lines = ["CGA", "CGM", "TC", "DGA", "TG"]',
                                 'product_lines = ["TG789"]\nstrict = true'))
    library = GuideLibrary.load(packs_dir=packs)
    assert library.problems == []
    assert library.for_vendor("technicolor", "TG789vac").id == "isp-tg789"
    assert library.for_vendor("technicolor", "CGA4131COM").id == "technicolor"


def test_broken_pack_is_reported_and_skipped(tmp_path, copy_guide):
    packs = tmp_path / "guide-packs"
    good = copy_guide("asus", packs / "broken-isp", new_id="isp-asus", title="ISP ASUS")
    bad = copy_guide("netgear", packs / "broken-isp", new_id="isp-netgear")
    (bad / "step-2.png").unlink()  # a missing screenshot
    (good.parent / "isp-zyxel").mkdir()
    (good.parent / "isp-zyxel" / "guide.toml").write_text("id = [unclosed\n")
    library = GuideLibrary.load(packs_dir=packs)
    messages = [str(p) for p in library.problems]
    assert any("guide pack 'broken-isp' skipped: 2 broken guide(s)" in m for m in messages)
    assert any("step-2.png is missing" in m for m in messages)
    assert any("not valid TOML" in m for m in messages)
    # nothing from the broken pack is used, the built-ins carry on
    assert library.get("isp-asus") is None
    assert library.for_vendor("asus").id == "asus"
    assert library.for_vendor("netgear").id == "netgear"
    assert len(library.guides) >= 30


def test_pack_pictures_must_be_png(tmp_path, copy_guide):
    folder = copy_guide("eero", tmp_path / "pack", new_id="isp-eero")
    (folder / "step-1.png").write_bytes(b"GIF89a not a png")
    result = load_pack(tmp_path / "pack")
    assert result.guides == []
    assert any("step-1.png is not a PNG file" in str(p) for p in result.problems)


def test_empty_or_garbage_pack_is_reported(tmp_path):
    packs = tmp_path / "guide-packs"
    (packs / "empty").mkdir(parents=True)
    (packs / "meta").mkdir()
    (packs / "meta" / "pack.toml").write_text("name = 7\n")
    library = GuideLibrary.load(packs_dir=packs)
    messages = " ".join(str(p) for p in library.problems)
    assert "contains no guide folders" in messages
    assert "name: must be text" in messages
    assert library.for_vendor("netgear").id == "netgear"


def test_profile_named_pack_outranks_data_dir_pack(tmp_path, copy_guide):
    packs = tmp_path / "guide-packs"
    copy_guide("netgear", packs / "aaa-general", new_id="general-netgear", title="general")
    copy_guide("netgear", packs / "preferred", new_id="preferred-netgear", title="preferred")
    elsewhere = tmp_path / "elsewhere"
    copy_guide("netgear", elsewhere / "by-path", new_id="path-netgear", title="by path")
    library = GuideLibrary.load(["preferred"], packs_dir=packs)
    assert library.for_vendor("netgear").id == "preferred-netgear"
    library = GuideLibrary.load([str(elsewhere / "by-path"), "preferred"], packs_dir=packs)
    assert library.for_vendor("netgear").id == "path-netgear"


def test_missing_profile_pack_is_reported_not_fatal(tmp_path):
    library = GuideLibrary.load(["no-such-pack"], packs_dir=tmp_path / "nothing-here")
    assert any("no-such-pack" in str(p) and "not found" in str(p) for p in library.problems)
    assert library.for_vendor("sonicwall").id == "sonicwall"


def test_oversized_guide_file_is_refused(tmp_path, copy_guide):
    folder = copy_guide("asus", tmp_path / "pack", new_id="huge")
    with (folder / "guide.toml").open("a") as f:
        f.write("# " + "x" * 300_000 + "\n")
    result = load_pack(tmp_path / "pack")
    assert result.guides == []
    assert any("more than" in str(p) for p in result.problems)


def test_missing_builtin_folder_and_file_as_packs_dir_are_reported(tmp_path):
    not_a_dir = tmp_path / "packs-file"
    not_a_dir.write_text("oops")
    library = GuideLibrary.load(builtin_root=tmp_path / "no-guides", packs_dir=not_a_dir)
    assert library.guides == []
    assert any("built-in guides folder is missing" in str(p) for p in library.problems)
    assert library.for_vendor("netgear") is None  # nothing to show, but no exception


def test_builtin_pictures_are_not_opened_at_load_but_a_packs_are(tmp_path, copy_guide, monkeypatch):
    """Built-in pictures are checked by the tests before they ship, not at every start (~320
    files an antivirus would scan); a damaged install keeps the guide (its text is still right
    for the router) and the Fix page shows no picture. An ISP's pack is still checked."""
    from sipalg_wizard.guides import loader

    builtin = tmp_path / "guides"
    copy_guide("netgear", builtin)
    (builtin / "netgear" / "step-2.png").unlink()
    opened = []
    real = loader._png_head
    monkeypatch.setattr(loader, "_png_head", lambda path: opened.append(path) or real(path))
    result = load_builtin(builtin)
    assert [g.id for g in result.guides] == ["netgear"] and result.problems == []
    assert opened == []
    copy_guide("netgear", tmp_path / "pack", new_id="isp-netgear")
    (tmp_path / "pack" / "isp-netgear" / "step-2.png").unlink()
    assert load_pack(tmp_path / "pack").guides == [] and opened
