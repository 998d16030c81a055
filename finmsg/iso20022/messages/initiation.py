"""pain.001 customer credit transfer initiation ↔ :class:`PaymentInitiation`.

The message is a group header plus payment-information batches (``PmtInf``);
each batch carries the debtor side once and a list of ``CdtTrfTxInf``. The
shared blocks (parties, agents, accounts, payment type, remittance, group
header) come from :mod:`finmsg.iso20022.components`; this module only knows
the pain.001 layout: which members a batch and a transaction have, in which
schema order, and the two choices that differ from pacs (``ReqdExctnDt`` is
``Dt | DtTm`` since version 09, and ``Amt`` is ``InstdAmt | EqvtAmt``).
Everything not mapped here (``EqvtAmt``, ``XchgRateInf``, ``ChqInstr``,
``RgltryRptg``, ``Tax``, ...) travels as extras and is put back by the writer.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
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
from finmsg.iso20022.components.payment import (
    read_group_header,
    read_instructions,
    read_payment_ids,
    read_payment_type,
    read_remittance,
    write_group_header,
    write_instructions,
    write_payment_ids,
    write_payment_type,
    write_remittance,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import Account, Agent, Extra, Party
from finmsg.model.initiation import PaymentInitiation, PaymentInstruction
from finmsg.model.payments import AppHeader, CreditTransferTx

__all__ = ["CODECS", "read_initiation", "write_initiation"]

_ROOT = "CstmrCdtTrfInitn"
_INTERMEDIARIES = ("IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3")


def _opt_party(node: Node, name: str) -> Party | None:
    sub = node.child(name)
    return read_party(sub) if sub else None


def _opt_agent(node: Node, name: str) -> Agent | None:
    sub = node.child(name)
    return read_agent(sub) if sub else None


def _opt_account(node: Node, name: str) -> Account | None:
    sub = node.child(name)
    return read_account(sub) if sub else None


def read_transaction(node: Node) -> CreditTransferTx:
    """One ``CdtTrfTxInf`` of a batch. ``EqvtAmt`` stays an extra under ``Amt``."""
    extras: list[Extra] = []
    ids = read_payment_ids(node)
    ptp = node.child("PmtTpInf")
    payment_type = read_payment_type(ptp) if ptp else None
    instructed = None
    amt = node.child("Amt")
    if amt is not None:
        instructed = amt.amount("InstdAmt")
        extras.extend(amt.extras())
    bearer = node.text("ChrgBr")
    ultimate_debtor = _opt_party(node, "UltmtDbtr")
    chain = (read_agent_account(node, name, f"{name}Acct") for name in _INTERMEDIARIES)
    intermediaries = tuple(entry for entry in chain if entry is not None)
    creditor_agent, creditor_agent_account = _opt_agent(node, "CdtrAgt"), _opt_account(node, "CdtrAgtAcct")
    creditor, creditor_account = _opt_party(node, "Cdtr"), _opt_account(node, "CdtrAcct")
    ultimate_creditor = _opt_party(node, "UltmtCdtr")
    for_creditor_agent = read_instructions(node, "InstrForCdtrAgt")
    purpose = read_code(node, "Purp")
    rmt = node.child("RmtInf")
    remittance = read_remittance(rmt) if rmt else None
    extras.extend(node.extras())
    return CreditTransferTx(
        ids=ids,
        payment_type=payment_type,
        instructed_amount=instructed,
        charge_bearer=bearer,
        intermediary_agents=intermediaries,
        ultimate_debtor=ultimate_debtor,
        creditor_agent=creditor_agent,
        creditor_agent_account=creditor_agent_account,
        creditor=creditor,
        creditor_account=creditor_account,
        ultimate_creditor=ultimate_creditor,
        instructions_for_creditor_agent=for_creditor_agent,
        purpose=purpose,
        remittance=remittance,
        extras=tuple(extras),
    )


def read_batch(node: Node) -> PaymentInstruction:
    """One ``PmtInf``: the debtor side, then its transactions."""
    extras: list[Extra] = []
    info_id, method = node.text("PmtInfId") or "", node.text("PmtMtd") or ""
    batch_booking = node.boolean("BtchBookg")
    count, control_sum = node.text("NbOfTxs"), node.decimal("CtrlSum")
    ptp = node.child("PmtTpInf")
    payment_type = read_payment_type(ptp) if ptp else None
    exec_datetime = None
    exec_date = node.date("ReqdExctnDt")  # a plain ISODate in the oldest versions
    choice = node.child("ReqdExctnDt") if exec_date is None else None
    if choice is not None:  # the Dt | DtTm choice
        exec_date, exec_datetime = choice.date("Dt"), choice.timestamp("DtTm")
        extras.extend(choice.extras())
    debtor, debtor_account = _opt_party(node, "Dbtr"), _opt_account(node, "DbtrAcct")
    debtor_agent, debtor_agent_account = _opt_agent(node, "DbtrAgt"), _opt_account(node, "DbtrAgtAcct")
    for_debtor_agent = node.text("InstrForDbtrAgt")
    ultimate_debtor = _opt_party(node, "UltmtDbtr")
    bearer = node.text("ChrgBr")
    charges_account, charges_agent = _opt_account(node, "ChrgsAcct"), _opt_agent(node, "ChrgsAcctAgt")
    transactions = tuple(read_transaction(tx) for tx in node.children("CdtTrfTxInf"))
    extras.extend(node.extras())
    return PaymentInstruction(
        payment_info_id=info_id,
        method=method,
        batch_booking=batch_booking,
        number_of_transactions=count,
        control_sum=control_sum,
        payment_type=payment_type,
        requested_execution_date=exec_date,
        requested_execution_datetime=exec_datetime,
        debtor=debtor,
        debtor_account=debtor_account,
        debtor_agent=debtor_agent,
        debtor_agent_account=debtor_agent_account,
        instruction_for_debtor_agent=for_debtor_agent,
        ultimate_debtor=ultimate_debtor,
        charge_bearer=bearer,
        charges_account=charges_account,
        charges_account_agent=charges_agent,
        transactions=transactions,
        extras=tuple(extras),
    )


def read_initiation(root: Node, message_id: str, header: AppHeader | None) -> PaymentInitiation:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    grp = body.child("GrpHdr")
    if grp is None:
        raise ParseError(f"{message_id} has no GrpHdr", code="iso.structure", path=f"{body.path}/GrpHdr")
    group_header = read_group_header(grp)
    payments = tuple(read_batch(batch) for batch in body.children("PmtInf"))
    return PaymentInitiation(
        message_type=message_id,
        family="iso20022",
        group_header=group_header,
        payments=payments,
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_transaction(node: WNode, tx: CreditTransferTx) -> None:
    """The members of a pain.001 ``CdtTrfTxInf`` in schema order (extras at their schema place)."""
    write_payment_ids(node, tx.ids)
    write_payment_type(node, tx.payment_type)
    if tx.instructed_amount is not None or wants(tx.extras, "Amt"):
        amt = node.add("Amt", str(tx.instructed_amount) if tx.instructed_amount else None)
        if amt is not None:
            amt.amount("InstdAmt", tx.instructed_amount)
            amt.extras(tx.extras)
    node.text("ChrgBr", tx.charge_bearer)
    write_party(node, "UltmtDbtr", tx.ultimate_debtor)
    for name, entry in zip(_INTERMEDIARIES, tx.intermediary_agents, strict=False):
        write_agent_account(node, name, f"{name}Acct", entry)
    write_agent(node, "CdtrAgt", tx.creditor_agent)
    write_account(node, "CdtrAgtAcct", tx.creditor_agent_account)
    write_party(node, "Cdtr", tx.creditor)
    write_account(node, "CdtrAcct", tx.creditor_account)
    write_party(node, "UltmtCdtr", tx.ultimate_creditor)
    write_instructions(node, "InstrForCdtrAgt", tx.instructions_for_creditor_agent)
    write_code(node, "Purp", tx.purpose)
    write_remittance(node, tx.remittance)
    node.extras(tx.extras)
    _report_unwritable(node, tx)


def _report_unwritable(node: WNode, tx: CreditTransferTx) -> None:
    """A transaction read from pacs has members pain.001 cannot carry: say so, never drop silently."""
    unwritable = {
        "IntrBkSttlmAmt": tx.settlement_amount,
        "IntrBkSttlmDt": tx.settlement_date,
        "Dbtr": tx.debtor,
        "DbtrAcct": tx.debtor_account,
        "DbtrAgt": tx.debtor_agent,
        "InstgAgt": tx.instructing_agent,
        "InstdAgt": tx.instructed_agent,
        "UndrlygCstmrCdtTrf": tx.underlying,
    }
    for name, value in unwritable.items():
        if value is not None:
            node.ctx.dropped(node.path, name, str(value))
    if len(tx.intermediary_agents) > len(_INTERMEDIARIES):
        node.ctx.dropped(node.path, "IntrmyAgt4", str(tx.intermediary_agents[3]))


def _write_exec_date(node: WNode, batch: PaymentInstruction) -> None:
    decl = node.type.child("ReqdExctnDt") if node.type is not None else None
    if decl is not None and decl.type.is_simple:  # up to pain.001.001.07: a plain ISODate
        stamp = batch.requested_execution_datetime
        if batch.requested_execution_date is None and stamp is not None:
            # the element is mandatory: keep the date, report the lost time of day
            node.date("ReqdExctnDt", stamp.value.date())
            node.ctx.diagnostics.append(
                Diagnostic(
                    "lossy.truncated",
                    Severity.WARNING,
                    f"{node.ctx.message_id} has no execution date-time; only the date is written",
                    path=f"{node.path}/ReqdExctnDt/DtTm",
                    target_path=f"{node.path}/ReqdExctnDt",
                    rule="V002",
                    original=stamp.text,
                    emitted=stamp.value.date().isoformat(),
                )
            )
            return
        node.date("ReqdExctnDt", batch.requested_execution_date)
        return
    wanted = batch.requested_execution_date or batch.requested_execution_datetime
    if wanted is None and not wants(batch.extras, "ReqdExctnDt"):
        return
    choice = node.add("ReqdExctnDt")
    if choice is not None:
        choice.date("Dt", batch.requested_execution_date)
        choice.timestamp("DtTm", batch.requested_execution_datetime)
        choice.extras(batch.extras)


def write_batch(node: WNode, batch: PaymentInstruction) -> None:
    """The members of a ``PmtInf`` in schema order."""
    node.text("PmtInfId", batch.payment_info_id)
    node.text("PmtMtd", batch.method)
    node.boolean("BtchBookg", batch.batch_booking)
    node.text("NbOfTxs", batch.number_of_transactions)
    node.decimal("CtrlSum", batch.control_sum)
    write_payment_type(node, batch.payment_type)
    _write_exec_date(node, batch)
    write_party(node, "Dbtr", batch.debtor)
    write_account(node, "DbtrAcct", batch.debtor_account)
    write_agent(node, "DbtrAgt", batch.debtor_agent)
    write_account(node, "DbtrAgtAcct", batch.debtor_agent_account)
    node.text("InstrForDbtrAgt", batch.instruction_for_debtor_agent)
    write_party(node, "UltmtDbtr", batch.ultimate_debtor)
    node.text("ChrgBr", batch.charge_bearer)
    write_account(node, "ChrgsAcct", batch.charges_account)
    write_agent(node, "ChrgsAcctAgt", batch.charges_account_agent)
    for tx in batch.transactions:
        tx_node = node.add("CdtTrfTxInf")
        if tx_node is not None:
            write_transaction(tx_node, tx)
    node.extras(batch.extras)


def write_initiation(doc: WNode, message: PaymentInitiation) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    write_group_header(body, message.group_header)
    for batch in message.payments:
        node = body.add("PmtInf")
        if node is not None:
            write_batch(node, batch)
    body.extras(message.extras)
    doc.extras(message.extras)


#: Versions whose layout this mapping follows, each with a vendored XSD and covered
#: by a conversion test. Up to version 07 ``ReqdExctnDt`` is a plain date
#: (``_write_exec_date``); element renames (``BIC``/``BICFI``...) are handled by
#: the shared components.
VERSIONS = ("pain.001.001.03", *(f"pain.001.001.{v:02d}" for v in range(4, 14)))

CODECS = (
    MessageCodec(
        "pain.001",
        _ROOT,
        PaymentInitiation,
        read_initiation,
        write_initiation,
        VERSIONS,
        "pain.001.001.09",
    ),
)
