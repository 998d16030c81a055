"""What the business checks (:mod:`finmsg.iso20022.checks`) share about the model.

Why a module of its own: every check module and the model walk need the same few
facts (which batch and report classes are loaded, which types are leaves, the
member names of a class) and the same diagnostic shape; kept here once so the
check modules depend on this one and not on each other.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.common import Amount, Extra, Timestamp

if TYPE_CHECKING:
    from finmsg.model.initiation import PaymentInstruction
    from finmsg.model.statements import AccountReport

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


def _diag(code: str, message: str, path: str, rule: str, **values: str | None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path=path or "/", rule=rule, **values)
