"""Writing side of the ISO 20022 codec: schema-aware element building.

A :class:`WNode` knows the schema type of its element (from
:mod:`finmsg.iso20022.schema_model`), so that

* an element the *target version* cannot carry is not written but reported
  (``version.dropped``) — this is what makes version conversion generic;
* supplementary fragments kept by the reader are re-inserted at their schema
  position, re-namespaced to the target version.

Why the tree is plain Python until the end: creating an lxml element costs
about three times what parsing the same element from text costs, and
``etree.indent`` + ``tostring`` cost as much again. So a WNode tree holds names,
values and attributes, and :func:`render` writes the indented bytes directly —
the same bytes lxml would produce (``etree.indent(space="  ")`` + ``tostring``).
Whatever that fast path cannot vouch for (a fragment in a foreign namespace, a
namespaced attribute, a character XML forbids...) goes through lxml exactly as
before: :attr:`WNode.el` builds the lxml tree on demand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.envelope import ISO_NS, local_name
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Amount, Extra, Timestamp

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ElementType

__all__ = ["WNode", "WriteContext", "format_decimal", "render"]


def format_decimal(value: Decimal) -> str:
    """Plain notation, never an exponent, keeping the scale (``Decimal('1E+2')`` → ``100``)."""
    text = format(value, "f")
    return text


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


def _schema_type(message_id: str) -> ElementType | None:
    try:
        from finmsg.iso20022.schema_model import document_type
    except ImportError:  # pragma: no cover - schema model not installed
        return None
    try:
        return document_type(message_id)
    except Exception:
        return None


class _Raw:
    """A supplementary fragment only lxml can copy faithfully (foreign namespace, namespaced attribute)."""

    __slots__ = ("fragment", "name", "source_ns", "tail")

    def __init__(self, fragment: etree._Element, name: str, source_ns: str) -> None:
        self.fragment = fragment
        self.name = name
        self.source_ns = source_ns
        self.tail: str | None = None


#: A text-only element (name, text, attributes): what most writes produce, kept as a plain tuple.
_Leaf = tuple[str, str, "dict[str, str] | None"]


class WNode:
    """A write cursor: one element to be written, plus its schema type (None = no schema checks)."""

    __slots__ = ("_el", "attrs", "ctx", "kids", "name", "parent_name", "path", "tail", "type", "value")

    def __init__(self, name: str, type_: ElementType | None, parent: WNode | None, ctx: WriteContext) -> None:
        # No reference back to the parent: a tree without cycles is freed by reference
        # counting alone, instead of waking the garbage collector for every message.
        self.name = name
        self.type = type_
        self.ctx = ctx
        if parent is None:
            self.path = "/" + name
            self.parent_name = ""
        else:
            self.path = parent.path + "/" + name
            self.parent_name = parent.name
        #: children in document order: WNodes, text-only leaves, or fragments only lxml can copy
        self.kids: list[WNode | _Leaf | _Raw] = []
        self.value: str | None = None
        self.attrs: dict[str, str] | None = None
        #: whitespace after the element (only fragments copied from a source document have one)
        self.tail: str | None = None
        self._el: etree._Element | None = None

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
        if kind is None:
            _unchecked(self.ctx, name)
            child = WNode(name, None, self, self.ctx)
        else:
            # ``ElementType.child`` and ``ChildDecl.type`` inlined: this runs for every element written.
            decl = kind.children.get(name)
            if decl is None:
                self.ctx.dropped(self.path, name, original)
                return None
            child = WNode(name, decl.registry[decl.type_name], self, self.ctx)
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
        kind = self.type
        if kind is None:
            _unchecked(self.ctx, name)
        elif name not in kind.children:
            self.ctx.dropped(self.path, name, str(value))
            return
        self.kids.append((name, format_decimal(value.value), {"Ccy": value.currency}))

    def date(self, name: str, value: date | None) -> None:
        if value is not None:
            self.text(name, value.isoformat())

    def timestamp(self, name: str, value: Timestamp | None) -> None:
        if value is not None:
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
                mine = (self.parent_name, self.name)
            if parent_key(extra.path) != mine:
                continue
            leaf = extra.path.rsplit("/", 1)[-1]
            if leaf.startswith("@"):
                if leaf != "@xmlns":  # the namespace itself is chosen by the WriteContext
                    self.set(leaf[1:], extra.content)
                continue
            fragment = parse_xml(extra.content.encode("utf-8"))
            name = local_name(fragment.tag)
            index = self._order(name)
            if index is None:
                self.ctx.dropped(self.path, name, extra.content, source_path=extra.path)
                continue
            source_ns = fragment.tag[1 : fragment.tag.index("}")] if fragment.tag[:1] == "{" else ""
            if self.ctx.converting and not self._fits(fragment, source_ns, name, extra):
                continue
            self._insert(_adopt(fragment, source_ns, self), index)

    def _fits(self, fragment: etree._Element, source_ns: str, name: str, extra: Extra) -> bool:
        """Whether a fragment from another version is valid here; if not, report it as dropped."""
        decl = self.type.child(name) if self.type is not None else None
        if decl is None:
            return True
        from finmsg.iso20022.structural import validate_element

        holder = etree.Element(self.ctx.q + "_", nsmap={None: self.ctx.namespace})  # type: ignore[dict-item]
        copied = _copy_into(holder, fragment, self.ctx.q, source_ns)
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

        def rank(kid: WNode | _Leaf | _Raw) -> int:
            order = self._order(kid[0] if type(kid) is tuple else kid.name)  # type: ignore[union-attr]
            return last if order is None else order

        self.kids.sort(key=rank)

    def _order(self, name: str) -> int | None:
        if self.type is None:
            return 1 << 30
        decl = self.type.child(name)
        return None if decl is None else decl.index

    def _insert(self, kid: WNode | _Raw, index: int) -> None:
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
        if self._el is None:
            if self.path.count("/") != 1:
                raise RuntimeError(f"{self.path}: the lxml tree is built from its root, after writing")
            ctx = self.ctx
            root = etree.Element(ctx.q + self.name, nsmap={None: ctx.namespace})  # type: ignore[dict-item]
            _build(self, root, ctx.q)
        assert self._el is not None
        return self._el


def _unchecked(ctx: WriteContext, name: str) -> None:
    """A name no schema vouches for: the fast path writes it only if it is a plain XML name."""
    if _NAME.fullmatch(name) is None:
        ctx.lxml_only = True


def _adopt(fragment: etree._Element, source_ns: str, parent: WNode) -> WNode | _Raw:
    """The fragment as WNodes when every element moves to the target namespace, else as lxml."""
    node = _as_nodes(fragment, parent, "{" + source_ns + "}" if source_ns else "")
    return _Raw(fragment, local_name(fragment.tag), source_ns) if node is None else node


def _as_nodes(el: etree._Element, parent: WNode, prefix: str) -> WNode | None:
    """``el`` as WNodes (what ``_copy_into`` would copy), or None if it is not all in ``prefix``'s namespace.

    Not all in the source namespace: another namespace's elements, or namespaced
    attributes, which only lxml declares faithfully.
    """
    tag = el.tag
    if prefix:
        if not tag.startswith(prefix):
            return None
        name = tag[len(prefix) :]
    elif tag[:1] == "{":
        return None
    else:
        name = tag
    node = WNode(name, None, parent, parent.ctx)
    node.value = el.text
    if len(el.attrib):
        attrs = _attributes(el)
        if any(key[:1] == "{" for key in attrs):
            return None
        node.attrs = attrs
    kids = node.kids
    for child in el:
        if isinstance(child.tag, str):  # comments are not copied
            kid = _as_nodes(child, node, prefix)
            if kid is None:
                return None
            kid.tail = child.tail
            kids.append(kid)
    return node


def _build(node: WNode, el: etree._Element, q: str) -> None:
    """Fill lxml element ``el`` from ``node`` (the lxml path: same tree the fast path renders)."""
    node._el = el
    if node.attrs:
        for key, value in node.attrs.items():
            el.set(key, value)
    if node.value is not None:
        el.text = node.value
    for kid in node.kids:
        if type(kid) is tuple:
            name, text, attrs = kid
            leaf = etree.SubElement(el, q + name)
            leaf.text = text
            if attrs:
                for key, value in attrs.items():
                    leaf.set(key, value)
            continue
        if isinstance(kid, _Raw):
            _copy_into(el, kid.fragment, q, kid.source_ns)
            continue
        assert isinstance(kid, WNode)
        child = etree.SubElement(el, q + kid.name)
        _build(kid, child, q)
        if kid.tail is not None:
            child.tail = kid.tail


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


# --------------------------------------------------------------------------- fast path

_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
#: What libxml2 escapes when it serialises text and attribute values.
_TEXT_SPECIAL = re.compile(r"[&<>\r]")
_ATTR_SPECIAL = re.compile(r"[&<>\"\r\n\t]")
_ATTR_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\r": "&#13;",
    "\n": "&#10;",
    "\t": "&#9;",
}
#: Characters lxml refuses in text (it raises; the lxml path then raises the same error).
#: Lone surrogates are refused too: they fail to encode. Only values that are not
#: ``str.isprintable()`` (a fast scan) are searched with this pattern.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Names the fast path writes verbatim (anything else, e.g. ``{ns}name``, goes through lxml).
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_SAFE_URI = re.compile(r"[A-Za-z0-9:/._\-#?=%~+,;@!$*'()]+")
_XML_SPACE = " \t\n\r"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_Q = "{" + _XSI + "}"
_INDENTS = ["\n" + "  " * level for level in range(64)]


class _NeedsLxml(Exception):
    """Something the fast path cannot render byte-for-byte like lxml: take the lxml path."""


def _check(value: str) -> None:
    """Refuse (to the lxml path) a value holding a character XML 1.0 forbids."""
    if type(value) is not str or (not value.isprintable() and _NOT_XML.search(value) is not None):
        raise _NeedsLxml


def _escape_text(value: str) -> str:
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr_text(attrs: dict[str, str], checked: bool = False) -> str:
    """`` a="v" b="w"`` with lxml's escaping of attribute values (``checked``: names are known good)."""
    parts = []
    for key, value in attrs.items():
        if not checked and _NAME.fullmatch(key) is None:
            raise _NeedsLxml
        _check(value)
        if _ATTR_SPECIAL.search(value) is not None:
            value = _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], value)
        parts.append(f' {key}="{value}"')
    return "".join(parts)


def _render(node: WNode, out: list[str], level: int, escape: bool, attrs: str | None = None) -> int:
    """Append ``node`` as ``etree.indent`` + ``tostring`` would write it at nesting ``level``.

    ``attrs`` replaces the start tag's attribute text (roots: namespace declarations).
    Returns how many ``<`` the markup holds, so that :func:`render` can tell from one
    count over the output whether some text held a ``<`` (or ``>``) and must be escaped.
    """
    name = node.name
    if attrs is None:
        attrs = _attr_text(node.attrs) if node.attrs else ""
    kids = node.kids
    value = node.value
    if not kids:
        if value is None:
            out.append(f"<{name}{attrs}/>")
            return 1
        _check(value)
        out.append(f"<{name}{attrs}>{_escape_text(value) if escape else value}</{name}>")
        return 2
    if value is not None and value.strip(_XML_SPACE):
        raise _NeedsLxml  # mixed content: indent keeps it, not worth copying lxml's rules
    if level + 1 >= len(_INDENTS):
        raise _NeedsLxml
    out.append(f"<{name}{attrs}>")
    tags = 2
    inner = _INDENTS[level + 1]
    for kid in kids:
        if type(kid) is tuple:
            leaf, text, leaf_attrs = kid
            if type(text) is not str or (not text.isprintable() and _NOT_XML.search(text) is not None):
                raise _NeedsLxml  # (``_check`` inlined: this runs for every value written)
            if escape:
                text = _escape_text(text)
            if leaf_attrs is None:
                out.append(f"{inner}<{leaf}>{text}</{leaf}>")
            else:
                out.append(f"{inner}<{leaf}{_attr_text(leaf_attrs)}>{text}</{leaf}>")
            tags += 2
        elif type(kid) is WNode:
            tail = kid.tail
            if tail is not None and tail.strip(_XML_SPACE):
                raise _NeedsLxml
            out.append(inner)
            tags += _render(kid, out, level + 1, escape)
        else:
            raise _NeedsLxml  # a fragment only lxml copies faithfully
    out.append(f"{_INDENTS[level]}</{name}>")
    return tags


def _render_root(node: WNode, out: list[str], level: int, escape: bool) -> int:
    """A root declares its namespaces before its attributes, as lxml writes them.

    ``xsi:schemaLocation`` (kept from the source document) is the one namespaced
    attribute the fast path writes: lxml declares it with its usual ``xsi`` prefix.
    """
    namespace = node.ctx.namespace
    if (
        node.ctx.lxml_only
        or _SAFE_URI.fullmatch(namespace) is None
        or _NAME.fullmatch(node.name) is None
        or namespace == _XSI
    ):
        raise _NeedsLxml
    head = f' xmlns="{namespace}"'
    attrs = node.attrs
    if attrs:
        names: dict[str, str] = {}
        for key, value in attrs.items():
            if key.startswith(_XSI_Q) and _NAME.fullmatch(key[len(_XSI_Q) :]) is not None:
                names["xsi:" + key[len(_XSI_Q) :]] = value
            elif _NAME.fullmatch(key) is not None:
                names[key] = value
            else:
                raise _NeedsLxml
        if any(key.startswith(_XSI_Q) for key in attrs):
            head += f' xmlns:xsi="{_XSI}"'
        head += _attr_text(names, checked=True)
    return _render(node, out, level, escape, head)


def _render_all(doc: WNode, header: WNode | None, envelope_tag: str, escape: bool) -> tuple[str, int]:
    out = [_DECLARATION]
    if header is None:
        tags = _render_root(doc, out, 0, escape)
    else:
        if _NAME.fullmatch(envelope_tag) is None:
            raise _NeedsLxml
        out.append(f"<{envelope_tag}>{_INDENTS[1]}")
        tags = 2 + _render_root(header, out, 1, escape)
        out.append(_INDENTS[1])
        tags += _render_root(doc, out, 1, escape)
        out.append(f"\n</{envelope_tag}>")
    return "".join(out), tags + 1  # + the declaration's "<?"


def render(doc: WNode, header: WNode | None = None, envelope_tag: str = "Envelope") -> bytes:
    """The indented UTF-8 bytes of ``doc`` (inside ``envelope_tag`` with ``header`` when given).

    Byte-for-byte what :func:`serialize` gives for the same tree built in lxml
    (``tests/iso20022/test_writing_render.py`` holds the two side by side). Text values are
    first written unescaped: if the output then holds no ``&`` or CR and exactly the
    ``<``/``>`` of its own markup, no value needed escaping; otherwise it is rendered
    again, escaping every value.
    """
    try:
        text, tags = _render_all(doc, header, envelope_tag, False)
        if "&" in text or "\r" in text or text.count("<") != tags or text.count(">") != tags:
            text, tags = _render_all(doc, header, envelope_tag, True)
        return text.encode("utf-8")
    except (_NeedsLxml, UnicodeEncodeError):  # UnicodeEncodeError: a lone surrogate
        pass
    if header is None:
        return serialize(doc.el)
    envelope = etree.Element(envelope_tag)
    envelope.append(header.el)
    envelope.append(doc.el)
    return serialize(envelope)
