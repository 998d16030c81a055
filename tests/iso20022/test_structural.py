"""Structural validation (no XSD engine) against hand-written pacs.009.001.08 / camt.056.001.08 documents.

The expected element orders and facets below come from the ISO 20022 message
definitions (pacs.009.001.08 FinancialInstitutionCreditTransferV08,
camt.056.001.08 FIToFIPaymentCancellationRequestV08), not from the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree

from finmsg.diagnostics import Severity
from finmsg.iso20022 import schemas
from finmsg.iso20022.schema_model import Facets
from finmsg.iso20022.structural import check_value, validate_structure

P9 = "urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"
C56 = "urn:iso:std:iso:20022:tech:xsd:camt.056.001.08"
P8 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
#: BICFIDec2014Identifier from the ISO 20022 data dictionary
BIC_PATTERN = "[A-Z0-9]{4,4}[A-Z]{2,2}[A-Z0-9]{2,2}([A-Z0-9]{3,3}){0,1}"

PACS009 = f"""<Document xmlns="{P9}">
  <FICdtTrf>
    <GrpHdr>
      <MsgId>FICT-20240301-01</MsgId>
      <CreDtTm>2024-03-01T09:30:00Z</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId>
        <InstrId>INSTR-9</InstrId>
        <EndToEndId>E2E-9</EndToEndId>
        <UETR>8a562c67-ca16-48ba-b074-65581be6f011</UETR>
      </PmtId>
      <IntrBkSttlmAmt Ccy="USD">1000000.00</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2024-03-01</IntrBkSttlmDt>
      <InstgAgt><FinInstnId><BICFI>AAAAUS33XXX</BICFI></FinInstnId></InstgAgt>
      <InstdAgt><FinInstnId><BICFI>BBBBGB22XXX</BICFI></FinInstnId></InstdAgt>
      <Dbtr><FinInstnId><BICFI>AAAAUS33XXX</BICFI></FinInstnId></Dbtr>
      <Cdtr><FinInstnId><BICFI>CCCCDEFFXXX</BICFI></FinInstnId></Cdtr>
    </CdtTrfTxInf>
  </FICdtTrf>
</Document>"""

CAMT056 = f"""<Document xmlns="{C56}">
  <FIToFIPmtCxlReq>
    <Assgnmt>
      <Id>CXL-ASSGN-1</Id>
      <Assgnr><Agt><FinInstnId><BICFI>AAAAUS33XXX</BICFI></FinInstnId></Agt></Assgnr>
      <Assgne><Agt><FinInstnId><BICFI>BBBBGB22XXX</BICFI></FinInstnId></Agt></Assgne>
      <CreDtTm>2024-03-02T08:00:00</CreDtTm>
    </Assgnmt>
    <Undrlyg>
      <TxInf>
        <CxlId>CXL-1</CxlId>
        <OrgnlGrpInf>
          <OrgnlMsgId>FICT-20240301-01</OrgnlMsgId>
          <OrgnlMsgNmId>pacs.009.001.08</OrgnlMsgNmId>
        </OrgnlGrpInf>
        <OrgnlEndToEndId>E2E-9</OrgnlEndToEndId>
        <OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR>
        <OrgnlIntrBkSttlmAmt Ccy="USD">1000000.00</OrgnlIntrBkSttlmAmt>
        <OrgnlIntrBkSttlmDt>2024-03-01</OrgnlIntrBkSttlmDt>
        <CxlRsnInf>
          <Rsn><Cd>DUPL</Cd></Rsn>
          <AddtlInf>Duplicate payment</AddtlInf>
        </CxlRsnInf>
      </TxInf>
    </Undrlyg>
  </FIToFIPmtCxlReq>
</Document>"""

PACS008 = f"""<Document xmlns="{P8}">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>MSG-1</MsgId>
      <CreDtTm>2024-01-01T10:00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>I-1</InstrId><EndToEndId>E-1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">10.50</IntrBkSttlmAmt>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>Debtor</Nm></Dbtr>
      <DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Creditor</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>"""


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def find(doc: etree._Element, path: str) -> etree._Element:
    ns = etree.QName(doc).namespace
    found = doc.find("/".join(f"{{{ns}}}{p}" for p in path.split("/")))
    assert found is not None, path
    return found


def codes(diags: list) -> set[str]:  # type: ignore[type-arg]
    return {d.code for d in diags}


# ---------------------------------------------------------------- valid documents


@pytest.mark.parametrize(("text", "msg_id"), [(PACS009, "pacs.009.001.08"), (CAMT056, "camt.056.001.08")])
def test_hand_written_valid_documents_pass(text: str, msg_id: str) -> None:
    assert validate_structure(parse(text), msg_id) == []


def test_validate_document_marks_missing_xsd_as_info() -> None:
    diags = schemas.validate_document(parse(PACS009), "pacs.009.001.08")
    assert [(d.code, d.severity) for d in diags] == [("xsd.unavailable", Severity.INFO)]
    assert "pacs.009.001.08" in diags[0].message


# ---------------------------------------------------------------- broken variants: each code at least once


def _remove(path: str) -> Callable[[etree._Element], None]:
    def edit(doc: etree._Element) -> None:
        el = find(doc, path)
        parent = el.getparent()
        assert parent is not None
        parent.remove(el)

    return edit


def _set_text(path: str, value: str) -> Callable[[etree._Element], None]:
    def edit(doc: etree._Element) -> None:
        find(doc, path).text = value

    return edit


def _swap_uetr_before_e2e(doc: etree._Element) -> None:
    pmt = find(doc, "FICdtTrf/CdtTrfTxInf/PmtId")
    uetr = find(doc, "FICdtTrf/CdtTrfTxInf/PmtId/UETR")
    pmt.remove(uetr)
    pmt.insert(0, uetr)


def _add_unknown(doc: etree._Element) -> None:
    etree.SubElement(find(doc, "FICdtTrf/GrpHdr"), q(P9, "Bogus")).text = "x"


def _second_grphdr(doc: etree._Element) -> None:
    fi = find(doc, "FICdtTrf")
    gh = find(doc, "FICdtTrf/GrpHdr")
    gh.addnext(etree.fromstring(etree.tostring(gh)))
    assert len(fi.findall(q(P9, "GrpHdr"))) == 2


def _drop_ccy(doc: etree._Element) -> None:
    del find(doc, "FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt").attrib["Ccy"]


def _both_choice_members(doc: etree._Element) -> None:
    rsn = find(doc, "FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Rsn")
    etree.SubElement(rsn, q(C56, "Prtry")).text = "OWN"


def _empty_choice(doc: etree._Element) -> None:
    rsn = find(doc, "FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Rsn")
    for child in list(rsn):
        rsn.remove(child)


BROKEN_PACS009: list[tuple[str, Callable[[etree._Element], None], str, str]] = [
    (
        "missing MsgId",
        _remove("FICdtTrf/GrpHdr/MsgId"),
        "xsd.structure.missing",
        "/Document/FICdtTrf/GrpHdr/MsgId",
    ),
    ("unknown element", _add_unknown, "xsd.structure.unexpected", "/Document/FICdtTrf/GrpHdr/Bogus"),
    (
        "UETR before EndToEndId",
        _swap_uetr_before_e2e,
        "xsd.structure.order",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/PmtId/InstrId",
    ),
    ("GrpHdr twice", _second_grphdr, "xsd.structure.occurs", "/Document/FICdtTrf/GrpHdr"),
    (
        "BIC with 9 characters",
        _set_text("FICdtTrf/CdtTrfTxInf/Dbtr/FinInstnId/BICFI", "AAAAUS33X"),
        "xsd.facet.pattern",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI",
    ),
    (
        "MsgId of 36 characters (Max35Text)",
        _set_text("FICdtTrf/GrpHdr/MsgId", "M" * 36),
        "xsd.facet.length",
        "/Document/FICdtTrf/GrpHdr/MsgId",
    ),
    (
        "empty MsgId (minLength 1)",
        _set_text("FICdtTrf/GrpHdr/MsgId", ""),
        "xsd.facet.length",
        "/Document/FICdtTrf/GrpHdr/MsgId",
    ),
    (
        "settlement method not a code",
        _set_text("FICdtTrf/GrpHdr/SttlmInf/SttlmMtd", "WIRE"),
        "xsd.facet.enum",
        "/Document/FICdtTrf/GrpHdr/SttlmInf/SttlmMtd",
    ),
    (
        "six decimals (fractionDigits 5)",
        _set_text("FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", "1.123456"),
        "xsd.facet.digits",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt",
    ),
    (
        "19 digits (totalDigits 18)",
        _set_text("FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", "1234567890123456789"),
        "xsd.facet.digits",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt",
    ),
    (
        "amount not a number",
        _set_text("FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", "1,000.00"),
        "xsd.facet.type",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt",
    ),
    (
        "negative amount (minInclusive 0)",
        _set_text("FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", "-5"),
        "xsd.facet.range",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt",
    ),
    (
        "30 February",
        _set_text("FICdtTrf/CdtTrfTxInf/IntrBkSttlmDt", "2024-02-30"),
        "xsd.facet.type",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmDt",
    ),
    (
        "date-time without time",
        _set_text("FICdtTrf/GrpHdr/CreDtTm", "2024-03-01"),
        "xsd.facet.type",
        "/Document/FICdtTrf/GrpHdr/CreDtTm",
    ),
    (
        "missing currency attribute",
        _drop_ccy,
        "xsd.structure.missing",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt/@Ccy",
    ),
    (
        "lower-case currency",
        lambda d: find(d, "FICdtTrf/CdtTrfTxInf/IntrBkSttlmAmt").set("Ccy", "usd"),
        "xsd.facet.pattern",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt/@Ccy",
    ),
]


@pytest.mark.parametrize(
    ("label", "edit", "code", "path"), BROKEN_PACS009, ids=[b[0] for b in BROKEN_PACS009]
)
def test_broken_pacs009_is_flagged(
    label: str, edit: Callable[[etree._Element], None], code: str, path: str
) -> None:
    doc = parse(PACS009)
    edit(doc)
    diags = validate_structure(doc, "pacs.009.001.08")
    assert (code, path) in {(d.code, d.path) for d in diags}, [str(d) for d in diags]
    assert all(d.severity is Severity.ERROR and d.message for d in diags)


def test_order_error_names_both_elements() -> None:
    doc = parse(PACS009)
    _swap_uetr_before_e2e(doc)
    orders = [d for d in validate_structure(doc, "pacs.009.001.08") if d.code == "xsd.structure.order"]
    # UETR moved first: both InstrId and EndToEndId now follow an element they must precede
    assert [d.path for d in orders] == [
        "/Document/FICdtTrf/CdtTrfTxInf[1]/PmtId/InstrId",
        "/Document/FICdtTrf/CdtTrfTxInf[1]/PmtId/EndToEndId",
    ]
    assert "<InstrId>" in orders[0].message and "<UETR>" in orders[0].message


def test_choice_with_two_members_is_a_choice_error() -> None:
    doc = parse(CAMT056)
    _both_choice_members(doc)
    diags = validate_structure(doc, "camt.056.001.08")
    assert [(d.code, d.path) for d in diags] == [
        ("xsd.structure.choice", "/Document/FIToFIPmtCxlReq/Undrlyg[1]/TxInf[1]/CxlRsnInf[1]/Rsn/Prtry")
    ]


def test_empty_choice_is_missing() -> None:
    doc = parse(CAMT056)
    _empty_choice(doc)
    diags = validate_structure(doc, "camt.056.001.08")
    assert [(d.code, d.path) for d in diags] == [
        ("xsd.structure.missing", "/Document/FIToFIPmtCxlReq/Undrlyg[1]/TxInf[1]/CxlRsnInf[1]/Rsn")
    ]
    assert "Cd" in diags[0].message and "Prtry" in diags[0].message


def test_camt056_reports_every_problem_not_only_the_first() -> None:
    doc = parse(CAMT056)
    _remove("FIToFIPmtCxlReq/Assgnmt/CreDtTm")(doc)
    _set_text("FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Rsn/Cd", "TOOLONG")(doc)
    diags = validate_structure(doc, "camt.056.001.08")
    assert codes(diags) == {"xsd.structure.missing", "xsd.facet.length"}


def test_wrong_namespace_root_is_flagged() -> None:
    diags = validate_structure(parse(CAMT056), "pacs.009.001.08")
    assert [d.code for d in diags] == ["xsd.structure.unexpected"]


def test_unknown_message_is_a_warning_not_an_exception() -> None:
    diags = validate_structure(parse(PACS009), "zzzz.999.001.01")
    assert [(d.code, d.severity) for d in diags] == [("xsd.unknown-message", Severity.WARNING)]


def test_text_inside_a_complex_element_is_unexpected() -> None:
    doc = parse(PACS009)
    find(doc, "FICdtTrf/GrpHdr").text = "stray"
    assert "xsd.structure.unexpected" in codes(validate_structure(doc, "pacs.009.001.08"))


def test_comments_are_ignored() -> None:
    doc = parse(PACS009)
    find(doc, "FICdtTrf/GrpHdr").insert(1, etree.Comment("note"))
    assert validate_structure(doc, "pacs.009.001.08") == []


# ---------------------------------------------------------------- check_value


@pytest.mark.parametrize(
    ("value", "facets", "code"),
    [
        ("2024-02-29", Facets(base="date"), None),  # leap year
        ("2023-02-29", Facets(base="date"), "xsd.facet.type"),
        ("2024-01-01+01:00", Facets(base="date"), None),
        ("2024-01-01T24:00:00", Facets(base="dateTime"), None),
        ("2024-01-01T25:00:00", Facets(base="dateTime"), "xsd.facet.type"),
        ("2024-01-01T10:00:00.123456789Z", Facets(base="dateTime"), None),
        ("true", Facets(base="boolean"), None),
        ("yes", Facets(base="boolean"), "xsd.facet.type"),
        (" 12.50 ", Facets(base="decimal", fraction_digits=2), None),  # whitespace collapses
        ("12.500", Facets(base="decimal", fraction_digits=2), None),  # trailing zeros do not count
        ("0012.5", Facets(base="decimal", total_digits=3), None),  # nor do leading zeros
        ("1e5", Facets(base="decimal"), "xsd.facet.type"),
        ("2024", Facets(base="gYear"), None),
        ("2024-13", Facets(base="gYearMonth"), "xsd.facet.type"),
        ("AAAAUS33XXXX", Facets(patterns=(BIC_PATTERN,)), "xsd.facet.pattern"),  # anchored: no extra char
        ("AAAAUS33XXX", Facets(patterns=(BIC_PATTERN,)), None),
        ("+1-212-5550100", Facets(patterns=(r"\+[0-9]{1,3}-[0-9()+\-]{1,30}",)), None),
        ("a$b", Facets(patterns=("a$b",)), None),  # '$' is a literal in XSD regexes
        ("SGVsbG8=", Facets(base="base64Binary"), None),
        ("SGVsbG8", Facets(base="base64Binary"), "xsd.facet.type"),
    ],
)
def test_check_value(value: str, facets: Facets, code: str | None) -> None:
    diags = check_value(value, facets, "/x")
    assert [d.code for d in diags] == ([code] if code else [])


def test_string_whitespace_is_preserved_for_length() -> None:
    assert [d.code for d in check_value(" ab ", Facets(max_length=2), "/x")] == ["xsd.facet.length"]


# ---------------------------------------------------------------- cross-check with lxml (version with an XSD)


def _adr_lines(doc: etree._Element, n: int) -> None:
    adr = etree.SubElement(find(doc, "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr"), q(P8, "PstlAdr"))
    for i in range(n):
        etree.SubElement(adr, q(P8, "AdrLine")).text = f"line {i}"


def _iban_and_othr(doc: etree._Element) -> None:
    othr = etree.SubElement(find(doc, "FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct/Id"), q(P8, "Othr"))
    etree.SubElement(othr, q(P8, "Id")).text = "123"


BROKEN_PACS008: list[tuple[str, Callable[[etree._Element], object]]] = [
    ("valid", lambda d: None),
    ("missing NbOfTxs", _remove("FIToFICstmrCdtTrf/GrpHdr/NbOfTxs")),
    ("missing Cdtr", _remove("FIToFICstmrCdtTrf/CdtTrfTxInf/Cdtr")),
    ("missing ChrgBr", _remove("FIToFICstmrCdtTrf/CdtTrfTxInf/ChrgBr")),
    ("InstrId optional", _remove("FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/InstrId")),
    ("bad ChrgBr", _set_text("FIToFICstmrCdtTrf/CdtTrfTxInf/ChrgBr", "OUR")),
    ("bad IBAN", _set_text("FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct/Id/IBAN", "gb29")),
    ("long MsgId", _set_text("FIToFICstmrCdtTrf/GrpHdr/MsgId", "x" * 36)),
    ("NbOfTxs letters", _set_text("FIToFICstmrCdtTrf/GrpHdr/NbOfTxs", "one")),
    ("bad amount", _set_text("FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", "10.123456")),
    ("bad date-time", _set_text("FIToFICstmrCdtTrf/GrpHdr/CreDtTm", "2024-01-01 10:00")),
    ("no Ccy", lambda d: find(d, "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt").attrib.pop("Ccy")),
    ("unknown attribute", lambda d: find(d, "FIToFICstmrCdtTrf/GrpHdr/MsgId").set("foo", "1")),
    (
        "Dbtr after Cdtr",
        lambda d: find(d, "FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct").addnext(
            find(d, "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr")
        ),
    ),
    ("IBAN and Othr", _iban_and_othr),
    ("foreign element", lambda d: etree.SubElement(find(d, "FIToFICstmrCdtTrf/GrpHdr"), "{urn:other}X")),
    ("eight AdrLine (max 7)", lambda d: _adr_lines(d, 8)),
    ("seven AdrLine (ok)", lambda d: _adr_lines(d, 7)),
]


@pytest.mark.parametrize(("label", "edit"), BROKEN_PACS008, ids=[b[0] for b in BROKEN_PACS008])
def test_structural_agrees_with_lxml(label: str, edit: Callable[[etree._Element], object]) -> None:
    doc = parse(PACS008)
    edit(doc)
    lxml_valid = schemas.get_schema("pacs.008.001.08").validate(doc)
    structural_errors = [d for d in validate_structure(doc, "pacs.008.001.08") if d.is_error]
    assert lxml_valid == (not structural_errors), [str(d) for d in structural_errors]
