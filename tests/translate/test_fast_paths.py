"""The shortcuts of the MT103 ↔ pacs.008 path give exactly the answers of the long way.

Each shortcut (tag tuple reused per message, positional transaction build, header text read
directly, STP check by tag set, remembered field 72 lines and dates, pair order) is checked
here against expected values written by hand from the formats, or against the model built
the plain way (keyword construction); a remembered answer is checked to be a fresh copy.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import ConversionError
from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount
from finmsg.model.payments import (
    CodeOrProprietary,
    CreditTransferTx,
    Instruction,
    PaymentIds,
    PaymentTypeInfo,
)
from finmsg.mt.api import read_one
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.testing.translate import FIXED_NOW
from finmsg.translate import memo, translate
from finmsg.translate.field72 import build_72, parse_72
from finmsg.translate.fieldtags import tags_of
from finmsg.translate.headers import Routing, routing_from_mt
from finmsg.translate.mt103_in import transaction
from finmsg.translate.mt103_out import _stp_eligible
from finmsg.translate.mtvalues import date_to_mt
from finmsg.translate.registry import pairs
from finmsg.translate.txparts import TxParts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"


# -- tags of a message -------------------------------------------------------------------------


def test_tags_of_a_field_tuple_and_again() -> None:
    fields = (MtField("20", "REF"), MtField("32A", "261130EUR1,"), MtField("59", "X"))
    assert tags_of(fields) == ("20", "32A", "59")
    assert tags_of(fields) == ("20", "32A", "59")
    other = (MtField("20", "REF"), MtField("72", "/ACC/X"))
    assert tags_of(other) == ("20", "72")


def test_tags_of_a_list_are_read_each_time() -> None:
    """A list can change between two calls: its tags are never reused."""
    fields = [MtField("20", "REF")]
    assert tags_of(fields) == ("20",)
    fields.append(MtField("70", "TEXT"))
    assert tags_of(fields) == ("20", "70")


# -- the transaction built positionally -------------------------------------------------------


def test_transaction_equals_the_keyword_build() -> None:
    acc = TxParts("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]")
    acc.values["settlement_amount"] = Amount(Decimal("10.5"), "EUR")
    acc.values["settlement_date"] = date(2026, 11, 30)
    acc.values["charge_bearer"] = "SHAR"
    acc.values["creditor_agent"] = Agent(bic="COBADEFFXXX")
    acc.next_instr.append(Instruction(info="PLEASE EXPEDITE"))
    acc.service.append(CodeOrProprietary(code="G001"))
    acc.end_to_end = "E2E-1"
    routing = Routing("BANKBEBBXXX", "BANKDEFFXXX", "U")
    built = transaction(acc, routing, "REF-1", "uetr-1", Agent(bic="BANKBEBBXXX"), Agent(bic="BANKDEFFXXX"))
    expected = CreditTransferTx(
        ids=PaymentIds(instruction_id="REF-1", end_to_end_id="E2E-1", uetr="uetr-1"),
        payment_type=PaymentTypeInfo(
            instruction_priority="HIGH", service_levels=(CodeOrProprietary(code="G001"),)
        ),
        settlement_amount=Amount(Decimal("10.5"), "EUR"),
        settlement_date=date(2026, 11, 30),
        charge_bearer="SHAR",
        instructing_agent=Agent(bic="BANKBEBBXXX"),
        instructed_agent=Agent(bic="BANKDEFFXXX"),
        debtor_agent=Agent(bic="BANKBEBBXXX"),  # the default: no 52a collected
        creditor_agent=Agent(bic="COBADEFFXXX"),  # the collected 57a wins over the default
        instructions_for_next_agent=(Instruction(info="PLEASE EXPEDITE"),),
    )
    assert built == expected


def test_transaction_refuses_an_unknown_member() -> None:
    acc = TxParts()
    acc.values["no_such_member"] = 1
    with pytest.raises(TypeError, match="no_such_member"):
        transaction(acc, Routing("BANKBEBBXXX", "BANKDEFFXXX"), "R", None, None, None)


# -- routing read from the header text --------------------------------------------------------


def test_routing_of_an_input_message() -> None:
    msg = MtMessage(
        message_type="103",
        basic_header=BasicHeader("F01BANKBEBBAXXX0000000000"),
        application_header=ApplicationHeader("I103BANKDEFFXXXXU"),
    )
    assert routing_from_mt(msg) == Routing("BANKBEBBXXX", "BANKDEFFXXX", "U", False)


def test_routing_of_an_output_message() -> None:
    # O + type + input time + MIR (date, sender LT, session, sequence) + output date, time, priority
    b2 = "O1031200261129BANKBEBBAXXX12345678902611291201N"
    msg = MtMessage(
        message_type="103",
        basic_header=BasicHeader("F01BANKDEFFAXXX0000000000"),
        application_header=ApplicationHeader(b2),
    )
    assert routing_from_mt(msg) == Routing("BANKBEBBXXX", "BANKDEFFXXX", "N", False)


def test_routing_without_block_2_or_with_a_bad_one() -> None:
    b1 = BasicHeader("F01BANKBEBBAXXX0000000000")
    assert routing_from_mt(MtMessage(message_type="103", basic_header=b1)) == Routing("BANKBEBBXXX", None)
    odd = MtMessage(message_type="103", basic_header=b1, application_header=ApplicationHeader("X103"))
    assert routing_from_mt(odd) == Routing("BANKBEBBXXX", None, None, False)


# -- MT103 STP eligibility (the STP usage: agents in option A, 53 in A/B, no 51A, 23E limited) --


@pytest.mark.parametrize(
    ("tag", "value", "eligible"),
    [
        ("52A", "BANKBEBB", True),
        ("52D", "BANK\nBRUSSELS", False),
        ("53B", "/12345", True),
        ("53D", "BANK\nNEW YORK", False),
        ("57C", "//CH123456", False),
        ("51A", "BANKBEBB", False),
        ("23E", "SDVA", True),
        ("23E", "INTC", True),
        ("23E", "PHOB/+32 2 555 0100", False),
        ("77T", "/NARR/X", True),
    ],
)
def test_stp_eligibility(tag: str, value: str, eligible: bool) -> None:
    fields = [MtField("20", "REF"), MtField("23B", "CRED"), MtField(tag, value), MtField("71A", "SHA")]
    assert _stp_eligible(fields) is eligible


# -- remembered answers -----------------------------------------------------------------------


def test_date_to_mt_written_and_remembered() -> None:
    assert date_to_mt(date(2026, 11, 30), "p") == "261130"
    assert date_to_mt(date(2026, 11, 30), "p") == "261130"
    assert date_to_mt(date(2000, 1, 2), "p") == "000102"
    with pytest.raises(ConversionError):
        date_to_mt(date(2100, 1, 1), "p")


def test_field72_answers_are_fresh_copies() -> None:
    items: list[tuple[str | None, str]] = [
        ("INS", "ABNANL2A"),
        ("ACC", "PLEASE CREDIT UPON RECEIPT OF COVER FROM OUR CORRESPONDENT"),
    ]
    expected = ["/INS/ABNANL2A", "/ACC/PLEASE CREDIT UPON RECEIPT OF", "//COVER FROM OUR CORRESPONDENT"]
    lines, left = build_72(items)
    assert (lines, left) == (expected, [])
    lines.append("changed by the caller")
    assert build_72(items) == (expected, [])
    first = parse_72("\n".join(expected))
    first.clear()
    again = parse_72("\n".join(expected))
    assert [(i.code, i.text, i.line, i.lines) for i in again] == [
        ("INS", "ABNANL2A", 1, 1),
        ("ACC", "PLEASE CREDIT UPON RECEIPT OF COVER FROM OUR CORRESPONDENT", 2, 2),
    ]


def test_a_transliterated_72_is_reported_on_every_translation() -> None:
    """Field 72 lines are remembered per items, but never when a character was transliterated:
    the charset report must come with every message, not only the first."""
    source = (FIXTURES / "pacs008-mt103" / "cover-chain-instructions" / "input.xml").read_bytes()
    accented = source.replace(b"PLEASE EXPEDITE", "PLEASE EXPÉDITE".encode())
    assert accented != source
    memo.clear_caches()
    message = read_iso(accented, {}).value
    results = [translate(message, "mt", now=FIXED_NOW) for _ in range(2)]
    for result in results:
        f72 = next(f for f in result.value.fields if f.tag == "72")  # type: ignore[attr-defined]
        assert "/REC/PLEASE EXPEDITE" in f72.value.split("\n")
        [report] = [d for d in result.diagnostics if d.code == "charset.transliterated"]
        assert "'É'->'E'" in report.message
    assert results[0].diagnostics == results[1].diagnostics


# -- pair order -------------------------------------------------------------------------------


def _inputs(pair: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / pair).glob("*/input.*") if p.suffix in (".fin", ".xml"))


@pytest.mark.parametrize(
    "path", _inputs("mt103-pacs008") + _inputs("pacs008-mt103"), ids=lambda p: p.parent.name
)
def test_only_the_customer_pair_accepts_a_plain_mt103_or_a_pacs008(path: Path) -> None:
    """The customer pairs are asked first; that changes no choice because no other pair accepts
    these messages."""
    data = path.read_bytes()
    message = read_iso(data, {}).value if path.suffix == ".xml" else read_one(data).value
    accepting = [
        pair.name for pair in pairs() if pair.source_family == message.family and pair.accepts(message)
    ]
    assert accepting == ["pacs008-mt103" if path.suffix == ".xml" else "mt103-pacs008"]
