"""Field 76 (answers) of MT n96 ↔ Sts/Conf, TxCxlSts and CxlStsRsnInf of camt.029 (TI032, TI033).

Line 1 of 76 is ``/4c/[supplement 1][/supplement 2]``: the answer code
(CNCL, PDCR, RJCR), then a reason code such as AC04 or LEGL, then text; further
lines are ``//`` continuations. Reading and writing live together so the two
directions stay exact inverses: a text written back always goes after ``/``
(``/RJCR//TEXT`` when there is no reason code) so it is never mistaken for a
code, and every layout the inverse cannot reproduce is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finmsg.errors import ConversionError
from finmsg.translate import resolution_rules  # noqa: F401  (registers the TI03x rule ids)
from finmsg.translate.context import Ctx
from finmsg.translate.text import to_x, wrap_words

__all__ = ["ANSWER_TO_TX", "TX_TO_ANSWER", "Answer", "format_answer", "parse_answer"]

#: Answer code ↔ the camt.029 individual cancellation status (CancellationIndividualStatus1Code).
ANSWER_TO_TX = {"CNCL": "ACCR", "PDCR": "PDCR", "RJCR": "RJCR"}
TX_TO_ANSWER = {tx: answer for answer, tx in ANSWER_TO_TX.items()}

_WIDTH = 35
_LINES = 6
_ANSWER = re.compile(r"/([A-Z0-9]{4})/(.*)\Z", re.S)
_REASON = re.compile(r"([A-Z0-9]{4})(?:/(.*))?\Z", re.S)


@dataclass(frozen=True, slots=True)
class Answer:
    """The content of field 76: answer code, optional reason code, the text pieces in order."""

    code: str
    reason: str | None
    texts: tuple[str, ...]


def parse_answer(ctx: Ctx, value: str, src: str, tgt: str) -> Answer:
    """76 as an :class:`Answer`; a line 1 without ``/4c/`` has no camt.029 status (typed error)."""
    lines = value.split("\n")
    head = _ANSWER.match(lines[0])
    if head is None:
        raise ConversionError(
            "76 line 1 carries no /4c/ answer code (CNCL, PDCR, RJCR): no camt.029 status",
            code="translate.missing",
            path=src,
            value=lines[0],
        )
    rest = head.group(2)
    reason = None
    texts: list[str] = []
    layout = False
    if rest.startswith("/"):
        texts.append(rest[1:])
    elif (m := _REASON.match(rest)) is not None:
        reason = m.group(1)
        texts.append(m.group(2) or "")
        layout = m.group(2) == ""
    else:
        texts.append(rest)
        layout = bool(rest)
    if not texts[0]:
        texts.pop()
        layout = layout or len(lines) > 1
    for line in lines[1:]:
        if line.startswith("//"):
            text = line[2:]
            layout = layout or _ANSWER.match(text) is not None or not text
        else:
            text = line
            layout = layout or _ANSWER.match(line) is None
        if text:
            texts.append(text)
    if layout:
        ctx.info(
            "lossy.layout",
            "TI033",
            "the line layout of 76 is not kept: the way back writes text after '/' on line 1 "
            "and '//' before each further line",
            src,
            tgt,
            value,
        )
    return Answer(head.group(1), reason, tuple(texts))


def format_answer(ctx: Ctx, answer: Answer, src: str, tgt: str) -> str:
    """76 from an :class:`Answer` (X set, 6 lines of 35; cut lines are reported, TI033)."""
    texts = [to_x(ctx, t, src, tgt) for t in answer.texts]
    first = f"/{answer.code}/{answer.reason or ''}"
    if texts and len(first) + 1 + len(texts[0]) <= _WIDTH:
        first += "/" + texts.pop(0)
    lines = [first]
    for text in texts:
        prefix = "" if _ANSWER.match(text) else "//"
        pieces = wrap_words(text, _WIDTH - len(prefix))
        if len(pieces) > 1:
            ctx.info("lossy.layout", "TI033", "a text longer than one 76 line is wrapped", src, tgt, text)
        lines.extend(prefix + piece for piece in pieces)
    if len(lines) > _LINES:
        ctx.truncated("TI033", src, tgt, "\n".join(lines), "\n".join(lines[:_LINES]), "answer text")
        lines = lines[:_LINES]
    return "\n".join(lines)
