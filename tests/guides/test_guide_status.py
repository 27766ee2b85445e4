"""A guide's status (``confidence``) never claims more than its sources show.

The rule, for every built-in guide:

* ``verified``   needs at least one source of kind ``vendor`` (the maker's manual, help page, ...);
* ``community``  needs at least one source of kind ``vendor``, ``provider`` or ``community``;
* ``unverified`` may cite anything or nothing, and the customer is told we could not confirm it;
* a guide that cites nothing is ``unverified``.

Every source names what it is (title), where (an http(s) address) and what kind it is. The
table below pins each guide's status, so raising or lowering one is a deliberate change reviewed
together with the source that moved it (see ``../shared/research/guide-sources.md``).
"""

from __future__ import annotations

import pytest

from sipalg_wizard.guides import load_builtin
from sipalg_wizard.guides.model import CONFIDENCES, UNVERIFIED_NOTICE
from sipalg_wizard.guides.schema import GuideError, parse_guide

SOURCE_KINDS = {"vendor", "provider", "community"}
# What each status needs: at least one source of one of these kinds (empty = nothing needed).
NEEDS = {
    "verified": {"vendor"},
    "community": {"vendor", "provider", "community"},
    "unverified": set(),
}

# Each guide's status. Change an entry only together with the guide and the source that moves it.
STATUS = {
    # verified: a vendor document states the steps
    "cisco-asa": "verified",  # community -> verified: Cisco TAC 214282, ASA configuration guide
    "d-link-dsr": "verified",
    "draytek": "verified",
    "juniper-srx": "verified",
    "pfsense": "verified",
    "sonicwall": "verified",
    "technicolor": "verified",
    "tp-link": "verified",
    "zyxel": "verified",
    "zyxel-usg": "verified",  # community -> verified: Zyxel ATP700 user guide, Network > ALG
    "arris": "verified",  # unverified -> verified: SBG6580 / SBG6700-AC manuals list no SIP ALG
    # community: VoIP providers' or users' published instructions
    "asus": "community",
    "cisco-ios": "community",
    "edgerouter": "community",
    "fortigate": "community",
    "generic": "community",
    "linksys": "community",  # unverified -> community: FusionPBX "Cisco EA6500" (Smart Wi-Fi)
    "mikrotik": "community",
    "netgear": "community",
    "opnsense": "community",
    # unverified: no source confirms the steps (the customer is told so)
    "att": "unverified",
    "avm": "unverified",
    "bt": "unverified",
    "calix": "unverified",
    "d-link": "unverified",
    "eero": "unverified",
    "google": "unverified",
    "grandstream": "unverified",
    "huawei": "unverified",
    "meraki": "unverified",
    "openwrt": "unverified",
    "sagemcom": "unverified",
    "sophos": "unverified",
    "tenda": "unverified",
    "unifi": "unverified",
    "verizon": "unverified",
    "virgin-media": "unverified",
    "watchguard": "unverified",
    "xfinity": "unverified",
    "zte": "unverified",
}


@pytest.fixture(scope="module")
def guides():
    library = load_builtin()
    assert library.problems == []
    return library.guides


def test_the_rule_covers_every_status():
    assert set(NEEDS) == set(CONFIDENCES)


def test_every_guide_claims_no_more_than_its_sources(guides):
    for guide in guides:
        kinds = {source.kind for source in guide.sources}
        needed = NEEDS[guide.confidence]
        assert not needed or kinds & needed, (
            f"{guide.id} is {guide.confidence!r} but cites only {sorted(kinds) or 'nothing'}; "
            f"it needs a source of kind {' or '.join(sorted(needed))}")
        if not guide.sources:
            assert guide.confidence == "unverified", f"{guide.id} cites nothing: it must be unverified"


def test_every_source_says_what_where_and_which_kind(guides):
    for guide in guides:
        for source in guide.sources:
            assert source.title.strip(), guide.id
            assert source.url.startswith(("https://", "http://")), (guide.id, source.url)
            assert source.kind in SOURCE_KINDS, (guide.id, source.kind)


def test_unverified_guides_tell_the_customer(guides):
    for guide in guides:
        if guide.confidence == "unverified":
            assert guide.confidence_notice == UNVERIFIED_NOTICE
        elif guide.confidence == "verified":
            assert guide.confidence_notice == ""
        else:
            assert guide.confidence_notice


def test_statuses_are_pinned(guides):
    """Every built-in guide has an entry, and its status is the one recorded here."""
    actual = {guide.id: guide.confidence for guide in guides}
    assert set(actual) == set(STATUS), (
        f"add to / remove from STATUS: {sorted(set(actual) ^ set(STATUS))}")
    changed = {gid: (STATUS[gid], status) for gid, status in actual.items() if STATUS[gid] != status}
    assert not changed, f"status changed (pinned -> guide): {changed}"


@pytest.mark.parametrize(("confidence", "sources", "ok"), [
    ("verified", [], False),
    ("verified", [{"kind": "community"}], False),
    ("verified", [{"kind": "provider"}], False),
    ("verified", [{"kind": "vendor"}], True),
    ("community", [], False),
    ("community", [{"kind": "community"}], True),
    ("community", [{"kind": "provider"}], True),
    ("community", [{"kind": "vendor"}], True),
    ("unverified", [], True),
    ("unverified", [{"kind": "vendor"}], True),
])
def test_the_loader_refuses_a_guide_that_overclaims(minimal_guide, confidence, sources, ok):
    """Guide packs from ISPs get the same rule at load time, not only the built-in guides."""
    minimal_guide["confidence"] = confidence
    minimal_guide["sources"] = [{"title": "A source", "url": "https://example.com/", **s} for s in sources]
    if ok:
        assert parse_guide(minimal_guide).confidence == confidence
    else:
        with pytest.raises(GuideError, match=r"confidence|sources"):
            parse_guide(minimal_guide)
