"""The AppHdr's own attributes (``xsi:schemaLocation``) are kept, as the Document's are.

Review finding (session 5): the attribute rule (R001) reported an AppHdr
``xsi:schemaLocation`` as ``lossy.dropped``, so a strict conversion of an
XSD-valid message that carries one (common in real headers) failed, where it
passed before, and the value was not written back. Expected values by hand.
"""

from __future__ import annotations

from pathlib import Path

from finmsg import convert
from finmsg.iso20022.document import read_iso, write_iso

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
HINT = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02 head.001.001.02.xsd"


def _with_header_attributes(extra: str = "") -> bytes:
    text = FIXTURE.read_text(encoding="utf-8")
    tag = '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"'
    assert tag in text
    return text.replace(tag, f'{tag} xmlns:xsi="{XSI}" xsi:schemaLocation="{HINT}"{extra}', 1).encode()


def test_schema_location_on_the_header_is_kept_not_reported() -> None:
    result = read_iso(_with_header_attributes(), {})
    assert [d for d in result.diagnostics if d.code == "lossy.dropped"] == []
    header = result.value.header
    assert header is not None
    kept = [(e.path, e.content) for e in header.extras]
    assert kept == [(f"/AppHdr/@{{{XSI}}}schemaLocation", HINT)]


def test_schema_location_is_written_back_and_strict_conversion_passes() -> None:
    data = _with_header_attributes()
    same = write_iso(read_iso(data, {}).value, "pacs.008.001.08", {}).value.decode()
    assert f'xsi:schemaLocation="{HINT}"' in same[same.index("<AppHdr") : same.index("<Fr>")]
    other = convert(data, "pacs.008.001.13", strict=True).value.decode()
    assert f'xsi:schemaLocation="{HINT}"' in other[other.index("<AppHdr") : other.index("<Fr>")]


def test_an_attribute_inside_the_header_is_still_reported() -> None:
    text = _with_header_attributes().decode()
    at = text.index("<BizMsgIdr>")
    data = (text[:at] + '<BizMsgIdr foo="x">' + text[at + len("<BizMsgIdr>") :]).encode()
    found = [(d.code, d.path, d.original) for d in read_iso(data, {}).diagnostics]
    assert ("lossy.dropped", "/AppHdr/BizMsgIdr/@foo", "x") in found
