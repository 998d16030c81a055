"""One settlement instruction per allocation of a FIX AllocationInstruction, for ``convert_all``.

Why here and not in :mod:`finmsg.translate.split`: that splitter cuts an ISO 20022 message into
smaller messages of the same kind, each translated alone. The allocations of a J cannot be cut
that way: an allocation's instruction takes its reference from IndividualAllocID (or
``<AllocID>-<n>``), links the block's AllocID, and does not repeat the block's amounts, so a J
of one allocation is not the same thing. The settlement mapping already knows how to give one
instruction per allocation (:func:`finmsg.settlement.fix_in.trades_from_fix`); this module runs it
for the targets an instruction is written as (MT540-543, sese.023), each allocation with its own
diagnostics, so :func:`finmsg.convert_all` and the batch write one output per allocation.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ConversionError, FinmsgError, OptionError
from finmsg.model.base import Message
from finmsg.model.trading import AllocationInstruction
from finmsg.settlement.build import build_instruction
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import Trade, trades_from_fix
from finmsg.settlement.ssi import SsiTable, load_ssi

__all__ = ["allocation_results"]

_SESE023 = "sese.023.001.12"
_INSTRUCTION_MT = frozenset({"540", "541", "542", "543"})


def _instruction_target(target: str) -> str | None:
    """``mt`` (the MT54x by side and payment), ``54n`` or ``sese.023``; ``None`` for another target."""
    name = target.strip().lower()
    if name == "mt" or (name.startswith("mt") and name[2:] in _INSTRUCTION_MT):
        return name[2:] or "mt"
    if name.startswith("sese.023") or name in ("mx", "iso20022"):
        return "sese.023"
    return None


def _ssi(options: Mapping[str, Any]) -> SsiTable | None:
    given = options.get("ssi")
    if isinstance(given, (str, Path)):
        return load_ssi(Path(given))
    return given if isinstance(given, SsiTable) else None


def allocation_results(
    message: Message, target: str, options: Mapping[str, Any]
) -> list[Result[Message | None]] | None:
    """One result per allocation of a J with several, written as an instruction (MT540-543 or
    sese.023); ``None`` for any other message or target (converted as one message).

    A result whose allocation cannot be converted has no value (``None``) and the error, so its
    neighbours are still written. The findings about the block (fields no target carries) are
    repeated in every result: each output lacks them.
    """
    if not isinstance(message, AllocationInstruction) or len(message.allocations) < 2:
        return None
    wanted = _instruction_target(target)
    if wanted is None or message.family != "fix":
        return None
    block = Ctx()
    trades = trades_from_fix(message, block)
    common = block.finish()
    ssi = _ssi(options)
    now = options.get("now")
    out: list[Result[Message | None]] = []
    for n, trade in enumerate(trades, 1):
        ctx = Ctx()
        try:
            value = _convert(trade, ctx, ssi, wanted, now)
        except OptionError:
            raise
        except FinmsgError as exc:
            failed = Diagnostic(
                exc.code,
                Severity.ERROR,
                f"allocation {n} was not converted: {exc.message}",
                path=exc.path or f"FIX:78[{n}]",
            )
            out.append(Result(None, [*common, *ctx.finish(), failed]))
            continue
        out.append(Result(value, [*common, *ctx.finish()]))
    return out


def _convert(trade: Trade, ctx: Ctx, ssi: SsiTable | None, wanted: str, now: Any) -> Message:
    """The instruction of one allocation, as :func:`finmsg.settlement.convert_settlement` writes
    the instruction of a one-allocation J (same checks, headers and findings)."""
    from finmsg.settlement import settlement_to_mt, settlement_to_mx

    if wanted == "sese.023":
        model = build_instruction(trade, ctx, ssi, message_type=_SESE023)
        mx = settlement_to_mx(model, _SESE023, app_header=True, now=now)
        ctx.diagnostics.extend(mx.diagnostics)
        return mx.value
    model = build_instruction(trade, ctx, ssi)
    if wanted != "mt" and model.mt_type != wanted:
        raise ConversionError(
            f"this allocation settles as MT{model.mt_type}, not MT{wanted}",
            code="settlement.target",
            value=f"mt{wanted}",
        )
    mt = settlement_to_mt(model)
    ctx.diagnostics.extend(mt.diagnostics)
    return mt.value
