"""The schema model: facts hand-checked against the ISO 20022 message definitions, and builder agreement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finmsg.iso20022 import schemas
from finmsg.iso20022.schema_model import (
    ElementType,
    UnknownMessageError,
    document_type,
    from_pyiso20022,
    from_xsd,
    pyiso20022_module_name,
    schema_model,
)


def walk(etype: ElementType, path: str) -> ElementType:
    for name in path.split("/"):
        decl = etype.child(name)
        assert decl is not None, name
        etype = decl.type
    return etype


def test_pacs008_group_header_order_from_the_standard() -> None:
    grp = walk(document_type("pacs.008.001.08"), "FIToFICstmrCdtTrf/GrpHdr")
    assert list(grp.children) == [
        "MsgId", "CreDtTm", "BtchBookg", "NbOfTxs", "CtrlSum", "TtlIntrBkSttlmAmt",
        "IntrBkSttlmDt", "SttlmInf", "PmtTpInf", "InstgAgt", "InstdAgt",
    ]  # fmt: skip
    assert grp.order("MsgId") < grp.order("NbOfTxs") < grp.order("SttlmInf")
    with pytest.raises(KeyError):
        grp.order("Bogus")
    assert grp.child("Bogus") is None


def test_occurrences() -> None:
    doc = document_type("pacs.008.001.08")
    msg = walk(doc, "FIToFICstmrCdtTrf")
    tx = msg.child("CdtTrfTxInf")
    assert tx is not None and (tx.min_occurs, tx.max_occurs, tx.repeatable) == (1, None, True)
    spl = msg.child("SplmtryData")
    assert spl is not None and (spl.min_occurs, spl.max_occurs) == (0, None)
    adr = walk(doc, "FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/PstlAdr").child("AdrLine")
    assert adr is not None and (adr.min_occurs, adr.max_occurs) == (0, 7)


def test_amount_type_has_text_and_required_currency() -> None:
    amt = walk(document_type("pacs.008.001.08"), "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt")
    assert amt.has_text and not amt.children
    assert amt.facets is not None
    assert (amt.facets.base, amt.facets.total_digits, amt.facets.fraction_digits) == ("decimal", 18, 5)
    assert amt.facets.min_inclusive == Decimal("0")
    assert amt.attributes["Ccy"].required
    assert amt.attributes["Ccy"].facets.patterns == ("[A-Z]{3,3}",)


def test_code_set_and_text_facets() -> None:
    tx = walk(document_type("pacs.008.001.08"), "FIToFICstmrCdtTrf/CdtTrfTxInf")
    chrg = tx.child("ChrgBr")
    assert chrg is not None and chrg.type.is_simple
    assert chrg.type.facets is not None
    assert chrg.type.facets.enumeration == frozenset({"DEBT", "CRED", "SHAR", "SLEV"})
    msg_id = walk(tx, "PmtId/EndToEndId").facets
    assert msg_id is not None and (msg_id.min_length, msg_id.max_length) == (1, 35)


def test_choice_and_wildcard() -> None:
    acct_id = walk(document_type("pacs.008.001.08"), "FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct/Id")
    assert acct_id.choices == (("IBAN", "Othr"),)
    iban = acct_id.child("IBAN")
    othr = acct_id.child("Othr")
    assert iban is not None and othr is not None
    assert iban.in_choice == othr.in_choice == 0 and iban.index == othr.index
    envelope = walk(document_type("pacs.008.001.08"), "FIToFICstmrCdtTrf/SplmtryData/Envlp")
    assert envelope.any_content


def test_header_roots() -> None:
    assert schema_model("head.001.001.02").root_name == "AppHdr"
    assert list(document_type("head.001.001.02").children)[:3] == ["CharSet", "Fr", "To"]
    assert schema_model("head.002.001.01").root_name == "Xchg"


@pytest.mark.parametrize("msg_id", sorted(schemas.available_ids()))
def test_every_vendored_xsd_builds(msg_id: str) -> None:
    model = from_xsd(schemas.xsd_path(msg_id), msg_id)
    assert model.msg_id == msg_id and model.source == "xsd"
    assert model.root_type.children
    # every child type reference resolves (no dangling type names)
    for etype in model.types.values():
        for decl in etype.children.values():
            assert decl.type.name == decl.type_name


def test_models_are_cached() -> None:
    assert schema_model("pacs.008.001.08") is schema_model("pacs.008.001.08")
    assert schema_model("pacs.008.001.08").source == "xsd"  # the XSD is preferred
    assert schema_model("pacs.009.001.08").source == "pyiso20022"


@pytest.mark.parametrize(
    "msg_id", ["pacs.009.001.08", "pacs.004.001.09", "pacs.002.001.10", "camt.056.001.08", "camt.029.001.09"]
)
def test_versions_without_xsd_come_from_pyiso20022(msg_id: str) -> None:
    assert not schemas.has_xsd(msg_id)
    model = schema_model(msg_id)
    assert model.source == "pyiso20022" and model.root_name == "Document"
    assert len(model.root_type.children) == 1


def test_pacs009_v08_structure_from_pyiso20022() -> None:
    tx = walk(document_type("pacs.009.001.08"), "FICdtTrf/CdtTrfTxInf")
    names = list(tx.children)
    # FinancialInstitutionCreditTransferV08 / CreditTransferTransaction36 in the standard
    assert names[:3] == ["PmtId", "PmtTpInf", "IntrBkSttlmAmt"]
    assert names.index("Dbtr") < names.index("Cdtr") < names.index("UndrlygCstmrCdtTrf")
    dbtr = tx.child("Dbtr")
    assert dbtr is not None and dbtr.min_occurs == 1
    rsn = walk(document_type("camt.056.001.08"), "FIToFIPmtCxlReq/Undrlyg/TxInf/CxlRsnInf/Rsn")
    assert rsn.choices == (("Cd", "Prtry"),)


def test_unknown_ids() -> None:
    with pytest.raises(UnknownMessageError):
        schema_model("zzzz.001.001.01")
    with pytest.raises(UnknownMessageError):
        pyiso20022_module_name("not-an-id")
    assert pyiso20022_module_name("camt.056.001.08") == "pyiso20022.camt.camt_056_001_08"


#: xsdata maps gYear and gYearMonth to one class, so the pyiso20022 model only knows "gPeriod".
_G_TYPES = {"gYear": "gPeriod", "gYearMonth": "gPeriod"}


def _signature(etype: ElementType) -> tuple[object, ...]:
    f = etype.facets
    facets = (
        None
        if f is None
        else (
            _G_TYPES.get(f.base, f.base), f.patterns, f.min_length, f.max_length, f.enumeration,
            f.total_digits, f.fraction_digits, f.min_inclusive,
        )
    )  # fmt: skip
    children = tuple(
        (c.name, c.index, c.min_occurs, c.max_occurs, c.in_choice is not None)
        for c in etype.children.values()
    )
    attrs = tuple(sorted((a.name, a.required) for a in etype.attributes.values()))
    return (etype.is_simple, etype.has_text, etype.any_content, children, facets, attrs)


#: XSD choice types whose members are all minOccurs="0" (an empty choice is valid).
_OPTIONAL_MEMBER_CHOICES = frozenset({"MandateRelatedData2Choice"})
_EXPECTED_LOSSES = {
    "pacs.008.001.08": set(),
    "camt.053.001.08": set(),
    "pacs.002.001.12": {"MandateRelatedData2Choice"},
}


@pytest.mark.parametrize("msg_id", sorted(_EXPECTED_LOSSES))
def test_xsd_and_pyiso20022_builders_agree(msg_id: str) -> None:
    """Walk both trees in parallel from Document: same children, order, occurrences and facets."""
    xsd_model = from_xsd(schemas.xsd_path(msg_id), msg_id)
    py_model = from_pyiso20022(msg_id)
    seen: set[tuple[str, str]] = set()
    known_hit: set[str] = set()
    stack = [(xsd_model.root_type, py_model.root_type, "/Document")]
    while stack:
        a, b, path = stack.pop()
        if (a.name, b.name) in seen:
            continue
        seen.add((a.name, b.name))
        if a.name in _OPTIONAL_MEMBER_CHOICES:
            # xsdata drops minOccurs="0" inside xs:choice; pyiso20022 reads all members as required
            assert _signature(a) != _signature(b)
            assert all(c.min_occurs == 0 for c in a.children.values())
            assert all(c.min_occurs == 1 for c in b.children.values())
            known_hit.add(a.name)
        else:
            assert _signature(a) == _signature(b), path
        stack.extend((c.type, b.children[n].type, f"{path}/{n}") for n, c in a.children.items())
    assert len(seen) > 50  # the walk really covered the message
    assert known_hit == _EXPECTED_LOSSES[msg_id]
