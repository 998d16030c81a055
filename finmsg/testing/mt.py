"""Hypothesis strategies that generate *valid* SWIFT MT messages (MT103, MT202COV, MT940).

Every generated message passes all of finmsg's validation layers, so the
strategies are useful both for property tests (``parse(write(m)) == m``) and
for users who need realistic test traffic::

    from hypothesis import given
    from finmsg.testing.mt import mt103_messages

    @given(mt103_messages())
    def test_my_system(msg): ...
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import strategies as st

from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage

__all__ = ["amounts", "bics", "mt103_messages", "mt202cov_messages", "mt940_messages", "references"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _UPPER + "0123456789"
#: Text characters of the X set that are safe anywhere in a line (no leading ':' or '-' issue).
_TEXT = _ALNUM + _UPPER.lower() + " .,()?+'"
#: (currency, decimals) pairs of real ISO 4217 codes with different minor units.
_CURRENCIES = (("EUR", 2), ("USD", 2), ("GBP", 2), ("CHF", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3))
#: Countries outside the EU/EEA list of MT103 rule C2, so 33B stays optional.
_COUNTRIES = ("US", "CA", "JP", "AU", "SG", "BR", "ZA", "IN")


def references() -> st.SearchStrategy[str]:
    """Field-20 style references: 1-16 chars, no leading/trailing '/' and no '//' (T26)."""
    return st.text(_ALNUM, min_size=1, max_size=16)


def bics(countries: tuple[str, ...] = _COUNTRIES) -> st.SearchStrategy[str]:
    """BIC8 or BIC11 with a real country code."""
    return st.tuples(
        st.text(_UPPER, min_size=4, max_size=4),
        st.sampled_from(countries),
        st.text(_ALNUM, min_size=2, max_size=2),
        st.sampled_from(("", "XXX", "ABC", "001")),
    ).map("".join)


@st.composite
def amounts(draw: st.DrawFn, decimals: int) -> str:
    """A SWIFT amount (decimal comma) with at most ``decimals`` decimals and ≤ 15 characters."""
    integer = str(draw(st.integers(min_value=0, max_value=10**10)))
    frac = draw(st.text("0123456789", max_size=decimals))
    return f"{integer},{frac}"


def _lines(max_lines: int, width: int) -> st.SearchStrategy[str]:
    line = st.text(_TEXT, min_size=1, max_size=width).filter(lambda s: s.strip() == s and s != "")
    return st.lists(line, min_size=1, max_size=max_lines).map("\n".join)


def _dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def _lt(bic: str) -> str:
    """The 12-character LT address of a BIC (terminal code ``A``)."""
    return bic[:8] + "A" + (bic[8:] or "XXX")


def _headers(draw: st.DrawFn, mt: str, flag: str | None) -> dict[str, object]:
    sender = draw(bics())
    receiver = draw(bics())
    b3: list[tuple[str, str | None]] = []
    if flag:
        b3.append(("119", flag))
    b3.append(("121", str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4))))
    return {
        "basic_header": BasicHeader(f"F01{_lt(sender)}0000000000"),
        "application_header": ApplicationHeader(f"I{mt}{_lt(receiver)}N"),
        "user_header": tuple(b3),
    }


@st.composite
def mt103_messages(draw: st.DrawFn) -> MtMessage:
    """A valid MT103 (CRED, charges SHA/OUR/BEN with the matching 71F/71G)."""
    ccy, dec = draw(st.sampled_from(_CURRENCIES))
    value_date = draw(_dates())
    amount = draw(amounts(dec))
    fields = [
        MtField("20", draw(references())),
        MtField("23B", "CRED"),
        MtField("32A", _yymmdd(value_date) + ccy + amount),
    ]
    charges = draw(st.sampled_from(("SHA", "OUR", "BEN")))
    if charges == "BEN" or draw(st.booleans()):  # 71F (BEN) makes 33B mandatory (D51)
        fields.append(MtField("33B", ccy + amount))
    fields.append(
        MtField("50K", "/" + draw(st.text(_ALNUM, min_size=1, max_size=34)) + "\n" + draw(_lines(4, 35)))
    )
    if draw(st.booleans()):
        fields.append(MtField("52A", draw(bics())))
    if draw(st.booleans()):
        fields.append(MtField("57A", draw(bics())))
    fields.append(
        MtField("59", "/" + draw(st.text(_ALNUM, min_size=1, max_size=34)) + "\n" + draw(_lines(4, 35)))
    )
    if draw(st.booleans()):
        fields.append(MtField("70", draw(_lines(4, 35))))
    fields.append(MtField("71A", charges))
    if charges == "BEN":
        fields.append(MtField("71F", ccy + draw(amounts(dec))))
    if draw(st.booleans()):
        fields.append(MtField("72", "/ACC/" + draw(st.text(_ALNUM, min_size=1, max_size=25))))
    return MtMessage(message_type="103", fields=tuple(fields), **_headers(draw, "103", None))  # type: ignore[arg-type]


@st.composite
def mt202cov_messages(draw: st.DrawFn) -> MtMessage:
    """A valid MT202COV with the underlying customer transfer in sequence B."""
    ccy, dec = draw(st.sampled_from(_CURRENCIES))
    amount = draw(amounts(dec))
    fields = [
        MtField("20", draw(references())),
        MtField("21", draw(references())),
        MtField("32A", _yymmdd(draw(_dates())) + ccy + amount),
        MtField("52A", draw(bics())),
    ]
    if draw(st.booleans()):
        fields += [MtField("56A", draw(bics())), MtField("57A", draw(bics()))]
    fields.append(MtField("58A", draw(bics())))
    fields.append(MtField("50K", draw(_lines(4, 35))))
    fields.append(
        MtField("59", "/" + draw(st.text(_ALNUM, min_size=1, max_size=34)) + "\n" + draw(_lines(4, 35)))
    )
    if draw(st.booleans()):
        fields.append(MtField("70", draw(_lines(4, 35))))
    if draw(st.booleans()):
        fields.append(MtField("33B", ccy + amount))
    return MtMessage(message_type="202COV", fields=tuple(fields), **_headers(draw, "202", "COV"))  # type: ignore[arg-type]


@st.composite
def mt940_messages(draw: st.DrawFn, max_transactions: int = 20) -> MtMessage:
    """A valid MT940 whose closing balance is the opening balance plus the entries."""
    ccy, dec = draw(st.sampled_from(_CURRENCIES))
    start = draw(_dates())
    unit = 10**dec
    opening = draw(st.integers(min_value=-(10**9), max_value=10**9))

    def money(minor: int) -> str:
        text = f"{abs(minor) // unit},{abs(minor) % unit:0{dec}d}" if dec else f"{abs(minor)},"
        return text

    def balance(tag: str, minor: int, d: date) -> MtField:
        return MtField(tag, ("C" if minor >= 0 else "D") + _yymmdd(d) + ccy + money(minor))

    fields = [
        MtField("20", draw(references())),
        MtField("25", draw(st.text(_ALNUM, min_size=5, max_size=34))),
        MtField("28C", f"{draw(st.integers(1, 99999))}/{draw(st.integers(1, 99999))}"),
        balance("60F", opening, start),
    ]
    total = opening
    for i in range(draw(st.integers(min_value=0, max_value=max_transactions))):
        d = start + timedelta(days=i // 5)
        minor = draw(st.integers(min_value=-(10**7), max_value=10**7).filter(lambda v: v != 0))
        total += minor
        mark = "C" if minor > 0 else "D"
        ref = draw(st.text(_ALNUM, min_size=1, max_size=16))
        code = draw(st.sampled_from(("TRF", "MSC", "CHK")))
        line = f"{_yymmdd(d)}{d.strftime('%m%d')}{mark}{money(minor)}N{code}{ref}"
        if draw(st.booleans()):
            line += "//" + draw(st.text(_ALNUM, min_size=1, max_size=16))
        fields.append(MtField("61", line))
        if draw(st.booleans()):
            fields.append(MtField("86", draw(_lines(6, 65))))
    end = start + timedelta(days=max_transactions // 5 + 1)
    fields.append(balance("62F", total, end))
    return MtMessage(message_type="940", fields=tuple(fields), **_headers(draw, "940", None))  # type: ignore[arg-type]
