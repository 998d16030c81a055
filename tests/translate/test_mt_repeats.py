"""An MT that repeats a once-only field is refused by translation, never half-translated.

The fields are hand-written from the MT103 and MT940 layouts: 20, 23B, 32A, 50a, 59a, 70 and
71A occur once in an MT103; 61 and 86 repeat in an MT940 statement line sequence.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ConversionError

HEAD103 = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n"
BODY103 = (
    ":20:REF1\r\n:23B:CRED\r\n:32A:240131EUR100,00\r\n:50K:/DE89370400440532013000\r\nJOHN DOE\r\n"
    ":59:/FR1420041010050500013M02606\r\nJANE ROE\r\n:70:INV 1\r\n:71A:SHA\r\n"
)
HEAD940 = "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"


def _mt103(body: str) -> bytes:
    return (HEAD103 + body + "-}").encode()


def test_a_second_field_70_is_refused_with_both_positions() -> None:
    data = _mt103(BODY103.replace(":71A:", ":70:INV 2\r\n:71A:"))
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "pacs.008.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert caught.value.path == "MT103:70"
    assert "fields 6, 7 of block 4" in caught.value.message
    assert caught.value.value == "INV 2"


def test_two_options_of_one_field_count_as_a_repeat() -> None:
    """50A and 50K are two options of the one field 50."""
    data = _mt103(BODY103.replace(":59:", ":50A:BANKBEBB\r\n:59:"))
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "pacs.008.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert caught.value.path == "MT103:50A"


def test_a_well_formed_mt103_still_translates() -> None:
    result = finmsg.convert(_mt103(BODY103), "pacs.008.001.08")
    assert b"<Ustrd>INV 1</Ustrd>" in result.value


def test_repeatable_statement_lines_are_not_refused() -> None:
    lines = "".join(f":61:2401010101C{n},00NTRFREF{n}\r\n:86:LINE {n}\r\n" for n in (1, 2, 3))
    data = (
        HEAD940
        + ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
        + lines
        + ":62F:C240101EUR106,00\r\n-}"
    ).encode()
    result = finmsg.convert(data, "camt.053.001.08")
    assert result.value.count(b"<Ntry>") == 3


def test_a_second_account_field_25_is_refused() -> None:
    data = (
        HEAD940
        + ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
        + ":25:ACCOUNT2\r\n:62F:C240101EUR100,00\r\n-}"
    ).encode()
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "camt.053.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert caught.value.value == "ACCOUNT2"


def test_the_count_names_every_occurrence() -> None:
    data = (
        HEAD940
        + ":20:STMT1\r\n:25:ACC1\r\n:25:ACC2\r\n:25:ACC3\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
        + ":62F:C240101EUR100,00\r\n-}"
    ).encode()
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "camt.053.001.08")
    assert "field 25 occurs 3 times (fields 2, 3, 4 of block 4)" in caught.value.message
