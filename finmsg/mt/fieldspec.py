"""SWIFT field-format notation as data, compiled once to anchored regular expressions.

Notation (as in the SWIFT standards, plus three conveniences for naming):

* ``n`` digits, ``a`` upper-case letters, ``c`` upper-case letters and digits,
  ``h`` upper-case hexadecimal, ``e`` space, ``x``/``y``/``z`` the FIN
  character sets, ``d`` decimal with a comma (the length counts the comma);
* ``16x`` up to 16, ``3!a`` exactly 3, ``4*35x`` up to 4 lines of up to 35;
* ``[...]`` optional, ``(...)`` a group, ``(A|B)`` alternatives,
  ``CrLf`` a line break, any other character is literal (``/``, ``:``, ``//``);
* ``<name>`` names the next element or group as a component;
* ``{party}`` is the usual optional party-identifier line
  ``[/1!a][/34x]CrLf`` (components ``dc`` and ``account``).

:func:`compile_format` turns a format into a :class:`FieldFormat` whose
``regex`` is used with ``fullmatch``. Patterns are cached, so every distinct
format is compiled once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from finmsg.mt.charset import X_CHARS, Y_CHARS, Z_CHARS

__all__ = ["FieldFormat", "compile_check", "compile_format", "to_regex"]

_CLASS = {
    "n": "[0-9]",
    "a": "[A-Z]",
    "c": "[A-Z0-9]",
    "h": "[0-9A-F]",
    "e": " ",
    "x": "[" + re.escape(X_CHARS) + "]",
    "y": "[" + re.escape(Y_CHARS) + "]",
    "z": "[" + re.escape(Z_CHARS) + "]",
}
_LENGTH = re.compile(r"(\d+)(!|\*\d+|-\d+)?([nachexyzd])")


def _party(capture: bool, lazy: bool) -> str:
    """The ``{party}`` line; without ``capture`` its groups do not capture (see :func:`compile_check`)."""
    dc, account = ("(?P<dc>", "(?P<account>") if capture else ("(?:", "(?:")
    text = "[" + re.escape(X_CHARS) + "]{1,34}" + ("?" if lazy else "")
    return r"(?:(?=/)(?:/" + dc + r"[A-Z])(?=[/\n]|\Z))?(?:/" + account + text + r"))?(?:\n|\Z))?"


_PARTY = _party(True, True)


@dataclass(frozen=True, slots=True)
class FieldFormat:
    """A compiled field format: the notation, its anchored regex and component names."""

    notation: str
    regex: re.Pattern[str]
    names: tuple[str, ...]

    def match(self, value: str) -> dict[str, str] | None:
        """Components of ``value`` (absent optional parts omitted), or ``None`` if it does not match."""
        m = self.regex.fullmatch(value)
        if m is None:
            return None
        found = m.groupdict()
        if len(found) == len(self.names):  # no ``name__2`` repeats: keys are final
            if None in found.values():
                return {key: part for key, part in found.items() if part is not None}
            return found
        out: dict[str, str] = {}
        for key, part in found.items():
            if part is not None:
                out.setdefault(key.split("__")[0], part)
        return out


def _element(count: int, kind: str, cls: str, lazy_text: bool = True) -> str:
    if cls == "d":
        return rf"(?=[0-9,]{{1,{count}}}(?![0-9,]))[0-9]+,[0-9]*"
    char = _CLASS[cls]
    if kind == "!":
        return f"{char}{{{count}}}" if count > 1 else char
    if kind.startswith("*"):
        width = int(kind[1:])
        return f"{char}{{1,{width}}}(?:\\n{char}{{1,{width}}}){{0,{count - 1}}}"
    if kind.startswith("-"):
        return f"{char}{{{count},{int(kind[1:])}}}"
    lazy = "?" if lazy_text and cls in "xyz" else ""
    return f"{char}{{1,{count}}}{lazy}"


class _Compiler:
    """Recursive-descent translation of the notation into regex source."""

    def __init__(self, notation: str, keep: frozenset[str] | None = None, lazy: bool = True) -> None:
        self.src = notation
        self.pos = 0
        self.names: list[str] = []
        #: Names of the groups that capture (None: all); ``lazy``: text elements match lazily.
        self.keep = keep
        self.lazy = lazy

    def _name(self, raw: str) -> str:
        name = raw
        n = 2
        while name in self.names:
            name = f"{raw}__{n}"
            n += 1
        self.names.append(name)
        return name

    def sequence(self, stop: str = "") -> str:
        out: list[str] = []
        while self.pos < len(self.src) and self.src[self.pos] not in stop:
            out.append(self.item())
        return "".join(out)

    def alternatives(self, closer: str) -> str:
        options = [self.sequence("|" + closer)]
        while self.src[self.pos : self.pos + 1] == "|":
            self.pos += 1
            options.append(self.sequence("|" + closer))
        if self.src[self.pos : self.pos + 1] != closer:
            raise ValueError(f"unbalanced {closer!r} in {self.src!r}")
        self.pos += 1
        return "|".join(options)

    def item(self) -> str:
        src = self.src
        ch = src[self.pos]
        if ch == "<":
            end = src.index(">", self.pos)
            name = self._name(src[self.pos + 1 : end])
            self.pos = end + 1
            if self.keep is not None and name not in self.keep:
                return f"(?:{self.item()})"
            return f"(?P<{name}>{self.item()})"
        if ch == "[":
            self.pos += 1
            return f"(?:{self.alternatives(']')})?"
        if ch == "(":
            self.pos += 1
            return f"(?:{self.alternatives(')')})"
        if src.startswith("{party}", self.pos):
            self.pos += len("{party}")
            if "dc" in self.names:
                raise ValueError("{party} used twice")
            self.names += ["dc", "account"]
            if self.keep is None:
                return _PARTY
            return _party(bool({"dc", "account"} & self.keep), self.lazy)
        if src.startswith("CrLf", self.pos):
            self.pos += 4
            return r"\n"
        m = _LENGTH.match(src, self.pos)
        if m:
            self.pos = m.end()
            return _element(int(m.group(1)), m.group(2) or "", m.group(3), self.lazy)
        self.pos += 1
        return re.escape(ch)


@cache
def to_regex(notation: str) -> tuple[str, tuple[str, ...]]:
    """Regex source (unanchored; use ``fullmatch``) and component names of a notation."""
    compiler = _Compiler(notation)
    source = compiler.sequence()
    return source, tuple(n for n in compiler.names if "__" not in n)


@cache
def compile_format(notation: str) -> FieldFormat:
    """Compile (once) a notation such as ``6!n3!a15d`` into a :class:`FieldFormat`."""
    source, names = to_regex(notation)
    return FieldFormat(notation, re.compile(source), names)


@cache
def compile_check(notation: str, keep: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """A regex that ``fullmatch``-es exactly the values :func:`compile_format` accepts, only faster.

    Only the groups named in ``keep`` capture: named groups cost the regex engine
    bookkeeping on every backtrack, and capturing never changes which match is
    found, so the kept groups hold the same text as with the full pattern. With
    nothing to keep, text elements also match greedily: the *set* of values a
    pattern accepts does not depend on laziness (only how a value is split does).
    Used by validation, which needs a yes/no and at most a few components.
    """
    compiler = _Compiler(notation, keep, lazy=bool(keep))
    return re.compile(compiler.sequence())
