"""A :class:`Trade` (+ standing settlement instructions) -> :class:`SettlementInstruction`.

This is where settlement decisions are taken and reported: the direction and
payment indicator, quantity type, price type, the amounts a custodian needs
(computed when FIX did not send them), the settlement parties and the
safekeeping account (message first, SSI second), and the completeness check.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from finmsg.model.common import Amount, Extra
from finmsg.model.settlement import (
    INSTRUCTION,
    PARTY_ROLES,
    DealPrice,
    SettlementAmount,
    SettlementInstruction,
    SettlementParty,
)
from finmsg.model.trading import TradingParty
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import PARTY_ROLE_MAP, PRICE_TYPES, Trade
from finmsg.settlement.fx import exchange_rate
from finmsg.settlement.linkage import previous_link
from finmsg.settlement.ssi import SsiTable
from finmsg.standards import currency as std_currency

__all__ = ["build_instruction", "required_roles"]

_NOW_MESSAGE = "sese.023.001.12"


def required_roles(delivery: str) -> tuple[str, ...]:
    """PSET and the counterparty's agent: DEAG when receiving, REAG when delivering (SE011)."""
    return ("PSET", "DEAG") if delivery == "RECE" else ("PSET", "REAG")


def _round(value: Decimal, currency: str) -> Decimal:
    units = std_currency.minor_units(currency)
    return value if units is None else value.quantize(Decimal(1).scaleb(-units), ROUND_HALF_EVEN)


def _fix_party(party: TradingParty, delivery: str, path: str, ctx: Ctx) -> SettlementParty | None:
    roles = PARTY_ROLE_MAP.get(party.role or "")
    if roles is None or not party.id:
        return None
    role = roles[0] if delivery == "RECE" else roles[1]
    account = next((s.id for s in party.sub_ids if s.type == "10"), None)
    if party.source == "B":
        return SettlementParty(role, bic=party.id, account=account)
    issuer = "LEI" if party.source == "N" else f"FIX{party.source or ''}"[:8]
    ctx.defaulted(
        "SE009",
        f"{path}.447",
        f":95R::{role}",
        issuer,
        f"party id source {party.source!r} is not a BIC: sent as a proprietary id with issuer {issuer}",
        original=party.source,
    )
    return SettlementParty(role, proprietary_id=party.id, issuer=issuer, account=account)


def _price(trade: Trade, ctx: Ctx) -> DealPrice | None:
    if trade.price is None:
        return None
    if trade.price_type is not None:
        kind = PRICE_TYPES.get(trade.price_type)
        if kind is None:
            ctx.dropped(
                "SE005",
                "FIX:423",
                ":90a::DEAL",
                trade.price_type,
                f"PriceType {trade.price_type} has no ISO 15022 price code; the price is sent per unit",
            )
            kind = "ACTU"
    else:
        kind = "PRCT" if trade.debt else "ACTU"
        ctx.defaulted("SE005", "FIX:423", ":90a::DEAL", kind, "no PriceType (423): price type inferred")
    if kind == "ACTU":
        if not trade.currency:
            raise ConversionError(
                "a price per unit needs a currency (15 or 120)", code="settlement.currency", path="FIX:15"
            )
        return DealPrice(trade.price, kind, trade.currency)
    return DealPrice(trade.price, kind)


def _amounts(trade: Trade, payment: str, price: DealPrice | None, ctx: Ctx) -> tuple[SettlementAmount, ...]:
    ccy = trade.currency
    found = {"DEAL": trade.gross, "SETT": trade.net, "EXEC": trade.commission, "ACRU": trade.accrued}
    if (any(v is not None for v in found.values()) or payment == "APMT") and not ccy:
        raise ConversionError(
            "amounts need a currency: neither SettlCurrency (120) nor Currency (15) is present",
            code="settlement.currency",
            path="FIX:15",
        )
    if found["DEAL"] is None and price is not None and price.type in ("ACTU", "PRCT") and ccy:
        gross = trade.quantity * price.value / (100 if price.type == "PRCT" else 1)
        found["DEAL"] = _round(gross, ccy)
        ctx.defaulted(
            "SE013", "FIX:381", ":19A::DEAL", str(found["DEAL"]), "gross amount computed as quantity x price"
        )
    settlement = _settlement_currency(trade, ctx)
    if found["SETT"] is None and settlement is None and payment == "APMT" and ccy:
        if found["DEAL"] is None:
            raise ConversionError(
                "against payment needs NetMoney (118) or a price to compute it",
                code="settlement.amount",
                path="FIX:118",
            )
        sign = 1 if trade.side == "BUYI" else -1
        net = found["DEAL"] + (found["ACRU"] or 0) + sign * (found["EXEC"] or 0)
        found["SETT"] = _round(net, ccy)
        ctx.defaulted(
            "SE013",
            "FIX:118",
            ":19A::SETT",
            str(found["SETT"]),
            "settlement amount computed as gross + accrued interest "
            + ("+ commission (buy)" if sign > 0 else "- commission (sell)"),
        )
    out = [SettlementAmount(q, Amount(v, ccy or "")) for q, v in found.items() if v is not None and ccy]
    if settlement is not None:
        out = [a for a in out if a.qualifier != "SETT"] + [SettlementAmount("SETT", settlement)]
    return tuple(out)


def _settlement_currency(trade: Trade, ctx: Ctx) -> Amount | None:
    """The settlement amount in the settlement currency: SettlCurrAmt (119) in SettlCurrency
    (120), else ``None`` (the amount stays in the trade currency, and a SettlCurrency or rate that
    cannot apply is reported). Prices and the deal amount always stay in the trade currency."""
    ccy, settl_ccy = trade.currency, trade.settl_currency or trade.currency
    if trade.settl_amount is None:
        if trade.settl_currency is not None and trade.settl_currency != ccy:
            ctx.dropped(
                "SE006",
                "FIX:120",
                ":19A::SETT",
                trade.settl_currency,
                f"SettlCurrency {trade.settl_currency} without SettlCurrAmt (119): the settlement amount "
                f"is in the trade currency {ccy}",
            )
        if trade.fx_rate is not None:
            ctx.dropped(
                "SE006",
                "FIX:155",
                ":92B::EXCH",
                str(trade.fx_rate),
                "SettlCurrFxRate without SettlCurrAmt (119)",
            )
        return None
    if not settl_ccy:
        raise ConversionError(
            "SettlCurrAmt (119) needs a currency: neither SettlCurrency (120) nor Currency (15) is present",
            code="settlement.currency",
            path="FIX:119",
        )
    if trade.net is not None and settl_ccy != ccy:
        ctx.info(
            "settlement.fx",
            "SE006",
            f"the settlement amount is SettlCurrAmt (119) in {settl_ccy}; NetMoney (118) in {ccy} is its "
            "trade-currency equivalent",
            "FIX:118",
            ":19A::SETT",
            original=f"{ccy} {trade.net}",
            emitted=f"{settl_ccy} {trade.settl_amount}",
        )
    return Amount(trade.settl_amount, settl_ccy)


def _fx_extras(trade: Trade, amounts: tuple[SettlementAmount, ...], ctx: Ctx) -> tuple[Extra, ...]:
    """The exchange rate of a settlement amount in another currency (MT 92B EXCH), when FIX gives it."""
    rate, ccy = trade.fx_rate, trade.currency
    settlement = next((a.amount for a in amounts if a.qualifier == "SETT"), None)
    if rate is None or trade.settl_amount is None:
        return ()
    if settlement is None or not ccy or settlement.currency == ccy:
        ctx.dropped(
            "SE006",
            "FIX:155",
            ":92B::EXCH",
            str(rate),
            "SettlCurrFxRate given, but the settlement amount is in the trade currency: no rate applies",
        )
        return ()
    if trade.fx_calc not in ("M", "D"):
        ctx.defaulted(
            "SE006",
            "FIX:156",
            ":92B::EXCH",
            "M",
            "no SettlCurrFxRateCalc (156): the rate multiplies",
            trade.fx_calc,
        )
    return (exchange_rate(ccy, settlement.currency, rate, trade.fx_calc),)


def _parties(
    trade: Trade, delivery: str, ctx: Ctx, ssi_parties: tuple[SettlementParty, ...], ssi_name: str
) -> tuple[SettlementParty, ...]:
    chosen: dict[str, SettlementParty] = {}
    for party, path in trade.parties:
        mapped = _fix_party(party, delivery, path, ctx)
        if mapped is not None and mapped.role not in chosen:
            chosen[mapped.role] = mapped
    for supplied in ssi_parties:
        if supplied.role not in chosen:
            chosen[supplied.role] = supplied
            ctx.info(
                "settlement.ssi.applied",
                "SE010",
                f"{supplied.role} taken from the standing settlement instructions",
                ssi_name,
                f":95a::{supplied.role}",
                emitted=supplied.bic or f"{supplied.issuer}/{supplied.proprietary_id}",
            )
    missing = [r for r in required_roles(delivery) if r not in chosen]
    if missing:
        ctx.add(
            "settlement.ssi.missing",
            "SE011",
            f"no settlement party for {', '.join(missing)} in the message or the SSI; "
            "the custodian will reject the instruction",
            "FIX:453",
            ":16R:SETPRTY",
            severity=Severity.ERROR,
        )
    return tuple(sorted(chosen.values(), key=lambda p: PARTY_ROLES.index(p.role)))


def build_instruction(
    trade: Trade,
    ctx: Ctx,
    ssi: SsiTable | None = None,
    *,
    kind: str = INSTRUCTION,
    message_type: str = _NOW_MESSAGE,
    sender: str | None = None,
    receiver: str | None = None,
) -> SettlementInstruction:
    """The settlement instruction (or confirmation, by ``kind``) for one trade."""
    delivery = "RECE" if trade.side == "BUYI" else "DELI"
    market = trade.isin[:2] if trade.isin else None
    entry = ssi.find(trade.account, market, trade.side) if ssi is not None else None
    ssi_name = f"{ssi.source}[{entry.line}]" if ssi is not None and entry is not None else "ssi"
    if ssi is not None and entry is None:
        ctx.info(
            "settlement.ssi.unmatched",
            "SE010",
            f"no SSI entry for account {trade.account!r}, market {market!r}, side {trade.side}",
            ssi.source,
            None,
        )
    if trade.payment in ("0", "1"):
        payment = "APMT" if trade.payment == "0" else "FREE"
    elif entry is not None and entry.payment:
        payment = entry.payment
        ctx.info("settlement.ssi.applied", "SE010", "payment indicator from the SSI", ssi_name, ":22H::PAYM")
    else:
        payment = "APMT"
        if trade.payment is not None:
            ctx.dropped(
                "SE008",
                "FIX:172",
                ":22H::PAYM",
                trade.payment,
                f"SettlDeliveryType {trade.payment} is neither versus payment nor free",
            )
        ctx.defaulted(
            "SE008", "FIX:172", ":22H::PAYM", "APMT", "no SettlDeliveryType (172): against payment assumed"
        )
    price = _price(trade, ctx)
    amounts = _amounts(trade, payment, price, ctx)
    extras = _fx_extras(trade, amounts, ctx)
    if trade.previous:
        extras += (previous_link(trade.previous),)
    parties = _parties(trade, delivery, ctx, entry.parties if entry else (), ssi_name)
    account = trade.account
    if entry is not None and entry.safekeeping_account:
        if account is not None and account != entry.safekeeping_account:
            ctx.info(
                "settlement.ssi.applied",
                "SE014",
                f"FIX account {account} settles in safekeeping account {entry.safekeeping_account} (SSI)",
                "FIX:1",
                ":97A::SAFE",
                original=account,
                emitted=entry.safekeeping_account,
            )
        account = entry.safekeeping_account
    if account is None:
        ctx.add(
            "settlement.account.missing",
            "SE014",
            "no safekeeping account: neither Account (1)/AllocAccount (79) nor the SSI gives one",
            "FIX:1",
            ":97A::SAFE",
        )
    if trade.isin is None and trade.description is None:
        raise ConversionError(
            "the FIX message identifies no instrument (48/22 or 55)",
            code="settlement.instrument",
            path="FIX:48",
        )
    return SettlementInstruction(
        message_type=message_type,
        family="iso20022" if message_type[:4] in ("sese", "setr") else "canonical",
        kind=kind,
        reference=trade.reference,
        function=trade.function,
        delivery=delivery,
        payment=payment,
        side=trade.side,
        trade_date=trade.trade_date,
        settlement_date=trade.settlement_date,
        isin=trade.isin,
        description=trade.description,
        quantity=trade.quantity,
        quantity_type="FAMT" if trade.debt else "UNIT",
        price=price,
        amounts=amounts,
        safekeeping_account=account,
        parties=parties,
        links=tuple(trade.links),
        trade_id=trade.trade_id,
        sender=sender or (entry.sender if entry else None),
        receiver=receiver or (entry.receiver if entry else None),
        extras=extras,
    )
