"""camt.029 → MT196 answered from the group status: only what is really not carried is reported.

Written by hand from the MT n96 field rules (76 answers the one transaction; 20 and 11R copy the
original message of that transaction) and camt.029 OrgnlGrpInfAndSts: when the transaction has no
TxCxlSts under Sts/Conf PECR, its group's GrpCxlSts is the 76 answer (ACCR → CNCL), so the group
block is not "dropped": its status travels, and each member without an MT field is reported
on its own path.
"""

from __future__ import annotations

from finmsg import convert
from finmsg.diagnostics import Result

_ROOT = "/Document/RsltnOfInvstgtn"
_GRP = f"{_ROOT}/CxlDtls[1]/OrgnlGrpInfAndSts"
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
    <Sts><Conf>PECR</Conf></Sts>
    <CxlDtls>
      <OrgnlGrpInfAndSts>
        <OrgnlMsgId>SCT-78</OrgnlMsgId>
        <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>{count}
        <GrpCxlSts>ACCR</GrpCxlSts>{reason}
      </OrgnlGrpInfAndSts>
      <TxInfAndSts>{own_group}
        <OrgnlInstrId>PAY-1</OrgnlInstrId>{status}
        <OrgnlIntrBkSttlmAmt Ccy="EUR">100.00</OrgnlIntrBkSttlmAmt>
        <OrgnlIntrBkSttlmDt>2026-12-01</OrgnlIntrBkSttlmDt>
      </TxInfAndSts>
    </CxlDtls>
  </RsltnOfInvstgtn>
</Document>
"""
_OWN_GROUP = """
        <OrgnlGrpInf>
          <OrgnlMsgId>SCT-78</OrgnlMsgId>
          <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
        </OrgnlGrpInf>"""


def _convert(count: str = "", reason: str = "", own_group: str = "", status: str = "") -> Result[bytes]:
    doc = _DOC.format(count=count, reason=reason, own_group=own_group, status=status)
    return convert(doc.encode(), "mt")


def _drops(out: Result[bytes]) -> list[tuple[str | None, str | None]]:
    return [
        (d.path, d.original)
        for d in out.diagnostics
        if d.code == "lossy.dropped" and (d.path or "").startswith(_GRP)
    ]


def test_the_used_group_is_not_reported_as_dropped_only_its_identification() -> None:
    out = _convert()
    assert "\r\n:76:/CNCL/\r\n" in out.value.decode("ascii")
    # the status travels (TI032); the original message id and name have no field: the
    # transaction states no OrgnlGrpInf of its own, so 20 and 11R do not carry them
    assert _drops(out) == [(f"{_GRP}/OrgnlMsgId", "SCT-78"), (f"{_GRP}/OrgnlMsgNmId", "pacs.008.001.08")]
    used = [d for d in out.diagnostics if d.path == f"{_GRP}/GrpCxlSts"]
    assert [(d.code, d.original, d.emitted) for d in used] == [("mapping.defaulted", "ACCR", "CNCL")]


def test_the_transactions_own_group_reference_is_carried() -> None:
    out = _convert(own_group=_OWN_GROUP)
    assert _drops(out) == []


def test_members_without_an_mt_field_are_reported_one_by_one() -> None:
    reason = "\n        <CxlStsRsnInf><AddtlInf>WHOLE BATCH CANCELLED</AddtlInf></CxlStsRsnInf>"
    out = _convert(count="\n        <OrgnlNbOfTxs>3</OrgnlNbOfTxs>", reason=reason, own_group=_OWN_GROUP)
    assert _drops(out) == [
        (f"{_GRP}/OrgnlNbOfTxs", "3"),
        (f"{_GRP}/CxlStsRsnInf[1]", "WHOLE BATCH CANCELLED"),
    ]


def test_a_group_whose_status_is_not_used_is_still_dropped_whole() -> None:
    # the transaction answers for itself (TxCxlSts RJCR): the group status is not carried
    out = _convert(status="\n        <TxCxlSts>RJCR</TxCxlSts>")
    assert "\r\n:76:/RJCR/\r\n" in out.value.decode("ascii")
    assert _drops(out) == [(_GRP, "SCT-78")]
