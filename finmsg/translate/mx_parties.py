"""Model parties and agents → MT party fields (50A/F/K, 59/59A/59F, agent options A/C/D).

Option choice follows the CBPR+ MX → MT practice: a BIC gives option A; a
structured address (town and country), birth data or identifiers give option
F, whose numbered lines are allocated by priority within the four lines the
field allows (TR014, TR025); anything else is option K / no letter / D.
Every value that does not fit is reported, never cut silently.
"""

from __future__ import annotations

from finmsg.model.common import Account, Agent, Party, PostalAddress
from finmsg.mt.message import MtField
from finmsg.standards import country as std_country
from finmsg.translate.address import address_lines, address_rest
from finmsg.translate.clearing import clearing_to_mt
from finmsg.translate.context import Ctx
from finmsg.translate.memo import replayed
from finmsg.translate.text import NOTPROVIDED, mark_cut, to_x, wrap

__all__ = ["agent_field", "party_field", "report_rest"]

_WIDTH = 35
_F_CODES = frozenset({"ARNU", "CCPT", "CUST", "DRLC", "EMPL", "NIDN", "SOSE", "TXID"})


def _fit(ctx: Ctx, lines: list[str], limit: int, src: str, tgt: str) -> list[str]:
    """At most ``limit`` lines of 35: longer lines wrapped, the overflow reported (TR025)."""
    out: list[str] = []
    for line in lines:
        out.extend(wrap(line, _WIDTH) or [""])
    if len(out) > limit:
        ctx.truncated("TR025", src, tgt, "\n".join(out), "\n".join(out[:limit]), "name and address")
        out = out[:limit]
    return out


def _name_address(ctx: Ctx, name: str | None, address: PostalAddress | None, src: str, tgt: str) -> list[str]:
    """Four lines of 35 (TR025): the name takes at most two when an address follows; the town and
    country line is kept before street lines, so the address can be structured again (SR2026)."""

    def x(text: str) -> list[str]:
        return wrap(to_x(ctx, text, src, tgt), _WIDTH)

    name_lines = x(name or NOTPROVIDED)
    if address is not None:
        report_rest(ctx, address, src, tgt)
    street, tail = _free_address(address)
    street_lines = [line for raw in street for line in x(raw)]
    tail_lines = [line for raw in tail for line in x(raw)]
    room = 4 - len(tail_lines)
    keep_name = min(len(name_lines), 2 if street_lines or tail_lines else 4, max(room, 1))
    keep_street = max(0, room - keep_name)
    kept_name, kept_street = name_lines[:keep_name], street_lines[:keep_street]
    lines = kept_name + kept_street + tail_lines
    if len(lines) > 4 or keep_name < len(name_lines) or keep_street < len(street_lines):
        # each cut text ends with the TR004 cut mark '+' (the name, the street, or the last line)
        if keep_name < len(name_lines):
            kept_name[-1] = _mark(kept_name[-1])
        if 0 < keep_street < len(street_lines):
            kept_street[-1] = _mark(kept_street[-1])
        lines = (kept_name + kept_street + tail_lines)[:4]
        if len(kept_name) + len(kept_street) + len(tail_lines) > 4:
            lines[-1] = _mark(lines[-1])
        full = "\n".join(name_lines + street_lines + tail_lines)
        ctx.truncated("TR025", src, tgt, full, "\n".join(lines), "name and address")
    return lines


def _mark(line: str) -> str:
    """``line`` ending with the cut mark ``+`` within the 35 characters of an MT line: always
    one mark after a character that is neither a space nor a ``+`` (:func:`mark_cut`), so a
    line that already ended in ``+`` (a transliterated ``&``) still shows the cut."""
    return mark_cut(line, _WIDTH)


def _account_line(account: Account | None) -> str | None:
    return f"/{account.identifier}" if account is not None and account.identifier else None


def _free_address(address: PostalAddress | None) -> tuple[list[str], list[str]]:
    """(street lines, town/country lines) of an address, as free text an MT reader can re-structure."""
    if address is None:
        return [], []
    if address.town_name is None and address.country is None:
        return list(address.lines), []
    lines, town = address_lines(address)
    country = address.country
    if town and country:
        spelled = _country_word(country)
        if spelled and len(town) + 1 + len(spelled) <= _WIDTH:
            return lines, [f"{town} {spelled}"]
    return lines, [v for v in (town, country) if v]


def _country_word(code: str) -> str | None:
    """The country's English short name in capitals, when it reads back to the same code."""
    try:
        spelled = std_country.name(code).upper()
    except Exception:  # unknown code: keep the code on its own line
        return None
    return spelled if std_country.lookup(spelled, codes_allowed=False) == code else None


def agent_field(
    ctx: Ctx, number: str, letters: str, agent: Agent | Party, account: Account | None, src: str
) -> MtField | None:
    """The agent field ``number`` (e.g. ``57``) in the best allowed option, or None (reported).

    Remembered per agent, account, paths and MT prefix (:mod:`finmsg.translate.memo`): the same
    correspondents come back message after message."""
    return _agent_field(ctx, ctx.mt_prefix, number, letters, agent, account, src)


@replayed()
def _agent_field(
    ctx: Ctx, prefix: str, number: str, letters: str, agent: Agent | Party, account: Account | None, src: str
) -> MtField | None:
    tgt = f"{ctx.mt_prefix}:{number}a"
    if account is not None:
        _report_account(ctx, account, src, tgt)
    ident = _account_line(account)
    clearing = clearing_to_mt(agent.clearing) if isinstance(agent, Agent) and agent.clearing else None
    bic = agent.bic
    if bic and "A" in letters:
        party_id = ident or clearing
        if ident and clearing:
            ctx.dropped(
                "TR015",
                f"{src}/FinInstnId/ClrSysMmbId",
                f"{ctx.mt_prefix}:{number}A",
                clearing,
                "option A carries either an account or a clearing code",
            )
        _report_unused(ctx, agent, src, f"{ctx.mt_prefix}:{number}A", keep_name=False)
        return MtField(f"{number}A", "\n".join(filter(None, [party_id, bic])))
    name = agent.name
    if (name or agent.address) and "D" in letters:
        body = _name_address(ctx, name, agent.address, src, f"{ctx.mt_prefix}:{number}D")
        if agent.lei:
            ctx.dropped(
                "TR032",
                f"{src}/FinInstnId/LEI",
                f"{ctx.mt_prefix}:{number}D",
                agent.lei,
                "option D has no room for the LEI",
            )
        if ident and clearing:
            ctx.dropped(
                "TR015",
                f"{src}/FinInstnId/ClrSysMmbId",
                f"{ctx.mt_prefix}:{number}D",
                clearing,
                "option D carries either an account or a clearing code",
            )
        party_id = ident or clearing
        return MtField(f"{number}D", "\n".join(filter(None, [party_id, *body])))
    if clearing and "C" in letters:
        return MtField(f"{number}C", clearing)
    if bic:
        ctx.dropped("TR015", src, tgt, bic, f"field {number} cannot carry a BIC in this message type")
    else:
        ctx.dropped(
            "TR015",
            src,
            tgt,
            str(getattr(agent, "clearing", None) or agent.lei or ""),
            "agent has neither a BIC nor a name: no MT option can carry it",
        )
    return None


def _report_unused(ctx: Ctx, who: Agent | Party, src: str, tgt: str, keep_name: bool) -> None:
    if who.name and not keep_name:
        ctx.dropped("TR025", f"{src}/Nm", tgt, who.name, "the BIC option has no room for the name")
    if who.address is not None:
        joined = " | ".join(
            filter(None, [who.address.street_name, who.address.town_name, *who.address.lines])
        )
        ctx.dropped(
            "TR025",
            f"{src}/PstlAdr",
            tgt,
            joined or str(who.address.country),
            "the BIC option has no room for the address",
        )
    if who.lei:
        ctx.dropped("TR032", f"{src}/LEI", tgt, who.lei, "the BIC option has no room for the LEI")


def party_field(
    ctx: Ctx,
    number: str,
    party: Party | Agent | None,
    account: Account | None,
    src: str,
    allow_f: bool = True,
) -> MtField:
    """50a (``number="50"``) or 59a (``"59"``) for a debtor/creditor.

    Remembered per party, account, paths and MT prefix, like :func:`agent_field`."""
    return _party_field(ctx, ctx.mt_prefix, number, party, account, src, allow_f)


@replayed()
def _party_field(
    ctx: Ctx,
    prefix: str,
    number: str,
    party: Party | Agent | None,
    account: Account | None,
    src: str,
    allow_f: bool,
) -> MtField:
    empty = "K" if number == "50" else ""
    if party is None:
        ctx.defaulted(
            "TR028", src, f"{ctx.mt_prefix}:{number}{empty}", NOTPROVIDED, "party missing in the source"
        )
        return MtField(number + empty, "\n".join(filter(None, [_account_line(account), NOTPROVIDED])))
    ident = _account_line(account)
    if account is not None:
        _report_account(ctx, account, src, f"{ctx.mt_prefix}:{number}a")
    if isinstance(party, Party) and party.country_of_residence is not None:
        ctx.dropped(
            "TR031",
            f"{src}/CtryOfRes",
            f"{ctx.mt_prefix}:{number}a",
            party.country_of_residence,
            "no MT party option has a country of residence",
        )
    if party.bic and (not isinstance(party, Party) or not party.name):
        _report_unused(ctx, party, src, f"{ctx.mt_prefix}:{number}A", keep_name=True)
        if isinstance(party, Party):
            _report_ids(ctx, party, src, f"{ctx.mt_prefix}:{number}A")
        return MtField(f"{number}A", "\n".join(filter(None, [ident, party.bic])))
    if isinstance(party, Party) and allow_f and _wants_f(party):
        from finmsg.translate.option_f import option_f

        return option_f(ctx, number, party, account, src)
    tgt = f"{ctx.mt_prefix}:{number}{empty}"
    if party.bic:
        ctx.dropped(
            "TR012", f"{src}/Id/OrgId/AnyBIC", tgt, party.bic, "the name option has no room for the BIC"
        )
    if isinstance(party, Party):
        _report_ids(ctx, party, src, tgt)
    body = _name_address(ctx, party.name, party.address, src, tgt)
    return MtField(number + empty, "\n".join(filter(None, [ident, *body])))


def report_rest(ctx: Ctx, address: PostalAddress, src: str, tgt: str) -> None:
    """Report the address members no MT line holds (:func:`address_rest`), one by one (TR031)."""
    for name, value in address_rest(address):
        ctx.dropped("TR031", f"{src}/PstlAdr/{name}", tgt, value, "MT address lines have no place for it")


def _report_account(ctx: Ctx, account: Account, src: str, tgt: str) -> None:
    """The account name (and proxy) have no MT line: only the identifier travels. ``src`` is the
    party or agent (``.../Dbtr``, ``.../RtrChain/Dbtr/Pty``); its account is ``...Acct``."""
    base = src[:-4] if src.endswith("/Pty") else src
    if account.name is not None:
        ctx.dropped("TR031", f"{base}Acct/Nm", tgt, account.name, "MT carries the account identifier only")
    if account.proxy is not None:
        ctx.dropped("TR031", f"{base}Acct/Prxy", tgt, account.proxy, "MT carries the account identifier only")


def _report_ids(ctx: Ctx, party: Party, src: str, tgt: str) -> None:
    if party.lei:
        ctx.dropped("TR032", f"{src}/Id/OrgId/LEI", tgt, party.lei, "this option has no room for the LEI")
    for other in party.other_ids:
        ctx.dropped("TR014", f"{src}/Id/Othr", tgt, other.id, "this option has no room for the identifier")
    if party.birth is not None:
        ctx.dropped(
            "TR014",
            f"{src}/Id/PrvtId/DtAndPlcOfBirth",
            tgt,
            party.birth.date,
            "this option has no room for the date and place of birth",
        )


def _wants_f(party: Party) -> bool:
    address = party.address
    structured = address is not None and address.country is not None and address.town_name is not None
    return (
        structured
        or party.birth is not None
        or bool(party.lei)
        or any(o.scheme_code in _F_CODES for o in party.other_ids)
    )
