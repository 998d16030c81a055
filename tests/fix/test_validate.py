"""Validation: every case of issue §5, mapped to SessionRejectReason (373) and RefTagID."""

from __future__ import annotations

import pytest

from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.validate import ValidationOptions, reject_of

from .helpers import HDR, fix, order, order_body


def first(data: bytes, **switches: object) -> tuple[str, str | None, tuple[int, str] | None]:
    result = parse_document(data, switches)
    assert result.errors, "expected an error"
    d = result.errors[0]
    return d.code, d.path, reject_of(d)


def test_valid_order_has_no_diagnostics() -> None:
    result = parse_document(order())
    assert result.ok and result.diagnostics == []
    assert result.value is not None and result.value.msg_type == "D"


@pytest.mark.parametrize(
    ("data", "code", "path"),
    [
        (fix("35=0|49=A|", checksum="123"), "fix.frame.checksum", "FIX:10"),
        (fix("35=0|49=A|", length=3), "fix.frame.body_length", "FIX:9"),
    ],
)
def test_framing_errors_are_diagnostics(data: bytes, code: str, path: str) -> None:
    assert first(data)[:2] == (code, path)


@pytest.mark.parametrize(
    ("extra", "reason", "ref", "path"),
    [
        ("999=X|", 0, "999", "FIX:999"),  # invalid tag number
        ("0=X|", 0, "0", "FIX:0"),
        ("5001=X|", 0, "5001", "FIX:5001"),  # user-defined, not in the dictionary
        ("108=30|", 2, "108", "FIX:108"),  # HeartBtInt: defined, but not for D
        ("58=|", 4, "58", "FIX:58"),  # tag without value
        ("59=Z|", 5, "59", "FIX:59"),  # TimeInForce enum
        ("18=1 !|", 5, "18", "FIX:18"),  # ExecInst: MultipleValueString, one bad token
        ("18=1 Z|", None, "", ""),  # ... and a good multi-value
        ("110=+5|", 6, "110", "FIX:110"),  # MinQty: QTY with a sign
        ("110=1e5|", 6, "110", "FIX:110"),  # no exponents in FIX floats
        ("210=1.5|", 6, "210", "FIX:210"),  # MaxShow is QTY -> ok? no: see below
        ("114=X|", 6, "114", "FIX:114"),  # LocateReqd BOOLEAN (Y/N)
        ("432=20241301|", 6, "432", "FIX:432"),  # ExpireDate LocalMktDate, month 13
        ("126=20240102-25:00:00|", 6, "126", "FIX:126"),  # ExpireTime UTCTimestamp, hour 25
        ("200=202413|", 6, "200", "FIX:200"),  # MaturityMonthYear, month 13
        ("111=12.5x|", 6, "111", "FIX:111"),  # MaxFloor
        ("54=1|", 13, "54", "FIX:54"),  # repeated tag outside a group
    ],
)
def test_body_field_errors(extra: str, reason: int | None, ref: str, path: str) -> None:
    if reason is None or extra == "210=1.5|":  # MaxShow (210) is a QTY: decimals are fine
        assert parse_document(order(extra)).ok
        return
    code, got_path, rej = first(order(extra))
    assert (code, got_path, rej) == (f"fix.373.{reason}", path, (reason, ref))


def test_integer_and_char_formats() -> None:
    assert first(fix(order_body().replace("34=2|", "34=2.0|")))[2] == (6, "34")  # SEQNUM
    assert first(fix(order_body().replace("54=1|", "54=12|")))[2] == (6, "54")  # Side is CHAR


def test_required_tags_header_and_body() -> None:
    no_target = fix("35=D|49=BUY|34=2|52=20240102-10:11:12|11=A|54=1|60=20240102-10:11:12|40=1|")
    assert first(no_target)[2] == (1, "56")
    assert first(fix(order_body().replace("11=ORD1|", "")))[2] == (1, "11")


def test_out_of_order_header_body_trailer() -> None:
    body_first = fix("35=D|11=A|54=1|60=20240102-10:11:12|40=1|49=BUY|56=SELL|34=2|52=20240102-10:11:12|")
    assert first(body_first)[2] == (14, "49")
    trailer_early = fix(f"35=D|{HDR}93=3|11=A|54=1|60=20240102-10:11:12|40=1|89=abc|")
    assert first(trailer_early)[2] == (14, "11")
    # Switch off: the same message is accepted structurally.
    assert parse_document(body_first, {"ValidateFieldsOutOfOrder": "N"}).ok


def test_repeating_groups_nested_count_and_delimiter() -> None:
    parties = "453=2|448=AAA|447=D|452=1|802=2|523=X1|803=1|523=X2|803=2|448=BBB|447=D|452=3|"
    result = parse_document(order(parties))
    assert result.ok, [str(d) for d in result.errors]
    doc = result.value
    assert doc is not None
    grp = next(n for n in doc.body if not isinstance(n, tuple))
    assert grp.tag == 453 and len(grp.entries) == 2
    sub = next(n for n in grp.entries[0] if not isinstance(n, tuple))
    assert (sub.tag, sub.count, len(sub.entries)) == (802, "2", 2)
    # count mismatch: 3 declared, 2 present
    assert first(order(parties.replace("453=2", "453=3")))[:3] == ("fix.373.16", "FIX:453", (16, "453"))
    # nested count mismatch carries the entry path
    bad_sub = parties.replace("802=2", "802=3")
    assert first(order(bad_sub))[:2] == ("fix.373.16", "FIX:453[1].802")
    # delimiter out of order: entry starts with PartyIDSource instead of PartyID
    assert first(order("453=1|447=D|448=AAA|452=1|"))[:3] == ("fix.373.15", "FIX:453[1].447", (15, "447"))
    # enum error inside the second entry
    assert first(order(parties.replace("452=3", "452=999")))[:2] == ("fix.373.5", "FIX:453[2].452")


def test_group_count_zero_is_fine_and_nosides_with_parties() -> None:
    assert parse_document(order("453=0|")).ok
    ae = fix(
        f"35=AE|{HDR}571=T1|570=N|55=VOD|32=10|31=1.5|75=20240102|60=20240102-10:11:12|"
        "552=2|54=1|37=O1|453=1|448=P1|447=D|452=1|78=1|79=ACC|80=10|54=2|37=O2|"
    )
    result = parse_document(ae)
    assert result.ok, [str(d) for d in result.errors]
    data = fix(ae.decode().split("\x01", 2)[2].rsplit("10=", 1)[0].replace("\x01", "|").replace("37=O2|", ""))
    assert first(data)[:3] == ("fix.373.1", "FIX:552[2].37", (1, "37"))


def test_switches_quickfix_names() -> None:
    assert parse_document(order("5001=X|"), {"ValidateUserDefinedFields": "N"}).ok
    assert parse_document(order("999=X|"), {"AllowUnknownMsgFields": "Y"}).ok
    assert parse_document(order("108=30|"), {"AllowUnknownMsgFields": True}).ok
    assert parse_document(order("58=|"), {"ValidateFieldsHaveValues": "N"}).ok
    assert parse_document(
        fix("35=0|49=A|56=B|34=1|52=20240102-10:11:12|", checksum="000"), {"ValidateLengthAndChecksum": "N"}
    ).ok
    latency = parse_document(order(), {"CheckLatency": "Y", "MaxLatency": "60"})
    assert [reject_of(d) for d in latency.errors] == [(10, "52")]
    assert ValidationOptions.from_mapping({"ValidateFieldsOutOfOrder": "n", "other": 1}) == ValidationOptions(
        ValidateFieldsOutOfOrder=False
    )


def test_invalid_msgtype_and_fixt_split() -> None:
    assert first(fix(f"35=*|{HDR}"))[2] == (11, "35")
    fixt = f"35=D|{HDR}11=A|54=1|60=20240102-10:11:12|40=1|"
    assert parse_document(fix(fixt, "FIXT.1.1")).ok  # DefaultApplVerID 9 = FIX 5.0 SP2
    assert parse_document(fix(fixt.replace("35=D|", "35=D|1128=6|"), "FIXT.1.1")).ok  # ApplVerID FIX 4.4
    # Session messages are checked by the transport dictionary alone (as QuickFIX does).
    assert first(fix(f"35=0|{HDR}58=X|", "FIXT.1.1"))[2] == (2, "58")
    assert first(fix(f"35=0|{HDR}55=X|", "FIXT.1.1"))[2] == (0, "55")  # FIXT does not define Symbol


def test_shape_cache_never_hides_errors() -> None:
    opts = FixOptions()
    for _ in range(3):
        assert parse_document(order("59=0|"), opts).ok
    assert first(order("59=Z|"))[2] == (5, "59")
    assert parse_document(order("59=Z|"), opts).errors[0].code == "fix.373.5"
    parties = "453=2|448=AAA|447=D|452=1|448=BBB|447=D|452=3|"
    assert parse_document(order(parties), opts).ok
    assert parse_document(order(parties.replace("453=2", "453=02")), opts).ok
    assert not parse_document(order(parties.replace("452=3", "452=")), opts).ok


def test_without_dictionary_only_sections_are_cut() -> None:
    msg = order("999=X|")
    result = parse_document(msg, {"UseDataDictionary": "N"})
    assert result.ok and result.value is not None
    doc = result.value
    assert [n[0] for n in doc.header if isinstance(n, tuple)] == [8, 9, 35, 49, 56, 34, 52]
    assert [n[0] for n in doc.body if isinstance(n, tuple)] == [11, 21, 55, 54, 60, 38, 40, 44, 999]
    assert doc.trailer == [(10, msg[-4:-1].decode())]
