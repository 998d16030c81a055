"""Test helpers shared by the return / status / cancellation / resolution tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.jsonfmt import dumps_model
from finmsg.model.base import Message
from tests.golden import canonical_xml, check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"

try:  # the schema layer is written by another helper; skip validation only when absent
    from finmsg.iso20022.schemas import validate_document
except ImportError:  # pragma: no cover
    validate_document = None


def case_input(case: str) -> bytes:
    return (FIXTURES / case / "input.xml").read_bytes()


def read_case(case: str) -> Message:
    result = read_iso(case_input(case), {})
    assert result.diagnostics == [], result.diagnostics
    return result.value


def document_of(xml: bytes) -> etree._Element:
    return find_envelopes(etree.fromstring(xml))[0].document


def write(message: Message, target: str) -> tuple[bytes, list[Diagnostic]]:
    result = write_iso(message, target, {})
    return result.value, result.diagnostics


def schema_errors(xml: bytes, msg_id: str) -> list[Diagnostic]:
    """XSD (or, without an XSD, structural) findings above INFO for the Document in ``xml``."""
    if validate_document is None:  # pragma: no cover
        return []
    found = validate_document(document_of(xml), msg_id)
    return [d for d in found if d.severity is not Severity.INFO]


def assert_round_trip(case: str) -> bytes:
    """read → write the same version → the Document is canonically identical and schema-valid."""
    data = case_input(case)
    message = read_case(case)
    out, diagnostics = write(message, message.message_type)
    assert diagnostics == []
    assert canonical_xml(document_of(out)) == canonical_xml(document_of(data))
    assert schema_errors(out, message.message_type) == []
    return out


def assert_golden(case: str, update: bool) -> None:
    check_golden(FIXTURES / case / "expected.json", dumps_model(read_case(case)), update)


def dropped_paths(diagnostics: list[Diagnostic]) -> list[str | None]:
    assert all(d.code == "version.dropped" for d in diagnostics), diagnostics
    return [d.path for d in diagnostics]


def inject(case: str, parent_path: str, fragment: str) -> bytes:
    """``case``'s input with ``fragment`` (in the Document namespace) appended under ``parent_path``.

    ``parent_path`` is a slash-separated path of local names below ``Document``; a segment may
    carry a 1-based position (``OrgnlPmtInfAndSts[2]``), else the first match is taken.
    """
    root = etree.fromstring(case_input(case))
    doc = find_envelopes(root)[0].document
    ns = etree.QName(doc).namespace
    target = doc
    for name in parent_path.split("/"):
        found = target.find(f"{{{ns}}}{name}")
        assert found is not None, name
        target = found
    wrapped = etree.fromstring(f'<w xmlns="{ns}">{fragment}</w>')
    for child in wrapped:
        target.append(child)
    return etree.tostring(root, encoding="UTF-8")


def assert_extra_survives(data: bytes) -> Message:
    """Read ``data`` (with an injected element), write it back: the Document must be unchanged.

    Returns the model so that the caller can check where the extra was kept.
    """
    message = read_iso(data, {}).value
    out, diagnostics = write(message, message.message_type)
    assert diagnostics == []
    assert canonical_xml(document_of(out)) == canonical_xml(document_of(data))
    return message
