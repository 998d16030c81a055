"""Block 3 field 121 (UETR): mandatory in MT103/202/205 and their variants since SR2018.

The facts: SWIFT's SR2018 made the UETR mandatory in MTs 103, 103 STP, 103 REMIT, 202,
205, 202 COV and 205 COV, as a version-4 UUID in lower case. Only messages whose block 2
names the type are checked; a bare block 4 carries no headers.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.diagnostics import Severity

HEAD = "{1:F01BANKDEFFAXXX0000000000}{2:I%sBANKGB2LXXXXN}"
BODY_103 = (
    "{4:\r\n:20:REF1\r\n:23B:CRED\r\n:32A:261130EUR100,\r\n"
    ":50K:/123\r\nJOHN\r\n:59:/456\r\nJANE\r\n:71A:SHA\r\n-}"
)
BODY_202 = "{4:\r\n:20:REF1\r\n:21:REL1\r\n:32A:261130EUR100,\r\n:58A:BANKDEFF\r\n-}"
GOOD = "eb6305c9-1f7f-49de-aed0-16487c27b42d"


def _found(text: str) -> list[tuple[str, Severity, str]]:
    result = finmsg.validate(text.encode())
    found = [d for d in result.diagnostics if d.code.startswith("mt.header.uetr")]
    return [(d.code, d.severity, d.path or "") for d in found]


@pytest.mark.parametrize(("mt", "body"), [("103", BODY_103), ("202", BODY_202), ("205", BODY_202)])
def test_missing_uetr_is_reported(mt: str, body: str) -> None:
    found = _found(HEAD % mt + body)
    assert found == [("mt.header.uetr_missing", Severity.WARNING, f"MT{mt}:block3/121")]


@pytest.mark.parametrize("flag", ["", "{119:STP}", "{119:REMIT}"])
def test_present_uetr_is_clean(flag: str) -> None:
    assert _found(HEAD % "103" + "{3:" + flag + "{121:" + GOOD + "}}" + BODY_103) == []


@pytest.mark.parametrize(
    "bad",
    [
        GOOD.upper(),  # upper case
        "eb6305c9-1f7f-39de-aed0-16487c27b42d",  # version 3
        "eb6305c9-1f7f-49de-7ed0-16487c27b42d",  # variant nibble 7
        "eb6305c91f7f49deaed016487c27b42d",  # no hyphens
    ],
)
def test_malformed_uetr_is_an_error(bad: str) -> None:
    result = finmsg.validate((HEAD % "103" + "{3:{121:" + bad + "}}" + BODY_103).encode())
    assert [(d.code, d.severity) for d in result.diagnostics if d.code.startswith("mt.header")] == [
        ("mt.header.uetr_format", Severity.ERROR)
    ]
    assert not result.ok


def test_types_without_the_rule_and_bare_block4_are_not_checked() -> None:
    body_199 = "{4:\r\n:20:REF1\r\n:79:HELLO\r\n-}"
    assert _found(HEAD % "199" + body_199) == []
    assert _found(BODY_103) == []  # no block 2: nothing says which type it is
