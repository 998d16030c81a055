"""MT192 / MT292 → camt.056 (cancellation request), the MT → MX investigation direction.

Field by field: 20 → Assgnmt/Id and Case/Id (TI002), 21 → OrgnlInstrId and
OrgnlGrpInf/OrgnlMsgId (TI003), 11S → OrgnlMsgNmId / OrgnlCreDtTm (TI004),
block 3 tag 121 → OrgnlUETR (TI005), 79 → CxlRsnInf (TI006), the copy of 32A
→ OrgnlIntrBkSttlmAmt/Dt (TI007). Every other copied field is reported (TI009).
"""

from __future__ import annotations

from finmsg.model.common import Agent
from finmsg.model.exceptions import (
    Assignment,
    CancellationRequest,
    CancellationTx,
    CaseRef,
    OriginalTransactionRef,
    UnderlyingCancellation,
)
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, app_header, routing_from_mt, timestamp
from finmsg.translate.invest_common import group_from_11s, reason_from_lines, settlement_from_32a
from finmsg.translate.text import NOTPROVIDED

__all__ = ["cancellation_from_mt", "indexed_fields"]

_TX = "/Document/FIToFIPmtCxlReq/Undrlyg[1]/TxInf[1]"


def indexed_fields(msg: MtMessage) -> list[tuple[MtField, str]]:
    """Each block-4 field with its diagnostic path (``MT192:20``, ``MT192:20[2]`` for a repeat)."""
    counts: dict[str, int] = {}
    out = []
    for f in msg.fields:
        n = counts[f.tag] = counts.get(f.tag, 0) + 1
        out.append((f, f"{msg.path_prefix}:{f.tag}" if n == 1 else f"{msg.path_prefix}:{f.tag}[{n}]"))
    return out


def _agent(bic: str | None) -> Agent | None:
    return Agent(bic=bic) if bic else None


def copied_settlement(
    ctx: Ctx, copy: list[tuple[MtField, str]], related: str, tgt: str
) -> OriginalTransactionRef:
    """The copy of the original message: its first 32A is placed, a 20 equal to 21 is implied, the rest
    (a second 32A included) reported."""
    ref = OriginalTransactionRef()
    for f, src in copy:
        if f.tag == "32A" and ref.settlement_amount is None:
            day, amount = settlement_from_32a(f.value, src)
            ref = OriginalTransactionRef(settlement_amount=amount, settlement_date=day)
        elif f.tag == "20" and f.value == related:
            ctx.info(
                "lossy.dropped",
                "TI009",
                "the copied 20 repeats field 21 (OrgnlInstrId): it is not written twice",
                src,
                f"{tgt}/OrgnlInstrId",
                f.value,
            )
        else:
            ctx.dropped("TI009", src, None, f.value, f"copied field {f.tag} has no camt element")
    return ref


def _routing(ctx: Ctx, msg: MtMessage) -> Routing:
    routing = routing_from_mt(msg)
    if routing.sender is None or routing.receiver is None:
        ctx.add(
            "mapping.missing", "TI001", "the FIN header names no sender or receiver", "MT:block1", "/AppHdr"
        )
    return routing


def cancellation_from_mt(msg: MtMessage, ctx: Ctx, version: str) -> CancellationRequest:
    """Translate an MT192/MT292 into a camt.056 with one underlying transaction."""
    p = msg.path_prefix
    fields = indexed_fields(msg)
    routing = _routing(ctx, msg)
    reference = msg.get("20")
    related = msg.get("21")
    ref20 = reference.value if reference else NOTPROVIDED
    ref21 = related.value if related else NOTPROVIDED
    group = None
    reason = None
    copy: list[tuple[MtField, str]] = []
    seen_head = False
    for f, src in fields:
        if not seen_head and f.tag in ("20", "21"):
            continue
        if f.tag == "11S" and not seen_head:
            group = group_from_11s(ctx, f.value, ref21, src, f"{_TX}/OrgnlGrpInf")
            seen_head = True
        elif f.tag == "79" and reason is None and not copy:
            reason = reason_from_lines(f.value.split("\n"), "TI006", ctx, src)
        else:
            copy.append((f, src))
    copied = copied_settlement(ctx, copy, ref21, _TX)
    now = timestamp(ctx)
    sender = _agent(routing.sender)
    tx = CancellationTx(
        case=None,
        original=OriginalTransactionRef(
            group=group,
            instruction_id=ref21,
            uetr=msg.uetr,
            settlement_amount=copied.settlement_amount,
            settlement_date=copied.settlement_date,
        ),
        reasons=(reason,) if reason is not None else (),
    )
    if msg.uetr is None:
        ctx.info(
            "mapping.missing",
            "TI005",
            "no block 3 tag 121: OrgnlUETR is absent",
            f"{p}:block3",
            f"{_TX}/OrgnlUETR",
        )
    return CancellationRequest(
        message_type=version,
        family="iso20022",
        assignment=Assignment(ref20, sender, _agent(routing.receiver), now),
        case=CaseRef(ref20, sender),
        number_of_transactions=None,
        underlyings=(UnderlyingCancellation(transactions=(tx,)),),
        header=app_header(ctx, routing, ref20, version, p) if routing.sender or routing.receiver else None,
    )
