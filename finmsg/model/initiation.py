"""Customer payment initiation (pain.001): a group header and batches of credit transfers.

A pain.001 is what a corporate sends its bank: one group header, then one or
more *payment information* batches. Each batch fixes the debtor side (debtor,
account, agent, requested execution date, payment type) once, and lists the
credit transfers to execute from it. The transactions reuse
:class:`~finmsg.model.payments.CreditTransferTx` so that a later pain.001 →
pacs.008 translation works on the same shape as every other credit transfer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Extra, Party, Timestamp
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader, CreditTransferTx, GroupHeader, PaymentTypeInfo

__all__ = ["PaymentInitiation", "PaymentInstruction"]


@dataclass(frozen=True, slots=True)
class PaymentInstruction:
    """One payment-information batch (PmtInf): the debtor side shared by its transactions.

    The requested execution date is a choice in pain.001.001.09 and later:
    ``requested_execution_date`` (``Dt``) or ``requested_execution_datetime``
    (``DtTm``); exactly one is set for a well-formed batch. The debtor members
    are mandatory in the schema but stay optional here, so that a reader can
    still map (and a validator report) an incomplete batch.
    """

    payment_info_id: str
    method: str
    batch_booking: bool | None = None
    number_of_transactions: str | None = None
    control_sum: Decimal | None = None
    payment_type: PaymentTypeInfo | None = None
    requested_execution_date: date | None = None
    requested_execution_datetime: Timestamp | None = None
    debtor: Party | None = None
    debtor_account: Account | None = None
    debtor_agent: Agent | None = None
    debtor_agent_account: Account | None = None
    instruction_for_debtor_agent: str | None = None
    ultimate_debtor: Party | None = None
    charge_bearer: str | None = None
    charges_account: Account | None = None
    charges_account_agent: Agent | None = None
    transactions: tuple[CreditTransferTx, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentInitiation(Message):
    """A customer credit transfer initiation (pain.001, CstmrCdtTrfInitn)."""

    group_header: GroupHeader
    payments: tuple[PaymentInstruction, ...]
    header: AppHeader | None = None

    @property
    def transactions(self) -> tuple[CreditTransferTx, ...]:
        """Every transaction of every batch, in document order."""
        return tuple(tx for batch in self.payments for tx in batch.transactions)


speed_up_inits(__name__)
