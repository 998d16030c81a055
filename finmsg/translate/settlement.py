"""Settlement method and reimbursement agents ↔ fields 53a/54a/55a (TR006, TR016).

MT → MX:

* no 53a and no 54a: ``INDA`` (the receiver debits the sender's account);
* 53B with an account only: ``INDA`` with that SttlmAcct (``/C/``: ``INGA``);
* 53a naming the receiver itself, without 54a: ``INDA``;
* otherwise ``COVE``: 53a/54a/55a become the instructing/instructed/third
  reimbursement agents, with their accounts.

MX → MT is the mirror: INDA/INGA put the SttlmAcct in 53B, COVE writes the
reimbursement agents back into 53a/54a/55a.
"""

from __future__ import annotations

import re
from datetime import date

from finmsg.model.common import Account
from finmsg.model.payments import AgentAccount, CreditTransferTx, GroupHeader, SettlementInfo
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.fieldtags import tags_of
from finmsg.translate.headers import Routing
from finmsg.translate.mt_parties import account_of, agent_from_mt
from finmsg.translate.mx_parties import agent_field

__all__ = ["INDA", "has_reimbursement", "settlement_date_of", "settlement_from_mt", "settlement_to_mt"]

_MARKED = re.compile(r"/([CD])/(.+)\Z")
_ROLES = (("53", "InstgRmbrsmntAgt"), ("54", "InstdRmbrsmntAgt"), ("55", "ThrdRmbrsmntAgt"))
_NUMBERS = frozenset(number for number, _ in _ROLES)
#: The settlement of most messages (no 53a/54a): immutable, so one object serves them all.
INDA = SettlementInfo("INDA")


def settlement_date_of(
    tx: CreditTransferTx, grp: GroupHeader, src: str, root: str
) -> tuple[date | None, str]:
    """The interbank settlement date of a transaction for 32A, and the path it was read from.

    The pacs.008/pacs.009 schemas allow IntrBkSttlmDt in the group header, where it applies to
    every transaction; a transaction's own date wins (the MX rule), the group's fills the gap.
    """
    if tx.settlement_date is not None or grp.settlement_date is None:
        return tx.settlement_date, f"{src}/IntrBkSttlmDt"
    return grp.settlement_date, f"{root}/GrpHdr/IntrBkSttlmDt"


#: Every tag of fields 53, 54 and 55 (any option letter): most messages have none, checked in C.
_TAGS = frozenset(number + option for number in _NUMBERS for option in ("", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def has_reimbursement(tags: tuple[str, ...]) -> bool:
    """True when the tags hold a 53a, 54a or 55a; without one, :func:`settlement_from_mt` says
    :data:`INDA` and nothing else (a caller that knows the tags may skip it)."""
    return not _TAGS.isdisjoint(tags)


def _reimbursement_fields(msg: MtMessage) -> dict[str, MtField]:
    """The first 53a, 54a and 55a of the message, by field number, in one pass over the fields."""
    found: dict[str, MtField] = {}
    fields = msg.fields
    if _TAGS.isdisjoint(tags_of(fields)):
        return found
    for f in fields:
        number = f[0][:2]
        if number in _NUMBERS and number not in found:
            found[number] = f
    return found


def settlement_from_mt(
    ctx: Ctx, msg: MtMessage, routing: Routing, tx: str, grp: str
) -> tuple[SettlementInfo, dict[str, object]]:
    fields = _reimbursement_fields(msg)
    if not fields:
        return INDA, {}
    p = msg.path_prefix
    f53, f54, f55 = fields.get("53"), fields.get("54"), fields.get("55")
    sttl = f"{grp}/SttlmInf"
    if f53 is None and f54 is None:
        if f55 is not None:
            ctx.dropped(
                "TR006",
                f"{p}:{f55.tag}",
                f"{sttl}/ThrdRmbrsmntAgt",
                f55.value,
                "55a without 53a/54a has no reimbursement chain",
            )
        return INDA, {}
    if f53 is not None and f54 is None and f53.option == "B":
        return _account_only(ctx, f53, p, sttl), {}
    if (
        f53 is not None
        and f54 is None
        and f53.option == "A"
        and same_bic(f53.lines[-1], routing.receiver)
        and not f53.value.startswith("/")
    ):
        ctx.info(
            "mapping.implicit",
            "TR006",
            "53A names the receiver: settlement INDA; the reverse translation leaves 53A out",
            f"{p}:53A",
            f"{sttl}/SttlmMtd",
            f53.value,
            "INDA",
        )
        return INDA, {}
    agents: dict[str, AgentAccount | None] = {}
    for number, role in _ROLES:
        f = fields.get(number)
        if f is None:
            continue
        agent, account = agent_from_mt(ctx, f, f"{p}:{f.tag}", f"{sttl}/{role}")
        if agent is None:
            ctx.dropped("TR016", f"{p}:{f.tag}", f"{sttl}/{role}", f.value, f"{f.tag} names no institution")
            continue
        agents[role] = AgentAccount(agent, account)
    return SettlementInfo(
        "COVE",
        instructing_reimbursement=agents.get("InstgRmbrsmntAgt"),
        instructed_reimbursement=agents.get("InstdRmbrsmntAgt"),
        third_reimbursement=agents.get("ThrdRmbrsmntAgt"),
    ), {}


def _account_only(ctx: Ctx, f: MtField, p: str, sttl: str) -> SettlementInfo:
    lines = f.lines
    account: Account | None = None
    method = "INDA"
    location = lines[-1] if not lines[-1].startswith("/") else None
    if lines[0].startswith("/"):
        m = _MARKED.match(lines[0])
        if m:
            method = "INGA" if m.group(1) == "C" else "INDA"
            account = account_of(m.group(2))
        else:
            account = account_of(lines[0][1:])
    if location is not None:
        ctx.dropped(
            "TR006",
            line_path(f"{p}:53B", len(lines)),
            f"{sttl}/SttlmAcct",
            location,
            "53B location has no ISO 20022 element (settlement INDA kept)",
        )
    return SettlementInfo(method, account=account)


def settlement_to_mt(
    ctx: Ctx, settlement: SettlementInfo | None, src: str, options: dict[str, str]
) -> list[MtField]:
    """53a/54a/55a fields for a settlement; ``options`` gives the allowed letters per field number."""
    if settlement is None:
        return []
    out: list[MtField] = []
    method = settlement.method
    if method in ("INDA", "INGA"):
        if settlement.account is not None and settlement.account.identifier:
            mark = "/C" if method == "INGA" else ""
            out.append(MtField("53B", f"{mark}/{settlement.account.identifier}"))
        return out
    if method == "CLRG":
        ctx.dropped(
            "TR006",
            f"{src}/SttlmMtd",
            None,
            method,
            "settlement through a clearing system has no MT103 equivalent",
        )
        return out
    for (number, role), value in zip(
        _ROLES,
        (
            settlement.instructing_reimbursement,
            settlement.instructed_reimbursement,
            settlement.third_reimbursement,
        ),
        strict=True,
    ):
        if value is None:
            continue
        f = agent_field(ctx, number, options.get(number, "AD"), value.agent, value.account, f"{src}/{role}")
        if f is not None:
            out.append(f)
    return out
