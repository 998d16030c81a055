"""Field 72 (sender to receiver information) ↔ agents, instructions and codes (TR018).

72 is ``6*35x``: lines start with a ``/CODEWORD/`` or continue the previous
one with ``//``. :func:`parse_72` yields one item per codeword with its
continuation text joined; :func:`build_72` does the reverse, wrapping each
item at 35 characters with ``//`` continuation lines.

Continuation (TR018): the field 72 format rule says a ``//`` line carries the
*continuation* of the preceding narrative and that a narrative should start
on a new line; people break such narrative between words, so the line break
stands for one space (``/REC/PLEASE CREDIT UPON`` + ``//RECEIPT`` is "UPON
RECEIPT", never "UPONRECEIPT"). The one exception is a break no writer could
have put between words: a full line without any inner space (a long
reference or IBAN cut in two), which continues without a separator.
:func:`build_72` wraps at spaces and only cuts such words hard, so
``parse_72(build_72(text))`` gives back ``text`` exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finmsg.translate.memo import register
from finmsg.translate.text import wrap_words

__all__ = ["Item72", "build_72", "parse_72"]

_CODEWORD = re.compile(r"/([A-Z0-9]{1,8})/(.*)\Z")
WIDTH = 35
MAX_LINES = 6


@dataclass(frozen=True, slots=True)
class Item72:
    """One codeword (``None`` for leading free text), its text, its first line (1-based) and line count."""

    code: str | None
    text: str
    line: int
    lines: int = 1
    exact: bool = True


#: Field 72 texts and item lists seen recently, with their answers: a bank's 72s repeat the same
#: codewords and standing instructions from message to message. Bounded; emptied by
#: :func:`finmsg.translate.memo.clear_caches`.
_PARSED: dict[str, tuple[Item72, ...]] = {}
_Items = tuple[tuple[str | None, str], ...]
_BUILT: dict[_Items, tuple[tuple[str, ...], _Items]] = {}
_MAX_REMEMBERED = 4096
register(_PARSED.clear)
register(_BUILT.clear)


def parse_72(value: str) -> list[Item72]:
    """Codeword items of a field 72 value; ``exact`` is False when re-wrapping would move a line break."""
    found = _PARSED.get(value)
    if found is None:
        found = tuple(_parse_72(value))
        if len(_PARSED) >= _MAX_REMEMBERED:
            _PARSED.clear()
        _PARSED[value] = found
    return list(found)


def _parse_72(value: str) -> list[Item72]:
    groups: list[tuple[str | None, int, list[str]]] = []
    for index, line in enumerate(value.split("\n"), start=1):
        m = _CODEWORD.match(line) if not line.startswith("//") else None
        if m is not None or not groups:
            groups.append((m.group(1) if m else None, index, [line]))
        else:
            groups[-1][2].append(line)
    items: list[Item72] = []
    for code, index, raw in groups:
        head = raw[0][len(code) + 2 :] if code else raw[0]
        parts = [head]
        room = WIDTH - (len(code) + 2 if code else 0)
        for line in raw[1:]:
            body = line[2:] if line.startswith("//") else line
            if not _cut_hard(parts[-1], room):
                parts.append(" ")
            parts.append(body)
            room = WIDTH - 2
        text = "".join(parts)
        items.append(Item72(code, text, index, len(raw), _wrap_item(code, text) == raw))
    return items


def _cut_hard(body: str, room: int) -> bool:
    """True when a line was cut inside a word: it is full and has no space after its first character."""
    return len(body) == room and " " not in body[1:]


def _wrap_item(code: str | None, text: str) -> list[str]:
    """Lines of one item: cut at the last space that fits (the space becomes the line break);
    a word longer than a line is cut hard (see the module docstring and :func:`wrap_words`)."""
    prefix = f"/{code}/" if code else ""
    if len(prefix) + len(text) <= WIDTH:  # fits on its first line: what wrap_words would say, sooner
        return [prefix + text]
    first, *rest = wrap_words(text, WIDTH - 2, WIDTH - len(prefix), hard_full_words=True) or [""]
    return [prefix + first, *(f"//{line}" for line in rest)]


def build_72(items: list[tuple[str | None, str]]) -> tuple[list[str], list[tuple[str | None, str]]]:
    """Lines of field 72 for (codeword, text) items, and the items that did not fit in 6 lines."""
    key = tuple(items)
    try:
        found = _BUILT.get(key)
    except TypeError:  # an item that is not a (str, str) pair: no memory for this call
        lines, left = _build_72(key)
        return lines, left
    if found is None:
        lines, left = _build_72(key)
        found = (tuple(lines), tuple(left))
        if len(_BUILT) >= _MAX_REMEMBERED:
            _BUILT.clear()
        _BUILT[key] = found
    return list(found[0]), list(found[1])


def _build_72(items: _Items) -> tuple[list[str], list[tuple[str | None, str]]]:
    lines: list[str] = []
    left: list[tuple[str | None, str]] = []
    for code, text in items:
        wrapped = _wrap_item(code, text)
        if len(lines) + len(wrapped) > MAX_LINES:
            left.append((code, text))
            continue
        lines.extend(wrapped)
    return lines, left
