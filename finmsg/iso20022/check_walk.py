"""The model walks of the business checks: every object (:func:`walk`) or only those a check
reads (:func:`walk_checked`), with their model paths.

Why a module of its own: the walk is shared by every check and by the CBPR+ rules, and the
type analysis behind the pruned walk (:func:`member_types`, :func:`type_reaches`) is also used
by the MX -> MT report of nested extras.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum

from finmsg.iso20022.check_amounts import _currency_plan
from finmsg.iso20022.check_ids import _identifier_plan
from finmsg.iso20022.check_model import (
    _LEAVES,
    Nodes,
    _batch_types,
    _is_model_type,
    _model_cache,
    _report_type,
    _type_fields,
)
from finmsg.iso20022.walkgen import WalkerCache
from finmsg.model.common import Amount, PostalAddress, Timestamp

__all__ = ["Nodes", "member_types", "type_reaches", "walk", "walk_checked"]

#: Per type: the member names :func:`walk` looks into; empty for leaves and non-models.
_walk_plans: dict[type, tuple[str, ...]] = {}


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
