"""A once-only field repeated inside one occurrence of a repeated MT sequence is refused.

The per-message count cannot see these: field 86 may occur once per MT940 statement line
*and* once for the whole statement, field 70 once per MT101 transaction, field 72 once in
each of the two MT202COV sequences. Two of them inside one occurrence used to be read one
after the other, the second overwriting the first, and one value vanished with no
diagnostic. Field layouts are hand-written from the SWIFT MT940/942/101/202COV/192/196
message formats; every expected position is counted by hand from the bodies below.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ConversionError
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message

Fields = list[tuple[str, str]]


def fin(message_type: str, fields: Fields, block3: str = "") -> bytes:
    """A FIN message from (tag, value) pairs; ``\\n`` in a value separates its lines."""
    head = f"{{1:F01BANKBEBBAXXX0000000000}}{{2:I{message_type}BANKDEFFXXXXN}}{block3}{{4:\r\n"
    body = "".join(f":{tag}:{value.replace(chr(10), chr(13) + chr(10))}\r\n" for tag, value in fields)
    return (head + body + "-}").encode()


def refusal(data: bytes, target: str) -> ConversionError:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, target)
    assert caught.value.code == "translate.repeated-field"
    return caught.value


STMT_HEAD: Fields = [
    ("20", "STMT1"),
    ("25", "DE89370400440532013000"),
    ("28C", "1/1"),
    ("60F", "C240101EUR100,00"),
]
LINE: Fields = [("61", "2401010101C10,00NTRFREF1")]

# MT940: 20 25 28C 60F (1-4), 61 (5), 86 86 (6, 7), 62F (8), 86 (9).
MT940_TWO_LINE_86: Fields = [
    *STMT_HEAD,
    *LINE,
    ("86", "FIRST LINE INFO"),
    ("86", "SECOND LINE INFO"),
    ("62F", "C240101EUR110,00"),
    ("86", "STATEMENT INFO"),
]

MT942_HEAD: Fields = [
    ("20", "REP1"),
    ("25", "DE89370400440532013000"),
    ("28C", "1/1"),
    ("34F", "EUR0,"),
    ("13D", "2401011200+0100"),
]
MT101_A: Fields = [
    ("20", "BATCH1"),
    ("28D", "1/1"),
    ("50H", "/DE12500105170648489890\nACME GMBH"),
    ("30", "240131"),
]
MT101_TX: Fields = [
    ("21", "TX1"),
    ("32B", "EUR100,00"),
    ("57A", "BANKDEFF"),
    ("59", "/DE89370400440532013000\nJANE ROE"),
    ("70", "INVOICE 1"),
    ("71A", "SHA"),
]
MT101_TX2: Fields = [
    ("21", "TX2"),
    ("32B", "EUR200,00"),
    ("59", "/FR1420041010050500013M02606\nJOHN ROE"),
    ("71A", "SHA"),
]


def _after(fields: Fields, tag: str, extra: Fields) -> Fields:
    """``fields`` with ``extra`` inserted after the first field ``tag``."""
    at = next(n for n, (t, _) in enumerate(fields) if t == tag) + 1
    return [*fields[:at], *extra, *fields[at:]]


def test_two_86_after_one_statement_line_are_refused_with_both_positions() -> None:
    error = refusal(fin("940", MT940_TWO_LINE_86), "camt.053.001.08")
    assert error.path == "MT940:86"
    assert error.value == "SECOND LINE INFO"
    assert (
        "field 86 occurs 2 times in one occurrence of sequence 61 (fields 6, 7 of block 4)" in error.message
    )
    assert "may occur once there" in error.message


def test_two_86_after_a_statement_line_without_a_final_86_are_refused() -> None:
    """Without the message-level 86 the second would be read as statement information: the
    message does not fit its layout (86 cannot precede 62F), so it is refused all the same."""
    fields = [f for f in MT940_TWO_LINE_86 if f != ("86", "STATEMENT INFO")]
    error = refusal(fin("940", fields), "camt.053.001.08")
    assert "fields 6, 7 of block 4" in error.message


def test_two_message_level_86_in_an_mt940_are_refused() -> None:
    """86 repeats per statement line, so the per-message count gives it no limit; the final
    86 (after 62F) is a once-only slot all the same."""
    fields = [
        *STMT_HEAD,
        *LINE,
        ("86", "LINE"),
        ("62F", "C240101EUR110,00"),
        ("86", "INFO 1"),
        ("86", "INFO 2"),
    ]
    error = refusal(fin("940", fields), "camt.053.001.08")
    assert "field 86 occurs 2 times at message level (fields 8, 9 of block 4)" in error.message
    assert error.value == "INFO 2"


def test_three_86_in_one_statement_line_name_every_position() -> None:
    fields = [*STMT_HEAD, *LINE, ("86", "A"), ("86", "B"), ("86", "C"), ("62F", "C240101EUR110,00")]
    error = refusal(fin("940", fields), "camt.053.001.08")
    assert (
        "field 86 occurs 3 times in one occurrence of sequence 61 (fields 6, 7, 8 of block 4)"
        in error.message
    )


def test_mt942_two_86_then_totals_then_a_final_86_are_refused() -> None:
    """The second line 86 would become the report's information, then be overwritten by
    the final 86 (fields: head 1-5, 61 6, 86 7, 86 8, 90D 9, 86 10)."""
    fields = [*MT942_HEAD, *LINE, ("86", "LINE"), ("86", "LOST"), ("90D", "1EUR10,00"), ("86", "REPORT")]
    error = refusal(fin("942", fields), "camt.052.001.08")
    assert "field 86 occurs 2 times at message level (fields 8, 10 of block 4)" in error.message


def test_mt942_line_86_followed_by_the_report_86_is_carried() -> None:
    """61, 86, 86 at the end of an MT942 is well formed: the second 86 is the report's."""
    fields = [*MT942_HEAD, ("61", "2401010101D10,00NTRFREF1"), ("86", "LINE INFO"), ("86", "REPORT INFO")]
    out = finmsg.convert(fin("942", fields), "camt.052.001.08").value
    assert b"<AddtlNtryInf>LINE INFO</AddtlNtryInf>" in out
    assert b"REPORT INFO" in out


def test_mt942_three_limits_34f_are_refused() -> None:
    """34F occurs once or twice (debit and credit floor limits): the per-message count."""
    fields = _after(MT942_HEAD, "34F", [("34F", "EURD5,"), ("34F", "EURC7,")])
    error = refusal(fin("942", fields), "camt.052.001.08")
    assert "field 34F occurs 3 times (fields 4, 5, 6 of block 4) but may occur 2 times" in error.message


def test_mt942_two_90d_are_refused() -> None:
    fields = [*MT942_HEAD, ("90D", "1EUR10,00"), ("90D", "2EUR20,00")]
    refusal(fin("942", fields), "camt.052.001.08")


@pytest.mark.parametrize(
    ("tag", "extra", "positions"),
    [
        ("70", [("70", "INVOICE 2")], "9, 10"),  # 20 28D 50H 30 | 21 32B 57A 59 70 70 71A
        ("59", [("59", "/GB29NWBK60161331926819\nOTHER PAYEE")], "8, 9"),
        ("32B", [("32B", "EUR300,00")], "6, 7"),
        ("57A", [("57A", "BANKFRPP")], "7, 8"),
    ],
)
def test_mt101_repeat_inside_one_transaction_is_refused(tag: str, extra: Fields, positions: str) -> None:
    fields = [*MT101_A, *_after(MT101_TX, tag, extra), *MT101_TX2]
    error = refusal(fin("101", fields), "pain.001.001.09")
    assert error.path == f"MT101:{tag}"
    assert error.value == extra[0][1]
    expected = f"field {tag} occurs 2 times in one occurrence of sequence B (fields {positions} of block 4)"
    assert expected in error.message


def test_mt101_repeat_apart_inside_one_transaction_is_refused() -> None:
    """32B, 57A, 32B: the second amount is not next to the first (positions 6 and 8)."""
    fields = [*MT101_A, *_after(MT101_TX, "57A", [("32B", "EUR300,00")]), *MT101_TX2]
    error = refusal(fin("101", fields), "pain.001.001.09")
    assert (
        "field 32B occurs 2 times in one occurrence of sequence B (fields 6, 8 of block 4)" in error.message
    )


def test_mt101_two_options_of_one_ordering_customer_slot_are_refused() -> None:
    """50C and 50L share one slot (the instructing party); 50F/G/H is another slot."""
    fields = [*MT101_A, *_after(MT101_TX, "32B", [("50C", "BANKBEBB"), ("50L", "PARTYID")]), *MT101_TX2]
    error = refusal(fin("101", fields), "pain.001.001.09")
    assert (
        "field 50L occurs 2 times in one occurrence of sequence B (fields 7, 8 of block 4)" in error.message
    )


def test_mt101_the_same_field_in_two_transactions_is_not_a_repeat() -> None:
    fields = [*MT101_A, *MT101_TX, *MT101_TX2]
    out = finmsg.convert(fin("101", fields), "pain.001.001.09").value
    assert out.count(b"<CdtTrfTxInf>") == 2


COV_A: Fields = [
    ("20", "COV1"),
    ("21", "REL1"),
    ("32A", "240131EUR100,00"),
    ("58A", "BANKDEFF"),
    ("72", "/INS/BANKBEBB"),
]
COV_B: Fields = [
    ("50K", "/DE89370400440532013000\nJOHN DOE"),
    ("59", "/FR1420041010050500013M02606\nJANE ROE"),
]


def test_mt202cov_two_72_in_sequence_a_are_refused() -> None:
    """72 may occur once in sequence A and once in B, so the message-wide limit is two."""
    fields = [*COV_A, ("72", "/BNF/SECOND"), *COV_B]
    data = fin("202", fields, "{3:{119:COV}{121:eb6305c9-1f7f-49de-aed0-16487c27b42d}}")
    error = refusal(data, "pacs.009.001.08")
    assert "field 72 occurs 2 times in sequence A (fields 5, 6 of block 4)" in error.message


@pytest.mark.parametrize("mt", ["192", "292"])
def test_mt_n92_two_related_references_are_refused(mt: str) -> None:
    fields = [("20", "CXL1"), ("21", "PAY1"), ("21", "PAY2"), ("11S", "103\n240131"), ("79", "/DUPL/")]
    error = refusal(fin(mt, fields), "camt.056.001.08")
    assert f"MT{mt}: field 21 occurs 2 times at message level (fields 2, 3 of block 4)" in error.message
    assert error.value == "PAY2"


def test_mt192_copy_of_the_original_may_repeat_20_and_21() -> None:
    """Fields after 11S/79 are the copy of the original message, not a repeat."""
    fields = [("20", "CXL1"), ("21", "PAY1"), ("11S", "103\n240131"), ("20", "PAY1"), ("21", "OTHER")]
    result = finmsg.convert(fin("192", fields), "camt.056.001.08")
    assert b"<OrgnlInstrId>PAY1</OrgnlInstrId>" in result.value
    assert any(d.original == "OTHER" for d in result.diagnostics)


@pytest.mark.parametrize(("tag", "value"), [("76", "/CNCL/"), ("77A", "SECOND NARRATIVE")])
def test_mt196_second_answer_field_is_named_by_a_diagnostic(tag: str, value: str) -> None:
    """After 76/77A a repeat starts the copy of the original, whose fields are reported."""
    fields = [("20", "ANS1"), ("21", "CXL1"), ("76", "/PDCR/"), ("77A", "FIRST NARRATIVE")]
    fields = _after(fields, tag, [(tag, value)])
    result = finmsg.convert(fin("196", fields), "camt.029.001.09")
    assert any(d.original == value for d in result.diagnostics)


REFUSED = {
    "mt940-line-86": ("940", MT940_TWO_LINE_86),
    "mt101-70": ("101", [*MT101_A, *_after(MT101_TX, "70", [("70", "INVOICE 2")])]),
    "mt192-21": ("192", [("20", "C"), ("21", "P1"), ("21", "P2"), ("11S", "103\n240131")]),
    "mt202cov-72": ("202", [*COV_A, ("72", "/BNF/SECOND"), *COV_B]),
    "mt940-final-86": ("940", [*STMT_HEAD, *LINE, ("62F", "C240101EUR110,00"), ("86", "I1"), ("86", "I2")]),
    "mt942-86": ("942", [*MT942_HEAD, *LINE, ("86", "L"), ("86", "X"), ("90D", "1EUR10,00"), ("86", "R")]),
    "mt101-32b-apart": ("101", [*MT101_A, *_after(MT101_TX, "57A", [("32B", "EUR300,00")])]),
    "mt292-20": ("292", [("20", "C1"), ("20", "C2"), ("21", "P"), ("11S", "202\n240131")]),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_validation_reports_the_structure_error(case: str) -> None:
    message_type, fields = REFUSED[case]
    block3 = "{3:{119:COV}}" if case.startswith("mt202cov") else ""
    message = read_one(fin(message_type, fields, block3)).value
    codes = [d.code for d in validate_message(message) if d.is_error]
    assert any(code.startswith("mt.structure.") for code in codes), codes


def test_a_translate_batch_quarantines_the_message_with_that_reason(tmp_path: Path) -> None:
    (tmp_path / "bad.fin").write_bytes(fin("940", MT940_TWO_LINE_86))
    (tmp_path / "good.fin").write_bytes(fin("940", [*STMT_HEAD, *LINE, ("62F", "C240101EUR110,00")]))
    ledger, quarantine = tmp_path / "ledger.json", tmp_path / "q"
    argv = ["convert", str(tmp_path / "bad.fin"), str(tmp_path / "good.fin"), "--to", "iso20022"]
    argv += ["--out", str(tmp_path / "out"), "--quarantine", str(quarantine), "--ledger", str(ledger)]
    code = main([*argv, "--jobs", "1", "--progress", "none"], out=io.StringIO())
    assert code == 1
    counts = json.loads(ledger.read_text())
    assert (counts["converted"], counts["quarantined"]) == (1, 1)
    [reason_file] = quarantine.rglob("*.reason.json")
    reason = json.loads(reason_file.read_text())
    assert reason["reason"] == "translate.repeated-field"
    assert "sequence 61" in reason["diagnostics"][0]["message"]
