"""Partial-fill aggregation: several ExecutionReports become one settlement (rule SE012).

Why exact: settlement amounts must match the broker's to the cent, so the
summed quantity and gross amount are exact ``Decimal`` sums and the average
price is their quotient, rounded only when the division does not terminate
(then a diagnostic says so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, Inexact, localcontext

from finmsg.errors import ConversionError
from finmsg.model.trading import ExecutionReport
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import Trade, trade_from_fix

__all__ = ["AVERAGE_PLACES", "average_price", "group_fills", "merge_trades"]

#: Decimal places kept when an average price does not terminate (ISO PercentageRate allows 10).
AVERAGE_PLACES = 10
_SAME = ("side", "settlement_date", "isin", "description", "currency", "account", "payment", "debt")


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

    Groups keep the order of their first fill. A fill without a key settles alone.
    """
    if callable(key):
        pick = key
    elif key == "order":
        pick = lambda r: r.order_id or r.cl_ord_id  # noqa: E731
    elif key == "clordid":
        pick = lambda r: r.cl_ord_id  # noqa: E731
    else:
        raise ConversionError(f"unknown grouping key {key!r}", code="settlement.aggregate.key", value=key)
    groups: dict[str, list[Trade]] = {}
    for report in reports:
        trade = trade_from_fix(report, ctx)
        name = pick(report) or trade.reference
        groups.setdefault(name, []).append(trade)
    return [merge_trades(name, trades, ctx) for name, trades in groups.items()]
