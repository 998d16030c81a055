"""MT940/950 field 61: the amount has no more decimals than the statement currency allows (C03).

A 61 line carries no currency: it is the opening balance's (60a), whose ISO 4217 minor units
bound the digits after the comma. The quick verdict of ``rules.stmtfast`` must not hide it.
"""

from __future__ import annotations

import pytest

from finmsg import validate
from finmsg.mt.message import MtField
from finmsg.mt.rules.stmtfast import statement_silent


def _statement(line: str, opening: str, closing: str, mt: str = "940") -> bytes:
    body = (
        f":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:{opening}\r\n"
        f":61:2401310131{line}NTRFREF1//B1\r\n:62F:{closing}\r\n"
    )
    return ("{1:F01BANKDEFFAXXX0000000000}{2:I" + mt + "BANKDEFFXXXXN}{4:\r\n" + body + "-}").encode()


def _errors(data: bytes) -> list[tuple[str, str | None]]:
    return [(d.code, d.path) for d in validate(data).diagnostics if d.severity.name == "ERROR"]


@pytest.mark.parametrize("mt", ["940", "950"])
def test_three_decimals_in_euros_is_c03_on_the_line(mt: str) -> None:
    data = _statement("D100,555", "C240130EUR1000,00", "C240131EUR899,445", mt)
    errors = _errors(data)
    assert ("mt.C03", f"MT{mt}:61") in errors
    assert ("mt.T43", f"MT{mt}:62F") in errors  # the closing balance carries its own currency


def test_yen_line_with_a_decimal_even_when_the_balances_agree() -> None:
    # 60F also has a decimal (its own T43): the quick verdict reads lines at 60F's scale
    data = _statement("D100,5", "C240130JPY1000,5", "C240131JPY900,")
    assert ("mt.C03", "MT940:61") in _errors(data)


def test_the_line_index_is_in_the_path() -> None:
    two = _statement("D100,00", "C240130JPY1000,", "C240131JPY800,").replace(
        b":62F:", b":61:2401310131D100,00NTRFREF2//B2\r\n:62F:"
    )
    paths = [p for code, p in _errors(two) if code == "mt.C03"]
    assert paths == ["MT940:61", "MT940:61[2]"]


def test_allowed_decimals_are_silent() -> None:
    assert _errors(_statement("D100,00", "C240130EUR1000,00", "C240131EUR900,00")) == []
    assert _errors(_statement("D100,", "C240130JPY1000,", "C240131JPY900,")) == []


def test_quick_verdict_defers_when_the_scale_exceeds_the_currency() -> None:
    fields = [
        MtField("20", "S"),
        MtField("60F", "C240130JPY1000,5"),
        MtField("61", "2401310131D100,5NTRFREF1"),
        MtField("62F", "C240131JPY900,"),
    ]
    assert statement_silent(fields) is False
    assert statement_silent([*fields[:3], MtField("62M", "C240131USD900,")]) is False
