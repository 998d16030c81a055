"""Message specs as data: sequences, mandatory/optional fields, repetitions and order.

A spec is a tree of :class:`F` (a field with its allowed options) and
:class:`Seq` (a sequence, possibly repeated). :meth:`MessageSpec.check` first
tries the fast path: the message's tag list is matched against one regex
compiled from the spec (``20,23B,32A,...``). Only when that fails does a
slower walk run to explain *what* is wrong (missing, unexpected, out of
order, repeated) with a path per finding. The same walk, asked to
(:meth:`MessageSpec.repeats`), also finds once-only slots filled twice inside
one occurrence of a sequence, which a count per message cannot see when the
field may also occur elsewhere (86 per MT940 statement line and once for the
statement).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, TypeAlias

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtField, occurrence_path

__all__ = ["F", "MessageSpec", "Repeat", "Seq", "derived_cache", "register", "spec_for", "specs"]

_TAG = itemgetter(0)  # MtField.tag


@dataclass(frozen=True, slots=True)
class F:
    """A field slot: tag number, allowed options (``"_"`` = no letter), presence and repetition.

    ``F("50", "AFK")``: 50A, 50F or 50K once, mandatory; ``F("13C", many=True,
    optional=True)``: any number of 13C.
    """

    number: str
    options: str = ""
    optional: bool = False
    many: bool = False

    @property
    def tags(self) -> tuple[str, ...]:
        if len(self.number) == 3 or not self.options:
            return (self.number,)
        return tuple(self.number + ("" if o == "_" else o) for o in self.options)

    def accepts(self, tag: str) -> bool:
        return tag in self.tags

    def regex(self) -> str:
        alts = "|".join(re.escape(t) for t in self.tags)
        body = f"(?:{alts}),"
        return f"(?:{body})" + (
            "*" if self.many and self.optional else "+" if self.many else "?" if self.optional else ""
        )


@dataclass(frozen=True, slots=True)
class Seq:
    """A (possibly repeated, possibly optional) sequence of slots."""

    name: str
    items: tuple[F | Seq, ...]
    optional: bool = False
    many: bool = False

    def regex(self) -> str:
        body = "".join(i.regex() for i in self.items)
        return f"(?:{body})" + (
            "*" if self.many and self.optional else "+" if self.many else "?" if self.optional else ""
        )

    def first_tags(self) -> set[str]:
        out: set[str] = set()
        for item in self.items:
            out |= set(item.tags) if isinstance(item, F) else item.first_tags()
            if not item.optional:
                break
        return out


@dataclass(frozen=True, slots=True)
class Repeat:
    """A once-only slot filled more than once inside one occurrence of its list of slots.

    ``index``: the first surplus field (0-based in block 4); ``sequence``: the sequence
    name, ``""`` at message level; ``repeated``: that sequence repeats, so the limit holds
    per occurrence; ``positions``: every field (1-based) in the slots of that field that
    accept its tag, of which ``allowed`` may be there.
    """

    tag: str
    index: int
    sequence: str
    repeated: bool
    positions: tuple[int, ...]
    allowed: int


#: Tags that may follow a list of slots; ``None``: any tag (the copy ending MT n92/n96).
_Follow: TypeAlias = "frozenset[str] | None"
#: Per slot index of one list occurrence, the indexes of the fields it took.
_Fills: TypeAlias = "dict[int, list[int]]"


def _reach(items: Sequence[F | Seq], start: int, follow: _Follow) -> _Follow:
    """The tags that can come next when ``items[start:]`` are still to be walked."""
    out: set[str] = set()
    for item in items[start:]:
        out.update(item.tags if isinstance(item, F) else item.first_tags())
        if not item.optional:
            return frozenset(out)
    return None if follow is None else follow | out


def _possible(items: Sequence[F | Seq], start: int, follow: _Follow) -> _Follow:
    """:func:`_reach`, plus what may follow the list: the occurrence may also end early,
    a mandatory field ahead missing.

    Why: a field that may follow the list is not a repeat just because a mandatory field
    before it is missing. An MT101 transaction without 71A is followed by the next one's 21,
    which starts an occurrence, not a second 21 of the first. When anything may follow (the
    copy ending an MT n92/n96), the head's mandatory slots still bound the walk.
    """
    reach = _reach(items, start, follow)
    return reach if reach is None or follow is None else reach | follow


@dataclass(frozen=True)
class MessageSpec:
    """The structure of one MT (or variant such as ``103STP``) plus its display name.

    ``open_tail``: any fields may follow (the "copy of the original message"
    that ends MT n92 and n96).
    """

    message_type: str
    name: str
    items: tuple[F | Seq, ...]
    open_tail: bool = False
    known_tags: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        tags: set[str] = set()

        def collect(items: Sequence[F | Seq]) -> None:
            for item in items:
                if isinstance(item, F):
                    tags.update(item.tags)
                else:
                    collect(item.items)

        collect(self.items)
        object.__setattr__(self, "known_tags", frozenset(tags))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        tail = "(?:[0-9]{2}[A-Z]?,)*" if self.open_tail else ""
        return re.compile("".join(i.regex() for i in self.items) + tail)

    def check(self, fields: Sequence[MtField], prefix: str) -> list[Diagnostic]:
        """Structure diagnostics (empty when the field list fits the spec).

        Whether a tag sequence fits depends on nothing else, and real traffic repeats
        a few sequences per type, so the sequences that fit are remembered (bounded;
        forgotten whenever a spec is registered).
        """
        key = ",".join(map(_TAG, fields)) + "," if fields else ""  # "20,23B,32A," built in C
        fits = _FITS.get(self.message_type)
        if fits is not None and key in fits:
            return []
        if self.pattern.fullmatch(key):
            if fits is None:
                fits = _FITS[self.message_type] = set()
            elif len(fits) >= _FITS_PER_TYPE:
                fits.clear()
            fits.add(key)
            return []
        return _Walker(fields, prefix, self).run()

    def repeats(self, fields: Sequence[MtField]) -> list[Repeat]:
        """Once-only slots that one occurrence of their sequence (or the message) fills more
        than once. Best effort like the mismatch walk, and as slow: call it only for a field
        list that :meth:`check` found not to fit.

        A field out of place (one the walk cannot take where it stands: 13D after the first
        61 of an MT942) is a structure error, reported by :meth:`check` as such, not a repeat.
        So the walk steps over it as if it were absent and walks the field list again without
        it: ``61 13D 86 61 86 90D 86`` is then two statement lines with their 86 and one 86 for
        the report, and nothing repeats; ``61 86 86 90D 86`` still has three 86 for two slots.
        (Restarting at the misplaced field while keeping the message-level slots already filled
        took the first line's 86, cut off by 13D, for the report's and refused the message.)
        Each step-over costs one walk, so after :data:`_MAX_STEP_OVERS` of them the repeats
        found before the last misplaced field are all that is reported.
        """
        kept = list(range(len(fields)))
        walker = _Walker(fields, "", self, repeats=True)
        for _ in range(_MAX_STEP_OVERS):
            end = walker.one_pass()
            if end >= len(walker.fields):
                break
            del kept[end]
            walker = _Walker([fields[j] for j in kept], "", self, repeats=True)
        else:
            walker.one_pass()
        return [_renumbered(found, kept) for found in walker.repeats or ()]


#: How many misplaced fields :meth:`MessageSpec.repeats` steps over (one walk each).
_MAX_STEP_OVERS = 8


def _renumbered(found: Repeat, kept: Sequence[int]) -> Repeat:
    """``found`` (numbered in the field list without the misplaced fields) numbered in block 4."""
    return Repeat(
        found.tag,
        kept[found.index],
        found.sequence,
        found.repeated,
        tuple(kept[p - 1] + 1 for p in found.positions),
        found.allowed,
    )


class _Walker:
    """Greedy walk used only to explain a mismatch; its findings are best-effort.

    With ``repeats`` it also records which fields each slot takes, per occurrence of each
    sequence, and takes a field that repeats an already filled once-only slot of the
    occurrence (and that no slot still ahead could take) as a surplus of that slot rather
    than leaving the occurrence, and walks the message once (:meth:`one_pass`). Its diagnostics
    then are not those of :meth:`MessageSpec.check`.
    """

    def __init__(
        self, fields: Sequence[MtField], prefix: str, spec: MessageSpec, repeats: bool = False
    ) -> None:
        self.fields = fields
        self.prefix = prefix
        self.spec = spec
        self.i = 0
        self.diags: list[Diagnostic] = []
        self.repeats: list[Repeat] | None = [] if repeats else None

    def _add(self, code: str, message: str, path: str) -> None:
        self.diags.append(Diagnostic(f"mt.structure.{code}", Severity.ERROR, message, path=path))

    def one_pass(self) -> int:
        """Walk the message once, recording repeats; return the index of the first field the
        walk could not take (the field count when it took them all, or the rest is the open
        tail of an MT n92/n96)."""
        top: _Fills = {}
        self.walk(self.spec.items, "", follow=None if self.spec.open_tail else frozenset(), fills=top)
        self._report(self.spec.items, "", False, top)
        return len(self.fields) if self.spec.open_tail else self.i

    def run(self) -> list[Diagnostic]:
        follow: _Follow = None if self.spec.open_tail else frozenset()
        self.walk(self.spec.items, "", follow=follow)
        fields = self.fields
        if self.spec.open_tail:
            self.i = len(fields)
        while self.i < len(fields):
            f = fields[self.i]
            path = occurrence_path(self.prefix, fields, self.i)
            if f.tag in self.spec.known_tags:
                self._add("order", f"field {f.tag} is out of order or repeated too often", path)
            else:
                self._add("unexpected", f"field {f.tag} is not allowed in MT{self.spec.message_type}", path)
            self.i += 1
            self.walk(self.spec.items, "", report_missing=False, follow=follow)
        if not self.diags:
            self._add("invalid", "field sequence does not match the message structure", self.prefix)
        return self.diags

    def _later(self, item: F, seq: str) -> bool:
        """True when a top-level field ``item`` accepts comes later: it is then misplaced, not
        missing, and the field in its way is reported as out of order (no "62a missing" next to
        a present 62F). Inside a sequence a later match may belong to another repetition, so
        there a missing field is still reported where it is missing."""
        return not seq and any(item.accepts(f.tag) for f in self.fields[self.i :])

    def walk(
        self,
        items: Sequence[F | Seq],
        seq: str,
        report_missing: bool = True,
        *,
        follow: _Follow = None,
        fills: _Fills | None = None,
        many: bool = False,
    ) -> None:
        """Walk one occurrence of ``items``. When recording repeats, ``follow`` is what may
        come after it and ``fills`` the slots' fields so far (a fresh occurrence when ``None``,
        reported at its end)."""
        fields = self.fields
        track = self.repeats is not None
        occurrence: _Fills = {} if fills is None else fills
        for k, item in enumerate(items):
            if isinstance(item, F):
                count = 0
                while self.i < len(fields) and item.accepts(fields[self.i].tag) and (item.many or count == 0):
                    if track:
                        occurrence.setdefault(k, []).append(self.i)
                    self.i += 1
                    count += 1
                if count == 0 and not item.optional and report_missing and not self._later(item, seq):
                    where = f" in sequence {seq}" if seq else ""
                    letter = "a" if item.options not in ("", "_") else ""
                    self._add(
                        "missing",
                        f"mandatory field {item.number}{letter} missing{where}",
                        f"{self.prefix}:{item.number}",
                    )
                if track:
                    self._surplus(items, k, occurrence, follow)
                continue
            starts = item.first_tags()
            inner: _Follow = None
            if track:
                inner = _reach(items, k + 1, follow)
                if inner is not None and item.many:
                    inner |= starts
            reps = 0
            while self.i < len(fields) and fields[self.i].tag in starts and (item.many or reps == 0):
                before = self.i
                self.walk(item.items, item.name, report_missing, follow=inner, many=item.many)
                reps += 1
                if self.i == before:
                    break
            if reps == 0 and not item.optional and report_missing:
                self._add("missing", f"mandatory sequence {item.name} missing", f"{self.prefix}:{item.name}")
            if track:
                self._surplus(items, k, occurrence, follow)
        if track and fills is None:
            self._report(items, seq, many, occurrence)

    def _surplus(self, items: Sequence[F | Seq], k: int, fills: _Fills, follow: _Follow) -> None:
        """Take the fields that repeat a filled once-only slot of ``items[: k + 1]`` and that no
        slot ahead could take, as surplus of that slot (the last such slot: 34F, 34F)."""
        fields = self.fields
        ahead = _possible(items, k + 1, follow)
        while ahead is not None and self.i < len(fields) and fields[self.i].tag not in ahead:
            tag = fields[self.i].tag
            for m in range(k, -1, -1):
                slot = items[m]
                if m in fills and isinstance(slot, F) and not slot.many and slot.accepts(tag):
                    fills[m].append(self.i)
                    self.i += 1
                    break
            else:
                return

    def _report(self, items: Sequence[F | Seq], seq: str, many: bool, fills: _Fills) -> None:
        """One :class:`Repeat` per group of once-only slots (same number, accepting the surplus
        field's tag) holding more fields than it has slots."""
        assert self.repeats is not None
        done: set[int] = set()
        for m, taken in sorted(fills.items()):
            slot = items[m]
            if len(taken) < 2 or m in done or not isinstance(slot, F) or slot.many:
                continue
            tag = self.fields[taken[1]].tag
            group = [
                n
                for n, other in enumerate(items)
                if isinstance(other, F)
                and not other.many
                and other.number == slot.number
                and other.accepts(tag)
            ]
            done.update(group)
            at = sorted(i for n in group for i in fills.get(n, ()))
            if len(at) > len(group):
                first = at[len(group)]
                self.repeats.append(
                    Repeat(self.fields[first].tag, first, seq, many, tuple(i + 1 for i in at), len(group))
                )


_SPECS: dict[str, MessageSpec] = {}
#: Per message type, tag sequences known to fit its spec (see :meth:`MessageSpec.check`).
_FITS: dict[str, set[str]] = {}
_FITS_PER_TYPE = 1024
#: Caches of things derived from the specs, emptied whenever a spec is registered.
_DERIVED: list[dict[str, Any]] = [_FITS]


def derived_cache() -> dict[Any, Any]:
    """A dict for values derived from the specs (per type), emptied by :func:`register`."""
    cache: dict[Any, Any] = {}
    _DERIVED.append(cache)
    return cache


def register(*items: MessageSpec) -> None:
    """Make specs available to :func:`spec_for` (called by the spec modules)."""
    for cache in _DERIVED:
        cache.clear()
    for spec in items:
        _SPECS[spec.message_type] = spec


def spec_for(message_type: str) -> MessageSpec | None:
    """Spec of ``103STP``, falling back to the plain MT (``103``); ``None`` when unknown."""
    _load()
    return _SPECS.get(message_type) or _SPECS.get(message_type[:3])


def specs() -> dict[str, MessageSpec]:
    _load()
    return dict(_SPECS)


_loaded = False


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        from finmsg.mt.messages import cash, payments, securities  # noqa: F401
