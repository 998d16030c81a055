"""Typed FIX values on the read path: a value that does not convert, shared timestamps, MsgType of split logs.

The expected values are written from the FIX rules (UTCTimestamp ``YYYYMMDD-HH:MM:SS[.sss]``,
Price a decimal), not from the reader's output.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from finmsg.diagnostics import Result
from finmsg.fix.format import HANDLER
from finmsg.fix.reader import read_message
from finmsg.model.common import Extra
from finmsg.model.trading import NewOrderSingle, TradingMessage
from tests.fix.helpers import fix, order


def _unconverted(result: Result[TradingMessage]) -> list[tuple[str | None, str | None, str]]:
    return [(d.path, d.original, d.message) for d in result.diagnostics if d.code == "mapping.unconverted"]


def _order(data: bytes) -> NewOrderSingle:
    model = read_message(data).value
    assert isinstance(model, NewOrderSingle)
    return model


def test_a_price_that_is_no_decimal_is_kept_as_an_extra_with_its_path() -> None:
    result = read_message(
        fix("35=D|49=B|56=S|34=2|52=20240102-10:11:12|11=O1|55=X|54=1|60=20240102-10:11:12|44=1.2.3|")
    )
    model = result.value
    assert isinstance(model, NewOrderSingle) and model.price is None
    assert Extra("fix", "FIX:44", "1.2.3") in model.extras
    assert _unconverted(result) == [("FIX:44", "1.2.3", "'1.2.3' is not a FIX decimal; kept as an extra")]


def test_a_transact_time_that_is_no_timestamp_is_reported_on_every_read() -> None:
    data = fix("35=D|49=B|56=S|34=2|52=20240102-10:11:12|11=O1|55=X|54=1|60=2024-01-02|")
    for _ in range(2):  # a bad text is never remembered as parsed
        result = read_message(data)
        assert result.value.transact_time is None
        assert Extra("fix", "FIX:60", "2024-01-02") in result.value.extras
        assert _unconverted(result) == [
            ("FIX:60", "2024-01-02", "'2024-01-02' is not a FIX UTCTimestamp; kept as an extra")
        ]


def test_equal_timestamp_texts_read_to_equal_values_with_their_own_precision() -> None:
    first, second = _order(order()), _order(order())
    assert first.sending_time is not None and first.transact_time is not None
    assert first.sending_time == second.sending_time
    assert first.sending_time.value == datetime(2024, 1, 2, 10, 11, 12, 123000, tzinfo=timezone.utc)
    assert (first.sending_time.nanos, first.sending_time.text) == (123_000_000, "20240102-10:11:12.123")
    # TransactTime holds the same second without a fraction: its own text and precision
    assert first.transact_time.text == "20240102-10:11:12" and first.transact_time.precision == 0
    assert first.price == Decimal("10.5")


def test_a_log_mixing_delimiters_names_each_message_type() -> None:
    soh = fix("35=0|49=B|56=S|34=1|52=20240102-10:11:12|")
    pipe = fix("35=8|49=B|56=S|34=2|52=20240102-10:11:13|").replace(b"\x01", b"|")
    parts = list(HANDLER.split(soh + b"\n" + pipe + b"\n" + soh + b"\n", {}))
    assert [(p.message_type, p.index) for p in parts] == [("0", 1), ("8", 2), ("0", 3)]
    forced = list(HANDLER.split(pipe, {"delimiter": "|"}))
    assert [p.message_type for p in forced] == ["8"]
