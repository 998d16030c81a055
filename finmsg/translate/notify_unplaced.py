"""Report what a camt.054 → MT900/MT910 translation could not place (TN013, TN014, TN016).

:mod:`finmsg.translate.notify_out` writes the members the MT has fields for;
this module walks the rest of the notification – group header, account
details, entry and transaction members, the extras kept inside any nested
model object – and reports each as ``lossy.dropped`` with its camt path.
Transaction members are found by walking the dataclass, so a member added to
the model later is reported without editing a list here.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from finmsg.diagnostics import Severity
from finmsg.model.common import Extra
from finmsg.model.statements import AccountReport, Entry, Statement, TransactionDetails
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.stmt_unplaced import TX_ELEMENTS
from finmsg.translate.summary import describe
from finmsg.translate.text import NOTPROVIDED

__all__ = ["report_notification"]

#: Model attribute -> camt element (shared with the statement pairs; unknown names fall back to
#: the attribute name).
_ELEMENTS = TX_ELEMENTS


def _present(value: Any) -> bool:
    return value is not None and value != () and value != ""


def _show(value: Any) -> str:
    """The dropped value as the diagnostic's ``original``: the shared readable summary."""
    return describe(value)


def _extras(ctx: Ctx, extras: tuple[Extra, ...], fallback: str) -> None:
    for extra in extras:
        last = extra.path.rsplit("/", 1)[-1].split("[", 1)[0]
        ctx.dropped("TN013", extra.path or fallback, None, extra.content, f"{last} has no place in the MT")


def _used_refs(tx: TransactionDetails) -> set[str]:
    """The references notify_out wrote: the first usable of InstrId/EndToEndId (21) and the UETR."""
    used = {"uetr"}
    refs = tx.refs
    if refs is not None:
        for name in ("instruction_id", "end_to_end_id"):
            value = getattr(refs, name)
            if value and value != NOTPROVIDED:
                used.add(name)
                break
        if refs.end_to_end_id == NOTPROVIDED:
            used.add("end_to_end_id")
    return used


def _transaction(ctx: Ctx, tx: TransactionDetails, entry: Entry, src: str, mt: str) -> None:
    used = {"debtor_agent"}
    if mt == "910":
        used |= {"debtor", "debtor_account"}
    if tx.amount in (None, entry.amount):
        used.add("amount")
    if tx.credit_debit in (None, entry.credit_debit):
        used.add("credit_debit")
    for member in fields(tx):
        name, value = member.name, getattr(tx, member.name)
        if name == "extras":
            _extras(ctx, value, src)
        elif name == "refs" and value is not None:
            kept = _used_refs(tx)
            for ref in fields(value):
                ref_value = getattr(value, ref.name)
                if _present(ref_value) and ref.name not in kept:
                    ctx.dropped(
                        "TN013",
                        f"{src}/Refs/{TX_ELEMENTS[ref.name]}",
                        None,
                        str(ref_value),
                        f"MT{mt} carries one related reference (21) and the UETR",
                    )
        elif name == "intermediary_agents" and mt == "910":
            for index, agent in enumerate(value[1:], 2):
                ctx.dropped(
                    "TN013", f"{src}/RltdAgts/IntrmyAgt{index}", None, _show(agent), "MT910 has one 56a"
                )
        elif _present(value) and name not in used:
            ctx.dropped(
                "TN013",
                f"{src}/{_ELEMENTS.get(name, name)}",
                None,
                _show(value),
                f"MT{mt} has no field for it",
            )


def _entry(ctx: Ctx, entry: Entry, src: str, mt: str) -> None:
    if entry.reversal:  # booked (an unbooked entry is refused before): a real movement, but
        # one that undoes an earlier entry, which the MT cannot say
        undone = "credit" if entry.credit_debit == "DBIT" else "debit"
        ctx.dropped(
            "TN016",
            f"{src}/RvslInd",
            None,
            "true",
            f"the entry reverses an earlier {undone} (RvslInd); MT{mt} has no reversal indicator, "
            f"so it reads as an ordinary {'debit' if mt == '900' else 'credit'}",
        )
    if entry.reference:
        ctx.dropped("TN013", f"{src}/NtryRef", None, entry.reference, f"MT{mt} has no entry reference")
    if entry.account_servicer_ref:
        ctx.dropped(
            "TN013", f"{src}/AcctSvcrRef", None, entry.account_servicer_ref, f"MT{mt} has no field for it"
        )
    booked = entry.booking_date
    if booked is not None and booked.date is not None and entry.value_date is not None:
        ctx.dropped(
            "TN004",
            f"{src}/BookgDt/Dt",
            None,
            booked.date.isoformat(),
            "13D needs a booking time",
        )
    code = entry.bank_transaction_code
    if code is not None:
        shown = "/".join(x for x in (code.domain, code.family, code.subfamily, code.proprietary) if x)
        ctx.info("lossy.dropped", "TN007", f"MT{mt} has no transaction code", f"{src}/BkTxCd", None, shown)
    if entry.charges is not None:
        ctx.dropped("TN013", f"{src}/Chrgs", None, _show(entry.charges), f"MT{mt} has no field for charges")
    _extras(ctx, entry.extras, src)
    for index, details in enumerate(entry.details, 1):
        dsrc = f"{src}/NtryDtls[{index}]"
        if details.batch is not None:
            ctx.dropped("TN013", f"{dsrc}/Btch", None, _show(details.batch), f"MT{mt} has no batch data")
        _extras(ctx, details.extras, dsrc)


def _report(
    ctx: Ctx, message: Statement, report: AccountReport, src: str, mt: str, entry_currency: str
) -> None:
    owner = report.account_owner
    if owner is not None and (owner.name or owner.address or owner.lei or owner.other_ids):
        shown = "; ".join(filter(None, (owner.name, owner.lei, *(i.id for i in owner.other_ids))))
        ctx.dropped(
            "TN003",
            f"{src}/Acct/Ownr",
            f"MT{mt}:25P",
            shown or _show(owner),
            "25P names the owner's BIC only",
        )
    servicer = report.account_servicer
    sender = message.header.from_bic if message.header is not None else None
    if servicer is not None and not (servicer.bic and (sender is None or same_bic(servicer.bic, sender))):
        ctx.dropped(
            "TN013", f"{src}/Acct/Svcr", None, _show(servicer), "the MT sender is the account servicer"
        )
    account = report.account
    for value, element in (
        (account.type_code or account.type_proprietary, "Tp"),
        (account.name, "Nm"),
        (account.proxy, "Prxy"),
    ):
        if value:
            ctx.dropped("TN003", f"{src}/Acct/{element}", None, value, "25 carries the identifier only")
    if account.other is not None and (account.other.scheme_code or account.other.scheme_proprietary):
        scheme = account.other.scheme_code or account.other.scheme_proprietary or ""
        ctx.dropped("TN003", f"{src}/Acct/Id/Othr/SchmeNm", None, scheme, "25 carries the identifier only")
    if account.currency is not None:
        differs = account.currency != entry_currency
        ctx.add(
            "lossy.dropped",
            "TN003",
            f"25 has no currency; 32A carries the entry currency {entry_currency}",
            f"{src}/Acct/Ccy",
            None,
            account.currency,
            severity=Severity.WARNING if differs else Severity.INFO,
        )
    _extras(ctx, account.extras, f"{src}/Acct")
    members: tuple[tuple[object, str], ...] = (
        (report.pagination, "NtfctnPgntn"),
        (report.electronic_sequence, "ElctrncSeqNb"),
        (report.legal_sequence, "LglSeqNb"),
        (report.period, "FrToDt"),
        (report.copy_duplicate, "CpyDplctInd"),
        (report.balances, "Bal"),
        (report.summary, "TxsSummry"),
        (report.additional_info, "AddtlNtfctnInf"),
    )
    for member, element in members:
        if _present(member):
            ctx.dropped("TN013", f"{src}/{element}", None, _show(member), f"MT{mt} has no field for it")
    _extras(ctx, report.extras, src)


def report_notification(
    ctx: Ctx,
    message: Statement,
    report: AccountReport,
    entry: Entry,
    tx: TransactionDetails | None,
    others: list[TransactionDetails],
    src: str,
    mt: str,
) -> None:
    """Report every member of the notification that the MT900/910 did not take."""
    root = src.rsplit("/", 1)[0]
    grp = message.group_header
    if grp.message_id and grp.message_id != report.id:
        ctx.dropped("TN001", f"{root}/GrpHdr/MsgId", f"MT{mt}:20", grp.message_id, "20 carries Ntfctn/Id")
    for value, element in (
        (grp.recipient, "MsgRcpt"),
        (grp.pagination, "MsgPgntn"),
        (grp.additional_info, "AddtlInf"),
    ):
        if _present(value):
            ctx.dropped(
                "TN013", f"{root}/GrpHdr/{element}", None, _show(value), f"MT{mt} has no field for it"
            )
    _extras(ctx, grp.extras, f"{root}/GrpHdr")
    _extras(ctx, message.extras, root)
    _report(ctx, message, report, src, mt, entry.amount.currency)
    esrc = f"{src}/Ntry[1]"
    _entry(ctx, entry, esrc, mt)
    if tx is not None:
        _transaction(ctx, tx, entry, f"{esrc}/NtryDtls[1]/TxDtls[1]", mt)
    for index, other in enumerate(others, 2):
        ctx.dropped(
            "TN014",
            f"{esrc}/NtryDtls/TxDtls[{index}]",
            None,
            _show(other.refs),
            f"MT{mt} carries one transaction",
        )
        if other.charges is not None:  # money: named on its own, as it was while Chrgs was an extra
            ctx.dropped(
                "TN014",
                f"{esrc}/NtryDtls/TxDtls[{index}]/Chrgs",
                None,
                _show(other.charges),
                f"MT{mt} carries one transaction and has no field for charges",
            )
    # the bags of the parties, agents, balances, codes... of the consumed notification and entry (the
    # other entries are reported whole, TN014)
    report_nested_extras(ctx, (grp, replace(report, entries=()), entry))
