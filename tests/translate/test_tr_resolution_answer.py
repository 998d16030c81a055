"""camt.029 → MT196: the field 76 answer of a transaction without TxCxlSts under Sts/Conf PECR.

Written by hand from the MT n96 field 76 rules and the camt.029 status codes: line 1 of 76 is
``/4c/[supplement 1][supplement 2]``, and the answers to a request for cancellation (MT n92) are
CNCL (cancelled as requested), PDCR (pending) and RJCR (rejected). Sts/Conf PECR ("partially
executed cancellation request") describes a request for several transactions; it is not an
answer about any one of them, so ``/PECR/`` is never written. A transaction's own status is
its TxCxlSts; without one, the GrpCxlSts of its group (OrgnlGrpInfAndSts) applies to it
(ACCR → CNCL); without that either, no answer can be given and the translation says so.
"""

from __future__ import annotations

import re

import pytest

from finmsg import convert, convert_all, validate
from finmsg.diagnostics import Result
from finmsg.errors import ConversionError

_ROOT = "/Document/RsltnOfInvstgtn"
_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.029.001.09">
  <RsltnOfInvstgtn>
    <Assgnmt>
      <Id>RSL-77</Id>
      <Assgnr><Agt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Agt></Assgnr>
      <Assgne><Agt><FinInstnId><BICFI>BNPAFRPPXXX</BICFI></FinInstnId></Agt></Assgne>
      <CreDtTm>2026-12-03T10:10:10</CreDtTm>
    </Assgnmt>
    <RslvdCase><Id>RCL-77</Id></RslvdCase>
    <Sts><Conf>{conf}</Conf></Sts>
    <CxlDtls>{group}{txs}
    </CxlDtls>
  </RsltnOfInvstgtn>
</Document>
"""
_GROUP = """
      <OrgnlGrpInfAndSts>
        <OrgnlMsgId>SCT-77</OrgnlMsgId>
        <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
        <GrpCxlSts>{status}</GrpCxlSts>
      </OrgnlGrpInfAndSts>"""
_TX = """
      <TxInfAndSts>
        <OrgnlInstrId>PAY-{n}</OrgnlInstrId>{status}
        <OrgnlIntrBkSttlmAmt Ccy="EUR">{n}00.00</OrgnlIntrBkSttlmAmt>
        <OrgnlIntrBkSttlmDt>2026-12-01</OrgnlIntrBkSttlmDt>
      </TxInfAndSts>"""


def _tx(n: int, status: str | None = None) -> str:
    return _TX.format(n=n, status=f"\n        <TxCxlSts>{status}</TxCxlSts>" if status else "")


def _camt029(conf: str, *txs: str, group: str | None = None) -> bytes:
    grp = _GROUP.format(status=group) if group else ""
    return _DOC.format(conf=conf, group=grp, txs="".join(txs)).encode()


def _76(out: Result[bytes]) -> str:
    [value] = re.findall(r"\r\n:76:(.*?)\r\n:", out.value.decode("ascii"), re.S)
    return value


def test_pecr_without_any_status_for_the_transaction_is_an_error_not_a_pecr_answer() -> None:
    with pytest.raises(ConversionError) as caught:
        convert(_camt029("PECR", _tx(1)), "mt")
    error = caught.value
    assert error.code == "translate.missing"
    assert error.path == f"{_ROOT}/CxlDtls[1]/TxInfAndSts[1]/TxCxlSts"
    assert error.value == "PECR"
    assert "CNCL, PDCR or RJCR" in error.message


def test_pecr_with_a_partially_accepted_group_still_says_nothing_of_the_transaction() -> None:
    # GrpCxlSts PACR (partially accepted) is no more an answer than PECR
    with pytest.raises(ConversionError) as caught:
        convert(_camt029("PECR", _tx(1), group="PACR"), "mt")
    assert caught.value.path == f"{_ROOT}/CxlDtls[1]/TxInfAndSts[1]/TxCxlSts"


@pytest.mark.parametrize(("group", "line"), [("ACCR", "/CNCL/"), ("RJCR", "/RJCR/"), ("PDCR", "/PDCR/")])
def test_pecr_transaction_without_status_takes_its_group_status(group: str, line: str) -> None:
    out = convert(_camt029("PECR", _tx(1), group=group), "mt")
    assert _76(out) == line
    assert validate(out.value).ok
    by_path = {(d.code, d.path): d for d in out.diagnostics}
    used = by_path["mapping.defaulted", f"{_ROOT}/CxlDtls[1]/OrgnlGrpInfAndSts/GrpCxlSts"]
    assert (used.rule, used.original, used.emitted, used.target_path) == (
        "TI032",
        group,
        line[1:5],
        "MT196:76",
    )
    conf = by_path["lossy.dropped", f"{_ROOT}/Sts/Conf"]
    assert conf.original == "PECR"


def test_split_pecr_parts_answer_each_transaction() -> None:
    # tx 1 states RJCR; tx 2 states nothing and its group is partially accepted: tx 1 is
    # written, tx 2 fails alone (never /PECR/)
    outs = convert_all(_camt029("PECR", _tx(1, "RJCR"), _tx(2), group="PACR"), "mt")
    assert len(outs) == 2
    assert _76(outs[0]) == "/RJCR/"
    assert not outs[1].ok and outs[1].value == b""
    [error] = outs[1].errors
    assert (error.code, error.path) == ("translate.missing", f"{_ROOT}/CxlDtls[1]/TxInfAndSts[2]/TxCxlSts")
    assert "/PECR/" not in outs[0].value.decode("ascii")


def test_a_conf_that_is_an_answer_is_still_the_answer() -> None:
    # Sts/Conf CNCL answers the one transaction that states no TxCxlSts (unchanged)
    out = convert(_camt029("CNCL", _tx(1)), "mt")
    assert _76(out) == "/CNCL/"
