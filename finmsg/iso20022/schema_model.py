"""An ISO 20022 message schema as plain data: element types, child order, occurrences, facets.

Why: writers must emit children in schema order and must know whether a target
version can carry an element at all (version conversion); the structural
validator (``structural.py``) needs the same facts for versions that have no
vendored XSD. One immutable tree per message id answers both.

Two builders produce the same shape:

* from the vendored official XSD (preferred): ISO XSDs are flat (named
  ``complexType`` with one ``sequence``/``choice`` of ``element``s, ``simpleType``
  restrictions of XSD built-ins, ``simpleContent`` extensions with attributes), so
  a direct walk with lxml is enough;
* from pyiso20022's xsdata dataclasses (field metadata and Enum classes) for the
  versions where no official XSD is published. xsdata flattens ``xs:choice`` into
  optional fields; a class whose name ends in ``Choice`` is read back as a choice,
  which is how every ISO schema generated since 2013 names its choice types.

Types are shared through a per-message registry; a :class:`ChildDecl` resolves
its type by name on access, so recursive types cannot recurse while building.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from finmsg.errors import UnknownFormatError

__all__ = [
    "AttrDecl",
    "ChildDecl",
    "ElementType",
    "Facets",
    "SchemaModel",
    "UnknownMessageError",
    "document_type",
    "from_pyiso20022",
    "from_xsd",
    "pyiso20022_module_name",
    "schema_model",
]

_XS = "{http://www.w3.org/2001/XMLSchema}"
_MSG_ID = re.compile(r"([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})")


class UnknownMessageError(UnknownFormatError, LookupError):
    """Neither a vendored XSD nor a pyiso20022 module describes this message id."""

    default_code = "iso.unknown-message"


@dataclass(frozen=True, slots=True)
class Facets:
    """Constraints on a simple value. ``base`` is the XSD built-in it restricts.

    ``patterns`` are XSD regular expressions (alternatives of one restriction step),
    kept verbatim; ``structural.py`` translates and compiles them once.
    """

    base: str = "string"
    patterns: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    enumeration: frozenset[str] | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None
    min_inclusive: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AttrDecl:
    name: str
    required: bool
    facets: Facets


@dataclass(frozen=True, slots=True, eq=False)
class ChildDecl:
    """One child element slot. Members of one ``xs:choice`` share ``in_choice`` and ``index``."""

    name: str
    index: int
    min_occurs: int
    max_occurs: int | None  # None = unbounded
    type_name: str
    in_choice: int | None
    registry: Mapping[str, ElementType] = field(repr=False)

    @property
    def type(self) -> ElementType:
        return self.registry[self.type_name]

    @property
    def repeatable(self) -> bool:
        return self.max_occurs is None or self.max_occurs > 1


@dataclass(frozen=True, slots=True, eq=False)
class ElementType:
    """A named type. Simple types carry ``facets``; ``has_text`` marks simpleContent (amounts)."""

    name: str
    children: Mapping[str, ChildDecl]
    is_simple: bool = False
    facets: Facets | None = None
    attributes: Mapping[str, AttrDecl] = field(default_factory=dict)
    has_text: bool = False
    any_content: bool = False
    #: names of the members of each choice group, by ``in_choice`` id
    choices: tuple[tuple[str, ...], ...] = ()

    def child(self, name: str) -> ChildDecl | None:
        return self.children.get(name)

    def order(self, name: str) -> int:
        """Position of child ``name`` in the content model; ``KeyError`` if it is not allowed."""
        return self.children[name].index


@dataclass(frozen=True, slots=True, eq=False)
class SchemaModel:
    """All types of one message version plus its root element (``Document``, ``AppHdr``...)."""

    msg_id: str
    root_name: str
    root_type: ElementType
    types: Mapping[str, ElementType]
    source: str  # "xsd" or "pyiso20022"


# --------------------------------------------------------------------------- XSD builder


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _facets_from_restriction(restriction: etree._Element) -> Facets:
    base = (restriction.get("base") or "xs:string").split(":")[-1]
    patterns: list[str] = []
    enum: list[str] = []
    values: dict[str, str] = {}
    for f in restriction:
        tag: object = f.tag  # comments have a non-str tag (lxml-stubs says str)
        if not isinstance(tag, str):
            continue
        kind = tag[len(_XS) :]
        value = f.get("value") or ""
        if kind == "pattern":
            patterns.append(value)
        elif kind == "enumeration":
            enum.append(value)
        else:
            values[kind] = value
    try:
        min_incl = Decimal(values["minInclusive"]) if "minInclusive" in values else None
    except InvalidOperation:
        min_incl = None
    return Facets(
        base=base,
        patterns=tuple(patterns),
        min_length=_int(values.get("minLength")),
        max_length=_int(values.get("maxLength")),
        enumeration=frozenset(enum) if enum else None,
        total_digits=_int(values.get("totalDigits")),
        fraction_digits=_int(values.get("fractionDigits")),
        min_inclusive=min_incl,
    )


def _builtin_type(name: str) -> ElementType:
    return ElementType(name, {}, is_simple=True, facets=Facets(base=name.split(":")[-1]))


def _complex_from_xsd(node: etree._Element, types: dict[str, ElementType], simple: dict[str, Facets]) -> None:
    name = node.get("name") or ""
    children: dict[str, ChildDecl] = {}
    choices: list[tuple[str, ...]] = []
    content = [c for c in node if isinstance(c.tag, str) and c.tag != _XS + "annotation"]

    def add_element(el: etree._Element, index: int, choice: int | None) -> None:
        type_name = el.get("type") or "xs:string"
        if type_name.startswith("xs:") and type_name not in types:
            types[type_name] = _builtin_type(type_name)
        max_raw = el.get("maxOccurs", "1")
        children[el.get("name") or ""] = ChildDecl(
            name=el.get("name") or "",
            index=index,
            min_occurs=int(el.get("minOccurs", "1")),
            max_occurs=None if max_raw == "unbounded" else int(max_raw),
            type_name=type_name,
            in_choice=choice,
            registry=types,
        )

    def add_choice(group: etree._Element, index: int) -> None:
        members = [e for e in group if e.tag == _XS + "element"]
        if len(members) != sum(1 for e in group if isinstance(e.tag, str) and e.tag != _XS + "annotation"):
            raise NotImplementedError(f"{name}: only elements are supported inside xs:choice")
        for el in members:
            add_element(el, index, len(choices))
        choices.append(tuple(e.get("name") or "" for e in members))

    if not content:
        types[name] = ElementType(name, {})
        return
    top = content[0]
    kind = top.tag[len(_XS) :]
    if kind == "simpleContent":
        ext = top[0] if top[0].tag == _XS + "extension" else top.find(_XS + "extension")
        if ext is None:
            raise NotImplementedError(f"{name}: simpleContent without extension")
        attrs = {
            a.get("name") or "": AttrDecl(
                a.get("name") or "",
                a.get("use") == "required",
                simple.get(a.get("type") or "", Facets()),
            )
            for a in ext.iter(_XS + "attribute")
        }
        base = ext.get("base") or "xs:string"
        facets = simple.get(base) or Facets(base=base.split(":")[-1])
        types[name] = ElementType(name, {}, facets=facets, attributes=attrs, has_text=True)
        return
    if kind == "choice":
        add_choice(top, 0)
    elif kind == "sequence":
        any_content = False
        for index, particle in enumerate(c for c in top if isinstance(c.tag, str)):
            pk = particle.tag[len(_XS) :]
            if pk == "element":
                add_element(particle, index, None)
            elif pk == "choice":
                add_choice(particle, index)
            elif pk == "any":
                any_content = True
            elif pk != "annotation":
                raise NotImplementedError(f"{name}: unsupported particle xs:{pk}")
        if any_content:
            types[name] = ElementType(name, children, any_content=True)
            return
    else:
        raise NotImplementedError(f"{name}: unsupported content xs:{kind}")
    types[name] = ElementType(name, children, choices=tuple(choices))


def from_xsd(path: Path | str, msg_id: str | None = None) -> SchemaModel:
    """Build the model of one flat ISO 20022 XSD."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    root = etree.parse(str(path), parser).getroot()
    simple: dict[str, Facets] = {}
    types: dict[str, ElementType] = {}
    for node in root.iterchildren(_XS + "simpleType"):
        restriction = node.find(_XS + "restriction")
        if restriction is None:
            raise NotImplementedError(f"simpleType {node.get('name')}: only xs:restriction is supported")
        facets = _facets_from_restriction(restriction)
        simple[node.get("name") or ""] = facets
        types[node.get("name") or ""] = ElementType(node.get("name") or "", {}, is_simple=True, facets=facets)
    for node in root.iterchildren(_XS + "complexType"):
        _complex_from_xsd(node, types, simple)
    elements = list(root.iterchildren(_XS + "element"))
    top = next((e for e in elements if e.get("name") == "Document"), elements[0])
    ns = root.get("targetNamespace") or ""
    return SchemaModel(
        msg_id=msg_id or ns.rsplit(":", 1)[-1],
        root_name=top.get("name") or "",
        root_type=types[top.get("type") or ""],
        types=types,
        source="xsd",
    )


# --------------------------------------------------------------------------- pyiso20022 builder


def pyiso20022_module_name(msg_id: str) -> str:
    """``pacs.009.001.08`` → ``pyiso20022.pacs.pacs_009_001_08``."""
    m = _MSG_ID.fullmatch(msg_id)
    if m is None:
        raise UnknownMessageError(
            f"{msg_id!r} is not an ISO 20022 message id (xxxx.nnn.nnn.nn)", value=msg_id
        )
    area, num, variant, version = m.groups()
    return f"pyiso20022.{area}.{area}_{num}_{variant}_{version}"


_XSDATA_BASES = {
    "str": "string",
    "Decimal": "decimal",
    "bool": "boolean",
    "int": "decimal",
    "XmlDate": "date",
    "XmlDateTime": "dateTime",
    "XmlTime": "time",
    # xsdata uses one class for gYear, gYearMonth, gMonth...: pyiso20022 does not keep which.
    "XmlPeriod": "gPeriod",
    "bytes": "base64Binary",
}


def _facets_from_metadata(base: str, meta: Mapping[str, Any], enum: frozenset[str] | None = None) -> Facets:
    pattern = meta.get("pattern")
    min_incl = meta.get("min_inclusive")
    return Facets(
        base=base,
        patterns=(pattern,) if pattern else (),
        min_length=meta.get("min_length"),
        max_length=meta.get("max_length"),
        enumeration=enum,
        total_digits=meta.get("total_digits"),
        fraction_digits=meta.get("fraction_digits"),
        min_inclusive=Decimal(str(min_incl)) if min_incl is not None else None,
    )


class _PyisoBuilder:
    """Walks xsdata dataclasses from ``Document`` and registers one ElementType per class."""

    def __init__(self) -> None:
        self.types: dict[str, ElementType] = {}
        self._simple_names: dict[Facets, str] = {}

    def simple(self, facets: Facets, name: str | None = None) -> str:
        if name is None:
            name = self._simple_names.get(facets)
            if name is None:
                name = f"{facets.base}#{len(self._simple_names)}"
                self._simple_names[facets] = name
        if name not in self.types:
            self.types[name] = ElementType(name, {}, is_simple=True, facets=facets)
        return name

    def value_type(self, tp: Any, meta: Mapping[str, Any]) -> str:
        """Register the type of a field value and return its registry name."""
        import dataclasses
        from enum import Enum

        if isinstance(tp, type) and issubclass(tp, Enum):
            enum = frozenset(str(m.value) for m in tp)
            return self.simple(_facets_from_metadata("string", meta, enum), tp.__name__)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            self.complex(tp)
            return tp.__name__
        base = _XSDATA_BASES.get(getattr(tp, "__name__", ""), "string")
        return self.simple(_facets_from_metadata(base, meta))

    def complex(self, cls: type) -> None:
        import dataclasses
        import typing

        name = cls.__name__
        if name in self.types:
            return
        self.types[name] = ElementType(name, {})  # placeholder: breaks cycles
        hints = typing.get_type_hints(cls)
        is_choice = name.endswith("Choice")
        children: dict[str, ChildDecl] = {}
        attrs: dict[str, AttrDecl] = {}
        text_facets: Facets | None = None
        any_content = False
        for f in dataclasses.fields(cls):
            meta = f.metadata
            kind = meta.get("type")
            tp, is_list = _unwrap(hints[f.name])
            if kind == "Wildcard":
                any_content = True
            elif kind == "Attribute":
                attr_type = self.types[self.value_type(tp, meta)]
                attrs[meta["name"]] = AttrDecl(
                    meta["name"], bool(meta.get("required")), attr_type.facets or Facets()
                )
            elif kind == "Element":
                type_name = self.value_type(tp, meta)
                if is_list:
                    min_occurs = int(meta.get("min_occurs", 0))
                    max_occurs = meta.get("max_occurs")
                else:
                    min_occurs = 1 if meta.get("required") else 0
                    max_occurs = 1
                if is_choice:
                    min_occurs = max(min_occurs, 1)
                children[meta["name"]] = ChildDecl(
                    name=meta["name"],
                    index=0 if is_choice else len(children),
                    min_occurs=min_occurs,
                    max_occurs=max_occurs,
                    type_name=type_name,
                    in_choice=0 if is_choice else None,
                    registry=self.types,
                )
            else:  # the text value of a simpleContent type
                text_facets = self.types[self.value_type(tp, meta)].facets
        if text_facets is not None:
            self.types[name] = ElementType(name, {}, facets=text_facets, attributes=attrs, has_text=True)
        else:
            self.types[name] = ElementType(
                name,
                children,
                attributes=attrs,
                any_content=any_content,
                choices=(tuple(children),) if is_choice and children else (),
            )


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """``None | X`` → X, ``list[X]`` → (X, True)."""
    import types
    import typing

    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return _unwrap(non_none[0])
    if origin is list:
        return args[0], True
    return hint, False


def from_pyiso20022(msg_id: str) -> SchemaModel:
    """Build the model from pyiso20022's generated classes (slow import: call lazily, cached)."""
    module_name = pyiso20022_module_name(msg_id)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise UnknownMessageError(f"no pyiso20022 module {module_name} for {msg_id}", value=msg_id) from exc
    document = getattr(module, "Document", None)
    if document is None:
        raise UnknownMessageError(f"{module_name} has no Document class", value=msg_id)
    builder = _PyisoBuilder()
    builder.complex(document)
    return SchemaModel(
        msg_id=msg_id,
        root_name="Document",
        root_type=builder.types[document.__name__],
        types=builder.types,
        source="pyiso20022",
    )


# --------------------------------------------------------------------------- cached entry points


@cache
def schema_model(msg_id: str) -> SchemaModel:
    """The model of ``msg_id``: from the vendored XSD when there is one, else from pyiso20022."""
    from finmsg.iso20022 import schemas

    if schemas.has_xsd(msg_id):
        return from_xsd(schemas.xsd_path(msg_id), msg_id)
    return from_pyiso20022(msg_id)


def document_type(msg_id: str) -> ElementType:
    """Type of the root element (``Document``; ``AppHdr`` for head.001) of ``msg_id``."""
    return schema_model(msg_id).root_type
