"""FIX tokens -> canonical trading model.

Why: this is the mapping layer on top of the lossless token layer. Header,
body and trailer come cut and grouped by :mod:`finmsg.fix.validate`; the tables
in :mod:`finmsg.fix.mapping` say where each field goes. What has no home goes
into ``extras`` as ``Extra("fix", "FIX:<tag>", value)`` (a whole unmapped
repeating group is kept as its tag=value text), sorted by tag so that the
writer's dictionary order reads back to an equal model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ParseError
from finmsg.fix import mapping as mp
from finmsg.fix.document import FixDocument, Group, Node
from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.values import parse_decimal, parse_timestamp
from finmsg.model.common import Extra
from finmsg.model.trading import (
    AllocationEntry,
    Instrument,
    OrderAttribute,
    PartySubId,
    RegulatoryTradeId,
    SecurityAltId,
    TradePublication,
    TradeSide,
    TradingMessage,
    TradingParty,
)

__all__ = ["GROUP_SEPARATOR", "document_to_model", "flatten", "read_message"]

#: Separator between the fields of an unmapped group kept in an Extra.
GROUP_SEPARATOR = "\x01"
_FRAMING = frozenset({8, 9, 35, 10})


def flatten(nodes: Iterable[Node]) -> list[tuple[int, str]]:
    """Nested nodes back to the ordered tag/value list."""
    out: list[tuple[int, str]] = []
    for node in nodes:
        if isinstance(node, Group):
            out.append((node.tag, node.count))
            for entry in node.entries:
                out.extend(flatten(entry))
        else:
            out.append(node)
    return out


def _group_extra(group: Group) -> Extra:
    text = GROUP_SEPARATOR.join(f"{t}={v}" for t, v in flatten([group]))
    return Extra("fix", f"FIX:{group.tag}", text)


def _extra_key(extra: Extra) -> int:
    tail = extra.path.rpartition(":")[2]
    return int(tail) if tail.lstrip("-").isdigit() else 0


class _Mapper:
    """Converts values and collects diagnostics for one message."""

    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []

    def convert(self, tag: int, value: str, kind: str) -> Any:
        """``value`` as the model holds it; a value that does not convert is a warning (and a
        ``ParseError`` for :meth:`fields`, which keeps the field as an extra instead). The
        field's path is only written out then: every typed field of every message paid
        for formatting it before."""
        try:
            if kind == "d":
                return parse_decimal(value)
            if kind == "t":
                return parse_timestamp(value)
            if kind == "i":
                if not value.lstrip("-").isdigit():
                    raise ParseError(f"{value!r} is not an integer", code="fix.value.int", value=value)
                return int(value)
        except ParseError as exc:
            path = f"FIX:{tag}"
            self.diags.append(
                Diagnostic(
                    "mapping.unconverted",
                    Severity.WARNING,
                    f"{exc.message}; kept as an extra",
                    path=path,
                    original=value,
                )
            )
            raise
        return value

    def fields(
        self, nodes: Iterable[Node], table: mp.FieldMap, groups: Mapping[int, Any]
    ) -> tuple[dict[str, Any], list[Extra], dict[int, Group]]:
        """Split nodes into mapped attributes, extras, and groups named in ``groups``."""
        attrs: dict[str, Any] = {}
        extras: list[Extra] = []
        found: dict[int, Group] = {}
        get = table.get
        for node in nodes:
            if node.__class__ is Group:
                assert isinstance(node, Group)
                if node.tag in groups:
                    found[node.tag] = node
                else:
                    extras.append(_group_extra(node))
                continue
            tag, value = node  # type: ignore[misc]
            spec = get(tag)
            if spec is not None and value:
                name, kind = spec
                if kind == "x":  # framing (8, 9, 35, 10): recomputed by the writer
                    continue
                if name not in attrs:
                    if kind == "s":
                        attrs[name] = value
                        continue
                    try:
                        attrs[name] = self.convert(tag, value, kind)
                        continue
                    except ParseError:
                        pass
            extras.append(Extra("fix", f"FIX:{tag}", value))
        return attrs, extras, found

    def parties(self, group: Group, layout: tuple[int, ...]) -> tuple[TradingParty, ...]:
        _, id_tag, src, role, qual, sub_count, sub_id, sub_type = layout
        table = {
            id_tag: ("id", "s"),
            src: ("source", "s"),
            role: ("role", "s"),
            qual: ("role_qualifier", "s"),
        }
        out = []
        for entry in group.entries:
            attrs, extras, groups = self.fields(entry, table, {sub_count: None})
            subs: list[PartySubId] = []
            if sub_count in groups:
                for sub in groups[sub_count].entries:
                    sattrs, sextras, _ = self.fields(sub, {sub_id: ("id", "s"), sub_type: ("type", "s")}, {})
                    if sextras or "id" not in sattrs:  # keep the whole sub-group losslessly
                        extras.append(_group_extra(groups[sub_count]))
                        subs = []
                        break
                    subs.append(PartySubId(**sattrs))
            attrs.setdefault("id", "")  # the writer leaves an empty id out again
            out.append(TradingParty(**attrs, sub_ids=tuple(subs), extras=_sorted(extras)))
        return tuple(out)

    def allocations(
        self, group: Group, layout: tuple[int, ...] = mp.NESTED_PARTY
    ) -> tuple[AllocationEntry, ...]:
        out = []
        for entry in group.entries:
            attrs, extras, groups = self.fields(entry, mp.ALLOC_FIELDS, {layout[0]: None})
            parties = self.parties(groups[layout[0]], layout) if layout[0] in groups else ()
            out.append(AllocationEntry(**attrs, parties=parties, extras=_sorted(extras)))
        return tuple(out)

    def sides(self, group: Group) -> tuple[TradeSide, ...]:
        out = []
        for entry in group.entries:
            attrs, extras, groups = self.fields(entry, mp.SIDE_FIELDS, {453: None, 78: None})
            attrs.setdefault("side", "")
            out.append(
                TradeSide(
                    **attrs,
                    parties=self.parties(groups[453], mp.PARTY) if 453 in groups else (),
                    allocations=self.allocations(groups[78], mp.NESTED_PARTY2) if 78 in groups else (),
                    extras=_sorted(extras),
                )
            )
        return tuple(out)

    def simple_group(self, group: Group, table: mp.FieldMap, key: str) -> list[dict[str, Any]] | None:
        """Entries of a flat group as attribute dicts; ``None`` if anything would not fit."""
        rows = []
        for entry in group.entries:
            attrs, extras, _ = self.fields(entry, table, {})
            if extras or key not in attrs:
                return None
            rows.append(attrs)
        return rows


def _sorted(extras: list[Extra]) -> tuple[Extra, ...]:
    return tuple(sorted(extras, key=_extra_key))


_FLAT_GROUPS: Mapping[int, tuple[mp.FieldMap, str, Any]] = {
    1907: (
        {1903: ("id", "s"), 1905: ("source", "s"), 1904: ("event", "s"), 1906: ("type", "s")},
        "id",
        RegulatoryTradeId,
    ),
    2593: ({2594: ("type", "s"), 2595: ("value", "s")}, "type", OrderAttribute),
    2668: ({2669: ("type", "s"), 2670: ("reason", "s")}, "type", TradePublication),
    454: ({455: ("id", "s"), 456: ("source", "s")}, "id", SecurityAltId),
    1838: ({1839: ("value", "s")}, "value", None),
}


_TABLES: dict[str, mp.FieldMap] = {}
#: The Instrument attributes, in table order (listed once here, not for every message).
_INSTRUMENT_NAMES = tuple(name for name, _ in mp.INSTRUMENT_FIELDS.values())


def document_to_model(doc: FixDocument) -> Result[TradingMessage]:
    """Map a cut and grouped FIX message to its trading-model class."""
    mt = doc.msg_type
    m = _Mapper()
    table = _TABLES.get(mt)
    if table is None:
        table = _TABLES[mt] = {
            **mp.COMMON_FIELDS,
            **mp.INSTRUMENT_FIELDS,
            **mp.MESSAGE_FIELDS.get(mt, {}),
            **dict.fromkeys(_FRAMING, ("", "x")),
        }
    group_attrs = mp.GROUP_ATTRS.get(mt, {})
    attrs, extras, groups = m.fields((*doc.header, *doc.body, *doc.trailer), table, group_attrs)
    instrument = {k: attrs.pop(k) for k in _INSTRUMENT_NAMES if k in attrs}
    for tag, group in groups.items():
        name = group_attrs[tag]
        if name == "parties":
            attrs["parties"] = m.parties(group, mp.PARTY)
        elif name == "allocations":
            attrs["allocations"] = m.allocations(group)
        elif name == "sides":
            attrs["sides"] = m.sides(group)
        else:
            flat_table, key, cls = _FLAT_GROUPS[tag]
            rows = m.simple_group(group, flat_table, key)
            if rows is None:
                extras.append(_group_extra(group))
            elif tag == 454:
                instrument["alt_ids"] = tuple(cls(**r) for r in rows)
            elif cls is None:
                attrs[name] = tuple(r["value"] for r in rows)
            else:
                attrs[name] = tuple(cls(**r) for r in rows)
    if instrument:
        attrs["instrument"] = Instrument(**instrument)
    cls = mp.MESSAGE_CLASSES.get(mt, TradingMessage)
    if cls is TradingMessage:
        attrs["message_type"] = mt
    model = cls(begin_string=doc.frame.begin_string, extras=_sorted(extras), **attrs)
    return Result(model, m.diags)


def read_message(
    data: bytes, options: FixOptions | Mapping[str, Any] | None = None
) -> Result[TradingMessage]:
    """Frame, validate and map one FIX message; raises ``ParseError`` when it cannot be framed.

    Validation findings come back as diagnostics next to the model (the model is built
    even for a message QuickFIX would reject, so nothing is lost).
    """
    parsed = parse_document(data, options)
    if parsed.value is None:
        first = parsed.diagnostics[0]
        raise ParseError(
            first.message,
            code=first.code,
            path=first.path,
            value=first.original,
            diagnostics=parsed.diagnostics,
        )
    result = document_to_model(parsed.value)
    return Result(result.value, [*parsed.diagnostics, *result.diagnostics])
