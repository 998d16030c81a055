"""Direct rendering of a written element tree to the bytes lxml would produce.

Why not lxml: creating an lxml element from Python costs about three times what
parsing the same element from text costs, and ``etree.indent`` + ``tostring``
cost as much again. So the writer's tree (:class:`~finmsg.iso20022.writing.WNode`)
holds plain names and values, and this module writes the indented text with one
``"".join``, byte for byte what ``etree.indent(space="  ")`` + ``tostring`` give
(``tests/iso20022/test_writing_render.py`` holds the two side by side).

How it stays cheap, per element: start and end tags come from per-level caches
(indentation included), a leaf is three list items, and values are not inspected
one by one: they are collected and checked once, joined. Only when that check
finds a character needing an escape is the tree rendered again, escaping. Whatever
the fast path cannot vouch for (a fragment in a foreign namespace, a namespaced
attribute, a character XML forbids, a value that is not text...) is handed to lxml
(``node.el`` + :func:`serialize`), which then decides, or raises, exactly as before.

This module knows nodes only by shape (``name``, ``kids``, ``attrs``, ``ctx``; a
root has ``el``), so that it sits below :mod:`finmsg.iso20022.writing`.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

__all__ = ["Fragment", "NeedsLxml", "plain", "render", "serialize"]

#: Deepest nesting the fast path writes (the hardened parser refuses deeper documents).
MAX_LEVEL = 256
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>"
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
#: Lone surrogates are refused too: they fail to encode (``UnicodeEncodeError``).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Names written verbatim (anything else, e.g. ``{ns}name``, goes through lxml).
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_SAFE_URI = re.compile(r"[A-Za-z0-9:/._\-#?=%~+,;@!$*'()]+")
_XML_SPACE = " \t\n\r"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_Q = "{" + _XSI + "}"
#: Tag caches keep at most this many names per level (untyped trees may use any name).
_CACHE_NAMES = 4096


class NeedsLxml(Exception):
    """Something the fast path cannot render byte-for-byte like lxml: take the lxml path."""


def _indent(level: int) -> str:
    return "\n" + "  " * level


#: Per nesting level, tag strings with the indentation before them (filled on first use):
#: leaf name → (start tag, end tag); node name → (start tag, end tag, empty-element tag).
_LEAF: list[dict[str, tuple[str, str]]] = []
_NODE: list[dict[str, tuple[str, str, str]]] = []


def _levels(level: int) -> None:
    """Make the tag caches reach ``level`` (levels are added on first use)."""
    if level >= MAX_LEVEL:
        raise NeedsLxml
    while len(_LEAF) <= level:
        _LEAF.append({})
        _NODE.append({})


def _leaf_tags(level: int, name: str) -> tuple[str, str]:
    tags = (f"{_indent(level)}<{name}>", f"</{name}>")
    if len(_LEAF[level]) < _CACHE_NAMES:
        _LEAF[level][name] = tags
    return tags


def _node_tags(level: int, name: str) -> tuple[str, str, str]:
    indent = _indent(level)
    tags = (f"{indent}<{name}>", f"{indent}</{name}>", f"{indent}<{name}/>")
    if len(_NODE[level]) < _CACHE_NAMES:
        _NODE[level][name] = tags
    return tags


_levels(32)


#: Latin-1 code → itself, or 0 where :func:`plain` must say no (not printable, or ``&<>``).
_PLAIN = bytes(code if chr(code).isprintable() and chr(code) not in "&<>" else 0 for code in range(256))


def plain(values: str) -> bool:
    """``values.isprintable()`` and no ``&``, ``<`` or ``>`` in it: text that is written as is.

    Why not those calls: ``isprintable`` looks every character up in the Unicode tables
    (about 25 instructions a character); text within Latin-1, nearly every payment, is
    copied to bytes and mapped through one table for less than half of that (measured on
    the benchmark pacs.008's values: 5.7k instead of 13k instructions). Same answer for
    any text: beyond Latin-1 (or a lone surrogate), the Unicode tables decide as before.
    """
    try:
        raw = values.encode("latin-1")
    except UnicodeEncodeError:
        return values.isprintable() and not ("&" in values or "<" in values or ">" in values)
    return 0 not in raw.translate(_PLAIN)


def escape_text(value: str) -> str:
    """Text content escaped as libxml2 writes it."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def check(value: object) -> None:
    """Refuse (to the lxml path) a value that is not text or holds a character XML 1.0 forbids."""
    if type(value) is not str or (not value.isprintable() and _NOT_XML.search(value) is not None):
        raise NeedsLxml


def attr_text(attrs: dict[str, str], checked: bool = False) -> str:
    """`` a="v" b="w"`` with lxml's escaping of attribute values (``checked``: names are known good)."""
    parts = []
    for key, value in attrs.items():
        if not checked and NAME.fullmatch(key) is None:
            raise NeedsLxml
        check(value)
        if _ATTR_SPECIAL.search(value) is not None:
            value = _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], value)
        parts.append(f' {key}="{value}"')
    return "".join(parts)


class Fragment:
    """A supplementary fragment kept by a reader, to be written back into a tree.

    ``element`` is the parsed fragment (lxml copies it when the whole document takes
    the lxml path); ``source_ns`` is its message namespace, whose elements move to
    the target namespace. Fragments are shared by every tree that writes the same
    content, so each caches its rendering per nesting level (None: only lxml can
    copy it faithfully).
    """

    __slots__ = ("_rendered", "element", "name", "source_ns")

    def __init__(self, element: etree._Element, name: str, source_ns: str) -> None:
        self.element = element
        self.name = name
        self.source_ns = source_ns
        self._rendered: dict[int, str | None] = {}

    def at(self, level: int) -> str:
        """The fragment's text at nesting ``level`` (indentation before it included)."""
        text = self._rendered.get(level, "")
        if text == "":
            prefix = "{" + self.source_ns + "}" if self.source_ns else ""
            out: list[str] = []
            try:
                _fragment(self.element, out, level, prefix)
                text = "".join(out)
            except NeedsLxml:
                text = None
            if len(self._rendered) < 64:
                self._rendered[level] = text
        if text is None:
            raise NeedsLxml
        return text


def _fragment(el: etree._Element, out: list[str], level: int, prefix: str) -> None:
    """Append ``el`` as the fast path writes a node, escaping; NeedsLxml for what only lxml copies.

    Only lxml copies faithfully: elements of another namespace than the fragment's
    own, namespaced attributes. Mixed content (text between child elements) is
    written exactly as read (:func:`_verbatim`). Comments and processing
    instructions are not copied (as ``_copy_into`` does), the text after them is.
    """
    name, attrs = _start(el, prefix)
    indent = _indent(level)
    kids = [child for child in el if isinstance(child.tag, str)]
    text = el.text
    if not kids:
        if len(el):  # only comments or processing instructions: their tails are text
            out.append(indent + _verbatim(el, prefix))
        elif text is None:
            out.append(f"{indent}<{name}{attrs}/>")
        else:
            check(text)
            out.append(f"{indent}<{name}{attrs}>{escape_text(text)}</{name}>")
        return
    if is_mixed(el):
        out.append(indent + _verbatim(el, prefix))
        return
    out.append(f"{indent}<{name}{attrs}>")
    for child in kids:
        _fragment(child, out, level + 1, prefix)
    out.append(f"{indent}</{name}>")


def _start(el: etree._Element, prefix: str) -> tuple[str, str]:
    """(name, attributes text) of a fragment element; NeedsLxml for what only lxml writes."""
    tag = el.tag
    if prefix:
        if not tag.startswith(prefix):
            raise NeedsLxml
        name = tag[len(prefix) :]
    elif tag[:1] == "{":
        raise NeedsLxml
    else:
        name = tag
    attrs = ""
    if len(el.attrib):
        values = {str(key): str(value) for key, value in el.attrib.items()}
        if any(key[:1] == "{" for key in values):
            raise NeedsLxml
        attrs = attr_text(values)
    return name, attrs


def _has_text(value: str | None) -> bool:
    return value is not None and value.strip(_XML_SPACE) != ""


def is_mixed(el: etree._Element) -> bool:
    """Whether ``el`` holds text next to child elements (mixed content).

    Such text is data, and so is every space around and inside it: it is written
    back exactly as read, never re-indented (re-indenting would change the text).
    """
    if len(el) == 0:
        return False
    return _has_text(el.text) or any(_has_text(child.tail) for child in el)


def _verbatim(el: etree._Element, prefix: str) -> str:
    """``el`` and everything inside it exactly as read, with lxml's escaping.

    Comments and processing instructions are dropped, as everywhere in the writer,
    but the text after them is kept: it is part of the element's content.
    """
    name, attrs = _start(el, prefix)
    parts: list[str] = []
    text = el.text
    if text:
        check(text)
        parts.append(escape_text(text))
    for child in el:
        if isinstance(child.tag, str):
            parts.append(_verbatim(child, prefix))
        tail = child.tail
        if tail:
            check(tail)
            parts.append(escape_text(tail))
    if not parts:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{''.join(parts)}</{name}>"


def _kids(kids: list[Any], out: list[str], vals: list[str], level: int, esc: bool) -> None:
    """Append the children ``kids`` of a node, themselves at nesting ``level``.

    As ``etree.indent`` + ``tostring`` would write them. Leaf values also go to
    ``vals`` (unescaped), for :func:`render`'s one check of them all. Child nodes
    are written in this loop (only their own children recurse): this runs for
    every element.
    """
    try:
        leaf_tags, node_tags = _LEAF[level], _NODE[level]
    except IndexError:
        _levels(level)
        leaf_tags, node_tags = _LEAF[level], _NODE[level]
    for kid in kids:
        if type(kid) is tuple:
            name, text, attrs = kid
            vals.append(text)
            if esc:
                text = escape_text(text)
            try:
                start, end = leaf_tags[name]
            except KeyError:
                start, end = _leaf_tags(level, name)
            if attrs is not None:
                start = f"{start[:-1]}{attr_text(attrs)}>"
            out += (start, text, end)
        elif type(kid) is Fragment:
            out.append(kid.at(level))
        else:
            name = kid.name
            try:
                start, end, empty = node_tags[name]
            except KeyError:
                start, end, empty = _node_tags(level, name)
            attrs = kid.attrs
            if attrs:
                head = attr_text(attrs)
                start, empty = f"{start[:-1]}{head}>", f"{empty[:-2]}{head}/>"
            sub = kid.kids
            if sub:
                out.append(start)
                _kids(sub, out, vals, level + 1, esc)
                out.append(end)
            else:
                out.append(empty)


def _root(node: Any, out: list[str], vals: list[str], level: int, esc: bool) -> None:
    """A root declares its namespace before its attributes, as lxml writes them.

    ``xsi:schemaLocation`` (kept from the source document) is the one namespaced
    attribute the fast path writes: lxml declares it with its usual ``xsi`` prefix.
    """
    ctx = node.ctx
    namespace = ctx.namespace
    if ctx.lxml_only or _SAFE_URI.fullmatch(namespace) is None or NAME.fullmatch(node.name) is None:
        raise NeedsLxml
    if namespace == _XSI:
        raise NeedsLxml
    head = f' xmlns="{namespace}"'
    attrs = node.attrs
    if attrs:
        names: dict[str, str] = {}
        for key, value in attrs.items():
            if key.startswith(_XSI_Q) and NAME.fullmatch(key[len(_XSI_Q) :]) is not None:
                names["xsi:" + key[len(_XSI_Q) :]] = value
            elif NAME.fullmatch(key) is not None:
                names[key] = value
            else:
                raise NeedsLxml
        if any(key.startswith(_XSI_Q) for key in attrs):
            head += f' xmlns:xsi="{_XSI}"'
        head += attr_text(names, checked=True)
    indent = _indent(level)
    if not node.kids:
        out.append(f"{indent}<{node.name}{head}/>")
        return
    out.append(f"{indent}<{node.name}{head}>")
    _kids(node.kids, out, vals, level + 1, esc)
    out.append(f"{indent}</{node.name}>")


def _text(doc: Any, header: Any, envelope_tag: str, esc: bool) -> tuple[str, str]:
    """(document text, every leaf value joined) rendered with or without escaping values."""
    out = [_DECLARATION]
    vals: list[str] = []
    if header is None:
        _root(doc, out, vals, 0, esc)
    else:
        if NAME.fullmatch(envelope_tag) is None:
            raise NeedsLxml
        out.append(f"\n<{envelope_tag}>")
        _root(header, out, vals, 1, esc)
        _root(doc, out, vals, 1, esc)
        out.append(f"\n</{envelope_tag}>")
    return "".join(out), "".join(vals)


def _needs_escape(values: str) -> bool:
    """Whether some value needs escaping; NeedsLxml if one holds a character XML forbids."""
    if plain(values):  # the common case: one scan says no control character, nothing to escape
        return False
    if values.isprintable():
        return "&" in values or "<" in values or ">" in values
    if _NOT_XML.search(values) is not None:
        raise NeedsLxml
    return _TEXT_SPECIAL.search(values) is not None


def render(doc: Any, header: Any = None, envelope_tag: str = "Envelope") -> bytes:
    """The indented UTF-8 bytes of ``doc`` (inside ``envelope_tag`` with ``header`` when given).

    Byte-for-byte what :func:`serialize` gives for the same tree built in lxml.
    Values are first written unescaped and checked once, joined; only if one needs
    escaping is the tree rendered again, escaping every value.
    """
    try:
        text, values = _text(doc, header, envelope_tag, False)
        if _needs_escape(values):
            text = _text(doc, header, envelope_tag, True)[0]
        return text.encode("utf-8")
    except (NeedsLxml, UnicodeEncodeError, TypeError):
        # UnicodeEncodeError: a lone surrogate; TypeError: a value that is not text
        pass
    if header is None:
        return serialize(doc.el)
    envelope = etree.Element(envelope_tag)
    envelope.append(header.el)
    envelope.append(doc.el)
    return serialize(envelope)


def serialize(root: etree._Element) -> bytes:
    """Deterministic, indented UTF-8 bytes with an XML declaration.

    Mixed content (text between elements, from a kept fragment) is not re-indented:
    the text inside it is put back after ``etree.indent`` exactly as it was.
    """
    kept: list[tuple[etree._Element, str | None, str | None, bool]] = []
    for mixed in root.iter():
        if isinstance(mixed.tag, str) and is_mixed(mixed):
            kept.append((mixed, mixed.text, None, False))  # its own tail is indented as usual
            kept.extend((el, el.text, el.tail, True) for el in mixed.iterdescendants())
    etree.indent(root, space="  ")
    for el, text, tail, inner in kept:
        el.text = text
        if inner:
            el.tail = tail
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
