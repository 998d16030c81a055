"""Report what a camt → MT statement translation could not place (TS019): nothing goes silently.

The statement writers place the members MT has fields for; this module walks
the rest of the report – owner details, period, summary, entry and transaction
details, supplementary fragments, the extras kept inside any nested model object
– and reports each as ``lossy.dropped`` with its camt path. Members are found by
walking the dataclasses, so a member added to the model later is reported
without editing a list here.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from finmsg.model.common import Extra
from finmsg.model.statements import AccountReport, Entry, Statement, TransactionDetails
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.summary import describe

__all__ = ["TX_ELEMENTS", "report_statement"]

#: Statements whose entries have an 86 that carries the remittance (:mod:`finmsg.translate.entry86`).
_WITH_86 = frozenset({"940", "942"})

#: Model attribute -> camt element of a transaction's members, for the paths in diagnostics.
TX_ELEMENTS = {
    "refs": "Refs",
    "amount": "Amt",
    "credit_debit": "CdtDbtInd",
    "instructed_amount": "AmtDtls/InstdAmt",
    "transaction_amount": "AmtDtls/TxAmt",
    "bank_transaction_code": "BkTxCd",
    "charges": "Chrgs",
    "initiating_party": "RltdPties/InitgPty",
    "debtor": "RltdPties/Dbtr",
    "debtor_account": "RltdPties/DbtrAcct",
    "ultimate_debtor": "RltdPties/UltmtDbtr",
    "creditor": "RltdPties/Cdtr",
    "creditor_account": "RltdPties/CdtrAcct",
    "ultimate_creditor": "RltdPties/UltmtCdtr",
    "instructing_agent": "RltdAgts/InstgAgt",
    "instructed_agent": "RltdAgts/InstdAgt",
    "debtor_agent": "RltdAgts/DbtrAgt",
    "creditor_agent": "RltdAgts/CdtrAgt",
    "intermediary_agents": "RltdAgts/IntrmyAgt",
    "local_instrument": "LclInstrm",
    "purpose": "Purp",
    "remittance": "RmtInf",
    "interbank_settlement_date": "RltdDts/IntrBkSttlmDt",
    "return_info": "RtrInf",
    "additional_info": "AddtlTxInf",
    "message_id": "MsgId",
    "account_servicer_ref": "AcctSvcrRef",
    "payment_info_id": "PmtInfId",
    "instruction_id": "InstrId",
    "end_to_end_id": "EndToEndId",
    "uetr": "UETR",
    "transaction_id": "TxId",
    "mandate_id": "MndtId",
    "cheque_number": "ChqNb",
    "clearing_system_ref": "ClrSysRef",
    "account_owner_tx_id": "AcctOwnrTxId",
    "account_servicer_tx_id": "AcctSvcrTxId",
    "market_infrastructure_tx_id": "MktInfrstrctrTxId",
    "processing_id": "PrcgId",
}


def _show(value: Any) -> str:
    """The dropped value as the diagnostic's ``original``: the shared readable summary."""
    return describe(value)


def _present(value: Any) -> bool:
    return value is not None and value != () and value != ""


def _extras(ctx: Ctx, extras: tuple[Extra, ...], fallback: str, skip: str | None = None) -> None:
    for extra in extras:
        last = extra.path.rsplit("/", 1)[-1].split("[", 1)[0]
        if skip is not None and last == skip:
            continue
        ctx.dropped("TS019", extra.path or fallback, None, extra.content, f"{last} has no place in the MT")


def _transaction(ctx: Ctx, tx: TransactionDetails, src: str, used: set[str], mt: str) -> None:
    for member in fields(tx):
        name = member.name
        value = getattr(tx, name)
        if name == "extras":
            _extras(ctx, value, src)
            continue
        if not _present(value) or name in used:
            continue
        if name == "refs":
            for ref in fields(value):
                ref_value = getattr(value, ref.name)
                if _present(ref_value) and ref.name not in used:
                    ctx.dropped(
                        "TS019",
                        f"{src}/Refs/{TX_ELEMENTS[ref.name]}",
                        None,
                        str(ref_value),
                        f"MT{mt} 61 carries one reference for the account owner",
                    )
            continue
        why = f"MT{mt} has no field for it"
        if name == "remittance":  # an MT950 (or any statement without 86): say where it would go
            why = f"MT{mt} has no 86: the remittance (/REMI/ of an MT940 86) is not carried"
        ctx.dropped("TS019", f"{src}/{TX_ELEMENTS.get(name, name)}", None, _show(value), why)


def _entry(ctx: Ctx, entry: Entry, src: str, mt: str) -> None:
    if entry.reference:
        ctx.dropped("TS019", f"{src}/NtryRef", None, entry.reference, "61 has no entry reference")
    code = entry.bank_transaction_code
    if code is not None and (code.domain or code.family or code.subfamily):
        shown = "/".join(x for x in (code.domain, code.family, code.subfamily) if x)
        ctx.dropped("TS019", f"{src}/BkTxCd/Domn", f"MT{mt}:61", shown, "61 carries the SWIFT code only")
    if entry.charges is not None:  # neither 61 nor 86 (finmsg.translate.entry86) carries charges
        ctx.dropped("TS019", f"{src}/Chrgs", None, _show(entry.charges), f"MT{mt} has no field for charges")
    _extras(ctx, entry.extras, src)
    first_used = False
    for d_index, details in enumerate(entry.details, 1):
        dsrc = f"{src}/NtryDtls[{d_index}]"
        if details.batch is not None:
            ctx.dropped("TS019", f"{dsrc}/Btch", None, _show(details.batch), f"MT{mt} has no batch data")
        _extras(ctx, details.extras, dsrc)
        for t_index, tx in enumerate(details.transactions, 1):
            tsrc = f"{dsrc}/TxDtls[{t_index}]"
            used = {"amount", "credit_debit"} if tx.amount in (None, entry.amount) else set()
            if mt in _WITH_86:
                used.add("remittance")  # written to 86 (finmsg.translate.entry86 reports any cut)
            if not first_used:
                used |= {"additional_info"}
                refs = tx.refs
                for name in ("end_to_end_id", "instruction_id", "account_owner_tx_id"):
                    value = getattr(refs, name) if refs is not None else None
                    if value and value != "NOTPROVIDED":
                        used.add(name)
                        break
                if refs is not None and refs.account_servicer_ref in (None, entry.account_servicer_ref):
                    used.add("account_servicer_ref")
                if tx.credit_debit == entry.credit_debit:
                    used.add("credit_debit")
                first_used = True
            _transaction(ctx, tx, tsrc, used, mt)


def report_statement(
    ctx: Ctx, message: Statement, report: AccountReport, src: str, mt: str, receiver: str | None
) -> None:
    """Report every member of ``report`` (and the message) that the MT did not take."""
    root = src.rsplit("/", 1)[0]
    grp = message.group_header
    for value, element in (
        (grp.recipient, "MsgRcpt"),
        (grp.pagination, "MsgPgntn"),
        (grp.additional_info, "AddtlInf"),
    ):
        if _present(value):
            ctx.dropped(
                "TS019", f"{root}/GrpHdr/{element}", None, _show(value), f"MT{mt} has no field for it"
            )
    _extras(ctx, grp.extras, f"{root}/GrpHdr", skip="OrgnlBizQry")
    _extras(ctx, message.extras, root)
    owner = report.account_owner
    if owner is not None:
        rest = owner.name or owner.address or owner.lei or owner.other_ids
        carried = mt == "940" or same_bic(owner.bic, receiver)
        if rest or (owner.bic and not carried):
            ctx.dropped("TS019", f"{src}/Acct/Ownr", None, _show(owner), f"MT{mt} 25 names the account only")
    servicer = report.account_servicer
    sender = message.header.from_bic if message.header is not None else None
    if servicer is not None and not (servicer.bic and (sender is None or same_bic(servicer.bic, sender))):
        ctx.dropped(
            "TS019", f"{src}/Acct/Svcr", None, _show(servicer), "the MT sender is the account servicer"
        )
    account = report.account
    for value, element in (
        (account.type_code or account.type_proprietary, "Tp"),
        (account.name, "Nm"),
        (account.proxy, "Prxy"),
    ):
        if value:
            ctx.dropped(
                "TS019", f"{src}/Acct/{element}", None, value, f"MT{mt} 25 carries the identifier only"
            )
    if account.other is not None and (account.other.scheme_code or account.other.scheme_proprietary):
        scheme = account.other.scheme_code or account.other.scheme_proprietary or ""
        ctx.dropped("TS019", f"{src}/Acct/Id/Othr/SchmeNm", None, scheme, "25 carries the identifier only")
    _extras(ctx, account.extras, f"{src}/Acct")
    if (
        report.legal_sequence
        and report.electronic_sequence
        and report.legal_sequence != report.electronic_sequence
    ):
        ctx.dropped(
            "TS019", f"{src}/LglSeqNb", None, report.legal_sequence, "28C carries one statement number"
        )
    if report.period is not None:
        ctx.dropped(
            "TS019",
            f"{src}/FrToDt",
            None,
            f"{report.period.start.text}/{report.period.end.text}",
            f"MT{mt} has no statement period",
        )
    if report.copy_duplicate:
        ctx.dropped(
            "TS019", f"{src}/CpyDplctInd", None, report.copy_duplicate, "FIN marks copies in its trailer"
        )
    if report.summary is not None:
        ctx.info(
            "lossy.dropped",
            "TS019",
            f"TxsSummry is not carried by MT{mt}: it can be recomputed from the 61 lines",
            f"{src}/TxsSummry",
            None,
            _show(report.summary),
        )
    _extras(ctx, report.extras, src)
    for index, entry in enumerate(report.entries, 1):
        _entry(ctx, entry, f"{src}/Ntry[{index}]", mt)
    # the bags of the balances, parties, agents, codes... below (the group header's OrgnlBizQry is
    # read back into 21, its other extras are reported above)
    report_nested_extras(ctx, (grp, report), own=(grp,))
