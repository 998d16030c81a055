"""Helpers shared by both investigation pairs and both directions (n92 ↔ camt.056, n96 ↔ camt.029).

Which MT family (1xx customer or 2xx institution) an investigation belongs to
is decided once here (TI008), as are the 11S and ``/CODE/`` line syntaxes and
the copy of field 32A (TI007), so the readers and writers stay symmetric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

from finmsg.model.common import Amount, Timestamp
from finmsg.model.exceptions import OriginalGroupRef, OriginalTransactionRef, ReasonInfo
from finmsg.model.payments import CodeOrProprietary
from finmsg.mt.message import MtField
from finmsg.translate import invest_rules  # noqa: F401  (registers the TI rule ids)
from finmsg.translate.context import Ctx
from finmsg.translate.mtvalues import amount_from_mt, amount_to_mt, date_from_mt, date_to_mt
from finmsg.translate.text import to_x, wrap_words

__all__ = [
    "CodeLine",
    "copy_32a",
    "family_of",
    "group_from_11s",
    "parse_code_line",
    "reason_lines",
    "settlement_from_32a",
]

_CODE = re.compile(r"/([A-Z0-9]{1,35})/(.*)\Z", re.S)
_CUSTOMER = ("pacs.008", "pain.001", "pacs.003", "camt.056")


@dataclass(frozen=True, slots=True)
class CodeLine:
    """A ``/CODE/rest`` first line: the code (None when the line has none) and the rest."""

    code: str | None
    rest: str


def parse_code_line(line: str) -> CodeLine:
    m = _CODE.match(line)
    return CodeLine(m.group(1), m.group(2)) if m else CodeLine(None, line)


def family_of(name_id: str | None) -> str | None:
    """``"1"`` for a customer transfer, ``"2"`` for an institution transfer, None when unknown (TI008)."""
    if not name_id:
        return None
    upper = name_id.upper()
    if upper.startswith("MT") and upper[2:5].isdigit():
        return upper[2] if upper[2] in "12" else None
    lower = name_id.lower()
    if lower.startswith(_CUSTOMER):
        return "1"
    if lower.startswith(("pacs.009", "pacs.004")):
        return "2"
    return None


def group_from_11s(ctx: Ctx, value: str, related: str, src: str, tgt: str) -> OriginalGroupRef:
    """11S (MT, date, optional session/ISN) as OrgnlGrpInf; the time of day is defaulted (TI004)."""
    lines = value.split("\n")
    tag = src.rsplit(":", 1)[-1][:3] if ":" in src else "11S"  # 11R in an answer, 11S in a request
    day = date_from_mt(lines[1], src) if len(lines) > 1 else None
    creation = None
    if day is not None:
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        creation = Timestamp(moment, moment.isoformat())
        ctx.defaulted(
            "TI004",
            src,
            f"{tgt}/OrgnlCreDtTm",
            creation.text,
            f"{tag} has the date only: 00:00 UTC",
            lines[1],
        )
    if len(lines) > 2:
        ctx.dropped("TI004", src, None, lines[2], f"the session and ISN of {tag} have no camt element")
    return OriginalGroupRef(related, f"MT{lines[0]}", creation)


def settlement_from_32a(value: str, src: str) -> tuple[date, Amount]:
    return date_from_mt(value[:6], src), amount_from_mt(value[6:], src)


def copy_32a(ref: OriginalTransactionRef, src: str) -> MtField | None:
    """The copy of 32A from OrgnlIntrBkSttlmDt + OrgnlIntrBkSttlmAmt (both needed) (TI007)."""
    if ref.settlement_amount is None or ref.settlement_date is None:
        return None
    return MtField("32A", date_to_mt(ref.settlement_date, src) + amount_to_mt(ref.settlement_amount))


def reason_from_lines(lines: list[str], rule: str, ctx: Ctx, src: str) -> ReasonInfo | None:
    """``/CODE/rest`` + further lines as one reason (TI006 / TI021)."""
    if not lines:
        return None
    first = parse_code_line(lines[0])
    texts = ([first.rest] if first.rest else []) + lines[1:]
    if first.code is not None and not first.rest and len(lines) > 1:
        ctx.info(
            "lossy.layout",
            rule,
            "the line break after the reason code is not kept (the next line follows the code)",
            src,
            None,
        )
    reason = None
    if first.code is not None:
        code = first.code
        reason = CodeOrProprietary(code=code) if len(code) == 4 else CodeOrProprietary(proprietary=code)
    return ReasonInfo(reason=reason, additional_info=tuple(texts))


def reason_lines(
    ctx: Ctx, reason: ReasonInfo | None, src: str, tgt: str, width: int, max_lines: int, rule: str
) -> list[str]:
    """A reason as ``/CODE/first text`` + wrapped further lines (TI006/TI011)."""
    if reason is None:
        return []
    code = reason.reason.value if reason.reason is not None else None
    lines: list[str] = []
    texts = [to_x(ctx, t, f"{src}/AddtlInf", tgt) for t in reason.additional_info]
    head = f"/{code}/" if code else ""
    if texts and len(head) + len(texts[0]) <= width:
        lines.append(head + texts.pop(0))
    elif head:
        lines.append(head)
    for text in texts:
        pieces = wrap_words(text, width) or [" "]
        if len(pieces) > 1:
            ctx.info("lossy.layout", rule, "a text longer than one MT line is wrapped", src, tgt, text)
        lines.extend(pieces)
    if len(lines) > max_lines:
        ctx.truncated(rule, f"{src}/AddtlInf", tgt, "\n".join(lines), "\n".join(lines[:max_lines]), "text")
        lines = lines[:max_lines]
    return lines
