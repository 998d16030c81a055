"""pacs.002 (FI to FI) and pain.002 (bank to customer) payment status reports ↔ :class:`StatusReport`.

Both report statuses (ACCP, ACSC, RJCT, PDNG...) with reasons at three levels:
the original group, the original payment information block (pain.002 only) and
the individual transaction. The transaction block is the same shape in both, so
one reader/writer serves both families.
"""

from __future__ import annotations

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.exceptions import (
    GroupNames,
    opt_agent,
    read_date_choice,
    read_original_group,
    read_original_ref,
    read_reasons,
    write_date_choice,
    write_original_details,
    write_original_group,
    write_original_ids,
    write_reasons,
)
from finmsg.iso20022.components.parties import write_agent
from finmsg.iso20022.components.payment import (
    read_charges,
    read_group_header,
    write_charges,
    write_group_header,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.exceptions import PaymentInfoStatus, StatusReport, TransactionStatus
from finmsg.model.payments import AppHeader

__all__ = ["read_status_report", "write_status_report"]

_ROOTS = {"pacs.002": "FIToFIPmtStsRpt", "pain.002": "CstmrPmtStsRpt"}
_GROUP = GroupNames(reasons="StsRsnInf", status="GrpSts")


def read_transaction_status(node: Node) -> TransactionStatus:
    status_id = node.text("StsId")
    original = read_original_ref(node)
    effective = read_date_choice(node, "FctvIntrBkSttlmDt")
    return TransactionStatus(
        status_id=status_id,
        original=original,
        status=node.text("TxSts"),
        reasons=read_reasons(node, "StsRsnInf"),
        charges=read_charges(node),
        acceptance=node.timestamp("AccptncDtTm"),
        effective_settlement_date=effective,
        account_servicer_ref=node.text("AcctSvcrRef"),
        clearing_system_ref=node.text("ClrSysRef"),
        instructing_agent=opt_agent(node, "InstgAgt"),
        instructed_agent=opt_agent(node, "InstdAgt"),
        extras=node.extras(),
    )


def write_transaction_status(node: WNode, tx: TransactionStatus) -> None:
    """Members in TxInfAndSts schema order (pacs.002 and pain.002 share it)."""
    node.text("StsId", tx.status_id)
    write_original_ids(node, tx.original)
    node.text("TxSts", tx.status)
    write_reasons(node, "StsRsnInf", tx.reasons)
    write_charges(node, tx.charges)
    node.timestamp("AccptncDtTm", tx.acceptance)
    write_date_choice(node, "FctvIntrBkSttlmDt", tx.effective_settlement_date)
    node.text("AcctSvcrRef", tx.account_servicer_ref)
    node.text("ClrSysRef", tx.clearing_system_ref)
    write_agent(node, "InstgAgt", tx.instructing_agent)
    write_agent(node, "InstdAgt", tx.instructed_agent)
    write_original_details(node, tx.original.details)
    node.extras(tx.extras)


def _read_payment_info(node: Node) -> PaymentInfoStatus:
    return PaymentInfoStatus(
        original_payment_info_id=node.text("OrgnlPmtInfId") or "",
        number_of_transactions=node.text("OrgnlNbOfTxs"),
        control_sum=node.decimal("OrgnlCtrlSum"),
        status=node.text("PmtInfSts"),
        reasons=read_reasons(node, "StsRsnInf"),
        transactions=tuple(read_transaction_status(tx) for tx in node.children("TxInfAndSts")),
        extras=node.extras(),
    )


def _write_payment_info(parent: WNode, value: PaymentInfoStatus) -> None:
    node = parent.add("OrgnlPmtInfAndSts", value.original_payment_info_id)
    if node is None:
        return
    node.text("OrgnlPmtInfId", value.original_payment_info_id)
    node.text("OrgnlNbOfTxs", value.number_of_transactions)
    node.decimal("OrgnlCtrlSum", value.control_sum)
    node.text("PmtInfSts", value.status)
    write_reasons(node, "StsRsnInf", value.reasons)
    for tx in value.transactions:
        sub = node.add("TxInfAndSts")
        if sub is not None:
            write_transaction_status(sub, tx)
    node.extras(value.extras)


def read_status_report(root: Node, message_id: str, header: AppHeader | None) -> StatusReport:
    name = _ROOTS[message_id[:8]]
    body = root.child(name)
    if body is None:
        raise ParseError(f"{message_id} Document has no {name}", code="iso.structure", path=root.path)
    grp = body.child("GrpHdr")
    group_header = read_group_header(grp) if grp else read_group_header(body)
    return StatusReport(
        message_type=message_id,
        family="iso20022",
        group_header=group_header,
        original_groups=tuple(read_original_group(g, _GROUP) for g in body.children("OrgnlGrpInfAndSts")),
        payment_infos=tuple(_read_payment_info(p) for p in body.children("OrgnlPmtInfAndSts")),
        transactions=tuple(read_transaction_status(tx) for tx in body.children("TxInfAndSts")),
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_status_report(doc: WNode, message: StatusReport) -> None:
    body = doc.add(_ROOTS[doc.ctx.message_id[:8]])
    if body is None:
        return
    write_group_header(body, message.group_header)
    for group in message.original_groups:
        write_original_group(body, "OrgnlGrpInfAndSts", _GROUP, group)
    for info in message.payment_infos:
        _write_payment_info(body, info)
    for tx in message.transactions:
        node = body.add("TxInfAndSts")
        if node is not None:
            write_transaction_status(node, tx)
    body.extras(message.extras)
    doc.extras(message.extras)


def _codec(family: str, versions: tuple[str, ...]) -> MessageCodec:
    return MessageCodec(
        family, _ROOTS[family], StatusReport, read_status_report, write_status_report, versions, versions[0]
    )


CODECS = (
    _codec("pacs.002", ("pacs.002.001.10", "pacs.002.001.12", "pacs.002.001.15")),
    _codec("pain.002", ("pain.002.001.10", "pain.002.001.12", "pain.002.001.14", "pain.002.001.15")),
)
