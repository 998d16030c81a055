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
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.walkgen import Visit, VisitorCache, WalkerCache
from finmsg.model.common import Amount, Extra, PostalAddress, Timestamp
from finmsg.standards import bic, currency, iban, lei

if TYPE_CHECKING:
    from finmsg.model.initiation import PaymentInstruction
    from finmsg.model.statements import AccountReport

__all__ = ["run_checks", "walk", "walk_checked"]

#: Where a transaction keeps the amount that control sums add up, in order of preference:
#: interbank settlement amount (pacs), instructed amount (pain), returned amount (pacs.004).
_TX_AMOUNT_FIELDS = ("settlement_amount", "instructed_amount", "returned_amount", "amount")
#: Batches that declare their own NbOfTxs / CtrlSum: (module, class); add pain.008's here.
#: Looked up in ``sys.modules`` instead of imported: a batch (or an account report, below)
#: can only exist once its model module is loaded, and importing the statement and
#: initiation models just to learn that a pacs.008 holds none cost a first message ~30 ms.
_BATCH_CLASSES = (("finmsg.model.initiation", "PaymentInstruction"),)
_REPORT_CLASS = ("finmsg.model.statements", "AccountReport")


def _loaded(module: str, name: str) -> type | None:
    found = sys.modules.get(module)
    kind = getattr(found, name, None) if found is not None else None
    return kind if isinstance(kind, type) else None


#: Once every batch class (and the report class) is loaded the answer cannot change: kept.
_found: dict[str, Any] = {}


def _batch_types() -> tuple[type[PaymentInstruction], ...]:
    kinds = _found.get("batches")
    if kinds is None:
        loaded = []
        modules = sys.modules
        for module, name in _BATCH_CLASSES:  # a loop, not a generator: this runs per message
            if modules.get(module) is None:
                continue  # not loaded: ``_loaded`` would say None
            kind = _loaded(module, name)
            if kind is not None:
                loaded.append(kind)
        kinds = tuple(loaded)
        if len(kinds) == len(_BATCH_CLASSES):
            _found["batches"] = kinds
    return kinds


def _report_type() -> type[AccountReport] | None:
    kind = _found.get("report")
    if kind is None:
        if sys.modules.get(_REPORT_CLASS[0]) is None:
            return None  # not loaded: ``_loaded`` would say None
        kind = _loaded(*_REPORT_CLASS)
        if kind is not None:
            _found["report"] = kind
    return kind


#: Leaf types that carry no model objects below them: never descended into.
_LEAVES = (Amount, Timestamp, Extra)

Nodes = list[tuple[str, object]]

_field_cache: dict[type, tuple[str, ...]] = {}
_model_cache: dict[type, bool] = {}
#: Per type: the member names :func:`walk` looks into; empty for leaves and non-models.
_walk_plans: dict[type, tuple[str, ...]] = {}


def _fields(obj: object) -> tuple[str, ...]:
    kind = type(obj)
    names = _field_cache.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(obj))  # type: ignore[arg-type]
        _field_cache[kind] = names
    return names


def _type_fields(kind: type) -> tuple[str, ...]:
    names = _field_cache.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind))
        _field_cache[kind] = names
    return names


def _is_model_type(kind: type) -> bool:
    known = _model_cache.get(kind)
    if known is None:
        known = _model_cache[kind] = dataclasses.is_dataclass(kind)
    return known


def _walk_plan(kind: type) -> tuple[str, ...]:
    """Members of ``kind`` that may hold model objects; () for the leaf types (never descended)."""
    plan = () if issubclass(kind, _LEAVES) else _type_fields(kind)
    _walk_plans[kind] = plan
    return plan


def walk(obj: object, path: str = "") -> Nodes:
    """Every dataclass object below (and including) ``obj`` with its model path, depth first.

    Iterative, with a per-type plan of members: the walk is shared by all checks
    and is most of the cost of running them (a recursive generator was 10x slower).
    Paths are only formatted for members that hold model objects.
    """
    out: Nodes = []
    stack: Nodes = [(path, obj)]
    plans = _walk_plans
    is_model = _model_cache
    while stack:
        item = stack.pop()
        out.append(item)
        here, node = item
        kind = type(node)
        names = plans.get(kind)
        if names is None:
            names = _walk_plan(kind)
        if not names:
            continue
        children: Nodes = []
        for name in names:
            value = getattr(node, name)
            if value is None:
                continue
            vtype = type(value)
            if vtype is tuple:
                for index, member in enumerate(value, start=1):
                    mtype = type(member)
                    known = is_model.get(mtype)
                    if known is None:
                        known = _is_model_type(mtype)
                    if known:
                        where = f"{here}.{name}" if here else name
                        children.append((f"{where}[{index}]", member))
                continue
            known = is_model.get(vtype)
            if known is None:
                known = _is_model_type(vtype)
            if known:
                children.append((f"{here}.{name}" if here else name, value))
        if children:
            children.reverse()
            stack.extend(children)
    return out


# --------------------------------------------------------------------------- pruned walk
#
# The checks only look at a few kinds of objects (:func:`_wanted`): amounts, timestamps,
# addresses, account reports, batches, and objects with currency / BIC / IBAN / LEI
# members. :func:`walk_checked` yields only those, and never descends into a member whose
# declared type cannot lead to one (codes, references, extras, plain text...). Which
# members can is worked out once per class from its type hints (subclasses included);
# a hint that is not understood keeps the member, so pruning never hides an object.
# A new check that looks at another kind of object must extend :func:`_wanted`.

#: Scalar hint types that hold no model objects.
_SCALARS: tuple[type, ...] = (str, int, float, bool, bytes, Decimal, date, datetime, time, timedelta, Enum)
_ANYTHING = object  # marker: a hint that may hold any object
_hint_cache: dict[type, dict[str, frozenset[type]]] = {}
_reach_cache: dict[type, bool] = {}
_pruned_plans: dict[type, tuple[str, ...]] = {}


def _wanted(kind: type) -> bool:
    """True for the objects some check (or the CBPR+ rules) looks at."""
    report = _report_type()
    if issubclass(kind, (Amount, Timestamp, PostalAddress, *_batch_types(), *((report,) if report else ()))):
        return True
    if issubclass(kind, _LEAVES):
        return False
    return bool(_currency_plan(kind)) or bool(_identifier_plan(kind))  # both cache their plan


def _hint_types(hint: object, out: set[type]) -> None:
    """The model classes (and their subclasses) a member declared as ``hint`` can hold."""
    if hint is None or hint is type(None):
        return
    args = typing.get_args(hint)
    if args:
        for arg in args:
            if arg is not Ellipsis:
                _hint_types(arg, out)
        return
    if isinstance(hint, type):
        if issubclass(hint, _SCALARS):
            return
        if dataclasses.is_dataclass(hint):
            stack = [hint]
            while stack:
                kind = stack.pop()
                if kind not in out:
                    out.add(kind)
                    stack.extend(kind.__subclasses__())
            return
    out.add(_ANYTHING)  # Any, object, a protocol, an unknown class: keep it


def member_types(kind: type) -> dict[str, frozenset[type]]:
    """Per member of ``kind``: the classes it can hold (``{object}``: anything)."""
    found = _hint_cache.get(kind)
    if found is None:
        try:
            hints = typing.get_type_hints(kind)
        except Exception:  # unresolvable annotations: every member may hold anything
            hints = {}
        found = {}
        for name in _type_fields(kind):
            holds: set[type] = set()
            _hint_types(hints.get(name, object), holds)
            found[name] = frozenset(holds)
        _hint_cache[kind] = found
    return found


def type_reaches(
    kind: type, found: Callable[[type], bool], descend: Callable[[type], bool], cache: dict[type, bool]
) -> bool:
    """True when ``kind``, or a type its members may hold (followed through the type hints into
    the types ``descend`` accepts), is ``found``; memoised in ``cache``.

    Shared by the checks walk (which types hold something to check) and the MX -> MT report of
    nested extras (which types may hold a bag of kept fragments).
    """
    known = cache.get(kind)
    if known is not None:
        return known
    seen: set[type] = set()
    stack = [kind]
    result = False
    while stack and not result:
        here = stack.pop()
        if here in seen:
            continue
        seen.add(here)
        if found(here):
            result = True
        elif descend(here):
            for holds in member_types(here).values():
                stack.extend(holds)
    cache[kind] = result
    return result


def _checked(kind: type) -> bool:
    return kind is _ANYTHING or _wanted(kind)


def _not_leaf(kind: type) -> bool:
    return not issubclass(kind, _LEAVES)


def _reaches(kind: type) -> bool:
    """True when an object of ``kind``, or anything below it, is :func:`_wanted`."""
    return type_reaches(kind, _checked, _not_leaf, _reach_cache)


def _pruned_plan(kind: type) -> tuple[str, ...]:
    plan: tuple[str, ...] = ()
    if not issubclass(kind, _LEAVES):
        plan = tuple(name for name, holds in member_types(kind).items() if any(_reaches(t) for t in holds))
    _pruned_plans[kind] = plan
    return plan


def walk_checked(obj: object, path: str = "") -> Nodes:
    """The :func:`walk` nodes the checks look at (:func:`_wanted`), in the same order and paths.

    Skipping what no check reads makes this several times cheaper than the full walk
    on a payment: most members are text, codes or references. Each class is walked by
    code generated for it once (:mod:`finmsg.iso20022.walkgen`).
    """
    out: Nodes = []
    walker = _walkers.get(type(obj))
    if walker is not None:
        walker(obj, path, out)
    return out


def _checked_plan(kind: type) -> tuple[str, ...] | None:
    """The pruned plan of ``kind``, or None when nothing below an object of ``kind`` is checked."""
    if not _is_model_type(kind) or not _reaches(kind):
        _reach_cache[kind] = False
        return None
    plan = _pruned_plans.get(kind)
    return _pruned_plan(kind) if plan is None else plan


def _keep(kind: type) -> bool:
    keep = _wanted_cache.get(kind)
    if keep is None:
        keep = _wanted_cache[kind] = _wanted(kind)
    return keep


_wanted_cache: dict[type, bool] = {}
_walkers = WalkerCache(_checked_plan, _keep)


def _diag(code: str, message: str, path: str, rule: str, **values: str | None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path=path or "/", rule=rule, **values)


# --------------------------------------------------------------------------- counts and sums


def _tx_amount(tx: object) -> Amount | None:
    for name in _TX_AMOUNT_FIELDS:
        value = getattr(tx, name, None)
        if isinstance(value, Amount):
            return value
    return None


def _check_count_and_sum(
    declared_count: str | None,
    declared_sum: Decimal | None,
    txs: list[object],
    path: str,
    out: list[Diagnostic],
) -> None:
    if declared_count is not None:
        text = declared_count.strip()
        if not text.isdigit() or int(text) != len(txs):
            out.append(
                _diag(
                    "iso.check.nb-of-txs",
                    f"NbOfTxs says {declared_count!r} but {len(txs)} transaction(s) are present",
                    f"{path}.number_of_transactions" if path else "number_of_transactions",
                    "ISO20022-NbOfTxs",
                    original=declared_count,
                    emitted=str(len(txs)),
                )
            )
    if declared_sum is None:
        return
    amounts = [_tx_amount(tx) for tx in txs]
    sum_path = f"{path}.control_sum" if path else "control_sum"
    if any(a is None for a in amounts):
        missing = sum(1 for a in amounts if a is None)
        out.append(
            Diagnostic(
                "iso.check.ctrl-sum-unverified",
                Severity.INFO,
                f"CtrlSum not verified: {missing} transaction(s) carry no mapped amount (e.g. EqvtAmt)",
                path=sum_path,
                rule="ISO20022-CtrlSum",
            )
        )
        return
    total = sum((a.value for a in amounts if a is not None), Decimal(0))
    if total != declared_sum:
        out.append(
            _diag(
                "iso.check.ctrl-sum",
                f"CtrlSum is {declared_sum} but the transaction amounts add up to {total}",
                sum_path,
                "ISO20022-CtrlSum",
                original=str(declared_sum),
                emitted=str(total),
            )
        )


def check_counts(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """NbOfTxs / CtrlSum of the group header (all transactions) and of every batch (its own).

    Only counts that describe the message itself are checked: the group header's
    and those of batch types (:data:`_BATCH_CLASSES`). Counts that describe an
    *original* message (``OrgnlNbOfTxs`` in status reports) are deliberately not.
    """
    header = getattr(message, "group_header", None)
    batches = _batch_types()
    if header is not None and hasattr(header, "number_of_transactions"):
        txs: list[object] = []
        if batches:
            for name in _fields(message):
                value = getattr(message, name)
                if isinstance(value, tuple) and name != "group_header":  # only tuples hold transactions
                    txs.extend(_collect(value, name, batches))
        elif "transactions" in _fields(message):  # without batches only this member holds any
            value = getattr(message, "transactions")  # noqa: B009 - the message type is not known here
            if isinstance(value, tuple):
                txs.extend(value)
        _check_count_and_sum(
            header.number_of_transactions, getattr(header, "control_sum", None), txs, "group_header", out
        )
    if not batches:
        return
    for path, obj in nodes:
        if isinstance(obj, batches):
            _check_count_and_sum(
                obj.number_of_transactions, obj.control_sum, list(obj.transactions), path, out
            )


def _collect(value: object, name: str, batches: tuple[type[PaymentInstruction], ...]) -> list[object]:
    """Transactions held in member ``name`` (its ``value``) of the message: directly, or in its batches."""
    if not isinstance(value, tuple):  # scalars and nested objects hold no transactions
        return []
    if name == "transactions":
        return list(value)
    if not batches:
        return []
    return [tx for item in value if isinstance(item, batches) for tx in item.transactions]


# --------------------------------------------------------------------------- amounts and currencies


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


# --------------------------------------------------------------------------- statements


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


# --------------------------------------------------------------------------- identifiers

#: The validators are memoised (bounded), as the MT validator does for BICs: the same agent
#: BICs and account IBANs come back in message after message, and a check costs 10-40k
#: machine instructions (``is_valid`` is pure).
_IDENTIFIERS: dict[str, tuple[Callable[[str], bool], str, str, str]] = {
    "bic": (lru_cache(maxsize=4096)(bic.is_valid), "iso.check.bic", "BIC", "ISO9362"),
    "iban": (lru_cache(maxsize=4096)(iban.is_valid), "iso.check.iban", "IBAN", "ISO13616"),
    "lei": (lru_cache(maxsize=4096)(lei.is_valid), "iso.check.lei", "LEI", "ISO17442"),
}
_identifier_plans: dict[type, tuple[tuple[str, Callable[[str], bool], str, str, str], ...]] = {}


def _identifier_plan(kind: type) -> tuple[tuple[str, Callable[[str], bool], str, str, str], ...]:
    """Per type: (member, validator, code, label, rule) in the order of :data:`_IDENTIFIERS`."""
    plan: tuple[tuple[str, Callable[[str], bool], str, str, str], ...] = ()
    if not issubclass(kind, _LEAVES):
        names = _type_fields(kind)
        plan = tuple(
            (name, *spec)
            for suffix, spec in _IDENTIFIERS.items()
            for name in names
            if name == suffix or name.endswith("_" + suffix)
        )
    _identifier_plans[kind] = plan
    return plan


def check_identifiers(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """BIC (``bic``, ``*_bic`` members), IBAN (``iban``) and LEI (``lei``) formats and check digits."""
    plans = _identifier_plans
    for path, obj in nodes:
        kind = type(obj)
        plan = plans.get(kind)
        if plan is None:
            plan = _identifier_plan(kind)
        for name, is_valid, code, label, rule in plan:
            value = getattr(obj, name)
            if isinstance(value, str) and not is_valid(value):
                out.append(
                    _diag(
                        code,
                        f"{value!r} is not a valid {label}",
                        f"{path}.{name}" if path else name,
                        rule,
                        original=value,
                    )
                )


# --------------------------------------------------------------------------- entry point

_CHECKS: tuple[Callable[[object, Nodes, list[Diagnostic]], None], ...] = (
    check_counts,
    check_currencies,
    check_balances,
    check_identifiers,
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


#: Per identifier check code: values found valid (a set lookup is a third of a memoised call).
_valid_seen: dict[str, set[str]] = {}
_SEEN_MAX = 4096


def _remembering(is_valid: Callable[[str], bool], seen: set[str]) -> Callable[[str], bool]:
    """``is_valid`` that also adds each valid value to ``seen`` (emptied when it is full)."""

    def check(value: str) -> bool:
        if not is_valid(value):
            return False
        if len(seen) >= _SEEN_MAX:
            seen.clear()
        seen.add(value)
        return True

    return check


def _invalid_identifier(value: str, path: str, code: str, label: str, rule: str) -> Diagnostic:
    return _diag(code, f"{value!r} is not a valid {label}", path, rule, original=value)


_visiting = VisitorCache(_checked_plan, _keep, _visit)
