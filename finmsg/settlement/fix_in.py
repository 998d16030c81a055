"""FIX trading model (ExecutionReport, AllocationInstruction, Confirmation) -> settlement model.

Why a separate intermediate (:class:`Trade`): the three FIX messages spell the
same facts in different tags (LastQty, AllocQty, Quantity...), and partial-fill
aggregation merges several of them before any settlement decision is taken.
Settlement-only tags the FIX reader keeps as extras (SettlDate 64, NetMoney 118,
Commission 12, AccruedInterestAmt 159, PriceType 423, SettlDeliveryType 172,
the SettlInstructions group 85) are read from there; every other FIX extra is reported as
``lossy.dropped`` (SE016, :mod:`finmsg.translate.fix_leftovers`): no target of the settlement
model has a place for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from finmsg.errors import ConversionError
from finmsg.fix.exec_kind import MISSING_EXEC_TYPE, NotATradeError, classify_report
from finmsg.model.common import Extra
from finmsg.model.trading import (
    AllocationEntry,
    AllocationInstruction,
    Confirmation,
    ExecutionReport,
    TradingMessage,
    TradingParty,
)
from finmsg.settlement.context import Ctx
from finmsg.translate.fix_leftovers import Consumed, report_fix_leftovers

__all__ = [
    "READ",
    "READ_SINGLE",
    "Trade",
    "extra_value",
    "fill_trade",
    "group_entries",
    "trade_from_fix",
    "trades_from_fix",
]

_BUY, _SELL = frozenset({"1", "3"}), frozenset({"2", "4", "5", "6"})
PRICE_TYPES = {"1": "PRCT", "2": "ACTU", "4": "DISC", "5": "PREM", "9": "YIEL"}
_DEBT_TYPES = frozenset(
    {"CORP", "GOVT", "TBOND", "TNOTE", "TBILL", "MUNI", "EUSOV", "EUCORP", "AGNCY", "SUPRA", "CB", "BN"}
)
#: FIX PartyRole -> settlement role for a receipt (RECE) and for a delivery (DELI).
PARTY_ROLE_MAP = {
    "10": ("PSET", "PSET"),
    "18": ("DEAG", "REAG"),
    "17": ("SELL", "BUYR"),
    "28": ("REAG", "DEAG"),
}


@dataclass(slots=True)
class Trade:
    """What the settlement mapping needs from one FIX message (or an aggregate of fills)."""

    source: str
    reference: str
    side: str
    quantity: Decimal
    settlement_date: date
    trade_date: date | None = None
    price: Decimal | None = None
    price_type: str | None = None
    isin: str | None = None
    description: str | None = None
    currency: str | None = None
    gross: Decimal | None = None
    net: Decimal | None = None
    commission: Decimal | None = None
    accrued: Decimal | None = None
    payment: str | None = None
    account: str | None = None
    debt: bool = False
    parties: list[tuple[TradingParty, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    trade_id: str | None = None
    group_key: str | None = None
    fills: int = 1
    #: ``NEWM``, or ``CANC`` for a FIX cancel of the fill ``previous`` (RefExecID 19)
    function: str = "NEWM"
    previous: str | None = None
    #: SettlCurrency (120) and SettlCurrAmt (119) when the settlement amount is in another currency
    #: than the trade (``currency``, 15); SettlCurrFxRate (155) and SettlCurrFxRateCalc (156)
    settl_currency: str | None = None
    settl_amount: Decimal | None = None
    fx_rate: Decimal | None = None
    fx_calc: str | None = None


#: The FIX extras the settlement mapping reads (:func:`_common`, :func:`_allocation_trade`); every
#: other extra is reported as dropped (SE016). Of the SettlInstructions group (85) it reads the
#: entries (SettlInstSource 165 starts one, DlvyInstType 787 says what they deliver: the settlement
#: reads them as the securities side, as :mod:`finmsg.settlement.fix_out` writes them) and their
#: parties (781 > 782/783/784, sub ids 801 > 785/786); any other field of the group is reported.
#: AllocNoOrdersType (857) is not data but says whether the NoOrders group (73) follows; that
#: group, when present, is reported field by field.
_MESSAGE_TAGS = frozenset({12, 13, 19, 20, 64, 118, 119, 120, 155, 156, 159, 172, 381, 423, 857})
_SETTL_PARTY_TAGS = frozenset({165, 787, 781, 782, 783, 784, 801, 785, 786})
READ = Consumed(message=_MESSAGE_TAGS, allocation=frozenset({154, 172}), groups={85: _SETTL_PARTY_TAGS})
READ_SINGLE = Consumed(message=_MESSAGE_TAGS, allocation=frozenset({172}), groups={85: _SETTL_PARTY_TAGS})


def extra_value(extras: tuple[Extra, ...], tag: int) -> str | None:
    """The value the FIX reader kept for ``tag`` in a model's extras."""
    path = f"FIX:{tag}"
    return next((e.content for e in extras if e.source == "fix" and e.path == path), None)


def group_entries(extras: tuple[Extra, ...], count_tag: int, first_tag: int) -> list[list[tuple[int, str]]]:
    """Entries of a repeating group the reader kept whole as text (``85=1\\x01165=...``)."""
    text = extra_value(extras, count_tag)
    if text is None:
        return []
    entries: list[list[tuple[int, str]]] = []
    for item in text.split("\x01"):
        tag_text, _, value = item.partition("=")
        if not tag_text.isdigit():
            continue
        tag = int(tag_text)
        if tag == first_tag or not entries:
            entries.append([])
        entries[-1].append((tag, value))
    return entries


def _decimal(text: str | None, path: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ConversionError(
            f"{text!r} is not a number", code="settlement.value", path=path, value=text
        ) from None


def _date(text: str | None, path: str) -> date | None:
    if text is None:
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 else None
    except ValueError:
        pass
    raise ConversionError(
        f"{text!r} is not a FIX LocalMktDate (YYYYMMDD)", code="settlement.value", path=path
    )


def _side(msg: TradingMessage, side: str | None) -> str:
    if side in _BUY:
        return "BUYI"
    if side in _SELL:
        return "SELL"
    raise ConversionError(
        f"FIX Side {side!r} has no settlement direction (buy or sell expected)",
        code="settlement.side",
        path="FIX:54",
        value=side,
    )


def _settlement_parties(extras: tuple[Extra, ...], where: str) -> list[tuple[TradingParty, str]]:
    """Parties of a SettlInstructions group (85 > 781): id 782, source 783, role 784, sub ids 785/786."""
    out: list[tuple[TradingParty, str]] = []
    for entry in group_entries(extras, 85, 165):
        current: dict[int, str] = {}
        subs: list[tuple[str, str]] = []
        for tag, value in entry:
            if tag == 782 and current:
                out.append((_party(current, subs), f"{where}85.781"))
                current, subs = {}, []
            if tag in (782, 783, 784):
                current[tag] = value
            elif tag == 785:
                subs.append((value, ""))
            elif tag == 786 and subs:
                subs[-1] = (subs[-1][0], value)
        if current:
            out.append((_party(current, subs), f"{where}85.781"))
    return out


def _party(fields: dict[int, str], subs: list[tuple[str, str]]) -> TradingParty:
    from finmsg.model.trading import PartySubId

    return TradingParty(
        id=fields.get(782, ""),
        source=fields.get(783),
        role=fields.get(784),
        sub_ids=tuple(PartySubId(i, t or None) for i, t in subs),
    )


def _common(msg: TradingMessage, ctx: Ctx, reference: str | None, ref_tag: int) -> Trade:
    name = f"FIX:{ref_tag}"
    if not reference:
        raise ConversionError(
            f"the FIX message has no {name} to use as reference", code="settlement.reference"
        )
    extras = msg.extras
    settl = _date(extra_value(extras, 64), "FIX:64")
    if settl is None:
        raise ConversionError(
            "the FIX message has no SettlDate (64): a settlement instruction needs one (SE002)",
            code="settlement.missing",
            path="FIX:64",
        )
    inst = msg.instrument
    isin = inst.isin if inst else None
    description = None
    if isin is None and inst is not None and (inst.symbol or inst.security_id):
        description = inst.symbol or f"/{inst.security_id_source or 'XX'}/{inst.security_id}"
        ctx.info(
            "mapping.defaulted",
            "SE003",
            "no ISIN (48 with 22=4): the instrument is described by symbol or other id",
            "FIX:55",
            ":35B:",
            emitted=description,
        )
    debt = bool(inst and ((inst.cfi_code or "")[:1] == "D" or (inst.security_type or "") in _DEBT_TYPES))
    price_type_code = extra_value(extras, 423)
    trade = Trade(
        source=msg.message_type,
        reference=reference,
        side="",
        quantity=Decimal(0),
        settlement_date=settl,
        isin=isin,
        description=description,
        # prices and the deal amount are in the trade's Currency (15); SettlCurrency (120) is the
        # currency of the settlement amount only (SettlCurrAmt 119), see finmsg.settlement.fx
        currency=msg.currency or extra_value(extras, 120),
        settl_currency=extra_value(extras, 120),
        settl_amount=_decimal(extra_value(extras, 119), "FIX:119"),
        fx_rate=_decimal(extra_value(extras, 155), "FIX:155"),
        fx_calc=extra_value(extras, 156),
        net=_decimal(extra_value(extras, 118), "FIX:118"),
        gross=_decimal(extra_value(extras, 381), "FIX:381"),
        accrued=_decimal(extra_value(extras, 159), "FIX:159"),
        payment=extra_value(extras, 172),
        account=msg.account,
        debt=debt,
        price_type=price_type_code,
    )
    commission = _decimal(extra_value(extras, 12), "FIX:12")
    comm_type = extra_value(extras, 13)
    if commission is not None and comm_type not in (None, "3"):
        ctx.dropped(
            "SE006",
            "FIX:12",
            ":19A::EXEC",
            str(commission),
            f"Commission with CommType {comm_type} is a rate, not an amount; not carried",
        )
        commission = None
    trade.commission = commission
    trade.parties = [(p, "FIX:453") for p in msg.parties] + _settlement_parties(extras, "FIX:")
    return trade


def _from_execution(msg: ExecutionReport, ctx: Ctx) -> Trade:
    trade = _common(msg, ctx, msg.exec_id, 17)
    trade.side = _side(msg, msg.side)
    qty, px = msg.last_qty, msg.last_px
    if qty is None or qty == 0:
        qty, px = msg.cum_qty, msg.avg_px
        if qty is not None:
            ctx.info(
                "mapping.defaulted", "SE004", "no LastQty: CumQty and AvgPx used", "FIX:14", ":36B::SETT"
            )
    if qty is None or qty <= 0:
        raise ConversionError(
            "the ExecutionReport has no filled quantity", code="settlement.quantity", path="FIX:32"
        )
    trade.quantity, trade.price = qty, px
    trade.trade_date = _date(msg.trade_date, "FIX:75")
    if msg.order_id:
        trade.links.append(msg.order_id)
    trade.trade_id = msg.exec_id
    trade.group_key = msg.order_id or msg.cl_ord_id
    return trade


def _from_confirmation(msg: Confirmation, ctx: Ctx) -> Trade:
    trade = _common(msg, ctx, msg.confirm_id, 664)
    trade.side = _side(msg, msg.side)
    if msg.alloc_qty is None or msg.alloc_qty <= 0:
        raise ConversionError(
            "the Confirmation has no AllocQty (80)", code="settlement.quantity", path="FIX:80"
        )
    trade.quantity, trade.price = msg.alloc_qty, msg.avg_px
    trade.trade_date = _date(msg.trade_date, "FIX:75")
    trade.gross = msg.gross_trade_amt if msg.gross_trade_amt is not None else trade.gross
    trade.net = msg.net_money if msg.net_money is not None else trade.net
    trade.account = msg.alloc_account or trade.account
    if msg.alloc_id:
        trade.links.append(msg.alloc_id)
    trade.group_key = msg.alloc_id
    return trade


def _from_allocation(msg: AllocationInstruction, ctx: Ctx) -> list[Trade]:
    base = _common(msg, ctx, msg.alloc_id, 70)
    base.side = _side(msg, msg.side)
    base.price = msg.avg_px
    base.trade_date = _date(msg.trade_date, "FIX:75")
    base.group_key = msg.alloc_id
    if not msg.allocations:
        if msg.quantity is None or msg.quantity <= 0:
            raise ConversionError(
                "the AllocationInstruction has no Quantity (53)", code="settlement.quantity", path="FIX:53"
            )
        base.quantity = msg.quantity
        return [base]
    out = []
    for n, alloc in enumerate(msg.allocations, 1):
        out.append(_allocation_trade(base, alloc, n, len(msg.allocations), ctx))
    return out


def _allocation_trade(base: Trade, alloc: AllocationEntry, n: int, total: int, ctx: Ctx) -> Trade:
    where = f"FIX:78[{n}]."
    if alloc.qty is None or alloc.qty <= 0:
        raise ConversionError(
            f"allocation {n} has no AllocQty (80)", code="settlement.quantity", path=f"{where}80"
        )
    reference = base.reference if total == 1 else (alloc.individual_alloc_id or f"{base.reference}-{n}")
    parties = list(base.parties) + [(p, f"{where}539") for p in alloc.parties]
    parties += _settlement_parties(alloc.extras, where)
    payment = extra_value(alloc.extras, 172) or base.payment
    trade = replace(
        base,
        reference=reference,
        quantity=alloc.qty,
        price=alloc.price if alloc.price is not None else base.price,
        account=alloc.account or base.account,
        parties=parties,
        payment=payment,
        links=[base.reference] if total > 1 else list(base.links),
        gross=base.gross if total == 1 else None,
        settl_amount=base.settl_amount if total == 1 else None,
        net=_decimal(extra_value(alloc.extras, 154), f"{where}154") if total > 1 else base.net,
        commission=base.commission if total == 1 else None,
        accrued=base.accrued if total == 1 else None,
    )
    block = (base.gross, base.net, base.commission, base.settl_amount)
    if total > 1 and any(v is not None for v in block):
        ctx.info(
            "mapping.defaulted",
            "SE013",
            "block-level amounts are not split across allocations; each allocation's amounts are computed",
            "FIX:381",
            f"{where}:19A:",
        )
    return trade


def _execution_trade(msg: ExecutionReport, ctx: Ctx) -> Trade:
    """The trade of an ExecutionReport, by what the report does (:mod:`finmsg.fix.exec_kind`).

    A status report or an order acknowledgement/rejection raises :class:`NotATradeError` (a batch
    skips it); a report whose ExecType/ExecTransType leaves its meaning unknown raises
    ``settlement.exec-type``. A cancel (ExecType H; ExecTransType 1 before FIX 4.3) becomes a
    cancellation (23G CANC) of the instruction of the fill it names (RefExecID 19, that
    instruction's SEME). A correction (G; 2) is refused: it settles as the cancellation of the
    previous instruction *and* a new one, and the report carries only the corrected terms, not the
    previous ones a cancellation repeats.
    """
    found = classify_report(msg)
    kind = found.kind
    if found.problem == MISSING_EXEC_TYPE:  # a model built in code: settled as a fill, as it always was
        ctx.defaulted("SE015", "FIX:150", ":23G:", "NEWM", "no ExecType (150): the report is taken as a fill")
        kind = "new"
    elif kind is None:
        path = f"FIX:{found.tag}"
        if found.faulty:
            raise ConversionError(found.reason, code="settlement.exec-type", path=path, value=found.value)
        raise NotATradeError(f"{found.reason}: nothing to settle", path=path, value=found.value)
    previous = extra_value(msg.extras, 19)
    if kind == "correct":
        raise ConversionError(
            f"ExecutionReport {msg.exec_id} corrects fill {previous or '(no ExecRefID 19)'}: settle it by "
            "cancelling the previous instruction (the cancel report, ExecType H) and instructing the "
            "corrected fill as new; a correction alone has not the previous terms a cancellation repeats",
            code="settlement.correction",
            path="FIX:150",
            value=msg.exec_type,
        )
    if kind == "cancel" and not previous:
        raise ConversionError(
            f"ExecutionReport {msg.exec_id} cancels a fill but has no ExecRefID (19): the cancellation "
            "cannot name the instruction it cancels (:20C::PREV)",
            code="settlement.reference",
            path="FIX:19",
        )
    trade = _from_execution(msg, ctx)
    if kind == "cancel":  # the cancellation repeats the cancelled instruction: its trade id too
        trade.function, trade.previous, trade.trade_id = "CANC", previous, previous
    return trade


def trades_from_fix(msg: TradingMessage, ctx: Ctx) -> list[Trade]:
    """One :class:`Trade` per settlement the message implies (one per allocation of a J); the FIX
    extras the settlement does not read are reported (SE016, :data:`READ`)."""
    if isinstance(msg, ExecutionReport):
        trades = [_execution_trade(msg, ctx)]
    elif isinstance(msg, Confirmation):
        trades = [_from_confirmation(msg, ctx)]
    elif isinstance(msg, AllocationInstruction):
        trades = _from_allocation(msg, ctx)
    else:
        raise ConversionError(
            f"FIX {msg.message_type} does not describe a trade to settle (8, J or AK expected)",
            code="settlement.unsupported",
            value=msg.message_type,
        )
    # an allocation's own AllocNetMoney (154) is read only when the block has several allocations
    read = READ if len(getattr(msg, "allocations", ())) > 1 else READ_SINGLE
    report_fix_leftovers(ctx, msg, read, "SE016", "a settlement instruction or trade confirmation")
    return trades


def fill_trade(msg: ExecutionReport, ctx: Ctx) -> Trade:
    """The fill a report carries, whatever the report does (a correction's corrected fill, a
    cancel's cancelled one): partial-fill aggregation decides itself what a cancel or a correction
    does to the fills it holds (:mod:`finmsg.settlement.aggregate`)."""
    trade = _from_execution(msg, ctx)
    report_fix_leftovers(ctx, msg, READ_SINGLE, "SE016", "a settlement instruction or trade confirmation")
    return trade


def trade_from_fix(msg: TradingMessage, ctx: Ctx) -> Trade:
    """The single trade of a message; several allocations raise (use :func:`trades_from_fix`)."""
    trades = trades_from_fix(msg, ctx)
    if len(trades) != 1:
        raise ConversionError(
            f"the message has {len(trades)} allocations: finmsg.convert_all (and the batch) writes one "
            "instruction per allocation, as do the *_all functions of finmsg.settlement",
            code="settlement.multiple",
            value=str(len(trades)),
        )
    return trades[0]
