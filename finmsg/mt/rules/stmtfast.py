"""A quick verdict for the MT940/MT950 balance rules of :mod:`~finmsg.mt.rules.cash`.

Why: the exact rules walk every field several times (tags, numbers, 61 values) and
sum the statement lines as :class:`~decimal.Decimal`; for a clean statement of 20
lines that was a fifth of parse + validation. :func:`statement_silent` recognises the
usual layout (header fields, one block of 61 with their 86, closing fields), reads
the tags once as one string, scans the 61 lines with one ``findall`` that accepts
only the plain form (C or D mark, funds code not C/D, the opening balance's number
of decimals) and sums them as integers at that scale. It only ever answers "both
rules are silent"; anything else (``False``) sends the statement to the exact rules,
which alone write diagnostics.

Why it is exact: the lines it accepts are a subset of those the exact rule reads
(:data:`~finmsg.mt.rules.cash._LINES`), matched at the same line starts of the same
text, and both need one match per 61; so when it counts one match per 61, the exact
rule reads the very same amounts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import compress
from operator import itemgetter

from finmsg.mt.fieldplan import currency_units
from finmsg.mt.message import MtField

__all__ = ["statement_silent"]

_TAG = itemgetter(0)  # MtField.tag
_VALUE = itemgetter(1)  # MtField.value
_BALANCES = frozenset(("60", "62", "64", "65"))
_OPENING = frozenset(("60F", "60M"))
_CLOSING = frozenset(("62F", "62M"))
#: 60a/62a: D/C mark, date, currency, amount (as the exact rule reads them).
_BALANCE = re.compile(r"([CD])[0-9]{6}([A-Z]{3})([0-9]{1,14},[0-9]*)\Z")
#: Per number of decimals: the plain statement lines, captured from the mark to the
#: last decimal (``C100,05``, ``DR7,50``).
_PLAIN: dict[int, Callable[[bytes], list[bytes]]] = {}
#: ``C`` → ``+``, ``D`` → ``-``; the funds code and the comma are deleted.
_SIGNS = bytes.maketrans(b"CD", b"+-")
_DROP = b",ABEFGHIJKLMNOPQRSTUVWXYZ"
_ONE, _PAIR = " 61 ", " 61  86 "


def _plain(decimals: int) -> Callable[[bytes], list[bytes]]:
    found = _PLAIN.get(decimals)
    if found is None:
        pattern = rb"\n[0-9]{6}(?:[0-9]{4}|)([CD][ABE-Z]?[0-9]{1,14},[0-9]{%d})(?![0-9])" % decimals
        found = _PLAIN[decimals] = re.compile(pattern).findall
    return found


def _layout(fields: Sequence[MtField]) -> tuple[list[MtField], list[str]] | None:
    """(the fields outside the 61/86 block, the 61 values), or None for another layout."""
    tags = " " + "  ".join(map(_TAG, fields)) + " "
    if tags.count(" ") != 2 * len(fields):
        return None  # a tag holding a space: token boundaries are not sure
    n = tags.count(_ONE)
    if not n:
        return list(fields), []
    first, last = tags.find(_ONE), tags.rfind(_ONE)
    start = tags.count(" ", 0, first) // 2
    end = tags.count(" ", 0, last) // 2 + 1
    block = tags[first : last + 4]
    if block == _PAIR * (n - 1) + _ONE:
        values = list(map(_VALUE, fields[start:end:2]))
    elif end - start == n:
        values = list(map(_VALUE, fields[start:end]))
    elif len(block) == 4 * (n + block.count(" 86 ")):  # only 61 and 86 in the block
        values = list(compress(map(_VALUE, fields[start:end]), map("61".__eq__, block.split())))
    else:
        return None
    return [*fields[:start], *fields[end:]], values


def _scaled(text: str) -> int:
    return int(text.replace(",", ""))


def statement_silent(fields: Sequence[MtField]) -> bool:
    """``True`` only when none of ``balance_currencies``, ``line_decimals`` and
    ``statement_arithmetic`` reports (a line is only read here with the opening balance's
    number of decimals, which must then fit the currency)."""
    split = _layout(fields)
    if split is None:
        return False
    others, values = split
    seen: str | None = None
    opening = closing = None
    for tag, value in others:
        if tag[:2] in _BALANCES:
            if len(value) >= 10:
                if seen is None:
                    seen = value[7:9]
                elif value[7:9] != seen:
                    return False  # C27: the exact rule names the field
            if tag in _OPENING:
                if opening is None:
                    opening = value
            elif tag in _CLOSING:
                closing = value
    o = _BALANCE.match(opening) if opening else None
    c = _BALANCE.match(closing) if closing else None
    if o is None:
        return True  # neither the arithmetic rule nor the 61 decimals rule speaks
    if c is None or o[2] != c[2]:
        return not values  # the arithmetic rule does not speak; the lines' decimals may
    amount = o[3]
    decimals = len(amount) - amount.index(",") - 1
    if len(c[3]) - c[3].index(",") - 1 != decimals:
        return False
    units = currency_units(o[2])[1]
    if units is not None and decimals > units:
        return False  # the 61 lines read here would break C03: the exact rules name them
    start, end = _scaled(amount), _scaled(c[3])
    if o[1] == "D":
        start = -start
    if c[1] == "D":
        end = -end
    if not values:
        return start == end
    text = "\n" + "\n".join(values)
    if not text.isascii():
        return False
    found = _plain(decimals)(text.encode())
    if len(found) != len(values):
        return False
    return start + sum(map(int, b" ".join(found).translate(_SIGNS, _DROP).split())) == end
