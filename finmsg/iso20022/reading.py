"""Reading side of the ISO 20022 codec: a cursor over an element that remembers what was used.

Every mapping function reads the children it understands through a :class:`Node`;
whatever it did not touch is returned by :meth:`Node.extras` as
:class:`~finmsg.model.common.Extra` fragments, tagged with their path. That is how
the reader guarantees that nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.common import Amount, Extra, Timestamp

__all__ = ["Node", "ReadContext"]

_SOURCE = "iso20022"
#: Above this many children a node indexes them by name (see ``Node.__init__``).
_WIDE = 8
T = TypeVar("T")


class ReadContext:
    """Per-message state shared by all nodes: diagnostics."""

    __slots__ = ("diagnostics",)

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def info(self, code: str, message: str, path: str) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.INFO, message, path=path))

    def error(self, code: str, message: str, path: str, value: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, path=path, original=value))


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
            return None  # not a leaf: leave it for extras
        self._used[i] = True
        return el.text or ""

    def texts(self, name: str) -> tuple[str, ...]:
        out = []
        for i in self._indices(name):
            if not len(self._kids[i]):
                self._used[i] = True
                out.append(self._kids[i].text or "")
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
            if not len(el):
                used[i] = True
                out[slot] = el.text or ""
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
        return self.el.text or ""

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
        if not len(el):
            raw = (el.text or "").strip()
        elif any(isinstance(kid.tag, str) for kid in el):
            return None  # a child element: not an amount leaf, so the whole element is kept as an extra
        else:  # only comments (or PIs), which carry no data: the text around them is the amount
            raw = str(el.xpath("string()")).strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.ctx.error("iso.value.amount", f"{raw!r} is not an amount", f"{self.path}/{name}", raw)
            return None
        self._used[i] = True
        return Amount(value, el.get("Ccy", ""))

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
        sub = Node(self._kids[i], f"{self.path}/{name}", self.ctx, self._cut)
        value = reader(sub)
        if value is None or not all(sub._used):
            return None
        self._used[i] = True
        return value

    def strict_all(self, name: str, reader: Callable[[Node], T | None]) -> tuple[T, ...]:
        """Like :meth:`strict` for a repeated child; entries not fully understood stay extras."""
        out = []
        for n, i in enumerate(self._indices(name), start=1):
            sub = Node(self._kids[i], f"{self.path}/{name}[{n}]", self.ctx, self._cut)
            value = reader(sub)
            if value is not None and all(sub._used):
                self._used[i] = True
                out.append(value)
        return tuple(out)

    def leaves(self, name: str, allowed: frozenset[str]) -> dict[str, str] | None:
        """Child ``name`` as {leaf name: text} when it holds only distinct ``allowed`` leaves."""
        i = self._find(name)
        if i is None:
            return None
        out: dict[str, str] = {}
        cut = self._cut  # the child's members share its (and this node's) namespace
        kids: list[etree._Element] = self._kids[i][:]  # type: ignore[index, assignment]  # stubs: no slices
        for kid in kids:
            tag = kid.tag
            if not isinstance(tag, str):
                continue  # type: ignore[unreachable]  # comments/PIs: lxml-stubs types every tag as str
            leaf = tag[cut:]
            if leaf not in allowed or leaf in out or len(kid):
                return None
            out[leaf] = kid.text or ""
        self._used[i] = True
        return out

    def extras(self) -> tuple[Extra, ...]:
        """Every child not read, serialised with its path: the supplementary bag."""
        if all(self._used):
            return ()
        out = []
        counts: dict[str, int] = {}
        for used, name, el in zip(self._used, self._names, self._kids, strict=True):
            counts[name] = counts.get(name, 0) + 1
            if not used:
                _strip_blank(el)
                content = etree.tostring(el, encoding="unicode", with_tail=False)
                out.append(Extra(_SOURCE, f"{self.path}/{name}[{counts[name]}]", content))
        return tuple(out)


def _strip_blank(element: etree._Element) -> None:
    """Drop whitespace-only text (indentation): ISO 20022 has no mixed content."""
    for el in element.iter():
        if el.text is not None and not el.text.strip() and len(el):
            el.text = None
        if el is not element and el.tail is not None and not el.tail.strip():
            el.tail = None


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
