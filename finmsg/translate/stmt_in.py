"""MT940 / MT950 → camt.053 and MT942 / MT941 → camt.052 (the MT → MX statement direction).

The field loop hands each block-4 field to one rule; a field no rule takes is
reported (TS019), so nothing disappears silently. Balances keep their order
(opening, closing, closing available, forward available), which is what lets
the reverse direction tell 60M from 62M when both are ``ITBD``. Paths in
diagnostics are ``MT940:61[3]`` on the source side and
``/Document/BkToCstmrStmt/Stmt/Ntry[3]`` on the target side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finmsg.errors import ConversionError
from finmsg.model.common import Account, Agent, Amount, Extra, GenericId, Party, PartyKind, Timestamp
from finmsg.model.payments import AppHeader, CodeOrProprietary
from finmsg.model.statements import (
    AccountReport,
    Balance,
    DateOrDateTime,
    Entry,
    Pagination,
    ReportKind,
    Statement,
    StatementGroupHeader,
    TransactionSummary,
)
from finmsg.mt.fields import components
from finmsg.mt.message import MtField, MtMessage
from finmsg.standards import iban as std_iban
from finmsg.translate import stmt_rules  # noqa: F401  (registers the TS rule ids)
from finmsg.translate.context import Ctx
from finmsg.translate.field13d import timestamp_from_13d as _13d
from finmsg.translate.headers import app_header, routing_from_mt, timestamp
from finmsg.translate.mtparts import format_error
from finmsg.translate.mtvalues import date_from_mt, decimal_from_mt
from finmsg.translate.stmt_lines import entry_from_61, narrative_from_86
from finmsg.translate.xmlfrag import fragment

__all__ = ["ORIGINAL_QUERY", "statement_from_mt"]

#: Path of the GrpHdr fragment that carries field 21 (the original business query).
ORIGINAL_QUERY = "OrgnlBizQry"
_BALANCE_CODES = {"60F": "OPBD", "60M": "ITBD", "62F": "CLBD", "62M": "ITBD", "64": "CLAV", "65": "FWAV"}
_LAYOUT = {  # family -> (root, block, information element)
    "camt.053": ("BkToCstmrStmt", "Stmt", "AddtlStmtInf"),
    "camt.052": ("BkToCstmrAcctRpt", "Rpt", "AddtlRptInf"),
}


@dataclass
class _Parts:
    """What the field loop collects for one report."""

    reference: str = ""
    related: str | None = None
    account: Account | None = None
    owner: Party | None = None
    statement_number: str | None = None
    sequence: str | None = None
    creation: Timestamp | None = None
    currency: str | None = None
    balances: list[Balance] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    info: str | None = None
    final: bool | None = None
    limits: list[str] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)


def _paths(msg: MtMessage) -> list[tuple[MtField, str]]:
    counts: dict[str, int] = {}
    out = []
    for f in msg.fields:
        n = counts[f.tag] = counts.get(f.tag, 0) + 1
        out.append((f, f"{msg.path_prefix}:{f.tag}" if n == 1 else f"{msg.path_prefix}:{f.tag}[{n}]"))
    return out


def _account(value: str) -> Account:
    """25 account text: an IBAN when it is one (spaces never occur in 35x IBAN form), else Othr/Id."""
    if std_iban.is_valid(value):
        return Account(iban=value)
    return Account(other=GenericId(value))


def _balance(f: MtField, src: str) -> tuple[Balance, str]:
    parts = components(f.tag, f.value)
    if parts is None:
        raise format_error(f.tag, f.value, src)
    balance = Balance(
        type=CodeOrProprietary(code=_BALANCE_CODES[f.tag]),
        amount=Amount(decimal_from_mt(parts["amount"], src), parts["currency"]),
        credit_debit="CRDT" if parts["dc"] == "C" else "DBIT",
        date=DateOrDateTime(date_from_mt(parts["date"], src)),
    )
    return balance, parts["currency"]


def _collect(ctx: Ctx, msg: MtMessage, tgt: str, info_name: str) -> _Parts:
    parts = _Parts()
    fields = _paths(msg)
    pending_61: tuple[MtField, str] | None = None
    entry_count = 0

    def flush(f86: MtField | None, src86: str) -> None:
        nonlocal pending_61, entry_count
        if pending_61 is None:
            return
        f61, src61 = pending_61
        entry_count += 1
        currency = parts.currency or _first_currency(msg)
        parts.entries.append(
            entry_from_61(ctx, f61, f86, currency, src61, src86, f"{tgt}/Ntry[{entry_count}]")
        )
        pending_61 = None

    for f, src in fields:
        tag = f.tag
        if tag == "86" and pending_61 is not None:
            flush(f, src)
            continue
        flush(None, "")
        if tag == "20":
            parts.reference = f.value
        elif tag == "21":
            parts.related = f.value
        elif tag in ("25", "25P"):
            lines = f.value.split("\n")
            parts.account = _account(lines[0])
            if tag == "25P" and len(lines) > 1:
                parts.owner = Party(kind=PartyKind.ORGANISATION, bic=lines[1])
        elif tag in ("28C", "28"):
            number, _, sequence = f.value.partition("/")
            parts.statement_number, parts.sequence = number, sequence or None
        elif tag == "13D":
            parts.creation = _13d(f.value, src)
        elif tag == "34F":
            parts.limits.append(f.value)
        elif tag in _BALANCE_CODES:
            balance, currency = _balance(f, src)
            parts.currency = parts.currency or currency
            parts.balances.append(balance)
            if tag[:2] == "62":
                parts.final = tag == "62F"
        elif tag == "61":
            pending_61 = (f, src)
        elif tag in ("90D", "90C"):
            _summary(parts, f, src)
        elif tag == "86" and parts.info is None:  # the whole statement's: joined like an entry's
            parts.info = narrative_from_86(ctx, f.value, src, f"{tgt}/{info_name}", info_name, "TS017")
        elif tag == "86":  # a second account-level 86 (an MT950 has no slot limiting it)
            ctx.dropped(
                "TS019", src, None, f.value, "a second account-level 86 has no place in the camt message"
            )
        else:
            ctx.dropped("TS019", src, None, f.value, f"{tag} has no place in the camt message")
    flush(None, "")
    return parts


def _first_currency(msg: MtMessage) -> str:
    for f in msg.fields:
        if f.tag in _BALANCE_CODES and len(f.value) >= 10:
            return f.value[7:10]
        if f.tag in ("34F", "90D", "90C"):
            digits = len(f.value) - len(f.value.lstrip("0123456789"))
            return f.value[digits : digits + 3]
    raise ConversionError(
        "no balance or amount field names the currency", code="translate.missing", path="MT"
    )


def _summary(parts: _Parts, f: MtField, src: str) -> None:
    values = components(f.tag, f.value)
    if values is None:
        raise format_error(f.tag, f.value, src)
    side = "debit" if f.tag == "90D" else "credit"
    parts.summary[f"{side}_entries"] = values["count"]
    parts.summary[f"{side}_sum"] = decimal_from_mt(values["amount"], src)
    parts.currency = parts.currency or values["currency"]


def _statement_number(ctx: Ctx, number: str | None, src: str, tgt: str) -> str | None:
    if number is None:
        return None
    kept = str(int(number))
    if kept != number:
        ctx.add(
            "lossy.truncated",
            "TS020",
            "ElctrncSeqNb is a number: the statement number's leading zeros are not kept",
            src,
            tgt,
            number,
            kept,
        )
    return kept


def statement_from_mt(msg: MtMessage, ctx: Ctx, version: str) -> Statement:
    """Translate an MT940/MT950 (camt.053) or MT941/MT942 (camt.052) into the statement model."""
    family = version[:8]
    root, block, info_name = _LAYOUT[family]
    tgt = f"/Document/{root}/{block}"
    p = msg.path_prefix
    parts = _collect(ctx, msg, tgt, info_name)
    routing = routing_from_mt(msg)
    header: AppHeader | None = None
    if routing.sender is None and routing.receiver is None:
        ctx.info(
            "mapping.missing",
            "TS001",
            "statement file without FIN header: no BAH (sender and receiver are unknown)",
            f"{p}:block1",
            "/AppHdr",
        )
    else:
        header = app_header(ctx, routing, parts.reference, version, p)
    now = timestamp(ctx)
    extras: tuple[Extra, ...] = ()
    if parts.related is not None:
        extras = (
            Extra(
                "iso20022",
                f"/Document/{root}/GrpHdr/{ORIGINAL_QUERY}",
                fragment(ORIGINAL_QUERY, [("MsgId", parts.related)]),
            ),
        )
    account = parts.account or Account(other=GenericId("NOTPROVIDED"))
    if parts.currency is not None:
        account = Account(iban=account.iban, other=account.other, currency=parts.currency)
    owner = parts.owner
    if owner is None and msg.mt_number == "950" and routing.receiver:
        owner = Party(kind=PartyKind.ORGANISATION, bic=routing.receiver)
        ctx.info(
            "mapping.defaulted",
            "TS018",
            "an MT950 goes to the financial institution that owns the account: the receiver is Acct/Ownr",
            f"{p}:block2",
            f"{tgt}/Acct/Ownr/Id/OrgId/AnyBIC",
            emitted=routing.receiver,
        )
    pagination = None
    if parts.sequence is not None:
        last = parts.final if parts.final is not None else True
        pagination = Pagination(parts.sequence, last)
    seq_src = f"{p}:28C" if msg.get("28C") else f"{p}:28"
    if parts.creation is None and msg.mt_number == "941":
        # 13D is optional in MT941 only; the reverse writes 13D from Rpt/CreDtTm, so say where it came from
        ctx.defaulted("TS024", f"{p}:13D", f"{tgt}/CreDtTm", now.text, "no 13D: the translation time is used")
    report = AccountReport(
        id=parts.reference,
        account=account,
        account_owner=owner,
        account_servicer=Agent(bic=routing.sender) if routing.sender else None,
        pagination=pagination,
        electronic_sequence=_statement_number(ctx, parts.statement_number, seq_src, f"{tgt}/ElctrncSeqNb"),
        creation=parts.creation or now,
        balances=tuple(parts.balances),
        summary=TransactionSummary(**parts.summary) if parts.summary else None,  # type: ignore[arg-type]
        entries=tuple(parts.entries),
        additional_info=_info(parts),
    )
    return Statement(
        message_type=version,
        family="iso20022",
        kind=ReportKind.STATEMENT if family == "camt.053" else ReportKind.REPORT,
        group_header=StatementGroupHeader(parts.reference, now, extras=extras),
        reports=(report,),
        header=header,
    )


def _info(parts: _Parts) -> str | None:
    lines = [f"/FLOOR/{limit}" for limit in parts.limits]
    if parts.info is not None:
        lines.append(parts.info)
    return "\n".join(lines) if lines else None
