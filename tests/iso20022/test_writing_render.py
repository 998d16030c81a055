"""The writer's direct rendering (``writing.render``) against lxml's own serialisation.

``render`` writes the indented bytes itself instead of building lxml elements;
lxml (``WNode.el`` + ``serialize``) is the oracle it must match byte for byte,
and the path it falls back to for what it does not handle itself.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.iso20022 import render as render_module
from finmsg.iso20022.writing import WNode, WriteContext, render, serialize
from finmsg.model.common import Amount, Extra

NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _no_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the lxml fallback fail, to prove the fast path wrote the bytes."""

    def refuse(root: object) -> bytes:
        raise AssertionError("render fell back to lxml")

    monkeypatch.setattr(render_module, "serialize", refuse)


def _group_header(ctx: WriteContext) -> WNode:
    doc = WNode.document(ctx)
    body = doc.add("FIToFICstmrCdtTrf")
    assert body is not None
    grp = body.add("GrpHdr")
    assert grp is not None
    return doc


def test_escaping_and_indentation_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_lxml(monkeypatch)
    doc = WNode.document(WriteContext("pacs.008.001.08"))
    body = doc.add("FIToFICstmrCdtTrf")
    assert body is not None
    grp = body.add("GrpHdr")
    assert grp is not None
    grp.text("MsgId", "A&B <1> \"q\" 'a'\r")
    grp.amount("TtlIntrBkSttlmAmt", Amount(Decimal("1.50"), "EUR"))
    body.add("CdtTrfTxInf")
    expected = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<Document xmlns="{NS}">\n'
        "  <FIToFICstmrCdtTrf>\n"
        "    <GrpHdr>\n"
        "      <MsgId>A&amp;B &lt;1&gt; \"q\" 'a'&#13;</MsgId>\n"
        '      <TtlIntrBkSttlmAmt Ccy="EUR">1.50</TtlIntrBkSttlmAmt>\n'
        "    </GrpHdr>\n"
        "    <CdtTrfTxInf/>\n"
        "  </FIToFICstmrCdtTrf>\n"
        "</Document>"
    ).encode()
    assert render(doc) == expected


def test_envelope_and_schema_location_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_lxml(monkeypatch)
    doc = WNode.document(WriteContext("pacs.008.001.08"))
    doc.set("{" + XSI + "}schemaLocation", f"{NS} pacs.008.xsd")
    hdr = WNode.root(WriteContext("head.001.001.02"), "AppHdr")
    hdr.text("BizMsgIdr", "B1")
    expected = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<Wrap>\n"
        '  <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">\n'
        "    <BizMsgIdr>B1</BizMsgIdr>\n"
        "  </AppHdr>\n"
        f'  <Document xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{NS} pacs.008.xsd"/>\n'
        "</Wrap>"
    ).encode()
    assert render(doc, hdr, "Wrap") == expected


def test_attribute_values_escape_like_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_lxml(monkeypatch)
    doc = _group_header(WriteContext("pacs.008.001.08"))
    doc.set("note", "a&b<c>\"d'\r\n\te")
    assert b' note="a&amp;b&lt;c&gt;&quot;d\'&#13;&#10;&#9;e">' in render(doc)


def test_a_foreign_namespace_fragment_goes_through_lxml() -> None:
    extra = Extra(
        "iso20022",
        "/Document/FIToFICstmrCdtTrf/SplmtryData[1]",
        f'<SplmtryData xmlns="{NS}"><Envlp><b:Note xmlns:b="urn:bank">x</b:Note></Envlp></SplmtryData>',
    )
    ctx = WriteContext("pacs.008.001.08")
    doc = WNode.document(ctx)
    body = doc.add("FIToFICstmrCdtTrf")
    assert body is not None
    body.text("Unknown", "dropped")  # not in the schema: reported, not written
    body.extras([extra])
    out = render(doc)
    assert b'<b:Note xmlns:b="urn:bank">x</b:Note>' in out
    assert [d.code for d in ctx.diagnostics] == ["version.dropped"]


def test_a_kept_fragment_is_indented_for_where_it_goes_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fragments are parsed once and shared: each write still indents them for their own level."""
    _no_lxml(monkeypatch)
    content = f'<Envlp xmlns="{NS}"><Note a="x&amp;y">1 &lt; 2</Note><Empty/></Envlp>'

    def write(depth: int) -> bytes:
        doc = WNode("Document", None, None, WriteContext("pacs.008.001.08"))
        node = doc
        for _ in range(depth):
            child = node.add("L")
            assert child is not None
            node = child
        node.extras([Extra("iso20022", f"{node.path}/Envlp", content)])
        return render(doc)

    shallow, deep, again = write(1), write(3), write(1)
    assert again == shallow
    assert (
        b'\n    <Envlp>\n      <Note a="x&amp;y">1 &lt; 2</Note>\n      <Empty/>\n    </Envlp>\n  </L>'
    ) in shallow
    inner = b'\n          <Note a="x&amp;y">1 &lt; 2</Note>\n          <Empty/>'
    assert b"\n        <Envlp>" + inner + b"\n        </Envlp>" in deep


def test_a_character_xml_forbids_raises_as_lxml_does() -> None:
    doc = _group_header(WriteContext("pacs.008.001.08"))
    body = doc.kids[0]
    assert isinstance(body, WNode)
    grp = body.kids[0]
    assert isinstance(grp, WNode)
    grp.text("MsgId", "bell\x07")
    with pytest.raises(ValueError, match="XML compatible"):
        render(doc)


def test_a_name_no_schema_checked_is_left_to_lxml() -> None:
    doc = WNode("Document", None, None, WriteContext("pacs.008.001.08"))
    doc.text("a><b", "x")  # untyped (no schema): lxml refuses the name, so must render
    with pytest.raises(ValueError, match="Invalid tag name"):
        render(doc)


def test_deep_trees_render_like_lxml() -> None:
    doc = WNode("Document", None, None, WriteContext("pacs.008.001.08"))
    node = doc
    for _ in range(80):
        child = node.add("L")
        assert child is not None
        node = child
    node.text("V", "x")
    fast = render(doc)
    assert fast.endswith(
        b"<V>x</V>\n"
        + b"  " * 80
        + b"</L>"
        + b"".join(b"\n" + b"  " * n + b"</L>" for n in range(79, 0, -1))
        + b"\n</Document>"
    )
    assert fast == serialize(doc.el)


def test_el_is_built_from_the_root_only() -> None:
    doc = _group_header(WriteContext("pacs.008.001.08"))
    body = doc.kids[0]
    assert isinstance(body, WNode)
    with pytest.raises(RuntimeError):
        body.el  # noqa: B018 - the property access is what is tested
    assert doc.el.tag == "{" + NS + "}Document"
    assert body.el.tag == "{" + NS + "}FIToFICstmrCdtTrf"


# ------------------------------------------------------------------ differential: fast path == lxml

_SPECIAL = st.sampled_from(
    ["", " ", "&", "<", ">", '"', "'", "\r", "\n", "\t", "\r\n", "é", "€", "\x7f", "\x85", "\xa0", "😀"]
)
_FORBIDDEN = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"])
#: Characters XML 1.0 allows (tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD, U+10000..)
_XML_CHARS = st.characters(
    exclude_categories=["Cs"],
    exclude_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\ufffe", "\uffff"],
)
_VALUES = st.lists(st.one_of(st.text(_XML_CHARS, max_size=6), _SPECIAL), max_size=4).map("".join)
_NAMES = st.sampled_from(["A", "Bb", "C_1", "d.e", "F-g"])


@st.composite
def _trees(draw: st.DrawFn, forbidden: bool = False) -> tuple[WNode, WNode | None]:
    """Untyped trees (no schema): nested elements, leaves, amounts, attributes, fragments."""
    values = st.one_of(_VALUES, _FORBIDDEN) if forbidden else _VALUES

    def fill(node: WNode, depth: int) -> None:
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["text", "amount", "node", "attr", "fragment"]))
            name = draw(_NAMES)
            if kind == "text":
                node.text(name, draw(values))
            elif kind == "amount":
                node.amount(name, Amount(Decimal(draw(st.sampled_from(["1", "0.50", "1E+2"]))), draw(values)))
            elif kind == "attr":
                node.set(name, draw(values))
            elif kind == "fragment":
                inner = draw(
                    st.sampled_from(
                        ["", " ", "\n  ", "<X>1</X>", "<X a='&amp;'/>\n <Y> </Y>", "t <X>1</X><Y>\n</Y> u"]
                    )
                )
                content = f'<{name} xmlns="urn:src">{inner}</{name}>'
                node.extras([Extra("iso20022", f"{node.path}/{name}", content)])
            elif depth < 3:
                child = node.add(name)
                assert child is not None
                fill(child, depth + 1)

    doc = WNode("Document", None, None, WriteContext("pacs.008.001.08"))
    fill(doc, 0)
    if draw(st.booleans()):
        doc.set("{" + XSI + "}schemaLocation", draw(values))
    header = None
    if draw(st.booleans()):
        header = WNode("AppHdr", None, None, WriteContext("head.001.001.02"))
        fill(header, 1)
    return doc, header


def _outcome(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except Exception as exc:  # the exception (type) is part of the compared outcome
        return type(exc)


def _lxml_bytes(doc: WNode, header: WNode | None) -> bytes:
    from lxml import etree

    if header is None:
        return serialize(doc.el)
    envelope = etree.Element("Envelope")
    envelope.append(header.el)
    envelope.append(doc.el)
    return serialize(envelope)


@settings(max_examples=150, deadline=None)
@given(_trees())
def test_render_matches_lxml(tree: tuple[WNode, WNode | None]) -> None:
    doc, header = tree
    fast = render(doc, header)
    assert fast == _lxml_bytes(doc, header)


@settings(max_examples=60, deadline=None)
@given(_trees(forbidden=True))
def test_render_fails_where_lxml_fails(tree: tuple[WNode, WNode | None]) -> None:
    doc, header = tree
    fast = _outcome(lambda: render(doc, header))
    # the fallback may already have built the lxml tree: build a fresh one for the oracle
    for node in (doc, header):
        if node is not None:
            _forget_lxml(node)
    assert fast == _outcome(lambda: _lxml_bytes(doc, header))


def _forget_lxml(node: WNode) -> None:
    node._el = None
    for kid in node.kids:
        if isinstance(kid, WNode):
            _forget_lxml(kid)
