"""Hypothesis strategies for valid MT900 / MT910 confirmations (debit and credit notifications).

Kept apart from :mod:`finmsg.testing.mt` so that the notification and report
pairs can grow their generators without editing the payment ones. Every
generated message passes finmsg's MT validation, including MT910 rule C1
(50a or 52a, not both)::

    from hypothesis import given
    from finmsg.testing.mt_reports import confirmation_messages

    @given(confirmation_messages())
    def test_my_reconciliation(msg): ...
"""

from __future__ import annotations

import uuid
from datetime import date

from hypothesis import strategies as st

from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.testing.mt import amounts, bics, references

__all__ = ["confirmation_messages"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _UPPER + "0123456789"
_TEXT = _ALNUM + " .,()?+'"
_CURRENCIES = (("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("CHF", 2))


def _lt(bic: str) -> str:
    return bic[:8] + "A" + (bic[8:] or "XXX")


def _line(width: int) -> st.SearchStrategy[str]:
    return st.text(_TEXT, min_size=1, max_size=width).filter(lambda s: s.strip() == s)


def _offset() -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from("+-"), st.integers(0, 13), st.sampled_from((0, 30, 45))).map(
        lambda t: f"{t[0]}{t[1]:02d}{t[2]:02d}"
    )


@st.composite
def confirmation_messages(draw: st.DrawFn, mt: str | None = None) -> MtMessage:
    """A valid MT900 or MT910 (``mt`` picks one), with optional 13D, 52A, 56A, 72 and a UETR."""
    kind = mt or draw(st.sampled_from(("900", "910")))
    ccy, dec = draw(st.sampled_from(_CURRENCIES))
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    account = draw(st.text(_ALNUM + "-", min_size=1, max_size=34).filter(lambda s: not s.startswith("-")))
    fields = [MtField("20", draw(references())), MtField("21", draw(references()))]
    if draw(st.booleans()):
        fields.append(MtField("25P", f"{account}\n{draw(bics())}"))
    else:
        fields.append(MtField("25", account))
    if draw(st.booleans()):
        stamp = f"{day:%y%m%d}{draw(st.integers(0, 23)):02d}{draw(st.integers(0, 59)):02d}"
        fields.append(MtField("13D", stamp + draw(_offset())))
    fields.append(MtField("32A", f"{day:%y%m%d}{ccy}{draw(amounts(dec))}"))
    use_50 = kind == "910" and draw(st.booleans())
    if use_50:
        body = "\n".join(draw(st.lists(_line(35), min_size=1, max_size=3)))
        fields.append(MtField("50K", f"/{draw(st.text(_ALNUM, min_size=1, max_size=34))}\n{body}"))
    elif kind == "910" or draw(st.booleans()):
        fields.append(MtField("52A", draw(bics())))
    if kind == "910" and draw(st.booleans()):
        fields.append(MtField("56A", draw(bics())))
    if draw(st.booleans()):
        fields.append(MtField("72", "/BNF/" + draw(_line(30))))
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
