"""convert_all item by item: a failing item does not take its neighbours with it, and the MTs
of one split never share a sender's reference (field 20).

Expected values are written from the input below and the MT rules by hand: field 20 is 16x,
must not start or end with '/' nor contain '//' (MT network rule T26), and identifies one FIN
message, so two MTs of one split must not carry the same one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from finmsg import convert, convert_all, validate
from finmsg.diagnostics import Result, Severity
from finmsg.errors import ConversionError, OptionError
from finmsg.translate.split_refs import derive

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"

_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>MSG-2026-12-01-A</MsgId>
      <CreDtTm>2026-12-01T08:00:00</CreDtTm>
      <NbOfTxs>{count}</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
      <InstgAgt><FinInstnId><BICFI>BANKNL2AXXX</BICFI></FinInstnId></InstgAgt>
      <InstdAgt><FinInstnId><BICFI>DEUTDEFFXXX</BICFI></FinInstnId></InstdAgt>
    </GrpHdr>
{txs}
  </FIToFICstmrCdtTrf>
</Document>
"""
_TX = """    <CdtTrfTxInf>
      <PmtId>{instr}<EndToEndId>E2E-{n}</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">{amount}</IntrBkSttlmAmt>{date}
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>Debtor {n}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>ABNANL2AXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>DEUTDEFFXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Creditor {n}</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>"""
_ROOT = "/Document/FIToFICstmrCdtTrf"


def _tx(n: int, amount: str, instr: str | None = None, day: str | None = "2026-12-01") -> str:
    return _TX.format(
        n=n,
        amount=amount,
        instr=f"<InstrId>{instr}</InstrId>" if instr else "",
        date=f"\n      <IntrBkSttlmDt>{day}</IntrBkSttlmDt>" if day else "",
    )


def _pacs008(*txs: str) -> bytes:
    return _DOC.format(count=len(txs), txs="\n".join(txs)).encode()


def _fields(out: Result[bytes], tag: str) -> list[str]:
    return re.findall(rf"\r\n:{tag}:([^\r]*)", out.value.decode("ascii"))


# --- 1. one failing item ---------------------------------------------------------------------


def test_a_failing_transaction_is_an_error_result_and_the_others_are_written() -> None:
    # CdtTrfTxInf[2] has no IntrBkSttlmDt and GrpHdr none either: no 32A for its MT103
    data = _pacs008(
        _tx(1, "100.00", "INSTR-1"), _tx(2, "200.00", "INSTR-2", day=None), _tx(3, "300.00", "INSTR-3")
    )
    outs = convert_all(data, "mt103")
    assert len(outs) == 3
    assert [_fields(outs[0], "32A"), _fields(outs[2], "32A")] == [["261201EUR100,00"], ["261201EUR300,00"]]
    assert outs[0].ok and outs[2].ok
    failed = outs[1]
    assert failed.value == b"" and not failed.ok
    [error] = failed.errors
    assert error.code == "translate.missing"
    assert error.path == f"{_ROOT}/CdtTrfTxInf[2]/IntrBkSttlmDt"
    assert f"{_ROOT}/CdtTrfTxInf[2]" in error.message
    assert all(validate(out.value).ok for out in (outs[0], outs[2]))


def test_a_failing_statement_of_a_camt053_names_its_statement() -> None:
    # Stmt[2] has only a proprietary OPENING balance: no 60a for an MT940; Stmt[1] is written
    outs = convert_all(
        (FIXTURES / "camt053-multi-stmt" / "input.xml").read_bytes(),
        "mt",
        sender="ESSEFIHXXXX",
        receiver="DEUTDEFFXXX",
    )
    assert [out.ok for out in outs] == [True, False]
    assert _fields(outs[0], "20") == ["STMT-CH93-1127"]
    assert [(d.code, d.path) for d in outs[1].errors] == [
        ("translate.missing", "/Document/BkToCstmrStmt/Stmt[2]/Bal")
    ]


def test_an_option_error_still_fails_the_call() -> None:
    data = _pacs008(_tx(1, "100.00", "INSTR-1"), _tx(2, "200.00", "INSTR-2"))
    with pytest.raises(OptionError):
        convert_all(data, "mt103", sender="NOT A BIC")


def test_a_one_item_message_that_fails_still_raises_like_convert() -> None:
    data = _pacs008(_tx(1, "100.00", "INSTR-1", day=None))
    with pytest.raises(ConversionError) as by_convert:
        convert(data, "mt103")
    with pytest.raises(ConversionError) as by_convert_all:
        convert_all(data, "mt103")
    assert by_convert_all.value.path == by_convert.value.path == f"{_ROOT}/CdtTrfTxInf[1]/IntrBkSttlmDt"


# --- 2. distinct sender's references ---------------------------------------------------------


def test_parts_without_instrid_get_distinct_references() -> None:
    # tx 1 has its own InstrId; tx 2 and 3 would both take GrpHdr/MsgId MSG-2026-12-01-A
    # (16 characters): 13 of them + the '+' truncation mark + /<position in the split>
    # (session 9: the cut reference keeps its mark, see test_tr_split_refs.py)
    data = _pacs008(_tx(1, "100.00", "INSTR-1"), _tx(2, "200.00"), _tx(3, "300.00"))
    outs = convert_all(data, "mt103")
    assert [_fields(out, "20") for out in outs] == [["INSTR-1"], ["MSG-2026-12-0+/2"], ["MSG-2026-12-0+/3"]]
    assert all(validate(out.value).ok for out in outs)
    assert [d for d in outs[0].diagnostics if d.code == "mapping.derived"] == []
    [note] = [d for d in outs[2].diagnostics if d.code == "mapping.derived"]
    assert note.severity is Severity.INFO
    assert (note.rule, note.path, note.target_path) == ("TR060", f"{_ROOT}/CdtTrfTxInf[3]", "MT103:20")
    assert (note.original, note.emitted) == ("MSG-2026-12-01-A", "MSG-2026-12-0+/3")


def test_references_stay_distinct_next_to_a_failing_item() -> None:
    data = _pacs008(_tx(1, "100.00"), _tx(2, "200.00"), _tx(3, "300.00", day=None))
    outs = convert_all(data, "mt103")
    # session 9: the cut reference keeps its '+' mark before /n (test_tr_split_refs.py)
    assert [_fields(out, "20") for out in outs[:2]] == [["MSG-2026-12-0+/1"], ["MSG-2026-12-0+/2"]]
    assert not outs[2].ok


def test_the_fixture_batch_references_are_derived_from_the_cut_msgid() -> None:
    # MsgId BATCH-20261129-77 (17 characters) is cut to 15 + '+' for one MT103; two MT103s
    # take its first 13 characters, the '+' mark (kept since session 9) and /1 and /2
    outs = convert_all(
        (FIXTURES / "pacs008-multi-bare" / "input.xml").read_bytes(), "mt103", receiver="DEUTDEFFXXX"
    )
    assert [_fields(out, "20") for out in outs] == [["BATCH-2026112+/1"], ["BATCH-2026112+/2"]]


def test_camt056_cancellations_get_distinct_references() -> None:
    # both MT192 would carry Assgnmt/Id BNP-RCL-20261201-1 cut to BNP-RCL-2026120+; the
    # derived references keep the '+' mark before /n (session 9)
    outs = convert_all((FIXTURES / "camt056-group-multi" / "input.xml").read_bytes(), "mt")
    assert [_fields(out, "20") for out in outs] == [["BNP-RCL-20261+/1"], ["BNP-RCL-20261+/2"]]


@pytest.mark.parametrize(
    ("reference", "suffix", "expected"),
    [
        ("ABC", "/2", "ABC/2"),
        # session 9: a cut reference keeps the '+' truncation mark before the suffix
        ("ABCDEFGHIJKLMNOP", "/12", "ABCDEFGHIJKL+/12"),
        ("ABCDEFGHIJKLMNO+", "/3", "ABCDEFGHIJKLM+/3"),
        ("ABCDEFGHIJKL/XYZ", "/2", "ABCDEFGHIJKL+/2"),  # no '/' left where the cut ends on '/'
        ("A/B", "/1", "A/B/1"),
    ],
)
def test_derive_keeps_sixteen_x_characters_and_no_double_slash(
    reference: str, suffix: str, expected: str
) -> None:
    derived = derive(reference, suffix)
    assert derived == expected
    assert len(derived) <= 16 and "//" not in derived and not derived.endswith("/")


# --- 3. camt.029: 76 answers the one transaction ---------------------------------------------


def test_camt029_parts_answer_their_own_transaction() -> None:
    # Sts/Conf PECR (partially executed) is the whole message's; TxInfAndSts[1] is RJCR (reason
    # CUST), TxInfAndSts[2] ACCR, whose MT n96 answer code is CNCL
    outs = convert_all((FIXTURES / "camt029-group-multi" / "input.xml").read_bytes(), "mt")
    answers = [_fields(out, "76")[0] for out in outs]
    assert answers == ["/RJCR/CUST", "/CNCL/"]
    conf = [d for out in outs for d in out.diagnostics if d.path == "/Document/RsltnOfInvstgtn/Sts/Conf"]
    assert [(d.code, d.original) for d in conf] == [("lossy.dropped", "PECR")] * 2
