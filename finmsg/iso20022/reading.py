"""Reading side of the ISO 20022 codec: a cursor over an element that remembers what was used.

Every mapping function reads the children it understands through a :class:`Node`;
whatever it did not touch is returned by :meth:`Node.extras` as
:class:`~finmsg.model.common.Extra` fragments, tagged with their path. That is how
the reader guarantees that nothing is silently dropped.

Two rules hold for every value the nodes read (text, codes, amounts, dates...):

* :func:`leaf_text` decides what a leaf is. Comments and processing instructions
  carry no data, so ``<Nm>A<!--c-->B</Nm>`` is the leaf ``AB``; a child *element*
  makes it a non-leaf, which is then kept whole as an extra.
* Attributes. The only attribute any ISO 20022 message schema declares is ``Ccy`` on
  amounts (checked over every vendored XSD), which :meth:`Node.amount` maps. Any
  other attribute on an element a node reads (``<Nm foo="x">``, ``<BICFI
  xml:lang="en">``, ``<Amt Ccy="EUR" x="1">``, ``<Dbtr foo="y">``) has no place in
  the model nor in any target version (an unknown one makes the input XSD-invalid),
  so writing it back could only make invalid output. It is reported instead (rule
  ``R001``, code ``lossy.dropped``) with its path ``/Document/.../Nm/@foo`` and
  value, in one place (the node that reads the element); a strict conversion then
  fails rather than losing it quietly. The Document's own attributes
  (``xsi:schemaLocation``) are kept by :mod:`finmsg.iso20022.document`, the AppHdr's
  by :mod:`finmsg.iso20022.components.header` (XML Schema accepts ``xsi:`` attributes
  on any element, and real headers carry a schema location), and inside an
  element kept whole as an extra the attributes stay in the fragment: neither is
  reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.common import Amount, Extra, Timestamp

__all__ = ["Node", "ReadContext", "kept_fragment", "leaf_text"]

_SOURCE = "iso20022"
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
#: Code and rule of an attribute the mapping does not read (see the module docstring).
ATTRIBUTE_CODE = "lossy.dropped"
ATTRIBUTE_RULE = "R001"
#: Above this many children a node indexes them by name (see ``Node.__init__``).
_WIDE = 8
T = TypeVar("T")


class ReadContext:
    """Per-message state shared by all nodes: diagnostics, and how the tree was parsed.

    ``compact``: the tree has no indentation (:func:`~finmsg.iso20022.xmlsafe.parse_for_reading`),
    so a fragment kept whole needs no stripping; ``inexact`` is set when one such fragment
    holds text beside child elements, where the compact parse may have dropped a blank
    that is data: the caller then reads a full parse instead (see :meth:`Node.extras`).
    """

    __slots__ = ("compact", "diagnostics", "inexact")

    def __init__(self, compact: bool = False) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.compact = compact
        self.inexact = False

    def info(self, code: str, message: str, path: str) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.INFO, message, path=path))

    def error(self, code: str, message: str, path: str, value: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, path=path, original=value))

    def attributes(self, el: etree._Element, path: str, mapped: str = "") -> None:
        """Report every attribute of ``el`` (at ``path``) but ``mapped``: its value is not kept."""
        name = path[path.rfind("/") + 1 :].split("[", 1)[0]
        for key, value in el.items():
            key = str(key)
            if key == mapped:
                continue
            shown = _attribute_name(el, key)
            self.diagnostics.append(
                Diagnostic(
                    ATTRIBUTE_CODE,
                    Severity.WARNING,
                    f"attribute {shown} on {name} has no place in the ISO 20022 message; "
                    "its value is not kept",
                    path=f"{path}/@{shown}",
                    rule=ATTRIBUTE_RULE,
                    original=str(value),
                )
            )

    def retract_attributes(self, mark: int) -> None:
        """Take back attribute reports made since ``mark``: their element is kept whole after all."""
        found = self.diagnostics
        if len(found) > mark:
            found[mark:] = [d for d in found[mark:] if d.rule != ATTRIBUTE_RULE]


def _attribute_name(el: etree._Element, key: str) -> str:
    """``foo``, or ``prefix:local`` for a namespaced attribute (``xml:lang``), as the source wrote it."""
    if key[:1] != "{":
        return key
    uri, _, local = key[1:].partition("}")
    if key.startswith(_XML_NS):
        return "xml:" + local
    for prefix, bound in el.nsmap.items():
        if bound == uri and prefix:
            return f"{prefix}:{local}"
    return key


def leaf_text(el: etree._Element) -> str | None:
    """The value of leaf ``el``; None when it holds a child element (then it is no leaf).

    The one rule for text, codes, amounts, dates, booleans alike: comments and
    processing instructions carry no data, so the text around them is the value
    (``27<!--c-->34.56`` is ``2734.56``).
    """
    if not len(el):
        return el.text or ""
    return _around_comments(el)


def _around_comments(el: etree._Element) -> str | None:
    parts = [el.text or ""]
    for kid in el:
        if isinstance(kid.tag, str):
            return None
        parts.append(kid.tail or "")  # type: ignore[unreachable]  # lxml-stubs: every tag is a str
    return "".join(parts)


class Node:
    """A read cursor over one element. Child names are local names (no namespace)."""

    __slots__ = ("_cut", "_first", "_kids", "_names", "_used", "ctx", "el", "path")

    def __init__(self, el: etree._Element, path: str, ctx: ReadContext, cut: int = -1) -> None:
        self.el = el
        self.path = path
        self.ctx = ctx
        # Node set-up is the most frequent step of a read, so it is kept to the bare
        # minimum (measured in machine instructions): ``el[:]`` lists the children for a
        # third of the cost of ``list(el)``, a leaf skips the name cut altogether, and a
        # child node is handed its parent's ``cut`` (the length of ``{namespace}``): its
        # own tag was matched under that namespace length, so re-reading it is waste.
        # Children share their parent's namespace in ISO 20022 documents; a foreign child
        # only gets an odd local name here and is kept whole as an extra anyway.
        kids: list[etree._Element] = el[:]  # type: ignore[index, assignment]  # stubs: no slices
        names: list[str]
        if kids:
            if cut < 0:
                cut = el.tag.find("}") + 1  # 0 without a namespace: "}" cannot occur in a name
            try:
                names = [kid.tag[cut:] for kid in kids]
            except TypeError:  # a comment or PI among the children: its tag is a function
                kids = [k for k in kids if isinstance(k.tag, str)]
                names = [kid.tag[cut:] for kid in kids]
        else:
            names = []
        self._cut = cut
        self._kids = kids
        self._names = names
        count = len(kids)
        self._used = [False] * count
        # Wide elements (a transaction has 15-40 children) are probed for many optional
        # names: there a name -> first index map beats two linear scans per probe; for
        # the usual two or three children the scans are cheaper than building it.
        self._first = (
            dict(zip(reversed(names), range(count - 1, -1, -1), strict=True)) if count > _WIDE else None
        )
        # The element's own attributes (a Document's are kept by the document reader, an
        # AppHdr's by the header reader).
        if el.keys() and path != "/Document" and path != "/AppHdr":
            ctx.attributes(el, path)

    def _indices(self, name: str) -> list[int]:
        names = self._names
        found = names.count(name)
        if found < 2:
            return [names.index(name)] if found else []
        return [i for i, n in enumerate(names) if n == name]

    def _find(self, name: str) -> int | None:
        """Index of the first child called ``name``, or None: the one lookup every reader uses."""
        first = self._first
        if first is not None:
            return first.get(name)
        names = self._names
        return names.index(name) if name in names else None

    def count(self, name: str) -> int:
        return self._names.count(name)

    def has(self, name: str) -> bool:
        return self._find(name) is not None

    def child(self, name: str) -> Node | None:
        """The first child called ``name`` as a node (marked used), or None."""
        i = self._find(name)
        if i is None:
            return None
        self._used[i] = True
        return Node(self._kids[i], f"{self.path}/{name}", self.ctx, self._cut)

    def children(self, name: str) -> list[Node]:
        out = []
        for n, i in enumerate(self._indices(name), start=1):
            self._used[i] = True
            out.append(Node(self._kids[i], f"{self.path}/{name}[{n}]", self.ctx, self._cut))
        return out

    def text(self, name: str) -> str | None:
        """Text of the first child ``name`` (None when absent). Whitespace is kept as sent."""
        i = self._find(name)
        if i is None:
            return None
        el = self._kids[i]
        if len(el):
            value = _around_comments(el)
            if value is None:
                return None  # not a leaf: leave it for extras
        else:
            value = el.text or ""
        self._used[i] = True
        if el.keys():
            self.ctx.attributes(el, f"{self.path}/{name}")
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        out = []
        for n, i in enumerate(self._indices(name), start=1):
            el = self._kids[i]
            value = leaf_text(el)
            if value is not None:
                self._used[i] = True
                out.append(value)
                if el.keys():
                    self.ctx.attributes(el, f"{self.path}/{name}[{n}]")
        return tuple(out)

    def scan(self, slots: Mapping[str, int], size: int) -> list[str | None]:
        """``[text(name) for name in slots]`` in one pass over the children (``slots``: name -> slot).

        Same result and the same children marked used as calling :meth:`text` per name
        (first child of each name, leaves only), but a wide record such as a postal
        address (16 optional members) costs one loop over the few children present
        instead of one probe per member the schema allows.
        """
        out: list[str | None] = [None] * size
        seen: set[int] | None = None
        used = self._used
        kids = self._kids
        for i, name in enumerate(self._names):
            slot = slots.get(name)
            if slot is None:
                continue
            if seen is None:
                seen = {slot}
            elif slot in seen:
                continue  # a later child of the same name: text() never looks past the first
            else:
                seen.add(slot)
            el = kids[i]
            if len(el):
                value = _around_comments(el)
                if value is None:
                    continue  # not a leaf: leave it for extras
            else:
                value = el.text or ""
            used[i] = True
            out[slot] = value
            if el.keys():
                self.ctx.attributes(el, f"{self.path}/{name}")
        return out

    def pick(self, slots: Mapping[str, int], size: int) -> list[Node | None]:
        """``[child(name) for name in slots]`` in one pass over the children (``slots``: name -> slot)."""
        out: list[Node | None] = [None] * size
        used = self._used
        kids = self._kids
        path, ctx, cut = self.path, self.ctx, self._cut
        for i, name in enumerate(self._names):
            slot = slots.get(name)
            if slot is None or out[slot] is not None:
                continue
            used[i] = True
            out[slot] = Node(kids[i], f"{path}/{name}", ctx, cut)
        return out

    def complete(self) -> bool:
        """True when every child has been read (no extras so far)."""
        return False not in self._used

    @property
    def value(self) -> str:
        """This element's own text (comments skipped; ``""`` when it has child elements)."""
        return leaf_text(self.el) or ""

    def decimal(self, name: str) -> Decimal | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return Decimal(raw.strip())
        except InvalidOperation:
            self.ctx.error(
                "iso.value.decimal", f"{raw!r} is not a decimal number", f"{self.path}/{name}", raw
            )
            return None

    def amount(self, name: str) -> Amount | None:
        """A ``…AndAmount`` element: decimal text plus its ``Ccy`` attribute."""
        i = self._find(name)
        if i is None:
            return None
        el = self._kids[i]
        if len(el):
            text = _around_comments(el)
            if text is None:
                return None  # a child element: not an amount leaf, so the whole element is kept as an extra
            raw = text.strip()
        else:
            raw = (el.text or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.ctx.error("iso.value.amount", f"{raw!r} is not an amount", f"{self.path}/{name}", raw)
            return None
        self._used[i] = True
        attributes = el.items()
        if len(attributes) == 1 and attributes[0][0] == "Ccy":  # the usual amount
            return Amount(value, str(attributes[0][1]))
        if attributes:
            self.ctx.attributes(el, f"{self.path}/{name}", "Ccy")
        return Amount(value, str(el.get("Ccy", "")))

    def date(self, name: str) -> date | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            self.ctx.error("iso.value.date", f"{raw!r} is not an ISO date", f"{self.path}/{name}", raw)
            return None

    def timestamp(self, name: str) -> Timestamp | None:
        raw = self.text(name)
        if raw is None:
            return None
        parsed = parse_datetime(raw.strip())
        if parsed is None:
            self.ctx.error(
                "iso.value.datetime", f"{raw!r} is not an ISO date-time", f"{self.path}/{name}", raw
            )
            return None
        return Timestamp(parsed, raw)

    def boolean(self, name: str) -> bool | None:
        raw = self.text(name)
        if raw is None:
            return None
        return raw.strip() in ("true", "1")

    def strict(self, name: str, reader: Callable[[Node], T | None]) -> T | None:
        """Read child ``name`` only if ``reader`` understands all of it; else keep it whole as an extra.

        For small model values that have no supplementary bag of their own
        (codes, generic ids), all-or-nothing keeps the round trip lossless.
        """
        i = self._find(name)
        if i is None:
            return None
        ctx = self.ctx
        mark = len(ctx.diagnostics)
        sub = Node(self._kids[i], f"{self.path}/{name}", ctx, self._cut)
        value = reader(sub)
        if value is None or not all(sub._used):
            ctx.retract_attributes(mark)  # the element is kept whole, attributes included
            return None
        self._used[i] = True
        return value

    def strict_all(self, name: str, reader: Callable[[Node], T | None]) -> tuple[T, ...]:
        """Like :meth:`strict` for a repeated child; entries not fully understood stay extras."""
        out = []
        ctx = self.ctx
        for n, i in enumerate(self._indices(name), start=1):
            mark = len(ctx.diagnostics)
            sub = Node(self._kids[i], f"{self.path}/{name}[{n}]", ctx, self._cut)
            value = reader(sub)
            if value is not None and all(sub._used):
                self._used[i] = True
                out.append(value)
            else:
                ctx.retract_attributes(mark)  # the element is kept whole, attributes included
        return tuple(out)

    def leaves(self, name: str, allowed: frozenset[str]) -> dict[str, str] | None:
        """Child ``name`` as {leaf name: text} when it holds only distinct ``allowed`` leaves."""
        i = self._find(name)
        if i is None:
            return None
        out: dict[str, str] = {}
        cut = self._cut  # the child's members share its (and this node's) namespace
        holder = self._kids[i]
        kids: list[etree._Element] = holder[:]  # type: ignore[index, assignment]  # stubs: no slices
        odd = bool(holder.keys())
        for kid in kids:
            tag = kid.tag
            if not isinstance(tag, str):
                continue  # type: ignore[unreachable]  # comments/PIs: lxml-stubs types every tag as str
            leaf = tag[cut:]
            if leaf not in allowed or leaf in out:
                return None
            if len(kid):  # (leaf_text, inlined: this runs for every agent and account read)
                value = _around_comments(kid)
                if value is None:
                    return None
            else:
                value = kid.text or ""
            out[leaf] = value
            if kid.keys():
                odd = True
        self._used[i] = True
        if odd:  # reported only now that the values are taken
            path = f"{self.path}/{name}"
            self.ctx.attributes(holder, path)
            for kid in kids:
                if isinstance(kid.tag, str) and kid.keys():
                    self.ctx.attributes(kid, f"{path}/{kid.tag[cut:]}")
        return out

    def extras(self) -> tuple[Extra, ...]:
        """Every child not read, serialised with its path: the supplementary bag."""
        if all(self._used):
            return ()
        out = []
        counts: dict[str, int] = {}
        ctx = self.ctx
        for used, name, el in zip(self._used, self._names, self._kids, strict=True):
            counts[name] = counts.get(name, 0) + 1
            if not used:
                out.append(Extra(_SOURCE, f"{self.path}/{name}[{counts[name]}]", kept_fragment(el, ctx)))
        return tuple(out)


def kept_fragment(el: etree._Element, ctx: ReadContext) -> str:
    """The text an extra keeps for element ``el``: its XML, without indentation, comments and
    processing instructions. The one rule for every reader that keeps an element whole
    (:meth:`Node.extras`, the fast lanes' :func:`~finmsg.iso20022.fastlane.unread_extras`).

    On a compact tree (``ctx.compact``) the blanks are already gone; where that may have
    dropped a blank that is data (mixed content), ``ctx.inexact`` tells the caller.
    """
    if ctx.compact:
        content = etree.tostring(el, encoding="unicode", with_tail=False)
        if not _leaf_text_only(content):
            ctx.inexact = True
        return content
    _strip_blank(el)
    return etree.tostring(el, encoding="unicode", with_tail=False)


def _leaf_text_only(content: str) -> bool:
    """True when the only texts in the serialised element ``content`` are leaf values.

    That is what :func:`_strip_blank` leaves of the same element in a full parse of
    an input without comments or processing instructions: there ``content`` is exact.
    Decided on the text lxml wrote, where ``<`` and ``>`` only delimit tags (text and
    attribute values escape both), by searches in C instead of a Python loop over the
    elements (measured: 9k instead of 20k instructions for a small fragment): no
    text before a start tag (a parent's text or a tail), none after an end tag or an
    empty element (a tail). The texts left sit between a start tag and an end tag,
    the same element's: a leaf's.
    """
    if _BEFORE_START.search(content) is not None or _AFTER_END.search(content) is not None:
        return False
    empty = content.count("/>")
    return not empty or content.count("/><") + content.endswith("/>") == empty


#: Text right before a start tag, and right after an end tag: each search scans for its
#: literal first characters (``>``, ``</``) rather than trying every position.
_BEFORE_START = re.compile(r">[^<]+<[^/]")
_AFTER_END = re.compile(r"</[^>]*>[^<]")


def _strip_blank(element: etree._Element) -> None:
    """Drop comments, processing instructions and whitespace-only text (indentation).

    Comments and PIs carry no data; removing them merges the text around them
    (``77<!--c-->.70`` → ``77.70``), so a writer that copies only elements and text
    cannot lose what followed a comment. ISO 20022 has no mixed content, but a kept
    fragment may (foreign content under ``Envlp``): inside an element that holds text
    next to its child elements every text is data, even a lone space between two
    children (``<b>Sir</b> <i>Madam</i>``), so there nothing is stripped.
    """
    etree.strip_tags(element, etree.Comment, etree.ProcessingInstruction)  # one C walk
    for el in element.iter():
        if not len(el):
            continue  # a leaf: its text is its value, its tail its parent's business
        kids: list[etree._Element] = el[:]  # type: ignore[index, assignment]  # stubs: no slices
        text = el.text
        if (text is not None and text.strip()) or any(k.tail is not None and k.tail.strip() for k in kids):
            continue  # mixed content: kept exactly as read
        el.text = None  # indentation only
        for kid in kids:
            kid.tail = None


def parse_datetime(text: str) -> datetime | None:
    """ISO 8601 date-time as ISO 20022 sends it (``Z``, offsets, 1–9 fractional digits)."""
    candidate = text
    if candidate.endswith("Z"):
        candidate = candidate[:-1] + "+00:00"
    if "." in candidate:
        head, _, tail = candidate.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        frac, rest = tail[:digits], tail[digits:]
        candidate = f"{head}.{(frac + '000000')[:6]}{rest}" if frac else head + rest
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None
