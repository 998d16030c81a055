"""Property tests of the §5 guarantees on generated messages (small example counts: CI profile).

* MT103 → pacs.008 → MT103: the output is XSD-valid; amounts, currencies,
  dates, BICs, accounts, the UETR and the reference never change, and every
  other difference in block 4 is named by a diagnostic.
* pacs.008 → MT103 → pacs.008: the MT is network-valid and everything MT can
  carry (amount, currency, date, UETR, accounts, town and country) comes back.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from finmsg.iso20022.document import read_iso, write_iso
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.mt.writer import write_message
from finmsg.testing.mt import mt103_messages, mt202cov_messages
from finmsg.testing.translate import (
    FIXED_NOW,
    check_mx,
    mt_to_mx,
    mx_to_mt,
    pacs008_messages,
    unexplained_differences,
)
from finmsg.translate import translate

_KEPT = ("20", "32A", "33B", "71F", "71G")


def _values(message: MtMessage, tag: str) -> list[str]:
    return [f.value for f in message.fields if f.tag == tag]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mt103_messages())
def test_mt103_round_trip_keeps_the_core(original: MtMessage) -> None:
    fin = write_message(original).value
    xml, _, diags = mt_to_mx(fin)
    assert [d for d in check_mx(xml) if d.code.startswith("xsd")] == []
    _, back, back_diags = mx_to_mt(xml)
    assert back.uetr == original.uetr
    for tag in _KEPT:
        assert _values(back, tag) == _values(original, tag), tag
    for number in ("50", "59"):
        account = next(f for f in original.fields if f.tag[:2] == number).lines[0]
        assert next(f for f in back.fields if f.tag[:2] == number).lines[0] == account
    for tag in ("52A", "57A"):
        for bic in _values(original, tag):
            assert bic in _values(back, tag) or any(d.original == bic for d in diags), tag
    assert unexplained_differences(original, back, diags + back_diags) == []
    assert [d for d in validate_message(back) if d.is_error] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pacs008_messages())
def test_pacs008_round_trip_keeps_what_mt_carries(original: CreditTransfer) -> None:
    xml = write_iso(original, "pacs.008.001.08", {}).value
    assert [d for d in check_mx(xml) if d.code.startswith("xsd")] == []
    fin, mt, _ = mx_to_mt(xml)
    assert [str(d) for d in validate_message(mt) if d.is_error] == []
    xml2, _, _ = mt_to_mx(fin)
    again = read_iso(xml2, {}).value
    assert isinstance(again, CreditTransfer)
    a, b = original.transactions[0], again.transactions[0]
    assert (b.settlement_amount, b.settlement_date, b.ids.uetr) == (
        a.settlement_amount,
        a.settlement_date,
        a.ids.uetr,
    )
    assert b.debtor_account == a.debtor_account and b.creditor_account == a.creditor_account
    for name in ("debtor", "creditor"):
        left, right = getattr(a, name), getattr(b, name)
        assert right.address.town_name == left.address.town_name
        assert right.address.country == left.address.country
    assert translate(again, "mt", now=FIXED_NOW).value.fields == mt.fields


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mt202cov_messages())
def test_mt202cov_round_trip_keeps_the_core(original: MtMessage) -> None:
    fin = write_message(original).value
    xml, message, diags = mt_to_mx(fin, "iso20022")
    assert message.message_type == "pacs.009.001.08"
    assert [d for d in check_mx(xml) if d.is_error] == [] or all(
        d.code == "cbpr.address.unstructured" for d in check_mx(xml) if d.is_error
    )
    _, back, back_diags = mx_to_mt(xml)
    assert back.message_type == "202COV" and back.uetr == original.uetr
    for tag in ("20", "21", "32A", "58A", "33B"):
        assert _values(back, tag) == _values(original, tag), tag
    sender = original.basic_header.raw[3:11] if original.basic_header else ""
    for bic in _values(original, "52A"):
        assert bic in _values(back, "52A") or bic[:8] == sender
    assert unexplained_differences(original, back, diags + back_diags) == []
    assert [d for d in validate_message(back) if d.is_error] == []
