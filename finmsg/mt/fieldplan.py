"""Per-tag validation plans, built once per tag and shared by every message.

A plan says what the field layers of :mod:`finmsg.mt.validate` look at in a tag
(date, currency, BIC, reference, option-F lines) and holds the regex to match
with. :func:`quick_check` turns a plan into a yes/no predicate that is truthy
exactly when those layers would report nothing for the value: for most tags it
is the compiled regex's own ``fullmatch`` (no Python frame at all), so a valid
message is checked with a C-level ``map`` over its fields, and only the fields
that fail go through the detailed, diagnostic-producing path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from finmsg.mt.charset import X_CHARS, Z_CHARS
from finmsg.mt.fields import format_for
from finmsg.mt.fieldspec import FieldFormat, compile_check
from finmsg.mt.partyf import check_party_f
from finmsg.standards import bic as std_bic
from finmsg.standards import country as std_country
from finmsg.standards import currency as std_currency

__all__ = [
    "PLANS",
    "Z_FIELDS",
    "Plan",
    "bic_ok",
    "country_ok",
    "currency_units",
    "date_ok",
    "plan",
    "quick_check",
]

#: Fields whose content may use the Z character set (all others use X).
Z_FIELDS = frozenset({"77T", "77E"})
_REFERENCE_FIELDS = frozenset({"20", "21", "21R", "21F", "20C", "20D"})


@lru_cache(maxsize=1024)
def currency_units(code: str) -> tuple[bool, int | None]:
    """(is an ISO 4217 code, its minor units or ``None``)."""
    if not std_currency.is_valid(code):
        return False, None
    return True, std_currency.minor_units(code)


bic_ok = lru_cache(maxsize=4096)(std_bic.is_valid)
country_ok = lru_cache(maxsize=512)(std_country.is_valid)


@lru_cache(maxsize=4096)
def date_ok(text: str) -> bool:
    """``YYMMDD`` or ``YYYYMMDD`` is a real calendar date."""
    try:
        if len(text) == 6:
            date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
        else:
            date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return False
    return True


Plan = tuple[FieldFormat | None, bool, bool, bool, bool, bool, "re.Pattern[str] | None", int]
#: A format that starts with a fixed-width number component (``<value_date>6!n``).
_LEADING_FIXED = re.compile(r"<(\w+)>(\d+)!n")
PLANS: dict[str, Plan] = {}


def plan(tag: str) -> Plan:
    """Per tag: format, whether it has dates, currency, BIC, a reference, a party F, the
    regex to match with, and the width of a leading date (0: read it from the match).

    The regex captures only the components these checks read
    (:func:`~finmsg.mt.fieldspec.compile_check`: same verdict, about half the cost);
    a date that opens the format (``<value_date>6!n`` of :61:) is the same slice in
    every match, so it needs no group at all.
    """
    fmt = format_for(tag)
    if fmt is None:
        found: Plan = (None, False, False, False, False, False, None, 0)
    else:
        names = fmt.names
        has_date = "date" in names or "value_date" in names
        has_ccy = "currency" in names
        has_bic = "bic" in names
        is_ref = tag in _REFERENCE_FIELDS
        keep = set()
        date_width = 0
        if has_date:
            date_name = "date" if "date" in names else "value_date"
            lead = _LEADING_FIXED.match(fmt.notation)
            if lead is not None and lead.group(1) == date_name:
                date_width = int(lead.group(2))  # every match starts with it: a slice will do
            else:
                keep.add(date_name)
        if has_ccy:
            keep.update(("currency", "amount") if "amount" in names else ("currency",))
        if has_bic:
            keep.add("bic")
        if is_ref:
            keep.add("reference")
        regex = compile_check(fmt.notation, frozenset(keep))
        found = (fmt, has_date, has_ccy, has_bic, is_ref, tag in ("50F", "59F"), regex, date_width)
    PLANS[tag] = found
    return found


_CLEAN = {
    "x": re.compile("[" + re.escape(X_CHARS) + "\n]*").fullmatch,
    "z": re.compile("[" + re.escape(Z_CHARS) + "\n]*").fullmatch,
}


def quick_check(tag: str) -> Callable[[str], object]:
    """A predicate, truthy exactly when the charset, field and business layers report
    nothing for a value of ``tag`` (they run their detailed checks only when it is falsy).

    Mirrors :func:`finmsg.mt.validate._field` with every layer on: a tag without a
    format is only charset-checked; a format match implies the charset of the
    non-Z fields; the semantic checks run on the match's components.
    """
    fmt, has_date, has_ccy, has_bic, is_ref, party_f, regex, date_width = PLANS.get(tag) or plan(tag)
    z_field = tag in Z_FIELDS
    if fmt is None or regex is None:
        return _CLEAN["z" if z_field else "x"]
    if not (has_date or has_ccy or has_bic or is_ref or party_f or z_field):
        return regex.fullmatch
    date_name = "date" if "date" in fmt.names else "value_date"
    has_amount = "amount" in fmt.names
    clean_z = _CLEAN["z"]
    fullmatch = regex.fullmatch

    def ok(value: str) -> bool:
        m = fullmatch(value)
        if m is None or (z_field and clean_z(value) is None):
            return False
        if is_ref:
            ref = m.group("reference")
            if ref[:1] == "/" or ref[-1:] == "/" or "//" in ref:
                return False
        if has_bic and not bic_ok(m.group("bic")):
            return False
        if party_f and check_party_f(tag, value, "", country_ok):
            return False
        if has_date:
            d = value[:date_width] if date_width else m.group(date_name)
            if d and not date_ok(d):
                return False
        if has_ccy:
            valid, units = currency_units(m.group("currency"))
            if not valid:
                return False
            if units is not None and has_amount:
                amount = m.group("amount")
                if len(amount) - amount.index(",") - 1 > units:
                    return False
        return True

    return ok
