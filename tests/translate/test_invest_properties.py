"""Property: every generated MT192/MT292 → camt.056 → MT keeps references, 11S, UETR, amount and date.

The only change a round trip may make is the one reported by rule TI006 (a
bare ``/CODE/`` line followed by text joins them); nothing else may differ.
"""

from __future__ import annotations

from hypothesis import given, settings

from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.mt.writer import write_message
from finmsg.testing.mt_invest import cancellation_requests
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt, unexplained_differences


@settings(max_examples=25, deadline=None)
@given(cancellation_requests())
def test_cancellation_round_trip(msg: MtMessage) -> None:
    assert [str(d) for d in validate_message(msg) if d.is_error] == []
    fin = write_message(msg).value
    xml, _, to_mx = mt_to_mx(fin, "camt.056")
    assert [str(d) for d in check_mx(xml) if d.is_error] == []
    _, back, to_mt = mx_to_mt(xml, "mt")
    assert back.mt_number == msg.mt_number
    assert back.uetr == msg.uetr
    kept = [(f.tag, f.value) for f in back.fields if f.tag in ("20", "21", "11S", "32A")]
    assert kept == [(f.tag, f.value) for f in msg.fields if f.tag in ("20", "21", "11S", "32A")]
    assert unexplained_differences(msg, back, [*to_mx, *to_mt]) == []
