"""MT103 (plain, STP, REMIT) ↔ pacs.008."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from finmsg.model.base import Message
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.fieldtags import tags_of
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULT = "pacs.008.001.08"


def _is_plain_103(message: Message) -> bool:
    # message_type[:3] == "103" is what ``mt_number == "103"`` means, without the property call
    if not isinstance(message, MtMessage) or message.message_type[:3] != "103":
        return False
    fields = message.fields
    tags = tags_of(fields)  # computed once per message: the translation asks again
    if "72" not in tags:
        return True
    # the first 72 decides (a REJT/RETN answer is another pair)
    return not fields[tags.index("72")][1].startswith(("/REJT/", "/RETN/"))


# The mapping modules load on the first translation, not with the pair table (which stays light);
# an import statement run per message costs more than most field mappings, hence the cached loaders.
@cache
def _inbound() -> Callable[[MtMessage, Ctx, str], CreditTransfer]:
    from finmsg.translate.mt103_in import mt103_to_pacs008

    return mt103_to_pacs008


@cache
def _outbound() -> Callable[[CreditTransfer, Ctx, bool | None], Message]:
    from finmsg.translate.mt103_out import pacs008_to_mt103

    return pacs008_to_mt103


def _to_pacs008(message: Message, target: Target, ctx: Ctx) -> Message:
    assert isinstance(message, MtMessage)
    return _inbound()(message, ctx, target.version or _DEFAULT)


def _is_pacs008(message: Message) -> bool:
    return isinstance(message, CreditTransfer) and message.message_type.startswith("pacs.008")


def _to_mt103(message: Message, target: Target, ctx: Ctx) -> Message:
    assert isinstance(message, CreditTransfer)
    want = True if target.variant == "STP" else (False if target.variant else None)
    return _outbound()(message, ctx, want)


# Asked before the other pairs of priority 100 (no other pair accepts a plain MT103 or a pacs.008,
# so the choice is the same): an automatic target (``mt``, ``iso20022``) tries each pair's
# ``accepts`` in turn, and these are the most common messages, found first instead of twelfth.
_FIRST = 90

PAIRS = (
    Pair("mt103-pacs008", "mt", _is_plain_103, ("pacs.008",), _to_pacs008, priority=_FIRST),
    Pair("pacs008-mt103", "iso20022", _is_pacs008, ("103",), _to_mt103, priority=_FIRST),
)
