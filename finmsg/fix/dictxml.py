"""QuickFIX XML dictionary files: safe parsing into an un-flattened form, and overlay merging.

Why separate from :mod:`finmsg.fix.dictionary`: this is the only code that touches
the XML (hardened lxml parser: no entities, no DTD, no network) and the only
place that knows the overlay rules; the compiled lookups live next door.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from finmsg.errors import ParseError

__all__ = ["Node", "RawDictionary", "merge", "read_raw", "read_source"]

# Raw (un-flattened) node: ("field", name, required) | ("component", name, required)
# | ("group", name, required, children)
Node = tuple[Any, ...]


@dataclass(slots=True)
class RawDictionary:
    """The XML content before flattening; overlays merge at this level."""

    kind: str = "FIX"
    major: str = ""
    minor: str = ""
    servicepack: str = "0"
    fields: dict[str, tuple[int, str, dict[str, str]]] = field(default_factory=dict)
    header: list[Node] = field(default_factory=list)
    trailer: list[Node] = field(default_factory=list)
    messages: dict[str, tuple[str, str, list[Node]]] = field(default_factory=dict)
    components: dict[str, list[Node]] = field(default_factory=dict)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def _nodes(elem: Any) -> list[Node]:
    out: list[Node] = []
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        req = child.get("required", "N").upper() == "Y"
        name = child.get("name", "")
        if child.tag == "group":
            out.append(("group", name, req, _nodes(child)))
        elif child.tag in ("field", "component"):
            out.append((child.tag, name, req))
    return out


def read_raw(data: bytes, source: str) -> RawDictionary:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"dictionary {source} is not well-formed XML: {exc}", code="fix.dictionary.xml", path=source
        ) from exc
    raw = RawDictionary(
        root.get("type", "FIX"),
        root.get("major", ""),
        root.get("minor", ""),
        root.get("servicepack", "0") or "0",
    )
    for elem in root.iterfind("fields/field"):
        enums = {v.get("enum", ""): v.get("description", "") for v in elem.iterfind("value")}
        try:
            number = int(elem.get("number", ""))
        except ValueError as exc:
            raise ParseError(
                f"field {elem.get('name')!r} has no valid number", code="fix.dictionary.field", path=source
            ) from exc
        raw.fields[elem.get("name", "")] = (number, elem.get("type", "STRING").upper(), enums)
    for name in ("header", "trailer"):
        elem = root.find(name)
        if elem is not None:
            getattr(raw, name).extend(_nodes(elem))
    for elem in root.iterfind("messages/message"):
        raw.messages[elem.get("msgtype", "")] = (
            elem.get("name", ""),
            elem.get("msgcat", "app"),
            _nodes(elem),
        )
    for elem in root.iterfind("components/component"):
        raw.components[elem.get("name", "")] = _nodes(elem)
    return raw


def _merge_nodes(base: list[Node], extra: list[Node]) -> list[Node]:
    """Append ``extra`` to ``base``; a group already in ``base`` gets the extra group's children."""
    out = list(base)
    for node in extra:
        same = next((i for i, old in enumerate(out) if old[0] == node[0] and old[1] == node[1]), None)
        if same is None:
            out.append(node)
        elif node[0] == "group":
            old = out[same]
            out[same] = ("group", old[1], old[2] or node[2], _merge_nodes(old[3], node[3]))
    return out


def merge(base: RawDictionary, overlay: RawDictionary) -> RawDictionary:
    """Overlay additions onto a copy of ``base``.

    Fields are added, or (same name) get the overlay's type and the union of enum values;
    messages, components, header and trailer get the overlay's fields and groups appended
    (a group of the same name is extended, so e.g. PartyRoleQualifier can join Parties).
    """
    out = RawDictionary(
        base.kind,
        base.major,
        base.minor,
        base.servicepack,
        dict(base.fields),
        list(base.header),
        list(base.trailer),
        dict(base.messages),
        dict(base.components),
    )
    for name, (number, ftype, enums) in overlay.fields.items():
        old = out.fields.get(name)
        out.fields[name] = (number, ftype, {**old[2], **enums} if old and old[2] and enums else enums)
    out.header = _merge_nodes(out.header, overlay.header)
    trailer = _merge_nodes([n for n in out.trailer if n[1] != "CheckSum"], overlay.trailer)
    out.trailer = trailer + [n for n in base.trailer if n[1] == "CheckSum"]
    for name, nodes in overlay.components.items():
        out.components[name] = _merge_nodes(out.components.get(name, []), nodes)
    for msg_type, (name, cat, nodes) in overlay.messages.items():
        if msg_type in out.messages:
            old_name, old_cat, old_nodes = out.messages[msg_type]
            out.messages[msg_type] = (old_name, old_cat, _merge_nodes(old_nodes, nodes))
        else:
            out.messages[msg_type] = (name, cat, nodes)
            msg_type_field = out.fields.get("MsgType")
            if msg_type_field is not None and msg_type_field[2]:
                number, ftype, enums = msg_type_field
                out.fields["MsgType"] = (number, ftype, {**enums, msg_type: name})
    return out


def read_source(source: Path | str | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "<bytes>"
    path = Path(source)
    try:
        return path.read_bytes(), path.name
    except OSError as exc:
        raise ParseError(
            f"cannot read dictionary {path}: {exc}", code="fix.dictionary.io", path=str(path)
        ) from exc
