"""MT540–MT547 and MT515/MT518 -> settlement model.

Walks the ``16R``/``16S`` blocks and reads the qualified fields it knows; every
other field is kept as an ``Extra("mt", "MT541:SETDET/22F::STCO", value)`` and
reported when the target cannot carry it (SE016), never silently dropped.
"""

from __future__ import annotations

from datetime import date

from finmsg.errors import ConversionError
from finmsg.model.common import Amount, Extra
from finmsg.model.settlement import (
    INSTRUCTION,
    PARTY_ROLES,
    SETTLEMENT_CONFIRMATION,
    TRADE_CONFIRMATION,
    DealPrice,
    SettlementAmount,
    SettlementInstruction,
    SettlementParty,
)
from finmsg.mt.message import MtMessage
from finmsg.settlement.context import Ctx
from finmsg.translate.mtvalues import decimal_from_mt

__all__ = ["SUPPORTED_MT", "from_mt"]

_DIRECTION = {0: ("RECE", "FREE"), 1: ("RECE", "APMT"), 2: ("DELI", "FREE"), 3: ("DELI", "APMT")}
#: Quantity kinds the model's ``quantity`` is meant for (units, face amount).
_MAIN_QUANTITIES = frozenset(("UNIT", "FAMT"))
SUPPORTED_MT = ("515", "518", "540", "541", "542", "543", "544", "545", "546", "547")


def _bic_of_lt(lt: str) -> str | None:
    return lt[:8] + lt[9:12] if len(lt) == 12 else None


def _date(text: str, path: str) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise ConversionError(
            f"not a date: {text!r}", code="settlement.value", path=path, value=text
        ) from None


class _Reader:
    def __init__(self, msg: MtMessage) -> None:
        self.msg = msg
        self.p = f"MT{msg.mt_number}"
        self.values: dict[str, object] = {}
        self.parties: list[SettlementParty] = []
        self.amounts: list[SettlementAmount] = []
        self.links: list[str] = []
        self.extras: list[Extra] = []
        #: Settlement dates by qualifier (SETT, ESET) with where they were read: resolved at the end.
        self.dates: dict[str, tuple[str, str, date]] = {}
        #: Where the quantity in ``values`` was read (block, field value), to keep it if replaced.
        self.quantity_source: tuple[str, str] | None = None

    def keep(self, where: str, tag: str, value: str) -> None:
        self.extras.append(Extra("mt", f"{self.p}:{where}/{tag}", value))

    def party(self, fields: list[tuple[str, str]], where: str) -> None:
        current: SettlementParty | None = None
        account: str | None = None
        for tag, value in fields:
            qual, _, rest = value[1:].partition("/")
            if tag == "95P" and qual in PARTY_ROLES and current is None:
                current = SettlementParty(qual, bic=rest.lstrip("/"))
            elif tag == "95R" and qual in PARTY_ROLES and current is None:
                issuer, _, ident = rest.partition("/")
                current = SettlementParty(qual, proprietary_id=ident, issuer=issuer)
            elif tag == "97A" and qual == "SAFE" and account is None:
                account = rest.lstrip("/")
            else:
                self.keep(where, tag, value)
        if current is None:
            return
        own = "BUYR" if self.values.get("side") == "BUYI" else "SELL"
        if account is not None and where == "CONFPRTY" and current.role == own:
            self.values["safekeeping_account"] = account
        elif account is not None:
            current = SettlementParty(
                current.role, current.bic, current.proprietary_id, current.issuer, account
            )
        self.parties.append(current)

    def quantity(self, block: str, value: str, path: str, rest: str) -> None:
        """One quantity: a unit count or face amount is preferred over another kind (AMOR ...);
        a second quantity is kept as an extra (reported, SE016), never silently replaced."""
        kind, _, number = rest.partition("/")
        v = self.values
        if self.quantity_source is not None:
            if v["quantity_type"] in _MAIN_QUANTITIES or kind not in _MAIN_QUANTITIES:
                self.keep(block, "36B", value)
                return
            old_block, old_value = self.quantity_source
            self.keep(old_block, "36B", old_value)
        v["quantity_type"], v["quantity"] = kind, decimal_from_mt(number, path)
        self.quantity_source = (block, value)

    def settlement_date(self, confirmation: bool) -> None:
        """The settlement date: the effective one (ESET) in a confirmation, else the contractual
        one (SETT); the other, when both are present, is kept as an extra."""
        first, second = ("ESET", "SETT") if confirmation else ("SETT", "ESET")
        chosen = self.dates.get(first) or self.dates.get(second)
        if chosen is None:
            return
        self.values["settlement_date"] = chosen[2]
        for block, value, _ in self.dates.values():
            if value != chosen[1]:
                self.keep(block, "98A", value)

    def field(self, block: str, tag: str, value: str, path: str) -> None:
        qual, _, rest = value[1:].partition("//") if value.startswith(":") else ("", "", value)
        v = self.values
        if tag == "20C" and qual == "SEME":
            v["reference"] = rest
        elif tag == "20C" and qual == "RELA":
            self.links.append(rest)
        elif tag == "20C" and qual == "TRRF":
            v["trade_id"] = rest
        elif tag == "23G":
            v["function"] = value
        elif tag == "98A" and qual == "TRAD":
            v["trade_date"] = _date(rest, path)
        elif tag == "98A" and qual in ("SETT", "ESET") and qual not in self.dates:
            self.dates[qual] = (block, value, _date(rest, path))
        elif tag == "90A" and qual == "DEAL":
            kind, _, number = rest.partition("/")
            neg = number.startswith("N")
            val = decimal_from_mt(number.lstrip("N"), path)
            v["price"] = DealPrice(-val if neg else val, kind)
        elif tag == "90B" and qual == "DEAL":
            kind, _, number = rest.partition("/")
            v["price"] = DealPrice(decimal_from_mt(number[3:], path), kind, number[:3])
        elif tag == "35B":
            lines = value.split("\n")
            if lines[0].startswith("ISIN "):
                v["isin"] = lines[0][5:]
                lines = lines[1:]
            if lines:  # line breaks kept: "/US/3132MAD40" and the name are separate lines
                v["description"] = "\n".join(lines)
        elif tag == "36B" and qual in ("SETT", "ESTT", "CONF"):
            self.quantity(block, value, path, rest)
        elif tag == "97A" and qual == "SAFE" and block == "FIAC":
            v["safekeeping_account"] = rest
        elif tag == "22H" and qual == "BUSE":
            v["side"] = rest
        elif tag == "22H" and qual == "PAYM":
            v["payment"] = rest
        elif tag == "22F" and qual == "SETR":
            v["transaction_type"] = rest.lstrip("/")
        elif tag == "19A" and block == "AMT":
            neg = rest.startswith("N")
            body = rest[1:] if neg else rest
            amount = decimal_from_mt(body[3:], path)
            # In MT544-547 the settled amount is :19A::ESTT; the model calls it SETT in both kinds.
            key = "SETT" if qual == "ESTT" else qual
            self.amounts.append(SettlementAmount(key, Amount(-amount if neg else amount, body[:3])))
        else:
            self.keep(block, tag, value)


def from_mt(msg: MtMessage, ctx: Ctx) -> SettlementInstruction:
    """Read an MT515/518/54x into the settlement model."""
    mt = msg.mt_number
    if mt not in SUPPORTED_MT:
        raise ConversionError(f"MT{mt} is not a settlement message", code="settlement.unsupported", value=mt)
    r = _Reader(msg)
    stack: list[str] = []
    party_fields: list[tuple[str, str]] = []
    for index, (tag, value) in enumerate(msg.fields, 1):
        path = f"{r.p}:{tag}[{index}]"
        if tag == "16R":
            stack.append(value)
            party_fields = []
        elif tag == "16S":
            if stack and stack[-1] in ("SETPRTY", "CONFPRTY"):
                r.party(party_fields, stack[-1])
            if stack:
                stack.pop()
        elif stack and stack[-1] in ("SETPRTY", "CONFPRTY"):
            party_fields.append((tag, value))
        else:
            r.field(stack[-1] if stack else "", tag, value, path)
    r.settlement_date(confirmation=mt in ("544", "545", "546", "547"))
    v = r.values
    for needed in ("reference", "settlement_date", "quantity"):
        if needed not in v:
            raise ConversionError(
                f"MT{mt} has no {needed} (mandatory)", code="settlement.missing", path=r.p, value=needed
            )
    if mt in ("515", "518"):
        kind = TRADE_CONFIRMATION
        delivery = "RECE" if v.get("side") == "BUYI" else "DELI"
        payment = str(v.get("payment", "APMT"))
    else:
        kind = SETTLEMENT_CONFIRMATION if mt >= "544" else INSTRUCTION
        delivery, payment = _DIRECTION[int(mt) % 4]
        v.setdefault("side", "BUYI" if delivery == "RECE" else "SELL")
    b1, b2 = msg.basic_header, msg.application_header
    sender = receiver = None
    if b1 is not None and b2 is not None:
        sender, receiver = (
            (_bic_of_lt(b1.lt_address), _bic_of_lt(b2.receiver or ""))
            if b2.direction == "I"
            else (_bic_of_lt(b2.sender or ""), _bic_of_lt(b1.lt_address))
        )
    return SettlementInstruction(
        message_type=mt,
        family="mt",
        kind=kind,
        reference=str(v["reference"]),
        function=str(v.get("function", "NEWM")),
        delivery=delivery,
        payment=payment,
        side=v.get("side"),  # type: ignore[arg-type]
        transaction_type=str(v.get("transaction_type", "TRAD")),
        trade_date=v.get("trade_date"),  # type: ignore[arg-type]
        settlement_date=v["settlement_date"],  # type: ignore[arg-type]
        isin=v.get("isin"),  # type: ignore[arg-type]
        description=v.get("description"),  # type: ignore[arg-type]
        quantity=v["quantity"],  # type: ignore[arg-type]
        quantity_type=str(v.get("quantity_type", "UNIT")),
        price=v.get("price"),  # type: ignore[arg-type]
        amounts=tuple(r.amounts),
        safekeeping_account=v.get("safekeeping_account"),  # type: ignore[arg-type]
        parties=tuple(r.parties),
        links=tuple(r.links),
        trade_id=v.get("trade_id"),  # type: ignore[arg-type]
        sender=sender,
        receiver=receiver,
        extras=tuple(r.extras),
    )
