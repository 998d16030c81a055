"""pacs.002 status report → MT199 (rules TF020-TF024).

The MT103 ``/REJT/`` pair (:mod:`finmsg.translate.returns_out`) needs the
rejected customer transfer itself. Every other status report (an
acceptance, a pending, a rejection of an FI transfer, a group-level status,
a reject whose original amount is unknown) is a free-format message: 20 is
the status id, 21 the original instruction, block 3 the original UETR, and
79 the status in codeword lines (:mod:`finmsg.translate.status_lines`) laid
out like the admi.024 narratives (:mod:`finmsg.translate.freeformat_out`:
35 lines of 50 characters).
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

import finmsg.translate.status_rules  # noqa: F401  (registers the TF02x rule ids)
from finmsg.errors import ConversionError
from finmsg.model.exceptions import OriginalGroupInfo, OriginalTxDetails, StatusReport, TransactionStatus
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.writer import make_user_header
from finmsg.translate.context import Ctx
from finmsg.translate.freeformat_out import LINES, WIDTH
from finmsg.translate.headers import build_message, routing_from_mx
from finmsg.translate.mtvalues import date_to_mt
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.status_lines import Item, reason_items, reference_items
from finmsg.translate.text import reference16, to_x, wrap_words

__all__ = ["ORIGINAL_ELEMENTS", "describe_value", "is_customer_reject", "pacs002_to_mt199"]

_ROOT = "/Document/FIToFIPmtStsRpt"
_P = "MT199"
_CUSTOMER = ("mt103", "pacs.008")


def is_customer_reject(report: StatusReport) -> bool:
    """True for the RJCT of one customer transfer whose amount is known: an MT103 ``/REJT/`` (TF020)."""
    if len(report.transactions) != 1 or report.transactions[0].status != "RJCT":
        return False
    original = report.transactions[0].original
    if original.details is None or original.details.settlement_amount is None:
        return False
    group = original.group or (report.original_groups[0].original if report.original_groups else None)
    return group is None or group.message_name_id.lower().startswith(_CUSTOMER)


def pacs002_to_mt199(message: StatusReport, ctx: Ctx) -> MtMessage:
    """The first status of a pacs.002 (transaction, else group) as an MT199."""
    ctx.mt_prefix = _P
    grp = message.group_header
    if message.transactions:
        tx = message.transactions[0]
        src = f"{_ROOT}/TxInfAndSts[1]"
        reference, ref_path = (tx.status_id, f"{src}/StsId") if tx.status_id else (grp.message_id, "")
        items = [*reason_items(tx.status, tx.reasons, src), *_tx_items(ctx, message, tx, src)]
        related = _related(tx, message.original_groups, src)
        uetr = tx.original.uetr
        agents = (tx.instructing_agent or grp.instructing_agent, tx.instructed_agent or grp.instructed_agent)
        _report_rest(ctx, message, skip_groups=0)
        consumed: object = tx
    elif message.original_groups:
        group = message.original_groups[0]
        src = f"{_ROOT}/OrgnlGrpInfAndSts[1]"
        reference, ref_path, uetr = grp.message_id, "", None
        items = [*reason_items(group.status, group.reasons, src), *_group_items(group, src)]
        related = (group.original.message_id, f"{src}/OrgnlMsgId")
        agents = (grp.instructing_agent, grp.instructed_agent)
        _report_rest(ctx, message, skip_groups=1)
        consumed = group
    else:
        raise ConversionError(
            "pacs.002 without TxInfAndSts or OrgnlGrpInfAndSts", code="translate.empty", path=_ROOT
        )
    routing = routing_from_mx(message.header, *agents, ctx.options)
    fields = [MtField("20", reference16(ctx, reference, ref_path or f"{_ROOT}/GrpHdr/MsgId", f"{_P}:20"))]
    if related[0]:
        fields.append(MtField("21", reference16(ctx, related[0], related[1], f"{_P}:21", "NONREF")))
    else:
        ctx.defaulted("TF021", related[1] or None, f"{_P}:21", "NONREF", "no original reference for 21")
        fields.append(MtField("21", "NONREF"))
    fields.append(MtField("79", "\n".join(_layout(ctx, items))))
    report_nested_extras(ctx, (grp, consumed), extras=message.extras)  # TR031
    priority = "U" if message.header and message.header.priority == "HIGH" else "N"
    built = build_message(routing, "199", "199", priority, make_user_header(uetr), fields)
    return built if uetr else replace(built, user_header=None)


def _related(
    tx: TransactionStatus, groups: tuple[OriginalGroupInfo, ...], src: str
) -> tuple[str | None, str]:
    """21 (TF021): OrgnlInstrId, else OrgnlEndToEndId, else the original message id."""
    o = tx.original
    if o.instruction_id:
        return o.instruction_id, f"{src}/OrgnlInstrId"
    if o.end_to_end_id:
        return o.end_to_end_id, f"{src}/OrgnlEndToEndId"
    group = o.group or (groups[0].original if groups else None)
    if group is not None:
        return group.message_id, f"{src}/OrgnlGrpInf/OrgnlMsgId"
    return None, f"{src}/OrgnlInstrId"


def _tx_items(ctx: Ctx, message: StatusReport, tx: TransactionStatus, src: str) -> list[Item]:
    original = tx.original
    if original.group is None and message.original_groups:
        original = replace(original, group=message.original_groups[0].original)
    items = reference_items(original, src)
    if tx.acceptance is not None:
        items.append(Item("ACCPT", tx.acceptance.text, f"{src}/AccptncDtTm"))
    if tx.effective_settlement_date is not None:
        stld = f"{src}/FctvIntrBkSttlmDt"
        items.append(Item("STLD", date_to_mt(tx.effective_settlement_date, stld), stld))
    if tx.account_servicer_ref:
        items.append(Item("ASREF", tx.account_servicer_ref, f"{src}/AcctSvcrRef"))
    if tx.clearing_system_ref:
        items.append(Item("CLREF", tx.clearing_system_ref, f"{src}/ClrSysRef"))
    for n, charge in enumerate(tx.charges, start=1):
        ctx.dropped("TF024", f"{src}/ChrgsInf[{n}]", _P, str(charge.amount), "MT199 has no charges field")
    for extra in tx.extras:
        ctx.dropped("TF024", extra.path, _P, extra.content, "no place in an MT199")
    _report_details(ctx, original.details, f"{src}/OrgnlTxRef")
    return items


def _group_items(group: OriginalGroupInfo, src: str) -> list[Item]:
    ref = group.original
    return [Item("OMSG", f"{ref.message_name_id}/{ref.message_id}", src)]


#: OrgnlTxRef members by their ISO 20022 element name, for the paths of diagnostics.
ORIGINAL_ELEMENTS = {
    "instructed_amount": "InstdAmt",
    "requested_collection_date": "ReqdColltnDt",
    "requested_execution_date": "ReqdExctnDt",
    "settlement": "SttlmInf",
    "payment_type": "PmtTpInf",
    "payment_method": "PmtMtd",
    "remittance": "RmtInf",
    "ultimate_debtor": "UltmtDbtr",
    "debtor": "Dbtr",
    "debtor_account": "DbtrAcct",
    "debtor_agent": "DbtrAgt",
    "debtor_agent_account": "DbtrAgtAcct",
    "creditor_agent": "CdtrAgt",
    "creditor_agent_account": "CdtrAgtAcct",
    "creditor": "Cdtr",
    "creditor_account": "CdtrAcct",
    "ultimate_creditor": "UltmtCdtr",
    "purpose": "Purp",
}


def _report_details(ctx: Ctx, details: OriginalTxDetails | None, path: str) -> None:
    """OrgnlTxRef members other than the amount and date (which travel in /OAMT/) are reported."""
    if details is None:
        return
    for f in dataclass_fields(details):
        value = getattr(details, f.name)
        if f.name in ("settlement_amount", "settlement_date") or value in (None, ()):
            continue
        name = ORIGINAL_ELEMENTS.get(f.name, f.name)
        ctx.dropped(
            "TF024", f"{path}/{name}", _P, describe_value(value), f"OrgnlTxRef {name} has no MT199 place"
        )


def describe_value(value: object) -> str:
    """A short original value for a report: a name, BIC, LEI or account id rather than a repr."""
    for attr in ("name", "bic", "lei", "identifier", "code", "proprietary"):
        found = getattr(value, attr, None)
        if isinstance(found, str) and found:
            return found
    return str(value)[:200]


def _report_rest(ctx: Ctx, message: StatusReport, skip_groups: int) -> None:
    for n, tx in enumerate(message.transactions[1:], start=2):
        ctx.dropped(
            "TF024",
            f"{_ROOT}/TxInfAndSts[{n}]",
            _P,
            tx.status_id or tx.status or "",
            "an MT199 reports one status",
        )
    for n, group in enumerate(message.original_groups, start=1):
        if n <= skip_groups or (group.status is None and not group.reasons):
            continue
        ctx.dropped(
            "TF024", f"{_ROOT}/OrgnlGrpInfAndSts[{n}]", _P, group.status or "", "an MT199 reports one status"
        )


def _layout(ctx: Ctx, items: list[Item]) -> list[str]:
    """``/code/text`` lines of at most 50 characters, continued by ``//`` lines, at most 35 (TF022/TF023)."""
    lines: list[str] = []
    target = f"{_P}:79"
    for item in items:
        text = to_x(ctx, f"/{item.code}/{item.text}", item.source, target)
        first, *rest = wrap_words(text, WIDTH - 2, WIDTH)
        lines.append(first)
        lines.extend(f"//{part}" for part in rest)
    if len(lines) > LINES:
        ctx.truncated(
            "TF023",
            _ROOT,
            target,
            "\n".join(lines[LINES:]),
            "",
            f"79 holds {LINES} lines; the text after them",
        )
    return lines[:LINES]
