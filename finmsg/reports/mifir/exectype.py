"""What an ExecutionReport reports for RTS 22: a new execution, a cancellation, a correction, or nothing.

Why a module of its own: FIX says it two ways. From FIX 4.3 on, ExecType (150) alone
does (F Trade, H Trade Cancel, G Trade Correct; anything else is no execution). Before,
ExecTransType (20) says what the report does (0 New, 1 Cancel, 2 Correct, 3 Status) and
ExecType keeps the type of the execution concerned (1 partial fill, 2 fill); FIX 4.3
merged the two, turning Cancel into H, Correct into G and Status into ExecType I (Order
Status). Reading 150 alone reported a 4.2 cancellation as a new transaction and a status
report as a trade.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic, Severity

__all__ = ["execution_kind"]

#: ExecTypes of an execution: Trade, Trade Correct, Trade Cancel, and the FIX 4.2 partial fill / fill
#: (``None``: FIX 4.0 has no ExecType).
TRADE_EXEC_TYPES = frozenset({"F", "G", "H", "1", "2", None})
_TRANS_NAMES = {"0": "New", "1": "Cancel", "2": "Correct", "3": "Status"}
_KIND_OF_TRANS = {"1": "cancel", "2": "correct"}
_KIND_OF_TYPE = {"H": "cancel", "G": "correct"}
#: The versions whose ExecutionReport has ExecTransType (20); FIX 4.3 removed it from the message.
TRANS_VERSIONS = frozenset({"FIX.4.0", "FIX.4.1", "FIX.4.2"})


def _finding(severity: Severity, code: str, path: str, message: str, original: str | None) -> Diagnostic:
    return Diagnostic(code, severity, message, path=path, rule=code, original=original)


def execution_kind(
    exec_type: str | None, trans: str | None, begin_string: str | None = None
) -> tuple[str | None, Diagnostic | None]:
    """(``"new"``, ``"cancel"`` or ``"correct"``, None) for an execution; (None, the finding) for a
    report that is none (an info) or whose ExecTransType is not a FIX value (an error).

    ``begin_string`` (when known) limits ExecTransType to FIX 4.0-4.2: from FIX 4.3 on a stray
    tag 20 (read now that an undefined tag is only a warning) must not turn a trade (150=F) into
    a cancellation, and ExecType is required, so only a FIX 4.0 report may lack it.
    """
    if begin_string is not None and begin_string not in TRANS_VERSIONS:
        trans = None
    if exec_type is None and begin_string is not None and begin_string != "FIX.4.0":
        return None, _finding(
            Severity.ERROR,
            "MIFIR-MAP-EXECTYPE",
            "FIX:150",
            f"ExecType (150) is missing ({begin_string} requires it): whether the report is an "
            "execution, a cancellation or a correction is unknown",
            None,
        )
    if trans is not None and trans not in _TRANS_NAMES:
        return None, _finding(
            Severity.ERROR,
            "MIFIR-MAP-TRANSTYPE",
            "FIX:20",
            f"ExecTransType {trans!r} is none of 0 (New), 1 (Cancel), 2 (Correct), 3 (Status): "
            "whether the report is a new execution, a cancellation or a correction is unknown",
            trans,
        )
    if trans == "3":
        return None, _finding(
            Severity.INFO,
            "MIFIR-MAP-NOT-A-TRADE",
            "FIX:20",
            "ExecTransType 3 (Status) restates an order's status, not an execution: nothing to report",
            trans,
        )
    if exec_type not in TRADE_EXEC_TYPES:
        named = f" with ExecTransType {trans} ({_TRANS_NAMES[trans]})" if trans in _KIND_OF_TRANS else ""
        return None, _finding(
            Severity.INFO,
            "MIFIR-MAP-NOT-A-TRADE",
            "FIX:150",
            f"ExecType {exec_type!r}{named} is not an execution (F, G, H, or 1/2 before FIX 4.3): "
            "nothing to report",
            exec_type,
        )
    if trans in _KIND_OF_TRANS:
        return _KIND_OF_TRANS[trans], None
    return _KIND_OF_TYPE.get(exec_type or "", "new"), None
