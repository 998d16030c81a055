"""Settlement model -> the FIX view: an AllocationInstruction (J) with SettlInstructions (rule SE018).

FIX has no settlement-instruction message of its own; the allocation carries the
quantity, price, dates and amounts, and each allocation's SettlInstructionsData
(SettlDeliveryType 172, NoDlvyInst 85 > NoSettlPartyIDs 781) carries the chain.
What FIX cannot hold (transaction type other than TRAD, links beyond one) is reported.
"""

from __future__ import annotations

from finmsg.fix.reader import GROUP_SEPARATOR
from finmsg.fix.values import format_decimal
from finmsg.model.common import Extra
from finmsg.model.settlement import SettlementInstruction, SettlementParty
from finmsg.model.trading import AllocationEntry, AllocationInstruction, Instrument
from finmsg.settlement.context import Ctx
from finmsg.settlement.fix_in import PARTY_ROLE_MAP, PRICE_TYPES

__all__ = ["to_fix_allocation"]

_PRICE_CODES = {v: k for k, v in PRICE_TYPES.items()}
_AMOUNT_TAGS = {"DEAL": 381, "SETT": 118, "EXEC": 12, "ACRU": 159}


def _fix_role(party: SettlementParty, delivery: str) -> str | None:
    column = 0 if delivery == "RECE" else 1
    return next((code for code, roles in PARTY_ROLE_MAP.items() if roles[column] == party.role), None)


def _settl_instructions(ctx: Ctx, msg: SettlementInstruction) -> Extra | None:
    pairs: list[tuple[int, str]] = []
    for party in msg.parties:
        role = _fix_role(party, msg.delivery)
        if role is None:
            ctx.dropped(
                "SE018",
                f"party {party.role}",
                "FIX:781",
                party.role,
                f"{party.role} has no FIX SettlPartyRole",
            )
            continue
        if party.bic:
            pairs += [(782, party.bic), (783, "B"), (784, role)]
        else:
            source = "N" if party.issuer == "LEI" else "D"
            pairs += [(782, party.proprietary_id or ""), (783, source), (784, role)]
        if party.account:
            pairs += [(801, "1"), (785, party.account), (786, "10")]
    if not pairs:
        return None
    count = sum(1 for t, _ in pairs if t == 782)
    body = [(85, "1"), (165, "3"), (787, "S"), (781, str(count)), *pairs]
    return Extra("fix", "FIX:85", GROUP_SEPARATOR.join(f"{t}={v}" for t, v in body))


#: MT 23G function -> FIX AllocTransType (71): 0 New, 2 Cancel.
_TRANS_TYPES = {"NEWM": "0", "CANC": "2"}


def _alloc_trans_type(ctx: Ctx, function: str) -> str:
    code = _TRANS_TYPES.get(function.split("/")[0])
    if code is None:
        ctx.dropped("SE016", ":23G:", "FIX:71", function, "AllocTransType has no such function; sent as New")
        return "0"
    if "/" in function:
        ctx.dropped("SE016", ":23G:", "FIX:71", function, "AllocTransType has no sub-function")
    return code


def to_fix_allocation(msg: SettlementInstruction, ctx: Ctx) -> AllocationInstruction:
    """The AllocationInstruction view of a settlement instruction or confirmation."""
    if msg.transaction_type != "TRAD":
        ctx.dropped("SE018", ":22F::SETR", None, msg.transaction_type, "FIX allocations settle trades only")
    for link in msg.links[1:]:
        ctx.dropped("SE016", ":20C::RELA", "FIX:70", link, "FIX has room for one related reference only")
    for extra in msg.extras:
        ctx.dropped("SE016", extra.path, None, extra.content, "no FIX field for this element")
    top: list[Extra] = [Extra("fix", "FIX:64", f"{msg.settlement_date:%Y%m%d}")]
    ccy = None
    for a in msg.amounts:
        top.append(Extra("fix", f"FIX:{_AMOUNT_TAGS[a.qualifier]}", format_decimal(a.amount.value)))
        ccy = ccy or a.amount.currency
        if a.qualifier == "EXEC":
            top.append(Extra("fix", "FIX:13", "3"))
    if msg.price is not None:
        top.append(Extra("fix", "FIX:423", _PRICE_CODES.get(msg.price.type, "2")))
        ccy = ccy or msg.price.currency
    entry_extras = [Extra("fix", "FIX:172", "0" if msg.payment == "APMT" else "1")]
    settl = _settl_instructions(ctx, msg)
    if settl is not None:
        entry_extras.append(settl)
    alloc = AllocationEntry(account=msg.safekeeping_account, qty=msg.quantity, extras=tuple(entry_extras))
    side = msg.side or ("BUYI" if msg.delivery == "RECE" else "SELL")
    return AllocationInstruction(
        alloc_id=msg.reference,
        alloc_trans_type=_alloc_trans_type(ctx, msg.function),
        alloc_type="1",
        side="1" if side == "BUYI" else "2",
        quantity=msg.quantity,
        avg_px=msg.price.value if msg.price else None,
        trade_date=f"{msg.trade_date:%Y%m%d}" if msg.trade_date else None,
        currency=ccy,
        instrument=Instrument(
            security_id=msg.isin, security_id_source="4" if msg.isin else None, symbol="[N/A]"
        ),
        allocations=(alloc,),
        extras=tuple(sorted(top, key=lambda e: int(e.path[4:]))),
    )
