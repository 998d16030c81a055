"""Credit transfers: customer (pacs.008 / MT103), FI (pacs.009 / MT202) and cover (COV).

One transaction shape serves every credit-transfer family: an FI transfer simply
has agents where a customer transfer has parties, and a cover payment carries
the underlying customer transfer in :attr:`CreditTransferTx.underlying`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Amount, Extra, Party, Timestamp
from finmsg.model.fastinit import speed_up_inits

__all__ = [
    "VARIANTS",
    "AgentAccount",
    "AppHeader",
    "Charge",
    "CodeOrProprietary",
    "CreditTransfer",
    "CreditTransferTx",
    "GroupHeader",
    "Instruction",
    "PaymentIds",
    "PaymentTypeInfo",
    "Remittance",
    "SettlementInfo",
    "StructuredRemittance",
]

#: The ``variant`` a :class:`CreditTransfer` may have, per message. A writer refuses any other
#: value: a misspelt ``"custmer"`` once made a pacs.008 pass the TFR check unchecked (the check
#: reads ``variant`` to find the customer transfer).
VARIANTS: dict[str, frozenset[str]] = {
    "pacs.008": frozenset({"customer"}),
    "pacs.009": frozenset({"core", "cov", "adv"}),
}


@dataclass(frozen=True, slots=True)
class CodeOrProprietary:
    """An ISO 20022 choice between an external code and a proprietary value."""

    code: str | None = None
    proprietary: str | None = None

    @property
    def value(self) -> str | None:
        return self.code if self.code is not None else self.proprietary


@dataclass(frozen=True, slots=True)
class AppHeader:
    """Business Application Header (head.001): routing and identification of a business message."""

    version: str
    from_bic: str | None = None
    to_bic: str | None = None
    from_clearing: str | None = None
    to_clearing: str | None = None
    business_message_id: str | None = None
    message_definition_id: str | None = None
    business_service: str | None = None
    creation: Timestamp | None = None
    copy_duplicate: str | None = None
    possible_duplicate: bool | None = None
    priority: str | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class AgentAccount:
    """An agent together with its account at the previous party (e.g. IntrmyAgt1 + IntrmyAgt1Acct)."""

    agent: Agent
    account: Account | None = None


@dataclass(frozen=True, slots=True)
class SettlementInfo:
    """How the interbank settlement happens: method (INDA/INGA/COVE/CLRG) and reimbursement agents."""

    method: str
    account: Account | None = None
    clearing_system: CodeOrProprietary | None = None
    instructing_reimbursement: AgentAccount | None = None
    instructed_reimbursement: AgentAccount | None = None
    third_reimbursement: AgentAccount | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupHeader:
    """Message-level data of a payments message (GrpHdr)."""

    message_id: str
    creation: Timestamp | None = None
    number_of_transactions: str | None = None
    control_sum: Decimal | None = None
    total_settlement_amount: Amount | None = None
    settlement_date: date | None = None
    settlement: SettlementInfo | None = None
    instructing_agent: Agent | None = None
    instructed_agent: Agent | None = None
    initiating_party: Party | None = None
    batch_booking: bool | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class PaymentIds:
    """Every reference a payment carries, end to end."""

    instruction_id: str | None = None
    end_to_end_id: str | None = None
    transaction_id: str | None = None
    uetr: str | None = None
    clearing_system_ref: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentTypeInfo:
    """PmtTpInf: priority, clearing channel, service levels, local instrument, category purpose."""

    instruction_priority: str | None = None
    clearing_channel: str | None = None
    service_levels: tuple[CodeOrProprietary, ...] = ()
    local_instrument: CodeOrProprietary | None = None
    category_purpose: CodeOrProprietary | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Charge:
    """One ChrgsInf entry: the amount taken and the agent that took it."""

    amount: Amount
    agent: Agent | None = None
    type: CodeOrProprietary | None = None


@dataclass(frozen=True, slots=True)
class Instruction:
    """An instruction for the creditor agent or the next agent: code and/or free text."""

    code: str | None = None
    info: str | None = None


@dataclass(frozen=True, slots=True)
class StructuredRemittance:
    """One Strd block: referred document, creditor reference, additional lines."""

    document_type: CodeOrProprietary | None = None
    document_number: str | None = None
    document_date: date | None = None
    creditor_reference_type: CodeOrProprietary | None = None
    creditor_reference: str | None = None
    additional_info: tuple[str, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class Remittance:
    """RmtInf: every unstructured line, the structured blocks, and any other member kept whole."""

    unstructured: tuple[str, ...] = ()
    structured: tuple[StructuredRemittance, ...] = ()
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class CreditTransferTx:
    """One credit transfer transaction (CdtTrfTxInf), customer or FI.

    ``debtor``/``creditor`` are :class:`Party` in a customer transfer and
    :class:`Agent` in an FI transfer. ``underlying`` holds the underlying customer
    credit transfer of a cover payment (pacs.009 COV / MT202COV sequence B).
    """

    ids: PaymentIds = PaymentIds()
    payment_type: PaymentTypeInfo | None = None
    settlement_amount: Amount | None = None
    settlement_date: date | None = None
    settlement_priority: str | None = None
    instructed_amount: Amount | None = None
    exchange_rate: Decimal | None = None
    charge_bearer: str | None = None
    charges: tuple[Charge, ...] = ()
    previous_instructing_agents: tuple[AgentAccount, ...] = ()
    instructing_agent: Agent | None = None
    instructed_agent: Agent | None = None
    intermediary_agents: tuple[AgentAccount, ...] = ()
    ultimate_debtor: Party | None = None
    initiating_party: Party | None = None
    debtor: Party | Agent | None = None
    debtor_account: Account | None = None
    debtor_agent: Agent | None = None
    debtor_agent_account: Account | None = None
    creditor_agent: Agent | None = None
    creditor_agent_account: Account | None = None
    creditor: Party | Agent | None = None
    creditor_account: Account | None = None
    ultimate_creditor: Party | None = None
    instructions_for_creditor_agent: tuple[Instruction, ...] = ()
    instructions_for_next_agent: tuple[Instruction, ...] = ()
    purpose: CodeOrProprietary | None = None
    remittance: Remittance | None = None
    underlying: CreditTransferTx | None = None
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CreditTransfer(Message):
    """A customer (pacs.008) or FI (pacs.009) credit transfer message.

    ``variant`` distinguishes the pacs.009 usages: ``core``, ``cov`` (cover, with
    an underlying customer transfer) and ``adv`` (advice); ``customer`` for pacs.008.
    """

    variant: str
    group_header: GroupHeader
    transactions: tuple[CreditTransferTx, ...]
    header: AppHeader | None = None


speed_up_inits(__name__)
