"""pacs.008 / pacs.009: mapping, golden model, lossless round trip, XSD validity, versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.jsonfmt import dumps_model
from finmsg.model.common import Agent, PartyKind
from finmsg.model.payments import CreditTransfer
from tests.conftest import FIXTURES
from tests.golden import canonical_xml, check_golden

CASES = ["pacs008-cbpr-structured", "pacs008-multi-bare", "pacs009-cov", "pacs009-core"]


def _read(case: str) -> tuple[bytes, CreditTransfer]:
    data = (FIXTURES / "iso20022" / case / "input.xml").read_bytes()
    message = read_iso(data, {}).value
    assert isinstance(message, CreditTransfer)
    return data, message


def _documents(data: bytes) -> list[bytes]:
    envs = find_envelopes(parse_xml(data))
    out = []
    for env in envs:
        if env.header is not None:
            out.append(canonical_xml(env.header))
        out.append(canonical_xml(env.document))
    return out


def test_pacs008_maps_business_fields() -> None:
    _, message = _read("pacs008-cbpr-structured")
    tx = message.transactions[0]
    assert message.variant == "customer"
    assert message.header is not None and message.header.from_bic == "BANKGB2LXXX"
    assert tx.ids.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert tx.ids.end_to_end_id == "E2E-INV-4711"
    assert tx.settlement_amount is not None and tx.settlement_amount.value == Decimal("12500.50")
    assert tx.settlement_amount.currency == "EUR"
    assert tx.charge_bearer == "SHAR"
    assert tx.debtor is not None and not isinstance(tx.debtor, Agent)
    assert tx.debtor.lei == "5493001KJTIIGC8Y1R12" and tx.debtor.kind is PartyKind.ORGANISATION
    assert tx.debtor.address is not None and tx.debtor.address.style.value == "structured"
    assert tx.creditor is not None and not isinstance(tx.creditor, Agent)
    assert tx.creditor.address is not None and tx.creditor.address.style.value == "hybrid"
    assert tx.creditor.address.lines == ("Leopoldstraße 25",)
    assert tx.remittance is not None and len(tx.remittance.unstructured) == 2
    # RgltryRptg is not modelled: it must be kept, not dropped.
    assert [e.path.rsplit("/", 1)[-1] for e in tx.extras] == ["RgltryRptg[1]"]


def test_pacs009_cov_keeps_underlying_customer_transfer() -> None:
    _, message = _read("pacs009-cov")
    tx = message.transactions[0]
    assert message.variant == "cov"
    assert isinstance(tx.debtor, Agent) and tx.debtor.bic == "BANKFRPPXXX"
    assert tx.intermediary_agents[0].agent.bic == "IRVTUS3NXXX"
    und = tx.underlying
    assert (
        und is not None and und.debtor is not None and und.debtor.name == "Société Générale d'Équipement SA"
    )
    assert und.instructed_amount is not None and und.instructed_amount.value == Decimal("250000.00")
    assert und.creditor_account is not None and und.creditor_account.identifier == "000123456789"


def test_group_header_totals_and_private_party() -> None:
    _, message = _read("pacs008-multi-bare")
    assert message.group_header.control_sum == Decimal("1750.25")
    assert message.group_header.settlement is not None
    assert message.group_header.settlement.clearing_system is not None
    assert message.group_header.settlement.clearing_system.proprietary == "ST2"
    assert len(message.transactions) == 2
    debtor = message.transactions[0].debtor
    assert debtor is not None and not isinstance(debtor, Agent)
    assert debtor.kind is PartyKind.PERSON and debtor.birth is not None and debtor.birth.city == "Utrecht"
    strd = message.transactions[0].remittance.structured[0]  # type: ignore[union-attr]
    assert strd.creditor_reference == "RF18539007547034"


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str, update_goldens: bool) -> None:
    _, message = _read(case)
    check_golden(FIXTURES / "iso20022" / case / "expected.json", dumps_model(message), update_goldens)


@pytest.mark.parametrize("case", CASES)
def test_round_trip_is_equivalent_and_valid(case: str) -> None:
    data, message = _read(case)
    result = write_iso(message, "iso20022", {})
    assert result.diagnostics == []
    assert _documents(result.value) == _documents(data)
    env = find_envelopes(parse_xml(result.value))[0]
    errors = [d for d in validate_document(env.document, env.message_id) if d.is_error]
    assert errors == []


def test_version_conversion_up_and_down() -> None:
    data, message = _read("pacs008-cbpr-structured")
    up = write_iso(message, "pacs.008.001.13", {})
    env = find_envelopes(parse_xml(up.value))[0]
    assert env.message_id == "pacs.008.001.13"
    assert [d for d in validate_document(env.document, env.message_id) if d.is_error] == []
    back = read_iso(up.value, {}).value
    down = write_iso(back, "pacs.008.001.08", {})
    assert _documents(down.value)[1] == _documents(data)[1]


def test_downgrade_reports_every_element_the_target_cannot_carry() -> None:
    _, message = _read("pacs008-cbpr-structured")
    result = write_iso(message, "pacs.008.001.02", {})
    dropped = {d.original for d in result.diagnostics if d.code == "version.dropped"}
    # pacs.008.001.02 has no UETR and names the agent BIC "BIC", not "BICFI"
    assert "8a562c67-ca16-48ba-b074-65581be6f001" in dropped
    assert all(d.rule == "V001" and d.target_path for d in result.diagnostics if d.code == "version.dropped")
    header = [d for d in result.diagnostics if d.code == "iso.header.updated"]
    assert [(d.original, d.emitted) for d in header] == [("pacs.008.001.08", "pacs.008.001.02")]


def test_unknown_supplementary_element_survives_round_trip() -> None:
    data = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    extra = b"<SttlmTmIndctn><DbtDtTm>2026-11-30T10:00:00+00:00</DbtDtTm></SttlmTmIndctn>"
    patched = data.replace(b"<InstdAmt", extra + b"<InstdAmt", 1)
    message = read_iso(patched, {}).value
    out = write_iso(message, "iso20022", {}).value
    assert _documents(out) == _documents(patched)
    env = find_envelopes(parse_xml(out))[0]
    assert [d for d in validate_document(env.document, env.message_id) if d.is_error] == []


def test_written_xml_is_deterministic() -> None:
    _, message = _read("pacs009-cov")
    first = write_iso(message, "iso20022", {}).value
    assert first == write_iso(message, "iso20022", {}).value
    assert etree.fromstring(first).nsmap == {None: "urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"}


def test_later_business_application_header_version_is_read_validated_and_kept() -> None:
    data = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    data = data.replace(b"head.001.001.02", b"head.001.001.04")
    message = read_iso(data, {}).value
    assert message.header is not None and message.header.version == "head.001.001.04"
    assert message.header.business_service == "swift.cbprplus.02"
    out = write_iso(message, "iso20022", {}).value
    env = find_envelopes(parse_xml(out))[0]
    assert env.header_id == "head.001.001.04"
    assert validate_document(env.header, "head.001.001.04") == []  # type: ignore[arg-type]
    assert _documents(out) == _documents(data)


def test_party_with_both_org_and_private_id_keeps_the_private_id_as_an_extra() -> None:
    """The schema allows one of OrgId/PrvtId; a sender that sends both must not lose PrvtId."""
    data, _ = _read("pacs008-cbpr-structured")
    both = data.replace(
        b"<Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id>",
        b"<Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId>"
        b"<PrvtId><Othr><Id>PASS-77</Id></Othr></PrvtId></Id>",
        1,
    )
    assert both != data
    message = read_iso(both, {}).value
    assert isinstance(message, CreditTransfer)
    debtor = message.transactions[0].debtor
    assert debtor is not None and debtor.lei == "5493001KJTIIGC8Y1R12"
    kept = [e for e in debtor.extras if e.path.endswith("/Id/PrvtId[1]")]
    assert len(kept) == 1 and "PASS-77" in kept[0].content
