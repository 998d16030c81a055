"""Charges (``Chrgs``) of camt.052/053/054 entries and transactions through the model.

Hand-written documents in the two shapes the standard has: version .02 repeats ``Chrgs``
per charge (agent ``Pty``, the total repeated), versions .03-.14 hold one ``Chrgs`` with
``TtlChrgsAndTaxAmt`` and ``Rcrd`` (agent ``Agt``; ``ChrgInclInd`` from .04). Checked:
the model values (written down from the XML by hand), same-version round trips (canonical
XML equal to the input, XSD-valid), version conversions .02 → .08 → .13 and back (charges
carried; ``ChrgInclInd`` reported as ``version.dropped`` where the target lacks it), the
fast entry lane and the streaming reader against the general reader, and the JSON form.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from lxml import etree

from finmsg.diagnostics import Severity
from finmsg.iso20022.components.entries import read_entry_general
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.entries_fast import map_bare_entry, map_entry
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.streaming import iter_entries
from finmsg.jsonfmt import dumps_model
from finmsg.model.common import Agent, Amount
from finmsg.model.payments import CodeOrProprietary
from finmsg.model.statements import ChargeRecord, ChargeTax, Statement, StatementCharges
from tests.golden import canonical_xml
from tests.iso20022.test_statements_support import document_of, ensure_xsd_package

ensure_xsd_package()

from finmsg.iso20022.schemas import validate_document  # noqa: E402  (after the XSD package check)

_ROOTS = {
    "camt.052": ("BkToCstmrAcctRpt", "Rpt"),
    "camt.053": ("BkToCstmrStmt", "Stmt"),
    "camt.054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
}

# The .03+ shape: a total, a record with every member, a proprietary-typed record.
NEW_ENTRY_CHRGS = """
<Chrgs>
  <TtlChrgsAndTaxAmt Ccy="EUR">12.50</TtlChrgsAndTaxAmt>
  <Rcrd>
    <Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><ChrgInclInd>true</ChrgInclInd>
    <Tp><Cd>COMM</Cd></Tp><Rate>0.25</Rate><Br>DEBT</Br>
    <Agt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></Agt>
    <Tax><Id>VAT-DE</Id><Rate>19</Rate><Amt Ccy="EUR">1.90</Amt></Tax>
  </Rcrd>
  <Rcrd>
    <Amt Ccy="EUR">0.60</Amt><CdtDbtInd>DBIT</CdtDbtInd>
    <Tp><Prtry><Id>WIREFEE</Id><Issr>BANKDEFF</Issr></Prtry></Tp><Br>SHAR</Br>
  </Rcrd>
</Chrgs>"""
NEW_TX_CHRGS = """
<Chrgs>
  <Rcrd>
    <Amt Ccy="EUR">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><ChrgInclInd>false</ChrgInclInd>
    <Tp><Cd>BRKF</Cd></Tp><Br>CRED</Br>
    <Agt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Agt>
  </Rcrd>
</Chrgs>"""
# The same charges in the .02 shape (no ChrgInclInd there; the total with the first charge).
OLD_ENTRY_CHRGS = """
<Chrgs>
  <TtlChrgsAndTaxAmt Ccy="EUR">12.50</TtlChrgsAndTaxAmt>
  <Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
  <Tp><Cd>COMM</Cd></Tp><Rate>0.25</Rate><Br>DEBT</Br>
  <Pty><FinInstnId><BIC>BANKDEFFXXX</BIC></FinInstnId></Pty>
  <Tax><Id>VAT-DE</Id><Rate>19</Rate><Amt Ccy="EUR">1.90</Amt></Tax>
</Chrgs>
<Chrgs>
  <Amt Ccy="EUR">0.60</Amt><CdtDbtInd>DBIT</CdtDbtInd>
  <Tp><Prtry><Id>WIREFEE</Id><Issr>BANKDEFF</Issr></Prtry></Tp><Br>SHAR</Br>
</Chrgs>"""
OLD_TX_CHRGS = """
<Chrgs>
  <Amt Ccy="EUR">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd>
  <Tp><Cd>BRKF</Cd></Tp><Br>CRED</Br>
  <Pty><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Pty>
</Chrgs>"""


def doc(
    version: str, family: str = "camt.053", entry_chrgs: str | None = None, tx_chrgs: str | None = None
) -> bytes:
    """A minimal XSD-valid document of ``family`` ``version`` with one entry and one transaction."""
    old = version == "02"
    if entry_chrgs is None:
        entry_chrgs = OLD_ENTRY_CHRGS if old else NEW_ENTRY_CHRGS
    if tx_chrgs is None:
        tx_chrgs = OLD_TX_CHRGS if old else NEW_TX_CHRGS
    root, block = _ROOTS[family]
    balances = (
        ""
        if family == "camt.054"
        else """
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1250.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>"""
    )
    status = "<Sts>BOOK</Sts>" if old else "<Sts><Cd>BOOK</Cd></Sts>"
    tx_amount = "" if old else '<Amt Ccy="EUR">250.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>'
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:{family}.001.{version}">
  <{root}>
    <GrpHdr><MsgId>CH-1</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>
    <{block}>
      <Id>CH-1-1</Id>
      <CreDtTm>2026-11-30T18:00:00</CreDtTm>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>{balances}
      <Ntry>
        <Amt Ccy="EUR">250.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>{status}
        <BookgDt><Dt>2026-11-30</Dt></BookgDt>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        {entry_chrgs}
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-CH-1</EndToEndId></Refs>{tx_amount}
            {tx_chrgs}
          </TxDtls>
        </NtryDtls>
      </Ntry>
    </{block}>
  </{root}>
</Document>"""
    return text.encode()


def _eur(value: str) -> Amount:
    return Amount(Decimal(value), "EUR")


#: The charges of NEW_ENTRY_CHRGS / OLD_ENTRY_CHRGS, written down from the XML.
ENTRY = StatementCharges(
    _eur("12.50"),
    (
        ChargeRecord(
            _eur("10.00"),
            Agent(bic="BANKDEFFXXX"),
            CodeOrProprietary("COMM"),
            credit_debit="DBIT",
            included=True,
            rate=Decimal("0.25"),
            bearer="DEBT",
            tax=ChargeTax("VAT-DE", Decimal("19"), _eur("1.90")),
        ),
        ChargeRecord(
            _eur("0.60"),
            type=CodeOrProprietary(None, "WIREFEE"),
            credit_debit="DBIT",
            type_issuer="BANKDEFF",
            bearer="SHAR",
        ),
    ),
)
TX = StatementCharges(
    None,
    (
        ChargeRecord(
            _eur("2.50"),
            Agent(bic="COBADEFFXXX"),
            CodeOrProprietary("BRKF"),
            credit_debit="DBIT",
            included=False,
            bearer="CRED",
        ),
    ),
)


def _without_included(charges: StatementCharges) -> StatementCharges:
    return replace(charges, records=tuple(replace(r, included=None) for r in charges.records))


def _read(data: bytes) -> Statement:
    result = read_iso(data, {})
    assert result.diagnostics == [], result.diagnostics
    assert isinstance(result.value, Statement)
    return result.value


def _charges(message: Statement) -> tuple[StatementCharges | None, StatementCharges | None]:
    entry = message.reports[0].entries[0]
    return entry.charges, entry.details[0].transactions[0].charges


def _assert_valid(data: bytes, message_id: str) -> None:
    problems = validate_document(document_of(data), message_id)
    assert problems == [], [(d.path, d.message) for d in problems]


def _lossy(diagnostics: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return sorted((d.code, d.path) for d in diagnostics if d.severity is not Severity.INFO)


# --------------------------------------------------------------------------------- reading


@pytest.mark.parametrize("family", sorted(_ROOTS))
@pytest.mark.parametrize("version", ["08", "13"])
def test_record_shape_reads_into_the_model(family: str, version: str) -> None:
    message = _read(doc(version, family))
    entry, tx = _charges(message)
    assert entry == ENTRY
    assert tx == TX
    assert message.reports[0].entries[0].extras == ()
    assert entry is not None and [r.signed_amount for r in entry.records] == [
        Decimal("-10.00"),
        Decimal("-0.60"),
    ]


def test_v02_list_shape_reads_into_the_same_model() -> None:
    _assert_valid(doc("02"), "camt.053.001.02")
    message = _read(doc("02"))
    entry, tx = _charges(message)
    # the total from the first Chrgs, the agent from Pty, no ChrgInclInd in .02
    assert entry == _without_included(ENTRY)
    assert tx == _without_included(TX)
    assert message.reports[0].entries[0].extras == ()


#: .02 totals the model cannot give back exactly (it holds one total, written with the first charge).
UNMAPPED_TOTALS = {
    "repeated": OLD_ENTRY_CHRGS.replace(
        '<Amt Ccy="EUR">0.60</Amt>',
        '<TtlChrgsAndTaxAmt Ccy="EUR">12.50</TtlChrgsAndTaxAmt><Amt Ccy="EUR">0.60</Amt>',
    ),
    "on a later charge": OLD_ENTRY_CHRGS.replace(
        '<TtlChrgsAndTaxAmt Ccy="EUR">12.50</TtlChrgsAndTaxAmt>', ""
    ).replace(
        '<Amt Ccy="EUR">0.60</Amt>',
        '<TtlChrgsAndTaxAmt Ccy="EUR">12.50</TtlChrgsAndTaxAmt><Amt Ccy="EUR">0.60</Amt>',
    ),
}


@pytest.mark.parametrize("name", sorted(UNMAPPED_TOTALS))
def test_v02_totals_the_model_cannot_hold_stay_unmapped(name: str) -> None:
    data = doc("02", entry_chrgs=UNMAPPED_TOTALS[name])
    _assert_valid(data, "camt.053.001.02")
    message = _read(data)
    entry = message.reports[0].entries[0]
    assert entry.charges is None
    assert [e.path.rsplit("/", 1)[-1] for e in entry.extras] == ["Chrgs[1]", "Chrgs[2]"]
    assert "12.50" in entry.extras[1].content
    # the same version gets them back as they were
    out = write_iso(message, "camt.053.001.02", {})
    assert canonical_xml(document_of(out.value)) == canonical_xml(document_of(data))


def test_record_without_amount_is_kept_whole_with_an_error() -> None:
    chrgs = '<Chrgs><Rcrd><CdtDbtInd>DBIT</CdtDbtInd></Rcrd><Rcrd><Amt Ccy="EUR">1.00</Amt></Rcrd></Chrgs>'
    data = doc("08", entry_chrgs=chrgs)
    result = read_iso(data, {})
    assert [(d.code, d.path) for d in result.diagnostics] == [
        ("iso.structure.incomplete", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Chrgs/Rcrd[1]")
    ]
    assert isinstance(result.value, Statement)
    charges = result.value.reports[0].entries[0].charges
    assert charges is not None and charges.records == (ChargeRecord(_eur("1.00")),)
    assert [e.path for e in charges.extras] == ["/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Chrgs/Rcrd[1]"]
    out = write_iso(result.value, "camt.053.001.08", {})
    # put back, after the mapped record (as a kept Ntry or Bal goes after the mapped ones)
    reordered = (
        '<Chrgs><Rcrd><Amt Ccy="EUR">1.00</Amt></Rcrd><Rcrd><CdtDbtInd>DBIT</CdtDbtInd></Rcrd></Chrgs>'
    )
    assert canonical_xml(document_of(out.value)) == canonical_xml(
        document_of(doc("08", entry_chrgs=reordered))
    )


def test_members_not_understood_stay_extras_of_the_record() -> None:
    chrgs = (
        '<Chrgs><Rcrd><Amt Ccy="EUR">1.00</Amt><Tp><Prtry><Id>X</Id><Foo>1</Foo></Prtry></Tp>'
        "<Tax/></Rcrd></Chrgs>"
    )
    data = doc("08", entry_chrgs=chrgs)
    message = _read(data)
    charges = message.reports[0].entries[0].charges
    assert charges is not None
    (record,) = charges.records
    assert record.type is None and record.tax is None
    assert [e.path.rsplit("/", 1)[-1] for e in record.extras] == ["Tp[1]", "Tax[1]"]
    out = write_iso(message, "camt.053.001.08", {})
    assert out.diagnostics == []
    assert canonical_xml(document_of(out.value)) == canonical_xml(document_of(data))


# --------------------------------------------------------------------------------- writing


@pytest.mark.parametrize("family", sorted(_ROOTS))
@pytest.mark.parametrize("version", ["08", "13"])
def test_same_version_round_trip_is_equal_and_valid(family: str, version: str) -> None:
    data = doc(version, family)
    message_id = f"{family}.001.{version}"
    _assert_valid(data, message_id)
    out = write_iso(_read(data), message_id, {})
    assert _lossy(out.diagnostics) == []
    _assert_valid(out.value, message_id)
    assert canonical_xml(document_of(out.value)) == canonical_xml(document_of(data))


def _chrgs_of(data: bytes) -> list[bytes]:
    root = document_of(data)
    return [canonical_xml(etree.fromstring(etree.tostring(el))) for el in root.iter("{*}Chrgs")]


@pytest.mark.parametrize("family", sorted(_ROOTS))
@pytest.mark.parametrize("target", ["08", "13"])
def test_v02_converts_up_with_its_charges(family: str, target: str) -> None:
    out = write_iso(_read(doc("02", family)), f"{family}.001.{target}", {})
    assert _lossy(out.diagnostics) == []
    _assert_valid(out.value, f"{family}.001.{target}")
    # the expected Chrgs: the record shape of the same charges, without ChrgInclInd (.02 has none)
    expected = doc(target, family).replace(b"<ChrgInclInd>true</ChrgInclInd>", b"")
    expected = expected.replace(b"<ChrgInclInd>false</ChrgInclInd>", b"")
    assert _chrgs_of(out.value) == _chrgs_of(expected)


@pytest.mark.parametrize(("source", "target"), [("08", "13"), ("13", "08")])
def test_conversion_between_record_versions_carries_everything(source: str, target: str) -> None:
    out = write_iso(_read(doc(source)), f"camt.053.001.{target}", {})
    assert _lossy(out.diagnostics) == []
    _assert_valid(out.value, f"camt.053.001.{target}")
    assert canonical_xml(document_of(out.value)) == canonical_xml(document_of(doc(target)))
    assert _charges(_read(out.value)) == (ENTRY, TX)


def test_down_to_v03_reports_the_charge_included_indicator_as_dropped() -> None:
    out = write_iso(_read(doc("13")), "camt.053.001.03", {})
    _assert_valid(out.value, "camt.053.001.03")
    ntry = "/Document/BkToCstmrStmt/Stmt/Ntry"
    assert _lossy(out.diagnostics) == [
        ("version.dropped", f"{ntry}/Chrgs/Rcrd/ChrgInclInd"),
        ("version.dropped", f"{ntry}/NtryDtls/TxDtls/Chrgs/Rcrd/ChrgInclInd"),
    ]
    dropped = [d for d in out.diagnostics if d.code == "version.dropped"]
    assert [d.original for d in dropped] == ["true", "false"]
    # everything else arrives: read back, the charges are the source's without ChrgInclInd
    assert _charges(_read(out.value)) == (_without_included(ENTRY), _without_included(TX))


def test_v02_charges_left_unmapped_are_reported_when_converting() -> None:
    out = write_iso(_read(doc("02", entry_chrgs=UNMAPPED_TOTALS["repeated"])), "camt.053.001.08", {})
    _assert_valid(out.value, "camt.053.001.08")
    dropped = [d.path for d in out.diagnostics if d.code == "version.dropped"]
    assert dropped == [
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Chrgs[1]",
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Chrgs[2]",
    ]


def test_v02_round_trip_is_equal_and_valid() -> None:
    data = doc("02")
    out = write_iso(_read(data), "camt.053.001.02", {})
    assert _lossy(out.diagnostics) == []
    _assert_valid(out.value, "camt.053.001.02")
    assert canonical_xml(document_of(out.value)) == canonical_xml(document_of(data))


def test_down_to_v02_writes_a_chrgs_per_charge() -> None:
    out = write_iso(_read(doc("08")), "camt.053.001.02", {})
    _assert_valid(out.value, "camt.053.001.02")
    ntry = "/Document/BkToCstmrStmt/Stmt/Ntry"
    dropped = [(d.path, d.original) for d in out.diagnostics if d.code == "version.dropped"]
    assert [(p, o) for p, o in dropped if "Chrgs" in (p or "")] == [
        (f"{ntry}/Chrgs/ChrgInclInd", "true"),
        (f"{ntry}/NtryDtls/TxDtls/Chrgs/ChrgInclInd", "false"),
    ]
    assert _chrgs_of(out.value) == _chrgs_of(doc("02"))


def test_v02_leftovers_of_a_charge_go_with_it() -> None:
    odd = OLD_TX_CHRGS.replace("</Pty>", "</Pty><Tax/>")  # valid, but an empty Tax is no ChargeTax
    data = doc("02", tx_chrgs=odd)
    _assert_valid(data, "camt.053.001.02")
    message = _read(data)
    tx = message.reports[0].entries[0].details[0].transactions[0]
    assert tx.charges is not None
    assert [e.path.rsplit("/", 2)[-2:] for e in tx.charges.records[0].extras] == [["Chrgs[1]", "Tax[1]"]]
    same = write_iso(message, "camt.053.001.02", {})
    assert _lossy(same.diagnostics) == []
    assert canonical_xml(document_of(same.value)) == canonical_xml(document_of(data))
    up = write_iso(message, "camt.053.001.08", {})  # Charges6 has no Tax: reported, not lost
    assert [d.path for d in up.diagnostics if d.code == "version.dropped"] == [
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Chrgs[1]/Tax[1]"
    ]


# --------------------------------------------------------------------------------- JSON


def test_json_carries_the_charges() -> None:
    data = json.loads(dumps_model(_read(doc("08"))))
    entry = data["reports"][0]["entries"][0]
    assert entry["charges"]["total"] == {"_type": "Amount", "value": "12.50", "currency": "EUR"}
    first, second = entry["charges"]["records"]
    assert first["_type"] == "ChargeRecord"
    assert (first["included"], first["rate"], first["bearer"]) == (True, "0.25", "DEBT")
    assert first["tax"] == {
        "_type": "ChargeTax",
        "id": "VAT-DE",
        "rate": "19",
        "amount": {"_type": "Amount", "value": "1.90", "currency": "EUR"},
    }
    assert second["type"] == {"_type": "CodeOrProprietary", "proprietary": "WIREFEE"}
    assert second["type_issuer"] == "BANKDEFF"
    tx = entry["details"][0]["transactions"][0]
    assert tx["charges"]["records"][0]["included"] is False


# --------------------------------------------------------------------------------- lanes

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
PATH = "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]"
HEAD = '<Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'
AGT = "<Agt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></Agt>"

#: Charge shapes the fast lane maps itself.
MAPPED = {
    "entry charges": HEAD + NEW_ENTRY_CHRGS,
    "transaction charges": HEAD + f"<NtryDtls><TxDtls>{NEW_TX_CHRGS}</TxDtls></NtryDtls>",
    "total only": HEAD + '<Chrgs><TtlChrgsAndTaxAmt Ccy="EUR">1</TtlChrgsAndTaxAmt></Chrgs>',
    "empty": HEAD + "<Chrgs/>",
    "agent with a name": HEAD
    + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Agt><FinInstnId><Nm>Bank</Nm></FinInstnId></Agt></Rcrd></Chrgs>',
    "odd agent handed to the general reader": HEAD
    + '<NtryDtls><TxDtls><Chrgs><Rcrd><Amt Ccy="EUR">1</Amt>'
    + AGT.replace("</FinInstnId>", "</FinInstnId><X/>")
    + "</Rcrd></Chrgs></TxDtls></NtryDtls>",
    "tax amount only": HEAD
    + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Tax><Amt Ccy="EUR">0.1</Amt></Tax></Rcrd></Chrgs>',
}
#: Shapes the general reader answers with extras, an error or the .02 reading: the lane declines.
DECLINED = {
    "record without amount": HEAD + "<Chrgs><Rcrd><Br>DEBT</Br></Rcrd></Chrgs>",
    "record extra": HEAD + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><X/></Rcrd></Chrgs>',
    "empty type": HEAD + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Tp/></Rcrd></Chrgs>',
    "proprietary without id": HEAD + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Tp><Prtry/></Tp></Rcrd></Chrgs>',
    "empty tax": HEAD + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Tax/></Rcrd></Chrgs>',
    "repeated total": HEAD + '<Chrgs><TtlChrgsAndTaxAmt Ccy="EUR">1</TtlChrgsAndTaxAmt>'
    '<TtlChrgsAndTaxAmt Ccy="EUR">2</TtlChrgsAndTaxAmt></Chrgs>',
    "bad rate": HEAD + '<Chrgs><Rcrd><Amt Ccy="EUR">1</Amt><Rate>x</Rate></Rcrd></Chrgs>',
    "v02 shape": HEAD + '<Chrgs><Amt Ccy="EUR">1</Amt></Chrgs>',
    "repeated Chrgs": HEAD + "<Chrgs/><Chrgs/>",
}


def _ntry(body: str) -> etree._Element:
    return etree.fromstring(f'<Stmt xmlns="{NS}"><Ntry>{body}</Ntry></Stmt>'.encode())[0]


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_fast_lane_maps_charges_as_the_general_reader(name: str) -> None:
    fast_ctx, slow_ctx = ReadContext(), ReadContext()
    fast = map_entry(_ntry(MAPPED[name]), PATH, fast_ctx)
    slow = read_entry_general(Node(_ntry(MAPPED[name]), PATH, slow_ctx))
    assert fast is not None, "the fast lane declined a charge shape it should map"
    assert fast == slow and repr(fast) == repr(slow)
    assert fast_ctx.diagnostics == slow_ctx.diagnostics == []
    assert fast.charges is not None or fast.details[0].transactions[0].charges is not None
    bare = etree.fromstring(f"<Stmt><Ntry>{MAPPED[name]}</Ntry></Stmt>".encode())[0]
    bare_entry = map_bare_entry(bare)
    if "handed" in name:  # the bare walk never hands a subtree off: it declines instead
        assert bare_entry is None
    else:
        assert bare_entry == slow


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_fast_lane_leaves_odd_charges_to_the_general_reader(name: str) -> None:
    ctx = ReadContext()
    assert map_entry(_ntry(DECLINED[name]), PATH, ctx) is None
    assert ctx.diagnostics == []
    slow_ctx = ReadContext()
    slow = read_entry_general(Node(_ntry(DECLINED[name]), PATH, slow_ctx))
    # the general reader has something to say: an error, an extra somewhere, or the .02 reading
    charges = None if slow is None else slow.charges
    txs = [] if slow is None else [t for d in slow.details for t in d.transactions]
    assert (
        slow_ctx.diagnostics
        or (slow is not None and slow.extras)
        or (charges is not None and (charges.extras or any(r.extras for r in charges.records)))
        or any(t.charges is not None and t.charges.records[0].agent.extras for t in txs)  # type: ignore[union-attr]
        or name == "v02 shape"
    )


def test_v02_shape_of_one_charge_is_read_by_the_general_reader() -> None:
    slow = read_entry_general(Node(_ntry(DECLINED["v02 shape"]), PATH, ReadContext()))
    assert slow is not None and slow.charges == StatementCharges(
        None, (ChargeRecord(Amount(Decimal("1"), "EUR")),)
    )


@pytest.mark.parametrize("version", ["02", "08", "13"])
def test_streaming_gives_the_full_reader_entries(version: str) -> None:
    data = doc(version)
    full = _read(data).reports[0].entries
    streamed = list(iter_entries(io.BytesIO(data)))
    assert [s.entry for s in streamed] == list(full)
    assert all(s.diagnostics == () for s in streamed)
