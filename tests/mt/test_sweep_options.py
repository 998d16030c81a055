"""Reader options as text (the CLI's ``-o KEY=VALUE``) and errors that name the tolerance to use.

Found by the corpus sweep: ``-o allow_lf=false`` was the truthy text "false" (LF still
accepted), ``-o max_bytes=10`` compared an int with a str (bare TypeError), and a
damaged message never said which option reads past its damage.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import OptionError, ParseError
from finmsg.mt.message import MtMessage
from finmsg.mt.options import ParseOptions

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I199BANKDEFFXXXXN}"
GOOD_LF = (HEAD + "{4:\n:20:REF1\n:79:HELLO\n-}").encode()
NO_END = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n}").encode()  # '}' without the CRLF '-' before it
OPEN_B5 = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n-}{5:{CHK:123456789ABC}").encode()
TRAILING = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n-}JUNK").encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("false", False), ("FALSE", False), ("no", False), ("0", False), ("true", True), ("Y", True)],
)
def test_boolean_option_text(text: str, expected: bool) -> None:
    assert ParseOptions.from_mapping({"allow_lf": text}).allow_lf is expected


def test_whole_number_option_text() -> None:
    assert ParseOptions.from_mapping({"max_bytes": "10"}).max_bytes == 10


@pytest.mark.parametrize(
    ("name", "text"), [("allow_lf", "maybe"), ("max_bytes", "abc"), ("max_bytes", "1.5")]
)
def test_unreadable_option_text_is_an_option_error(name: str, text: str) -> None:
    with pytest.raises(OptionError) as info:
        ParseOptions.from_mapping({name: text})
    assert info.value.code == "option.invalid"
    assert name in info.value.message


def test_allow_lf_false_as_text_refuses_bare_lf() -> None:
    assert isinstance(finmsg.parse(GOOD_LF).value, MtMessage)  # default: LF tolerated
    with pytest.raises(ParseError) as info:
        finmsg.parse(GOOD_LF, allow_lf="false")
    assert info.value.code == "mt.newline.lf"


def test_max_bytes_as_text_is_a_limit_not_a_type_error() -> None:
    result = finmsg.validate(GOOD_LF, max_bytes="10")
    assert [d.code for d in result.errors] == ["mt.limit.size"]


@pytest.mark.parametrize(
    ("data", "code", "option"),
    [
        (NO_END, "mt.block4.unterminated", "allow_loose_block4_end"),
        (OPEN_B5, "mt.block.unterminated", "allow_unclosed_last_block"),
        (TRAILING, "mt.block.stray_text", "allow_trailing_text"),
    ],
)
def test_damage_names_the_tolerance_that_reads_past_it(data: bytes, code: str, option: str) -> None:
    with pytest.raises(ParseError) as info:
        finmsg.parse(data)
    assert info.value.code == code
    assert f"-o {option}=true" in info.value.message
    message = finmsg.parse(data, **{option: "true"}).value
    assert isinstance(message, MtMessage)
    assert [(f.tag, f.value) for f in message.fields] == [("20", "REF1"), ("79", "HELLO")]


def test_stray_text_before_any_message_gets_no_trailing_hint() -> None:
    with pytest.raises(ParseError) as info:
        finmsg.parse(b"JUNK" + GOOD_LF, format="mt")
    assert info.value.code == "mt.block.stray_text"
    assert "allow_trailing_text" not in info.value.message
