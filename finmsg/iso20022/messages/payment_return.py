"""pacs.004 payment return ↔ :class:`PaymentReturn`.

A return sends settled funds back along the chain: each TxInf names the original
transaction (shared ``Orgnl*`` block), the returned amount, the return reasons and
the parties of the return (RtrChain, where the original creditor is the debtor).
"""

from __future__ import annotations

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.exceptions import (
    GroupNames,
    opt_account,
    opt_agent,
    read_original_group,
    read_original_ref,
    read_party_choice,
    read_reasons,
    write_original_details,
    write_original_group,
    write_original_ids,
    write_original_settlement,
    write_party_choice,
    write_reasons,
)
from finmsg.iso20022.components.parties import (
    read_agent_account,
    write_account,
    write_agent,
    write_agent_account,
)
from finmsg.iso20022.components.payment import (
    read_charges,
    read_group_header,
    write_charges,
    write_group_header,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.exceptions import PaymentReturn, ReturnChain, ReturnTx
from finmsg.model.payments import AgentAccount, AppHeader

__all__ = ["read_payment_return", "write_payment_return"]

_ROOT = "PmtRtr"
_GROUP = GroupNames(reasons="RtrRsnInf")
_NUMBERED = ("1", "2", "3")


def _chain(node: Node, prefix: str) -> tuple[AgentAccount, ...]:
    found = (read_agent_account(node, f"{prefix}{n}", f"{prefix}{n}Acct") for n in _NUMBERED)
    return tuple(a for a in found if a is not None)


def _write_chain(node: WNode, prefix: str, chain: tuple[AgentAccount, ...]) -> None:
    for n, entry in zip(_NUMBERED, chain, strict=False):
        write_agent_account(node, f"{prefix}{n}", f"{prefix}{n}Acct", entry)


def read_return_chain(node: Node) -> ReturnChain:
    return ReturnChain(
        ultimate_debtor=read_party_choice(node, "UltmtDbtr"),
        debtor=read_party_choice(node, "Dbtr"),
        debtor_account=opt_account(node, "DbtrAcct"),
        initiating_party=read_party_choice(node, "InitgPty"),
        debtor_agent=opt_agent(node, "DbtrAgt"),
        debtor_agent_account=opt_account(node, "DbtrAgtAcct"),
        previous_instructing_agents=_chain(node, "PrvsInstgAgt"),
        intermediary_agents=_chain(node, "IntrmyAgt"),
        creditor_agent=opt_agent(node, "CdtrAgt"),
        creditor_agent_account=opt_account(node, "CdtrAgtAcct"),
        creditor=read_party_choice(node, "Cdtr"),
        creditor_account=opt_account(node, "CdtrAcct"),
        ultimate_creditor=read_party_choice(node, "UltmtCdtr"),
        extras=node.extras(),
    )


def write_return_chain(parent: WNode, chain: ReturnChain | None) -> None:
    if chain is None:
        return
    node = parent.add("RtrChain")
    if node is None:
        return
    write_party_choice(node, "UltmtDbtr", chain.ultimate_debtor)
    write_party_choice(node, "Dbtr", chain.debtor)
    write_account(node, "DbtrAcct", chain.debtor_account)
    write_party_choice(node, "InitgPty", chain.initiating_party)
    write_agent(node, "DbtrAgt", chain.debtor_agent)
    write_account(node, "DbtrAgtAcct", chain.debtor_agent_account)
    _write_chain(node, "PrvsInstgAgt", chain.previous_instructing_agents)
    _write_chain(node, "IntrmyAgt", chain.intermediary_agents)
    write_agent(node, "CdtrAgt", chain.creditor_agent)
    write_account(node, "CdtrAgtAcct", chain.creditor_agent_account)
    write_party_choice(node, "Cdtr", chain.creditor)
    write_account(node, "CdtrAcct", chain.creditor_account)
    write_party_choice(node, "UltmtCdtr", chain.ultimate_creditor)
    node.extras(chain.extras)


def read_return_tx(node: Node) -> ReturnTx:
    return_id = node.text("RtrId")
    original = read_original_ref(node)
    chain = node.child("RtrChain")
    return ReturnTx(
        return_id=return_id,
        original=original,
        returned_amount=node.amount("RtrdIntrBkSttlmAmt"),
        settlement_date=node.date("IntrBkSttlmDt"),
        settlement_priority=node.text("SttlmPrty"),
        returned_instructed_amount=node.amount("RtrdInstdAmt"),
        exchange_rate=node.decimal("XchgRate"),
        compensation_amount=node.amount("CompstnAmt"),
        charge_bearer=node.text("ChrgBr"),
        charges=read_charges(node),
        clearing_system_ref=node.text("ClrSysRef"),
        instructing_agent=opt_agent(node, "InstgAgt"),
        instructed_agent=opt_agent(node, "InstdAgt"),
        return_chain=read_return_chain(chain) if chain else None,
        reasons=read_reasons(node, "RtrRsnInf"),
        extras=node.extras(),
    )


def write_return_tx(node: WNode, tx: ReturnTx) -> None:
    """Members in pacs.004 TxInf schema order."""
    node.text("RtrId", tx.return_id)
    write_original_ids(node, tx.original)
    write_original_settlement(node, tx.original)
    node.amount("RtrdIntrBkSttlmAmt", tx.returned_amount)
    node.date("IntrBkSttlmDt", tx.settlement_date)
    node.text("SttlmPrty", tx.settlement_priority)
    node.amount("RtrdInstdAmt", tx.returned_instructed_amount)
    node.decimal("XchgRate", tx.exchange_rate)
    node.amount("CompstnAmt", tx.compensation_amount)
    node.text("ChrgBr", tx.charge_bearer)
    write_charges(node, tx.charges)
    node.text("ClrSysRef", tx.clearing_system_ref)
    write_agent(node, "InstgAgt", tx.instructing_agent)
    write_agent(node, "InstdAgt", tx.instructed_agent)
    write_return_chain(node, tx.return_chain)
    write_reasons(node, "RtrRsnInf", tx.reasons)
    write_original_details(node, tx.original.details)
    node.extras(tx.extras)


def read_payment_return(root: Node, message_id: str, header: AppHeader | None) -> PaymentReturn:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    grp = body.child("GrpHdr")
    group_header = read_group_header(grp) if grp else read_group_header(body)
    org = body.child("OrgnlGrpInf")
    return PaymentReturn(
        message_type=message_id,
        family="iso20022",
        group_header=group_header,
        original_group=read_original_group(org, _GROUP) if org else None,
        transactions=tuple(read_return_tx(tx) for tx in body.children("TxInf")),
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_payment_return(doc: WNode, message: PaymentReturn) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    write_group_header(body, message.group_header)
    write_original_group(body, "OrgnlGrpInf", _GROUP, message.original_group)
    for tx in message.transactions:
        node = body.add("TxInf")
        if node is not None:
            write_return_tx(node, tx)
    body.extras(message.extras)
    doc.extras(message.extras)


CODECS = (
    MessageCodec(
        "pacs.004",
        _ROOT,
        PaymentReturn,
        read_payment_return,
        write_payment_return,
        ("pacs.004.001.09", "pacs.004.001.14"),
        "pacs.004.001.09",
    ),
)
