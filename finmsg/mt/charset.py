"""The SWIFT FIN character sets X, Y and Z as data.

Field formats name one of these sets per component (``35x``, ``35z``...).
They are kept here once, as strings, so that the field-spec compiler, the
charset validation layer and the writer's transliteration all agree on what
the network accepts. Line breaks are *not* part of a set: inside finmsg a
multi-line value is held with ``\\n`` separators and the line structure is
described by the field format (``4*35x``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "X_CHARS",
    "Y_CHARS",
    "Z_CHARS",
    "charset_of",
    "first_invalid",
    "transliterate_char",
]

_LETTERS_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"

#: X: the general FIN set (upper and lower case letters, digits, space, ``/-?:().,'+``).
X_CHARS = _LETTERS_UPPER + _LETTERS_UPPER.lower() + _DIGITS + "/-?:().,'+ "
#: Y: upper case letters, digits, space and the EDIFACT level A punctuation.
Y_CHARS = _LETTERS_UPPER + _DIGITS + ".,-()/='+:?!\"%&*<>; "
#: Z: the X set plus ``=!"%&*<>;{@#_``.
Z_CHARS = X_CHARS + '=!"%&*<>;{@#_'

_SETS = {"x": X_CHARS, "y": Y_CHARS, "z": Z_CHARS}
_BAD = {name: re.compile("[^" + re.escape(chars) + "\n]") for name, chars in _SETS.items()}


def charset_of(name: str) -> str:
    """The characters of set ``x``, ``y`` or ``z`` (case-insensitive)."""
    return _SETS[name.lower()]


def first_invalid(value: str, charset: str = "x") -> int:
    """Index of the first character of ``value`` outside the set (newlines allowed), or -1."""
    match = _BAD[charset.lower()].search(value)
    return -1 if match is None else match.start()


def transliterate_char(char: str, charset: str = "x") -> str:
    """A replacement for ``char`` that belongs to ``charset``.

    Accented letters lose their accent (``é`` → ``e``); anything else without a
    close equivalent becomes ``.``, which every set accepts. Used by the
    writer, which reports one diagnostic per changed character.
    """
    allowed = _SETS[charset.lower()]
    if char in allowed:
        return char
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if base and all(c in allowed for c in base):
        return base
    if charset.lower() == "y" and char.upper() in allowed:
        return char.upper()
    return "."
