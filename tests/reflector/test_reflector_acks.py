"""The reflector's ACK state (reflector/acks.py): right answers, bounded memory, expiry.

The table is the one thing the reflector remembers between requests, so its bounds are tested as
hard as its answers: a flood of tracked INVITEs from one address or from many never grows it past
its caps, and every entry is gone TTL seconds later.
"""

from __future__ import annotations

from sipalg_wizard.probe.messages import Dialog, build_request
from sipalg_wizard.reflector import acks
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import parse

URI = "sip:reflector@192.0.2.10:5060;transport=udp"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def invite(dialog: Dialog) -> object:
    return parse(build_request(dialog, "INVITE", ack="track"))


def ack_for(dialog: Dialog, table_to_tag: str, uri: str = URI, **change) -> object:
    dialog.to_tag = change.get("to_tag", table_to_tag)
    return parse(build_request(dialog, "ACK", body=False, ack="ack", request_uri=uri))


def tracked(table: acks.AckTable, ip: str = "198.51.100.7") -> tuple[Dialog, str]:
    dialog = Dialog("udp_invite", "udp", "10.0.0.2", 5062, "192.0.2.10", 5060)
    request = invite(dialog)
    tag = protocol.to_tag(request)
    assert table.answer_meta(request, ip, URI, tag) == {"tracked": True}
    return dialog, tag


def state(table: acks.AckTable, dialog: Dialog, ip: str = "198.51.100.7") -> dict:
    dialog.cseq += 1
    return table.answer_meta(parse(build_request(dialog, "OPTIONS", ack="state")), ip, None, "x")


def test_a_matching_ack_is_matched():
    table = acks.AckTable()
    dialog, tag = tracked(table)
    assert state(table, dialog) == {"state": "missing", "changed": []}
    dialog.cseq -= 1
    assert table.observe(ack_for(dialog, tag), "198.51.100.7")
    assert state(table, dialog) == {"state": "matched", "changed": []}


def test_a_changed_route_or_tag_is_named():
    table = acks.AckTable()
    dialog, tag = tracked(table)
    table.observe(ack_for(dialog, tag, uri="sip:reflector@203.0.113.1;transport=udp",
                          to_tag="other"), "198.51.100.7")
    assert state(table, dialog) == {"state": "changed", "changed": ["Request-URI", "To tag"]}


def test_untracked_dialogs_and_other_addresses():
    table = acks.AckTable()
    dialog, _ = tracked(table)
    assert state(table, dialog, ip="203.0.113.9") == {"state": "untracked"}
    plain = parse(build_request(dialog, "OPTIONS"))
    assert table.answer_meta(plain, "198.51.100.7", None, "x") is None


def test_memory_is_capped_per_address_and_in_all():
    table = acks.AckTable(max_dialogs=50, max_per_address=4)
    answers = [table.answer_meta(invite(Dialog("t", "udp", "10.0.0.2", 5062, "192.0.2.10", 5060)),
                                 "198.51.100.1", URI, "tag") for _ in range(20)]
    assert answers.count({"tracked": True}) == 4 and len(table) == 4
    for i in range(500):  # many addresses: the oldest dialogs make room, the total stays capped
        dialog = Dialog("t", "udp", "10.0.0.2", 5062, "192.0.2.10", 5060)
        table.answer_meta(invite(dialog), f"198.51.{i // 250}.{i % 250}", URI, "tag")
        assert len(table) <= 50
    assert len(table) == 50 and sum(table._per_address.values()) == 50


def test_entries_expire():
    clock = Clock()
    table = acks.AckTable(clock=clock)
    dialog, _ = tracked(table)
    clock.now += acks.TTL + 1
    assert state(table, dialog) == {"state": "untracked"} and len(table) == 0


def test_the_reflector_answers_with_the_state_and_never_sends_more():
    reflector = Reflector(Config())
    dialog = Dialog("udp_invite", "udp", "10.0.0.2", 5062, "192.0.2.10", 5060)
    from sipalg_wizard.probe.messages import padded_request

    data = padded_request(dialog, "INVITE", ack="track")
    answer = reflector.handle(data, ("198.51.100.7", 5062), "udp", 5060, len(data))
    assert answer.reply and len(answer.reply) <= len(data)
    meta = protocol.decode(answer.reply).meta
    assert meta["ack"] == {"tracked": True}
    dialog.to_tag = protocol.to_tag(parse(data))
    ack = build_request(dialog, "ACK", body=False, ack="ack", request_uri=URI)
    assert reflector.handle(ack, ("198.51.100.7", 5062), "udp", 5060, len(ack)).reply is None
    dialog.cseq += 1
    ask = padded_request(dialog, "OPTIONS", ack="state", request_uri=URI)
    answer = reflector.handle(ask, ("198.51.100.7", 5062), "udp", 5060, len(ask))
    assert len(answer.reply) <= len(ask)
    assert protocol.decode(answer.reply).meta["ack"] == {"state": "matched", "changed": []}
