"""MT940/MT950: opening balance + statement lines = closing balance (``mt.check.balance``).

Amounts are hand-computed: 100,00 + 10,00 (C) - 2,50 (D) - 1,00 (RC, a reversed credit)
+ 0,25 (RD, a reversed debit) = 106,75.
"""

from __future__ import annotations

import pytest

import finmsg

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"
LINES = (
    ":61:2401010101C10,00NTRFREF1\r\n"
    ":61:240101D2,50NTRFREF2\r\n"
    ":61:2401010101RC1,00NTRFREF3\r\n"
    ":61:240101RDR0,25NTRFREF4\r\n"
)


def _mt940(closing: str, lines: str = LINES, mt: str = "940") -> bytes:
    head = HEAD.replace("I940", f"I{mt}")
    body = ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
    return (head + body + lines + f":62F:{closing}\r\n-}}").encode()


def _balance(data: bytes) -> list[finmsg.Diagnostic]:
    return [d for d in finmsg.validate(data).diagnostics if d.code == "mt.check.balance"]


def test_a_statement_that_adds_up_is_silent() -> None:
    assert _balance(_mt940("C240101EUR106,75")) == []


@pytest.mark.parametrize("mt", ["940", "950"])
def test_a_closing_balance_off_by_a_cent_is_reported(mt: str) -> None:
    (found,) = _balance(_mt940("C240101EUR106,74", mt=mt))
    assert found.severity is finmsg.Severity.ERROR
    assert found.path == f"MT{mt}:62a"
    assert found.rule == f"MT{mt}-balance"
    assert found.original == "106.74"
    assert found.emitted == "106.75"


def test_a_debit_closing_balance_counts_as_negative() -> None:
    lines = ":61:240101D300,00NTRFREF1\r\n"
    assert _balance(_mt940("D240101EUR200,00", lines)) == []
    assert len(_balance(_mt940("C240101EUR200,00", lines))) == 1


def test_a_malformed_line_leaves_the_sum_to_the_field_layer() -> None:
    lines = ":61:2401X1C10,00NTRFREF1\r\n"
    assert _balance(_mt940("C240101EUR999,00", lines)) == []


def _mt942(totals: str, lines: str) -> bytes:
    head = HEAD.replace("I940", "I942")
    body = ":20:RPT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:34F:EUR0,\r\n:13D:2401011200+0100\r\n"
    return (head + body + lines + totals + "-}").encode()


MT942_LINES = ":61:240101D2,50NTRFREF1\r\n:61:240101D1,25NTRFREF2\r\n:61:240101C7,00NTRFREF3\r\n"


def test_mt942_totals_that_match_the_lines_are_silent() -> None:
    data = _mt942(":90D:2EUR3,75\r\n:90C:1EUR7,00\r\n", MT942_LINES)
    assert [d for d in finmsg.validate(data).diagnostics if d.code == "mt.check.totals"] == []


def test_mt942_debit_total_that_does_not_add_up_is_reported() -> None:
    data = _mt942(":90D:2EUR3,50\r\n:90C:1EUR7,00\r\n", MT942_LINES)
    (found,) = [d for d in finmsg.validate(data).diagnostics if d.code == "mt.check.totals"]
    assert found.path == "MT942:90D"
    assert (found.original, found.emitted) == ("2 3.50", "2 3.75")
