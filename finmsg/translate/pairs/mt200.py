"""MT200 ↔ pacs.009 (FI transfer for its own account; rules TF010-TF013).

MT200 → pacs.009 is chosen automatically. The way back is only taken when
MT200 is asked for (``--to mt200``): the pair's priority number is above the
MT202 pair's, so a plain ``--to mt`` still gives an MT202.
"""

from __future__ import annotations

from finmsg.model.base import Message
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]


def _is_mt200(message: Message) -> bool:
    return isinstance(message, MtMessage) and message.mt_number == "200"


def _to_pacs009(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt200_in import mt200_to_pacs009

    assert isinstance(message, MtMessage)
    return mt200_to_pacs009(message, ctx, target.version or "pacs.009.001.08")


def _is_pacs009(message: Message) -> bool:
    return isinstance(message, CreditTransfer) and message.message_type.startswith("pacs.009")


def _to_mt200(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt200_out import pacs009_to_mt200

    assert isinstance(message, CreditTransfer)
    return pacs009_to_mt200(message, ctx)


PAIRS = (
    Pair("mt200-pacs009", "mt", _is_mt200, ("pacs.009",), _to_pacs009),
    Pair("pacs009-mt200", "iso20022", _is_pacs009, ("200",), _to_mt200, priority=150),
)
