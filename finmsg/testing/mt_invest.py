"""Hypothesis strategies for valid MT192 / MT292 cancellation requests.

Kept apart from :mod:`finmsg.testing.mt` so the investigation pairs grow their
generators without editing the payment ones. Every generated message passes
finmsg's MT validation::

    from hypothesis import given
    from finmsg.testing.mt_invest import cancellation_requests

    @given(cancellation_requests())
    def test_my_case_handling(msg): ...
"""

from __future__ import annotations

import uuid
from datetime import date

from hypothesis import strategies as st

from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.testing.mt import amounts, bics, references

__all__ = ["cancellation_requests"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TEXT = _UPPER + "0123456789 .,()?+'"
_CURRENCIES = (("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3))
_REASONS = ("AGNT", "AM09", "COVR", "CURR", "CUST", "CUTA", "DUPL", "FRAD", "FRTR", "SYAD", "TECH", "UPAY")


def _lt(bic: str) -> str:
    return bic[:8] + "A" + (bic[8:] or "XXX")


@st.composite
def cancellation_requests(draw: st.DrawFn, mt: str | None = None) -> MtMessage:
    """A valid MT192 or MT292 with 11S, a 79 reason (code + text lines) and/or a copy of 32A."""
    kind = mt or draw(st.sampled_from(("192", "292")))
    original = "103" if kind == "192" else draw(st.sampled_from(("200", "202", "205")))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    fields = [
        MtField("20", draw(references())),
        MtField("21", draw(references())),
        MtField("11S", f"{original}\n{day:%y%m%d}"),
    ]
    with_79 = draw(st.booleans())
    if with_79:
        first = f"/{draw(st.sampled_from(_REASONS))}/" + draw(st.text(_TEXT, max_size=40)).strip()
        rest = draw(st.lists(st.text(_TEXT, min_size=1, max_size=50).map(str.strip).filter(bool), max_size=3))
        fields.append(MtField("79", "\n".join([first, *rest])))
    if not with_79 or draw(st.booleans()):
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
