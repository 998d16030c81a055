"""sese.023 (settlement instruction) and sese.025 (settlement confirmation) <-> SettlementInstruction.

Both messages share the trade details, quantity, parties and amounts; sese.025
names its ids ``TxIdDtls`` and its date ``FctvSttlmDt``. Settlement parties
follow the ISO chain: the place of settlement is the ``Dpstry`` of the
counterparty's chain (delivering side for a receipt), and the agent, custodian,
intermediaries and the deliverer/receiver fill ``Pty1``..``Pty5`` in order.
Elements without a model member stay as extras and are written back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.common import Amount
from finmsg.model.payments import AppHeader
from finmsg.model.settlement import (
    INSTRUCTION,
    SETTLEMENT_CONFIRMATION,
    DealPrice,
    SettlementAmount,
    SettlementInstruction,
    SettlementParty,
)

__all__ = ["CHAINS", "read_settlement", "write_settlement"]

_ROOTS = {"sese.023": "SctiesSttlmTxInstr", "sese.025": "SctiesSttlmTxConf"}
#: Settlement chains in ISO order (Pty1 first); the last role is the deliverer/receiver itself.
CHAINS = {
    "Dlvrg": ("DEAG", "DECU", "DEI1", "DEI2", "SELL"),
    "Rcvg": ("REAG", "RECU", "REI1", "REI2", "BUYR"),
}
_OTHER_AMOUNTS = (("TradAmt", "DEAL"), ("AcrdIntrstAmt", "ACRU"), ("ExctgBrkrAmt", "EXEC"))
_PTY = ("Pty1", "Pty2", "Pty3", "Pty4", "Pty5")


def _date_choice(node: Node | None) -> date | None:
    """``<X><Dt><Dt>2024-01-31</Dt></Dt></X>`` (or ``DtTm``) -> date."""
    if node is None:
        return None
    inner = node.child("Dt")
    if inner is None:
        return None
    found = inner.date("Dt")
    if found is None:
        stamp = inner.timestamp("DtTm")
        found = stamp.value.date() if stamp else None
    return found


def _read_price(node: Node | None) -> DealPrice | None:
    if node is None:
        return None
    tp, val = node.child("Tp"), node.child("Val")
    if tp is None or val is None:
        return None
    yielded, value_type = tp.boolean("Yldd"), tp.text("ValTp")
    rate, amount = val.decimal("Rate"), val.amount("Amt")
    if amount is not None:
        return DealPrice(amount.value, "ACTU", amount.currency)
    if rate is None:
        return None
    return DealPrice(rate, value_type or ("YIEL" if yielded else "PRCT"))


def _read_party(node: Node, role: str) -> SettlementParty:
    ident = node.child("Id")
    bic = ident.text("AnyBIC") if ident else None
    prtry = ident.child("PrtryId") if ident else None
    acct = node.child("SfkpgAcct")
    return SettlementParty(
        role,
        bic=bic,
        proprietary_id=prtry.text("Id") if prtry else None,
        issuer=prtry.text("Issr") if prtry else None,
        account=acct.text("Id") if acct else None,
    )


def _read_chain(node: Node | None, side: str) -> list[SettlementParty]:
    if node is None:
        return []
    out = []
    dep = node.child("Dpstry")
    if dep is not None:
        ident = dep.child("Id")
        out.append(SettlementParty("PSET", bic=ident.text("AnyBIC") if ident else None))
    present = [name for name in _PTY if node.has(name)]
    roles = CHAINS[side]
    for n, name in enumerate(present):
        role = roles[-1] if n == len(present) - 1 and n > 0 else roles[n]
        sub = node.child(name)
        if sub is not None:
            out.append(_read_party(sub, role))
    return out


def _amount_dir(node: Node | None, natural: str) -> Amount | None:
    if node is None:
        return None
    amount = node.amount("Amt")
    indicator = node.text("CdtDbtInd")
    if amount is None:
        return None
    if indicator is not None and indicator != natural:
        return Amount(-amount.value, amount.currency)
    return amount


def read_settlement(root: Node, message_id: str, header: AppHeader | None) -> SettlementInstruction:
    family = message_id[:8]
    body = root.child(_ROOTS[family])
    if body is None:
        raise ParseError(
            f"{message_id} Document has no {_ROOTS[family]}", code="iso.structure", path=root.path
        )
    confirmation = family == "sese.025"
    ids = body.child("TxIdDtls") if confirmation else body.child("SttlmTpAndAddtlParams")
    reference = (ids.text("AcctOwnrTxId") if confirmation and ids else body.text("TxId")) or ""
    delivery = (ids.text("SctiesMvmntTp") if ids else None) or "RECE"
    payment = (ids.text("Pmt") if ids else None) or "APMT"
    natural = "DBIT" if delivery == "RECE" else "CRDT"
    links: list[str] = []
    for link in body.children("Lnkgs"):
        ref = link.child("Ref")
        value = (ref.text("OthrTxId") if ref else None) or link.text("SctiesSttlmTxId")
        if value is not None:
            links.append(value)
    trade = body.child("TradDtls")
    trade_id = trade.text("TradId") if trade else None
    trade_date = _date_choice(trade.child("TradDt")) if trade else None
    settle = _date_choice(trade.child("FctvSttlmDt" if confirmation else "SttlmDt")) if trade else None
    price = _read_price(trade.child("DealPric")) if trade else None
    fin = body.child("FinInstrmId")
    isin = fin.text("ISIN") if fin else None
    description = fin.text("Desc") if fin else None
    qad = body.child("QtyAndAcctDtls")
    qty_node = qad.child("SttldQty" if confirmation else "SttlmQty") if qad else None
    qty_choice = qty_node.child("Qty") if qty_node else None
    quantity, quantity_type = Decimal(0), "UNIT"
    if qty_choice is not None:
        unit, face = qty_choice.decimal("Unit"), qty_choice.decimal("FaceAmt")
        quantity, quantity_type = (unit, "UNIT") if unit is not None else (face or Decimal(0), "FAMT")
    sfkpg = qad.child("SfkpgAcct") if qad else None
    params = body.child("SttlmParams")
    tx_type = params.child("SctiesTxTp") if params else None
    # read the mapped leaves before the extras are collected, or they are kept twice
    safekeeping_account = sfkpg.text("Id") if sfkpg else None
    transaction_type = (tx_type.text("Cd") if tx_type else None) or "TRAD"
    parties = _read_chain(body.child("DlvrgSttlmPties"), "Dlvrg")
    parties += _read_chain(body.child("RcvgSttlmPties"), "Rcvg")
    amounts: list[SettlementAmount] = []
    other = body.child("OthrAmts")
    for name, qualifier in _OTHER_AMOUNTS:
        found = _amount_dir(other.child(name) if other else None, natural)
        if found is not None:
            amounts.append(SettlementAmount(qualifier, found))
    # sese.023 instructs a settlement amount (SttlmAmt); sese.025 confirms a settled one (SttldAmt)
    settlement_amount = _amount_dir(body.child("SttlmAmt") or body.child("SttldAmt"), natural)
    if settlement_amount is not None:
        amounts.append(SettlementAmount("SETT", settlement_amount))
    if settle is None:
        root.ctx.error("iso.structure", "no settlement date", f"{body.path}/TradDtls")
        settle = date.min
    extras = tuple(
        e
        for n in (body, ids, trade, fin, qad, sfkpg, params, tx_type, other)
        if n is not None
        for e in n.extras()
    )
    return SettlementInstruction(
        message_type=message_id,
        family="iso20022",
        kind=SETTLEMENT_CONFIRMATION if confirmation else INSTRUCTION,
        reference=reference,
        delivery=delivery,
        payment=payment,
        side="BUYI" if delivery == "RECE" else "SELL",
        transaction_type=transaction_type,
        trade_date=trade_date,
        settlement_date=settle,
        isin=isin,
        description=description,
        quantity=quantity,
        quantity_type=quantity_type,
        price=price,
        amounts=tuple(amounts),
        safekeeping_account=safekeeping_account,
        parties=tuple(parties),
        links=tuple(links),
        trade_id=trade_id,
        sender=header.from_bic if header else None,
        receiver=header.to_bic if header else None,
        extras=extras + root.extras(),
    )


def _write_date_choice(node: WNode, name: str, value: date | None) -> None:
    if value is None:
        return
    outer = node.add(name)
    inner = outer.add("Dt") if outer else None
    if inner is not None:
        inner.date("Dt", value)


def _write_price(node: WNode, price: DealPrice | None) -> None:
    if price is None:
        return
    deal = node.add("DealPric")
    if deal is None:
        return
    tp = deal.add("Tp")
    if tp is not None:
        if price.type in ("DISC", "PREM", "PARV", "NEGA"):
            tp.text("ValTp", price.type)
        else:
            tp.boolean("Yldd", price.type == "YIEL")
    val = deal.add("Val")
    if val is not None:
        if price.type == "ACTU":
            val.amount("Amt", Amount(price.value, price.currency or ""))
        else:
            val.decimal("Rate", price.value)


def _write_party(node: WNode, name: str, party: SettlementParty) -> None:
    pty = node.add(name)
    if pty is None:
        return
    ident = pty.add("Id")
    if ident is not None:
        if party.bic:
            ident.text("AnyBIC", party.bic)
        else:
            prtry = ident.add("PrtryId")
            if prtry is not None:
                prtry.text("Id", party.proprietary_id)
                prtry.text("Issr", party.issuer)
    if party.account:
        acct = pty.add("SfkpgAcct")
        if acct is not None:
            acct.text("Id", party.account)


def _write_chain(body: WNode, side: str, msg: SettlementInstruction) -> None:
    roles = CHAINS[side]
    chain = [p for role in roles for p in msg.parties if p.role == role]
    pset = msg.party("PSET")
    counterparty = "Dlvrg" if msg.delivery == "RECE" else "Rcvg"
    has_depository = pset is not None and side == counterparty
    if not chain and not has_depository:
        return
    node = body.add(f"{side}SttlmPties")
    if node is None:
        return
    if has_depository and pset is not None:
        dep = node.add("Dpstry")
        ident = dep.add("Id") if dep else None
        if ident is not None:
            ident.text("AnyBIC", pset.bic or pset.proprietary_id)
    for name, party in zip(_PTY, chain, strict=False):
        _write_party(node, name, party)


def _write_amount(node: WNode, name: str, amount: Amount, natural: str) -> None:
    sub = node.add(name)
    if sub is None:
        return
    sub.amount("Amt", Amount(abs(amount.value), amount.currency))
    opposite = "CRDT" if natural == "DBIT" else "DBIT"
    sub.text("CdtDbtInd", opposite if amount.value < 0 else natural)


def write_settlement(doc: WNode, msg: SettlementInstruction) -> None:
    family = doc.ctx.message_id[:8]
    body = doc.add(_ROOTS[family])
    if body is None:
        return
    confirmation = family == "sese.025"
    natural = "DBIT" if msg.delivery == "RECE" else "CRDT"
    if confirmation:
        ids = body.add("TxIdDtls")
        if ids is not None:
            ids.text("AcctOwnrTxId", msg.reference)
            ids.text("SctiesMvmntTp", msg.delivery)
            ids.text("Pmt", msg.payment)
            ids.extras(msg.extras)
        if msg.links:
            link = body.add("Lnkgs")
            if link is not None:
                link.text("SctiesSttlmTxId", msg.links[0])
    else:
        body.text("TxId", msg.reference)
        params = body.add("SttlmTpAndAddtlParams")
        if params is not None:
            params.text("SctiesMvmntTp", msg.delivery)
            params.text("Pmt", msg.payment)
            params.extras(msg.extras)
        for value in msg.links:
            link = body.add("Lnkgs")
            ref = link.add("Ref") if link else None
            if ref is not None:
                ref.text("OthrTxId", value)
    trade = body.add("TradDtls")
    if trade is not None:
        trade.text("TradId", msg.trade_id)
        _write_date_choice(trade, "TradDt", msg.trade_date)
        _write_date_choice(trade, "FctvSttlmDt" if confirmation else "SttlmDt", msg.settlement_date)
        _write_price(trade, msg.price)
        trade.extras(msg.extras)
        trade.sort()
    fin = body.add("FinInstrmId")
    if fin is not None:
        fin.text("ISIN", msg.isin)
        fin.text("Desc", msg.description)
        fin.extras(msg.extras)
    qad = body.add("QtyAndAcctDtls")
    if qad is not None:
        qty = qad.add("SttldQty" if confirmation else "SttlmQty")
        choice = qty.add("Qty") if qty else None
        if choice is not None:
            choice.decimal("Unit" if msg.quantity_type == "UNIT" else "FaceAmt", msg.quantity)
        if msg.safekeeping_account:
            acct = qad.add("SfkpgAcct")
            if acct is not None:
                acct.text("Id", msg.safekeeping_account)
        qad.extras(msg.extras)
        qad.sort()
    params2 = body.add("SttlmParams")
    if params2 is not None:
        tx = params2.add("SctiesTxTp")
        if tx is not None:
            tx.text("Cd", msg.transaction_type)
        params2.extras(msg.extras)
        params2.sort()
    _write_chain(body, "Dlvrg", msg)
    _write_chain(body, "Rcvg", msg)
    settlement_amount = msg.amount("SETT")
    if settlement_amount is not None:
        settled = body.type is not None and body.type.child("SttldAmt") is not None
        _write_amount(body, "SttldAmt" if settled else "SttlmAmt", settlement_amount, natural)
    others = [(name, msg.amount(q)) for name, q in _OTHER_AMOUNTS]
    if any(a is not None for _, a in others):
        node = body.add("OthrAmts")
        if node is not None:
            for name, found in sorted(others, key=lambda item: _order(node, item[0])):
                if found is not None:
                    _write_amount(node, name, found, natural)
    body.extras(msg.extras)
    body.sort()


def _order(node: WNode, name: str) -> int:
    decl = node.type.child(name) if node.type is not None else None
    return decl.index if decl is not None else 0


def _codec(family: str, version: str) -> MessageCodec:
    return MessageCodec(
        family, _ROOTS[family], SettlementInstruction, read_settlement, write_settlement, (version,), version
    )


CODECS = (_codec("sese.023", "sese.023.001.12"), _codec("sese.025", "sese.025.001.12"))
