"""The field-79 items of one pacs.002 status (rule TF022): what the MT199 narrative says.

The reject guidelines put a rejection in codeword lines (``/REJT/``, the
reason code with its text, ``/MREF/``, ``/TREF/``, ``/TEXT/``); any other
status gets the same layout under ``/STATUS/<code>``. Each item records the
pacs.002 element it came from, so that a cut or transliterated line names
its source. The items are plain data; :mod:`finmsg.translate.status_out`
lays them out in 79.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.model.common import Agent, Party
from finmsg.model.exceptions import OriginalTransactionRef, ReasonInfo
from finmsg.translate.mtvalues import amount_to_mt, date_to_mt

__all__ = ["Item", "reason_items", "reference_items"]


@dataclass(frozen=True, slots=True)
class Item:
    """One codeword line of 79 (``/code/text``) and the pacs.002 path it came from."""

    code: str
    text: str
    source: str


def reason_items(status: str | None, reasons: tuple[ReasonInfo, ...], src: str) -> list[Item]:
    """The status line, then per StsRsnInf its reason, originator and additional information."""
    head = Item("REJT", "", f"{src}/TxSts") if status == "RJCT" else Item("STATUS", status or "", src)
    items = [head]
    for n, reason in enumerate(reasons, start=1):
        path = f"{src}/StsRsnInf[{n}]"
        texts = list(enumerate(reason.additional_info, start=1))
        if status == "RJCT" and texts and texts[0][1].startswith("/REJT/") and head.text == "":
            head = items[0] = Item("REJT", texts.pop(0)[1][6:], f"{path}/AddtlInf[1]")
        code = reason.reason.code if reason.reason else None
        prtry = reason.reason.proprietary if reason.reason else None
        first, where = "", f"{path}/Rsn"
        if texts and (code or prtry) and not texts[0][1].startswith("/"):
            k, first = texts.pop(0)
            where = f"{path}/AddtlInf[{k}]"
        if code:
            items.append(Item(code, first, where))
        elif prtry:
            items.append(Item("PRTRY", f"{prtry} {first}".strip(), where))
        origin = _originator(reason.originator)
        if origin:
            items.append(Item("ORGTR", origin, f"{path}/Orgtr"))
        for k, text in texts:
            body = text[6:] if text.startswith("/TEXT/") else text
            items.append(Item("TEXT", body, f"{path}/AddtlInf[{k}]"))
    return items


def reference_items(original: OriginalTransactionRef, src: str) -> list[Item]:
    """The original references and, when given, the original amount and date (as in 32A)."""
    items: list[Item] = []
    for code, value, name in (
        ("MREF", original.instruction_id, "OrgnlInstrId"),
        ("TREF", original.end_to_end_id, "OrgnlEndToEndId"),
        ("TXID", original.transaction_id, "OrgnlTxId"),
    ):
        if value:
            items.append(Item(code, value, f"{src}/{name}"))
    group = original.group
    if group is not None:
        items.append(Item("OMSG", f"{group.message_name_id}/{group.message_id}", f"{src}/OrgnlGrpInf"))
    details = original.details
    amount = details.settlement_amount if details else original.settlement_amount
    day = details.settlement_date if details else original.settlement_date
    if amount is not None and day is not None:
        path = f"{src}/OrgnlTxRef/IntrBkSttlmAmt"
        items.append(Item("OAMT", date_to_mt(day, path) + amount_to_mt(amount), path))
    return items


def _originator(party: Party | Agent | None) -> str:
    if party is None:
        return ""
    return party.bic or party.name or (party.lei or "")
