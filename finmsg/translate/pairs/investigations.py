"""MT192 / MT292 ↔ camt.056 and MT196 / MT296 ↔ camt.029 (investigations, both directions)."""

from __future__ import annotations

from collections.abc import Callable

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.exceptions import CancellationRequest
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.field11 import check_original_mt
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_CAMT056 = "camt.056.001.08"
_CAMT029 = "camt.029.001.09"


def _is_mt(numbers: tuple[str, ...]) -> Callable[[Message], bool]:
    def accepts(message: Message) -> bool:
        return isinstance(message, MtMessage) and message.mt_number in numbers

    return accepts


def _version(target: Target, default: str) -> str:
    version = target.version or default
    if version[:8] != default[:8]:
        raise ConversionError(f"this MT translates to {default[:8]}", code="translate.unsupported")
    return version


def _to_camt056(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.invest_in import cancellation_from_mt

    assert isinstance(message, MtMessage)
    check_original_mt(message)  # 11S/11R: 3!n, never a made-up OrgnlMsgNmId
    return cancellation_from_mt(message, ctx, _version(target, _CAMT056))


def _from_camt056(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.invest_out import mt_from_cancellation

    assert isinstance(message, CancellationRequest)
    return mt_from_cancellation(message, ctx, target.message)


PAIRS = (
    Pair("mt192-camt056", "mt", _is_mt(("192", "292")), ("camt.056",), _to_camt056),
    Pair(
        "camt056-mt192",
        "iso20022",
        lambda m: isinstance(m, CancellationRequest),
        ("192", "292"),
        _from_camt056,
    ),
)
