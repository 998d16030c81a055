"""Transport of mapped entry runs from a worker process back to the streaming parent.

Mapped entries travel from a worker back in a pickle. The default pickling of a frozen,
slotted dataclass goes through ``__getstate__``/``__setstate__`` written in Python (one
``object.__setattr__`` per field); unpickling that in the parent cost about half as much as
mapping the entry in the first place, which cancelled most of what a second process gains.
Reducing a model object to ``(cls, field values)`` makes unpickling call the class itself
(the model's fast ``__init__``): about a quarter of the cost, measured on the benchmark.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
from typing import Any

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.stream_runs import RunError, map_run
from finmsg.model.statements import Entry

__all__ = ["map_run_pickled", "unpickle_run"]

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


class _ModelPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if "__dataclass_fields__" in cls.__dict__:
            names = _field_names(cls)
            if names:
                return cls, tuple([getattr(obj, name) for name in names])
        return NotImplemented


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
    _ModelPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return out.getvalue()


def unpickle_run(blob: bytes) -> list[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """The other end of :func:`map_run_pickled` (raises the worker's :class:`RunError`)."""
    result = pickle.loads(blob)
    if isinstance(result, tuple):
        message, line, mapped = result
        raise RunError(message, line, mapped)
    mapped_run: list[tuple[Entry | None, tuple[Diagnostic, ...]]] = result
    return mapped_run
