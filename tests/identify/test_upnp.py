"""SSDP and the UPnP description: only the gateway is asked and believed; the XML is untrusted."""

from __future__ import annotations

import socket
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from identify_helpers import loopback_pair

from sipalg_wizard.identify import upnp
from sipalg_wizard.lab.imitation import XML_BOMB, ImitationRouter, description_xml


def test_parse_description_reads_the_root_device():
    xml = description_xml({"manufacturer": "NETGEAR, Inc.", "modelName": "R7000",
                           "modelNumber": "R7000", "friendlyName": "R7000 (Gateway)"})
    desc = upnp.parse_description(xml)
    assert (desc.manufacturer, desc.model_name, desc.friendly_name) == ("NETGEAR, Inc.", "R7000",
                                                                        "R7000 (Gateway)")


@pytest.mark.parametrize("xml", [XML_BOMB, b"<root><nodevice/></root>", b"not xml", b"",
                                 b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>'])
def test_hostile_or_broken_descriptions_are_rejected(xml):
    with pytest.raises(ValueError):
        upnp.parse_description(xml)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=1024))
def test_ssdp_reply_parser_never_raises(data):
    upnp.parse_ssdp_reply(data)


def test_unicast_search_reads_the_description():
    host, _ = loopback_pair()
    with ImitationRouter("netgear-r7000", host) as router:
        result = upnp.discover(host, ssdp_port=router.ssdp_port, multicast=False, timeout=3)
    assert result.via == "unicast"
    assert result.description.model_name == "R7000"
    assert ("ssdp", "M-SEARCH") in router.requests
    assert not any(kind == "ssdp-group" for kind, _ in router.requests)


def test_multicast_is_asked_only_when_unicast_stays_silent():
    host, group = loopback_pair()
    with ImitationRouter("fritzbox-7590", host, ssdp_group=group, ssdp_unicast=False) as router:
        result = upnp.discover(host, ssdp_port=router.ssdp_port, multicast_group=group, timeout=3,
                               unicast_wait=0.3)
    assert result.via == "multicast"
    assert result.description.model_name == "FRITZ!Box 7590"


def test_multicast_can_be_switched_off():
    host, group = loopback_pair()
    with ImitationRouter("fritzbox-7590", host, ssdp_group=group, ssdp_unicast=False) as router:
        result = upnp.discover(host, ssdp_port=router.ssdp_port, multicast=False,
                               multicast_group=group, timeout=1, unicast_wait=0.3)
    assert result.description is None
    assert not any(kind == "ssdp-group" for kind, _ in router.requests)


def test_location_off_the_gateway_is_not_fetched():
    host, group = loopback_pair()
    attempts = []

    def connect(h, port, timeout):
        attempts.append(h)
        raise ConnectionRefusedError

    with ImitationRouter("hostile-foreign-location", host, ssdp_group=group) as router:
        result = upnp.discover(host, ssdp_port=router.ssdp_port, multicast_group=group, timeout=1.5,
                               unicast_wait=0.3, connect=connect)
    assert result.description is None and attempts == []
    assert any("not on the gateway" in why for why in result.ignored)


def test_replies_from_other_devices_are_ignored():
    """A stranger answers first, then the gateway names a LOCATION elsewhere: neither counts."""
    host, _ = loopback_pair()
    stranger_host, _ = loopback_pair()
    gateway = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    gateway.bind((host, 0))
    gateway.settimeout(3)
    stranger = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stranger.bind((stranger_host, 0))

    def serve():
        _, client = gateway.recvfrom(4096)
        stranger.sendto(b"HTTP/1.1 200 OK\r\nLOCATION: http://%s:1/d.xml\r\n\r\n"
                        % host.encode(), client)
        gateway.sendto(b"HTTP/1.1 200 OK\r\nLOCATION: http://%s:1/d.xml\r\n\r\n"
                       % stranger_host.encode(), client)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        result = upnp.discover(host, ssdp_port=gateway.getsockname()[1], multicast=False,
                               timeout=1, unicast_wait=0.5)
    finally:
        thread.join()
        gateway.close()
        stranger.close()
    assert result.location is None
    assert any("not the gateway" in why for why in result.ignored)
    assert any("not on the gateway" in why for why in result.ignored)
