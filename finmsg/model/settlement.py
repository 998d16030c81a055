"""Canonical securities settlement model: instructions, settlement and trade confirmations.

One shape carries a trade from its FIX execution to the custodian: the MT540–MT543
and sese.023 instruction, the MT544–MT547 and sese.025 settlement confirmation and
the MT515/MT518 and setr.027 trade confirmation differ only in ``kind`` and in which
members the target can hold. Codes are kept in their ISO 15022 / 20022 spelling
(``RECE``/``DELI``, ``APMT``/``FREE``, ``BUYI``/``SELL``, ``UNIT``/``FAMT``) because
both the MT and the MX dialect share them; FIX codes are translated at the edge.
No I/O and no wire-format knowledge lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finmsg.model.base import Message
from finmsg.model.common import Amount, Extra
from finmsg.model.fastinit import speed_up_inits

__all__ = [
    "AMOUNT_QUALIFIERS",
    "PARTY_ROLES",
    "DealPrice",
    "SettlementAmount",
    "SettlementInstruction",
    "SettlementParty",
]

#: Settlement party roles (ISO 15022 qualifiers of field 95a in sequence E1 / C1).
PARTY_ROLES = ("PSET", "DEAG", "DECU", "DEI1", "DEI2", "SELL", "REAG", "RECU", "REI1", "REI2", "BUYR")
#: Amount qualifiers carried by the model (field 19A).
AMOUNT_QUALIFIERS = ("DEAL", "SETT", "EXEC", "ACRU")

INSTRUCTION = "instruction"
SETTLEMENT_CONFIRMATION = "settlement-confirmation"
TRADE_CONFIRMATION = "trade-confirmation"


@dataclass(frozen=True, slots=True)
class SettlementParty:
    """A settlement party in one role: BIC, or a proprietary id with its issuer; its securities account.

    An LEI travels as a proprietary id with issuer ``LEI`` (MT 95R / ISO PrtryId).
    """

    role: str
    bic: str | None = None
    proprietary_id: str | None = None
    issuer: str | None = None
    account: str | None = None


@dataclass(frozen=True, slots=True)
class DealPrice:
    """The deal price with its type kept.

    ``type`` is ``PRCT`` (percentage of face), ``YIEL`` (yield), ``DISC``/``PREM``
    (discount/premium rate) or ``ACTU`` (amount per unit, then ``currency`` is set).
    """

    value: Decimal
    type: str
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class SettlementAmount:
    """One qualified amount: ``DEAL`` gross, ``SETT`` net money, ``EXEC`` commission, ``ACRU`` accrued."""

    qualifier: str
    amount: Amount


@dataclass(frozen=True, slots=True, kw_only=True)
class SettlementInstruction(Message):
    """A settlement instruction or confirmation (see the module docstring).

    ``delivery`` is ``RECE`` or ``DELI``; ``payment`` is ``APMT`` or ``FREE``; ``side``
    is ``BUYI`` or ``SELL``; ``quantity_type`` is ``UNIT`` or ``FAMT`` (face amount).
    ``links`` are related references (a FIX order or allocation id, the instruction
    a confirmation answers). ``sender``/``receiver`` are BICs of the routing header.
    """

    kind: str = INSTRUCTION
    reference: str
    function: str = "NEWM"
    delivery: str
    payment: str
    side: str | None = None
    transaction_type: str = "TRAD"
    trade_date: date | None = None
    settlement_date: date
    isin: str | None = None
    description: str | None = None
    quantity: Decimal
    quantity_type: str = "UNIT"
    price: DealPrice | None = None
    amounts: tuple[SettlementAmount, ...] = ()
    safekeeping_account: str | None = None
    parties: tuple[SettlementParty, ...] = ()
    links: tuple[str, ...] = ()
    trade_id: str | None = None
    sender: str | None = None
    receiver: str | None = None
    extras: tuple[Extra, ...] = ()

    def amount(self, qualifier: str) -> Amount | None:
        """The amount with this qualifier (``SETT``), or ``None``."""
        return next((a.amount for a in self.amounts if a.qualifier == qualifier), None)

    def party(self, role: str) -> SettlementParty | None:
        """The party in this role (``PSET``), or ``None``."""
        return next((p for p in self.parties if p.role == role), None)

    @property
    def mt_type(self) -> str:
        """The MT54x number for this direction and payment (``541`` receive against payment)."""
        base = {"RECE": 0, "DELI": 2}[self.delivery] + (1 if self.payment == "APMT" else 0)
        return str((544 if self.kind == SETTLEMENT_CONFIRMATION else 540) + base)


speed_up_inits(__name__)
