"""QuickFIX-grade validation of a tokenised FIX message, in one pass.

Why one pass: the same walk that checks each field also cuts the message into
header / body / trailer and nests repeating groups (the first field of each
entry is its delimiter), so reading and validating cost one loop over the
fields plus a few set differences for required tags. A layout already seen
clean is re-checked by its values only (:mod:`finmsg.fix.shapes`), with the
full walk as the fallback that produces the diagnostics.

Every finding maps to its SessionRejectReason (373) and RefTagID: the
diagnostic code is ``fix.373.<reason>``, the path names the field
(``FIX:453[2].448``) and ``rule`` spells ``373=<reason> 371=<RefTagID>``.
Diagnostics are ordered the way QuickFIX decides which reject to send, so the
first error is the reject QuickFIX would answer with. The switches keep
QuickFIX's names and meaning (:class:`ValidationOptions`).

One cause, one diagnostic: a MsgType (35) the dictionary has no message for is
reported once, as 373=11 (Invalid MsgType, the more specific reason and the one
QuickFIX answers with); the same value is not reported again as 373=5 (value
not in 35's enumeration), which would only restate it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import bool_option, int_option
from finmsg.fix.dictionary import Dictionary, Section
from finmsg.fix.document import FixDocument, Group, Node
from finmsg.fix.shapes import fast_document, remember
from finmsg.fix.tagvalue import FixFrame

__all__ = [
    "REJECT_REASONS",
    "FixDocument",
    "Group",
    "ValidationOptions",
    "analyse",
    "reject_of",
]

#: SessionRejectReason (373) texts as QuickFIX sends them in Text (58).
REJECT_REASONS: Mapping[int, str] = {
    0: "Invalid tag number",
    1: "Required tag missing",
    2: "Tag not defined for this message type",
    3: "Undefined Tag",
    4: "Tag specified without a value",
    5: "Value is incorrect (out of range) for this tag",
    6: "Incorrect data format for value",
    10: "SendingTime accuracy problem",
    11: "Invalid MsgType",
    13: "Tag appears more than once",
    14: "Tag specified out of required order",
    15: "Repeating group fields out of order",
    16: "Incorrect NumInGroup count for repeating group",
    17: 'Non "data" value includes field delimiter (SOH character)',
}
# QuickFIX precedence: parse-time errors, structure, MsgType, required tags, then field by field.
_RANK = {13: 0, 16: 0, 15: 0, 14: 1, 11: 2, 10: 2, 1: 3}


@dataclass(frozen=True, slots=True)
class ValidationOptions:
    """QuickFIX session switches (same names, same meaning, same defaults except CheckLatency)."""

    ValidateFieldsOutOfOrder: bool = True
    ValidateFieldsHaveValues: bool = True
    ValidateUserDefinedFields: bool = True
    AllowUnknownMsgFields: bool = False
    ValidateLengthAndChecksum: bool = True
    UseDataDictionary: bool = True
    CheckLatency: bool = False
    MaxLatency: int = 120
    DefaultApplVerID: str = "9"

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> ValidationOptions:
        """Pick the switches out of an options mapping; accepts ``Y``/``N`` strings like QuickFIX
        (and refuses text that is neither, with :class:`~finmsg.errors.OptionError`)."""
        defaults = {f.name: f.default for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in options.items():
            if key not in defaults:
                continue
            default = defaults[key]
            if isinstance(default, bool):
                kwargs[key] = bool_option(options, key, default)
            elif isinstance(default, int):
                kwargs[key] = int_option(options, key, default)
            else:
                kwargs[key] = str(value)
        return cls(**kwargs)


def _diag(reason: int, ref: int | str, path: str, value: str | None, detail: str = "") -> Diagnostic:
    text = REJECT_REASONS.get(reason, "Other")
    return Diagnostic(
        f"fix.373.{reason}",
        Severity.ERROR,
        f"{text}{': ' + detail if detail else ''}",
        path=path,
        rule=f"373={reason} 371={ref}",
        original=value,
    )


def reject_of(diag: Diagnostic) -> tuple[int, str] | None:
    """(SessionRejectReason, RefTagID) of a ``fix.373.*`` diagnostic, else ``None``."""
    if not diag.code.startswith("fix.373.") or diag.rule is None:
        return None
    reason, ref = diag.rule.split(" ", 1)
    return int(reason[4:]), ref[4:]


class _Walker:
    """The state of one validation pass (kept in locals-heavy methods for speed)."""

    __slots__ = ("diags", "dic", "fields", "opts")

    def __init__(self, fields_: list[tuple[int, str]], dic: Dictionary, opts: ValidationOptions) -> None:
        self.fields = fields_
        self.dic = dic
        self.opts = opts
        self.diags: list[Diagnostic] = []

    def check_value(self, tag: int, value: str, path: str) -> None:
        """373=4/6/5 for one field (empty value, format, enum)."""
        dic = self.dic
        if not value:
            if self.opts.ValidateFieldsHaveValues:
                self.diags.append(_diag(4, tag, path, value))
            return
        check = dic.checks.get(tag)
        if check is not None and check(value) is None:
            self.diags.append(_diag(6, tag, path, value, f"{dic.fields[tag].type} expected"))
            return
        enums = dic.enums.get(tag)
        if enums is not None:
            bad = any(v not in enums for v in value.split(" ")) if tag in dic.multiple else value not in enums
            if bad:
                self.diags.append(_diag(5, tag, path, value))

    def unknown(self, tag: int, path: str, value: str) -> bool:
        """373=0 for a tag the dictionary does not define; True when the tag is unknown."""
        if tag in self.dic.fields:
            return False
        opts = self.opts
        if (
            tag <= 0
            or (tag >= 5000 and opts.ValidateUserDefinedFields)
            or (0 < tag < 5000 and not opts.AllowUnknownMsgFields)
        ):
            self.diags.append(_diag(0, tag, path, value))
        return True

    def group(self, i: int, section: Section, count_tag: int, count: str, prefix: str) -> tuple[int, Group]:
        """Parse the entries of the group whose NumInGroup field is at ``fields[i - 1]``."""
        fields_, n = self.fields, len(self.fields)
        grp = Group(count_tag, count, index=i - 1)
        delimiter, allowed, groups = section.delimiter, section.allowed, section.groups
        special = self.dic.special
        seen: set[int] = set()
        entry: list[Node] | None = None
        while i < n:
            tag, value = fields_[i]
            repeated = False
            if tag == delimiter:
                entry = []
                grp.entries.append(entry)
                seen = set()
            elif tag not in allowed:
                break
            elif entry is None:
                entry = []
                grp.entries.append(entry)
                self.diags.append(
                    _diag(
                        15, tag, f"{prefix}{count_tag}[1].{tag}", value, f"entry must start with {delimiter}"
                    )
                )
            else:
                repeated = tag in seen
            idx = len(grp.entries)
            if repeated:
                self.diags.append(_diag(13, tag, f"{prefix}{count_tag}[{idx}].{tag}", value))
            seen.add(tag)
            rule = special.get(tag)
            if not value or (
                rule is not None
                and (
                    (rule[0] is not None and rule[0](value) is None)
                    or (rule[1] is not None and value not in rule[1])
                )
            ):
                self.check_value(tag, value, f"{prefix}{count_tag}[{idx}].{tag}")
            i += 1
            sub = groups.get(tag)
            if sub is not None:
                i, nested = self.group(i, sub, tag, value, f"{prefix}{count_tag}[{idx}].")
                entry.append(nested)
            else:
                entry.append(fields_[i - 1])
        self._finish_group(grp, section, prefix)
        return i, grp

    def _finish_group(self, grp: Group, section: Section, prefix: str) -> None:
        if grp.count.isdigit() and int(grp.count) != len(grp.entries):
            self.diags.append(
                _diag(
                    16,
                    grp.tag,
                    f"{prefix}{grp.tag}",
                    grp.count,
                    f"declared {grp.count}, found {len(grp.entries)}",
                )
            )
        if section.required:
            for idx, entry in enumerate(grp.entries, 1):
                tags = {node[0] if isinstance(node, tuple) else node.tag for node in entry}
                for tag in sorted(section.required - tags):
                    self.diags.append(_diag(1, tag, f"{prefix}{grp.tag}[{idx}].{tag}", None))


def analyse(
    frame: FixFrame, dic: Dictionary | None, opts: ValidationOptions | None = None
) -> tuple[FixDocument, list[Diagnostic]]:
    """Validate ``frame`` against ``dic`` and cut it into a :class:`FixDocument`.

    With ``dic=None`` (or ``UseDataDictionary=N``) only the sections are cut:
    header and trailer by the standard tags, no groups, no diagnostics.
    """
    opts = opts or ValidationOptions()
    if dic is None or not opts.UseDataDictionary:
        return _cut_plain(frame), []
    fast = fast_document(frame, dic, opts, opts.ValidateFieldsHaveValues) if frame.tags else None
    if fast is not None:
        latency: list[Diagnostic] = []
        if opts.CheckLatency:
            _latency(frame.fields, opts, latency)
        return fast, latency
    walker = _Walker(frame.fields, dic, opts)
    diags = walker.diags
    layout = dic.layout(frame.msg_type)
    bad_type = layout is None  # 373=11 is the finding; 35's enum (373=5) would repeat it
    if layout is None:
        diags.append(_diag(11, 35, "FIX:35", frame.msg_type))
        layout = dic.layout("")
        assert layout is not None
    sections, groups, body_sec = layout
    special, known = dic.special, dic.fields
    check_values = opts.ValidateFieldsHaveValues
    parts: tuple[list[Node], list[Node], list[Node]] = ([], [], [])
    seen: set[int] = set()
    fields_ = frame.fields
    n = len(fields_)
    state = 0
    out_of_order = 0
    i = 0
    while i < n:
        pair = fields_[i]
        tag, value = pair
        i += 1
        sec = sections.get(tag)
        if sec is None:
            sec = 1
            _misplaced(walker, tag, value, body_sec)
        if sec < state:
            if not out_of_order:
                out_of_order = tag
        else:
            state = sec
        if tag in seen:
            diags.append(_diag(13, tag, f"FIX:{tag}", value))
        seen.add(tag)
        if value:
            rule = special.get(tag)
            if rule is not None:
                check = rule[0]
                if check is not None and check(value) is None:
                    diags.append(_diag(6, tag, f"FIX:{tag}", value, f"{known[tag].type} expected"))
                elif rule[1] is not None and value not in rule[1] and not (bad_type and tag == 35):
                    walker.check_value(tag, value, f"FIX:{tag}")
        elif check_values:
            diags.append(_diag(4, tag, f"FIX:{tag}", value))
        if tag in groups:
            i, grp = walker.group(i, groups[tag], tag, value, "FIX:")
            parts[sec].append(grp)
        else:
            parts[sec].append(pair)
    if out_of_order and opts.ValidateFieldsOutOfOrder:
        diags.append(_diag(14, out_of_order, f"FIX:{out_of_order}", None))
    for sec_def in (dic.header, body_sec, dic.trailer):
        missing = sec_def.required - seen
        if missing:
            diags.extend(_diag(1, tag, f"FIX:{tag}", None) for tag in sorted(missing))
    doc = FixDocument(frame, dic, *parts)
    if not diags and frame.tags:
        remember(doc, dic, opts)
    if opts.CheckLatency:
        _latency(fields_, opts, diags)
    if len(diags) > 1:
        diags.sort(key=lambda d: _RANK.get(int(d.code[8:]), 4))
    return doc, diags


def _misplaced(walker: _Walker, tag: int, value: str, body: Section) -> None:
    """373=0 (unknown tag) or 373=2 (known, but not part of this message type)."""
    path = f"FIX:{tag}"
    if walker.unknown(tag, path, value):
        return
    opts = walker.opts
    if (
        body.name != "unknown"
        and not opts.AllowUnknownMsgFields
        and (tag < 5000 or opts.ValidateUserDefinedFields)
    ):
        walker.diags.append(_diag(2, tag, path, value))


def _latency(fields_: list[tuple[int, str]], opts: ValidationOptions, diags: list[Diagnostic]) -> None:
    """373=10 when SendingTime (52) is further than MaxLatency seconds from now."""
    for tag, value in fields_:
        if tag == 52:
            try:
                sent = datetime.strptime(value[:17], "%Y%m%d-%H:%M:%S").replace(tzinfo=timezone.utc)
            except ValueError:
                return
            if abs((datetime.now(timezone.utc) - sent).total_seconds()) > opts.MaxLatency:
                diags.append(_diag(10, 52, "FIX:52", value, f"more than {opts.MaxLatency}s from now"))
            return


_HEADER_TAGS = frozenset(
    {
        8,
        9,
        35,
        49,
        56,
        34,
        52,
        43,
        97,
        122,
        115,
        128,
        50,
        57,
        142,
        143,
        116,
        129,
        144,
        145,
        90,
        91,
        212,
        213,
        347,
        369,
        1128,
        1129,
        1156,
        627,
        628,
        629,
        630,
    }
)
_TRAILER_TAGS = frozenset({93, 89, 10})


def _cut_plain(frame: FixFrame) -> FixDocument:
    header: list[Node] = []
    body: list[Node] = []
    trailer: list[Node] = []
    for pair in frame.fields:
        tag = pair[0]
        (header if tag in _HEADER_TAGS and not body else trailer if tag in _TRAILER_TAGS else body).append(
            pair
        )
    return FixDocument(frame, None, header, body, trailer)
