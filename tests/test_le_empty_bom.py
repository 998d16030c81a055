"""An input of nothing but a byte order mark (and blanks) is an empty input, not an unknown format.

Each case failed before (brief LE item 1): the sniffers saw bytes they did not know and the error
was ``format.unknown`` quoting the mark's raw bytes (``'ï»¿'``), which sent a user looking for a
format when the file was simply empty (an editor that writes a BOM saves an "empty" file so).
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import EmptyInputError, UnknownFormatError

# UTF-8, UTF-16 LE/BE and UTF-32 LE/BE byte order marks (Unicode, chapter 23.8), with and without
# blanks encoded as the mark says: the blanks of UTF-16 LE are " \x00", of UTF-16 BE "\x00 ".
ONLY_A_MARK = [
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\xfe\xff",
    "\ufeff",  # text: encoded as UTF-8 by the library
]
MARK_AND_BLANKS = [
    b"\xef\xbb\xbf \r\n\t",
    b"\xff\xfe \x00\r\x00\n\x00",
    b"\xfe\xff\x00 \x00\n",
    "\ufeff  \n",
]


@pytest.mark.parametrize("data", ONLY_A_MARK)
def test_a_byte_order_mark_alone_is_an_empty_input(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        finmsg.parse(data)
    assert caught.value.code == "input.empty"
    assert "byte order mark" in caught.value.message
    assert "whitespace" not in caught.value.message
    assert isinstance(caught.value, UnknownFormatError)  # what code that caught the old error expects


@pytest.mark.parametrize("data", MARK_AND_BLANKS)
def test_a_mark_and_blanks_is_an_empty_input_naming_both(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        finmsg.parse(data)
    assert "byte order mark and whitespace" in caught.value.message


@pytest.mark.parametrize(
    "call",
    [
        finmsg.detect,
        lambda data: list(finmsg.parse_all(data)),
        lambda data: finmsg.convert(data, "json"),
        lambda data: finmsg.convert_all(data, "json"),
    ],
)
def test_every_entry_point_names_it_empty(call: object) -> None:
    with pytest.raises(EmptyInputError):
        call(b"\xef\xbb\xbf\n")  # type: ignore[operator]


def test_validate_reports_it_as_an_empty_input_diagnostic() -> None:
    result = finmsg.validate(b"\xff\xfe")
    assert [d.code for d in result.errors] == ["input.empty"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfhello", b"\xff\xfeh\x00i\x00", b"\xef\xbb\xbf\x00"])
def test_a_mark_followed_by_something_else_is_still_an_unknown_format(data: bytes) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        finmsg.parse(data)
    assert not isinstance(caught.value, EmptyInputError)
    assert caught.value.code == "format.unknown"


def test_a_mark_that_does_not_decode_is_not_called_empty() -> None:
    """A UTF-16 mark followed by an odd byte is not blank text: the unknown-format error stays."""
    with pytest.raises(UnknownFormatError) as caught:
        finmsg.parse(b"\xff\xfe\x20")
    assert caught.value.code == "format.unknown"
