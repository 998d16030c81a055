"""The error for an MT field being translated that does not match its format: it says what is wrong.

Why: the MT → MX readers take their values from the components of a field (``62F`` →
mark, date, currency, amount). When a field does not match its format the translation
cannot go on; the error it raises is what a batch quarantine records and what a library
caller sees, so it carries the finding ``finmsg validate`` would give (which subfield, which
character, what the format expects) instead of "62F does not match its format", and the
finding itself as its diagnostic. Only the failure path pays for the explanation.
"""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.mt.fields import mismatch

__all__ = ["format_error"]


def format_error(tag: str, value: str, path: str) -> ConversionError:
    """The ``translate.value`` error for a ``value`` of ``tag`` (at ``path``) that fails its format."""
    finding = mismatch(tag, value, path)
    return ConversionError(
        finding.message, code="translate.value", path=path, value=value, diagnostics=(finding,)
    )
