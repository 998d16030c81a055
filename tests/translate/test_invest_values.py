"""MT192/MT292 ↔ camt.056 rules checked one by one against hand-written values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError
from finmsg.model.common import Amount
from finmsg.model.exceptions import CancellationRequest
from finmsg.testing.translate import mt_to_mx, mx_to_mt
from finmsg.translate.invest_common import family_of, parse_code_line

MT292 = (
    b"{1:F01BANKGB2LAXXX0000000000}{2:I292BANKFRPPXXXXN}{3:{121:8a562c67-ca16-48ba-b074-65581be6f001}}"
    b"""{4:
:20:C-1
:21:ORIG-1
:11S:205
261126
:79:/AM09/WRONG AMOUNT
:32A:261126EUR1000,5
-}"""
)


@pytest.mark.parametrize(
    ("name", "family"),
    [("MT103", "1"), ("MT202", "2"), ("pacs.008.001.08", "1"), ("pacs.009.001.08", "2"), ("camt.053", None)],
)
def test_the_original_message_decides_the_mt_family(name: str, family: str | None) -> None:
    assert family_of(name) == family


def test_code_lines() -> None:
    assert (parse_code_line("/CUST/ASKED").code, parse_code_line("/CUST/ASKED").rest) == ("CUST", "ASKED")
    assert parse_code_line("NO CODE").code is None


def test_mt292_values_in_camt056() -> None:
    _, model, _ = mt_to_mx(MT292, "camt.056")
    assert isinstance(model, CancellationRequest)
    assert model.assignment.id == "C-1" and model.case is not None and model.case.id == "C-1"
    tx = model.underlyings[0].transactions[0]
    assert tx.original.instruction_id == "ORIG-1"
    assert tx.original.group is not None and tx.original.group.message_name_id == "MT205"
    assert tx.original.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert tx.original.settlement_amount == Amount(Decimal("1000.5"), "EUR")
    assert tx.original.settlement_date == date(2026, 11, 26)
    assert tx.reasons[0].reason is not None and tx.reasons[0].reason.code == "AM09"
    assert tx.reasons[0].additional_info == ("WRONG AMOUNT",)


def test_forcing_mt192_and_the_copy_comes_back() -> None:
    xml, _, _ = mt_to_mx(MT292, "camt.056")
    _fin, message, _ = mx_to_mt(xml, "mt192")
    assert message.mt_number == "192"
    assert [(f.tag, f.value) for f in message.fields] == [
        ("20", "C-1"),
        ("21", "ORIG-1"),
        ("11S", "205\n261126"),
        ("79", "/AM09/WRONG AMOUNT"),
        ("32A", "261126EUR1000,5"),
    ]


def test_a_request_with_nothing_to_cancel_is_a_typed_error() -> None:
    xml = b"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.056.001.08"><FIToFIPmtCxlReq>
<Assgnmt><Id>A</Id><Assgnr><Agt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></Agt></Assgnr>
<Assgne><Agt><FinInstnId><BICFI>BANKUS33XXX</BICFI></FinInstnId></Agt></Assgne>
<CreDtTm>2026-11-30T10:00:00+00:00</CreDtTm></Assgnmt></FIToFIPmtCxlReq></Document>"""
    with pytest.raises(ConversionError, match="TxInf"):
        mx_to_mt(xml, "mt")
