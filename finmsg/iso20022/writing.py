"""Writing side of the ISO 20022 codec: schema-aware element building.

A :class:`WNode` knows the schema type of its element (from
:mod:`finmsg.iso20022.schema_model`), so that

* an element the *target version* cannot carry is not written but reported
  (``version.dropped``) — this is what makes version conversion generic;
* supplementary fragments kept by the reader are re-inserted at their schema
  position, re-namespaced to the target version.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.envelope import ISO_NS, local_name
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Amount, Extra, Timestamp

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ElementType

__all__ = ["WNode", "WriteContext", "format_decimal"]


def format_decimal(value: Decimal) -> str:
    """Plain notation, never an exponent, keeping the scale (``Decimal('1E+2')`` → ``100``)."""
    text = format(value, "f")
    return text


class WriteContext:
    """Per-document state: target message id and namespace, diagnostics."""

    __slots__ = ("converting", "diagnostics", "message_id", "namespace", "q")

    def __init__(self, message_id: str, namespace: str | None = None, converting: bool = False) -> None:
        self.message_id = message_id
        #: True when the model came from another version: copied extras are then re-checked.
        self.converting = converting
        self.namespace = namespace or ISO_NS + message_id
        self.q = "{" + self.namespace + "}"
        self.diagnostics: list[Diagnostic] = []

    def dropped(
        self,
        path: str,
        name: str,
        original: str | None = None,
        source_path: str | None = None,
        why: str = "has no element {name} at this place",
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                "version.dropped",
                Severity.WARNING,
                f"{self.message_id} {why.format(name=name)}; the value is not carried",
                path=source_path or f"{path}/{name}",
                target_path=path,
                rule="V001",
                original=original,
            )
        )


def _schema_type(message_id: str) -> ElementType | None:
    try:
        from finmsg.iso20022.schema_model import document_type
    except ImportError:  # pragma: no cover - schema model not installed
        return None
    try:
        return document_type(message_id)
    except Exception:
        return None


class WNode:
    """A write cursor: an element plus its schema type (None = no schema checks)."""

    __slots__ = ("ctx", "el", "path", "type")

    def __init__(self, el: etree._Element, type_: ElementType | None, path: str, ctx: WriteContext) -> None:
        self.el = el
        self.type = type_
        self.path = path
        self.ctx = ctx

    @classmethod
    def document(cls, ctx: WriteContext) -> WNode:
        return cls.root(ctx, "Document")

    @classmethod
    def root(cls, ctx: WriteContext, name: str) -> WNode:
        """A new root element (``Document`` or ``AppHdr``) typed by the target's schema."""
        el = etree.Element(ctx.q + name, nsmap={None: ctx.namespace})  # type: ignore[dict-item]
        return cls(el, _schema_type(ctx.message_id), f"/{name}", ctx)

    def add(self, name: str, original: str | None = None) -> WNode | None:
        """Append a child ``name``; None (and a diagnostic) when the schema has no such child."""
        child_type = None
        kind = self.type
        if kind is not None:
            # ``ElementType.child`` and ``ChildDecl.type`` inlined: this runs for every element written.
            decl = kind.children.get(name)
            if decl is None:
                self.ctx.dropped(self.path, name, original)
                return None
            child_type = decl.registry[decl.type_name]
        ctx = self.ctx
        el = etree.SubElement(self.el, ctx.q + name)
        return WNode(el, child_type, f"{self.path}/{name}", ctx)

    def text(self, name: str, value: str | None) -> None:
        if value is None:
            return
        node = self.add(name, value)
        if node is not None:
            node.el.text = value

    def text_as(self, names: tuple[str, ...], value: str | None) -> None:
        """Write ``value`` under the first of ``names`` the target schema has.

        Element names changed across versions (``BIC`` → ``BICFI``, ``BICOrBEI`` →
        ``AnyBIC``); this keeps one mapping for all of them.
        """
        if value is None:
            return
        if self.type is not None:
            for name in names:
                if self.type.child(name) is not None:
                    self.text(name, value)
                    return
        self.text(names[0], value)

    def texts(self, name: str, values: Iterable[str]) -> None:
        for value in values:
            self.text(name, value)

    def decimal(self, name: str, value: Decimal | None) -> None:
        if value is not None:
            self.text(name, format_decimal(value))

    def amount(self, name: str, value: Amount | None) -> None:
        if value is None:
            return
        node = self.add(name, str(value))
        if node is not None:
            node.el.text = format_decimal(value.value)
            node.el.set("Ccy", value.currency)

    def date(self, name: str, value: date | None) -> None:
        if value is not None:
            self.text(name, value.isoformat())

    def timestamp(self, name: str, value: Timestamp | None) -> None:
        if value is not None:
            self.text(name, value.text)

    def boolean(self, name: str, value: bool | None) -> None:
        if value is not None:
            self.text(name, "true" if value else "false")

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1].split("[", 1)[0]

    def extras(self, extras: Iterable[Extra]) -> None:
        """Re-insert the fragments that belong directly under this element, at their schema position.

        A model object's ``extras`` may hold fragments from several nesting levels
        (``Dbtr``, ``Dbtr/Id``, ``Dbtr/Id/OrgId``); each level picks its own by the
        parent segment of the fragment's source path.
        """
        mine: tuple[str, str] | None = None  # (parent, own name): only worked out when needed
        for extra in extras:
            if extra.source != "iso20022":
                continue  # foreign extras are reported once by the translator
            if mine is None:
                parts = _segments(self.path)
                mine = (parts[-2] if len(parts) >= 2 else "", parts[-1])
            if parent_key(extra.path) != mine:
                continue
            leaf = extra.path.rsplit("/", 1)[-1]
            if leaf.startswith("@"):
                if leaf != "@xmlns":  # the namespace itself is chosen by the WriteContext
                    self.el.set(leaf[1:], extra.content)
                continue
            fragment = parse_xml(extra.content.encode("utf-8"))
            name = local_name(fragment.tag)
            index = self._order(name)
            if index is None:
                self.ctx.dropped(self.path, name, extra.content, source_path=extra.path)
                continue
            source_ns = fragment.tag[1 : fragment.tag.index("}")] if fragment.tag[:1] == "{" else ""
            copied = _copy_into(self.el, fragment, self.ctx.q, source_ns)
            if self.ctx.converting and not self._fits(copied, name, extra):
                self.el.remove(copied)
                continue
            self._insert(copied, index)

    def _fits(self, copied: etree._Element, name: str, extra: Extra) -> bool:
        """Whether a fragment from another version is valid here; if not, report it as dropped."""
        decl = self.type.child(name) if self.type is not None else None
        if decl is None:
            return True
        from finmsg.iso20022.structural import validate_element

        problems = validate_element(copied, decl.type, self.ctx.namespace, f"{self.path}/{name}")
        if not problems:
            return True
        self.ctx.diagnostics.append(
            Diagnostic(
                "version.dropped",
                Severity.WARNING,
                f"{name} has a different structure in {self.ctx.message_id} "
                f"({problems[0].message}); not carried",
                path=extra.path,
                target_path=f"{self.path}/{name}",
                rule="V002",
                original=extra.content,
            )
        )
        return False

    def sort(self) -> None:
        """Put the children in schema order (for types whose members we write in another order)."""
        if self.type is None:
            return
        kids = list(self.el)
        last = 1 << 30

        def rank(kid: etree._Element) -> int:
            order = self._order(local_name(kid.tag)) if isinstance(kid.tag, str) else None
            return last if order is None else order

        kids.sort(key=rank)
        self.el[:] = kids

    def _order(self, name: str) -> int | None:
        if self.type is None:
            return 1 << 30
        decl = self.type.child(name)
        return None if decl is None else decl.index

    def _insert(self, fragment: etree._Element, index: int) -> None:
        """Move ``fragment`` (already the last child) before the first child of higher order."""
        for position, existing in enumerate(self.el):
            if existing is fragment:
                return
            if not isinstance(existing.tag, str):
                continue  # type: ignore[unreachable]  # comments/PIs: lxml-stubs types every tag as str
            other = self._order(local_name(existing.tag))
            if other is not None and other > index:
                self.el.insert(position, fragment)
                return


def _segments(path: str) -> list[str]:
    return [segment.split("[", 1)[0] for segment in path.split("/")]


def parent_key(path: str) -> tuple[str, str]:
    """(grandparent, parent) names of a fragment's path.

    Two levels disambiguate ``CdtrRefInf/Tp`` from ``RfrdDocInf/Tp``.
    """
    parts = _segments(path)
    return (parts[-3] if len(parts) >= 3 else "", parts[-2] if len(parts) >= 2 else "")


def wants(extras: Iterable[Extra], name: str, under: str | None = None) -> bool:
    """True when some iso20022 fragment must be written under a ``name`` element (inside ``under``)."""
    for extra in extras:
        if extra.source != "iso20022":
            continue
        grand, parent = parent_key(extra.path)
        if parent == name and (under is None or grand == under):
            return True
    return False


def _attributes(source: etree._Element) -> dict[str, str]:
    return {str(key): str(value) for key, value in source.attrib.items()}


def _copy_into(parent: etree._Element, source: etree._Element, q: str, source_ns: str) -> etree._Element:
    """Deep-copy ``source`` as the last child of ``parent``.

    Elements of the source message's namespace move to the target namespace ``q``
    (version conversion); elements of any other namespace (bank data inside
    ``SplmtryData/Envlp``) keep theirs. Building with SubElement keeps the parent's
    default namespace, so no ``ns0:`` prefixes appear.
    """
    tag = source.tag
    ns = tag[1 : tag.index("}")] if tag[:1] == "{" else ""
    if ns == source_ns:
        el = etree.SubElement(parent, q + local_name(tag), attrib=_attributes(source))
    else:
        prefixes: dict[Any, str] = {}
        for prefix, uri in dict(source.nsmap).items():
            if uri == ns:
                prefixes[prefix] = uri
        el = etree.SubElement(parent, tag, attrib=_attributes(source), nsmap=prefixes or None)
    el.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            _copy_into(el, child, q, source_ns).tail = child.tail
    return el


def serialize(root: etree._Element) -> bytes:
    """Deterministic, indented UTF-8 bytes with an XML declaration."""
    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
