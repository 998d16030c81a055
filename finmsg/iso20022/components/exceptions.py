"""Blocks shared by returns, status reports, cancellations and resolutions ↔ ISO 20022.

Why one module: pacs.004, pacs.002, pain.002, camt.056 and camt.029 all refer back
to an original payment with the same ``Orgnl*`` elements and ``OrgnlTxRef`` block,
give reasons in the same ``{Orgtr, Rsn{Cd|Prtry}, AddtlInf*}`` shape and (the camt
ones) carry the same case / assignment blocks. Reading and writing them once keeps
the five message modules small and makes them behave identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from finmsg.iso20022.components.parties import (
    read_account,
    read_agent,
    read_code,
    read_party,
    write_account,
    write_agent,
    write_code,
    write_party,
)
from finmsg.iso20022.components.payment import (
    read_payment_type,
    read_remittance,
    read_settlement,
    write_payment_type,
    write_remittance,
    write_settlement,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.common import Account, Agent, Amount, Party
from finmsg.model.exceptions import (
    Assignment,
    CaseRef,
    OriginalGroupInfo,
    OriginalGroupRef,
    OriginalTransactionRef,
    OriginalTxDetails,
    ReasonInfo,
)

__all__ = [
    "GroupNames",
    "opt_account",
    "opt_agent",
    "read_assignment",
    "read_case",
    "read_date_choice",
    "read_original_group",
    "read_original_ref",
    "read_party_choice",
    "read_reasons",
    "write_assignment",
    "write_case",
    "write_date_choice",
    "write_original_details",
    "write_original_group",
    "write_original_ids",
    "write_original_settlement",
    "write_party_choice",
    "write_reasons",
]


# --------------------------------------------------------------------------- small helpers


def opt_agent(node: Node, name: str) -> Agent | None:
    sub = node.child(name)
    return read_agent(sub) if sub else None


def opt_account(node: Node, name: str) -> Account | None:
    sub = node.child(name)
    return read_account(sub) if sub else None


def _party_choice(node: Node) -> Party | Agent | None:
    pty = node.child("Pty")
    if pty is not None:
        return read_party(pty)
    agt = node.child("Agt")
    return read_agent(agt) if agt is not None else None


def read_party_choice(node: Node, name: str) -> Party | Agent | None:
    """A ``Party40Choice``/``Party50Choice`` (``Pty`` or ``Agt``); kept whole as an extra if odd."""
    return cast("Party | Agent | None", node.strict(name, _party_choice))


def write_party_choice(parent: WNode, name: str, value: Party | Agent | None) -> None:
    if value is None:
        return
    node = parent.add(name)
    if node is None:
        return
    if isinstance(value, Agent):
        write_agent(node, "Agt", value)
    else:
        write_party(node, "Pty", value)


# --------------------------------------------------------------------------- reasons


def _read_reason(node: Node) -> ReasonInfo:
    orgtr = node.child("Orgtr")
    return ReasonInfo(
        originator=read_party(orgtr) if orgtr else None,
        reason=read_code(node, "Rsn"),
        additional_info=node.texts("AddtlInf"),
        extras=node.extras(),
    )


def read_reasons(node: Node, name: str) -> tuple[ReasonInfo, ...]:
    """Every ``RtrRsnInf``/``StsRsnInf``/``CxlRsnInf``/``CxlStsRsnInf`` entry."""
    return tuple(_read_reason(sub) for sub in node.children(name))


def write_reasons(parent: WNode, name: str, reasons: tuple[ReasonInfo, ...]) -> None:
    for reason in reasons:
        node = parent.add(name, reason.reason.value if reason.reason else None)
        if node is None:
            continue
        write_party(node, "Orgtr", reason.originator)
        write_code(node, "Rsn", reason.reason)
        node.texts("AddtlInf", reason.additional_info)
        node.extras(reason.extras)


# --------------------------------------------------------------------------- case and assignment


def read_case(node: Node, name: str) -> CaseRef | None:
    sub = node.child(name)
    if sub is None:
        return None
    return CaseRef(
        id=sub.text("Id") or "",
        creator=read_party_choice(sub, "Cretr"),
        reopened=sub.boolean("ReopCaseIndctn"),
        extras=sub.extras(),
    )


def write_case(parent: WNode, name: str, case: CaseRef | None) -> None:
    if case is None:
        return
    node = parent.add(name, case.id)
    if node is None:
        return
    node.text("Id", case.id)
    write_party_choice(node, "Cretr", case.creator)
    node.boolean("ReopCaseIndctn", case.reopened)
    node.extras(case.extras)


def read_assignment(node: Node) -> Assignment:
    return Assignment(
        id=node.text("Id") or "",
        assigner=read_party_choice(node, "Assgnr"),
        assignee=read_party_choice(node, "Assgne"),
        creation=node.timestamp("CreDtTm"),
        extras=node.extras(),
    )


def write_assignment(parent: WNode, value: Assignment) -> None:
    node = parent.add("Assgnmt", value.id)
    if node is None:
        return
    node.text("Id", value.id)
    write_party_choice(node, "Assgnr", value.assigner)
    write_party_choice(node, "Assgne", value.assignee)
    node.timestamp("CreDtTm", value.creation)
    node.extras(value.extras)


# --------------------------------------------------------------------------- original group


@dataclass(frozen=True, slots=True)
class GroupNames:
    """Element names of one message's original-group block (they differ per message)."""

    reasons: str
    id: str | None = None
    case: str | None = None
    count: str = "OrgnlNbOfTxs"
    total: str = "OrgnlCtrlSum"
    status: str | None = None
    cancel: str | None = None


def _read_group_ref(node: Node) -> OriginalGroupRef | None:
    msg_id, name_id = node.text("OrgnlMsgId"), node.text("OrgnlMsgNmId")
    if msg_id is None or name_id is None:
        return None
    return OriginalGroupRef(msg_id, name_id, node.timestamp("OrgnlCreDtTm"))


def read_original_group(node: Node, names: GroupNames) -> OriginalGroupInfo:
    return OriginalGroupInfo(
        id=node.text(names.id) if names.id else None,
        case=read_case(node, names.case) if names.case else None,
        original=_read_group_ref(node) or OriginalGroupRef("", ""),
        number_of_transactions=node.text(names.count),
        control_sum=node.decimal(names.total),
        status=node.text(names.status) if names.status else None,
        cancel_group=node.boolean(names.cancel) if names.cancel else None,
        reasons=read_reasons(node, names.reasons),
        extras=node.extras(),
    )


def _write_group_ref(node: WNode, ref: OriginalGroupRef) -> None:
    node.text("OrgnlMsgId", ref.message_id)
    node.text("OrgnlMsgNmId", ref.message_name_id)
    node.timestamp("OrgnlCreDtTm", ref.creation)


def write_original_group(
    parent: WNode, name: str, names: GroupNames, value: OriginalGroupInfo | None
) -> None:
    if value is None:
        return
    node = parent.add(name, value.original.message_id)
    if node is None:
        return
    if names.id:
        node.text(names.id, value.id)
    if names.case:
        write_case(node, names.case, value.case)
    _write_group_ref(node, value.original)
    node.text(names.count, value.number_of_transactions)
    node.decimal(names.total, value.control_sum)
    if names.status:
        node.text(names.status, value.status)
    if names.cancel:
        node.boolean(names.cancel, value.cancel_group)
    write_reasons(node, names.reasons, value.reasons)
    node.extras(value.extras)


# --------------------------------------------------------------------------- original transaction


def _instructed(node: Node) -> Amount | None:
    return node.amount("InstdAmt")


def _date_choice(node: Node) -> date | None:
    return node.date("Dt")


def read_date_choice(node: Node, name: str) -> date | None:
    """A ``DateAndDateTime2Choice`` holding a date (a date-time stays whole as an extra)."""
    return node.strict(name, _date_choice)


def write_date_choice(parent: WNode, name: str, value: date | None) -> None:
    if value is None:
        return
    node = parent.add(name, value.isoformat())
    if node is not None:
        node.date("Dt", value)


def read_original_details(node: Node) -> OriginalTxDetails:
    """OrgnlTxRef: the sender's copy of the key data of the original transaction."""
    sttlm, ptp, rmt = node.child("SttlmInf"), node.child("PmtTpInf"), node.child("RmtInf")
    execution = read_date_choice(node, "ReqdExctnDt")
    return OriginalTxDetails(
        settlement_amount=node.amount("IntrBkSttlmAmt"),
        instructed_amount=node.strict("Amt", _instructed),
        settlement_date=node.date("IntrBkSttlmDt"),
        requested_collection_date=node.date("ReqdColltnDt"),
        requested_execution_date=execution,
        settlement=read_settlement(sttlm) if sttlm else None,
        payment_type=read_payment_type(ptp) if ptp else None,
        payment_method=node.text("PmtMtd"),
        remittance=read_remittance(rmt) if rmt else None,
        ultimate_debtor=read_party_choice(node, "UltmtDbtr"),
        debtor=read_party_choice(node, "Dbtr"),
        debtor_account=opt_account(node, "DbtrAcct"),
        debtor_agent=opt_agent(node, "DbtrAgt"),
        debtor_agent_account=opt_account(node, "DbtrAgtAcct"),
        creditor_agent=opt_agent(node, "CdtrAgt"),
        creditor_agent_account=opt_account(node, "CdtrAgtAcct"),
        creditor=read_party_choice(node, "Cdtr"),
        creditor_account=opt_account(node, "CdtrAcct"),
        ultimate_creditor=read_party_choice(node, "UltmtCdtr"),
        purpose=read_code(node, "Purp"),
        extras=node.extras(),
    )


def write_original_details(parent: WNode, value: OriginalTxDetails | None) -> None:
    if value is None:
        return
    node = parent.add("OrgnlTxRef")
    if node is None:
        return
    node.amount("IntrBkSttlmAmt", value.settlement_amount)
    if value.instructed_amount is not None:
        amt = node.add("Amt", str(value.instructed_amount))
        if amt is not None:
            amt.amount("InstdAmt", value.instructed_amount)
    node.date("IntrBkSttlmDt", value.settlement_date)
    node.date("ReqdColltnDt", value.requested_collection_date)
    write_date_choice(node, "ReqdExctnDt", value.requested_execution_date)
    write_settlement(node, value.settlement)
    write_payment_type(node, value.payment_type)
    node.text("PmtMtd", value.payment_method)
    write_remittance(node, value.remittance)
    write_party_choice(node, "UltmtDbtr", value.ultimate_debtor)
    write_party_choice(node, "Dbtr", value.debtor)
    write_account(node, "DbtrAcct", value.debtor_account)
    write_agent(node, "DbtrAgt", value.debtor_agent)
    write_account(node, "DbtrAgtAcct", value.debtor_agent_account)
    write_agent(node, "CdtrAgt", value.creditor_agent)
    write_account(node, "CdtrAgtAcct", value.creditor_agent_account)
    write_party_choice(node, "Cdtr", value.creditor)
    write_account(node, "CdtrAcct", value.creditor_account)
    write_party_choice(node, "UltmtCdtr", value.ultimate_creditor)
    write_code(node, "Purp", value.purpose)
    node.extras(value.extras)


def read_original_ref(node: Node) -> OriginalTransactionRef:
    """The ``Orgnl*`` members of a transaction-level block, and its OrgnlTxRef."""
    details = node.child("OrgnlTxRef")
    return OriginalTransactionRef(
        group=node.strict("OrgnlGrpInf", _read_group_ref),
        payment_info_id=node.text("OrgnlPmtInfId"),
        instruction_id=node.text("OrgnlInstrId"),
        end_to_end_id=node.text("OrgnlEndToEndId"),
        transaction_id=node.text("OrgnlTxId"),
        uetr=node.text("OrgnlUETR"),
        clearing_system_ref=node.text("OrgnlClrSysRef"),
        settlement_amount=node.amount("OrgnlIntrBkSttlmAmt"),
        settlement_date=node.date("OrgnlIntrBkSttlmDt"),
        details=read_original_details(details) if details else None,
    )


def write_original_ids(node: WNode, ref: OriginalTransactionRef, uetr_first: bool = True) -> None:
    """OrgnlGrpInf … OrgnlClrSysRef. camt.029 puts OrgnlClrSysRef before OrgnlUETR (``uetr_first=False``)."""
    if ref.group is not None:
        grp = node.add("OrgnlGrpInf", ref.group.message_id)
        if grp is not None:
            _write_group_ref(grp, ref.group)
    node.text("OrgnlPmtInfId", ref.payment_info_id)
    node.text("OrgnlInstrId", ref.instruction_id)
    node.text("OrgnlEndToEndId", ref.end_to_end_id)
    node.text("OrgnlTxId", ref.transaction_id)
    if uetr_first:
        node.text("OrgnlUETR", ref.uetr)
        node.text("OrgnlClrSysRef", ref.clearing_system_ref)
    else:
        node.text("OrgnlClrSysRef", ref.clearing_system_ref)
        node.text("OrgnlUETR", ref.uetr)


def write_original_settlement(node: WNode, ref: OriginalTransactionRef) -> None:
    node.amount("OrgnlIntrBkSttlmAmt", ref.settlement_amount)
    node.date("OrgnlIntrBkSttlmDt", ref.settlement_date)
