"""Interop with pyiso20022 (xsdata bindings). Imported lazily: binding is slow and optional."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from finmsg.errors import ConversionError, InputError
from finmsg.model.base import Message

__all__ = ["pyiso20022_to_bytes", "to_pyiso20022"]


def _module_for(message_id: str) -> Any:
    area, number, variant, version = message_id.split(".")[:4]
    name = f"pyiso20022.{area}.{area}_{number}_{variant}_{version}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        raise ConversionError(
            f"pyiso20022 has no binding for {message_id}", code="interop.pyiso20022", value=message_id
        ) from None


def to_pyiso20022(message: Message | bytes | bytearray | memoryview | str | Path) -> Any:
    """Write ``message`` as XML, then bind it with the matching pyiso20022 Document class.

    Input that is not yet a model object (bytes, text, a :class:`~pathlib.Path`) is read with
    :func:`finmsg.parse` first. pyiso20022 binds ISO 20022 only: an MT or FIX message raises a
    :class:`ConversionError` (``interop.not-iso20022``) naming the conversion to run first.
    """
    from xsdata.formats.dataclass.parsers import XmlParser

    from finmsg.api import parse, write

    if isinstance(message, bytes | bytearray | memoryview | str | Path):
        message = parse(message).value
    if not isinstance(message, Message):
        raise InputError(
            f"to_pyiso20022 takes a finmsg message (finmsg.parse(...).value), bytes, str or a Path, "
            f"not a {type(message).__name__}",
            code="input.type",
            value=type(message).__name__,
        )
    if message.family != "iso20022":
        raise _not_iso20022(message)
    version = message.message_type[:15]
    xml = write(message, version).value
    from finmsg.iso20022.envelope import find_envelopes
    from finmsg.iso20022.xmlsafe import parse_xml

    document = find_envelopes(parse_xml(xml))[0].document
    module = _module_for(version)
    return XmlParser().parse(document, module.Document)


def _not_iso20022(message: Message) -> ConversionError:
    """The error for an MT or FIX message, naming the ISO 20022 message(s) it converts to."""
    from finmsg.translate.registry import pairs

    targets = sorted(
        {
            target
            for pair in pairs()
            if pair.source_family == message.family and pair.accepts(message)
            for target in pair.produces
            if "." in target  # ISO 20022 names (pacs.008); MT and FIX targets have none
        }
    )
    kind = f"{message.family.upper()} {message.message_type}"
    if not targets:
        advice = "finmsg has no translation of it to ISO 20022"
    else:
        which = f" to one of {', '.join(targets)}" if len(targets) > 1 else ""
        call = f"finmsg.to_pyiso20022(finmsg.convert(message, {targets[0]!r}).value)"
        advice = f"convert it first{which}: {call}"
    return ConversionError(
        f"pyiso20022 binds ISO 20022 messages only, and this is {kind}; {advice}",
        code="interop.not-iso20022",
        value=message.message_type,
    )


def pyiso20022_to_bytes(document: Any) -> bytes:
    """Serialise a pyiso20022 Document so finmsg can read it."""
    from xsdata.formats.dataclass.serializers import XmlSerializer
    from xsdata.formats.dataclass.serializers.config import SerializerConfig

    namespace = getattr(type(document).Meta, "namespace", None)
    text = XmlSerializer(config=SerializerConfig(xml_declaration=False)).render(
        document, ns_map={None: namespace} if namespace else None
    )
    return text.encode("utf-8")
