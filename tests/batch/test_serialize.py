"""The JSON target: plain-data rules of ``to_data`` and one byte layout whichever encoder runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg import jsonfmt
from finmsg.model.serialize import to_data


class _Side(str, Enum):
    BUY = "1"


class _Code(Enum):
    BOOK = "BOOK"


@dataclass(frozen=True, slots=True)
class _Leg:
    amount: Decimal
    when: date


@dataclass(frozen=True, slots=True)
class _Sample:
    side: _Side
    code: _Code
    legs: tuple[_Leg, ...]
    empty: tuple[str, ...] = ()
    kept: list[str] | None = None
    absent: str | None = None
    stamp: datetime | None = None
    raw: bytes = b""
    extra: dict[int, Any] | None = None


def test_to_data_rules() -> None:
    sample = _Sample(
        _Side.BUY,
        _Code.BOOK,
        (_Leg(Decimal("1E+2"), date(2026, 1, 5)), _Leg(Decimal("0.10"), date(2026, 1, 6))),
        kept=[],
        stamp=datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc),
        raw=b"\xe9",
        extra={7: (Decimal("3"),)},
    )
    assert to_data(sample) == {
        "_type": "_Sample",
        "side": "1",
        "code": "BOOK",
        "legs": [
            {"_type": "_Leg", "amount": "100", "when": "2026-01-05"},
            {"_type": "_Leg", "amount": "0.10", "when": "2026-01-06"},
        ],
        "kept": [],  # an empty list is data; only None and empty tuples are left out
        "stamp": "2026-01-05T10:00:00+00:00",
        "raw": "\u00e9",
        "extra": {"7": ["3"]},
    }
    with pytest.raises(TypeError):
        to_data(1.5)  # floats have no place in the model: amounts are Decimals


_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.skipif(jsonfmt._encode is jsonfmt._stdlib, reason="orjson is not installed")
@settings(max_examples=150, deadline=None)
@given(_JSON)
def test_the_fast_encoder_writes_the_standard_library_layout(data: Any) -> None:
    expected = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert jsonfmt.dumps_indented(data) == expected
    assert jsonfmt.dumps_compact(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class _Pair(tuple):  # type: ignore[type-arg]
    """A tuple subclass: an empty one is still an empty tuple, and is left out."""


@dataclass(frozen=True, slots=True)
class _Falsy:
    zero: Decimal
    text: str
    count: int
    flag: bool
    items: list[str]
    pair: tuple[str, ...]
    inner: _Leg | None = None


def test_falsy_members_are_kept_and_only_empty_tuples_dropped() -> None:
    # the rules: only None and empty tuples are left out; zero, "", False and [] are values
    value = _Falsy(Decimal("0"), "", 0, False, [], _Pair(), _Leg(Decimal("0.00"), date(2026, 1, 5)))
    assert to_data(value) == {
        "_type": "_Falsy",
        "zero": "0",
        "text": "",
        "count": 0,
        "flag": False,
        "items": [],
        "inner": {"_type": "_Leg", "amount": "0.00", "when": "2026-01-05"},
    }


#: The model encoders, typed loosely: these samples are model-like dataclasses, not ``Message`` subclasses.
_encode_model: Callable[[Any], bytes] = jsonfmt.dumps_model_bytes
_model_text: Callable[[Any], str] = jsonfmt.dumps_model


def _reference(value: Any) -> bytes:
    """The documented layout: ``to_data``'s plain data through the standard library."""
    return (json.dumps(to_data(value), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_the_model_encoder_writes_the_plain_data_layout() -> None:
    # orjson walks the model itself (one level of to_data at a time): same bytes as the plain-data route
    sample = _Sample(
        _Side.BUY,
        _Code.BOOK,
        (_Leg(Decimal("1E+2"), date(2026, 1, 5)),),
        kept=[],
        stamp=datetime(2026, 1, 5, 10, 0, 0, 5, tzinfo=timezone.utc),
        raw=b"\xe9",
        extra={"7": (Decimal("3"), _Leg(Decimal("-0.5"), date(2026, 2, 1)))},  # type: ignore[dict-item]
    )
    falsy = _Falsy(Decimal("0"), "", 0, False, [], _Pair(), _Leg(Decimal("0.00"), date(2026, 1, 5)))
    pair = _Falsy(Decimal("1"), "x", 1, True, ["a"], _Pair(("p", "q")))
    for value in (sample, falsy, pair):
        assert _encode_model(value) == _reference(value)
        assert _model_text(value) == _reference(value).decode("utf-8")
    text = _encode_model(falsy).decode("utf-8")
    assert '"pair"' not in text and '"items": []' in text  # the empty tuple subclass is left out


def test_the_model_encoder_falls_back_for_what_orjson_refuses() -> None:
    big = _Falsy(Decimal("1"), "x", 2**70, True, [], ())  # beyond 64 bits: the standard library writes it
    assert _encode_model(big) == _reference(big)
    assert b'"count": 1180591620717411303424' in _encode_model(big)
    with pytest.raises(TypeError):
        _encode_model(_Falsy(Decimal("1"), "x", 1, True, [], (), object()))  # type: ignore[arg-type]
