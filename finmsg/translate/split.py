"""Split a multi-item ISO 20022 message into the single-item messages one MT can carry whole.

Why: an MT103 carries one transaction, an MT940 one statement, an MT900/910 one entry, an
MT101 one debtor's transactions for one execution date. The mapping modules translate the
first item and report the others as dropped ("split the ... first"); this module is that split,
so that :func:`finmsg.convert_all` (and the batch) can write one MT per item instead.

Each part is the original model with ``dataclasses.replace``: it keeps its own item and the
shared header content (group header, statement header, BAH), with the group counts and sums
(``NbOfTxs``, ``CtrlSum``, ``TtlIntrBkSttlmAmt``, the entry summary) recomputed for the part, so
a part translated alone says nothing the whole message would not have said for that item.

A :class:`Part` also says where its item sits in the original (``renames``: the part's own path
prefix → the original's), so the diagnostics of a part can name the original position, and
which paths the whole-message translation reports as dropped because of the split (``dropped``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from finmsg.model.admin import Correspondence
from finmsg.model.base import Message
from finmsg.model.exceptions import (
    CancellationRequest,
    InvestigationResolution,
    PaymentReturn,
    StatusReport,
)
from finmsg.model.initiation import PaymentInitiation, PaymentInstruction
from finmsg.model.payments import CreditTransfer, GroupHeader
from finmsg.model.statements import AccountReport, Entry, ReportKind, Statement, TransactionSummary

__all__ = ["Part", "split_for_mt", "split_if_needed"]


@dataclass(frozen=True, slots=True)
class Part:
    """One single-item message of a split, with where its item sat in the original.

    ``renames``: (path prefix in the part, path prefix in the original), longest first; applied
    to a diagnostic of the part it names the original element. ``dropped``: the paths the
    whole-message translation reports as not carried because they belong to this part. ``item``:
    the path of the part's item in the original (``.../CdtTrfTxInf[3]``), which
    :func:`finmsg.convert_all` names when the part cannot be translated.
    """

    message: Message
    renames: tuple[tuple[str, str], ...] = ()
    dropped: tuple[str, ...] = ()
    item: str = ""

    def original_path(self, path: str | None) -> str | None:
        """``path`` (a diagnostic path of this part) as the path of the same element in the original."""
        if path is None:
            return None
        if " " in path:  # one diagnostic for several elements (a transliteration) names them all
            return " ".join(self._one_path(one) for one in path.split(" "))
        return self._one_path(path)

    def _one_path(self, path: str) -> str:
        for local, original in self.renames:
            if local == original:
                continue
            if path == local or path.startswith(local + "/"):
                return original + path[len(local) :]
        return path


def _nth(message: Message, element: str, n: int) -> Part:
    """The part holding item ``n`` of ``element`` (a full path without index) as its first one."""
    path = f"{element}[{n}]"
    return Part(message, ((f"{element}[1]", path),), (path,), path)


def split_for_mt(message: Message) -> list[Part]:
    """The single-item parts of ``message`` that one MT each can carry; one part (the message
    itself) when nothing needs splitting or the message type has no split."""
    return split_if_needed(message) or [Part(message)]


def split_if_needed(message: Message) -> list[Part] | None:
    """The parts of ``message`` when it has more than one item for an MT, else None. The batch
    asks this of every message written as MT, so a one-item message (the usual case) costs a
    dictionary look-up and a length, with nothing copied or built."""
    found = _SPLITTERS.get(type(message))
    if found is None or found[0](message) < 2:
        return None
    parts = found[1](message)
    return parts if len(parts) > 1 else None


# --- payments: one transaction per part ------------------------------------------------------


def _group_for(group: GroupHeader, amounts: Iterable[Decimal | None], count: int) -> GroupHeader:
    """The group header of a part: NbOfTxs, CtrlSum and the total settlement amount recomputed
    (only those the original had: a part adds no element its message did not carry)."""
    values = list(amounts)
    total = sum((v for v in values if v is not None), Decimal(0)) if None not in values else None
    return replace(
        group,
        number_of_transactions=str(count) if group.number_of_transactions is not None else None,
        control_sum=total if group.control_sum is not None else None,
        total_settlement_amount=(
            replace(group.total_settlement_amount, value=total)
            if group.total_settlement_amount is not None and total is not None
            else None
        ),
    )


def _credit_transfer(message: Message) -> list[Part]:
    assert isinstance(message, CreditTransfer)
    root = (
        "/Document/FIToFICstmrCdtTrf" if message.message_type.startswith("pacs.008") else "/Document/FICdtTrf"
    )
    grp = message.group_header
    parts = []
    for n, tx in enumerate(message.transactions, start=1):
        amount = tx.settlement_amount.value if tx.settlement_amount is not None else None
        if tx.settlement_date is None and grp.settlement_date is not None:
            # GrpHdr/IntrBkSttlmDt is the date of every transaction of the group: the part's
            # transaction states it itself, as a single-transaction message would
            tx = replace(tx, settlement_date=grp.settlement_date)
        part = replace(message, group_header=_group_for(grp, [amount], 1), transactions=(tx,))
        parts.append(_nth(part, f"{root}/CdtTrfTxInf", n))
    return parts


def _payment_return(message: Message) -> list[Part]:
    assert isinstance(message, PaymentReturn)
    root = "/Document/PmtRtr"
    parts = []
    for n, tx in enumerate(message.transactions, start=1):
        amount = tx.returned_amount.value if tx.returned_amount is not None else None
        part = replace(
            message, group_header=_group_for(message.group_header, [amount], 1), transactions=(tx,)
        )
        parts.append(_nth(part, f"{root}/TxInf", n))
    return parts


def _status_report(message: Message) -> list[Part]:
    """One part per transaction status (the original groups kept as references, their own
    status left to the group parts), then one per group that carries a status of its own."""
    assert isinstance(message, StatusReport)
    root = "/Document/FIToFIPmtStsRpt"
    groups_as_refs = tuple(replace(g, status=None, reasons=()) for g in message.original_groups)
    parts = []
    for n, tx in enumerate(message.transactions, start=1):
        part = replace(message, original_groups=groups_as_refs, transactions=(tx,))
        parts.append(_nth(part, f"{root}/TxInfAndSts", n))
    for n, group in enumerate(message.original_groups, start=1):
        if message.transactions and group.status is None and not group.reasons:
            continue
        part = replace(message, original_groups=(group,), payment_infos=(), transactions=())
        parts.append(_nth(part, f"{root}/OrgnlGrpInfAndSts", n))
    return parts


def _cancellation(message: Message) -> list[Part]:
    assert isinstance(message, CancellationRequest)
    root = "/Document/FIToFIPmtCxlReq"
    parts = []
    for u, under in enumerate(message.underlyings, start=1):
        for t, tx in enumerate(under.transactions, start=1):
            amount = tx.original.settlement_amount
            part = replace(
                message,
                underlyings=(replace(under, transactions=(tx,)),),
                number_of_transactions="1" if message.number_of_transactions is not None else None,
                control_sum=(amount.value if amount is not None else None) if message.control_sum else None,
            )
            path = f"{root}/Undrlyg[{u}]/TxInf[{t}]"
            renames = ((f"{root}/Undrlyg[1]/TxInf[1]", path), (f"{root}/Undrlyg[1]", f"{root}/Undrlyg[{u}]"))
            parts.append(Part(part, renames, (path,), path))
    return parts


def _resolution(message: Message) -> list[Part]:
    assert isinstance(message, InvestigationResolution)
    root = "/Document/RsltnOfInvstgtn"
    parts = []
    for d, details in enumerate(message.cancellation_details, start=1):
        for t, tx in enumerate(details.transactions, start=1):
            part = replace(message, cancellation_details=(replace(details, transactions=(tx,)),))
            path = f"{root}/CxlDtls[{d}]/TxInfAndSts[{t}]"
            renames = (
                (f"{root}/CxlDtls[1]/TxInfAndSts[1]", path),
                (f"{root}/CxlDtls[1]", f"{root}/CxlDtls[{d}]"),
            )
            parts.append(Part(part, renames, (path,), path))
    return parts


def _correspondence(message: Message) -> list[Part]:
    assert isinstance(message, Correspondence)
    root = "/Document/NtfctnOfCrspdc"
    parts = []
    for n, item in enumerate(message.notifications, start=1):
        parts.append(_nth(replace(message, notifications=(item,)), f"{root}/NtfctnData", n))
    return parts


# --- pain.001: one payment-information block (one debtor, one execution date) per part ---------


def _initiation(message: Message) -> list[Part]:
    """One part per credit-transfer ``PmtInf``: a block has one debtor and one execution date,
    what one MT101 carries. Blocks of another method (cheques) have no MT101 at all: they stay
    with the first part, whose translation reports them (TA018) as the whole message does."""
    assert isinstance(message, PaymentInitiation)
    root = "/Document/CstmrCdtTrfInitn"
    transfers = [(n, b) for n, b in enumerate(message.payments, start=1) if b.method in ("TRF", "TRA")]
    others = [(n, b) for n, b in enumerate(message.payments, start=1) if b.method not in ("TRF", "TRA")]
    parts = []
    for index, (n, batch) in enumerate(transfers):
        blocks: list[tuple[int, PaymentInstruction]] = [(n, batch), *(others if index == 0 else [])]
        txs = [tx for _, b in blocks for tx in b.transactions]
        amounts = [tx.instructed_amount.value if tx.instructed_amount is not None else None for tx in txs]
        part = replace(
            message,
            group_header=_group_for(message.group_header, amounts, len(txs)),
            payments=tuple(b for _, b in blocks),
        )
        renames = tuple((f"{root}/PmtInf[{k}]", f"{root}/PmtInf[{m}]") for k, (m, _) in enumerate(blocks, 1))
        dropped = tuple(f"{root}/PmtInf[{n}]/CdtTrfTxInf[{m}]" for m in range(1, len(batch.transactions) + 1))
        parts.append(Part(part, tuple(reversed(renames)), dropped, f"{root}/PmtInf[{n}]"))
    return parts


# --- cash management: one Stmt / Rpt per part; one entry per part for camt.054 -----------------

_STATEMENT_ROOTS = {
    ReportKind.STATEMENT: ("/Document/BkToCstmrStmt", "Stmt"),
    ReportKind.REPORT: ("/Document/BkToCstmrAcctRpt", "Rpt"),
    ReportKind.NOTIFICATION: ("/Document/BkToCstmrDbtCdtNtfctn", "Ntfctn"),
}


def _summary_for(summary: TransactionSummary | None, entry: Entry) -> TransactionSummary | None:
    """The TxsSummry of a one-entry notification: the entry's count and sums only. Totals the
    model keeps as extras (``TtlNtries/TtlNetNtryAmt`` of older versions) are the whole
    notification's and are left out rather than carried with a wrong value."""
    if summary is None:
        return None
    extras = tuple(extra for extra in summary.extras if "/TxsSummry/TtlNtries/" not in extra.path)
    credit = entry.credit_debit == "CRDT"
    value = entry.amount.value
    return replace(
        summary,
        number_of_entries="1" if summary.number_of_entries is not None else None,
        sum=value if summary.sum is not None else None,
        net_amount=value if summary.net_amount is not None else None,
        net_credit_debit=entry.credit_debit if summary.net_credit_debit is not None else None,
        credit_entries=("1" if credit else "0") if summary.credit_entries is not None else None,
        credit_sum=(value if credit else Decimal(0)) if summary.credit_sum is not None else None,
        debit_entries=("0" if credit else "1") if summary.debit_entries is not None else None,
        debit_sum=(Decimal(0) if credit else value) if summary.debit_sum is not None else None,
        extras=extras,
    )


def _statement(message: Message) -> list[Part]:
    assert isinstance(message, Statement)
    root, block = _STATEMENT_ROOTS[message.kind]
    parts = []
    for n, report in enumerate(message.reports, start=1):
        path = f"{root}/{block}[{n}]"
        if message.kind is not ReportKind.NOTIFICATION or len(report.entries) < 2:
            parts.append(_nth(replace(message, reports=(report,)), f"{root}/{block}", n))
            continue
        for e, entry in enumerate(report.entries, start=1):
            one: AccountReport = replace(
                report, entries=(entry,), summary=_summary_for(report.summary, entry)
            )
            entry_path = f"{path}/Ntry[{e}]"
            renames = ((f"{root}/{block}[1]/Ntry[1]", entry_path), (f"{root}/{block}[1]", path))
            dropped = (entry_path, path) if e == 1 else (entry_path,)
            parts.append(Part(replace(message, reports=(one,)), renames, dropped, entry_path))
    return parts


def _entries(message: Message) -> int:
    assert isinstance(message, Statement)
    if message.kind is ReportKind.NOTIFICATION:
        return sum(max(len(report.entries), 1) for report in message.reports)
    return len(message.reports)


#: Model class → an upper bound of its item count (cheap) and its splitter. Keyed by the exact
#: class: the readers build these classes themselves, never subclasses.
_SPLITTERS: dict[type, tuple[Callable[[Any], int], Callable[[Message], list[Part]]]] = {
    CreditTransfer: (lambda m: len(m.transactions), _credit_transfer),
    Statement: (_entries, _statement),
    PaymentInitiation: (lambda m: len(m.payments), _initiation),
    StatusReport: (lambda m: len(m.transactions) + len(m.original_groups), _status_report),
    PaymentReturn: (lambda m: len(m.transactions), _payment_return),
    CancellationRequest: (lambda m: sum(len(u.transactions) for u in m.underlyings), _cancellation),
    InvestigationResolution: (
        lambda m: sum(len(d.transactions) for d in m.cancellation_details),
        _resolution,
    ),
    Correspondence: (lambda m: len(m.notifications), _correspondence),
}
