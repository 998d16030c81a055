"""camt.056 FI to FI payment cancellation request ↔ :class:`CancellationRequest`.

A case (Assgnmt + Case) asks the next agent to cancel a whole original message
(OrgnlGrpInfAndCxl) and/or individual transactions (TxInf), each with reasons
such as DUPL, CUST, FRAD or AGNT.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.exceptions import (
    GroupNames,
    opt_agent,
    read_assignment,
    read_case,
    read_original_group,
    read_original_ref,
    read_reasons,
    write_assignment,
    write_case,
    write_original_details,
    write_original_group,
    write_original_ids,
    write_original_settlement,
    write_reasons,
)
from finmsg.iso20022.components.parties import write_agent
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.exceptions import Assignment, CancellationRequest, CancellationTx, UnderlyingCancellation
from finmsg.model.payments import AppHeader

__all__ = ["read_cancellation_request", "write_cancellation_request"]

_ROOT = "FIToFIPmtCxlReq"
_GROUP = GroupNames(
    reasons="CxlRsnInf", id="GrpCxlId", case="Case", count="NbOfTxs", total="CtrlSum", cancel="GrpCxl"
)


def read_cancellation_tx(node: Node) -> CancellationTx:
    cancellation_id = node.text("CxlId")
    case = read_case(node, "Case")
    original = read_original_ref(node)
    return CancellationTx(
        cancellation_id=cancellation_id,
        case=case,
        original=original,
        assigner=opt_agent(node, "Assgnr"),
        assignee=opt_agent(node, "Assgne"),
        reasons=read_reasons(node, "CxlRsnInf"),
        extras=node.extras(),
    )


def write_cancellation_tx(node: WNode, tx: CancellationTx) -> None:
    """Members in camt.056 TxInf schema order."""
    node.text("CxlId", tx.cancellation_id)
    write_case(node, "Case", tx.case)
    write_original_ids(node, tx.original)
    write_original_settlement(node, tx.original)
    write_agent(node, "Assgnr", tx.assigner)
    write_agent(node, "Assgne", tx.assignee)
    write_reasons(node, "CxlRsnInf", tx.reasons)
    write_original_details(node, tx.original.details)
    node.extras(tx.extras)


def _read_underlying(node: Node) -> UnderlyingCancellation:
    group = node.child("OrgnlGrpInfAndCxl")
    return UnderlyingCancellation(
        original_group=read_original_group(group, _GROUP) if group else None,
        transactions=tuple(read_cancellation_tx(tx) for tx in node.children("TxInf")),
        extras=node.extras(),
    )


def _write_underlying(parent: WNode, value: UnderlyingCancellation) -> None:
    node = parent.add("Undrlyg")
    if node is None:
        return
    write_original_group(node, "OrgnlGrpInfAndCxl", _GROUP, value.original_group)
    for tx in value.transactions:
        sub = node.add("TxInf")
        if sub is not None:
            write_cancellation_tx(sub, tx)
    node.extras(value.extras)


def _control_data(node: Node) -> tuple[str | None, Decimal | None] | None:
    raw = node.text("CtrlSum")
    try:
        total = Decimal(raw.strip()) if raw is not None else None
    except InvalidOperation:
        return None  # not understood: CtrlData stays whole as an extra (and fails XSD validation)
    return node.text("NbOfTxs"), total


def read_cancellation_request(root: Node, message_id: str, header: AppHeader | None) -> CancellationRequest:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    assignment_node = body.child("Assgnmt")
    assignment = read_assignment(assignment_node) if assignment_node else Assignment("")
    case = read_case(body, "Case")
    control = body.strict("CtrlData", _control_data)
    count, total = control if control is not None else (None, None)
    return CancellationRequest(
        message_type=message_id,
        family="iso20022",
        assignment=assignment,
        case=case,
        number_of_transactions=count,
        control_sum=total,
        underlyings=tuple(_read_underlying(u) for u in body.children("Undrlyg")),
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_cancellation_request(doc: WNode, message: CancellationRequest) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    write_assignment(body, message.assignment)
    write_case(body, "Case", message.case)
    if message.number_of_transactions is not None or message.control_sum is not None:
        ctrl = body.add("CtrlData")
        if ctrl is not None:
            ctrl.text("NbOfTxs", message.number_of_transactions)
            ctrl.decimal("CtrlSum", message.control_sum)
    for underlying in message.underlyings:
        _write_underlying(body, underlying)
    body.extras(message.extras)
    doc.extras(message.extras)


CODECS = (
    MessageCodec(
        "camt.056",
        _ROOT,
        CancellationRequest,
        read_cancellation_request,
        write_cancellation_request,
        ("camt.056.001.08", "camt.056.001.11"),
        "camt.056.001.08",
    ),
)
