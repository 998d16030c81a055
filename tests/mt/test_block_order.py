"""Blocks of one message out of order ({1:}{3:}{2:}{4:}) and messages of unknown type.

Before: a lower block started a new message, so the MT103 below was cut in two: a
headerless "unknown" message holding block 3 (and with it the UETR) and an MT103
without block 1 or 3. The FIN order is 1, 2, 3, 4, 5.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ParseError
from finmsg.mt.blocks import parse_messages
from finmsg.mt.options import ParseOptions

UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"
B1 = "{1:F01BANKDEFFAXXX0000000000}"
B2 = "{2:I103BANKGB2LXXXXN}"
B3 = "{3:{108:MYMUR}{121:" + UETR + "}}"
B4 = (
    "{4:\r\n:20:REF1\r\n:23B:CRED\r\n:32A:261130USD100,\r\n"
    ":50K:/123\r\nJOHN\r\n:59:/456\r\nJANE\r\n:71A:SHA\r\n-}"
)


def test_out_of_order_block_is_an_error_naming_its_option() -> None:
    with pytest.raises(ParseError) as caught:
        parse_messages(B1 + B3 + B2 + B4)
    assert caught.value.code == "mt.block.order"
    assert "allow_block_order=true" in caught.value.message


def test_tolerated_out_of_order_block_keeps_one_message_with_its_uetr() -> None:
    result = parse_messages(B1 + B3 + B2 + B4, ParseOptions(allow_block_order=True))
    [msg] = result.value
    assert (msg.message_type, msg.uetr, msg.header_tag(108)) == ("103", UETR, "MYMUR")
    assert [d.code for d in result.diagnostics] == ["mt.tolerance.block_order"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        (B1 + B2 + B3 + B4 + B1 + B2 + B4, ["103", "103"]),  # back to back: block 1 starts the next
        (B2 + B4 + B2 + B4, ["103", "103"]),  # no block 1: a repeated block 2 starts the next
        (B1 + B2 + B4 + B3 + B4, ["103", "unknown"]),  # a lower block after block 4 starts the next
    ],
)
def test_message_boundaries_are_unchanged(text: str, types: list[str]) -> None:
    assert [m.message_type for m in parse_messages(text).value] == types


def test_unknown_type_is_not_silently_valid() -> None:
    result = finmsg.validate(b":86:091\r\n-")
    assert [(d.code, d.severity.value) for d in result.diagnostics if d.code == "mt.type.unknown"] == [
        ("mt.type.unknown", "warning")
    ]
