"""CFI (ISO 10962 Classification of Financial Instruments).

Six letters: category, group, then four attributes whose meaning depends on the
group. The category and group letters are checked against the standard's table
(stored below as data, 2015 edition onwards). Attribute letters are checked
for being letters only: ``X`` means "not applicable/undefined" and is allowed in
every attribute position, never as category or group.

>>> validate('esvufr')
'ESVUFR'
>>> describe('ESVUFR')
('Equities', 'Common/ordinary shares')
>>> validate('EZXXXX')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidComponent: [standards.cfi.component]: group 'Z' does not e...
"""

from __future__ import annotations

import re

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["CATEGORIES", "compact", "describe", "format", "is_valid", "validate"]

_STANDARD = "cfi"
_SHAPE = re.compile(r"[A-Z]{6}", re.ASCII)

#: ISO 10962 uses the same groups (asset classes) for swaps (S) and non-listed options (H).
_SWAP_AND_OPTION_GROUPS = {
    "R": "Rates",
    "T": "Commodities",
    "E": "Equity",
    "C": "Credit",
    "F": "Foreign exchange",
    "M": "Others (miscellaneous)",
}

#: Category letter -> (category name, {group letter: group name}). Facts of ISO 10962.
CATEGORIES: dict[str, tuple[str, dict[str, str]]] = {
    "E": (
        "Equities",
        {
            "S": "Common/ordinary shares",
            "P": "Preferred/preference shares",
            "C": "Common/ordinary convertible shares",
            "F": "Preferred/preference convertible shares",
            "L": "Limited partnership units",
            "D": "Depositary receipts on equities",
            "Y": "Structured instruments (participation)",
            "M": "Others (miscellaneous)",
        },
    ),
    "C": (
        "Collective investment vehicles",
        {
            "I": "Standard (vanilla) investment funds/mutual funds",
            "H": "Hedge funds",
            "B": "Real estate investment trusts",
            "E": "Exchange traded funds",
            "S": "Pension funds",
            "F": "Funds of funds",
            "P": "Private equity funds",
            "M": "Others (miscellaneous)",
        },
    ),
    "D": (
        "Debt instruments",
        {
            "B": "Bonds",
            "C": "Convertible bonds",
            "W": "Bonds with warrants attached",
            "T": "Medium-term notes",
            "Y": "Money market instruments",
            "S": "Structured products (with capital protection)",
            "E": "Structured products (without capital protection)",
            "G": "Mortgage-backed securities",
            "A": "Asset-backed securities",
            "N": "Municipal bonds",
            "D": "Depositary receipts on debt instruments",
            "M": "Others (miscellaneous)",
        },
    ),
    "R": (
        "Entitlements (rights)",
        {
            "A": "Allotment (bonus) rights",
            "S": "Subscription rights",
            "P": "Purchase rights",
            "W": "Warrants",
            "F": "Mini-future certificates, constant leverage certificates",
            "D": "Depositary receipts on entitlements",
            "M": "Others (miscellaneous)",
        },
    ),
    "O": ("Listed options", {"C": "Call options", "P": "Put options", "M": "Others (miscellaneous)"}),
    "F": ("Futures", {"F": "Financial futures", "C": "Commodities futures"}),
    "S": ("Swaps", _SWAP_AND_OPTION_GROUPS),
    "H": ("Non-listed and complex listed options", _SWAP_AND_OPTION_GROUPS),
    "I": ("Spot", {"F": "Foreign exchange", "T": "Commodities"}),
    "J": (
        "Forwards",
        {
            "E": "Equity",
            "F": "Foreign exchange",
            "C": "Credit",
            "R": "Rates",
            "T": "Commodities",
        },
    ),
    "K": (
        "Strategies",
        {
            "R": "Rates",
            "T": "Commodities",
            "E": "Equity",
            "C": "Credit",
            "F": "Foreign exchange",
            "Y": "Mixed assets",
            "M": "Others (miscellaneous)",
        },
    ),
    "L": ("Financing", {"L": "Loan-lease", "R": "Repurchase agreements", "S": "Securities lending"}),
    "T": (
        "Referential instruments",
        {
            "C": "Currencies",
            "T": "Commodities",
            "R": "Interest rates",
            "I": "Indices",
            "B": "Baskets",
            "D": "Stock dividends",
            "M": "Others (miscellaneous)",
        },
    ),
    "M": ("Others (miscellaneous)", {"C": "Combined instruments", "M": "Other assets (miscellaneous)"}),
}


def compact(value: str) -> str:
    """Strip surrounding spaces and upper-case."""
    return value.strip().upper()


def validate(value: str) -> str:
    """Return the upper-case CFI code if its category and group exist, else raise."""
    cfi = _util.prepare(value, _STANDARD)
    if len(cfi) != 6:
        raise InvalidLength.for_standard(_STANDARD, value, f"{cfi!r} has {len(cfi)} characters; a CFI has 6")
    if not _SHAPE.fullmatch(cfi):
        raise InvalidFormat.for_standard(_STANDARD, value, f"{cfi!r} is not 6 letters")
    entry = CATEGORIES.get(cfi[0])
    if entry is None:
        raise InvalidComponent.for_standard(_STANDARD, value, f"category {cfi[0]!r} does not exist")
    name, groups = entry
    if cfi[1] not in groups:
        raise InvalidComponent.for_standard(
            _STANDARD, value, f"group {cfi[1]!r} does not exist in category {cfi[0]} ({name})"
        )
    return cfi


def is_valid(value: str) -> bool:
    """True when ``value`` is a CFI code with a known category and group; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def describe(value: str) -> tuple[str, str]:
    """Category and group names of a valid CFI code."""
    cfi = validate(value)
    name, groups = CATEGORIES[cfi[0]]
    return name, groups[cfi[1]]


def format(value: str) -> str:
    """Presentation form: upper case, no spaces."""
    return compact(value)
