"""FIX tokens -> canonical trading model.

Why: this is the mapping layer on top of the lossless token layer. Header,
body and trailer come cut and grouped by :mod:`finmsg.fix.validate`; the tables
in :mod:`finmsg.fix.mapping` say where each field goes. What has no home goes
into ``extras`` as ``Extra("fix", "FIX:<tag>", value)`` (a whole unmapped
repeating group is kept as its tag=value text), sorted by tag so that the
writer's dictionary order reads back to an equal model.

Reading is not validating: a field the dictionary does not define (SessionRejectReason
0/2, see :data:`READ_WARNING_REASONS`) is kept and is a warning here, an error only for
``finmsg validate`` / ``finmsg.validate``; a value the mapping may read that is missing,
empty, outside its enumeration or malformed (1/4/5/6) stays an error.
What leaves the message itself in doubt stays an error (see :func:`read_message`).
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

__all__ = ["GROUP_SEPARATOR", "READ_WARNING_REASONS", "document_to_model", "flatten", "read_message"]

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


#: SessionRejectReasons (373) that a read reports as warnings: 0 unknown tag (a positive tag
#: number the dictionary does not define) and 2 tag not defined for this message type. Such a
#: field is kept as it is (an extra) and takes nothing away from the fields the mapping reads
#: (a Heartbeat with a Text, a venue's custom tags). QuickFIX rejects such a message, so
#: validation (``parse_document``, ``finmsg validate``) keeps them errors.
#: Every other reason stays an error when reading. 1 (required tag missing), 4 (empty value),
#: 5 (value not in the enumeration) and 6 (bad format) concern a value the mapping may read:
#: as warnings, a garbled LastQty (``32=4O``) let a settlement instruction take CumQty instead,
#: with no finding a ``--strict`` run would stop on. 13 (tag twice), 15 (group fields out of
#: order) and 16 (wrong NumInGroup) leave the repeating groups, i.e. which entry a field belongs
#: to, in doubt; 11 (MsgType unknown to the dictionary) leaves no layout to nest the groups by;
#: 14 (header or trailer field out of place) usually means joined or truncated messages; 10
#: (latency) is only checked when asked for (``CheckLatency=Y``).
READ_WARNING_REASONS = frozenset({0, 2})
_READ_WARNING_CODES = frozenset(f"fix.373.{reason}" for reason in READ_WARNING_REASONS)
_WARNING, _ERROR = Severity.WARNING, Severity.ERROR  # module globals: cheaper than the enum lookups
_READ_NOTE = " (a warning when reading; finmsg validate reports it as an error, as QuickFIX would reject it)"


def _as_read_findings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` with the field-content findings (:data:`READ_WARNING_REASONS`) as warnings.

    A "tag" 0 or below (373=0 too) stays an error: tag numbers are positive integers, so
    ``0=..`` or ``-1=..`` is a garbled token rather than a field of some other dictionary.
    """
    return [
        Diagnostic(
            d.code, _WARNING, d.message + _READ_NOTE, d.path, d.target_path, d.rule, d.original, d.emitted
        )
        if d.code in _READ_WARNING_CODES and d.severity is _ERROR and not _not_a_tag(d)
        else d
        for d in diagnostics
    ]


def _not_a_tag(diag: Diagnostic) -> bool:
    """A 373=0 finding whose RefTagID (371) is not a positive number."""
    rule = diag.rule or ""
    ref = rule.rpartition("371=")[2]
    return diag.code == "fix.373.0" and not (ref.isdigit() and int(ref) > 0)


def read_message(
    data: bytes, options: FixOptions | Mapping[str, Any] | None = None
) -> Result[TradingMessage]:
    """Frame, check and map one FIX message; raises ``ParseError`` when it cannot be framed.

    Findings come back as diagnostics next to the model (the model is built even for a
    message QuickFIX would reject, so nothing is lost). A field whose content QuickFIX would
    reject (:data:`READ_WARNING_REASONS`: an unknown or undefined tag, a missing required
    tag, an empty, malformed or out-of-enumeration value) is a *warning* here, so that
    ``finmsg convert`` converts the message, as it converts an MT message that breaks a
    network rule; ``finmsg validate`` (``finmsg.fix.options.parse_document``) reports it as an
    error. Duplicated tags, broken repeating groups, an unknown MsgType, misplaced header
    or trailer fields and a tag number of 0 or below stay errors: the message cannot be read
    reliably.
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
    found = parsed.diagnostics
    if found:
        found = _as_read_findings(found)
    return Result(result.value, [*found, *result.diagnostics])
