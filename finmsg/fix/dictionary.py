"""QuickFIX XML data dictionaries: lazy, cached, compiled into set/dict lookups.

Why: validation must answer "is tag T allowed here, required, of what format,
with which enum values?" for every field of every message. The XML is read once
per version (``functools.lru_cache``), components are flattened, and each
message/group becomes a :class:`Section` of frozensets and dicts, so the hot
path is a few hash lookups per field.

FIXT.1.1 splits the transport (header, trailer, session messages) from the
application version chosen by ApplVerID (1128) or the session's
DefaultApplVerID (1137); :func:`for_message` merges the two. Overlays (a user
XML file in QuickFIX format holding only additions) add venue fields,
user-defined tags (>= 5000), messages, or fields of existing messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from finmsg.errors import ParseError

__all__ = [
    "APPL_VER_IDS",
    "Dictionary",
    "FieldDef",
    "Section",
    "for_message",
    "load",
    "load_file",
    "version_name",
]

#: ApplVerID (1128) code -> dictionary file stem.
APPL_VER_IDS: Mapping[str, str] = {
    "2": "FIX40",
    "3": "FIX41",
    "4": "FIX42",
    "5": "FIX43",
    "6": "FIX44",
    "7": "FIX50",
    "8": "FIX50SP1",
    "9": "FIX50SP2",
}
_BEGIN_STRINGS = {
    "FIX.4.0": "FIX40",
    "FIX.4.1": "FIX41",
    "FIX.4.2": "FIX42",
    "FIX.4.3": "FIX43",
    "FIX.4.4": "FIX44",
    "FIXT.1.1": "FIXT11",
    "FIX.5.0": "FIX50",
    "FIX.5.0SP1": "FIX50SP1",
    "FIX.5.0SP2": "FIX50SP2",
}
_INT = r"-?[0-9]+"
_FLOAT = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_DATE = r"[0-9]{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:\.[0-9]{1,9})?)?"
_TZ = r"(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)"
#: FIX data type -> anchored pattern the value must match (types absent here are free text).
_FORMATS: Mapping[str, str] = {
    "INT": _INT,
    "LENGTH": r"[0-9]+",
    "NUMINGROUP": r"[0-9]+",
    "SEQNUM": r"[0-9]+",
    "TAGNUM": r"[0-9]+",
    "DAYOFMONTH": r"(?:0?[1-9]|[12][0-9]|3[01])",
    "FLOAT": _FLOAT,
    "PRICE": _FLOAT,
    "QTY": _FLOAT,
    "AMT": _FLOAT,
    "PRICEOFFSET": _FLOAT,
    "PERCENTAGE": _FLOAT,
    "CHAR": r".",
    "BOOLEAN": r"[YN]",
    "UTCTIMESTAMP": rf"{_DATE}-(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]{{1,9}})?",
    "UTCTIMEONLY": _TIME,
    "UTCDATEONLY": _DATE,
    "UTCDATE": _DATE,
    "LOCALMKTDATE": _DATE,
    "DATE": _DATE,
    "MONTHYEAR": r"[0-9]{4}(?:0[1-9]|1[0-2])(?:(?:0[1-9]|[12][0-9]|3[01])|w[1-5])?",
    "TZTIMEONLY": rf"{_TIME}{_TZ}",
    "TZTIMESTAMP": rf"{_DATE}-{_TIME}{_TZ}",
    "LOCALMKTTIME": _TIME,
    "TIME": rf"{_DATE}-{_TIME}",
}
_MULTI = frozenset({"MULTIPLEVALUESTRING", "MULTIPLESTRINGVALUE", "MULTIPLECHARVALUE"})
Check = Callable[[str], Any]


@cache
def _checker(type_name: str) -> Check | None:
    pattern = _FORMATS.get(type_name)
    return re.compile(pattern, re.DOTALL).fullmatch if pattern else None


@dataclass(frozen=True, slots=True)
class FieldDef:
    """One field of the dictionary: number, name, FIX type and enum values (if restricted)."""

    tag: int
    name: str
    type: str
    enums: frozenset[str] | None = None
    enum_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def multiple(self) -> bool:
        return self.type in _MULTI


@dataclass(slots=True)
class Section:
    """Flattened content of a message, group entry, header or trailer.

    ``order`` is dictionary order (for writers), ``allowed``/``required`` are the
    tags at this level, ``groups`` maps a NumInGroup tag to its entry section.
    ``delimiter`` is the first field of a group entry (0 for non-groups).
    """

    name: str
    order: tuple[int, ...]
    allowed: frozenset[int]
    required: frozenset[int]
    groups: dict[int, Section]
    delimiter: int = 0


# Raw (un-flattened) node: ("field", name, required) | ("component", name, required)
# | ("group", name, required, children)
Node = tuple[Any, ...]


@dataclass(slots=True)
class _Raw:
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


def _read_raw(data: bytes, source: str) -> _Raw:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"dictionary {source} is not well-formed XML: {exc}", code="fix.dictionary.xml", path=source
        ) from exc
    raw = _Raw(
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


def _merge(base: _Raw, overlay: _Raw) -> _Raw:
    """Overlay additions onto a copy of ``base``.

    Fields are added, or (same name) get the overlay's type and the union of enum values;
    messages, components, header and trailer get the overlay's fields and groups appended
    (a group of the same name is extended, so e.g. PartyRoleQualifier can join Parties).
    """
    out = _Raw(
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


class Dictionary:
    """A compiled data dictionary (one FIX version, optionally merged with FIXT and overlays)."""

    def __init__(self, raw: _Raw, name: str) -> None:
        self.name = name
        self._raw = raw
        self.begin_string = self._begin_string(raw)
        self.fields: dict[int, FieldDef] = {}
        self.tags: dict[str, int] = {}
        for fname, (number, ftype, enums) in raw.fields.items():
            self.fields[number] = FieldDef(number, fname, ftype, frozenset(enums) if enums else None, enums)
            self.tags[fname] = number
        #: Format checker (``re.Pattern.fullmatch``) per tag, only for types with a syntax.
        self.checks: dict[int, Check] = {}
        for tag, fdef in self.fields.items():
            check = _checker(fdef.type)
            if check is not None:
                self.checks[tag] = check
        self.enums: dict[int, frozenset[str]] = {t: f.enums for t, f in self.fields.items() if f.enums}
        self.multiple: frozenset[int] = frozenset(t for t, f in self.fields.items() if f.multiple)
        #: Length field -> data field, for the tokenizer.
        self.data_fields: dict[int, int] = {}
        for tag, fdef in self.fields.items():
            if fdef.type == "DATA" or fdef.type == "XMLDATA":
                length_tag = self._length_of(fdef)
                if length_tag:
                    self.data_fields[length_tag] = tag
        #: Tag -> (format check, enum values) for tags that have either; the validator's hot lookup.
        self.special: dict[int, tuple[Check | None, frozenset[str] | None]] = {
            tag: (self.checks.get(tag), self.enums.get(tag)) for tag in {*self.checks, *self.enums}
        }
        self._shape_cache: dict[tuple[Any, ...], Any] | None = None
        self._layouts: dict[str, tuple[dict[int, int], dict[int, Section], Section] | None] = {}
        self.header = self._section("header", raw.header)
        self.trailer = self._section("trailer", raw.trailer)
        self.messages: dict[str, Section] = {}
        self.message_names: dict[str, str] = {t: n for t, (n, _, _) in raw.messages.items()}
        self.admin: frozenset[str] = frozenset(t for t, (_, c, _) in raw.messages.items() if c == "admin")

    @staticmethod
    def _begin_string(raw: _Raw) -> str:
        if raw.kind == "FIXT":
            return f"FIXT.{raw.major}.{raw.minor}"
        if raw.major == "5":
            sp = f"SP{raw.servicepack}" if raw.servicepack not in ("", "0") else ""
            return f"FIX.5.{raw.minor}{sp}"
        return f"FIX.{raw.major}.{raw.minor}"

    def _length_of(self, fdef: FieldDef) -> int:
        for guess in (fdef.name + "Len", fdef.name + "Length", fdef.name.removesuffix("Data") + "DataLen"):
            tag = self.tags.get(guess)
            if tag and self.fields[tag].type == "LENGTH":
                return tag
        # Encoded* fields pair with Encoded*Len; RawData with RawDataLength; Signature with SignatureLength.
        for fname, tag in self.tags.items():
            if self.fields[tag].type == "LENGTH" and fname.startswith(fdef.name) and tag < fdef.tag:
                return tag
        return 0

    def _flatten(self, nodes: Iterable[Node], required: bool, depth: int = 0) -> list[tuple[Any, ...]]:
        """Expand components: -> [("field", tag, req)] | [("group", tag, req, children)]."""
        if depth > 50:
            raise ParseError(
                "dictionary components nest too deeply (cycle?)", code="fix.dictionary.cycle", path=self.name
            )
        out: list[tuple[Any, ...]] = []
        for node in nodes:
            kind, name, req = node[0], node[1], node[2] and required
            if kind == "component":
                if name not in self._raw.components:
                    raise ParseError(
                        f"unknown component {name!r}",
                        code="fix.dictionary.component",
                        path=self.name,
                        value=name,
                    )
                out.extend(self._flatten(self._raw.components[name], req, depth + 1))
                continue
            tag = self.tags.get(name)
            if tag is None:
                raise ParseError(
                    f"unknown field {name!r}", code="fix.dictionary.field", path=self.name, value=name
                )
            if kind == "group":
                out.append(("group", tag, req, self._flatten(node[3], True, depth + 1)))
            else:
                out.append(("field", tag, req))
        return out

    def _compile(self, name: str, flat: list[tuple[Any, ...]], delimiter: int = 0) -> Section:
        order = tuple(n[1] for n in flat)
        required = frozenset(n[1] for n in flat if n[2])
        groups = {}
        for node in flat:
            if node[0] == "group":
                children = node[3]
                groups[node[1]] = self._compile(
                    self.fields[node[1]].name, children, children[0][1] if children else 0
                )
        return Section(name, order, frozenset(order), required, groups, delimiter)

    def _section(self, name: str, nodes: list[Node]) -> Section:
        return self._compile(name, self._flatten(nodes, True))

    def message(self, msg_type: str) -> Section | None:
        """The compiled body of ``msg_type`` (cached), or ``None`` when the type is not defined."""
        section = self.messages.get(msg_type)
        if section is None and msg_type in self._raw.messages:
            name, _, nodes = self._raw.messages[msg_type]
            section = self.messages[msg_type] = self._section(name, nodes)
        return section

    def layout(self, msg_type: str) -> tuple[dict[int, int], dict[int, Section], Section] | None:
        """(tag -> 0 header / 1 body / 2 trailer, NumInGroup tag -> group, body) for a message type.

        Cached per type; ``None`` when the type is not defined. ``""`` gives header and
        trailer only (used for undefined types, whose body cannot be checked).
        """
        if msg_type in self._layouts:
            return self._layouts[msg_type]
        body = self.message(msg_type) if msg_type else Section("unknown", (), frozenset(), frozenset(), {})
        result = None
        if body is not None:
            sections = dict.fromkeys(self.trailer.allowed, 2)
            sections.update(dict.fromkeys(body.allowed, 1))
            sections.update(dict.fromkeys(self.header.allowed, 0))
            groups = {**self.trailer.groups, **body.groups, **self.header.groups}
            result = (sections, groups, body)
        self._layouts[msg_type] = result
        return result

    def with_overlay(self, overlay: Path | str | bytes) -> Dictionary:
        """A new dictionary with the additions of a QuickFIX-format XML overlay applied."""
        data, source = _read_source(overlay)
        return Dictionary(_merge(self._raw, _read_raw(data, source)), f"{self.name}+{source}")

    def merged_with_transport(self, transport: Dictionary) -> Dictionary:
        """Application dictionary combined with a FIXT transport dictionary (header, trailer, admin)."""
        raw = _merge(self._raw, _Raw())
        raw.fields.update(transport._raw.fields)
        raw.header, raw.trailer = list(transport._raw.header), list(transport._raw.trailer)
        raw.components.update({k: v for k, v in transport._raw.components.items() if k not in raw.components})
        raw.messages.update(transport._raw.messages)
        merged = Dictionary(raw, f"{transport.name}/{self.name}")
        merged.begin_string = transport.begin_string
        return merged

    def __repr__(self) -> str:
        return f"Dictionary({self.name!r}, {len(self.fields)} fields, {len(self._raw.messages)} messages)"


def _read_source(source: Path | str | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "<bytes>"
    path = Path(source)
    try:
        return path.read_bytes(), path.name
    except OSError as exc:
        raise ParseError(
            f"cannot read dictionary {path}: {exc}", code="fix.dictionary.io", path=str(path)
        ) from exc


def version_name(name: str) -> str:
    """Normalise ``FIX.4.4`` / ``fix44`` / ``FIX44`` / ``FIXT.1.1`` to a file stem (``FIX44``)."""
    key = name.strip()
    if key in _BEGIN_STRINGS:
        return _BEGIN_STRINGS[key]
    stem = key.upper().replace(".", "").replace("_", "")
    if stem in _BEGIN_STRINGS.values():
        return stem
    raise ParseError(f"no bundled FIX dictionary for {name!r}", code="fix.dictionary.unknown", value=name)


@cache
def load(name: str) -> Dictionary:
    """The bundled dictionary for a version (``FIX.4.4``, ``FIX50SP2``, ``FIXT.1.1``), loaded once."""
    stem = version_name(name)
    data = (resources.files("finmsg") / "data" / "fix" / f"{stem}.xml").read_bytes()
    return Dictionary(_read_raw(data, stem), stem)


@lru_cache(maxsize=32)
def _load_path(path: str, mtime: float) -> Dictionary:
    data, source = _read_source(path)
    return Dictionary(_read_raw(data, source), source)


def load_file(path: Path | str) -> Dictionary:
    """A complete custom dictionary from a QuickFIX-format XML file (cached per path and mtime)."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise ParseError(f"cannot read dictionary {p}: {exc}", code="fix.dictionary.io", path=str(p)) from exc
    return _load_path(str(p), mtime)


@lru_cache(maxsize=64)
def _merged(app: str, transport: str) -> Dictionary:
    return load(app).merged_with_transport(load(transport))


def for_message(
    begin_string: str, appl_ver_id: str | None = None, default_appl_ver_id: str = "9", msg_type: str = ""
) -> Dictionary:
    """The dictionary that validates a message with this BeginString (and ApplVerID for FIXT).

    Under FIXT, session messages (those the transport dictionary defines) are validated
    by the transport dictionary alone, as QuickFIX does; application messages by the
    application version merged with the transport header and trailer.
    """
    if begin_string.startswith("FIXT"):
        transport = load(begin_string)
        if msg_type and msg_type in transport.message_names:
            return transport
        code = appl_ver_id or default_appl_ver_id
        app = APPL_VER_IDS.get(code)
        if app is None:
            raise ParseError(
                f"unknown ApplVerID {code!r}", code="fix.dictionary.applverid", path="FIX:1128", value=code
            )
        return _merged(app, version_name(begin_string))
    return load(begin_string)
