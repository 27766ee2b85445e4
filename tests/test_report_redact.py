"""Redaction of a report for sharing: public addresses, MACs and serial numbers never leak."""

import ipaddress
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_samples import PUBLIC, REFLECTOR, alg_diagnosis

from sipalg_wizard.diagnosis.document import redact_report

BASE = alg_diagnosis().to_dict()


def with_detail(text: str) -> dict:
    doc = json.loads(json.dumps(BASE))
    doc["findings"].append({"code": "message_mangled", "detail": text})
    return doc


@settings(max_examples=80, deadline=None)
@given(st.ip_addresses().filter(lambda ip: ip.is_global),
       st.sampled_from(["{}", "x {}:5060;rport", "<sip:u@{}>", "ip={},", "c=IN IP4 {}"]))
def test_every_global_address_is_masked_wherever_it_sits(ip, template):
    if ip.version == 6 and ":5060" in template:
        template = template.replace("{}", "[{}]")  # a port after IPv6 needs brackets
    red = redact_report(with_detail(template.format(ip)))
    assert str(ip) not in json.dumps(red)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_redaction_never_fails_and_is_stable(text):
    once = redact_report(with_detail(text))
    assert redact_report(once) == once
    assert once["verdict"] == BASE["verdict"] and once["support_code"] == BASE["support_code"]


def test_serial_numbers_go_in_every_spelling_and_twice_redacted_stays_the_same():
    for text in ("serialNumber: 4LK1234567890", "Serial No. 4LK1234567890", "S/N=4LK1234567890",
                 "serial 4LK1234567890", "<serialNumber>4LK1234567890</serialNumber>"):
        once = redact_report(with_detail(text))
        assert "4LK1234567890" not in json.dumps(once), text
        assert redact_report(once) == once
    kept = redact_report(with_detail("serialization failed; s/nothing"))
    assert "serialization failed; s/nothing" in json.dumps(kept)


def test_public_address_goes_but_the_reflector_and_private_addresses_stay():
    flat = json.dumps(redact_report(BASE))
    assert f"{PUBLIC}:" not in flat and f"{PUBLIC}'" not in flat
    assert REFLECTOR in flat and "192.168.77.10" in flat and "192.168.77.1" in flat
    assert ipaddress.ip_address("203.0.113.10")  # the reflector shares the public prefix
