"""The flat ETL schema: one row per payment transaction, one row per statement entry.

Warehouses want one flat, stable table rather than nested models. The column
list below *is* the contract: it is versioned (:data:`SCHEMA_VERSION`), each
column has a fixed meaning documented in ``docs/etl-schema.md``, and new columns
are only ever appended in a new version. Amounts stay exact decimal strings
(never floats) next to their ISO 4217 currency.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Party
from finmsg.model.payments import CreditTransfer, CreditTransferTx, Remittance
from finmsg.model.statements import DateOrDateTime, Entry, Statement, TransactionDetails

__all__ = ["COLUMNS", "SCHEMA_VERSION", "Row", "canonical", "rows_for"]

SCHEMA_VERSION = "finmsg.etl/1"

#: Every column, in output order. Only ``message_index`` and ``record_index`` are integers.
COLUMNS: tuple[str, ...] = (
    "schema_version",
    "source",
    "message_index",
    "record_type",
    "record_index",
    "family",
    "message_type",
    "message_id",
    "statement_id",
    "account",
    "uetr",
    "end_to_end_id",
    "instruction_id",
    "transaction_id",
    "account_servicer_ref",
    "entry_reference",
    "amount",
    "currency",
    "credit_debit",
    "status",
    "booking_date",
    "value_date",
    "settlement_date",
    "debtor_name",
    "debtor_account",
    "debtor_agent",
    "creditor_name",
    "creditor_account",
    "creditor_agent",
    "bank_transaction_code",
    "remittance",
)
INT_COLUMNS = frozenset({"message_index", "record_index"})

Row = dict[str, Any]

#: MT numbers whose canonical counterpart an MT message is translated to before export.
_MT_CANONICAL = {
    "103": "pacs.008.001.08",
    "202": "pacs.009.001.08",
    "205": "pacs.009.001.08",
    "940": "camt.053.001.08",
    "950": "camt.053.001.08",
    "942": "camt.052.001.08",
    "900": "camt.054.001.08",
    "910": "camt.054.001.08",
}


def canonical(message: Message) -> Message:
    """The message in a model the schema can flatten (MT goes through ``finmsg.translate``)."""
    if isinstance(message, (CreditTransfer, Statement)) or hasattr(message, "payments"):
        return message
    if message.family == "mt":
        number = message.message_type[:3]
        target = _MT_CANONICAL.get(number)
        if target is None:
            raise ConversionError(f"MT{number} has no row shape in the ETL schema", code="etl.unsupported")
        try:
            from finmsg.translate import translate  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            raise ConversionError(
                f"MT{number} needs finmsg.translate to become rows, which is not available yet",
                code="translate.unavailable",
                value=target,
            ) from None
        translated: Message = translate(message, target).value
        return translated
    raise ConversionError(
        f"{message.family} {message.message_type} has no row shape in the ETL schema "
        "(rows exist for payment transactions and statement entries)",
        code="etl.unsupported",
        value=message.message_type,
    )


def rows_for(message: Message, source: str, index: int) -> list[Row]:
    """The rows of one message; raises :class:`ConversionError` when it has no row shape."""
    model = canonical(message)
    base: Row = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "message_index": index,
        "family": message.family,  # the source's, even when the rows come from a translation
        "message_type": message.message_type,
    }
    if isinstance(model, Statement):
        return list(_entry_rows(model, base))
    transactions: tuple[CreditTransferTx, ...] = model.transactions  # type: ignore[attr-defined]
    group = model.group_header  # type: ignore[attr-defined]
    return [
        _complete({**base, **_payment_row(tx), "message_id": group.message_id, "record_index": n})
        for n, tx in enumerate(transactions, start=1)
    ]


def _complete(row: Row) -> Row:
    return {name: row.get(name) for name in COLUMNS}


def _payment_row(tx: CreditTransferTx) -> Row:
    amount = tx.settlement_amount or tx.instructed_amount
    return {
        "record_type": "payment",
        "uetr": tx.ids.uetr,
        "end_to_end_id": tx.ids.end_to_end_id,
        "instruction_id": tx.ids.instruction_id,
        "transaction_id": tx.ids.transaction_id,
        "amount": format(amount.value, "f") if amount else None,
        "currency": amount.currency if amount else None,
        "settlement_date": tx.settlement_date.isoformat() if tx.settlement_date else None,
        "debtor_name": _name(tx.debtor),
        "debtor_account": _account(tx.debtor_account),
        "debtor_agent": _agent(tx.debtor_agent),
        "creditor_name": _name(tx.creditor),
        "creditor_account": _account(tx.creditor_account),
        "creditor_agent": _agent(tx.creditor_agent),
        "remittance": _remittance(tx.remittance),
    }


def _entry_rows(model: Statement, base: Row) -> Iterator[Row]:
    number = 0
    for report in model.reports:
        for entry in report.entries:
            number += 1
            row = {
                **base,
                **_entry_row(entry),
                "message_id": model.group_header.message_id,
                "statement_id": report.id,
                "account": _account(report.account),
                "record_index": number,
            }
            yield _complete(row)


def _entry_row(entry: Entry) -> Row:
    tx = _single_tx(entry)
    refs = tx.refs if tx else None
    code = entry.bank_transaction_code
    btc = None
    if code is not None:
        btc = "/".join(p for p in (code.domain, code.family, code.subfamily) if p) or code.proprietary
    return {
        "record_type": "entry",
        "uetr": refs.uetr if refs else None,
        "end_to_end_id": refs.end_to_end_id if refs else None,
        "instruction_id": refs.instruction_id if refs else None,
        "transaction_id": refs.transaction_id if refs else None,
        "account_servicer_ref": entry.account_servicer_ref or (refs.account_servicer_ref if refs else None),
        "entry_reference": entry.reference,
        "amount": format(entry.amount.value, "f"),
        "currency": entry.amount.currency,
        "credit_debit": entry.credit_debit,
        "status": entry.status.value,
        "booking_date": _date(entry.booking_date),
        "value_date": _date(entry.value_date),
        "settlement_date": (
            tx.interbank_settlement_date.isoformat() if tx and tx.interbank_settlement_date else None
        ),
        "debtor_name": _name(tx.debtor) if tx else None,
        "debtor_account": _account(tx.debtor_account) if tx else None,
        "debtor_agent": _agent(tx.debtor_agent) if tx else None,
        "creditor_name": _name(tx.creditor) if tx else None,
        "creditor_account": _account(tx.creditor_account) if tx else None,
        "creditor_agent": _agent(tx.creditor_agent) if tx else None,
        "bank_transaction_code": btc,
        "remittance": _remittance(tx.remittance) if tx else None,
    }


def _single_tx(entry: Entry) -> TransactionDetails | None:
    """The entry's transaction details when there is exactly one (a batch has no single counterparty)."""
    txs = [tx for details in entry.details for tx in details.transactions]
    return txs[0] if len(txs) == 1 else None


def _date(value: DateOrDateTime | None) -> str | None:
    if value is None:
        return None
    if value.date is not None:
        return value.date.isoformat()
    return value.date_time.text if value.date_time else None


def _name(party: Party | Agent | None) -> str | None:
    if party is None:
        return None
    return party.name or party.bic


def _agent(agent: Agent | None) -> str | None:
    if agent is None:
        return None
    return agent.bic or (agent.clearing.member_id if agent.clearing else None) or agent.name


def _account(account: Account | None) -> str | None:
    return account.identifier if account else None


def _remittance(remittance: Remittance | None) -> str | None:
    if remittance is None:
        return None
    parts = list(remittance.unstructured)
    parts += [s.creditor_reference for s in remittance.structured if s.creditor_reference]
    return " | ".join(parts) or None
