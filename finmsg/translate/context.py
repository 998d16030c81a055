"""Per-translation state: the diagnostics, the charset changes and the options.

One :class:`Ctx` lives for one translation. Mapping code calls its small
helpers (:meth:`Ctx.truncated`, :meth:`Ctx.dropped`, :meth:`Ctx.defaulted`)
so that every finding names its rule, its source and target paths and the
original and emitted values in the same way. Character transliterations are
collected and reported once per message (:meth:`Ctx.finish`), listing every
changed character, instead of one diagnostic per character.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.common import Timestamp
from finmsg.translate.xmlfrag import clean_fragment

__all__ = ["Ctx", "line_path"]

#: How the ISO reader names a Document attribute of the XML Schema instance namespace.
_XSI_ATTRIBUTE = "/Document/@{http://www.w3.org/2001/XMLSchema-instance}"


def line_path(field_path: str, line: int) -> str:
    """Path of one line of an MT field: ``MT101:59[2]/line[3]`` is line 3 of the second 59.

    The MT engine's notation: ``[n]`` after a tag counts occurrences of the field,
    ``/line[n]`` counts lines inside one field, so a path never carries two
    bare indexes that could mean either.
    """
    return f"{field_path}/line[{line}]"


class Ctx:
    """Diagnostics sink plus options (``now``: the translation time, for reproducible output)."""

    __slots__ = ("changes", "diagnostics", "mt_prefix", "options", "stamp")

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options: Mapping[str, Any] = options or {}
        self.diagnostics: list[Diagnostic] = []
        self.changes: list[tuple[str, str, str, str]] = []
        #: ``MT103``-style prefix of MT paths in diagnostics (set by the pair that writes MT).
        self.mt_prefix = "MT"
        #: The translation time as a Timestamp, once computed (:func:`finmsg.translate.headers.timestamp`).
        self.stamp: Timestamp | None = None

    @property
    def now(self) -> datetime:
        given = self.options.get("now")
        if isinstance(given, datetime):
            return given
        return datetime.now(timezone.utc).replace(microsecond=0)

    def add(
        self,
        code: str,
        rule: str,
        message: str,
        source: str | None,
        target: str | None,
        original: str | None = None,
        emitted: str | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code,
                severity,
                message,
                path=source,
                target_path=target,
                rule=rule,
                original=original,
                emitted=emitted,
            )
        )

    def truncated(self, rule: str, source: str, target: str, original: str, emitted: str, what: str) -> None:
        self.add(
            "lossy.truncated",
            rule,
            f"{what} is too long for the target and was cut",
            source,
            target,
            original,
            emitted,
        )

    def dropped(self, rule: str, source: str, target: str | None, original: str, why: str) -> None:
        if source.startswith(_XSI_ATTRIBUTE):
            # xsi:schemaLocation tells an XML parser where a schema lives: no business value,
            # and a FIN message has no schema to point at. Said, but not as a loss (--strict).
            name = "xsi:" + source[len(_XSI_ATTRIBUTE) :]
            why = f"{name} is a schema-location hint for XML parsers; an MT message has no schema"
            self.info("envelope.replaced", "TR033", why, f"/Document/@{name}", None, original)
            return
        if original.startswith("<"):  # an element kept whole: shown as it reads in the message
            original = clean_fragment(original)
        self.add("lossy.dropped", rule, why, source, target, original)

    def defaulted(
        self, rule: str, source: str | None, target: str, emitted: str, why: str, original: str | None = None
    ) -> None:
        self.add("mapping.defaulted", rule, why, source, target, original, emitted, Severity.INFO)

    def info(
        self,
        code: str,
        rule: str,
        message: str,
        source: str | None,
        target: str | None,
        original: str | None = None,
        emitted: str | None = None,
    ) -> None:
        self.add(code, rule, message, source, target, original, emitted, Severity.INFO)

    def changed_chars(self, source: str, target: str, pairs: list[tuple[str, str]]) -> None:
        """Record transliterated characters of one value (reported together by :meth:`finish`)."""
        self.changes.extend((source, target, old, new) for old, new in pairs)

    def finish(self) -> list[Diagnostic]:
        """The diagnostics, with one ``charset.transliterated`` entry listing every changed character."""
        out = list(self.diagnostics)
        if self.changes:
            seen: dict[str, str] = {}
            sources: list[str] = []
            targets: list[str] = []
            for source, target, old, new in self.changes:
                seen.setdefault(old, new)
                if source not in sources:
                    sources.append(source)
                if target not in targets:
                    targets.append(target)
            listing = ", ".join(f"{old!r}->{new!r}" for old, new in seen.items())
            out.append(
                Diagnostic(
                    "charset.transliterated",
                    Severity.WARNING,
                    f"{len(self.changes)} character(s) outside the MT X set transliterated: {listing}",
                    path=" ".join(sources),
                    target_path=" ".join(targets),
                    rule="TR023",
                    original="".join(seen),
                    emitted="".join(seen.values()),
                )
            )
        return out
