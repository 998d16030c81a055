"""pacs.009 (core, COV) → MT202 / MT205 / MT202COV / MT205COV (rules TR040-TR042).

The mirror of :mod:`finmsg.translate.fi_in`. MT202 is the default; MT205
carries the same data and is written when it is asked for. A pacs.009 with
an underlying customer transfer becomes the COV variant, whose sequence B
uses the MT103 party rules.
"""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer, CreditTransferTx
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.writer import make_user_header
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.field72 import build_72
from finmsg.translate.headers import build_message, routing_from_mx
from finmsg.translate.instructions import items_72
from finmsg.translate.mt103_out import remittance_field, report_left_72, report_rare_ids, time_fields
from finmsg.translate.mtvalues import amount_to_mt, date_to_mt
from finmsg.translate.mx_parties import agent_field, party_field
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.settlement import settlement_date_of, settlement_to_mt
from finmsg.translate.summary import describe
from finmsg.translate.text import NOTPROVIDED, reference16, to_x
from finmsg.translate.unplaced import report_extras

__all__ = ["pacs009_to_mt2xx"]

_ROOT = "/Document/FICdtTrf"


def pacs009_to_mt2xx(message: CreditTransfer, ctx: Ctx, mt: str = "202") -> MtMessage:
    """Translate the (first) transaction of a pacs.009 into MT202/205, COV when it has an underlying."""
    if not message.transactions:
        raise ConversionError("pacs.009 without a transaction", code="translate.empty", path="/Document")
    tx = message.transactions[0]
    cov = tx.underlying is not None
    ctx.mt_prefix = f"MT{mt}{'COV' if cov else ''}"
    p = ctx.mt_prefix
    src = f"{_ROOT}/CdtTrfTxInf[1]"
    for n in range(2, len(message.transactions) + 1):
        ctx.dropped(
            "TR031",
            f"{_ROOT}/CdtTrfTxInf[{n}]",
            None,
            message.transactions[n - 1].ids.uetr or "",
            f"an MT{mt} carries one transaction; split the pacs.009 first",
        )
    grp = message.group_header
    routing = routing_from_mx(
        message.header,
        grp.instructing_agent or tx.instructing_agent,
        grp.instructed_agent or tx.instructed_agent,
        ctx.options,
    )
    fields = [
        MtField(
            "20", reference16(ctx, tx.ids.instruction_id or grp.message_id, f"{src}/PmtId/InstrId", f"{p}:20")
        )
    ]
    e2e = tx.ids.end_to_end_id
    fields.append(
        MtField(
            "21",
            "NONREF"
            if not e2e or e2e == NOTPROVIDED
            else reference16(ctx, e2e, f"{src}/PmtId/EndToEndId", f"{p}:21", "NONREF"),
        )
    )
    fields.extend(time_fields(ctx, tx, src))
    day, day_path = settlement_date_of(tx, grp, src, _ROOT)
    if tx.settlement_amount is None or day is None:
        raise ConversionError(
            "IntrBkSttlmAmt and IntrBkSttlmDt (in the transaction or GrpHdr) are needed for 32A",
            code="translate.missing",
            path=f"{src}/IntrBkSttlmAmt" if tx.settlement_amount is None else f"{src}/IntrBkSttlmDt",
        )
    fields.append(MtField("32A", date_to_mt(day, day_path) + amount_to_mt(tx.settlement_amount)))
    debtor = tx.debtor
    implicit = (
        isinstance(debtor, Agent)
        and same_bic(debtor.bic, routing.sender)
        and tx.debtor_account is None
        and debtor == Agent(bic=debtor.bic)
    )
    if debtor is not None and (mt == "205" or not implicit):
        _add(fields, agent_field(ctx, "52", "AD", debtor, tx.debtor_account, f"{src}/Dbtr"))
    letters = {"53": "ABD", "54": "ABD" if mt == "202" else ""}
    for f in settlement_to_mt(ctx, grp.settlement, f"{_ROOT}/GrpHdr/SttlmInf", letters):
        if f.tag[:2] == "54" and mt == "205":
            ctx.dropped(
                "TR040",
                f"{_ROOT}/GrpHdr/SttlmInf/InstdRmbrsmntAgt",
                f"{p}:54a",
                f.value,
                "MT205 has no field 54a",
            )
            continue
        fields.append(f)
    if tx.intermediary_agents:
        first = tx.intermediary_agents[0]
        _add(fields, agent_field(ctx, "56", "AD", first.agent, first.account, f"{src}/IntrmyAgt1"))
    if tx.creditor_agent is not None:
        _add(
            fields,
            agent_field(ctx, "57", "ABD", tx.creditor_agent, tx.creditor_agent_account, f"{src}/CdtrAgt"),
        )
    if tx.creditor is None:
        raise ConversionError(
            "pacs.009 without Cdtr cannot fill field 58a", code="translate.missing", path=f"{src}/Cdtr"
        )
    _add(fields, agent_field(ctx, "58", "AD", tx.creditor, tx.creditor_account, f"{src}/Cdtr"))
    _add(fields, _field72(ctx, tx, src, p))
    report_rare_ids(ctx, tx, src, tx.ids.instruction_id or grp.message_id)
    if tx.remittance is not None:  # MT202/205 have no field 70 (a COV's 70 is the underlying's RmtInf)
        ctx.dropped(
            "TR040", f"{src}/RmtInf", None, describe(tx.remittance), f"MT{mt} has no remittance field"
        )
    report_extras(ctx, tx, src, grp, message, nested=False)
    if tx.underlying is not None:
        fields.extend(_sequence_b(ctx, tx.underlying, tx, f"{src}/UndrlygCstmrCdtTrf", p))
    report_nested_extras(ctx, (grp, tx), own=(grp, tx))  # last: sequence B names RmtInf extras itself
    g001 = tx.payment_type is not None and any(s.code == "G001" for s in tx.payment_type.service_levels)
    tags = {"t119": "COV"} if cov else {}
    if g001:
        tags["t111"] = "001"
    user = make_user_header(tx.ids.uetr, **tags)
    priority = "U" if tx.payment_type and tx.payment_type.instruction_priority == "HIGH" else "N"
    return build_message(routing, mt, f"{mt}COV" if cov else mt, priority, user, fields)


def _add(fields: list[MtField], f: MtField | None) -> None:
    if f is not None:
        fields.append(f)


def _field72(ctx: Ctx, tx: CreditTransferTx, src: str, p: str) -> MtField | None:
    items = items_72(ctx, tx, src, f"{p}:72", frozenset(), frozenset())
    if not items:
        return None
    lines, left = build_72([(code, to_x(ctx, text, src, f"{p}:72")) for code, text in items])
    if left:
        report_left_72(ctx, items, left, src, f"{p}:72")
    return MtField("72", "\n".join(lines)) if lines else None


def _sequence_b(ctx: Ctx, und: CreditTransferTx, tx: CreditTransferTx, src: str, p: str) -> list[MtField]:
    """Sequence B of a COV message from UndrlygCstmrCdtTrf (TR041)."""
    out = [party_field(ctx, "50", und.debtor, und.debtor_account, f"{src}/Dbtr")]
    if und.initiating_party is not None:
        ctx.dropped(
            "TR041",
            f"{src}/InitgPty",
            None,
            describe(und.initiating_party),
            "sequence B has no initiating party",
        )
    if und.debtor_agent is not None and not _same_agent(
        und.debtor_agent, tx.debtor, und.debtor_agent_account
    ):
        _add(out, agent_field(ctx, "52", "AD", und.debtor_agent, und.debtor_agent_account, f"{src}/DbtrAgt"))
    if und.intermediary_agents:
        first = und.intermediary_agents[0]
        _add(out, agent_field(ctx, "56", "ACD", first.agent, first.account, f"{src}/IntrmyAgt1"))
    # 57a may be left to its default (the FI creditor, 58a) only when no 56a is written (rule C81)
    if und.creditor_agent is not None and (
        bool(und.intermediary_agents)
        or not _same_agent(und.creditor_agent, tx.creditor, und.creditor_agent_account)
    ):
        _add(
            out,
            agent_field(ctx, "57", "ABCD", und.creditor_agent, und.creditor_agent_account, f"{src}/CdtrAgt"),
        )
    out.append(party_field(ctx, "59", und.creditor, und.creditor_account, f"{src}/Cdtr"))
    _add(out, remittance_field(ctx, und, src, f"{p}:70"))
    _add(out, _field72(ctx, und, src, p))
    if und.instructed_amount is not None:
        out.append(MtField("33B", amount_to_mt(und.instructed_amount)))
    return out


def _same_agent(agent: Agent, default: object, account: object) -> bool:
    return account is None and isinstance(default, Agent) and agent == default
