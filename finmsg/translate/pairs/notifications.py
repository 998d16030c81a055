"""MT900 / MT910 ↔ camt.054 (debit/credit notifications, both directions)."""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.statements import Statement
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULT = "camt.054.001.08"


def _is_confirmation(message: Message) -> bool:
    return isinstance(message, MtMessage) and message.mt_number in ("900", "910")


def _to_camt054(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.notify_in import notification_from_mt

    assert isinstance(message, MtMessage)
    version = target.version or _DEFAULT
    if version[:8] != "camt.054":
        raise ConversionError(f"MT{message.mt_number} translates to camt.054", code="translate.unsupported")
    return notification_from_mt(message, ctx, version)


def _is_camt054(message: Message) -> bool:
    return isinstance(message, Statement) and message.message_type.startswith("camt.054")


def _to_mt9x0(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.notify_out import mt_from_notification

    assert isinstance(message, Statement)
    return mt_from_notification(message, ctx, target.message)


PAIRS = (
    Pair("mt900-camt054", "mt", _is_confirmation, ("camt.054",), _to_camt054),
    Pair("camt054-mt900", "iso20022", _is_camt054, ("900", "910"), _to_mt9x0),
)
