"""setr.027 (securities trade confirmation) <-> :class:`TradeConfirmation`.

The confirmation shares its facts with sese.023 but spells them differently:
the side is ``TradDtls/Sd`` (a confirmation states who bought), the quantity is
``ConfQty``, the gross amount and accrued interest sit in the trade details,
the buyer and seller are confirmation parties (``ConfPties``), and a party's
safekeeping account is a plain text. The investor's own safekeeping account
goes to ``OthrBizPties/Invstr/SfkpgAcct`` (setr.027 has no account next to the
quantity). Settlement chains follow the sese.023 convention: the place of
settlement is the ``Dpstry`` of the counterparty's chain and the agents fill
``Pty1``.. in order. Elements without a model member stay as extras.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.common import Amount, Extra
from finmsg.model.confirmation import SETR027, TradeConfirmation
from finmsg.model.payments import AppHeader
from finmsg.model.settlement import DealPrice, SettlementAmount, SettlementParty

__all__ = ["AGENT_CHAINS", "CODECS", "read_trade_confirmation", "write_trade_confirmation"]

_ROOT = "SctiesTradConf"
#: Agent chains in ISO order (Pty1 first). Buyer and seller are confirmation parties here.
AGENT_CHAINS = {"Dlvrg": ("DEAG", "DECU", "DEI1", "DEI2"), "Rcvg": ("REAG", "RECU", "REI1", "REI2")}
_PTY = ("Pty1", "Pty2", "Pty3", "Pty4")
_CONF = (("Buyr", "BUYR"), ("Sellr", "SELL"))


def _natural(delivery: str) -> str:
    """Direction of an amount for the account owner: a receipt (buy) pays, a delivery is paid."""
    return "DBIT" if delivery == "RECE" else "CRDT"


def _date_choice(node: Node | None) -> date | None:
    inner = node.child("Dt") if node is not None else None
    if inner is None:
        return None
    found = inner.date("Dt")
    if found is None:
        stamp = inner.timestamp("DtTm")
        found = stamp.value.date() if stamp else None
    return found


def _read_amount(node: Node | None, natural: str) -> Amount | None:
    if node is None:
        return None
    amount = node.amount("Amt")
    indicator = node.text("CdtDbtInd")
    if amount is not None and indicator is not None and indicator != natural:
        return Amount(-amount.value, amount.currency)
    return amount


def _read_price(node: Node | None) -> DealPrice | None:
    val = node.child("Val") if node is not None else None
    if node is None or val is None:
        return None
    kind = node.text("Tp")
    amount, rate = val.amount("Amt"), val.decimal("Rate")
    if amount is not None:
        return DealPrice(amount.value, kind or "ACTU", amount.currency)
    if rate is None:
        return None
    return DealPrice(rate, kind or "PRCT")


def _read_id(node: Node, role: str, account: str | None = None) -> SettlementParty | None:
    ident = node.child("Id")
    if ident is None:
        return None
    prtry = ident.child("PrtryId")
    return SettlementParty(
        role,
        bic=ident.text("AnyBIC"),
        proprietary_id=prtry.text("Id") if prtry else None,
        issuer=prtry.text("Issr") if prtry else None,
        account=account,
    )


def _read_chain(node: Node | None, side: str, extras: list[Extra]) -> list[SettlementParty]:
    if node is None:
        return []
    out: list[SettlementParty] = []
    dep = node.child("Dpstry")
    if dep is not None:
        ident = dep.child("Id")
        if ident is not None:
            out.append(SettlementParty("PSET", bic=ident.text("AnyBIC")))
            extras.extend(ident.extras())
        extras.extend(dep.extras())
    names = [name for name in _PTY if node.has(name)]
    for role, name in zip(AGENT_CHAINS[side], names, strict=False):
        sub = node.child(name)
        if sub is None:
            continue
        party = _read_id(sub, role, sub.text("SfkpgAcct"))
        if party is not None:
            out.append(party)
        extras.extend(sub.extras())
    extras.extend(node.extras())
    return out


def read_trade_confirmation(root: Node, message_id: str, header: AppHeader | None) -> TradeConfirmation:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    extras: list[Extra] = []
    ident = body.child("Id")
    reference = (ident.text("TxId") if ident else None) or ""
    trade_id = None
    for ref in body.children("Refs"):
        choice = ref.child("Ref")
        found = choice.text("ExctgPtyTxId") if choice else None
        if found is not None and trade_id is None:
            trade_id = found
            extras.extend(choice.extras() if choice else ())
            extras.extend(ref.extras())
    trade = body.child("TradDtls")
    side = (trade.text("Sd") if trade else None) or "BUYI"
    delivery = "RECE" if side == "BUYI" else "DELI"
    natural = _natural(delivery)
    links = trade.texts("OrdrId") if trade else ()
    payment = (trade.text("Pmt") if trade else None) or "APMT"
    place = trade.child("PlcOfTrad") if trade else None
    place_id = place.child("Id") if place else None
    mic = place_id.text("MktIdrCd") if place_id else None
    trade_date = _date_choice(trade.child("TradDt")) if trade else None
    settle = _date_choice(trade.child("SttlmDt")) if trade else None
    qty_choice = trade.child("ConfQty") if trade else None
    qty = qty_choice.child("Qty") if qty_choice else None
    quantity, quantity_type = Decimal(0), "UNIT"
    if qty is not None:
        unit, face = qty.decimal("Unit"), qty.decimal("FaceAmt")
        quantity, quantity_type = (unit, "UNIT") if unit is not None else (face or Decimal(0), "FAMT")
    amounts: list[SettlementAmount] = []
    gross = _read_amount(trade.child("GrssTradAmt") if trade else None, natural)
    price_node = trade.child("DealPric") if trade else None
    price = _read_price(price_node)
    accrued = _read_amount(trade.child("AcrdIntrstAmt") if trade else None, natural)
    fin = body.child("FinInstrmId")
    isin = fin.text("ISIN") if fin else None
    description = fin.text("Desc") if fin else None
    parties: list[SettlementParty] = []
    for conf in body.children("ConfPties"):
        for name, role in _CONF:
            sub = conf.child(name)
            party = _read_id(sub, role) if sub else None
            if sub is not None:
                extras.extend(sub.extras())
            if party is not None:
                parties.append(party)
        extras.extend(conf.extras())
    params = body.child("SttlmParams")
    tx_type = params.child("SttlmTxTp") if params else None
    transaction_type = (tx_type.text("Cd") if tx_type else None) or "TRAD"
    parties += _read_chain(body.child("DlvrgSttlmPties"), "Dlvrg", extras)
    parties += _read_chain(body.child("RcvgSttlmPties"), "Rcvg", extras)
    settlement_amount = _read_amount(body.child("SttlmAmt"), natural)
    other = body.children("OthrAmts")
    commission = _read_amount(other[0].child("ExctgBrkrAmt"), natural) if other else None
    pairs = (("DEAL", gross), ("ACRU", accrued), ("EXEC", commission), ("SETT", settlement_amount))
    amounts += [SettlementAmount(qualifier, value) for qualifier, value in pairs if value is not None]
    others = body.child("OthrBizPties")
    investors = others.children("Invstr") if others else []
    account = investors[0].text("SfkpgAcct") if investors else None
    if settle is None or trade_date is None:
        root.ctx.error("iso.structure", "no trade or settlement date", f"{body.path}/TradDtls")
    nodes = (ident, trade, place, place_id, qty_choice, price_node, fin, params, tx_type, others)
    extras += [e for n in nodes if n is not None for e in n.extras()]
    extras += [e for n in (*investors[:1], *other[:1]) for e in n.extras()]
    return TradeConfirmation(
        message_type=message_id,
        reference=reference,
        delivery=delivery,
        payment=payment,
        side=side,
        transaction_type=transaction_type,
        trade_date=trade_date,
        settlement_date=settle or date.min,
        isin=isin,
        description=description,
        quantity=quantity,
        quantity_type=quantity_type,
        price=price,
        amounts=tuple(amounts),
        safekeeping_account=account,
        parties=tuple(parties),
        links=links,
        trade_id=trade_id,
        sender=header.from_bic if header else None,
        receiver=header.to_bic if header else None,
        header=header,
        place_of_trade=mic,
        extras=tuple(extras) + body.extras() + root.extras(),
    )


def _write_date_choice(node: WNode, name: str, value: date | None) -> None:
    outer = node.add(name) if value is not None else None
    inner = outer.add("Dt") if outer else None
    if inner is not None and value is not None:
        inner.date("Dt", value)


def _write_amount(node: WNode, name: str, amount: Amount | None, natural: str) -> None:
    sub = node.add(name) if amount is not None else None
    if sub is None or amount is None:
        return
    sub.amount("Amt", Amount(abs(amount.value), amount.currency))
    opposite = "CRDT" if natural == "DBIT" else "DBIT"
    sub.text("CdtDbtInd", opposite if amount.value < 0 else natural)
    sub.sort()


def _write_price(node: WNode, price: DealPrice | None) -> None:
    deal = node.add("DealPric") if price is not None else None
    val = deal.add("Val") if deal else None
    if deal is None or val is None or price is None:
        return
    if price.type == "ACTU" or price.currency:
        val.amount("Amt", Amount(price.value, price.currency or ""))
    else:
        val.decimal("Rate", price.value)
    deal.text("Tp", price.type)


def _write_id(node: WNode, party: SettlementParty) -> None:
    ident = node.add("Id")
    if ident is None:
        return
    if party.bic:
        ident.text("AnyBIC", party.bic)
        return
    prtry = ident.add("PrtryId")
    if prtry is not None:
        prtry.text("Id", party.proprietary_id or "")
        prtry.text("Issr", party.issuer or "")


def _write_chain(body: WNode, side: str, msg: TradeConfirmation) -> None:
    chain = [p for role in AGENT_CHAINS[side] for p in msg.parties if p.role == role]
    pset = msg.party("PSET")
    counterparty = "Dlvrg" if msg.delivery == "RECE" else "Rcvg"
    depository = pset if side == counterparty else None
    if not chain and depository is None:
        return
    node = body.add(f"{side}SttlmPties")
    if node is None:
        return
    if depository is not None:
        if depository.bic:
            dep = node.add("Dpstry")
            ident = dep.add("Id") if dep else None
            if ident is not None:
                ident.text("AnyBIC", depository.bic)
        else:
            node.ctx.diagnostics.append(
                Diagnostic(
                    "lossy.dropped",
                    Severity.WARNING,
                    "a setr.027 place of settlement is identified by BIC only",
                    path="parties[PSET]",
                    target_path=f"{node.path}/Dpstry",
                    rule="SE022",
                    original=depository.proprietary_id,
                )
            )
    for name, party in zip(_PTY, chain, strict=False):
        pty = node.add(name)
        if pty is not None:
            _write_id(pty, party)
            pty.text("SfkpgAcct", party.account)
    node.sort()


def write_trade_confirmation(doc: WNode, msg: TradeConfirmation) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    natural = _natural(msg.delivery)
    ident = body.add("Id")
    if ident is not None:
        ident.text("TxId", msg.reference)
        ident.extras(msg.extras)
    if msg.trade_id:
        refs = body.add("Refs")
        ref = refs.add("Ref") if refs else None
        if ref is not None:
            ref.text("ExctgPtyTxId", msg.trade_id)
    trade = body.add("TradDtls")
    if trade is not None:
        trade.texts("OrdrId", msg.links)
        trade.text("Sd", msg.side or ("BUYI" if msg.delivery == "RECE" else "SELL"))
        trade.text("Pmt", msg.payment)
        if msg.place_of_trade:
            place = trade.add("PlcOfTrad")
            place_id = place.add("Id") if place else None
            if place_id is not None:
                place_id.text("MktIdrCd", msg.place_of_trade)
        _write_date_choice(trade, "TradDt", msg.trade_date)
        _write_date_choice(trade, "SttlmDt", msg.settlement_date)
        qty = trade.add("ConfQty")
        choice = qty.add("Qty") if qty else None
        if choice is not None:
            choice.decimal("Unit" if msg.quantity_type == "UNIT" else "FaceAmt", msg.quantity)
        _write_amount(trade, "GrssTradAmt", msg.amount("DEAL"), natural)
        _write_price(trade, msg.price)
        _write_amount(trade, "AcrdIntrstAmt", msg.amount("ACRU"), natural)
        trade.extras(msg.extras)
        trade.sort()
    fin = body.add("FinInstrmId")
    if fin is not None:
        fin.text("ISIN", msg.isin)
        fin.text("Desc", msg.description)
        fin.extras(msg.extras)
    conf = body.add("ConfPties")
    if conf is not None:
        for name, role in _CONF:
            party = msg.party(role)
            sub = conf.add(name) if party is not None else None
            if sub is not None and party is not None:
                _write_id(sub, party)
    params = body.add("SttlmParams")
    tx = params.add("SttlmTxTp") if params else None
    if tx is not None and params is not None:
        tx.text("Cd", msg.transaction_type)
        params.extras(msg.extras)
        params.sort()
    _write_chain(body, "Dlvrg", msg)
    _write_chain(body, "Rcvg", msg)
    _write_amount(body, "SttlmAmt", msg.amount("SETT"), natural)
    commission = msg.amount("EXEC")
    if commission is not None:
        other = body.add("OthrAmts")
        if other is not None:
            _write_amount(other, "ExctgBrkrAmt", commission, natural)
    if msg.safekeeping_account:
        others = body.add("OthrBizPties")
        investor = others.add("Invstr") if others else None
        if investor is not None:
            investor.text("SfkpgAcct", msg.safekeeping_account)
    body.extras(msg.extras)
    body.sort()


CODECS = (
    MessageCodec(
        "setr.027",
        _ROOT,
        TradeConfirmation,
        read_trade_confirmation,
        write_trade_confirmation,
        (SETR027,),
        SETR027,
    ),
)
