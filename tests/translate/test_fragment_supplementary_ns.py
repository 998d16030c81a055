"""A fragment shown in a diagnostic keeps the namespace of supplementary data (review R1).

The reader's subtree declares the message's own namespace, which the diagnostic leaves out;
supplementary data in another ISO 20022 schema (CBPR+ ``supl.017``) is not the message's
namespace and says what the content is, so it stays.
"""

from __future__ import annotations

from finmsg.translate.xmlfrag import clean_fragment

PACS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
SUPL = "urn:iso:std:iso:20022:tech:xsd:supl.017.001.02"


def test_iso_supplementary_namespace_is_kept() -> None:
    inner = f'<Envlp><Document xmlns="{SUPL}"><Zz>1</Zz></Document></Envlp>'
    kept = f'<SplmtryData xmlns="{PACS}">{inner}</SplmtryData>'
    shown = f"<SplmtryData>{inner}</SplmtryData>"
    assert clean_fragment(kept) == shown


def test_prefixed_supplementary_namespace_is_kept() -> None:
    kept = f'<d:Zz9 xmlns:d="{PACS}" xmlns:s="{SUPL}"><d:A>y</d:A><s:B>z</s:B></d:Zz9>'
    shown = f'<Zz9 xmlns:s="{SUPL}"><A>y</A><s:B>z</s:B></Zz9>'
    assert clean_fragment(kept) == shown
