"""MT900 (confirmation of debit) / MT910 (confirmation of credit) → camt.054 (MT → MX direction).

One MT900/910 confirms one booking, so the camt.054 gets one ``Ntfctn`` with
one ``Ntry`` holding one ``TxDtls``. Each block-4 field is handed to one rule
(TN001-TN011); a field no rule takes is reported (TN017), so nothing is lost
silently. Paths in diagnostics are ``MT910:50K`` on the source side and
``/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr``
on the target side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finmsg.errors import ConversionError
from finmsg.model.common import Account, Agent, Amount, GenericId, Party, PartyKind, Timestamp
from finmsg.model.payments import AppHeader, CodeOrProprietary
from finmsg.model.statements import (
    AccountReport,
    BankTransactionCode,
    DateOrDateTime,
    Entry,
    EntryDetails,
    ReportKind,
    Statement,
    StatementGroupHeader,
    TransactionDetails,
    TransactionReferences,
)
from finmsg.mt.fields import components
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate import notify_rules  # noqa: F401  (registers the TN rule ids)
from finmsg.translate.context import Ctx, line_path
from finmsg.translate.field13d import timestamp_from_13d
from finmsg.translate.headers import app_header, routing_from_mt, timestamp
from finmsg.translate.mt_parties import account_of, agent_from_mt, party_from_mt
from finmsg.translate.mtparts import format_error
from finmsg.translate.mtvalues import date_from_mt, decimal_from_mt
from finmsg.translate.text import NOTPROVIDED

__all__ = ["BTC_FAMILY", "NONREF", "NTFCTN", "notification_from_mt"]

NTFCTN = "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn"
NTRY = f"{NTFCTN}/Ntry"
TX = f"{NTRY}/NtryDtls/TxDtls"
#: CdtDbtInd -> bank transaction code family written for the mandatory BkTxCd (TN007).
BTC_FAMILY = {"DBIT": "ICDT", "CRDT": "RCDT"}
_DIRECTION = {"900": "DBIT", "910": "CRDT"}
#: The field 21 value that means "no related reference".
NONREF = "NONREF"


@dataclass
class _Parts:
    """What the field loop collects from one MT900/910."""

    reference: str = NOTPROVIDED
    related: str | None = None
    account: Account | None = None
    owner: Party | None = None
    booked: Timestamp | None = None
    amount: Amount | None = None
    value_date: DateOrDateTime | None = None
    debtor: Party | None = None
    debtor_account: Account | None = None
    debtor_agent: Agent | None = None
    intermediary: Agent | None = None
    info: str | None = None
    seen: list[str] = field(default_factory=list)


def _paths(msg: MtMessage) -> list[tuple[MtField, str]]:
    counts: dict[str, int] = {}
    out = []
    for f in msg.fields:
        n = counts[f.tag] = counts.get(f.tag, 0) + 1
        out.append((f, f"{msg.path_prefix}:{f.tag}" if n == 1 else f"{msg.path_prefix}:{f.tag}[{n}]"))
    return out


def _32a(parts: _Parts, f: MtField, src: str) -> None:
    values = components("32A", f.value)
    if values is None:
        raise format_error("32A", f.value, src)
    parts.value_date = DateOrDateTime(date_from_mt(values["date"], src))
    parts.amount = Amount(decimal_from_mt(values["amount"], src), values["currency"])


def _agent(ctx: Ctx, f: MtField, src: str, tgt: str) -> Agent | None:
    agent, account = agent_from_mt(ctx, f, src, tgt)
    if account is not None:
        ctx.dropped(
            "TN017",
            line_path(src, 1),
            None,
            account.identifier or "",
            f"camt.054 has no account element for the agent of {f.tag}",
        )
    return agent


def _collect(ctx: Ctx, msg: MtMessage) -> _Parts:
    parts = _Parts()
    mt = msg.mt_number
    for f, src in _paths(msg):
        tag = f.tag
        if tag == "20":
            parts.reference = f.value
        elif tag == "21" and f.value == NONREF:
            ctx.info(
                "mapping.defaulted",
                "TN002",
                "21 NONREF says there is no related reference: no InstrId is written",
                src,
                f"{TX}/Refs/InstrId",
                f.value,
            )
        elif tag == "21":
            parts.related = f.value
        elif tag in ("25", "25P"):
            lines = f.lines
            parts.account = account_of(lines[0])
            if tag == "25P" and len(lines) > 1:
                parts.owner = Party(kind=PartyKind.ORGANISATION, bic=lines[1])
        elif tag == "13D":
            parts.booked = timestamp_from_13d(f.value, src)
        elif tag == "32A":
            _32a(parts, f, src)
        elif f.number == "50" and mt == "910":
            parts.debtor, parts.debtor_account = party_from_mt(ctx, f, src, f"{TX}/RltdPties/Dbtr")
        elif f.number == "52":
            parts.debtor_agent = _agent(ctx, f, src, f"{TX}/RltdAgts/DbtrAgt")
        elif f.number == "56" and mt == "910":
            parts.intermediary = _agent(ctx, f, src, f"{TX}/RltdAgts/IntrmyAgt")
        elif tag == "72":
            parts.info = f.value
        else:
            ctx.dropped("TN017", src, None, f.value, f"{tag} has no place in camt.054")
    return parts


def _header_tags(ctx: Ctx, msg: MtMessage) -> str | None:
    """The UETR (TN012); other block 3 tags have no camt.054 element (TN017)."""
    p = msg.path_prefix
    uetr = None
    for tag, value in msg.user_header or ():
        if tag == "121":
            uetr = value
        elif tag != "108":  # the MUR: an envelope value, named by the envelope report (TR033)
            ctx.dropped(
                "TN017", f"{p}:block3/{tag}", None, value or "", f"block 3 tag {tag} has no place in camt.054"
            )
    return uetr


def notification_from_mt(msg: MtMessage, ctx: Ctx, version: str) -> Statement:
    """Translate an MT900 or MT910 into a camt.054 notification with one entry."""
    mt = msg.mt_number
    direction = _DIRECTION.get(mt)
    if direction is None:
        raise ConversionError(
            f"MT{mt} is not a confirmation of debit or credit", code="translate.unsupported"
        )
    p = msg.path_prefix
    uetr = _header_tags(ctx, msg)
    parts = _collect(ctx, msg)
    if parts.amount is None or parts.value_date is None:
        raise ConversionError(f"MT{mt} has no field 32A", code="translate.missing", path=f"{p}:32A")
    routing = routing_from_mt(msg)
    header: AppHeader | None = None
    if routing.sender is None and routing.receiver is None:
        ctx.info(
            "mapping.missing",
            "TN001",
            "message without FIN header: no BAH (sender and receiver are unknown)",
            f"{p}:block1",
            "/AppHdr",
        )
    else:
        header = app_header(ctx, routing, parts.reference, version, p)
    ctx.defaulted(
        "TN007",
        f"{p}:block2",
        f"{NTRY}/BkTxCd",
        f"PMNT/{BTC_FAMILY[direction]}/OTHR",
        f"MT{mt} has no transaction code; camt.054 requires one",
    )
    refs = TransactionReferences(instruction_id=parts.related, uetr=uetr)
    tx = TransactionDetails(
        refs=refs,
        debtor=parts.debtor,
        debtor_account=parts.debtor_account,
        debtor_agent=parts.debtor_agent,
        intermediary_agents=(parts.intermediary,) if parts.intermediary is not None else (),
    )
    entry = Entry(
        amount=parts.amount,
        credit_debit=direction,
        status=CodeOrProprietary(code="BOOK"),
        booking_date=DateOrDateTime(date_time=parts.booked) if parts.booked is not None else None,
        value_date=parts.value_date,
        bank_transaction_code=BankTransactionCode(
            domain="PMNT", family=BTC_FAMILY[direction], subfamily="OTHR"
        ),
        details=(EntryDetails(transactions=(tx,)),),
        additional_info=parts.info,
    )
    account = parts.account
    if account is None:
        ctx.defaulted("TN015", f"{p}:25", f"{NTFCTN}/Acct/Id/Othr/Id", NOTPROVIDED, "no account field 25")
        account = Account(other=GenericId(NOTPROVIDED))
    now = timestamp(ctx)
    report = AccountReport(
        id=parts.reference,
        account=account,
        account_owner=parts.owner,
        account_servicer=Agent(bic=routing.sender) if routing.sender else None,
        creation=now,
        entries=(entry,),
    )
    return Statement(
        message_type=version,
        family="iso20022",
        kind=ReportKind.NOTIFICATION,
        group_header=StatementGroupHeader(parts.reference, now),
        reports=(report,),
        header=header,
    )
