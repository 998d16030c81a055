"""Field 11S / 11R (MT n92 / n96): the original MT number is ``3!n`` or the translation refuses.

Written by hand from the MT192/292/196/296 field formats: 11S and 11R are ``3!n`` (the MT
number of the original message), a new line, ``6!n`` (its date), and optionally a new line with
the session and ISN. The MT number becomes OrgnlGrpInf/OrgnlMsgNmId ``MTnnn``; anything but three
digits is a format error, refused with a typed error that names the field, never ``MTFOO``.
"""

from __future__ import annotations

import re

import pytest

from finmsg import convert
from finmsg.errors import ConversionError

_MT192 = (
    "{1:F01BANKDEFFAXXX0000000000}{2:I192BANKUS33XXXXN}{4:\r\n"
    ":20:CXL-11S-1\r\n:21:PAY-11S-1\r\n:11S:{number}\r\n261201\r\n:79:/DUPL/\r\n-}"
)
_MT196 = (
    "{1:F01BANKSGSGAXXX0000000000}{2:I196BANKJPJTXXXXN}{4:\r\n"
    ":20:ANS-11R-1\r\n:21:CXL-11R-1\r\n:76:/CNCL/\r\n:{tag}:{number}\r\n261130\r\n-}"
)


def _mt192(number: str) -> bytes:
    return _MT192.replace("{number}", number).encode()


def _mt196(tag: str, number: str) -> bytes:
    return _MT196.replace("{tag}", tag).replace("{number}", number).encode()


@pytest.mark.parametrize("number", ["FOO", "1030", "10", "10A", "١٠٣"])
def test_mt192_with_an_invalid_11s_mt_number_is_refused(number: str) -> None:
    with pytest.raises(ConversionError) as caught:
        convert(_mt192(number), "mx")
    error = caught.value
    assert (error.code, error.path, error.value) == ("translate.value", "MT192:11S", number)
    assert "3!n" in error.message


@pytest.mark.parametrize("tag", ["11R", "11S"])
def test_mt196_with_an_invalid_11a_mt_number_is_refused(tag: str) -> None:
    with pytest.raises(ConversionError) as caught:
        convert(_mt196(tag, "FOO"), "mx")
    assert (caught.value.code, caught.value.path, caught.value.value) == (
        "translate.value",
        f"MT196:{tag}",
        "FOO",
    )


def test_a_valid_mt_number_still_names_the_original() -> None:
    for data in (_mt192("103"), _mt196("11R", "103")):
        xml = convert(data, "mx").value.decode()
        assert re.findall(r"<OrgnlMsgNmId>([^<]*)</OrgnlMsgNmId>", xml) == ["MT103"]
