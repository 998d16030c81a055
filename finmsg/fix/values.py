"""Conversions between FIX field text and model values (Decimal, int, UTC timestamps).

Why separate: the reader, the writer, the hypothesis strategies and the simplefix
bridge must agree on exactly one representation of each type; keeping the
conversions here (and lossless: timestamps keep their text and nanoseconds)
makes ``read(write(m)) == m`` hold by construction.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from finmsg.errors import ParseError, amount_error
from finmsg.model.trading import UtcTimestamp

__all__ = ["format_decimal", "parse_decimal", "parse_timestamp", "timestamp_from_datetime"]

_TS = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})-([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?")
_DEC = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


#: Timestamps already parsed, by text (bounded). Why: a message usually carries the same
#: instant twice (SendingTime 52 and TransactTime 60) and a log's messages share their
#: seconds; a :class:`UtcTimestamp` is immutable, so one instance can serve them all.
_PARSED: dict[str, UtcTimestamp] = {}
_MAX_PARSED = 256


def parse_timestamp(text: str, path: str = "FIX") -> UtcTimestamp:
    """``YYYYMMDD-HH:MM:SS[.f{1,9}]`` (UTCTimestamp) -> :class:`UtcTimestamp`, nanoseconds kept."""
    known = _PARSED.get(text)
    if known is not None:
        return known
    match = _TS.fullmatch(text)
    if match is None:
        raise ParseError(
            f"{text!r} is not a FIX UTCTimestamp", code="fix.value.timestamp", path=path, value=text
        )
    year, month, day, hour, minute, second, frac = match.groups()
    nanos = int((frac or "").ljust(9, "0"))
    try:
        value = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            min(int(second), 59),
            nanos // 1000,
            tzinfo=timezone.utc,
        )
    except ValueError as exc:
        raise ParseError(
            f"{text!r} is not a valid date-time: {exc}", code="fix.value.timestamp", path=path, value=text
        ) from exc
    parsed = UtcTimestamp(value, nanos, text)
    if len(_PARSED) >= _MAX_PARSED:
        _PARSED.clear()
    _PARSED[text] = parsed
    return parsed


def timestamp_from_datetime(value: datetime, nanos: int | None = None, precision: int = 3) -> UtcTimestamp:
    """Build a :class:`UtcTimestamp` (FIX text with ``precision`` fractional digits) from a datetime."""
    if value.tzinfo is None:
        raise ValueError("timestamp must be timezone-aware")
    utc = value.astimezone(timezone.utc)
    if nanos is None:
        nanos = utc.microsecond * 1000
    if precision not in range(10):
        raise ValueError("precision must be 0..9")
    scaled = nanos // 10 ** (9 - precision)
    nanos = scaled * 10 ** (9 - precision)
    text = utc.strftime("%Y%m%d-%H:%M:%S") + (f".{scaled:0{precision}d}" if precision else "")
    return UtcTimestamp(utc.replace(microsecond=nanos // 1000), nanos, text)


def parse_decimal(text: str, path: str = "FIX") -> Decimal:
    """FIX float text (``-12.50``, ``.5``; no sign ``+``, no exponent) -> Decimal."""
    if _DEC.fullmatch(text) is None:
        raise ParseError(f"{text!r} is not a FIX decimal", code="fix.value.decimal", path=path, value=text)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise ParseError(
            f"{text!r} is not a decimal", code="fix.value.decimal", path=path, value=text
        ) from exc


def format_decimal(value: Decimal, path: str | None = None) -> str:
    """Decimal -> FIX text without exponent (``1E+2`` -> ``100``); a NaN, an Infinity or a
    ``float`` is a :class:`~finmsg.errors.ConversionError` (``write.amount``, at ``path``)."""
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    raise amount_error(value, path)
