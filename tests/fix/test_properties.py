"""Round-trip properties over the ``finmsg.testing.fix`` strategies (D, 8, AE, J)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from finmsg.fix.reader import read_message
from finmsg.fix.writer import write_message
from finmsg.model.trading import TradingMessage
from finmsg.testing.fix import (
    allocation_instructions,
    execution_reports,
    new_order_singles,
    trade_capture_reports,
    trading_messages,
)

_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _roundtrip(msg: TradingMessage) -> None:
    data = write_message(msg).value
    result = read_message(data)
    assert result.ok, [str(d) for d in result.errors]
    assert result.value == msg


@_SETTINGS
@given(new_order_singles())
def test_new_order_single_roundtrip(msg: TradingMessage) -> None:
    _roundtrip(msg)


@_SETTINGS
@given(execution_reports())
def test_execution_report_roundtrip(msg: TradingMessage) -> None:
    _roundtrip(msg)


@_SETTINGS
@given(trade_capture_reports())
def test_trade_capture_report_roundtrip(msg: TradingMessage) -> None:
    _roundtrip(msg)


@_SETTINGS
@given(allocation_instructions())
def test_allocation_instruction_roundtrip(msg: TradingMessage) -> None:
    _roundtrip(msg)


@settings(max_examples=25, deadline=None)
@given(trading_messages())
def test_pipe_delimited_roundtrip(msg: TradingMessage) -> None:
    data = write_message(msg, "fix", {"delimiter": "|"}).value
    assert b"\x01" not in data
    result = read_message(data)
    assert result.ok, [str(d) for d in result.errors]
    assert result.value == msg
