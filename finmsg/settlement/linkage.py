"""The linkage of a cancellation to the instruction it cancels (``:20C::PREV//`` in GENL/LINK).

Why an extra: the settlement model has no member for the previous reference, and the MT reader
already keeps a ``:20C::PREV//`` link as ``Extra("mt", "MT54x:LINK/20C", ":PREV//ref")``. A FIX
cancel (ExecType H, or ExecTransType 1 before FIX 4.3) gets the same extra with its RefExecID (19),
so one rule writes it back into the MT (:mod:`finmsg.settlement.mt_out`), whichever reader made it.
"""

from __future__ import annotations

from finmsg.model.common import Extra
from finmsg.model.settlement import SettlementInstruction

__all__ = ["is_previous", "previous_link", "previous_of"]

_PREFIX = ":PREV//"


def previous_link(reference: str, mt: str = "MT") -> Extra:
    """The extra that names the instruction ``reference`` a cancellation cancels."""
    return Extra("mt", f"{mt}:LINK/20C", f"{_PREFIX}{reference}")


def is_previous(extra: Extra) -> bool:
    """True for a previous-reference link kept by the MT reader or set from a FIX cancel."""
    return extra.source == "mt" and extra.path.endswith(":LINK/20C") and extra.content.startswith(_PREFIX)


def previous_of(model: SettlementInstruction) -> str | None:
    """The previous reference a cancellation names, or ``None``."""
    return next((e.content[len(_PREFIX) :] for e in model.extras if is_previous(e)), None)
