"""Option F party fields (50F, 59F): numbered lines ``1/`` … ``8/`` and their rules.

The numbered-line rules are network validated (error code T56 for the line
structure, T50 for an impossible date of birth, T73 for a bad country code). The
50F party identifier line is either an account (``/34x``) or
``code/country/identifier`` (``4!a/2!a/27x``, else T54) whose code is one of the
eight codes of :data:`ID_CODES` (else T55).
They are encoded as small data tables per tag so that 50F and 59F share one
checker:

* 50F: numbers 1–8; the first line is 1; numbers ascend; only 1, 2 and 3 may
  repeat; 2 requires 3; 4 and 5 require each other; 8 only continues the
  identification given by 6, 7 or the ``code/country/identifier`` party
  identifier, and follows it directly.
* 59F: numbers 1–3; the first line is 1; numbers ascend; 1, 2 and 3 may
  repeat; 2 requires 3 (so ``1/`` + ``3/`` without ``2/`` is valid).

A repeated 3 continues the town (free text); the first 3 starts with a country code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from finmsg.diagnostics import Diagnostic, Severity

__all__ = ["PartyLine", "check_party_f", "party_lines"]

_LINE = re.compile(r"([1-8])/(.*)\Z", re.S)
_COUNTRY_LINE = re.compile(r"([A-Z]{2})(?:/(.+))?\Z")
_ID_CODE = re.compile(r"(ARNU|CCPT|CUST|DRLC|EMPL|NIDN|SOSE|TXID)/([A-Z]{2})/(.+)\Z")
#: Codes of the ``code/country/identifier`` party identifier of 50F (error code T55).
ID_CODES = frozenset(("ARNU", "CCPT", "CUST", "DRLC", "EMPL", "NIDN", "SOSE", "TXID"))
_ID_SHAPE = re.compile(r"([A-Z]{4})/([A-Z]{2})/(.{1,27})\Z")


@dataclass(frozen=True, slots=True)
class PartyLine:
    """One numbered line: ``number`` (1-8) and its ``text`` after the slash."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class _Rules:
    allowed: frozenset[int]
    repeatable: frozenset[int]
    has_identifier_line: bool


_RULES = {
    "50F": _Rules(frozenset(range(1, 9)), frozenset({1, 2, 3}), True),
    "59F": _Rules(frozenset({1, 2, 3}), frozenset({1, 2, 3}), False),
}


def party_lines(value: str, tag: str = "50F") -> tuple[str | None, list[PartyLine | str]]:
    """Split an option-F value into its party identifier line and numbered lines.

    Lines that are not of the ``N/text`` form are returned as plain strings so
    the checker can report them.
    """
    lines = value.split("\n")
    ident: str | None = None
    if tag == "50F" or (lines and lines[0].startswith("/")):
        ident = lines[0]
        lines = lines[1:]
    out: list[PartyLine | str] = []
    for line in lines:
        m = _LINE.match(line)
        out.append(PartyLine(int(m.group(1)), m.group(2)) if m else line)
    return ident, out


def check_party_f(
    tag: str,
    value: str,
    path: str,
    country_ok: Callable[[str], bool] | None = None,
) -> list[Diagnostic]:
    """Diagnostics for the numbered-line rules of ``50F`` / ``59F`` (empty when valid)."""
    rules = _RULES[tag]
    ident, lines = party_lines(value, tag)
    diags: list[Diagnostic] = []

    def bad(code: str, message: str, index: int | None = None) -> None:
        where = f"{path}/line[{index}]" if index is not None else path
        diags.append(Diagnostic(f"mt.{code}", Severity.ERROR, message, path=where, rule=code))

    offset = 2 if ident is not None else 1
    if ident is not None and not ident.startswith("/"):
        _check_identifier(ident, path, country_ok, bad)
    if not lines:
        bad("T56", f"{tag} needs at least one numbered line")
        return diags
    previous = 0
    seen: set[int] = set()
    code_ident = ident is not None and _ID_CODE.match(ident) is not None
    for i, line in enumerate(lines):
        index = i + offset
        if isinstance(line, str) or line.number not in rules.allowed:
            allowed = "".join(str(n) for n in sorted(rules.allowed))
            bad("T56", f"line must start with a number in [{allowed}] and a slash", index)
            return diags
        n = line.number
        if i == 0 and n != 1:
            bad("T56", "the first numbered line must be 1/ (name)", index)
        if n < previous:
            bad("T56", f"line number {n} after {previous}: numbers must ascend", index)
        if n in seen and n not in rules.repeatable and n != 8:
            bad("T56", f"line number {n} must not be repeated", index)
        if n == 8:
            follows = previous in (6, 7) or (code_ident and previous in (1, 2, 3, 8))
            if not follows or (8 in seen and previous != 8):
                bad("T56", "8/ may only continue the identification of 6/, 7/ or the party identifier", index)
        if not line.text:
            bad("T56", f"line {n}/ has no text", index)
        if n == 3 and 3 not in seen:
            m = _COUNTRY_LINE.match(line.text)
            if m is None:
                bad("T56", "3/ must start with a two-letter country code (3/CC[/town])", index)
            elif country_ok is not None and not country_ok(m.group(1)):
                bad("T73", f"unknown country code {m.group(1)!r}", index)
        if n == 4:
            _check_birth_date(line.text, index, bad)
        if n in (5, 6, 7):
            cc = line.text[:2]
            if not re.fullmatch(r"[A-Z]{2}(/.+)?", line.text):
                bad("T56", f"{n}/ must start with a country code and a slash", index)
            elif country_ok is not None and not country_ok(cc):
                bad("T73", f"unknown country code {cc!r}", index)
        seen.add(n)
        previous = n
    if 2 in seen and 3 not in seen:
        bad("T56", "2/ (address) must not be used without 3/ (country and town)")
    if (4 in seen) != (5 in seen):
        bad("T56", "4/ (date of birth) and 5/ (place of birth) must be used together")
    return diags


def _check_identifier(
    ident: str, path: str, country_ok: Callable[[str], bool] | None, bad: Callable[..., None]
) -> None:
    """The 50F party identifier when it is not an account: ``4!a/2!a/27x`` with a known code."""
    shape = _ID_SHAPE.match(ident)
    if shape is None:
        bad("T54", "the party identifier must be /account or code/country/identifier (4!a/2!a/27x)", 1)
    elif shape.group(1) not in ID_CODES:
        codes = ", ".join(sorted(ID_CODES))
        bad("T55", f"party identifier code {shape.group(1)!r} is not one of {codes}", 1)
    elif country_ok is not None and not country_ok(shape.group(2)):
        bad("T73", f"unknown country code {shape.group(2)!r}", 1)


def _check_birth_date(text: str, index: int, bad: Callable[[str, str, int | None], None]) -> None:
    if not re.fullmatch(r"[0-9]{8}", text):
        bad("T56", "4/ must be a date of birth YYYYMMDD", index)
        return
    try:
        date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        bad("T50", f"4/ is not a real date: {text}", index)
