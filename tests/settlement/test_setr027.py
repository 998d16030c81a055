"""setr.027 trade confirmation: golden cases FIX/MT515 -> setr.027 -> MT515, XSD-validated.

Goldens (``setr027.xml``, ``to_mt515.fin``, ``diagnostics.json``) are written only
by ``--update-goldens`` and were reviewed by hand; the key facts of every case
are also asserted below with values taken from the input messages.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

import finmsg
from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.schemas import validate_document
from finmsg.model.confirmation import TradeConfirmation
from finmsg.mt import validate_message
from finmsg.settlement import (
    convert_settlement,
    fix_to_setr027,
    fix_to_settlement,
    mt515_to_setr027,
    setr027_to_mt515,
)
from finmsg.settlement.setr_rules import SETR_RULES, describe
from tests.golden import check_golden
from tests.settlement.helpers import FIXTURES, diag_dicts, mt_text, read_fix_file, read_mt

NOW = datetime(2024, 1, 29, 16, 0, tzinfo=timezone.utc)
CASES = sorted(p.name for p in FIXTURES.glob("setr027-*") if p.is_dir())
_NS = {
    "s": "urn:iso:std:iso:20022:tech:xsd:setr.027.001.05",
    "h": "urn:iso:std:iso:20022:tech:xsd:head.001.001.02",
}


def _convert(case: Path) -> tuple[TradeConfirmation, list[dict[str, object]]]:
    if (case / "trade.fin").exists():
        result = mt515_to_setr027(read_mt((case / "trade.fin").read_text()), now=NOW)
    else:
        routing = json.loads((case / "routing.json").read_text()) if (case / "routing.json").exists() else {}
        result = fix_to_setr027(read_fix_file(case / "trade.fix")[0], now=NOW, **routing)
    return result.value, diag_dicts(result.diagnostics)


def setr_xml(model: TradeConfirmation) -> bytes:
    """setr.027 XML of ``model``; the Document (and AppHdr, when present) must pass the XSD."""
    data = finmsg.write(model, "setr.027").value
    root = etree.fromstring(data)
    doc = root if etree.QName(root).localname == "Document" else root.find("s:Document", _NS)
    assert doc is not None
    assert validate_document(doc, "setr.027.001.05") == []
    header = root.find("h:AppHdr", _NS)
    if header is not None:
        assert validate_document(header, "head.001.001.02") == []
    return bytes(data)


def _read(data: bytes) -> TradeConfirmation:
    value = read_iso(data, {}).value
    assert isinstance(value, TradeConfirmation)
    return value


def test_at_least_five_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_to_setr027_golden(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    model, diags = _convert(case)
    check_golden(case / "setr027.xml", setr_xml(model).decode(), update_goldens)
    check_golden(case / "diagnostics.json", json.dumps(diags, indent=1) + "\n", update_goldens)


@pytest.mark.parametrize("name", CASES)
def test_setr027_to_mt515_golden(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    golden = case / "setr027.xml"
    if not golden.exists():
        pytest.fail(f"{golden} missing: run --update-goldens")
    result = setr027_to_mt515(_read(golden.read_bytes()))
    if name == "setr027-no-routing":  # no investor party: the MT515 must be flagged, not passed
        problems = [d.message for d in validate_message(result.value) if d.severity is Severity.ERROR]
        assert problems == ["mandatory block CONFPRTY missing"]
        return
    check_golden(case / "to_mt515.fin", mt_text(result.value), update_goldens)


def _text(root: etree._Element, path: str) -> str | None:
    found = root.find(path, _NS)
    return None if found is None else found.text


def test_equity_buy_facts() -> None:
    model, _ = _convert(FIXTURES / "setr027-equity-buy")
    root = etree.fromstring(setr_xml(model))
    t = "s:Document/s:SctiesTradConf/s:TradDtls/"
    assert _text(root, t + "s:Sd") == "BUYI"
    assert _text(root, t + "s:Pmt") == "APMT"
    assert _text(root, t + "s:PlcOfTrad/s:Id/s:MktIdrCd") == "XNAS"  # FIX 30
    assert _text(root, t + "s:TradDt/s:Dt/s:Dt") == "2024-01-29"  # FIX 75
    assert _text(root, t + "s:SttlmDt/s:Dt/s:Dt") == "2024-01-31"  # FIX 64
    assert _text(root, t + "s:ConfQty/s:Qty/s:Unit") == "100"
    assert _text(root, t + "s:DealPric/s:Val/s:Amt") == "185.25"
    assert _text(root, t + "s:GrssTradAmt/s:Amt") == "18525"  # FIX 381
    body = "s:Document/s:SctiesTradConf/"
    assert _text(root, body + "s:FinInstrmId/s:ISIN") == "US0378331005"
    assert _text(root, body + "s:SttlmAmt/s:Amt") == "18540"  # FIX 118
    assert _text(root, body + "s:SttlmAmt/s:CdtDbtInd") == "DBIT"  # the buyer pays
    assert _text(root, body + "s:OthrAmts/s:ExctgBrkrAmt/s:Amt") == "15"  # FIX 12
    assert _text(root, body + "s:ConfPties/s:Sellr/s:Id/s:AnyBIC") == "CPTYUS33"
    assert _text(root, body + "s:ConfPties/s:Buyr/s:Id/s:AnyBIC") == "FUNDGB2LXXX"  # the sender (SE022)
    assert _text(root, body + "s:DlvrgSttlmPties/s:Dpstry/s:Id/s:AnyBIC") == "DTCYUS33"
    assert _text(root, body + "s:DlvrgSttlmPties/s:Pty1/s:Id/s:AnyBIC") == "BRKRUS33XXX"
    assert _text(root, body + "s:OthrBizPties/s:Invstr/s:SfkpgAcct") == "SAFE-021"
    hdr = "h:AppHdr/h:"
    assert _text(root, hdr + "Fr/h:FIId/h:FinInstnId/h:BICFI") == "FUNDGB2LXXX"
    assert _text(root, hdr + "To/h:FIId/h:FinInstnId/h:BICFI") == "CUSTDEFFXXX"
    assert _text(root, hdr + "MsgDefIdr") == "setr.027.001.05"
    assert _text(root, hdr + "BizMsgIdr") == "EXEC21"


def test_bond_face_amount_and_accrued_interest() -> None:
    model, _ = _convert(FIXTURES / "setr027-bond-famt")
    again = _read(setr_xml(model))
    assert (again.side, again.quantity_type, again.quantity) == ("SELL", "FAMT", Decimal("500000"))
    assert (again.price.type, again.price.value) == ("PRCT", Decimal("99.5"))  # type: ignore[union-attr]
    assert again.amount("ACRU") == model.amount("ACRU")
    assert again.amount("ACRU").value == Decimal("812.5")  # type: ignore[union-attr]
    assert again.amount("SETT").value == Decimal("498312.5")  # type: ignore[union-attr]


def test_free_of_payment() -> None:
    model, _ = _convert(FIXTURES / "setr027-free")
    assert (model.payment, model.side) == ("FREE", "SELL")
    assert b"<Pmt>FREE</Pmt>" in setr_xml(model)


def test_no_routing_writes_no_header_and_says_so() -> None:
    model, diags = _convert(FIXTURES / "setr027-no-routing")
    assert model.header is None
    assert not setr_xml(model).count(b"AppHdr")
    missing = [d for d in diags if d["code"] == "settlement.party.missing"]
    assert [d["rule"] for d in missing] == ["SE022"]


def test_mt515_round_trip_keeps_the_trade() -> None:
    text = (FIXTURES / "setr027-mt515" / "trade.fin").read_text()
    conf = mt515_to_setr027(read_mt(text), now=NOW)
    assert conf.value.place_of_trade == "XNYS"  # :94B::TRAD//EXCH/XNYS (SE023)
    assert (conf.value.sender, conf.value.receiver) == ("BRKRUS33XXX", "FUNDGB2LXXX")
    back = _read(setr_xml(conf.value))
    mt = setr027_to_mt515(back).value
    fields = [(f.tag, f.value) for f in mt.fields]
    for expected in (
        ("20C", ":SEME//CONF515"),
        ("98A", ":TRAD//20240129"),
        ("98A", ":SETT//20240131"),
        ("22H", ":BUSE//SELL"),
        ("36B", ":CONF//UNIT/400,"),
        ("35B", "ISIN US5949181045"),
        ("19A", ":SETT//USD16990,"),
        ("95P", ":PSET//DTCYUS33"),
    ):
        assert expected in fields
    assert mt.basic_header is not None and mt.basic_header.lt_address == "BRKRUS33AXXX"
    dropped = [d for d in setr027_to_mt515(back).diagnostics if d.rule == "SE023"]
    assert [d.original for d in dropped] == ["XNYS"]


def test_missing_price_or_trade_date_is_refused() -> None:
    text = (FIXTURES / "setr027-mt515" / "trade.fin").read_text()
    no_price = text.replace(":90B::DEAL//ACTU/USD42,5\n", "")
    with pytest.raises(ConversionError) as info:
        mt515_to_setr027(read_mt(no_price))
    assert info.value.code == "settlement.price"


def test_instruction_is_not_a_trade_confirmation() -> None:
    report = read_fix_file(FIXTURES / "setr027-free" / "trade.fix")[0]
    instruction = fix_to_settlement(report).value
    with pytest.raises(ConversionError):
        convert_settlement(instruction, "setr.027")


def test_convert_hook_targets_setr027_and_back() -> None:
    report = read_fix_file(FIXTURES / "setr027-equity-buy" / "trade.fix")[0]
    conf = convert_settlement(report, "setr.027", now=NOW).value
    assert isinstance(conf, TradeConfirmation)
    assert conf.settlement_date == date(2024, 1, 31)
    mt = convert_settlement(conf, "mt515").value
    assert mt.message_type == "515"


def test_new_rules_are_described() -> None:
    assert sorted(SETR_RULES) == ["SE020", "SE021", "SE022", "SE023"]
    assert "AppHdr" in describe("SE021") and describe("SE004")
