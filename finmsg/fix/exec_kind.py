"""What an ExecutionReport (35=8) says happened: a new execution, its cancellation, its correction,
or no execution at all.

Why a module of its own, under :mod:`finmsg.fix`: FIX says it two ways, and every consumer of
executions (the MiFIR transaction report, the settlement instruction) must read it alike. From
FIX 4.3 on, ExecType (150) alone does (F Trade, H Trade Cancel, G Trade Correct; anything else —
0 New, 4 Canceled, 8 Rejected, I Order Status... — is no execution). Before, ExecTransType (20)
says what the report does (0 New, 1 Cancel, 2 Correct, 3 Status) and ExecType keeps the type of
the execution concerned (1 partial fill, 2 fill); FIX 4.3 merged the two, turning Cancel into H,
Correct into G and Status into ExecType I (Order Status). Reading 150 alone takes a 4.2
cancellation for a new trade and a status report for a trade.

The answer is neutral (:class:`ExecutionKind`): each consumer words its own diagnostic (MiFIR
"nothing to report", settlement "nothing to settle") with its own codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.errors import ConversionError
from finmsg.model.trading import ExecutionReport, TradingMessage

__all__ = [
    "BAD_TRANS_TYPE",
    "MISSING_EXEC_TYPE",
    "NOT_A_TRADE",
    "STATUS",
    "TRADE_EXEC_TYPES",
    "TRANS_VERSIONS",
    "ExecutionKind",
    "NotATradeError",
    "classify_execution",
    "classify_report",
    "no_trade_reason",
]

#: ExecTypes of an execution: Trade, Trade Correct, Trade Cancel, and the FIX 4.2 partial fill / fill
#: (``None``: FIX 4.0 has no ExecType).
TRADE_EXEC_TYPES = frozenset({"F", "G", "H", "1", "2", None})
TRANS_NAMES = {"0": "New", "1": "Cancel", "2": "Correct", "3": "Status"}
_KIND_OF_TRANS = {"1": "cancel", "2": "correct"}
_KIND_OF_TYPE = {"H": "cancel", "G": "correct"}
#: The versions whose ExecutionReport has ExecTransType (20); FIX 4.3 removed it from the message.
TRANS_VERSIONS = frozenset({"FIX.4.0", "FIX.4.1", "FIX.4.2"})

#: Why a report is no execution (:attr:`ExecutionKind.problem`): the first two are faults of the
#: message (its meaning is unknown), the last two are reports that simply carry no trade.
MISSING_EXEC_TYPE = "missing-exec-type"
BAD_TRANS_TYPE = "bad-trans-type"
STATUS = "status"
NOT_A_TRADE = "not-a-trade"


@dataclass(frozen=True, slots=True)
class ExecutionKind:
    """``kind`` is ``"new"``, ``"cancel"`` or ``"correct"`` for an execution, else ``None`` and
    ``problem`` says why (one of the constants above), ``tag`` which field decided it (150 or 20),
    ``reason`` a sentence naming the field and its value, and ``value`` that value."""

    kind: str | None
    problem: str | None = None
    tag: int | None = None
    reason: str = ""
    value: str | None = None

    @property
    def faulty(self) -> bool:
        """True when the report's meaning is unknown (a missing ExecType, a non-FIX ExecTransType)."""
        return self.problem in (MISSING_EXEC_TYPE, BAD_TRANS_TYPE)


_NEW = ExecutionKind("new")
_CANCEL = ExecutionKind("cancel")
_CORRECT = ExecutionKind("correct")
_KINDS = {"new": _NEW, "cancel": _CANCEL, "correct": _CORRECT}


def classify_execution(
    exec_type: str | None, trans: str | None, begin_string: str | None = None
) -> ExecutionKind:
    """The kind of an ExecutionReport from its ExecType (150), ExecTransType (20) and BeginString.

    ``begin_string`` (when known) limits ExecTransType to FIX 4.0-4.2: from FIX 4.3 on a stray
    tag 20 must not turn a trade (150=F) into a cancellation, and ExecType is required, so only a
    FIX 4.0 report may lack it.
    """
    if begin_string is not None and begin_string not in TRANS_VERSIONS:
        trans = None
    if exec_type is None and begin_string is not None and begin_string != "FIX.4.0":
        return ExecutionKind(
            None,
            MISSING_EXEC_TYPE,
            150,
            f"ExecType (150) is missing ({begin_string} requires it): whether the report is an "
            "execution, a cancellation or a correction is unknown",
        )
    if trans is not None and trans not in TRANS_NAMES:
        return ExecutionKind(
            None,
            BAD_TRANS_TYPE,
            20,
            f"ExecTransType {trans!r} is none of 0 (New), 1 (Cancel), 2 (Correct), 3 (Status): "
            "whether the report is a new execution, a cancellation or a correction is unknown",
            trans,
        )
    if trans == "3":
        return ExecutionKind(
            None, STATUS, 20, "ExecTransType 3 (Status) restates an order's status, not an execution", trans
        )
    if exec_type not in TRADE_EXEC_TYPES:
        named = f" with ExecTransType {trans} ({TRANS_NAMES[trans]})" if trans in _KIND_OF_TRANS else ""
        return ExecutionKind(
            None,
            NOT_A_TRADE,
            150,
            f"ExecType {exec_type!r}{named} is not an execution (F, G, H, or 1/2 before FIX 4.3)",
            exec_type,
        )
    if trans in _KIND_OF_TRANS:
        return _KINDS[_KIND_OF_TRANS[trans]]
    return _KINDS[_KIND_OF_TYPE.get(exec_type or "", "new")]


def classify_report(msg: ExecutionReport) -> ExecutionKind:
    """:func:`classify_execution` of a parsed report (ExecTransType 20 is kept among its extras)."""
    trans = next((e.content for e in msg.extras if e.source == "fix" and e.path == "FIX:20"), None)
    return classify_execution(msg.exec_type, trans, msg.begin_string)


class NotATradeError(ConversionError):
    """The FIX message carries no trade (a session message, an order, a status report, an
    ExecutionReport that acknowledges or rejects an order): there is nothing to settle or report.

    Not a fault of the message: a batch counts it as *skipped*, with :attr:`message` as the reason.
    """

    default_code = "fix.not-a-trade"


#: FIX session-level (admin) messages: they carry the session, never business data.
SESSION_MESSAGES = {
    "0": "Heartbeat",
    "1": "TestRequest",
    "2": "ResendRequest",
    "3": "Reject",
    "4": "SequenceReset",
    "5": "Logout",
    "A": "Logon",
    "n": "XMLnonFIX",
}
#: Application messages that can carry a trade: ExecutionReport (by its kind), AllocationInstruction,
#: Confirmation, TradeCaptureReport.
TRADE_MESSAGES = frozenset({"8", "J", "AK", "AE"})


def no_trade_reason(msg: TradingMessage) -> tuple[str, str] | None:
    """(the FIX field that says so, the reason) when ``msg`` carries no trade; ``None`` when it
    does or when its meaning is unknown (a report without ExecType: converting it says why)."""
    kind = msg.message_type
    session = SESSION_MESSAGES.get(kind)
    if session is not None:
        return "FIX:35", f"{session} (35={kind}) is a FIX session message, not a trade"
    if kind not in TRADE_MESSAGES:
        name = type(msg).__name__ if type(msg) is not TradingMessage else "the message"
        return "FIX:35", f"{name} (35={kind}) carries no trade (8, J, AK or AE do)"
    if isinstance(msg, ExecutionReport):
        found = classify_report(msg)
        if found.kind is None and not found.faulty:
            return f"FIX:{found.tag}", found.reason
    return None
