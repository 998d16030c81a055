"""simplefix interop: ``to_simplefix`` and ``from_simplefix``.

Why: simplefix is what many Python FIX users already hold. The bridge goes
through the wire form, so both directions reuse finmsg's writer (dictionary
order, checksums) and reader (validation, mapping); simplefix is imported
lazily so ``import finmsg`` never pays for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import ConversionError
from finmsg.fix.reader import read_message
from finmsg.fix.writer import write_message
from finmsg.model.trading import TradingMessage

__all__ = ["from_simplefix", "to_simplefix"]


def to_simplefix(msg: TradingMessage, target: str = "fix") -> Any:
    """The model as a ``simplefix.FixMessage`` (fields in finmsg's dictionary order, 9/10 included)."""
    import simplefix

    data = write_message(msg, target).value
    out = simplefix.FixMessage()
    for part in data.split(b"\x01")[:-1]:
        tag, _, value = part.partition(b"=")
        out.append_pair(int(tag), value)
    return out


def from_simplefix(fixmsg: Any, options: Mapping[str, Any] | None = None) -> Result[TradingMessage]:
    """Read a ``simplefix.FixMessage`` into the model (validated like any other input).

    BodyLength and CheckSum are recomputed by simplefix when the message lacks them.
    """
    encode = getattr(fixmsg, "encode", None)
    if encode is None or not hasattr(fixmsg, "pairs"):
        raise ConversionError(
            f"{type(fixmsg).__name__} is not a simplefix.FixMessage",
            code="fix.interop.type",
            value=type(fixmsg).__name__,
        )
    tags = {int(t) for t, _ in fixmsg.pairs}
    data = encode(raw=9 in tags and 10 in tags)
    return read_message(bytes(data), options)
