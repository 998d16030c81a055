"""Dates and date-times in the JSON target: orjson's text stands in for ``isoformat()`` only where
the two are the same text (the JSON bytes must not change with the speed-up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg import jsonfmt

orjson = pytest.importorskip("orjson")
_CONVERTERS = jsonfmt._fast_dates(orjson.dumps)
_DATE, _DATETIME = _CONVERTERS[date], _CONVERTERS[datetime]

_ZONES = st.none() | st.builds(
    timezone,
    st.one_of(
        st.integers(-1439, 1439).map(lambda m: timedelta(minutes=m)),  # what ISO 8601 text gives
        st.integers(-86399, 86399).map(lambda s: timedelta(seconds=s)),  # sub-minute: code only
        st.integers(-(86400 * 10**6) + 1, 86400 * 10**6 - 1).map(lambda us: timedelta(microseconds=us)),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), _ZONES)
def test_a_datetime_is_written_as_isoformat_writes_it(value: datetime, zone: timezone | None) -> None:
    stamped = value.replace(tzinfo=zone)
    assert _DATETIME(stamped) == stamped.isoformat()
    assert _DATETIME(stamped) == stamped.isoformat()  # a second time: the zone may now be cached


@settings(max_examples=50, deadline=None)
@given(st.dates())
def test_a_date_is_written_as_isoformat_writes_it(value: date) -> None:
    assert _DATE(value) == value.isoformat()


def test_hand_written_cases() -> None:
    # the texts ISO 8601 / RFC 3339 give (and Python's isoformat): offsets, fractions, small years
    cases = {
        datetime(2026, 11, 30, 7, 5, 9): "2026-11-30T07:05:09",
        datetime(2026, 11, 30, 7, 5, 9, 120000, tzinfo=timezone.utc): "2026-11-30T07:05:09.120000+00:00",
        datetime(
            999, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30))
        ): "0999-01-02T03:04:05-05:30",
        datetime(2026, 1, 2, tzinfo=timezone(timedelta(seconds=3601))): "2026-01-02T00:00:00+01:00:01",
        datetime(2026, 6, 1, 12, tzinfo=timezone(timedelta(hours=1), "CET")): "2026-06-01T12:00:00+01:00",
        # a zoneinfo zone goes to isoformat (its offsets may have seconds: local mean time)
        datetime(1850, 6, 1, 12, tzinfo=ZoneInfo("Europe/Brussels")): "1850-06-01T12:00:00+00:17:30",
    }
    for value, text in cases.items():
        assert _DATETIME(value) == text
    assert _DATE(date(5, 1, 2)) == "0005-01-02"


@dataclass(frozen=True, slots=True)
class _Stamped:
    when: datetime
    day: date | None = None
    other: Any = None


class _Day(date):
    """A date subclass: not an exact ``date``, so it keeps the standard converter."""


def test_the_model_encoder_writes_them_in_place() -> None:
    sub_minute = timezone(timedelta(hours=1, seconds=1))
    value = _Stamped(datetime(2026, 1, 2, 3, 4, 5, tzinfo=sub_minute), date(2026, 1, 3), _Day(2026, 1, 4))
    expected = (
        '{\n  "_type": "_Stamped",\n  "when": "2026-01-02T03:04:05+01:00:01",\n'
        '  "day": "2026-01-03",\n  "other": "2026-01-04"\n}\n'
    )
    assert jsonfmt.dumps_model_bytes(value) == expected.encode("utf-8")  # type: ignore[arg-type]
    # members whose declared type is not a date/Decimal still go through the hook: same text
    other = _Stamped(datetime(2026, 1, 2, tzinfo=timezone.utc), None, (Decimal("1E+2"), date(2026, 1, 5)))
    expected = (
        '{\n  "_type": "_Stamped",\n  "when": "2026-01-02T00:00:00+00:00",\n'
        '  "other": [\n    "100",\n    "2026-01-05"\n  ]\n}\n'
    )
    assert jsonfmt.dumps_model_bytes(other) == expected.encode("utf-8")  # type: ignore[arg-type]
