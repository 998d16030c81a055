"""Properties of MT101 → pain.001 → MT101 on generated messages (issue 5 §5 guarantees)."""

from __future__ import annotations

from hypothesis import given, settings

from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.mt101 import mt101_messages
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt, unexplained_differences

#: Values a round trip never changes: references, execution date, amounts, rate, deal reference, BICs.
KEPT = ("20", "21", "21F", "30", "32B", "36", "57A", "50G", "71A")


@settings(max_examples=25, deadline=None)
@given(mt101_messages())
def test_mt101_round_trip_keeps_values(fin: bytes) -> None:
    original = read_one(fin).value
    assert [str(d) for d in validate_message(original) if d.is_error] == []
    xml, _, diagnostics = mt_to_mx(fin, "iso20022")
    assert [str(d) for d in check_mx(xml) if d.is_error and d.code.startswith("xsd")] == []
    _, back, back_diags = mx_to_mt(xml, "mt")
    assert [str(d) for d in validate_message(back) if d.is_error] == []
    for tag in KEPT:
        assert [f.value for f in back.fields if f.tag == tag] == [
            f.value for f in original.fields if f.tag == tag
        ], tag
    assert unexplained_differences(original, back, diagnostics + back_diags) == []
