"""Parser options: every deliberate departure from strict FIN is a named, documented flag.

Each tolerance, when it is actually applied, is also reported as a diagnostic
(``mt.tolerance.<name>``) so that nothing is accepted silently. Setting a flag
to ``False`` turns the same situation into a :class:`~finmsg.errors.ParseError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from finmsg.errors import bool_option, int_option

__all__ = ["LENIENT", "ParseOptions"]


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How lenient the FIN parser is.

    ``allow_lf``: accept a bare LF (Unix) line ending where FIN requires CRLF
    (``mt.tolerance.lf``). ``allow_cr``: accept a bare CR (``mt.tolerance.cr``).
    ``allow_bom``: skip a leading byte-order mark (``mt.tolerance.bom``).
    ``allow_whitespace``: accept whitespace before, between or after messages
    (``mt.tolerance.whitespace``). ``allow_non_ascii``: decode bytes that are
    not ASCII as UTF-8 (or Latin-1 when not UTF-8) instead of failing
    (``mt.tolerance.encoding``); the charset layer still reports them.
    ``allow_trailing_text``: ignore text that follows the last block of a
    message which has a block 4 (``mt.tolerance.trailing_text``, the text is
    kept in the diagnostic); off by default. ``allow_unclosed_last_block``:
    accept a tagged block (3, 5, S) left open at the very end of the input
    (``mt.tolerance.unclosed``); off by default. ``allow_loose_block4_end``:
    end a block 4 that lacks ``CRLF-}`` at the first ``-}``, ``}`` or the end
    of the input (``mt.tolerance.block4_end``); off by default.
    ``max_bytes``: refuse larger inputs with a ``LimitExceededError``.
    """

    allow_lf: bool = True
    allow_cr: bool = True
    allow_bom: bool = True
    allow_whitespace: bool = True
    allow_non_ascii: bool = True
    allow_trailing_text: bool = False
    allow_unclosed_last_block: bool = False
    allow_loose_block4_end: bool = False
    max_bytes: int = 64 * 1024 * 1024

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any] | None) -> ParseOptions:
        """Build from a generic options mapping (the registry's), ignoring unrelated keys."""
        if not options:
            return _DEFAULT
        given = options.get("mt")
        if isinstance(given, ParseOptions):
            return given
        picked: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in options:
                continue
            # CLI options arrive as text, and the text "false" is truthy: read each one by type
            # so that "-o allow_lf=false" means False and "-o max_bytes=abc" is an OptionError.
            default = getattr(_DEFAULT, f.name)
            if isinstance(default, bool):
                picked[f.name] = bool_option(options, f.name, default)
            else:
                picked[f.name] = int_option(options, f.name, default)
        return cls(**picked) if picked else _DEFAULT


_DEFAULT = ParseOptions()
#: Every tolerance switched on: for reading third-party samples and damaged archives.
LENIENT = ParseOptions(allow_trailing_text=True, allow_unclosed_last_block=True, allow_loose_block4_end=True)
