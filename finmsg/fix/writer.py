"""Canonical trading model -> FIX tag=value bytes.

Why: the mirror of :mod:`finmsg.fix.reader` over the same tables. Fields are
emitted in dictionary order (header, body, trailer), groups entry by entry
with the delimiter first, extras put back where the dictionary says they
belong, and BodyLength/CheckSum computed over the final bytes. A value holding
SOH or the configured delimiter is refused (it would inject fields); only
length-prefixed DATA fields may carry it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ConversionError
from finmsg.fix import dictionary as dictionaries
from finmsg.fix import mapping as mp
from finmsg.fix.dictionary import Dictionary
from finmsg.fix.reader import GROUP_SEPARATOR
from finmsg.fix.tagvalue import SOH, checksum
from finmsg.fix.values import format_decimal
from finmsg.model.common import Extra
from finmsg.model.trading import (
    AllocationEntry,
    Instrument,
    TradeSide,
    TradingMessage,
    TradingParty,
    UtcTimestamp,
)

__all__ = ["TARGETS", "encode_fields", "model_to_fields", "write_message"]

#: Writer target name -> (BeginString, ApplVerID or None). ``fix`` keeps the model's version.
TARGETS: Mapping[str, tuple[str, str | None]] = {
    "fix40": ("FIX.4.0", None),
    "fix41": ("FIX.4.1", None),
    "fix42": ("FIX.4.2", None),
    "fix43": ("FIX.4.3", None),
    "fix44": ("FIX.4.4", None),
    "fix50": ("FIXT.1.1", "7"),
    "fix50sp1": ("FIXT.1.1", "8"),
    "fix50sp2": ("FIXT.1.1", "9"),
}
Pairs = list[tuple[int, str]]


def _text(value: Any) -> str:
    if type(value) is str:  # most values: looked at first, so the checks below cost them nothing
        return value
    if isinstance(value, UtcTimestamp):
        return value.text
    if isinstance(value, Decimal) or type(value) is float:  # a float is refused, as a NaN is
        return format_decimal(value)  # type: ignore[arg-type]
    return str(value)


def _scalars(obj: Any, table: mp.FieldMap) -> Pairs:
    out: Pairs = []
    for tag, (attr, _) in table.items():
        value = getattr(obj, attr, None)
        if value is not None and value != "":
            out.append((tag, _text(value)))
    return out


def _extras(extras: Iterable[Extra]) -> list[Pairs]:
    """Each extra as its own list of pairs (an unmapped group expands to all of its fields)."""
    out: list[Pairs] = []
    for extra in extras:
        if extra.source != "fix":
            continue
        tag = int(extra.path.rpartition(":")[2])
        count = extra.content.partition(GROUP_SEPARATOR)[0].partition("=")
        # A group kept whole starts with its NumInGroup field (``454=2<SOH>455=...``); an empty
        # one is that field alone (``454=0``), which was once written as ``454=454=0``.
        if count[0] == str(tag) and count[1] and count[2].isdigit():
            pairs = []
            for part in extra.content.split(GROUP_SEPARATOR):
                t, _, v = part.partition("=")
                pairs.append((int(t), v))
            out.append(pairs)
        else:
            out.append([(tag, extra.content)])
    return out


def _parties(parties: tuple[TradingParty, ...], layout: tuple[int, ...]) -> Pairs:
    if not parties:
        return []
    count, id_tag, src, role, qual, sub_count, sub_id, sub_type = layout
    out: Pairs = [(count, str(len(parties)))]
    for p in parties:
        if p.role_qualifier and not qual:
            raise ConversionError(
                "this party group has no role-qualifier field",
                code="fix.write.unplaceable",
                path=f"FIX:{count}",
                value=p.role_qualifier,
            )
        out += [
            (t, v)
            for t, v in ((id_tag, p.id), (src, p.source), (role, p.role), (qual, p.role_qualifier))
            if v
        ]
        if p.sub_ids:
            out.append((sub_count, str(len(p.sub_ids))))
            for s in p.sub_ids:
                out.append((sub_id, s.id))
                if s.type is not None:
                    out.append((sub_type, s.type))
        for pairs in _extras(p.extras):
            out += pairs
    return out


def _allocations(allocs: tuple[AllocationEntry, ...], layout: tuple[int, ...] = mp.NESTED_PARTY) -> Pairs:
    if not allocs:
        return []
    out: Pairs = [(78, str(len(allocs)))]
    for a in allocs:
        out += _scalars(a, mp.ALLOC_FIELDS)
        out += _parties(a.parties, layout)
        for pairs in _extras(a.extras):
            out += pairs
    return out


def _sides(sides: tuple[TradeSide, ...]) -> Pairs:
    if not sides:
        return []
    out: Pairs = [(552, str(len(sides)))]
    for s in sides:
        out += _scalars(s, mp.SIDE_FIELDS)
        out += _parties(s.parties, mp.PARTY)
        out += _allocations(s.allocations, mp.NESTED_PARTY2)
        for pairs in _extras(s.extras):
            out += pairs
    return out


def _flat(count: int, rows: Iterable[Iterable[tuple[int, Any]]]) -> Pairs:
    entries = [[(t, str(v)) for t, v in row if v is not None] for row in rows]
    if not entries:
        return []
    return [(count, str(len(entries))), *(pair for entry in entries for pair in entry)]


def model_to_fields(msg: TradingMessage) -> dict[int, Pairs]:
    """Top-level items of a model: tag -> the pairs it expands to (a group includes its entries)."""
    mt = msg.message_type
    table = {**mp.COMMON_FIELDS, **mp.MESSAGE_FIELDS.get(mt, {})}
    items: dict[int, Pairs] = {tag: [(tag, value)] for tag, value in _scalars(msg, table)}
    inst: Instrument | None = msg.instrument
    if inst is not None:
        items.update({tag: [(tag, value)] for tag, value in _scalars(inst, mp.INSTRUMENT_FIELDS)})
        items[454] = _flat(454, [[(455, a.id), (456, a.source)] for a in inst.alt_ids])
        for pairs in _extras(inst.extras):
            items[pairs[0][0]] = pairs
    items[453] = _parties(msg.parties, mp.PARTY)
    items[1907] = _flat(
        1907,
        [[(1903, r.id), (1905, r.source), (1904, r.event), (1906, r.type)] for r in msg.regulatory_trade_ids],
    )
    items[2593] = _flat(2593, [[(2594, a.type), (2595, a.value)] for a in msg.order_attributes])
    items[2668] = _flat(2668, [[(2669, p.type), (2670, p.reason)] for p in msg.trade_publications])
    items[1838] = _flat(1838, [[(1839, c)] for c in msg.trade_price_conditions])
    for attr, builder, tag in (("allocations", _allocations, 78), ("sides", _sides, 552)):
        value = getattr(msg, attr, None)
        if value:
            items[tag] = builder(value)
    for pairs in _extras(msg.extras):
        items.setdefault(pairs[0][0], [])
        items[pairs[0][0]] += pairs
    return {tag: pairs for tag, pairs in items.items() if pairs}


def encode_fields(
    pairs: Iterable[tuple[int, str]],
    begin_string: str,
    msg_type: str,
    *,
    delimiter: bytes = SOH,
    encoding: str = "utf-8",
    data_tags: frozenset[int] = frozenset(),
) -> bytes:
    """Frame header+body pairs (without 8/9/35/10) with correct BodyLength and CheckSum."""
    d = delimiter.decode("latin-1")
    forbidden = {"\x01", d}
    parts = [f"35={msg_type}"]
    for tag, value in pairs:
        if tag not in data_tags and any(ch in value for ch in forbidden):
            raise ConversionError(
                f"value of tag {tag} contains the field delimiter; it would inject fields",
                code="fix.write.delimiter",
                path=f"FIX:{tag}",
                value=value,
            )
        if value == "":
            raise ConversionError(f"tag {tag} has an empty value", code="fix.write.empty", path=f"FIX:{tag}")
        parts.append(f"{tag}={value}")
    body = (d.join(parts) + d).encode(encoding, "surrogateescape")
    head = f"8={begin_string}{d}9={len(body)}{d}".encode("ascii")
    msg = head + body
    return msg + f"10={checksum(msg, delimiter):03d}{d}".encode("ascii")


def write_message(
    msg: TradingMessage, target: str = "fix", options: Mapping[str, Any] | None = None
) -> Result[bytes]:
    """Serialise a trading-model message for ``target`` (``fix``, ``fix44``, ``fix50sp2``, ...)."""
    options = options or {}
    if not isinstance(msg, TradingMessage):
        raise ConversionError(
            f"{type(msg).__name__} is not a FIX trading message",
            code="fix.write.model",
            value=type(msg).__name__,
        )
    key = target.lower().replace(".", "").replace("-", "")
    begin, appl = (msg.begin_string, msg.appl_ver_id) if key == "fix" else TARGETS.get(key, ("", None))
    if not begin:
        raise ConversionError(f"unknown FIX target {target!r}", code="fix.write.target", value=target)
    delim = options.get("delimiter") or SOH
    if isinstance(delim, str):
        delim = delim.encode("latin-1")
    if begin.startswith("FIXT") and appl is None:
        appl = options.get("DefaultApplVerID") or "9"
    dic = dictionaries.for_message(begin, appl, str(appl or "9"), msg.message_type)
    items = model_to_fields(msg)
    if begin.startswith("FIXT") and key != "fix":
        items[1128] = [(1128, str(appl))]
    elif not begin.startswith("FIXT"):
        items.pop(1128, None)
    pairs, undefined = _order(items, dic, msg.message_type)
    data_tags = frozenset(dic.data_fields.values())
    data = encode_fields(
        pairs,
        begin,
        msg.message_type,
        delimiter=delim,
        encoding=str(options.get("encoding", "utf-8")),
        data_tags=data_tags,
    )
    diags = [
        Diagnostic(
            "fix.write.undefined",
            Severity.WARNING,
            f"tag {tag} is not defined for {msg.message_type} in {dic.name}; written after the body",
            target_path=f"FIX:{tag}",
        )
        for tag in undefined
    ]
    if key != "fix" and (begin, appl) != (msg.begin_string, msg.appl_ver_id):
        diags += _target_findings(data, begin, options, frozenset(undefined))
    return Result(data, diags)


#: The reading options that decide what the target dictionary's check reports (the user's
#: own choices, as ``validate`` takes them).
_CHECK_OPTIONS = frozenset(
    {
        "delimiter",
        "dictionary",
        "AllowUnknownMsgFields",
        "ValidateUserDefinedFields",
        "ValidateFieldsHaveValues",
        "ValidateFieldsOutOfOrder",
        "UseDataDictionary",
    }
)


def _target_findings(
    data: bytes, begin: str, options: Mapping[str, Any], undefined: frozenset[int]
) -> list[Diagnostic]:
    """A message converted to another FIX version, checked against that version's dictionary.

    The fields are carried as they are, but a version may lack a tag or a value the source
    used (FIX 4.4 ExecType ``F`` has no FIX 4.2 equivalent; FIX 4.2 requires ExecTransType,
    which FIX 4.4 no longer has): its receiver may reject such a message. Each finding is a
    warning (``fix.write.invalid``) naming the check that failed, so the conversion is never
    a silent success; it stays a warning because the content itself is carried whole and the
    receiver's own dictionary (or a translation of those fields) decides. Tags already
    reported as undefined (``fix.write.undefined``) are not reported twice; the user's
    validation options apply (``ValidateUserDefinedFields=N`` and so on).
    """
    from finmsg.fix.format import HANDLER

    checked = HANDLER.validate(data, {k: v for k, v in options.items() if k in _CHECK_OPTIONS})
    return [
        Diagnostic(
            "fix.write.invalid",
            Severity.WARNING,
            f"the {begin} message written fails its dictionary: {d.code} {d.message}",
            path=d.path,
            target_path=d.path,
            rule=d.code,
        )
        for d in checked.diagnostics
        if d.severity is Severity.ERROR
        and not (d.path and d.path[4:].isdigit() and int(d.path[4:]) in undefined)
    ]


def _order(items: dict[int, Pairs], dic: Dictionary, msg_type: str) -> tuple[Pairs, list[int]]:
    """Header fields in header order, body in message order, trailer; then tags the dictionary lacks.

    Returns the pairs and the top-level tags the target dictionary does not define for this
    message (written anyway, after the body, so nothing is lost; reported as warnings).
    """
    out: Pairs = []
    body = dic.message(msg_type)
    sequence = [*dic.header.order, *(body.order if body else ()), *dic.trailer.order]
    for tag in sequence:
        pairs = items.pop(tag, None)
        if pairs:
            out += pairs
    leftover = sorted(items)
    for tag in leftover:
        out += items[tag]
    return out, leftover
