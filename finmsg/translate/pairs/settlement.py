"""Trade to settlement through ``finmsg.convert``: FIX 8/J/AK, MT515/518/54x and sese/setr.

The mappings live in :mod:`finmsg.settlement`; this module only tells the
translation registry which messages and targets they cover. The SSI table comes
from the ``ssi`` option (a path, or a table loaded with ``finmsg.settlement.load_ssi``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finmsg.model.base import Message
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_MT = ("515", "518", "540", "541", "542", "543", "544", "545", "546", "547")
_MX = ("sese.023", "sese.025", "setr.027")
_FIX_TYPES = frozenset({"8", "J", "AK"})


def _ssi(ctx: Ctx) -> Any:
    given = ctx.options.get("ssi")
    if isinstance(given, (str, Path)):
        from finmsg.settlement import load_ssi

        return load_ssi(Path(given))
    return given


def _target_name(target: Target) -> str:
    if target.family == "fix":
        return "fix"
    if target.family == "mt":
        return f"mt{target.message}" if target.message else "mt"
    return target.version or target.message or "iso20022"


def _convert(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.settlement import convert_settlement

    # ``now`` keeps the AppHdr CreDt reproducible, as for every other pair.
    result = convert_settlement(message, _target_name(target), ssi=_ssi(ctx), now=ctx.now)
    ctx.diagnostics.extend(result.diagnostics)
    return result.value


def _is_trade(message: Message) -> bool:
    return message.family == "fix" and message.message_type in _FIX_TYPES


def _is_securities_mt(message: Message) -> bool:
    return message.family == "mt" and message.message_type[:3] in _MT


def _is_securities_mx(message: Message) -> bool:
    return message.family == "iso20022" and message.message_type[:8] in _MX


# finmsg.settlement maps (and reports) the headers itself: envelope=False.
PAIRS = (
    Pair("fix-settlement", "fix", _is_trade, _MT + _MX, _convert, priority=50, envelope=False),
    Pair("mt54x-sese", "mt", _is_securities_mt, _MX, _convert, priority=50, envelope=False),
    Pair("sese-mt54x", "iso20022", _is_securities_mx, _MT, _convert, priority=50, envelope=False),
    # back to FIX: an allocation instruction (35=J) from the settlement instruction
    Pair("mt54x-fix", "mt", _is_securities_mt, ("fix",), _convert, priority=50, envelope=False),
    Pair("sese-fix", "iso20022", _is_securities_mx, ("fix",), _convert, priority=50, envelope=False),
)
