"""Fragments kept from an ISO 20022 message read in diagnostics as they read in the message.

A reader keeps an element it has no model member for as a serialised subtree, which has to
declare the namespace the element inherited; in the message itself the element has no such
declaration. ISO 20022 namespaces are left out, foreign ones (another schema's content) kept.
"""

from __future__ import annotations

import pytest

from finmsg.translate.context import Ctx
from finmsg.translate.xmlfrag import clean_fragment

PACS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"


@pytest.mark.parametrize(
    ("kept", "shown"),
    [
        (f'<Zz9 xmlns="{PACS}">x<A>y</A></Zz9>', "<Zz9>x<A>y</A></Zz9>"),
        (f'<d:Zz9 xmlns:d="{PACS}"><d:A>y</d:A></d:Zz9>', "<Zz9><A>y</A></Zz9>"),
        # supplementary data of another schema: that namespace says what the content is
        (
            f'<SplmtryData xmlns="{PACS}"><Envlp><X xmlns="urn:example:other">1</X></Envlp></SplmtryData>',
            '<SplmtryData><Envlp><X xmlns="urn:example:other">1</X></Envlp></SplmtryData>',
        ),
        (
            '<Rltd xmlns="urn:x"><MsgDefIdr>y</MsgDefIdr></Rltd>',
            '<Rltd xmlns="urn:x"><MsgDefIdr>y</MsgDefIdr></Rltd>',
        ),
        ("<Bb>v</>", "<Bb>v</>"),  # not well-formed: shown as it was kept
        ("plain text", "plain text"),
    ],
)
def test_clean_fragment(kept: str, shown: str) -> None:
    assert clean_fragment(kept) == shown


def test_a_dropped_fragment_is_shown_clean() -> None:
    ctx = Ctx()
    ctx.dropped("TR031", "/Document/X/Zz9", None, f'<Zz9 xmlns="{PACS}">1 &lt; 2</Zz9>', "no place")
    assert ctx.diagnostics[0].original == "<Zz9>1 &lt; 2</Zz9>"
