"""camt.054 → MT900 (debit) / MT910 (credit) (the MX → MT direction).

One MT900/910 confirms one booking: the first ``Ntfctn``, its first ``Ntry``
and that entry's first ``TxDtls`` are translated, every other one is
reported (TN014). The MT type follows the entry's ``CdtDbtInd`` (TN006). An
entry that is not booked (status other than BOOK) is refused (TN016): the MT
would confirm money that has not moved.
What the MT has no field for is reported by
:mod:`finmsg.translate.notify_unplaced`.
"""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.model.common import Agent, Timestamp
from finmsg.model.statements import AccountReport, Entry, Statement, TransactionDetails
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.writer import make_user_header
from finmsg.translate import notify_rules  # noqa: F401  (registers the TN rule ids)
from finmsg.translate.context import Ctx
from finmsg.translate.field13d import stamp_to_13d
from finmsg.translate.headers import build_message
from finmsg.translate.mtvalues import date_to_mt, decimal_to_mt
from finmsg.translate.mx_parties import agent_field, party_field
from finmsg.translate.notify_in import NONREF
from finmsg.translate.notify_unplaced import report_notification
from finmsg.translate.stmt_lines import amount_text
from finmsg.translate.stmt_out import note_servicer_sender, routing_of
from finmsg.translate.text import NOTPROVIDED, reference16, to_x, wrap, wrap_coded

__all__ = ["choose_mt", "field_13d", "mt_from_notification", "text_lines"]

_ROOT = "/Document/BkToCstmrDbtCdtNtfctn"
_MT_OF = {"DBIT": "900", "CRDT": "910"}


def choose_mt(entry: Entry) -> str:
    """TN006: a debit entry is confirmed by MT900, a credit entry by MT910."""
    return _MT_OF[entry.credit_debit]


def field_13d(ctx: Ctx, stamp: Timestamp, src: str, tgt: str) -> MtField:
    """``YYMMDDHHMM±HHMM`` from a date-time; a time without offset is read as UTC (reported)."""
    text = stamp_to_13d(
        ctx,
        stamp,
        "TN004",
        src,
        tgt,
        "the booking time has no UTC offset: 13D gets +0000",
        "13D time (minutes only)",
    )
    return MtField("13D", text)


def text_lines(ctx: Ctx, text: str, limit: int, src: str, tgt: str, rule: str) -> list[str]:
    """Free text as at most ``limit`` lines of 35 X characters, its own line breaks kept.

    Lines break between words; when that takes more than ``limit`` lines and the plain cut at
    35 characters does not, the plain cut is used (text that fits is not cut for its layout).
    """
    parts = [to_x(ctx, part, src, tgt) for part in text.replace("\r\n", "\n").split("\n")]
    raw = _layout(parts, dense=False)
    if len(raw) > limit:
        dense = _layout(parts, dense=True)
        raw = dense if len(dense) <= limit else raw
    lines: list[str] = []
    for line in raw:
        if line[0] in (":", "-"):  # would read as a field tag or the end of block 4
            ctx.defaulted(rule, src, tgt, "." + line[1:], "an MT line may not start with ':' or '-'", line)
            line = "." + line[1:]
        lines.append(line)
    if len(lines) > limit:
        ctx.truncated(rule, src, tgt, text, "\n".join(lines[:limit]), f"text ({limit} lines of 35)")
        lines = lines[:limit]
    return lines


def _layout(parts: list[str], dense: bool) -> list[str]:
    """Lines of at most 35 characters of the cleaned parts: cut at 35 when ``dense``, otherwise
    between words."""
    lines: list[str] = []
    for clean in parts:
        if len(clean) <= 35:
            lines.append(clean or " ")
        else:
            lines.extend((wrap(clean, 35) if dense else wrap_coded(clean, 35)) or [" "])
    return lines


def _related(ctx: Ctx, tx: TransactionDetails | None, src: str, tgt: str) -> str:
    refs = tx.refs if tx is not None else None
    if refs is not None:
        for name, value in (("InstrId", refs.instruction_id), ("EndToEndId", refs.end_to_end_id)):
            if value and value != NOTPROVIDED:
                return reference16(ctx, value, f"{src}/Refs/{name}", tgt, NONREF)
    ctx.defaulted("TN015", f"{src}/Refs", tgt, NONREF, "no InstrId or EndToEndId: 21 gets NONREF")
    return NONREF


def _first_entry(ctx: Ctx, message: Statement) -> tuple[Entry, str]:
    if not message.reports or not message.reports[0].entries:
        raise ConversionError(
            "the camt.054 holds no Ntfctn with an entry", code="translate.missing", path=f"{_ROOT}/Ntfctn"
        )
    for index, other in enumerate(message.reports[1:], 2):
        ctx.dropped("TN014", f"{_ROOT}/Ntfctn[{index}]", None, other.id, "one MT900/910 carries one Ntfctn")
    report = message.reports[0]
    src = f"{_ROOT}/Ntfctn[1]"
    for index, extra in enumerate(report.entries[1:], 2):
        ctx.dropped(
            "TN014", f"{src}/Ntry[{index}]", None, str(extra.amount), "one MT900/910 confirms one entry"
        )
    return report.entries[0], src


def mt_from_notification(message: Statement, ctx: Ctx, wanted: str | None) -> MtMessage:
    """Translate the first entry of a camt.054 into an MT900 (debit) or MT910 (credit)."""
    entry, src = _first_entry(ctx, message)
    report = message.reports[0]
    esrc = f"{src}/Ntry[1]"
    mt = choose_mt(entry)
    if wanted is not None and wanted != mt:
        raise ConversionError(
            f"the entry is a {entry.credit_debit} entry: it is confirmed by MT{mt}, not MT{wanted}",
            code="translate.unsupported",
            path=f"{esrc}/CdtDbtInd",
            value=entry.credit_debit,
        )
    _refuse_unbooked(entry, esrc, mt)
    p = ctx.mt_prefix = f"MT{mt}"
    routing = routing_of(message, report, ctx.options)
    note_servicer_sender(ctx, message, report, routing, src, "TN001", "notification")
    txs = [tx for details in entry.details for tx in details.transactions]
    tx = txs[0] if txs else None
    tsrc = f"{esrc}/NtryDtls[1]/TxDtls[1]"
    fields = [MtField("20", reference16(ctx, report.id, f"{src}/Id", f"{p}:20", NOTPROVIDED))]
    fields.append(MtField("21", _related(ctx, tx, tsrc, f"{p}:21")))
    fields.append(_field_25(ctx, report.account.identifier, report, src, p))
    if entry.booking_date is not None and entry.booking_date.date_time is not None:
        fields.append(field_13d(ctx, entry.booking_date.date_time, f"{esrc}/BookgDt/DtTm", f"{p}:13D"))
    fields.append(_field_32a(ctx, entry, esrc, p))
    debtor = tx.debtor if tx is not None else None
    debtor_account = tx.debtor_account if tx is not None else None
    debtor_agent = tx.debtor_agent if tx is not None else None
    if mt == "910" and (debtor is not None or debtor_account is not None or debtor_agent is None):
        # MT910 rule C1: 50a or 52a, not both; without either, 50K says NOTPROVIDED (TR028).
        fields.append(party_field(ctx, "50", debtor, debtor_account, f"{tsrc}/RltdPties/Dbtr"))
        if debtor_agent is not None:
            ctx.dropped(
                "TN009",
                f"{tsrc}/RltdAgts/DbtrAgt",
                f"{p}:52a",
                _agent_text(debtor_agent),
                "MT910 carries either 50a or 52a (rule C1): the debtor is kept",
            )
    elif debtor_agent is not None:
        f52 = agent_field(ctx, "52", "AD", debtor_agent, None, f"{tsrc}/RltdAgts/DbtrAgt")
        if f52 is not None:
            fields.append(f52)
    if mt == "910" and tx is not None and tx.intermediary_agents:
        f56 = agent_field(ctx, "56", "AD", tx.intermediary_agents[0], None, f"{tsrc}/RltdAgts/IntrmyAgt1")
        if f56 is not None:
            fields.append(f56)
    if entry.additional_info:
        lines = text_lines(ctx, entry.additional_info, 6, f"{esrc}/AddtlNtryInf", f"{p}:72", "TN011")
        fields.append(MtField("72", "\n".join(lines)))
    report_notification(ctx, message, report, entry, tx, txs[1:], src, mt)
    uetr = tx.refs.uetr if tx is not None and tx.refs is not None else None
    user = make_user_header(uetr) if uetr else None
    built = build_message(routing, mt, mt, "N", (), fields)
    return MtMessage(
        message_type=built.message_type,
        basic_header=built.basic_header,
        application_header=built.application_header,
        user_header=user,
        fields=built.fields,
    )


#: What an entry status other than BOOK means (ExternalEntryStatus1Code), for the refusal.
_NOT_BOOKED = {
    "PDNG": "pending: booking on the account servicer's books is not completed",
    "INFO": "information only: the entry is not (and may never be) booked",
    "FUTR": "future: the entry is to be booked on a later date",
}


def _refuse_unbooked(entry: Entry, src: str, mt: str) -> None:
    """TN016: MT900/MT910 confirm a debit/credit booked to the account; an entry that is not
    booked (PDNG, INFO, FUTR or a proprietary status) has no MT900/MT910 form. Written anyway
    it would read as a confirmation of money that has not moved, so none is written."""
    status = entry.status.value
    if entry.status.code == "BOOK":
        return
    meaning = _NOT_BOOKED.get(status or "", "not the code BOOK")
    raise ConversionError(
        f"MT{mt} confirms a booked {'debit' if mt == '900' else 'credit'}; this entry's status is "
        f"{status} ({meaning}): no MT{mt} is written for it",
        code="translate.not_booked",
        path=f"{src}/Sts",
        value=status,
    )


def _agent_text(agent: Agent) -> str:
    return agent.bic or agent.name or (agent.clearing.member_id if agent.clearing else "") or "(agent)"


def _field_25(ctx: Ctx, ident: str | None, report: AccountReport, src: str, p: str) -> MtField:
    tgt = f"{p}:25"
    if not ident:
        ctx.defaulted("TN015", f"{src}/Acct/Id", tgt, NOTPROVIDED, "the account has no identifier")
        ident = NOTPROVIDED
    text = to_x(ctx, ident, f"{src}/Acct/Id", tgt)
    if len(text) > 35:
        ctx.truncated("TN003", f"{src}/Acct/Id", tgt, ident, text[:35], "account identifier")
        text = text[:35]
    owner = report.account_owner
    if owner is not None and owner.bic:
        return MtField("25P", f"{text}\n{owner.bic}")
    return MtField("25", text)


def _field_32a(ctx: Ctx, entry: Entry, src: str, p: str) -> MtField:
    tgt = f"{p}:32A"
    choice = entry.value_date
    day = None
    if choice is not None:
        day = choice.date or (choice.date_time.value.date() if choice.date_time is not None else None)
        if choice.date_time is not None:
            ctx.dropped(
                "TN005", f"{src}/ValDt/DtTm", tgt, choice.date_time.text, "32A carries the value date only"
            )
    if day is None:
        booked = entry.booking_date
        if booked is not None:
            day = booked.date or (booked.date_time.value.date() if booked.date_time is not None else None)
        if day is None:
            raise ConversionError(
                "the entry has neither a value date nor a booking date", code="translate.missing", path=src
            )
        ctx.defaulted("TN015", f"{src}/BookgDt", tgt, day.isoformat(), "no ValDt: 32A takes the booking date")
    amount = amount_text(decimal_to_mt(entry.amount.value), f"{src}/Amt")
    return MtField("32A", f"{date_to_mt(day, f'{src}/ValDt')}{entry.amount.currency}{amount}")
