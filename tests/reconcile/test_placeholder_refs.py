"""MT940 subfield-7 placeholders (``EREF`` ...) are not identifiers (review R2, session 8).

Rabobank writes ``EREF`` in subfield 7 of every field 61 whose end-to-end reference is in
field 86. Taken as an end-to-end id, every such entry "shared" it: each was reported as a
duplicate and kept out of the amount fallback, so a sent payment matching one of them on
amount, currency and date stayed unmatched. Inputs are hand-written; the MT103 is the
repository's fixture (32A 240131 EUR 1234,56, debtor DE89370400440532013000).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.reconcile import load_items, reconcile
from tests.conftest import FIXTURES

MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"


def _mt940(placeholder: str) -> bytes:
    lines = [
        ":20:STMT-1",
        ":25:DE89370400440532013000",
        ":28C:1/1",
        ":60F:C240130EUR5000,00",
        f":61:2401300130D1234,56N102{placeholder}",
        ":86:/EREF/OTHER-1",
        f":61:2401310131D1234,56N102{placeholder}",
        ":86:/EREF/OTHER-2",
        ":62F:C240131EUR2530,88",
    ]
    return (
        "{1:F01BANKNL2AAXXX0000000000}{2:I940BANKNL2AXXXXN}{4:\r\n" + "\r\n".join(lines) + "\r\n-}"
    ).encode()


@pytest.mark.parametrize("placeholder", ["EREF", "PREF", "MARF", "KREF+"])
def test_a_placeholder_is_no_duplicate_and_the_payment_falls_back_onto_its_entry(
    tmp_path: Path, placeholder: str
) -> None:
    statement = tmp_path / "s.sta"
    statement.write_bytes(_mt940(placeholder))
    side_b = load_items([str(statement)])
    assert side_b.problems == []
    assert [i.end_to_end_id for i in side_b.items] == [None, None]
    result = reconcile(load_items([str(MT103)]).items, side_b.items)
    # the 2024-01-31 debit is the payment's value date; the 2024-01-30 one stays open
    assert [(m.on, m.mismatches, str(m.b.date)) for m in result.matched] == [
        ("amount_currency_date", (), "2024-01-31")
    ]
    assert [str(i.date) for i in result.unmatched_b] == ["2024-01-30"]


# A booking and its reversal (RvslInd) carry the same UETR. Whichever comes first, the sent
# MT103 pairs with the debit booking cleanly; before, a reversal listed first was taken and
# reported as a credit_debit mismatch while the real booking stayed unmatched.
UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"  # block 3, field 121 of the MT103 fixture


def _entry(direction: str, reversal: bool) -> str:
    flag = "<RvslInd>true</RvslInd>" if reversal else ""
    return f"""<Ntry><Amt Ccy="EUR">1234.56</Amt><CdtDbtInd>{direction}</CdtDbtInd>{flag}
<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-01-31</Dt></BookgDt><ValDt><Dt>2024-01-31</Dt></ValDt>
<NtryDtls><TxDtls><Refs><UETR>{UETR}</UETR></Refs></TxDtls></NtryDtls></Ntry>"""


def _camt054(*entries: str) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>N-1</MsgId><CreDtTm>2024-01-31T18:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N-1-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>{"".join(entries)}</Ntfctn>
</BkToCstmrDbtCdtNtfctn></Document>""".encode()


@pytest.mark.parametrize("reversal_first", [True, False])
def test_a_payment_pairs_with_its_booking_not_with_the_reversal(tmp_path: Path, reversal_first: bool) -> None:
    entries = [_entry("CRDT", True), _entry("DBIT", False)]
    if not reversal_first:
        entries.reverse()
    notification = tmp_path / "n.xml"
    notification.write_bytes(_camt054(*entries))
    payments, booked = load_items([str(MT103)]).items, load_items([str(notification)]).items
    result = reconcile(payments, booked)
    assert [(m.on, m.mismatches, m.b.credit_debit) for m in result.matched] == [("uetr", (), "DBIT")]
    assert [i.credit_debit for i in result.unmatched_b] == ["CRDT"]
    # the same with the statement as side A: its debit, not its reversal, takes the payment
    result = reconcile(booked, payments)
    assert [(m.on, m.mismatches, m.a.credit_debit) for m in result.matched] == [("uetr", (), "DBIT")]
    assert [i.credit_debit for i in result.unmatched_a] == ["CRDT"]


# MT940 field 25 often gives the account with the bank's BIC before it or the currency after
# it. The creditor's statement must still be recognised as the creditor's: before, the
# payment was expected as a debit there, so the fallback refused its genuine credit booking.
@pytest.mark.parametrize(
    "account",
    ["FR1420041010050500013M02606", "BANKFRPP/FR1420041010050500013M02606", "FR1420041010050500013M02606EUR"],
)
def test_the_creditor_s_statement_is_recognised_in_the_usual_field_25_forms(
    tmp_path: Path, account: str
) -> None:
    lines = [
        ":20:STMT-1",
        f":25:{account}",
        ":28C:1/1",
        ":60F:C240130EUR5000,00",
        ":61:2401310131C1234,56NTRFNONREF",
        ":62F:C240131EUR6234,56",
    ]
    statement = tmp_path / "c.sta"
    statement.write_bytes(
        ("{1:F01BANKFRPPAXXX0000000000}{2:I940BANKFRPPXXXXN}{4:\r\n" + "\r\n".join(lines) + "\r\n-}").encode()
    )
    result = reconcile(load_items([str(MT103)]).items, load_items([str(statement)]).items)
    assert [(m.on, m.mismatches, m.b.credit_debit) for m in result.matched] == [
        ("amount_currency_date", (), "CRDT")
    ]
