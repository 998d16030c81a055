"""The business application header (head.001.001.02) of a settlement message (rule SE021).

Why: sese.023/sese.025/setr.027 travel between a fund, its custodian and the
CSD over a network that routes on the ``AppHdr`` ``Fr``/``To`` BICs. Without a
header the routing BICs an MT carried in blocks 1 and 2 (or the SSI named) were
lost; with it they survive MT -> MX -> MT.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from finmsg.model.common import Timestamp
from finmsg.model.confirmation import RoutedSettlement
from finmsg.model.payments import AppHeader
from finmsg.model.settlement import SettlementInstruction
from finmsg.settlement.context import Ctx

__all__ = ["HEADER_VERSION", "app_header", "routed"]

HEADER_VERSION = "head.001.001.02"


def _creation(now: datetime) -> Timestamp:
    text = now.isoformat()
    if now.tzinfo is None:
        text += "+00:00"
    return Timestamp(now, text)


def app_header(ctx: Ctx, model: SettlementInstruction, version: str) -> AppHeader | None:
    """The AppHdr for ``model`` written as ``version``, or None (and SE021) when a BIC is missing.

    A header the model already holds (read from an input) is kept, with its
    message definition updated to ``version``.
    """
    existing = getattr(model, "header", None)
    if isinstance(existing, AppHeader):
        return replace(existing, message_definition_id=version)
    if not (model.sender and model.receiver):
        if model.sender or model.receiver:
            ctx.dropped(
                "SE021",
                "sender/receiver",
                "/AppHdr",
                f"{model.sender}/{model.receiver}",
                f"{version} needs both AppHdr/Fr and AppHdr/To: with one routing BIC missing, "
                "no header is written",
            )
        return None
    ctx.info(
        "mapping.routing",
        "SE021",
        "routing BICs carried in the business application header",
        "sender/receiver",
        "/AppHdr/Fr,/AppHdr/To",
        emitted=f"{model.sender}/{model.receiver}",
    )
    return AppHeader(
        version=HEADER_VERSION,
        from_bic=model.sender,
        to_bic=model.receiver,
        business_message_id=model.reference[:35],
        message_definition_id=version,
        creation=_creation(ctx.now),
    )


def routed(model: SettlementInstruction, header: AppHeader | None, **changes: Any) -> RoutedSettlement:
    """``model`` as a :class:`RoutedSettlement` carrying ``header`` (other members unchanged)."""
    values = {f.name: getattr(model, f.name) for f in fields(SettlementInstruction)}
    values.update(changes)
    return RoutedSettlement(**values, header=header)
