"""Shared plumbing of the standards modules: input guarding and stdnum wrapping.

Every ``validate`` funnels its input through :func:`prepare` so that junk is
rejected the same way everywhere, cheaply and *before* any normalisation:

* non-strings, over-long strings and non-ASCII text raise finmsg errors (never a
  ``TypeError`` or a python-stdnum exception);
* the ASCII check comes before upper-casing because ``str.upper`` maps some
  non-ASCII letters onto ASCII ones (``"ß"`` becomes ``"SS"``, dotless ``"ı"``
  becomes ``"I"``), which would otherwise let look-alike text validate.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from finmsg.standards.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

__all__ = ["MAX_INPUT", "deleter", "mod97", "package_data", "prepare", "stdnum_call", "swift_regex"]

#: Raw inputs longer than this are rejected before any work: no identifier handled
#: here is longer than 42 characters even in its spaced print form.
MAX_INPUT = 256


@cache
def deleter(chars: str) -> dict[int, int | None]:
    """Translation table deleting ``chars`` (built once per separator set)."""
    return str.maketrans("", "", chars)


def prepare(value: object, standard: str, separators: str = " ") -> str:
    """Check ``value`` is short ASCII text and return it without separators, upper-cased."""
    if not isinstance(value, str):
        raise InvalidFormat.for_standard(standard, value, f"expected text, got {type(value).__name__}")
    if len(value) > MAX_INPUT:
        raise InvalidLength.for_standard(standard, value, f"input of {len(value)} characters is far too long")
    if not value.isascii():
        raise InvalidFormat.for_standard(standard, value, "contains non-ASCII characters")
    return value.translate(deleter(separators)).strip().upper()


_LETTER_DIGITS = str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)})


def mod97(text: str) -> int:
    """ISO 7064 MOD 97-10 remainder of upper-case ``[A-Z0-9]`` text (A=10 .. Z=35).

    Same result as ``stdnum.iso7064.mod_97_10.checksum`` but about three times
    faster (one ``str.translate`` instead of a per-character ``int(x, 36)``); IBAN
    and LEI checks run in hot validation paths. Callers must have checked the
    alphabet first.
    """
    return int(text.translate(_LETTER_DIGITS)) % 97


@cache
def _stdnum_map() -> tuple[tuple[type[Exception], type[InvalidIdentifier], str], ...]:
    """python-stdnum's exception kinds -> ours. Built on first use: importing
    ``stdnum`` pulls in pydoc, ssl and socket (~25 ms in a fresh process), which a
    validation that never calls python-stdnum should not pay."""
    import stdnum.exceptions as stdnum_exc

    # Order matters: python-stdnum's InvalidLength subclasses its InvalidFormat.
    return (
        (stdnum_exc.InvalidLength, InvalidLength, "has an invalid length"),
        (stdnum_exc.InvalidChecksum, InvalidChecksum, "has invalid check digits"),
        (stdnum_exc.InvalidComponent, InvalidComponent, "has an unknown or invalid component"),
        (stdnum_exc.InvalidFormat, InvalidFormat, "has an invalid format"),
    )


def stdnum_call(standard: str, value: str, func: Callable[[str], object], detail: str = "") -> None:
    """Run a python-stdnum check and re-raise its errors as finmsg errors.

    ``detail`` names the check in the message (e.g. ``" in the national BBAN check"``).
    """
    import stdnum.exceptions as stdnum_exc

    try:
        func(value)
    except stdnum_exc.ValidationError as exc:
        for theirs, ours, message in _stdnum_map():
            if isinstance(exc, theirs):
                raise ours.for_standard(standard, value, f"{value!r} {message}{detail}") from exc
        raise InvalidFormat.for_standard(standard, value, f"{value!r} is invalid{detail}") from exc


_SWIFT_CLASS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}
_SWIFT_PART = re.compile(r"(\d+)(!?)([nac])")


@cache
def swift_regex(notation: str) -> re.Pattern[str]:
    """Compile a SWIFT-notation structure such as ``4!a6!n8!n`` to an anchored regex.

    Only the subset the IBAN registry uses is supported (``n``, ``a``, ``c`` with or
    without ``!``); the result is meant for ``fullmatch`` on upper-cased text.
    """
    parts = []
    pos = 0
    for match in _SWIFT_PART.finditer(notation):
        if match.start() != pos:
            raise ValueError(f"unsupported SWIFT notation {notation!r}")
        size, fixed, kind = match.groups()
        parts.append(f"{_SWIFT_CLASS[kind]}{{{size}}}" if fixed else f"{_SWIFT_CLASS[kind]}{{1,{size}}}")
        pos = match.end()
    if pos != len(notation) or not parts:
        raise ValueError(f"unsupported SWIFT notation {notation!r}")
    return re.compile("".join(parts), re.ASCII)


def package_data(package: str, relative: str) -> Path | None:
    """A data file shipped inside ``package``, found without importing the package (or None).

    Importing python-stdnum or pycountry costs a fresh process tens of milliseconds
    (pydoc, ssl, importlib.metadata, ...) that reading one of their tables does not need.
    """
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(folder) / relative
        if path.is_file():
            return path
    return None
