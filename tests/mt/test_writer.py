"""The FIN writer: exact output, block 3 with UETR, wrapping, and no structure injection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.errors import ConversionError
from finmsg.mt import read_one, write_message
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.writer import WriteOptions, make_user_header

UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"


def message(
    *fields: tuple[str, str], user_header: tuple[tuple[str, str | None], ...] | None = None
) -> MtMessage:
    return MtMessage(
        message_type="199",
        basic_header=BasicHeader("F01BANKBEBBAXXX0000000000"),
        application_header=ApplicationHeader("I199BANKDEFFXXXXN"),
        user_header=user_header,
        fields=tuple(MtField(t, v) for t, v in fields),
    )


def test_exact_bytes_with_uetr() -> None:
    m = message(("20", "REF"), ("79", "LINE 1\nLINE 2"), user_header=make_user_header(UETR, t108="MUR"))
    out = write_message(m)
    assert out.diagnostics == []
    assert out.value == (
        b"{1:F01BANKBEBBAXXX0000000000}{2:I199BANKDEFFXXXXN}{3:{108:MUR}{121:" + UETR.encode() + b"}}"
        b"{4:\r\n:20:REF\r\n:79:LINE 1\r\nLINE 2\r\n-}"
    )
    assert read_one(out.value).value.uetr == UETR


def test_long_lines_are_wrapped_with_a_warning() -> None:
    out = write_message(message(("20", "R"), ("70", "A" * 40)))
    assert b":70:" + b"A" * 35 + b"\r\n" + b"A" * 5 + b"\r\n-}" in out.value
    assert [d.code for d in out.diagnostics] == ["mt.writer.wrapped"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("A\r\n:20:HACK", "A\n.20:HACK"),
        ("A\n-}{5:{CHK:X}}", "A\n.)(5:(CHK:X))"),
        ("A{B}", "A(B)"),
        ("CAFÉ", "CAFE"),
        ("A\n-B", "A\n.B"),
    ],
)
def test_injection_is_transliterated_with_one_diagnostic_per_char(value: str, expected: str) -> None:
    out = write_message(message(("20", "R"), ("79", value)))
    again = read_one(out.value).value
    assert [f.tag for f in again.fields] == ["20", "79"]
    assert again.fields[1].value == expected
    changed = sum(1 for a, b in zip(value.replace("\r\n", "\n"), expected, strict=True) if a != b)
    assert len([d for d in out.diagnostics if d.code == "charset.transliterated"]) == changed
    assert all(d.path == "MT199:79" for d in out.diagnostics)


def test_reject_policy_raises_typed_error() -> None:
    with pytest.raises(ConversionError) as err:
        write_message(message(("79", "A\n:20:X")), WriteOptions(charset_policy="reject"))
    assert err.value.path == "MT199:79"


def test_invalid_tag_and_header_rejected() -> None:
    with pytest.raises(ConversionError):
        write_message(message(("2}", "X")))
    bad = MtMessage(message_type="199", basic_header=BasicHeader("F01}{4:"), fields=())
    with pytest.raises(ConversionError):
        write_message(bad)


def test_header_value_cannot_inject() -> None:
    out = write_message(message(("20", "R"), user_header=(("108", "X}{4:"),)))
    assert read_one(out.value).value.header_tag(108) == "X..4:"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_no_value_can_inject_structure(value: str) -> None:
    """Whatever a value holds, the output parses back to exactly the same field list shape."""
    out = write_message(message(("20", "REF"), ("79", value), ("72", "/ACC/END")))
    again = read_one(out.value).value
    assert [f.tag for f in again.fields] == ["20", "79", "72"]
    assert again.fields[2].value == "/ACC/END"
    for line in again.fields[1].lines[1:]:
        assert not line.startswith((":", "-"))
    assert all(ch not in "{}\r" for ch in again.fields[1].value)
    assert out.value.isascii()
