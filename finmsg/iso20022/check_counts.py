"""Business check: the declared NbOfTxs / CtrlSum of a group header or batch match its transactions."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.check_model import Nodes, _batch_types, _diag, _fields
from finmsg.model.common import Amount

if TYPE_CHECKING:
    from finmsg.model.initiation import PaymentInstruction

__all__ = ["check_counts"]

#: Where a transaction keeps the amount that control sums add up, in order of preference:
#: interbank settlement amount (pacs), instructed amount (pain), returned amount (pacs.004).
_TX_AMOUNT_FIELDS = ("settlement_amount", "instructed_amount", "returned_amount", "amount")


def _tx_amount(tx: object) -> Amount | None:
    for name in _TX_AMOUNT_FIELDS:
        value = getattr(tx, name, None)
        if isinstance(value, Amount):
            return value
    return None


def _check_count_and_sum(
    declared_count: str | None,
    declared_sum: Decimal | None,
    txs: list[object],
    path: str,
    out: list[Diagnostic],
) -> None:
    if declared_count is not None:
        text = declared_count.strip()
        if not text.isdigit() or int(text) != len(txs):
            out.append(
                _diag(
                    "iso.check.nb-of-txs",
                    f"NbOfTxs says {declared_count!r} but {len(txs)} transaction(s) are present",
                    f"{path}.number_of_transactions" if path else "number_of_transactions",
                    "ISO20022-NbOfTxs",
                    original=declared_count,
                    emitted=str(len(txs)),
                )
            )
    if declared_sum is None:
        return
    amounts = [_tx_amount(tx) for tx in txs]
    sum_path = f"{path}.control_sum" if path else "control_sum"
    if any(a is None for a in amounts):
        missing = sum(1 for a in amounts if a is None)
        out.append(
            Diagnostic(
                "iso.check.ctrl-sum-unverified",
                Severity.INFO,
                f"CtrlSum not verified: {missing} transaction(s) carry no mapped amount (e.g. EqvtAmt)",
                path=sum_path,
                rule="ISO20022-CtrlSum",
            )
        )
        return
    total = sum((a.value for a in amounts if a is not None), Decimal(0))
    if total != declared_sum:
        out.append(
            _diag(
                "iso.check.ctrl-sum",
                f"CtrlSum is {declared_sum} but the transaction amounts add up to {total}",
                sum_path,
                "ISO20022-CtrlSum",
                original=str(declared_sum),
                emitted=str(total),
            )
        )


def check_counts(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """NbOfTxs / CtrlSum of the group header (all transactions) and of every batch (its own).

    Only counts that describe the message itself are checked: the group header's
    and those of batch types (:data:`_BATCH_CLASSES`). Counts that describe an
    *original* message (``OrgnlNbOfTxs`` in status reports) are deliberately not.
    """
    header = getattr(message, "group_header", None)
    batches = _batch_types()
    if header is not None and hasattr(header, "number_of_transactions"):
        txs: list[object] = []
        if batches:
            for name in _fields(message):
                value = getattr(message, name)
                if isinstance(value, tuple) and name != "group_header":  # only tuples hold transactions
                    txs.extend(_collect(value, name, batches))
        elif "transactions" in _fields(message):  # without batches only this member holds any
            value = getattr(message, "transactions")  # noqa: B009 - the message type is not known here
            if isinstance(value, tuple):
                txs.extend(value)
        _check_count_and_sum(
            header.number_of_transactions, getattr(header, "control_sum", None), txs, "group_header", out
        )
    if not batches:
        return
    for path, obj in nodes:
        if isinstance(obj, batches):
            _check_count_and_sum(
                obj.number_of_transactions, obj.control_sum, list(obj.transactions), path, out
            )


def _collect(value: object, name: str, batches: tuple[type[PaymentInstruction], ...]) -> list[object]:
    """Transactions held in member ``name`` (its ``value``) of the message: directly, or in its batches."""
    if not isinstance(value, tuple):  # scalars and nested objects hold no transactions
        return []
    if name == "transactions":
        return list(value)
    if not batches:
        return []
    return [tx for item in value if isinstance(item, batches) for tx in item.transactions]
