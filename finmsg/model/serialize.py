"""The canonical model as plain data (for JSON): stable, typed, round-trippable.

Every dataclass becomes a dict with a ``_type`` key naming its class; ``None``
members and empty tuples are left out so that documents stay small and diffs
readable. Decimals and dates become strings, so no precision is ever lost.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

__all__ = ["to_data"]


def to_data(value: Any) -> Any:
    """Convert a model object (or any nesting of them) to JSON-ready data."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"_type": type(value).__name__}
        for field in dataclasses.fields(value):
            member = getattr(value, field.name)
            if member is None or member == ():
                continue
            out[field.name] = to_data(member)
        return out
    if isinstance(value, bytes):
        return value.decode("latin-1")
    raise TypeError(f"cannot serialise {type(value).__name__}")
