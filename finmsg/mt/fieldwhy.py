"""Why a field value fails its format: the first concrete cause, for the error message.

A format mismatch used to be reported as "does not match the format
``<narrative>6*35x``", which leaves the reader to count characters. This module
runs only on the failure path (validation of a valid message never gets here) and
finds the cause by matching the value against two *relaxed* versions of the
format, compiled once per notation:

1. every length bound lifted (``16x`` → one or more, ``6*35x`` → any number of
   lines of any length), character classes kept: if this matches, the value has
   the right shape and only a length is wrong, so each element is measured
   against its bound ("line 1 is 41 characters, more than the 35 allowed");
2. the character class of one element lifted as well, each element in turn: if
   this matches, that element holds a character outside its class ("customer
   reference has '_' at character 29 ..."), and the split of the value is that of
   a valid value everywhere else; only if no single element explains the value
   are all classes lifted at once (a rougher split).

A value far longer than the format can hold, or with several lines where the
format has one, is reported as such without matching.

Fixed widths (``6!n``) and literals stay as they are in both passes: they
delimit the components, and lifting them would make the split (and so the
message) a guess. When neither pass matches, there is no cheap concrete cause
and the caller keeps the plain format message.

A cause also says whether it is a character outside the field's whole character
set (X or Z): the charset layer reports exactly that, so the validator can tell a
format finding that is only the consequence of such a character (one cause, one
diagnostic) from an independent one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from finmsg.mt.charset import X_CHARS, Y_CHARS, Z_CHARS, charset_of
from finmsg.mt.fieldspec import _CLASS, _LENGTH, _Compiler

__all__ = ["Cause", "explain", "format_message", "short_notation"]

_NOTATION_LIMIT = 240  # whole formats: a cut one hid the very component at fault
#: How far past the format's longest value the relaxed patterns still look for the component
#: at fault; beyond, the length of the whole value is the cause given.
_SLACK = 64
_DESCRIBE = {
    "n": "digits",
    "a": "upper-case letters",
    "c": "upper-case letters and digits",
    "h": "hexadecimal digits",
    "e": "a space",
    "x": "the X character set",
    "y": "the Y character set",
    "z": "the Z character set",
    "d": "digits and one decimal comma",
}
_BAD = {
    cls: re.compile("[^" + chars + "\\n]")
    for cls, chars in {
        "n": "0-9",
        "a": "A-Z",
        "c": "A-Z0-9",
        "h": "0-9A-F",
        "e": " ",
        "x": re.escape(X_CHARS),
        "y": re.escape(Y_CHARS),
        "z": re.escape(Z_CHARS),
        "d": "0-9,",
    }.items()
}
_DECIMAL = re.compile(r"[0-9]+,[0-9]*")


@dataclass(frozen=True, slots=True)
class Cause:
    """One concrete reason a value fails its format.

    ``char`` is set for a character outside an element's class; ``position`` is
    1-based in the field value.
    """

    message: str
    position: int
    char: str = ""


#: One length-bearing element of a notation: count, kind (``""``, ``"!"``, ``"*35"``, ``"-5"``),
#: class letter, and the component it belongs to (``None`` when unnamed).
_Element = tuple[int, str, str, str | None]


class _Relaxed(_Compiler):
    """The notation compiler with lifted bounds; each element becomes group ``_e<i>``."""

    def __init__(self, notation: str, lifted: int, absent: int = -2) -> None:
        super().__init__(notation, frozenset(), lazy=True)
        #: Whose character class is lifted: none (``_NONE``), every element (``_ALL``) or one.
        self.lifted = lifted
        #: The element that may be left out (``_NONE``: none), to find a missing component.
        self.absent = absent
        self.elements: list[_Element] = []
        self.label: str | None = None
        #: An upper bound of the length of a valid value (alternatives count as all present).
        self.bound = 0

    def _group(self, count: int, kind: str, cls: str, label: str | None) -> str:
        index = len(self.elements)
        self.elements.append((count, kind, cls, label))
        if kind.startswith("*"):
            self.bound += count * (int(kind[1:]) + 1)
        else:
            self.bound += int(kind[1:]) if kind.startswith("-") else count
        keep = self.lifted not in (_ALL, index)
        char = _CLASS.get(cls, "[0-9]") if keep else r"[^\n]"
        if kind == "!":
            body = f"{char}{{{count}}}"
        elif kind.startswith("*"):
            body = f"{char}*(?:\\n{char}*)*"
        elif cls == "d":
            body = r"[0-9]+,[0-9]*" if keep else r"[^\n]+?"
        else:
            body = f"{char}+?" if cls in "xyz" else f"{char}+"
        if index == self.absent:
            return f"(?P<_e{index}>{body})?"
        return f"(?P<_e{index}>{body})"

    def item(self) -> str:
        src = self.src
        ch = src[self.pos]
        if ch == "<":
            end = src.index(">", self.pos)
            saved, self.label = self.label, src[self.pos + 1 : end]
            self.pos = end + 1
            inner = self.item()
            self.label = saved
            return f"(?:{inner})"
        if src.startswith("{party}", self.pos):
            self.pos += len("{party}")
            account = self._group(34, "", "x", "account")
            self.bound += 4  # "/", the D/C mark, "/" and the line break around it
            return r"(?:(?=/)(?:/[A-Z](?=[/\n]|\Z))?(?:/" + account + r")?(?:\n|\Z))?"
        m = _LENGTH.match(src, self.pos)
        if m and not src.startswith("CrLf", self.pos):
            self.pos = m.end()
            return self._group(int(m.group(1)), m.group(2) or "", m.group(3), self.label)
        if ch not in "[]()|":
            self.bound += 1  # a literal character or a CrLf
        return super().item()


_NONE, _ALL = -2, -1


@cache
def _relaxed(
    notation: str, lifted: int, absent: int = _NONE
) -> tuple[re.Pattern[str], tuple[_Element, ...], int]:
    compiler = _Relaxed(notation, lifted, absent)
    source = compiler.sequence()
    return re.compile(source), tuple(compiler.elements), compiler.bound


def _name(label: str | None) -> str:
    return label.replace("_", " ") if label else "a component"


def _length_cause(element: _Element, text: str, start: int, value: str) -> Cause | None:
    count, kind, _cls, label = element
    if kind.startswith("*"):
        width = int(kind[1:])
        first_line = value.count("\n", 0, start) + 1
        lines = text.split("\n")
        offset = start
        for i, line in enumerate(lines):
            if len(line) > width:
                return Cause(
                    f"line {first_line + i} is {len(line)} characters, more than the {width} allowed",
                    offset + 1,
                )
            if not line:
                return Cause(f"line {first_line + i} is empty", offset + 1)
            offset += len(line) + 1
        if len(lines) > count:
            return Cause(f"{_name(label)} has {len(lines)} lines, more than the {count} allowed", start + 1)
        return None
    if kind == "!":
        if len(text) != count:
            return Cause(f"{_name(label)} is {len(text)} characters, exactly {count} required", start + 1)
        return None
    low, high = (count, int(kind[1:])) if kind.startswith("-") else (1, count)
    if len(text) > high:
        return Cause(f"{_name(label)} is {len(text)} characters, more than the {high} allowed", start + 1)
    if len(text) < low:
        return Cause(f"{_name(label)} is {len(text)} characters, fewer than the {low} required", start + 1)
    return None


def _class_cause(element: _Element, text: str, start: int) -> Cause | None:
    cls, label = element[2], element[3]
    bad = _BAD[cls].search(text)
    if bad is not None:
        index = bad.start()
        return Cause(
            f"{_name(label)} has {bad.group()!r} at character {start + index + 1} "
            f"(allowed: {_DESCRIBE[cls]})",
            start + index + 1,
            bad.group(),
        )
    if cls == "d" and _DECIMAL.fullmatch(text) is None:
        return Cause(f"{_name(label)} {text!r} is not digits with one decimal comma after them", start + 1)
    return None


def explain(notation: str, value: str) -> list[Cause]:
    """The concrete causes of ``value`` failing ``notation``, first one first (empty: none found).

    Only called for a value that does not match; the result is undefined for one that does.
    """
    regex, elements, bound = _relaxed(notation, _NONE)
    too_long = [Cause(f"the value is {len(value)} characters, more than the {bound} the format can hold", 1)]
    if len(value) > bound + _SLACK:
        # Cheap and concrete, and it keeps the relaxed patterns (whose adjacent open-ended
        # elements backtrack polynomially) away from long values.
        return too_long
    m = regex.fullmatch(value)
    if m is not None:  # the shape is right: only lengths are wrong
        return _causes(m, elements, value, frozenset())
    missing = _missing(notation, elements, value)
    if missing is not None:
        return [missing]
    # One element's class lifted at a time: the split then stays that of a valid value
    # everywhere else, so the character found is in the component that really holds it.
    # Of the elements that explain the value, the one with the fewest causes wins.
    # Of the elements that explain the value, the one with the fewest causes wins, then the one
    # holding the fewest characters outside its class (an element that swallows its neighbours
    # holds theirs too).
    best: tuple[int, int, list[Cause]] | None = None
    for index in range(len(elements)):
        m = _relaxed(notation, index)[0].fullmatch(value)
        if m is None:
            continue
        found = _causes(m, elements, value, frozenset((index,)))
        strays = len(_BAD[elements[index][2]].findall(m.group(f"_e{index}") or ""))
        if found and (best is None or (len(found), strays) < best[:2]):
            best = (len(found), strays, found)
    if best is not None:
        return best[2]
    m = _relaxed(notation, _ALL)[0].fullmatch(value)
    if m is not None:
        return _causes(m, elements, value, frozenset(range(len(elements))))
    lines = value.count("\n") + 1
    if lines > 1 and "CrLf" not in notation and "*" not in notation:
        return [Cause(f"the value has {lines} lines, the format has one", value.index("\n") + 1)]
    return too_long if len(value) > bound else []


def _missing(notation: str, elements: tuple[_Element, ...], value: str) -> Cause | None:
    """A mandatory component left out, when leaving it out is all that is wrong with ``value``.

    Tried before any character class is lifted: a value such as ``170914D10,00NMSC`` (field 61
    without its reference) also fits a class lifted somewhere, but "the type has '0' at
    character 12" sends the reader to the wrong component. The last component that explains
    the value wins: a value cut short is the usual way to lose one, and an earlier gap can often
    be "explained" by shifting later components (``NMSC`` as a 3-letter code plus a reference).
    """
    for index in reversed(range(len(elements))):
        element = elements[index]
        m = _relaxed(notation, _NONE, index)[0].fullmatch(value)
        if m is None or m.group(f"_e{index}") is not None or _causes(m, elements, value, frozenset()):
            continue
        later = [m.start(f"_e{i}") for i in range(index + 1, len(elements)) if m.group(f"_e{i}") is not None]
        return Cause(f"{_name(element[3])} is missing", (later[0] if later else len(value)) + 1)
    return None


def _causes(
    m: re.Match[str], elements: tuple[_Element, ...], value: str, lifted: frozenset[int]
) -> list[Cause]:
    causes: list[Cause] = []
    for index, element in enumerate(elements):
        text = m.group(f"_e{index}")
        if text is None:
            continue
        start = m.start(f"_e{index}")
        if index in lifted:
            found = _class_cause(element, text, start)
            if found is not None:
                causes.append(found)
        found = _length_cause(element, text, start, value)
        if found is not None:
            causes.append(found)
    return causes


def short_notation(notation: str, limit: int = _NOTATION_LIMIT) -> str:
    """The notation, cut to ``limit`` characters (with ``...``) for use as secondary context."""
    return notation if len(notation) <= limit else notation[: limit - 3] + "..."


def format_message(tag: str, notation: str, value: str, reported_set: str = "") -> str | None:
    """The ``mt.field.format`` message for a value of ``tag`` that fails ``notation``.

    ``reported_set`` names the character set (``x``/``z``) whose first offending
    character the charset layer already reported for this value. Causes that are
    characters outside that whole set are then that finding's consequence: when
    they are the only causes, the result is ``None`` (no second diagnostic).
    """
    causes = explain(notation, value)
    if reported_set:
        allowed = charset_of(reported_set)
        remaining = [c for c in causes if not (c.char and c.char not in allowed)]
        if causes and not remaining:
            return None
        causes = remaining
    if not causes:
        return f"{tag} does not match the format {short_notation(notation)}"
    return f"{tag}: {causes[0].message} (format {short_notation(notation)})"
