"""Whole XML documents joined end to end (``cat a.xml b.xml``, as archives hold them) are several
messages, not a syntax error (brief LE item 2).

Before, every call said ``xml.syntax`` ("XML declaration allowed only at the start"): parse did
not say that the input is several messages, and parse_all / convert_all could not read any of
them. The cut (:func:`finmsg.iso20022.concat.document_spans`) is lexical; the tests prove that a
``<?xml`` or a tag inside a comment or a CDATA section is not a boundary, and that any doubt
keeps the parser's own error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg.errors import MultipleMessagesError, ParseError
from finmsg.iso20022.concat import document_spans, split_documents
from finmsg.registry import RawMessage, get_format

ROOT = Path(__file__).resolve().parents[1]
PACS008 = (ROOT / "fixtures/iso20022/pacs008-cbpr-structured/input.xml").read_bytes()  # AppHdr wrapper
PACS009 = (ROOT / "fixtures/iso20022/pacs009-core/input.xml").read_bytes()
DECL = b'<?xml version="1.0" encoding="UTF-8"?>\n'
BOM = b"\xef\xbb\xbf"


def _spans(data: bytes) -> list[bytes] | None:
    found = document_spans(data)
    return None if found is None else [data[start:end] for start, end in found]


# --- the cut alone ------------------------------------------------------------------------------


def test_one_document_is_one_span_from_the_first_byte() -> None:
    one = DECL + b"<Document><A>1</A></Document>\n"
    assert _spans(one) == [one.rstrip(b"\n")]


def test_two_documents_each_with_a_declaration() -> None:
    first = DECL + b"<Document><A>1</A></Document>"
    second = DECL + b'<Document xmlns="urn:x"><B/></Document>'
    assert _spans(first + b"\n" + second + b"\n") == [first, second]


def test_documents_without_declarations_and_empty_roots() -> None:
    assert _spans(b"<Document/><Document/>\n<Document></Document>") == [
        b"<Document/>",
        b"<Document/>",
        b"<Document></Document>",
    ]


def test_a_byte_order_mark_stays_with_the_first_document_and_is_dropped_between() -> None:
    first = BOM + DECL + b"<Document/>"
    second = DECL + b"<Document/>"
    assert _spans(first + b"\r\n" + BOM + second) == [first, second]


def test_an_xml_declaration_inside_a_comment_or_cdata_is_not_a_boundary() -> None:
    one = (
        DECL + b"<Document><!-- <?xml version='1.0'?><Document> -->"
        b'<Nm><![CDATA[<?xml version="1.0"?></Document><Document>]]></Nm></Document>'
    )
    assert _spans(one) == [one]
    assert _spans(one + one) == [one, one]


def test_markup_characters_inside_attribute_values_do_not_cut() -> None:
    one = b'<Document a="x/>y" b=\'</Document>\'><C d=">"/></Document>'
    assert _spans(one + one) == [one, one]


def test_a_comment_after_a_root_belongs_to_that_document() -> None:
    first = DECL + b"<Document/>\n<!-- end of file 1 -->"
    second = DECL + b"<Document/>"
    assert _spans(first + b"\n" + second) == [first, second]


def test_a_doctype_is_skipped_whole_and_starts_a_document() -> None:
    """The internal subset (with an entity) is passed over as text; nothing in it is read."""
    second = b"<!DOCTYPE Document [<!ENTITY e \"<?xml version='1.0'?>\">]><Document>&e;</Document>"
    assert _spans(b"<Document/>" + second) == [b"<Document/>", second]


@pytest.mark.parametrize(
    "data",
    [
        b"<Document><A></B></Document><Document/>",  # an end tag that closes the wrong element
        b"<Document/>stray text<Document/>",  # text outside any element
        b"<Document/></Document>",  # an end tag with nothing open
        b"<Document><A>",  # never closed
        b"<Document/><![CDATA[x]]>",  # CDATA outside an element
        b"<Document/>< Document/>",  # a lone "<"
        b"<!-- only a comment -->",  # no root element
        b"",
        DECL + b"<!-- c -->" + DECL + b"<Document/>",  # a declaration after the prolog began
        b"\xff\xfe<\x00D\x00/\x00>\x00",  # UTF-16: these bytes are not the markup they look like
    ],
)
def test_any_doubt_answers_none(data: bytes) -> None:
    assert document_spans(data) is None


def test_split_documents_numbers_the_parts_with_their_offsets() -> None:
    data = PACS008 + b"\n" + PACS009
    parts = split_documents(data, {}, get_format("iso20022").split)
    assert parts is not None
    assert [(p.index, p.message_type, p.offset) for p in parts] == [
        (1, "pacs.008.001.08", 0),
        (2, "pacs.009.001.08", len(PACS008) + 1),
    ]
    assert parts[1].data == PACS009.rstrip(b"\n")


def test_a_document_the_split_refuses_is_kept_with_its_error_and_the_next_is_cut() -> None:
    def split_one(piece: bytes, options: Mapping[str, Any]) -> Iterator[RawMessage]:
        if b"<Bad" in piece:
            raise ParseError("cannot cut", code="xml.syntax", path="line 1")
        yield RawMessage(piece, "iso20022", "pacs.009.001.08")

    parts = split_documents(b"<Bad/>\n<Document/>", {}, split_one)
    assert parts is not None
    assert [(p.index, p.message_type, p.data) for p in parts] == [
        (1, "unknown", b"<Bad/>"),
        (2, "pacs.009.001.08", b"<Document/>"),
    ]
    assert [(d.code, d.path) for d in parts[0].diagnostics] == [("xml.syntax", "line 1")]


def test_split_documents_of_one_document_is_none() -> None:
    assert split_documents(PACS008, {}, get_format("iso20022").split) is None


# --- the library calls --------------------------------------------------------------------------

JOINED = PACS008 + b"\n" + PACS009


@pytest.mark.parametrize(
    ("call", "name"),
    [(finmsg.parse, "parse"), (lambda data: finmsg.convert(data, "json"), "convert")],
)
def test_a_one_message_call_says_how_many_and_what_to_call(call: object, name: str) -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        call(JOINED)  # type: ignore[operator]
    error = caught.value
    assert (error.code, error.value) == ("input.multiple", 2)
    assert f"holds 2 iso20022 messages, and {name} reads one" in error.message
    assert "finmsg.parse_all" in error.message


def test_validate_leads_with_the_count() -> None:
    result = finmsg.validate(JOINED)
    assert result.value is None
    assert result.errors[0].code == "input.multiple"
    assert "holds 2 iso20022 messages" in result.errors[0].message


def test_parse_all_reads_each_document() -> None:
    results = list(finmsg.parse_all(JOINED))
    assert all(r.ok for r in results)
    assert [r.value.message_type for r in results if r.value is not None] == [
        "pacs.008.001.08",
        "pacs.009.001.08",
    ]


def test_convert_all_converts_each_document() -> None:
    rows = [json.loads(r.value) for r in finmsg.convert_all(JOINED, "json")]
    assert [row["message_type"] for row in rows] == ["pacs.008.001.08", "pacs.009.001.08"]


def test_detect_lists_each_document_with_its_offset() -> None:
    found = finmsg.detect(JOINED)
    assert [(m.index, m.message_type, m.offset) for m in found] == [
        (1, "pacs.008.001.08", 0),
        (2, "pacs.009.001.08", len(PACS008) + 1),
    ]


def test_a_broken_member_is_a_failed_result_and_the_next_is_read() -> None:
    broken = PACS008.replace(b"Acme Widgets", b"Acme & Widgets")
    results = list(finmsg.parse_all(broken + PACS009))
    assert [r.ok for r in results] == [False, True]
    assert [d.code for d in results[0].errors] == ["xml.syntax"]
    with pytest.raises(MultipleMessagesError):
        finmsg.parse(broken + PACS009)


def test_one_broken_document_keeps_its_own_syntax_error() -> None:
    """Nothing to cut: the parser's error, not advice to call parse_all."""
    broken = PACS008.replace(b"</GrpHdr>", b"</GrpHdrX>")
    with pytest.raises(ParseError) as caught:
        finmsg.parse(broken)
    assert not isinstance(caught.value, MultipleMessagesError)
    assert caught.value.code == "xml.syntax"


def test_a_broken_nesting_before_a_second_document_keeps_the_syntax_error() -> None:
    """Mismatched tags leave the boundary in doubt: the cut does not guess."""
    broken = PACS008.replace(b"</GrpHdr>", b"</GrpHdrX>")
    with pytest.raises(ParseError) as caught:
        finmsg.parse(broken + PACS009)
    assert caught.value.code == "xml.syntax"


def test_a_large_broken_document_is_not_scanned_tag_by_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-check (searches in C) says "one document" when the root never closes, or when
    only blanks follow its first end tag; the cut then answers None without its Python loop."""
    from finmsg.iso20022 import concat

    calls: list[bytes] = []
    real = concat.document_spans

    def counting(data: bytes) -> list[tuple[int, int]] | None:
        calls.append(data)
        return real(data)

    monkeypatch.setattr(concat, "document_spans", counting)
    split = get_format("iso20022").split
    unclosed = DECL + b"<Document>" + b"<A>1</A>" * 1000
    closed_once = DECL + b"<Document>" + b"<A>&x</A>" * 1000 + b"</Document>\n"
    assert split_documents(unclosed, {}, split) is None
    assert split_documents(closed_once, {}, split) is None
    assert calls == []
    assert split_documents(b"<Document/>" + PACS009, {}, split) is not None
    assert len(calls) == 1
