"""Diagnostics are data: every reader, validator and writer returns them.

A :class:`Diagnostic` says what happened (``code``), how bad it is
(``severity``), where (``path`` in the source, ``target_path`` in the output),
which mapping or network ``rule`` produced it, and the original and emitted
values. They serialise to plain JSON so that batch tools and CI can consume them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from finmsg.model.fastinit import speed_up_inits

__all__ = ["LOSSY_CODES", "Diagnostic", "Result", "Severity", "has_errors", "is_lossy", "refused_by_strict"]

T = TypeVar("T")


class Severity(str, Enum):
    """How serious a diagnostic is. ``ERROR`` makes a message invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Codes (or code prefixes) that mean information was changed or lost in a conversion.
LOSSY_CODES = ("lossy.", "version.dropped", "mapping.defaulted", "charset.transliterated")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about a message. Immutable and JSON-serialisable via :meth:`to_dict`."""

    code: str
    severity: Severity
    message: str
    path: str | None = None
    target_path: str | None = None
    rule: str | None = None
    original: str | None = None
    emitted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output; ``None`` members are left out except ``path``."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }
        for name in ("target_path", "rule", "original", "emitted"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity.value} {self.code}{where}: {self.message}"


def is_lossy(diag: Diagnostic) -> bool:
    """True when the diagnostic reports changed or dropped information."""
    return diag.code.startswith(LOSSY_CODES)


def refused_by_strict(diag: Diagnostic) -> bool:
    """True for a finding that ``strict`` refuses: a lossy code (:func:`finmsg.diagnostics.is_lossy`)
    reported as a warning or an error. An *info* default (``mapping.defaulted``: "no
    SettlDeliveryType (172): against payment assumed") says how a gap was filled by a documented
    rule; nothing of the input was lost, so it must not refuse an otherwise faithful conversion.
    The batch (:mod:`finmsg.batch.verdicts`) selects with this same rule, and counts
    a converted message "with lossy findings" by it."""
    return diag.severity is not Severity.INFO and is_lossy(diag)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


@dataclass(slots=True)
class Result(Generic[T]):
    """A value together with the diagnostics produced while computing it."""

    value: T
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no diagnostic has severity ``error``."""
        return not has_errors(self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def __iter__(self) -> Iterator[Any]:
        """Allow ``value, diags = result``."""
        yield self.value
        yield self.diagnostics


# A message can carry dozens of diagnostics; the model's fast constructor halves their cost.
speed_up_inits(__name__)
