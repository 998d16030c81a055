"""MT101 ↔ pain.001 (customer request for transfer / credit transfer initiation)."""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.initiation import PaymentInitiation
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULT = "pain.001.001.09"


def _is_mt101(message: Message) -> bool:
    return isinstance(message, MtMessage) and message.mt_number == "101"


def _to_pain001(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt101_in import mt101_to_pain001

    assert isinstance(message, MtMessage)
    version = target.version or _DEFAULT
    if version < "pain.001.001.09":
        # the Dt | DtTm choice, AnyBIC and the UETR of the mapping exist from version 09 on
        raise ConversionError(
            f"MT101 translates to pain.001.001.09 or later, not {version}",
            code="translate.unsupported",
            value=version,
        )
    return mt101_to_pain001(message, ctx, version)


def _is_pain001(message: Message) -> bool:
    return isinstance(message, PaymentInitiation) and message.message_type.startswith("pain.001")


def _to_mt101(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt101_out import pain001_to_mt101

    assert isinstance(message, PaymentInitiation)
    return pain001_to_mt101(message, ctx)


PAIRS = (
    Pair("mt101-pain001", "mt", _is_mt101, ("pain.001",), _to_pain001),
    Pair("pain001-mt101", "iso20022", _is_pain001, ("101",), _to_mt101),
)
