"""camt.056 → MT192 / MT292 (the MX → MT cancellation request direction).

The first TxInf of the first Undrlyg is translated; any other underlying,
transaction or member without an MT field is reported (TI009). The MT type is
MT192 when the original was a customer transfer (TI008), from
OrgnlGrpInf/OrgnlMsgNmId, else from the kind of parties named in OrgnlTxRef.
"""

from __future__ import annotations

from dataclasses import fields as dc_fields
from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.common import Agent, Party
from finmsg.model.exceptions import CancellationRequest, CancellationTx, OriginalTransactionRef
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, build_message
from finmsg.translate.invest_common import copy_32a, family_of, reason_lines
from finmsg.translate.mtvalues import date_to_mt
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.summary import describe
from finmsg.translate.text import reference16

__all__ = ["choose_family", "mt_from_cancellation", "original_reference", "report_original"]

_ROOT = "/Document/FIToFIPmtCxlReq"


def choose_family(ctx: Ctx, ref: OriginalTransactionRef, src: str, tgt: str) -> str:
    """``"1"`` (MT1nn) or ``"2"`` (MT2nn) for the original (TI008); unknown defaults to 1, reported."""
    name = ref.group.message_name_id if ref.group is not None else None
    family = family_of(name)
    if family is not None:
        return family
    details = ref.details
    parties = [details.debtor, details.creditor] if details is not None else []
    if any(isinstance(p, Agent) for p in parties if p is not None):
        family = "2"
    elif any(isinstance(p, Party) for p in parties if p is not None):
        family = "1"
    else:
        family = "1"
        ctx.defaulted(
            "TI008",
            f"{src}/OrgnlGrpInf/OrgnlMsgNmId",
            tgt,
            "customer transfer",
            "the original message type is unknown: taken as a customer transfer",
            name,
        )
    return family


def original_reference(ctx: Ctx, ref: OriginalTransactionRef, src: str, tgt: str) -> str:
    """21: OrgnlInstrId, else OrgnlGrpInf/OrgnlMsgId, else OrgnlEndToEndId (TI003)."""
    for value, element in (
        (ref.instruction_id, "OrgnlInstrId"),
        (ref.group.message_id if ref.group else None, "OrgnlGrpInf/OrgnlMsgId"),
        (ref.end_to_end_id, "OrgnlEndToEndId"),
    ):
        if value and value != "NOTPROVIDED":
            return reference16(ctx, value, f"{src}/{element}", tgt)
    return reference16(ctx, None, f"{src}/OrgnlInstrId", tgt)


def _field_11s(ctx: Ctx, ref: OriginalTransactionRef, family: str, src: str, mt: str) -> MtField:
    tgt = f"MT{mt}:11S"
    group = ref.group
    name = group.message_name_id if group is not None else ""
    number = name[2:5] if name.upper().startswith("MT") and name[2:5].isdigit() else None
    if number is None:
        number = "103" if family == "1" else "202"
        ctx.defaulted(
            "TI004",
            f"{src}/OrgnlGrpInf/OrgnlMsgNmId",
            tgt,
            number,
            "11S needs an MT number: the MT equivalent of the original is written",
            name or None,
        )
    stamp = group.creation if group is not None else None
    if stamp is not None:
        moment = stamp.value
        if (moment.hour, moment.minute, moment.second) != (0, 0, 0):
            ctx.truncated(
                "TI004",
                f"{src}/OrgnlGrpInf/OrgnlCreDtTm",
                tgt,
                stamp.text,
                moment.date().isoformat(),
                "date-time (11S keeps the date)",
            )
        day = moment.date()
    elif ref.settlement_date is not None:
        day = ref.settlement_date
        ctx.defaulted(
            "TI004",
            f"{src}/OrgnlIntrBkSttlmDt",
            tgt,
            day.isoformat(),
            "no OrgnlCreDtTm: 11S takes the settlement date",
        )
    else:
        raise ConversionError(
            "11S needs the date of the original message (OrgnlCreDtTm or OrgnlIntrBkSttlmDt)",
            code="translate.missing",
            path=f"{src}/OrgnlGrpInf",
        )
    return MtField("11S", f"{number}\n{date_to_mt(day, src)}")


def report_original(ctx: Ctx, ref: OriginalTransactionRef, src: str, used: set[str]) -> None:
    """Every member of the original reference MT has no field for (TI009)."""
    names = {
        "payment_info_id": "OrgnlPmtInfId",
        "instruction_id": "OrgnlInstrId",
        "end_to_end_id": "OrgnlEndToEndId",
        "transaction_id": "OrgnlTxId",
        "clearing_system_ref": "OrgnlClrSysRef",
    }
    for name, element in names.items():
        value = getattr(ref, name)
        if value and name not in used:
            ctx.dropped(
                "TI009", f"{src}/{element}", None, value, "the MT carries one original reference (21)"
            )
    if ref.group is not None and ref.group.message_id and "group" not in used:
        ctx.dropped(
            "TI009",
            f"{src}/OrgnlGrpInf/OrgnlMsgId",
            None,
            ref.group.message_id,
            "21 carries another reference",
        )
    if ref.details is not None:
        for member in dc_fields(ref.details):
            value = getattr(ref.details, member.name)
            if value is not None and value != ():
                shown = getattr(value, "bic", None) or getattr(value, "name", None) or str(value)
                ctx.dropped(
                    "TI009",
                    f"{src}/OrgnlTxRef",
                    None,
                    f"{member.name}: {shown}",
                    "the MT copy carries 32A only",
                )


def _used_refs(ref: OriginalTransactionRef, reference: str) -> set[str]:
    used = {"instruction_id"} if ref.instruction_id == reference else set()
    if ref.group is not None and ref.group.message_id == reference:
        used.add("group")
    if not used:
        for name in ("end_to_end_id",):
            if getattr(ref, name) == reference:
                used.add(name)
    return used


def _routing(message: CancellationRequest) -> Routing:
    header = message.header
    assignment = message.assignment
    sender = header.from_bic if header and header.from_bic else None
    receiver = header.to_bic if header and header.to_bic else None
    if sender is None and isinstance(assignment.assigner, Agent):
        sender = assignment.assigner.bic
    if receiver is None and isinstance(assignment.assignee, Agent):
        receiver = assignment.assignee.bic
    return Routing(sender, receiver)


def _first_tx(ctx: Ctx, message: CancellationRequest) -> CancellationTx:
    txs = [
        (u_index, t_index, tx)
        for u_index, under in enumerate(message.underlyings, 1)
        for t_index, tx in enumerate(under.transactions, 1)
    ]
    if not txs:
        raise ConversionError(
            "the camt.056 has no TxInf to cancel", code="translate.missing", path=f"{_ROOT}/Undrlyg"
        )
    for u_index, t_index, tx in txs[1:]:
        ctx.dropped(
            "TI009",
            f"{_ROOT}/Undrlyg[{u_index}]/TxInf[{t_index}]",
            None,
            tx.original.instruction_id or tx.original.uetr or "",
            "one MT n92 cancels one transaction: split the camt.056",
        )
    for u_index, under in enumerate(message.underlyings, 1):
        if under.original_group is not None:
            ctx.dropped(
                "TI009",
                f"{_ROOT}/Undrlyg[{u_index}]/OrgnlGrpInfAndCxl",
                None,
                under.original_group.original.message_id,
                "MT n92 has no group cancellation",
            )
    return txs[0][2]


def mt_from_cancellation(message: CancellationRequest, ctx: Ctx, wanted: str | None) -> MtMessage:
    """Translate the first transaction of a camt.056 into an MT192 or MT292."""
    tx = _first_tx(ctx, message)
    src = f"{_ROOT}/Undrlyg[1]/TxInf[1]"
    ref = tx.original
    family = wanted[0] if wanted else choose_family(ctx, ref, src, "MT n92")
    mt = f"{family}92"
    ctx.mt_prefix = f"MT{mt}"
    reference = reference16(ctx, message.assignment.id or None, f"{_ROOT}/Assgnmt/Id", f"MT{mt}:20")
    if message.case is not None and message.case.id != message.assignment.id:
        ctx.dropped("TI002", f"{_ROOT}/Case/Id", f"MT{mt}:20", message.case.id, "20 carries Assgnmt/Id")
    if tx.case is not None:
        ctx.dropped("TI009", f"{src}/Case", None, tx.case.id, "MT n92 has one reference (20)")
    if tx.cancellation_id:
        ctx.dropped("TI009", f"{src}/CxlId", None, tx.cancellation_id, "MT n92 has no cancellation id")
    related = original_reference(ctx, ref, src, f"MT{mt}:21")
    fields = [MtField("20", reference), MtField("21", related), _field_11s(ctx, ref, family, src, mt)]
    lines = reason_lines(
        ctx, tx.reasons[0] if tx.reasons else None, f"{src}/CxlRsnInf[1]", f"MT{mt}:79", 50, 35, "TI006"
    )
    originator = tx.reasons[0].originator if tx.reasons else None
    if originator is not None and not (originator.bic and same_bic(originator.bic, _routing(message).sender)):
        ctx.dropped(
            "TI009",
            f"{src}/CxlRsnInf[1]/Orgtr",
            f"MT{mt}:79",
            describe(originator),
            "an MT n92 names no reason originator other than its sender",
        )
    for index, extra in enumerate(tx.reasons[1:], 2):
        ctx.dropped(
            "TI006",
            f"{src}/CxlRsnInf[{index}]",
            f"MT{mt}:79",
            str(extra.reason.value if extra.reason else extra.additional_info),
            "79 carries one reason",
        )
    if lines:
        fields.append(MtField("79", "\n".join(lines)))
    copied = copy_32a(ref, src)
    if copied is not None:
        fields.append(copied)
    elif ref.settlement_amount is not None or ref.settlement_date is not None:
        ctx.dropped(
            "TI007",
            f"{src}/OrgnlIntrBkSttlmAmt",
            f"MT{mt}:32A",
            str(ref.settlement_amount or ref.settlement_date),
            "a 32A copy needs both the amount and the date",
        )
    if not lines and copied is None:
        raise ConversionError(
            "MT n92 needs a reason (79) or a copy of the original (32A)", code="translate.missing", path=src
        )
    report_original(ctx, ref, src, _used_refs(ref, related))
    under = next(e.extras for e in message.underlyings if any(t is tx for t in e.transactions))
    report_nested_extras(ctx, (message.assignment, message.case, tx), extras=(*message.extras, *under))
    user = (("121", ref.uetr),) if ref.uetr else ()
    return replace(build_message(_routing(message), mt, mt, "N", user, fields), user_header=user or None)
