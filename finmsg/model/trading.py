"""Canonical trading model: orders, executions, trade captures, allocations, confirmations.

No I/O and no wire-format knowledge: readers (FIX today) fill these frozen,
slotted dataclasses; writers consume them. Quantities, prices and amounts are
``Decimal`` (never float); times are :class:`UtcTimestamp` (timezone-aware UTC
plus the nanoseconds a ``datetime`` cannot hold, plus the original text so a
writer reproduces the source precision). Identifier schemes are kept as the
source's codes (``source``) with typed accessors (``lei``, ``bic``, ``isin``...).
Anything a mapping cannot place goes to ``extras`` (never dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from finmsg.model.base import Message
from finmsg.model.common import Extra
from finmsg.model.fastinit import speed_up_inits

__all__ = [
    "AllocationEntry",
    "AllocationInstruction",
    "Confirmation",
    "ExecutionReport",
    "Instrument",
    "NewOrderSingle",
    "OrderAttribute",
    "OrderCancelReplaceRequest",
    "OrderCancelRequest",
    "PartySubId",
    "RegulatoryTradeId",
    "SecurityAltId",
    "TradeCaptureReport",
    "TradePublication",
    "TradeSide",
    "TradingMessage",
    "TradingParty",
    "UtcTimestamp",
]

# PartyIDSource (447) codes with a typed meaning.
_LEI, _BIC, _MIC = "N", "B", "G"
# SecurityIDSource (22) codes.
_ISIN, _CUSIP, _SEDOL, _RIC = "4", "1", "2", "5"


@dataclass(frozen=True, slots=True)
class UtcTimestamp:
    """A UTC instant with full source precision.

    ``value`` is timezone-aware UTC (microseconds at most, a ``datetime`` limit);
    ``nanos`` is the fraction of the second in nanoseconds (exact up to 9 digits);
    ``text`` is the original representation, kept so that the same precision is written back.
    """

    value: datetime
    nanos: int
    text: str

    @property
    def precision(self) -> int:
        """Number of fractional-second digits in the source (0, 3, 6, 9, ...)."""
        dot = self.text.rfind(".")
        return 0 if dot < 0 else len(self.text) - dot - 1


@dataclass(frozen=True, slots=True)
class PartySubId:
    """A party sub-identifier (e.g. PartySubID 523 with PartySubIDType 803)."""

    id: str
    type: str | None = None


@dataclass(frozen=True, slots=True)
class TradingParty:
    """A party to a trade: id, its scheme (PartyIDSource), role and role qualifier."""

    id: str
    source: str | None = None
    role: str | None = None
    role_qualifier: str | None = None
    sub_ids: tuple[PartySubId, ...] = ()
    extras: tuple[Extra, ...] = ()

    @property
    def lei(self) -> str | None:
        return self.id if self.source == _LEI else None

    @property
    def bic(self) -> str | None:
        return self.id if self.source == _BIC else None

    @property
    def mic(self) -> str | None:
        return self.id if self.source == _MIC else None


@dataclass(frozen=True, slots=True)
class SecurityAltId:
    id: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Instrument:
    """What is traded: symbol, security id with its scheme, CFI code, alternative ids."""

    symbol: str | None = None
    security_id: str | None = None
    security_id_source: str | None = None
    cfi_code: str | None = None
    security_type: str | None = None
    maturity_month_year: str | None = None
    security_exchange: str | None = None
    alt_ids: tuple[SecurityAltId, ...] = ()
    extras: tuple[Extra, ...] = ()

    def _id(self, source: str) -> str | None:
        if self.security_id_source == source:
            return self.security_id
        return next((a.id for a in self.alt_ids if a.source == source), None)

    @property
    def isin(self) -> str | None:
        return self._id(_ISIN)

    @property
    def cusip(self) -> str | None:
        return self._id(_CUSIP)

    @property
    def sedol(self) -> str | None:
        return self._id(_SEDOL)

    @property
    def ric(self) -> str | None:
        return self._id(_RIC)


@dataclass(frozen=True, slots=True)
class RegulatoryTradeId:
    """MiFID II / EMIR trade identifier (RegulatoryTradeID 1903 and its type 1906)."""

    id: str
    source: str | None = None
    event: str | None = None
    type: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderAttribute:
    """OrderAttributeType (2594) / OrderAttributeValue (2595), e.g. algorithmic or liquidity provision."""

    type: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class TradePublication:
    """TrdRegPublicationType (2669) and TrdRegPublicationReason (2670): waivers and deferrals."""

    type: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AllocationEntry:
    """One allocation: account, quantity, price and the nested parties of that account."""

    account: str | None = None
    qty: Decimal | None = None
    price: Decimal | None = None
    individual_alloc_id: str | None = None
    parties: tuple[TradingParty, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class TradeSide:
    """One side of a trade capture report (NoSides 552)."""

    side: str
    order_id: str | None = None
    cl_ord_id: str | None = None
    account: str | None = None
    parties: tuple[TradingParty, ...] = ()
    allocations: tuple[AllocationEntry, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TradingMessage(Message):
    """Fields every trading message may carry: routing header, parties, instrument, MiFID II data."""

    family: str = "fix"
    begin_string: str = "FIX.4.4"
    appl_ver_id: str | None = None
    sender_comp_id: str | None = None
    target_comp_id: str | None = None
    msg_seq_num: int | None = None
    sending_time: UtcTimestamp | None = None
    account: str | None = None
    currency: str | None = None
    transact_time: UtcTimestamp | None = None
    text: str | None = None
    instrument: Instrument | None = None
    parties: tuple[TradingParty, ...] = ()
    regulatory_trade_ids: tuple[RegulatoryTradeId, ...] = ()
    order_attributes: tuple[OrderAttribute, ...] = ()
    trade_publications: tuple[TradePublication, ...] = ()
    trade_price_conditions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class _OrderFields(TradingMessage):
    cl_ord_id: str | None = None
    side: str | None = None
    order_qty: Decimal | None = None
    ord_type: str | None = None
    price: Decimal | None = None
    stop_px: Decimal | None = None
    time_in_force: str | None = None
    handl_inst: str | None = None
    exec_inst: str | None = None
    ex_destination: str | None = None
    allocations: tuple[AllocationEntry, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NewOrderSingle(_OrderFields):
    """NewOrderSingle (FIX MsgType D)."""

    message_type: str = "D"


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderCancelReplaceRequest(_OrderFields):
    """OrderCancelReplaceRequest (FIX MsgType G)."""

    message_type: str = "G"
    orig_cl_ord_id: str | None = None
    order_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderCancelRequest(TradingMessage):
    """OrderCancelRequest (FIX MsgType F)."""

    message_type: str = "F"
    orig_cl_ord_id: str | None = None
    cl_ord_id: str | None = None
    order_id: str | None = None
    side: str | None = None
    order_qty: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionReport(TradingMessage):
    """ExecutionReport (FIX MsgType 8)."""

    message_type: str = "8"
    order_id: str | None = None
    exec_id: str | None = None
    exec_type: str | None = None
    ord_status: str | None = None
    cl_ord_id: str | None = None
    side: str | None = None
    order_qty: Decimal | None = None
    price: Decimal | None = None
    last_qty: Decimal | None = None
    last_px: Decimal | None = None
    leaves_qty: Decimal | None = None
    cum_qty: Decimal | None = None
    avg_px: Decimal | None = None
    last_mkt: str | None = None
    trade_date: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeCaptureReport(TradingMessage):
    """TradeCaptureReport (FIX MsgType AE)."""

    message_type: str = "AE"
    trade_report_id: str | None = None
    exec_id: str | None = None
    trd_type: str | None = None
    last_qty: Decimal | None = None
    last_px: Decimal | None = None
    trade_date: str | None = None
    sides: tuple[TradeSide, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AllocationInstruction(TradingMessage):
    """AllocationInstruction (FIX MsgType J)."""

    message_type: str = "J"
    alloc_id: str | None = None
    alloc_trans_type: str | None = None
    alloc_type: str | None = None
    side: str | None = None
    quantity: Decimal | None = None
    avg_px: Decimal | None = None
    trade_date: str | None = None
    allocations: tuple[AllocationEntry, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Confirmation(TradingMessage):
    """Confirmation (FIX MsgType AK)."""

    message_type: str = "AK"
    confirm_id: str | None = None
    confirm_trans_type: str | None = None
    confirm_type: str | None = None
    confirm_status: str | None = None
    alloc_id: str | None = None
    side: str | None = None
    alloc_account: str | None = None
    alloc_qty: Decimal | None = None
    avg_px: Decimal | None = None
    gross_trade_amt: Decimal | None = None
    net_money: Decimal | None = None
    trade_date: str | None = None


speed_up_inits(__name__)
