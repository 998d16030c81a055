"""pacs.008 (customer) and pacs.009 (FI, COV, ADV) credit transfers ↔ :class:`CreditTransfer`.

Both messages share one transaction shape; pacs.009 has agents where pacs.008
has parties, and its COV usage nests the underlying customer transfer.
"""

from __future__ import annotations

from finmsg.iso20022 import transfers_fast
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.parties import (
    read_account,
    read_agent,
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


#: The complex members of a transaction, found in one pass (:meth:`Node.pick`): a
#: transaction allows some 40 members, a real one has 10-20, and probing each name in
#: turn was a large part of reading it. Order = the unpacking in :func:`read_transaction`.
_TX_MEMBERS = (
    "PmtTpInf",
    "InstgAgt",
    "InstdAgt",
    "UltmtDbtr",
    "InitgPty",
    "Dbtr",
    "DbtrAcct",
    "DbtrAgt",
    "DbtrAgtAcct",
    "CdtrAgt",
    "CdtrAgtAcct",
    "Cdtr",
    "CdtrAcct",
    "UltmtCdtr",
    "RmtInf",
    "UndrlygCstmrCdtTrf",
    "PrvsInstgAgt1",
    "PrvsInstgAgt2",
    "PrvsInstgAgt3",
    "IntrmyAgt1",
    "IntrmyAgt2",
    "IntrmyAgt3",
)
_TX_SLOTS = {name: index for index, name in enumerate(_TX_MEMBERS)}


def _party_or_agent(sub: Node | None, fi: bool) -> Party | Agent | None:
    if sub is None:
        return None
    return read_agent(sub) if fi else read_party(sub)


def _opt_account(sub: Node | None) -> Account | None:
    return read_account(sub) if sub else None


def _opt_agent(sub: Node | None) -> Agent | None:
    return read_agent(sub) if sub else None


def _chain(node: Node, prefix: str, agents: list[Node | None]) -> tuple[AgentAccount, ...]:
    """Numbered agents (``PrvsInstgAgt1``..3) with their accounts, each account only beside its agent."""
    if agents == [None, None, None]:
        return ()
    out = []
    for n, agent in zip(_NUMBERED, agents, strict=True):
        if agent is not None:
            account = node.child(f"{prefix}{n}Acct")
            out.append(AgentAccount(read_agent(agent), read_account(account) if account else None))
    return tuple(out)


def read_transaction(node: Node, fi: bool) -> CreditTransferTx:
    """Read a CdtTrfTxInf (or UndrlygCstmrCdtTrf, with ``fi=False``)."""
    ids = read_payment_ids(node)
    members = node.pick(_TX_SLOTS, len(_TX_MEMBERS))
    ptp = members[0]
    payment_type = read_payment_type(ptp) if ptp else None
    amount, sttlm_date = node.amount("IntrBkSttlmAmt"), node.date("IntrBkSttlmDt")
    priority = node.text("SttlmPrty")
    instructed, rate = node.amount("InstdAmt"), node.decimal("XchgRate")
    bearer, charges = node.text("ChrgBr"), read_charges(node)
    previous = _chain(node, "PrvsInstgAgt", members[16:19])
    instg, instd = _opt_agent(members[1]), _opt_agent(members[2])
    intermediaries = _chain(node, "IntrmyAgt", members[19:22])
    ultimate_debtor = _party_or_agent(members[3], fi)
    initiating = members[4]
    debtor = _party_or_agent(members[5], fi)
    debtor_account = _opt_account(members[6])
    debtor_agent, debtor_agent_account = _opt_agent(members[7]), _opt_account(members[8])
    creditor_agent, creditor_agent_account = _opt_agent(members[9]), _opt_account(members[10])
    creditor = _party_or_agent(members[11], fi)
    creditor_account = _opt_account(members[12])
    ultimate_creditor = _party_or_agent(members[13], fi)
    for_creditor_agent = read_instructions(node, "InstrForCdtrAgt")
    for_next_agent = read_instructions(node, "InstrForNxtAgt")
    purpose = read_code(node, "Purp")
    rmt = members[14]
    remittance = read_remittance(rmt) if rmt else None
    und = members[15]
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
    fi = family == "pacs.009"
    # The one-pass lane first: it maps the usual shapes and hands each transaction (or the
    # header) it declines to the general readers below; None: the body itself is unusual.
    fast = transfers_fast.map_transfer_body(
        body.el, body.path, body.ctx, fi, read_transaction, read_group_header
    )
    if fast is not None:
        group_header, txs = fast
        extras = root.extras()  # the lane took every child of the body
    else:
        grp = body.child("GrpHdr")
        group_header = read_group_header(grp) if grp else read_group_header(body)
        txs = tuple(read_transaction(tx, fi) for tx in body.children("CdtTrfTxInf"))
        extras = body.extras() + root.extras()
    return CreditTransfer(
        message_type=message_id,
        family="iso20022",
        variant=_variant(family, header, txs),
        group_header=group_header,
        transactions=txs,
        header=header,
        extras=extras,
    )


def _write_chain(node: WNode, prefix: str, chain: tuple[AgentAccount, ...]) -> None:
    for n, entry in zip(_NUMBERED, chain, strict=False):
        write_agent_account(node, f"{prefix}{n}", f"{prefix}{n}Acct", entry)
    # The schema numbers three agents; a longer chain (built in code) is named, never cut silently.
    for number, entry in enumerate(chain[len(_NUMBERED) :], start=len(_NUMBERED) + 1):
        node.ctx.dropped(node.path, f"{prefix}{number}", entry.agent.bic or entry.agent.name)


def write_transaction(node: WNode, tx: CreditTransferTx) -> None:
    """Write the members of a transaction in the pacs.008/pacs.009 schema order."""
    # The name test first: building an empty PaymentIds to compare with is only needed under
    # UndrlygCstmrCdtTrf. Members that are usually absent are tested here rather than by a
    # call that would return at once: this runs for every transaction written.
    if node.name != "UndrlygCstmrCdtTrf" or tx.ids != tx.ids.__class__():
        write_payment_ids(node, tx.ids)
    write_payment_type(node, tx.payment_type)
    node.amount("IntrBkSttlmAmt", tx.settlement_amount)
    node.date("IntrBkSttlmDt", tx.settlement_date)
    if tx.settlement_priority is not None:
        node.text("SttlmPrty", tx.settlement_priority)
    node.amount("InstdAmt", tx.instructed_amount)
    if tx.exchange_rate is not None:
        node.decimal("XchgRate", tx.exchange_rate)
    node.text("ChrgBr", tx.charge_bearer)
    if tx.charges:
        write_charges(node, tx.charges)
    if tx.previous_instructing_agents:
        _write_chain(node, "PrvsInstgAgt", tx.previous_instructing_agents)
    write_agent(node, "InstgAgt", tx.instructing_agent)
    write_agent(node, "InstdAgt", tx.instructed_agent)
    if tx.intermediary_agents:
        _write_chain(node, "IntrmyAgt", tx.intermediary_agents)
    if tx.ultimate_debtor is not None:
        write_party(node, "UltmtDbtr", tx.ultimate_debtor)
    if tx.initiating_party is not None:
        write_party(node, "InitgPty", tx.initiating_party)
    write_party(node, "Dbtr", tx.debtor)
    write_account(node, "DbtrAcct", tx.debtor_account)
    write_agent(node, "DbtrAgt", tx.debtor_agent)
    if tx.debtor_agent_account is not None:
        write_account(node, "DbtrAgtAcct", tx.debtor_agent_account)
    write_agent(node, "CdtrAgt", tx.creditor_agent)
    if tx.creditor_agent_account is not None:
        write_account(node, "CdtrAgtAcct", tx.creditor_agent_account)
    write_party(node, "Cdtr", tx.creditor)
    write_account(node, "CdtrAcct", tx.creditor_account)
    if tx.ultimate_creditor is not None:
        write_party(node, "UltmtCdtr", tx.ultimate_creditor)
    if tx.instructions_for_creditor_agent:
        write_instructions(node, "InstrForCdtrAgt", tx.instructions_for_creditor_agent)
    if tx.instructions_for_next_agent:
        write_instructions(node, "InstrForNxtAgt", tx.instructions_for_next_agent)
    write_code(node, "Purp", tx.purpose)
    write_remittance(node, tx.remittance)
    if tx.underlying is not None:
        und = node.add("UndrlygCstmrCdtTrf")
        if und is not None:
            write_transaction(und, tx.underlying)
            und.sort()
    if tx.extras:
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
    if message.extras:
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
