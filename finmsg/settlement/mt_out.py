"""Settlement model -> MT540–MT547 (instructions, confirmations) and MT515/MT518 (trade confirmations).

Fields are written in the sequence order of the SWIFT category 5 standard
(GENL, TRADDET/CONFDET, FIAC, SETDET with SETPRTY and AMT); generic fields use
the ``:4!c//`` qualifier form. Values that exceed an MT length are cut and
reported (SE016).
"""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.settlement import (
    SETTLEMENT_CONFIRMATION,
    TRADE_CONFIRMATION,
    SettlementInstruction,
    SettlementParty,
)
from finmsg.mt.headers import lt_address
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.settlement.context import Ctx
from finmsg.settlement.fx import fx_field, is_fx
from finmsg.settlement.linkage import is_previous, previous_of
from finmsg.translate.mtvalues import decimal_to_mt

__all__ = ["to_mt"]

_CONF_ROLES = ("BUYR", "SELL")
_PARTY_ORDER = ("SELL", "DEAG", "DECU", "DEI1", "DEI2", "BUYR", "REAG", "RECU", "REI1", "REI2", "PSET")
_AMOUNT_ORDER = ("DEAL", "ACRU", "EXEC", "SETT")


def _ref(ctx: Ctx, value: str, source: str, target: str) -> str:
    text = value.strip("/").replace("//", "/")
    if len(text) > 16:
        ctx.truncated("SE016", source, target, value, text[:16], "the reference")
        text = text[:16]
    elif text != value:
        ctx.defaulted("SE016", source, target, text, "slashes not allowed in an MT reference removed", value)
    return text


def _party_fields(ctx: Ctx, party: SettlementParty) -> list[MtField]:
    if party.bic:
        out = [MtField("95P", f":{party.role}//{party.bic}")]
    elif party.proprietary_id and party.issuer:
        issuer = party.issuer[:8]
        if issuer != party.issuer:
            ctx.truncated(
                "SE016", f"party {party.role}", f":95R::{party.role}", party.issuer, issuer, "issuer"
            )
        out = [MtField("95R", f":{party.role}/{issuer}/{party.proprietary_id[:34]}")]
    else:
        raise ConversionError(f"settlement party {party.role} has no identifier", code="settlement.party")
    if party.account:
        out.append(MtField("97A", f":SAFE//{party.account[:35]}"))
    return out


def _price(msg: SettlementInstruction) -> list[MtField]:
    p = msg.price
    if p is None:
        return []
    if p.type == "ACTU":
        return [MtField("90B", f":DEAL//ACTU/{p.currency}{decimal_to_mt(p.value)}")]
    sign = "N" if p.value < 0 else ""
    return [MtField("90A", f":DEAL//{p.type}/{sign}{decimal_to_mt(abs(p.value))}")]


def _instrument(ctx: Ctx, msg: SettlementInstruction) -> MtField:
    text = msg.description or ""
    # each line of the description (an MT 35B read keeps its lines) wrapped at 35 characters
    lines = [line[i : i + 35] for line in text.split("\n") for i in range(0, len(line), 35)]
    desc = lines[:4]
    if len(lines) > 4:
        joined = "\n".join(desc) if "\n" in text else "".join(desc)
        ctx.truncated("SE016", "description", ":35B:", text, joined, "the instrument description")
    if msg.isin:
        return MtField("35B", "\n".join([f"ISIN {msg.isin}", *desc]))
    if not desc:
        raise ConversionError("the instrument has neither ISIN nor description", code="settlement.instrument")
    return MtField("35B", "\n".join(desc))


def _settlement_details(
    ctx: Ctx, msg: SettlementInstruction, skip: tuple[str, ...], settled: str = "SETT"
) -> list[MtField]:
    out = [MtField("16R", "SETDET"), MtField("22F", f":SETR//{msg.transaction_type}")]
    by_role = {p.role: p for p in msg.parties}
    for role in _PARTY_ORDER:
        if role in by_role and role not in skip:
            out += [MtField("16R", "SETPRTY"), *_party_fields(ctx, by_role[role]), MtField("16S", "SETPRTY")]
    for qualifier in _AMOUNT_ORDER:
        amount = msg.amount(qualifier)
        if amount is not None:
            sign = "N" if amount.value < 0 else ""
            digits = decimal_to_mt(abs(amount.value))
            if len(digits) > 15:  # the MT amount format is 15d: refuse rather than emit an invalid MT
                raise ConversionError(
                    f"the {qualifier} amount {amount.currency} {amount.value} needs {len(digits)} "
                    "characters; an MT amount holds at most 15",
                    code="settlement.amount-too-long",
                    path=f":19A::{qualifier}",
                    value=str(amount.value),
                )
            shown = settled if qualifier == "SETT" else qualifier  # ESTT in MT544-547 (rule E92)
            value = f":{shown}//{sign}{amount.currency}{digits}"
            out += [MtField("16R", "AMT"), MtField("19A", value)]
            rate = fx_field(msg) if qualifier == "SETT" else None
            if rate is not None:  # the settlement amount is in another currency than the trade
                out.append(MtField("92B", rate))
            out.append(MtField("16S", "AMT"))
    out.append(MtField("16S", "SETDET"))
    return out


def _genl(ctx: Ctx, msg: SettlementInstruction, mt: str) -> list[MtField]:
    out = [
        MtField("16R", "GENL"),
        MtField("20C", f":SEME//{_ref(ctx, msg.reference, 'reference', f'MT{mt}:20C::SEME')}"),
        MtField("23G", msg.function),
    ]
    previous = previous_of(msg)
    if previous is not None:  # a cancellation names the instruction it cancels (its SEME)
        value = _ref(ctx, previous, "previous", f"MT{mt}:20C::PREV")
        out += [MtField("16R", "LINK"), MtField("20C", f":PREV//{value}"), MtField("16S", "LINK")]
    for link in msg.links:
        value = _ref(ctx, link, "links", f"MT{mt}:20C::RELA")
        out += [MtField("16R", "LINK"), MtField("20C", f":RELA//{value}"), MtField("16S", "LINK")]
    if msg.trade_id:
        value = _ref(ctx, msg.trade_id, "trade_id", f"MT{mt}:20C::TRRF")
        out += [MtField("16R", "LINK"), MtField("20C", f":TRRF//{value}"), MtField("16S", "LINK")]
    out.append(MtField("16S", "GENL"))
    return out


def _dates(msg: SettlementInstruction, settle_qualifier: str) -> list[MtField]:
    out = []
    if msg.trade_date is not None:
        out.append(MtField("98A", f":TRAD//{msg.trade_date:%Y%m%d}"))
    out.append(MtField("98A", f":{settle_qualifier}//{msg.settlement_date:%Y%m%d}"))
    return out


def _fields_54x(ctx: Ctx, msg: SettlementInstruction, mt: str) -> list[MtField]:
    confirmation = msg.kind == SETTLEMENT_CONFIRMATION
    out = _genl(ctx, msg, mt)
    out += [MtField("16R", "TRADDET"), *_dates(msg, "ESET" if confirmation else "SETT"), *_price(msg)]
    out += [_instrument(ctx, msg), MtField("16S", "TRADDET")]
    qty = f":{'ESTT' if confirmation else 'SETT'}//{msg.quantity_type}/{decimal_to_mt(msg.quantity)}"
    out += [MtField("16R", "FIAC"), MtField("36B", qty)]
    if msg.safekeeping_account:
        out.append(MtField("97A", f":SAFE//{msg.safekeeping_account[:35]}"))
    out.append(MtField("16S", "FIAC"))
    return out + _settlement_details(ctx, msg, (), "ESTT" if confirmation else "SETT")


def _fields_515(ctx: Ctx, msg: SettlementInstruction, mt: str) -> list[MtField]:
    out = _genl(ctx, msg, mt)
    out += [MtField("16R", "CONFDET"), *_dates(msg, "SETT"), *_price(msg)]
    if msg.side:
        out.append(MtField("22H", f":BUSE//{msg.side}"))
    out.append(MtField("22H", f":PAYM//{msg.payment}"))
    own = "BUYR" if msg.side == "BUYI" else "SELL"
    by_role = {p.role: p for p in msg.parties}
    for role in _CONF_ROLES:
        party = by_role.get(role)
        if party is None and role == own and msg.sender:
            party = SettlementParty(role, bic=msg.sender)
            ctx.defaulted("SE019", "sender", f"MT{mt}:95P::{role}", msg.sender, f"{role} is the sender")
        if party is None:
            continue
        fields = _party_fields(ctx, party)
        if role == own and msg.safekeeping_account and not party.account:
            fields.append(MtField("97A", f":SAFE//{msg.safekeeping_account[:35]}"))
        out += [MtField("16R", "CONFPRTY"), *fields, MtField("16S", "CONFPRTY")]
    qty = f":CONF//{msg.quantity_type}/{decimal_to_mt(msg.quantity)}"
    out += [MtField("36B", qty), _instrument(ctx, msg), MtField("16S", "CONFDET")]
    return out + _settlement_details(ctx, msg, _CONF_ROLES)


def to_mt(msg: SettlementInstruction, ctx: Ctx, mt: str | None = None) -> MtMessage:
    """The MT message for ``msg``: ``mt`` names 515/518 or a 54x type (checked against the model)."""
    natural = msg.mt_type
    if msg.kind == TRADE_CONFIRMATION:
        natural = mt or "515"
    mt = mt or natural
    if mt in ("515", "518"):
        fields = _fields_515(ctx, msg, mt)
    elif mt == natural:
        fields = _fields_54x(ctx, msg, mt)
    else:
        raise ConversionError(
            f"a {msg.delivery}/{msg.payment} {msg.kind} is an MT{natural}, not an MT{mt}",
            code="settlement.target",
            value=f"MT{mt}",
        )
    for extra in msg.extras:
        if is_previous(extra) or (is_fx(extra) and msg.amount("SETT") is not None):
            continue  # written as the LINK :20C::PREV (_genl), the SETT amount's 92B (_settlement_details)
        # kept by the reader of another format (or of an MT, not written back here): report, never drop
        ctx.dropped("SE016", extra.path, f"MT{mt}", extra.content, "no MT field for this element")
    basic = application = None
    if msg.sender and msg.receiver:
        basic = BasicHeader(f"F01{lt_address(msg.sender)}0000000000")
        application = ApplicationHeader(f"I{mt}{lt_address(msg.receiver, 'X')}N")
    else:
        ctx.info(
            "settlement.routing",
            "SE019",
            "no sender/receiver BIC (SSI, options or source header): blocks 1 and 2 are left out",
            None,
            f"MT{mt}:block1",
        )
    return MtMessage(
        message_type=mt,
        basic_header=basic,
        application_header=application,
        user_header=None,
        fields=tuple(fields),
    )
