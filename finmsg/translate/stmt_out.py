"""camt.053 → MT940 / MT950 and camt.052 → MT942 / MT941 (the MX → MT statement direction).

The first Stmt/Rpt is translated (TS021 reports any other). Balances are
read in order: the first opening-type balance (OPBD, PRCD or ITBD) gives 60a,
the next closing-type one (CLBD or ITBD) 62a, CLAV 64 and each FWAV 65.
What the MT has no field for is reported by :mod:`finmsg.translate.stmt_unplaced`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from finmsg.errors import ConversionError
from finmsg.model.common import Account
from finmsg.model.statements import AccountReport, Balance, Statement
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate import stmt_rules  # noqa: F401  (registers the TS rule ids)
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.entry86 import entry_86
from finmsg.translate.headers import Routing, build_message, fill_routing
from finmsg.translate.mtvalues import date_to_mt, decimal_to_mt
from finmsg.translate.stmt_in import ORIGINAL_QUERY
from finmsg.translate.stmt_lines import amount_text, field_61, field_86
from finmsg.translate.stmt_unplaced import report_statement
from finmsg.translate.text import NOTPROVIDED, reference16, to_x
from finmsg.translate.xmlfrag import fragment_text

__all__ = ["choose_mt", "mt_from_statement", "note_servicer_sender", "routing_of"]

_OPENING = ("OPBD", "PRCD", "ITBD")
_CLOSING = ("CLBD", "ITBD")
_ROOTS = {"camt.053": ("BkToCstmrStmt", "Stmt"), "camt.052": ("BkToCstmrAcctRpt", "Rpt")}


def routing_of(
    message: Statement, report: AccountReport, options: Mapping[str, Any] | None = None
) -> Routing:
    """BAH first (TS001); without one the account servicer sends to the owner or the recipient;
    a BIC still missing comes from the ``sender`` / ``receiver`` options (:func:`fill_routing`)."""
    header = message.header
    sender = header.from_bic if header and header.from_bic else None
    receiver = header.to_bic if header and header.to_bic else None
    if sender is None and report.account_servicer is not None:
        sender = report.account_servicer.bic
    if receiver is None:
        for party in (report.account_owner, message.group_header.recipient):
            bic = party.bic if party is not None else None
            if bic:
                receiver = bic
                break
    routing = Routing(sender, receiver)
    return fill_routing(routing, options) if options else routing


def note_servicer_sender(
    ctx: Ctx,
    message: Statement,
    report: AccountReport,
    routing: Routing,
    src: str,
    rule: str = "TS001",
    what: str = "report",
) -> None:
    """Say (info) that block 1 names the account servicer because no BAH names the sender.

    A camt.052/053/054 has no InstgAgt: without an AppHdr the account servicer (Acct/Svcr), the
    bank that keeps the account and issues the report, is the only party that can be the sender.
    Call after ``ctx.mt_prefix`` is set (the target path names the MT). ``rule`` and ``what``
    name the pair's routing rule and the document (``notification`` for a camt.054).
    """
    header = message.header
    if header is not None and header.from_bic:
        return
    servicer = report.account_servicer
    if servicer is not None and servicer.bic and routing.sender == servicer.bic:
        ctx.info(
            "mapping.implicit",
            rule,
            f"no BAH names the sender: block 1 is the account servicer Acct/Svcr, which issues the {what}",
            f"{src}/Acct/Svcr",
            f"{ctx.mt_prefix}:block1",
            None,
            servicer.bic,
        )


def _owner_bic(report: AccountReport) -> str | None:
    owner = report.account_owner
    return owner.bic if owner is not None else None


def choose_mt(message: Statement, report: AccountReport, routing: Routing) -> str:
    """TS018: MT950 for a financial institution's own account with no 86 text, else MT940.

    86 text is what an MT940 would write in an 86: AddtlStmtInf, and per entry its
    AddtlNtryInf, the /REMI/ remittance and the /ORDP/ /BENM/ counterparty
    (:func:`~finmsg.translate.entry86.entry_86`), so an MT950 is never chosen to lose them.
    """
    owner = _owner_bic(report)
    if not owner or not same_bic(owner, routing.receiver) or report.additional_info:
        return "940"
    scratch = Ctx()  # entry_86 only to learn whether an 86 would be written: findings unused
    if any(entry_86(scratch, entry, "", "") is not None for entry in report.entries):
        return "940"
    return "950"


def _reference(ctx: Ctx, report: AccountReport, src: str, tgt: str) -> str:
    return reference16(ctx, report.id, f"{src}/Id", tgt, "TS023")


def _field_25(ctx: Ctx, report: AccountReport, mt: str, src: str) -> MtField:
    account: Account = report.account
    ident = account.identifier
    tgt = f"MT{mt}:25"
    if not ident:
        ctx.defaulted("TS023", f"{src}/Acct/Id", tgt, NOTPROVIDED, "the account has no identifier")
        ident = NOTPROVIDED
    text = to_x(ctx, ident, f"{src}/Acct/Id", tgt)
    if len(text) > 35:
        ctx.truncated("TS003", f"{src}/Acct/Id", tgt, ident, text[:35], "account identifier")
        text = text[:35]
    owner = _owner_bic(report)
    if mt == "940" and owner:
        return MtField("25P", f"{text}\n{owner}")
    return MtField("25", text)


def _field_28c(ctx: Ctx, report: AccountReport, mt: str, src: str, pagination_name: str) -> MtField:
    tgt = f"MT{mt}:28C"
    number = report.electronic_sequence or report.legal_sequence
    if number is None:
        ctx.defaulted("TS023", f"{src}/ElctrncSeqNb", tgt, "1", "no statement number: 28C starts at 1")
        number = "1"
    elif not number.isdigit() or len(number) > 5:
        digits = "".join(c for c in number if c.isdigit())[-5:] or "1"
        ctx.truncated("TS020", f"{src}/ElctrncSeqNb", tgt, number, digits, "statement number (5 digits)")
        number = digits
    page = report.pagination
    if page is None:
        return MtField("28C", number)
    return MtField("28C", f"{number}/{page.page_number}")


def _balance_text(ctx: Ctx, balance: Balance, src: str, tgt: str, fallback: date | None) -> str:
    day = balance.date.date if balance.date is not None else None
    if day is None and balance.date is not None and balance.date.date_time is not None:
        day = balance.date.date_time.value.date()
    if day is None:
        if fallback is None:
            raise ConversionError("a balance has no date", code="translate.missing", path=src)
        ctx.defaulted("TS023", f"{src}/Dt", tgt, fallback.isoformat(), "balance without a date")
        day = fallback
    mark = "C" if balance.credit_debit == "CRDT" else "D"
    amount = amount_text(decimal_to_mt(balance.amount.value), f"{src}/Amt")
    return f"{mark}{date_to_mt(day, src)}{balance.amount.currency}{amount}"


def _balances(ctx: Ctx, report: AccountReport, mt: str, src: str) -> dict[str, list[MtField]]:
    """Balance fields by slot: ``60``, ``62``, ``64``, ``65`` (TS005-TS007)."""
    out: dict[str, list[MtField]] = {"60": [], "62": [], "64": [], "65": []}
    fallback = report.creation.value.date() if report.creation is not None else None
    for index, balance in enumerate(report.balances, 1):
        code = balance.type.code or ""
        bsrc = f"{src}/Bal[{index}]"
        if not out["60"] and not out["62"] and code in _OPENING:
            tag = "60M" if code == "ITBD" else "60F"
            if code == "PRCD":
                ctx.info(
                    "mapping.defaulted",
                    "TS005",
                    "the previously closed booked balance opens the MT statement (60F reads back as OPBD)",
                    f"{bsrc}/Tp",
                    f"MT{mt}:60F",
                    code,
                    "60F",
                )
        elif out["60"] and not out["62"] and code in _CLOSING:
            tag = "62M" if code == "ITBD" else "62F"
        elif code == "CLAV" and not out["64"]:
            tag = "64"
        elif code == "FWAV":
            tag = "65"
        else:
            ctx.dropped(
                "TS019",
                f"{bsrc}/Tp",
                None,
                f"{code or balance.type.proprietary} {balance.amount}",
                f"balance type {code or balance.type.proprietary} has no MT{mt} field",
            )
            continue
        if balance.subtype is not None:
            ctx.dropped(
                "TS019", f"{bsrc}/Tp/SubTp", None, balance.subtype.value or "", "MT has no balance subtype"
            )
        tgt = f"MT{mt}:{tag}"
        out[tag[:2]].append(MtField(tag, _balance_text(ctx, balance, bsrc, tgt, fallback)))
    for slot in ("60", "62"):
        if not out[slot]:
            raise ConversionError(
                f"MT{mt} needs field {slot}a but the statement has no "
                f"{'opening (OPBD/PRCD/ITBD)' if slot == '60' else 'closing (CLBD/ITBD)'} balance",
                code="translate.missing",
                path=f"{src}/Bal",
            )
    final = report.pagination.last_page if report.pagination is not None else None
    closing = out["62"][0]
    if final is not None and (closing.tag == "62F") != final:
        ctx.info(
            "mapping.defaulted",
            "TS004",
            "LastPgInd and the closing balance type disagree; 62a follows the balance type",
            f"{src}/StmtPgntn/LastPgInd",
            f"MT{mt}:{closing.tag}",
            str(final).lower(),
            closing.tag,
        )
    return out


def mt_from_statement(message: Statement, ctx: Ctx, wanted: str | None) -> MtMessage:
    """Translate the first report of a camt.053 (MT940/MT950) or camt.052 (MT942/MT941)."""
    family = message.message_type[:8]
    root, block = _ROOTS[family]
    if not message.reports:
        raise ConversionError(
            f"the {family} holds no {block}", code="translate.missing", path=f"/Document/{root}"
        )
    report = message.reports[0]
    src = f"/Document/{root}/{block}[1]"
    routing = routing_of(message, report, ctx.options)
    mt = wanted or choose_mt(message, report, routing)
    ctx.mt_prefix = f"MT{mt}"
    note_servicer_sender(ctx, message, report, routing, src)
    for index, other in enumerate(message.reports[1:], 2):
        ctx.dropped(
            "TS021",
            f"/Document/{root}/{block}[{index}]",
            None,
            other.id,
            f"one MT{mt} carries one {block}: split the camt message to translate this one",
        )
    fields = [MtField("20", _reference(ctx, report, src, f"MT{mt}:20"))]
    related = fragment_text(message.group_header.extras, ORIGINAL_QUERY, "MsgId")
    if related is not None:
        if mt == "940":
            fields.append(
                MtField(
                    "21",
                    reference16(
                        ctx, related, f"/Document/{root}/GrpHdr/{ORIGINAL_QUERY}/MsgId", "MT940:21", "TS002"
                    ),
                )
            )
        else:
            ctx.dropped(
                "TS002", f"/Document/{root}/GrpHdr/{ORIGINAL_QUERY}", None, related, f"MT{mt} has no 21"
            )
    fields.append(_field_25(ctx, report, mt, src))
    fields.append(_field_28c(ctx, report, mt, src, "StmtPgntn"))
    slots = _balances(ctx, report, mt, src)
    fields.extend(slots["60"])
    currency = slots["60"][0].value[7:10]
    for index, entry in enumerate(report.entries, 1):
        tgt = f"MT{mt}:61[{index}]"
        fields.append(field_61(ctx, entry, currency, f"{src}/Ntry[{index}]", tgt))
        text = entry.additional_info
        if text and mt == "950":
            ctx.dropped("TS016", f"{src}/Ntry[{index}]/AddtlNtryInf", None, text, "MT950 has no 86")
        elif mt != "950":
            f86 = entry_86(ctx, entry, f"{src}/Ntry[{index}]", f"MT{mt}:86")
            if f86 is not None:
                fields.append(f86)
    fields.extend(slots["62"])
    fields.extend(slots["64"])
    fields.extend(slots["65"])
    if report.additional_info and mt == "950":
        ctx.dropped("TS017", f"{src}/AddtlStmtInf", None, report.additional_info, "MT950 has no 86")
    elif report.additional_info:
        f86 = field_86(ctx, report.additional_info, f"{src}/AddtlStmtInf", f"MT{mt}:86", "TS017")
        if f86 is not None:
            fields.append(f86)
    report_statement(ctx, message, report, src, mt, routing.receiver)
    return replace(build_message(routing, mt, mt, "N", (), fields), user_header=None)
