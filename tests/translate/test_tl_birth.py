"""50F 4/ (date of birth) and 5/ (place of birth) go together (T56), or the translation refuses.

Written by hand from the 50F numbered-line rules (4/ ``YYYYMMDD``, 5/ ``CC/city``; network rule
T56: 4/ and 5/ are used together) and ISO 20022 DateAndPlaceOfBirth1 (BirthDt, CityOfBirth and
CtryOfBirth all mandatory). With both lines the debtor carries DtAndPlcOfBirth; with one of them
only, the translation raises a typed error naming that line instead of losing it silently.
"""

from __future__ import annotations

import re

import pytest

from finmsg import convert
from finmsg.errors import ConversionError


def _mt103(*numbered: str) -> bytes:
    lines = "\r\n".join(("/BE71096123456769", "1/JOHN SMITH", "3/BE/GENT", *numbered))
    return (
        "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"
        "{3:{121:a1b2c3d4-e5f6-4789-8abc-def012345678}}{4:\r\n"
        ":20:DOB-1\r\n:23B:CRED\r\n:32A:261201EUR1000,\r\n"
        f":50F:{lines}\r\n"
        ":59:/DE89370400440532013000\r\nHANS MEIER\r\n:71A:SHA\r\n-}"
    ).encode()


def test_date_and_place_of_birth_travel_together() -> None:
    xml = convert(_mt103("4/19800517", "5/BE/BRUGGE"), "mx").value.decode()
    [birth] = re.findall(r"<DtAndPlcOfBirth>(.*?)</DtAndPlcOfBirth>", xml, re.S)
    assert re.sub(r"\s+", "", birth) == (
        "<BirthDt>1980-05-17</BirthDt><CityOfBirth>BRUGGE</CityOfBirth><CtryOfBirth>BE</CtryOfBirth>"
    )


@pytest.mark.parametrize(
    ("line", "path", "value", "words"),
    [
        ("4/19800517", "MT103:50F/line[4]", "19800517", "has 4/ (date of birth) without 5/ (place of birth)"),
        (
            "5/BE/BRUGGE",
            "MT103:50F/line[4]",
            "BE/BRUGGE",
            "has 5/ (place of birth) without 4/ (date of birth)",
        ),
    ],
)
def test_half_of_the_birth_data_is_refused_not_lost(line: str, path: str, value: str, words: str) -> None:
    with pytest.raises(ConversionError) as caught:
        convert(_mt103(line), "mx")
    error = caught.value
    assert (error.code, error.path, error.value) == ("translate.value", path, value)
    assert words in error.message and "T56" in error.message
