"""The RTS 22 transaction record: what one auth.016 ``New`` or ``Cxl`` says, independent of XML.

Mapping (FIX -> record) and checks (record -> findings) meet here, and the
XML writer only serialises it, so a new profile (another auth.016 version,
an envelope) never touches the mapping or the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["Decider", "Person", "Price", "Quantity", "ReportParty", "TxRecord"]


@dataclass(frozen=True, slots=True)
class Person:
    """A natural person as RTS 22 identifies one (national id or CONCAT with scheme)."""

    id: str
    scheme: str
    first_name: str | None = None
    surname: str | None = None
    birth_date: str | None = None
    branch_country: str | None = None


@dataclass(frozen=True, slots=True)
class ReportParty:
    """A buyer or seller (account owner): LEI, MIC, person or ``INTC``, with optional decision maker."""

    lei: str | None = None
    mic: str | None = None
    person: Person | None = None
    internal: bool = False
    branch_country: str | None = None
    decision_maker_lei: str | None = None
    decision_maker: Person | None = None


@dataclass(frozen=True, slots=True)
class Decider:
    """Investment decision or execution within the firm: a person, an algorithm, or the client (NORE)."""

    person: Person | None = None
    algo: str | None = None
    client: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str  # Unit | NmnlVal | MntryVal
    value: Decimal
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Price:
    kind: str  # MntryVal | Pctg | Yld | BsisPts
    value: Decimal
    currency: str | None = None


@dataclass(slots=True)
class TxRecord:
    """One transaction report. ``cancel`` records carry only the ids."""

    source: str
    tx_id: str
    executing_lei: str
    submitting_lei: str
    cancel: bool = False
    investment_firm: bool = True
    buyer: ReportParty | None = None
    seller: ReportParty | None = None
    transmission: bool = False
    trade_time: str | None = None
    trade_time_precision: int | None = None
    capacity: str | None = None
    quantity: Quantity | None = None
    price: Price | None = None
    net_amount: Decimal | None = None
    venue: str | None = None
    branch_country: str | None = None
    venue_tx_id: str | None = None
    isin: str | None = None
    cfi: str | None = None
    investment_decision: Decider | None = None
    execution: Decider | None = None
    waivers: list[str] = field(default_factory=list)
    short_selling: str | None = None
    otc_post_trade: list[str] = field(default_factory=list)
    risk_reduction: bool | None = None
    sft: bool = False
    #: a correction: the transaction reference of the report it replaces (cancelled before this one)
    replaces: str | None = None
