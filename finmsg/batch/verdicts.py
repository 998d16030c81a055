"""Deciding a message's fate from its diagnostics, and turning failures into diagnostics.

Every exception met while converting a message becomes diagnostics here (a
library bug included, as ``internal.error`` with its site), so that a
quarantined message always says why; errors (and, with ``strict``, lossy
findings reported as warnings: :func:`finmsg.diagnostics.refused_by_strict`, not an info default)
reject a message through :class:`Rejected`.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity, refused_by_strict
from finmsg.errors import ConversionError, FinmsgError
from finmsg.fix.exec_kind import no_trade_reason
from finmsg.model.base import Message
from finmsg.model.trading import ExecutionReport, TradingMessage
from finmsg.registry import FormatHandler

__all__ = [
    "Rejected",
    "diagnostics_of",
    "failed_items",
    "raise_on_errors",
    "skip_reason",
    "trigger",
    "validation_findings",
    "with_rule",
]


class Rejected(FinmsgError):
    """A message refused for its own findings (which are already in its diagnostic list)."""

    default_code = "batch.rejected"


def raise_on_errors(diags: list[Diagnostic], strict: bool) -> None:
    """Raise :class:`Rejected` when ``diags`` hold an error (or, with ``strict``, a lossy finding)."""
    bad = [d for d in diags if d.severity is Severity.ERROR or (strict and refused_by_strict(d))]
    if bad:
        invalid = any(d.severity is Severity.ERROR for d in bad)
        what = "invalid" if invalid else f"lossy (refused by --strict: {bad[0].severity.value} {bad[0].code})"
        raise Rejected(f"message is {what}: {bad[0]}", code=bad[0].code, path=bad[0].path, diagnostics=bad)


def skip_reason(
    model: Message, target: FormatHandler | None, seen: set[tuple[str | None, str]] | None = None
) -> Diagnostic | None:
    """The info that skips a message rather than converting it, or ``None``.

    A FIX log holds session messages (Logon, Heartbeat, SequenceReset...), orders and status
    reports next to the fills; written as another family (a settlement instruction) they have
    nothing to carry: they are counted as *skipped*, with the reason, not quarantined as
    unsupported (:func:`finmsg.fix.exec_kind.no_trade_reason`). A trade that cannot be converted
    (no route to the target, missing data) is still an error. Written as FIX or JSON, every
    message is data and is converted. ``seen`` (the (SenderCompID, ExecID) of the reports of this
    input so far) skips a resend (PossDupFlag 43=Y or PossResend 97=Y) of a report already met,
    which would otherwise be instructed twice; the same report again without either flag is an
    error (``settlement.duplicate``), quarantined rather than settled twice.
    """
    if model.family != "fix" or target is None or target.family in ("fix", "json"):
        return None
    if not isinstance(model, TradingMessage):
        return None
    found = no_trade_reason(model)
    if found is None:
        return _resent(model, seen) if seen is not None and isinstance(model, ExecutionReport) else None
    path, reason = found
    message = f"{reason}: skipped, nothing to convert to {target.family}"
    return Diagnostic("batch.skipped", Severity.INFO, message, path=path)


def _resent(report: ExecutionReport, seen: set[tuple[str | None, str]]) -> Diagnostic | None:
    if not report.exec_id:
        return None
    key = (report.sender_comp_id, report.exec_id)
    if key not in seen:
        seen.add(key)
        return None
    flag = next(
        (e.path[4:] for e in report.extras if e.path in ("FIX:43", "FIX:97") and e.content == "Y"), None
    )
    if flag is None:
        # The same report again without a resend flag: instructing it a second time would settle
        # the trade twice (review R3), so it is refused, as aggregate_fills refuses it.
        raise ConversionError(
            f"ExecutionReport {report.exec_id} repeats a report already met without PossDupFlag "
            "(43=Y) or PossResend (97=Y): not instructed twice",
            code="settlement.duplicate",
            path="FIX:17",
            value=report.exec_id,
        )
    name = "PossDupFlag" if flag == "43" else "PossResend"
    message = (
        f"ExecutionReport {report.exec_id} is a resend ({name} {flag}=Y) of a report already met: skipped"
    )
    return Diagnostic("batch.skipped", Severity.INFO, message, path=f"FIX:{flag}")


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
        if first_lossy is None and strict and refused_by_strict(diag):
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
        bad = any(d.severity is Severity.ERROR or (strict and refused_by_strict(d)) for d in found)
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
