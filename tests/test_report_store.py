import json
from datetime import datetime

from test_report_samples import PUBLIC, REFLECTOR, ROUTER_MAC, alg_diagnosis, clean_diagnosis

from sipalg_wizard.diagnosis import supportcode, verify
from sipalg_wizard.diagnosis.document import redact_report
from sipalg_wizard.diagnosis.explain import GuideRef
from sipalg_wizard.report import store as reportstore

WHEN = datetime(2026, 11, 25, 15, 4, 5)
GUIDE = GuideRef("netgear", "NETGEAR routers: turn off SIP ALG")


def test_saves_json_and_html_with_a_timestamped_name(tmp_path):
    saved = reportstore.save_report(alg_diagnosis(), base_dir=tmp_path / "reports", guide=GUIDE, now=WHEN)
    assert saved.json_path.name == "sipalg-report-20261125-150405-alg-detected.json"
    assert saved.html_path == saved.json_path.with_suffix(".html")
    doc = json.loads(saved.json_path.read_text(encoding="utf-8"))
    assert doc["verdict"] == "alg_detected"
    # The saved code also carries the guide used.
    decoded = supportcode.decode(doc["support_code"], ["netgear", "avm"])
    assert decoded.guide == "netgear" and decoded.vendor == "netgear" and decoded.stage == "diagnosis"
    assert decoded.findings == supportcode.decode(alg_diagnosis().support_code).findings
    assert doc["guide"]["id"] == "netgear"
    assert doc["explanation"]["headline"] and doc["explanation"]["agent"]["rewrites"]
    page = saved.html_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and doc["support_code"] in page
    assert [p.name for p in tmp_path.joinpath("reports").iterdir() if p.name.startswith(".")] == []


def test_a_second_save_in_the_same_second_never_overwrites(tmp_path):
    first = reportstore.save_report(alg_diagnosis(), base_dir=tmp_path, now=WHEN)
    second = reportstore.save_report(clean_diagnosis(), base_dir=tmp_path, now=WHEN)
    assert first.json_path != second.json_path
    assert json.loads(first.json_path.read_text())["verdict"] == "alg_detected"
    assert reportstore.list_reports(tmp_path)[0].stem.startswith("sipalg-report-20261125-150405")
    assert len(reportstore.list_reports(tmp_path)) == 2


def test_redacted_save_masks_public_ip_macs_and_serials_in_both_files(tmp_path):
    saved = reportstore.save_report(alg_diagnosis(), base_dir=tmp_path, redact=True, guide=GUIDE, now=WHEN)
    assert saved.json_path.name.endswith("-redacted.json") and saved.redacted
    for path in (saved.json_path, saved.html_path):
        content = path.read_text(encoding="utf-8")
        assert PUBLIC + ":" not in content and f"{PUBLIC}<" not in content and f"{PUBLIC}\"" not in content
        assert ROUTER_MAC not in content and "3c:37:86:xx:xx:xx" in content
        assert "4LK1234567890" not in content
    doc = json.loads(saved.json_path.read_text(encoding="utf-8"))
    assert doc["redacted"] is True and doc["probe"]["public_address"] == "<public-ip>:5060"
    assert doc["probe"]["reflector"] == REFLECTOR  # the provider's server stays: support needs it
    assert doc["verdict"] == "alg_detected"


def test_verification_is_saved_and_its_second_public_address_redacted(tmp_path):
    after = clean_diagnosis()
    after.probe.public_address = "81.2.69.160:5060"  # a new address after the router restarted
    result = verify.compare_runs(alg_diagnosis(), after)
    saved = reportstore.save_report(after, base_dir=tmp_path, verified=result, redact=True, now=WHEN)
    doc = json.loads(saved.json_path.read_text(encoding="utf-8"))
    assert doc["verification"]["status"] == "fixed"
    assert supportcode.decode(doc["support_code"]).stage == "verify"
    assert "81.2.69.160" not in saved.json_path.read_text() + saved.html_path.read_text()
    assert "Before and after the change" in saved.html_path.read_text(encoding="utf-8")


def test_redaction_masks_global_addresses_serials_and_cisco_macs_but_keeps_private_ones():
    doc = alg_diagnosis().to_dict()
    doc["gateway"]["local_address"] = "2a00:1450:4001:82a::200e"
    doc["router"]["evidence"].append({"source": "upnp", "observed": "<serialNumber>ABC123XYZ</serialNumber>"})
    doc["router"]["evidence"].append({"source": "tls_subject", "observed": "CN=router 0011.2233.4455",
                                      "serial": "X9"})
    doc["findings"].append({"code": "via_rewritten", "detail": "seen 81.2.69.160 and 10.0.0.1"})
    red = redact_report(doc)
    flat = json.dumps(red)
    assert "2a00:1450" not in flat and "<public-ipv6>" in flat
    assert "ABC123XYZ" not in flat and "X9" not in flat and "0011.2233.4455" not in flat
    assert "seen <public-ip> and 10.0.0.1" in flat
    assert "192.168.77.10" in flat  # private addresses are what support needs to see
    assert red["created"] == doc["created"]


def test_default_folder_is_under_a_user_directory():
    path = reportstore.default_reports_dir()
    assert path.name in (reportstore.FOLDER_NAME, "reports")
