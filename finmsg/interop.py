"""Interop with pyiso20022 (xsdata bindings). Imported lazily: binding is slow and optional."""

from __future__ import annotations

import importlib
from typing import Any

from finmsg.errors import ConversionError
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


def to_pyiso20022(message: Message) -> Any:
    """Write ``message`` as XML, then bind it with the matching pyiso20022 Document class."""
    from xsdata.formats.dataclass.parsers import XmlParser

    from finmsg.api import write

    version = message.message_type[:15]
    xml = write(message, version).value
    from finmsg.iso20022.envelope import find_envelopes
    from finmsg.iso20022.xmlsafe import parse_xml

    document = find_envelopes(parse_xml(xml))[0].document
    module = _module_for(version)
    return XmlParser().parse(document, module.Document)


def pyiso20022_to_bytes(document: Any) -> bytes:
    """Serialise a pyiso20022 Document so finmsg can read it."""
    from xsdata.formats.dataclass.serializers import XmlSerializer
    from xsdata.formats.dataclass.serializers.config import SerializerConfig

    namespace = getattr(type(document).Meta, "namespace", None)
    text = XmlSerializer(config=SerializerConfig(xml_declaration=False)).render(
        document, ns_map={None: namespace} if namespace else None
    )
    return text.encode("utf-8")
