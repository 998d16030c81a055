"""The MT942/MT941-only fields written from a camt.052 report: 13D, 34F, 90D/90C and the closing 86.

MT940 has none of these, so they live apart from :mod:`finmsg.translate.stmt_out`;
the statement helpers (25, 28C, 61, 86, balances) are reused from there.
Rule ids are the ``TN1nn`` of :mod:`finmsg.translate.report_rules`.
"""

from __future__ import annotations

from finmsg.model.common import Timestamp
from finmsg.model.statements import AccountReport, Statement, TransactionSummary
from finmsg.mt.fields import components
from finmsg.mt.message import MtField
from finmsg.translate import report_rules  # noqa: F401  (registers the TN rule ids)
from finmsg.translate.context import Ctx
from finmsg.translate.field13d import stamp_to_13d
from finmsg.translate.mtvalues import decimal_to_mt
from finmsg.translate.stmt_lines import amount_text, field_86

__all__ = ["FLOOR", "default_floor", "field_13d", "floor_limits", "remaining_info", "summary_fields"]

#: Prefix of the AddtlRptInf lines that carry an MT942 34F floor limit (written by the MT → camt side).
FLOOR = "/FLOOR/"


def _stamp_text(ctx: Ctx, stamp: Timestamp, src: str, tgt: str) -> str:
    return stamp_to_13d(
        ctx,
        stamp,
        "TN101",
        src,
        tgt,
        "the date-time has no UTC offset: 13D says +0000",
        "time (13D keeps minutes)",
    )


def field_13d(ctx: Ctx, message: Statement, report: AccountReport, src: str, mt: str) -> MtField:
    """13D from Rpt/CreDtTm, else GrpHdr/CreDtTm (reported), else the translation time (reported)."""
    tgt = f"MT{mt}:13D"
    if report.creation is not None:
        return MtField("13D", _stamp_text(ctx, report.creation, f"{src}/CreDtTm", tgt))
    root = src.rsplit("/", 1)[0]
    stamp = message.group_header.creation
    if stamp is not None:
        text = _stamp_text(ctx, stamp, f"{root}/GrpHdr/CreDtTm", tgt)
        ctx.defaulted("TN101", f"{src}/CreDtTm", tgt, text, "the report has no CreDtTm: GrpHdr/CreDtTm used")
        return MtField("13D", text)
    now = ctx.now
    text = _stamp_text(ctx, Timestamp(now, now.isoformat()), f"{src}/CreDtTm", tgt)
    ctx.defaulted("TN101", f"{src}/CreDtTm", tgt, text, "no creation time at all: the translation time")
    return MtField("13D", text)


def _info_lines(report: AccountReport) -> list[str]:
    return report.additional_info.replace("\r\n", "\n").split("\n") if report.additional_info else []


def floor_limits(ctx: Ctx, report: AccountReport, src: str, mt: str) -> list[MtField]:
    """The ``/FLOOR/`` lines of AddtlRptInf that are valid 34F values, in order (TN102)."""
    out: list[MtField] = []
    for line in _info_lines(report):
        if not line.startswith(FLOOR):
            continue
        value = line[len(FLOOR) :]
        if components("34F", value) is None or len(out) == 2:
            ctx.dropped("TN102", f"{src}/AddtlRptInf", f"MT{mt}:34F", line, "not a usable 34F floor limit")
            continue
        out.append(MtField("34F", value))
    return out


def default_floor(ctx: Ctx, currency: str, src: str, mt: str) -> MtField:
    """MT942 needs a 34F: a zero floor limit reports every entry, which is what the camt did."""
    value = f"{currency}0,"
    ctx.defaulted("TN102", f"{src}/AddtlRptInf", f"MT{mt}:34F", value, "no /FLOOR/ limit: 34F is zero")
    return MtField("34F", value)


def remaining_info(ctx: Ctx, report: AccountReport, src: str, mt: str) -> MtField | None:
    """AddtlRptInf without its /FLOOR/ lines as the closing 86 (TN106)."""
    rest = [line for line in _info_lines(report) if not line.startswith(FLOOR)]
    if not rest:
        return None
    return field_86(ctx, "\n".join(rest), f"{src}/AddtlRptInf", f"MT{mt}:86", "TN106")


def _count(ctx: Ctx, count: str | None, src: str, tgt: str) -> str:
    if count is None:
        ctx.defaulted("TN103", src, tgt, "0", "the summary gives a sum but no count")
        return "0"
    if not count.isdigit() or len(count) > 5:
        ctx.truncated("TN103", src, tgt, count, count[-5:], "number of entries (5 digits)")
        return count[-5:]
    return count


def summary_fields(
    ctx: Ctx, summary: TransactionSummary | None, currency: str, src: str, mt: str
) -> list[MtField]:
    """90D and 90C from the debit and credit totals; the rest of TxsSummry is reported (TN103)."""
    if summary is None:
        return []
    out: list[MtField] = []
    for tag, element, count, total in (
        ("90D", "TtlDbtNtries", summary.debit_entries, summary.debit_sum),
        ("90C", "TtlCdtNtries", summary.credit_entries, summary.credit_sum),
    ):
        if count is None and total is None:
            continue
        path, tgt = f"{src}/TxsSummry/{element}", f"MT{mt}:{tag}"
        if total is None:
            ctx.dropped("TN103", f"{path}/Sum", tgt, count or "", f"{tag} needs the sum of the entries")
            continue
        number = _count(ctx, count, f"{path}/NbOfNtries", tgt)
        out.append(MtField(tag, f"{number}{currency}{amount_text(decimal_to_mt(total), f'{path}/Sum')}"))
    for value, element in (
        (summary.number_of_entries, "TtlNtries/NbOfNtries"),
        (summary.sum, "TtlNtries/Sum"),
        (summary.net_amount, "TtlNtries/TtlNetNtry/Amt"),
    ):
        if value is not None:
            ctx.info(
                "lossy.dropped",
                "TN103",
                f"MT{mt} carries the debit and credit totals only (this one can be recomputed)",
                f"{src}/TxsSummry/{element}",
                None,
                str(value),
            )
    for extra in summary.extras:
        ctx.dropped("TN103", extra.path or f"{src}/TxsSummry", None, extra.content, "no MT field for it")
    return out
