"""Shape cache: validate repeated message layouts at the cost of their values only.

Why: a log holds a handful of layouts (the same tags in the same order, e.g.
every fill the broker sends). Once a layout has validated cleanly under a
dictionary and a set of switches, everything structural about it is known:
sections, order, groups and their counts, required and permitted tags. A later
message with the same MsgType and tag sequence then needs only its value checks
(format patterns, enum sets, non-empty values, group counts), run from a
precompiled list of field indices. Any failure falls back to the full
validator, which produces the diagnostics, so results are identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import count
from operator import contains, itemgetter
from typing import Any

from finmsg.fix.dictionary import _FORMATS, Check, Dictionary
from finmsg.fix.document import FixDocument, Group, Node
from finmsg.fix.tagvalue import FixFrame

__all__ = ["Plan", "fast_document", "remember"]

_MAX_SHAPES = 4096
#: Switch for benchmarks and debugging: ``False`` sends every message through the full validator.
ENABLED = True


class Plan:
    """What remains to check for a known-good shape, and how to rebuild its nodes.

    The checks are grouped so that one C-level call covers many fields: the values of
    all fields with the same format are fetched by one ``itemgetter``, joined, and
    tested at once (:func:`_format_test`); enum memberships run through one
    ``map``; group counts are one tuple comparison.
    """

    __slots__ = ("counts", "enums", "formats", "joined", "multi", "skeleton", "slow")

    def __init__(self, doc: FixDocument, dic: Dictionary) -> None:
        fields = doc.frame.fields
        position = {id(pair): k for k, pair in enumerate(fields)}
        count_at: dict[int, str] = {}
        self.skeleton = (
            _skeleton(doc.header, position, count_at),
            _skeleton(doc.body, position, count_at),
            _skeleton(doc.trailer, position, count_at),
        )
        by_check: dict[int, tuple[Check, list[int]]] = {}  # by id(check): see _IMPLIED
        enum_at: list[tuple[int, frozenset[str]]] = []
        self.multi: list[tuple[int, frozenset[str]]] = []
        for k, (tag, _) in enumerate(fields):
            rule = dic.special.get(tag)
            if rule is None:
                continue
            check, allowed = rule
            if allowed is not None:
                if tag in dic.multiple:
                    self.multi.append((k, allowed))
                else:
                    enum_at.append((k, allowed))
                    if check is not None and _enum_implies_format(check, allowed):
                        check = None
            if check is not None and not (k in count_at and check(count_at[k]) is not None):
                by_check.setdefault(id(check), (check, []))[1].append(k)
        #: (values getter, test of the fetched values) per distinct format.
        self.formats: list[tuple[Getter, Callable[[tuple[str, ...]], bool]]] = []
        #: Fields whose check is not a known pattern: checked one by one.
        self.slow: list[tuple[int, Check]] = []
        for check, indices in by_check.values():
            test = _format_test(check, len(indices))
            if test is None:
                self.slow.extend((k, check) for k in indices)
            else:
                self.formats.append((_getter(indices), test))
        self.enums = (
            (_getter([k for k, _ in enum_at]), tuple(allowed for _, allowed in enum_at)) if enum_at else None
        )
        self.counts = (_getter(list(count_at)), tuple(count_at.values())) if count_at else None
        #: One regex over all values joined by SEP, per ``check_values`` (None: use the checks above).
        self.joined = {flag: _joined_layout(fields, dic, count_at, flag) for flag in (False, True)}

    def clean(self, values: Sequence[str], check_values: bool) -> bool:
        """True when every value check passes (so the full validator would report nothing)."""
        joined = self.joined[check_values]
        if joined is not None:
            return joined(_SEP.join(values)) is not None
        if check_values and not all(values):  # an empty value (373=4)
            return False
        counts = self.counts
        if counts is not None and counts[0](values) != counts[1]:
            return False
        for getter, test in self.formats:
            if not test(getter(values)):
                return False
        enums = self.enums
        if enums is not None and not all(map(contains, enums[1], enums[0](values))):
            return False
        for k, check in self.slow:
            if check(values[k]) is None:
                return False
        return all(allowed.issuperset(values[k].split(" ")) for k, allowed in self.multi)


Getter = Callable[[Sequence[str]], tuple[str, ...]]


#: id(enum set) -> (enum set, check, verdict): keyed by identity because hashing a compiled
#: pattern (inside its bound ``fullmatch``) rehashes its whole program on every call.
_IMPLIED: dict[int, tuple[frozenset[str], Check, bool]] = {}


def _enum_implies_format(check: Check, allowed: frozenset[str]) -> bool:
    """True when every enum value passes ``check``, so membership alone proves the format."""
    hit = _IMPLIED.get(id(allowed))
    if hit is not None and hit[0] is allowed and hit[1] is check:
        return hit[2]
    if len(_IMPLIED) > 4096:
        _IMPLIED.clear()
    verdict = all(check(v) is not None for v in allowed)
    _IMPLIED[id(allowed)] = (allowed, check, verdict)
    return verdict


def _getter(indices: list[int]) -> Getter:
    """A C-level fetch of ``values[i]`` for each index, always returning a tuple."""
    if len(indices) == 1:
        (k,) = indices
        return lambda values: (values[k],)
    return itemgetter(*indices)


def _skeleton(nodes: list[Node], position: dict[int, int], count_at: dict[int, str]) -> list[object]:
    out: list[object] = []
    for node in nodes:
        if isinstance(node, Group):
            count_at[node.index] = str(len(node.entries))
            out.append((node.index, [_skeleton(e, position, count_at) for e in node.entries]))
        else:
            out.append(position[id(node)])
    return out


_SEP = "\x01"


def _all_digits(values: tuple[str, ...]) -> bool:
    text = "".join(values)
    return text.isdigit() and text.isascii() and "" not in values


def _all_one_char(values: tuple[str, ...]) -> bool:
    return len("".join(values)) == len(values) and "" not in values


def _format_test(check: Check, count: int) -> Callable[[tuple[str, ...]], bool] | None:
    """A test that accepts ``count`` values only if ``check`` accepts each of them.

    ``None`` when ``check`` is not a compiled pattern's ``fullmatch`` (then each value
    is checked on its own). Digit-only and one-character formats need no regex; any
    other pattern ``P`` becomes ``P(SEP P){count-1}`` over the values joined by SEP,
    used only when no value contains SEP, so each repetition matches exactly one value.
    A test may refuse valid values (e.g. a negative INT takes the regex); it never
    accepts an invalid one, and a refusal only sends the message to the full validator.
    """
    owner = getattr(check, "__self__", None)
    if not isinstance(owner, re.Pattern) or getattr(check, "__name__", "") != "fullmatch":
        return None
    pattern, flags = owner.pattern, owner.flags
    if not isinstance(pattern, str):
        return None
    if pattern == "[0-9]+":
        return _all_digits
    if pattern == "." and flags & re.DOTALL:
        return _all_one_char
    joined = _joined_pattern(pattern, flags, count)
    signed_int = pattern == "-?[0-9]+"

    def test(values: tuple[str, ...]) -> bool:
        if signed_int and _all_digits(values):
            return True
        text = _SEP.join(values)
        return text.count(_SEP) == count - 1 and joined(text) is not None

    return test


@lru_cache(maxsize=1024)
def _joined_pattern(pattern: str, flags: int, count: int) -> Check:
    repeat = f"(?:{_SEP}(?:{pattern})){{{count - 1}}}" if count > 1 else ""
    return re.compile(f"(?:{pattern}){repeat}", flags).fullmatch


def _joined_layout(
    fields: Sequence[tuple[int, str]], dic: Dictionary, count_at: dict[int, str], check_values: bool
) -> Check | None:
    """One anchored regex checking every value of a layout at once, over the values joined by SEP.

    Why: a value check per field (or per group of fields) costs a Python call each; one
    ``fullmatch`` runs all of them in C. Each field gets a sub-pattern that can never
    match SEP: its group count literally, its enum as a trie of alternatives, its format
    pattern, or any SEP-free text (non-empty when ``check_values``). The separators of
    the pattern then meet exactly the SEPs that joined the values (a value holding SEP
    has no match), so a match proves each value passes its own check. ``None`` when a
    field needs what a pattern cannot say (multi-value enums, data fields, an enum whose
    values do not all pass the format, an unknown check): the per-field checks are used.
    """
    free = f"[^{_SEP}]++" if check_values else f"[^{_SEP}]*+"
    data = frozenset(dic.data_fields.values())
    parts: list[str] = []
    for k, (tag, _) in enumerate(fields):
        rule = dic.special.get(tag)
        if tag in data:
            return None
        if k in count_at:
            if rule is not None and rule[1] is not None:
                return None
            parts.append(re.escape(count_at[k]))
            continue
        if rule is None:
            parts.append(free)
            continue
        check, allowed = rule
        if allowed is not None:
            if tag in dic.multiple or any(not v or _SEP in v for v in allowed):
                return None
            if check is not None and not _enum_implies_format(check, allowed):
                return None
            parts.append(_trie(sorted(allowed)))
            continue
        pattern = _format_pattern(check)
        if pattern is None:
            return None
        parts.append(pattern)
    return re.compile(_SEP.join(parts), re.DOTALL).fullmatch


def _format_pattern(check: Check | None) -> str | None:
    """The sub-pattern of a dictionary format check (``None`` unless it is a known SEP-free one)."""
    owner = getattr(check, "__self__", None)
    if not isinstance(owner, re.Pattern) or getattr(check, "__name__", "") != "fullmatch":
        return None
    pattern = owner.pattern
    if pattern == "." and owner.flags & re.DOTALL:  # CHAR: any one character, but not SEP
        return f"[^{_SEP}]"
    if pattern not in _SEP_FREE_FORMATS:
        return None
    return f"(?:{pattern})"


#: The dictionary's format patterns other than CHAR: built of digits, ``.:-+Zw`` and classes
#: of those, so none can match SEP.
_SEP_FREE_FORMATS = frozenset(p for p in _FORMATS.values() if p != ".")


def _trie(values: Sequence[str]) -> str:
    """A regex matching exactly ``values`` (non-empty strings), as a trie of their prefixes."""
    ends = "" in values
    by_first: dict[str, list[str]] = {}
    for v in values:
        if v:
            by_first.setdefault(v[0], []).append(v[1:])
    singles = [c for c, rest in by_first.items() if rest == [""]]
    alts = ["[" + "".join(re.escape(c) for c in singles) + "]"] if singles else []
    alts.extend(re.escape(c) + _trie(rest) for c, rest in by_first.items() if rest != [""])
    body = "(?:" + "|".join(alts) + ")"
    return body + "?" if ends else body


def _cache(dic: Dictionary) -> dict[tuple[Any, ...], Plan]:
    if dic._shape_cache is None:
        dic._shape_cache = {}
    return dic._shape_cache


#: id(options) -> (options, number); equal options share a number, numbers are never reused.
_OPTS_IDS: dict[int, tuple[object, int]] = {}
_OPTS_NUMBERS: dict[object, int] = {}
_NEXT_NUMBER = count()


def _opts_number(opts_key: object) -> int:
    """A small int standing for the options, so the cache key does not hash them per message.

    (Hashing the frozen options dataclass runs Python code: a tenth of a cached validation.)
    """
    hit = _OPTS_IDS.get(id(opts_key))
    if hit is not None and hit[0] is opts_key:
        return hit[1]
    if len(_OPTS_NUMBERS) > 1024:
        _OPTS_NUMBERS.clear()
    if len(_OPTS_IDS) > 256:
        _OPTS_IDS.clear()
    number = _OPTS_NUMBERS.get(opts_key)
    if number is None:
        number = _OPTS_NUMBERS[opts_key] = next(_NEXT_NUMBER)
    _OPTS_IDS[id(opts_key)] = (opts_key, number)
    return number


def fast_document(
    frame: FixFrame, dic: Dictionary, opts_key: object, check_values: bool
) -> FixDocument | None:
    """A lazily built document when the frame's shape is known-good and its values pass."""
    if not ENABLED:
        return None
    cache = dic._shape_cache
    if cache is None:
        return None
    plan = cache.get((_opts_number(opts_key), frame.msg_type, frame.tags))
    values = frame.values
    if plan is None or len(values) != len(frame.tags) or not plan.clean(values, check_values):
        return None
    return FixDocument(frame, dic, skeleton=plan.skeleton)


def remember(doc: FixDocument, dic: Dictionary, opts_key: object) -> None:
    """Record the shape of a document that validated without any diagnostic."""
    frame = doc.frame
    if not frame.tags or not ENABLED:
        return
    cache = _cache(dic)
    key = (_opts_number(opts_key), frame.msg_type, frame.tags)
    if key in cache:  # a known shape whose values the plan deferred (e.g. "453=02"): same plan
        return
    if len(cache) >= _MAX_SHAPES:
        cache.clear()
    cache[key] = Plan(doc, dic)
