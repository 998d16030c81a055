"""Hand-written expectations for MT103 ↔ pacs.008, value by value, from the CBPR+ translation rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import ConversionError
from finmsg.model.common import Amount, PartyKind
from finmsg.model.payments import CreditTransfer
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.testing.translate import FIXED_NOW, mt_to_mx, mx_to_mt
from finmsg.translate import translate

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"


def _mx(case: str) -> CreditTransfer:
    _, message, _ = mt_to_mx((CASES / "mt103-pacs008" / case / "input.fin").read_bytes())
    assert isinstance(message, CreditTransfer)
    return message


def _mt(case: str) -> MtMessage:
    _, message, _ = mx_to_mt((CASES / "pacs008-mt103" / case / "input.xml").read_bytes())
    return message


def _field(message: MtMessage, tag: str) -> str:
    found = message.get(tag)
    assert found is not None, f"{tag} missing"
    return found.value


def test_amounts_dates_fx_and_charges() -> None:
    msg = _mx("fx-structured-50k")
    tx = msg.transactions[0]
    assert tx.settlement_amount == Amount(Decimal("9876.50"), "EUR")
    assert tx.settlement_date == date(2026, 11, 30)
    assert tx.instructed_amount == Amount(Decimal("10500.00"), "USD")
    assert tx.exchange_rate == Decimal("0.9406190476")
    assert tx.charge_bearer == "SHAR"
    assert [c.amount for c in tx.charges] == [Amount(Decimal("12.50"), "EUR")]
    assert tx.ids.uetr == "4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b"
    assert tx.ids.instruction_id == "INV2026-0042"
    assert tx.ids.end_to_end_id == "NOTPROVIDED"
    assert msg.group_header.message_id == "INV2026-0042"
    assert msg.group_header.settlement is not None and msg.group_header.settlement.method == "INDA"


def test_bah_from_fin_headers() -> None:
    msg = _mx("fx-structured-50k")
    assert msg.header is not None
    assert (msg.header.from_bic, msg.header.to_bic) == ("BANKBEBBXXX", "BANKDEFFXXX")
    assert msg.header.business_message_id == "INV2026-0042"
    assert msg.header.message_definition_id == "pacs.008.001.08"
    assert msg.header.creation is not None and msg.header.creation.text == "2026-11-29T09:30:00+00:00"


def test_50k_address_is_structured_for_sr2026() -> None:
    debtor = _mx("fx-structured-50k").transactions[0].debtor
    assert debtor is not None and debtor.name == "ACME TRADING NV"
    address = debtor.address
    assert address is not None
    assert (address.street_name, address.building_number) == ("MEIR", "44")
    assert (address.post_code, address.town_name, address.country) == ("2000", "ANTWERPEN", "BE")
    assert address.lines == ()


def test_four_full_lines_of_70_join_without_loss() -> None:
    rmt = _mx("fx-structured-50k").transactions[0].remittance
    assert rmt is not None
    assert rmt.unstructured == (
        "/INV/2026-0042/20261115 SEA FREIGHT SHIPMENT AND HANDLING FEES FOR NOVEMBER INCLUDING"
        " INSURANCE PREMIUM AND PORT CHARGES PAID IN ADVANCE 123",
    )


def test_50f_repeated_address_lines_and_59f_without_2() -> None:
    tx = _mx("50f-repeated-2-59f-no-2").transactions[0]
    debtor, creditor = tx.debtor, tx.creditor
    assert debtor is not None and debtor.address is not None
    assert (debtor.address.street_name, debtor.address.building_number) == ("AVENUE LOUISE", "54")
    assert debtor.address.lines == ("BOITE 3",)
    assert (debtor.address.post_code, debtor.address.town_name) == ("1050", "BRUXELLES")
    assert creditor is not None and creditor.address is not None
    assert creditor.address.street_name is None
    assert (creditor.address.post_code, creditor.address.town_name, creditor.address.country) == (
        "75008",
        "PARIS",
        "FR",
    )
    assert tx.ids.end_to_end_id == "E2E-REF-991"  # from 70 /ROC/
    assert tx.charge_bearer == "DEBT"
    assert [c.amount for c in tx.charges] == [Amount(Decimal("25"), "EUR")]


def test_no_57a_means_the_receiver_is_the_creditor_agent() -> None:
    tx = _mx("50f-repeated-2-59f-no-2").transactions[0]
    assert tx.creditor_agent is not None and tx.creditor_agent.bic == "BANKDEFFXXX"
    assert tx.debtor_agent is not None and tx.debtor_agent.bic == "BANKBEBBXXX"


def test_lei_in_50f_line_6_becomes_orgid_lei_and_back() -> None:
    debtor = _mx("50f-lei").transactions[0].debtor
    assert debtor is not None
    assert debtor.lei == "5493001KJTIIGC8Y1R12" and debtor.kind is PartyKind.ORGANISATION
    mt = _mt("structured-lei-nonlatin")
    assert "6/DE/LEI/5493001KJTIIGC8Y1R12" in _field(mt, "50F").split("\n")


def test_72_codewords_and_coded_fields() -> None:
    msg = _mx("long-72-codewords")
    tx = msg.transactions[0]
    assert [a.agent.bic for a in tx.previous_instructing_agents] == ["ABNANL2A"]
    assert [a.agent.bic for a in tx.intermediary_agents] == ["CHASUS33", "DEUTDEFF"]
    assert [(i.code, i.info) for i in tx.instructions_for_creditor_agent] == [
        ("PHOB", "0032 2 555 1234"),
        (None, "PLEASE CREDIT BENEFICIARY UPON RECEIPT OF FUNDS WITHOUT DELAY AND ADVISE BY PHONE"),
    ]
    assert [(i.code, i.info) for i in tx.instructions_for_next_agent] == [(None, "CHARGES TO BE CONFIRMED")]
    assert tx.purpose is not None and tx.purpose.proprietary == "K90"
    assert tx.payment_type is not None and tx.payment_type.instruction_priority == "HIGH"
    fragments = {e.path.rsplit("/", 1)[-1]: e.content for e in tx.extras}
    assert "<CLSTm>10:15:00+01:00</CLSTm>" in fragments["SttlmTmReq[1]"]
    assert "<DbtCdtRptgInd>DEBT</DbtCdtRptgInd>" in fragments["RgltryRptg[1]"]
    assert "<Ctry>GB</Ctry>" in fragments["RgltryRptg[1]"]
    assert "<Inf>10 DOWNING STREET</Inf>" in fragments["RgltryRptg[1]"]


def test_53b_location_only_keeps_inda_and_reports_the_location() -> None:
    _, msg, diags = mt_to_mx((CASES / "mt103-pacs008" / "53b-location-no-57a" / "input.fin").read_bytes())
    assert isinstance(msg, CreditTransfer)
    settlement = msg.group_header.settlement
    assert settlement is not None and settlement.method == "INDA" and settlement.account is None
    dropped = [d for d in diags if d.code == "lossy.dropped" and d.rule == "TR006"]
    assert [(d.path, d.original) for d in dropped] == [("MT103:53B/line[1]", "ZURICH")]


def test_53a_54a_give_cove_with_reimbursement_agents() -> None:
    settlement = _mx("stp-cover-gpi").group_header.settlement
    assert settlement is not None and settlement.method == "COVE"
    assert settlement.instructing_reimbursement is not None
    assert settlement.instructing_reimbursement.agent.bic == "CITIUS33"
    assert settlement.instructed_reimbursement is not None
    assert settlement.instructed_reimbursement.agent.bic == "IRVTUS3N"


def test_missing_uetr_is_reported_never_derived() -> None:
    _, msg, diags = mt_to_mx((CASES / "mt103-pacs008" / "remit-77t-unstructured" / "input.fin").read_bytes())
    assert isinstance(msg, CreditTransfer)
    assert msg.transactions[0].ids.uetr is None
    assert any(d.code == "mapping.missing" and d.rule == "TR002" for d in diags)


def test_pacs008_to_mt103_fields() -> None:
    mt = _mt("cover-chain-instructions")
    assert mt.message_type == "103" and mt.uetr == "33333333-4444-4555-8666-777777777777"
    assert mt.header_tag(111) == "001"
    assert _field(mt, "32A") == "261203USD250000,00"
    assert _field(mt, "33B") == "EUR230000,00"
    assert _field(mt, "36") == "1,0869565217"
    assert _field(mt, "53A") == "CITIUS33" and _field(mt, "54A") == "IRVTUS3N"
    assert _field(mt, "56A") == "CHASUS33" and _field(mt, "57A") == "WFBIUS6S"
    assert _field(mt, "13C") == "/CLSTIME/1015+0100"
    assert _field(mt, "23E") == "PHOB/+1 415 555 0100"
    assert _field(mt, "71A") == "SHA"
    assert _field(mt, "77B") == "/ORDERRES/BE//IMPORT OF GOODS 8471"
    assert _field(mt, "72").split("\n") == [
        "/INS/ABNANL2A",
        "/INTA/BOFAUS3N",
        "/ACC/CREDIT ON RECEIPT",
        "/CATPURP/SUPP",
        "/PURP/GDDS",
        "/REC/PLEASE EXPEDITE",
    ]
    assert mt.application_header is not None and mt.application_header.priority == "U"


def test_pacs008_structured_parties_become_option_f() -> None:
    mt = _mt("slash-ref-no-bah-cred")
    assert _field(mt, "50F").split("\n") == [
        "CCPT/JP/AB1234567",
        "1/YAMADA TARO",
        "3/JP/TOKYO",
        "4/19700517",
        "5/JP/OSAKA",
    ]
    assert _field(mt, "59F").split("\n") == [
        "/987654321",
        "1/JOHN DOE",
        "2/WALL STREET 1",
        "3/US/NEW YORK NY 10005",
    ]
    assert mt.basic_header is not None and mt.basic_header.lt_address == "BOTKJPJTAXXX"


def test_reference_rules_16x() -> None:
    assert _field(_mt("truncation-long-ids"), "20") == "INSTRUCTION-REF+"
    assert _field(_mt("slash-ref-no-bah-cred"), "20") == "NOTPROVIDED"


def test_charge_rules_mx_to_mt() -> None:
    ben = _mt("slash-ref-no-bah-cred")
    assert _field(ben, "71A") == "BEN" and _field(ben, "71F") == "JPY0,"
    our = _mt("our-71g-clearing-dropped")
    assert _field(our, "71A") == "OUR" and _field(our, "71G") == "USD25,00"
    assert _field(our, "57D").split("\n")[0] == "//FW121000248"


def test_transliteration_one_diagnostic_lists_every_character() -> None:
    _, mt, diags = mx_to_mt((CASES / "pacs008-mt103" / "structured-lei-nonlatin" / "input.xml").read_bytes())
    assert _field(mt, "59F").split("\n")[1] == "1/Aleksey Ivanov"
    assert _field(mt, "50F").split("\n")[1] == "1/Muller + Sohne Maschinenbau GmbH"
    charset = [d for d in diags if d.code == "charset.transliterated"]
    assert len(charset) == 1
    assert charset[0].original is not None and set("üöÉßА–") <= set(charset[0].original)


def test_target_errors_are_typed() -> None:
    mt = read_one((CASES / "mt103-pacs008" / "stp-cover-gpi" / "input.fin").read_bytes()).value
    with pytest.raises(ConversionError) as excinfo:
        translate(mt, "mt202", now=FIXED_NOW)
    assert excinfo.value.code == "translate.same-family"
    with pytest.raises(ConversionError) as excinfo:
        translate(mt, "camt.053", now=FIXED_NOW)
    assert excinfo.value.code == "translate.unsupported"
    with pytest.raises(ConversionError):
        translate(mt, "not a target")


def test_a_refused_target_names_the_one_this_message_translates_to() -> None:
    # an MT103 carrying 72 /REJT/ is a reject: pacs.002 (CBPR+), never a pacs.008
    mt = read_one((CASES / "mt103rejt-pacs002" / "be04-rejected" / "input.fin").read_bytes()).value
    with pytest.raises(ConversionError) as excinfo:
        translate(mt, "pacs.008.001.08", now=FIXED_NOW)
    assert excinfo.value.code == "translate.unsupported"
    assert excinfo.value.message.endswith("; this message translates to: pacs.002")


def test_explicit_stp_is_refused_when_an_agent_needs_option_d() -> None:
    from finmsg.iso20022.document import read_iso

    source = read_iso((CASES / "pacs008-mt103" / "our-71g-clearing-dropped" / "input.xml").read_bytes(), {})
    with pytest.raises(ConversionError) as excinfo:
        translate(source.value, "mt103stp", now=FIXED_NOW)
    assert excinfo.value.code == "translate.stp"
    assert translate(source.value, "mt103", now=FIXED_NOW).value.message_type == "103"
