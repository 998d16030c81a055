"""MT value syntax ↔ Python values: ``240131`` dates, ``1234,56`` amounts, rates.

Amounts are exact ``Decimal`` with the scale the source wrote (``1234,5`` ↔
``1234.5``), so a round trip never changes a digit (guarantee of issue §5).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from finmsg.errors import ConversionError
from finmsg.iso20022.writing import format_decimal
from finmsg.model.common import Amount

__all__ = ["amount_from_mt", "amount_to_mt", "date_from_mt", "date_to_mt", "decimal_from_mt", "decimal_to_mt"]


def decimal_from_mt(text: str, path: str) -> Decimal:
    """``1234,56`` → ``Decimal('1234.56')``; ``1234,`` → ``Decimal('1234')``."""
    body = text[:-1] if text.endswith(",") else text.replace(",", ".")
    try:
        return Decimal(body)
    except InvalidOperation:
        raise ConversionError(
            f"not an MT decimal: {text!r}", code="translate.value", path=path, value=text
        ) from None


def decimal_to_mt(value: Decimal) -> str:
    """``Decimal('1234.50')`` → ``1234,50``; an integer gets a trailing comma (``1234,``)."""
    text = format_decimal(value)
    return text.replace(".", ",") if "." in text else text + ","


def amount_from_mt(text: str, path: str) -> Amount:
    """``EUR1234,56`` (currency + amount) → :class:`Amount`.

    :func:`decimal_from_mt` written out (same text, same error): two or three amounts per message."""
    body = text[3:]
    try:
        value = Decimal(body[:-1] if body.endswith(",") else body.replace(",", "."))
    except InvalidOperation:
        raise ConversionError(
            f"not an MT decimal: {body!r}", code="translate.value", path=path, value=body
        ) from None
    return Amount(value, text[:3])


def amount_to_mt(amount: Amount) -> str:
    return amount.currency + decimal_to_mt(amount.value)


#: Dates already read: value dates cluster around today, so a handful of texts serve a day's traffic.
_DATES: dict[str, date] = {}


def date_from_mt(text: str, path: str) -> date:
    """``YYMMDD`` → date; FIN years are read in 2000-2099."""
    found = _DATES.get(text)
    if found is not None:
        return found
    try:
        value = date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise ConversionError(
            f"not an MT date: {text!r}", code="translate.value", path=path, value=text
        ) from None
    if len(_DATES) >= 4096:
        _DATES.clear()
    _DATES[text] = value
    return value


#: Dates already written (value dates cluster around today, like :data:`_DATES`).
_TEXTS: dict[date, str] = {}


def date_to_mt(value: date, path: str) -> str:
    found = _TEXTS.get(value)
    if found is not None:
        return found
    if not 2000 <= value.year <= 2099:
        raise ConversionError(
            f"{value} cannot be written as an MT YYMMDD date",
            code="translate.value",
            path=path,
            value=value.isoformat(),
        )
    # formatted by hand: strftime costs several times more, and the year is 2000-2099 here
    text = f"{value.year - 2000:02d}{value.month:02d}{value.day:02d}"
    if len(_TEXTS) >= 4096:
        _TEXTS.clear()
    _TEXTS[value] = text
    return text
