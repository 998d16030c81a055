"""Partial-fill aggregation: several ExecutionReports become one settlement (rule SE012).

Why exact: settlement amounts must match the broker's to the cent, so the
summed quantity and gross amount are exact ``Decimal`` sums and the average
price is their quotient, rounded only when the division does not terminate
(then a diagnostic says so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, Inexact, localcontext

from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from finmsg.fix.exec_kind import MISSING_EXEC_TYPE, classify_report
from finmsg.model.trading import ExecutionReport
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import Trade, extra_value, fill_trade

__all__ = ["AVERAGE_PLACES", "average_price", "group_fills", "merge_trades"]

#: Decimal places kept when an average price does not terminate (ISO PercentageRate allows 10).
AVERAGE_PLACES = 10
_SAME = (
    "side",
    "settlement_date",
    "isin",
    "description",
    "currency",
    "settl_currency",
    "account",
    "payment",
    "debt",
)


def average_price(pairs: Sequence[tuple[Decimal, Decimal]]) -> tuple[Decimal, bool]:
    """Volume-weighted average of (quantity, price) pairs and whether it was rounded."""
    total = sum((q for q, _ in pairs), Decimal(0))
    value = sum((q * p for q, p in pairs), Decimal(0))
    with localcontext() as dc:
        dc.prec = 60
        dc.traps[Inexact] = False
        dc.clear_flags()
        avg = value / total
        rounded = bool(dc.flags[Inexact])
    if rounded:
        return avg.quantize(Decimal(1).scaleb(-AVERAGE_PLACES)), True
    return avg.normalize() if avg == avg.to_integral_value() else avg, False


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))


def merge_trades(key: str, trades: list[Trade], ctx: Ctx) -> Trade:
    """One trade from the fills of one group; differing settlement terms raise."""
    first = trades[0]
    for other in trades[1:]:
        for name in _SAME:
            if getattr(other, name) != getattr(first, name):
                raise ConversionError(
                    f"fills of {key} differ in {name} ({getattr(first, name)} vs {getattr(other, name)}); "
                    "they cannot settle as one instruction",
                    code="settlement.aggregate.mismatch",
                    path=f"FIX:17={other.reference}",
                )
    if len(trades) == 1:
        return first
    priced = [(t.quantity, t.price) for t in trades if t.price is not None]
    price, rounded = (None, False)
    if len(priced) == len(trades):
        price, rounded = average_price([(q, p) for q, p in priced if p is not None])
    refs = ", ".join(t.reference for t in trades)
    ctx.info(
        "settlement.aggregated",
        "SE012",
        f"{len(trades)} fills ({refs}) aggregated into one settlement for {key}",
        "FIX:17",
        ":20C::SEME",
        original=refs,
        emitted=key,
    )
    if rounded:
        ctx.info(
            "lossy.rounded",
            "SE012",
            f"the average price does not terminate; rounded to {AVERAGE_PLACES} decimals",
            "FIX:31",
            ":90a::DEAL",
            emitted=str(price),
        )
    types = {t.price_type for t in trades}
    rates = {(t.fx_rate, t.fx_calc) for t in trades}
    if len(rates) > 1:
        ctx.dropped(
            "SE012",
            "FIX:155",
            ":92B::EXCH",
            ", ".join(sorted(str(r) for r, _ in rates)),
            "the fills' SettlCurrFxRate differ: no single rate describes the aggregated settlement amount",
        )
    gross = _sum([t.gross for t in trades])
    if gross is None and len(priced) == len(trades) and first.price_type in (None, "2") and not first.debt:
        gross = sum((q * p for q, p in priced if p is not None), Decimal(0))
        ctx.defaulted(
            "SE012",
            "FIX:31",
            ":19A::DEAL",
            str(gross),
            "gross amount is the exact sum of fill quantity x fill price",
        )
    return Trade(
        source=first.source,
        reference=key,
        side=first.side,
        quantity=sum((t.quantity for t in trades), Decimal(0)),
        settlement_date=first.settlement_date,
        trade_date=first.trade_date if all(t.trade_date == first.trade_date for t in trades) else None,
        price=price,
        price_type=first.price_type if len(types) == 1 else None,
        isin=first.isin,
        description=first.description,
        currency=first.currency,
        gross=gross,
        net=_sum([t.net for t in trades]),
        settl_currency=first.settl_currency,
        settl_amount=_sum([t.settl_amount for t in trades]),
        fx_rate=first.fx_rate if len(rates) == 1 else None,
        fx_calc=first.fx_calc if len(rates) == 1 else None,
        commission=_sum([t.commission for t in trades]) if any(t.commission for t in trades) else None,
        accrued=_sum([t.accrued for t in trades]) if any(t.accrued for t in trades) else None,
        payment=first.payment,
        account=first.account,
        debt=first.debt,
        parties=[p for t in trades for p in t.parties],
        links=sorted({link for t in trades for link in t.links if link != key}),
        group_key=key,
        fills=len(trades),
    )


def group_fills(
    reports: Sequence[ExecutionReport],
    ctx: Ctx,
    key: str | Callable[[ExecutionReport], str | None] = "order",
) -> list[Trade]:
    """Group fills by ``order`` (OrderID 37, else ClOrdID 11), ``clordid`` or a function; merge each group.

    Groups keep the order of their first fill. A fill without a key settles alone. What a report
    does is read as for one report (:mod:`finmsg.fix.exec_kind`), and only fills are summed: a
    resend of a fill already seen (PossDupFlag 43=Y or PossResend 97=Y) is skipped with an info, a
    second report of an ExecID without either flag is an error (and not summed), a cancel removes the
    fill it names (RefExecID 19), a correction replaces it, and a report that is no execution
    (a status, an order acknowledgement) is skipped with an info.
    """
    if callable(key):
        pick = key
    elif key == "order":
        pick = lambda r: r.order_id or r.cl_ord_id  # noqa: E731
    elif key == "clordid":
        pick = lambda r: r.cl_ord_id  # noqa: E731
    else:
        raise ConversionError(f"unknown grouping key {key!r}", code="settlement.aggregate.key", value=key)
    groups: dict[str, dict[str, Trade]] = {}
    group_of: dict[str, str] = {}  # ExecID -> its group, for every fill still summed
    seen: set[str] = set()
    for report in reports:
        exec_id = report.exec_id or ""
        if exec_id and exec_id in seen:
            _repeated(report, exec_id, ctx)
            continue
        kind = _kind(report, exec_id, ctx)
        if kind is None:
            continue
        seen.add(exec_id)
        if kind == "new":
            trade = fill_trade(report, ctx)
            name = pick(report) or trade.reference
            groups.setdefault(name, {})[trade.reference] = trade
            group_of[trade.reference] = name
            continue
        previous = extra_value(report.extras, 19) or ""
        name = group_of.pop(previous, "")
        if not name:
            ctx.add(
                "settlement.aggregate.unmatched",
                "SE012",
                f"ExecutionReport {exec_id} {'cancels' if kind == 'cancel' else 'corrects'} fill "
                f"{previous or '(no ExecRefID 19)'}, which is not among the fills aggregated: not applied",
                "FIX:19",
                ":20C::SEME",
                original=previous or None,
                severity=Severity.ERROR,
            )
            continue
        fills = groups[name]
        if kind == "cancel":
            del fills[previous]
            ctx.info(
                "settlement.aggregate.cancelled",
                "SE012",
                f"fill {previous} cancelled by {exec_id} (ExecType H): removed from the aggregate of {name}",
                "FIX:19",
                ":36B::SETT",
                original=previous,
            )
            continue
        corrected = fill_trade(report, ctx)
        groups[name] = {
            (corrected.reference if k == previous else k): (corrected if k == previous else v)
            for k, v in fills.items()
        }
        group_of[corrected.reference] = name
        ctx.info(
            "settlement.aggregate.corrected",
            "SE012",
            f"fill {previous} corrected by {exec_id} (ExecType G): its corrected terms are aggregated",
            "FIX:19",
            ":36B::SETT",
            original=previous,
            emitted=corrected.reference,
        )
    out = []
    for name, fills in groups.items():
        if fills:
            out.append(merge_trades(name, list(fills.values()), ctx))
        else:
            ctx.info(
                "settlement.aggregate.cancelled",
                "SE012",
                f"every fill of {name} was cancelled: no settlement",
                "FIX:37",
                None,
                original=name,
            )
    return out


def _repeated(report: ExecutionReport, exec_id: str, ctx: Ctx) -> None:
    """A second report of an ExecID: a flagged resend (43/97=Y) is expected, an unflagged one is not."""
    flag = next((t for t in (43, 97) if extra_value(report.extras, t) == "Y"), None)
    if flag is not None:
        name = "PossDupFlag" if flag == 43 else "PossResend"
        ctx.info(
            "settlement.aggregate.resent",
            "SE012",
            f"ExecutionReport {exec_id} is a resend ({name} {flag}=Y) of a report already aggregated: "
            "skipped",
            f"FIX:{flag}",
            None,
            original=exec_id,
        )
        return
    ctx.add(
        "settlement.aggregate.duplicate",
        "SE012",
        f"ExecID {exec_id} is reported twice without PossDupFlag (43) or PossResend (97): the second "
        "report is not aggregated (an ExecID names one execution)",
        "FIX:17",
        None,
        original=exec_id,
        severity=Severity.ERROR,
    )


def _kind(report: ExecutionReport, exec_id: str, ctx: Ctx) -> str | None:
    """``new``, ``cancel`` or ``correct``; ``None`` (with an info) for a report that is no execution."""
    found = classify_report(report)
    if found.kind is not None or found.problem == MISSING_EXEC_TYPE:
        return found.kind or "new"  # no ExecType: a model built in code, summed as a fill
    if found.faulty:
        raise ConversionError(
            found.reason, code="settlement.exec-type", path=f"FIX:{found.tag}", value=found.value
        )
    ctx.info(
        "settlement.aggregate.not-a-fill",
        "SE012",
        f"ExecutionReport {exec_id}: {found.reason}: not aggregated",
        f"FIX:{found.tag}",
        None,
        original=found.value,
    )
    return None
