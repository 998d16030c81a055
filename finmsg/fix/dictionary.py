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

from finmsg.errors import ParseError
from finmsg.fix.dictxml import Node, RawDictionary, merge, read_raw, read_source

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


class Dictionary:
    """A compiled data dictionary (one FIX version, optionally merged with FIXT and overlays)."""

    def __init__(self, raw: RawDictionary, name: str) -> None:
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
    def _begin_string(raw: RawDictionary) -> str:
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
        data, source = read_source(overlay)
        return Dictionary(merge(self._raw, read_raw(data, source)), f"{self.name}+{source}")

    def merged_with_transport(self, transport: Dictionary) -> Dictionary:
        """Application dictionary combined with a FIXT transport dictionary (header, trailer, admin)."""
        raw = merge(self._raw, RawDictionary())
        raw.fields.update(transport._raw.fields)
        raw.header, raw.trailer = list(transport._raw.header), list(transport._raw.trailer)
        raw.components.update({k: v for k, v in transport._raw.components.items() if k not in raw.components})
        raw.messages.update(transport._raw.messages)
        merged = Dictionary(raw, f"{transport.name}/{self.name}")
        merged.begin_string = transport.begin_string
        return merged

    def __repr__(self) -> str:
        return f"Dictionary({self.name!r}, {len(self.fields)} fields, {len(self._raw.messages)} messages)"


def version_name(name: str) -> str:
    """Normalise ``FIX.4.4`` / ``fix44`` / ``FIX44`` / ``FIXT.1.1`` to a file stem (``FIX44``)."""
    key = name.strip()
    if key in _BEGIN_STRINGS:
        return _BEGIN_STRINGS[key]
    stem = key.upper().replace(".", "").replace("_", "")
    if stem in _BEGIN_STRINGS.values():
        return stem
    raise ParseError(
        f"no bundled FIX dictionary for {name!r}; bundled: {', '.join(_BEGIN_STRINGS)}"
        " (a QuickFIX XML file is given by a path ending in .xml)",
        code="fix.dictionary.unknown",
        value=name,
    )


def load(name: str) -> Dictionary:
    """The bundled dictionary for a version (``FIX.4.4``, ``FIX50SP2``, ``FIXT.1.1``), loaded once.

    Every spelling of a version shares one cached dictionary (and so one shape cache).
    """
    return _load_bundled(version_name(name))


def clear_cache() -> None:
    """Forget the loaded bundled dictionaries (benchmarks time a cold load with it)."""
    _load_bundled.cache_clear()


@cache
def _load_bundled(stem: str) -> Dictionary:
    data = (resources.files("finmsg") / "data" / "fix" / f"{stem}.xml").read_bytes()
    return Dictionary(read_raw(data, stem), stem)


@lru_cache(maxsize=32)
def _load_path(path: str, mtime: float) -> Dictionary:
    data, source = read_source(path)
    return Dictionary(read_raw(data, source), source)


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
