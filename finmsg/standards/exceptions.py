"""Typed errors raised by the standards modules.

python-stdnum's exceptions say *that* a number is wrong but not *which* number,
in *which* standard, nor where it sat in a message. These classes keep
python-stdnum's four kinds (format, length, checksum, component) and add what
finmsg needs: they derive from :class:`finmsg.errors.ValidationError`, carry a
machine-readable ``code`` of the form ``standards.<standard>.<kind>`` (for example
``standards.iban.checksum``), the offending ``value`` and an optional ``path``, and
turn into a :class:`~finmsg.diagnostics.Diagnostic` with :meth:`to_diagnostic`.

>>> err = InvalidChecksum.for_standard("iban", "DE00", "the check digits do not match")
>>> err.code
'standards.iban.checksum'
>>> isinstance(err, InvalidIdentifier)
True
"""

from __future__ import annotations

from typing import TypeVar

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ValidationError

__all__ = [
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
]

_E = TypeVar("_E", bound="InvalidIdentifier")

#: Longest value text copied into a diagnostic, so junk input cannot bloat reports.
_MAX_ORIGINAL = 64


class InvalidIdentifier(ValidationError):
    """Common base: a value does not conform to an identifier or code-list standard."""

    default_code = "standards.invalid"
    #: Last part of the code (``standards.<standard>.<kind>``).
    kind = "invalid"

    @classmethod
    def for_standard(
        cls: type[_E], standard: str, value: object, message: str, *, path: str | None = None
    ) -> _E:
        """Build the error for ``standard`` (``bic``, ``iban``, ...) with a derived code."""
        return cls(message, code=f"standards.{standard}.{cls.kind}", path=path, value=value)

    def to_diagnostic(self, path: str | None = None, severity: Severity = Severity.ERROR) -> Diagnostic:
        """Report this error as data; ``path`` (the location in a message) overrides ``self.path``."""
        original = self.value if isinstance(self.value, str) else repr(self.value)
        if len(original) > _MAX_ORIGINAL:
            original = original[:_MAX_ORIGINAL] + "..."
        return Diagnostic(self.code, severity, self.message, path=path or self.path, original=original)


class InvalidFormat(InvalidIdentifier):
    """Characters or structure not allowed by the standard (wrong alphabet, misplaced parts)."""

    default_code = "standards.format"
    kind = "format"


class InvalidLength(InvalidFormat):
    """The value has a length the standard does not allow (a special kind of format error)."""

    default_code = "standards.length"
    kind = "length"


class InvalidChecksum(InvalidIdentifier):
    """The check digits do not match the rest of the value."""

    default_code = "standards.checksum"
    kind = "checksum"


class InvalidComponent(InvalidIdentifier):
    """A part refers to something that does not exist (unknown country, category, currency)."""

    default_code = "standards.component"
    kind = "component"
