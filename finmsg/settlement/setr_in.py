"""setr.027 trade confirmation -> MT515/MT518 (rules SE020-SE023, SE016).

The MT writer of the settlement package already writes MT515/518 from the
settlement model; a :class:`TradeConfirmation` is one. What this module adds is
the report of the setr.027 facts an MT515 built by that writer cannot carry
(the place of trade, elements kept as extras), so nothing is lost silently.
"""

from __future__ import annotations

from finmsg.model.confirmation import TradeConfirmation
from finmsg.mt.message import MtMessage
from finmsg.settlement.context import Ctx
from finmsg.settlement.mt_out import to_mt

__all__ = ["from_setr027"]


def from_setr027(ctx: Ctx, model: TradeConfirmation, mt: str = "515") -> MtMessage:
    """MT515 (client confirmation) or MT518 (market-side) for a setr.027 model."""
    target = f"MT{mt}"
    if model.place_of_trade:
        ctx.dropped(
            "SE023",
            "TradDtls/PlcOfTrad/Id/MktIdrCd",
            f"{target}:94B::TRAD",
            model.place_of_trade,
            "the MT515/518 writer does not emit the place of trade (94B)",
        )
    for extra in model.extras:
        if extra.source == "iso20022":
            ctx.dropped("SE016", extra.path, target, extra.content, f"no {target} field for this element")
    if model.header is None and not (model.sender and model.receiver):
        ctx.info(
            "settlement.routing",
            "SE021",
            "no AppHdr: the MT has no routing BICs",
            "/AppHdr",
            f"{target}:block1",
        )
    return to_mt(model, ctx, mt)
