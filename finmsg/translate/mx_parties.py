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
from finmsg.translate.address import address_lines
from finmsg.translate.clearing import clearing_to_mt
from finmsg.translate.context import Ctx
from finmsg.translate.text import NOTPROVIDED, to_x, wrap

__all__ = ["agent_field", "party_field"]

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


def _account_line(account: Account | None) -> str | None:
    return f"/{account.identifier}" if account is not None and account.identifier else None


def _free_address(address: PostalAddress | None) -> list[str]:
    if address is None:
        return []
    if address.town_name is None and address.country is None:
        return list(address.lines)
    lines, town = address_lines(address)
    if town:
        lines.append(town)
    if address.country:
        lines.append(address.country)
    return lines


def agent_field(
    ctx: Ctx, number: str, letters: str, agent: Agent | Party, account: Account | None, src: str
) -> MtField | None:
    """The agent field ``number`` (e.g. ``57``) in the best allowed option, or None (reported)."""
    tgt = f"{ctx.mt_prefix}:{number}a"
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
        text = [to_x(ctx, line, src, tgt) for line in [name or NOTPROVIDED, *_free_address(agent.address)]]
        body = _fit(ctx, text, 4, src, f"{ctx.mt_prefix}:{number}D")
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
    """50a (``number="50"``) or 59a (``"59"``) for a debtor/creditor."""
    empty = "K" if number == "50" else ""
    if party is None:
        ctx.defaulted(
            "TR028", src, f"{ctx.mt_prefix}:{number}{empty}", NOTPROVIDED, "party missing in the source"
        )
        return MtField(number + empty, "\n".join(filter(None, [_account_line(account), NOTPROVIDED])))
    ident = _account_line(account)
    if party.bic and (not isinstance(party, Party) or not party.name):
        _report_unused(ctx, party, src, f"{ctx.mt_prefix}:{number}A", keep_name=True)
        if isinstance(party, Party):
            _report_ids(ctx, party, src, f"{ctx.mt_prefix}:{number}A")
        return MtField(f"{number}A", "\n".join(filter(None, [ident, party.bic])))
    if isinstance(party, Party) and allow_f and _wants_f(party):
        from finmsg.translate.option_f import option_f

        return option_f(ctx, number, party, account, src)
    tgt = f"{ctx.mt_prefix}:{number}{empty}"
    text = [to_x(ctx, line, src, tgt) for line in [party.name or NOTPROVIDED, *_free_address(party.address)]]
    if party.bic:
        ctx.dropped(
            "TR012", f"{src}/Id/OrgId/AnyBIC", tgt, party.bic, "the name option has no room for the BIC"
        )
    if isinstance(party, Party):
        _report_ids(ctx, party, src, tgt)
    return MtField(number + empty, "\n".join(filter(None, [ident, *_fit(ctx, text, 4, src, tgt)])))


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
