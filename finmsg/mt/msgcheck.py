"""One regex per message type that says "these fields are clean" in a single match.

Why: validating a clean MT103 field by field costs a regex call per field plus
Python per component (dates, currencies, BICs), and the structure check joins the
tags once more. Here the message's fields are joined into one string
(``20␟REF␟23B␟CRED␟…``, ``␟`` = U+001F, which no FIN character set contains) and
matched against one pattern compiled from the message spec, in which every slot
carries the formats of its tags and the business checks of their components
(:mod:`finmsg.mt.semantics`). A match proves that the charset, field-format,
business and structure layers have nothing to report; anything else returns
``False`` and :func:`finmsg.mt.validate.validate_message` takes the layer-by-layer
path, which alone produces diagnostics.

Why it is exact:

* the join has exactly one ``␟`` between items (checked with ``str.count``), so no
  value or tag contains one and every field boundary is where the fields put it;
* a slot's alternatives are ``TAG␟value-format``, so a match is a way of reading
  the tag sequence through the spec (what :meth:`MessageSpec.check` matches) in
  which each value fits its own tag's format, the same regex the per-field check uses
  (:func:`~finmsg.mt.fieldspec.compile_check`), except that ``\\Z`` (end of value)
  becomes "before ``␟`` or at the end";
* components with a business rule are replaced by expressions that accept exactly
  what the Python checks accept (tested exhaustively); a component that cannot be
  written that way (an 8-digit date, an amount not right after its currency, the
  option-F party lines, the Z-set fields) makes its tag *deferred*: its slot
  accepts any value and captures it, and the value goes through
  :func:`~finmsg.mt.fieldplan.quick_check` after the match.

A message read from FIN still holds its block-4 text (its fields are cut on first
read, :class:`~finmsg.mt.message.PendingFields`): that text is matched as it is, every
``\\n:`` turned into ``␟`` and the same pattern with ``:`` after each tag
(:meth:`MessagePlan._match_text` says why that is exact), so a clean message is
validated without ever building its field tuples. Either way :func:`clean_text` hands
back the fields as ``␟TAG:value…``, from which the quick network-rule predicates
(:mod:`finmsg.mt.rules.mt103quick`) read what they need with substring searches.

Specs with an open tail (any field may follow), specs with a check of their own
(securities) and message types without a spec get no pattern (:func:`plan_for`
returns ``None``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain, compress

from finmsg.mt.charset import X_CHARS
from finmsg.mt.fieldplan import Z_FIELDS, quick_check
from finmsg.mt.fields import FORMATS
from finmsg.mt.fieldspec import _Compiler
from finmsg.mt.message import MtField, PendingFields
from finmsg.mt.messages.spec import F, MessageSpec, Seq, derived_cache, spec_for
from finmsg.mt.semantics import DATE6, bic, currency_units, reference

__all__ = ["COMPILE_AFTER", "SEP", "MessagePlan", "clean_text", "fields_clean", "plan_for"]

#: Separates tags and values in the joined text: in no FIN character set.
SEP = "\x1f"
_join = SEP.join
_items = chain.from_iterable
#: Marks the end of each tag in the pattern source: ``␟`` for joined field tuples, ``:`` for
#: block-4 text (:meth:`MessagePlan._match_text`). In no FIN character set, as ``SEP``.
_TAG_END = "\x1e"
_tag_value = ":".join  # MtField (tag, value) -> "TAG:value"
_AMOUNT_TAIL = re.compile(r"<amount>(\d+)d")
_REFERENCE = re.compile(r"(\d+)x")
_BIC_NOTATION = "(4!a2!a2!c[3!c])"
_UNITS = currency_units()
_UNKNOWN = -1
#: Tags whose option-F party lines are checked in Python (:mod:`finmsg.mt.partyf`).
_PARTY_F = frozenset({"50F", "59F"})


class _Deferred(Exception):
    """A component that can be checked neither in the pattern nor from a capture."""


#: Kinds of the components checked from captures after the match.
_CURRENCY, _VALUE = 1, 2


class _Embedded(_Compiler):
    """The field-format compiler, with each business-checked component either as its
    expression (dates, references) or as a capture looked up after the match
    (currencies with the decimals of their amount, BIC countries).

    ``capture(kind, tag)`` names a new group; it raises :class:`_Deferred` in a repeated
    slot, where a group would only keep the last repetition.
    """

    def __init__(self, notation: str, tag: str, capture: Callable[[int, str], str]) -> None:
        super().__init__(notation, frozenset(), lazy=False)
        self.tag = tag
        self.capture = capture

    def item(self) -> str:
        src = self.src
        if src[self.pos] == "[":  # optional part: a branch, not ``?`` (see _quantified)
            self.pos += 1
            return f"(?:{self.alternatives(']')}|)"
        if src[self.pos] != "<":
            return super().item()
        end = src.index(">", self.pos)
        name = src[self.pos + 1 : end]
        rest = src[end + 1 :]
        if name in ("date", "value_date"):
            if not rest.startswith("6!n"):
                raise _Deferred(name)
            self.pos = end + 4
            return DATE6
        if name == "currency":
            if not rest.startswith("3!a"):
                raise _Deferred(name)
            tail = _AMOUNT_TAIL.fullmatch(rest, 3)
            group = self.capture(_CURRENCY, self.tag)
            if tail is not None:  # the amount ends the value: capture its decimals
                self.pos = len(src)
                count = int(tail.group(1))
                amount = rf"(?=[0-9,]{{1,{count}}}(?![0-9,]))[0-9]+,(?P<{group}d>[0-9]*)"
                return f"(?P<{group}>[A-Z]{{3}}){amount}"
            if "<amount>" in src:
                raise _Deferred(name)
            self.pos = end + 4
            return f"(?P<{group}>[A-Z]{{3}})"
        if name == "bic":
            if not rest.startswith(_BIC_NOTATION):
                raise _Deferred(name)
            self.pos = end + 1 + len(_BIC_NOTATION)
            return bic()
        if name == "reference":
            length = _REFERENCE.fullmatch(rest)
            if length is None:
                raise _Deferred(name)
            self.pos = len(src)
            return reference(int(length.group(1)))
        return super().item()


def _quantified(body: str, optional: bool, many: bool) -> str:
    """``body`` with the slot's repetition. An optional slot is written as a branch with an
    empty second alternative, not ``?``: same matches in the same order, but no repeat
    context, in which the regex engine saves every capture at each later branch."""
    if many:
        return f"(?:{body}){'*' if optional else '+'}"
    return f"(?:{body}|)" if optional else f"(?:{body})"


class MessagePlan:
    """The compiled pattern of one spec and the checks to run on its captures."""

    __slots__ = (
        "_names",
        "_repeated",
        "_text_match",
        "_text_source",
        "checks",
        "fullmatch",
        "leading",
        "repeated_deferred",
    )

    def __init__(self, spec: MessageSpec) -> None:
        self._names: list[tuple[str, int, str]] = []
        #: Deferred tags in repeated slots: every field with such a tag is checked.
        self.repeated_deferred: set[str] = set()
        self._repeated = False
        head = spec.items[0] if spec.items else None
        #: The first field is always the first slot's: its separator can go (the join has none).
        self.leading = not (isinstance(head, F) and not head.optional and not head.many)
        source = "".join(
            self._item(item, False, i == 0 and not self.leading) for i, item in enumerate(spec.items)
        )
        if source.count(_TAG_END) != sum(len(item.tags) for item in _slots(spec.items)):
            raise AssertionError("the tag-end mark must occur once per alternative")  # pragma: no cover
        pattern = re.compile(source.replace(_TAG_END, SEP))
        self.fullmatch: Callable[[str], re.Match[str] | None] = pattern.fullmatch
        #: The same pattern over the block-4 text form (``TAG:value``), compiled on first use.
        self._text_source = source.replace(_TAG_END, ":")
        self._text_match: Callable[[str], re.Match[str] | None] | None = None
        index = pattern.groupindex
        #: (kind, group number, tag, group number of the decimals or 0) per capture.
        self.checks: tuple[tuple[int, int, str, int], ...] = tuple(
            (kind, index[name], tag, index.get(name + "d", 0)) for name, kind, tag in self._names
        )

    def _capture(self, kind: int, tag: str) -> str:
        if self._repeated:
            raise _Deferred(tag)
        name = f"c{len(self._names)}"
        self._names.append((name, kind, tag))
        return name

    def _value(self, tag: str) -> str:
        """The expression for a value of ``tag`` in the current slot."""
        notation = FORMATS.get(tag)
        if notation is None and tag not in Z_FIELDS:
            return "[" + re.escape(X_CHARS) + "\n]*"  # no format: the charset layer only
        if notation is not None and tag not in Z_FIELDS and tag not in _PARTY_F:
            count = len(self._names)
            try:
                source = _Embedded(notation, tag, self._capture).sequence()
            except _Deferred:
                del self._names[count:]
            else:
                return source.replace(r"\Z", f"(?={SEP}|\\Z)")
        if self._repeated:
            self.repeated_deferred.add(tag)
            return f"[^{SEP}]*"
        return f"(?P<{self._capture(_VALUE, tag)}>[^{SEP}]*)"

    def _item(self, item: F | Seq, repeated: bool, first: bool = False) -> str:
        if isinstance(item, Seq):
            inner = "".join(self._item(i, repeated or item.many) for i in item.items)
            return _quantified(inner, item.optional, item.many)
        self._repeated = repeated or item.many
        alternatives = "|".join(f"{re.escape(tag)}{_TAG_END}{self._value(tag)}" for tag in item.tags)
        return _quantified(("" if first else SEP) + f"(?:{alternatives})", item.optional, item.many)

    def clean(self, fields: tuple[MtField, ...]) -> bool:
        """True when the charset, field, business and structure layers find nothing."""
        return self.clean_text(fields) is not None

    def clean_text(self, fields: tuple[MtField, ...] | PendingFields) -> str | None:
        """The fields as ``␟TAG:value␟TAG:value…`` when :meth:`clean` holds, else ``None``.

        ``fields`` may also be the block-4 text itself (:class:`PendingFields`), matched
        without cutting it: see :meth:`_match_text`.
        """
        if isinstance(fields, PendingFields):
            matched = self._match_text(fields)
            if matched is None:
                return None
            joined, m = matched
        else:
            parts = list(_items(fields))
            joined = _join(parts)
            if joined.count(SEP) != 2 * len(fields) - 1:
                return None
            eager = self.fullmatch(SEP + joined if self.leading else joined)
            if eager is None:
                return None
            m = eager
            if self.repeated_deferred:
                tags, values = parts[0::2], parts[1::2]
                for tag in self.repeated_deferred:
                    if tag in tags and not all(map(_quick(tag), compress(values, map(tag.__eq__, tags)))):
                        return None
            joined = SEP + _join(map(_tag_value, fields))  # valid tags (the match), no SEP: exact
        if self.checks:
            found = m.groups()
            units_of = _UNITS
            for kind, group, tag, decimals in self.checks:
                captured = found[group - 1]
                if captured is None:
                    continue
                if kind == _CURRENCY:
                    units = units_of.get(captured, _UNKNOWN)
                    if units is _UNKNOWN:
                        return None  # T52
                    if decimals and units is not None and len(found[decimals - 1]) > units:
                        return None  # T43
                elif not _quick(tag)(captured):
                    return None
        return joined

    def _match_text(self, content: str) -> tuple[str, re.Match[str]] | None:
        r"""Match normalised block-4 text (``\n:20:REF\n:23B:CRED\n``) without cutting it.

        Every ``\n:`` becomes ``␟`` (one ``str.replace``) and the pattern is the plan's
        with ``:`` after each tag instead of ``␟``. Exact: the pattern reads a ``␟`` only
        before a tag of the spec and ``:`` (``\n:NN[A-Z]?:``, a field start by the
        definition ``cut_fields`` cuts on), and no value expression accepts ``␟``; so a
        match reads every ``\n:`` of the text as a field start, i.e. exactly the fields
        ``cut_fields`` makes. A ``\n:`` that starts no field (a continuation line opening
        with a colon) or a ``␟`` in the text makes the match fail: the layered path decides.
        """
        if SEP in content:
            return None
        joined = (content[:-1] if content[-1:] == "\n" else content).replace("\n:", SEP)
        fullmatch = self._text_match
        if fullmatch is None:
            fullmatch = self._text_match = re.compile(self._text_source).fullmatch
        m = fullmatch(joined if self.leading else joined[1:])
        if m is None:
            return None
        for tag in self.repeated_deferred:
            if SEP + tag + ":" in joined and not all(map(_quick(tag), _values_of(tag)(joined))):
                return None
        return joined, m


def _slots(items: tuple[F | Seq, ...]) -> list[F]:
    """Every field slot of a spec, sequences flattened."""
    out: list[F] = []
    for item in items:
        out.extend(_slots(item.items) if isinstance(item, Seq) else [item])
    return out


_VALUES_OF: dict[str, Callable[[str], list[str]]] = {}


def _values_of(tag: str) -> Callable[[str], list[str]]:
    """``findall`` of the values of ``tag`` in a ``␟TAG:value`` text."""
    found = _VALUES_OF.get(tag)
    if found is None:
        found = _VALUES_OF[tag] = re.compile(f"{SEP}{re.escape(tag)}:([^{SEP}]*)").findall
    return found


_QUICK: dict[str, Callable[[str], object]] = {}


def _quick(tag: str) -> Callable[[str], object]:
    check = _QUICK.get(tag)
    if check is None:
        check = _QUICK[tag] = quick_check(tag)
    return check


#: Per message type: its plan, or ``None`` (no spec, or a spec with an open tail).
_PLANS: dict[str, MessagePlan | None] = derived_cache()
#: Per message type, how many messages :func:`fields_clean` was asked about before compiling.
_SEEN: dict[str, int] = derived_cache()
#: The message of a type whose validation compiles the type's pattern.
COMPILE_AFTER = 3


def plan_for(message_type: str) -> MessagePlan | None:
    """The plan of a message type, compiled on first use."""
    try:
        return _PLANS[message_type]
    except KeyError:
        pass
    spec = spec_for(message_type)
    # A spec class with its own ``check`` (the securities block model) is not this pattern.
    plan = None if spec is None or spec.open_tail or type(spec) is not MessageSpec else MessagePlan(spec)
    _PLANS[message_type] = plan
    return plan


def fields_clean(message_type: str, fields: tuple[MtField, ...]) -> bool:
    """True when ``fields`` of a text-block message of this type are provably clean.

    ``False`` also while the type has been seen fewer than :data:`COMPILE_AFTER` times:
    a pattern takes tens of milliseconds to compile, which only pays off over many
    messages, so a one-message run (the CLI) never compiles one.
    """
    return clean_text(message_type, fields) is not None


def clean_text(message_type: str, fields: tuple[MtField, ...] | PendingFields) -> str | None:
    """:func:`fields_clean` that also hands back the fields as ``␟TAG:value␟TAG:value…``
    (``None``: not clean), from which the quick network-rule predicates read what they need.

    ``fields`` may be a message's raw ``fields`` slot (:func:`~finmsg.mt.message.fields_slot`),
    including the block-4 text of a message whose fields are not built yet.
    """
    plan = _PLANS.get(message_type)
    if plan is None:
        if message_type in _PLANS:
            return None  # no plan for this type
        seen = _SEEN[message_type] = _SEEN.get(message_type, 0) + 1
        if seen < COMPILE_AFTER:
            return None
        plan = plan_for(message_type)
        if plan is None:
            return None
    return plan.clean_text(fields)
