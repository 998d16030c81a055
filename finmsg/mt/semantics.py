"""The business checks of field components, written as regular expressions.

Why: :mod:`finmsg.mt.msgcheck` decides whether a whole message is clean with one
regex match; a component that needs a Python call afterwards (a date, a currency,
a BIC country) would cost more than the match itself. Each expression here
accepts exactly the text the corresponding Python check accepts:

* :data:`DATE6` - ``YYMMDD`` that :func:`finmsg.mt.fieldplan.date_ok` accepts (year
  2000 + ``YY``; in 2000-2099 a year is a leap year when it is divisible by 4);
* :func:`reference` - a reference that neither starts nor ends with ``/`` and has
  no ``//`` (T26);
* :func:`bic` - a BIC whose country is known (T27: the format already fixes the
  alphabet, so only the country can fail).

Currencies with the decimals each allows would take a few kilobytes of pattern per
amount field (a fifth of a second to compile per message type), so they stay data
(:func:`currency_units`) looked up after the match.

``tests/mt/test_msgcheck.py`` checks the expressions against their Python
counterparts (all six-digit dates, all two-letter countries, references over the
relevant alphabet).
"""

from __future__ import annotations

import re
from functools import cache

from finmsg.mt.charset import X_CHARS
from finmsg.standards import bic as std_bic
from finmsg.standards import currency as std_currency

__all__ = ["DATE6", "bic", "currency_units", "reference"]

_DAY31 = "(?:0[1-9]|[12][0-9]|3[01])"
_DAY30 = "(?:0[1-9]|[12][0-9]|30)"
_DAY28 = "(?:0[1-9]|1[0-9]|2[0-8])"
#: A real calendar date ``YYMMDD`` in 2000-2099 (29 February only in years divisible by 4).
DATE6 = (
    "(?:[0-9]{2}(?:(?:0[13578]|1[02])" + _DAY31 + "|(?:0[469]|11)" + _DAY30 + "|02" + _DAY28 + ")"
    "|(?:[02468][048]|[13579][26])0229)"
)


@cache
def currency_units() -> dict[str, int | None]:
    """ISO 4217 code → its minor units (``None``: any number of decimals); what
    :func:`finmsg.mt.fieldplan.currency_units` answers, as one dict lookup."""
    return {code: std_currency.minor_units(code) for code in std_currency.codes()}


@cache
def bic() -> str:
    """``4!a2!a2!c[3!c]`` whose country :func:`finmsg.standards.bic.is_valid` accepts.

    The countries are nested by first letter (``A[DEFG…]|B[…]``): the regex engine
    skips a branch after one comparison, and the pattern stays small to compile."""
    nested: dict[str, set[str]] = {}
    for code in std_bic.country_codes():
        nested.setdefault(code[0], set()).add(code[1])
    countries = "|".join(f"{a}[{''.join(sorted(b))}]" for a, b in sorted(nested.items()))
    return f"[A-Z]{{4}}(?:{countries})[A-Z0-9]{{2}}(?:[A-Z0-9]{{3}}|)"


@cache
def reference(count: int) -> str:
    """``<count>x`` without a leading or trailing ``/`` and without ``//`` (last in a value only:
    the look-ahead bounds the run of X characters, which ends where the value ends)."""
    x = "[" + re.escape(X_CHARS) + "]"
    plain = "[" + re.escape(X_CHARS.replace("/", "")) + "]+"
    return f"(?={x}{{1,{count}}}(?!{x})){plain}(?:/{plain})*"
