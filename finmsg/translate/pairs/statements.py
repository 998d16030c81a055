"""MT940 / MT950 ↔ camt.053 and MT941 / MT942 ↔ camt.052 (statement pairs, both directions)."""

from __future__ import annotations

from collections.abc import Callable

from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.statements import Statement
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

_DEFAULTS = {"053": "camt.053.001.08", "052": "camt.052.001.08"}


def _mt_of(numbers: tuple[str, ...]) -> Callable[[Message], bool]:
    def accepts(message: Message) -> bool:
        return isinstance(message, MtMessage) and message.mt_number in numbers

    return accepts


def _to_camt(default: str) -> Callable[[Message, Target, Ctx], Message]:
    def convert(message: Message, target: Target, ctx: Ctx) -> Message:
        from finmsg.translate.stmt_in import statement_from_mt

        assert isinstance(message, MtMessage)
        version = target.version or default
        if version[:8] != default[:8]:
            raise ConversionError(
                f"MT{message.mt_number} translates to {default[:8]}", code="translate.unsupported"
            )
        return statement_from_mt(message, ctx, version)

    return convert


def _camt_of(family: str) -> Callable[[Message], bool]:
    def accepts(message: Message) -> bool:
        return isinstance(message, Statement) and message.message_type.startswith(family)

    return accepts


def _to_mt(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.stmt_out import mt_from_statement

    assert isinstance(message, Statement)
    return mt_from_statement(message, ctx, target.message)


def _to_mt94x(message: Message, target: Target, ctx: Ctx) -> Message:
    """camt.052 has its own writer (MT942 / MT941, part 5): :mod:`finmsg.translate.report_out`."""
    from finmsg.translate.report_out import mt_from_report

    assert isinstance(message, Statement)
    return mt_from_report(message, ctx, target.message)


PAIRS = (
    Pair("mt940-camt053", "mt", _mt_of(("940", "950")), ("camt.053",), _to_camt(_DEFAULTS["053"])),
    Pair("mt942-camt052", "mt", _mt_of(("941", "942")), ("camt.052",), _to_camt(_DEFAULTS["052"])),
    Pair("camt053-mt940", "iso20022", _camt_of("camt.053"), ("940", "950"), _to_mt),
    Pair("camt052-mt942", "iso20022", _camt_of("camt.052"), ("941", "942"), _to_mt94x),
)
