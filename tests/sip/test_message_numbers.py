"""Numbers in SIP text from the network are ASCII digits: '²' or '٣' pass ``str.isdigit`` but must
be refused cleanly, never crash a parser (hypothesis found this in the reflector's callback
header)."""

import pytest

from sipalg_wizard.sip import message as message_module

TEMPLATE = ("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
            "CSeq: {number} OPTIONS\r\nContent-Length: {number}\r\n\r\n")


def test_ascii_numbers_are_read():
    message = message_module.parse(TEMPLATE.format(number="0").encode())
    assert message.cseq() == (0, "OPTIONS") and message.content_length() == 0


@pytest.mark.parametrize("odd", ["²", "٣", "1²"])
def test_other_unicode_digits_are_refused_not_raised(odd):
    message = message_module.parse(TEMPLATE.format(number=odd).encode())
    assert message.cseq() is None and message.content_length() is None
    with pytest.raises(ValueError):
        message_module.split_host_port(f"127.0.0.1:{odd}")
