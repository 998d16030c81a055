"""MT900/MT910 ↔ camt.054 mapping values, checked against hand-written expectations.

The notification modules are imported inside the tests: importing them registers the TN rule
ids, and ``test_helpers.test_rule_table`` (collected earlier) expects a table of TR ids only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError
from finmsg.model.common import Account, Agent, Amount, GenericId, Party, Timestamp
from finmsg.model.payments import AppHeader, CodeOrProprietary
from finmsg.model.statements import (
    AccountReport,
    DateOrDateTime,
    Entry,
    EntryDetails,
    ReportKind,
    Statement,
    StatementGroupHeader,
    TransactionDetails,
    TransactionReferences,
)
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.translate import translate
from finmsg.translate.context import Ctx
from finmsg.translate.rules import describe

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
MT900 = (
    b"{1:F01CHASUS33AXXX0000000000}{2:I900BANKBEBBXXXXN}{3:{121:11111111-2222-4333-8444-555555555555}}{4:\n"
    b":20:D1\n:21:REL-1\n:25:ACC-9\n:32A:261130EUR0,07\n-}"
)


def _notification(credit_debit: str, entries: int = 1, info: str | None = None) -> Statement:
    tx = TransactionDetails(refs=TransactionReferences(end_to_end_id="E2E-9", uetr=None))
    entry = Entry(
        amount=Amount(Decimal("10.10"), "USD"),
        credit_debit=credit_debit,
        status=CodeOrProprietary(code="BOOK"),
        value_date=DateOrDateTime(date(2026, 1, 2)),
        details=(EntryDetails(transactions=(tx,)),),
        additional_info=info,
    )
    report = AccountReport(
        id="N-1",
        account=Account(other=GenericId("ACC-1")),
        account_owner=Party(bic="OWNRUS33XXX"),
        entries=(entry,) * entries,
    )
    return Statement(
        message_type="camt.054.001.08",
        family="iso20022",
        kind=ReportKind.NOTIFICATION,
        group_header=StatementGroupHeader("N-1"),
        reports=(report,),
        header=AppHeader(version="head.001.001.02", from_bic="SVCRUS33XXX", to_bic="OWNRUS33XXX"),
    )


def test_mt900_becomes_a_booked_debit_entry_with_exact_amount() -> None:
    message = read_one(MT900).value
    result = translate(message, "camt.054", now=NOW)
    value = result.value
    assert isinstance(value, Statement) and value.message_type == "camt.054.001.08"
    report = value.reports[0]
    assert report.id == "D1" and report.account.other == GenericId("ACC-9")
    assert report.account_servicer == Agent(bic="CHASUS33XXX")
    entry = report.entries[0]
    assert entry.amount == Amount(Decimal("0.07"), "EUR")
    assert entry.credit_debit == "DBIT" and entry.status.code == "BOOK"
    assert entry.value_date == DateOrDateTime(date(2026, 11, 30))
    refs = entry.details[0].transactions[0].refs
    assert refs is not None
    assert refs.instruction_id == "REL-1"
    assert refs.uetr == "11111111-2222-4333-8444-555555555555"


def test_camt054_direction_chooses_the_mt() -> None:
    debit = translate(_notification("DBIT"), "mt").value
    credit = translate(_notification("CRDT"), "mt").value
    assert isinstance(debit, MtMessage) and isinstance(credit, MtMessage)
    assert (debit.mt_number, credit.mt_number) == ("900", "910")
    assert debit.get("21") is not None and debit.get("21").value == "E2E-9"  # type: ignore[union-attr]
    assert debit.get("32A").value == "260102USD10,10"  # type: ignore[union-attr]
    assert debit.get("25P").value == "ACC-1\nOWNRUS33XXX"  # type: ignore[union-attr]


def test_asking_for_the_other_confirmation_type_fails() -> None:
    with pytest.raises(ConversionError) as info:
        translate(_notification("CRDT"), "mt900")
    assert info.value.code == "translate.unsupported"


def test_a_notification_without_entries_is_a_typed_error() -> None:
    empty = _notification("DBIT", entries=0)
    with pytest.raises(ConversionError) as info:
        translate(empty, "mt")
    assert info.value.code == "translate.missing"


def test_extra_entries_are_reported_not_dropped() -> None:
    result = translate(_notification("DBIT", entries=3), "mt")
    paths = [d.path for d in result.diagnostics if d.rule == "TN014"]
    assert paths == [
        "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2]",
        "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[3]",
    ]


def test_mt910_without_debtor_or_agent_gets_a_reported_50k() -> None:
    result = translate(_notification("CRDT"), "mt910")
    message = result.value
    assert isinstance(message, MtMessage)
    assert message.get("50K") is not None and message.get("50K").value == "NOTPROVIDED"  # type: ignore[union-attr]
    assert any(d.rule == "TR028" and d.target_path == "MT910:50K" for d in result.diagnostics)


def test_13d_keeps_the_offset_and_reports_seconds() -> None:
    from finmsg.translate.notify_out import field_13d

    ctx = Ctx()
    zone = timezone(-timedelta(hours=5, minutes=30))
    stamp = Timestamp(datetime(2026, 12, 3, 17, 5, 42, tzinfo=zone), "2026-12-03T17:05:42-05:30")
    assert field_13d(ctx, stamp, "src", "MT900:13D").value == "2612031705-0530"
    assert [(d.rule, d.code, d.emitted) for d in ctx.diagnostics] == [("TN004", "lossy.truncated", "17:05")]


def test_72_text_keeps_six_lines_and_reports_the_rest() -> None:
    from finmsg.translate.notify_out import text_lines

    ctx = Ctx()
    text = "\n".join(f"LINE {n}" for n in range(1, 9))
    assert text_lines(ctx, text, 6, "src", "MT900:72", "TN011") == [f"LINE {n}" for n in range(1, 7)]
    assert [(d.rule, d.code) for d in ctx.diagnostics] == [("TN011", "lossy.truncated")]


def test_rule_ids_are_registered() -> None:
    import finmsg.translate.notify_rules  # noqa: F401

    assert "MT900" in describe("TN006") and "camt.054" in describe("TN013")
