"""Hypothesis strategies for valid MT196 / MT296 answers to a cancellation request.

Kept apart from :mod:`finmsg.testing.mt_invest` (the n92 requests) so each pair
grows its generators on its own. Every generated message passes finmsg's MT
validation and uses the 76 layout that camt.029 carries exactly
(``/ANSWER/[REASON][/TEXT]`` then ``//`` lines)::

    from hypothesis import given
    from finmsg.testing.mt_resolution import resolution_answers

    @given(resolution_answers())
    def test_my_answer_handling(msg): ...
"""

from __future__ import annotations

import uuid
from datetime import date

from hypothesis import strategies as st

from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.testing.mt import amounts, bics, references

__all__ = ["resolution_answers"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TEXT = _UPPER + "0123456789 .,()?+'"
_CURRENCIES = (("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3))
_ANSWERS = ("CNCL", "PDCR", "RJCR")
_REASONS = ("AC04", "AGNT", "AM04", "ARDT", "CUST", "INDM", "LEGL", "NOAS", "NOOR", "PTNA", "RQDA")


def _lt(bic: str) -> str:
    return bic[:8] + "A" + (bic[8:] or "XXX")


def _words(max_size: int) -> st.SearchStrategy[str]:
    """Text that starts and ends with a letter (so no layout-changing blanks or slashes)."""
    return st.text(_TEXT, min_size=1, max_size=max_size).map(lambda t: "A" + t.strip() + "Z")


@st.composite
def _answer(draw: st.DrawFn) -> str:
    code = draw(st.sampled_from(_ANSWERS))
    reason = draw(st.one_of(st.none(), st.sampled_from(_REASONS)))
    first = f"/{code}/{reason or ''}"
    more = draw(st.lists(_words(30), max_size=4))
    text = draw(st.one_of(st.none(), _words(35 - len(first) - 3)))
    if text is not None:
        first += "/" + text
    elif more:  # a bare first line followed by text would join them (reported, TI033)
        first += "/" + more.pop(0)[: 35 - len(first) - 1]
    return "\n".join([first, *("//" + line for line in more)])


@st.composite
def resolution_answers(draw: st.DrawFn, mt: str | None = None) -> MtMessage:
    """A valid MT196 or MT296 with 76, optionally 77A, 11R and a copy of the original's 20 and 32A."""
    kind = mt or draw(st.sampled_from(("196", "296")))
    fields = [
        MtField("20", draw(references())),
        MtField("21", draw(references())),
        MtField("76", draw(_answer())),
    ]
    if draw(st.booleans()):
        fields.append(MtField("77A", "\n".join(draw(st.lists(_words(30), min_size=1, max_size=3)))))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    with_11r = draw(st.booleans())
    if with_11r:
        fields.append(MtField("11R", f"{kind[0]}92\n{day:%y%m%d}"))
    if draw(st.booleans()):
        fields.append(MtField("20", draw(references())))
        ccy, dec = draw(st.sampled_from(_CURRENCIES))
        fields.append(MtField("32A", f"{day:%y%m%d}{ccy}{draw(amounts(dec))}"))
    user: tuple[tuple[str, str | None], ...] = ()
    if draw(st.booleans()):
        user = (("121", str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4))),)
    return MtMessage(
        message_type=kind,
        basic_header=BasicHeader(f"F01{_lt(draw(bics()))}0000000000"),
        application_header=ApplicationHeader(f"I{kind}{_lt(draw(bics()))}N"),
        user_header=user or None,
        fields=tuple(fields),
    )
