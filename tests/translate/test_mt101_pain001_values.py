"""Hand-checked values and error paths of the MT101 ↔ pain.001 pair."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError
from finmsg.model.initiation import PaymentInitiation
from finmsg.mt.api import read_one
from finmsg.testing.translate import FIXED_NOW, mt_to_mx
from finmsg.translate import translate
from finmsg.translate.rules import describe

HEAD = "{1:F01BANKDEFFAXXX0000000000}{2:I101BANKGB2LXXXXN}{4:\n"
BODY = (
    ":20:REF-1\n:28D:1/1\n:50G:/ACC-1\nCORPDEFFXXX\n:30:261130\n"
    ":21:T1\n:23E:URGP\n:32B:GBP0,\n:59:/GB-ACC\nPAYEE\n:33B:EUR100,5\n:71A:BEN\n"
    ":21:T2\n:32B:JPY1000,\n:59:/JP-ACC\nPAYEE TWO\n:71A:OUR\n:25A:/CHARGES\n"
)


def _translate(body: str) -> PaymentInitiation:
    result = translate(read_one((HEAD + body + "-}").encode()).value, "pain.001", now=FIXED_NOW)
    assert isinstance(result.value, PaymentInitiation)
    return result.value


def test_values_by_hand() -> None:
    msg = _translate(BODY)
    assert msg.message_type == "pain.001.001.09"
    assert msg.group_header.message_id == "REF-1"
    assert msg.group_header.number_of_transactions == "2"
    # the 25A of T2 opens a second batch (TA008); both batches share the debtor and the date
    assert [b.payment_info_id for b in msg.payments] == ["REF-1", "REF-1-2"]
    first, second = msg.payments
    assert first.requested_execution_date == second.requested_execution_date == date(2026, 11, 30)
    assert first.debtor is not None and first.debtor.bic == "CORPDEFFXXX"
    assert first.debtor_account is not None and first.debtor_account.identifier == "ACC-1"
    assert first.debtor_agent is not None and first.debtor_agent.bic == "BANKGB2LXXX"  # the receiver
    assert second.charges_account is not None and second.charges_account.identifier == "CHARGES"
    t1, t2 = first.transactions[0], second.transactions[0]
    assert t1.payment_type is not None and t1.payment_type.instruction_priority == "HIGH"
    assert t1.instructed_amount is None  # 32B zero + 33B: an equivalent amount
    assert [e.path.rsplit("/", 2)[-2:] for e in t1.extras] == [["Amt", "EqvtAmt"]]
    assert ">100.5<" in t1.extras[0].content and ">GBP<" in t1.extras[0].content
    assert (t1.charge_bearer, t2.charge_bearer) == ("CRED", "DEBT")
    assert t2.instructed_amount is not None
    assert (t2.instructed_amount.value, t2.instructed_amount.currency) == (Decimal("1000"), "JPY")


def test_33b_next_to_non_zero_32b_is_reported() -> None:
    fin = (HEAD + BODY.replace(":32B:GBP0,", ":32B:GBP7,") + "-}").encode()
    _, _, diagnostics = mt_to_mx(fin, "pain.001")
    lost = [d for d in diagnostics if d.rule == "TA010"]
    assert [(d.path, d.original) for d in lost] == [("MT101:33B", "EUR100,5")]


def test_missing_execution_date_is_a_typed_error() -> None:
    with pytest.raises(ConversionError) as info:
        _translate(BODY.replace(":30:261130\n", ""))
    assert info.value.code == "translate.missing"


def test_old_pain001_version_is_refused() -> None:
    source = read_one((HEAD + BODY + "-}").encode()).value
    with pytest.raises(ConversionError):
        translate(source, "pain.001.001.03", now=FIXED_NOW)


def test_rule_ids_are_registered() -> None:
    _translate(BODY)
    assert describe("TA010").startswith("32B <-> Amt/InstdAmt")
