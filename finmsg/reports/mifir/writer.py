"""Serialise :class:`TxRecord` objects as an auth.016 ``FinInstrmRptgTxRpt`` (lxml, element by element).

Values are set as element text through lxml, so no value can inject markup;
element order follows the XSD sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lxml import etree

from finmsg.reports.mifir.profiles import Profile
from finmsg.reports.mifir.record import Decider, Person, ReportParty, TxRecord

__all__ = ["write_document"]


class _Builder:
    def __init__(self, namespace: str) -> None:
        self.ns = "{" + namespace + "}"

    def el(self, parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
        child = etree.SubElement(parent, self.ns + name, attrs)
        if text is not None:
            child.text = text
        return child

    def person(self, parent: etree._Element, person: Person, full: bool) -> None:
        if full:
            self.el(parent, "FrstNm", person.first_name or "NOTAVAILABLE")
            self.el(parent, "Nm", person.surname or "NOTAVAILABLE")
            self.el(parent, "BirthDt", person.birth_date or "")
        else:
            self.el(parent, "CtryOfBrnch", person.branch_country or "")
        other = self.el(parent, "Othr")
        self.el(other, "Id", person.id)
        scheme = self.el(other, "SchmeNm")
        self.el(scheme, "Cd", person.scheme)

    def party(self, parent: etree._Element, name: str, party: ReportParty) -> None:
        holder = self.el(parent, name)
        owner = self.el(holder, "AcctOwnr")
        ident = self.el(owner, "Id")
        if party.lei:
            self.el(ident, "LEI", party.lei)
        elif party.mic:
            self.el(ident, "MIC", party.mic)
        elif party.person is not None:
            self.person(self.el(ident, "Prsn"), party.person, True)
        else:
            self.el(ident, "Intl", "INTC")
        if party.branch_country:
            self.el(owner, "CtryOfBrnch", party.branch_country)
        if party.decision_maker_lei:
            self.el(self.el(holder, "DcsnMakr"), "LEI", party.decision_maker_lei)
        elif party.decision_maker is not None:
            self.person(self.el(self.el(holder, "DcsnMakr"), "Prsn"), party.decision_maker, True)

    def decider(self, parent: etree._Element, name: str, decider: Decider) -> None:
        holder = self.el(parent, name)
        if decider.person is not None:
            self.person(self.el(holder, "Prsn"), decider.person, False)
        elif decider.algo is not None:
            self.el(holder, "Algo", decider.algo)
        else:
            self.el(holder, "Clnt", "NORE")


def _dec(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")


def _new(b: _Builder, tx: etree._Element, r: TxRecord) -> None:
    new = b.el(tx, "New")
    b.el(new, "TxId", r.tx_id)
    b.el(new, "ExctgPty", r.executing_lei)
    b.el(new, "InvstmtPtyInd", "true" if r.investment_firm else "false")
    b.el(new, "SubmitgPty", r.submitting_lei)
    assert r.buyer is not None and r.seller is not None and r.quantity is not None and r.price is not None
    b.party(new, "Buyr", r.buyer)
    b.party(new, "Sellr", r.seller)
    b.el(b.el(new, "OrdrTrnsmssn"), "TrnsmssnInd", "true" if r.transmission else "false")
    trade = b.el(new, "Tx")
    b.el(trade, "TradDt", r.trade_time)
    b.el(trade, "TradgCpcty", r.capacity)
    qty = b.el(trade, "Qty")
    if r.quantity.kind == "Unit":
        b.el(qty, "Unit", _dec(r.quantity.value))
    else:
        assert r.quantity.currency, "the mapping refuses a non-unit quantity without a currency"
        b.el(qty, r.quantity.kind, _dec(r.quantity.value), Ccy=r.quantity.currency)
    price = b.el(b.el(trade, "Pric"), "Pric")
    if r.price.kind == "MntryVal":
        amount = b.el(price, "MntryVal")
        assert r.price.currency, "the mapping refuses a monetary price without a currency"
        b.el(amount, "Amt", _dec(abs(r.price.value)), Ccy=r.price.currency)
        if r.price.value < 0:
            b.el(amount, "Sgn", "false")
    else:
        b.el(price, r.price.kind, _dec(r.price.value))
    if r.net_amount is not None:
        b.el(trade, "NetAmt", _dec(r.net_amount))
    b.el(trade, "TradVn", r.venue)
    if r.branch_country:
        b.el(trade, "CtryOfBrnch", r.branch_country)
    if r.venue_tx_id:
        b.el(trade, "TradPlcMtchgId", r.venue_tx_id)
    b.el(b.el(new, "FinInstrm"), "Id", r.isin)
    if r.investment_decision is not None:
        b.decider(new, "InvstmtDcsnPrsn", r.investment_decision)
    b.decider(new, "ExctgPrsn", r.execution or Decider(client=True))
    extra = b.el(new, "AddtlAttrbts")
    for waiver in r.waivers:
        b.el(extra, "WvrInd", waiver)
    if r.short_selling:
        b.el(extra, "ShrtSellgInd", r.short_selling)
    for indicator in r.otc_post_trade:
        b.el(extra, "OTCPstTradInd", indicator)
    if r.risk_reduction is not None:
        b.el(extra, "RskRdcgTx", "true" if r.risk_reduction else "false")
    b.el(extra, "SctiesFincgTxInd", "true" if r.sft else "false")


def write_document(records: Sequence[TxRecord], profile: Profile) -> etree._Element:
    """The ``Document`` element (inside the profile's envelope, if any) reporting ``records``."""
    b = _Builder(profile.namespace)
    document = etree.Element(b.ns + "Document", nsmap={None: profile.namespace})  # type: ignore[dict-item]
    report = b.el(document, "FinInstrmRptgTxRpt")
    for record in records:
        tx = b.el(report, "Tx")
        if record.cancel:
            cxl = b.el(tx, "Cxl")
            b.el(cxl, "TxId", record.tx_id)
            b.el(cxl, "ExctgPty", record.executing_lei)
            b.el(cxl, "SubmitgPty", record.submitting_lei)
        else:
            _new(b, tx, record)
    return profile.envelope(document) if profile.envelope else document
