"""What every one-pass fast lane shares: full-tag name tables, leaf readers, the decline rule.

Why fast lanes at all: the general reader (:class:`~finmsg.iso20022.reading.Node` and
the ``read_*`` functions) pays for generality on every element: a cursor object, a
list of local names, used-flags, a probe per optional member, a second pass for
extras. A lane walks each element once instead: one loop over its children that
dispatches on the full ``{namespace}Name`` tag through tables built once per
namespace (no name is ever cut), leaf values straight into the model objects.

Why it stays correct: a lane never guesses. On anything the general reader would
keep as an extra or report as a diagnostic, or whose treatment is the general
reader's business (an unknown or repeated member, a comment or processing
instruction, an attribute other than an amount's ``Ccy``, a member with children
where a value belongs, an unreadable amount, date or number, a member of another
namespace), a leaf reader raises :class:`Decline`. The lane then either hands the
enclosing subtree to its general reader (when that reader keeps its leftovers in
its own model object) or gives up on the whole unit, and :func:`attempt` returns
None so the caller runs the general reader on the untouched element. The lanes
(:mod:`~finmsg.iso20022.entries_fast`, :mod:`~finmsg.iso20022.transfers_fast`) and
the shared party/agent/account mappers (:mod:`~finmsg.iso20022.fastparties`) are
checked against the general readers by differential tests.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from lxml import etree

from finmsg.iso20022.reading import Node, ReadContext, kept_fragment, parse_datetime
from finmsg.model.common import Amount, Extra, Timestamp
from finmsg.model.payments import CodeOrProprietary

__all__ = [
    "Decline",
    "Lane",
    "NameCache",
    "Names",
    "amount",
    "attempt",
    "boolean",
    "children",
    "code",
    "date_of",
    "decimal",
    "leaf",
    "prefix_of",
    "slots",
    "timestamp",
    "unread_extras",
]

T = TypeVar("T")
#: The source every ISO 20022 extra is tagged with (as :meth:`Node.extras` tags it).
_SOURCE = "iso20022"
El = etree._Element


#: ``el[:]``, the children of ``el`` as a list: what every lane loops over. Iterating ``el``
#: itself first builds an iterator object, which costs three times as much.
children: Callable[[El], list[El]] = operator.itemgetter(slice(None))


class Decline(Exception):
    """The element holds something only the general reader may decide about."""


# ----------------------------------------------------------------------------- names


class Names:
    """Full tags (``{urn...}Name``) under one namespace prefix, built once per namespace.

    Holds the names the leaf readers need; the shared mappers and each lane subclass it.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.cut = len(prefix)
        self.cd = prefix + "Cd"
        self.prtry = prefix + "Prtry"

    def table(self, slots: dict[str, int]) -> dict[str, int]:
        """``{local name: slot}`` as ``{full tag: slot}`` under this namespace."""
        prefix = self.prefix
        return {prefix + name: slot for name, slot in slots.items()}


N = TypeVar("N", bound=Names)


class NameCache(Generic[N]):
    """One ``Names`` object per namespace prefix (bounded: odd namespaces must not pile up)."""

    __slots__ = ("_found", "_kind")

    def __init__(self, kind: type[N]) -> None:
        self._kind = kind
        self._found: dict[str, N] = {}

    def __call__(self, prefix: str) -> N:
        names = self._found.get(prefix)
        if names is None:
            if len(self._found) >= 64:
                self._found.clear()
            names = self._found[prefix] = self._kind(prefix)
        return names


def prefix_of(tag: str) -> str:
    """``{namespace}`` of a tag ("" without a namespace): the key of the name tables."""
    return tag[: tag.find("}") + 1]


# ----------------------------------------------------------------------------- leaf readers


def leaf(el: El) -> str:
    """Text of a value element as the general reader takes it (whitespace kept).

    Declines on children (comments included) and on any attribute.
    """
    if len(el) or el.keys():
        raise Decline
    return el.text or ""


def amount(el: El) -> Amount:
    """An ``…AndAmount`` leaf: decimal text and its ``Ccy`` (the only attribute allowed)."""
    if len(el):
        raise Decline
    items = el.items()  # one call instead of ``keys()`` then ``get("Ccy")``
    if not items:
        currency = ""
    elif len(items) == 1 and items[0][0] == "Ccy":
        currency = items[0][1]  # type: ignore[assignment]  # lxml gives str; stubs say str | bytes
    else:
        raise Decline
    try:
        value = Decimal((el.text or "").strip())
    except InvalidOperation:
        raise Decline from None
    return Amount(value, currency)


def date_of(el: El) -> date:
    try:
        return date.fromisoformat(leaf(el).strip())
    except ValueError:
        raise Decline from None


def timestamp(el: El) -> Timestamp:
    raw = leaf(el)
    parsed = parse_datetime(raw.strip())
    if parsed is None:
        raise Decline
    return Timestamp(parsed, raw)


def decimal(el: El) -> Decimal:
    try:
        return Decimal(leaf(el).strip())
    except InvalidOperation:
        raise Decline from None


def boolean(el: El) -> bool:
    return leaf(el).strip() in ("true", "1")


def code(el: El, n: Names) -> CodeOrProprietary:
    """A ``Cd | Prtry`` choice of plain leaves, each at most once (none at all: both None)."""
    if el.keys():
        raise Decline
    cd = prtry = None
    for kid in children(el):
        tag = kid.tag
        if tag == n.cd and cd is None:
            cd = leaf(kid)
        elif tag == n.prtry and prtry is None:
            prtry = leaf(kid)
        else:
            raise Decline
    return CodeOrProprietary(cd, prtry)


def slots(el: El, table: dict[str, int], size: int) -> list[El | None]:
    """The children of ``el`` by slot; declines on an unknown or repeated member, or attributes."""
    if el.keys():
        raise Decline
    found: list[El | None] = [None] * size
    for kid in children(el):
        slot = table.get(kid.tag)  # a comment's tag is a function: no slot
        if slot is None or found[slot] is not None:
            raise Decline
        found[slot] = kid
    return found


# ----------------------------------------------------------------------------- lanes


class Lane:
    """One walk: the names of its namespace and the read context of the message."""

    __slots__ = ("ctx", "n")

    def __init__(self, n: Names, ctx: ReadContext) -> None:
        self.n = n
        self.ctx = ctx

    def general(self, reader: Callable[[Node], T], el: El, path: str) -> T:
        """Hand a subtree to its general reader, with the path that reader would get."""
        return reader(Node(el, path, self.ctx))


def attempt(ctx: ReadContext, walk: Callable[[], T]) -> T | None:
    """``walk()``, or None when it declined or a general sub-reader it called had diagnostics.

    Diagnostics of an attempt that is given up are taken back out of ``ctx``: the
    general reader, run next on the untouched element, reports them in its own order.
    """
    mark = len(ctx.diagnostics)
    try:
        value: T | None = walk()
    except Decline:
        value = None
    if len(ctx.diagnostics) != mark:
        del ctx.diagnostics[mark:]
        return None
    return value


def unread_extras(el: El, path: str, ctx: ReadContext, unread: list[El], cut: int) -> tuple[Extra, ...]:
    """The extras the general reader keeps for the children ``unread`` of ``el`` (at ``path``).

    The lane must have read every other child, checked that there are no comments among
    the children and that every unread one is in the element's own namespace (``cut`` is
    that namespace's ``{...}`` length) and has a name no read child has: then these are
    exactly the children the general reader leaves unread, and each is kept as
    :meth:`Node.extras` keeps it: numbered among the children *of the same name* (all of
    them unread), its text made by the same :func:`~finmsg.iso20022.reading.kept_fragment`.
    Built here rather than through a :class:`Node` over the unread children, which cost a
    third more for the usual single extra (a regulatory report).
    """
    out = []
    counts: dict[str, int] = {}
    for kid in unread:
        name = kid.tag[cut:]
        number = counts[name] = counts.get(name, 0) + 1
        out.append(Extra(_SOURCE, f"{path}/{name}[{number}]", kept_fragment(kid, ctx)))
    return tuple(out)
