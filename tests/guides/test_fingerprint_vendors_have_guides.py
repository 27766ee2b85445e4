"""Every vendor the fingerprint database can name leads to a fix guide: its own, or the generic
guide on purpose (listed there), so the wizard never shows a guide for the wrong router silently."""

from sipalg_wizard.guides import GuideLibrary, vendor_key
from sipalg_wizard.identify.fingerprints import database


def test_every_fingerprint_vendor_has_a_guide_or_an_explicit_fallback():
    library = GuideLibrary.load()
    vendors = sorted(database().vendors)
    assert len(vendors) >= 40
    missing = []
    for vendor in vendors:
        guide = library.for_vendor(vendor)
        if guide is None or vendor_key(vendor) not in guide.vendors:
            missing.append((vendor, guide.id if guide else None))
    assert not missing, f"vendors without a guide or an explicit generic fallback: {missing}"
