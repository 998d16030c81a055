"""Field 61 (statement line) and field 86 ↔ a camt ``Ntry``, both directions.

Shared by MT940, MT950 and MT942. Each subfield of 61 has its own rule id
(TS008-TS015) so that a report says exactly which part changed. Dates follow
the MT year rules: ``YYMMDD`` is read in 2000-2099 and the four-digit entry
date takes the year that puts it nearest the value date (a value date of
31 December with entry date ``0102`` books in the next year).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from finmsg.errors import ConversionError
from finmsg.model.common import Amount
from finmsg.model.payments import CodeOrProprietary
from finmsg.model.statements import (
    BankTransactionCode,
    DateOrDateTime,
    Entry,
    EntryDetails,
    TransactionDetails,
    TransactionReferences,
)
from finmsg.mt.fields import components
from finmsg.mt.message import MtField
from finmsg.translate.context import Ctx
from finmsg.translate.mtparts import format_error
from finmsg.translate.mtvalues import date_from_mt, date_to_mt, decimal_from_mt, decimal_to_mt
from finmsg.translate.text import join_lines, reference16, to_x, wrap_coded

__all__ = [
    "CODES_86",
    "NONREF",
    "booking_year",
    "entry_from_61",
    "field_61",
    "field_86",
    "narrative_from_86",
]

NONREF = "NONREF"
#: The 86 keywords finmsg writes (:mod:`finmsg.translate.entry86`): a keyword always starts a
#: line, in both directions, so the lines of a keyword 86 come back from its joined text.
CODES_86 = frozenset({"REMI", "ORDP", "BENM"})
SWIFT_ISSUER = "SWIFT"
_DEFAULT_CODE = "NMSC"
_MARKS = {  # mark -> (CdtDbtInd, reversal, status)
    "C": ("CRDT", None, "BOOK"),
    "D": ("DBIT", None, "BOOK"),
    "RC": ("DBIT", True, "BOOK"),
    "RD": ("CRDT", True, "BOOK"),
    "EC": ("CRDT", None, "PDNG"),
    "ED": ("DBIT", None, "PDNG"),
}
_TYPES = frozenset("SNF")


def booking_year(value_date: date, mmdd: str) -> date | None:
    """The date ``mmdd`` nearest ``value_date`` (previous, same or next year); None if not a date."""
    best: date | None = None
    for year in (value_date.year - 1, value_date.year, value_date.year + 1):
        try:
            candidate = date(year, int(mmdd[:2]), int(mmdd[2:]))
        except ValueError:
            continue
        if best is None or abs(candidate - value_date) < abs(best - value_date):
            best = candidate
    return best


_STATUS = {code: CodeOrProprietary(code=code) for code in ("BOOK", "PDNG")}


@lru_cache(maxsize=1024)
def _swift_code(code: str) -> BankTransactionCode:
    """Shared immutable code objects: a statement repeats a handful of codes many times."""
    return BankTransactionCode(proprietary=code, proprietary_issuer=SWIFT_ISSUER)


def _dates(value_text: str, mmdd: str | None, src: str) -> tuple[DateOrDateTime, DateOrDateTime | None]:
    """Value date and booking date of a 61 (TS008); cached, statements repeat their few dates."""
    try:
        return _cached_dates(value_text, mmdd)
    except ValueError:
        pass
    value_day = date_from_mt(value_text, src)  # raises the typed error for a bad value date
    raise ConversionError(
        f"61 entry date {mmdd} is not a calendar date near {value_day}",
        code="translate.value",
        path=src,
        value=mmdd,
    )


@lru_cache(maxsize=4096)
def _cached_dates(value_text: str, mmdd: str | None) -> tuple[DateOrDateTime, DateOrDateTime | None]:
    value_day = date(2000 + int(value_text[:2]), int(value_text[2:4]), int(value_text[4:6]))
    if not mmdd:
        return DateOrDateTime(value_day), None
    booked = booking_year(value_day, mmdd)
    if booked is None:
        raise ValueError(mmdd)
    return DateOrDateTime(value_day), DateOrDateTime(booked)


def narrative_from_86(
    ctx: Ctx, value: str, src: str, tgt: str, element: str = "AddtlNtryInf", rule: str = "TS016"
) -> str:
    """86 lines as one AddtlNtryInf text (TS016), joined as :func:`join_lines` joins a 70.

    The 6*65 lines of an 86 are a wrapping of one text, not its content: a line breaks where
    65 characters are full, often inside a word. A full line continues on the next with no
    separator, a shorter one with a space. When the lines are not the ones the reverse
    translation writes for that text (wrapped between words at 65, a new line before each
    ``/REMI/``, ``/ORDP/``, ``/BENM/``), the change is reported.

    The 86 of the whole statement (AddtlStmtInf, AddtlRptInf: ``element``, rule TS017) is the
    same kind of text, written back by the same :func:`lines_86`, so it is joined the same way.
    """
    text, exact = join_lines(value.split("\n"), 65, CODES_86)
    if not exact:
        ctx.info(
            "lossy.linebreaks",
            rule,
            f"86 line breaks are not carried by {element}; the reverse translation wraps at 65 characters",
            src,
            tgt,
            value,
            text,
        )
    return text


def entry_from_61(
    ctx: Ctx, f61: MtField, f86: MtField | None, currency: str, src: str, src86: str, tgt: str
) -> Entry:
    """One statement line (and its 86) as a camt entry; ``tgt`` is the Ntry path."""
    parts = components("61", f61.value)
    if parts is None:
        raise format_error("61", f61.value, src)
    value_choice, booking = _dates(parts["value_date"], parts.get("entry_date"), src)
    credit_debit, reversal, status = _MARKS[parts["mark"]]
    if parts.get("funds_code"):
        ctx.dropped(
            "TS015",
            src,
            f"{tgt}/Amt/@Ccy",
            parts["funds_code"],
            "the 61 funds code (third letter of the currency) has no camt element",
        )
    customer = parts["customer_reference"]
    supplementary = parts.get("supplementary")
    tx: TransactionDetails | None = None
    if customer != NONREF or supplementary:
        refs = TransactionReferences(end_to_end_id=customer) if customer != NONREF else None
        tx = TransactionDetails(refs=refs, additional_info=supplementary)
    return Entry(
        amount=Amount(decimal_from_mt(parts["amount"], src), currency),
        credit_debit=credit_debit,
        status=_STATUS[status],
        reversal=reversal,
        booking_date=booking,
        value_date=value_choice,
        account_servicer_ref=parts.get("bank_reference"),
        bank_transaction_code=_swift_code(parts["type"] + parts["code"]),
        details=(EntryDetails(transactions=(tx,)),) if tx is not None else (),
        additional_info=(
            narrative_from_86(ctx, f86.value, src86, f"{tgt}/AddtlNtryInf") if f86 is not None else None
        ),
    )


# --------------------------------------------------------------------------- camt → MT


def _day(choice: DateOrDateTime | None) -> date | None:
    if choice is None:
        return None
    if choice.date is not None:
        return choice.date
    return choice.date_time.value.date() if choice.date_time is not None else None


def _mark(ctx: Ctx, entry: Entry, src: str, tgt: str) -> str:
    status = entry.status.value or ""
    if status not in ("BOOK", "PDNG"):
        ctx.defaulted(
            "TS009",
            f"{src}/Sts",
            f"{tgt}/mark",
            "E",
            f"entry status {status or '(none)'} has no 61 mark: written as expected (E)",
            original=status,
        )
    credit = entry.credit_debit == "CRDT"
    if status == "BOOK":
        if entry.reversal:
            return "RD" if credit else "RC"
        return "C" if credit else "D"
    if entry.reversal:
        ctx.dropped(
            "TS009", f"{src}/RvslInd", f"{tgt}/mark", "true", "an expected entry has no reversal mark"
        )
    return "EC" if credit else "ED"


def _code(ctx: Ctx, entry: Entry, src: str, tgt: str) -> str:
    code = entry.bank_transaction_code
    prop = code.proprietary if code is not None else None
    if (
        prop is not None
        and len(prop) == 4
        and prop[0] in _TYPES
        and prop[1:].isalnum()
        and prop.isascii()
        and prop == prop.upper()
    ):
        return prop
    shown = (
        "/".join(x for x in (code.domain, code.family, code.subfamily, prop) if x) if code is not None else ""
    )
    ctx.defaulted(
        "TS011",
        f"{src}/BkTxCd",
        f"{tgt}/code",
        _DEFAULT_CODE,
        "no SWIFT transaction type code in BkTxCd/Prtry: 61 gets NMSC (miscellaneous)",
        original=shown or None,
    )
    return _DEFAULT_CODE


def _customer_reference(ctx: Ctx, entry: Entry, src: str, tgt: str) -> str:
    for detail_index, details in enumerate(entry.details, 1):
        for tx_index, tx in enumerate(details.transactions, 1):
            refs = tx.refs
            if refs is None:
                continue
            base = f"{src}/NtryDtls[{detail_index}]/TxDtls[{tx_index}]/Refs"
            for name, value in (
                ("EndToEndId", refs.end_to_end_id),
                ("InstrId", refs.instruction_id),
                ("AcctOwnrTxId", refs.account_owner_tx_id),
            ):
                if value and value != "NOTPROVIDED":
                    return reference16(ctx, value, f"{base}/{name}", f"{tgt}/customer_reference")
    return NONREF


def _supplementary(ctx: Ctx, entry: Entry, src: str, tgt: str) -> str | None:
    first = entry.details[0].transactions[0] if entry.details and entry.details[0].transactions else None
    if first is None or not first.additional_info:
        return None
    path = f"{src}/NtryDtls[1]/TxDtls[1]/AddtlTxInf"
    text = to_x(ctx, first.additional_info.replace("\n", " "), path, f"{tgt}/supplementary")
    if len(text) > 34:
        ctx.truncated("TS014", path, f"{tgt}/supplementary", first.additional_info, text[:34], "AddtlTxInf")
        text = text[:34]
    return text


def amount_text(value_text: str, src: str) -> str:
    """An MT ``15d`` amount; a longer one cannot be carried and stops the translation."""
    if len(value_text) > 15:
        raise ConversionError(
            f"amount {value_text} is longer than the 15 characters of an MT amount",
            code="translate.value",
            path=src,
            value=value_text,
        )
    return value_text


def field_61(ctx: Ctx, entry: Entry, currency: str, src: str, tgt: str) -> MtField:
    """One camt entry as a 61 statement line (``src`` the Ntry path, ``tgt`` ``MT940:61[n]``)."""
    value_day = _day(entry.value_date)
    booked = _day(entry.booking_date)
    if value_day is None:
        fallback = booked
        if fallback is None:
            raise ConversionError(
                "the entry has neither a value date nor a booking date", code="translate.missing", path=src
            )
        ctx.defaulted(
            "TS023", f"{src}/BookgDt", f"{tgt}/value_date", fallback.isoformat(), "no ValDt: 61 uses BookgDt"
        )
        value_day = fallback
    text = date_to_mt(value_day, f"{src}/ValDt")
    if booked is not None:
        mmdd = booked.strftime("%m%d")
        if booking_year(value_day, mmdd) != booked:
            ctx.add(
                "lossy.truncated",
                "TS008",
                "the booking date is more than six months from the value date: its year is not recoverable",
                f"{src}/BookgDt",
                f"{tgt}/entry_date",
                booked.isoformat(),
                mmdd,
            )
        text += mmdd
    text += _mark(ctx, entry, src, tgt)
    if entry.amount.currency != currency:
        ctx.dropped(
            "TS022",
            f"{src}/Amt/@Ccy",
            tgt,
            entry.amount.currency,
            f"61 carries no currency; the statement currency is {currency}",
        )
    text += amount_text(decimal_to_mt(entry.amount.value), f"{src}/Amt")
    text += _code(ctx, entry, src, tgt)
    text += _customer_reference(ctx, entry, src, tgt)
    if entry.account_servicer_ref:
        text += "//" + reference16(
            ctx, entry.account_servicer_ref, f"{src}/AcctSvcrRef", f"{tgt}/bank_reference"
        )
    supplementary = _supplementary(ctx, entry, src, tgt)
    if supplementary:
        text += "\n" + supplementary
    return MtField("61", text)


def field_86(ctx: Ctx, text: str | None, src: str, tgt: str, rule: str) -> MtField | None:
    """Free text as an 86 of at most 6 lines of 65 characters (its own line breaks kept)."""
    if not text:
        return None
    lines = lines_86(ctx, text, src, tgt, rule, fit=6)
    if len(lines) > 6:
        ctx.truncated(rule, src, tgt, text, "\n".join(lines[:6]), "text for 86 (6 lines of 65)")
        lines = lines[:6]
    return MtField("86", "\n".join(lines))


def lines_86(ctx: Ctx, text: str, src: str, tgt: str, rule: str, fit: int | None = None) -> list[str]:
    """Free text as 86 lines of at most 65 characters, its own line breaks kept (any number).

    Lines break between words; when that takes more than ``fit`` lines and the plain cut at
    65 characters does not, the plain cut is used: breaking between words costs room, and
    text that fits the field must not be cut for the sake of its layout.
    """
    parts = [to_x(ctx, part, src, tgt) for part in text.replace("\r\n", "\n").split("\n")]
    lines, starts = _layout_86(parts, dense=False)
    if fit is not None and len(lines) > fit:
        dense, dense_starts = _layout_86(parts, dense=True)
        if len(dense) <= fit:
            lines, starts = dense, dense_starts
    for first in starts:
        ctx.defaulted(rule, src, tgt, " " + first, "an MT text line may not start with ':' or '-'", first)
    return lines


def _layout_86(parts: list[str], dense: bool) -> tuple[list[str], list[str]]:
    """(the lines, the texts of the lines that had to start with a space) of the cleaned parts;
    ``dense`` cuts at 65 characters, otherwise lines break between words."""
    lines: list[str] = []
    starts: list[str] = []
    for part in parts:
        rest = part.strip(" ") if len(part) > 65 else part  # a line that fits is kept as it is
        if not rest:
            lines.append(" ")
        elif dense:
            while rest:
                if rest[0] in (":", "-"):  # would read as a new field tag or the end of block 4
                    starts.append(rest[:64])
                    lines.append(" " + rest[:64])
                    rest = rest[64:]
                else:
                    lines.append(rest[:65])
                    rest = rest[65:]
        elif rest[0] in (":", "-"):  # would read as a new field tag or the end of block 4
            first, *more = wrap_coded(rest, 65, CODES_86, first_width=64)
            starts.append(first)
            lines.append(" " + first)
            lines.extend(more)
        elif len(rest) > 65 or any(f" /{code}/" in rest for code in CODES_86):
            lines.extend(wrap_coded(rest, 65, CODES_86))
        else:
            lines.append(rest)
    return lines, starts
