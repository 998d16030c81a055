"""MT942 → camt.052 (part 2's statement code path) checked against hand-written values.

The reverse direction (camt.052 → MT942/MT941) is written by
:mod:`finmsg.translate.report_out` (part 5); the last test checks it picks MT942.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from finmsg.model.common import Amount
from finmsg.model.statements import DateOrDateTime, Statement
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt

MT942 = b"""{1:F01BANKDEFFAXXX0000000000}{2:I942CUSTGB2LXXXXN}{4:
:20:INTRA-0001
:21:REQ-9
:25:DE89370400440532013000
:28C:12/1
:34F:EURD1000,
:34F:EURC2000,
:13D:2611291045+0100
:61:2611291129C2500,00NTRFE2E-77//FT-1
:86:/EREF/E2E-77
:90D:0EUR0,
:90C:1EUR2500,00
:86:INTRADAY
-}"""


def test_mt942_becomes_a_valid_camt052_with_its_values() -> None:
    xml, model, _ = mt_to_mx(MT942, "camt.052")
    assert [str(d) for d in check_mx(xml) if d.is_error] == []
    assert isinstance(model, Statement) and model.message_type == "camt.052.001.08"
    report = model.reports[0]
    assert report.account.iban == "DE89370400440532013000"
    assert report.electronic_sequence == "12"
    assert report.creation is not None
    assert report.creation.value == datetime(2026, 11, 29, 10, 45, tzinfo=timezone(timedelta(hours=1)))
    entry = report.entries[0]
    assert entry.amount == Amount(Decimal("2500.00"), "EUR") and entry.credit_debit == "CRDT"
    assert entry.value_date == DateOrDateTime(date(2026, 11, 29))
    assert entry.account_servicer_ref == "FT-1"
    assert report.summary is not None
    assert (report.summary.credit_entries, report.summary.credit_sum) == ("1", Decimal("2500.00"))
    assert (report.summary.debit_entries, report.summary.debit_sum) == ("0", Decimal("0"))
    assert report.additional_info == "/FLOOR/EURD1000,\n/FLOOR/EURC2000,\nINTRADAY"


def test_camt052_translates_back_to_mt942() -> None:
    xml, _, _ = mt_to_mx(MT942, "camt.052")
    _, back, _ = mx_to_mt(xml, "mt")
    assert back.mt_number == "942"
