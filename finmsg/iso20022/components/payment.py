"""Payment building blocks ↔ ISO 20022: ids, payment type, charges, remittance, settlement, headers."""

from __future__ import annotations

from datetime import date

from finmsg.iso20022.components.parties import (
    read_account,
    read_agent,
    read_agent_account,
    read_code,
    read_party,
    write_account,
    write_agent,
    write_agent_account,
    write_code,
    write_party,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import Extra
from finmsg.model.payments import (
    Charge,
    CodeOrProprietary,
    GroupHeader,
    Instruction,
    PaymentIds,
    PaymentTypeInfo,
    Remittance,
    SettlementInfo,
    StructuredRemittance,
)

__all__ = [
    "read_charges",
    "read_group_header",
    "read_instructions",
    "read_payment_ids",
    "read_payment_type",
    "read_remittance",
    "write_charges",
    "write_group_header",
    "write_instructions",
    "write_payment_ids",
    "write_payment_type",
    "write_remittance",
]

_INSTRUCTION = frozenset({"Cd", "InstrInf"})


_ID_SLOTS = {"InstrId": 0, "EndToEndId": 1, "TxId": 2, "UETR": 3, "ClrSysRef": 4}


def _read_ids(node: Node) -> PaymentIds:
    instruction, end_to_end, transaction, uetr, clearing = node.scan(_ID_SLOTS, 5)
    return PaymentIds(instruction, end_to_end, transaction, uetr, clearing)


def read_payment_ids(node: Node) -> PaymentIds:
    """PmtId; kept whole as an extra if it ever holds a member we do not map."""
    return node.strict("PmtId", _read_ids) or PaymentIds()


def write_payment_ids(parent: WNode, ids: PaymentIds) -> None:
    node = parent.add("PmtId")
    if node is None:
        return
    node.text("InstrId", ids.instruction_id)
    node.text("EndToEndId", ids.end_to_end_id)
    node.text("TxId", ids.transaction_id)
    node.text("UETR", ids.uetr)
    node.text("ClrSysRef", ids.clearing_system_ref)


_TYPE_SLOTS = {"InstrPrty": 0, "ClrChanl": 1}


def read_payment_type(node: Node) -> PaymentTypeInfo:
    priority, channel = node.scan(_TYPE_SLOTS, 2)
    levels = node.strict_all("SvcLvl", _code_of)
    if node.complete():  # the usual lone service level
        return PaymentTypeInfo(priority, channel, levels, None, None, ())
    return PaymentTypeInfo(
        priority,
        channel,
        levels,
        read_code(node, "LclInstrm"),
        read_code(node, "CtgyPurp"),
        node.extras(),
    )


def _code_of(node: Node) -> CodeOrProprietary | None:
    code, prtry = node.text("Cd"), node.text("Prtry")
    return None if code is None and prtry is None else CodeOrProprietary(code, prtry)


def write_payment_type(parent: WNode, value: PaymentTypeInfo | None) -> None:
    if value is None:
        return
    node = parent.add("PmtTpInf")
    if node is None:
        return
    node.text("InstrPrty", value.instruction_priority)
    node.text("ClrChanl", value.clearing_channel)
    for level in value.service_levels:
        write_code(node, "SvcLvl", level)
    write_code(node, "LclInstrm", value.local_instrument)
    write_code(node, "CtgyPurp", value.category_purpose)
    if value.extras:  # (guards: most objects have none, and a call costs more than the test)
        node.extras(value.extras)


def _read_charge(node: Node) -> Charge | None:
    amount = node.amount("Amt")
    agent_node = node.child("Agt")
    if amount is None or agent_node is None:
        return None
    agent = read_agent(agent_node)
    if agent.extras:
        return None
    return Charge(amount, agent, read_code(node, "Tp"))


def read_charges(node: Node) -> tuple[Charge, ...]:
    return node.strict_all("ChrgsInf", _read_charge)


def write_charges(parent: WNode, charges: tuple[Charge, ...]) -> None:
    for charge in charges:
        node = parent.add("ChrgsInf", str(charge.amount))
        if node is None:
            continue
        node.amount("Amt", charge.amount)
        write_agent(node, "Agt", charge.agent)
        write_code(node, "Tp", charge.type)


def _read_instruction(node: Node) -> Instruction | None:
    code, info = node.text("Cd"), node.text("InstrInf")
    return None if code is None and info is None else Instruction(code, info)


def read_instructions(node: Node, name: str) -> tuple[Instruction, ...]:
    return node.strict_all(name, _read_instruction)


def write_instructions(parent: WNode, name: str, instructions: tuple[Instruction, ...]) -> None:
    for instruction in instructions:
        node = parent.add(name, instruction.code or instruction.info)
        if node is not None:
            node.text("Cd", instruction.code)
            node.text("InstrInf", instruction.info)


def _read_structured(node: Node) -> StructuredRemittance:
    doc_type = number = doc_date = None
    extras: list[Extra] = []
    ref = node.child("RfrdDocInf") if node.count("RfrdDocInf") == 1 else None  # several: kept as extras
    if ref is not None:
        tp = ref.child("Tp")
        if tp is not None:
            doc_type = read_code(tp, "CdOrPrtry")
            extras.extend(tp.extras())
        number, doc_date = ref.text("Nb"), ref.date("RltdDt")
        extras.extend(ref.extras())
    cref_type = cref = None
    cref_node = node.child("CdtrRefInf")
    if cref_node is not None:
        tp = cref_node.child("Tp")
        if tp is not None:
            cref_type = read_code(tp, "CdOrPrtry")
            extras.extend(tp.extras())
        cref = cref_node.text("Ref")
        extras.extend(cref_node.extras())
    additional = node.texts("AddtlRmtInf")
    extras.extend(node.extras())
    return StructuredRemittance(doc_type, number, doc_date, cref_type, cref, additional, tuple(extras))


def _write_related_date(ref: WNode, value: date | None) -> None:
    """RltdDt is an ISODate up to the 2019 versions and DateAndType1 (Tp + Dt) after.

    The model holds no date type, and inventing one is not allowed, so a target
    that needs it does not get the date: that is reported as ``version.dropped``.
    """
    if value is None:
        return
    decl = ref.type.child("RltdDt") if ref.type is not None else None
    if decl is not None and not (decl.type.is_simple or decl.type.has_text):
        ref.ctx.dropped(ref.path, "RltdDt", value.isoformat(), why="needs a date type (Tp) for {name}")
        return
    ref.date("RltdDt", value)


def read_remittance(node: Node) -> Remittance:
    structured = tuple(_read_structured(s) for s in node.children("Strd"))
    # a Ustrd with children, or a member this reader does not know, is kept whole, never dropped
    return Remittance(node.texts("Ustrd"), structured, node.extras())


def write_remittance(parent: WNode, value: Remittance | None) -> None:
    if value is None:
        return
    node = parent.add("RmtInf")
    if node is None:
        return
    node.texts("Ustrd", value.unstructured)
    for strd in value.structured:
        s = node.add("Strd")
        if s is None:
            continue
        if (
            strd.document_type
            or strd.document_number
            or strd.document_date
            or wants(strd.extras, "RfrdDocInf", "Strd")
        ):
            ref = s.add("RfrdDocInf")
            if ref is not None:
                if strd.document_type or wants(strd.extras, "Tp", "RfrdDocInf"):
                    tp = ref.add("Tp")
                    if tp is not None:
                        write_code(tp, "CdOrPrtry", strd.document_type)
                        tp.extras(strd.extras)
                ref.text("Nb", strd.document_number)
                _write_related_date(ref, strd.document_date)
                ref.extras(strd.extras)
        if (
            strd.creditor_reference
            or strd.creditor_reference_type
            or wants(strd.extras, "CdtrRefInf", "Strd")
        ):
            cref = s.add("CdtrRefInf")
            if cref is not None:
                if strd.creditor_reference_type or wants(strd.extras, "Tp", "CdtrRefInf"):
                    tp = cref.add("Tp")
                    if tp is not None:
                        write_code(tp, "CdOrPrtry", strd.creditor_reference_type)
                        tp.extras(strd.extras)
                cref.text("Ref", strd.creditor_reference)
                cref.extras(strd.extras)
        s.texts("AddtlRmtInf", strd.additional_info)
        s.extras(strd.extras)
    if value.extras:
        node.extras(value.extras)


def read_settlement(node: Node) -> SettlementInfo:
    method = node.text("SttlmMtd") or ""
    if node.complete():  # the usual lone settlement method
        return SettlementInfo(method, None, None, None, None, None, ())
    account_node = node.child("SttlmAcct")
    return SettlementInfo(
        method,
        read_account(account_node) if account_node else None,
        read_code(node, "ClrSys"),
        read_agent_account(node, "InstgRmbrsmntAgt", "InstgRmbrsmntAgtAcct"),
        read_agent_account(node, "InstdRmbrsmntAgt", "InstdRmbrsmntAgtAcct"),
        read_agent_account(node, "ThrdRmbrsmntAgt", "ThrdRmbrsmntAgtAcct"),
        node.extras(),
    )


def write_settlement(parent: WNode, value: SettlementInfo | None) -> None:
    if value is None:
        return
    node = parent.add("SttlmInf")
    if node is None:
        return
    node.text("SttlmMtd", value.method)
    if (  # the usual lone settlement method: skip five calls that would write nothing
        value.account is None
        and value.clearing_system is None
        and value.instructing_reimbursement is None
        and value.instructed_reimbursement is None
        and value.third_reimbursement is None
        and not value.extras
    ):
        return
    write_account(node, "SttlmAcct", value.account)
    write_code(node, "ClrSys", value.clearing_system)
    write_agent_account(node, "InstgRmbrsmntAgt", "InstgRmbrsmntAgtAcct", value.instructing_reimbursement)
    write_agent_account(node, "InstdRmbrsmntAgt", "InstdRmbrsmntAgtAcct", value.instructed_reimbursement)
    write_agent_account(node, "ThrdRmbrsmntAgt", "ThrdRmbrsmntAgtAcct", value.third_reimbursement)
    node.extras(value.extras)


_HEADER_NODES = {"SttlmInf": 0, "InitgPty": 1, "InstgAgt": 2, "InstdAgt": 3}


def read_group_header(node: Node) -> GroupHeader:
    """GrpHdr of pacs/pain messages (members absent in a message type simply stay None).

    Members are read in the order their value errors are reported; the optional
    ones only while children are left over (a typical header has four).
    """
    sttlm_node, initiating, instg, instd = node.pick(_HEADER_NODES, 4)
    msg_id = node.text("MsgId") or ""
    creation = node.timestamp("CreDtTm")
    nb = node.text("NbOfTxs")
    batch = ctrl = total = sttlm_date = None
    if not node.complete():
        batch = node.boolean("BtchBookg")
        ctrl = node.decimal("CtrlSum")
        total = node.amount("TtlIntrBkSttlmAmt")
        sttlm_date = node.date("IntrBkSttlmDt")
    settlement = read_settlement(sttlm_node) if sttlm_node else None
    return GroupHeader(
        msg_id,
        creation,
        nb,
        ctrl,
        total,
        sttlm_date,
        settlement,
        read_agent(instg) if instg else None,
        read_agent(instd) if instd else None,
        read_party(initiating) if initiating else None,
        batch,
        node.extras(),
    )


def write_group_header(parent: WNode, value: GroupHeader) -> None:
    node = parent.add("GrpHdr")
    if node is None:
        return
    node.text("MsgId", value.message_id)
    node.timestamp("CreDtTm", value.creation)
    if value.batch_booking is not None:  # (guards: a call costs more than the test)
        node.boolean("BtchBookg", value.batch_booking)
    node.text("NbOfTxs", value.number_of_transactions)
    if value.control_sum is not None:
        node.decimal("CtrlSum", value.control_sum)
    if value.total_settlement_amount is not None:
        node.amount("TtlIntrBkSttlmAmt", value.total_settlement_amount)
    if value.settlement_date is not None:
        node.date("IntrBkSttlmDt", value.settlement_date)
    write_settlement(node, value.settlement)
    if value.initiating_party is not None:
        write_party(node, "InitgPty", value.initiating_party)
    if value.instructing_agent is not None:
        write_agent(node, "InstgAgt", value.instructing_agent)
    if value.instructed_agent is not None:
        write_agent(node, "InstdAgt", value.instructed_agent)
    if value.extras:
        node.extras(value.extras)
