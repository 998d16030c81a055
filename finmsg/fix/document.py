"""The cut-up form of one FIX message: header, body and trailer with groups nested.

Why separate: the validator fills it field by field, while the shape cache
(:mod:`finmsg.fix.shapes`) fills it from a remembered skeleton of field
indices, and only when someone asks for the nodes; both share this class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from finmsg.fix.tagvalue import FixFrame

if TYPE_CHECKING:
    from finmsg.fix.dictionary import Dictionary

__all__ = ["FixDocument", "Group", "Node", "Skeleton", "build"]


@dataclass(slots=True)
class Group:
    """A repeating group: the NumInGroup field, its entries (each a list of nodes), its field index."""

    tag: int
    count: str
    entries: list[list[Node]] = field(default_factory=list)
    index: int = -1


Node = Union[tuple[int, str], Group]  # noqa: UP007 - evaluated at runtime, Group must exist first
#: Skeleton node: a field index, or (index of NumInGroup, [entry skeletons]).
Skeleton = list[Union[int, tuple[int, list[list["Skeleton"]]]]]  # noqa: UP007


def build(skeleton: list[object], fields: list[tuple[int, str]]) -> list[Node]:
    """Instantiate a skeleton over the fields of a message with the same shape."""
    out: list[Node] = []
    for node in skeleton:
        if isinstance(node, int):
            out.append(fields[node])
        else:
            idx: int
            entries: list[list[object]]
            idx, entries = node  # type: ignore[misc]
            tag, count = fields[idx]
            out.append(Group(tag, count, [build(e, fields) for e in entries], idx))
    return out


class FixDocument:
    """A message cut into header, body and trailer (built lazily from a skeleton when cached)."""

    __slots__ = ("_parts", "_skeleton", "dictionary", "frame")

    def __init__(
        self,
        frame: FixFrame,
        dictionary: Dictionary | None,
        header: list[Node] | None = None,
        body: list[Node] | None = None,
        trailer: list[Node] | None = None,
        skeleton: tuple[list[object], list[object], list[object]] | None = None,
    ) -> None:
        self.frame = frame
        self.dictionary = dictionary
        self._skeleton = skeleton
        self._parts = None if skeleton is not None else (header or [], body or [], trailer or [])

    def _get(self) -> tuple[list[Node], list[Node], list[Node]]:
        if self._parts is None:
            assert self._skeleton is not None
            f = self.frame.fields
            h, b, t = self._skeleton
            self._parts = (build(h, f), build(b, f), build(t, f))
        return self._parts

    @property
    def header(self) -> list[Node]:
        return self._get()[0]

    @property
    def body(self) -> list[Node]:
        return self._get()[1]

    @property
    def trailer(self) -> list[Node]:
        return self._get()[2]

    @property
    def msg_type(self) -> str:
        return self.frame.msg_type
