"""Transport of mapped entry runs from a worker process back to the streaming parent.

Mapped entries travel from a worker back in a pickle. The default pickling of a frozen,
slotted dataclass goes through ``__getstate__``/``__setstate__`` written in Python (one
``object.__setattr__`` per field); unpickling that in the parent cost about half as much as
mapping the entry in the first place, which cancelled most of what a second process gains.
Reducing a model object to ``(cls, field values)`` makes unpickling call the class itself
(the model's fast ``__init__``): about a quarter of the cost, measured on the benchmark.

The reduction itself is looked up in a per-class dispatch table rather than through
``Pickler.reducer_override``: that hook is a Python call for *every* non-builtin object
(each ``Decimal`` and ``date`` too), and it collected the field values one ``getattr`` at a
time. The table is consulted by the C pickler, maps other classes to their own
``__reduce_ex__`` (what the pickler calls without a table), and reads a model object's
fields with one ``operator.attrgetter`` call. Pickling a run became about six times cheaper
(it had cost more than a third of mapping the run in the worker).
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import operator
import pickle
from collections.abc import Callable
from typing import Any

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.stream_runs import RunError, map_run
from finmsg.model.statements import Entry

__all__ = ["map_run_pickled", "unpickle_run"]

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """Field names to rebuild ``cls`` positionally; () when its init is not a plain store."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        init = cls.__dict__.get("__init__")
        plain = getattr(init, "__finmsg_fast__", False) and not any(f.kw_only for f in fields)
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields) if plain else ()
    return names


def _model_reducer(cls: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """``obj -> (cls, field values)`` for a model dataclass rebuilt positionally, else None."""
    if "__dataclass_fields__" not in cls.__dict__:
        return None
    names = _field_names(cls)
    if not names:
        return None
    if len(names) == 1:
        name = names[0]
        return lambda obj: (cls, (getattr(obj, name),))
    values = operator.attrgetter(*names)  # one C call returning the tuple of all fields
    return lambda obj: (cls, values(obj))


class _Reducers(dict[type, Callable[[Any], Any]]):
    """``Pickler.dispatch_table``: each class's reduction, decided once per class.

    Classes themselves (also those with a metaclass, such as enums) are left out (KeyError):
    the pickler then saves them by reference, as it does without a table.
    """

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        if issubclass(cls, type):
            raise KeyError(cls)
        reducer = copyreg.dispatch_table.get(cls) or _model_reducer(cls)
        if reducer is None:
            reducer = operator.methodcaller("__reduce_ex__", _PROTOCOL)
        self[cls] = reducer
        return reducer


class _ModelPickler(pickle.Pickler):
    dispatch_table = _Reducers()


def map_run_pickled(
    data: bytes,
    nsmap: dict[str | None, str],
    path_prefix: str,
    first_index: int,
    include_details: bool,
) -> bytes:
    """:func:`map_run` for a worker process: the result (or the :class:`RunError`) pickled."""
    try:
        result: object = map_run(data, nsmap, path_prefix, first_index, include_details)
    except RunError as exc:
        result = (exc.message, exc.line, exc.mapped)
    out = io.BytesIO()
    _ModelPickler(out, protocol=_PROTOCOL).dump(result)
    return out.getvalue()


def unpickle_run(blob: bytes) -> list[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """The other end of :func:`map_run_pickled` (raises the worker's :class:`RunError`)."""
    result = pickle.loads(blob)
    if isinstance(result, tuple):
        message, line, mapped = result
        raise RunError(message, line, mapped)
    mapped_run: list[tuple[Entry | None, tuple[Diagnostic, ...]]] = result
    return mapped_run
