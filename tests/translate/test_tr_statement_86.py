"""The 86 of a whole statement (after the last 61) ↔ AddtlStmtInf / AddtlRptInf (TS017).

Its 6*65x lines are a wrapping of one text, like an entry's 86 (TS016): MT → MX joins them
the same way (a full 65-character line continues its word, a shorter one ends a word) and
reports a line break the way back would not write again; MX → MT wraps between words at 65.
Expected texts and lines are written by hand from those rules.
"""

from __future__ import annotations

from finmsg.iso20022.document import read_iso
from finmsg.model.statements import Statement
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt

_MT940 = (
    "{1:F01BANKDEFFAXXX0000000000}{2:I940CUSTGB2LXXXXN}{4:\r\n"
    ":20:STMT-0099\r\n:25:DE89370400440532013000\r\n:28C:12/1\r\n"
    ":60F:C261129EUR100,\r\n"
    ":61:2611301130C10,NTRFNONREF\r\n:86:ENTRY TEXT\r\n"
    ":62F:C261130EUR110,\r\n"
    ":86:@INFO@\r\n-}"
)
_MT942 = (
    "{1:F01COBADEFFAXXX0000000000}{2:I942ACMEDEFFXXXXN}{4:\r\n"
    ":20:IR-1\r\n:25:DE89370400440532013000\r\n:28C:215/1\r\n"
    ":34F:EURD5000,\r\n:34F:EURC7500,\r\n:13D:2611301415+0100\r\n"
    ":61:2611301130C12000,00NTRFNONREF\r\n:86:ENTRY TEXT\r\n"
    ":90C:1EUR12000,00\r\n"
    ":86:@INFO@\r\n-}"
)


def _mt(template: str, *lines: str) -> bytes:
    return template.replace("@INFO@", "\r\n".join(lines)).encode("ascii")


def _info(xml: bytes) -> str | None:
    model = read_iso(xml, {}).value
    assert isinstance(model, Statement)
    return model.reports[0].additional_info


def test_mt940_statement_86_cut_inside_a_word_is_one_text() -> None:
    first = "OVERDRAFT FACILITY OF EUR 250000,00 AGREED UNTIL 31.12.2026 APPLI"
    assert len(first) == 65  # a full line: the word goes on, no separator
    xml, model, _diagnostics = mt_to_mx(_mt(_MT940, first, "ES TO THIS ACCOUNT"), "camt.053")
    assert isinstance(model, Statement)
    assert model.reports[0].additional_info == (
        "OVERDRAFT FACILITY OF EUR 250000,00 AGREED UNTIL 31.12.2026 APPLIES TO THIS ACCOUNT"
    )
    assert _info(xml) == model.reports[0].additional_info
    assert check_mx(xml) == []


def test_mt940_statement_86_short_lines_are_joined_and_the_break_reported() -> None:
    _xml, model, diagnostics = mt_to_mx(_mt(_MT940, "END NOTE", "SECOND LINE"), "camt.053")
    assert isinstance(model, Statement)
    assert model.reports[0].additional_info == "END NOTE SECOND LINE"
    [note] = [d for d in diagnostics if d.code == "lossy.linebreaks" and d.rule == "TS017"]
    assert (note.path, note.target_path) == ("MT940:86[2]", "/Document/BkToCstmrStmt/Stmt/AddtlStmtInf")
    assert (note.original, note.emitted) == ("END NOTE\nSECOND LINE", "END NOTE SECOND LINE")
    assert "AddtlStmtInf" in note.message
    # the entry's own 86 is unchanged
    assert model.reports[0].entries[0].additional_info == "ENTRY TEXT"


def test_mt942_report_86_is_joined_after_the_floor_lines() -> None:
    first = "INTRADAY POSITION AT 14.15 INCLUDING ALL PAYMENTS RECEIVED BEFORE"
    assert len(first) == 65
    _xml, model, _diagnostics = mt_to_mx(_mt(_MT942, first, " THE CUT-OFF"), "camt.052")
    assert isinstance(model, Statement)
    # a full line glues to the next: the space that opened line 2 is the break between words
    assert model.reports[0].additional_info == (
        "/FLOOR/EURD5000,\n/FLOOR/EURC7500,\n"
        "INTRADAY POSITION AT 14.15 INCLUDING ALL PAYMENTS RECEIVED BEFORE THE CUT-OFF"
    )


_TEXT = (
    "STATEMENT INCLUDES ALL BOOKINGS UP TO 18.00 CET. INTEREST FOR NOVEMBER 2026 WILL BE "
    "BOOKED ON THE FIRST BUSINESS DAY OF DECEMBER. PLEASE CONTACT YOUR RELATIONSHIP MANAGER "
    "FOR ANY QUESTION."
)
#: _TEXT wrapped between words at 65 (each line broken at its last space that fits).
_LINES = [
    "STATEMENT INCLUDES ALL BOOKINGS UP TO 18.00 CET. INTEREST FOR",
    "NOVEMBER 2026 WILL BE BOOKED ON THE FIRST BUSINESS DAY OF",
    "DECEMBER. PLEASE CONTACT YOUR RELATIONSHIP MANAGER FOR ANY",
    "QUESTION.",
]
_CAMT053 = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>S-9</MsgId><CreDtTm>2026-11-30T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S-9</Id><ElctrncSeqNb>12</ElctrncSeqNb>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy>
        <Ownr><Id><OrgId><AnyBIC>CUSTGB2LXXX</AnyBIC></OrgId></Id></Ownr>
        <Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>
      <AddtlStmtInf>{_TEXT}</AddtlStmtInf>
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def test_camt053_statement_info_round_trip_is_lossless() -> None:
    fin, mt, _ = mx_to_mt(_CAMT053, "mt940")
    assert [f.value for f in mt.fields if f.tag == "86"] == ["\n".join(_LINES)]
    xml, model, diagnostics = mt_to_mx(fin, "camt.053")
    assert isinstance(model, Statement)
    assert model.reports[0].additional_info == _TEXT
    assert _info(xml) == _TEXT
    assert [d for d in diagnostics if d.code == "lossy.linebreaks"] == []
