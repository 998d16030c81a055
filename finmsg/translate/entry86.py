"""Field 86 of a statement entry (MT940, MT942): AddtlNtryInf plus the remittance and counterparty.

Field 86 (6*65x, "information to account owner") exists to tell the account owner what an
entry is for, so the remittance of the entry's transactions goes there instead of being lost.

Layout, chosen to be readable by people and parseable by the keyword readers banks already use
for structured 86 texts (the ``/CODE/`` style of many MT940 variants):

* first the entry's own AddtlNtryInf, line for line (as before: TS016);
* then, per transaction, ``/REMI/`` and its remittance: every Ustrd text, then each Strd block
  as its document type, number, date, creditor reference type and reference, and any
  additional lines, separated by single spaces;
* then the counterparty's name: ``/ORDP/`` (ordering party: the debtor of a credit entry) or
  ``/BENM/`` (beneficiary: the creditor of a debit entry).

Each coded item starts a line and is wrapped at word boundaries (:func:`wrap_coded`). What does
not fit in six lines is reported with the whole text as ``original``: ``lossy.truncated``
when part of an item was written, ``lossy.dropped`` when none was (TS028). A counterparty name
that does not fit is not reported again: the whole party is reported as not carried already.
"""

from __future__ import annotations

from finmsg.model.common import Agent, Party
from finmsg.model.payments import Remittance
from finmsg.model.statements import Entry, TransactionDetails
from finmsg.mt.message import MtField
from finmsg.translate.context import Ctx
from finmsg.translate.stmt_lines import CODES_86, lines_86
from finmsg.translate.text import to_x, wrap_coded

__all__ = ["CODES_86", "entry_86", "remittance_text"]

_LINES, _WIDTH = 6, 65


def remittance_text(rmt: Remittance | None) -> str:
    """All the remittance information of one RmtInf as one text (empty members left out)."""
    if rmt is None:
        return ""
    parts = [text.strip() for text in rmt.unstructured]
    for strd in rmt.structured:
        parts.extend(
            (
                (strd.document_type.code or strd.document_type.proprietary or "")
                if strd.document_type
                else "",
                strd.document_number or "",
                strd.document_date.isoformat() if strd.document_date else "",
                (strd.creditor_reference_type.code or strd.creditor_reference_type.proprietary or "")
                if strd.creditor_reference_type
                else "",
                strd.creditor_reference or "",
                *strd.additional_info,
            )
        )
    return " ".join(p for p in parts if p)


def _counterparty(entry: Entry, tx: TransactionDetails) -> tuple[str, str, str] | None:
    """(keyword, name, element) of the party on the other side of the entry, when it has a name."""
    credit = (tx.credit_debit or entry.credit_debit) == "CRDT"
    party = tx.debtor if credit else tx.creditor
    name = party.name if isinstance(party, (Party, Agent)) else None
    if not name:
        return None
    return ("ORDP", name, "RltdPties/Dbtr") if credit else ("BENM", name, "RltdPties/Cdtr")


def entry_86(ctx: Ctx, entry: Entry, src: str, tgt: str) -> MtField | None:
    """The 86 after an entry's 61 (layout in the module docstring), None when there is nothing."""
    lines: list[str] = []
    if entry.additional_info:
        lines = lines_86(ctx, entry.additional_info, f"{src}/AddtlNtryInf", tgt, "TS016", fit=_LINES)
        if len(lines) > _LINES:
            ctx.truncated(
                "TS016",
                f"{src}/AddtlNtryInf",
                tgt,
                entry.additional_info,
                "\n".join(lines[:_LINES]),
                "text for 86 (6 lines of 65)",
            )
            lines = lines[:_LINES]
    for d_index, details in enumerate(entry.details, 1):
        for t_index, tx in enumerate(details.transactions, 1):
            tsrc = f"{src}/NtryDtls[{d_index}]/TxDtls[{t_index}]"
            text = remittance_text(tx.remittance)
            if text:
                _place(ctx, lines, "REMI", text, f"{tsrc}/RmtInf", tgt, report=True)
            other = _counterparty(entry, tx)
            if other is not None:
                code, name, element = other
                _place(ctx, lines, code, name, f"{tsrc}/{element}/Nm", tgt, report=False)
    return MtField("86", "\n".join(lines)) if lines else None


def _place(ctx: Ctx, lines: list[str], code: str, text: str, src: str, tgt: str, report: bool) -> None:
    """Append ``/code/text`` wrapped to the lines left; report what does not fit when ``report``."""
    item = wrap_coded(f"/{code}/{to_x(ctx, text, src, tgt)}", _WIDTH, CODES_86)
    room = _LINES - len(lines)
    if len(item) <= room:
        lines.extend(item)
        return
    if room > 0:
        lines.extend(item[:room])
        if report:
            ctx.truncated("TS028", src, tgt, text, "\n".join(item[:room]), "remittance for 86")
    elif report:
        ctx.dropped("TS028", src, tgt, text, "86 is full (6 lines of 65): no room for this remittance")
