"""The canonical model as plain data (for JSON): stable, typed, round-trippable.

Every dataclass becomes a dict with a ``_type`` key naming its class; ``None``
members and empty tuples are left out so that documents stay small and diffs
readable. Decimals and dates become strings, so no precision is ever lost.

Why a converter per type: a batch run serialises hundreds of thousands of model
objects, and walking ``dataclasses.fields()`` plus an ``isinstance`` cascade for
every member dominated the cost. The first time a type is met, the cascade runs
once and its answer — a small function, for a dataclass one that knows the
field names — is cached by exact type, so later objects of that type go straight
to it. The output is the one the cascade defines, whatever the cache holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any

__all__ = ["to_data"]

_Converter = Callable[[Any], Any]
_CONVERTERS: dict[type, _Converter] = {}


def to_data(value: Any) -> Any:
    """Convert a model object (or any nesting of them) to JSON-ready data."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _converter_for(type(value))
    return convert(value)


def _same(value: Any) -> Any:
    return value


def _enum(value: Enum) -> Any:
    return value.value


def _decimal(value: Decimal) -> str:
    return format(value, "f")


def _iso(value: date) -> str:
    return value.isoformat()


def _sequence(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [to_data(v) for v in value]


def _mapping(value: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): to_data(v) for k, v in value.items()}


def _latin1(value: bytes) -> str:
    return value.decode("latin-1")


#: Member types that need no conversion (exact types only: enums subclass ``str``).
_PLAIN = frozenset({str, int, bool})


def _dataclass(cls: type) -> _Converter:
    """A converter that reads ``cls``'s fields in one ``attrgetter`` call, in declaration order."""
    name = cls.__name__
    members = tuple(f.name for f in dataclasses.fields(cls))
    if not members:
        return lambda value: {"_type": name}
    read = attrgetter(*members)
    single = len(members) == 1
    plain = _PLAIN

    def convert(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"_type": name}
        values = (read(value),) if single else read(value)
        for member_name, member in zip(members, values):
            if member is None:
                continue
            kind = type(member)
            if kind in plain:
                out[member_name] = member
            elif kind is tuple:
                if member:
                    out[member_name] = [to_data(v) for v in member]
            elif member != ():
                out[member_name] = to_data(member)
        return out

    return convert


def _converter_for(cls: type) -> _Converter:
    """The conversion rules, in order; the answer for ``cls`` is cached."""
    convert: _Converter
    if cls is type(None) or (issubclass(cls, (str, bool, int)) and not issubclass(cls, Enum)):
        convert = _same
    elif issubclass(cls, Enum):
        convert = _enum
    elif issubclass(cls, Decimal):
        convert = _decimal
    elif issubclass(cls, date):  # datetime too
        convert = _iso
    elif issubclass(cls, (tuple, list)):
        convert = _sequence
    elif issubclass(cls, dict):
        convert = _mapping
    elif dataclasses.is_dataclass(cls):
        convert = _dataclass(cls)
    elif issubclass(cls, bytes):
        convert = _latin1
    else:
        raise TypeError(f"cannot serialise {cls.__name__}")
    _CONVERTERS[cls] = convert
    return convert
