"""A one-message call refuses an input as several messages only when it is several (review R1).

An MT 096 FINCopy message carries the copied original (its own ``{1:}{2:}{4:...}`` blocks)
inside block 4. A cut at every ``{1:`` splits it in two, but it is one message: a reader
that cannot read it must say why, not advise a multi-message call.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import MultipleMessagesError, ParseError

# Hand-written: an MT 096 whose block 4 holds a copied MT 300 (one message, as FINCopy sends it).
COPY = (
    b"{1:F01BANKDEFFAXXX0000000000}{2:O0961200260101BANKGB22XXXX00000000002601011200N}"
    b"{4:{1:F01BANKGB22AXXX0000000000}{2:I300BANKUS33XXXXN}{3:{103:ABC}}{4:\r\n:15A:\r\n"
    b":20:FXREF1\r\n:22A:NEWT\r\n-}{5:{CHK:123456789ABC}}}"
)
# Two back-to-back MT 103s, the second one cut short: two messages.
_ONE = (
    b"{1:F01BANKDEFFAXXX0000000000}{2:I103BANKGB22XXXXN}{4:\r\n:20:REF1\r\n:23B:CRED\r\n"
    b":32A:260101EUR1,00\r\n:50K:/DE1\r\nPAYER\r\n:59:/GB1\r\nPAYEE\r\n:71A:SHA\r\n-}"
)
_CUT_SHORT = _ONE.replace(b"\r\n-}", b"\r\n")
TWO = _ONE + _CUT_SHORT
# The FIN ACK of a message, then the message (cut short): one message with its delivery status.
ACK_AND_MESSAGE = b"{1:F21BANKDEFFAXXX0000000000}{4:{177:2601011200}{451:0}}" + _CUT_SHORT


@pytest.mark.parametrize("call", [finmsg.parse, lambda data: finmsg.convert(data, "iso20022")])
def test_copy_message_is_not_called_several(call: object) -> None:
    with pytest.raises(ParseError) as caught:
        call(COPY)  # type: ignore[operator]
    assert not isinstance(caught.value, MultipleMessagesError)
    assert caught.value.code.startswith("mt.")


def test_copy_message_validate_names_its_own_error() -> None:
    result = finmsg.validate(COPY)
    assert result.value is None
    assert "input.multiple" not in [d.code for d in result.errors]


def test_ack_then_broken_message_keeps_the_message_error() -> None:
    with pytest.raises(ParseError) as caught:
        finmsg.parse(ACK_AND_MESSAGE)
    assert not isinstance(caught.value, MultipleMessagesError)
    assert caught.value.code == "mt.block4.unterminated"


def test_ack_then_message_reads_as_one() -> None:
    complete = ACK_AND_MESSAGE.replace(b":71A:SHA\r\n", b":71A:SHA\r\n-}")
    message = finmsg.parse(complete).value
    assert message.message_type == "103"


def test_two_messages_one_cut_short_are_still_several() -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(TWO)
    assert caught.value.value == 2


def test_a_stray_brace_after_a_message_does_not_hide_the_next_one() -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(_ONE + b"{" + _ONE)
    assert caught.value.value == 2
