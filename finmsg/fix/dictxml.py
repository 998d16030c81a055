"""QuickFIX XML dictionary files: safe parsing into an un-flattened form, and overlay merging.

Why separate from :mod:`finmsg.fix.dictionary`: this is the only code that touches
the XML (hardened lxml parser: no entities, no DTD, no network) and the only
place that knows the overlay rules; the compiled lookups live next door.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

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


def _parser(target: Any = None) -> etree.XMLParser:
    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )


# What the children of an open element are, for :class:`_Collector` (see ``start``).
_IGNORE, _ROOT, _FIELDS, _FIELD, _MESSAGES, _COMPONENTS, _NODES = range(7)


class _Collector:
    """An lxml parser target that fills a :class:`RawDictionary` as the elements stream past.

    Why not a tree: reading the tree back cost a Python proxy per element and a call per
    attribute (about two thirds of loading FIX.4.4, a serial start-up cost of every run that
    meets FIX); here lxml hands each start tag over once, with its attributes as a dict.
    What is read is exactly what the tree walk read: the root's attributes; each
    ``fields/field`` (its direct ``value`` children as enums); the first ``header`` and
    ``trailer``; each ``messages/message`` and ``components/component``; in those, ``field``,
    ``component`` and (recursively) ``group`` children. Anything else, and whatever lies
    below a ``field`` or ``component`` reference, is skipped. A field number that is not an
    integer is reported when the document has been read whole, so that a syntax error
    anywhere still wins, as it did when the tree was built first.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.raw = RawDictionary()
        # one (kind, payload) per open element: what its children are and where they go
        self.stack: list[tuple[int, Any]] = []
        self.seen: set[str] = set()
        self.error: ParseError | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        stack = self.stack
        if not stack:
            raw = self.raw
            raw.kind = attrib.get("type", "FIX")
            raw.major = attrib.get("major", "")
            raw.minor = attrib.get("minor", "")
            raw.servicepack = attrib.get("servicepack", "0") or "0"
            stack.append((_ROOT, None))
            return
        kind, payload = stack[-1]
        if kind == _NODES:
            if tag == "group":
                children: list[Node] = []
                payload.append(
                    ("group", attrib.get("name", ""), attrib.get("required", "N").upper() == "Y", children)
                )
                stack.append((_NODES, children))
                return
            if tag == "field" or tag == "component":
                payload.append((tag, attrib.get("name", ""), attrib.get("required", "N").upper() == "Y"))
        elif kind == _FIELD:
            if tag == "value":
                payload[attrib.get("enum", "")] = attrib.get("description", "")
        elif kind == _FIELDS:
            if tag == "field":
                enums: dict[str, str] = {}
                self._field(attrib, enums)
                stack.append((_FIELD, enums))
                return
        elif kind == _MESSAGES:
            if tag == "message":
                nodes: list[Node] = []
                name, category = attrib.get("name", ""), attrib.get("msgcat", "app")
                self.raw.messages[attrib.get("msgtype", "")] = (name, category, nodes)
                stack.append((_NODES, nodes))
                return
        elif kind == _COMPONENTS:
            if tag == "component":
                nodes = []
                self.raw.components[attrib.get("name", "")] = nodes
                stack.append((_NODES, nodes))
                return
        elif kind == _ROOT:
            if tag == "fields":
                stack.append((_FIELDS, None))
                return
            if tag == "messages":
                stack.append((_MESSAGES, None))
                return
            if tag == "components":
                stack.append((_COMPONENTS, None))
                return
            if (tag == "header" or tag == "trailer") and tag not in self.seen:
                self.seen.add(tag)
                stack.append((_NODES, self.raw.header if tag == "header" else self.raw.trailer))
                return
        stack.append((_IGNORE, None))

    def _field(self, attrib: dict[str, str], enums: dict[str, str]) -> None:
        try:
            number = int(attrib.get("number", ""))
        except ValueError as exc:
            if self.error is None:
                self.error = ParseError(
                    f"field {attrib.get('name')!r} has no valid number",
                    code="fix.dictionary.field",
                    path=self.source,
                )
                self.error.__cause__ = exc
            return
        self.raw.fields[attrib.get("name", "")] = (number, attrib.get("type", "STRING").upper(), enums)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def close(self) -> RawDictionary:
        return self.raw  # lxml calls this on a syntax error too: the field error waits for read_raw


def read_raw(data: bytes, source: str) -> RawDictionary:
    collector = _Collector(source)
    try:
        raw = cast(RawDictionary, etree.fromstring(data, _parser(collector)))  # the target's close()
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"dictionary {source} is not well-formed XML: {exc}", code="fix.dictionary.xml", path=source
        ) from exc
    if collector.error is not None:
        raise collector.error
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
