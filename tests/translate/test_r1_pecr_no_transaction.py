"""camt.029 → MT196 under Sts/Conf PECR when the camt.029 has no TxInfAndSts at all (review R1).

A camt.029 may answer at group level only (CxlDtls/OrgnlGrpInfAndSts) or carry no CxlDtls:
the 76 answer is then the group's GrpCxlSts (ACCR → CNCL, PDCR, RJCR: the MT n96 answer
codes), and without a mappable one the translation fails with ``translate.missing`` naming
the element, never an internal error (it raised StopIteration).
"""

from __future__ import annotations

import pytest

from finmsg import convert
from finmsg.errors import ConversionError

_ROOT = "/Document/RsltnOfInvstgtn"
_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.029.001.09">
  <RsltnOfInvstgtn>
    <Assgnmt>
      <Id>RSL-78</Id>
      <Assgnr><Agt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Agt></Assgnr>
      <Assgne><Agt><FinInstnId><BICFI>BNPAFRPPXXX</BICFI></FinInstnId></Agt></Assgne>
      <CreDtTm>2026-12-03T10:10:10</CreDtTm>
    </Assgnmt>
    <RslvdCase><Id>RCL-78</Id></RslvdCase>
    <Sts><Conf>PECR</Conf></Sts>{details}
  </RsltnOfInvstgtn>
</Document>
"""
_GROUP = """
    <CxlDtls>
      <OrgnlGrpInfAndSts>
        <OrgnlMsgId>SCT-78</OrgnlMsgId>
        <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
        <GrpCxlSts>{status}</GrpCxlSts>
      </OrgnlGrpInfAndSts>
    </CxlDtls>"""


def _field(fin: bytes, tag: str) -> str:
    text = fin.decode()
    start = text.index(f":{tag}:") + len(tag) + 2
    return text[start:].split("\r\n:", 1)[0].split("\r\n-}", 1)[0]


def test_group_status_answers_without_any_transaction() -> None:
    xml = _DOC.format(details=_GROUP.format(status="ACCR")).encode()
    out = convert(xml, "mt")
    assert _field(out.value, "76") == "/CNCL/"


@pytest.mark.parametrize(
    ("details", "path"),
    [
        (_GROUP.format(status="PACR"), f"{_ROOT}/CxlDtls[1]/OrgnlGrpInfAndSts/GrpCxlSts"),
        ("", f"{_ROOT}/CxlDtls"),
    ],
    ids=["group-partially-accepted", "no-details"],
)
def test_no_answer_is_translate_missing(details: str, path: str) -> None:
    with pytest.raises(ConversionError) as err:
        convert(_DOC.format(details=details).encode(), "mt")
    assert err.value.code == "translate.missing"
    assert err.value.path == path
