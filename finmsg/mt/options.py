"""Parser options: every deliberate departure from strict FIN is a named, documented flag.

Each tolerance, when it is actually applied, is also reported as a diagnostic
(``mt.tolerance.<name>``) so that nothing is accepted silently. Setting a flag
to ``False`` turns the same situation into a :class:`~finmsg.errors.ParseError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from finmsg.errors import OptionError, bool_option, bounded_int_option
from finmsg.registry import OptionDetail, OptionSpec, declare_options

__all__ = ["CHARSET_POLICIES", "LENIENT", "OPTIONS", "ParseOptions"]


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
    ``allow_block_order``: accept the blocks of one message out of their order
    1, 2, 3, 4, 5 (``{1:}{3:}{2:}{4:}``, ``mt.tolerance.block_order``); off by
    default, when such a block is an ``mt.block.order`` error.
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
    allow_block_order: bool = False
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
                picked[f.name] = bounded_int_option(options, f.name, default, 1)
        return cls(**picked) if picked else _DEFAULT


_DEFAULT = ParseOptions()
#: Every tolerance switched on: for reading third-party samples and damaged archives.
LENIENT = ParseOptions(
    allow_trailing_text=True,
    allow_unclosed_last_block=True,
    allow_loose_block4_end=True,
    allow_block_order=True,
)


def check_options(options: Mapping[str, Any]) -> None:
    """Refuse an MT option value no message can use (the command line checks before reading).

    ``mt`` is the library's way to pass a whole :class:`ParseOptions`; text cannot be one.
    """
    given = options.get("mt")
    if given is not None and not isinstance(given, ParseOptions):
        raise OptionError(
            f"option mt takes a ParseOptions object (library use), not {given!r}",
            path="option mt",
            value=given,
        )
    ParseOptions.from_mapping({k: v for k, v in options.items() if k != "mt"})
    if "charset_policy" in options:
        from finmsg.mt.writer import _POLICIES

        policy = options["charset_policy"]
        if policy not in _POLICIES:
            raise OptionError(
                f"unknown charset_policy {policy!r}; one of: {', '.join(sorted(_POLICIES))}",
                code="mt.writer.option",
                path="option charset_policy",
                value=policy,
            )


#: What the writer does with a character a field's FIN set lacks (the same names as
#: ``finmsg.mt.writer``'s, listed here so that declaring them does not import the writer).
CHARSET_POLICIES = ("transliterate", "reject", "keep")
#: What each ParseOptions switch accepts, in the words of ``--help`` (the diagnostic it reports).
_SWITCH_HELP = {
    "allow_lf": "accept a bare LF line ending (mt.tolerance.lf; default true)",
    "allow_cr": "accept a bare CR line ending (mt.tolerance.cr; default true)",
    "allow_bom": "skip a leading byte order mark (mt.tolerance.bom; default true)",
    "allow_whitespace": "accept blanks around and between messages (mt.tolerance.whitespace; default true)",
    "allow_non_ascii": "decode bytes that are not ASCII (mt.tolerance.encoding; default true)",
    "allow_trailing_text": "ignore text after a message's last block (mt.tolerance.trailing_text)",
    "allow_unclosed_last_block": "accept a block 3, 5 or S left open at the end (mt.tolerance.unclosed)",
    "allow_loose_block4_end": "end a block 4 that lacks CRLF-} at -}, } or the end (mt.tolerance.block4_end)",
    "allow_block_order": "accept blocks out of their order 1-5 (mt.tolerance.block_order)",
}

#: The options the MT family understands: the parser tolerances and limit (splitting, reading and
#: validating), ``mt`` (a whole :class:`ParseOptions`, library only) and the writer's ``charset_policy``.
#: Their kinds and choices are declared (:class:`~finmsg.registry.OptionDetail`) so that ``--help``
#: lists what each takes, and a ``charset_policy`` outside its three values is refused before any
#: input is read, by the library too (the writer met it only after reading and translating).
OPTIONS = OptionSpec(
    read=frozenset({f.name for f in fields(ParseOptions)} | {"mt"}),
    write=frozenset({"charset_policy"}),
    check=check_options,
    details=(
        *(OptionDetail(name, text, kind="bool") for name, text in _SWITCH_HELP.items()),
        OptionDetail(
            "max_bytes", "refuse a larger input, in bytes (parse.limit; default 64 MiB)", kind="int"
        ),
        OptionDetail(
            "charset_policy",
            "a character outside the field's FIN character set: transliterate (default), reject or keep",
            choices=CHARSET_POLICIES,
        ),
    ),
)
declare_options("mt", OPTIONS)
