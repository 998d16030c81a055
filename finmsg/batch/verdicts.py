"""Deciding a message's fate from its diagnostics, and turning failures into diagnostics.

Every exception met while converting a message becomes diagnostics here (a
library bug included, as ``internal.error`` with its site), so that a
quarantined message always says why; errors (and, with ``strict``, lossy
findings) reject a message through :class:`Rejected`.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity, is_lossy
from finmsg.errors import FinmsgError
from finmsg.registry import FormatHandler

__all__ = [
    "Rejected",
    "diagnostics_of",
    "failed_items",
    "raise_on_errors",
    "trigger",
    "validation_findings",
    "with_rule",
]


class Rejected(FinmsgError):
    """A message refused for its own findings (which are already in its diagnostic list)."""

    default_code = "batch.rejected"


def raise_on_errors(diags: list[Diagnostic], strict: bool) -> None:
    """Raise :class:`Rejected` when ``diags`` hold an error (or, with ``strict``, a lossy finding)."""
    bad = [d for d in diags if d.severity is Severity.ERROR or (strict and is_lossy(d))]
    if bad:
        what = "lossy" if not any(d.severity is Severity.ERROR for d in bad) else "invalid"
        raise Rejected(f"message is {what}: {bad[0]}", code=bad[0].code, path=bad[0].path, diagnostics=bad)


def with_rule(diag: Diagnostic, name: str) -> Diagnostic:
    """``diag`` attributed to the business rule ``name`` (unless it already names one)."""
    if diag.rule is not None:
        return diag
    return Diagnostic(
        diag.code, diag.severity, diag.message, diag.path, diag.target_path, name, diag.original, diag.emitted
    )


def diagnostics_of(exc: BaseException) -> list[Diagnostic]:
    """The diagnostics that explain ``exc`` (none for :class:`Rejected`: they are already listed)."""
    if isinstance(exc, Rejected):
        return []  # its diagnostics are already in the message's list
    if isinstance(exc, FinmsgError):
        return list(exc.diagnostics) or [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)]
    if isinstance(exc, OSError):
        return [Diagnostic("batch.io", Severity.ERROR, f"{type(exc).__name__}: {exc}")]
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    site = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return [Diagnostic("internal.error", Severity.ERROR, f"{type(exc).__name__}: {exc}{site}")]


def trigger(diags: Sequence[Diagnostic], strict: bool) -> Diagnostic | None:
    """The finding that refused a message (or item): its first error, else (``strict``) its first
    lossy finding, not an earlier info that merely came first in the list."""
    first_lossy = None
    for diag in diags:
        if diag.severity is Severity.ERROR:
            return diag
        if first_lossy is None and strict and is_lossy(diag):
            first_lossy = diag
    return first_lossy or (diags[0] if diags else None)


def failed_items(outputs: Sequence[Result[bytes]], strict: bool) -> dict[int, Diagnostic]:
    """The items (``k`` = 1.. in item order) of a multi-item conversion that must not be written,
    each with the finding that refused it: no output, an error, or (``strict``) a lossy finding —
    the verdict :func:`raise_on_errors` gives a whole message, applied to each item alone, so
    that one bad entry of a camt.054 does not hold back the MTs of the good ones."""
    failed: dict[int, Diagnostic] = {}
    for k, output in enumerate(outputs, start=1):
        found = output.diagnostics
        bad = any(d.severity is Severity.ERROR or (strict and is_lossy(d)) for d in found)
        if bad or not output.value:
            why = trigger(found, strict) if bad else None
            failed[k] = why or Diagnostic("batch.rejected", Severity.ERROR, f"item {k} gave no output")
    return failed


def validation_findings(
    handler: FormatHandler, data: bytes, options: dict[str, Any], known: Sequence[Diagnostic]
) -> list[Diagnostic]:
    """What ``finmsg validate`` says about a quarantined message that the conversion did not.

    A conversion stops at the first value it cannot use and says so briefly ("62F does not
    match its format"); validation names the cause (which character, the field's format, the
    network rule). Run for quarantined messages only (a validated run has these already), so
    its cost is paid by the few messages an operator will look at."""
    try:
        found = list(handler.validate(data, options).diagnostics)
    except Exception as exc:  # a validator that fails says why, like a reader would
        found = diagnostics_of(exc)
    seen = set(known)
    return [d for d in found if d not in seen]
