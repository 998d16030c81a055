"""MT103 ``/RETN/`` ↔ pacs.004 and MT103 ``/REJT/`` ↔ pacs.002."""

from __future__ import annotations

from collections.abc import Callable

from finmsg.model.base import Message
from finmsg.model.exceptions import PaymentReturn, StatusReport
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]


def _mt103_with(code: str) -> Callable[[Message], bool]:
    def accepts(message: Message) -> bool:
        if not isinstance(message, MtMessage) or message.mt_number != "103":
            return False
        f72 = message.get("72")
        return f72 is not None and f72.value.startswith(code)

    return accepts


def _to_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_in import mt103_to_pacs004

    assert isinstance(message, MtMessage)
    return mt103_to_pacs004(message, ctx, target.version or "pacs.004.001.14")


def _to_pacs002(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_in import mt103_to_pacs002

    assert isinstance(message, MtMessage)
    return mt103_to_pacs002(message, ctx, target.version or "pacs.002.001.12")


def _from_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_out import pacs004_to_mt103

    assert isinstance(message, PaymentReturn)
    return pacs004_to_mt103(message, ctx)


def _from_pacs002(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_out import pacs002_to_mt103

    assert isinstance(message, StatusReport)
    return pacs002_to_mt103(message, ctx)


PAIRS = (
    Pair("mt103retn-pacs004", "mt", _mt103_with("/RETN/"), ("pacs.004",), _to_pacs004),
    Pair("mt103rejt-pacs002", "mt", _mt103_with("/REJT/"), ("pacs.002",), _to_pacs002),
    Pair("pacs004-mt103", "iso20022", lambda m: isinstance(m, PaymentReturn), ("103",), _from_pacs004),
    Pair(
        "pacs002-mt103",
        "iso20022",
        lambda m: isinstance(m, StatusReport) and m.message_type.startswith("pacs.002"),
        ("103",),
        _from_pacs002,
    ),
)
