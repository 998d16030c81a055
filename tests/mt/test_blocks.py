"""The FIN block parser: headers, blocks 3/5/S, ACKs, RJE, tolerances and typed errors."""

from __future__ import annotations

import pytest

from finmsg.errors import LimitExceededError, ParseError
from finmsg.mt.blocks import parse_message, parse_messages
from finmsg.mt.message import MtField
from finmsg.mt.options import ParseOptions

B4 = "{4:\r\n:20:REF\r\n:79:LINE ONE\r\nLINE TWO\r\n-}"
INPUT_B2 = "{2:I103BANKDEFFXXXXU3003}"
OUTPUT_B2 = "{2:O1031542151104BCAOSNDPAXXX22438129121511041542N}"
B1 = "{1:F01BANKBEBBAXXX1234567890}"


def test_basic_header_parts() -> None:
    msg = parse_message(B1 + INPUT_B2 + B4).value
    h = msg.basic_header
    assert h is not None
    assert (h.application_id, h.service_id, h.lt_address) == ("F", "01", "BANKBEBBAXXX")
    assert (h.session, h.sequence, h.bic) == ("1234", "567890", "BANKBEBBXXX")
    assert not h.is_service_message


def test_input_application_header() -> None:
    b2 = parse_message(B1 + INPUT_B2 + B4).value.application_header
    assert b2 is not None
    assert (b2.direction, b2.message_type, b2.receiver) == ("I", "103", "BANKDEFFXXXX")
    assert (b2.priority, b2.delivery_monitoring, b2.obsolescence_period) == ("U", "3", "003")


def test_output_application_header() -> None:
    b2 = parse_message(B1 + OUTPUT_B2 + B4).value.application_header
    assert b2 is not None
    assert (b2.direction, b2.input_time, b2.output_date, b2.output_time) == ("O", "1542", "151104", "1542")
    assert b2.mir == "151104BCAOSNDPAXXX2243812912"
    assert (b2.sender, b2.priority) == ("BCAOSNDPAXXX", "N")


def test_block4_fields_keep_order_and_lines() -> None:
    msg = parse_message(B1 + INPUT_B2 + B4).value
    assert msg.fields == (MtField("20", "REF"), MtField("79", "LINE ONE\nLINE TWO"))
    assert msg.fields[1].lines == ["LINE ONE", "LINE TWO"]


def test_generic_field_and_non_tag_line_starting_with_colon() -> None:
    text = B1 + "{2:I541BANKDEFFXXXXN}{4:\r\n:98A::SETT//20240101\r\n:79:A\r\n:NOT A TAG\r\n-}"
    msg = parse_message(text).value
    assert msg.fields[0] == MtField("98A", ":SETT//20240101")
    assert msg.fields[0].qualifier == "SETT"
    assert msg.fields[1].value == "A\n:NOT A TAG"


def test_block3_5_and_s() -> None:
    text = (
        B1 + INPUT_B2 + "{3:{103:TGT}{108:MUR}{113:ABCD}{119:STP}{121:8a562c67-ca16-48ba-b074-65581be6f001}"
        "{433:/AOK/NO HIT}}" + B4 + "{5:{MAC:00000000}{CHK:0AF226411593}{PDE}{TNG:}}{S:{SAC:}{COP:P}}"
    )
    msg = parse_message(text).value
    assert msg.message_type == "103STP"
    assert msg.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert msg.header_tag(108) == "MUR"
    assert msg.header_tag("433") == "/AOK/NO HIT"
    assert msg.trailer == (("MAC", "00000000"), ("CHK", "0AF226411593"), ("PDE", None), ("TNG", ""))
    assert msg.system_trailer == (("SAC", ""), ("COP", "P"))


def test_cov_variant_type() -> None:
    text = B1 + "{2:I202BANKDEFFXXXXN}{3:{119:COV}}" + B4
    assert parse_message(text).value.message_type == "202COV"


def test_ack_is_attached_to_following_message() -> None:
    ack = "{1:F21BANKBEBBAXXX1234567890}{4:{177:1511041614}{451:0}}"
    msg = parse_message(ack + B1 + INPUT_B2 + B4).value
    assert msg.message_type == "103"
    assert msg.ack is not None
    assert msg.ack.block4_style == "tags"
    assert msg.ack.fields == (MtField("177", "1511041614"), MtField("451", "0"))


def test_rje_split_and_back_to_back() -> None:
    one = B1 + INPUT_B2 + B4
    two = B1 + "{2:I199BANKDEFFXXXXN}" + B4
    assert [m.message_type for m in parse_messages(one + "$" + two + "$").value] == ["103", "199"]
    assert [m.message_type for m in parse_messages(one + two).value] == ["103", "199"]


def test_lf_tolerance_reported_or_rejected() -> None:
    text = (B1 + INPUT_B2 + B4).replace("\r\n", "\n")
    result = parse_message(text)
    assert [d.code for d in result.diagnostics] == ["mt.tolerance.lf"]
    assert result.diagnostics[0].path == "MT103:block4"
    with pytest.raises(ParseError) as err:
        parse_message(text, ParseOptions(allow_lf=False))
    assert err.value.code == "mt.newline.lf"


def test_bom_and_whitespace_tolerances() -> None:
    text = "\ufeff" + B1 + INPUT_B2 + B4 + "\r\n  "
    codes = [d.code for d in parse_message(text.encode("utf-8")).diagnostics]
    assert codes == ["mt.tolerance.bom", "mt.tolerance.whitespace"]
    with pytest.raises(ParseError) as err:
        parse_message(text.encode("utf-8"), ParseOptions(allow_bom=False))
    assert err.value.code == "mt.bom"
    with pytest.raises(ParseError) as err:
        parse_message(B1 + INPUT_B2 + B4 + "\r\n", ParseOptions(allow_whitespace=False))
    assert err.value.code == "mt.whitespace"


def test_bare_cr_tolerance() -> None:
    text = B1 + INPUT_B2 + "{4:\r\n:20:REF\r:79:X\r\n-}"
    result = parse_message(text)
    assert "mt.tolerance.cr" in {d.code for d in result.diagnostics}
    assert [f.tag for f in result.value.fields] == ["20", "79"]


@pytest.mark.parametrize(
    ("text", "code", "path"),
    [
        (B1 + INPUT_B2 + "{4:\r\n:20:REF\r\n", "mt.block4.unterminated", "MT:block4"),
        (B1 + INPUT_B2 + "{4:\r\n:2X:REF\r\n-}", "mt.block4.tag", "MT103:block4"),
        (B1 + INPUT_B2 + "{4:garbage\r\n:20:X\r\n-}", "mt.block4.start", "MT103:block4"),
        (B1 + "{2:I103BANK" + B4, "mt.block.unterminated", "MT:block2"),
        (B1 + INPUT_B2 + "{3:{108:X}" + B4, "mt.block.unterminated", "MT:block3"),
        (B1 + INPUT_B2 + "{3:{108:X}x}" + B4, "mt.block.syntax", "MT:block3"),
        (B1 + "{7:X}", "mt.block.unknown", "MT"),
        (B1 + INPUT_B2 + B4 + "junk", "mt.block.stray_text", "MT"),
        ("", "mt.empty", "MT"),
    ],
)
def test_malformed_input_raises_typed_error(text: str, code: str, path: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_messages(text)
    assert err.value.code == code
    assert err.value.path == path
    assert err.value.message


def test_lenient_options_are_off_by_default_and_reported() -> None:
    text = B1 + INPUT_B2 + B4 + "junk"
    result = parse_messages(text, ParseOptions(allow_trailing_text=True))
    assert [d.code for d in result.diagnostics] == ["mt.tolerance.trailing_text"]
    assert result.diagnostics[0].original == "junk"


def test_size_limit() -> None:
    with pytest.raises(LimitExceededError):
        parse_messages(b"{" * 100, ParseOptions(max_bytes=10))


def test_non_ascii_reported() -> None:
    text = B1 + INPUT_B2 + "{4:\r\n:20:REF\r\n:79:CAFÉ\r\n-}"
    result = parse_message(text.encode("utf-8"))
    assert [d.code for d in result.diagnostics] == ["mt.tolerance.encoding"]
    assert result.value.fields[1].value == "CAFÉ"
    with pytest.raises(ParseError):
        parse_message(text.encode("utf-8"), ParseOptions(allow_non_ascii=False))
