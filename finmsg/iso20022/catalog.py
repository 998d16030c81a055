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


@cache
def _catalog() -> dict[str, MessageCodec]:
    import finmsg.iso20022.messages as package

    found: dict[str, MessageCodec] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for codec in getattr(module, "CODECS", ()):
            found[codec.family] = codec
    return found


def _is_message_id(text: str) -> bool:
    parts = text.split(".")
    return (
        len(parts) >= 4 and len(parts[0]) == 4 and parts[0].isalpha() and all(p.isdigit() for p in parts[1:4])
    )


def _generic_codec(message_id: str) -> MessageCodec:
    from finmsg.iso20022.messages.generic import GenericDocument, read_generic, write_generic

    version = ".".join(message_id.split(".")[:4])
    return MessageCodec(message_id[:8], "", GenericDocument, read_generic, write_generic, (version,), version)


def codecs() -> list[MessageCodec]:
    return sorted(_catalog().values(), key=lambda c: c.family)


def known_family(message_id: str) -> bool:
    return message_id[:8] in _catalog()


def codec_for(message_id: str) -> MessageCodec:
    """The codec of ``pacs.008.001.08`` (or of the bare family ``pacs.008``)."""
    codec = _catalog().get(message_id[:8])
    if codec is None:
        if _is_message_id(message_id):
            return _generic_codec(message_id)
        raise UnknownFormatError(
            f"no ISO 20022 reader for {message_id}; supported: {', '.join(sorted(_catalog()))}",
            code="iso.unsupported-message",
            value=message_id,
        )
    return codec
