"""The flat ETL schema: one row per payment transaction, one row per statement entry or per
transaction detail of an entry (from ``finmsg.etl/3``).

Warehouses want one flat, stable table rather than nested models. The column
list below *is* the contract: it is versioned (:data:`SCHEMA_VERSION`), each
column has a fixed meaning documented in ``docs/etl-schema.md``, and new columns
are only ever appended in a new version. Amounts stay exact decimal strings
(never floats) next to their ISO 4217 currency.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError, amount_error
from finmsg.model.base import Message
from finmsg.model.common import Account, Agent, Amount, Extra, Party
from finmsg.model.initiation import PaymentInitiation, PaymentInstruction
from finmsg.model.payments import CreditTransfer, CreditTransferTx, GroupHeader, Remittance
from finmsg.model.serialize import name_amount
from finmsg.model.statements import DateOrDateTime, Entry, Statement, StatementCharges, TransactionDetails

__all__ = [
    "COLUMNS",
    "SCHEMAS",
    "SCHEMA_V2",
    "SCHEMA_VERSION",
    "Row",
    "canonical",
    "canonical_findings",
    "rows_for",
]

SCHEMA_VERSION = "finmsg.etl/3"
#: The previous version, still selectable (``rows_for(..., schema=SCHEMA_V2)``, the exporters'
#: ``schema``): a warehouse table loaded with its columns and its one row per entry keeps loading.
SCHEMA_V2 = "finmsg.etl/2"

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
    # finmsg.etl/2
    "amount_kind",
    "transfer_currency",
    # finmsg.etl/3
    "detail_index",
    "detail_amount",
    "detail_currency",
    "detail_credit_debit",
    "detail_account_servicer_ref",
    "entry_narrative",
    "detail_narrative",
    "reversal",
    "charges_total",
    "charges_currency",
    "detail_charges_total",
    "detail_charges_currency",
)
INT_COLUMNS = frozenset({"message_index", "record_index", "detail_index"})
#: Columns holding ``True``/``False`` (``true``/``false`` in CSV), or empty.
BOOL_COLUMNS = frozenset({"reversal"})
#: The columns of each selectable version, in output order.
SCHEMAS: dict[str, tuple[str, ...]] = {
    SCHEMA_V2: COLUMNS[: COLUMNS.index("detail_index")],
    SCHEMA_VERSION: COLUMNS,
}

Row = dict[str, Any]

#: MT numbers that carry payment transactions or statement entries: translated (by
#: :mod:`finmsg.translate`'s automatic choice of pair) to ISO 20022 before they become rows.
#: The choice matters: an MT103 with ``/RETN/`` in field 72 is a return (pacs.004), not a payment.
_MT_WITH_ROWS = frozenset({"101", "103", "200", "202", "205", "900", "910", "940", "941", "942", "950"})

#: Why a message has no row (the quarantine reason says it): SWIFT's common group messages by
#: their last two digits (the same meaning in every category), then ISO 20022 message families.
#: Each is a clause of its own, without brackets: the reason reads "<what> has no row in the
#: ETL schema: <why>.", and ``<what>`` may already hold one, as in ``MT103 (as pacs.004.001.09)``.
_MT_COMMON_GROUP = {
    "90": "an advice of charges, interest and other adjustments is neither a payment nor an entry",
    "91": "a request for payment of charges is not the payment itself",
    "92": "a request for cancellation moves no funds, and the payment it names has its own row",
    "95": "a query moves no funds",
    "96": "an answer moves no funds",
    "98": "a proprietary message has no agreed content to flatten",
    "99": "a free-format message holds text, not a transaction",
}
_STATUS_REPORT = "a payment status report moves no funds, and the payment it reports on has its own row"
_MX_KIND = {
    "pacs.002": _STATUS_REPORT,
    "pain.002": _STATUS_REPORT,
    "pacs.004": "a payment return has no row shape in this schema version; docs/etl-schema.md says why",
    "camt.056": _MT_COMMON_GROUP["92"],
    "camt.029": "a resolution of investigation moves no funds",
    "admi.024": "a free-format notification holds text, not a transaction",
}


def _unsupported(what: str, message_type: str, kind: str | None) -> ConversionError:
    reason = kind or "it is neither a payment transaction nor a statement entry"
    return ConversionError(
        f"{what} has no row in the ETL schema: {reason}. Rows exist for payment transactions "
        "and statement entries only",
        code="etl.unsupported",
        value=message_type,
    )


def canonical(message: Message) -> Message:
    """The message in a model the schema can flatten (MT goes through ``finmsg.translate``),
    or :class:`ConversionError` ``etl.unsupported`` saying why it has no row."""
    return _canonical(message)[0]


def canonical_findings(message: Message) -> list[Diagnostic]:
    """What the translation to that model reported (dropped, transformed or implied data).

    Rows of an MT message come from its ISO 20022 translation, so whatever that
    translation could not carry is missing from the rows too: these findings belong
    to the message's diagnostics (``--report``, ``--strict``, the audit counts) as
    they would for ``--to iso20022``. Empty for a message that needs no translation.
    """
    return list(_canonical(message)[1])


#: The last MT message translated and its translation: the batch pipeline asks for a message's
#: findings and then for its rows, which would otherwise translate it twice in a row.
_LAST: list[tuple[Message, tuple[Message, list[Diagnostic]]]] = []


def _canonical(message: Message) -> tuple[Message, list[Diagnostic]]:
    if isinstance(message, (CreditTransfer, Statement, PaymentInitiation)):
        return message, []
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is message:
        return last[1]
    found = _translated(message)
    _LAST[:] = [(message, found)]
    return found


def _translated(message: Message) -> tuple[Message, list[Diagnostic]]:
    if message.family == "mt":
        number = message.message_type[:3]
        if number not in _MT_WITH_ROWS:
            raise _unsupported(f"MT{number}", message.message_type, _MT_COMMON_GROUP.get(number[1:]))
        try:
            from finmsg.translate import translate  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            raise ConversionError(
                f"MT{number} needs finmsg.translate to become rows, which is not available yet",
                code="translate.unavailable",
                value=message.message_type,
            ) from None
        result = translate(message, "iso20022")
        translated: Message = result.value
        if isinstance(translated, (CreditTransfer, Statement, PaymentInitiation)):
            return translated, list(result.diagnostics)
        kind = _MX_KIND.get(translated.message_type[:8])
        raise _unsupported(
            f"MT{message.message_type} (as {translated.message_type})", message.message_type, kind
        )
    raise _unsupported(
        f"{message.family} {message.message_type}",
        message.message_type,
        _MX_KIND.get(message.message_type[:8]),
    )


def rows_for(message: Message, source: str, index: int, schema: str = SCHEMA_VERSION) -> list[Row]:
    """The rows of one message in version ``schema`` (:data:`SCHEMAS`); raises
    :class:`ConversionError` when it has no row shape, or ``write.amount`` (naming the model
    path) for an amount that is a NaN, an Infinity or a float."""
    if schema not in SCHEMAS:
        raise ConversionError(
            f"unknown ETL schema version {schema!r}; one of: {', '.join(SCHEMAS)}",
            code="etl.schema",
            value=schema,
        )
    model = canonical(message)
    try:
        return _rows_for(message, model, source, index, schema)
    except ConversionError as exc:  # the path is in the model the rows come from (an MT's translation)
        name_amount(exc, model)
        raise


def _amount_text(value: Decimal) -> str:
    """An amount column: the exact decimal text. A NaN or an Infinity (written as ``NaN``), or a
    ``float`` (``12.500000``), is refused as by every writer: only code-built models hold one."""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    raise amount_error(value)


def _rows_for(message: Message, model: Message, source: str, index: int, schema: str) -> list[Row]:
    carried = _carried_text(message) if message.family == "mt" else None
    columns = SCHEMAS[schema]
    base: Row = {
        "schema_version": schema,
        "source": source,
        "message_index": index,
        "family": message.family,  # the source's, even when the rows come from a translation
        "message_type": message.message_type,
    }
    if isinstance(model, Statement):
        rows = list(_entry_rows(model, base, columns))
    else:
        group = model.group_header  # type: ignore[attr-defined]
        rows = [
            _complete(
                {**base, **_payment_row(tx, batch, group), "message_id": group.message_id, "record_index": n},
                columns,
            )
            for n, (tx, batch) in enumerate(_transactions(model), start=1)
        ]
    if carried is not None:
        for row in rows:
            e2e = row["end_to_end_id"]
            if e2e == _NOT_PROVIDED and e2e not in carried:
                row["end_to_end_id"] = None
    return rows


_NOT_PROVIDED = "NOTPROVIDED"


def _carried_text(message: Message) -> str:
    """All field values of an MT message, one per line: what the message itself carries.

    The ISO 20022 translation must fill a mandatory ``EndToEndId`` and, following the
    CBPR+ rule, writes ``NOTPROVIDED`` when the MT has no end-to-end reference. A row
    shows what the message carries, so an id that occurs in none of its fields is left
    empty rather than reported as if the sender had given it.
    """
    fields = getattr(message, "fields", ())
    return "\n".join(str(getattr(f, "value", "")) for f in fields)


def _transactions(model: Message) -> Iterator[tuple[CreditTransferTx, PaymentInstruction | None]]:
    """Every transaction with its payment-information batch (pain.001, MT101): the batch holds the
    debtor side that the transactions of an initiation share."""
    if isinstance(model, PaymentInitiation):
        for batch in model.payments:
            for tx in batch.transactions:
                yield tx, batch
        return
    for tx in model.transactions:  # type: ignore[attr-defined]
        yield tx, None


def _complete(row: Row, columns: tuple[str, ...]) -> Row:
    """``row`` with every column of the version, in order, ``None`` where it has no value. The rows
    are built from keys of that version only, so merging onto an empty row keeps its key order (and
    is done in C, where a comprehension over 45 columns costs more than the row's own values)."""
    return {**_EMPTY[columns], **row}


#: An empty row of each version (every column ``None``).
_EMPTY: dict[tuple[str, ...], Row] = {columns: dict.fromkeys(columns) for columns in SCHEMAS.values()}


def _amount_columns(tx: CreditTransferTx) -> Row:
    """``amount``, ``currency``, ``amount_kind`` and ``transfer_currency`` of a payment.

    An initiation may give the amount as an equivalent (pain.001 ``Amt/EqvtAmt``, which an MT101
    with a zero 32B and a 33B translates to): an amount in the debtor's account currency and the
    currency to transfer (``CcyOfTrf``). The model keeps it as an extra, not as an amount member;
    the row states it with ``amount_kind = equivalent`` rather than leave ``amount`` empty, which
    any sum over the table would count as nothing.
    """
    if tx.settlement_amount is not None:
        kind, amount, transfer = "settlement", tx.settlement_amount, None
    elif tx.instructed_amount is not None:
        kind, amount, transfer = "instructed", tx.instructed_amount, None
    else:
        equivalent = _equivalent(tx.extras)
        if equivalent is None:
            return {}
        kind, (amount, transfer) = "equivalent", equivalent
    return {
        "amount": _amount_text(amount.value),
        "currency": amount.currency,
        "amount_kind": kind,
        "transfer_currency": transfer,
    }


def _equivalent(extras: Iterable[Extra]) -> tuple[Amount, str | None] | None:
    """The ``Amt/EqvtAmt`` kept among ``extras``: (its ``Amt``, its ``CcyOfTrf``)."""
    for extra in extras:
        parent, _, name = extra.path.rpartition("/")
        if extra.source != "iso20022" or name.split("[", 1)[0] != "EqvtAmt" or not parent.endswith("/Amt"):
            continue
        from finmsg.iso20022.xmlsafe import parse_xml  # only for an initiation with an equivalent amount

        children = {_local(child.tag): child for child in parse_xml(extra.content.encode("utf-8"))}
        amt, transfer = children.get("Amt"), children.get("CcyOfTrf")
        currency = amt.get("Ccy") if amt is not None else None
        try:
            value = Decimal((amt.text or "").strip()) if amt is not None else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not currency:
            raise ConversionError(
                f"the equivalent amount at {extra.path} has no readable amount and currency",
                code="etl.value",
                path=extra.path,
                value=extra.content,
            )
        transfer_currency = (transfer.text or "").strip() if transfer is not None else ""
        return Amount(value, currency), transfer_currency or None
    return None


def _local(tag: object) -> str:
    """``Amt`` of ``{urn:...}Amt`` (empty for a comment or processing instruction)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _payment_row(
    tx: CreditTransferTx, batch: PaymentInstruction | None = None, group: GroupHeader | None = None
) -> Row:
    """The payment columns of ``tx``; a value the message states once for all its transactions
    (``GrpHdr/IntrBkSttlmDt``: a pacs.008 or pacs.009 may give the settlement date there instead
    of in each transaction) is the transaction's own when the transaction does not repeat it."""
    debtor, debtor_account, debtor_agent = tx.debtor, tx.debtor_account, tx.debtor_agent
    if batch is not None:  # an initiation states its debtor once per batch
        debtor = debtor or batch.debtor
        debtor_account = debtor_account or batch.debtor_account
        debtor_agent = debtor_agent or batch.debtor_agent
    settled = tx.settlement_date or (group.settlement_date if group is not None else None)
    return {
        "record_type": "payment",
        "uetr": tx.ids.uetr,
        "end_to_end_id": tx.ids.end_to_end_id,
        "instruction_id": tx.ids.instruction_id,
        "transaction_id": tx.ids.transaction_id,
        **_amount_columns(tx),
        "settlement_date": settled.isoformat() if settled else None,
        "debtor_name": _name(debtor),
        "debtor_account": _account(debtor_account),
        "debtor_agent": _agent(debtor_agent),
        "creditor_name": _name(tx.creditor),
        "creditor_account": _account(tx.creditor_account),
        "creditor_agent": _agent(tx.creditor_agent),
        "remittance": _remittance(tx.remittance),
    }


def _entry_rows(model: Statement, base: Row, columns: tuple[str, ...]) -> Iterator[Row]:
    """One row per entry (``finmsg.etl/2``), or (``finmsg.etl/3``) one per transaction detail of
    an entry that has any, entry columns repeated on each: a batch booking (one entry for many
    ``TxDtls``) would otherwise show none of its transactions."""
    per_detail = columns is COLUMNS
    number = 0
    for report in model.reports:
        shared = {  # on an empty row of the version: every row below is complete as built
            **_EMPTY[columns],
            **base,
            "message_id": model.group_header.message_id,
            "statement_id": report.id,
            "account": _account(report.account),
        }
        for entry in report.entries:
            number += 1
            txs = [tx for details in entry.details for tx in details.transactions]
            if not per_detail:
                row = {
                    **shared,
                    **_entry_row(entry, txs[0] if len(txs) == 1 else None),
                    "record_index": number,
                }
                yield row
                continue
            own = {**shared, **_entry_v3(entry), "record_index": number}
            if not txs:
                yield {**own, **_entry_row(entry, None)}
            for n, tx in enumerate(txs, start=1):
                row = {**own, **_entry_row(entry, tx), **_detail_v3(tx), "detail_index": n}
                if len(txs) > 1:  # the entry's own reference only: each detail's is in its column
                    row["account_servicer_ref"] = entry.account_servicer_ref
                yield row


def _entry_v3(entry: Entry) -> Row:
    """The entry-level columns ``finmsg.etl/3`` adds: narrative, reversal mark, entry charges."""
    total = _charges_total(entry.charges)
    return {
        "entry_narrative": entry.additional_info,
        "reversal": bool(entry.reversal),
        "charges_total": _amount_text(total.value) if total else None,
        "charges_currency": total.currency if total else None,
    }


def _detail_v3(tx: TransactionDetails) -> Row:
    """The detail-level columns ``finmsg.etl/3`` adds: the detail's own amount, direction,
    servicer reference, narrative and charges."""
    amount = tx.amount or tx.transaction_amount
    total = _charges_total(tx.charges)
    return {
        "detail_amount": _amount_text(amount.value) if amount else None,
        "detail_currency": amount.currency if amount else None,
        "detail_credit_debit": tx.credit_debit,
        "detail_account_servicer_ref": tx.refs.account_servicer_ref if tx.refs else None,
        "detail_narrative": tx.additional_info,
        "detail_charges_total": _amount_text(total.value) if total else None,
        "detail_charges_currency": total.currency if total else None,
    }


def _charges_total(charges: StatementCharges | None) -> Amount | None:
    """``TtlChrgsAndTaxAmt``; without one (version .02 has none), the sum of the records' amounts
    when they are all in one currency and booked the same way; else nothing (a sum across
    currencies means nothing, and one across debits and credits would add a refund to a fee)."""
    if charges is None:
        return None
    if charges.total is not None:
        return charges.total
    currencies = {record.amount.currency for record in charges.records}
    if len(currencies) != 1 or len({record.credit_debit for record in charges.records}) > 1:
        return None
    return Amount(sum((record.amount.value for record in charges.records), Decimal(0)), currencies.pop())


def _entry_row(entry: Entry, tx: TransactionDetails | None) -> Row:
    """The ``finmsg.etl/2`` columns of an entry; the reference, date and counterparty ones come
    from ``tx``, the entry's single transaction detail (etl/2) or the row's detail (etl/3)."""
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
        "amount": _amount_text(entry.amount.value),
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


def _date(value: DateOrDateTime | None) -> str | None:
    if value is None:
        return None
    if value.date is not None:
        return value.date.isoformat()
    return value.date_time.text if value.date_time else None


def _bic(bic: str | None) -> str | None:
    """A BIC as BIC11: an 8-character BIC gets the primary-office branch code ``XXX``.

    ISO 9362 makes ``BANKBEBB`` and ``BANKBEBBXXX`` the same institution; MT fields
    usually carry the 8-character form and ISO 20022 messages often the 11-character
    one, so rows from both are only joinable on one form. BIC11 keeps a real branch
    code (``BANKBEBB300``) as carried.
    """
    if bic is not None and len(bic) == 8:
        return bic + "XXX"
    return bic


def _name(party: Party | Agent | None) -> str | None:
    if party is None:
        return None
    return party.name or _bic(party.bic)


def _agent(agent: Agent | None) -> str | None:
    if agent is None:
        return None
    return _bic(agent.bic) or (agent.clearing.member_id if agent.clearing else None) or agent.name


def _account(account: Account | None) -> str | None:
    return account.identifier if account else None


def _remittance(remittance: Remittance | None) -> str | None:
    if remittance is None:
        return None
    parts = list(remittance.unstructured)
    parts += [s.creditor_reference for s in remittance.structured if s.creditor_reference]
    return " | ".join(parts) or None
