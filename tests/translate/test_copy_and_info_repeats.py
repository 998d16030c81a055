"""Repeats the spec walk cannot limit are reported, never overwritten silently.

An MT950 has no slot for 86, so two account-level 86 fields are not refused by the
repeated-field guard; an MT192 copy of the original message is free text after 11S,
so it may hold two 32A. Each second value must be named by a diagnostic.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ConversionError

_MT950 = (
    "{1:F01INGBNL2AAXXX0000000000}{2:I950SOGEFRPPAXXXN}{4:\n"
    ":20:ING-950-1202\n"
    ":25:NOSTRO-SG-EUR-01\n"
    ":28C:512/1\n"
    ":60F:C261201EUR1000000,00\n"
    ":61:2612021202C250000,00S103SG-PAY-3310//ING-77001\n"
    ":62F:C261202EUR1250000,00\n"
    ":86:INFO ONE\n"
    ":86:INFO TWO\n"
    "-}"
)

_MT192 = (
    "{1:F01COBADEFFAXXX0000000000}{2:I192BNPAFRPPXXXXN}{3:{121:c9d0e1f2-a3b4-4c25-8647-d8e9f0a1b2c3}}{4:\n"
    ":20:CBK-CXL-0192\n"
    ":21:CBK-PAY-4471\n"
    ":11S:103\n"
    "261208\n"
    ":79:/CUST/ORDERING CUSTOMER WITHDREW THE INSTRUCTION\n"
    ":20:CBK-PAY-4471\n"
    ":32A:261208EUR8400,00\n"
    ":32A:261209EUR9100,00\n"
    "-}"
)


def _named(result: finmsg.Result[object], value: str) -> list[str]:
    return [d.code for d in result.diagnostics if d.original is not None and value in d.original]


def test_mt950_keeps_the_first_account_level_86_and_reports_the_second() -> None:
    result = finmsg.convert(_MT950, "iso20022")
    xml = result.value.decode() if isinstance(result.value, bytes) else str(result.value)
    assert "INFO ONE" in xml
    assert "INFO TWO" not in xml
    assert _named(result, "INFO TWO") == ["lossy.dropped"]


def test_mt192_copy_with_two_32a_places_the_first_and_reports_the_second() -> None:
    result = finmsg.convert(_MT192, "iso20022")
    xml = result.value.decode() if isinstance(result.value, bytes) else str(result.value)
    assert ">8400.00<" in xml and "2026-12-08" in xml
    assert "9100" not in xml
    assert _named(result, "261209EUR9100,00") == ["lossy.dropped"]


def test_an_unsupported_target_is_named_before_a_repeated_field() -> None:
    statement = _MT950.replace("{2:I950", "{2:I940").replace(":62F:", ":86:LINE ONE\n:86:LINE TWO\n:62F:")
    with pytest.raises(ConversionError) as refused:
        finmsg.convert(statement, "pacs.008.001.08")
    assert refused.value.code == "translate.unsupported"
    with pytest.raises(ConversionError) as repeated:
        finmsg.convert(statement, "iso20022")
    assert repeated.value.code == "translate.repeated-field"
