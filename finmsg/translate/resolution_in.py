"""MT196 / MT296 → camt.029 (resolution of investigation), the MT → MX answer direction.

20 → Assgnmt/Id (TI030), 21 → RslvdCase/Id (TI031), 76 → Sts/Conf, TxCxlSts
and CxlStsRsnInf[1] (TI032/TI033), 77A → CxlStsRsnInf[2] (TI034), 11R/11S →
OrgnlGrpInf (TI035), block 3 tag 121 → OrgnlUETR (TI036) and the copy of the
original's 20 and 32A → OrgnlInstrId / OrgnlIntrBkSttlmAmt/Dt (TI037). Field 79
and every other copied field have no camt.029 element and are reported (TI039).
"""

from __future__ import annotations

from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.exceptions import (
    Assignment,
    CancellationDetails,
    CancellationStatusTx,
    CaseRef,
    InvestigationResolution,
    OriginalGroupRef,
    OriginalTransactionRef,
    ReasonInfo,
    ResolutionStatus,
)
from finmsg.model.payments import CodeOrProprietary
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.headers import app_header, routing_from_mt, timestamp
from finmsg.translate.invest_common import group_from_11s, reason_from_lines, settlement_from_32a
from finmsg.translate.invest_in import indexed_fields
from finmsg.translate.resolution_common import ANSWER_TO_TX, parse_answer
from finmsg.translate.text import NOTPROVIDED

__all__ = ["resolution_from_mt"]

_ROOT = "/Document/RsltnOfInvstgtn"
_TX = f"{_ROOT}/CxlDtls[1]/TxInfAndSts[1]"
_OPTIONAL_HEAD = ("77A", "11R", "11S", "79")


def _agent(bic: str | None) -> Agent | None:
    return Agent(bic=bic) if bic else None


def _split(msg: MtMessage) -> tuple[dict[str, tuple[MtField, str]], list[tuple[MtField, str]]]:
    """The head fields (20, 21, 76, then 77A, 11a, 79 in order) by tag, and the copy after them."""
    fields = indexed_fields(msg)
    head: dict[str, tuple[MtField, str]] = {}
    index = 0
    for tag in ("20", "21", "76"):
        if index < len(fields) and fields[index][0].tag == tag:
            head[tag] = fields[index]
            index += 1
    order = list(_OPTIONAL_HEAD)
    while index < len(fields) and fields[index][0].tag in order:
        tag = fields[index][0].tag
        head["11a" if tag in ("11R", "11S") else tag] = fields[index]
        order = order[order.index(tag) + 1 :]
        if tag in ("11R", "11S"):
            order = [t for t in order if t not in ("11R", "11S")]
        index += 1
    return head, fields[index:]


def _copy(ctx: Ctx, copy: list[tuple[MtField, str]]) -> OriginalTransactionRef:
    """The copy of the original: its first 20 and 32A are placed, the rest reported (TI037/TI039)."""
    ref = OriginalTransactionRef()
    for f, src in copy:
        if f.tag == "20" and ref.instruction_id is None:
            ref = replace(ref, instruction_id=f.value)
        elif f.tag == "32A" and ref.settlement_amount is None:
            day, amount = settlement_from_32a(f.value, src)
            ref = replace(ref, settlement_amount=amount, settlement_date=day)
        else:
            ctx.dropped("TI039", src, None, f.value, f"copied field {f.tag} has no camt.029 element")
    return ref


def _group(
    ctx: Ctx, head: dict[str, tuple[MtField, str]], copied: str | None, related: str
) -> OriginalGroupRef | None:
    """11a as OrgnlGrpInf; its id is 21 when 11a names the request (n92), else the copied 20 (TI035)."""
    if "11a" not in head:
        return None
    f, src = head["11a"]
    tgt = f"{_TX}/OrgnlGrpInf"
    message_id = related if f.value[1:3] == "92" else copied
    if message_id is None:
        message_id = NOTPROVIDED
        ctx.defaulted(
            "TI040",
            None,
            f"{tgt}/OrgnlMsgId",
            NOTPROVIDED,
            "no copied 20: the original message id is unknown",
        )
    if f.tag == "11S":
        ctx.info(
            "lossy.layout",
            "TI035",
            "camt.029 does not say whether the original was sent or received: 11R is written back",
            src,
            tgt,
            "11S",
        )
    return group_from_11s(ctx, f.value, message_id, src, tgt)


def _reasons(ctx: Ctx, head: dict[str, tuple[MtField, str]], reason: ReasonInfo | None) -> list[ReasonInfo]:
    """CxlStsRsnInf[1] from 76, CxlStsRsnInf[2] from 77A (TI034).

    A bare 76 (no reason, no text) followed by 77A keeps an empty first entry,
    so that 77A stays in position 2 and comes back as 77A, not as 76 text.
    """
    out = [reason] if reason is not None else []
    if "77A" in head:
        f, src = head["77A"]
        narrative = reason_from_lines(f.value.split("\n"), "TI034", ctx, src)
        if narrative is not None:
            out = out or [ReasonInfo()]
            out.append(narrative)
    return out


def resolution_from_mt(msg: MtMessage, ctx: Ctx, version: str) -> InvestigationResolution:
    """Translate an MT196/MT296 answering a cancellation request into a camt.029."""
    p = msg.path_prefix
    head, copy = _split(msg)
    if "76" not in head:
        raise ConversionError("an MT n96 needs field 76 (answers)", code="translate.missing", path=f"{p}:76")
    routing = routing_from_mt(msg)
    if routing.sender is None or routing.receiver is None:
        ctx.add(
            "mapping.missing", "TI030", "the FIN header names no sender or receiver", f"{p}:block1", "/AppHdr"
        )
    ref20 = head["20"][0].value if "20" in head else NOTPROVIDED
    ref21 = head["21"][0].value if "21" in head else NOTPROVIDED
    f76, src76 = head["76"]
    answer = parse_answer(ctx, f76.value, src76, f"{_ROOT}/Sts/Conf")
    status = ANSWER_TO_TX.get(answer.code)
    if status is None:
        ctx.info(
            "mapping.missing",
            "TI032",
            f"answer {answer.code} has no individual cancellation status: TxCxlSts is absent",
            src76,
            f"{_TX}/TxCxlSts",
            answer.code,
        )
    first = None
    if answer.reason is not None or answer.texts:
        code = CodeOrProprietary(code=answer.reason) if answer.reason else None
        first = ReasonInfo(reason=code, additional_info=answer.texts)
    if "79" in head:
        f79, src79 = head["79"]
        ctx.dropped("TI039", src79, None, f79.value, "79 (narrative of the original) has no camt.029 element")
    copied = _copy(ctx, copy)
    if "11a" not in head and msg.mt_number == "296":
        ctx.info(
            "lossy.dropped",
            "TI038",
            "no 11R/11S: camt.029 does not say that the original was an institution transfer "
            "(the way back writes MT196 unless MT296 is asked for)",
            f"{p}:block2",
            f"{_TX}/OrgnlGrpInf",
            "296",
        )
    if msg.uetr is None:
        ctx.info(
            "mapping.missing",
            "TI036",
            "no block 3 tag 121: OrgnlUETR is absent",
            f"{p}:block3",
            f"{_TX}/OrgnlUETR",
        )
    receiver = _agent(routing.receiver)
    if receiver is not None:
        ctx.defaulted(
            "TI031",
            f"{p}:block2",
            f"{_ROOT}/RslvdCase/Cretr",
            routing.receiver or "",
            "the case was created by the sender of the request, the receiver of this answer",
        )
    tx = CancellationStatusTx(
        original=replace(copied, group=_group(ctx, head, copied.instruction_id, ref21), uetr=msg.uetr),
        status=status,
        reasons=tuple(_reasons(ctx, head, first)),
    )
    sender = _agent(routing.sender)
    return InvestigationResolution(
        message_type=version,
        family="iso20022",
        assignment=Assignment(ref20, sender, receiver, timestamp(ctx)),
        resolved_case=CaseRef(ref21, receiver),
        status=ResolutionStatus(confirmation=answer.code),
        cancellation_details=(CancellationDetails(transactions=(tx,)),),
        header=app_header(ctx, routing, ref20, version, p) if routing.sender or routing.receiver else None,
    )
