"""Sweep findings in finmsg/translate, each fixed: a repeated once-only MT field is refused
(``translate.repeated-field``), and MT54x/sese convert back to a FIX allocation instruction.

A field that FIN allows once but the input repeats (a damaged or hand-edited message)
is read by the MT → MX mappings one occurrence after another, each overwriting the
previous one: one value vanishes from the output and no diagnostic names it. Expected:
every value of the input is in the output or named by a diagnostic (``original``), or the
conversion refuses the message with a typed error.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import FinmsgError

UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"
MT103_FIELDS = [
    ("20", "REF1"),
    ("23B", "CRED"),
    ("32A", "240131EUR100,00"),
    ("50K", "/DE89370400440532013000\r\nJOHN DOE\r\nMAIN ST 1"),
    ("52A", "BANKBEBB"),
    ("57A", "BANKDEFF"),
    ("59", "/FR1420041010050500013M02606\r\nJANE ROE"),
    ("70", "INVOICE 42"),
    ("71A", "SHA"),
]
#: (repeated tag, the second occurrence's value, a piece of text that only it carries)
REPEATS = [
    ("20", "REF2", "REF2"),
    ("70", "SECOND REMITTANCE", "SECOND REMITTANCE"),
    ("59", "/GB29NWBK60161331926819\r\nOTHER PAYEE", "OTHER PAYEE"),
    ("50K", "/GB29NWBK60161331926819\r\nOTHER PAYER", "OTHER PAYER"),
]


def _mt103(repeat: str, value: str) -> bytes:
    body = ""
    for tag, text in MT103_FIELDS:
        body += f":{tag}:{text}\r\n"
        if tag == repeat:
            body += f":{tag}:{value}\r\n"
    head = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:" + UETR + "}}{4:\r\n"
    return (head + body + "-}").encode()


def _carried(out: bytes, diagnostics: list[finmsg.Diagnostic], text: str) -> bool:
    if text in out.decode("utf-8"):
        return True
    return any(text in str(d.original or "") or text in str(d.emitted or "") for d in diagnostics)


@pytest.mark.parametrize(("tag", "value", "marker"), REPEATS)
def test_repeated_mt103_field_is_carried_named_or_refused(tag: str, value: str, marker: str) -> None:
    data = _mt103(tag, value)
    first = [line.lstrip("/") for line in dict(MT103_FIELDS)[tag].split("\r\n")]
    try:
        result = finmsg.convert(data, "pacs.008")
    except FinmsgError:
        return  # refusing the message is an acceptable answer
    diags = list(result.diagnostics)
    for line in first:
        assert _carried(result.value, diags, line), f"first {tag}: {line!r} lost"
    assert _carried(result.value, diags, marker), f"second {tag} lost"


MT940 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"
    ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
    ":61:2401010101C10,00NTRFNONREF\r\n:25:ACCOUNT2\r\n:62F:C240101EUR110,00\r\n-}"
)


def test_second_25_does_not_silently_replace_the_statement_account() -> None:
    try:
        result = finmsg.convert(MT940.encode(), "camt.053")
    except FinmsgError:
        return
    diags = list(result.diagnostics)
    assert _carried(result.value, diags, "DE89370400440532013000")
    assert _carried(result.value, diags, "ACCOUNT2")


MT541 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I541BANKDEFFXXXXN}{4:\r\n"
    ":16R:GENL\r\n:20C::SEME//REF1\r\n:23G:NEWM\r\n:16S:GENL\r\n"
    ":16R:TRADDET\r\n:98A::SETT//20240131\r\n:90B::DEAL//ACTU/USD10,5\r\n"
    ":35B:ISIN US0378331005\r\n:16S:TRADDET\r\n"
    ":16R:FIAC\r\n:36B::SETT//UNIT/100,\r\n:97A::SAFE//ACC1\r\n:16S:FIAC\r\n"
    ":16R:SETDET\r\n:22F::SETR//TRAD\r\n:16R:SETPRTY\r\n:95P::DEAG//BANKGB2L\r\n:16S:SETPRTY\r\n"
    ":16R:SETPRTY\r\n:95P::PSET//DTCYUS33\r\n:16S:SETPRTY\r\n"
    ":16R:AMT\r\n:19A::SETT//USD1050,\r\n:16S:AMT\r\n:16S:SETDET\r\n-}"
)


def test_mt541_converts_to_a_fix_allocation_instruction() -> None:
    result = finmsg.convert(MT541.encode(), "fix")
    assert b"35=J\x01" in result.value
    assert b"\x0153=100\x01" in result.value
