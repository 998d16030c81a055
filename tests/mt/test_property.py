"""Property tests with the public strategies of :mod:`finmsg.testing.mt`."""

from __future__ import annotations

from hypothesis import given

from finmsg.mt import read_one, validate_message, write_message
from finmsg.mt.message import MtMessage
from finmsg.testing.mt import mt103_messages, mt202cov_messages, mt940_messages


def _round_trip(m: MtMessage) -> None:
    out = write_message(m)
    assert out.diagnostics == []
    assert read_one(out.value).value == m


@given(mt103_messages())
def test_mt103_round_trip_and_valid(m: MtMessage) -> None:
    assert validate_message(m) == []
    _round_trip(m)


@given(mt202cov_messages())
def test_mt202cov_round_trip_and_valid(m: MtMessage) -> None:
    assert m.message_type == "202COV"
    assert validate_message(m) == []
    _round_trip(m)


@given(mt940_messages())
def test_mt940_round_trip_and_valid(m: MtMessage) -> None:
    assert validate_message(m) == []
    _round_trip(m)
