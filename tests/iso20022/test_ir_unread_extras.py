"""The members a fast lane leaves unread are kept exactly as the general reader keeps them.

``fastlane.unread_extras`` builds those extras itself (numbering, path, text) with the general
reader's own :func:`~finmsg.iso20022.reading.kept_fragment`; here whole documents are read with
and without the pacs.008 lane, on the compact tree and on the full one (a comment elsewhere
forces it), including mixed content that the compact tree cannot hold exactly.
"""

from __future__ import annotations

from unittest import mock

import pytest

from finmsg.iso20022 import transfers_fast
from finmsg.iso20022.document import read_iso
from finmsg.model.serialize import to_data

NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
HEAD = (
    "<PmtId><EndToEndId>E</EndToEndId></PmtId>"
    '<IntrBkSttlmAmt Ccy="EUR">1.00</IntrBkSttlmAmt><ChrgBr>SHAR</ChrgBr>'
)


def _document(tx: str, comment: bool = False, indent: str = "") -> bytes:
    note = "<!-- note -->" if comment else ""
    return (
        f'<Document xmlns="{NS}">{indent}<FIToFICstmrCdtTrf>{indent}'
        "<GrpHdr><MsgId>M</MsgId><NbOfTxs>1</NbOfTxs>"
        f"<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>{note}{indent}"
        f"<CdtTrfTxInf>{indent}{tx}{indent}</CdtTrfTxInf>{indent}</FIToFICstmrCdtTrf></Document>"
    ).encode()


def _read_both(data: bytes) -> object:
    fast = read_iso(data, {})
    with mock.patch.object(transfers_fast, "map_transfer_body", lambda *args: None):
        slow = read_iso(data, {})
    assert fast.value == slow.value and repr(fast.value) == repr(slow.value)
    assert to_data(fast.value) == to_data(slow.value)
    assert fast.diagnostics == slow.diagnostics
    return fast.value


UNREAD = {
    "one": "<RgltryRptg><DbtCdtRptgInd>DEBT</DbtCdtRptgInd></RgltryRptg>",
    "repeated and mixed names": (
        "<Tax><Cdtr/></Tax><RgltryRptg/><Tax><Mtd>M</Mtd></Tax><RgltryRptg><Dtls/></RgltryRptg>"
    ),
    "blank leaf": "<SplmtryData><PlcAndNm>  </PlcAndNm></SplmtryData>",
    "mixed content": "<SplmtryData><Envlp><p>Sir <b>and</b> <i>Madam</i></p></Envlp></SplmtryData>",
    "escaped text": "<SplmtryData><Envlp><t>a &amp; b &lt; c</t></Envlp></SplmtryData>",
}


@pytest.mark.parametrize("members", UNREAD.values(), ids=UNREAD.keys())
@pytest.mark.parametrize("comment", [False, True], ids=["compact", "full"])
@pytest.mark.parametrize("indent", ["", "\n    "], ids=["flat", "indented"])
def test_unread_members_read_the_same_with_and_without_the_lane(
    members: str, comment: bool, indent: str
) -> None:
    _read_both(_document(HEAD + members, comment, indent))


def test_unread_members_are_numbered_by_name_in_document_order() -> None:
    message = _read_both(_document(HEAD + UNREAD["repeated and mixed names"]))
    tx = message.transactions[0]  # type: ignore[attr-defined]
    assert [(x.path, x.content) for x in tx.extras] == [
        (f"{TX}/Tax[1]", f'<Tax xmlns="{NS}"><Cdtr/></Tax>'),
        (f"{TX}/RgltryRptg[1]", f'<RgltryRptg xmlns="{NS}"/>'),
        (f"{TX}/Tax[2]", f'<Tax xmlns="{NS}"><Mtd>M</Mtd></Tax>'),
        (f"{TX}/RgltryRptg[2]", f'<RgltryRptg xmlns="{NS}"><Dtls/></RgltryRptg>'),
    ]


def test_mixed_content_keeps_its_blanks_on_the_compact_path_too() -> None:
    message = _read_both(_document(HEAD + UNREAD["mixed content"]))
    (extra,) = message.transactions[0].extras  # type: ignore[attr-defined]
    assert (
        extra.content
        == f'<SplmtryData xmlns="{NS}"><Envlp><p>Sir <b>and</b> <i>Madam</i></p></Envlp></SplmtryData>'
    )
