"""MT103 (plain, STP, REMIT) ↔ pacs.008."""

from __future__ import annotations

from finmsg.model.base import Message
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULT = "pacs.008.001.08"


def _is_plain_103(message: Message) -> bool:
    if not isinstance(message, MtMessage) or message.mt_number != "103":
        return False
    f72 = message.get("72")
    return f72 is None or not f72.value.startswith(("/REJT/", "/RETN/"))


def _to_pacs008(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt103_in import mt103_to_pacs008

    assert isinstance(message, MtMessage)
    return mt103_to_pacs008(message, ctx, target.version or _DEFAULT)


def _is_pacs008(message: Message) -> bool:
    return isinstance(message, CreditTransfer) and message.message_type.startswith("pacs.008")


def _to_mt103(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.mt103_out import pacs008_to_mt103

    assert isinstance(message, CreditTransfer)
    want = True if target.variant == "STP" else (False if target.variant else None)
    return pacs008_to_mt103(message, ctx, want)


PAIRS = (
    Pair("mt103-pacs008", "mt", _is_plain_103, ("pacs.008",), _to_pacs008),
    Pair("pacs008-mt103", "iso20022", _is_pacs008, ("103",), _to_mt103),
)
