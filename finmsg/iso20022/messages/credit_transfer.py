"""pacs.008 (customer) and pacs.009 (FI, COV, ADV) credit transfers ↔ :class:`CreditTransfer`.

Both messages share one transaction shape; pacs.009 has agents where pacs.008
has parties, and its COV usage nests the underlying customer transfer.
"""

from __future__ import annotations

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
    read_charges,
    read_group_header,
    read_instructions,
    read_payment_ids,
    read_payment_type,
    read_remittance,
    write_charges,
    write_group_header,
    write_instructions,
    write_payment_ids,
    write_payment_type,
    write_remittance,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.common import Account, Agent, Party
from finmsg.model.payments import AgentAccount, AppHeader, CreditTransfer, CreditTransferTx

__all__ = ["read_credit_transfer", "write_credit_transfer"]

_ROOTS = {"pacs.008": "FIToFICstmrCdtTrf", "pacs.009": "FICdtTrf"}
_NUMBERED = ("1", "2", "3")


def _party_or_agent(node: Node, name: str, fi: bool) -> Party | Agent | None:
    sub = node.child(name)
    if sub is None:
        return None
    return read_agent(sub) if fi else read_party(sub)


def _opt_account(node: Node, name: str) -> Account | None:
    sub = node.child(name)
    return read_account(sub) if sub else None


def _opt_agent(node: Node, name: str) -> Agent | None:
    sub = node.child(name)
    return read_agent(sub) if sub else None


def _chain(node: Node, prefix: str) -> tuple[AgentAccount, ...]:
    found = (read_agent_account(node, f"{prefix}{n}", f"{prefix}{n}Acct") for n in _NUMBERED)
    return tuple(a for a in found if a is not None)


def read_transaction(node: Node, fi: bool) -> CreditTransferTx:
    """Read a CdtTrfTxInf (or UndrlygCstmrCdtTrf, with ``fi=False``)."""
    ids = read_payment_ids(node)
    ptp = node.child("PmtTpInf")
    payment_type = read_payment_type(ptp) if ptp else None
    amount, sttlm_date = node.amount("IntrBkSttlmAmt"), node.date("IntrBkSttlmDt")
    priority = node.text("SttlmPrty")
    instructed, rate = node.amount("InstdAmt"), node.decimal("XchgRate")
    bearer, charges = node.text("ChrgBr"), read_charges(node)
    previous = _chain(node, "PrvsInstgAgt")
    instg, instd = _opt_agent(node, "InstgAgt"), _opt_agent(node, "InstdAgt")
    intermediaries = _chain(node, "IntrmyAgt")
    ultimate_debtor = _party_or_agent(node, "UltmtDbtr", fi)
    initiating = node.child("InitgPty")
    debtor = _party_or_agent(node, "Dbtr", fi)
    debtor_account = _opt_account(node, "DbtrAcct")
    debtor_agent, debtor_agent_account = _opt_agent(node, "DbtrAgt"), _opt_account(node, "DbtrAgtAcct")
    creditor_agent, creditor_agent_account = _opt_agent(node, "CdtrAgt"), _opt_account(node, "CdtrAgtAcct")
    creditor = _party_or_agent(node, "Cdtr", fi)
    creditor_account = _opt_account(node, "CdtrAcct")
    ultimate_creditor = _party_or_agent(node, "UltmtCdtr", fi)
    for_creditor_agent = read_instructions(node, "InstrForCdtrAgt")
    for_next_agent = read_instructions(node, "InstrForNxtAgt")
    purpose = read_code(node, "Purp")
    rmt = node.child("RmtInf")
    remittance = read_remittance(rmt) if rmt else None
    und = node.child("UndrlygCstmrCdtTrf")
    underlying = read_transaction(und, fi=False) if und else None
    return CreditTransferTx(
        ids=ids,
        payment_type=payment_type,
        settlement_amount=amount,
        settlement_date=sttlm_date,
        settlement_priority=priority,
        instructed_amount=instructed,
        exchange_rate=rate,
        charge_bearer=bearer,
        charges=charges,
        previous_instructing_agents=previous,
        instructing_agent=instg,
        instructed_agent=instd,
        intermediary_agents=intermediaries,
        ultimate_debtor=ultimate_debtor,  # type: ignore[arg-type]
        initiating_party=read_party(initiating) if initiating else None,
        debtor=debtor,
        debtor_account=debtor_account,
        debtor_agent=debtor_agent,
        debtor_agent_account=debtor_agent_account,
        creditor_agent=creditor_agent,
        creditor_agent_account=creditor_agent_account,
        creditor=creditor,
        creditor_account=creditor_account,
        ultimate_creditor=ultimate_creditor,  # type: ignore[arg-type]
        instructions_for_creditor_agent=for_creditor_agent,
        instructions_for_next_agent=for_next_agent,
        purpose=purpose,
        remittance=remittance,
        underlying=underlying,
        extras=node.extras(),
    )


def _variant(family: str, header: AppHeader | None, txs: tuple[CreditTransferTx, ...]) -> str:
    if family == "pacs.008":
        return "customer"
    service = (header.business_service or "") if header else ""
    if any(tx.underlying is not None for tx in txs) or ".cov" in service:
        return "cov"
    return "adv" if ".adv" in service else "core"


def read_credit_transfer(root: Node, message_id: str, header: AppHeader | None) -> CreditTransfer:
    family = message_id[:8]
    body = root.child(_ROOTS[family])
    if body is None:
        from finmsg.errors import ParseError

        raise ParseError(
            f"{message_id} Document has no {_ROOTS[family]}", code="iso.structure", path=root.path
        )
    grp = body.child("GrpHdr")
    group_header = read_group_header(grp) if grp else read_group_header(body)
    fi = family == "pacs.009"
    txs = tuple(read_transaction(tx, fi) for tx in body.children("CdtTrfTxInf"))
    return CreditTransfer(
        message_type=message_id,
        family="iso20022",
        variant=_variant(family, header, txs),
        group_header=group_header,
        transactions=txs,
        header=header,
        extras=body.extras() + root.extras(),
    )


def _write_chain(node: WNode, prefix: str, chain: tuple[AgentAccount, ...]) -> None:
    for n, entry in zip(_NUMBERED, chain, strict=False):
        write_agent_account(node, f"{prefix}{n}", f"{prefix}{n}Acct", entry)


def write_transaction(node: WNode, tx: CreditTransferTx) -> None:
    """Write the members of a transaction in the pacs.008/pacs.009 schema order."""
    if tx.ids != tx.ids.__class__() or node.name != "UndrlygCstmrCdtTrf":
        write_payment_ids(node, tx.ids)
    write_payment_type(node, tx.payment_type)
    node.amount("IntrBkSttlmAmt", tx.settlement_amount)
    node.date("IntrBkSttlmDt", tx.settlement_date)
    node.text("SttlmPrty", tx.settlement_priority)
    node.amount("InstdAmt", tx.instructed_amount)
    node.decimal("XchgRate", tx.exchange_rate)
    node.text("ChrgBr", tx.charge_bearer)
    write_charges(node, tx.charges)
    _write_chain(node, "PrvsInstgAgt", tx.previous_instructing_agents)
    write_agent(node, "InstgAgt", tx.instructing_agent)
    write_agent(node, "InstdAgt", tx.instructed_agent)
    _write_chain(node, "IntrmyAgt", tx.intermediary_agents)
    write_party(node, "UltmtDbtr", tx.ultimate_debtor)
    write_party(node, "InitgPty", tx.initiating_party)
    write_party(node, "Dbtr", tx.debtor)
    write_account(node, "DbtrAcct", tx.debtor_account)
    write_agent(node, "DbtrAgt", tx.debtor_agent)
    write_account(node, "DbtrAgtAcct", tx.debtor_agent_account)
    write_agent(node, "CdtrAgt", tx.creditor_agent)
    write_account(node, "CdtrAgtAcct", tx.creditor_agent_account)
    write_party(node, "Cdtr", tx.creditor)
    write_account(node, "CdtrAcct", tx.creditor_account)
    write_party(node, "UltmtCdtr", tx.ultimate_creditor)
    write_instructions(node, "InstrForCdtrAgt", tx.instructions_for_creditor_agent)
    write_instructions(node, "InstrForNxtAgt", tx.instructions_for_next_agent)
    write_code(node, "Purp", tx.purpose)
    write_remittance(node, tx.remittance)
    if tx.underlying is not None:
        und = node.add("UndrlygCstmrCdtTrf")
        if und is not None:
            write_transaction(und, tx.underlying)
            und.sort()
    node.extras(tx.extras)


def write_credit_transfer(doc: WNode, message: CreditTransfer) -> None:
    family = doc.ctx.message_id[:8]
    body = doc.add(_ROOTS[family])
    if body is None:
        return
    write_group_header(body, message.group_header)
    for tx in message.transactions:
        node = body.add("CdtTrfTxInf")
        if node is not None:
            write_transaction(node, tx)
    body.extras(message.extras)
    doc.extras(message.extras)


def _codec(family: str, versions: tuple[str, ...], default: str) -> MessageCodec:
    return MessageCodec(
        family, _ROOTS[family], CreditTransfer, read_credit_transfer, write_credit_transfer, versions, default
    )


CODECS = (
    _codec("pacs.008", tuple(f"pacs.008.001.{v:02d}" for v in range(2, 14)), "pacs.008.001.08"),
    _codec("pacs.009", ("pacs.009.001.08", "pacs.009.001.12"), "pacs.009.001.08"),
)
