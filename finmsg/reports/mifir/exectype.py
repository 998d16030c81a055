"""What an ExecutionReport reports for RTS 22: a new execution, a cancellation, a correction, or nothing.

The FIX reading (ExecType 150, and ExecTransType 20 before FIX 4.3) is shared with the settlement
mapping in :mod:`finmsg.fix.exec_kind`; this module only words its answer as a MiFIR finding
(``MIFIR-MAP-EXECTYPE`` / ``MIFIR-MAP-TRANSTYPE`` errors, ``MIFIR-MAP-NOT-A-TRADE`` info).
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.fix.exec_kind import (
    BAD_TRANS_TYPE,
    MISSING_EXEC_TYPE,
    TRADE_EXEC_TYPES,
    TRANS_VERSIONS,
    classify_execution,
)

__all__ = ["TRADE_EXEC_TYPES", "TRANS_VERSIONS", "execution_kind"]

_CODES = {MISSING_EXEC_TYPE: "MIFIR-MAP-EXECTYPE", BAD_TRANS_TYPE: "MIFIR-MAP-TRANSTYPE"}


def execution_kind(
    exec_type: str | None, trans: str | None, begin_string: str | None = None
) -> tuple[str | None, Diagnostic | None]:
    """(``"new"``, ``"cancel"`` or ``"correct"``, None) for an execution; (None, the finding) for a
    report that is none (an info) or whose ExecType/ExecTransType leaves it unknown (an error).
    See :func:`finmsg.fix.exec_kind.classify_execution` for the FIX rules."""
    found = classify_execution(exec_type, trans, begin_string)
    if found.kind is not None:
        return found.kind, None
    if found.faulty:
        code, severity, message = _CODES[found.problem or ""], Severity.ERROR, found.reason
    else:
        code, severity, message = "MIFIR-MAP-NOT-A-TRADE", Severity.INFO, f"{found.reason}: nothing to report"
    finding = Diagnostic(code, severity, message, path=f"FIX:{found.tag}", rule=code, original=found.value)
    return None, finding
