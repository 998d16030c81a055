"""Build option F party fields (50F, 59F) from a structured party (TR014, TR025, TR032).

Four numbered lines of 35 characters must hold name, address, town and
country, birth data and identifiers. Lines are chosen by priority (first name
line, country/town, birth data, identifiers, street, more name, more town)
and then written in ascending number order as the network rules require.
What is left over is reported as truncated.
"""

from __future__ import annotations

from finmsg.model.common import Account, GenericId, Party
from finmsg.mt.message import MtField
from finmsg.translate.address import address_lines
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.text import NOTPROVIDED, to_x, wrap

__all__ = ["option_f"]

_BODY = 33  # 35 minus the "n/" prefix
_MAX_LINES = 4
_CODE_IDS = frozenset({"ARNU", "CCPT", "CUST", "DRLC", "EMPL", "NIDN", "SOSE", "TXID"})


def _numbered(number: int, text: str, width: int = _BODY) -> list[tuple[int, str]]:
    return [(number, part) for part in wrap(text, width)]


def _ident_line(other: GenericId) -> str | None:
    """``CODE/CC/ID`` party identifier of an option F debtor (CUST keeps its issuer)."""
    if other.scheme_code not in _CODE_IDS or not other.issuer:
        return None
    return f"{other.scheme_code}/{other.issuer}/{other.id}"


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
    town: list[tuple[int, str]] = []
    address = party.address
    country = address.country if address is not None else None
    if address is not None and country:
        lines, town_text = address_lines(address)
        for line in lines:
            street.extend(_numbered(2, x(line)))
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
                dropped.append(("Id/Othr", other.id))
            else:
                extra_ids.extend(numbered)
    else:
        for path, value in (("Id/OrgId/LEI", party.lei), *(("Id/Othr", o.id) for o in ids)):
            if value:
                dropped.append((path, value))
    groups = [name[:1], town[:1], birth, extra_ids, street, name[1:], town[1:]]
    chosen: list[tuple[int, str]] = []
    left: list[tuple[int, str]] = []
    for group in groups:
        if len(chosen) + len(group) <= _MAX_LINES and (group is not birth or len(group) == 2):
            chosen.extend(group)
        else:
            left.extend(group)
    if street and not any(n == 3 for n, _ in chosen):
        left.extend(line for line in chosen if line[0] == 2)
        chosen = [line for line in chosen if line[0] != 2]
    for path, value in dropped:
        ctx.dropped("TR014", f"{src}/{path}", tgt, value, f"{tag} has no line for this identifier")
    if left:
        ctx.truncated(
            "TR025",
            src,
            tgt,
            "\n".join(f"{n}/{t}" for n, t in left),
            "",
            f"{tag} holds four numbered lines; these did not fit",
        )
    chosen.sort(key=lambda line: line[0])
    body = [f"{n}/{t}" for n, t in chosen]
    return MtField(tag, "\n".join(filter(None, [ident, *body])))


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
