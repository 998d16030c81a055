"""Property tests of the §5 guarantees for MT900/MT910 ↔ camt.054 on generated messages.

MT → camt.054 → MT: the camt.054 is XSD-valid, the MT is network-valid, the
type, UETR, references, account, booking time, amount, currency and value
date never change, and any other block-4 difference is named by a diagnostic.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.mt.writer import write_message
from finmsg.testing.mt_reports import confirmation_messages
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt, unexplained_differences

_KEPT = ("20", "21", "25", "25P", "13D", "32A", "52A", "56A", "72")


def _values(message: MtMessage, tag: str) -> list[str]:
    return [f.value for f in message.fields if f.tag == tag]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(confirmation_messages())
def test_confirmation_round_trip_keeps_the_core(original: MtMessage) -> None:
    assert [str(d) for d in validate_message(original) if d.is_error] == []
    fin = write_message(original).value
    xml, _, diags = mt_to_mx(fin, "camt.054")
    assert [str(d) for d in check_mx(xml) if d.code.startswith("xsd")] == []
    _, back, back_diags = mx_to_mt(xml)
    assert back.mt_number == original.mt_number
    assert back.uetr == original.uetr
    for tag in _KEPT:
        assert _values(back, tag) == _values(original, tag), tag
    assert unexplained_differences(original, back, diags + back_diags) == []
    assert [str(d) for d in validate_message(back) if d.is_error] == []
