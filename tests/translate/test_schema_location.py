"""xsi:schemaLocation on the Document is a parser hint: MX -> MT names it as info, not as a loss."""

from __future__ import annotations

from pathlib import Path

import finmsg

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
XSI = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x pacs.008.xsd" '


def test_schema_location_is_reported_as_info_not_as_a_loss() -> None:
    data = FIXTURE.read_bytes().replace(b"<Document xmlns=", b"<Document " + XSI + b"xmlns=", 1)
    result = finmsg.convert(data, "mt103")
    (found,) = [d for d in result.diagnostics if "schemaLocation" in (d.path or "")]
    assert (found.code, found.severity, found.rule) == ("envelope.replaced", finmsg.Severity.INFO, "TR033")
    assert found.path == "/Document/@xsi:schemaLocation"
    assert found.original == "urn:x pacs.008.xsd"


def test_app_header_schema_location_is_named_as_written() -> None:
    head = b'<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"'
    data = FIXTURE.read_bytes().replace(head, head + b" " + XSI.strip(), 1)
    result = finmsg.convert(data, "mt103")
    (found,) = [d for d in result.diagnostics if "schemaLocation" in (d.path or "")]
    assert (found.code, found.severity) == ("envelope.replaced", finmsg.Severity.INFO)
    assert found.message == "BAH @xsi:schemaLocation has no place in the FIN header"
