"""MT202 / MT205 ``/RETN/`` ↔ pacs.004 of a financial-institution transfer (rules TR050, TR053).

An FI transfer (pacs.009, MT202/MT205) is returned with an MT202 or MT205
whose field 72 follows the same reject/return guideline as the MT103 return:
``/RETN/`` + the field that caused it, the reason code, ``/MREF/`` (field 20
of the returned message), optionally ``/CHGS/`` and ``/TEXT/``. Field 72 is
parsed and rebuilt by the very code of the MT103 returns
(:func:`~finmsg.translate.returns_in.read_without_72`,
:func:`~finmsg.translate.returns_out.write_with_72`); only the plain mapping
differs: the return is read and written with the pacs.009 ↔ MT202 rules, so
52a ↔ RtrChain/Dbtr/Agt (default: the sender), 56a ↔ IntrmyAgt1,
57a ↔ CdtrAgt and 58a ↔ RtrChain/Cdtr/Agt.

Field 21 carries the related reference, as in any MT202: the end-to-end
reference of the returned transfer (OrgnlEndToEndId; ``NONREF`` when there is
none), so no ``/TREF/`` is written; a ``/TREF/`` in an incoming 72 is used when
21 is ``NONREF`` and reported when it contradicts 21.

:func:`is_fi_return` makes the MT103-or-MT202 choice of issue 5 §2.
"""

from __future__ import annotations

from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.common import Agent, Party
from finmsg.model.exceptions import (
    OriginalGroupRef,
    OriginalTransactionRef,
    PaymentReturn,
    ReturnChain,
    ReturnTx,
)
from finmsg.model.payments import CreditTransfer, CreditTransferTx, PaymentIds
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.fi_in import GRP9, TX9, mt2xx_to_pacs009
from finmsg.translate.fi_out import pacs009_to_mt2xx
from finmsg.translate.headers import routing_from_mt
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.rejects import RejectInfo
from finmsg.translate.returns_in import (
    read_without_72,
    reasons,
    report_missing_uetr,
    report_uncarried,
    return_message,
)
from finmsg.translate.returns_out import (
    reject_info,
    report_later_returns,
    report_return_members,
    write_with_72,
)
from finmsg.translate.rules import register_rules
from finmsg.translate.text import NOTPROVIDED

__all__ = ["FI_RETURN_RULES", "is_fi_return", "mt2xx_to_pacs004", "pacs004_to_mt2xx"]

FI_RETURN_RULES = {
    "TR053": "MT202/MT205 /RETN/ <-> pacs.004 of an FI transfer (52a/58a <-> RtrChain Dbtr/Cdtr Agt, "
    "21 <-> OrgnlEndToEndId); return data an MT202/MT205 has no field for is reported",
}
register_rules(FI_RETURN_RULES)

_RTR = "/Document/PmtRtr/TxInf[1]"
#: Original message names of an FI transfer (OrgnlMsgNmId: "pacs.009.001.08", "MT202", "MT205COV"...).
_FI_ORIGINALS = ("pacs.009", "MT202", "MT205", "MT200")
#: The field that names the returned-to institution in an MT202: the default cause of a return.
_FI_CAUSE = "58"


def is_fi_return(message: PaymentReturn) -> bool:
    """True when the first return is one of an FI transfer: OrgnlMsgNmId names a pacs.009 or an
    MT2xx, or RtrChain names no customer (its debtor and creditor are agents or absent)."""
    if not message.transactions:
        return False
    rtr = message.transactions[0]
    group = rtr.original.group or (message.original_group.original if message.original_group else None)
    if group is not None and group.message_name_id.startswith(_FI_ORIGINALS):
        return True
    if group is not None and group.message_name_id.startswith(("pacs.008", "MT103")):
        return False
    chain = rtr.return_chain
    if chain is None:
        return False
    parties = (chain.debtor, chain.creditor)
    return any(p is not None for p in parties) and not any(isinstance(p, Party) for p in parties)


def mt2xx_to_pacs004(msg: MtMessage, ctx: Ctx, version: str = "pacs.004.001.14") -> PaymentReturn:
    """A returned FI transfer: 32A the returned amount, 52a/58a the return chain's debtor/creditor."""
    p = msg.path_prefix
    routing = routing_from_mt(msg)
    ref = msg.get("20")
    reference = ref.value if ref else NOTPROVIDED
    payment, info = read_without_72(msg, ctx, _RTR, _plain_pacs009, TX9, GRP9)
    report_uncarried(ctx, msg, ("13C",), "pacs.004")
    tx = payment.transactions[0]
    end_to_end = _end_to_end(ctx, msg, tx, info)
    report_missing_uetr(ctx, msg, _RTR)
    if tx.payment_type is not None:
        ctx.dropped(
            "TR051",
            f"{p}:block3/111",
            None,
            msg.header_tag(111) or "",
            "pacs.004 TxInf has no element for the service level of the returned transfer",
        )
    original = OriginalTransactionRef(
        group=OriginalGroupRef(info.mref or NOTPROVIDED, f"MT{msg.mt_number}"),
        instruction_id=info.mref,
        end_to_end_id=end_to_end,
        uetr=msg.uetr,
    )
    chain = ReturnChain(
        debtor=tx.debtor,
        debtor_account=tx.debtor_account,
        intermediary_agents=tx.intermediary_agents,
        creditor_agent=tx.creditor_agent,
        creditor_agent_account=tx.creditor_agent_account,
        creditor=tx.creditor,
        creditor_account=tx.creditor_account,
    )
    rtr = ReturnTx(
        return_id=reference,
        original=original,
        returned_amount=tx.settlement_amount,
        settlement_date=tx.settlement_date,
        instructing_agent=tx.instructing_agent,
        instructed_agent=tx.instructed_agent,
        return_chain=chain,
        reasons=reasons(info, routing.sender),
    )
    return return_message(ctx, msg, routing, rtr, payment.group_header.settlement, version)


def _plain_pacs009(msg: MtMessage, ctx: Ctx) -> CreditTransfer:
    return mt2xx_to_pacs009(msg, ctx)


def _end_to_end(ctx: Ctx, msg: MtMessage, tx: CreditTransferTx, info: RejectInfo) -> str | None:
    """21 (the related reference) is OrgnlEndToEndId; a ``/TREF/`` only stands in for ``NONREF``."""
    from_21 = tx.ids.end_to_end_id if tx.ids.end_to_end_id != NOTPROVIDED else None
    if info.tref is None or info.tref == from_21:
        return from_21
    f72 = msg.get("72")
    lines = f72.value.split("\n") if f72 else []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("/TREF/")), 1)
    path = line_path(f"{msg.path_prefix}:72", line)
    if from_21 is None:
        ctx.info(
            "mapping.layout",
            "TR053",
            f"21 is NONREF: /TREF/ gives OrgnlEndToEndId, which the reverse translation writes into "
            f"{msg.path_prefix}:21 (no /TREF/)",
            path,
            f"{_RTR}/OrgnlEndToEndId",
            info.tref,
        )
        return info.tref
    ctx.dropped(
        "TR053",
        path,
        None,
        f"/TREF/{info.tref}",
        "field 21 already gives OrgnlEndToEndId; the different /TREF/ has no place",
    )
    return from_21


def pacs004_to_mt2xx(message: PaymentReturn, ctx: Ctx, mt: str = "202") -> MtMessage:
    """The first returned transaction as an MT202 (or MT205) with 72 ``/RETN/``."""
    if not message.transactions:
        raise ConversionError("pacs.004 without a transaction", code="translate.empty", path="/Document")
    report_later_returns(ctx, message, mt)
    rtr = message.transactions[0]
    chain = rtr.return_chain or ReturnChain()
    for name, role in (("debtor", "Dbtr"), ("creditor", "Cdtr")):
        if isinstance(getattr(chain, name), Party):
            raise ConversionError(
                f"RtrChain/{role} is a party, not an institution: an MT{mt} return cannot carry it "
                "(translate to MT103)",
                code="translate.unsupported",
                path=f"{_RTR}/RtrChain/{role}/Pty",
            )
    if chain.creditor is None:
        raise ConversionError(
            f"pacs.004 without RtrChain/Cdtr cannot fill field 58a of an MT{mt} return",
            code="translate.missing",
            path=f"{_RTR}/RtrChain/Cdtr",
        )
    tx = CreditTransferTx(
        ids=PaymentIds(
            instruction_id=rtr.return_id,
            end_to_end_id=rtr.original.end_to_end_id,
            uetr=rtr.original.uetr,
        ),
        settlement_amount=rtr.returned_amount,
        settlement_date=rtr.settlement_date,
        instructing_agent=rtr.instructing_agent,
        instructed_agent=rtr.instructed_agent,
        debtor=chain.debtor if isinstance(chain.debtor, Agent) else None,
        debtor_account=chain.debtor_account,
        intermediary_agents=chain.intermediary_agents,
        creditor_agent=chain.creditor_agent,
        creditor_agent_account=chain.creditor_agent_account,
        creditor=chain.creditor,
        creditor_account=chain.creditor_account,
    )
    _report_uncarried(ctx, rtr, chain, mt)
    report_return_members(ctx, rtr, message, "TR053", f"MT{mt}")
    credit = CreditTransfer(
        message_type="pacs.009.001.08",
        family="iso20022",
        variant="core",
        group_header=replace(message.group_header),
        transactions=(tx,),
        header=message.header,
    )
    info = reject_info("RETN", rtr.reasons, rtr.original.instruction_id, None)
    built = write_with_72(
        ctx,
        lambda inner: pacs009_to_mt2xx(credit, inner, mt),
        TX9,
        info,
        _RTR,
        "RtrRsnInf",
        _FI_CAUSE,
    )
    report_nested_extras(ctx, (message.group_header, rtr), extras=message.extras)  # TR031
    return built


def _report_uncarried(ctx: Ctx, rtr: ReturnTx, chain: ReturnChain, mt: str) -> None:
    """Return data an MT202/MT205 has no field for (TR053): never dropped silently."""
    target = f"MT{mt}"
    values = {
        "RtrdInstdAmt": rtr.returned_instructed_amount,
        "XchgRate": rtr.exchange_rate,
        "ChrgBr": rtr.charge_bearer,
        "RtrChain/DbtrAgt": chain.debtor_agent,
        "RtrChain/PrvsInstgAgt1": chain.previous_instructing_agents or None,
        "RtrChain/UltmtDbtr": chain.ultimate_debtor,
        "RtrChain/UltmtCdtr": chain.ultimate_creditor,
    }
    for name, value in values.items():
        if value is not None:
            ctx.dropped("TR053", f"{_RTR}/{name}", None, _text(value), f"{target} has no field for {name}")
    for n, charge in enumerate(rtr.charges, start=1):
        ctx.dropped(
            "TR053",
            f"{_RTR}/ChrgsInf[{n}]",
            None,
            f"{charge.amount.currency}{charge.amount.value}" if charge.amount else "",
            f"{target} has no field 71F/71G",
        )
    if rtr.original.details is not None:
        ctx.dropped("TR053", f"{_RTR}/OrgnlTxRef", None, "", f"{target} has no field for OrgnlTxRef")


def _text(value: object) -> str:
    if isinstance(value, Agent | Party):
        return value.bic or value.name or ""
    if isinstance(value, tuple):
        return " ".join(_text(a.agent) for a in value)
    return str(value)
