"""Whole XML documents joined end to end in UTF-16 (or UTF-32) with a byte order mark are several
messages, as in UTF-8 (brief LB item 3).

Before, the lexical cut answered "not markup" for such bytes, so two UTF-16 Documents were one
``xml.syntax`` error ("XML declaration allowed only at the start"), and the family sniff did not
even recognise a UTF-16 ISO 20022 file (``format.unknown`` unless ``format=`` was given).
Joined files of different encodings stay a typed error, never a traceback or a silent single message.
"""

from __future__ import annotations

import codecs
import io
import json
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import FinmsgError, MultipleMessagesError, ParseError
from finmsg.iso20022.concat import document_spans
from tests.conftest import FIXTURES

PACS008 = (FIXTURES / "iso20022/pacs008-cbpr-structured/input.xml").read_text(encoding="utf-8")
PACS009 = (FIXTURES / "iso20022/pacs009-core/input.xml").read_text(encoding="utf-8")
#: The business message ids (AppHdr BizMsgIdr) of the two fixtures.
IDS = ["MSG-20261129-0001", "FI-TRF-7781"]

#: (byte order mark, codec of the text after it, the name a declaration uses).
WIDE = [
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
]


def _declared(text: str, name: str) -> str:
    return text.replace('encoding="UTF-8"', f'encoding="{name}"')


def _business_id(message: Any) -> str | None:
    """The AppHdr's BizMsgIdr of a read ISO 20022 message."""
    return None if message is None or message.header is None else str(message.header.business_message_id)


def _ids(data: bytes) -> list[str | None]:
    results = list(finmsg.parse_all(data))
    assert all(r.ok for r in results), [r.diagnostics for r in results]
    return [_business_id(r.value) for r in results]


@pytest.mark.parametrize(("mark", "codec", "name"), WIDE)
def test_two_documents_in_one_wide_file_are_two_messages(mark: bytes, codec: str, name: str) -> None:
    first, second = _declared(PACS008, name), _declared(PACS009, name)
    data = mark + (first + "\n" + second).encode(codec)
    assert _ids(data) == IDS
    unit = len("<".encode(codec))  # bytes per character of these (BMP) texts
    found = finmsg.detect(data)
    assert [(m.index, m.message_type, m.offset) for m in found] == [
        (1, "pacs.008.001.08", 0),
        (2, "pacs.009.001.08", len(mark) + (len(first) + 1) * unit),
    ]
    assert found[0].data == mark + first.rstrip("\n").encode(codec)


def test_files_appended_as_they_were_keep_a_mark_between_them() -> None:
    """``cat a.xml b.xml`` of two UTF-16 files: the second file's mark is not text of a document."""
    first, second = _declared(PACS008, "UTF-16"), _declared(PACS009, "UTF-16")
    assert _ids(first.encode("utf-16") + second.encode("utf-16")) == IDS


def test_a_later_document_without_a_declaration_still_reads() -> None:
    """It gets the file's mark in front: with neither, the parser cannot know the encoding."""
    first = _declared(PACS008, "UTF-16")
    second = PACS009.split("?>", 1)[1].lstrip("\n")  # no XML declaration
    data = codecs.BOM_UTF16_LE + (first + second).encode("utf-16-le")
    assert _ids(data) == IDS


def test_characters_outside_ascii_and_the_bmp_keep_the_offsets_right() -> None:
    first = _declared(PACS008, "UTF-16").replace("Acme Widgets", "Zoë 𝄞 Widgets")
    second = _declared(PACS009, "UTF-16")
    head = codecs.BOM_UTF16_LE + first.encode("utf-16-le")
    data = head + "\n".encode("utf-16-le") + second.encode("utf-16-le")
    found = finmsg.detect(data)
    assert [m.offset for m in found] == [0, len(head) + 2]
    assert _ids(data) == IDS


def test_one_utf16_document_is_recognised_without_naming_the_format() -> None:
    data = _declared(PACS008, "UTF-16").encode("utf-16")
    assert _business_id(finmsg.parse(data).value) == IDS[0]  # was format.unknown


def test_one_call_refuses_several_wide_documents_like_utf8() -> None:
    data = (_declared(PACS008, "UTF-16") + _declared(PACS009, "UTF-16")).encode("utf-16")
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(data)
    assert caught.value.value == 2


def test_the_byte_cut_alone_still_answers_none_for_wide_bytes() -> None:
    assert document_spans(_declared(PACS008, "UTF-16").encode("utf-16")) is None


UTF16 = _declared(PACS008, "UTF-16").encode("utf-16")
UTF8 = PACS009.encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        UTF16 + UTF8,  # UTF-16 then UTF-8: decoded as UTF-16 the tail is no markup
        UTF16 + UTF8 + b"x",  # ... and an odd number of bytes: not UTF-16 at all
        UTF16 + b"\x00\xd8",  # a lone surrogate
        (UTF16 + UTF16[2:])[:-1],  # two documents cut short by one byte
    ],
    ids=["utf16-then-utf8", "odd-length", "lone-surrogate", "truncated"],
)
def test_joined_files_of_mixed_or_broken_encoding_are_a_typed_error(data: bytes) -> None:
    for call in (finmsg.detect, lambda d: list(finmsg.parse_all(d)), finmsg.parse):
        with pytest.raises(ParseError) as caught:
            call(data)
        assert caught.value.code == "xml.syntax"
        assert not isinstance(caught.value, MultipleMessagesError)


def test_utf8_then_utf16_is_not_read_as_one_good_message() -> None:
    with pytest.raises(FinmsgError) as caught:
        finmsg.parse(UTF8 + UTF16)
    assert caught.value.code == "xml.syntax"
    (only,) = finmsg.parse_all(UTF8 + UTF16)
    assert not only.ok


def test_the_command_line_validates_both_documents(tmp_path: Path) -> None:
    source = tmp_path / "joined.xml"
    source.write_bytes((_declared(PACS008, "UTF-16") + "\n" + _declared(PACS009, "UTF-16")).encode("utf-16"))
    out = io.StringIO()
    assert main(["validate", "--json", str(source)], out=out) == 0
    records = json.loads(out.getvalue())
    assert [(r["index"], r["type"], r["valid"]) for r in records] == [
        (1, "pacs.008.001.08", True),
        (2, "pacs.009.001.08", True),
    ]


@pytest.mark.parametrize("joined", [UTF16 + UTF8, UTF8 + UTF16], ids=["utf16-then-utf8", "utf8-then-utf16"])
def test_a_batch_quarantines_joined_files_of_mixed_encodings_whole(tmp_path: Path, joined: bytes) -> None:
    source = tmp_path / "in" / "joined.xml"
    source.parent.mkdir()
    source.write_bytes(joined)
    argv = ["convert", str(source.parent), "--to", "json", "--out", str(tmp_path / "out")]
    argv += ["--quarantine", str(tmp_path / "q"), "--ledger", str(tmp_path / "ledger.json"), "--jobs", "1"]
    argv += ["--progress", "none"]
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(argv) == 1
    ledger = json.loads((tmp_path / "ledger.json").read_text())
    assert (ledger["messages"], ledger["quarantined"], ledger["unreadable_inputs"]) == (1, 1, 0)
    assert "xml.syntax" in err.getvalue()
