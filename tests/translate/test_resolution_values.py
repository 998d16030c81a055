"""MT196/MT296 ↔ camt.029 rules checked one by one against hand-written values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError
from finmsg.model.common import Amount
from finmsg.model.exceptions import InvestigationResolution
from finmsg.testing.translate import mt_to_mx, mx_to_mt
from finmsg.translate.context import Ctx
from finmsg.translate.resolution_common import Answer, format_answer, parse_answer

MT296 = (
    b"{1:F01BANKFRPPAXXX0000000000}{2:I296BANKGB2LXXXXN}{3:{121:0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f}}"
    b"""{4:
:20:FR-296-1
:21:C292-1
:76:/RJCR/AC04/ACCOUNT CLOSED
:11R:292
261126
:20:FI-TRF-55
:32A:261126EUR1000000,
-}"""
)


def test_answer_line_with_reason_and_text() -> None:
    ctx = Ctx()
    answer = parse_answer(ctx, "/RJCR/LEGL/COURT ORDER\n//FUNDS BLOCKED", "MT196:76", "Sts")
    assert answer == Answer("RJCR", "LEGL", ("COURT ORDER", "FUNDS BLOCKED"))
    assert ctx.diagnostics == []


def test_text_without_reason_is_written_after_a_slash() -> None:
    ctx = Ctx()
    answer = parse_answer(ctx, "/PDCR/WAITING", "MT196:76", "Sts")
    assert answer == Answer("PDCR", None, ("WAITING",))
    assert [d.rule for d in ctx.diagnostics] == ["TI033"]
    assert format_answer(Ctx(), answer, "src", "MT196:76") == "/PDCR//WAITING"


def test_seventh_answer_line_is_cut_and_reported() -> None:
    ctx = Ctx()
    texts = tuple(f"LINE {n}" for n in range(1, 8))
    out = format_answer(ctx, Answer("RJCR", "NOAS", texts), "src", "MT196:76")
    assert out.split("\n") == ["/RJCR/NOAS/LINE 1", *(f"//LINE {n}" for n in range(2, 7))]
    assert [(d.code, d.rule) for d in ctx.diagnostics] == [("lossy.truncated", "TI033")]


def test_line_one_without_answer_code_is_a_typed_error() -> None:
    with pytest.raises(ConversionError, match="answer code"):
        parse_answer(Ctx(), "WE HAVE CANCELLED", "MT196:76", "Sts")


def test_mt296_values_in_camt029() -> None:
    _, model, _ = mt_to_mx(MT296, "camt.029")
    assert isinstance(model, InvestigationResolution)
    assert model.message_type == "camt.029.001.09"
    assert model.assignment.id == "FR-296-1"
    assert model.resolved_case is not None and model.resolved_case.id == "C292-1"
    assert model.status.confirmation == "RJCR"
    tx = model.cancellation_details[0].transactions[0]
    assert tx.status == "RJCR"
    assert tx.reasons[0].reason is not None and tx.reasons[0].reason.code == "AC04"
    assert tx.reasons[0].additional_info == ("ACCOUNT CLOSED",)
    ref = tx.original
    assert ref.uetr == "0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f"
    assert ref.instruction_id == "FI-TRF-55"
    assert ref.group is not None and ref.group.message_name_id == "MT292"
    assert ref.group.message_id == "C292-1"  # 11R names the request, whose reference is 21
    assert ref.settlement_amount == Amount(Decimal("1000000"), "EUR")
    assert ref.settlement_date == date(2026, 11, 26)


def test_cncl_is_accr_and_back_and_mt196_can_be_forced() -> None:
    fin = MT296.replace(b"/RJCR/AC04/ACCOUNT CLOSED", b"/CNCL/")
    xml, model, _ = mt_to_mx(fin, "camt.029.001.13")
    assert isinstance(model, InvestigationResolution)
    assert model.cancellation_details[0].transactions[0].status == "ACCR"
    _, message, diagnostics = mx_to_mt(xml, "mt196")
    assert message.mt_number == "196"
    assert [(f.tag, f.value) for f in message.fields] == [
        ("20", "FR-296-1"),
        ("21", "C292-1"),
        ("76", "/CNCL/"),
        ("11R", "292\n261126"),
        ("20", "FI-TRF-55"),
        ("32A", "261126EUR1000000,"),
    ]
    assert all(d.rule is not None for d in diagnostics)


def test_mt296_without_11r_reports_the_family_loss() -> None:
    fin = MT296.replace(b":11R:292\n261126\n", b"")
    xml, _, to_mx = mt_to_mx(fin, "camt.029")
    assert [d.rule for d in to_mx if d.code == "lossy.dropped"] == ["TI038"]
    _, message, to_mt = mx_to_mt(xml, "mt")
    assert message.mt_number == "196"
    assert [d.rule for d in to_mt] == ["TI008"]
