"""Business check: a statement's closing booked balance follows from its opening balance and entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.check_model import Nodes, _diag, _report_type

__all__ = ["check_balances"]


def check_balances(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """Per account report: opening booked balance + booked entries = closing booked balance.

    Opening is ``OPBD`` (else ``PRCD``), closing is ``CLBD``; only ``BOOK`` entries
    count, each with its reported sign (a reversal already carries the sign of
    its effect). A report without both balances, or one page of several, is not
    checkable and is skipped (the latter with an info diagnostic).
    """
    report = _report_type()
    if report is None:
        return
    for path, obj in nodes:
        if not isinstance(obj, report):
            continue
        by_code = {b.type.code: b for b in obj.balances}
        opening = by_code.get("OPBD") or by_code.get("PRCD")
        closing = by_code.get("CLBD")
        if opening is None or closing is None:
            continue
        page = obj.pagination
        if page is not None and (page.page_number.strip() != "1" or not page.last_page):
            out.append(
                Diagnostic(
                    "iso.check.balance-unverified",
                    Severity.INFO,
                    f"page {page.page_number} of a multi-page report: balances not checked against entries",
                    path=path,
                    rule="ISO20022-balance",
                )
            )
            continue
        booked = [e for e in obj.entries if e.status.code == "BOOK"]
        expected = opening.signed_amount + sum((e.signed_amount for e in booked), Decimal(0))
        if expected != closing.signed_amount:
            out.append(
                _diag(
                    "iso.check.balance",
                    f"opening {opening.signed_amount} + booked entries {expected - opening.signed_amount} "
                    f"= {expected}, but the closing booked balance is {closing.signed_amount}"
                    + _value_dated_hint(booked, closing, expected - closing.signed_amount),
                    f"{path}.balances",
                    "ISO20022-balance",
                    original=str(closing.signed_amount),
                    emitted=str(expected),
                )
            )


def _day(value: Any) -> date | None:
    """The calendar day of a ``Dt | DtTm`` choice (None when absent)."""
    if value is None:
        return None
    if value.date is not None:
        return value.date  # type: ignore[no-any-return]
    return None if value.date_time is None else value.date_time.value.date()


def _value_dated_hint(booked: list[Any], closing: Any, difference: Decimal) -> str:
    """Why a statement may not add up although nothing is wrong with its entries.

    Some banks report as CLBD a balance that follows value dates: entries booked on the
    statement day but valued later are left out of it. When the difference is exactly the
    sum of the booked entries valued after the closing balance's date, say so: the user then
    knows what to ask the bank instead of hunting for a missing entry. Only runs on a mismatch.
    """
    closing_day = _day(closing.date)
    if closing_day is None:
        return ""
    later = [e for e in booked if (day := _day(e.value_date)) is not None and day > closing_day]
    if not later or sum((e.signed_amount for e in later), Decimal(0)) != difference:
        return ""
    return (
        f"; the difference is exactly the {len(later)} booked entr{'y' if len(later) == 1 else 'ies'} "
        f"valued after {closing_day.isoformat()}: the closing balance seems to follow value dates"
    )
