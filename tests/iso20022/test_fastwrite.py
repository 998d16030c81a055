"""The fast write lane writes exactly what the general writer writes, or declines.

Every comparison runs ``write_iso`` twice, lane on and lane off
(``fastwrite.ENABLED``), and compares bytes and diagnostics; a spy on
``fastwrite.write_fast`` tells whether the lane wrote the message or declined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022 import fastwrite
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.model.base import Message
from finmsg.model.payments import CreditTransfer
from finmsg.mt.api import read_one
from finmsg.testing.translate import FIXED_NOW
from finmsg.translate import translate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


class Lane:
    """Counts what the lane did while a test runs."""

    def __init__(self) -> None:
        self.taken = 0
        self.declined = 0


@pytest.fixture
def lane(monkeypatch: pytest.MonkeyPatch) -> Iterator[Lane]:
    seen = Lane()
    real = fastwrite.write_fast

    def spy(*args: Any, **kwargs: Any) -> bytes | None:
        out = real(*args, **kwargs)
        if out is None:
            seen.declined += 1
        else:
            seen.taken += 1
        return out

    monkeypatch.setattr(fastwrite, "write_fast", spy)
    yield seen


def both(
    message: Message, version: str, options: dict[str, Any] | None = None
) -> tuple[bytes, list[Diagnostic]]:
    """write_iso with and without the lane: the two must agree; returns the lane's result."""
    options = options or {}
    fast = write_iso(message, version, options)
    fastwrite.ENABLED = False
    try:
        general = write_iso(message, version, options)
    finally:
        fastwrite.ENABLED = True
    assert fast.value == general.value
    assert fast.diagnostics == general.diagnostics
    return fast.value, fast.diagnostics


def _transfer_xml_files() -> list[Path]:
    """Every fixture XML (input or expected output) whose Document is a pacs.008 or pacs.009."""
    found = []
    for path in sorted(FIXTURES.rglob("*.xml")):
        head = path.read_bytes()[:2000]
        if b"xsd:pacs.008." in head or b"xsd:pacs.009." in head:
            found.append(path)
    return found


def _mt_inputs() -> list[Path]:
    return sorted(FIXTURES.glob("translate/mt*-pacs00[89]/*/input.fin"))


XML_FILES = _transfer_xml_files()
MT_FILES = _mt_inputs()


def test_the_fixture_lists_are_not_empty() -> None:
    assert len(XML_FILES) >= 20
    assert len(MT_FILES) >= 20


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_documents_write_the_same(path: Path, lane: Lane) -> None:
    message = read_iso(path.read_bytes(), {}).value
    both(message, message.message_type[:15])
    both(message, message.message_type[:15], {"validate_output": True})
    assert lane.taken + lane.declined == 2


@pytest.mark.parametrize("path", MT_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_translated_mt_writes_the_same_and_takes_the_lane(path: Path, lane: Lane) -> None:
    message = translate(read_one(path.read_bytes()).value, "iso20022", now=FIXED_NOW).value
    xml, _ = both(message, message.message_type)
    # the CBPR+ outputs of the MT → MX pairs are the lane's reason to exist
    assert lane.taken == 1, "the lane declined a usual MT → MX output"
    expected = path.parent / "expected.xml"
    if expected.exists():
        assert xml == expected.read_bytes()


def test_the_lane_writes_most_fixture_transfers(lane: Lane) -> None:
    for path in XML_FILES:
        message = read_iso(path.read_bytes(), {}).value
        both(message, message.message_type[:15])
    assert lane.taken >= 0.7 * len(XML_FILES), (lane.taken, lane.declined)


def test_the_cbpr_fixtures_take_the_lane(lane: Lane) -> None:
    for name in ("pacs008-cbpr-structured", "pacs009-core", "pacs009-cov"):
        message = read_iso((FIXTURES / "iso20022" / name / "input.xml").read_bytes(), {}).value
        both(message, message.message_type[:15])
    assert (lane.taken, lane.declined) == (3, 0)


def test_header_update_note_and_validation_are_those_of_the_general_writer(lane: Lane) -> None:
    path = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
    message = read_iso(path.read_bytes(), {}).value
    assert isinstance(message, CreditTransfer) and message.header is not None
    stale = replace(message, header=replace(message.header, message_definition_id="pacs.008.001.07"))
    xml, diagnostics = both(stale, "pacs.008.001.08", {"validate_output": "true"})
    assert [d.code for d in diagnostics] == ["iso.header.updated"]
    assert diagnostics[0].original == "pacs.008.001.07"
    assert b"<MsgDefIdr>pacs.008.001.08</MsgDefIdr>" in xml
    assert lane.taken == 1  # (the second write of ``both`` runs with the lane off)


def test_envelope_tag_option(lane: Lane) -> None:
    path = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
    message = read_iso(path.read_bytes(), {}).value
    xml, _ = both(message, "pacs.008.001.08", {"envelope_tag": "BizMsg"})
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<BizMsg>\n  <AppHdr ")
    assert xml.endswith(b"\n  </Document>\n</BizMsg>")
    assert lane.taken == 1


def test_the_switch_turns_the_lane_off(lane: Lane, monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "iso20022" / "pacs009-core" / "input.xml"
    message = read_iso(path.read_bytes(), {}).value
    monkeypatch.setattr(fastwrite, "ENABLED", False)
    write_iso(message, "pacs.009.001.08", {})
    assert (lane.taken, lane.declined) == (0, 0)


def test_written_bytes_parse_to_the_same_model() -> None:
    """Not only equal to the general writer: what the lane writes reads back unchanged."""
    for name in ("pacs008-cbpr-structured", "pacs009-cov"):
        data = (FIXTURES / "iso20022" / name / "input.xml").read_bytes()
        message = read_iso(data, {}).value
        again = read_iso(write_iso(message, message.message_type[:15], {}).value, {}).value
        assert again == message


def test_output_is_indented_as_lxml_indents() -> None:
    data = (FIXTURES / "iso20022" / "pacs009-core" / "input.xml").read_bytes()
    message = read_iso(data, {}).value
    xml = write_iso(message, "pacs.009.001.08", {}).value
    root = etree.fromstring(xml)
    etree.indent(root, space="  ")
    assert etree.tostring(root, xml_declaration=True, encoding="UTF-8") == xml
