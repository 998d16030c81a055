"""One cause, one diagnostic: an unknown MsgType is 373=11 only, not also 373=5 on tag 35."""

from __future__ import annotations

from finmsg.fix.options import parse_document
from finmsg.fix.validate import reject_of

from .helpers import HDR, fix


def test_unknown_msgtype_is_reported_once_as_invalid_msgtype() -> None:
    found = parse_document(fix(f"35=*|{HDR}"), {})
    on_35 = [reject_of(d) for d in found.errors if d.path == "FIX:35"]
    # FIX SessionRejectReason 11 "Invalid MsgType" names the problem; 5 (value out of
    # range for tag 35) would restate it for the same field and value.
    assert on_35 == [(11, "35")]


def test_a_known_msgtype_with_another_bad_enum_still_reports_373_5() -> None:
    found = parse_document(fix(f"35=D|{HDR}11=A|54=Z|60=20240102-10:11:12|40=1|"), {})
    assert [reject_of(d) for d in found.errors] == [(5, "54")]
