"""pacs.004 → MT103 ``/RETN/`` and pacs.002 (RJCT) → MT103 ``/REJT/`` (rules TR050-TR052).

The return (or the rejected original) is first expressed as a customer
credit transfer and written with the MT103 rules; field 72 then carries the
reject/return codewords rebuilt from the reason (:mod:`finmsg.translate.rejects`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.common import Party
from finmsg.model.exceptions import PaymentReturn, ReasonInfo, ReturnChain, ReturnTx, StatusReport
from finmsg.model.payments import CreditTransfer, CreditTransferTx, GroupHeader, PaymentIds
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.field72 import build_72
from finmsg.translate.mt103_out import pacs008_to_mt103
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.reject_report import report_reject_rest
from finmsg.translate.rejects import RejectInfo, build_reject_72
from finmsg.translate.returns_in import move_path, rebase
from finmsg.translate.summary import describe
from finmsg.translate.text import NOTPROVIDED, reference16, to_x

__all__ = ["pacs002_to_mt103", "pacs004_to_mt103", "reject_info", "write_with_72"]

_PACS008 = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
_RTR = "/Document/PmtRtr/TxInf[1]"
_STS = "/Document/FIToFIPmtStsRpt/TxInfAndSts[1]"
#: Field 72 line 1 must name the field that caused the reject/return; 59 when no reason says which.
_DEFAULT_CAUSE = "59"


def reject_info(kind: str, reasons: tuple[ReasonInfo, ...], mref: str | None, tref: str | None) -> RejectInfo:
    """The 72 items of the first reason; ``cause`` stays empty when no ``/RETN/``/``/REJT/`` line names
    the field (the caller defaults and reports it). A NOTPROVIDED end-to-end id is no /TREF/ (optional)."""
    info = RejectInfo(kind=kind, mref=mref, tref=tref if tref != NOTPROVIDED else None)
    if reasons:
        first = reasons[0]
        info.reason = first.reason.code if first.reason and first.reason.code else None
        for line in first.additional_info:
            if line.startswith(f"/{kind}/"):
                info.cause = line[len(kind) + 2 :]
            elif line.startswith("/TEXT/"):
                info.text.append(line[6:])
            elif line.startswith("/CHGS/"):
                info.charges = line[6:]
            elif not info.reason_text:
                info.reason_text = line
            else:
                info.text.append(line)
    return info


def write_with_72(
    ctx: Ctx,
    build: Callable[[Ctx], MtMessage],
    inner_root: str,
    info: RejectInfo,
    src: str,
    reason: str,
    default_cause: str = _DEFAULT_CAUSE,
) -> MtMessage:
    """The MT written by ``build`` (its diagnostics moved from ``inner_root`` to ``src``) with field 72
    rebuilt from ``info``. Shared by the MT103 and the MT202/MT205 returns and rejects."""
    inner = Ctx(ctx.options)
    mt = build(inner)
    ctx.diagnostics.extend(rebase(d, inner_root, src) for d in inner.diagnostics)
    ctx.changes.extend((move_path(s, inner_root, src) or s, t, o, n) for s, t, o, n in inner.changes)
    target = f"MT{mt.mt_number}:72"
    if not info.cause:
        info.cause = default_cause
        ctx.defaulted(
            "TR050",
            f"{src}/{reason}[1]/AddtlInf",
            target,
            f"/{info.kind}/{default_cause}",
            f"no /{info.kind}/ line names the field that caused it (mandatory in line 1); "
            f"{default_cause} assumed",
        )
    refs = {"MREF": f"{src}/OrgnlInstrId", "TREF": f"{src}/OrgnlEndToEndId"}
    items = [
        (
            code,
            reference16(ctx, text, refs[code], target) if code in refs else to_x(ctx, text, src, target),
        )
        for code, text in build_reject_72(info)
    ]
    lines, left = build_72(items)
    for code, text in left:
        ctx.dropped(
            "TR050",
            f"{src}/{reason}[1]/AddtlInf",
            target,
            f"/{code}/{text}",
            "72 holds six lines: no room left",
        )
    for f in mt.fields:
        if f.tag == "72":  # items of the payment's own 72 (agents, codes): replaced, so reported
            why = f"72 carries the /{info.kind}/ lines: the payment's own 72 items are not carried"
            ctx.dropped("TR051", src, target, f.value, why)
    fields = [f for f in mt.fields if f.tag != "72"]
    index = next((i for i, f in enumerate(fields) if f.tag[:2] == "77"), len(fields))
    fields.insert(index, MtField("72", "\n".join(lines)))
    return replace(mt, fields=tuple(fields))


def _mt103(credit: CreditTransfer) -> Callable[[Ctx], MtMessage]:
    return lambda inner: pacs008_to_mt103(credit, inner, want_stp=False)


def report_later_returns(ctx: Ctx, message: PaymentReturn, mt: str) -> None:
    """The returns after the first, which one MT cannot carry, as ``lossy.dropped`` (TR031).

    ``finmsg.convert_all`` (and the batch) split the pacs.004 and write one MT per return;
    a plain ``convert`` writes the first and must say what it left out.
    """
    for n, later in enumerate(message.transactions[1:], start=2):
        ctx.dropped(
            "TR031",
            f"/Document/PmtRtr/TxInf[{n}]",
            None,
            later.return_id or later.original.uetr or "",
            f"an MT{mt} carries one returned transaction; split the pacs.004 first",
        )


def pacs004_to_mt103(message: PaymentReturn, ctx: Ctx) -> MtMessage:
    """The first returned transaction as an MT103 with 72 ``/RETN/``."""
    if not message.transactions:
        raise ConversionError("pacs.004 without a transaction", code="translate.empty", path="/Document")
    report_later_returns(ctx, message, "103")
    rtr = message.transactions[0]
    chain = rtr.return_chain
    if chain is None:
        raise ConversionError(
            "pacs.004 without RtrChain: no parties for 50a/59a",
            code="translate.missing",
            path=f"{_RTR}/RtrChain",
        )
    details = rtr.original.details
    tx = CreditTransferTx(
        ids=PaymentIds(instruction_id=rtr.return_id, uetr=rtr.original.uetr),
        settlement_amount=rtr.returned_amount,
        settlement_date=rtr.settlement_date,
        instructed_amount=rtr.returned_instructed_amount,
        exchange_rate=rtr.exchange_rate,
        charge_bearer=rtr.charge_bearer,
        charges=rtr.charges,
        instructing_agent=rtr.instructing_agent,
        instructed_agent=rtr.instructed_agent,
        debtor=chain.debtor,
        debtor_account=chain.debtor_account,
        debtor_agent=chain.debtor_agent,
        debtor_agent_account=chain.debtor_agent_account,
        previous_instructing_agents=chain.previous_instructing_agents,
        intermediary_agents=chain.intermediary_agents,
        creditor_agent=chain.creditor_agent,
        creditor_agent_account=chain.creditor_agent_account,
        creditor=chain.creditor,
        creditor_account=chain.creditor_account,
        remittance=details.remittance if details else None,
        extras=rtr.extras,
    )
    credit = CreditTransfer(
        message_type="pacs.008.001.08",
        family="iso20022",
        variant="customer",
        group_header=replace(message.group_header),
        transactions=(tx,),
        header=message.header,
    )
    info = reject_info("RETN", rtr.reasons, rtr.original.instruction_id, rtr.original.end_to_end_id)
    start = len(ctx.diagnostics)
    mt = write_with_72(ctx, _mt103(credit), _PACS008, info, _RTR, "RtrRsnInf")
    _chain_paths(ctx, start, chain)
    _report_return_rest(ctx, rtr, message)
    # what the MT103 writer did not see: the chain's, the original's and the reasons' bags (TR031);
    # the TxInf's own bag went in as the transaction's
    report_nested_extras(ctx, (message.group_header, rtr), own=(rtr,), extras=message.extras)
    return mt


#: RtrChain members that are Party40Choice: a party is written inside ``Pty`` (an agent in ``Agt``).
_CHAIN_PARTY = re.compile(r"(/RtrChain/(?:UltmtDbtr|Dbtr|InitgPty|Cdtr|UltmtCdtr))(?=/|$)(?!/Pty|/Agt)")


def _chain_paths(ctx: Ctx, start: int, chain: ReturnChain) -> None:
    """Put ``/Pty`` into the RtrChain paths of the diagnostics from ``start`` on: the customer-transfer
    writer names ``Dbtr/Id/...`` where the return holds ``RtrChain/Dbtr/Pty/Id/...``. Only when the
    chain has a debtor or creditor party (an agent stays as it is), and a regex only on those paths."""
    if not isinstance(chain.debtor, Party) and not isinstance(chain.creditor, Party):
        return
    diagnostics = ctx.diagnostics
    for n in range(start, len(diagnostics)):
        d = diagnostics[n]
        if d.path and "/RtrChain/" in d.path:
            member = d.path.split("/RtrChain/", 1)[1].split("/", 1)[0]
            if isinstance(getattr(chain, _CHAIN_MEMBERS.get(member, ""), None), Party):
                diagnostics[n] = replace(d, path=_CHAIN_PARTY.sub(r"\1/Pty", d.path, count=1))


_CHAIN_MEMBERS = {
    "UltmtDbtr": "ultimate_debtor",
    "Dbtr": "debtor",
    "InitgPty": "initiating_party",
    "Cdtr": "creditor",
    "UltmtCdtr": "ultimate_creditor",
}


def _report_return_rest(ctx: Ctx, rtr: ReturnTx, message: PaymentReturn) -> None:
    """Return members an MT103 /RETN/ has no place for (TR051): the return chain's ultimate and
    initiating parties, then :func:`report_return_members`. Attribute reads on objects already
    held: nothing to pay when they are absent."""
    chain = rtr.return_chain
    if chain is not None:
        for name, who in (
            ("UltmtDbtr", chain.ultimate_debtor),
            ("InitgPty", chain.initiating_party),
            ("UltmtCdtr", chain.ultimate_creditor),
        ):
            if who is not None:
                where = f"{_RTR}/RtrChain/{name}/{'Pty' if isinstance(who, Party) else 'Agt'}"
                ctx.dropped(
                    "TR051", where, None, describe(who), "an MT103 return has no field for this party"
                )
    report_return_members(ctx, rtr, message, "TR051", "MT103")


def report_return_members(ctx: Ctx, rtr: ReturnTx, message: PaymentReturn, rule: str, target: str) -> None:
    """Members of a returned transaction no MT return (MT103, MT202, MT205) has a field for,
    reported under ``rule``: the original TxId and clearing references, the compensation amount,
    a reason originator other than the sender, and the reasons after the first (72 /RETN/
    carries one)."""
    original = rtr.original
    txid = original.transaction_id
    if txid is not None and txid in (original.instruction_id, original.end_to_end_id):
        txid = None  # the same value travels as /MREF/ or /TREF/ in 72: nothing is lost
    for path, value in (
        (f"{_RTR}/OrgnlTxId", txid),
        (f"{_RTR}/OrgnlClrSysRef", original.clearing_system_ref),
        (f"{_RTR}/ClrSysRef", rtr.clearing_system_ref),
        (f"{_RTR}/CmpstnAmt", str(rtr.compensation_amount) if rtr.compensation_amount else None),
    ):
        if value is not None:
            ctx.dropped(rule, path, None, value, f"an {target} return has no field for it")
    sender = rtr.instructing_agent.bic if rtr.instructing_agent else None
    if sender is None and message.header is not None:
        sender = message.header.from_bic
    for n, reason in enumerate(rtr.reasons, start=1):
        originator = reason.originator
        if originator is not None and not (originator.bic and sender and same_bic(originator.bic, sender)):
            ctx.dropped(
                rule,
                f"{_RTR}/RtrRsnInf[{n}]/Orgtr",
                f"{target}:72",
                describe(originator),
                f"an {target} /RETN/ names no reason originator other than its sender",
            )
        if n > 1:
            code = (reason.reason.value if reason.reason else None) or ""
            ctx.dropped(
                rule, f"{_RTR}/RtrRsnInf[{n}]", f"{target}:72", code, "72 carries the first reason only"
            )


def pacs002_to_mt103(message: StatusReport, ctx: Ctx) -> MtMessage:
    """A rejected (RJCT) transaction whose original data is present, as an MT103 with 72 ``/REJT/``."""
    rejected = [s for s in message.transactions if s.status == "RJCT"]
    if not rejected:
        raise ConversionError(
            "pacs.002 without a rejected transaction: nothing for an MT103 REJT",
            code="translate.unsupported",
            path=_STS,
        )
    status = rejected[0]
    details = status.original.details
    if details is None or details.settlement_amount is None:
        raise ConversionError(
            "pacs.002 OrgnlTxRef lacks the amount: an MT103 REJT cannot be built (MT199 is "
            "not supported yet)",
            code="translate.missing",
            path=f"{_STS}/OrgnlTxRef",
        )
    tx = CreditTransferTx(
        ids=PaymentIds(instruction_id=status.status_id, uetr=status.original.uetr),
        settlement_amount=details.settlement_amount,
        settlement_date=details.settlement_date,
        # a group-level InstgAgt/InstdAgt addresses every transaction (as for the MT199 path)
        instructing_agent=status.instructing_agent or message.group_header.instructing_agent,
        instructed_agent=status.instructed_agent or message.group_header.instructed_agent,
        debtor=details.creditor,
        debtor_account=details.creditor_account,
        debtor_agent=details.creditor_agent,
        creditor_agent=details.debtor_agent,
        creditor=details.debtor,
        creditor_account=details.debtor_account,
        remittance=details.remittance,
    )
    group = GroupHeader(message_id=message.group_header.message_id)
    credit = CreditTransfer(
        message_type="pacs.008.001.08",
        family="iso20022",
        variant="customer",
        group_header=group,
        transactions=(tx,),
        header=message.header,
    )
    info = reject_info("REJT", status.reasons, status.original.instruction_id, status.original.end_to_end_id)
    report_reject_rest(ctx, message, status, _STS)
    mt = write_with_72(ctx, _mt103(credit), _PACS008, info, _STS, "StsRsnInf")
    report_nested_extras(ctx, (message.group_header, status), extras=message.extras)  # TR031
    return mt
