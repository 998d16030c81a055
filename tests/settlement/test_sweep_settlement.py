"""MT54x <-> sese findings of the corpus sweep (self-made messages).

1. An MT540 with ``23G:CANC`` became a *new* sese.023 instruction: the cancellation vanished.
2. A second ``98A`` settlement date (SETT next to ESET) and a second ``36B`` quantity
   (AMOR next to FAMT) overwrote the first one with no diagnostic.
3. A multi-line ``35B`` description lost its line breaks ("/US/3132MAD40FOO ...").
4. Elements of a sese.023 kept as extras were dropped by the MT writer with no diagnostic.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.mt.message import MtMessage
from finmsg.settlement import mt_to_settlement, settlement_to_fix

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I%sBANKDEFFXXXXN}{4:\r\n"


def _mt(mt: str, body: str) -> bytes:
    return (HEAD % mt + body.replace("\n", "\r\n") + "-}").encode()


MT540 = """:16R:GENL
:20C::SEME//REF1
:23G:%s
:16S:GENL
:16R:TRADDET
:98A::SETT//20240131
:35B:ISIN US0378331005
:16S:TRADDET
:16R:FIAC
:36B::SETT//UNIT/100,
:97A::SAFE//ACC1
:16S:FIAC
:16R:SETDET
:22F::SETR//TRAD
:16R:SETPRTY
:95P::DEAG//BANKGB2L
:16S:SETPRTY
:16R:SETPRTY
:95P::PSET//DTCYUS33
:16S:SETPRTY
:16S:SETDET
"""

MT547 = """:16R:GENL
:20C::SEME//REF2
:23G:NEWM
:16S:GENL
:16R:TRADDET
:98A::ESET//20240201
:98A::SETT//20240131
:35B:/US/037833100
APPLE INC
:16S:TRADDET
:16R:FIAC
:36B::ESTT//AMOR/95,5
:36B::ESTT//FAMT/100,
:97A::SAFE//ACC1
:16S:FIAC
:16R:SETDET
:22F::SETR//TRAD
:16R:SETPRTY
:95P::REAG//BANKGB2L
:16S:SETPRTY
:16R:SETPRTY
:95P::PSET//DTCYUS33
:16S:SETPRTY
:16S:SETDET
"""


def test_cancellation_is_refused_for_sese023() -> None:
    with pytest.raises(ConversionError) as info:
        finmsg.convert(_mt("540", MT540 % "CANC"), "sese.023")
    assert info.value.code == "settlement.function"
    assert "CANC" in info.value.message
    assert b"sese.023" in finmsg.convert(_mt("540", MT540 % "NEWM"), "sese.023").value


@pytest.mark.parametrize(
    ("function", "code", "reported"), [("NEWM", "0", False), ("CANC", "2", False), ("PREA", "0", True)]
)
def test_function_becomes_alloc_trans_type(function: str, code: str, reported: bool) -> None:
    message = finmsg.parse(_mt("540", MT540 % function)).value
    assert isinstance(message, MtMessage)
    result = settlement_to_fix(mt_to_settlement(message).value)
    assert result.value.alloc_trans_type == code
    assert any(d.original == function for d in result.diagnostics) is reported


def test_second_date_and_quantity_are_reported_not_overwritten() -> None:
    result = finmsg.convert(_mt("547", MT547), "sese.025")
    xml = result.value.decode()
    assert (
        "<FctvSttlmDt>\n          <Dt>\n            <Dt>2024-02-01</Dt>" in xml
    )  # the effective date (ESET)
    assert "<FaceAmt>100</FaceAmt>" in xml  # the face amount, not the amortised value
    dropped = {d.original for d in result.diagnostics if d.code == "lossy.dropped"}
    assert {":SETT//20240131", ":ESTT//AMOR/95,5"} <= dropped


def test_instruction_prefers_the_contractual_settlement_date() -> None:
    body = (MT540 % "NEWM").replace(":98A::SETT//20240131", ":98A::ESET//20240202\n:98A::SETT//20240131")
    model = mt_to_settlement(finmsg.parse(_mt("540", body)).value).value  # type: ignore[arg-type]
    assert str(model.settlement_date) == "2024-01-31"
    assert [e.content for e in model.extras] == [":ESET//20240202"]


def test_multi_line_description_keeps_its_lines_both_ways() -> None:
    result = finmsg.convert(_mt("547", MT547), "sese.025")
    assert "<Desc>/US/037833100\nAPPLE INC</Desc>" in result.value.decode()
    back = finmsg.convert(result.value, "mt547").value.decode()
    assert ":35B:/US/037833100\r\nAPPLE INC\r\n" in back


def test_sese_element_kept_as_extra_is_reported_by_the_mt_writer() -> None:
    sese = finmsg.convert(_mt("540", MT540 % "NEWM"), "sese.023").value
    cond = b"<SttlmTxCond><Cd>ASGN</Cd></SttlmTxCond>"
    with_extra = sese.replace(b"</SttlmParams>", cond + b"</SttlmParams>")
    assert with_extra != sese
    result = finmsg.convert(with_extra, "mt540")
    assert b"ASGN" not in result.value
    assert any("ASGN" in str(d.original) and d.code == "lossy.dropped" for d in result.diagnostics)
