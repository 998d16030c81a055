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

from collections.abc import Callable, Sequence
from typing import Any

from finmsg.fix.dictionary import Dictionary
from finmsg.fix.document import FixDocument, Group, Node
from finmsg.fix.tagvalue import FixFrame

__all__ = ["Plan", "fast_document", "remember"]

_MAX_SHAPES = 4096
#: Switch for benchmarks and debugging: ``False`` sends every message through the full validator.
ENABLED = True


class Plan:
    """What remains to check for a known-good shape, and how to rebuild its nodes."""

    __slots__ = ("checks", "counts", "enums", "multi", "skeleton")

    def __init__(self, doc: FixDocument, dic: Dictionary) -> None:
        fields = doc.frame.fields
        position = {id(pair): k for k, pair in enumerate(fields)}
        self.checks: list[tuple[int, Callable[[str], Any]]] = []
        self.enums: list[tuple[int, frozenset[str]]] = []
        self.multi: list[tuple[int, frozenset[str]]] = []
        self.counts: list[tuple[int, str]] = []
        for k, (tag, _) in enumerate(fields):
            rule = dic.special.get(tag)
            if rule is None:
                continue
            if rule[0] is not None:
                self.checks.append((k, rule[0]))
            if rule[1] is not None:
                (self.multi if tag in dic.multiple else self.enums).append((k, rule[1]))
        self.skeleton = (
            self._skeleton(doc.header, position),
            self._skeleton(doc.body, position),
            self._skeleton(doc.trailer, position),
        )

    def _skeleton(self, nodes: list[Node], position: dict[int, int]) -> list[object]:
        out: list[object] = []
        for node in nodes:
            if isinstance(node, Group):
                self.counts.append((node.index, str(len(node.entries))))
                out.append((node.index, [self._skeleton(e, position) for e in node.entries]))
            else:
                out.append(position[id(node)])
        return out

    def clean(self, values: Sequence[str], check_values: bool) -> bool:
        """True when every value check passes (so the full validator would report nothing)."""
        if check_values and "" in values:
            return False
        for k, check in self.checks:
            if check(values[k]) is None:
                return False
        for k, allowed in self.enums:
            if values[k] not in allowed:
                return False
        for k, allowed in self.multi:
            if any(v not in allowed for v in values[k].split(" ")):
                return False
        return all(values[k] == expected for k, expected in self.counts)


def _cache(dic: Dictionary) -> dict[tuple[Any, ...], Plan]:
    if dic._shape_cache is None:
        dic._shape_cache = {}
    return dic._shape_cache


def fast_document(
    frame: FixFrame, dic: Dictionary, opts_key: object, check_values: bool
) -> FixDocument | None:
    """A lazily built document when the frame's shape is known-good and its values pass."""
    if not ENABLED:
        return None
    plan = _cache(dic).get((opts_key, frame.msg_type, frame.tags))
    if plan is None or len(frame.values) != len(frame.tags) or not plan.clean(frame.values, check_values):
        return None
    return FixDocument(frame, dic, skeleton=plan.skeleton)


def remember(doc: FixDocument, dic: Dictionary, opts_key: object) -> None:
    """Record the shape of a document that validated without any diagnostic."""
    frame = doc.frame
    if not frame.tags:
        return
    cache = _cache(dic)
    if len(cache) >= _MAX_SHAPES:
        cache.clear()
    cache[(opts_key, frame.msg_type, frame.tags)] = Plan(doc, dic)
