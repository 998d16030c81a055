"""Business check: amounts carry an active ISO 4217 currency and no more decimals than it allows."""

from __future__ import annotations

from decimal import Decimal

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.check_model import _LEAVES, Nodes, _diag, _type_fields
from finmsg.model.common import Amount
from finmsg.standards import currency

__all__ = ["check_currencies"]


def check_currencies(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """Every amount has an active ISO 4217 currency and no more decimals than it allows.

    Also every ``currency`` / ``*_currency`` code member (account currency...).
    """
    plans = _currency_plans
    for path, obj in nodes:
        kind = type(obj)
        names = plans.get(kind)
        if names is None:
            names = _currency_plan(kind)
        if names is _AMOUNT:
            _check_amount(obj, path, out)  # type: ignore[arg-type]  # the plan says it is an Amount
            continue
        for name in names:
            code = getattr(obj, name)
            if isinstance(code, str) and not _currency_ok(code):
                out.append(_unknown_currency(code, f"{path}.{name}" if path else name))


#: Plan marker: the node is an :class:`Amount` (checked as a whole).
_AMOUNT: tuple[str, ...] = ("<amount>",)
_currency_plans: dict[type, tuple[str, ...]] = {}
#: Minor units of the codes met so far, keyed by the exact code text (only valid codes).
_known_units: dict[str, int | None] = {}


def _currency_plan(kind: type) -> tuple[str, ...]:
    """Per type: :data:`_AMOUNT`, or its currency code members (none for the other leaves)."""
    if issubclass(kind, Amount):
        plan = _AMOUNT
    elif issubclass(kind, _LEAVES):
        plan = ()
    else:
        plan = tuple(n for n in _type_fields(kind) if n == "currency" or n.endswith("_currency"))
    _currency_plans[kind] = plan
    return plan


def _currency_ok(code: str) -> bool:
    """``currency.is_valid`` with a memo of the (few) valid codes seen: the check runs per amount."""
    if isinstance(code, str) and code in _known_units:
        return True
    if not currency.is_valid(code):
        return False
    _known_units[code] = currency.minor_units(code)
    return True


def _unknown_currency(code: str, path: str) -> Diagnostic:
    return _diag(
        "iso.check.currency",
        f"{code!r} is not an active ISO 4217 currency code",
        path,
        "ISO4217",
        original=code,
    )


def _check_amount(amount: Amount, path: str, out: list[Diagnostic]) -> None:
    code = amount.currency
    if not _currency_ok(code):
        out.append(_unknown_currency(code, path))
        return
    if not _precision_ok(amount.value, code):
        units = currency.minor_units(code)
        out.append(
            _diag(
                "iso.check.currency-decimals",
                f"{code} allows {units} decimal(s); {amount.value} has more",
                path,
                "ISO4217-minor-units",
                original=str(amount),
            )
        )


def _precision_ok(value: Decimal, code: str) -> bool:
    """:func:`currency.check_amount_precision` for a code known valid, without re-validating it."""
    units = _known_units.get(code, -1)
    if units == -1 or not isinstance(value, Decimal):
        return currency.check_amount_precision(value, code)
    if not value.is_finite():
        return False
    if units is None:
        return True
    return _decimals(value) <= units


def _decimals(value: Decimal) -> int:
    """Decimal places of a finite ``value`` as written: ``-exponent`` (``1E+2`` has -2).

    Read from ``str(value)`` (plain notation has exactly ``-exponent`` digits after the point),
    which costs a third of ``as_tuple()``; scientific notation takes ``as_tuple()``.
    """
    text = str(value)
    if "E" in text or "e" in text:
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) else 0  # (finite: always an int)
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1
