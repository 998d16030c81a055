"""MT value syntax ↔ Python values: ``240131`` dates, ``1234,56`` amounts, rates.

Amounts are exact ``Decimal`` with the scale the source wrote (``1234,5`` ↔
``1234.5``), so a round trip never changes a digit (guarantee of issue §5).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finmsg.errors import ConversionError, amount_error
from finmsg.iso20022.writing import format_decimal
from finmsg.model.common import Amount

__all__ = ["amount_from_mt", "amount_to_mt", "date_from_mt", "date_to_mt", "decimal_from_mt", "decimal_to_mt"]


def decimal_from_mt(text: str, path: str) -> Decimal:
    """``1234,56`` → ``Decimal('1234.56')``; ``1234,`` → ``Decimal('1234')``.

    Digits and at most one comma only (checked with one ``isdigit``): ``Decimal`` alone also
    takes ``1E5``, ``-5``, ``NaN``, ``.5`` and spaces, none of which an MT field can hold. (A few
    callers pass an ISO decimal's digits with its point made a comma: the comma is optional.)"""
    if not text.replace(",", "", 1).isdigit() or text[:1] == ",":
        raise ConversionError(f"not an MT decimal: {text!r}", code="translate.value", path=path, value=text)
    return Decimal(text[:-1] if text.endswith(",") else text.replace(",", "."))


def decimal_to_mt(value: Decimal, path: str | None = None) -> str:
    """``Decimal('1234.50')`` → ``1234,50``; an integer gets a trailing comma (``1234,``).

    A NaN, an Infinity or a ``float`` is refused (``write.amount``, at ``path`` when given):
    an MT wrote ``NaN,`` before. :func:`finmsg.convert` names the model attribute when no
    ``path`` is given."""
    try:
        text = format_decimal(value)
    except ConversionError:
        raise amount_error(value, path) from None
    return text.replace(".", ",") if "." in text else text + ","


def amount_from_mt(text: str, path: str) -> Amount:
    """``EUR1234,56`` (currency + amount) → :class:`Amount`.

    :func:`decimal_from_mt` written out: two or three amounts per message. A currency that is
    not letters (``EU1``) is refused too: it passed into the MX unnoticed."""
    body = text[3:]
    if not body.replace(",", "", 1).isdigit() or body[:1] == ",":
        raise ConversionError(f"not an MT decimal: {body!r}", code="translate.value", path=path, value=body)
    currency = text[:3]
    if not currency.isalpha():  # (lower case is the field format's to report, as on validate)
        raise ConversionError(
            f"not an MT currency code (3!a): {currency!r}", code="translate.value", path=path, value=currency
        )
    return Amount(Decimal(body[:-1] if body.endswith(",") else body.replace(",", ".")), currency)


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
