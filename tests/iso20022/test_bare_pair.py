"""An AppHdr followed by a Document with no element around them is read as one message.

Such a pair is how the business application header travels beside its Document in many
systems, and it is exactly what the batch quarantines for one message cut from a larger ISO file
(its original bytes). It is not well-formed XML (two roots), so it used to be ``xml.syntax``:
a quarantined message could not be converted again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ParseError
from finmsg.iso20022.concat import header_and_document

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)
WRAPPED = FIXTURE.read_bytes()
PAIR = WRAPPED[WRAPPED.index(b"<AppHdr") : WRAPPED.index(b"</Document>") + len(b"</Document>")]


def test_the_pair_reads_as_the_wrapped_message() -> None:
    pair, wrapped = finmsg.parse(PAIR), finmsg.parse(WRAPPED)
    assert pair.value == wrapped.value
    assert pair.value.header is not None and pair.value.header.from_bic == "BANKGB2LXXX"
    assert finmsg.validate(PAIR).ok


def test_findings_keep_the_input_line_numbers() -> None:
    broken = PAIR.replace(b"<BICFI>BANKGB2LXXX</BICFI>", b"<BICFI>bad</BICFI>", 1)
    paths = [d.path for d in finmsg.validate(broken).diagnostics if d.code == "xsd.invalid"]
    assert paths and all(p and "AppHdr" in p for p in paths)


@pytest.mark.parametrize(
    "data",
    [
        PAIR[PAIR.index(b"<Document") :] + PAIR[: PAIR.index(b"<Document")],  # Document first
        PAIR[: PAIR.index(b"<Document")] * 2,  # two headers
        PAIR.replace(b"<Document", b'<?xml version="1.0"?><Document', 1),  # two documents
    ],
)
def test_other_shapes_are_not_a_pair(data: bytes) -> None:
    assert header_and_document(data) is None


def test_two_headers_are_not_read_as_one_message() -> None:
    with pytest.raises(ParseError) as caught:  # two documents, each an AppHdr without its Document
        finmsg.parse(PAIR[: PAIR.index(b"<Document")] * 2)
    assert caught.value.code in ("input.multiple", "xml.syntax")


def test_a_quarantined_part_can_be_validated_again(tmp_path: Path) -> None:
    good = PAIR
    bad = PAIR.replace(b"<BICFI>BANKGB2LXXX</BICFI>", b"<BICFI>bad</BICFI>", 1)
    source = tmp_path / "three.xml"
    source.write_bytes(b"<Batch>" + good + bad + good + b"</Batch>")
    out, quarantine = tmp_path / "out", tmp_path / "q"
    args = ["convert", str(source), "--to", "json", "--out", str(out), "--validate", "--jobs", "1"]
    assert main([*args, "--quarantine", str(quarantine)]) == 1
    (copy,) = [p for p in quarantine.iterdir() if not p.name.endswith(".reason.json")]
    assert copy.read_bytes() == bad  # the original bytes of the failed message
    result = finmsg.validate(copy.read_bytes())
    assert not result.ok and {d.code for d in result.diagnostics} >= {"xsd.invalid"}
    assert json.loads(next(quarantine.glob("*.reason.json")).read_text())["index"] == 2
