"""camt.052 → MT942 (interim transaction report) or MT941 (balance report).

The first Rpt is translated (TS021 reports any other). MT941 is chosen when
the report has no entries, no ``/FLOOR/`` limit and a booked closing balance
(TN100), else MT942. The statement helpers of :mod:`finmsg.translate.stmt_out`
and :mod:`finmsg.translate.stmt_lines` write 20, 25, 28C, 61 and 86; this
module adds what only the report messages have (13D, 34F, 90D/90C, 28) via
:mod:`finmsg.translate.report_fields`, and reports the rest through
:mod:`finmsg.translate.stmt_unplaced`.
"""

from __future__ import annotations

from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.statements import AccountReport, Balance, Statement
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.entry86 import entry_86
from finmsg.translate.headers import build_message
from finmsg.translate.report_fields import (
    default_floor,
    field_13d,
    floor_limits,
    remaining_info,
    summary_fields,
)
from finmsg.translate.stmt_in import ORIGINAL_QUERY
from finmsg.translate.stmt_lines import field_61
from finmsg.translate.stmt_out import (
    _balance_text,
    _field_25,
    _field_28c,
    _reference,
    note_servicer_sender,
    routing_of,
)
from finmsg.translate.stmt_unplaced import report_statement
from finmsg.translate.text import reference16
from finmsg.translate.xmlfrag import fragment_text

__all__ = ["choose_report_mt", "mt_from_report"]

_ROOT = "/Document/BkToCstmrAcctRpt"
#: MT941 balance slots by camt balance type (TN105); the first of each of 60/62/64 is taken.
_MT941_SLOTS = {
    "OPBD": "60F",
    "PRCD": "60F",
    "CLBD": "62F",
    "ITBD": "62F",
    "CLAV": "64",
    "ITAV": "64",
    "FWAV": "65",
}


def _has_floor(report: AccountReport) -> bool:
    return bool(report.additional_info) and "/FLOOR/" in (report.additional_info or "")


def choose_report_mt(report: AccountReport) -> str:
    """TN100: MT941 for a pure balance report, MT942 when there are entries or floor limits."""
    closing = any(b.type.code in ("CLBD", "ITBD") for b in report.balances)
    if not report.entries and not _has_floor(report) and closing:
        return "941"
    return "942"


def _currency(report: AccountReport, src: str) -> str:
    if report.account.currency:
        return report.account.currency
    for amount in [e.amount for e in report.entries] + [b.amount for b in report.balances]:
        return amount.currency
    for line in (report.additional_info or "").split("\n"):
        if line.startswith("/FLOOR/"):
            return line[7:10]
    raise ConversionError(
        "the report names no currency (Acct/Ccy, an entry or a balance)", code="translate.missing", path=src
    )


def _account_field(ctx: Ctx, report: AccountReport, mt: str, src: str) -> MtField:
    """25, or 25P when the account owner has a BIC (TN107)."""
    plain = _field_25(ctx, report, mt, src)
    owner = report.account_owner.bic if report.account_owner is not None else None
    return MtField("25P", f"{plain.value}\n{owner}") if owner else plain


def _field_28(ctx: Ctx, report: AccountReport, src: str) -> MtField:
    """MT941 28: statement number and a sequence number of 2 digits at most (TN108)."""
    f28c = _field_28c(ctx, report, "941", src, "RptPgntn")
    number, _, page = f28c.value.partition("/")
    if page and (not page.isdigit() or len(page) > 2):
        kept = page[-2:] if page.isdigit() else ""
        ctx.truncated("TN108", f"{src}/RptPgntn/PgNb", "MT941:28", page, kept, "page number (2 digits)")
        page = kept
    return MtField("28", f"{number}/{page}" if page else number)


def _mt941_balances(ctx: Ctx, report: AccountReport, src: str) -> dict[str, list[MtField]]:
    out: dict[str, list[MtField]] = {"60F": [], "62F": [], "64": [], "65": []}
    fallback = report.creation.value.date() if report.creation is not None else None
    for index, balance in enumerate(report.balances, 1):
        bsrc = f"{src}/Bal[{index}]"
        code = balance.type.code or ""
        tag = _MT941_SLOTS.get(code)
        if tag is None or (tag != "65" and out[tag]):
            _drop_balance(ctx, balance, bsrc, "941", "TN105")
            continue
        if balance.subtype is not None:
            ctx.dropped(
                "TN105", f"{bsrc}/Tp/SubTp", None, balance.subtype.value or "", "MT has no balance subtype"
            )
        if code in ("PRCD", "ITBD", "ITAV"):
            ctx.info(
                "mapping.defaulted",
                "TN105",
                f"balance type {code} is written as {tag} (it reads back as another type)",
                f"{bsrc}/Tp",
                f"MT941:{tag}",
                code,
                tag,
            )
        out[tag].append(MtField(tag, _balance_text(ctx, balance, bsrc, f"MT941:{tag}", fallback)))
    return out


def _drop_balance(ctx: Ctx, balance: Balance, src: str, mt: str, rule: str) -> None:
    code = balance.type.code or balance.type.proprietary or ""
    ctx.dropped(
        rule,
        f"{src}/Tp",
        None,
        f"{code} {balance.credit_debit} {balance.amount}",
        f"balance type {code} has no MT{mt} field",
    )


def _related(ctx: Ctx, message: Statement, mt: str) -> list[MtField]:
    related = fragment_text(message.group_header.extras, ORIGINAL_QUERY, "MsgId")
    if related is None:
        return []
    src = f"{_ROOT}/GrpHdr/{ORIGINAL_QUERY}/MsgId"
    return [MtField("21", reference16(ctx, related, src, f"MT{mt}:21", "TS002"))]


def mt_from_report(message: Statement, ctx: Ctx, wanted: str | None) -> MtMessage:
    """Translate the first Rpt of a camt.052 into an MT942 or MT941 (``wanted`` forces one)."""
    if not message.reports:
        raise ConversionError("the camt.052 holds no Rpt", code="translate.missing", path=_ROOT)
    report = message.reports[0]
    src = f"{_ROOT}/Rpt[1]"
    routing = routing_of(message, report, ctx.options)
    mt = wanted or choose_report_mt(report)
    ctx.mt_prefix = f"MT{mt}"
    note_servicer_sender(ctx, message, report, routing, src)
    for index, other in enumerate(message.reports[1:], 2):
        ctx.dropped(
            "TS021",
            f"{_ROOT}/Rpt[{index}]",
            None,
            other.id,
            f"one MT{mt} carries one Rpt: split the camt.052",
        )
    currency = _currency(report, src)
    if message.group_header.message_id not in ("", report.id):
        ctx.dropped(
            "TN110",
            f"{_ROOT}/GrpHdr/MsgId",
            f"MT{mt}:20",
            message.group_header.message_id,
            "20 carries Rpt/Id; the message id has no MT field",
        )
    if report.pagination is not None and not report.pagination.last_page:
        ctx.dropped(
            "TN109", f"{src}/RptPgntn/LastPgInd", None, "false", f"MT{mt} does not mark intermediate pages"
        )
    fields = [MtField("20", _reference(ctx, report, src, f"MT{mt}:20")), *_related(ctx, message, mt)]
    account = _account_field(ctx, report, mt, src)
    fields.append(account)
    if mt == "941":
        fields.extend(_mt941_body(ctx, message, report, src, currency))
    else:
        fields.extend(_mt942_body(ctx, message, report, src, currency))
    closing = remaining_info(ctx, report, src, mt)
    if closing is not None:
        fields.append(closing)
    receiver = report.account_owner.bic if account.tag == "25P" and report.account_owner else routing.receiver
    report_statement(ctx, message, replace(report, summary=None), src, mt, receiver)
    return replace(build_message(routing, mt, mt, "N", (), fields), user_header=None)


def _mt942_body(
    ctx: Ctx, message: Statement, report: AccountReport, src: str, currency: str
) -> list[MtField]:
    fields = [_field_28c(ctx, report, "942", src, "RptPgntn")]
    limits = floor_limits(ctx, report, src, "942")
    fields.extend(limits or [default_floor(ctx, currency, src, "942")])
    fields.append(field_13d(ctx, message, report, src, "942"))
    for index, balance in enumerate(report.balances, 1):
        _drop_balance(ctx, balance, f"{src}/Bal[{index}]", "942", "TN104")
    for index, entry in enumerate(report.entries, 1):
        esrc = f"{src}/Ntry[{index}]"
        fields.append(field_61(ctx, entry, currency, esrc, f"MT942:61[{index}]"))
        f86 = entry_86(ctx, entry, esrc, "MT942:86")
        if f86 is not None:
            fields.append(f86)
    fields.extend(summary_fields(ctx, report.summary, currency, src, "942"))
    return fields


def _mt941_body(
    ctx: Ctx, message: Statement, report: AccountReport, src: str, currency: str
) -> list[MtField]:
    fields = [_field_28(ctx, report, src)]
    if report.creation is not None:
        fields.append(field_13d(ctx, message, report, src, "941"))
    slots = _mt941_balances(ctx, report, src)
    if not slots["62F"]:
        raise ConversionError(
            "MT941 needs a booked balance (CLBD or ITBD) for 62F", code="translate.missing", path=f"{src}/Bal"
        )
    fields.extend(slots["60F"])
    fields.extend(summary_fields(ctx, report.summary, currency, src, "941"))
    fields.extend(slots["62F"])
    fields.extend(slots["64"])
    fields.extend(slots["65"])
    return fields
