"""Business check: an instructed amount in another currency comes with its exchange rate.

ISO 20022 states it for a credit transfer transaction (pacs.008 ``CdtTrfTxInf``): when
``InstdAmt`` is in another currency than ``IntrBkSttlmAmt``, ``XchgRate`` must be present
(InstructedAmountAndExchangeRate1Rule); when both are in the same currency, ``XchgRate`` is
not allowed (InstructedAmountAndExchangeRate2Rule). The XSD cannot say it, and an MT103 written
from such a message lacks its field 36 (network rule D75).

Why a check of its own over ``transactions``: the walk of the other checks keeps only the
objects they need (amounts, identifiers); the transactions are at hand on the message.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.check_model import Nodes, _diag
from finmsg.model.payments import CreditTransferTx

__all__ = ["check_exchange_rates"]


def check_exchange_rates(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """Rules 1 and 2 of InstructedAmountAndExchangeRate on each credit transfer transaction."""
    for index, tx in enumerate(getattr(message, "transactions", ()), start=1):
        if type(tx) is not CreditTransferTx:
            continue
        instructed, settled = tx.instructed_amount, tx.settlement_amount
        if instructed is None or settled is None:
            continue
        path = f"transactions[{index}].exchange_rate"
        if instructed.currency != settled.currency and tx.exchange_rate is None:
            out.append(
                _diag(
                    "iso.check.exchange-rate",
                    f"InstdAmt is in {instructed.currency} and IntrBkSttlmAmt in {settled.currency}: "
                    "XchgRate is mandatory",
                    path,
                    "InstructedAmountAndExchangeRate1Rule",
                )
            )
        elif instructed.currency == settled.currency and tx.exchange_rate is not None:
            out.append(
                _diag(
                    "iso.check.exchange-rate",
                    f"InstdAmt and IntrBkSttlmAmt are both in {settled.currency}: XchgRate is not allowed",
                    path,
                    "InstructedAmountAndExchangeRate2Rule",
                    original=str(tx.exchange_rate),
                )
            )
