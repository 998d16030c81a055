"""Account reports, statements and debit/credit notifications (camt.052 / camt.053 / camt.054).

The three ISO 20022 messages share one shape — a group header and one or more
per-account blocks (``Rpt`` / ``Stmt`` / ``Ntfctn``) holding balances, a
transaction summary and booked or pending entries — so one model serves them,
with :attr:`Statement.kind` saying which it is. The same shape is what an
MT940/MT942/MT900/MT910 translation needs: account, balances with their type and
date, and per entry the amount, direction, dates, references and counterparties.

Charges (``Chrgs``, at entry and at transaction level) are modelled by
:class:`StatementCharges`: fees are what treasury teams reconcile, so they must
survive a version conversion, not only a same-version round trip. Data the mapping
does not model (card data, interest records, prices...) is kept in the ``extras`` of
the nearest model object, so nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Amount, Extra, Party, Timestamp
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader, Charge, CodeOrProprietary, Remittance

__all__ = [
    "AccountReport",
    "Balance",
    "BankTransactionCode",
    "BatchInfo",
    "ChargeRecord",
    "ChargeTax",
    "DateOrDateTime",
    "Entry",
    "EntryDetails",
    "Pagination",
    "Period",
    "ReportKind",
    "ReturnInfo",
    "Statement",
    "StatementCharges",
    "StatementGroupHeader",
    "TransactionDetails",
    "TransactionReferences",
    "TransactionSummary",
]


class ReportKind(str, Enum):
    """Which of the three cash-management messages this is."""

    REPORT = "report"  # camt.052 intraday account report (MT942 territory)
    STATEMENT = "statement"  # camt.053 end-of-day statement (MT940/MT950 territory)
    NOTIFICATION = "notification"  # camt.054 debit/credit notification (MT900/MT910 territory)


@dataclass(frozen=True, slots=True)
class Pagination:
    """Page number and last-page flag (``MsgPgntn``, ``StmtPgntn``...)."""

    page_number: str
    last_page: bool


@dataclass(frozen=True, slots=True)
class Period:
    """A from/to date-time period (``FrToDt``)."""

    start: Timestamp
    end: Timestamp


@dataclass(frozen=True, slots=True)
class DateOrDateTime:
    """The ``Dt | DtTm`` choice used for balance, booking and value dates: exactly one is set."""

    date: date | None = None
    date_time: Timestamp | None = None


@dataclass(frozen=True, slots=True)
class StatementGroupHeader:
    """GrpHdr of a camt.052/053/054: message id, creation, recipient, pagination, free text."""

    message_id: str
    creation: Timestamp | None = None
    recipient: Party | None = None
    pagination: Pagination | None = None
    additional_info: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class BankTransactionCode:
    """``BkTxCd``: ISO domain/family/sub-family and/or a proprietary code with its issuer."""

    domain: str | None = None
    family: str | None = None
    subfamily: str | None = None
    proprietary: str | None = None
    proprietary_issuer: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Balance:
    """One balance: type (``OPBD``, ``CLBD``, ``ITBD``... or proprietary), amount, sign, date."""

    type: CodeOrProprietary
    amount: Amount
    credit_debit: str
    date: DateOrDateTime | None = None
    subtype: CodeOrProprietary | None = None
    extras: tuple[Extra, ...] = ()

    @property
    def signed_amount(self) -> Decimal:
        """The amount with a minus sign for a debit balance."""
        return -self.amount.value if self.credit_debit == "DBIT" else self.amount.value


@dataclass(frozen=True, slots=True)
class TransactionSummary:
    """``TxsSummry``: count and sum of all, credit and debit entries, and the net amount."""

    number_of_entries: str | None = None
    sum: Decimal | None = None
    net_amount: Decimal | None = None
    net_credit_debit: str | None = None
    credit_entries: str | None = None
    credit_sum: Decimal | None = None
    debit_entries: str | None = None
    debit_sum: Decimal | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class TransactionReferences:
    """``Refs`` of one transaction: every id the account servicer passed on, UETR included."""

    message_id: str | None = None
    account_servicer_ref: str | None = None
    payment_info_id: str | None = None
    instruction_id: str | None = None
    end_to_end_id: str | None = None
    uetr: str | None = None
    transaction_id: str | None = None
    mandate_id: str | None = None
    cheque_number: str | None = None
    clearing_system_ref: str | None = None
    account_owner_tx_id: str | None = None
    account_servicer_tx_id: str | None = None
    market_infrastructure_tx_id: str | None = None
    processing_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnInfo:
    """``RtrInf``: why a returned payment came back (reason code and free-text lines)."""

    reason: CodeOrProprietary | None = None
    additional_info: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChargeTax:
    """``Tax`` of a charge record (``TaxCharges2``): tax id, rate and amount."""

    id: str | None = None
    rate: Decimal | None = None
    amount: Amount | None = None


@dataclass(frozen=True, slots=True)
class ChargeRecord(Charge):
    """One charge on a statement entry or transaction.

    A :class:`~finmsg.model.payments.Charge` (amount, the agent that took it, type)
    with what a statement adds: the sign, whether the charge is included in the
    entry amount (``ChrgInclInd``, from version .04), rate, bearer and tax. A
    proprietary type (``Tp/Prtry``) is ``type.proprietary`` plus ``type_issuer``.
    Version .02 calls the agent ``Pty``; later versions ``Agt``.
    """

    credit_debit: str | None = None
    included: bool | None = None
    type_issuer: str | None = None
    rate: Decimal | None = None
    bearer: str | None = None
    tax: ChargeTax | None = None
    extras: tuple[Extra, ...] = ()

    @property
    def signed_amount(self) -> Decimal:
        """The amount with a minus sign for a debit charge (no sign given: as reported)."""
        return -self.amount.value if self.credit_debit == "DBIT" else self.amount.value


@dataclass(frozen=True, slots=True)
class StatementCharges:
    """``Chrgs`` of an entry or transaction: the total of charges and tax, and the records.

    From version .03 this is one ``Chrgs`` with ``TtlChrgsAndTaxAmt`` and ``Rcrd``
    children; in version .02 each record is its own ``Chrgs`` element, which may repeat
    the total (read as one total when every copy agrees).
    """

    total: Amount | None = None
    records: tuple[ChargeRecord, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class TransactionDetails:
    """``TxDtls``: one underlying transaction of an entry, with its references and parties.

    Parties are :class:`Party` or :class:`Agent` (the schema's ``Pty | Agt`` choice).
    """

    refs: TransactionReferences | None = None
    amount: Amount | None = None
    credit_debit: str | None = None
    instructed_amount: Amount | None = None
    transaction_amount: Amount | None = None
    bank_transaction_code: BankTransactionCode | None = None
    charges: StatementCharges | None = None
    initiating_party: Party | Agent | None = None
    debtor: Party | Agent | None = None
    debtor_account: Account | None = None
    ultimate_debtor: Party | Agent | None = None
    creditor: Party | Agent | None = None
    creditor_account: Account | None = None
    ultimate_creditor: Party | Agent | None = None
    instructing_agent: Agent | None = None
    instructed_agent: Agent | None = None
    debtor_agent: Agent | None = None
    creditor_agent: Agent | None = None
    intermediary_agents: tuple[Agent, ...] = ()
    local_instrument: CodeOrProprietary | None = None
    purpose: CodeOrProprietary | None = None
    remittance: Remittance | None = None
    interbank_settlement_date: date | None = None
    return_info: ReturnInfo | None = None
    additional_info: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class BatchInfo:
    """``Btch``: the batch an entry books in one amount."""

    message_id: str | None = None
    payment_info_id: str | None = None
    number_of_transactions: str | None = None
    total_amount: Amount | None = None
    credit_debit: str | None = None


@dataclass(frozen=True, slots=True)
class EntryDetails:
    """``NtryDtls``: an optional batch block and the transactions booked in the entry."""

    batch: BatchInfo | None = None
    transactions: tuple[TransactionDetails, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """``Ntry``: one booked (or pending/information) movement on the account."""

    amount: Amount
    credit_debit: str
    status: CodeOrProprietary
    reference: str | None = None
    reversal: bool | None = None
    booking_date: DateOrDateTime | None = None
    value_date: DateOrDateTime | None = None
    account_servicer_ref: str | None = None
    bank_transaction_code: BankTransactionCode | None = None
    charges: StatementCharges | None = None
    details: tuple[EntryDetails, ...] = ()
    additional_info: str | None = None
    extras: tuple[Extra, ...] = ()

    @property
    def signed_amount(self) -> Decimal:
        """The amount with a minus sign for a debit (a reversal keeps the reported sign)."""
        return -self.amount.value if self.credit_debit == "DBIT" else self.amount.value


@dataclass(frozen=True, slots=True)
class AccountReport:
    """One ``Rpt`` / ``Stmt`` / ``Ntfctn``: the account, its balances and entries for a period."""

    id: str
    account: Account
    account_owner: Party | None = None
    account_servicer: Agent | None = None
    pagination: Pagination | None = None
    electronic_sequence: str | None = None
    legal_sequence: str | None = None
    creation: Timestamp | None = None
    period: Period | None = None
    copy_duplicate: str | None = None
    balances: tuple[Balance, ...] = ()
    summary: TransactionSummary | None = None
    entries: tuple[Entry, ...] = ()
    additional_info: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement(Message):
    """A camt.052 account report, camt.053 statement or camt.054 debit/credit notification."""

    kind: ReportKind
    group_header: StatementGroupHeader
    reports: tuple[AccountReport, ...]
    header: AppHeader | None = None


speed_up_inits(__name__)
