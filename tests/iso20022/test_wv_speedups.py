"""The write + validate speed-ups keep every output and verdict: cheaper means, same answers.

``format_decimal`` takes ``str`` of a Decimal when it has no exponent, ``render.plain``
checks Latin-1 text through a byte table, ``validate_output`` looks for a lone ``!``
before it looks for ``<!``. Each is compared with what it replaces (``format(v, "f")``,
``isprintable`` and ``in``), on hand-picked values from ISO 20022 amounts and texts and
on generated ones; the fast lane and the general writer still agree on them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.iso20022 import fastwrite
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.render import plain
from finmsg.iso20022.schemas import validate_output
from finmsg.iso20022.writing import format_decimal
from finmsg.model.common import (
    Account,
    AddressStyle,
    Agent,
    Amount,
    BirthInfo,
    ClearingMember,
    GenericId,
    Party,
    PartyKind,
    PostalAddress,
)
from finmsg.model.payments import (
    AgentAccount,
    Charge,
    CodeOrProprietary,
    CreditTransfer,
    PaymentIds,
    PaymentTypeInfo,
    Remittance,
    SettlementInfo,
)
from finmsg.model.statements import Statement

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"
V8 = "pacs.008.001.08"


def _load(name: str) -> object:
    return read_iso((FIXTURES / name / "input.xml").read_bytes(), {}).value


def _both(message: CreditTransfer) -> tuple[bytes | None, bytes]:
    """(what the lane writes, None when it declines; what write_iso writes without the lane)."""
    header = message.header
    lane = None if header is None else (header, header.version, header.message_definition_id)
    fast = fastwrite.write_fast(message, V8, lane)
    fastwrite.ENABLED = False
    try:
        general = write_iso(message, V8, {}).value
    finally:
        fastwrite.ENABLED = True
    return fast, general


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("12500.50"), "12500.50"),  # the scale is kept: an ISO amount keeps its decimals
        (Decimal("0.00"), "0.00"),
        (Decimal("-0"), "-0"),
        (Decimal("1E+2"), "100"),  # never an exponent: xs:decimal has none
        (Decimal("-0E+3"), "-0"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("1.000E-6"), "0.000001000"),
        (Decimal("0.000001"), "0.000001"),
        (Decimal("123456789012345678.12345"), "123456789012345678.12345"),
    ],
)
def test_format_decimal_writes_plain_notation(value: Decimal, text: str) -> None:
    assert format_decimal(value) == text


def test_format_decimal_with_lowercase_exponents_in_the_context() -> None:
    with localcontext() as context:
        context.capitals = 0  # str(Decimal("1E+2")) is then "1e+2"
        assert format_decimal(Decimal("1E+2")) == "100"
        assert format_decimal(Decimal("5E-7")) == "0.0000005"


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False))  # NaN / Infinity are refused: test_le_amounts
def test_format_decimal_is_format_f(value: Decimal) -> None:
    assert format_decimal(value) == format(value, "f")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("Acme Widgets Ltd", True),
        ("Müller Maschinenbau GmbH", True),  # Latin-1, printable
        ("Leopoldstraße 25", True),
        ("€ 100", True),  # beyond Latin-1, printable
        ("日本銀行", True),
        ("Smith & Sons", False),  # needs escaping
        ("a<b", False),
        ("a>b", False),
        ("tab\there", False),  # control characters
        ("line\nbreak", False),
        ("cr\r", False),
        ("nul\x00", False),
        ("del\x7f", False),
        ("c1\x85", False),
        ("nbsp\xa0", False),  # not printable for str.isprintable either
        ("soft\xadhyphen", False),
        ("\u2028", False),
        ("lone \ud800", False),
    ],
)
def test_plain_examples(text: str, expected: bool) -> None:
    assert plain(text) is expected


def _reference(text: str) -> bool:
    return text.isprintable() and not ("&" in text or "<" in text or ">" in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)) | st.text())
def test_plain_is_isprintable_without_markup(text: str) -> None:
    assert plain(text) is _reference(text)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=8))
def test_plain_over_every_latin1_character(text: str) -> None:
    for code in range(256):
        sample = text + chr(code)
        assert plain(sample) is _reference(sample)


def test_amounts_with_exponents_are_written_plain_by_both_writers() -> None:
    message = _load("pacs008-cbpr-structured")
    assert isinstance(message, CreditTransfer)
    tx = message.transactions[0]
    assert tx.settlement_amount is not None and message.group_header.total_settlement_amount is None
    changed = replace(
        message,
        group_header=replace(message.group_header, control_sum=Decimal("5E-7")),
        transactions=(
            replace(
                tx,
                settlement_amount=Amount(Decimal("1E+2"), "EUR"),
                instructed_amount=Amount(Decimal("2.50"), "EUR"),
            ),
        ),
    )
    fast, general = _both(changed)
    assert fast is not None  # the lane wrote it
    assert fast == general
    assert b"<CtrlSum>0.0000005</CtrlSum>" in fast
    assert b'<IntrBkSttlmAmt Ccy="EUR">100</IntrBkSttlmAmt>' in fast
    assert b'<InstdAmt Ccy="EUR">2.50</InstdAmt>' in fast


def test_the_lane_declines_what_isprintable_refuses_and_writes_the_rest() -> None:
    message = _load("pacs008-cbpr-structured")
    assert isinstance(message, CreditTransfer)
    tx = message.transactions[0]
    assert isinstance(tx.debtor, Party)
    for name, taken in (("Caf\xe9 \u20ac Ltd", True), ("Acme\xa0Ltd", False), ("Acme\x85", False)):
        changed = replace(message, transactions=(replace(tx, debtor=replace(tx.debtor, name=name)),))
        fast, general = _both(changed)
        assert (fast is not None) is taken
        if fast is not None:
            assert fast == general
            assert f"<Nm>{name}</Nm>".encode() in fast


def test_statement_amounts_with_exponents_are_written_plain() -> None:
    statement = _load("camt053-multi-stmt")
    assert isinstance(statement, Statement)
    report = statement.reports[0]
    entries = (replace(report.entries[0], amount=Amount(Decimal("1E+3"), "CHF")), *report.entries[1:])
    changed = replace(statement, reports=(replace(report, entries=entries), *statement.reports[1:]))
    written = write_iso(changed, "camt.053.001.08", {}).value
    assert b'<Amt Ccy="CHF">1000</Amt>' in written
    assert validate_output(written, "camt.053.001.08") == []


def test_validate_output_with_exclamation_marks_but_no_markup_declaration() -> None:
    message = _load("pacs008-cbpr-structured")
    assert isinstance(message, CreditTransfer)
    tx = message.transactions[0]
    assert isinstance(tx.debtor, Party)
    changed = replace(message, transactions=(replace(tx, debtor=replace(tx.debtor, name="Wow! Ltd")),))
    written = write_iso(changed, V8, {}).value
    assert b"Wow! Ltd" in written
    assert validate_output(written, V8, "head.001.001.02") == []


def test_validate_output_still_refuses_a_doctype() -> None:
    # no other "!" than the declaration's own: the lone-"!" scan must still send it to the check
    data = (
        b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE Document>\n"
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"/>'
    )
    assert [(d.code, d.path) for d in validate_output(data, V8)] == [("xml.dtd-forbidden", "/")]


def _full_agent(bic: str) -> Agent:
    return Agent(
        bic=bic,
        clearing=ClearingMember("123456789", system_code="USABA"),
        lei="5493001KJTIIGC8Y1R12",
        name="Bank Name",
        address=PostalAddress(AddressStyle.HYBRID, town_name="Frankfurt", country="DE", lines=("Main St 1",)),
        other_id=GenericId("ID-1", scheme_proprietary="LOCAL", issuer="Issuer"),
        branch_id="BR-1",
    )


def _full_account(iban: str | None) -> Account:
    return Account(
        iban=iban,
        other=None if iban else GenericId("12345678", scheme_code="BBAN"),
        type_code="CACC",
        currency="EUR",
        name="Main account",
    )


def test_every_block_at_every_place_is_written_as_the_general_writer_writes_it() -> None:
    """Agents, parties, accounts and codes with every member set, at each level and element
    name the lane writes them (group header, settlement, transaction, charges, chains):
    the generated emitters must give the general writer's bytes."""
    message = _load("pacs008-cbpr-structured")
    assert isinstance(message, CreditTransfer)
    tx = message.transactions[0]
    person = Party(
        name="Jane Doe",
        address=PostalAddress(AddressStyle.STRUCTURED, street_name="Rue 1", town_name="Paris", country="FR"),
        kind=PartyKind.PERSON,
        other_ids=(GenericId("P-1", scheme_code="CCPT"),),
        birth=BirthInfo(date="1980-01-31", city="Lyon", country="FR"),
        country_of_residence="FR",
    )
    organisation = Party(
        name="Org",
        bic="ORGXGB2LXXX",
        lei="5493001KJTIIGC8Y1R12",
        other_ids=(GenericId("O-1", scheme_proprietary="TAX"),),
    )
    group = replace(
        message.group_header,
        instructing_agent=_full_agent("BANKGB2LXXX"),
        instructed_agent=Agent(bic="BANKDEFFXXX"),
        settlement=SettlementInfo(
            method="COVE",
            account=_full_account("GB33BUKB20201555555555"),
            instructing_reimbursement=AgentAccount(_full_agent("REIMGB2LXXX"), _full_account(None)),
        ),
    )
    changed = replace(
        message,
        group_header=group,
        transactions=(
            replace(
                tx,
                payment_type=PaymentTypeInfo(
                    service_levels=(CodeOrProprietary("G001"), CodeOrProprietary(None, "PRTRY")),
                    local_instrument=CodeOrProprietary(None, None),
                    category_purpose=CodeOrProprietary("SUPP"),
                ),
                charges=(Charge(Amount(Decimal("1.50"), "EUR"), _full_agent("CHRGGB2LXXX")),),
                intermediary_agents=(
                    AgentAccount(_full_agent("INTMGB2LXXX"), _full_account(None)),
                    AgentAccount(Agent(name="Second"), None),
                ),
                ultimate_debtor=person,
                debtor=organisation,
                debtor_agent=_full_agent("BANKGB2LXXX"),
                debtor_agent_account=_full_account("GB33BUKB20201555555555"),
                creditor=Party(name="Empty id", kind=PartyKind.ORGANISATION),
                creditor_account=Account(),
                purpose=CodeOrProprietary(None, "OWN"),
            ),
        ),
    )
    fast, general = _both(changed)
    assert fast is not None  # the lane wrote it (nothing here is declined)
    assert fast == general
    assert b"<Dbtr>" in fast and b"<ClrSysMmbId>" in fast and b"<PrvtId>" in fast and b"<OrgId>" in fast
    # empty elements (schema-invalid, but written as the model says, by both writers alike)
    assert b"\n          <LclInstrm/>" in fast and b"\n        <CdtrAcct/>" in fast


def test_empty_transaction_blocks_are_written_as_empty_elements_by_both_writers() -> None:
    message = _load("pacs008-cbpr-structured")
    assert isinstance(message, CreditTransfer)
    tx = replace(
        message.transactions[0],
        ids=PaymentIds(),
        payment_type=PaymentTypeInfo(instruction_priority="HIGH", clearing_channel="RTGS"),
        remittance=Remittance(()),
    )
    fast, general = _both(replace(message, transactions=(tx,)))
    assert fast is not None
    assert fast == general
    # inside the AppHdr envelope: the members of CdtTrfTxInf are at level 4
    assert b"\n        <PmtId/>" in fast and b"\n        <RmtInf/>" in fast
    assert b"<PmtTpInf>\n          <InstrPrty>HIGH</InstrPrty>\n          <ClrChanl>RTGS</ClrChanl>" in fast
    empty = replace(tx, payment_type=PaymentTypeInfo())
    fast, general = _both(replace(message, transactions=(empty,)))
    assert fast is not None and fast == general and b"\n        <PmtTpInf/>" in fast
