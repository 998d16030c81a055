"""What a pacs.002 carries that an MT103 ``/REJT/`` has no place for, reported (TR031).

The MT103 reject rebuilds the rejected transfer (amount, date, parties,
agents, remittance) and puts the reason into field 72. Everything else in the
status report (other transactions, further reasons, a reason originator that
is not the sender, charges, references, OrgnlTxRef members such as the
instructed amount or the purpose) would vanish silently; each is named here
with its source path instead.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from finmsg.model.exceptions import StatusReport, TransactionStatus
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.status_out import ORIGINAL_ELEMENTS, describe_value

__all__ = ["report_reject_rest"]

_ROOT = "/Document/FIToFIPmtStsRpt"
_TARGET = "MT103"
#: OrgnlTxRef members the MT103 REJT carries (32A, 50a/59a, 52a/57a, 70).
_CARRIED = frozenset(
    {
        "settlement_amount",
        "settlement_date",
        "debtor",
        "debtor_account",
        "debtor_agent",
        "creditor",
        "creditor_account",
        "creditor_agent",
        "remittance",
    }
)
_TX_FIELDS = (
    ("acceptance", "AccptncDtTm"),
    ("effective_settlement_date", "FctvIntrBkSttlmDt"),
    ("account_servicer_ref", "AcctSvcrRef"),
    ("clearing_system_ref", "ClrSysRef"),
)


def report_reject_rest(ctx: Ctx, message: StatusReport, status: TransactionStatus, src: str) -> None:
    """Report every part of ``message`` that the MT103 REJT of ``status`` (at ``src``) leaves out."""
    for n, tx in enumerate(message.transactions, start=1):
        if tx is not status:
            why = "an MT103 REJT carries one rejected transaction"
            ctx.dropped("TR031", f"{_ROOT}/TxInfAndSts[{n}]", _TARGET, tx.status_id or tx.status or "", why)
    for n, group in enumerate(message.original_groups, start=1):
        if group.status is not None or group.reasons:
            why = "a group status has no place in an MT103 REJT"
            ctx.dropped("TR031", f"{_ROOT}/OrgnlGrpInfAndSts[{n}]", _TARGET, group.status or "", why)
    sender = status.instructing_agent.bic if status.instructing_agent else None
    if sender is None and message.header is not None:
        sender = message.header.from_bic
    for n, reason in enumerate(status.reasons, start=1):
        path = f"{src}/StsRsnInf[{n}]"
        if n > 1:
            code = reason.reason.value if reason.reason else ""
            ctx.dropped("TR031", path, f"{_TARGET}:72", code or "", "field 72 carries the first reason only")
            continue
        originator = reason.originator
        if originator is not None and not (originator.bic and sender and same_bic(originator.bic, sender)):
            ctx.dropped(
                "TR031",
                f"{path}/Orgtr",
                _TARGET,
                describe_value(originator),
                "an MT103 REJT names no reason originator other than its sender",
            )
    for n, charge in enumerate(status.charges, start=1):
        ctx.dropped(
            "TR031", f"{src}/ChrgsInf[{n}]", _TARGET, str(charge.amount), "status charges are not carried"
        )
    for name, element in _TX_FIELDS:
        value = getattr(status, name)
        if value is not None:
            shown = getattr(value, "text", None) or str(value)
            ctx.dropped("TR031", f"{src}/{element}", _TARGET, shown, f"{element} has no MT103 field")
    for extra in status.extras:
        ctx.dropped("TR031", extra.path, _TARGET, extra.content, "no place in an MT103 REJT")
    details = status.original.details
    if details is None:
        return
    for extra in details.extras:
        ctx.dropped("TR031", extra.path, _TARGET, extra.content, "no place in an MT103 REJT")
    for f in dataclass_fields(details):
        value = getattr(details, f.name)
        if f.name in _CARRIED or f.name == "extras" or value in (None, ()):
            continue
        element = ORIGINAL_ELEMENTS.get(f.name, f.name)
        ctx.dropped(
            "TR031",
            f"{src}/OrgnlTxRef/{element}",
            _TARGET,
            describe_value(value),
            f"OrgnlTxRef {element} has no place in an MT103 REJT",
        )
