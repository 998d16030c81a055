"""Exceptions and investigations: returns, status reports, cancellation requests, resolutions.

These messages all *point back* at an earlier payment. That back-reference is one
shape everywhere (original message id and name, original instruction / end-to-end /
transaction ids, original UETR, original settlement amount and date, and a copy
of key data of the original transaction), so it is modelled once as
:class:`OriginalTransactionRef` and shared by every transaction-level class here.
The same goes for reasons (:class:`ReasonInfo`: return, status, cancellation and
cancellation-status reasons have the same code / proprietary / text / originator
shape) and for the original group block (:class:`OriginalGroupInfo`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Amount, Extra, Party, Timestamp
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import (
    AgentAccount,
    AppHeader,
    Charge,
    CodeOrProprietary,
    GroupHeader,
    PaymentTypeInfo,
    Remittance,
    SettlementInfo,
)

__all__ = [
    "Assignment",
    "CancellationDetails",
    "CancellationRequest",
    "CancellationStatusTx",
    "CancellationTx",
    "CaseRef",
    "InvestigationResolution",
    "OriginalGroupInfo",
    "OriginalGroupRef",
    "OriginalTransactionRef",
    "OriginalTxDetails",
    "PaymentInfoStatus",
    "PaymentReturn",
    "ReasonInfo",
    "ResolutionStatus",
    "ReturnChain",
    "ReturnTx",
    "StatusReport",
    "TransactionStatus",
    "UnderlyingCancellation",
]

#: A party that may be a non-financial party or a financial institution (ISO ``Party40Choice``).
PartyOrAgent = Party | Agent


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    """Why: a reason code (or proprietary reason), free-text lines and who gave the reason."""

    reason: CodeOrProprietary | None = None
    additional_info: tuple[str, ...] = ()
    originator: Party | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class OriginalGroupRef:
    """Identification of the original message (OrgnlGrpInf): id, message name, creation time."""

    message_id: str
    message_name_id: str
    creation: Timestamp | None = None


@dataclass(frozen=True, slots=True)
class CaseRef:
    """An investigation case: its id, who created it, and whether it was reopened."""

    id: str
    creator: PartyOrAgent | None = None
    reopened: bool | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who assigned the case to whom, when (Assgnmt)."""

    id: str
    assigner: PartyOrAgent | None = None
    assignee: PartyOrAgent | None = None
    creation: Timestamp | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class OriginalTxDetails:
    """Key data of the original transaction as copied by the sender (OrgnlTxRef)."""

    settlement_amount: Amount | None = None
    instructed_amount: Amount | None = None
    settlement_date: date | None = None
    requested_collection_date: date | None = None
    requested_execution_date: date | None = None
    settlement: SettlementInfo | None = None
    payment_type: PaymentTypeInfo | None = None
    payment_method: str | None = None
    remittance: Remittance | None = None
    ultimate_debtor: PartyOrAgent | None = None
    debtor: PartyOrAgent | None = None
    debtor_account: Account | None = None
    debtor_agent: Agent | None = None
    debtor_agent_account: Account | None = None
    creditor_agent: Agent | None = None
    creditor_agent_account: Account | None = None
    creditor: PartyOrAgent | None = None
    creditor_account: Account | None = None
    ultimate_creditor: PartyOrAgent | None = None
    purpose: CodeOrProprietary | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class OriginalTransactionRef:
    """Everything a transaction-level exception message says about the payment it refers to."""

    group: OriginalGroupRef | None = None
    payment_info_id: str | None = None
    instruction_id: str | None = None
    end_to_end_id: str | None = None
    transaction_id: str | None = None
    uetr: str | None = None
    clearing_system_ref: str | None = None
    settlement_amount: Amount | None = None
    settlement_date: date | None = None
    details: OriginalTxDetails | None = None


@dataclass(frozen=True, slots=True)
class OriginalGroupInfo:
    """The original message as a whole, with what happens to it as a group.

    One class for pacs.004 OrgnlGrpInf, pacs.002/pain.002 OrgnlGrpInfAndSts,
    camt.056 OrgnlGrpInfAndCxl and camt.029 OrgnlGrpInfAndSts. ``id`` is the group
    cancellation (status) id, ``status`` the group (cancellation) status code and
    ``cancel_group`` camt.056's whole-group cancellation flag.
    """

    original: OriginalGroupRef
    id: str | None = None
    case: CaseRef | None = None
    number_of_transactions: str | None = None
    control_sum: Decimal | None = None
    status: str | None = None
    cancel_group: bool | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class ReturnChain:
    """The parties of the returned payment, debtor and creditor as in the *return* (RtrChain)."""

    ultimate_debtor: PartyOrAgent | None = None
    debtor: PartyOrAgent | None = None
    debtor_account: Account | None = None
    initiating_party: PartyOrAgent | None = None
    debtor_agent: Agent | None = None
    debtor_agent_account: Account | None = None
    previous_instructing_agents: tuple[AgentAccount, ...] = ()
    intermediary_agents: tuple[AgentAccount, ...] = ()
    creditor_agent: Agent | None = None
    creditor_agent_account: Account | None = None
    creditor: PartyOrAgent | None = None
    creditor_account: Account | None = None
    ultimate_creditor: PartyOrAgent | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class ReturnTx:
    """One returned transaction (pacs.004 TxInf)."""

    return_id: str | None = None
    original: OriginalTransactionRef = OriginalTransactionRef()
    returned_amount: Amount | None = None
    settlement_date: date | None = None
    settlement_priority: str | None = None
    returned_instructed_amount: Amount | None = None
    exchange_rate: Decimal | None = None
    compensation_amount: Amount | None = None
    charge_bearer: str | None = None
    charges: tuple[Charge, ...] = ()
    clearing_system_ref: str | None = None
    instructing_agent: Agent | None = None
    instructed_agent: Agent | None = None
    return_chain: ReturnChain | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentReturn(Message):
    """A payment return (pacs.004): funds of settled payments sent back, with reasons."""

    group_header: GroupHeader
    original_group: OriginalGroupInfo | None = None
    transactions: tuple[ReturnTx, ...] = ()
    header: AppHeader | None = None


@dataclass(frozen=True, slots=True)
class TransactionStatus:
    """Status of one original transaction (TxInfAndSts of pacs.002 / pain.002)."""

    status_id: str | None = None
    original: OriginalTransactionRef = OriginalTransactionRef()
    status: str | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    charges: tuple[Charge, ...] = ()
    acceptance: Timestamp | None = None
    effective_settlement_date: date | None = None
    account_servicer_ref: str | None = None
    clearing_system_ref: str | None = None
    instructing_agent: Agent | None = None
    instructed_agent: Agent | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class PaymentInfoStatus:
    """Status of one original payment information block of a pain.001/pain.008 (OrgnlPmtInfAndSts)."""

    original_payment_info_id: str
    number_of_transactions: str | None = None
    control_sum: Decimal | None = None
    status: str | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    transactions: tuple[TransactionStatus, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusReport(Message):
    """A payment status report: FI to FI (pacs.002) or bank to customer (pain.002).

    pacs.002 reports transactions directly; pain.002 groups them per original
    payment information block (``payment_infos``).
    """

    group_header: GroupHeader
    original_groups: tuple[OriginalGroupInfo, ...] = ()
    payment_infos: tuple[PaymentInfoStatus, ...] = ()
    transactions: tuple[TransactionStatus, ...] = ()
    header: AppHeader | None = None


@dataclass(frozen=True, slots=True)
class CancellationTx:
    """Request to cancel one original transaction (camt.056 TxInf)."""

    cancellation_id: str | None = None
    case: CaseRef | None = None
    original: OriginalTransactionRef = OriginalTransactionRef()
    assigner: Agent | None = None
    assignee: Agent | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class UnderlyingCancellation:
    """One Undrlyg block: an original group to cancel and/or individual transactions."""

    original_group: OriginalGroupInfo | None = None
    transactions: tuple[CancellationTx, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CancellationRequest(Message):
    """An FI to FI payment cancellation request (camt.056)."""

    assignment: Assignment
    case: CaseRef | None = None
    number_of_transactions: str | None = None
    control_sum: Decimal | None = None
    underlyings: tuple[UnderlyingCancellation, ...] = ()
    header: AppHeader | None = None


@dataclass(frozen=True, slots=True)
class ResolutionStatus:
    """Outcome of the investigation (Sts): a confirmation code such as CNCL, RJCR, PDCR.

    Only one member is set (it is a choice in the schema); rejected modifications
    stay in ``extras``.
    """

    confirmation: str | None = None
    duplicate_of: CaseRef | None = None
    assignment_cancellation_confirmed: bool | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class CancellationStatusTx:
    """Cancellation status of one original transaction (camt.029 CxlDtls/TxInfAndSts)."""

    cancellation_status_id: str | None = None
    resolved_case: CaseRef | None = None
    original: OriginalTransactionRef = OriginalTransactionRef()
    status: str | None = None
    reasons: tuple[ReasonInfo, ...] = ()
    assigner: PartyOrAgent | None = None
    assignee: PartyOrAgent | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class CancellationDetails:
    """One CxlDtls block: the status of the cancellation of a group and/or of transactions."""

    original_group: OriginalGroupInfo | None = None
    transactions: tuple[CancellationStatusTx, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InvestigationResolution(Message):
    """A resolution of investigation (camt.029), e.g. the answer to a camt.056 cancellation request."""

    assignment: Assignment
    resolved_case: CaseRef | None = None
    status: ResolutionStatus = ResolutionStatus()
    cancellation_details: tuple[CancellationDetails, ...] = ()
    header: AppHeader | None = None


speed_up_inits(__name__)
