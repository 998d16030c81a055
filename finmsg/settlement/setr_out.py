"""FIX ExecutionReport/Confirmation and MT515/MT518 -> setr.027 trade confirmation (rules SE020-SE023).

The facts come from the settlement mapping (:mod:`finmsg.settlement.build` for
FIX, :mod:`finmsg.settlement.mt_in` for MT), so dates, price, amounts and
parties follow the same rules as MT515 and sese.023; this module only adds what
setr.027 needs on top: its mandatory members, the investor's own confirmation
party, the place of trade and the business application header.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from finmsg.errors import ConversionError
from finmsg.model.confirmation import SETR027, TradeConfirmation
from finmsg.model.settlement import TRADE_CONFIRMATION, SettlementInstruction, SettlementParty
from finmsg.model.trading import ExecutionReport, TradingMessage
from finmsg.settlement.bah import app_header
from finmsg.settlement.context import Ctx

__all__ = ["to_setr027"]

_COPIED = tuple(
    f.name for f in fields(SettlementInstruction) if f.name not in ("message_type", "family", "kind")
)


def _place_of_trade(ctx: Ctx, model: SettlementInstruction, source: TradingMessage | None) -> str | None:
    """The execution venue MIC: FIX LastMkt (30) or MT ``:94B::TRAD//EXCH/<MIC>`` (SE023)."""
    if isinstance(source, ExecutionReport) and source.last_mkt:
        return source.last_mkt
    for extra in model.extras:
        if extra.source == "mt" and extra.path.endswith("/94B") and extra.content.startswith(":TRAD//EXCH/"):
            return extra.content[len(":TRAD//EXCH/") :] or None
    return None


def _own_party(ctx: Ctx, model: SettlementInstruction, side: str) -> tuple[SettlementParty, ...]:
    own = "BUYR" if side == "BUYI" else "SELL"
    if model.party(own) is not None:
        return model.parties
    if not model.sender:
        ctx.add(
            "settlement.party.missing",
            "SE022",
            f"no {own} confirmation party and no sender BIC to stand for it: ConfPties names no "
            "investor (an MT515 built from this confirmation lacks its CONFPRTY block)",
            "parties",
            "ConfPties",
        )
        return model.parties
    ctx.defaulted(
        "SE022",
        "sender",
        f"ConfPties/{'Buyr' if own == 'BUYR' else 'Sellr'}",
        model.sender,
        f"no {own} party: the sender confirms on its own behalf",
    )
    return (*model.parties, SettlementParty(own, bic=model.sender))


def to_setr027(
    ctx: Ctx, model: SettlementInstruction, source: TradingMessage | None = None, *, header: bool = True
) -> TradeConfirmation:
    """The setr.027 model of a trade confirmation (from FIX, MT515/518 or a settlement model)."""
    if model.trade_date is None:
        raise ConversionError(
            "setr.027 needs the trade date (TradDt); the source has none",
            code="settlement.trade-date",
            path="TradDtls/TradDt",
        )
    if model.price is None:
        raise ConversionError(
            "setr.027 needs the deal price (DealPric); the source has none",
            code="settlement.price",
            path="TradDtls/DealPric",
        )
    values: dict[str, Any] = {name: getattr(model, name) for name in _COPIED}
    side = model.side
    if side is None:
        side = "BUYI" if model.delivery == "RECE" else "SELL"
        ctx.defaulted("SE020", "side", "TradDtls/Sd", side, f"no side: a {model.delivery} is a {side}")
    values["side"] = side
    values["parties"] = _own_party(ctx, model, side)
    place = _place_of_trade(ctx, model, source)
    kept = []
    for extra in model.extras:
        if extra.source == "iso20022" and extra.path.startswith("/Document/SctiesTradConf"):
            kept.append(extra)
        elif place is not None and extra.source == "mt" and extra.path.endswith("/94B"):
            ctx.info(
                "mapping.placed", "SE023", "place of trade", extra.path, "TradDtls/PlcOfTrad", extra.content
            )
        else:
            ctx.dropped("SE016", extra.path, SETR027, extra.content, "no setr.027 element for this field")
    values["extras"] = tuple(kept)
    result = TradeConfirmation(**values, place_of_trade=place)
    routing = app_header(ctx, result, SETR027) if header else None
    from dataclasses import replace

    return replace(result, header=routing)


def trade_confirmation_kind(model: SettlementInstruction) -> None:
    """Refuse a settlement instruction or confirmation: only a trade confirmation becomes setr.027."""
    if model.kind != TRADE_CONFIRMATION:
        raise ConversionError(
            f"a {model.kind} is not a trade confirmation: setr.027 is refused (use sese.023/sese.025)",
            code="settlement.target",
            value=SETR027,
        )


def now_ctx(now: datetime | None) -> Ctx:
    """A diagnostics sink whose clock is ``now`` (reproducible AppHdr/CreDt), or the real time."""
    return Ctx({"now": now} if now is not None else {})
