"""Writing side of the ISO 20022 codec: schema-aware element building.

A :class:`WNode` knows the schema type of its element (from
:mod:`finmsg.iso20022.schema_model`), so that

* an element the *target version* cannot carry is not written but reported
  (``version.dropped``) — this is what makes version conversion generic;
* supplementary fragments kept by the reader are re-inserted at their schema
  position, re-namespaced to the target version.

Why the tree is plain Python until the end: lxml elements cost more to create
than the text they become costs to parse. A WNode holds names, values and
attributes; :func:`~finmsg.iso20022.render.render` writes the indented bytes
directly, and :attr:`WNode.el` builds the lxml tree on demand for what that fast
path cannot vouch for. Nodes are kept small (six slots, no ``__init__`` call when
a child is added) because one is made for every element that has children.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.envelope import ISO_NS, local_name
from finmsg.iso20022.render import NAME, Fragment, render, serialize
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Amount, Extra, Timestamp

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ElementType

__all__ = ["WNode", "WriteContext", "format_decimal", "render", "serialize"]


def format_decimal(value: Decimal) -> str:
    """Plain notation, never an exponent, keeping the scale (``Decimal('1E+2')`` → ``100``);
    a NaN, an Infinity or a ``float`` is refused (:func:`~finmsg.errors.amount_error`).

    ``str`` of a Decimal is that same text whenever it shows no exponent (every usual
    amount), for about 40% of ``format(value, "f")``'s cost; the rest (``1E+2``, ``1E-7``,
    another type than Decimal) goes to ``format``. ``is_finite`` is the cheapest test that
    tells ``NaN`` / ``Infinity`` (whose text has no exponent) apart: ≈140 machine
    instructions a call, where a look at the text's characters cost 400-800
    (``benchmarks/le/instructions.py``).
    """
    if type(value) is Decimal and value.is_finite():
        text = str(value)
        if "E" not in text and "e" not in text:  # (``e``: a context with ``capitals=0``)
            return text
        return format(value, "f")
    given: object = value  # a model built in code may hold anything
    if type(given) is int or (isinstance(given, Decimal) and given.is_finite()):  # (not a bool)
        return format(given, "f")
    from finmsg.errors import amount_error

    raise amount_error(given)


class WriteContext:
    """Per-document state: target message id and namespace, diagnostics."""

    __slots__ = ("converting", "diagnostics", "lxml_only", "message_id", "namespace", "q")

    def __init__(self, message_id: str, namespace: str | None = None, converting: bool = False) -> None:
        self.message_id = message_id
        #: True when the model came from another version: copied extras are then re-checked.
        self.converting = converting
        self.namespace = namespace or ISO_NS + message_id
        self.q = "{" + self.namespace + "}"
        self.diagnostics: list[Diagnostic] = []
        #: set when an element name was not checked by a schema and is not a plain XML name:
        #: only lxml then decides (it refuses invalid names), the fast path steps aside
        self.lxml_only = False

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


#: Root element type per target message id (None: no schema model; nothing is checked).
_ROOT_TYPES: dict[str, ElementType | None] = {}


def _schema_type(message_id: str) -> ElementType | None:
    try:
        return _ROOT_TYPES[message_id]
    except KeyError:
        pass
    try:
        from finmsg.iso20022.schema_model import document_type
    except ImportError:  # pragma: no cover - schema model not installed
        return None
    try:
        found: ElementType | None = document_type(message_id)
    except Exception:
        found = None
    if len(_ROOT_TYPES) < 1024:
        _ROOT_TYPES[message_id] = found
    return found


#: A text-only element (name, text, attributes): what most writes produce, kept as a plain tuple.
_Leaf = tuple[str, str, "dict[str, str] | None"]
_new = object.__new__


class WNode:
    """A write cursor: one element to be written, plus its schema type (None = no schema checks)."""

    # No reference back to the parent: a tree without cycles is freed by reference
    # counting alone, instead of waking the garbage collector for every message.
    # ``_el`` (the lxml element) is only set when the lxml path builds the tree.
    __slots__ = ("_el", "attrs", "ctx", "kids", "name", "path", "type")
    name: str
    type: ElementType | None
    ctx: WriteContext
    path: str
    #: children in document order: WNodes, text-only leaves, or supplementary fragments
    kids: list[WNode | _Leaf | Fragment]
    attrs: dict[str, str] | None
    _el: etree._Element

    def __init__(self, name: str, type_: ElementType | None, parent: WNode | None, ctx: WriteContext) -> None:
        self.name = name
        self.type = type_
        self.ctx = ctx
        self.path = "/" + name if parent is None else parent.path + "/" + name
        self.kids = []
        self.attrs = None

    @classmethod
    def document(cls, ctx: WriteContext) -> WNode:
        return cls.root(ctx, "Document")

    @classmethod
    def root(cls, ctx: WriteContext, name: str) -> WNode:
        """A new root element (``Document`` or ``AppHdr``) typed by the target's schema."""
        return cls(name, _schema_type(ctx.message_id), None, ctx)

    def add(self, name: str, original: str | None = None) -> WNode | None:
        """Append a child ``name``; None (and a diagnostic) when the schema has no such child."""
        kind = self.type
        child: WNode = _new(WNode)
        if kind is None:
            _unchecked(self.ctx, name)
            child.type = None
        else:
            # ``ElementType.child`` and ``ChildDecl.type`` inlined: this runs for every element written.
            decl = kind.children.get(name)
            if decl is None:
                self.ctx.dropped(self.path, name, original)
                return None
            child.type = decl.registry[decl.type_name]
        # The fields of ``__init__``, set here without the call: a node is made for every element.
        child.name = name
        child.ctx = self.ctx
        child.path = f"{self.path}/{name}"
        child.kids = []
        child.attrs = None
        self.kids.append(child)
        return child

    def set(self, name: str, value: str) -> None:
        """Set attribute ``name`` (a later value replaces an earlier one in place, as in lxml)."""
        if self.attrs is None:
            self.attrs = {name: value}
        else:
            self.attrs[name] = value

    def text(self, name: str, value: str | None) -> None:
        if value is None:
            return
        kind = self.type
        if kind is None:
            _unchecked(self.ctx, name)
        elif name not in kind.children:
            self.ctx.dropped(self.path, name, value)
            return
        self.kids.append((name, value, None))

    def text_as(self, names: tuple[str, ...], value: str | None) -> None:
        """Write ``value`` under the first of ``names`` the target schema has.

        Element names changed across versions (``BIC`` → ``BICFI``, ``BICOrBEI`` →
        ``AnyBIC``); this keeps one mapping for all of them.
        """
        if value is None:
            return
        kind = self.type
        if kind is not None:
            children = kind.children
            for name in names:
                if name in children:
                    self.kids.append((name, value, None))
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
        kind = self.type
        if kind is None:
            _unchecked(self.ctx, name)
        elif name not in kind.children:
            self.ctx.dropped(self.path, name, str(value))
            return
        self.kids.append((name, format_decimal(value.value), {"Ccy": value.currency}))

    def date(self, name: str, value: date | None) -> None:
        if value is None:
            return
        kind = self.type
        if kind is not None and name in kind.children:  # ``text``, inlined: the usual case
            self.kids.append((name, value.isoformat(), None))
        else:
            self.text(name, value.isoformat())

    def timestamp(self, name: str, value: Timestamp | None) -> None:
        if value is None:
            return
        kind = self.type
        if kind is not None and name in kind.children:  # ``text``, inlined: the usual case
            self.kids.append((name, value.text, None))
        else:
            self.text(name, value.text)

    def boolean(self, name: str, value: bool | None) -> None:
        if value is not None:
            self.text(name, "true" if value else "false")

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
                mine = (_parent_name(self.path), self.name)
            if parent_key(extra.path) != mine:
                continue
            leaf = extra.path.rsplit("/", 1)[-1]
            if leaf.startswith("@"):
                if leaf != "@xmlns":  # the namespace itself is chosen by the WriteContext
                    self.set(leaf[1:], extra.content)
                continue
            fragment = _fragment(extra.content)
            name = fragment.name
            index = self._order(name)
            if index is None:
                self.ctx.dropped(self.path, name, extra.content, source_path=extra.path)
                continue
            if self.ctx.converting and not self._fits(fragment, extra):
                continue
            self._insert(fragment, index)

    def _fits(self, fragment: Fragment, extra: Extra) -> bool:
        """Whether a fragment from another version is valid here; if not, report it as dropped."""
        name = fragment.name
        decl = self.type.child(name) if self.type is not None else None
        if decl is None:
            return True
        from finmsg.iso20022.structural import validate_element

        holder = etree.Element(self.ctx.q + "_", nsmap={None: self.ctx.namespace})  # type: ignore[dict-item]
        copied = _copy_into(holder, fragment.element, self.ctx.q, fragment.source_ns)
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
        last = 1 << 30

        def rank(kid: WNode | _Leaf | Fragment) -> int:
            order = self._order(kid[0] if type(kid) is tuple else kid.name)  # type: ignore[union-attr]
            return last if order is None else order

        self.kids.sort(key=rank)

    def _order(self, name: str) -> int | None:
        if self.type is None:
            return 1 << 30
        decl = self.type.child(name)
        return None if decl is None else decl.index

    def _insert(self, kid: WNode | Fragment, index: int) -> None:
        """Insert ``kid`` before the first child of higher schema order (else last)."""
        kids = self.kids
        if self.type is not None:  # untyped: every order is the same, so the fragment goes last
            children = self.type.children
            for position, existing in enumerate(kids):
                decl = children.get(existing[0] if type(existing) is tuple else existing.name)  # type: ignore[union-attr]
                if decl is not None and decl.index > index:
                    kids.insert(position, kid)
                    return
        kids.append(kid)

    @property
    def el(self) -> etree._Element:
        """The lxml element of this node; a root builds its whole tree on first access.

        For callers that need a real tree; the node tree must not change afterwards.
        """
        el: etree._Element | None = getattr(self, "_el", None)
        if el is None:
            if self.path.count("/") != 1:
                raise RuntimeError(f"{self.path}: the lxml tree is built from its root, after writing")
            ctx = self.ctx
            el = etree.Element(ctx.q + self.name, nsmap={None: ctx.namespace})  # type: ignore[dict-item]
            _build(self, el, ctx.q)
        return el


def _unchecked(ctx: WriteContext, name: str) -> None:
    """A name no schema vouches for: the fast path writes it only if it is a plain XML name."""
    if NAME.fullmatch(name) is None:
        ctx.lxml_only = True


def _parent_name(path: str) -> str:
    """Name of the parent element of the node at ``path`` (``""`` for a root)."""
    parts = path.rsplit("/", 2)
    return parts[-2] if len(parts) == 3 else ""


@lru_cache(maxsize=1024)  # a fragment is written back each time its message is written
def _fragment(content: str) -> Fragment:
    """The parsed supplementary fragment ``content``: shared, read-only, so parsed once."""
    element = parse_xml(content.encode("utf-8"))
    tag = element.tag
    source_ns = tag[1 : tag.index("}")] if tag[:1] == "{" else ""
    return Fragment(element, local_name(tag), source_ns)


def _build(node: WNode, el: etree._Element, q: str) -> None:
    """Fill lxml element ``el`` from ``node`` (the lxml path: same tree the fast path renders)."""
    node._el = el
    if node.attrs:
        for key, value in node.attrs.items():
            el.set(key, value)
    for kid in node.kids:
        if type(kid) is tuple:
            name, text, attrs = kid
            leaf = etree.SubElement(el, q + name)
            leaf.text = text
            if attrs:
                for key, value in attrs.items():
                    leaf.set(key, value)
        elif type(kid) is Fragment:
            _copy_into(el, kid.element, q, kid.source_ns)
        else:
            assert isinstance(kid, WNode)
            _build(kid, etree.SubElement(el, q + kid.name), q)


def _segments(path: str) -> list[str]:
    return [segment.split("[", 1)[0] for segment in path.split("/")]


@lru_cache(maxsize=1024)  # the same extras are offered to each nesting level of a model object
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


def _is_element(node: etree._Element) -> bool:
    """Whether ``node`` is an element (not a comment or a processing instruction)."""
    return isinstance(node.tag, str)


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
    last: etree._Element | None = None
    for child in source:
        if _is_element(child):
            last = _copy_into(el, child, q, source_ns)
            last.tail = child.tail
        elif child.tail:  # a comment is not copied, the text after it is (mixed content)
            if last is None:
                el.text = (el.text or "") + child.tail
            else:
                last.tail = (last.tail or "") + child.tail
    return el
