"""Splitting ISO inputs: one Document is passed through unparsed, several are cut apart."""

from __future__ import annotations

from finmsg.registry import get_format
from tests.conftest import FIXTURES

PACS008 = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()


def _split(data: bytes) -> list[tuple[int, str, bytes]]:
    return [(p.index, p.message_type, p.data) for p in get_format("iso20022").split(data, {})]


def test_single_document_with_header_is_passed_through_with_its_type() -> None:
    assert _split(PACS008) == [(1, "pacs.008.001.08", PACS008)]


def test_several_documents_are_cut_into_standalone_messages() -> None:
    body = PACS008.split(b"?>", 1)[1].replace(b"<Envelope>", b"").replace(b"</Envelope>", b"")
    parts = _split(b"<Batch>" + body + body + b"</Batch>")
    assert [(i, t) for i, t, _ in parts] == [(1, "pacs.008.001.08"), (2, "pacs.008.001.08")]
    assert all(b"<AppHdr" in data and b"<Document" in data for _, _, data in parts)


def test_a_document_tag_inside_a_comment_falls_back_to_a_full_parse() -> None:
    commented = PACS008.replace(b"<Envelope>", b"<Envelope><!-- old <Document> removed -->", 1)
    assert [(i, t) for i, t, _ in _split(commented)] == [(1, "pacs.008.001.08")]
