"""Junk in, typed errors out: random bytes, truncations, a 10 MB line, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.errors import FinmsgError, ParseError
from finmsg.fix.reader import read_message
from finmsg.fix.tagvalue import iter_frames, parse_frame
from finmsg.registry import get_format

from .helpers import order

HANDLER = get_format("fix")


def _never_crash(data: bytes) -> None:
    result = HANDLER.validate(data, {})  # must not raise
    if result.value is None:
        assert result.errors and all(d.code.startswith("fix.") for d in result.errors)
    try:
        HANDLER.read(data, {})
    except FinmsgError as exc:
        assert exc.code.startswith("fix.")
    for frame in iter_frames(data):
        try:
            parse_frame(frame.data)
        except ParseError as exc:
            assert exc.code.startswith("fix.frame.")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _never_crash(data)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=120))
def test_random_bytes_after_a_begin_string(tail: bytes) -> None:
    _never_crash(b"8=FIX.4.4\x019=" + tail)


def test_every_truncation_of_a_message() -> None:
    msg = order("453=2|448=A|447=D|452=1|802=1|523=S|448=B|447=D|452=3|95=4|96=a\x01b=|")
    for cut in range(len(msg)):
        _never_crash(msg[:cut])
        assert not HANDLER.validate(msg[:cut], {}).ok


def test_ten_megabyte_line() -> None:
    huge = order("58=" + "x" * (10 * 1024 * 1024) + "|")
    result = HANDLER.validate(huge, {})
    assert result.ok  # a long Text is legal; it is handled in linear time
    assert len(read_message(huge).value.text or "") == 10 * 1024 * 1024
    junk = b"8=FIX.4.4\x019=" + b"9" * (10 * 1024 * 1024)
    bad = HANDLER.validate(junk, {})
    assert bad.value is None and bad.errors[0].code.startswith("fix.frame.")
    assert len(list(iter_frames(b"x" * (10 * 1024 * 1024)))) == 0
