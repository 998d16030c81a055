"""MT party and agent fields → model :class:`Party` / :class:`Agent` (+ account).

Covers 50A/F/K and 59/59A/59F (customers, rules TR012-TR014, TR024, TR032)
and the agent options A/B/C/D of fields 52-58 (TR015, TR016). Free-text
addresses go through :mod:`finmsg.translate.address`; what cannot be
structured is reported as ``address.unstructured``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from finmsg.errors import ConversionError
from finmsg.model.common import Account, Agent, BirthInfo, GenericId, Party, PartyKind, PostalAddress
from finmsg.mt.message import MtField
from finmsg.mt.partyf import PartyLine, party_lines
from finmsg.standards import iban as std_iban
from finmsg.standards import lei as std_lei
from finmsg.translate.address import address_lines, split_town, structure_lines
from finmsg.translate.clearing import clearing_from_mt
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.memo import replayed

__all__ = ["account_of", "agent_from_mt", "party_from_mt", "structured_address"]

_PERSON_CODES = frozenset({"ARNU", "CCPT", "DRLC", "NIDN", "SOSE"})
_ID_CODE = re.compile(r"(ARNU|CCPT|CUST|DRLC|EMPL|NIDN|SOSE|TXID)/([A-Z]{2})/(.+)\Z")
_MARK = re.compile(r"/([CD])/(.+)\Z")


@lru_cache(maxsize=4096)
def account_of(identifier: str) -> Account:
    """An account from an MT account text: IBAN when it is one, else ``Othr/Id``."""
    compact = identifier.replace(" ", "")
    if std_iban.is_valid(compact) and compact == identifier:
        return Account(iban=compact)
    return Account(other=GenericId(identifier))


def structured_address(
    ctx: Ctx, lines: list[str], src: str, tgt: str, country: str | None = None, town: str | None = None
) -> PostalAddress | None:
    """SR2026 address from lines, reporting the confidence or why the minimum is not reached (TR024)."""
    if not lines and country is None:
        return None
    guess = structure_lines(lines, country, town)
    if guess.missing:
        ctx.add(
            "address.unstructured",
            "TR024",
            f"SR2026 minimum not reachable: {' and '.join(guess.missing)} not recognisable in the "
            "address lines (never invented); kept as unstructured AdrLine",
            src,
            tgt,
            " | ".join(lines),
        )
    else:
        ctx.info(
            "address.structured",
            "TR024",
            f"address lines structured ({guess.address.style.value}), confidence {guess.confidence}",
            src,
            tgt,
            " | ".join(lines),
            str(guess.confidence),
        )
    return guess.address


def _split_account(lines: list[str]) -> tuple[str | None, list[str]]:
    if lines and lines[0].startswith("/"):
        return lines[0][1:], lines[1:]
    return None, lines


@replayed()
def party_from_mt(ctx: Ctx, f: MtField, src: str, tgt: str) -> tuple[Party, Account | None]:
    """50A/F/K or 59/59A/59F → party and its account (remembered per field text and paths)."""
    if f.option == "F":
        return _party_f(ctx, f, src, tgt)
    account_text, rest = _split_account(f.lines)
    account = account_of(account_text) if account_text else None
    if f.option == "A":
        return Party(kind=PartyKind.ORGANISATION, bic=rest[0] if rest else None), account
    name = rest[0] if rest else None
    offset = 2 if account_text is not None else 1
    address = structured_address(ctx, rest[1:], line_path(src, offset + 1), f"{tgt}/PstlAdr")
    return Party(name=name, address=address), account


def _party_f(ctx: Ctx, f: MtField, src: str, tgt: str) -> tuple[Party, Account | None]:
    ident, numbered = party_lines(f.value, f.tag)
    account: Account | None = None
    ids: list[GenericId] = []
    lei: str | None = None
    person = False
    if ident is not None and ident.startswith("/"):
        account = account_of(ident[1:])
    elif ident is not None:
        m = _ID_CODE.match(ident)
        if m:
            code, issuer_country, value = m.groups()
            person = code in _PERSON_CODES
            ids.append(_generic(code, issuer_country, value))
    names: list[str] = []
    street: list[str] = []
    town_parts: list[str] = []
    country: str | None = None
    birth_date: str | None = None
    birth_place: str | None = None
    birth_line, birth_text = 0, ""
    for index, line in enumerate(numbered, start=1 if ident is None else 2):
        if not isinstance(line, PartyLine):
            continue
        n, text = line.number, line.text
        if n in (4, 5) and not birth_line:
            birth_line, birth_text = index, text
        if n == 1:
            names.append(text)
        elif n == 2:
            street.append(text)
        elif n == 3 and country is None:
            country, _, first_town = text.partition("/")
            if first_town:
                town_parts.append(first_town)
        elif n == 3:
            town_parts.append(text)
        elif n == 4:
            birth_date, person = f"{text[:4]}-{text[4:6]}-{text[6:8]}", True
        elif n == 5:
            birth_place, person = text, True
        elif n == 6:
            cc, _, rest = text.partition("/")
            issuer, _, value = rest.partition("/")
            if issuer == "LEI" and std_lei.is_valid(value):
                lei = value
            else:
                ids.append(GenericId(value, "CUST", None, f"{cc}/{issuer}"))
        elif n == 7:
            cc, _, value = text.partition("/")
            ids.append(GenericId(value, "NIDN", None, cc))
            person = True
        elif n == 8 and ids:
            last = ids[-1]
            ids[-1] = GenericId(last.id + text, last.scheme_code, last.scheme_proprietary, last.issuer)
    if (birth_date is None) != (birth_place is None):
        _refuse_half_birth(f.tag, birth_date is not None, birth_text, line_path(src, birth_line))
    birth = None
    if birth_date and birth_place:
        cc, _, city = birth_place.partition("/")
        birth = BirthInfo(birth_date, city, cc)
    town: str | None = " ".join(town_parts) or None
    address = None
    if country is not None:
        address = _address_f(ctx, street, country, town, src, f"{tgt}/PstlAdr")
    if lei is not None and person:
        ctx.dropped(
            "TR032",
            src,
            f"{tgt}/Id",
            lei,
            "an LEI identifies an organisation; the party carries person identifiers, so it is dropped",
        )
        lei = None
    kind = PartyKind.PERSON if person else (PartyKind.ORGANISATION if ids or lei else None)
    name = " ".join(names) if names else None
    return Party(name=name, address=address, kind=kind, lei=lei, other_ids=tuple(ids), birth=birth), account


def _refuse_half_birth(tag: str, has_date: bool, text: str, src: str) -> None:
    """4/ (date of birth) without 5/ (place of birth), or 5/ without 4/: refused (T56).

    Why refuse rather than translate: network rule T56 makes 4/ and 5/ go together, so such
    a 50F is not a FIN message a bank could have received, and the ISO 20022 element for
    them, DtAndPlcOfBirth, requires the date, the city and the country of birth together. A
    translation could only drop the half it has (a silent loss of an identifying fact) or
    invent the other half; a typed error naming the line lets the sender repair the source.
    """
    have, missing = ("4/ (date of birth)", "5/ (place of birth)")
    if not has_date:
        have, missing = missing, have
    raise ConversionError(
        f"{tag} has {have} without {missing}: network rule T56 requires both, and "
        "DtAndPlcOfBirth needs the date, city and country of birth together",
        code="translate.value",
        path=src,
        value=text,
    )


def _generic(code: str, country: str, value: str) -> GenericId:
    if code == "CUST":
        issuer, _, ident = value.partition("/")
        return GenericId(ident or issuer, code, None, f"{country}/{issuer}" if ident else country)
    return GenericId(value, code, None, country)


def _address_f(
    ctx: Ctx, street: list[str], country: str, town: str | None, src: str, tgt: str
) -> PostalAddress:
    guess = structure_lines(street, country, town) if town else None
    if guess is None or guess.missing:
        post_code, _, _ = split_town(town or "")
        ctx.add(
            "address.unstructured",
            "TR024",
            "SR2026 minimum not reachable: option F line 3/ has no town; kept country and lines",
            src,
            tgt,
            "/".join(filter(None, [country, town])),
        )
        return PostalAddress(
            style=PostalAddress.style_of(True, bool(street)),
            country=country,
            lines=tuple(street),
            post_code=post_code,
        )
    _report_reorder(ctx, street, country, town or "", guess.address, src, tgt)
    return guess.address


def _report_reorder(
    ctx: Ctx, street: list[str], country: str, town: str, address: PostalAddress, src: str, tgt: str
) -> None:
    """PstlAdr keeps the parts of ``2/`` and ``3/`` lines, not their order: when the reverse
    translation would write them in another order (``3/JP/TOKYO 100-0005`` comes back as
    ``3/JP/100-0005 TOKYO``), say so, with both texts (TR024)."""
    lines, town_back = address_lines(address)
    if lines == street and town_back == town:
        return
    before = [*(f"2/{line}" for line in street), f"3/{country}/{town}"]
    after = [*(f"2/{line}" for line in lines), f"3/{country}/{town_back}" if town_back else f"3/{country}"]
    ctx.info(
        "address.reordered",
        "TR024",
        "PstlAdr keeps the address parts, not their order: the reverse translation writes "
        "the recognised street, building number, post code and town in its own order",
        src,
        tgt,
        "\n".join(before),
        "\n".join(after),
    )


def _report_unknown_clearing(ctx: Ctx, code: str, line: str, src: str, tgt: str) -> None:
    """A ``//XX…`` code without an ISO 20022 clearing system (:mod:`finmsg.translate.clearing`):
    carried as ClrSysId/Prtry, which is valid, but said, because the receiver of the MX cannot
    read ``XX`` as a clearing system either and a mistyped code (``//FX…`` for ``//FW…``) would
    otherwise pass unnoticed."""
    ctx.info(
        "mapping.unrecognised",
        "TR015",
        f"clearing code {code!r} is not an MT clearing code with an ISO 20022 clearing system "
        "(ExternalClearingSystemIdentification1Code): carried as ClrSysId/Prtry",
        src,
        f"{tgt}/FinInstnId/ClrSysMmbId/ClrSysId/Prtry",
        line,
        code,
    )


@replayed()
def agent_from_mt(ctx: Ctx, f: MtField, src: str, tgt: str) -> tuple[Agent | None, Account | None]:
    """An agent field (options A/B/C/D) → agent and its account; B keeps only its account
    (remembered per field text and paths)."""
    lines = f.lines
    first = lines[0]
    account: Account | None = None
    clearing = None
    rest = lines
    if first.startswith("/"):
        rest = lines[1:]
        clearing = clearing_from_mt(first)
        if clearing is not None and clearing.system_proprietary is not None:
            _report_unknown_clearing(ctx, clearing.system_proprietary, first, line_path(src, 1), tgt)
        if clearing is None:
            mark = _MARK.match(first)
            text = mark.group(2) if mark else first[1:]
            if mark:
                ctx.info(
                    "lossy.dropped",
                    "TR015",
                    f"debit/credit mark /{mark.group(1)}/ of the account has no ISO 20022 element",
                    line_path(src, 1),
                    f"{tgt}Acct",
                    first,
                    text,
                )
            account = account_of(text)
    if f.option == "A":
        bic = rest[0] if rest else None
        return Agent(bic=bic, clearing=clearing), account
    if f.option == "C":
        return (Agent(clearing=clearing) if clearing else None), account
    if f.option == "B":
        if rest:
            ctx.dropped(
                "TR016",
                line_path(src, len(lines)),
                tgt,
                rest[0],
                "option B location has no ISO 20022 element",
            )
        return None, account
    name = rest[0] if rest else None
    offset = len(lines) - len(rest)
    address = structured_address(ctx, rest[1:], line_path(src, offset + 2), f"{tgt}/FinInstnId/PstlAdr")
    return Agent(name=name, clearing=clearing, address=address), account
