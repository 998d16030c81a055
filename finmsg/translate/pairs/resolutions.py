"""MT196 / MT296 ↔ camt.029 (answers to a cancellation request, both directions)."""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.exceptions import InvestigationResolution
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.field11 import check_original_mt
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_CAMT029 = "camt.029.001.09"


def _accepts_mt(message: Message) -> bool:
    return isinstance(message, MtMessage) and message.mt_number in ("196", "296")


def _to_camt029(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.resolution_in import resolution_from_mt

    assert isinstance(message, MtMessage)
    check_original_mt(message)  # 11S/11R: 3!n, never a made-up OrgnlMsgNmId
    version = target.version or _CAMT029
    if version[:8] != "camt.029":
        raise ConversionError(
            "MT196/MT296 translate to camt.029", code="translate.unsupported", value=version
        )
    return resolution_from_mt(message, ctx, version)


def _from_camt029(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.resolution_out import mt_from_resolution

    assert isinstance(message, InvestigationResolution)
    return mt_from_resolution(message, ctx, target.message)


PAIRS = (
    Pair("mt196-camt029", "mt", _accepts_mt, ("camt.029",), _to_camt029),
    Pair(
        "camt029-mt196",
        "iso20022",
        lambda m: isinstance(m, InvestigationResolution),
        ("196", "296"),
        _from_camt029,
    ),
)
