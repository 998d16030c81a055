"""Report the FIX extras a non-FIX target did not read: every one as ``lossy.dropped``.

Why: the FIX reader keeps each tag the trading model has no slot for as
``Extra("fix", "FIX:<tag>", value)`` – in the message's bag, or in the bag of
the party, allocation or side it came with – and a whole unmapped repeating
group as its ``tag=value`` text. A FIX (or JSON) writer puts them back, so
nothing is lost; a writer of another format (MT54x, sese.023, setr.027...)
reads the few it has a place for and has nowhere to put the rest. Before this
module those simply vanished and ``--strict`` passed the conversion.

A target says what it reads (:class:`Consumed`); :func:`leftovers` lists the
rest, each with its position (``FIX:5001``, ``FIX:78[2].161``,
``FIX:85[1].787``), the tag's name in the message's dictionary and the value;
:func:`report_fix_leftovers` reports them through the translation context's
:meth:`~finmsg.translate.context.Ctx.dropped`, the same finding shape as the
MX → MT ``lossy.dropped`` reports. A kept group is reported field by field, so
each value is named by its own tag.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from finmsg.errors import FinmsgError
from finmsg.fix.dictionary import FieldDef, for_message
from finmsg.fix.mapping import NESTED_PARTY, NESTED_PARTY2, PARTY
from finmsg.model.common import Extra
from finmsg.model.trading import AllocationEntry, TradingMessage, TradingParty
from finmsg.translate.context import Ctx

__all__ = ["Consumed", "Leftover", "leftovers", "report_fix_leftovers", "tag_label"]

_SOH = "\x01"
_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Consumed:
    """The extras a target reads, by where they sit.

    ``message`` / ``allocation`` / ``side``: tags read from the message's bag, from an
    allocation entry's and from a trade capture side's (a group tag here means the whole
    kept group is read); ``groups``: for a kept group read only in part, its NumInGroup
    tag -> the inner tags read (the others are reported, entry by entry).
    """

    message: frozenset[int] = _NONE
    allocation: frozenset[int] = _NONE
    groups: Mapping[int, frozenset[int]] = field(default_factory=dict)
    side: frozenset[int] = _NONE
    #: the same tags as extra paths (``FIX:64``): most extras are skipped by one set lookup
    paths: tuple[frozenset[str], frozenset[str], frozenset[str]] = field(
        init=False, repr=False, compare=False
    )
    #: ``groups`` with the inner tags as text (``"769"``), as a kept group's text spells them
    inner: Mapping[int, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        as_paths = tuple(
            frozenset(f"FIX:{t}" for t in tags) for tags in (self.message, self.allocation, self.side)
        )
        object.__setattr__(self, "paths", as_paths)
        inner = {tag: frozenset(str(t) for t in tags) for tag, tags in self.groups.items()}
        object.__setattr__(self, "inner", inner)


@dataclass(frozen=True, slots=True)
class Leftover:
    """One FIX field no target member received: where it was, its tag, its name and its value."""

    path: str
    tag: int
    name: str | None
    value: str


_NO_PATHS: frozenset[str] = frozenset()


def _bag(
    out: list[Leftover], extras: tuple[Extra, ...], where: str, read: frozenset[str], consumed: Consumed
) -> None:
    """Append the extras of one bag that ``read`` (paths) and ``consumed.groups`` do not cover."""
    for extra in extras:
        path = extra.path
        if path in read or extra.source != "fix" or not path.startswith("FIX:"):
            continue
        tail = path[4:]
        if not tail.isdigit():
            continue
        tag = int(tail)
        content = extra.content
        head = f"{tail}="
        # a kept repeating group: its text starts with its own NumInGroup field
        if not (content.startswith(head) and (_SOH in content or content[len(head) :].isdigit())):
            out.append(Leftover(f"FIX:{where}{tag}", tag, None, content))
            continue
        # field by field; the first tag after the count starts every entry (the FIX delimiter rule)
        inner_read = consumed.inner.get(tag, _NO_PATHS)
        entry, first = 0, None
        for part in content.split(_SOH)[1:]:
            name, sep, value = part.partition("=")
            if first is None:
                first = name
            if name == first:
                entry += 1
            if name not in inner_read and sep and name.isdigit():
                inner = int(name)
                out.append(Leftover(f"FIX:{where}{tag}[{entry}].{inner}", inner, None, value))


def _parties(
    out: list[Leftover], parties: tuple[TradingParty, ...], where: str, count: int, consumed: Consumed
) -> None:
    for n, party in enumerate(parties, 1):
        if party.extras:
            _bag(out, party.extras, f"{where}{count}[{n}].", _NO_PATHS, consumed)


def _allocations(
    out: list[Leftover],
    allocations: tuple[AllocationEntry, ...],
    where: str,
    layout: tuple[int, ...],
    consumed: Consumed,
) -> None:
    for n, alloc in enumerate(allocations, 1):
        inside = f"{where}78[{n}]."
        _bag(out, alloc.extras, inside, consumed.paths[1], consumed)
        _parties(out, alloc.parties, inside, layout[0], consumed)


def leftovers(message: TradingMessage, consumed: Consumed) -> list[Leftover]:
    """Every FIX extra of ``message`` (and of its parties, allocations and sides) the target does
    not read, with its dictionary name when the message's dictionary defines the tag."""
    found: list[Leftover] = []
    _bag(found, message.extras, "", consumed.paths[0], consumed)
    _parties(found, message.parties, "", PARTY[0], consumed)
    allocations = getattr(message, "allocations", ())
    if allocations:
        _allocations(found, allocations, "", NESTED_PARTY, consumed)
    for n, side in enumerate(getattr(message, "sides", ()), 1):
        inside = f"552[{n}]."
        _bag(found, side.extras, inside, consumed.paths[2], consumed)
        _parties(found, side.parties, inside, PARTY[0], consumed)
        _allocations(found, side.allocations, inside, NESTED_PARTY2, consumed)
    if not found:
        return found
    fields = _fields(message)
    out = []
    for x in found:
        known = fields.get(x.tag)
        out.append(Leftover(x.path, x.tag, known.name if known is not None else None, x.value))
    return out


def _fields(message: TradingMessage) -> Mapping[int, FieldDef]:
    """The field definitions of the message's dictionary (empty when it cannot be loaded)."""
    try:
        dictionary = for_message(message.begin_string, message.appl_ver_id, msg_type=message.message_type)
    except FinmsgError:
        return {}
    return dictionary.fields


def tag_label(leftover: Leftover) -> str:
    """``LastCapacity (29)``, or ``tag 5001 (not in the dictionary)`` for a custom tag."""
    if leftover.name:
        return f"{leftover.name} ({leftover.tag})"
    return f"tag {leftover.tag} (not in the dictionary)"


def report_fix_leftovers(
    ctx: Ctx,
    message: TradingMessage,
    consumed: Consumed,
    rule: str,
    target: str,
    target_path: str | None = None,
) -> None:
    """Report each :func:`leftovers` entry as ``lossy.dropped`` under ``rule`` (``target``: what
    the message became, for the human message)."""
    for leftover in leftovers(message, consumed):
        ctx.dropped(
            rule,
            leftover.path,
            target_path,
            leftover.value,
            f"{tag_label(leftover)} has no place in {target}",
        )
