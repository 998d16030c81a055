"""ISO 20022 message codecs keyed by message family (``pacs.008``) and so by namespace URN.

Every module in :mod:`finmsg.iso20022.messages` exposes ``CODECS``; the catalog
discovers them on first use, so adding a message family never edits a central list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from finmsg.errors import UnknownFormatError
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.base import Message
from finmsg.model.payments import AppHeader

__all__ = ["MessageCodec", "codec_for", "codecs", "known_family"]

Reader = Callable[[Node, str, "AppHeader | None"], Message]
Writer = Callable[[WNode, Any], None]


@dataclass(frozen=True, slots=True)
class MessageCodec:
    """Reader and writer of one message family across its versions.

    ``versions`` lists the versions finmsg reads and writes (each has a vendored XSD
    or a pyiso20022-derived structure); ``default_version`` is used when a target
    names only the family (``--to pacs.008``).
    """

    family: str
    root: str
    model: type[Message]
    read: Reader
    write: Writer
    versions: tuple[str, ...]
    default_version: str


#: Where the built-in families live, so that reading one message imports one module.
#: Only a speed hint: a family missing here is still found by scanning the package.
_HINTS = {
    "pacs.008": "credit_transfer",
    "pacs.009": "credit_transfer",
    "pacs.002": "status_report",
    "pain.002": "status_report",
    "pacs.004": "payment_return",
    "camt.052": "statements",
    "camt.053": "statements",
    "camt.054": "statements",
    "camt.056": "cancellation",
    "camt.029": "resolution",
    "pain.001": "initiation",
    "admi.024": "correspondence",
    "sese.023": "securities_settlement",
    "sese.025": "securities_settlement",
    "setr.027": "trade_confirmation",
}
_FOUND: dict[str, MessageCodec] = {}
_PACKAGE = "finmsg.iso20022.messages"


def _load(module_name: str) -> None:
    module = importlib.import_module(f"{_PACKAGE}.{module_name}")
    for codec in getattr(module, "CODECS", ()):
        _FOUND[codec.family] = codec


@cache
def _catalog() -> dict[str, MessageCodec]:
    """Every codec of the package (imports every message module once)."""
    import finmsg.iso20022.messages as package

    for info in pkgutil.iter_modules(package.__path__):
        _load(info.name)
    return _FOUND


def _lookup(family: str) -> MessageCodec | None:
    if family not in _FOUND and family in _HINTS:
        _load(_HINTS[family])
    return _FOUND.get(family) or _catalog().get(family)


def _is_message_id(text: str) -> bool:
    parts = text.split(".")
    if len(parts) < 4 or len(parts[0]) != 4 or not parts[0].isalpha():
        return False
    return all(p.isdigit() for p in parts[1:4])


def _generic_codec(message_id: str) -> MessageCodec:
    from finmsg.iso20022.messages.generic import GenericDocument, read_generic, write_generic

    version = ".".join(message_id.split(".")[:4])
    return MessageCodec(message_id[:8], "", GenericDocument, read_generic, write_generic, (version,), version)


def codecs() -> list[MessageCodec]:
    return sorted(_catalog().values(), key=lambda c: c.family)


def known_family(message_id: str) -> bool:
    return _lookup(message_id[:8]) is not None


def codec_for(message_id: str) -> MessageCodec:
    """The codec of ``pacs.008.001.08`` (or of the bare family ``pacs.008``)."""
    codec = _lookup(message_id[:8])
    if codec is None:
        if _is_message_id(message_id):
            return _generic_codec(message_id)
        raise UnknownFormatError(
            f"no ISO 20022 message {message_id} in finmsg (it reads and writes "
            f"{', '.join(sorted(_catalog()))})",
            code="iso.unsupported-message",
            value=message_id,
        )
    return codec
