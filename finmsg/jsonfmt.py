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
``float`` member, which ``to_data`` refuses, is written by orjson as a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import UnknownFormatError
from finmsg.model.base import Message
from finmsg.model.serialize import to_data, to_data_shallow
from finmsg.registry import FormatHandler, OptionSpec, RawMessage, declare_options, register_format

__all__ = ["dumps_compact", "dumps_indented", "dumps_model", "dumps_model_bytes"]


def _stdlib(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _stdlib_compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _stdlib_model(message: Message) -> bytes:
    return _encode(to_data(message))


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

    def shallow(value: Any) -> Any:
        try:
            return to_data_shallow(value)
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
