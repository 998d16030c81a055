"""The canonical model as plain data (for JSON): stable, typed, round-trippable.

Every dataclass becomes a dict with a ``_type`` key naming its class; ``None``
members and empty tuples are left out so that documents stay small and diffs
readable. Decimals and dates become strings, so no precision is ever lost.

Why a converter per type: a batch run serialises hundreds of thousands of model
objects, and walking ``dataclasses.fields()`` plus an ``isinstance`` cascade for
every member dominated the cost. The first time a type is met, the cascade runs
once and its answer — a small function — is cached by exact type, so later
objects of that type go straight to it. For a dataclass that function is
written for the class, one block per field (as :mod:`dataclasses` writes
``__init__``), with members of exact type ``str``/``int``/``bool`` copied as
they are (enums subclass ``str``, hence *exact* types): 2.5 times fewer
instructions than the generic walk. The output is the one the cascade defines,
whatever the cache holds.

Why :func:`to_data_shallow` as well: even compiled, walking the whole tree in Python
cost four times what the JSON encoding of the result did. An encoder that recurses
by itself (``orjson`` with a ``default`` hook) only needs the one level it cannot
handle — a dataclass as a dict of its kept members, left unconverted; a Decimal, a
date, bytes as their strings — and walks lists, strings and numbers in C. Its
rules are :func:`to_data`'s, applied one level at a time, so the encoded document is
the same. Measured, it saves only about a tenth: the per-member Python work (about
1k instructions per member on this interpreter, ~60 members per message) is what
remains, and C-level alternatives tried (``attrgetter`` + ``compress``) were slower.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from finmsg.errors import ConversionError, amount_error

__all__ = [
    "amount_path",
    "name_amount",
    "plain_dataclass",
    "shallow_converter",
    "shallow_dataclass",
    "to_data",
    "to_data_shallow",
]

_Converter = Callable[[Any], Any]
_CONVERTERS: dict[type, _Converter] = {}
_SHALLOW: dict[type, _Converter] = {}


def to_data(value: Any) -> Any:
    """Convert a model object (or any nesting of them) to JSON-ready data.

    A Decimal that is not a finite number (NaN, Infinity), or a ``float`` where the model
    declares a Decimal, is no amount: :class:`~finmsg.errors.ConversionError` ``write.amount``
    naming where it is (``message.transactions[0].settlement_amount.value``), as every writer.
    """
    try:
        return _to_data(value)
    except ConversionError as exc:
        name_amount(exc, value)
        raise


def _to_data(value: Any) -> Any:
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _converter_for(type(value))
    return convert(value)


def name_amount(exc: ConversionError, root: Any) -> None:
    """Give a ``write.amount`` error raised while serialising ``root`` the path of the refused
    value (the converters do not track where they are: the walk happens only after a failure)."""
    if exc.code == "write.amount" and exc.path is None:
        exc.path = amount_path(root, exc.value)


def amount_path(root: Any, refused: object) -> str | None:
    """Where ``refused`` is in ``root`` (dataclasses, lists, tuples), as ``message.a[0].b``; failing
    that, where the first value no writer writes as an amount is (a float, a Decimal NaN or Infinity)."""
    for found in (lambda value: value is refused, _unwritable):
        path = _find(root, "message", found, 0)
        if path is not None:
            return path
    return None


def _unwritable(value: object) -> bool:
    return isinstance(value, float) or (isinstance(value, Decimal) and not value.is_finite())


def _find(value: object, path: str, found: Callable[[object], bool], depth: int) -> str | None:
    if found(value):
        return path
    if depth > 32:
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for member in dataclasses.fields(value):
            hit = _find(getattr(value, member.name, None), f"{path}.{member.name}", found, depth + 1)
            if hit is not None:
                return hit
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            hit = _find(item, f"{path}[{n}]", found, depth + 1)
            if hit is not None:
                return hit
    return None


def _same(value: Any) -> Any:
    return value


def _enum(value: Enum) -> Any:
    return value.value


def _decimal(value: Decimal) -> str:
    if value.is_finite():
        return format(value, "f")
    raise amount_error(value)  # JSON wrote "NaN" / "Infinity": no amount in any format


def _iso(value: date) -> str:
    return value.isoformat()


def _sequence(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [_to_data(v) for v in value]


def _mapping(value: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): _to_data(v) for k, v in value.items()}


def _latin1(value: bytes) -> str:
    return value.decode("latin-1")


def _dataclass(cls: type) -> _Converter:
    """A converter written for ``cls``: one block per field, in declaration order."""
    lines = ["def convert(value):", f"    out = {{'_type': {cls.__name__!r}}}"]
    for field in dataclasses.fields(cls):
        member = field.name
        if not member.isidentifier():  # pragma: no cover - dataclass fields are identifiers
            raise TypeError(f"cannot serialise field {member!r}")
        lines += [
            f"    m = value.{member}",
            "    if m is not None:",
            "        k = type(m)",
            "        if k is str or k is int or k is bool:",
            f"            out[{member!r}] = m",
            "        elif k is tuple:",
            "            if m:",
            f"                out[{member!r}] = [to_data(v) for v in m]",
        ]
        if "Decimal" in _declared_names(field):
            lines += ["        elif k is float:", "            raise refused(m)"]
        lines += [
            "        elif m or not isinstance(m, tuple):",  # not ``m != ()``: that calls __eq__
            "            c = cached(k)",
            f"            out[{member!r}] = c(m) if c is not None else to_data(m)",
        ]
    lines.append("    return out")
    namespace: dict[str, Any] = {"to_data": _to_data, "cached": _CONVERTERS.get, "refused": amount_error}
    exec("\n".join(lines), namespace)  # the source holds only checked field names and the class name
    convert: _Converter = namespace["convert"]
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


def to_data_shallow(value: Any) -> Any:
    """One level of :func:`to_data`, for an encoder that recurses itself (an ``orjson`` ``default``).

    A dataclass becomes the dict :func:`to_data` gives, except that its members are left
    as they are; a Decimal, a date (or datetime), bytes, an enum or a tuple subclass becomes
    what :func:`to_data` gives. The encoder must handle ``str``, ``int``, ``bool``, ``None``,
    enums, lists, tuples and dicts with string keys natively and call this for anything else.
    """
    convert = _SHALLOW.get(type(value))
    if convert is None:
        convert = _shallow_for(type(value))
    return convert(value)


def shallow_converter(cls: type) -> Callable[[Any], Any]:
    """The function :func:`to_data_shallow` applies to a value of exact type ``cls`` (for an
    encoder hook that keeps its own cache: one Python call per value instead of two)."""
    convert = _SHALLOW.get(cls)
    return convert if convert is not None else _shallow_for(cls)


def _tuple_as_list(value: tuple[Any, ...]) -> list[Any]:
    return list(value)


def _shallow_dataclass(cls: type, leaves: Mapping[type, _Converter] | None = None) -> _Converter:
    """The kept members of a ``cls`` instance, unconverted, after ``_type`` (same order as ``to_data``).

    ``leaves``: converters by exact type (a Decimal, a date...) applied in place to a member whose
    declared type names that type, so that the encoder need not call back for it: one call from C
    into Python less per such value. Others stay unconverted (the encoder's hook gets them)."""
    lines = ["def convert(value):", f"    out = {{'_type': {cls.__name__!r}}}"]
    namespace: dict[str, Any] = {"refused": amount_error}
    for field in dataclasses.fields(cls):
        member = field.name
        if not member.isidentifier():  # pragma: no cover - dataclass fields are identifiers
            raise TypeError(f"cannot serialise field {member!r}")
        lines += [
            f"    m = value.{member}",
            # left out: None and empty tuples (``m or``: the common, truthy case costs one test)
            "    if m is not None and (m or not isinstance(m, tuple)):",
        ]
        declared = _declared_names(field)
        inline = [(n, kind) for n, kind in enumerate(leaves or ()) if kind.__name__ in declared]
        indent = "        "
        if inline:
            lines.append("        k = type(m)")
            for count, (n, kind) in enumerate(inline):
                namespace[f"T{n}"], namespace[f"leaf{n}"] = kind, (leaves or {})[kind]
                lines += [
                    f"        {'elif' if count else 'if'} k is T{n}:",
                    f"            out[{member!r}] = leaf{n}(m)",
                ]
            lines.append("        else:")
            indent = "            "
        if "Decimal" in declared:  # orjson would write a float as a number (a float NaN as null)
            lines += [f"{indent}if type(m) is float:", f"{indent}    raise refused(m)"]
        lines.append(f"{indent}out[{member!r}] = m")
    lines.append("    return out")
    exec("\n".join(lines), namespace)  # the source holds only checked field names and the class name
    convert: _Converter = namespace["convert"]
    return convert


def _declared_names(field: dataclasses.Field[Any]) -> set[str]:
    """The names in a field's annotation (``Decimal | None`` -> Decimal, None)."""
    kind = field.type
    text = kind if isinstance(kind, str) else getattr(kind, "__name__", repr(kind))
    return set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text))


def plain_dataclass(cls: type) -> bool:
    """Whether ``cls`` is serialised as a dataclass (a dict of its members) rather than by a base type."""
    return dataclasses.is_dataclass(cls) and not issubclass(cls, _NOT_PLAIN_DATACLASS)


def shallow_dataclass(cls: type, leaves: Mapping[type, Callable[[Any], Any]]) -> Callable[[Any], Any]:
    """For a :func:`plain_dataclass`: :func:`to_data_shallow`'s converter, with the ``leaves``
    members converted in place (each leaf must give what :func:`to_data` gives; not cached here)."""
    return _shallow_dataclass(cls, leaves)


#: Kinds that ``to_data`` converts by their base type even when they are dataclasses.
_NOT_PLAIN_DATACLASS = (str, int, Enum, Decimal, date, tuple, list, dict)


def _shallow_for(cls: type) -> _Converter:
    """:func:`_converter_for`'s rules for the types an encoder hands over; cached for ``cls``."""
    convert: _Converter
    if plain_dataclass(cls):
        convert = _shallow_dataclass(cls)
    elif issubclass(cls, (tuple, list)) and not issubclass(cls, Enum):
        convert = _tuple_as_list
    else:
        convert = _converter_for(cls)  # leaves: the same functions as ``to_data``'s
        if convert is _sequence or convert is _mapping or convert is _same:  # pragma: no cover - defensive
            raise TypeError(f"cannot serialise {cls.__name__} one level at a time")
    _SHALLOW[cls] = convert
    return convert
