"""Kept unknown elements with mixed content come back exactly as read.

Text between child elements is data: re-indenting it (as the writer indents
everything else) would change it. Both writer paths are covered: the direct
rendering (fragment in the message's own namespace) and the lxml path (a
fragment holding another namespace). Expected bytes are written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso, write_iso

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)


def _with_envelope(content: str) -> bytes:
    text = FIXTURE.read_text(encoding="utf-8")
    at = text.index("</CdtTrfTxInf>")
    return (text[:at] + f"<SplmtryData><Envlp>{content}</Envlp></SplmtryData>" + text[at:]).encode()


def _written_envelope(content: str) -> str:
    message = read_iso(_with_envelope(content), {}).value
    out = write_iso(message, "pacs.008.001.08", {}).value.decode()
    return out[out.index("<Envlp>") : out.index("</Envlp>") + len("</Envlp>")]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # same namespace: the direct rendering
        ("<Note>Hello <B>big</B><I>x</I> world</Note>", "<Note>Hello <B>big</B><I>x</I> world</Note>"),
        # another namespace: the lxml path
        (
            '<Note xmlns="urn:bank">Hello <B>big</B><I>x</I> world</Note>',
            '<Note xmlns="urn:bank">Hello <B>big</B><I>x</I> world</Note>',
        ),
        # spaces, a line break and an escaped character inside mixed content are data too
        (
            "<Note>a &amp; <B> b\n </B> - <C><D/></C>c</Note>",
            "<Note>a &amp; <B> b\n </B> - <C><D/></C>c</Note>",
        ),
    ],
)
def test_mixed_content_is_written_exactly_as_read(note: str, expected: str) -> None:
    indent = "\n" + " " * 12
    assert _written_envelope(note) == f"<Envlp>{indent}{expected}\n          </Envlp>"


def test_text_after_a_dropped_comment_is_kept() -> None:
    """Comments carry no data and are dropped, but the text after one belongs to its element."""
    assert _written_envelope("<Note>one<!-- c --> two <B/>three</Note>") == (
        "<Envlp>\n            <Note>one two <B/>three</Note>\n          </Envlp>"
    )


def test_element_only_content_is_still_indented() -> None:
    assert _written_envelope("<Q><R>1</R><S/></Q>") == (
        "<Envlp>\n            <Q>\n              <R>1</R>\n              <S/>"
        "\n            </Q>\n          </Envlp>"
    )


def test_mixed_content_survives_a_second_round_trip() -> None:
    note = "<Note>Hello <B>big</B><I>x</I> world</Note>"
    once = write_iso(read_iso(_with_envelope(note), {}).value, "pacs.008.001.08", {}).value
    twice = write_iso(read_iso(once, {}).value, "pacs.008.001.08", {}).value
    assert twice == once


def test_spaces_between_the_elements_of_mixed_content_are_kept() -> None:
    """At the writer: a space-only tail inside mixed content is data as well."""
    from finmsg.iso20022.writing import WNode, WriteContext, render
    from finmsg.model.common import Extra

    doc = WNode("Document", None, None, WriteContext("pacs.008.001.08"))
    doc.extras([Extra("iso20022", "/Document/Note", '<Note xmlns="urn:x">a <B/>  <C/>\n</Note>')])
    assert render(doc).endswith(b"\n  <Note>a <B/>  <C/>\n</Note>\n</Document>")
