"""MT199 / MT299 ↔ admi.024 notification of correspondence (rules TF001-TF007)."""

from __future__ import annotations

from finmsg.model.admin import Correspondence
from finmsg.model.base import Message
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]


def _is_free_format(message: Message) -> bool:
    return isinstance(message, MtMessage) and message.mt_number in ("199", "299")


def _to_admi024(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.freeformat_in import VERSION, mtn99_to_admi024

    assert isinstance(message, MtMessage)
    return mtn99_to_admi024(message, ctx, target.version or VERSION)


def _to_mtn99(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.freeformat_out import admi024_to_mtn99

    assert isinstance(message, Correspondence)
    return admi024_to_mtn99(message, ctx, target.message)


PAIRS = (
    Pair("mtn99-admi024", "mt", _is_free_format, ("admi.024",), _to_admi024),
    Pair("admi024-mtn99", "iso20022", lambda m: isinstance(m, Correspondence), ("199", "299"), _to_mtn99),
)
