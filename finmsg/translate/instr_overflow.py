"""Field 72 texts longer than one InstrInf continue in further occurrences (TR018, MT → MX).

A 72 item holds up to 6 x 35 characters; InstrForCdtrAgt/InstrInf and InstrForNxtAgt/InstrInf
are ``Max140Text``. The base pacs.008 and pacs.009 schemas let both elements repeat without
limit, and the CBPR+ usage guidelines (the MX this translation writes, ``swift.cbprplus``)
allow at most 2 InstrForCdtrAgt and 6 InstrForNxtAgt per transaction. So an item whose text
does not fit one InstrInf continues in the next occurrences of the same element, cut at spaces,
as long as the element has occurrences to spare once every 23E and 72 item has its own; only
what still does not fit is cut and reported (``lossy.truncated``). A verbatim codeword item
(``/BNF/…``) repeats its codeword in each occurrence, so that the reverse translation gives each
piece back under the same codeword (:func:`finmsg.translate.instructions.items_72`).

Why after the items are placed (:func:`spread`) and not while: the spare occurrences depend on
how many items the whole field (and 23E before it) places, and the first items get them first.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.payments import Instruction
from finmsg.translate.context import Ctx

__all__ = ["MAX_INFO", "MAX_OCCURS", "Long", "first_piece", "spread"]

MAX_INFO = 140
#: Occurrences per transaction allowed by the CBPR+ pacs.008 / pacs.009 usage guidelines.
MAX_OCCURS = {"InstrForCdtrAgt": 2, "InstrForNxtAgt": 6}


@dataclass(slots=True)
class Long:
    """One placed instruction whose text (after ``prefix``) is longer than one InstrInf.

    ``placed`` is the instruction already in ``into`` (the first :data:`MAX_INFO` characters);
    ``pieces`` is filled by :func:`spread` with the texts that replace it."""

    into: list[Instruction]
    placed: Instruction
    element: str
    prefix: str
    text: str
    src: str
    target: str
    pieces: tuple[str, ...] = ()


def first_piece(prefix: str, text: str) -> str:
    """The InstrInf of an item before any continuation: at most :data:`MAX_INFO` characters."""
    return (prefix + text)[:MAX_INFO]


def _spans(text: str, room: int) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` of at most ``room`` characters, cut at the last
    space that fits (the space is the cut: no piece starts or ends with it); a word longer than
    ``room`` is cut hard."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > room:
        cut = text.rfind(" ", start + 1, start + room + 1)
        if cut > start:
            spans.append((start, cut))
            start = cut + 1
        else:
            spans.append((start, start + room))
            start += room
    spans.append((start, len(text)))
    return spans


def spread(ctx: Ctx, longs: list[Long]) -> None:
    """Give each long text the spare occurrences of its element, first items first, and put its
    pieces in place of its first instruction; report what still does not fit (TR018)."""
    spare = {
        id(long.into): MAX_OCCURS[long.element] - len(long.into) for long in longs
    }  # one list per element
    for long in longs:
        room = MAX_INFO - len(long.prefix)
        spans = _spans(long.text, room)
        extra = max(0, min(spare[id(long.into)], len(spans) - 1))
        spare[id(long.into)] -= extra
        pieces = [long.text[start:end] for start, end in spans[:extra]]
        start = spans[extra][0]
        pieces.append(long.text[start : start + room])
        long.pieces = tuple(long.prefix + piece for piece in pieces)
        if start + room < len(long.text):
            emitted = "\n".join(long.pieces)
            ctx.truncated(
                "TR018", long.src, long.target, long.prefix + long.text, emitted, "72 instruction text"
            )
    for long in reversed(longs):  # later pieces first: an insertion never moves an earlier one
        at = next(i for i, placed in enumerate(long.into) if placed is long.placed)
        long.into[at : at + 1] = [Instruction(info=piece) for piece in long.pieces]
