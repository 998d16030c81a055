"""Charges of a camt.052/053/054 entry or transaction (``Chrgs``) ↔ :class:`StatementCharges`.

Two shapes exist. Version .02 repeats ``Chrgs`` (``ChargesInformation6``), one element
per charge, each of which may carry the total of charges and tax again and names the
agent ``Pty``. From version .03, one ``Chrgs`` holds ``TtlChrgsAndTaxAmt`` once and a
``Rcrd`` per charge (agent ``Agt``; ``ChrgInclInd`` from .04). Both read into one model
so that a version conversion carries the charges; the writer produces the ``Rcrd``
shape, the only one among the versions finmsg writes, and each member the target lacks
is reported by the write context as ``version.dropped``.

Nothing read is lost: members not understood stay as extras of the nearest object,
a record without an amount is kept whole (with an error, as for entries), and .02
charges whose totals disagree are left unmapped in the entry's extras, since the model
holds one total.

The one-pass lane :mod:`finmsg.iso20022.entries_fast` maps the usual ``Rcrd`` shape
itself and must agree with this reader.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.components.parties import read_agent, write_agent
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode, wants
from finmsg.model.common import Amount, Extra
from finmsg.model.payments import CodeOrProprietary
from finmsg.model.statements import ChargeRecord, ChargeTax, StatementCharges

__all__ = ["read_charges", "write_charges"]


def _read_type(node: Node) -> tuple[CodeOrProprietary, str | None] | None:
    """``Tp``: ``Cd`` or ``Prtry`` (``Id`` and ``Issr``); None unless one of them is read."""
    code = node.text("Cd")
    prtry = node.child("Prtry")
    ident = issuer = None
    if prtry is not None:
        ident, issuer = prtry.text("Id"), prtry.text("Issr")
        if ident is None or not prtry.complete():
            return None
    if code is None and ident is None:
        return None
    return CodeOrProprietary(code, ident), issuer


def _read_tax(node: Node) -> ChargeTax | None:
    tax = ChargeTax(node.text("Id"), node.decimal("Rate"), node.amount("Amt"))
    return None if tax == _NO_TAX else tax


_NO_TAX = ChargeTax()


def _read_record(node: Node, agent_name: str) -> ChargeRecord | None:
    """One ``Rcrd`` (or a .02 ``Chrgs``, whose agent is ``Pty``); None without a readable amount."""
    amount = node.amount("Amt")
    sign = node.text("CdtDbtInd")
    included = node.boolean("ChrgInclInd")
    kind = node.strict("Tp", _read_type)
    rate = node.decimal("Rate")
    bearer = node.text("Br")
    agt = node.child(agent_name)
    agent = read_agent(agt) if agt is not None else None
    tax = node.strict("Tax", _read_tax)
    if amount is None:
        return None
    return ChargeRecord(
        amount,
        agent,
        None if kind is None else kind[0],
        sign,
        included,
        None if kind is None else kind[1],
        rate,
        bearer,
        tax,
        node.extras(),
    )


def _incomplete(node: Node, sub: Node) -> Extra:
    """Keep a record without a (readable) amount whole, with an error, as entries are kept."""
    node.ctx.diagnostics.append(
        Diagnostic(
            "iso.structure.incomplete",
            Severity.ERROR,
            "charge record lacks a readable Amt; kept unmapped",
            path=sub.path,
        )
    )
    return Extra("iso20022", sub.path, etree.tostring(sub.el, encoding="unicode", with_tail=False))


def _read_records(node: Node) -> StatementCharges:
    """The ``Rcrd`` shape (versions .03 to .14)."""
    total = node.amount("TtlChrgsAndTaxAmt")
    records: list[ChargeRecord] = []
    kept: list[Extra] = []
    for sub in node.children("Rcrd"):
        record = _read_record(sub, "Agt")
        if record is None:
            kept.append(_incomplete(node, sub))
        else:
            records.append(record)
    return StatementCharges(total, tuple(records), tuple(kept) + node.extras())


def _decimal(el: etree._Element) -> Decimal | None:
    if len(el):
        return None
    try:
        return Decimal((el.text or "").strip())
    except ArithmeticError:
        return None


def _list_mappable(node: Node) -> bool:
    """Whether the .02 ``Chrgs`` of ``node`` fit the model: each has a readable ``Amt``, and only
    the first may carry ``TtlChrgsAndTaxAmt``.

    Checked before anything is read, so that a list the model cannot give back exactly (a
    total repeated or carried by a later charge: the model has one total, written with the
    first charge) stays untouched in the entry's extras.
    """
    tag = node.el.tag
    q = tag[: tag.find("}") + 1]
    for index, chrgs in enumerate(node.el.iterchildren(f"{q}Chrgs")):
        amt = chrgs.find(f"{q}Amt")
        if amt is None or _decimal(amt) is None:
            return False
        totals = chrgs.findall(f"{q}TtlChrgsAndTaxAmt")
        if totals and (index or len(totals) > 1 or _decimal(totals[0]) is None):
            return False
    return True


def _read_list(node: Node) -> StatementCharges | None:
    """The .02 shape: one ``Chrgs`` per charge, the total (if any) with the first.

    A charge's leftovers keep their ``Chrgs[i]`` path: written as .02 they go back into
    their own ``Chrgs``; written in the ``Rcrd`` shape they are offered to ``Chrgs`` (and
    reported as dropped where they do not fit).
    """
    if not _list_mappable(node):
        return None  # the elements stay unmapped, in the entry's extras
    total: Amount | None = None
    records: list[ChargeRecord] = []
    for index, sub in enumerate(node.children("Chrgs")):
        if not index:
            total = sub.amount("TtlChrgsAndTaxAmt")
        record = _read_record(sub, "Pty")
        assert record is not None  # every Amt was checked readable
        records.append(record)
    return StatementCharges(total, tuple(records), ())


def read_charges(node: Node) -> StatementCharges | None:
    """``Chrgs`` of the entry or transaction ``node`` (None when it has none, or keeps them unmapped)."""
    if not node.has("Chrgs"):
        return None
    first = node.el.find(f"{node.el.tag[: node.el.tag.find('}') + 1]}Chrgs")
    assert first is not None  # ``has`` found it
    if first.find(f"{first.tag[: first.tag.find('}') + 1]}Amt") is not None:
        return _read_list(node)
    sub = node.child("Chrgs")
    assert sub is not None
    return _read_records(sub)


# ----------------------------------------------------------------------------- writing


def _write_type(parent: WNode, record: ChargeRecord) -> None:
    kind = record.type
    if kind is None and not wants(record.extras, "Tp"):
        return
    node = parent.add("Tp", None if kind is None else kind.value)
    if node is None:
        return
    if kind is not None:
        node.text("Cd", kind.code)
        if kind.proprietary is not None:
            prtry = node.add("Prtry", kind.proprietary)
            if prtry is not None:
                prtry.text("Id", kind.proprietary)
                prtry.text("Issr", record.type_issuer)
    node.extras(record.extras)


def _write_tax(parent: WNode, record: ChargeRecord) -> None:
    tax = record.tax
    if tax is None:
        return
    node = parent.add("Tax", tax.id)
    if node is not None:
        node.text("Id", tax.id)
        node.decimal("Rate", tax.rate)
        node.amount("Amt", tax.amount)


def _write_record(parent: WNode, record: ChargeRecord) -> None:
    node = parent.add("Rcrd", str(record.amount))
    if node is not None:
        _write_members(node, record, "Agt")


def _is_list_shape(parent: WNode) -> bool:
    """Whether the target schema has the .02 shape (a ``Chrgs`` per charge) under ``parent``."""
    decl = parent.type.child("Chrgs") if parent.type is not None else None
    return decl is not None and decl.type.child("Rcrd") is None and decl.type.child("Amt") is not None


def _write_members(node: WNode, record: ChargeRecord, agent: str) -> None:
    node.amount("Amt", record.amount)
    node.text("CdtDbtInd", record.credit_debit)
    node.boolean("ChrgInclInd", record.included)
    _write_type(node, record)
    node.decimal("Rate", record.rate)
    node.text("Br", record.bearer)
    write_agent(node, agent, record.agent)
    _write_tax(node, record)
    node.extras(record.extras)


def _write_list(parent: WNode, charges: StatementCharges) -> None:
    """The .02 shape: one ``Chrgs`` per record, the total with the first."""
    if not charges.records:
        if charges.total is not None:
            parent.ctx.dropped(
                parent.path,
                "Chrgs/TtlChrgsAndTaxAmt",
                str(charges.total),
                why="has no Chrgs without a charge amount (Amt) at this place",
            )
        return
    for index, record in enumerate(charges.records):
        node = parent.add("Chrgs", str(record.amount))
        if node is None:
            return
        if not index:
            node.amount("TtlChrgsAndTaxAmt", charges.total)
            node.extras(charges.extras)
        _write_members(node, record, "Pty")


def write_charges(parent: WNode, charges: StatementCharges | None) -> None:
    """``Chrgs`` in the shape of the target version; what it lacks is reported by the context."""
    if charges is None:
        return
    if _is_list_shape(parent):
        _write_list(parent, charges)
        return
    node = parent.add("Chrgs", None if charges.total is None else str(charges.total))
    if node is None:
        return
    node.amount("TtlChrgsAndTaxAmt", charges.total)
    for record in charges.records:
        _write_record(node, record)
    node.extras(charges.extras)
    for record in charges.records:
        if record.extras:  # leftovers of a .02 charge (path ``Chrgs[i]/...``) belong under Chrgs
            node.extras(record.extras)
