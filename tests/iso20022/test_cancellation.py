"""camt.056 cancellation request: mapping, golden model, round trip, validity, versions, extras."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount, Party, PartyKind
from finmsg.model.exceptions import CancellationRequest
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

CASES = ("camt056-cbpr-envelope", "camt056-group-multi", "camt056-v11-fraud")


def _read(case: str) -> CancellationRequest:
    message = read_case(case)
    assert isinstance(message, CancellationRequest)
    return message


def test_cbpr_cancellation_maps_case_assignment_and_original() -> None:
    m = _read("camt056-cbpr-envelope")
    assert m.message_type == "camt.056.001.08"
    assert m.header is not None and m.header.message_definition_id == "camt.056.001.08"
    assert m.assignment.id == "CXL-20261129-0003"
    assert m.assignment.assigner == Agent(bic="BANKGB2LXXX")
    assert m.assignment.assignee == Agent(bic="BANKDEFFXXX")
    assert m.assignment.creation is not None and m.assignment.creation.text == "2026-11-29T11:02:00+00:00"
    assert m.case is not None and m.case.id == "CASE-GB-2026-5521"
    assert m.case.creator == Agent(bic="BANKGB2LXXX")
    (und,) = m.underlyings
    assert und.original_group is None
    (tx,) = und.transactions
    assert tx.cancellation_id == "CXL-TX-0003"
    assert tx.original.group is not None and tx.original.group.message_id == "MSG-20261129-0001"
    assert tx.original.instruction_id == "INSTR-0001"
    assert tx.original.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert tx.original.settlement_amount == Amount(Decimal("12500.50"), "EUR")
    assert tx.original.settlement_date == date(2026, 11, 30)
    (reason,) = tx.reasons
    assert reason.reason == CodeOrProprietary("DUPL")
    assert reason.originator == Party(name="Acme Widgets Ltd")
    assert reason.additional_info == ("Invoice 4711 was paid twice",)


def test_group_and_transaction_cancellation() -> None:
    m = _read("camt056-group-multi")
    assert m.case is None
    assert (m.number_of_transactions, m.control_sum) == ("2", Decimal("1340.25"))
    (und,) = m.underlyings
    group = und.original_group
    assert group is not None
    assert group.id == "BNP-RCL-14-G"
    assert group.original.message_id == "SCT20261201BNP17"
    assert (group.number_of_transactions, group.control_sum) == ("2", Decimal("1340.25"))
    assert group.cancel_group is False
    first, second = und.transactions
    assert first.case is not None and first.case.id == "BNP-CASE-9001"
    assert isinstance(first.case.creator, Party)
    assert first.case.creator.name == "Société Générale des Eaux d'Île-de-France"
    assert first.assigner == Agent(bic="BNPAFRPPXXX") and first.assignee == Agent(bic="COBADEFFXXX")
    assert first.reasons[0].reason == CodeOrProprietary("CUST")
    originator = first.reasons[0].originator
    assert originator is not None and originator.address is not None
    assert originator.address.lines == ("12 rue de l'Économie", "75011 Paris")
    details = first.original.details
    assert details is not None and isinstance(details.creditor, Party)
    assert details.creditor.address is not None and details.creditor.address.street_name == "Königsallee"
    assert second.original.transaction_id == "BNP17-000032"
    assert second.reasons[0].reason == CodeOrProprietary("TECH")
    assert second.original.details is None


def test_v11_fraud_recall_with_reopened_case() -> None:
    m = _read("camt056-v11-fraud")
    assert m.case is not None and m.case.reopened is True
    creator = m.case.creator
    assert isinstance(creator, Party) and creator.kind is PartyKind.ORGANISATION
    assert (creator.name, creator.lei) == ("Ĳsselmeer Logistiek B.V.", "724500VKKSH9QOLTFR81")
    assert m.assignment.creation is not None and m.assignment.creation.text == "2026-12-06T08:00:05.5+01:00"
    (tx,) = m.underlyings[0].transactions
    assert tx.reasons[0].reason == CodeOrProprietary("FRAD")
    assert tx.reasons[0].additional_info == (
        "Payment instructed after CEO fraud e-mail",
        "Police report NL-2026-11872",
    )
    details = tx.original.details
    assert details is not None
    assert details.settlement_amount == Amount(Decimal("48000.00"), "EUR")
    assert details.remittance is not None
    assert details.remittance.unstructured == ("Invoice 3310 – urgent supplier change",)
    assert details.creditor_account is not None and details.creditor_account.iban == "DE44500105175407324931"


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    assert_golden(case, update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_lossless_and_valid(case: str) -> None:
    assert_round_trip(case)


@pytest.mark.parametrize("case", CASES)
def test_inputs_are_schema_valid(case: str) -> None:
    assert schema_errors(case_input(case), read_case(case).message_type) == []


@pytest.mark.parametrize("case", ["camt056-cbpr-envelope", "camt056-group-multi"])
def test_upgrade_to_v11_and_back(case: str) -> None:
    up, diagnostics = write(read_case(case), "camt.056.001.11")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(up, "camt.056.001.11") == []
    back, diagnostics = write(read_iso(up, {}).value, "camt.056.001.08")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert canonical_xml(document_of(back)) == canonical_xml(document_of(case_input(case)))


def test_downgrade_v11_to_v08_loses_nothing_for_this_case() -> None:
    # every element used by the fixture exists in v08 too: no version.dropped diagnostics
    down, diagnostics = write(read_case("camt056-v11-fraud"), "camt.056.001.08")
    assert [d for d in diagnostics if d.code != "iso.header.updated"] == []
    assert schema_errors(down, "camt.056.001.08") == []


def test_unknown_supplementary_element_survives_at_message_level() -> None:
    data = inject(
        "camt056-group-multi",
        "FIToFIPmtCxlReq",
        "<SplmtryData><Envlp><Ticket>OPS-4471</Ticket></Envlp></SplmtryData>",
    )
    message = assert_extra_survives(data)
    assert [e.path for e in message.extras] == ["/Document/FIToFIPmtCxlReq/SplmtryData[1]"]


def test_malformed_control_sum_is_kept_whole() -> None:
    good = b"<CtrlSum>1340.25</CtrlSum>\n    </CtrlData>"
    data = case_input("camt056-group-multi").replace(good, b"<CtrlSum>12,5</CtrlSum>\n    </CtrlData>")
    assert data != case_input("camt056-group-multi")
    message = read_iso(data, {}).value
    assert isinstance(message, CancellationRequest)
    assert message.control_sum is None and message.number_of_transactions is None
    assert [e.path for e in message.extras] == ["/Document/FIToFIPmtCxlReq/CtrlData[1]"]
    out, _ = write(message, message.message_type)
    assert b"<CtrlSum>12,5</CtrlSum>" in out
