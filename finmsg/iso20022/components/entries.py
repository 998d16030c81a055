"""Entries of camt.052/053/054 (``Ntry`` → ``NtryDtls`` → ``TxDtls``) and balances ↔ the model.

Shared by the three cash-management messages and by the streaming reader, which
maps one ``Ntry`` at a time. The mapping covers every schema version from .02 to
.14: where versions differ in shape (``Sts`` a bare code before .07, related
parties without the ``Pty | Agt`` choice before .07, ``Chrgs`` repeated per charge
in .02) the reader accepts both and the writer asks the target schema which one to
produce; charges are mapped by :mod:`finmsg.iso20022.components.charges`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.components.charges import read_charges, write_charges
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
from finmsg.iso20022.components.payment import read_remittance, write_remittance
from finmsg.iso20022.entries_fast import map_entry
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import Agent, Amount, Extra, Party
from finmsg.model.payments import CodeOrProprietary
from finmsg.model.statements import (
    Balance,
    BankTransactionCode,
    BatchInfo,
    DateOrDateTime,
    Entry,
    EntryDetails,
    ReturnInfo,
    TransactionDetails,
    TransactionReferences,
)

__all__ = [
    "read_balance",
    "read_date_choice",
    "read_each",
    "read_entry",
    "read_entry_general",
    "write_balance",
    "write_date_choice",
    "write_entry",
]

T = TypeVar("T")

# Refs members in schema order, as (element, model attribute).
_REFS = (
    ("MsgId", "message_id"),
    ("AcctSvcrRef", "account_servicer_ref"),
    ("PmtInfId", "payment_info_id"),
    ("InstrId", "instruction_id"),
    ("EndToEndId", "end_to_end_id"),
    ("UETR", "uetr"),
    ("TxId", "transaction_id"),
    ("MndtId", "mandate_id"),
    ("ChqNb", "cheque_number"),
    ("ClrSysRef", "clearing_system_ref"),
    ("AcctOwnrTxId", "account_owner_tx_id"),
    ("AcctSvcrTxId", "account_servicer_tx_id"),
    ("MktInfrstrctrTxId", "market_infrastructure_tx_id"),
    ("PrcgId", "processing_id"),
)
# RltdPties members mapped, in schema order (party choice or account).
_PARTIES = (
    ("InitgPty", "initiating_party"),
    ("Dbtr", "debtor"),
    ("DbtrAcct", "debtor_account"),
    ("UltmtDbtr", "ultimate_debtor"),
    ("Cdtr", "creditor"),
    ("CdtrAcct", "creditor_account"),
    ("UltmtCdtr", "ultimate_creditor"),
)
_AGENTS = (
    ("InstgAgt", "instructing_agent"),
    ("InstdAgt", "instructed_agent"),
    ("DbtrAgt", "debtor_agent"),
    ("CdtrAgt", "creditor_agent"),
)
_INTERMEDIARIES = ("IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3")


def read_each(
    node: Node, name: str, reader: Callable[[Node], T | None]
) -> tuple[tuple[T, ...], tuple[Extra, ...]]:
    """Read every child ``name``; one lacking a mandatory member is kept whole as an extra.

    Returns the mapped values and the extras to add to the owner (with an error
    diagnostic each), so a malformed balance or entry is reported, never lost.
    """
    values: list[T] = []
    kept: list[Extra] = []
    for sub in node.children(name):
        value = reader(sub)
        if value is None:
            node.ctx.diagnostics.append(
                Diagnostic(
                    "iso.structure.incomplete",
                    Severity.ERROR,
                    f"{name} lacks a mandatory member (or holds an unreadable value); kept unmapped",
                    path=sub.path,
                )
            )
            kept.append(
                Extra("iso20022", sub.path, etree.tostring(sub.el, encoding="unicode", with_tail=False))
            )
        else:
            values.append(value)
    return tuple(values), tuple(kept)


# --------------------------------------------------------------------------- small choices


def _date_choice(node: Node) -> DateOrDateTime | None:
    day, moment = node.date("Dt"), node.timestamp("DtTm")
    return None if day is None and moment is None else DateOrDateTime(day, moment)


def read_date_choice(node: Node, name: str) -> DateOrDateTime | None:
    """A ``DateAndDateTime2Choice`` child; kept as an extra unless fully understood."""
    return node.strict(name, _date_choice)


def write_date_choice(parent: WNode, name: str, value: DateOrDateTime | None) -> None:
    if value is None:
        return
    node = parent.add(name)
    if node is not None:
        node.date("Dt", value.date)
        node.timestamp("DtTm", value.date_time)


def _is_simple(parent: WNode, name: str) -> bool:
    """True when the target schema declares child ``name`` of ``parent`` as a plain code."""
    decl = parent.type.child(name) if parent.type is not None else None
    return decl is not None and decl.type.is_simple


def _has_choice(parent: WNode, name: str) -> bool:
    """True unless the target schema declares ``name`` as a party without the Pty/Agt choice."""
    decl = parent.type.child(name) if parent.type is not None else None
    return decl is None or decl.type.child("Pty") is not None


def _read_status(node: Node) -> CodeOrProprietary | None:
    """``Sts``: a bare code up to version .06, a ``Cd | Prtry`` choice from .07."""
    raw = node.text("Sts")
    if raw is not None:
        return CodeOrProprietary(raw)
    status = read_code(node, "Sts")
    return status if status is not None and status.value is not None else None


def _write_status(parent: WNode, status: CodeOrProprietary) -> None:
    if _is_simple(parent, "Sts"):
        if status.code is None:
            parent.ctx.dropped(parent.path, "Sts/Prtry", status.proprietary)
        parent.text("Sts", status.code)
    else:
        write_code(parent, "Sts", status)


# --------------------------------------------------------------------------- bank transaction code


def _read_btc(node: Node) -> BankTransactionCode:
    domain = family = subfamily = prtry = issuer = None
    extras: list[Extra] = []
    domn = node.child("Domn")
    if domn is not None:
        domain = domn.text("Cd")
        fmly = domn.child("Fmly")
        if fmly is not None:
            family, subfamily = fmly.text("Cd"), fmly.text("SubFmlyCd")
            extras.extend(fmly.extras())
        extras.extend(domn.extras())
    prop = node.child("Prtry")
    if prop is not None:
        prtry, issuer = prop.text("Cd"), prop.text("Issr")
        extras.extend(prop.extras())
    extras.extend(node.extras())
    return BankTransactionCode(domain, family, subfamily, prtry, issuer, tuple(extras))


def read_bank_tx_code(node: Node) -> BankTransactionCode | None:
    sub = node.child("BkTxCd")
    return _read_btc(sub) if sub is not None else None


def write_bank_tx_code(parent: WNode, value: BankTransactionCode | None) -> None:
    if value is None:
        return
    node = parent.add("BkTxCd")
    if node is None:
        return
    if value.domain is not None or value.family is not None or wants(value.extras, "Domn"):
        domn = node.add("Domn")
        if domn is not None:
            domn.text("Cd", value.domain)
            if value.family is not None or value.subfamily is not None or wants(value.extras, "Fmly"):
                fmly = domn.add("Fmly")
                if fmly is not None:
                    fmly.text("Cd", value.family)
                    fmly.text("SubFmlyCd", value.subfamily)
                    fmly.extras(value.extras)
            domn.extras(value.extras)
    if value.proprietary is not None or wants(value.extras, "Prtry"):
        prop = node.add("Prtry")
        if prop is not None:
            prop.text("Cd", value.proprietary)
            prop.text("Issr", value.proprietary_issuer)
            prop.extras(value.extras)
    node.extras(value.extras)


# --------------------------------------------------------------------------- balances


def read_balance(node: Node) -> Balance | None:
    """One ``Bal``; None when a mandatory member (type, amount, sign) is missing or unreadable."""
    extras: list[Extra] = []
    kind = subtype = None
    tp = node.child("Tp")
    if tp is not None:
        kind, subtype = read_code(tp, "CdOrPrtry"), read_code(tp, "SubTp")
        extras.extend(tp.extras())
    amount, sign = node.amount("Amt"), node.text("CdtDbtInd")
    day = read_date_choice(node, "Dt")
    if kind is None or amount is None or sign is None:
        return None
    extras.extend(node.extras())
    return Balance(kind, amount, sign, day, subtype, tuple(extras))


def write_balance(parent: WNode, value: Balance) -> None:
    node = parent.add("Bal", str(value.amount))
    if node is None:
        return
    tp = node.add("Tp")
    if tp is not None:
        write_code(tp, "CdOrPrtry", value.type)
        write_code(tp, "SubTp", value.subtype)
        tp.extras(value.extras)
    node.amount("Amt", value.amount)
    node.text("CdtDbtInd", value.credit_debit)
    write_date_choice(node, "Dt", value.date)
    node.extras(value.extras)


# --------------------------------------------------------------------------- transaction details


def _read_party_choice(node: Node, name: str, extras: list[Extra]) -> Party | Agent | None:
    sub = node.child(name)
    if sub is None:
        return None
    pty = sub.child("Pty")
    agt = sub.child("Agt") if pty is None else None  # both (invalid): Agt stays an extra, not lost
    if pty is None and agt is None:
        return read_party(sub)  # versions before .07: the party itself, no choice
    value: Party | Agent = read_party(pty) if pty is not None else read_agent(agt)  # type: ignore[arg-type]
    extras.extend(sub.extras())
    return value


def _write_party_choice(
    parent: WNode, name: str, value: Party | Agent | None, extras: tuple[Extra, ...]
) -> None:
    if value is None:
        return
    if not _has_choice(parent, name):
        write_party(parent, name, value)
        return
    node = parent.add(name)
    if node is not None:
        write_party(node, "Agt" if isinstance(value, Agent) else "Pty", value)
        node.extras(extras)


def _read_refs(node: Node, extras: list[Extra]) -> TransactionReferences | None:
    refs = node.child("Refs")
    if refs is None:
        return None
    values = {attr: refs.text(tag) for tag, attr in _REFS}
    extras.extend(refs.extras())
    return TransactionReferences(**values)


def _write_refs(parent: WNode, tx: TransactionDetails) -> None:
    if tx.refs is None and not wants(tx.extras, "Refs"):
        return
    node = parent.add("Refs")
    if node is None:
        return
    if tx.refs is not None:
        for tag, attr in _REFS:
            node.text(tag, getattr(tx.refs, attr))
    node.extras(tx.extras)


def _read_amount_details(node: Node, extras: list[Extra]) -> tuple[Amount | None, Amount | None]:
    details = node.child("AmtDtls")
    if details is None:
        return None, None
    found: list[Amount | None] = []
    for name in ("InstdAmt", "TxAmt"):
        sub = details.child(name)
        found.append(sub.amount("Amt") if sub is not None else None)
        if sub is not None:
            extras.extend(sub.extras())
    extras.extend(details.extras())
    return found[0], found[1]


def _write_amount_details(parent: WNode, tx: TransactionDetails) -> None:
    amounts = (("InstdAmt", tx.instructed_amount), ("TxAmt", tx.transaction_amount))
    if all(a is None for _, a in amounts) and not wants(tx.extras, "AmtDtls"):
        return
    node = parent.add("AmtDtls")
    if node is None:
        return
    for name, amount in amounts:
        if amount is not None or wants(tx.extras, name):
            sub = node.add(name)
            if sub is not None:
                sub.amount("Amt", amount)
                sub.extras(tx.extras)
    node.extras(tx.extras)


def _read_return(node: Node, extras: list[Extra]) -> ReturnInfo | None:
    sub = node.child("RtrInf")
    if sub is None:
        return None
    info = ReturnInfo(read_code(sub, "Rsn"), sub.texts("AddtlInf"))
    extras.extend(sub.extras())
    return info


def _read_transaction(node: Node) -> TransactionDetails:
    extras: list[Extra] = []
    refs = _read_refs(node, extras)
    amount, sign = node.amount("Amt"), node.text("CdtDbtInd")
    instructed, tx_amount = _read_amount_details(node, extras)
    btc = read_bank_tx_code(node)
    charges = read_charges(node)
    parties: dict[str, object] = {}
    rltd = node.child("RltdPties")
    if rltd is not None:
        for tag, attr in _PARTIES:
            if tag.endswith("Acct"):
                acct = rltd.child(tag)
                parties[attr] = read_account(acct) if acct is not None else None
            else:
                parties[attr] = _read_party_choice(rltd, tag, extras)
        extras.extend(rltd.extras())
    agents: dict[str, object] = {}
    intermediaries: list[Agent] = []
    agts = node.child("RltdAgts")
    if agts is not None:
        for tag, attr in _AGENTS:
            sub = agts.child(tag)
            agents[attr] = read_agent(sub) if sub is not None else None
        for tag in _INTERMEDIARIES:
            sub = agts.child(tag)
            if sub is None:
                break  # IntrmyAgt2 without IntrmyAgt1 stays an extra (not renumbered)
            intermediaries.append(read_agent(sub))
        extras.extend(agts.extras())
    local, purpose = read_code(node, "LclInstrm"), read_code(node, "Purp")
    rmt = node.child("RmtInf")
    dates = node.child("RltdDts")
    settlement = None
    if dates is not None:
        settlement = dates.date("IntrBkSttlmDt")
        extras.extend(dates.extras())
    return_info = _read_return(node, extras)
    info = node.text("AddtlTxInf")
    extras.extend(node.extras())
    return TransactionDetails(
        refs=refs,
        amount=amount,
        credit_debit=sign,
        instructed_amount=instructed,
        transaction_amount=tx_amount,
        bank_transaction_code=btc,
        charges=charges,
        local_instrument=local,
        purpose=purpose,
        remittance=read_remittance(rmt) if rmt is not None else None,
        interbank_settlement_date=settlement,
        return_info=return_info,
        additional_info=info,
        intermediary_agents=tuple(intermediaries),
        extras=tuple(extras),
        **parties,  # type: ignore[arg-type]
        **agents,  # type: ignore[arg-type]
    )


def _write_related_parties(parent: WNode, tx: TransactionDetails) -> None:
    values = [getattr(tx, attr) for _, attr in _PARTIES]
    if all(v is None for v in values) and not wants(tx.extras, "RltdPties"):
        return
    node = parent.add("RltdPties")
    if node is None:
        return
    for (tag, _), value in zip(_PARTIES, values, strict=True):
        if tag.endswith("Acct"):
            write_account(node, tag, value)
        else:
            _write_party_choice(node, tag, value, tx.extras)
    node.extras(tx.extras)


def _write_related_agents(parent: WNode, tx: TransactionDetails) -> None:
    values = [getattr(tx, attr) for _, attr in _AGENTS]
    if all(v is None for v in values) and not tx.intermediary_agents and not wants(tx.extras, "RltdAgts"):
        return
    node = parent.add("RltdAgts")
    if node is None:
        return
    for (tag, _), value in zip(_AGENTS, values, strict=True):
        write_agent(node, tag, value)
    for tag, agent in zip(_INTERMEDIARIES, tx.intermediary_agents, strict=False):
        write_agent(node, tag, agent)
    node.extras(tx.extras)


def _write_transaction(parent: WNode, tx: TransactionDetails) -> None:
    node = parent.add("TxDtls")
    if node is None:
        return
    _write_refs(node, tx)
    node.amount("Amt", tx.amount)
    node.text("CdtDbtInd", tx.credit_debit)
    _write_amount_details(node, tx)
    write_bank_tx_code(node, tx.bank_transaction_code)
    write_charges(node, tx.charges)
    _write_related_parties(node, tx)
    _write_related_agents(node, tx)
    write_code(node, "LclInstrm", tx.local_instrument)
    write_code(node, "Purp", tx.purpose)
    write_remittance(node, tx.remittance)
    if tx.interbank_settlement_date is not None or wants(tx.extras, "RltdDts"):
        dates = node.add("RltdDts")
        if dates is not None:
            dates.date("IntrBkSttlmDt", tx.interbank_settlement_date)
            dates.extras(tx.extras)
    if tx.return_info is not None:
        rtr = node.add("RtrInf")
        if rtr is not None:
            write_code(rtr, "Rsn", tx.return_info.reason)
            rtr.texts("AddtlInf", tx.return_info.additional_info)
            rtr.extras(tx.extras)
    node.text("AddtlTxInf", tx.additional_info)
    node.extras(tx.extras)


# --------------------------------------------------------------------------- entries


def _read_batch(node: Node) -> BatchInfo:
    return BatchInfo(
        node.text("MsgId"),
        node.text("PmtInfId"),
        node.text("NbOfTxs"),
        node.amount("TtlAmt"),
        node.text("CdtDbtInd"),
    )


def _read_details(node: Node) -> EntryDetails:
    extras: list[Extra] = []
    batch = None
    btch = node.child("Btch")
    if btch is not None:
        batch = _read_batch(btch)
        extras.extend(btch.extras())
    txs = tuple(_read_transaction(tx) for tx in node.children("TxDtls"))
    extras.extend(node.extras())
    return EntryDetails(batch, txs, tuple(extras))


def _write_details(parent: WNode, details: EntryDetails) -> None:
    node = parent.add("NtryDtls")
    if node is None:
        return
    if details.batch is not None:
        b = details.batch
        btch = node.add("Btch")
        if btch is not None:
            btch.text("MsgId", b.message_id)
            btch.text("PmtInfId", b.payment_info_id)
            btch.text("NbOfTxs", b.number_of_transactions)
            btch.amount("TtlAmt", b.total_amount)
            btch.text("CdtDbtInd", b.credit_debit)
            btch.extras(details.extras)
    for tx in details.transactions:
        _write_transaction(node, tx)
    node.extras(details.extras)


def read_entry(node: Node) -> Entry | None:
    """One ``Ntry``; None when amount, sign or status is missing or unreadable.

    The shapes banks usually send take the one-pass lane of
    :mod:`finmsg.iso20022.entries_fast`; whatever that lane declines is read here.
    """
    fast = map_entry(node.el, node.path, node.ctx)
    return fast if fast is not None else read_entry_general(node)


def read_entry_general(node: Node) -> Entry | None:
    """:func:`read_entry` for any shape: every member probed by name, leftovers kept as extras."""
    reference = node.text("NtryRef")
    amount, sign, reversal = node.amount("Amt"), node.text("CdtDbtInd"), node.boolean("RvslInd")
    status = _read_status(node)
    if amount is None or sign is None or status is None:
        return None
    booking, value = read_date_choice(node, "BookgDt"), read_date_choice(node, "ValDt")
    servicer_ref = node.text("AcctSvcrRef")
    btc = read_bank_tx_code(node)
    charges = read_charges(node)
    details = tuple(_read_details(d) for d in node.children("NtryDtls"))
    return Entry(
        amount=amount,
        credit_debit=sign,
        status=status,
        reference=reference,
        reversal=reversal,
        booking_date=booking,
        value_date=value,
        account_servicer_ref=servicer_ref,
        bank_transaction_code=btc,
        charges=charges,
        details=details,
        additional_info=node.text("AddtlNtryInf"),
        extras=node.extras(),
    )


def write_entry(parent: WNode, entry: Entry) -> None:
    node = parent.add("Ntry", str(entry.amount))
    if node is None:
        return
    node.text("NtryRef", entry.reference)
    node.amount("Amt", entry.amount)
    node.text("CdtDbtInd", entry.credit_debit)
    node.boolean("RvslInd", entry.reversal)
    _write_status(node, entry.status)
    write_date_choice(node, "BookgDt", entry.booking_date)
    write_date_choice(node, "ValDt", entry.value_date)
    node.text("AcctSvcrRef", entry.account_servicer_ref)
    write_bank_tx_code(node, entry.bank_transaction_code)
    write_charges(node, entry.charges)
    for details in entry.details:
        _write_details(node, details)
    node.text("AddtlNtryInf", entry.additional_info)
    node.extras(entry.extras)
