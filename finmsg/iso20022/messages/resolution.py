"""camt.029 resolution of investigation ↔ :class:`InvestigationResolution`.

The usual answer to a camt.056: the case status (Conf: CNCL cancelled, RJCR
rejected, PDCR pending...) and, per original transaction, the cancellation status
(TxCxlSts) with reasons. Modification, claim-non-receipt, statement and corrective
transaction details are kept as extras.
"""

from __future__ import annotations

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.exceptions import (
    GroupNames,
    read_assignment,
    read_case,
    read_original_group,
    read_original_ref,
    read_party_choice,
    read_reasons,
    write_assignment,
    write_case,
    write_original_details,
    write_original_group,
    write_original_ids,
    write_original_settlement,
    write_party_choice,
    write_reasons,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.exceptions import (
    Assignment,
    CancellationDetails,
    CancellationStatusTx,
    InvestigationResolution,
    ResolutionStatus,
)
from finmsg.model.payments import AppHeader

__all__ = ["read_resolution", "write_resolution"]

_ROOT = "RsltnOfInvstgtn"
_GROUP = GroupNames(reasons="CxlStsRsnInf", id="OrgnlGrpCxlId", case="RslvdCase", status="GrpCxlSts")


def read_cancellation_status_tx(node: Node) -> CancellationStatusTx:
    status_id = node.text("CxlStsId")
    case = read_case(node, "RslvdCase")
    original = read_original_ref(node)
    return CancellationStatusTx(
        cancellation_status_id=status_id,
        resolved_case=case,
        original=original,
        status=node.text("TxCxlSts"),
        reasons=read_reasons(node, "CxlStsRsnInf"),
        assigner=read_party_choice(node, "Assgnr"),
        assignee=read_party_choice(node, "Assgne"),
        extras=node.extras(),
    )


def write_cancellation_status_tx(node: WNode, tx: CancellationStatusTx) -> None:
    """Members in camt.029 TxInfAndSts schema order (OrgnlClrSysRef precedes OrgnlUETR here)."""
    node.text("CxlStsId", tx.cancellation_status_id)
    write_case(node, "RslvdCase", tx.resolved_case)
    write_original_ids(node, tx.original, uetr_first=False)
    node.text("TxCxlSts", tx.status)
    write_reasons(node, "CxlStsRsnInf", tx.reasons)
    write_original_settlement(node, tx.original)
    write_party_choice(node, "Assgnr", tx.assigner)
    write_party_choice(node, "Assgne", tx.assignee)
    write_original_details(node, tx.original.details)
    node.extras(tx.extras)  # RsltnRltdInf and unknowns go back to their schema position


def _read_details(node: Node) -> CancellationDetails:
    group = node.child("OrgnlGrpInfAndSts")
    return CancellationDetails(
        original_group=read_original_group(group, _GROUP) if group else None,
        transactions=tuple(read_cancellation_status_tx(tx) for tx in node.children("TxInfAndSts")),
        extras=node.extras(),
    )


def _write_details(parent: WNode, value: CancellationDetails) -> None:
    node = parent.add("CxlDtls")
    if node is None:
        return
    write_original_group(node, "OrgnlGrpInfAndSts", _GROUP, value.original_group)
    for tx in value.transactions:
        sub = node.add("TxInfAndSts")
        if sub is not None:
            write_cancellation_status_tx(sub, tx)
    node.extras(value.extras)


def _read_status(node: Node) -> ResolutionStatus:
    return ResolutionStatus(
        confirmation=node.text("Conf"),
        duplicate_of=read_case(node, "DplctOf"),
        assignment_cancellation_confirmed=node.boolean("AssgnmtCxlConf"),
        extras=node.extras(),
    )


def _write_status(parent: WNode, value: ResolutionStatus) -> None:
    node = parent.add("Sts", value.confirmation)
    if node is None:
        return
    node.text("Conf", value.confirmation)
    write_case(node, "DplctOf", value.duplicate_of)
    node.boolean("AssgnmtCxlConf", value.assignment_cancellation_confirmed)
    node.extras(value.extras)


def read_resolution(root: Node, message_id: str, header: AppHeader | None) -> InvestigationResolution:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    assignment_node = body.child("Assgnmt")
    assignment = read_assignment(assignment_node) if assignment_node else Assignment("")
    case = read_case(body, "RslvdCase")
    status_node = body.child("Sts")
    return InvestigationResolution(
        message_type=message_id,
        family="iso20022",
        assignment=assignment,
        resolved_case=case,
        status=_read_status(status_node) if status_node else ResolutionStatus(),
        cancellation_details=tuple(_read_details(d) for d in body.children("CxlDtls")),
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_resolution(doc: WNode, message: InvestigationResolution) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    write_assignment(body, message.assignment)
    write_case(body, "RslvdCase", message.resolved_case)
    _write_status(body, message.status)
    for details in message.cancellation_details:
        _write_details(body, details)
    body.extras(message.extras)
    doc.extras(message.extras)


CODECS = (
    MessageCodec(
        "camt.029",
        _ROOT,
        InvestigationResolution,
        read_resolution,
        write_resolution,
        ("camt.029.001.09", "camt.029.001.13"),
        "camt.029.001.09",
    ),
)
