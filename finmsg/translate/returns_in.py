"""MT103 ``/RETN/`` → pacs.004 and MT103 ``/REJT/`` → pacs.002 (rules TR050-TR052).

The MT103 of a return carries the returned amount (32A), the returning
parties (50a = the original creditor, 59a = the original debtor) and the
reason in field 72 (:mod:`finmsg.translate.rejects`). The UETR of block 3
becomes OrgnlUETR: under the gpi rules a return or reject travels with the
UETR of the payment it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from finmsg.diagnostics import Diagnostic
from finmsg.model.common import Party, PartyKind
from finmsg.model.exceptions import (
    OriginalGroupInfo,
    OriginalGroupRef,
    OriginalTransactionRef,
    OriginalTxDetails,
    PaymentReturn,
    ReasonInfo,
    ReturnChain,
    ReturnTx,
    StatusReport,
    TransactionStatus,
)
from finmsg.model.payments import (
    CodeOrProprietary,
    CreditTransfer,
    CreditTransferTx,
    GroupHeader,
    SettlementInfo,
)
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.headers import Routing, app_header, routing_from_mt, timestamp
from finmsg.translate.mt103_in import mt103_to_pacs008
from finmsg.translate.rejects import RejectInfo, parse_reject_72
from finmsg.translate.settlement import settlement_from_mt
from finmsg.translate.text import NOTPROVIDED

__all__ = [
    "move_path",
    "mt103_to_pacs002",
    "mt103_to_pacs004",
    "read_without_72",
    "reasons",
    "rebase",
    "report_missing_uetr",
    "report_uncarried",
    "return_message",
]

_RTR = "/Document/PmtRtr/TxInf[1]"
_STS = "/Document/FIToFIPmtStsRpt/TxInfAndSts[1]"


_PACS008 = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
_CHAIN_MEMBERS = ("/Dbtr", "/Cdtr", "/IntrmyAgt", "/PrvsInstgAgt", "/UltmtDbtr", "/UltmtCdtr")


#: Members of the customer transfer and their names in a return / status report.
_RENAMES = {
    "/Document/PmtRtr/TxInf[1]": {
        "/PmtId/InstrId": "/RtrId",
        "/InstdAmt": "/RtrdInstdAmt",
        "/IntrBkSttlmAmt": "/RtrdIntrBkSttlmAmt",
        "/PmtId/UETR": "/OrgnlUETR",
        "/PmtId/EndToEndId": "/OrgnlEndToEndId",
    },
    "/Document/FIToFIPmtStsRpt/TxInfAndSts[1]": {
        "/PmtId/InstrId": "/StsId",
        "/PmtId/UETR": "/OrgnlUETR",
    },
}


def move_path(path: str | None, old: str, new: str) -> str | None:
    """``path`` of the inner customer-transfer mapping, moved under ``new`` (a return's parties and
    agents live in its RtrChain, a status report's in OrgnlTxRef)."""
    if path is None or not path.startswith(old):
        return path
    rest = path[len(old) :]
    for before, after in _RENAMES.get(new, {}).items():
        if rest.startswith(before):
            return new + after + rest[len(before) :]
    if rest.startswith(_CHAIN_MEMBERS):
        if new == _STS:  # a reject's ordering side is the original creditor side (swapped)
            rest = re.sub(r"^/(Dbtr|Cdtr)", lambda m: "/Cdtr" if m.group(1) == "Dbtr" else "/Dbtr", rest)
        return new + ("/RtrChain" if new == _RTR else "/OrgnlTxRef") + rest
    return new + ("/OrgnlTxRef" if new == _STS and rest else "") + rest


def rebase(diag: Diagnostic, old: str, new: str) -> Diagnostic:
    """A diagnostic of the inner customer-transfer mapping with its MX paths moved (:func:`move_path`)."""
    return replace(
        diag, path=move_path(diag.path, old, new), target_path=move_path(diag.target_path, old, new)
    )


#: Fields whose data a return (pacs.004 TxInf) has no element for.
_NOT_IN_RETURN = ("13C", "23E", "26T", "77B")
#: ... and the further fields a status report (pacs.002 OrgnlTxRef) does not carry.
_NOT_IN_STATUS = (*_NOT_IN_RETURN, "33B", "36", "53", "54", "55", "56", "71A", "71F", "71G")


def report_uncarried(ctx: Ctx, msg: MtMessage, tags: tuple[str, ...], target: str) -> None:
    """Fields ``tags`` (and a 23B other than CRED) that ``target`` has no element for (TR051)."""
    counts: dict[str, int] = {}
    for f in msg.fields:
        n = counts[f.tag] = counts.get(f.tag, 0) + 1
        if f.tag in tags or f.tag[:2] in tags or (f.tag == "23B" and f.value != "CRED"):
            path = f"{msg.path_prefix}:{f.tag}" + (f"[{n}]" if n > 1 else "")
            ctx.dropped("TR051", path, None, f.value, f"{target} has no element for field {f.tag}")


def read_without_72(
    msg: MtMessage,
    ctx: Ctx,
    target: str,
    read: Callable[[MtMessage, Ctx], CreditTransfer],
    inner_root: str,
    inner_group: str | None = None,
) -> tuple[CreditTransfer, RejectInfo]:
    """The message read by its plain mapping ``read`` (72 excluded, diagnostics moved from
    ``inner_root`` to ``target``), and the reject/return data of its 72 (other codewords reported).

    Shared by the MT103 and the MT202/MT205 returns: only the plain mapping differs. With
    ``inner_group``, diagnostics of the inner group header move to the return's GrpHdr.
    """
    f72 = msg.get("72")
    assert f72 is not None
    info = parse_reject_72(f72.value)
    inner = Ctx(ctx.options)
    plain = MtMessage(
        message_type=msg.mt_number,
        basic_header=msg.basic_header,
        application_header=msg.application_header,
        user_header=msg.user_header,
        fields=tuple(f for f in msg.fields if f.tag != "72"),
    )
    payment = read(plain, inner)
    moved = [rebase(d, inner_root, target) for d in inner.diagnostics if d.rule != "TR002"]
    if inner_group is not None:
        group = target.split("/TxInf")[0] + "/GrpHdr"  # TxInf[1] or TxInfAndSts[1]
        moved = [rebase(d, inner_group, group) for d in moved]
    ctx.diagnostics.extend(moved)
    for item in info.other:
        ctx.dropped(
            "TR050",
            line_path(f"{msg.path_prefix}:72", item.line),
            None,
            f"/{item.code}/{item.text}",
            f"codeword /{item.code}/ has no place in a {info.kind} translation",
        )
    return payment, info


def _payment(msg: MtMessage, ctx: Ctx, target: str) -> tuple[CreditTransferTx, RejectInfo]:
    """The MT103 read with the customer-transfer rules (72 excluded), and its reject/return data."""
    payment, info = read_without_72(msg, ctx, target, mt103_to_pacs008, _PACS008)
    return payment.transactions[0], info


def reasons(info: RejectInfo, sender: str | None) -> tuple[ReasonInfo, ...]:
    lines = [f"/{info.kind}/{info.cause}"]
    if info.reason_text:
        lines.append(info.reason_text)
    if info.charges:
        lines.append(f"/CHGS/{info.charges}")
    lines.extend(f"/TEXT/{t}" for t in info.text)
    reason = CodeOrProprietary(code=info.reason) if info.reason else None
    originator = Party(kind=PartyKind.ORGANISATION, bic=sender) if sender else None
    return (ReasonInfo(reason, tuple(lines), originator),)


def _original(tx: CreditTransferTx, info: RejectInfo, uetr: str | None) -> OriginalTransactionRef:
    group = OriginalGroupRef(info.mref or NOTPROVIDED, "MT103")
    details = OriginalTxDetails(remittance=tx.remittance)
    return OriginalTransactionRef(
        group=group,
        instruction_id=info.mref,
        end_to_end_id=info.tref,
        uetr=uetr,
        details=details if tx.remittance else None,
    )


def mt103_to_pacs004(msg: MtMessage, ctx: Ctx, version: str = "pacs.004.001.14") -> PaymentReturn:
    """A returned payment: 32A is the returned amount, 50a/59a the return chain's debtor/creditor."""
    routing = routing_from_mt(msg)
    ref = msg.get("20")
    reference = ref.value if ref else NOTPROVIDED
    tx, info = _payment(msg, ctx, _RTR)
    report_uncarried(ctx, msg, _NOT_IN_RETURN, "pacs.004")
    report_missing_uetr(ctx, msg, _RTR)
    charges = list(tx.charges)
    chain = ReturnChain(
        debtor=tx.debtor,
        debtor_account=tx.debtor_account,
        debtor_agent=tx.debtor_agent,
        debtor_agent_account=tx.debtor_agent_account,
        previous_instructing_agents=tx.previous_instructing_agents,
        intermediary_agents=tx.intermediary_agents,
        creditor_agent=tx.creditor_agent,
        creditor_agent_account=tx.creditor_agent_account,
        creditor=tx.creditor,
        creditor_account=tx.creditor_account,
    )
    rtr = ReturnTx(
        return_id=reference,
        original=_original(tx, info, msg.uetr),
        returned_amount=tx.settlement_amount,
        settlement_date=tx.settlement_date,
        returned_instructed_amount=tx.instructed_amount,
        exchange_rate=tx.exchange_rate,
        charge_bearer=tx.charge_bearer,
        charges=tuple(charges),
        instructing_agent=tx.instructing_agent,
        instructed_agent=tx.instructed_agent,
        return_chain=chain,
        reasons=reasons(info, routing.sender),
    )
    return return_message(ctx, msg, routing, rtr, _settlement(msg, ctx), version)


def return_message(
    ctx: Ctx, msg: MtMessage, routing: Routing, rtr: ReturnTx, settlement: SettlementInfo | None, version: str
) -> PaymentReturn:
    """The pacs.004 around one returned transaction read from ``msg``: a one-transaction group
    header and the BAH from the FIN blocks, both under the return's id (field 20).

    Shared by the MT103 returns and the MT202/MT205 returns
    (:func:`~finmsg.translate.fi_returns.mt2xx_to_pacs004`), which differ only in the transaction.
    """
    reference = rtr.return_id if rtr.return_id is not None else NOTPROVIDED
    group = GroupHeader(
        message_id=reference,
        creation=timestamp(ctx),
        number_of_transactions="1",
        settlement=settlement,
    )
    return PaymentReturn(
        message_type=version,
        family="iso20022",
        group_header=group,
        transactions=(rtr,),
        header=app_header(ctx, routing, reference, version, msg.path_prefix),
    )


def report_missing_uetr(ctx: Ctx, msg: MtMessage, root: str) -> None:
    """TR002: an MT return or reject without block 3 tag 121 gives no OrgnlUETR (under ``root``).

    Reported, never derived from field 20; shared by the MT103 returns and rejects and the
    MT202/MT205 returns.
    """
    if msg.uetr is None:
        ctx.add(
            "mapping.missing",
            "TR002",
            "no UETR in block 3 tag 121 for OrgnlUETR",
            f"{msg.path_prefix}:block3/121",
            f"{root}/OrgnlUETR",
        )


def _settlement(msg: MtMessage, ctx: Ctx) -> SettlementInfo:
    settlement, _ = settlement_from_mt(ctx, msg, routing_from_mt(msg), _RTR, "/Document/PmtRtr/GrpHdr")
    return settlement


def mt103_to_pacs002(msg: MtMessage, ctx: Ctx, version: str = "pacs.002.001.10") -> StatusReport:
    """A rejected payment: status RJCT with the reason; 32A and the parties go to OrgnlTxRef.

    The parties are swapped back: 50a (ordering side of the reject) is the original creditor.
    """
    p = msg.path_prefix
    routing = routing_from_mt(msg)
    ref = msg.get("20")
    reference = ref.value if ref else NOTPROVIDED
    tx, info = _payment(msg, ctx, _STS)
    report_uncarried(ctx, msg, _NOT_IN_STATUS, "pacs.002")
    # The reject travels back: its ordering side (50a, 52a) is the original payment's creditor side.
    details = OriginalTxDetails(
        settlement_amount=tx.settlement_amount,
        settlement_date=tx.settlement_date,
        remittance=tx.remittance,
        debtor=tx.creditor,
        debtor_account=tx.creditor_account,
        debtor_agent=tx.creditor_agent,
        creditor_agent=tx.debtor_agent,
        creditor=tx.debtor,
        creditor_account=tx.debtor_account,
    )
    original = OriginalTransactionRef(
        group=OriginalGroupRef(info.mref or NOTPROVIDED, "MT103"),
        instruction_id=info.mref,
        end_to_end_id=info.tref,
        uetr=msg.uetr,
        details=details,
    )
    report_missing_uetr(ctx, msg, _STS)
    status = TransactionStatus(
        status_id=reference,
        original=original,
        status="RJCT",
        reasons=reasons(info, routing.sender),
        instructing_agent=tx.instructing_agent,
        instructed_agent=tx.instructed_agent,
    )
    group = GroupHeader(message_id=reference, creation=timestamp(ctx))
    org = OriginalGroupInfo(original=OriginalGroupRef(info.mref or NOTPROVIDED, "MT103"))
    return StatusReport(
        message_type=version,
        family="iso20022",
        group_header=group,
        original_groups=(org,),
        transactions=(status,),
        header=app_header(ctx, routing, reference, version, p),
    )
