"""One exception hierarchy for everything finmsg raises.

Every error carries a machine-readable ``code``, the ``path`` inside the message
where it happened and the offending ``value``, so that callers (and the CLI) can
report *where* a message failed, not only *that* it failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finmsg.diagnostics import Diagnostic

__all__ = [
    "ConversionError",
    "EmptyInputError",
    "FinmsgError",
    "InputError",
    "LimitExceededError",
    "MultipleMessagesError",
    "OptionError",
    "ParseError",
    "UnknownFormatError",
    "UnreadableInputError",
    "ValidationError",
    "amount_error",
]


class FinmsgError(Exception):
    """Base class of every finmsg error."""

    default_code = "finmsg.error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        path: str | None = None,
        value: object = None,
        diagnostics: Sequence[Diagnostic] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.path = path
        self.value = value
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"[{self.code}]{where}: {self.message}"


class ParseError(FinmsgError):
    """The input cannot be read as the format it claims (or was detected) to be."""

    default_code = "parse.error"


class LimitExceededError(ParseError):
    """The input exceeds a configured size, depth or count limit (or looks like a bomb)."""

    default_code = "parse.limit"


class ValidationError(FinmsgError):
    """Raised by strict validation; carries the failing diagnostics."""

    default_code = "validation.error"


class ConversionError(FinmsgError):
    """A conversion failed, or was lossy while ``strict=True``."""

    default_code = "conversion.error"


class UnknownFormatError(FinmsgError):
    """No reader or writer is registered for the requested or detected format."""

    default_code = "format.unknown"


class InputError(ParseError):
    """What was passed cannot be used as input at all (wrong type, unreadable file, empty, several
    messages where one is expected), before any format is involved.

    A :class:`ParseError` so that code which caught ``ParseError`` around ``parse`` keeps working.
    """

    default_code = "input.error"


class UnreadableInputError(InputError, OSError):
    """The file given as a :class:`~pathlib.Path` cannot be read (missing, a folder, no permission).

    Also an :class:`OSError` (``errno``, ``strerror`` and ``filename`` copied from the cause),
    so that ``except OSError`` around file handling still catches it; ``path`` is the file.
    """

    default_code = "input.unreadable"


class EmptyInputError(InputError, UnknownFormatError):
    """The input holds nothing but whitespace.

    Also an :class:`UnknownFormatError`, which is what an empty input raised before it was named.
    """

    default_code = "input.empty"


class MultipleMessagesError(InputError):
    """A single-message call (``parse``, ``validate``, ``convert``) was given an input of several
    messages; ``value`` is how many. Raised only after the single read failed (no cost otherwise)."""

    default_code = "input.multiple"


class OptionError(FinmsgError):
    """A reader, writer or converter option has a value it cannot use (e.g. ``max_bytes=abc``)."""

    default_code = "option.invalid"


def amount_error(value: object, path: str | None = None) -> ConversionError:
    """The error of a writer given an amount it must not write: a Decimal NaN or Infinity, or a
    ``float`` (code ``write.amount``; ``path`` names where it is when the writer knows).

    Why refused and not written: ``NaN`` / ``Infinity`` is no amount in any format (ISO 20022
    wrote ``NaN``, an MT ``NaN,``), and a ``float`` is binary: ``0.1`` is not exact, and its
    text (``12.500000``) is not the amount's scale. One message for every writer.
    """
    if isinstance(value, float):
        why = f"a float is not an exact amount: pass a Decimal (Decimal({str(value)!r}))"
    elif isinstance(value, Decimal):
        why = "it is not a finite number"
    else:
        why = f"a {type(value).__name__} is not an amount: pass a Decimal"
    return ConversionError(
        f"the amount {value!r} cannot be written: {why}", code="write.amount", path=path, value=value
    )


def int_option(options: Mapping[str, Any], name: str, default: int) -> int:
    """Option ``name`` as an int (options from the CLI arrive as text), or :class:`OptionError`."""
    raw = options.get(name, default)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise OptionError(
            f"option {name} must be a whole number, not {raw!r}", path=f"option {name}", value=raw
        ) from None


def bounded_int_option(
    options: Mapping[str, Any], name: str, default: int, low: int = 1, high: int | None = None
) -> int:
    """Option ``name`` as an int from ``low`` to ``high`` (no upper bound when None), or :class:`OptionError`.

    Why: a size or depth limit of ``-5`` or ``0`` parses as a number, yet makes every input
    "too large"; the caller's mistake must be named once, not blamed on each message.
    """
    value = int_option(options, name, default)
    if value < low or (high is not None and value > high):
        accepted = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raw = options.get(name, default)
        raise OptionError(
            f"option {name} must be a whole number {accepted}, not {raw!r}", path=f"option {name}", value=raw
        )
    return value


_TRUE = frozenset({"1", "true", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "no", "n", "off", ""})


def bool_option(options: Mapping[str, Any], name: str, default: bool = False) -> bool:
    """Option ``name`` as a bool, or :class:`OptionError`.

    Why not ``bool(options.get(name))``: options from the CLI arrive as text, and the
    text ``"false"`` is truthy. ``true/yes/y/on/1`` and ``false/no/n/off/0`` are
    accepted in any case, as are real booleans, and ``None`` means the default;
    anything else is refused.
    """
    raw = options.get(name, default)
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise OptionError(f"option {name} must be true or false, not {raw!r}", path=f"option {name}", value=raw)
