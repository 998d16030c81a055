"""The ``json`` target: the canonical model serialised as JSON (write-only)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import UnknownFormatError
from finmsg.model.base import Message
from finmsg.model.serialize import to_data
from finmsg.registry import FormatHandler, RawMessage, register_format

__all__ = ["dumps_model"]


def dumps_model(message: Message) -> str:
    """Deterministic, indented JSON of a model object."""
    return json.dumps(to_data(message), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _write(message: Message, target: str, options: Mapping[str, Any]) -> Result[bytes]:
    return Result(dumps_model(message).encode("utf-8"))


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
