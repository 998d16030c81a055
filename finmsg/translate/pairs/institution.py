"""MT200 / MT202 / MT205 (and MT202COV / MT205COV) ↔ pacs.009 (core and COV)."""

from __future__ import annotations

from finmsg.model.base import Message
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULT = "pacs.009.001.08"


def _is_fi_transfer(message: Message) -> bool:
    if not isinstance(message, MtMessage) or message.mt_number not in ("202", "205"):
        return False
    f72 = message.get("72")
    return f72 is None or not f72.value.startswith(("/REJT/", "/RETN/"))


def _to_pacs009(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.fi_in import mt2xx_to_pacs009

    assert isinstance(message, MtMessage)
    return mt2xx_to_pacs009(message, ctx, target.version or _DEFAULT)


def _is_pacs009(message: Message) -> bool:
    return isinstance(message, CreditTransfer) and message.message_type.startswith("pacs.009")


def _to_mt2xx(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.fi_out import pacs009_to_mt2xx

    assert isinstance(message, CreditTransfer)
    return pacs009_to_mt2xx(message, ctx, target.message or "202")


PAIRS = (
    Pair("mt202-pacs009", "mt", _is_fi_transfer, ("pacs.009",), _to_pacs009),
    Pair("pacs009-mt202", "iso20022", _is_pacs009, ("202", "205"), _to_mt2xx),
)
