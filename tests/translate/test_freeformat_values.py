"""MT199/MT299 ↔ admi.024: the MT type choice, 79 line rules, priority and error cases, value by value."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from finmsg.errors import ConversionError
from finmsg.model.admin import Correspondence, CorrespondenceHeader, CorrespondenceNotification
from finmsg.model.common import Agent
from finmsg.model.payments import AppHeader, CodeOrProprietary
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.translate import translate
from finmsg.translate.rules import describe

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
ROUTE = CorrespondenceHeader(
    message_id="M1", sender=Agent(bic="BANKDEFFXXX"), receiver=Agent(bic="BANKGB2LXXX")
)


def _mx(*notes: CorrespondenceNotification, header: AppHeader | None = None) -> Correspondence:
    return Correspondence(
        message_type="admi.024.001.01",
        family="iso20022",
        group_header=ROUTE,
        notifications=notes,
        header=header,
    )


def _note(kind: str | None = None, narrative: tuple[str, ...] = ("HELLO",)) -> CorrespondenceNotification:
    return CorrespondenceNotification(
        sender_id="M1",
        notification_type=CodeOrProprietary(None, kind) if kind else CodeOrProprietary("QURY", None),
        narrative=narrative,
    )


def _to_mt(message: Correspondence, target: str = "mt") -> tuple[MtMessage, list[str]]:
    result = translate(message, target, now=NOW)
    assert isinstance(result.value, MtMessage)
    assert [str(d) for d in validate_message(result.value) if d.is_error] == []
    return result.value, [f"{d.rule} {d.code} {d.path}" for d in result.diagnostics]


def test_rules_are_registered() -> None:
    _to_mt(_mx(_note("MT199")))
    assert describe("TF004").startswith("MT199 or MT299")


@pytest.mark.parametrize(
    ("target", "kind", "expected"),
    [("mt299", "MT199", "299"), ("mt199", "MT299", "199"), ("mt", "MT299", "299"), ("mt", "MT199", "199")],
)
def test_target_wins_over_the_type_hint(target: str, kind: str, expected: str) -> None:
    message, _ = _to_mt(_mx(_note(kind)), target)
    assert message.mt_number == expected


def test_bah_related_pacs009_chooses_mt299_and_pacs008_mt199() -> None:
    def header(related: str) -> AppHeader:
        from finmsg.model.common import Extra

        rltd = f'<Rltd xmlns="urn:x"><MsgDefIdr>{related}</MsgDefIdr></Rltd>'
        return AppHeader(
            "head.001.001.02",
            "BANKDEFFXXX",
            "BANKGB2LXXX",
            extras=(Extra("iso20022", "/AppHdr/Rltd[1]", rltd),),
        )

    fi, notes = _to_mt(_mx(_note(), header=header("pacs.009.001.08")))
    assert fi.mt_number == "299"
    assert "TF004 mapping.chosen /AppHdr/Rltd[1]" in notes
    customer, _ = _to_mt(_mx(_note(), header=header("pacs.008.001.08")))
    assert customer.mt_number == "199"


def test_no_hint_defaults_to_mt199_and_says_so() -> None:
    message, notes = _to_mt(_mx(_note()))
    assert message.mt_number == "199"
    assert "TF004 mapping.defaulted /Document/NtfctnOfCrspdc/NtfctnData[1]/NtfctnTp" in notes
    # the non-MT notification type is reported too
    assert "TF005 lossy.dropped /Document/NtfctnOfCrspdc/NtfctnData[1]/NtfctnTp" in notes


def test_narratives_start_new_lines_and_wrap_at_50() -> None:
    text = "A" * 50 + "B" * 7
    message, notes = _to_mt(_mx(_note("MT199", (text, "SHORT\nTWO"))))
    assert message.get("79") is not None
    assert message.get("79").value.split("\n") == ["A" * 50, "B" * 7, "SHORT", "TWO"]  # type: ignore[union-attr]
    assert notes == []


def test_more_than_35_lines_are_cut_and_reported() -> None:
    lines = tuple(f"L{n}" for n in range(1, 38))
    message, notes = _to_mt(_mx(_note("MT199", lines)))
    f79 = message.get("79")
    assert f79 is not None and f79.value.split("\n") == [f"L{n}" for n in range(1, 36)]
    assert "TF003 lossy.truncated /Document/NtfctnOfCrspdc/NtfctnData[1]/NtfctnNrrtv" in notes


def test_missing_narrative_becomes_notprovided() -> None:
    message, notes = _to_mt(_mx(_note("MT199", ())))
    assert message.get("79") is not None and message.get("79").value == "NOTPROVIDED"  # type: ignore[union-attr]
    assert "TF003 mapping.defaulted /Document/NtfctnOfCrspdc/NtfctnData[1]/NtfctnNrrtv" in notes


def test_bah_priority_high_is_urgent_and_back() -> None:
    header = AppHeader("head.001.001.02", "BANKDEFFXXX", "BANKGB2LXXX", priority="HIGH")
    message, _ = _to_mt(_mx(_note("MT199"), header=header))
    assert message.application_header is not None and message.application_header.priority == "U"
    back = translate(message, "admi.024", now=NOW).value
    assert isinstance(back, Correspondence) and back.header is not None
    assert back.header.priority == "HIGH"


def test_no_notification_is_a_conversion_error() -> None:
    with pytest.raises(ConversionError):
        translate(_mx(), "mt", now=NOW)


def test_mt_to_mx_values_and_empty_line() -> None:
    fin = (
        b"{1:F01BANKDEFFAXXX0000000000}{2:I299BANKGB2LXXXXN}{4:\r\n:20:R1\r\n:21:R0\r\n"
        b":79:FIRST\r\n\r\nTHIRD\r\n-}"
    )
    source = read_one(fin).value
    result = translate(source, "iso20022", now=NOW)
    mx = result.value
    assert isinstance(mx, Correspondence)
    (note,) = mx.notifications
    assert (note.sender_id, note.related_ids) == ("R1", ("R0",))
    assert note.notification_type == CodeOrProprietary(None, "MT299")
    assert note.narrative == ("FIRST", " ", "THIRD")
    assert [(d.rule, d.code) for d in result.diagnostics] == [("TF003", "mapping.defaulted")]
    assert mx.group_header is not None and mx.group_header.creation is not None
    assert mx.group_header.creation.value == NOW
    assert mx.header is not None and (mx.header.from_bic, mx.header.to_bic) == ("BANKDEFFXXX", "BANKGB2LXXX")
