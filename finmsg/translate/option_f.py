"""Build option F party fields (50F, 59F) from a structured party (TR014, TR025, TR032).

Four numbered lines of 35 characters must hold name, address, town and
country, birth data and identifiers. Lines are chosen by priority (first name
line, country/town, birth data, identifiers, street, more name, more town)
and then written in ascending number order as the network rules require.
What is left over is reported as truncated.
"""

from __future__ import annotations

from finmsg.model.common import Account, GenericId, Party, PartyKind
from finmsg.mt.message import MtField
from finmsg.standards import country as std_country
from finmsg.translate.address import address_lines
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.text import NOTPROVIDED, mark_cut, to_x, wrap

__all__ = ["option_f"]

_BODY = 33  # 35 minus the "n/" prefix
_MAX_LINES = 4
_CODE_IDS = frozenset({"ARNU", "CCPT", "CUST", "DRLC", "EMPL", "NIDN", "SOSE", "TXID"})


def _numbered(number: int, text: str, width: int = _BODY) -> list[tuple[int, str]]:
    return [(number, part) for part in wrap(text, width)]


def _ident_line(other: GenericId) -> str | None:
    """``CODE/CC/ID`` party identifier of an option F debtor (CUST keeps its issuer).

    The line is ``4!a/2!a/27x`` (network rules T54, T73): the issuer must be a country code
    (a CUST issuer read from an MT is ``CC/issuer``). Any other issuer (a BIC, an authority's
    name) would make the field invalid, so such an identifier goes to a numbered line instead.
    """
    if other.scheme_code not in _CODE_IDS or not other.issuer:
        return None
    country = other.issuer.partition("/")[0] if other.scheme_code == "CUST" else other.issuer
    if len(country) != 2 or not std_country.is_valid(country):
        return None
    return f"{other.scheme_code}/{other.issuer}/{other.id}"


def _othr_path(party: Party, other: GenericId) -> str:
    """``Id/OrgId/Othr[n]`` or ``Id/PrvtId/Othr[n]``: where ``other`` came from in the source."""
    branch = "PrvtId" if party.kind is PartyKind.PERSON else "OrgId"
    return f"Id/{branch}/Othr[{party.other_ids.index(other) + 1}]"


def option_f(ctx: Ctx, number: str, party: Party, account: Account | None, src: str) -> MtField:
    tag = f"{number}F"
    tgt = f"{ctx.mt_prefix}:{tag}"
    debtor = number == "50"
    ids = list(party.other_ids)
    ident: str | None = f"/{account.identifier}" if account is not None and account.identifier else None
    if ident is None and debtor:
        for other in ids:
            line = _ident_line(other)
            if line is not None and len(line) <= 35:
                ident = line
                ids.remove(other)
                break
    if ident is None and debtor:
        ctx.defaulted(
            "TR028", src, line_path(tgt, 1), f"/{NOTPROVIDED}", "50F needs an account or identifier"
        )
        ident = f"/{NOTPROVIDED}"

    def x(text: str) -> str:
        return to_x(ctx, text, src, tgt)

    name = _numbered(1, x(party.name or NOTPROVIDED))
    street: list[tuple[int, str]] = []
    street_texts: list[str] = []  # the address lines before wrapping, for the report of a cut
    town: list[tuple[int, str]] = []
    address = party.address
    country = address.country if address is not None else None
    if address is not None:
        from finmsg.translate.mx_parties import report_rest

        report_rest(ctx, address, src, tgt)
    if address is not None and country:
        lines, town_text = address_lines(address)
        for line in lines:
            text = x(line)
            street_texts.append(text)
            street.extend(_numbered(2, text))
        town = _numbered(3, f"{country}/{x(town_text)}" if town_text else country)
    birth: list[tuple[int, str]] = []
    extra_ids: list[tuple[int, str]] = []
    dropped: list[tuple[str, str]] = []
    if debtor:
        if party.birth is not None:
            birth = [
                (4, party.birth.date.replace("-", "")),
                (5, x(f"{party.birth.country}/{party.birth.city}")[:_BODY]),
            ]
        id_country = country or (party.birth.country if party.birth else None)
        if party.lei:
            if id_country:
                extra_ids.append((6, f"{id_country}/LEI/{party.lei}"))
            else:
                dropped.append(("Id/OrgId/LEI", party.lei))
        for other in ids:
            numbered = _other_line(other, id_country)
            if numbered is None:
                dropped.append((_othr_path(party, other), other.id))
                continue
            extra_ids.extend(numbered)
            scheme = other.scheme_code or other.scheme_proprietary
            if numbered[0][0] == 6 and scheme and scheme != "CUST":
                # 6/ is a customer identification number: a passport, tax id... loses its scheme
                where = f"{_othr_path(party, other)}/SchmeNm/{'Cd' if other.scheme_code else 'Prtry'}"
                ctx.dropped(
                    "TR014", f"{src}/{where}", tgt, scheme, f"{tag} 6/ is a customer number: no scheme"
                )
    else:
        for path, value in (("Id/OrgId/LEI", party.lei), *((_othr_path(party, o), o.id) for o in ids)):
            if value:
                dropped.append((path, value))
        if party.birth is not None:  # 59F has no birth lines (4/ and 5/ are 50F only)
            born = party.birth
            dropped.append(("Id/PrvtId/DtAndPlcOfBirth", f"{born.date} {born.city} {born.country}"))
    if party.bic:  # neither 50F nor 59F has a BIC line; the BIC options take no name and address
        dropped.append(("Id/OrgId/AnyBIC", party.bic))
    more_name, more_town = name[1:], town[1:]
    groups = [name[:1], town[:1], birth, extra_ids, street, more_name, more_town]
    chosen: list[tuple[int, str]] = []
    left: list[tuple[int, str]] = []
    for group in groups:
        room = _MAX_LINES - len(chosen)
        if len(group) <= room and (group is not birth or len(group) == 2):
            chosen.extend(group)
        elif group is street or group is more_name or group is more_town:  # text: its first lines
            chosen.extend(group[:room])
            left.extend(group[room:])
        else:
            left.extend(group)
    if street and not any(n == 3 for n, _ in chosen):
        left.extend(line for line in chosen if line[0] == 2)
        chosen = [line for line in chosen if line[0] != 2]
    for path, value in dropped:
        ctx.dropped("TR014", f"{src}/{path}", tgt, value, f"{tag} has no line for this identifier")
    if left:
        _report_left(ctx, tag, src, chosen, left, "\n".join(street_texts))
    chosen.sort(key=lambda line: line[0])
    body = [f"{n}/{t}" for n, t in chosen]
    return MtField(tag, "\n".join(filter(None, [ident, *body])))


#: Line number → (source element below the party, what it holds) for the reports of :func:`_report_left`.
_SOURCES = {
    1: ("Nm", "name"),
    2: ("PstlAdr", "street"),
    3: ("PstlAdr/TwnNm", "town"),
    4: ("Id/PrvtId/DtAndPlcOfBirth", "birth data"),
    5: ("Id/PrvtId/DtAndPlcOfBirth", "birth data"),
    6: ("Id", "identifier"),
    7: ("Id", "identifier"),
    8: ("Id", "identifier"),
}


def _report_left(
    ctx: Ctx, tag: str, src: str, chosen: list[tuple[int, str]], left: list[tuple[int, str]], street: str
) -> None:
    """Report what did not fit, once per source element: cut (its last written line then ends with
    the TR004 cut mark ``+``, in place) or left out whole. Only runs when something is left."""
    tgt = f"{ctx.mt_prefix}:{tag}"
    for path in dict.fromkeys(_SOURCES[n][0] for n, _ in left):
        label = next(what for where, what in _SOURCES.values() if where == path)
        kept = [i for i, (n, _) in enumerate(chosen) if _SOURCES[n][0] == path]
        lost = [t for n, t in left if _SOURCES[n][0] == path]
        joiner = "" if path in ("Nm", "PstlAdr/TwnNm") else "\n"  # a name or town is one cut text
        original = street if path == "PstlAdr" else joiner.join([*(chosen[i][1] for i in kept), *lost])
        if kept:
            n, text = chosen[kept[-1]]
            chosen[kept[-1]] = (n, mark_cut(text, _BODY))
            emitted = "\n".join(chosen[i][1] for i in kept)
            ctx.truncated("TR025", f"{src}/{path}", tgt, original, emitted, f"{tag} {label}")
        else:
            why = (
                f"{tag} holds four numbered lines (a 2/ street line needs a 3/ line): no room for the {label}"
            )
            ctx.dropped("TR025", f"{src}/{path}", tgt, original, why)


def _other_line(other: GenericId, country: str | None) -> list[tuple[int, str]] | None:
    """6/ (customer id with issuer) or 7/ (national id) lines, with 8/ continuation."""
    if other.scheme_code == "NIDN" and other.issuer and len(other.issuer) == 2:
        text, number = f"{other.issuer}/{other.id}", 7
    elif other.scheme_code == "CUST" and other.issuer and "/" in other.issuer:
        text, number = f"{other.issuer}/{other.id}", 6
    elif country and other.issuer:
        text, number = f"{country}/{other.issuer}/{other.id}", 6
    else:
        return None
    parts = wrap(text, _BODY)
    return [(number, parts[0]), *((8, part) for part in parts[1:])]
