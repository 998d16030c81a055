"""Trade confirmation (setr.027) and routed settlement models.

Why a separate module: the settlement model (:mod:`finmsg.model.settlement`)
already carries every fact an MT515/MT518 and a setr.027 share (dates, ISIN,
quantity, deal price, amounts, parties), so a trade confirmation is that model
plus the few members only the ISO message has. ``RoutedSettlement`` adds the
business application header (head.001) that an ISO 20022 writer puts next to the
``Document``: the ISO writer emits an ``AppHdr`` for any model with a ``header``
member, so routing BICs are carried instead of reported as dropped.
No I/O and no wire-format knowledge lives here.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader
from finmsg.model.settlement import TRADE_CONFIRMATION, SettlementInstruction

__all__ = ["SETR027", "RoutedSettlement", "TradeConfirmation"]

#: The setr.027 version finmsg reads and writes (vendored XSD).
SETR027 = "setr.027.001.05"


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutedSettlement(SettlementInstruction):
    """A settlement instruction or confirmation written with its business application header.

    ``header`` is built from ``sender``/``receiver`` when the model is retargeted to
    ISO 20022 (rule SE021), or read from the ``AppHdr`` of an input.
    """

    header: AppHeader | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeConfirmation(RoutedSettlement):
    """A securities trade confirmation (setr.027; MT515/MT518 in the MT dialect).

    ``place_of_trade`` is the MIC of the execution venue (FIX LastMkt 30,
    setr.027 ``PlcOfTrad``). The investor's safekeeping account travels as
    ``safekeeping_account``; the confirmation parties are the ``BUYR``/``SELL``
    members of ``parties``, the settlement chain the other roles.
    """

    kind: str = TRADE_CONFIRMATION
    message_type: str = SETR027
    family: str = "iso20022"
    place_of_trade: str | None = None


speed_up_inits(__name__)
