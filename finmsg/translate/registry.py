"""Translation pairs, discovered from :mod:`finmsg.translate.pairs` (no central list to edit).

A :class:`Pair` says which source messages it takes, which target names it
answers to, and how to run. :func:`run` picks the first pair (by priority)
that accepts both the message and the target.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.translate.context import Ctx

__all__ = ["Pair", "Target", "pairs", "parse_target", "run"]

_AUTO_MX = frozenset({"iso20022", "mx", "xml", "iso"})
_AUTO_MT = frozenset({"mt", "fin", "swift", "swift-mt"})
_MX = re.compile(r"([a-z]{4}\.\d{3})(\.\d{3}\.\d{2})?\Z")
_MT = re.compile(r"mt(\d{3})(stp|cov|remit)?\Z")


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target name: family (``mt``/``iso20022``), the message (``pacs.008``, ``103``) or None
    for automatic choice, the exact version (``pacs.008.001.08``) and the MT variant (``STP``)."""

    family: str
    message: str | None = None
    version: str | None = None
    variant: str | None = None


@cache
def parse_target(target: str) -> Target:
    """The target name parsed (cached: a handful of names are used over and over)."""
    name = target.strip().lower()
    if name in _AUTO_MX:
        return Target("iso20022")
    if name in _AUTO_MT:
        return Target("mt")
    if name == "fix":  # trade/settlement messages go back to FIX (allocation instructions)
        return Target("fix", "fix")
    m = _MX.match(name)
    if m:
        return Target("iso20022", m.group(1), name if m.group(2) else None)
    m = _MT.match(name)
    if m:
        return Target("mt", m.group(1), None, m.group(2).upper() if m.group(2) else None)
    raise ConversionError(f"{target!r} is not a translation target", code="translate.target", value=target)


@dataclass(frozen=True, slots=True)
class Pair:
    """One direction of a message pair.

    ``accepts(message)`` says whether this pair handles the source message;
    ``produces`` lists the target messages (``pacs.008``, ``103``...) it can
    emit; ``convert(message, target, ctx)`` does the work.
    """

    name: str
    source_family: str
    accepts: Callable[[Message], bool]
    produces: tuple[str, ...]
    convert: Callable[[Message, Target, Ctx], Message]
    priority: int = 100
    #: Report the header values the target's own header replaces (TR033); pairs with an envelope
    #: mapping of their own (trade/settlement) say False.
    envelope: bool = True


@cache
def pairs() -> tuple[Pair, ...]:
    import finmsg.translate.pairs as package

    found: list[Pair] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(getattr(module, "PAIRS", ()))
    return tuple(sorted(found, key=lambda p: (p.priority, p.name)))


@cache
def _pairs_from(family: str) -> tuple[Pair, ...]:
    """The pairs whose source is ``family`` (``mt``/``iso20022``), in priority order."""
    return tuple(pair for pair in pairs() if pair.source_family == family)


#: (source family, target message or None) → the pairs that can produce it, in priority order.
_CANDIDATES: dict[tuple[str, str | None], tuple[Pair, ...]] = {}


def _candidates(family: str, message: str | None) -> tuple[Pair, ...]:
    """The pairs from ``family`` that produce ``message`` (all of them for an automatic choice):
    the target check is done once per target name, not for every pair of every message."""
    key = (family, message)
    found = _CANDIDATES.get(key)
    if found is None:
        found = _CANDIDATES[key] = tuple(
            pair for pair in _pairs_from(family) if message is None or message in pair.produces
        )
    return found


def run(
    message: Message,
    target: str,
    options: Mapping[str, Any],
    before: Callable[[Message], None] | None = None,
) -> Result[Message]:
    """Translate with the first pair that takes ``message`` to ``target``; ``before`` (a refusal
    such as the repeated-field guard) runs once a pair is found, so an unsupported target is
    named as such first."""
    wanted = parse_target(target)
    if wanted.family == message.family:
        raise ConversionError(
            f"{message.message_type} is already a {message.family} message",
            code="translate.same-family",
            value=target,
        )
    for pair in _candidates(message.family, wanted.message):
        if not pair.accepts(message):
            continue
        if before is not None:
            before(message)
        ctx = Ctx(options)
        value = pair.convert(message, wanted, ctx)
        if pair.envelope:
            _report_envelope(ctx, message, value)
        return Result(value, ctx.finish())
    # say what this message does translate to (an MT103 with 72 /REJT/ is a pacs.002, not a pacs.008)
    offered = sorted(
        {name for pair in _pairs_from(message.family) if pair.accepts(message) for name in pair.produces}
    )
    hint = f"; this message translates to: {', '.join(offered)}" if offered else ""
    raise ConversionError(
        f"no translation from {message.family} {message.message_type} to {target}{hint}",
        code="translate.unsupported",
        value=target,
    )


#: (MtMessage, report_mx_envelope, report_mt_envelope), imported on the first translation: an
#: import statement run for every message costs more than the report itself.
_ENVELOPE: tuple[Any, Any, Any] | None = None


def _report_envelope(ctx: Ctx, source: Message, produced: Message) -> None:
    """Every pair gets the same envelope report: what one family's header holds and the other's
    replaces is named once, here, instead of in each pair (TR033, TR034)."""
    global _ENVELOPE
    found = _ENVELOPE
    if found is None:
        from finmsg.mt.message import MtMessage
        from finmsg.translate.headers import report_mt_envelope, report_mx_envelope

        found = _ENVELOPE = (MtMessage, report_mx_envelope, report_mt_envelope)
    mt_type, from_mx, from_mt = found
    if isinstance(produced, mt_type):
        from_mx(ctx, source, produced)
    elif isinstance(source, mt_type):
        from_mt(ctx, source, produced)
