"""Deciding a message's fate from its diagnostics, and turning failures into diagnostics.

Every exception met while converting a message becomes diagnostics here (a
library bug included, as ``internal.error`` with its site), so that a
quarantined message always says why; errors (and, with ``strict``, lossy
findings) reject a message through :class:`Rejected`.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from finmsg.diagnostics import Diagnostic, Severity, is_lossy
from finmsg.errors import FinmsgError

__all__ = ["Rejected", "diagnostics_of", "raise_on_errors", "with_rule"]


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
