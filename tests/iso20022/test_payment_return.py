"""pacs.004 payment return: mapping, golden model, round trip, schema validity, versions, extras."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount, Party, PartyKind
from finmsg.model.exceptions import PaymentReturn
from finmsg.model.payments import CodeOrProprietary
from tests.golden import canonical_xml
from tests.iso20022.support_exceptions import (
    assert_extra_survives,
    assert_golden,
    assert_round_trip,
    case_input,
    document_of,
    dropped_paths,
    inject,
    read_case,
    schema_errors,
    write,
)

CASES = ("pacs004-cbpr-envelope", "pacs004-sepa-multi", "pacs004-v14-fx")


def _read(case: str) -> PaymentReturn:
    message = read_case(case)
    assert isinstance(message, PaymentReturn)
    return message


def test_cbpr_return_maps_references_amounts_and_reason() -> None:
    m = _read("pacs004-cbpr-envelope")
    assert m.message_type == "pacs.004.001.09"
    assert m.header is not None and m.header.business_service == "swift.cbprplus.02"
    assert m.header.from_bic == "BANKDEFFXXX"
    assert m.group_header.message_id == "RTR-20261202-0007"
    assert m.group_header.settlement is not None and m.group_header.settlement.method == "INDA"
    (tx,) = m.transactions
    assert tx.return_id == "RTR-TX-0007"
    orig = tx.original
    assert orig.group is not None
    assert (orig.group.message_id, orig.group.message_name_id) == ("MSG-20261129-0001", "pacs.008.001.08")
    assert orig.group.creation is not None and orig.group.creation.text == "2026-11-29T09:15:00+00:00"
    assert (orig.instruction_id, orig.end_to_end_id) == ("INSTR-0001", "E2E-INV-4711")
    assert orig.transaction_id == "TX-0001"
    assert orig.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert orig.settlement_amount == Amount(Decimal("12500.50"), "EUR")
    assert orig.settlement_date == date(2026, 11, 30)
    assert tx.returned_amount == Amount(Decimal("12475.50"), "EUR")
    assert tx.returned_instructed_amount == Amount(Decimal("12500.50"), "EUR")
    assert tx.settlement_date == date(2026, 12, 2)
    assert tx.charge_bearer == "CRED"
    assert len(tx.charges) == 1 and tx.charges[0].amount == Amount(Decimal("25.00"), "EUR")
    assert tx.charges[0].agent is not None and tx.charges[0].agent.bic == "BANKDEFFXXX"
    assert tx.instructing_agent == Agent(bic="BANKDEFFXXX")
    (reason,) = tx.reasons
    assert reason.reason == CodeOrProprietary("AC04")
    assert reason.additional_info == ("Account closed on 2026-11-15",)
    assert reason.originator is not None and reason.originator.bic == "BANKDEFFXXX"
    chain = tx.return_chain
    assert chain is not None
    assert isinstance(chain.debtor, Party) and chain.debtor.name == "Müller Maschinenbau GmbH"
    assert chain.debtor.address is not None and chain.debtor.address.street_name == "Leopoldstraße"
    assert isinstance(chain.creditor, Party) and chain.creditor.lei == "5493001KJTIIGC8Y1R12"
    assert chain.creditor.kind is PartyKind.ORGANISATION
    assert chain.debtor_agent == Agent(bic="BANKDEFFXXX")
    assert chain.creditor_agent == Agent(bic="BANKGB2LXXX")
    assert tx.extras == () and m.extras == ()


def test_sepa_return_maps_several_transactions_and_original_details() -> None:
    m = _read("pacs004-sepa-multi")
    assert m.header is None
    gh = m.group_header
    assert gh.number_of_transactions == "2"
    assert gh.settlement_date == date(2026, 12, 3)
    assert gh.settlement is not None and gh.settlement.clearing_system == CodeOrProprietary(None, "ST2")
    assert gh.instructing_agent == Agent(bic="COBADEFFXXX")
    # the group total of a return has no canonical slot: it is kept as an extra of the group header
    assert [e.path for e in gh.extras] == ["/Document/PmtRtr/GrpHdr/TtlRtrdIntrBkSttlmAmt[1]"]
    first, second = m.transactions
    assert first.original.end_to_end_id == "FACT-2026-0815"
    assert first.returned_amount == Amount(Decimal("1000.00"), "EUR")
    assert first.reasons[0].reason == CodeOrProprietary("MS03")
    details = first.original.details
    assert details is not None
    assert details.settlement_date == date(2026, 12, 1)
    assert details.payment_type is not None
    assert details.payment_type.service_levels == (CodeOrProprietary("SEPA"),)
    assert details.remittance is not None
    assert details.remittance.unstructured == ("Facture 2026-0815 – fournitures",)
    assert isinstance(details.debtor, Party)
    assert details.debtor.name == "Société Générale des Eaux d'Île-de-France"
    assert details.debtor.address is not None
    assert details.debtor.address.lines == ("12 rue de l'Économie", "75011 Paris")
    assert details.debtor_account is not None and details.debtor_account.iban == "FR7630006000011234567890189"
    assert isinstance(details.creditor, Party) and details.creditor.name == "Jürgen Weiß e.K."
    assert second.original.transaction_id == "BNP17-000032"
    assert second.returned_amount == Amount(Decimal("340.25"), "EUR")
    reason = second.reasons[0]
    assert reason.reason == CodeOrProprietary(None, "CUST-REFUSED")
    assert reason.additional_info == ("Creditor refused the funds", "Contact: buchhaltung@weiss.example")
    assert reason.originator is not None and reason.originator.name == "Jürgen Weiß e.K."
    assert second.original.details is not None
    assert isinstance(second.original.details.debtor, Party)
    assert second.original.details.debtor.address is not None
    assert second.original.details.debtor.address.town_name == "Lyon"


def test_v14_return_maps_fx_and_agent_creditor() -> None:
    m = _read("pacs004-v14-fx")
    (tx,) = m.transactions
    assert tx.original.settlement_amount == Amount(Decimal("1500000"), "JPY")
    assert tx.returned_amount == Amount(Decimal("9987.40"), "USD")
    assert tx.exchange_rate == Decimal("0.0066583")
    assert tx.compensation_amount == Amount(Decimal("12.60"), "USD")
    chain = tx.return_chain
    assert chain is not None
    assert isinstance(chain.debtor, Party) and chain.debtor.name == "株式会社山田商事"
    assert chain.debtor_account is not None and chain.debtor_account.other is not None
    assert chain.debtor_account.other.id == "1234567"
    assert chain.creditor == Agent(bic="USBKUS44XXX")
    assert chain.creditor_agent is not None and chain.creditor_agent.clearing is not None
    assert chain.creditor_agent.clearing.member_id == "091000022"
    assert chain.creditor_agent.clearing.system_code == "USABA"
    assert [a.agent.bic for a in chain.intermediary_agents] == ["CHASUS33XXX"]
    assert chain.intermediary_agents[0].account is not None
    assert m.group_header.creation is not None
    assert m.group_header.creation.text == "2026-12-04T14:02:11.250Z"


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    assert_golden(case, update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_lossless_and_valid(case: str) -> None:
    assert_round_trip(case)


def test_inputs_are_schema_valid() -> None:
    for case in CASES:
        message = read_case(case)
        assert schema_errors(case_input(case), message.message_type) == [], case


def test_upgrade_to_v14_and_back() -> None:
    original = case_input("pacs004-cbpr-envelope")
    up, diagnostics = write(read_case("pacs004-cbpr-envelope"), "pacs.004.001.14")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(up, "pacs.004.001.14") == []
    back, diagnostics = write(read_iso(up, {}).value, "pacs.004.001.09")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert canonical_xml(document_of(back)) == canonical_xml(document_of(original))


def test_downgrade_reports_return_chain_accounts_v09_cannot_carry() -> None:
    down, diagnostics = write(read_case("pacs004-v14-fx"), "pacs.004.001.09")
    assert dropped_paths(diagnostics) == [
        "/Document/PmtRtr/TxInf/RtrChain/DbtrAcct",
        "/Document/PmtRtr/TxInf/RtrChain/IntrmyAgt1Acct",
    ]
    assert schema_errors(down, "pacs.004.001.09") == []
    assert b"1234567" not in down and b"CHASUS33XXX" in down


def test_unknown_supplementary_element_survives() -> None:
    data = inject(
        "pacs004-sepa-multi",
        "PmtRtr/TxInf",
        "<SplmtryData><PlcAndNm>Bank note</PlcAndNm><Envlp><Note>kept as is</Note></Envlp></SplmtryData>",
    )
    message = assert_extra_survives(data)
    assert isinstance(message, PaymentReturn)
    assert [e.path for e in message.transactions[0].extras] == ["/Document/PmtRtr/TxInf[1]/SplmtryData[1]"]


def test_foreign_namespace_inside_supplementary_data_survives() -> None:
    data = inject(
        "pacs004-sepa-multi",
        "PmtRtr/TxInf",
        '<SplmtryData><Envlp><Note xmlns="urn:example:bank">kept</Note></Envlp></SplmtryData>',
    )
    assert_extra_survives(data)
