"""The canonical model: frozen dataclasses, no I/O, no format knowledge.

Every public class can be imported from here (``from finmsg.model import CreditTransfer``)
or from its module (``finmsg.model.payments``). Importing this package loads none of the
modules: a name is looked up in them on first use (:func:`__getattr__`), so ``import
finmsg`` stays cheap (the trading model alone costs tens of milliseconds to create its
dataclasses). ``docs/model.md`` maps each message type to its class.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Account",
    "AccountReport",
    "AddressStyle",
    "Agent",
    "AgentAccount",
    "AllocationEntry",
    "AllocationInstruction",
    "Amount",
    "AppHeader",
    "Assignment",
    "Balance",
    "BankTransactionCode",
    "BatchInfo",
    "BirthInfo",
    "CancellationDetails",
    "CancellationRequest",
    "CancellationStatusTx",
    "CancellationTx",
    "CaseRef",
    "Charge",
    "ChargeRecord",
    "ChargeTax",
    "ClearingMember",
    "CodeOrProprietary",
    "Confirmation",
    "Correspondence",
    "CorrespondenceHeader",
    "CorrespondenceNotification",
    "CreditTransfer",
    "CreditTransferTx",
    "DateOrDateTime",
    "DealPrice",
    "Entry",
    "EntryDetails",
    "ExecutionReport",
    "Extra",
    "GenericId",
    "GroupHeader",
    "Instruction",
    "Instrument",
    "InvestigationResolution",
    "Message",
    "NewOrderSingle",
    "OrderAttribute",
    "OrderCancelReplaceRequest",
    "OrderCancelRequest",
    "OriginalGroupInfo",
    "OriginalGroupRef",
    "OriginalTransactionRef",
    "OriginalTxDetails",
    "Pagination",
    "Party",
    "PartyKind",
    "PartySubId",
    "PaymentIds",
    "PaymentInfoStatus",
    "PaymentInitiation",
    "PaymentInstruction",
    "PaymentReturn",
    "PaymentTypeInfo",
    "Period",
    "PostalAddress",
    "ReasonInfo",
    "RegulatoryTradeId",
    "Remittance",
    "ReportKind",
    "ResolutionStatus",
    "ReturnChain",
    "ReturnInfo",
    "ReturnTx",
    "RoutedSettlement",
    "SecurityAltId",
    "SettlementAmount",
    "SettlementInfo",
    "SettlementInstruction",
    "SettlementParty",
    "Statement",
    "StatementCharges",
    "StatementGroupHeader",
    "StatusReport",
    "StructuredRemittance",
    "Timestamp",
    "TradeCaptureReport",
    "TradeConfirmation",
    "TradePublication",
    "TradeSide",
    "TradingMessage",
    "TradingParty",
    "TransactionDetails",
    "TransactionReferences",
    "TransactionStatus",
    "TransactionSummary",
    "UnderlyingCancellation",
    "UtcTimestamp",
]

if TYPE_CHECKING:
    from finmsg.model.admin import (
        Correspondence,
        CorrespondenceHeader,
        CorrespondenceNotification,
    )
    from finmsg.model.base import (
        Message,
    )
    from finmsg.model.common import (
        Account,
        AddressStyle,
        Agent,
        Amount,
        BirthInfo,
        ClearingMember,
        Extra,
        GenericId,
        Party,
        PartyKind,
        PostalAddress,
        Timestamp,
    )
    from finmsg.model.confirmation import (
        RoutedSettlement,
        TradeConfirmation,
    )
    from finmsg.model.exceptions import (
        Assignment,
        CancellationDetails,
        CancellationRequest,
        CancellationStatusTx,
        CancellationTx,
        CaseRef,
        InvestigationResolution,
        OriginalGroupInfo,
        OriginalGroupRef,
        OriginalTransactionRef,
        OriginalTxDetails,
        PaymentInfoStatus,
        PaymentReturn,
        ReasonInfo,
        ResolutionStatus,
        ReturnChain,
        ReturnTx,
        StatusReport,
        TransactionStatus,
        UnderlyingCancellation,
    )
    from finmsg.model.initiation import (
        PaymentInitiation,
        PaymentInstruction,
    )
    from finmsg.model.payments import (
        AgentAccount,
        AppHeader,
        Charge,
        CodeOrProprietary,
        CreditTransfer,
        CreditTransferTx,
        GroupHeader,
        Instruction,
        PaymentIds,
        PaymentTypeInfo,
        Remittance,
        SettlementInfo,
        StructuredRemittance,
    )
    from finmsg.model.settlement import (
        DealPrice,
        SettlementAmount,
        SettlementInstruction,
        SettlementParty,
    )
    from finmsg.model.statements import (
        AccountReport,
        Balance,
        BankTransactionCode,
        BatchInfo,
        ChargeRecord,
        ChargeTax,
        DateOrDateTime,
        Entry,
        EntryDetails,
        Pagination,
        Period,
        ReportKind,
        ReturnInfo,
        Statement,
        StatementCharges,
        StatementGroupHeader,
        TransactionDetails,
        TransactionReferences,
        TransactionSummary,
    )
    from finmsg.model.trading import (
        AllocationEntry,
        AllocationInstruction,
        Confirmation,
        ExecutionReport,
        Instrument,
        NewOrderSingle,
        OrderAttribute,
        OrderCancelReplaceRequest,
        OrderCancelRequest,
        PartySubId,
        RegulatoryTradeId,
        SecurityAltId,
        TradeCaptureReport,
        TradePublication,
        TradeSide,
        TradingMessage,
        TradingParty,
        UtcTimestamp,
    )

#: The modules whose ``__all__`` this package re-exports, in the order they are searched.
_MODULES = (
    "common",
    "payments",
    "statements",
    "initiation",
    "exceptions",
    "admin",
    "confirmation",
    "settlement",
    "trading",
    "base",
)


def __getattr__(name: str) -> Any:
    """``finmsg.model.<Class>``: imported from the model module whose ``__all__`` names it."""
    if name in __all__:
        for module_name in _MODULES:
            module = importlib.import_module(f"finmsg.model.{module_name}")
            if name in getattr(module, "__all__", ()):
                value = getattr(module, name)
                globals()[name] = value  # the next lookup does not come here
                return value
    raise AttributeError(f"module 'finmsg.model' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
