"""Text rules shared by every pair: the MT X character set, 16x references, line wrapping.

MX text is UTF-8; MT text is the SWIFT X set. :func:`to_x` transliterates
(accents removed, other scripts romanised with ``anyascii`` when it is
installed) and records every changed character on the context, so the
translation reports them all in one diagnostic (rule TR023). References
follow the CBPR+ rules for 16x fields (TR004, TR005).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from finmsg.mt.charset import X_CHARS, transliterate_char
from finmsg.translate.context import Ctx

__all__ = [
    "NOTPROVIDED",
    "REMITTANCE_CODES",
    "join_lines",
    "mark_cut",
    "reference16",
    "to_x",
    "wrap",
    "wrap_coded",
    "wrap_words",
]

NOTPROVIDED = "NOTPROVIDED"
#: Code words of MT103 field 70 (remittance information): invoice, instruction, reference for the
#: beneficiary, ordering customer's reference, trade services utility transaction.
REMITTANCE_CODES = frozenset({"INV", "IPI", "RFB", "ROC", "TSU"})
_X = frozenset(X_CHARS)
#: Punctuation with a close X-set equivalent (facts about the X set, not a transliteration library).
_PUNCT = {"&": "+", '"': "'", ";": ",", "_": "-", "\t": " ", "\u00a0": " ", "=": "-", "!": "."}


@lru_cache(maxsize=4096)
def _replace(char: str) -> str:
    if char in _PUNCT:
        return _PUNCT[char]
    try:
        from anyascii import anyascii
    except ImportError:  # pragma: no cover - optional romanisation
        return transliterate_char(char, "x")
    text = "".join(c for c in anyascii(char) if c in _X)
    return text or transliterate_char(char, "x")


def to_x(ctx: Ctx, value: str, source: str, target: str) -> str:
    """``value`` in the X set; every changed character is recorded on ``ctx``."""
    if _X.issuperset(value):  # the common case, checked in C
        return value
    out: list[str] = []
    changed: list[tuple[str, str]] = []
    for char in value:
        if char in _X:
            out.append(char)
            continue
        new = " " if char in "\r\n" else _replace(char)
        changed.append((char, new))
        out.append(new)
    ctx.changed_chars(source, target, changed)
    return "".join(out)


def reference16(ctx: Ctx, value: str | None, source: str, target: str, placeholder: str = NOTPROVIDED) -> str:
    """A 16x reference field from an MX identifier (TR004 truncation, TR005 slashes, TR028 missing).

    ``placeholder`` replaces an unusable reference (``NONREF`` for a field 21).
    """
    if not value:
        ctx.defaulted("TR028", source, target, placeholder, "mandatory reference missing in the source")
        return placeholder
    text = to_x(ctx, value, source, target)
    if text.startswith("/") or text.endswith("/") or "//" in text:
        ctx.defaulted(
            "TR005",
            source,
            target,
            placeholder,
            "a reference must not start or end with '/' nor contain '//'",
            original=value,
        )
        return placeholder
    if len(text) > 16:
        cut = mark_cut(text, 16)
        ctx.truncated("TR004", source, target, value, cut, "reference")
        return cut
    return text


def mark_cut(kept: str, width: int) -> str:
    """``kept`` ending with the TR004 cut mark ``+``, the whole within ``width`` characters.

    Why the stripping: the mark must read as a mark. Spaces before it would show a cut that
    fell between words as a detached ``… +`` (and a 16x reference or a 35x line ending in a
    space); a ``+`` already there (a transliterated ``&`` at the cut, or a cut made earlier)
    would make the line look marked when it is not, or marked twice (``++``). So the kept part
    loses its trailing spaces and ``+`` first and then gets exactly one mark; the characters
    this removes are part of the reported cut (the truncation diagnostic shows both texts).
    Applying it twice gives the same text.
    """
    return kept[: width - 1].rstrip(" +") + "+"


def wrap(text: str, width: int, first_width: int | None = None) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` (the first at most ``first_width``) characters."""
    lines: list[str] = []
    size = first_width or width
    while text:
        lines.append(text[:size])
        text = text[size:]
        size = width
    return lines


def wrap_words(
    text: str,
    width: int,
    first_width: int | None = None,
    hard_full_words: bool = False,
    keep_space: bool = False,
) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` (the first at most ``first_width``) characters,
    at the last space that fits; a word longer than a line is cut hard. An empty text has no line.

    By default the space becomes the line break, so ``" ".join(lines) == text`` whenever no word
    had to be cut (the reading of field 72 ``//`` lines). With ``keep_space`` the space stays at the
    end of its line, so ``"".join(lines) == text`` always: for fields whose lines come back as
    separate MX texts that are concatenated (79 ↔ NtfctnNrrtv).

    ``hard_full_words`` keeps the field 72 convention (:mod:`finmsg.translate.field72`): a full line
    of one word is always a hard cut, even when a space follows it, because the 72 reader joins such
    a line to the next without a separator.
    """
    if not text:
        return []
    lines: list[str] = []
    room = first_width or width
    rest = text
    while len(rest) > room:
        if keep_space:
            cut = rest.rfind(" ", 1, room)  # the space at index < room stays on the line
            end, start = (cut + 1, cut + 1) if cut > 0 else (room, room)
        else:
            cut = _space_cut(rest, room, hard_full_words)
            end, start = (cut, cut + 1) if cut else (room, room)
        lines.append(rest[:end])
        rest = rest[start:]
        room = width
    lines.append(rest)
    return lines


def _space_cut(rest: str, room: int, hard_full_words: bool) -> int:
    """Index of the space to break at (0: none), preferring one that leaves no trailing space."""
    fallback = 0
    for cut in range(room, 0, -1):
        if rest[cut] != " ":
            continue
        if hard_full_words and cut == room and " " not in rest[1:room]:
            return 0  # a full line without inner space reads as a hard cut: cut it hard
        if rest[cut - 1] != " ":
            return cut
        fallback = fallback or cut
    return fallback


def wrap_coded(
    text: str, width: int, codes: frozenset[str] = frozenset(), first_width: int | None = None
) -> list[str]:
    """Lines of at most ``width`` characters (the first at most ``first_width``) for a text field
    (70, 72 text, 86): every `` /CODE/`` (a space, then one of ``codes`` between slashes) starts
    a new line, lines break at the last space that fits, and no line starts or ends with a space.

    Why this shape: it is the exact inverse of :func:`join_lines` for the line layouts banks
    write (one coded item per line, words kept whole), so MT → MX → MT gives the same lines.
    A line broken at a space is at most ``width - 1`` long: a full-width line only ever comes
    from a word longer than a line cut hard, which is what a full line means to
    :func:`join_lines` (the word continues on the next line, no separator). A break never
    leaves ':' or '-' at the start of a line (it would read as a field tag or the block end).
    """
    return list(_wrapped(text, width, codes, first_width))


def _wrapped(text: str, width: int, codes: frozenset[str], first_width: int | None) -> Iterator[str]:
    """The lines of :func:`wrap_coded`, one at a time (:func:`join_lines` stops at the first
    line that differs: a text cut mid-word, the usual MT layout, differs within two lines)."""
    room = first_width or width
    for item in _coded_items(text, codes):
        rest = item.strip(" ")
        while len(rest) > room:
            cut = rest.rfind(" ", 1, room)  # a space at index < room: the line stays shorter
            while cut > 0 and _after_spaces(rest, cut) in (":", "-"):
                cut = rest.rfind(" ", 1, cut)
            glued = _glued_code(rest, room, codes) if codes else 0
            if glued > max(cut, 0):  # "…E2E-1/RFB/…": the code starts the next line, nothing consumed
                yield rest[:glued]
                rest = rest[glued:]
            elif cut > 0:
                yield rest[:cut].rstrip(" ")
                rest = rest[cut + 1 :].lstrip(" ")
            else:
                yield rest[:room]
                rest = rest[room:].lstrip(" ")
            room = width
        if rest:
            yield rest
            room = width


def _rewraps_to(text: str, width: int, codes: frozenset[str], lines: list[str]) -> bool:
    """``wrap_coded(text, width, codes) == lines``, without wrapping past the first difference."""
    count = 0
    for line in _wrapped(text, width, codes, None):
        if count == len(lines) or line != lines[count]:
            return False
        count += 1
    return count == len(lines)


def _after_spaces(rest: str, at: int) -> str:
    """The first character after the spaces from index ``at`` on ("" at the end): what starts
    the next line when the line breaks there (the spaces of a run all go with the break)."""
    at += 1
    while rest[at : at + 1] == " ":
        at += 1
    return rest[at : at + 1]


def _glued_code(rest: str, room: int, codes: frozenset[str]) -> int:
    """Index < ``room`` (0: none) of the last ``/CODE/`` of ``codes`` glued to the text before it."""
    at = rest.rfind("/", 1, room)
    while at > 0:
        end = rest.find("/", at + 1)
        if end > at + 1 and rest[at + 1 : end] in codes and rest[at - 1] != " ":
            return at
        at = rest.rfind("/", 1, at)
    return 0


def _coded_items(text: str, codes: frozenset[str]) -> list[str]:
    """``text`` cut before every `` /CODE/`` of ``codes`` (the space is the cut)."""
    if not codes or " /" not in text:
        return [text]
    items: list[str] = []
    start = 0
    at = text.find(" /")
    while at >= 0:
        end = text.find("/", at + 2)
        if end > at + 2 and text[at + 2 : end] in codes:
            items.append(text[start:at])
            start = at + 1
        at = text.find(" /", at + 2)
    items.append(text[start:])
    return items


def join_lines(lines: list[str], width: int, codes: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """Lines concatenated; the flag says whether :func:`wrap_coded` gives the same lines back.

    A full-width line continues on the next one (no separator), unless the next line starts
    with a ``/CODE/`` of ``codes``; otherwise a space keeps the words (and the coded items)
    apart. The flag is computed by wrapping the text again: one definition of "recoverable";
    lines that no wrapping can give (:func:`_unwrappable`) are not wrapped again.
    """
    if len(lines) == 1:
        line = lines[0]
        if 0 < len(line) <= width and line[0] != " " and line[-1] != " " and " /" not in line:
            # What wrap_coded gives back for such a line is the line itself (nothing to cut, no
            # coded item to start a line, no space to strip): exact without wrapping it again,
            # which cost ≈8k instructions for every one-line 70, 72 or 86.
            return line, True
        return line, not _unwrappable(lines, width) and _rewraps_to(line, width, codes, lines)
    parts: list[str] = []
    for line, after in pairwise(lines):
        glued = len(line) == width and not _starts_coded(after, codes)
        parts.append(line if glued else line + " ")
    parts.append(lines[-1])
    text = "".join(parts)
    return text, not _unwrappable(lines, width) and _rewraps_to(text, width, codes, lines)


def _unwrappable(lines: list[str], width: int) -> bool:
    """True when a line is empty, longer than ``width`` or opens with a space: never a line of
    :func:`wrap_coded` (each line it gives has 1 to ``width`` characters and starts after the
    spaces of a break), so the text is not recoverable, with no need to wrap it again to see.

    Why: a writer that cuts a 70 every 35 characters opens a line with a space whenever the
    36th character is one (``…SEA FREIGHT`` / `` SHIPMENT…``); wrapping the text again only to
    find the first line differs cost ≈20 k instructions a message, this loop a small fraction.
    """
    for line in lines:
        if not line or line[0] == " " or len(line) > width:
            break
    else:
        return False
    return True


def _starts_coded(line: str, codes: frozenset[str]) -> bool:
    if not codes or not line.startswith("/"):
        return False
    end = line.find("/", 1)
    return end > 1 and line[1:end] in codes
