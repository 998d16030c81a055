"""Benchmark inputs: a realistic ~4 KB pacs.008.001.08 and a camt.053.001.08 with N entries."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def pacs008_document() -> bytes:
    """The CBPR+ fixture's Document, padded with realistic remittance/regulatory data to ~4 KB."""
    from lxml import etree

    from finmsg.iso20022.envelope import find_envelopes
    from finmsg.iso20022.xmlsafe import parse_xml

    data = (REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    doc = find_envelopes(parse_xml(data))[0].document
    xml = etree.tostring(doc, encoding="UTF-8", xml_declaration=True)
    extra = b"".join(
        b"<Ustrd>Invoice 2026-%04d for spare parts, delivery note DN-%06d</Ustrd>" % (i, i * 7)
        for i in range(1, 2)
    )
    xml = xml.replace(
        b"<Ustrd>Second line of remittance</Ustrd>", b"<Ustrd>Second line of remittance</Ustrd>" + extra
    )
    return xml


def camt053_document(entries: int) -> bytes:
    """A camt.053.001.08 statement with ``entries`` booked entries (needs the camt fixtures)."""
    sample = REPO / "benchmarks" / "iso20022" / "camt053_template.py"
    if not sample.exists():
        raise ImportError("camt.053 generator not available yet")
    from benchmarks.iso20022.camt053_template import build

    return bytes(build(entries))
