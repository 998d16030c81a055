"""The ``json`` target: the canonical model serialised as JSON (write-only).

The document is indented JSON in the exact layout of the standard library's
``json.dumps(indent=2, ensure_ascii=False)``. That layout makes the standard
library fall back to its pure-Python encoder, which was the largest single cost
of a batch conversion; when the optional ``orjson`` package is installed it
produces the very same bytes for the plain data :func:`to_data` returns, about
ten times faster. Anything orjson refuses (an integer beyond 64 bits, a lone
surrogate) goes through the standard library, so the output never depends on
which encoder is present.

With orjson, a model is not converted to plain data first at all: orjson walks it,
and calls :func:`~finmsg.model.serialize.to_data_shallow` only for what it cannot
encode by itself (a dataclass, a Decimal, a date, bytes), one level at a time. That
saves about a tenth of the JSON target's instructions. The bytes are those of
``to_data`` + encoding (a document orjson refuses is encoded the old way, so the
fallback rules above still apply). One difference, outside the model's rules: a
``float`` member, which ``to_data`` refuses, is written by orjson as a number — except
where the model declares a Decimal (an amount): there, as a Decimal NaN or Infinity, it is
refused by both routes with :class:`~finmsg.errors.ConversionError` ``write.amount`` naming
the model path, as by every other writer (JSON wrote ``"NaN"``, and orjson a float NaN as
``null``). Such a value only comes from a model built or edited in code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import UnknownFormatError
from finmsg.model.base import Message
from finmsg.model.serialize import (
    plain_dataclass,
    shallow_converter,
    shallow_dataclass,
    to_data,
    to_data_shallow,
)
from finmsg.registry import FormatHandler, OptionSpec, RawMessage, declare_options, register_format

__all__ = ["dumps_compact", "dumps_indented", "dumps_model", "dumps_model_bytes"]


def _stdlib(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _stdlib_compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _stdlib_model(message: Message) -> bytes:
    return _encode(to_data(message))


#: The hook's rules are ``to_data_shallow``'s; when this module's name is rebound to another
#: function, the hook calls that one for every value instead of its own per-type converters.
_STOCK_SHALLOW = to_data_shallow


def _load_fast() -> tuple[Callable[[Any], bytes], Callable[[Any], str], Callable[[Message], bytes]] | None:
    try:
        import orjson
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    dumps, indent, refused = orjson.dumps, orjson.OPT_INDENT_2, orjson.JSONEncodeError
    # dataclasses and dates go to ``to_data_shallow`` (orjson's own forms differ from the model's)
    walk = indent | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME

    def fast(data: Any) -> bytes:
        try:
            return dumps(data, option=indent) + b"\n"
        except refused:
            return _stdlib(data)

    def fast_compact(data: Any) -> str:
        try:
            return dumps(data).decode("utf-8")
        except refused:
            return _stdlib_compact(data)

    # orjson turns anything its ``default`` raises into its own TypeError, a Ctrl-C included: the
    # interrupt would become "not serialisable", the plain-data route would write the message, and
    # the run would go on. So the hook keeps what is not an ordinary error, to be raised again.
    interrupted: list[BaseException] = []
    # The hook's converters by exact type: ``to_data_shallow``'s, except for dates and date-times
    # (see ``_fast_dates``). Looked up here, not through ``to_data_shallow``: one call less per value.
    # A dataclass's converter also converts its Decimal, date and date-time members in place
    # (where the field declares that type): orjson then calls back once per model object only.
    leaves: dict[type, Callable[[Any], Any]] = {Decimal: shallow_converter(Decimal), **_fast_dates(dumps)}
    converters = dict(leaves)
    find = converters.get

    def shallow(value: Any) -> Any:
        try:
            if to_data_shallow is not _STOCK_SHALLOW:  # replaced (a test's seam): it gets every value
                return to_data_shallow(value)
            convert = find(type(value))
            if convert is None:
                kind = type(value)
                made = shallow_dataclass(kind, leaves) if plain_dataclass(kind) else shallow_converter(kind)
                convert = converters[kind] = made
            return convert(value)
        except Exception:
            raise
        except BaseException as exc:  # KeyboardInterrupt, SystemExit
            interrupted.append(exc)
            raise

    def fast_model(message: Message) -> bytes:
        try:
            return dumps(message, default=shallow, option=walk) + b"\n"
        except refused:  # e.g. an integer beyond 64 bits: the plain-data route decides, as before
            if interrupted:
                raise interrupted.pop() from None
            return _stdlib_model(message)

    return fast, fast_compact, fast_model


def _fast_dates(dumps: Callable[[Any], bytes]) -> dict[type, Callable[[Any], Any]]:
    """Text of a ``date`` and a ``datetime`` (exact types) as ``isoformat()`` gives it, from orjson.

    Why: ``isoformat`` builds its text with ``sprintf``, several calls per value (more for an
    offset): it was a sixth of the JSON target's instructions, the models holding a few
    timestamps each. orjson writes the same RFC 3339 text in a few hundred instructions —
    identical for every date and for a date-time that is naive or whose offset is whole minutes
    (all that ISO 8601 text can give). A sub-minute offset (``+01:00:01``, only from code) orjson
    would cut to the minute: that and any ``tzinfo`` that is not a :class:`datetime.timezone`
    still go to ``isoformat``.
    """
    minute_zones: set[timezone] = {timezone.utc}  # zones checked to have a whole-minute offset

    def date_text(value: date) -> str:
        return dumps(value)[1:-1].decode("ascii")

    def datetime_text(value: datetime) -> str:
        zone = value.tzinfo
        if zone is None or zone in minute_zones:
            return dumps(value)[1:-1].decode("ascii")
        if type(zone) is timezone:
            offset = zone.utcoffset(None)
            if not (offset.seconds % 60 or offset.microseconds) and len(minute_zones) < 256:
                minute_zones.add(zone)
                return dumps(value)[1:-1].decode("ascii")
        return value.isoformat()

    return {date: date_text, datetime: datetime_text}


_encode, _compact, _model = _load_fast() or (_stdlib, _stdlib_compact, _stdlib_model)


def dumps_indented(data: Any) -> bytes:
    """Plain data (dicts, lists, strings, integers, booleans, ``None``) as the indented UTF-8
    layout of ``json.dumps(indent=2, ensure_ascii=False)``, with a final newline."""
    return _encode(data)


def dumps_compact(data: Any) -> str:
    """Plain data on one line, as ``json.dumps(ensure_ascii=False, separators=(",", ":"))``."""
    return _compact(data)


def dumps_model_bytes(message: Message) -> bytes:
    """Deterministic, indented JSON of a model object, UTF-8 encoded, with a final newline."""
    return _model(message)


def dumps_model(message: Message) -> str:
    """Deterministic, indented JSON of a model object."""
    try:
        return _model(message).decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: text, though it has no UTF-8 form
        return json.dumps(to_data(message), ensure_ascii=False, indent=2) + "\n"


def _write(message: Message, target: str, options: Mapping[str, Any]) -> Result[bytes]:
    return Result(dumps_model_bytes(message))


def _not_readable(data: bytes, options: Mapping[str, Any]) -> Any:
    raise UnknownFormatError("reading canonical JSON back is not supported", code="json.read")


def _split(data: bytes, options: Mapping[str, Any]) -> Iterator[RawMessage]:
    raise UnknownFormatError("reading canonical JSON back is not supported", code="json.read")


register_format(
    FormatHandler(
        family="json",
        extension=".json",
        sniff=lambda data: False,
        split=_split,
        read=_not_readable,
        validate=_not_readable,
        write=_write,
        accepts=lambda target: target.lower() == "json",
        priority=900,
    )
)

#: The canonical-model JSON family reads and writes with no option.
declare_options("json", OptionSpec())
