"""Business checks on the canonical model of an ISO 20022 message (validation layer 7).

The XSD says a message is well-formed; these checks say it adds up: the
declared number of transactions and control sums match the transactions,
amounts respect the minor units of their ISO 4217 currency, statement balances
follow from their entries, and BIC / IBAN / LEI identifiers carry valid check
digits. CBPR+ usage rules (:mod:`finmsg.iso20022.cbpr`) join in when the
profile asks for them.

Why on the model and not on the XML: one implementation serves every message
version (and every family whose model uses the same building blocks), and the
checks are found by *walking* the dataclasses (:func:`walk`), so a new message
family is checked without registering anything. Paths in the diagnostics are
model paths (``payments[1].transactions[2].instructed_amount``, 1-based), the
same in every version.

The checks live in one module each (:mod:`~finmsg.iso20022.check_counts`,
:mod:`~finmsg.iso20022.check_amounts`, :mod:`~finmsg.iso20022.check_balances`,
:mod:`~finmsg.iso20022.check_ids`, :mod:`~finmsg.iso20022.check_rates`), the walks in
:mod:`~finmsg.iso20022.check_walk`;
this module runs them in one walk and keeps the names they were always imported by.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.check_amounts import (
    _AMOUNT,
    _check_amount,
    _currency_ok,
    _currency_plan,
    _currency_plans,
    _decimals,
    _known_units,
    _unknown_currency,
    check_currencies,
)
from finmsg.iso20022.check_balances import check_balances
from finmsg.iso20022.check_counts import check_counts
from finmsg.iso20022.check_ids import (
    _identifier_plan,
    _identifier_plans,
    _invalid_identifier,
    _remembering,
    _valid_seen,
    check_identifiers,
)
from finmsg.iso20022.check_model import Nodes
from finmsg.iso20022.check_rates import check_exchange_rates
from finmsg.iso20022.check_walk import (
    _checked_plan,
    _keep,
    member_types,
    type_reaches,
    walk,
    walk_checked,
)
from finmsg.iso20022.check_walk import (
    _wanted as _wanted,  # re-exported: the tests of the pruned walk use it
)
from finmsg.iso20022.walkgen import Visit, VisitorCache

__all__ = ["Nodes", "member_types", "run_checks", "type_reaches", "walk", "walk_checked"]

# --------------------------------------------------------------------------- entry point

_CHECKS: tuple[Callable[[object, Nodes, list[Diagnostic]], None], ...] = (
    check_counts,
    check_currencies,
    check_balances,
    check_identifiers,
    check_exchange_rates,
)


def run_checks(message: object, options: Mapping[str, Any]) -> list[Diagnostic]:
    """Run every business check (and the CBPR+ rules when they apply) on a read message.

    The same findings, in the same order, as running each of :data:`_CHECKS` over
    :func:`walk_checked` (``tests/iso20022/test_read_speedups.py`` holds the two to it), but
    the per-object checks of currencies and identifiers run during the walk itself
    (:func:`_visit`), into one list each, instead of one more loop over the objects per check.
    """
    out: list[Diagnostic] = []
    if message is None:
        return out
    nodes: Nodes = []
    currencies: list[Diagnostic] = []
    identifiers: list[Diagnostic] = []
    walker = _visiting.get(type(message))
    if walker is not None:
        walker(message, "", nodes, (currencies, identifiers))
    check_counts(message, nodes, out)
    out.extend(currencies)
    check_balances(message, nodes, out)
    out.extend(identifiers)
    check_exchange_rates(message, nodes, out)
    cbpr = _cbpr.get("module")
    if cbpr is None:
        cbpr = _cbpr["module"] = importlib.import_module("finmsg.iso20022.cbpr")  # late: it uses walk()
    if cbpr.applies(message, options):
        out.extend(cbpr.run_cbpr(message, options, nodes))
    return out


#: The CBPR+ rules module once imported (an import statement per message costs ~2k instructions).
_cbpr: dict[str, Any] = {}

#: What :func:`_visit`'s callables get besides the object and its path: the findings of
#: :func:`check_currencies` and of :func:`check_identifiers`, each in walk order.
Sink = tuple[list[Diagnostic], list[Diagnostic]]


def _visit(kind: type) -> Visit | None:
    """The per-object part of :func:`check_currencies` and :func:`check_identifiers` for ``kind``
    (None when neither looks at it), run by the visiting walk of :func:`run_checks`."""
    currency = _currency_plans.get(kind)
    if currency is None:
        currency = _currency_plan(kind)
    if currency is _AMOUNT:
        return _visit_amount
    identifiers = _identifier_plans.get(kind)
    if identifiers is None:
        identifiers = _identifier_plan(kind)
    if not currency and not identifiers:
        return None
    return _member_visitor(currency, identifiers)


def _visit_amount(amount: object, path: str, sink: Sink) -> None:
    """:func:`_check_amount`, with a quick way through for a known currency and a finite
    :class:`Decimal` within its minor units (anything else takes the full check)."""
    code = amount.currency  # type: ignore[attr-defined]  # only ever called for an Amount
    if type(code) is str:
        units = _known_units.get(code, -1)
        if units != -1:
            value = amount.value  # type: ignore[attr-defined]
            if type(value) is Decimal and value.is_finite() and (units is None or _decimals(value) <= units):
                return
    _check_amount(amount, path, sink[0])  # type: ignore[arg-type]


def _member_visitor(
    currency: tuple[str, ...], identifiers: tuple[tuple[str, Callable[[str], bool], str, str, str], ...]
) -> Visit:
    """The checks of :func:`check_currencies` and :func:`check_identifiers` on the members of one
    class, compiled to straight-line code (a loop over the plans cost twice as much)."""
    env: dict[str, object] = {
        "known": _known_units,
        "currency_ok": _currency_ok,
        "unknown": _unknown_currency,
        "invalid": _invalid_identifier,
    }
    lines = ["def visit(obj, path, sink):"]
    for name in currency:
        if not name.isidentifier():
            raise ValueError(f"currency member {name!r} is not an identifier")
        lines.append(f"    v = obj.{name}")
        lines.append("    if isinstance(v, str) and v not in known and not currency_ok(v):")
        lines.append(f'        sink[0].append(unknown(v, path + ".{name}" if path else "{name}"))')
    for index, (name, is_valid, code, label, rule) in enumerate(identifiers):
        if not name.isidentifier():
            raise ValueError(f"identifier member {name!r} is not an identifier")
        env[f"valid{index}"] = _remembering(is_valid, _valid_seen.setdefault(code, set()))
        env[f"seen{index}"] = _valid_seen[code]
        env[f"spec{index}"] = (code, label, rule)
        lines.append(f"    v = obj.{name}")
        lines.append(f"    if isinstance(v, str) and v not in seen{index} and not valid{index}(v):")
        lines.append(
            f'        sink[1].append(invalid(v, path + ".{name}" if path else "{name}", *spec{index}))'
        )
    exec(compile("\n".join(lines) + "\n", "<finmsg check visitor>", "exec"), env)
    visit: Visit = env["visit"]  # type: ignore[assignment]  # defined by the exec above
    return visit


_visiting = VisitorCache(_checked_plan, _keep, _visit)
