"""A format failure names its first concrete cause; one bad character gives one diagnostic.

Expected texts are counted by hand from the field formats of the SWIFT standard
(``72`` 6*35x, ``20`` 16x, ``61`` subfield 7 customer reference 16x, ``70`` 4*35x).
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.mt.fields import FORMATS
from finmsg.mt.fieldwhy import explain, format_message, short_notation
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.validate import check_charset, check_fields, validate_message
from tests.mt._paths import CORPUS

LINE_39 = "/XXXX/1030187177/USI/CDSLN-070380757-D1"  # 39 characters
STATEMENT_LINE = "2001010101D65,00NOVBNL47INGB9999999999"  # reference NL47INGB9999999999: 18


def _msg(fields: list[tuple[str, str]]) -> MtMessage:
    return MtMessage(
        message_type="202",
        basic_header=BasicHeader("F01BANKUS33AXXX0000000000"),
        application_header=ApplicationHeader("I202BANKJPJTXXXXN"),
        fields=tuple(MtField(t, v) for t, v in fields),
    )


def test_line_too_long_names_line_and_limit() -> None:
    assert len(LINE_39) == 39
    text = format_message("72", FORMATS["72"], LINE_39)
    assert text == "72: line 1 is 39 characters, more than the 35 allowed (format <narrative>6*35x)"


def test_second_line_counts_from_the_field_start() -> None:
    causes = explain(FORMATS["72"], "/ACC/SHORT\n" + "A" * 36)
    assert [c.message for c in causes] == ["line 2 is 36 characters, more than the 35 allowed"]
    assert causes[0].position == 12


def test_too_many_lines() -> None:
    causes = explain(FORMATS["70"], "A\nB\nC\nD\nE")
    assert [c.message for c in causes] == ["narrative has 5 lines, more than the 4 allowed"]


def test_statement_line_names_the_customer_reference_and_keeps_the_whole_format() -> None:
    text = format_message("61", FORMATS["61"], STATEMENT_LINE)
    assert text is not None
    assert text.startswith("61: customer reference is 18 characters, more than the 16 allowed (format ")
    # The whole format (171 characters, the longest field format): a review found the format cut
    # at "[<funds_code..." in every field 61 finding, which hid the components that follow.
    assert text.endswith("(format " + FORMATS["61"] + ")")


def test_bad_character_is_named_with_its_position_and_class() -> None:
    causes = explain(FORMATS["32A"], "2401O1EUR1,5")
    assert [(c.message, c.char) for c in causes] == [("date has 'O' at character 5 (allowed: digits)", "O")]


def test_amount_without_comma() -> None:
    causes = explain(FORMATS["32A"], "240131EUR1000")
    assert [c.message for c in causes] == ["amount '1000' is not digits with one decimal comma after them"]


def test_no_concrete_cause_keeps_the_plain_message() -> None:
    # A fixed-width date of five digits: the relaxed patterns keep fixed widths, so no cause.
    assert format_message("30", FORMATS["30"], "24013") == "30 does not match the format <date>6!n"


def test_short_notation() -> None:
    assert short_notation("<a>16x") == "<a>16x"
    assert short_notation("x" * 100, 10) == "xxxxxxx..."


def test_bad_character_alone_gives_only_the_charset_diagnostic() -> None:
    diags = validate_message(_msg([("20", "REF_1"), ("32A", "240131EUR1,5")]), ["charset", "fields"])
    assert [(d.code, d.path) for d in diags] == [("mt.charset", "MT202:20")]


def test_bad_character_and_an_independent_length_give_both() -> None:
    value = "REF_" + "A" * 16  # 20 characters and an underscore
    diags = validate_message(_msg([("20", value), ("32A", "240131EUR1,5")]), ["charset", "fields"])
    assert [(d.code, d.message) for d in diags] == [
        ("mt.charset", "character '_' is outside the X set"),
        (
            "mt.field.format",
            "20: reference is 20 characters, more than the 16 allowed (format <reference>16x)",
        ),
    ]


def test_layers_called_alone_still_report_independently() -> None:
    m = _msg([("20", "REF_1")])
    assert [d.code for d in check_charset(m)] == ["mt.charset"]
    assert [d.code for d in check_fields(m)] == ["mt.field.format"]


@pytest.mark.skipif(not (CORPUS / "mt").is_dir(), reason="shared corpus absent")
def test_corpus_mt360_and_mt101() -> None:
    found = finmsg.validate((CORPUS / "mt" / "prowide" / "360" / "MT360_1.fin").read_bytes())
    formats = [d.message for d in found.diagnostics if d.code == "mt.field.format"]
    assert formats == ["72: line 1 is 39 characters, more than the 35 allowed (format <narrative>6*35x)"]
    found = finmsg.validate((CORPUS / "mt" / "prowide" / "101" / "MT101_1.fin").read_bytes())
    on_20 = [d.code for d in found.diagnostics if d.path == "MT101:20"]
    assert on_20 == ["mt.charset"]


def test_a_value_longer_than_the_format_can_hold_says_so_without_matching() -> None:
    # :61: holds at most 6+4+2+1+15+1+3+16+2+16+1+34 = 101 characters; the bound counts every
    # alternative of the debit/credit mark (RC|RD|EC|ED|C|D: 10 letters instead of 2), so 109.
    # Values more than 64 past it are not searched for the component at fault.
    value = "2001010101D" + "X" * 1600 + "\nA\nB"
    assert [c.message for c in explain(FORMATS["61"], value)] == [
        "the value is 1615 characters, more than the 109 the format can hold"
    ]
    # {party} (/1!a/34x CrLf: at most 38) and a BIC11: 52A holds at most 49 characters.
    too_long = "/D/" + "1" * 99 + "\nDEUTDEFF500"
    assert [c.message for c in explain(FORMATS["52A"], too_long)] == [
        "the value is 114 characters, more than the 49 the format can hold"
    ]


def test_a_bad_character_is_placed_in_the_component_that_holds_it() -> None:
    # 180419 0419 D 93366,00 N TRF | REF_1 // BANKREF: the underscore is the 27th character, in the
    # customer reference (subfield 7), not in the optional funds code or the amount before it.
    causes = explain(FORMATS["61"], "1804190419D93366,00NTRFREF_1//BANKREF")
    assert [c.message for c in causes] == [
        "customer reference has '_' at character 27 (allowed: the X character set)"
    ]


def test_an_amount_without_an_integer_part() -> None:
    causes = explain(FORMATS["61"], "2212051205C,32NDIVREF1")
    assert [c.message for c in causes] == ["amount ',32' is not digits with one decimal comma after them"]


def test_a_one_line_field_with_a_line_break() -> None:
    assert [c.message for c in explain(FORMATS["20"], "1111\n")] == [
        "the value has 2 lines, the format has one"
    ]


def test_a_missing_mandatory_component_is_named() -> None:
    """Field 61 without its 16x reference for the account owner: the reference is missing (a
    review saw "type has '0' at character 12", which points at the wrong component)."""
    message = format_message("61", FORMATS["61"], "170914D10,00NMSC")
    assert message is not None and message.startswith("61: customer reference is missing (format ")


def test_the_whole_format_is_shown() -> None:
    message = format_message("61", FORMATS["61"], "170914D10,00NMSC")
    assert message is not None and message.endswith(f"(format {FORMATS['61']})")
