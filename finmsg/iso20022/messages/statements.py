"""camt.052 (account report), camt.053 (statement), camt.054 (debit/credit notification) ↔ :class:`Statement`.

The three messages differ only in names (``BkToCstmrAcctRpt/Rpt``,
``BkToCstmrStmt/Stmt``, ``BkToCstmrDbtCdtNtfctn/Ntfctn``) and in camt.054 having
no balances, so one reader and one writer serve all three through a small
:class:`Layout`. Entries and balances are mapped by
:mod:`finmsg.iso20022.components.entries`, which the streaming reader reuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.entries import read_balance, read_each, read_entry, write_balance, write_entry
from finmsg.iso20022.components.parties import (
    read_account,
    read_agent,
    read_party,
    write_account,
    write_agent,
    write_party,
)
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import Extra
from finmsg.model.payments import AppHeader
from finmsg.model.statements import (
    AccountReport,
    Pagination,
    Period,
    ReportKind,
    Statement,
    StatementGroupHeader,
    TransactionSummary,
)

__all__ = ["LAYOUTS", "Layout", "read_group_header", "read_report", "read_statement", "write_statement"]


@dataclass(frozen=True, slots=True)
class Layout:
    """Element names of one of the three messages."""

    family: str
    root: str
    block: str
    pagination: str
    info: str
    kind: ReportKind


LAYOUTS = {
    layout.family: layout
    for layout in (
        Layout("camt.052", "BkToCstmrAcctRpt", "Rpt", "RptPgntn", "AddtlRptInf", ReportKind.REPORT),
        Layout("camt.053", "BkToCstmrStmt", "Stmt", "StmtPgntn", "AddtlStmtInf", ReportKind.STATEMENT),
        Layout(
            "camt.054",
            "BkToCstmrDbtCdtNtfctn",
            "Ntfctn",
            "NtfctnPgntn",
            "AddtlNtfctnInf",
            ReportKind.NOTIFICATION,
        ),
    )
}
_BY_BLOCK = {layout.block: layout for layout in LAYOUTS.values()}


# --------------------------------------------------------------------------- small blocks


def _read_pagination(node: Node) -> Pagination | None:
    page, last = node.text("PgNb"), node.boolean("LastPgInd")
    return None if page is None or last is None else Pagination(page, last)


def _write_pagination(parent: WNode, name: str, value: Pagination | None) -> None:
    if value is None:
        return
    node = parent.add(name, value.page_number)
    if node is not None:
        node.text("PgNb", value.page_number)
        node.boolean("LastPgInd", value.last_page)


def _read_period(node: Node) -> Period | None:
    start, end = node.timestamp("FrDtTm"), node.timestamp("ToDtTm")
    return None if start is None or end is None else Period(start, end)


def read_group_header(node: Node) -> StatementGroupHeader:
    msg_id = node.text("MsgId")
    if msg_id is None:
        node.ctx.error("iso.structure.missing", "GrpHdr has no MsgId", f"{node.path}/MsgId")
    recipient = node.child("MsgRcpt")
    return StatementGroupHeader(
        msg_id or "",
        node.timestamp("CreDtTm"),
        read_party(recipient) if recipient is not None else None,
        node.strict("MsgPgntn", _read_pagination),
        node.text("AddtlInf"),
        node.extras(),
    )


def _write_group_header(parent: WNode, value: StatementGroupHeader) -> None:
    node = parent.add("GrpHdr")
    if node is None:
        return
    node.text("MsgId", value.message_id or None)
    node.timestamp("CreDtTm", value.creation)
    write_party(node, "MsgRcpt", value.recipient)
    _write_pagination(node, "MsgPgntn", value.pagination)
    node.text("AddtlInf", value.additional_info)
    node.extras(value.extras)


def _read_count_and_sum(node: Node) -> tuple[str | None, Decimal | None]:
    return node.text("NbOfNtries"), node.decimal("Sum")


def _read_summary(node: Node) -> TransactionSummary:
    extras: list[Extra] = []
    values: dict[str, object] = {}
    total = node.child("TtlNtries")
    if total is not None:
        values["number_of_entries"], values["sum"] = _read_count_and_sum(total)
        net = total.child("TtlNetNtry")
        if net is not None:
            values["net_amount"], values["net_credit_debit"] = net.decimal("Amt"), net.text("CdtDbtInd")
            extras.extend(net.extras())
        extras.extend(total.extras())
    for tag, prefix in (("TtlCdtNtries", "credit"), ("TtlDbtNtries", "debit")):
        sub = node.child(tag)
        if sub is not None:
            values[f"{prefix}_entries"], values[f"{prefix}_sum"] = _read_count_and_sum(sub)
            extras.extend(sub.extras())
    extras.extend(node.extras())
    return TransactionSummary(**values, extras=tuple(extras))  # type: ignore[arg-type]


def _write_summary(parent: WNode, value: TransactionSummary | None) -> None:
    if value is None:
        return
    node = parent.add("TxsSummry")
    if node is None:
        return
    extras = value.extras
    has_net = value.net_amount is not None or value.net_credit_debit is not None
    if value.number_of_entries is not None or value.sum is not None or has_net or wants(extras, "TtlNtries"):
        total = node.add("TtlNtries")
        if total is not None:
            total.text("NbOfNtries", value.number_of_entries)
            total.decimal("Sum", value.sum)
            if has_net or wants(extras, "TtlNetNtry"):
                net = total.add("TtlNetNtry")
                if net is not None:
                    net.decimal("Amt", value.net_amount)
                    net.text("CdtDbtInd", value.net_credit_debit)
                    net.extras(extras)
            total.extras(extras)
    for tag, count, amount in (
        ("TtlCdtNtries", value.credit_entries, value.credit_sum),
        ("TtlDbtNtries", value.debit_entries, value.debit_sum),
    ):
        if count is not None or amount is not None or wants(extras, tag):
            sub = node.add(tag)
            if sub is not None:
                sub.text("NbOfNtries", count)
                sub.decimal("Sum", amount)
                sub.extras(extras)
    node.extras(extras)


# ------------------------------------------------------------------------ report / statement / notification


def read_report(node: Node, layout: Layout, with_entries: bool = True) -> AccountReport | None:
    """One Rpt/Stmt/Ntfctn; None when its mandatory Id or Acct is missing.

    ``with_entries=False`` (streaming) reads everything but the entries, which the
    caller maps one by one; the ``Ntry`` children present are then left alone.
    """
    ident = node.text("Id")
    pagination = node.strict(layout.pagination, _read_pagination)
    electronic, legal = node.text("ElctrncSeqNb"), node.text("LglSeqNb")
    creation, period = node.timestamp("CreDtTm"), node.strict("FrToDt", _read_period)
    copy = node.text("CpyDplctInd")
    acct = node.child("Acct")
    if ident is None or acct is None:
        return None
    owner, servicer = acct.child("Ownr"), acct.child("Svcr")
    account_owner = read_party(owner) if owner is not None else None
    account_servicer = read_agent(servicer) if servicer is not None else None
    account = read_account(acct)
    balances, bad_balances = read_each(node, "Bal", read_balance)
    txs = node.child("TxsSummry")
    summary = _read_summary(txs) if txs is not None else None
    if with_entries:
        entries, bad_entries = read_each(node, "Ntry", read_entry)
    else:
        node.children("Ntry")
        entries, bad_entries = (), ()
    info = node.text(layout.info)
    return AccountReport(
        id=ident,
        account=account,
        account_owner=account_owner,
        account_servicer=account_servicer,
        pagination=pagination,
        electronic_sequence=electronic,
        legal_sequence=legal,
        creation=creation,
        period=period,
        copy_duplicate=copy,
        balances=balances,
        summary=summary,
        entries=entries,
        additional_info=info,
        extras=bad_balances + bad_entries + node.extras(),
    )


def _write_account_block(node: WNode, report: AccountReport) -> None:
    """Acct: the shared account writer, then owner and servicer inside the same element."""
    before = len(node.kids)
    write_account(node, "Acct", report.account)
    if len(node.kids) == before:
        return
    acct = node.kids[-1]
    assert isinstance(acct, WNode)  # write_account adds one WNode, the Acct element
    # Ownr and Svcr close the CashAccount sequence in every version: appending keeps schema order.
    write_party(acct, "Ownr", report.account_owner)
    write_agent(acct, "Svcr", report.account_servicer)


def write_report(parent: WNode, layout: Layout, report: AccountReport) -> None:
    node = parent.add(layout.block, report.id)
    if node is None:
        return
    node.text("Id", report.id)
    _write_pagination(node, layout.pagination, report.pagination)
    node.text("ElctrncSeqNb", report.electronic_sequence)
    node.text("LglSeqNb", report.legal_sequence)
    node.timestamp("CreDtTm", report.creation)
    if report.period is not None:
        period = node.add("FrToDt")
        if period is not None:
            period.timestamp("FrDtTm", report.period.start)
            period.timestamp("ToDtTm", report.period.end)
    node.text("CpyDplctInd", report.copy_duplicate)
    _write_account_block(node, report)
    for balance in report.balances:
        write_balance(node, balance)
    _write_summary(node, report.summary)
    for entry in report.entries:
        write_entry(node, entry)
    node.text(layout.info, report.additional_info)
    node.extras(report.extras)


def read_statement(root: Node, message_id: str, header: AppHeader | None) -> Statement:
    layout = LAYOUTS[message_id[:8]]
    body = root.child(layout.root)
    if body is None:
        raise ParseError(f"{message_id} Document has no {layout.root}", code="iso.structure", path=root.path)
    grp = body.child("GrpHdr")
    if grp is None:
        root.ctx.diagnostics.append(
            Diagnostic(
                "iso.structure.missing", Severity.ERROR, "GrpHdr is missing", path=f"{body.path}/GrpHdr"
            )
        )
        group_header = StatementGroupHeader("")
    else:
        group_header = read_group_header(grp)
    reports, bad = read_each(body, layout.block, lambda n: read_report(n, layout))
    return Statement(
        message_type=message_id,
        family="iso20022",
        kind=layout.kind,
        group_header=group_header,
        reports=reports,
        header=header,
        extras=bad + body.extras() + root.extras(),
    )


def write_statement(doc: WNode, message: Statement) -> None:
    layout = LAYOUTS[doc.ctx.message_id[:8]]
    body = doc.add(layout.root)
    if body is None:
        return
    _write_group_header(body, message.group_header)
    for report in message.reports:
        write_report(body, layout, report)
    body.extras(message.extras)
    doc.extras(message.extras)


def layout_of_block(name: str) -> Layout | None:
    """The layout whose per-account block is called ``name`` (``Stmt`` → camt.053)."""
    return _BY_BLOCK.get(name)


def _codec(family: str) -> MessageCodec:
    # .02 is read, not written: its agents carry BIC where the shared writer emits BICFI.
    versions = tuple(f"{family}.001.{v:02d}" for v in range(3, 15))
    return MessageCodec(
        family, LAYOUTS[family].root, Statement, read_statement, write_statement, versions, f"{family}.001.08"
    )


CODECS = (_codec("camt.052"), _codec("camt.053"), _codec("camt.054"))
