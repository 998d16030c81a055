"""What reconciliation compares: flat items (one per payment transaction or statement entry).

Items are built from the ETL rows (:mod:`finmsg.etl.schema`), so reconciliation
and export agree on what "a transaction" and "an entry" are, and MT inputs go
through :mod:`finmsg.translate` exactly as they do for export. Inputs that
cannot be read or have no item shape are kept as *problems*, never dropped.

An entry that books several transactions in one amount (a batch: several ``TxDtls``)
gives one item per transaction, as it gives one ``finmsg.etl/3`` row per detail: a
payment names one of them, not the batch. Such an item carries the detail's own
amount, direction and references, not the entry's shared ones (they would make every
detail a duplicate of the others).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from finmsg.batch.inputs import walk_inputs
from finmsg.errors import FinmsgError
from finmsg.etl.schema import Row, rows_for
from finmsg.reconcile.duplicates import duplicate_problems
from finmsg.registry import sniff_format

__all__ = ["Item", "ItemSet", "load_items"]

#: Values that stand where no identifier is: the ISO/CBPR+ and MT "none" words, and the codes
#: Dutch and German banks put in subfield 7 of MT940 field 61 to say that the real reference
#: is in field 86 (``EREF`` end-to-end, ``PREF`` batch, ``MARF`` mandate, ``KREF+``). Many entries
#: carry the same one, so taking it as an id would pair unrelated entries and report them all
#: as duplicates, which also keeps them out of the amount, currency and date fallback.
_NOT_AN_ID = frozenset({"", "NOTPROVIDED", "NONREF", "EREF", "PREF", "MARF", "KREF+"})


@dataclass(frozen=True, slots=True)
class Item:
    """One payment transaction or statement entry, with the keys used for matching."""

    source: str
    message_index: int
    record_index: int
    record_type: str
    uetr: str | None
    end_to_end_id: str | None
    references: frozenset[str]
    amount: Decimal | None
    currency: str | None
    date: date | None
    credit_debit: str | None
    #: entries: the statement's account; payments: the accounts that decide which direction
    #: the payment takes on a statement (see :func:`finmsg.reconcile.match.expected_direction`)
    account: str | None = None
    debtor_account: str | None = None
    creditor_account: str | None = None
    #: entries: the entry reverses an earlier booking (camt ``RvslInd``, MT940 mark ``RC``/``RD``)
    reversal: bool = False
    #: the end-to-end id comes from an MT statement (MT940/942/950 field 61 subfield 7, the
    #: reference for the account owner): the translation's end-to-end id, but not meant to be
    #: unique (banks repeat it across entries), so sharing it is no duplicate
    owner_reference: bool = False
    #: entries: the 1-based transaction detail (``TxDtls``) of the entry the item is, if any
    detail_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "message_index": self.message_index,
            "record_index": self.record_index,
            "detail_index": self.detail_index,
            "record_type": self.record_type,
            "uetr": self.uetr,
            "end_to_end_id": self.end_to_end_id,
            "references": sorted(self.references),
            "amount": format(self.amount, "f") if self.amount is not None else None,
            "currency": self.currency,
            "date": self.date.isoformat() if self.date else None,
            "credit_debit": self.credit_debit,
            "account": self.account,
            "debtor_account": self.debtor_account,
            "creditor_account": self.creditor_account,
            "reversal": self.reversal,
        }


@dataclass(slots=True)
class ItemSet:
    """The items of one side, plus the inputs that could not become items."""

    items: list[Item] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


def _id(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return None if text.upper() in _NOT_AN_ID else text


def _date(*values: Any) -> date | None:
    for value in values:
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


_REFERENCES = ("instruction_id", "transaction_id", "account_servicer_ref", "entry_reference")
#: A transaction of a batch entry: its own references; the entry's are shared by every detail.
_DETAIL_REFERENCES = ("instruction_id", "transaction_id", "detail_account_servicer_ref")


def item_from_row(row: Row, batch: bool = False) -> Item:
    """The item of one ETL row (``finmsg.etl/3``); ``batch``: the row is one of several
    transaction details of an entry, compared on the detail's amount and direction."""
    refs = {ref for ref in (_id(row.get(k)) for k in (_DETAIL_REFERENCES if batch else _REFERENCES)) if ref}
    amount_text = row.get("detail_amount") if batch else row["amount"]
    try:
        amount = Decimal(amount_text) if amount_text is not None else None
    except InvalidOperation:
        amount = None
    return Item(
        source=row["source"],
        message_index=int(row["message_index"]),
        record_index=int(row["record_index"]),
        record_type=row["record_type"],
        uetr=_id(row["uetr"]).lower() if _id(row["uetr"]) else None,  # type: ignore[union-attr]
        end_to_end_id=_id(row["end_to_end_id"]),
        references=frozenset(refs),
        amount=amount,
        currency=(row.get("detail_currency") if batch else None) or row["currency"],
        date=_date(row["settlement_date"], row["value_date"], row["booking_date"]),
        credit_debit=(row.get("detail_credit_debit") if batch else None) or row["credit_debit"],
        account=row["account"],
        debtor_account=row["debtor_account"],
        creditor_account=row["creditor_account"],
        reversal=bool(row.get("reversal")),
        owner_reference=row["family"] == "mt" and row["record_type"] == "entry",
        detail_index=row.get("detail_index"),
    )


def load_items(paths: Iterable[str]) -> ItemSet:
    """Every item of every message under ``paths`` (files, directories, globs).

    A path that names no file (an empty folder, a pattern matching nothing) and an identifier
    that several items share are problems too: a side read from nothing would look fully
    reconciled, and a duplicate can only match once.
    """
    found = ItemSet()
    for path in paths:
        sources = [(source.name, source.path) for source in walk_inputs([path]) if source.path is not None]
        if not sources:
            found.problems.append(_no_input(path))
        for name, file in sources:
            _load(name, file, found)
    found.problems.extend(duplicate_problems(found.items))
    return found


def _no_input(path: str) -> dict[str, Any]:
    if path == "-":
        what = "reconcile reads files, folders and patterns, not standard input"
    elif Path(path).is_dir():
        what = f"the folder {path} holds no file"
    else:
        what = f"no file matches {path}"
    return {"source": path, "message_index": 0, "code": "reconcile.no_input", "message": what}


def _load(name: str, path: str, found: ItemSet) -> None:
    """The items of one input file into ``found``, or the reason it has none into its problems."""
    try:
        data = Path(path).read_bytes()
        handler = sniff_format(data)
        parts = list(handler.split(data, {}))
    except (OSError, FinmsgError) as exc:
        found.problems.append(_problem(name, 0, exc))
        return
    for part in parts:
        try:
            model = handler.read(part.data, {}).value
            rows = rows_for(model, name, part.index)
        except FinmsgError as exc:
            found.problems.append(_problem(name, part.index, exc))
            continue
        details = Counter(row["record_index"] for row in rows if row.get("detail_index") is not None)
        found.items.extend(item_from_row(row, details[row["record_index"]] > 1) for row in rows)


def _problem(name: str, index: int, exc: Exception) -> dict[str, Any]:
    code = exc.code if isinstance(exc, FinmsgError) else "io.error"
    message = exc.message if isinstance(exc, FinmsgError) else str(exc)
    return {"source": name, "message_index": index, "code": code, "message": message}
