"""pacs.002 and pain.002 status reports: mapping, golden model, round trip, validity, versions, extras."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount, Party, PartyKind
from finmsg.model.exceptions import StatusReport
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

PACS002 = ("pacs002-cbpr-envelope", "pacs002-group-multi", "pacs002-v12-query")
PAIN002 = ("pain002-envelope-partial", "pain002-v12-rejected", "pain002-v15-multi")
CASES = PACS002 + PAIN002


def _read(case: str) -> StatusReport:
    message = read_case(case)
    assert isinstance(message, StatusReport)
    return message


def test_pacs002_rejection_maps_original_references_and_reason() -> None:
    m = _read("pacs002-cbpr-envelope")
    assert m.message_type == "pacs.002.001.10"
    assert m.header is not None and m.header.business_message_id == "STS-20261129-0412"
    assert m.group_header.message_id == "STS-20261129-0412"
    assert m.original_groups == () and m.payment_infos == ()
    (tx,) = m.transactions
    assert tx.status == "RJCT"
    assert tx.original.group is not None and tx.original.group.message_name_id == "pacs.008.001.08"
    assert tx.original.end_to_end_id == "E2E-INV-4711"
    assert tx.original.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    (reason,) = tx.reasons
    assert reason.reason == CodeOrProprietary("AC01")
    assert reason.additional_info == ("IBAN check digits invalid",)
    assert reason.originator is not None and reason.originator.bic == "BANKDEFFXXX"
    assert tx.instructing_agent == Agent(bic="BANKDEFFXXX")
    assert tx.instructed_agent == Agent(bic="BANKGB2LXXX")


def test_pacs002_group_status_and_transactions() -> None:
    m = _read("pacs002-group-multi")
    assert m.group_header.instructing_agent == Agent(bic="EBAPFRPPPSA")
    assert m.group_header.creation is not None
    assert m.group_header.creation.text == "2026-12-01T06:05:00.123+01:00"
    (group,) = m.original_groups
    assert group.original.message_id == "SCT20261201BNP17"
    assert group.number_of_transactions == "2"
    assert group.control_sum == Decimal("1340.25")
    assert group.status == "PART"
    # per-status counts are not modelled: kept as extras, in order
    assert [e.path.rsplit("/", 1)[1] for e in group.extras] == ["NbOfTxsPerSts[1]", "NbOfTxsPerSts[2]"]
    accepted, rejected = m.transactions
    assert (accepted.status_id, accepted.status) == ("STS-77-0001", "ACSC")
    assert accepted.acceptance is not None and accepted.acceptance.text == "2026-12-01T06:04:58+01:00"
    assert accepted.effective_settlement_date == date(2026, 12, 1)
    assert accepted.account_servicer_ref == "EBA-REF-9912"
    assert rejected.status == "RJCT"
    assert rejected.reasons[0].reason == CodeOrProprietary(None, "XT33")
    assert rejected.reasons[0].originator is not None
    assert rejected.reasons[0].originator.name == "STEP2 Clearing – Équipe Opérations"
    details = rejected.original.details
    assert details is not None
    assert details.settlement_amount == Amount(Decimal("340.25"), "EUR")
    assert isinstance(details.debtor, Party) and details.debtor.address is not None
    assert details.debtor.address.lines == ("4 avenue Jean Jaurès", "69007 Lyon")
    assert isinstance(details.creditor, Party) and details.creditor.address is not None
    assert details.creditor.address.town_name == "Düsseldorf"


def test_pacs002_pending_with_charges() -> None:
    m = _read("pacs002-v12-query")
    (tx,) = m.transactions
    assert tx.status == "PDNG"
    assert tx.reasons[0].reason == CodeOrProprietary("AM21")
    assert tx.charges[0].amount == Amount(Decimal("15.00"), "USD")
    assert tx.clearing_system_ref == "FED-20261205-33"
    assert tx.original.group is not None and tx.original.group.message_name_id == "pacs.009.001.08"


def test_pain002_partial_acceptance_per_payment_info() -> None:
    m = _read("pain002-envelope-partial")
    assert m.message_type == "pain.002.001.10"
    assert m.group_header.initiating_party is not None
    assert m.group_header.initiating_party.name == "Bäckerei Schröder GmbH & Co. KG"
    # the debtor agent of a pain.002 group header has no canonical slot: kept as an extra
    assert [e.path for e in m.group_header.extras] == ["/Document/CstmrPmtStsRpt/GrpHdr/DbtrAgt[1]"]
    (group,) = m.original_groups
    assert (group.original.message_name_id, group.status, group.control_sum) == (
        "pain.001.001.09",
        "PART",
        Decimal("4820.00"),
    )
    (info,) = m.payment_infos
    assert info.original_payment_info_id == "PMTINF-48-1"
    assert info.status == "PART"
    accepted, rejected = info.transactions
    assert (accepted.original.instruction_id, accepted.status) == ("48-1-001", "ACCP")
    assert rejected.original.end_to_end_id == "RE-2026-1102"
    assert rejected.reasons[0].reason == CodeOrProprietary("AM04")
    assert rejected.reasons[0].additional_info == ("Kontodeckung nicht ausreichend",)
    details = rejected.original.details
    assert details is not None
    assert details.instructed_amount == Amount(Decimal("2500.00"), "EUR")
    assert details.requested_execution_date == date(2026, 12, 1)
    assert isinstance(details.creditor, Party) and details.creditor.name == "Mühlenwerke Österreich AG"
    assert details.creditor_account is not None and details.creditor_account.iban == "AT611904300234573201"


def test_pain002_group_rejection() -> None:
    m = _read("pain002-v12-rejected")
    party = m.group_header.initiating_party
    assert party is not None and party.kind is PartyKind.ORGANISATION
    assert party.other_ids[0].id == "81234567800019"
    assert party.other_ids[0].scheme_proprietary == "SIRET"
    (group,) = m.original_groups
    assert group.status == "RJCT"
    assert group.reasons[0].reason == CodeOrProprietary("DU01")
    assert m.payment_infos == ()


def test_pain002_several_payment_infos() -> None:
    m = _read("pain002-v15-multi")
    salary, suppliers = m.payment_infos
    assert (salary.original_payment_info_id, salary.status) == ("B-1203-SALARY", "ACSP")
    assert salary.transactions == ()
    assert suppliers.number_of_transactions == "2"
    ok, ko = suppliers.transactions
    assert ok.original.end_to_end_id == "SUP-ZOË-01" and ok.status == "ACSC"
    assert ok.original.uetr == "0c8e4f52-9b1d-4e3a-a7c6-5d2f1e0b9a83"
    assert [r.reason for r in ko.reasons] == [CodeOrProprietary("BE05"), CodeOrProprietary("RC01")]
    assert ko.original.details is not None
    assert ko.original.details.creditor_agent == Agent(bic="KREDBEBBXXX")


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    assert_golden(case, update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_lossless_and_valid(case: str) -> None:
    assert_round_trip(case)


@pytest.mark.parametrize("case", CASES)
def test_inputs_are_schema_valid(case: str) -> None:
    assert schema_errors(case_input(case), read_case(case).message_type) == []


@pytest.mark.parametrize(
    ("case", "latest"),
    [
        ("pacs002-cbpr-envelope", "pacs.002.001.15"),
        ("pacs002-group-multi", "pacs.002.001.15"),
        ("pain002-envelope-partial", "pain.002.001.15"),
        ("pain002-v12-rejected", "pain.002.001.15"),
    ],
)
def test_upgrade_to_latest_and_back(case: str, latest: str) -> None:
    message = read_case(case)
    up, diagnostics = write(message, latest)
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(up, latest) == []
    back, diagnostics = write(read_iso(up, {}).value, message.message_type)
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert canonical_xml(document_of(back)) == canonical_xml(document_of(case_input(case)))


def test_downgrade_pacs002_reports_original_business_query() -> None:
    down, diagnostics = write(read_case("pacs002-v12-query"), "pacs.002.001.10")
    assert dropped_paths(diagnostics) == ["/Document/FIToFIPmtStsRpt/GrpHdr/OrgnlBizQry[1]"]
    assert schema_errors(down, "pacs.002.001.10") == []
    assert b"MHCB-QRY-556" not in down


def test_unknown_supplementary_element_survives_in_pain002_transaction() -> None:
    data = inject(
        "pain002-v15-multi",
        "CstmrPmtStsRpt/OrgnlPmtInfAndSts[2]/TxInfAndSts",
        "<SplmtryData><PlcAndNm>ING</PlcAndNm><Envlp><Ref>Z-1</Ref></Envlp></SplmtryData>",
    )
    message = assert_extra_survives(data)
    assert isinstance(message, StatusReport)
    tx = message.payment_infos[1].transactions[0]
    assert [e.path for e in tx.extras] == [
        "/Document/CstmrPmtStsRpt/OrgnlPmtInfAndSts[2]/TxInfAndSts[1]/SplmtryData[1]"
    ]
