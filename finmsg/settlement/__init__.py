"""Trade to settlement: FIX executions/allocations -> MT515/518/54x, sese.023/sese.025 and setr.027, and back.

Every function returns a :class:`~finmsg.diagnostics.Result` whose diagnostics
name an ``SE...`` rule (:mod:`finmsg.settlement.rules`) for each default, loss
or SSI decision. ISO outputs are :class:`SettlementInstruction` models with an
ISO ``message_type``; serialise them with ``finmsg.write(model, "sese.023")``.

>>> from finmsg.settlement import fix_to_mt54x, load_ssi  # doctest: +SKIP
>>> fix_to_mt54x(execution_report, ssi=load_ssi("ssi.json")).value.message_type  # doctest: +SKIP
'541'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from finmsg.diagnostics import Result
from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.model.confirmation import SETR027, TradeConfirmation
from finmsg.model.settlement import (
    INSTRUCTION,
    SETTLEMENT_CONFIRMATION,
    TRADE_CONFIRMATION,
    SettlementInstruction,
)
from finmsg.model.trading import AllocationInstruction, ExecutionReport, TradingMessage
from finmsg.mt.message import MtMessage
from finmsg.settlement.aggregate import group_fills
from finmsg.settlement.bah import app_header as _app_header
from finmsg.settlement.bah import routed
from finmsg.settlement.build import build_instruction
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import trade_from_fix, trades_from_fix
from finmsg.settlement.fix_out import to_fix_allocation
from finmsg.settlement.mt_in import SUPPORTED_MT, from_mt
from finmsg.settlement.mt_out import to_mt
from finmsg.settlement.setr_in import from_setr027
from finmsg.settlement.setr_out import now_ctx, to_setr027, trade_confirmation_kind
from finmsg.settlement.ssi import SsiTable, load_ssi, parse_ssi

__all__ = [
    "SEC_MT_TYPES",
    "aggregate_fills",
    "convert_settlement",
    "fix_to_mt54x",
    "fix_to_mt54x_all",
    "fix_to_mt515",
    "fix_to_mt518",
    "fix_to_sese023",
    "fix_to_sese023_all",
    "fix_to_setr027",
    "fix_to_settlement",
    "load_ssi",
    "mt54x_to_sese023",
    "mt54x_to_sese025",
    "mt515_to_setr027",
    "mt_to_settlement",
    "parse_ssi",
    "sese023_to_mt54x",
    "sese025_to_mt54x",
    "setr027_to_mt515",
    "settlement_to_fix",
    "settlement_to_mt",
    "settlement_to_mx",
    "settlement_to_setr027",
]

SEC_MT_TYPES = SUPPORTED_MT
_SESE023, _SESE025 = "sese.023.001.12", "sese.025.001.12"


def _ctx(options: dict[str, Any]) -> Ctx:
    return Ctx({k: v for k, v in options.items() if k == "now"})


def fix_to_settlement(
    message: TradingMessage,
    *,
    ssi: SsiTable | None = None,
    kind: str = INSTRUCTION,
    message_type: str = _SESE023,
    sender: str | None = None,
    receiver: str | None = None,
) -> Result[SettlementInstruction]:
    """The settlement model of one FIX ExecutionReport, Confirmation or single-allocation J."""
    ctx = Ctx()
    trade = trade_from_fix(message, ctx)
    value = build_instruction(
        trade, ctx, ssi, kind=kind, message_type=message_type, sender=sender, receiver=receiver
    )
    return Result(value, ctx.finish())


def _all(message: TradingMessage, ssi: SsiTable | None, **kw: Any) -> Result[list[SettlementInstruction]]:
    ctx = Ctx()
    values = [build_instruction(t, ctx, ssi, **kw) for t in trades_from_fix(message, ctx)]
    return Result(values, ctx.finish())


def aggregate_fills(
    reports: Sequence[ExecutionReport],
    *,
    key: str | Callable[[ExecutionReport], str | None] = "order",
    ssi: SsiTable | None = None,
    message_type: str = _SESE023,
    sender: str | None = None,
    receiver: str | None = None,
) -> Result[list[SettlementInstruction]]:
    """Partial fills grouped by order (or ``key``) into one settlement each (rule SE012)."""
    ctx = Ctx()
    trades = group_fills(reports, ctx, key)
    values = [
        build_instruction(t, ctx, ssi, message_type=message_type, sender=sender, receiver=receiver)
        for t in trades
    ]
    return Result(values, ctx.finish())


def settlement_to_mt(model: SettlementInstruction, mt: str | None = None) -> Result[MtMessage]:
    """MT540–547 (by direction, payment and kind) or MT515/518 (``mt="515"``) for a model."""
    ctx = Ctx()
    ctx.mt_prefix = f"MT{mt or model.mt_type}"
    return Result(to_mt(model, ctx, mt), ctx.finish())


def settlement_to_mx(
    model: SettlementInstruction,
    family: str | None = None,
    *,
    app_header: bool = False,
    now: datetime | None = None,
) -> Result[SettlementInstruction]:
    """The same model retargeted to sese.023 (instruction), sese.025 (settlement confirmation)
    or setr.027 (trade confirmation).

    With ``app_header=True`` the sender/receiver BICs become a head.001 business
    application header written with the Document (SE021) instead of being reported
    as dropped (SE019). setr.027 always gets one when both BICs are known.
    """
    from dataclasses import replace

    if model.kind == TRADE_CONFIRMATION and family is not None and not family.startswith("setr."):
        raise ConversionError(
            f"a trade confirmation maps to setr.027, not {family}", code="settlement.target", value=family
        )
    if model.kind == TRADE_CONFIRMATION or (family or "").startswith("setr."):
        conf = settlement_to_setr027(model, now=now)
        return Result[SettlementInstruction](conf.value, conf.diagnostics)
    ctx = now_ctx(now)
    version = family or (_SESE025 if model.kind == SETTLEMENT_CONFIRMATION else _SESE023)
    version = {"sese.023": _SESE023, "sese.025": _SESE025}.get(version, version)
    kind = SETTLEMENT_CONFIRMATION if version.startswith("sese.025") else INSTRUCTION
    if kind != model.kind:
        raise ConversionError(
            f"a {model.kind} cannot become {version}", code="settlement.target", value=version
        )
    _new_only(model, version)
    header = _app_header(ctx, model, version) if app_header else None
    if header is None:
        _routing_note(ctx, model, version)
    kept = tuple(e for e in model.extras if e.source == "iso20022")
    for extra in model.extras:
        if extra.source != "iso20022":
            ctx.dropped("SE016", extra.path, version, extra.content, "no ISO 20022 element for this field")
    if app_header:
        value: SettlementInstruction = routed(
            model, header, message_type=version, family="iso20022", extras=kept
        )
    else:
        value = replace(model, message_type=version, family="iso20022", extras=kept)
    return Result(value, ctx.finish())


def _new_only(model: SettlementInstruction, version: str) -> None:
    """sese.023 / sese.025 have no function: a cancellation (23G:CANC) or any function other
    than NEWM would be written as a new instruction or confirmation, so it is refused."""
    function = model.function.split("/")[0]
    if function != "NEWM":
        raise ConversionError(
            f"the message's function is {model.function} (23G), not NEWM: {version} carries new "
            "instructions and confirmations only (a cancellation is a separate ISO 20022 message, "
            "sese.020 SecuritiesTransactionCancellationRequest for an instruction, which finmsg "
            "does not write)",
            code="settlement.function",
            path=":23G:",
            value=model.function,
        )


def settlement_to_setr027(
    model: SettlementInstruction, *, now: datetime | None = None
) -> Result[TradeConfirmation]:
    """A trade-confirmation model (from FIX, MT515/518) as setr.027, with its AppHdr (SE020-SE023)."""
    trade_confirmation_kind(model)
    ctx = now_ctx(now)
    return Result(to_setr027(ctx, model), ctx.finish())


def _routing_note(ctx: Ctx, model: SettlementInstruction, version: str) -> None:
    if (model.sender or model.receiver) and getattr(model, "header", None) is None:
        ctx.dropped(
            "SE019",
            "sender/receiver",
            "/AppHdr",
            f"{model.sender}/{model.receiver}",
            f"{version} is written without a business application header: the routing BICs are not carried",
        )


def mt_to_settlement(message: MtMessage) -> Result[SettlementInstruction]:
    """Read an MT515/518/540–547 into the settlement model."""
    ctx = Ctx()
    return Result(from_mt(message, ctx), ctx.finish())


def _chain(first: Result[Any], step: Callable[[Any], Result[Any]]) -> Result[Any]:
    second = step(first.value)
    return Result(second.value, [*first.diagnostics, *second.diagnostics])


def fix_to_mt54x(message: TradingMessage, *, ssi: SsiTable | None = None, **kw: Any) -> Result[MtMessage]:
    """FIX (8, J with one allocation, AK) -> MT540/541/542/543 by side and payment indicator."""
    return _chain(fix_to_settlement(message, ssi=ssi, **kw), settlement_to_mt)


def fix_to_mt54x_all(
    message: TradingMessage, *, ssi: SsiTable | None = None, **kw: Any
) -> Result[list[MtMessage]]:
    """One MT54x per allocation of an AllocationInstruction (or the single one of 8/AK)."""
    models = _all(message, ssi, **kw)
    out, diags = [], list(models.diagnostics)
    for model in models.value:
        result = settlement_to_mt(model)
        out.append(result.value)
        diags += result.diagnostics
    return Result(out, diags)


def fix_to_mt515(message: TradingMessage, *, ssi: SsiTable | None = None, **kw: Any) -> Result[MtMessage]:
    """FIX execution or confirmation -> MT515 client confirmation."""
    first = fix_to_settlement(message, ssi=ssi, kind=TRADE_CONFIRMATION, **kw)
    return _chain(first, lambda m: settlement_to_mt(m, "515"))


def fix_to_mt518(message: TradingMessage, *, ssi: SsiTable | None = None, **kw: Any) -> Result[MtMessage]:
    """FIX execution or confirmation -> MT518 market-side trade confirmation."""
    first = fix_to_settlement(message, ssi=ssi, kind=TRADE_CONFIRMATION, **kw)
    return _chain(first, lambda m: settlement_to_mt(m, "518"))


def fix_to_sese023(
    message: TradingMessage,
    *,
    ssi: SsiTable | None = None,
    app_header: bool = False,
    now: datetime | None = None,
    **kw: Any,
) -> Result[SettlementInstruction]:
    """FIX -> sese.023 model (write it with ``finmsg.write(model, "sese.023")``).

    ``app_header=True`` carries the routing BICs in a head.001 AppHdr (SE021).
    """
    result = fix_to_settlement(message, ssi=ssi, **kw)
    _new_only(result.value, _SESE023)  # a FIX cancel (ExecType H) is a sese.020, not a sese.023
    ctx = now_ctx(now)
    value = result.value
    header = _app_header(ctx, value, _SESE023) if app_header else None
    if header is None:
        _routing_note(ctx, value, _SESE023)
    else:
        value = routed(value, header)
    for extra in value.extras:  # the rate of a settlement amount in another currency (finmsg.settlement.fx)
        why = "SettlCurrFxRate (155): the sese.023 writer does not fill SttlmAmt/FXDtls"
        ctx.dropped("SE016", "FIX:155", f"{_SESE023}/SttlmAmt/FXDtls", extra.content, why)
    return Result(value, [*result.diagnostics, *ctx.finish()])


def fix_to_setr027(
    message: TradingMessage,
    *,
    ssi: SsiTable | None = None,
    sender: str | None = None,
    receiver: str | None = None,
    now: datetime | None = None,
) -> Result[TradeConfirmation]:
    """FIX ExecutionReport (8) or Confirmation (AK) -> setr.027 trade confirmation (SE020-SE023).

    Write it with ``finmsg.write(model, "setr.027")``; with both routing BICs known
    (options or SSI) the output carries a head.001 AppHdr.
    """
    first = fix_to_settlement(
        message, ssi=ssi, kind=TRADE_CONFIRMATION, message_type=SETR027, sender=sender, receiver=receiver
    )
    _new_only(first.value, SETR027)
    ctx = now_ctx(now)
    value = to_setr027(ctx, first.value, message)
    return Result(value, [*first.diagnostics, *ctx.finish()])


def mt515_to_setr027(message: MtMessage, *, now: datetime | None = None) -> Result[TradeConfirmation]:
    """MT515 (or MT518) -> setr.027; the FIN blocks 1/2 become the AppHdr Fr/To (SE021)."""
    if message.mt_number not in ("515", "518"):
        raise ConversionError(f"MT{message.mt_number} is not an MT515/518", code="settlement.unsupported")
    return _chain(mt_to_settlement(message), lambda m: settlement_to_setr027(m, now=now))


def setr027_to_mt515(model: TradeConfirmation, mt: str = "515") -> Result[MtMessage]:
    """setr.027 -> MT515 (client confirmation) or MT518 (``mt="518"``); AppHdr Fr/To become blocks 1/2."""
    if mt not in ("515", "518"):
        raise ConversionError(f"setr.027 maps to MT515/518, not MT{mt}", code="settlement.target", value=mt)
    ctx = Ctx()
    ctx.mt_prefix = f"MT{mt}"
    return Result(from_setr027(ctx, model, mt), ctx.finish())


def fix_to_sese023_all(
    message: TradingMessage, *, ssi: SsiTable | None = None, **kw: Any
) -> Result[list[SettlementInstruction]]:
    """One sese.023 per allocation."""
    return _all(message, ssi, **kw)


def mt54x_to_sese023(
    message: MtMessage, *, app_header: bool = False, now: datetime | None = None
) -> Result[SettlementInstruction]:
    """MT540–MT543 -> sese.023 (``app_header=True``: blocks 1/2 become the AppHdr, SE021)."""
    if message.mt_number not in ("540", "541", "542", "543"):
        raise ConversionError(f"MT{message.mt_number} is not an MT540-543", code="settlement.unsupported")
    return _chain(
        mt_to_settlement(message), lambda m: settlement_to_mx(m, _SESE023, app_header=app_header, now=now)
    )


def mt54x_to_sese025(
    message: MtMessage, *, app_header: bool = False, now: datetime | None = None
) -> Result[SettlementInstruction]:
    """MT544–MT547 -> sese.025 (``app_header=True``: blocks 1/2 become the AppHdr, SE021)."""
    if message.mt_number not in ("544", "545", "546", "547"):
        raise ConversionError(f"MT{message.mt_number} is not an MT544-547", code="settlement.unsupported")
    return _chain(
        mt_to_settlement(message), lambda m: settlement_to_mx(m, _SESE025, app_header=app_header, now=now)
    )


def sese023_to_mt54x(model: SettlementInstruction) -> Result[MtMessage]:
    """sese.023 -> MT540–MT543."""
    return settlement_to_mt(model)


def sese025_to_mt54x(model: SettlementInstruction) -> Result[MtMessage]:
    """sese.025 -> MT544–MT547."""
    return settlement_to_mt(model)


def settlement_to_fix(model: SettlementInstruction) -> Result[AllocationInstruction]:
    """sese.023 / MT54x -> the FIX AllocationInstruction with SettlInstructions (SE018)."""
    ctx = Ctx()
    return Result(to_fix_allocation(model, ctx), ctx.finish())


def convert_settlement(
    message: Message,
    target: str,
    ssi: SsiTable | None = None,
    *,
    app_header: bool = True,
    now: datetime | None = None,
) -> Result[Message]:
    """The ``finmsg.translate`` hook: any settlement-capable message to ``mt541``, ``mt515``,
    ``sese.023``, ``sese.025``, ``setr.027`` or ``fix`` (see the report for the wiring).

    ISO targets carry the routing BICs in a head.001 AppHdr (SE021) unless
    ``app_header=False``.
    """
    name = target.strip().lower()
    mt = name[2:] if name.startswith("mt") and name[2:] in SUPPORTED_MT else None
    if isinstance(message, TradingMessage):
        if name.startswith("setr.027"):
            return Result(*_unpack(fix_to_setr027(message, ssi=ssi, now=now)))
        if mt in ("515", "518"):
            conf = fix_to_mt515(message, ssi=ssi) if mt == "515" else fix_to_mt518(message, ssi=ssi)
            return Result[Message](conf.value, conf.diagnostics)
        if mt is not None or name == "mt":
            result = fix_to_mt54x(message, ssi=ssi)
            if mt is not None and result.value.message_type != mt:
                raise ConversionError(
                    f"this trade settles as MT{result.value.message_type}, not MT{mt}",
                    code="settlement.target",
                    value=target,
                )
            return Result[Message](result.value, result.diagnostics)
        # A family target (``iso20022``/``mx``) picks the source's default message, as ``mt``
        # does above: a FIX fill or allocation settles as a sese.023 instruction.
        if name.startswith("sese.023") or name in ("mx", "iso20022"):
            return Result(*_unpack(fix_to_sese023(message, ssi=ssi, app_header=app_header, now=now)))
    if isinstance(message, TradeConfirmation) and (mt in ("515", "518") or name == "mt"):
        conf_mt = setr027_to_mt515(message, mt or "515")
        return Result[Message](conf_mt.value, conf_mt.diagnostics)
    model: SettlementInstruction | None = None
    diags: list[Any] = []
    if isinstance(message, MtMessage) and message.mt_number in SUPPORTED_MT:
        read = mt_to_settlement(message)
        model, diags = read.value, list(read.diagnostics)
    elif isinstance(message, SettlementInstruction):
        model = message
    if model is not None:
        if name == "fix":
            out = settlement_to_fix(model)
            return Result(out.value, diags + out.diagnostics)
        if name.startswith(("sese.", "setr.")) or name in ("mx", "iso20022"):
            family = None if name in ("mx", "iso20022") else name
            mx = settlement_to_mx(model, family, app_header=app_header, now=now)
            return Result(mx.value, diags + mx.diagnostics)
        if mt is not None or name == "mt":
            mtr = settlement_to_mt(model, mt)
            return Result(mtr.value, diags + mtr.diagnostics)
    raise ConversionError(
        f"no settlement conversion from {message.message_type} to {target}",
        code="settlement.unsupported",
        value=target,
    )


def _unpack(result: Result[SettlementInstruction] | Result[TradeConfirmation]) -> tuple[Message, list[Any]]:
    return result.value, list(result.diagnostics)
