"""Field 13D keeps the sign of a zero UTC offset through the model (found by a property test)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from finmsg.translate.context import Ctx
from finmsg.translate.field13d import stamp_to_13d, timestamp_from_13d


@pytest.mark.parametrize(
    "value", ["2611291015-0000", "2611291015+0000", "2611291015-0530", "2611291015+0100"]
)
def test_13d_round_trips_through_a_timestamp(value: str) -> None:
    stamp = timestamp_from_13d(value, "MT900:13D")
    text = stamp_to_13d(Ctx(), stamp, "TN004", "src", "MT900:13D", "no offset", "seconds")
    assert text == value


def test_minus_zero_is_utc_with_its_own_lexical_form() -> None:
    stamp = timestamp_from_13d("2611291015-0000", "MT900:13D")
    assert stamp.value.utcoffset() == timedelta(0)
    assert stamp.text == "2026-11-29T10:15:00-00:00"
