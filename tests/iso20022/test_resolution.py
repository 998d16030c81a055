"""camt.029 resolution of investigation: mapping, golden model, round trip, validity, versions, extras."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount, Party, PartyKind
from finmsg.model.exceptions import InvestigationResolution
from finmsg.model.payments import CodeOrProprietary
from tests.golden import canonical_xml
from tests.iso20022.support_exceptions import (
    assert_extra_survives,
    assert_golden,
    assert_round_trip,
    case_input,
    document_of,
    inject,
    read_case,
    schema_errors,
    write,
)

CASES = ("camt029-cbpr-envelope", "camt029-group-multi", "camt029-v13-pending")


def _read(case: str) -> InvestigationResolution:
    message = read_case(case)
    assert isinstance(message, InvestigationResolution)
    return message


def test_cbpr_resolution_confirms_cancellation() -> None:
    m = _read("camt029-cbpr-envelope")
    assert m.message_type == "camt.029.001.09"
    assert m.header is not None and m.header.to_bic == "BANKGB2LXXX"
    assert m.assignment.id == "RSL-20261129-0019"
    assert m.assignment.assigner == Agent(bic="BANKDEFFXXX")
    assert m.resolved_case is not None and m.resolved_case.id == "CASE-GB-2026-5521"
    assert m.resolved_case.creator == Agent(bic="BANKGB2LXXX")
    assert m.status.confirmation == "CNCL"
    assert m.status.duplicate_of is None and m.status.extras == ()
    (details,) = m.cancellation_details
    assert details.original_group is None
    (tx,) = details.transactions
    assert (tx.cancellation_status_id, tx.status) == ("RSL-TX-0019", "ACCR")
    assert tx.original.end_to_end_id == "E2E-INV-4711"
    assert tx.original.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert tx.original.settlement_amount == Amount(Decimal("12500.50"), "EUR")
    assert tx.original.settlement_date == date(2026, 11, 30)


def test_partial_group_resolution_with_rejection_reason() -> None:
    m = _read("camt029-group-multi")
    assert m.resolved_case is None
    assert m.status.confirmation == "PECR"
    (details,) = m.cancellation_details
    group = details.original_group
    assert group is not None
    assert (group.id, group.status, group.number_of_transactions) == ("BNP-RCL-14-G", "PACR", "2")
    assert group.original.message_id == "SCT20261201BNP17"
    rejected, accepted = details.transactions
    assert rejected.status == "RJCR"
    assert rejected.reasons[0].reason == CodeOrProprietary("CUST")
    assert rejected.reasons[0].additional_info == ("Beneficiary does not agree to return the funds",)
    assigner = rejected.assigner
    assert isinstance(assigner, Party) and assigner.address is not None
    assert assigner.address.lines == ("Königsallee 60", "40212 Düsseldorf")
    assert accepted.status == "ACCR"
    # resolution-related information (the return settlement data) is kept as an extra
    assert [e.path for e in accepted.extras] == [
        "/Document/RsltnOfInvstgtn/CxlDtls[1]/TxInfAndSts[2]/RsltnRltdInf[1]"
    ]
    assert accepted.original.details is not None
    assert isinstance(accepted.original.details.debtor, Party)
    assert accepted.original.details.debtor.name == "Ørsted Façades SARL"


def test_v13_pending_with_clearing_reference_before_uetr() -> None:
    m = _read("camt029-v13-pending")
    assert m.status.confirmation == "PDCR"
    creator = m.resolved_case.creator if m.resolved_case else None
    assert isinstance(creator, Party) and creator.kind is PartyKind.ORGANISATION
    assert creator.lei == "724500VKKSH9QOLTFR81"
    (tx,) = m.cancellation_details[0].transactions
    assert tx.resolved_case is not None and tx.resolved_case.reopened is True
    assert tx.resolved_case.creator == Agent(bic="ABNANL2AXXX")
    assert (tx.original.clearing_system_ref, tx.original.uetr) == (
        "T2-20261205-884",
        "5d0f3a2b-1c4e-4f6a-9b8d-7e6c5a4b3c2d",
    )
    assert tx.reasons[0].reason == CodeOrProprietary(None, "FUNDS-FROZEN")
    assert len(tx.reasons[0].additional_info) == 2


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    assert_golden(case, update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_lossless_and_valid(case: str) -> None:
    assert_round_trip(case)


@pytest.mark.parametrize("case", CASES)
def test_inputs_are_schema_valid(case: str) -> None:
    assert schema_errors(case_input(case), read_case(case).message_type) == []


@pytest.mark.parametrize("case", ["camt029-cbpr-envelope", "camt029-group-multi"])
def test_upgrade_to_v13_and_back(case: str) -> None:
    up, diagnostics = write(read_case(case), "camt.029.001.13")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(up, "camt.029.001.13") == []
    back, diagnostics = write(read_iso(up, {}).value, "camt.029.001.09")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert canonical_xml(document_of(back)) == canonical_xml(document_of(case_input(case)))


def test_downgrade_v13_to_v09_is_valid() -> None:
    down, diagnostics = write(read_case("camt029-v13-pending"), "camt.029.001.09")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(down, "camt.029.001.09") == []
    # OrgnlClrSysRef must still precede OrgnlUETR in the written v09 document
    assert down.index(b"OrgnlClrSysRef") < down.index(b"OrgnlUETR")


def test_rejected_modification_status_is_kept_as_extra() -> None:
    data = case_input("camt029-group-multi").replace(
        b"<Conf>PECR</Conf>", b"<RjctdMod><Cd>UM01</Cd></RjctdMod>"
    )
    assert data != case_input("camt029-group-multi")
    message = assert_extra_survives(data)
    assert isinstance(message, InvestigationResolution)
    assert message.status.confirmation is None
    assert [e.path for e in message.status.extras] == ["/Document/RsltnOfInvstgtn/Sts/RjctdMod[1]"]


def test_unknown_supplementary_element_survives() -> None:
    # camt.029 TxInfAndSts has no SplmtryData: the message level one is used
    data = inject(
        "camt029-v13-pending",
        "RsltnOfInvstgtn",
        "<SplmtryData><PlcAndNm>DB</PlcAndNm><Envlp><Note>frozen</Note></Envlp></SplmtryData>",
    )
    message = assert_extra_survives(data)
    assert [e.path for e in message.extras] == ["/Document/RsltnOfInvstgtn/SplmtryData[1]"]


def test_element_unknown_to_the_version_is_reported_when_written() -> None:
    # an element the schema does not allow at this place: kept on read, reported on write
    data = inject(
        "camt029-group-multi",
        "RsltnOfInvstgtn/CxlDtls/TxInfAndSts",
        "<SplmtryData><Envlp><Note>x</Note></Envlp></SplmtryData>",
    )
    message = read_iso(data, {}).value
    assert isinstance(message, InvestigationResolution)
    tx = message.cancellation_details[0].transactions[0]
    path = "/Document/RsltnOfInvstgtn/CxlDtls[1]/TxInfAndSts[1]/SplmtryData[1]"
    assert [e.path for e in tx.extras] == [path]
    _, diagnostics = write(message, message.message_type)
    assert [(d.code, d.path) for d in diagnostics] == [("version.dropped", path)]
