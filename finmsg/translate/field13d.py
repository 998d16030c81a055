"""Field 13D (``YYMMDDHHMM±HHMM``) ↔ a model ``Timestamp``, shared by every pair that carries it.

One reader and one writer serve the statements, reports and notifications, so the sign of a
zero offset survives a round trip: ``-0000`` is read as UTC but its text keeps ``-00:00`` (a
valid ``xs:dateTime`` lexical form), and that text gives ``-0000`` back.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from finmsg.model.common import Timestamp
from finmsg.mt.fields import components
from finmsg.translate.context import Ctx
from finmsg.translate.mtparts import format_error
from finmsg.translate.mtvalues import date_from_mt, date_to_mt

__all__ = ["stamp_to_13d", "timestamp_from_13d"]


def timestamp_from_13d(value: str, src: str) -> Timestamp:
    """The date, time and UTC offset of a 13D value."""
    parts = components("13D", value)
    if parts is None:
        raise format_error("13D", value, src)
    day = date_from_mt(parts["date"], src)
    offset = timedelta(hours=int(parts["offset"][:2]), minutes=int(parts["offset"][2:]))
    zone = timezone(offset if parts["sign"] == "+" else -offset)
    moment = datetime(
        day.year, day.month, day.day, int(parts["time"][:2]), int(parts["time"][2:]), tzinfo=zone
    )
    text = moment.isoformat()
    if parts["sign"] == "-" and not offset:
        text = text[: -len("+00:00")] + "-00:00"
    return Timestamp(moment, text)


def stamp_to_13d(
    ctx: Ctx, stamp: Timestamp, rule: str, src: str, tgt: str, no_offset: str, seconds: str
) -> str:
    """``YYMMDDHHMM±HHMM``; a time without offset is read as UTC and seconds are cut (both reported).

    ``no_offset`` and ``seconds`` are the pair's own wording of those two reports.
    """
    moment = stamp.value
    offset = moment.utcoffset()
    if offset is None:
        ctx.defaulted(rule, src, tgt, "+0000", no_offset, stamp.text)
        offset = timedelta(0)
    negative_zero = not offset and stamp.text.endswith("-00:00")
    sign = "-" if offset < timedelta(0) or negative_zero else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    if moment.second or moment.microsecond:
        ctx.truncated(rule, src, tgt, stamp.text, moment.strftime("%H:%M"), seconds)
    return f"{date_to_mt(moment.date(), src)}{moment:%H%M}{sign}{minutes // 60:02d}{minutes % 60:02d}"
