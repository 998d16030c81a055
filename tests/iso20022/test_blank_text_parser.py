"""Reading and validating a tree parsed without indentation gives exactly what the full tree gives.

``read_iso`` and ``validate_iso`` parse with :func:`finmsg.iso20022.xmlsafe.parse_for_reading`,
which drops whitespace-only text between elements when that is exact. This file holds
the two ways to the same results, run with ``COMPACT_READING`` on and off: the model
(``==``, ``repr``, ``to_data``), the diagnostics (code, severity, path, message, values,
order), and the exceptions (type, code, path, message) of

(1) every ISO 20022 input under ``fixtures/`` and in the shared corpus (when present);
(2) hand-made variants: whitespace-only and blank-edged leaves, comments, CDATA,
    processing instructions, ``xml:space``, character references, mixed content in
    kept fragments and in read elements, long blank runs, CRLF, pretty-printed vs
    compact, XSD-invalid and malformed documents, incomplete statement entries;
(3) hypothesis: blanks, text, comments and references dropped between random tags.

The compact way must also really be taken (else (1)-(3) would compare the full parse
with itself): section (4) checks when it is, and when the reader sends it back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from finmsg.errors import FinmsgError
from finmsg.iso20022 import document, xmlsafe
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.validate import validate_iso
from finmsg.iso20022.xmlsafe import parse_for_reading
from finmsg.model.serialize import to_data
from tests.conftest import CORPUS, FIXTURES

ISO_MARK = b"urn:iso:std:iso:20022:tech:xsd:"
PACS008 = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
CAMT053 = (FIXTURES / "iso20022" / "camt053-multi-stmt" / "input.xml").read_bytes()
PACS009 = (FIXTURES / "iso20022" / "pacs009-cov" / "input.xml").read_bytes()


def _iso_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.xml") if ISO_MARK in p.read_bytes())


FIXTURE_FILES = _iso_files(FIXTURES)
CORPUS_FILES = _iso_files(CORPUS / "iso20022")


def _outcome(fn: Callable[[bytes, dict[str, Any]], Any], data: bytes, options: dict[str, Any]) -> Any:
    """Everything observable of one call: the value in three forms and the diagnostics, or the error."""
    try:
        result = fn(data, options)
    except FinmsgError as exc:
        return ("error", type(exc).__name__, exc.code, exc.path, exc.message)
    value = result.value
    return (
        "result",
        repr(value),
        None if value is None else to_data(value),
        [(d.code, d.severity, d.path, d.message, d.original, d.emitted, d.rule) for d in result.diagnostics],
        value,
    )


def _same_both_ways(
    monkeypatch: pytest.MonkeyPatch, data: bytes, options: dict[str, Any] | None = None
) -> None:
    options = options or {}
    for fn in (read_iso, validate_iso):
        monkeypatch.setattr(xmlsafe, "COMPACT_READING", True)
        compact = _outcome(fn, data, options)
        monkeypatch.setattr(xmlsafe, "COMPACT_READING", False)
        full = _outcome(fn, data, options)
        assert compact == full, fn.__name__


# --------------------------------------------------------------------------- (1) every input we have


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_reads_and_validates_the_same(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    data = path.read_bytes()
    _same_both_ways(monkeypatch, data)
    _same_both_ways(monkeypatch, data, {"profile": "cbpr+"})


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
def test_corpus_reads_and_validates_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in CORPUS_FILES:
        _same_both_ways(monkeypatch, path.read_bytes())


def test_there_are_inputs() -> None:
    assert len(FIXTURE_FILES) >= 40  # the ISO 20022 fixtures, golden and translate inputs


# --------------------------------------------------------------------------- (2) hand-made variants


def _replace(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data, old
    return data.replace(old, new, 1)


def _reindented(data: bytes, space: str) -> bytes:
    """``data`` pretty-printed anew with ``space`` per level."""
    root = etree.fromstring(re.sub(rb">\s+<", b"><", data))
    etree.indent(root, space)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


NM = b"<Nm>Acme Widgets Ltd</Nm>"
TX_END = b"</CdtTrfTxInf>"
VARIANTS: dict[str, bytes] = {
    "blank-leaf": _replace(PACS008, NM, b"<Nm>   </Nm>"),
    "newline-leaf": _replace(PACS008, NM, b"<Nm>\n  \n</Nm>"),
    "blank-edged-leaf": _replace(PACS008, NM, b"<Nm>  Acme \n Widgets  </Nm>"),
    "empty-leaf": _replace(PACS008, NM, b"<Nm/>"),
    "long-blank-leaf": _replace(PACS008, NM, b"<Nm>" + b" " * 700 + b"</Nm>"),
    "long-blank-runs": PACS008.replace(b">\n", b">" + b"\n" + b" " * 600),
    "crlf": PACS008.replace(b"\n", b"\r\n"),
    "tabs": PACS008.replace(b"  ", b"\t"),
    "compact": re.sub(rb">\s+<", b"><", PACS008),
    "reference-blank-between": _replace(PACS008, NM, NM + b"&#32;&#10;"),
    "reference-blank-leaf": _replace(PACS008, NM, b"<Nm>&#32;&#32;</Nm>"),
    "entity-next-to-blank": _replace(PACS008, NM, b"<Nm>  &amp;  </Nm>"),
    "comment-in-leaf": _replace(PACS008, NM, b"<Nm>  <!-- c --> </Nm>"),
    "comment-between": _replace(PACS008, NM, NM + b"\n  <!-- note -->\n  "),
    "cdata-leaf": _replace(PACS008, NM, b"<Nm>  <![CDATA[Acme]]>  </Nm>"),
    "pi-in-leaf": _replace(PACS008, NM, b"<Nm>  <?app x?></Nm>"),
    "pi-between": _replace(PACS008, NM, NM + b"\n <?app x?>\n"),
    "xml-space-preserve": _replace(PACS008, b"<Dbtr>", b'<Dbtr xml:space="preserve">'),
    "xml-space-default": _replace(PACS008, b"<Dbtr>", b'<Dbtr xml:space="default">'),
    "text-in-read-element": _replace(PACS008, NM, b"x" + NM + b" y "),
    "mixed-in-kept-fragment": _replace(
        PACS008,
        TX_END,
        b"<SplmtryData><Envlp><Note><B>Sir</B> <I>Madam</I>, pay</Note></Envlp></SplmtryData>" + TX_END,
    ),
    "mixed-tail-only-in-kept-fragment": _replace(
        PACS008,
        TX_END,
        b"<SplmtryData><Envlp><Note><B>Sir</B>\n <I>Madam</I>!</Note></Envlp></SplmtryData>" + TX_END,
    ),
    "blank-tails-in-kept-fragment": _replace(
        PACS008,
        TX_END,
        b"<SplmtryData>\n <Envlp>\n  <Note>\n   <B>Sir</B>\n  </Note>\n </Envlp>\n</SplmtryData>" + TX_END,
    ),
    "unknown-member": _replace(PACS008, NM, NM + b"\n   <Foo>\n    <Bar> b </Bar>\n   </Foo>"),
    "attribute": _replace(PACS008, b"<Dbtr>", b'<Dbtr foo="a > b">'),
    "xsd-invalid-order": _replace(PACS008, NM, b"<CtryOfRes>GB</CtryOfRes>\n" + NM),
    "xsd-invalid-value": _replace(PACS008, b"<Ctry>GB</Ctry>", b"<Ctry>  gb </Ctry>"),
    "xsd-invalid-text-in-element-only": _replace(PACS008, b"<Dbtr>", b"<Dbtr>  words  "),
    "malformed-truncated": PACS008[: len(PACS008) // 2],
    "malformed-mismatch": _replace(PACS008, b"</Nm>", b"</Nme>"),
    "leading-blank-before-root": b"  \n" + PACS008[PACS008.index(b"\n") + 1 :],
    "bom": b"\xef\xbb\xbf" + PACS008,
    "no-declaration": PACS008[PACS008.index(b"\n") + 1 :],
    "utf16": PACS008.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    "latin1": PACS008.decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
    "utf8-lowercase-declared": PACS008.replace(b'encoding="UTF-8"', b"encoding='utf-8'"),
    "statement": CAMT053,
    "statement-incomplete-entry": re.sub(rb"<Amt Ccy=\"\w+\">[^<]*</Amt>", b"", CAMT053, count=1),
    "statement-comment": _replace(CAMT053, b"<Stmt>", b"<Stmt>\n <!-- c -->"),
    "cov": PACS009,
    "cov-indented-more": _reindented(PACS009, "      "),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_reads_and_validates_the_same(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    _same_both_ways(monkeypatch, VARIANTS[name])


def test_hand_written_values_survive_the_compact_parse() -> None:
    """Values written by hand from the variants above (not from either reader)."""

    def debtor_name(data: bytes) -> str | None:
        message = read_iso(data, {}).value
        return message.transactions[0].debtor.name  # type: ignore[attr-defined, no-any-return]

    assert debtor_name(VARIANTS["blank-leaf"]) == "   "
    assert debtor_name(VARIANTS["newline-leaf"]) == "\n  \n"
    assert debtor_name(VARIANTS["blank-edged-leaf"]) == "  Acme \n Widgets  "
    assert debtor_name(VARIANTS["entity-next-to-blank"]) == "  &  "
    assert debtor_name(VARIANTS["comment-in-leaf"]) == "   "
    assert debtor_name(VARIANTS["cdata-leaf"]) == "  Acme  "
    assert debtor_name(VARIANTS["pi-in-leaf"]) == "  "
    message = read_iso(VARIANTS["mixed-in-kept-fragment"], {}).value
    kept = [e.content for e in message.transactions[0].extras if "SplmtryData" in e.path]  # type: ignore[attr-defined]
    assert len(kept) == 1 and "<Note><B>Sir</B> <I>Madam</I>, pay</Note>" in kept[0]
    message = read_iso(VARIANTS["blank-tails-in-kept-fragment"], {}).value
    kept = [e.content for e in message.transactions[0].extras if "SplmtryData" in e.path]  # type: ignore[attr-defined]
    assert kept == [
        '<SplmtryData xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">'
        "<Envlp><Note><B>Sir</B></Note></Envlp></SplmtryData>"
    ]


# --------------------------------------------------------------------------- (3) hypothesis


SNIPPETS = (b" ", b"\n    ", b"\t", b"&#32;", b"x", b" y ", b"<!--c-->", b"<?p?>", b"<![CDATA[ ]]>", b"\r\n")
_BOUNDARIES = [m.end() for m in re.finditer(rb">", PACS008)][1:-1]  # after the declaration, before the end


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_BOUNDARIES), st.sampled_from(SNIPPETS)), min_size=1, max_size=4))
def test_random_insertions_read_and_validate_the_same(
    monkeypatch: pytest.MonkeyPatch, insertions: list[tuple[int, bytes]]
) -> None:
    data = PACS008
    for at, snippet in sorted(insertions, reverse=True):
        data = data[:at] + snippet + data[at:]
    _same_both_ways(monkeypatch, data)


# --------------------------------------------------------------------------- (4) the compact way is taken


def _compact_reads(monkeypatch: pytest.MonkeyPatch, data: bytes) -> Iterator[bool]:
    """For one read: whether the compact tree was used, and whether the reader sent it back."""
    seen: list[bool] = []
    original = document.read_compact

    def spy(envelope: Any) -> Any:
        result = original(envelope)
        seen.append(result is not None)
        return result

    monkeypatch.setattr(document, "read_compact", spy)
    read_iso(data, {})
    yield from seen


@pytest.mark.parametrize(
    "name",
    [
        "blank-leaf",
        "crlf",
        "compact",
        "bom",
        "no-declaration",
        "utf8-lowercase-declared",
        "statement",
        "cov",
        "blank-tails-in-kept-fragment",
        "unknown-member",
        "xml-space-preserve",
        "text-in-read-element",
        "reference-blank-between",
        "cov-indented-more",
    ],
)
def test_compact_tree_is_used(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    assert parse_for_reading(VARIANTS[name])[1] is True
    assert list(_compact_reads(monkeypatch, VARIANTS[name])) == [True]


@pytest.mark.parametrize(
    "name",
    [
        "comment-in-leaf",
        "comment-between",
        "cdata-leaf",
        "pi-in-leaf",
        "pi-between",
        "utf16",
        "latin1",
        "leading-blank-before-root",
        "statement-comment",
    ],
)
def test_full_tree_next_to_comments_cdata_and_pis(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    assert parse_for_reading(VARIANTS[name])[1] is False
    assert list(_compact_reads(monkeypatch, VARIANTS[name])) == []


@pytest.mark.parametrize(
    "name",
    ["mixed-in-kept-fragment", "mixed-tail-only-in-kept-fragment", "statement-incomplete-entry"],
)
def test_reader_sends_back_what_the_compact_tree_cannot_keep_exactly(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    assert parse_for_reading(VARIANTS[name])[1] is True
    assert list(_compact_reads(monkeypatch, VARIANTS[name])) == [False]
